//===- tongxin/runtime_api_execution.h - Launches and kernels ---*- C++ -*-===//
//
// Part of Tongxin. The execution entry points of the CUDA 12.9 Runtime API:
// kernel launches and attributes, occupancy, libraries, and what the
// runtime offers of the driver API. <cuda_runtime_api.h> includes this
// inside its extern "C" block; included on its own, it includes
// <cuda_runtime_api.h>.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#include "cuda_runtime_api.h"
#elif !defined(TONGXIN_RUNTIME_API_EXECUTION_H)
#define TONGXIN_RUNTIME_API_EXECUTION_H

//===--- Execution control ------------------------------------------------===//

__host__ cudaError_t cudaLaunchKernel(const void *Func, dim3 GridDim,
                                      dim3 BlockDim, void **Args,
                                      size_t SharedMem, cudaStream_t Stream);
__host__ cudaError_t cudaLaunchKernelExC(const cudaLaunchConfig_t *Config,
                                         const void *Func, void **Args);
__host__ cudaError_t cudaLaunchCooperativeKernel(const void *Func, dim3 GridDim,
                                                 dim3 BlockDim, void **Args,
                                                 size_t SharedMem,
                                                 cudaStream_t Stream);
__host__ cudaError_t cudaLaunchCooperativeKernelMultiDevice(
    struct cudaLaunchParams *LaunchParamsList, unsigned int NumDevices,
    unsigned int Flags __TX_DEFAULT(0));
__host__ cudaError_t cudaLaunchHostFunc(cudaStream_t Stream, cudaHostFn_t Fn,
                                        void *UserData);
__host__ cudaError_t cudaFuncGetAttributes(struct cudaFuncAttributes *Attr,
                                           const void *Func);
__host__ cudaError_t cudaFuncSetAttribute(const void *Func,
                                          enum cudaFuncAttribute Attr,
                                          int Value);
__host__ cudaError_t cudaFuncSetCacheConfig(const void *Func,
                                            enum cudaFuncCache Config);
__host__ cudaError_t
cudaFuncSetSharedMemConfig(const void *Func, enum cudaSharedMemConfig Config);
__host__ cudaError_t cudaFuncGetName(const char **Name, const void *Func);
__host__ cudaError_t cudaFuncGetParamInfo(const void *Func, size_t ParamIndex,
                                          size_t *ParamOffset,
                                          size_t *ParamSize);
__host__ cudaError_t cudaSetDoubleForDevice(double *D);
__host__ cudaError_t cudaSetDoubleForHost(double *D);

//===--- Occupancy --------------------------------------------------------===//

__host__ cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(
    int *NumBlocks, const void *Func, int BlockSize, size_t DynamicSMemSize);
__host__ cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(
    int *NumBlocks, const void *Func, int BlockSize, size_t DynamicSMemSize,
    unsigned int Flags);
__host__ cudaError_t cudaOccupancyAvailableDynamicSMemPerBlock(
    size_t *DynamicSmemSize, const void *Func, int NumBlocks, int BlockSize);
__host__ cudaError_t cudaOccupancyMaxPotentialClusterSize(
    int *ClusterSize, const void *Func, const cudaLaunchConfig_t *LaunchConfig);
__host__ cudaError_t cudaOccupancyMaxActiveClusters(
    int *NumClusters, const void *Func, const cudaLaunchConfig_t *LaunchConfig);

//===--- Libraries and kernels --------------------------------------------===//

__host__ cudaError_t cudaLibraryLoadData(
    cudaLibrary_t *Library, const void *Code, enum cudaJitOption *JitOptions,
    void **JitOptionsValues, unsigned int NumJitOptions,
    enum cudaLibraryOption *LibraryOptions, void **LibraryOptionValues,
    unsigned int NumLibraryOptions);
__host__ cudaError_t cudaLibraryLoadFromFile(
    cudaLibrary_t *Library, const char *FileName,
    enum cudaJitOption *JitOptions, void **JitOptionsValues,
    unsigned int NumJitOptions, enum cudaLibraryOption *LibraryOptions,
    void **LibraryOptionValues, unsigned int NumLibraryOptions);
__host__ cudaError_t cudaLibraryUnload(cudaLibrary_t Library);
__host__ cudaError_t cudaLibraryGetKernel(cudaKernel_t *Kernel,
                                          cudaLibrary_t Library,
                                          const char *Name);
__host__ cudaError_t cudaLibraryGetGlobal(void **DevPtr, size_t *Bytes,
                                          cudaLibrary_t Library,
                                          const char *Name);
__host__ cudaError_t cudaLibraryGetManaged(void **DevPtr, size_t *Bytes,
                                           cudaLibrary_t Library,
                                           const char *Name);
__host__ cudaError_t cudaLibraryGetUnifiedFunction(void **FuncPtr,
                                                   cudaLibrary_t Library,
                                                   const char *Symbol);
__host__ cudaError_t cudaLibraryGetKernelCount(unsigned int *Count,
                                               cudaLibrary_t Library);
__host__ cudaError_t cudaLibraryEnumerateKernels(cudaKernel_t *Kernels,
                                                 unsigned int NumKernels,
                                                 cudaLibrary_t Library);
__host__ cudaError_t cudaKernelSetAttributeForDevice(
    cudaKernel_t Kernel, enum cudaFuncAttribute Attr, int Value, int Device);
__host__ cudaError_t cudaGetKernel(cudaKernel_t *Kernel,
                                   const void *EntryFuncAddr);

//===--- Driver API interaction -------------------------------------------===//

__host__ cudaError_t cudaGetDriverEntryPoint(
    const char *Symbol, void **FuncPtr, unsigned long long Flags,
    enum cudaDriverEntryPointQueryResult *DriverStatus __TX_DEFAULT(NULL));
__host__ cudaError_t cudaGetDriverEntryPointByVersion(
    const char *Symbol, void **FuncPtr, unsigned int CudaVersion,
    unsigned long long Flags,
    enum cudaDriverEntryPointQueryResult *DriverStatus __TX_DEFAULT(NULL));
__host__ cudaError_t cudaGetFuncBySymbol(cudaFunction_t *FunctionPtr,
                                         const void *SymbolPtr);
__host__ cudaError_t cudaGetExportTable(const void **ExportTable,
                                        const cudaUUID_t *ExportTableId);

#endif // TONGXIN_CUDA_RUNTIME_API_H / TONGXIN_RUNTIME_API_EXECUTION_H
