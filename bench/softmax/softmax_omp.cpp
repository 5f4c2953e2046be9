//===- softmax_omp.cpp - OpenMP baseline for softmax ---------------------===//
//
// Part of Tongxin. The same row softmax as softmax.cu written for a CPU: a
// parallel loop over the rows; each row takes its maximum (a `simd`
// max-reduction, the warp's strided loop and shuffles), writes expf(x - max)
// while summing it (a `simd` sum-reduction) and scales the row by 1 / sum.
// The same passes over memory and the same number of expf calls.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cmath>
#include <cstdio>
#include <vector>

static constexpr int NumRows = 4096;
static constexpr int NumCols = 1024;

static void softmaxRows(const float *__restrict In, float *__restrict Out,
                        int Rows, int Cols) {
#pragma omp parallel for schedule(static)
  for (int Row = 0; Row < Rows; ++Row) {
    const float *__restrict X = In + size_t(Row) * Cols;
    float *__restrict Y = Out + size_t(Row) * Cols;
    float Max = -INFINITY;
#pragma omp simd reduction(max : Max)
    for (int C = 0; C < Cols; ++C)
      Max = std::fmax(Max, X[C]);
    float Sum = 0.0f;
#pragma omp simd reduction(+ : Sum)
    for (int C = 0; C < Cols; ++C) {
      float E = std::exp(X[C] - Max);
      Y[C] = E;
      Sum += E;
    }
    float Inv = 1.0f / Sum;
#pragma omp simd
    for (int C = 0; C < Cols; ++C)
      Y[C] *= Inv;
  }
}

/// Checks every element against a double-precision softmax of its row.
static bool checkSoftmax(const std::vector<float> &In,
                         const std::vector<float> &Out) {
  std::vector<double> E(NumCols);
  for (int R = 0; R < NumRows; ++R) {
    const float *X = &In[size_t(R) * NumCols];
    double Max = X[0], Sum = 0.0;
    for (int C = 1; C < NumCols; ++C)
      Max = X[C] > Max ? X[C] : Max;
    for (int C = 0; C < NumCols; ++C)
      Sum += E[C] = std::exp(double(X[C]) - Max);
    for (int C = 0; C < NumCols; ++C) {
      double Want = E[C] / Sum, Got = Out[size_t(R) * NumCols + C];
      if (std::fabs(Got - Want) > 1e-4 * Want + 1e-12) {
        std::fprintf(stderr, "softmax: [%d][%d] = %g, want %g\n", R, C, Got,
                     Want);
        return false;
      }
    }
  }
  return true;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 30);
  size_t NumElems = size_t(NumRows) * NumCols;

  // Values in [-8, 8) with a per-row offset.
  std::vector<float> In(NumElems), Out(NumElems);
  for (size_t I = 0; I < NumElems; ++I)
    In[I] = float(bench::hash32(unsigned(I)) % 4096) / 256.0f - 8.0f +
            float(I / NumCols % 5);

  softmaxRows(In.data(), Out.data(), NumRows, NumCols); // Warm-up.

  std::vector<double> Samples;
  Samples.reserve(Reps);
  for (int R = 0; R < Reps; ++R) {
    double Start = bench::nowMs();
    softmaxRows(In.data(), Out.data(), NumRows, NumCols);
    Samples.push_back(bench::nowMs() - Start);
  }
  bool Ok = checkSoftmax(In, Out);

  std::printf("INFO name=softmax impl=omp threads=%d\n", omp_get_max_threads());
  return bench::report("softmax", "omp", Samples, Ok);
}
