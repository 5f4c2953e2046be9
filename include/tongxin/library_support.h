/*===- tongxin/library_support.h - What CUDA libraries ask the runtime -===*\
|*                                                                          *|
|* Part of Tongxin. The CUDA libraries under libs/ (cuBLAS, cuRAND, cuFFT,  *|
|* ...) run their work on the device that owns a call's stream. On a device *|
|* whose memory the host addresses (the CPU device) they run host code,     *|
|* enqueued on the stream, split over the device's own workers so that     *|
|* library calls and kernels never compete for cores. On an NVIDIA GPU they *|
|* forward to NVIDIA's library. Not part of CUDA: only libs/ includes this. *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef TONGXIN_LIBRARY_SUPPORT_H
#define TONGXIN_LIBRARY_SUPPORT_H

#include <stddef.h>

#include "driver_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC visibility push(default)

/// How a library implements its calls on a device.
typedef enum txLibraryDeviceKind {
  /// Memory the host addresses: the library runs host code on the device's
  /// workers (txLibraryRunOnWorkers).
  txLibraryDeviceHost = 0,
  /// An NVIDIA GPU: the library forwards to NVIDIA's own library.
  txLibraryDeviceCuda = 1,
  /// Any other backend: the library reports "not supported".
  txLibraryDeviceOther = 2,
} txLibraryDeviceKind;

/// The device whose work Stream orders (the current device for the
/// default streams) and how libraries run on it. cudaErrorInvalidValue for
/// null outputs, cudaErrorInvalidResourceHandle for a destroyed stream.
cudaError_t txLibraryStreamDevice(cudaStream_t Stream, int *Device,
                                  txLibraryDeviceKind *Kind);

/// How libraries run on device Device. cudaErrorInvalidValue for a null
/// output, cudaErrorInvalidDevice for an ordinal that names no device.
cudaError_t txLibraryDeviceKindOf(int Device, txLibraryDeviceKind *Kind);

/// How many tasks txLibraryRunOnWorkers runs at once on Device (at least
/// one): what a library splits a call's work into.
unsigned txLibraryWorkerCount(int Device);

/// Calls Body(Context, I) for each I in [0, Count) on Device's workers and
/// returns when every call has returned. Meant for work already ordered on
/// one of Device's streams (a host function of the stream); calls may run
/// in any order and at the same time.
cudaError_t txLibraryRunOnWorkers(int Device, size_t Count,
                                  void (*Body)(void *Context, size_t Index),
                                  void *Context);

/// Lets the calling thread run the next item of Stream itself, at once
/// (work that is quick when its peers are ready, such as a small NCCL
/// operation): succeeds only on a device whose work runs on host threads,
/// when everything that item would wait for has finished and Stream is not
/// capturing. Work submitted to Stream afterwards waits until
/// txLibraryEndOnCaller(*Item). cudaErrorNotReady when the caller must
/// enqueue its work instead.
cudaError_t txLibraryBeginOnCaller(cudaStream_t Stream, void **Item);
/// Completes an item txLibraryBeginOnCaller began.
void txLibraryEndOnCaller(void *Item);

/// Inside work a library enqueued on a stream of an NVIDIA GPU (a host
/// function of the stream, on Device): the stream's CUstream in *Native,
/// with the GPU's context current on the calling thread, for a call into
/// NVIDIA's own library. cudaErrorNotSupported elsewhere.
cudaError_t txLibraryNativeStream(int Device, void **Native);

/// Inside such work, after the calls: waits until the device work they
/// queued on the CUstream has finished, so that the stream's later work
/// (and its events) follow it.
cudaError_t txLibraryFinishNativeWork(int Device);

/// On the calling thread, while a stream of NVIDIA GPU Device is being
/// captured: runs Call(Context, Native) with Native a CUstream that the
/// driver captures, Call's result in *Result, and gives the GPU work it
/// queued as an executable native graph in *Graph (null if none), for the
/// library to replay with txLibraryRunNativeGraph from a host node of the
/// user's graph. cudaErrorNotSupported on other devices.
cudaError_t txLibraryCaptureNative(int Device,
                                   int (*Call)(void *Context, void *Native),
                                   void *Context, int *Result, void **Graph);
/// Inside work on a stream of Device (a host function or graph host node):
/// runs a graph from txLibraryCaptureNative and waits for it. A fault of
/// its GPU work is a launch failure of the context (sticky, as a kernel
/// fault is); cudaErrorNotSupported on devices without native graphs.
cudaError_t txLibraryRunNativeGraph(int Device, void *Graph);
/// Frees a graph from txLibraryCaptureNative.
void txLibraryDestroyNativeGraph(int Device, void *Graph);
/// After a call's host code ran on a device whose memory the host
/// addresses: it may have written device memory that checked device code
/// (txcc --check=initcheck) did not see written, which from now on counts
/// as written. Cheap when no check runs.
void txLibraryWroteDeviceMemory(void);

#pragma GCC visibility pop

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TONGXIN_LIBRARY_SUPPORT_H */
