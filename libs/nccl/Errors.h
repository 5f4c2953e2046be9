//===- nccl/Errors.h - Failing a call with a message ------------*- C++ -*-===//
//
// Part of Tongxin. Every failing NCCL call leaves a one-line message, kept
// per thread for ncclGetLastError and printed on stderr when NCCL_DEBUG is
// set (WARN or INFO), as NVIDIA's NCCL prints its warnings.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_ERRORS_H
#define TONGXIN_LIBS_NCCL_ERRORS_H

#include "nccl.h"

namespace tx {
namespace nccl {

/// Records the message (printf format) and returns Result.
ncclResult_t fail(ncclResult_t Result, const char *Format, ...)
    __attribute__((format(printf, 2, 3)));

/// The calling thread's last message.
const char *lastMessage();

/// Prints an always-shown warning on stderr (an operation failed on a
/// stream, where no caller can receive a result).
void warnAlways(const char *Format, ...) __attribute__((format(printf, 1, 2)));

} // namespace nccl
} // namespace tx

/// Returns from the enclosing function when Expr is not ncclSuccess.
#define TX_NCCL_TRY(Expr)                                                      \
  do {                                                                         \
    ncclResult_t TxNcclResult = (Expr);                                        \
    if (TxNcclResult != ncclSuccess)                                           \
      return TxNcclResult;                                                     \
  } while (0)

#endif // TONGXIN_LIBS_NCCL_ERRORS_H
