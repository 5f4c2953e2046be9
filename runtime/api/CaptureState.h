//===- api/CaptureState.h - Stream capture sequences ------------*- C++ -*-===//
//
// Part of Tongxin. The state of the stream captures in progress, shared by
// the capture entry points (api/StreamCapture.cpp) and the hooks the other
// entry points call (api/CaptureHooks.cpp). Everything here is guarded by
// the graph lock (api/Graphs.h).
//
// A capture sequence starts on its origin stream (cudaStreamBeginCapture)
// and records into one graph. A stream takes part while its work becomes
// nodes: the origin, and every stream that waited on an event recorded in
// the sequence (a fork). Each such stream has a dependency set, the nodes
// its next node will depend on. The sequence ends on the origin stream,
// once every other stream's work has been joined back into it.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_API_CAPTURESTATE_H
#define TONGXIN_RUNTIME_API_CAPTURESTATE_H

#include "api/Graphs.h"

#include <thread>

namespace tx {
namespace api {

struct CaptureSequence {
  uint64_t Id = 0; ///< Unique in the process (cudaStreamGetCaptureInfo).
  Graph *G = nullptr;
  bool OwnsGraph = false; ///< Made by cudaStreamBeginCapture.
  cudaStreamCaptureMode Mode = cudaStreamCaptureModeGlobal;
  std::thread::id Thread; ///< The thread that began it.
  hal::Device *Device = nullptr;
  Stream *Origin = nullptr;
  bool Invalidated = false;
};

/// A stream taking part in a capture sequence.
struct CapturingStream {
  CaptureSequence *Sequence = nullptr;
  std::vector<GraphNode *> Deps;
  /// What cudaStreamGetCaptureInfo last handed out: valid until the next
  /// call that operates on the stream, as in CUDA.
  std::vector<cudaGraphNode_t> QueryNodes;
  std::vector<cudaGraphEdgeData> QueryEdges;
};

/// An event last recorded in a capturing stream: waiting on it joins the
/// sequence after these nodes.
struct CapturedEvent {
  CaptureSequence *Sequence = nullptr;
  std::vector<GraphNode *> Nodes;
};

struct CaptureState {
  std::vector<std::unique_ptr<CaptureSequence>> Sequences;
  std::unordered_map<Stream *, CapturingStream> Streams;
  std::unordered_map<Event *, CapturedEvent> Events;

  static CaptureState &get();

  CapturingStream *find(Stream *S) {
    auto It = Streams.find(S);
    return It == Streams.end() ? nullptr : &It->second;
  }
  /// S joins Sequence with dependency set Deps.
  CapturingStream &join(Stream *S, CaptureSequence *Sequence,
                        std::vector<GraphNode *> Deps);
  /// Whether a blocking stream of Device captures (the legacy stream then
  /// depends on captured work); invalidates those captures if Invalidate.
  bool blockingCaptureOn(hal::Device *Device, bool Invalidate);
  /// The error of an operation on S that conflicts with the legacy
  /// stream's implicit dependencies (invalidating what it conflicts with),
  /// or cudaSuccess.
  cudaError_t legacyConflict(Stream *S);
  /// Where operation on S goes: *Out null if S does not capture; an error
  /// if its capture was invalidated or the legacy stream conflicts.
  cudaError_t route(Stream *S, CapturingStream **Out);
  /// Appends a node with Params after C's dependency set, which it
  /// replaces.
  GraphNode *append(CapturingStream &C, NodeParams Params);
  /// Ends Sequence: its streams leave, its events are forgotten, and its
  /// graph is destroyed if DestroyGraph and the sequence made it.
  void end(CaptureSequence *Sequence, bool DestroyGraph);
};

/// Appends a node made by Make if S is capturing (see GraphHooks.h for
/// the result); takes the graph lock.
std::optional<cudaError_t>
captureNode(Stream *S, const std::function<cudaError_t(NodeParams *)> &Make);

} // namespace api
} // namespace tx

#endif // TONGXIN_RUNTIME_API_CAPTURESTATE_H
