//===- Handle.h - The cuBLAS handle and running a call ------------*- C++
//-*-===//
//
// Part of Tongxin. Every cuBLAS routine checks its handle and arguments on
// the calling thread (returning cuBLAS's status codes), then enqueues its
// work on the handle's stream with run(). Scalars given by pointer are read
// at the call in host pointer mode and when the work runs in device pointer
// mode, as in CUDA.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_HANDLE_H
#define TONGXIN_LIBS_BLAS_HANDLE_H

#include "cublas_api.h"

#include "Forward.h"
#include "LibraryCall.h"
#include "Status.h"

#include <cstdint>
#include <functional>

struct cublasContext {
  cudaStream_t Stream = nullptr;
  cublasPointerMode_t PointerMode = CUBLAS_POINTER_MODE_HOST;
  cublasAtomicsMode_t Atomics = CUBLAS_ATOMICS_NOT_ALLOWED;
  cublasMath_t Math = CUBLAS_DEFAULT_MATH;
  int SmCountTarget = 0;
  void *Workspace = nullptr;
  size_t WorkspaceBytes = 0;
  /// NVIDIA's handle mirroring this one, made by the first call forwarded
  /// to NVIDIA's cuBLAS (Forward.h).
  void *Nvidia = nullptr;
};

namespace tx {
namespace blas {

/// A scalar argument given by pointer.
template <class T> class ScalarArg {
public:
  ScalarArg(cublasHandle_t H, const T *Pointer) {
    if (H->PointerMode == CUBLAS_POINTER_MODE_HOST)
      Value = *Pointer;
    else
      Device = Pointer;
  }
  /// The value; in device pointer mode, read now (call from the work).
  T get() const { return Device ? *Device : Value; }

private:
  T Value{};
  const T *Device = nullptr;
};

/// Enqueues Work on H's stream; Work receives the device ordinal. Returns
/// CUBLAS_STATUS_NOT_SUPPORTED on a device libs/blas has no code for.
cublasStatus_t run(cublasHandle_t H, std::function<void(int Device)> Work);

/// For routines that return a scalar through a pointer (dot, nrm2, ...):
/// in host pointer mode the call waits for the result, as cuBLAS does.
cublasStatus_t runWithResult(cublasHandle_t H,
                             std::function<void(int Device)> Work);

/// Helpers for argument checks.
inline bool validOp(cublasOperation_t Op) {
  return Op == CUBLAS_OP_N || Op == CUBLAS_OP_T || Op == CUBLAS_OP_C;
}
inline bool validFill(cublasFillMode_t F) {
  return F == CUBLAS_FILL_MODE_LOWER || F == CUBLAS_FILL_MODE_UPPER;
}
inline bool validSide(cublasSideMode_t S) {
  return S == CUBLAS_SIDE_LEFT || S == CUBLAS_SIDE_RIGHT;
}
inline bool validDiag(cublasDiagType_t D) {
  return D == CUBLAS_DIAG_NON_UNIT || D == CUBLAS_DIAG_UNIT;
}
inline int64_t atLeastOne(int64_t V) { return V < 1 ? 1 : V; }

} // namespace blas
} // namespace tx

/// Returns CUBLAS_STATUS_NOT_INITIALIZED for a null handle.
#define TX_CHECK_HANDLE(H)                                                     \
  do {                                                                         \
    if (!(H))                                                                  \
      return CUBLAS_STATUS_NOT_INITIALIZED;                                    \
  } while (0)

#endif // TONGXIN_LIBS_BLAS_HANDLE_H
