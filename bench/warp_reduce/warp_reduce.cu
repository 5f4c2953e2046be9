//===- warp_reduce.cu - Warp-shuffle reduction benchmark -----------------===//
//
// Part of Tongxin. Sums 2^23 floats with warp shuffles: each block of 256
// threads sums 2048 elements (eight per thread, coalesced), every warp folds
// its 32 sums with __shfl_down_sync, the eight warp sums meet in __shared__
// memory, and warp 0 folds them with shuffles again into the block's partial.
// The kernel is relaunched on the partials until one value is left
// (2^23 -> 4096 -> 2 -> 1).
//
// What it stresses on a CPU: warp collectives (each a cut in the block
// function), one of them inside a branch taken by a single warp.
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

static constexpr int NumElems = 1 << 23;
static constexpr int BlockSize = 256;
static constexpr int ItemsPerThread = 8;
static constexpr int ChunkSize = BlockSize * ItemsPerThread;
static constexpr int WarpSize = 32;

__device__ float warpSum(float V) {
  for (int Offset = WarpSize / 2; Offset > 0; Offset >>= 1)
    V += __shfl_down_sync(0xffffffffu, V, Offset);
  return V;
}

__global__ void reduceWarps(const float *In, float *Out, int N) {
  __shared__ float WarpSums[BlockSize / WarpSize];
  int Lane = threadIdx.x % WarpSize, Warp = threadIdx.x / WarpSize;
  int Base = blockIdx.x * ChunkSize;

  float Sum = 0.0f;
  for (int J = 0; J < ItemsPerThread; ++J) {
    int I = Base + J * BlockSize + threadIdx.x;
    if (I < N)
      Sum += In[I];
  }
  Sum = warpSum(Sum);
  if (Lane == 0)
    WarpSums[Warp] = Sum;
  __syncthreads();

  if (Warp == 0) {
    Sum = Lane < BlockSize / WarpSize ? WarpSums[Lane] : 0.0f;
    Sum = warpSum(Sum);
    if (Lane == 0)
      Out[blockIdx.x] = Sum;
  }
}

/// Reduces \p N floats at \p In to one value, left in Bufs[0] or Bufs[1];
/// returns which. Launches only; the caller synchronises.
static int launchReduce(const float *In, float *const Bufs[2], int N) {
  const float *Src = In;
  int Which = 0;
  do {
    int NumBlocks = (N + ChunkSize - 1) / ChunkSize;
    reduceWarps<<<NumBlocks, BlockSize>>>(Src, Bufs[Which], N);
    Src = Bufs[Which];
    Which ^= 1;
    N = NumBlocks;
  } while (N > 1);
  return Which ^ 1;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 20);
  size_t Bytes = size_t(NumElems) * sizeof(float);
  int MaxPartials = (NumElems + ChunkSize - 1) / ChunkSize;

  // Small integers: every partial sum is exact in float whatever the order.
  std::vector<float> Host(NumElems);
  double Want = 0.0;
  for (int I = 0; I < NumElems; ++I) {
    Host[I] = float(int(bench::hash32(I) % 9) - 4);
    Want += Host[I];
  }

  float *DevIn = nullptr;
  float *Bufs[2] = {nullptr, nullptr};
  CHECK_CUDA(cudaMalloc(&DevIn, Bytes));
  CHECK_CUDA(cudaMalloc(&Bufs[0], MaxPartials * sizeof(float)));
  CHECK_CUDA(cudaMalloc(&Bufs[1], MaxPartials * sizeof(float)));
  CHECK_CUDA(cudaMemcpy(DevIn, Host.data(), Bytes, cudaMemcpyHostToDevice));

  launchReduce(DevIn, Bufs, NumElems); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  int Which = 0;
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    Which = launchReduce(DevIn, Bufs, NumElems);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  float Got = 0.0f;
  CHECK_CUDA(
      cudaMemcpy(&Got, Bufs[Which], sizeof(float), cudaMemcpyDeviceToHost));
  bool Ok = Got == Want;
  if (!Ok)
    std::fprintf(stderr, "warp_reduce: got %.1f, want %.1f\n", Got, Want);

  CHECK_CUDA(cudaFree(DevIn));
  CHECK_CUDA(cudaFree(Bufs[0]));
  CHECK_CUDA(cudaFree(Bufs[1]));
  return bench::report("warp_reduce", BENCH_IMPL, Samples, Ok);
}
