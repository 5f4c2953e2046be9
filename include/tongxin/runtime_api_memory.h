//===- tongxin/runtime_api_memory.h - Memory management API -----*- C++ -*-===//
//
// Part of Tongxin. The memory entry points of the CUDA 12.9 Runtime API:
// allocation, copies and fills, unified-memory hints, the stream-ordered
// allocator, CUDA arrays, texture and surface objects, and symbols.
// <cuda_runtime_api.h> includes this inside its extern "C" block; included
// on its own, it includes <cuda_runtime_api.h>.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#include "cuda_runtime_api.h"
#elif !defined(TONGXIN_RUNTIME_API_MEMORY_H)
#define TONGXIN_RUNTIME_API_MEMORY_H

//===--- Memory -----------------------------------------------------------===//

__host__ cudaError_t cudaMalloc(void **DevPtr, size_t Size);
__host__ cudaError_t cudaFree(void *DevPtr);
__host__ cudaError_t cudaMallocHost(void **Ptr, size_t Size);
__host__ cudaError_t cudaFreeHost(void *Ptr);
__host__ cudaError_t cudaHostAlloc(void **Ptr, size_t Size, unsigned int Flags);
__host__ cudaError_t cudaHostRegister(void *Ptr, size_t Size,
                                      unsigned int Flags);
__host__ cudaError_t cudaHostUnregister(void *Ptr);
__host__ cudaError_t cudaHostGetDevicePointer(void **DevPtr, void *HostPtr,
                                              unsigned int Flags);
__host__ cudaError_t cudaHostGetFlags(unsigned int *Flags, void *HostPtr);
__host__ cudaError_t
cudaMallocManaged(void **DevPtr, size_t Size,
                  unsigned int Flags __TX_DEFAULT(cudaMemAttachGlobal));
__host__ cudaError_t cudaMallocPitch(void **DevPtr, size_t *Pitch, size_t Width,
                                     size_t Height);
__host__ cudaError_t cudaMalloc3D(struct cudaPitchedPtr *PitchedDevPtr,
                                  struct cudaExtent Extent);
__host__ cudaError_t cudaMemGetInfo(size_t *Free, size_t *Total);
__host__ cudaError_t cudaPointerGetAttributes(
    struct cudaPointerAttributes *Attributes, const void *Ptr);

//===--- Copies and fills -------------------------------------------------===//

__host__ cudaError_t cudaMemcpy(void *Dst, const void *Src, size_t Count,
                                enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaMemcpyAsync(void *Dst, const void *Src, size_t Count,
                                     enum cudaMemcpyKind Kind,
                                     cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpy2D(void *Dst, size_t DPitch, const void *Src,
                                  size_t SPitch, size_t Width, size_t Height,
                                  enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaMemcpy2DAsync(void *Dst, size_t DPitch,
                                       const void *Src, size_t SPitch,
                                       size_t Width, size_t Height,
                                       enum cudaMemcpyKind Kind,
                                       cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpy3D(const struct cudaMemcpy3DParms *Parms);
__host__ cudaError_t cudaMemcpy3DAsync(const struct cudaMemcpy3DParms *Parms,
                                       cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpyPeer(void *Dst, int DstDevice, const void *Src,
                                    int SrcDevice, size_t Count);
__host__ cudaError_t cudaMemcpyPeerAsync(void *Dst, int DstDevice,
                                         const void *Src, int SrcDevice,
                                         size_t Count,
                                         cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemset(void *DevPtr, int Value, size_t Count);
__host__ cudaError_t cudaMemsetAsync(void *DevPtr, int Value, size_t Count,
                                     cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemset2D(void *DevPtr, size_t Pitch, int Value,
                                  size_t Width, size_t Height);
__host__ cudaError_t cudaMemset2DAsync(void *DevPtr, size_t Pitch, int Value,
                                       size_t Width, size_t Height,
                                       cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemset3D(struct cudaPitchedPtr PitchedDevPtr,
                                  int Value, struct cudaExtent Extent);
__host__ cudaError_t cudaMemset3DAsync(struct cudaPitchedPtr PitchedDevPtr,
                                       int Value, struct cudaExtent Extent,
                                       cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t
cudaMemcpy3DPeer(const struct cudaMemcpy3DPeerParms *Parms);
__host__ cudaError_t
cudaMemcpy3DPeerAsync(const struct cudaMemcpy3DPeerParms *Parms,
                      cudaStream_t Stream __TX_DEFAULT(0));

//===--- Batched copies ---------------------------------------------------===//

__host__ cudaError_t cudaMemcpyBatchAsync(void **Dsts, void **Srcs,
                                          size_t *Sizes, size_t Count,
                                          struct cudaMemcpyAttributes *Attrs,
                                          size_t *AttrsIdxs, size_t NumAttrs,
                                          size_t *FailIdx, cudaStream_t Stream);
__host__ cudaError_t cudaMemcpy3DBatchAsync(size_t NumOps,
                                            struct cudaMemcpy3DBatchOp *OpList,
                                            size_t *FailIdx,
                                            unsigned long long Flags,
                                            cudaStream_t Stream);

//===--- Unified memory ---------------------------------------------------===//

__host__ cudaError_t cudaMemPrefetchAsync(const void *DevPtr, size_t Count,
                                          int DstDevice,
                                          cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemPrefetchAsync_v2(
    const void *DevPtr, size_t Count, struct cudaMemLocation Location,
    unsigned int Flags, cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemAdvise(const void *DevPtr, size_t Count,
                                   enum cudaMemoryAdvise Advice, int Device);
__host__ cudaError_t cudaMemAdvise_v2(const void *DevPtr, size_t Count,
                                      enum cudaMemoryAdvise Advice,
                                      struct cudaMemLocation Location);
__host__ cudaError_t cudaMemRangeGetAttribute(
    void *Data, size_t DataSize, enum cudaMemRangeAttribute Attribute,
    const void *DevPtr, size_t Count);
__host__ cudaError_t cudaMemRangeGetAttributes(
    void **Data, size_t *DataSizes, enum cudaMemRangeAttribute *Attributes,
    size_t NumAttributes, const void *DevPtr, size_t Count);

//===--- Stream-ordered memory allocator ----------------------------------===//

__host__ cudaError_t cudaMallocAsync(void **DevPtr, size_t Size,
                                     cudaStream_t Stream);
__host__ cudaError_t cudaFreeAsync(void *DevPtr, cudaStream_t Stream);
__host__ cudaError_t cudaMallocFromPoolAsync(void **Ptr, size_t Size,
                                             cudaMemPool_t MemPool,
                                             cudaStream_t Stream);
__host__ cudaError_t cudaDeviceGetDefaultMemPool(cudaMemPool_t *MemPool,
                                                 int Device);
__host__ cudaError_t cudaDeviceSetMemPool(int Device, cudaMemPool_t MemPool);
__host__ cudaError_t cudaDeviceGetMemPool(cudaMemPool_t *MemPool, int Device);
__host__ cudaError_t cudaMemPoolCreate(
    cudaMemPool_t *MemPool, const struct cudaMemPoolProps *PoolProps);
__host__ cudaError_t cudaMemPoolDestroy(cudaMemPool_t MemPool);
__host__ cudaError_t cudaMemPoolTrimTo(cudaMemPool_t MemPool,
                                       size_t MinBytesToKeep);
__host__ cudaError_t cudaMemPoolSetAttribute(cudaMemPool_t MemPool,
                                             enum cudaMemPoolAttr Attr,
                                             void *Value);
__host__ cudaError_t cudaMemPoolGetAttribute(cudaMemPool_t MemPool,
                                             enum cudaMemPoolAttr Attr,
                                             void *Value);
__host__ cudaError_t
cudaMemPoolSetAccess(cudaMemPool_t MemPool,
                     const struct cudaMemAccessDesc *DescList, size_t Count);
__host__ cudaError_t cudaMemPoolGetAccess(enum cudaMemAccessFlags *Flags,
                                          cudaMemPool_t MemPool,
                                          struct cudaMemLocation *Location);
__host__ cudaError_t cudaMemPoolExportToShareableHandle(
    void *ShareableHandle, cudaMemPool_t MemPool,
    enum cudaMemAllocationHandleType HandleType, unsigned int Flags);
__host__ cudaError_t cudaMemPoolImportFromShareableHandle(
    cudaMemPool_t *MemPool, void *ShareableHandle,
    enum cudaMemAllocationHandleType HandleType, unsigned int Flags);
__host__ cudaError_t cudaMemPoolExportPointer(
    struct cudaMemPoolPtrExportData *ExportData, void *Ptr);
__host__ cudaError_t
cudaMemPoolImportPointer(void **Ptr, cudaMemPool_t MemPool,
                         struct cudaMemPoolPtrExportData *ExportData);

//===--- CUDA arrays ------------------------------------------------------===//

__host__ struct cudaChannelFormatDesc
cudaCreateChannelDesc(int X, int Y, int Z, int W, enum cudaChannelFormatKind F);
__host__ cudaError_t cudaMallocArray(cudaArray_t *Array,
                                     const struct cudaChannelFormatDesc *Desc,
                                     size_t Width,
                                     size_t Height __TX_DEFAULT(0),
                                     unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaMalloc3DArray(cudaArray_t *Array,
                                       const struct cudaChannelFormatDesc *Desc,
                                       struct cudaExtent Extent,
                                       unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaFreeArray(cudaArray_t Array);
__host__ cudaError_t cudaArrayGetInfo(struct cudaChannelFormatDesc *Desc,
                                      struct cudaExtent *Extent,
                                      unsigned int *Flags, cudaArray_t Array);
__host__ cudaError_t cudaGetChannelDesc(struct cudaChannelFormatDesc *Desc,
                                        cudaArray_const_t Array);
__host__ cudaError_t cudaMemcpyToArray(cudaArray_t Dst, size_t WOffset,
                                       size_t HOffset, const void *Src,
                                       size_t Count, enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaMemcpyFromArray(void *Dst, cudaArray_const_t Src,
                                         size_t WOffset, size_t HOffset,
                                         size_t Count,
                                         enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaMemcpyArrayToArray(
    cudaArray_t Dst, size_t WOffsetDst, size_t HOffsetDst,
    cudaArray_const_t Src, size_t WOffsetSrc, size_t HOffsetSrc, size_t Count,
    enum cudaMemcpyKind Kind __TX_DEFAULT(cudaMemcpyDeviceToDevice));
__host__ cudaError_t cudaMemcpy2DToArray(cudaArray_t Dst, size_t WOffset,
                                         size_t HOffset, const void *Src,
                                         size_t SPitch, size_t Width,
                                         size_t Height,
                                         enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaMemcpy2DFromArray(void *Dst, size_t DPitch,
                                           cudaArray_const_t Src,
                                           size_t WOffset, size_t HOffset,
                                           size_t Width, size_t Height,
                                           enum cudaMemcpyKind Kind);
__host__ cudaError_t cudaMemcpy2DArrayToArray(
    cudaArray_t Dst, size_t WOffsetDst, size_t HOffsetDst,
    cudaArray_const_t Src, size_t WOffsetSrc, size_t HOffsetSrc, size_t Width,
    size_t Height,
    enum cudaMemcpyKind Kind __TX_DEFAULT(cudaMemcpyDeviceToDevice));
__host__ cudaError_t
cudaMemcpyToArrayAsync(cudaArray_t Dst, size_t WOffset, size_t HOffset,
                       const void *Src, size_t Count, enum cudaMemcpyKind Kind,
                       cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t
cudaMemcpyFromArrayAsync(void *Dst, cudaArray_const_t Src, size_t WOffset,
                         size_t HOffset, size_t Count, enum cudaMemcpyKind Kind,
                         cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpy2DToArrayAsync(
    cudaArray_t Dst, size_t WOffset, size_t HOffset, const void *Src,
    size_t SPitch, size_t Width, size_t Height, enum cudaMemcpyKind Kind,
    cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpy2DFromArrayAsync(
    void *Dst, size_t DPitch, cudaArray_const_t Src, size_t WOffset,
    size_t HOffset, size_t Width, size_t Height, enum cudaMemcpyKind Kind,
    cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaArrayGetPlane(cudaArray_t *PlaneArray,
                                       cudaArray_t Array,
                                       unsigned int PlaneIdx);
__host__ cudaError_t cudaArrayGetMemoryRequirements(
    struct cudaArrayMemoryRequirements *MemoryRequirements, cudaArray_t Array,
    int Device);
__host__ cudaError_t cudaArrayGetSparseProperties(
    struct cudaArraySparseProperties *SparseProperties, cudaArray_t Array);

//===--- Mipmapped arrays -------------------------------------------------===//

__host__ cudaError_t cudaMallocMipmappedArray(
    cudaMipmappedArray_t *MipmappedArray,
    const struct cudaChannelFormatDesc *Desc, struct cudaExtent Extent,
    unsigned int NumLevels, unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaGetMipmappedArrayLevel(
    cudaArray_t *LevelArray, cudaMipmappedArray_const_t MipmappedArray,
    unsigned int Level);
__host__ cudaError_t
cudaFreeMipmappedArray(cudaMipmappedArray_t MipmappedArray);
__host__ cudaError_t cudaMipmappedArrayGetMemoryRequirements(
    struct cudaArrayMemoryRequirements *MemoryRequirements,
    cudaMipmappedArray_t Mipmap, int Device);
__host__ cudaError_t cudaMipmappedArrayGetSparseProperties(
    struct cudaArraySparseProperties *SparseProperties,
    cudaMipmappedArray_t Mipmap);

//===--- Texture and surface objects --------------------------------------===//

__host__ cudaError_t cudaCreateTextureObject(
    cudaTextureObject_t *TexObject, const struct cudaResourceDesc *ResDesc,
    const struct cudaTextureDesc *TexDesc,
    const struct cudaResourceViewDesc *ResViewDesc);
__host__ cudaError_t cudaDestroyTextureObject(cudaTextureObject_t TexObject);
__host__ cudaError_t cudaGetTextureObjectResourceDesc(
    struct cudaResourceDesc *ResDesc, cudaTextureObject_t TexObject);
__host__ cudaError_t cudaGetTextureObjectTextureDesc(
    struct cudaTextureDesc *TexDesc, cudaTextureObject_t TexObject);
__host__ cudaError_t cudaGetTextureObjectResourceViewDesc(
    struct cudaResourceViewDesc *ResViewDesc, cudaTextureObject_t TexObject);
__host__ cudaError_t cudaCreateSurfaceObject(
    cudaSurfaceObject_t *SurfObject, const struct cudaResourceDesc *ResDesc);
__host__ cudaError_t cudaDestroySurfaceObject(cudaSurfaceObject_t SurfObject);
__host__ cudaError_t cudaGetSurfaceObjectResourceDesc(
    struct cudaResourceDesc *ResDesc, cudaSurfaceObject_t SurfObject);

//===--- Symbols ----------------------------------------------------------===//

__host__ cudaError_t cudaMemcpyToSymbol(
    const void *Symbol, const void *Src, size_t Count,
    size_t Offset __TX_DEFAULT(0),
    enum cudaMemcpyKind Kind __TX_DEFAULT(cudaMemcpyHostToDevice));
__host__ cudaError_t cudaMemcpyFromSymbol(
    void *Dst, const void *Symbol, size_t Count, size_t Offset __TX_DEFAULT(0),
    enum cudaMemcpyKind Kind __TX_DEFAULT(cudaMemcpyDeviceToHost));
__host__ cudaError_t cudaMemcpyToSymbolAsync(
    const void *Symbol, const void *Src, size_t Count, size_t Offset,
    enum cudaMemcpyKind Kind, cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpyFromSymbolAsync(
    void *Dst, const void *Symbol, size_t Count, size_t Offset,
    enum cudaMemcpyKind Kind, cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaGetSymbolAddress(void **DevPtr, const void *Symbol);
__host__ cudaError_t cudaGetSymbolSize(size_t *Size, const void *Symbol);

#endif // TONGXIN_CUDA_RUNTIME_API_H / TONGXIN_RUNTIME_API_MEMORY_H
