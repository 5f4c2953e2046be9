//===- cuda/CudaDriver.h - The CUDA driver API, loaded at run time -*- C++
//-*-===//
//
// Part of Tongxin. The few driver API types, constants and entry points the
// CUDA backend uses, declared here (values as documented for the driver
// API) so that building Tongxin never needs a CUDA installation. libcuda is
// opened with dlopen on first use and never linked.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CUDA_CUDADRIVER_H
#define TONGXIN_RUNTIME_BACKENDS_CUDA_CUDADRIVER_H

#include "tongxin/hal.h"

#include <cstddef>

namespace tx {
namespace cuda {

//===--- Types ------------------------------------------------------------===//

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef int CUjit_option;
typedef struct CUlinkState_st *CUlinkState;
typedef struct CUgraph_st *CUgraph;
typedef struct CUgraphExec_st *CUgraphExec;

//===--- Constants --------------------------------------------------------===//

enum : CUresult {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_OUT_OF_MEMORY = 2,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_NO_DEVICE = 100,
  CUDA_ERROR_INVALID_DEVICE = 101,
  CUDA_ERROR_INVALID_IMAGE = 200,
  CUDA_ERROR_NO_BINARY_FOR_GPU = 209,
  CUDA_ERROR_INVALID_PTX = 218,
  CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222,
  CUDA_ERROR_NOT_FOUND = 500,
  CUDA_ERROR_ILLEGAL_ADDRESS = 700,
  CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED = 712,
  CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES = 701,
  CUDA_ERROR_LAUNCH_TIMEOUT = 702,
  CUDA_ERROR_ASSERT = 710,
  CUDA_ERROR_HARDWARE_STACK_ERROR = 714,
  CUDA_ERROR_ILLEGAL_INSTRUCTION = 715,
  CUDA_ERROR_MISALIGNED_ADDRESS = 716,
  CUDA_ERROR_INVALID_ADDRESS_SPACE = 717,
  CUDA_ERROR_INVALID_PC = 718,
  CUDA_ERROR_LAUNCH_FAILED = 719,
};

enum : int { CU_STREAM_CAPTURE_MODE_RELAXED = 2 };

enum : int {
  CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 1,
  CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X = 2, ///< Y = 3, Z = 4.
  CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X = 5,  ///< Y = 6, Z = 7.
  CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK = 8,
  CU_DEVICE_ATTRIBUTE_WARP_SIZE = 10,
  CU_DEVICE_ATTRIBUTE_CLOCK_RATE = 13,
  CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16,
  CU_DEVICE_ATTRIBUTE_INTEGRATED = 18,
  CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE = 38,
  CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_MULTIPROCESSOR = 39,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76,
  CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR = 81,
  CU_DEVICE_ATTRIBUTE_COOPERATIVE_LAUNCH = 95,
  CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN = 97,
  CU_DEVICE_ATTRIBUTE_MAX_BLOCKS_PER_MULTIPROCESSOR = 106,
};

enum : int {
  CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 0,
  CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES = 1,
  CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES = 3,
  CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8,
};

constexpr int CU_JIT_INPUT_PTX = 1; ///< CUjitInputType.

enum : CUjit_option {
  CU_JIT_INFO_LOG_BUFFER = 3,
  CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4,
  CU_JIT_ERROR_LOG_BUFFER = 5,
  CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
};

constexpr unsigned CU_STREAM_NON_BLOCKING = 0x1;
constexpr unsigned CU_MEMHOSTREGISTER_PORTABLE = 0x1;
constexpr unsigned CU_MEMHOSTREGISTER_DEVICEMAP = 0x2;
constexpr unsigned CU_MEM_ATTACH_GLOBAL = 0x1;

//===--- Entry points -----------------------------------------------------===//

/// The driver's functions, under their exported (versioned) symbol names.
struct Driver {
  CUresult (*cuInit)(unsigned Flags);
  CUresult (*cuDriverGetVersion)(int *Version);
  CUresult (*cuGetErrorName)(CUresult Error, const char **Name);
  CUresult (*cuGetErrorString)(CUresult Error, const char **Text);
  CUresult (*cuDeviceGetCount)(int *Count);
  CUresult (*cuDeviceGet)(CUdevice *Device, int Ordinal);
  CUresult (*cuDeviceGetName)(char *Name, int Length, CUdevice Device);
  CUresult (*cuDeviceTotalMem_v2)(size_t *Bytes, CUdevice Device);
  CUresult (*cuDeviceGetAttribute)(int *Value, int Attribute, CUdevice Device);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *Context, CUdevice Device);
  CUresult (*cuDevicePrimaryCtxRelease_v2)(CUdevice Device);
  CUresult (*cuCtxSetCurrent)(CUcontext Context);
  CUresult (*cuCtxSetLimit)(int Limit, size_t Value);
  CUresult (*cuMemAlloc_v2)(CUdeviceptr *Ptr, size_t Bytes);
  CUresult (*cuMemAllocManaged)(CUdeviceptr *Ptr, size_t Bytes, unsigned Flags);
  CUresult (*cuMemFree_v2)(CUdeviceptr Ptr);
  CUresult (*cuMemGetInfo_v2)(size_t *Free, size_t *Total);
  CUresult (*cuMemHostRegister_v2)(void *Ptr, size_t Bytes, unsigned Flags);
  CUresult (*cuMemHostGetDevicePointer_v2)(CUdeviceptr *Ptr, void *Host,
                                           unsigned Flags);
  CUresult (*cuMemcpyHtoD_v2)(CUdeviceptr Dst, const void *Src, size_t Bytes);
  CUresult (*cuMemcpyHtoDAsync_v2)(CUdeviceptr Dst, const void *Src,
                                   size_t Bytes, CUstream Stream);
  CUresult (*cuMemcpyDtoHAsync_v2)(void *Dst, CUdeviceptr Src, size_t Bytes,
                                   CUstream Stream);
  CUresult (*cuMemcpyDtoDAsync_v2)(CUdeviceptr Dst, CUdeviceptr Src,
                                   size_t Bytes, CUstream Stream);
  CUresult (*cuMemsetD8Async)(CUdeviceptr Dst, unsigned char Value,
                              size_t Bytes, CUstream Stream);
  CUresult (*cuStreamCreate)(CUstream *Stream, unsigned Flags);
  CUresult (*cuStreamDestroy_v2)(CUstream Stream);
  CUresult (*cuStreamSynchronize)(CUstream Stream);
  CUresult (*cuModuleLoadDataEx)(CUmodule *Module, const void *Image,
                                 unsigned NumOptions, CUjit_option *Options,
                                 void **Values);
  CUresult (*cuLinkCreate_v2)(unsigned NumOptions, CUjit_option *Options,
                              void **Values, CUlinkState *State);
  CUresult (*cuLinkAddData_v2)(CUlinkState State, int InputType, void *Data,
                               size_t Bytes, const char *Name,
                               unsigned NumOptions, CUjit_option *Options,
                               void **Values);
  CUresult (*cuLinkComplete)(CUlinkState State, void **Cubin, size_t *Bytes);
  CUresult (*cuLinkDestroy)(CUlinkState State);
  CUresult (*cuModuleGetFunction)(CUfunction *Function, CUmodule Module,
                                  const char *Name);
  CUresult (*cuModuleGetGlobal_v2)(CUdeviceptr *Ptr, size_t *Bytes,
                                   CUmodule Module, const char *Name);
  CUresult (*cuFuncGetAttribute)(int *Value, int Attribute,
                                 CUfunction Function);
  CUresult (*cuFuncSetAttribute)(CUfunction Function, int Attribute, int Value);
  CUresult (*cuLaunchKernel)(CUfunction Function, unsigned GridX,
                             unsigned GridY, unsigned GridZ, unsigned BlockX,
                             unsigned BlockY, unsigned BlockZ,
                             unsigned SharedBytes, CUstream Stream,
                             void **Params, void **Extra);
  CUresult (*cuLaunchCooperativeKernel)(CUfunction Function, unsigned GridX,
                                        unsigned GridY, unsigned GridZ,
                                        unsigned BlockX, unsigned BlockY,
                                        unsigned BlockZ, unsigned SharedBytes,
                                        CUstream Stream, void **Params);
  CUresult (*cuOccupancyMaxActiveBlocksPerMultiprocessor)(int *Blocks,
                                                          CUfunction Function,
                                                          int BlockSize,
                                                          size_t DynamicShared);

  // Optional (null if the driver lacks them): stream capture into native
  // graphs, for CUDA libraries called while a stream is captured.
  CUresult (*cuStreamBeginCapture_v2)(CUstream Stream, int Mode);
  CUresult (*cuStreamEndCapture)(CUstream Stream, CUgraph *Graph);
  CUresult (*cuGraphGetNodes)(CUgraph Graph, void **Nodes, size_t *Count);
  CUresult (*cuGraphInstantiateWithFlags)(CUgraphExec *Exec, CUgraph Graph,
                                          unsigned long long Flags);
  CUresult (*cuGraphLaunch)(CUgraphExec Exec, CUstream Stream);
  CUresult (*cuGraphExecDestroy)(CUgraphExec Exec);
  CUresult (*cuGraphDestroy)(CUgraph Graph);
  bool canCapture() const {
    return cuStreamBeginCapture_v2 && cuStreamEndCapture && cuGraphGetNodes &&
           cuGraphInstantiateWithFlags && cuGraphLaunch && cuGraphExecDestroy &&
           cuGraphDestroy;
  }
};

/// Opens libcuda.so.1 ($TONGXIN_CUDA_LIBRARY if set), resolves every entry
/// point and calls cuInit(0), once per process. Null if any step failed;
/// *Why then says which (always set).
const Driver *loadDriver(Status *Why);

/// Converts a driver result into a Status whose message names the call,
/// the driver's error name and text, and File:Line.
Status toStatus(CUresult Result, const char *Call, const char *File, int Line);

} // namespace cuda
} // namespace tx

/// Calls Driver entry point Fn and yields a Status naming it on failure.
#define TX_CU(Drv, Fn, ...)                                                    \
  ::tx::cuda::toStatus((Drv).Fn(__VA_ARGS__), #Fn, __FILE__, __LINE__)

#endif // TONGXIN_RUNTIME_BACKENDS_CUDA_CUDADRIVER_H
