//===- api/Profiler.cpp - Profiler control --------------------------------===//
//
// Part of Tongxin. cudaProfilerStart/Stop delimit what an attached CUDA
// profiler collects. Tongxin has no profiler of its own to drive, so the
// calls succeed and do nothing; CPU profilers see the whole run.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

#include "cuda_profiler_api.h"

cudaError_t cudaProfilerStart(void) { return cudaSuccess; }

cudaError_t cudaProfilerStop(void) { return cudaSuccess; }
