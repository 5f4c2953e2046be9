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

/// Host reference in double, i-k-j order.
static void referenceGemm(const std::vector<float> &A,
                          const std::vector<float> &B, std::vector<double> &C,
                          int M, int N, int K) {
  for (int I = 0; I < M; ++I)
    for (int Kk = 0; Kk < K; ++Kk) {
      double Aik = A[I * K + Kk];
      for (int J = 0; J < N; ++J)
        C[I * N + J] += Aik * B[Kk * N + J];
    }
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  const int M = Dim, N = Dim, K = Dim;

  // Multiples of 1/8 in [-0.75, 0.75]: products and sums stay exact in
  // float, so any summation order (or FMA contraction) gives the same C.
  std::vector<float> A(size_t(M) * K), B(size_t(K) * N), C(size_t(M) * N);
  for (size_t I = 0; I < A.size(); ++I)
    A[I] = float(int(I * 7 % 13) - 6) * 0.125f;
  for (size_t I = 0; I < B.size(); ++I)
    B[I] = float(int(I * 5 % 11) - 5) * 0.125f;

  matmulNaive(A.data(), B.data(), C.data(), M, N, K); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    matmulNaive(A.data(), B.data(), C.data(), M, N, K);
    Samples.push_back(bench::nowMs() - Start);
  }

  std::vector<double> Want(size_t(M) * N, 0.0);
  referenceGemm(A, B, Want, M, N, K);
  bool Ok = true;
  for (size_t I = 0; I < Want.size() && Ok; ++I) {
    Ok = bench::closeTo(C[I], Want[I], 1e-5);
    if (!Ok)
      std::fprintf(stderr, "matmul_naive: C[%zu] = %g, want %g\n", I, C[I],
                   Want[I]);
  }

  std::printf("INFO name=matmul_naive impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("matmul_naive", "omp", Samples, Ok);
}
