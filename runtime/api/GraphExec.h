//===- api/GraphExec.h - Executable graphs ----------------------*- C++ -*-===//
//
// Part of Tongxin. An executable graph is a plan: its nodes, ready to run,
// in one topological order with child graphs inlined, cut into segments.
// A run segment is a stretch of kernels, copies, fills and host functions
// that one stream work item performs in order; an event record or event
// wait node is a segment of its own, because it takes part in stream
// ordering. A launch submits one work item per segment, so re-launching
// costs about as much as a single kernel launch however many nodes there
// are.
//
// Launches hold the plan they were submitted with (shared): updating an
// executable graph copies its plan first if a launch still holds it, so
// that updates only affect later launches, as in CUDA.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_API_GRAPHEXEC_H
#define TONGXIN_RUNTIME_API_GRAPHEXEC_H

#include "api/Graphs.h"

namespace tx {
namespace api {

/// One node of a plan, ready to run.
struct ExecNode {
  cudaGraphNodeType Type = cudaGraphNodeTypeEmpty;
  bool Enabled = true;
  DeviceSlot *Slot = nullptr; ///< The device that runs it.
  // Kernel nodes: the launch, whose Args point into Args when it runs.
  hal::KernelLaunch Launch;
  KernelArguments Args;
  // Memcpy nodes (arrays resolved) and memset nodes.
  cudaMemcpy3DParms Copy = {};
  cudaMemsetParams Fill = {};
  /// A row of a memset of 2- or 4-byte elements whose bytes differ.
  std::vector<unsigned char> Pattern;
  // Host nodes, event nodes.
  HostNodeData Host;
  cudaEvent_t Event = nullptr;
};

struct ExecSegment {
  enum KindType { Run, Record, Wait } Kind;
  uint32_t Begin, End; ///< Plan nodes [Begin, End).
};

struct ExecPlan {
  std::vector<ExecNode> Nodes;
  std::vector<ExecSegment> Segments;
  /// The user objects of the graph (one reference each), kept until the
  /// executable graph and its last launch are gone.
  std::shared_ptr<UserObjectRefs> Objects;
};

struct GraphExec {
  std::shared_ptr<ExecPlan> Plan;
  /// A clone of the graph instantiated, kept in step with the updates:
  /// the topology updates are checked against, and what a captured launch
  /// embeds.
  std::unique_ptr<Graph> Source;
  /// Plan index of each node of Source (nested ones too).
  std::unordered_map<const GraphNode *, size_t> PlanIndex;
  /// Template node ids (of the graph instantiated, or of the last graph
  /// updated from) -> their counterparts in Source; top level only.
  std::unordered_map<uint64_t, GraphNode *> Alias;
  unsigned long long Flags = 0;
  /// The end of the last launch: the next one follows it.
  Fence LastLaunch;
};

/// The executable graph behind Handle, or null (graph lock held).
GraphExec *liveExec(cudaGraphExec_t Handle);
/// Makes the plan node for a node with parameters P.
cudaError_t makeExecNode(const NodeParams &P, ExecNode *Out);
/// X's plan, copied first if a launch still holds it.
ExecPlan &ownPlan(GraphExec &X);

/// Collects one reference to every user object of G and its children.
void retainUserObjects(const Graph &G, UserObjectRefs &Out);

} // namespace api
} // namespace tx

#endif // TONGXIN_RUNTIME_API_GRAPHEXEC_H
