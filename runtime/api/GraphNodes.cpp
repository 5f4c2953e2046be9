//===- api/GraphNodes.cpp - Graph node entry points -----------------------===//
//
// Part of Tongxin. Adding nodes of each type to a graph, reading and
// changing their parameters, cudaGraphAddNode and cudaGraphNodeSetParams,
// and kernel node attributes. The parameters are checked in
// api/GraphParams.cpp.
//
//===----------------------------------------------------------------------===//

#include "api/Graphs.h"

using namespace tx;
using namespace tx::api;

/// A cooperative kernel node must stay launchable as one.
static cudaError_t checkCooperative(const KernelNodeData &K) {
  if (!K.cooperative())
    return cudaSuccess;
  DeviceSlot *Slot = Context::get().slot(K.Device);
  FunctionInfo Info;
  if (!Slot)
    return cudaErrorInvalidValue;
  return checkKernelLaunch(Slot, K.Func, K.Grid, K.Block, K.SharedBytes, true,
                           &Info);
}

/// Replaces the parameters of the node behind Handle, of type Type, with
/// those Make builds; the whole of a cudaGraph*NodeSet* call.
template <class MakeFn>
static cudaError_t setNodeParams(cudaGraphNode_t Handle, cudaGraphNodeType Type,
                                 MakeFn Make) {
  auto Lock = lockGraphs();
  GraphNode *N = liveNodeOfType(Handle, Type);
  if (!N)
    return cudaErrorInvalidValue;
  NodeParams Params;
  if (cudaError_t Err = Make(&Params))
    return Err;
  if (Type == cudaGraphNodeTypeKernel) {
    Params.Kernel.Attributes = N->Params.Kernel.Attributes;
    if (cudaError_t Err = checkCooperative(Params.Kernel))
      return Err;
  }
  N->Params = std::move(Params);
  return cudaSuccess;
}

/// Reads the node behind Handle, of type Type, with Read; the whole of a
/// cudaGraph*NodeGet* call.
template <class ReadFn>
static cudaError_t getNodeParams(cudaGraphNode_t Handle, cudaGraphNodeType Type,
                                 const void *Out, ReadFn Read) {
  if (!Out)
    return cudaErrorInvalidValue;
  auto Lock = lockGraphs();
  GraphNode *N = liveNodeOfType(Handle, Type);
  if (!N)
    return cudaErrorInvalidValue;
  Read(N->Params);
  return cudaSuccess;
}

//===--- Kernel nodes -----------------------------------------------------===//

cudaError_t cudaGraphAddKernelNode(cudaGraphNode_t *GraphNode,
                                   cudaGraph_t Graph,
                                   const cudaGraphNode_t *Dependencies,
                                   size_t NumDependencies,
                                   const cudaKernelNodeParams *NodeParams) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [&](tx::NodeParams *P) {
                          if (!NodeParams)
                            return cudaErrorInvalidValue;
                          return kernelParams(*NodeParams, P);
                        }));
}

cudaError_t cudaGraphKernelNodeGetParams(cudaGraphNode_t Node,
                                         cudaKernelNodeParams *NodeParams) {
  return report(getNodeParams(
      Node, cudaGraphNodeTypeKernel, NodeParams, [&](const tx::NodeParams &P) {
        const KernelNodeData &K = P.Kernel;
        *NodeParams = {
            const_cast<void *>(K.Func), K.Grid, K.Block, K.SharedBytes,
            K.Args.pointers(),          nullptr};
      }));
}

cudaError_t
cudaGraphKernelNodeSetParams(cudaGraphNode_t Node,
                             const cudaKernelNodeParams *NodeParams) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeKernel, [&](tx::NodeParams *P) {
        if (!NodeParams)
          return cudaErrorInvalidValue;
        return kernelParams(*NodeParams, P);
      }));
}

/// The launch attributes that apply to kernel nodes.
static bool isKernelNodeAttribute(cudaLaunchAttributeID Attr) {
  switch (Attr) {
  case cudaLaunchAttributeAccessPolicyWindow:
  case cudaLaunchAttributeCooperative:
  case cudaLaunchAttributeClusterDimension:
  case cudaLaunchAttributeClusterSchedulingPolicyPreference:
  case cudaLaunchAttributePriority:
  case cudaLaunchAttributeMemSyncDomainMap:
  case cudaLaunchAttributeMemSyncDomain:
  case cudaLaunchAttributePreferredClusterDimension:
  case cudaLaunchAttributeDeviceUpdatableKernelNode:
  case cudaLaunchAttributePreferredSharedMemoryCarveout:
    return true;
  default:
    return false;
  }
}

static bool validAccessProperty(cudaAccessProperty P) {
  return P >= cudaAccessPropertyNormal && P <= cudaAccessPropertyPersisting;
}

/// Checks a kernel node attribute's value: the scheduling hints are kept
/// (they change nothing here); clusters of more than one block and
/// device-updatable nodes are not supported.
static cudaError_t checkAttribute(cudaLaunchAttributeID Attr,
                                  const cudaLaunchAttributeValue &V) {
  switch (Attr) {
  case cudaLaunchAttributeAccessPolicyWindow: {
    const cudaAccessPolicyWindow &W = V.accessPolicyWindow;
    if (W.hitRatio < 0.0f || W.hitRatio > 1.0f ||
        !validAccessProperty(W.hitProp) || !validAccessProperty(W.missProp))
      return cudaErrorInvalidValue;
    return cudaSuccess;
  }
  case cudaLaunchAttributeClusterDimension:
  case cudaLaunchAttributePreferredClusterDimension: {
    const auto &C = V.clusterDim;
    return C.x > 1 || C.y > 1 || C.z > 1 ? cudaErrorNotSupported : cudaSuccess;
  }
  case cudaLaunchAttributeDeviceUpdatableKernelNode:
    return V.deviceUpdatableKernelNode.deviceUpdatable ? cudaErrorNotSupported
                                                       : cudaSuccess;
  case cudaLaunchAttributeMemSyncDomain:
    return V.memSyncDomain == cudaLaunchMemSyncDomainDefault ||
                   V.memSyncDomain == cudaLaunchMemSyncDomainRemote
               ? cudaSuccess
               : cudaErrorInvalidValue;
  default:
    return cudaSuccess;
  }
}

// tx-api: partial: scheduling hints are kept and read back; clusters of more
// than one block and device-updatable nodes return cudaErrorNotSupported
cudaError_t
cudaGraphKernelNodeSetAttribute(cudaGraphNode_t Node, cudaKernelNodeAttrID Attr,
                                const cudaKernelNodeAttrValue *Value) {
  if (!Value || !isKernelNodeAttribute(Attr))
    return report(cudaErrorInvalidValue);
  if (cudaError_t Err = checkAttribute(Attr, *Value))
    return report(Err);
  auto Lock = lockGraphs();
  GraphNode *N = liveNodeOfType(Node, cudaGraphNodeTypeKernel);
  if (!N)
    return report(cudaErrorInvalidValue);
  KernelNodeData Updated = N->Params.Kernel;
  Updated.Attributes[Attr] = *Value;
  if (cudaError_t Err = checkCooperative(Updated))
    return report(Err);
  N->Params.Kernel.Attributes = std::move(Updated.Attributes);
  return cudaSuccess;
}

cudaError_t cudaGraphKernelNodeGetAttribute(cudaGraphNode_t Node,
                                            cudaKernelNodeAttrID Attr,
                                            cudaKernelNodeAttrValue *ValueOut) {
  if (!ValueOut || !isKernelNodeAttribute(Attr))
    return report(cudaErrorInvalidValue);
  return report(getNodeParams(
      Node, cudaGraphNodeTypeKernel, ValueOut, [&](const tx::NodeParams &P) {
        auto It = P.Kernel.Attributes.find(Attr);
        *ValueOut = It != P.Kernel.Attributes.end() ? It->second
                                                    : cudaKernelNodeAttrValue{};
      }));
}

cudaError_t cudaGraphKernelNodeCopyAttributes(cudaGraphNode_t Src,
                                              cudaGraphNode_t Dst) {
  auto Lock = lockGraphs();
  GraphNode *From = liveNodeOfType(Src, cudaGraphNodeTypeKernel);
  GraphNode *To = liveNodeOfType(Dst, cudaGraphNodeTypeKernel);
  if (!From || !To)
    return report(cudaErrorInvalidValue);
  KernelNodeData Updated = To->Params.Kernel;
  Updated.Attributes = From->Params.Kernel.Attributes;
  if (cudaError_t Err = checkCooperative(Updated))
    return report(Err);
  To->Params.Kernel.Attributes = std::move(Updated.Attributes);
  return cudaSuccess;
}

//===--- Memcpy nodes -----------------------------------------------------===//

cudaError_t cudaGraphAddMemcpyNode(cudaGraphNode_t *GraphNode,
                                   cudaGraph_t Graph,
                                   const cudaGraphNode_t *Dependencies,
                                   size_t NumDependencies,
                                   const cudaMemcpy3DParms *CopyParams) {
  return report(
      addNode(GraphNode, Graph, Dependencies, nullptr, NumDependencies,
              [&](tx::NodeParams *P) { return memcpyParams(CopyParams, P); }));
}

cudaError_t cudaGraphAddMemcpyNodeToSymbol(cudaGraphNode_t *GraphNode,
                                           cudaGraph_t Graph,
                                           const cudaGraphNode_t *Dependencies,
                                           size_t NumDependencies,
                                           const void *Symbol, const void *Src,
                                           size_t Count, size_t Offset,
                                           cudaMemcpyKind Kind) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [&](tx::NodeParams *P) {
                          return memcpyToSymbolParams(Symbol, Src, Count,
                                                      Offset, Kind, P);
                        }));
}

cudaError_t cudaGraphAddMemcpyNodeFromSymbol(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies, void *Dst,
    const void *Symbol, size_t Count, size_t Offset, cudaMemcpyKind Kind) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [&](tx::NodeParams *P) {
                          return memcpyFromSymbolParams(Dst, Symbol, Count,
                                                        Offset, Kind, P);
                        }));
}

cudaError_t cudaGraphAddMemcpyNode1D(cudaGraphNode_t *GraphNode,
                                     cudaGraph_t Graph,
                                     const cudaGraphNode_t *Dependencies,
                                     size_t NumDependencies, void *Dst,
                                     const void *Src, size_t Count,
                                     cudaMemcpyKind Kind) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [&](tx::NodeParams *P) {
                          return memcpy1DParams(Dst, Src, Count, Kind, P);
                        }));
}

cudaError_t cudaGraphMemcpyNodeGetParams(cudaGraphNode_t Node,
                                         cudaMemcpy3DParms *NodeParams) {
  return report(getNodeParams(
      Node, cudaGraphNodeTypeMemcpy, NodeParams,
      [&](const tx::NodeParams &P) { *NodeParams = P.Memcpy.Given; }));
}

cudaError_t cudaGraphMemcpyNodeSetParams(cudaGraphNode_t Node,
                                         const cudaMemcpy3DParms *NodeParams) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeMemcpy, [&](tx::NodeParams *P) {
        return memcpyParams(NodeParams, P);
      }));
}

cudaError_t cudaGraphMemcpyNodeSetParamsToSymbol(cudaGraphNode_t Node,
                                                 const void *Symbol,
                                                 const void *Src, size_t Count,
                                                 size_t Offset,
                                                 cudaMemcpyKind Kind) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeMemcpy, [&](tx::NodeParams *P) {
        return memcpyToSymbolParams(Symbol, Src, Count, Offset, Kind, P);
      }));
}

cudaError_t cudaGraphMemcpyNodeSetParamsFromSymbol(cudaGraphNode_t Node,
                                                   void *Dst,
                                                   const void *Symbol,
                                                   size_t Count, size_t Offset,
                                                   cudaMemcpyKind Kind) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeMemcpy, [&](tx::NodeParams *P) {
        return memcpyFromSymbolParams(Dst, Symbol, Count, Offset, Kind, P);
      }));
}

cudaError_t cudaGraphMemcpyNodeSetParams1D(cudaGraphNode_t Node, void *Dst,
                                           const void *Src, size_t Count,
                                           cudaMemcpyKind Kind) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeMemcpy, [&](tx::NodeParams *P) {
        return memcpy1DParams(Dst, Src, Count, Kind, P);
      }));
}

//===--- Memset and host nodes --------------------------------------------===//

cudaError_t cudaGraphAddMemsetNode(cudaGraphNode_t *GraphNode,
                                   cudaGraph_t Graph,
                                   const cudaGraphNode_t *Dependencies,
                                   size_t NumDependencies,
                                   const cudaMemsetParams *MemsetParams) {
  return report(addNode(
      GraphNode, Graph, Dependencies, nullptr, NumDependencies,
      [&](tx::NodeParams *P) { return memsetParams(MemsetParams, P); }));
}

cudaError_t cudaGraphMemsetNodeGetParams(cudaGraphNode_t Node,
                                         cudaMemsetParams *NodeParams) {
  return report(getNodeParams(
      Node, cudaGraphNodeTypeMemset, NodeParams,
      [&](const tx::NodeParams &P) { *NodeParams = P.Memset.Params; }));
}

cudaError_t cudaGraphMemsetNodeSetParams(cudaGraphNode_t Node,
                                         const cudaMemsetParams *NodeParams) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeMemset, [&](tx::NodeParams *P) {
        return memsetParams(NodeParams, P);
      }));
}

cudaError_t cudaGraphAddHostNode(cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
                                 const cudaGraphNode_t *Dependencies,
                                 size_t NumDependencies,
                                 const cudaHostNodeParams *NodeParams) {
  return report(
      addNode(GraphNode, Graph, Dependencies, nullptr, NumDependencies,
              [&](tx::NodeParams *P) { return hostParams(NodeParams, P); }));
}

cudaError_t cudaGraphHostNodeGetParams(cudaGraphNode_t Node,
                                       cudaHostNodeParams *NodeParams) {
  return report(getNodeParams(Node, cudaGraphNodeTypeHost, NodeParams,
                              [&](const tx::NodeParams &P) {
                                *NodeParams = {P.Host.Fn, P.Host.UserData};
                              }));
}

cudaError_t cudaGraphHostNodeSetParams(cudaGraphNode_t Node,
                                       const cudaHostNodeParams *NodeParams) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeHost, [&](tx::NodeParams *P) {
        return hostParams(NodeParams, P);
      }));
}

//===--- Child graph and empty nodes --------------------------------------===//

cudaError_t cudaGraphAddChildGraphNode(cudaGraphNode_t *GraphNode,
                                       cudaGraph_t Graph,
                                       const cudaGraphNode_t *Dependencies,
                                       size_t NumDependencies,
                                       cudaGraph_t ChildGraph) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [&](tx::NodeParams *P) {
                          return childParams(liveGraph(ChildGraph), P);
                        }));
}

cudaError_t cudaGraphChildGraphNodeGetGraph(cudaGraphNode_t Node,
                                            cudaGraph_t *Graph) {
  return report(getNodeParams(
      Node, cudaGraphNodeTypeGraph, Graph,
      [&](const tx::NodeParams &P) { *Graph = handleOf(P.Child.get()); }));
}

cudaError_t cudaGraphAddEmptyNode(cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
                                  const cudaGraphNode_t *Dependencies,
                                  size_t NumDependencies) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [](tx::NodeParams *P) {
                          P->Type = cudaGraphNodeTypeEmpty;
                          return cudaSuccess;
                        }));
}

//===--- Event nodes ------------------------------------------------------===//

cudaError_t cudaGraphAddEventRecordNode(cudaGraphNode_t *GraphNode,
                                        cudaGraph_t Graph,
                                        const cudaGraphNode_t *Dependencies,
                                        size_t NumDependencies,
                                        cudaEvent_t Event) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [&](tx::NodeParams *P) {
                          return eventParams(cudaGraphNodeTypeEventRecord,
                                             Event, P);
                        }));
}

cudaError_t cudaGraphEventRecordNodeGetEvent(cudaGraphNode_t Node,
                                             cudaEvent_t *EventOut) {
  return report(
      getNodeParams(Node, cudaGraphNodeTypeEventRecord, EventOut,
                    [&](const tx::NodeParams &P) { *EventOut = P.Event; }));
}

cudaError_t cudaGraphEventRecordNodeSetEvent(cudaGraphNode_t Node,
                                             cudaEvent_t Event) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeEventRecord, [&](tx::NodeParams *P) {
        return eventParams(cudaGraphNodeTypeEventRecord, Event, P);
      }));
}

cudaError_t cudaGraphAddEventWaitNode(cudaGraphNode_t *GraphNode,
                                      cudaGraph_t Graph,
                                      const cudaGraphNode_t *Dependencies,
                                      size_t NumDependencies,
                                      cudaEvent_t Event) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [&](tx::NodeParams *P) {
                          return eventParams(cudaGraphNodeTypeWaitEvent, Event,
                                             P);
                        }));
}

cudaError_t cudaGraphEventWaitNodeGetEvent(cudaGraphNode_t Node,
                                           cudaEvent_t *EventOut) {
  return report(
      getNodeParams(Node, cudaGraphNodeTypeWaitEvent, EventOut,
                    [&](const tx::NodeParams &P) { *EventOut = P.Event; }));
}

cudaError_t cudaGraphEventWaitNodeSetEvent(cudaGraphNode_t Node,
                                           cudaEvent_t Event) {
  return report(
      setNodeParams(Node, cudaGraphNodeTypeWaitEvent, [&](tx::NodeParams *P) {
        return eventParams(cudaGraphNodeTypeWaitEvent, Event, P);
      }));
}

//===--- Nodes of any type ------------------------------------------------===//

// tx-api: partial: memory, external semaphore and conditional nodes return
// cudaErrorNotSupported
cudaError_t cudaGraphAddNode(cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
                             const cudaGraphNode_t *Dependencies,
                             size_t NumDependencies,
                             cudaGraphNodeParams *NodeParams) {
  return report(addNode(GraphNode, Graph, Dependencies, nullptr,
                        NumDependencies, [&](tx::NodeParams *P) {
                          return genericParams(NodeParams, liveGraph(Graph), P);
                        }));
}

// tx-api: partial: memory, external semaphore and conditional nodes return
// cudaErrorNotSupported
cudaError_t cudaGraphAddNode_v2(cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
                                const cudaGraphNode_t *Dependencies,
                                const cudaGraphEdgeData *DependencyData,
                                size_t NumDependencies,
                                cudaGraphNodeParams *NodeParams) {
  return report(addNode(GraphNode, Graph, Dependencies, DependencyData,
                        NumDependencies, [&](tx::NodeParams *P) {
                          return genericParams(NodeParams, liveGraph(Graph), P);
                        }));
}

cudaError_t cudaGraphNodeSetParams(cudaGraphNode_t Node,
                                   cudaGraphNodeParams *NodeParams) {
  if (!NodeParams)
    return report(cudaErrorInvalidValue);
  {
    auto Lock = lockGraphs();
    GraphNode *N = liveNode(Node);
    if (!N || N->type() != NodeParams->type)
      return report(cudaErrorInvalidValue);
  }
  return report(setNodeParams(Node, NodeParams->type, [&](tx::NodeParams *P) {
    return genericParams(NodeParams, nullptr, P);
  }));
}
