//===- tongxin/runtime_templates.h - Typed Runtime overloads ---*- C++ -*-===//
//
// Part of Tongxin. The C++ convenience overloads that CUDA 12.9's
// cuda_runtime.h layers over the C API: typed allocation, symbol copies by
// reference (also into graph nodes), launches and attribute queries taking
// kernel pointers, cudaLaunchKernelEx with typed arguments, the occupancy
// helpers, and the older signatures CUDA keeps as C++ overloads. Host-only;
// everything forwards to the C entry points.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_TEMPLATES_H
#define TONGXIN_RUNTIME_TEMPLATES_H

#include "cuda_runtime_api.h"

#if defined(__cplusplus)

#include <utility>

//===--- Allocation -------------------------------------------------------===//

template <class T>
static __inline__ __host__ cudaError_t cudaMalloc(T **DevPtr, size_t Size) {
  return ::cudaMalloc((void **)(void *)DevPtr, Size);
}

template <class T>
static __inline__ __host__ cudaError_t cudaMallocHost(T **Ptr, size_t Size,
                                                      unsigned int Flags = 0) {
  return ::cudaHostAlloc((void **)(void *)Ptr, Size, Flags);
}

template <class T>
static __inline__ __host__ cudaError_t cudaHostAlloc(T **Ptr, size_t Size,
                                                     unsigned int Flags) {
  return ::cudaHostAlloc((void **)(void *)Ptr, Size, Flags);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaHostGetDevicePointer(T **DevPtr, void *HostPtr, unsigned int Flags) {
  return ::cudaHostGetDevicePointer((void **)(void *)DevPtr, HostPtr, Flags);
}

template <class T>
static __inline__ __host__ cudaError_t cudaMallocManaged(
    T **DevPtr, size_t Size, unsigned int Flags = cudaMemAttachGlobal) {
  return ::cudaMallocManaged((void **)(void *)DevPtr, Size, Flags);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaMallocPitch(T **DevPtr, size_t *Pitch, size_t Width, size_t Height) {
  return ::cudaMallocPitch((void **)(void *)DevPtr, Pitch, Width, Height);
}

static __inline__ __host__ cudaError_t cudaMallocHost(void **Ptr, size_t Size,
                                                      unsigned int Flags) {
  return ::cudaHostAlloc(Ptr, Size, Flags);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaStreamAttachMemAsync(cudaStream_t Stream, T *DevPtr, size_t Length = 0,
                         unsigned int Flags = cudaMemAttachSingle) {
  return ::cudaStreamAttachMemAsync(Stream, (void *)DevPtr, Length, Flags);
}

//===--- Stream-ordered allocation ----------------------------------------===//

static __inline__ __host__ cudaError_t cudaMallocAsync(void **Ptr, size_t Size,
                                                       cudaMemPool_t MemPool,
                                                       cudaStream_t Stream) {
  return ::cudaMallocFromPoolAsync(Ptr, Size, MemPool, Stream);
}

template <class T>
static __inline__ __host__ cudaError_t cudaMallocAsync(T **Ptr, size_t Size,
                                                       cudaMemPool_t MemPool,
                                                       cudaStream_t Stream) {
  return ::cudaMallocFromPoolAsync((void **)(void *)Ptr, Size, MemPool, Stream);
}

template <class T>
static __inline__ __host__ cudaError_t cudaMallocAsync(T **Ptr, size_t Size,
                                                       cudaStream_t Stream) {
  return ::cudaMallocAsync((void **)(void *)Ptr, Size, Stream);
}

template <class T>
static __inline__ __host__ cudaError_t cudaMallocFromPoolAsync(
    T **Ptr, size_t Size, cudaMemPool_t MemPool, cudaStream_t Stream) {
  return ::cudaMallocFromPoolAsync((void **)(void *)Ptr, Size, MemPool, Stream);
}

//===--- Symbols ----------------------------------------------------------===//

template <class T>
static __inline__ __host__ cudaError_t cudaMemcpyToSymbol(
    const T &Symbol, const void *Src, size_t Count, size_t Offset = 0,
    enum cudaMemcpyKind Kind = cudaMemcpyHostToDevice) {
  return ::cudaMemcpyToSymbol((const void *)&Symbol, Src, Count, Offset, Kind);
}

template <class T>
static __inline__ __host__ cudaError_t cudaMemcpyToSymbolAsync(
    const T &Symbol, const void *Src, size_t Count, size_t Offset = 0,
    enum cudaMemcpyKind Kind = cudaMemcpyHostToDevice,
    cudaStream_t Stream = 0) {
  return ::cudaMemcpyToSymbolAsync((const void *)&Symbol, Src, Count, Offset,
                                   Kind, Stream);
}

template <class T>
static __inline__ __host__ cudaError_t cudaMemcpyFromSymbol(
    void *Dst, const T &Symbol, size_t Count, size_t Offset = 0,
    enum cudaMemcpyKind Kind = cudaMemcpyDeviceToHost) {
  return ::cudaMemcpyFromSymbol(Dst, (const void *)&Symbol, Count, Offset,
                                Kind);
}

template <class T>
static __inline__ __host__ cudaError_t cudaMemcpyFromSymbolAsync(
    void *Dst, const T &Symbol, size_t Count, size_t Offset = 0,
    enum cudaMemcpyKind Kind = cudaMemcpyDeviceToHost,
    cudaStream_t Stream = 0) {
  return ::cudaMemcpyFromSymbolAsync(Dst, (const void *)&Symbol, Count, Offset,
                                     Kind, Stream);
}

template <class T>
static __inline__ __host__ cudaError_t cudaGetSymbolAddress(void **DevPtr,
                                                            const T &Symbol) {
  return ::cudaGetSymbolAddress(DevPtr, (const void *)&Symbol);
}

template <class T>
static __inline__ __host__ cudaError_t cudaGetSymbolSize(size_t *Size,
                                                         const T &Symbol) {
  return ::cudaGetSymbolSize(Size, (const void *)&Symbol);
}

template <class T>
static __inline__ __host__ cudaError_t cudaGraphAddMemcpyNodeToSymbol(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const T &Symbol, const void *Src, size_t Count, size_t Offset,
    enum cudaMemcpyKind Kind) {
  return ::cudaGraphAddMemcpyNodeToSymbol(
      GraphNode, Graph, Dependencies, NumDependencies, (const void *)&Symbol,
      Src, Count, Offset, Kind);
}

template <class T>
static __inline__ __host__ cudaError_t cudaGraphAddMemcpyNodeFromSymbol(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies, void *Dst,
    const T &Symbol, size_t Count, size_t Offset, enum cudaMemcpyKind Kind) {
  return ::cudaGraphAddMemcpyNodeFromSymbol(
      GraphNode, Graph, Dependencies, NumDependencies, Dst,
      (const void *)&Symbol, Count, Offset, Kind);
}

template <class T>
static __inline__ __host__ cudaError_t cudaGraphMemcpyNodeSetParamsToSymbol(
    cudaGraphNode_t Node, const T &Symbol, const void *Src, size_t Count,
    size_t Offset, enum cudaMemcpyKind Kind) {
  return ::cudaGraphMemcpyNodeSetParamsToSymbol(Node, (const void *)&Symbol,
                                                Src, Count, Offset, Kind);
}

template <class T>
static __inline__ __host__ cudaError_t cudaGraphMemcpyNodeSetParamsFromSymbol(
    cudaGraphNode_t Node, void *Dst, const T &Symbol, size_t Count,
    size_t Offset, enum cudaMemcpyKind Kind) {
  return ::cudaGraphMemcpyNodeSetParamsFromSymbol(
      Node, Dst, (const void *)&Symbol, Count, Offset, Kind);
}

template <class T>
static __inline__ __host__ cudaError_t cudaGraphExecMemcpyNodeSetParamsToSymbol(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node, const T &Symbol,
    const void *Src, size_t Count, size_t Offset, enum cudaMemcpyKind Kind) {
  return ::cudaGraphExecMemcpyNodeSetParamsToSymbol(
      GraphExec, Node, (const void *)&Symbol, Src, Count, Offset, Kind);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaGraphExecMemcpyNodeSetParamsFromSymbol(cudaGraphExec_t GraphExec,
                                           cudaGraphNode_t Node, void *Dst,
                                           const T &Symbol, size_t Count,
                                           size_t Offset,
                                           enum cudaMemcpyKind Kind) {
  return ::cudaGraphExecMemcpyNodeSetParamsFromSymbol(
      GraphExec, Node, Dst, (const void *)&Symbol, Count, Offset, Kind);
}

//===--- Kernels ----------------------------------------------------------===//

template <class T>
static __inline__ __host__ cudaError_t
cudaLaunchKernel(T *Func, dim3 GridDim, dim3 BlockDim, void **Args,
                 size_t SharedMem = 0, cudaStream_t Stream = 0) {
  return ::cudaLaunchKernel((const void *)Func, GridDim, BlockDim, Args,
                            SharedMem, Stream);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaLaunchCooperativeKernel(T *Func, dim3 GridDim, dim3 BlockDim, void **Args,
                            size_t SharedMem = 0, cudaStream_t Stream = 0) {
  return ::cudaLaunchCooperativeKernel((const void *)Func, GridDim, BlockDim,
                                       Args, SharedMem, Stream);
}

/// Launches Kernel with Args converted to its parameter types, the way a
/// <<<>>> launch converts them.
template <class... ExpTypes, class... ActTypes>
static __inline__ __host__ cudaError_t
cudaLaunchKernelEx(const cudaLaunchConfig_t *Config,
                   void (*Kernel)(ExpTypes...), ActTypes &&...Args) {
  return [&](ExpTypes... Converted) {
    // One slot more than there are arguments: no zero-length array.
    void *ArgPtrs[sizeof...(ExpTypes) + 1] = {
        const_cast<void *>(static_cast<const void *>(&Converted))..., nullptr};
    return ::cudaLaunchKernelExC(Config, (const void *)Kernel, ArgPtrs);
  }(std::forward<ActTypes>(Args)...);
}

template <class... ActTypes>
static __inline__ __host__ cudaError_t
cudaLaunchKernelEx(const cudaLaunchConfig_t *Config, const cudaKernel_t Kernel,
                   ActTypes &&...Args) {
  void *ArgPtrs[sizeof...(ActTypes) + 1] = {
      const_cast<void *>(static_cast<const void *>(&Args))..., nullptr};
  return ::cudaLaunchKernelExC(Config, (const void *)Kernel, ArgPtrs);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaFuncGetAttributes(struct cudaFuncAttributes *Attr, T *Func) {
  return ::cudaFuncGetAttributes(Attr, (const void *)Func);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaFuncSetAttribute(T *Func, enum cudaFuncAttribute Attr, int Value) {
  return ::cudaFuncSetAttribute((const void *)Func, Attr, Value);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaFuncSetCacheConfig(T *Func, enum cudaFuncCache Config) {
  return ::cudaFuncSetCacheConfig((const void *)Func, Config);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaFuncSetSharedMemConfig(T *Func, enum cudaSharedMemConfig Config) {
  return ::cudaFuncSetSharedMemConfig((const void *)Func, Config);
}

template <class T>
static __inline__ __host__ cudaError_t cudaFuncGetName(const char **Name,
                                                       T *Func) {
  return ::cudaFuncGetName(Name, (const void *)Func);
}

template <class T>
static __inline__ __host__ cudaError_t cudaGetKernel(cudaKernel_t *Kernel,
                                                     T *Func) {
  return ::cudaGetKernel(Kernel, (const void *)Func);
}

//===--- Libraries --------------------------------------------------------===//

template <class T>
static __inline__ __host__ cudaError_t cudaLibraryGetGlobal(
    T **DevPtr, size_t *Bytes, cudaLibrary_t Library, const char *Name) {
  return ::cudaLibraryGetGlobal((void **)(void *)DevPtr, Bytes, Library, Name);
}

template <class T>
static __inline__ __host__ cudaError_t cudaLibraryGetManaged(
    T **DevPtr, size_t *Bytes, cudaLibrary_t Library, const char *Name) {
  return ::cudaLibraryGetManaged((void **)(void *)DevPtr, Bytes, Library, Name);
}

template <class T>
static __inline__ __host__ cudaError_t cudaLibraryGetUnifiedFunction(
    T **FuncPtr, cudaLibrary_t Library, const char *Symbol) {
  return ::cudaLibraryGetUnifiedFunction((void **)(void *)FuncPtr, Library,
                                         Symbol);
}

//===--- Events, graphs and user objects ----------------------------------===//

static __inline__ __host__ cudaError_t cudaEventCreate(cudaEvent_t *Event,
                                                       unsigned int Flags) {
  return ::cudaEventCreateWithFlags(Event, Flags);
}

/// The CUDA 11 signature: there is no log to write.
static __inline__ __host__ cudaError_t cudaGraphInstantiate(
    cudaGraphExec_t *GraphExec, cudaGraph_t Graph, cudaGraphNode_t *ErrorNode,
    char *LogBuffer, size_t BufferSize) {
  (void)ErrorNode;
  (void)LogBuffer;
  (void)BufferSize;
  return ::cudaGraphInstantiate(GraphExec, Graph, 0);
}

/// The CUDA 11 signature, over cudaGraphExecUpdateResultInfo.
static __inline__ __host__ cudaError_t cudaGraphExecUpdate(
    cudaGraphExec_t GraphExec, cudaGraph_t Graph, cudaGraphNode_t *ErrorNodeOut,
    enum cudaGraphExecUpdateResult *UpdateResultOut) {
  cudaGraphExecUpdateResultInfo Info = {cudaGraphExecUpdateError, 0, 0};
  cudaError_t Err = ::cudaGraphExecUpdate(GraphExec, Graph, &Info);
  if (ErrorNodeOut)
    *ErrorNodeOut = Info.errorNode;
  if (UpdateResultOut)
    *UpdateResultOut = Info.result;
  return Err;
}

/// A user object that deletes Object (of type T) when released.
template <class T>
static __inline__ __host__ cudaError_t
cudaUserObjectCreate(cudaUserObject_t *ObjectOut, T *Object,
                     unsigned int InitialRefcount, unsigned int Flags) {
  return ::cudaUserObjectCreate(
      ObjectOut, Object, [](void *P) { delete static_cast<T *>(P); },
      InitialRefcount, Flags);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaUserObjectCreate(cudaUserObject_t *ObjectOut, T *Object,
                     unsigned int InitialRefcount, cudaUserObjectFlags Flags) {
  return cudaUserObjectCreate(ObjectOut, Object, InitialRefcount,
                              (unsigned int)Flags);
}

//===--- Occupancy --------------------------------------------------------===//

template <class T>
static __inline__ __host__ cudaError_t
cudaOccupancyMaxActiveBlocksPerMultiprocessor(int *NumBlocks, T Func,
                                              int BlockSize,
                                              size_t DynamicSMemSize) {
  return ::cudaOccupancyMaxActiveBlocksPerMultiprocessor(
      NumBlocks, (const void *)Func, BlockSize, DynamicSMemSize);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int *NumBlocks, T Func,
                                                       int BlockSize,
                                                       size_t DynamicSMemSize,
                                                       unsigned int Flags) {
  return ::cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(
      NumBlocks, (const void *)Func, BlockSize, DynamicSMemSize, Flags);
}

namespace tongxin {
namespace detail {

/// Dynamic shared memory that does not depend on the block size.
struct ConstantSMem {
  size_t Bytes;
  size_t operator()(int) const { return Bytes; }
};

/// Picks the block size (a multiple of the warp size) that maximises the
/// number of resident threads per multiprocessor; ties go to the larger
/// block, as CUDA's helper does.
template <class SMemFn>
static __inline__ __host__ cudaError_t maxPotentialBlockSize(
    int *MinGridSize, int *BlockSize, const void *Func, SMemFn DynamicSMem,
    int BlockSizeLimit, unsigned int Flags) {
  if (!MinGridSize || !BlockSize || !Func)
    return cudaErrorInvalidValue;
  int Device = 0;
  cudaError_t Err = cudaGetDevice(&Device);
  if (Err != cudaSuccess)
    return Err;
  int MaxThreads = 0, NumSMs = 0, Warp = 0;
  cudaDeviceGetAttribute(&MaxThreads, cudaDevAttrMaxThreadsPerBlock, Device);
  cudaDeviceGetAttribute(&NumSMs, cudaDevAttrMultiProcessorCount, Device);
  cudaDeviceGetAttribute(&Warp, cudaDevAttrWarpSize, Device);
  struct cudaFuncAttributes Attr;
  Err = cudaFuncGetAttributes(&Attr, Func);
  if (Err != cudaSuccess)
    return Err;
  int Limit = MaxThreads < Attr.maxThreadsPerBlock ? MaxThreads
                                                   : Attr.maxThreadsPerBlock;
  if (BlockSizeLimit > 0 && BlockSizeLimit < Limit)
    Limit = BlockSizeLimit;
  int BestBlock = 0, BestActive = 0, BestThreads = 0;
  for (int Size = Limit; Size > 0;) {
    int Active = 0;
    Err = cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(
        &Active, Func, Size, DynamicSMem(Size), Flags);
    if (Err != cudaSuccess)
      return Err;
    if (Active * Size > BestThreads) {
      BestThreads = Active * Size;
      BestBlock = Size;
      BestActive = Active;
    }
    // Walk down through multiples of the warp size.
    int Next = (Size % Warp) ? Size - Size % Warp : Size - Warp;
    Size = Next;
  }
  *BlockSize = BestBlock;
  *MinGridSize = BestActive * NumSMs;
  return cudaSuccess;
}

} // namespace detail
} // namespace tongxin

template <class T>
static __inline__ __host__ cudaError_t cudaOccupancyMaxPotentialBlockSize(
    int *MinGridSize, int *BlockSize, T Func, size_t DynamicSMemSize = 0,
    int BlockSizeLimit = 0) {
  return tongxin::detail::maxPotentialBlockSize(
      MinGridSize, BlockSize, (const void *)Func,
      tongxin::detail::ConstantSMem{DynamicSMemSize}, BlockSizeLimit,
      cudaOccupancyDefault);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaOccupancyMaxPotentialBlockSizeWithFlags(int *MinGridSize, int *BlockSize,
                                            T Func, size_t DynamicSMemSize = 0,
                                            int BlockSizeLimit = 0,
                                            unsigned int Flags = 0) {
  return tongxin::detail::maxPotentialBlockSize(
      MinGridSize, BlockSize, (const void *)Func,
      tongxin::detail::ConstantSMem{DynamicSMemSize}, BlockSizeLimit, Flags);
}

template <class UnaryFunction, class T>
static __inline__ __host__ cudaError_t
cudaOccupancyMaxPotentialBlockSizeVariableSMem(
    int *MinGridSize, int *BlockSize, T Func,
    UnaryFunction BlockSizeToDynamicSMemSize, int BlockSizeLimit = 0) {
  return tongxin::detail::maxPotentialBlockSize(
      MinGridSize, BlockSize, (const void *)Func, BlockSizeToDynamicSMemSize,
      BlockSizeLimit, cudaOccupancyDefault);
}

template <class UnaryFunction, class T>
static __inline__ __host__ cudaError_t
cudaOccupancyMaxPotentialBlockSizeVariableSMemWithFlags(
    int *MinGridSize, int *BlockSize, T Func,
    UnaryFunction BlockSizeToDynamicSMemSize, int BlockSizeLimit = 0,
    unsigned int Flags = 0) {
  return tongxin::detail::maxPotentialBlockSize(
      MinGridSize, BlockSize, (const void *)Func, BlockSizeToDynamicSMemSize,
      BlockSizeLimit, Flags);
}

template <class T>
static __inline__ __host__ cudaError_t
cudaOccupancyAvailableDynamicSMemPerBlock(size_t *DynamicSmemSize, T *Func,
                                          int NumBlocks, int BlockSize) {
  return ::cudaOccupancyAvailableDynamicSMemPerBlock(
      DynamicSmemSize, (const void *)Func, NumBlocks, BlockSize);
}

template <class T>
static __inline__ __host__ cudaError_t cudaOccupancyMaxPotentialClusterSize(
    int *ClusterSize, T *Func, const cudaLaunchConfig_t *Config) {
  return ::cudaOccupancyMaxPotentialClusterSize(ClusterSize, (const void *)Func,
                                                Config);
}

template <class T>
static __inline__ __host__ cudaError_t cudaOccupancyMaxActiveClusters(
    int *NumClusters, T *Func, const cudaLaunchConfig_t *Config) {
  return ::cudaOccupancyMaxActiveClusters(NumClusters, (const void *)Func,
                                          Config);
}

#endif // __cplusplus

#endif // TONGXIN_RUNTIME_TEMPLATES_H
