//===- Status.h - cuBLASLt's checks as early returns ------------*- C++ -*-===//
//
// Part of Tongxin. Bad values return CUBLAS_STATUS_INVALID_VALUE; valid
// requests this library does not implement return
// CUBLAS_STATUS_NOT_SUPPORTED (cuBLASLt's own distinction).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLASLT_STATUS_H
#define TONGXIN_LIBS_BLASLT_STATUS_H

#include "cublasLt.h"

#define TX_TRY(Expr)                                                           \
  do {                                                                         \
    if (cublasStatus_t S_ = (Expr))                                            \
      return S_;                                                               \
  } while (0)
#define TX_REQUIRE(Cond)                                                       \
  do {                                                                         \
    if (!(Cond))                                                               \
      return CUBLAS_STATUS_INVALID_VALUE;                                      \
  } while (0)
#define TX_SUPPORTED(Cond)                                                     \
  do {                                                                         \
    if (!(Cond))                                                               \
      return CUBLAS_STATUS_NOT_SUPPORTED;                                      \
  } while (0)

#endif // TONGXIN_LIBS_BLASLT_STATUS_H
