//===- tongxin/fp_small.h - 8-, 6- and 4-bit float helpers ------*- C++ -*-===//
//
// Part of Tongxin. What cuda_fp8.h, cuda_fp6.h and cuda_fp4.h share: their
// value types (one macro each for a value, a pair and a quad), and the
// conversions of the 4- and 6-bit formats. The OCP microscaling formats
// E2M1, E2M3 and E3M2 have no infinity and no NaN: conversions to them
// round once, from the exact operand, in the cudaRoundMode asked for, and
// saturate to the largest finite value (an infinity included); NaN becomes
// the largest positive value. Conversions to half are exact.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_FP_SMALL_H
#define TONGXIN_FP_SMALL_H

#include "cuda_bf16.h"
#include "cuda_fp16.h"
#include "device_types.h"
#include "tongxin/fp_bits.h"

#ifdef __cplusplus

namespace __tx_fp {

__TX_FP_HD__ int __mode_of(enum cudaRoundMode __r) {
  switch (__r) {
  case cudaRoundZero:
    return __rz;
  case cudaRoundPosInf:
    return __ru;
  case cudaRoundMinInf:
    return __rd;
  default:
    return __rn;
  }
}

// A format with _MB fraction bits, minimum normal exponent _EMIN and
// largest magnitude encoding _MAX; the sign is the bit above _MAX.
template <int _MB, int _EMIN, unsigned _MAX>
__TX_FP_HD__ unsigned char __to_small(__decoded __d, enum cudaRoundMode __r) {
  const unsigned __sign = __d.__neg ? _MAX + 1 : 0;
  switch (__d.__cls) {
  case __nan:
    return (unsigned char)_MAX;
  case __inf:
    return (unsigned char)(__sign | _MAX);
  case __zero:
    return (unsigned char)__sign;
  default: {
    unsigned __mag =
        __round<_MB, _EMIN>(__d.__neg, __d.__sig, __d.__exp, __mode_of(__r));
    return (unsigned char)(__sign | (__mag > _MAX ? _MAX : __mag));
  }
  }
}

// Widening to binary16: every value of these formats is a half.
template <int _MB, int _EMIN, unsigned _MAX>
__TX_FP_HD__ unsigned short __small_to_f16(unsigned __x) {
  const unsigned __mag = __x & _MAX;
  const bool __neg = (__x & (_MAX + 1)) != 0;
  const unsigned __e = __mag >> _MB, __m = __mag & ((1u << _MB) - 1);
  __decoded __d = {__mag ? __finite : __zero, __neg,
                   __e ? (__m | (1u << _MB)) : __m,
                   (__e ? (int)__e - 1 : 0) + _EMIN - _MB};
  return __to_f16(__d, __rn);
}

} // namespace __tx_fp

// The value types of cuda_fp8.h, cuda_fp6.h and cuda_fp4.h, whose
// constructors saturate as CUDA's do. PREFIX is fp8, fp6 or fp4 (naming
// the conversion functions), FMT the interpretation, and the trailing
// arguments those the conversions to the format take after the operand
// (fp8: __NV_SATFINITE, FMT; fp6 and fp4: FMT, cudaRoundNearest).
// Integers go through float; conversions to integers through VIA.

#define __TX_MINIFLOAT_INT(NAME, T, VIA)                                       \
  __TX_FP_HD__ explicit NAME(const T __v) : NAME((float)__v) {}                \
  __TX_FP_HD__ explicit operator T() const {                                   \
    return (T) static_cast<VIA>(*this);                                        \
  }
#define __TX_MINIFLOAT_INTS(NAME, VIA)                                         \
  __TX_MINIFLOAT_INT(NAME, short, VIA)                                         \
  __TX_MINIFLOAT_INT(NAME, unsigned short, VIA)                                \
  __TX_MINIFLOAT_INT(NAME, int, VIA)                                           \
  __TX_MINIFLOAT_INT(NAME, unsigned int, VIA)                                  \
  __TX_MINIFLOAT_INT(NAME, long, VIA)                                          \
  __TX_MINIFLOAT_INT(NAME, unsigned long, VIA)                                 \
  __TX_MINIFLOAT_INT(NAME, long long, VIA)                                     \
  __TX_MINIFLOAT_INT(NAME, unsigned long long, VIA)                            \
  __TX_FP_HD__ explicit operator char() const {                                \
    return (char)static_cast<VIA>(*this);                                      \
  }                                                                            \
  __TX_FP_HD__ explicit operator signed char() const {                         \
    return (signed char)static_cast<VIA>(*this);                               \
  }                                                                            \
  __TX_FP_HD__ explicit operator unsigned char() const {                       \
    return (unsigned char)static_cast<VIA>(*this);                             \
  }

// One value; MAG masks its magnitude bits.
#define __TX_MINIFLOAT_SCALAR(NAME, PREFIX, FMT, MAG, VIA, ...)                \
  struct __align__(1) NAME {                                                   \
    __nv_##PREFIX##_storage_t __x;                                             \
                                                                               \
    NAME() = default;                                                          \
    __TX_FP_HD__ explicit NAME(const __half __f) {                             \
      __x = __nv_cvt_halfraw_to_##PREFIX(static_cast<__half_raw>(__f),         \
                                         __VA_ARGS__);                         \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const __nv_bfloat16 __f) {                      \
      __x = __nv_cvt_bfloat16raw_to_##PREFIX(                                  \
          static_cast<__nv_bfloat16_raw>(__f), __VA_ARGS__);                   \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const float __f) {                              \
      __x = __nv_cvt_float_to_##PREFIX(__f, __VA_ARGS__);                      \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const double __f) {                             \
      __x = __nv_cvt_double_to_##PREFIX(__f, __VA_ARGS__);                     \
    }                                                                          \
    __TX_MINIFLOAT_INTS(NAME, VIA)                                             \
    __TX_FP_HD__ explicit operator __half() const {                            \
      return __half(__nv_cvt_##PREFIX##_to_halfraw(__x, FMT));                 \
    }                                                                          \
    __TX_FP_HD__ explicit operator float() const {                             \
      return __tx_fp::__f16_to_f32(                                            \
          __nv_cvt_##PREFIX##_to_halfraw(__x, FMT).x);                         \
    }                                                                          \
    __TX_FP_HD__ explicit operator double() const {                            \
      return (double)static_cast<float>(*this);                                \
    }                                                                          \
    __TX_FP_HD__ explicit operator __nv_bfloat16() const {                     \
      return __nv_bfloat16(static_cast<float>(*this));                         \
    }                                                                          \
    __TX_FP_HD__ explicit operator bool() const { return (__x & MAG) != 0; }   \
  };

// Two values in PREFIX##x2_storage_t, the first in the low part.
#define __TX_MINIFLOAT_PAIR(NAME, PREFIX, FMT, ALIGN, ...)                     \
  struct __align__(ALIGN) NAME {                                               \
    __nv_##PREFIX##x2_storage_t __x;                                           \
                                                                               \
    NAME() = default;                                                          \
    __TX_FP_HD__ explicit NAME(const __half2 __f) {                            \
      __x = __nv_cvt_halfraw2_to_##PREFIX##x2(static_cast<__half2_raw>(__f),   \
                                              __VA_ARGS__);                    \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const __nv_bfloat162 __f) {                     \
      __x = __nv_cvt_bfloat16raw2_to_##PREFIX##x2(                             \
          static_cast<__nv_bfloat162_raw>(__f), __VA_ARGS__);                  \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const float2 __f) {                             \
      __x = __nv_cvt_float2_to_##PREFIX##x2(__f, __VA_ARGS__);                 \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const double2 __f) {                            \
      __x = __nv_cvt_double2_to_##PREFIX##x2(__f, __VA_ARGS__);                \
    }                                                                          \
    __TX_FP_HD__ explicit operator __half2() const {                           \
      return __half2(__nv_cvt_##PREFIX##x2_to_halfraw2(__x, FMT));             \
    }                                                                          \
    __TX_FP_HD__ explicit operator float2() const {                            \
      __half2_raw __h = __nv_cvt_##PREFIX##x2_to_halfraw2(__x, FMT);           \
      float2 __r;                                                              \
      __r.x = __tx_fp::__f16_to_f32(__h.x);                                    \
      __r.y = __tx_fp::__f16_to_f32(__h.y);                                    \
      return __r;                                                              \
    }                                                                          \
  };

// Four values: two pairs, the first in the low PAIR_BITS bits.
#define __TX_MINIFLOAT_QUAD(NAME, PREFIX, FMT, ALIGN, PAIR_BITS, ...)          \
  struct __align__(ALIGN) NAME {                                               \
    __nv_##PREFIX##x4_storage_t __x;                                           \
                                                                               \
    NAME() = default;                                                          \
    __TX_FP_HD__ explicit NAME(const __half2 __lo, const __half2 __hi) {       \
      __x = __nv_cvt_halfraw2_to_##PREFIX##x2(static_cast<__half2_raw>(__lo),  \
                                              __VA_ARGS__) |                   \
            ((__nv_##PREFIX##x4_storage_t)__nv_cvt_halfraw2_to_##PREFIX##x2(   \
                 static_cast<__half2_raw>(__hi), __VA_ARGS__)                  \
             << PAIR_BITS);                                                    \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const __nv_bfloat162 __lo,                      \
                               const __nv_bfloat162 __hi) {                    \
      __x =                                                                    \
          __nv_cvt_bfloat16raw2_to_##PREFIX##x2(                               \
              static_cast<__nv_bfloat162_raw>(__lo), __VA_ARGS__) |            \
          ((__nv_##PREFIX##x4_storage_t)__nv_cvt_bfloat16raw2_to_##PREFIX##x2( \
               static_cast<__nv_bfloat162_raw>(__hi), __VA_ARGS__)             \
           << PAIR_BITS);                                                      \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const float4 __f) {                             \
      float2 __lo, __hi;                                                       \
      __lo.x = __f.x, __lo.y = __f.y, __hi.x = __f.z, __hi.y = __f.w;          \
      __x = __nv_cvt_float2_to_##PREFIX##x2(__lo, __VA_ARGS__) |               \
            ((__nv_##PREFIX##x4_storage_t)__nv_cvt_float2_to_##PREFIX##x2(     \
                 __hi, __VA_ARGS__)                                            \
             << PAIR_BITS);                                                    \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const double4 __f) {                            \
      double2 __lo, __hi;                                                      \
      __lo.x = __f.x, __lo.y = __f.y, __hi.x = __f.z, __hi.y = __f.w;          \
      __x = __nv_cvt_double2_to_##PREFIX##x2(__lo, __VA_ARGS__) |              \
            ((__nv_##PREFIX##x4_storage_t)__nv_cvt_double2_to_##PREFIX##x2(    \
                 __hi, __VA_ARGS__)                                            \
             << PAIR_BITS);                                                    \
    }                                                                          \
    __TX_FP_HD__ explicit operator float4() const {                            \
      __half2_raw __lo = __nv_cvt_##PREFIX##x2_to_halfraw2(                    \
          (__nv_##PREFIX##x2_storage_t)__x, FMT);                              \
      __half2_raw __hi = __nv_cvt_##PREFIX##x2_to_halfraw2(                    \
          (__nv_##PREFIX##x2_storage_t)(__x >> PAIR_BITS), FMT);               \
      float4 __r;                                                              \
      __r.x = __tx_fp::__f16_to_f32(__lo.x);                                   \
      __r.y = __tx_fp::__f16_to_f32(__lo.y);                                   \
      __r.z = __tx_fp::__f16_to_f32(__hi.x);                                   \
      __r.w = __tx_fp::__f16_to_f32(__hi.y);                                   \
      return __r;                                                              \
    }                                                                          \
  };

#endif // __cplusplus
#endif // TONGXIN_FP_SMALL_H
