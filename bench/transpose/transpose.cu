//===- transpose.cu - Tiled matrix transpose benchmark -------------------===//
//
// Part of Tongxin. Out = In^T for a float matrix of 2048 rows and 4096
// columns with the classic shared-memory tiling: a block of 32x8 threads reads
// a 32x32 tile of In with coalesced row reads (four rows per thread) into a
// __shared__ tile padded to 32x33 (against bank conflicts), synchronises, and
// writes the tile's columns as coalesced rows of Out.
//
// What it stresses on a CPU: a 2-D block, a per-thread loop around the
// tile accesses, and a transposed (strided) shared-memory read after a
// barrier.
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

static constexpr int Width = 4096;  // Columns of In, rows of Out.
static constexpr int Height = 2048; // Rows of In, columns of Out.
static constexpr int TileDim = 32;
static constexpr int BlockRows = 8;

__global__ void transposeTiled(float *Out, const float *In, int W, int H) {
  __shared__ float Tile[TileDim][TileDim + 1];
  int X = blockIdx.x * TileDim + threadIdx.x;
  int Y = blockIdx.y * TileDim + threadIdx.y;
  for (int J = 0; J < TileDim; J += BlockRows)
    if (X < W && Y + J < H)
      Tile[threadIdx.y + J][threadIdx.x] = In[size_t(Y + J) * W + X];
  __syncthreads();

  X = blockIdx.y * TileDim + threadIdx.x;
  Y = blockIdx.x * TileDim + threadIdx.y;
  for (int J = 0; J < TileDim; J += BlockRows)
    if (X < H && Y + J < W)
      Out[size_t(Y + J) * H + X] = Tile[threadIdx.x][threadIdx.y + J];
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  size_t NumElems = size_t(Width) * Height;
  size_t Bytes = NumElems * sizeof(float);

  std::vector<float> HostIn(NumElems), HostOut(NumElems);
  for (size_t I = 0; I < NumElems; ++I)
    HostIn[I] = float(I);

  float *DevIn = nullptr, *DevOut = nullptr;
  CHECK_CUDA(cudaMalloc(&DevIn, Bytes));
  CHECK_CUDA(cudaMalloc(&DevOut, Bytes));
  CHECK_CUDA(cudaMemcpy(DevIn, HostIn.data(), Bytes, cudaMemcpyHostToDevice));

  dim3 Block(TileDim, BlockRows);
  dim3 Grid((Width + TileDim - 1) / TileDim, (Height + TileDim - 1) / TileDim);
  transposeTiled<<<Grid, Block>>>(DevOut, DevIn, Width, Height); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    transposeTiled<<<Grid, Block>>>(DevOut, DevIn, Width, Height);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(cudaMemcpy(HostOut.data(), DevOut, Bytes, cudaMemcpyDeviceToHost));
  bool Ok = true;
  for (int R = 0; R < Width && Ok; ++R)
    for (int C = 0; C < Height && Ok; ++C)
      Ok = HostOut[size_t(R) * Height + C] == HostIn[size_t(C) * Width + R];

  CHECK_CUDA(cudaFree(DevIn));
  CHECK_CUDA(cudaFree(DevOut));
  return bench::report("transpose", BENCH_IMPL, Samples, Ok);
}
