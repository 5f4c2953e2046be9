//===- cooperative_groups/details/functional.h - Reduction ops --*- C++ -*-===//
//
// Part of Tongxin. The function objects cg::reduce and the scans take:
// cg::plus, cg::less, cg::greater, cg::bit_and, cg::bit_or, cg::bit_xor.
// They are __host__ __device__, so host code may use them too (as CUDA
// allows); less and greater return the smaller / larger operand (a min and
// a max), which is what a reduction with them means.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COOPERATIVE_GROUPS_DETAILS_FUNCTIONAL_H
#define TONGXIN_COOPERATIVE_GROUPS_DETAILS_FUNCTIONAL_H

#include "tongxin/host_defines.h"

namespace cooperative_groups {

#define __TX_CG_FN__ __host__ __device__ __inline__

template <typename _T> struct plus {
  __TX_CG_FN__ _T operator()(_T __a, _T __b) const { return __a + __b; }
};
template <typename _T> struct less {
  __TX_CG_FN__ _T operator()(_T __a, _T __b) const {
    return __b < __a ? __b : __a;
  }
};
template <typename _T> struct greater {
  __TX_CG_FN__ _T operator()(_T __a, _T __b) const {
    return __a < __b ? __b : __a;
  }
};
template <typename _T> struct bit_and {
  __TX_CG_FN__ _T operator()(_T __a, _T __b) const { return __a & __b; }
};
template <typename _T> struct bit_or {
  __TX_CG_FN__ _T operator()(_T __a, _T __b) const { return __a | __b; }
};
template <typename _T> struct bit_xor {
  __TX_CG_FN__ _T operator()(_T __a, _T __b) const { return __a ^ __b; }
};

#undef __TX_CG_FN__

} // namespace cooperative_groups

#endif // TONGXIN_COOPERATIVE_GROUPS_DETAILS_FUNCTIONAL_H
