//===- Extensions.cpp - cuBLAS's BLAS-like extensions: geam, dgmm ---------===//
//
// Part of Tongxin. geam (C = alpha op(A) + beta op(B), also in place) and
// dgmm (C = A diag(x) or diag(x) A), split by columns over the device's
// workers. Plain loops: they are pure streaming.
//
//===----------------------------------------------------------------------===//

#include "Handle.h"
#include "Types.h"

#include <complex>

using namespace tx;
using namespace tx::blas;

namespace {

template <class T> struct Arith {
  static T mul(T A, T B) { return A * B; }
  static T add(T A, T B) { return A + B; }
  static T conj(T A) { return A; }
  static bool isZero(T A) { return A == T(0); }
};
template <class T> struct ComplexArith {
  using R = decltype(T().x);
  static T make(R X, R Y) {
    T V;
    V.x = X;
    V.y = Y;
    return V;
  }
  static T mul(T A, T B) {
    return make(A.x * B.x - A.y * B.y, A.x * B.y + A.y * B.x);
  }
  static T add(T A, T B) { return make(A.x + B.x, A.y + B.y); }
  static T conj(T A) { return make(A.x, -A.y); }
  static bool isZero(T A) { return A.x == 0 && A.y == 0; }
};
template <> struct Arith<cuComplex> : ComplexArith<cuComplex> {};
template <> struct Arith<cuDoubleComplex> : ComplexArith<cuDoubleComplex> {};

/// op(X)(I, J).
template <class T>
T opAt(const T *X, int64_t Ld, cublasOperation_t Op, int64_t I, int64_t J) {
  if (Op == CUBLAS_OP_N)
    return X[I + J * Ld];
  T V = X[J + I * Ld];
  return Op == CUBLAS_OP_C ? Arith<T>::conj(V) : V;
}

void forColumns(int Device, int64_t Rows, int64_t Cols,
                const std::function<void(int64_t)> &Column) {
  int64_t MinCols =
      std::max<int64_t>(1, (1 << 15) / std::max<int64_t>(Rows, 1));
  lib::Partition Parts =
      lib::partitionForWorkers(Device, size_t(Cols), size_t(MinCols));
  lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t P) {
    for (size_t J = Parts.begin(P); J < Parts.end(P); ++J)
      Column(int64_t(J));
  });
}

template <class T>
cublasStatus_t geam(cublasHandle_t H, cublasOperation_t TransA,
                    cublasOperation_t TransB, int M, int N, const T *Alpha,
                    const T *A, int Lda, const T *Beta, const T *B, int Ldb,
                    T *C, int Ldc) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(validOp(TransA) && validOp(TransB) && M >= 0 && N >= 0 && Alpha &&
             Beta);
  TX_REQUIRE(Lda >= atLeastOne(TransA == CUBLAS_OP_N ? M : N) &&
             Ldb >= atLeastOne(TransB == CUBLAS_OP_N ? M : N) &&
             Ldc >= atLeastOne(M));
  // In place only without transposition and with the same layout, as in
  // cuBLAS.
  TX_REQUIRE(C != A || (TransA == CUBLAS_OP_N && Lda == Ldc));
  TX_REQUIRE(C != B || (TransB == CUBLAS_OP_N && Ldb == Ldc));
  if (M == 0 || N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(C && A && B);
  ScalarArg<T> AlphaArg(H, Alpha), BetaArg(H, Beta);
  return run(H, [=](int Device) {
    T Al = AlphaArg.get(), Be = BetaArg.get();
    bool UseA = !Arith<T>::isZero(Al), UseB = !Arith<T>::isZero(Be);
    forColumns(Device, M, N, [&](int64_t J) {
      for (int64_t I = 0; I < M; ++I) {
        T Sum{};
        if (UseA)
          Sum = Arith<T>::mul(Al, opAt(A, Lda, TransA, I, J));
        if (UseB)
          Sum =
              Arith<T>::add(Sum, Arith<T>::mul(Be, opAt(B, Ldb, TransB, I, J)));
        C[I + J * int64_t(Ldc)] = Sum;
      }
    });
  });
}

template <class T>
cublasStatus_t dgmm(cublasHandle_t H, cublasSideMode_t Mode, int M, int N,
                    const T *A, int Lda, const T *X, int IncX, T *C, int Ldc) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(validSide(Mode) && M >= 0 && N >= 0 && Lda >= atLeastOne(M) &&
             Ldc >= atLeastOne(M));
  TX_REQUIRE(C != A || Lda == Ldc);
  if (M == 0 || N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && X && C);
  return run(H, [=](int Device) {
    int64_t Len = Mode == CUBLAS_SIDE_LEFT ? M : N;
    // incx < 0 walks x backwards from its end; 0 repeats x[0].
    const T *X0 = IncX < 0 ? X - (Len - 1) * IncX : X;
    forColumns(Device, M, N, [&](int64_t J) {
      for (int64_t I = 0; I < M; ++I) {
        T D = X0[(Mode == CUBLAS_SIDE_LEFT ? I : J) * IncX];
        C[I + J * int64_t(Ldc)] = Arith<T>::mul(A[I + J * int64_t(Lda)], D);
      }
    });
  });
}

} // namespace

#define TX_EXTENSIONS(Ch, T)                                                   \
  cublasStatus_t cublas##Ch##geam(                                             \
      cublasHandle_t H, cublasOperation_t TransA, cublasOperation_t TransB,    \
      int M, int N, const T *Alpha, const T *A, int Lda, const T *Beta,        \
      const T *B, int Ldb, T *C, int Ldc) {                                    \
    TX_BLAS_FORWARD(cublas##Ch##geam, H, TransA, TransB, M, N, Alpha, A, Lda,  \
                    Beta, B, Ldb, C, Ldc);                                     \
    return geam(H, TransA, TransB, M, N, Alpha, A, Lda, Beta, B, Ldb, C, Ldc); \
  }                                                                            \
  cublasStatus_t cublas##Ch##dgmm(cublasHandle_t H, cublasSideMode_t Mode,     \
                                  int M, int N, const T *A, int Lda,           \
                                  const T *X, int IncX, T *C, int Ldc) {       \
    TX_BLAS_FORWARD(cublas##Ch##dgmm, H, Mode, M, N, A, Lda, X, IncX, C, Ldc); \
    return dgmm(H, Mode, M, N, A, Lda, X, IncX, C, Ldc);                       \
  }
TX_EXTENSIONS(S, float)
TX_EXTENSIONS(D, double)
TX_EXTENSIONS(C, cuComplex)
TX_EXTENSIONS(Z, cuDoubleComplex)
#undef TX_EXTENSIONS
