//===- vector_add_omp.cpp - OpenMP baseline for vector_add ---------------===//
//
// Part of Tongxin. The same computation as vector_add.cu written the way a
// CPU programmer would: one parallel, vectorisable loop over 2^24 floats.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

static constexpr int NumElems = 1 << 24;

static void vectorAdd(const float *__restrict A, const float *__restrict B,
                      float *__restrict C, int N) {
#pragma omp parallel for simd schedule(static)
  for (int I = 0; I < N; ++I)
    C[I] = A[I] + B[I];
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);

  // Values with few significant bits so that every sum is exact. Buffers are
  // initialised by the main thread, as the CUDA version's cudaMemcpy does.
  std::vector<float> A(NumElems), B(NumElems), C(NumElems);
  for (int I = 0; I < NumElems; ++I) {
    A[I] = float(I % 1024) * 0.5f;
    B[I] = float(I % 77) * 0.25f;
  }

  vectorAdd(A.data(), B.data(), C.data(), NumElems); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    vectorAdd(A.data(), B.data(), C.data(), NumElems);
    Samples.push_back(bench::nowMs() - Start);
  }

  bool Ok = true;
  for (int I = 0; I < NumElems && Ok; ++I)
    Ok = C[I] == A[I] + B[I];

  std::printf("INFO name=vector_add impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("vector_add", "omp", Samples, Ok);
}
