//===- fft/PlanRegistry.h - The cufftHandle table ---------------*- C++ -*-===//
//
// Part of Tongxin. A cufftHandle names a PlanState: the transform once the
// plan is made, its stream and its work area. Executions queued on a
// stream share the transform and the library-owned work area, so a plan
// destroyed while they are pending stays alive until they have run.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_FFT_PLANREGISTRY_H
#define TONGXIN_LIBS_FFT_PLANREGISTRY_H

#include "Forward.h"
#include "Transform.h"

#include <cufft.h>

#include <memory>
#include <mutex>

namespace tx {
namespace fft {

struct PlanState {
  cudaStream_t Stream = nullptr;
  bool AutoAllocate = true;
  int Device = 0;
  Shape Made;                            // valid when Exec is set
  std::shared_ptr<const Transform> Exec; // null until a plan is made
  std::shared_ptr<void> OwnedWork;       // auto-allocated work area
  void *UserWork = nullptr;              // from cufftSetWorkArea
  size_t WorkSize = 0;
  long long PatientJit = 0, MaxHostThreads = 0;
  /// NVIDIA's plan made for this one on an NVIDIA GPU (Forward.h), or -1.
  cufftHandle Nvidia = -1;
};

/// The registry's lock, and the state of Handle (null when it does not
/// exist) for use under that lock.
std::mutex &registryLock();
PlanState *findPlan(cufftHandle Handle);

/// Runs Body(State) under the registry's lock; CUFFT_INVALID_PLAN for a
/// handle that does not exist.
template <typename Fn> cufftResult withPlan(cufftHandle Handle, Fn &&Body) {
  std::lock_guard<std::mutex> Guard(registryLock());
  PlanState *State = findPlan(Handle);
  if (!State)
    return CUFFT_INVALID_PLAN;
  return Body(*State);
}

} // namespace fft
} // namespace tx

#endif // TONGXIN_LIBS_FFT_PLANREGISTRY_H
