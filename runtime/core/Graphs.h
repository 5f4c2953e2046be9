//===- core/Graphs.h - CUDA graphs, their nodes and user objects -*- C++
//-*-===//
//
// Part of Tongxin. The backend-independent model behind the graph API
// (api/Graph*.cpp): a Graph owns its nodes in insertion order, each with
// the parameters of its type and its edges in the order they were added;
// user objects are reference-counted host resources that graphs and
// executable graphs keep alive. Every handle the API hands out is one of
// these objects, checked against the live sets of GraphObjects first.
//
// Threading: CUDA graphs are not thread-safe objects, but handles must be
// checked safely, so the API holds GraphObjects::mutex() for the whole of
// each graph call. User objects have a lock of their own, because their
// last reference may go from a stream's worker thread.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_GRAPHS_H
#define TONGXIN_RUNTIME_CORE_GRAPHS_H

#include "driver_types.h"
#include "tongxin/abi.h"
#include "vector_types.h"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tx {

class Graph;
class GraphNode;

//===--- Kernel arguments -------------------------------------------------===//

/// Copies of a kernel's argument values, each at its natural alignment in
/// one buffer (as runtime/api/Launch.cpp lays out a launch's arguments).
class KernelArguments {
public:
  KernelArguments() = default;
  KernelArguments(const KernelArguments &Other) { *this = Other; }
  KernelArguments &operator=(const KernelArguments &Other);
  KernelArguments(KernelArguments &&) = default;
  KernelArguments &operator=(KernelArguments &&) = default;

  /// Copies the values Args[i] points at, sized by K's parameter table.
  /// False if memory ran out.
  bool copyFrom(const TxKernelRecord &K, void *const *Args);
  /// Copies the values out of Buffer, packed as this class packs them
  /// (cudaKernelNodeParams::extra). False if Buffer is too small.
  bool copyPacked(const TxKernelRecord &K, const void *Buffer, size_t Size);

  /// One pointer per parameter, into this object's storage; null if the
  /// kernel takes none.
  void **pointers() const {
    return Pointers.empty() ? nullptr : const_cast<void **>(Pointers.data());
  }
  size_t count() const { return Pointers.size(); }
  size_t size(size_t I) const { return Sizes[I]; }
  /// The bytes the packed form of these arguments takes.
  size_t packedSize() const { return Bytes; }

private:
  struct FreeStorage {
    void operator()(char *P) const { std::free(P); }
  };
  /// Lays out K's parameters and allocates the storage.
  bool allocate(const TxKernelRecord &K);

  std::unique_ptr<char, FreeStorage> Storage;
  size_t Bytes = 0;
  std::vector<size_t> Sizes;
  std::vector<void *> Pointers;
};

//===--- Node parameters --------------------------------------------------===//

struct KernelNodeData {
  const void *Func = nullptr;
  dim3 Grid;
  dim3 Block;
  unsigned SharedBytes = 0;
  KernelArguments Args;
  int Device = 0; ///< The device current when the node was made.
  /// Launch attributes set on the node, by cudaLaunchAttributeID.
  std::map<int, cudaLaunchAttributeValue> Attributes;

  bool cooperative() const;
};

struct MemcpyNodeData {
  cudaMemcpy3DParms Given = {};    ///< As the program described it.
  cudaMemcpy3DParms Prepared = {}; ///< Arrays resolved to pitched memory.
  int Device = 0;
};

struct MemsetNodeData {
  cudaMemsetParams Params = {};
  int Device = 0;
};

struct HostNodeData {
  cudaHostFn_t Fn = nullptr;
  void *UserData = nullptr;
};

/// The parameters of a node of any type: Type says which members apply.
struct NodeParams {
  cudaGraphNodeType Type = cudaGraphNodeTypeEmpty;
  KernelNodeData Kernel;
  MemcpyNodeData Memcpy;
  MemsetNodeData Memset;
  HostNodeData Host;
  cudaEvent_t Event = nullptr;  ///< Event record and event wait nodes.
  std::unique_ptr<Graph> Child; ///< Child graph nodes: the embedded graph.

  NodeParams() = default;
  NodeParams(NodeParams &&) = default;
  NodeParams &operator=(NodeParams &&) = default;
  /// A deep copy: a child graph is cloned.
  NodeParams clone() const;
};

//===--- User objects -----------------------------------------------------===//

/// A host resource with a destructor, kept alive by references that the
/// program, graphs and executable graphs own (cudaUserObjectCreate).
class UserObject {
public:
  UserObject(void *Ptr, cudaHostFn_t Destroy) : Ptr(Ptr), Destroy(Destroy) {}
  void *const Ptr;
  const cudaHostFn_t Destroy;
};

/// Every live user object, with its reference count.
class UserObjects {
public:
  static UserObjects &get();

  UserObject *create(void *Ptr, cudaHostFn_t Destroy, unsigned Refs);
  /// False if O is not a live user object.
  bool retain(UserObject *O, unsigned Count);
  /// Drops Count references; the last one destroys the object, after
  /// which its destructor runs (outside the lock). False if O is dead.
  bool release(UserObject *O, unsigned Count);
  bool isLive(UserObject *O);

private:
  std::mutex Mutex;
  std::unordered_map<UserObject *, uint64_t> Refs;
};

/// References to user objects held together (by a graph or an executable
/// graph); released when the holder goes.
class UserObjectRefs {
public:
  UserObjectRefs() = default;
  UserObjectRefs(const UserObjectRefs &) = delete;
  UserObjectRefs &operator=(const UserObjectRefs &) = delete;
  ~UserObjectRefs();

  /// Takes over Count references the caller holds.
  void adopt(UserObject *O, unsigned Count) { Held[O] += Count; }
  /// Gives up Count references; false if fewer are held.
  bool drop(UserObject *O, unsigned Count);
  /// Takes new references to everything Other holds, once each or as many.
  void retainAll(const UserObjectRefs &Other, bool OncePerObject);
  /// Holds what Other holds (as many references) instead of what it held.
  void replaceWith(const UserObjectRefs &Other);
  bool empty() const { return Held.empty(); }

private:
  std::map<UserObject *, unsigned> Held;
};

//===--- Graphs -----------------------------------------------------------===//

class GraphNode {
public:
  GraphNode(Graph *Owner, NodeParams Params);

  Graph *const Owner;
  const uint64_t Id; ///< Unique in the process; never reused.
  NodeParams Params;
  std::vector<GraphNode *> Dependencies; ///< In the order they were added.
  std::vector<GraphNode *> Dependents;   ///< In the order they were added.

  cudaGraphNodeType type() const { return Params.Type; }
};

class Graph {
public:
  Graph();
  ~Graph();
  Graph(const Graph &) = delete;
  Graph &operator=(const Graph &) = delete;

  const uint64_t Id;
  std::vector<std::unique_ptr<GraphNode>> Nodes; ///< In insertion order.
  /// The child graph node that embeds this graph, if any.
  GraphNode *Parent = nullptr;
  /// The graph this one was cloned from, and its node ids -> our nodes.
  uint64_t OriginalId = 0;
  std::unordered_map<uint64_t, GraphNode *> CloneOf;
  UserObjectRefs UserObjectsHeld;
  /// Stream captures recording into this graph: it cannot be destroyed,
  /// nor lose nodes, meanwhile.
  int Captures = 0;

  /// Appends a node after Deps (nodes of this graph, no duplicates).
  GraphNode *add(NodeParams Params, const std::vector<GraphNode *> &Deps);
  /// Removes N and every edge to or from it.
  void remove(GraphNode *N);
  static bool hasEdge(const GraphNode *From, const GraphNode *To);
  static void addEdge(GraphNode *From, GraphNode *To);
  static void removeEdge(GraphNode *From, GraphNode *To);
  /// Whether To can be reached from From along edges (From itself too).
  static bool reaches(const GraphNode *From, const GraphNode *To);

  /// The nodes in an order where every node follows its dependencies
  /// (among ready nodes, insertion order); false if there is a cycle,
  /// when Out holds the nodes that could be ordered.
  bool topologicalOrder(std::vector<GraphNode *> *Out) const;
  /// A deep copy (children cloned too), with CloneOf filled in and the
  /// user object references duplicated.
  std::unique_ptr<Graph> clone() const;
  /// Whether this graph or a graph nested in it has a node of Type.
  bool containsType(cudaGraphNodeType Type) const;
};

/// The live graphs and nodes, for checking handles; see the file comment
/// for the lock.
class GraphObjects {
public:
  static GraphObjects &get();
  std::mutex &mutex() { return Mutex; }

  bool isLiveGraph(const Graph *G) const { return Graphs.count(G) != 0; }
  bool isLiveNode(const GraphNode *N) const { return Nodes.count(N) != 0; }

private:
  friend class Graph;
  std::mutex Mutex;
  std::unordered_set<const Graph *> Graphs;
  std::unordered_set<const GraphNode *> Nodes;
};

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_GRAPHS_H
