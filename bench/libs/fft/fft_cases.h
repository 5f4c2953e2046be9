//===- fft_cases.h - The FFT benchmark's cases and checks -------*- C++ -*-===//
//
// Part of Tongxin. Shared by the cuFFT program and the kissfft baseline:
// the same inputs, and a check of a few output bins against direct sums
// in double, so both sides are known to compute the same transform.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_BENCH_FFT_CASES_H
#define TONGXIN_BENCH_FFT_CASES_H

#include <cmath>
#include <cstddef>
#include <vector>

namespace fftbench {

/// 2^20 complex floats, one line (fft_1m), and a 1009 x 1009 complex image
/// (fft_1009x1009: prime sizes on both axes).
constexpr int LongLine = 1 << 20;
constexpr int PrimeSide = 1009;

/// Interleaved (re, im) input, deterministic.
inline std::vector<float> makeInput(size_t Count) {
  std::vector<float> V(2 * Count);
  unsigned S = 12345u;
  for (float &X : V) {
    S = S * 1664525u + 1013904223u;
    X = float(S >> 8) / 16777216.0f - 0.5f;
  }
  return V;
}

/// True when bins (K0, K1) of the Rows x Cols forward DFT of In match Out
/// (both interleaved, row-major) for a few probe bins.
inline bool checkBins(const std::vector<float> &In, const float *Out, int Rows,
                      int Cols) {
  const int Probes[][2] = {
      {0, 0}, {0, 1}, {Rows / 3, Cols / 2}, {Rows - 1, Cols - 1}};
  for (const auto &P : Probes) {
    double Re = 0, Im = 0, Mag = 0;
    for (int R = 0; R < Rows; ++R)
      for (int C = 0; C < Cols; ++C) {
        double A = -2 * M_PI *
                   (double((long long)P[0] * R % Rows) / Rows +
                    double((long long)P[1] * C % Cols) / Cols);
        double X = In[2 * (size_t(R) * Cols + C)];
        double Y = In[2 * (size_t(R) * Cols + C) + 1];
        Re += X * std::cos(A) - Y * std::sin(A);
        Im += X * std::sin(A) + Y * std::cos(A);
        Mag += std::fabs(X) + std::fabs(Y);
      }
    size_t At = 2 * (size_t(P[0]) * Cols + P[1]);
    if (std::hypot(Out[At] - Re, Out[At + 1] - Im) > 1e-4 * Mag)
      return false;
  }
  return true;
}

} // namespace fftbench

#endif // TONGXIN_BENCH_FFT_CASES_H
