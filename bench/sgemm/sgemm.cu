//===- sgemm.cu - Shared-memory tiled SGEMM benchmark --------------------===//
//
// Part of Tongxin. C = A * B for 512x512 row-major floats with the textbook
// shared-memory tiling: a 16x16 block computes a 16x16 tile of C, stepping
// through K one 16x16 tile of A and B at a time, with one __syncthreads()
// after loading the tiles and one after using them.
//
// What it stresses on a CPU: a 2-D block, a barrier pair inside a loop, and
// values (the accumulator) live across barriers.
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
static constexpr int Tile = 16;

__global__ void sgemmTiled(const float *A, const float *B, float *C, int M,
                           int N, int K) {
  __shared__ float TileA[Tile][Tile];
  __shared__ float TileB[Tile][Tile];
  int Tx = threadIdx.x, Ty = threadIdx.y;
  int Row = blockIdx.y * Tile + Ty;
  int Col = blockIdx.x * Tile + Tx;

  float Acc = 0.0f;
  for (int K0 = 0; K0 < K; K0 += Tile) {
    TileA[Ty][Tx] = (Row < M && K0 + Tx < K) ? A[Row * K + K0 + Tx] : 0.0f;
    TileB[Ty][Tx] = (K0 + Ty < K && Col < N) ? B[(K0 + Ty) * N + Col] : 0.0f;
    __syncthreads();
    for (int Kk = 0; Kk < Tile; ++Kk)
      Acc += TileA[Ty][Kk] * TileB[Kk][Tx];
    __syncthreads();
  }
  if (Row < M && Col < N)
    C[Row * N + Col] = Acc;
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

  dim3 Block(Tile, Tile);
  dim3 Grid((N + Tile - 1) / Tile, (M + Tile - 1) / Tile);

  sgemmTiled<<<Grid, Block>>>(DevA, DevB, DevC, M, N, K); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    sgemmTiled<<<Grid, Block>>>(DevA, DevB, DevC, M, N, K);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(HostC.data(), DevC, HostC.size() * sizeof(float),
                        cudaMemcpyDeviceToHost));
  bool Ok = bench::checkGemm("sgemm", HostC.data(), HostA, HostB, M, N, K);

  CHECK_CUDA(cudaFree(DevA));
  CHECK_CUDA(cudaFree(DevB));
  CHECK_CUDA(cudaFree(DevC));
  return bench::report("sgemm", BENCH_IMPL, Samples, Ok);
}
