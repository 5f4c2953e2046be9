//===- api/GraphDot.cpp - cudaGraphDebugDotPrint --------------------------===//
//
// Part of Tongxin. Writes a graph as a Graphviz DOT file: one cluster per
// graph (child graphs nested, joined to their node by dashed edges), each
// node labelled with its index, type and, as the flags ask, its
// parameters and handle.
//
//===----------------------------------------------------------------------===//

#include "api/Graphs.h"

#include <cstdio>
#include <memory>

using namespace tx;
using namespace tx::api;

static const char *typeName(cudaGraphNodeType Type) {
  switch (Type) {
  case cudaGraphNodeTypeKernel:
    return "KERNEL";
  case cudaGraphNodeTypeMemcpy:
    return "MEMCPY";
  case cudaGraphNodeTypeMemset:
    return "MEMSET";
  case cudaGraphNodeTypeHost:
    return "HOST";
  case cudaGraphNodeTypeGraph:
    return "CHILD_GRAPH";
  case cudaGraphNodeTypeEmpty:
    return "EMPTY";
  case cudaGraphNodeTypeWaitEvent:
    return "WAIT_EVENT";
  case cudaGraphNodeTypeEventRecord:
    return "EVENT_RECORD";
  default:
    return "UNKNOWN";
  }
}

static const char *kindName(cudaMemcpyKind Kind) {
  switch (Kind) {
  case cudaMemcpyHostToHost:
    return "HtoH";
  case cudaMemcpyHostToDevice:
    return "HtoD";
  case cudaMemcpyDeviceToHost:
    return "DtoH";
  case cudaMemcpyDeviceToDevice:
    return "DtoD";
  default:
    return "Default";
  }
}

namespace {
struct FileCloser {
  void operator()(std::FILE *F) const { std::fclose(F); }
};

class DotWriter {
public:
  DotWriter(std::FILE *Out, unsigned Flags) : Out(Out), Flags(Flags) {}
  void graph(const Graph &G);

private:
  bool wants(unsigned Flag) const { return (Flags & Flag) != 0; }
  void node(const Graph &G, size_t Index, const GraphNode &N);
  void details(const GraphNode &N);

  std::FILE *Out;
  unsigned Flags;
};
} // namespace

void DotWriter::details(const GraphNode &N) {
  const NodeParams &P = N.Params;
  bool Verbose = wants(cudaGraphDebugDotFlagsVerbose);
  switch (P.Type) {
  case cudaGraphNodeTypeKernel: {
    const char *Name = Registry::get().functionName(P.Kernel.Func);
    std::fprintf(Out, "\\n%s", Name ? Name : "?");
    if (Verbose || wants(cudaGraphDebugDotFlagsKernelNodeParams))
      std::fprintf(Out, "\\ngrid (%u,%u,%u) block (%u,%u,%u)\\nshared %u",
                   P.Kernel.Grid.x, P.Kernel.Grid.y, P.Kernel.Grid.z,
                   P.Kernel.Block.x, P.Kernel.Block.y, P.Kernel.Block.z,
                   P.Kernel.SharedBytes);
    if (Verbose || wants(cudaGraphDebugDotFlagsKernelNodeAttributes))
      std::fprintf(Out, "\\ncooperative %d", P.Kernel.cooperative() ? 1 : 0);
    break;
  }
  case cudaGraphNodeTypeMemcpy: {
    const cudaMemcpy3DParms &C = P.Memcpy.Given;
    std::fprintf(Out, "\\n%s", kindName(C.kind));
    if (Verbose || wants(cudaGraphDebugDotFlagsMemcpyNodeParams))
      std::fprintf(Out, "\\nsrc %p dst %p\\nextent (%zu,%zu,%zu)",
                   C.srcArray ? (void *)C.srcArray : C.srcPtr.ptr,
                   C.dstArray ? (void *)C.dstArray : C.dstPtr.ptr,
                   C.extent.width, C.extent.height, C.extent.depth);
    break;
  }
  case cudaGraphNodeTypeMemset:
    if (Verbose || wants(cudaGraphDebugDotFlagsMemsetNodeParams)) {
      const cudaMemsetParams &M = P.Memset.Params;
      std::fprintf(Out,
                   "\\ndst %p value %u\\nelement %u width %zu height %zu "
                   "pitch %zu",
                   M.dst, M.value, M.elementSize, M.width, M.height, M.pitch);
    }
    break;
  case cudaGraphNodeTypeHost:
    if (Verbose || wants(cudaGraphDebugDotFlagsHostNodeParams))
      std::fprintf(Out, "\\nfn %p data %p", reinterpret_cast<void *>(P.Host.Fn),
                   P.Host.UserData);
    break;
  case cudaGraphNodeTypeEventRecord:
  case cudaGraphNodeTypeWaitEvent:
    if (Verbose || wants(cudaGraphDebugDotFlagsEventNodeParams))
      std::fprintf(Out, "\\nevent %p", static_cast<void *>(P.Event));
    break;
  default:
    break;
  }
  if (wants(cudaGraphDebugDotFlagsHandles))
    std::fprintf(Out, "\\nnode %p", static_cast<const void *>(&N));
}

void DotWriter::node(const Graph &G, size_t Index, const GraphNode &N) {
  std::fprintf(Out,
               "\"graph_%llu_node_%zu\" [shape=\"rectangle\" label=\"%zu\\n%s",
               (unsigned long long)G.Id, Index, Index, typeName(N.type()));
  details(N);
  std::fprintf(Out, "\"];\n");
}

void DotWriter::graph(const Graph &G) {
  std::fprintf(Out, "subgraph cluster_%llu {\nlabel=\"graph_%llu\";\n",
               (unsigned long long)G.Id, (unsigned long long)G.Id);
  std::unordered_map<const GraphNode *, size_t> Index;
  for (size_t I = 0; I < G.Nodes.size(); ++I) {
    Index[G.Nodes[I].get()] = I;
    node(G, I, *G.Nodes[I]);
  }
  for (size_t I = 0; I < G.Nodes.size(); ++I)
    for (const GraphNode *D : G.Nodes[I]->Dependencies)
      std::fprintf(Out, "\"graph_%llu_node_%zu\" -> \"graph_%llu_node_%zu\";\n",
                   (unsigned long long)G.Id, Index.at(D),
                   (unsigned long long)G.Id, I);
  std::fprintf(Out, "}\n");
  for (size_t I = 0; I < G.Nodes.size(); ++I) {
    const Graph *Child = G.Nodes[I]->Params.Child.get();
    if (!Child)
      continue;
    graph(*Child);
    for (size_t J = 0; J < Child->Nodes.size(); ++J)
      if (Child->Nodes[J]->Dependencies.empty())
        std::fprintf(Out,
                     "\"graph_%llu_node_%zu\" -> \"graph_%llu_node_%zu\" "
                     "[style=\"dashed\"];\n",
                     (unsigned long long)G.Id, I, (unsigned long long)Child->Id,
                     J);
  }
}

cudaError_t cudaGraphDebugDotPrint(cudaGraph_t Graph, const char *Path,
                                   unsigned int Flags) {
  if (!Path)
    return report(cudaErrorInvalidValue);
  auto Lock = lockGraphs();
  tx::Graph *G = liveGraph(Graph);
  if (!G)
    return report(cudaErrorInvalidValue);
  std::unique_ptr<std::FILE, FileCloser> Out(std::fopen(Path, "w"));
  if (!Out)
    return report(cudaErrorOperatingSystem);
  std::fprintf(Out.get(), "digraph dot {\ncompound=true;\n");
  DotWriter(Out.get(), Flags).graph(*G);
  std::fprintf(Out.get(), "}\n");
  if (std::fflush(Out.get()) != 0)
    return report(cudaErrorOperatingSystem);
  return cudaSuccess;
}
