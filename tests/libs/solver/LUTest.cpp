//===- solver/SolverLU.cpp - getrf, getrs
//-----------------------------------===//
//
// Part of Tongxin. P * L * U rebuilds A (square and rectangular, with and
// without pivoting), solves in every operation have small residuals,
// devInfo marks the first zero pivot, and every argument error.
//
//===----------------------------------------------------------------------===//

#include "SolverTestUtil.h"

using namespace solvertest;

namespace {
template <typename T> class SolverLU : public SolverTest {
protected:
  /// Factors A (M x N) and checks P * L * U == A; Pivot false passes a
  /// null devIpiv.
  void checkFactorisation(int M, int N, bool Pivot, unsigned Seed) {
    using E = Elem<T>;
    Matrix<E> A = randomMatrix<E>(M, N, Seed, M + 3);
    if (!Pivot) // Diagonally dominant, so that no pivoting is needed.
      for (int K = 0; K < std::min(M, N); ++K)
        A(K, K) += E(2 * std::max(M, N));
    Matrix<E> F = A;
    int Lwork = 0;
    ASSERT_EQ(Api<T>::getrf_bufferSize(this->Handle, M, N, F.template as<T>(),
                                       F.Ld, &Lwork),
              CUSOLVER_STATUS_SUCCESS);
    std::vector<E> Work(Lwork);
    std::vector<int> Ipiv(std::min(M, N), -1);
    ASSERT_EQ(Api<T>::getrf(this->Handle, M, N, F.template as<T>(), F.Ld,
                            reinterpret_cast<T *>(Work.data()),
                            Pivot ? Ipiv.data() : nullptr, &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync();
    ASSERT_EQ(this->Info, 0);
    int K = std::min(M, N);
    Matrix<E> L(M, K), U(K, N);
    for (int C = 0; C < K; ++C)
      for (int R = 0; R < M; ++R)
        L(R, C) = R == C ? E(1) : R > C ? F(R, C) : E(0);
    for (int C = 0; C < N; ++C)
      for (int R = 0; R < K; ++R)
        U(R, C) = R <= C ? F(R, C) : E(0);
    Matrix<E> LU = multiply(L, 'N', U, 'N');
    // Undo the row exchanges, last first.
    if (Pivot)
      for (int R = K - 1; R >= 0; --R) {
        ASSERT_GE(Ipiv[R], R + 1);
        ASSERT_LE(Ipiv[R], M);
        for (int C = 0; C < N; ++C)
          std::swap(LU(R, C), LU(Ipiv[R] - 1, C));
      }
    EXPECT_LT(maxDifference(LU, A, M, N), tolerance<T>(std::max(M, N)) * 10);
  }
};
TYPED_TEST_SUITE(SolverLU, ElementTypes);
} // namespace

TYPED_TEST(SolverLU, PivotedSquare) {
  this->checkFactorisation(45, 45, true, 1);
}
TYPED_TEST(SolverLU, PivotedTall) { this->checkFactorisation(50, 20, true, 2); }
TYPED_TEST(SolverLU, PivotedWide) { this->checkFactorisation(20, 50, true, 3); }
// Larger than one panel of the unpivoted LU (64 columns).
TYPED_TEST(SolverLU, UnpivotedSquare) {
  this->checkFactorisation(150, 150, false, 4);
}
TYPED_TEST(SolverLU, UnpivotedTall) {
  this->checkFactorisation(140, 70, false, 5);
}
TYPED_TEST(SolverLU, UnpivotedWide) {
  this->checkFactorisation(70, 140, false, 6);
}

TYPED_TEST(SolverLU, SolveInEveryOperation) {
  using T = TypeParam;
  using E = Elem<T>;
  const int N = 33, Nrhs = 4;
  for (bool Pivot : {true, false}) {
    Matrix<E> A = randomMatrix<E>(N, N, 7);
    if (!Pivot)
      for (int K = 0; K < N; ++K)
        A(K, K) += E(2 * N);
    Matrix<E> F = A;
    std::vector<int> Ipiv(N);
    int *Pivots = Pivot ? Ipiv.data() : nullptr;
    ASSERT_EQ(Api<T>::getrf(this->Handle, N, N, F.template as<T>(), F.Ld,
                            nullptr, Pivots, &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    for (auto [Op, OpChar] :
         {std::pair{CUBLAS_OP_N, 'N'}, std::pair{CUBLAS_OP_T, 'T'},
          std::pair{CUBLAS_OP_C, 'C'}}) {
      Matrix<E> B = randomMatrix<E>(N, Nrhs, 8, N + 1);
      Matrix<E> X = B;
      ASSERT_EQ(Api<T>::getrs(this->Handle, Op, N, Nrhs, F.template as<T>(),
                              F.Ld, Pivots, X.template as<T>(), X.Ld,
                              &this->Info),
                CUSOLVER_STATUS_SUCCESS);
      this->sync();
      EXPECT_EQ(this->Info, 0);
      Matrix<E> AX = multiply(A, OpChar, X, 'N');
      EXPECT_LT(maxDifference(AX, B, N, Nrhs), tolerance<T>(N) * 10)
          << "op " << OpChar << " pivot " << Pivot;
    }
  }
}

TYPED_TEST(SolverLU, SingularReportsFirstZeroPivot) {
  using T = TypeParam;
  using E = Elem<T>;
  const int N = 6;
  for (bool Pivot : {true, false}) {
    // Upper triangular with U(4,4) = 0 and U(6,6) = 0: devInfo = 4.
    Matrix<E> A(N, N);
    for (int C = 0; C < N; ++C)
      for (int R = 0; R <= C; ++R)
        A(R, C) = E(R == C ? 2 : 1);
    A(3, 3) = E(0);
    A(5, 5) = E(0);
    std::vector<int> Ipiv(N);
    ASSERT_EQ(Api<T>::getrf(this->Handle, N, N, A.template as<T>(), A.Ld,
                            nullptr, Pivot ? Ipiv.data() : nullptr,
                            &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync();
    EXPECT_EQ(this->Info, 4) << "pivot " << Pivot;
  }
}

TYPED_TEST(SolverLU, BadArgumentsAreRefused) {
  using T = TypeParam;
  using E = Elem<T>;
  Matrix<E> A = randomMatrix<E>(4, 4, 9);
  T *P = A.template as<T>();
  std::vector<int> Ipiv(4);
  int Lwork = 0;
  auto Expect = [&](cusolverStatus_t Status, int Expected) {
    EXPECT_EQ(Status, CUSOLVER_STATUS_INVALID_VALUE);
    this->sync();
    EXPECT_EQ(this->Info, Expected);
    this->Info = 12345;
  };
  Expect(Api<T>::getrf(this->Handle, -1, 4, P, 4, nullptr, Ipiv.data(),
                       &this->Info),
         -1);
  Expect(Api<T>::getrf(this->Handle, 4, -2, P, 4, nullptr, Ipiv.data(),
                       &this->Info),
         -2);
  Expect(Api<T>::getrf(this->Handle, 4, 4, nullptr, 4, nullptr, Ipiv.data(),
                       &this->Info),
         -3);
  Expect(Api<T>::getrf(this->Handle, 4, 4, P, 3, nullptr, Ipiv.data(),
                       &this->Info),
         -4);
  Expect(Api<T>::getrs(this->Handle, static_cast<cublasOperation_t>(3), 4, 1, P,
                       4, Ipiv.data(), P, 4, &this->Info),
         -1);
  Expect(Api<T>::getrs(this->Handle, CUBLAS_OP_N, -1, 1, P, 4, Ipiv.data(), P,
                       4, &this->Info),
         -2);
  Expect(Api<T>::getrs(this->Handle, CUBLAS_OP_N, 4, -1, P, 4, Ipiv.data(), P,
                       4, &this->Info),
         -3);
  Expect(Api<T>::getrs(this->Handle, CUBLAS_OP_N, 4, 1, P, 2, Ipiv.data(), P, 4,
                       &this->Info),
         -5);
  Expect(Api<T>::getrs(this->Handle, CUBLAS_OP_N, 4, 1, P, 4, Ipiv.data(), P, 3,
                       &this->Info),
         -8);
  EXPECT_EQ(
      Api<T>::getrf(this->Handle, 4, 4, P, 4, nullptr, Ipiv.data(), nullptr),
      CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::getrf_bufferSize(this->Handle, 4, 4, P, 1, &Lwork),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::getrf_bufferSize(nullptr, 4, 4, P, 4, &Lwork),
            CUSOLVER_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(Api<T>::getrs(nullptr, CUBLAS_OP_N, 4, 1, P, 4, Ipiv.data(), P, 4,
                          &this->Info),
            CUSOLVER_STATUS_NOT_INITIALIZED);
}
