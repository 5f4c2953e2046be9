//===- api/Stream.cpp - Stream entry points -------------------------------===//
//
// Part of Tongxin. Stream creation, synchronisation, queries and host
// callbacks; the ordering rules live in core/Streams.cpp.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

using namespace tx;
using namespace tx::api;

cudaError_t cudaStreamCreate(cudaStream_t *Stream) {
  return cudaStreamCreateWithPriority(Stream, cudaStreamDefault, 0);
}

cudaError_t cudaStreamCreateWithFlags(cudaStream_t *Stream,
                                      unsigned int Flags) {
  return cudaStreamCreateWithPriority(Stream, Flags, 0);
}

cudaError_t cudaStreamCreateWithPriority(cudaStream_t *Handle,
                                         unsigned int Flags, int Priority) {
  if (!Handle || (Flags & ~unsigned(cudaStreamNonBlocking)))
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Stream *S = nullptr;
  // Priorities are accepted and clamped to the single supported level.
  (void)Priority;
  if (cudaError_t Err = toCuda(Slot->Streams->create(Flags, 0, &S)))
    return report(Err);
  *Handle = reinterpret_cast<cudaStream_t>(S);
  return cudaSuccess;
}

/// The legacy handles name a stream that cannot be destroyed.
static bool isSpecialHandle(cudaStream_t Handle) {
  return !Handle || Handle == cudaStreamLegacy || Handle == cudaStreamPerThread;
}

cudaError_t cudaStreamDestroy(cudaStream_t Handle) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  if (isSpecialHandle(Handle) ||
      !Slot->Streams->destroy(reinterpret_cast<Stream *>(Handle)))
    return report(cudaErrorInvalidResourceHandle);
  return cudaSuccess;
}

cudaError_t cudaStreamSynchronize(cudaStream_t Handle) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return report(Err);
  return report(synchronizeOn(Slot->Streams->streamWork(S)));
}

cudaError_t cudaStreamQuery(cudaStream_t Handle) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return report(Err);
  if (cudaError_t Err = stickyError())
    return report(Err);
  for (const Fence &F : Slot->Streams->streamWork(S))
    if (!F.reached())
      return cudaErrorNotReady; // Not an error: not recorded as last error.
  return cudaSuccess;
}

cudaError_t cudaStreamWaitEvent(cudaStream_t Handle, cudaEvent_t EventHandle,
                                unsigned int Flags) {
  if (Flags & ~unsigned(cudaEventWaitExternal))
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return report(Err);
  auto *E = reinterpret_cast<Event *>(EventHandle);
  if (!E || !Slot->Streams->isLiveEvent(E))
    return report(cudaErrorInvalidResourceHandle);
  std::shared_ptr<EventRecord> Record = E->last();
  if (!Record)
    return cudaSuccess; // Never recorded: nothing to wait for.
  return report(toCuda(Slot->Streams->submit(S, {Record->Done}, [] {})));
}

/// Queues a host function on a stream.
static cudaError_t submitHostWork(cudaStream_t Handle,
                                  std::function<void()> Work) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return Err;
  if (cudaError_t Err = stickyError())
    return Err;
  return toCuda(Slot->Streams->submit(S, {}, std::move(Work)));
}

cudaError_t cudaStreamAddCallback(cudaStream_t Handle,
                                  cudaStreamCallback_t Callback, void *UserData,
                                  unsigned int Flags) {
  if (!Callback || Flags != 0)
    return report(cudaErrorInvalidValue);
  return report(submitHostWork(Handle, [Handle, Callback, UserData] {
    Callback(Handle, stickyError(), UserData);
  }));
}

cudaError_t cudaLaunchHostFunc(cudaStream_t Handle, cudaHostFn_t Fn,
                               void *UserData) {
  if (!Fn)
    return report(cudaErrorInvalidValue);
  return report(submitHostWork(Handle, [Fn, UserData] { Fn(UserData); }));
}

cudaError_t cudaStreamGetFlags(cudaStream_t Handle, unsigned int *Flags) {
  if (!Flags)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return report(Err);
  *Flags = S->Flags;
  return cudaSuccess;
}

cudaError_t cudaStreamGetPriority(cudaStream_t Handle, int *Priority) {
  if (!Priority)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return report(Err);
  *Priority = S->Priority;
  return cudaSuccess;
}
