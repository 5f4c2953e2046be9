//===- bitonic_sort.cu - Bitonic sort benchmark --------------------------===//
//
// Part of Tongxin. Sorts 2^18 unsigned keys with a bitonic sorting network,
// after NVIDIA's sortingNetworks sample: one thread per comparator, blocks of
// 256 threads. Strides below 512 run inside a block on a 512-key chunk in
// __shared__ memory (a __syncthreads() between steps); larger strides run
// as one global-memory launch per step. Per sort: one launch that sorts
// every chunk, then for each merge size 1024 .. 2^18 the global steps and one
// shared-memory launch for the rest -- 55 launches.
//
// What it stresses on a CPU: many dependent launches, barriers in loops,
// and data-dependent swaps (selects) at computed indices.
//
//===----------------------------------------------------------------------===//

// cuda_runtime.h first, as nvcc and clang implicitly do: the C++ headers that
// bench_util.h pulls in may rely on the CUDA qualifiers being defined.
#include <cuda_runtime.h>

#include "../common/bench_util.h"
#include "../common/cuda_check.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#ifndef BENCH_IMPL
#define BENCH_IMPL "txcc"
#endif

static constexpr int NumKeys = 1 << 18;
static constexpr int BlockSize = 256;
static constexpr int ChunkSize = 2 * BlockSize; // Keys per shared chunk.

/// Orders A and B ascending if \p Ascending, else descending.
__device__ void compareSwap(unsigned &A, unsigned &B, bool Ascending) {
  if ((A > B) == Ascending) {
    unsigned T = A;
    A = B;
    B = T;
  }
}

/// The steps of merge size \p Size with strides \p FirstStride .. 1 on one
/// 512-key chunk in shared memory. Directions follow the global key index.
__device__ void mergeChunk(unsigned *Chunk, unsigned Base, unsigned Size,
                           unsigned FirstStride) {
  for (unsigned Stride = FirstStride; Stride > 0; Stride >>= 1) {
    __syncthreads();
    unsigned Lo = 2 * threadIdx.x - (threadIdx.x & (Stride - 1));
    compareSwap(Chunk[Lo], Chunk[Lo + Stride], ((Base + Lo) & Size) == 0);
  }
}

/// Sorts every 512-key chunk (merge sizes 2 .. 512) in shared memory.
__global__ void bitonicSortShared(unsigned *Keys) {
  __shared__ unsigned Chunk[ChunkSize];
  unsigned Base = blockIdx.x * ChunkSize;
  Chunk[threadIdx.x] = Keys[Base + threadIdx.x];
  Chunk[threadIdx.x + BlockSize] = Keys[Base + threadIdx.x + BlockSize];
  for (unsigned Size = 2; Size <= ChunkSize; Size <<= 1)
    mergeChunk(Chunk, Base, Size, Size / 2);
  __syncthreads();
  Keys[Base + threadIdx.x] = Chunk[threadIdx.x];
  Keys[Base + threadIdx.x + BlockSize] = Chunk[threadIdx.x + BlockSize];
}

/// The strides 256 .. 1 of merge size \p Size, in shared memory.
__global__ void bitonicMergeShared(unsigned *Keys, unsigned Size) {
  __shared__ unsigned Chunk[ChunkSize];
  unsigned Base = blockIdx.x * ChunkSize;
  Chunk[threadIdx.x] = Keys[Base + threadIdx.x];
  Chunk[threadIdx.x + BlockSize] = Keys[Base + threadIdx.x + BlockSize];
  mergeChunk(Chunk, Base, Size, ChunkSize / 2);
  __syncthreads();
  Keys[Base + threadIdx.x] = Chunk[threadIdx.x];
  Keys[Base + threadIdx.x + BlockSize] = Chunk[threadIdx.x + BlockSize];
}

/// One step (merge size \p Size, stride \p Stride >= 512) in global memory.
__global__ void bitonicMergeGlobal(unsigned *Keys, unsigned Size,
                                   unsigned Stride) {
  unsigned C = blockIdx.x * blockDim.x + threadIdx.x; // Comparator.
  unsigned Lo = 2 * C - (C & (Stride - 1));
  compareSwap(Keys[Lo], Keys[Lo + Stride], (Lo & Size) == 0);
}

/// Sorts \p N (a power of two, >= 512) keys ascending. Launches only.
static void launchSort(unsigned *Keys, unsigned N) {
  unsigned NumChunks = N / ChunkSize;
  bitonicSortShared<<<NumChunks, BlockSize>>>(Keys);
  for (unsigned Size = 2 * ChunkSize; Size <= N; Size <<= 1) {
    for (unsigned Stride = Size / 2; Stride >= ChunkSize; Stride >>= 1)
      bitonicMergeGlobal<<<N / 2 / BlockSize, BlockSize>>>(Keys, Size, Stride);
    bitonicMergeShared<<<NumChunks, BlockSize>>>(Keys, Size);
  }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 10);
  size_t Bytes = size_t(NumKeys) * sizeof(unsigned);

  std::vector<unsigned> Keys(NumKeys), Got(NumKeys);
  for (int I = 0; I < NumKeys; ++I)
    Keys[I] = bench::hash32(unsigned(I) * 2654435761u);

  unsigned *DevKeys = nullptr;
  CHECK_CUDA(cudaMalloc(&DevKeys, Bytes));

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = -1; R < Reps; ++R) { // R == -1 is the warm-up.
    // Not timed: the unsorted keys again.
    CHECK_CUDA(cudaMemcpy(DevKeys, Keys.data(), Bytes, cudaMemcpyHostToDevice));
    double Start = bench::nowMs();
    launchSort(DevKeys, NumKeys);
    CHECK_CUDA(cudaDeviceSynchronize());
    if (R >= 0)
      Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(Got.data(), DevKeys, Bytes, cudaMemcpyDeviceToHost));
  std::sort(Keys.begin(), Keys.end());
  bool Ok = Got == Keys;
  if (!Ok)
    std::fprintf(stderr, "bitonic_sort: keys not sorted\n");

  CHECK_CUDA(cudaFree(DevKeys));
  return bench::report("bitonic_sort", BENCH_IMPL, Samples, Ok);
}
