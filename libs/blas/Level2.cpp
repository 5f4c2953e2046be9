//===- Level2.cpp - cuBLAS Level-2: matrix-vector routines ----------------===//
//
// Part of Tongxin. gemv, ger/geru/gerc, symv, hemv, syr, her, syr2, her2,
// trmv and trsv in their precisions, over BLIS. gemv and ger split their
// output over the device's workers (rows of y, columns of A); the
// triangular and symmetric routines run on one worker, as their data
// dependences make them memory-bound either way.
//
//===----------------------------------------------------------------------===//

#include "Handle.h"
#include "Types.h"

using namespace tx;
using namespace tx::blas;

namespace {

/// Work below this many matrix elements stays on one worker.
constexpr int64_t SplitElements = 1 << 16;

lib::Partition splitFor(int Device, int64_t Extent, int64_t Other) {
  int64_t MinPart =
      std::max<int64_t>(16, SplitElements / std::max<int64_t>(Other, 1));
  return lib::partitionForWorkers(Device, size_t(Extent), size_t(MinPart), 8);
}

template <class T>
cublasStatus_t gemv(cublasHandle_t H, cublasOperation_t Trans, int M, int N,
                    const T *Alpha, const T *A, int Lda, const T *X, int IncX,
                    const T *Beta, T *Y, int IncY) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(validOp(Trans) && M >= 0 && N >= 0 && Lda >= atLeastOne(M) &&
             IncX != 0 && IncY != 0 && Alpha && Beta);
  if (M == 0 || N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && X && Y);
  ScalarArg<T> AlphaArg(H, Alpha), BetaArg(H, Beta);
  return run(H, [=](int Device) {
    BlisOf<T> Al = blisValue(AlphaArg.get()), Be = blisValue(BetaArg.get());
    bool NoTrans = Trans == CUBLAS_OP_N;
    int64_t LenX = NoTrans ? N : M, LenY = NoTrans ? M : N;
    const T *X0 = vectorStart(X, LenX, IncX);
    T *Y0 = vectorStart(Y, LenY, IncY);
    // Each part owns a range of y: rows of A, or columns when transposed.
    lib::Partition Parts = splitFor(Device, LenY, LenX);
    lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t P) {
      int64_t B = int64_t(Parts.begin(P)), E = int64_t(Parts.end(P));
      const T *APart = NoTrans ? A + B : A + B * int64_t(Lda);
      Blis<BlisOf<T>>::gemv(
          blisTrans(Trans), BLIS_NO_CONJUGATE, NoTrans ? E - B : M,
          NoTrans ? N : E - B, &Al, blis(APart), 1, Lda, blis(X0), IncX, &Be,
          blis(Y0 + B * IncY), IncY, nullptr, gemm::serialRuntime());
    });
  });
}

/// A += alpha x op(y)^T, op conjugating for gerc.
template <class T>
cublasStatus_t ger(cublasHandle_t H, int M, int N, const T *Alpha, const T *X,
                   int IncX, const T *Y, int IncY, T *A, int Lda,
                   bool Conjugate) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(M >= 0 && N >= 0 && IncX != 0 && IncY != 0 &&
             Lda >= atLeastOne(M) && Alpha);
  if (M == 0 || N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && X && Y);
  ScalarArg<T> AlphaArg(H, Alpha);
  return run(H, [=](int Device) {
    BlisOf<T> Al = blisValue(AlphaArg.get());
    const T *X0 = vectorStart(X, M, IncX);
    const T *Y0 = vectorStart(Y, N, IncY);
    lib::Partition Parts = splitFor(Device, N, M);
    lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t P) {
      int64_t B = int64_t(Parts.begin(P)), E = int64_t(Parts.end(P));
      Blis<BlisOf<T>>::ger(
          BLIS_NO_CONJUGATE, Conjugate ? BLIS_CONJUGATE : BLIS_NO_CONJUGATE, M,
          E - B, &Al, blis(X0), IncX, blis(Y0 + B * IncY), IncY,
          blis(A + B * int64_t(Lda)), 1, Lda, nullptr, gemm::serialRuntime());
    });
  });
}

/// symv (Hermitian = false) and hemv.
template <class T>
cublasStatus_t symv(cublasHandle_t H, cublasFillMode_t Uplo, int N,
                    const T *Alpha, const T *A, int Lda, const T *X, int IncX,
                    const T *Beta, T *Y, int IncY, bool Hermitian) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(validFill(Uplo) && N >= 0 && Lda >= atLeastOne(N) && IncX != 0 &&
             IncY != 0 && Alpha && Beta);
  if (N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && X && Y);
  ScalarArg<T> AlphaArg(H, Alpha), BetaArg(H, Beta);
  return run(H, [=](int) {
    BlisOf<T> Al = blisValue(AlphaArg.get()), Be = blisValue(BetaArg.get());
    auto Call = Hermitian ? Blis<BlisOf<T>>::hemv : Blis<BlisOf<T>>::symv;
    Call(blisUplo(Uplo), BLIS_NO_CONJUGATE, BLIS_NO_CONJUGATE, N, &Al, blis(A),
         1, Lda, blis(vectorStart(X, N, IncX)), IncX, &Be,
         blis(vectorStart(Y, N, IncY)), IncY, nullptr, gemm::serialRuntime());
  });
}

/// syr (A += alpha x x^T) and her (A += alpha x x^H, alpha real).
template <class T, class S>
cublasStatus_t syr(cublasHandle_t H, cublasFillMode_t Uplo, int N,
                   const S *Alpha, const T *X, int IncX, T *A, int Lda,
                   bool Hermitian) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(validFill(Uplo) && N >= 0 && Lda >= atLeastOne(N) && IncX != 0 &&
             Alpha);
  if (N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && X);
  ScalarArg<S> AlphaArg(H, Alpha);
  return run(H, [=](int) {
    BlisOf<S> Al = blisValue(AlphaArg.get());
    BlisOf<T> *XB = blis(vectorStart(X, N, IncX));
    if constexpr (gemm::isComplex<BlisOf<T>>() &&
                  !gemm::isComplex<BlisOf<S>>()) {
      Blis<BlisOf<T>>::her(blisUplo(Uplo), BLIS_NO_CONJUGATE, N, &Al, XB, IncX,
                           blis(A), 1, Lda, nullptr, gemm::serialRuntime());
    } else {
      (void)Hermitian;
      Blis<BlisOf<T>>::syr(blisUplo(Uplo), BLIS_NO_CONJUGATE, N, &Al, XB, IncX,
                           blis(A), 1, Lda, nullptr, gemm::serialRuntime());
    }
  });
}

/// syr2 and her2: A += alpha x y^T + alpha y x^T (conjugated for her2).
template <class T>
cublasStatus_t syr2(cublasHandle_t H, cublasFillMode_t Uplo, int N,
                    const T *Alpha, const T *X, int IncX, const T *Y, int IncY,
                    T *A, int Lda, bool Hermitian) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(validFill(Uplo) && N >= 0 && Lda >= atLeastOne(N) && IncX != 0 &&
             IncY != 0 && Alpha);
  if (N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && X && Y);
  ScalarArg<T> AlphaArg(H, Alpha);
  return run(H, [=](int) {
    BlisOf<T> Al = blisValue(AlphaArg.get());
    auto Call = Hermitian ? Blis<BlisOf<T>>::her2 : Blis<BlisOf<T>>::syr2;
    Call(blisUplo(Uplo), BLIS_NO_CONJUGATE, BLIS_NO_CONJUGATE, N, &Al,
         blis(vectorStart(X, N, IncX)), IncX, blis(vectorStart(Y, N, IncY)),
         IncY, blis(A), 1, Lda, nullptr, gemm::serialRuntime());
  });
}

/// trmv (x = op(A) x) and trsv (solves op(A) x = b in place).
template <class T>
cublasStatus_t triangular(cublasHandle_t H, cublasFillMode_t Uplo,
                          cublasOperation_t Trans, cublasDiagType_t Diag, int N,
                          const T *A, int Lda, T *X, int IncX, bool Solve) {
  TX_CHECK_HANDLE(H);
  TX_REQUIRE(validFill(Uplo) && validOp(Trans) && validDiag(Diag) && N >= 0 &&
             Lda >= atLeastOne(N) && IncX != 0);
  if (N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && X);
  return run(H, [=](int) {
    BlisOf<T> One;
    if constexpr (gemm::isComplex<BlisOf<T>>())
      One = {1, 0};
    else
      One = 1;
    auto Call = Solve ? Blis<BlisOf<T>>::trsv : Blis<BlisOf<T>>::trmv;
    Call(blisUplo(Uplo), blisTrans(Trans), blisDiag(Diag), N, &One, blis(A), 1,
         Lda, blis(vectorStart(X, N, IncX)), IncX, nullptr,
         gemm::serialRuntime());
  });
}

} // namespace

//===--- Entry points -----------------------------------------------------===//

#define TX_LEVEL2(Ch, T)                                                       \
  cublasStatus_t cublas##Ch##gemv_v2(                                          \
      cublasHandle_t H, cublasOperation_t Trans, int M, int N, const T *Alpha, \
      const T *A, int Lda, const T *X, int IncX, const T *Beta, T *Y,          \
      int IncY) {                                                              \
    TX_BLAS_FORWARD(cublas##Ch##gemv_v2, H, Trans, M, N, Alpha, A, Lda, X,     \
                    IncX, Beta, Y, IncY);                                      \
    return gemv(H, Trans, M, N, Alpha, A, Lda, X, IncX, Beta, Y, IncY);        \
  }                                                                            \
  cublasStatus_t cublas##Ch##symv_v2(cublasHandle_t H, cublasFillMode_t Uplo,  \
                                     int N, const T *Alpha, const T *A,        \
                                     int Lda, const T *X, int IncX,            \
                                     const T *Beta, T *Y, int IncY) {          \
    TX_BLAS_FORWARD(cublas##Ch##symv_v2, H, Uplo, N, Alpha, A, Lda, X, IncX,   \
                    Beta, Y, IncY);                                            \
    return symv(H, Uplo, N, Alpha, A, Lda, X, IncX, Beta, Y, IncY, false);     \
  }                                                                            \
  cublasStatus_t cublas##Ch##syr_v2(cublasHandle_t H, cublasFillMode_t Uplo,   \
                                    int N, const T *Alpha, const T *X,         \
                                    int IncX, T *A, int Lda) {                 \
    TX_BLAS_FORWARD(cublas##Ch##syr_v2, H, Uplo, N, Alpha, X, IncX, A, Lda);   \
    return syr(H, Uplo, N, Alpha, X, IncX, A, Lda, false);                     \
  }                                                                            \
  cublasStatus_t cublas##Ch##syr2_v2(                                          \
      cublasHandle_t H, cublasFillMode_t Uplo, int N, const T *Alpha,          \
      const T *X, int IncX, const T *Y, int IncY, T *A, int Lda) {             \
    TX_BLAS_FORWARD(cublas##Ch##syr2_v2, H, Uplo, N, Alpha, X, IncX, Y, IncY,  \
                    A, Lda);                                                   \
    return syr2(H, Uplo, N, Alpha, X, IncX, Y, IncY, A, Lda, false);           \
  }                                                                            \
  cublasStatus_t cublas##Ch##trmv_v2(                                          \
      cublasHandle_t H, cublasFillMode_t Uplo, cublasOperation_t Trans,        \
      cublasDiagType_t Diag, int N, const T *A, int Lda, T *X, int IncX) {     \
    TX_BLAS_FORWARD(cublas##Ch##trmv_v2, H, Uplo, Trans, Diag, N, A, Lda, X,   \
                    IncX);                                                     \
    return triangular(H, Uplo, Trans, Diag, N, A, Lda, X, IncX, false);        \
  }                                                                            \
  cublasStatus_t cublas##Ch##trsv_v2(                                          \
      cublasHandle_t H, cublasFillMode_t Uplo, cublasOperation_t Trans,        \
      cublasDiagType_t Diag, int N, const T *A, int Lda, T *X, int IncX) {     \
    TX_BLAS_FORWARD(cublas##Ch##trsv_v2, H, Uplo, Trans, Diag, N, A, Lda, X,   \
                    IncX);                                                     \
    return triangular(H, Uplo, Trans, Diag, N, A, Lda, X, IncX, true);         \
  }

TX_LEVEL2(S, float)
TX_LEVEL2(D, double)
TX_LEVEL2(C, cuComplex)
TX_LEVEL2(Z, cuDoubleComplex)
#undef TX_LEVEL2

#define TX_GER(Name, T, Conjugate)                                             \
  cublasStatus_t cublas##Name##_v2(cublasHandle_t H, int M, int N,             \
                                   const T *Alpha, const T *X, int IncX,       \
                                   const T *Y, int IncY, T *A, int Lda) {      \
    TX_BLAS_FORWARD(cublas##Name##_v2, H, M, N, Alpha, X, IncX, Y, IncY, A,    \
                    Lda);                                                      \
    return ger(H, M, N, Alpha, X, IncX, Y, IncY, A, Lda, Conjugate);           \
  }
TX_GER(Sger, float, false)
TX_GER(Dger, double, false)
TX_GER(Cgeru, cuComplex, false)
TX_GER(Cgerc, cuComplex, true)
TX_GER(Zgeru, cuDoubleComplex, false)
TX_GER(Zgerc, cuDoubleComplex, true)
#undef TX_GER

#define TX_HERMITIAN2(Ch, T, R)                                                \
  cublasStatus_t cublas##Ch##hemv_v2(cublasHandle_t H, cublasFillMode_t Uplo,  \
                                     int N, const T *Alpha, const T *A,        \
                                     int Lda, const T *X, int IncX,            \
                                     const T *Beta, T *Y, int IncY) {          \
    TX_BLAS_FORWARD(cublas##Ch##hemv_v2, H, Uplo, N, Alpha, A, Lda, X, IncX,   \
                    Beta, Y, IncY);                                            \
    return symv(H, Uplo, N, Alpha, A, Lda, X, IncX, Beta, Y, IncY, true);      \
  }                                                                            \
  cublasStatus_t cublas##Ch##her_v2(cublasHandle_t H, cublasFillMode_t Uplo,   \
                                    int N, const R *Alpha, const T *X,         \
                                    int IncX, T *A, int Lda) {                 \
    TX_BLAS_FORWARD(cublas##Ch##her_v2, H, Uplo, N, Alpha, X, IncX, A, Lda);   \
    return syr(H, Uplo, N, Alpha, X, IncX, A, Lda, true);                      \
  }                                                                            \
  cublasStatus_t cublas##Ch##her2_v2(                                          \
      cublasHandle_t H, cublasFillMode_t Uplo, int N, const T *Alpha,          \
      const T *X, int IncX, const T *Y, int IncY, T *A, int Lda) {             \
    TX_BLAS_FORWARD(cublas##Ch##her2_v2, H, Uplo, N, Alpha, X, IncX, Y, IncY,  \
                    A, Lda);                                                   \
    return syr2(H, Uplo, N, Alpha, X, IncX, Y, IncY, A, Lda, true);            \
  }
TX_HERMITIAN2(C, cuComplex, float)
TX_HERMITIAN2(Z, cuDoubleComplex, double)
#undef TX_HERMITIAN2
