//===- nccl/Comm.cpp - Communicators: what their ranks share --------------===//
//
// Part of Tongxin. See Comm.h.
//
//===----------------------------------------------------------------------===//

#include "Comm.h"

#include "Errors.h"
#include "Mpi.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

/// What an ncclComm_t points to: only its address matters (Comm.h).
struct ncclComm {
  int Unused;
};

namespace tx {
namespace nccl {

//===--- LocalHub ---------------------------------------------------------===//

uint64_t LocalHub::key(int Channel, int Source, int Dest) {
  return (uint64_t(uint32_t(Channel)) << 62) ^
         (uint64_t(uint32_t(Source)) << 31) ^ uint64_t(uint32_t(Dest));
}

void LocalHub::post(int Channel, int Source, int Dest, LocalMessage *M) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Queues[key(Channel, Source, Dest)].push_back(M);
    Generation.fetch_add(1);
  }
  Changed.notify_all();
}

LocalMessage *LocalHub::take(int Channel, int Source, int Dest) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Queues.find(key(Channel, Source, Dest));
  if (It == Queues.end() || It->second.empty())
    return nullptr;
  LocalMessage *M = It->second.front();
  It->second.pop_front();
  return M;
}

bool LocalHub::withdraw(int Channel, int Source, int Dest, LocalMessage *M) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Queues.find(key(Channel, Source, Dest));
  if (It == Queues.end())
    return false;
  auto Pos = std::find(It->second.begin(), It->second.end(), M);
  if (Pos == It->second.end())
    return false;
  It->second.erase(Pos);
  return true;
}

void LocalHub::finish(LocalMessage *M, ncclResult_t Result) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    M->Result.store(Result, std::memory_order_release);
    Generation.fetch_add(1);
  }
  Changed.notify_all();
}

void LocalHub::waitForChange(uint64_t Seen, int TimeoutMs) {
  std::unique_lock<std::mutex> Lock(Mutex);
  Changed.wait_for(Lock, std::chrono::milliseconds(TimeoutMs),
                   [&] { return Generation.load() != Seen; });
}

void LocalHub::wakeAll() {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Generation.fetch_add(1);
  }
  Changed.notify_all();
}

uint64_t Baton::take() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return ++Issued;
}

void Baton::acquire(uint64_t Turn) {
  std::unique_lock<std::mutex> Lock(Mutex);
  Changed.wait(Lock, [&] { return Serving == Turn && !Held; });
  Held = true;
}

bool Baton::tryAcquire(uint64_t Turn) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Serving != Turn || Held)
    return false;
  Held = true;
  return true;
}

void Baton::unhold() {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Held = false;
  }
  Changed.notify_all();
}

void Baton::advance() {
  ++Serving;
  while (Skipped.erase(Serving))
    ++Serving;
}

void Baton::release() {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Held = false;
    advance();
  }
  Changed.notify_all();
}

void Baton::skip(uint64_t Turn) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (Turn == Serving && !Held)
      advance();
    else
      Skipped.insert(Turn);
  }
  Changed.notify_all();
}

void CommShared::freeMpiComm() {
  if (void *Comm = MpiComm) {
    MpiComm = nullptr;
    mpi::freeComm(Comm);
  }
}

CommShared::~CommShared() { freeMpiComm(); }

void RankState::recordError(ncclResult_t Result) {
  int Expected = ncclSuccess;
  AsyncError.compare_exchange_strong(Expected, Result);
}

char *RankState::scratch(unsigned Slot, size_t Bytes) {
  if (Bytes > ScratchBytes[Slot]) {
    // Not value-initialised: a large scratch would cost a memset per call.
    Scratch[Slot].reset(new char[Bytes]);
    ScratchBytes[Slot] = Bytes;
  }
  return Scratch[Slot].get();
}

namespace {
/// Scratch areas MPI may still use: reachable until the process exits.
struct AbandonedScratch {
  std::mutex Mutex;
  std::vector<std::unique_ptr<char[]>> Areas;
};
AbandonedScratch &abandoned() {
  static AbandonedScratch *A = new AbandonedScratch;
  return *A;
}
} // namespace

void RankState::abandonScratch() {
  AbandonedScratch &A = abandoned();
  std::lock_guard<std::mutex> Lock(A.Mutex);
  for (unsigned Slot = 0; Slot < ScratchSlots; ++Slot) {
    if (Scratch[Slot])
      A.Areas.push_back(std::move(Scratch[Slot]));
    ScratchBytes[Slot] = 0;
  }
}

//===--- Handles ----------------------------------------------------------===//

namespace {

/// Live handles: a destroyed or made-up ncclComm_t is an error, never a
/// dangling pointer.
struct HandleTable {
  std::mutex Mutex;
  std::unordered_map<ncclComm_t, std::shared_ptr<RankState>> Live;
  /// Destroyed handles stay allocated (a few bytes each), so that no new
  /// communicator ever gets a destroyed one's address.
  std::vector<std::unique_ptr<ncclComm>> Retired;
};

HandleTable &handles() {
  static HandleTable *T = new HandleTable; // Outlives atexit handlers.
  return *T;
}

} // namespace

std::shared_ptr<RankState> lookup(ncclComm_t Comm) {
  if (!Comm) {
    fail(ncclInvalidArgument, "the communicator is NULL");
    return nullptr;
  }
  HandleTable &T = handles();
  std::lock_guard<std::mutex> Lock(T.Mutex);
  auto It = T.Live.find(Comm);
  if (It == T.Live.end()) {
    fail(ncclInvalidArgument,
         "%p is not a live communicator (destroyed, or never created)",
         static_cast<void *>(Comm));
    return nullptr;
  }
  return It->second;
}

ncclComm_t makeHandle(std::shared_ptr<RankState> State) {
  // The handle is an address nobody else uses; see HandleTable::Retired.
  ncclComm_t Comm = new ncclComm{0};
  HandleTable &T = handles();
  std::lock_guard<std::mutex> Lock(T.Mutex);
  T.Live.emplace(Comm, std::move(State));
  return Comm;
}

bool releaseHandle(ncclComm_t Comm) {
  std::shared_ptr<RankState> State;
  {
    HandleTable &T = handles();
    std::lock_guard<std::mutex> Lock(T.Mutex);
    auto It = T.Live.find(Comm);
    if (It == T.Live.end())
      return false;
    State = std::move(It->second);
    T.Live.erase(It);
    T.Retired.emplace_back(Comm);
  }
  return true;
}

} // namespace nccl
} // namespace tx
