//===- tongxin/device_warp.h - Warp-level primitives ------------*- C++ -*-===//
//
// Part of Tongxin. CUDA's warp intrinsics (warp size 32), each mapped onto
// the NVVM intrinsic that clang provides; the SIMT-to-CPU passes lower those
// intrinsics to lane exchanges inside a warp:
//   __shfl*_sync        llvm.nvvm.shfl.sync.{idx,up,down,bfly}.i32
//   __all/any/uni_sync  llvm.nvvm.vote.{all,any,uni}.sync
//   __ballot_sync       llvm.nvvm.vote.ballot.sync
//   __match_*_sync      llvm.nvvm.match.{any,all}.sync.{i32,i64}[p]
//   __reduce_*_sync     llvm.nvvm.redux.sync.*
//   __activemask        llvm.nvvm.activemask
// Values of any trivially copyable type up to 8 bytes are shuffled as one or
// two 32-bit words, as on the GPU.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_WARP_H
#define TONGXIN_DEVICE_WARP_H

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"

#define __TX_DEVICE__ static __device__ __inline__ __attribute__((always_inline))

namespace __tx_warp {

enum __shfl_kind { __idx, __up, __down, __bfly };

/// CUDA's width argument becomes PTX's packed clamp/segment operand.
__TX_DEVICE__ int __clamp(__shfl_kind __kind, int __width) {
  int __segment = (32 - __width) << 8;
  return __kind == __up ? __segment : (__segment | 0x1f);
}

__TX_DEVICE__ unsigned __shfl32(__shfl_kind __kind, unsigned __mask,
                                unsigned __v, int __b, int __width) {
  int __c = __clamp(__kind, __width);
  switch (__kind) {
  case __idx:
    return __nvvm_shfl_sync_idx_i32(__mask, __v, __b, __c);
  case __up:
    return __nvvm_shfl_sync_up_i32(__mask, __v, __b, __c);
  case __down:
    return __nvvm_shfl_sync_down_i32(__mask, __v, __b, __c);
  default:
    return __nvvm_shfl_sync_bfly_i32(__mask, __v, __b, __c);
  }
}

template <int __Words> struct __shuffler;
template <> struct __shuffler<1> {
  template <typename _T>
  __device__ static _T __run(__shfl_kind __k, unsigned __m, _T __v, int __b,
                             int __w) {
    unsigned __bits = 0;
    __builtin_memcpy(&__bits, &__v, sizeof(_T));
    __bits = __shfl32(__k, __m, __bits, __b, __w);
    _T __r;
    __builtin_memcpy(&__r, &__bits, sizeof(_T));
    return __r;
  }
};
template <> struct __shuffler<2> {
  template <typename _T>
  __device__ static _T __run(__shfl_kind __k, unsigned __m, _T __v, int __b,
                             int __w) {
    unsigned __bits[2] = {0, 0};
    __builtin_memcpy(__bits, &__v, sizeof(_T));
    __bits[0] = __shfl32(__k, __m, __bits[0], __b, __w);
    __bits[1] = __shfl32(__k, __m, __bits[1], __b, __w);
    _T __r;
    __builtin_memcpy(&__r, __bits, sizeof(_T));
    return __r;
  }
};

template <typename _T>
__TX_DEVICE__ _T __shfl(__shfl_kind __k, unsigned __m, _T __v, int __b,
                        int __w) {
  static_assert(sizeof(_T) <= 8, "warp shuffles move at most 8 bytes");
  return __shuffler<(sizeof(_T) + 3) / 4>::__run(__k, __m, __v, __b, __w);
}

} // namespace __tx_warp

template <typename _T>
__TX_DEVICE__ _T __shfl_sync(unsigned __mask, _T __var, int __srcLane,
                             int __width = 32) {
  return __tx_warp::__shfl(__tx_warp::__idx, __mask, __var, __srcLane,
                           __width);
}
template <typename _T>
__TX_DEVICE__ _T __shfl_up_sync(unsigned __mask, _T __var, unsigned __delta,
                                int __width = 32) {
  return __tx_warp::__shfl(__tx_warp::__up, __mask, __var, (int)__delta,
                           __width);
}
template <typename _T>
__TX_DEVICE__ _T __shfl_down_sync(unsigned __mask, _T __var,
                                  unsigned __delta, int __width = 32) {
  return __tx_warp::__shfl(__tx_warp::__down, __mask, __var, (int)__delta,
                           __width);
}
template <typename _T>
__TX_DEVICE__ _T __shfl_xor_sync(unsigned __mask, _T __var, int __laneMask,
                                 int __width = 32) {
  return __tx_warp::__shfl(__tx_warp::__bfly, __mask, __var, __laneMask,
                           __width);
}

// The pre-Volta forms behave like the _sync ones with every lane named.
template <typename _T>
__TX_DEVICE__ _T __shfl(_T __var, int __srcLane, int __width = 32) {
  return __shfl_sync(0xffffffffu, __var, __srcLane, __width);
}
template <typename _T>
__TX_DEVICE__ _T __shfl_up(_T __var, unsigned __delta, int __width = 32) {
  return __shfl_up_sync(0xffffffffu, __var, __delta, __width);
}
template <typename _T>
__TX_DEVICE__ _T __shfl_down(_T __var, unsigned __delta, int __width = 32) {
  return __shfl_down_sync(0xffffffffu, __var, __delta, __width);
}
template <typename _T>
__TX_DEVICE__ _T __shfl_xor(_T __var, int __laneMask, int __width = 32) {
  return __shfl_xor_sync(0xffffffffu, __var, __laneMask, __width);
}

__TX_DEVICE__ int __all_sync(unsigned __mask, int __pred) {
  return __nvvm_vote_all_sync(__mask, __pred);
}
__TX_DEVICE__ int __any_sync(unsigned __mask, int __pred) {
  return __nvvm_vote_any_sync(__mask, __pred);
}
__TX_DEVICE__ int __uni_sync(unsigned __mask, int __pred) {
  return __nvvm_vote_uni_sync(__mask, __pred);
}
__TX_DEVICE__ unsigned __ballot_sync(unsigned __mask, int __pred) {
  return __nvvm_vote_ballot_sync(__mask, __pred);
}
__TX_DEVICE__ int __all(int __pred) { return __all_sync(0xffffffffu, __pred); }
__TX_DEVICE__ int __any(int __pred) { return __any_sync(0xffffffffu, __pred); }
__TX_DEVICE__ unsigned __ballot(int __pred) {
  return __ballot_sync(0xffffffffu, __pred);
}
__TX_DEVICE__ unsigned __activemask() { return __nvvm_activemask(); }

// __match_*_sync compare 32- or 64-bit values; floats by their bits, as in
// CUDA.
#define __TX_MATCH(TYPE, BITS, SUFFIX)                                         \
  __TX_DEVICE__ unsigned __match_any_sync(unsigned __mask, TYPE __v) {         \
    BITS __bits;                                                               \
    __builtin_memcpy(&__bits, &__v, sizeof(__bits));                           \
    return __nvvm_match_any_sync_##SUFFIX(__mask, __bits);                     \
  }                                                                            \
  __TX_DEVICE__ unsigned __match_all_sync(unsigned __mask, TYPE __v,           \
                                          int *__pred) {                       \
    BITS __bits;                                                               \
    __builtin_memcpy(&__bits, &__v, sizeof(__bits));                           \
    return __nvvm_match_all_sync_##SUFFIX##p(__mask, __bits, __pred);          \
  }
__TX_MATCH(int, int, i32)
__TX_MATCH(unsigned int, int, i32)
__TX_MATCH(float, int, i32)
__TX_MATCH(long, long long, i64)
__TX_MATCH(unsigned long, long long, i64)
__TX_MATCH(long long, long long, i64)
__TX_MATCH(unsigned long long, long long, i64)
__TX_MATCH(double, long long, i64)
#undef __TX_MATCH

__TX_DEVICE__ unsigned __reduce_add_sync(unsigned __mask, unsigned __v) {
  return __nvvm_redux_sync_add(__v, __mask);
}
__TX_DEVICE__ int __reduce_add_sync(unsigned __mask, int __v) {
  return __nvvm_redux_sync_add(__v, __mask);
}
__TX_DEVICE__ unsigned __reduce_min_sync(unsigned __mask, unsigned __v) {
  return __nvvm_redux_sync_umin(__v, __mask);
}
__TX_DEVICE__ int __reduce_min_sync(unsigned __mask, int __v) {
  return __nvvm_redux_sync_min(__v, __mask);
}
__TX_DEVICE__ unsigned __reduce_max_sync(unsigned __mask, unsigned __v) {
  return __nvvm_redux_sync_umax(__v, __mask);
}
__TX_DEVICE__ int __reduce_max_sync(unsigned __mask, int __v) {
  return __nvvm_redux_sync_max(__v, __mask);
}
__TX_DEVICE__ unsigned __reduce_and_sync(unsigned __mask, unsigned __v) {
  return __nvvm_redux_sync_and(__v, __mask);
}
__TX_DEVICE__ unsigned __reduce_or_sync(unsigned __mask, unsigned __v) {
  return __nvvm_redux_sync_or(__v, __mask);
}
__TX_DEVICE__ unsigned __reduce_xor_sync(unsigned __mask, unsigned __v) {
  return __nvvm_redux_sync_xor(__v, __mask);
}

// Lane masks relative to the calling lane (PTX %lanemask_*).
__TX_DEVICE__ unsigned __tx_laneid() {
  return __nvvm_read_ptx_sreg_laneid();
}
__TX_DEVICE__ unsigned __lanemask_eq() { return 1u << __tx_laneid(); }
__TX_DEVICE__ unsigned __lanemask_lt() { return (1u << __tx_laneid()) - 1u; }
__TX_DEVICE__ unsigned __lanemask_le() {
  return __lanemask_lt() | __lanemask_eq();
}
__TX_DEVICE__ unsigned __lanemask_gt() { return ~__lanemask_le(); }
__TX_DEVICE__ unsigned __lanemask_ge() { return ~__lanemask_lt(); }

#undef __TX_DEVICE__

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_WARP_H
