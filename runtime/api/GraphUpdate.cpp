//===- api/GraphUpdate.cpp - Updating executable graphs -------------------===//
//
// Part of Tongxin. cudaGraphExec*SetParams, cudaGraphExecUpdate and
// enabling or disabling nodes of an executable graph. Changes reach the
// plan (api/GraphExec.h) of later launches only, and the executable
// graph's Source graph, which later updates are checked against.
//
//===----------------------------------------------------------------------===//

#include "api/GraphExec.h"

using namespace tx;
using namespace tx::api;

/// The Source node behind a template node handle of X.
static GraphNode *sourceNode(GraphExec &X, cudaGraphNode_t Handle) {
  GraphNode *N = liveNode(Handle);
  if (!N)
    return nullptr;
  auto It = X.Alias.find(N->Id);
  return It == X.Alias.end() ? nullptr : It->second;
}

static bool hasArray(const cudaMemcpy3DParms &P) {
  return P.srcArray || P.dstArray;
}

static bool emptyCopy(const cudaMemcpy3DParms &P) {
  return !P.extent.width || !P.extent.height || !P.extent.depth;
}

/// Whether a copy's operands changed between arrays and linear memory.
static bool memoryTypeChanged(const cudaMemcpy3DParms &A,
                              const cudaMemcpy3DParms &B) {
  return !A.srcArray != !B.srcArray || !A.dstArray != !B.dstArray;
}

/// What an executable graph's node may not change, as CUDA's update rules
/// say: a kernel's device, cooperation; the memory types of a copy (and,
/// for a single node, copies with arrays at all, or empty ones); the shape
/// of 2-D fills. Returns a cudaGraphExecUpdateResult.
static cudaGraphExecUpdateResult
checkUpdate(const NodeParams &Old, const NodeParams &New, bool SingleNode) {
  if (Old.Type != New.Type)
    return cudaGraphExecUpdateErrorNodeTypeChanged;
  switch (New.Type) {
  case cudaGraphNodeTypeKernel:
    if (Old.Kernel.Device != New.Kernel.Device)
      return cudaGraphExecUpdateErrorUnsupportedFunctionChange;
    if (Old.Kernel.cooperative() != New.Kernel.cooperative())
      return cudaGraphExecUpdateErrorParametersChanged;
    return cudaGraphExecUpdateSuccess;
  case cudaGraphNodeTypeMemcpy:
    if (memoryTypeChanged(Old.Memcpy.Given, New.Memcpy.Given))
      return cudaGraphExecUpdateErrorParametersChanged;
    if (SingleNode &&
        (hasArray(Old.Memcpy.Given) || hasArray(New.Memcpy.Given) ||
         emptyCopy(New.Memcpy.Given)))
      return cudaGraphExecUpdateErrorParametersChanged;
    return cudaGraphExecUpdateSuccess;
  case cudaGraphNodeTypeMemset: {
    const cudaMemsetParams &A = Old.Memset.Params, &B = New.Memset.Params;
    bool TwoD = A.height > 1 || B.height > 1;
    if (A.height != B.height || A.elementSize != B.elementSize ||
        (TwoD && (A.width != B.width || A.pitch != B.pitch)))
      return cudaGraphExecUpdateErrorParametersChanged;
    return cudaGraphExecUpdateSuccess;
  }
  case cudaGraphNodeTypeHost:
  case cudaGraphNodeTypeEventRecord:
  case cudaGraphNodeTypeWaitEvent:
  case cudaGraphNodeTypeEmpty:
  case cudaGraphNodeTypeGraph:
    return cudaGraphExecUpdateSuccess;
  default:
    return cudaGraphExecUpdateErrorNotSupported;
  }
}

namespace {
/// Changes to an executable graph, checked in full before any is made.
struct PendingUpdate {
  std::vector<std::pair<GraphNode *, NodeParams>> Params; ///< Source nodes.
  std::vector<std::pair<size_t, ExecNode>> Plan;          ///< Plan nodes.
  cudaGraphExecUpdateResultInfo Info = {cudaGraphExecUpdateSuccess, nullptr,
                                        nullptr};
  /// Graphs of X's source made to look like others (From, To): their user
  /// objects become To's.
  std::vector<std::pair<Graph *, const Graph *>> Graphs;
  /// cudaGraphExec*SetParams, whose rules are stricter than an update's.
  bool SingleNode = false;

  cudaError_t fail(cudaGraphExecUpdateResult Result, GraphNode *Node,
                   GraphNode *From = nullptr) {
    Info = {Result, handleOf(Node), handleOf(From)};
    return cudaErrorGraphExecUpdateFailure;
  }

  /// Plans a change of Source node S of X to New's parameters.
  cudaError_t add(GraphExec &X, GraphNode *S, const NodeParams &New,
                  GraphNode *Reported);
  /// Plans the changes that make X's Source graph From look like To:
  /// same nodes in the same order with the same edges.
  cudaError_t addGraph(GraphExec &X, Graph &From, const Graph &To);
  void commit(GraphExec &X);
};
} // namespace

cudaError_t PendingUpdate::add(GraphExec &X, GraphNode *S,
                               const NodeParams &New, GraphNode *Reported) {
  if (cudaGraphExecUpdateResult R = checkUpdate(S->Params, New, SingleNode))
    return fail(R, Reported);
  if (New.Type == cudaGraphNodeTypeGraph)
    return addGraph(X, *S->Params.Child, *New.Child);
  size_t Index = X.PlanIndex.at(S);
  ExecNode E;
  if (cudaError_t Err = makeExecNode(New, &E))
    return Err == cudaErrorNotSupported
               ? fail(cudaGraphExecUpdateErrorNotSupported, Reported)
               : fail(cudaGraphExecUpdateError, Reported);
  Plan.emplace_back(Index, std::move(E));
  Params.emplace_back(S, New.clone());
  return cudaSuccess;
}

cudaError_t PendingUpdate::addGraph(GraphExec &X, Graph &From,
                                    const Graph &To) {
  if (From.Nodes.size() != To.Nodes.size())
    return fail(cudaGraphExecUpdateErrorTopologyChanged, nullptr);
  std::unordered_map<const GraphNode *, size_t> FromIndex, ToIndex;
  for (size_t I = 0; I < From.Nodes.size(); ++I) {
    FromIndex[From.Nodes[I].get()] = I;
    ToIndex[To.Nodes[I].get()] = I;
  }
  // Nodes pair up by insertion order, their edges by the order added.
  for (size_t I = 0; I < To.Nodes.size(); ++I) {
    GraphNode *A = From.Nodes[I].get(), *B = To.Nodes[I].get();
    if (A->type() != B->type())
      return fail(cudaGraphExecUpdateErrorNodeTypeChanged, B);
    if (A->Dependencies.size() != B->Dependencies.size())
      return fail(cudaGraphExecUpdateErrorTopologyChanged, B);
    for (size_t J = 0; J < B->Dependencies.size(); ++J)
      if (FromIndex.at(A->Dependencies[J]) != ToIndex.at(B->Dependencies[J]))
        return fail(cudaGraphExecUpdateErrorTopologyChanged, B,
                    B->Dependencies[J]);
  }
  for (size_t I = 0; I < To.Nodes.size(); ++I)
    if (cudaError_t Err =
            add(X, From.Nodes[I].get(), To.Nodes[I]->Params, To.Nodes[I].get()))
      return Err;
  Graphs.emplace_back(&From, &To);
  return cudaSuccess;
}

void PendingUpdate::commit(GraphExec &X) {
  ExecPlan &P = ownPlan(X);
  for (auto &[Index, E] : Plan) {
    E.Enabled = P.Nodes[Index].Enabled;
    P.Nodes[Index] = std::move(E);
  }
  for (auto &[S, New] : Params)
    S->Params = std::move(New);
  if (Graphs.empty())
    return;
  // As CUDA: the executable graph now holds the new graph's user objects
  // (its host nodes' data may live in them), launches already queued the
  // old ones.
  for (auto &[From, To] : Graphs)
    From->UserObjectsHeld.replaceWith(To->UserObjectsHeld);
  P.Objects = std::make_shared<UserObjectRefs>();
  retainUserObjects(*X.Source, *P.Objects);
}

//===--- cudaGraphExec*SetParams ------------------------------------------===//

cudaError_t api::setExecNodeParams(cudaGraphExec_t Exec, cudaGraphNode_t Node,
                                   NodeParams Params) {
  GraphExec *X = liveExec(Exec);
  if (!X)
    return cudaErrorInvalidValue;
  GraphNode *S = sourceNode(*X, Node);
  if (!S || S->type() != Params.Type)
    return cudaErrorInvalidValue;
  if (Params.Type == cudaGraphNodeTypeKernel)
    Params.Kernel.Attributes = S->Params.Kernel.Attributes;
  PendingUpdate Update;
  Update.SingleNode = true;
  if (Update.add(*X, S, Params, liveNode(Node)))
    return cudaErrorInvalidValue;
  Update.commit(*X);
  return cudaSuccess;
}

/// The whole of a cudaGraphExec*SetParams: builds the parameters with Make
/// and applies them under the graph lock.
template <class MakeFn>
static cudaError_t setExecParams(cudaGraphExec_t Exec, cudaGraphNode_t Node,
                                 MakeFn Make) {
  auto Lock = lockGraphs();
  NodeParams Params;
  if (cudaError_t Err = Make(&Params))
    return Err;
  return setExecNodeParams(Exec, Node, std::move(Params));
}

cudaError_t
cudaGraphExecKernelNodeSetParams(cudaGraphExec_t GraphExec,
                                 cudaGraphNode_t Node,
                                 const cudaKernelNodeParams *NodeParams) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    if (!NodeParams)
      return cudaErrorInvalidValue;
    return kernelParams(*NodeParams, P);
  }));
}

cudaError_t
cudaGraphExecMemcpyNodeSetParams(cudaGraphExec_t GraphExec,
                                 cudaGraphNode_t Node,
                                 const cudaMemcpy3DParms *NodeParams) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    return memcpyParams(NodeParams, P);
  }));
}

cudaError_t cudaGraphExecMemcpyNodeSetParamsToSymbol(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, const void *Symbol,
    const void *Src, size_t Count, size_t Offset, cudaMemcpyKind Kind) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    return memcpyToSymbolParams(Symbol, Src, Count, Offset, Kind, P);
  }));
}

cudaError_t cudaGraphExecMemcpyNodeSetParamsFromSymbol(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, void *Dst,
    const void *Symbol, size_t Count, size_t Offset, cudaMemcpyKind Kind) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    return memcpyFromSymbolParams(Dst, Symbol, Count, Offset, Kind, P);
  }));
}

cudaError_t cudaGraphExecMemcpyNodeSetParams1D(cudaGraphExec_t GraphExec,
                                               cudaGraphNode_t Node, void *Dst,
                                               const void *Src, size_t Count,
                                               cudaMemcpyKind Kind) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    return memcpy1DParams(Dst, Src, Count, Kind, P);
  }));
}

cudaError_t
cudaGraphExecMemsetNodeSetParams(cudaGraphExec_t GraphExec,
                                 cudaGraphNode_t Node,
                                 const cudaMemsetParams *NodeParams) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    return memsetParams(NodeParams, P);
  }));
}

cudaError_t
cudaGraphExecHostNodeSetParams(cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
                               const cudaHostNodeParams *NodeParams) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    return hostParams(NodeParams, P);
  }));
}

cudaError_t cudaGraphExecChildGraphNodeSetParams(cudaGraphExec_t GraphExec,
                                                 cudaGraphNode_t Node,
                                                 cudaGraph_t ChildGraph) {
  auto Lock = lockGraphs();
  tx::api::GraphExec *X = liveExec(GraphExec);
  Graph *Child = liveGraph(ChildGraph);
  if (!X || !Child)
    return report(cudaErrorInvalidValue);
  GraphNode *S = sourceNode(*X, Node);
  if (!S || S->type() != cudaGraphNodeTypeGraph)
    return report(cudaErrorInvalidValue);
  PendingUpdate Update;
  if (Update.addGraph(*X, *S->Params.Child, *Child))
    return report(cudaErrorInvalidValue);
  Update.commit(*X);
  return cudaSuccess;
}

cudaError_t cudaGraphExecEventRecordNodeSetEvent(cudaGraphExec_t GraphExec,
                                                 cudaGraphNode_t Node,
                                                 cudaEvent_t Event) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    return eventParams(cudaGraphNodeTypeEventRecord, Event, P);
  }));
}

cudaError_t cudaGraphExecEventWaitNodeSetEvent(cudaGraphExec_t GraphExec,
                                               cudaGraphNode_t Node,
                                               cudaEvent_t Event) {
  return report(setExecParams(GraphExec, Node, [&](tx::NodeParams *P) {
    return eventParams(cudaGraphNodeTypeWaitEvent, Event, P);
  }));
}

// tx-api: partial: memory, external semaphore and conditional nodes return
// cudaErrorNotSupported
cudaError_t cudaGraphExecNodeSetParams(cudaGraphExec_t GraphExec,
                                       cudaGraphNode_t Node,
                                       cudaGraphNodeParams *NodeParams) {
  if (!NodeParams)
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  tx::api::GraphExec *X = liveExec(GraphExec);
  if (!X)
    return report(cudaErrorInvalidValue);
  GraphNode *S = sourceNode(*X, Node);
  if (!S || S->type() != NodeParams->type)
    return report(cudaErrorInvalidValue);
  tx::NodeParams Params;
  if (cudaError_t Err = genericParams(NodeParams, nullptr, &Params))
    return report(Err);
  if (Params.Type == cudaGraphNodeTypeGraph) {
    PendingUpdate Update;
    if (Update.addGraph(*X, *S->Params.Child, *Params.Child))
      return report(cudaErrorInvalidValue);
    Update.commit(*X);
    return cudaSuccess;
  }
  return report(setExecNodeParams(GraphExec, Node, std::move(Params)));
}

//===--- Enabling nodes ---------------------------------------------------===//

/// The plan node of a template node of an executable graph; child graph
/// nodes cannot be disabled as a whole here.
static ExecNode *enableableNode(cudaGraphExec_t Exec, cudaGraphNode_t Node,
                                bool ForWriting) {
  GraphExec *X = liveExec(Exec);
  GraphNode *S = X ? sourceNode(*X, Node) : nullptr;
  if (!S || S->type() == cudaGraphNodeTypeGraph)
    return nullptr;
  size_t Index = X->PlanIndex.at(S);
  return ForWriting ? &ownPlan(*X).Nodes[Index] : &X->Plan->Nodes[Index];
}

// tx-api: partial: child graph nodes cannot be disabled (cudaErrorInvalidValue)
cudaError_t cudaGraphNodeSetEnabled(cudaGraphExec_t GraphExec,
                                    cudaGraphNode_t Node,
                                    unsigned int IsEnabled) {
  auto Lock = lockGraphs();
  ExecNode *N = enableableNode(GraphExec, Node, /*ForWriting=*/true);
  if (!N)
    return report(cudaErrorInvalidValue);
  N->Enabled = IsEnabled != 0;
  return cudaSuccess;
}

cudaError_t cudaGraphNodeGetEnabled(cudaGraphExec_t GraphExec,
                                    cudaGraphNode_t Node,
                                    unsigned int *IsEnabled) {
  if (!IsEnabled)
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  ExecNode *N = enableableNode(GraphExec, Node, /*ForWriting=*/false);
  if (!N)
    return report(cudaErrorInvalidValue);
  *IsEnabled = N->Enabled ? 1 : 0;
  return cudaSuccess;
}

//===--- Whole-graph updates ----------------------------------------------===//

cudaError_t cudaGraphExecUpdate(cudaGraphExec_t GraphExec, cudaGraph_t Graph,
                                cudaGraphExecUpdateResultInfo *ResultInfo) {
  if (!ResultInfo)
    return report(cudaErrorInvalidValue);
  *ResultInfo = {cudaGraphExecUpdateError, nullptr, nullptr};
  auto Lock = lockGraphs();
  tx::api::GraphExec *X = liveExec(GraphExec);
  tx::Graph *G = liveGraph(Graph);
  if (!X || !G)
    return report(cudaErrorInvalidValue);
  PendingUpdate Update;
  if (cudaError_t Err = Update.addGraph(*X, *X->Source, *G)) {
    *ResultInfo = Update.Info;
    return report(Err);
  }
  Update.commit(*X);
  // The updated graph's nodes name the executable graph's nodes now too.
  for (size_t I = 0; I < G->Nodes.size(); ++I)
    X->Alias[G->Nodes[I]->Id] = X->Source->Nodes[I].get();
  *ResultInfo = Update.Info;
  return cudaSuccess;
}
