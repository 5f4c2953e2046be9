//===- tongxin/device_math.h - CUDA math in device code ---------*- C++ -*-===//
//
// Part of Tongxin. The CUDA math library (sinf, sqrt, fma, ...) for device
// code, as __device__ overloads that sit beside the host libm declarations.
//
// How it works: clang lets a __device__ function overload a host function of
// the same signature, and in device code prefers it. Every function here is
// defined *before* <math.h>/<cmath> are included, so the `using ::sin;`
// lines inside libstdc++'s <cmath> already see the device overloads and
// std::sin(x), ::sin(x) and sin(x) all resolve to them in device code. (The
// libstdc++ constexpr float/long-double overloads in namespace std are not
// made implicitly __host__ __device__ when a __device__ one with the same
// signature is already visible, so they do not become ambiguous.)
//
// Bodies use only clang's __builtin_* math, so the device IR contains either
// generic LLVM intrinsics (llvm.sqrt, llvm.fma, llvm.sin, llvm.floor,
// llvm.minnum, llvm.lround, llvm.powi, llvm.exp10, ...; device code is built
// without errno) or calls to C library functions by their libm names. The
// libm names device IR may therefore call are:
//
//   acos acosf acosh acoshf asin asinf asinh asinhf atan atanf atan2 atan2f
//   atanh atanhf cbrt cbrtf cosh coshf erf erff erfc erfcf expm1 expm1f
//   fdim fdimf hypot hypotf ilogb ilogbf lgamma log1p log1pf logb
//   logbf nextafter nextafterf remainder remainderf remquo remquof scalbn
//   scalbnf scalbln scalblnf sinh sinhf tan tanf tanh tanhf tgamma
//   frexp frexpf modf modff j0 j1 jn y0 y1 yn
//   (and, if the optimiser chooses libcalls for the generic intrinsics:
//   sin(f) cos(f) exp(f) exp2(f) exp10(f) log(f) log2(f) log10(f) pow(f)
//   fmod(f) ldexp(f) and the rounding functions).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_MATH_H
#define TONGXIN_DEVICE_MATH_H

// Like NVIDIA's math headers: a toolkit header, whose spelling (hex float
// literals, inf/nan checks kept under -ffast-math) is not the user's to be
// warned about under -pedantic or -Werror.
#pragma GCC system_header

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"

#define __TX_DEVICE__ static __device__ __inline__ __attribute__((always_inline))

//===--- Functions with a C99 name pair (F for double, Ff for float) -------===//
// Each expands to Ff(float), F(float) and F(double), as CUDA provides.

#define __TX_MATH1(R, F)                                                       \
  __TX_DEVICE__ R##f F##f(float __x) { return __builtin_##F##f(__x); }         \
  __TX_DEVICE__ R##f F(float __x) { return __builtin_##F##f(__x); }            \
  __TX_DEVICE__ R##d F(double __x) { return __builtin_##F(__x); }
#define __TX_MATH2(F)                                                          \
  __TX_DEVICE__ float F##f(float __x, float __y) {                             \
    return __builtin_##F##f(__x, __y);                                         \
  }                                                                            \
  __TX_DEVICE__ float F(float __x, float __y) {                                \
    return __builtin_##F##f(__x, __y);                                         \
  }                                                                            \
  __TX_DEVICE__ double F(double __x, double __y) { return __builtin_##F(__x, __y); }

// Return-type helpers for __TX_MATH1: "__txr_F f" -> float etc.
typedef float __txr_Ff;
typedef double __txr_Fd;
typedef int __txr_If;
typedef int __txr_Id;
typedef long __txr_Lf;
typedef long __txr_Ld;
typedef long long __txr_LLf;
typedef long long __txr_LLd;

#define __TX_M1(F) __TX_MATH1(__txr_F, F)
__TX_M1(acos) __TX_M1(asin) __TX_M1(atan)
__TX_M1(cos) __TX_M1(sin) __TX_M1(tan)
__TX_M1(acosh) __TX_M1(asinh) __TX_M1(atanh)
__TX_M1(cosh) __TX_M1(sinh) __TX_M1(tanh)
__TX_M1(exp) __TX_M1(exp2) __TX_M1(expm1)
__TX_M1(log) __TX_M1(log2) __TX_M1(log10) __TX_M1(log1p) __TX_M1(logb)
__TX_M1(sqrt)
__TX_M1(ceil) __TX_M1(floor) __TX_M1(trunc) __TX_M1(round)
__TX_M1(rint) __TX_M1(nearbyint) __TX_M1(fabs)
__TX_M1(erf) __TX_M1(erfc)
#undef __TX_M1
__TX_MATH1(__txr_I, ilogb)
__TX_MATH1(__txr_L, lround)
__TX_MATH1(__txr_L, lrint)
__TX_MATH1(__txr_LL, llround)
__TX_MATH1(__txr_LL, llrint)

__TX_MATH2(atan2) __TX_MATH2(pow) __TX_MATH2(fmod) __TX_MATH2(remainder)
__TX_MATH2(copysign) __TX_MATH2(hypot) __TX_MATH2(fmin) __TX_MATH2(fmax)
__TX_MATH2(fdim) __TX_MATH2(nextafter)

#undef __TX_MATH1
#undef __TX_MATH2

__TX_DEVICE__ float fmaf(float __x, float __y, float __z) {
  return __builtin_fmaf(__x, __y, __z);
}
__TX_DEVICE__ float fma(float __x, float __y, float __z) {
  return __builtin_fmaf(__x, __y, __z);
}
__TX_DEVICE__ double fma(double __x, double __y, double __z) {
  return __builtin_fma(__x, __y, __z);
}

// Functions with an int, long or pointer operand.
#define __TX_MATH_X(F, T, BF, ...)                                             \
  __TX_DEVICE__ T F(T __x, __VA_ARGS__ __a) { return BF(__x, __a); }
__TX_MATH_X(frexpf, float, __builtin_frexpf, int *)
__TX_MATH_X(frexp, float, __builtin_frexpf, int *)
__TX_MATH_X(frexp, double, __builtin_frexp, int *)
__TX_MATH_X(ldexpf, float, __builtin_ldexpf, int)
__TX_MATH_X(ldexp, float, __builtin_ldexpf, int)
__TX_MATH_X(ldexp, double, __builtin_ldexp, int)
__TX_MATH_X(scalbnf, float, __builtin_scalbnf, int)
__TX_MATH_X(scalbn, float, __builtin_scalbnf, int)
__TX_MATH_X(scalbn, double, __builtin_scalbn, int)
__TX_MATH_X(scalblnf, float, __builtin_scalblnf, long)
__TX_MATH_X(scalbln, float, __builtin_scalblnf, long)
__TX_MATH_X(scalbln, double, __builtin_scalbln, long)
__TX_MATH_X(modff, float, __builtin_modff, float *)
__TX_MATH_X(modf, float, __builtin_modff, float *)
__TX_MATH_X(modf, double, __builtin_modf, double *)
#undef __TX_MATH_X

__TX_DEVICE__ float remquof(float __x, float __y, int *__q) {
  return __builtin_remquof(__x, __y, __q);
}
__TX_DEVICE__ float remquo(float __x, float __y, int *__q) {
  return __builtin_remquof(__x, __y, __q);
}
__TX_DEVICE__ double remquo(double __x, double __y, int *__q) {
  return __builtin_remquo(__x, __y, __q);
}
// Bessel functions have no clang builtin: declare the libm symbols for the
// device side, so device IR calls them by their C names.
extern "C" {
__device__ double j0(double);
// j1 itself is defined below: CUDA returns ±0 for ±inf, which not every
// libm does (x86 glibc gives +0 for -inf).
__device__ double __tx_libm_j1(double) __asm__("j1");
__device__ double jn(int, double);
__device__ double y0(double);
__device__ double y1(double);
__device__ double yn(int, double);
}
__TX_DEVICE__ float nanf(const char *) { return __builtin_nanf(""); }
__TX_DEVICE__ double nan(const char *) { return __builtin_nan(""); }

// CUDA's pow(x, int) overloads: exact repeated multiplication (llvm.powi).
__TX_DEVICE__ float pow(float __x, int __n) { return __builtin_powif(__x, __n); }
__TX_DEVICE__ double pow(double __x, int __n) { return __builtin_powi(__x, __n); }

// -use_fast_math (txcc defines __USE_FAST_MATH__): nvcc then maps sinf,
// cosf, tanf, sincosf, expf, exp10f, logf, log2f, log10f and powf to their
// __ intrinsics. Tongxin's __ intrinsics are these same accurate libm
// calls (CUDA only bounds the fast forms' error from above), so the mapping
// is the identity and results do not change with the flag.
__TX_DEVICE__ void sincosf(float __x, float *__s, float *__c) {
  *__s = __builtin_sinf(__x);
  *__c = __builtin_cosf(__x);
}
__TX_DEVICE__ void sincos(double __x, double *__s, double *__c) {
  *__s = __builtin_sin(__x);
  *__c = __builtin_cos(__x);
}

//===--- Integer absolute value -------------------------------------------===//

__TX_DEVICE__ int abs(int __n) { return __builtin_abs(__n); }
__TX_DEVICE__ long labs(long __n) { return __builtin_labs(__n); }
__TX_DEVICE__ long long llabs(long long __n) { return __builtin_llabs(__n); }
__TX_DEVICE__ long abs(long __n) { return __builtin_labs(__n); }
__TX_DEVICE__ long long abs(long long __n) { return __builtin_llabs(__n); }
__TX_DEVICE__ float abs(float __x) { return __builtin_fabsf(__x); }
__TX_DEVICE__ double abs(double __x) { return __builtin_fabs(__x); }

#include "tongxin/cuda_only_math.h"

//===--- exp10 and cbrt in double ------------------------------------------===//
// glibc's double exp10 and cbrt reach 1.6 and 2.6 ulp, over CUDA's 1 ulp.
// exp10: exp(x ln10) with x ln10 carried as hi + lo. cbrt: one Newton step
// on the libm result with an exactly computed residual x - r^3.

__TX_DEVICE__ double exp10(double __x) {
  const double __l10h = 2.302585092994046, __l10l = -2.1707562233822494e-16;
  double __h = __x * __l10h;
  if (__h != __h || __builtin_isinf(__h))
    return __builtin_exp(__h);
  double __lo = __builtin_fma(__x, __l10h, -__h) + __x * __l10l;
  double __e = __builtin_exp(__h);
  return __builtin_fma(__e, __lo, __e);
}
__TX_DEVICE__ float exp10f(float __x) { return (float)exp10((double)__x); }
__TX_DEVICE__ double cbrt(double __x) {
  double __a = __builtin_fabs(__x);
  if (__a == 0 || __builtin_isinf(__a) || __a != __a)
    return __x + __x;
  bool __tiny = __a < 0x1p-900;
  double __xs = __tiny ? __x * 0x1p600 : __x; // keep the residual normal
  double __r = __builtin_cbrt(__xs);
  double __v = __r * __r, __vl = __builtin_fma(__r, __r, -__v);
  double __w = __v * __r, __wl = __builtin_fma(__v, __r, -__w) + __vl * __r;
  double __res = (__xs - __w) - __wl; // x - r^3
  __r = __builtin_fma(__res / (3.0 * __v), 1.0, __r);
  return __tiny ? __r * 0x1p-200 : __r;
}
__TX_DEVICE__ float cbrtf(float __x) { return __builtin_cbrtf(__x); }
__TX_DEVICE__ float cbrt(float __x) { return __builtin_cbrtf(__x); }

//===--- Gamma and Bessel functions in float --------------------------------===//
// Evaluated with the double libm functions and rounded once: glibc's float
// versions have errors beyond CUDA's bounds near the zeros.

#define __TX_VIA_DOUBLE(F, FF)                                                 \
  __TX_DEVICE__ float FF(float __x) { return (float)__builtin_##F((double)__x); } \
  __TX_DEVICE__ float F(float __x) { return FF(__x); }                         \
  __TX_DEVICE__ double F(double __x) { return __builtin_##F(__x); }
__TX_VIA_DOUBLE(lgamma, lgammaf)
__TX_VIA_DOUBLE(tgamma, tgammaf)
#undef __TX_VIA_DOUBLE
__TX_DEVICE__ float j0f(float __x) { return (float)j0((double)__x); }
__TX_DEVICE__ double j1(double __x) {
  return __builtin_isinf(__x) ? __builtin_copysign(0.0, __x)
                              : __tx_libm_j1(__x);
}
__TX_DEVICE__ float j1f(float __x) { return (float)j1((double)__x); }
__TX_DEVICE__ float y0f(float __x) { return (float)y0((double)__x); }
__TX_DEVICE__ float y1f(float __x) { return (float)y1((double)__x); }
__TX_DEVICE__ float jnf(int __n, float __x) { return (float)jn(__n, (double)__x); }
__TX_DEVICE__ float ynf(int __n, float __x) { return (float)yn(__n, (double)__x); }

//===--- Modified Bessel functions I0 and I1 --------------------------------===//
// |x| < 30: the power series sum_k (x/2)^(2k+nu) / (k! (k+nu)!) in
// double-double (all terms positive, so the sum is well conditioned).
// |x| >= 30: the asymptotic series e^x / sqrt(2 pi x) sum_k c_k / x^k whose
// smallest term there is below 2^-80; e^x is split to delay overflow.

__TX_DEVICE__ double __tx_bessel_i(double __x, int __nu) {
  double __a = __builtin_fabs(__x);
  if (__a != __a)
    return __x;
  double __r;
  if (__a < 30.0) {
    __tx_dd::__dd __q = __tx_dd::__sqr(0.5 * __a);
    __tx_dd::__dd __t = {__nu ? 0.5 * __a : 1.0, 0.0}, __s = __t;
    for (int __k = 1; __k < 200; ++__k) {
      __t = __tx_dd::__div(__tx_dd::__mul(__t, __q), (double)__k * (__k + __nu));
      __s = __tx_dd::__add(__s, __t);
      if (__t.__hi < 0x1p-60 * __s.__hi)
        break;
    }
    __r = __s.__hi + __s.__lo;
  } else if (__builtin_isinf(__a)) {
    __r = __a;
  } else {
    double __mu = 4.0 * __nu * __nu, __t = 1.0, __s = 1.0;
    for (int __k = 1; __k < 60; ++__k) {
      double __f = ((2.0 * __k - 1) * (2.0 * __k - 1) - __mu) / (8.0 * __k * __a);
      if (__builtin_fabs(__f) >= 1.0)
        break;
      __t *= __f;
      __s += __t;
      if (__builtin_fabs(__t) < 0x1p-60)
        break;
    }
    double __h = __builtin_exp(0.5 * __a);
    __r = __h * ((__h * __s) / __builtin_sqrt(6.283185307179586477 * __a));
  }
  return (__nu && __x < 0) ? -__r : __r;
}
__TX_DEVICE__ double cyl_bessel_i0(double __x) { return __tx_bessel_i(__x, 0); }
__TX_DEVICE__ double cyl_bessel_i1(double __x) { return __tx_bessel_i(__x, 1); }
__TX_DEVICE__ float cyl_bessel_i0f(float __x) {
  return (float)__tx_bessel_i(__x, 0);
}
__TX_DEVICE__ float cyl_bessel_i1f(float __x) {
  return (float)__tx_bessel_i(__x, 1);
}

//===--- Euclidean norms ---------------------------------------------------===//
// Double: the inputs are scaled by a power of two near the largest (no
// overflow or underflow), squared and summed in double-double, and the root
// (or its reciprocal) is corrected once: below 1 ulp. Float: squares and sum
// in double are (nearly) exact, so one rounding at the end.

__TX_DEVICE__ double __tx_norm(int __n, const double *__v, bool __recip) {
  double __m = 0;
  bool __nan = false;
  for (int __i = 0; __i < __n; ++__i) {
    double __a = __builtin_fabs(__v[__i]);
    if (__builtin_isinf(__a))
      return __recip ? 0.0 : __builtin_inf();
    __nan |= __a != __a;
    __m = __a > __m ? __a : __m;
  }
  if (__nan)
    return __builtin_nan("");
  if (__m == 0)
    return __recip ? __builtin_inf() : 0.0;
  int __e;
  __builtin_frexp(__m, &__e);
  __tx_dd::__dd __s = {0, 0};
  for (int __i = 0; __i < __n; ++__i)
    __s = __tx_dd::__add(__s, __tx_dd::__sqr(__builtin_ldexp(__v[__i], -__e)));
  double __r = __builtin_sqrt(__s.__hi);
  double __c = (__builtin_fma(-__r, __r, __s.__hi) + __s.__lo) / (2.0 * __r);
  if (!__recip)
    return __builtin_ldexp(__r + __c, __e);
  double __q = 1.0 / __r;
  double __d = __builtin_fma(-__q, __r, 1.0) - __q * __c; // 1 - q (r + c)
  return __builtin_ldexp(__builtin_fma(__q, __d, __q), -__e);
}
__TX_DEVICE__ float __tx_normf(int __n, const float *__v, bool __recip) {
  double __s = 0;
  bool __inf = false;
  for (int __i = 0; __i < __n; ++__i) {
    __inf |= __builtin_isinf(__v[__i]);
    __s += (double)__v[__i] * (double)__v[__i];
  }
  if (__inf)
    return __recip ? 0.0f : __builtin_inff();
  double __r = __builtin_sqrt(__s);
  return (float)(__recip ? 1.0 / __r : __r);
}
__TX_DEVICE__ double norm(int __n, const double *__v) {
  return __tx_norm(__n, __v, false);
}
__TX_DEVICE__ double rnorm(int __n, const double *__v) {
  return __tx_norm(__n, __v, true);
}
__TX_DEVICE__ float normf(int __n, const float *__v) {
  return __tx_normf(__n, __v, false);
}
__TX_DEVICE__ float rnormf(int __n, const float *__v) {
  return __tx_normf(__n, __v, true);
}
#define __TX_NORMS(NAME, RNAME, ...)                                           \
  __TX_DEVICE__ double NAME(__TX_ARGS(double, __VA_ARGS__)) {                  \
    double __v[] = {__VA_ARGS__};                                              \
    return __tx_norm(sizeof(__v) / sizeof(__v[0]), __v, false);                \
  }                                                                            \
  __TX_DEVICE__ double RNAME(__TX_ARGS(double, __VA_ARGS__)) {                 \
    double __v[] = {__VA_ARGS__};                                              \
    return __tx_norm(sizeof(__v) / sizeof(__v[0]), __v, true);                 \
  }                                                                            \
  __TX_DEVICE__ float NAME##f(__TX_ARGS(float, __VA_ARGS__)) {                 \
    float __v[] = {__VA_ARGS__};                                               \
    return __tx_normf(sizeof(__v) / sizeof(__v[0]), __v, false);               \
  }                                                                            \
  __TX_DEVICE__ float RNAME##f(__TX_ARGS(float, __VA_ARGS__)) {                \
    float __v[] = {__VA_ARGS__};                                               \
    return __tx_normf(sizeof(__v) / sizeof(__v[0]), __v, true);                \
  }
#define __TX_ARGS(T, ...) __TX_ARGS_N(__VA_ARGS__, 4, 3, 2)(T, __VA_ARGS__)
#define __TX_ARGS_N(_1, _2, _3, _4, N, ...) __TX_ARGS_##N
#define __TX_ARGS_2(T, A, B) T A, T B
#define __TX_ARGS_3(T, A, B, C) T A, T B, T C
#define __TX_ARGS_4(T, A, B, C, D) T A, T B, T C, T D
__TX_NORMS(norm3d, rnorm3d, __a, __b, __c)
__TX_NORMS(norm4d, rnorm4d, __a, __b, __c, __d)
#undef __TX_NORMS
#undef __TX_ARGS
#undef __TX_ARGS_N
#undef __TX_ARGS_2
#undef __TX_ARGS_3
#undef __TX_ARGS_4
__TX_DEVICE__ double rhypot(double __x, double __y) {
  double __v[] = {__x, __y};
  return __tx_norm(2, __v, true);
}
__TX_DEVICE__ float rhypotf(float __x, float __y) {
  float __v[] = {__x, __y};
  return __tx_normf(2, __v, true);
}
__TX_DEVICE__ float rhypot(float __x, float __y) { return rhypotf(__x, __y); }
__TX_DEVICE__ float fdividef(float __x, float __y) { return __x / __y; }

//===--- Classification (CUDA's internal-name forms) -----------------------===//
// isnan/isinf/isfinite/signbit themselves come from <cmath> (constexpr, so
// usable in device code); CUDA also exposes these spellings.

__TX_DEVICE__ int __isnan(double __x) { return __builtin_isnan(__x); }
__TX_DEVICE__ int __isnanf(float __x) { return __builtin_isnan(__x); }
__TX_DEVICE__ int __isinf(double __x) { return __builtin_isinf(__x); }
__TX_DEVICE__ int __isinff(float __x) { return __builtin_isinf(__x); }
__TX_DEVICE__ int __finite(double __x) { return __builtin_isfinite(__x); }
__TX_DEVICE__ int __finitef(float __x) { return __builtin_isfinite(__x); }
__TX_DEVICE__ int __signbit(double __x) { return __builtin_signbit(__x); }
__TX_DEVICE__ int __signbitf(float __x) { return __builtin_signbit(__x); }

//===--- min / max ---------------------------------------------------------===//
// CUDA's global min/max: usable from host and device code, one overload per
// integer width (mixed signedness converts to unsigned, as CUDA does) and
// for float/double. A template catches any other mix of arithmetic types
// (e.g. max(int, float)) and uses the usual arithmetic conversions.

#define __TX_MINMAX(R, A, B)                                                   \
  static __host__ __device__ __inline__ R min(A __a, B __b) {                  \
    return (R)__a < (R)__b ? (R)__a : (R)__b;                                  \
  }                                                                            \
  static __host__ __device__ __inline__ R max(A __a, B __b) {                  \
    return (R)__a > (R)__b ? (R)__a : (R)__b;                                  \
  }
__TX_MINMAX(int, int, int)
__TX_MINMAX(unsigned int, unsigned int, unsigned int)
__TX_MINMAX(unsigned int, int, unsigned int)
__TX_MINMAX(unsigned int, unsigned int, int)
__TX_MINMAX(long, long, long)
__TX_MINMAX(unsigned long, unsigned long, unsigned long)
__TX_MINMAX(unsigned long, long, unsigned long)
__TX_MINMAX(unsigned long, unsigned long, long)
__TX_MINMAX(long long, long long, long long)
__TX_MINMAX(unsigned long long, unsigned long long, unsigned long long)
__TX_MINMAX(unsigned long long, long long, unsigned long long)
__TX_MINMAX(unsigned long long, unsigned long long, long long)
#undef __TX_MINMAX
static __host__ __device__ __inline__ float min(float __a, float __b) {
  return __builtin_fminf(__a, __b);
}
static __host__ __device__ __inline__ float max(float __a, float __b) {
  return __builtin_fmaxf(__a, __b);
}
static __host__ __device__ __inline__ double min(double __a, double __b) {
  return __builtin_fmin(__a, __b);
}
static __host__ __device__ __inline__ double max(double __a, double __b) {
  return __builtin_fmax(__a, __b);
}
static __host__ __device__ __inline__ double min(float __a, double __b) {
  return __builtin_fmin(__a, __b);
}
static __host__ __device__ __inline__ double max(float __a, double __b) {
  return __builtin_fmax(__a, __b);
}
static __host__ __device__ __inline__ double min(double __a, float __b) {
  return __builtin_fmin(__a, __b);
}
static __host__ __device__ __inline__ double max(double __a, float __b) {
  return __builtin_fmax(__a, __b);
}

namespace __tx_math {
template <typename __T> struct __arith { static const bool value = false; };
#define __TX_ARITH(T)                                                          \
  template <> struct __arith<T> { static const bool value = true; };
__TX_ARITH(char) __TX_ARITH(signed char) __TX_ARITH(unsigned char)
__TX_ARITH(short) __TX_ARITH(unsigned short) __TX_ARITH(int)
__TX_ARITH(unsigned int) __TX_ARITH(long) __TX_ARITH(unsigned long)
__TX_ARITH(long long) __TX_ARITH(unsigned long long) __TX_ARITH(float)
__TX_ARITH(double) __TX_ARITH(bool)
#undef __TX_ARITH
template <bool __B, typename __T> struct __enable_if {};
template <typename __T> struct __enable_if<true, __T> { typedef __T type; };
template <typename __A, typename __B>
struct __mixed
    : __enable_if<__arith<__A>::value && __arith<__B>::value,
                  decltype(__A() + __B())> {};
} // namespace __tx_math

template <typename __A, typename __B>
static __host__ __device__ __inline__
    typename __tx_math::__mixed<__A, __B>::type
    min(__A __a, __B __b) {
  typedef typename __tx_math::__mixed<__A, __B>::type __R;
  return min((__R)__a, (__R)__b);
}
template <typename __A, typename __B>
static __host__ __device__ __inline__
    typename __tx_math::__mixed<__A, __B>::type
    max(__A __a, __B __b) {
  typedef typename __tx_math::__mixed<__A, __B>::type __R;
  return max((__R)__a, (__R)__b);
}

//===--- arg of a real number ----------------------------------------------===//
// Not in CUDA's math API, but libraries written for nvcc name ::arg in device
// code (Eigen's EIGEN_USING_STD(arg) under __NVCC__): EDG checks such a
// using-declaration only when its template is instantiated, clang at once.
// std::arg's value for real numbers: pi for negative ones (and -0), else 0.

__TX_DEVICE__ float arg(float __x) {
  return __builtin_signbit(__x) ? 3.14159265358979323846f : 0.0f;
}
__TX_DEVICE__ double arg(double __x) {
  return __builtin_signbit(__x) ? 3.14159265358979323846 : 0.0;
}

//===--- Host headers, then the std:: view ---------------------------------===//
// Including them here (as nvcc's headers do) fixes the order: our device
// overloads first, then libm's host declarations and libstdc++'s using-
// declarations, which pick up both.

#include <math.h>
#include <stdlib.h>
#include <cmath>
#include <cstdlib>

// CUDA's float overloads of the GNU libm functions exp10 and sincos work in
// host code too. They call exp10f/sincosf, which resolve to ours in device
// code and to glibc's on the host, so they must follow <math.h>.
static __host__ __device__ __inline__ float exp10(float __x) {
  return exp10f(__x);
}
static __host__ __device__ __inline__ void sincos(float __x, float *__s,
                                                  float *__c) {
  sincosf(__x, __s, __c);
}

// Should <cmath> have been included before this header after all (a user
// including it ahead of cuda_runtime.h without nvcc's forced include), its
// using-declarations missed our overloads; repeating them is harmless.
namespace std {
#define __TX_USING(F) using ::F;
__TX_USING(acos) __TX_USING(asin) __TX_USING(atan) __TX_USING(atan2)
__TX_USING(cos) __TX_USING(sin) __TX_USING(tan) __TX_USING(acosh)
__TX_USING(asinh) __TX_USING(atanh) __TX_USING(cosh) __TX_USING(sinh)
__TX_USING(tanh) __TX_USING(exp) __TX_USING(exp2) __TX_USING(expm1)
__TX_USING(log) __TX_USING(log2) __TX_USING(log10) __TX_USING(log1p)
__TX_USING(logb) __TX_USING(sqrt) __TX_USING(cbrt) __TX_USING(ceil)
__TX_USING(floor) __TX_USING(trunc) __TX_USING(round) __TX_USING(rint)
__TX_USING(nearbyint) __TX_USING(fabs) __TX_USING(erf) __TX_USING(erfc)
__TX_USING(lgamma) __TX_USING(tgamma) __TX_USING(ilogb) __TX_USING(lround)
__TX_USING(lrint) __TX_USING(llround) __TX_USING(llrint) __TX_USING(pow)
__TX_USING(fmod) __TX_USING(remainder) __TX_USING(copysign)
__TX_USING(hypot) __TX_USING(fmin) __TX_USING(fmax) __TX_USING(fdim)
__TX_USING(nextafter) __TX_USING(fma) __TX_USING(frexp) __TX_USING(ldexp)
__TX_USING(scalbn) __TX_USING(scalbln) __TX_USING(modf) __TX_USING(remquo)
__TX_USING(abs) __TX_USING(labs) __TX_USING(llabs)
#undef __TX_USING
} // namespace std

#undef __TX_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_MATH_H
