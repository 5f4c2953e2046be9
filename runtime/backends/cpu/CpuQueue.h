//===- cpu/CpuQueue.h - In-order host-thread work queue ---------*- C++ -*-===//
//
// Part of Tongxin. The CPU backend's stream queue: one executor thread per
// queue, started on the first submission.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CPU_CPUQUEUE_H
#define TONGXIN_RUNTIME_BACKENDS_CPU_CPUQUEUE_H

#include "tongxin/hal.h"

#include <memory>

namespace tx {
namespace cpu {

class CpuQueue final : public hal::Queue {
public:
  CpuQueue();
  ~CpuQueue() override;
  Status submit(std::function<void()> Work) override;

  struct State;

private:
  std::shared_ptr<State> Shared;
};

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_CPUQUEUE_H
