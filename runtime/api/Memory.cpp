//===- api/Memory.cpp - Memory management entry points --------------------===//
//
// Part of Tongxin. Allocation, copies, fills and pointer queries. Blocking
// copies and fills run on the calling thread after the work they must
// follow on the legacy default stream; the *Async variants are stream work.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

#include <cstring>

using namespace tx;
using namespace tx::api;

/// cudaMalloc's documented minimum alignment.
static constexpr size_t DeviceAlignment = 256;

//===--- Allocation helpers -----------------------------------------------===//

static cudaError_t allocate(size_t Size, AllocationKind Kind, unsigned Flags,
                            void **Out) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  if (cudaError_t Err = stickyError())
    return Err;
  void *P = nullptr;
  Status St = Slot->Device->allocate(Size, DeviceAlignment, &P);
  if (!St.isOk())
    return St.code() == StatusCode::OutOfMemory ? cudaErrorMemoryAllocation
                                                : toCuda(St);
  Allocation A;
  A.Base = reinterpret_cast<uintptr_t>(P);
  A.Size = Size;
  A.Kind = Kind;
  A.Flags = Flags;
  A.Device = Context::get().currentOrdinal();
  Context::get().allocations().insert(A);
  *Out = P;
  return cudaSuccess;
}

/// Frees an allocation of one of the given kinds. Like CUDA, waits for
/// device work first, since kernels in flight may still use the memory.
static cudaError_t release(void *Ptr, AllocationKind Kind,
                           AllocationKind AltKind) {
  if (!Ptr)
    return cudaSuccess;
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  waitAll(Slot->Streams->allWork());
  AllocationMap &Map = Context::get().allocations();
  if (!Map.erase(Ptr, Kind, nullptr) && !Map.erase(Ptr, AltKind, nullptr))
    return cudaErrorInvalidValue;
  Slot->Device->release(Ptr);
  return stickyError();
}

//===--- Copy helpers -----------------------------------------------------===//

static bool validKind(cudaMemcpyKind Kind) {
  return Kind >= cudaMemcpyHostToHost && Kind <= cudaMemcpyDefault;
}

namespace {
/// A strided copy: Height rows of Width bytes.
struct Copy2D {
  char *Dst;
  size_t DPitch;
  const char *Src;
  size_t SPitch;
  size_t Width;
  size_t Height;

  void run(hal::Device &Dev) const {
    if (DPitch == Width && SPitch == Width) {
      (void)Dev.copy(Dst, Src, Width * Height);
      return;
    }
    for (size_t Row = 0; Row < Height; ++Row)
      (void)Dev.copy(Dst + Row * DPitch, Src + Row * SPitch, Width);
  }
};

/// A strided fill: Height rows of Width bytes.
struct Fill2D {
  char *Dst;
  size_t Pitch;
  int Value;
  size_t Width;
  size_t Height;

  void run(hal::Device &Dev) const {
    if (Pitch == Width) {
      (void)Dev.fill(Dst, Value, Width * Height);
      return;
    }
    for (size_t Row = 0; Row < Height; ++Row)
      (void)Dev.fill(Dst + Row * Pitch, Value, Width);
  }
};
} // namespace

/// Runs Op now, after the work a blocking legacy-stream operation follows.
template <class Op> static cudaError_t runBlocking(const Op &Operation) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  if (cudaError_t Err = stickyError())
    return Err;
  waitAll(Slot->Streams->legacyDependencies());
  Operation.run(*Slot->Device);
  flushDeviceOutput();
  return stickyError();
}

/// Queues Op on a stream.
template <class Op>
static cudaError_t runAsync(const Op &Operation, cudaStream_t Handle) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return Err;
  if (cudaError_t Err = stickyError())
    return Err;
  hal::Device *Dev = Slot->Device.get();
  Status St =
      Slot->Streams->submit(S, {}, [Operation, Dev] { Operation.run(*Dev); });
  return toCuda(St);
}

static cudaError_t checkCopy2D(const Copy2D &C, cudaMemcpyKind Kind) {
  if (!validKind(Kind))
    return cudaErrorInvalidMemcpyDirection;
  if (C.Width > C.DPitch || C.Width > C.SPitch)
    return cudaErrorInvalidPitchValue;
  if (C.Width && C.Height && (!C.Dst || !C.Src))
    return cudaErrorInvalidValue;
  return cudaSuccess;
}

static Copy2D linear(void *Dst, const void *Src, size_t Count) {
  return Copy2D{static_cast<char *>(Dst),
                Count,
                static_cast<const char *>(Src),
                Count,
                Count,
                1};
}

//===--- Allocation entry points ------------------------------------------===//

cudaError_t cudaMalloc(void **DevPtr, size_t Size) {
  if (!DevPtr)
    return report(cudaErrorInvalidValue);
  *DevPtr = nullptr;
  if (Size == 0)
    return cudaSuccess;
  return report(allocate(Size, AllocationKind::Device, 0, DevPtr));
}

cudaError_t cudaFree(void *DevPtr) {
  return report(
      release(DevPtr, AllocationKind::Device, AllocationKind::Managed));
}

cudaError_t cudaMallocHost(void **Ptr, size_t Size) {
  return cudaHostAlloc(Ptr, Size, cudaHostAllocDefault);
}

cudaError_t cudaHostAlloc(void **Ptr, size_t Size, unsigned int Flags) {
  if (!Ptr)
    return report(cudaErrorInvalidValue);
  *Ptr = nullptr;
  if (Flags & ~unsigned(cudaHostAllocPortable | cudaHostAllocMapped |
                        cudaHostAllocWriteCombined))
    return report(cudaErrorInvalidValue);
  if (Size == 0)
    return cudaSuccess;
  return report(allocate(Size, AllocationKind::Host, Flags, Ptr));
}

cudaError_t cudaFreeHost(void *Ptr) {
  return report(release(Ptr, AllocationKind::Host, AllocationKind::Host));
}

cudaError_t cudaMallocManaged(void **DevPtr, size_t Size, unsigned int Flags) {
  if (!DevPtr || Size == 0)
    return report(cudaErrorInvalidValue);
  if (Flags != cudaMemAttachGlobal && Flags != cudaMemAttachHost)
    return report(cudaErrorInvalidValue);
  return report(allocate(Size, AllocationKind::Managed, Flags, DevPtr));
}

cudaError_t cudaMallocPitch(void **DevPtr, size_t *Pitch, size_t Width,
                            size_t Height) {
  if (!DevPtr || !Pitch)
    return report(cudaErrorInvalidValue);
  size_t Rounded =
      (Width + DeviceAlignment - 1) / DeviceAlignment * DeviceAlignment;
  if (Rounded == 0)
    Rounded = DeviceAlignment;
  if (Height && Rounded > SIZE_MAX / Height)
    return report(cudaErrorMemoryAllocation);
  *Pitch = Rounded;
  return report(allocate(Rounded * (Height ? Height : 1),
                         AllocationKind::Device, 0, DevPtr));
}

cudaError_t cudaMalloc3D(cudaPitchedPtr *PitchedDevPtr, cudaExtent Extent) {
  if (!PitchedDevPtr)
    return report(cudaErrorInvalidValue);
  size_t Pitch = 0;
  void *P = nullptr;
  size_t Rows = Extent.height * (Extent.depth ? Extent.depth : 1);
  if (Extent.depth && Rows / Extent.depth != Extent.height)
    return report(cudaErrorMemoryAllocation);
  if (cudaError_t Err = cudaMallocPitch(&P, &Pitch, Extent.width, Rows))
    return Err;
  *PitchedDevPtr = make_cudaPitchedPtr(P, Pitch, Extent.width, Extent.height);
  return cudaSuccess;
}

cudaError_t cudaHostRegister(void *Ptr, size_t Size, unsigned int Flags) {
  if (!Ptr || Size == 0 || (Flags & ~0xfu))
    return report(cudaErrorInvalidValue);
  AllocationMap &Map = Context::get().allocations();
  if (Map.overlaps(Ptr, Size))
    return report(cudaErrorHostMemoryAlreadyRegistered);
  Allocation A;
  A.Base = reinterpret_cast<uintptr_t>(Ptr);
  A.Size = Size;
  A.Kind = AllocationKind::Registered;
  A.Flags = Flags;
  A.Device = Context::get().currentOrdinal();
  Map.insert(A);
  return cudaSuccess;
}

cudaError_t cudaHostUnregister(void *Ptr) {
  if (!Ptr)
    return report(cudaErrorInvalidValue);
  if (!Context::get().allocations().erase(Ptr, AllocationKind::Registered,
                                          nullptr))
    return report(cudaErrorHostMemoryNotRegistered);
  return cudaSuccess;
}

/// Page-locked host memory: cudaMallocHost'ed or registered.
static bool findPinned(void *HostPtr, Allocation *Out) {
  return Context::get().allocations().find(HostPtr, Out) &&
         (Out->Kind == AllocationKind::Host ||
          Out->Kind == AllocationKind::Registered);
}

cudaError_t cudaHostGetDevicePointer(void **DevPtr, void *HostPtr,
                                     unsigned int Flags) {
  if (!DevPtr || !HostPtr || Flags != 0)
    return report(cudaErrorInvalidValue);
  Allocation A;
  if (!findPinned(HostPtr, &A))
    return report(cudaErrorInvalidValue);
  *DevPtr = HostPtr; // One address space.
  return cudaSuccess;
}

cudaError_t cudaHostGetFlags(unsigned int *Flags, void *HostPtr) {
  if (!Flags || !HostPtr)
    return report(cudaErrorInvalidValue);
  Allocation A;
  if (!findPinned(HostPtr, &A))
    return report(cudaErrorInvalidValue);
  *Flags = A.Flags | cudaHostAllocMapped;
  return cudaSuccess;
}

cudaError_t cudaMemGetInfo(size_t *Free, size_t *Total) {
  if (!Free || !Total)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  return report(toCuda(Slot->Device->memoryInfo(Free, Total)));
}

cudaError_t cudaPointerGetAttributes(cudaPointerAttributes *Attributes,
                                     const void *Ptr) {
  if (!Attributes || !Ptr)
    return report(cudaErrorInvalidValue);
  Allocation A;
  if (!Context::get().allocations().find(Ptr, &A)) {
    Attributes->type = cudaMemoryTypeUnregistered;
    Attributes->device = cudaInvalidDeviceId;
    Attributes->devicePointer = nullptr;
    Attributes->hostPointer = nullptr;
    return cudaSuccess;
  }
  void *P = const_cast<void *>(Ptr);
  Attributes->device = A.Device;
  Attributes->devicePointer = P;
  switch (A.Kind) {
  case AllocationKind::Device:
    Attributes->type = cudaMemoryTypeDevice;
    Attributes->hostPointer = nullptr;
    break;
  case AllocationKind::Managed:
    Attributes->type = cudaMemoryTypeManaged;
    Attributes->hostPointer = P;
    break;
  case AllocationKind::Host:
  case AllocationKind::Registered:
    Attributes->type = cudaMemoryTypeHost;
    Attributes->hostPointer = P;
    break;
  }
  return cudaSuccess;
}

//===--- Copies -----------------------------------------------------------===//

cudaError_t cudaMemcpy(void *Dst, const void *Src, size_t Count,
                       cudaMemcpyKind Kind) {
  Copy2D C = linear(Dst, Src, Count);
  if (cudaError_t Err = checkCopy2D(C, Kind))
    return report(Err);
  return report(runBlocking(C));
}

cudaError_t cudaMemcpyAsync(void *Dst, const void *Src, size_t Count,
                            cudaMemcpyKind Kind, cudaStream_t Stream) {
  Copy2D C = linear(Dst, Src, Count);
  if (cudaError_t Err = checkCopy2D(C, Kind))
    return report(Err);
  return report(runAsync(C, Stream));
}

cudaError_t cudaMemcpy2D(void *Dst, size_t DPitch, const void *Src,
                         size_t SPitch, size_t Width, size_t Height,
                         cudaMemcpyKind Kind) {
  Copy2D C{static_cast<char *>(Dst),
           DPitch,
           static_cast<const char *>(Src),
           SPitch,
           Width,
           Height};
  if (cudaError_t Err = checkCopy2D(C, Kind))
    return report(Err);
  return report(runBlocking(C));
}

cudaError_t cudaMemcpy2DAsync(void *Dst, size_t DPitch, const void *Src,
                              size_t SPitch, size_t Width, size_t Height,
                              cudaMemcpyKind Kind, cudaStream_t Stream) {
  Copy2D C{static_cast<char *>(Dst),
           DPitch,
           static_cast<const char *>(Src),
           SPitch,
           Width,
           Height};
  if (cudaError_t Err = checkCopy2D(C, Kind))
    return report(Err);
  return report(runAsync(C, Stream));
}

namespace {
/// A pitched-pointer to pitched-pointer box copy.
struct Copy3D {
  cudaMemcpy3DParms P;

  void run(hal::Device &Dev) const {
    const cudaPitchedPtr &S = P.srcPtr, &D = P.dstPtr;
    for (size_t Z = 0; Z < P.extent.depth; ++Z) {
      for (size_t Y = 0; Y < P.extent.height; ++Y) {
        const char *From =
            static_cast<const char *>(S.ptr) +
            ((P.srcPos.z + Z) * S.ysize + P.srcPos.y + Y) * S.pitch +
            P.srcPos.x;
        char *To = static_cast<char *>(D.ptr) +
                   ((P.dstPos.z + Z) * D.ysize + P.dstPos.y + Y) * D.pitch +
                   P.dstPos.x;
        (void)Dev.copy(To, From, P.extent.width);
      }
    }
  }
};
} // namespace

static cudaError_t checkCopy3D(const cudaMemcpy3DParms *P) {
  if (!P)
    return cudaErrorInvalidValue;
  if (P->srcArray || P->dstArray)
    return cudaErrorNotSupported; // CUDA arrays are not implemented.
  if (!validKind(P->kind))
    return cudaErrorInvalidMemcpyDirection;
  if (!P->extent.width || !P->extent.height || !P->extent.depth)
    return cudaSuccess;
  if (!P->srcPtr.ptr || !P->dstPtr.ptr)
    return cudaErrorInvalidValue;
  if (P->srcPos.x + P->extent.width > P->srcPtr.pitch ||
      P->dstPos.x + P->extent.width > P->dstPtr.pitch)
    return cudaErrorInvalidPitchValue;
  return cudaSuccess;
}

cudaError_t cudaMemcpy3D(const cudaMemcpy3DParms *Parms) {
  if (cudaError_t Err = checkCopy3D(Parms))
    return report(Err);
  return report(runBlocking(Copy3D{*Parms}));
}

cudaError_t cudaMemcpy3DAsync(const cudaMemcpy3DParms *Parms,
                              cudaStream_t Stream) {
  if (cudaError_t Err = checkCopy3D(Parms))
    return report(Err);
  return report(runAsync(Copy3D{*Parms}, Stream));
}

static cudaError_t checkPeers(int DstDevice, int SrcDevice) {
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return cudaErrorNoDevice;
  if (!Ctx.slot(DstDevice) || !Ctx.slot(SrcDevice))
    return cudaErrorInvalidDevice;
  return cudaSuccess;
}

cudaError_t cudaMemcpyPeer(void *Dst, int DstDevice, const void *Src,
                           int SrcDevice, size_t Count) {
  if (cudaError_t Err = checkPeers(DstDevice, SrcDevice))
    return report(Err);
  return cudaMemcpy(Dst, Src, Count, cudaMemcpyDeviceToDevice);
}

cudaError_t cudaMemcpyPeerAsync(void *Dst, int DstDevice, const void *Src,
                                int SrcDevice, size_t Count,
                                cudaStream_t Stream) {
  if (cudaError_t Err = checkPeers(DstDevice, SrcDevice))
    return report(Err);
  return cudaMemcpyAsync(Dst, Src, Count, cudaMemcpyDeviceToDevice, Stream);
}

//===--- Fills ------------------------------------------------------------===//

static cudaError_t checkFill(const Fill2D &F) {
  if (F.Width > F.Pitch)
    return cudaErrorInvalidPitchValue;
  if (F.Width && F.Height && !F.Dst)
    return cudaErrorInvalidValue;
  return cudaSuccess;
}

cudaError_t cudaMemset(void *DevPtr, int Value, size_t Count) {
  Fill2D F{static_cast<char *>(DevPtr), Count, Value, Count, 1};
  if (cudaError_t Err = checkFill(F))
    return report(Err);
  return report(runBlocking(F));
}

cudaError_t cudaMemsetAsync(void *DevPtr, int Value, size_t Count,
                            cudaStream_t Stream) {
  Fill2D F{static_cast<char *>(DevPtr), Count, Value, Count, 1};
  if (cudaError_t Err = checkFill(F))
    return report(Err);
  return report(runAsync(F, Stream));
}

cudaError_t cudaMemset2D(void *DevPtr, size_t Pitch, int Value, size_t Width,
                         size_t Height) {
  Fill2D F{static_cast<char *>(DevPtr), Pitch, Value, Width, Height};
  if (cudaError_t Err = checkFill(F))
    return report(Err);
  return report(runBlocking(F));
}

cudaError_t cudaMemset2DAsync(void *DevPtr, size_t Pitch, int Value,
                              size_t Width, size_t Height,
                              cudaStream_t Stream) {
  Fill2D F{static_cast<char *>(DevPtr), Pitch, Value, Width, Height};
  if (cudaError_t Err = checkFill(F))
    return report(Err);
  return report(runAsync(F, Stream));
}

cudaError_t cudaMemset3D(cudaPitchedPtr PitchedDevPtr, int Value,
                         cudaExtent Extent) {
  if (Extent.width > PitchedDevPtr.pitch)
    return report(cudaErrorInvalidPitchValue);
  if (!Extent.width || !Extent.height || !Extent.depth)
    return cudaSuccess;
  if (!PitchedDevPtr.ptr)
    return report(cudaErrorInvalidValue);
  // Each slice is ysize rows apart; fill Extent.height rows of each.
  size_t SliceRows = PitchedDevPtr.ysize ? PitchedDevPtr.ysize : Extent.height;
  for (size_t Z = 0; Z < Extent.depth; ++Z) {
    Fill2D F{static_cast<char *>(PitchedDevPtr.ptr) +
                 Z * SliceRows * PitchedDevPtr.pitch,
             PitchedDevPtr.pitch, Value, Extent.width, Extent.height};
    if (cudaError_t Err = runBlocking(F))
      return report(Err);
  }
  return cudaSuccess;
}

//===--- Hints ------------------------------------------------------------===//

cudaError_t cudaMemPrefetchAsync(const void *DevPtr, size_t Count,
                                 int DstDevice, cudaStream_t Handle) {
  if (!DevPtr || !Count)
    return report(cudaErrorInvalidValue);
  if (DstDevice != cudaCpuDeviceId && !Context::get().slot(DstDevice))
    return report(cudaErrorInvalidDevice);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Stream *S;
  // Host and device share memory: nothing to move.
  return report(resolveStream(Slot, Handle, &S));
}

cudaError_t cudaMemAdvise(const void *DevPtr, size_t Count,
                          cudaMemoryAdvise Advice, int Device) {
  if (!DevPtr || !Count || Advice < cudaMemAdviseSetReadMostly ||
      Advice > cudaMemAdviseUnsetAccessedBy)
    return report(cudaErrorInvalidValue);
  if (Device != cudaCpuDeviceId && !Context::get().slot(Device))
    return report(cudaErrorInvalidDevice);
  return cudaSuccess;
}
