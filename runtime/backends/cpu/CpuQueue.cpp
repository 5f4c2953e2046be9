//===- cpu/CpuQueue.cpp - In-order host-thread work queue -----------------===//
//
// Part of Tongxin. The executor thread shares its state with the queue
// object; destroying the queue only asks the thread to exit once the queue
// is drained, so cudaStreamDestroy never blocks on pending work.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/CpuQueue.h"
#include "hal/SpinWait.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace tx {
namespace cpu {

struct CpuQueue::State {
  std::mutex Mutex;
  std::condition_variable Cv;
  std::deque<std::function<void()>> Items;
  /// Items.size() and Closing, readable without the mutex while polling.
  std::atomic<size_t> Queued{0};
  std::atomic<bool> Closing{false};
  bool Started = false;
  bool Sleeping = false; ///< The executor waits on Cv.
};

/// Waits (holding Lock) until S has an item or is closing: polls briefly
/// first, since launches usually come back to back.
static void waitForWork(CpuQueue::State &S,
                        std::unique_lock<std::mutex> &Lock) {
  auto Ready = [&] {
    return S.Queued.load(std::memory_order_acquire) != 0 ||
           S.Closing.load(std::memory_order_acquire);
  };
  if (Ready())
    return;
  Lock.unlock();
  hal::spinUntil(Ready);
  Lock.lock();
  S.Sleeping = true;
  S.Cv.wait(Lock, [&] { return !S.Items.empty() || S.Closing.load(); });
  S.Sleeping = false;
}

static void executorMain(std::shared_ptr<CpuQueue::State> S) {
  std::unique_lock<std::mutex> Lock(S->Mutex);
  for (;;) {
    waitForWork(*S, Lock);
    if (S->Items.empty())
      return; // Closing and drained.
    std::function<void()> Work = std::move(S->Items.front());
    S->Items.pop_front();
    S->Queued.fetch_sub(1, std::memory_order_relaxed);
    Lock.unlock();
    Work();
    Work = nullptr; // Release captures outside the lock.
    Lock.lock();
  }
}

CpuQueue::CpuQueue() : Shared(std::make_shared<State>()) {}

CpuQueue::~CpuQueue() {
  {
    std::lock_guard<std::mutex> Lock(Shared->Mutex);
    Shared->Closing.store(true, std::memory_order_release);
    if (Shared->Sleeping)
      Shared->Cv.notify_all();
  }
}

Status CpuQueue::submit(std::function<void()> Work) {
  std::lock_guard<std::mutex> Lock(Shared->Mutex);
  Shared->Items.push_back(std::move(Work));
  Shared->Queued.fetch_add(1, std::memory_order_release);
  if (!Shared->Started) {
    Shared->Started = true;
    std::thread(executorMain, Shared).detach();
  }
  if (Shared->Sleeping)
    Shared->Cv.notify_one();
  return Status::ok();
}

} // namespace cpu
} // namespace tx
