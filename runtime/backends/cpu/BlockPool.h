//===- cpu/BlockPool.h - Worker threads that run CUDA blocks ----*- C++ -*-===//
//
// Part of Tongxin. One worker per core runs the blocks of every grid
// submitted by any stream. Blocks are handed out in chunks through an
// atomic counter, so scheduling costs one fetch_add per chunk. Cooperative
// grids run on threads of their own (one per block, see runCooperative).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CPU_BLOCKPOOL_H
#define TONGXIN_RUNTIME_BACKENDS_CPU_BLOCKPOOL_H

#include "tongxin/abi.h"
#include "tongxin/hal.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace tx {
namespace cpu {

/// One grid in flight. Lives on the stack of the thread that launched it;
/// BlockPool::run() returns only when no worker references it any more.
/// The claim counter and the completion counters each have a cache line of
/// their own: sharing one with the fields every block reads made a
/// launch's cost depend on where the stack happened to fall (up to 3x).
struct alignas(64) GridJob {
  const TxKernelRecord *Kernel = nullptr;
  void **Args = nullptr;
  uint32_t Grid[3] = {1, 1, 1};
  uint32_t Block[3] = {1, 1, 1};
  uint64_t SharedBytes = 0;  ///< Static plus dynamic, per block.
  uint64_t ScratchBytes = 0; ///< Per block.
  uint64_t Total = 0;        ///< Blocks in the grid.
  uint64_t Chunk = 1;        ///< Fewest blocks claimed at a time.
  unsigned Participants = 1; ///< Threads that may take blocks (set by run).
  /// Identifies the kernel for BlockCosts: a grid whose blocks are known to
  /// be too short to share runs on the launching thread alone. Null for work
  /// whose block costs vary from call to call (library tasks).
  const void *CostKey = nullptr;

  /// First failure (a StatusCode); later blocks are skipped once set.
  std::atomic<int> Failure{0};

  /// The blocks are split into one home range per participant (up to
  /// MaxHomes): participant I claims from home I % NumHomes first, then
  /// from the others. A thread thus gets the same blocks launch after
  /// launch, and the data they touch stays in its core's caches, as with
  /// OpenMP's static schedule; stealing still balances uneven blocks.
  static constexpr unsigned MaxHomes = 8;
  struct alignas(64) Home {
    std::atomic<uint64_t> Next{0};
    uint64_t End = 0;
  };
  Home Homes[MaxHomes];
  unsigned NumHomes = 1;
  /// Splits [0, Total) into Participants (at most MaxHomes) home ranges;
  /// BlockPool's run functions call it.
  void splitHomes();
  bool hasUnclaimed() const {
    for (unsigned I = 0; I < NumHomes; ++I)
      if (Homes[I].Next.load(std::memory_order_relaxed) < Homes[I].End)
        return true;
    return false;
  }

  /// Blocks accounted for (run or skipped) and pool workers still working
  /// on the grid. A worker attaches under the pool's mutex and leaves
  /// without it; the launching thread polls them, and decides the job is
  /// over under the mutex (so no worker can be attaching meanwhile).
  alignas(64) std::atomic<uint64_t> Done{0};
  std::atomic<unsigned> Attached{0};
  bool finished() const {
    return Done.load(std::memory_order_seq_cst) == Total &&
           Attached.load(std::memory_order_seq_cst) == 0;
  }

  void fail(StatusCode Code) {
    int Expected = 0;
    Failure.compare_exchange_strong(Expected, static_cast<int>(Code));
    if (Cooperative) {
      // Blocks waiting at the grid barrier must not wait for one that
      // will never come.
      std::lock_guard<std::mutex> Lock(SyncMutex);
      SyncChanged.notify_all();
    }
  }

  /// Blocks start in index order, a block at a time (kernels that wait
  /// for other blocks, TX_KERNEL_WAITS_FOR_BLOCKS): one home, single-block
  /// claims.
  bool InOrder = false;

  //===--- Cooperative launches (cudaLaunchCooperativeKernel) -------------===//

  /// Every block has its own thread, so all are resident at once and the
  /// grid barrier below can be used.
  bool Cooperative = false;

  /// The grid barrier (__tx_grid_sync): returns when every block still
  /// running has arrived, false if the launch failed meanwhile. Reusable:
  /// a generation count tells waiters of one round from the next.
  bool gridSync();
  /// A block of a cooperative grid has returned; the barrier stops
  /// counting it (so blocks that exit early cannot hang the rest).
  void blockFinished();

  alignas(64) std::mutex SyncMutex;
  std::condition_variable SyncChanged;
  uint64_t Arrived = 0;    ///< At the barrier in the current generation.
  uint64_t Live = 0;       ///< Blocks not yet finished.
  uint64_t Generation = 0; ///< Completed barrier rounds.
};

/// What a kernel's blocks cost, learnt from its earlier launches. Waking a
/// worker and joining it again costs about a microsecond or two, more than
/// a whole grid of a few short blocks takes on one core, so such a grid
/// runs faster on the launching thread alone (as an OpenMP programmer
/// would leave a tiny loop serial). A direct-mapped table: a kernel that
/// shares a slot with another only loses its estimate.
class BlockCosts {
public:
  /// Estimated nanoseconds per block of Kernel; 0 if unknown.
  uint64_t perBlockNs(const void *Kernel) const;
  /// Blocks of Kernel took Ns on one thread. Estimates follow a rise
  /// faster than a fall: a kernel whose blocks grow long is shared again
  /// after a launch or two (a rise of more than twice the threshold at the
  /// next launch), while a single slow sample (an interrupt) does not undo
  /// what many fast ones showed.
  void record(const void *Kernel, uint64_t Ns, uint64_t Blocks);

private:
  struct Entry {
    std::atomic<const void *> Kernel{nullptr};
    std::atomic<uint64_t> Ns{0};
  };
  static constexpr unsigned NumEntries = 256;
  Entry &entryOf(const void *Kernel) const;
  mutable Entry Entries[NumEntries];
};

class BlockPool {
public:
  /// A pool for Parallelism threads: the thread that runs a grid is one of
  /// them, so Parallelism - 1 workers are started.
  explicit BlockPool(unsigned Parallelism);
  unsigned size() const { return Parallelism; }

  /// Runs every block of Job and returns when all have finished. The
  /// calling thread (a stream's executor, which would otherwise only wait)
  /// takes blocks too, so a one-block grid never wakes a worker and a
  /// short one does not wait for workers that take long to wake.
  void run(GridJob &Job);

  /// Runs a cooperative grid: each block on a thread of its own, beside
  /// the pool, so that all blocks are resident together however busy the
  /// pool is. The calling thread runs one of them.
  static void runCooperative(GridJob &Job);

private:
  /// Index: the worker's participant number (the launching thread is 0).
  void workerMain(unsigned Index);
  /// Waits for a job with blocks left and attaches to it; Seen is the value
  /// of Posted when this worker last found none.
  GridJob *waitForJob(uint64_t &Seen);
  GridJob *pickJob();
  /// Waits until no worker works on Job any more and removes it.
  void retire(GridJob &Job);

  const unsigned Parallelism;
  std::mutex Mutex;
  std::condition_variable WorkAvailable; ///< For sleeping workers.
  std::condition_variable JobFinished;   ///< For a sleeping launcher.
  std::deque<GridJob *> Jobs;
  /// Bumped (under Mutex) whenever a grid is posted, so polling workers
  /// notice new work without taking the mutex.
  std::atomic<uint64_t> Posted{0};
  unsigned SleepingWorkers = 0;
  /// Launching threads asleep on JobFinished. Workers read it (after
  /// leaving a job) to decide whether to take the mutex and wake them; a
  /// worker that finishes a job nobody sleeps for touches no lock.
  std::atomic<unsigned> SleepingLaunchers{0};
  BlockCosts Costs;
};

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_BLOCKPOOL_H
