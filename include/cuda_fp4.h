//===- cuda_fp4.h - CUDA 4-bit floating point (E2M1) ------------*- C++ -*-===//
//
// Part of Tongxin. The OCP E2M1 format as CUDA 12.8 defines it: sign, two
// exponent bits (bias 1), one fraction bit; values 0, 0.5, 1, 1.5, 2, 3, 4,
// 6 and their negatives, no infinity, no NaN. A value lives in the low four
// bits of its storage; pairs pack the first value in the low nibble.
// Conversions: see tongxin/fp_small.h (round once in the mode asked for,
// saturate, NaN to +6).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_FP4_H
#define TONGXIN_CUDA_FP4_H

#include "cuda_bf16.h"
#include "cuda_fp16.h"
#include "tongxin/fp_small.h"

#define __CUDA_FP4_TYPES_EXIST__

typedef unsigned char __nv_fp4_storage_t;
typedef unsigned char __nv_fp4x2_storage_t;
typedef unsigned short int __nv_fp4x4_storage_t;

typedef enum __nv_fp4_interpretation_t {
  __NV_E2M1,
} __nv_fp4_interpretation_t;

#ifdef __cplusplus

namespace __tx_fp {
__TX_FP_HD__ __nv_fp4_storage_t __to_fp4(__decoded __d,
                                         enum cudaRoundMode __r) {
  return __to_small<1, 0, 0x7>(__d, __r);
}
} // namespace __tx_fp

//===--- Conversion functions
//----------------------------------------------===//

__TX_FP_HD__ __nv_fp4_storage_t
__nv_cvt_double_to_fp4(const double __x, const __nv_fp4_interpretation_t,
                       const enum cudaRoundMode __r) {
  return __tx_fp::__to_fp4(__tx_fp::__decode_f64(__x), __r);
}

__TX_FP_HD__ __nv_fp4x2_storage_t __nv_cvt_double2_to_fp4x2(
    const double2 __x, const __nv_fp4_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  return (
      __nv_fp4x2_storage_t)(__nv_cvt_double_to_fp4(__x.x, __fmt, __r) |
                            (__nv_cvt_double_to_fp4(__x.y, __fmt, __r) << 4));
}

__TX_FP_HD__ __nv_fp4_storage_t
__nv_cvt_float_to_fp4(const float __x, const __nv_fp4_interpretation_t,
                      const enum cudaRoundMode __r) {
  return __tx_fp::__to_fp4(__tx_fp::__decode_f32(__x), __r);
}

__TX_FP_HD__ __nv_fp4x2_storage_t __nv_cvt_float2_to_fp4x2(
    const float2 __x, const __nv_fp4_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  return (
      __nv_fp4x2_storage_t)(__nv_cvt_float_to_fp4(__x.x, __fmt, __r) |
                            (__nv_cvt_float_to_fp4(__x.y, __fmt, __r) << 4));
}

__TX_FP_HD__ __nv_fp4_storage_t __nv_cvt_halfraw_to_fp4(
    const __half_raw __x, const __nv_fp4_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  return __nv_cvt_float_to_fp4(__tx_fp::__f16_to_f32(__x.x), __fmt, __r);
}

__TX_FP_HD__ __nv_fp4x2_storage_t __nv_cvt_halfraw2_to_fp4x2(
    const __half2_raw __x, const __nv_fp4_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  __half_raw __lo, __hi;
  __lo.x = __x.x;
  __hi.x = __x.y;
  return (
      __nv_fp4x2_storage_t)(__nv_cvt_halfraw_to_fp4(__lo, __fmt, __r) |
                            (__nv_cvt_halfraw_to_fp4(__hi, __fmt, __r) << 4));
}

__TX_FP_HD__ __nv_fp4_storage_t __nv_cvt_bfloat16raw_to_fp4(
    const __nv_bfloat16_raw __x, const __nv_fp4_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  return __nv_cvt_float_to_fp4(__tx_fp::__bf16_to_f32(__x.x), __fmt, __r);
}

__TX_FP_HD__ __nv_fp4x2_storage_t __nv_cvt_bfloat16raw2_to_fp4x2(
    const __nv_bfloat162_raw __x, const __nv_fp4_interpretation_t __fmt,
    const enum cudaRoundMode __r) {
  __nv_bfloat16_raw __lo, __hi;
  __lo.x = __x.x;
  __hi.x = __x.y;
  return (__nv_fp4x2_storage_t)(__nv_cvt_bfloat16raw_to_fp4(__lo, __fmt, __r) |
                                (__nv_cvt_bfloat16raw_to_fp4(__hi, __fmt, __r)
                                 << 4));
}

__TX_FP_HD__ __half_raw __nv_cvt_fp4_to_halfraw(
    const __nv_fp4_storage_t __x, const __nv_fp4_interpretation_t) {
  __half_raw __h;
  __h.x = __tx_fp::__small_to_f16<1, 0, 0x7>(__x & 0xfu);
  return __h;
}

__TX_FP_HD__ __half2_raw __nv_cvt_fp4x2_to_halfraw2(
    const __nv_fp4x2_storage_t __x, const __nv_fp4_interpretation_t __fmt) {
  __half2_raw __r;
  __r.x = __nv_cvt_fp4_to_halfraw((__nv_fp4_storage_t)(__x & 0xf), __fmt).x;
  __r.y = __nv_cvt_fp4_to_halfraw((__nv_fp4_storage_t)(__x >> 4), __fmt).x;
  return __r;
}

//===--- Types
//-------------------------------------------------------------===//
// Construction rounds to nearest and saturates, as CUDA's constructors do.

__TX_MINIFLOAT_SCALAR(__nv_fp4_e2m1, fp4, __NV_E2M1, 0x7, float, __NV_E2M1,
                      cudaRoundNearest)
__TX_MINIFLOAT_PAIR(__nv_fp4x2_e2m1, fp4, __NV_E2M1, 1, __NV_E2M1,
                    cudaRoundNearest)
__TX_MINIFLOAT_QUAD(__nv_fp4x4_e2m1, fp4, __NV_E2M1, 2, 8, __NV_E2M1,
                    cudaRoundNearest)

static_assert(sizeof(__nv_fp4_e2m1) == 1 && sizeof(__nv_fp4x2_e2m1) == 1 &&
                  sizeof(__nv_fp4x4_e2m1) == 2,
              "fp4 sizes");

#endif // __cplusplus
#endif // TONGXIN_CUDA_FP4_H
