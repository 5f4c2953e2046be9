//===- small_launches.cu - Many small dependent launches benchmark -------===//
//
// Part of Tongxin. 2000 launches in a row of a tiny kernel (x = x / 2 + y
// over 4096 floats, 16 blocks of 256 threads), each depending on the one
// before, with one cudaDeviceSynchronize() at the end: the launch rate of
// code that issues many small kernels (time-stepping loops, solvers).
//
// What it stresses on a CPU: the fixed cost of a launch -- queueing, waking
// the workers, distributing 16 blocks, retiring the kernel -- which here is
// almost all of the time.
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

static constexpr int NumElems = 4096;
static constexpr int NumLaunches = 2000;
static constexpr int BlockSize = 256;

__global__ void relax(float *X, const float *Y, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    X[I] = X[I] * 0.5f + Y[I];
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);
  size_t Bytes = NumElems * sizeof(float);

  // x * 0.5 is exact (no value comes near the denormals), so each step
  // rounds once, with or without FMA contraction: the result is exact.
  std::vector<float> X0(NumElems), Y(NumElems), Want(NumElems), Got(NumElems);
  for (int I = 0; I < NumElems; ++I) {
    X0[I] = float(I % 1000);
    Y[I] = 1.0f + float(I % 5) * 0.375f;
    Want[I] = X0[I];
  }
  for (int L = 0; L < NumLaunches; ++L)
    for (int I = 0; I < NumElems; ++I)
      Want[I] = Want[I] * 0.5f + Y[I];

  float *DevX = nullptr, *DevY = nullptr;
  CHECK_CUDA(cudaMalloc(&DevX, Bytes));
  CHECK_CUDA(cudaMalloc(&DevY, Bytes));
  CHECK_CUDA(cudaMemcpy(DevY, Y.data(), Bytes, cudaMemcpyHostToDevice));

  int NumBlocks = (NumElems + BlockSize - 1) / BlockSize;
  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = -1; R < Reps; ++R) { // R == -1 is the warm-up.
    CHECK_CUDA(cudaMemcpy(DevX, X0.data(), Bytes, cudaMemcpyHostToDevice));
    double Start = bench::nowMs();
    for (int L = 0; L < NumLaunches; ++L)
      relax<<<NumBlocks, BlockSize>>>(DevX, DevY, NumElems);
    CHECK_CUDA(cudaDeviceSynchronize());
    if (R >= 0)
      Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(Got.data(), DevX, Bytes, cudaMemcpyDeviceToHost));
  bool Ok = Got == Want;
  if (!Ok)
    std::fprintf(stderr, "small_launches: wrong result\n");

  CHECK_CUDA(cudaFree(DevX));
  CHECK_CUDA(cudaFree(DevY));
  return bench::report("small_launches", BENCH_IMPL, Samples, Ok);
}
