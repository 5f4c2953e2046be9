//===- cuda_runtime_api.h - CUDA Runtime API (C interface) ------*- C++ -*-===//
//
// Part of Tongxin. The C entry points of the CUDA Runtime API implemented by
// libtongxin, plus the registration and launch-configuration hooks that
// clang's CUDA host code calls. Valid for clang in CUDA mode (host and
// device passes) and for a plain C or C++ compiler.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#define TONGXIN_CUDA_RUNTIME_API_H

#include "tongxin/cuda_config.h"
#include "tongxin/host_defines.h"

#include "driver_types.h"
#include "vector_types.h"

#include <stddef.h>

#ifdef __cplusplus
#define __TX_DEFAULT(Value) = Value
extern "C" {
#else
#define __TX_DEFAULT(Value)
#endif

#pragma GCC visibility push(default)

//===--- Device management ------------------------------------------------===//

__host__ cudaError_t cudaGetDeviceCount(int *Count);
__host__ cudaError_t cudaSetDevice(int Device);
__host__ cudaError_t cudaGetDevice(int *Device);
__host__ cudaError_t cudaGetDeviceProperties(struct cudaDeviceProp *Prop,
                                             int Device);
__host__ cudaError_t cudaDeviceGetAttribute(int *Value,
                                            enum cudaDeviceAttr Attr,
                                            int Device);
__host__ cudaError_t cudaChooseDevice(int *Device,
                                      const struct cudaDeviceProp *Prop);
__host__ cudaError_t cudaDeviceSynchronize(void);
__host__ cudaError_t cudaThreadSynchronize(void);
__host__ cudaError_t cudaDeviceReset(void);
__host__ cudaError_t cudaThreadExit(void);
__host__ cudaError_t cudaSetDeviceFlags(unsigned int Flags);
__host__ cudaError_t cudaGetDeviceFlags(unsigned int *Flags);
__host__ cudaError_t cudaDeviceGetLimit(size_t *Value, enum cudaLimit Limit);
__host__ cudaError_t cudaDeviceSetLimit(enum cudaLimit Limit, size_t Value);
__host__ cudaError_t cudaDeviceGetCacheConfig(enum cudaFuncCache *Config);
__host__ cudaError_t cudaDeviceSetCacheConfig(enum cudaFuncCache Config);
__host__ cudaError_t
cudaDeviceGetSharedMemConfig(enum cudaSharedMemConfig *Config);
__host__ cudaError_t
cudaDeviceSetSharedMemConfig(enum cudaSharedMemConfig Config);
__host__ cudaError_t cudaDeviceCanAccessPeer(int *CanAccess, int Device,
                                             int PeerDevice);
__host__ cudaError_t cudaDeviceEnablePeerAccess(int PeerDevice,
                                                unsigned int Flags);
__host__ cudaError_t cudaDeviceDisablePeerAccess(int PeerDevice);
__host__ cudaError_t cudaDeviceGetStreamPriorityRange(int *LeastPriority,
                                                      int *GreatestPriority);
__host__ cudaError_t cudaRuntimeGetVersion(int *Version);
__host__ cudaError_t cudaDriverGetVersion(int *Version);

//===--- Errors -----------------------------------------------------------===//

__host__ cudaError_t cudaGetLastError(void);
__host__ cudaError_t cudaPeekAtLastError(void);
__host__ const char *cudaGetErrorString(cudaError_t Error);
__host__ const char *cudaGetErrorName(cudaError_t Error);

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
__host__ cudaError_t cudaMemPrefetchAsync(const void *DevPtr, size_t Count,
                                          int DstDevice,
                                          cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemAdvise(const void *DevPtr, size_t Count,
                                   enum cudaMemoryAdvise Advice, int Device);

//===--- CUDA arrays ------------------------------------------------------===//

__host__ struct cudaChannelFormatDesc
cudaCreateChannelDesc(int X, int Y, int Z, int W, enum cudaChannelFormatKind F);
__host__ cudaError_t cudaMallocArray(cudaArray_t *Array,
                                     const struct cudaChannelFormatDesc *Desc,
                                     size_t Width, size_t Height __TX_DEFAULT(0),
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
__host__ cudaError_t cudaMemcpyToArrayAsync(cudaArray_t Dst, size_t WOffset,
                                            size_t HOffset, const void *Src,
                                            size_t Count,
                                            enum cudaMemcpyKind Kind,
                                            cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpyFromArrayAsync(
    void *Dst, cudaArray_const_t Src, size_t WOffset, size_t HOffset,
    size_t Count, enum cudaMemcpyKind Kind, cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpy2DToArrayAsync(
    cudaArray_t Dst, size_t WOffset, size_t HOffset, const void *Src,
    size_t SPitch, size_t Width, size_t Height, enum cudaMemcpyKind Kind,
    cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaMemcpy2DFromArrayAsync(
    void *Dst, size_t DPitch, cudaArray_const_t Src, size_t WOffset,
    size_t HOffset, size_t Width, size_t Height, enum cudaMemcpyKind Kind,
    cudaStream_t Stream __TX_DEFAULT(0));

//===--- Texture and surface objects --------------------------------------===//

__host__ cudaError_t
cudaCreateTextureObject(cudaTextureObject_t *TexObject,
                        const struct cudaResourceDesc *ResDesc,
                        const struct cudaTextureDesc *TexDesc,
                        const struct cudaResourceViewDesc *ResViewDesc);
__host__ cudaError_t cudaDestroyTextureObject(cudaTextureObject_t TexObject);
__host__ cudaError_t cudaDeviceGetTexture1DLinearMaxWidth(
    size_t *MaxWidthInElements, const struct cudaChannelFormatDesc *FmtDesc,
    int Device);
__host__ cudaError_t
cudaGetTextureObjectResourceDesc(struct cudaResourceDesc *ResDesc,
                                 cudaTextureObject_t TexObject);
__host__ cudaError_t
cudaGetTextureObjectTextureDesc(struct cudaTextureDesc *TexDesc,
                                cudaTextureObject_t TexObject);
__host__ cudaError_t
cudaGetTextureObjectResourceViewDesc(struct cudaResourceViewDesc *ResViewDesc,
                                     cudaTextureObject_t TexObject);
__host__ cudaError_t
cudaCreateSurfaceObject(cudaSurfaceObject_t *SurfObject,
                        const struct cudaResourceDesc *ResDesc);
__host__ cudaError_t cudaDestroySurfaceObject(cudaSurfaceObject_t SurfObject);
__host__ cudaError_t
cudaGetSurfaceObjectResourceDesc(struct cudaResourceDesc *ResDesc,
                                 cudaSurfaceObject_t SurfObject);

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

//===--- Streams ----------------------------------------------------------===//

__host__ cudaError_t cudaStreamCreate(cudaStream_t *Stream);
__host__ cudaError_t cudaStreamCreateWithFlags(cudaStream_t *Stream,
                                               unsigned int Flags);
__host__ cudaError_t cudaStreamCreateWithPriority(cudaStream_t *Stream,
                                                  unsigned int Flags,
                                                  int Priority);
__host__ cudaError_t cudaStreamDestroy(cudaStream_t Stream);
__host__ cudaError_t cudaStreamSynchronize(cudaStream_t Stream);
__host__ cudaError_t cudaStreamQuery(cudaStream_t Stream);
__host__ cudaError_t cudaStreamWaitEvent(cudaStream_t Stream, cudaEvent_t Event,
                                         unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaStreamAddCallback(cudaStream_t Stream,
                                           cudaStreamCallback_t Callback,
                                           void *UserData, unsigned int Flags);
__host__ cudaError_t cudaStreamGetFlags(cudaStream_t Stream,
                                        unsigned int *Flags);
__host__ cudaError_t cudaStreamGetPriority(cudaStream_t Stream, int *Priority);
__host__ cudaError_t cudaLaunchHostFunc(cudaStream_t Stream, cudaHostFn_t Fn,
                                        void *UserData);

//===--- Events -----------------------------------------------------------===//

__host__ cudaError_t cudaEventCreate(cudaEvent_t *Event);
__host__ cudaError_t cudaEventCreateWithFlags(cudaEvent_t *Event,
                                              unsigned int Flags);
__host__ cudaError_t cudaEventRecord(cudaEvent_t Event,
                                     cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t
cudaEventRecordWithFlags(cudaEvent_t Event, cudaStream_t Stream __TX_DEFAULT(0),
                         unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaEventQuery(cudaEvent_t Event);
__host__ cudaError_t cudaEventSynchronize(cudaEvent_t Event);
__host__ cudaError_t cudaEventElapsedTime(float *Ms, cudaEvent_t Start,
                                          cudaEvent_t End);
__host__ cudaError_t cudaEventDestroy(cudaEvent_t Event);

//===--- Execution --------------------------------------------------------===//

__host__ cudaError_t cudaLaunchKernel(const void *Func, dim3 GridDim,
                                      dim3 BlockDim, void **Args,
                                      size_t SharedMem, cudaStream_t Stream);
__host__ cudaError_t cudaLaunchCooperativeKernel(const void *Func,
                                                 dim3 GridDim, dim3 BlockDim,
                                                 void **Args, size_t SharedMem,
                                                 cudaStream_t Stream);
__host__ cudaError_t cudaFuncGetAttributes(struct cudaFuncAttributes *Attr,
                                           const void *Func);
__host__ cudaError_t cudaFuncSetAttribute(const void *Func,
                                          enum cudaFuncAttribute Attr,
                                          int Value);
__host__ cudaError_t cudaFuncSetCacheConfig(const void *Func,
                                            enum cudaFuncCache Config);
__host__ cudaError_t
cudaFuncSetSharedMemConfig(const void *Func, enum cudaSharedMemConfig Config);
__host__ cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(
    int *NumBlocks, const void *Func, int BlockSize, size_t DynamicSMemSize);
__host__ cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(
    int *NumBlocks, const void *Func, int BlockSize, size_t DynamicSMemSize,
    unsigned int Flags);

//===--- Hooks called by clang-generated host code ------------------------===//

void **__cudaRegisterFatBinary(void *FatCubin);
void __cudaRegisterFatBinaryEnd(void **Handle);
void __cudaUnregisterFatBinary(void **Handle);
int __cudaRegisterFunction(void **Handle, const void *HostFun, char *DeviceFun,
                           const char *DeviceName, int ThreadLimit, uint3 *Tid,
                           uint3 *Bid, dim3 *BDim, dim3 *GDim, int *WSize);
void __cudaRegisterVar(void **Handle, char *HostVar, char *DeviceAddress,
                       const char *DeviceName, int Ext, size_t Size,
                       int Constant, int Global);
void __cudaRegisterManagedVar(void **Handle, void **HostVarPtrAddress,
                              char *DeviceAddress, const char *DeviceName,
                              int Ext, size_t Size, int Constant, int Global);
unsigned __cudaPushCallConfiguration(dim3 GridDim, dim3 BlockDim,
                                     size_t SharedMem __TX_DEFAULT(0),
                                     cudaStream_t Stream __TX_DEFAULT(0));
cudaError_t __cudaPopCallConfiguration(dim3 *GridDim, dim3 *BlockDim,
                                       size_t *SharedMem, void *Stream);

#pragma GCC visibility pop

#ifdef __cplusplus
} // extern "C"

// Texture and surface references were removed in CUDA 12: a call is a
// compile error naming the replacement, not an undeclared identifier.
#define __TX_REMOVED_REFERENCE_API(NAME)                                       \
  template <class... __Args>                                                   \
  __attribute__((unavailable("texture and surface references were removed "    \
                             "in CUDA 12; use texture and surface objects "    \
                             "(cudaCreateTextureObject)"))) __host__           \
  cudaError_t NAME(__Args...);
__TX_REMOVED_REFERENCE_API(cudaBindTexture)
__TX_REMOVED_REFERENCE_API(cudaBindTexture2D)
__TX_REMOVED_REFERENCE_API(cudaBindTextureToArray)
__TX_REMOVED_REFERENCE_API(cudaBindTextureToMipmappedArray)
__TX_REMOVED_REFERENCE_API(cudaUnbindTexture)
__TX_REMOVED_REFERENCE_API(cudaGetTextureReference)
__TX_REMOVED_REFERENCE_API(cudaGetTextureAlignmentOffset)
__TX_REMOVED_REFERENCE_API(cudaBindSurfaceToArray)
__TX_REMOVED_REFERENCE_API(cudaGetSurfaceReference)
#undef __TX_REMOVED_REFERENCE_API
#endif

#undef __TX_DEFAULT

//===--- Helpers of driver_functions.h ------------------------------------===//

static __inline__ __host__ struct cudaPitchedPtr
make_cudaPitchedPtr(void *Ptr, size_t Pitch, size_t XSize, size_t YSize) {
  struct cudaPitchedPtr P;
  P.ptr = Ptr;
  P.pitch = Pitch;
  P.xsize = XSize;
  P.ysize = YSize;
  return P;
}

static __inline__ __host__ struct cudaPos make_cudaPos(size_t X, size_t Y,
                                                       size_t Z) {
  struct cudaPos P;
  P.x = X;
  P.y = Y;
  P.z = Z;
  return P;
}

static __inline__ __host__ struct cudaExtent make_cudaExtent(size_t W, size_t H,
                                                             size_t D) {
  struct cudaExtent E;
  E.width = W;
  E.height = H;
  E.depth = D;
  return E;
}

#endif // TONGXIN_CUDA_RUNTIME_API_H
