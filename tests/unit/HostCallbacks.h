//===- HostCallbacks.h - Host functions the tests enqueue -------*- C++ -*-===//
//
// Part of Tongxin. For tests of stream and graph ordering: host functions
// that record the order in which they ran, and a gate that holds a stream
// back, so that "has not run yet" is observable without timing
// assumptions.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_UNIT_HOSTCALLBACKS_H
#define TONGXIN_TESTS_UNIT_HOSTCALLBACKS_H

#include <condition_variable>
#include <mutex>
#include <vector>

namespace txtest {

/// Records the order in which tagged host functions ran.
struct Journal {
  std::mutex Mutex;
  std::vector<int> Order;
  void add(int Tag) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Order.push_back(Tag);
  }
  std::vector<int> take() {
    std::lock_guard<std::mutex> Lock(Mutex);
    return std::move(Order);
  }
};

/// A host function's user data: appends Tag to J when it runs.
struct Entry {
  Journal *J;
  int Tag;
  static void fn(void *E) {
    auto *Self = static_cast<Entry *>(E);
    Self->J->add(Self->Tag);
  }
};

/// A one-shot gate: waitFn (a host function) returns once open() was called.
class Gate {
public:
  void open() {
    {
      std::lock_guard<std::mutex> Lock(Mutex);
      Opened = true;
    }
    Cv.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> Lock(Mutex);
    Cv.wait(Lock, [&] { return Opened; });
  }
  static void waitFn(void *G) { static_cast<Gate *>(G)->wait(); }

private:
  std::mutex Mutex;
  std::condition_variable Cv;
  bool Opened = false;
};

} // namespace txtest

#endif // TONGXIN_TESTS_UNIT_HOSTCALLBACKS_H
