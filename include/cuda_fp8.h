//===- cuda_fp8.h - CUDA 8-bit floats (E4M3, E5M2, E8M0) --------*- C++ -*-===//
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

//===--- Conversion functions ---------------------------------------------===//

__TX_FP_HD__ __nv_fp8_storage_t
__nv_cvt_double_to_fp8(const double __x, const __nv_saturation_t __sat,
                       const __nv_fp8_interpretation_t __fmt) {
  __tx_fp::__decoded __d = __tx_fp::__decode_f64(__x);
  if (__d.__cls == __tx_fp::__nan) {
    unsigned long long __u = __builtin_bit_cast(unsigned long long, __x);
    unsigned __s = (unsigned)(__u >> 56) & 0x80u;
    return (__nv_fp8_storage_t)(__s |
                                (__fmt == __NV_E4M3
                                     ? 0x7fu
                                     : 0x7eu | (unsigned)((__u >> 50) & 3)));
  }
  return __tx_fp::__to_fp8(__d, __sat, __fmt);
}

__TX_FP_HD__ __nv_fp8x2_storage_t
__nv_cvt_double2_to_fp8x2(const double2 __x, const __nv_saturation_t __sat,
                          const __nv_fp8_interpretation_t __fmt) {
  return (
      __nv_fp8x2_storage_t)(__nv_cvt_double_to_fp8(__x.x, __sat, __fmt) |
                            (__nv_cvt_double_to_fp8(__x.y, __sat, __fmt) << 8));
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
  return (
      __nv_fp8x2_storage_t)(__nv_cvt_float_to_fp8(__x.x, __sat, __fmt) |
                            (__nv_cvt_float_to_fp8(__x.y, __sat, __fmt) << 8));
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
  return (
      __nv_fp8x2_storage_t)(__nv_cvt_halfraw_to_fp8(__lo, __sat, __fmt) |
                            (__nv_cvt_halfraw_to_fp8(__hi, __sat, __fmt) << 8));
}

__TX_FP_HD__ __nv_fp8_storage_t __nv_cvt_bfloat16raw_to_fp8(
    const __nv_bfloat16_raw __x, const __nv_saturation_t __sat,
    const __nv_fp8_interpretation_t __fmt) {
  return __nv_cvt_float_to_fp8(__tx_fp::__bf16_to_f32(__x.x), __sat, __fmt);
}

__TX_FP_HD__ __nv_fp8x2_storage_t __nv_cvt_bfloat16raw2_to_fp8x2(
    const __nv_bfloat162_raw __x, const __nv_saturation_t __sat,
    const __nv_fp8_interpretation_t __fmt) {
  __nv_bfloat16_raw __lo, __hi;
  __lo.x = __x.x;
  __hi.x = __x.y;
  return (
      __nv_fp8x2_storage_t)(__nv_cvt_bfloat16raw_to_fp8(__lo, __sat, __fmt) |
                            (__nv_cvt_bfloat16raw_to_fp8(__hi, __sat, __fmt)
                             << 8));
}

// Exact: every E4M3 and E5M2 value is a half value.
__TX_FP_HD__ __half_raw __nv_cvt_fp8_to_halfraw(
    const __nv_fp8_storage_t __x, const __nv_fp8_interpretation_t __fmt) {
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

__TX_FP_HD__ __half2_raw __nv_cvt_fp8x2_to_halfraw2(
    const __nv_fp8x2_storage_t __x, const __nv_fp8_interpretation_t __fmt) {
  __half2_raw __r;
  __r.x = __nv_cvt_fp8_to_halfraw((__nv_fp8_storage_t)__x, __fmt).x;
  __r.y = __nv_cvt_fp8_to_halfraw((__nv_fp8_storage_t)(__x >> 8), __fmt).x;
  return __r;
}

//===--- E8M0 scale factors -----------------------------------------------===//
// The microscaling formats' scales (CUDA 12.8): an unsigned biased exponent,
// 0 through 254 meaning 2^-127 through 2^127, 0xFF NaN. An operand's
// magnitude goes to a power of two below it (cudaRoundZero) or above it
// (any other mode, as CUDA's cudaRoundPosInf); results under 2^-127 (zero
// included) become 2^-127, results over 2^127 (an infinity included)
// 2^127 under __NV_SATFINITE and NaN under __NV_NOSAT, and NaN stays NaN.

namespace __tx_fp {
__TX_FP_HD__ __nv_fp8_storage_t __to_e8m0(__decoded __d,
                                          __nv_saturation_t __sat,
                                          enum cudaRoundMode __r) {
  const unsigned __overflow = __sat == __NV_SATFINITE ? 0xfeu : 0xffu;
  switch (__d.__cls) {
  case __nan:
    return 0xff;
  case __inf:
    return (__nv_fp8_storage_t)__overflow;
  case __zero:
    return 0;
  default: {
    int __log2 = __d.__exp + 63 - __builtin_clzll(__d.__sig);
    bool __exact = (__d.__sig & (__d.__sig - 1)) == 0;
    if (__r != cudaRoundZero && !__exact)
      ++__log2;
    if (__log2 < -127)
      return 0;
    if (__log2 > 127)
      return (__nv_fp8_storage_t)__overflow;
    return (__nv_fp8_storage_t)(__log2 + 127);
  }
  }
}
// An integer's exact value (the scale of its magnitude rounds up from it).
__TX_FP_HD__ __decoded __decode_any_int(long long __v) {
  return __decode_int(__v < 0, __v < 0 ? 0ull - (unsigned long long)__v
                                       : (unsigned long long)__v);
}
__TX_FP_HD__ __decoded __decode_any_int(unsigned long long __v) {
  return __decode_int(false, __v);
}
#define __TX_DECODE_INT_AS(T, AS)                                              \
  __TX_FP_HD__ __decoded __decode_any_int(T __v) {                             \
    return __decode_any_int((AS)__v);                                          \
  }
__TX_DECODE_INT_AS(short, long long)
__TX_DECODE_INT_AS(int, long long)
__TX_DECODE_INT_AS(long, long long)
__TX_DECODE_INT_AS(unsigned short, unsigned long long)
__TX_DECODE_INT_AS(unsigned int, unsigned long long)
__TX_DECODE_INT_AS(unsigned long, unsigned long long)
#undef __TX_DECODE_INT_AS
} // namespace __tx_fp

// A finite double beyond float's range counts as float's largest, as in
// NVIDIA's header (which converts through float): 2^127 when rounding
// toward zero, in either saturation mode.
__TX_FP_HD__ __nv_fp8_storage_t
__nv_cvt_double_to_e8m0(const double __x, const __nv_saturation_t __sat,
                        const enum cudaRoundMode __r) {
  double __a = __x < 0 ? -__x : __x;
  if (__a > 3.4028234663852886e38 && __a <= 1.7976931348623157e308)
    return __tx_fp::__to_e8m0(__tx_fp::__decode_f32(3.4028234663852886e38f),
                              __sat, __r);
  return __tx_fp::__to_e8m0(__tx_fp::__decode_f64(__x), __sat, __r);
}

__TX_FP_HD__ __nv_fp8_storage_t
__nv_cvt_float_to_e8m0(const float __x, const __nv_saturation_t __sat,
                       const enum cudaRoundMode __r) {
  return __tx_fp::__to_e8m0(__tx_fp::__decode_f32(__x), __sat, __r);
}

__TX_FP_HD__ __nv_fp8_storage_t __nv_cvt_bfloat16raw_to_e8m0(
    const __nv_bfloat16_raw __x, const __nv_saturation_t __sat,
    const enum cudaRoundMode __r) {
  return __nv_cvt_float_to_e8m0(__tx_fp::__bf16_to_f32(__x.x), __sat, __r);
}

__TX_FP_HD__ __nv_fp8x2_storage_t
__nv_cvt_double2_to_e8m0x2(const double2 __x, const __nv_saturation_t __sat,
                           const enum cudaRoundMode __r) {
  return (
      __nv_fp8x2_storage_t)(__nv_cvt_double_to_e8m0(__x.x, __sat, __r) |
                            (__nv_cvt_double_to_e8m0(__x.y, __sat, __r) << 8));
}

__TX_FP_HD__ __nv_fp8x2_storage_t
__nv_cvt_float2_to_e8m0x2(const float2 __x, const __nv_saturation_t __sat,
                          const enum cudaRoundMode __r) {
  return (
      __nv_fp8x2_storage_t)(__nv_cvt_float_to_e8m0(__x.x, __sat, __r) |
                            (__nv_cvt_float_to_e8m0(__x.y, __sat, __r) << 8));
}

__TX_FP_HD__ __nv_fp8x2_storage_t __nv_cvt_bfloat162raw_to_e8m0x2(
    const __nv_bfloat162_raw __x, const __nv_saturation_t __sat,
    const enum cudaRoundMode __r) {
  __nv_bfloat16_raw __lo, __hi;
  __lo.x = __x.x;
  __hi.x = __x.y;
  return (__nv_fp8x2_storage_t)(__nv_cvt_bfloat16raw_to_e8m0(__lo, __sat, __r) |
                                (__nv_cvt_bfloat16raw_to_e8m0(__hi, __sat, __r)
                                 << 8));
}

// Exact: 2^-127 is a bfloat16 subnormal.
__TX_FP_HD__ __nv_bfloat16_raw
__nv_cvt_e8m0_to_bf16raw(const __nv_fp8_storage_t __x) {
  __nv_bfloat16_raw __r;
  __r.x = __x == 0xff ? (unsigned short)0x7fff
          : __x == 0  ? (unsigned short)0x0040
                      : (unsigned short)(__x << 7);
  return __r;
}

__TX_FP_HD__ __nv_bfloat162_raw
__nv_cvt_e8m0x2_to_bf162raw(const __nv_fp8x2_storage_t __x) {
  __nv_bfloat162_raw __r;
  __r.x = __nv_cvt_e8m0_to_bf16raw((__nv_fp8_storage_t)__x).x;
  __r.y = __nv_cvt_e8m0_to_bf16raw((__nv_fp8_storage_t)(__x >> 8)).x;
  return __r;
}

//===--- Types ------------------------------------------------------------===//
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

// A scale constructs as CUDA's does: saturating, rounding up (integers from
// their exact value); it converts to integers through __nv_bfloat16
// (saturating; NaN gives 0, or 0x8000000000000000 in 64 bits).
struct __align__(1) __nv_fp8_e8m0 {
  __nv_fp8_storage_t __x;

  __nv_fp8_e8m0() = default;
  __TX_FP_HD__ explicit __nv_fp8_e8m0(const __half __f)
      : __x(__nv_cvt_float_to_e8m0(
            __tx_fp::__f16_to_f32(static_cast<__half_raw>(__f).x),
            __NV_SATFINITE, cudaRoundPosInf)) {}
  __TX_FP_HD__ explicit __nv_fp8_e8m0(const __nv_bfloat16 __f)
      : __x(__nv_cvt_bfloat16raw_to_e8m0(static_cast<__nv_bfloat16_raw>(__f),
                                         __NV_SATFINITE, cudaRoundPosInf)) {}
  __TX_FP_HD__ explicit __nv_fp8_e8m0(const float __f)
      : __x(__nv_cvt_float_to_e8m0(__f, __NV_SATFINITE, cudaRoundPosInf)) {}
  __TX_FP_HD__ explicit __nv_fp8_e8m0(const double __f)
      : __x(__nv_cvt_double_to_e8m0(__f, __NV_SATFINITE, cudaRoundPosInf)) {}
#define __TX_E8M0_INT(T)                                                       \
  __TX_FP_HD__ explicit __nv_fp8_e8m0(const T __v)                             \
      : __x(__tx_fp::__to_e8m0(__tx_fp::__decode_any_int(__v),                 \
                               __NV_SATFINITE, cudaRoundPosInf)) {}            \
  __TX_FP_HD__ explicit operator T() const {                                   \
    return (T) static_cast<__nv_bfloat16>(*this);                              \
  }
  __TX_E8M0_INT(short)
  __TX_E8M0_INT(unsigned short)
  __TX_E8M0_INT(int)
  __TX_E8M0_INT(unsigned int)
  __TX_E8M0_INT(long)
  __TX_E8M0_INT(unsigned long)
  __TX_E8M0_INT(long long)
  __TX_E8M0_INT(unsigned long long)
#undef __TX_E8M0_INT
  // Every scale is nonzero (NaN included, as in NVIDIA's header).
  __TX_FP_HD__ explicit operator bool() const { return true; }
  __TX_FP_HD__ explicit operator char() const {
    return (char)static_cast<__nv_bfloat16>(*this);
  }
  __TX_FP_HD__ explicit operator signed char() const {
    return (signed char)static_cast<__nv_bfloat16>(*this);
  }
  __TX_FP_HD__ explicit operator unsigned char() const {
    return (unsigned char)static_cast<__nv_bfloat16>(*this);
  }
  __TX_FP_HD__ explicit operator __nv_bfloat16() const {
    return __nv_bfloat16(__nv_cvt_e8m0_to_bf16raw(__x));
  }
  __TX_FP_HD__ explicit operator float() const {
    return __tx_fp::__bf16_to_f32(__nv_cvt_e8m0_to_bf16raw(__x).x);
  }
  __TX_FP_HD__ explicit operator double() const {
    return (double)static_cast<float>(*this);
  }
  __TX_FP_HD__ explicit operator __half() const {
    return __half(static_cast<float>(*this));
  }
};

struct __align__(2) __nv_fp8x2_e8m0 {
  __nv_fp8x2_storage_t __x;

  __nv_fp8x2_e8m0() = default;
  __TX_FP_HD__ explicit __nv_fp8x2_e8m0(const __half2 __f) {
    float2 __v;
    __v.x = __tx_fp::__f16_to_f32(static_cast<__half2_raw>(__f).x);
    __v.y = __tx_fp::__f16_to_f32(static_cast<__half2_raw>(__f).y);
    __x = __nv_cvt_float2_to_e8m0x2(__v, __NV_SATFINITE, cudaRoundPosInf);
  }
  __TX_FP_HD__ explicit __nv_fp8x2_e8m0(const __nv_bfloat162 __f)
      : __x(__nv_cvt_bfloat162raw_to_e8m0x2(
            static_cast<__nv_bfloat162_raw>(__f), __NV_SATFINITE,
            cudaRoundPosInf)) {}
  __TX_FP_HD__ explicit __nv_fp8x2_e8m0(const float2 __f)
      : __x(__nv_cvt_float2_to_e8m0x2(__f, __NV_SATFINITE, cudaRoundPosInf)) {}
  __TX_FP_HD__ explicit __nv_fp8x2_e8m0(const double2 __f)
      : __x(__nv_cvt_double2_to_e8m0x2(__f, __NV_SATFINITE, cudaRoundPosInf)) {}
  __TX_FP_HD__ explicit operator __nv_bfloat162() const {
    return __nv_bfloat162(__nv_cvt_e8m0x2_to_bf162raw(__x));
  }
  __TX_FP_HD__ explicit operator float2() const {
    __nv_bfloat162_raw __b = __nv_cvt_e8m0x2_to_bf162raw(__x);
    float2 __r;
    __r.x = __tx_fp::__bf16_to_f32(__b.x);
    __r.y = __tx_fp::__bf16_to_f32(__b.y);
    return __r;
  }
};

struct __align__(4) __nv_fp8x4_e8m0 {
  __nv_fp8x4_storage_t __x;

  __nv_fp8x4_e8m0() = default;
  __TX_FP_HD__ explicit __nv_fp8x4_e8m0(const __nv_bfloat162 __lo,
                                        const __nv_bfloat162 __hi)
      : __x(__nv_fp8x2_e8m0(__lo).__x |
            ((__nv_fp8x4_storage_t)__nv_fp8x2_e8m0(__hi).__x << 16)) {}
  __TX_FP_HD__ explicit __nv_fp8x4_e8m0(const __half2 __lo, const __half2 __hi)
      : __x(__nv_fp8x2_e8m0(__lo).__x |
            ((__nv_fp8x4_storage_t)__nv_fp8x2_e8m0(__hi).__x << 16)) {}
  __TX_FP_HD__ explicit __nv_fp8x4_e8m0(const float4 __f) {
    float2 __lo, __hi;
    __lo.x = __f.x, __lo.y = __f.y, __hi.x = __f.z, __hi.y = __f.w;
    __x = __nv_fp8x2_e8m0(__lo).__x |
          ((__nv_fp8x4_storage_t)__nv_fp8x2_e8m0(__hi).__x << 16);
  }
  __TX_FP_HD__ explicit __nv_fp8x4_e8m0(const double4 __f) {
    double2 __lo, __hi;
    __lo.x = __f.x, __lo.y = __f.y, __hi.x = __f.z, __hi.y = __f.w;
    __x = __nv_fp8x2_e8m0(__lo).__x |
          ((__nv_fp8x4_storage_t)__nv_fp8x2_e8m0(__hi).__x << 16);
  }
  __TX_FP_HD__ explicit operator float4() const {
    __nv_fp8x2_e8m0 __lo, __hi;
    __lo.__x = (__nv_fp8x2_storage_t)__x;
    __hi.__x = (__nv_fp8x2_storage_t)(__x >> 16);
    float2 __l = static_cast<float2>(__lo), __h = static_cast<float2>(__hi);
    float4 __r;
    __r.x = __l.x, __r.y = __l.y, __r.z = __h.x, __r.w = __h.y;
    return __r;
  }
};

static_assert(sizeof(__nv_fp8_e4m3) == 1 && alignof(__nv_fp8_e4m3) == 1, "");
static_assert(sizeof(__nv_fp8x2_e5m2) == 2 && alignof(__nv_fp8x2_e5m2) == 2,
              "");
static_assert(sizeof(__nv_fp8x4_e4m3) == 4 && alignof(__nv_fp8x4_e4m3) == 4,
              "");
static_assert(sizeof(__nv_fp8_e8m0) == 1 && sizeof(__nv_fp8x4_e8m0) == 4, "");

#endif // __cplusplus
#endif // TONGXIN_CUDA_FP8_H
