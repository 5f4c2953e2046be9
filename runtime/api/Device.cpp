//===- api/Device.cpp - Device management entry points --------------------===//
//
// Part of Tongxin. Device selection, properties, attributes, limits,
// device-wide synchronisation and reset, and the shared helpers of
// api/Common.h that concern devices and streams.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "api/GraphHooks.h"
#include "core/Arrays.h"
#include "core/MemoryPools.h"
#include "tongxin/runtime.h"

#include <cstdio>
#include <cstring>

using namespace tx;
using namespace tx::api;

//===--- Shared helpers ---------------------------------------------------===//

cudaError_t api::currentDevice(DeviceSlot **Out) {
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return cudaErrorNoDevice;
  DeviceSlot *Slot = Ctx.current();
  if (!Slot)
    return cudaErrorInvalidDevice;
  *Out = Slot;
  return cudaSuccess;
}

cudaError_t api::resolveStream(DeviceSlot *Slot, cudaStream_t Handle,
                               Stream **Out) {
  if (!Handle || Handle == cudaStreamLegacy || Handle == cudaStreamPerThread) {
    *Out = Slot->Streams->legacy();
    return cudaSuccess;
  }
  auto *S = reinterpret_cast<Stream *>(Handle);
  if (!Slot->Streams->isLive(S))
    return cudaErrorInvalidResourceHandle;
  *Out = S;
  return cudaSuccess;
}

cudaError_t api::currentStream(cudaStream_t Handle, DeviceSlot **Slot,
                               Stream **Out) {
  if (cudaError_t Err = currentDevice(Slot))
    return Err;
  return resolveStream(*Slot, Handle, Out);
}

cudaError_t api::synchronizeOn(const std::vector<Fence> &Fences) {
  waitAll(Fences);
  flushDeviceOutput();
  // Synchronisations are where memory pools give back what exceeds their
  // release threshold, as in CUDA.
  MemoryPools::get().trimAllToThreshold();
  return stickyError();
}

//===--- Properties -------------------------------------------------------===//

static void fillProperties(const hal::DeviceInfo &I, int Ordinal,
                           cudaDeviceProp &P) {
  std::memset(&P, 0, sizeof(P));
  std::strncpy(P.name, I.Name, sizeof(P.name) - 1);
  // A stable, recognisable UUID: "TONGXIN-", the backend, the ordinal.
  char Uuid[16] = "TONGXIN-";
  std::strncpy(Uuid + 8, I.Backend, 7);
  std::memcpy(P.uuid.bytes, Uuid, 15);
  P.uuid.bytes[15] = static_cast<char>(Ordinal);
  P.totalGlobalMem = I.TotalMemory;
  P.sharedMemPerBlock = I.SharedMemPerBlock;
  P.regsPerBlock = 65536;
  P.warpSize = static_cast<int>(I.WarpSize);
  P.memPitch = 2147483647;
  P.maxThreadsPerBlock = static_cast<int>(I.MaxThreadsPerBlock);
  for (int D = 0; D < 3; ++D) {
    P.maxThreadsDim[D] = static_cast<int>(I.MaxBlockDim[D]);
    P.maxGridSize[D] = static_cast<int>(I.MaxGridDim[D]);
  }
  P.clockRate = static_cast<int>(I.ClockKHz);
  P.totalConstMem = 65536;
  P.major = static_cast<int>(I.ComputeMajor);
  P.minor = static_cast<int>(I.ComputeMinor);
  P.textureAlignment = 512;
  P.texturePitchAlignment = 32;
  P.deviceOverlap = 1;
  P.multiProcessorCount = static_cast<int>(I.ComputeUnits);
  P.integrated = I.Integrated;
  P.canMapHostMemory = 1;
  P.computeMode = cudaComputeModeDefault;
  P.surfaceAlignment = 512;
  // A PCI address of our own, one bus per device (cudaDeviceGetPCIBusId).
  P.pciBusID = Ordinal + 1;
  // Texture and surface limits: those the array and texture entry points
  // enforce. Cubemaps, gathers and mipmaps are unsupported: 0.
  P.maxTexture1D = P.maxSurface1D = int(limits::Width1D);
  P.maxTexture1DLinear = int(limits::LinearElements);
  P.maxTexture2D[0] = P.maxSurface2D[0] = int(limits::Width2D);
  P.maxTexture2D[1] = P.maxSurface2D[1] = int(limits::Height2D);
  P.maxTexture2DLinear[0] = int(limits::PitchWidth);
  P.maxTexture2DLinear[1] = int(limits::PitchHeight);
  P.maxTexture2DLinear[2] = int(limits::PitchBytes);
  for (int D = 0; D < 3; ++D)
    P.maxTexture3D[D] = P.maxSurface3D[D] = int(limits::Extent3D);
  P.maxTexture1DLayered[0] = P.maxSurface1DLayered[0] =
      int(limits::LayeredWidth);
  P.maxTexture1DLayered[1] = P.maxSurface1DLayered[1] = int(limits::Layers);
  P.maxTexture2DLayered[0] = P.maxSurface2DLayered[0] =
      int(limits::LayeredWidth);
  P.maxTexture2DLayered[1] = P.maxSurface2DLayered[1] =
      int(limits::LayeredHeight);
  P.maxTexture2DLayered[2] = P.maxSurface2DLayered[2] = int(limits::Layers);
  P.concurrentKernels = 1;
  P.asyncEngineCount = 1;
  P.unifiedAddressing = 1;
  P.memoryBusWidth = 64;
  P.l2CacheSize = static_cast<int>(I.L2CacheBytes);
  P.maxThreadsPerMultiProcessor = static_cast<int>(I.MaxThreadsPerUnit);
  P.globalL1CacheSupported = 1;
  P.localL1CacheSupported = 1;
  P.sharedMemPerMultiprocessor = I.SharedMemPerUnit;
  P.regsPerMultiprocessor = 65536;
  P.managedMemory = 1;
  P.hostNativeAtomicSupported = I.Integrated;
  P.singleToDoublePrecisionPerfRatio = 2;
  P.pageableMemoryAccess = I.PageableMemoryAccess;
  P.concurrentManagedAccess = 1;
  P.canUseHostPointerForRegisteredMem = 1;
  P.sharedMemPerBlockOptin = I.SharedMemPerBlockOptin;
  P.pageableMemoryAccessUsesHostPageTables = I.PageableMemoryAccess;
  P.directManagedMemAccessFromHost = 1;
  P.maxBlocksPerMultiProcessor = static_cast<int>(I.MaxBlocksPerUnit);
  P.hostRegisterSupported = 1;
  P.hostRegisterReadOnlySupported = 1;
  P.unifiedFunctionPointers = 1;
  P.cooperativeLaunch = I.CooperativeLaunch;
  // Every device has the stream-ordered allocator (runtime/api/MemoryPool.cpp);
  // pools cannot be shared with other processes (no handle types).
  P.memoryPoolsSupported = 1;
  P.memoryPoolSupportedHandleTypes = cudaMemHandleTypeNone;
}

/// Attribute values come from the same cudaDeviceProp so both always agree.
static bool attributeValue(const cudaDeviceProp &P, cudaDeviceAttr Attr,
                           int *Value) {
  switch (Attr) {
#define TX_ATTR(Name, Expr)                                                    \
  case Name:                                                                   \
    *Value = static_cast<int>(Expr);                                           \
    return true;
    TX_ATTR(cudaDevAttrMaxThreadsPerBlock, P.maxThreadsPerBlock)
    TX_ATTR(cudaDevAttrMaxBlockDimX, P.maxThreadsDim[0])
    TX_ATTR(cudaDevAttrMaxBlockDimY, P.maxThreadsDim[1])
    TX_ATTR(cudaDevAttrMaxBlockDimZ, P.maxThreadsDim[2])
    TX_ATTR(cudaDevAttrMaxGridDimX, P.maxGridSize[0])
    TX_ATTR(cudaDevAttrMaxGridDimY, P.maxGridSize[1])
    TX_ATTR(cudaDevAttrMaxGridDimZ, P.maxGridSize[2])
    TX_ATTR(cudaDevAttrMaxSharedMemoryPerBlock, P.sharedMemPerBlock)
    TX_ATTR(cudaDevAttrTotalConstantMemory, P.totalConstMem)
    TX_ATTR(cudaDevAttrWarpSize, P.warpSize)
    TX_ATTR(cudaDevAttrMaxPitch, P.memPitch)
    TX_ATTR(cudaDevAttrMaxRegistersPerBlock, P.regsPerBlock)
    TX_ATTR(cudaDevAttrClockRate, P.clockRate)
    TX_ATTR(cudaDevAttrTextureAlignment, P.textureAlignment)
    TX_ATTR(cudaDevAttrGpuOverlap, P.deviceOverlap)
    TX_ATTR(cudaDevAttrMultiProcessorCount, P.multiProcessorCount)
    TX_ATTR(cudaDevAttrKernelExecTimeout, P.kernelExecTimeoutEnabled)
    TX_ATTR(cudaDevAttrIntegrated, P.integrated)
    TX_ATTR(cudaDevAttrCanMapHostMemory, P.canMapHostMemory)
    TX_ATTR(cudaDevAttrComputeMode, P.computeMode)
    TX_ATTR(cudaDevAttrSurfaceAlignment, P.surfaceAlignment)
    TX_ATTR(cudaDevAttrConcurrentKernels, P.concurrentKernels)
    TX_ATTR(cudaDevAttrEccEnabled, P.ECCEnabled)
    TX_ATTR(cudaDevAttrPciBusId, P.pciBusID)
    TX_ATTR(cudaDevAttrPciDeviceId, P.pciDeviceID)
    TX_ATTR(cudaDevAttrTccDriver, P.tccDriver)
    TX_ATTR(cudaDevAttrMemoryClockRate, P.memoryClockRate)
    TX_ATTR(cudaDevAttrGlobalMemoryBusWidth, P.memoryBusWidth)
    TX_ATTR(cudaDevAttrL2CacheSize, P.l2CacheSize)
    TX_ATTR(cudaDevAttrMaxThreadsPerMultiProcessor,
            P.maxThreadsPerMultiProcessor)
    TX_ATTR(cudaDevAttrAsyncEngineCount, P.asyncEngineCount)
    TX_ATTR(cudaDevAttrUnifiedAddressing, P.unifiedAddressing)
    TX_ATTR(cudaDevAttrPciDomainId, P.pciDomainID)
    TX_ATTR(cudaDevAttrTexturePitchAlignment, P.texturePitchAlignment)
    TX_ATTR(cudaDevAttrMaxTexture1DWidth, P.maxTexture1D)
    TX_ATTR(cudaDevAttrMaxTexture2DWidth, P.maxTexture2D[0])
    TX_ATTR(cudaDevAttrMaxTexture2DHeight, P.maxTexture2D[1])
    TX_ATTR(cudaDevAttrMaxTexture3DWidth, P.maxTexture3D[0])
    TX_ATTR(cudaDevAttrMaxTexture3DHeight, P.maxTexture3D[1])
    TX_ATTR(cudaDevAttrMaxTexture3DDepth, P.maxTexture3D[2])
    TX_ATTR(cudaDevAttrMaxTexture1DLayeredWidth, P.maxTexture1DLayered[0])
    TX_ATTR(cudaDevAttrMaxTexture1DLayeredLayers, P.maxTexture1DLayered[1])
    TX_ATTR(cudaDevAttrMaxTexture2DLayeredWidth, P.maxTexture2DLayered[0])
    TX_ATTR(cudaDevAttrMaxTexture2DLayeredHeight, P.maxTexture2DLayered[1])
    TX_ATTR(cudaDevAttrMaxTexture2DLayeredLayers, P.maxTexture2DLayered[2])
    TX_ATTR(cudaDevAttrMaxTexture1DLinearWidth, P.maxTexture1DLinear)
    TX_ATTR(cudaDevAttrMaxTexture2DLinearWidth, P.maxTexture2DLinear[0])
    TX_ATTR(cudaDevAttrMaxTexture2DLinearHeight, P.maxTexture2DLinear[1])
    TX_ATTR(cudaDevAttrMaxTexture2DLinearPitch, P.maxTexture2DLinear[2])
    TX_ATTR(cudaDevAttrMaxSurface1DWidth, P.maxSurface1D)
    TX_ATTR(cudaDevAttrMaxSurface2DWidth, P.maxSurface2D[0])
    TX_ATTR(cudaDevAttrMaxSurface2DHeight, P.maxSurface2D[1])
    TX_ATTR(cudaDevAttrMaxSurface3DWidth, P.maxSurface3D[0])
    TX_ATTR(cudaDevAttrMaxSurface3DHeight, P.maxSurface3D[1])
    TX_ATTR(cudaDevAttrMaxSurface3DDepth, P.maxSurface3D[2])
    TX_ATTR(cudaDevAttrMaxSurface1DLayeredWidth, P.maxSurface1DLayered[0])
    TX_ATTR(cudaDevAttrMaxSurface1DLayeredLayers, P.maxSurface1DLayered[1])
    TX_ATTR(cudaDevAttrMaxSurface2DLayeredWidth, P.maxSurface2DLayered[0])
    TX_ATTR(cudaDevAttrMaxSurface2DLayeredHeight, P.maxSurface2DLayered[1])
    TX_ATTR(cudaDevAttrMaxSurface2DLayeredLayers, P.maxSurface2DLayered[2])
    TX_ATTR(cudaDevAttrComputeCapabilityMajor, P.major)
    TX_ATTR(cudaDevAttrComputeCapabilityMinor, P.minor)
    TX_ATTR(cudaDevAttrStreamPrioritiesSupported, P.streamPrioritiesSupported)
    TX_ATTR(cudaDevAttrGlobalL1CacheSupported, P.globalL1CacheSupported)
    TX_ATTR(cudaDevAttrLocalL1CacheSupported, P.localL1CacheSupported)
    TX_ATTR(cudaDevAttrMaxSharedMemoryPerMultiprocessor,
            P.sharedMemPerMultiprocessor)
    TX_ATTR(cudaDevAttrMaxRegistersPerMultiprocessor, P.regsPerMultiprocessor)
    TX_ATTR(cudaDevAttrManagedMemory, P.managedMemory)
    TX_ATTR(cudaDevAttrIsMultiGpuBoard, P.isMultiGpuBoard)
    TX_ATTR(cudaDevAttrMultiGpuBoardGroupID, P.multiGpuBoardGroupID)
    TX_ATTR(cudaDevAttrHostNativeAtomicSupported, P.hostNativeAtomicSupported)
    TX_ATTR(cudaDevAttrSingleToDoublePrecisionPerfRatio,
            P.singleToDoublePrecisionPerfRatio)
    TX_ATTR(cudaDevAttrPageableMemoryAccess, P.pageableMemoryAccess)
    TX_ATTR(cudaDevAttrConcurrentManagedAccess, P.concurrentManagedAccess)
    TX_ATTR(cudaDevAttrComputePreemptionSupported, P.computePreemptionSupported)
    TX_ATTR(cudaDevAttrCanUseHostPointerForRegisteredMem,
            P.canUseHostPointerForRegisteredMem)
    TX_ATTR(cudaDevAttrCooperativeLaunch, P.cooperativeLaunch)
    TX_ATTR(cudaDevAttrCooperativeMultiDeviceLaunch,
            P.cooperativeMultiDeviceLaunch)
    TX_ATTR(cudaDevAttrMaxSharedMemoryPerBlockOptin, P.sharedMemPerBlockOptin)
    TX_ATTR(cudaDevAttrCanFlushRemoteWrites, 0)
    TX_ATTR(cudaDevAttrHostRegisterSupported, P.hostRegisterSupported)
    TX_ATTR(cudaDevAttrPageableMemoryAccessUsesHostPageTables,
            P.pageableMemoryAccessUsesHostPageTables)
    TX_ATTR(cudaDevAttrDirectManagedMemAccessFromHost,
            P.directManagedMemAccessFromHost)
    TX_ATTR(cudaDevAttrMaxBlocksPerMultiprocessor, P.maxBlocksPerMultiProcessor)
    TX_ATTR(cudaDevAttrMaxPersistingL2CacheSize, P.persistingL2CacheMaxSize)
    TX_ATTR(cudaDevAttrMaxAccessPolicyWindowSize, P.accessPolicyMaxWindowSize)
    TX_ATTR(cudaDevAttrReservedSharedMemoryPerBlock,
            P.reservedSharedMemPerBlock)
    TX_ATTR(cudaDevAttrSparseCudaArraySupported, P.sparseCudaArraySupported)
    TX_ATTR(cudaDevAttrHostRegisterReadOnlySupported,
            P.hostRegisterReadOnlySupported)
    TX_ATTR(cudaDevAttrTimelineSemaphoreInteropSupported,
            P.timelineSemaphoreInteropSupported)
    TX_ATTR(cudaDevAttrMemoryPoolsSupported, P.memoryPoolsSupported)
    TX_ATTR(cudaDevAttrGPUDirectRDMASupported, P.gpuDirectRDMASupported)
    TX_ATTR(cudaDevAttrGPUDirectRDMAFlushWritesOptions,
            P.gpuDirectRDMAFlushWritesOptions)
    TX_ATTR(cudaDevAttrGPUDirectRDMAWritesOrdering,
            P.gpuDirectRDMAWritesOrdering)
    TX_ATTR(cudaDevAttrMemoryPoolSupportedHandleTypes,
            P.memoryPoolSupportedHandleTypes)
    TX_ATTR(cudaDevAttrClusterLaunch, P.clusterLaunch)
    TX_ATTR(cudaDevAttrDeferredMappingCudaArraySupported,
            P.deferredMappingCudaArraySupported)
    TX_ATTR(cudaDevAttrIpcEventSupport, P.ipcEventSupported)
    TX_ATTR(cudaDevAttrMemSyncDomainCount, 1)
    TX_ATTR(cudaDevAttrNumaConfig, cudaDeviceNumaConfigNone)
    TX_ATTR(cudaDevAttrNumaId, -1)
    TX_ATTR(cudaDevAttrHostNumaId, -1)
#undef TX_ATTR
  default:
    // Cubemap, gather and mipmap limits: unsupported, zero.
    if (Attr > 0 && Attr < cudaDevAttrMax) {
      *Value = 0;
      return true;
    }
    return false;
  }
}

/// Known cudaDeviceSchedule* / cudaDevice* bits, at most one scheduling
/// policy.
static cudaError_t checkDeviceFlags(unsigned Flags) {
  if (Flags & ~unsigned(cudaDeviceMask))
    return cudaErrorInvalidValue;
  unsigned Schedule = Flags & cudaDeviceScheduleMask;
  if (Schedule != 0 && (Schedule & (Schedule - 1)))
    return cudaErrorInvalidValue;
  return cudaSuccess;
}

//===--- Entry points -----------------------------------------------------===//

cudaError_t cudaGetDeviceCount(int *Count) {
  if (!Count)
    return report(cudaErrorInvalidValue);
  *Count = Context::get().deviceCount();
  return report(*Count ? cudaSuccess : cudaErrorNoDevice);
}

cudaError_t cudaSetDevice(int Device) {
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  if (!Ctx.slot(Device))
    return report(cudaErrorInvalidDevice);
  Ctx.setCurrentOrdinal(Device);
  return cudaSuccess;
}

cudaError_t cudaInitDevice(int Device, unsigned int DeviceFlags,
                           unsigned int Flags) {
  if (Flags & ~unsigned(cudaInitDeviceFlagsAreValid))
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  DeviceSlot *Slot = Ctx.slot(Device);
  if (!Slot)
    return report(cudaErrorInvalidDevice);
  // Devices are ready from the start; only the flags may change.
  if (!(Flags & cudaInitDeviceFlagsAreValid))
    return cudaSuccess;
  if (cudaError_t Err = checkDeviceFlags(DeviceFlags))
    return report(Err);
  Slot->Settings.Flags = DeviceFlags;
  return cudaSuccess;
}

// tx-api: partial: the first device becomes the calling thread's device
cudaError_t cudaSetValidDevices(int *DeviceArr, int Len) {
  if (Len < 0 || (Len > 0 && !DeviceArr))
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  for (int I = 0; I < Len; ++I) {
    if (!Ctx.slot(DeviceArr[I]))
      return report(cudaErrorInvalidDevice);
    for (int J = 0; J < I; ++J)
      if (DeviceArr[J] == DeviceArr[I])
        return report(cudaErrorInvalidValue);
  }
  Ctx.setCurrentOrdinal(Len > 0 ? DeviceArr[0] : 0);
  return cudaSuccess;
}

cudaError_t cudaGetDevice(int *Device) {
  if (!Device)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  *Device = Context::get().currentOrdinal();
  return cudaSuccess;
}

cudaError_t cudaGetDeviceProperties(cudaDeviceProp *Prop, int Device) {
  if (!Prop)
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  DeviceSlot *Slot = Ctx.slot(Device);
  if (!Slot)
    return report(cudaErrorInvalidDevice);
  fillProperties(Slot->Device->info(), Device, *Prop);
  return cudaSuccess;
}

cudaError_t cudaGetDeviceProperties_v2(cudaDeviceProp *Prop, int Device) {
  return cudaGetDeviceProperties(Prop, Device);
}

cudaError_t cudaDeviceGetAttribute(int *Value, cudaDeviceAttr Attr,
                                   int Device) {
  if (!Value)
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  DeviceSlot *Slot = Ctx.slot(Device);
  if (!Slot)
    return report(cudaErrorInvalidDevice);
  cudaDeviceProp P;
  fillProperties(Slot->Device->info(), Device, P);
  if (!attributeValue(P, Attr, Value))
    return report(cudaErrorInvalidValue);
  return cudaSuccess;
}

cudaError_t cudaChooseDevice(int *Device, const cudaDeviceProp *Prop) {
  if (!Device || !Prop)
    return report(cudaErrorInvalidValue);
  if (Context::get().deviceCount() == 0)
    return report(cudaErrorNoDevice);
  *Device = 0;
  return cudaSuccess;
}

cudaError_t cudaDeviceSynchronize(void) {
  trace::Span Traced(trace::Kind::Synchronize, "cudaDeviceSynchronize");
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  if (cudaError_t Err = checkDeviceSynchronize(Slot)) // While capturing.
    return report(Err);
  return report(synchronizeOn(Slot->Streams->allWork()));
}

cudaError_t cudaThreadSynchronize(void) { return cudaDeviceSynchronize(); }

cudaError_t cudaDeviceReset(void) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  waitAll(Slot->Streams->allWork());
  flushDeviceOutput();
  abandonCaptures(Slot); // Their streams are about to go.
  Slot->Streams->reset();
  // Memory the runtime allocated is released; registrations are forgotten.
  int Ordinal = Context::get().currentOrdinal();
  for (const Allocation &A : Context::get().allocations().takeAll(Ordinal))
    if (A.Kind != AllocationKind::Registered)
      Slot->Device->release(reinterpret_cast<void *>(A.Base));
  MemoryPools::get().resetDevice(Ordinal);
  Slot->Settings = DeviceSettings();
  Context::get().clearSticky();
  clearLastError();
  return cudaSuccess;
}

cudaError_t cudaThreadExit(void) { return cudaDeviceReset(); }

cudaError_t cudaThreadSetLimit(cudaLimit Limit, size_t Value) {
  return cudaDeviceSetLimit(Limit, Value);
}

cudaError_t cudaThreadGetLimit(size_t *Value, cudaLimit Limit) {
  return cudaDeviceGetLimit(Value, Limit);
}

cudaError_t cudaThreadGetCacheConfig(cudaFuncCache *Config) {
  return cudaDeviceGetCacheConfig(Config);
}

cudaError_t cudaThreadSetCacheConfig(cudaFuncCache Config) {
  return cudaDeviceSetCacheConfig(Config);
}

cudaError_t cudaSetDeviceFlags(unsigned int Flags) {
  if (cudaError_t Err = checkDeviceFlags(Flags))
    return report(Err);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Slot->Settings.Flags = Flags;
  return cudaSuccess;
}

cudaError_t cudaGetDeviceFlags(unsigned int *Flags) {
  if (!Flags)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  // Host memory is always mapped, as with CUDA on current devices.
  *Flags = Slot->Settings.Flags | cudaDeviceMapHost;
  return cudaSuccess;
}

cudaError_t cudaDeviceGetLimit(size_t *Value, cudaLimit Limit) {
  if (!Value)
    return report(cudaErrorInvalidValue);
  if (Limit < cudaLimitStackSize || Limit > cudaLimitPersistingL2CacheSize)
    return report(cudaErrorUnsupportedLimit);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  *Value = Slot->Settings.Limits[Limit];
  return cudaSuccess;
}

cudaError_t cudaDeviceSetLimit(cudaLimit Limit, size_t Value) {
  if (Limit < cudaLimitStackSize || Limit > cudaLimitPersistingL2CacheSize)
    return report(cudaErrorUnsupportedLimit);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  if (Status St = Slot->Device->setLimit(Limit, Value); !St.isOk())
    return report(St.code() == StatusCode::OutOfMemory
                      ? cudaErrorMemoryAllocation
                      : cudaErrorInvalidValue);
  Slot->Settings.Limits[Limit] = Value;
  return cudaSuccess;
}

cudaError_t cudaDeviceGetCacheConfig(cudaFuncCache *Config) {
  if (!Config)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  *Config = static_cast<cudaFuncCache>(Slot->Settings.CacheConfig);
  return cudaSuccess;
}

cudaError_t cudaDeviceSetCacheConfig(cudaFuncCache Config) {
  if (Config < cudaFuncCachePreferNone || Config > cudaFuncCachePreferEqual)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Slot->Settings.CacheConfig = Config; // Only a preference; CPUs ignore it.
  return cudaSuccess;
}

cudaError_t cudaDeviceGetSharedMemConfig(cudaSharedMemConfig *Config) {
  if (!Config)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  *Config = static_cast<cudaSharedMemConfig>(Slot->Settings.SharedMemConfig);
  return cudaSuccess;
}

cudaError_t cudaDeviceSetSharedMemConfig(cudaSharedMemConfig Config) {
  if (Config < cudaSharedMemBankSizeDefault ||
      Config > cudaSharedMemBankSizeEightByte)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  Slot->Settings.SharedMemConfig = Config;
  return cudaSuccess;
}

cudaError_t cudaDeviceCanAccessPeer(int *CanAccess, int Device,
                                    int PeerDevice) {
  if (!CanAccess)
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  if (!Ctx.slot(Device) || !Ctx.slot(PeerDevice))
    return report(cudaErrorInvalidDevice);
  // A device is not its own peer. Devices whose memory the host can use
  // reach each other's; other pairs copy through the runtime (staged).
  *CanAccess = Device != PeerDevice &&
               Ctx.slot(Device)->Device->info().HostAccessibleMemory &&
               Ctx.slot(PeerDevice)->Device->info().HostAccessibleMemory;
  return cudaSuccess;
}

cudaError_t cudaDeviceEnablePeerAccess(int PeerDevice, unsigned int Flags) {
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  if (Flags != 0)
    return report(cudaErrorInvalidValue);
  if (!Ctx.slot(PeerDevice) || PeerDevice == Ctx.currentOrdinal())
    return report(cudaErrorInvalidDevice);
  return cudaSuccess;
}

cudaError_t cudaDeviceDisablePeerAccess(int PeerDevice) {
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  if (!Ctx.slot(PeerDevice) || PeerDevice == Ctx.currentOrdinal())
    return report(cudaErrorInvalidDevice);
  return report(cudaErrorPeerAccessNotEnabled);
}

cudaError_t cudaDeviceGetP2PAttribute(int *Value, cudaDeviceP2PAttr Attr,
                                      int SrcDevice, int DstDevice) {
  if (!Value)
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  if (!Ctx.slot(SrcDevice) || !Ctx.slot(DstDevice) || SrcDevice == DstDevice)
    return report(cudaErrorInvalidDevice);
  int CanAccess = 0;
  if (cudaError_t Err =
          cudaDeviceCanAccessPeer(&CanAccess, SrcDevice, DstDevice))
    return Err;
  switch (Attr) {
  case cudaDevP2PAttrPerformanceRank:
    *Value = 0; // One link kind: all peers rank alike.
    return cudaSuccess;
  case cudaDevP2PAttrAccessSupported:
  case cudaDevP2PAttrCudaArrayAccessSupported:
  // Peers share coherent host memory: their atomics are the host's.
  case cudaDevP2PAttrNativeAtomicSupported:
    *Value = CanAccess;
    return cudaSuccess;
  }
  return report(cudaErrorInvalidValue);
}

cudaError_t cudaDeviceGetStreamPriorityRange(int *LeastPriority,
                                             int *GreatestPriority) {
  // Stream priorities have no effect on this runtime: report a single level.
  if (LeastPriority)
    *LeastPriority = 0;
  if (GreatestPriority)
    *GreatestPriority = 0;
  return cudaSuccess;
}

cudaError_t cudaCtxResetPersistingL2Cache(void) {
  // No cache lines are ever set aside as persisting: nothing to reset.
  DeviceSlot *Slot;
  return report(currentDevice(&Slot));
}

cudaError_t
cudaDeviceFlushGPUDirectRDMAWrites(cudaFlushGPUDirectRDMAWritesTarget Target,
                                   cudaFlushGPUDirectRDMAWritesScope Scope) {
  if (Target != cudaFlushGPUDirectRDMAWritesTargetCurrentDevice ||
      (Scope != cudaFlushGPUDirectRDMAWritesToOwner &&
       Scope != cudaFlushGPUDirectRDMAWritesToAllDevices))
    return report(cudaErrorInvalidValue);
  // Nothing writes into device memory behind the runtime's back, so there
  // is nothing to make visible.
  DeviceSlot *Slot;
  return report(currentDevice(&Slot));
}

//===--- PCI addresses ----------------------------------------------------===//

// Each device gets its own invented address: domain 0, bus ordinal + 1,
// device 0, function 0 (cudaDeviceProp::pciBusID says the same).

cudaError_t cudaDeviceGetPCIBusId(char *PciBusId, int Len, int Device) {
  if (!PciBusId || Len <= 0)
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  if (!Ctx.slot(Device))
    return report(cudaErrorInvalidDevice);
  std::snprintf(PciBusId, static_cast<size_t>(Len), "%04x:%02x:%02x.0", 0,
                Device + 1, 0);
  return cudaSuccess;
}

/// Parses "domain:bus:device.function", "domain:bus:device" or
/// "bus:device.function" (hexadecimal), as CUDA accepts them.
static bool parsePciBusId(const char *Text, unsigned *Domain, unsigned *Bus,
                          unsigned *Dev, unsigned *Function) {
  int End = -1;
  *Domain = *Function = 0;
  if (std::sscanf(Text, "%x:%x:%x.%x%n", Domain, Bus, Dev, Function, &End) ==
          4 &&
      Text[End] == 0)
    return true;
  End = -1;
  if (std::sscanf(Text, "%x:%x:%x%n", Domain, Bus, Dev, &End) == 3 &&
      Text[End] == 0)
    return true;
  End = -1;
  *Domain = 0;
  return std::sscanf(Text, "%x:%x.%x%n", Bus, Dev, Function, &End) == 3 &&
         Text[End] == 0;
}

cudaError_t cudaDeviceGetByPCIBusId(int *Device, const char *PciBusId) {
  if (!Device || !PciBusId)
    return report(cudaErrorInvalidValue);
  unsigned Domain, Bus, Dev, Function;
  if (!parsePciBusId(PciBusId, &Domain, &Bus, &Dev, &Function))
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  int Ordinal = static_cast<int>(Bus) - 1;
  if (Domain != 0 || Dev != 0 || Function != 0 || !Ctx.slot(Ordinal))
    return report(cudaErrorInvalidDevice);
  *Device = Ordinal;
  return cudaSuccess;
}

//===--- Versions and deprecated calls ------------------------------------===//

cudaError_t cudaRuntimeGetVersion(int *Version) {
  if (!Version)
    return report(cudaErrorInvalidValue);
  *Version = CUDART_VERSION;
  return cudaSuccess;
}

cudaError_t cudaDriverGetVersion(int *Version) {
  if (!Version)
    return report(cudaErrorInvalidValue);
  *Version = CUDART_VERSION;
  return cudaSuccess;
}

/// Every device computes in double precision: the value needs no change.
static cudaError_t checkDouble(const double *D) {
  return D ? cudaSuccess : report(cudaErrorInvalidValue);
}

cudaError_t cudaSetDoubleForDevice(double *D) { return checkDouble(D); }

cudaError_t cudaSetDoubleForHost(double *D) { return checkDouble(D); }

//===--- Tongxin extensions -----------------------------------------------===//

static void copyString(char *Out, size_t Size, const char *Text) {
  if (!Out || !Size)
    return;
  std::strncpy(Out, Text, Size - 1);
  Out[Size - 1] = 0;
}

cudaError_t txDeviceGetBackend(int Device, char *Backend, size_t BackendSize,
                               char *Architecture, size_t ArchitectureSize) {
  if ((!Backend && BackendSize) || (!Architecture && ArchitectureSize))
    return report(cudaErrorInvalidValue);
  Context &Ctx = Context::get();
  if (Ctx.deviceCount() == 0)
    return report(cudaErrorNoDevice);
  DeviceSlot *Slot = Ctx.slot(Device);
  if (!Slot)
    return report(cudaErrorInvalidDevice);
  const hal::DeviceInfo &I = Slot->Device->info();
  copyString(Backend, BackendSize, I.Backend);
  copyString(Architecture, ArchitectureSize, I.Architecture);
  return cudaSuccess;
}
