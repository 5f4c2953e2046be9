//===- softmax.cu - Row softmax benchmark --------------------------------===//
//
// Part of Tongxin. The softmax of each row of a 4096x1024 float matrix, one
// warp per row (eight rows per block of 256 threads): the lanes stride
// through the row for its maximum and fold it with __shfl_xor_sync, then
// write expf(x - max) while summing it, fold the sum the same way, and scale
// the row by 1 / sum.
//
// What it stresses on a CPU: per-lane strided loops, butterfly shuffles
// whose result every lane uses, and expf.
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

__global__ void softmaxRows(const float *In, float *Out, int Rows, int Cols) {
  int Row = (blockIdx.x * blockDim.x + threadIdx.x) / WarpSize;
  int Lane = threadIdx.x % WarpSize;
  if (Row >= Rows)
    return;
  const float *X = In + size_t(Row) * Cols;
  float *Y = Out + size_t(Row) * Cols;

  float Max = -INFINITY;
  for (int C = Lane; C < Cols; C += WarpSize)
    Max = fmaxf(Max, X[C]);
  for (int Mask = WarpSize / 2; Mask > 0; Mask >>= 1)
    Max = fmaxf(Max, __shfl_xor_sync(0xffffffffu, Max, Mask));

  float Sum = 0.0f;
  for (int C = Lane; C < Cols; C += WarpSize) {
    float E = expf(X[C] - Max);
    Y[C] = E;
    Sum += E;
  }
  for (int Mask = WarpSize / 2; Mask > 0; Mask >>= 1)
    Sum += __shfl_xor_sync(0xffffffffu, Sum, Mask);

  float Inv = 1.0f / Sum;
  for (int C = Lane; C < Cols; C += WarpSize)
    Y[C] *= Inv;
}

/// Checks every element against a double-precision softmax of its row.
static bool checkSoftmax(const std::vector<float> &In,
                         const std::vector<float> &Out) {
  std::vector<double> E(NumCols);
  for (int R = 0; R < NumRows; ++R) {
    const float *X = &In[size_t(R) * NumCols];
    double Max = X[0], Sum = 0.0;
    for (int C = 1; C < NumCols; ++C)
      Max = X[C] > Max ? X[C] : Max;
    for (int C = 0; C < NumCols; ++C)
      Sum += E[C] = std::exp(double(X[C]) - Max);
    for (int C = 0; C < NumCols; ++C) {
      double Want = E[C] / Sum, Got = Out[size_t(R) * NumCols + C];
      if (std::fabs(Got - Want) > 1e-4 * Want + 1e-12) {
        std::fprintf(stderr, "softmax: [%d][%d] = %g, want %g\n", R, C, Got,
                     Want);
        return false;
      }
    }
  }
  return true;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  size_t NumElems = size_t(NumRows) * NumCols;
  size_t Bytes = NumElems * sizeof(float);

  // Values in [-8, 8) with a per-row offset.
  std::vector<float> In(NumElems), Out(NumElems);
  for (size_t I = 0; I < NumElems; ++I)
    In[I] = float(bench::hash32(unsigned(I)) % 4096) / 256.0f - 8.0f +
            float(I / NumCols % 5);

  float *DevIn = nullptr, *DevOut = nullptr;
  CHECK_CUDA(cudaMalloc(&DevIn, Bytes));
  CHECK_CUDA(cudaMalloc(&DevOut, Bytes));
  CHECK_CUDA(cudaMemcpy(DevIn, In.data(), Bytes, cudaMemcpyHostToDevice));

  int NumBlocks = (NumRows * WarpSize + BlockSize - 1) / BlockSize;
  softmaxRows<<<NumBlocks, BlockSize>>>(DevIn, DevOut, NumRows,
                                        NumCols); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    softmaxRows<<<NumBlocks, BlockSize>>>(DevIn, DevOut, NumRows, NumCols);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(Out.data(), DevOut, Bytes, cudaMemcpyDeviceToHost));
  bool Ok = checkSoftmax(In, Out);

  CHECK_CUDA(cudaFree(DevIn));
  CHECK_CUDA(cudaFree(DevOut));
  return bench::report("softmax", BENCH_IMPL, Samples, Ok);
}
