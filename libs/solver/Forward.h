//===- Forward.h - cuSOLVER calls on NVIDIA GPUs go to NVIDIA's cuSOLVER -*-
// C++ -*-===//
//
// Part of Tongxin. Every cusolverDn entry point that takes a handle starts
// with TX_SOLVER_FORWARD: when the handle's stream belongs to an NVIDIA GPU,
// the call goes to NVIDIA's own cuSOLVER (libs/common/NvidiaLibrary.h) with
// the same arguments and a handle of NVIDIA's mirroring ours (stream,
// deterministic mode). Its _bufferSize calls are NVIDIA's too, so the
// workspace sizes match the routines that use them.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_SOLVER_FORWARD_H
#define TONGXIN_LIBS_SOLVER_FORWARD_H

#include "cusolverDn.h"

#include "NvidiaLibrary.h"

namespace tx {
namespace solver {

/// How cuSOLVER forwards (lib::HandleForwarder).
struct CusolverForwarding {
  static constexpr cusolverStatus_t NotSupported =
      CUSOLVER_STATUS_NOT_SUPPORTED;
  static void *function(const char *Name);
  static cusolverStatus_t
  forward(cusolverDnHandle_t Handle, int Device,
          const std::function<cusolverStatus_t(void *)> &Call);
};

/// True if Handle is live and its stream is on an NVIDIA GPU (*Device).
bool onNvidia(cusolverDnHandle_t Handle, int *Device);

/// Destroys NVIDIA's handle mirroring Handle, if there is one.
void releaseNvidiaHandle(cusolverDnHandle_t Handle);

} // namespace solver
} // namespace tx

#define TX_SOLVER_FORWARD(Name, Handle, ...)                                   \
  do {                                                                         \
    int TxNvidiaDevice = 0;                                                    \
    if (::tx::solver::onNvidia(Handle, &TxNvidiaDevice))                       \
      return ::tx::lib::HandleForwarder<decltype(&Name)>::call<                \
          ::tx::solver::CusolverForwarding>(#Name, Handle, TxNvidiaDevice,     \
                                            ##__VA_ARGS__);                    \
  } while (0)

#endif // TONGXIN_LIBS_SOLVER_FORWARD_H
