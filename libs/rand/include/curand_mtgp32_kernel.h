//===- curand_mtgp32_kernel.h - cuRAND MTGP32 device API ------ -*- CUDA
//-*-===//
//
// Part of Tongxin. MTGP32 in kernels: one curandStateMtgp32_t per thread
// block, shared by up to 256 threads that call the same function together
// (every thread of the block must make the call, as in CUDA). A call of
// curand gives thread t (x fastest) word offset + t of the block's
// sequence and moves the offset on by the block's size, so a block of 256
// threads draws exactly what block i of the host API's MTGP32 generator
// draws per round. Uniform and normal values come one per word (normals by
// the inverse normal CDF, as with Sobol). curand_kernel.h includes this
// header, as CUDA's does. Not provided: curand_mtgp32_single and
// curand_mtgp32_single_specific.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_MTGP32_KERNEL_H
#define TONGXIN_CURAND_MTGP32_KERNEL_H

#if !defined(__CUDA__) || !defined(__cplusplus)
#error "curand_mtgp32_kernel.h is for CUDA C++ (device code)"
#endif

#include "cuda_runtime.h" // threadIdx, blockDim
#include "curand.h"
#include "curand_mtgp32.h"
#include "tongxin/curand_mtgp32_engine.h"
#include "tongxin/curand_sobol.h"

#define __TX_MTGP32_FN static __forceinline__ __device__

/// This thread's index in its block, x fastest.
__TX_MTGP32_FN unsigned int __tx_mtgp32_thread(void) {
  return threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
}

/// Moves the block's state past __n words once every thread has read it.
__TX_MTGP32_FN void __tx_mtgp32_advance(curandStateMtgp32_t *__st,
                                        unsigned int __n) {
  __syncthreads();
  if (__tx_mtgp32_thread() == 0)
    __st->offset = (__st->offset + (int)__n) & MTGP32_STATE_MASK;
  __syncthreads();
}

/// Word offset + t for thread t; the offset moves by the block's size.
__TX_MTGP32_FN unsigned int curand(curandStateMtgp32_t *state) {
  unsigned int __r = __tx_mtgp32_word(state, __tx_mtgp32_thread());
  __tx_mtgp32_advance(state, blockDim.x * blockDim.y * blockDim.z);
  return __r;
}

/// Word offset + index for the calling thread; the offset moves by n.
/// Every thread of the block calls it with the same n and its own index.
__TX_MTGP32_FN unsigned int curand_mtgp32_specific(curandStateMtgp32_t *state,
                                                   unsigned char index,
                                                   unsigned char n) {
  unsigned int __r = __tx_mtgp32_word(state, index);
  __tx_mtgp32_advance(state, n);
  return __r;
}

__TX_MTGP32_FN float curand_uniform(curandStateMtgp32_t *state) {
  return __tx_uniform(curand(state));
}
__TX_MTGP32_FN double curand_uniform_double(curandStateMtgp32_t *state) {
  return __tx_sobol_uniform_double(curand(state));
}
__TX_MTGP32_FN float curand_normal(curandStateMtgp32_t *state) {
  return __tx_normal_icdf(curand(state));
}
__TX_MTGP32_FN double curand_normal_double(curandStateMtgp32_t *state) {
  return __tx_normal_icdf_double(curand(state));
}

#endif // TONGXIN_CURAND_MTGP32_KERNEL_H
