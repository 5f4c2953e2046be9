//===- tongxin/device_sync.h - Barriers and memory fences -------*- C++ -*-===//
//
// Part of Tongxin. Each function maps onto exactly one NVVM intrinsic that
// the SIMT-to-CPU passes recognise:
//   __syncthreads()         llvm.nvvm.barrier0 (a clang builtin, not here)
//   __syncthreads_count(p)  llvm.nvvm.barrier0.popc
//   __syncthreads_and(p)    llvm.nvvm.barrier0.and
//   __syncthreads_or(p)     llvm.nvvm.barrier0.or
//   __syncwarp(mask)        llvm.nvvm.bar.warp.sync
//   __threadfence_block()   llvm.nvvm.membar.cta
//   __threadfence()         llvm.nvvm.membar.gl
//   __threadfence_system()  llvm.nvvm.membar.sys
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_SYNC_H
#define TONGXIN_DEVICE_SYNC_H

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"

#define __TX_DEVICE__ static __device__ __inline__ __attribute__((always_inline))

__TX_DEVICE__ int __syncthreads_count(int __pred) {
  return __nvvm_bar0_popc(__pred);
}
__TX_DEVICE__ int __syncthreads_and(int __pred) {
  return __nvvm_bar0_and(__pred);
}
__TX_DEVICE__ int __syncthreads_or(int __pred) {
  return __nvvm_bar0_or(__pred);
}
// tx-api: partial: on CPU devices a barrier of the whole block (stronger
// than CUDA requires)
__TX_DEVICE__ void __syncwarp(unsigned int __mask = 0xffffffffu) {
  __nvvm_bar_warp_sync(__mask);
}

__TX_DEVICE__ void __threadfence_block() { __nvvm_membar_cta(); }
__TX_DEVICE__ void __threadfence() { __nvvm_membar_gl(); }
__TX_DEVICE__ void __threadfence_system() { __nvvm_membar_sys(); }

#undef __TX_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_SYNC_H
