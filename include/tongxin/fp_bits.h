//===- tongxin/fp_bits.h - Bit-exact narrow floating-point rounding -*- C++ -*-===//
//
// Part of Tongxin. The rounding core shared by cuda_fp16.h, cuda_bf16.h and
// cuda_fp8.h: every narrowing conversion (float, double or an integer to
// half, bfloat16 or fp8) decodes its operand into an exact (sign, integer
// significand, power of two) triple and rounds that once, with integer
// operations only, so host code, device code and every ISA agree bit for
// bit. The exception: the conversions between float or double and half, and
// from double to bfloat16, to nearest even, which kernels run per element,
// have branch-free forms that vectorise, and two of them take float steps
// whose results do not depend on the rounding mode or on flushing
// subnormals (half to float multiplies exactly; double to half converts to
// float first and makes that an odd rounding). They may raise the inexact
// flag where the integer forms raise none.
//
// Usable from plain C++ (the qualifiers vanish) and from both CUDA passes.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_FP_BITS_H
#define TONGXIN_FP_BITS_H

#include "tongxin/host_defines.h"

#define __TX_FP_HD__ __host__ __device__ __inline__ __attribute__((always_inline))

namespace __tx_fp {

// IEEE rounding directions, as CUDA's _rn/_rz/_rd/_ru suffixes name them.
enum __round_mode { __rn = 0, __rz = 1, __rd = 2, __ru = 3 };

// An exactly decoded operand: value = (-1)^__neg * __sig * 2^__exp.
enum __fp_class { __zero, __finite, __inf, __nan };
struct __decoded {
  __fp_class __cls;
  bool __neg;
  unsigned long long __sig;
  int __exp;
};

__TX_FP_HD__ __decoded __decode_f32(float __f) {
  unsigned __u = __builtin_bit_cast(unsigned, __f);
  unsigned __a = __u & 0x7fffffffu;
  unsigned __e = __a >> 23;
  __decoded __d = {__finite, (__u >> 31) != 0, 0, 0};
  if (__e == 0xff) {
    __d.__cls = (__a & 0x7fffffu) ? __nan : __inf;
  } else if (__a == 0) {
    __d.__cls = __zero;
  } else {
    __d.__sig = __e ? ((__a & 0x7fffffu) | 0x800000u) : __a;
    __d.__exp = (__e ? (int)__e : 1) - 150;
  }
  return __d;
}

__TX_FP_HD__ __decoded __decode_f64(double __f) {
  unsigned long long __u = __builtin_bit_cast(unsigned long long, __f);
  unsigned long long __a = __u & 0x7fffffffffffffffull;
  unsigned __e = (unsigned)(__a >> 52);
  __decoded __d = {__finite, (__u >> 63) != 0, 0, 0};
  if (__e == 0x7ff) {
    __d.__cls = (__a & 0xfffffffffffffull) ? __nan : __inf;
  } else if (__a == 0) {
    __d.__cls = __zero;
  } else {
    __d.__sig = __e ? ((__a & 0xfffffffffffffull) | 0x10000000000000ull) : __a;
    __d.__exp = (__e ? (int)__e : 1) - 1075;
  }
  return __d;
}

__TX_FP_HD__ __decoded __decode_int(bool __neg, unsigned long long __mag) {
  __decoded __d = {__mag ? __finite : __zero, __neg && __mag != 0, __mag, 0};
  return __d;
}

// Rounds the finite nonzero value __sig * 2^__exp (magnitude) to a binary
// format with _MB fraction bits and minimum normal exponent _EMIN, and
// returns its magnitude encoding. The exponent range is unbounded above:
// a result above the largest finite encoding means overflow, which the
// caller resolves (inf, max finite or NaN depend on format and mode).
template <int _MB, int _EMIN>
__TX_FP_HD__ unsigned __round(bool __neg, unsigned long long __sig, int __exp,
                              int __mode) {
  int __n = 64 - __builtin_clzll(__sig);
  int __e = __exp + __n - 1;
  if (__e < _EMIN) // Subnormal: the quantum is fixed at 2^(EMIN-MB).
    __e = _EMIN;
  int __shift = __e - _MB - __exp; // Low bits of __sig below the quantum.
  unsigned long long __r;
  bool __inexact, __above_half, __at_half;
  if (__shift <= 0) {
    __r = __sig << -__shift;
    __inexact = __above_half = __at_half = false;
  } else if (__shift >= 64) {
    // Only reachable from double operands (< 2^53): far below half the
    // quantum, so it only matters that the value is nonzero.
    __r = 0;
    __inexact = true;
    __above_half = __at_half = false;
  } else {
    __r = __sig >> __shift;
    unsigned long long __rem = __sig & ((1ull << __shift) - 1);
    unsigned long long __half = 1ull << (__shift - 1);
    __inexact = __rem != 0;
    __above_half = __rem > __half;
    __at_half = __rem == __half;
  }
  bool __up;
  switch (__mode) {
  case __rn:
    __up = __above_half || (__at_half && (__r & 1));
    break;
  case __ru:
    __up = __inexact && !__neg;
    break;
  case __rd:
    __up = __inexact && __neg;
    break;
  default:
    __up = false;
    break;
  }
  // A carry out of the significand lands in the exponent field by itself.
  return ((unsigned)(__e - _EMIN) << _MB) + (unsigned)(__r + __up);
}

// Overflow of a format with infinities under IEEE directed rounding.
__TX_FP_HD__ unsigned __overflow(bool __neg, unsigned __mag, unsigned __max,
                                 unsigned __inf, int __mode) {
  if (__mag <= __max)
    return __mag;
  bool __to_inf = __mode == __rn || (__mode == __ru && !__neg) ||
                  (__mode == __rd && __neg);
  return __to_inf ? __inf : __max;
}

//===--- IEEE binary16 -----------------------------------------------------===//

__TX_FP_HD__ unsigned short __to_f16(__decoded __d, int __mode) {
  unsigned short __s = __d.__neg ? 0x8000 : 0;
  switch (__d.__cls) {
  case __nan:
    return 0x7fff; // CUDA's canonical half NaN.
  case __inf:
    return __s | 0x7c00;
  case __zero:
    return __s;
  default:
    return __s | (unsigned short)__overflow(
                     __d.__neg, __round<10, -14>(__d.__neg, __d.__sig, __d.__exp,
                                                 __mode),
                     0x7bff, 0x7c00, __mode);
  }
}

// V shifted right by Shift (1 <= Shift < the width of V, V + 2^(Shift-1)
// not wrapping) and rounded to nearest even, without branches: half a unit
// less one, plus the kept part's lowest bit, carries into it exactly when
// the dropped bits are above half, or half with that bit set.
template <typename _U> __TX_FP_HD__ _U __shr_rne(_U __v, _U __shift) {
  return (__v + ((_U(1) << (__shift - 1u)) - 1u) + ((__v >> __shift) & 1u)) >>
         __shift;
}

// Float to half, to nearest even: the same result as __to_f16, written
// without branches (every case is computed and one selected) so that a
// loop converting elements vectorises; the general form above runs ~40x
// slower in a kernel's thread loop. Integer operations only, as above.
__TX_FP_HD__ unsigned short __f32_to_f16_rn(float __f) {
  unsigned __u = __builtin_bit_cast(unsigned, __f);
  unsigned __s = (__u >> 16) & 0x8000u;
  unsigned __a = __u & 0x7fffffffu;
  // Normal halves: rebias the exponent (127 -> 15) and round the 13 bits
  // dropped to nearest even; a carry moves into the exponent, up to
  // infinity past 65504.
  unsigned __normal = __shr_rne(__a - 0x38000000u, 13u);
  // Subnormal halves (below 2^-14): the value m * 2^(e - 150) in units of
  // 2^-24 drops 126 - e bits of m (at least 14; from 25 on nothing of m is
  // left, and it is below half a unit). Float subnormals count as zero: far
  // below 2^-25 either way. The shift is computed for every input and kept
  // within [14, 31]: a wider one would be undefined.
  unsigned __e = __a >> 23;
  unsigned __m = (__a & 0x7fffffu) | 0x800000u;
  unsigned __shift = __e < 113u && 126u - __e < 31u ? 126u - __e : 31u;
  unsigned __sub = __shr_rne(__m, __shift);
  unsigned __mag = __a < 0x38800000u   ? (__e ? __sub : 0u)
                   : __a < 0x47800000u ? __normal
                                       : 0x7c00u;   // 2^16 and up, infinity.
  return __a > 0x7f800000u ? (unsigned short)0x7fff // CUDA's canonical NaN.
                           : (unsigned short)(__s | __mag);
}

__TX_FP_HD__ unsigned short __f32_to_f16(float __f, int __mode) {
  if (__mode == __rn)
    return __f32_to_f16_rn(__f);
  return __to_f16(__decode_f32(__f), __mode);
}

// Double to half, to nearest even, without branches: the double rounded to
// float by odd rounding (toward zero, then the last bit set if anything was
// dropped), then to half to nearest even. Float's 24 bits are at least two
// more than half's 11, which is all odd rounding needs for the two
// roundings to give the single correct one. The double-to-float conversion
// may round either way in the current rounding mode: one step back toward
// zero makes it a truncation.
// Magnitudes from 2^16 up (and infinities, NaNs) are settled on the bits
// first, so that the conversion to float only sees values it can hold.
__TX_FP_HD__ unsigned short __f64_to_f16_rn(double __d) {
  unsigned long long __bits = __builtin_bit_cast(unsigned long long, __d);
  unsigned long long __a = __bits & 0x7fffffffffffffffull;
  bool __big = __a >= 0x40f0000000000000ull; // 2^16
  unsigned short __huge = __a > 0x7ff0000000000000ull
                              ? (unsigned short)0x7fff // CUDA's NaN.
                              : (unsigned short)((__bits >> 48) & 0x8000u) |
                                    (unsigned short)0x7c00u;
  double __in = __big ? 0.0 : __d;
  float __f = (float)__in;
  unsigned long long __exact = __builtin_bit_cast(unsigned long long, __in);
  unsigned long long __back =
      __builtin_bit_cast(unsigned long long, (double)__f);
  unsigned long long __mask = 0x7fffffffffffffffull;
  unsigned __u = __builtin_bit_cast(unsigned, __f);
  unsigned __away = (__back & __mask) > (__exact & __mask) ? 1u : 0u;
  unsigned __odd = __back != __exact ? ((__u - __away) | 1u) : __u;
  unsigned short __h = __f32_to_f16_rn(__builtin_bit_cast(float, __odd));
  return __big ? __huge : __h;
}

// Exact widening; a NaN becomes the canonical float NaN, as on the GPU.
// Without branches, so that it vectorises: a subnormal half m * 2^-24 is
// that product in float, exact (and normal) in any rounding mode.
__TX_FP_HD__ float __f16_to_f32(unsigned short __h) {
  unsigned __s = (unsigned)(__h & 0x8000) << 16;
  unsigned __a = __h & 0x7fffu;
  unsigned __normal = __s | ((__a << 13) + 0x38000000u);
  unsigned __sub =
      __s |
      __builtin_bit_cast(unsigned, (float)(int)__a * 5.9604644775390625e-8f);
  unsigned __special = __a > 0x7c00u ? 0x7fffffffu : (__s | 0x7f800000u);
  unsigned __u = __a < 0x400u ? __sub : __a < 0x7c00u ? __normal : __special;
  return __builtin_bit_cast(float, __u);
}

__TX_FP_HD__ __decoded __decode_f16(unsigned short __h) {
  unsigned __e = (__h >> 10) & 0x1f;
  unsigned __m = __h & 0x3ff;
  __decoded __d = {__finite, (__h & 0x8000) != 0, 0, 0};
  if (__e == 0x1f)
    __d.__cls = __m ? __nan : __inf;
  else if (__e == 0 && __m == 0)
    __d.__cls = __zero;
  else {
    __d.__sig = __e ? (__m | 0x400) : __m;
    __d.__exp = (__e ? (int)__e : 1) - 25;
  }
  return __d;
}

//===--- bfloat16 ----------------------------------------------------------===//

__TX_FP_HD__ unsigned short __to_bf16(__decoded __d, int __mode) {
  unsigned short __s = __d.__neg ? 0x8000 : 0;
  switch (__d.__cls) {
  case __nan:
    return 0x7fff; // CUDA's canonical bfloat16 NaN.
  case __inf:
    return __s | 0x7f80;
  case __zero:
    return __s;
  default:
    return __s | (unsigned short)__overflow(
                     __d.__neg, __round<7, -126>(__d.__neg, __d.__sig, __d.__exp,
                                                 __mode),
                     0x7f7f, 0x7f80, __mode);
  }
}

__TX_FP_HD__ unsigned short __f32_to_bf16(float __f, int __mode) {
  unsigned __u = __builtin_bit_cast(unsigned, __f);
  if (__mode == __rn) {
    // bfloat16 is the top half of a float, subnormals and overflow included,
    // so round-to-nearest-even is one add with the tie bit folded in.
    if ((__u & 0x7fffffffu) > 0x7f800000u)
      return 0x7fff;
    return (unsigned short)((__u + 0x7fffu + ((__u >> 16) & 1)) >> 16);
  }
  return __to_bf16(__decode_f32(__f), __mode);
}

// Double to bfloat16, to nearest even: the same result as __to_bf16 of the
// decoded double, written without branches (as __f32_to_f16_rn, on 64-bit
// fields) so that a loop converting elements vectorises. Integer operations
// only: a detour through float would meet float's subnormals, which a CPU
// may flush to zero.
__TX_FP_HD__ unsigned short __f64_to_bf16_rn(double __d) {
  unsigned long long __u = __builtin_bit_cast(unsigned long long, __d);
  unsigned __s = (unsigned)(__u >> 48) & 0x8000u;
  unsigned long long __a = __u & 0x7fffffffffffffffull;
  // Normal bfloat16s: rebias the exponent (1023 -> 127) and round the 45
  // bits dropped to nearest even; a carry moves into the exponent, up to
  // infinity past the largest.
  unsigned long long __normal = __shr_rne(__a - (896ull << 52), 45ull);
  // Subnormal bfloat16s (below 2^-126): m * 2^(e - 1075) in units of 2^-133
  // drops 942 - e bits of m (at least 46; from 54 on nothing of m is left,
  // and it is below half a unit). Double subnormals count as zero. The
  // shift is computed for every input and kept within [46, 63].
  unsigned long long __e = __a >> 52;
  unsigned long long __m = (__a & 0xfffffffffffffull) | (1ull << 52);
  unsigned long long __shift =
      __e < 897u && 942u - __e < 63u ? 942u - __e : 63u;
  unsigned long long __sub = __shr_rne(__m, __shift);
  unsigned long long __mag = __a < (897ull << 52)    ? (__e ? __sub : 0u)
                             : __a < (1151ull << 52) ? __normal
                                                     : 0x7f80u; // Infinity.
  return __a > 0x7ff0000000000000ull
             ? (unsigned short)0x7fff // CUDA's canonical NaN.
             : (unsigned short)(__s | (unsigned)__mag);
}

__TX_FP_HD__ float __bf16_to_f32(unsigned short __h) {
  return __builtin_bit_cast(float, (unsigned)__h << 16);
}

//===--- Float to integer, CUDA's saturating conversions -------------------===//
// NaN gives __nanval; out-of-range values clamp to the type's range.

template <typename _T>
__TX_FP_HD__ _T __f32_to_int(float __f, int __mode, _T __lo, _T __hi,
                             _T __nanval) {
  if (__f != __f)
    return __nanval;
  float __r;
  switch (__mode) {
  case __rn:
    __r = __builtin_rintf(__f);
    break;
  case __rd:
    __r = __builtin_floorf(__f);
    break;
  case __ru:
    __r = __builtin_ceilf(__f);
    break;
  default:
    __r = __builtin_truncf(__f);
    break;
  }
  if (__r <= (float)__lo)
    return __lo;
  if (__r >= (float)__hi)
    return __hi;
  return (_T)__r;
}

} // namespace __tx_fp

//===--- Sub-word atomic updates (device code) -----------------------------===//

#if defined(__CUDA__)
namespace __tx_fp {
// Applies __f to the 16-bit lane holding *__p with a CAS loop on the
// aligned 32-bit word containing it: the portable form (a GPU without a
// 16-bit CAS, a CPU with one alike). Returns the old 16-bit value.
template <typename __F>
__device__ __inline__ unsigned short __atomic_update16(unsigned short *__p,
                                                       __F __f) {
  unsigned long __addr = (unsigned long)__p;
  unsigned *__w = (unsigned *)(__addr & ~3ul);
  unsigned __shift = (unsigned)(__addr & 2ul) * 8u;
  unsigned __old = __atomic_load_n(__w, __ATOMIC_RELAXED);
  unsigned __new;
  do {
    unsigned short __cur = (unsigned short)(__old >> __shift);
    __new = (__old & ~(0xffffu << __shift)) |
            ((unsigned)__f(__cur) << __shift);
  } while (!__atomic_compare_exchange_n(__w, &__old, __new, /*weak=*/true,
                                        __ATOMIC_RELAXED, __ATOMIC_RELAXED));
  return (unsigned short)(__old >> __shift);
}
template <typename __F>
__device__ __inline__ unsigned __atomic_update32(unsigned *__w, __F __f) {
  unsigned __old = __atomic_load_n(__w, __ATOMIC_RELAXED);
  while (!__atomic_compare_exchange_n(__w, &__old, __f(__old), /*weak=*/true,
                                      __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
  return __old;
}
} // namespace __tx_fp
#endif // __CUDA__

#endif // TONGXIN_FP_BITS_H
