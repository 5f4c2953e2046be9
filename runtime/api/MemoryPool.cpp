//===- api/MemoryPool.cpp - Stream-ordered allocation entry points --------===//
//
// Part of Tongxin. cudaMallocAsync, cudaFreeAsync, cudaMallocFromPoolAsync
// and the cudaMemPool* and cudaDevice*MemPool functions over
// core/MemoryPools. Sharing pools between processes (the export and import
// functions) is not supported.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "api/GraphHooks.h"
#include "core/MemoryPools.h"

#include <cstring>

using namespace tx;
using namespace tx::api;

static MemoryPool *poolOf(cudaMemPool_t Handle) {
  auto *Pool = reinterpret_cast<MemoryPool *>(Handle);
  return MemoryPools::get().isLive(Pool) ? Pool : nullptr;
}

static cudaMemPool_t handleOf(MemoryPool *Pool) {
  return reinterpret_cast<cudaMemPool_t>(Pool);
}

//===--- Allocation -------------------------------------------------------===//

/// A cudaMallocAsync from Pool, ordered on stream Handle. The stream must
/// belong to the pool's device.
static cudaError_t allocateAsync(void **DevPtr, size_t Size, MemoryPool *Pool,
                                 cudaStream_t Handle) {
  DeviceSlot *Slot = Context::get().slot(Pool->Device);
  if (!Slot)
    return cudaErrorInvalidDevice;
  if (cudaError_t Err = stickyError())
    return Err;
  // Graph memory nodes are not supported: refused, the capture invalidated.
  if (auto Refused = refuseInCapture(Handle, cudaErrorNotSupported))
    return *Refused;
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return Err;
  Status St = Pool->allocate(Size, S, DevPtr);
  if (St.code() == StatusCode::OutOfMemory)
    return cudaErrorMemoryAllocation;
  return toCuda(St);
}

cudaError_t cudaMallocAsync(void **DevPtr, size_t Size, cudaStream_t Stream) {
  if (!DevPtr)
    return report(cudaErrorInvalidValue);
  *DevPtr = nullptr;
  if (Size == 0)
    return cudaSuccess;
  int Device = Context::get().currentOrdinal();
  if (!Context::get().slot(Device))
    return report(cudaErrorNoDevice);
  return report(
      allocateAsync(DevPtr, Size, MemoryPools::get().current(Device), Stream));
}

cudaError_t cudaMallocFromPoolAsync(void **Ptr, size_t Size,
                                    cudaMemPool_t MemPool,
                                    cudaStream_t Stream) {
  if (!Ptr)
    return report(cudaErrorInvalidValue);
  *Ptr = nullptr;
  MemoryPool *Pool = poolOf(MemPool);
  if (!Pool)
    return report(cudaErrorInvalidValue);
  if (Size == 0)
    return cudaSuccess;
  return report(allocateAsync(Ptr, Size, Pool, Stream));
}

cudaError_t cudaFreeAsync(void *DevPtr, cudaStream_t Handle) {
  if (!DevPtr)
    return cudaSuccess;
  if (auto Refused = refuseInCapture(Handle, cudaErrorNotSupported))
    return report(*Refused);
  Allocation A;
  if (!Context::get().allocations().find(DevPtr, &A) ||
      A.Base != reinterpret_cast<uintptr_t>(DevPtr) ||
      A.Kind != AllocationKind::Device)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot = Context::get().slot(A.Device);
  if (!Slot)
    return report(cudaErrorInvalidValue);
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return report(Err);
  if (!A.Pool) {
    // cudaMalloc'ed memory: freed in stream order, once S's work is done.
    hal::Device *Dev = Slot->Device.get();
    return report(toCuda(Slot->Streams->submit(S, {}, [Dev, DevPtr] {
      if (Context::get().allocations().erase(DevPtr, AllocationKind::Device,
                                             nullptr))
        Dev->release(DevPtr);
    })));
  }
  // The block is free for work after what S holds now: a fence on S.
  Fence Freed;
  if (cudaError_t Err = toCuda(Slot->Streams->submit(
          S, {}, [] {}, &Freed)))
    return report(Err);
  if (!A.Pool->freeAsync(DevPtr, S, Freed))
    return report(cudaErrorInvalidValue); // Already freed.
  return cudaSuccess;
}

//===--- Pools of a device ------------------------------------------------===//

cudaError_t cudaDeviceGetDefaultMemPool(cudaMemPool_t *MemPool, int Device) {
  if (!MemPool)
    return report(cudaErrorInvalidValue);
  if (!Context::get().slot(Device))
    return report(cudaErrorInvalidDevice);
  *MemPool = handleOf(MemoryPools::get().defaultPool(Device));
  return cudaSuccess;
}

cudaError_t cudaDeviceGetMemPool(cudaMemPool_t *MemPool, int Device) {
  if (!MemPool)
    return report(cudaErrorInvalidValue);
  if (!Context::get().slot(Device))
    return report(cudaErrorInvalidDevice);
  *MemPool = handleOf(MemoryPools::get().current(Device));
  return cudaSuccess;
}

cudaError_t cudaDeviceSetMemPool(int Device, cudaMemPool_t MemPool) {
  if (!Context::get().slot(Device))
    return report(cudaErrorInvalidDevice);
  MemoryPool *Pool = poolOf(MemPool);
  if (!Pool || Pool->Device != Device)
    return report(cudaErrorInvalidValue);
  MemoryPools::get().setCurrent(Device, Pool);
  return cudaSuccess;
}

//===--- Pool objects -----------------------------------------------------===//

// tx-api: partial: pools with shareable handle types return cudaErrorNotSupported
cudaError_t cudaMemPoolCreate(cudaMemPool_t *MemPool,
                              const cudaMemPoolProps *PoolProps) {
  if (!MemPool || !PoolProps)
    return report(cudaErrorInvalidValue);
  *MemPool = nullptr;
  if (PoolProps->allocType != cudaMemAllocationTypePinned ||
      PoolProps->location.type != cudaMemLocationTypeDevice)
    return report(cudaErrorInvalidValue);
  if (!Context::get().slot(PoolProps->location.id))
    return report(cudaErrorInvalidDevice);
  // Pools that can be exported to other processes are not supported.
  if (PoolProps->handleTypes != cudaMemHandleTypeNone)
    return report(cudaErrorNotSupported);
  *MemPool = handleOf(
      MemoryPools::get().create(PoolProps->location.id, PoolProps->maxSize));
  return cudaSuccess;
}

cudaError_t cudaMemPoolDestroy(cudaMemPool_t MemPool) {
  return report(MemoryPools::get().destroy(poolOf(MemPool))
                    ? cudaSuccess
                    : cudaErrorInvalidValue);
}

cudaError_t cudaMemPoolTrimTo(cudaMemPool_t MemPool, size_t MinBytesToKeep) {
  MemoryPool *Pool = poolOf(MemPool);
  if (!Pool)
    return report(cudaErrorInvalidValue);
  Pool->trimTo(MinBytesToKeep);
  return cudaSuccess;
}

cudaError_t cudaMemPoolSetAttribute(cudaMemPool_t MemPool, cudaMemPoolAttr Attr,
                                    void *Value) {
  MemoryPool *Pool = poolOf(MemPool);
  if (!Pool || !Value)
    return report(cudaErrorInvalidValue);
  PoolPolicy P = Pool->policy();
  // The reuse policies are ints, the byte counts uint64_t.
  bool IsFlag = Attr == cudaMemPoolReuseFollowEventDependencies ||
                Attr == cudaMemPoolReuseAllowOpportunistic ||
                Attr == cudaMemPoolReuseAllowInternalDependencies;
  int Flag = 0;
  uint64_t Bytes = 0;
  if (IsFlag)
    std::memcpy(&Flag, Value, sizeof(Flag));
  else
    std::memcpy(&Bytes, Value, sizeof(Bytes));
  switch (Attr) {
  case cudaMemPoolReuseFollowEventDependencies:
    P.FollowEventDependencies = Flag != 0;
    break;
  case cudaMemPoolReuseAllowOpportunistic:
    P.AllowOpportunistic = Flag != 0;
    break;
  case cudaMemPoolReuseAllowInternalDependencies:
    P.AllowInternalDependencies = Flag != 0;
    break;
  case cudaMemPoolAttrReleaseThreshold:
    P.ReleaseThreshold = Bytes;
    break;
  // The high-water marks can only be reset, to the current value.
  case cudaMemPoolAttrReservedMemHigh:
    if (Bytes)
      return report(cudaErrorInvalidValue);
    Pool->resetReservedHigh();
    return cudaSuccess;
  case cudaMemPoolAttrUsedMemHigh:
    if (Bytes)
      return report(cudaErrorInvalidValue);
    Pool->resetUsedHigh();
    return cudaSuccess;
  default:
    return report(cudaErrorInvalidValue);
  }
  Pool->setPolicy(P);
  return cudaSuccess;
}

cudaError_t cudaMemPoolGetAttribute(cudaMemPool_t MemPool, cudaMemPoolAttr Attr,
                                    void *Value) {
  MemoryPool *Pool = poolOf(MemPool);
  if (!Pool || !Value)
    return report(cudaErrorInvalidValue);
  PoolPolicy P = Pool->policy();
  PoolUsage U = Pool->usage();
  int Flag = 0;
  uint64_t Bytes = 0;
  bool IsFlag = true;
  switch (Attr) {
  case cudaMemPoolReuseFollowEventDependencies:
    Flag = P.FollowEventDependencies;
    break;
  case cudaMemPoolReuseAllowOpportunistic:
    Flag = P.AllowOpportunistic;
    break;
  case cudaMemPoolReuseAllowInternalDependencies:
    Flag = P.AllowInternalDependencies;
    break;
  default:
    IsFlag = false;
    switch (Attr) {
    case cudaMemPoolAttrReleaseThreshold:
      Bytes = P.ReleaseThreshold;
      break;
    case cudaMemPoolAttrReservedMemCurrent:
      Bytes = U.Reserved;
      break;
    case cudaMemPoolAttrReservedMemHigh:
      Bytes = U.ReservedHigh;
      break;
    case cudaMemPoolAttrUsedMemCurrent:
      Bytes = U.Used;
      break;
    case cudaMemPoolAttrUsedMemHigh:
      Bytes = U.UsedHigh;
      break;
    default:
      return report(cudaErrorInvalidValue);
    }
  }
  if (IsFlag)
    std::memcpy(Value, &Flag, sizeof(Flag));
  else
    std::memcpy(Value, &Bytes, sizeof(Bytes));
  return cudaSuccess;
}

//===--- Access from other devices ----------------------------------------===//

static bool validAccessFlags(int Flags) {
  return Flags == cudaMemAccessFlagsProtNone ||
         Flags == cudaMemAccessFlagsProtRead ||
         Flags == cudaMemAccessFlagsProtReadWrite;
}

cudaError_t cudaMemPoolSetAccess(cudaMemPool_t MemPool,
                                 const cudaMemAccessDesc *DescList,
                                 size_t Count) {
  MemoryPool *Pool = poolOf(MemPool);
  if (!Pool || (Count && !DescList))
    return report(cudaErrorInvalidValue);
  for (size_t I = 0; I < Count; ++I) {
    const cudaMemAccessDesc &D = DescList[I];
    if (D.location.type != cudaMemLocationTypeDevice ||
        !validAccessFlags(D.flags))
      return report(cudaErrorInvalidValue);
    if (!Context::get().slot(D.location.id))
      return report(cudaErrorInvalidDevice);
    // The owning device always has read-write access.
    if (D.location.id == Pool->Device &&
        D.flags != cudaMemAccessFlagsProtReadWrite)
      return report(cudaErrorInvalidDevice);
  }
  for (size_t I = 0; I < Count; ++I)
    Pool->setAccess(DescList[I].location.id, DescList[I].flags);
  return cudaSuccess;
}

cudaError_t cudaMemPoolGetAccess(cudaMemAccessFlags *Flags,
                                 cudaMemPool_t MemPool,
                                 cudaMemLocation *Location) {
  MemoryPool *Pool = poolOf(MemPool);
  if (!Flags || !Pool || !Location ||
      Location->type != cudaMemLocationTypeDevice)
    return report(cudaErrorInvalidValue);
  if (!Context::get().slot(Location->id))
    return report(cudaErrorInvalidDevice);
  *Flags = Location->id == Pool->Device
               ? cudaMemAccessFlagsProtReadWrite
               : static_cast<cudaMemAccessFlags>(Pool->access(Location->id));
  return cudaSuccess;
}
