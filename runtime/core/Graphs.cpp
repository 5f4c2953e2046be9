//===- core/Graphs.cpp - CUDA graphs, their nodes and user objects --------===//
//
// Part of Tongxin. See Graphs.h.
//
//===----------------------------------------------------------------------===//

#include "core/Graphs.h"

#include <algorithm>
#include <atomic>
#include <cstring>

namespace tx {

static uint64_t nextObjectId() {
  static std::atomic<uint64_t> Next{1};
  return Next.fetch_add(1, std::memory_order_relaxed);
}

//===--- KernelArguments --------------------------------------------------===//

/// A parameter's alignment as the launch path uses it: a power of two of
/// at most 64.
static size_t parameterAlignment(const TxKernelRecord &K, uint32_t I) {
  size_t Align = K.ParamAligns && K.ParamAligns[I] ? K.ParamAligns[I] : 1;
  if (Align > 64 || (Align & (Align - 1)))
    Align = 64;
  return Align;
}

bool KernelArguments::allocate(const TxKernelRecord &K) {
  std::vector<size_t> Offsets(K.NumParams);
  Sizes.assign(K.NumParams, 0);
  size_t Offset = 0;
  for (uint32_t I = 0; I < K.NumParams; ++I) {
    size_t Align = parameterAlignment(K, I);
    Offset = (Offset + Align - 1) & ~(Align - 1);
    Offsets[I] = Offset;
    Sizes[I] = K.ParamSizes ? K.ParamSizes[I] : 0;
    Offset += Sizes[I];
  }
  Bytes = Offset;
  Storage.reset(static_cast<char *>(
      std::aligned_alloc(64, ((Offset ? Offset : 1) + 63) & ~size_t(63))));
  if (!Storage)
    return false;
  Pointers.resize(K.NumParams);
  for (uint32_t I = 0; I < K.NumParams; ++I)
    Pointers[I] = Storage.get() + Offsets[I];
  return true;
}

bool KernelArguments::copyFrom(const TxKernelRecord &K, void *const *Args) {
  if (!allocate(K))
    return false;
  for (size_t I = 0; I < Pointers.size(); ++I)
    if (Sizes[I])
      std::memcpy(Pointers[I], Args[I], Sizes[I]);
  return true;
}

bool KernelArguments::copyPacked(const TxKernelRecord &K, const void *Buffer,
                                 size_t Size) {
  if (!allocate(K))
    return false;
  if (Size < Bytes)
    return false;
  if (Bytes)
    std::memcpy(Storage.get(), Buffer, Bytes);
  return true;
}

KernelArguments &KernelArguments::operator=(const KernelArguments &Other) {
  if (&Other == this)
    return *this;
  Sizes = Other.Sizes;
  Bytes = Other.Bytes;
  Pointers.clear();
  Storage.reset();
  if (!Other.Storage)
    return *this;
  Storage.reset(static_cast<char *>(
      std::aligned_alloc(64, ((Bytes ? Bytes : 1) + 63) & ~size_t(63))));
  if (!Storage) {
    Sizes.clear(); // Out of memory: no arguments rather than dangling ones.
    return *this;
  }
  std::memcpy(Storage.get(), Other.Storage.get(), Bytes);
  for (void *P : Other.Pointers)
    Pointers.push_back(Storage.get() +
                       (static_cast<char *>(P) - Other.Storage.get()));
  return *this;
}

//===--- Node parameters --------------------------------------------------===//

bool KernelNodeData::cooperative() const {
  auto It = Attributes.find(cudaLaunchAttributeCooperative);
  return It != Attributes.end() && It->second.cooperative != 0;
}

NodeParams NodeParams::clone() const {
  NodeParams Copy;
  Copy.Type = Type;
  Copy.Kernel = Kernel;
  Copy.Memcpy = Memcpy;
  Copy.Memset = Memset;
  Copy.Host = Host;
  Copy.Event = Event;
  if (Child)
    Copy.Child = Child->clone();
  return Copy;
}

//===--- User objects -----------------------------------------------------===//

UserObjects &UserObjects::get() {
  // Never destroyed: executable graphs may release references at exit.
  static UserObjects *Instance = new UserObjects();
  return *Instance;
}

UserObject *UserObjects::create(void *Ptr, cudaHostFn_t Destroy,
                                unsigned Count) {
  auto *O = new UserObject(Ptr, Destroy);
  std::lock_guard<std::mutex> Lock(Mutex);
  Refs[O] = Count;
  return O;
}

bool UserObjects::retain(UserObject *O, unsigned Count) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Refs.find(O);
  if (It == Refs.end())
    return false;
  It->second += Count;
  return true;
}

bool UserObjects::release(UserObject *O, unsigned Count) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Refs.find(O);
    if (It == Refs.end())
      return false;
    if (It->second > Count) {
      It->second -= Count;
      return true;
    }
    Refs.erase(It);
  }
  // The destructor is the program's code: run it without our lock.
  O->Destroy(O->Ptr);
  delete O;
  return true;
}

bool UserObjects::isLive(UserObject *O) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Refs.count(O) != 0;
}

UserObjectRefs::~UserObjectRefs() {
  for (auto &[O, Count] : Held)
    UserObjects::get().release(O, Count);
}

bool UserObjectRefs::drop(UserObject *O, unsigned Count) {
  auto It = Held.find(O);
  if (It == Held.end() || It->second < Count)
    return false;
  if (!(It->second -= Count))
    Held.erase(It);
  UserObjects::get().release(O, Count);
  return true;
}

void UserObjectRefs::retainAll(const UserObjectRefs &Other,
                               bool OncePerObject) {
  for (auto &[O, Count] : Other.Held) {
    unsigned N = OncePerObject ? 1 : Count;
    if (OncePerObject && Held.count(O))
      continue;
    if (UserObjects::get().retain(O, N))
      Held[O] += N;
  }
}

void UserObjectRefs::replaceWith(const UserObjectRefs &Other) {
  // The new references first: an object held before and after stays alive.
  std::map<UserObject *, unsigned> Old = std::move(Held);
  Held.clear();
  retainAll(Other, /*OncePerObject=*/false);
  for (auto &[O, Count] : Old)
    UserObjects::get().release(O, Count);
}

//===--- Graphs -----------------------------------------------------------===//

GraphObjects &GraphObjects::get() {
  static GraphObjects *Instance = new GraphObjects();
  return *Instance;
}

GraphNode::GraphNode(Graph *Owner, NodeParams P)
    : Owner(Owner), Id(nextObjectId()), Params(std::move(P)) {
  if (Params.Child)
    Params.Child->Parent = this;
}

Graph::Graph() : Id(nextObjectId()) { GraphObjects::get().Graphs.insert(this); }

Graph::~Graph() {
  GraphObjects &Objects = GraphObjects::get();
  for (auto &N : Nodes)
    Objects.Nodes.erase(N.get());
  Objects.Graphs.erase(this);
}

GraphNode *Graph::add(NodeParams Params, const std::vector<GraphNode *> &Deps) {
  Nodes.push_back(std::make_unique<GraphNode>(this, std::move(Params)));
  GraphNode *N = Nodes.back().get();
  GraphObjects::get().Nodes.insert(N);
  for (GraphNode *D : Deps)
    addEdge(D, N);
  return N;
}

void Graph::remove(GraphNode *N) {
  for (GraphNode *D : std::vector<GraphNode *>(N->Dependencies))
    removeEdge(D, N);
  for (GraphNode *D : std::vector<GraphNode *>(N->Dependents))
    removeEdge(N, D);
  for (auto It = CloneOf.begin(); It != CloneOf.end(); ++It) {
    if (It->second == N) {
      CloneOf.erase(It);
      break;
    }
  }
  GraphObjects::get().Nodes.erase(N);
  auto It = std::find_if(Nodes.begin(), Nodes.end(),
                         [N](const auto &P) { return P.get() == N; });
  if (It != Nodes.end())
    Nodes.erase(It);
}

bool Graph::hasEdge(const GraphNode *From, const GraphNode *To) {
  return std::find(To->Dependencies.begin(), To->Dependencies.end(), From) !=
         To->Dependencies.end();
}

void Graph::addEdge(GraphNode *From, GraphNode *To) {
  To->Dependencies.push_back(From);
  From->Dependents.push_back(To);
}

void Graph::removeEdge(GraphNode *From, GraphNode *To) {
  auto &In = To->Dependencies;
  In.erase(std::find(In.begin(), In.end(), From));
  auto &Out = From->Dependents;
  Out.erase(std::find(Out.begin(), Out.end(), To));
}

bool Graph::reaches(const GraphNode *From, const GraphNode *To) {
  std::vector<const GraphNode *> Work{From};
  std::unordered_set<const GraphNode *> Seen{From};
  while (!Work.empty()) {
    const GraphNode *N = Work.back();
    Work.pop_back();
    if (N == To)
      return true;
    for (const GraphNode *D : N->Dependents)
      if (Seen.insert(D).second)
        Work.push_back(D);
  }
  return false;
}

bool Graph::topologicalOrder(std::vector<GraphNode *> *Out) const {
  std::unordered_map<const GraphNode *, size_t> Waiting;
  std::vector<GraphNode *> Order;
  Order.reserve(Nodes.size());
  for (auto &N : Nodes) {
    Waiting[N.get()] = N->Dependencies.size();
    if (N->Dependencies.empty())
      Order.push_back(N.get());
  }
  // Order doubles as the queue: nodes become ready in a stable order.
  for (size_t Next = 0; Next < Order.size(); ++Next)
    for (GraphNode *D : Order[Next]->Dependents)
      if (--Waiting[D] == 0)
        Order.push_back(D);
  bool Complete = Order.size() == Nodes.size();
  *Out = std::move(Order);
  return Complete;
}

std::unique_ptr<Graph> Graph::clone() const {
  auto Copy = std::make_unique<Graph>();
  Copy->OriginalId = Id;
  // Nodes first: an edge may point at a node added later.
  for (auto &N : Nodes)
    Copy->CloneOf[N->Id] = Copy->add(N->Params.clone(), {});
  for (auto &N : Nodes)
    for (GraphNode *D : N->Dependencies)
      addEdge(Copy->CloneOf[D->Id], Copy->CloneOf[N->Id]);
  Copy->UserObjectsHeld.retainAll(UserObjectsHeld, /*OncePerObject=*/false);
  return Copy;
}

bool Graph::containsType(cudaGraphNodeType Type) const {
  for (auto &N : Nodes) {
    if (N->type() == Type)
      return true;
    if (N->Params.Child && N->Params.Child->containsType(Type))
      return true;
  }
  return false;
}

} // namespace tx
