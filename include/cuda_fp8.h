//===- cuda_fp8.h - CUDA 8-bit floating point (E4M3, E5M2) --------*- C++ -*-===//
//
// Part of Tongxin. The OCP 8-bit formats as CUDA defines them:
//   E4M3: bias 7, no infinities, NaN only as S.1111.111 (0x7F/0xFF), max 448.
//   E5M2: bias 15, IEEE-like (infinities 0x7C/0xFC), max 57344.
// Narrowing conversions round to nearest even once, from the exact operand.
// Out-of-range values (infinities included) become the largest finite value
// under __NV_SATFINITE; under __NV_NOSAT they become NaN in E4M3 and
// infinity in E5M2. A float NaN becomes 0x7F; a double NaN keeps its sign
// (and, in E5M2, its top payload bit). Widening is exact, with NaN becoming
// the canonical half NaN 0x7FFF.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_FP8_H
#define TONGXIN_CUDA_FP8_H

#include "cuda_bf16.h"
#include "cuda_fp16.h"
#include "tongxin/fp_small.h"

#define __CUDA_FP8_TYPES_EXIST__

typedef unsigned char __nv_fp8_storage_t;
typedef unsigned short int __nv_fp8x2_storage_t;
typedef unsigned int __nv_fp8x4_storage_t;

typedef enum __nv_saturation_t {
  __NV_NOSAT,
  __NV_SATFINITE,
} __nv_saturation_t;

typedef enum __nv_fp8_interpretation_t {
  __NV_E4M3,
  __NV_E5M2,
} __nv_fp8_interpretation_t;

#ifdef __cplusplus

namespace __tx_fp {
__TX_FP_HD__ __nv_fp8_storage_t __to_fp8(__decoded __d, __nv_saturation_t __sat,
                                         __nv_fp8_interpretation_t __fmt) {
  bool __e4 = __fmt == __NV_E4M3;
  unsigned __s = __d.__neg ? 0x80u : 0u;
  unsigned __max = __e4 ? 0x7eu : 0x7bu;
  // NOSAT overflow: E4M3 has no infinity, so NaN.
  unsigned __ovf = __sat == __NV_SATFINITE ? __max : __e4 ? 0x7fu : 0x7cu;
  unsigned __mag;
  switch (__d.__cls) {
  case __nan:
    __mag = 0x7f;
    break;
  case __inf:
    __mag = __ovf;
    break;
  case __zero:
    __mag = 0;
    break;
  default:
    __mag = __e4 ? __round<3, -6>(__d.__neg, __d.__sig, __d.__exp, __rn)
                 : __round<2, -14>(__d.__neg, __d.__sig, __d.__exp, __rn);
    if (__mag > __max)
      __mag = __ovf;
    break;
  }
  return (__nv_fp8_storage_t)(__s | __mag);
}
} // namespace __tx_fp

//===--- Conversion functions ----------------------------------------------===//

__TX_FP_HD__ __nv_fp8_storage_t
__nv_cvt_double_to_fp8(const double __x, const __nv_saturation_t __sat,
                       const __nv_fp8_interpretation_t __fmt) {
  __tx_fp::__decoded __d = __tx_fp::__decode_f64(__x);
  if (__d.__cls == __tx_fp::__nan) {
    unsigned long long __u = __builtin_bit_cast(unsigned long long, __x);
    unsigned __s = (unsigned)(__u >> 56) & 0x80u;
    return (__nv_fp8_storage_t)(__s | (__fmt == __NV_E4M3
                                           ? 0x7fu
                                           : 0x7eu | (unsigned)((__u >> 50) & 3)));
  }
  return __tx_fp::__to_fp8(__d, __sat, __fmt);
}

__TX_FP_HD__ __nv_fp8x2_storage_t
__nv_cvt_double2_to_fp8x2(const double2 __x, const __nv_saturation_t __sat,
                          const __nv_fp8_interpretation_t __fmt) {
  return (__nv_fp8x2_storage_t)(__nv_cvt_double_to_fp8(__x.x, __sat, __fmt) |
                                (__nv_cvt_double_to_fp8(__x.y, __sat, __fmt)
                                 << 8));
}

__TX_FP_HD__ __nv_fp8_storage_t
__nv_cvt_float_to_fp8(const float __x, const __nv_saturation_t __sat,
                      const __nv_fp8_interpretation_t __fmt) {
  // Every float NaN is first made the positive canonical one: 0x7F.
  return __tx_fp::__to_fp8(__tx_fp::__decode_f32(__x), __sat, __fmt) &
         (__x != __x ? 0x7f : 0xff);
}

__TX_FP_HD__ __nv_fp8x2_storage_t
__nv_cvt_float2_to_fp8x2(const float2 __x, const __nv_saturation_t __sat,
                         const __nv_fp8_interpretation_t __fmt) {
  return (__nv_fp8x2_storage_t)(__nv_cvt_float_to_fp8(__x.x, __sat, __fmt) |
                                (__nv_cvt_float_to_fp8(__x.y, __sat, __fmt)
                                 << 8));
}

__TX_FP_HD__ __nv_fp8_storage_t
__nv_cvt_halfraw_to_fp8(const __half_raw __x, const __nv_saturation_t __sat,
                        const __nv_fp8_interpretation_t __fmt) {
  return __nv_cvt_float_to_fp8(__tx_fp::__f16_to_f32(__x.x), __sat, __fmt);
}

__TX_FP_HD__ __nv_fp8x2_storage_t
__nv_cvt_halfraw2_to_fp8x2(const __half2_raw __x, const __nv_saturation_t __sat,
                           const __nv_fp8_interpretation_t __fmt) {
  __half_raw __lo, __hi;
  __lo.x = __x.x;
  __hi.x = __x.y;
  return (__nv_fp8x2_storage_t)(__nv_cvt_halfraw_to_fp8(__lo, __sat, __fmt) |
                                (__nv_cvt_halfraw_to_fp8(__hi, __sat, __fmt)
                                 << 8));
}

__TX_FP_HD__ __nv_fp8_storage_t
__nv_cvt_bfloat16raw_to_fp8(const __nv_bfloat16_raw __x,
                            const __nv_saturation_t __sat,
                            const __nv_fp8_interpretation_t __fmt) {
  return __nv_cvt_float_to_fp8(__tx_fp::__bf16_to_f32(__x.x), __sat, __fmt);
}

__TX_FP_HD__ __nv_fp8x2_storage_t
__nv_cvt_bfloat16raw2_to_fp8x2(const __nv_bfloat162_raw __x,
                               const __nv_saturation_t __sat,
                               const __nv_fp8_interpretation_t __fmt) {
  __nv_bfloat16_raw __lo, __hi;
  __lo.x = __x.x;
  __hi.x = __x.y;
  return (__nv_fp8x2_storage_t)(
      __nv_cvt_bfloat16raw_to_fp8(__lo, __sat, __fmt) |
      (__nv_cvt_bfloat16raw_to_fp8(__hi, __sat, __fmt) << 8));
}

// Exact: every E4M3 and E5M2 value is a half value.
__TX_FP_HD__ __half_raw
__nv_cvt_fp8_to_halfraw(const __nv_fp8_storage_t __x,
                        const __nv_fp8_interpretation_t __fmt) {
  __half_raw __r;
  if (__fmt == __NV_E5M2) { // E5M2 is the top byte of a half.
    unsigned short __h = (unsigned short)(__x << 8);
    __r.x = (__h & 0x7fff) > 0x7c00 ? (unsigned short)0x7fff : __h;
    return __r;
  }
  if ((__x & 0x7f) == 0x7f) {
    __r.x = 0x7fff;
    return __r;
  }
  unsigned __e = (__x >> 3) & 0xf, __m = __x & 7;
  __tx_fp::__decoded __d = {(__x & 0x7f) ? __tx_fp::__finite : __tx_fp::__zero,
                            (__x & 0x80) != 0, __e ? (__m | 8u) : __m,
                            (__e ? (int)__e : 1) - 10};
  __r.x = __tx_fp::__to_f16(__d, __tx_fp::__rn);
  return __r;
}

__TX_FP_HD__ __half2_raw
__nv_cvt_fp8x2_to_halfraw2(const __nv_fp8x2_storage_t __x,
                           const __nv_fp8_interpretation_t __fmt) {
  __half2_raw __r;
  __r.x = __nv_cvt_fp8_to_halfraw((__nv_fp8_storage_t)__x, __fmt).x;
  __r.y = __nv_cvt_fp8_to_halfraw((__nv_fp8_storage_t)(__x >> 8), __fmt).x;
  return __r;
}

//===--- Types -------------------------------------------------------------===//
// Construction saturates (__NV_SATFINITE), as CUDA's constructors do;
// integers go through float, and conversions to integers through __half.

__TX_MINIFLOAT_SCALAR(__nv_fp8_e4m3, fp8, __NV_E4M3, 0x7f, __half,
                      __NV_SATFINITE, __NV_E4M3)
__TX_MINIFLOAT_SCALAR(__nv_fp8_e5m2, fp8, __NV_E5M2, 0x7f, __half,
                      __NV_SATFINITE, __NV_E5M2)
__TX_MINIFLOAT_PAIR(__nv_fp8x2_e4m3, fp8, __NV_E4M3, 2, __NV_SATFINITE,
                    __NV_E4M3)
__TX_MINIFLOAT_PAIR(__nv_fp8x2_e5m2, fp8, __NV_E5M2, 2, __NV_SATFINITE,
                    __NV_E5M2)
__TX_MINIFLOAT_QUAD(__nv_fp8x4_e4m3, fp8, __NV_E4M3, 4, 16, __NV_SATFINITE,
                    __NV_E4M3)
__TX_MINIFLOAT_QUAD(__nv_fp8x4_e5m2, fp8, __NV_E5M2, 4, 16, __NV_SATFINITE,
                    __NV_E5M2)

static_assert(sizeof(__nv_fp8_e4m3) == 1 && alignof(__nv_fp8_e4m3) == 1, "");
static_assert(sizeof(__nv_fp8x2_e5m2) == 2 && alignof(__nv_fp8x2_e5m2) == 2, "");
static_assert(sizeof(__nv_fp8x4_e4m3) == 4 && alignof(__nv_fp8x4_e4m3) == 4, "");

#endif // __cplusplus
#endif // TONGXIN_CUDA_FP8_H
