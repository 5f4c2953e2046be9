//===- triad_omp.cpp - OpenMP baseline for triad -------------------------===//
//
// Part of Tongxin. The same computation as triad.cu written the way a CPU
// programmer would: one parallel, vectorisable loop over 2^24 floats.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cstdio>
#include <vector>

static constexpr int NumElems = 1 << 24;
static constexpr float Scalar = 3.0f;

static void triad(float *__restrict A, const float *__restrict B,
                  const float *__restrict C, float S, int N) {
#pragma omp parallel for simd schedule(static)
  for (int I = 0; I < N; ++I)
    A[I] = B[I] + S * C[I];
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);

  // Multiples of 1/4 below 1024: s * c and the sum are exact in float. The
  // buffers are initialised by the main thread, as cudaMemcpy does.
  std::vector<float> A(NumElems), B(NumElems), C(NumElems);
  for (int I = 0; I < NumElems; ++I) {
    B[I] = float(I % 1024) * 0.5f;
    C[I] = float(I % 77) * 0.25f;
  }

  triad(A.data(), B.data(), C.data(), Scalar, NumElems); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    triad(A.data(), B.data(), C.data(), Scalar, NumElems);
    Samples.push_back(bench::nowMs() - Start);
  }

  bool Ok = true;
  for (int I = 0; I < NumElems && Ok; ++I)
    Ok = A[I] == B[I] + Scalar * C[I];

  std::printf("INFO name=triad impl=omp threads=%d\n", omp_get_max_threads());
  return bench::report("triad", "omp", Samples, Ok);
}
