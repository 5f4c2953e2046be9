//===- cpu/BlockPool.cpp - Worker threads that run CUDA blocks ------------===//
//
// Part of Tongxin. See BlockPool.h.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/BlockPool.h"
#include "backends/cpu/DeviceServices.h"

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
  Ctx.Scratch = W.Scratch.reserve(Job.ScratchBytes);
  Ctx.Launch = &Job;
  if (!Ctx.SharedMem || !Ctx.Scratch)
    Job.fail(StatusCode::OutOfMemory);

  const uint64_t GX = Job.Grid[0], GY = Job.Grid[1];
  uint64_t Accounted = 0;
  for (;;) {
    uint64_t Begin = Job.Next.fetch_add(Job.Chunk, std::memory_order_relaxed);
    if (Begin >= Job.Total)
      break;
    uint64_t End =
        Begin + Job.Chunk < Job.Total ? Begin + Job.Chunk : Job.Total;
    Accounted += End - Begin;
    for (uint64_t I = Begin; I < End; ++I) {
      // After a failure the rest of the launch is skipped, as on a GPU.
      if (Job.Failure.load(std::memory_order_relaxed))
        continue;
      Ctx.BlockIdx[0] = static_cast<uint32_t>(I % GX);
      Ctx.BlockIdx[1] = static_cast<uint32_t>((I / GX) % GY);
      Ctx.BlockIdx[2] = static_cast<uint32_t>(I / (GX * GY));
      Ctx.ThreadIdx[0] = Ctx.ThreadIdx[1] = Ctx.ThreadIdx[2] = 0;
      runBlockGuarded(Job.Kernel->Run, Job.Args, &Ctx);
      if (Job.Cooperative)
        Job.blockFinished();
    }
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

BlockPool::BlockPool(unsigned NumWorkers) : NumWorkers(NumWorkers) {
  // Workers live for the rest of the process; the pool is never destroyed.
  for (unsigned I = 0; I < NumWorkers; ++I)
    std::thread([this] { workerMain(); }).detach();
}

GridJob *BlockPool::pickJob() {
  for (GridJob *Job : Jobs)
    if (Job->Next.load(std::memory_order_relaxed) < Job->Total)
      return Job;
  return nullptr;
}

void BlockPool::workerMain() {
  Worker W;
  std::unique_lock<std::mutex> Lock(Mutex);
  for (;;) {
    GridJob *Job = nullptr;
    WorkAvailable.wait(Lock, [&] { return (Job = pickJob()) != nullptr; });
    ++Job->Attached;
    Lock.unlock();
    uint64_t Accounted = runChunks(*Job, W);
    Lock.lock();
    Job->Done += Accounted;
    if (--Job->Attached == 0 && Job->Done == Job->Total)
      Job->Finished.notify_all();
  }
}

void BlockPool::run(GridJob &Job) {
  std::unique_lock<std::mutex> Lock(Mutex);
  Jobs.push_back(&Job);
  WorkAvailable.notify_all();
  waitAndRemove(Job, Lock);
}

void BlockPool::runHelping(GridJob &Job) {
  std::unique_lock<std::mutex> Lock(Mutex);
  Jobs.push_back(&Job);
  WorkAvailable.notify_all();
  ++Job.Attached;
  Lock.unlock();
  static thread_local Worker Helper;
  uint64_t Accounted = runChunks(Job, Helper);
  Lock.lock();
  Job.Done += Accounted;
  --Job.Attached;
  waitAndRemove(Job, Lock);
}

void BlockPool::waitAndRemove(GridJob &Job,
                              std::unique_lock<std::mutex> &Lock) {
  Job.Finished.wait(Lock,
                    [&] { return Job.Done == Job.Total && Job.Attached == 0; });
  for (auto It = Jobs.begin(); It != Jobs.end(); ++It) {
    if (*It == &Job) {
      Jobs.erase(It);
      break;
    }
  }
}

} // namespace cpu
} // namespace tx
