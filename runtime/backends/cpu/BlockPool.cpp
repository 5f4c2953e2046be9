//===- cpu/BlockPool.cpp - Worker threads that run CUDA blocks ------------===//
//
// Part of Tongxin. See BlockPool.h.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/BlockPool.h"
#include "backends/cpu/DeviceFaults.h"
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

void GridJob::splitHomes() {
  NumHomes = Participants < MaxHomes ? Participants : MaxHomes;
  if (NumHomes == 0 || Cooperative || InOrder)
    NumHomes = 1;
  for (unsigned I = 0; I < NumHomes; ++I) {
    // I * Total / NumHomes without overflow for any 64-bit Total.
    uint64_t Begin = Total / NumHomes * I + Total % NumHomes * I / NumHomes;
    uint64_t End = I + 1 == NumHomes
                       ? Total
                       : Total / NumHomes * (I + 1) +
                             Total % NumHomes * (I + 1) / NumHomes;
    Homes[I].Next.store(Begin, std::memory_order_relaxed);
    Homes[I].End = End;
  }
}

/// Grids of at most this many blocks per thread are claimed a block at a
/// time.
static constexpr uint64_t SmallGridBlocks = 8;

/// Claims the next blocks [Begin, End) of Home. Claims of all but small
/// grids are guided, as OpenMP's schedule(guided): half of what is left in
/// the home, never less than Job.Chunk. A long grid then costs a thread a
/// few claims per home rather than one per chunk, and still ends in small
/// chunks that balance the load.
static bool claimFrom(GridJob &Job, GridJob::Home &H, uint64_t &Begin,
                      uint64_t &End) {
  Begin = H.Next.load(std::memory_order_relaxed);
  for (;;) {
    if (Begin >= H.End)
      return false;
    // A cooperative grid's threads each hold one block at a time; so do a
    // small grid's, whose blocks may wait for each other as if resident
    // together (as they are on a GPU), and those of a grid whose blocks
    // wait for their predecessors: a block claimed ahead of its turn would
    // spin until the thread holding the blocks before it got there.
    uint64_t Size = Job.Cooperative || Job.InOrder ||
                            Job.Total <= SmallGridBlocks * Job.Participants
                        ? 1
                        : (H.End - Begin) / 2;
    if (Size < Job.Chunk)
      Size = Job.Chunk;
    End = H.End - Begin > Size ? Begin + Size : H.End;
    if (H.Next.compare_exchange_weak(Begin, End, std::memory_order_relaxed))
      return true;
  }
}

/// Claims blocks [Begin, End) for participant Self: from its home range
/// first, then from the others'. False when none are left.
static bool claimChunk(GridJob &Job, unsigned Self, uint64_t &Begin,
                       uint64_t &End) {
  for (unsigned K = 0; K < Job.NumHomes; ++K)
    if (claimFrom(Job, Job.Homes[(Self + K) % Job.NumHomes], Begin, End))
      return true;
  return false;
}

/// Runs claimed chunks of Job until none are left, as participant Self;
/// returns how many blocks this worker accounted for (run or skipped).
static uint64_t runChunks(GridJob &Job, Worker &W, unsigned Self) {
  TxBlockContext &Ctx = W.Ctx;
  std::memset(&Ctx, 0, sizeof(Ctx));
  for (int D = 0; D < 3; ++D) {
    Ctx.BlockDim[D] = Job.Block[D];
    Ctx.GridDim[D] = Job.Grid[D];
  }
  Ctx.SharedMem = W.Shared.reserve(Job.SharedBytes);
  Ctx.SharedBytes = static_cast<uint32_t>(Job.SharedBytes);
  if (char *Area =
          W.Scratch.reserve(Job.ScratchBytes + 2 * TX_SCRATCH_GUARD_BYTES))
    Ctx.Scratch = Area + TX_SCRATCH_GUARD_BYTES;
  Ctx.Launch = &Job;
  if (!Ctx.SharedMem || !Ctx.Scratch)
    Job.fail(StatusCode::OutOfMemory);

  uint64_t Accounted = 0;
  for (;;) {
    uint64_t Begin, End;
    if (!claimChunk(Job, Self, Begin, End))
      break;
    Accounted += End - Begin;
    if (!runBlocksGuarded(*Job.Kernel, Job.Args, &Ctx, Begin, End, Job.Failure))
      reportBlockFault();
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
  runChunks(*T->Job, W, 0);
  return nullptr;
}

void BlockPool::runCooperative(GridJob &Job) {
  Job.Chunk = 1;
  Job.Live = Job.Total;
  Job.splitHomes();
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
  runChunks(Job, W, 0);
  for (size_t I = 0; I < Started; ++I)
    pthread_join(Threads[I].Handle, nullptr);
}

//===--- BlockPool --------------------------------------------------------===//

BlockPool::BlockPool(unsigned Parallelism)
    : Parallelism(Parallelism ? Parallelism : 1) {
  installFaultHandlers();
  // Workers live for the rest of the process; the pool is never destroyed.
  for (unsigned I = 1; I < this->Parallelism; ++I)
    std::thread([this, I] { workerMain(I); }).detach();
}

GridJob *BlockPool::pickJob() {
  for (GridJob *Job : Jobs)
    if (Job->hasUnclaimed())
      return Job;
  return nullptr;
}

GridJob *BlockPool::waitForJob(uint64_t &Seen) {
  std::unique_lock<std::mutex> Lock(Mutex);
  for (;;) {
    if (GridJob *Job = pickJob()) {
      Job->Attached.fetch_add(1, std::memory_order_relaxed);
      return Job;
    }
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

void BlockPool::workerMain(unsigned Index) {
  Worker W;
  uint64_t Seen = 0;
  for (;;) {
    GridJob *Job = waitForJob(Seen);
    uint64_t Accounted = runChunks(*Job, W, Index);
    Job->Done.fetch_add(Accounted, std::memory_order_seq_cst);
    Job->Attached.fetch_sub(1, std::memory_order_seq_cst);
    // Job may be gone from here on. The sequentially consistent pair
    // (Attached above, SleepingLaunchers in retire()) makes sure that a
    // launcher either sees the job finished or is seen asleep here.
    if (SleepingLaunchers.load(std::memory_order_seq_cst)) {
      std::lock_guard<std::mutex> Lock(Mutex);
      JobFinished.notify_all();
    }
  }
}

void BlockPool::retire(GridJob &Job) {
  hal::spinUntil([&] { return Job.finished(); });
  std::unique_lock<std::mutex> Lock(Mutex);
  if (!Job.finished()) {
    SleepingLaunchers.fetch_add(1, std::memory_order_seq_cst);
    while (!Job.finished())
      JobFinished.wait(Lock);
    SleepingLaunchers.fetch_sub(1, std::memory_order_relaxed);
  }
  for (auto It = Jobs.begin(); It != Jobs.end(); ++It) {
    if (*It == &Job) {
      Jobs.erase(It);
      break;
    }
  }
}

//===--- Block costs ------------------------------------------------------===//

BlockCosts::Entry &BlockCosts::entryOf(const void *Kernel) const {
  auto Bits = reinterpret_cast<uintptr_t>(Kernel);
  return Entries[(Bits >> 4 ^ Bits >> 12) % NumEntries];
}

uint64_t BlockCosts::perBlockNs(const void *Kernel) const {
  Entry &E = entryOf(Kernel);
  if (E.Kernel.load(std::memory_order_relaxed) != Kernel)
    return 0;
  return E.Ns.load(std::memory_order_relaxed);
}

void BlockCosts::record(const void *Kernel, uint64_t Ns, uint64_t Blocks) {
  uint64_t Sample = Blocks ? Ns / Blocks : 0;
  Sample = Sample ? Sample : 1;
  Entry &E = entryOf(Kernel);
  uint64_t Old = E.Ns.load(std::memory_order_relaxed);
  if (E.Kernel.load(std::memory_order_relaxed) != Kernel) {
    E.Ns.store(Sample, std::memory_order_relaxed);
    E.Kernel.store(Kernel, std::memory_order_relaxed);
    return;
  }
  uint64_t Next = Sample > Old ? (Old + Sample) / 2 : (3 * Old + Sample) / 4;
  E.Ns.store(Next, std::memory_order_relaxed);
}

//===--- Running a grid ---------------------------------------------------===//

/// A grid whose blocks together take less than this runs on the launching
/// thread alone: sharing it would cost more than it saves.
static constexpr uint64_t TinyGridNs = 3000;

void BlockPool::run(GridJob &Job) {
  static thread_local Worker Caller;
  Job.Participants = Parallelism;
  Job.splitHomes();
  uint64_t Known = Job.CostKey ? Costs.perBlockNs(Job.CostKey) : 0;
  // Nothing to share, or too little: no worker is woken, no lock taken. A
  // grid no larger than the pool keeps a thread per block, though: its
  // blocks may wait for each other.
  bool Alone =
      Job.Total <= Job.Chunk || Parallelism == 1 ||
      (Job.Total > Parallelism && Known && Known < TinyGridNs / Job.Total);
  if (Alone) {
    Job.Chunk = Job.Total; // Nobody else claims: one claim per home.
  } else {
    std::lock_guard<std::mutex> Lock(Mutex);
    Jobs.push_back(&Job);
    Posted.fetch_add(1, std::memory_order_release);
    if (SleepingWorkers)
      WorkAvailable.notify_all();
  }
  uint64_t Start = Job.CostKey ? hal::monotonicNs() : 0;
  uint64_t Accounted = runChunks(Job, Caller, 0);
  if (Job.CostKey && Accounted)
    Costs.record(Job.CostKey, hal::monotonicNs() - Start, Accounted);
  Job.Done.fetch_add(Accounted, std::memory_order_release);
  if (!Alone)
    retire(Job);
}

} // namespace cpu
} // namespace tx
