//===- nccl/Group.cpp - ncclGroupStart/End and enqueueing on streams ------===//
//
// Part of Tongxin. See Group.h.
//
//===----------------------------------------------------------------------===//

#include "Group.h"

#include "Errors.h"
#include "LibraryCall.h"
#include "Staging.h"
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
  /// Host copies of the buffers, on a device the host cannot address.
  std::shared_ptr<StagedBuffers> Staged;
};

/// A deferred creation; tasks with the same Key (a parent communicator
/// rank) run one after another, in order.
struct Task {
  const void *Key;
  std::function<ncclResult_t()> Run;
};

struct GroupState {
  int Depth = 0;
  std::vector<Task> Tasks;
  std::vector<Issued> Operations;
  ncclResult_t Error = ncclSuccess;
};

thread_local GroupState Group;

/// One rank's operations within one stream item, in the rank's turn Turn
/// (0: take a turn when it runs, for work captured into a graph, which may
/// run any number of times).
struct RankWork {
  std::shared_ptr<RankState> Rank;
  std::vector<Operation> Ops;
  uint64_t Turn = 0;
};

/// Records a failure of an operation that ran outside any caller's reach.
void reportFailure(RankState &Rank, ncclResult_t Result) {
  Rank.recordError(Result);
  // Peers in this process may be waiting for this rank's messages.
  Rank.Shared->Broken.store(true);
  Rank.Shared->Hub.wakeAll();
  warnAlways("rank %d: an operation failed on its stream: %s", Rank.Rank,
             lastMessage());
}

void beginFlight(RankState &Rank) {
  std::lock_guard<std::mutex> Lock(Rank.FlightMutex);
  ++Rank.InFlight;
}

void endFlight(RankState &Rank) {
  std::lock_guard<std::mutex> Lock(Rank.FlightMutex);
  --Rank.InFlight;
  Rank.Landed.notify_all();
}

/// Counted: the flight was counted when the work was enqueued.
void runRankWork(RankWork &Work, bool Counted) {
  RankState &Rank = *Work.Rank;
  if (!Counted)
    beginFlight(Rank);
  uint64_t Turn = Work.Turn ? Work.Turn : Rank.Running.take();
  ncclResult_t Result = runOperations(Rank, Work.Ops, Turn);
  if (Result != ncclSuccess)
    reportFailure(Rank, Result);
  endFlight(Rank);
}

/// Enqueues the work of several ranks as one item of Stream. Ranks that
/// share a stream run on threads of their own: each waits for the others.
ncclResult_t enqueue(cudaStream_t Stream, std::vector<RankWork> Work) {
  cudaStreamCaptureStatus Capture = cudaStreamCaptureStatusNone;
  cudaStreamIsCapturing(Stream, &Capture);
  bool Captured = Capture == cudaStreamCaptureStatusActive;
  for (RankWork &W : Work) {
    if (Captured)
      continue; // Counted and given a turn each time the graph runs it.
    beginFlight(*W.Rank);
    W.Turn = W.Rank->Running.take();
  }
  auto Shared = std::make_shared<std::vector<RankWork>>(std::move(Work));
  cudaError_t Err = lib::enqueue(Stream, [Shared, Captured] {
    std::vector<RankWork> &All = *Shared;
    std::vector<std::thread> Threads;
    for (size_t I = 1; I < All.size(); ++I)
      Threads.emplace_back(
          [&All, I, Captured] { runRankWork(All[I], !Captured); });
    runRankWork(All[0], !Captured);
    for (std::thread &T : Threads)
      T.join();
  });
  if (Err == cudaSuccess)
    return ncclSuccess;
  for (RankWork &W : *Shared) {
    if (Captured)
      continue;
    W.Rank->Running.skip(W.Turn);
    endFlight(*W.Rank);
  }
  return fail(ncclUnhandledCudaError, "cannot enqueue on the stream: %s",
              cudaGetErrorString(Err));
}

/// Runs the group's tasks concurrently, those of one key in order.
ncclResult_t runTasks(std::vector<Task> &Tasks) {
  std::vector<std::vector<Task *>> Chains;
  std::map<const void *, size_t> ChainOf;
  for (Task &T : Tasks) {
    auto It = T.Key ? ChainOf.find(T.Key) : ChainOf.end();
    if (It == ChainOf.end()) {
      Chains.emplace_back();
      if (T.Key)
        ChainOf[T.Key] = Chains.size() - 1;
      Chains.back().push_back(&T);
    } else {
      Chains[It->second].push_back(&T);
    }
  }
  std::vector<ncclResult_t> Results(Chains.size(), ncclSuccess);
  auto RunChain = [&](size_t C) {
    for (Task *T : Chains[C])
      if (ncclResult_t R = T->Run(); R != ncclSuccess && !Results[C])
        Results[C] = R;
  };
  std::vector<std::thread> Threads;
  for (size_t C = 1; C < Chains.size(); ++C)
    Threads.emplace_back(RunChain, C);
  if (!Chains.empty())
    RunChain(0);
  for (std::thread &T : Threads)
    T.join();
  for (ncclResult_t R : Results)
    if (R != ncclSuccess)
      return R;
  return ncclSuccess;
}

/// Makes Later's next work wait for Earlier's work so far.
void order(cudaStream_t Earlier, cudaStream_t Later) {
  cudaEvent_t Done;
  if (cudaEventCreateWithFlags(&Done, cudaEventDisableTiming) != cudaSuccess)
    return;
  cudaEventRecord(Done, Earlier);
  cudaStreamWaitEvent(Later, Done, 0);
  cudaEventDestroy(Done);
}

/// One rank's share of a group: its operations in issue order, and the
/// streams they were issued on (the first runs them all).
struct RankShare {
  std::shared_ptr<RankState> Rank;
  std::vector<cudaStream_t> Streams;
  std::vector<Operation> Ops;
};

ncclResult_t flushOperations(std::vector<Issued> &Operations) {
  std::vector<RankShare> Shares;
  for (Issued &I : Operations) {
    auto It =
        std::find_if(Shares.begin(), Shares.end(),
                     [&](const RankShare &S) { return S.Rank == I.Rank; });
    if (It == Shares.end()) {
      Shares.push_back({I.Rank, {}, {}});
      It = Shares.end() - 1;
    }
    if (std::find(It->Streams.begin(), It->Streams.end(), I.Stream) ==
        It->Streams.end())
      It->Streams.push_back(I.Stream);
    It->Ops.push_back(I.Op);
  }
  // A rank's operations on several streams run as one item of the first,
  // after every one's earlier work and before its later work, as NCCL
  // joins a group's streams.
  std::vector<cudaStream_t> Order;
  std::map<cudaStream_t, std::vector<RankWork>> ByStream;
  for (RankShare &S : Shares) {
    cudaStream_t First = S.Streams[0];
    for (size_t I = 1; I < S.Streams.size(); ++I)
      order(S.Streams[I], First);
    auto &Work = ByStream[First];
    if (Work.empty())
      Order.push_back(First);
    Work.push_back({S.Rank, std::move(S.Ops), 0});
  }
  ncclResult_t Result = ncclSuccess;
  for (cudaStream_t S : Order) {
    ncclResult_t R = enqueue(S, std::move(ByStream[S]));
    if (Result == ncclSuccess)
      Result = R;
  }
  for (RankShare &S : Shares)
    for (size_t I = 1; I < S.Streams.size(); ++I)
      order(S.Streams[0], S.Streams[I]);
  for (Issued &I : Operations)
    if (I.Staged) {
      ncclResult_t R = I.Staged->stageOut(I.Stream);
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

/// Completes a started operation on the stream's thread, after the
/// caller's item.
bool continueOnStream(const std::shared_ptr<RankState> &Rank,
                      cudaStream_t Stream,
                      std::shared_ptr<StartedOperation> Started) {
  beginFlight(*Rank);
  cudaError_t Err = lib::enqueue(Stream, [Rank, Started] {
    ncclResult_t R = Started->advance();
    if (R != ncclSuccess)
      reportFailure(*Rank, R);
    Rank->Running.release();
    endFlight(*Rank);
  });
  if (Err == cudaSuccess)
    return true;
  endFlight(*Rank);
  return false;
}

/// Small operations (up to 1 MiB reductions, 64 KiB copies) of a rank whose
/// peers all live in other processes start on the calling thread when its
/// stream is idle and it is the rank's turn: with its peers already there
/// (they usually are), the operation completes without two hand-overs
/// between threads, the cost that dominates small messages. If the peers
/// are late, the stream's thread finishes it; either way later work on
/// the stream comes after it.
/// False, having done nothing, when Op must be enqueued as usual.
bool startOnCaller(const std::shared_ptr<RankState> &Rank, cudaStream_t Stream,
                   const Operation &Op) {
  // Ranks of this process are usually driven by this very thread: their
  // peers could not arrive while it waits.
  if (eagerBudget().count() == 0 || Rank->Shared->LocalRanks != 1 ||
      !startOnCallerFits(*Rank, Op))
    return false;
  void *Item = nullptr;
  if (txLibraryBeginOnCaller(Stream, &Item) != cudaSuccess)
    return false;
  uint64_t Turn = Rank->Running.take();
  if (!Rank->Running.tryAcquire(Turn)) {
    Rank->Running.skip(Turn);
    txLibraryEndOnCaller(Item);
    return false;
  }
  if (refuseToStart(*Rank) != ncclSuccess) {
    Rank->Running.release(); // Nothing ran in this turn.
    txLibraryEndOnCaller(Item);
    return false;
  }
  auto Started = std::make_shared<StartedOperation>(*Rank);
  startOperation(*Started, *Rank, Op);
  auto Deadline = std::chrono::steady_clock::now() + eagerBudget();
  ncclResult_t Result = Started->advance(&Deadline);
  if (Result == ncclInProgress) {
    // The turn passes to the stream's item, which ends it.
    if (continueOnStream(Rank, Stream, Started)) {
      txLibraryEndOnCaller(Item);
      return true;
    }
    Result = Started->advance(); // Finish here after all.
  }
  if (Result != ncclSuccess)
    reportFailure(*Rank, Result);
  Rank->Running.release();
  txLibraryEndOnCaller(Item);
  return true;
}

} // namespace

bool inGroup() { return Group.Depth > 0; }

void deferTask(const void *Key, std::function<ncclResult_t()> Run) {
  Group.Tasks.push_back({Key, std::move(Run)});
}

ncclResult_t noteGroupError(ncclResult_t Result) {
  if (inGroup() && Group.Error == ncclSuccess)
    Group.Error = Result;
  return Result;
}

ncclResult_t issue(std::shared_ptr<RankState> Rank, cudaStream_t Stream,
                   const Operation &Requested, bool Stage) {
  // On a device the host cannot address, the buffers' copies in host
  // memory are filled before the operation (now, on the stream) and copied
  // back after it (when the operation has been queued).
  Operation Op = Requested;
  std::shared_ptr<StagedBuffers> Staged;
  if (Stage) {
    Staged = std::make_shared<StagedBuffers>();
    TX_NCCL_TRY(Staged->stageIn(Stream, Rank->Rank, Rank->nranks(), Op));
  }
  if (inGroup()) {
    Group.Operations.push_back({std::move(Rank), Stream, Op, Staged});
    return ncclSuccess;
  }
  if (!Staged && startOnCaller(Rank, Stream, Op))
    return ncclSuccess;
  std::vector<RankWork> Work;
  Work.push_back({std::move(Rank), {Op}, 0});
  ncclResult_t Result = enqueue(Stream, std::move(Work));
  if (!Staged)
    return Result;
  if (Result != ncclSuccess) {
    Staged->abandon(Stream);
    return Result;
  }
  return Staged->stageOut(Stream);
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
  if (Result != ncclSuccess) {
    // NCCL drops a group one of whose calls failed.
    for (Issued &I : Finished.Operations)
      if (I.Staged)
        I.Staged->abandon(I.Stream);
    return Result;
  }
  Result = runTasks(Finished.Tasks);
  ncclResult_t Flushed = flushOperations(Finished.Operations);
  return Result != ncclSuccess ? Result : Flushed;
}

} // extern "C"
