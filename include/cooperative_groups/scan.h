//===- cooperative_groups/scan.h - cg::inclusive/exclusive_scan -*- C++ -*-===//
//
// Part of Tongxin. Prefix scans over a thread_block_tile or a
// coalesced_group, in rank order: a Hillis-Steele ladder of shfl_up
// (log2 size steps). The exclusive scan shifts the inclusive one up by one
// rank; rank 0, which has no predecessor, gets a value-initialised T (0
// for arithmetic types, the identity of cg::plus, the default op).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COOPERATIVE_GROUPS_SCAN_H
#define TONGXIN_COOPERATIVE_GROUPS_SCAN_H

#include "../cooperative_groups.h"

#if defined(__CUDA__) && defined(__cplusplus)

namespace cooperative_groups {

namespace __tx_cg {
template <typename _Group, typename _T, typename _Op>
__device__ __inline__ __attribute__((always_inline)) _T
__inclusive(const _Group &__g, _T __v, _Op __op) {
  unsigned __n = __g.size(), __r = __g.thread_rank();
  for (unsigned __d = 1; __d < __n; __d <<= 1) {
    _T __lower = __g.shfl_up(__v, __d);
    if (__r >= __d)
      __v = __op(__lower, __v);
  }
  return __v;
}

template <typename _Group, typename _T, typename _Op>
__device__ __inline__ __attribute__((always_inline)) _T
__exclusive(const _Group &__g, _T __v, _Op __op) {
  _T __inc = __inclusive(__g, __v, __op);
  _T __prev = __g.shfl_up(__inc, 1);
  return __g.thread_rank() == 0 ? _T() : __prev;
}
} // namespace __tx_cg

template <unsigned _Size, typename _Parent, typename _T, typename _Op>
__device__ __inline__ __attribute__((always_inline)) _T
inclusive_scan(const thread_block_tile<_Size, _Parent> &__g, _T __v,
               _Op __op) {
  return __tx_cg::__inclusive(__g, __v, __op);
}
template <unsigned _Size, typename _Parent, typename _T>
__device__ __inline__ __attribute__((always_inline)) _T
inclusive_scan(const thread_block_tile<_Size, _Parent> &__g, _T __v) {
  return __tx_cg::__inclusive(__g, __v, plus<_T>());
}
template <typename _T, typename _Op>
__device__ __inline__ __attribute__((always_inline)) _T
inclusive_scan(const coalesced_group &__g, _T __v, _Op __op) {
  return __tx_cg::__inclusive(__g, __v, __op);
}
template <typename _T>
__device__ __inline__ __attribute__((always_inline)) _T
inclusive_scan(const coalesced_group &__g, _T __v) {
  return __tx_cg::__inclusive(__g, __v, plus<_T>());
}

template <unsigned _Size, typename _Parent, typename _T, typename _Op>
__device__ __inline__ __attribute__((always_inline)) _T
exclusive_scan(const thread_block_tile<_Size, _Parent> &__g, _T __v,
               _Op __op) {
  return __tx_cg::__exclusive(__g, __v, __op);
}
template <unsigned _Size, typename _Parent, typename _T>
__device__ __inline__ __attribute__((always_inline)) _T
exclusive_scan(const thread_block_tile<_Size, _Parent> &__g, _T __v) {
  return __tx_cg::__exclusive(__g, __v, plus<_T>());
}
template <typename _T, typename _Op>
__device__ __inline__ __attribute__((always_inline)) _T
exclusive_scan(const coalesced_group &__g, _T __v, _Op __op) {
  return __tx_cg::__exclusive(__g, __v, __op);
}
template <typename _T>
__device__ __inline__ __attribute__((always_inline)) _T
exclusive_scan(const coalesced_group &__g, _T __v) {
  return __tx_cg::__exclusive(__g, __v, plus<_T>());
}

} // namespace cooperative_groups

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_COOPERATIVE_GROUPS_SCAN_H
