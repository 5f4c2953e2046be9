//===- curand_kernel.h - cuRAND device API ------------------- -*- CUDA -*-===//
//
// Part of Tongxin. The cuRAND device API of CUDA 12 for the XORWOW,
// Philox4x32-10 and MRG32k3a generators: curand_init(seed, subsequence,
// offset, state), curand, the uniform, normal, log-normal and Poisson
// distributions, and skip-ahead. The engines are those of libcurand's host
// generators (tongxin/curand_engines.h), so the sequences match the host
// API's and CUDA's for the same seed, subsequence and offset.
//
// Every function is __host__ __device__, uses only arithmetic and clang's
// math builtins, and compiles for the CPU and the PTX paths alike.
// MTGP32's block-wide functions are in curand_mtgp32_kernel.h, included
// here as CUDA's curand_kernel.h includes it.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_KERNEL_H
#define TONGXIN_CURAND_KERNEL_H

#if !defined(__CUDA__) || !defined(__cplusplus)
#error "curand_kernel.h is for CUDA C++ (device code)"
#endif

#include "curand.h"
#include "tongxin/curand_distributions.h"
#include "tongxin/curand_sobol.h"

#include "curand_mtgp32_kernel.h"

// tx_scalar_math: math calls keep the C library's scalar functions in
// device code too (compiler/passes/VectorMathCalls.cpp), so that the device
// API's distributions (normal, log-normal, Poisson) stay bit-identical to
// the host generators', which call the same functions.
#define QUALIFIERS                                                             \
  static __forceinline__ __device__ __attribute__((annotate("tx_scalar_"       \
                                                            "math")))

//===--- Initialisation and skip-ahead ------------------------------------===//

QUALIFIERS void curand_init(unsigned long long seed,
                            unsigned long long subsequence,
                            unsigned long long offset,
                            curandStateXORWOW_t *state) {
  __tx_xorwow_seed(state, seed);
  __tx_xorwow_skip(state, subsequence, 1);
  __tx_xorwow_skip(state, offset, 0);
}

QUALIFIERS void curand_init(unsigned long long seed,
                            unsigned long long subsequence,
                            unsigned long long offset,
                            curandStatePhilox4_32_10_t *state) {
  __tx_philox_seed(state, seed);
  __tx_philox_skip(state, subsequence, 1);
  __tx_philox_skip(state, offset, 0);
}

QUALIFIERS void curand_init(unsigned long long seed,
                            unsigned long long subsequence,
                            unsigned long long offset,
                            curandStateMRG32k3a_t *state) {
  __tx_mrg_seed(state, seed);
  __tx_mrg_skip(state, subsequence, 1);
  __tx_mrg_skip(state, offset, 0);
}

QUALIFIERS void skipahead(unsigned long long n, curandStateXORWOW_t *state) {
  __tx_xorwow_skip(state, n, 0);
}
QUALIFIERS void skipahead_sequence(unsigned long long n,
                                   curandStateXORWOW_t *state) {
  __tx_xorwow_skip(state, n, 1);
}
QUALIFIERS void skipahead(unsigned long long n,
                          curandStatePhilox4_32_10_t *state) {
  __tx_philox_skip(state, n, 0);
}
QUALIFIERS void skipahead_sequence(unsigned long long n,
                                   curandStatePhilox4_32_10_t *state) {
  __tx_philox_skip(state, n, 1);
}
QUALIFIERS void skipahead(unsigned long long n, curandStateMRG32k3a_t *state) {
  __tx_mrg_skip(state, n, 0);
}
QUALIFIERS void skipahead_subsequence(unsigned long long n,
                                      curandStateMRG32k3a_t *state) {
  __tx_mrg_skip(state, n, 1);
}
QUALIFIERS void skipahead_sequence(unsigned long long n,
                                   curandStateMRG32k3a_t *state) {
  __tx_mrg_skip(state, n, 2);
}

//===--- Bits -------------------------------------------------------------===//

QUALIFIERS unsigned int curand(curandStateXORWOW_t *state) {
  return __tx_xorwow_next(state);
}
QUALIFIERS unsigned int curand(curandStatePhilox4_32_10_t *state) {
  return __tx_philox_next(state);
}
QUALIFIERS uint4 curand4(curandStatePhilox4_32_10_t *state) {
  return __tx_philox_next4(state);
}
QUALIFIERS unsigned int curand(curandStateMRG32k3a_t *state) {
  return __tx_mrg_bits(__tx_mrg_next(state));
}

//===--- Uniform: (0, 1]
//---------------------------------------------------===//

QUALIFIERS float curand_uniform(curandStateXORWOW_t *state) {
  return __tx_uniform(curand(state));
}
QUALIFIERS float curand_uniform(curandStatePhilox4_32_10_t *state) {
  return __tx_uniform(curand(state));
}
QUALIFIERS float curand_uniform(curandStateMRG32k3a_t *state) {
  return __tx_mrg_uniform(__tx_mrg_next(state));
}
QUALIFIERS float4 curand_uniform4(curandStatePhilox4_32_10_t *state) {
  uint4 __b = curand4(state);
  float4 __r;
  __r.x = __tx_uniform(__b.x);
  __r.y = __tx_uniform(__b.y);
  __r.z = __tx_uniform(__b.z);
  __r.w = __tx_uniform(__b.w);
  return __r;
}

QUALIFIERS double curand_uniform_double(curandStateXORWOW_t *state) {
  unsigned int __x = curand(state);
  return __tx_uniform_double_hq(__x, curand(state));
}
QUALIFIERS double curand_uniform_double(curandStatePhilox4_32_10_t *state) {
  unsigned int __x = curand(state);
  return __tx_uniform_double_hq(__x, curand(state));
}
QUALIFIERS double curand_uniform_double(curandStateMRG32k3a_t *state) {
  return __tx_mrg_uniform_double(__tx_mrg_next(state));
}
QUALIFIERS double2 curand_uniform2_double(curandStatePhilox4_32_10_t *state) {
  uint4 __b = curand4(state);
  double2 __r;
  __r.x = __tx_uniform_double_hq(__b.x, __b.y);
  __r.y = __tx_uniform_double_hq(__b.z, __b.w);
  return __r;
}

//===--- Normal (Box-Muller; single values hand out pairs in turn) --------===//

QUALIFIERS float2 curand_normal2(curandStateXORWOW_t *state) {
  unsigned int __x = curand(state);
  return __tx_box_muller(__x, curand(state));
}
QUALIFIERS float2 curand_normal2(curandStatePhilox4_32_10_t *state) {
  unsigned int __x = curand(state);
  return __tx_box_muller(__x, curand(state));
}
QUALIFIERS float2 curand_normal2(curandStateMRG32k3a_t *state) {
  unsigned int __x = __tx_mrg_next(state);
  return __tx_mrg_box_muller(__x, __tx_mrg_next(state));
}
QUALIFIERS float4 curand_normal4(curandStatePhilox4_32_10_t *state) {
  uint4 __b = curand4(state);
  float2 __p = __tx_box_muller(__b.x, __b.y);
  float2 __q = __tx_box_muller(__b.z, __b.w);
  float4 __r;
  __r.x = __p.x;
  __r.y = __p.y;
  __r.z = __q.x;
  __r.w = __q.y;
  return __r;
}

QUALIFIERS double2 curand_normal2_double(curandStateXORWOW_t *state) {
  unsigned int __x0 = curand(state), __x1 = curand(state);
  unsigned int __y0 = curand(state), __y1 = curand(state);
  return __tx_box_muller_double(__x0, __x1, __y0, __y1);
}
QUALIFIERS double2 curand_normal2_double(curandStatePhilox4_32_10_t *state) {
  uint4 __b = curand4(state);
  return __tx_box_muller_double(__b.x, __b.y, __b.z, __b.w);
}
QUALIFIERS double2 curand_normal2_double(curandStateMRG32k3a_t *state) {
  unsigned int __x = __tx_mrg_next(state);
  return __tx_mrg_box_muller_double(__x, __tx_mrg_next(state));
}
QUALIFIERS double4 curand_normal4_double(curandStatePhilox4_32_10_t *state) {
  double2 __p = curand_normal2_double(state);
  double2 __q = curand_normal2_double(state);
  double4 __r;
  __r.x = __p.x;
  __r.y = __p.y;
  __r.z = __q.x;
  __r.w = __q.y;
  return __r;
}

/// One value of a pair: the first computes both, the second hands out the
/// one kept in the state (as CUDA does).
template <typename __State>
QUALIFIERS float __tx_normal_from_pair(__State *state) {
  if (state->boxmuller_flag != 1) {
    float2 __v = curand_normal2(state);
    state->boxmuller_extra = __v.y;
    state->boxmuller_flag = 1;
    return __v.x;
  }
  state->boxmuller_flag = 0;
  return state->boxmuller_extra;
}
template <typename __State>
QUALIFIERS double __tx_normal_double_from_pair(__State *state) {
  if (state->boxmuller_flag_double != 1) {
    double2 __v = curand_normal2_double(state);
    state->boxmuller_extra_double = __v.y;
    state->boxmuller_flag_double = 1;
    return __v.x;
  }
  state->boxmuller_flag_double = 0;
  return state->boxmuller_extra_double;
}

QUALIFIERS float curand_normal(curandStateXORWOW_t *state) {
  return __tx_normal_from_pair(state);
}
QUALIFIERS float curand_normal(curandStatePhilox4_32_10_t *state) {
  return __tx_normal_from_pair(state);
}
QUALIFIERS float curand_normal(curandStateMRG32k3a_t *state) {
  return __tx_normal_from_pair(state);
}
QUALIFIERS double curand_normal_double(curandStateXORWOW_t *state) {
  return __tx_normal_double_from_pair(state);
}
QUALIFIERS double curand_normal_double(curandStatePhilox4_32_10_t *state) {
  return __tx_normal_double_from_pair(state);
}
QUALIFIERS double curand_normal_double(curandStateMRG32k3a_t *state) {
  return __tx_normal_double_from_pair(state);
}

//===--- Sobol: one word per value, normals by the inverse CDF -----------===//

QUALIFIERS void curand_init(curandDirectionVectors32_t direction_vectors,
                            unsigned int offset, curandStateSobol32_t *state) {
  __tx_sobol_init(state, direction_vectors, 0u, offset);
}
QUALIFIERS void curand_init(curandDirectionVectors32_t direction_vectors,
                            unsigned int scramble_c, unsigned int offset,
                            curandStateScrambledSobol32_t *state) {
  __tx_sobol_init(state, direction_vectors, scramble_c, offset);
}
QUALIFIERS void curand_init(curandDirectionVectors64_t direction_vectors,
                            unsigned long long offset,
                            curandStateSobol64_t *state) {
  __tx_sobol_init(state, direction_vectors, 0ull, offset);
}
QUALIFIERS void curand_init(curandDirectionVectors64_t direction_vectors,
                            unsigned long long scramble_c,
                            unsigned long long offset,
                            curandStateScrambledSobol64_t *state) {
  __tx_sobol_init(state, direction_vectors, scramble_c, offset);
}

QUALIFIERS void skipahead(unsigned int n, curandStateSobol32_t *state) {
  __tx_sobol_skip(state, n);
}
QUALIFIERS void skipahead(unsigned int n,
                          curandStateScrambledSobol32_t *state) {
  __tx_sobol_skip(state, n);
}
QUALIFIERS void skipahead(unsigned long long n, curandStateSobol64_t *state) {
  __tx_sobol_skip(state, n);
}
QUALIFIERS void skipahead(unsigned long long n,
                          curandStateScrambledSobol64_t *state) {
  __tx_sobol_skip(state, n);
}

#define __TX_SOBOL32_API(__State)                                              \
  QUALIFIERS unsigned int curand(__State *state) {                             \
    return __tx_sobol_next(state);                                             \
  }                                                                            \
  QUALIFIERS float curand_uniform(__State *state) {                            \
    return __tx_uniform(__tx_sobol_next(state));                               \
  }                                                                            \
  QUALIFIERS double curand_uniform_double(__State *state) {                    \
    return __tx_sobol_uniform_double(__tx_sobol_next(state));                  \
  }                                                                            \
  QUALIFIERS float curand_normal(__State *state) {                             \
    return __tx_normal_icdf(__tx_sobol_next(state));                           \
  }                                                                            \
  QUALIFIERS double curand_normal_double(__State *state) {                     \
    return __tx_normal_icdf_double(__tx_sobol_next(state));                    \
  }
__TX_SOBOL32_API(curandStateSobol32_t)
__TX_SOBOL32_API(curandStateScrambledSobol32_t)
#undef __TX_SOBOL32_API

// 64-bit words: floats from their top 32 bits, doubles from the top 53.
#define __TX_SOBOL64_API(__State)                                              \
  QUALIFIERS unsigned long long curand(__State *state) {                       \
    return __tx_sobol_next(state);                                             \
  }                                                                            \
  QUALIFIERS float curand_uniform(__State *state) {                            \
    return __tx_uniform((unsigned int)(__tx_sobol_next(state) >> 32));         \
  }                                                                            \
  QUALIFIERS double curand_uniform_double(__State *state) {                    \
    return __tx_sobol64_uniform_double(__tx_sobol_next(state));                \
  }                                                                            \
  QUALIFIERS float curand_normal(__State *state) {                             \
    return __tx_normal_icdf((unsigned int)(__tx_sobol_next(state) >> 32));     \
  }                                                                            \
  QUALIFIERS double curand_normal_double(__State *state) {                     \
    return __tx_normal_icdf_double64(__tx_sobol_next(state));                  \
  }
__TX_SOBOL64_API(curandStateSobol64_t)
__TX_SOBOL64_API(curandStateScrambledSobol64_t)
#undef __TX_SOBOL64_API

//===--- Log-normal: exp(mean + stddev * normal) --------------------------===//

QUALIFIERS float __tx_log_normal(float __z, float __mean, float __stddev) {
  __TX_NO_CONTRACT
  return __builtin_expf(__mean + __stddev * __z);
}
QUALIFIERS double __tx_log_normal_double(double __z, double __mean,
                                         double __stddev) {
  __TX_NO_CONTRACT
  return __builtin_exp(__mean + __stddev * __z);
}

template <typename __State>
QUALIFIERS float curand_log_normal(__State *state, float mean, float stddev) {
  return __tx_log_normal(curand_normal(state), mean, stddev);
}
template <typename __State>
QUALIFIERS double curand_log_normal_double(__State *state, double mean,
                                           double stddev) {
  return __tx_log_normal_double(curand_normal_double(state), mean, stddev);
}
template <typename __State>
QUALIFIERS float2 curand_log_normal2(__State *state, float mean, float stddev) {
  float2 __v = curand_normal2(state);
  __v.x = __tx_log_normal(__v.x, mean, stddev);
  __v.y = __tx_log_normal(__v.y, mean, stddev);
  return __v;
}
template <typename __State>
QUALIFIERS double2 curand_log_normal2_double(__State *state, double mean,
                                             double stddev) {
  double2 __v = curand_normal2_double(state);
  __v.x = __tx_log_normal_double(__v.x, mean, stddev);
  __v.y = __tx_log_normal_double(__v.y, mean, stddev);
  return __v;
}
QUALIFIERS float4 curand_log_normal4(curandStatePhilox4_32_10_t *state,
                                     float mean, float stddev) {
  float4 __v = curand_normal4(state);
  __v.x = __tx_log_normal(__v.x, mean, stddev);
  __v.y = __tx_log_normal(__v.y, mean, stddev);
  __v.z = __tx_log_normal(__v.z, mean, stddev);
  __v.w = __tx_log_normal(__v.w, mean, stddev);
  return __v;
}

//===--- Poisson ----------------------------------------------------------===//
// Small lambda: Knuth's product of uniforms. Large lambda: Hormann's
// transformed rejection with squeeze (PTRS, 1993), exact in distribution.
// (Values follow the distribution exactly but are not NVIDIA's sequence.)

template <typename __State>
QUALIFIERS unsigned int __tx_poisson_knuth(__State *state, double lambda) {
  double __limit = __builtin_exp(-lambda), __product = 1.0;
  unsigned int __k = 0;
  for (;;) {
    __product *= curand_uniform_double(state);
    if (__product <= __limit)
      return __k;
    ++__k;
  }
}

template <typename __State>
QUALIFIERS unsigned int __tx_poisson_ptrs(__State *state, double lambda) {
  double __slam = __builtin_sqrt(lambda), __loglam = __builtin_log(lambda);
  double __b = 0.931 + 2.53 * __slam;
  double __a = -0.059 + 0.02483 * __b;
  double __invalpha = 1.1239 + 1.1328 / (__b - 3.4);
  double __vr = 0.9277 - 3.6224 / (__b - 2.0);
  for (;;) {
    double __u = curand_uniform_double(state) - 0.5;
    double __v = curand_uniform_double(state);
    double __us = 0.5 - __builtin_fabs(__u);
    double __k =
        __builtin_floor((2.0 * __a / __us + __b) * __u + lambda + 0.43);
    if (__us >= 0.07 && __v <= __vr)
      return (unsigned int)__k;
    if (__k < 0.0 || (__us < 0.013 && __v > __us))
      continue;
    if (__builtin_log(__v) + __builtin_log(__invalpha) -
            __builtin_log(__a / (__us * __us) + __b) <=
        -lambda + __k * __loglam - __builtin_lgamma(__k + 1.0))
      return (unsigned int)__k;
  }
}

template <typename __State>
QUALIFIERS unsigned int curand_poisson(__State *state, double lambda) {
  if (!(lambda > 0.0))
    return 0;
  return lambda < 64.0 ? __tx_poisson_knuth(state, lambda)
                       : __tx_poisson_ptrs(state, lambda);
}
QUALIFIERS uint4 curand_poisson4(curandStatePhilox4_32_10_t *state,
                                 double lambda) {
  uint4 __r;
  __r.x = curand_poisson(state, lambda);
  __r.y = curand_poisson(state, lambda);
  __r.z = curand_poisson(state, lambda);
  __r.w = curand_poisson(state, lambda);
  return __r;
}

#endif // TONGXIN_CURAND_KERNEL_H
