//===- solver/Arguments.h - Checking and translating arguments -*- C++ -*-===//
//
// Part of Tongxin. The cuBLAS enums and cuSOLVER element types as LAPACK
// expects them, and the size rules shared by the routines.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_SOLVER_ARGUMENTS_H
#define TONGXIN_LIBS_SOLVER_ARGUMENTS_H

#include "Lapack.h"

#include "cusolverDn.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace tx {
namespace solver {

/// The element type LAPACK uses for each API element type.
template <typename ApiT> struct ElementOf { using Type = ApiT; };
template <> struct ElementOf<cuComplex> { using Type = Complex8; };
template <> struct ElementOf<cuDoubleComplex> { using Type = Complex16; };

/// cuComplex and std::complex<float> share one layout (two floats), as do
/// cuDoubleComplex and std::complex<double>.
template <typename ApiT>
inline typename ElementOf<ApiT>::Type *element(ApiT *Pointer) {
  return reinterpret_cast<typename ElementOf<ApiT>::Type *>(Pointer);
}
template <typename ApiT>
inline const typename ElementOf<ApiT>::Type *element(const ApiT *Pointer) {
  return reinterpret_cast<const typename ElementOf<ApiT>::Type *>(Pointer);
}

/// 'L' or 'U'; false for any other fill mode (FULL included).
inline bool fillModeChar(cublasFillMode_t Mode, char *Out) {
  if (Mode == CUBLAS_FILL_MODE_LOWER)
    *Out = 'L';
  else if (Mode == CUBLAS_FILL_MODE_UPPER)
    *Out = 'U';
  else
    return false;
  return true;
}

inline bool sideChar(cublasSideMode_t Side, char *Out) {
  if (Side == CUBLAS_SIDE_LEFT)
    *Out = 'L';
  else if (Side == CUBLAS_SIDE_RIGHT)
    *Out = 'R';
  else
    return false;
  return true;
}

/// 'N', 'T' or 'C'. For real types a conjugate transpose is a transpose.
inline bool operationChar(cublasOperation_t Op, char *Out) {
  if (Op == CUBLAS_OP_N)
    *Out = 'N';
  else if (Op == CUBLAS_OP_T)
    *Out = 'T';
  else if (Op == CUBLAS_OP_C)
    *Out = 'C';
  else
    return false;
  return true;
}

inline int atLeastOne(int N) { return std::max(1, N); }

/// A LAPACK workspace query's answer (kept in a real or complex element)
/// as a count of elements, rounded up.
template <typename T> inline int queriedSize(T Answer) {
  double Size = std::ceil(double(std::real(Answer)));
  if (Size >= double(INT_MAX))
    return INT_MAX;
  return std::max(1, int(Size));
}

/// How many elements of type T hold Count elements of type U (for real and
/// integer work arrays carved out of the caller's workspace).
template <typename T, typename U> inline long long slotsFor(long long Count) {
  return (Count * (long long)sizeof(U) + (long long)sizeof(T) - 1) /
         (long long)sizeof(T);
}

/// A workspace size as the API's int, or false when it does not fit.
inline bool fitsInt(long long Size, int *Out) {
  if (Size > INT_MAX)
    return false;
  *Out = int(std::max(1LL, Size));
  return true;
}

} // namespace solver
} // namespace tx

#endif // TONGXIN_LIBS_SOLVER_ARGUMENTS_H
