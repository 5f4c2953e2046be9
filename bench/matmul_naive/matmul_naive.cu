//===- matmul_naive.cu - One-thread-per-element matrix product ----------===//
//
// Part of Tongxin. C = A * B for 512x512 row-major floats in the form most
// CUDA tutorials start from: one thread per element of C in 16x16 blocks,
// each walking a row of A and a column of B from global memory.
//
// What it stresses on a CPU: a 2-D block without shared memory or barriers
// and a per-thread loop over a uniform trip count (the k loop), whose column
// walks through B are strided for one thread but contiguous across the
// threads of a row.
//
//===----------------------------------------------------------------------===//

// cuda_runtime.h first, as nvcc and clang implicitly do: the C++ headers that
// bench_util.h pulls in may rely on the CUDA qualifiers being defined.
#include <cuda_runtime.h>

#include "../common/bench_util.h"
#include "../common/cuda_check.h"
#include "../common/gemm_data.h"

#include <cstdio>
#include <vector>

#ifndef BENCH_IMPL
#define BENCH_IMPL "txcc"
#endif

static constexpr int Dim = 512; // M = N = K.
static constexpr int BlockSide = 16;

__global__ void matmulNaive(const float *A, const float *B, float *C, int M,
                            int N, int K) {
  int Row = blockIdx.y * blockDim.y + threadIdx.y;
  int Col = blockIdx.x * blockDim.x + threadIdx.x;
  if (Row < M && Col < N) {
    float Sum = 0.0f;
    for (int Kk = 0; Kk < K; ++Kk)
      Sum += A[Row * K + Kk] * B[Kk * N + Col];
    C[Row * N + Col] = Sum;
  }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  const int M = Dim, N = Dim, K = Dim;

  std::vector<float> HostA, HostB;
  bench::fillGemmInputs(HostA, HostB, M, N, K);
  std::vector<float> HostC(size_t(M) * N);

  float *DevA = nullptr, *DevB = nullptr, *DevC = nullptr;
  CHECK_CUDA(cudaMalloc(&DevA, HostA.size() * sizeof(float)));
  CHECK_CUDA(cudaMalloc(&DevB, HostB.size() * sizeof(float)));
  CHECK_CUDA(cudaMalloc(&DevC, HostC.size() * sizeof(float)));
  CHECK_CUDA(cudaMemcpy(DevA, HostA.data(), HostA.size() * sizeof(float),
                        cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevB, HostB.data(), HostB.size() * sizeof(float),
                        cudaMemcpyHostToDevice));

  dim3 Block(BlockSide, BlockSide);
  dim3 Grid((N + BlockSide - 1) / BlockSide, (M + BlockSide - 1) / BlockSide);

  matmulNaive<<<Grid, Block>>>(DevA, DevB, DevC, M, N, K); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    matmulNaive<<<Grid, Block>>>(DevA, DevB, DevC, M, N, K);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(HostC.data(), DevC, HostC.size() * sizeof(float),
                        cudaMemcpyDeviceToHost));
  bool Ok =
      bench::checkGemm("matmul_naive", HostC.data(), HostA, HostB, M, N, K);

  CHECK_CUDA(cudaFree(DevA));
  CHECK_CUDA(cudaFree(DevB));
  CHECK_CUDA(cudaFree(DevC));
  return bench::report("matmul_naive", BENCH_IMPL, Samples, Ok);
}
