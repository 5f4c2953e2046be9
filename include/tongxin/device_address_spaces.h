//===- tongxin/device_address_spaces.h - __cvta_* and __is* -----*- C++ -*-===//
//
// Part of Tongxin. CUDA's conversions between generic pointers and state
// space addresses, which code that writes inline PTX (ldmatrix, cp.async,
// CUTLASS) uses to name shared memory: a .shared address is an offset in
// the block's shared memory window. Each is one `cvta` instruction, which
// the GPU runs and the CPU path translates (TranslateInlinePTX), so both
// agree on what a window address is.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_ADDRESS_SPACES_H
#define TONGXIN_DEVICE_ADDRESS_SPACES_H

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"

#include <stddef.h>

#define __TX_DEVICE__                                                          \
  static __device__ __inline__ __attribute__((always_inline))

__TX_DEVICE__ size_t __cvta_generic_to_shared(const void *__p) {
  size_t __r;
  asm("cvta.to.shared.u64 %0, %1;" : "=l"(__r) : "l"(__p));
  return __r;
}
__TX_DEVICE__ size_t __cvta_generic_to_global(const void *__p) {
  size_t __r;
  asm("cvta.to.global.u64 %0, %1;" : "=l"(__r) : "l"(__p));
  return __r;
}
__TX_DEVICE__ size_t __cvta_generic_to_constant(const void *__p) {
  size_t __r;
  asm("cvta.to.const.u64 %0, %1;" : "=l"(__r) : "l"(__p));
  return __r;
}
__TX_DEVICE__ void *__cvta_shared_to_generic(size_t __a) {
  void *__r;
  asm("cvta.shared.u64 %0, %1;" : "=l"(__r) : "l"(__a));
  return __r;
}
__TX_DEVICE__ void *__cvta_global_to_generic(size_t __a) {
  void *__r;
  asm("cvta.global.u64 %0, %1;" : "=l"(__r) : "l"(__a));
  return __r;
}
__TX_DEVICE__ void *__cvta_constant_to_generic(size_t __a) {
  void *__r;
  asm("cvta.const.u64 %0, %1;" : "=l"(__r) : "l"(__a));
  return __r;
}

// Which state space a generic pointer points into; on a CPU, shared memory
// is the running block's window and everything else is global (see
// ThreadStateAccess): __isConstant and __isLocal answer 0 there.
#define __TX_SPACE_TEST__                                                      \
  static __device__ __inline__ __attribute__((always_inline, const))
__TX_SPACE_TEST__ unsigned int __isGlobal(const void *__p) {
  return __nvvm_isspacep_global(__p);
}
__TX_SPACE_TEST__ unsigned int __isShared(const void *__p) {
  return __nvvm_isspacep_shared(__p);
}
__TX_SPACE_TEST__ unsigned int __isConstant(const void *__p) {
  return __nvvm_isspacep_const(__p);
}
__TX_SPACE_TEST__ unsigned int __isLocal(const void *__p) {
  return __nvvm_isspacep_local(__p);
}
#undef __TX_SPACE_TEST__

#undef __TX_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_ADDRESS_SPACES_H
