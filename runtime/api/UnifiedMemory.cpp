//===- api/UnifiedMemory.cpp - Managed-memory hints and queries -----------===//
//
// Part of Tongxin. cudaMemPrefetchAsync, cudaMemAdvise (device-ordinal and
// cudaMemLocation forms), cudaMemRangeGetAttribute(s) and
// cudaStreamAttachMemAsync. Every device Tongxin drives today reaches the
// host's memory directly (cudaDevAttrPageableMemoryAccess), so these hints
// move nothing; they are validated as CUDA validates them and remembered
// (core/MemoryAdvice) so that the range queries answer as CUDA would.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "core/MemoryAdvice.h"

#include <cstring>

using namespace tx;
using namespace tx::api;

//===--- Places -----------------------------------------------------------===//

/// A device ordinal or cudaCpuDeviceId as a place.
static cudaError_t placeOfDevice(int Device, MemoryPlace *Out) {
  if (Device == cudaCpuDeviceId) {
    Out->Kind = MemoryPlace::Host;
    return cudaSuccess;
  }
  if (!Context::get().slot(Device))
    return cudaErrorInvalidDevice;
  Out->Kind = MemoryPlace::Device;
  Out->Id = Device;
  return cudaSuccess;
}

/// A cudaMemLocation as a place. The host is one NUMA node here (node 0),
/// which is also the "current" one.
static cudaError_t placeOfLocation(const cudaMemLocation &Location,
                                   MemoryPlace *Out) {
  switch (Location.type) {
  case cudaMemLocationTypeDevice:
    return placeOfDevice(Location.id < 0 ? cudaInvalidDeviceId : Location.id,
                         Out);
  case cudaMemLocationTypeHost:
    Out->Kind = MemoryPlace::Host;
    return cudaSuccess;
  case cudaMemLocationTypeHostNuma:
    if (Location.id < 0)
      return cudaErrorInvalidValue;
    Out->Kind = MemoryPlace::HostNuma;
    Out->Id = Location.id;
    return cudaSuccess;
  case cudaMemLocationTypeHostNumaCurrent:
    Out->Kind = MemoryPlace::HostNuma;
    Out->Id = 0;
    return cudaSuccess;
  default:
    return cudaErrorInvalidValue;
  }
}

/// The bit of a place in RangeAdvice::AccessedBy (host or device only).
static uint64_t accessorBit(const MemoryPlace &P) {
  return P.Kind == MemoryPlace::Device ? uint64_t(2) << P.Id : 1;
}

static uintptr_t begin(const void *Ptr) {
  return reinterpret_cast<uintptr_t>(Ptr);
}

/// Hints and range queries take managed memory or, since these devices
/// reach pageable host memory, memory the program allocated itself; not
/// what cudaMalloc or cudaMallocHost handed out (cudaErrorInvalidValue, as
/// in CUDA).
static bool isAdvisable(const void *Ptr) {
  Allocation A;
  if (!Context::get().allocations().find(Ptr, &A))
    return true;
  return A.Kind == AllocationKind::Managed ||
         A.Kind == AllocationKind::Registered;
}

//===--- Prefetch ---------------------------------------------------------===//

static cudaError_t prefetch(const void *DevPtr, size_t Count,
                            const MemoryPlace &To, cudaStream_t Handle) {
  if (!DevPtr || !Count || !isAdvisable(DevPtr))
    return cudaErrorInvalidValue;
  DeviceSlot *Slot;
  Stream *S;
  if (cudaError_t Err = currentStream(Handle, &Slot, &S))
    return Err;
  // Host and devices share the memory: nothing to move, only to record.
  MemoryAdvice::get().update(begin(DevPtr), begin(DevPtr) + Count,
                             [&](RangeAdvice &A) { A.LastPrefetch = To; });
  return cudaSuccess;
}

cudaError_t cudaMemPrefetchAsync(const void *DevPtr, size_t Count,
                                 int DstDevice, cudaStream_t Stream) {
  MemoryPlace To;
  if (cudaError_t Err = placeOfDevice(DstDevice, &To))
    return report(Err);
  return report(prefetch(DevPtr, Count, To, Stream));
}

cudaError_t cudaMemPrefetchAsync_v2(const void *DevPtr, size_t Count,
                                    cudaMemLocation Location,
                                    unsigned int Flags, cudaStream_t Stream) {
  if (Flags)
    return report(cudaErrorInvalidValue);
  MemoryPlace To;
  if (cudaError_t Err = placeOfLocation(Location, &To))
    return report(Err);
  return report(prefetch(DevPtr, Count, To, Stream));
}

//===--- Advice -----------------------------------------------------------===//

static cudaError_t advise(const void *DevPtr, size_t Count,
                          cudaMemoryAdvise Advice, const MemoryPlace &Place) {
  if (!DevPtr || !Count || !isAdvisable(DevPtr))
    return cudaErrorInvalidValue;
  bool AccessedBy = Advice == cudaMemAdviseSetAccessedBy ||
                    Advice == cudaMemAdviseUnsetAccessedBy;
  // Access is granted to a processor: a device or the host, not a node.
  if (AccessedBy && Place.Kind == MemoryPlace::HostNuma)
    return cudaErrorInvalidValue;
  std::function<void(RangeAdvice &)> Change;
  switch (Advice) {
  case cudaMemAdviseSetReadMostly:
    Change = [](RangeAdvice &A) { A.ReadMostly = true; };
    break;
  case cudaMemAdviseUnsetReadMostly:
    Change = [](RangeAdvice &A) { A.ReadMostly = false; };
    break;
  case cudaMemAdviseSetPreferredLocation:
    Change = [&](RangeAdvice &A) { A.Preferred = Place; };
    break;
  case cudaMemAdviseUnsetPreferredLocation:
    Change = [](RangeAdvice &A) { A.Preferred = MemoryPlace(); };
    break;
  case cudaMemAdviseSetAccessedBy:
    Change = [&](RangeAdvice &A) { A.AccessedBy |= accessorBit(Place); };
    break;
  case cudaMemAdviseUnsetAccessedBy:
    Change = [&](RangeAdvice &A) { A.AccessedBy &= ~accessorBit(Place); };
    break;
  default:
    return cudaErrorInvalidValue;
  }
  MemoryAdvice::get().update(begin(DevPtr), begin(DevPtr) + Count, Change);
  return cudaSuccess;
}

/// The read-mostly advice ignores its device argument, so an invalid one is
/// no error there.
static bool ignoresPlace(cudaMemoryAdvise Advice) {
  return Advice == cudaMemAdviseSetReadMostly ||
         Advice == cudaMemAdviseUnsetReadMostly ||
         Advice == cudaMemAdviseUnsetPreferredLocation;
}

cudaError_t cudaMemAdvise(const void *DevPtr, size_t Count,
                          cudaMemoryAdvise Advice, int Device) {
  MemoryPlace Place;
  if (!ignoresPlace(Advice))
    if (cudaError_t Err = placeOfDevice(Device, &Place))
      return report(Err);
  return report(advise(DevPtr, Count, Advice, Place));
}

cudaError_t cudaMemAdvise_v2(const void *DevPtr, size_t Count,
                             cudaMemoryAdvise Advice,
                             cudaMemLocation Location) {
  MemoryPlace Place;
  if (!ignoresPlace(Advice))
    if (cudaError_t Err = placeOfLocation(Location, &Place))
      return report(Err);
  return report(advise(DevPtr, Count, Advice, Place));
}

//===--- Range attributes -------------------------------------------------===//

namespace {
/// What a range's hints have in common.
struct RangeSummary {
  bool ReadMostly = true;
  uint64_t AccessedBy = ~uint64_t(0);
  MemoryPlace Preferred, LastPrefetch;
  bool PreferredUniform = true, LastPrefetchUniform = true;
};
} // namespace

static RangeSummary summarize(const void *DevPtr, size_t Count) {
  RangeSummary S;
  bool First = true;
  MemoryAdvice::get().visit(
      begin(DevPtr), begin(DevPtr) + Count, [&](const RangeAdvice &A) {
        S.ReadMostly &= A.ReadMostly;
        S.AccessedBy &= A.AccessedBy;
        if (First) {
          S.Preferred = A.Preferred;
          S.LastPrefetch = A.LastPrefetch;
          First = false;
        }
        S.PreferredUniform &= A.Preferred == S.Preferred;
        S.LastPrefetchUniform &= A.LastPrefetch == S.LastPrefetch;
        return true;
      });
  return S;
}

/// A place as the device-ordinal attributes report it.
static int ordinalOf(const MemoryPlace &P, bool Uniform) {
  if (!Uniform || P.Kind == MemoryPlace::None)
    return cudaInvalidDeviceId;
  return P.Kind == MemoryPlace::Device ? P.Id : cudaCpuDeviceId;
}

static int locationTypeOf(const MemoryPlace &P, bool Uniform) {
  if (!Uniform)
    return cudaMemLocationTypeInvalid;
  switch (P.Kind) {
  case MemoryPlace::Device:
    return cudaMemLocationTypeDevice;
  case MemoryPlace::Host:
    return cudaMemLocationTypeHost;
  case MemoryPlace::HostNuma:
    return cudaMemLocationTypeHostNuma;
  default:
    return cudaMemLocationTypeInvalid;
  }
}

static int locationIdOf(const MemoryPlace &P, bool Uniform) {
  bool HasId = P.Kind == MemoryPlace::Device || P.Kind == MemoryPlace::HostNuma;
  return Uniform && HasId ? P.Id : cudaInvalidDeviceId;
}

/// cudaMemRangeAttributeAccessedBy: the processors with the advice on the
/// whole range, host first, then devices by ordinal; the rest of Out is
/// cudaInvalidDeviceId.
static void listAccessors(uint64_t Mask, int *Out, size_t Slots) {
  size_t N = 0;
  for (int Bit = 0; Bit < 64 && N < Slots; ++Bit)
    if (Mask & (uint64_t(1) << Bit))
      Out[N++] = Bit == 0 ? cudaCpuDeviceId : Bit - 1;
  for (; N < Slots; ++N)
    Out[N] = cudaInvalidDeviceId;
}

static cudaError_t rangeAttribute(void *Data, size_t DataSize,
                                  cudaMemRangeAttribute Attribute,
                                  const void *DevPtr, size_t Count) {
  if (!Data || !DevPtr || !Count || DataSize < sizeof(int) ||
      DataSize % sizeof(int) || !isAdvisable(DevPtr))
    return cudaErrorInvalidValue;
  bool ListAttribute = Attribute == cudaMemRangeAttributeAccessedBy;
  if (!ListAttribute && DataSize != sizeof(int))
    return cudaErrorInvalidValue;
  RangeSummary S = summarize(DevPtr, Count);
  int Value;
  switch (Attribute) {
  case cudaMemRangeAttributeReadMostly:
    Value = S.ReadMostly;
    break;
  case cudaMemRangeAttributePreferredLocation:
    Value = ordinalOf(S.Preferred, S.PreferredUniform);
    break;
  case cudaMemRangeAttributeAccessedBy:
    listAccessors(S.AccessedBy, static_cast<int *>(Data),
                  DataSize / sizeof(int));
    return cudaSuccess;
  case cudaMemRangeAttributeLastPrefetchLocation:
    Value = ordinalOf(S.LastPrefetch, S.LastPrefetchUniform);
    break;
  case cudaMemRangeAttributePreferredLocationType:
    Value = locationTypeOf(S.Preferred, S.PreferredUniform);
    break;
  case cudaMemRangeAttributePreferredLocationId:
    Value = locationIdOf(S.Preferred, S.PreferredUniform);
    break;
  case cudaMemRangeAttributeLastPrefetchLocationType:
    Value = locationTypeOf(S.LastPrefetch, S.LastPrefetchUniform);
    break;
  case cudaMemRangeAttributeLastPrefetchLocationId:
    Value = locationIdOf(S.LastPrefetch, S.LastPrefetchUniform);
    break;
  default:
    return cudaErrorInvalidValue;
  }
  std::memcpy(Data, &Value, sizeof(Value));
  return cudaSuccess;
}

cudaError_t cudaMemRangeGetAttribute(void *Data, size_t DataSize,
                                     cudaMemRangeAttribute Attribute,
                                     const void *DevPtr, size_t Count) {
  return report(rangeAttribute(Data, DataSize, Attribute, DevPtr, Count));
}

cudaError_t cudaMemRangeGetAttributes(void **Data, size_t *DataSizes,
                                      cudaMemRangeAttribute *Attributes,
                                      size_t NumAttributes, const void *DevPtr,
                                      size_t Count) {
  if (!Data || !DataSizes || !Attributes || !NumAttributes)
    return report(cudaErrorInvalidValue);
  for (size_t I = 0; I < NumAttributes; ++I)
    if (cudaError_t Err =
            rangeAttribute(Data[I], DataSizes[I], Attributes[I], DevPtr, Count))
      return report(Err);
  return cudaSuccess;
}

//===--- Stream association -----------------------------------------------===//

cudaError_t cudaStreamAttachMemAsync(cudaStream_t Handle, void *DevPtr,
                                     size_t Length, unsigned int Flags) {
  if (!DevPtr || (Flags != cudaMemAttachGlobal && Flags != cudaMemAttachHost &&
                  Flags != cudaMemAttachSingle))
    return report(cudaErrorInvalidValue);
  // Single-stream attachment needs a stream of its own to attach to.
  if (Flags == cudaMemAttachSingle &&
      (!Handle || Handle == cudaStreamLegacy || Handle == cudaStreamPerThread))
    return report(cudaErrorInvalidValue);
  (void)Length;
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Stream *S;
  // Every processor may touch managed memory at any time on these devices,
  // so an attachment restricts nothing.
  return report(resolveStream(Slot, Handle, &S));
}
