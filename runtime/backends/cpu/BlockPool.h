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
struct GridJob {
  const TxKernelRecord *Kernel = nullptr;
  void **Args = nullptr;
  uint32_t Grid[3] = {1, 1, 1};
  uint32_t Block[3] = {1, 1, 1};
  uint64_t SharedBytes = 0;  ///< Static plus dynamic, per block.
  uint64_t ScratchBytes = 0; ///< Per block.
  uint64_t Total = 0;        ///< Blocks in the grid.
  uint64_t Chunk = 1;        ///< Blocks claimed at a time.

  std::atomic<uint64_t> Next{0};
  /// First failure (a StatusCode); later blocks are skipped once set.
  std::atomic<int> Failure{0};

  /// Blocks accounted for (run or skipped) and pool workers still working
  /// on the grid. Changed under the pool's mutex; the launching thread
  /// polls them without it.
  std::atomic<uint64_t> Done{0};
  std::atomic<unsigned> Attached{0};
  bool finished() const {
    return Done.load(std::memory_order_acquire) == Total &&
           Attached.load(std::memory_order_acquire) == 0;
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

  std::mutex SyncMutex;
  std::condition_variable SyncChanged;
  uint64_t Arrived = 0;    ///< At the barrier in the current generation.
  uint64_t Live = 0;       ///< Blocks not yet finished.
  uint64_t Generation = 0; ///< Completed barrier rounds.
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
  void workerMain();
  /// Waits (holding Lock) for a job with blocks left; Seen is the value of
  /// Posted when this worker last found none.
  GridJob *waitForJob(std::unique_lock<std::mutex> &Lock, uint64_t &Seen);
  GridJob *pickJob();

  const unsigned Parallelism;
  std::mutex Mutex;
  std::condition_variable WorkAvailable; ///< For sleeping workers.
  std::condition_variable JobFinished;   ///< For a sleeping launcher.
  std::deque<GridJob *> Jobs;
  /// Bumped (under Mutex) whenever a grid is posted, so polling workers
  /// notice new work without taking the mutex.
  std::atomic<uint64_t> Posted{0};
  unsigned SleepingWorkers = 0;
};

/// Worker count: TONGXIN_CPU_THREADS, else one per hardware thread.
unsigned defaultWorkerCount();

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_BLOCKPOOL_H
