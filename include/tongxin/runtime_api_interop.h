//===- tongxin/runtime_api_interop.h - Interoperability API -----*- C++ -*-===//
//
// Part of Tongxin. The entry points of the CUDA 12.9 Runtime API that share
// memory and synchronisation with other processes and APIs: IPC, external
// memory and semaphores, and graphics resources (which only the graphics
// APIs' own registration functions create). <cuda_runtime_api.h> includes
// this inside its extern "C" block; included on its own, it includes
// <cuda_runtime_api.h>.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#include "cuda_runtime_api.h"
#elif !defined(TONGXIN_RUNTIME_API_INTEROP_H)
#define TONGXIN_RUNTIME_API_INTEROP_H

//===--- Interprocess communication ---------------------------------------===//

__host__ cudaError_t cudaIpcGetEventHandle(cudaIpcEventHandle_t *Handle,
                                           cudaEvent_t Event);
__host__ cudaError_t cudaIpcOpenEventHandle(cudaEvent_t *Event,
                                            cudaIpcEventHandle_t Handle);
__host__ cudaError_t cudaIpcGetMemHandle(cudaIpcMemHandle_t *Handle,
                                         void *DevPtr);
__host__ cudaError_t cudaIpcOpenMemHandle(void **DevPtr,
                                          cudaIpcMemHandle_t Handle,
                                          unsigned int Flags);
__host__ cudaError_t cudaIpcCloseMemHandle(void *DevPtr);

//===--- External resources -----------------------------------------------===//

__host__ cudaError_t cudaImportExternalMemory(
    cudaExternalMemory_t *ExtMemOut,
    const struct cudaExternalMemoryHandleDesc *MemHandleDesc);
__host__ cudaError_t cudaExternalMemoryGetMappedBuffer(
    void **DevPtr, cudaExternalMemory_t ExtMem,
    const struct cudaExternalMemoryBufferDesc *BufferDesc);
__host__ cudaError_t cudaExternalMemoryGetMappedMipmappedArray(
    cudaMipmappedArray_t *Mipmap, cudaExternalMemory_t ExtMem,
    const struct cudaExternalMemoryMipmappedArrayDesc *MipmapDesc);
__host__ cudaError_t cudaDestroyExternalMemory(cudaExternalMemory_t ExtMem);
__host__ cudaError_t cudaImportExternalSemaphore(
    cudaExternalSemaphore_t *ExtSemOut,
    const struct cudaExternalSemaphoreHandleDesc *SemHandleDesc);
__host__ cudaError_t cudaSignalExternalSemaphoresAsync(
    const cudaExternalSemaphore_t *ExtSemArray,
    const struct cudaExternalSemaphoreSignalParams *ParamsArray,
    unsigned int NumExtSems, cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaSignalExternalSemaphoresAsync_v2(
    const cudaExternalSemaphore_t *ExtSemArray,
    const struct cudaExternalSemaphoreSignalParams *ParamsArray,
    unsigned int NumExtSems, cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaWaitExternalSemaphoresAsync(
    const cudaExternalSemaphore_t *ExtSemArray,
    const struct cudaExternalSemaphoreWaitParams *ParamsArray,
    unsigned int NumExtSems, cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaWaitExternalSemaphoresAsync_v2(
    const cudaExternalSemaphore_t *ExtSemArray,
    const struct cudaExternalSemaphoreWaitParams *ParamsArray,
    unsigned int NumExtSems, cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t
cudaDestroyExternalSemaphore(cudaExternalSemaphore_t ExtSem);

//===--- Graphics interoperability ----------------------------------------===//

__host__ cudaError_t
cudaGraphicsUnregisterResource(cudaGraphicsResource_t Resource);
__host__ cudaError_t cudaGraphicsResourceSetMapFlags(
    cudaGraphicsResource_t Resource, unsigned int Flags);
__host__ cudaError_t
cudaGraphicsMapResources(int Count, cudaGraphicsResource_t *Resources,
                         cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t
cudaGraphicsUnmapResources(int Count, cudaGraphicsResource_t *Resources,
                           cudaStream_t Stream __TX_DEFAULT(0));
__host__ cudaError_t cudaGraphicsResourceGetMappedPointer(
    void **DevPtr, size_t *Size, cudaGraphicsResource_t Resource);
__host__ cudaError_t cudaGraphicsSubResourceGetMappedArray(
    cudaArray_t *Array, cudaGraphicsResource_t Resource,
    unsigned int ArrayIndex, unsigned int MipLevel);
__host__ cudaError_t cudaGraphicsResourceGetMappedMipmappedArray(
    cudaMipmappedArray_t *MipmappedArray, cudaGraphicsResource_t Resource);

#endif // TONGXIN_CUDA_RUNTIME_API_H / TONGXIN_RUNTIME_API_INTEROP_H
