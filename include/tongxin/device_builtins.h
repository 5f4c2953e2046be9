//===- tongxin/device_builtins.h - Thread ids, clocks, loads ----*- C++ -*-===//
//
// Part of Tongxin. threadIdx/blockIdx/blockDim/gridDim, warpSize, the clock
// counters, __trap, __nanosleep and the cache-hinted loads and stores.
//
// threadIdx & co. come from clang's own __clang_cuda_builtin_vars.h (in the
// resource directory): their members read llvm.nvvm.read.ptx.sreg.{tid,
// ntid,ctaid,nctaid}.{x,y,z}, which the CPU lowering replaces.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_BUILTINS_H
#define TONGXIN_DEVICE_BUILTINS_H

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"
#include "vector_types.h"
#include <time.h>

#include <__clang_cuda_builtin_vars.h>

// The builtin-vars header declares these conversions but leaves their
// definitions to whoever defines dim3 and uint3.
#define __TX_BUILTIN_CONV(T)                                                   \
  __device__ inline T::operator dim3() const { return dim3(x, y, z); }         \
  __device__ inline T::operator uint3() const { return uint3{x, y, z}; }
__TX_BUILTIN_CONV(__cuda_builtin_threadIdx_t)
__TX_BUILTIN_CONV(__cuda_builtin_blockIdx_t)
__TX_BUILTIN_CONV(__cuda_builtin_blockDim_t)
__TX_BUILTIN_CONV(__cuda_builtin_gridDim_t)
#undef __TX_BUILTIN_CONV

// warpSize (a __device__ const int 32, as in CUDA: device code only) is
// declared by __clang_cuda_builtin_vars.h itself.

#define __TX_DEVICE__ static __device__ __inline__ __attribute__((always_inline))

//===--- Clocks and control ------------------------------------------------===//

// tx-api: partial: counts the CPU's cycles on CPU devices
__TX_DEVICE__ clock_t clock() {
  return (clock_t)__nvvm_read_ptx_sreg_clock();
}
// tx-api: partial: counts the CPU's cycles on CPU devices
__TX_DEVICE__ long long clock64() { return __nvvm_read_ptx_sreg_clock64(); }
__TX_DEVICE__ unsigned long long __globaltimer() {
  return __nvvm_read_ptx_sreg_globaltimer();
}
__TX_DEVICE__ void __trap() { __builtin_trap(); }
__TX_DEVICE__ void __brkpt() { __builtin_trap(); }
// Only a scheduling hint on the GPU; nothing to wait for on the CPU path.
// tx-api: partial: returns at once (a scheduling hint)
__TX_DEVICE__ void __nanosleep(unsigned int) {}
__TX_DEVICE__ void __prof_trigger(int) {}

//===--- Cache-hinted loads and stores -------------------------------------===//
// The hints (read-only path, L1 bypass, streaming, ...) do not change
// results, so every variant is a plain access.

#define __TX_LOAD(NAME)                                                        \
  template <typename __T> __TX_DEVICE__ __T NAME(const __T *__p) { return *__p; }
__TX_LOAD(__ldg)
__TX_LOAD(__ldcg)
__TX_LOAD(__ldca)
__TX_LOAD(__ldcs)
__TX_LOAD(__ldlu)
__TX_LOAD(__ldcv)
#undef __TX_LOAD
#define __TX_STORE(NAME)                                                       \
  template <typename __T> __TX_DEVICE__ void NAME(__T *__p, __T __v) {         \
    *__p = __v;                                                                \
  }
__TX_STORE(__stwb)
__TX_STORE(__stcg)
__TX_STORE(__stcs)
__TX_STORE(__stwt)
#undef __TX_STORE

#undef __TX_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_BUILTINS_H
