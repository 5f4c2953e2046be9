//===- api/StreamCapture.cpp - Stream capture entry points ----------------===//
//
// Part of Tongxin. cudaStreamBeginCapture(ToGraph), cudaStreamEndCapture,
// the capture queries and dependency updates, the thread's capture mode,
// and the capture sequences' bookkeeping (api/CaptureState.h). What the
// other entry points do while a stream captures is in CaptureHooks.cpp.
//
//===----------------------------------------------------------------------===//

#include "api/CaptureState.h"

#include <algorithm>
#include <unordered_set>

using namespace tx;
using namespace tx::api;

std::atomic<int> api::ActiveCaptures{0};

/// The calling thread's mode for "potentially unsafe" calls
/// (cudaThreadExchangeStreamCaptureMode).
static thread_local cudaStreamCaptureMode ThreadMode =
    cudaStreamCaptureModeGlobal;

static uint64_t nextCaptureId() {
  static std::atomic<uint64_t> Next{1};
  return Next.fetch_add(1, std::memory_order_relaxed);
}

//===--- CaptureState -----------------------------------------------------===//

CaptureState &CaptureState::get() {
  static CaptureState *Instance = new CaptureState();
  return *Instance;
}

CapturingStream &CaptureState::join(Stream *S, CaptureSequence *Sequence,
                                    std::vector<GraphNode *> Deps) {
  CapturingStream &C = Streams[S];
  C.Sequence = Sequence;
  C.Deps = std::move(Deps);
  // Work that reached the stream without a hook would escape the graph:
  // the stream manager refuses it from now on.
  S->Capturing.store(true, std::memory_order_release);
  return C;
}

bool CaptureState::blockingCaptureOn(hal::Device *Device, bool Invalidate) {
  bool Found = false;
  for (auto &[S, C] : Streams) {
    if (S->Dev != Device || !S->isBlocking())
      continue;
    Found = true;
    if (Invalidate)
      C.Sequence->Invalidated = true;
  }
  return Found;
}

cudaError_t CaptureState::legacyConflict(Stream *S) {
  if (S->IsLegacy && blockingCaptureOn(S->Dev, /*Invalidate=*/true))
    return cudaErrorStreamCaptureImplicit;
  return cudaSuccess;
}

cudaError_t CaptureState::route(Stream *S, CapturingStream **Out) {
  *Out = find(S);
  if (!*Out)
    return legacyConflict(S);
  if ((*Out)->Sequence->Invalidated)
    return cudaErrorStreamCaptureInvalidated;
  return cudaSuccess;
}

GraphNode *CaptureState::append(CapturingStream &C, NodeParams Params) {
  GraphNode *N = C.Sequence->G->add(std::move(Params), C.Deps);
  C.Deps.assign(1, N);
  return N;
}

void CaptureState::end(CaptureSequence *Sequence, bool DestroyGraph) {
  for (auto It = Streams.begin(); It != Streams.end();) {
    if (It->second.Sequence != Sequence) {
      ++It;
      continue;
    }
    It->first->Capturing.store(false, std::memory_order_release);
    It = Streams.erase(It);
  }
  for (auto It = Events.begin(); It != Events.end();)
    It = It->second.Sequence == Sequence ? Events.erase(It) : std::next(It);
  Graph *G = Sequence->G;
  --G->Captures;
  if (DestroyGraph && Sequence->OwnsGraph)
    delete G;
  auto It = std::find_if(Sequences.begin(), Sequences.end(),
                         [&](auto &P) { return P.get() == Sequence; });
  Sequences.erase(It);
  ActiveCaptures.fetch_sub(1, std::memory_order_relaxed);
}

std::optional<cudaError_t>
api::captureNode(Stream *S,
                 const std::function<cudaError_t(NodeParams *)> &Make) {
  if (!captureInProgress())
    return std::nullopt;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  CapturingStream *C;
  if (cudaError_t Err = State.route(S, &C))
    return Err;
  if (!C)
    return std::nullopt;
  NodeParams Params;
  if (cudaError_t Err = Make(&Params))
    return Err;
  State.append(*C, std::move(Params));
  return cudaSuccess;
}

//===--- Beginning and ending a capture -----------------------------------===//

static bool validMode(cudaStreamCaptureMode Mode) {
  return Mode >= cudaStreamCaptureModeGlobal &&
         Mode <= cudaStreamCaptureModeRelaxed;
}

/// Starts a capture of Handle into Target (a new graph if null) after
/// Deps.
static cudaError_t beginCapture(cudaStream_t Handle, cudaGraph_t Target,
                                const cudaGraphNode_t *Deps,
                                const cudaGraphEdgeData *Edges, size_t Count,
                                cudaStreamCaptureMode Mode) {
  if (!validMode(Mode))
    return cudaErrorInvalidValue;
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return Err;
  // The legacy stream synchronises with every blocking stream: it cannot
  // be captured (nor can the per-thread stream, which is the same one).
  if (S->IsLegacy)
    return cudaErrorStreamCaptureUnsupported;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  if (State.find(S))
    return cudaErrorIllegalState; // Already capturing.
  Graph *G = nullptr;
  std::vector<GraphNode *> Dependencies;
  if (Target) {
    G = liveGraph(Target);
    // A graph embedded in a node goes with its node: not a capture target.
    if (!G || G->Parent)
      return cudaErrorInvalidValue;
    if (cudaError_t Err =
            collectDependencies(G, Deps, Edges, Count, &Dependencies))
      return Err;
  } else {
    G = new Graph();
  }
  auto Sequence = std::make_unique<CaptureSequence>();
  Sequence->Id = nextCaptureId();
  Sequence->G = G;
  Sequence->OwnsGraph = !Target;
  Sequence->Mode = Mode;
  Sequence->Thread = std::this_thread::get_id();
  Sequence->Device = Slot->Device.get();
  Sequence->Origin = S;
  ++G->Captures;
  State.join(S, Sequence.get(), std::move(Dependencies));
  State.Sequences.push_back(std::move(Sequence));
  ActiveCaptures.fetch_add(1, std::memory_order_relaxed);
  return cudaSuccess;
}

cudaError_t cudaStreamBeginCapture(cudaStream_t Stream,
                                   cudaStreamCaptureMode Mode) {
  return report(beginCapture(Stream, nullptr, nullptr, nullptr, 0, Mode));
}

cudaError_t cudaStreamBeginCaptureToGraph(
    cudaStream_t Stream, cudaGraph_t Graph, const cudaGraphNode_t *Dependencies,
    const cudaGraphEdgeData *DependencyData, size_t NumDependencies,
    cudaStreamCaptureMode Mode) {
  if (!Graph)
    return report(cudaErrorInvalidValue);
  return report(beginCapture(Stream, Graph, Dependencies, DependencyData,
                             NumDependencies, Mode));
}

/// Whether the work of every stream of Sequence has been joined back into
/// its origin stream: each stream's dependency set must lie among the
/// nodes the origin's next node will follow.
static bool allJoined(CaptureState &State, CaptureSequence *Sequence) {
  const CapturingStream &Origin = State.Streams[Sequence->Origin];
  std::vector<const GraphNode *> Work(Origin.Deps.begin(), Origin.Deps.end());
  std::unordered_set<const GraphNode *> Before(Work.begin(), Work.end());
  while (!Work.empty()) {
    const GraphNode *N = Work.back();
    Work.pop_back();
    for (const GraphNode *D : N->Dependencies)
      if (Before.insert(D).second)
        Work.push_back(D);
  }
  for (auto &[S, C] : State.Streams) {
    if (C.Sequence != Sequence || S == Sequence->Origin)
      continue;
    for (const GraphNode *N : C.Deps)
      if (!Before.count(N))
        return false;
  }
  return true;
}

static cudaError_t endCapture(cudaStream_t Handle, cudaGraph_t *GraphOut) {
  if (!GraphOut)
    return cudaErrorInvalidValue;
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return Err;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  CapturingStream *C = State.find(S);
  if (!C)
    return cudaErrorIllegalState; // Not capturing.
  CaptureSequence *Sequence = C->Sequence;
  if (S != Sequence->Origin) {
    Sequence->Invalidated = true;
    return cudaErrorStreamCaptureUnmatched;
  }
  if (Sequence->Mode != cudaStreamCaptureModeRelaxed &&
      Sequence->Thread != std::this_thread::get_id())
    return cudaErrorStreamCaptureWrongThread;
  *GraphOut = nullptr;
  if (Sequence->Invalidated) {
    State.end(Sequence, /*DestroyGraph=*/true);
    return cudaErrorStreamCaptureInvalidated;
  }
  if (!allJoined(State, Sequence)) {
    State.end(Sequence, /*DestroyGraph=*/true);
    return cudaErrorStreamCaptureUnjoined;
  }
  Graph *G = Sequence->G;
  State.end(Sequence, /*DestroyGraph=*/false);
  *GraphOut = handleOf(G);
  return cudaSuccess;
}

cudaError_t cudaStreamEndCapture(cudaStream_t Stream, cudaGraph_t *Graph) {
  return report(endCapture(Stream, Graph));
}

//===--- Queries ----------------------------------------------------------===//

/// The capture state of a stream, with what cudaStreamGetCaptureInfo_v3
/// asks for (each output optional but Status).
static cudaError_t captureInfo(cudaStream_t Handle,
                               cudaStreamCaptureStatus *Status,
                               unsigned long long *Id, cudaGraph_t *GraphOut,
                               const cudaGraphNode_t **Dependencies,
                               const cudaGraphEdgeData **EdgeData,
                               size_t *NumDependencies) {
  if (!Status || (EdgeData && !Dependencies))
    return cudaErrorInvalidValue;
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return Err;
  auto Lock = lockGraphs();
  CaptureState &State = CaptureState::get();
  CapturingStream *C = State.find(S);
  // Asking the legacy stream reports the conflict but leaves the capture
  // intact, as CUDA documents.
  if (!C && S->IsLegacy &&
      State.blockingCaptureOn(S->Dev, /*Invalidate=*/false))
    return cudaErrorStreamCaptureImplicit;
  if (Id)
    *Id = C ? C->Sequence->Id : 0;
  if (GraphOut)
    *GraphOut = C ? handleOf(C->Sequence->G) : nullptr;
  if (C) {
    C->QueryNodes.clear();
    for (GraphNode *N : C->Deps)
      C->QueryNodes.push_back(handleOf(N));
    C->QueryEdges.assign(C->Deps.size(), cudaGraphEdgeData{});
  }
  if (Dependencies)
    *Dependencies = C && !C->Deps.empty() ? C->QueryNodes.data() : nullptr;
  if (EdgeData)
    *EdgeData = C && !C->Deps.empty() ? C->QueryEdges.data() : nullptr;
  if (NumDependencies)
    *NumDependencies = C ? C->Deps.size() : 0;
  if (!C)
    *Status = cudaStreamCaptureStatusNone;
  else if (C->Sequence->Invalidated)
    *Status = cudaStreamCaptureStatusInvalidated;
  else
    *Status = cudaStreamCaptureStatusActive;
  return cudaSuccess;
}

cudaError_t cudaStreamIsCapturing(cudaStream_t Handle,
                                  cudaStreamCaptureStatus *CaptureStatus) {
  return report(captureInfo(Handle, CaptureStatus, nullptr, nullptr, nullptr,
                            nullptr, nullptr));
}

cudaError_t cudaStreamGetCaptureInfo(cudaStream_t Handle,
                                     cudaStreamCaptureStatus *CaptureStatusOut,
                                     unsigned long long *IdOut,
                                     cudaGraph_t *GraphOut,
                                     const cudaGraphNode_t **DependenciesOut,
                                     size_t *NumDependenciesOut) {
  return report(captureInfo(Handle, CaptureStatusOut, IdOut, GraphOut,
                            DependenciesOut, nullptr, NumDependenciesOut));
}

cudaError_t cudaStreamGetCaptureInfo_v2(
    cudaStream_t Handle, cudaStreamCaptureStatus *CaptureStatusOut,
    unsigned long long *IdOut, cudaGraph_t *GraphOut,
    const cudaGraphNode_t **DependenciesOut, size_t *NumDependenciesOut) {
  return report(captureInfo(Handle, CaptureStatusOut, IdOut, GraphOut,
                            DependenciesOut, nullptr, NumDependenciesOut));
}

cudaError_t cudaStreamGetCaptureInfo_v3(
    cudaStream_t Handle, cudaStreamCaptureStatus *CaptureStatusOut,
    unsigned long long *IdOut, cudaGraph_t *GraphOut,
    const cudaGraphNode_t **DependenciesOut,
    const cudaGraphEdgeData **EdgeDataOut, size_t *NumDependenciesOut) {
  return report(captureInfo(Handle, CaptureStatusOut, IdOut, GraphOut,
                            DependenciesOut, EdgeDataOut, NumDependenciesOut));
}

//===--- Dependency updates -----------------------------------------------===//

static cudaError_t updateDependencies(cudaStream_t Handle,
                                      cudaGraphNode_t *Dependencies,
                                      const cudaGraphEdgeData *Edges,
                                      size_t Count, unsigned Flags) {
  if (Flags != cudaStreamAddCaptureDependencies &&
      Flags != cudaStreamSetCaptureDependencies)
    return cudaErrorInvalidValue;
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return Err;
  auto Lock = lockGraphs();
  CapturingStream *C = CaptureState::get().find(S);
  if (!C)
    return cudaErrorIllegalState;
  if (C->Sequence->Invalidated)
    return cudaErrorStreamCaptureInvalidated;
  std::vector<GraphNode *> Nodes;
  if (cudaError_t Err = collectDependencies(C->Sequence->G, Dependencies, Edges,
                                            Count, &Nodes))
    return Err;
  if (Flags == cudaStreamSetCaptureDependencies)
    C->Deps.clear();
  for (GraphNode *N : Nodes)
    if (std::find(C->Deps.begin(), C->Deps.end(), N) == C->Deps.end())
      C->Deps.push_back(N);
  return cudaSuccess;
}

cudaError_t cudaStreamUpdateCaptureDependencies(cudaStream_t Stream,
                                                cudaGraphNode_t *Dependencies,
                                                size_t NumDependencies,
                                                unsigned int Flags) {
  return report(updateDependencies(Stream, Dependencies, nullptr,
                                   NumDependencies, Flags));
}

cudaError_t cudaStreamUpdateCaptureDependencies_v2(
    cudaStream_t Stream, cudaGraphNode_t *Dependencies,
    const cudaGraphEdgeData *DependencyData, size_t NumDependencies,
    unsigned int Flags) {
  return report(updateDependencies(Stream, Dependencies, DependencyData,
                                   NumDependencies, Flags));
}

//===--- The thread's capture mode ----------------------------------------===//

cudaError_t cudaThreadExchangeStreamCaptureMode(cudaStreamCaptureMode *Mode) {
  if (!Mode || !validMode(*Mode))
    return report(cudaErrorInvalidValue);
  cudaStreamCaptureMode Previous = ThreadMode;
  ThreadMode = *Mode;
  *Mode = Previous;
  return cudaSuccess;
}

/// Whether the calling thread may make a "potentially unsafe" call now:
/// not while it has a capture of its own that is not relaxed, nor (in
/// global mode) while another thread has a global one. The captures that
/// forbid it are invalidated.
cudaError_t api::checkUnsafeCall() {
  if (!captureInProgress() || ThreadMode == cudaStreamCaptureModeRelaxed)
    return cudaSuccess;
  auto Lock = lockGraphs();
  std::thread::id Self = std::this_thread::get_id();
  bool Forbidden = false;
  for (auto &Sequence : CaptureState::get().Sequences) {
    bool Own = Sequence->Thread == Self &&
               Sequence->Mode != cudaStreamCaptureModeRelaxed;
    bool OthersGlobal = ThreadMode == cudaStreamCaptureModeGlobal &&
                        Sequence->Thread != Self &&
                        Sequence->Mode == cudaStreamCaptureModeGlobal;
    if (Own || OthersGlobal) {
      Sequence->Invalidated = true;
      Forbidden = true;
    }
  }
  return Forbidden ? cudaErrorStreamCaptureUnsupported : cudaSuccess;
}
