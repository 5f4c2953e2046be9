//===- api/Profiler.cpp - Profiler control --------------------------------===//
//
// Part of Tongxin. cudaProfilerStart/Stop delimit what a CUDA profiler
// collects: here they pause and resume TONGXIN_PROFILE's recording
// (core/Profile.h). CPU profilers attached to the process see everything.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

#include "core/Profile.h"
#include "cuda_profiler_api.h"

cudaError_t cudaProfilerStart(void) {
  tx::profile::setPaused(false);
  return cudaSuccess;
}

cudaError_t cudaProfilerStop(void) {
  tx::profile::setPaused(true);
  return cudaSuccess;
}
