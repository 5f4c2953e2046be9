//===- dot_omp.cpp - OpenMP baseline for dot -----------------------------===//
//
// Part of Tongxin. The same dot product as dot.cu written for a CPU: each
// OpenMP thread accumulates its static share of the elements (the CUDA
// threads' grid-stride partial sums) and the partials are combined once per
// thread (the warp shuffles and atomics): `parallel for simd reduction(+:)`.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cstdio>
#include <vector>

static constexpr int NumElems = 1 << 24;

static float dotProduct(const float *__restrict A, const float *__restrict B,
                        int N) {
  float Sum = 0.0f;
#pragma omp parallel for simd schedule(static) reduction(+ : Sum)
  for (int I = 0; I < N; ++I)
    Sum += A[I] * B[I];
  return Sum;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);

  // Values in {-1, 0, 1}: every partial sum is an exact integer.
  std::vector<float> A(NumElems), B(NumElems);
  double Want = 0.0;
  for (int I = 0; I < NumElems; ++I) {
    A[I] = float(I % 3) - 1.0f;
    B[I] = float(bench::hash32(I) % 3) - 1.0f;
    Want += double(A[I]) * B[I];
  }

  volatile float Sink = dotProduct(A.data(), B.data(), NumElems); // Warm-up.
  (void)Sink;

  std::vector<double> Samples;
  Samples.reserve(Reps);
  bool Ok = true;
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    float Got = dotProduct(A.data(), B.data(), NumElems);
    Samples.push_back(bench::nowMs() - Start);
    if (Got != Want) {
      std::fprintf(stderr, "dot: got %.1f, want %.1f\n", Got, Want);
      Ok = false;
    }
  }

  std::printf("INFO name=dot impl=omp threads=%d\n", omp_get_max_threads());
  return bench::report("dot", "omp", Samples, Ok);
}
