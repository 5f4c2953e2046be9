//===- api/Event.cpp - Event entry points ---------------------------------===//
//
// Part of Tongxin. An event record is a stream work item that takes a
// timestamp; queries and waits look at the most recent record.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "api/GraphHooks.h"

using namespace tx;
using namespace tx::api;

static constexpr unsigned ValidEventFlags =
    cudaEventBlockingSync | cudaEventDisableTiming | cudaEventInterprocess;

/// Resolves an event handle of the current device.
static cudaError_t resolveEvent(cudaEvent_t Handle, DeviceSlot **Slot,
                                Event **Out) {
  if (cudaError_t Err = currentDevice(Slot))
    return Err;
  auto *E = reinterpret_cast<Event *>(Handle);
  if (!E || !(*Slot)->Streams->isLiveEvent(E))
    return cudaErrorInvalidResourceHandle;
  *Out = E;
  return cudaSuccess;
}

cudaError_t cudaEventCreate(cudaEvent_t *Handle) {
  return cudaEventCreateWithFlags(Handle, cudaEventDefault);
}

cudaError_t cudaEventCreateWithFlags(cudaEvent_t *Handle, unsigned int Flags) {
  if (!Handle || (Flags & ~ValidEventFlags))
    return report(cudaErrorInvalidValue);
  // Interprocess events must not take timestamps.
  if ((Flags & cudaEventInterprocess) && !(Flags & cudaEventDisableTiming))
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  *Handle = reinterpret_cast<cudaEvent_t>(Slot->Streams->createEvent(Flags));
  return cudaSuccess;
}

/// cudaEventRecord; External: as an event record node when capturing.
static cudaError_t recordEvent(cudaEvent_t Handle, cudaStream_t StreamHandle,
                               bool External) {
  DeviceSlot *Slot;
  Event *E;
  if (cudaError_t Err = resolveEvent(Handle, &Slot, &E))
    return Err;
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, StreamHandle, &S))
    return Err;
  // In a capturing stream the event marks a point of the graph instead.
  if (auto Captured = captureEventRecord(S, E, External))
    return *Captured;
  auto Record = std::make_shared<EventRecord>();
  EventRecord *Raw = Record.get();
  auto Stamp = [Record] { Record->Time = std::chrono::steady_clock::now(); };
  if (!Slot->Streams->runOnCaller(S, Stamp, &Raw->Done))
    if (Status St = Slot->Streams->submit(S, {}, Stamp, &Raw->Done); !St.isOk())
      return toCuda(St);
  E->setLast(std::move(Record));
  return cudaSuccess;
}

cudaError_t cudaEventRecord(cudaEvent_t Handle, cudaStream_t StreamHandle) {
  return report(recordEvent(Handle, StreamHandle, false));
}

cudaError_t cudaEventRecordWithFlags(cudaEvent_t Handle, cudaStream_t Stream,
                                     unsigned int Flags) {
  if (Flags & ~unsigned(cudaEventRecordExternal))
    return report(cudaErrorInvalidValue);
  return report(
      recordEvent(Handle, Stream, (Flags & cudaEventRecordExternal) != 0));
}

cudaError_t cudaEventQuery(cudaEvent_t Handle) {
  DeviceSlot *Slot;
  Event *E;
  if (cudaError_t Err = resolveEvent(Handle, &Slot, &E))
    return report(Err);
  if (cudaError_t Err = checkCapturedEvent(E, /*Invalidate=*/true))
    return report(Err);
  if (cudaError_t Err = stickyError())
    return report(Err);
  std::shared_ptr<EventRecord> Record = E->last();
  if (Record && !Record->Done.reached())
    return cudaErrorNotReady;
  return cudaSuccess;
}

cudaError_t cudaEventSynchronize(cudaEvent_t Handle) {
  trace::Span Traced(trace::Kind::Synchronize, "cudaEventSynchronize");
  DeviceSlot *Slot;
  Event *E;
  if (cudaError_t Err = resolveEvent(Handle, &Slot, &E))
    return report(Err);
  if (cudaError_t Err = checkCapturedEvent(E, /*Invalidate=*/true))
    return report(Err);
  std::shared_ptr<EventRecord> Record = E->last();
  if (!Record)
    return report(stickyError());
  return report(synchronizeOn({Record->Done}));
}

cudaError_t cudaEventElapsedTime(float *Ms, cudaEvent_t Start,
                                 cudaEvent_t End) {
  if (!Ms)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  Event *StartEvent, *EndEvent;
  if (cudaError_t Err = resolveEvent(Start, &Slot, &StartEvent))
    return report(Err);
  if (cudaError_t Err = resolveEvent(End, &Slot, &EndEvent))
    return report(Err);
  for (Event *E : {StartEvent, EndEvent})
    if (cudaError_t Err = checkCapturedEvent(E, /*Invalidate=*/false))
      return report(Err);
  if ((StartEvent->Flags | EndEvent->Flags) & cudaEventDisableTiming)
    return report(cudaErrorInvalidResourceHandle);
  std::shared_ptr<EventRecord> First = StartEvent->last();
  std::shared_ptr<EventRecord> Second = EndEvent->last();
  // As in CUDA: never recorded is a bad handle, not yet done is "not ready".
  if (!First || !Second)
    return report(cudaErrorInvalidResourceHandle);
  if (!First->Done.reached() || !Second->Done.reached())
    return report(cudaErrorNotReady);
  std::chrono::duration<double, std::milli> Delta = Second->Time - First->Time;
  *Ms = static_cast<float>(Delta.count());
  return cudaSuccess;
}

cudaError_t cudaEventElapsedTime_v2(float *Ms, cudaEvent_t Start,
                                    cudaEvent_t End) {
  return cudaEventElapsedTime(Ms, Start, End);
}

cudaError_t cudaEventDestroy(cudaEvent_t Handle) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  auto *E = reinterpret_cast<Event *>(Handle);
  if (!E || !Slot->Streams->isLiveEvent(E))
    return report(cudaErrorInvalidResourceHandle);
  forgetEvent(E); // If it was recorded in a capture.
  if (!Slot->Streams->destroyEvent(E))
    return report(cudaErrorInvalidResourceHandle);
  return cudaSuccess;
}
