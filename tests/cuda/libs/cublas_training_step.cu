// A two-layer perceptron trained for a few SGD steps, as a training loop
// calls cuBLAS: forward GEMMs (cublasSgemm), a bias+ReLU kernel, softmax
// cross-entropy gradient kernel, backward GEMMs with transposes, the bias
// gradient as a GEMV against a ones vector, and the weight update with
// cublasSaxpy. Everything runs on one stream set with cublasSetStream.
// The same steps on the host in double give the reference weights.
// txcc-flags: -lcublas
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cmath>
#include <cstdio>
#include <vector>

#include <cublas_v2.h>
#include <cuda_runtime.h>

#define CHECK_CUDA(call)                                                       \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)
#define CHECK_BLAS(call)                                                       \
  do {                                                                         \
    cublasStatus_t st_ = (call);                                               \
    if (st_ != CUBLAS_STATUS_SUCCESS) {                                        \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cublasGetStatusString(st_));                                      \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// Sizes: batch B, inputs I, hidden H, classes C. Column-major throughout:
// X is I x B, W1 is H x I, W2 is C x H.
constexpr int B = 64, I = 48, H = 96, C = 10, Steps = 5;
constexpr float Rate = 0.05f;

__global__ void biasRelu(float *Z, const float *Bias, int Rows, int Cols,
                         float *Mask) {
  int Idx = blockIdx.x * blockDim.x + threadIdx.x;
  if (Idx >= Rows * Cols)
    return;
  float V = Z[Idx] + Bias[Idx % Rows];
  Mask[Idx] = V > 0 ? 1.0f : 0.0f;
  Z[Idx] = V > 0 ? V : 0.0f;
}

// dLogits = (softmax(logits + bias) - onehot(label)) / B, per column.
__global__ void softmaxGrad(const float *Logits, const float *Bias,
                            const int *Labels, float *Grad) {
  int Col = blockIdx.x * blockDim.x + threadIdx.x;
  if (Col >= B)
    return;
  float Max = -1e30f;
  for (int R = 0; R < C; ++R)
    Max = fmaxf(Max, Logits[R + Col * C] + Bias[R]);
  float Sum = 0;
  for (int R = 0; R < C; ++R)
    Sum += expf(Logits[R + Col * C] + Bias[R] - Max);
  for (int R = 0; R < C; ++R) {
    float P = expf(Logits[R + Col * C] + Bias[R] - Max) / Sum;
    Grad[R + Col * C] = (P - (Labels[Col] == R ? 1.0f : 0.0f)) / B;
  }
}

__global__ void multiply(float *X, const float *Mask, int N) {
  int Idx = blockIdx.x * blockDim.x + threadIdx.x;
  if (Idx < N)
    X[Idx] *= Mask[Idx];
}

struct HostModel {
  std::vector<double> W1, B1, W2, B2;
};

// One SGD step on the host, in double.
static void hostStep(HostModel &M, const std::vector<float> &X,
                     const std::vector<int> &Labels) {
  std::vector<double> Z(H * B), Logits(C * B), G(C * B), GH(H * B);
  for (int b = 0; b < B; ++b)
    for (int h = 0; h < H; ++h) {
      double S = M.B1[h];
      for (int i = 0; i < I; ++i)
        S += M.W1[h + i * H] * X[i + b * I];
      Z[h + b * H] = S > 0 ? S : 0;
    }
  for (int b = 0; b < B; ++b) {
    double Max = -1e300;
    for (int c = 0; c < C; ++c) {
      double S = M.B2[c];
      for (int h = 0; h < H; ++h)
        S += M.W2[c + h * C] * Z[h + b * H];
      Logits[c + b * C] = S;
      Max = std::fmax(Max, S);
    }
    double Sum = 0;
    for (int c = 0; c < C; ++c)
      Sum += std::exp(Logits[c + b * C] - Max);
    for (int c = 0; c < C; ++c)
      G[c + b * C] =
          (std::exp(Logits[c + b * C] - Max) / Sum - (Labels[b] == c)) / B;
  }
  for (int b = 0; b < B; ++b)
    for (int h = 0; h < H; ++h) {
      double S = 0;
      for (int c = 0; c < C; ++c)
        S += M.W2[c + h * C] * G[c + b * C];
      GH[h + b * H] = Z[h + b * H] > 0 ? S : 0;
    }
  for (int h = 0; h < H; ++h)
    for (int c = 0; c < C; ++c) {
      double S = 0;
      for (int b = 0; b < B; ++b)
        S += G[c + b * C] * Z[h + b * H];
      M.W2[c + h * C] -= Rate * S;
    }
  for (int c = 0; c < C; ++c) {
    double S = 0;
    for (int b = 0; b < B; ++b)
      S += G[c + b * C];
    M.B2[c] -= Rate * S;
  }
  for (int i = 0; i < I; ++i)
    for (int h = 0; h < H; ++h) {
      double S = 0;
      for (int b = 0; b < B; ++b)
        S += GH[h + b * H] * X[i + b * I];
      M.W1[h + i * H] -= Rate * S;
    }
  for (int h = 0; h < H; ++h) {
    double S = 0;
    for (int b = 0; b < B; ++b)
      S += GH[h + b * H];
    M.B1[h] -= Rate * S;
  }
}

static float value(unsigned Seed, int Index) {
  unsigned X = Seed * 2654435761u ^ unsigned(Index) * 40503u;
  X ^= X >> 13;
  X *= 0x5bd1e995u;
  X ^= X >> 15;
  return float(int(X % 2001) - 1000) / 4000.0f;
}

int main() {
  std::vector<float> X(I * B), W1(H * I), B1(H, 0.01f), W2(C * H), B2(C, 0);
  std::vector<int> Labels(B);
  for (int k = 0; k < I * B; ++k)
    X[k] = value(1, k) * 4;
  for (int k = 0; k < H * I; ++k)
    W1[k] = value(2, k);
  for (int k = 0; k < C * H; ++k)
    W2[k] = value(3, k);
  for (int b = 0; b < B; ++b)
    Labels[b] = (b * 7) % C;
  HostModel Ref{{W1.begin(), W1.end()}, {B1.begin(), B1.end()},
                {W2.begin(), W2.end()}, {B2.begin(), B2.end()}};

  float *dX, *dW1, *dB1, *dW2, *dB2, *dZ, *dMask, *dLogits, *dG, *dGH, *dGW1,
      *dGW2, *dOnes, *dGB;
  int *dLabels;
  CHECK_CUDA(cudaMalloc(&dX, sizeof(float) * I * B));
  CHECK_CUDA(cudaMalloc(&dW1, sizeof(float) * H * I));
  CHECK_CUDA(cudaMalloc(&dB1, sizeof(float) * H));
  CHECK_CUDA(cudaMalloc(&dW2, sizeof(float) * C * H));
  CHECK_CUDA(cudaMalloc(&dB2, sizeof(float) * C));
  CHECK_CUDA(cudaMalloc(&dZ, sizeof(float) * H * B));
  CHECK_CUDA(cudaMalloc(&dMask, sizeof(float) * H * B));
  CHECK_CUDA(cudaMalloc(&dLogits, sizeof(float) * C * B));
  CHECK_CUDA(cudaMalloc(&dG, sizeof(float) * C * B));
  CHECK_CUDA(cudaMalloc(&dGH, sizeof(float) * H * B));
  CHECK_CUDA(cudaMalloc(&dGW1, sizeof(float) * H * I));
  CHECK_CUDA(cudaMalloc(&dGW2, sizeof(float) * C * H));
  CHECK_CUDA(cudaMalloc(&dOnes, sizeof(float) * B));
  CHECK_CUDA(cudaMalloc(&dGB, sizeof(float) * H));
  CHECK_CUDA(cudaMalloc(&dLabels, sizeof(int) * B));
  std::vector<float> Ones(B, 1.0f);
  CHECK_CUDA(cudaMemcpy(dX, X.data(), sizeof(float) * I * B, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(dW1, W1.data(), sizeof(float) * H * I, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(dB1, B1.data(), sizeof(float) * H, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(dW2, W2.data(), sizeof(float) * C * H, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(dB2, B2.data(), sizeof(float) * C, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(dOnes, Ones.data(), sizeof(float) * B, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(dLabels, Labels.data(), sizeof(int) * B, cudaMemcpyHostToDevice));

  cudaStream_t Stream;
  CHECK_CUDA(cudaStreamCreate(&Stream));
  cublasHandle_t Handle;
  CHECK_BLAS(cublasCreate(&Handle));
  CHECK_BLAS(cublasSetStream(Handle, Stream));
  const float One = 1, Zero = 0, MinusRate = -Rate;
  for (int Step = 0; Step < Steps; ++Step) {
    // Forward: Z = relu(W1 X + b1), Logits = W2 Z.
    CHECK_BLAS(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, H, B, I, &One,
                           dW1, H, dX, I, &Zero, dZ, H));
    biasRelu<<<(H * B + 127) / 128, 128, 0, Stream>>>(dZ, dB1, H, B, dMask);
    CHECK_BLAS(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_N, C, B, H, &One,
                           dW2, C, dZ, H, &Zero, dLogits, C));
    softmaxGrad<<<1, B, 0, Stream>>>(dLogits, dB2, dLabels, dG);
    // Backward: dZ = W2^T G (masked), dW2 = G Z^T, dW1 = dZ X^T.
    CHECK_BLAS(cublasSgemm(Handle, CUBLAS_OP_T, CUBLAS_OP_N, H, B, C, &One,
                           dW2, C, dG, C, &Zero, dGH, H));
    multiply<<<(H * B + 127) / 128, 128, 0, Stream>>>(dGH, dMask, H * B);
    CHECK_BLAS(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_T, C, H, B, &One, dG,
                           C, dZ, H, &Zero, dGW2, C));
    CHECK_BLAS(cublasSgemm(Handle, CUBLAS_OP_N, CUBLAS_OP_T, H, I, B, &One,
                           dGH, H, dX, I, &Zero, dGW1, H));
    // Updates: W -= rate * dW; b -= rate * (G 1).
    CHECK_BLAS(cublasSaxpy(Handle, C * H, &MinusRate, dGW2, 1, dW2, 1));
    CHECK_BLAS(cublasSaxpy(Handle, H * I, &MinusRate, dGW1, 1, dW1, 1));
    CHECK_BLAS(cublasSgemv(Handle, CUBLAS_OP_N, C, B, &MinusRate, dG, C, dOnes,
                           1, &One, dB2, 1));
    CHECK_BLAS(cublasSgemv(Handle, CUBLAS_OP_N, H, B, &One, dGH, H, dOnes, 1,
                           &Zero, dGB, 1));
    CHECK_BLAS(cublasSaxpy(Handle, H, &MinusRate, dGB, 1, dB1, 1));
    hostStep(Ref, X, Labels);
  }
  CHECK_CUDA(cudaStreamSynchronize(Stream));
  CHECK_CUDA(cudaMemcpy(W1.data(), dW1, sizeof(float) * H * I, cudaMemcpyDeviceToHost));
  CHECK_CUDA(cudaMemcpy(W2.data(), dW2, sizeof(float) * C * H, cudaMemcpyDeviceToHost));
  CHECK_CUDA(cudaMemcpy(B1.data(), dB1, sizeof(float) * H, cudaMemcpyDeviceToHost));
  CHECK_CUDA(cudaMemcpy(B2.data(), dB2, sizeof(float) * C, cudaMemcpyDeviceToHost));
  double MaxErr = 0;
  for (int k = 0; k < H * I; ++k)
    MaxErr = std::fmax(MaxErr, std::fabs(W1[k] - Ref.W1[k]));
  for (int k = 0; k < C * H; ++k)
    MaxErr = std::fmax(MaxErr, std::fabs(W2[k] - Ref.W2[k]));
  for (int k = 0; k < H; ++k)
    MaxErr = std::fmax(MaxErr, std::fabs(B1[k] - Ref.B1[k]));
  for (int k = 0; k < C; ++k)
    MaxErr = std::fmax(MaxErr, std::fabs(B2[k] - Ref.B2[k]));
  // The weights moved, and match the double-precision reference.
  double Moved = std::fabs(W2[0] - value(3, 0));
  cublasDestroy(Handle);
  cudaStreamDestroy(Stream);
  if (MaxErr > 1e-4 || Moved == 0) {
    printf("FAIL: max weight error %g, moved %g\n", MaxErr, Moved);
    return 1;
  }
  printf("max weight error %.3g after %d steps\nPASS\n", MaxErr, Steps);
  return 0;
}
