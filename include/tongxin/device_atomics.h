//===- tongxin/device_atomics.h - CUDA atomic functions ---------*- C++ -*-===//
//
// Part of Tongxin. atomicAdd ... atomicCAS and their _block/_system forms.
//
// All are built from clang's generic __atomic_* builtins, so the device IR
// holds plain `atomicrmw` / `cmpxchg` instructions (monotonic ordering: CUDA
// atomics are relaxed) and no NVVM atomic intrinsics. The scope suffixes
// only narrow which threads must observe the operation; on a CPU every
// scope is the whole system, so they share one implementation.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_ATOMICS_H
#define TONGXIN_DEVICE_ATOMICS_H

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"

#define __TX_DEVICE__ static __device__ __inline__ __attribute__((always_inline))
#define __TX_RLX __ATOMIC_RELAXED

namespace __tx_atomic {
// Bit-pattern CAS loop for operations with no atomicrmw form.
template <typename __T, typename __F>
__TX_DEVICE__ __T __cas_loop(__T *__p, __F __f) {
  __T __old = __atomic_load_n(__p, __TX_RLX);
  while (!__atomic_compare_exchange_n(__p, &__old, __f(__old), /*weak=*/true,
                                      __TX_RLX, __TX_RLX)) {
  }
  return __old;
}
} // namespace __tx_atomic

// One definition per scope suffix (atomicAdd, atomicAdd_block, ..._system).
#define __TX_SCOPES(RET, NAME, PARAMS, BODY)                                   \
  __TX_DEVICE__ RET NAME PARAMS BODY                                           \
  __TX_DEVICE__ RET NAME##_block PARAMS BODY                                   \
  __TX_DEVICE__ RET NAME##_system PARAMS BODY

#define __TX_RMW(NAME, T, BUILTIN)                                             \
  __TX_SCOPES(T, NAME, (T * __p, T __v),                                       \
              { return BUILTIN(__p, __v, __TX_RLX); })

// atomicAdd: int, unsigned, unsigned long long, float, double.
__TX_RMW(atomicAdd, int, __atomic_fetch_add)
__TX_RMW(atomicAdd, unsigned int, __atomic_fetch_add)
__TX_RMW(atomicAdd, unsigned long long, __atomic_fetch_add)
__TX_RMW(atomicAdd, float, __atomic_fetch_add)
__TX_RMW(atomicAdd, double, __atomic_fetch_add)

// atomicSub: int, unsigned.
__TX_RMW(atomicSub, int, __atomic_fetch_sub)
__TX_RMW(atomicSub, unsigned int, __atomic_fetch_sub)

// atomicExch: int, unsigned, unsigned long long, float.
__TX_RMW(atomicExch, int, __atomic_exchange_n)
__TX_RMW(atomicExch, unsigned int, __atomic_exchange_n)
__TX_RMW(atomicExch, unsigned long long, __atomic_exchange_n)
__TX_SCOPES(float, atomicExch, (float *__p, float __v), {
  unsigned int __old = __atomic_exchange_n(
      reinterpret_cast<unsigned int *>(__p), __builtin_bit_cast(unsigned int, __v),
      __TX_RLX);
  return __builtin_bit_cast(float, __old);
})

// atomicMin/Max: int, unsigned, long long, unsigned long long (the 64-bit
// forms are sm_35+ in CUDA; every Tongxin target has them).
__TX_RMW(atomicMin, int, __atomic_fetch_min)
__TX_RMW(atomicMin, unsigned int, __atomic_fetch_min)
__TX_RMW(atomicMin, long long, __atomic_fetch_min)
__TX_RMW(atomicMin, unsigned long long, __atomic_fetch_min)
__TX_RMW(atomicMax, int, __atomic_fetch_max)
__TX_RMW(atomicMax, unsigned int, __atomic_fetch_max)
__TX_RMW(atomicMax, long long, __atomic_fetch_max)
__TX_RMW(atomicMax, unsigned long long, __atomic_fetch_max)

// atomicAnd/Or/Xor: int, unsigned, long long, unsigned long long.
#define __TX_BITOPS(T)                                                         \
  __TX_RMW(atomicAnd, T, __atomic_fetch_and)                                   \
  __TX_RMW(atomicOr, T, __atomic_fetch_or)                                     \
  __TX_RMW(atomicXor, T, __atomic_fetch_xor)
__TX_BITOPS(int)
__TX_BITOPS(unsigned int)
__TX_BITOPS(long long)
__TX_BITOPS(unsigned long long)
#undef __TX_BITOPS

// atomicInc/Dec: CUDA's wrapping counters, which have no atomicrmw form in
// LLVM 19 (uinc_wrap/udec_wrap exist but are not lowered on every target).
__TX_SCOPES(unsigned int, atomicInc, (unsigned int *__p, unsigned int __v), {
  return __tx_atomic::__cas_loop(__p, [__v](unsigned int __o) {
    return __o >= __v ? 0u : __o + 1u;
  });
})
__TX_SCOPES(unsigned int, atomicDec, (unsigned int *__p, unsigned int __v), {
  return __tx_atomic::__cas_loop(__p, [__v](unsigned int __o) {
    return (__o == 0u || __o > __v) ? __v : __o - 1u;
  });
})

// atomicCAS: int, unsigned, unsigned long long, unsigned short (sm_70+).
#define __TX_CAS(T)                                                            \
  __TX_SCOPES(T, atomicCAS, (T * __p, T __cmp, T __v), {                       \
    __atomic_compare_exchange_n(__p, &__cmp, __v, /*weak=*/false, __TX_RLX,    \
                                __TX_RLX);                                     \
    return __cmp;                                                              \
  })
__TX_CAS(int)
__TX_CAS(unsigned int)
__TX_CAS(unsigned long long)
__TX_CAS(unsigned short int)
#undef __TX_CAS

#undef __TX_RMW
#undef __TX_SCOPES
#undef __TX_RLX
#undef __TX_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_ATOMICS_H
