//===- solver/SolverSVD.cpp - gesvd
//-----------------------------------------===//
//
// Part of Tongxin. U * Sigma * V^H rebuilds A for every pair of jobs that
// computes both, singular values descend and match those computed without
// vectors, U and V are orthonormal; M < N and every argument error are
// refused.
//
//===----------------------------------------------------------------------===//

#include "SolverTestUtil.h"

using namespace solvertest;

namespace {
template <typename T> class SolverSVD : public SolverTest {};
TYPED_TEST_SUITE(SolverSVD, ElementTypes);
} // namespace

TYPED_TEST(SolverSVD, FactorsRebuildTheMatrix) {
  using T = TypeParam;
  using E = Elem<T>;
  using R = RealOf<T>;
  const int M = 31, N = 17;
  Matrix<E> A = randomMatrix<E>(M, N, 1, M + 1);
  int Lwork = 0;
  ASSERT_EQ(Api<T>::gesvd_bufferSize(this->Handle, M, N, &Lwork),
            CUSOLVER_STATUS_SUCCESS);
  std::vector<E> Work(Lwork);
  std::vector<R> Reference(N);
  {
    Matrix<E> F = A;
    ASSERT_EQ(Api<T>::gesvd(this->Handle, 'N', 'N', M, N, F.template as<T>(),
                            F.Ld, Reference.data(), nullptr, 1, nullptr, 1,
                            reinterpret_cast<T *>(Work.data()), Lwork, nullptr,
                            &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync();
    ASSERT_EQ(this->Info, 0);
  }
  for (signed char Job : {'A', 'S'}) {
    Matrix<E> F = A;
    int UCols = Job == 'A' ? M : N;
    Matrix<E> U(M, UCols), VT(N, N);
    std::vector<R> S(N);
    std::vector<R> RWork(N);
    ASSERT_EQ(Api<T>::gesvd(this->Handle, Job, Job, M, N, F.template as<T>(),
                            F.Ld, S.data(), U.template as<T>(), U.Ld,
                            VT.template as<T>(), VT.Ld,
                            reinterpret_cast<T *>(Work.data()), Lwork,
                            RWork.data(), &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync();
    ASSERT_EQ(this->Info, 0);
    for (int K = 0; K < N; ++K) {
      EXPECT_NEAR(S[K], Reference[K], tolerance<T>(M) * 10);
      if (K)
        EXPECT_LE(S[K], S[K - 1]);
    }
    Matrix<E> USigma(M, N);
    for (int C = 0; C < N; ++C)
      for (int Row = 0; Row < M; ++Row)
        USigma(Row, C) = U(Row, C) * E(S[C]);
    EXPECT_LT(maxDifference(multiply(USigma, 'N', VT, 'N'), A, M, N),
              tolerance<T>(M) * 10);
    EXPECT_LT(maxDifference(multiply(U, 'C', U, 'N'), identity<E>(UCols), UCols,
                            UCols),
              tolerance<T>(M) * 10);
    EXPECT_LT(maxDifference(multiply(VT, 'N', VT, 'C'), identity<E>(N), N, N),
              tolerance<T>(M) * 10);
  }
}

/// jobu = 'O' leaves U's first N columns in A.
TYPED_TEST(SolverSVD, OverwriteLeavesVectorsInA) {
  using T = TypeParam;
  using E = Elem<T>;
  using R = RealOf<T>;
  const int M = 12, N = 12;
  Matrix<E> A = randomMatrix<E>(M, N, 2);
  Matrix<E> F = A, VT(N, N);
  std::vector<R> S(N);
  int Lwork = 0;
  ASSERT_EQ(Api<T>::gesvd_bufferSize(this->Handle, M, N, &Lwork),
            CUSOLVER_STATUS_SUCCESS);
  std::vector<E> Work(Lwork);
  ASSERT_EQ(Api<T>::gesvd(this->Handle, 'O', 'A', M, N, F.template as<T>(),
                          F.Ld, S.data(), nullptr, 1, VT.template as<T>(),
                          VT.Ld, reinterpret_cast<T *>(Work.data()), Lwork,
                          nullptr, &this->Info),
            CUSOLVER_STATUS_SUCCESS);
  this->sync();
  ASSERT_EQ(this->Info, 0);
  for (int C = 0; C < N; ++C)
    for (int Row = 0; Row < M; ++Row)
      F(Row, C) *= E(S[C]);
  EXPECT_LT(maxDifference(multiply(F, 'N', VT, 'N'), A, M, N),
            tolerance<T>(M) * 10);
}

TYPED_TEST(SolverSVD, BadArgumentsAreRefused) {
  using T = TypeParam;
  using E = Elem<T>;
  using R = RealOf<T>;
  Matrix<E> A = randomMatrix<E>(6, 4, 3);
  T *P = A.template as<T>();
  std::vector<E> UStore(36), WorkStore(4096);
  std::vector<R> S(6);
  T *U = reinterpret_cast<T *>(UStore.data());
  T *Work = reinterpret_cast<T *>(WorkStore.data());
  int Lwork = 0;
  auto Expect = [&](cusolverStatus_t Status, int Expected) {
    EXPECT_EQ(Status, CUSOLVER_STATUS_INVALID_VALUE);
    this->sync();
    EXPECT_EQ(this->Info, Expected);
    this->Info = 12345;
  };
  auto Call = [&](signed char JobU, signed char JobVT, int M, int N, int Lda,
                  int Ldu, int Ldvt, int Lw) {
    return Api<T>::gesvd(this->Handle, JobU, JobVT, M, N, P, Lda, S.data(), U,
                         Ldu, U, Ldvt, Work, Lw, nullptr, &this->Info);
  };
  Expect(Call('X', 'N', 6, 4, 6, 6, 4, 4096), -1);
  Expect(Call('N', 'X', 6, 4, 6, 6, 4, 4096), -2);
  Expect(Call('O', 'O', 6, 4, 6, 6, 4, 4096), -2);
  Expect(Call('N', 'N', -1, 4, 6, 6, 4, 4096), -3);
  Expect(Call('N', 'N', 4, 6, 6, 6, 6, 4096), -4); // M < N.
  Expect(Call('N', 'N', 6, 4, 5, 6, 4, 4096), -6);
  Expect(Call('A', 'N', 6, 4, 6, 5, 4, 4096), -9);
  Expect(Call('N', 'A', 6, 4, 6, 6, 3, 4096), -11);
  Expect(Call('A', 'A', 6, 4, 6, 6, 4, 1), -13);
  EXPECT_EQ(Api<T>::gesvd_bufferSize(this->Handle, 4, 6, &Lwork),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::gesvd_bufferSize(this->Handle, 6, 4, nullptr),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(Api<T>::gesvd_bufferSize(nullptr, 6, 4, &Lwork),
            CUSOLVER_STATUS_NOT_INITIALIZED);
}
