//===- tongxin/device_intrinsics.h - CUDA __intrinsics ----------*- C++ -*-===//
//
// Part of Tongxin. CUDA's integer intrinsics (__popc, __clz, __brev, ...),
// fast-math intrinsics (__expf, __fdividef, ...), directed-rounding
// arithmetic and conversions, and bit reinterpretations.
//
// All are plain C++ over clang's generic builtins, so the IR is target
// neutral (llvm.ctpop, llvm.ctlz, llvm.bitreverse, llvm.fshl, llvm.fma, ...).
// The fast variants use the accurate function on CPUs (the accurate libm
// call is fast there and CUDA only bounds the fast one's error from above)
// and NVIDIA's approximations on NVIDIA GPUs.
// The directed-rounding variants (_rz, _ru, _rd) of arithmetic and
// conversions are correctly rounded in their mode, computed from the
// round-to-nearest result and an exact error term (see below).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_INTRINSICS_H
#define TONGXIN_DEVICE_INTRINSICS_H

// Like NVIDIA's math headers: a toolkit header, whose spelling (hex float
// literals, inf/nan checks kept under -ffast-math) is not the user's to be
// warned about under -pedantic or -Werror.
#pragma GCC system_header

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"
#include "vector_types.h"

#define __TX_DEVICE__ static __device__ __inline__ __attribute__((always_inline))

//===--- Integer intrinsics -------------------------------------------------===//

__TX_DEVICE__ int __popc(unsigned int __x) { return __builtin_popcount(__x); }
__TX_DEVICE__ int __popcll(unsigned long long __x) {
  return __builtin_popcountll(__x);
}
// CUDA defines __clz(0) = 32 and __ffs(0) = 0; __builtin_clz(0) is undefined.
__TX_DEVICE__ int __clz(int __x) {
  return __x == 0 ? 32 : __builtin_clz((unsigned int)__x);
}
__TX_DEVICE__ int __clzll(long long __x) {
  return __x == 0 ? 64 : __builtin_clzll((unsigned long long)__x);
}
__TX_DEVICE__ int __ffs(int __x) { return __builtin_ffs(__x); }
__TX_DEVICE__ int __ffsll(long long __x) { return __builtin_ffsll(__x); }
__TX_DEVICE__ unsigned int __brev(unsigned int __x) {
  return __builtin_bitreverse32(__x);
}
__TX_DEVICE__ unsigned long long __brevll(unsigned long long __x) {
  return __builtin_bitreverse64(__x);
}

// 24-bit multiplies: operands are the low 24 bits, sign- or zero-extended.
__TX_DEVICE__ int __mul24(int __x, int __y) {
  int __a = (int)((unsigned int)__x << 8) >> 8, __b = (int)((unsigned int)__y << 8) >> 8;
  return (int)((unsigned int)__a * (unsigned int)__b);
}
__TX_DEVICE__ unsigned int __umul24(unsigned int __x, unsigned int __y) {
  return (__x & 0xffffffu) * (__y & 0xffffffu);
}
__TX_DEVICE__ int __mulhi(int __x, int __y) {
  return (int)(((long long)__x * __y) >> 32);
}
__TX_DEVICE__ unsigned int __umulhi(unsigned int __x, unsigned int __y) {
  return (unsigned int)(((unsigned long long)__x * __y) >> 32);
}
__TX_DEVICE__ long long __mul64hi(long long __x, long long __y) {
  return (long long)(((__int128)__x * __y) >> 64);
}
__TX_DEVICE__ unsigned long long __umul64hi(unsigned long long __x,
                                            unsigned long long __y) {
  return (unsigned long long)(((unsigned __int128)__x * __y) >> 64);
}

/// Selects four bytes out of the eight bytes of {y, x} by the low three bits
/// of each nibble of s.
__TX_DEVICE__ unsigned int __byte_perm(unsigned int __x, unsigned int __y,
                                       unsigned int __s) {
  unsigned long long __v = ((unsigned long long)__y << 32) | __x;
  unsigned int __r = 0;
  for (int __i = 0; __i < 4; ++__i) {
    unsigned int __sel = (__s >> (4 * __i)) & 7u;
    __r |= (unsigned int)((__v >> (8 * __sel)) & 0xffu) << (8 * __i);
  }
  return __r;
}

__TX_DEVICE__ unsigned int __sad(int __x, int __y, unsigned int __z) {
  return __z + (__x > __y ? (unsigned int)__x - (unsigned int)__y
                          : (unsigned int)__y - (unsigned int)__x);
}
__TX_DEVICE__ unsigned int __usad(unsigned int __x, unsigned int __y,
                                  unsigned int __z) {
  return __z + (__x > __y ? __x - __y : __y - __x);
}

// Funnel shifts of the 64-bit value hi:lo. The plain forms shift by the
// amount mod 32; the c forms clamp it to 32. (LLVM folds these to fshl/fshr.)
__TX_DEVICE__ unsigned int __funnelshift_l(unsigned int __lo, unsigned int __hi,
                                           unsigned int __sh) {
  unsigned long long __v = ((unsigned long long)__hi << 32) | __lo;
  return (unsigned int)((__v << (__sh & 31u)) >> 32);
}
__TX_DEVICE__ unsigned int __funnelshift_r(unsigned int __lo, unsigned int __hi,
                                           unsigned int __sh) {
  unsigned long long __v = ((unsigned long long)__hi << 32) | __lo;
  return (unsigned int)(__v >> (__sh & 31u));
}
__TX_DEVICE__ unsigned int __funnelshift_lc(unsigned int __lo, unsigned int __hi,
                                            unsigned int __sh) {
  return __sh >= 32u ? __lo : __funnelshift_l(__lo, __hi, __sh);
}
__TX_DEVICE__ unsigned int __funnelshift_rc(unsigned int __lo, unsigned int __hi,
                                            unsigned int __sh) {
  return __sh >= 32u ? __hi : __funnelshift_r(__lo, __hi, __sh);
}

// Averages without intermediate overflow.
__TX_DEVICE__ int __hadd(int __x, int __y) {
  return (int)(((long long)__x + __y) >> 1);
}
__TX_DEVICE__ int __rhadd(int __x, int __y) {
  return (int)(((long long)__x + __y + 1) >> 1);
}
__TX_DEVICE__ unsigned int __uhadd(unsigned int __x, unsigned int __y) {
  return (unsigned int)(((unsigned long long)__x + __y) >> 1);
}
__TX_DEVICE__ unsigned int __urhadd(unsigned int __x, unsigned int __y) {
  return (unsigned int)(((unsigned long long)__x + __y + 1) >> 1);
}

//===--- Bit reinterpretation ----------------------------------------------===//

__TX_DEVICE__ float __int_as_float(int __x) { return __builtin_bit_cast(float, __x); }
__TX_DEVICE__ int __float_as_int(float __x) { return __builtin_bit_cast(int, __x); }
__TX_DEVICE__ float __uint_as_float(unsigned int __x) {
  return __builtin_bit_cast(float, __x);
}
__TX_DEVICE__ unsigned int __float_as_uint(float __x) {
  return __builtin_bit_cast(unsigned int, __x);
}
__TX_DEVICE__ double __longlong_as_double(long long __x) {
  return __builtin_bit_cast(double, __x);
}
__TX_DEVICE__ long long __double_as_longlong(double __x) {
  return __builtin_bit_cast(long long, __x);
}
__TX_DEVICE__ int __double2hiint(double __x) {
  return (int)(__builtin_bit_cast(unsigned long long, __x) >> 32);
}
__TX_DEVICE__ int __double2loint(double __x) {
  return (int)__builtin_bit_cast(unsigned long long, __x);
}
__TX_DEVICE__ double __hiloint2double(int __hi, int __lo) {
  return __builtin_bit_cast(double, ((unsigned long long)(unsigned int)__hi << 32) |
                                        (unsigned int)__lo);
}

//===--- Fast math ---------------------------------------------------------===//
// Each fast intrinsic is the accurate function in a function of its own,
// __tx_fast_<name>, which txcc's PTX path replaces with libdevice's
// __nv_fast_<name> (compiler/passes/LowerMathToLibdevice.cpp): on an NVIDIA
// GPU they are the approximate instructions nvcc uses; on a CPU, the
// accurate libm call, which is fast there and within CUDA's bounds.
#define __TX_FAST__                                                            \
  extern "C" __device__ __inline__ __attribute__((always_inline))

__TX_FAST__ float __tx_fast_expf(float __x) { return __builtin_expf(__x); }
__TX_FAST__ float __tx_fast_exp10f(float __x) { return __builtin_exp10f(__x); }
__TX_FAST__ float __tx_fast_logf(float __x) { return __builtin_logf(__x); }
__TX_FAST__ float __tx_fast_log2f(float __x) { return __builtin_log2f(__x); }
__TX_FAST__ float __tx_fast_log10f(float __x) { return __builtin_log10f(__x); }
__TX_FAST__ float __tx_fast_powf(float __x, float __y) {
  return __builtin_powf(__x, __y);
}
__TX_FAST__ float __tx_fast_sinf(float __x) { return __builtin_sinf(__x); }
__TX_FAST__ float __tx_fast_cosf(float __x) { return __builtin_cosf(__x); }
__TX_FAST__ float __tx_fast_tanf(float __x) { return __builtin_tanf(__x); }
__TX_FAST__ void __tx_fast_sincosf(float __x, float *__s, float *__c) {
  *__s = __builtin_sinf(__x);
  *__c = __builtin_cosf(__x);
}
__TX_FAST__ float __tx_fast_fdividef(float __x, float __y) { return __x / __y; }
#undef __TX_FAST__

__TX_DEVICE__ float __expf(float __x) { return __tx_fast_expf(__x); }
__TX_DEVICE__ float __exp10f(float __x) { return __tx_fast_exp10f(__x); }
__TX_DEVICE__ float __logf(float __x) { return __tx_fast_logf(__x); }
__TX_DEVICE__ float __log2f(float __x) { return __tx_fast_log2f(__x); }
__TX_DEVICE__ float __log10f(float __x) { return __tx_fast_log10f(__x); }
__TX_DEVICE__ float __powf(float __x, float __y) {
  return __tx_fast_powf(__x, __y);
}
__TX_DEVICE__ float __sinf(float __x) { return __tx_fast_sinf(__x); }
__TX_DEVICE__ float __cosf(float __x) { return __tx_fast_cosf(__x); }
__TX_DEVICE__ float __tanf(float __x) { return __tx_fast_tanf(__x); }
__TX_DEVICE__ void __sincosf(float __x, float *__s, float *__c) {
  __tx_fast_sincosf(__x, __s, __c);
}
__TX_DEVICE__ float __fdividef(float __x, float __y) {
  return __tx_fast_fdividef(__x, __y);
}
__TX_DEVICE__ float __saturatef(float __x) {
  // NaN goes to 0, as in CUDA.
  return __x >= 1.0f ? 1.0f : (__x > 0.0f ? __x : 0.0f);
}

//===--- Arithmetic with explicit rounding ---------------------------------===//
// The _rn forms are IEEE round-to-nearest: exactly the C++ operators. The
// directed forms (_rz, _ru, _rd) take the round-to-nearest result r and the
// sign of the exact error (exact - r), found with error-free transformations
// (TwoSum, fma remainders), and step r by one ulp where the mode requires.
// The rounding mode of the thread is never touched. The contract(off) pragma
// stops the transformations (and a + b * c made of _rn forms) from fusing.

#pragma clang fp contract(off)
namespace __tx_rnd {
enum { __RN, __RZ, __RU, __RD };

__TX_DEVICE__ unsigned long long __bits(double __x) {
  return __builtin_bit_cast(unsigned long long, __x);
}
__TX_DEVICE__ double __dbl(unsigned long long __b) {
  return __builtin_bit_cast(double, __b);
}
// One ulp away from zero / toward zero (x finite; away from +-0 gives the
// smallest subnormal of the same sign).
__TX_DEVICE__ double __away(double __x) { return __dbl(__bits(__x) + 1); }
__TX_DEVICE__ double __toward0(double __x) { return __dbl(__bits(__x) - 1); }
__TX_DEVICE__ float __awayf(float __x) {
  return __builtin_bit_cast(float, __builtin_bit_cast(unsigned int, __x) + 1u);
}
__TX_DEVICE__ float __toward0f(float __x) {
  return __builtin_bit_cast(float, __builtin_bit_cast(unsigned int, __x) - 1u);
}

/// Rounds in mode M given r = RN(exact) and s = sign(exact - r). A zero r
/// carries the sign of the exact result (IEEE underflow keeps it).
template <typename __T>
__TX_DEVICE__ __T __fix(__T __r, int __s, int __m, __T (*__aw)(__T),
                        __T (*__tz)(__T)) {
  if (__s == 0 || __m == __RN)
    return __r;
  bool __neg = __builtin_signbit(__r);
  if (__m == __RZ)
    return (__r != 0 && (__s > 0) == __neg) ? __tz(__r) : __r;
  bool __up = __m == __RU;
  if ((__s > 0) != __up)
    return __r;
  // Move toward +inf (RU) or -inf (RD).
  if (__r == 0)
    return __aw(__up ? (__T)0 : -(__T)0);
  return (__neg == !__up) ? __aw(__r) : __tz(__r);
}
__TX_DEVICE__ double __fixd(double __r, int __s, int __m) {
  return __fix<double>(__r, __s, __m, __away, __toward0);
}
__TX_DEVICE__ float __fixf(float __r, int __s, int __m) {
  return __fix<float>(__r, __s, __m, __awayf, __toward0f);
}

/// r overflowed to +-inf under RN from finite operands: the directed modes
/// that round toward zero give the largest finite value instead.
template <typename __T> __TX_DEVICE__ __T __ovf(__T __r, int __m, __T __max) {
  bool __neg = __r < 0;
  if (__m == __RZ || (__m == __RU && __neg) || (__m == __RD && !__neg))
    return __neg ? -__max : __max;
  return __r;
}

__TX_DEVICE__ int __sgn(double __x) { return (__x > 0) - (__x < 0); }

/// Rounds the exact value s + e (|e| <= ulp(s)/2, s = RN(s + e)) to float.
__TX_DEVICE__ float __to_float(double __s, double __e, int __m) {
  float __f = (float)__s;
  if (__s != __s || __builtin_isinf(__s))
    return __f;
  if (__builtin_isinf(__f))
    return __ovf<float>(__f, __m, 3.40282346638528859812e+38f);
  double __d = __s - (double)__f; // exact: f is s rounded to 24 bits
  int __dir = __d != 0 ? __sgn(__d) : __sgn(__e);
  if (__m == __RN) {
    // s itself may sit exactly halfway between two floats while e breaks the
    // tie; RN(s) then picked the even neighbour, perhaps the wrong one.
    if (__d != 0 && __sgn(__e) == __sgn(__d)) {
      float __g = __fixf(__f, __sgn(__d), __sgn(__d) > 0 ? __RU : __RD);
      if (!__builtin_isinf(__g) && ((double)__f + (double)__g) * 0.5 == __s)
        return __g;
    }
    return __f;
  }
  if (__f == 0 && __dir == 0)
    return __f;
  return __fixf(__f, __dir, __m);
}

// Exact sum: a + b == s + e.
__TX_DEVICE__ double __two_sum(double __a, double __b, double *__e) {
  double __s = __a + __b;
  double __bb = __s - __a;
  *__e = (__a - (__s - __bb)) + (__b - __bb);
  return __s;
}

//--- Single precision: float operands are exact in double, products too.

__TX_DEVICE__ float __fadd(float __x, float __y, int __m) {
  double __e, __s = __two_sum(__x, __y, &__e);
  if (__s == 0 && __e == 0) // exact zero: -0 in RD unless both are +0
    return (__m == __RD && !(__x == 0 && __y == 0 && !__builtin_signbit(__x) &&
                             !__builtin_signbit(__y)))
               ? -0.0f
               : __x + __y;
  return __to_float(__s, __e, __m);
}
__TX_DEVICE__ float __fmul(float __x, float __y, int __m) {
  return __to_float((double)__x * (double)__y, 0.0, __m);
}
__TX_DEVICE__ float __fdiv(float __x, float __y, int __m) {
  double __q = (double)__x / (double)__y;
  if (__q == 0 || __builtin_isinf(__q) || __q != __q)
    return (float)__q;
  // Remainder of the double quotient; exact in the double range.
  double __r = __builtin_fma(-__q, (double)__y, (double)__x);
  return __to_float(__q, __sgn(__r) * __sgn(__y) * 0x1p-200 * __builtin_fabs(__q),
                    __m);
}
__TX_DEVICE__ float __fsqrt(float __x, int __m) {
  double __r = __builtin_sqrt((double)__x);
  if (!(__r > 0) || __builtin_isinf(__r))
    return (float)__r;
  double __rem = __builtin_fma(-__r, __r, (double)__x);
  return __to_float(__r, __sgn(__rem) * 0x1p-200 * __r, __m);
}
__TX_DEVICE__ float __ffma(float __x, float __y, float __z, int __m) {
  double __p = (double)__x * (double)__y; // exact
  if (__builtin_isinf(__p) || __p != __p || __builtin_isinf(__z) || __z != __z)
    return __builtin_fmaf(__x, __y, __z);
  double __e, __s = __two_sum(__p, __z, &__e);
  if (__s == 0 && __e == 0) {
    bool __pn = __p == 0 ? __builtin_signbit(__x) != __builtin_signbit(__y)
                         : __p < 0;
    bool __bothpos0 = __p == 0 && __z == 0 && !__pn && !__builtin_signbit(__z);
    if (__m == __RD)
      return __bothpos0 ? 0.0f : -0.0f;
    return __builtin_fmaf(__x, __y, __z);
  }
  return __to_float(__s, __e, __m);
}

//--- Double precision.

__TX_DEVICE__ int __expo(double __x) { // unbiased exponent field, -1023 for 0
  return (int)((__bits(__x) >> 52) & 0x7ff) - 1023;
}
__TX_DEVICE__ bool __safe(double __x) { // comfortably inside the normal range
  int __k = __expo(__x);
  return __k > -900 && __k < 900;
}
static const double __dmax = 1.79769313486231570815e+308;

__TX_DEVICE__ double __dadd(double __x, double __y, int __m) {
  double __e, __s = __two_sum(__x, __y, &__e);
  if (__builtin_isinf(__s) || __s != __s)
    return (__builtin_isinf(__x) || __builtin_isinf(__y) || __s != __s)
               ? __s
               : __ovf<double>(__s, __m, __dmax);
  if (__s == 0 && __e == 0)
    return (__m == __RD && !(__x == 0 && __y == 0 && !__builtin_signbit(__x) &&
                             !__builtin_signbit(__y)))
               ? -0.0
               : __s;
  return __fixd(__s, __sgn(__e), __m);
}
__TX_DEVICE__ double __dmul(double __x, double __y, int __m) {
  double __r = __x * __y;
  if (__builtin_isinf(__r) || __r != __r)
    return (__builtin_isinf(__x) || __builtin_isinf(__y) || __r != __r)
               ? __r
               : __ovf<double>(__r, __m, __dmax);
  if (__x == 0 || __y == 0)
    return __r;
  double __e;
  if (__builtin_fabs(__r) >= 0x1p-960) {
    __e = __builtin_fma(__x, __y, -__r); // exact
  } else {
    // Tiny product: bring both factors to [0.5, 1) and r alongside (r is
    // subnormal or zero, so scaling it up is exact); only the remainder's
    // sign matters.
    int __ex, __ey;
    double __xs = __builtin_frexp(__x, &__ex), __ys = __builtin_frexp(__y, &__ey);
    __e = __builtin_fma(__xs, __ys, -__builtin_ldexp(__r, -(__ex + __ey)));
  }
  return __fixd(__r, __sgn(__e), __m);
}
__TX_DEVICE__ double __ddiv(double __x, double __y, int __m) {
  double __q = __x / __y;
  if (__x == 0 || __y == 0 || __builtin_isinf(__x) || __builtin_isinf(__y) ||
      __q != __q)
    return __q;
  if (__builtin_isinf(__q))
    return __ovf<double>(__q, __m, __dmax);
  double __rem;
  if (__safe(__x) && __safe(__y) && __expo(__q) > -1000) {
    __rem = __builtin_fma(-__q, __y, __x); // exact
  } else {
    // Bring x and y to [0.5, 1) and q alongside; the scalings are exact.
    int __ex, __ey;
    double __xs = __builtin_frexp(__x, &__ex), __ys = __builtin_frexp(__y, &__ey);
    double __qs = __builtin_ldexp(__q, __ey - __ex);
    __rem = __builtin_fma(-__qs, __ys, __xs);
  }
  return __fixd(__q, __sgn(__rem) * __sgn(__y), __m);
}
__TX_DEVICE__ double __dsqrt(double __x, int __m) {
  double __r = __builtin_sqrt(__x);
  if (!(__x > 0) || __builtin_isinf(__x))
    return __r;
  double __rem = __x >= 0x1p-900
                     ? __builtin_fma(-__r, __r, __x)
                     : __builtin_fma(-__r * 0x1p300, __r * 0x1p300, __x * 0x1p600);
  return __fixd(__r, __sgn(__rem), __m);
}

/// Sign of u1 + u2 + z - r computed exactly: grow a nonoverlapping expansion
/// with TwoSum; its largest nonzero component carries the sign.
__TX_DEVICE__ int __sign4(double __u1, double __u2, double __z, double __r) {
  double __e0, __h1 = __two_sum(__u1, __u2, &__e0);
  // Expansion {e0, h1}; add z.
  double __e1, __q = __two_sum(__z, __e0, &__e1);
  double __e2, __h2 = __two_sum(__q, __h1, &__e2);
  // Expansion {e1, e2, h2}; add -r.
  double __f1, __q2 = __two_sum(-__r, __e1, &__f1);
  double __f2, __q3 = __two_sum(__q2, __e2, &__f2);
  double __f3, __top = __two_sum(__q3, __h2, &__f3);
  if (__top != 0)
    return __sgn(__top);
  if (__f3 != 0)
    return __sgn(__f3);
  if (__f2 != 0)
    return __sgn(__f2);
  return __sgn(__f1);
}
__TX_DEVICE__ double __dfma(double __x, double __y, double __z, int __m) {
  double __r = __builtin_fma(__x, __y, __z);
  if (__builtin_isinf(__r) || __r != __r)
    return (__builtin_isinf(__x) || __builtin_isinf(__y) ||
            __builtin_isinf(__z) || __r != __r)
               ? __r
               : __ovf<double>(__r, __m, __dmax);
  if (__x == 0 || __y == 0) {
    if (__r != 0 || __z != 0)
      return __r; // exactly z
    bool __pn = __builtin_signbit(__x) != __builtin_signbit(__y);
    if (__m == __RD)
      return (!__pn && !__builtin_signbit(__z)) ? 0.0 : -0.0;
    return __r;
  }
  int __kp = __expo(__x) + __expo(__y), __s, __zs = 0;
  if (__kp > 900 || __kp < -900 || __expo(__x) == -1023 ||
      __expo(__y) == -1023) {
    // Product outside the safe range: rescale it to about 1 (the scaled
    // factor is the one that stays exact), z and r along with it. A z that
    // the scaling would lose is far below the product's last bit and only
    // breaks a tie.
    if (__builtin_fabs(__x) < __builtin_fabs(__y)) {
      double __t = __x; __x = __y; __y = __t;
    }
    int __ex, __ey;
    __builtin_frexp(__x, &__ex);
    __builtin_frexp(__y, &__ey);
    int __k = -(__ex + __ey);
    double __zk = __builtin_ldexp(__z, __k);
    if (__builtin_isinf(__zk)) {
      // z dominates completely: r == z and the product breaks the tie.
      __s = __sgn(__z - __r);
      if (__s == 0)
        __s = __builtin_signbit(__x) != __builtin_signbit(__y) ? -1 : 1;
      return __fixd(__r, __s, __m);
    }
    if (__builtin_ldexp(__zk, -__k) != __z) {
      __zs = __sgn(__z);
      __zk = 0;
    }
    double __xk = __builtin_ldexp(__x, -__ex);
    double __yk = __builtin_ldexp(__y, -__ey);
    double __rk = __builtin_ldexp(__r, __k);
    double __u1 = __xk * __yk, __u2 = __builtin_fma(__xk, __yk, -__u1);
    __s = __sign4(__u1, __u2, __zk, __rk);
    if (__s == 0)
      __s = __zs;
  } else {
    double __u1 = __x * __y, __u2 = __builtin_fma(__x, __y, -__u1);
    __s = __sign4(__u1, __u2, __z, __r);
  }
  if (__s == 0 && __r == 0)
    return __m == __RD ? -0.0 : 0.0; // exact cancellation
  return __fixd(__r, __s, __m);
}
} // namespace __tx_rnd

#define __TX_ARITH_RND(SFX, M)                                                 \
  __TX_DEVICE__ float __fadd##SFX(float __x, float __y) {                      \
    return __tx_rnd::__fadd(__x, __y, M);                                      \
  }                                                                            \
  __TX_DEVICE__ float __fsub##SFX(float __x, float __y) {                      \
    return __tx_rnd::__fadd(__x, -__y, M);                                     \
  }                                                                            \
  __TX_DEVICE__ float __fmul##SFX(float __x, float __y) {                      \
    return __tx_rnd::__fmul(__x, __y, M);                                      \
  }                                                                            \
  __TX_DEVICE__ float __fdiv##SFX(float __x, float __y) {                      \
    return __tx_rnd::__fdiv(__x, __y, M);                                      \
  }                                                                            \
  __TX_DEVICE__ float __frcp##SFX(float __x) {                                 \
    return __tx_rnd::__fdiv(1.0f, __x, M);                                     \
  }                                                                            \
  __TX_DEVICE__ float __fsqrt##SFX(float __x) {                                \
    return __tx_rnd::__fsqrt(__x, M);                                          \
  }                                                                            \
  __TX_DEVICE__ float __fmaf##SFX(float __x, float __y, float __z) {           \
    return __tx_rnd::__ffma(__x, __y, __z, M);                                 \
  }                                                                            \
  __TX_DEVICE__ double __dadd##SFX(double __x, double __y) {                   \
    return __tx_rnd::__dadd(__x, __y, M);                                      \
  }                                                                            \
  __TX_DEVICE__ double __dsub##SFX(double __x, double __y) {                   \
    return __tx_rnd::__dadd(__x, -__y, M);                                     \
  }                                                                            \
  __TX_DEVICE__ double __dmul##SFX(double __x, double __y) {                   \
    return __tx_rnd::__dmul(__x, __y, M);                                      \
  }                                                                            \
  __TX_DEVICE__ double __ddiv##SFX(double __x, double __y) {                   \
    return __tx_rnd::__ddiv(__x, __y, M);                                      \
  }                                                                            \
  __TX_DEVICE__ double __drcp##SFX(double __x) {                               \
    return __tx_rnd::__ddiv(1.0, __x, M);                                      \
  }                                                                            \
  __TX_DEVICE__ double __dsqrt##SFX(double __x) {                              \
    return __tx_rnd::__dsqrt(__x, M);                                          \
  }                                                                            \
  __TX_DEVICE__ double __fma##SFX(double __x, double __y, double __z) {        \
    return __tx_rnd::__dfma(__x, __y, __z, M);                                 \
  }
__TX_ARITH_RND(_rz, __tx_rnd::__RZ)
__TX_ARITH_RND(_ru, __tx_rnd::__RU)
__TX_ARITH_RND(_rd, __tx_rnd::__RD)
#undef __TX_ARITH_RND

// Round to nearest: the plain IEEE operations.
__TX_DEVICE__ float __fadd_rn(float __x, float __y) { return __x + __y; }
__TX_DEVICE__ float __fsub_rn(float __x, float __y) { return __x - __y; }
__TX_DEVICE__ float __fmul_rn(float __x, float __y) { return __x * __y; }
__TX_DEVICE__ float __fdiv_rn(float __x, float __y) { return __x / __y; }
__TX_DEVICE__ float __frcp_rn(float __x) { return 1.0f / __x; }
__TX_DEVICE__ float __fsqrt_rn(float __x) { return __builtin_sqrtf(__x); }
__TX_DEVICE__ float __fmaf_rn(float __x, float __y, float __z) {
  return __builtin_fmaf(__x, __y, __z);
}
__TX_DEVICE__ double __dadd_rn(double __x, double __y) { return __x + __y; }
__TX_DEVICE__ double __dsub_rn(double __x, double __y) { return __x - __y; }
__TX_DEVICE__ double __dmul_rn(double __x, double __y) { return __x * __y; }
__TX_DEVICE__ double __ddiv_rn(double __x, double __y) { return __x / __y; }
__TX_DEVICE__ double __drcp_rn(double __x) { return 1.0 / __x; }
__TX_DEVICE__ double __dsqrt_rn(double __x) { return __builtin_sqrt(__x); }
__TX_DEVICE__ double __fma_rn(double __x, double __y, double __z) {
  return __builtin_fma(__x, __y, __z);
}
// 1/sqrt(x) in double, then rounded once: correctly rounded except in
// double-rounding corner cases far below CUDA's 1-ulp-class bound.
__TX_DEVICE__ float __frsqrt_rn(float __x) {
  return (float)(1.0 / __builtin_sqrt((double)__x));
}
#pragma clang fp contract(on)

//===--- Conversions -------------------------------------------------------===//
// _rn: nearest-even (rint under the default rounding mode), _rz: truncate,
// _ru: ceil, _rd: floor. Out-of-range inputs are UB in C++ but saturate in
// CUDA; we follow CUDA's saturation for the float->int forms.

namespace __tx_cvt {
template <typename __I, typename __F>
__TX_DEVICE__ __I __sat(__F __v, __F __lo, __F __hi, __I __min, __I __max) {
  if (__v != __v)
    return 0;
  if (__v <= __lo)
    return __min;
  if (__v >= __hi)
    return __max;
  return (__I)__v;
}
} // namespace __tx_cvt

#define __TX_F2I(NAME, F, I, LO, HI, MIN, MAX, ROUND)                          \
  __TX_DEVICE__ I NAME(F __x) {                                                \
    return __tx_cvt::__sat<I, F>(ROUND(__x), LO, HI, MIN, MAX);                \
  }
#define __TX_F2I_ALL(...) __TX_F2I_ALL_(__VA_ARGS__)
#define __TX_F2I_ALL_(PFX, F, I, LO, HI, MIN, MAX, RN, RZ, RU, RD)              \
  __TX_F2I(PFX##_rn, F, I, LO, HI, MIN, MAX, RN)                               \
  __TX_F2I(PFX##_rz, F, I, LO, HI, MIN, MAX, RZ)                               \
  __TX_F2I(PFX##_ru, F, I, LO, HI, MIN, MAX, RU)                               \
  __TX_F2I(PFX##_rd, F, I, LO, HI, MIN, MAX, RD)
#define __TX_FROUNDS __builtin_rintf, __builtin_truncf, __builtin_ceilf, __builtin_floorf
#define __TX_DROUNDS __builtin_rint, __builtin_trunc, __builtin_ceil, __builtin_floor

__TX_F2I_ALL(__float2int, float, int, -2147483648.0f, 2147483648.0f,
             (-2147483647 - 1), 2147483647, __TX_FROUNDS)
__TX_F2I_ALL(__float2uint, float, unsigned int, 0.0f, 4294967296.0f, 0u,
             4294967295u, __TX_FROUNDS)
__TX_F2I_ALL(__float2ll, float, long long, -9223372036854775808.0f,
             9223372036854775808.0f, (-9223372036854775807LL - 1),
             9223372036854775807LL, __TX_FROUNDS)
__TX_F2I_ALL(__float2ull, float, unsigned long long, 0.0f,
             18446744073709551616.0f, 0ull, 18446744073709551615ull,
             __TX_FROUNDS)
__TX_F2I_ALL(__double2int, double, int, -2147483649.0, 2147483648.0,
             (-2147483647 - 1), 2147483647, __TX_DROUNDS)
__TX_F2I_ALL(__double2uint, double, unsigned int, -1.0, 4294967296.0, 0u,
             4294967295u, __TX_DROUNDS)
__TX_F2I_ALL(__double2ll, double, long long, -9223372036854775808.0,
             9223372036854775808.0, (-9223372036854775807LL - 1),
             9223372036854775807LL, __TX_DROUNDS)
__TX_F2I_ALL(__double2ull, double, unsigned long long, 0.0,
             18446744073709551616.0, 0ull, 18446744073709551615ull,
             __TX_DROUNDS)
#undef __TX_F2I
#undef __TX_F2I_ALL
#undef __TX_F2I_ALL_
#undef __TX_FROUNDS
#undef __TX_DROUNDS

// Integer and double to float/double with explicit rounding: the value is
// split into doubles whose sum is exact, then rounded once in the mode.
namespace __tx_rnd {
__TX_DEVICE__ float __ll2f(long long __x, int __m) {
  double __hi = (double)(__x >> 32) * 4294967296.0; // exact
  double __lo = (double)(__x & 0xffffffffll);       // exact
  double __e, __s = __two_sum(__hi, __lo, &__e);
  return __to_float(__s, __e, __m);
}
__TX_DEVICE__ float __ull2f(unsigned long long __x, int __m) {
  double __hi = (double)(__x >> 32) * 4294967296.0;
  double __lo = (double)(__x & 0xffffffffull);
  double __e, __s = __two_sum(__hi, __lo, &__e);
  return __to_float(__s, __e, __m);
}
// The sign of x - (double)x without 128-bit arithmetic (which PTX lacks):
// (double)x is an integer, and only 2^63 (2^64) falls outside the type.
__TX_DEVICE__ double __ll2d(long long __x, int __m) {
  double __s = (double)__x;
  if (__s >= 9223372036854775808.0) // x < 2^63 = s
    return __fixd(__s, -1, __m);
  long long __r = (long long)__s;
  return __fixd(__s, (__x > __r) - (__x < __r), __m);
}
__TX_DEVICE__ double __ull2d(unsigned long long __x, int __m) {
  double __s = (double)__x;
  if (__s >= 18446744073709551616.0) // x < 2^64 = s
    return __fixd(__s, -1, __m);
  unsigned long long __r = (unsigned long long)__s;
  return __fixd(__s, (__x > __r) - (__x < __r), __m);
}
} // namespace __tx_rnd

#define __TX_CVT4(NAME, I, F, EXPR)                                            \
  __TX_DEVICE__ F NAME##_rn(I __x) { return (F)__x; }                          \
  __TX_DEVICE__ F NAME##_rz(I __x) { return EXPR(__x, __tx_rnd::__RZ); }       \
  __TX_DEVICE__ F NAME##_ru(I __x) { return EXPR(__x, __tx_rnd::__RU); }       \
  __TX_DEVICE__ F NAME##_rd(I __x) { return EXPR(__x, __tx_rnd::__RD); }
#define __TX_VIA_D2F(__x, __m) __tx_rnd::__to_float((double)__x, 0.0, __m)
__TX_CVT4(__int2float, int, float, __TX_VIA_D2F)
__TX_CVT4(__uint2float, unsigned int, float, __TX_VIA_D2F)
__TX_CVT4(__double2float, double, float, __TX_VIA_D2F)
__TX_CVT4(__ll2float, long long, float, __tx_rnd::__ll2f)
__TX_CVT4(__ull2float, unsigned long long, float, __tx_rnd::__ull2f)
__TX_CVT4(__ll2double, long long, double, __tx_rnd::__ll2d)
__TX_CVT4(__ull2double, unsigned long long, double, __tx_rnd::__ull2d)
#undef __TX_VIA_D2F
#undef __TX_CVT4
__TX_DEVICE__ double __int2double_rn(int __x) { return (double)__x; }
__TX_DEVICE__ double __uint2double_rn(unsigned int __x) { return (double)__x; }


//===--- SIMD within a word ------------------------------------------------===//
// __v*2 work on two 16-bit halfwords, __v*4 on four bytes. Each lane is
// unpacked as unsigned (__ua, __ub) and sign-extended (__sa, __sb), EXPR is
// evaluated in int, and its low bits are packed back. __smin/__smax/__umax
// are the lane's limits.

namespace __tx_simd {
template <int __W> struct __lane {
  static const unsigned __mask = (1u << __W) - 1u;
  static const int __smax = (int)(__mask >> 1), __smin = -__smax - 1;
  static const int __umax = (int)__mask;
};
__TX_DEVICE__ int __clamp(int __v, int __lo, int __hi) {
  return __v < __lo ? __lo : (__v > __hi ? __hi : __v);
}
} // namespace __tx_simd

#define __TX_SIMD_LOOP(W, INIT, STEP)                                          \
  typedef __tx_simd::__lane<W> __L;                                            \
  const int __smin = __L::__smin, __smax = __L::__smax, __umax = __L::__umax;  \
  (void)__smin; (void)__smax; (void)__umax;                                    \
  unsigned int __r = INIT;                                                     \
  for (int __i = 0; __i < 32; __i += W) {                                      \
    int __ua = (int)((__a >> __i) & __L::__mask);                              \
    int __ub = (int)((__b >> __i) & __L::__mask);                              \
    int __sa = (int)((unsigned)__ua << (32 - W)) >> (32 - W);                  \
    int __sb = (int)((unsigned)__ub << (32 - W)) >> (32 - W);                  \
    (void)__sa; (void)__sb; (void)__ua; (void)__ub;                            \
    STEP;                                                                      \
  }                                                                            \
  return __r;
#define __TX_PACK(EXPR) __r |= ((unsigned)(EXPR) & __L::__mask) << __i
#define __TX_SIMD2(NAME, EXPR)                                                 \
  __TX_DEVICE__ unsigned int NAME##2(unsigned int __a, unsigned int __b) {     \
    __TX_SIMD_LOOP(16, 0u, __TX_PACK(EXPR))                                    \
  }                                                                            \
  __TX_DEVICE__ unsigned int NAME##4(unsigned int __a, unsigned int __b) {     \
    __TX_SIMD_LOOP(8, 0u, __TX_PACK(EXPR))                                     \
  }
#define __TX_SIMD1(NAME, EXPR)                                                 \
  __TX_DEVICE__ unsigned int NAME##2(unsigned int __a) {                       \
    unsigned int __b = 0;                                                      \
    __TX_SIMD_LOOP(16, 0u, __TX_PACK(EXPR))                                    \
  }                                                                            \
  __TX_DEVICE__ unsigned int NAME##4(unsigned int __a) {                       \
    unsigned int __b = 0;                                                      \
    __TX_SIMD_LOOP(8, 0u, __TX_PACK(EXPR))                                     \
  }
// Sum over lanes rather than packing (the SAD forms).
#define __TX_SIMD_SUM(NAME, EXPR)                                              \
  __TX_DEVICE__ unsigned int NAME##2(unsigned int __a, unsigned int __b) {     \
    __TX_SIMD_LOOP(16, 0u, __r += (unsigned)(EXPR))                            \
  }                                                                            \
  __TX_DEVICE__ unsigned int NAME##4(unsigned int __a, unsigned int __b) {     \
    __TX_SIMD_LOOP(8, 0u, __r += (unsigned)(EXPR))                             \
  }

#define __TX_ABSDIFF(X, Y) ((X) > (Y) ? (X) - (Y) : (Y) - (X))
__TX_SIMD1(__vabs, __sa < 0 ? -__sa : __sa)
__TX_SIMD1(__vabsss, __sa == __smin ? __smax : (__sa < 0 ? -__sa : __sa))
__TX_SIMD1(__vneg, -__sa)
__TX_SIMD1(__vnegss, __sa == __smin ? __smax : -__sa)
__TX_SIMD2(__vabsdiffs, __TX_ABSDIFF(__sa, __sb))
__TX_SIMD2(__vabsdiffu, __TX_ABSDIFF(__ua, __ub))
__TX_SIMD2(__vadd, __ua + __ub)
__TX_SIMD2(__vaddss, __tx_simd::__clamp(__sa + __sb, __smin, __smax))
__TX_SIMD2(__vaddus, __tx_simd::__clamp(__ua + __ub, 0, __umax))
__TX_SIMD2(__vsub, __ua - __ub)
__TX_SIMD2(__vsubss, __tx_simd::__clamp(__sa - __sb, __smin, __smax))
__TX_SIMD2(__vsubus, __tx_simd::__clamp(__ua - __ub, 0, __umax))
// Signed average rounds halves away from zero; unsigned rounds them up.
__TX_SIMD2(__vavgs, (__sa + __sb + (__sa + __sb >= 0)) >> 1)
__TX_SIMD2(__vavgu, (__ua + __ub + 1) >> 1)
__TX_SIMD2(__vhaddu, (__ua + __ub) >> 1)
__TX_SIMD2(__vmaxs, __sa > __sb ? __sa : __sb)
__TX_SIMD2(__vmaxu, __ua > __ub ? __ua : __ub)
__TX_SIMD2(__vmins, __sa < __sb ? __sa : __sb)
__TX_SIMD2(__vminu, __ua < __ub ? __ua : __ub)
#define __TX_SIMD_CMP(OP, NAME)                                                \
  __TX_SIMD2(__vcmp##NAME##s, (__sa OP __sb) ? -1 : 0)                         \
  __TX_SIMD2(__vcmp##NAME##u, (__ua OP __ub) ? -1 : 0)                         \
  __TX_SIMD2(__vset##NAME##s, (__sa OP __sb) ? 1 : 0)                          \
  __TX_SIMD2(__vset##NAME##u, (__ua OP __ub) ? 1 : 0)
__TX_SIMD_CMP(>=, ge)
__TX_SIMD_CMP(>, gt)
__TX_SIMD_CMP(<=, le)
__TX_SIMD_CMP(<, lt)
#undef __TX_SIMD_CMP
__TX_SIMD2(__vcmpeq, (__ua == __ub) ? -1 : 0)
__TX_SIMD2(__vcmpne, (__ua != __ub) ? -1 : 0)
__TX_SIMD2(__vseteq, (__ua == __ub) ? 1 : 0)
__TX_SIMD2(__vsetne, (__ua != __ub) ? 1 : 0)
__TX_SIMD_SUM(__vsads, __TX_ABSDIFF(__sa, __sb))
__TX_SIMD_SUM(__vsadu, __TX_ABSDIFF(__ua, __ub))
#undef __TX_ABSDIFF
#undef __TX_SIMD_SUM
#undef __TX_SIMD1
#undef __TX_SIMD2
#undef __TX_PACK
#undef __TX_SIMD_LOOP

//===--- Dot products ------------------------------------------------------===//
// __dp4a: four 8-bit products plus c; __dp2a_lo/_hi: two 16x8-bit products
// using the low/high two bytes of b. Accumulation wraps modulo 2^32.

namespace __tx_simd {
__TX_DEVICE__ unsigned int __dp4(unsigned int __a, unsigned int __b,
                                 unsigned int __c, bool __sgn) {
  for (int __i = 0; __i < 32; __i += 8) {
    int __x = (int)((__a >> __i) & 0xffu), __y = (int)((__b >> __i) & 0xffu);
    if (__sgn) {
      __x = (int)(signed char)__x;
      __y = (int)(signed char)__y;
    }
    __c += (unsigned int)(__x * __y);
  }
  return __c;
}
__TX_DEVICE__ unsigned int __dp2(unsigned int __a, unsigned int __b,
                                 unsigned int __c, bool __sgn, int __half) {
  unsigned int __bh = __b >> (16 * __half);
  if (__sgn)
    return __c + (unsigned int)((int)(short)__a * (int)(signed char)__bh) +
           (unsigned int)((int)(short)(__a >> 16) *
                          (int)(signed char)(__bh >> 8));
  // Unsigned: 16 x 8-bit products fit in 32 bits. Written without a loop:
  // LLVM 19's SLP vectoriser miscompiled the loop form for AVX-512 targets
  // when several dot products shared one kernel.
  return __c + (__a & 0xffffu) * (__bh & 0xffu) +
         (__a >> 16) * ((__bh >> 8) & 0xffu);
}
template <typename __V> __TX_DEVICE__ unsigned int __word(__V __v) {
  return __builtin_bit_cast(unsigned int, __v);
}
} // namespace __tx_simd

__TX_DEVICE__ int __dp4a(int __a, int __b, int __c) {
  return (int)__tx_simd::__dp4(__a, __b, __c, true);
}
__TX_DEVICE__ unsigned int __dp4a(unsigned int __a, unsigned int __b,
                                  unsigned int __c) {
  return __tx_simd::__dp4(__a, __b, __c, false);
}
__TX_DEVICE__ int __dp4a(char4 __a, char4 __b, int __c) {
  return (int)__tx_simd::__dp4(__tx_simd::__word(__a), __tx_simd::__word(__b),
                               __c, true);
}
__TX_DEVICE__ unsigned int __dp4a(uchar4 __a, uchar4 __b, unsigned int __c) {
  return __tx_simd::__dp4(__tx_simd::__word(__a), __tx_simd::__word(__b), __c,
                          false);
}
#define __TX_DP2(NAME, HALF)                                                   \
  __TX_DEVICE__ int NAME(int __a, int __b, int __c) {                          \
    return (int)__tx_simd::__dp2(__a, __b, __c, true, HALF);                   \
  }                                                                            \
  __TX_DEVICE__ unsigned int NAME(unsigned int __a, unsigned int __b,          \
                                  unsigned int __c) {                          \
    return __tx_simd::__dp2(__a, __b, __c, false, HALF);                       \
  }                                                                            \
  __TX_DEVICE__ int NAME(short2 __a, char4 __b, int __c) {                     \
    return (int)__tx_simd::__dp2(__tx_simd::__word(__a),                       \
                                 __tx_simd::__word(__b), __c, true, HALF);     \
  }                                                                            \
  __TX_DEVICE__ unsigned int NAME(ushort2 __a, uchar4 __b, unsigned int __c) { \
    return __tx_simd::__dp2(__tx_simd::__word(__a), __tx_simd::__word(__b),    \
                            __c, false, HALF);                                 \
  }
__TX_DP2(__dp2a_lo, 0)
__TX_DP2(__dp2a_hi, 1)
#undef __TX_DP2

#undef __TX_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_INTRINSICS_H
