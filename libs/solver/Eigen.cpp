//===- solver/Eigen.cpp - syevd, heevd ------------------------------------===//
//
// Part of Tongxin. Eigenvalues (ascending) and optionally eigenvectors of a
// symmetric or Hermitian matrix by divide and conquer, over LAPACK's
// syevd/heevd. LAPACK also wants an integer work array (and, for complex
// types, a real one); they are carved out of the caller's workspace behind
// LAPACK's work array, and _bufferSize counts them. devInfo = i > 0: the
// algorithm failed to converge (i off-diagonal elements, or a submatrix).
//
//===----------------------------------------------------------------------===//

#include "Arguments.h"
#include "Handle.h"

using namespace tx::solver;

namespace {
/// The three work arrays LAPACK wants, in elements of their own types.
struct EigenWorkSizes {
  int Work = 1, RealWork = 1, IntegerWork = 1;
};
} // namespace

template <typename T>
static EigenWorkSizes lapackWorkSizes(char JobZ, char Uplo, int N) {
  using R = typename Lapack<T>::Real;
  T Work = T(0);
  R RealWork = R(0);
  int IntegerWork = 0, Info = 0;
  Lapack<T>::syevd(JobZ, Uplo, N, nullptr, atLeastOne(N), nullptr, &Work, -1,
                   &RealWork, -1, &IntegerWork, -1, &Info);
  EigenWorkSizes Sizes;
  Sizes.Work = queriedSize(Work);
  Sizes.RealWork = Lapack<T>::IsComplex ? queriedSize(RealWork) : 0;
  Sizes.IntegerWork = std::max(1, IntegerWork);
  return Sizes;
}

/// Elements of T behind LAPACK's work array that hold the other two.
template <typename T> static long long extraSlots(const EigenWorkSizes &Sizes) {
  using R = typename Lapack<T>::Real;
  return slotsFor<T, R>(Sizes.RealWork) + slotsFor<T, int>(Sizes.IntegerWork);
}

static bool jobChar(cusolverEigMode_t Mode, char *Out) {
  if (Mode == CUSOLVER_EIG_MODE_NOVECTOR)
    *Out = 'N';
  else if (Mode == CUSOLVER_EIG_MODE_VECTOR)
    *Out = 'V';
  else
    return false;
  return true;
}

template <typename ApiT>
static cusolverStatus_t
bufferSize(cusolverDnHandle_t Handle, cusolverEigMode_t Mode,
           cublasFillMode_t Fill, int N, int Lda, int *Lwork) {
  using T = typename ElementOf<ApiT>::Type;
  if (cusolverStatus_t Status = checkHandle(Handle))
    return Status;
  char JobZ, Uplo;
  if (!jobChar(Mode, &JobZ) || !fillModeChar(Fill, &Uplo) || N < 0 ||
      Lda < atLeastOne(N) || !Lwork)
    return CUSOLVER_STATUS_INVALID_VALUE;
  EigenWorkSizes Sizes = lapackWorkSizes<T>(JobZ, Uplo, N);
  long long Size = Sizes.Work + extraSlots<T>(Sizes);
  return fitsInt(Size, Lwork) ? CUSOLVER_STATUS_SUCCESS
                              : CUSOLVER_STATUS_INVALID_VALUE;
}

template <typename ApiT, typename R>
static cusolverStatus_t solve(cusolverDnHandle_t Handle, cusolverEigMode_t Mode,
                              cublasFillMode_t Fill, int N, ApiT *A, int Lda,
                              R *W, ApiT *Work, int Lwork, int *Info) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  char JobZ, Uplo;
  if (!jobChar(Mode, &JobZ))
    return Call.reject(1);
  if (!fillModeChar(Fill, &Uplo))
    return Call.reject(2);
  if (N < 0)
    return Call.reject(3);
  if (N > 0 && !A)
    return Call.reject(4);
  if (Lda < atLeastOne(N))
    return Call.reject(5);
  if (N > 0 && !W)
    return Call.reject(6);
  if (!Work)
    return Call.reject(7);
  EigenWorkSizes Sizes = lapackWorkSizes<T>(JobZ, Uplo, N);
  long long Extra = extraSlots<T>(Sizes);
  if (Lwork - Extra < Sizes.Work)
    return Call.reject(8);
  int LapackWork = int(Lwork - Extra);
  T *Matrix = element(A), *Space = element(Work);
  return Call.run([=] {
    R *RealSpace = reinterpret_cast<R *>(Space + LapackWork);
    int *IntegerSpace = reinterpret_cast<int *>(Space + LapackWork +
                                                slotsFor<T, R>(Sizes.RealWork));
    int Result = 0;
    Lapack<T>::syevd(JobZ, Uplo, N, Matrix, Lda, W, Space, LapackWork,
                     RealSpace, Sizes.RealWork, IntegerSpace, Sizes.IntegerWork,
                     &Result);
    *Info = Result;
  });
}

#define TX_EIGEN_ENTRY_POINTS(P, NAME, ApiT, R)                                \
  cusolverStatus_t cusolverDn##P##NAME##_bufferSize(                           \
      cusolverDnHandle_t Handle, cusolverEigMode_t JobZ,                       \
      cublasFillMode_t Uplo, int N, const ApiT *A, int Lda, const R *W,        \
      int *Lwork) {                                                            \
    TX_SOLVER_FORWARD(cusolverDn##P##NAME##_bufferSize, Handle, JobZ, Uplo, N, \
                      A, Lda, W, Lwork);                                       \
    return bufferSize<ApiT>(Handle, JobZ, Uplo, N, Lda, Lwork);                \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##NAME(                                        \
      cusolverDnHandle_t Handle, cusolverEigMode_t JobZ,                       \
      cublasFillMode_t Uplo, int N, ApiT *A, int Lda, R *W, ApiT *Work,        \
      int Lwork, int *Info) {                                                  \
    TX_SOLVER_FORWARD(cusolverDn##P##NAME, Handle, JobZ, Uplo, N, A, Lda, W,   \
                      Work, Lwork, Info);                                      \
    return solve(Handle, JobZ, Uplo, N, A, Lda, W, Work, Lwork, Info);         \
  }

TX_EIGEN_ENTRY_POINTS(S, syevd, float, float)
TX_EIGEN_ENTRY_POINTS(D, syevd, double, double)
TX_EIGEN_ENTRY_POINTS(C, heevd, cuComplex, float)
TX_EIGEN_ENTRY_POINTS(Z, heevd, cuDoubleComplex, double)
