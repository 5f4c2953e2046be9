//===- MatmulTest.cpp - cublasLtMatmul's products, layouts and modes ------===//
//
// Part of Tongxin. The product itself across types, transposes, row-major
// layouts, strided batches (with batched bias and aux), C != D and C == D,
// host and device pointer modes and stream ordering, against a
// double-precision reference; then the error paths.
//
//===----------------------------------------------------------------------===//

#include "LtTestSupport.h"

using namespace lttest;

namespace {

struct Case {
  cudaDataType AB = CUDA_R_32F, CD = CUDA_R_32F;
  cublasComputeType_t Compute = CUBLAS_COMPUTE_32F;
  cudaDataType Scale = CUDA_R_32F;
  int64_t M = 13, N = 11, K = 7;
  cublasOperation_t TransA = CUBLAS_OP_N, TransB = CUBLAS_OP_N;
  int32_t Batch = 1;
  bool RowA = false, RowB = false, RowD = false;
  double Alpha = 1.5, Beta = 0.5;
  bool InPlace = false, DevicePointers = false;
  cublasLtEpilogue_t Epilogue = CUBLASLT_EPILOGUE_DEFAULT;
};

std::vector<char> scalarBytes(cudaDataType T, double V) {
  std::vector<char> Bytes(sizeOf(T));
  storeValue(T, Bytes.data(), 0, V);
  return Bytes;
}

/// A stored matrix: Rows x Cols, in either order, Batch copies Stride
/// elements apart.
struct Stored {
  int64_t Rows, Cols, Ld, Stride;
  bool Row;
  size_t index(int32_t B, int64_t R, int64_t C) const {
    return size_t(B * Stride) + at(R, C, Ld, Row);
  }
  size_t count(int32_t Batch) const {
    return size_t((Batch - 1) * Stride + (Row ? Rows : Cols) * Ld);
  }
};

Stored stored(int64_t Rows, int64_t Cols, bool Row, int Pad) {
  int64_t Ld = (Row ? Cols : Rows) + Pad;
  return {Rows, Cols, Ld, Ld * (Row ? Rows : Cols) + 5, Row};
}

void layoutFor(Layout &L, const Stored &S, int32_t Batch) {
  if (S.Row)
    L.set(CUBLASLT_MATRIX_LAYOUT_ORDER, int32_t(CUBLASLT_ORDER_ROW));
  if (Batch > 1)
    L.batch(Batch, S.Stride);
}

void runCase(cublasLtHandle_t Handle, const Case &P) {
  bool TA = P.TransA != CUBLAS_OP_N, TB = P.TransB != CUBLAS_OP_N;
  Stored SA = stored(TA ? P.K : P.M, TA ? P.M : P.K, P.RowA, 2);
  Stored SB = stored(TB ? P.N : P.K, TB ? P.K : P.N, P.RowB, 1);
  Stored SC = stored(P.M, P.N, P.RowD, 3);
  Stored SD = P.InPlace ? SC : stored(P.M, P.N, P.RowD, 1);
  std::vector<double> A(SA.count(P.Batch)), B(SB.count(P.Batch)),
      C(SC.count(P.Batch));
  bool Int = P.AB == CUDA_R_8I;
  for (size_t I = 0; I < A.size(); ++I)
    A[I] = Int ? std::round(testValue(1, I) * 8) : testValue(1, I);
  for (size_t I = 0; I < B.size(); ++I)
    B[I] = Int ? std::round(testValue(2, I) * 8) : testValue(2, I);
  for (size_t I = 0; I < C.size(); ++I)
    C[I] = Int ? std::round(testValue(3, I) * 8) : testValue(3, I);
  bool HasBias = P.Epilogue & CUBLASLT_EPILOGUE_BIAS;
  bool HasAux = P.Epilogue == CUBLASLT_EPILOGUE_GELU_AUX_BIAS;
  int64_t BiasStride = P.M + 3, AuxLd = (P.M + 7) / 8 * 8,
          AuxStride = AuxLd * P.N + 8;
  std::vector<double> Bias(size_t(BiasStride * P.Batch));
  for (size_t I = 0; I < Bias.size(); ++I)
    Bias[I] = testValue(4, I);

  DeviceArray DA(P.AB, A), DB(P.AB, B), DC(P.CD, C),
      DD(P.CD, SD.count(P.Batch)), DBias(P.CD, Bias),
      DAux(P.CD, size_t(AuxStride * P.Batch));
  void *D = P.InPlace ? DC.get() : DD.get();
  MatmulDesc Desc(P.Compute, P.Scale);
  Desc.set(CUBLASLT_MATMUL_DESC_TRANSA, int32_t(P.TransA));
  Desc.set(CUBLASLT_MATMUL_DESC_TRANSB, int32_t(P.TransB));
  Desc.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(P.Epilogue));
  if (HasBias) {
    Desc.set(CUBLASLT_MATMUL_DESC_BIAS_POINTER, DBias.get());
    Desc.set(CUBLASLT_MATMUL_DESC_BIAS_BATCH_STRIDE, BiasStride);
  }
  if (HasAux) {
    Desc.set(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER, DAux.get());
    Desc.set(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD, AuxLd);
    Desc.set(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_BATCH_STRIDE, AuxStride);
  }
  Layout LA(P.AB, SA.Rows, SA.Cols, SA.Ld), LB(P.AB, SB.Rows, SB.Cols, SB.Ld),
      LC(P.CD, P.M, P.N, SC.Ld), LD(P.CD, P.M, P.N, SD.Ld);
  layoutFor(LA, SA, P.Batch);
  layoutFor(LB, SB, P.Batch);
  layoutFor(LC, SC, P.Batch);
  layoutFor(LD, SD, P.Batch);

  std::vector<char> Alpha = scalarBytes(P.Scale, P.Alpha),
                    Beta = scalarBytes(P.Scale, P.Beta);
  const void *AlphaArg = Alpha.data(), *BetaArg = Beta.data();
  cudaStream_t Stream;
  ASSERT_EQ(cudaStreamCreate(&Stream), cudaSuccess);
  void *DeviceScalars = nullptr;
  if (P.DevicePointers) {
    // Scalars written on the stream just before the call must be the ones
    // the call reads: device pointer mode reads them when the work runs.
    Desc.set(CUBLASLT_MATMUL_DESC_POINTER_MODE,
             int32_t(CUBLASLT_POINTER_MODE_DEVICE));
    ASSERT_EQ(cudaMalloc(&DeviceScalars, 16), cudaSuccess);
    ASSERT_EQ(cudaMemset(DeviceScalars, 0, 16), cudaSuccess);
    char *S = static_cast<char *>(DeviceScalars);
    ASSERT_EQ(cudaMemcpyAsync(S, Alpha.data(), Alpha.size(),
                              cudaMemcpyHostToDevice, Stream),
              cudaSuccess);
    ASSERT_EQ(cudaMemcpyAsync(S + 8, Beta.data(), Beta.size(),
                              cudaMemcpyHostToDevice, Stream),
              cudaSuccess);
    AlphaArg = S;
    BetaArg = S + 8;
  }
  ASSERT_EQ(cublasLtMatmul(Handle, Desc, AlphaArg, DA.get(), LA, DB.get(), LB,
                           BetaArg, DC.get(), LC, D, LD, nullptr, nullptr, 0,
                           Stream),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaStreamSynchronize(Stream), cudaSuccess);
  cudaStreamDestroy(Stream);
  cudaFree(DeviceScalars);

  std::vector<double> Out = P.InPlace ? DC.download() : DD.download();
  std::vector<double> AuxOut = DAux.download();
  double Tol = tolerance(P.CD);
  for (int32_t Bt = 0; Bt < P.Batch; ++Bt)
    for (int64_t I = 0; I < P.M; ++I)
      for (int64_t J = 0; J < P.N; ++J) {
        double X = 0;
        for (int64_t L = 0; L < P.K; ++L)
          X += A[TA ? SA.index(Bt, L, I) : SA.index(Bt, I, L)] *
               B[TB ? SB.index(Bt, J, L) : SB.index(Bt, L, J)];
        X = P.Alpha * X + P.Beta * C[SC.index(Bt, I, J)];
        if (HasBias)
          X += Bias[size_t(Bt * BiasStride + I)];
        if (HasAux)
          ASSERT_NEAR(AuxOut[size_t(Bt * AuxStride + I + J * AuxLd)],
                      roundTo(P.CD, X), Tol * (1 + std::fabs(X)));
        if (P.Epilogue & CUBLASLT_EPILOGUE_RELU)
          X = X > 0 ? X : 0;
        if (P.Epilogue & CUBLASLT_EPILOGUE_GELU)
          X = gelu(X);
        ASSERT_NEAR(Out[SD.index(Bt, I, J)], roundTo(P.CD, X),
                    Tol * (1 + std::fabs(X)))
            << "batch " << Bt << " at " << I << "," << J;
      }
}

class Matmul : public LtTest {};

TEST_F(Matmul, TypesAndTransposes) {
  struct Types {
    cudaDataType AB, CD;
    cublasComputeType_t Compute;
    cudaDataType Scale;
  } All[] = {
      {CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F, CUDA_R_32F},
      {CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F_FAST_TF32, CUDA_R_32F},
      {CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_32F, CUDA_R_32F},
      {CUDA_R_16F, CUDA_R_32F, CUBLAS_COMPUTE_32F, CUDA_R_32F},
      {CUDA_R_16BF, CUDA_R_16BF, CUBLAS_COMPUTE_32F, CUDA_R_32F},
      {CUDA_R_16BF, CUDA_R_32F, CUBLAS_COMPUTE_32F, CUDA_R_32F},
      {CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_16F, CUDA_R_16F},
      {CUDA_R_64F, CUDA_R_64F, CUBLAS_COMPUTE_64F, CUDA_R_64F},
      {CUDA_R_8I, CUDA_R_32I, CUBLAS_COMPUTE_32I, CUDA_R_32I},
  };
  for (const Types &T : All)
    for (auto TA : {CUBLAS_OP_N, CUBLAS_OP_T})
      for (auto TB : {CUBLAS_OP_N, CUBLAS_OP_T}) {
        SCOPED_TRACE(testing::Message() << "types " << T.AB << "->" << T.CD
                                        << " ops " << TA << TB);
        Case P;
        P.AB = T.AB;
        P.CD = T.CD;
        P.Compute = T.Compute;
        P.Scale = T.Scale;
        P.TransA = TA;
        P.TransB = TB;
        if (T.Scale == CUDA_R_32I) {
          P.Alpha = 2;
          P.Beta = 1;
        }
        runCase(Handle, P);
      }
}

TEST_F(Matmul, LargeSplitOverWorkers) {
  Case P;
  P.AB = P.CD = CUDA_R_16BF;
  P.M = 200;
  P.N = 170;
  P.K = 90;
  P.TransA = CUBLAS_OP_T;
  P.Epilogue = CUBLASLT_EPILOGUE_GELU_BIAS;
  runCase(Handle, P);
}

TEST_F(Matmul, StridedBatchesWithBiasAndAux) {
  for (auto T : {CUDA_R_32F, CUDA_R_16F, CUDA_R_16BF}) {
    Case P;
    P.AB = P.CD = T;
    P.Batch = 3;
    P.TransB = CUBLAS_OP_T;
    P.Epilogue = CUBLASLT_EPILOGUE_GELU_AUX_BIAS;
    runCase(Handle, P);
    P.Epilogue = CUBLASLT_EPILOGUE_DEFAULT;
    P.M = 70;
    P.N = 90;
    P.K = 50;
    runCase(Handle, P);
  }
}

TEST_F(Matmul, RowMajorLayouts) {
  for (bool RowA : {false, true})
    for (bool RowB : {false, true})
      for (bool RowD : {false, true}) {
        SCOPED_TRACE(testing::Message() << RowA << RowB << RowD);
        Case P;
        P.RowA = RowA;
        P.RowB = RowB;
        P.RowD = RowD;
        P.TransA = CUBLAS_OP_T;
        runCase(Handle, P);
        P.Epilogue = CUBLASLT_EPILOGUE_RELU_BIAS;
        P.AB = P.CD = CUDA_R_16F;
        P.Batch = 2;
        runCase(Handle, P);
      }
}

TEST_F(Matmul, InPlaceAndZeroDepth) {
  Case P;
  P.InPlace = true;
  P.Epilogue = CUBLASLT_EPILOGUE_BIAS;
  runCase(Handle, P);
  P.AB = P.CD = CUDA_R_16BF;
  runCase(Handle, P);
  P.K = 0;
  runCase(Handle, P);
}

TEST_F(Matmul, DevicePointerModeReadsScalarsInStreamOrder) {
  for (auto T : {CUDA_R_32F, CUDA_R_16F}) {
    Case P;
    P.AB = P.CD = T;
    P.DevicePointers = true;
    P.Epilogue = CUBLASLT_EPILOGUE_GELU;
    runCase(Handle, P);
  }
}

TEST_F(Matmul, StreamOrderAndCapture) {
  // Inputs copied asynchronously on the stream, the matmul, and the result
  // copied back, with no synchronisation in between.
  const int64_t N = 64;
  std::vector<float> HostA(N * N), HostB(N * N), HostD(N * N, -1.0f);
  for (int64_t I = 0; I < N * N; ++I) {
    HostA[size_t(I)] = float(testValue(7, size_t(I)));
    HostB[size_t(I)] = float(testValue(8, size_t(I)));
  }
  float *A, *B, *D;
  ASSERT_EQ(cudaMalloc(&A, N * N * 4), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&B, N * N * 4), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&D, N * N * 4), cudaSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  Desc.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(CUBLASLT_EPILOGUE_RELU));
  Layout L(CUDA_R_32F, N, N, N);
  float One = 1, Zero = 0;
  for (int Round = 0; Round < 3; ++Round) {
    if (Round) // each round computes the other half of the ReLU
      for (float &V : HostA)
        V = -V;
    ASSERT_EQ(
        cudaMemcpyAsync(A, HostA.data(), N * N * 4, cudaMemcpyHostToDevice, S),
        cudaSuccess);
    ASSERT_EQ(
        cudaMemcpyAsync(B, HostB.data(), N * N * 4, cudaMemcpyHostToDevice, S),
        cudaSuccess);
    ASSERT_EQ(cublasLtMatmul(Handle, Desc, &One, A, L, B, L, &Zero, D, L, D, L,
                             nullptr, nullptr, 0, S),
              CUBLAS_STATUS_SUCCESS);
    ASSERT_EQ(
        cudaMemcpyAsync(HostD.data(), D, N * N * 4, cudaMemcpyDeviceToHost, S),
        cudaSuccess);
    ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
    for (int64_t I = 0; I < N; ++I)
      for (int64_t J = 0; J < N; ++J) {
        double X = 0;
        for (int64_t L2 = 0; L2 < N; ++L2)
          X += double(HostA[size_t(I + L2 * N)]) * HostB[size_t(L2 + J * N)];
        ASSERT_NEAR(HostD[size_t(I + J * N)], X > 0 ? X : 0, 1e-4);
      }
  }
  // Captured into a graph and replayed.
  cudaGraph_t Graph;
  cudaGraphExec_t Exec;
  ASSERT_EQ(cudaMemset(D, 0, N * N * 4), cudaSuccess);
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeGlobal),
            cudaSuccess);
  ASSERT_EQ(cublasLtMatmul(Handle, Desc, &One, A, L, B, L, &Zero, D, L, D, L,
                           nullptr, nullptr, 0, S),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaStreamEndCapture(S, &Graph), cudaSuccess);
  ASSERT_EQ(cudaGraphInstantiate(&Exec, Graph, 0), cudaSuccess);
  ASSERT_EQ(cudaGraphLaunch(Exec, S), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  std::vector<float> Replayed(N * N);
  ASSERT_EQ(cudaMemcpy(Replayed.data(), D, N * N * 4, cudaMemcpyDeviceToHost),
            cudaSuccess);
  double X = 0;
  for (int64_t L2 = 0; L2 < N; ++L2)
    X += double(HostA[size_t(L2 * N)]) * HostB[size_t(L2)];
  EXPECT_NEAR(Replayed[0], X > 0 ? X : 0, 1e-4);
  cudaGraphExecDestroy(Exec);
  cudaGraphDestroy(Graph);
  cudaStreamDestroy(S);
  cudaFree(A);
  cudaFree(B);
  cudaFree(D);
}

TEST_F(Matmul, Fp8WithScalesAndAmax) {
  // E4M3 inputs (exact small values), bf16 output; D = scaleD * (alpha *
  // scaleA * scaleB * A B), amax before scaleD.
  const int64_t M = 16, N = 16, K = 32;
  std::vector<uint8_t> A(M * K), B(K * N);
  // E4M3 0x38 is 1.0, 0x40 is 2.0, 0xb8 is -1.0.
  for (size_t I = 0; I < A.size(); ++I)
    A[I] = I % 3 == 0 ? 0x40 : (I % 3 == 1 ? 0x38 : 0xb8);
  for (size_t I = 0; I < B.size(); ++I)
    B[I] = I % 2 ? 0x38 : 0x40;
  uint8_t *DA, *DB;
  ASSERT_EQ(cudaMalloc(&DA, A.size()), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&DB, B.size()), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(DA, A.data(), A.size(), cudaMemcpyHostToDevice),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpy(DB, B.data(), B.size(), cudaMemcpyHostToDevice),
            cudaSuccess);
  float *Scales;
  ASSERT_EQ(cudaMallocManaged(&Scales, 4 * sizeof(float)), cudaSuccess);
  Scales[0] = 0.5f;  // A
  Scales[1] = 2.0f;  // B
  Scales[2] = 0.25f; // D
  Scales[3] = -1;    // amax out
  DeviceArray DD(CUDA_R_16BF, size_t(M * N)), DC(CUDA_R_16BF, size_t(M * N));
  MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  Desc.set(CUBLASLT_MATMUL_DESC_TRANSA, int32_t(CUBLAS_OP_T));
  Desc.set(CUBLASLT_MATMUL_DESC_A_SCALE_POINTER, (void *)&Scales[0]);
  Desc.set(CUBLASLT_MATMUL_DESC_B_SCALE_POINTER, (void *)&Scales[1]);
  Desc.set(CUBLASLT_MATMUL_DESC_D_SCALE_POINTER, (void *)&Scales[2]);
  Desc.set(CUBLASLT_MATMUL_DESC_AMAX_D_POINTER, (void *)&Scales[3]);
  Layout LA(CUDA_R_8F_E4M3, K, M, K), LB(CUDA_R_8F_E4M3, K, N, K),
      LC(CUDA_R_16BF, M, N, M);
  float Alpha = 1.0f, Beta = 0.0f;
  ASSERT_EQ(cublasLtMatmul(Handle, Desc, &Alpha, DA, LA, DB, LB, &Beta,
                           DC.get(), LC, DD.get(), LC, nullptr, nullptr, 0,
                           nullptr),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  auto Value = [](uint8_t V) {
    return V == 0x40 ? 2.0 : (V == 0x38 ? 1.0 : -1.0);
  };
  std::vector<double> D = DD.download();
  double Amax = 0;
  for (int64_t I = 0; I < M; ++I)
    for (int64_t J = 0; J < N; ++J) {
      double X = 0;
      for (int64_t L = 0; L < K; ++L)
        X += Value(A[size_t(L + I * K)]) * Value(B[size_t(L + J * K)]);
      X *= 0.5 * 2.0;
      Amax = std::max(Amax, std::fabs(X));
      ASSERT_NEAR(D[size_t(I + J * M)], roundTo(CUDA_R_16BF, X * 0.25), 1e-6);
    }
  EXPECT_EQ(Scales[3], float(Amax));
  // Scale pointers are refused for non-fp8 inputs.
  Layout LF(CUDA_R_32F, 4, 4, 4);
  EXPECT_EQ(cublasLtMatmul(Handle, Desc, &Alpha, DD.get(), LF, DD.get(), LF,
                           &Beta, DD.get(), LF, DD.get(), LF, nullptr, nullptr,
                           0, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  cudaFree(Scales);
  cudaFree(DA);
  cudaFree(DB);
}

//===--- Errors -----------------------------------------------------------===//

TEST_F(Matmul, ErrorPaths) {
  DeviceArray Buf(CUDA_R_32F, 64);
  void *P = Buf.get();
  float One = 1, Half = 0.5f;
  MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  Layout L(CUDA_R_32F, 4, 4, 4), Short(CUDA_R_32F, 4, 4, 3),
      L16(CUDA_R_16F, 4, 4, 4), Other(CUDA_R_32F, 4, 4, 8);
  auto Call = [&](cublasLtHandle_t H, cublasLtMatmulDesc_t D, const void *Alpha,
                  const void *A, cublasLtMatrixLayout_t LA, const void *C,
                  cublasLtMatrixLayout_t LC, void *Out,
                  cublasLtMatrixLayout_t LD,
                  const cublasLtMatmulAlgo_t *Algo = nullptr) {
    return cublasLtMatmul(H, D, Alpha, A, LA, P, L, &Half, C, LC, Out, LD, Algo,
                          nullptr, 0, nullptr);
  };
  EXPECT_EQ(Call(Handle, Desc, &One, P, L, P, L, P, L), CUBLAS_STATUS_SUCCESS);
  EXPECT_EQ(Call(nullptr, Desc, &One, P, L, P, L, P, L),
            CUBLAS_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(Call(Handle, nullptr, &One, P, L, P, L, P, L),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, Desc, nullptr, P, L, P, L, P, L),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, Desc, &One, nullptr, L, P, L, P, L),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, Desc, &One, P, nullptr, P, L, P, L),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, Desc, &One, P, Short, P, L, P, L),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, Desc, &One, P, L, P, L, nullptr, L),
            CUBLAS_STATUS_INVALID_VALUE);
  // beta != 0 needs C; C == D needs one layout.
  EXPECT_EQ(Call(Handle, Desc, &One, P, L, nullptr, L, P, L),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(Call(Handle, Desc, &One, P, L, P, L, P, Other),
            CUBLAS_STATUS_INVALID_VALUE);
  // Type combinations without a kernel.
  EXPECT_EQ(Call(Handle, Desc, &One, P, L16, P, L, P, L),
            CUBLAS_STATUS_NOT_SUPPORTED);
  // Unsupported descriptor settings.
  {
    MatmulDesc D2(CUBLAS_COMPUTE_32F, CUDA_R_32F);
    D2.set(CUBLASLT_MATMUL_DESC_TRANSC, int32_t(CUBLAS_OP_T));
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_NOT_SUPPORTED);
  }
  {
    MatmulDesc D2(CUBLAS_COMPUTE_32F, CUDA_R_32F);
    D2.set(CUBLASLT_MATMUL_DESC_POINTER_MODE,
           int32_t(CUBLASLT_POINTER_MODE_DEVICE_VECTOR));
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_NOT_SUPPORTED);
    D2.set(CUBLASLT_MATMUL_DESC_POINTER_MODE, int32_t(42));
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_INVALID_VALUE);
  }
  {
    MatmulDesc D2(CUBLAS_COMPUTE_32F, CUDA_R_32F);
    D2.set(CUBLASLT_MATMUL_DESC_TRANSA, int32_t(7));
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_INVALID_VALUE);
  }
  {
    MatmulDesc D2(cublasComputeType_t(1234), CUDA_R_32F);
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_INVALID_VALUE);
  }
  {
    // Epilogues missing their vectors, or with too short an aux.
    MatmulDesc D2(CUBLAS_COMPUTE_32F, CUDA_R_32F);
    D2.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(CUBLASLT_EPILOGUE_BIAS));
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_INVALID_VALUE);
    D2.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(CUBLASLT_EPILOGUE_GELU_AUX));
    D2.set(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER, P);
    D2.set(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD, int64_t(2));
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_INVALID_VALUE);
    D2.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(CUBLASLT_EPILOGUE_RELU_AUX));
    D2.set(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD, int64_t(8));
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_INVALID_VALUE);
    D2.set(CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE, int32_t(CUDA_R_64F));
    D2.set(CUBLASLT_MATMUL_DESC_BIAS_POINTER, P);
    D2.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(CUBLASLT_EPILOGUE_BIAS));
    EXPECT_EQ(Call(Handle, D2, &One, P, L, P, L, P, L),
              CUBLAS_STATUS_NOT_SUPPORTED);
  }
  // Layout features without an implementation.
  {
    Layout Col32(CUDA_R_32F, 4, 4, 4), Planar(CUDA_R_32F, 4, 4, 4),
        Pointers(CUDA_R_32F, 4, 4, 4);
    Col32.set(CUBLASLT_MATRIX_LAYOUT_ORDER, int32_t(CUBLASLT_ORDER_COL32));
    Planar.set(CUBLASLT_MATRIX_LAYOUT_PLANE_OFFSET, int64_t(64));
    Pointers.set(CUBLASLT_MATRIX_LAYOUT_BATCH_MODE,
                 uint32_t(CUBLASLT_BATCH_MODE_POINTER_ARRAY));
    EXPECT_EQ(Call(Handle, Desc, &One, P, Col32, P, L, P, L),
              CUBLAS_STATUS_NOT_SUPPORTED);
    EXPECT_EQ(Call(Handle, Desc, &One, P, Planar, P, L, P, L),
              CUBLAS_STATUS_NOT_SUPPORTED);
    EXPECT_EQ(Call(Handle, Desc, &One, P, Pointers, P, L, P, L),
              CUBLAS_STATUS_NOT_SUPPORTED);
    Layout Batched(CUDA_R_32F, 4, 4, 4);
    Batched.batch(2, 16);
    EXPECT_EQ(Call(Handle, Desc, &One, P, Batched, P, L, P, L),
              CUBLAS_STATUS_INVALID_VALUE);
  }
  // An algorithm that is not one of ours; workspace size without memory.
  cublasLtMatmulAlgo_t Garbage;
  std::memset(&Garbage, 0x11, sizeof(Garbage));
  EXPECT_EQ(Call(Handle, Desc, &One, P, L, P, L, P, L, &Garbage),
            CUBLAS_STATUS_INVALID_VALUE);
  EXPECT_EQ(cublasLtMatmul(Handle, Desc, &One, P, L, P, L, &Half, P, L, P, L,
                           nullptr, nullptr, 64, nullptr),
            CUBLAS_STATUS_INVALID_VALUE);
  // A stream that does not exist.
  EXPECT_EQ(cublasLtMatmul(Handle, Desc, &One, P, L, P, L, &Half, P, L, P, L,
                           nullptr, nullptr, 0,
                           reinterpret_cast<cudaStream_t>(0x1234)),
            CUBLAS_STATUS_INVALID_VALUE);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
}

} // namespace
