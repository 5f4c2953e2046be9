//===- layernorm_omp.cpp - OpenMP baseline for layernorm -----------------===//
//
// Part of Tongxin. The same layer normalisation as layernorm.cu written for
// a CPU: a parallel loop over the rows; each row sums x (a `simd`
// reduction, the block's shuffle-and-shared-memory sum), then (x - mean)^2
// in a second pass, and writes (x - mean) * (1 / sqrtf(var + eps)) * gamma +
// beta in a third -- the same three passes as the CUDA kernel.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cmath>
#include <cstdio>
#include <vector>

static constexpr int NumRows = 4096;
static constexpr int NumCols = 1024;
static constexpr float Eps = 1e-5f;

static void layerNorm(const float *__restrict In, float *__restrict Out,
                      const float *__restrict Gamma,
                      const float *__restrict Beta, int Rows, int Cols) {
#pragma omp parallel for schedule(static)
  for (int Row = 0; Row < Rows; ++Row) {
    const float *__restrict X = In + size_t(Row) * Cols;
    float *__restrict Y = Out + size_t(Row) * Cols;
    float Sum = 0.0f;
#pragma omp simd reduction(+ : Sum)
    for (int C = 0; C < Cols; ++C)
      Sum += X[C];
    float Mean = Sum / Cols;
    float SqSum = 0.0f;
#pragma omp simd reduction(+ : SqSum)
    for (int C = 0; C < Cols; ++C) {
      float D = X[C] - Mean;
      SqSum += D * D;
    }
    float Var = SqSum / Cols;
    float InvStd = 1.0f / std::sqrt(Var + Eps);
#pragma omp simd
    for (int C = 0; C < Cols; ++C)
      Y[C] = (X[C] - Mean) * InvStd * Gamma[C] + Beta[C];
  }
}

/// Checks every element against a double-precision layer norm of its row.
static bool checkLayerNorm(const std::vector<float> &In,
                           const std::vector<float> &Gamma,
                           const std::vector<float> &Beta,
                           const std::vector<float> &Out) {
  for (int R = 0; R < NumRows; ++R) {
    const float *X = &In[size_t(R) * NumCols];
    double Mean = 0.0, Var = 0.0;
    for (int C = 0; C < NumCols; ++C)
      Mean += X[C];
    Mean /= NumCols;
    for (int C = 0; C < NumCols; ++C)
      Var += (X[C] - Mean) * (X[C] - Mean);
    Var /= NumCols;
    double InvStd = 1.0 / std::sqrt(Var + Eps);
    for (int C = 0; C < NumCols; ++C) {
      double Want = (X[C] - Mean) * InvStd * Gamma[C] + Beta[C];
      double Got = Out[size_t(R) * NumCols + C];
      if (std::fabs(Got - Want) > 1e-4 * (1.0 + std::fabs(Want))) {
        std::fprintf(stderr, "layernorm: [%d][%d] = %g, want %g\n", R, C, Got,
                     Want);
        return false;
      }
    }
  }
  return true;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 10);
  size_t NumElems = size_t(NumRows) * NumCols;

  // Values in [-2, 2) plus a per-row offset and scale; gamma in [0.5, 1.5),
  // beta in [-0.5, 0.5).
  std::vector<float> In(NumElems), Out(NumElems);
  std::vector<float> Gamma(NumCols), Beta(NumCols);
  for (size_t I = 0; I < NumElems; ++I)
    In[I] = (float(bench::hash32(unsigned(I)) % 4096) / 1024.0f - 2.0f) *
                float(1 + I / NumCols % 3) +
            float(I / NumCols % 7);
  for (int C = 0; C < NumCols; ++C) {
    Gamma[C] =
        0.5f + float(bench::hash32(unsigned(C) + 1234567u) % 1024) / 1024.0f;
    Beta[C] =
        float(bench::hash32(unsigned(C) + 7654321u) % 1024) / 1024.0f - 0.5f;
  }

  layerNorm(In.data(), Out.data(), Gamma.data(), Beta.data(), NumRows,
            NumCols); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    layerNorm(In.data(), Out.data(), Gamma.data(), Beta.data(), NumRows,
              NumCols);
    Samples.push_back(bench::nowMs() - Start);
  }
  bool Ok = checkLayerNorm(In, Gamma, Beta, Out);

  std::printf("INFO name=layernorm impl=omp threads=%d\n",
              omp_get_max_threads());
  return bench::report("layernorm", "omp", Samples, Ok);
}
