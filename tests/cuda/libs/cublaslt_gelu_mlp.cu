// One MLP layer trained for a step with cuBLASLt's fused epilogues, as
// training code does: the forward pass applies bias and GELU in the GEMM
// (GELU_AUX_BIAS, keeping the pre-activation), the backward pass fuses the
// GELU gradient and the bias gradient (DGELU_BGRAD), and the weight
// gradient's GEMM reduces the bias gradient again (BGRADA). The loss
// gradient comes from a kernel on the same stream. Everything is checked
// against a host reference.
// txcc-flags: -lcublasLt
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cublasLt.h>
#include <cuda_runtime.h>

#include <cmath>
#include <cstdio>
#include <vector>

#define CHECK_CUDA(X)                                                          \
  do {                                                                         \
    cudaError_t E_ = (X);                                                      \
    if (E_ != cudaSuccess) {                                                   \
      printf("CUDA error %s at line %d\n", cudaGetErrorString(E_), __LINE__);  \
      return 1;                                                                \
    }                                                                          \
  } while (0)
#define CHECK_LT(X)                                                            \
  do {                                                                         \
    cublasStatus_t S_ = (X);                                                   \
    if (S_ != CUBLAS_STATUS_SUCCESS) {                                         \
      printf("cuBLASLt error %s at line %d\n", cublasLtGetStatusName(S_),      \
             __LINE__);                                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int In = 32, Hidden = 64, Out = 16, Batch = 48;

__global__ void lossGradient(const float *Y, const float *Target, float *DY,
                             int Count) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < Count)
    DY[I] = (Y[I] - Target[I]) / Batch;
}

static double gelu(double X) {
  double K = std::sqrt(2.0 / M_PI);
  return 0.5 * X * (1 + std::tanh(K * (X + 0.044715 * X * X * X)));
}
static double geluGradient(double X) {
  double K = std::sqrt(2.0 / M_PI);
  double T = std::tanh(K * (X + 0.044715 * X * X * X));
  return 0.5 * (1 + T) + 0.5 * X * (1 - T * T) * K * (1 + 0.134145 * X * X);
}

static float value(unsigned Seed, unsigned I) {
  unsigned X = Seed * 2654435761u + I * 40503u;
  X ^= X >> 13;
  X *= 0x5bd1e995u;
  X ^= X >> 15;
  return float(int(X % 200) - 100) / 100.0f;
}

/// One column-major matrix: host values and a device copy.
struct Matrix {
  int Rows, Cols;
  std::vector<float> Host;
  float *Device = nullptr;
  Matrix(int R, int C, unsigned Seed) : Rows(R), Cols(C), Host(R * C) {
    for (int I = 0; I < R * C; ++I)
      Host[I] = Seed ? value(Seed, I) : 0.0f;
    cudaMalloc(&Device, Host.size() * sizeof(float));
    cudaMemcpy(Device, Host.data(), Host.size() * sizeof(float),
               cudaMemcpyHostToDevice);
  }
  ~Matrix() { cudaFree(Device); }
  std::vector<float> download() const {
    std::vector<float> V(Host.size());
    cudaMemcpy(V.data(), Device, V.size() * sizeof(float),
               cudaMemcpyDeviceToHost);
    return V;
  }
};

/// C = op(A) op(B) with an epilogue, all fp32, column-major, packed.
static cublasStatus_t matmul(cublasLtHandle_t H, cudaStream_t S,
                             cublasOperation_t TA, cublasOperation_t TB,
                             const Matrix &A, const Matrix &B, Matrix &C,
                             cublasLtEpilogue_t Epilogue, void *Bias, void *Aux,
                             int64_t AuxLd) {
  cublasLtMatmulDesc_t Desc;
  cublasLtMatrixLayout_t LA, LB, LC;
  cublasStatus_t St =
      cublasLtMatmulDescCreate(&Desc, CUBLAS_COMPUTE_32F, CUDA_R_32F);
  if (St)
    return St;
  int32_t OpA = TA, OpB = TB;
  uint32_t Epi = Epilogue;
  cublasLtMatmulDescSetAttribute(Desc, CUBLASLT_MATMUL_DESC_TRANSA, &OpA, 4);
  cublasLtMatmulDescSetAttribute(Desc, CUBLASLT_MATMUL_DESC_TRANSB, &OpB, 4);
  cublasLtMatmulDescSetAttribute(Desc, CUBLASLT_MATMUL_DESC_EPILOGUE, &Epi, 4);
  cublasLtMatmulDescSetAttribute(Desc, CUBLASLT_MATMUL_DESC_BIAS_POINTER, &Bias,
                                 sizeof(Bias));
  cublasLtMatmulDescSetAttribute(
      Desc, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER, &Aux, sizeof(Aux));
  cublasLtMatmulDescSetAttribute(Desc, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD,
                                 &AuxLd, sizeof(AuxLd));
  cublasLtMatrixLayoutCreate(&LA, CUDA_R_32F, A.Rows, A.Cols, A.Rows);
  cublasLtMatrixLayoutCreate(&LB, CUDA_R_32F, B.Rows, B.Cols, B.Rows);
  cublasLtMatrixLayoutCreate(&LC, CUDA_R_32F, C.Rows, C.Cols, C.Rows);

  // Ask the heuristic for an algorithm, as real code does.
  cublasLtMatmulPreference_t Pref;
  cublasLtMatmulPreferenceCreate(&Pref);
  uint64_t Workspace = 1 << 20;
  cublasLtMatmulPreferenceSetAttribute(
      Pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &Workspace, 8);
  cublasLtMatmulHeuristicResult_t Result;
  int Found = 0;
  St = cublasLtMatmulAlgoGetHeuristic(H, Desc, LA, LB, LC, LC, Pref, 1, &Result,
                                      &Found);
  if (St == CUBLAS_STATUS_SUCCESS && Found == 0)
    St = CUBLAS_STATUS_NOT_SUPPORTED;
  float One = 1.0f, Zero = 0.0f;
  // The workspace the heuristic was allowed (NVIDIA's bias-gradient
  // epilogues reduce through it).
  void *Space = nullptr;
  if (St == CUBLAS_STATUS_SUCCESS && cudaMalloc(&Space, Workspace))
    St = CUBLAS_STATUS_ALLOC_FAILED;
  if (St == CUBLAS_STATUS_SUCCESS)
    St = cublasLtMatmul(H, Desc, &One, A.Device, LA, B.Device, LB, &Zero,
                        C.Device, LC, C.Device, LC, &Result.algo, Space,
                        Workspace, S);
  if (Space) {
    cudaStreamSynchronize(S);
    cudaFree(Space);
  }
  cublasLtMatmulPreferenceDestroy(Pref);
  cublasLtMatrixLayoutDestroy(LA);
  cublasLtMatrixLayoutDestroy(LB);
  cublasLtMatrixLayoutDestroy(LC);
  cublasLtMatmulDescDestroy(Desc);
  return St;
}

static bool near(double Got, double Want, double Tol, const char *What, int I) {
  if (std::fabs(Got - Want) <= Tol * (1 + std::fabs(Want)))
    return true;
  printf("FAIL %s[%d]: got %.7f, want %.7f\n", What, I, Got, Want);
  return false;
}

int main() {
  cublasLtHandle_t H;
  CHECK_LT(cublasLtCreate(&H));
  cudaStream_t S;
  CHECK_CUDA(cudaStreamCreate(&S));
  Matrix X(In, Batch, 1), W1(Hidden, In, 2), B1(Hidden, 1, 3),
      W2(Out, Hidden, 4), Target(Out, Batch, 5);
  Matrix Z(Hidden, Batch, 0), Act(Hidden, Batch, 0), Y(Out, Batch, 0),
      DY(Out, Batch, 0), DZ(Hidden, Batch, 0), DB1(Hidden, 1, 0),
      DW1(Hidden, In, 0), DB1Again(Hidden, 1, 0);

  // Forward: Act = gelu(W1 X + b1), keeping Z = W1 X + b1; Y = W2 Act.
  CHECK_LT(matmul(H, S, CUBLAS_OP_N, CUBLAS_OP_N, W1, X, Act,
                  CUBLASLT_EPILOGUE_GELU_AUX_BIAS, B1.Device, Z.Device,
                  Hidden));
  CHECK_LT(matmul(H, S, CUBLAS_OP_N, CUBLAS_OP_N, W2, Act, Y,
                  CUBLASLT_EPILOGUE_DEFAULT, nullptr, nullptr, 0));
  lossGradient<<<(Out * Batch + 127) / 128, 128, 0, S>>>(
      Y.Device, Target.Device, DY.Device, Out * Batch);
  // Backward: DZ = (W2^T DY) * gelu'(Z), db1 = row sums of DZ;
  // dW1 = DZ X^T, with db1 again from BGRADA.
  CHECK_LT(matmul(H, S, CUBLAS_OP_T, CUBLAS_OP_N, W2, DY, DZ,
                  CUBLASLT_EPILOGUE_DGELU_BGRAD, DB1.Device, Z.Device, Hidden));
  CHECK_LT(matmul(H, S, CUBLAS_OP_N, CUBLAS_OP_T, DZ, X, DW1,
                  CUBLASLT_EPILOGUE_BGRADA, DB1Again.Device, nullptr, 0));
  CHECK_CUDA(cudaStreamSynchronize(S));

  // Host reference in double.
  std::vector<double> RZ(Hidden * Batch), RA(Hidden * Batch), RY(Out * Batch),
      RDY(Out * Batch), RDZ(Hidden * Batch), RDB(Hidden, 0.0),
      RDW(Hidden * In, 0.0);
  for (int J = 0; J < Batch; ++J)
    for (int I = 0; I < Hidden; ++I) {
      double Sum = B1.Host[I];
      for (int L = 0; L < In; ++L)
        Sum += double(W1.Host[I + L * Hidden]) * X.Host[L + J * In];
      RZ[I + J * Hidden] = Sum;
      RA[I + J * Hidden] = gelu(Sum);
    }
  for (int J = 0; J < Batch; ++J)
    for (int I = 0; I < Out; ++I) {
      double Sum = 0;
      for (int L = 0; L < Hidden; ++L)
        Sum += double(W2.Host[I + L * Out]) * RA[L + J * Hidden];
      RY[I + J * Out] = Sum;
      RDY[I + J * Out] = (Sum - Target.Host[I + J * Out]) / Batch;
    }
  for (int J = 0; J < Batch; ++J)
    for (int I = 0; I < Hidden; ++I) {
      double Sum = 0;
      for (int L = 0; L < Out; ++L)
        Sum += double(W2.Host[L + I * Out]) * RDY[L + J * Out];
      RDZ[I + J * Hidden] = Sum * geluGradient(RZ[I + J * Hidden]);
      RDB[I] += RDZ[I + J * Hidden];
    }
  for (int L = 0; L < In; ++L)
    for (int I = 0; I < Hidden; ++I)
      for (int J = 0; J < Batch; ++J)
        RDW[I + L * Hidden] += RDZ[I + J * Hidden] * X.Host[L + J * In];

  bool Ok = true;
  std::vector<float> GZ = Z.download(), GA = Act.download(), GY = Y.download(),
                     GDZ = DZ.download(), GDB = DB1.download(),
                     GDW = DW1.download(), GDB2 = DB1Again.download();
  for (int I = 0; Ok && I < Hidden * Batch; ++I)
    Ok = near(GZ[I], RZ[I], 1e-5, "Z", I) &&
         near(GA[I], RA[I], 1e-5, "act", I) &&
         near(GDZ[I], RDZ[I], 1e-4, "dZ", I);
  // Y sums Hidden products of activations each within 1e-5 (a GPU's GELU
  // epilogue is that close, not closer).
  for (int I = 0; Ok && I < Out * Batch; ++I)
    Ok = near(GY[I], RY[I], 1e-4, "Y", I);
  for (int I = 0; Ok && I < Hidden; ++I)
    Ok = near(GDB[I], RDB[I], 1e-4, "db1", I) &&
         near(GDB2[I], RDB[I], 1e-4, "db1 (BGRADA)", I);
  for (int I = 0; Ok && I < Hidden * In; ++I)
    Ok = near(GDW[I], RDW[I], 1e-4, "dW1", I);

  cudaStreamDestroy(S);
  cublasLtDestroy(H);
  if (!Ok)
    return 1;
  printf("PASS\n");
  return 0;
}
