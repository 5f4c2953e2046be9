//===- api/Graphs.h - Shared helpers of the graph entry points --*- C++ -*-===//
//
// Part of Tongxin. What the graph files of runtime/api share: handle
// checks, dependency lists, node parameters checked as the cudaGraphAdd*Node
// functions check them (stream capture builds its nodes with the same
// functions), and executable graphs.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_API_GRAPHS_H
#define TONGXIN_RUNTIME_API_GRAPHS_H

#include "api/GraphHooks.h"
#include "core/Graphs.h"

#include <mutex>
#include <unordered_map>

namespace tx {
namespace api {

/// Every graph entry point holds this for its whole run (core/Graphs.h).
inline std::unique_lock<std::mutex> lockGraphs() {
  return std::unique_lock<std::mutex>(GraphObjects::get().mutex());
}

inline Graph *liveGraph(cudaGraph_t Handle) {
  auto *G = reinterpret_cast<Graph *>(Handle);
  return G && GraphObjects::get().isLiveGraph(G) ? G : nullptr;
}
inline GraphNode *liveNode(cudaGraphNode_t Handle) {
  auto *N = reinterpret_cast<GraphNode *>(Handle);
  return N && GraphObjects::get().isLiveNode(N) ? N : nullptr;
}
inline cudaGraph_t handleOf(Graph *G) {
  return reinterpret_cast<cudaGraph_t>(G);
}
inline cudaGraphNode_t handleOf(GraphNode *N) {
  return reinterpret_cast<cudaGraphNode_t>(N);
}

/// The device owning event E (any device's), or null if E is not live.
DeviceSlot *eventOwner(cudaEvent_t E);

/// Only default edges carry meaning here; anything else is refused with
/// cudaErrorNotSupported (programmatic edges need overlapping kernels).
cudaError_t checkEdgeData(const cudaGraphEdgeData *Edges, size_t Count);
/// Checks Count dependencies: live nodes of G, no duplicates.
cudaError_t collectDependencies(Graph *G, const cudaGraphNode_t *Deps,
                                const cudaGraphEdgeData *Edges, size_t Count,
                                std::vector<GraphNode *> *Out);

//===--- Node parameters --------------------------------------------------===//

cudaError_t kernelParams(const cudaKernelNodeParams &P, NodeParams *Out);
/// A kernel node's parameters from a launch already checked by
/// checkKernelLaunch (stream capture).
cudaError_t kernelLaunchParams(const void *Func, const FunctionInfo &Info,
                               dim3 Grid, dim3 Block, size_t SharedMem,
                               void **Args, bool Cooperative, NodeParams *Out);
cudaError_t memcpyParams(const cudaMemcpy3DParms *P, NodeParams *Out);
cudaError_t memcpy1DParams(void *Dst, const void *Src, size_t Count,
                           cudaMemcpyKind Kind, NodeParams *Out);
cudaError_t memcpyToSymbolParams(const void *Symbol, const void *Src,
                                 size_t Count, size_t Offset,
                                 cudaMemcpyKind Kind, NodeParams *Out);
cudaError_t memcpyFromSymbolParams(void *Dst, const void *Symbol, size_t Count,
                                   size_t Offset, cudaMemcpyKind Kind,
                                   NodeParams *Out);
cudaError_t memsetParams(const cudaMemsetParams *P, NodeParams *Out);
cudaError_t hostParams(const cudaHostNodeParams *P, NodeParams *Out);
/// Event record and event wait nodes.
cudaError_t eventParams(cudaGraphNodeType Type, cudaEvent_t Event,
                        NodeParams *Out);
/// A child graph node embedding a clone of Child.
cudaError_t childParams(Graph *Child, NodeParams *Out);
/// The parameters of a cudaGraphNodeParams (cudaGraphAddNode and the
/// SetParams forms); a child graph is cloned or, with
/// cudaGraphChildGraphOwnershipMove, taken over by a node of MoveInto (null:
/// moving is not allowed).
cudaError_t genericParams(const cudaGraphNodeParams *P, Graph *MoveInto,
                          NodeParams *Out);

/// The whole of a cudaGraphAdd*Node: checks the handles and Out, builds the
/// parameters with Make (under the graph lock) and adds the node.
template <class MakeFn>
cudaError_t addNode(cudaGraphNode_t *Out, cudaGraph_t Handle,
                    const cudaGraphNode_t *Deps, const cudaGraphEdgeData *Edges,
                    size_t Count, MakeFn Make) {
  if (!Out)
    return cudaErrorInvalidValue;
  auto Lock = lockGraphs();
  Graph *G = liveGraph(Handle);
  if (!G)
    return cudaErrorInvalidValue;
  std::vector<GraphNode *> Dependencies;
  if (cudaError_t Err =
          collectDependencies(G, Deps, Edges, Count, &Dependencies))
    return Err;
  NodeParams Params;
  if (cudaError_t Err = Make(&Params))
    return Err;
  // Graphs embedded in a child node take no memory nodes (CUDA's rule).
  if (G->Parent && (Params.Type == cudaGraphNodeTypeMemAlloc ||
                    Params.Type == cudaGraphNodeTypeMemFree))
    return cudaErrorInvalidValue;
  *Out = handleOf(G->add(std::move(Params), Dependencies));
  return cudaSuccess;
}

/// The node of type Type behind Handle, or null.
GraphNode *liveNodeOfType(cudaGraphNode_t Handle, cudaGraphNodeType Type);

//===--- Executable graphs ------------------------------------------------===//

/// Applies a template node's new parameters to an executable graph
/// (cudaGraphExec*SetParams): Node must come from the graph Exec was
/// instantiated (or last updated) from.
cudaError_t setExecNodeParams(cudaGraphExec_t Exec, cudaGraphNode_t Node,
                              NodeParams Params);

/// A snapshot of an executable graph as a graph, for capturing its launch
/// into another graph (a child graph node); disabled nodes are empty.
std::unique_ptr<Graph> execAsGraph(cudaGraphExec_t Exec);

} // namespace api
} // namespace tx

#endif // TONGXIN_RUNTIME_API_GRAPHS_H
