//===- hal/SpinWait.cpp - Brief polling before a thread sleeps ------------===//
//
// Part of Tongxin. See SpinWait.h.
//
//===----------------------------------------------------------------------===//

#include "hal/SpinWait.h"

#include <cstdlib>
#include <ctime>
#include <sched.h>

namespace tx {
namespace hal {

/// Long enough to bridge the gap between back-to-back launches, a kernel
/// and the synchronisation that follows it, or two library calls; short
/// enough that idle threads cost nothing measurable.
static constexpr uint64_t DefaultSpinUs = 50;

static uint64_t readSpinBudgetNs() {
  const char *Env = std::getenv("TONGXIN_SPIN_US");
  if (!Env)
    return DefaultSpinUs * 1000;
  char *End = nullptr;
  long long Us = std::strtoll(Env, &End, 10);
  if (End == Env || *End != '\0' || Us < 0)
    return DefaultSpinUs * 1000;
  if (Us > 1000000)
    Us = 1000000;
  return static_cast<uint64_t>(Us) * 1000;
}

uint64_t spinBudgetNs() {
  static const uint64_t Budget = readSpinBudgetNs();
  return Budget;
}

uint64_t monotonicNs() {
  timespec Now;
  clock_gettime(CLOCK_MONOTONIC, &Now);
  return uint64_t(Now.tv_sec) * 1000000000u + uint64_t(Now.tv_nsec);
}

void yieldCore() { sched_yield(); }

} // namespace hal
} // namespace tx
