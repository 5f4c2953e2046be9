//===- dot.cu - Grid-stride dot product benchmark ------------------------===//
//
// Part of Tongxin. The dot product of two vectors of 2^24 floats with a fixed
// grid (1024 blocks of 256 threads): each thread accumulates a grid-stride
// loop, each warp folds its 32 partial sums with __shfl_down_sync, and lane 0
// of every warp adds the warp's sum to the result with one atomicAdd.
//
// What it stresses on a CPU: a per-thread loop whose trip count is uniform,
// warp shuffles (a cut in the block function) and float atomics.
//
//===----------------------------------------------------------------------===//

// cuda_runtime.h first, as nvcc and clang implicitly do: the C++ headers that
// bench_util.h pulls in may rely on the CUDA qualifiers being defined.
#include <cuda_runtime.h>

#include "../common/bench_util.h"
#include "../common/cuda_check.h"

#include <cstdio>
#include <vector>

#ifndef BENCH_IMPL
#define BENCH_IMPL "txcc"
#endif

static constexpr int NumElems = 1 << 24;
static constexpr int BlockSize = 256;
static constexpr int NumBlocks = 1024;

__global__ void dotProduct(const float *A, const float *B, float *Result,
                           int N) {
  float Sum = 0.0f;
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    Sum += A[I] * B[I];
  for (int Offset = 16; Offset > 0; Offset >>= 1)
    Sum += __shfl_down_sync(0xffffffffu, Sum, Offset);
  if ((threadIdx.x & 31) == 0)
    atomicAdd(Result, Sum);
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);
  size_t Bytes = size_t(NumElems) * sizeof(float);

  // Values in {-1, 0, 1}: every partial sum is an integer of magnitude at
  // most 2^24, exact in float whatever the order of the additions.
  std::vector<float> HostA(NumElems), HostB(NumElems);
  double Want = 0.0;
  for (int I = 0; I < NumElems; ++I) {
    HostA[I] = float(I % 3) - 1.0f;
    HostB[I] = float(bench::hash32(I) % 3) - 1.0f;
    Want += double(HostA[I]) * HostB[I];
  }

  float *DevA = nullptr, *DevB = nullptr, *DevResult = nullptr;
  CHECK_CUDA(cudaMalloc(&DevA, Bytes));
  CHECK_CUDA(cudaMalloc(&DevB, Bytes));
  CHECK_CUDA(cudaMalloc(&DevResult, sizeof(float)));
  CHECK_CUDA(cudaMemcpy(DevA, HostA.data(), Bytes, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevB, HostB.data(), Bytes, cudaMemcpyHostToDevice));

  // Warm-up.
  CHECK_CUDA(cudaMemset(DevResult, 0, sizeof(float)));
  dotProduct<<<NumBlocks, BlockSize>>>(DevA, DevB, DevResult, NumElems);
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  bool Ok = true;
  for (int R = 0; R < Reps; ++R) {
    CHECK_CUDA(cudaMemset(DevResult, 0, sizeof(float))); // Not timed.
    CHECK_CUDA(cudaDeviceSynchronize());
    double Start = bench::nowMs();
    dotProduct<<<NumBlocks, BlockSize>>>(DevA, DevB, DevResult, NumElems);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
    float Got = 0.0f;
    CHECK_CUDA(
        cudaMemcpy(&Got, DevResult, sizeof(float), cudaMemcpyDeviceToHost));
    if (Got != Want) {
      std::fprintf(stderr, "dot: got %.1f, want %.1f\n", Got, Want);
      Ok = false;
    }
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaFree(DevA));
  CHECK_CUDA(cudaFree(DevB));
  CHECK_CUDA(cudaFree(DevResult));
  return bench::report("dot", BENCH_IMPL, Samples, Ok);
}
