//===- api/Array.cpp - CUDA arrays and their copies
//------------------------===//
//
// Part of Tongxin. CUDA arrays live in device memory (cudaMalloc), packed
// as core/Arrays.h describes, so every array copy is a strided copy that the
// linear-memory entry points already perform, with the same routing between
// devices and the same stream semantics.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "core/Arrays.h"

#include <new>

using namespace tx;
using namespace tx::api;

cudaChannelFormatDesc cudaCreateChannelDesc(int X, int Y, int Z, int W,
                                            cudaChannelFormatKind F) {
  cudaChannelFormatDesc D;
  D.x = X;
  D.y = Y;
  D.z = Z;
  D.w = W;
  D.f = F;
  return D;
}

static cudaError_t checkExtent(const cudaExtent &E, unsigned Flags) {
  if (E.width == 0 || (E.depth && !E.height && !(Flags & cudaArrayLayered)))
    return cudaErrorInvalidValue;
  bool Fits;
  if (Flags & cudaArrayLayered)
    Fits = E.depth && E.depth <= limits::Layers &&
           E.width <= limits::LayeredWidth && E.height <= limits::LayeredHeight;
  else if (E.depth)
    Fits = E.width <= limits::Extent3D && E.height <= limits::Extent3D &&
           E.depth <= limits::Extent3D;
  else if (E.height)
    Fits = E.width <= limits::Width2D && E.height <= limits::Height2D;
  else
    Fits = E.width <= limits::Width1D;
  return Fits ? cudaSuccess : cudaErrorInvalidValue;
}

static cudaError_t allocateArray(cudaArray_t *Out,
                                 const cudaChannelFormatDesc *Desc,
                                 cudaExtent Extent, unsigned Flags) {
  if (!Out || !Desc)
    return cudaErrorInvalidValue;
  *Out = nullptr;
  constexpr unsigned Unsupported = cudaArrayCubemap | cudaArrayTextureGather |
                                   cudaArrayColorAttachment | cudaArraySparse |
                                   cudaArrayDeferredMapping;
  constexpr unsigned Known =
      cudaArrayLayered | cudaArraySurfaceLoadStore | Unsupported;
  if (Flags & ~Known)
    return cudaErrorInvalidValue;
  if (Flags & Unsupported)
    return cudaErrorNotSupported; // No cubemap/gather fetches, sparse arrays.
  ChannelLayout Layout;
  if (cudaError_t Err = describeChannels(*Desc, &Layout))
    return Err;
  if (cudaError_t Err = checkExtent(Extent, Flags))
    return Err;
  auto *A = new (std::nothrow) cudaArray();
  if (!A)
    return cudaErrorMemoryAllocation;
  A->Desc = *Desc;
  A->Extent = Extent;
  A->Flags = Flags;
  A->Layout = Layout;
  A->Device = Context::get().currentOrdinal();
  void *Data = nullptr;
  if (cudaError_t Err = cudaMalloc(&Data, A->bytes())) {
    delete A;
    return Err;
  }
  A->Data = static_cast<char *>(Data);
  liveArrays().insert(A);
  *Out = A;
  return cudaSuccess;
}

// tx-api: partial: cubemap, gather, sparse arrays and the NV12 and
// compressed formats return cudaErrorNotSupported
cudaError_t cudaMallocArray(cudaArray_t *Array,
                            const cudaChannelFormatDesc *Desc, size_t Width,
                            size_t Height, unsigned int Flags) {
  if (Flags & cudaArrayLayered)
    return report(cudaErrorInvalidValue); // Layered arrays are 3D-allocated.
  return report(
      allocateArray(Array, Desc, make_cudaExtent(Width, Height, 0), Flags));
}

// tx-api: partial: cubemap, gather, sparse arrays and the NV12 and
// compressed formats return cudaErrorNotSupported
cudaError_t cudaMalloc3DArray(cudaArray_t *Array,
                              const cudaChannelFormatDesc *Desc,
                              cudaExtent Extent, unsigned int Flags) {
  return report(allocateArray(Array, Desc, Extent, Flags));
}

cudaError_t cudaFreeArray(cudaArray_t Array) {
  if (!Array)
    return cudaSuccess;
  if (!liveArrays().erase(Array))
    return report(cudaErrorInvalidValue);
  cudaError_t Err = cudaFree(Array->Data);
  delete Array;
  return report(Err);
}

cudaError_t cudaArrayGetInfo(cudaChannelFormatDesc *Desc, cudaExtent *Extent,
                             unsigned int *Flags, cudaArray_t Array) {
  cudaArray *A = liveArrays().find(Array);
  if (!A)
    return report(cudaErrorInvalidValue);
  if (Desc)
    *Desc = A->Desc;
  if (Extent)
    *Extent = A->Extent;
  if (Flags)
    *Flags = A->Flags;
  return cudaSuccess;
}

cudaError_t cudaGetChannelDesc(cudaChannelFormatDesc *Desc,
                               cudaArray_const_t Array) {
  cudaArray *A = liveArrays().find(Array);
  if (!Desc || !A)
    return report(cudaErrorInvalidValue);
  *Desc = A->Desc;
  return cudaSuccess;
}

//===--- Copies -----------------------------------------------------------===//

namespace {
/// A Width x Height byte rectangle of an array's first slice, at byte
/// column WOffset of row HOffset.
struct ArrayWindow {
  char *Base = nullptr;
  size_t Pitch = 0;
};
} // namespace

static cudaError_t window(const void *Handle, size_t WOffset, size_t HOffset,
                          size_t Width, size_t Height, ArrayWindow *Out) {
  cudaArray *A = liveArrays().find(Handle);
  if (!A)
    return cudaErrorInvalidValue;
  if (WOffset > A->rowBytes() || Width > A->rowBytes() - WOffset ||
      HOffset > A->rows() || Height > A->rows() - HOffset)
    return cudaErrorInvalidValue;
  Out->Base = A->Data + HOffset * A->rowBytes() + WOffset;
  Out->Pitch = A->rowBytes();
  return cudaSuccess;
}

/// The legacy 1-D copies run Count bytes from (WOffset, HOffset) on through
/// the following rows; in the packed layout that is one contiguous range.
static cudaError_t span(const void *Handle, size_t WOffset, size_t HOffset,
                        size_t Count, char **Out) {
  cudaArray *A = liveArrays().find(Handle);
  if (!A)
    return cudaErrorInvalidValue;
  if (WOffset > A->rowBytes() || HOffset > A->rows())
    return cudaErrorInvalidValue;
  size_t Start = HOffset * A->rowBytes() + WOffset;
  if (Start > A->sliceBytes() || Count > A->sliceBytes() - Start)
    return cudaErrorInvalidValue;
  *Out = A->Data + Start;
  return cudaSuccess;
}

cudaError_t cudaMemcpy2DToArray(cudaArray_t Dst, size_t WOffset, size_t HOffset,
                                const void *Src, size_t SPitch, size_t Width,
                                size_t Height, cudaMemcpyKind Kind) {
  ArrayWindow W;
  if (cudaError_t Err = window(Dst, WOffset, HOffset, Width, Height, &W))
    return report(Err);
  return cudaMemcpy2D(W.Base, W.Pitch, Src, SPitch, Width, Height, Kind);
}

cudaError_t cudaMemcpy2DToArrayAsync(cudaArray_t Dst, size_t WOffset,
                                     size_t HOffset, const void *Src,
                                     size_t SPitch, size_t Width, size_t Height,
                                     cudaMemcpyKind Kind, cudaStream_t Stream) {
  ArrayWindow W;
  if (cudaError_t Err = window(Dst, WOffset, HOffset, Width, Height, &W))
    return report(Err);
  return cudaMemcpy2DAsync(W.Base, W.Pitch, Src, SPitch, Width, Height, Kind,
                           Stream);
}

cudaError_t cudaMemcpy2DFromArray(void *Dst, size_t DPitch,
                                  cudaArray_const_t Src, size_t WOffset,
                                  size_t HOffset, size_t Width, size_t Height,
                                  cudaMemcpyKind Kind) {
  ArrayWindow W;
  if (cudaError_t Err = window(Src, WOffset, HOffset, Width, Height, &W))
    return report(Err);
  return cudaMemcpy2D(Dst, DPitch, W.Base, W.Pitch, Width, Height, Kind);
}

cudaError_t cudaMemcpy2DFromArrayAsync(void *Dst, size_t DPitch,
                                       cudaArray_const_t Src, size_t WOffset,
                                       size_t HOffset, size_t Width,
                                       size_t Height, cudaMemcpyKind Kind,
                                       cudaStream_t Stream) {
  ArrayWindow W;
  if (cudaError_t Err = window(Src, WOffset, HOffset, Width, Height, &W))
    return report(Err);
  return cudaMemcpy2DAsync(Dst, DPitch, W.Base, W.Pitch, Width, Height, Kind,
                           Stream);
}

cudaError_t cudaMemcpy2DArrayToArray(cudaArray_t Dst, size_t WOffsetDst,
                                     size_t HOffsetDst, cudaArray_const_t Src,
                                     size_t WOffsetSrc, size_t HOffsetSrc,
                                     size_t Width, size_t Height,
                                     cudaMemcpyKind Kind) {
  ArrayWindow To, From;
  if (cudaError_t Err = window(Dst, WOffsetDst, HOffsetDst, Width, Height, &To))
    return report(Err);
  if (cudaError_t Err =
          window(Src, WOffsetSrc, HOffsetSrc, Width, Height, &From))
    return report(Err);
  return cudaMemcpy2D(To.Base, To.Pitch, From.Base, From.Pitch, Width, Height,
                      Kind);
}

cudaError_t cudaMemcpyToArray(cudaArray_t Dst, size_t WOffset, size_t HOffset,
                              const void *Src, size_t Count,
                              cudaMemcpyKind Kind) {
  char *To;
  if (cudaError_t Err = span(Dst, WOffset, HOffset, Count, &To))
    return report(Err);
  return cudaMemcpy(To, Src, Count, Kind);
}

cudaError_t cudaMemcpyToArrayAsync(cudaArray_t Dst, size_t WOffset,
                                   size_t HOffset, const void *Src,
                                   size_t Count, cudaMemcpyKind Kind,
                                   cudaStream_t Stream) {
  char *To;
  if (cudaError_t Err = span(Dst, WOffset, HOffset, Count, &To))
    return report(Err);
  return cudaMemcpyAsync(To, Src, Count, Kind, Stream);
}

cudaError_t cudaMemcpyFromArray(void *Dst, cudaArray_const_t Src,
                                size_t WOffset, size_t HOffset, size_t Count,
                                cudaMemcpyKind Kind) {
  char *From;
  if (cudaError_t Err = span(Src, WOffset, HOffset, Count, &From))
    return report(Err);
  return cudaMemcpy(Dst, From, Count, Kind);
}

cudaError_t cudaMemcpyFromArrayAsync(void *Dst, cudaArray_const_t Src,
                                     size_t WOffset, size_t HOffset,
                                     size_t Count, cudaMemcpyKind Kind,
                                     cudaStream_t Stream) {
  char *From;
  if (cudaError_t Err = span(Src, WOffset, HOffset, Count, &From))
    return report(Err);
  return cudaMemcpyAsync(Dst, From, Count, Kind, Stream);
}

cudaError_t cudaMemcpyArrayToArray(cudaArray_t Dst, size_t WOffsetDst,
                                   size_t HOffsetDst, cudaArray_const_t Src,
                                   size_t WOffsetSrc, size_t HOffsetSrc,
                                   size_t Count, cudaMemcpyKind Kind) {
  char *To, *From;
  if (cudaError_t Err = span(Dst, WOffsetDst, HOffsetDst, Count, &To))
    return report(Err);
  if (cudaError_t Err = span(Src, WOffsetSrc, HOffsetSrc, Count, &From))
    return report(Err);
  return cudaMemcpy(To, From, Count, Kind);
}
