//===- small_launches_omp.cpp - OpenMP baseline for small_launches -------===//
//
// Part of Tongxin. The same 2000 dependent steps as small_launches.cu written
// for a CPU: one `parallel for simd` region per step over the 4096 floats
// (the CUDA program's one launch per step), 2000 regions in a row.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static constexpr int NumElems = 4096;
static constexpr int NumLaunches = 2000;

static void relax(float *__restrict X, const float *__restrict Y, int N) {
#pragma omp parallel for simd schedule(static)
  for (int I = 0; I < N; ++I)
    X[I] = X[I] * 0.5f + Y[I];
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);

  // x * 0.5 is exact, so each step rounds once: the result is exact.
  std::vector<float> X0(NumElems), Y(NumElems), Want(NumElems), X(NumElems);
  for (int I = 0; I < NumElems; ++I) {
    X0[I] = float(I % 1000);
    Y[I] = 1.0f + float(I % 5) * 0.375f;
    Want[I] = X0[I];
  }
  for (int L = 0; L < NumLaunches; ++L)
    for (int I = 0; I < NumElems; ++I)
      Want[I] = Want[I] * 0.5f + Y[I];

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = -1; R < Reps; ++R) { // R == -1 is the warm-up.
    std::copy(X0.begin(), X0.end(), X.begin());
    double Start = bench::nowMs();
    for (int L = 0; L < NumLaunches; ++L)
      relax(X.data(), Y.data(), NumElems);
    if (R >= 0)
      Samples.push_back(bench::nowMs() - Start);
  }

  bool Ok = X == Want;
  if (!Ok)
    std::fprintf(stderr, "small_launches: wrong result\n");

  std::printf("INFO name=small_launches impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("small_launches", "omp", Samples, Ok);
}
