//===- api/GraphExec.cpp - Instantiating and launching graphs -------------===//
//
// Part of Tongxin. cudaGraphInstantiate* builds an executable graph's plan
// (api/GraphExec.h); cudaGraphLaunch submits it to a stream. Updates of
// executable graphs are in api/GraphUpdate.cpp.
//
//===----------------------------------------------------------------------===//

#include "api/GraphExec.h"
#include "api/CaptureState.h"

#include <chrono>
#include <cstring>
#include <unordered_set>

using namespace tx;
using namespace tx::api;

//===--- Executable graph objects -----------------------------------------===//

static std::unordered_set<GraphExec *> &liveExecs() {
  static auto *Execs = new std::unordered_set<GraphExec *>();
  return *Execs;
}

GraphExec *api::liveExec(cudaGraphExec_t Handle) {
  auto *X = reinterpret_cast<GraphExec *>(Handle);
  return X && liveExecs().count(X) ? X : nullptr;
}

ExecPlan &api::ownPlan(GraphExec &X) {
  if (X.Plan.use_count() > 1)
    X.Plan = std::make_shared<ExecPlan>(*X.Plan);
  return *X.Plan;
}

//===--- Plan nodes -------------------------------------------------------===//

static cudaError_t makeKernelNode(const KernelNodeData &K, ExecNode *Out) {
  DeviceSlot *Slot = Context::get().slot(K.Device);
  if (!Slot)
    return cudaErrorInvalidDevice;
  FunctionInfo Info;
  switch (Registry::get().findKernel(K.Func, Slot->Device.get(), &Info)) {
  case LookupResult::Found:
    break;
  case LookupResult::NoImage:
    return cudaErrorNoKernelImageForDevice;
  case LookupResult::Unknown:
    return cudaErrorInvalidDeviceFunction;
  }
  hal::KernelLaunch &L = Out->Launch;
  L.Kernel = Info.Kernel;
  L.TuId = Info.FatBinary->TuId.c_str();
  L.Name = Info.Kernel->Name;
  const unsigned G[3] = {K.Grid.x, K.Grid.y, K.Grid.z};
  const unsigned B[3] = {K.Block.x, K.Block.y, K.Block.z};
  for (int D = 0; D < 3; ++D) {
    L.Grid[D] = G[D];
    L.Block[D] = B[D];
  }
  L.DynamicSharedBytes = K.SharedBytes;
  L.Cooperative = K.cooperative();
  Out->Args = K.Args;
  Out->Slot = Slot;
  return cudaSuccess;
}

/// A memset's value as bytes: a pattern row only when they differ.
static void makeFillPattern(ExecNode *Out) {
  const cudaMemsetParams &M = Out->Fill;
  unsigned char Bytes[4];
  for (unsigned I = 0; I < 4; ++I)
    Bytes[I] = static_cast<unsigned char>(M.value >> (8 * I));
  bool Uniform = true;
  for (unsigned I = 1; I < M.elementSize; ++I)
    Uniform &= Bytes[I] == Bytes[0];
  if (Uniform)
    return;
  Out->Pattern.resize(M.width * M.elementSize);
  for (size_t I = 0; I < Out->Pattern.size(); ++I)
    Out->Pattern[I] = Bytes[I % M.elementSize];
}

cudaError_t api::makeExecNode(const NodeParams &P, ExecNode *Out) {
  Out->Type = P.Type;
  switch (P.Type) {
  case cudaGraphNodeTypeKernel:
    return makeKernelNode(P.Kernel, Out);
  case cudaGraphNodeTypeMemcpy:
    Out->Copy = P.Memcpy.Prepared;
    Out->Slot = Context::get().slot(P.Memcpy.Device);
    return Out->Slot ? cudaSuccess : cudaErrorInvalidDevice;
  case cudaGraphNodeTypeMemset:
    Out->Fill = P.Memset.Params;
    Out->Slot = Context::get().slot(P.Memset.Device);
    makeFillPattern(Out);
    return Out->Slot ? cudaSuccess : cudaErrorInvalidDevice;
  case cudaGraphNodeTypeHost:
    Out->Host = P.Host;
    return cudaSuccess;
  case cudaGraphNodeTypeEventRecord:
  case cudaGraphNodeTypeWaitEvent:
    Out->Event = P.Event;
    return cudaSuccess;
  case cudaGraphNodeTypeGraph:
  case cudaGraphNodeTypeEmpty:
    return cudaSuccess;
  default:
    return cudaErrorNotSupported;
  }
}

//===--- Running a plan ---------------------------------------------------===//

static void runKernel(const ExecNode &N) {
  // A failed launch poisons the context, like CUDA's sticky errors.
  if (Context::get().sticky() != StatusCode::Ok)
    return;
  hal::KernelLaunch L = N.Launch;
  L.Args = N.Args.pointers();
  // Graph launches decide when they run (a graph has no API call per node).
  profile::KernelTimer Timer(L.Name,
                             uint64_t(L.Grid[0]) * L.Grid[1] * L.Grid[2],
                             profile::recording());
  trace::Span Traced(trace::Kind::Kernel, L.Name);
  if (Traced.active())
    Traced.Args = traceArguments(L);
  Status Result = N.Slot->Device->launch(L);
  if (!Result.isOk())
    Context::get().setSticky(Result.code());
}

static void runFill(const ExecNode &N) {
  const cudaMemsetParams &M = N.Fill;
  size_t RowBytes = M.width * M.elementSize;
  if (N.Pattern.empty()) {
    (void)fillNow(M.dst, M.pitch, static_cast<int>(M.value & 0xff), RowBytes,
                  M.height, N.Slot);
    return;
  }
  // Wide elements whose bytes differ: copy the pattern row to every row
  // (a source pitch of 0 reads the same row each time).
  cudaMemcpy3DParms Copy = {};
  Copy.srcPtr = make_cudaPitchedPtr(
      const_cast<unsigned char *>(N.Pattern.data()), 0, RowBytes, 1);
  Copy.dstPtr = make_cudaPitchedPtr(M.dst, M.pitch, RowBytes, M.height);
  Copy.extent = make_cudaExtent(RowBytes, M.height, 1);
  Copy.kind = cudaMemcpyDefault;
  (void)copyNow(Copy, N.Slot);
}

/// Runs plan nodes [Begin, End) in order: the body of a run segment's work
/// item. Like their asynchronous entry points, failed copies and fills
/// have no one to report to; kernel faults make the context sticky.
static void runNodes(const ExecPlan &Plan, uint32_t Begin, uint32_t End) {
  for (uint32_t I = Begin; I < End; ++I) {
    const ExecNode &N = Plan.Nodes[I];
    if (!N.Enabled)
      continue;
    switch (N.Type) {
    case cudaGraphNodeTypeKernel:
      runKernel(N);
      break;
    case cudaGraphNodeTypeMemcpy:
      (void)copyNow(N.Copy, N.Slot);
      break;
    case cudaGraphNodeTypeMemset:
      runFill(N);
      break;
    case cudaGraphNodeTypeHost:
      N.Host.Fn(N.Host.UserData);
      break;
    default:
      break;
    }
  }
}

//===--- Instantiation ----------------------------------------------------===//

/// The template node a Source node stands for: itself at the top level of
/// the graph instantiated, else the child graph node that contains it.
static GraphNode *templateNodeOf(const GraphExec &X, Graph &Template,
                                 GraphNode *N) {
  while (N && N->Owner != X.Source.get())
    N = N->Owner->Parent;
  if (!N)
    return nullptr;
  for (auto &T : Template.Nodes)
    if (X.Source->CloneOf.count(T->Id) && X.Source->CloneOf.at(T->Id) == N)
      return T.get();
  return nullptr;
}

/// Appends G's nodes to the plan in topological order, inlining child
/// graphs; *ErrNode is the offending node on failure.
static cudaError_t emitGraph(const Graph &G, GraphExec &X, ExecPlan &Plan,
                             GraphNode **ErrNode,
                             cudaGraphInstantiateResult *Result) {
  std::vector<GraphNode *> Order;
  if (!G.topologicalOrder(&Order)) {
    for (auto &N : G.Nodes)
      if (std::find(Order.begin(), Order.end(), N.get()) == Order.end()) {
        *ErrNode = N.get(); // On a cycle, or behind one.
        break;
      }
    *Result = cudaGraphInstantiateInvalidStructure;
    return cudaErrorInvalidValue;
  }
  for (GraphNode *N : Order) {
    ExecNode E;
    if (cudaError_t Err = makeExecNode(N->Params, &E)) {
      *ErrNode = N;
      *Result = Err == cudaErrorNotSupported
                    ? cudaGraphInstantiateNodeOperationNotSupported
                    : cudaGraphInstantiateError;
      return Err;
    }
    X.PlanIndex[N] = Plan.Nodes.size();
    Plan.Nodes.push_back(std::move(E));
    if (N->Params.Child)
      if (cudaError_t Err =
              emitGraph(*N->Params.Child, X, Plan, ErrNode, Result))
        return Err;
  }
  return cudaSuccess;
}

/// Cuts the plan into segments: event nodes alone, the rest in runs.
static void cutSegments(ExecPlan &Plan) {
  Plan.Segments.clear();
  for (uint32_t I = 0; I < Plan.Nodes.size(); ++I) {
    cudaGraphNodeType T = Plan.Nodes[I].Type;
    if (T == cudaGraphNodeTypeEventRecord || T == cudaGraphNodeTypeWaitEvent) {
      Plan.Segments.push_back({T == cudaGraphNodeTypeEventRecord
                                   ? ExecSegment::Record
                                   : ExecSegment::Wait,
                               I, I + 1});
      continue;
    }
    if (Plan.Segments.empty() || Plan.Segments.back().Kind != ExecSegment::Run)
      Plan.Segments.push_back({ExecSegment::Run, I, I});
    Plan.Segments.back().End = I + 1;
  }
}

void tx::api::retainUserObjects(const Graph &G, UserObjectRefs &Out) {
  Out.retainAll(G.UserObjectsHeld, /*OncePerObject=*/true);
  for (auto &N : G.Nodes)
    if (N->Params.Child)
      retainUserObjects(*N->Params.Child, Out);
}

static constexpr unsigned long long KnownInstantiateFlags =
    cudaGraphInstantiateFlagAutoFreeOnLaunch | cudaGraphInstantiateFlagUpload |
    cudaGraphInstantiateFlagDeviceLaunch |
    cudaGraphInstantiateFlagUseNodePriority;

static cudaError_t checkInstantiateFlags(unsigned long long Flags,
                                         cudaStream_t UploadStream) {
  if (Flags & ~KnownInstantiateFlags)
    return cudaErrorInvalidValue;
  if (Flags & cudaGraphInstantiateFlagDeviceLaunch)
    // Graphs launched from device code need device-side launch support.
    return (Flags & cudaGraphInstantiateFlagAutoFreeOnLaunch)
               ? cudaErrorInvalidValue
               : cudaErrorNotSupported;
  if (Flags & cudaGraphInstantiateFlagUpload) {
    // Nothing to upload: the plan lives in host memory. The stream must
    // still be valid.
    DeviceSlot *Slot;
    Stream *S;
    if (cudaError_t Err = currentDevice(&Slot))
      return Err;
    if (cudaError_t Err = resolveStream(Slot, UploadStream, &S))
      return Err;
  }
  return cudaSuccess;
}

static cudaError_t instantiate(cudaGraphExec_t *ExecOut, cudaGraph_t Handle,
                               unsigned long long Flags,
                               cudaStream_t UploadStream,
                               cudaGraphNode_t *ErrNodeOut,
                               cudaGraphInstantiateResult *ResultOut) {
  *ResultOut = cudaGraphInstantiateError;
  if (!ExecOut)
    return cudaErrorInvalidValue;
  if (cudaError_t Err = checkInstantiateFlags(Flags, UploadStream))
    return Err;
  auto Lock = lockGraphs();
  Graph *G = liveGraph(Handle);
  if (!G)
    return cudaErrorInvalidValue;
  auto X = std::make_unique<GraphExec>();
  X->Source = G->clone();
  X->Flags = Flags & ~(unsigned long long)cudaGraphInstantiateFlagUpload;
  auto Plan = std::make_shared<ExecPlan>();
  GraphNode *ErrNode = nullptr;
  if (cudaError_t Err = emitGraph(*X->Source, *X, *Plan, &ErrNode, ResultOut)) {
    if (ErrNodeOut)
      *ErrNodeOut = handleOf(templateNodeOf(*X, *G, ErrNode));
    return Err;
  }
  cutSegments(*Plan);
  Plan->Objects = std::make_shared<UserObjectRefs>();
  retainUserObjects(*X->Source, *Plan->Objects);
  X->Plan = std::move(Plan);
  for (auto &N : G->Nodes)
    X->Alias[N->Id] = X->Source->CloneOf.at(N->Id);
  *ResultOut = cudaGraphInstantiateSuccess;
  liveExecs().insert(X.get());
  *ExecOut = reinterpret_cast<cudaGraphExec_t>(X.release());
  return cudaSuccess;
}

// tx-api: partial: cudaGraphInstantiateFlagDeviceLaunch returns
// cudaErrorNotSupported
cudaError_t cudaGraphInstantiate(cudaGraphExec_t *GraphExec, cudaGraph_t Graph,
                                 unsigned long long Flags) {
  cudaGraphInstantiateResult Result;
  return report(
      instantiate(GraphExec, Graph, Flags, nullptr, nullptr, &Result));
}

// tx-api: partial: cudaGraphInstantiateFlagDeviceLaunch returns
// cudaErrorNotSupported
cudaError_t cudaGraphInstantiateWithFlags(cudaGraphExec_t *GraphExec,
                                          cudaGraph_t Graph,
                                          unsigned long long Flags) {
  cudaGraphInstantiateResult Result;
  return report(
      instantiate(GraphExec, Graph, Flags, nullptr, nullptr, &Result));
}

// tx-api: partial: cudaGraphInstantiateFlagDeviceLaunch returns
// cudaErrorNotSupported
cudaError_t
cudaGraphInstantiateWithParams(cudaGraphExec_t *GraphExec, cudaGraph_t Graph,
                               cudaGraphInstantiateParams *InstantiateParams) {
  if (!InstantiateParams)
    return report(cudaErrorInvalidValue);
  InstantiateParams->errNode_out = nullptr;
  return report(instantiate(GraphExec, Graph, InstantiateParams->flags,
                            InstantiateParams->uploadStream,
                            &InstantiateParams->errNode_out,
                            &InstantiateParams->result_out));
}

cudaError_t cudaGraphExecGetFlags(cudaGraphExec_t GraphExec,
                                  unsigned long long *Flags) {
  if (!Flags)
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  tx::api::GraphExec *X = liveExec(GraphExec);
  if (!X)
    return report(cudaErrorInvalidValue);
  *Flags = X->Flags;
  return cudaSuccess;
}

cudaError_t cudaGraphExecDestroy(cudaGraphExec_t GraphExec) {
  auto Lock = lockGraphs();
  tx::api::GraphExec *X = liveExec(GraphExec);
  if (!X)
    return report(cudaErrorInvalidValue);
  // Launches in flight keep the plan; it goes when they finish.
  liveExecs().erase(X);
  delete X;
  return cudaSuccess;
}

//===--- Launching --------------------------------------------------------===//

std::unique_ptr<Graph> api::execAsGraph(cudaGraphExec_t Handle) {
  GraphExec *X = liveExec(Handle);
  if (!X)
    return nullptr;
  std::unique_ptr<Graph> Copy = X->Source->clone();
  // Clones keep node order: walk both graphs together.
  std::vector<std::pair<const Graph *, Graph *>> Work{
      {X->Source.get(), Copy.get()}};
  while (!Work.empty()) {
    auto [From, To] = Work.back();
    Work.pop_back();
    for (size_t I = 0; I < From->Nodes.size(); ++I) {
      const GraphNode *N = From->Nodes[I].get();
      if (N->Params.Child)
        Work.emplace_back(N->Params.Child.get(),
                          To->Nodes[I]->Params.Child.get());
      else if (!X->Plan->Nodes[X->PlanIndex.at(N)].Enabled)
        To->Nodes[I]->Params = NodeParams();
    }
  }
  return Copy;
}

/// The events of Plan's event nodes must still exist.
static bool eventsLive(const ExecPlan &Plan) {
  for (const ExecSegment &Seg : Plan.Segments) {
    const ExecNode &N = Plan.Nodes[Seg.Begin];
    if (Seg.Kind != ExecSegment::Run && N.Enabled && !eventOwner(N.Event))
      return false;
  }
  return true;
}

/// Submits one segment of a launch after Deps; *Last is its end.
static Status submitSegment(DeviceSlot *Slot, Stream *S,
                            const std::shared_ptr<ExecPlan> &Plan,
                            const ExecSegment &Seg, std::vector<Fence> &Deps,
                            Fence *Last) {
  const ExecNode &N = Plan->Nodes[Seg.Begin];
  switch (Seg.Kind) {
  case ExecSegment::Run:
    return Slot->Streams->submit(
        S, std::move(Deps),
        [Held = std::shared_ptr<ExecPlan>(Plan), Begin = Seg.Begin,
         End = Seg.End]() mutable {
          runNodes(*Held, Begin, End);
          // Let go before the stream moves on: once a synchronisation
          // returns, a destroyed executable graph's user objects are gone.
          Held.reset();
        },
        Last);
  case ExecSegment::Record: {
    auto Record = std::make_shared<EventRecord>();
    EventRecord *Raw = Record.get();
    Status St = Slot->Streams->submit(
        S, std::move(Deps),
        [Record] { Record->Time = std::chrono::steady_clock::now(); },
        &Raw->Done);
    if (St.isOk()) {
      reinterpret_cast<Event *>(N.Event)->setLast(Record);
      *Last = Raw->Done;
    }
    return St;
  }
  case ExecSegment::Wait:
    // Waits for the event's last record as of this launch.
    if (std::shared_ptr<EventRecord> Record =
            reinterpret_cast<Event *>(N.Event)->last())
      Deps.push_back(Record->Done);
    if (Deps.empty())
      return Status::ok();
    return Slot->Streams->submit(
        S, std::move(Deps), [] {}, Last);
  }
  return Status::ok();
}

static cudaError_t launch(cudaGraphExec_t Handle, cudaStream_t StreamHandle) {
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(StreamHandle, &Slot, &S))
    return Err;
  // Launched into a capturing stream, the graph becomes a child graph node.
  if (std::optional<cudaError_t> Captured = captureNode(S, [&](NodeParams *P) {
        std::unique_ptr<Graph> Child = execAsGraph(Handle);
        if (!Child)
          return cudaErrorInvalidValue;
        P->Type = cudaGraphNodeTypeGraph;
        P->Child = std::move(Child);
        return cudaSuccess;
      }))
    return *Captured;
  auto Lock = lockGraphs();
  GraphExec *X = liveExec(Handle);
  if (!X)
    return cudaErrorInvalidValue;
  if (cudaError_t Err = stickyError())
    return Err;
  const std::shared_ptr<ExecPlan> &Plan = X->Plan;
  if (!eventsLive(*Plan))
    return cudaErrorInvalidResourceHandle;
  // Each launch follows the previous one of this executable graph, on
  // whatever stream that was.
  std::vector<Fence> Deps;
  if (X->LastLaunch.isSet())
    Deps.push_back(X->LastLaunch);
  Fence Last;
  for (const ExecSegment &Seg : Plan->Segments) {
    if (Seg.Kind != ExecSegment::Run && !Plan->Nodes[Seg.Begin].Enabled)
      continue;
    if (Status St = submitSegment(Slot, S, Plan, Seg, Deps, &Last); !St.isOk())
      return toCuda(St);
    Deps.clear();
  }
  if (!Deps.empty())
    if (Status St = Slot->Streams->submit(
            S, std::move(Deps), [] {}, &Last);
        !St.isOk())
      return toCuda(St);
  if (Last.isSet())
    X->LastLaunch = Last;
  return cudaSuccess;
}

cudaError_t cudaGraphLaunch(cudaGraphExec_t GraphExec, cudaStream_t Stream) {
  return report(launch(GraphExec, Stream));
}

cudaError_t cudaGraphUpload(cudaGraphExec_t GraphExec, cudaStream_t Handle) {
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return report(Err);
  auto Lock = lockGraphs();
  // Plans live in host memory: there is nothing to upload.
  return liveExec(GraphExec) ? cudaSuccess : report(cudaErrorInvalidValue);
}
