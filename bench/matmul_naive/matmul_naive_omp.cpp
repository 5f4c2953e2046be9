//===- matmul_naive_omp.cpp - OpenMP baseline for matmul_naive ----------===//
//
// Part of Tongxin. The straightforward CPU matrix product without tiling,
// as a competent programmer writes it: a parallel loop over the rows of C,
// and in each row the i-k-j order, so that the innermost loop runs along a
// row of B and of C with unit stride and vectorises (`omp simd`), with
// A[i][k] broadcast. Each element of C still sums its products in k order,
// as one CUDA thread does.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"
#include "../common/gemm_data.h"

#include <omp.h>

#include <cstdio>
#include <vector>

static constexpr int Dim = 512; // M = N = K.

static void matmulNaive(const float *__restrict A, const float *__restrict B,
                        float *__restrict C, int M, int N, int K) {
#pragma omp parallel for schedule(static)
  for (int I = 0; I < M; ++I) {
    float *CRow = C + size_t(I) * N;
    for (int J = 0; J < N; ++J)
      CRow[J] = 0.0f;
    for (int Kk = 0; Kk < K; ++Kk) {
      float Aik = A[size_t(I) * K + Kk];
      const float *BRow = B + size_t(Kk) * N;
#pragma omp simd
      for (int J = 0; J < N; ++J)
        CRow[J] += Aik * BRow[J];
    }
  }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  const int M = Dim, N = Dim, K = Dim;

  std::vector<float> A, B, C(size_t(M) * N);
  bench::fillGemmInputs(A, B, M, N, K);

  matmulNaive(A.data(), B.data(), C.data(), M, N, K); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    matmulNaive(A.data(), B.data(), C.data(), M, N, K);
    Samples.push_back(bench::nowMs() - Start);
  }

  bool Ok = bench::checkGemm("matmul_naive", C.data(), A, B, M, N, K);

  std::printf("INFO name=matmul_naive impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("matmul_naive", "omp", Samples, Ok);
}
