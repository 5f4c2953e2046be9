//===- reduce_omp.cpp - OpenMP baseline for reduce -----------------------===//
//
// Part of Tongxin. The same algorithm as reduce.cu, written for a CPU: a
// parallel loop over chunks of 512 elements; each chunk adds its two halves
// into a local array of 256 and folds that array in a halving tree, writing
// one partial. Passes repeat on the partials until one value is left. Using
// the same algorithm (not just `reduction(+:)`) makes the ratio compare the
// compilers rather than the algorithms; the plain OpenMP reduction is timed
// too and printed as an INFO line.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static constexpr int NumElems = 1 << 24;
static constexpr int BlockSize = 256;
static constexpr int ChunkSize = 2 * BlockSize;

static void reduceChunks(const float *__restrict In, float *__restrict Out,
                         int N, int NumChunks) {
#pragma omp parallel for schedule(static)
  for (int Chunk = 0; Chunk < NumChunks; ++Chunk) {
    float Partial[BlockSize];
    int Base = Chunk * ChunkSize;
    // Thread T's two loads (In[Base + T] and In[Base + T + 256], zero past
    // the end), written as two bounded loops so that they vectorise.
    int NumLo = std::min(BlockSize, N - Base);
    int NumHi = std::max(0, std::min(BlockSize, N - Base - BlockSize));
    for (int T = 0; T < NumLo; ++T)
      Partial[T] = In[Base + T];
    for (int T = NumLo; T < BlockSize; ++T)
      Partial[T] = 0.0f;
    for (int T = 0; T < NumHi; ++T)
      Partial[T] += In[Base + BlockSize + T];
    for (int Stride = BlockSize / 2; Stride > 0; Stride >>= 1)
      for (int T = 0; T < Stride; ++T)
        Partial[T] += Partial[T + Stride];
    Out[Chunk] = Partial[0];
  }
}

/// Reduces \p N floats at \p In to one value, left in Bufs[0] or Bufs[1];
/// returns which.
static int treeReduce(const float *In, float *const Bufs[2], int N) {
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

static float plainReduce(const float *In, int N) {
  float Sum = 0.0f;
#pragma omp parallel for simd schedule(static) reduction(+ : Sum)
  for (int I = 0; I < N; ++I)
    Sum += In[I];
  return Sum;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);
  int MaxPartials = (NumElems + ChunkSize - 1) / ChunkSize;

  // Small integers: every partial sum is exact in float whatever the order.
  std::vector<float> In(NumElems);
  double Want = 0.0;
  for (int I = 0; I < NumElems; ++I) {
    In[I] = float(I % 8 - 3);
    Want += In[I];
  }
  std::vector<float> Buf0(MaxPartials), Buf1(MaxPartials);
  float *Bufs[2] = {Buf0.data(), Buf1.data()};

  treeReduce(In.data(), Bufs, NumElems); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  int Which = 0;
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    Which = treeReduce(In.data(), Bufs, NumElems);
    Samples.push_back(bench::nowMs() - Start);
  }
  float Got = Bufs[Which][0];
  bool Ok = bench::closeTo(Got, Want, 1e-6);
  if (!Ok)
    std::fprintf(stderr, "reduce: got %.1f, want %.1f\n", Got, Want);

  // Extra information: the idiomatic OpenMP reduction of the same data.
  volatile float Sink = plainReduce(In.data(), NumElems); // Warm-up.
  std::vector<double> PlainSamples;
  PlainSamples.reserve(Reps);
  float PlainGot = 0.0f;
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    PlainGot = plainReduce(In.data(), NumElems);
    PlainSamples.push_back(bench::nowMs() - Start);
  }
  Sink = PlainGot;
  (void)Sink;

  std::printf("INFO name=reduce impl=omp threads=%d\n", omp_get_max_threads());
  bench::info("reduce", "omp-reduction", PlainSamples,
              bench::closeTo(PlainGot, Want, 1e-6));
  return bench::report("reduce", "omp", Samples, Ok);
}
