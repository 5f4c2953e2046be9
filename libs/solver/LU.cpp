//===- solver/LU.cpp - getrf, getrs ---------------------------------------===//
//
// Part of Tongxin. LU factorisation with partial pivoting (LAPACK's getrf),
// or without pivoting when devIpiv is null (cuSOLVER's option, which LAPACK
// lacks: a blocked right-looking LU here, over BLAS trsm and gemm), and
// solves with the factors. devInfo = i > 0 means U(i,i) is exactly zero
// (the first such); the factorisation still completes, as in LAPACK.
//
//===----------------------------------------------------------------------===//

#include "Arguments.h"
#include "Handle.h"

using namespace tx::solver;

/// Columns per panel of the unpivoted LU: panels stay in cache while the
/// trailing update runs as one gemm.
static constexpr int PanelWidth = 64;

/// Factors the panel of columns [First, First + Width) of the M-row matrix
/// A without pivoting; returns the first zero pivot (1-based) or 0. A zero
/// pivot leaves its column unscaled, as LAPACK's getf2 does.
template <typename T>
static int factorPanel(int M, int First, int Width, T *A, int Lda) {
  int Info = 0;
  auto At = [&](int Row, int Col) -> T & {
    return A[Row + size_t(Col) * size_t(Lda)];
  };
  for (int Col = First; Col < First + Width; ++Col) {
    T Pivot = At(Col, Col);
    if (Pivot == T(0)) {
      if (!Info)
        Info = Col + 1;
    } else {
      T Inverse = T(1) / Pivot;
      for (int Row = Col + 1; Row < M; ++Row)
        At(Row, Col) *= Inverse;
    }
    for (int Next = Col + 1; Next < First + Width; ++Next) {
      T Upper = At(Col, Next);
      if (Upper == T(0))
        continue;
      for (int Row = Col + 1; Row < M; ++Row)
        At(Row, Next) -= At(Row, Col) * Upper;
    }
  }
  return Info;
}

/// A = L * U without row exchanges; returns the first zero pivot or 0.
template <typename T>
static int factorWithoutPivoting(int M, int N, T *A, int Lda) {
  int Info = 0;
  int Steps = std::min(M, N);
  auto At = [&](int Row, int Col) {
    return A + Row + size_t(Col) * size_t(Lda);
  };
  for (int First = 0; First < Steps; First += PanelWidth) {
    int Width = std::min(PanelWidth, Steps - First);
    int PanelInfo = factorPanel(M, First, Width, A, Lda);
    if (!Info && PanelInfo)
      Info = PanelInfo;
    int Next = First + Width;
    if (Next >= N)
      continue;
    // U12 = L11^-1 * A12, then A22 -= L21 * U12.
    Lapack<T>::trsm('L', 'L', 'N', 'U', Width, N - Next, T(1), At(First, First),
                    Lda, At(First, Next), Lda);
    if (Next < M)
      Lapack<T>::gemm('N', 'N', M - Next, N - Next, Width, T(-1),
                      At(Next, First), Lda, At(First, Next), Lda, T(1),
                      At(Next, Next), Lda);
  }
  return Info;
}

/// Solves op(A) X = B with unpivoted factors: two triangular solves.
template <typename T>
static void solveWithoutPivoting(char Trans, int N, int Nrhs, const T *A,
                                 int Lda, T *B, int Ldb) {
  if (Trans == 'N') {
    Lapack<T>::trsm('L', 'L', 'N', 'U', N, Nrhs, T(1), A, Lda, B, Ldb);
    Lapack<T>::trsm('L', 'U', 'N', 'N', N, Nrhs, T(1), A, Lda, B, Ldb);
    return;
  }
  Lapack<T>::trsm('L', 'U', Trans, 'N', N, Nrhs, T(1), A, Lda, B, Ldb);
  Lapack<T>::trsm('L', 'L', Trans, 'U', N, Nrhs, T(1), A, Lda, B, Ldb);
}

static cusolverStatus_t getrfBufferSize(cusolverDnHandle_t Handle, int M, int N,
                                        int Lda, int *Lwork) {
  if (cusolverStatus_t Status = checkHandle(Handle))
    return Status;
  if (M < 0 || N < 0 || Lda < atLeastOne(M) || !Lwork)
    return CUSOLVER_STATUS_INVALID_VALUE;
  *Lwork = 1; // Neither LAPACK's getrf nor the unpivoted LU needs any.
  return CUSOLVER_STATUS_SUCCESS;
}

template <typename ApiT>
static cusolverStatus_t factor(cusolverDnHandle_t Handle, int M, int N, ApiT *A,
                               int Lda, int *Ipiv, int *Info) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  if (M < 0)
    return Call.reject(1);
  if (N < 0)
    return Call.reject(2);
  if (M > 0 && N > 0 && !A)
    return Call.reject(3);
  if (Lda < atLeastOne(M))
    return Call.reject(4);
  T *Matrix = element(A);
  return Call.run([=] {
    int Result = 0;
    if (Ipiv)
      Lapack<T>::getrf(M, N, Matrix, Lda, Ipiv, &Result);
    else
      Result = factorWithoutPivoting(M, N, Matrix, Lda);
    *Info = Result;
  });
}

/// A null Ipiv solves with factors from getrf without pivoting.
template <typename ApiT>
static cusolverStatus_t solve(cusolverDnHandle_t Handle, cublasOperation_t Op,
                              int N, int Nrhs, const ApiT *A, int Lda,
                              const int *Ipiv, ApiT *B, int Ldb, int *Info) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  char Trans;
  if (!operationChar(Op, &Trans))
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
    return Call.reject(7);
  if (Ldb < atLeastOne(N))
    return Call.reject(8);
  const T *Factors = element(A);
  T *Rhs = element(B);
  return Call.run([=] {
    int Result = 0;
    if (Ipiv)
      Lapack<T>::getrs(Trans, N, Nrhs, Factors, Lda, Ipiv, Rhs, Ldb, &Result);
    else if (N > 0 && Nrhs > 0)
      solveWithoutPivoting(Trans, N, Nrhs, Factors, Lda, Rhs, Ldb);
    *Info = Result;
  });
}

#define TX_LU_ENTRY_POINTS(P, ApiT)                                            \
  cusolverStatus_t cusolverDn##P##getrf_bufferSize(                            \
      cusolverDnHandle_t Handle, int M, int N, ApiT *A, int Lda, int *Lwork) { \
    TX_SOLVER_FORWARD(cusolverDn##P##getrf_bufferSize, Handle, M, N, A, Lda,   \
                      Lwork);                                                  \
    return getrfBufferSize(Handle, M, N, Lda, Lwork);                          \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##getrf(                                       \
      cusolverDnHandle_t Handle, int M, int N, ApiT *A, int Lda,               \
      ApiT *Workspace, int *Ipiv, int *Info) {                                 \
    TX_SOLVER_FORWARD(cusolverDn##P##getrf, Handle, M, N, A, Lda, Workspace,   \
                      Ipiv, Info);                                             \
    return factor(Handle, M, N, A, Lda, Ipiv, Info);                           \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##getrs(                                       \
      cusolverDnHandle_t Handle, cublasOperation_t Trans, int N, int Nrhs,     \
      const ApiT *A, int Lda, const int *Ipiv, ApiT *B, int Ldb, int *Info) {  \
    TX_SOLVER_FORWARD(cusolverDn##P##getrs, Handle, Trans, N, Nrhs, A, Lda,    \
                      Ipiv, B, Ldb, Info);                                     \
    return solve(Handle, Trans, N, Nrhs, A, Lda, Ipiv, B, Ldb, Info);          \
  }

TX_LU_ENTRY_POINTS(S, float)
TX_LU_ENTRY_POINTS(D, double)
TX_LU_ENTRY_POINTS(C, cuComplex)
TX_LU_ENTRY_POINTS(Z, cuDoubleComplex)
