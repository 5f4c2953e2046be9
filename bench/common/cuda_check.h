//===- cuda_check.h - CHECK_CUDA for the CUDA benchmarks --------*- C++ -*-===//
//
// Part of Tongxin. CHECK_CUDA(call), for the CUDA program of each benchmark
// pair (included after cuda_runtime.h): a failed runtime call prints where
// and why and makes main return 2, which bench/run.sh reports as a failed
// run instead of a time.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_BENCH_COMMON_CUDA_CHECK_H
#define TONGXIN_BENCH_COMMON_CUDA_CHECK_H

#include <cstdio>

#define CHECK_CUDA(Expr)                                                       \
  do {                                                                         \
    cudaError_t Err = (Expr);                                                  \
    if (Err != cudaSuccess) {                                                  \
      std::fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__,       \
                   #Expr, cudaGetErrorString(Err));                            \
      return 2;                                                                \
    }                                                                          \
  } while (0)

#endif // TONGXIN_BENCH_COMMON_CUDA_CHECK_H
