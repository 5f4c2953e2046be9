//===- scan_omp.cpp - OpenMP baseline for scan ---------------------------===//
//
// Part of Tongxin. The same algorithm as scan.cu written for a CPU: a
// parallel loop over chunks of 512 ints, each scanned in a local array with
// the same Blelloch up-sweep and down-sweep (the loop over the active
// "threads" of each level is the inner loop), its total written to a
// block-sums array; the block sums are scanned recursively and a second
// parallel loop adds them back. Using the same algorithm makes the ratio
// compare the compilers, not the algorithms; the scan a CPU programmer would
// write without that constraint (each thread scans its range sequentially,
// then adds the preceding threads' totals) is timed as an INFO line.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static constexpr int NumElems = 1 << 22;
static constexpr int BlockSize = 256;
static constexpr int ChunkSize = 2 * BlockSize;
static constexpr int MaxLevels = 8;

/// Exclusive scan of each 512-element chunk of In into Out; the chunk's total
/// goes to Sums[Chunk].
static void scanChunks(const int *__restrict In, int *__restrict Out,
                       int *__restrict Sums, int N) {
  int NumChunks = (N + ChunkSize - 1) / ChunkSize;
#pragma omp parallel for schedule(static)
  for (int Chunk = 0; Chunk < NumChunks; ++Chunk) {
    alignas(64) int Temp[ChunkSize];
    int Base = Chunk * ChunkSize;
    int Num = std::min(ChunkSize, N - Base);
    for (int I = 0; I < Num; ++I)
      Temp[I] = In[Base + I];
    for (int I = Num; I < ChunkSize; ++I)
      Temp[I] = 0;

    int Offset = 1;
    for (int D = ChunkSize / 2; D > 0; D >>= 1) { // Up-sweep.
      for (int T = 0; T < D; ++T)
        Temp[Offset * (2 * T + 2) - 1] += Temp[Offset * (2 * T + 1) - 1];
      Offset *= 2;
    }
    Sums[Chunk] = Temp[ChunkSize - 1];
    Temp[ChunkSize - 1] = 0;
    for (int D = 1; D < ChunkSize; D *= 2) { // Down-sweep.
      Offset >>= 1;
      for (int T = 0; T < D; ++T) {
        int Ai = Offset * (2 * T + 1) - 1, Bi = Offset * (2 * T + 2) - 1;
        int V = Temp[Ai];
        Temp[Ai] = Temp[Bi];
        Temp[Bi] += V;
      }
    }
    for (int I = 0; I < Num; ++I)
      Out[Base + I] = Temp[I];
  }
}

/// Adds the scanned block sum of each chunk to its elements.
static void addChunkSums(int *__restrict Data,
                         const int *__restrict ScannedSums, int N) {
  int NumChunks = (N + ChunkSize - 1) / ChunkSize;
#pragma omp parallel for schedule(static)
  for (int Chunk = 0; Chunk < NumChunks; ++Chunk) {
    int Add = ScannedSums[Chunk];
    int Base = Chunk * ChunkSize;
    int Num = std::min(ChunkSize, N - Base);
#pragma omp simd
    for (int I = 0; I < Num; ++I)
      Data[Base + I] += Add;
  }
}

/// Per-level scratch: the block sums of level L and their scan.
struct ScanLevels {
  int *Sums[MaxLevels];
  int *Scanned[MaxLevels];
};

static void blellochScan(const int *In, int *Out, int N, const ScanLevels &Lv,
                         int Level) {
  int NumChunks = (N + ChunkSize - 1) / ChunkSize;
  scanChunks(In, Out, Lv.Sums[Level], N);
  if (NumChunks == 1)
    return;
  blellochScan(Lv.Sums[Level], Lv.Scanned[Level], NumChunks, Lv, Level + 1);
  addChunkSums(Out, Lv.Scanned[Level], N);
}

/// The idiomatic CPU scan (not ranked): each thread scans its static range,
/// then adds the totals of the ranges before it.
static void sequentialScan(const int *__restrict In, int *__restrict Out,
                           int N) {
  int NumThreads = omp_get_max_threads();
  std::vector<int> Totals(NumThreads + 1, 0);
#pragma omp parallel num_threads(NumThreads)
  {
    int Tid = omp_get_thread_num(), Nt = omp_get_num_threads();
    int Begin = int(long(N) * Tid / Nt), End = int(long(N) * (Tid + 1) / Nt);
    int Sum = 0;
    for (int I = Begin; I < End; ++I) {
      Out[I] = Sum;
      Sum += In[I];
    }
    Totals[Tid + 1] = Sum;
#pragma omp barrier
    int Add = 0;
    for (int T = 0; T <= Tid; ++T)
      Add += Totals[T];
#pragma omp simd
    for (int I = Begin; I < End; ++I)
      Out[I] += Add;
  }
}

static bool checkScan(const std::vector<int> &In, const std::vector<int> &Got,
                      const char *What) {
  int Want = 0;
  for (size_t I = 0; I < In.size(); ++I) {
    if (Got[I] != Want) {
      std::fprintf(stderr, "scan (%s): [%zu] = %d, want %d\n", What, I, Got[I],
                   Want);
      return false;
    }
    Want += In[I];
  }
  return true;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 20);

  std::vector<int> In(NumElems), Out(NumElems);
  for (int I = 0; I < NumElems; ++I)
    In[I] = int(bench::hash32(unsigned(I)) % 4);
  ScanLevels Lv = {};
  std::vector<std::vector<int>> Scratch;
  int LevelSize = NumElems;
  for (int L = 0; L < MaxLevels && LevelSize > 1; ++L) {
    LevelSize = (LevelSize + ChunkSize - 1) / ChunkSize;
    Scratch.emplace_back(LevelSize);
    Lv.Sums[L] = Scratch.back().data();
    Scratch.emplace_back(LevelSize);
    Lv.Scanned[L] = Scratch.back().data();
  }

  blellochScan(In.data(), Out.data(), NumElems, Lv, 0); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    blellochScan(In.data(), Out.data(), NumElems, Lv, 0);
    Samples.push_back(bench::nowMs() - Start);
  }
  bool Ok = checkScan(In, Out, "blelloch");

  // Extra information: the idiomatic CPU scan of the same data.
  std::fill(Out.begin(), Out.end(), 0);
  sequentialScan(In.data(), Out.data(), NumElems); // Warm-up.
  std::vector<double> SeqSamples;
  SeqSamples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    sequentialScan(In.data(), Out.data(), NumElems);
    SeqSamples.push_back(bench::nowMs() - Start);
  }

  std::printf("INFO name=scan impl=omp threads=%d\n", omp_get_max_threads());
  bench::info("scan", "omp-sequential", SeqSamples,
              checkScan(In, Out, "sequential"));
  return bench::report("scan", "omp", Samples, Ok);
}
