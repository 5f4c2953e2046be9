//===- solver/SolverCholesky.cpp - potrf, potrs, potri
//----------------------===//
//
// Part of Tongxin. Factors are checked by rebuilding A from them, solves by
// their residual, the inverse by A * inv(A) = I; devInfo for matrices that
// are not positive definite; every argument error.
//
//===----------------------------------------------------------------------===//

#include "SolverTestUtil.h"

using namespace solvertest;

namespace {
template <typename T> class SolverCholesky : public SolverTest {};
TYPED_TEST_SUITE(SolverCholesky, ElementTypes);
} // namespace

/// The factor L (lower) or U (upper) from potrf's output, zeroing the
/// other triangle.
template <typename E>
static Matrix<E> triangle(const Matrix<E> &A, bool Lower) {
  Matrix<E> T(A.Rows, A.Cols);
  for (int C = 0; C < A.Cols; ++C)
    for (int R = 0; R < A.Rows; ++R)
      if (Lower ? R >= C : R <= C)
        T(R, C) = A(R, C);
  return T;
}

TYPED_TEST(SolverCholesky, FactorRebuildsTheMatrix) {
  using T = TypeParam;
  using E = Elem<T>;
  const int N = 37;
  for (cublasFillMode_t Fill :
       {CUBLAS_FILL_MODE_LOWER, CUBLAS_FILL_MODE_UPPER}) {
    Matrix<E> A = positiveDefinite<E>(N, 1);
    Matrix<E> F = A;
    int Lwork = 0;
    ASSERT_EQ(Api<T>::potrf_bufferSize(this->Handle, Fill, N,
                                       F.template as<T>(), F.Ld, &Lwork),
              CUSOLVER_STATUS_SUCCESS);
    ASSERT_GE(Lwork, 1);
    std::vector<E> Work(Lwork);
    ASSERT_EQ(Api<T>::potrf(this->Handle, Fill, N, F.template as<T>(), F.Ld,
                            reinterpret_cast<T *>(Work.data()), Lwork,
                            &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync();
    EXPECT_EQ(this->Info, 0);
    bool Lower = Fill == CUBLAS_FILL_MODE_LOWER;
    Matrix<E> Factor = triangle(F, Lower);
    Matrix<E> Rebuilt = Lower ? multiply(Factor, 'N', Factor, 'C')
                              : multiply(Factor, 'C', Factor, 'N');
    EXPECT_LT(maxDifference(Rebuilt, A, N, N), tolerance<T>(N) * N);
  }
}

TYPED_TEST(SolverCholesky, SolveHasSmallResidual) {
  using T = TypeParam;
  using E = Elem<T>;
  const int N = 29, Nrhs = 3, Ldb = 31;
  Matrix<E> A = positiveDefinite<E>(N, 2);
  Matrix<E> F = A;
  Matrix<E> B = randomMatrix<E>(N, Nrhs, 3, Ldb);
  Matrix<E> X = B;
  ASSERT_EQ(Api<T>::potrf(this->Handle, CUBLAS_FILL_MODE_UPPER, N,
                          F.template as<T>(), F.Ld, nullptr, 0, &this->Info),
            CUSOLVER_STATUS_SUCCESS);
  ASSERT_EQ(Api<T>::potrs(this->Handle, CUBLAS_FILL_MODE_UPPER, N, Nrhs,
                          F.template as<T>(), F.Ld, X.template as<T>(), X.Ld,
                          &this->Info),
            CUSOLVER_STATUS_SUCCESS);
  this->sync();
  EXPECT_EQ(this->Info, 0);
  Matrix<E> AX = multiply(A, 'N', X, 'N');
  EXPECT_LT(maxDifference(AX, B, N, Nrhs), tolerance<T>(N) * N);
}

TYPED_TEST(SolverCholesky, InverseTimesMatrixIsIdentity) {
  using T = TypeParam;
  using E = Elem<T>;
  const int N = 21;
  Matrix<E> A = positiveDefinite<E>(N, 4);
  Matrix<E> F = A;
  int Lwork = 0;
  ASSERT_EQ(Api<T>::potri_bufferSize(this->Handle, CUBLAS_FILL_MODE_LOWER, N,
                                     F.template as<T>(), F.Ld, &Lwork),
            CUSOLVER_STATUS_SUCCESS);
  std::vector<E> Work(Lwork);
  ASSERT_EQ(Api<T>::potrf(this->Handle, CUBLAS_FILL_MODE_LOWER, N,
                          F.template as<T>(), F.Ld, nullptr, 0, &this->Info),
            CUSOLVER_STATUS_SUCCESS);
  ASSERT_EQ(Api<T>::potri(
                this->Handle, CUBLAS_FILL_MODE_LOWER, N, F.template as<T>(),
                F.Ld, reinterpret_cast<T *>(Work.data()), Lwork, &this->Info),
            CUSOLVER_STATUS_SUCCESS);
  this->sync();
  EXPECT_EQ(this->Info, 0);
  // potri leaves the lower triangle: complete the Hermitian inverse.
  for (int C = 0; C < N; ++C)
    for (int R = 0; R < C; ++R)
      F(R, C) = conjugate(F(C, R));
  Matrix<E> Product = multiply(A, 'N', F, 'N');
  EXPECT_LT(maxDifference(Product, identity<E>(N), N, N), tolerance<T>(N) * N);
}

TYPED_TEST(SolverCholesky, NotPositiveDefiniteReportsTheMinor) {
  using T = TypeParam;
  using E = Elem<T>;
  const int N = 10;
  Matrix<E> A = positiveDefinite<E>(N, 5);
  // A negative diagonal entry at row 7 (1-based): the minor of order 7 is
  // the first that is not positive definite.
  for (int K = 0; K < N; ++K) {
    A(6, K) = E(0);
    A(K, 6) = E(0);
  }
  A(6, 6) = E(-1);
  ASSERT_EQ(Api<T>::potrf(this->Handle, CUBLAS_FILL_MODE_LOWER, N,
                          A.template as<T>(), A.Ld, nullptr, 0, &this->Info),
            CUSOLVER_STATUS_SUCCESS);
  this->sync();
  EXPECT_EQ(this->Info, 7);
}

TYPED_TEST(SolverCholesky, BadArgumentsAreRefused) {
  using T = TypeParam;
  using E = Elem<T>;
  Matrix<E> A = positiveDefinite<E>(4, 6);
  T *P = A.template as<T>();
  auto Fill = CUBLAS_FILL_MODE_LOWER;
  int Lwork = 0;
  auto Expect = [&](cusolverStatus_t Status, int Expected) {
    EXPECT_EQ(Status, CUSOLVER_STATUS_INVALID_VALUE);
    this->sync();
    EXPECT_EQ(this->Info, Expected);
    this->Info = 12345;
  };
  Expect(Api<T>::potrf(this->Handle, CUBLAS_FILL_MODE_FULL, 4, P, 4, nullptr, 0,
                       &this->Info),
         -1);
  Expect(Api<T>::potrf(this->Handle, Fill, -1, P, 4, nullptr, 0, &this->Info),
         -2);
  Expect(
      Api<T>::potrf(this->Handle, Fill, 4, nullptr, 4, nullptr, 0, &this->Info),
      -3);
  Expect(Api<T>::potrf(this->Handle, Fill, 4, P, 3, nullptr, 0, &this->Info),
         -4);
  Expect(Api<T>::potrs(this->Handle, Fill, 4, -1, P, 4, P, 4, &this->Info), -3);
  Expect(Api<T>::potrs(this->Handle, Fill, 4, 1, P, 4, P, 2, &this->Info), -7);
  Expect(Api<T>::potri(this->Handle, Fill, 4, P, 0, nullptr, 0, &this->Info),
         -4);
  EXPECT_EQ(Api<T>::potrf(this->Handle, Fill, 4, P, 4, nullptr, 0, nullptr),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::potrf_bufferSize(this->Handle, Fill, 4, P, 2, &Lwork),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::potrf_bufferSize(this->Handle, Fill, 4, P, 4, nullptr),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::potri_bufferSize(nullptr, Fill, 4, P, 4, &Lwork),
            CUSOLVER_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(Api<T>::potrf(nullptr, Fill, 4, P, 4, nullptr, 0, &this->Info),
            CUSOLVER_STATUS_NOT_INITIALIZED);
}

TYPED_TEST(SolverCholesky, EmptyMatrixSucceeds) {
  using T = TypeParam;
  ASSERT_EQ(Api<T>::potrf(this->Handle, CUBLAS_FILL_MODE_LOWER, 0, nullptr, 1,
                          nullptr, 0, &this->Info),
            CUSOLVER_STATUS_SUCCESS);
  this->sync();
  EXPECT_EQ(this->Info, 0);
}
