//===- nccl/Group.cpp - ncclGroupStart/End and enqueueing on streams ------===//
//
// Part of Tongxin. See Group.h.
//
//===----------------------------------------------------------------------===//

#include "Group.h"

#include "Errors.h"
#include "LibraryCall.h"
#include "tongxin/library_support.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

namespace tx {
namespace nccl {

namespace {

struct Issued {
  std::shared_ptr<RankState> Rank;
  cudaStream_t Stream;
  Operation Op;
};

struct GroupState {
  int Depth = 0;
  std::vector<std::function<ncclResult_t()>> Tasks;
  std::vector<Issued> Operations;
  ncclResult_t Error = ncclSuccess;
};

thread_local GroupState Group;

/// One rank's operations within one stream item.
struct RankWork {
  std::shared_ptr<RankState> Rank;
  std::vector<Operation> Ops;
};

void reportFailure(RankState &Rank, ncclResult_t Result);

void runRankWork(RankWork &Work) {
  ncclResult_t Result = runOperations(*Work.Rank, Work.Ops);
  if (Result != ncclSuccess)
    reportFailure(*Work.Rank, Result);
  std::lock_guard<std::mutex> Lock(Work.Rank->FlightMutex);
  --Work.Rank->InFlight;
  Work.Rank->Landed.notify_all();
}

/// Enqueues the work of several ranks as one item of Stream. Ranks that
/// share a stream run on threads of their own: each waits for the others.
ncclResult_t enqueue(cudaStream_t Stream, std::vector<RankWork> Work) {
  for (RankWork &W : Work) {
    std::lock_guard<std::mutex> Lock(W.Rank->FlightMutex);
    ++W.Rank->InFlight;
  }
  auto Shared = std::make_shared<std::vector<RankWork>>(std::move(Work));
  cudaError_t Err = lib::enqueue(Stream, [Shared] {
    std::vector<RankWork> &All = *Shared;
    if (All.size() == 1) {
      runRankWork(All[0]);
      return;
    }
    std::vector<std::thread> Threads;
    for (size_t I = 1; I < All.size(); ++I)
      Threads.emplace_back([&All, I] { runRankWork(All[I]); });
    runRankWork(All[0]);
    for (std::thread &T : Threads)
      T.join();
  });
  if (Err == cudaSuccess)
    return ncclSuccess;
  for (RankWork &W : *Shared) {
    std::lock_guard<std::mutex> Lock(W.Rank->FlightMutex);
    --W.Rank->InFlight;
  }
  return fail(ncclUnhandledCudaError, "cannot enqueue on the stream: %s",
              cudaGetErrorString(Err));
}

ncclResult_t runTasks(std::vector<std::function<ncclResult_t()>> &Tasks) {
  if (Tasks.size() == 1)
    return Tasks[0]();
  std::vector<ncclResult_t> Results(Tasks.size(), ncclSuccess);
  std::vector<std::thread> Threads;
  for (size_t I = 0; I < Tasks.size(); ++I)
    Threads.emplace_back([&, I] { Results[I] = Tasks[I](); });
  for (std::thread &T : Threads)
    T.join();
  for (ncclResult_t R : Results)
    if (R != ncclSuccess)
      return R;
  return ncclSuccess;
}

ncclResult_t flushOperations(std::vector<Issued> &Operations) {
  // Per stream, in issue order: the ranks and each rank's operations.
  std::vector<cudaStream_t> Order;
  std::map<cudaStream_t, std::vector<RankWork>> ByStream;
  for (Issued &I : Operations) {
    auto &Work = ByStream[I.Stream];
    if (Work.empty())
      Order.push_back(I.Stream);
    auto It = std::find_if(Work.begin(), Work.end(),
                           [&](const RankWork &W) { return W.Rank == I.Rank; });
    if (It == Work.end()) {
      Work.push_back({I.Rank, {}});
      It = Work.end() - 1;
    }
    It->Ops.push_back(I.Op);
  }
  ncclResult_t Result = ncclSuccess;
  for (cudaStream_t S : Order) {
    ncclResult_t R = enqueue(S, std::move(ByStream[S]));
    if (Result == ncclSuccess)
      Result = R;
  }
  return Result;
}

/// How long a small operation may wait on the calling thread for its
/// peers before the stream's thread takes over: TONGXIN_NCCL_EAGER_US
/// (default 50 microseconds; 0 turns starting on the caller off).
std::chrono::microseconds eagerBudget() {
  static const std::chrono::microseconds Budget = [] {
    const char *Env = std::getenv("TONGXIN_NCCL_EAGER_US");
    long Us = Env ? std::strtol(Env, nullptr, 10) : 50;
    return std::chrono::microseconds(Us < 0 ? 0 : std::min(Us, 100000L));
  }();
  return Budget;
}

/// Records a failure of an operation that ran outside any caller's reach.
void reportFailure(RankState &Rank, ncclResult_t Result) {
  Rank.recordError(Result);
  // Peers in this process may be waiting for this rank's messages.
  Rank.Shared->Broken.store(true);
  Rank.Shared->Hub.wakeAll();
  warnAlways("rank %d: an operation failed on its stream: %s", Rank.Rank,
             lastMessage());
}

/// Small operations of a rank whose peers all live in other processes
/// start on the calling thread when its stream is idle: with its peers
/// already there (they usually are), the operation completes without two
/// hand-overs between threads, the cost that dominates small messages.
/// If the peers are late, the stream's thread finishes it; either way
/// later work on the stream comes after it. False, having done nothing,
/// when Op must be enqueued as usual.
bool startOnCaller(const std::shared_ptr<RankState> &Rank, cudaStream_t Stream,
                   const Operation &Op) {
  // Ranks of this process are usually driven by this very thread: their
  // peers could not arrive while it waits.
  if (eagerBudget().count() == 0 || Rank->Shared->LocalRanks != 1)
    return false;
  void *Item = nullptr;
  if (txLibraryBeginOnCaller(Stream, &Item) != cudaSuccess)
    return false;
  if (!Rank->Running.tryAcquire()) {
    txLibraryEndOnCaller(Item);
    return false;
  }
  auto Started = std::make_shared<StartedOperation>(*Rank);
  if (refuseToStart(*Rank) != ncclSuccess ||
      !startInOneStep(*Rank, Op, *Started)) {
    Rank->Running.release();
    txLibraryEndOnCaller(Item);
    return false;
  }
  ncclResult_t Result = Started->Transfers->waitUntil(
      std::chrono::steady_clock::now() + eagerBudget());
  if (Result == ncclInProgress) {
    {
      std::lock_guard<std::mutex> Lock(Rank->FlightMutex);
      ++Rank->InFlight;
    }
    // Ordered after the caller's item, which ends below.
    cudaError_t Err = lib::enqueue(Stream, [Rank, Started] {
      ncclResult_t R = Started->Transfers->wait();
      if (R == ncclSuccess && Started->Finish)
        R = Started->Finish();
      if (R != ncclSuccess)
        reportFailure(*Rank, R);
      Rank->Running.release();
      std::lock_guard<std::mutex> Lock(Rank->FlightMutex);
      --Rank->InFlight;
      Rank->Landed.notify_all();
    });
    if (Err == cudaSuccess) {
      txLibraryEndOnCaller(Item);
      return true;
    }
    {
      std::lock_guard<std::mutex> Lock(Rank->FlightMutex);
      --Rank->InFlight;
    }
    Result = Started->Transfers->wait(); // Finish here after all.
  }
  if (Result == ncclSuccess && Started->Finish)
    Result = Started->Finish();
  if (Result != ncclSuccess)
    reportFailure(*Rank, Result);
  Rank->Running.release();
  txLibraryEndOnCaller(Item);
  return true;
}

} // namespace

bool inGroup() { return Group.Depth > 0; }

void deferTask(std::function<ncclResult_t()> Task) {
  Group.Tasks.push_back(std::move(Task));
}

ncclResult_t noteGroupError(ncclResult_t Result) {
  if (inGroup() && Group.Error == ncclSuccess)
    Group.Error = Result;
  return Result;
}

ncclResult_t issue(std::shared_ptr<RankState> Rank, cudaStream_t Stream,
                   const Operation &Op) {
  if (inGroup()) {
    Group.Operations.push_back({std::move(Rank), Stream, Op});
    return ncclSuccess;
  }
  if (startOnCaller(Rank, Stream, Op))
    return ncclSuccess;
  std::vector<RankWork> Work;
  Work.push_back({std::move(Rank), {Op}});
  return enqueue(Stream, std::move(Work));
}

} // namespace nccl
} // namespace tx

using namespace tx::nccl;

extern "C" {

NCCLAPI ncclResult_t ncclGroupStart(void) {
  ++Group.Depth;
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclGroupEnd(void) {
  if (Group.Depth == 0)
    return fail(ncclInvalidUsage, "ncclGroupEnd without ncclGroupStart");
  if (--Group.Depth > 0)
    return ncclSuccess;
  GroupState Finished = std::move(Group);
  Group = GroupState();
  ncclResult_t Result = Finished.Error;
  if (Result != ncclSuccess)
    return Result; // NCCL drops a group one of whose calls failed.
  Result = runTasks(Finished.Tasks);
  ncclResult_t Flushed = flushOperations(Finished.Operations);
  return Result != ncclSuccess ? Result : Flushed;
}

} // extern "C"
