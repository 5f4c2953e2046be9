//===- Level3.cpp - cuBLAS Level-3 routines besides GEMM ------------------===//
//
// Part of Tongxin. symm, hemm, syrk, herk, syr2k, her2k, trmm and trsm in
// their precisions, over BLIS. Each splits its output over the device's
// workers along the dimension whose parts are independent: columns of C
// (or B) when A multiplies from the left, rows when from the right; the
// rank-k updates split C into column blocks, each a small triangular
// update on the diagonal plus a GEMM below (or above) it.
//
//===----------------------------------------------------------------------===//

#include "Handle.h"
#include "Types.h"

using namespace tx;
using namespace tx::blas;

namespace {

template <class B> B one() {
  if constexpr (gemm::isComplex<B>())
    return B{1, 0};
  else
    return B(1);
}

/// Parts of an extent with a minimum size so small problems stay whole.
lib::Partition splitFor(int Device, int64_t Extent, int64_t Other) {
  int64_t MinPart = std::max<int64_t>(
      16, (64 * 64 * 64) / std::max<int64_t>(Other * Other, 1));
  return lib::partitionForWorkers(Device, size_t(Extent), size_t(MinPart), 8);
}

/// Runs Body(Begin, End) over parts of [0, Extent) on the workers.
void forParts(int Device, int64_t Extent, int64_t Other,
              const std::function<void(int64_t, int64_t)> &Body) {
  lib::Partition Parts = splitFor(Device, Extent, Other);
  lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t P) {
    int64_t B = int64_t(Parts.begin(P)), E = int64_t(Parts.end(P));
    if (B < E)
      Body(B, E);
  });
}

//===--- symm / hemm ------------------------------------------------------===//

template <class T>
cublasStatus_t symm(cublasHandle_t H, cublasSideMode_t Side,
                    cublasFillMode_t Uplo, int M, int N, const T *Alpha,
                    const T *A, int Lda, const T *B, int Ldb, const T *Beta,
                    T *C, int Ldc, bool Hermitian) {
  TX_CHECK_HANDLE(H);
  int64_t OrderA = Side == CUBLAS_SIDE_LEFT ? M : N;
  TX_REQUIRE(validSide(Side) && validFill(Uplo) && M >= 0 && N >= 0 &&
             Lda >= atLeastOne(OrderA) && Ldb >= atLeastOne(M) &&
             Ldc >= atLeastOne(M) && Alpha && Beta);
  if (M == 0 || N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && B && C);
  ScalarArg<T> AlphaArg(H, Alpha), BetaArg(H, Beta);
  return run(H, [=](int Device) {
    BlisOf<T> Al = blisValue(AlphaArg.get()), Be = blisValue(BetaArg.get());
    auto Call = Hermitian ? Blis<BlisOf<T>>::hemm : Blis<BlisOf<T>>::symm;
    bool Left = Side == CUBLAS_SIDE_LEFT;
    forParts(Device, Left ? N : M, OrderA, [&](int64_t Begin, int64_t End) {
      // Left: columns of B and C; right: rows of B and C.
      int64_t OffB = Left ? Begin * Ldb : Begin;
      int64_t OffC = Left ? Begin * Ldc : Begin;
      Call(blisSide(Side), blisUplo(Uplo), BLIS_NO_CONJUGATE, BLIS_NO_TRANSPOSE,
           Left ? M : End - Begin, Left ? End - Begin : N, &Al, blis(A), 1, Lda,
           blis(B + OffB), 1, Ldb, &Be, blis(C + OffC), 1, Ldc, nullptr,
           gemm::serialRuntime());
    });
  });
}

//===--- trmm / trsm ------------------------------------------------------===//

/// trmm (out of place: C = alpha op(A) B or alpha B op(A)) and trsm (in
/// place: solves op(A) X = alpha B or X op(A) = alpha B into B).
template <class T>
cublasStatus_t triangular3(cublasHandle_t H, cublasSideMode_t Side,
                           cublasFillMode_t Uplo, cublasOperation_t Trans,
                           cublasDiagType_t Diag, int M, int N, const T *Alpha,
                           const T *A, int Lda, T *B, int Ldb, T *C, int Ldc,
                           bool Solve) {
  TX_CHECK_HANDLE(H);
  int64_t OrderA = Side == CUBLAS_SIDE_LEFT ? M : N;
  TX_REQUIRE(validSide(Side) && validFill(Uplo) && validOp(Trans) &&
             validDiag(Diag) && M >= 0 && N >= 0 && Lda >= atLeastOne(OrderA) &&
             Ldb >= atLeastOne(M) && (Solve || Ldc >= atLeastOne(M)) && Alpha);
  if (M == 0 || N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(A && B && (Solve || C));
  ScalarArg<T> AlphaArg(H, Alpha);
  return run(H, [=](int Device) {
    BlisOf<T> Al = blisValue(AlphaArg.get());
    BlisOf<T> Zero{};
    bool Left = Side == CUBLAS_SIDE_LEFT;
    forParts(Device, Left ? N : M, OrderA, [&](int64_t Begin, int64_t End) {
      int64_t Rows = Left ? M : End - Begin, Cols = Left ? End - Begin : N;
      T *BPart = B + (Left ? Begin * Ldb : Begin);
      if (Solve) {
        Blis<BlisOf<T>>::trsm(blisSide(Side), blisUplo(Uplo), blisTrans(Trans),
                              blisDiag(Diag), Rows, Cols, &Al, blis(A), 1, Lda,
                              blis(BPart), 1, Ldb, nullptr,
                              gemm::serialRuntime());
        return;
      }
      T *CPart = C + (Left ? Begin * Ldc : Begin);
      Blis<BlisOf<T>>::trmm3(
          blisSide(Side), blisUplo(Uplo), blisTrans(Trans), blisDiag(Diag),
          BLIS_NO_TRANSPOSE, Rows, Cols, &Al, blis(A), 1, Lda, blis(BPart), 1,
          Ldb, &Zero, blis(CPart), 1, Ldc, nullptr, gemm::serialRuntime());
    });
  });
}

//===--- Rank-k updates ---------------------------------------------------===//

enum class RankKind { Syrk, Herk, Syr2k, Her2k };

/// The part of op(X) = X (n x k) or X^T (k x n) holding rows [Begin, End).
template <class T>
T *rowsOf(const T *X, int64_t Ld, cublasOperation_t Trans, int64_t Begin) {
  return const_cast<T *>(Trans == CUBLAS_OP_N ? X + Begin : X + Begin * Ld);
}

/// C (n x n, triangle Uplo) = alpha op(A) op(B)^T + ... + beta C, for the
/// four rank-k updates. Column block [J0, J1) of C is its diagonal block
/// (a triangular update) plus the full block below (lower) or above
/// (upper) it (GEMMs).
template <class T, class S>
void rankUpdateBlock(RankKind Kind, cublasFillMode_t Uplo,
                     cublasOperation_t Trans, int64_t N, int64_t K,
                     BlisOf<T> Alpha, BlisOf<S> Beta, const T *A, int64_t Lda,
                     const T *B, int64_t Ldb, T *C, int64_t Ldc, int64_t J0,
                     int64_t J1) {
  using BT = BlisOf<T>;
  rntm_t *Serial = gemm::serialRuntime();
  int64_t Width = J1 - J0;
  T *Diag = C + J0 + J0 * Ldc;
  trans_t OpT = blisTrans(Trans); // op(X) -> X or X^T
  // GEMMs for the off-diagonal part: op(A)[rows] * op(B)[J0:J1]^T.
  // op(B)^T (op(B)^H for the Hermitian updates): with op = T or C that is
  // B itself.
  trans_t Second = Trans != CUBLAS_OP_N ? BLIS_NO_TRANSPOSE
                   : Kind == RankKind::Herk || Kind == RankKind::Her2k
                       ? BLIS_CONJ_TRANSPOSE
                       : BLIS_TRANSPOSE;
  trans_t First = Trans == CUBLAS_OP_N ? BLIS_NO_TRANSPOSE : BLIS_TRANSPOSE;
  if (Kind == RankKind::Herk || Kind == RankKind::Her2k)
    First = Trans == CUBLAS_OP_N ? BLIS_NO_TRANSPOSE : BLIS_CONJ_TRANSPOSE;
  bool Lower = Uplo == CUBLAS_FILL_MODE_LOWER;
  int64_t R0 = Lower ? J1 : 0, R1 = Lower ? N : J0;
  BT BetaFull;
  if constexpr (gemm::isComplex<BT>() && !gemm::isComplex<BlisOf<S>>())
    BetaFull = BT{Beta, 0};
  else
    BetaFull = *reinterpret_cast<BT *>(&Beta);
  const T *SecondB = Kind == RankKind::Syrk || Kind == RankKind::Herk ? A : B;
  int64_t SecondLd =
      Kind == RankKind::Syrk || Kind == RankKind::Herk ? Lda : Ldb;
  if (R1 > R0) {
    T *Off = C + R0 + J0 * Ldc;
    Blis<BT>::gemm(First, Second, R1 - R0, Width, K, &Alpha,
                   blis(rowsOf(A, Lda, Trans, R0)), 1, Lda,
                   blis(rowsOf(SecondB, SecondLd, Trans, J0)), 1, SecondLd,
                   &BetaFull, blis(Off), 1, Ldc, nullptr, Serial);
    if (Kind == RankKind::Syr2k || Kind == RankKind::Her2k) {
      BT Alpha2 = Alpha;
      if constexpr (gemm::isComplex<BT>())
        if (Kind == RankKind::Her2k)
          Alpha2.imag = -Alpha2.imag;
      BT One = one<BT>();
      Blis<BT>::gemm(First, Second, R1 - R0, Width, K, &Alpha2,
                     blis(rowsOf(B, Ldb, Trans, R0)), 1, Ldb,
                     blis(rowsOf(A, Lda, Trans, J0)), 1, Lda, &One, blis(Off),
                     1, Ldc, nullptr, Serial);
    }
  }
  uplo_t U = blisUplo(Uplo);
  trans_t TransA = Trans == CUBLAS_OP_N ? BLIS_NO_TRANSPOSE : OpT;
  switch (Kind) {
  case RankKind::Syrk:
    Blis<BT>::syrk(U, TransA, Width, K, &Alpha, blis(rowsOf(A, Lda, Trans, J0)),
                   1, Lda, &BetaFull, blis(Diag), 1, Ldc, nullptr, Serial);
    break;
  case RankKind::Syr2k:
    Blis<BT>::syr2k(U, TransA, TransA, Width, K, &Alpha,
                    blis(rowsOf(A, Lda, Trans, J0)), 1, Lda,
                    blis(rowsOf(B, Ldb, Trans, J0)), 1, Ldb, &BetaFull,
                    blis(Diag), 1, Ldc, nullptr, Serial);
    break;
  case RankKind::Herk:
    if constexpr (gemm::isComplex<BT>()) {
      gemm::Real<BT> AlphaR = Alpha.real, BetaR = BetaFull.real;
      Blis<BT>::herk(
          U, Trans == CUBLAS_OP_N ? BLIS_NO_TRANSPOSE : BLIS_CONJ_TRANSPOSE,
          Width, K, &AlphaR, blis(rowsOf(A, Lda, Trans, J0)), 1, Lda, &BetaR,
          blis(Diag), 1, Ldc, nullptr, Serial);
    }
    break;
  case RankKind::Her2k:
    if constexpr (gemm::isComplex<BT>()) {
      gemm::Real<BT> BetaR = BetaFull.real;
      trans_t TH =
          Trans == CUBLAS_OP_N ? BLIS_NO_TRANSPOSE : BLIS_CONJ_TRANSPOSE;
      Blis<BT>::her2k(U, TH, TH, Width, K, &Alpha,
                      blis(rowsOf(A, Lda, Trans, J0)), 1, Lda,
                      blis(rowsOf(B, Ldb, Trans, J0)), 1, Ldb, &BetaR,
                      blis(Diag), 1, Ldc, nullptr, Serial);
    }
    break;
  }
}

/// S is T (syrk, syr2k, her2k's alpha) or its real type (herk's alpha and
/// beta, her2k's beta): AlphaT and BetaT are the types of the arguments.
template <class T, class AlphaT, class BetaT>
cublasStatus_t rankUpdate(cublasHandle_t H, RankKind Kind,
                          cublasFillMode_t Uplo, cublasOperation_t Trans, int N,
                          int K, const AlphaT *Alpha, const T *A, int Lda,
                          const T *B, int Ldb, const BetaT *Beta, T *C,
                          int Ldc) {
  TX_CHECK_HANDLE(H);
  bool Hermitian = Kind == RankKind::Herk || Kind == RankKind::Her2k;
  bool Complex = gemm::isComplex<BlisOf<T>>();
  // Symmetric complex updates take N or T; Hermitian ones N or C; real
  // ones any (C means T).
  bool TransOk = Trans == CUBLAS_OP_N ||
                 (Hermitian ? Trans == CUBLAS_OP_C
                            : (Trans == CUBLAS_OP_T ||
                               (!Complex && Trans == CUBLAS_OP_C)));
  int64_t RowsA = Trans == CUBLAS_OP_N ? N : K;
  bool TwoInputs = Kind == RankKind::Syr2k || Kind == RankKind::Her2k;
  TX_REQUIRE(validFill(Uplo) && TransOk && N >= 0 && K >= 0 &&
             Lda >= atLeastOne(RowsA) &&
             (!TwoInputs || Ldb >= atLeastOne(RowsA)) && Ldc >= atLeastOne(N) &&
             Alpha && Beta);
  if (N == 0)
    return CUBLAS_STATUS_SUCCESS;
  TX_REQUIRE(C && (K == 0 || (A && (!TwoInputs || B))));
  ScalarArg<AlphaT> AlphaArg(H, Alpha);
  ScalarArg<BetaT> BetaArg(H, Beta);
  cublasOperation_t Op = Trans == CUBLAS_OP_C && !Complex ? CUBLAS_OP_T : Trans;
  return run(H, [=](int Device) {
    BlisOf<T> Al;
    if constexpr (std::is_same<AlphaT, T>::value)
      Al = blisValue(AlphaArg.get());
    else
      Al = BlisOf<T>{AlphaArg.get(), 0};
    BlisOf<BetaT> Be = blisValue(BetaArg.get());
    // More blocks than workers: the lower blocks of a lower triangle carry
    // more work than the upper ones.
    unsigned Workers = lib::workerCount(Device);
    int64_t Blocks = std::min<int64_t>(N, Workers > 1 ? Workers * 4 : 1);
    lib::Partition Parts(size_t(N), size_t(Blocks), 8);
    lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t P) {
      int64_t J0 = int64_t(Parts.begin(P)), J1 = int64_t(Parts.end(P));
      if (J0 < J1)
        rankUpdateBlock<T, BetaT>(Kind, Uplo, Op, N, K, Al, Be, A, Lda, B, Ldb,
                                  C, Ldc, J0, J1);
    });
  });
}

} // namespace

//===--- Entry points -----------------------------------------------------===//

#define TX_LEVEL3(Ch, T)                                                       \
  cublasStatus_t cublas##Ch##symm_v2(                                          \
      cublasHandle_t H, cublasSideMode_t Side, cublasFillMode_t Uplo, int M,   \
      int N, const T *Alpha, const T *A, int Lda, const T *B, int Ldb,         \
      const T *Beta, T *C, int Ldc) {                                          \
    TX_BLAS_FORWARD(cublas##Ch##symm_v2, H, Side, Uplo, M, N, Alpha, A, Lda,   \
                    B, Ldb, Beta, C, Ldc);                                     \
    return symm(H, Side, Uplo, M, N, Alpha, A, Lda, B, Ldb, Beta, C, Ldc,      \
                false);                                                        \
  }                                                                            \
  cublasStatus_t cublas##Ch##syrk_v2(cublasHandle_t H, cublasFillMode_t Uplo,  \
                                     cublasOperation_t Trans, int N, int K,    \
                                     const T *Alpha, const T *A, int Lda,      \
                                     const T *Beta, T *C, int Ldc) {           \
    TX_BLAS_FORWARD(cublas##Ch##syrk_v2, H, Uplo, Trans, N, K, Alpha, A, Lda,  \
                    Beta, C, Ldc);                                             \
    return rankUpdate(H, RankKind::Syrk, Uplo, Trans, N, K, Alpha, A, Lda,     \
                      (const T *)nullptr, Lda, Beta, C, Ldc);                  \
  }                                                                            \
  cublasStatus_t cublas##Ch##syr2k_v2(                                         \
      cublasHandle_t H, cublasFillMode_t Uplo, cublasOperation_t Trans, int N, \
      int K, const T *Alpha, const T *A, int Lda, const T *B, int Ldb,         \
      const T *Beta, T *C, int Ldc) {                                          \
    TX_BLAS_FORWARD(cublas##Ch##syr2k_v2, H, Uplo, Trans, N, K, Alpha, A, Lda, \
                    B, Ldb, Beta, C, Ldc);                                     \
    return rankUpdate(H, RankKind::Syr2k, Uplo, Trans, N, K, Alpha, A, Lda, B, \
                      Ldb, Beta, C, Ldc);                                      \
  }                                                                            \
  cublasStatus_t cublas##Ch##trmm_v2(                                          \
      cublasHandle_t H, cublasSideMode_t Side, cublasFillMode_t Uplo,          \
      cublasOperation_t Trans, cublasDiagType_t Diag, int M, int N,            \
      const T *Alpha, const T *A, int Lda, const T *B, int Ldb, T *C,          \
      int Ldc) {                                                               \
    TX_BLAS_FORWARD(cublas##Ch##trmm_v2, H, Side, Uplo, Trans, Diag, M, N,     \
                    Alpha, A, Lda, B, Ldb, C, Ldc);                            \
    return triangular3(H, Side, Uplo, Trans, Diag, M, N, Alpha, A, Lda,        \
                       const_cast<T *>(B), Ldb, C, Ldc, false);                \
  }                                                                            \
  cublasStatus_t cublas##Ch##trsm_v2(                                          \
      cublasHandle_t H, cublasSideMode_t Side, cublasFillMode_t Uplo,          \
      cublasOperation_t Trans, cublasDiagType_t Diag, int M, int N,            \
      const T *Alpha, const T *A, int Lda, T *B, int Ldb) {                    \
    TX_BLAS_FORWARD(cublas##Ch##trsm_v2, H, Side, Uplo, Trans, Diag, M, N,     \
                    Alpha, A, Lda, B, Ldb);                                    \
    return triangular3(H, Side, Uplo, Trans, Diag, M, N, Alpha, A, Lda, B,     \
                       Ldb, (T *)nullptr, 0, true);                            \
  }

TX_LEVEL3(S, float)
TX_LEVEL3(D, double)
TX_LEVEL3(C, cuComplex)
TX_LEVEL3(Z, cuDoubleComplex)
#undef TX_LEVEL3

#define TX_HERMITIAN3(Ch, T, R)                                                \
  cublasStatus_t cublas##Ch##hemm_v2(                                          \
      cublasHandle_t H, cublasSideMode_t Side, cublasFillMode_t Uplo, int M,   \
      int N, const T *Alpha, const T *A, int Lda, const T *B, int Ldb,         \
      const T *Beta, T *C, int Ldc) {                                          \
    TX_BLAS_FORWARD(cublas##Ch##hemm_v2, H, Side, Uplo, M, N, Alpha, A, Lda,   \
                    B, Ldb, Beta, C, Ldc);                                     \
    return symm(H, Side, Uplo, M, N, Alpha, A, Lda, B, Ldb, Beta, C, Ldc,      \
                true);                                                         \
  }                                                                            \
  cublasStatus_t cublas##Ch##herk_v2(cublasHandle_t H, cublasFillMode_t Uplo,  \
                                     cublasOperation_t Trans, int N, int K,    \
                                     const R *Alpha, const T *A, int Lda,      \
                                     const R *Beta, T *C, int Ldc) {           \
    TX_BLAS_FORWARD(cublas##Ch##herk_v2, H, Uplo, Trans, N, K, Alpha, A, Lda,  \
                    Beta, C, Ldc);                                             \
    return rankUpdate(H, RankKind::Herk, Uplo, Trans, N, K, Alpha, A, Lda,     \
                      (const T *)nullptr, Lda, Beta, C, Ldc);                  \
  }                                                                            \
  cublasStatus_t cublas##Ch##her2k_v2(                                         \
      cublasHandle_t H, cublasFillMode_t Uplo, cublasOperation_t Trans, int N, \
      int K, const T *Alpha, const T *A, int Lda, const T *B, int Ldb,         \
      const R *Beta, T *C, int Ldc) {                                          \
    TX_BLAS_FORWARD(cublas##Ch##her2k_v2, H, Uplo, Trans, N, K, Alpha, A, Lda, \
                    B, Ldb, Beta, C, Ldc);                                     \
    return rankUpdate(H, RankKind::Her2k, Uplo, Trans, N, K, Alpha, A, Lda, B, \
                      Ldb, Beta, C, Ldc);                                      \
  }
TX_HERMITIAN3(C, cuComplex, float)
TX_HERMITIAN3(Z, cuDoubleComplex, double)
#undef TX_HERMITIAN3
