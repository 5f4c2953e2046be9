//===- cpu/CpuQueue.cpp - In-order host-thread work queue -----------------===//
//
// Part of Tongxin. The executor thread shares its state with the queue
// object; destroying the queue only asks the thread to exit once the queue
// is drained, so cudaStreamDestroy never blocks on pending work.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/CpuQueue.h"

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
  bool Started = false;
  bool Closing = false;
};

static void executorMain(std::shared_ptr<CpuQueue::State> S) {
  std::unique_lock<std::mutex> Lock(S->Mutex);
  for (;;) {
    S->Cv.wait(Lock, [&] { return !S->Items.empty() || S->Closing; });
    if (S->Items.empty())
      return; // Closing and drained.
    std::function<void()> Work = std::move(S->Items.front());
    S->Items.pop_front();
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
    Shared->Closing = true;
  }
  Shared->Cv.notify_all();
}

Status CpuQueue::submit(std::function<void()> Work) {
  std::lock_guard<std::mutex> Lock(Shared->Mutex);
  Shared->Items.push_back(std::move(Work));
  if (!Shared->Started) {
    Shared->Started = true;
    std::thread(executorMain, Shared).detach();
  }
  Shared->Cv.notify_one();
  return Status::ok();
}

} // namespace cpu
} // namespace tx
