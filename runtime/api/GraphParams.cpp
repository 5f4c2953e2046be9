//===- api/GraphParams.cpp - Checking graph node parameters ---------------===//
//
// Part of Tongxin. Turns the CUDA descriptions of nodes into NodeParams,
// checked as cudaGraphAdd*Node checks them, for every path that makes or
// changes a node: the Add and SetParams entry points, cudaGraphAddNode,
// executable-graph updates and stream capture.
//
//===----------------------------------------------------------------------===//

#include "api/Graphs.h"

#include <algorithm>
#include <cstring>

using namespace tx;
using namespace tx::api;

//===--- Handles and dependencies -----------------------------------------===//

DeviceSlot *api::eventOwner(cudaEvent_t Handle) {
  auto *E = reinterpret_cast<Event *>(Handle);
  if (!E)
    return nullptr;
  Context &Ctx = Context::get();
  for (int Ordinal = 0; Ordinal < Ctx.deviceCount(); ++Ordinal)
    if (Ctx.slot(Ordinal)->Streams->isLiveEvent(E))
      return Ctx.slot(Ordinal);
  return nullptr;
}

cudaError_t api::checkEdgeData(const cudaGraphEdgeData *Edges, size_t Count) {
  if (!Edges)
    return cudaSuccess;
  for (size_t I = 0; I < Count; ++I) {
    const cudaGraphEdgeData &E = Edges[I];
    for (unsigned char R : E.reserved)
      if (R)
        return cudaErrorInvalidValue;
    if (E.from_port || E.to_port || E.type != cudaGraphDependencyTypeDefault)
      return cudaErrorNotSupported;
  }
  return cudaSuccess;
}

cudaError_t api::collectDependencies(Graph *G, const cudaGraphNode_t *Deps,
                                     const cudaGraphEdgeData *Edges,
                                     size_t Count,
                                     std::vector<GraphNode *> *Out) {
  if (Count && !Deps)
    return cudaErrorInvalidValue;
  if (cudaError_t Err = checkEdgeData(Edges, Count))
    return Err;
  Out->clear();
  for (size_t I = 0; I < Count; ++I) {
    GraphNode *N = liveNode(Deps[I]);
    if (!N || N->Owner != G)
      return cudaErrorInvalidValue;
    if (std::find(Out->begin(), Out->end(), N) != Out->end())
      return cudaErrorInvalidValue; // Duplicates are not allowed.
    Out->push_back(N);
  }
  return cudaSuccess;
}

GraphNode *api::liveNodeOfType(cudaGraphNode_t Handle, cudaGraphNodeType Type) {
  GraphNode *N = liveNode(Handle);
  return N && N->type() == Type ? N : nullptr;
}

//===--- Kernels ----------------------------------------------------------===//

// The keys of a cudaKernelNodeParams::extra list (CUDA's driver values).
static void *const LaunchParamEnd = reinterpret_cast<void *>(0x00);
static void *const LaunchParamBufferPointer = reinterpret_cast<void *>(0x01);
static void *const LaunchParamBufferSize = reinterpret_cast<void *>(0x02);

/// Copies the arguments of a kernel node given as a packed buffer.
static cudaError_t copyExtra(const TxKernelRecord &K, void **Extra,
                             KernelArguments *Out) {
  const void *Buffer = nullptr;
  const size_t *Size = nullptr;
  for (size_t I = 0; Extra[I] != LaunchParamEnd; I += 2) {
    if (Extra[I] == LaunchParamBufferPointer)
      Buffer = Extra[I + 1];
    else if (Extra[I] == LaunchParamBufferSize)
      Size = static_cast<const size_t *>(Extra[I + 1]);
    else
      return cudaErrorInvalidValue;
  }
  if (K.NumParams && (!Buffer || !Size))
    return cudaErrorInvalidValue;
  if (!Out->copyPacked(K, Buffer, Size ? *Size : 0))
    return cudaErrorInvalidValue;
  return cudaSuccess;
}

static void fillKernel(const void *Func, dim3 Grid, dim3 Block,
                       size_t SharedMem, NodeParams *Out) {
  Out->Type = cudaGraphNodeTypeKernel;
  KernelNodeData &D = Out->Kernel;
  D.Func = Func;
  D.Grid = Grid;
  D.Block = Block;
  D.SharedBytes = static_cast<unsigned>(SharedMem);
  D.Device = Context::get().currentOrdinal();
}

cudaError_t api::kernelParams(const cudaKernelNodeParams &P, NodeParams *Out) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  FunctionInfo Info;
  if (cudaError_t Err = checkKernelLaunch(Slot, P.func, P.gridDim, P.blockDim,
                                          P.sharedMemBytes, false, &Info))
    return Err;
  const TxKernelRecord &K = *Info.Kernel;
  if (P.kernelParams && P.extra)
    return cudaErrorInvalidValue;
  if (P.extra) {
    if (cudaError_t Err = copyExtra(K, P.extra, &Out->Kernel.Args))
      return Err;
  } else {
    if (K.NumParams && !P.kernelParams)
      return cudaErrorInvalidValue;
    for (uint32_t I = 0; I < K.NumParams; ++I)
      if (!P.kernelParams[I] && K.ParamSizes && K.ParamSizes[I])
        return cudaErrorInvalidValue;
    if (!Out->Kernel.Args.copyFrom(K, P.kernelParams))
      return cudaErrorMemoryAllocation;
  }
  fillKernel(P.func, P.gridDim, P.blockDim, P.sharedMemBytes, Out);
  return cudaSuccess;
}

cudaError_t api::kernelLaunchParams(const void *Func, const FunctionInfo &Info,
                                    dim3 Grid, dim3 Block, size_t SharedMem,
                                    void **Args, bool Cooperative,
                                    NodeParams *Out) {
  if (!Out->Kernel.Args.copyFrom(*Info.Kernel, Args))
    return cudaErrorMemoryAllocation;
  fillKernel(Func, Grid, Block, SharedMem, Out);
  if (Cooperative) {
    cudaLaunchAttributeValue V = {};
    V.cooperative = 1;
    Out->Kernel.Attributes[cudaLaunchAttributeCooperative] = V;
  }
  return cudaSuccess;
}

//===--- Copies and fills -------------------------------------------------===//

cudaError_t api::memcpyParams(const cudaMemcpy3DParms *P, NodeParams *Out) {
  if (!P)
    return cudaErrorInvalidValue;
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  cudaMemcpy3DParms Prepared;
  if (cudaError_t Err = prepareCopy(P, &Prepared))
    return Err;
  Out->Type = cudaGraphNodeTypeMemcpy;
  Out->Memcpy.Given = *P;
  Out->Memcpy.Prepared = Prepared;
  Out->Memcpy.Device = Context::get().currentOrdinal();
  return cudaSuccess;
}

cudaError_t api::memcpy1DParams(void *Dst, const void *Src, size_t Count,
                                cudaMemcpyKind Kind, NodeParams *Out) {
  cudaMemcpy3DParms P = {};
  P.srcPtr = make_cudaPitchedPtr(const_cast<void *>(Src), Count, Count, 1);
  P.dstPtr = make_cudaPitchedPtr(Dst, Count, Count, 1);
  P.extent = make_cudaExtent(Count, 1, 1);
  P.kind = Kind;
  return memcpyParams(&P, Out);
}

/// The device address of Count bytes at Offset in a __device__ or
/// __constant__ variable of the current device.
static cudaError_t symbolRange(const void *Symbol, size_t Count, size_t Offset,
                               char **Address) {
  void *Base = nullptr;
  size_t Size = 0;
  if (cudaError_t Err = cudaGetSymbolAddress(&Base, Symbol))
    return Err;
  if (cudaError_t Err = cudaGetSymbolSize(&Size, Symbol))
    return Err;
  if (Offset > Size || Count > Size - Offset)
    return cudaErrorInvalidValue;
  *Address = static_cast<char *>(Base) + Offset;
  return cudaSuccess;
}

cudaError_t api::memcpyToSymbolParams(const void *Symbol, const void *Src,
                                      size_t Count, size_t Offset,
                                      cudaMemcpyKind Kind, NodeParams *Out) {
  if (Kind != cudaMemcpyHostToDevice && Kind != cudaMemcpyDeviceToDevice &&
      Kind != cudaMemcpyDefault)
    return cudaErrorInvalidMemcpyDirection;
  char *Address;
  if (cudaError_t Err = symbolRange(Symbol, Count, Offset, &Address))
    return Err;
  return memcpy1DParams(Address, Src, Count, Kind, Out);
}

cudaError_t api::memcpyFromSymbolParams(void *Dst, const void *Symbol,
                                        size_t Count, size_t Offset,
                                        cudaMemcpyKind Kind, NodeParams *Out) {
  if (Kind != cudaMemcpyDeviceToHost && Kind != cudaMemcpyDeviceToDevice &&
      Kind != cudaMemcpyDefault)
    return cudaErrorInvalidMemcpyDirection;
  char *Address;
  if (cudaError_t Err = symbolRange(Symbol, Count, Offset, &Address))
    return Err;
  return memcpy1DParams(Dst, Address, Count, Kind, Out);
}

cudaError_t api::memsetParams(const cudaMemsetParams *P, NodeParams *Out) {
  if (!P || !P->dst || !P->width || !P->height)
    return cudaErrorInvalidValue;
  if (P->elementSize != 1 && P->elementSize != 2 && P->elementSize != 4)
    return cudaErrorInvalidValue;
  if (P->height > 1 && P->pitch < P->width * P->elementSize)
    return cudaErrorInvalidValue;
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  Out->Type = cudaGraphNodeTypeMemset;
  Out->Memset.Params = *P;
  Out->Memset.Device = Context::get().currentOrdinal();
  return cudaSuccess;
}

//===--- Host functions, events, child graphs -----------------------------===//

cudaError_t api::hostParams(const cudaHostNodeParams *P, NodeParams *Out) {
  if (!P || !P->fn)
    return cudaErrorInvalidValue;
  Out->Type = cudaGraphNodeTypeHost;
  Out->Host.Fn = P->fn;
  Out->Host.UserData = P->userData;
  return cudaSuccess;
}

cudaError_t api::eventParams(cudaGraphNodeType Type, cudaEvent_t Event,
                             NodeParams *Out) {
  if (!eventOwner(Event))
    return cudaErrorInvalidValue;
  Out->Type = Type;
  Out->Event = Event;
  return cudaSuccess;
}

/// Memory and conditional nodes may not be embedded in a child graph.
static bool embeddable(const Graph &G) {
  return !G.containsType(cudaGraphNodeTypeMemAlloc) &&
         !G.containsType(cudaGraphNodeTypeMemFree) &&
         !G.containsType(cudaGraphNodeTypeConditional);
}

cudaError_t api::childParams(Graph *Child, NodeParams *Out) {
  if (!Child || !embeddable(*Child))
    return cudaErrorInvalidValue;
  Out->Type = cudaGraphNodeTypeGraph;
  Out->Child = Child->clone();
  return cudaSuccess;
}

/// Whether Inner is Outer or embedded in it, at any depth.
static bool within(const Graph *Inner, const Graph *Outer) {
  for (const Graph *G = Inner; G; G = G->Parent ? G->Parent->Owner : nullptr)
    if (G == Outer)
      return true;
  return false;
}

/// A child graph handed over to a node of Into
/// (cudaGraphChildGraphOwnershipMove); never into itself.
static cudaError_t movedChildParams(Graph *Child, Graph *Into,
                                    NodeParams *Out) {
  if (!Child || !embeddable(*Child) || Child->Parent || Child->Captures ||
      within(Into, Child))
    return cudaErrorInvalidValue;
  Out->Type = cudaGraphNodeTypeGraph;
  Out->Child.reset(Child);
  return cudaSuccess;
}

//===--- cudaGraphNodeParams ----------------------------------------------===//

static bool allZero(const void *Bytes, size_t Size) {
  const auto *P = static_cast<const unsigned char *>(Bytes);
  return std::all_of(P, P + Size, [](unsigned char C) { return C == 0; });
}

static cudaError_t childGraphParams(const cudaChildGraphNodeParams &P,
                                    Graph *MoveInto, NodeParams *Out) {
  Graph *Child = liveGraph(P.graph);
  if (P.ownership == cudaGraphChildGraphOwnershipClone)
    return childParams(Child, Out);
  if (P.ownership == cudaGraphChildGraphOwnershipMove && MoveInto)
    return movedChildParams(Child, MoveInto, Out);
  return cudaErrorInvalidValue;
}

cudaError_t api::genericParams(const cudaGraphNodeParams *P, Graph *MoveInto,
                               NodeParams *Out) {
  if (!P || !allZero(P->reserved0, sizeof(P->reserved0)) || P->reserved2)
    return cudaErrorInvalidValue;
  switch (P->type) {
  case cudaGraphNodeTypeKernel: {
    const cudaKernelNodeParamsV2 &K = P->kernel;
    cudaKernelNodeParams Params = {K.func,           K.gridDim,      K.blockDim,
                                   K.sharedMemBytes, K.kernelParams, K.extra};
    return kernelParams(Params, Out);
  }
  case cudaGraphNodeTypeMemcpy:
    if (P->memcpy.flags ||
        !allZero(P->memcpy.reserved, sizeof(P->memcpy.reserved)))
      return cudaErrorInvalidValue;
    return memcpyParams(&P->memcpy.copyParams, Out);
  case cudaGraphNodeTypeMemset: {
    const cudaMemsetParamsV2 &M = P->memset;
    cudaMemsetParams Params = {M.dst,         M.pitch, M.value,
                               M.elementSize, M.width, M.height};
    return memsetParams(&Params, Out);
  }
  case cudaGraphNodeTypeHost: {
    cudaHostNodeParams Params = {P->host.fn, P->host.userData};
    return hostParams(&Params, Out);
  }
  case cudaGraphNodeTypeGraph:
    return childGraphParams(P->graph, MoveInto, Out);
  case cudaGraphNodeTypeEmpty:
    Out->Type = cudaGraphNodeTypeEmpty;
    return cudaSuccess;
  case cudaGraphNodeTypeWaitEvent:
    return eventParams(P->type, P->eventWait.event, Out);
  case cudaGraphNodeTypeEventRecord:
    return eventParams(P->type, P->eventRecord.event, Out);
  // No external semaphores, graph memory or conditional execution here
  // (docs/limitations.md).
  case cudaGraphNodeTypeExtSemaphoreSignal:
  case cudaGraphNodeTypeExtSemaphoreWait:
  case cudaGraphNodeTypeMemAlloc:
  case cudaGraphNodeTypeMemFree:
  case cudaGraphNodeTypeConditional:
    return cudaErrorNotSupported;
  default:
    return cudaErrorInvalidValue;
  }
}
