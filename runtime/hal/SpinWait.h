//===- hal/SpinWait.h - Brief polling before a thread sleeps ----*- C++ -*-===//
//
// Part of Tongxin. Waking a sleeping thread costs a system call on one side
// and tens of microseconds of scheduler latency on the other, far more than
// an empty kernel takes. Threads that are about to wait for work or for a
// result therefore poll for a short while first (as OpenMP runtimes do), and
// only then sleep. The budget is TONGXIN_SPIN_US microseconds (0 disables
// polling); after the first microseconds the loop yields the core at every
// step, so polling threads give way on an oversubscribed machine.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_HAL_SPINWAIT_H
#define TONGXIN_RUNTIME_HAL_SPINWAIT_H

#include <cstdint>

namespace tx {
namespace hal {

/// The polling budget in nanoseconds (TONGXIN_SPIN_US, read once).
uint64_t spinBudgetNs();
uint64_t monotonicNs();
/// Gives the core to another runnable thread, if there is one.
void yieldCore();

/// A hint to the core that this is a polling loop.
inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#else
  asm volatile("" ::: "memory");
#endif
}

/// Polls Ready() until it returns true (then true) or the budget is spent
/// (then false, and the caller goes to sleep).
template <typename Predicate> bool spinUntil(Predicate &&Ready) {
  if (Ready())
    return true;
  const uint64_t Budget = spinBudgetNs();
  if (Budget == 0)
    return false;
  const uint64_t Start = monotonicNs();
  // Pure polling for the first microseconds, which is what a launch-and-
  // synchronise round trip needs; yielding the core at every step after
  // that, so that a poller never slows the threads it is waiting for.
  constexpr uint64_t PurePollingNs = 3000;
  bool Yielding = false;
  for (unsigned Round = 1;; ++Round) {
    if (Yielding)
      yieldCore();
    else
      cpuRelax();
    if (Ready())
      return true;
    if ((Round & 15) == 0) {
      uint64_t Elapsed = monotonicNs() - Start;
      if (Elapsed >= Budget)
        return false;
      Yielding = Elapsed >= PurePollingNs;
    }
  }
}

} // namespace hal
} // namespace tx

#endif // TONGXIN_RUNTIME_HAL_SPINWAIT_H
