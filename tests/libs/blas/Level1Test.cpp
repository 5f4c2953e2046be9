//===- Level1Test.cpp - cuBLAS Level-1 routines ---------------------------===//
//
// Part of Tongxin. Each routine in every precision against a host
// reference, with negative and non-unit increments, long vectors that are
// split over the workers, both pointer modes and the argument errors.
//
//===----------------------------------------------------------------------===//

#include "BlasTestSupport.h"

#include <cmath>

using namespace txtest;

namespace {

class Level1 : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cublasCreate(&Handle), CUBLAS_STATUS_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(cublasDestroy(Handle), CUBLAS_STATUS_SUCCESS);
  }
  cublasHandle_t Handle = nullptr;
};

std::vector<float> values(uint64_t Seed, size_t N) {
  std::vector<float> V(N);
  for (size_t I = 0; I < N; ++I)
    V[I] = float(testValue(Seed, I));
  return V;
}

TEST_F(Level1, AxpyWithNegativeIncrementsFollowsReferenceBlas) {
  // n = 3, incx = -2: x is used as x[4], x[2], x[0].
  std::vector<float> X = {1, 0, 2, 0, 3}, Y = {10, 20, 30};
  DeviceBuffer<float> DX(X), DY(Y);
  float Alpha = 2;
  ASSERT_EQ(cublasSaxpy(Handle, 3, &Alpha, DX.get(), -2, DY.get(), 1),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DY.download(), (std::vector<float>{16, 24, 32}));
}

TEST_F(Level1, LongVectorsAcrossWorkers) {
  const int N = 300001;
  auto X = values(1, N), Y = values(2, N);
  DeviceBuffer<float> DX(X), DY(Y);
  float Alpha = -0.5f, Dot = 0, Asum = 0, Nrm = 0;
  ASSERT_EQ(cublasSdot(Handle, N, DX.get(), 1, DY.get(), 1, &Dot),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasSasum(Handle, N, DX.get(), 1, &Asum), CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasSnrm2(Handle, N, DX.get(), 1, &Nrm), CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasSaxpy(Handle, N, &Alpha, DX.get(), 1, DY.get(), 1),
            CUBLAS_STATUS_SUCCESS);
  double WantDot = 0, WantAsum = 0, WantSq = 0;
  for (int I = 0; I < N; ++I) {
    WantDot += double(X[size_t(I)]) * Y[size_t(I)];
    WantAsum += std::fabs(X[size_t(I)]);
    WantSq += double(X[size_t(I)]) * X[size_t(I)];
  }
  EXPECT_EQ(Dot, float(WantDot)); // Exact: quarter-integers, small sums.
  EXPECT_EQ(Asum, float(WantAsum));
  EXPECT_NEAR(Nrm, std::sqrt(WantSq), 1e-4 * std::sqrt(WantSq));
  auto Got = DY.download();
  for (int I = 0; I < N; ++I)
    ASSERT_EQ(Got[size_t(I)], Y[size_t(I)] + Alpha * X[size_t(I)]);
}

TEST_F(Level1, ScalCopySwapAndRot) {
  std::vector<double> X = {1, 2, 3, 4}, Y = {5, 6, 7, 8};
  DeviceBuffer<double> DX(X), DY(Y);
  double Two = 2;
  ASSERT_EQ(cublasDscal(Handle, 2, &Two, DX.get(), 2), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DX.download(), (std::vector<double>{2, 2, 6, 4}));
  ASSERT_EQ(cublasDswap(Handle, 4, DX.get(), 1, DY.get(), 1),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DX.download(), (std::vector<double>{5, 6, 7, 8}));
  ASSERT_EQ(cublasDcopy(Handle, 4, DX.get(), 1, DY.get(), -1),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DY.download(), (std::vector<double>{8, 7, 6, 5}));
  double C = 0, S = 1; // x' = y, y' = -x
  ASSERT_EQ(cublasDrot(Handle, 4, DX.get(), 1, DY.get(), 1, &C, &S),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DX.download(), (std::vector<double>{8, 7, 6, 5}));
  EXPECT_EQ(DY.download(), (std::vector<double>{-5, -6, -7, -8}));
}

TEST_F(Level1, ComplexRoutines) {
  std::vector<cuComplex> X = {make_cuComplex(1, 2), make_cuComplex(-3, 1)};
  std::vector<cuComplex> Y = {make_cuComplex(2, -1), make_cuComplex(0, 4)};
  DeviceBuffer<cuComplex> DX(X), DY(Y);
  cuComplex Dotu, Dotc;
  ASSERT_EQ(cublasCdotu(Handle, 2, DX.get(), 1, DY.get(), 1, &Dotu),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasCdotc(Handle, 2, DX.get(), 1, DY.get(), 1, &Dotc),
            CUBLAS_STATUS_SUCCESS);
  // (1+2i)(2-i) + (-3+i)(4i) = (4+3i) + (-4-12i) = -9i
  EXPECT_EQ(Dotu.x, 0);
  EXPECT_EQ(Dotu.y, -9);
  // (1-2i)(2-i) + (-3-i)(4i) = (0-5i) + (4-12i) = 4-17i
  EXPECT_EQ(Dotc.x, 4);
  EXPECT_EQ(Dotc.y, -17);
  float Nrm, Asum;
  int Max, Min;
  ASSERT_EQ(cublasScnrm2(Handle, 2, DX.get(), 1, &Nrm), CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasScasum(Handle, 2, DX.get(), 1, &Asum), CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasIcamax(Handle, 2, DX.get(), 1, &Max), CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasIcamin(Handle, 2, DX.get(), 1, &Min), CUBLAS_STATUS_SUCCESS);
  EXPECT_NEAR(Nrm, std::sqrt(15.0f), 1e-6);
  EXPECT_EQ(Asum, 7); // |1|+|2| + |-3|+|1|
  EXPECT_EQ(Max, 2);  // 4 > 3
  EXPECT_EQ(Min, 1);
  float Half = 0.5f;
  ASSERT_EQ(cublasCsscal(Handle, 2, &Half, DX.get(), 1), CUBLAS_STATUS_SUCCESS);
  auto Scaled = DX.download();
  EXPECT_EQ(Scaled[1].x, -1.5f);
  EXPECT_EQ(Scaled[1].y, 0.5f);
  cuDoubleComplex ZA = make_cuDoubleComplex(0, 1);
  std::vector<cuDoubleComplex> ZX = {make_cuDoubleComplex(1, 1)},
                               ZY = {make_cuDoubleComplex(0, 0)};
  DeviceBuffer<cuDoubleComplex> DZX(ZX), DZY(ZY);
  ASSERT_EQ(cublasZaxpy(Handle, 1, &ZA, DZX.get(), 1, DZY.get(), 1),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DZY.download()[0].x, -1); // i(1+i) = -1+i
  EXPECT_EQ(DZY.download()[0].y, 1);
}

TEST_F(Level1, IamaxPicksTheFirstOfEqualMagnitudes) {
  std::vector<float> X = {1, -4, 4, 2, -4};
  DeviceBuffer<float> DX(X);
  int Max = -1, Min = -1;
  ASSERT_EQ(cublasIsamax(Handle, 5, DX.get(), 1, &Max), CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasIsamin(Handle, 5, DX.get(), 1, &Min), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Max, 2);
  EXPECT_EQ(Min, 1);
  ASSERT_EQ(cublasIsamax(Handle, 0, DX.get(), 1, &Max), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Max, 0);
  ASSERT_EQ(cublasIsamax(Handle, 5, DX.get(), -1, &Max), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Max, 0);
}

TEST_F(Level1, DevicePointerModeResultsStayOnTheDevice) {
  std::vector<float> X = {3, 4};
  DeviceBuffer<float> DX(X), Result(std::vector<float>{0});
  ASSERT_EQ(cublasSetPointerMode(Handle, CUBLAS_POINTER_MODE_DEVICE),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cublasSnrm2(Handle, 2, DX.get(), 1, Result.get()),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(Result.download()[0], 5.0f);
}

TEST_F(Level1, NormsDoNotOverflow) {
  std::vector<float> X(100000, 1e30f);
  DeviceBuffer<float> DX(X);
  float Nrm;
  ASSERT_EQ(cublasSnrm2(Handle, 100000, DX.get(), 1, &Nrm),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_NEAR(Nrm, 1e30f * std::sqrt(100000.0f), 1e26f * 3.2f);
}

TEST_F(Level1, ArgumentErrors) {
  DeviceBuffer<float> D(8);
  float One = 1, Result;
  int Index;
  EXPECT_EQ(cublasSaxpy(nullptr, 2, &One, D.get(), 1, D.get(), 1),
            CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cublasSaxpy(Handle, 2, nullptr, D.get(), 1, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSaxpy(Handle, 2, &One, nullptr, 1, D.get(), 1),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSdot(Handle, 2, D.get(), 1, D.get(), 1, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSnrm2(Handle, 2, D.get(), 1, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasIsamax(Handle, 2, D.get(), 1, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSrot(Handle, 2, D.get(), 1, D.get(), 1, nullptr, &One),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasSasum(nullptr, 2, D.get(), 1, &Result),
            CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(cublasIsamin(nullptr, 2, D.get(), 1, &Index),
            CUBLAS_STATUS_NOT_INITIALIZED);
  // Empty vectors: success and nothing touched.
  EXPECT_EQ(cublasSaxpy(Handle, 0, &One, nullptr, 1, nullptr, 1),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasSscal(Handle, -3, &One, nullptr, 1), CUBLAS_STATUS_SUCCESS);
}

TEST_F(Level1, ExRoutines) {
  std::vector<__half> X = {__float2half(1.5f), __float2half(-2.0f)};
  std::vector<__half> Y = {__float2half(4.0f), __float2half(0.5f)};
  DeviceBuffer<__half> DX(X), DY(Y), Out(std::vector<__half>(1));
  ASSERT_EQ(cublasDotEx(Handle, 2, DX.get(), CUDA_R_16F, 1, DY.get(),
                        CUDA_R_16F, 1, Out.get(), CUDA_R_16F, CUDA_R_32F),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(__half2float(Out.download()[0]), 5.0f);
  float Alpha = 2;
  ASSERT_EQ(cublasAxpyEx(Handle, 2, &Alpha, CUDA_R_32F, DX.get(), CUDA_R_16F, 1,
                         DY.get(), CUDA_R_16F, 1, CUDA_R_32F),
            CUBLAS_STATUS_SUCCESS);
  auto Got = DY.download();
  EXPECT_EQ(__half2float(Got[0]), 7.0f);
  EXPECT_EQ(__half2float(Got[1]), -3.5f);
  ASSERT_EQ(cublasScalEx(Handle, 2, &Alpha, CUDA_R_32F, DY.get(), CUDA_R_16F, 1,
                         CUDA_R_32F),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(__half2float(DY.download()[0]), 14.0f);
  std::vector<float> V = {3, 4};
  DeviceBuffer<float> DV(V);
  float Norm;
  ASSERT_EQ(cublasNrm2Ex(Handle, 2, DV.get(), CUDA_R_32F, 1, &Norm, CUDA_R_32F,
                         CUDA_R_32F),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Norm, 5.0f);
  EXPECT_EQ(cublasDotEx(Handle, 2, DX.get(), CUDA_R_16F, 1, DY.get(),
                        CUDA_R_32F, 1, Out.get(), CUDA_R_16F, CUDA_R_32F),
            CUBLAS_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(cublasDotEx(Handle, 2, DX.get(), CUDA_R_8I, 1, DY.get(), CUDA_R_8I,
                        1, Out.get(), CUDA_R_8I, CUDA_R_32F),
            CUBLAS_STATUS_NOT_SUPPORTED);
}

} // namespace
