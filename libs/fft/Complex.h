//===- fft/Complex.h - The complex numbers of the FFT kernels ---*- C++ -*-===//
//
// Part of Tongxin. A plain pair of reals with inline arithmetic: the
// layout of cufftComplex / cufftDoubleComplex, and unlike std::complex its
// product never calls out to a NaN-recovering helper, so the butterflies
// stay inlined and vectorisable.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_FFT_COMPLEX_H
#define TONGXIN_LIBS_FFT_COMPLEX_H

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace tx {
namespace fft {

template <typename T> struct Cx { T Re, Im; };

template <typename T> inline Cx<T> operator+(Cx<T> A, Cx<T> B) {
  return {A.Re + B.Re, A.Im + B.Im};
}
template <typename T> inline Cx<T> operator-(Cx<T> A, Cx<T> B) {
  return {A.Re - B.Re, A.Im - B.Im};
}
template <typename T> inline Cx<T> operator*(Cx<T> A, Cx<T> B) {
  return {A.Re * B.Re - A.Im * B.Im, A.Re * B.Im + A.Im * B.Re};
}
template <typename T> inline Cx<T> operator*(T S, Cx<T> A) {
  return {S * A.Re, S * A.Im};
}
template <typename T> inline Cx<T> conj(Cx<T> A) { return {A.Re, -A.Im}; }
/// A * conj(B) when Inverse, else A * B: twiddles are stored for the
/// forward direction only.
template <bool Inverse, typename T> inline Cx<T> twiddle(Cx<T> A, Cx<T> W) {
  return Inverse ? A * conj(W) : A * W;
}
/// A * (-i) forward, A * i inverse: the quarter-turn of radix 4.
template <bool Inverse, typename T> inline Cx<T> quarterTurn(Cx<T> A) {
  return Inverse ? Cx<T>{-A.Im, A.Re} : Cx<T>{A.Im, -A.Re};
}

/// exp(-2 pi i K / N), the forward twiddle, computed in double from the
/// exact residue so that large K lose no precision.
template <typename T> inline Cx<T> unitRoot(uint64_t K, uint64_t N) {
  double Angle = -2.0 * M_PI * double(K % N) / double(N);
  return {T(std::cos(Angle)), T(std::sin(Angle))};
}

} // namespace fft
} // namespace tx

#endif // TONGXIN_LIBS_FFT_COMPLEX_H
