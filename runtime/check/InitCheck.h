//===- check/InitCheck.h - initcheck's runtime side -------------*- C++ -*-===//
//
// Part of Tongxin. Device code built with `txcc --check=initcheck` tells the
// runtime which bytes of memory it reads and writes (tongxin/check_abi.h);
// this layer keeps, for every device allocation (cudaMalloc, pitched and
// 3-D, cudaMallocAsync), which of its bytes have been written since it was
// allocated -- by device code, a copy or a memset -- and reports a read of
// bytes never written, in device code or as the source of a copy, the way
// compute-sanitizer's initcheck does. Memory the host writes directly
// (managed, pinned and registered memory, variables) is not tracked. See
// docs/checks.md.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CHECK_INITCHECK_H
#define TONGXIN_RUNTIME_CHECK_INITCHECK_H

#include <cstddef>

namespace tx {
namespace check {

/// Turns the check on (a module built with --check=initcheck was loaded).
void startInitcheck();

/// True once startInitcheck() ran.
bool initcheckActive();

/// A copy of Bytes from Src to Dst ran: reports unwritten device bytes it
/// read and counts the bytes it wrote as written.
void initcheckCopy(void *Dst, const void *Src, size_t Bytes);

/// A memset of Bytes at Dst ran.
void initcheckFill(void *Dst, size_t Bytes);

/// A CUDA library's host code ran and may have written any device memory:
/// every live allocation counts as written from now on.
void initcheckLibraryWrote();

} // namespace check
} // namespace tx

#endif // TONGXIN_RUNTIME_CHECK_INITCHECK_H
