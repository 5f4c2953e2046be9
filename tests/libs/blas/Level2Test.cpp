//===- Level2Test.cpp - cuBLAS Level-2 routines ---------------------------===//
//
// Part of Tongxin. gemv, ger, symv/hemv, syr/her, syr2/her2, trmv and trsv
// against host references, real and complex, with strides and both
// triangles, and their argument errors.
//
//===----------------------------------------------------------------------===//

#include "BlasTestSupport.h"

using namespace txtest;

namespace {

class Level2 : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cublasCreate(&Handle), CUBLAS_STATUS_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(cublasDestroy(Handle), CUBLAS_STATUS_SUCCESS);
  }
  cublasHandle_t Handle = nullptr;
};

std::vector<double> realValues(uint64_t Seed, size_t N) {
  std::vector<double> V(N);
  for (size_t I = 0; I < N; ++I)
    V[I] = testValue(Seed, I);
  return V;
}

TEST_F(Level2, GemvBothOrientationsLargeEnoughToSplit) {
  const int M = 700, N = 300, Lda = 703;
  auto A = realValues(1, size_t(Lda) * N);
  for (cublasOperation_t Op : {CUBLAS_OP_N, CUBLAS_OP_T}) {
    int LenX = Op == CUBLAS_OP_N ? N : M, LenY = Op == CUBLAS_OP_N ? M : N;
    auto X = realValues(2, size_t(LenX) * 2), Y = realValues(3, size_t(LenY));
    DeviceBuffer<double> DA(A), DX(X), DY(Y);
    double Alpha = 1.5, Beta = -2;
    ASSERT_EQ(cublasDgemv(Handle, Op, M, N, &Alpha, DA.get(), Lda, DX.get(), 2,
                          &Beta, DY.get(), 1),
              CUBLAS_STATUS_SUCCESS);
    auto Got = DY.download();
    for (int I = 0; I < LenY; ++I) {
      double Sum = 0;
      for (int J = 0; J < LenX; ++J)
        Sum += (Op == CUBLAS_OP_N ? A[size_t(I + J * Lda)]
                                  : A[size_t(J + I * Lda)]) *
               X[size_t(2 * J)];
      ASSERT_EQ(Got[size_t(I)], Alpha * Sum + Beta * Y[size_t(I)]) << I;
    }
  }
}

TEST_F(Level2, ComplexGemvConjugateTranspose) {
  const int M = 3, N = 2;
  std::vector<cuComplex> A(M * N), X(M), Y(N, make_cuComplex(0, 0));
  for (int I = 0; I < M * N; ++I)
    A[size_t(I)] = make_cuComplex(float(I), float(1 - I));
  for (int I = 0; I < M; ++I)
    X[size_t(I)] = make_cuComplex(1, float(I));
  DeviceBuffer<cuComplex> DA(A), DX(X), DY(Y);
  cuComplex One = make_cuComplex(1, 0), Zero = make_cuComplex(0, 0);
  ASSERT_EQ(cublasCgemv(Handle, CUBLAS_OP_C, M, N, &One, DA.get(), M, DX.get(),
                        1, &Zero, DY.get(), 1),
            CUBLAS_STATUS_SUCCESS);
  auto Got = DY.download();
  for (int J = 0; J < N; ++J) {
    cd Sum = 0;
    for (int I = 0; I < M; ++I)
      Sum += std::conj(cd(A[size_t(I + J * M)].x, A[size_t(I + J * M)].y)) *
             cd(X[size_t(I)].x, X[size_t(I)].y);
    EXPECT_EQ(cd(Got[size_t(J)].x, Got[size_t(J)].y), Sum);
  }
}

TEST_F(Level2, GerAndGerc) {
  const int M = 4, N = 3;
  std::vector<float> A(M * N, 1), X = {1, 2, 3, 4}, Y = {1, -1, 2};
  DeviceBuffer<float> DA(A), DX(X), DY(Y);
  float Two = 2;
  ASSERT_EQ(
      cublasSger(Handle, M, N, &Two, DX.get(), 1, DY.get(), 1, DA.get(), M),
      CUBLAS_STATUS_SUCCESS);
  auto Got = DA.download();
  for (int J = 0; J < N; ++J)
    for (int I = 0; I < M; ++I)
      EXPECT_EQ(Got[size_t(I + J * M)], 1 + 2 * X[size_t(I)] * Y[size_t(J)]);
  std::vector<cuDoubleComplex> ZA(1, make_cuDoubleComplex(0, 0)),
      ZX = {make_cuDoubleComplex(1, 1)}, ZY = {make_cuDoubleComplex(0, 1)};
  DeviceBuffer<cuDoubleComplex> DZA(ZA), DZX(ZX), DZY(ZY);
  cuDoubleComplex One = make_cuDoubleComplex(1, 0);
  ASSERT_EQ(
      cublasZgerc(Handle, 1, 1, &One, DZX.get(), 1, DZY.get(), 1, DZA.get(), 1),
      CUBLAS_STATUS_SUCCESS);
  // (1+i) * conj(i) = (1+i)(-i) = 1 - i
  EXPECT_EQ(DZA.download()[0].x, 1);
  EXPECT_EQ(DZA.download()[0].y, -1);
  ASSERT_EQ(
      cublasZgeru(Handle, 1, 1, &One, DZX.get(), 1, DZY.get(), 1, DZA.get(), 1),
      CUBLAS_STATUS_SUCCESS);
  // + (1+i) i = -1 + i  ->  0 + 0i
  EXPECT_EQ(DZA.download()[0].x, 0);
  EXPECT_EQ(DZA.download()[0].y, 0);
}

/// The full symmetric matrix whose Uplo triangle is stored in A.
std::vector<double> symmetricFrom(const std::vector<double> &A, int N,
                                  cublasFillMode_t Uplo) {
  std::vector<double> Full(size_t(N * N));
  for (int J = 0; J < N; ++J)
    for (int I = 0; I < N; ++I) {
      bool Stored = Uplo == CUBLAS_FILL_MODE_LOWER ? I >= J : I <= J;
      Full[size_t(I + J * N)] =
          Stored ? A[size_t(I + J * N)] : A[size_t(J + I * N)];
    }
  return Full;
}

TEST_F(Level2, SymvSyrSyr2EachTriangle) {
  const int N = 9;
  for (cublasFillMode_t Uplo :
       {CUBLAS_FILL_MODE_LOWER, CUBLAS_FILL_MODE_UPPER}) {
    auto A = realValues(4, N * N), X = realValues(5, N), Y = realValues(6, N);
    DeviceBuffer<double> DA(A), DX(X), DY(Y);
    double Alpha = 0.5, Beta = 2;
    ASSERT_EQ(cublasDsymv(Handle, Uplo, N, &Alpha, DA.get(), N, DX.get(), 1,
                          &Beta, DY.get(), 1),
              CUBLAS_STATUS_SUCCESS);
    auto Full = symmetricFrom(A, N, Uplo);
    auto Got = DY.download();
    for (int I = 0; I < N; ++I) {
      double Sum = 0;
      for (int J = 0; J < N; ++J)
        Sum += Full[size_t(I + J * N)] * X[size_t(J)];
      EXPECT_EQ(Got[size_t(I)], Alpha * Sum + Beta * Y[size_t(I)]);
    }
    ASSERT_EQ(cublasDsyr(Handle, Uplo, N, &Alpha, DX.get(), 1, DA.get(), N),
              CUBLAS_STATUS_SUCCESS);
    ASSERT_EQ(cublasDsyr2(Handle, Uplo, N, &Alpha, DX.get(), 1, DY.get(), 1,
                          DA.get(), N),
              CUBLAS_STATUS_SUCCESS);
    auto Updated = DA.download();
    for (int J = 0; J < N; ++J)
      for (int I = 0; I < N; ++I) {
        bool Stored = Uplo == CUBLAS_FILL_MODE_LOWER ? I >= J : I <= J;
        double Want = A[size_t(I + J * N)];
        if (Stored)
          Want += Alpha * X[size_t(I)] * X[size_t(J)] +
                  Alpha * (X[size_t(I)] * Got[size_t(J)] +
                           Got[size_t(I)] * X[size_t(J)]);
        EXPECT_DOUBLE_EQ(Updated[size_t(I + J * N)], Want) << I << "," << J;
      }
  }
}

TEST_F(Level2, HemvHerHer2) {
  // A 2x2 Hermitian matrix [[2, 1-i], [1+i, 3]] stored in the lower half.
  std::vector<cuComplex> A = {make_cuComplex(2, 0), make_cuComplex(1, 1),
                              make_cuComplex(99, 99), make_cuComplex(3, 0)};
  std::vector<cuComplex> X = {make_cuComplex(1, 0), make_cuComplex(0, 1)};
  std::vector<cuComplex> Y(2, make_cuComplex(0, 0));
  DeviceBuffer<cuComplex> DA(A), DX(X), DY(Y);
  cuComplex One = make_cuComplex(1, 0), Zero = make_cuComplex(0, 0);
  ASSERT_EQ(cublasChemv(Handle, CUBLAS_FILL_MODE_LOWER, 2, &One, DA.get(), 2,
                        DX.get(), 1, &Zero, DY.get(), 1),
            CUBLAS_STATUS_SUCCESS);
  auto Got = DY.download();
  // [2 + (1-i) i, (1+i) + 3i] = [3 + i, 1 + 4i]
  EXPECT_EQ(cd(Got[0].x, Got[0].y), cd(3, 1));
  EXPECT_EQ(cd(Got[1].x, Got[1].y), cd(1, 4));
  float Alpha = 1;
  ASSERT_EQ(cublasCher(Handle, CUBLAS_FILL_MODE_LOWER, 2, &Alpha, DX.get(), 1,
                       DA.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  auto Her = DA.download();
  // + x x^H = [[1, -i], [i, 1]] on the lower half.
  EXPECT_EQ(cd(Her[0].x, Her[0].y), cd(3, 0));
  EXPECT_EQ(cd(Her[1].x, Her[1].y), cd(1, 2));
  EXPECT_EQ(cd(Her[2].x, Her[2].y), cd(99, 99)); // Upper half untouched.
  EXPECT_EQ(cd(Her[3].x, Her[3].y), cd(4, 0));
  ASSERT_EQ(cublasCher2(Handle, CUBLAS_FILL_MODE_LOWER, 2, &One, DX.get(), 1,
                        DX.get(), 1, DA.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  auto Her2 = DA.download(); // + 2 x x^H
  EXPECT_EQ(cd(Her2[1].x, Her2[1].y), cd(1, 4));
}

TEST_F(Level2, TrmvAndTrsvInvertEachOther) {
  const int N = 12;
  std::vector<double> A(N * N);
  for (int J = 0; J < N; ++J)
    for (int I = 0; I < N; ++I)
      A[size_t(I + J * N)] =
          I == J ? 2 + I % 3 : testValue(7, size_t(I + J * N));
  auto X = realValues(8, N);
  for (cublasFillMode_t Uplo : {CUBLAS_FILL_MODE_LOWER, CUBLAS_FILL_MODE_UPPER})
    for (cublasOperation_t Op : {CUBLAS_OP_N, CUBLAS_OP_T, CUBLAS_OP_C})
      for (cublasDiagType_t Diag : {CUBLAS_DIAG_NON_UNIT, CUBLAS_DIAG_UNIT}) {
        DeviceBuffer<double> DA(A), DX(X);
        ASSERT_EQ(
            cublasDtrmv(Handle, Uplo, Op, Diag, N, DA.get(), N, DX.get(), 1),
            CUBLAS_STATUS_SUCCESS);
        auto Product = DX.download();
        // Reference op(A) x on the stored triangle.
        for (int I = 0; I < N; ++I) {
          double Sum = 0;
          for (int J = 0; J < N; ++J) {
            int R = Op == CUBLAS_OP_N ? I : J, C = Op == CUBLAS_OP_N ? J : I;
            bool In = Uplo == CUBLAS_FILL_MODE_LOWER ? R >= C : R <= C;
            if (!In)
              continue;
            double V =
                R == C && Diag == CUBLAS_DIAG_UNIT ? 1 : A[size_t(R + C * N)];
            Sum += V * X[size_t(J)];
          }
          ASSERT_NEAR(Product[size_t(I)], Sum, 1e-12);
        }
        ASSERT_EQ(
            cublasDtrsv(Handle, Uplo, Op, Diag, N, DA.get(), N, DX.get(), 1),
            CUBLAS_STATUS_SUCCESS);
        auto Back = DX.download();
        for (int I = 0; I < N; ++I)
          ASSERT_NEAR(Back[size_t(I)], X[size_t(I)], 1e-9);
      }
}

TEST_F(Level2, ArgumentErrors) {
  DeviceBuffer<float> D(64);
  float One = 1;
  EXPECT_EQ(cublasSgemv(nullptr, CUBLAS_OP_N, 2, 2, &One, D.get(), 2, D.get(),
                        1, &One, D.get(), 1),
            CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cublasSgemv(Handle, CUBLAS_OP_N, 4, 2, &One, D.get(), 3, D.get(), 1,
                        &One, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSgemv(Handle, CUBLAS_OP_N, 2, 2, &One, D.get(), 2, D.get(), 0,
                        &One, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSger(Handle, -1, 2, &One, D.get(), 1, D.get(), 1, D.get(), 2),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSsymv(Handle, CUBLAS_FILL_MODE_FULL, 2, &One, D.get(), 2,
                        D.get(), 1, &One, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasStrsv(Handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N,
                        cublasDiagType_t(5), 2, D.get(), 2, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasStrmv(Handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N,
                        CUBLAS_DIAG_UNIT, 2, nullptr, 2, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSgemv(Handle, CUBLAS_OP_N, 0, 2, &One, nullptr, 1, nullptr, 1,
                        &One, nullptr, 1),
            CUBLAS_STATUS_SUCCESS);
}

} // namespace
