//===- Status.h - cuBLAS and cuBLASLt checks as early returns --*- C++ -*-===//
//
// Part of Tongxin. Bad values return CUBLAS_STATUS_INVALID_VALUE; valid
// requests a library does not implement return CUBLAS_STATUS_NOT_SUPPORTED;
// TX_TRY passes on a failed step's status.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_STATUS_H
#define TONGXIN_LIBS_BLAS_STATUS_H

#include "cublas_api.h"

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

#endif // TONGXIN_LIBS_BLAS_STATUS_H
