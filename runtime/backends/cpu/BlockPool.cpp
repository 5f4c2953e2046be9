//===- cpu/BlockPool.cpp - Worker threads that run CUDA blocks ------------===//
//
// Part of Tongxin. See BlockPool.h.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/BlockPool.h"
#include "backends/cpu/DeviceServices.h"
#include "hal/SpinWait.h"

#include <cstdlib>
#include <cstring>
#include <pthread.h>

namespace tx {
namespace cpu {

//===--- Per-worker state -------------------------------------------------===//

namespace {
/// A 64-byte aligned buffer that only grows.
class AlignedBuffer {
public:
  ~AlignedBuffer() { std::free(Data); }
  char *reserve(uint64_t Bytes) {
    uint64_t Want = ((Bytes ? Bytes : 1) + 63) & ~uint64_t(63);
    if (Want > Capacity) {
      std::free(Data);
      Data = static_cast<char *>(std::aligned_alloc(64, Want));
      Capacity = Data ? Want : 0;
    }
    return Data;
  }

private:
  char *Data = nullptr;
  uint64_t Capacity = 0;
};

struct Worker {
  TxBlockContext Ctx;
  AlignedBuffer Shared;
  AlignedBuffer Scratch;
};
} // namespace

/// Runs claimed chunks of Job until none are left; returns how many blocks
/// this worker accounted for (run or skipped).
static uint64_t runChunks(GridJob &Job, Worker &W) {
  TxBlockContext &Ctx = W.Ctx;
  std::memset(&Ctx, 0, sizeof(Ctx));
  for (int D = 0; D < 3; ++D) {
    Ctx.BlockDim[D] = Job.Block[D];
    Ctx.GridDim[D] = Job.Grid[D];
  }
  Ctx.SharedMem = W.Shared.reserve(Job.SharedBytes);
  if (char *Area =
          W.Scratch.reserve(Job.ScratchBytes + 2 * TX_SCRATCH_GUARD_BYTES))
    Ctx.Scratch = Area + TX_SCRATCH_GUARD_BYTES;
  Ctx.Launch = &Job;
  if (!Ctx.SharedMem || !Ctx.Scratch)
    Job.fail(StatusCode::OutOfMemory);

  uint64_t Accounted = 0;
  for (;;) {
    uint64_t Begin = Job.Next.fetch_add(Job.Chunk, std::memory_order_relaxed);
    if (Begin >= Job.Total)
      break;
    uint64_t End =
        Begin + Job.Chunk < Job.Total ? Begin + Job.Chunk : Job.Total;
    Accounted += End - Begin;
    runBlocksGuarded(Job.Kernel->Run, Job.Args, &Ctx, Begin, End, Job.Failure);
    if (Job.Cooperative)
      Job.blockFinished(); // Cooperative grids claim one block at a time.
  }
  return Accounted;
}

//===--- Grid barrier -----------------------------------------------------===//

/// Releases the waiters of the current round. Caller holds SyncMutex.
static void releaseRound(GridJob &Job) {
  Job.Arrived = 0;
  ++Job.Generation;
  Job.SyncChanged.notify_all();
}

bool GridJob::gridSync() {
  std::unique_lock<std::mutex> Lock(SyncMutex);
  if (Failure.load(std::memory_order_relaxed))
    return false;
  if (++Arrived == Live) {
    releaseRound(*this);
    return true;
  }
  uint64_t Round = Generation;
  SyncChanged.wait(Lock, [&] {
    return Generation != Round || Failure.load(std::memory_order_relaxed);
  });
  return Generation != Round;
}

void GridJob::blockFinished() {
  std::lock_guard<std::mutex> Lock(SyncMutex);
  --Live;
  if (Arrived && Arrived == Live)
    releaseRound(*this);
}

//===--- Cooperative grids ------------------------------------------------===//

namespace {
struct CooperativeThread {
  GridJob *Job;
  pthread_t Handle;
};
} // namespace

static void *cooperativeMain(void *Arg) {
  auto *T = static_cast<CooperativeThread *>(Arg);
  Worker W;
  runChunks(*T->Job, W);
  return nullptr;
}

void BlockPool::runCooperative(GridJob &Job) {
  Job.Chunk = 1;
  Job.Live = Job.Total;
  // One thread per block; the caller is the last one. The threads claim
  // blocks through the same counter as pool workers do, so a thread whose
  // block returned early may run another, never two at once.
  std::vector<CooperativeThread> Threads(Job.Total ? Job.Total - 1 : 0);
  size_t Started = 0;
  for (CooperativeThread &T : Threads) {
    T.Job = &Job;
    if (pthread_create(&T.Handle, nullptr, cooperativeMain, &T) != 0) {
      // Blocks without a thread could never reach the barrier: fail the
      // launch (which also wakes any block already waiting there).
      Job.fail(StatusCode::OutOfMemory);
      break;
    }
    ++Started;
  }
  Worker W;
  runChunks(Job, W);
  for (size_t I = 0; I < Started; ++I)
    pthread_join(Threads[I].Handle, nullptr);
}

//===--- BlockPool --------------------------------------------------------===//

unsigned defaultWorkerCount() {
  if (const char *Env = std::getenv("TONGXIN_CPU_THREADS")) {
    char *End = nullptr;
    long N = std::strtol(Env, &End, 10);
    if (End != Env && *End == '\0' && N > 0 && N <= 4096)
      return static_cast<unsigned>(N);
  }
  unsigned N = std::thread::hardware_concurrency();
  return N ? N : 1;
}

BlockPool::BlockPool(unsigned Parallelism)
    : Parallelism(Parallelism ? Parallelism : 1) {
  // Workers live for the rest of the process; the pool is never destroyed.
  for (unsigned I = 1; I < this->Parallelism; ++I)
    std::thread([this] { workerMain(); }).detach();
}

GridJob *BlockPool::pickJob() {
  for (GridJob *Job : Jobs)
    if (Job->Next.load(std::memory_order_relaxed) < Job->Total)
      return Job;
  return nullptr;
}

GridJob *BlockPool::waitForJob(std::unique_lock<std::mutex> &Lock,
                               uint64_t &Seen) {
  for (;;) {
    if (GridJob *Job = pickJob())
      return Job;
    Seen = Posted.load(std::memory_order_relaxed);
    Lock.unlock();
    // Grids often follow each other closely: poll before sleeping.
    bool Noticed = hal::spinUntil(
        [&] { return Posted.load(std::memory_order_acquire) != Seen; });
    Lock.lock();
    if (Noticed)
      continue;
    ++SleepingWorkers;
    WorkAvailable.wait(Lock, [&] { return Posted.load() != Seen; });
    --SleepingWorkers;
  }
}

void BlockPool::workerMain() {
  Worker W;
  uint64_t Seen = 0;
  std::unique_lock<std::mutex> Lock(Mutex);
  for (;;) {
    GridJob *Job = waitForJob(Lock, Seen);
    Job->Attached.fetch_add(1, std::memory_order_relaxed);
    Lock.unlock();
    uint64_t Accounted = runChunks(*Job, W);
    Lock.lock();
    // Under the mutex: the launcher removes the job (and returns) only
    // after seeing Attached drop to zero under the same mutex.
    Job->Done.fetch_add(Accounted, std::memory_order_release);
    Job->Attached.fetch_sub(1, std::memory_order_release);
    if (Job->finished())
      JobFinished.notify_all();
  }
}

void BlockPool::run(GridJob &Job) {
  static thread_local Worker Caller;
  // Nothing to share: no worker is woken, no lock is taken.
  if (Job.Total <= Job.Chunk || Parallelism == 1) {
    Job.Done.store(runChunks(Job, Caller), std::memory_order_relaxed);
    return;
  }
  std::unique_lock<std::mutex> Lock(Mutex);
  Jobs.push_back(&Job);
  Posted.fetch_add(1, std::memory_order_release);
  if (SleepingWorkers)
    WorkAvailable.notify_all();
  Lock.unlock();

  uint64_t Accounted = runChunks(Job, Caller);
  Job.Done.fetch_add(Accounted, std::memory_order_release);
  hal::spinUntil([&] { return Job.finished(); });

  Lock.lock();
  JobFinished.wait(Lock, [&] { return Job.finished(); });
  for (auto It = Jobs.begin(); It != Jobs.end(); ++It) {
    if (*It == &Job) {
      Jobs.erase(It);
      break;
    }
  }
}

} // namespace cpu
} // namespace tx
