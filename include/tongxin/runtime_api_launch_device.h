//===- tongxin/runtime_api_launch_device.h - Device-side launches -*- C++
//-*-===//
//
// Part of Tongxin. The device-side entry points of CUDA dynamic parallelism
// (kernels launching kernels), as <cuda_device_runtime_api.h> declares them.
// Thrust and CUB name them in __host__ __device__ code that only runs on a
// GPU with -rdc, so they are declared for the sources to parse; device code
// that calls one is a compile error of the CPU backend (LowerDeviceCalls).
// <cuda_runtime_api.h> includes this inside its extern "C" block.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#include "cuda_runtime_api.h"
#elif !defined(TONGXIN_RUNTIME_API_LAUNCH_DEVICE_H)
#define TONGXIN_RUNTIME_API_LAUNCH_DEVICE_H

__device__ void *cudaGetParameterBuffer(size_t Alignment, size_t Size);
__device__ void *cudaGetParameterBufferV2(void *Func, dim3 GridDim,
                                          dim3 BlockDim,
                                          unsigned int SharedMemSize);
__device__ cudaError_t cudaLaunchDevice(void *Func, void *ParameterBuffer,
                                        dim3 GridDim, dim3 BlockDim,
                                        unsigned int SharedMemSize,
                                        cudaStream_t Stream);
__device__ cudaError_t cudaLaunchDeviceV2(void *ParameterBuffer,
                                          cudaStream_t Stream);
__device__ cudaError_t __cudaDeviceSynchronizeDeprecationAvoidance(void);

#endif // TONGXIN_RUNTIME_API_LAUNCH_DEVICE_H
