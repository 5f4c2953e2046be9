//===- bitonic_sort_omp.cpp - OpenMP baseline for bitonic_sort -----------===//
//
// Part of Tongxin. The same sorting network as bitonic_sort.cu, in the same
// launches, written for a CPU. A comparator's direction is constant over
// each run of 2 * stride keys, so a step with a stride of 16 or more is
// written as loops over those runs with a contiguous inner loop of min/max
// pairs, which g++ vectorises (shorter strides: one loop over the
// comparators, as the CUDA threads run them):
// - the 512-key chunk stages: a parallel loop over the chunks, each copied
//   into a local array (the CUDA block's __shared__ chunk), stepped through
//   the same merge sizes and strides, and copied back;
// - a global step: a parallel loop over slices of 512 comparators (each
//   slice one contiguous run of lower keys, one direction).
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static constexpr int NumKeys = 1 << 18;
static constexpr int ChunkSize = 512;
static constexpr unsigned MinRun = 16; // Shortest stride run as runs.

/// Compares Keys[Lo + T] with Keys[Lo + T + Stride] for T < Count, all in
/// one direction.
static inline void compareRun(unsigned *__restrict Lo, unsigned *__restrict Hi,
                              unsigned Count, bool Ascending) {
  if (Ascending) {
#pragma omp simd
    for (unsigned T = 0; T < Count; ++T) {
      unsigned A = Lo[T], B = Hi[T];
      Lo[T] = std::min(A, B);
      Hi[T] = std::max(A, B);
    }
  } else {
#pragma omp simd
    for (unsigned T = 0; T < Count; ++T) {
      unsigned A = Lo[T], B = Hi[T];
      Lo[T] = std::max(A, B);
      Hi[T] = std::min(A, B);
    }
  }
}

/// The steps of merge size \p Size with strides \p FirstStride .. 1 on one
/// chunk; directions follow the global key index Base + i. Strides of 16
/// and more run as contiguous runs; the short ones as one loop over the 256
/// comparators (the CUDA threads), which vectorises better than runs of 1
/// to 8 keys.
static void mergeChunk(unsigned *Chunk, unsigned Base, unsigned Size,
                       unsigned FirstStride) {
  for (unsigned Stride = FirstStride; Stride > 0; Stride >>= 1) {
    if (Stride >= MinRun) {
      for (unsigned Run = 0; Run < ChunkSize; Run += 2 * Stride)
        compareRun(Chunk + Run, Chunk + Run + Stride, Stride,
                   ((Base + Run) & Size) == 0);
      continue;
    }
#pragma omp simd
    for (unsigned T = 0; T < ChunkSize / 2; ++T) {
      unsigned Lo = 2 * T - (T & (Stride - 1));
      unsigned A = Chunk[Lo], B = Chunk[Lo + Stride];
      bool Ascending = ((Base + Lo) & Size) == 0;
      unsigned Min = std::min(A, B), Max = std::max(A, B);
      Chunk[Lo] = Ascending ? Min : Max;
      Chunk[Lo + Stride] = Ascending ? Max : Min;
    }
  }
}

/// Sorts every 512-key chunk (merge sizes 2 .. 512), or with \p Size > 512
/// runs the strides 256 .. 1 of that merge size.
static void chunkStage(unsigned *Keys, unsigned N, unsigned Size) {
#pragma omp parallel for schedule(static)
  for (unsigned Base = 0; Base < N; Base += ChunkSize) {
    alignas(64) unsigned Chunk[ChunkSize];
    std::copy(Keys + Base, Keys + Base + ChunkSize, Chunk);
    if (Size <= ChunkSize) {
      for (unsigned S = 2; S <= ChunkSize; S <<= 1)
        mergeChunk(Chunk, Base, S, S / 2);
    } else {
      mergeChunk(Chunk, Base, Size, ChunkSize / 2);
    }
    std::copy(Chunk, Chunk + ChunkSize, Keys + Base);
  }
}

/// One step (merge size \p Size, stride \p Stride >= 512) over all keys.
static void globalStep(unsigned *Keys, unsigned N, unsigned Size,
                       unsigned Stride) {
  unsigned NumSlices = N / 2 / ChunkSize;
#pragma omp parallel for schedule(static)
  for (unsigned Slice = 0; Slice < NumSlices; ++Slice) {
    unsigned C = Slice * ChunkSize; // First comparator of the slice.
    unsigned Lo = 2 * C - (C & (Stride - 1));
    compareRun(Keys + Lo, Keys + Lo + Stride, ChunkSize, (Lo & Size) == 0);
  }
}

static void bitonicSort(unsigned *Keys, unsigned N) {
  chunkStage(Keys, N, ChunkSize);
  for (unsigned Size = 2 * ChunkSize; Size <= N; Size <<= 1) {
    for (unsigned Stride = Size / 2; Stride >= ChunkSize; Stride >>= 1)
      globalStep(Keys, N, Size, Stride);
    chunkStage(Keys, N, Size);
  }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 10);

  std::vector<unsigned> Keys(NumKeys), Work(NumKeys);
  for (int I = 0; I < NumKeys; ++I)
    Keys[I] = bench::hash32(unsigned(I) * 2654435761u);

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = -1; R < Reps; ++R) { // R == -1 is the warm-up.
    std::copy(Keys.begin(), Keys.end(), Work.begin()); // Not timed.
    double Start = bench::nowMs();
    bitonicSort(Work.data(), NumKeys);
    if (R >= 0)
      Samples.push_back(bench::nowMs() - Start);
  }

  std::sort(Keys.begin(), Keys.end());
  bool Ok = Work == Keys;
  if (!Ok)
    std::fprintf(stderr, "bitonic_sort: keys not sorted\n");

  std::printf("INFO name=bitonic_sort impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("bitonic_sort", "omp", Samples, Ok);
}
