//===- api/Graph.cpp - Graph entry points ---------------------------------===//
//
// Part of Tongxin. Creating, cloning and destroying graphs, their
// structure (nodes, roots, edges, dependencies), node removal and user
// objects. Nodes of each type are made in api/GraphNodes.cpp, executable
// graphs in api/GraphExec.cpp.
//
//===----------------------------------------------------------------------===//

#include "api/Graphs.h"

#include <climits>

using namespace tx;
using namespace tx::api;

//===--- Graphs -----------------------------------------------------------===//

cudaError_t cudaGraphCreate(cudaGraph_t *GraphOut, unsigned int Flags) {
  if (!GraphOut || Flags != 0)
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  *GraphOut = handleOf(new Graph());
  return cudaSuccess;
}

cudaError_t cudaGraphDestroy(cudaGraph_t Handle) {
  auto Lock = lockGraphs();
  Graph *G = liveGraph(Handle);
  // A graph embedded in a node belongs to the node; one being captured
  // into belongs to the capture until it ends.
  if (!G || G->Parent || G->Captures)
    return report(cudaErrorInvalidValue);
  delete G;
  return cudaSuccess;
}

cudaError_t cudaGraphClone(cudaGraph_t *GraphClone, cudaGraph_t OriginalGraph) {
  if (!GraphClone)
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  Graph *G = liveGraph(OriginalGraph);
  if (!G)
    return report(cudaErrorInvalidValue);
  *GraphClone = handleOf(G->clone().release());
  return cudaSuccess;
}

cudaError_t cudaGraphNodeFindInClone(cudaGraphNode_t *Node,
                                     cudaGraphNode_t OriginalNode,
                                     cudaGraph_t ClonedGraph) {
  if (!Node)
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  Graph *Clone = liveGraph(ClonedGraph);
  GraphNode *Original = liveNode(OriginalNode);
  if (!Clone || !Original || Original->Owner->Id != Clone->OriginalId)
    return report(cudaErrorInvalidValue);
  auto It = Clone->CloneOf.find(Original->Id);
  if (It == Clone->CloneOf.end())
    return report(cudaErrorInvalidValue); // Removed from the clone since.
  *Node = handleOf(It->second);
  return cudaSuccess;
}

//===--- Structure queries ------------------------------------------------===//

/// Writes a list the way the graph queries do: only its length when Out is
/// null; otherwise *Count entries, those past the list null, and *Count
/// lowered to the list's length.
template <class T>
static void listOut(const std::vector<T> &Items, T *Out, size_t *Count) {
  if (!Out) {
    *Count = Items.size();
    return;
  }
  for (size_t I = 0; I < *Count; ++I)
    Out[I] = I < Items.size() ? Items[I] : T{};
  if (*Count > Items.size())
    *Count = Items.size();
}

/// The node handles of Nodes.
static std::vector<cudaGraphNode_t>
handlesOf(const std::vector<GraphNode *> &Nodes) {
  std::vector<cudaGraphNode_t> Handles;
  Handles.reserve(Nodes.size());
  for (GraphNode *N : Nodes)
    Handles.push_back(handleOf(N));
  return Handles;
}

/// A graph's nodes, all or only its roots.
static cudaError_t graphNodes(cudaGraph_t Handle, cudaGraphNode_t *Nodes,
                              size_t *Count, bool RootsOnly) {
  if (!Count)
    return cudaErrorInvalidValue;
  auto Lock = lockGraphs();
  Graph *G = liveGraph(Handle);
  if (!G)
    return cudaErrorInvalidValue;
  std::vector<cudaGraphNode_t> Found;
  for (auto &N : G->Nodes)
    if (!RootsOnly || N->Dependencies.empty())
      Found.push_back(handleOf(N.get()));
  listOut(Found, Nodes, Count);
  return cudaSuccess;
}

cudaError_t cudaGraphGetNodes(cudaGraph_t Graph, cudaGraphNode_t *Nodes,
                              size_t *NumNodes) {
  return report(graphNodes(Graph, Nodes, NumNodes, false));
}

cudaError_t cudaGraphGetRootNodes(cudaGraph_t Graph, cudaGraphNode_t *RootNodes,
                                  size_t *NumRootNodes) {
  return report(graphNodes(Graph, RootNodes, NumRootNodes, true));
}

/// Every edge of a graph: for each node in insertion order, its
/// dependencies in the order they were added. Edges are all default ones.
static cudaError_t graphEdges(cudaGraph_t Handle, cudaGraphNode_t *From,
                              cudaGraphNode_t *To, cudaGraphEdgeData *EdgeData,
                              size_t *Count) {
  if (!Count || (!From != !To) || (EdgeData && !From))
    return cudaErrorInvalidValue;
  auto Lock = lockGraphs();
  Graph *G = liveGraph(Handle);
  if (!G)
    return cudaErrorInvalidValue;
  std::vector<cudaGraphNode_t> Froms, Tos;
  for (auto &N : G->Nodes) {
    for (GraphNode *D : N->Dependencies) {
      Froms.push_back(handleOf(D));
      Tos.push_back(handleOf(N.get()));
    }
  }
  size_t Requested = *Count;
  listOut(Froms, From, Count);
  listOut(Tos, To, &Requested);
  if (EdgeData && From)
    for (size_t I = 0; I < Requested; ++I)
      EdgeData[I] = cudaGraphEdgeData{};
  return cudaSuccess;
}

cudaError_t cudaGraphGetEdges(cudaGraph_t Graph, cudaGraphNode_t *From,
                              cudaGraphNode_t *To, size_t *NumEdges) {
  return report(graphEdges(Graph, From, To, nullptr, NumEdges));
}

cudaError_t cudaGraphGetEdges_v2(cudaGraph_t Graph, cudaGraphNode_t *From,
                                 cudaGraphNode_t *To,
                                 cudaGraphEdgeData *EdgeData,
                                 size_t *NumEdges) {
  return report(graphEdges(Graph, From, To, EdgeData, NumEdges));
}

/// A node's dependencies or dependents, with their (default) edge data.
static cudaError_t nodeNeighbours(cudaGraphNode_t Handle,
                                  cudaGraphNode_t *Nodes,
                                  cudaGraphEdgeData *EdgeData, size_t *Count,
                                  bool Dependents) {
  if (!Count || (EdgeData && !Nodes))
    return cudaErrorInvalidValue;
  auto Lock = lockGraphs();
  GraphNode *N = liveNode(Handle);
  if (!N)
    return cudaErrorInvalidValue;
  size_t Requested = *Count;
  listOut(handlesOf(Dependents ? N->Dependents : N->Dependencies), Nodes,
          Count);
  if (EdgeData)
    for (size_t I = 0; I < Requested; ++I)
      EdgeData[I] = cudaGraphEdgeData{};
  return cudaSuccess;
}

cudaError_t cudaGraphNodeGetDependencies(cudaGraphNode_t Node,
                                         cudaGraphNode_t *Dependencies,
                                         size_t *NumDependencies) {
  return report(
      nodeNeighbours(Node, Dependencies, nullptr, NumDependencies, false));
}

cudaError_t cudaGraphNodeGetDependencies_v2(cudaGraphNode_t Node,
                                            cudaGraphNode_t *Dependencies,
                                            cudaGraphEdgeData *EdgeData,
                                            size_t *NumDependencies) {
  return report(
      nodeNeighbours(Node, Dependencies, EdgeData, NumDependencies, false));
}

cudaError_t cudaGraphNodeGetDependentNodes(cudaGraphNode_t Node,
                                           cudaGraphNode_t *DependentNodes,
                                           size_t *NumDependentNodes) {
  return report(
      nodeNeighbours(Node, DependentNodes, nullptr, NumDependentNodes, true));
}

cudaError_t cudaGraphNodeGetDependentNodes_v2(cudaGraphNode_t Node,
                                              cudaGraphNode_t *DependentNodes,
                                              cudaGraphEdgeData *EdgeData,
                                              size_t *NumDependentNodes) {
  return report(
      nodeNeighbours(Node, DependentNodes, EdgeData, NumDependentNodes, true));
}

cudaError_t cudaGraphNodeGetType(cudaGraphNode_t Node,
                                 cudaGraphNodeType *Type) {
  if (!Type)
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  GraphNode *N = liveNode(Node);
  if (!N)
    return report(cudaErrorInvalidValue);
  *Type = N->type();
  return cudaSuccess;
}

//===--- Edges ------------------------------------------------------------===//

/// The edges From[i] -> To[i] of G, checked: live nodes of G.
static cudaError_t
edgeList(Graph *G, const cudaGraphNode_t *From, const cudaGraphNode_t *To,
         const cudaGraphEdgeData *EdgeData, size_t Count,
         std::vector<std::pair<GraphNode *, GraphNode *>> *Out) {
  if (Count && (!From || !To))
    return cudaErrorInvalidValue;
  if (cudaError_t Err = checkEdgeData(EdgeData, Count))
    return Err;
  for (size_t I = 0; I < Count; ++I) {
    GraphNode *A = liveNode(From[I]), *B = liveNode(To[I]);
    if (!A || !B || A->Owner != G || B->Owner != G)
      return cudaErrorInvalidValue;
    Out->emplace_back(A, B);
  }
  return cudaSuccess;
}

static cudaError_t addDependencies(cudaGraph_t Handle,
                                   const cudaGraphNode_t *From,
                                   const cudaGraphNode_t *To,
                                   const cudaGraphEdgeData *EdgeData,
                                   size_t Count) {
  auto Lock = lockGraphs();
  Graph *G = liveGraph(Handle);
  if (!G)
    return cudaErrorInvalidValue;
  std::vector<std::pair<GraphNode *, GraphNode *>> Edges;
  if (cudaError_t Err = edgeList(G, From, To, EdgeData, Count, &Edges))
    return Err;
  // All or nothing: an existing edge, a self edge or a cycle undoes the
  // edges this call added.
  for (size_t I = 0; I < Edges.size(); ++I) {
    auto [A, B] = Edges[I];
    if (A == B || Graph::hasEdge(A, B) || Graph::reaches(B, A)) {
      while (I--)
        Graph::removeEdge(Edges[I].first, Edges[I].second);
      return cudaErrorInvalidValue;
    }
    Graph::addEdge(A, B);
  }
  return cudaSuccess;
}

cudaError_t cudaGraphAddDependencies(cudaGraph_t Graph,
                                     const cudaGraphNode_t *From,
                                     const cudaGraphNode_t *To,
                                     size_t NumDependencies) {
  return report(addDependencies(Graph, From, To, nullptr, NumDependencies));
}

cudaError_t cudaGraphAddDependencies_v2(cudaGraph_t Graph,
                                        const cudaGraphNode_t *From,
                                        const cudaGraphNode_t *To,
                                        const cudaGraphEdgeData *EdgeData,
                                        size_t NumDependencies) {
  return report(addDependencies(Graph, From, To, EdgeData, NumDependencies));
}

static cudaError_t removeDependencies(cudaGraph_t Handle,
                                      const cudaGraphNode_t *From,
                                      const cudaGraphNode_t *To,
                                      const cudaGraphEdgeData *EdgeData,
                                      size_t Count) {
  auto Lock = lockGraphs();
  Graph *G = liveGraph(Handle);
  if (!G)
    return cudaErrorInvalidValue;
  std::vector<std::pair<GraphNode *, GraphNode *>> Edges;
  if (cudaError_t Err = edgeList(G, From, To, EdgeData, Count, &Edges))
    return Err;
  for (size_t I = 0; I < Edges.size(); ++I) {
    if (!Graph::hasEdge(Edges[I].first, Edges[I].second)) {
      while (I--)
        Graph::addEdge(Edges[I].first, Edges[I].second);
      return cudaErrorInvalidValue;
    }
    Graph::removeEdge(Edges[I].first, Edges[I].second);
  }
  return cudaSuccess;
}

cudaError_t cudaGraphRemoveDependencies(cudaGraph_t Graph,
                                        const cudaGraphNode_t *From,
                                        const cudaGraphNode_t *To,
                                        size_t NumDependencies) {
  return report(removeDependencies(Graph, From, To, nullptr, NumDependencies));
}

cudaError_t cudaGraphRemoveDependencies_v2(cudaGraph_t Graph,
                                           const cudaGraphNode_t *From,
                                           const cudaGraphNode_t *To,
                                           const cudaGraphEdgeData *EdgeData,
                                           size_t NumDependencies) {
  return report(removeDependencies(Graph, From, To, EdgeData, NumDependencies));
}

cudaError_t cudaGraphDestroyNode(cudaGraphNode_t Node) {
  auto Lock = lockGraphs();
  GraphNode *N = liveNode(Node);
  // A capture in progress may hold the node in a stream's dependencies.
  if (!N || N->Owner->Captures)
    return report(cudaErrorInvalidValue);
  N->Owner->remove(N);
  return cudaSuccess;
}

//===--- User objects -----------------------------------------------------===//

static bool validCount(unsigned Count) {
  return Count != 0 && Count <= unsigned(INT_MAX);
}

static UserObject *liveObject(cudaUserObject_t Handle) {
  auto *O = reinterpret_cast<UserObject *>(Handle);
  return O && UserObjects::get().isLive(O) ? O : nullptr;
}

cudaError_t cudaUserObjectCreate(cudaUserObject_t *ObjectOut, void *Ptr,
                                 cudaHostFn_t Destroy,
                                 unsigned int InitialRefcount,
                                 unsigned int Flags) {
  if (!ObjectOut || !Destroy || !validCount(InitialRefcount) ||
      Flags != cudaUserObjectNoDestructorSync)
    return report(cudaErrorInvalidValue);
  *ObjectOut = reinterpret_cast<cudaUserObject_t>(
      UserObjects::get().create(Ptr, Destroy, InitialRefcount));
  return cudaSuccess;
}

cudaError_t cudaUserObjectRetain(cudaUserObject_t Object, unsigned int Count) {
  if (!validCount(Count) || !Object ||
      !UserObjects::get().retain(reinterpret_cast<UserObject *>(Object), Count))
    return report(cudaErrorInvalidValue);
  return cudaSuccess;
}

cudaError_t cudaUserObjectRelease(cudaUserObject_t Object, unsigned int Count) {
  if (!validCount(Count) || !Object ||
      !UserObjects::get().release(reinterpret_cast<UserObject *>(Object),
                                  Count))
    return report(cudaErrorInvalidValue);
  return cudaSuccess;
}

cudaError_t cudaGraphRetainUserObject(cudaGraph_t Graph,
                                      cudaUserObject_t Object,
                                      unsigned int Count, unsigned int Flags) {
  if (!validCount(Count) || (Flags & ~unsigned(cudaGraphUserObjectMove)))
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  tx::Graph *G = liveGraph(Graph);
  UserObject *O = liveObject(Object);
  if (!G || !O)
    return report(cudaErrorInvalidValue);
  // Moving hands over references the caller owns; otherwise new ones.
  if (!(Flags & cudaGraphUserObjectMove) &&
      !UserObjects::get().retain(O, Count))
    return report(cudaErrorInvalidValue);
  G->UserObjectsHeld.adopt(O, Count);
  return cudaSuccess;
}

cudaError_t cudaGraphReleaseUserObject(cudaGraph_t Graph,
                                       cudaUserObject_t Object,
                                       unsigned int Count) {
  if (!validCount(Count))
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  tx::Graph *G = liveGraph(Graph);
  if (!G || !Object ||
      !G->UserObjectsHeld.drop(reinterpret_cast<UserObject *>(Object), Count))
    return report(cudaErrorInvalidValue);
  return cudaSuccess;
}

//===--- Graph memory -----------------------------------------------------===//

// Allocation nodes are not supported (docs/limitations.md), so no memory
// is ever associated with graphs: the counters read 0 and trimming has
// nothing to give back.

static cudaError_t checkGraphMemDevice(int Device) {
  if (Context::get().deviceCount() == 0)
    return cudaErrorNoDevice;
  return Context::get().slot(Device) ? cudaSuccess : cudaErrorInvalidDevice;
}

cudaError_t cudaDeviceGraphMemTrim(int Device) {
  return report(checkGraphMemDevice(Device));
}

cudaError_t cudaDeviceGetGraphMemAttribute(int Device,
                                           cudaGraphMemAttributeType Attr,
                                           void *Value) {
  if (cudaError_t Err = checkGraphMemDevice(Device))
    return report(Err);
  if (!Value || Attr < cudaGraphMemAttrUsedMemCurrent ||
      Attr > cudaGraphMemAttrReservedMemHigh)
    return report(cudaErrorInvalidValue);
  *static_cast<unsigned long long *>(Value) = 0;
  return cudaSuccess;
}

cudaError_t cudaDeviceSetGraphMemAttribute(int Device,
                                           cudaGraphMemAttributeType Attr,
                                           void *Value) {
  if (cudaError_t Err = checkGraphMemDevice(Device))
    return report(Err);
  // Only the high watermarks can be set, and only reset to zero.
  if (!Value ||
      (Attr != cudaGraphMemAttrUsedMemHigh &&
       Attr != cudaGraphMemAttrReservedMemHigh) ||
      *static_cast<unsigned long long *>(Value) != 0)
    return report(cudaErrorInvalidValue);
  return cudaSuccess;
}
