//===- histogram.cu - Shared-memory histogram benchmark ------------------===//
//
// Part of Tongxin. A 256-bin histogram of 2^24 bytes: a fixed grid of 256
// blocks of 256 threads clears a __shared__ histogram per block, adds every
// byte of its grid-stride share to it with atomicAdd, and merges it into the
// global histogram with one atomicAdd per non-empty bin. The bytes follow a
// skewed (triangular) distribution, so some bins are much hotter than others.
//
// What it stresses on a CPU: an atomic read-modify-write on shared memory
// per element, barriers around it, and global atomics at the end.
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
static constexpr int NumBins = 256;
static constexpr int BlockSize = 256;
static constexpr int NumBlocks = 256;

__global__ void histogramShared(const unsigned char *In, unsigned *Hist,
                                int N) {
  __shared__ unsigned Local[NumBins];
  for (int B = threadIdx.x; B < NumBins; B += blockDim.x)
    Local[B] = 0;
  __syncthreads();

  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    atomicAdd(&Local[In[I]], 1u);
  __syncthreads();

  for (int B = threadIdx.x; B < NumBins; B += blockDim.x)
    if (Local[B] != 0)
      atomicAdd(&Hist[B], Local[B]);
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 15);

  // Triangular distribution: the sum of two uniform bytes, halved.
  std::vector<unsigned char> In(NumElems);
  std::vector<unsigned> Want(NumBins, 0), Got(NumBins);
  for (int I = 0; I < NumElems; ++I) {
    unsigned H = bench::hash32(unsigned(I));
    In[I] = (unsigned char)(((H & 0xff) + ((H >> 8) & 0xff)) / 2);
    ++Want[In[I]];
  }

  unsigned char *DevIn = nullptr;
  unsigned *DevHist = nullptr;
  CHECK_CUDA(cudaMalloc(&DevIn, NumElems));
  CHECK_CUDA(cudaMalloc(&DevHist, NumBins * sizeof(unsigned)));
  CHECK_CUDA(cudaMemcpy(DevIn, In.data(), NumElems, cudaMemcpyHostToDevice));

  std::vector<double> Samples;
  Samples.reserve(Reps);
  bool Ok = true;
  for (int R = -1; R < Reps; ++R) { // R == -1 is the warm-up.
    CHECK_CUDA(cudaMemset(DevHist, 0, NumBins * sizeof(unsigned)));
    CHECK_CUDA(cudaDeviceSynchronize()); // Not timed.
    double Start = bench::nowMs();
    histogramShared<<<NumBlocks, BlockSize>>>(DevIn, DevHist, NumElems);
    CHECK_CUDA(cudaDeviceSynchronize());
    if (R >= 0)
      Samples.push_back(bench::nowMs() - Start);
    CHECK_CUDA(cudaMemcpy(Got.data(), DevHist, NumBins * sizeof(unsigned),
                          cudaMemcpyDeviceToHost));
    Ok = Ok && Got == Want;
  }
  CHECK_CUDA(cudaGetLastError());
  if (!Ok)
    std::fprintf(stderr, "histogram: wrong bin counts\n");

  CHECK_CUDA(cudaFree(DevIn));
  CHECK_CUDA(cudaFree(DevHist));
  return bench::report("histogram", BENCH_IMPL, Samples, Ok);
}
