//===- mpi/PersistentRequests.cpp - Persistent requests on device memory --===//
//
// Part of Tongxin. See PersistentRequests.h. Defines the persistent
// requests' init calls, MPI_Start and MPI_Startall; PendingRequests.cpp's
// waits and tests call completePersistent, and its MPI_Request_free
// freePersistent.
//
//===----------------------------------------------------------------------===//

#include "PersistentRequests.h"
#include "PendingRequests.h"

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>

using namespace tx::mpi;

namespace {

/// A persistent request's host copy, and whether the request is started.
struct Persistent {
  std::unique_ptr<StagedBuffer> Buffer;
  bool Started = false;
};

class PersistentTable {
public:
  void add(MPI_Request Request, std::unique_ptr<StagedBuffer> Buffer) {
    put(Request, Persistent{std::move(Buffer)});
  }
  /// Takes Request's record out (Found false if it has none).
  Persistent take(MPI_Request Request, bool *Found) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Requests.find(Request);
    *Found = It != Requests.end();
    if (!*Found)
      return Persistent();
    Persistent P = std::move(It->second);
    Requests.erase(It);
    Count.store(Requests.size(), std::memory_order_relaxed);
    return P;
  }
  void put(MPI_Request Request, Persistent P) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Requests[Request] = std::move(P);
    Count.store(Requests.size(), std::memory_order_relaxed);
  }
  /// Calls Fn(Record) under the table's lock if Request has a host copy;
  /// returns Fn's result, or Otherwise.
  template <class Fn> int with(MPI_Request Request, int Otherwise, Fn F) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Requests.find(Request);
    return It == Requests.end() ? Otherwise : F(It->second);
  }
  bool empty() const { return Count.load(std::memory_order_relaxed) == 0; }

private:
  std::mutex Mutex;
  std::map<MPI_Request, Persistent> Requests;
  std::atomic<size_t> Count{0};
};

PersistentTable &table() {
  static PersistentTable *Table = new PersistentTable; // Outlives MPI.
  return *Table;
}

/// A persistent send or receive: on private device memory, made on a host
/// copy that the table keeps with the request.
using Init = int (*)(const void *, int, MPI_Datatype, int, int, MPI_Comm,
                     MPI_Request *);
int stagedInit(Init Make, Direction Dir, const void *Buf, int Count,
               MPI_Datatype Type, int Peer, int Tag, MPI_Comm Comm,
               MPI_Request *Request) {
  if (!inPrivateDeviceMemory(Buf))
    return Make(Buf, Count, Type, Peer, Tag, Comm, Request);
  auto Buffer = std::make_unique<StagedBuffer>();
  int Err = MPI_SUCCESS;
  void *Host = Buffer->prepare(Buf, Count, Type, Dir, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  int Result = Make(Host, Count, Type, Peer, Tag, Comm, Request);
  if (Result == MPI_SUCCESS && Buffer->staged()) {
    forgetPending(*Request);
    table().add(*Request, std::move(Buffer));
  }
  return Result;
}

int recvInit(const void *Buf, int Count, MPI_Datatype Type, int Source, int Tag,
             MPI_Comm Comm, MPI_Request *Request) {
  return PMPI_Recv_init(const_cast<void *>(Buf), Count, Type, Source, Tag, Comm,
                        Request);
}

/// Before MPI starts Requests: their host copies take the device's bytes.
int beforeStart(int N, const MPI_Request Requests[]) {
  for (int I = 0; I < N; ++I)
    if (int Err = table().with(Requests[I], MPI_SUCCESS, [](Persistent &P) {
          return P.Buffer->refresh();
        }))
      return Err;
  return MPI_SUCCESS;
}

/// Marks Requests started (or not, after MPI refused to start them):
/// before MPI's call, so that a test racing with the start cannot complete
/// one unseen.
void markStarted(int N, const MPI_Request Requests[], bool Started) {
  for (int I = 0; I < N; ++I)
    table().with(Requests[I], 0, [Started](Persistent &P) {
      P.Started = Started;
      return 0;
    });
}

/// MPI_Start or MPI_Startall (Start) of Requests, whose host copies first
/// take the device's bytes.
template <class StartFn>
int startStaged(int N, MPI_Request Requests[], StartFn Start) {
  if (table().empty())
    return Start();
  if (int Err = beforeStart(N, Requests))
    return Err;
  markStarted(N, Requests, true);
  int Result = Start();
  if (Result != MPI_SUCCESS)
    markStarted(N, Requests, false);
  return Result;
}

} // namespace

bool tx::mpi::anyPersistent() { return !table().empty(); }

int tx::mpi::completePersistent(MPI_Request Request, bool Cancelled) {
  if (table().empty())
    return MPI_SUCCESS;
  return table().with(Request, MPI_SUCCESS, [&](Persistent &P) {
    bool Started = P.Started;
    P.Started = false;
    if (!Started || Cancelled || !P.Buffer->written())
      return MPI_SUCCESS;
    return P.Buffer->finish(MPI_SUCCESS);
  });
}

bool tx::mpi::freePersistent(MPI_Request *Request, int *Result) {
  if (table().empty())
    return false;
  // Taken out before MPI frees the handle: MPI may give it to another
  // thread's new request at once, whose record must not be dropped.
  MPI_Request Handle = *Request;
  bool Found;
  Persistent P = table().take(Handle, &Found);
  if (!Found)
    return false;
  if (P.Started) {
    table().put(Handle, std::move(P));
    std::fprintf(stderr,
                 "tongxin: MPI_Request_free on a started persistent request "
                 "whose buffer is in memory of a device the host cannot "
                 "address is not supported (its host copy must stay until a "
                 "wait or test completes it); wait for the request first\n");
    *Result = MPI_ERR_REQUEST;
    return true;
  }
  *Result = PMPI_Request_free(Request);
  if (*Result != MPI_SUCCESS)
    table().put(Handle, std::move(P));
  return true;
}

extern "C" {

#pragma GCC visibility push(default)

int MPI_Send_init(const void *Buf, int Count, MPI_Datatype Type, int Dest,
                  int Tag, MPI_Comm Comm, MPI_Request *Request) {
  return stagedInit(PMPI_Send_init, Direction::In, Buf, Count, Type, Dest, Tag,
                    Comm, Request);
}

int MPI_Bsend_init(const void *Buf, int Count, MPI_Datatype Type, int Dest,
                   int Tag, MPI_Comm Comm, MPI_Request *Request) {
  return stagedInit(PMPI_Bsend_init, Direction::In, Buf, Count, Type, Dest, Tag,
                    Comm, Request);
}

int MPI_Ssend_init(const void *Buf, int Count, MPI_Datatype Type, int Dest,
                   int Tag, MPI_Comm Comm, MPI_Request *Request) {
  return stagedInit(PMPI_Ssend_init, Direction::In, Buf, Count, Type, Dest, Tag,
                    Comm, Request);
}

int MPI_Rsend_init(const void *Buf, int Count, MPI_Datatype Type, int Dest,
                   int Tag, MPI_Comm Comm, MPI_Request *Request) {
  return stagedInit(PMPI_Rsend_init, Direction::In, Buf, Count, Type, Dest, Tag,
                    Comm, Request);
}

int MPI_Recv_init(void *Buf, int Count, MPI_Datatype Type, int Source, int Tag,
                  MPI_Comm Comm, MPI_Request *Request) {
  return stagedInit(recvInit, Direction::Out, Buf, Count, Type, Source, Tag,
                    Comm, Request);
}

int MPI_Start(MPI_Request *Request) {
  return startStaged(1, Request, [&] { return PMPI_Start(Request); });
}

int MPI_Startall(int N, MPI_Request Requests[]) {
  return startStaged(N, Requests, [&] { return PMPI_Startall(N, Requests); });
}

#pragma GCC visibility pop

} // extern "C"
