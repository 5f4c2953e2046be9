//===- tongxin/curand_distributions.h - Bits to distributions --*- C++ -*-===//
//
// Part of Tongxin. How cuRAND turns raw generator output into uniform and
// normal values (CUDA's documented conventions: uniforms exclude 0 and
// include 1; doubles take 53 bits from two outputs; normals come from the
// Box-Muller transform in pairs). Shared by curand_kernel.h and the host
// generators of libcurand, so both give the same values.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_DISTRIBUTIONS_H
#define TONGXIN_CURAND_DISTRIBUTIONS_H

#include "tongxin/curand_engines.h"

// Results must not depend on whether the compiler fuses a * b + c, so that
// host and device code (and NVIDIA's host library) round alike.
#if defined(__clang__)
#define __TX_NO_CONTRACT _Pragma("clang fp contract(off)")
#else
#define __TX_NO_CONTRACT
#endif

#define CURAND_2POW32_INV (2.3283064e-10f)
#define CURAND_2POW32_INV_DOUBLE (2.3283064365386963e-10)
#define CURAND_2POW53_INV_DOUBLE (1.1102230246251565e-16)
#define CURAND_2POW32_INV_2PI (2.3283064e-10f * 6.2831855f)
#define CURAND_2PI (6.2831855f)
#define CURAND_SQRT2 (-1.4142135f)
#define CURAND_SQRT2_DOUBLE (-1.4142135623730951)

// MRG32k3a's output lies in [1, m1]; these map it to (0, 1] and to 32 bits.
#define __TX_MRG_NORM (2.3283065498378288e-10)
#define __TX_MRG_BITS_NORM (1.000000048662)

/// (0, 1] in steps of 2^-32, centred in each step.
__TX_RAND_FN float __tx_uniform(unsigned int __x) {
  __TX_NO_CONTRACT
  return __x * CURAND_2POW32_INV + (CURAND_2POW32_INV / 2.0f);
}

/// (0, 1] with 53 random bits taken from two outputs.
__TX_RAND_FN double __tx_uniform_double_hq(unsigned int __x, unsigned int __y) {
  __TX_NO_CONTRACT
  unsigned long long __z =
      (unsigned long long)__x ^ ((unsigned long long)__y << (53 - 32));
  return __z * CURAND_2POW53_INV_DOUBLE + (CURAND_2POW53_INV_DOUBLE / 2.0);
}

/// Two standard normals from two outputs.
__TX_RAND_FN float2 __tx_box_muller(unsigned int __x, unsigned int __y) {
  __TX_NO_CONTRACT
  float __u = __x * CURAND_2POW32_INV + (CURAND_2POW32_INV / 2.0f);
  float __v = __y * CURAND_2POW32_INV_2PI + (CURAND_2POW32_INV_2PI / 2.0f);
  float __s = __builtin_sqrtf(-2.0f * __builtin_logf(__u));
  float2 __r;
  __r.x = __builtin_sinf(__v) * __s;
  __r.y = __builtin_cosf(__v) * __s;
  return __r;
}

/// Two standard normals in double precision from four outputs.
__TX_RAND_FN double2 __tx_box_muller_double(unsigned int __x0,
                                            unsigned int __x1,
                                            unsigned int __y0,
                                            unsigned int __y1) {
  __TX_NO_CONTRACT
  double __u = __tx_uniform_double_hq(__x0, __x1);
  unsigned long long __zy =
      (unsigned long long)__y0 ^ ((unsigned long long)__y1 << (53 - 32));
  double __v =
      __zy * (CURAND_2POW53_INV_DOUBLE * 2.0) + CURAND_2POW53_INV_DOUBLE;
  double __s = __builtin_sqrt(-2.0 * __builtin_log(__u));
  double2 __r;
  // sin(pi v) and cos(pi v), v in (0, 2).
  __r.x = __builtin_sin(3.141592653589793 * __v) * __s;
  __r.y = __builtin_cos(3.141592653589793 * __v) * __s;
  return __r;
}

//===--- MRG32k3a, whose outputs are not uniform 32-bit words -------------===//

__TX_RAND_FN unsigned int __tx_mrg_bits(unsigned int __raw) {
  __TX_NO_CONTRACT
  return (unsigned int)((double)__raw * __TX_MRG_BITS_NORM);
}

__TX_RAND_FN double __tx_mrg_uniform_double(unsigned int __raw) {
  __TX_NO_CONTRACT
  return (double)__raw * __TX_MRG_NORM;
}

__TX_RAND_FN float __tx_mrg_uniform(unsigned int __raw) {
  return (float)__tx_mrg_uniform_double(__raw);
}

__TX_RAND_FN float2 __tx_mrg_box_muller(unsigned int __a, unsigned int __b) {
  __TX_NO_CONTRACT
  float __x = __tx_mrg_uniform(__a);
  float __y = __tx_mrg_uniform(__b) * CURAND_2PI;
  float __s = __builtin_sqrtf(-2.0f * __builtin_logf(__x));
  float2 __r;
  __r.x = __builtin_sinf(__y) * __s;
  __r.y = __builtin_cosf(__y) * __s;
  return __r;
}

__TX_RAND_FN double2 __tx_mrg_box_muller_double(unsigned int __a,
                                                unsigned int __b) {
  __TX_NO_CONTRACT
  double __x = __tx_mrg_uniform_double(__a);
  double __y = __tx_mrg_uniform_double(__b) * 2.0;
  double __s = __builtin_sqrt(-2.0 * __builtin_log(__x));
  double2 __r;
  __r.x = __builtin_sin(3.141592653589793 * __y) * __s;
  __r.y = __builtin_cos(3.141592653589793 * __y) * __s;
  return __r;
}

#endif // TONGXIN_CURAND_DISTRIBUTIONS_H
