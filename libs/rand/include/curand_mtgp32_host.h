//===- curand_mtgp32_host.h - cuRAND MTGP32 host setup -------- -*- CUDA
//-*-===//
//
// Part of Tongxin. The host functions that prepare MTGP32 for kernels:
// curandMakeMTGP32Constants copies parameter sets into the tables a kernel
// reads, curandMakeMTGP32KernelState seeds one state per thread block.
// Both build their result on the host and copy it to the device pointer
// they are given with cudaMemcpy, as CUDA's do. State i uses parameter set
// i and MTGP's seeding with (unsigned int)seed + i + 1, the layout of the
// host API's MTGP32 generator (which passes seed ^ (seed >> 32)).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_MTGP32_HOST_H
#define TONGXIN_CURAND_MTGP32_HOST_H

#include "cuda_runtime.h"
#include "curand.h"
#include "curand_mtgp32.h"
#include "tongxin/curand_mtgp32_engine.h"

#include <stdlib.h>

/// Copies the CURAND_NUM_MTGP32_PARAMS sets of params into the device
/// tables at p.
static __inline__ curandStatus_t
curandMakeMTGP32Constants(const mtgp32_params_fast_t params[],
                          mtgp32_kernel_params_t *p) {
  if (!params || !p)
    return CURAND_STATUS_OUT_OF_RANGE;
  mtgp32_kernel_params_t *__host =
      (mtgp32_kernel_params_t *)malloc(sizeof(mtgp32_kernel_params_t));
  if (!__host)
    return CURAND_STATUS_ALLOCATION_FAILED;
  __tx_mtgp32_make_constants(params, __host, CURAND_NUM_MTGP32_PARAMS);
  cudaError_t __err =
      cudaMemcpy(p, __host, sizeof(*__host), cudaMemcpyHostToDevice);
  free(__host);
  return __err == cudaSuccess ? CURAND_STATUS_SUCCESS
                              : CURAND_STATUS_INITIALIZATION_FAILED;
}

/// Seeds n states at s (n <= CURAND_NUM_MTGP32_PARAMS, one per thread
/// block), state i with params[i] and the device tables k.
static __inline__ curandStatus_t curandMakeMTGP32KernelState(
    curandStateMtgp32_t *s, mtgp32_params_fast_t params[],
    mtgp32_kernel_params_t *k, int n, unsigned long long seed) {
  if (!s || !params || !k || n < 1 || n > CURAND_NUM_MTGP32_PARAMS)
    return CURAND_STATUS_OUT_OF_RANGE;
  curandStateMtgp32_t *__host =
      (curandStateMtgp32_t *)malloc((size_t)n * sizeof(curandStateMtgp32_t));
  if (!__host)
    return CURAND_STATUS_ALLOCATION_FAILED;
  for (int __i = 0; __i < n; ++__i)
    __tx_mtgp32_make_state(&__host[__i], &params[__i], k, __i,
                           (unsigned int)seed + (unsigned int)__i + 1u);
  cudaError_t __err = cudaMemcpy(s, __host, (size_t)n * sizeof(*__host),
                                 cudaMemcpyHostToDevice);
  free(__host);
  return __err == cudaSuccess ? CURAND_STATUS_SUCCESS
                              : CURAND_STATUS_INITIALIZATION_FAILED;
}

#endif // TONGXIN_CURAND_MTGP32_HOST_H
