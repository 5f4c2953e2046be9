//===- tongxin/device_intrinsics.h - CUDA __intrinsics ----------*- C++ -*-===//
//
// Part of Tongxin. CUDA's integer intrinsics (__popc, __clz, __brev, ...),
// fast-math intrinsics (__expf, __fdividef, ...), directed-rounding
// arithmetic and conversions, and bit reinterpretations.
//
// All are plain C++ over clang's generic builtins, so the IR is target
// neutral (llvm.ctpop, llvm.ctlz, llvm.bitreverse, llvm.fshl, llvm.fma, ...).
// The fast variants use the accurate function: on CPUs the accurate libm
// call is fast and CUDA only bounds the error of the fast one from above.
// The directed-rounding variants (_rz, _ru, _rd) of arithmetic are rounded
// to nearest: exact for _rn, up to 1 ulp off CUDA's result for the others.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_INTRINSICS_H
#define TONGXIN_DEVICE_INTRINSICS_H

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"

#define __TX_DEVICE__ static __device__ __inline__ __attribute__((always_inline))

//===--- Integer intrinsics -------------------------------------------------===//

__TX_DEVICE__ int __popc(unsigned int __x) { return __builtin_popcount(__x); }
__TX_DEVICE__ int __popcll(unsigned long long __x) {
  return __builtin_popcountll(__x);
}
// CUDA defines __clz(0) = 32 and __ffs(0) = 0; __builtin_clz(0) is undefined.
__TX_DEVICE__ int __clz(int __x) {
  return __x == 0 ? 32 : __builtin_clz((unsigned int)__x);
}
__TX_DEVICE__ int __clzll(long long __x) {
  return __x == 0 ? 64 : __builtin_clzll((unsigned long long)__x);
}
__TX_DEVICE__ int __ffs(int __x) { return __builtin_ffs(__x); }
__TX_DEVICE__ int __ffsll(long long __x) { return __builtin_ffsll(__x); }
__TX_DEVICE__ unsigned int __brev(unsigned int __x) {
  return __builtin_bitreverse32(__x);
}
__TX_DEVICE__ unsigned long long __brevll(unsigned long long __x) {
  return __builtin_bitreverse64(__x);
}

// 24-bit multiplies: operands are the low 24 bits, sign- or zero-extended.
__TX_DEVICE__ int __mul24(int __x, int __y) {
  int __a = (int)((unsigned int)__x << 8) >> 8, __b = (int)((unsigned int)__y << 8) >> 8;
  return (int)((unsigned int)__a * (unsigned int)__b);
}
__TX_DEVICE__ unsigned int __umul24(unsigned int __x, unsigned int __y) {
  return (__x & 0xffffffu) * (__y & 0xffffffu);
}
__TX_DEVICE__ int __mulhi(int __x, int __y) {
  return (int)(((long long)__x * __y) >> 32);
}
__TX_DEVICE__ unsigned int __umulhi(unsigned int __x, unsigned int __y) {
  return (unsigned int)(((unsigned long long)__x * __y) >> 32);
}
__TX_DEVICE__ long long __mul64hi(long long __x, long long __y) {
  return (long long)(((__int128)__x * __y) >> 64);
}
__TX_DEVICE__ unsigned long long __umul64hi(unsigned long long __x,
                                            unsigned long long __y) {
  return (unsigned long long)(((unsigned __int128)__x * __y) >> 64);
}

/// Selects four bytes out of the eight bytes of {y, x} by the low three bits
/// of each nibble of s.
__TX_DEVICE__ unsigned int __byte_perm(unsigned int __x, unsigned int __y,
                                       unsigned int __s) {
  unsigned long long __v = ((unsigned long long)__y << 32) | __x;
  unsigned int __r = 0;
  for (int __i = 0; __i < 4; ++__i) {
    unsigned int __sel = (__s >> (4 * __i)) & 7u;
    __r |= (unsigned int)((__v >> (8 * __sel)) & 0xffu) << (8 * __i);
  }
  return __r;
}

__TX_DEVICE__ unsigned int __sad(int __x, int __y, unsigned int __z) {
  return __z + (__x > __y ? (unsigned int)__x - (unsigned int)__y
                          : (unsigned int)__y - (unsigned int)__x);
}
__TX_DEVICE__ unsigned int __usad(unsigned int __x, unsigned int __y,
                                  unsigned int __z) {
  return __z + (__x > __y ? __x - __y : __y - __x);
}

// Funnel shifts of the 64-bit value hi:lo. The plain forms shift by the
// amount mod 32; the c forms clamp it to 32. (LLVM folds these to fshl/fshr.)
__TX_DEVICE__ unsigned int __funnelshift_l(unsigned int __lo, unsigned int __hi,
                                           unsigned int __sh) {
  unsigned long long __v = ((unsigned long long)__hi << 32) | __lo;
  return (unsigned int)((__v << (__sh & 31u)) >> 32);
}
__TX_DEVICE__ unsigned int __funnelshift_r(unsigned int __lo, unsigned int __hi,
                                           unsigned int __sh) {
  unsigned long long __v = ((unsigned long long)__hi << 32) | __lo;
  return (unsigned int)(__v >> (__sh & 31u));
}
__TX_DEVICE__ unsigned int __funnelshift_lc(unsigned int __lo, unsigned int __hi,
                                            unsigned int __sh) {
  return __sh >= 32u ? __lo : __funnelshift_l(__lo, __hi, __sh);
}
__TX_DEVICE__ unsigned int __funnelshift_rc(unsigned int __lo, unsigned int __hi,
                                            unsigned int __sh) {
  return __sh >= 32u ? __hi : __funnelshift_r(__lo, __hi, __sh);
}

// Averages without intermediate overflow.
__TX_DEVICE__ int __hadd(int __x, int __y) {
  return (int)(((long long)__x + __y) >> 1);
}
__TX_DEVICE__ int __rhadd(int __x, int __y) {
  return (int)(((long long)__x + __y + 1) >> 1);
}
__TX_DEVICE__ unsigned int __uhadd(unsigned int __x, unsigned int __y) {
  return (unsigned int)(((unsigned long long)__x + __y) >> 1);
}
__TX_DEVICE__ unsigned int __urhadd(unsigned int __x, unsigned int __y) {
  return (unsigned int)(((unsigned long long)__x + __y + 1) >> 1);
}

//===--- Bit reinterpretation ----------------------------------------------===//

__TX_DEVICE__ float __int_as_float(int __x) { return __builtin_bit_cast(float, __x); }
__TX_DEVICE__ int __float_as_int(float __x) { return __builtin_bit_cast(int, __x); }
__TX_DEVICE__ float __uint_as_float(unsigned int __x) {
  return __builtin_bit_cast(float, __x);
}
__TX_DEVICE__ unsigned int __float_as_uint(float __x) {
  return __builtin_bit_cast(unsigned int, __x);
}
__TX_DEVICE__ double __longlong_as_double(long long __x) {
  return __builtin_bit_cast(double, __x);
}
__TX_DEVICE__ long long __double_as_longlong(double __x) {
  return __builtin_bit_cast(long long, __x);
}
__TX_DEVICE__ int __double2hiint(double __x) {
  return (int)(__builtin_bit_cast(unsigned long long, __x) >> 32);
}
__TX_DEVICE__ int __double2loint(double __x) {
  return (int)__builtin_bit_cast(unsigned long long, __x);
}
__TX_DEVICE__ double __hiloint2double(int __hi, int __lo) {
  return __builtin_bit_cast(double, ((unsigned long long)(unsigned int)__hi << 32) |
                                        (unsigned int)__lo);
}

//===--- Fast math ---------------------------------------------------------===//

__TX_DEVICE__ float __expf(float __x) { return __builtin_expf(__x); }
__TX_DEVICE__ float __exp10f(float __x) { return __builtin_exp10f(__x); }
__TX_DEVICE__ float __logf(float __x) { return __builtin_logf(__x); }
__TX_DEVICE__ float __log2f(float __x) { return __builtin_log2f(__x); }
__TX_DEVICE__ float __log10f(float __x) { return __builtin_log10f(__x); }
__TX_DEVICE__ float __powf(float __x, float __y) { return __builtin_powf(__x, __y); }
__TX_DEVICE__ float __sinf(float __x) { return __builtin_sinf(__x); }
__TX_DEVICE__ float __cosf(float __x) { return __builtin_cosf(__x); }
__TX_DEVICE__ float __tanf(float __x) { return __builtin_tanf(__x); }
__TX_DEVICE__ void __sincosf(float __x, float *__s, float *__c) {
  *__s = __builtin_sinf(__x);
  *__c = __builtin_cosf(__x);
}
__TX_DEVICE__ float __fdividef(float __x, float __y) { return __x / __y; }
__TX_DEVICE__ float __saturatef(float __x) {
  // NaN goes to 0, as in CUDA.
  return __x >= 1.0f ? 1.0f : (__x > 0.0f ? __x : 0.0f);
}

//===--- Arithmetic with explicit rounding ---------------------------------===//
// The _rn forms are IEEE round-to-nearest: exactly the C++ operators. The
// contract(off) pragma stops a + b * c made of them from fusing into an fma.

#pragma clang fp contract(off)
#define __TX_ARITH_RND(SFX)                                                    \
  __TX_DEVICE__ float __fadd##SFX(float __x, float __y) { return __x + __y; }  \
  __TX_DEVICE__ float __fsub##SFX(float __x, float __y) { return __x - __y; }  \
  __TX_DEVICE__ float __fmul##SFX(float __x, float __y) { return __x * __y; }  \
  __TX_DEVICE__ float __fdiv##SFX(float __x, float __y) { return __x / __y; }  \
  __TX_DEVICE__ float __frcp##SFX(float __x) { return 1.0f / __x; }            \
  __TX_DEVICE__ float __fsqrt##SFX(float __x) { return __builtin_sqrtf(__x); } \
  __TX_DEVICE__ float __fmaf##SFX(float __x, float __y, float __z) {           \
    return __builtin_fmaf(__x, __y, __z);                                      \
  }                                                                            \
  __TX_DEVICE__ double __dadd##SFX(double __x, double __y) { return __x + __y; } \
  __TX_DEVICE__ double __dsub##SFX(double __x, double __y) { return __x - __y; } \
  __TX_DEVICE__ double __dmul##SFX(double __x, double __y) { return __x * __y; } \
  __TX_DEVICE__ double __ddiv##SFX(double __x, double __y) { return __x / __y; } \
  __TX_DEVICE__ double __drcp##SFX(double __x) { return 1.0 / __x; }          \
  __TX_DEVICE__ double __dsqrt##SFX(double __x) { return __builtin_sqrt(__x); } \
  __TX_DEVICE__ double __fma##SFX(double __x, double __y, double __z) {        \
    return __builtin_fma(__x, __y, __z);                                       \
  }
__TX_ARITH_RND(_rn)
__TX_ARITH_RND(_rz)
__TX_ARITH_RND(_ru)
__TX_ARITH_RND(_rd)
#undef __TX_ARITH_RND
#pragma clang fp contract(on)
__TX_DEVICE__ float __frsqrt_rn(float __x) { return 1.0f / __builtin_sqrtf(__x); }

//===--- Conversions -------------------------------------------------------===//
// _rn: nearest-even (rint under the default rounding mode), _rz: truncate,
// _ru: ceil, _rd: floor. Out-of-range inputs are UB in C++ but saturate in
// CUDA; we follow CUDA's saturation for the float->int forms.

namespace __tx_cvt {
template <typename __I, typename __F>
__TX_DEVICE__ __I __sat(__F __v, __F __lo, __F __hi, __I __min, __I __max) {
  if (__v != __v)
    return 0;
  if (__v <= __lo)
    return __min;
  if (__v >= __hi)
    return __max;
  return (__I)__v;
}
} // namespace __tx_cvt

#define __TX_F2I(NAME, F, I, LO, HI, MIN, MAX, ROUND)                          \
  __TX_DEVICE__ I NAME(F __x) {                                                \
    return __tx_cvt::__sat<I, F>(ROUND(__x), LO, HI, MIN, MAX);                \
  }
#define __TX_F2I_ALL(...) __TX_F2I_ALL_(__VA_ARGS__)
#define __TX_F2I_ALL_(PFX, F, I, LO, HI, MIN, MAX, RN, RZ, RU, RD)              \
  __TX_F2I(PFX##_rn, F, I, LO, HI, MIN, MAX, RN)                               \
  __TX_F2I(PFX##_rz, F, I, LO, HI, MIN, MAX, RZ)                               \
  __TX_F2I(PFX##_ru, F, I, LO, HI, MIN, MAX, RU)                               \
  __TX_F2I(PFX##_rd, F, I, LO, HI, MIN, MAX, RD)
#define __TX_FROUNDS __builtin_rintf, __builtin_truncf, __builtin_ceilf, __builtin_floorf
#define __TX_DROUNDS __builtin_rint, __builtin_trunc, __builtin_ceil, __builtin_floor

__TX_F2I_ALL(__float2int, float, int, -2147483648.0f, 2147483648.0f,
             (-2147483647 - 1), 2147483647, __TX_FROUNDS)
__TX_F2I_ALL(__float2uint, float, unsigned int, 0.0f, 4294967296.0f, 0u,
             4294967295u, __TX_FROUNDS)
__TX_F2I_ALL(__float2ll, float, long long, -9223372036854775808.0f,
             9223372036854775808.0f, (-9223372036854775807LL - 1),
             9223372036854775807LL, __TX_FROUNDS)
__TX_F2I_ALL(__float2ull, float, unsigned long long, 0.0f,
             18446744073709551616.0f, 0ull, 18446744073709551615ull,
             __TX_FROUNDS)
__TX_F2I_ALL(__double2int, double, int, -2147483649.0, 2147483648.0,
             (-2147483647 - 1), 2147483647, __TX_DROUNDS)
__TX_F2I_ALL(__double2uint, double, unsigned int, -1.0, 4294967296.0, 0u,
             4294967295u, __TX_DROUNDS)
__TX_F2I_ALL(__double2ll, double, long long, -9223372036854775808.0,
             9223372036854775808.0, (-9223372036854775807LL - 1),
             9223372036854775807LL, __TX_DROUNDS)
__TX_F2I_ALL(__double2ull, double, unsigned long long, 0.0,
             18446744073709551616.0, 0ull, 18446744073709551615ull,
             __TX_DROUNDS)
#undef __TX_F2I
#undef __TX_F2I_ALL
#undef __TX_F2I_ALL_
#undef __TX_FROUNDS
#undef __TX_DROUNDS

#define __TX_I2F(NAME, I, F)                                                   \
  __TX_DEVICE__ F NAME##_rn(I __x) { return (F)__x; }                          \
  __TX_DEVICE__ F NAME##_rz(I __x) { return (F)__x; }                          \
  __TX_DEVICE__ F NAME##_ru(I __x) { return (F)__x; }                          \
  __TX_DEVICE__ F NAME##_rd(I __x) { return (F)__x; }
__TX_I2F(__int2float, int, float)
__TX_I2F(__uint2float, unsigned int, float)
__TX_I2F(__ll2float, long long, float)
__TX_I2F(__ull2float, unsigned long long, float)
__TX_I2F(__ll2double, long long, double)
__TX_I2F(__ull2double, unsigned long long, double)
__TX_I2F(__double2float, double, float)
#undef __TX_I2F
__TX_DEVICE__ double __int2double_rn(int __x) { return (double)__x; }
__TX_DEVICE__ double __uint2double_rn(unsigned int __x) { return (double)__x; }

#undef __TX_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_INTRINSICS_H
