//===- triad.cu - STREAM triad benchmark ---------------------------------===//
//
// Part of Tongxin. a[i] = b[i] + s * c[i] over 2^24 floats, one element per
// thread, 256 threads a block: the STREAM "triad", two loads, one store and a
// scalar kernel argument. Like vector_add it measures streaming bandwidth and
// the cost of launching a trivially parallel kernel.
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
static constexpr float Scalar = 3.0f;

__global__ void triad(float *A, const float *B, const float *C, float S,
                      int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    A[I] = B[I] + S * C[I];
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 50);
  size_t Bytes = size_t(NumElems) * sizeof(float);

  // Multiples of 1/4 below 1024: s * c and the sum are exact in float (with
  // or without FMA contraction).
  std::vector<float> HostA(NumElems), HostB(NumElems), HostC(NumElems);
  for (int I = 0; I < NumElems; ++I) {
    HostB[I] = float(I % 1024) * 0.5f;
    HostC[I] = float(I % 77) * 0.25f;
  }

  float *DevA = nullptr, *DevB = nullptr, *DevC = nullptr;
  CHECK_CUDA(cudaMalloc(&DevA, Bytes));
  CHECK_CUDA(cudaMalloc(&DevB, Bytes));
  CHECK_CUDA(cudaMalloc(&DevC, Bytes));
  CHECK_CUDA(cudaMemcpy(DevB, HostB.data(), Bytes, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevC, HostC.data(), Bytes, cudaMemcpyHostToDevice));

  dim3 Grid((NumElems + BlockSize - 1) / BlockSize);
  triad<<<Grid, BlockSize>>>(DevA, DevB, DevC, Scalar, NumElems); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    triad<<<Grid, BlockSize>>>(DevA, DevB, DevC, Scalar, NumElems);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(HostA.data(), DevA, Bytes, cudaMemcpyDeviceToHost));
  bool Ok = true;
  for (int I = 0; I < NumElems && Ok; ++I)
    Ok = HostA[I] == HostB[I] + Scalar * HostC[I];

  CHECK_CUDA(cudaFree(DevA));
  CHECK_CUDA(cudaFree(DevB));
  CHECK_CUDA(cudaFree(DevC));
  return bench::report("triad", BENCH_IMPL, Samples, Ok);
}
