//===- cuda_fp16.h - CUDA half precision (__half, __half2) --------*- C++ -*-===//
//
// Part of Tongxin. IEEE binary16 as CUDA defines it: the __half and __half2
// types, conversions with every rounding suffix, arithmetic, comparisons,
// half math and half atomics. Everything is __host__ __device__ (the
// atomics are device-only, as in CUDA) and compiles with plain C++ too.
//
// Semantics follow sm_53+ hardware: each operation is computed exactly (or,
// for division and the math functions, in float) and rounded once to half,
// round-to-nearest-even. Conversions are integer bit manipulation, or
// float steps whose results are exact (tongxin/fp_bits.h), so they are
// bit-exact on every host and target:
// NaNs become the canonical 0x7FFF, overflow rounds to infinity (or to the
// largest finite value under _rz and the directed modes that say so), and
// subnormals are kept.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_FP16_H
#define TONGXIN_CUDA_FP16_H

#include "tongxin/fp_bits.h"
#include "vector_types.h" // float2

#define __CUDA_FP16_TYPES_EXIST__

//===--- Types -------------------------------------------------------------===//

typedef struct __half_raw {
  unsigned short x;
} __half_raw;

typedef struct __half2_raw {
  unsigned short x;
  unsigned short y;
} __half2_raw;

#ifdef __cplusplus

namespace __tx_fp {
__TX_FP_HD__ unsigned short __ll_to_f16(long long __v, int __m) {
  return __to_f16(__decode_int(__v < 0, __v < 0 ? 0ull - (unsigned long long)__v
                                                : (unsigned long long)__v),
                  __m);
}
__TX_FP_HD__ unsigned short __ull_to_f16(unsigned long long __v, int __m) {
  return __to_f16(__decode_int(false, __v), __m);
}
} // namespace __tx_fp

struct __nv_bfloat16; // cuda_bf16.h

struct __align__(2) __half {
  // Public, unlike CUDA's protected member, so the free functions below
  // need no friend declarations; code written for CUDA never names it.
  unsigned short __x;

  __half() = default;
  __TX_FP_HD__ constexpr __half(const __half_raw &__r) : __x(__r.x) {}
  __TX_FP_HD__ __half &operator=(const __half_raw &__r) {
    __x = __r.x;
    return *this;
  }
  __TX_FP_HD__ volatile __half &operator=(const __half_raw &__r) volatile {
    __x = __r.x;
    return *this;
  }
  __TX_FP_HD__ volatile __half &operator=(const volatile __half_raw &__r)
      volatile {
    __x = __r.x;
    return *this;
  }
  __TX_FP_HD__ operator __half_raw() const {
    __half_raw __r;
    __r.x = __x;
    return __r;
  }
  __TX_FP_HD__ operator __half_raw() const volatile {
    __half_raw __r;
    __r.x = __x;
    return __r;
  }

  // Conversions from and to the built-in types, as CUDA provides them
  // (floating point: round-to-nearest-even; to integers: toward zero).
  __TX_FP_HD__ __half(float __f)
      : __x(__tx_fp::__f32_to_f16(__f, __tx_fp::__rn)) {}
  // Round to nearest even; defined in cuda_bf16.h, as in CUDA. Explicit, so
  // it adds the direct conversion without new implicit paths.
  explicit __TX_FP_HD__ __half(const __nv_bfloat16 __b);
  __TX_FP_HD__ __half(double __f)
      : __x(__tx_fp::__f64_to_f16_rn(__f)) {}
  __TX_FP_HD__ operator float() const { return __tx_fp::__f16_to_f32(__x); }
  __TX_FP_HD__ __half &operator=(float __f) {
    __x = __tx_fp::__f32_to_f16(__f, __tx_fp::__rn);
    return *this;
  }
  __TX_FP_HD__ __half &operator=(double __f) {
    __x = __tx_fp::__f64_to_f16_rn(__f);
    return *this;
  }

#define __TX_HALF_INT(T, LO, HI, NAN)                                          \
  __TX_FP_HD__ __half(T __v)                                                   \
      : __x((LO) < 0 ? __tx_fp::__ll_to_f16((long long)__v, __tx_fp::__rn)    \
                     : __tx_fp::__ull_to_f16((unsigned long long)__v,          \
                                             __tx_fp::__rn)) {}                \
  __TX_FP_HD__ __half &operator=(T __v) { return *this = __half(__v); }        \
  __TX_FP_HD__ operator T() const {                                            \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__f16_to_f32(__x),                \
                                    __tx_fp::__rz, (T)(LO), (T)(HI),           \
                                    (T)(NAN));                                 \
  }
  __TX_HALF_INT(short, -32768, 32767, 0)
  __TX_HALF_INT(unsigned short, 0, 65535, 0)
  __TX_HALF_INT(int, -2147483647 - 1, 2147483647, 0)
  __TX_HALF_INT(unsigned int, 0, 4294967295u, 0)
  __TX_HALF_INT(long, -9223372036854775807L - 1, 9223372036854775807L,
                -9223372036854775807L - 1)
  __TX_HALF_INT(unsigned long, 0, 18446744073709551615ul,
                0x8000000000000000ul)
  __TX_HALF_INT(long long, -9223372036854775807LL - 1, 9223372036854775807LL,
                -9223372036854775807LL - 1)
  __TX_HALF_INT(unsigned long long, 0, 18446744073709551615ull,
                0x8000000000000000ull)
#undef __TX_HALF_INT
  __TX_FP_HD__ operator signed char() const {
    return __tx_fp::__f32_to_int<signed char>(__tx_fp::__f16_to_f32(__x),
                                              __tx_fp::__rz, -128, 127, 0);
  }
  __TX_FP_HD__ operator unsigned char() const {
    return __tx_fp::__f32_to_int<unsigned char>(__tx_fp::__f16_to_f32(__x),
                                                __tx_fp::__rz, 0, 255, 0);
  }
  __TX_FP_HD__ operator char() const {
    return (char)__tx_fp::__f32_to_int<signed char>(
        __tx_fp::__f16_to_f32(__x), __tx_fp::__rz, -128, 127, 0);
  }
  // Both zeros are false.
  __TX_FP_HD__ operator bool() const { return (__x & 0x7fff) != 0; }
};

struct __align__(4) __half2 {
  __half x;
  __half y;

  __half2() = default;
  __TX_FP_HD__ constexpr __half2(const __half &__a, const __half &__b)
      : x(__a), y(__b) {}
  __TX_FP_HD__ __half2(const __half2_raw &__r) {
    x.__x = __r.x;
    y.__x = __r.y;
  }
  __TX_FP_HD__ __half2 &operator=(const __half2_raw &__r) {
    x.__x = __r.x;
    y.__x = __r.y;
    return *this;
  }
  __TX_FP_HD__ operator __half2_raw() const {
    __half2_raw __r;
    __r.x = x.__x;
    __r.y = y.__x;
    return __r;
  }
};

static_assert(sizeof(__half) == 2 && alignof(__half) == 2, "__half layout");
static_assert(sizeof(__half2) == 4 && alignof(__half2) == 4, "__half2 layout");

typedef __half half;
typedef __half2 half2;
typedef __half __nv_half;
typedef __half2 __nv_half2;
typedef __half_raw __nv_half_raw;
typedef __half2_raw __nv_half2_raw;
typedef __half nv_half;
typedef __half2 nv_half2;

namespace __tx_fp {
__TX_FP_HD__ __half __mkh(unsigned short __b) {
  __half __h;
  __h.__x = __b;
  return __h;
}
__TX_FP_HD__ float __hf(__half __h) { return __f16_to_f32(__h.__x); }
__TX_FP_HD__ __half __fh(float __f) { return __mkh(__f32_to_f16(__f, __rn)); }
__TX_FP_HD__ __half __dh(double __f) {
  return __mkh(__f64_to_f16_rn(__f));
}
__TX_FP_HD__ bool __hnan(__half __h) { return (__h.__x & 0x7fff) > 0x7c00; }
} // namespace __tx_fp

//===--- Bit reinterpretation and construction -----------------------------===//

__TX_FP_HD__ short __half_as_short(const __half __h) { return (short)__h.__x; }
__TX_FP_HD__ unsigned short __half_as_ushort(const __half __h) {
  return __h.__x;
}
__TX_FP_HD__ __half __short_as_half(const short __i) {
  return __tx_fp::__mkh((unsigned short)__i);
}
__TX_FP_HD__ __half __ushort_as_half(const unsigned short __i) {
  return __tx_fp::__mkh(__i);
}
__TX_FP_HD__ __half2 make_half2(const __half __x, const __half __y) {
  return __half2(__x, __y);
}
__TX_FP_HD__ __half2 __halves2half2(const __half __a, const __half __b) {
  return __half2(__a, __b);
}
__TX_FP_HD__ __half2 __half2half2(const __half __a) {
  return __half2(__a, __a);
}
__TX_FP_HD__ __half __low2half(const __half2 __a) { return __a.x; }
__TX_FP_HD__ __half __high2half(const __half2 __a) { return __a.y; }
__TX_FP_HD__ __half2 __low2half2(const __half2 __a) {
  return __half2(__a.x, __a.x);
}
__TX_FP_HD__ __half2 __high2half2(const __half2 __a) {
  return __half2(__a.y, __a.y);
}
__TX_FP_HD__ __half2 __lows2half2(const __half2 __a, const __half2 __b) {
  return __half2(__a.x, __b.x);
}
__TX_FP_HD__ __half2 __highs2half2(const __half2 __a, const __half2 __b) {
  return __half2(__a.y, __b.y);
}
__TX_FP_HD__ __half2 __lowhigh2highlow(const __half2 __a) {
  return __half2(__a.y, __a.x);
}

//===--- Floating-point conversions ----------------------------------------===//

__TX_FP_HD__ float __half2float(const __half __a) { return __tx_fp::__hf(__a); }
__TX_FP_HD__ float __low2float(const __half2 __a) {
  return __tx_fp::__hf(__a.x);
}
__TX_FP_HD__ float __high2float(const __half2 __a) {
  return __tx_fp::__hf(__a.y);
}
__TX_FP_HD__ float2 __half22float2(const __half2 __a) {
  float2 __r;
  __r.x = __tx_fp::__hf(__a.x);
  __r.y = __tx_fp::__hf(__a.y);
  return __r;
}
__TX_FP_HD__ __half __float2half(const float __a) { return __tx_fp::__fh(__a); }
#define __TX_F2H(SUFFIX, MODE)                                                 \
  __TX_FP_HD__ __half __float2half##SUFFIX(const float __a) {                  \
    return __tx_fp::__mkh(__tx_fp::__f32_to_f16(__a, __tx_fp::MODE));          \
  }
__TX_F2H(_rn, __rn)
__TX_F2H(_rz, __rz)
__TX_F2H(_rd, __rd)
__TX_F2H(_ru, __ru)
#undef __TX_F2H
__TX_FP_HD__ __half __double2half(const double __a) {
  return __tx_fp::__dh(__a);
}
__TX_FP_HD__ __half2 __float2half2_rn(const float __a) {
  __half __h = __tx_fp::__fh(__a);
  return __half2(__h, __h);
}
__TX_FP_HD__ __half2 __floats2half2_rn(const float __a, const float __b) {
  return __half2(__tx_fp::__fh(__a), __tx_fp::__fh(__b));
}
__TX_FP_HD__ __half2 __float22half2_rn(const float2 __a) {
  return __half2(__tx_fp::__fh(__a.x), __tx_fp::__fh(__a.y));
}

//===--- Integer conversions -----------------------------------------------===//
// Half to integer: NaN gives 0 (0x8000000000000000 for the 64-bit forms),
// out-of-range values saturate. Integer to half: one rounding, per suffix.

#define __TX_H2I(NAME, T, LO, HI, NAN)                                         \
  __TX_FP_HD__ T __half2##NAME##_rn(const __half __h) {                        \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__hf(__h), __tx_fp::__rn, LO, HI, \
                                    NAN);                                      \
  }                                                                            \
  __TX_FP_HD__ T __half2##NAME##_rz(const __half __h) {                        \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__hf(__h), __tx_fp::__rz, LO, HI, \
                                    NAN);                                      \
  }                                                                            \
  __TX_FP_HD__ T __half2##NAME##_rd(const __half __h) {                        \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__hf(__h), __tx_fp::__rd, LO, HI, \
                                    NAN);                                      \
  }                                                                            \
  __TX_FP_HD__ T __half2##NAME##_ru(const __half __h) {                        \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__hf(__h), __tx_fp::__ru, LO, HI, \
                                    NAN);                                      \
  }
__TX_H2I(short, short, -32768, 32767, 0)
__TX_H2I(ushort, unsigned short, 0, 65535, 0)
__TX_H2I(int, int, -2147483647 - 1, 2147483647, 0)
__TX_H2I(uint, unsigned int, 0u, 4294967295u, 0u)
__TX_H2I(ll, long long, -9223372036854775807LL - 1, 9223372036854775807LL,
         -9223372036854775807LL - 1)
__TX_H2I(ull, unsigned long long, 0ull, 18446744073709551615ull,
         0x8000000000000000ull)
#undef __TX_H2I
__TX_FP_HD__ signed char __half2char_rz(const __half __h) {
  return __tx_fp::__f32_to_int<signed char>(__tx_fp::__hf(__h), __tx_fp::__rz,
                                            -128, 127, 0);
}
__TX_FP_HD__ unsigned char __half2uchar_rz(const __half __h) {
  return __tx_fp::__f32_to_int<unsigned char>(__tx_fp::__hf(__h),
                                              __tx_fp::__rz, 0, 255, 0);
}

#define __TX_I2H(NAME, T, CONV)                                                \
  __TX_FP_HD__ __half __##NAME##2half_rn(const T __i) {                        \
    return __tx_fp::__mkh(__tx_fp::CONV(__i, __tx_fp::__rn));                  \
  }                                                                            \
  __TX_FP_HD__ __half __##NAME##2half_rz(const T __i) {                        \
    return __tx_fp::__mkh(__tx_fp::CONV(__i, __tx_fp::__rz));                  \
  }                                                                            \
  __TX_FP_HD__ __half __##NAME##2half_rd(const T __i) {                        \
    return __tx_fp::__mkh(__tx_fp::CONV(__i, __tx_fp::__rd));                  \
  }                                                                            \
  __TX_FP_HD__ __half __##NAME##2half_ru(const T __i) {                        \
    return __tx_fp::__mkh(__tx_fp::CONV(__i, __tx_fp::__ru));                  \
  }
__TX_I2H(short, short, __ll_to_f16)
__TX_I2H(ushort, unsigned short, __ull_to_f16)
__TX_I2H(int, int, __ll_to_f16)
__TX_I2H(uint, unsigned int, __ull_to_f16)
__TX_I2H(ll, long long, __ll_to_f16)
__TX_I2H(ull, unsigned long long, __ull_to_f16)
#undef __TX_I2H

//===--- Arithmetic, comparisons, math, operators, atomics ----------------===//
// Shared with cuda_bf16.h: tongxin/fp16_ops.h writes them once, for the
// types and encoding helpers named here, and #undefs these macros.

#define __TX_H __half
#define __TX_H2 __half2
#define __TX_H_MK __tx_fp::__mkh
#define __TX_H_F __tx_fp::__hf
#define __TX_H_FROMF __tx_fp::__fh
#define __TX_H_FROMD __tx_fp::__dh
#define __TX_H_NAN __tx_fp::__hnan
#define __TX_H_ONE 0x3c00
#define __TX_H_INF 0x7c00
#include "tongxin/fp16_ops.h"

//===--- Constants ---------------------------------------------------------===//

#define CUDART_INF_FP16 __ushort_as_half((unsigned short)0x7C00U)
#define CUDART_NAN_FP16 __ushort_as_half((unsigned short)0x7FFFU)
#define CUDART_MIN_DENORM_FP16 __ushort_as_half((unsigned short)0x0001U)
#define CUDART_MAX_NORMAL_FP16 __ushort_as_half((unsigned short)0x7BFFU)
#define CUDART_NEG_ZERO_FP16 __ushort_as_half((unsigned short)0x8000U)
#define CUDART_ZERO_FP16 __ushort_as_half((unsigned short)0x0000U)
#define CUDART_ONE_FP16 __ushort_as_half((unsigned short)0x3C00U)

#endif // __cplusplus
#endif // TONGXIN_CUDA_FP16_H
