//===- fft/Transform.h - A planned multi-dimensional transform --*- C++ -*-===//
//
// Part of Tongxin. What a cuFFT plan computes: a batch of rank-1 to rank-3
// transforms of one type over given input and output layouts. Executing it
// is a sequence of passes, one per dimension, each a set of 1-D lines run
// over the device's workers; a line long enough runs as a four-step FFT
// over all workers instead. Immutable once built, so an execution that is
// still queued on a stream keeps it alive past cufftDestroy.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_FFT_TRANSFORM_H
#define TONGXIN_LIBS_FFT_TRANSFORM_H

#include "FourStep.h"

#include <cstdint>
#include <memory>

namespace tx {
namespace fft {

enum class Kind { C2C, R2C, C2R };

/// Element counts and strides, in elements of the data's own type (reals
/// for the real side of R2C / C2R, complex numbers otherwise).
struct Layout {
  int64_t Embed[3] = {0, 0, 0};
  int64_t Stride = 1, Dist = 0;
};

struct Shape {
  Kind Type = Kind::C2C;
  bool Double = false;
  int Rank = 1;
  int64_t N[3] = {1, 1, 1};
  int64_t Batch = 1;
  /// Advanced layouts given (inembed and onembed both non-null); otherwise
  /// the basic layout, whose real side is padded when run in place.
  bool Advanced = false;
  Layout In, Out;
};

/// Rank, sizes and (advanced) layouts that make sense: false for a layout
/// whose embedding is smaller than the data it holds or whose strides are
/// not positive.
bool layoutIsValid(const Shape &S);

class Transform {
public:
  virtual ~Transform();
  /// Bytes of work area execute() needs.
  virtual size_t workBytes() const = 0;
  /// Runs the plan on Device's workers (Tasks at most the Workers it was
  /// built for). C2R plans of rank 2 and 3 overwrite their input, as
  /// cuFFT's do.
  virtual void execute(const void *In, void *Out, bool Inverse, void *Work,
                       int Device) const = 0;
};

/// Throws std::bad_alloc when the tables do not fit in memory.
std::unique_ptr<Transform> makeTransform(const Shape &S, unsigned Workers);

} // namespace fft
} // namespace tx

#endif // TONGXIN_LIBS_FFT_TRANSFORM_H
