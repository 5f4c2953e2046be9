//===- api/Stream.cpp - Stream entry points -------------------------------===//
//
// Part of Tongxin. Stream creation, synchronisation, queries, attributes
// and host callbacks; the ordering rules live in core/Streams.cpp, stream
// capture in api/StreamCapture.cpp.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "api/GraphHooks.h"

#include <cstring>

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
      !Slot->Streams->isLive(reinterpret_cast<Stream *>(Handle)))
    return report(cudaErrorInvalidResourceHandle);
  forgetStream(reinterpret_cast<Stream *>(Handle)); // If it was capturing.
  if (!Slot->Streams->destroy(reinterpret_cast<Stream *>(Handle)))
    return report(cudaErrorInvalidResourceHandle);
  return cudaSuccess;
}

cudaError_t cudaStreamSynchronize(cudaStream_t Handle) {
  trace::Span Traced(trace::Kind::Synchronize, "cudaStreamSynchronize");
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return report(Err);
  if (cudaError_t Err = checkStreamSynchronize(Slot, S))
    return report(Err);
  return report(synchronizeOn(Slot->Streams->streamWork(S)));
}

cudaError_t cudaStreamQuery(cudaStream_t Handle) {
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return report(Err);
  if (cudaError_t Err = checkStreamSynchronize(Slot, S))
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
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return report(Err);
  auto *E = reinterpret_cast<Event *>(EventHandle);
  if (!E || !Slot->Streams->isLiveEvent(E))
    return report(cudaErrorInvalidResourceHandle);
  // Waiting on an event recorded in a capture forks or joins the capture.
  if (auto Captured = captureStreamWaitEvent(S, E, Flags))
    return report(*Captured);
  std::shared_ptr<EventRecord> Record = E->last();
  if (!Record)
    return cudaSuccess; // Never recorded: nothing to wait for.
  return report(toCuda(Slot->Streams->submit(S, {Record->Done}, [] {})));
}

/// Queues a host function on a stream.
static cudaError_t submitHostWork(cudaStream_t Handle,
                                  std::function<void()> Work) {
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return Err;
  if (cudaError_t Err = stickyError())
    return Err;
  return toCuda(Slot->Streams->submit(S, {}, [Work = std::move(Work)] {
    trace::Span Traced(trace::Kind::HostFunction, "host function");
    Work();
  }));
}

cudaError_t cudaStreamAddCallback(cudaStream_t Handle,
                                  cudaStreamCallback_t Callback, void *UserData,
                                  unsigned int Flags) {
  if (!Callback || Flags != 0)
    return report(cudaErrorInvalidValue);
  // Callbacks have no graph form (host nodes replace them in captures).
  if (auto Refused = refuseInCapture(Handle, cudaErrorStreamCaptureUnsupported))
    return report(*Refused);
  return report(submitHostWork(Handle, [Handle, Callback, UserData] {
    Callback(Handle, stickyError(), UserData);
  }));
}

cudaError_t cudaLaunchHostFunc(cudaStream_t Handle, cudaHostFn_t Fn,
                               void *UserData) {
  if (!Fn)
    return report(cudaErrorInvalidValue);
  if (auto Captured = captureHostFunc(Handle, Fn, UserData))
    return report(*Captured);
  return report(submitHostWork(Handle, [Fn, UserData] { Fn(UserData); }));
}

/// A query of one property of the stream Handle names, read by Read.
template <class T, class ReadFn>
static cudaError_t queryStream(cudaStream_t Handle, T *Out, ReadFn Read) {
  if (!Out)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return report(Err);
  *Out = Read(*S);
  return cudaSuccess;
}

cudaError_t cudaStreamGetFlags(cudaStream_t Handle, unsigned int *Flags) {
  return queryStream(Handle, Flags, [](Stream &S) { return S.Flags; });
}

cudaError_t cudaStreamGetPriority(cudaStream_t Handle, int *Priority) {
  return queryStream(Handle, Priority, [](Stream &S) { return S.Priority; });
}

//===--- Identity and attributes ------------------------------------------===//

cudaError_t cudaStreamGetId(cudaStream_t Handle, unsigned long long *StreamId) {
  return queryStream(Handle, StreamId, [](Stream &S) { return S.Id; });
}

cudaError_t cudaStreamGetDevice(cudaStream_t Handle, int *Device) {
  if (!Device)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Context &Ctx = Context::get();
  if (isSpecialHandle(Handle)) {
    *Device = Ctx.currentOrdinal();
    return cudaSuccess;
  }
  // A user stream belongs to the device current when it was created.
  auto *S = reinterpret_cast<Stream *>(Handle);
  for (int Ordinal = 0; Ordinal < Ctx.deviceCount(); ++Ordinal) {
    if (Ctx.slot(Ordinal)->Streams->isLive(S)) {
      *Device = Ordinal;
      return cudaSuccess;
    }
  }
  return report(cudaErrorInvalidResourceHandle);
}

static_assert(sizeof(cudaStreamAttrValue) == sizeof(StreamAttributes::Value),
              "stream attribute values are stored as raw bytes");

static bool validAccessProperty(cudaAccessProperty P) {
  return P >= cudaAccessPropertyNormal && P <= cudaAccessPropertyPersisting;
}

/// The launch attributes that apply to streams.
static bool isStreamAttribute(cudaStreamAttrID Attr) {
  switch (Attr) {
  case cudaLaunchAttributeAccessPolicyWindow:
  case cudaLaunchAttributeSynchronizationPolicy:
  case cudaLaunchAttributePriority:
  case cudaLaunchAttributeMemSyncDomainMap:
  case cudaLaunchAttributeMemSyncDomain:
    return true;
  default:
    return false;
  }
}

/// Whether Value is acceptable for the stream attribute Attr.
static bool validStreamValue(cudaStreamAttrID Attr,
                             const cudaStreamAttrValue &Value) {
  switch (Attr) {
  case cudaLaunchAttributeAccessPolicyWindow: {
    const cudaAccessPolicyWindow &W = Value.accessPolicyWindow;
    return W.hitRatio >= 0.0f && W.hitRatio <= 1.0f &&
           validAccessProperty(W.hitProp) && validAccessProperty(W.missProp);
  }
  case cudaLaunchAttributeSynchronizationPolicy:
    return Value.syncPolicy >= cudaSyncPolicyAuto &&
           Value.syncPolicy <= cudaSyncPolicyBlockingSync;
  case cudaLaunchAttributeMemSyncDomain:
    return Value.memSyncDomain == cudaLaunchMemSyncDomainDefault ||
           Value.memSyncDomain == cudaLaunchMemSyncDomainRemote;
  default:
    return isStreamAttribute(Attr);
  }
}

/// Resolves a stream handle for the attribute calls.
static cudaError_t attributeStream(cudaStream_t Handle, Stream **Out) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  return resolveStream(Slot, Handle, Out);
}

// tx-api: partial: values are kept and read back; they change no behaviour
cudaError_t cudaStreamGetAttribute(cudaStream_t Handle, cudaStreamAttrID Attr,
                                   cudaStreamAttrValue *ValueOut) {
  if (!ValueOut || !isStreamAttribute(Attr))
    return report(cudaErrorInvalidValue);
  Stream *S;
  if (cudaError_t Err = attributeStream(Handle, &S))
    return report(Err);
  StreamAttributes::Value Bytes;
  cudaStreamAttrValue Value = {};
  if (S->Attributes.get(Attr, &Bytes))
    std::memcpy(&Value, Bytes.data(), sizeof(Value));
  else if (Attr == cudaLaunchAttributeSynchronizationPolicy)
    Value.syncPolicy = cudaSyncPolicyAuto;
  if (Attr == cudaLaunchAttributePriority)
    Value.priority = S->Priority;
  *ValueOut = Value;
  return cudaSuccess;
}

// tx-api: partial: values are kept and read back; they change no behaviour
cudaError_t cudaStreamSetAttribute(cudaStream_t Handle, cudaStreamAttrID Attr,
                                   const cudaStreamAttrValue *Value) {
  if (!Value || !validStreamValue(Attr, *Value))
    return report(cudaErrorInvalidValue);
  Stream *S;
  if (cudaError_t Err = attributeStream(Handle, &S))
    return report(Err);
  // Priorities are clamped to the single level there is (see
  // cudaDeviceGetStreamPriorityRange): reading back gives the stream's.
  StreamAttributes::Value Bytes;
  std::memcpy(Bytes.data(), Value, sizeof(*Value));
  S->Attributes.set(Attr, Bytes);
  return cudaSuccess;
}

cudaError_t cudaStreamCopyAttributes(cudaStream_t Dst, cudaStream_t Src) {
  Stream *To, *From;
  if (cudaError_t Err = attributeStream(Dst, &To))
    return report(Err);
  if (cudaError_t Err = attributeStream(Src, &From))
    return report(Err);
  To->Attributes.copyFrom(From->Attributes);
  return cudaSuccess;
}
