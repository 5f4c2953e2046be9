//===- Types.h - cuBLAS element types and their BLIS twins --------*- C++
//-*-===//
//
// Part of Tongxin. cuComplex and cuDoubleComplex have BLIS's scomplex and
// dcomplex layout, so routines convert pointers, not data. Vectors follow
// the reference BLAS for negative increments: element 0 is then the last
// in memory.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_TYPES_H
#define TONGXIN_LIBS_BLAS_TYPES_H

#include "Blis.h"
#include "cublas_api.h"

#include <cstdint>

namespace tx {
namespace blas {

using gemm::Blis;

template <class T> struct BlisTwin { using type = T; };
template <> struct BlisTwin<cuComplex> { using type = scomplex; };
template <> struct BlisTwin<cuDoubleComplex> { using type = dcomplex; };
template <class T> using BlisOf = typename BlisTwin<T>::type;

template <class T> BlisOf<T> *blis(T *P) {
  return reinterpret_cast<BlisOf<T> *>(P);
}
template <class T> BlisOf<T> *blis(const T *P) {
  return reinterpret_cast<BlisOf<T> *>(const_cast<T *>(P));
}
template <class T> BlisOf<T> blisValue(const T &V) {
  return *reinterpret_cast<const BlisOf<T> *>(&V);
}

/// The real type of T.
template <class T> using RealOf = gemm::Real<BlisOf<T>>;

/// Where element 0 of a vector of N elements, Inc apart, lives (reference
/// BLAS semantics for negative Inc).
template <class T> T *vectorStart(T *X, int64_t N, int64_t Inc) {
  return Inc < 0 ? X - (N - 1) * Inc : X;
}

/// |Re| + |Im|, the magnitude BLAS's i?amax and ?asum use for complex.
inline float magnitude1(float V) { return V < 0 ? -V : V; }
inline double magnitude1(double V) { return V < 0 ? -V : V; }
inline float magnitude1(cuComplex V) {
  return magnitude1(V.x) + magnitude1(V.y);
}
inline double magnitude1(cuDoubleComplex V) {
  return magnitude1(V.x) + magnitude1(V.y);
}

inline trans_t blisTrans(cublasOperation_t Op) {
  switch (Op) {
  case CUBLAS_OP_T:
    return BLIS_TRANSPOSE;
  case CUBLAS_OP_C:
    return BLIS_CONJ_TRANSPOSE;
  default:
    return BLIS_NO_TRANSPOSE;
  }
}
inline uplo_t blisUplo(cublasFillMode_t F) {
  return F == CUBLAS_FILL_MODE_LOWER ? BLIS_LOWER : BLIS_UPPER;
}
inline side_t blisSide(cublasSideMode_t S) {
  return S == CUBLAS_SIDE_LEFT ? BLIS_LEFT : BLIS_RIGHT;
}
inline diag_t blisDiag(cublasDiagType_t D) {
  return D == CUBLAS_DIAG_UNIT ? BLIS_UNIT_DIAG : BLIS_NONUNIT_DIAG;
}

} // namespace blas
} // namespace tx

#endif // TONGXIN_LIBS_BLAS_TYPES_H
