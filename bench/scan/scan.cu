//===- scan.cu - Blelloch exclusive scan benchmark -----------------------===//
//
// Part of Tongxin. The exclusive prefix sum of 2^22 ints with the
// work-efficient (Blelloch) scan of GPU Gems 3, chapter 39: each block of 256
// threads scans 512 elements in __shared__ memory with an up-sweep and a
// down-sweep (a __syncthreads() before every level) and writes its total to
// a block-sums array; the block sums are scanned the same way, recursively
// (2^22 -> 8192 -> 16 -> 1), and a second kernel adds each block's scanned
// sum to its elements. Five launches per scan.
//
// What it stresses on a CPU: eighteen barriers per block, loops whose
// active-thread count halves and doubles, and strided shared-memory indices.
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

static constexpr int NumElems = 1 << 22;
static constexpr int BlockSize = 256;
static constexpr int ChunkSize = 2 * BlockSize;
static constexpr int MaxLevels = 8;

/// Exclusive scan of each 512-element chunk of In into Out; the chunk's total
/// goes to Sums[blockIdx.x].
__global__ void scanBlocks(const int *In, int *Out, int *Sums, int N) {
  __shared__ int Temp[ChunkSize];
  int T = threadIdx.x;
  int Base = blockIdx.x * ChunkSize;
  Temp[T] = Base + T < N ? In[Base + T] : 0;
  Temp[T + BlockSize] = Base + T + BlockSize < N ? In[Base + T + BlockSize] : 0;

  int Offset = 1;
  for (int D = ChunkSize / 2; D > 0; D >>= 1) { // Up-sweep.
    __syncthreads();
    if (T < D) {
      int Ai = Offset * (2 * T + 1) - 1, Bi = Offset * (2 * T + 2) - 1;
      Temp[Bi] += Temp[Ai];
    }
    Offset *= 2;
  }
  if (T == 0) {
    Sums[blockIdx.x] = Temp[ChunkSize - 1];
    Temp[ChunkSize - 1] = 0;
  }
  for (int D = 1; D < ChunkSize; D *= 2) { // Down-sweep.
    Offset >>= 1;
    __syncthreads();
    if (T < D) {
      int Ai = Offset * (2 * T + 1) - 1, Bi = Offset * (2 * T + 2) - 1;
      int V = Temp[Ai];
      Temp[Ai] = Temp[Bi];
      Temp[Bi] += V;
    }
  }
  __syncthreads();
  if (Base + T < N)
    Out[Base + T] = Temp[T];
  if (Base + T + BlockSize < N)
    Out[Base + T + BlockSize] = Temp[T + BlockSize];
}

/// Adds the scanned block sum of each chunk to its elements.
__global__ void addBlockSums(int *Data, const int *ScannedSums, int N) {
  int Add = ScannedSums[blockIdx.x];
  int Base = blockIdx.x * ChunkSize;
  if (Base + threadIdx.x < N)
    Data[Base + threadIdx.x] += Add;
  if (Base + threadIdx.x + BlockSize < N)
    Data[Base + threadIdx.x + BlockSize] += Add;
}

/// Per-level scratch: the block sums of level L and their scan.
struct ScanLevels {
  int *Sums[MaxLevels];
  int *Scanned[MaxLevels];
};

/// Scans \p N ints from In to Out at recursion level \p Level. Launches only.
static void launchScan(const int *In, int *Out, int N, const ScanLevels &Lv,
                       int Level) {
  int NumBlocks = (N + ChunkSize - 1) / ChunkSize;
  scanBlocks<<<NumBlocks, BlockSize>>>(In, Out, Lv.Sums[Level], N);
  if (NumBlocks == 1)
    return;
  launchScan(Lv.Sums[Level], Lv.Scanned[Level], NumBlocks, Lv, Level + 1);
  addBlockSums<<<NumBlocks, BlockSize>>>(Out, Lv.Scanned[Level], N);
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 20);
  size_t Bytes = size_t(NumElems) * sizeof(int);

  std::vector<int> In(NumElems), Got(NumElems);
  for (int I = 0; I < NumElems; ++I)
    In[I] = int(bench::hash32(unsigned(I)) % 4);

  int *DevIn = nullptr, *DevOut = nullptr;
  CHECK_CUDA(cudaMalloc(&DevIn, Bytes));
  CHECK_CUDA(cudaMalloc(&DevOut, Bytes));
  CHECK_CUDA(cudaMemcpy(DevIn, In.data(), Bytes, cudaMemcpyHostToDevice));
  ScanLevels Lv = {};
  int LevelSize = NumElems;
  for (int L = 0; L < MaxLevels && LevelSize > 1; ++L) {
    LevelSize = (LevelSize + ChunkSize - 1) / ChunkSize;
    CHECK_CUDA(cudaMalloc(&Lv.Sums[L], LevelSize * sizeof(int)));
    CHECK_CUDA(cudaMalloc(&Lv.Scanned[L], LevelSize * sizeof(int)));
  }

  launchScan(DevIn, DevOut, NumElems, Lv, 0); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    launchScan(DevIn, DevOut, NumElems, Lv, 0);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(Got.data(), DevOut, Bytes, cudaMemcpyDeviceToHost));
  bool Ok = true;
  int Want = 0;
  for (int I = 0; I < NumElems && Ok; ++I) {
    Ok = Got[I] == Want;
    if (!Ok)
      std::fprintf(stderr, "scan: [%d] = %d, want %d\n", I, Got[I], Want);
    Want += In[I];
  }

  CHECK_CUDA(cudaFree(DevIn));
  CHECK_CUDA(cudaFree(DevOut));
  for (int L = 0; L < MaxLevels; ++L) {
    CHECK_CUDA(cudaFree(Lv.Sums[L]));
    CHECK_CUDA(cudaFree(Lv.Scanned[L]));
  }
  return bench::report("scan", BENCH_IMPL, Samples, Ok);
}
