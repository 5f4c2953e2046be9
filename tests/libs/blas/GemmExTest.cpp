//===- GemmExTest.cpp - cublasGemmEx, Hgemm and the mixed precisions ------===//
//
// Part of Tongxin. Every type combination cublasGemmEx accepts, against a
// double-precision reference of the rounded inputs, and the combinations
// it refuses. Inputs are small multiples of 1/2, so the products are exact
// in fp32 and the only rounding is the final narrowing to fp16/bf16.
//
//===----------------------------------------------------------------------===//

#include "BlasTestSupport.h"

#include "cuda_bf16.h"
#include "cuda_fp16.h"

#include <cstring>

using namespace txtest;

namespace {

class GemmEx : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cublasCreate(&Handle), CUBLAS_STATUS_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(cublasDestroy(Handle), CUBLAS_STATUS_SUCCESS);
  }
  cublasHandle_t Handle = nullptr;
};

/// Stores V as element I of a buffer of type T, and reads it back.
void store(cudaDataType T, std::vector<char> &Buf, size_t I, double V) {
  switch (T) {
  case CUDA_R_16F: {
    __half H = __float2half(float(V));
    std::memcpy(&Buf[I * 2], &H, 2);
    break;
  }
  case CUDA_R_16BF: {
    __nv_bfloat16 H = __float2bfloat16(float(V));
    std::memcpy(&Buf[I * 2], &H, 2);
    break;
  }
  case CUDA_R_8I:
    Buf[I] = char(int8_t(V * 2)); // int8 tests use the doubled values
    break;
  case CUDA_R_32I: {
    int32_t X = int32_t(V * 2);
    std::memcpy(&Buf[I * 4], &X, 4);
    break;
  }
  case CUDA_R_32F: {
    float F = float(V);
    std::memcpy(&Buf[I * 4], &F, 4);
    break;
  }
  case CUDA_R_64F:
    std::memcpy(&Buf[I * 8], &V, 8);
    break;
  default:
    FAIL() << "type not used by these tests";
  }
}

double load(cudaDataType T, const std::vector<char> &Buf, size_t I) {
  switch (T) {
  case CUDA_R_16F: {
    __half H;
    std::memcpy(&H, &Buf[I * 2], 2);
    return __half2float(H);
  }
  case CUDA_R_16BF: {
    __nv_bfloat16 H;
    std::memcpy(&H, &Buf[I * 2], 2);
    return __bfloat162float(H);
  }
  case CUDA_R_8I:
    return int8_t(Buf[I]);
  case CUDA_R_32I: {
    int32_t X;
    std::memcpy(&X, &Buf[I * 4], 4);
    return X;
  }
  case CUDA_R_32F: {
    float F;
    std::memcpy(&F, &Buf[I * 4], 4);
    return F;
  }
  case CUDA_R_64F: {
    double D;
    std::memcpy(&D, &Buf[I * 8], 8);
    return D;
  }
  default:
    return 0;
  }
}

size_t sizeOf(cudaDataType T) {
  switch (T) {
  case CUDA_R_16F:
  case CUDA_R_16BF:
    return 2;
  case CUDA_R_8I:
    return 1;
  case CUDA_R_64F:
    return 8;
  default:
    return 4;
  }
}

struct Combo {
  cudaDataType AB, C;
  cublasComputeType_t Compute;
};

void checkEx(cublasHandle_t H, Combo T, cublasOperation_t TA,
             cublasOperation_t TB, int M, int N, int K) {
  int Lda = TA == CUBLAS_OP_N ? M : K, Ldb = TB == CUBLAS_OP_N ? K : N;
  std::vector<char> A(size_t(M * K) * sizeOf(T.AB)),
      B(size_t(K * N) * sizeOf(T.AB)), C(size_t(M * N) * sizeOf(T.C));
  std::vector<cd> RA(size_t(M * K)), RB(size_t(K * N)), RC(size_t(M * N));
  for (size_t I = 0; I < RA.size(); ++I) {
    store(T.AB, A, I, testValue(1, I));
    RA[I] = load(T.AB, A, I);
  }
  for (size_t I = 0; I < RB.size(); ++I) {
    store(T.AB, B, I, testValue(2, I));
    RB[I] = load(T.AB, B, I);
  }
  for (size_t I = 0; I < RC.size(); ++I) {
    store(T.C, C, I, testValue(3, I));
    RC[I] = load(T.C, C, I);
  }
  DeviceBuffer<char> DA(A), DB(B), DC(C);
  // alpha and beta have the compute type's scale type.
  float AlF = 2, BeF = -1;
  double AlD = 2, BeD = -1;
  int32_t AlI = 2, BeI = -1;
  __half AlH = __float2half(2), BeH = __float2half(-1);
  const void *Al = &AlF, *Be = &BeF;
  if (T.Compute == CUBLAS_COMPUTE_64F)
    Al = &AlD, Be = &BeD;
  else if (T.Compute == CUBLAS_COMPUTE_32I)
    Al = &AlI, Be = &BeI;
  else if (T.Compute == CUBLAS_COMPUTE_16F)
    Al = &AlH, Be = &BeH;
  ASSERT_EQ(cublasGemmEx(H, TA, TB, M, N, K, Al, DA.get(), T.AB, Lda, DB.get(),
                         T.AB, Ldb, Be, DC.get(), T.C, M, T.Compute,
                         CUBLAS_GEMM_DEFAULT),
            CUBLAS_STATUS_SUCCESS)
      << "types " << T.AB << " -> " << T.C << " compute " << T.Compute;
  auto Want =
      referenceGemm(TA, TB, M, N, K, 2.0, RA, Lda, RB, Ldb, -1.0, RC, M);
  auto Got = DC.download();
  // Exact in fp32; one rounding of the result for narrow outputs.
  double RelTol = T.C == CUDA_R_16F ? 1e-3 : (T.C == CUDA_R_16BF ? 8e-3 : 0);
  for (size_t I = 0; I < Want.size(); ++I) {
    double W = Want[I].real(), G = load(T.C, Got, I);
    ASSERT_NEAR(G, W, RelTol * std::abs(W) + 1e-9) << "element " << I;
  }
}

TEST_F(GemmEx, EveryRealCombinationCudaAllows) {
  const Combo Combos[] = {
      {CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_16F},
      {CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_32F},
      {CUDA_R_16F, CUDA_R_32F, CUBLAS_COMPUTE_32F},
      {CUDA_R_16BF, CUDA_R_16BF, CUBLAS_COMPUTE_32F},
      {CUDA_R_16BF, CUDA_R_32F, CUBLAS_COMPUTE_32F},
      {CUDA_R_8I, CUDA_R_32I, CUBLAS_COMPUTE_32I},
      {CUDA_R_8I, CUDA_R_32F, CUBLAS_COMPUTE_32F},
      {CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F},
      {CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F_FAST_TF32},
      {CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F_FAST_16F},
      {CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F_FAST_16BF},
      {CUDA_R_64F, CUDA_R_64F, CUBLAS_COMPUTE_64F},
  };
  const cublasOperation_t Ops[] = {CUBLAS_OP_N, CUBLAS_OP_T};
  for (const Combo &T : Combos)
    for (auto TA : Ops)
      for (auto TB : Ops) {
        checkEx(Handle, T, TA, TB, 33, 21, 17);
        // Large enough to split over workers and to cross the K blocks
        // (once per combination: the double-precision reference is slow
        // under the sanitizers).
        if (TA == TB)
          checkEx(Handle, T, TA, TB, 70, 300, 270);
      }
}

TEST_F(GemmEx, RefusesCombinationsCudaRefuses) {
  DeviceBuffer<char> D(256);
  float One = 1;
  auto Try = [&](cudaDataType A, cudaDataType B, cudaDataType C,
                 cublasComputeType_t Compute) {
    return cublasGemmEx(Handle, CUBLAS_OP_N, CUBLAS_OP_N, 2, 2, 2, &One,
                        D.get(), A, 2, D.get(), B, 2, &One, D.get(), C, 2,
                        Compute, CUBLAS_GEMM_DEFAULT);
  };
  EXPECT_EQ(Try(CUDA_R_16F, CUDA_R_16BF, CUDA_R_32F, CUBLAS_COMPUTE_32F),
            CUBLAS_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(Try(CUDA_R_8I, CUDA_R_8I, CUDA_R_8I, CUBLAS_COMPUTE_32I),
            CUBLAS_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(Try(CUDA_R_16F, CUDA_R_16F, CUDA_R_32F, CUBLAS_COMPUTE_16F),
            CUBLAS_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(
      Try(CUDA_R_16F, CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_32F_FAST_TF32),
      CUBLAS_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(Try(CUDA_R_64F, CUDA_R_64F, CUDA_R_64F, CUBLAS_COMPUTE_32F),
            CUBLAS_STATUS_NOT_SUPPORTED);
  EXPECT_EQ(Try(CUDA_R_32F, CUDA_R_32F, CUDA_R_32F, cublasComputeType_t(1234)),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasGemmEx(Handle, CUBLAS_OP_N, CUBLAS_OP_N, 2, 2, 2, &One,
                         D.get(), CUDA_R_32F, 2, D.get(), CUDA_R_32F, 2, &One,
                         D.get(), CUDA_R_32F, 2, CUBLAS_COMPUTE_32F,
                         cublasGemmAlgo_t(5000)),
            CUBLAS_STATUS_INVALID_VALUE);
}

TEST_F(GemmEx, ComplexTypes) {
  const int M = 6, N = 5, K = 4;
  std::vector<cuComplex> A(M * K), B(K * N), C(M * N, make_cuComplex(1, 1));
  std::vector<cd> RA(M * K), RB(K * N), RC(M * N, cd(1, 1));
  for (int I = 0; I < M * K; ++I) {
    A[size_t(I)] =
        make_cuComplex(float(testValue(4, I)), float(testValue(5, I)));
    RA[size_t(I)] = cd(A[size_t(I)].x, A[size_t(I)].y);
  }
  for (int I = 0; I < K * N; ++I) {
    B[size_t(I)] =
        make_cuComplex(float(testValue(6, I)), float(testValue(7, I)));
    RB[size_t(I)] = cd(B[size_t(I)].x, B[size_t(I)].y);
  }
  DeviceBuffer<cuComplex> DA(A), DB(B), DC(C);
  cuComplex Al = make_cuComplex(1, -1), Be = make_cuComplex(0.5f, 0);
  ASSERT_EQ(cublasGemmEx(Handle, CUBLAS_OP_C, CUBLAS_OP_N, M, N, K, &Al,
                         DA.get(), CUDA_C_32F, K, DB.get(), CUDA_C_32F, K, &Be,
                         DC.get(), CUDA_C_32F, M, CUBLAS_COMPUTE_32F,
                         CUBLAS_GEMM_DEFAULT),
            CUBLAS_STATUS_SUCCESS);
  auto Want = referenceGemm(CUBLAS_OP_C, CUBLAS_OP_N, M, N, K, cd(1, -1), RA, K,
                            RB, K, cd(0.5, 0), RC, M);
  auto Got = DC.download();
  for (int I = 0; I < M * N; ++I)
    EXPECT_EQ(cd(Got[size_t(I)].x, Got[size_t(I)].y), Want[size_t(I)]);
}

TEST_F(GemmEx, HgemmAndStridedBatchedEx) {
  const int M = 40, N = 24, K = 36, Batch = 3;
  std::vector<__half> A(M * K * Batch), B(K * N * Batch), C(M * N * Batch);
  for (size_t I = 0; I < A.size(); ++I)
    A[I] = __float2half(float(testValue(8, I)));
  for (size_t I = 0; I < B.size(); ++I)
    B[I] = __float2half(float(testValue(9, I)));
  DeviceBuffer<__half> DA(A), DB(B), DC(C), DC2(C);
  __half One = __float2half(1), Zero = __float2half(0);
  ASSERT_EQ(cublasHgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, M, N, K, &One,
                        DA.get(), M, DB.get(), K, &Zero, DC.get(), M),
            CUBLAS_STATUS_SUCCESS);
  float OneF = 1, ZeroF = 0;
  ASSERT_EQ(cublasGemmStridedBatchedEx(
                Handle, CUBLAS_OP_N, CUBLAS_OP_N, M, N, K, &OneF, DA.get(),
                CUDA_R_16F, M, M * K, DB.get(), CUDA_R_16F, K, K * N, &ZeroF,
                DC2.get(), CUDA_R_16F, M, M * N, Batch, CUBLAS_COMPUTE_32F,
                CUBLAS_GEMM_DEFAULT_TENSOR_OP),
            CUBLAS_STATUS_SUCCESS);
  auto Single = DC.download(), Batched = DC2.download();
  for (int Bt = 0; Bt < Batch; ++Bt)
    for (int J = 0; J < N; ++J)
      for (int I = 0; I < M; ++I) {
        double Sum = 0;
        for (int P = 0; P < K; ++P)
          Sum += double(__half2float(A[size_t(Bt * M * K + I + P * M)])) *
                 double(__half2float(B[size_t(Bt * K * N + P + J * K)]));
        float Got = __half2float(Batched[size_t(Bt * M * N + I + J * M)]);
        ASSERT_NEAR(Got, Sum, 1e-3 * std::abs(Sum) + 1e-6);
        if (Bt == 0)
          ASSERT_EQ(__half2float(Single[size_t(I + J * M)]), Got);
      }
}

} // namespace
