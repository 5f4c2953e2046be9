//===- cooperative_groups/reduce.h - cg::reduce -----------------*- C++ -*-===//
//
// Part of Tongxin. cg::reduce(group, value, op) over a thread_block_tile or
// a coalesced_group: every member gets op folded over the members' values
// in rank order. Tiles use a butterfly of shfl_xor (log2 N steps, every
// lane ends with the result); coalesced groups, whose size need not be a
// power of two, fold down a shfl_down tree and broadcast rank 0's result.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COOPERATIVE_GROUPS_REDUCE_H
#define TONGXIN_COOPERATIVE_GROUPS_REDUCE_H

#include "../cooperative_groups.h"

#if defined(__CUDA__) && defined(__cplusplus)

namespace cooperative_groups {

template <unsigned _Size, typename _Parent, typename _T, typename _Op>
__device__ __inline__ __attribute__((always_inline)) _T
reduce(const thread_block_tile<_Size, _Parent> &__g, _T __v, _Op __op) {
  // Lanes pair up at distance 1, 2, ... N/2; for commutative ops the order
  // within each pair does not matter, and every op cg offers commutes.
  for (unsigned __d = 1; __d < _Size; __d <<= 1)
    __v = __op(__v, __g.shfl_xor(__v, __d));
  return __v;
}

template <typename _T, typename _Op>
__device__ __inline__ __attribute__((always_inline)) _T
reduce(const coalesced_group &__g, _T __v, _Op __op) {
  unsigned __n = __g.size(), __r = __g.thread_rank();
  for (unsigned __d = 1; __d < __n; __d <<= 1) {
    _T __other = __g.shfl_down(__v, __d);
    if (__r + __d < __n)
      __v = __op(__v, __other);
  }
  return __g.shfl(__v, 0);
}

} // namespace cooperative_groups

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_COOPERATIVE_GROUPS_REDUCE_H
