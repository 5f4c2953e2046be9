//===- solver/SolverTestUtil.h - Shared pieces of the cuSOLVER tests -*- C++
//-*-===//
//
// Part of Tongxin. Per-type access to the S/D/C/Z entry points (Api<T>),
// matrices in column-major host memory (the CPU device addresses it), host
// reference arithmetic, and a fixture owning a handle and a stream.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_LIBS_SOLVER_SOLVERTESTUTIL_H
#define TONGXIN_TESTS_LIBS_SOLVER_SOLVERTESTUTIL_H

#include "cuda_runtime.h"
#include "cusolverDn.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <random>
#include <vector>

namespace solvertest {

template <typename T> struct Api;

template <> struct Api<float> {
  using Element = float;
  using Real = float;
  static constexpr auto potrf_bufferSize = cusolverDnSpotrf_bufferSize;
  static constexpr auto potrf = cusolverDnSpotrf;
  static constexpr auto potrs = cusolverDnSpotrs;
  static constexpr auto potri_bufferSize = cusolverDnSpotri_bufferSize;
  static constexpr auto potri = cusolverDnSpotri;
  static constexpr auto getrf_bufferSize = cusolverDnSgetrf_bufferSize;
  static constexpr auto getrf = cusolverDnSgetrf;
  static constexpr auto getrs = cusolverDnSgetrs;
  static constexpr auto geqrf_bufferSize = cusolverDnSgeqrf_bufferSize;
  static constexpr auto geqrf = cusolverDnSgeqrf;
  static constexpr auto orgqr_bufferSize = cusolverDnSorgqr_bufferSize;
  static constexpr auto orgqr = cusolverDnSorgqr;
  static constexpr auto ormqr_bufferSize = cusolverDnSormqr_bufferSize;
  static constexpr auto ormqr = cusolverDnSormqr;
  static constexpr auto gesvd_bufferSize = cusolverDnSgesvd_bufferSize;
  static constexpr auto gesvd = cusolverDnSgesvd;
  static constexpr auto syevd_bufferSize = cusolverDnSsyevd_bufferSize;
  static constexpr auto syevd = cusolverDnSsyevd;
};

template <> struct Api<double> {
  using Element = double;
  using Real = double;
  static constexpr auto potrf_bufferSize = cusolverDnDpotrf_bufferSize;
  static constexpr auto potrf = cusolverDnDpotrf;
  static constexpr auto potrs = cusolverDnDpotrs;
  static constexpr auto potri_bufferSize = cusolverDnDpotri_bufferSize;
  static constexpr auto potri = cusolverDnDpotri;
  static constexpr auto getrf_bufferSize = cusolverDnDgetrf_bufferSize;
  static constexpr auto getrf = cusolverDnDgetrf;
  static constexpr auto getrs = cusolverDnDgetrs;
  static constexpr auto geqrf_bufferSize = cusolverDnDgeqrf_bufferSize;
  static constexpr auto geqrf = cusolverDnDgeqrf;
  static constexpr auto orgqr_bufferSize = cusolverDnDorgqr_bufferSize;
  static constexpr auto orgqr = cusolverDnDorgqr;
  static constexpr auto ormqr_bufferSize = cusolverDnDormqr_bufferSize;
  static constexpr auto ormqr = cusolverDnDormqr;
  static constexpr auto gesvd_bufferSize = cusolverDnDgesvd_bufferSize;
  static constexpr auto gesvd = cusolverDnDgesvd;
  static constexpr auto syevd_bufferSize = cusolverDnDsyevd_bufferSize;
  static constexpr auto syevd = cusolverDnDsyevd;
};

template <> struct Api<cuComplex> {
  using Element = std::complex<float>;
  using Real = float;
  static constexpr auto potrf_bufferSize = cusolverDnCpotrf_bufferSize;
  static constexpr auto potrf = cusolverDnCpotrf;
  static constexpr auto potrs = cusolverDnCpotrs;
  static constexpr auto potri_bufferSize = cusolverDnCpotri_bufferSize;
  static constexpr auto potri = cusolverDnCpotri;
  static constexpr auto getrf_bufferSize = cusolverDnCgetrf_bufferSize;
  static constexpr auto getrf = cusolverDnCgetrf;
  static constexpr auto getrs = cusolverDnCgetrs;
  static constexpr auto geqrf_bufferSize = cusolverDnCgeqrf_bufferSize;
  static constexpr auto geqrf = cusolverDnCgeqrf;
  static constexpr auto orgqr_bufferSize = cusolverDnCungqr_bufferSize;
  static constexpr auto orgqr = cusolverDnCungqr;
  static constexpr auto ormqr_bufferSize = cusolverDnCunmqr_bufferSize;
  static constexpr auto ormqr = cusolverDnCunmqr;
  static constexpr auto gesvd_bufferSize = cusolverDnCgesvd_bufferSize;
  static constexpr auto gesvd = cusolverDnCgesvd;
  static constexpr auto syevd_bufferSize = cusolverDnCheevd_bufferSize;
  static constexpr auto syevd = cusolverDnCheevd;
};

template <> struct Api<cuDoubleComplex> {
  using Element = std::complex<double>;
  using Real = double;
  static constexpr auto potrf_bufferSize = cusolverDnZpotrf_bufferSize;
  static constexpr auto potrf = cusolverDnZpotrf;
  static constexpr auto potrs = cusolverDnZpotrs;
  static constexpr auto potri_bufferSize = cusolverDnZpotri_bufferSize;
  static constexpr auto potri = cusolverDnZpotri;
  static constexpr auto getrf_bufferSize = cusolverDnZgetrf_bufferSize;
  static constexpr auto getrf = cusolverDnZgetrf;
  static constexpr auto getrs = cusolverDnZgetrs;
  static constexpr auto geqrf_bufferSize = cusolverDnZgeqrf_bufferSize;
  static constexpr auto geqrf = cusolverDnZgeqrf;
  static constexpr auto orgqr_bufferSize = cusolverDnZungqr_bufferSize;
  static constexpr auto orgqr = cusolverDnZungqr;
  static constexpr auto ormqr_bufferSize = cusolverDnZunmqr_bufferSize;
  static constexpr auto ormqr = cusolverDnZunmqr;
  static constexpr auto gesvd_bufferSize = cusolverDnZgesvd_bufferSize;
  static constexpr auto gesvd = cusolverDnZgesvd;
  static constexpr auto syevd_bufferSize = cusolverDnZheevd_bufferSize;
  static constexpr auto syevd = cusolverDnZheevd;
};
template <typename T> using Elem = typename Api<T>::Element;
template <typename T> using RealOf = typename Api<T>::Real;

inline float conjugate(float X) { return X; }
inline double conjugate(double X) { return X; }
template <typename R> std::complex<R> conjugate(std::complex<R> X) {
  return std::conj(X);
}

/// A column-major matrix of the test's element type.
template <typename E> struct Matrix {
  int Rows = 0, Cols = 0, Ld = 0;
  std::vector<E> Data;
  Matrix(int Rows, int Cols, int Ld = 0)
      : Rows(Rows), Cols(Cols), Ld(Ld ? Ld : std::max(1, Rows)),
        Data(size_t(this->Ld) * std::max(1, Cols)) {}
  E &operator()(int R, int C) { return Data[R + size_t(C) * Ld]; }
  E operator()(int R, int C) const { return Data[R + size_t(C) * Ld]; }
  template <typename T> T *as() { return reinterpret_cast<T *>(Data.data()); }
};

template <typename E> E randomValue(std::mt19937 &Gen) {
  std::uniform_real_distribution<double> D(-1, 1);
  if constexpr (std::is_floating_point_v<E>)
    return E(D(Gen));
  else
    return E(typename E::value_type(D(Gen)), typename E::value_type(D(Gen)));
}

template <typename E>
Matrix<E> randomMatrix(int Rows, int Cols, unsigned Seed, int Ld = 0) {
  std::mt19937 Gen(Seed);
  Matrix<E> M(Rows, Cols, Ld);
  for (int C = 0; C < Cols; ++C)
    for (int R = 0; R < Rows; ++R)
      M(R, C) = randomValue<E>(Gen);
  return M;
}

/// op(A) * op(B) on the host, op = 'N', 'T' or 'C'.
template <typename E>
Matrix<E> multiply(const Matrix<E> &A, char OpA, const Matrix<E> &B, char OpB) {
  auto Get = [](const Matrix<E> &M, char Op, int R, int C) {
    if (Op == 'N')
      return M(R, C);
    return Op == 'T' ? M(C, R) : conjugate(M(C, R));
  };
  int Rows = OpA == 'N' ? A.Rows : A.Cols;
  int Inner = OpA == 'N' ? A.Cols : A.Rows;
  int Cols = OpB == 'N' ? B.Cols : B.Rows;
  Matrix<E> Out(Rows, Cols);
  for (int C = 0; C < Cols; ++C)
    for (int R = 0; R < Rows; ++R) {
      E Sum = E(0);
      for (int K = 0; K < Inner; ++K)
        Sum += Get(A, OpA, R, K) * Get(B, OpB, K, C);
      Out(R, C) = Sum;
    }
  return Out;
}

/// A Hermitian positive definite matrix: B * B^H + N * I.
template <typename E> Matrix<E> positiveDefinite(int N, unsigned Seed) {
  Matrix<E> B = randomMatrix<E>(N, N, Seed);
  Matrix<E> A = multiply(B, 'N', B, 'C');
  for (int I = 0; I < N; ++I)
    A(I, I) += E(N);
  return A;
}

/// A Hermitian matrix (not definite).
template <typename E> Matrix<E> hermitian(int N, unsigned Seed) {
  Matrix<E> A = randomMatrix<E>(N, N, Seed);
  for (int C = 0; C < N; ++C) {
    A(C, C) = E(std::real(A(C, C)));
    for (int R = C + 1; R < N; ++R)
      A(C, R) = conjugate(A(R, C));
  }
  return A;
}

/// Largest |A(r,c) - B(r,c)| over the Rows x Cols leading block.
template <typename E>
double maxDifference(const Matrix<E> &A, const Matrix<E> &B, int Rows,
                     int Cols) {
  double Max = 0;
  for (int C = 0; C < Cols; ++C)
    for (int R = 0; R < Rows; ++R)
      Max = std::max(Max, double(std::abs(A(R, C) - B(R, C))));
  return Max;
}

template <typename E> Matrix<E> identity(int N) {
  Matrix<E> I(N, N);
  for (int K = 0; K < N; ++K)
    I(K, K) = E(1);
  return I;
}

/// Tolerance for results of an N-sized problem in T's precision.
template <typename T> double tolerance(int N) {
  using R = RealOf<T>;
  return std::is_same_v<R, float> ? 2e-4 * N : 1e-11 * N;
}

/// A handle on its own stream; every test checks its own results after
/// synchronising that stream.
class SolverTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cusolverDnCreate(&Handle), CUSOLVER_STATUS_SUCCESS);
    ASSERT_EQ(cudaStreamCreate(&Stream), cudaSuccess);
    ASSERT_EQ(cusolverDnSetStream(Handle, Stream), CUSOLVER_STATUS_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(cudaStreamSynchronize(Stream), cudaSuccess);
    EXPECT_EQ(cusolverDnDestroy(Handle), CUSOLVER_STATUS_SUCCESS);
    EXPECT_EQ(cudaStreamDestroy(Stream), cudaSuccess);
  }
  void sync() { ASSERT_EQ(cudaStreamSynchronize(Stream), cudaSuccess); }

  cusolverDnHandle_t Handle = nullptr;
  cudaStream_t Stream = nullptr;
  int Info = 12345;
};

using ElementTypes =
    ::testing::Types<float, double, cuComplex, cuDoubleComplex>;

} // namespace solvertest

#endif // TONGXIN_TESTS_LIBS_SOLVER_SOLVERTESTUTIL_H
