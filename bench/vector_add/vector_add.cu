//===- vector_add.cu - Element-wise vector addition benchmark ------------===//
//
// Part of Tongxin. c[i] = a[i] + b[i] over 2^24 floats, 256 threads a block.
// A pure bandwidth benchmark: it measures how close the compiled kernel and
// the block scheduler come to a hand-written OpenMP loop (vector_add_omp.cpp).
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

static constexpr int NumElems = 1 << 24;
static constexpr int BlockSize = 256;

__global__ void vectorAdd(const float *A, const float *B, float *C, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    C[I] = A[I] + B[I];
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);
  size_t Bytes = size_t(NumElems) * sizeof(float);

  // Values with few significant bits so that every sum is exact.
  std::vector<float> HostA(NumElems), HostB(NumElems), HostC(NumElems);
  for (int I = 0; I < NumElems; ++I) {
    HostA[I] = float(I % 1024) * 0.5f;
    HostB[I] = float(I % 77) * 0.25f;
  }

  float *DevA = nullptr, *DevB = nullptr, *DevC = nullptr;
  CHECK_CUDA(cudaMalloc(&DevA, Bytes));
  CHECK_CUDA(cudaMalloc(&DevB, Bytes));
  CHECK_CUDA(cudaMalloc(&DevC, Bytes));
  CHECK_CUDA(cudaMemcpy(DevA, HostA.data(), Bytes, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevB, HostB.data(), Bytes, cudaMemcpyHostToDevice));

  dim3 Grid((NumElems + BlockSize - 1) / BlockSize);
  dim3 Block(BlockSize);

  // Warm-up: first-touch of the output pages, thread-pool start-up.
  vectorAdd<<<Grid, Block>>>(DevA, DevB, DevC, NumElems);
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    vectorAdd<<<Grid, Block>>>(DevA, DevB, DevC, NumElems);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(HostC.data(), DevC, Bytes, cudaMemcpyDeviceToHost));
  bool Ok = true;
  for (int I = 0; I < NumElems && Ok; ++I)
    Ok = HostC[I] == HostA[I] + HostB[I];

  CHECK_CUDA(cudaFree(DevA));
  CHECK_CUDA(cudaFree(DevB));
  CHECK_CUDA(cudaFree(DevC));
  return bench::report("vector_add", BENCH_IMPL, Samples, Ok);
}
