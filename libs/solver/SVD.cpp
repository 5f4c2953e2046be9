//===- solver/SVD.cpp - gesvd ---------------------------------------------===//
//
// Part of Tongxin. Singular value decomposition A = U * Sigma * V^H over
// LAPACK's gesvd. As cuSOLVER's gesvd, only M >= N is accepted. The
// workspace holds LAPACK's work array and, for complex types, its real
// work array (5 min(M, N) reals) behind it, so gesvd_bufferSize (which
// knows only M and N) reports the largest size any jobu/jobvt pair needs.
// devInfo = i > 0: i superdiagonals of the bidiagonal form did not converge;
// rwork, when given, then receives them.
//
//===----------------------------------------------------------------------===//

#include "Arguments.h"
#include "Handle.h"

#include <cstring>

using namespace tx::solver;

static bool isJob(signed char Job) {
  return Job == 'A' || Job == 'S' || Job == 'O' || Job == 'N';
}

/// Reals of LAPACK's complex rwork, as elements of T.
template <typename T> static long long realWorkSlots(int M, int N) {
  if (!Lapack<T>::IsComplex)
    return 0;
  using R = typename Lapack<T>::Real;
  return slotsFor<T, R>(5LL * std::min(M, N));
}

template <typename T>
static int lapackWorkSize(char JobU, char JobVT, int M, int N) {
  T Answer = T(0);
  int Info = 0;
  Lapack<T>::gesvd(JobU, JobVT, M, N, nullptr, atLeastOne(M), nullptr, nullptr,
                   atLeastOne(M), nullptr, atLeastOne(N), &Answer, -1, nullptr,
                   &Info);
  return queriedSize(Answer);
}

/// The most any pair of jobs needs (both 'O' is not a valid pair).
template <typename T> static int largestLapackWorkSize(int M, int N) {
  static const char Jobs[] = {'A', 'S', 'O', 'N'};
  int Largest = 1;
  for (char JobU : Jobs)
    for (char JobVT : Jobs)
      if (JobU != 'O' || JobVT != 'O')
        Largest = std::max(Largest, lapackWorkSize<T>(JobU, JobVT, M, N));
  return Largest;
}

template <typename ApiT>
static cusolverStatus_t bufferSize(cusolverDnHandle_t Handle, int M, int N,
                                   int *Lwork) {
  using T = typename ElementOf<ApiT>::Type;
  if (cusolverStatus_t Status = checkHandle(Handle))
    return Status;
  if (M < 0 || N < 0 || M < N || !Lwork)
    return CUSOLVER_STATUS_INVALID_VALUE;
  long long Size = largestLapackWorkSize<T>(M, N) + realWorkSlots<T>(M, N);
  return fitsInt(Size, Lwork) ? CUSOLVER_STATUS_SUCCESS
                              : CUSOLVER_STATUS_INVALID_VALUE;
}

/// The first wrong argument among jobu .. ldvt (cuSOLVER's order, without
/// the handle), or 0.
static int badArgument(signed char JobU, signed char JobVT, int M, int N,
                       const void *A, int Lda, const void *S, const void *U,
                       int Ldu, const void *VT, int Ldvt) {
  if (!isJob(JobU))
    return 1;
  if (!isJob(JobVT) || (JobU == 'O' && JobVT == 'O'))
    return 2;
  if (M < 0)
    return 3;
  if (N < 0 || N > M)
    return 4;
  if (N > 0 && !A)
    return 5;
  if (Lda < atLeastOne(M))
    return 6;
  if (N > 0 && !S)
    return 7;
  bool WantU = JobU == 'A' || JobU == 'S';
  if (WantU && M > 0 && !U)
    return 8;
  if (Ldu < 1 || (WantU && Ldu < M))
    return 9;
  bool WantVT = JobVT == 'A' || JobVT == 'S';
  if (WantVT && N > 0 && !VT)
    return 10;
  if (Ldvt < 1 || (WantVT && Ldvt < N)) // min(M, N) = N here.
    return 11;
  return 0;
}

template <typename ApiT, typename R>
static cusolverStatus_t gesvd(cusolverDnHandle_t Handle, signed char JobU,
                              signed char JobVT, int M, int N, ApiT *A, int Lda,
                              R *S, ApiT *U, int Ldu, ApiT *VT, int Ldvt,
                              ApiT *Work, int Lwork, R *RWork, int *Info) {
  using T = typename ElementOf<ApiT>::Type;
  SolverCall Call(Handle, Info);
  if (!Call.ready())
    return Call.status();
  if (!Info)
    return CUSOLVER_STATUS_INVALID_VALUE;
  if (int Bad = badArgument(JobU, JobVT, M, N, A, Lda, S, U, Ldu, VT, Ldvt))
    return Call.reject(Bad);
  if (!Work)
    return Call.reject(12);
  long long RealSlots = realWorkSlots<T>(M, N);
  int LapackWork = int(Lwork - RealSlots);
  if (Lwork - RealSlots < lapackWorkSize<T>(JobU, JobVT, M, N))
    return Call.reject(13);
  T *Matrix = element(A), *Left = element(U), *Right = element(VT);
  T *Space = element(Work);
  return Call.run([=] {
    R *RealSpace = reinterpret_cast<R *>(Space + LapackWork);
    int Result = 0;
    Lapack<T>::gesvd(char(JobU), char(JobVT), M, N, Matrix, Lda, S, Left, Ldu,
                     Right, Ldvt, Space, LapackWork, RealSpace, &Result);
    // Where the unconverged superdiagonals are: LAPACK's rwork (complex)
    // or work(2:min(M,N)) (real).
    if (Result > 0 && RWork && N > 1) {
      const R *Unconverged = Lapack<T>::IsComplex
                                 ? RealSpace
                                 : reinterpret_cast<const R *>(Space) + 1;
      std::memmove(RWork, Unconverged, sizeof(R) * size_t(N - 1));
    }
    *Info = Result;
  });
}

#define TX_SVD_ENTRY_POINTS(P, ApiT, R)                                        \
  cusolverStatus_t cusolverDn##P##gesvd_bufferSize(cusolverDnHandle_t Handle,  \
                                                   int M, int N, int *Lwork) { \
    TX_SOLVER_FORWARD(cusolverDn##P##gesvd_bufferSize, Handle, M, N, Lwork);   \
    return bufferSize<ApiT>(Handle, M, N, Lwork);                              \
  }                                                                            \
  cusolverStatus_t cusolverDn##P##gesvd(                                       \
      cusolverDnHandle_t Handle, signed char JobU, signed char JobVT, int M,   \
      int N, ApiT *A, int Lda, R *S, ApiT *U, int Ldu, ApiT *VT, int Ldvt,     \
      ApiT *Work, int Lwork, R *RWork, int *Info) {                            \
    TX_SOLVER_FORWARD(cusolverDn##P##gesvd, Handle, JobU, JobVT, M, N, A, Lda, \
                      S, U, Ldu, VT, Ldvt, Work, Lwork, RWork, Info);          \
    return gesvd(Handle, JobU, JobVT, M, N, A, Lda, S, U, Ldu, VT, Ldvt, Work, \
                 Lwork, RWork, Info);                                          \
  }

TX_SVD_ENTRY_POINTS(S, float, float)
TX_SVD_ENTRY_POINTS(D, double, double)
TX_SVD_ENTRY_POINTS(C, cuComplex, float)
TX_SVD_ENTRY_POINTS(Z, cuDoubleComplex, double)
