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

#include "cuda_fp16.h" // __half, for the conversions between the two
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
      : __x(__tx_fp::__f64_to_bf16_rn(__f)) {}
  // Round to nearest even (half -> float is exact: one rounding).
  explicit __TX_FP_HD__ __nv_bfloat16(const __half __h)
      : __x(__tx_fp::__f32_to_bf16(__tx_fp::__f16_to_f32(__h.__x),
                                   __tx_fp::__rn)) {}
  __TX_FP_HD__ operator float() const { return __tx_fp::__bf16_to_f32(__x); }
  __TX_FP_HD__ __nv_bfloat16 &operator=(float __f) {
    __x = __tx_fp::__f32_to_bf16(__f, __tx_fp::__rn);
    return *this;
  }
  __TX_FP_HD__ __nv_bfloat16 &operator=(double __f) {
    __x = __tx_fp::__f64_to_bf16_rn(__f);
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

__TX_FP_HD__ __half::__half(const __nv_bfloat16 __b)
    : __x(__tx_fp::__f32_to_f16(__tx_fp::__bf16_to_f32(__b.__x),
                                __tx_fp::__rn)) {}

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
  return __mkb(__f64_to_bf16_rn(__f));
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

//===--- Arithmetic, comparisons, math, operators, atomics ----------------===//
// Shared with cuda_fp16.h: tongxin/fp16_ops.h writes them once, for the
// types and encoding helpers named here, and #undefs these macros.

#define __TX_H __nv_bfloat16
#define __TX_H2 __nv_bfloat162
#define __TX_H_MK __tx_fp::__mkb
#define __TX_H_F __tx_fp::__bf
#define __TX_H_FROMF __tx_fp::__fb
#define __TX_H_FROMD __tx_fp::__db
#define __TX_H_NAN __tx_fp::__bnan
#define __TX_H_ONE 0x3f80
#define __TX_H_INF 0x7f80
#include "tongxin/fp16_ops.h"

//===--- Constants ---------------------------------------------------------===//

#define CUDART_INF_BF16 __ushort_as_bfloat16((unsigned short)0x7F80U)
#define CUDART_NAN_BF16 __ushort_as_bfloat16((unsigned short)0x7FFFU)
#define CUDART_MIN_DENORM_BF16 __ushort_as_bfloat16((unsigned short)0x0001U)
#define CUDART_MAX_NORMAL_BF16 __ushort_as_bfloat16((unsigned short)0x7F7FU)
#define CUDART_NEG_ZERO_BF16 __ushort_as_bfloat16((unsigned short)0x8000U)
#define CUDART_ZERO_BF16 __ushort_as_bfloat16((unsigned short)0x0000U)
#define CUDART_ONE_BF16 __ushort_as_bfloat16((unsigned short)0x3F80U)

#endif // __cplusplus
#endif // TONGXIN_CUDA_BF16_H
