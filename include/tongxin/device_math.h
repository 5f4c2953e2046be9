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
//   fdim fdimf hypot hypotf ilogb ilogbf lgamma lgammaf log1p log1pf logb
//   logbf nextafter nextafterf remainder remainderf remquo remquof scalbn
//   scalbnf scalbln scalblnf sinh sinhf tan tanf tanh tanhf tgamma tgammaf
//   frexp frexpf modf modff j0 j0f j1 j1f jn jnf y0 y0f y1 y1f yn ynf
//   (and, if the optimiser chooses libcalls for the generic intrinsics:
//   sin(f) cos(f) exp(f) exp2(f) exp10(f) log(f) log2(f) log10(f) pow(f)
//   fmod(f) ldexp(f) and the rounding functions).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_MATH_H
#define TONGXIN_DEVICE_MATH_H

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
__TX_M1(exp) __TX_M1(exp2) __TX_M1(exp10) __TX_M1(expm1)
__TX_M1(log) __TX_M1(log2) __TX_M1(log10) __TX_M1(log1p) __TX_M1(logb)
__TX_M1(sqrt) __TX_M1(cbrt)
__TX_M1(ceil) __TX_M1(floor) __TX_M1(trunc) __TX_M1(round)
__TX_M1(rint) __TX_M1(nearbyint) __TX_M1(fabs)
__TX_M1(erf) __TX_M1(erfc) __TX_M1(lgamma) __TX_M1(tgamma)
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
__device__ float j0f(float);
__device__ double j1(double);
__device__ float j1f(float);
__device__ double jn(int, double);
__device__ float jnf(int, float);
__device__ double y0(double);
__device__ float y0f(float);
__device__ double y1(double);
__device__ float y1f(float);
__device__ double yn(int, double);
__device__ float ynf(int, float);
}
__TX_DEVICE__ float nanf(const char *) { return __builtin_nanf(""); }
__TX_DEVICE__ double nan(const char *) { return __builtin_nan(""); }

// CUDA's pow(x, int) overloads: exact repeated multiplication (llvm.powi).
__TX_DEVICE__ float pow(float __x, int __n) { return __builtin_powif(__x, __n); }
__TX_DEVICE__ double pow(double __x, int __n) { return __builtin_powi(__x, __n); }

__TX_DEVICE__ void sincosf(float __x, float *__s, float *__c) {
  *__s = __builtin_sinf(__x);
  *__c = __builtin_cosf(__x);
}
__TX_DEVICE__ void sincos(float __x, float *__s, float *__c) {
  sincosf(__x, __s, __c);
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

//===--- CUDA-only functions ----------------------------------------------===//
// These have no libm counterpart; they are defined from the ones above.

#define __TX_CUDA1(F, FF, EXPR_F, EXPR_D)                                      \
  __TX_DEVICE__ float FF(float __x) { return EXPR_F; }                         \
  __TX_DEVICE__ float F(float __x) { return EXPR_F; }                          \
  __TX_DEVICE__ double F(double __x) { return EXPR_D; }

__TX_CUDA1(rsqrt, rsqrtf, 1.0f / __builtin_sqrtf(__x), 1.0 / __builtin_sqrt(__x))
__TX_CUDA1(rcbrt, rcbrtf, 1.0f / __builtin_cbrtf(__x), 1.0 / __builtin_cbrt(__x))
// sin(pi*x) and cos(pi*x): x = n/2 + r exactly, with |r| <= 1/4 and
// n = rint(2x), so the trigonometric function only ever sees |pi*r| <= pi/4
// and the quadrant comes from n. Multiplying x by pi first (the obvious
// formula) loses many ulp near integers. Zeros carry CUDA's signs.
__TX_DEVICE__ double __tx_trigpi(double __x, int __shift) {
  if (__builtin_isinf(__x))
    return __x - __x;
  if (__builtin_fabs(__x) >= 9007199254740992.0) // Every such x is even.
    return __shift ? 1.0 : __builtin_copysign(0.0, __x);
  double __n = __builtin_rint(2.0 * __x);
  double __a = 3.14159265358979323846 * __builtin_fma(-0.5, __n, __x);
  int __q = (int)__builtin_fmod(__n, 4.0) + __shift;
  __q &= 3;
  double __r = (__q & 1) ? __builtin_cos(__a) : __builtin_sin(__a);
  if (__q & 2)
    __r = -__r;
  if (__r == 0.0)
    __r = __shift ? 0.0 : __builtin_copysign(0.0, __x);
  return __r;
}
__TX_CUDA1(sinpi, sinpif, (float)__tx_trigpi(__x, 0), __tx_trigpi(__x, 0))
__TX_CUDA1(cospi, cospif, (float)__tx_trigpi(__x, 1), __tx_trigpi(__x, 1))
__TX_CUDA1(normcdf, normcdff, 0.5f * __builtin_erfcf(-0.70710678118654752f * __x),
           0.5 * __builtin_erfc(-0.70710678118654752440 * __x))
__TX_CUDA1(erfcx, erfcxf,
           (float)(__builtin_exp((double)__x * __x) * __builtin_erfc(__x)),
           __builtin_exp(__x * __x) * __builtin_erfc(__x))
#undef __TX_CUDA1

__TX_DEVICE__ void sincospif(float __x, float *__s, float *__c) {
  *__s = sinpif(__x);
  *__c = cospif(__x);
}
__TX_DEVICE__ void sincospi(double __x, double *__s, double *__c) {
  *__s = sinpi(__x);
  *__c = cospi(__x);
}
__TX_DEVICE__ float rhypotf(float __x, float __y) {
  return 1.0f / __builtin_hypotf(__x, __y);
}
__TX_DEVICE__ double rhypot(double __x, double __y) {
  return 1.0 / __builtin_hypot(__x, __y);
}
__TX_DEVICE__ float norm3df(float __a, float __b, float __c) {
  return __builtin_sqrtf(__a * __a + __b * __b + __c * __c);
}
__TX_DEVICE__ double norm3d(double __a, double __b, double __c) {
  return __builtin_sqrt(__a * __a + __b * __b + __c * __c);
}
__TX_DEVICE__ float rnorm3df(float __a, float __b, float __c) {
  return 1.0f / norm3df(__a, __b, __c);
}
__TX_DEVICE__ double rnorm3d(double __a, double __b, double __c) {
  return 1.0 / norm3d(__a, __b, __c);
}
__TX_DEVICE__ float norm4df(float __a, float __b, float __c, float __d) {
  return __builtin_sqrtf(__a * __a + __b * __b + __c * __c + __d * __d);
}
__TX_DEVICE__ double norm4d(double __a, double __b, double __c, double __d) {
  return __builtin_sqrt(__a * __a + __b * __b + __c * __c + __d * __d);
}
__TX_DEVICE__ float fdividef(float __x, float __y) { return __x / __y; }

// erfinv: Giles' single-precision approximation as a start, then two Newton
// steps on erf(y) - x, which brings it to double accuracy.
__TX_DEVICE__ double erfinv(double __x) {
  if (__x <= -1.0)
    return __x == -1.0 ? -__builtin_inf() : __builtin_nan("");
  if (__x >= 1.0)
    return __x == 1.0 ? __builtin_inf() : __builtin_nan("");
  double __w = -__builtin_log((1.0 - __x) * (1.0 + __x)), __p;
  if (__w < 5.0) {
    __w -= 2.5;
    __p = 2.81022636e-08;
    __p = 3.43273939e-07 + __p * __w;
    __p = -3.5233877e-06 + __p * __w;
    __p = -4.39150654e-06 + __p * __w;
    __p = 0.00021858087 + __p * __w;
    __p = -0.00125372503 + __p * __w;
    __p = -0.00417768164 + __p * __w;
    __p = 0.246640727 + __p * __w;
    __p = 1.50140941 + __p * __w;
  } else {
    __w = __builtin_sqrt(__w) - 3.0;
    __p = -0.000200214257;
    __p = 0.000100950558 + __p * __w;
    __p = 0.00134934322 + __p * __w;
    __p = -0.00367342844 + __p * __w;
    __p = 0.00573950773 + __p * __w;
    __p = -0.0076224613 + __p * __w;
    __p = 0.00943887047 + __p * __w;
    __p = 1.00167406 + __p * __w;
    __p = 2.83297682 + __p * __w;
  }
  double __y = __p * __x;
  for (int __i = 0; __i < 2; ++__i) // d/dy erf(y) = 2/sqrt(pi) exp(-y^2)
    __y -= (__builtin_erf(__y) - __x) /
           (1.1283791670955126 * __builtin_exp(-__y * __y));
  return __y;
}
__TX_DEVICE__ float erfinvf(float __x) { return (float)erfinv(__x); }
__TX_DEVICE__ double erfcinv(double __x) { return erfinv(1.0 - __x); }
__TX_DEVICE__ float erfcinvf(float __x) { return (float)erfinv(1.0 - (double)__x); }
__TX_DEVICE__ double normcdfinv(double __x) {
  return -1.4142135623730951 * erfcinv(2.0 * __x);
}
__TX_DEVICE__ float normcdfinvf(float __x) { return (float)normcdfinv(__x); }

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

//===--- Host headers, then the std:: view ---------------------------------===//
// Including them here (as nvcc's headers do) fixes the order: our device
// overloads first, then libm's host declarations and libstdc++'s using-
// declarations, which pick up both.

#include <math.h>
#include <stdlib.h>
#include <cmath>
#include <cstdlib>

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
