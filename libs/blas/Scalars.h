//===- Scalars.h - alpha and beta of any cuBLAS scale type --------*- C++
//-*-===//
//
// Part of Tongxin. The Ex routines take alpha and beta as void pointers
// whose type follows the compute type; ScalarRef reads one in either
// pointer mode and hands it to the GEMM engine as a double pair.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_SCALARS_H
#define TONGXIN_LIBS_BLAS_SCALARS_H

#include "Gemm.h"
#include "Handle.h"

#include <cstring>

namespace tx {
namespace blas {

enum class ScaleType { F16, F32, F64, C32, C64, I32 };

/// The value of a scale-type element at Pointer.
inline gemm::Scalar loadScalar(ScaleType T, const void *Pointer) {
  gemm::Scalar S;
  switch (T) {
  case ScaleType::F16: {
    uint16_t H;
    std::memcpy(&H, Pointer, 2);
    __half Half;
    std::memcpy(&Half, &H, 2);
    S.Re = double(__half2float(Half));
    break;
  }
  case ScaleType::F32:
    S.Re = *static_cast<const float *>(Pointer);
    break;
  case ScaleType::F64:
    S.Re = *static_cast<const double *>(Pointer);
    break;
  case ScaleType::C32:
    S.Re = static_cast<const float *>(Pointer)[0];
    S.Im = static_cast<const float *>(Pointer)[1];
    break;
  case ScaleType::C64:
    S.Re = static_cast<const double *>(Pointer)[0];
    S.Im = static_cast<const double *>(Pointer)[1];
    break;
  case ScaleType::I32:
    S.Re = *static_cast<const int32_t *>(Pointer);
    break;
  }
  return S;
}

class ScalarRef {
public:
  ScalarRef(cublasHandle_t H, ScaleType T, const void *Pointer) : Type(T) {
    if (H->PointerMode == CUBLAS_POINTER_MODE_HOST)
      Value = loadScalar(T, Pointer);
    else
      Device = Pointer;
  }
  /// In device pointer mode, reads the scalar now (call from the work).
  gemm::Scalar get() const { return Device ? loadScalar(Type, Device) : Value; }

private:
  ScaleType Type;
  gemm::Scalar Value;
  const void *Device = nullptr;
};

} // namespace blas
} // namespace tx

#endif // TONGXIN_LIBS_BLAS_SCALARS_H
