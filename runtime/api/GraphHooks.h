//===- api/GraphHooks.h - What stream work shares with graphs ---*- C++ -*-===//
//
// Part of Tongxin. The asynchronous entry points (launches, copies, fills,
// host functions, events) call the capture hooks below: while a stream is
// capturing (api/StreamCapture.cpp) its work becomes graph nodes instead
// of running, and calls that conflict with a capture fail with CUDA's
// errors. Each hook is one relaxed atomic load when no capture is in
// progress. In the other direction, graph nodes are checked and run with
// the same launch and copy primitives as those entry points.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_API_GRAPHHOOKS_H
#define TONGXIN_RUNTIME_API_GRAPHHOOKS_H

#include "api/Common.h"

#include <atomic>
#include <optional>

namespace tx {
namespace api {

//===--- Primitives shared with graph nodes -------------------------------===//

/// Checks a launch of Func on device Slot as cudaLaunchKernel does (the
/// kernel, its configuration, cooperative limits; not the arguments) and
/// describes the kernel in Info (api/Launch.cpp).
cudaError_t checkKernelLaunch(DeviceSlot *Slot, const void *Func, dim3 Grid,
                              dim3 Block, size_t SharedMem, bool Cooperative,
                              FunctionInfo *Info);
/// Checks a cudaMemcpy3D description and resolves its array endpoints to
/// pitched memory (api/Memory.cpp).
cudaError_t prepareCopy(const cudaMemcpy3DParms *P, cudaMemcpy3DParms *Out);
/// Performs a copy prepared by prepareCopy now, routed between devices as
/// cudaMemcpy3D routes it; Current runs copies between host-accessible
/// memory.
Status copyNow(const cudaMemcpy3DParms &Prepared, DeviceSlot *Current);
/// Fills Height rows of Width bytes, Pitch apart, with the byte Value now.
Status fillNow(void *Dst, size_t Pitch, int Value, size_t Width, size_t Height,
               DeviceSlot *Current);

//===--- Capture hooks ----------------------------------------------------===//

/// Capture sequences in progress in the process.
extern std::atomic<int> ActiveCaptures;
inline bool captureInProgress() {
  return ActiveCaptures.load(std::memory_order_relaxed) != 0;
}

// Each hook returns nullopt when the operation runs as usual, otherwise
// the result of the call: the node was recorded (cudaSuccess), or the
// call conflicts with a capture (an error, recorded by the caller).

/// A launch on S already checked by checkKernelLaunch.
std::optional<cudaError_t> captureKernelLaunch(Stream *S, const void *Func,
                                               const FunctionInfo &Info,
                                               dim3 Grid, dim3 Block,
                                               void **Args, size_t SharedMem,
                                               bool Cooperative);
/// Copies and fills, already checked by their entry points.
std::optional<cudaError_t> captureCopy(cudaStream_t Stream,
                                       const cudaMemcpy3DParms &Given);
std::optional<cudaError_t> captureCopy1D(cudaStream_t Stream, void *Dst,
                                         const void *Src, size_t Count,
                                         cudaMemcpyKind Kind);
std::optional<cudaError_t> captureCopy2D(cudaStream_t Stream, void *Dst,
                                         size_t DPitch, const void *Src,
                                         size_t SPitch, size_t Width,
                                         size_t Height, cudaMemcpyKind Kind);
std::optional<cudaError_t> captureFill(cudaStream_t Stream, void *Dst,
                                       size_t Pitch, int Value, size_t Width,
                                       size_t Height);
std::optional<cudaError_t> captureFill3D(cudaStream_t Stream,
                                         cudaPitchedPtr Dst, int Value,
                                         cudaExtent Extent);
std::optional<cudaError_t> captureHostFunc(cudaStream_t Stream, cudaHostFn_t Fn,
                                           void *UserData);
/// cudaEventRecord(WithFlags): records E in a capture, or as an event
/// record node with External.
std::optional<cudaError_t> captureEventRecord(Stream *S, Event *E,
                                              bool External);
std::optional<cudaError_t> captureStreamWaitEvent(Stream *S, Event *E,
                                                  unsigned Flags);
/// Stream work that has no node form (cudaStreamAddCallback:
/// cudaErrorStreamCaptureUnsupported; cudaMallocAsync and cudaFreeAsync,
/// whose memory nodes are not implemented: cudaErrorNotSupported): refused
/// with Refusal while the stream captures, which invalidates the capture.
std::optional<cudaError_t> refuseInCapture(cudaStream_t Stream,
                                           cudaError_t Refusal);

//===--- Calls that conflict with a capture -------------------------------===//

// Each returns cudaSuccess if the call may go ahead, else its error (and
// invalidates the captures it conflicts with).

/// cudaStreamSynchronize / cudaStreamQuery of S.
cudaError_t checkStreamSynchronize(DeviceSlot *Slot, Stream *S);
/// cudaDeviceSynchronize of Slot's device.
cudaError_t checkDeviceSynchronize(DeviceSlot *Slot);
/// Synchronous copies and fills: work of the legacy stream.
cudaError_t checkBlockingCall(DeviceSlot *Slot);
/// cudaMalloc, cudaFree and the like: "potentially unsafe" during a
/// capture, per the calling thread's capture mode.
cudaError_t checkUnsafeCall();
/// cudaEventQuery / cudaEventSynchronize / cudaEventElapsedTime of E.
cudaError_t checkCapturedEvent(Event *E, bool Invalidate);

/// S is about to be destroyed: it leaves its capture (which it
/// invalidates; its origin stream's capture is abandoned).
void forgetStream(Stream *S);
/// E is about to be destroyed.
void forgetEvent(Event *E);
/// cudaDeviceReset: every capture on Slot's device is abandoned.
void abandonCaptures(DeviceSlot *Slot);

} // namespace api
} // namespace tx

#endif // TONGXIN_RUNTIME_API_GRAPHHOOKS_H
