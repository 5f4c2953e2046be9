//===- tongxin/curand_engines.h - The cuRAND engines ---------- -*- C++ -*-===//
//
// Part of Tongxin. The pseudorandom engines of cuRAND (XORWOW, Philox4x32-10,
// MRG32k3a): their state types (the layout of NVIDIA's curand_kernel.h, so
// arrays of states sized by users keep their size), seeding, skip-ahead and
// 32-bit output. One definition serves curand_kernel.h (device code, where
// the functions are __host__ __device__) and libcurand's host generators
// (plain C++), so the host API produces exactly what the device API does.
//
// Jumps use tongxin/curand_jump_tables.h, generated at build time by
// libs/rand/tools/GenerateJumpTables.cpp. The tables are local constant
// arrays of inline functions, so no global symbol is defined twice when
// several translation units include this header.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_ENGINES_H
#define TONGXIN_CURAND_ENGINES_H

#include "tongxin/curand_jump_tables.h"
#include "vector_types.h"

#if defined(__CUDA__) || defined(__CUDACC__)
// tx_scalar_math: their math calls keep the C library's scalar functions
// in device code too (compiler/passes/VectorMathCalls.cpp), so that the
// device API's normals stay bit-identical to the host generators'.
#define __TX_RAND_FN                                                           \
  static __host__ __device__ __inline__                                        \
      __attribute__((annotate("tx_scalar_math")))
#else
#define __TX_RAND_FN static inline
#endif

//===--- States (field names and order as in CUDA 12) ---------------------===//

struct curandStateXORWOW {
  unsigned int d, v[5];
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
typedef struct curandStateXORWOW curandStateXORWOW_t;
typedef struct curandStateXORWOW curandState_t;
typedef struct curandStateXORWOW curandState;

struct curandStatePhilox4_32_10 {
  uint4 ctr;
  uint4 output;
  uint2 key;
  unsigned int STATE;
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
typedef struct curandStatePhilox4_32_10 curandStatePhilox4_32_10_t;

struct curandStateMRG32k3a {
  unsigned int s1[3];
  unsigned int s2[3];
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
typedef struct curandStateMRG32k3a curandStateMRG32k3a_t;

//===--- XORWOW (Marsaglia 2003, with a Weyl sequence added) --------------===//

#define __TX_XORWOW_WEYL 362437u

/// The xorshift part of one step (the linear map the jump polynomials use).
__TX_RAND_FN void __tx_xorwow_shift(unsigned int *__v) {
  unsigned int __t = __v[0] ^ (__v[0] >> 2);
  __v[0] = __v[1];
  __v[1] = __v[2];
  __v[2] = __v[3];
  __v[3] = __v[4];
  __v[4] = (__v[4] ^ (__v[4] << 4)) ^ (__t ^ (__t << 1));
}

/// __a = __a * __b mod P over GF(2) (160-bit polynomials, 5 words each).
__TX_RAND_FN void __tx_poly_mulmod(unsigned int *__a, const unsigned int *__b) {
  const unsigned int __p[5] = __TX_XORWOW_CHARPOLY;
  unsigned int __x[5] = {__a[0], __a[1], __a[2], __a[3], __a[4]};
  unsigned int __r[5] = {0, 0, 0, 0, 0};
  for (int __i = 0; __i < 160; ++__i) {
    unsigned int __mask = 0u - ((__b[__i >> 5] >> (__i & 31)) & 1u);
    unsigned int __carry = 0u - (__x[4] >> 31);
    for (int __j = 0; __j < 5; ++__j)
      __r[__j] ^= __x[__j] & __mask;
    for (int __j = 4; __j > 0; --__j)
      __x[__j] = (__x[__j] << 1) | (__x[__j - 1] >> 31);
    __x[0] <<= 1;
    for (int __j = 0; __j < 5; ++__j)
      __x[__j] ^= __p[__j] & __carry;
  }
  for (int __j = 0; __j < 5; ++__j)
    __a[__j] = __r[__j];
}

/// Multiplies __acc by x^(n * 2^__shift) using the table for 2^__shift.
__TX_RAND_FN void __tx_xorwow_jump_poly(unsigned int *__acc,
                                        unsigned long long __n,
                                        int __sequence) {
  const unsigned int __offsets[64][5] = {__TX_XORWOW_OFFSET_POLYS};
  const unsigned int __sequences[64][5] = {__TX_XORWOW_SEQUENCE_POLYS};
  for (int __k = 0; __n; ++__k, __n >>= 1)
    if (__n & 1)
      __tx_poly_mulmod(__acc, __sequence ? __sequences[__k] : __offsets[__k]);
}

/// Replaces the state by c(A) applied to it, where c is a jump polynomial.
__TX_RAND_FN void __tx_xorwow_apply_poly(unsigned int *__v,
                                         const unsigned int *__c) {
  unsigned int __acc[5] = {0, 0, 0, 0, 0};
  for (int __i = 159; __i >= 0; --__i) {
    __tx_xorwow_shift(__acc);
    if ((__c[__i >> 5] >> (__i & 31)) & 1u)
      for (int __j = 0; __j < 5; ++__j)
        __acc[__j] ^= __v[__j];
  }
  for (int __j = 0; __j < 5; ++__j)
    __v[__j] = __acc[__j];
}

/// Advances by __n steps (__sequence: by __n subsequences of 2^67 steps,
/// which leaves the Weyl counter alone, as CUDA does).
__TX_RAND_FN void __tx_xorwow_skip(curandStateXORWOW_t *__s,
                                   unsigned long long __n, int __sequence) {
  if (!__sequence && __n < 160) {
    for (unsigned long long __i = 0; __i < __n; ++__i)
      __tx_xorwow_shift(__s->v);
  } else if (__n) {
    unsigned int __c[5] = {1, 0, 0, 0, 0};
    __tx_xorwow_jump_poly(__c, __n, __sequence);
    __tx_xorwow_apply_poly(__s->v, __c);
  }
  if (!__sequence)
    __s->d += (unsigned int)__n * __TX_XORWOW_WEYL;
}

__TX_RAND_FN void __tx_xorwow_seed(curandStateXORWOW_t *__s,
                                   unsigned long long __seed) {
  unsigned int __s0 = (unsigned int)__seed ^ 0xaad26b49u;
  unsigned int __s1 = (unsigned int)(__seed >> 32) ^ 0xf7dcefddu;
  unsigned int __t0 = 1099087573u * __s0;
  unsigned int __t1 = 2591861531u * __s1;
  __s->d = 6615241u + __t1 + __t0;
  __s->v[0] = 123456789u + __t0;
  __s->v[1] = 362436069u ^ __t0;
  __s->v[2] = 521288629u + __t1;
  __s->v[3] = 88675123u ^ __t1;
  __s->v[4] = 5783321u + __t0;
  __s->boxmuller_flag = 0;
  __s->boxmuller_flag_double = 0;
  __s->boxmuller_extra = 0.0f;
  __s->boxmuller_extra_double = 0.0;
}

__TX_RAND_FN unsigned int __tx_xorwow_next(curandStateXORWOW_t *__s) {
  __tx_xorwow_shift(__s->v);
  __s->d += __TX_XORWOW_WEYL;
  return __s->v[4] + __s->d;
}

//===--- Philox4x32-10 (Salmon et al. 2011) -------------------------------===//

__TX_RAND_FN uint4 __tx_philox_block(uint4 __c, uint2 __k) {
  for (int __round = 0; __round < 10; ++__round) {
    unsigned long long __p0 = (unsigned long long)0xD2511F53u * __c.x;
    unsigned long long __p1 = (unsigned long long)0xCD9E8D57u * __c.z;
    uint4 __n;
    __n.x = (unsigned int)(__p1 >> 32) ^ __c.y ^ __k.x;
    __n.y = (unsigned int)__p1;
    __n.z = (unsigned int)(__p0 >> 32) ^ __c.w ^ __k.y;
    __n.w = (unsigned int)__p0;
    __c = __n;
    __k.x += 0x9E3779B9u;
    __k.y += 0xBB67AE85u;
  }
  return __c;
}

/// Adds __n to the low 64 bits of the 128-bit counter (carrying upwards).
__TX_RAND_FN void __tx_philox_add_low(uint4 *__c, unsigned long long __n) {
  unsigned long long __low = ((unsigned long long)__c->y << 32) | __c->x;
  unsigned long long __sum = __low + __n;
  __c->x = (unsigned int)__sum;
  __c->y = (unsigned int)(__sum >> 32);
  if (__sum < __low && ++__c->z == 0)
    ++__c->w;
}

/// Adds __n to the high 64 bits of the counter (the subsequence).
__TX_RAND_FN void __tx_philox_add_high(uint4 *__c, unsigned long long __n) {
  unsigned long long __high = ((unsigned long long)__c->w << 32) | __c->z;
  __high += __n;
  __c->z = (unsigned int)__high;
  __c->w = (unsigned int)(__high >> 32);
}

__TX_RAND_FN void __tx_philox_seed(curandStatePhilox4_32_10_t *__s,
                                   unsigned long long __seed) {
  __s->key.x = (unsigned int)__seed;
  __s->key.y = (unsigned int)(__seed >> 32);
  __s->ctr.x = __s->ctr.y = __s->ctr.z = __s->ctr.w = 0;
  __s->STATE = 0;
  __s->boxmuller_flag = 0;
  __s->boxmuller_flag_double = 0;
  __s->boxmuller_extra = 0.0f;
  __s->boxmuller_extra_double = 0.0;
  __s->output = __tx_philox_block(__s->ctr, __s->key);
}

/// Advances by __n 32-bit outputs (__sequence: by __n subsequences).
__TX_RAND_FN void __tx_philox_skip(curandStatePhilox4_32_10_t *__s,
                                   unsigned long long __n, int __sequence) {
  if (__sequence) {
    __tx_philox_add_high(&__s->ctr, __n);
  } else {
    unsigned int __index = __s->STATE + (unsigned int)(__n & 3u);
    __tx_philox_add_low(&__s->ctr, (__n >> 2) + (__index >> 2));
    __s->STATE = __index & 3u;
  }
  __s->output = __tx_philox_block(__s->ctr, __s->key);
}

__TX_RAND_FN unsigned int __tx_philox_word(uint4 __v, unsigned int __i) {
  return __i == 0 ? __v.x : __i == 1 ? __v.y : __i == 2 ? __v.z : __v.w;
}

__TX_RAND_FN unsigned int __tx_philox_next(curandStatePhilox4_32_10_t *__s) {
  unsigned int __r = __tx_philox_word(__s->output, __s->STATE);
  if (++__s->STATE == 4) {
    __s->STATE = 0;
    __tx_philox_add_low(&__s->ctr, 1);
    __s->output = __tx_philox_block(__s->ctr, __s->key);
  }
  return __r;
}

/// The four outputs from the current position (as curand4 returns them).
__TX_RAND_FN uint4 __tx_philox_next4(curandStatePhilox4_32_10_t *__s) {
  uint4 __r;
  __r.x = __tx_philox_next(__s);
  __r.y = __tx_philox_next(__s);
  __r.z = __tx_philox_next(__s);
  __r.w = __tx_philox_next(__s);
  return __r;
}

//===--- MRG32k3a (L'Ecuyer 1999) -----------------------------------------===//

#define __TX_MRG_M1 4294967087ull
#define __TX_MRG_M2 4294944443ull

/// __v = __m * __v modulo __mod (3x3 by 3).
__TX_RAND_FN void __tx_mrg_matvec(const unsigned int *__m, unsigned int *__v,
                                  unsigned long long __mod) {
  unsigned long long __r[3];
  for (int __i = 0; __i < 3; ++__i) {
    unsigned long long __sum = 0;
    for (int __j = 0; __j < 3; ++__j)
      __sum =
          (__sum + (unsigned long long)__m[__i * 3 + __j] * __v[__j] % __mod) %
          __mod;
    __r[__i] = __sum;
  }
  for (int __i = 0; __i < 3; ++__i)
    __v[__i] = (unsigned int)__r[__i];
}

/// Advances by __n * 2^__kind steps: __kind 0 = steps, 1 = subsequences
/// (2^76 steps), 2 = sequences (2^127 steps).
__TX_RAND_FN void __tx_mrg_skip(curandStateMRG32k3a_t *__s,
                                unsigned long long __n, int __kind) {
  const unsigned int __o1[64][9] = {__TX_MRG1_OFFSET_MATS};
  const unsigned int __o2[64][9] = {__TX_MRG2_OFFSET_MATS};
  const unsigned int __u1[64][9] = {__TX_MRG1_SUBSEQUENCE_MATS};
  const unsigned int __u2[64][9] = {__TX_MRG2_SUBSEQUENCE_MATS};
  const unsigned int __q1[64][9] = {__TX_MRG1_SEQUENCE_MATS};
  const unsigned int __q2[64][9] = {__TX_MRG2_SEQUENCE_MATS};
  for (int __k = 0; __n; ++__k, __n >>= 1) {
    if (!(__n & 1))
      continue;
    __tx_mrg_matvec(__kind == 0   ? __o1[__k]
                    : __kind == 1 ? __u1[__k]
                                  : __q1[__k],
                    __s->s1, __TX_MRG_M1);
    __tx_mrg_matvec(__kind == 0   ? __o2[__k]
                    : __kind == 1 ? __u2[__k]
                                  : __q2[__k],
                    __s->s2, __TX_MRG_M2);
  }
}

__TX_RAND_FN void __tx_mrg_seed(curandStateMRG32k3a_t *__s,
                                unsigned long long __seed) {
  for (int __i = 0; __i < 3; ++__i)
    __s->s1[__i] = __s->s2[__i] = 12345u;
  if (__seed) {
    unsigned long long __x1 = (unsigned int)__seed ^ 0x55555555u;
    unsigned long long __x2 = (unsigned int)(__seed >> 32) ^ 0xAAAAAAAAu;
    __s->s1[0] = (unsigned int)(__x1 * 12345u % __TX_MRG_M1);
    __s->s1[1] = (unsigned int)(__x2 * 12345u % __TX_MRG_M1);
    __s->s1[2] = (unsigned int)(__x1 * 12345u % __TX_MRG_M1);
    __s->s2[0] = (unsigned int)(__x2 * 12345u % __TX_MRG_M2);
    __s->s2[1] = (unsigned int)(__x1 * 12345u % __TX_MRG_M2);
    __s->s2[2] = (unsigned int)(__x2 * 12345u % __TX_MRG_M2);
  }
  __s->boxmuller_flag = 0;
  __s->boxmuller_flag_double = 0;
  __s->boxmuller_extra = 0.0f;
  __s->boxmuller_extra_double = 0.0;
}

/// One step; the combined result in [1, m1] (never zero).
__TX_RAND_FN unsigned int __tx_mrg_next(curandStateMRG32k3a_t *__s) {
  // Each product is below 2^64; reduce before adding.
  unsigned long long __p1 =
      (1403580ull * __s->s1[1] % __TX_MRG_M1 +
       (__TX_MRG_M1 - 810728ull) * __s->s1[0] % __TX_MRG_M1) %
      __TX_MRG_M1;
  unsigned long long __p2 =
      (527612ull * __s->s2[2] % __TX_MRG_M2 +
       (__TX_MRG_M2 - 1370589ull) * __s->s2[0] % __TX_MRG_M2) %
      __TX_MRG_M2;
  __s->s1[0] = __s->s1[1];
  __s->s1[1] = __s->s1[2];
  __s->s1[2] = (unsigned int)__p1;
  __s->s2[0] = __s->s2[1];
  __s->s2[1] = __s->s2[2];
  __s->s2[2] = (unsigned int)__p2;
  return (unsigned int)(__p1 > __p2 ? __p1 - __p2 : __p1 - __p2 + __TX_MRG_M1);
}

#endif // TONGXIN_CURAND_ENGINES_H
