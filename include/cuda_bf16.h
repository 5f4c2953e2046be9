//===- cuda_bf16.h - CUDA bfloat16 (__nv_bfloat16, __nv_bfloat162) -*- C++ -*-===//
//
// Part of Tongxin. bfloat16 (8 exponent bits, 7 fraction bits: the top half
// of a float) as CUDA defines it: types, conversions with every rounding
// suffix, arithmetic, comparisons, math and atomics, with the same names
// (overloaded) as the half-precision ones. Everything is __host__
// __device__ (atomics device-only) and compiles with plain C++ too.
//
// Semantics follow sm_80+ hardware: each operation is rounded once to
// bfloat16, round-to-nearest-even; NaNs become the canonical 0x7FFF;
// subnormals are kept. Conversions are integer bit manipulation
// (tongxin/fp_bits.h), bit-exact on every host and target.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_BF16_H
#define TONGXIN_CUDA_BF16_H

#include "tongxin/fp_bits.h"
#include "vector_types.h" // float2

#define __CUDA_BF16_TYPES_EXIST__

//===--- Types -------------------------------------------------------------===//

typedef struct __nv_bfloat16_raw {
  unsigned short x;
} __nv_bfloat16_raw;

typedef struct __nv_bfloat162_raw {
  unsigned short x;
  unsigned short y;
} __nv_bfloat162_raw;

#ifdef __cplusplus

namespace __tx_fp {
__TX_FP_HD__ unsigned short __ll_to_bf16(long long __v, int __m) {
  return __to_bf16(__decode_int(__v < 0, __v < 0 ? 0ull - (unsigned long long)__v
                                                 : (unsigned long long)__v),
                   __m);
}
__TX_FP_HD__ unsigned short __ull_to_bf16(unsigned long long __v, int __m) {
  return __to_bf16(__decode_int(false, __v), __m);
}
} // namespace __tx_fp

struct __align__(2) __nv_bfloat16 {
  // Public, unlike CUDA's protected member (see __half in cuda_fp16.h).
  unsigned short __x;

  __nv_bfloat16() = default;
  __TX_FP_HD__ constexpr __nv_bfloat16(const __nv_bfloat16_raw &__r)
      : __x(__r.x) {}
  __TX_FP_HD__ __nv_bfloat16 &operator=(const __nv_bfloat16_raw &__r) {
    __x = __r.x;
    return *this;
  }
  __TX_FP_HD__ volatile __nv_bfloat16 &
  operator=(const __nv_bfloat16_raw &__r) volatile {
    __x = __r.x;
    return *this;
  }
  __TX_FP_HD__ operator __nv_bfloat16_raw() const {
    __nv_bfloat16_raw __r;
    __r.x = __x;
    return __r;
  }
  __TX_FP_HD__ operator __nv_bfloat16_raw() const volatile {
    __nv_bfloat16_raw __r;
    __r.x = __x;
    return __r;
  }

  __TX_FP_HD__ __nv_bfloat16(float __f)
      : __x(__tx_fp::__f32_to_bf16(__f, __tx_fp::__rn)) {}
  __TX_FP_HD__ __nv_bfloat16(double __f)
      : __x(__tx_fp::__to_bf16(__tx_fp::__decode_f64(__f), __tx_fp::__rn)) {}
  __TX_FP_HD__ operator float() const { return __tx_fp::__bf16_to_f32(__x); }
  __TX_FP_HD__ __nv_bfloat16 &operator=(float __f) {
    __x = __tx_fp::__f32_to_bf16(__f, __tx_fp::__rn);
    return *this;
  }
  __TX_FP_HD__ __nv_bfloat16 &operator=(double __f) {
    __x = __tx_fp::__to_bf16(__tx_fp::__decode_f64(__f), __tx_fp::__rn);
    return *this;
  }

#define __TX_BF16_INT(T, LO, HI, NAN)                                          \
  __TX_FP_HD__ __nv_bfloat16(T __v)                                            \
      : __x((LO) < 0 ? __tx_fp::__ll_to_bf16((long long)__v, __tx_fp::__rn)   \
                     : __tx_fp::__ull_to_bf16((unsigned long long)__v,         \
                                              __tx_fp::__rn)) {}               \
  __TX_FP_HD__ __nv_bfloat16 &operator=(T __v) {                               \
    return *this = __nv_bfloat16(__v);                                         \
  }                                                                            \
  __TX_FP_HD__ operator T() const {                                            \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__bf16_to_f32(__x),               \
                                    __tx_fp::__rz, (T)(LO), (T)(HI),           \
                                    (T)(NAN));                                 \
  }
  __TX_BF16_INT(short, -32768, 32767, 0)
  __TX_BF16_INT(unsigned short, 0, 65535, 0)
  __TX_BF16_INT(int, -2147483647 - 1, 2147483647, 0)
  __TX_BF16_INT(unsigned int, 0, 4294967295u, 0)
  __TX_BF16_INT(long, -9223372036854775807L - 1, 9223372036854775807L,
                -9223372036854775807L - 1)
  __TX_BF16_INT(unsigned long, 0, 18446744073709551615ul,
                0x8000000000000000ul)
  __TX_BF16_INT(long long, -9223372036854775807LL - 1, 9223372036854775807LL,
                -9223372036854775807LL - 1)
  __TX_BF16_INT(unsigned long long, 0, 18446744073709551615ull,
                0x8000000000000000ull)
#undef __TX_BF16_INT
  __TX_FP_HD__ operator signed char() const {
    return __tx_fp::__f32_to_int<signed char>(__tx_fp::__bf16_to_f32(__x),
                                              __tx_fp::__rz, -128, 127, 0);
  }
  __TX_FP_HD__ operator unsigned char() const {
    return __tx_fp::__f32_to_int<unsigned char>(__tx_fp::__bf16_to_f32(__x),
                                                __tx_fp::__rz, 0, 255, 0);
  }
  __TX_FP_HD__ operator char() const {
    return (char)__tx_fp::__f32_to_int<signed char>(
        __tx_fp::__bf16_to_f32(__x), __tx_fp::__rz, -128, 127, 0);
  }
  __TX_FP_HD__ operator bool() const { return (__x & 0x7fff) != 0; }
};

struct __align__(4) __nv_bfloat162 {
  __nv_bfloat16 x;
  __nv_bfloat16 y;

  __nv_bfloat162() = default;
  __TX_FP_HD__ constexpr __nv_bfloat162(const __nv_bfloat16 &__a,
                                        const __nv_bfloat16 &__b)
      : x(__a), y(__b) {}
  __TX_FP_HD__ __nv_bfloat162(const __nv_bfloat162_raw &__r) {
    x.__x = __r.x;
    y.__x = __r.y;
  }
  __TX_FP_HD__ __nv_bfloat162 &operator=(const __nv_bfloat162_raw &__r) {
    x.__x = __r.x;
    y.__x = __r.y;
    return *this;
  }
  __TX_FP_HD__ operator __nv_bfloat162_raw() const {
    __nv_bfloat162_raw __r;
    __r.x = x.__x;
    __r.y = y.__x;
    return __r;
  }
};

static_assert(sizeof(__nv_bfloat16) == 2 && alignof(__nv_bfloat16) == 2,
              "__nv_bfloat16 layout");
static_assert(sizeof(__nv_bfloat162) == 4 && alignof(__nv_bfloat162) == 4,
              "__nv_bfloat162 layout");

typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat162 nv_bfloat162;

namespace __tx_fp {
__TX_FP_HD__ __nv_bfloat16 __mkb(unsigned short __b) {
  __nv_bfloat16 __h;
  __h.__x = __b;
  return __h;
}
__TX_FP_HD__ float __bf(__nv_bfloat16 __h) { return __bf16_to_f32(__h.__x); }
__TX_FP_HD__ __nv_bfloat16 __fb(float __f) {
  return __mkb(__f32_to_bf16(__f, __rn));
}
__TX_FP_HD__ __nv_bfloat16 __db(double __f) {
  return __mkb(__to_bf16(__decode_f64(__f), __rn));
}
__TX_FP_HD__ bool __bnan(__nv_bfloat16 __h) {
  return (__h.__x & 0x7fff) > 0x7f80;
}
} // namespace __tx_fp

//===--- Bit reinterpretation and construction -----------------------------===//

__TX_FP_HD__ short __bfloat16_as_short(const __nv_bfloat16 __h) {
  return (short)__h.__x;
}
__TX_FP_HD__ unsigned short __bfloat16_as_ushort(const __nv_bfloat16 __h) {
  return __h.__x;
}
__TX_FP_HD__ __nv_bfloat16 __short_as_bfloat16(const short __i) {
  return __tx_fp::__mkb((unsigned short)__i);
}
__TX_FP_HD__ __nv_bfloat16 __ushort_as_bfloat16(const unsigned short __i) {
  return __tx_fp::__mkb(__i);
}
__TX_FP_HD__ __nv_bfloat162 make_bfloat162(const __nv_bfloat16 __x,
                                           const __nv_bfloat16 __y) {
  return __nv_bfloat162(__x, __y);
}
__TX_FP_HD__ __nv_bfloat162 __halves2bfloat162(const __nv_bfloat16 __a,
                                               const __nv_bfloat16 __b) {
  return __nv_bfloat162(__a, __b);
}
__TX_FP_HD__ __nv_bfloat162 __bfloat162bfloat162(const __nv_bfloat16 __a) {
  return __nv_bfloat162(__a, __a);
}
__TX_FP_HD__ __nv_bfloat16 __low2bfloat16(const __nv_bfloat162 __a) {
  return __a.x;
}
__TX_FP_HD__ __nv_bfloat16 __high2bfloat16(const __nv_bfloat162 __a) {
  return __a.y;
}
__TX_FP_HD__ __nv_bfloat162 __low2bfloat162(const __nv_bfloat162 __a) {
  return __nv_bfloat162(__a.x, __a.x);
}
__TX_FP_HD__ __nv_bfloat162 __high2bfloat162(const __nv_bfloat162 __a) {
  return __nv_bfloat162(__a.y, __a.y);
}
__TX_FP_HD__ __nv_bfloat162 __lows2bfloat162(const __nv_bfloat162 __a,
                                             const __nv_bfloat162 __b) {
  return __nv_bfloat162(__a.x, __b.x);
}
__TX_FP_HD__ __nv_bfloat162 __highs2bfloat162(const __nv_bfloat162 __a,
                                              const __nv_bfloat162 __b) {
  return __nv_bfloat162(__a.y, __b.y);
}
__TX_FP_HD__ __nv_bfloat162 __lowhigh2highlow(const __nv_bfloat162 __a) {
  return __nv_bfloat162(__a.y, __a.x);
}

//===--- Floating-point conversions ----------------------------------------===//

__TX_FP_HD__ float __bfloat162float(const __nv_bfloat16 __a) {
  return __tx_fp::__bf(__a);
}
__TX_FP_HD__ float __low2float(const __nv_bfloat162 __a) {
  return __tx_fp::__bf(__a.x);
}
__TX_FP_HD__ float __high2float(const __nv_bfloat162 __a) {
  return __tx_fp::__bf(__a.y);
}
__TX_FP_HD__ float2 __bfloat1622float2(const __nv_bfloat162 __a) {
  float2 __r;
  __r.x = __tx_fp::__bf(__a.x);
  __r.y = __tx_fp::__bf(__a.y);
  return __r;
}
__TX_FP_HD__ __nv_bfloat16 __float2bfloat16(const float __a) {
  return __tx_fp::__fb(__a);
}
#define __TX_F2B(SUFFIX, MODE)                                                 \
  __TX_FP_HD__ __nv_bfloat16 __float2bfloat16##SUFFIX(const float __a) {       \
    return __tx_fp::__mkb(__tx_fp::__f32_to_bf16(__a, __tx_fp::MODE));         \
  }
__TX_F2B(_rn, __rn)
__TX_F2B(_rz, __rz)
__TX_F2B(_rd, __rd)
__TX_F2B(_ru, __ru)
#undef __TX_F2B
__TX_FP_HD__ __nv_bfloat16 __double2bfloat16(const double __a) {
  return __tx_fp::__db(__a);
}
__TX_FP_HD__ __nv_bfloat162 __float2bfloat162_rn(const float __a) {
  __nv_bfloat16 __h = __tx_fp::__fb(__a);
  return __nv_bfloat162(__h, __h);
}
__TX_FP_HD__ __nv_bfloat162 __floats2bfloat162_rn(const float __a,
                                                  const float __b) {
  return __nv_bfloat162(__tx_fp::__fb(__a), __tx_fp::__fb(__b));
}
__TX_FP_HD__ __nv_bfloat162 __float22bfloat162_rn(const float2 __a) {
  return __nv_bfloat162(__tx_fp::__fb(__a.x), __tx_fp::__fb(__a.y));
}

//===--- Integer conversions -----------------------------------------------===//
// bfloat16 to integer: NaN gives 0 (0x8000000000000000 for the 64-bit
// forms), out-of-range values saturate. Integer to bfloat16: one rounding.

#define __TX_B2I(NAME, T, LO, HI, NAN)                                         \
  __TX_FP_HD__ T __bfloat162##NAME##_rn(const __nv_bfloat16 __h) {             \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__bf(__h), __tx_fp::__rn, LO, HI, \
                                    NAN);                                      \
  }                                                                            \
  __TX_FP_HD__ T __bfloat162##NAME##_rz(const __nv_bfloat16 __h) {             \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__bf(__h), __tx_fp::__rz, LO, HI, \
                                    NAN);                                      \
  }                                                                            \
  __TX_FP_HD__ T __bfloat162##NAME##_rd(const __nv_bfloat16 __h) {             \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__bf(__h), __tx_fp::__rd, LO, HI, \
                                    NAN);                                      \
  }                                                                            \
  __TX_FP_HD__ T __bfloat162##NAME##_ru(const __nv_bfloat16 __h) {             \
    return __tx_fp::__f32_to_int<T>(__tx_fp::__bf(__h), __tx_fp::__ru, LO, HI, \
                                    NAN);                                      \
  }
__TX_B2I(short, short, -32768, 32767, 0)
__TX_B2I(ushort, unsigned short, 0, 65535, 0)
__TX_B2I(int, int, -2147483647 - 1, 2147483647, 0)
__TX_B2I(uint, unsigned int, 0u, 4294967295u, 0u)
__TX_B2I(ll, long long, -9223372036854775807LL - 1, 9223372036854775807LL,
         -9223372036854775807LL - 1)
__TX_B2I(ull, unsigned long long, 0ull, 18446744073709551615ull,
         0x8000000000000000ull)
#undef __TX_B2I
__TX_FP_HD__ signed char __bfloat162char_rz(const __nv_bfloat16 __h) {
  return __tx_fp::__f32_to_int<signed char>(__tx_fp::__bf(__h), __tx_fp::__rz,
                                            -128, 127, 0);
}
__TX_FP_HD__ unsigned char __bfloat162uchar_rz(const __nv_bfloat16 __h) {
  return __tx_fp::__f32_to_int<unsigned char>(__tx_fp::__bf(__h),
                                              __tx_fp::__rz, 0, 255, 0);
}

#define __TX_I2B(NAME, T, CONV)                                                \
  __TX_FP_HD__ __nv_bfloat16 __##NAME##2bfloat16_rn(const T __i) {             \
    return __tx_fp::__mkb(__tx_fp::CONV(__i, __tx_fp::__rn));                  \
  }                                                                            \
  __TX_FP_HD__ __nv_bfloat16 __##NAME##2bfloat16_rz(const T __i) {             \
    return __tx_fp::__mkb(__tx_fp::CONV(__i, __tx_fp::__rz));                  \
  }                                                                            \
  __TX_FP_HD__ __nv_bfloat16 __##NAME##2bfloat16_rd(const T __i) {             \
    return __tx_fp::__mkb(__tx_fp::CONV(__i, __tx_fp::__rd));                  \
  }                                                                            \
  __TX_FP_HD__ __nv_bfloat16 __##NAME##2bfloat16_ru(const T __i) {             \
    return __tx_fp::__mkb(__tx_fp::CONV(__i, __tx_fp::__ru));                  \
  }
__TX_I2B(short, short, __ll_to_bf16)
__TX_I2B(ushort, unsigned short, __ull_to_bf16)
__TX_I2B(int, int, __ll_to_bf16)
__TX_I2B(uint, unsigned int, __ull_to_bf16)
__TX_I2B(ll, long long, __ll_to_bf16)
__TX_I2B(ull, unsigned long long, __ull_to_bf16)
#undef __TX_I2B

//===--- Arithmetic --------------------------------------------------------===//
// Computed in float (an fma in double) and rounded once to bfloat16: float
// has more than 2*8+2 significand bits, so for +, -, * and / that double
// rounding equals the single rounding sm_80+ hardware performs.

__TX_FP_HD__ __nv_bfloat16 __hadd(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__fb(__tx_fp::__bf(__a) + __tx_fp::__bf(__b));
}
__TX_FP_HD__ __nv_bfloat16 __hsub(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__fb(__tx_fp::__bf(__a) - __tx_fp::__bf(__b));
}
__TX_FP_HD__ __nv_bfloat16 __hmul(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__fb(__tx_fp::__bf(__a) * __tx_fp::__bf(__b));
}
// The _rn forms only promise never to be contracted into an fma; ours never
// are, since each operation rounds to bfloat16 before the next begins.
__TX_FP_HD__ __nv_bfloat16 __hadd_rn(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __hadd(__a, __b);
}
__TX_FP_HD__ __nv_bfloat16 __hsub_rn(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __hsub(__a, __b);
}
__TX_FP_HD__ __nv_bfloat16 __hmul_rn(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __hmul(__a, __b);
}
__TX_FP_HD__ __nv_bfloat16 __hdiv(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__fb(__tx_fp::__bf(__a) / __tx_fp::__bf(__b));
}
// a*b is exact in double, and a double fma rounded to bfloat16 is a single
// correct rounding: a bfloat16 midpoint needs bits the double result keeps.
__TX_FP_HD__ __nv_bfloat16 __hfma(const __nv_bfloat16 __a, const __nv_bfloat16 __b,
                           const __nv_bfloat16 __c) {
  return __tx_fp::__db(__builtin_fma((double)__tx_fp::__bf(__a),
                                     (double)__tx_fp::__bf(__b),
                                     (double)__tx_fp::__bf(__c)));
}
__TX_FP_HD__ __nv_bfloat16 __hneg(const __nv_bfloat16 __a) {
  return __tx_fp::__mkb(__a.__x ^ 0x8000);
}
__TX_FP_HD__ __nv_bfloat16 __habs(const __nv_bfloat16 __a) {
  return __tx_fp::__mkb(__a.__x & 0x7fff);
}

namespace __tx_fp {
// Clamp to [0, 1]; NaN becomes +0, as CUDA's .sat modifier does.
__TX_FP_HD__ __nv_bfloat16 __hsat(__nv_bfloat16 __h) {
  if (__bnan(__h) || (__h.__x & 0x8000))
    return __mkb(0);
  return __h.__x > 0x3f80 ? __mkb(0x3f80) : __h;
}
__TX_FP_HD__ __nv_bfloat16 __hrelu(__nv_bfloat16 __h) {
  if (__bnan(__h))
    return __mkb(0x7fff);
  return (__h.__x & 0x8000) ? __mkb(0) : __h;
}
// CUDA's max/min: a NaN operand yields the other one (canonical NaN if
// both are), and +0 is greater than -0.
__TX_FP_HD__ __nv_bfloat16 __hmaxmin(__nv_bfloat16 __a, __nv_bfloat16 __b, bool __max, bool __nanp) {
  bool __na = __bnan(__a), __nb = __bnan(__b);
  if (__na || __nb) {
    if (__nanp || (__na && __nb))
      return __mkb(0x7fff);
    return __na ? __b : __a;
  }
  float __fa = __bf(__a), __fb = __bf(__b);
  if (__fa == __fb) // Equal, or zeros of opposite sign.
    return __mkb(__max ? (__a.__x & __b.__x) : (__a.__x | __b.__x));
  return (__fa > __fb) == __max ? __a : __b;
}
} // namespace __tx_fp

__TX_FP_HD__ __nv_bfloat16 __hadd_sat(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__hsat(__hadd(__a, __b));
}
__TX_FP_HD__ __nv_bfloat16 __hsub_sat(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__hsat(__hsub(__a, __b));
}
__TX_FP_HD__ __nv_bfloat16 __hmul_sat(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__hsat(__hmul(__a, __b));
}
__TX_FP_HD__ __nv_bfloat16 __hfma_sat(const __nv_bfloat16 __a, const __nv_bfloat16 __b,
                               const __nv_bfloat16 __c) {
  return __tx_fp::__hsat(__hfma(__a, __b, __c));
}
__TX_FP_HD__ __nv_bfloat16 __hfma_relu(const __nv_bfloat16 __a, const __nv_bfloat16 __b,
                                const __nv_bfloat16 __c) {
  return __tx_fp::__hrelu(__hfma(__a, __b, __c));
}
__TX_FP_HD__ __nv_bfloat16 __hmax(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__hmaxmin(__a, __b, true, false);
}
__TX_FP_HD__ __nv_bfloat16 __hmin(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__hmaxmin(__a, __b, false, false);
}
__TX_FP_HD__ __nv_bfloat16 __hmax_nan(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__hmaxmin(__a, __b, true, true);
}
__TX_FP_HD__ __nv_bfloat16 __hmin_nan(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {
  return __tx_fp::__hmaxmin(__a, __b, false, true);
}

//===--- Comparisons -------------------------------------------------------===//

__TX_FP_HD__ bool __hisnan(const __nv_bfloat16 __a) { return __tx_fp::__bnan(__a); }
__TX_FP_HD__ int __hisinf(const __nv_bfloat16 __a) {
  return __a.__x == 0x7f80 ? 1 : __a.__x == 0xff80 ? -1 : 0;
}

// Ordered comparisons (__hne included) are false with a NaN operand; the
// unordered (u) forms are true.
#define __TX_BCMP(NAME, OP)                                                    \
  __TX_FP_HD__ bool __h##NAME(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {            \
    return !__tx_fp::__bnan(__a) && !__tx_fp::__bnan(__b) &&                     \
           (__tx_fp::__bf(__a) OP __tx_fp::__bf(__b));                         \
  }                                                                            \
  __TX_FP_HD__ bool __h##NAME##u(const __nv_bfloat16 __a, const __nv_bfloat16 __b) {         \
    return __tx_fp::__bnan(__a) || __tx_fp::__bnan(__b) ||                     \
           (__tx_fp::__bf(__a) OP __tx_fp::__bf(__b));                         \
  }
__TX_BCMP(eq, ==)
__TX_BCMP(ne, !=)
__TX_BCMP(lt, <)
__TX_BCMP(le, <=)
__TX_BCMP(gt, >)
__TX_BCMP(ge, >=)
#undef __TX_BCMP

//===--- bfloat16 math -----------------------------------------------------===//
// Computed in float and rounded once to bfloat16. Within CUDA's documented
// error bounds; the rounding functions are exact.

#define __TX_BMATH(NAME, EXPR)                                                 \
  __TX_FP_HD__ __nv_bfloat16 NAME(const __nv_bfloat16 __a) {                                 \
    float __x = __tx_fp::__bf(__a);                                            \
    return __tx_fp::__fb(EXPR);                                                \
  }
__TX_BMATH(hsqrt, __builtin_sqrtf(__x))
__TX_BMATH(hrsqrt, 1.0f / __builtin_sqrtf(__x))
__TX_BMATH(hrcp, 1.0f / __x)
__TX_BMATH(hexp, __builtin_expf(__x))
__TX_BMATH(hexp2, __builtin_exp2f(__x))
__TX_BMATH(hexp10, __builtin_exp10f(__x))
__TX_BMATH(hlog, __builtin_logf(__x))
__TX_BMATH(hlog2, __builtin_log2f(__x))
__TX_BMATH(hlog10, __builtin_log10f(__x))
__TX_BMATH(hsin, __builtin_sinf(__x))
__TX_BMATH(hcos, __builtin_cosf(__x))
__TX_BMATH(htanh, __builtin_tanhf(__x))
__TX_BMATH(htanh_approx, __builtin_tanhf(__x))
__TX_BMATH(hceil, __builtin_ceilf(__x))
__TX_BMATH(hfloor, __builtin_floorf(__x))
__TX_BMATH(htrunc, __builtin_truncf(__x))
__TX_BMATH(hrint, __builtin_rintf(__x))
#undef __TX_BMATH

//===--- __nv_bfloat162: lane-wise forms ----------------------------------===//

#define __TX_B2_UN(NAME, SCALAR)                                               \
  __TX_FP_HD__ __nv_bfloat162 NAME(const __nv_bfloat162 __a) {                               \
    return __nv_bfloat162(SCALAR(__a.x), SCALAR(__a.y));                              \
  }
#define __TX_B2_BIN(NAME, SCALAR)                                              \
  __TX_FP_HD__ __nv_bfloat162 NAME(const __nv_bfloat162 __a, const __nv_bfloat162 __b) {            \
    return __nv_bfloat162(SCALAR(__a.x, __b.x), SCALAR(__a.y, __b.y));                \
  }
#define __TX_B2_TER(NAME, SCALAR)                                              \
  __TX_FP_HD__ __nv_bfloat162 NAME(const __nv_bfloat162 __a, const __nv_bfloat162 __b,              \
                            const __nv_bfloat162 __c) {                               \
    return __nv_bfloat162(SCALAR(__a.x, __b.x, __c.x), SCALAR(__a.y, __b.y, __c.y));  \
  }
__TX_B2_BIN(__hadd2, __hadd)
__TX_B2_BIN(__hsub2, __hsub)
__TX_B2_BIN(__hmul2, __hmul)
__TX_B2_BIN(__hadd2_rn, __hadd)
__TX_B2_BIN(__hsub2_rn, __hsub)
__TX_B2_BIN(__hmul2_rn, __hmul)
__TX_B2_BIN(__h2div, __hdiv)
__TX_B2_BIN(__hadd2_sat, __hadd_sat)
__TX_B2_BIN(__hsub2_sat, __hsub_sat)
__TX_B2_BIN(__hmul2_sat, __hmul_sat)
__TX_B2_BIN(__hmax2, __hmax)
__TX_B2_BIN(__hmin2, __hmin)
__TX_B2_BIN(__hmax2_nan, __hmax_nan)
__TX_B2_BIN(__hmin2_nan, __hmin_nan)
__TX_B2_TER(__hfma2, __hfma)
__TX_B2_TER(__hfma2_sat, __hfma_sat)
__TX_B2_TER(__hfma2_relu, __hfma_relu)
__TX_B2_UN(__hneg2, __hneg)
__TX_B2_UN(__habs2, __habs)
__TX_B2_UN(h2sqrt, hsqrt)
__TX_B2_UN(h2rsqrt, hrsqrt)
__TX_B2_UN(h2rcp, hrcp)
__TX_B2_UN(h2exp, hexp)
__TX_B2_UN(h2exp2, hexp2)
__TX_B2_UN(h2exp10, hexp10)
__TX_B2_UN(h2log, hlog)
__TX_B2_UN(h2log2, hlog2)
__TX_B2_UN(h2log10, hlog10)
__TX_B2_UN(h2sin, hsin)
__TX_B2_UN(h2cos, hcos)
__TX_B2_UN(h2tanh, htanh)
__TX_B2_UN(h2tanh_approx, htanh_approx)
__TX_B2_UN(h2ceil, hceil)
__TX_B2_UN(h2floor, hfloor)
__TX_B2_UN(h2trunc, htrunc)
__TX_B2_UN(h2rint, hrint)

// Complex multiply-add: (a.x + i a.y) * (b.x + i b.y) + (c.x + i c.y).
__TX_FP_HD__ __nv_bfloat162 __hcmadd(const __nv_bfloat162 __a, const __nv_bfloat162 __b,
                              const __nv_bfloat162 __c) {
  __nv_bfloat16 __re = __hfma(__hneg(__a.y), __b.y, __hfma(__a.x, __b.x, __c.x));
  __nv_bfloat16 __im = __hfma(__a.y, __b.x, __hfma(__a.x, __b.y, __c.y));
  return __nv_bfloat162(__re, __im);
}

__TX_FP_HD__ __nv_bfloat162 __hisnan2(const __nv_bfloat162 __a) {
  return __nv_bfloat162(__tx_fp::__mkb(__hisnan(__a.x) ? 0x3f80 : 0),
                 __tx_fp::__mkb(__hisnan(__a.y) ? 0x3f80 : 0));
}

// Lane-wise comparisons: __hXX2 gives 1.0/0.0 per lane, __hXX2_mask gives
// 0xFFFF/0 per lane, __hbXX2 is true when both lanes are.
#define __TX_B2CMP(NAME)                                                       \
  __TX_FP_HD__ __nv_bfloat162 __h##NAME##2(const __nv_bfloat162 __a, const __nv_bfloat162 __b) {    \
    return __nv_bfloat162(__tx_fp::__mkb(__h##NAME(__a.x, __b.x) ? 0x3f80 : 0),       \
                   __tx_fp::__mkb(__h##NAME(__a.y, __b.y) ? 0x3f80 : 0));      \
  }                                                                            \
  __TX_FP_HD__ unsigned __h##NAME##2_mask(const __nv_bfloat162 __a,                   \
                                          const __nv_bfloat162 __b) {                 \
    return (__h##NAME(__a.x, __b.x) ? 0xffffu : 0u) |                          \
           (__h##NAME(__a.y, __b.y) ? 0xffff0000u : 0u);                       \
  }                                                                            \
  __TX_FP_HD__ bool __hb##NAME##2(const __nv_bfloat162 __a, const __nv_bfloat162 __b) {      \
    return __h##NAME(__a.x, __b.x) && __h##NAME(__a.y, __b.y);                 \
  }
__TX_B2CMP(eq)
__TX_B2CMP(ne)
__TX_B2CMP(lt)
__TX_B2CMP(le)
__TX_B2CMP(gt)
__TX_B2CMP(ge)
__TX_B2CMP(equ)
__TX_B2CMP(neu)
__TX_B2CMP(ltu)
__TX_B2CMP(leu)
__TX_B2CMP(gtu)
__TX_B2CMP(geu)
#undef __TX_B2CMP

//===--- Operators ---------------------------------------------------------===//

#define __TX_BOPS(T, ADD, SUB, MUL, DIV, NEG, EQ, NE, LT, LE, GT, GE)          \
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

__TX_BOPS(__nv_bfloat16, __hadd, __hsub, __hmul, __hdiv, __hneg, __heq, __hneu, __hlt,
          __hle, __hgt, __hge)
// CUDA's __nv_bfloat162 != is __hbneu2: true when both lanes differ or are unordered.
__TX_BOPS(__nv_bfloat162, __hadd2, __hsub2, __hmul2, __h2div, __hneg2, __hbeq2,
          __hbneu2, __hblt2, __hble2, __hbgt2, __hbge2)

__TX_FP_HD__ __nv_bfloat16 &operator++(__nv_bfloat16 &__h) {
  return __h = __hadd(__h, __tx_fp::__mkb(0x3f80));
}
__TX_FP_HD__ __nv_bfloat16 &operator--(__nv_bfloat16 &__h) {
  return __h = __hsub(__h, __tx_fp::__mkb(0x3f80));
}
__TX_FP_HD__ __nv_bfloat16 operator++(__nv_bfloat16 &__h, int) {
  __nv_bfloat16 __old = __h;
  ++__h;
  return __old;
}
__TX_FP_HD__ __nv_bfloat16 operator--(__nv_bfloat16 &__h, int) {
  __nv_bfloat16 __old = __h;
  --__h;
  return __old;
}
__TX_FP_HD__ __nv_bfloat162 &operator++(__nv_bfloat162 &__h) {
  return __h = __hadd2(__h, __nv_bfloat162(__tx_fp::__mkb(0x3f80), __tx_fp::__mkb(0x3f80)));
}
__TX_FP_HD__ __nv_bfloat162 &operator--(__nv_bfloat162 &__h) {
  return __h = __hsub2(__h, __nv_bfloat162(__tx_fp::__mkb(0x3f80), __tx_fp::__mkb(0x3f80)));
}
__TX_FP_HD__ __nv_bfloat162 operator++(__nv_bfloat162 &__h, int) {
  __nv_bfloat162 __old = __h;
  ++__h;
  return __old;
}
__TX_FP_HD__ __nv_bfloat162 operator--(__nv_bfloat162 &__h, int) {
  __nv_bfloat162 __old = __h;
  --__h;
  return __old;
}

//===--- Constants ---------------------------------------------------------===//

#define CUDART_INF_BF16 __ushort_as_bfloat16((unsigned short)0x7F80U)
#define CUDART_NAN_BF16 __ushort_as_bfloat16((unsigned short)0x7FFFU)
#define CUDART_MIN_DENORM_BF16 __ushort_as_bfloat16((unsigned short)0x0001U)
#define CUDART_MAX_NORMAL_BF16 __ushort_as_bfloat16((unsigned short)0x7F7FU)
#define CUDART_NEG_ZERO_BF16 __ushort_as_bfloat16((unsigned short)0x8000U)
#define CUDART_ZERO_BF16 __ushort_as_bfloat16((unsigned short)0x0000U)
#define CUDART_ONE_BF16 __ushort_as_bfloat16((unsigned short)0x3F80U)

//===--- Atomics (device code) ---------------------------------------------===//

#if defined(__CUDA__)
static __device__ __inline__ __nv_bfloat162 atomicAdd(__nv_bfloat162 *__address,
                                               __nv_bfloat162 __val) {
  unsigned __old = __tx_fp::__atomic_update32(
      (unsigned *)__address, [__val](unsigned __bits) {
        __nv_bfloat162 __cur = __builtin_bit_cast(__nv_bfloat162, __bits);
        return __builtin_bit_cast(unsigned, __hadd2(__cur, __val));
      });
  return __builtin_bit_cast(__nv_bfloat162, __old);
}
static __device__ __inline__ __nv_bfloat16 atomicAdd(__nv_bfloat16 *__address, __nv_bfloat16 __val) {
  unsigned short __old = __tx_fp::__atomic_update16(
      (unsigned short *)__address, [__val](unsigned short __bits) {
        return __hadd(__tx_fp::__mkb(__bits), __val).__x;
      });
  return __tx_fp::__mkb(__old);
}
#endif // __CUDA__

#endif // __cplusplus
#endif // TONGXIN_CUDA_BF16_H
