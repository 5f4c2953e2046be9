//===- solver/Cholesky.cpp - potrf, potrs, potri --------------------------===//
//
// Part of Tongxin. Cholesky factorisation of a Hermitian positive definite
// matrix, solves with its factor, and its inverse, over LAPACK. devInfo = i
// > 0 from potrf (and potri) means the leading minor of order i is not
// positive definite (the factor's diagonal entry i is zero for potri).
//
//===----------------------------------------------------------------------===//

#include "Arguments.h"
#include "Handle.h"

using namespace tx::solver;

/// LAPACK's potrf and potri need no workspace: one element keeps callers
/// that allocate exactly the reported size from allocating nothing.
static cusolverStatus_t choleskyBufferSize(cusolverDnHandle_t Handle,
                                           cublasFillMode_t Uplo, int N,
                                           int Lda, int *Lwork) {
  if (cusolverStatus_t Status = checkHandle(Handle))
    return Status;
  char U;
  if (!fillModeChar(Uplo, &U) || N < 0 || Lda < atLeastOne(N) || !Lwork)
    return CUSOLVER_STATUS_INVALID_VALUE;
  *Lwork = 1;
  return CUSOLVER_STATUS_SUCCESS;
}

/// potrf, or potri when Invert is set: the same arguments and checks.
template <typename ApiT>
static cusolverStatus_t factorOrInvert(cusolverDnHandle_t Handle,
                                       cublasFillMode_t Uplo, int N, ApiT *A,
                                       int Lda, int *Info, bool Invert) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  char U;
  if (!fillModeChar(Uplo, &U))
    return Call.reject(1);
  if (N < 0)
    return Call.reject(2);
  if (N > 0 && !A)
    return Call.reject(3);
  if (Lda < atLeastOne(N))
    return Call.reject(4);
  T *Matrix = element(A);
  return Call.run([=] {
    int Result = 0;
    if (Invert)
      Lapack<T>::potri(U, N, Matrix, Lda, &Result);
    else
      Lapack<T>::potrf(U, N, Matrix, Lda, &Result);
    *Info = Result;
  });
}

template <typename ApiT>
static cusolverStatus_t solve(cusolverDnHandle_t Handle, cublasFillMode_t Uplo,
                              int N, int Nrhs, const ApiT *A, int Lda, ApiT *B,
                              int Ldb, int *Info) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  char U;
  if (!fillModeChar(Uplo, &U))
    return Call.reject(1);
  if (N < 0)
    return Call.reject(2);
  if (Nrhs < 0)
    return Call.reject(3);
  if (N > 0 && !A)
    return Call.reject(4);
  if (Lda < atLeastOne(N))
    return Call.reject(5);
  if (N > 0 && Nrhs > 0 && !B)
    return Call.reject(6);
  if (Ldb < atLeastOne(N))
    return Call.reject(7);
  const T *Factor = element(A);
  T *Rhs = element(B);
  return Call.run([=] {
    int Result = 0;
    Lapack<T>::potrs(U, N, Nrhs, Factor, Lda, Rhs, Ldb, &Result);
    *Info = Result;
  });
}

#define TX_CHOLESKY_ENTRY_POINTS(P, ApiT)                                      \
  cusolverStatus_t cusolverDn##P##potrf_bufferSize(                            \
      cusolverDnHandle_t Handle, cublasFillMode_t Uplo, int N, ApiT *A,        \
      int Lda, int *Lwork) {                                                   \
    TX_SOLVER_FORWARD(cusolverDn##P##potrf_bufferSize, Handle, Uplo, N, A,     \
                      Lda, Lwork);                                             \
    return choleskyBufferSize(Handle, Uplo, N, Lda, Lwork);                    \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##potrf(                                       \
      cusolverDnHandle_t Handle, cublasFillMode_t Uplo, int N, ApiT *A,        \
      int Lda, ApiT *Workspace, int Lwork, int *Info) {                        \
    TX_SOLVER_FORWARD(cusolverDn##P##potrf, Handle, Uplo, N, A, Lda,           \
                      Workspace, Lwork, Info);                                 \
    return factorOrInvert(Handle, Uplo, N, A, Lda, Info, false);               \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##potrs(                                       \
      cusolverDnHandle_t Handle, cublasFillMode_t Uplo, int N, int Nrhs,       \
      const ApiT *A, int Lda, ApiT *B, int Ldb, int *Info) {                   \
    TX_SOLVER_FORWARD(cusolverDn##P##potrs, Handle, Uplo, N, Nrhs, A, Lda, B,  \
                      Ldb, Info);                                              \
    return solve(Handle, Uplo, N, Nrhs, A, Lda, B, Ldb, Info);                 \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##potri_bufferSize(                            \
      cusolverDnHandle_t Handle, cublasFillMode_t Uplo, int N, ApiT *A,        \
      int Lda, int *Lwork) {                                                   \
    TX_SOLVER_FORWARD(cusolverDn##P##potri_bufferSize, Handle, Uplo, N, A,     \
                      Lda, Lwork);                                             \
    return choleskyBufferSize(Handle, Uplo, N, Lda, Lwork);                    \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##potri(                                       \
      cusolverDnHandle_t Handle, cublasFillMode_t Uplo, int N, ApiT *A,        \
      int Lda, ApiT *Work, int Lwork, int *Info) {                             \
    TX_SOLVER_FORWARD(cusolverDn##P##potri, Handle, Uplo, N, A, Lda, Work,     \
                      Lwork, Info);                                            \
    return factorOrInvert(Handle, Uplo, N, A, Lda, Info, true);                \
  }

TX_CHOLESKY_ENTRY_POINTS(S, float)
TX_CHOLESKY_ENTRY_POINTS(D, double)
TX_CHOLESKY_ENTRY_POINTS(C, cuComplex)
TX_CHOLESKY_ENTRY_POINTS(Z, cuDoubleComplex)
