// The baseline of wmma_gemm.cu: the same GEMM (the same small-integer
// values, as float: BLIS has no half GEMM) as SGEMM called directly on
// BLIS, the BLAS Tongxin's cuBLAS uses, with BLIS's threads on all cores.
//   gemm_blis [reps]
#include "../common/bench_util.h"

#include <blis.h>

#include <string>
#include <thread>
#include <vector>

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 5);
  const char *Env = std::getenv("BENCH_THREADS");
  int Threads = Env ? std::atoi(Env) : int(std::thread::hardware_concurrency());
  rntm_t Runtime;
  bli_rntm_init(&Runtime);
  bli_rntm_set_num_threads(Threads, &Runtime);
  for (int N : {512, 1024}) {
    size_t Elems = size_t(N) * N;
    std::vector<float> A(Elems), B(Elems), C(Elems);
    for (size_t I = 0; I < Elems; ++I) {
      A[I] = float(int(I % 5) - 2);
      B[I] = float(int(I % 7) - 3) * 0.5f;
    }
    float One = 1, Zero = 0;
    std::vector<double> Ms;
    for (int R = 0; R <= Reps; ++R) {
      double T0 = bench::nowMs();
      bli_sgemm_ex(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, N, N, N, &One,
                   A.data(), N, 1, B.data(), N, 1, &Zero, C.data(), N, 1,
                   nullptr, &Runtime);
      if (R > 0)
        Ms.push_back(bench::nowMs() - T0);
    }
    bench::report(("hgemm_" + std::to_string(N)).c_str(), "blis", Ms, true);
  }
  return 0;
}
