//===- solver/QR.cpp - geqrf, orgqr/ungqr, ormqr/unmqr --------------------===//
//
// Part of Tongxin. QR factorisation as Householder reflectors, forming Q,
// and applying Q (or Q^H) to a matrix, the steps of a least-squares solve.
// Workspaces are LAPACK's optimal sizes from its workspace queries; a call
// checks its lwork against the size its _bufferSize reports.
//
//===----------------------------------------------------------------------===//

#include "Arguments.h"
#include "Handle.h"

using namespace tx::solver;

template <typename T> static int geqrfWorkSize(int M, int N, int Lda) {
  T Answer = T(0);
  int Info = 0;
  Lapack<T>::geqrf(M, N, nullptr, Lda, nullptr, &Answer, -1, &Info);
  return queriedSize(Answer);
}

template <typename T> static int orgqrWorkSize(int M, int N, int K, int Lda) {
  T Answer = T(0);
  int Info = 0;
  Lapack<T>::orgqr(M, N, K, nullptr, Lda, nullptr, &Answer, -1, &Info);
  return queriedSize(Answer);
}

template <typename T>
static int ormqrWorkSize(char Side, char Trans, int M, int N, int K, int Lda,
                         int Ldc) {
  T Answer = T(0);
  int Info = 0;
  Lapack<T>::ormqr(Side, Trans, M, N, K, nullptr, Lda, nullptr, nullptr, Ldc,
                   &Answer, -1, &Info);
  return queriedSize(Answer);
}

/// The first wrong argument of geqrf (1-based, LAPACK's order), or 0.
static int badGeqrfArgument(int M, int N, const void *A, int Lda) {
  if (M < 0)
    return 1;
  if (N < 0)
    return 2;
  if (M > 0 && N > 0 && !A)
    return 3;
  if (Lda < atLeastOne(M))
    return 4;
  return 0;
}

/// orgqr: M >= N >= K >= 0.
static int badOrgqrArgument(int M, int N, int K, const void *A, int Lda) {
  if (M < 0)
    return 1;
  if (N < 0 || N > M)
    return 2;
  if (K < 0 || K > N)
    return 3;
  if (N > 0 && !A)
    return 4;
  if (Lda < atLeastOne(M))
    return 5;
  return 0;
}

/// ormqr: Q is M x M (left) or N x N (right), made of K reflectors. Real
/// types take 'N' or 'T' (a conjugate transpose is a transpose), complex
/// ones 'N' or 'C', as LAPACK's ormqr and unmqr.
template <typename T>
static int badOrmqrArgument(cublasSideMode_t SideMode, cublasOperation_t Op,
                            int M, int N, int K, const void *A, int Lda,
                            int Ldc, char *Side, char *Trans) {
  if (!sideChar(SideMode, Side))
    return 1;
  if (!operationChar(Op, Trans))
    return 2;
  if (Lapack<T>::IsComplex && *Trans == 'T')
    return 2;
  if (!Lapack<T>::IsComplex && *Trans == 'C')
    *Trans = 'T';
  if (M < 0)
    return 3;
  if (N < 0)
    return 4;
  int Order = *Side == 'L' ? M : N;
  if (K < 0 || K > Order)
    return 5;
  if (K > 0 && !A)
    return 6;
  if (Lda < atLeastOne(Order))
    return 7;
  if (Ldc < atLeastOne(M))
    return 10;
  return 0;
}

template <typename ApiT>
static cusolverStatus_t geqrfBufferSize(cusolverDnHandle_t Handle, int M, int N,
                                        ApiT *A, int Lda, int *Lwork) {
  using T = typename ElementOf<ApiT>::Type;
  if (cusolverStatus_t Status = checkHandle(Handle))
    return Status;
  if (M < 0 || N < 0 || Lda < atLeastOne(M) || !Lwork)
    return CUSOLVER_STATUS_INVALID_VALUE;
  *Lwork = geqrfWorkSize<T>(M, N, Lda);
  return CUSOLVER_STATUS_SUCCESS;
}

template <typename ApiT>
static cusolverStatus_t geqrf(cusolverDnHandle_t Handle, int M, int N, ApiT *A,
                              int Lda, ApiT *Tau, ApiT *Work, int Lwork,
                              int *Info) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  if (int Bad = badGeqrfArgument(M, N, A, Lda))
    return Call.reject(Bad);
  if (std::min(M, N) > 0 && !Tau)
    return Call.reject(5);
  if (!Work)
    return Call.reject(6);
  if (Lwork < geqrfWorkSize<T>(M, N, Lda))
    return Call.reject(7);
  T *Matrix = element(A), *Reflectors = element(Tau), *Space = element(Work);
  return Call.run([=] {
    int Result = 0;
    Lapack<T>::geqrf(M, N, Matrix, Lda, Reflectors, Space, Lwork, &Result);
    *Info = Result;
  });
}

template <typename ApiT>
static cusolverStatus_t orgqrBufferSize(cusolverDnHandle_t Handle, int M, int N,
                                        int K, const ApiT *A, int Lda,
                                        int *Lwork) {
  using T = typename ElementOf<ApiT>::Type;
  if (cusolverStatus_t Status = checkHandle(Handle))
    return Status;
  if (badOrgqrArgument(M, N, K, reinterpret_cast<const void *>(1), Lda) ||
      !Lwork)
    return CUSOLVER_STATUS_INVALID_VALUE;
  *Lwork = orgqrWorkSize<T>(M, N, K, Lda);
  return CUSOLVER_STATUS_SUCCESS;
}

template <typename ApiT>
static cusolverStatus_t orgqr(cusolverDnHandle_t Handle, int M, int N, int K,
                              ApiT *A, int Lda, const ApiT *Tau, ApiT *Work,
                              int Lwork, int *Info) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  if (int Bad = badOrgqrArgument(M, N, K, A, Lda))
    return Call.reject(Bad);
  if (K > 0 && !Tau)
    return Call.reject(6);
  if (!Work)
    return Call.reject(7);
  if (Lwork < orgqrWorkSize<T>(M, N, K, Lda))
    return Call.reject(8);
  T *Matrix = element(A), *Space = element(Work);
  const T *Reflectors = element(Tau);
  return Call.run([=] {
    int Result = 0;
    Lapack<T>::orgqr(M, N, K, Matrix, Lda, Reflectors, Space, Lwork, &Result);
    *Info = Result;
  });
}

template <typename ApiT>
static cusolverStatus_t ormqrBufferSize(cusolverDnHandle_t Handle,
                                        cublasSideMode_t SideMode,
                                        cublasOperation_t Op, int M, int N,
                                        int K, int Lda, int Ldc, int *Lwork) {
  using T = typename ElementOf<ApiT>::Type;
  if (cusolverStatus_t Status = checkHandle(Handle))
    return Status;
  char Side, Trans;
  if (badOrmqrArgument<T>(SideMode, Op, M, N, K,
                          reinterpret_cast<const void *>(1), Lda, Ldc, &Side,
                          &Trans) ||
      !Lwork)
    return CUSOLVER_STATUS_INVALID_VALUE;
  *Lwork = ormqrWorkSize<T>(Side, Trans, M, N, K, Lda, Ldc);
  return CUSOLVER_STATUS_SUCCESS;
}

template <typename ApiT>
static cusolverStatus_t
ormqr(cusolverDnHandle_t Handle, cublasSideMode_t SideMode,
      cublasOperation_t Op, int M, int N, int K, const ApiT *A, int Lda,
      const ApiT *Tau, ApiT *C, int Ldc, ApiT *Work, int Lwork, int *Info) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  char Side, Trans;
  if (int Bad = badOrmqrArgument<T>(SideMode, Op, M, N, K, A, Lda, Ldc, &Side,
                                    &Trans))
    return Call.reject(Bad);
  if (K > 0 && !Tau)
    return Call.reject(8);
  if (M > 0 && N > 0 && !C)
    return Call.reject(9);
  if (!Work)
    return Call.reject(11);
  if (Lwork < ormqrWorkSize<T>(Side, Trans, M, N, K, Lda, Ldc))
    return Call.reject(12);
  const T *Reflectors = element(A), *Scales = element(Tau);
  T *Target = element(C), *Space = element(Work);
  return Call.run([=] {
    int Result = 0;
    Lapack<T>::ormqr(Side, Trans, M, N, K, Reflectors, Lda, Scales, Target, Ldc,
                     Space, Lwork, &Result);
    *Info = Result;
  });
}

#define TX_QR_ENTRY_POINTS(P, ApiT, ORGQR, ORMQR)                              \
  cusolverStatus_t cusolverDn##P##geqrf_bufferSize(                            \
      cusolverDnHandle_t Handle, int M, int N, ApiT *A, int Lda, int *Lwork) { \
    TX_SOLVER_FORWARD(cusolverDn##P##geqrf_bufferSize, Handle, M, N, A, Lda,   \
                      Lwork);                                                  \
    return geqrfBufferSize(Handle, M, N, A, Lda, Lwork);                       \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##geqrf(cusolverDnHandle_t Handle, int M,      \
                                        int N, ApiT *A, int Lda, ApiT *Tau,    \
                                        ApiT *Work, int Lwork, int *Info) {    \
    TX_SOLVER_FORWARD(cusolverDn##P##geqrf, Handle, M, N, A, Lda, Tau, Work,   \
                      Lwork, Info);                                            \
    return geqrf(Handle, M, N, A, Lda, Tau, Work, Lwork, Info);                \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##ORGQR##_bufferSize(                          \
      cusolverDnHandle_t Handle, int M, int N, int K, const ApiT *A, int Lda,  \
      const ApiT *Tau, int *Lwork) {                                           \
    TX_SOLVER_FORWARD(cusolverDn##P##ORGQR##_bufferSize, Handle, M, N, K, A,   \
                      Lda, Tau, Lwork);                                        \
    return orgqrBufferSize(Handle, M, N, K, A, Lda, Lwork);                    \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##ORGQR(                                       \
      cusolverDnHandle_t Handle, int M, int N, int K, ApiT *A, int Lda,        \
      const ApiT *Tau, ApiT *Work, int Lwork, int *Info) {                     \
    TX_SOLVER_FORWARD(cusolverDn##P##ORGQR, Handle, M, N, K, A, Lda, Tau,      \
                      Work, Lwork, Info);                                      \
    return orgqr(Handle, M, N, K, A, Lda, Tau, Work, Lwork, Info);             \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##ORMQR##_bufferSize(                          \
      cusolverDnHandle_t Handle, cublasSideMode_t Side,                        \
      cublasOperation_t Trans, int M, int N, int K, const ApiT *A, int Lda,    \
      const ApiT *Tau, const ApiT *C, int Ldc, int *Lwork) {                   \
    TX_SOLVER_FORWARD(cusolverDn##P##ORMQR##_bufferSize, Handle, Side, Trans,  \
                      M, N, K, A, Lda, Tau, C, Ldc, Lwork);                    \
    return ormqrBufferSize<ApiT>(Handle, Side, Trans, M, N, K, Lda, Ldc,       \
                                 Lwork);                                       \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##ORMQR(                                       \
      cusolverDnHandle_t Handle, cublasSideMode_t Side,                        \
      cublasOperation_t Trans, int M, int N, int K, const ApiT *A, int Lda,    \
      const ApiT *Tau, ApiT *C, int Ldc, ApiT *Work, int Lwork, int *Info) {   \
    TX_SOLVER_FORWARD(cusolverDn##P##ORMQR, Handle, Side, Trans, M, N, K, A,   \
                      Lda, Tau, C, Ldc, Work, Lwork, Info);                    \
    return ormqr(Handle, Side, Trans, M, N, K, A, Lda, Tau, C, Ldc, Work,      \
                 Lwork, Info);                                                 \
  }

TX_QR_ENTRY_POINTS(S, float, orgqr, ormqr)
TX_QR_ENTRY_POINTS(D, double, orgqr, ormqr)
TX_QR_ENTRY_POINTS(C, cuComplex, ungqr, unmqr)
TX_QR_ENTRY_POINTS(Z, cuDoubleComplex, ungqr, unmqr)
