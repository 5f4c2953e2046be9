//===- api/NotSupported.cpp - Entry points without an implementation ------===//
//
// Part of Tongxin. Every CUDA 12.9 runtime function that Tongxin declares
// but does not implement yet is defined here, one small function each,
// grouped by API area: it clears the out-parameters it is given and
// returns (and records as the last error) cudaErrorNotSupported, as CUDA
// does for a feature a device lacks. Implementing one means moving its
// definition to the file of its area. docs/limitations.md says why each
// area is missing; docs/runtime-api.md lists them, generated from here.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

#include <cstdint>

using namespace tx;
using namespace tx::api;

/// Resets the value an out-parameter points to, if the caller passed one.
template <class T> static void clearOut(T *Out) {
  if (Out)
    *Out = T();
}

/// The whole body of an unsupported entry point.
template <class... T> static cudaError_t notSupported(T *...Outs) {
  (clearOut(Outs), ...);
  return report(cudaErrorNotSupported);
}

/// Batched copies report the failing operation; ~0: none in particular.
static cudaError_t batchNotSupported(size_t *FailIdx) {
  if (FailIdx)
    *FailIdx = SIZE_MAX;
  return report(cudaErrorNotSupported);
}

//===--- Devices ----------------------------------------------------------===//

cudaError_t cudaDeviceGetNvSciSyncAttributes(void *NvSciSyncAttrList,
                                             int Device, int Flags) {
  return notSupported();
}

cudaError_t
cudaDeviceRegisterAsyncNotification(int Device, cudaAsyncCallback CallbackFunc,
                                    void *UserData,
                                    cudaAsyncCallbackHandle_t *Callback) {
  return notSupported(Callback);
}

cudaError_t
cudaDeviceUnregisterAsyncNotification(int Device,
                                      cudaAsyncCallbackHandle_t Callback) {
  return notSupported();
}

//===--- Graphs -----------------------------------------------------------===//

cudaError_t cudaGraphConditionalHandleCreate(
    cudaGraphConditionalHandle *HandleOut, cudaGraph_t Graph,
    unsigned int DefaultLaunchValue, unsigned int Flags) {
  return notSupported(HandleOut);
}

//===--- Graph nodes ------------------------------------------------------===//

cudaError_t cudaGraphAddExternalSemaphoresSignalNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const cudaExternalSemaphoreSignalNodeParams *NodeParams) {
  return notSupported(GraphNode);
}

cudaError_t cudaGraphExternalSemaphoresSignalNodeGetParams(
    cudaGraphNode_t Node, cudaExternalSemaphoreSignalNodeParams *ParamsOut) {
  return notSupported(ParamsOut);
}

cudaError_t cudaGraphExternalSemaphoresSignalNodeSetParams(
    cudaGraphNode_t Node,
    const cudaExternalSemaphoreSignalNodeParams *NodeParams) {
  return notSupported();
}

cudaError_t cudaGraphAddExternalSemaphoresWaitNode(
    cudaGraphNode_t *GraphNode, cudaGraph_t Graph,
    const cudaGraphNode_t *Dependencies, size_t NumDependencies,
    const cudaExternalSemaphoreWaitNodeParams *NodeParams) {
  return notSupported(GraphNode);
}

cudaError_t cudaGraphExternalSemaphoresWaitNodeGetParams(
    cudaGraphNode_t Node, cudaExternalSemaphoreWaitNodeParams *ParamsOut) {
  return notSupported(ParamsOut);
}

cudaError_t cudaGraphExternalSemaphoresWaitNodeSetParams(
    cudaGraphNode_t Node,
    const cudaExternalSemaphoreWaitNodeParams *NodeParams) {
  return notSupported();
}

//===--- Graph memory -----------------------------------------------------===//

cudaError_t cudaGraphAddMemAllocNode(cudaGraphNode_t *GraphNode,
                                     cudaGraph_t Graph,
                                     const cudaGraphNode_t *Dependencies,
                                     size_t NumDependencies,
                                     cudaMemAllocNodeParams *NodeParams) {
  return notSupported(GraphNode);
}

cudaError_t cudaGraphMemAllocNodeGetParams(cudaGraphNode_t Node,
                                           cudaMemAllocNodeParams *ParamsOut) {
  return notSupported(ParamsOut);
}

cudaError_t cudaGraphAddMemFreeNode(cudaGraphNode_t *GraphNode,
                                    cudaGraph_t Graph,
                                    const cudaGraphNode_t *Dependencies,
                                    size_t NumDependencies, void *DevPtr) {
  return notSupported(GraphNode);
}

cudaError_t cudaGraphMemFreeNodeGetParams(cudaGraphNode_t Node,
                                          void *DevPtrOut) {
  return notSupported(static_cast<void **>(DevPtrOut));
}

//===--- Executable graphs ------------------------------------------------===//

cudaError_t cudaGraphExecExternalSemaphoresSignalNodeSetParams(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
    const cudaExternalSemaphoreSignalNodeParams *NodeParams) {
  return notSupported();
}

cudaError_t cudaGraphExecExternalSemaphoresWaitNodeSetParams(
    cudaGraphExec_t GraphExec, cudaGraphNode_t Node,
    const cudaExternalSemaphoreWaitNodeParams *NodeParams) {
  return notSupported();
}

//===--- Unified memory ---------------------------------------------------===//

//===--- Stream-ordered memory allocator ----------------------------------===//

cudaError_t
cudaMemPoolExportToShareableHandle(void *ShareableHandle, cudaMemPool_t MemPool,
                                   cudaMemAllocationHandleType HandleType,
                                   unsigned int Flags) {
  return notSupported();
}

cudaError_t cudaMemPoolImportFromShareableHandle(
    cudaMemPool_t *MemPool, void *ShareableHandle,
    cudaMemAllocationHandleType HandleType, unsigned int Flags) {
  return notSupported(MemPool);
}

cudaError_t cudaMemPoolExportPointer(cudaMemPoolPtrExportData *ExportData,
                                     void *Ptr) {
  return notSupported(ExportData);
}

cudaError_t cudaMemPoolImportPointer(void **Ptr, cudaMemPool_t MemPool,
                                     cudaMemPoolPtrExportData *ExportData) {
  return notSupported(Ptr);
}

//===--- Batched copies ---------------------------------------------------===//

cudaError_t cudaMemcpyBatchAsync(void **Dsts, void **Srcs, size_t *Sizes,
                                 size_t Count, cudaMemcpyAttributes *Attrs,
                                 size_t *AttrsIdxs, size_t NumAttrs,
                                 size_t *FailIdx, cudaStream_t Stream) {
  return batchNotSupported(FailIdx);
}

cudaError_t cudaMemcpy3DBatchAsync(size_t NumOps, cudaMemcpy3DBatchOp *OpList,
                                   size_t *FailIdx, unsigned long long Flags,
                                   cudaStream_t Stream) {
  return batchNotSupported(FailIdx);
}

//===--- Planar, sparse and deferred-mapping arrays -----------------------===//

cudaError_t cudaArrayGetPlane(cudaArray_t *PlaneArray, cudaArray_t Array,
                              unsigned int PlaneIdx) {
  return notSupported(PlaneArray);
}

cudaError_t
cudaArrayGetMemoryRequirements(cudaArrayMemoryRequirements *MemoryRequirements,
                               cudaArray_t Array, int Device) {
  return notSupported(MemoryRequirements);
}

cudaError_t
cudaArrayGetSparseProperties(cudaArraySparseProperties *SparseProperties,
                             cudaArray_t Array) {
  return notSupported(SparseProperties);
}

//===--- Mipmapped arrays -------------------------------------------------===//

cudaError_t cudaMallocMipmappedArray(cudaMipmappedArray_t *MipmappedArray,
                                     const cudaChannelFormatDesc *Desc,
                                     cudaExtent Extent, unsigned int NumLevels,
                                     unsigned int Flags) {
  return notSupported(MipmappedArray);
}

cudaError_t
cudaGetMipmappedArrayLevel(cudaArray_t *LevelArray,
                           cudaMipmappedArray_const_t MipmappedArray,
                           unsigned int Level) {
  return notSupported(LevelArray);
}

cudaError_t cudaFreeMipmappedArray(cudaMipmappedArray_t MipmappedArray) {
  return notSupported();
}

cudaError_t cudaMipmappedArrayGetMemoryRequirements(
    cudaArrayMemoryRequirements *MemoryRequirements,
    cudaMipmappedArray_t Mipmap, int Device) {
  return notSupported(MemoryRequirements);
}

cudaError_t cudaMipmappedArrayGetSparseProperties(
    cudaArraySparseProperties *SparseProperties, cudaMipmappedArray_t Mipmap) {
  return notSupported(SparseProperties);
}

//===--- Execution control ------------------------------------------------===//

cudaError_t
cudaLaunchCooperativeKernelMultiDevice(cudaLaunchParams *LaunchParamsList,
                                       unsigned int NumDevices,
                                       unsigned int Flags) {
  return notSupported();
}

//===--- Occupancy --------------------------------------------------------===//

cudaError_t
cudaOccupancyMaxPotentialClusterSize(int *ClusterSize, const void *Func,
                                     const cudaLaunchConfig_t *LaunchConfig) {
  return notSupported(ClusterSize);
}

cudaError_t
cudaOccupancyMaxActiveClusters(int *NumClusters, const void *Func,
                               const cudaLaunchConfig_t *LaunchConfig) {
  return notSupported(NumClusters);
}

//===--- Libraries and kernels --------------------------------------------===//

cudaError_t cudaLibraryLoadData(cudaLibrary_t *Library, const void *Code,
                                cudaJitOption *JitOptions,
                                void **JitOptionsValues,
                                unsigned int NumJitOptions,
                                cudaLibraryOption *LibraryOptions,
                                void **LibraryOptionValues,
                                unsigned int NumLibraryOptions) {
  return notSupported(Library);
}

cudaError_t cudaLibraryLoadFromFile(
    cudaLibrary_t *Library, const char *FileName, cudaJitOption *JitOptions,
    void **JitOptionsValues, unsigned int NumJitOptions,
    cudaLibraryOption *LibraryOptions, void **LibraryOptionValues,
    unsigned int NumLibraryOptions) {
  return notSupported(Library);
}

cudaError_t cudaLibraryUnload(cudaLibrary_t Library) { return notSupported(); }

cudaError_t cudaLibraryGetKernel(cudaKernel_t *Kernel, cudaLibrary_t Library,
                                 const char *Name) {
  return notSupported(Kernel);
}

cudaError_t cudaLibraryGetGlobal(void **DevPtr, size_t *Bytes,
                                 cudaLibrary_t Library, const char *Name) {
  return notSupported(DevPtr, Bytes);
}

cudaError_t cudaLibraryGetManaged(void **DevPtr, size_t *Bytes,
                                  cudaLibrary_t Library, const char *Name) {
  return notSupported(DevPtr, Bytes);
}

cudaError_t cudaLibraryGetUnifiedFunction(void **FuncPtr, cudaLibrary_t Library,
                                          const char *Symbol) {
  return notSupported(FuncPtr);
}

cudaError_t cudaLibraryGetKernelCount(unsigned int *Count,
                                      cudaLibrary_t Library) {
  return notSupported(Count);
}

cudaError_t cudaLibraryEnumerateKernels(cudaKernel_t *Kernels,
                                        unsigned int NumKernels,
                                        cudaLibrary_t Library) {
  return notSupported();
}

//===--- Driver API interaction -------------------------------------------===//

cudaError_t cudaGetExportTable(const void **ExportTable,
                               const cudaUUID_t *ExportTableId) {
  return notSupported(ExportTable);
}

//===--- Interprocess communication ---------------------------------------===//

cudaError_t cudaIpcGetEventHandle(cudaIpcEventHandle_t *Handle,
                                  cudaEvent_t Event) {
  return notSupported(Handle);
}

cudaError_t cudaIpcOpenEventHandle(cudaEvent_t *Event,
                                   cudaIpcEventHandle_t Handle) {
  return notSupported(Event);
}

cudaError_t cudaIpcGetMemHandle(cudaIpcMemHandle_t *Handle, void *DevPtr) {
  return notSupported(Handle);
}

cudaError_t cudaIpcOpenMemHandle(void **DevPtr, cudaIpcMemHandle_t Handle,
                                 unsigned int Flags) {
  return notSupported(DevPtr);
}

cudaError_t cudaIpcCloseMemHandle(void *DevPtr) { return notSupported(); }

//===--- External resources -----------------------------------------------===//

cudaError_t
cudaImportExternalMemory(cudaExternalMemory_t *ExtMemOut,
                         const cudaExternalMemoryHandleDesc *MemHandleDesc) {
  return notSupported(ExtMemOut);
}

cudaError_t cudaExternalMemoryGetMappedBuffer(
    void **DevPtr, cudaExternalMemory_t ExtMem,
    const cudaExternalMemoryBufferDesc *BufferDesc) {
  return notSupported(DevPtr);
}

cudaError_t cudaExternalMemoryGetMappedMipmappedArray(
    cudaMipmappedArray_t *Mipmap, cudaExternalMemory_t ExtMem,
    const cudaExternalMemoryMipmappedArrayDesc *MipmapDesc) {
  return notSupported(Mipmap);
}

cudaError_t cudaDestroyExternalMemory(cudaExternalMemory_t ExtMem) {
  return notSupported();
}

cudaError_t cudaImportExternalSemaphore(
    cudaExternalSemaphore_t *ExtSemOut,
    const cudaExternalSemaphoreHandleDesc *SemHandleDesc) {
  return notSupported(ExtSemOut);
}

cudaError_t cudaSignalExternalSemaphoresAsync(
    const cudaExternalSemaphore_t *ExtSemArray,
    const cudaExternalSemaphoreSignalParams *ParamsArray,
    unsigned int NumExtSems, cudaStream_t Stream) {
  return notSupported();
}

cudaError_t cudaSignalExternalSemaphoresAsync_v2(
    const cudaExternalSemaphore_t *ExtSemArray,
    const cudaExternalSemaphoreSignalParams *ParamsArray,
    unsigned int NumExtSems, cudaStream_t Stream) {
  return notSupported();
}

cudaError_t cudaWaitExternalSemaphoresAsync(
    const cudaExternalSemaphore_t *ExtSemArray,
    const cudaExternalSemaphoreWaitParams *ParamsArray, unsigned int NumExtSems,
    cudaStream_t Stream) {
  return notSupported();
}

cudaError_t cudaWaitExternalSemaphoresAsync_v2(
    const cudaExternalSemaphore_t *ExtSemArray,
    const cudaExternalSemaphoreWaitParams *ParamsArray, unsigned int NumExtSems,
    cudaStream_t Stream) {
  return notSupported();
}

cudaError_t cudaDestroyExternalSemaphore(cudaExternalSemaphore_t ExtSem) {
  return notSupported();
}

//===--- Graphics interoperability ----------------------------------------===//

cudaError_t cudaGraphicsUnregisterResource(cudaGraphicsResource_t Resource) {
  return notSupported();
}

cudaError_t cudaGraphicsResourceSetMapFlags(cudaGraphicsResource_t Resource,
                                            unsigned int Flags) {
  return notSupported();
}

cudaError_t cudaGraphicsMapResources(int Count,
                                     cudaGraphicsResource_t *Resources,
                                     cudaStream_t Stream) {
  return notSupported();
}

cudaError_t cudaGraphicsUnmapResources(int Count,
                                       cudaGraphicsResource_t *Resources,
                                       cudaStream_t Stream) {
  return notSupported();
}

cudaError_t
cudaGraphicsResourceGetMappedPointer(void **DevPtr, size_t *Size,
                                     cudaGraphicsResource_t Resource) {
  return notSupported(DevPtr, Size);
}

cudaError_t cudaGraphicsSubResourceGetMappedArray(
    cudaArray_t *Array, cudaGraphicsResource_t Resource,
    unsigned int ArrayIndex, unsigned int MipLevel) {
  return notSupported(Array);
}

cudaError_t cudaGraphicsResourceGetMappedMipmappedArray(
    cudaMipmappedArray_t *MipmappedArray, cudaGraphicsResource_t Resource) {
  return notSupported(MipmappedArray);
}
