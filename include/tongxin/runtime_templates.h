//===- tongxin/runtime_templates.h - Typed Runtime overloads ---*- C++ -*-===//
//
// Part of Tongxin. The typed C++ convenience overloads that CUDA's
// cuda_runtime.h layers over the C API: typed allocation, symbol copies by
// reference, launches and attribute queries taking kernel pointers, and the
// occupancy helpers. Host-only; everything forwards to the C entry points.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_TEMPLATES_H
#define TONGXIN_RUNTIME_TEMPLATES_H

#include "cuda_runtime_api.h"

#if defined(__cplusplus)

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
static __inline__ __host__ cudaError_t
maxPotentialBlockSize(int *MinGridSize, int *BlockSize, const void *Func,
                      SMemFn DynamicSMem, int BlockSizeLimit) {
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
    Err = cudaOccupancyMaxActiveBlocksPerMultiprocessor(&Active, Func, Size,
                                                        DynamicSMem(Size));
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
      tongxin::detail::ConstantSMem{DynamicSMemSize}, BlockSizeLimit);
}

template <class UnaryFunction, class T>
static __inline__ __host__ cudaError_t
cudaOccupancyMaxPotentialBlockSizeVariableSMem(
    int *MinGridSize, int *BlockSize, T Func,
    UnaryFunction BlockSizeToDynamicSMemSize, int BlockSizeLimit = 0) {
  return tongxin::detail::maxPotentialBlockSize(
      MinGridSize, BlockSize, (const void *)Func, BlockSizeToDynamicSMemSize,
      BlockSizeLimit);
}

#endif // __cplusplus

#endif // TONGXIN_RUNTIME_TEMPLATES_H
