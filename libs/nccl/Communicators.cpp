//===- nccl/Communicators.cpp - Creating and destroying communicators -----===//
//
// Part of Tongxin. The ncclComm* entry points: argument checks, then
// Bootstrap for the rendezvous and Group for deferral inside groups.
//
//===----------------------------------------------------------------------===//

#include "Bootstrap.h"
#include "Errors.h"
#include "Exchange.h"
#include "Group.h"

#include "cuda_runtime_api.h"

#include <algorithm>
#include <numeric>

using namespace tx::nccl;

namespace {

constexpr unsigned ConfigMagic = 0xcafebeef;

/// Reads the attributes Tongxin honours from Config (null: defaults).
ncclResult_t readConfig(const ncclConfig_t *Config, bool *Blocking) {
  *Blocking = true;
  if (!Config)
    return ncclSuccess;
  if (Config->magic != ConfigMagic ||
      Config->size < offsetof(ncclConfig_t, cgaClusterSize))
    return fail(ncclInvalidArgument,
                "the ncclConfig_t was not initialised with "
                "NCCL_CONFIG_INITIALIZER");
  if (Config->blocking != NCCL_CONFIG_UNDEF_INT && Config->blocking != 0 &&
      Config->blocking != 1)
    return fail(ncclInvalidArgument, "config blocking must be 0 or 1, not %d",
                Config->blocking);
  // Non-blocking communicators are created before the call returns too:
  // ncclCommGetAsyncError then reports ncclSuccess, which NCCL allows.
  *Blocking = Config->blocking != 0;
  return ncclSuccess;
}

ncclResult_t currentDevice(int *Device) {
  if (cudaGetDevice(Device) != cudaSuccess)
    return fail(ncclUnhandledCudaError, "cudaGetDevice failed: no device");
  return ncclSuccess;
}

ncclResult_t makeRank(std::shared_ptr<CommShared> Shared, int Rank, int Device,
                      bool Blocking, ncclComm_t *Comm) {
  auto State = std::make_shared<RankState>();
  Shared->LiveHandles.fetch_add(1);
  State->Shared = std::move(Shared);
  State->Rank = Rank;
  State->Device = Device;
  State->Blocking = Blocking;
  *Comm = makeHandle(std::move(State));
  return ncclSuccess;
}

ncclResult_t initRank(ncclComm_t *Comm, int NRanks, ncclUniqueId Id, int Rank,
                      int Device, bool Blocking) {
  std::shared_ptr<CommShared> Shared;
  TX_NCCL_TRY(joinById(Id, NRanks, Rank, &Shared));
  return makeRank(std::move(Shared), Rank, Device, Blocking, Comm);
}

/// Waits until every operation Rank enqueued has run.
void waitForOperations(RankState &Rank) {
  std::unique_lock<std::mutex> Lock(Rank.FlightMutex);
  Rank.Landed.wait(Lock, [&] { return Rank.InFlight == 0; });
}

/// Mixes a parent communicator's token, the split's sequence number and
/// the colour into the child's token (the same on every rank).
void childToken(const uint64_t Parent[2], uint64_t Split, int Color,
                uint64_t Out[2]) {
  auto Mix = [](uint64_t X) {
    X ^= X >> 33;
    X *= 0xff51afd7ed558ccdULL;
    X ^= X >> 33;
    X *= 0xc4ceb9fe1a85ec53ULL;
    return X ^ (X >> 33);
  };
  Out[0] = Mix(Parent[0] ^ Mix(Split + 0x9e3779b97f4a7c15ULL));
  Out[1] = Mix(Parent[1] ^ Mix(uint64_t(uint32_t(Color)) + Split));
}

ncclResult_t split(std::shared_ptr<RankState> Parent, int Color, int Key,
                   ncclComm_t *NewComm, bool Blocking) {
  int N = Parent->nranks(), R = Parent->Rank;
  std::vector<int> Pairs(size_t(2 * N));
  Pairs[size_t(2 * R)] = Color;
  Pairs[size_t(2 * R + 1)] = Key;
  {
    Exchange X(*Parent, ControlChannel);
    for (int Q = 0; Q < N; ++Q) {
      if (Q == R)
        continue;
      X.send(Q, &Pairs[size_t(2 * R)], 2 * sizeof(int));
      X.recv(Q, &Pairs[size_t(2 * Q)], 2 * sizeof(int));
    }
    TX_NCCL_TRY(X.wait());
  }
  uint64_t Sequence = ++Parent->Splits;
  *NewComm = nullptr;
  if (Color == NCCL_SPLIT_NOCOLOR)
    return ncclSuccess;
  std::vector<int> Members;
  for (int Q = 0; Q < N; ++Q)
    if (Pairs[size_t(2 * Q)] == Color)
      Members.push_back(Q);
  std::stable_sort(Members.begin(), Members.end(), [&](int A, int B) {
    return Pairs[size_t(2 * A + 1)] < Pairs[size_t(2 * B + 1)];
  });
  std::vector<int> WorldOf;
  int NewRank = 0;
  for (size_t I = 0; I < Members.size(); ++I) {
    WorldOf.push_back(Parent->Shared->WorldOf[size_t(Members[I])]);
    if (Members[I] == R)
      NewRank = int(I);
  }
  uint64_t Token[2];
  childToken(Parent->Shared->Token, Sequence, Color, Token);
  std::shared_ptr<CommShared> Shared;
  TX_NCCL_TRY(joinByTable(Token, WorldOf, NewRank, &Shared));
  return makeRank(std::move(Shared), NewRank, Parent->Device, Blocking,
                  NewComm);
}

/// The entry points that read one property of a communicator.
template <class Fn>
ncclResult_t queryComm(ncclComm_t Comm, int *Out, const char *Name, Fn Read) {
  std::shared_ptr<RankState> State = lookup(Comm);
  if (!State)
    return ncclInvalidArgument;
  if (!Out)
    return fail(ncclInvalidArgument, "%s is NULL", Name);
  *Out = Read(*State);
  return ncclSuccess;
}

} // namespace

extern "C" {

NCCLAPI ncclResult_t ncclGetUniqueId(ncclUniqueId *UniqueId) {
  if (!UniqueId)
    return fail(ncclInvalidArgument, "uniqueId is NULL");
  return createUniqueId(UniqueId);
}

NCCLAPI ncclResult_t ncclCommInitRankConfig(ncclComm_t *Comm, int NRanks,
                                            ncclUniqueId Id, int Rank,
                                            ncclConfig_t *Config) {
  if (!Comm)
    return noteGroupError(fail(ncclInvalidArgument, "comm is NULL"));
  *Comm = nullptr;
  if (NRanks < 1)
    return noteGroupError(
        fail(ncclInvalidArgument, "nranks must be at least 1, not %d", NRanks));
  if (NRanks > MaxRanks)
    return noteGroupError(fail(ncclInvalidArgument,
                               "nranks %d: at most %d are supported", NRanks,
                               MaxRanks));
  if (Rank < 0 || Rank >= NRanks)
    return noteGroupError(
        fail(ncclInvalidArgument, "rank %d is outside [0, %d)", Rank, NRanks));
  bool Blocking = true;
  int Device = 0;
  TX_NCCL_TRY(noteGroupError(readConfig(Config, &Blocking)));
  TX_NCCL_TRY(noteGroupError(currentDevice(&Device)));
  if (inGroup()) {
    deferTask(nullptr, [=] {
      return initRank(Comm, NRanks, Id, Rank, Device, Blocking);
    });
    return ncclSuccess;
  }
  return initRank(Comm, NRanks, Id, Rank, Device, Blocking);
}

NCCLAPI ncclResult_t ncclCommInitRank(ncclComm_t *Comm, int NRanks,
                                      ncclUniqueId Id, int Rank) {
  return ncclCommInitRankConfig(Comm, NRanks, Id, Rank, nullptr);
}

NCCLAPI ncclResult_t ncclCommInitAll(ncclComm_t *Comms, int NDev,
                                     const int *DevList) {
  if (!Comms)
    return fail(ncclInvalidArgument, "comms is NULL");
  if (NDev < 1 || NDev > MaxRanks)
    return fail(ncclInvalidArgument, "ndev must be in [1, %d], not %d",
                MaxRanks, NDev);
  int Devices = 0;
  if (cudaGetDeviceCount(&Devices) != cudaSuccess)
    return fail(ncclUnhandledCudaError, "cudaGetDeviceCount failed");
  for (int I = 0; I < NDev; ++I) {
    int Device = DevList ? DevList[I] : I;
    if (Device < 0 || Device >= Devices)
      return fail(ncclInvalidArgument,
                  "device %d does not exist (%d device%s%s)", Device, Devices,
                  Devices == 1 ? "" : "s",
                  DevList ? ""
                          : "; pass a devlist to put several ranks on one "
                            "device");
  }
  uint64_t Token[2];
  newToken(Token);
  std::vector<int> WorldOf(size_t(NDev), 0);
  for (int I = 0; I < NDev; ++I) {
    std::shared_ptr<CommShared> Shared;
    TX_NCCL_TRY(joinByTable(Token, WorldOf, I, &Shared));
    makeRank(std::move(Shared), I, DevList ? DevList[I] : I, true, &Comms[I]);
  }
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclCommFinalize(ncclComm_t Comm) {
  std::shared_ptr<RankState> State = lookup(Comm);
  if (!State)
    return ncclInvalidArgument;
  waitForOperations(*State);
  return ncclResult_t(State->AsyncError.load());
}

NCCLAPI ncclResult_t ncclCommDestroy(ncclComm_t Comm) {
  if (!Comm)
    return ncclSuccess; // As NVIDIA's NCCL.
  std::shared_ptr<RankState> State = lookup(Comm);
  if (!State)
    return ncclInvalidArgument;
  waitForOperations(*State);
  if (releaseHandle(Comm) && State->Shared->LiveHandles.fetch_sub(1) == 1)
    State->Shared->freeMpiComm(); // Here, not on a stream's thread.
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclCommAbort(ncclComm_t Comm) {
  if (!Comm)
    return ncclSuccess;
  std::shared_ptr<RankState> State = lookup(Comm);
  if (!State)
    return ncclInvalidArgument;
  State->Shared->Aborted.store(true);
  State->Shared->Hub.wakeAll();
  State->recordError(ncclSystemError);
  releaseHandle(Comm);
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclCommSplit(ncclComm_t Comm, int Color, int Key,
                                   ncclComm_t *NewComm, ncclConfig_t *Config) {
  std::shared_ptr<RankState> Parent = lookup(Comm);
  if (!Parent)
    return noteGroupError(ncclInvalidArgument);
  if (!NewComm)
    return noteGroupError(fail(ncclInvalidArgument, "newcomm is NULL"));
  if (Color < 0 && Color != NCCL_SPLIT_NOCOLOR)
    return noteGroupError(fail(ncclInvalidArgument,
                               "color must be non-negative or "
                               "NCCL_SPLIT_NOCOLOR, not %d",
                               Color));
  bool Blocking = Parent->Blocking;
  if (Config)
    TX_NCCL_TRY(noteGroupError(readConfig(Config, &Blocking)));
  *NewComm = nullptr;
  if (inGroup()) {
    deferTask(Parent.get(),
              [=] { return split(Parent, Color, Key, NewComm, Blocking); });
    return ncclSuccess;
  }
  return split(Parent, Color, Key, NewComm, Blocking);
}

NCCLAPI ncclResult_t ncclCommGetAsyncError(ncclComm_t Comm,
                                           ncclResult_t *AsyncError) {
  std::shared_ptr<RankState> State = lookup(Comm);
  if (!State)
    return ncclInvalidArgument;
  if (!AsyncError)
    return fail(ncclInvalidArgument, "asyncError is NULL");
  *AsyncError = ncclResult_t(State->AsyncError.load());
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclCommCount(const ncclComm_t Comm, int *Count) {
  return queryComm(Comm, Count, "count",
                   [](RankState &S) { return S.nranks(); });
}

NCCLAPI ncclResult_t ncclCommCuDevice(const ncclComm_t Comm, int *Device) {
  return queryComm(Comm, Device, "device",
                   [](RankState &S) { return S.Device; });
}

NCCLAPI ncclResult_t ncclCommUserRank(const ncclComm_t Comm, int *Rank) {
  return queryComm(Comm, Rank, "rank", [](RankState &S) { return S.Rank; });
}

NCCLAPI ncclResult_t ncclCommRegister(const ncclComm_t Comm, void *Buff,
                                      size_t Size, void **Handle) {
  if (!lookup(Comm))
    return ncclInvalidArgument;
  if (!Handle || (!Buff && Size))
    return fail(ncclInvalidArgument, "buff or handle is NULL");
  // Every buffer is reachable already: registration only hands back a
  // handle for ncclCommDeregister.
  *Handle = Buff ? Buff : reinterpret_cast<void *>(1);
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclCommDeregister(const ncclComm_t Comm, void *Handle) {
  if (!lookup(Comm))
    return ncclInvalidArgument;
  if (!Handle)
    return fail(ncclInvalidArgument, "handle is NULL");
  return ncclSuccess;
}

} // extern "C"
