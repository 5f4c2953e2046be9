//===- cuda_runtime_api.h - CUDA Runtime API (C interface) ------*- C++ -*-===//
//
// Part of Tongxin. The C entry points of the CUDA 12.9 Runtime API, every
// one defined by libtongxin (docs/runtime-api.md says which work on which
// device), plus the registration and launch-configuration hooks that
// clang's CUDA host code calls. Valid for clang in CUDA mode (host and
// device passes) and for a plain C or C++ compiler.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_API_H
#define TONGXIN_CUDA_RUNTIME_API_H

#include "tongxin/cuda_config.h"
#include "tongxin/host_defines.h"

#include "builtin_types.h"

#include <stddef.h>

#ifdef __cplusplus
#define __TX_DEFAULT(Value) = Value
extern "C" {
#else
#define __TX_DEFAULT(Value)
#endif

#pragma GCC visibility push(default)

// The entry points, one header per API area (tongxin/runtime_api_*.h); the
// section banners in them name the groups of docs/runtime-api.md.
#include "tongxin/runtime_api_device.h"
#include "tongxin/runtime_api_execution.h"
#include "tongxin/runtime_api_graph.h"
#include "tongxin/runtime_api_interop.h"
#include "tongxin/runtime_api_launch_device.h"
#include "tongxin/runtime_api_memory.h"
#include "tongxin/runtime_api_stream.h"

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
                             "(cudaCreateTextureObject)")))                    \
  __host__ cudaError_t                                                         \
  NAME(__Args...);
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

// CUDA 13 renamed the location-based cudaMemPrefetchAsync_v2 and
// cudaMemAdvise_v2 to the plain names: C++ code written for either toolkit
// compiles (in C the plain names keep their CUDA 12 signatures).
static __inline__ __host__ cudaError_t cudaMemPrefetchAsync(
    const void *DevPtr, size_t Count, struct cudaMemLocation Location,
    unsigned int Flags, cudaStream_t Stream = 0) {
  return ::cudaMemPrefetchAsync_v2(DevPtr, Count, Location, Flags, Stream);
}

static __inline__ __host__ cudaError_t
cudaMemAdvise(const void *DevPtr, size_t Count, enum cudaMemoryAdvise Advice,
              struct cudaMemLocation Location) {
  return ::cudaMemAdvise_v2(DevPtr, Count, Advice, Location);
}
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
