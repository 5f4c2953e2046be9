//===- tongxin/cuda_only_math.h - CUDA math without libm twins --*- C++ -*-===//
//
// Part of Tongxin. The math functions CUDA adds to C's (sinpi, cospi,
// sincospi, rsqrt, rcbrt, erfinv, erfcinv, erfcx, normcdf, normcdfinv) in
// their float and double forms. CUDA's headers make exactly these callable
// from host code as well, so they are __host__ __device__ here too; the
// device-only ones (norm3d, rnorm*, rhypot, cyl_bessel_*) stay in
// device_math.h, since a host definition would collide with the host
// helpers nvcc users write for them. Bodies use only clang builtins.
//
// Included by device_math.h; not a header of its own.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_ONLY_MATH_H
#define TONGXIN_CUDA_ONLY_MATH_H

// Like NVIDIA's math headers: a toolkit header, whose spelling (hex float
// literals, inf/nan checks kept under -ffast-math) is not the user's to be
// warned about under -pedantic or -Werror.
#pragma GCC system_header

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"

#define __TX_HOST_DEVICE__                                                     \
  static __host__ __device__ __inline__ __attribute__((always_inline))

//===--- sinpi, cospi
//------------------------------------------------------===//

#define __TX_CUDA1(F, FF, EXPR_F, EXPR_D)                                      \
  __TX_HOST_DEVICE__ float FF(float __x) { return EXPR_F; }                    \
  __TX_HOST_DEVICE__ float F(float __x) { return EXPR_F; }                     \
  __TX_HOST_DEVICE__ double F(double __x) { return EXPR_D; }

// sin(pi*x) and cos(pi*x): x = n/2 + r exactly, with |r| <= 1/4 and
// n = rint(2x), so the trigonometric function only ever sees |pi*r| <= pi/4
// and the quadrant comes from n. Multiplying x by pi first (the obvious
// formula) loses many ulp near integers. Zeros carry CUDA's signs.
__TX_HOST_DEVICE__ double __tx_trigpi(double __x, int __shift) {
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
#undef __TX_CUDA1

// Small double-double helpers for the functions below: a value hi + lo with
// |lo| <= ulp(hi)/2, enough to carry ~106 bits through a few operations.
namespace __tx_dd {
struct __dd {
  double __hi, __lo;
};
__TX_HOST_DEVICE__ __dd __norm(double __a, double __b) {
  double __s = __a + __b;
  return {__s, __b - (__s - __a)};
}
__TX_HOST_DEVICE__ __dd __add(__dd __a, __dd __b) {
  double __s = __a.__hi + __b.__hi, __v = __s - __a.__hi;
  double __e = (__a.__hi - (__s - __v)) + (__b.__hi - __v);
  return __norm(__s, __e + __a.__lo + __b.__lo);
}
__TX_HOST_DEVICE__ __dd __mul(__dd __a, __dd __b) {
  double __p = __a.__hi * __b.__hi;
  double __e = __builtin_fma(__a.__hi, __b.__hi, -__p);
  return __norm(__p, __e + (__a.__hi * __b.__lo + __a.__lo * __b.__hi));
}
__TX_HOST_DEVICE__ __dd __div(__dd __a, double __d) {
  double __q = __a.__hi / __d;
  double __r = __builtin_fma(-__q, __d, __a.__hi) + __a.__lo;
  return __norm(__q, __r / __d);
}
__TX_HOST_DEVICE__ __dd __sqr(double __x) {
  double __p = __x * __x;
  return {__p, __builtin_fma(__x, __x, -__p)};
}
} // namespace __tx_dd

//===--- Reciprocal roots
//--------------------------------------------------===//
// 1/sqrt and 1/cbrt rounded twice can be off by more than CUDA's 1 ulp, so
// the double forms take one Newton step with an exactly computed residual.
// rsqrtf is allowed 2 ulp: a correctly rounded square root and division in
// float stay within 1.5 ulp, and vectorise (sqrtps, divps) where a detour
// through double would not. rcbrtf is evaluated in double and rounded once.

__TX_HOST_DEVICE__ double rsqrt(double __x) {
  double __r = 1.0 / __builtin_sqrt(__x);
  if (!(__x > 0) || __builtin_isinf(__x))
    return __r;
  double __u = __r * __x, __ul = __builtin_fma(__r, __x, -__u);
  double __e = __builtin_fma(-__u, __r, 1.0) - __ul * __r; // 1 - x r^2
  return __builtin_fma(__r * 0.5, __e, __r);
}
__TX_HOST_DEVICE__ double rcbrt(double __x) {
  double __r = 1.0 / __builtin_cbrt(__x);
  if (__x == 0 || __builtin_isinf(__x) || __x != __x)
    return __r;
  double __u = __r * __x, __ul = __builtin_fma(__r, __x, -__u);
  double __v = __r * __r, __vl = __builtin_fma(__r, __r, -__v);
  double __e = __builtin_fma(-__u, __v, 1.0) - (__u * __vl + __ul * __v);
  return __builtin_fma(__r * (1.0 / 3.0), __e, __r);
}
// On a GPU, txcc's PTX path replaces __tx_rsqrtf with libdevice's rsqrtf
// (rsqrt.approx, as nvcc's), like the fast intrinsics.
extern "C" __device__ __inline__ __attribute__((always_inline)) float
__tx_rsqrtf(float __x) {
  return 1.0f / __builtin_sqrtf(__x);
}
__TX_HOST_DEVICE__ float rsqrtf(float __x) {
#ifdef __CUDA_ARCH__
  return __tx_rsqrtf(__x);
#else
  return 1.0f / __builtin_sqrtf(__x);
#endif
}
__TX_HOST_DEVICE__ float rsqrt(float __x) { return rsqrtf(__x); }
__TX_HOST_DEVICE__ float rcbrtf(float __x) { return (float)rcbrt((double)__x); }
__TX_HOST_DEVICE__ float rcbrt(float __x) { return rcbrtf(__x); }

//===--- Error-function family
//---------------------------------------------===//

// erfcx(x) = exp(x^2) erfc(x). x^2 is carried as hi + lo (its rounding error
// alone would cost ~x^2 ulp); beyond x = 26, where erfc underflows, the
// asymptotic series 1/(x sqrt(pi)) sum_k (-1)^k (2k-1)!! / (2x^2)^k.
__TX_HOST_DEVICE__ double __tx_exp_sq(double __x) {
  __tx_dd::__dd __q = __tx_dd::__sqr(__x);
  double __e = __builtin_exp(__q.__hi);
  return __builtin_fma(__e, __q.__lo, __e);
}
__TX_HOST_DEVICE__ double erfcx(double __x) {
  if (__x != __x)
    return __x;
  if (__x < 0) {
    if (__x < -26.7)
      return __builtin_inf();
    return 2.0 * __tx_exp_sq(__x) - erfcx(-__x);
  }
  if (__x < 26.0)
    return __tx_exp_sq(__x) * __builtin_erfc(__x);
  if (__x > 1e9)
    return 0.56418958354775628695 / __x;
  double __t = 0.5 / (__x * __x), __term = 1.0, __s = 1.0;
  for (int __k = 1; __k < 14; ++__k) {
    __term *= -(2.0 * __k - 1) * __t;
    __s += __term;
  }
  return 0.56418958354775628695 / __x * __s;
}
__TX_HOST_DEVICE__ float erfcxf(float __x) { return (float)erfcx((double)__x); }
__TX_HOST_DEVICE__ float erfcx(float __x) { return erfcxf(__x); }

// normcdf(x) = erfc(-x/sqrt(2))/2 with the argument as hi + lo: its rounding
// error is amplified ~x^2 times by erfc in the far tail.
__TX_HOST_DEVICE__ double normcdf(double __x) {
  if (__x != __x || __builtin_isinf(__x))
    return __x != __x ? __x : (__x > 0 ? 1.0 : 0.0);
  const double __ch = 0.70710678118654757, __cl = -4.833646656726457e-17;
  double __th = -__x * __ch;
  double __tl = __builtin_fma(-__x, __ch, -__th) - __x * __cl;
  double __d = 1.1283791670955126 * __builtin_exp(-__th * __th);
  return 0.5 * __builtin_fma(-__tl, __d, __builtin_erfc(__th));
}
__TX_HOST_DEVICE__ float normcdff(float __x) {
  return (float)(0.5 * __builtin_erfc(-0.70710678118654752440 * (double)__x));
}
__TX_HOST_DEVICE__ float normcdf(float __x) { return normcdff(__x); }

// erfinv for |x| <= 1/2: Giles' single-precision polynomial as the start,
// then Newton steps on erf(y) - x (erf is well conditioned there).
__TX_HOST_DEVICE__ double __tx_erfinv_mid(double __x) {
  double __w = -__builtin_log((1.0 - __x) * (1.0 + __x)) - 2.5, __p;
  __p = 2.81022636e-08;
  __p = 3.43273939e-07 + __p * __w;
  __p = -3.5233877e-06 + __p * __w;
  __p = -4.39150654e-06 + __p * __w;
  __p = 0.00021858087 + __p * __w;
  __p = -0.00125372503 + __p * __w;
  __p = -0.00417768164 + __p * __w;
  __p = 0.246640727 + __p * __w;
  __p = 1.50140941 + __p * __w;
  double __y = __p * __x;
  for (int __i = 0; __i < 3; ++__i) // d/dy erf(y) = 2/sqrt(pi) exp(-y^2)
    __y -= (__builtin_erf(__y) - __x) /
           (1.1283791670955126 * __builtin_exp(-__y * __y));
  return __y;
}
// erfcinv for 0 < z <= 1/2 (y >= 0.47): Newton on f(y) = log(erfc(y)/z),
// which stays well scaled down to the smallest subnormal z. Where erfc(y)
// underflows, log erfc(y) = log erfcx(y) - y^2 with y^2 as hi + lo.
// f is concave, so Newton from the asymptotic start converges monotonically.
__TX_HOST_DEVICE__ double __tx_erfcinv_tail(double __z) {
  double __lz = __builtin_log(__z);
  double __t = -__lz;
  double __y =
      __builtin_sqrt(__t - 0.5 * __builtin_log(3.14159265358979323846 * __t));
  if (!(__y > 0.4))
    __y = 0.4;
  for (int __i = 0; __i < 12; ++__i) {
    double __f;
    if (__y < 25.0) {
      __f = __builtin_log(__builtin_erfc(__y) / __z);
    } else {
      __tx_dd::__dd __q = __tx_dd::__sqr(__y);
      __f = ((__builtin_log(erfcx(__y)) - __lz) - __q.__hi) - __q.__lo;
    }
    // f'(y) = -2 / (sqrt(pi) erfcx(y))
    double __step = __f * 0.88622692545275801365 * erfcx(__y);
    __y += __step;
    if (__builtin_fabs(__step) <= 0x1p-60 * __y)
      break;
  }
  return __y;
}
__TX_HOST_DEVICE__ double erfcinv(double __z) {
  if (!(__z > 0 && __z < 2)) {
    if (__z == 0)
      return __builtin_inf();
    if (__z == 2)
      return -__builtin_inf();
    return __builtin_nan("");
  }
  if (__z > 1)
    return -erfcinv(2.0 - __z); // exact subtraction
  if (__z >= 0.5)
    return __tx_erfinv_mid(1.0 - __z); // exact subtraction
  return __tx_erfcinv_tail(__z);
}
__TX_HOST_DEVICE__ double erfinv(double __x) {
  double __a = __builtin_fabs(__x);
  if (!(__a < 1.0)) {
    if (__a == 1.0)
      return __builtin_copysign(__builtin_inf(), __x);
    return __builtin_nan("");
  }
  if (__a <= 0.5)
    return __tx_erfinv_mid(__x);
  return __builtin_copysign(__tx_erfcinv_tail(1.0 - __a), __x);
}
__TX_HOST_DEVICE__ double normcdfinv(double __p) {
  return -1.41421356237309504880 * erfcinv(2.0 * __p);
}
__TX_HOST_DEVICE__ float erfinvf(float __x) {
  return (float)erfinv((double)__x);
}
__TX_HOST_DEVICE__ float erfcinvf(float __x) {
  return (float)erfcinv((double)__x);
}
__TX_HOST_DEVICE__ float normcdfinvf(float __x) {
  return (float)normcdfinv((double)__x);
}

//===--- sincos, sincospi
//---------------------------------------------------===//

__TX_HOST_DEVICE__ void sincospif(float __x, float *__s, float *__c) {
  *__s = sinpif(__x);
  *__c = cospif(__x);
}
__TX_HOST_DEVICE__ void sincospi(float __x, float *__s, float *__c) {
  sincospif(__x, __s, __c);
}
__TX_HOST_DEVICE__ void sincospi(double __x, double *__s, double *__c) {
  *__s = sinpi(__x);
  *__c = cospi(__x);
}

#undef __TX_HOST_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_CUDA_ONLY_MATH_H
