//===- warp_reduce_omp.cpp - OpenMP baseline for warp_reduce -------------===//
//
// Part of Tongxin. The same algorithm as warp_reduce.cu, written for a CPU: a
// parallel loop over chunks of 2048 elements. Each chunk sums its elements
// into a local array of 256 "thread" sums (vectorised over the threads, the
// same eight elements per thread in the same order), folds each group of 32
// with the shuffle's tree (lane L adds lane L + Offset, Offset = 16 .. 1),
// and folds the eight warp sums with the same tree. Passes repeat on the
// partials until one value is left, as in the CUDA program.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static constexpr int NumElems = 1 << 23;
static constexpr int BlockSize = 256;
static constexpr int ItemsPerThread = 8;
static constexpr int ChunkSize = BlockSize * ItemsPerThread;
static constexpr int WarpSize = 32;
static constexpr int NumWarps = BlockSize / WarpSize;

static void reduceChunks(const float *__restrict In, float *__restrict Out,
                         int N, int NumChunks) {
#pragma omp parallel for schedule(static)
  for (int Chunk = 0; Chunk < NumChunks; ++Chunk) {
    alignas(64) float Sums[BlockSize] = {};
    int Base = Chunk * ChunkSize;
    if (Base + ChunkSize <= N) {
      for (int J = 0; J < ItemsPerThread; ++J)
#pragma omp simd
        for (int T = 0; T < BlockSize; ++T)
          Sums[T] += In[Base + J * BlockSize + T];
    } else {
      for (int J = 0; J < ItemsPerThread; ++J)
        for (int T = 0; T < BlockSize; ++T)
          if (Base + J * BlockSize + T < N)
            Sums[T] += In[Base + J * BlockSize + T];
    }
    // Each warp's shuffle tree; lane 0 ends up with the warp's sum.
    for (int Offset = WarpSize / 2; Offset > 0; Offset >>= 1)
      for (int W = 0; W < NumWarps; ++W)
        for (int L = 0; L < Offset; ++L)
          Sums[W * WarpSize + L] += Sums[W * WarpSize + L + Offset];
    float WarpSums[NumWarps];
    for (int W = 0; W < NumWarps; ++W)
      WarpSums[W] = Sums[W * WarpSize];
    for (int Offset = NumWarps / 2; Offset > 0; Offset >>= 1)
      for (int L = 0; L < Offset; ++L)
        WarpSums[L] += WarpSums[L + Offset];
    Out[Chunk] = WarpSums[0];
  }
}

/// Reduces \p N floats at \p In to one value, left in Bufs[0] or Bufs[1];
/// returns which.
static int warpReduce(const float *In, float *const Bufs[2], int N) {
  const float *Src = In;
  int Which = 0;
  do {
    int NumChunks = (N + ChunkSize - 1) / ChunkSize;
    reduceChunks(Src, Bufs[Which], N, NumChunks);
    Src = Bufs[Which];
    Which ^= 1;
    N = NumChunks;
  } while (N > 1);
  return Which ^ 1;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 20);
  int MaxPartials = (NumElems + ChunkSize - 1) / ChunkSize;

  // Small integers: every partial sum is exact in float whatever the order.
  std::vector<float> In(NumElems);
  double Want = 0.0;
  for (int I = 0; I < NumElems; ++I) {
    In[I] = float(int(bench::hash32(I) % 9) - 4);
    Want += In[I];
  }
  std::vector<float> Buf0(MaxPartials), Buf1(MaxPartials);
  float *Bufs[2] = {Buf0.data(), Buf1.data()};

  warpReduce(In.data(), Bufs, NumElems); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  int Which = 0;
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    Which = warpReduce(In.data(), Bufs, NumElems);
    Samples.push_back(bench::nowMs() - Start);
  }
  float Got = Bufs[Which][0];
  bool Ok = Got == Want;
  if (!Ok)
    std::fprintf(stderr, "warp_reduce: got %.1f, want %.1f\n", Got, Want);

  std::printf("INFO name=warp_reduce impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("warp_reduce", "omp", Samples, Ok);
}
