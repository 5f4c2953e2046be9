//===- cuda_fp6.h - CUDA 6-bit floating point (E2M3, E3M2) ------*- C++ -*-===//
//
// Part of Tongxin. The OCP 6-bit formats as CUDA 12.8 defines them, without
// infinity or NaN:
//   E2M3: two exponent bits (bias 1), three fraction bits, max 7.5;
//   E3M2: three exponent bits (bias 3), two fraction bits, max 28.
// A value lives in the low six bits of a byte; pairs and quads are one
// value per byte, the first in the lowest. Conversions: see
// tongxin/fp_small.h (round once in the mode asked for, saturate, NaN to
// the largest positive value).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_FP6_H
#define TONGXIN_CUDA_FP6_H

#include "cuda_bf16.h"
#include "cuda_fp16.h"
#include "tongxin/fp_small.h"

#define __CUDA_FP6_TYPES_EXIST__

typedef unsigned char __nv_fp6_storage_t;
typedef unsigned short int __nv_fp6x2_storage_t;
typedef unsigned int __nv_fp6x4_storage_t;

typedef enum __nv_fp6_interpretation_t {
  __NV_E2M3,
  __NV_E3M2,
} __nv_fp6_interpretation_t;

#ifdef __cplusplus

namespace __tx_fp {
__TX_FP_HD__ __nv_fp6_storage_t __to_fp6(__decoded __d,
                                         __nv_fp6_interpretation_t __fmt,
                                         enum cudaRoundMode __r) {
  return __fmt == __NV_E2M3 ? __to_small<3, 0, 0x1f>(__d, __r)
                            : __to_small<2, -2, 0x1f>(__d, __r);
}
} // namespace __tx_fp

//===--- Conversion functions
//----------------------------------------------===//

__TX_FP_HD__ __nv_fp6_storage_t
__nv_cvt_double_to_fp6(const double __x, const __nv_fp6_interpretation_t __fmt,
                       const enum cudaRoundMode __r) {
  return __tx_fp::__to_fp6(__tx_fp::__decode_f64(__x), __fmt, __r);
}

__TX_FP_HD__ __nv_fp6x2_storage_t __nv_cvt_double2_to_fp6x2(
    const double2 __x, const __nv_fp6_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  return (
      __nv_fp6x2_storage_t)(__nv_cvt_double_to_fp6(__x.x, __fmt, __r) |
                            (__nv_cvt_double_to_fp6(__x.y, __fmt, __r) << 8));
}

__TX_FP_HD__ __nv_fp6_storage_t
__nv_cvt_float_to_fp6(const float __x, const __nv_fp6_interpretation_t __fmt,
                      const enum cudaRoundMode __r) {
  return __tx_fp::__to_fp6(__tx_fp::__decode_f32(__x), __fmt, __r);
}

__TX_FP_HD__ __nv_fp6x2_storage_t __nv_cvt_float2_to_fp6x2(
    const float2 __x, const __nv_fp6_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  return (
      __nv_fp6x2_storage_t)(__nv_cvt_float_to_fp6(__x.x, __fmt, __r) |
                            (__nv_cvt_float_to_fp6(__x.y, __fmt, __r) << 8));
}

__TX_FP_HD__ __nv_fp6_storage_t __nv_cvt_halfraw_to_fp6(
    const __half_raw __x, const __nv_fp6_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  return __nv_cvt_float_to_fp6(__tx_fp::__f16_to_f32(__x.x), __fmt, __r);
}

__TX_FP_HD__ __nv_fp6x2_storage_t __nv_cvt_halfraw2_to_fp6x2(
    const __half2_raw __x, const __nv_fp6_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  __half_raw __lo, __hi;
  __lo.x = __x.x;
  __hi.x = __x.y;
  return (
      __nv_fp6x2_storage_t)(__nv_cvt_halfraw_to_fp6(__lo, __fmt, __r) |
                            (__nv_cvt_halfraw_to_fp6(__hi, __fmt, __r) << 8));
}

__TX_FP_HD__ __nv_fp6_storage_t __nv_cvt_bfloat16raw_to_fp6(
    const __nv_bfloat16_raw __x, const __nv_fp6_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  return __nv_cvt_float_to_fp6(__tx_fp::__bf16_to_f32(__x.x), __fmt, __r);
}

__TX_FP_HD__ __nv_fp6x2_storage_t __nv_cvt_bfloat16raw2_to_fp6x2(
    const __nv_bfloat162_raw __x, const __nv_fp6_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  __nv_bfloat16_raw __lo, __hi;
  __lo.x = __x.x;
  __hi.x = __x.y;
  return (__nv_fp6x2_storage_t)(__nv_cvt_bfloat16raw_to_fp6(__lo, __fmt, __r) |
                                (__nv_cvt_bfloat16raw_to_fp6(__hi, __fmt, __r)
                                 << 8));
}

__TX_FP_HD__ __half_raw __nv_cvt_fp6_to_halfraw(
    const __nv_fp6_storage_t __x, const __nv_fp6_interpretation_t __fmt) {
  __half_raw __h;
  __h.x = __fmt == __NV_E2M3
              ? __tx_fp::__small_to_f16<3, 0, 0x1f>(__x & 0x3fu)
              : __tx_fp::__small_to_f16<2, -2, 0x1f>(__x & 0x3fu);
  return __h;
}

__TX_FP_HD__ __half2_raw __nv_cvt_fp6x2_to_halfraw2(
    const __nv_fp6x2_storage_t __x, const __nv_fp6_interpretation_t __fmt) {
  __half2_raw __r;
  __r.x = __nv_cvt_fp6_to_halfraw((__nv_fp6_storage_t)__x, __fmt).x;
  __r.y = __nv_cvt_fp6_to_halfraw((__nv_fp6_storage_t)(__x >> 8), __fmt).x;
  return __r;
}

//===--- Types
//-------------------------------------------------------------===//
// Construction rounds to nearest and saturates, as CUDA's constructors do.

__TX_MINIFLOAT_SCALAR(__nv_fp6_e2m3, fp6, __NV_E2M3, 0x1f, float, __NV_E2M3,
                      cudaRoundNearest)
__TX_MINIFLOAT_SCALAR(__nv_fp6_e3m2, fp6, __NV_E3M2, 0x1f, float, __NV_E3M2,
                      cudaRoundNearest)
__TX_MINIFLOAT_PAIR(__nv_fp6x2_e2m3, fp6, __NV_E2M3, 2, __NV_E2M3,
                    cudaRoundNearest)
__TX_MINIFLOAT_PAIR(__nv_fp6x2_e3m2, fp6, __NV_E3M2, 2, __NV_E3M2,
                    cudaRoundNearest)
__TX_MINIFLOAT_QUAD(__nv_fp6x4_e2m3, fp6, __NV_E2M3, 4, 16, __NV_E2M3,
                    cudaRoundNearest)
__TX_MINIFLOAT_QUAD(__nv_fp6x4_e3m2, fp6, __NV_E3M2, 4, 16, __NV_E3M2,
                    cudaRoundNearest)

static_assert(sizeof(__nv_fp6_e2m3) == 1 && sizeof(__nv_fp6x2_e3m2) == 2 &&
                  sizeof(__nv_fp6x4_e2m3) == 4,
              "fp6 sizes");

#endif // __cplusplus
#endif // TONGXIN_CUDA_FP6_H
