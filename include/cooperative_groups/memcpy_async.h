//===- cooperative_groups/memcpy_async.h - cg::memcpy_async -----*- C++ -*-===//
//
// Part of Tongxin. cg::memcpy_async(group, dst, src, bytes) and
// cg::wait / cg::wait_prior<N>. A CPU has no asynchronous copy engine
// between global and shared memory, so the copy happens at once, spread
// over the group's threads (thread r copies chunks r, r + size, ...), and
// wait() is the group barrier that makes every thread's chunks visible to
// the others. That meets CUDA's contract: the data may be read only after
// the wait, and the source must stay unchanged until then.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H
#define TONGXIN_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H

#include "../cooperative_groups.h"

#if defined(__CUDA__) && defined(__cplusplus)

#include <stddef.h>

namespace cooperative_groups {

namespace __tx_cg {
__device__ __inline__ __attribute__((always_inline)) void
__copy_share(unsigned long long __rank, unsigned long long __size, void *__dst,
             const void *__src, size_t __bytes) {
  char *__d = static_cast<char *>(__dst);
  const char *__s = static_cast<const char *>(__src);
  // Word-sized chunks when both ends allow it, bytes otherwise.
  if (((reinterpret_cast<size_t>(__d) | reinterpret_cast<size_t>(__s) |
        __bytes) &
       3) == 0) {
    unsigned *__dw = reinterpret_cast<unsigned *>(__d);
    const unsigned *__sw = reinterpret_cast<const unsigned *>(__s);
    for (size_t __i = __rank; __i < __bytes / 4; __i += __size)
      __dw[__i] = __sw[__i];
    return;
  }
  for (size_t __i = __rank; __i < __bytes; __i += __size)
    __d[__i] = __s[__i];
}
} // namespace __tx_cg

/// Copies Bytes from Src to Dst with the threads of Group; the data is
/// ready for every member after cg::wait(Group).
template <typename _Group>
__device__ __inline__ __attribute__((always_inline)) void
memcpy_async(const _Group &__g, void *__dst, const void *__src,
             size_t __bytes) {
  __tx_cg::__copy_share(__g.thread_rank(), __g.size(), __dst, __src, __bytes);
}

/// The element-count form: SrcCount elements of T (DstCount must hold them).
template <typename _Group, typename _T>
__device__ __inline__ __attribute__((always_inline)) void
memcpy_async(const _Group &__g, _T *__dst, size_t __dstCount,
             const _T *__src, size_t __srcCount) {
  (void)__dstCount;
  __tx_cg::__copy_share(__g.thread_rank(), __g.size(), __dst, __src,
                        __srcCount * sizeof(_T));
}

/// Waits for every memcpy_async the group issued.
template <typename _Group>
__device__ __inline__ __attribute__((always_inline)) void
wait(const _Group &__g) {
  __g.sync();
}

/// Waits until at most N of the group's copies are still in flight; the
/// copies here finish when issued, so this is the same barrier as wait().
template <unsigned _N, typename _Group>
__device__ __inline__ __attribute__((always_inline)) void
wait_prior(const _Group &__g) {
  __g.sync();
}

} // namespace cooperative_groups

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H
