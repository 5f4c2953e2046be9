// The baseline of gemm_cublas.cu: SGEMM and DGEMM called directly on BLIS
// (the BLAS Tongxin's cuBLAS uses), with BLIS's own threading over all
// cores, as a competent CPU programmer would call it.
//   gemm_blis [reps]
#include "../../common/bench_util.h"

#include <blis.h>

#include <string>
#include <thread>
#include <vector>

template <class F> static std::vector<double> timeIt(int Reps, F Call) {
  Call();
  std::vector<double> Ms;
  for (int R = 0; R < Reps; ++R) {
    double T0 = bench::nowMs();
    Call();
    Ms.push_back(bench::nowMs() - T0);
  }
  return Ms;
}

template <class T> static std::vector<T> filled(size_t Count, T Scale) {
  std::vector<T> V(Count);
  for (size_t I = 0; I < Count; ++I)
    V[I] = T(int(I % 5) - 2) * Scale;
  return V;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 5);
  const char *Env = std::getenv("BENCH_THREADS");
  int Threads = Env ? std::atoi(Env) : int(std::thread::hardware_concurrency());
  rntm_t Runtime;
  bli_rntm_init(&Runtime);
  bli_rntm_set_num_threads(Threads, &Runtime);
  for (int N : {256, 512, 1024, 2048}) {
    size_t Elems = size_t(N) * N;
    int R = N >= 2048 ? (Reps + 1) / 2 : Reps;
    auto Name = [&](const char *Kind) {
      return std::string(Kind) + "_" + std::to_string(N);
    };
    {
      auto A = filled<float>(Elems, 1), B = filled<float>(Elems, 0.5f);
      std::vector<float> C(Elems);
      float One = 1, Zero = 0;
      auto Ms = timeIt(R, [&] {
        bli_sgemm_ex(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, N, N, N, &One,
                     A.data(), 1, N, B.data(), 1, N, &Zero, C.data(), 1, N,
                     nullptr, &Runtime);
      });
      bench::report(Name("sgemm").c_str(), "blis", Ms, true);
    }
    {
      auto A = filled<double>(Elems, 1), B = filled<double>(Elems, 0.5);
      std::vector<double> C(Elems);
      double One = 1, Zero = 0;
      auto Ms = timeIt(R, [&] {
        bli_dgemm_ex(BLIS_NO_TRANSPOSE, BLIS_NO_TRANSPOSE, N, N, N, &One,
                     A.data(), 1, N, B.data(), 1, N, &Zero, C.data(), 1, N,
                     nullptr, &Runtime);
      });
      bench::report(Name("dgemm").c_str(), "blis", Ms, true);
    }
  }
  return 0;
}
