//===- tongxin/curand_sobol.h - cuRAND's Sobol generators ------*- C++ -*-===//
//
// Part of Tongxin. The Sobol quasirandom generators of cuRAND (32- and
// 64-bit, plain and scrambled): their state types (NVIDIA's layout, so
// arrays of states keep their size), initialisation, skip-ahead and output,
// and how a Sobol word becomes a uniform or a normal value. Shared, like
// curand_engines.h, by curand_kernel.h and libcurand's host generators.
//
// Point i of one dimension is c ^ XOR of the direction vectors v[j] for
// the bits j set in i's Gray code (i ^ i >> 1), c being the scramble
// constant (0 unscrambled), so successive points differ by one vector.
// Normals come from the inverse normal CDF (a quasirandom sequence must
// map one word to one value), mirrored around 1/2 to keep precision.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_SOBOL_H
#define TONGXIN_CURAND_SOBOL_H

#include "tongxin/curand_distributions.h"

//===--- States (field names and order as in CUDA 12) ---------------------===//

struct curandStateSobol32 {
  unsigned int i, x, c;
  unsigned int direction_vectors[32];
};
typedef struct curandStateSobol32 curandStateSobol32_t;

struct curandStateScrambledSobol32 {
  unsigned int i, x, c;
  unsigned int direction_vectors[32];
};
typedef struct curandStateScrambledSobol32 curandStateScrambledSobol32_t;

struct curandStateSobol64 {
  unsigned long long i, x, c;
  unsigned long long direction_vectors[64];
};
typedef struct curandStateSobol64 curandStateSobol64_t;

struct curandStateScrambledSobol64 {
  unsigned long long i, x, c;
  unsigned long long direction_vectors[64];
};
typedef struct curandStateScrambledSobol64 curandStateScrambledSobol64_t;

//===--- The engine -------------------------------------------------------===//

/// The point at index __i: __c ^ the vectors of __i's Gray code bits.
__TX_RAND_FN unsigned int __tx_sobol32_point(const unsigned int *__v,
                                             unsigned int __c,
                                             unsigned int __i) {
  unsigned int __g = __i ^ (__i >> 1);
  for (int __j = 0; __g; ++__j, __g >>= 1)
    if (__g & 1u)
      __c ^= __v[__j];
  return __c;
}
__TX_RAND_FN unsigned long long
__tx_sobol64_point(const unsigned long long *__v, unsigned long long __c,
                   unsigned long long __i) {
  unsigned long long __g = __i ^ (__i >> 1);
  for (int __j = 0; __g; ++__j, __g >>= 1)
    if (__g & 1u)
      __c ^= __v[__j];
  return __c;
}

/// The index of the lowest zero bit of __i: the vector that takes point
/// __i to point __i + 1 (the top one when __i wraps round its __bits).
__TX_RAND_FN int __tx_sobol_change(unsigned long long __i, int __bits) {
  return __builtin_ctzll(~__i | (1ull << (__bits - 1)));
}

/// Initialises any of the four states (they differ only in word size).
template <typename __State, typename __Word>
__TX_RAND_FN void __tx_sobol_init(__State *__s, const __Word *__vectors,
                                  __Word __scramble, __Word __offset) {
  const int __bits = 8 * sizeof(__Word);
  for (int __j = 0; __j < __bits; ++__j)
    __s->direction_vectors[__j] = __vectors[__j];
  __s->c = __scramble;
  __s->i = __offset;
  __Word __g = __offset ^ (__offset >> 1);
  __s->x = __scramble;
  for (int __j = 0; __g; ++__j, __g >>= 1)
    if (__g & 1u)
      __s->x ^= __vectors[__j];
}

/// Moves to the point __n further on.
template <typename __State, typename __Word>
__TX_RAND_FN void __tx_sobol_skip(__State *__s, __Word __n) {
  __s->i += __n;
  __Word __g = __s->i ^ (__s->i >> 1);
  __s->x = __s->c;
  for (int __j = 0; __g; ++__j, __g >>= 1)
    if (__g & 1u)
      __s->x ^= __s->direction_vectors[__j];
}

/// The current point; then moves to the next one.
template <typename __State>
__TX_RAND_FN decltype(__State::x) __tx_sobol_next(__State *__s) {
  decltype(__State::x) __r = __s->x;
  __s->x ^=
      __s->direction_vectors[__tx_sobol_change(__s->i, 8 * (int)sizeof(__r))];
  ++__s->i;
  return __r;
}

//===--- Words to values --------------------------------------------------===//

/// 32-bit words as doubles: (0, 1] in steps of 2^-32, the lowest step's
/// top (CUDA's convention for quasirandom doubles).
__TX_RAND_FN double __tx_sobol_uniform_double(unsigned int __x) {
  __TX_NO_CONTRACT
  return __x * CURAND_2POW32_INV_DOUBLE + CURAND_2POW32_INV_DOUBLE;
}

/// 64-bit words as doubles: their top 53 bits, centred in each step.
__TX_RAND_FN double __tx_sobol64_uniform_double(unsigned long long __x) {
  __TX_NO_CONTRACT
  return (__x >> 11) * CURAND_2POW53_INV_DOUBLE +
         (CURAND_2POW53_INV_DOUBLE / 2.0);
}

/// erfcinv(__z) for 0 < __z <= 1, to about one double rounding: Newton on
/// erf(y) = 1 - __z near 0 (the subtraction is exact there) and on
/// log(erfc(y) / __z) in the tail, both from a close start.
__TX_RAND_FN double __tx_sobol_erfcinv(double __z) {
  const double __half_sqrt_pi = 0.88622692545275801365;
  if (__z >= 0.5) {
    double __w = 1.0 - __z, __y = __w * __half_sqrt_pi;
    for (int __k = 0; __k < 8; ++__k) {
      double __step = (__builtin_erf(__y) - __w) * __half_sqrt_pi *
                      __builtin_exp(__y * __y);
      __y -= __step;
      if (__builtin_fabs(__step) <= 1.3877787807814457e-17 /* 2^-56 */ * __y)
        break;
    }
    return __y;
  }
  double __t = -__builtin_log(__z);
  double __y =
      __builtin_sqrt(__t - 0.5 * __builtin_log(3.14159265358979323846 * __t));
  if (!(__y > 0.45))
    __y = 0.45;
  for (int __k = 0; __k < 12; ++__k) {
    double __erfc = __builtin_erfc(__y);
    double __f = __builtin_log(__erfc / __z);
    // f'(y) = -exp(-y^2) / (erfc(y) sqrt(pi) / 2)
    double __step = __f * __half_sqrt_pi * __erfc * __builtin_exp(__y * __y);
    __y += __step;
    if (__builtin_fabs(__step) <= 1.3877787807814457e-17 /* 2^-56 */ * __y)
      break;
  }
  return __y;
}

/// A standard normal from a 32-bit word, in float.
__TX_RAND_FN float __tx_normal_icdf(unsigned int __x) {
  __TX_NO_CONTRACT
  float __s = CURAND_SQRT2;
  if (__x > 0x80000000u) {
    __x = 0xffffffffu - __x;
    __s = -__s;
  }
  float __p = __x * CURAND_2POW32_INV + (CURAND_2POW32_INV / 2.0f);
  return __s * (float)__tx_sobol_erfcinv(2.0f * __p);
}

/// A standard normal from a 32-bit word, in double.
__TX_RAND_FN double __tx_normal_icdf_double(unsigned int __x) {
  __TX_NO_CONTRACT
  double __s = CURAND_SQRT2_DOUBLE;
  if (__x > 0x80000000u) {
    __x = 0xffffffffu - __x;
    __s = -__s;
  }
  double __p =
      __x * CURAND_2POW32_INV_DOUBLE + (CURAND_2POW32_INV_DOUBLE / 2.0);
  return __s * __tx_sobol_erfcinv(2.0 * __p);
}

/// A standard normal from a 64-bit word's top 53 bits, in double.
__TX_RAND_FN double __tx_normal_icdf_double64(unsigned long long __x) {
  __TX_NO_CONTRACT
  double __s = CURAND_SQRT2_DOUBLE;
  __x >>= 11;
  if (__x > (1ull << 52)) {
    __x = (1ull << 53) - 1 - __x;
    __s = -__s;
  }
  double __p =
      __x * CURAND_2POW53_INV_DOUBLE + (CURAND_2POW53_INV_DOUBLE / 2.0);
  return __s * __tx_sobol_erfcinv(2.0 * __p);
}

#endif // TONGXIN_CURAND_SOBOL_H
