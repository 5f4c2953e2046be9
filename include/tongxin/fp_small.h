//===- tongxin/fp_small.h - 4- and 6-bit floats without NaN -----*- C++ -*-===//
//
// Part of Tongxin. The conversions cuda_fp4.h and cuda_fp6.h share. The
// OCP microscaling formats E2M1, E2M3 and E3M2 have no infinity and no
// NaN: conversions to them round once, from the exact operand, in the
// cudaRoundMode asked for, and saturate to the largest finite value (an
// infinity included); NaN becomes the largest positive value. Conversions
// to half are exact.
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

// The value types of cuda_fp4.h and cuda_fp6.h: construction rounds to
// nearest and saturates, as CUDA's constructors do; integers go through
// float, and conversions to integers through float.

#define __TX_SMALL_FLOAT_INT(NAME, T)                                          \
  __TX_FP_HD__ explicit NAME(const T __v) : NAME((float)__v) {}                \
  __TX_FP_HD__ explicit operator T() const {                                   \
    return (T) static_cast<float>(*this);                                      \
  }
#define __TX_SMALL_FLOAT_INTS(NAME)                                            \
  __TX_SMALL_FLOAT_INT(NAME, short)                                            \
  __TX_SMALL_FLOAT_INT(NAME, unsigned short)                                   \
  __TX_SMALL_FLOAT_INT(NAME, int)                                              \
  __TX_SMALL_FLOAT_INT(NAME, unsigned int)                                     \
  __TX_SMALL_FLOAT_INT(NAME, long)                                             \
  __TX_SMALL_FLOAT_INT(NAME, unsigned long)                                    \
  __TX_SMALL_FLOAT_INT(NAME, long long)                                        \
  __TX_SMALL_FLOAT_INT(NAME, unsigned long long)                               \
  __TX_FP_HD__ explicit operator char() const {                                \
    return (char) static_cast<float>(*this);                                   \
  }                                                                            \
  __TX_FP_HD__ explicit operator signed char() const {                         \
    return (signed char) static_cast<float>(*this);                            \
  }                                                                            \
  __TX_FP_HD__ explicit operator unsigned char() const {                       \
    return (unsigned char) static_cast<float>(*this);                          \
  }

// One value of a small format: PREFIX is fp4 or fp6, FMT its
// interpretation, MAG the mask of its magnitude bits.
#define __TX_SMALL_FLOAT_SCALAR(NAME, PREFIX, FMT, MAG)                        \
  struct __align__(1) NAME {                                                   \
    __nv_##PREFIX##_storage_t __x;                                             \
                                                                               \
    NAME() = default;                                                          \
    __TX_FP_HD__ explicit NAME(const __half __f) {                             \
      __x = __nv_cvt_halfraw_to_##PREFIX(static_cast<__half_raw>(__f), FMT,    \
                                         cudaRoundNearest);                    \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const __nv_bfloat16 __f) {                      \
      __x = __nv_cvt_bfloat16raw_to_##PREFIX(                                  \
          static_cast<__nv_bfloat16_raw>(__f), FMT, cudaRoundNearest);         \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const float __f) {                              \
      __x = __nv_cvt_float_to_##PREFIX(__f, FMT, cudaRoundNearest);            \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const double __f) {                             \
      __x = __nv_cvt_double_to_##PREFIX(__f, FMT, cudaRoundNearest);           \
    }                                                                          \
    __TX_SMALL_FLOAT_INTS(NAME)                                                \
    __TX_FP_HD__ explicit operator __half() const {                            \
      return __half(__nv_cvt_##PREFIX##_to_halfraw(__x, FMT));                 \
    }                                                                          \
    __TX_FP_HD__ explicit operator float() const {                             \
      return __tx_fp::__f16_to_f32(__nv_cvt_##PREFIX##_to_halfraw(__x, FMT).x); \
    }                                                                          \
    __TX_FP_HD__ explicit operator double() const {                            \
      return (double)static_cast<float>(*this);                                \
    }                                                                          \
    __TX_FP_HD__ explicit operator __nv_bfloat16() const {                     \
      return __nv_bfloat16(static_cast<float>(*this));                         \
    }                                                                          \
    __TX_FP_HD__ explicit operator bool() const { return (__x & MAG) != 0; }   \
  };

#endif // __cplusplus
#endif // TONGXIN_FP_SMALL_H
