//===- fft/LineFft.h - One complex transform of any length ------*- C++ -*-===//
//
// Part of Tongxin. The serial building block of every cuFFT plan: an
// unnormalised complex DFT of one contiguous line, in place, in either
// direction. Lengths whose prime factors are all small run as a mixed-radix
// Stockham autosort FFT (radix 2, 3, 4, 5 and 7 butterflies written out, a
// generic odd radix up to MaxGenericRadix); any other length runs as
// Bluestein's chirp-z convolution over a smooth length, so every length is
// O(n log n). Twiddles are computed once, here, in double precision.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_FFT_LINEFFT_H
#define TONGXIN_LIBS_FFT_LINEFFT_H

#include "Complex.h"

#include <memory>
#include <vector>

namespace tx {
namespace fft {

/// Largest prime radix run by the O(r^2) generic butterfly; lengths with a
/// larger prime factor use Bluestein.
constexpr unsigned MaxGenericRadix = 31;

/// Splits N into the radices a Stockham FFT runs (fours first); false when
/// N has a prime factor above MaxGenericRadix.
bool factorIntoRadices(size_t N, std::vector<unsigned> *Radices);

/// The smallest 2^a 3^b 5^c at least N: a length that factors well.
size_t smoothLengthAtLeast(size_t N);

template <typename T> class LineFft {
public:
  /// Throws std::bad_alloc when the tables do not fit in memory.
  explicit LineFft(size_t N);
  ~LineFft();

  size_t size() const { return N; }
  /// Complex elements of scratch that run() needs.
  size_t scratchSize() const;
  /// Data[0, N) becomes its DFT (exponent sign - forward, + inverse),
  /// unnormalised.
  void run(Cx<T> *Data, Cx<T> *Scratch, bool Inverse) const;

private:
  struct Stage {
    unsigned Radix;
    size_t Groups;  // M: butterflies per run of Stride, each with a twiddle
    size_t Stride;  // S: product of the radices before this stage
    size_t Twiddle; // offset of this stage's M * (Radix - 1) twiddles
    size_t Roots;   // offset of Radix roots of unity (generic radices)
  };
  template <bool Inverse> void runStockham(Cx<T> *Data, Cx<T> *Scratch) const;
  template <bool Inverse>
  void runStage(const Stage &S, const Cx<T> *X, Cx<T> *Y) const;
  void runBluestein(Cx<T> *Data, Cx<T> *Scratch, bool Inverse) const;

  size_t N;
  std::vector<Stage> Stages;
  std::vector<Cx<T>> Twiddles;
  // Bluestein: the chirp exp(-i pi k^2 / N) and the spectrum of its
  // conjugate, zero-padded to the inner length and divided by it.
  std::unique_ptr<LineFft> Inner;
  std::vector<Cx<T>> Chirp, ChirpSpectrum;
};

extern template class LineFft<float>;
extern template class LineFft<double>;

} // namespace fft
} // namespace tx

#endif // TONGXIN_LIBS_FFT_LINEFFT_H
