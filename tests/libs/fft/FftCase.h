//===- FftCase.h - One cuFFT transform checked against a naive DFT -*- C++
//-*-===//
//
// Part of Tongxin. A Case is a plan (rank, sizes, type, batch, basic or
// advanced layout, in or out of place); runCase fills the input through
// the layout, executes the plan and compares every output element with an
// O(n^2) DFT in double precision, returning the largest error relative to
// the largest reference magnitude.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_LIBS_FFT_FFTCASE_H
#define TONGXIN_TESTS_LIBS_FFT_FFTCASE_H

#include <cufft.h>

#include <complex>
#include <string>
#include <vector>

namespace fftcase {

struct Case {
  std::vector<int> N;
  cufftType Type = CUFFT_C2C;
  int Batch = 1;
  int Direction = CUFFT_FORWARD; // C2C / Z2Z only
  bool InPlace = false;
  bool Advanced = false;
  std::vector<int> InEmbed, OutEmbed;
  int IStride = 1, IDist = 0, OStride = 1, ODist = 0;
  std::string describe() const;
};

/// Largest |ours - reference| / max |reference|; negative when a cuFFT
/// call failed (the status is then in *Status).
double runCase(const Case &C, cufftResult *Status);

/// The error runCase may report: a few ulps of the precision per level of
/// the FFT's recursion.
double tolerance(const Case &C);

} // namespace fftcase

#endif // TONGXIN_TESTS_LIBS_FFT_FFTCASE_H
