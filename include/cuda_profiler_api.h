//===- cuda_profiler_api.h - CUDA profiler control --------------*- C++ -*-===//
//
// Part of Tongxin. Starting and stopping profile collection. Tongxin has no
// profiler of its own to drive (profile the CPU code with perf and the
// like), so both calls succeed and do nothing.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_PROFILER_API_H
#define TONGXIN_CUDA_PROFILER_API_H

#include "tongxin/host_defines.h"

#include "driver_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

//===--- Profiler control -------------------------------------------------===//

__host__ cudaError_t cudaProfilerStart(void);
__host__ cudaError_t cudaProfilerStop(void);

#pragma GCC visibility pop

#ifdef __cplusplus
} // extern "C"
#endif

#endif // TONGXIN_CUDA_PROFILER_API_H
