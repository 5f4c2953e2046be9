//===- tongxin/runtime_api_graph.h - Graphs and stream capture --*- C++ -*-===//
//
// Part of Tongxin. The graph entry points of the CUDA 12.9 Runtime API:
// stream capture, graph construction and nodes of every type, executable
// graphs, graph memory and user objects. <cuda_runtime_api.h> includes this
// inside its extern "C" block; included on its own, it includes
// <cuda_runtime_api.h>.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#include "cuda_runtime_api.h"
#elif !defined(TONGXIN_RUNTIME_API_GRAPH_H)
#define TONGXIN_RUNTIME_API_GRAPH_H

//===--- Stream capture ---------------------------------------------------===//

__host__ cudaError_t cudaStreamBeginCapture(cudaStream_t Stream,
                                            enum cudaStreamCaptureMode Mode);
__host__ cudaError_t cudaStreamBeginCaptureToGraph(
    cudaStream_t Stream, cudaGraph_t Graph, const cudaGraphNode_t *Dependencies,
    const cudaGraphEdgeData *DependencyData, size_t NumDependencies,
    enum cudaStreamCaptureMode Mode);
__host__ cudaError_t cudaStreamEndCapture(cudaStream_t Stream,
                                          cudaGraph_t *Graph);
__host__ cudaError_t cudaStreamIsCapturing(
    cudaStream_t Stream, enum cudaStreamCaptureStatus *CaptureStatus);
__host__ cudaError_t cudaStreamGetCaptureInfo(
    cudaStream_t Stream, enum cudaStreamCaptureStatus *CaptureStatusOut,
    unsigned long long *IdOut __TX_DEFAULT(0),
    cudaGraph_t *GraphOut __TX_DEFAULT(0),
    const cudaGraphNode_t **DependenciesOut __TX_DEFAULT(0),
    size_t *NumDependenciesOut __TX_DEFAULT(0));
__host__ cudaError_t cudaStreamGetCaptureInfo_v2(
    cudaStream_t Stream, enum cudaStreamCaptureStatus *CaptureStatusOut,
    unsigned long long *IdOut __TX_DEFAULT(0),
    cudaGraph_t *GraphOut __TX_DEFAULT(0),
    const cudaGraphNode_t **DependenciesOut __TX_DEFAULT(0),
    size_t *NumDependenciesOut __TX_DEFAULT(0));
__host__ cudaError_t cudaStreamGetCaptureInfo_v3(
    cudaStream_t Stream, enum cudaStreamCaptureStatus *CaptureStatusOut,
    unsigned long long *IdOut __TX_DEFAULT(0),
    cudaGraph_t *GraphOut __TX_DEFAULT(0),
    const cudaGraphNode_t **DependenciesOut __TX_DEFAULT(0),
    const cudaGraphEdgeData **EdgeDataOut __TX_DEFAULT(0),
    size_t *NumDependenciesOut __TX_DEFAULT(0));
__host__ cudaError_t cudaStreamUpdateCaptureDependencies(
    cudaStream_t Stream, cudaGraphNode_t *Dependencies, size_t NumDependencies,
    unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaStreamUpdateCaptureDependencies_v2(
    cudaStream_t Stream, cudaGraphNode_t *Dependencies,
    const cudaGraphEdgeData *DependencyData, size_t NumDependencies,
    unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t
cudaThreadExchangeStreamCaptureMode(enum cudaStreamCaptureMode *Mode);

//===--- Graphs -----------------------------------------------------------===//

__host__ cudaError_t cudaGraphCreate(cudaGraph_t *Graph, unsigned int Flags);
__host__ cudaError_t cudaGraphClone(cudaGraph_t *GraphClone,
                                    cudaGraph_t OriginalGraph);
__host__ cudaError_t cudaGraphDestroy(cudaGraph_t Graph);
__host__ cudaError_t cudaGraphGetNodes(cudaGraph_t Graph,
                                       cudaGraphNode_t *Nodes,
                                       size_t *NumNodes);
__host__ cudaError_t cudaGraphGetRootNodes(cudaGraph_t Graph,
                                           cudaGraphNode_t *RootNodes,
                                           size_t *NumRootNodes);
__host__ cudaError_t cudaGraphGetEdges(cudaGraph_t Graph, cudaGraphNode_t *From,
                                       cudaGraphNode_t *To, size_t *NumEdges);
__host__ cudaError_t cudaGraphGetEdges_v2(cudaGraph_t Graph,
                                          cudaGraphNode_t *From,
                                          cudaGraphNode_t *To,
                                          cudaGraphEdgeData *EdgeData,
                                          size_t *NumEdges);
__host__ cudaError_t cudaGraphAddDependencies(cudaGraph_t Graph,
                                              const cudaGraphNode_t *From,
                                              const cudaGraphNode_t *To,
                                              size_t NumDependencies);
__host__ cudaError_t cudaGraphAddDependencies_v2(
    cudaGraph_t Graph, const cudaGraphNode_t *From, const cudaGraphNode_t *To,
    const cudaGraphEdgeData *EdgeData, size_t NumDependencies);
__host__ cudaError_t cudaGraphRemoveDependencies(cudaGraph_t Graph,
                                                 const cudaGraphNode_t *From,
                                                 const cudaGraphNode_t *To,
                                                 size_t NumDependencies);
__host__ cudaError_t cudaGraphRemoveDependencies_v2(
    cudaGraph_t Graph, const cudaGraphNode_t *From, const cudaGraphNode_t *To,
    const cudaGraphEdgeData *EdgeData, size_t NumDependencies);
__host__ cudaError_t cudaGraphDebugDotPrint(cudaGraph_t Graph, const char *Path,
                                            unsigned int Flags);
__host__ cudaError_t cudaGraphConditionalHandleCreate(
    cudaGraphConditionalHandle *HandleOut, cudaGraph_t Graph,
    unsigned int DefaultLaunchValue __TX_DEFAULT(0),
    unsigned int Flags __TX_DEFAULT(0));

//===--- Graph nodes ------------------------------------------------------===//

__host__ cudaError_t cudaGraphAddNode(cudaGraphNode_t *GraphNode,
                                      cudaGraph_t Graph,
                                      const cudaGraphNode_t *Dependencies,
                                      size_t NumDependencies,
                                      struct cudaGraphNodeParams *NodeParams);
__host__ cudaError_t cudaGraphAddNode_v2(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies,
    const cudaGraphEdgeData *DependencyData, size_t NumDependencies,
    struct cudaGraphNodeParams *NodeParams);
__host__ cudaError_t cudaGraphNodeSetParams(
    cudaGraphNode_t Node, struct cudaGraphNodeParams *NodeParams);
__host__ cudaError_t cudaGraphNodeFindInClone(cudaGraphNode_t *Node,
                                              cudaGraphNode_t OriginalNode,
                                              cudaGraph_t ClonedGraph);
__host__ cudaError_t cudaGraphNodeGetType(cudaGraphNode_t Node,
                                          enum cudaGraphNodeType *Type);
__host__ cudaError_t cudaGraphNodeGetDependencies(cudaGraphNode_t Node,
                                                  cudaGraphNode_t *Dependencies,
                                                  size_t *NumDependencies);
__host__ cudaError_t cudaGraphNodeGetDependencies_v2(
    cudaGraphNode_t Node, cudaGraphNode_t *Dependencies,
    cudaGraphEdgeData *EdgeData, size_t *NumDependencies);
__host__ cudaError_t cudaGraphNodeGetDependentNodes(
    cudaGraphNode_t Node, cudaGraphNode_t *DependentNodes,
    size_t *NumDependentNodes);
__host__ cudaError_t cudaGraphNodeGetDependentNodes_v2(
    cudaGraphNode_t Node, cudaGraphNode_t *DependentNodes,
    cudaGraphEdgeData *EdgeData, size_t *NumDependentNodes);
__host__ cudaError_t cudaGraphDestroyNode(cudaGraphNode_t Node);

__host__ cudaError_t cudaGraphAddKernelNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const struct cudaKernelNodeParams *NodeParams);
__host__ cudaError_t cudaGraphKernelNodeGetParams(
    cudaGraphNode_t Node, struct cudaKernelNodeParams *NodeParams);
__host__ cudaError_t cudaGraphKernelNodeSetParams(
    cudaGraphNode_t Node, const struct cudaKernelNodeParams *NodeParams);
__host__ cudaError_t cudaGraphKernelNodeCopyAttributes(cudaGraphNode_t Src,
                                                       cudaGraphNode_t Dst);
__host__ cudaError_t
cudaGraphKernelNodeGetAttribute(cudaGraphNode_t Node, cudaKernelNodeAttrID Attr,
                                cudaKernelNodeAttrValue *ValueOut);
__host__ cudaError_t
cudaGraphKernelNodeSetAttribute(cudaGraphNode_t Node, cudaKernelNodeAttrID Attr,
                                const cudaKernelNodeAttrValue *Value);

__host__ cudaError_t cudaGraphAddMemcpyNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const struct cudaMemcpy3DParms *CopyParams);
__host__ cudaError_t cudaGraphAddMemcpyNodeToSymbol(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const void *Symbol, const void *Src, size_t Count, size_t Offset,
    enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaGraphAddMemcpyNodeFromSymbol(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies, void *Dst,
    const void *Symbol, size_t Count, size_t Offset, enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaGraphAddMemcpyNode1D(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies, void *Dst,
    const void *Src, size_t Count, enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaGraphMemcpyNodeGetParams(
    cudaGraphNode_t Node, struct cudaMemcpy3DParms *NodeParams);
__host__ cudaError_t cudaGraphMemcpyNodeSetParams(
    cudaGraphNode_t Node, const struct cudaMemcpy3DParms *NodeParams);
__host__ cudaError_t cudaGraphMemcpyNodeSetParamsToSymbol(
    cudaGraphNode_t Node, const void *Symbol, const void *Src, size_t Count,
    size_t Offset, enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaGraphMemcpyNodeSetParamsFromSymbol(
    cudaGraphNode_t Node, void *Dst, const void *Symbol, size_t Count,
    size_t Offset, enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaGraphMemcpyNodeSetParams1D(cudaGraphNode_t Node,
                                                    void *Dst, const void *Src,
                                                    size_t Count,
                                                    enum cudaMemcpyKind Kind);

__host__ cudaError_t cudaGraphAddMemsetNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const struct cudaMemsetParams *MemsetParams);
__host__ cudaError_t cudaGraphMemsetNodeGetParams(
    cudaGraphNode_t Node, struct cudaMemsetParams *NodeParams);
__host__ cudaError_t cudaGraphMemsetNodeSetParams(
    cudaGraphNode_t Node, const struct cudaMemsetParams *NodeParams);

__host__ cudaError_t cudaGraphAddHostNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const struct cudaHostNodeParams *NodeParams);
__host__ cudaError_t cudaGraphHostNodeGetParams(
    cudaGraphNode_t Node, struct cudaHostNodeParams *NodeParams);
__host__ cudaError_t cudaGraphHostNodeSetParams(
    cudaGraphNode_t Node, const struct cudaHostNodeParams *NodeParams);

__host__ cudaError_t
cudaGraphAddChildGraphNode(cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
                           const cudaGraphNode_t *Dependencies,
                           size_t NumDependencies, cudaGraph_t ChildGraph);
__host__ cudaError_t cudaGraphChildGraphNodeGetGraph(cudaGraphNode_t Node,
                                                     cudaGraph_t *Graph);
__host__ cudaError_t cudaGraphAddEmptyNode(cudaGraphNode_t *GraphNode,
                                           cudaGraph_t Graph,
                                           const cudaGraphNode_t *Dependencies,
                                           size_t NumDependencies);

__host__ cudaError_t
cudaGraphAddEventRecordNode(cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
                            const cudaGraphNode_t *Dependencies,
                            size_t NumDependencies, cudaEvent_t Event);
__host__ cudaError_t cudaGraphEventRecordNodeGetEvent(cudaGraphNode_t Node,
                                                      cudaEvent_t *EventOut);
__host__ cudaError_t cudaGraphEventRecordNodeSetEvent(cudaGraphNode_t Node,
                                                      cudaEvent_t Event);
__host__ cudaError_t
cudaGraphAddEventWaitNode(cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
                          const cudaGraphNode_t *Dependencies,
                          size_t NumDependencies, cudaEvent_t Event);
__host__ cudaError_t cudaGraphEventWaitNodeGetEvent(cudaGraphNode_t Node,
                                                    cudaEvent_t *EventOut);
__host__ cudaError_t cudaGraphEventWaitNodeSetEvent(cudaGraphNode_t Node,
                                                    cudaEvent_t Event);

__host__ cudaError_t cudaGraphAddExternalSemaphoresSignalNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const struct cudaExternalSemaphoreSignalNodeParams *NodeParams);
__host__ cudaError_t cudaGraphExternalSemaphoresSignalNodeGetParams(
    cudaGraphNode_t Node,
    struct cudaExternalSemaphoreSignalNodeParams *ParamsOut);
__host__ cudaError_t cudaGraphExternalSemaphoresSignalNodeSetParams(
    cudaGraphNode_t Node,
    const struct cudaExternalSemaphoreSignalNodeParams *NodeParams);
__host__ cudaError_t cudaGraphAddExternalSemaphoresWaitNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const struct cudaExternalSemaphoreWaitNodeParams *NodeParams);
__host__ cudaError_t cudaGraphExternalSemaphoresWaitNodeGetParams(
    cudaGraphNode_t Node,
    struct cudaExternalSemaphoreWaitNodeParams *ParamsOut);
__host__ cudaError_t cudaGraphExternalSemaphoresWaitNodeSetParams(
    cudaGraphNode_t Node,
    const struct cudaExternalSemaphoreWaitNodeParams *NodeParams);

//===--- Graph memory -----------------------------------------------------===//

__host__ cudaError_t cudaGraphAddMemAllocNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    struct cudaMemAllocNodeParams *NodeParams);
__host__ cudaError_t cudaGraphMemAllocNodeGetParams(
    cudaGraphNode_t Node, struct cudaMemAllocNodeParams *ParamsOut);
__host__ cudaError_t cudaGraphAddMemFreeNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies, void *DevPtr);
__host__ cudaError_t cudaGraphMemFreeNodeGetParams(cudaGraphNode_t Node,
                                                   void *DevPtrOut);
__host__ cudaError_t cudaDeviceGraphMemTrim(int Device);
__host__ cudaError_t cudaDeviceGetGraphMemAttribute(
    int Device, enum cudaGraphMemAttributeType Attr, void *Value);
__host__ cudaError_t cudaDeviceSetGraphMemAttribute(
    int Device, enum cudaGraphMemAttributeType Attr, void *Value);

//===--- Executable graphs ------------------------------------------------===//

__host__ cudaError_t
cudaGraphInstantiate(cudaGraphExec_t *GraphExec, cudaGraph_t Graph,
                     unsigned long long Flags __TX_DEFAULT(0));
__host__ cudaError_t
cudaGraphInstantiateWithFlags(cudaGraphExec_t *GraphExec, cudaGraph_t Graph,
                              unsigned long long Flags __TX_DEFAULT(0));
__host__ cudaError_t
cudaGraphInstantiateWithParams(cudaGraphExec_t *GraphExec, cudaGraph_t Graph,
                               cudaGraphInstantiateParams *InstantiateParams);
__host__ cudaError_t cudaGraphExecGetFlags(cudaGraphExec_t GraphExec,
                                           unsigned long long *Flags);
__host__ cudaError_t cudaGraphExecKernelNodeSetParams(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
    const struct cudaKernelNodeParams *NodeParams);
__host__ cudaError_t cudaGraphExecMemcpyNodeSetParams(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
    const struct cudaMemcpy3DParms *NodeParams);
__host__ cudaError_t cudaGraphExecMemcpyNodeSetParamsToSymbol(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, const void *Symbol,
    const void *Src, size_t Count, size_t Offset, enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaGraphExecMemcpyNodeSetParamsFromSymbol(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, void *Dst,
    const void *Symbol, size_t Count, size_t Offset, enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaGraphExecMemcpyNodeSetParams1D(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, void *Dst, const void *Src,
    size_t Count, enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaGraphExecMemsetNodeSetParams(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
    const struct cudaMemsetParams *NodeParams);
__host__ cudaError_t
cudaGraphExecHostNodeSetParams(cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
                               const struct cudaHostNodeParams *NodeParams);
__host__ cudaError_t cudaGraphExecChildGraphNodeSetParams(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, cudaGraph_t ChildGraph);
__host__ cudaError_t cudaGraphExecEventRecordNodeSetEvent(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, cudaEvent_t Event);
__host__ cudaError_t cudaGraphExecEventWaitNodeSetEvent(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, cudaEvent_t Event);
__host__ cudaError_t cudaGraphExecExternalSemaphoresSignalNodeSetParams(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
    const struct cudaExternalSemaphoreSignalNodeParams *NodeParams);
__host__ cudaError_t cudaGraphExecExternalSemaphoresWaitNodeSetParams(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
    const struct cudaExternalSemaphoreWaitNodeParams *NodeParams);
__host__ cudaError_t
cudaGraphExecNodeSetParams(cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
                           struct cudaGraphNodeParams *NodeParams);
__host__ cudaError_t cudaGraphNodeSetEnabled(cudaGraphExec_t GraphExec,
                                             cudaGraphNode_t Node,
                                             unsigned int IsEnabled);
__host__ cudaError_t cudaGraphNodeGetEnabled(cudaGraphExec_t GraphExec,
                                             cudaGraphNode_t Node,
                                             unsigned int *IsEnabled);
__host__ cudaError_t
cudaGraphExecUpdate(cudaGraphExec_t GraphExec, cudaGraph_t Graph,
                    cudaGraphExecUpdateResultInfo *ResultInfo);
__host__ cudaError_t cudaGraphUpload(cudaGraphExec_t GraphExec,
                                     cudaStream_t Stream);
__host__ cudaError_t cudaGraphLaunch(cudaGraphExec_t GraphExec,
                                     cudaStream_t Stream);
__host__ cudaError_t cudaGraphExecDestroy(cudaGraphExec_t GraphExec);

//===--- User objects -----------------------------------------------------===//

__host__ cudaError_t cudaUserObjectCreate(cudaUserObject_t *ObjectOut,
                                          void *Ptr, cudaHostFn_t Destroy,
                                          unsigned int InitialRefcount,
                                          unsigned int Flags);
__host__ cudaError_t cudaUserObjectRetain(cudaUserObject_t Object,
                                          unsigned int Count __TX_DEFAULT(1));
__host__ cudaError_t cudaUserObjectRelease(cudaUserObject_t Object,
                                           unsigned int Count __TX_DEFAULT(1));
__host__ cudaError_t cudaGraphRetainUserObject(
    cudaGraph_t Graph, cudaUserObject_t Object,
    unsigned int Count __TX_DEFAULT(1), unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t
cudaGraphReleaseUserObject(cudaGraph_t Graph, cudaUserObject_t Object,
                           unsigned int Count __TX_DEFAULT(1));

#endif // TONGXIN_CUDA_RUNTIME_API_H / TONGXIN_RUNTIME_API_GRAPH_H
