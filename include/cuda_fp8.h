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

#define __TX_FP8_SCALAR(NAME, FMT)                                             \
  struct __align__(1) NAME {                                                   \
    __nv_fp8_storage_t __x;                                                    \
                                                                               \
    NAME() = default;                                                          \
    __TX_FP_HD__ explicit NAME(const __half __f) {                             \
      __x = __nv_cvt_halfraw_to_fp8(static_cast<__half_raw>(__f),              \
                                    __NV_SATFINITE, FMT);                      \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const __nv_bfloat16 __f) {                      \
      __x = __nv_cvt_bfloat16raw_to_fp8(static_cast<__nv_bfloat16_raw>(__f),   \
                                        __NV_SATFINITE, FMT);                  \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const float __f) {                              \
      __x = __nv_cvt_float_to_fp8(__f, __NV_SATFINITE, FMT);                   \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const double __f) {                             \
      __x = __nv_cvt_double_to_fp8(__f, __NV_SATFINITE, FMT);                  \
    }                                                                          \
    __TX_FP8_INTS(NAME)                                                        \
    __TX_FP_HD__ explicit operator __half() const {                            \
      return __half(__nv_cvt_fp8_to_halfraw(__x, FMT));                        \
    }                                                                          \
    __TX_FP_HD__ explicit operator float() const {                             \
      return __tx_fp::__f16_to_f32(__nv_cvt_fp8_to_halfraw(__x, FMT).x);       \
    }                                                                          \
    __TX_FP_HD__ explicit operator double() const {                            \
      return (double)static_cast<float>(*this);                                \
    }                                                                          \
    __TX_FP_HD__ explicit operator __nv_bfloat16() const {                     \
      return __nv_bfloat16(static_cast<float>(*this));                         \
    }                                                                          \
    __TX_FP_HD__ explicit operator bool() const { return (__x & 0x7f) != 0; }  \
  };
#define __TX_FP8_INT(NAME, T)                                                  \
  __TX_FP_HD__ explicit NAME(const T __v) : NAME((float)__v) {}                \
  __TX_FP_HD__ explicit operator T() const {                                   \
    return (T) static_cast<__half>(*this);                                     \
  }
#define __TX_FP8_INTS(NAME)                                                    \
  __TX_FP8_INT(NAME, short)                                                    \
  __TX_FP8_INT(NAME, unsigned short)                                           \
  __TX_FP8_INT(NAME, int)                                                      \
  __TX_FP8_INT(NAME, unsigned int)                                             \
  __TX_FP8_INT(NAME, long)                                                     \
  __TX_FP8_INT(NAME, unsigned long)                                            \
  __TX_FP8_INT(NAME, long long)                                                \
  __TX_FP8_INT(NAME, unsigned long long)                                       \
  __TX_FP_HD__ explicit operator char() const {                                \
    return (char) static_cast<__half>(*this);                                  \
  }                                                                            \
  __TX_FP_HD__ explicit operator signed char() const {                         \
    return (signed char) static_cast<__half>(*this);                           \
  }                                                                            \
  __TX_FP_HD__ explicit operator unsigned char() const {                       \
    return (unsigned char) static_cast<__half>(*this);                         \
  }

__TX_FP8_SCALAR(__nv_fp8_e4m3, __NV_E4M3)
__TX_FP8_SCALAR(__nv_fp8_e5m2, __NV_E5M2)

#define __TX_FP8_PAIR(NAME, FMT)                                               \
  struct __align__(2) NAME {                                                   \
    __nv_fp8x2_storage_t __x;                                                  \
                                                                               \
    NAME() = default;                                                          \
    __TX_FP_HD__ explicit NAME(const __half2 __f) {                            \
      __x = __nv_cvt_halfraw2_to_fp8x2(static_cast<__half2_raw>(__f),          \
                                       __NV_SATFINITE, FMT);                   \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const __nv_bfloat162 __f) {                     \
      __x = __nv_cvt_bfloat16raw2_to_fp8x2(                                    \
          static_cast<__nv_bfloat162_raw>(__f), __NV_SATFINITE, FMT);          \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const float2 __f) {                             \
      __x = __nv_cvt_float2_to_fp8x2(__f, __NV_SATFINITE, FMT);                \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const double2 __f) {                            \
      __x = __nv_cvt_double2_to_fp8x2(__f, __NV_SATFINITE, FMT);               \
    }                                                                          \
    __TX_FP_HD__ explicit operator __half2() const {                           \
      return __half2(__nv_cvt_fp8x2_to_halfraw2(__x, FMT));                    \
    }                                                                          \
    __TX_FP_HD__ explicit operator float2() const {                            \
      __half2_raw __h = __nv_cvt_fp8x2_to_halfraw2(__x, FMT);                  \
      float2 __r;                                                              \
      __r.x = __tx_fp::__f16_to_f32(__h.x);                                    \
      __r.y = __tx_fp::__f16_to_f32(__h.y);                                    \
      return __r;                                                              \
    }                                                                          \
  };
__TX_FP8_PAIR(__nv_fp8x2_e4m3, __NV_E4M3)
__TX_FP8_PAIR(__nv_fp8x2_e5m2, __NV_E5M2)

#define __TX_FP8_QUAD(NAME, FMT)                                               \
  struct __align__(4) NAME {                                                   \
    __nv_fp8x4_storage_t __x;                                                  \
                                                                               \
    NAME() = default;                                                          \
    __TX_FP_HD__ explicit NAME(const __half2 __lo, const __half2 __hi) {       \
      __x = __nv_cvt_halfraw2_to_fp8x2(static_cast<__half2_raw>(__lo),         \
                                       __NV_SATFINITE, FMT) |                  \
            ((__nv_fp8x4_storage_t)__nv_cvt_halfraw2_to_fp8x2(                 \
                 static_cast<__half2_raw>(__hi), __NV_SATFINITE, FMT)          \
             << 16);                                                           \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const __nv_bfloat162 __lo,                      \
                               const __nv_bfloat162 __hi) {                    \
      __x = __nv_cvt_bfloat16raw2_to_fp8x2(                                    \
                static_cast<__nv_bfloat162_raw>(__lo), __NV_SATFINITE, FMT) |  \
            ((__nv_fp8x4_storage_t)__nv_cvt_bfloat16raw2_to_fp8x2(             \
                 static_cast<__nv_bfloat162_raw>(__hi), __NV_SATFINITE, FMT)   \
             << 16);                                                           \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const float4 __f) {                             \
      float2 __lo, __hi;                                                       \
      __lo.x = __f.x;                                                          \
      __lo.y = __f.y;                                                          \
      __hi.x = __f.z;                                                          \
      __hi.y = __f.w;                                                          \
      __x = __nv_cvt_float2_to_fp8x2(__lo, __NV_SATFINITE, FMT) |              \
            ((__nv_fp8x4_storage_t)__nv_cvt_float2_to_fp8x2(                   \
                 __hi, __NV_SATFINITE, FMT)                                    \
             << 16);                                                           \
    }                                                                          \
    __TX_FP_HD__ explicit NAME(const double4 __f) {                            \
      double2 __lo, __hi;                                                      \
      __lo.x = __f.x;                                                          \
      __lo.y = __f.y;                                                          \
      __hi.x = __f.z;                                                          \
      __hi.y = __f.w;                                                          \
      __x = __nv_cvt_double2_to_fp8x2(__lo, __NV_SATFINITE, FMT) |             \
            ((__nv_fp8x4_storage_t)__nv_cvt_double2_to_fp8x2(                  \
                 __hi, __NV_SATFINITE, FMT)                                    \
             << 16);                                                           \
    }                                                                          \
    __TX_FP_HD__ explicit operator float4() const {                            \
      __half2_raw __lo = __nv_cvt_fp8x2_to_halfraw2(                           \
          (__nv_fp8x2_storage_t)__x, FMT);                                     \
      __half2_raw __hi = __nv_cvt_fp8x2_to_halfraw2(                           \
          (__nv_fp8x2_storage_t)(__x >> 16), FMT);                             \
      float4 __r;                                                              \
      __r.x = __tx_fp::__f16_to_f32(__lo.x);                                   \
      __r.y = __tx_fp::__f16_to_f32(__lo.y);                                   \
      __r.z = __tx_fp::__f16_to_f32(__hi.x);                                   \
      __r.w = __tx_fp::__f16_to_f32(__hi.y);                                   \
      return __r;                                                              \
    }                                                                          \
  };
__TX_FP8_QUAD(__nv_fp8x4_e4m3, __NV_E4M3)
__TX_FP8_QUAD(__nv_fp8x4_e5m2, __NV_E5M2)

#undef __TX_FP8_SCALAR
#undef __TX_FP8_PAIR
#undef __TX_FP8_QUAD
#undef __TX_FP8_INT
#undef __TX_FP8_INTS

static_assert(sizeof(__nv_fp8_e4m3) == 1 && alignof(__nv_fp8_e4m3) == 1, "");
static_assert(sizeof(__nv_fp8x2_e5m2) == 2 && alignof(__nv_fp8x2_e5m2) == 2, "");
static_assert(sizeof(__nv_fp8x4_e4m3) == 4 && alignof(__nv_fp8x4_e4m3) == 4, "");

#endif // __cplusplus
#endif // TONGXIN_CUDA_FP8_H
