//===- api/Common.h - Helpers shared by the CUDA entry points ---*- C++ -*-===//
//
// Part of Tongxin. The only place where tx::Status becomes cudaError_t, the
// per-thread "last error", and handle resolution for streams.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_API_COMMON_H
#define TONGXIN_RUNTIME_API_COMMON_H

#include "core/Context.h"
#include "core/Printf.h"
#include "core/Profile.h"
#include "core/Registry.h"
#include "core/Streams.h"
#include "core/Trace.h"

#include "cuda_runtime_api.h"

namespace tx {
namespace api {

/// Where cudaMalloc & co start their blocks, and what their sizes are
/// rounded up to: cudaMalloc documents at least 256 bytes; 512
/// (textureAlignment) lets every allocation back a texture object, as it
/// does on NVIDIA GPUs.
constexpr size_t DeviceAlignment = 512;

cudaError_t toCuda(StatusCode Code);
inline cudaError_t toCuda(const Status &St) { return toCuda(St.code()); }

/// Records a failure as the calling thread's last error; returns Err.
cudaError_t report(cudaError_t Err);
/// Resets the calling thread's last error (cudaDeviceReset).
void clearLastError();

/// The sticky launch error, or cudaSuccess.
inline cudaError_t stickyError() { return toCuda(Context::get().sticky()); }

/// The calling thread's device, or cudaErrorNoDevice.
cudaError_t currentDevice(DeviceSlot **Out);

/// Maps a cudaStream_t onto a live stream of Slot (0, cudaStreamLegacy and
/// cudaStreamPerThread name the legacy default stream).
cudaError_t resolveStream(DeviceSlot *Slot, cudaStream_t Handle, Stream **Out);
/// The calling thread's device and the stream Handle names on it.
cudaError_t currentStream(cudaStream_t Handle, DeviceSlot **Slot, Stream **Out);

/// Blocks until everything Fences names is done, then publishes device
/// printf output: the common tail of every synchronising call.
cudaError_t synchronizeOn(const std::vector<Fence> &Fences);

/// TONGXIN_TRACE's arguments of a kernel run (core/Trace.h).
std::string traceArguments(const hal::KernelLaunch &L);

} // namespace api
} // namespace tx

#endif // TONGXIN_RUNTIME_API_COMMON_H
