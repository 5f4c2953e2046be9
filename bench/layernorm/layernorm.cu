//===- layernorm.cu - Layer normalisation benchmark ----------------------===//
//
// Part of Tongxin. Layer normalisation of each row of a 4096x1024 float
// matrix, one block of 256 threads per row: the row's mean and then its
// variance (two passes, the second over x - mean) are each summed per
// thread, folded per warp with __shfl_xor_sync and across the eight warps
// through __shared__ memory; then y = (x - mean) * rsqrtf(var + eps) *
// gamma + beta.
//
// What it stresses on a CPU: block-wide reductions built from shuffles and
// barriers inside an inlined device function, called twice.
//
//===----------------------------------------------------------------------===//

// cuda_runtime.h first, as nvcc and clang implicitly do: the C++ headers that
// bench_util.h pulls in may rely on the CUDA qualifiers being defined.
#include <cuda_runtime.h>

#include "../common/bench_util.h"
#include "../common/cuda_check.h"

#include <cmath>
#include <cstdio>
#include <vector>

#ifndef BENCH_IMPL
#define BENCH_IMPL "txcc"
#endif

static constexpr int NumRows = 4096;
static constexpr int NumCols = 1024;
static constexpr int BlockSize = 256;
static constexpr int WarpSize = 32;
static constexpr float Eps = 1e-5f;

__device__ float warpSum(float V) {
  for (int Mask = WarpSize / 2; Mask > 0; Mask >>= 1)
    V += __shfl_xor_sync(0xffffffffu, V, Mask);
  return V;
}

/// The sum of \p V over the block, returned to every thread.
__device__ float blockSum(float V, float *Scratch) {
  int Lane = threadIdx.x % WarpSize, Warp = threadIdx.x / WarpSize;
  V = warpSum(V);
  if (Lane == 0)
    Scratch[Warp] = V;
  __syncthreads();
  V = Lane < int(blockDim.x / WarpSize) ? Scratch[Lane] : 0.0f;
  V = warpSum(V);
  __syncthreads(); // Scratch is reused by the next call.
  return V;
}

__global__ void layerNorm(const float *In, float *Out, const float *Gamma,
                          const float *Beta, int Cols) {
  __shared__ float Scratch[WarpSize];
  const float *X = In + size_t(blockIdx.x) * Cols;
  float *Y = Out + size_t(blockIdx.x) * Cols;

  float Sum = 0.0f;
  for (int C = threadIdx.x; C < Cols; C += blockDim.x)
    Sum += X[C];
  float Mean = blockSum(Sum, Scratch) / Cols;

  float SqSum = 0.0f;
  for (int C = threadIdx.x; C < Cols; C += blockDim.x) {
    float D = X[C] - Mean;
    SqSum += D * D;
  }
  float Var = blockSum(SqSum, Scratch) / Cols;
  float InvStd = rsqrtf(Var + Eps);

  for (int C = threadIdx.x; C < Cols; C += blockDim.x)
    Y[C] = (X[C] - Mean) * InvStd * Gamma[C] + Beta[C];
}

/// Checks every element against a double-precision layer norm of its row.
static bool checkLayerNorm(const std::vector<float> &In,
                           const std::vector<float> &Gamma,
                           const std::vector<float> &Beta,
                           const std::vector<float> &Out) {
  for (int R = 0; R < NumRows; ++R) {
    const float *X = &In[size_t(R) * NumCols];
    double Mean = 0.0, Var = 0.0;
    for (int C = 0; C < NumCols; ++C)
      Mean += X[C];
    Mean /= NumCols;
    for (int C = 0; C < NumCols; ++C)
      Var += (X[C] - Mean) * (X[C] - Mean);
    Var /= NumCols;
    double InvStd = 1.0 / std::sqrt(Var + Eps);
    for (int C = 0; C < NumCols; ++C) {
      double Want = (X[C] - Mean) * InvStd * Gamma[C] + Beta[C];
      double Got = Out[size_t(R) * NumCols + C];
      if (std::fabs(Got - Want) > 1e-4 * (1.0 + std::fabs(Want))) {
        std::fprintf(stderr, "layernorm: [%d][%d] = %g, want %g\n", R, C, Got,
                     Want);
        return false;
      }
    }
  }
  return true;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 10);
  size_t NumElems = size_t(NumRows) * NumCols;
  size_t Bytes = NumElems * sizeof(float);

  // Values in [-2, 2) plus a per-row offset and scale; gamma in [0.5, 1.5),
  // beta in [-0.5, 0.5).
  std::vector<float> In(NumElems), Out(NumElems);
  std::vector<float> Gamma(NumCols), Beta(NumCols);
  for (size_t I = 0; I < NumElems; ++I)
    In[I] = (float(bench::hash32(unsigned(I)) % 4096) / 1024.0f - 2.0f) *
                float(1 + I / NumCols % 3) +
            float(I / NumCols % 7);
  for (int C = 0; C < NumCols; ++C) {
    Gamma[C] =
        0.5f + float(bench::hash32(unsigned(C) + 1234567u) % 1024) / 1024.0f;
    Beta[C] =
        float(bench::hash32(unsigned(C) + 7654321u) % 1024) / 1024.0f - 0.5f;
  }

  float *DevIn = nullptr, *DevOut = nullptr, *DevGamma = nullptr,
        *DevBeta = nullptr;
  CHECK_CUDA(cudaMalloc(&DevIn, Bytes));
  CHECK_CUDA(cudaMalloc(&DevOut, Bytes));
  CHECK_CUDA(cudaMalloc(&DevGamma, NumCols * sizeof(float)));
  CHECK_CUDA(cudaMalloc(&DevBeta, NumCols * sizeof(float)));
  CHECK_CUDA(cudaMemcpy(DevIn, In.data(), Bytes, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevGamma, Gamma.data(), NumCols * sizeof(float),
                        cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevBeta, Beta.data(), NumCols * sizeof(float),
                        cudaMemcpyHostToDevice));

  layerNorm<<<NumRows, BlockSize>>>(DevIn, DevOut, DevGamma, DevBeta,
                                    NumCols); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    layerNorm<<<NumRows, BlockSize>>>(DevIn, DevOut, DevGamma, DevBeta,
                                      NumCols);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(Out.data(), DevOut, Bytes, cudaMemcpyDeviceToHost));
  bool Ok = checkLayerNorm(In, Gamma, Beta, Out);

  CHECK_CUDA(cudaFree(DevIn));
  CHECK_CUDA(cudaFree(DevOut));
  CHECK_CUDA(cudaFree(DevGamma));
  CHECK_CUDA(cudaFree(DevBeta));
  return bench::report("layernorm", BENCH_IMPL, Samples, Ok);
}
