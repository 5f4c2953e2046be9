//===- tongxin/runtime_api_device.h - Devices, errors, versions -*- C++ -*-===//
//
// Part of Tongxin. The device management, error and version entry points of
// the CUDA 12.9 Runtime API. <cuda_runtime_api.h> includes this inside its
// extern "C" block; included on its own, it includes <cuda_runtime_api.h>.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#include "cuda_runtime_api.h"
#elif !defined(TONGXIN_RUNTIME_API_DEVICE_H)
#define TONGXIN_RUNTIME_API_DEVICE_H

//===--- Device management ------------------------------------------------===//

__host__ cudaError_t cudaGetDeviceCount(int *Count);
__host__ cudaError_t cudaSetDevice(int Device);
__host__ cudaError_t cudaGetDevice(int *Device);
__host__ cudaError_t cudaInitDevice(int Device, unsigned int DeviceFlags,
                                    unsigned int Flags);
__host__ cudaError_t cudaSetValidDevices(int *DeviceArr, int Len);
__host__ cudaError_t cudaGetDeviceProperties(struct cudaDeviceProp *Prop,
                                             int Device);
__host__ cudaError_t cudaGetDeviceProperties_v2(struct cudaDeviceProp *Prop,
                                                int Device);
__host__ cudaError_t cudaDeviceGetAttribute(int *Value,
                                            enum cudaDeviceAttr Attr,
                                            int Device);
__host__ cudaError_t cudaChooseDevice(int *Device,
                                      const struct cudaDeviceProp *Prop);
__host__ cudaError_t cudaDeviceGetByPCIBusId(int *Device, const char *PciBusId);
__host__ cudaError_t cudaDeviceGetPCIBusId(char *PciBusId, int Len, int Device);
__host__ cudaError_t cudaDeviceGetP2PAttribute(int *Value,
                                               enum cudaDeviceP2PAttr Attr,
                                               int SrcDevice, int DstDevice);
__host__ cudaError_t cudaDeviceGetTexture1DLinearMaxWidth(
    size_t *MaxWidthInElements, const struct cudaChannelFormatDesc *FmtDesc,
    int Device);
__host__ cudaError_t cudaDeviceSynchronize(void);
__host__ cudaError_t cudaDeviceReset(void);
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
__host__ cudaError_t cudaDeviceGetStreamPriorityRange(int *LeastPriority,
                                                      int *GreatestPriority);
__host__ cudaError_t cudaCtxResetPersistingL2Cache(void);
__host__ cudaError_t cudaDeviceFlushGPUDirectRDMAWrites(
    enum cudaFlushGPUDirectRDMAWritesTarget Target,
    enum cudaFlushGPUDirectRDMAWritesScope Scope);
__host__ cudaError_t cudaDeviceGetNvSciSyncAttributes(void *NvSciSyncAttrList,
                                                      int Device, int Flags);
__host__ cudaError_t cudaDeviceRegisterAsyncNotification(
    int Device, cudaAsyncCallback CallbackFunc, void *UserData,
    cudaAsyncCallbackHandle_t *Callback);
__host__ cudaError_t cudaDeviceUnregisterAsyncNotification(
    int Device, cudaAsyncCallbackHandle_t Callback);

//===--- Thread management (deprecated) -----------------------------------===//

__host__ cudaError_t cudaThreadExit(void);
__host__ cudaError_t cudaThreadSynchronize(void);
__host__ cudaError_t cudaThreadSetLimit(enum cudaLimit Limit, size_t Value);
__host__ cudaError_t cudaThreadGetLimit(size_t *Value, enum cudaLimit Limit);
__host__ cudaError_t cudaThreadGetCacheConfig(enum cudaFuncCache *Config);
__host__ cudaError_t cudaThreadSetCacheConfig(enum cudaFuncCache Config);

//===--- Peer device memory access ----------------------------------------===//

__host__ cudaError_t cudaDeviceCanAccessPeer(int *CanAccess, int Device,
                                             int PeerDevice);
__host__ cudaError_t cudaDeviceEnablePeerAccess(int PeerDevice,
                                                unsigned int Flags);
__host__ cudaError_t cudaDeviceDisablePeerAccess(int PeerDevice);

//===--- Errors -----------------------------------------------------------===//

__host__ cudaError_t cudaGetLastError(void);
__host__ cudaError_t cudaPeekAtLastError(void);
__host__ const char *cudaGetErrorString(cudaError_t Error);
__host__ const char *cudaGetErrorName(cudaError_t Error);

//===--- Version management -----------------------------------------------===//

__host__ cudaError_t cudaRuntimeGetVersion(int *Version);
__host__ cudaError_t cudaDriverGetVersion(int *Version);

#endif // TONGXIN_CUDA_RUNTIME_API_H / TONGXIN_RUNTIME_API_DEVICE_H
