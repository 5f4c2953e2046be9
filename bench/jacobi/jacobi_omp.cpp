//===- jacobi_omp.cpp - OpenMP baseline for jacobi -----------------------===//
//
// Part of Tongxin. The same 100 Jacobi iterations as jacobi.cu written for a
// CPU: one `parallel for` over the interior rows per iteration (the CUDA
// program's one launch per iteration), each row a vectorised loop over its
// interior points, ping-ponging between two buffers.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

static constexpr int Dim = 1024; // Grid points per side, boundary included.
static constexpr int NumIters = 100;

static void jacobiStep(const float *__restrict In, float *__restrict Out,
                       int N) {
#pragma omp parallel for schedule(static)
  for (int Y = 1; Y < N - 1; ++Y)
#pragma omp simd
    for (int X = 1; X < N - 1; ++X)
      Out[Y * N + X] = 0.25f * (In[(Y - 1) * N + X] + In[(Y + 1) * N + X] +
                                In[Y * N + X - 1] + In[Y * N + X + 1]);
}

/// Host reference: the same update, the same order of additions.
static void referenceJacobi(std::vector<float> &A, int N, int Iters) {
  std::vector<float> B = A;
  for (int It = 0; It < Iters; ++It) {
    for (int Y = 1; Y < N - 1; ++Y)
      for (int X = 1; X < N - 1; ++X)
        B[Y * N + X] = 0.25f * (A[(Y - 1) * N + X] + A[(Y + 1) * N + X] +
                                A[Y * N + X - 1] + A[Y * N + X + 1]);
    A.swap(B);
  }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 10);
  const int N = Dim;

  // A hot top edge, a cold rest of the boundary and an uneven interior.
  std::vector<float> Init(size_t(N) * N);
  for (int Y = 0; Y < N; ++Y)
    for (int X = 0; X < N; ++X)
      Init[Y * N + X] = Y == 0 ? 1.0f : float((X * 7 + Y * 13) % 17) / 16.0f;
  std::vector<float> Buf0(size_t(N) * N), Buf1(size_t(N) * N);
  float *Bufs[2] = {Buf0.data(), Buf1.data()};

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = -1; R < Reps; ++R) { // R == -1 is the warm-up.
    // Not timed: both buffers back to the initial grid.
    std::copy(Init.begin(), Init.end(), Buf0.begin());
    std::copy(Init.begin(), Init.end(), Buf1.begin());
    double Start = bench::nowMs();
    for (int It = 0; It < NumIters; ++It)
      jacobiStep(Bufs[It % 2], Bufs[(It + 1) % 2], N);
    if (R >= 0)
      Samples.push_back(bench::nowMs() - Start);
  }

  const float *Got = Bufs[NumIters % 2];
  std::vector<float> Want = Init;
  referenceJacobi(Want, N, NumIters);
  bool Ok = true;
  for (size_t I = 0; I < Want.size() && Ok; ++I) {
    Ok = bench::closeTo(Got[I], Want[I], 1e-5);
    if (!Ok)
      std::fprintf(stderr, "jacobi: [%zu] = %g, want %g\n", I, Got[I], Want[I]);
  }

  std::printf("INFO name=jacobi impl=omp threads=%d\n", omp_get_max_threads());
  return bench::report("jacobi", "omp", Samples, Ok);
}
