//===- cooperative_groups.h - CUDA cooperative groups ------------*- C++ -*-===//
//
// Part of Tongxin. The cooperative-groups API (namespace cooperative_groups)
// built only on primitives the SIMT-to-CPU passes already understand:
//
//   thread_block        blockIdx/threadIdx arithmetic, __syncthreads()
//   grid_group          __tx_grid_barrier() (a block-wide cut after which
//                       the runtime's __tx_grid_sync() waits for every block
//                       of a cooperative launch)
//   thread_block_tile   __shfl*_sync / votes / __match_*_sync with the
//                       tile's lane mask and width N, __syncwarp(mask)
//   coalesced_group     __activemask(); ranks are the popcount of the group's
//                       lanes below the caller, so shuffles translate a rank
//                       into a lane first
//   thread_group        the run-time form of the above (a tagged value)
//
// Lanes are numbered as CUDA numbers them: the linear thread index of the
// block (x fastest) modulo 32. A tile of N threads is the aligned run of N
// lanes that holds the caller, so tiles of tiles nest without bookkeeping.
//
// Collectives (cg::reduce, the scans, memcpy_async) live in the
// cooperative_groups/ headers, which this one includes as CUDA's does.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COOPERATIVE_GROUPS_H
#define TONGXIN_COOPERATIVE_GROUPS_H

#include "cuda_runtime.h"

#if defined(__cplusplus)

#include "cooperative_groups/details/functional.h"

#if defined(__CUDA__)

/// The grid barrier the compiler knows (tongxin/abi.h); grid_group::sync().
extern "C" __device__ void __tx_grid_barrier(void);

#define __TX_CG_QUAL__ __device__ __inline__ __attribute__((always_inline))
#define __TX_CG_STATIC__                                                       \
  static __device__ __inline__ __attribute__((always_inline))

namespace cooperative_groups {

//===--- Lane arithmetic ----------------------------------------------------===//

namespace __tx_cg {

__TX_CG_STATIC__ unsigned __block_rank() {
  return (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
}
__TX_CG_STATIC__ unsigned __block_size() {
  return blockDim.x * blockDim.y * blockDim.z;
}
__TX_CG_STATIC__ unsigned __lane() { return __block_rank() & 31u; }

/// The lanes of my warp that exist: all 32 except in a block whose size is
/// not a multiple of 32, whose last warp is partial.
__TX_CG_STATIC__ unsigned __warp_lanes() {
  unsigned __left = __block_size() - (__block_rank() & ~31u);
  return __left >= 32 ? 0xffffffffu : ((1u << __left) - 1u);
}

/// The existing lanes of the aligned tile of Size lanes (a power of two
/// <= 32) that holds the caller. Leaving out the missing lanes of a partial
/// warp keeps every collective's mask to threads that can take part.
__TX_CG_STATIC__ unsigned __tile_mask(unsigned __size) {
  unsigned __bits = __size >= 32 ? 0xffffffffu : ((1u << __size) - 1u);
  return (__bits << (__lane() & ~(__size - 1u) & 31u)) & __warp_lanes();
}

/// Lane of the N-th (0-based) set bit of Mask; 32 when there is none.
__TX_CG_STATIC__ unsigned __nth_lane(unsigned __mask, unsigned __n) {
  for (unsigned __l = 0; __l < 32; ++__l) {
    if (__mask & (1u << __l)) {
      if (__n == 0)
        return __l;
      --__n;
    }
  }
  return 32;
}

/// Gathers the bits of Value at the set positions of Mask into the low
/// bits, in order (x86's PEXT): turns lane masks into rank masks.
__TX_CG_STATIC__ unsigned __compress(unsigned __value, unsigned __mask) {
  unsigned __out = 0, __bit = 0;
  for (unsigned __l = 0; __l < 32; ++__l) {
    if (__mask & (1u << __l)) {
      if (__value & (1u << __l))
        __out |= 1u << __bit;
      ++__bit;
    }
  }
  return __out;
}

enum __group_kind : unsigned {
  __kind_block,
  __kind_tile,
  __kind_coalesced,
};

} // namespace __tx_cg

class thread_group;
class thread_block;
class grid_group;
class coalesced_group;
template <unsigned _Size, typename _Parent = void> class thread_block_tile;

//===--- thread_group: any group, known at run time ------------------------===//

/// The common, type-erased form every block-level group converts to. A tile
/// or coalesced group is a set of lanes of one warp (Mask); a block is all
/// of the block's threads.
class thread_group {
public:
  __TX_CG_QUAL__ void sync() const {
    if (__kind == __tx_cg::__kind_block)
      __syncthreads();
    else
      __syncwarp(__mask);
  }
  __TX_CG_QUAL__ unsigned long long size() const { return __size; }
  __TX_CG_QUAL__ unsigned long long num_threads() const { return __size; }
  __TX_CG_QUAL__ unsigned long long thread_rank() const { return __rank; }
  /// Which group of the parent's partition this is, and how many there are.
  __TX_CG_QUAL__ unsigned long long meta_group_rank() const {
    return __meta_rank;
  }
  __TX_CG_QUAL__ unsigned long long meta_group_size() const {
    return __meta_size;
  }
  __TX_CG_QUAL__ unsigned get_type() const { return __kind; }

  // Not CUDA API: the lanes of a tile or coalesced group.
  __TX_CG_QUAL__ unsigned __lane_mask() const { return __mask; }

protected:
  __TX_CG_QUAL__ thread_group(__tx_cg::__group_kind __k, unsigned __m,
                              unsigned __r, unsigned __s, unsigned __mr,
                              unsigned __ms)
      : __kind(__k), __mask(__m), __rank(__r), __size(__s), __meta_rank(__mr),
        __meta_size(__ms) {}

  __tx_cg::__group_kind __kind;
  unsigned __mask;
  unsigned __rank;
  unsigned __size;
  unsigned __meta_rank;
  unsigned __meta_size;
};

//===--- thread_block ---------------------------------------------------------===//

class thread_block {
public:
  __TX_CG_STATIC__ void sync() { __syncthreads(); }
  __TX_CG_STATIC__ unsigned thread_rank() { return __tx_cg::__block_rank(); }
  __TX_CG_STATIC__ unsigned size() { return __tx_cg::__block_size(); }
  __TX_CG_STATIC__ unsigned num_threads() { return __tx_cg::__block_size(); }
  __TX_CG_STATIC__ dim3 group_index() {
    return dim3(blockIdx.x, blockIdx.y, blockIdx.z);
  }
  __TX_CG_STATIC__ dim3 thread_index() {
    return dim3(threadIdx.x, threadIdx.y, threadIdx.z);
  }
  __TX_CG_STATIC__ dim3 dim_threads() {
    return dim3(blockDim.x, blockDim.y, blockDim.z);
  }
  __TX_CG_STATIC__ dim3 group_dim() { return dim_threads(); }

  __TX_CG_QUAL__ operator thread_group() const;

private:
  __TX_CG_QUAL__ thread_block() {}
  friend __device__ thread_block this_thread_block();
};

__device__ __inline__ __attribute__((always_inline)) thread_block
this_thread_block() {
  return thread_block();
}

namespace __tx_cg {
/// Gives thread_block's conversion access to the protected constructor.
struct __make_group : thread_group {
  __TX_CG_QUAL__ __make_group(__group_kind __k, unsigned __m, unsigned __r,
                              unsigned __s, unsigned __mr, unsigned __ms)
      : thread_group(__k, __m, __r, __s, __mr, __ms) {}
};
} // namespace __tx_cg

__TX_CG_QUAL__ thread_block::operator thread_group() const {
  return __tx_cg::__make_group(__tx_cg::__kind_block, 0xffffffffu,
                               thread_rank(), size(), 0, 1);
}

//===--- grid_group -----------------------------------------------------------===//

/// Every thread of the launch. sync() needs cudaLaunchCooperativeKernel;
/// elsewhere it stops the launch with cudaErrorLaunchFailure (the runtime
/// explains why), where a GPU would hang or fault.
class grid_group {
public:
  __TX_CG_STATIC__ void sync() { __tx_grid_barrier(); }
  /// Always true here: whether the launch is cooperative is only known to
  /// the runtime, which checks it at the first sync().
  __TX_CG_STATIC__ bool is_valid() { return true; }
  __TX_CG_STATIC__ unsigned long long block_rank() {
    return (static_cast<unsigned long long>(blockIdx.z) * gridDim.y +
            blockIdx.y) *
               gridDim.x +
           blockIdx.x;
  }
  __TX_CG_STATIC__ unsigned long long num_blocks() {
    return static_cast<unsigned long long>(gridDim.x) * gridDim.y * gridDim.z;
  }
  __TX_CG_STATIC__ unsigned long long thread_rank() {
    return block_rank() * __tx_cg::__block_size() + __tx_cg::__block_rank();
  }
  __TX_CG_STATIC__ unsigned long long size() {
    return num_blocks() * __tx_cg::__block_size();
  }
  __TX_CG_STATIC__ unsigned long long num_threads() { return size(); }
  __TX_CG_STATIC__ dim3 group_dim() {
    return dim3(gridDim.x, gridDim.y, gridDim.z);
  }
  __TX_CG_STATIC__ dim3 dim_blocks() { return group_dim(); }
  __TX_CG_STATIC__ dim3 block_index() {
    return dim3(blockIdx.x, blockIdx.y, blockIdx.z);
  }

private:
  __TX_CG_QUAL__ grid_group() {}
  friend __device__ grid_group this_grid();
};

__device__ __inline__ __attribute__((always_inline)) grid_group this_grid() {
  return grid_group();
}

//===--- thread_block_tile<N> ------------------------------------------------===//

/// N consecutive threads of the block (N a power of two, at most 32). The
/// Parent parameter only records where the tile came from; every tile
/// converts to thread_block_tile<N> (Parent = void), which does the work.
template <unsigned _Size> class thread_block_tile<_Size, void> {
  static_assert(_Size >= 1 && _Size <= 32 && (_Size & (_Size - 1)) == 0,
                "thread_block_tile size must be a power of two <= 32");

public:
  static constexpr unsigned __tile_size = _Size;

  __TX_CG_QUAL__ void sync() const { __syncwarp(__mask()); }
  __TX_CG_STATIC__ constexpr unsigned size() { return _Size; }
  __TX_CG_STATIC__ constexpr unsigned num_threads() { return _Size; }
  __TX_CG_STATIC__ unsigned thread_rank() {
    return __tx_cg::__block_rank() & (_Size - 1);
  }
  __TX_CG_QUAL__ unsigned meta_group_rank() const { return __meta_rank; }
  __TX_CG_QUAL__ unsigned meta_group_size() const { return __meta_size; }

  template <typename _T>
  __TX_CG_QUAL__ _T shfl(_T __v, int __src) const {
    return __shfl_sync(__mask(), __v, __src, _Size);
  }
  template <typename _T>
  __TX_CG_QUAL__ _T shfl_up(_T __v, unsigned __delta) const {
    return __shfl_up_sync(__mask(), __v, __delta, _Size);
  }
  template <typename _T>
  __TX_CG_QUAL__ _T shfl_down(_T __v, unsigned __delta) const {
    return __shfl_down_sync(__mask(), __v, __delta, _Size);
  }
  template <typename _T>
  __TX_CG_QUAL__ _T shfl_xor(_T __v, unsigned __laneMask) const {
    return __shfl_xor_sync(__mask(), __v, __laneMask, _Size);
  }

  /// Votes answer in tile ranks: bit i is the thread of rank i.
  __TX_CG_QUAL__ unsigned ballot(int __pred) const {
    return __ballot_sync(__mask(), __pred) >> __base();
  }
  __TX_CG_QUAL__ int any(int __pred) const {
    return __any_sync(__mask(), __pred);
  }
  __TX_CG_QUAL__ int all(int __pred) const {
    return __all_sync(__mask(), __pred);
  }
  template <typename _T> __TX_CG_QUAL__ unsigned match_any(_T __v) const {
    return __match_any_sync(__mask(), __v) >> __base();
  }
  template <typename _T>
  __TX_CG_QUAL__ unsigned match_all(_T __v, int &__pred) const {
    return __match_all_sync(__mask(), __v, &__pred) >> __base();
  }

  __TX_CG_QUAL__ operator thread_group() const {
    return __tx_cg::__make_group(__tx_cg::__kind_tile, __mask(),
                                 thread_rank(), _Size, __meta_rank,
                                 __meta_size);
  }

  // Not CUDA API.
  __TX_CG_STATIC__ unsigned __base() {
    return __tx_cg::__lane() & ~(_Size - 1) & 31u;
  }
  __TX_CG_STATIC__ unsigned __mask() { return __tx_cg::__tile_mask(_Size); }
  __TX_CG_QUAL__ unsigned __lane_mask() const { return __mask(); }

  __TX_CG_QUAL__ thread_block_tile(unsigned __mr, unsigned __ms)
      : __meta_rank(__mr), __meta_size(__ms) {}

private:
  unsigned __meta_rank;
  unsigned __meta_size;
};

template <unsigned _Size, typename _Parent>
class thread_block_tile : public thread_block_tile<_Size, void> {
public:
  __TX_CG_QUAL__ thread_block_tile(unsigned __mr, unsigned __ms)
      : thread_block_tile<_Size, void>(__mr, __ms) {}
};

namespace __tx_cg {
/// Rank and size of a group that tiled_partition may split.
__TX_CG_STATIC__ unsigned __parent_rank(const thread_block &__g) {
  return __g.thread_rank();
}
__TX_CG_STATIC__ unsigned __parent_size(const thread_block &__g) {
  return __g.size();
}
template <unsigned _S, typename _P>
__TX_CG_STATIC__ unsigned __parent_rank(const thread_block_tile<_S, _P> &__g) {
  return __g.thread_rank();
}
template <unsigned _S, typename _P>
__TX_CG_STATIC__ unsigned __parent_size(const thread_block_tile<_S, _P> &) {
  return _S;
}
} // namespace __tx_cg

/// Splits a block or a larger tile into tiles of N threads.
template <unsigned _Size, typename _ParentT>
__device__ __inline__ __attribute__((always_inline))
thread_block_tile<_Size, _ParentT>
tiled_partition(const _ParentT &__parent) {
  unsigned __r = __tx_cg::__parent_rank(__parent);
  unsigned __s = __tx_cg::__parent_size(__parent);
  return thread_block_tile<_Size, _ParentT>(__r / _Size,
                                            (__s + _Size - 1) / _Size);
}

/// The tile of one thread.
__device__ __inline__ __attribute__((always_inline)) thread_block_tile<1, void>
this_thread() {
  return thread_block_tile<1, void>(__tx_cg::__block_rank(),
                                    __tx_cg::__block_size());
}

/// Run-time tile size: a power of two up to 32 (what fits in one warp).
/// Larger or other sizes trap, as CUDA rejects them.
__device__ __inline__ __attribute__((always_inline)) thread_group
tiled_partition(const thread_group &__parent, unsigned __size) {
  if (__size == 0 || __size > 32 || (__size & (__size - 1)))
    __trap();
  unsigned __r = __parent.thread_rank();
  unsigned __s = __parent.size();
  return __tx_cg::__make_group(__tx_cg::__kind_tile,
                               __tx_cg::__tile_mask(__size) &
                                   (__parent.__lane_mask()),
                               __r % __size, __size, __r / __size,
                               (__s + __size - 1) / __size);
}

//===--- coalesced_group ------------------------------------------------------===//

/// The lanes of one warp that run together (or a partition of them). Ranks
/// are dense: a thread's rank counts the members at lower lanes.
class coalesced_group {
public:
  __TX_CG_QUAL__ void sync() const { __syncwarp(__mask); }
  __TX_CG_QUAL__ unsigned size() const { return __builtin_popcount(__mask); }
  __TX_CG_QUAL__ unsigned num_threads() const { return size(); }
  __TX_CG_QUAL__ unsigned thread_rank() const {
    return __builtin_popcount(__mask & __lanemask_lt());
  }
  __TX_CG_QUAL__ unsigned meta_group_rank() const { return __meta_rank; }
  __TX_CG_QUAL__ unsigned meta_group_size() const { return __meta_size; }

  /// The value of the member of rank Src.
  template <typename _T> __TX_CG_QUAL__ _T shfl(_T __v, unsigned __src) const {
    unsigned __lane = __tx_cg::__nth_lane(__mask, __src % size());
    return __shfl_sync(__mask, __v, __lane);
  }
  /// The value of rank (mine - Delta); my own below rank Delta.
  template <typename _T>
  __TX_CG_QUAL__ _T shfl_up(_T __v, unsigned __delta) const {
    unsigned __r = thread_rank();
    unsigned __lane = __r >= __delta ? __tx_cg::__nth_lane(__mask, __r - __delta)
                                     : __tx_cg::__lane();
    return __shfl_sync(__mask, __v, __lane);
  }
  /// The value of rank (mine + Delta); my own past the last rank.
  template <typename _T>
  __TX_CG_QUAL__ _T shfl_down(_T __v, unsigned __delta) const {
    unsigned __r = thread_rank();
    unsigned __lane = __r + __delta < size()
                          ? __tx_cg::__nth_lane(__mask, __r + __delta)
                          : __tx_cg::__lane();
    return __shfl_sync(__mask, __v, __lane);
  }

  /// Votes answer in group ranks: bit i is the member of rank i.
  __TX_CG_QUAL__ unsigned ballot(int __pred) const {
    return __tx_cg::__compress(__ballot_sync(__mask, __pred), __mask);
  }
  __TX_CG_QUAL__ int any(int __pred) const { return __any_sync(__mask, __pred); }
  __TX_CG_QUAL__ int all(int __pred) const { return __all_sync(__mask, __pred); }
  template <typename _T> __TX_CG_QUAL__ unsigned match_any(_T __v) const {
    return __tx_cg::__compress(__match_any_sync(__mask, __v), __mask);
  }
  template <typename _T>
  __TX_CG_QUAL__ unsigned match_all(_T __v, int &__pred) const {
    return __tx_cg::__compress(__match_all_sync(__mask, __v, &__pred), __mask);
  }

  __TX_CG_QUAL__ operator thread_group() const {
    return __tx_cg::__make_group(__tx_cg::__kind_coalesced, __mask,
                                 thread_rank(), size(), __meta_rank,
                                 __meta_size);
  }

  // Not CUDA API: the group's lanes, and the group of given lanes.
  __TX_CG_QUAL__ unsigned __lane_mask() const { return __mask; }
  __TX_CG_QUAL__ explicit coalesced_group(unsigned __m, unsigned __mr = 0,
                                          unsigned __ms = 1)
      : __mask(__m), __meta_rank(__mr), __meta_size(__ms) {}

private:
  unsigned __mask;
  unsigned __meta_rank;
  unsigned __meta_size;
};

/// The threads of my warp that are executing here together with me.
__device__ __inline__ __attribute__((always_inline)) coalesced_group
coalesced_threads() {
  return coalesced_group(__activemask());
}

//===--- Partitions by value ---------------------------------------------------===//

/// Members of Group with the same Label form one coalesced group.
template <typename _Group, typename _Label>
__device__ __inline__ __attribute__((always_inline)) coalesced_group
labeled_partition(const _Group &__g, _Label __label) {
  return coalesced_group(__match_any_sync(__g.__lane_mask(), __label));
}

/// Members of Group split by Pred (true and false halves).
template <typename _Group>
__device__ __inline__ __attribute__((always_inline)) coalesced_group
binary_partition(const _Group &__g, bool __pred) {
  unsigned __parent = __g.__lane_mask();
  unsigned __yes = __ballot_sync(__parent, __pred);
  return __pred ? coalesced_group(__yes, 1, 2)
                : coalesced_group(__parent & ~__yes, 0, 2);
}

//===--- Free functions --------------------------------------------------------===//

template <typename _Group>
__device__ __inline__ __attribute__((always_inline)) void
sync(const _Group &__g) {
  __g.sync();
}

} // namespace cooperative_groups

#undef __TX_CG_QUAL__
#undef __TX_CG_STATIC__

#include "cooperative_groups/reduce.h"
#include "cooperative_groups/scan.h"
#include "cooperative_groups/memcpy_async.h"

#endif // __CUDA__
#endif // __cplusplus
#endif // TONGXIN_COOPERATIVE_GROUPS_H
