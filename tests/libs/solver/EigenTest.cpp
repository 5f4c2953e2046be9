//===- solver/SolverEigen.cpp - syevd, heevd
//--------------------------------===//
//
// Part of Tongxin. A V = V diag(W) with orthonormal V and ascending W, from
// either triangle; eigenvalues alone match; every argument error.
//
//===----------------------------------------------------------------------===//

#include "SolverTestUtil.h"

using namespace solvertest;

namespace {
template <typename T> class SolverEigen : public SolverTest {};
TYPED_TEST_SUITE(SolverEigen, ElementTypes);
} // namespace

TYPED_TEST(SolverEigen, VectorsDiagonaliseTheMatrix) {
  using T = TypeParam;
  using E = Elem<T>;
  using R = RealOf<T>;
  const int N = 40;
  Matrix<E> A = hermitian<E>(N, 1);
  std::vector<R> Values(N);
  {
    Matrix<E> F = A;
    int Lwork = 0;
    ASSERT_EQ(Api<T>::syevd_bufferSize(this->Handle, CUSOLVER_EIG_MODE_NOVECTOR,
                                       CUBLAS_FILL_MODE_LOWER, N,
                                       F.template as<T>(), F.Ld, Values.data(),
                                       &Lwork),
              CUSOLVER_STATUS_SUCCESS);
    std::vector<E> Work(Lwork);
    ASSERT_EQ(Api<T>::syevd(this->Handle, CUSOLVER_EIG_MODE_NOVECTOR,
                            CUBLAS_FILL_MODE_LOWER, N, F.template as<T>(), F.Ld,
                            Values.data(), reinterpret_cast<T *>(Work.data()),
                            Lwork, &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync();
    ASSERT_EQ(this->Info, 0);
  }
  for (cublasFillMode_t Fill :
       {CUBLAS_FILL_MODE_LOWER, CUBLAS_FILL_MODE_UPPER}) {
    Matrix<E> V = A;
    std::vector<R> W(N);
    int Lwork = 0;
    ASSERT_EQ(Api<T>::syevd_bufferSize(this->Handle, CUSOLVER_EIG_MODE_VECTOR,
                                       Fill, N, V.template as<T>(), V.Ld,
                                       W.data(), &Lwork),
              CUSOLVER_STATUS_SUCCESS);
    std::vector<E> Work(Lwork);
    ASSERT_EQ(Api<T>::syevd(this->Handle, CUSOLVER_EIG_MODE_VECTOR, Fill, N,
                            V.template as<T>(), V.Ld, W.data(),
                            reinterpret_cast<T *>(Work.data()), Lwork,
                            &this->Info),
              CUSOLVER_STATUS_SUCCESS);
    this->sync();
    ASSERT_EQ(this->Info, 0);
    Matrix<E> VW = V;
    for (int C = 0; C < N; ++C) {
      EXPECT_NEAR(W[C], Values[C], tolerance<T>(N) * 10);
      if (C)
        EXPECT_LE(W[C - 1], W[C]);
      for (int Row = 0; Row < N; ++Row)
        VW(Row, C) *= E(W[C]);
    }
    EXPECT_LT(maxDifference(multiply(A, 'N', V, 'N'), VW, N, N),
              tolerance<T>(N) * 10);
    EXPECT_LT(maxDifference(multiply(V, 'C', V, 'N'), identity<E>(N), N, N),
              tolerance<T>(N) * 10);
  }
}

TYPED_TEST(SolverEigen, BadArgumentsAreRefused) {
  using T = TypeParam;
  using E = Elem<T>;
  using R = RealOf<T>;
  Matrix<E> A = hermitian<E>(5, 2);
  T *P = A.template as<T>();
  std::vector<R> W(5);
  std::vector<E> WorkStore(4096);
  T *Work = reinterpret_cast<T *>(WorkStore.data());
  auto V = CUSOLVER_EIG_MODE_VECTOR;
  auto Fill = CUBLAS_FILL_MODE_LOWER;
  int Lwork = 0;
  auto Expect = [&](cusolverStatus_t Status, int Expected) {
    EXPECT_EQ(Status, CUSOLVER_STATUS_INVALID_VALUE);
    this->sync();
    EXPECT_EQ(this->Info, Expected);
    this->Info = 12345;
  };
  Expect(Api<T>::syevd(this->Handle, static_cast<cusolverEigMode_t>(2), Fill, 5,
                       P, 5, W.data(), Work, 4096, &this->Info),
         -1);
  Expect(Api<T>::syevd(this->Handle, V, CUBLAS_FILL_MODE_FULL, 5, P, 5,
                       W.data(), Work, 4096, &this->Info),
         -2);
  Expect(Api<T>::syevd(this->Handle, V, Fill, -1, P, 5, W.data(), Work, 4096,
                       &this->Info),
         -3);
  Expect(Api<T>::syevd(this->Handle, V, Fill, 5, P, 4, W.data(), Work, 4096,
                       &this->Info),
         -5);
  Expect(Api<T>::syevd(this->Handle, V, Fill, 5, P, 5, nullptr, Work, 4096,
                       &this->Info),
         -6);
  Expect(Api<T>::syevd(this->Handle, V, Fill, 5, P, 5, W.data(), Work, 2,
                       &this->Info),
         -8);
  EXPECT_EQ(Api<T>::syevd_bufferSize(this->Handle, V, Fill, 5, P, 2, W.data(),
                                     &Lwork),
            CUSOLVER_STATUS_INVALID_VALUE);
  EXPECT_EQ(
      Api<T>::syevd_bufferSize(nullptr, V, Fill, 5, P, 5, W.data(), &Lwork),
      CUSOLVER_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(Api<T>::syevd(this->Handle, V, Fill, 5, P, 5, W.data(), Work, 4096,
                          nullptr),
            CUSOLVER_STATUS_INVALID_VALUE);
}
