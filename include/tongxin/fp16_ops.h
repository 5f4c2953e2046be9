//===- tongxin/fp16_ops.h - Shared half and bfloat16 operations -*- C++ -*-===//
//
// Part of Tongxin. The arithmetic, comparisons, math, lane-wise pair forms,
// operators and atomics that cuda_fp16.h and cuda_bf16.h both provide, with
// the same (overloaded) names for either type. The two types differ only in
// how their 16 bits encode a value, so this block is written once and
// included once by each header, after it has defined its types and:
//
//   __TX_H         the scalar type (__half, __nv_bfloat16)
//   __TX_H2        the pair type (__half2, __nv_bfloat162)
//   __TX_H_MK      unsigned short bits -> __TX_H
//   __TX_H_F       __TX_H -> float (exact)
//   __TX_H_FROMF   float -> __TX_H, round-to-nearest-even
//   __TX_H_FROMD   double -> __TX_H, round-to-nearest-even
//   __TX_H_NAN     __TX_H -> bool, true for a NaN
//   __TX_H_ONE     the bits of 1.0
//   __TX_H_INF     the bits of +infinity
//
// The result is ordinary non-template overloads, exactly as if each header
// spelled them out. There is deliberately no include guard; this file
// #undefs those macros (and its own) at the end. Not for direct inclusion.
//
//===----------------------------------------------------------------------===//

#if !defined(__TX_H) || !defined(__TX_H2)
#error "tongxin/fp16_ops.h is included by cuda_fp16.h and cuda_bf16.h only"
#endif

//===--- Arithmetic --------------------------------------------------------===//
// Computed in float (an fma in double) and rounded once: sums, differences
// and products of two halves or two bfloat16s are exact in float, and float
// has more than 2*p+2 significand bits (p = 11 or 8), so the quotient's
// double rounding is innocuous too. Each result is the single correct
// rounding the hardware (sm_53+ for half, sm_80+ for bfloat16) performs.

__TX_FP_HD__ __TX_H __hadd(const __TX_H __a, const __TX_H __b) {
  return __TX_H_FROMF(__TX_H_F(__a) + __TX_H_F(__b));
}
__TX_FP_HD__ __TX_H __hsub(const __TX_H __a, const __TX_H __b) {
  return __TX_H_FROMF(__TX_H_F(__a) - __TX_H_F(__b));
}
__TX_FP_HD__ __TX_H __hmul(const __TX_H __a, const __TX_H __b) {
  return __TX_H_FROMF(__TX_H_F(__a) * __TX_H_F(__b));
}
// The _rn forms only promise never to be contracted into an fma; ours never
// are, since each operation rounds to 16 bits before the next begins.
__TX_FP_HD__ __TX_H __hadd_rn(const __TX_H __a, const __TX_H __b) {
  return __hadd(__a, __b);
}
__TX_FP_HD__ __TX_H __hsub_rn(const __TX_H __a, const __TX_H __b) {
  return __hsub(__a, __b);
}
__TX_FP_HD__ __TX_H __hmul_rn(const __TX_H __a, const __TX_H __b) {
  return __hmul(__a, __b);
}
__TX_FP_HD__ __TX_H __hdiv(const __TX_H __a, const __TX_H __b) {
  return __TX_H_FROMF(__TX_H_F(__a) / __TX_H_F(__b));
}
// a*b is exact in double, and a double fma rounded to 16 bits is a single
// correct rounding: a half or bfloat16 midpoint needs bits the double result
// keeps.
__TX_FP_HD__ __TX_H __hfma(const __TX_H __a, const __TX_H __b,
                           const __TX_H __c) {
  return __TX_H_FROMD(__builtin_fma(
      (double)__TX_H_F(__a), (double)__TX_H_F(__b), (double)__TX_H_F(__c)));
}
__TX_FP_HD__ __TX_H __hneg(const __TX_H __a) {
  return __TX_H_MK(__a.__x ^ 0x8000);
}
__TX_FP_HD__ __TX_H __habs(const __TX_H __a) {
  return __TX_H_MK(__a.__x & 0x7fff);
}

namespace __tx_fp {
// Clamp to [0, 1]; NaN becomes +0, as CUDA's .sat modifier does.
__TX_FP_HD__ __TX_H __hsat(__TX_H __h) {
  if (__TX_H_NAN(__h) || (__h.__x & 0x8000))
    return __TX_H_MK(0);
  return __h.__x > __TX_H_ONE ? __TX_H_MK(__TX_H_ONE) : __h;
}
__TX_FP_HD__ __TX_H __hrelu(__TX_H __h) {
  if (__TX_H_NAN(__h))
    return __TX_H_MK(0x7fff);
  return (__h.__x & 0x8000) ? __TX_H_MK(0) : __h;
}
// CUDA's max/min: a NaN operand yields the other one (canonical NaN if
// both are), and +0 is greater than -0.
__TX_FP_HD__ __TX_H __hmaxmin(__TX_H __a, __TX_H __b, bool __max, bool __nanp) {
  bool __na = __TX_H_NAN(__a), __nb = __TX_H_NAN(__b);
  if (__na || __nb) {
    if (__nanp || (__na && __nb))
      return __TX_H_MK(0x7fff);
    return __na ? __b : __a;
  }
  float __fa = __TX_H_F(__a), __fb = __TX_H_F(__b);
  if (__fa == __fb) // Equal, or zeros of opposite sign.
    return __TX_H_MK(__max ? (__a.__x & __b.__x) : (__a.__x | __b.__x));
  return (__fa > __fb) == __max ? __a : __b;
}
} // namespace __tx_fp

__TX_FP_HD__ __TX_H __hadd_sat(const __TX_H __a, const __TX_H __b) {
  return __tx_fp::__hsat(__hadd(__a, __b));
}
__TX_FP_HD__ __TX_H __hsub_sat(const __TX_H __a, const __TX_H __b) {
  return __tx_fp::__hsat(__hsub(__a, __b));
}
__TX_FP_HD__ __TX_H __hmul_sat(const __TX_H __a, const __TX_H __b) {
  return __tx_fp::__hsat(__hmul(__a, __b));
}
__TX_FP_HD__ __TX_H __hfma_sat(const __TX_H __a, const __TX_H __b,
                               const __TX_H __c) {
  return __tx_fp::__hsat(__hfma(__a, __b, __c));
}
__TX_FP_HD__ __TX_H __hfma_relu(const __TX_H __a, const __TX_H __b,
                                const __TX_H __c) {
  return __tx_fp::__hrelu(__hfma(__a, __b, __c));
}
__TX_FP_HD__ __TX_H __hmax(const __TX_H __a, const __TX_H __b) {
  return __tx_fp::__hmaxmin(__a, __b, true, false);
}
__TX_FP_HD__ __TX_H __hmin(const __TX_H __a, const __TX_H __b) {
  return __tx_fp::__hmaxmin(__a, __b, false, false);
}
__TX_FP_HD__ __TX_H __hmax_nan(const __TX_H __a, const __TX_H __b) {
  return __tx_fp::__hmaxmin(__a, __b, true, true);
}
__TX_FP_HD__ __TX_H __hmin_nan(const __TX_H __a, const __TX_H __b) {
  return __tx_fp::__hmaxmin(__a, __b, false, true);
}

//===--- Comparisons -------------------------------------------------------===//

__TX_FP_HD__ bool __hisnan(const __TX_H __a) { return __TX_H_NAN(__a); }
__TX_FP_HD__ int __hisinf(const __TX_H __a) {
  return __a.__x == __TX_H_INF ? 1 : __a.__x == (__TX_H_INF | 0x8000) ? -1 : 0;
}

// Ordered comparisons (__hne included) are false with a NaN operand; the
// unordered (u) forms are true.
#define __TX_HCMP(NAME, OP)                                                    \
  __TX_FP_HD__ bool __h##NAME(const __TX_H __a, const __TX_H __b) {            \
    return !__TX_H_NAN(__a) && !__TX_H_NAN(__b) &&                             \
           (__TX_H_F(__a) OP __TX_H_F(__b));                                   \
  }                                                                            \
  __TX_FP_HD__ bool __h##NAME##u(const __TX_H __a, const __TX_H __b) {         \
    return __TX_H_NAN(__a) || __TX_H_NAN(__b) ||                               \
           (__TX_H_F(__a) OP __TX_H_F(__b));                                   \
  }
__TX_HCMP(eq, ==)
__TX_HCMP(ne, !=)
__TX_HCMP(lt, <)
__TX_HCMP(le, <=)
__TX_HCMP(gt, >)
__TX_HCMP(ge, >=)
#undef __TX_HCMP

//===--- Math --------------------------------------------------------------===//
// Computed in float and rounded once to 16 bits. Within CUDA's documented
// error bounds; the rounding functions are exact.

#define __TX_HMATH(NAME, EXPR)                                                 \
  __TX_FP_HD__ __TX_H NAME(const __TX_H __a) {                                 \
    float __x = __TX_H_F(__a);                                                 \
    return __TX_H_FROMF(EXPR);                                                 \
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

//===--- Pairs: lane-wise forms --------------------------------------------===//

#define __TX_H2_UN(NAME, SCALAR)                                               \
  __TX_FP_HD__ __TX_H2 NAME(const __TX_H2 __a) {                               \
    return __TX_H2(SCALAR(__a.x), SCALAR(__a.y));                              \
  }
#define __TX_H2_BIN(NAME, SCALAR)                                              \
  __TX_FP_HD__ __TX_H2 NAME(const __TX_H2 __a, const __TX_H2 __b) {            \
    return __TX_H2(SCALAR(__a.x, __b.x), SCALAR(__a.y, __b.y));                \
  }
#define __TX_H2_TER(NAME, SCALAR)                                              \
  __TX_FP_HD__ __TX_H2 NAME(const __TX_H2 __a, const __TX_H2 __b,              \
                            const __TX_H2 __c) {                               \
    return __TX_H2(SCALAR(__a.x, __b.x, __c.x), SCALAR(__a.y, __b.y, __c.y));  \
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
__TX_FP_HD__ __TX_H2 __hcmadd(const __TX_H2 __a, const __TX_H2 __b,
                              const __TX_H2 __c) {
  __TX_H __re = __hfma(__hneg(__a.y), __b.y, __hfma(__a.x, __b.x, __c.x));
  __TX_H __im = __hfma(__a.y, __b.x, __hfma(__a.x, __b.y, __c.y));
  return __TX_H2(__re, __im);
}

__TX_FP_HD__ __TX_H2 __hisnan2(const __TX_H2 __a) {
  return __TX_H2(__TX_H_MK(__hisnan(__a.x) ? __TX_H_ONE : 0),
                 __TX_H_MK(__hisnan(__a.y) ? __TX_H_ONE : 0));
}

// Lane-wise comparisons: __hXX2 gives 1.0/0.0 per lane, __hXX2_mask gives
// 0xFFFF/0 per lane, __hbXX2 is true when both lanes are.
#define __TX_H2CMP(NAME)                                                       \
  __TX_FP_HD__ __TX_H2 __h##NAME##2(const __TX_H2 __a, const __TX_H2 __b) {    \
    return __TX_H2(__TX_H_MK(__h##NAME(__a.x, __b.x) ? __TX_H_ONE : 0),        \
                   __TX_H_MK(__h##NAME(__a.y, __b.y) ? __TX_H_ONE : 0));       \
  }                                                                            \
  __TX_FP_HD__ unsigned __h##NAME##2_mask(const __TX_H2 __a,                   \
                                          const __TX_H2 __b) {                 \
    return (__h##NAME(__a.x, __b.x) ? 0xffffu : 0u) |                          \
           (__h##NAME(__a.y, __b.y) ? 0xffff0000u : 0u);                       \
  }                                                                            \
  __TX_FP_HD__ bool __hb##NAME##2(const __TX_H2 __a, const __TX_H2 __b) {      \
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

// clang-format off
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
// clang-format on

__TX_HOPS(__TX_H, __hadd, __hsub, __hmul, __hdiv, __hneg, __heq, __hneu, __hlt,
          __hle, __hgt, __hge)
// CUDA's pair != is __hbneu2: true when both lanes differ or are unordered.
__TX_HOPS(__TX_H2, __hadd2, __hsub2, __hmul2, __h2div, __hneg2, __hbeq2,
          __hbneu2, __hblt2, __hble2, __hbgt2, __hbge2)
#undef __TX_HOPS

__TX_FP_HD__ __TX_H &operator++(__TX_H &__h) {
  return __h = __hadd(__h, __TX_H_MK(__TX_H_ONE));
}
__TX_FP_HD__ __TX_H &operator--(__TX_H &__h) {
  return __h = __hsub(__h, __TX_H_MK(__TX_H_ONE));
}
__TX_FP_HD__ __TX_H operator++(__TX_H &__h, int) {
  __TX_H __old = __h;
  ++__h;
  return __old;
}
__TX_FP_HD__ __TX_H operator--(__TX_H &__h, int) {
  __TX_H __old = __h;
  --__h;
  return __old;
}
__TX_FP_HD__ __TX_H2 &operator++(__TX_H2 &__h) {
  return __h = __hadd2(__h,
                       __TX_H2(__TX_H_MK(__TX_H_ONE), __TX_H_MK(__TX_H_ONE)));
}
__TX_FP_HD__ __TX_H2 &operator--(__TX_H2 &__h) {
  return __h = __hsub2(__h,
                       __TX_H2(__TX_H_MK(__TX_H_ONE), __TX_H_MK(__TX_H_ONE)));
}
__TX_FP_HD__ __TX_H2 operator++(__TX_H2 &__h, int) {
  __TX_H2 __old = __h;
  ++__h;
  return __old;
}
__TX_FP_HD__ __TX_H2 operator--(__TX_H2 &__h, int) {
  __TX_H2 __old = __h;
  --__h;
  return __old;
}

//===--- Atomics (device code) ---------------------------------------------===//

#if defined(__CUDA__)
static __device__ __inline__ __TX_H2 atomicAdd(__TX_H2 *__address,
                                               __TX_H2 __val) {
  unsigned __old = __tx_fp::__atomic_update32(
      (unsigned *)__address, [__val](unsigned __bits) {
        __TX_H2 __cur = __builtin_bit_cast(__TX_H2, __bits);
        return __builtin_bit_cast(unsigned, __hadd2(__cur, __val));
      });
  return __builtin_bit_cast(__TX_H2, __old);
}
static __device__ __inline__ __TX_H atomicAdd(__TX_H *__address, __TX_H __val) {
  unsigned short __old = __tx_fp::__atomic_update16(
      (unsigned short *)__address, [__val](unsigned short __bits) {
        return __hadd(__TX_H_MK(__bits), __val).__x;
      });
  return __TX_H_MK(__old);
}
#endif // __CUDA__

#undef __TX_H
#undef __TX_H2
#undef __TX_H_MK
#undef __TX_H_F
#undef __TX_H_FROMF
#undef __TX_H_FROMD
#undef __TX_H_NAN
#undef __TX_H_ONE
#undef __TX_H_INF
