//===- nccl/Mpi.cpp - MPI, loaded when a communicator spans processes -----===//
//
// Part of Tongxin. See Mpi.h.
//
//===----------------------------------------------------------------------===//

#include "Mpi.h"

#include "Errors.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <string>

namespace tx {
namespace nccl {
namespace mpi {

namespace {

struct Link {
  std::mutex Mutex; ///< Serialises MPI calls when !ThreadMultiple.
  const TxNcclMpiPlugin *Plugin = nullptr;
  bool ThreadMultiple = false;
  int WorldRank = 0, WorldSize = 1;
  ncclResult_t LoadResult = ncclSuccess;
  std::string LoadError;
};

Link &link() {
  static Link *L = new Link; // Used from atexit handlers: never destroyed.
  return *L;
}

/// libtongxin-nccl-mpi.so beside libnccl.so, or $TONGXIN_NCCL_MPI_PLUGIN.
std::string pluginPath() {
  if (const char *Path = std::getenv("TONGXIN_NCCL_MPI_PLUGIN"))
    return Path;
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&pluginPath), &Info) && Info.dli_fname) {
    std::string Self = Info.dli_fname;
    size_t Slash = Self.rfind('/');
    if (Slash != std::string::npos)
      return Self.substr(0, Slash + 1) + "libtongxin-nccl-mpi.so";
  }
  return "libtongxin-nccl-mpi.so";
}

void load(Link &L) {
  std::string Path = pluginPath();
  void *Handle = dlopen(Path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (!Handle) {
    L.LoadResult = ncclSystemError;
    L.LoadError = std::string("a communicator across processes needs MPI "
                              "(Open MPI's libmpi.so.40, Debian package "
                              "libopenmpi3): cannot load ") +
                  Path + ": " + dlerror();
    return;
  }
  using Entry = const TxNcclMpiPlugin *(*)();
  auto Get = reinterpret_cast<Entry>(dlsym(Handle, "txNcclMpiPlugin"));
  const TxNcclMpiPlugin *P = Get ? Get() : nullptr;
  if (!P || P->Version != TX_NCCL_MPI_PLUGIN_VERSION) {
    L.LoadResult = ncclSystemError;
    L.LoadError = Path + " is not this library's MPI plugin";
    return;
  }
  char Message[256] = "";
  int Multiple = 0;
  if (P->initialize(&L.WorldRank, &L.WorldSize, &Multiple, Message,
                    sizeof(Message)) != TX_MPI_OK) {
    L.LoadResult = ncclSystemError;
    L.LoadError = std::string("cannot initialise MPI: ") + Message;
    return;
  }
  L.ThreadMultiple = Multiple != 0;
  L.Plugin = P;
}

/// Runs F under the link's mutex unless MPI is thread-safe.
template <class Fn> auto call(Fn &&F) {
  Link &L = link();
  if (L.ThreadMultiple)
    return F(*L.Plugin);
  std::lock_guard<std::mutex> Lock(L.Mutex);
  return F(*L.Plugin);
}

long envInt(const char *Name) {
  const char *Value = std::getenv(Name);
  if (!Value || !*Value)
    return -1;
  char *End = nullptr;
  long N = std::strtol(Value, &End, 10);
  return *End ? -1 : N;
}

} // namespace

bool launchedAsJob(int *WorldRank) {
  // Open MPI, then the PMI variables of MPICH and Slurm.
  static const char *const Pairs[][2] = {
      {"OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"},
      {"PMI_SIZE", "PMI_RANK"},
      {"PMIX_SIZE", "PMIX_RANK"}};
  for (const auto &Pair : Pairs) {
    long Size = envInt(Pair[0]), Rank = envInt(Pair[1]);
    if (Size > 1 && Rank >= 0 && Rank < Size) {
      *WorldRank = int(Rank);
      return true;
    }
  }
  return false;
}

ncclResult_t ensure() {
  static std::once_flag Once;
  Link &L = link();
  std::call_once(Once, [&] { load(L); });
  if (L.LoadResult != ncclSuccess)
    return fail(L.LoadResult, "%s", L.LoadError.c_str());
  return ncclSuccess;
}

int worldRank() { return link().WorldRank; }

int isend(const void *Data, size_t Bytes, int Dest, int Tag, void *Comm,
          void **Request) {
  return call([&](const TxNcclMpiPlugin &P) {
    return P.isend(Data, Bytes, Dest, Tag, Comm, Request);
  });
}

int irecv(void *Data, size_t Bytes, int Source, int Tag, void *Comm,
          void **Request) {
  return call([&](const TxNcclMpiPlugin &P) {
    return P.irecv(Data, Bytes, Source, Tag, Comm, Request);
  });
}

int test(void *Request, int *Done, size_t *Bytes) {
  return call(
      [&](const TxNcclMpiPlugin &P) { return P.test(Request, Done, Bytes); });
}

void cancel(void *Request) {
  call([&](const TxNcclMpiPlugin &P) {
    P.cancel(Request);
    return 0;
  });
}

int receiveAny(int Tag, void *Buffer, size_t Capacity, int *Received,
               int *Source, size_t *Bytes) {
  return call([&](const TxNcclMpiPlugin &P) {
    return P.receiveAny(Tag, Buffer, Capacity, Received, Source, Bytes);
  });
}

int createComm(const int *WorldRanks, int Count, unsigned long long Key,
               void **Comm) {
  // Blocking and collective over the members: under a serialised MPI, the
  // process's other MPI calls wait for it (see docs/nccl.md on
  // MPI_THREAD_MULTIPLE).
  return call([&](const TxNcclMpiPlugin &P) {
    return P.createComm(WorldRanks, Count, Key, Comm);
  });
}

void freeComm(void *Comm) {
  call([&](const TxNcclMpiPlugin &P) {
    P.freeComm(Comm);
    return 0;
  });
}

const char *lastError() { return link().Plugin->lastError(); }

} // namespace mpi
} // namespace nccl
} // namespace tx
