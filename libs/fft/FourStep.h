//===- fft/FourStep.h - One long complex line over all workers --*- C++ -*-===//
//
// Part of Tongxin. A line too long for the caches (2^20 points) splits as
// N = N1 * N2: N2 transforms of length N1 down the columns of the line seen
// as an N1 x N2 matrix, a twiddle w_N^(j2 k1), then N1 transforms of length
// N2 along the rows, written out transposed. Each step is a set of short,
// cache-resident transforms spread over the device's workers.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_FFT_FOURSTEP_H
#define TONGXIN_LIBS_FFT_FOURSTEP_H

#include "LineFft.h"

#include <functional>

namespace tx {
namespace fft {

/// Lines at least this long (and free of large prime factors) run as a
/// four-step FFT over all workers.
constexpr size_t FourStepMinLength = size_t(1) << 15;

/// Runs Body(Task) for Task in [0, Tasks), possibly at the same time.
using TaskRunner =
    std::function<void(size_t Tasks, const std::function<void(size_t)> &)>;

template <typename T> class FourStep {
public:
  /// Throws std::bad_alloc when the tables do not fit in memory.
  explicit FourStep(size_t N);
  /// True when N splits into two factors that run as Stockham FFTs.
  static bool suits(size_t N);

  /// Complex elements of the matrix shared by all tasks.
  size_t sharedSize() const { return N; }
  /// Complex elements of scratch each task needs.
  size_t taskScratchSize() const;

  /// Dst[k * DstStep] = DFT(Src[j * SrcStep]) for k, j in [0, N), split
  /// into Tasks tasks; Src and Dst may be the same line.
  void run(const Cx<T> *Src, int64_t SrcStep, Cx<T> *Dst, int64_t DstStep,
           bool Inverse, Cx<T> *Shared, Cx<T> *const *TaskScratch, size_t Tasks,
           const TaskRunner &Run) const;

private:
  Cx<T> root(size_t E) const {
    return RootsHigh[E >> LowBits] * RootsLow[E & ((size_t(1) << LowBits) - 1)];
  }
  void columns(const Cx<T> *Src, int64_t SrcStep, Cx<T> *Shared, Cx<T> *Scratch,
               size_t Begin, size_t End, bool Inverse) const;
  void rows(Cx<T> *Shared, Cx<T> *Dst, int64_t DstStep, Cx<T> *Scratch,
            size_t Begin, size_t End, bool Inverse) const;

  size_t N, N1, N2;
  unsigned LowBits;
  LineFft<T> Column, Row;
  // w_N^e = RootsHigh[e >> LowBits] * RootsLow[e & mask]: two tables of
  // about sqrt(N) entries instead of one of N.
  std::vector<Cx<T>> RootsHigh, RootsLow;
};

extern template class FourStep<float>;
extern template class FourStep<double>;

} // namespace fft
} // namespace tx

#endif // TONGXIN_LIBS_FFT_FOURSTEP_H
