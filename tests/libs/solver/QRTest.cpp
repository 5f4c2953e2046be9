//===- solver/SolverQR.cpp - geqrf, orgqr/ungqr, ormqr/unmqr
//----------------===//
//
// Part of Tongxin. Q from geqrf + orgqr is orthonormal and Q * R rebuilds
// A; ormqr applies Q and Q^H from either side as the explicit Q does; a
// least-squares solve meets the normal equations; every argument error.
//
//===----------------------------------------------------------------------===//

#include "SolverTestUtil.h"

using namespace solvertest;

namespace {
template <typename T> class SolverQR : public SolverTest {
protected:
  using E = Elem<T>;

  /// Factors A (M x N, M >= N) in place into F and Tau.
  void factor(Matrix<E> &F, std::vector<E> &Tau) {
    int Lwork = 0;
    ASSERT_EQ(Api<T>::geqrf_bufferSize(this->Handle, F.Rows, F.Cols,
                                       F.template as<T>(), F.Ld, &Lwork),
              CUSOLVER_STATUS_SUCCESS);
    std::vector<E> Work(Lwork);
    Tau.assign(std::min(F.Rows, F.Cols), E(0));
    ASSERT_EQ(Api<T>::geqrf(this->Handle, F.Rows, F.Cols, F.template as<T>(),
                            F.Ld, reinterpret_cast<T *>(Tau.data()),
                            reinterpret_cast<T *>(Work.data()), Lwork,
                            &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync(); // Work is freed on return.
  }

  /// The first Cols columns of Q, from the reflectors in F.
  Matrix<E> formQ(const Matrix<E> &F, const std::vector<E> &Tau, int Cols) {
    Matrix<E> Q(F.Rows, Cols, F.Ld);
    for (int C = 0; C < std::min(F.Cols, Cols); ++C)
      for (int R = 0; R < F.Rows; ++R)
        Q(R, C) = F(R, C);
    int K = std::min<int>(Tau.size(), Cols), Lwork = 0;
    EXPECT_EQ(Api<T>::orgqr_bufferSize(
                  this->Handle, Q.Rows, Cols, K, Q.template as<T>(), Q.Ld,
                  reinterpret_cast<const T *>(Tau.data()), &Lwork),
              CUSOLVER_STATUS_SUCCESS);
    std::vector<E> Work(Lwork);
    EXPECT_EQ(Api<T>::orgqr(this->Handle, Q.Rows, Cols, K, Q.template as<T>(),
                            Q.Ld, reinterpret_cast<const T *>(Tau.data()),
                            reinterpret_cast<T *>(Work.data()), Lwork,
                            &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync();
    EXPECT_EQ(this->Info, 0);
    return Q;
  }
};
TYPED_TEST_SUITE(SolverQR, ElementTypes);
} // namespace

TYPED_TEST(SolverQR, QTimesRRebuildsTheMatrix) {
  using T = TypeParam;
  using E = Elem<T>;
  const int M = 57, N = 23;
  Matrix<E> A = randomMatrix<E>(M, N, 1, M + 2);
  Matrix<E> F = A;
  std::vector<E> Tau;
  this->factor(F, Tau);
  this->sync();
  EXPECT_EQ(this->Info, 0);
  Matrix<E> Q = this->formQ(F, Tau, N);
  Matrix<E> R(N, N);
  for (int C = 0; C < N; ++C)
    for (int Row = 0; Row <= C; ++Row)
      R(Row, C) = F(Row, C);
  EXPECT_LT(maxDifference(multiply(Q, 'N', R, 'N'), A, M, N),
            tolerance<T>(M) * 10);
  EXPECT_LT(maxDifference(multiply(Q, 'C', Q, 'N'), identity<E>(N), N, N),
            tolerance<T>(M) * 10);
}

TYPED_TEST(SolverQR, ApplyQFromEitherSide) {
  using T = TypeParam;
  using E = Elem<T>;
  const int M = 40, K = 15;
  Matrix<E> A = randomMatrix<E>(M, K, 2);
  Matrix<E> F = A;
  std::vector<E> Tau;
  this->factor(F, Tau);
  Matrix<E> Q = this->formQ(F, Tau, M); // The full M x M Q.
  bool Complex = !std::is_floating_point_v<E>;
  cublasOperation_t Adjoint = Complex ? CUBLAS_OP_C : CUBLAS_OP_T;
  for (cublasSideMode_t Side : {CUBLAS_SIDE_LEFT, CUBLAS_SIDE_RIGHT})
    for (cublasOperation_t Op : {CUBLAS_OP_N, Adjoint}) {
      bool Left = Side == CUBLAS_SIDE_LEFT;
      int Rows = Left ? M : 9, Cols = Left ? 7 : M;
      Matrix<E> C = randomMatrix<E>(Rows, Cols, 3, Rows + 1);
      Matrix<E> Out = C;
      int Lwork = 0;
      ASSERT_EQ(Api<T>::ormqr_bufferSize(
                    this->Handle, Side, Op, Rows, Cols, K, F.template as<T>(),
                    F.Ld, reinterpret_cast<const T *>(Tau.data()),
                    Out.template as<T>(), Out.Ld, &Lwork),
                CUSOLVER_STATUS_SUCCESS);
      std::vector<E> Work(Lwork);
      ASSERT_EQ(Api<T>::ormqr(
                    this->Handle, Side, Op, Rows, Cols, K, F.template as<T>(),
                    F.Ld, reinterpret_cast<const T *>(Tau.data()),
                    Out.template as<T>(), Out.Ld,
                    reinterpret_cast<T *>(Work.data()), Lwork, &this->Info),
                CUSOLVER_STATUS_SUCCESS);
      this->sync();
      EXPECT_EQ(this->Info, 0);
      char OpChar = Op == CUBLAS_OP_N ? 'N' : 'C';
      Matrix<E> Expected =
          Left ? multiply(Q, OpChar, C, 'N') : multiply(C, 'N', Q, OpChar);
      EXPECT_LT(maxDifference(Out, Expected, Rows, Cols), tolerance<T>(M) * 10)
          << "side " << Side << " op " << Op;
    }
}

/// min ||A x - b|| by x = R^-1 (Q^H b), checked by A^H (A x - b) = 0.
TYPED_TEST(SolverQR, LeastSquaresMeetsNormalEquations) {
  using T = TypeParam;
  using E = Elem<T>;
  const int M = 30, N = 8;
  Matrix<E> A = randomMatrix<E>(M, N, 4);
  Matrix<E> F = A;
  Matrix<E> B = randomMatrix<E>(M, 1, 5);
  Matrix<E> X = B;
  std::vector<E> Tau;
  this->factor(F, Tau);
  cublasOperation_t Adjoint =
      std::is_floating_point_v<E> ? CUBLAS_OP_T : CUBLAS_OP_C;
  int Lwork = 0;
  ASSERT_EQ(Api<T>::ormqr_bufferSize(this->Handle, CUBLAS_SIDE_LEFT, Adjoint, M,
                                     1, N, F.template as<T>(), F.Ld,
                                     reinterpret_cast<const T *>(Tau.data()),
                                     X.template as<T>(), X.Ld, &Lwork),
            CUSOLVER_STATUS_SUCCESS);
  std::vector<E> Work(Lwork);
  ASSERT_EQ(Api<T>::ormqr(
                this->Handle, CUBLAS_SIDE_LEFT, Adjoint, M, 1, N,
                F.template as<T>(), F.Ld,
                reinterpret_cast<const T *>(Tau.data()), X.template as<T>(),
                X.Ld, reinterpret_cast<T *>(Work.data()), Lwork, &this->Info),
            CUSOLVER_STATUS_SUCCESS);
  this->sync();
  for (int Row = N - 1; Row >= 0; --Row) { // Back substitution with R.
    E Sum = X(Row, 0);
    for (int C = Row + 1; C < N; ++C)
      Sum -= F(Row, C) * X(C, 0);
    X(Row, 0) = Sum / F(Row, Row);
  }
  X.Rows = N;
  Matrix<E> Residual = multiply(A, 'N', X, 'N');
  for (int Row = 0; Row < M; ++Row)
    Residual(Row, 0) -= B(Row, 0);
  Matrix<E> Normal = multiply(A, 'C', Residual, 'N');
  EXPECT_LT(maxDifference(Normal, Matrix<E>(N, 1), N, 1), tolerance<T>(M) * 10);
}

TYPED_TEST(SolverQR, BadArgumentsAreRefused) {
  using T = TypeParam;
  using E = Elem<T>;
  Matrix<E> A = randomMatrix<E>(6, 4, 6);
  T *P = A.template as<T>();
  std::vector<E> TauStore(6), WorkStore(4096);
  T *Tau = reinterpret_cast<T *>(TauStore.data());
  T *Work = reinterpret_cast<T *>(WorkStore.data());
  int Lwork = 0;
  auto Expect = [&](cusolverStatus_t Status, int Expected) {
    EXPECT_EQ(Status, CUSOLVER_STATUS_INVALID_VALUE);
    this->sync();
    EXPECT_EQ(this->Info, Expected);
    this->Info = 12345;
  };
  Expect(Api<T>::geqrf(this->Handle, -1, 4, P, 6, Tau, Work, 4096, &this->Info),
         -1);
  Expect(Api<T>::geqrf(this->Handle, 6, 4, P, 5, Tau, Work, 4096, &this->Info),
         -4);
  Expect(Api<T>::geqrf(this->Handle, 6, 4, P, 6, Tau, Work, 0, &this->Info),
         -7);
  Expect(
      Api<T>::geqrf(this->Handle, 6, 4, P, 6, Tau, nullptr, 4096, &this->Info),
      -6);
  // orgqr needs M >= N >= K.
  Expect(
      Api<T>::orgqr(this->Handle, 4, 6, 2, P, 6, Tau, Work, 4096, &this->Info),
      -2);
  Expect(
      Api<T>::orgqr(this->Handle, 6, 4, 5, P, 6, Tau, Work, 4096, &this->Info),
      -3);
  Expect(Api<T>::orgqr(this->Handle, 6, 4, 4, P, 6, Tau, Work, 0, &this->Info),
         -8);
  Expect(Api<T>::ormqr(this->Handle, static_cast<cublasSideMode_t>(2),
                       CUBLAS_OP_N, 6, 2, 4, P, 6, Tau, P, 6, Work, 4096,
                       &this->Info),
         -1);
  // K larger than the order of Q.
  Expect(Api<T>::ormqr(this->Handle, CUBLAS_SIDE_RIGHT, CUBLAS_OP_N, 6, 2, 4, P,
                       6, Tau, P, 6, Work, 4096, &this->Info),
         -5);
  Expect(Api<T>::ormqr(this->Handle, CUBLAS_SIDE_LEFT, CUBLAS_OP_N, 6, 2, 4, P,
                       6, Tau, P, 5, Work, 4096, &this->Info),
         -10);
  Expect(Api<T>::ormqr(this->Handle, CUBLAS_SIDE_LEFT, CUBLAS_OP_N, 6, 2, 4, P,
                       6, Tau, P, 6, Work, 0, &this->Info),
         -12);
  // Complex Q^T is not a product LAPACK's unmqr (nor cuSOLVER's) forms.
  if (!std::is_floating_point_v<E>)
    Expect(Api<T>::ormqr(this->Handle, CUBLAS_SIDE_LEFT, CUBLAS_OP_T, 6, 2, 4,
                         P, 6, Tau, P, 6, Work, 4096, &this->Info),
           -2);
  EXPECT_EQ(Api<T>::geqrf_bufferSize(this->Handle, 6, 4, P, 2, &Lwork),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::orgqr_bufferSize(this->Handle, 4, 6, 2, P, 6, Tau, &Lwork),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::ormqr_bufferSize(this->Handle, CUBLAS_SIDE_LEFT,
                                     CUBLAS_OP_CONJG, 6, 2, 4, P, 6, Tau, P, 6,
                                     &Lwork),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::geqrf_bufferSize(nullptr, 6, 4, P, 6, &Lwork),
            CUSOLVER_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(Api<T>::geqrf(this->Handle, 6, 4, P, 6, Tau, Work, 4096, nullptr),
            CUSOLVER_STATUS_INVALID_VALUE);
}
