//===- tongxin/curand_mtgp32_engine.h - The MTGP32 engine ------*- C++ -*-===//
//
// Part of Tongxin. MTGP32 as Saito and Matsumoto publish it (mtgp32-fast):
// seeding, the recursion and the tempering, over cuRAND's state and
// parameter types. Shared by curand_mtgp32_kernel.h (a thread block draws
// up to 256 words at once), curand_mtgp32_host.h and libcurand's host
// generator (one word at a time), so all of them give the same sequence.
//
// Word i of a state's sequence is made from words i, i + 1 and i + pos of
// the ring (pos < 96) and written to word i + 351; tempering reads word
// i + pos - 1. A block of up to 256 threads can therefore make words
// offset .. offset + 255 together: they read only words below
// offset + 351 and write only words from there on.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CURAND_MTGP32_ENGINE_H
#define TONGXIN_CURAND_MTGP32_ENGINE_H

#include "curand_mtgp32.h"
#include "tongxin/curand_engines.h"

/// MTGP's seeding (mtgp32_init_state): the first 351 words of a state.
__TX_RAND_FN void __tx_mtgp32_seed(unsigned int *__s,
                                   const mtgp32_params_fast_t *__p,
                                   unsigned int __seed) {
  unsigned int __hidden = __p->tbl[4] ^ (__p->tbl[8] << 16);
  unsigned int __fill = __hidden;
  __fill += __fill >> 16;
  __fill += __fill >> 8;
  __fill = (__fill & 0xffu) * 0x01010101u;
  for (int __i = 0; __i < MTGP32_STATE_SIZE; ++__i)
    __s[__i] = __i < MTGPDC_N ? __fill : 0u;
  __s[0] = __seed;
  __s[1] = __hidden;
  for (unsigned int __i = 1; __i < MTGPDC_N; ++__i)
    __s[__i] ^= 1812433253u * (__s[__i - 1] ^ (__s[__i - 1] >> 30)) + __i;
}

/// The recursion: the word that follows __x1, __x2 and __y.
__TX_RAND_FN unsigned int
__tx_mtgp32_recursion(unsigned int __x1, unsigned int __x2, unsigned int __y,
                      unsigned int __sh1, unsigned int __sh2,
                      unsigned int __mask, const unsigned int *__tbl) {
  unsigned int __x = (__x1 & __mask) ^ __x2;
  __x ^= __x << __sh1;
  __y = __x ^ (__y >> __sh2);
  return __y ^ __tbl[__y & 0x0fu];
}

/// The tempering of word __v by the earlier word __t.
__TX_RAND_FN unsigned int __tx_mtgp32_temper(unsigned int __v, unsigned int __t,
                                             const unsigned int *__tmp_tbl) {
  __t ^= __t >> 16;
  __t ^= __t >> 8;
  return __v ^ __tmp_tbl[__t & 0x0fu];
}

/// Word offset + __i of __st's sequence (__i < 256), tempered; the
/// untempered word goes to its place in the ring. Leaves offset alone.
__TX_RAND_FN unsigned int __tx_mtgp32_word(curandStateMtgp32_t *__st,
                                           unsigned int __i) {
  const mtgp32_kernel_params_t *__k = __st->k;
  int __id = __st->pIdx;
  unsigned int __pos = __k->pos_tbl[__id];
  unsigned int __j = (unsigned int)__st->offset + __i;
  unsigned int __r = __tx_mtgp32_recursion(
      __st->s[__j & MTGP32_STATE_MASK], __st->s[(__j + 1) & MTGP32_STATE_MASK],
      __st->s[(__j + __pos) & MTGP32_STATE_MASK], __k->sh1_tbl[__id],
      __k->sh2_tbl[__id], __k->mask[0], __k->param_tbl[__id]);
  __st->s[(__j + MTGPDC_N) & MTGP32_STATE_MASK] = __r;
  return __tx_mtgp32_temper(__r, __st->s[(__j + __pos - 1) & MTGP32_STATE_MASK],
                            __k->temper_tbl[__id]);
}

/// The next word of __st, one thread at a time (the host's way).
__TX_RAND_FN unsigned int __tx_mtgp32_next(curandStateMtgp32_t *__st) {
  unsigned int __r = __tx_mtgp32_word(__st, 0);
  __st->offset = (__st->offset + 1) & MTGP32_STATE_MASK;
  return __r;
}

/// The kernel tables of __n parameter sets (curandMakeMTGP32Constants).
static inline void __tx_mtgp32_make_constants(const mtgp32_params_fast_t *__p,
                                              mtgp32_kernel_params_t *__k,
                                              int __n) {
  for (int __i = 0; __i < __n; ++__i) {
    __k->pos_tbl[__i] = (unsigned int)__p[__i].pos;
    __k->sh1_tbl[__i] = (unsigned int)__p[__i].sh1;
    __k->sh2_tbl[__i] = (unsigned int)__p[__i].sh2;
    for (int __j = 0; __j < 16; ++__j) {
      __k->param_tbl[__i][__j] = __p[__i].tbl[__j];
      __k->temper_tbl[__i][__j] = __p[__i].tmp_tbl[__j];
      __k->single_temper_tbl[__i][__j] = __p[__i].flt_tmp_tbl[__j];
    }
  }
  __k->mask[0] = __p[0].mask;
}

/// State __id, seeded with __seed by parameter set __p (which must be
/// set __id of the tables in __k).
static inline void __tx_mtgp32_make_state(curandStateMtgp32_t *__st,
                                          const mtgp32_params_fast_t *__p,
                                          mtgp32_kernel_params_t *__k, int __id,
                                          unsigned int __seed) {
  __tx_mtgp32_seed(__st->s, __p, __seed);
  __st->offset = 0;
  __st->pIdx = __id;
  __st->k = __k;
}

#endif // TONGXIN_CURAND_MTGP32_ENGINE_H
