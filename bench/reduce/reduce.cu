//===- reduce.cu - Shared-memory tree reduction benchmark ----------------===//
//
// Part of Tongxin. Sums 2^24 floats with the classic shared-memory tree:
// each block of 256 threads loads 512 elements (two per thread), halves the
// active threads in a loop with __syncthreads() after every step, and writes
// one partial sum. The kernel is relaunched on the partials until one value
// is left (2^24 -> 32768 -> 64 -> 1), so all the work stays on the device.
//
// What it stresses on a CPU: a barrier inside a loop whose trip count depends
// on blockDim, and many short parallel regions per block.
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
static constexpr int ChunkSize = 2 * BlockSize;

__global__ void reduceBlocks(const float *In, float *Out, int N) {
  __shared__ float Partial[BlockSize];
  unsigned T = threadIdx.x;
  unsigned Base = blockIdx.x * (blockDim.x * 2);

  float Sum = 0.0f;
  if (Base + T < unsigned(N))
    Sum = In[Base + T];
  if (Base + T + blockDim.x < unsigned(N))
    Sum += In[Base + T + blockDim.x];
  Partial[T] = Sum;
  __syncthreads();

  for (unsigned Stride = blockDim.x / 2; Stride > 0; Stride >>= 1) {
    if (T < Stride)
      Partial[T] += Partial[T + Stride];
    __syncthreads();
  }

  if (T == 0)
    Out[blockIdx.x] = Partial[0];
}

/// Reduces \p N floats at \p In to one value, left in Bufs[0] or Bufs[1];
/// returns which. Launches only; the caller synchronises.
static int launchReduce(const float *In, float *const Bufs[2], int N) {
  const float *Src = In;
  int Which = 0;
  do {
    int NumBlocks = (N + ChunkSize - 1) / ChunkSize;
    reduceBlocks<<<NumBlocks, BlockSize>>>(Src, Bufs[Which], N);
    Src = Bufs[Which];
    Which ^= 1;
    N = NumBlocks;
  } while (N > 1);
  return Which ^ 1;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);
  size_t Bytes = size_t(NumElems) * sizeof(float);
  int MaxPartials = (NumElems + ChunkSize - 1) / ChunkSize;

  // Small integers: every partial sum is exact in float whatever the order,
  // so the device result must equal the host reference exactly.
  std::vector<float> Host(NumElems);
  double Want = 0.0;
  for (int I = 0; I < NumElems; ++I) {
    Host[I] = float(I % 8 - 3);
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
  bool Ok = bench::closeTo(Got, Want, 1e-6);
  if (!Ok)
    std::fprintf(stderr, "reduce: got %.1f, want %.1f\n", Got, Want);

  CHECK_CUDA(cudaFree(DevIn));
  CHECK_CUDA(cudaFree(Bufs[0]));
  CHECK_CUDA(cudaFree(Bufs[1]));
  return bench::report("reduce", BENCH_IMPL, Samples, Ok);
}
