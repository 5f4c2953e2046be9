//===- histogram_omp.cpp - OpenMP baseline for histogram -----------------===//
//
// Part of Tongxin. The same histogram as histogram.cu written for a CPU:
// each OpenMP thread counts its static share of the bytes into a private
// 256-bin array (the CUDA block's __shared__ histogram; private to one
// thread, it needs no atomics) and adds it to the global histogram with one
// atomic add per non-empty bin.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static constexpr int NumElems = 1 << 24;
static constexpr int NumBins = 256;

static void histogram(const unsigned char *__restrict In,
                      unsigned *__restrict Hist, int N) {
#pragma omp parallel
  {
    unsigned Local[NumBins] = {};
#pragma omp for schedule(static) nowait
    for (int I = 0; I < N; ++I)
      ++Local[In[I]];
    for (int B = 0; B < NumBins; ++B)
      if (Local[B] != 0) {
#pragma omp atomic
        Hist[B] += Local[B];
      }
  }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 15);

  // Triangular distribution: the sum of two uniform bytes, halved.
  std::vector<unsigned char> In(NumElems);
  std::vector<unsigned> Want(NumBins, 0), Hist(NumBins);
  for (int I = 0; I < NumElems; ++I) {
    unsigned H = bench::hash32(unsigned(I));
    In[I] = (unsigned char)(((H & 0xff) + ((H >> 8) & 0xff)) / 2);
    ++Want[In[I]];
  }

  std::vector<double> Samples;
  Samples.reserve(Reps);
  bool Ok = true;
  for (int R = -1; R < Reps; ++R) {          // R == -1 is the warm-up.
    std::fill(Hist.begin(), Hist.end(), 0u); // Not timed.
    double Start = bench::nowMs();
    histogram(In.data(), Hist.data(), NumElems);
    if (R >= 0)
      Samples.push_back(bench::nowMs() - Start);
    Ok = Ok && Hist == Want;
  }
  if (!Ok)
    std::fprintf(stderr, "histogram: wrong bin counts\n");

  std::printf("INFO name=histogram impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("histogram", "omp", Samples, Ok);
}
