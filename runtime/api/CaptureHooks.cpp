//===- api/CaptureHooks.cpp - Stream work while streams capture -----------===//
//
// Part of Tongxin. The hooks of api/GraphHooks.h: what launches, copies,
// fills, host functions, events and synchronising calls do while a capture
// is in progress, following the CUDA Programming Guide's rules for stream
// capture (cross-stream dependencies through events, the legacy stream's
// implicit dependencies, prohibited operations that invalidate a capture).
//
//===----------------------------------------------------------------------===//

#include "api/CaptureState.h"

#include <algorithm>

using namespace tx;
using namespace tx::api;

/// S for a capture hook that was given a handle; null (the entry point
/// reports the bad handle itself) if it does not resolve.
static Stream *hookStream(cudaStream_t Handle) {
  DeviceSlot *Slot;
  Stream *S;
  if (currentDevice(&Slot) || resolveStream(Slot, Handle, &S))
    return nullptr;
  return S;
}

/// captureNode for a stream handle.
static std::optional<cudaError_t>
captureOnHandle(cudaStream_t Handle,
                const std::function<cudaError_t(NodeParams *)> &Make) {
  if (!captureInProgress())
    return std::nullopt;
  Stream *S = hookStream(Handle);
  if (!S)
    return std::nullopt;
  return captureNode(S, Make);
}

//===--- Operations that become nodes -------------------------------------===//

std::optional<cudaError_t>
api::captureKernelLaunch(Stream *S, const void *Func, const FunctionInfo &Info,
                         dim3 Grid, dim3 Block, void **Args, size_t SharedMem,
                         bool Cooperative) {
  if (!captureInProgress())
    return std::nullopt;
  return captureNode(S, [&](NodeParams *P) {
    return kernelLaunchParams(Func, Info, Grid, Block, SharedMem, Args,
                              Cooperative, P);
  });
}

std::optional<cudaError_t> api::captureCopy(cudaStream_t Stream,
                                            const cudaMemcpy3DParms &Given) {
  return captureOnHandle(
      Stream, [&](NodeParams *P) { return memcpyParams(&Given, P); });
}

std::optional<cudaError_t> api::captureCopy1D(cudaStream_t Stream, void *Dst,
                                              const void *Src, size_t Count,
                                              cudaMemcpyKind Kind) {
  return captureOnHandle(Stream, [&](NodeParams *P) {
    return memcpy1DParams(Dst, Src, Count, Kind, P);
  });
}

std::optional<cudaError_t> api::captureCopy2D(cudaStream_t Stream, void *Dst,
                                              size_t DPitch, const void *Src,
                                              size_t SPitch, size_t Width,
                                              size_t Height,
                                              cudaMemcpyKind Kind) {
  cudaMemcpy3DParms Given = {};
  Given.srcPtr =
      make_cudaPitchedPtr(const_cast<void *>(Src), SPitch, Width, Height);
  Given.dstPtr = make_cudaPitchedPtr(Dst, DPitch, Width, Height);
  Given.extent = make_cudaExtent(Width, Height, 1);
  Given.kind = Kind;
  return captureCopy(Stream, Given);
}

/// A byte fill as memset node parameters; an empty fill is an empty node.
static cudaError_t fillParams(void *Dst, size_t Pitch, int Value, size_t Width,
                              size_t Height, NodeParams *Out) {
  if (!Width || !Height) {
    Out->Type = cudaGraphNodeTypeEmpty;
    return cudaSuccess;
  }
  cudaMemsetParams P = {};
  P.dst = Dst;
  P.pitch = Pitch;
  P.value = static_cast<unsigned>(Value) & 0xffu;
  P.elementSize = 1;
  P.width = Width;
  P.height = Height;
  return memsetParams(&P, Out);
}

std::optional<cudaError_t> api::captureFill(cudaStream_t Stream, void *Dst,
                                            size_t Pitch, int Value,
                                            size_t Width, size_t Height) {
  return captureOnHandle(Stream, [&](NodeParams *P) {
    return fillParams(Dst, Pitch, Value, Width, Height, P);
  });
}

std::optional<cudaError_t> api::captureFill3D(cudaStream_t Handle,
                                              cudaPitchedPtr Dst, int Value,
                                              cudaExtent Extent) {
  if (!captureInProgress())
    return std::nullopt;
  Stream *S = hookStream(Handle);
  if (!S)
    return std::nullopt;
  size_t SliceRows = Dst.ysize ? Dst.ysize : Extent.height;
  // Slices that follow each other directly are one 2-D fill.
  if (SliceRows == Extent.height || Extent.depth <= 1)
    return captureNode(S, [&](NodeParams *P) {
      return fillParams(Dst.ptr, Dst.pitch, Value, Extent.width,
                        Extent.height * Extent.depth, P);
    });
  // Otherwise one memset node per slice, in stream order.
  for (size_t Z = 0; Z < Extent.depth; ++Z) {
    char *Slice = static_cast<char *>(Dst.ptr) + Z * SliceRows * Dst.pitch;
    std::optional<cudaError_t> Result = captureNode(S, [&](NodeParams *P) {
      return fillParams(Slice, Dst.pitch, Value, Extent.width, Extent.height,
                        P);
    });
    if (!Result || *Result != cudaSuccess)
      return Result;
  }
  return cudaSuccess;
}

std::optional<cudaError_t>
api::captureHostFunc(cudaStream_t Stream, cudaHostFn_t Fn, void *UserData) {
  return captureOnHandle(Stream, [&](NodeParams *P) {
    cudaHostNodeParams Params = {Fn, UserData};
    return hostParams(&Params, P);
  });
}

//===--- Events: cross-stream dependencies --------------------------------===//

std::optional<cudaError_t> api::captureEventRecord(Stream *S, Event *E,
                                                   bool External) {
  if (!captureInProgress())
    return std::nullopt;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  CapturingStream *C;
  if (cudaError_t Err = State.route(S, &C))
    return Err;
  if (!C) {
    // Recorded outside any capture again: an ordinary event from now on.
    State.Events.erase(E);
    return std::nullopt;
  }
  if (External) {
    NodeParams P;
    if (cudaError_t Err = eventParams(cudaGraphNodeTypeEventRecord,
                                      reinterpret_cast<cudaEvent_t>(E), &P))
      return Err;
    State.append(*C, std::move(P));
    return cudaSuccess;
  }
  CapturedEvent &Captured = State.Events[E];
  Captured.Sequence = C->Sequence;
  Captured.Nodes = C->Deps;
  return cudaSuccess;
}

/// S waits on E, which was recorded in a capture: S joins that capture
/// (a fork), or adds E's nodes to its dependencies (a join).
static cudaError_t waitOnCapturedEvent(CaptureState &State, Stream *S,
                                       CapturingStream *C,
                                       CapturedEvent &Captured) {
  CaptureSequence *Sequence = Captured.Sequence;
  if (Sequence->Invalidated)
    return cudaErrorStreamCaptureInvalidated;
  if (!C) {
    if (S->IsLegacy) {
      Sequence->Invalidated = true;
      return cudaErrorStreamCaptureImplicit;
    }
    State.join(S, Sequence, Captured.Nodes);
    return cudaSuccess;
  }
  if (C->Sequence != Sequence) {
    // Two independent captures would become one.
    C->Sequence->Invalidated = true;
    Sequence->Invalidated = true;
    return cudaErrorStreamCaptureMerge;
  }
  for (GraphNode *N : Captured.Nodes)
    if (std::find(C->Deps.begin(), C->Deps.end(), N) == C->Deps.end())
      C->Deps.push_back(N);
  return cudaSuccess;
}

std::optional<cudaError_t> api::captureStreamWaitEvent(Stream *S, Event *E,
                                                       unsigned Flags) {
  if (!captureInProgress())
    return std::nullopt;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  CapturingStream *C = State.find(S);
  if (C && C->Sequence->Invalidated)
    return cudaErrorStreamCaptureInvalidated;
  if (C && (Flags & cudaEventWaitExternal)) {
    NodeParams P;
    if (cudaError_t Err = eventParams(cudaGraphNodeTypeWaitEvent,
                                      reinterpret_cast<cudaEvent_t>(E), &P))
      return Err;
    State.append(*C, std::move(P));
    return cudaSuccess;
  }
  auto Captured = State.Events.find(E);
  if (Captured != State.Events.end())
    return waitOnCapturedEvent(State, S, C, Captured->second);
  if (C) {
    if (!E->last())
      return cudaSuccess; // Never recorded: nothing to wait for.
    // A dependency on work outside the capture cannot be part of a graph.
    C->Sequence->Invalidated = true;
    return cudaErrorStreamCaptureIsolation;
  }
  if (cudaError_t Err = State.legacyConflict(S))
    return Err;
  return std::nullopt;
}

//===--- Operations without a node form -----------------------------------===//

std::optional<cudaError_t> api::refuseInCapture(cudaStream_t Handle,
                                                cudaError_t Refusal) {
  if (!captureInProgress())
    return std::nullopt;
  Stream *S = hookStream(Handle);
  if (!S)
    return std::nullopt;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  if (CapturingStream *C = State.find(S)) {
    C->Sequence->Invalidated = true;
    return Refusal;
  }
  if (cudaError_t Err = State.legacyConflict(S))
    return Err;
  return std::nullopt;
}

//===--- Calls that conflict with a capture -------------------------------===//

cudaError_t api::checkStreamSynchronize(DeviceSlot *Slot, Stream *S) {
  if (!captureInProgress())
    return cudaSuccess;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  // Captured work never runs: waiting for it makes no sense.
  if (CapturingStream *C = State.find(S)) {
    C->Sequence->Invalidated = true;
    return cudaErrorStreamCaptureUnsupported;
  }
  return State.legacyConflict(S);
}

cudaError_t api::checkDeviceSynchronize(DeviceSlot *Slot) {
  if (!captureInProgress())
    return cudaSuccess;
  auto Lock = lockGraphs();
  bool Capturing = false;
  for (auto &Sequence : CaptureState::get().Sequences) {
    if (Sequence->Device != Slot->Device.get())
      continue;
    Sequence->Invalidated = true;
    Capturing = true;
  }
  return Capturing ? cudaErrorStreamCaptureUnsupported : cudaSuccess;
}

cudaError_t api::checkBlockingCall(DeviceSlot *Slot) {
  if (!captureInProgress())
    return cudaSuccess;
  {
    auto Lock = lockGraphs();
    if (cudaError_t Err =
            CaptureState::get().legacyConflict(Slot->Streams->legacy()))
      return Err;
  }
  return checkUnsafeCall();
}

cudaError_t api::checkCapturedEvent(Event *E, bool Invalidate) {
  if (!captureInProgress())
    return cudaSuccess;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  auto It = State.Events.find(E);
  if (It == State.Events.end())
    return cudaSuccess;
  if (Invalidate)
    It->second.Sequence->Invalidated = true;
  return cudaErrorCapturedEvent;
}

//===--- Streams, events and devices that go away -------------------------===//

void api::forgetStream(Stream *S) {
  if (!captureInProgress())
    return;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  CapturingStream *C = State.find(S);
  if (!C)
    return;
  CaptureSequence *Sequence = C->Sequence;
  if (S == Sequence->Origin) {
    // Nothing can end this capture any more.
    State.end(Sequence, /*DestroyGraph=*/true);
    return;
  }
  Sequence->Invalidated = true;
  S->Capturing.store(false, std::memory_order_release);
  State.Streams.erase(S);
}

void api::forgetEvent(Event *E) {
  if (!captureInProgress())
    return;
  auto Lock = lockGraphs();
  CaptureState::get().Events.erase(E);
}

void api::abandonCaptures(DeviceSlot *Slot) {
  if (!captureInProgress())
    return;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  std::vector<CaptureSequence *> OnDevice;
  for (auto &Sequence : State.Sequences)
    if (Sequence->Device == Slot->Device.get())
      OnDevice.push_back(Sequence.get());
  for (CaptureSequence *Sequence : OnDevice)
    State.end(Sequence, /*DestroyGraph=*/true);
}
