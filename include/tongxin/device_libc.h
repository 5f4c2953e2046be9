//===- tongxin/device_libc.h - C library calls from device code -*- C++ -*-===//
//
// Part of Tongxin. Device-side printf, assert, malloc/free, memcpy/memset.
//
// This header must be seen before any C or C++ library header: clang's
// cuda_wrappers/<new> (always on the include path in CUDA mode) defines the
// device operator new/delete in terms of ::malloc/::free and insists that
// device declarations of those exist by the time <new> is first included.
// cuda_runtime.h therefore includes it first.
//
// What device code ends up calling (names in the device IR):
//   printf(fmt, ...)  clang itself rewrites a call to a __device__ printf
//                     into `i32 @vprintf(ptr fmt, ptr argbuf)` (CUDA's ABI;
//                     the runtime implements it as __tx_vprintf).
//   assert(e)         glibc's macro calls __assert_fail, whose device version
//                     here calls `@__tx_assert_fail(msg, file, line, func)`.
//   malloc / free     `@malloc(i64)` / `@free(ptr)` declarations.
//   memcpy / memset   llvm.memcpy / llvm.memset intrinsics.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DEVICE_LIBC_H
#define TONGXIN_DEVICE_LIBC_H

#if defined(__CUDA__) && defined(__cplusplus)

#include "tongxin/host_defines.h"

extern "C" {
/// CUDA's device printf entry; clang emits calls to it directly.
__device__ int vprintf(const char *, const char *);
/// Declaring a __device__ printf is what makes clang accept printf in
/// device code and lower it to vprintf (it overloads glibc's host one).
__device__ int printf(const char *, ...);

__device__ void *malloc(__SIZE_TYPE__) __attribute__((nothrow, malloc));
__device__ void free(void *) __attribute__((nothrow));

/// Implemented by the runtime (tongxin/abi.h).
__device__ void __tx_assert_fail(const char *, const char *, unsigned,
                                 const char *);

/// glibc's assert macro expands to a call of __assert_fail; this device
/// overload is what that call resolves to inside device code.
__device__ static __inline__ __attribute__((always_inline)) void
__assert_fail(const char *__msg, const char *__file, unsigned int __line,
              const char *__func) {
  // No __builtin_unreachable() after it: whether the runtime unwinds the
  // block or lets the thread run on is its choice, not the header's.
  __tx_assert_fail(__msg, __file, __line, __func);
}

__device__ static __inline__ __attribute__((always_inline)) void *
memcpy(void *__dst, const void *__src, __SIZE_TYPE__ __n) {
  return __builtin_memcpy(__dst, __src, __n);
}
__device__ static __inline__ __attribute__((always_inline)) void *
memset(void *__dst, int __c, __SIZE_TYPE__ __n) {
  return __builtin_memset(__dst, __c, __n);
}
} // extern "C"

#endif // __CUDA__ && __cplusplus
#endif // TONGXIN_DEVICE_LIBC_H
