//===- BatchedLu.cpp - getrfBatched, getrsBatched, getriBatched, matinv ---===//
//
// Part of Tongxin. Batches of small LU factorisations, solves and inverses,
// one matrix per task on the device's workers, over LAPACK's getrf, getrs
// and getri (reference LAPACK's Fortran interface). cuBLAS also factors
// without pivoting when the pivot array is null; LAPACK has no such
// routine, so that path is a plain right-looking elimination here.
//
//===----------------------------------------------------------------------===//

#include "Handle.h"
#include "Types.h"

#include <complex>
#include <cstring>
#include <vector>

using namespace tx;
using namespace tx::blas;

// Reference LAPACK (Fortran ABI: arguments by pointer, hidden lengths of
// character arguments at the end).
extern "C" {
#define TX_LAPACK_LU(Ch, T)                                                    \
  void Ch##getrf_(const int *M, const int *N, T *A, const int *Lda, int *Ipiv, \
                  int *Info);                                                  \
  void Ch##getrs_(const char *Trans, const int *N, const int *Nrhs,            \
                  const T *A, const int *Lda, const int *Ipiv, T *B,           \
                  const int *Ldb, int *Info, size_t TransLength);              \
  void Ch##getri_(const int *N, T *A, const int *Lda, const int *Ipiv,         \
                  T *Work, const int *Lwork, int *Info);
TX_LAPACK_LU(s, float)
TX_LAPACK_LU(d, double)
TX_LAPACK_LU(c, cuComplex)
TX_LAPACK_LU(z, cuDoubleComplex)
#undef TX_LAPACK_LU
}

namespace {

template <class T> struct Lapack;
#define TX_LAPACK_TRAITS(Ch, T)                                                \
  template <> struct Lapack<T> {                                               \
    static constexpr auto getrf = Ch##getrf_;                                  \
    static constexpr auto getrs = Ch##getrs_;                                  \
    static constexpr auto getri = Ch##getri_;                                  \
  };
TX_LAPACK_TRAITS(s, float)
TX_LAPACK_TRAITS(d, double)
TX_LAPACK_TRAITS(c, cuComplex)
TX_LAPACK_TRAITS(z, cuDoubleComplex)
#undef TX_LAPACK_TRAITS

/// Arithmetic in std::complex<R> (or R) for the unpivoted elimination.
template <class T> struct Work { using type = T; };
template <> struct Work<cuComplex> { using type = std::complex<float>; };
template <> struct Work<cuDoubleComplex> { using type = std::complex<double>; };

/// LU without pivoting, in place; returns 0 or the 1-based column of the
/// first zero pivot (elimination stops there, as the factors would be
/// undefined).
template <class T> int luWithoutPivoting(T *APtr, int N, int Lda) {
  using W = typename Work<T>::type;
  auto *A = reinterpret_cast<W *>(APtr);
  for (int K = 0; K < N; ++K) {
    W Pivot = A[K + int64_t(K) * Lda];
    if (Pivot == W(0))
      return K + 1;
    for (int I = K + 1; I < N; ++I)
      A[I + int64_t(K) * Lda] /= Pivot;
    for (int J = K + 1; J < N; ++J) {
      W Factor = A[K + int64_t(J) * Lda];
      for (int I = K + 1; I < N; ++I)
        A[I + int64_t(J) * Lda] -= A[I + int64_t(K) * Lda] * Factor;
    }
  }
  return 0;
}

void forBatch(int Device, int Batch, const std::function<void(int)> &Body) {
  lib::forEachOnWorkers(Device, size_t(Batch), [&](size_t I) { Body(int(I)); });
}

template <class T>
cublasStatus_t getrfBatched(cublasHandle_t H, int N, T *const A[], int Lda,
                            int *Pivots, int *Info, int Batch) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(N >= 0 && Lda >= atLeastOne(N) && Batch >= 0);
  if (Batch == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && Info);
  return run(H, [=](int Device) {
    forBatch(Device, Batch, [&](int B) {
      if (N == 0) {
        Info[B] = 0;
        return;
      }
      if (!Pivots) {
        Info[B] = luWithoutPivoting(A[B], N, Lda);
        return;
      }
      int Result = 0;
      Lapack<T>::getrf(&N, &N, A[B], &Lda, Pivots + int64_t(B) * N, &Result);
      Info[B] = Result;
    });
  });
}

/// Solves with the factors of getrfBatched; Info is a host integer that
/// reports argument errors (-position), as cuBLAS defines it.
template <class T>
cublasStatus_t getrsBatched(cublasHandle_t H, cublasOperation_t Trans, int N,
                            int Nrhs, const T *const A[], int Lda,
                            const int *Pivots, T *const B[], int Ldb, int *Info,
                            int Batch) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(Info);
  int Bad = !validOp(Trans)       ? 2
            : N < 0               ? 3
            : Nrhs < 0            ? 4
            : Lda < atLeastOne(N) ? 6
            : Ldb < atLeastOne(N) ? 9
            : Batch < 0           ? 11
                                  : 0;
  *Info = -Bad;
  if (Bad)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (N == 0 || Nrhs == 0 || Batch == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && B);
  char TransChar =
      Trans == CUBLAS_OP_N ? 'N' : (Trans == CUBLAS_OP_T ? 'T' : 'C');
  return run(H, [=](int Device) {
    forBatch(Device, Batch, [&](int I) {
      std::vector<int> Identity;
      const int *Piv = Pivots ? Pivots + int64_t(I) * N : nullptr;
      if (!Piv) {
        // No pivoting happened: every row stays where it is.
        Identity.resize(size_t(N));
        for (int R = 0; R < N; ++R)
          Identity[size_t(R)] = R + 1;
        Piv = Identity.data();
      }
      int Result = 0;
      Lapack<T>::getrs(&TransChar, &N, &Nrhs, A[I], &Lda, Piv, B[I], &Ldb,
                       &Result, 1);
    });
  });
}

/// The inverse from getrfBatched's factors, out of place (into C).
template <class T>
cublasStatus_t getriBatched(cublasHandle_t H, int N, const T *const A[],
                            int Lda, const int *Pivots, T *const C[], int Ldc,
                            int *Info, int Batch) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(N >= 0 && Lda >= atLeastOne(N) && Ldc >= atLeastOne(N) &&
             Batch >= 0);
  if (Batch == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && C && Info);
  return run(H, [=](int Device) {
    forBatch(Device, Batch, [&](int I) {
      for (int J = 0; J < N; ++J)
        std::memcpy(C[I] + int64_t(J) * Ldc, A[I] + int64_t(J) * Lda,
                    size_t(N) * sizeof(T));
      std::vector<int> Piv(static_cast<size_t>(N));
      for (int R = 0; R < N; ++R)
        Piv[size_t(R)] = Pivots ? Pivots[int64_t(I) * N + R] : R + 1;
      int Lwork = std::max(1, N * 64), Result = 0;
      std::vector<T> Scratch(static_cast<size_t>(Lwork));
      if (N > 0)
        Lapack<T>::getri(&N, C[I], &Ldc, Piv.data(), Scratch.data(), &Lwork,
                         &Result);
      Info[I] = Result;
    });
  });
}

/// Inverse of each A (n <= 32, as in cuBLAS), factored with pivoting.
template <class T>
cublasStatus_t matinvBatched(cublasHandle_t H, int N, const T *const A[],
                             int Lda, T *const Ainv[], int LdaInv, int *Info,
                             int Batch) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(N >= 0 && N <= 32 && Lda >= atLeastOne(N) &&
             LdaInv >= atLeastOne(N) && Batch >= 0);
  if (Batch == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && Ainv && Info);
  return run(H, [=](int Device) {
    forBatch(Device, Batch, [&](int I) {
      for (int J = 0; J < N; ++J)
        std::memcpy(Ainv[I] + int64_t(J) * LdaInv, A[I] + int64_t(J) * Lda,
                    size_t(N) * sizeof(T));
      int Result = 0;
      std::vector<int> Piv(static_cast<size_t>(std::max(N, 1)));
      if (N > 0)
        Lapack<T>::getrf(&N, &N, Ainv[I], &LdaInv, Piv.data(), &Result);
      if (Result == 0 && N > 0) {
        int Lwork = N * 64;
        std::vector<T> Scratch(static_cast<size_t>(Lwork));
        Lapack<T>::getri(&N, Ainv[I], &LdaInv, Piv.data(), Scratch.data(),
                         &Lwork, &Result);
      }
      Info[I] = Result;
    });
  });
}

} // namespace

#define TX_BATCHED_LU(Ch, T)                                                   \
  cublasStatus_t cublas##Ch##getrfBatched(cublasHandle_t H, int N,             \
                                          T *const A[], int Lda, int *P,       \
                                          int *Info, int Batch) {              \
    TX_BLAS_FORWARD(cublas##Ch##getrfBatched, H, N, A, Lda, P, Info, Batch);   \
    return getrfBatched(H, N, A, Lda, P, Info, Batch);                         \
  }                                                                            \
  cublasStatus_t cublas##Ch##getrsBatched(                                     \
      cublasHandle_t H, cublasOperation_t Trans, int N, int Nrhs,              \
      const T *const A[], int Lda, const int *Pivots, T *const B[], int Ldb,   \
      int *Info, int Batch) {                                                  \
    TX_BLAS_FORWARD(cublas##Ch##getrsBatched, H, Trans, N, Nrhs, A, Lda,       \
                    Pivots, B, Ldb, Info, Batch);                              \
    return getrsBatched(H, Trans, N, Nrhs, A, Lda, Pivots, B, Ldb, Info,       \
                        Batch);                                                \
  }                                                                            \
  cublasStatus_t cublas##Ch##getriBatched(                                     \
      cublasHandle_t H, int N, const T *const A[], int Lda, const int *P,      \
      T *const C[], int Ldc, int *Info, int Batch) {                           \
    TX_BLAS_FORWARD(cublas##Ch##getriBatched, H, N, A, Lda, P, C, Ldc, Info,   \
                    Batch);                                                    \
    return getriBatched(H, N, A, Lda, P, C, Ldc, Info, Batch);                 \
  }                                                                            \
  cublasStatus_t cublas##Ch##matinvBatched(                                    \
      cublasHandle_t H, int N, const T *const A[], int Lda, T *const Ainv[],   \
      int LdaInv, int *Info, int Batch) {                                      \
    TX_BLAS_FORWARD(cublas##Ch##matinvBatched, H, N, A, Lda, Ainv, LdaInv,     \
                    Info, Batch);                                              \
    return matinvBatched(H, N, A, Lda, Ainv, LdaInv, Info, Batch);             \
  }
TX_BATCHED_LU(S, float)
TX_BATCHED_LU(D, double)
TX_BATCHED_LU(C, cuComplex)
TX_BATCHED_LU(Z, cuDoubleComplex)
#undef TX_BATCHED_LU
