//===- jacobi.cu - 2-D Jacobi stencil benchmark --------------------------===//
//
// Part of Tongxin. 100 Jacobi iterations of the 5-point Laplace stencil on a
// 1024x1024 float grid with a fixed boundary: one launch per iteration
// (blocks of 32x8 threads, one point per thread) reading one buffer and
// writing the other, so each timed repetition is 100 short, dependent
// launches and one synchronisation.
//
// What it stresses on a CPU: the cost of a launch when each kernel runs for
// only a fraction of a millisecond, and a 2-D block with neighbour loads.
//
//===----------------------------------------------------------------------===//

// cuda_runtime.h first, as nvcc and clang implicitly do: the C++ headers that
// bench_util.h pulls in may rely on the CUDA qualifiers being defined.
#include <cuda_runtime.h>

#include "../common/bench_util.h"
#include "../common/cuda_check.h"

#include <cstdio>
#include <vector>

#ifndef BENCH_IMPL
#define BENCH_IMPL "txcc"
#endif

static constexpr int Dim = 1024; // Grid points per side, boundary included.
static constexpr int NumIters = 100;
static constexpr int BlockX = 32;
static constexpr int BlockY = 8;

__global__ void jacobiStep(const float *In, float *Out, int N) {
  int X = blockIdx.x * blockDim.x + threadIdx.x;
  int Y = blockIdx.y * blockDim.y + threadIdx.y;
  if (X < 1 || Y < 1 || X >= N - 1 || Y >= N - 1)
    return; // The boundary keeps its values (in both buffers).
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
  size_t Bytes = size_t(N) * N * sizeof(float);

  // A hot top edge, a cold rest of the boundary and an uneven interior (no
  // value ever gets near the denormal range).
  std::vector<float> Init(size_t(N) * N), Got(size_t(N) * N);
  for (int Y = 0; Y < N; ++Y)
    for (int X = 0; X < N; ++X)
      Init[Y * N + X] = Y == 0 ? 1.0f : float((X * 7 + Y * 13) % 17) / 16.0f;

  float *Bufs[2] = {nullptr, nullptr};
  CHECK_CUDA(cudaMalloc(&Bufs[0], Bytes));
  CHECK_CUDA(cudaMalloc(&Bufs[1], Bytes));

  dim3 Block(BlockX, BlockY);
  dim3 Grid((N + BlockX - 1) / BlockX, (N + BlockY - 1) / BlockY);
  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = -1; R < Reps; ++R) { // R == -1 is the warm-up.
    // Not timed: both buffers back to the initial grid.
    CHECK_CUDA(cudaMemcpy(Bufs[0], Init.data(), Bytes, cudaMemcpyHostToDevice));
    CHECK_CUDA(cudaMemcpy(Bufs[1], Init.data(), Bytes, cudaMemcpyHostToDevice));
    double Start = bench::nowMs();
    for (int It = 0; It < NumIters; ++It)
      jacobiStep<<<Grid, Block>>>(Bufs[It % 2], Bufs[(It + 1) % 2], N);
    CHECK_CUDA(cudaDeviceSynchronize());
    if (R >= 0)
      Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(Got.data(), Bufs[NumIters % 2], Bytes,
                        cudaMemcpyDeviceToHost));
  std::vector<float> Want = Init;
  referenceJacobi(Want, N, NumIters);
  bool Ok = true;
  for (size_t I = 0; I < Want.size() && Ok; ++I) {
    Ok = bench::closeTo(Got[I], Want[I], 1e-5);
    if (!Ok)
      std::fprintf(stderr, "jacobi: [%zu] = %g, want %g\n", I, Got[I], Want[I]);
  }

  CHECK_CUDA(cudaFree(Bufs[0]));
  CHECK_CUDA(cudaFree(Bufs[1]));
  return bench::report("jacobi", BENCH_IMPL, Samples, Ok);
}
