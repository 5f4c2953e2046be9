// The baseline of mma_int8_gemm.cu: the same int8 GEMM (the same values,
// B transposed) as oneDNN's dnnl_gemm_s8s8s32, the int8 GEMM Tongxin's
// cuBLAS uses (AVX-512 VNNI or AMX where the CPU has them), on oneDNN's
// OpenMP threads (OMP_NUM_THREADS, set by run.sh to the bench's threads).
//   gemm_dnnl_s8 [reps]
#include "../common/bench_util.h"

#include <oneapi/dnnl/dnnl.h>

#include <cstdint>
#include <string>
#include <vector>

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 5);
  int Status = 0;
  for (int N : {512, 1024}) {
    size_t Elems = size_t(N) * N;
    std::vector<int8_t> A(Elems), Bt(Elems);
    std::vector<int32_t> C(Elems);
    for (size_t I = 0; I < Elems; ++I) {
      A[I] = int8_t(int(I % 251) - 125);
      Bt[I] = int8_t(int(I % 241) - 120);
    }
    const int32_t Offset = 0;
    std::vector<double> Ms;
    bool Ok = true;
    for (int R = 0; R <= Reps; ++R) {
      double T0 = bench::nowMs();
      Ok &= dnnl_gemm_s8s8s32('N', 'T', 'F', N, N, N, 1.0f, A.data(), N, 0,
                              Bt.data(), N, 0, 0.0f, C.data(), N,
                              &Offset) == dnnl_success;
      if (R > 0)
        Ms.push_back(bench::nowMs() - T0);
    }
    Status |=
        bench::report(("igemm_" + std::to_string(N)).c_str(), "dnnl", Ms, Ok);
  }
  return Status;
}
