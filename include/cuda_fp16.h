//===- cuda_fp16.h - CUDA half precision (__half, __half2) --------*- C++ -*-===//
//
// Part of Tongxin. IEEE binary16 as CUDA defines it: the __half and __half2
// types, conversions with every rounding suffix, arithmetic, comparisons,
// half math and half atomics. Everything is __host__ __device__ (the
// atomics are device-only, as in CUDA) and compiles with plain C++ too.
//
// Semantics follow sm_53+ hardware: each operation is computed exactly (or,
// for division and the math functions, in float) and rounded once to half,
// round-to-nearest-even. Conversions are integer bit manipulation
// (tongxin/fp_bits.h), so they are bit-exact on every host and target:
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
  __TX_FP_HD__ __half(double __f)
      : __x(__tx_fp::__to_f16(__tx_fp::__decode_f64(__f), __tx_fp::__rn)) {}
  __TX_FP_HD__ operator float() const { return __tx_fp::__f16_to_f32(__x); }
  __TX_FP_HD__ __half &operator=(float __f) {
    __x = __tx_fp::__f32_to_f16(__f, __tx_fp::__rn);
    return *this;
  }
  __TX_FP_HD__ __half &operator=(double __f) {
    __x = __tx_fp::__to_f16(__tx_fp::__decode_f64(__f), __tx_fp::__rn);
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
  return __mkh(__to_f16(__decode_f64(__f), __rn));
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

//===--- Arithmetic --------------------------------------------------------===//
// Sums, differences and products of two halves are exact in float (and an
// fma's in double, see __hfma), so one rounding to half is all there is.

__TX_FP_HD__ __half __hadd(const __half __a, const __half __b) {
  return __tx_fp::__fh(__tx_fp::__hf(__a) + __tx_fp::__hf(__b));
}
__TX_FP_HD__ __half __hsub(const __half __a, const __half __b) {
  return __tx_fp::__fh(__tx_fp::__hf(__a) - __tx_fp::__hf(__b));
}
__TX_FP_HD__ __half __hmul(const __half __a, const __half __b) {
  return __tx_fp::__fh(__tx_fp::__hf(__a) * __tx_fp::__hf(__b));
}
// The _rn forms only promise never to be contracted into an fma; ours never
// are, since each operation rounds to half before the next begins.
__TX_FP_HD__ __half __hadd_rn(const __half __a, const __half __b) {
  return __hadd(__a, __b);
}
__TX_FP_HD__ __half __hsub_rn(const __half __a, const __half __b) {
  return __hsub(__a, __b);
}
__TX_FP_HD__ __half __hmul_rn(const __half __a, const __half __b) {
  return __hmul(__a, __b);
}
// Float division then one rounding: float has more than 2*11+2 bits, so the
// double rounding is innocuous and the quotient is correctly rounded.
__TX_FP_HD__ __half __hdiv(const __half __a, const __half __b) {
  return __tx_fp::__fh(__tx_fp::__hf(__a) / __tx_fp::__hf(__b));
}
// a*b is exact in double, and a double fma rounded to half is a single
// correct rounding: a half midpoint needs bits the double result keeps.
__TX_FP_HD__ __half __hfma(const __half __a, const __half __b,
                           const __half __c) {
  return __tx_fp::__dh(__builtin_fma((double)__tx_fp::__hf(__a),
                                     (double)__tx_fp::__hf(__b),
                                     (double)__tx_fp::__hf(__c)));
}
__TX_FP_HD__ __half __hneg(const __half __a) {
  return __tx_fp::__mkh(__a.__x ^ 0x8000);
}
__TX_FP_HD__ __half __habs(const __half __a) {
  return __tx_fp::__mkh(__a.__x & 0x7fff);
}

namespace __tx_fp {
// Clamp to [0, 1]; NaN becomes +0, as CUDA's .sat modifier does.
__TX_FP_HD__ __half __hsat(__half __h) {
  if (__hnan(__h) || (__h.__x & 0x8000))
    return __mkh(0);
  return __h.__x > 0x3c00 ? __mkh(0x3c00) : __h;
}
__TX_FP_HD__ __half __hrelu(__half __h) {
  if (__hnan(__h))
    return __mkh(0x7fff);
  return (__h.__x & 0x8000) ? __mkh(0) : __h;
}
// CUDA's max/min: a NaN operand yields the other one (canonical NaN if
// both are), and +0 is greater than -0.
__TX_FP_HD__ __half __hmaxmin(__half __a, __half __b, bool __max, bool __nanp) {
  bool __na = __hnan(__a), __nb = __hnan(__b);
  if (__na || __nb) {
    if (__nanp || (__na && __nb))
      return __mkh(0x7fff);
    return __na ? __b : __a;
  }
  float __fa = __hf(__a), __fb = __hf(__b);
  if (__fa == __fb) // Equal, or zeros of opposite sign.
    return __mkh(__max ? (__a.__x & __b.__x) : (__a.__x | __b.__x));
  return (__fa > __fb) == __max ? __a : __b;
}
} // namespace __tx_fp

__TX_FP_HD__ __half __hadd_sat(const __half __a, const __half __b) {
  return __tx_fp::__hsat(__hadd(__a, __b));
}
__TX_FP_HD__ __half __hsub_sat(const __half __a, const __half __b) {
  return __tx_fp::__hsat(__hsub(__a, __b));
}
__TX_FP_HD__ __half __hmul_sat(const __half __a, const __half __b) {
  return __tx_fp::__hsat(__hmul(__a, __b));
}
__TX_FP_HD__ __half __hfma_sat(const __half __a, const __half __b,
                               const __half __c) {
  return __tx_fp::__hsat(__hfma(__a, __b, __c));
}
__TX_FP_HD__ __half __hfma_relu(const __half __a, const __half __b,
                                const __half __c) {
  return __tx_fp::__hrelu(__hfma(__a, __b, __c));
}
__TX_FP_HD__ __half __hmax(const __half __a, const __half __b) {
  return __tx_fp::__hmaxmin(__a, __b, true, false);
}
__TX_FP_HD__ __half __hmin(const __half __a, const __half __b) {
  return __tx_fp::__hmaxmin(__a, __b, false, false);
}
__TX_FP_HD__ __half __hmax_nan(const __half __a, const __half __b) {
  return __tx_fp::__hmaxmin(__a, __b, true, true);
}
__TX_FP_HD__ __half __hmin_nan(const __half __a, const __half __b) {
  return __tx_fp::__hmaxmin(__a, __b, false, true);
}

//===--- Comparisons -------------------------------------------------------===//

__TX_FP_HD__ bool __hisnan(const __half __a) { return __tx_fp::__hnan(__a); }
__TX_FP_HD__ int __hisinf(const __half __a) {
  return __a.__x == 0x7c00 ? 1 : __a.__x == 0xfc00 ? -1 : 0;
}

// Ordered comparisons (__hne included) are false with a NaN operand; the
// unordered (u) forms are true.
#define __TX_HCMP(NAME, OP)                                                    \
  __TX_FP_HD__ bool __h##NAME(const __half __a, const __half __b) {            \
    return !__tx_fp::__hnan(__a) && !__tx_fp::__hnan(__b) &&                     \
           (__tx_fp::__hf(__a) OP __tx_fp::__hf(__b));                         \
  }                                                                            \
  __TX_FP_HD__ bool __h##NAME##u(const __half __a, const __half __b) {         \
    return __tx_fp::__hnan(__a) || __tx_fp::__hnan(__b) ||                     \
           (__tx_fp::__hf(__a) OP __tx_fp::__hf(__b));                         \
  }
__TX_HCMP(eq, ==)
__TX_HCMP(ne, !=)
__TX_HCMP(lt, <)
__TX_HCMP(le, <=)
__TX_HCMP(gt, >)
__TX_HCMP(ge, >=)
#undef __TX_HCMP

//===--- Half math ---------------------------------------------------------===//
// Computed in float and rounded once to half. Within CUDA's documented
// error bounds; the rounding functions are exact.

#define __TX_HMATH(NAME, EXPR)                                                 \
  __TX_FP_HD__ __half NAME(const __half __a) {                                 \
    float __x = __tx_fp::__hf(__a);                                            \
    return __tx_fp::__fh(EXPR);                                                \
  }
__TX_HMATH(hsqrt, __builtin_sqrtf(__x))
__TX_HMATH(hrsqrt, 1.0f / __builtin_sqrtf(__x))
__TX_HMATH(hrcp, 1.0f / __x)
__TX_HMATH(hexp, __builtin_expf(__x))
__TX_HMATH(hexp2, __builtin_exp2f(__x))
__TX_HMATH(hexp10, __builtin_exp10f(__x))
__TX_HMATH(hlog, __builtin_logf(__x))
__TX_HMATH(hlog2, __builtin_log2f(__x))
__TX_HMATH(hlog10, __builtin_log10f(__x))
__TX_HMATH(hsin, __builtin_sinf(__x))
__TX_HMATH(hcos, __builtin_cosf(__x))
__TX_HMATH(htanh, __builtin_tanhf(__x))
__TX_HMATH(htanh_approx, __builtin_tanhf(__x))
__TX_HMATH(hceil, __builtin_ceilf(__x))
__TX_HMATH(hfloor, __builtin_floorf(__x))
__TX_HMATH(htrunc, __builtin_truncf(__x))
__TX_HMATH(hrint, __builtin_rintf(__x))
#undef __TX_HMATH

//===--- __half2: lane-wise forms ------------------------------------------===//

#define __TX_H2_UN(NAME, SCALAR)                                               \
  __TX_FP_HD__ __half2 NAME(const __half2 __a) {                               \
    return __half2(SCALAR(__a.x), SCALAR(__a.y));                              \
  }
#define __TX_H2_BIN(NAME, SCALAR)                                              \
  __TX_FP_HD__ __half2 NAME(const __half2 __a, const __half2 __b) {            \
    return __half2(SCALAR(__a.x, __b.x), SCALAR(__a.y, __b.y));                \
  }
#define __TX_H2_TER(NAME, SCALAR)                                              \
  __TX_FP_HD__ __half2 NAME(const __half2 __a, const __half2 __b,              \
                            const __half2 __c) {                               \
    return __half2(SCALAR(__a.x, __b.x, __c.x), SCALAR(__a.y, __b.y, __c.y));  \
  }
__TX_H2_BIN(__hadd2, __hadd)
__TX_H2_BIN(__hsub2, __hsub)
__TX_H2_BIN(__hmul2, __hmul)
__TX_H2_BIN(__hadd2_rn, __hadd)
__TX_H2_BIN(__hsub2_rn, __hsub)
__TX_H2_BIN(__hmul2_rn, __hmul)
__TX_H2_BIN(__h2div, __hdiv)
__TX_H2_BIN(__hadd2_sat, __hadd_sat)
__TX_H2_BIN(__hsub2_sat, __hsub_sat)
__TX_H2_BIN(__hmul2_sat, __hmul_sat)
__TX_H2_BIN(__hmax2, __hmax)
__TX_H2_BIN(__hmin2, __hmin)
__TX_H2_BIN(__hmax2_nan, __hmax_nan)
__TX_H2_BIN(__hmin2_nan, __hmin_nan)
__TX_H2_TER(__hfma2, __hfma)
__TX_H2_TER(__hfma2_sat, __hfma_sat)
__TX_H2_TER(__hfma2_relu, __hfma_relu)
__TX_H2_UN(__hneg2, __hneg)
__TX_H2_UN(__habs2, __habs)
__TX_H2_UN(h2sqrt, hsqrt)
__TX_H2_UN(h2rsqrt, hrsqrt)
__TX_H2_UN(h2rcp, hrcp)
__TX_H2_UN(h2exp, hexp)
__TX_H2_UN(h2exp2, hexp2)
__TX_H2_UN(h2exp10, hexp10)
__TX_H2_UN(h2log, hlog)
__TX_H2_UN(h2log2, hlog2)
__TX_H2_UN(h2log10, hlog10)
__TX_H2_UN(h2sin, hsin)
__TX_H2_UN(h2cos, hcos)
__TX_H2_UN(h2tanh, htanh)
__TX_H2_UN(h2tanh_approx, htanh_approx)
__TX_H2_UN(h2ceil, hceil)
__TX_H2_UN(h2floor, hfloor)
__TX_H2_UN(h2trunc, htrunc)
__TX_H2_UN(h2rint, hrint)
#undef __TX_H2_UN
#undef __TX_H2_BIN
#undef __TX_H2_TER

// Complex multiply-add: (a.x + i a.y) * (b.x + i b.y) + (c.x + i c.y).
__TX_FP_HD__ __half2 __hcmadd(const __half2 __a, const __half2 __b,
                              const __half2 __c) {
  __half __re = __hfma(__hneg(__a.y), __b.y, __hfma(__a.x, __b.x, __c.x));
  __half __im = __hfma(__a.y, __b.x, __hfma(__a.x, __b.y, __c.y));
  return __half2(__re, __im);
}

__TX_FP_HD__ __half2 __hisnan2(const __half2 __a) {
  return __half2(__tx_fp::__mkh(__hisnan(__a.x) ? 0x3c00 : 0),
                 __tx_fp::__mkh(__hisnan(__a.y) ? 0x3c00 : 0));
}

// Lane-wise comparisons: __hXX2 gives 1.0/0.0 per lane, __hXX2_mask gives
// 0xFFFF/0 per lane, __hbXX2 is true when both lanes are.
#define __TX_H2CMP(NAME)                                                       \
  __TX_FP_HD__ __half2 __h##NAME##2(const __half2 __a, const __half2 __b) {    \
    return __half2(__tx_fp::__mkh(__h##NAME(__a.x, __b.x) ? 0x3c00 : 0),       \
                   __tx_fp::__mkh(__h##NAME(__a.y, __b.y) ? 0x3c00 : 0));      \
  }                                                                            \
  __TX_FP_HD__ unsigned __h##NAME##2_mask(const __half2 __a,                   \
                                          const __half2 __b) {                 \
    return (__h##NAME(__a.x, __b.x) ? 0xffffu : 0u) |                          \
           (__h##NAME(__a.y, __b.y) ? 0xffff0000u : 0u);                       \
  }                                                                            \
  __TX_FP_HD__ bool __hb##NAME##2(const __half2 __a, const __half2 __b) {      \
    return __h##NAME(__a.x, __b.x) && __h##NAME(__a.y, __b.y);                 \
  }
__TX_H2CMP(eq)
__TX_H2CMP(ne)
__TX_H2CMP(lt)
__TX_H2CMP(le)
__TX_H2CMP(gt)
__TX_H2CMP(ge)
__TX_H2CMP(equ)
__TX_H2CMP(neu)
__TX_H2CMP(ltu)
__TX_H2CMP(leu)
__TX_H2CMP(gtu)
__TX_H2CMP(geu)
#undef __TX_H2CMP

//===--- Operators ---------------------------------------------------------===//

#define __TX_HOPS(T, ADD, SUB, MUL, DIV, NEG, EQ, NE, LT, LE, GT, GE)          \
  __TX_FP_HD__ T operator+(const T &__a, const T &__b) { return ADD(__a, __b); } \
  __TX_FP_HD__ T operator-(const T &__a, const T &__b) { return SUB(__a, __b); } \
  __TX_FP_HD__ T operator*(const T &__a, const T &__b) { return MUL(__a, __b); } \
  __TX_FP_HD__ T operator/(const T &__a, const T &__b) { return DIV(__a, __b); } \
  __TX_FP_HD__ T &operator+=(T &__a, const T &__b) { return __a = ADD(__a, __b); } \
  __TX_FP_HD__ T &operator-=(T &__a, const T &__b) { return __a = SUB(__a, __b); } \
  __TX_FP_HD__ T &operator*=(T &__a, const T &__b) { return __a = MUL(__a, __b); } \
  __TX_FP_HD__ T &operator/=(T &__a, const T &__b) { return __a = DIV(__a, __b); } \
  __TX_FP_HD__ T operator+(const T &__a) { return __a; }                       \
  __TX_FP_HD__ T operator-(const T &__a) { return NEG(__a); }                  \
  __TX_FP_HD__ bool operator==(const T &__a, const T &__b) { return EQ(__a, __b); } \
  __TX_FP_HD__ bool operator!=(const T &__a, const T &__b) { return NE(__a, __b); } \
  __TX_FP_HD__ bool operator<(const T &__a, const T &__b) { return LT(__a, __b); } \
  __TX_FP_HD__ bool operator<=(const T &__a, const T &__b) { return LE(__a, __b); } \
  __TX_FP_HD__ bool operator>(const T &__a, const T &__b) { return GT(__a, __b); } \
  __TX_FP_HD__ bool operator>=(const T &__a, const T &__b) { return GE(__a, __b); }

__TX_HOPS(__half, __hadd, __hsub, __hmul, __hdiv, __hneg, __heq, __hneu, __hlt,
          __hle, __hgt, __hge)
// CUDA's __half2 != is __hbneu2: true when both lanes differ or are unordered.
__TX_HOPS(__half2, __hadd2, __hsub2, __hmul2, __h2div, __hneg2, __hbeq2,
          __hbneu2, __hblt2, __hble2, __hbgt2, __hbge2)
#undef __TX_HOPS

__TX_FP_HD__ __half &operator++(__half &__h) {
  return __h = __hadd(__h, __tx_fp::__mkh(0x3c00));
}
__TX_FP_HD__ __half &operator--(__half &__h) {
  return __h = __hsub(__h, __tx_fp::__mkh(0x3c00));
}
__TX_FP_HD__ __half operator++(__half &__h, int) {
  __half __old = __h;
  ++__h;
  return __old;
}
__TX_FP_HD__ __half operator--(__half &__h, int) {
  __half __old = __h;
  --__h;
  return __old;
}
__TX_FP_HD__ __half2 &operator++(__half2 &__h) {
  return __h = __hadd2(__h, __half2(__tx_fp::__mkh(0x3c00), __tx_fp::__mkh(0x3c00)));
}
__TX_FP_HD__ __half2 &operator--(__half2 &__h) {
  return __h = __hsub2(__h, __half2(__tx_fp::__mkh(0x3c00), __tx_fp::__mkh(0x3c00)));
}
__TX_FP_HD__ __half2 operator++(__half2 &__h, int) {
  __half2 __old = __h;
  ++__h;
  return __old;
}
__TX_FP_HD__ __half2 operator--(__half2 &__h, int) {
  __half2 __old = __h;
  --__h;
  return __old;
}

//===--- Constants ---------------------------------------------------------===//

#define CUDART_INF_FP16 __ushort_as_half((unsigned short)0x7C00U)
#define CUDART_NAN_FP16 __ushort_as_half((unsigned short)0x7FFFU)
#define CUDART_MIN_DENORM_FP16 __ushort_as_half((unsigned short)0x0001U)
#define CUDART_MAX_NORMAL_FP16 __ushort_as_half((unsigned short)0x7BFFU)
#define CUDART_NEG_ZERO_FP16 __ushort_as_half((unsigned short)0x8000U)
#define CUDART_ZERO_FP16 __ushort_as_half((unsigned short)0x0000U)
#define CUDART_ONE_FP16 __ushort_as_half((unsigned short)0x3C00U)

//===--- Atomics (device code) ---------------------------------------------===//

#if defined(__CUDA__)
static __device__ __inline__ __half2 atomicAdd(__half2 *__address,
                                               __half2 __val) {
  unsigned __old = __tx_fp::__atomic_update32(
      (unsigned *)__address, [__val](unsigned __bits) {
        __half2 __cur = __builtin_bit_cast(__half2, __bits);
        return __builtin_bit_cast(unsigned, __hadd2(__cur, __val));
      });
  return __builtin_bit_cast(__half2, __old);
}
static __device__ __inline__ __half atomicAdd(__half *__address, __half __val) {
  unsigned short __old = __tx_fp::__atomic_update16(
      (unsigned short *)__address, [__val](unsigned short __bits) {
        return __hadd(__tx_fp::__mkh(__bits), __val).__x;
      });
  return __tx_fp::__mkh(__old);
}
#endif // __CUDA__

#endif // __cplusplus
#endif // TONGXIN_CUDA_FP16_H
