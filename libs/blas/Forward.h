//===- Forward.h - cuBLAS calls on NVIDIA GPUs go to NVIDIA's cuBLAS -*- C++
//-*-===//
//
// Part of Tongxin. Every cuBLAS entry point that takes a handle starts with
// TX_BLAS_FORWARD: when the handle's stream belongs to an NVIDIA GPU, the
// call goes to NVIDIA's own cuBLAS (libs/common/NvidiaLibrary.h) with the
// same arguments and a handle of NVIDIA's, which mirrors ours (stream,
// pointer mode, math mode, atomics, workspace) for each call.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_FORWARD_H
#define TONGXIN_LIBS_BLAS_FORWARD_H

#include "cublas_api.h"

#include "NvidiaLibrary.h"

#include <functional>

namespace tx {
namespace blas {

/// How cuBLAS forwards (lib::HandleForwarder).
struct CublasForwarding {
  static constexpr cublasStatus_t NotSupported = CUBLAS_STATUS_NOT_SUPPORTED;
  /// NVIDIA's function Name (its "_v2" form where NVIDIA has one, since its
  /// plain name is the legacy, handle-less function), or null.
  static void *function(const char *Name);
  /// Runs Call with NVIDIA's handle mirroring H, on H's stream.
  static cublasStatus_t
  forward(cublasHandle_t H, int Device,
          const std::function<cublasStatus_t(void *)> &Call);
};

/// True if H's stream is on an NVIDIA GPU; *Device is then its ordinal.
bool onNvidia(cublasHandle_t H, int *Device);

/// Destroys NVIDIA's handle mirroring H, if there is one.
void releaseNvidiaHandle(cublasHandle_t H);

} // namespace blas
} // namespace tx

/// Forwards the call of entry point Name (parameters H, ...) to NVIDIA's
/// cuBLAS when H's stream is on an NVIDIA GPU.
#define TX_BLAS_FORWARD(Name, H, ...)                                          \
  do {                                                                         \
    int TxNvidiaDevice = 0;                                                    \
    if (::tx::blas::onNvidia(H, &TxNvidiaDevice))                              \
      return ::tx::lib::HandleForwarder<decltype(&Name)>::call<                \
          ::tx::blas::CublasForwarding>(#Name, H, TxNvidiaDevice,              \
                                        ##__VA_ARGS__);                        \
  } while (0)

#endif // TONGXIN_LIBS_BLAS_FORWARD_H
