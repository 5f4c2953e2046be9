//===- EpilogueTest.cpp - cublasLtMatmul's epilogues ----------------------===//
//
// Part of Tongxin. Every epilogue in fp32, fp16 and bf16, on a small
// problem and on one large enough to be split over the workers, against a
// double-precision reference of the same steps: bias, ReLU and GELU with
// their aux outputs, the gradients DRELU and DGELU with bias gradients,
// and BGRADA / BGRADB.
//
//===----------------------------------------------------------------------===//

#include "LtTestSupport.h"

#include <tuple>

using namespace lttest;

namespace {

struct Shape {
  int64_t M, N, K;
  cublasOperation_t TransA, TransB;
};

const Shape Shapes[] = {{37, 29, 19, CUBLAS_OP_N, CUBLAS_OP_N},
                        {150, 131, 70, CUBLAS_OP_T, CUBLAS_OP_T},
                        {96, 200, 33, CUBLAS_OP_N, CUBLAS_OP_T}};

using Param = std::tuple<cudaDataType, cublasLtEpilogue_t, int>;

class Epilogue : public LtTest, public ::testing::WithParamInterface<Param> {
protected:
  bool has(int Bits) const { return (std::get<1>(GetParam()) & Bits) != 0; }
};

bool isMaskEpilogue(cublasLtEpilogue_t E) {
  return E == CUBLASLT_EPILOGUE_RELU_AUX ||
         E == CUBLASLT_EPILOGUE_RELU_AUX_BIAS || E == CUBLASLT_EPILOGUE_DRELU ||
         E == CUBLASLT_EPILOGUE_DRELU_BGRAD;
}

TEST_P(Epilogue, MatchesReference) {
  auto [T, E, ShapeIndex] = GetParam();
  const Shape &S = Shapes[ShapeIndex];
  const int64_t M = S.M, N = S.N, K = S.K;
  bool TA = S.TransA != CUBLAS_OP_N, TB = S.TransB != CUBLAS_OP_N;
  int64_t RowsA = TA ? K : M, ColsA = TA ? M : K;
  int64_t RowsB = TB ? N : K, ColsB = TB ? K : N;
  int64_t Lda = RowsA + 3, Ldb = RowsB + 1, Ldc = M + 1, Ldd = M + 2;
  std::vector<double> A(size_t(Lda * ColsA)), B(size_t(Ldb * ColsB)),
      C(size_t(Ldc * N));
  for (size_t I = 0; I < A.size(); ++I)
    A[I] = testValue(1, I);
  for (size_t I = 0; I < B.size(); ++I)
    B[I] = testValue(2, I);
  for (size_t I = 0; I < C.size(); ++I)
    C[I] = testValue(3, I);
  const float Alpha = 1.0f, Beta = 0.5f;

  bool Mask = isMaskEpilogue(E);
  bool Backward =
      E == CUBLASLT_EPILOGUE_DGELU || E == CUBLASLT_EPILOGUE_DGELU_BGRAD ||
      E == CUBLASLT_EPILOGUE_DRELU || E == CUBLASLT_EPILOGUE_DRELU_BGRAD;
  bool StoresAux = has(128) && !Backward;
  bool BiasIn = has(CUBLASLT_EPILOGUE_BIAS) && !Backward;
  bool BGradD = Backward && has(16);
  bool BGradA = E == CUBLASLT_EPILOGUE_BGRADA;
  bool BGradB = E == CUBLASLT_EPILOGUE_BGRADB;
  int64_t BiasLength = BGradB ? N : M;
  std::vector<double> Bias(static_cast<size_t>(BiasLength));
  for (size_t I = 0; I < Bias.size(); ++I)
    Bias[I] = BiasIn ? testValue(4, I) : 0.0;
  // GELU inputs: an element per value; ReLU: a bit per value.
  int64_t AuxLd = Mask ? (M + 127) / 128 * 128 : (M + 7) / 8 * 8;
  std::vector<double> AuxIn(static_cast<size_t>(AuxLd * N));
  for (size_t I = 0; I < AuxIn.size(); ++I)
    AuxIn[I] = testValue(5, I);
  std::vector<uint8_t> MaskIn(size_t(AuxLd * N / 8));
  for (size_t I = 0; I < MaskIn.size(); ++I)
    MaskIn[I] = uint8_t(int(testValue(6, I) * 8 * 37) & 0xff);

  DeviceArray DA(T, A), DB(T, B), DC(T, C), DD(T, size_t(Ldd * N));
  DeviceArray DBias(T, Bias);
  DeviceArray DAux(Mask ? CUDA_R_8I : T,
                   Mask ? size_t(AuxLd * N / 8) : size_t(AuxLd * N));
  if (Mask)
    ASSERT_EQ(cudaMemcpy(DAux.get(), MaskIn.data(), MaskIn.size(),
                         cudaMemcpyHostToDevice),
              cudaSuccess);
  else
    DAux.upload(AuxIn);

  MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  Desc.set(CUBLASLT_MATMUL_DESC_TRANSA, int32_t(S.TransA));
  Desc.set(CUBLASLT_MATMUL_DESC_TRANSB, int32_t(S.TransB));
  Desc.set(CUBLASLT_MATMUL_DESC_EPILOGUE, uint32_t(E));
  Desc.set(CUBLASLT_MATMUL_DESC_BIAS_POINTER, DBias.get());
  Desc.set(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER, DAux.get());
  Desc.set(CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD, AuxLd);
  Layout LA(T, RowsA, ColsA, Lda), LB(T, RowsB, ColsB, Ldb), LC(T, M, N, Ldc),
      LD(T, M, N, Ldd);
  ASSERT_EQ(cublasLtMatmul(Handle, Desc, &Alpha, DA.get(), LA, DB.get(), LB,
                           &Beta, DC.get(), LC, DD.get(), LD, nullptr, nullptr,
                           0, nullptr),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);

  auto OpA = [&](int64_t I, int64_t L) {
    return TA ? A[at(L, I, Lda)] : A[at(I, L, Lda)];
  };
  auto OpB = [&](int64_t L, int64_t J) {
    return TB ? B[at(J, L, Ldb)] : B[at(L, J, Ldb)];
  };
  auto MaskBit = [&](int64_t I, int64_t J) {
    int64_t Bit = I + J * AuxLd;
    return (MaskIn[size_t(Bit / 8)] >> (Bit % 8)) & 1;
  };
  std::vector<double> D = DD.download(), Aux;
  std::vector<uint8_t> MaskOut;
  if (Mask)
    MaskOut = DAux.bytes();
  else
    Aux = DAux.download();
  std::vector<double> RowSums(size_t(M), 0.0), RowMagnitude(size_t(M), 0.0);
  double Tol = tolerance(T);
  for (int64_t J = 0; J < N; ++J) {
    for (int64_t I = 0; I < M; ++I) {
      double X = 0;
      for (int64_t L = 0; L < K; ++L)
        X += OpA(I, L) * OpB(L, J);
      X = Alpha * X + Beta * C[at(I, J, Ldc)];
      if (BiasIn)
        X += Bias[size_t(I)];
      if (StoresAux && Mask) {
        int64_t Bit = I + J * AuxLd;
        ASSERT_EQ((MaskOut[size_t(Bit / 8)] >> (Bit % 8)) & 1, X > 0 ? 1 : 0)
            << I << "," << J;
      } else if (StoresAux) {
        ASSERT_NEAR(Aux[at(I, J, AuxLd)], roundTo(T, X),
                    Tol * (1 + std::fabs(X)))
            << I << "," << J;
      }
      if (has(CUBLASLT_EPILOGUE_RELU) && !Backward)
        X = X > 0 ? X : 0;
      if (has(CUBLASLT_EPILOGUE_GELU) && !Backward)
        X = gelu(X);
      if (E == CUBLASLT_EPILOGUE_DGELU || E == CUBLASLT_EPILOGUE_DGELU_BGRAD)
        X *= geluGradient(roundTo(T, AuxIn[at(I, J, AuxLd)]));
      if (E == CUBLASLT_EPILOGUE_DRELU || E == CUBLASLT_EPILOGUE_DRELU_BGRAD)
        X = MaskBit(I, J) ? X : 0;
      RowSums[size_t(I)] += X;
      RowMagnitude[size_t(I)] += std::fabs(X);
      ASSERT_NEAR(D[at(I, J, Ldd)], roundTo(T, X), Tol * (1 + std::fabs(X)))
          << I << "," << J;
    }
  }
  std::vector<double> BiasOut = DBias.download();
  if (BGradD)
    for (int64_t I = 0; I < M; ++I)
      ASSERT_NEAR(BiasOut[size_t(I)], RowSums[size_t(I)],
                  Tol * (1 + RowMagnitude[size_t(I)]))
          << I;
  if (BGradA)
    for (int64_t I = 0; I < M; ++I) {
      double Sum = 0;
      for (int64_t L = 0; L < K; ++L)
        Sum += OpA(I, L);
      ASSERT_NEAR(BiasOut[size_t(I)], Sum, Tol * (1 + std::fabs(Sum))) << I;
    }
  if (BGradB)
    for (int64_t J = 0; J < N; ++J) {
      double Sum = 0;
      for (int64_t L = 0; L < K; ++L)
        Sum += OpB(L, J);
      ASSERT_NEAR(BiasOut[size_t(J)], Sum, Tol * (1 + std::fabs(Sum))) << J;
    }
}

std::string paramName(const ::testing::TestParamInfo<Param> &Info) {
  auto [T, E, ShapeIndex] = Info.param;
  const char *Type =
      T == CUDA_R_32F ? "F32" : (T == CUDA_R_16F ? "F16" : "BF16");
  const char *Name = "Unknown";
  switch (E) {
#define TX_NAME(X)                                                             \
  case CUBLASLT_EPILOGUE_##X:                                                  \
    Name = #X;                                                                 \
    break;
    TX_NAME(DEFAULT)
    TX_NAME(RELU)
    TX_NAME(RELU_AUX)
    TX_NAME(BIAS)
    TX_NAME(RELU_BIAS)
    TX_NAME(RELU_AUX_BIAS)
    TX_NAME(DRELU)
    TX_NAME(DRELU_BGRAD)
    TX_NAME(GELU)
    TX_NAME(GELU_AUX)
    TX_NAME(GELU_BIAS)
    TX_NAME(GELU_AUX_BIAS)
    TX_NAME(DGELU)
    TX_NAME(DGELU_BGRAD)
    TX_NAME(BGRADA)
    TX_NAME(BGRADB)
#undef TX_NAME
  }
  return std::string(Type) + "_" + Name + "_" + std::to_string(ShapeIndex);
}

INSTANTIATE_TEST_SUITE_P(
    AllEpilogues, Epilogue,
    ::testing::Combine(
        ::testing::Values(CUDA_R_32F, CUDA_R_16F, CUDA_R_16BF),
        ::testing::Values(
            CUBLASLT_EPILOGUE_DEFAULT, CUBLASLT_EPILOGUE_RELU,
            CUBLASLT_EPILOGUE_RELU_AUX, CUBLASLT_EPILOGUE_BIAS,
            CUBLASLT_EPILOGUE_RELU_BIAS, CUBLASLT_EPILOGUE_RELU_AUX_BIAS,
            CUBLASLT_EPILOGUE_DRELU, CUBLASLT_EPILOGUE_DRELU_BGRAD,
            CUBLASLT_EPILOGUE_GELU, CUBLASLT_EPILOGUE_GELU_AUX,
            CUBLASLT_EPILOGUE_GELU_BIAS, CUBLASLT_EPILOGUE_GELU_AUX_BIAS,
            CUBLASLT_EPILOGUE_DGELU, CUBLASLT_EPILOGUE_DGELU_BGRAD,
            CUBLASLT_EPILOGUE_BGRADA, CUBLASLT_EPILOGUE_BGRADB),
        ::testing::Values(0, 1, 2)),
    paramName);

} // namespace
