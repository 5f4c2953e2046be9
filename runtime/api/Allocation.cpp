//===- api/Allocation.cpp - Allocation entry points -----------------------===//
//
// Part of Tongxin. cudaMalloc and friends, page-locked and registered host
// memory, managed memory, and the pointer and memory-info queries. Every
// allocation is entered in the allocation map with its device and kind, so
// that frees are validated and copies can be routed (api/Memory.cpp).
// cudaMallocAsync blocks are freed back to their pool (api/MemoryPool.cpp).
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "api/GraphHooks.h"
#include "core/MemoryAdvice.h"
#include "core/MemoryPools.h"

#include <cstring>

using namespace tx;
using namespace tx::api;

/// cudaMallocPitch's row pitch, a multiple of texturePitchAlignment.
static constexpr size_t PitchAlignment = 256;

//===--- Allocation helpers -----------------------------------------------===//

static cudaError_t allocate(size_t Size, AllocationKind Kind, unsigned Flags,
                            void **Out) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  if (cudaError_t Err = stickyError())
    return Err;
  if (cudaError_t Err = checkUnsafeCall()) // During a stream capture.
    return Err;
  void *P = nullptr;
  // Managed and page-locked memory must be reachable from host code too.
  Status St = Kind == AllocationKind::Device
                  ? Slot->Device->allocate(Size, DeviceAlignment, &P)
                  : Slot->Device->allocateShared(Size, DeviceAlignment, &P);
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
  if (cudaError_t Err = checkUnsafeCall()) // During a stream capture.
    return Err;
  // The memory goes back to the device that allocated it, whichever is
  // current now.
  AllocationMap &Map = Context::get().allocations();
  Allocation A;
  if (!Map.find(Ptr, &A) || A.Base != reinterpret_cast<uintptr_t>(Ptr) ||
      (A.Kind != Kind && A.Kind != AltKind))
    return cudaErrorInvalidValue;
  DeviceSlot *Owner = Context::get().slot(A.Device);
  if (!Owner)
    return cudaErrorInvalidValue;
  waitAll(Owner->Streams->allWork());
  // cudaMallocAsync memory goes back to its pool.
  if (A.Pool)
    return A.Pool->freeNow(Ptr) ? stickyError() : cudaErrorInvalidValue;
  if (A.Kind == AllocationKind::Managed)
    MemoryAdvice::get().forget(A.Base, A.Base + A.Size);
  if (!Map.erase(Ptr, A.Kind, nullptr))
    return cudaErrorInvalidValue; // Freed concurrently.
  Owner->Device->release(Ptr);
  return stickyError();
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
      (Width + PitchAlignment - 1) / PitchAlignment * PitchAlignment;
  if (Rounded == 0)
    Rounded = PitchAlignment;
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
    // A __managed__ variable: one object in host memory, for every device.
    if (Registry::get().isManagedObject(Ptr)) {
      Attributes->type = cudaMemoryTypeManaged;
      Attributes->device = Context::get().currentOrdinal();
      Attributes->devicePointer = Attributes->hostPointer =
          const_cast<void *>(Ptr);
      return cudaSuccess;
    }
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
