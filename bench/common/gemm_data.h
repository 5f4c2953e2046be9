//===- gemm_data.h - Inputs and check of the GEMM benchmarks -*- C++ -*-===//
//
// Part of Tongxin. Host-only, for both halves of the sgemm and matmul_naive
// pairs: the same exactly representable inputs, the double reference and
// the check, so that every program of the two pairs verifies its C the
// same way.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_BENCH_COMMON_GEMM_DATA_H
#define TONGXIN_BENCH_COMMON_GEMM_DATA_H

#include "bench_util.h"

#include <cstddef>
#include <cstdio>
#include <vector>

namespace bench {

/// A (M x K) and B (K x N), row-major: multiples of 1/8 in [-0.75, 0.75].
/// Products and sums of up to 512 of them stay exact in float, so any
/// summation order (or FMA contraction) gives the same C.
static inline void fillGemmInputs(std::vector<float> &A, std::vector<float> &B,
                                  int M, int N, int K) {
  A.resize(size_t(M) * K);
  B.resize(size_t(K) * N);
  for (size_t I = 0; I < A.size(); ++I)
    A[I] = float(int(I * 7 % 13) - 6) * 0.125f;
  for (size_t I = 0; I < B.size(); ++I)
    B[I] = float(int(I * 5 % 11) - 5) * 0.125f;
}

/// Whether C (M x N) is A * B: against a reference in double, i-k-j order.
/// Reports the first wrong element under Name.
static inline bool checkGemm(const char *Name, const float *C,
                             const std::vector<float> &A,
                             const std::vector<float> &B, int M, int N, int K) {
  std::vector<double> Want(size_t(M) * N, 0.0);
  for (int I = 0; I < M; ++I)
    for (int Kk = 0; Kk < K; ++Kk) {
      double Aik = A[size_t(I) * K + Kk];
      for (int J = 0; J < N; ++J)
        Want[size_t(I) * N + J] += Aik * B[size_t(Kk) * N + J];
    }
  for (size_t I = 0; I < Want.size(); ++I)
    if (!closeTo(C[I], Want[I], 1e-5)) {
      std::fprintf(stderr, "%s: C[%zu] = %g, want %g\n", Name, I, C[I],
                   Want[I]);
      return false;
    }
  return true;
}

} // namespace bench

#endif // TONGXIN_BENCH_COMMON_GEMM_DATA_H
