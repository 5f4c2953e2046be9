//===- TransformTest.cpp - cuFFT results against a naive DFT --------------===//
//
// Part of Tongxin. Every transform type, forward and inverse, over sizes
// that exercise each butterfly (powers of two, 3, 5, 7, composites of
// 2*3*5*7, odd generic radices, primes small and large for Bluestein),
// ranks 1 to 3, batches, advanced strided layouts and in-place real
// transforms with FFTW padding.
//
//===----------------------------------------------------------------------===//

#include "FftCase.h"

#include <cuda_runtime.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace fftcase;

namespace {

void expectAccurate(const Case &C) {
  cufftResult Status = CUFFT_SUCCESS;
  double Error = runCase(C, &Status);
  ASSERT_EQ(Status, CUFFT_SUCCESS) << C.describe();
  EXPECT_LE(Error, tolerance(C)) << C.describe();
}

const cufftType AllTypes[] = {CUFFT_C2C, CUFFT_Z2Z, CUFFT_R2C,
                              CUFFT_D2Z, CUFFT_C2R, CUFFT_Z2D};

bool isC2C(cufftType T) { return T == CUFFT_C2C || T == CUFFT_Z2Z; }

} // namespace

TEST(CufftTransform, OneDimensionalSizes) {
  const int Sizes[] = {1,  2,  3,  4,  5,   6,   7,   8,   9,   11,  12,
                       13, 15, 16, 17, 25,  27,  30,  31,  32,  37,  49,
                       60, 64, 97, 98, 121, 210, 243, 256, 343, 420, 1009};
  for (cufftType Type : AllTypes)
    for (int N : Sizes) {
      Case C;
      C.N = {N};
      C.Type = Type;
      expectAccurate(C);
      if (isC2C(Type)) {
        C.Direction = CUFFT_INVERSE;
        expectAccurate(C);
      }
    }
}

TEST(CufftTransform, LargerAndPrimeSizes) {
  const int Sizes[] = {2310, 4099, 5040, 6561, 10007};
  for (cufftType Type : AllTypes)
    for (int N : Sizes) {
      // The naive reference is O(n^2): the largest sizes once each (the
      // code paths do not depend on the transform type beyond n).
      if (N > 4100 && Type != (N % 2 ? CUFFT_C2C : CUFFT_Z2D))
        continue;
      Case C;
      C.N = {N};
      C.Type = Type;
      expectAccurate(C);
    }
}

/// A long line (run as a four-step FFT over all workers) whose input is a
/// sum of a few complex exponentials, so the exact spectrum is known:
/// N * amplitude at each frequency, zero elsewhere.
template <typename Complex>
void expectExactSpectrum(int N, bool Double, int Direction, bool InPlace) {
  const int Freqs[] = {0, 1, 7, N / 3, N - 5};
  const double Amps[][2] = {{0.5, 0}, {1, -1}, {0.25, 2}, {-1, 0.5}, {3, 1}};
  std::vector<Complex> In(N), Out(N);
  for (int J = 0; J < N; ++J) {
    double Re = 0, Im = 0;
    for (int F = 0; F < 5; ++F) {
      double A = Direction * 2 * M_PI * double((long long)Freqs[F] * J % N) / N;
      Re += Amps[F][0] * std::cos(A) - Amps[F][1] * std::sin(A);
      Im += Amps[F][0] * std::sin(A) + Amps[F][1] * std::cos(A);
    }
    In[J].x = Re;
    In[J].y = Im;
  }
  cufftHandle Plan;
  ASSERT_EQ(cufftPlan1d(&Plan, N, Double ? CUFFT_Z2Z : CUFFT_C2C, 1),
            CUFFT_SUCCESS);
  Complex *Dst = InPlace ? In.data() : Out.data();
  cufftResult R;
  if constexpr (sizeof(Complex) == sizeof(cufftDoubleComplex))
    R = cufftExecZ2Z(Plan, In.data(), Dst, -Direction);
  else
    R = cufftExecC2C(Plan, In.data(), Dst, -Direction);
  ASSERT_EQ(R, CUFFT_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  cufftDestroy(Plan);
  double MaxErr = 0;
  for (int K = 0; K < N; ++K) {
    double Re = 0, Im = 0;
    for (int F = 0; F < 5; ++F)
      if (Freqs[F] == K) {
        Re = Amps[F][0] * N;
        Im = Amps[F][1] * N;
      }
    MaxErr = std::max(MaxErr, std::hypot(Dst[K].x - Re, Dst[K].y - Im));
  }
  double Eps = Double ? 2.2e-16 : 1.2e-7;
  EXPECT_LE(MaxErr / (3.2 * N), 8 * Eps * std::log2(double(N)))
      << "n=" << N << " double=" << Double << " dir=" << -Direction;
}

TEST(CufftTransform, LongLinesRunFourStep) {
  // 2^15 and up split over all workers; 2 * 3^10 is not a power of two.
  for (int N : {1 << 15, 1 << 17, 118098})
    for (bool InPlace : {false, true}) {
      expectExactSpectrum<cufftComplex>(N, false, 1, InPlace);
      expectExactSpectrum<cufftComplex>(N, false, -1, InPlace);
      expectExactSpectrum<cufftDoubleComplex>(N, true, 1, InPlace);
      expectExactSpectrum<cufftDoubleComplex>(N, true, -1, InPlace);
    }
  Case Real;
  Real.N = {8192};
  Real.Type = CUFFT_R2C;
  expectAccurate(Real);
}

TEST(CufftTransform, Batched) {
  for (cufftType Type : AllTypes)
    for (int N : {8, 15, 17, 100}) {
      Case C;
      C.N = {N};
      C.Type = Type;
      C.Batch = 7;
      expectAccurate(C);
    }
}

TEST(CufftTransform, TwoAndThreeDimensions) {
  const std::vector<std::vector<int>> Shapes = {
      {4, 4}, {3, 5},    {8, 6},    {7, 11},   {16, 9},   {1, 8},
      {8, 1}, {2, 3, 4}, {5, 4, 3}, {6, 6, 7}, {3, 1, 5}, {37, 12}};
  for (cufftType Type : AllTypes)
    for (const std::vector<int> &N : Shapes) {
      Case C;
      C.N = N;
      C.Type = Type;
      C.Batch = 2;
      expectAccurate(C);
      if (isC2C(Type)) {
        C.Direction = CUFFT_INVERSE;
        expectAccurate(C);
      }
    }
}

TEST(CufftTransform, InPlace) {
  for (cufftType Type : AllTypes)
    for (const std::vector<int> &N : std::vector<std::vector<int>>{
             {16}, {15}, {6, 10}, {5, 7}, {4, 3, 6}}) {
      Case C;
      C.N = N;
      C.Type = Type;
      C.Batch = 3;
      C.InPlace = true;
      expectAccurate(C);
    }
}

TEST(CufftTransform, AdvancedStridedLayouts) {
  // Interleaved batches: stride = batch, dist = 1.
  for (cufftType Type : AllTypes) {
    Case C;
    C.N = {12};
    C.Type = Type;
    C.Batch = 3;
    C.Advanced = true;
    int InLen = Type == CUFFT_C2R || Type == CUFFT_Z2D ? 7 : 12;
    int OutLen = Type == CUFFT_R2C || Type == CUFFT_D2Z ? 7 : 12;
    C.InEmbed = {InLen};
    C.OutEmbed = {OutLen};
    C.IStride = 3;
    C.IDist = 1;
    C.OStride = 3;
    C.ODist = 1;
    expectAccurate(C);
  }
  // 2-D with padded rows and gaps between batches.
  for (cufftType Type : AllTypes) {
    Case C;
    C.N = {5, 6};
    C.Type = Type;
    C.Batch = 2;
    C.Advanced = true;
    C.InEmbed = {5, 9};
    C.OutEmbed = {6, 8};
    C.IStride = 2;
    C.IDist = 5 * 9 * 2 + 3;
    C.OStride = 1;
    C.ODist = 6 * 8 + 1;
    expectAccurate(C);
  }
  // 3-D, output strided, input packed.
  Case C;
  C.N = {3, 4, 5};
  C.Type = CUFFT_Z2Z;
  C.Advanced = true;
  C.InEmbed = {3, 4, 5};
  C.OutEmbed = {3, 5, 6};
  C.IStride = 1;
  C.IDist = 60;
  C.OStride = 2;
  C.ODist = 200;
  C.Batch = 2;
  expectAccurate(C);
}

TEST(CufftTransform, InPlaceAdvancedRealWithPadding) {
  for (cufftType Type : {CUFFT_R2C, CUFFT_C2R, CUFFT_D2Z, CUFFT_Z2D}) {
    bool Forward = Type == CUFFT_R2C || Type == CUFFT_D2Z;
    Case C;
    C.N = {4, 10};
    C.Type = Type;
    C.Batch = 2;
    C.InPlace = true;
    C.Advanced = true;
    // Reals padded to 2 (n/2 + 1) = 12 per row, complex rows of 6.
    C.InEmbed = {4, Forward ? 12 : 6};
    C.OutEmbed = {4, Forward ? 6 : 12};
    C.IDist = Forward ? 48 : 24;
    C.ODist = Forward ? 24 : 48;
    expectAccurate(C);
  }
}
