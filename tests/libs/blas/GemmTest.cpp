//===- GemmTest.cpp - cublas<t>gemm and its batched forms -----------------===//
//
// Part of Tongxin. Every transpose combination and precision against a
// double-precision reference, odd sizes that leave partial tiles, both
// pointer modes, batches, stream ordering and every argument error.
//
//===----------------------------------------------------------------------===//

#include "BlasTestSupport.h"

using namespace txtest;

namespace {

class Gemm : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cublasCreate(&Handle), CUBLAS_STATUS_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(cublasDestroy(Handle), CUBLAS_STATUS_SUCCESS);
  }
  cublasHandle_t Handle = nullptr;
};

/// Converts between the test's complex doubles and each cuBLAS type.
template <class T> struct Elem;
template <> struct Elem<float> {
  static float from(cd V) { return float(V.real()); }
  static cd to(float V) { return V; }
  static constexpr bool Complex = false;
};
template <> struct Elem<double> {
  static double from(cd V) { return V.real(); }
  static cd to(double V) { return V; }
  static constexpr bool Complex = false;
};
template <> struct Elem<cuComplex> {
  static cuComplex from(cd V) {
    return make_cuComplex(float(V.real()), float(V.imag()));
  }
  static cd to(cuComplex V) { return cd(V.x, V.y); }
  static constexpr bool Complex = true;
};
template <> struct Elem<cuDoubleComplex> {
  static cuDoubleComplex from(cd V) {
    return make_cuDoubleComplex(V.real(), V.imag());
  }
  static cd to(cuDoubleComplex V) { return cd(V.x, V.y); }
  static constexpr bool Complex = true;
};

cublasStatus_t typedGemm(cublasHandle_t H, cublasOperation_t TA,
                         cublasOperation_t TB, int M, int N, int K,
                         const float *Al, const float *A, int Lda,
                         const float *B, int Ldb, const float *Be, float *C,
                         int Ldc) {
  return cublasSgemm(H, TA, TB, M, N, K, Al, A, Lda, B, Ldb, Be, C, Ldc);
}
cublasStatus_t typedGemm(cublasHandle_t H, cublasOperation_t TA,
                         cublasOperation_t TB, int M, int N, int K,
                         const double *Al, const double *A, int Lda,
                         const double *B, int Ldb, const double *Be, double *C,
                         int Ldc) {
  return cublasDgemm(H, TA, TB, M, N, K, Al, A, Lda, B, Ldb, Be, C, Ldc);
}
cublasStatus_t typedGemm(cublasHandle_t H, cublasOperation_t TA,
                         cublasOperation_t TB, int M, int N, int K,
                         const cuComplex *Al, const cuComplex *A, int Lda,
                         const cuComplex *B, int Ldb, const cuComplex *Be,
                         cuComplex *C, int Ldc) {
  return cublasCgemm(H, TA, TB, M, N, K, Al, A, Lda, B, Ldb, Be, C, Ldc);
}
cublasStatus_t typedGemm(cublasHandle_t H, cublasOperation_t TA,
                         cublasOperation_t TB, int M, int N, int K,
                         const cuDoubleComplex *Al, const cuDoubleComplex *A,
                         int Lda, const cuDoubleComplex *B, int Ldb,
                         const cuDoubleComplex *Be, cuDoubleComplex *C,
                         int Ldc) {
  return cublasZgemm(H, TA, TB, M, N, K, Al, A, Lda, B, Ldb, Be, C, Ldc);
}

template <class T>
std::vector<T> randomMatrix(uint64_t Seed, size_t Count, std::vector<cd> *Ref) {
  std::vector<T> Host(Count);
  Ref->resize(Count);
  for (size_t I = 0; I < Count; ++I) {
    cd V(testValue(Seed, I), Elem<T>::Complex ? testValue(Seed + 7, I) : 0);
    Host[I] = Elem<T>::from(V);
    (*Ref)[I] = Elem<T>::to(Host[I]);
  }
  return Host;
}

/// One product on the device against the reference; Ld* add padding.
template <class T>
void checkGemm(cublasHandle_t H, cublasOperation_t TA, cublasOperation_t TB,
               int M, int N, int K, cd Alpha, cd Beta, int Pad = 3) {
  if (!Elem<T>::Complex) {
    Alpha = Alpha.real();
    Beta = Beta.real();
  }
  int RowsA = TA == CUBLAS_OP_N ? M : K, ColsA = TA == CUBLAS_OP_N ? K : M;
  int RowsB = TB == CUBLAS_OP_N ? K : N, ColsB = TB == CUBLAS_OP_N ? N : K;
  int Lda = RowsA + Pad, Ldb = RowsB + Pad, Ldc = M + Pad;
  std::vector<cd> RA, RB, RC;
  auto A = randomMatrix<T>(1, size_t(Lda) * ColsA, &RA);
  auto B = randomMatrix<T>(2, size_t(Ldb) * ColsB, &RB);
  auto C = randomMatrix<T>(3, size_t(Ldc) * N, &RC);
  DeviceBuffer<T> DA(A), DB(B), DC(C);
  T Al = Elem<T>::from(Alpha), Be = Elem<T>::from(Beta);
  ASSERT_EQ(typedGemm(H, TA, TB, M, N, K, &Al, DA.get(), Lda, DB.get(), Ldb,
                      &Be, DC.get(), Ldc),
            CUBLAS_STATUS_SUCCESS);
  auto Want =
      referenceGemm(TA, TB, M, N, K, Alpha, RA, Lda, RB, Ldb, Beta, RC, Ldc);
  auto Got = DC.download();
  for (int J = 0; J < N; ++J)
    for (int I = 0; I < Ldc; ++I) {
      size_t At = size_t(I + J * Ldc);
      // Padding rows stay untouched.
      cd Expected = I < M ? Want[At] : RC[At];
      ASSERT_NEAR(std::abs(Elem<T>::to(Got[At]) - Expected), 0.0, 1e-3)
          << "at (" << I << ", " << J << ") M=" << M << " N=" << N
          << " K=" << K;
    }
}

template <class T> void allTransposes(cublasHandle_t H) {
  const cublasOperation_t Ops[] = {CUBLAS_OP_N, CUBLAS_OP_T, CUBLAS_OP_C};
  for (auto TA : Ops)
    for (auto TB : Ops) {
      checkGemm<T>(H, TA, TB, 37, 29, 19, cd(1.5, 0.5), cd(-0.5, 0.25));
      checkGemm<T>(H, TA, TB, 130, 70, 65, cd(1, 0), cd(0, 0));
    }
}

TEST_F(Gemm, SgemmEveryTranspose) { allTransposes<float>(Handle); }
TEST_F(Gemm, DgemmEveryTranspose) { allTransposes<double>(Handle); }
TEST_F(Gemm, CgemmEveryTranspose) { allTransposes<cuComplex>(Handle); }
TEST_F(Gemm, ZgemmEveryTranspose) { allTransposes<cuDoubleComplex>(Handle); }

TEST_F(Gemm, LargeEnoughToSplitOverWorkers) {
  checkGemm<float>(Handle, CUBLAS_OP_N, CUBLAS_OP_N, 300, 260, 90, 1, 1);
  checkGemm<double>(Handle, CUBLAS_OP_T, CUBLAS_OP_N, 513, 17, 40, 2, 0);
  checkGemm<float>(Handle, CUBLAS_OP_N, CUBLAS_OP_T, 9, 700, 33, 1, 0.5);
}

TEST_F(Gemm, BetaZeroIgnoresNaNsInC) {
  std::vector<float> A(4, 1.0f), B(4, 1.0f), C(4, NAN);
  DeviceBuffer<float> DA(A), DB(B), DC(C);
  float One = 1, Zero = 0;
  ASSERT_EQ(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, 2, 2, 2, &One,
                        DA.get(), 2, DB.get(), 2, &Zero, DC.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  for (float V : DC.download())
    EXPECT_EQ(V, 2.0f);
}

TEST_F(Gemm, KZeroScalesC) {
  std::vector<float> C = {1, 2, 3, 4};
  DeviceBuffer<float> DA(1), DB(1), DC(C);
  float One = 1, Two = 2;
  ASSERT_EQ(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, 2, 2, 0, &One,
                        DA.get(), 2, DB.get(), 1, &Two, DC.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(DC.download(), (std::vector<float>{2, 4, 6, 8}));
}

TEST_F(Gemm, DevicePointerModeReadsScalarsWhenTheWorkRuns) {
  std::vector<float> A = {1, 2, 3, 4}, I2 = {1, 0, 0, 1}, C(4, 0);
  DeviceBuffer<float> DA(A), DB(I2), DC(C), Scalars(std::vector<float>{0, 0});
  ASSERT_EQ(cublasSetPointerMode(Handle, CUBLAS_POINTER_MODE_DEVICE),
            CUBLAS_STATUS_SUCCESS);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cublasSetStream(Handle, S), CUBLAS_STATUS_SUCCESS);
  // alpha is written on the same stream after the call is enqueued but
  // before it runs: the product must see 3.
  float Three = 3;
  ASSERT_EQ(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, 2, 2, 2,
                        Scalars.get(), DA.get(), 2, DB.get(), 2,
                        Scalars.get() + 1, DC.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  (void)Three;
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(DC.download(), (std::vector<float>{0, 0, 0, 0}));
  ASSERT_EQ(cudaMemcpyAsync(Scalars.get(), &Three, sizeof(float),
                            cudaMemcpyHostToDevice, S),
            cudaSuccess);
  ASSERT_EQ(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, 2, 2, 2,
                        Scalars.get(), DA.get(), 2, DB.get(), 2,
                        Scalars.get() + 1, DC.get(), 2),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(DC.download(), (std::vector<float>{3, 6, 9, 12}));
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(Gemm, RunsInOrderOnTheHandleStream) {
  // C = A*I, then C = C*2I, then copy back: each step sees the last.
  const int N = 64;
  std::vector<float> A(N * N), I2(N * N, 0);
  for (int I = 0; I < N * N; ++I)
    A[size_t(I)] = float(I % 7);
  for (int I = 0; I < N; ++I)
    I2[size_t(I * N + I)] = 2;
  DeviceBuffer<float> DA(A), DI(I2), DC(N * N), DD(N * N);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cublasSetStream(Handle, S), CUBLAS_STATUS_SUCCESS);
  float One = 1, Zero = 0;
  for (int Step = 0; Step < 4; ++Step) {
    ASSERT_EQ(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, N, N, N, &One,
                          Step ? DC.get() : DA.get(), N, DI.get(), N, &Zero,
                          DD.get(), N),
              CUBLAS_STATUS_SUCCESS);
    ASSERT_EQ(cudaMemcpyAsync(DC.get(), DD.get(), N * N * sizeof(float),
                              cudaMemcpyDeviceToDevice, S),
              cudaSuccess);
  }
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  auto Got = DC.download();
  for (int I = 0; I < N * N; ++I)
    ASSERT_EQ(Got[size_t(I)], A[size_t(I)] * 16);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(Gemm, StridedAndPointerArrayBatches) {
  const int M = 5, N = 4, K = 3, Batch = 7;
  std::vector<cd> RA, RB, RC;
  auto A = randomMatrix<double>(11, M * K * Batch, &RA);
  auto B = randomMatrix<double>(12, K * N * Batch, &RB);
  auto C = randomMatrix<double>(13, M * N * Batch, &RC);
  DeviceBuffer<double> DA(A), DB(B), DC(C), DC2(C);
  double Alpha = 2, Beta = -1;
  ASSERT_EQ(cublasDgemmStridedBatched(Handle, CUBLAS_OP_N, CUBLAS_OP_N, M, N, K,
                                      &Alpha, DA.get(), M, M * K, DB.get(), K,
                                      K * N, &Beta, DC.get(), M, M * N, Batch),
            CUBLAS_STATUS_SUCCESS);
  std::vector<const double *> PA, PB;
  std::vector<double *> PC;
  for (int I = 0; I < Batch; ++I) {
    PA.push_back(DA.get() + I * M * K);
    PB.push_back(DB.get() + I * K * N);
    PC.push_back(DC2.get() + I * M * N);
  }
  DeviceBuffer<const double *> DPA(PA), DPB(PB);
  DeviceBuffer<double *> DPC(PC);
  ASSERT_EQ(cublasDgemmBatched(Handle, CUBLAS_OP_N, CUBLAS_OP_N, M, N, K,
                               &Alpha, DPA.get(), M, DPB.get(), K, &Beta,
                               DPC.get(), M, Batch),
            CUBLAS_STATUS_SUCCESS);
  auto Strided = DC.download(), Arrays = DC2.download();
  for (int I = 0; I < Batch; ++I) {
    std::vector<cd> SA(RA.begin() + I * M * K, RA.begin() + (I + 1) * M * K);
    std::vector<cd> SB(RB.begin() + I * K * N, RB.begin() + (I + 1) * K * N);
    std::vector<cd> SC(RC.begin() + I * M * N, RC.begin() + (I + 1) * M * N);
    auto Want = referenceGemm(CUBLAS_OP_N, CUBLAS_OP_N, M, N, K, Alpha, SA, M,
                              SB, K, Beta, SC, M);
    for (int E = 0; E < M * N; ++E) {
      EXPECT_EQ(Strided[size_t(I * M * N + E)], Want[size_t(E)].real());
      EXPECT_EQ(Arrays[size_t(I * M * N + E)], Want[size_t(E)].real());
    }
  }
}

TEST_F(Gemm, ArgumentErrors) {
  DeviceBuffer<float> D(64);
  float One = 1;
  auto Call = [&](cublasHandle_t H, cublasOperation_t TA, int M, int N, int K,
                  const float *Al, int Lda, int Ldb, int Ldc, float *C) {
    return cublasSgemm(H, TA, CUBLAS_OP_N, M, N, K, Al, D.get(), Lda, D.get(),
                       Ldb, &One, C, Ldc);
  };
  EXPECT_EQ(Call(nullptr, CUBLAS_OP_N, 2, 2, 2, &One, 2, 2, 2, D.get()),
            CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(Call(Handle, cublasOperation_t(7), 2, 2, 2, &One, 2, 2, 2, D.get()),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, -1, 2, 2, &One, 2, 2, 2, D.get()),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, 2, -1, 2, &One, 2, 2, 2, D.get()),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, 2, 2, -1, &One, 2, 2, 2, D.get()),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, 4, 2, 2, &One, 3, 2, 4, D.get()),
            CUBLAS_STATUS_INVALID_VALUE); // lda < m
  EXPECT_EQ(Call(Handle, CUBLAS_OP_T, 4, 2, 3, &One, 2, 3, 4, D.get()),
            CUBLAS_STATUS_INVALID_VALUE); // lda < k
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, 2, 2, 4, &One, 2, 3, 2, D.get()),
            CUBLAS_STATUS_INVALID_VALUE); // ldb < k
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, 4, 2, 2, &One, 4, 2, 3, D.get()),
            CUBLAS_STATUS_INVALID_VALUE); // ldc < m
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, 2, 2, 2, nullptr, 2, 2, 2, D.get()),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, 2, 2, 2, &One, 2, 2, 2, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  // Empty problems succeed without touching memory.
  EXPECT_EQ(Call(Handle, CUBLAS_OP_N, 0, 2, 2, &One, 1, 2, 1, nullptr),
            CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(cublasSgemmStridedBatched(Handle, CUBLAS_OP_N, CUBLAS_OP_N, 2, 2, 2,
                                      &One, D.get(), 2, 4, D.get(), 2, 4, &One,
                                      D.get(), 2, 4, -1),
            CUBLAS_STATUS_INVALID_VALUE);
}

} // namespace
