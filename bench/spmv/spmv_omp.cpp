//===- spmv_omp.cpp - OpenMP baseline for spmv ---------------------------===//
//
// Part of Tongxin. The same CSR product as spmv.cu written for a CPU: a
// parallel loop over the rows, each row's entries summed in a plain inner
// loop. The row lengths are pseudo-random, not sorted, so a static schedule
// balances the two halves of the matrix as well as a dynamic one would.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cstdio>
#include <vector>

static constexpr int NumRows = 1 << 19;

static void spmvCsr(const int *__restrict RowPtr, const int *__restrict ColIdx,
                    const float *__restrict Vals, const float *__restrict X,
                    float *__restrict Y, int Rows) {
#pragma omp parallel for schedule(static)
  for (int Row = 0; Row < Rows; ++Row) {
    float Sum = 0.0f;
    for (int K = RowPtr[Row]; K < RowPtr[Row + 1]; ++K)
      Sum += Vals[K] * X[ColIdx[K]];
    Y[Row] = Sum;
  }
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

  spmvCsr(RowPtr.data(), ColIdx.data(), Vals.data(), X.data(), Y.data(),
          N); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    spmvCsr(RowPtr.data(), ColIdx.data(), Vals.data(), X.data(), Y.data(), N);
    Samples.push_back(bench::nowMs() - Start);
  }

  bool Ok = true;
  for (int R = 0; R < N && Ok; ++R) {
    double Want = 0.0;
    for (int K = RowPtr[R]; K < RowPtr[R + 1]; ++K)
      Want += double(Vals[K]) * X[ColIdx[K]];
    Ok = Y[R] == Want;
    if (!Ok)
      std::fprintf(stderr, "spmv: y[%d] = %g, want %g\n", R, Y[R], Want);
  }

  std::printf("INFO name=spmv impl=omp threads=%d\n", omp_get_max_threads());
  return bench::report("spmv", "omp", Samples, Ok);
}
