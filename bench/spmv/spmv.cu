//===- spmv.cu - CSR sparse matrix-vector product benchmark --------------===//
//
// Part of Tongxin. y = A x for a sparse 2^19 x 2^19 matrix in CSR form, one
// thread per row (the "scalar" CSR kernel). Rows have irregular lengths (1
// to 48 entries, about 16.5 on average; a quarter of the rows are long),
// half of each row's columns lie near the diagonal and half anywhere, so the
// loads of x are gathers with mixed locality.
//
// What it stresses on a CPU: a per-thread loop whose trip count differs from
// thread to thread, and indirect loads.
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

static constexpr int NumRows = 1 << 19;
static constexpr int BlockSize = 256;

__global__ void spmvCsr(const int *RowPtr, const int *ColIdx, const float *Vals,
                        const float *X, float *Y, int Rows) {
  int Row = blockIdx.x * blockDim.x + threadIdx.x;
  if (Row >= Rows)
    return;
  float Sum = 0.0f;
  for (int K = RowPtr[Row]; K < RowPtr[Row + 1]; ++K)
    Sum += Vals[K] * X[ColIdx[K]];
  Y[Row] = Sum;
}

/// Builds the deterministic matrix and vector. Values are multiples of 1/8
/// and x holds small integers, so every row sum is exact in float.
static void buildMatrix(std::vector<int> &RowPtr, std::vector<int> &ColIdx,
                        std::vector<float> &Vals, std::vector<float> &X) {
  const int N = NumRows;
  RowPtr.assign(N + 1, 0);
  for (int R = 0; R < N; ++R) {
    unsigned H = bench::hash32(unsigned(R));
    int Len = 1 + int(H % 16) + (((H >> 8) & 3) == 0 ? 32 : 0);
    RowPtr[R + 1] = RowPtr[R] + Len;
  }
  ColIdx.resize(RowPtr[N]);
  Vals.resize(RowPtr[N]);
  for (int R = 0; R < N; ++R)
    for (int K = RowPtr[R]; K < RowPtr[R + 1]; ++K) {
      unsigned H = bench::hash32(unsigned(K) ^ 0x5bd1e995u);
      int Col = (K & 1) ? int(H % N)
                        : (R + int(H % 2048) - 1024 + N) % N; // Near-diagonal.
      ColIdx[K] = Col;
      Vals[K] = float(int((H >> 20) % 15) - 7) * 0.125f;
    }
  X.resize(N);
  for (int C = 0; C < N; ++C)
    X[C] = float(C % 9) - 4.0f;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  const int N = NumRows;

  std::vector<int> RowPtr, ColIdx;
  std::vector<float> Vals, X, Y(N);
  buildMatrix(RowPtr, ColIdx, Vals, X);
  size_t Nnz = ColIdx.size();

  int *DevRowPtr = nullptr, *DevColIdx = nullptr;
  float *DevVals = nullptr, *DevX = nullptr, *DevY = nullptr;
  CHECK_CUDA(cudaMalloc(&DevRowPtr, (N + 1) * sizeof(int)));
  CHECK_CUDA(cudaMalloc(&DevColIdx, Nnz * sizeof(int)));
  CHECK_CUDA(cudaMalloc(&DevVals, Nnz * sizeof(float)));
  CHECK_CUDA(cudaMalloc(&DevX, N * sizeof(float)));
  CHECK_CUDA(cudaMalloc(&DevY, N * sizeof(float)));
  CHECK_CUDA(cudaMemcpy(DevRowPtr, RowPtr.data(), (N + 1) * sizeof(int),
                        cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevColIdx, ColIdx.data(), Nnz * sizeof(int),
                        cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(DevVals, Vals.data(), Nnz * sizeof(float),
                        cudaMemcpyHostToDevice));
  CHECK_CUDA(
      cudaMemcpy(DevX, X.data(), N * sizeof(float), cudaMemcpyHostToDevice));

  int NumBlocks = (N + BlockSize - 1) / BlockSize;
  spmvCsr<<<NumBlocks, BlockSize>>>(DevRowPtr, DevColIdx, DevVals, DevX, DevY,
                                    N); // Warm-up.
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    spmvCsr<<<NumBlocks, BlockSize>>>(DevRowPtr, DevColIdx, DevVals, DevX, DevY,
                                      N);
    CHECK_CUDA(cudaDeviceSynchronize());
    Samples.push_back(bench::nowMs() - Start);
  }
  CHECK_CUDA(cudaGetLastError());

  CHECK_CUDA(
      cudaMemcpy(Y.data(), DevY, N * sizeof(float), cudaMemcpyDeviceToHost));
  bool Ok = true;
  for (int R = 0; R < N && Ok; ++R) {
    double Want = 0.0;
    for (int K = RowPtr[R]; K < RowPtr[R + 1]; ++K)
      Want += double(Vals[K]) * X[ColIdx[K]];
    Ok = Y[R] == Want;
    if (!Ok)
      std::fprintf(stderr, "spmv: y[%d] = %g, want %g\n", R, Y[R], Want);
  }

  CHECK_CUDA(cudaFree(DevRowPtr));
  CHECK_CUDA(cudaFree(DevColIdx));
  CHECK_CUDA(cudaFree(DevVals));
  CHECK_CUDA(cudaFree(DevX));
  CHECK_CUDA(cudaFree(DevY));
  return bench::report("spmv", BENCH_IMPL, Samples, Ok);
}
