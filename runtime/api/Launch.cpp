//===- api/Launch.cpp - Kernel launch and function entry points -----------===//
//
// Part of Tongxin. Launch-configuration push/pop for clang's <<<>>> stubs,
// cudaLaunchKernel and cudaLaunchCooperativeKernel (validation, argument
// capture, stream submission), function attributes and the occupancy model.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"
#include "api/GraphHooks.h"

#include <cstdlib>
#include <cstring>
#include <vector>

using namespace tx;
using namespace tx::api;

//===--- Launch configuration stack ---------------------------------------===//

namespace {
struct CallConfiguration {
  dim3 Grid;
  dim3 Block;
  size_t SharedMem;
  cudaStream_t Stream;
};
} // namespace

/// Per host thread; a stack because argument expressions may launch too.
static thread_local std::vector<CallConfiguration> *ConfigStack = nullptr;

static std::vector<CallConfiguration> &configStack() {
  // Heap-allocated so that destruction order at thread exit is irrelevant.
  if (!ConfigStack)
    ConfigStack = new std::vector<CallConfiguration>();
  return *ConfigStack;
}

unsigned __cudaPushCallConfiguration(dim3 GridDim, dim3 BlockDim,
                                     size_t SharedMem, cudaStream_t Stream) {
  configStack().push_back({GridDim, BlockDim, SharedMem, Stream});
  return 0;
}

cudaError_t __cudaPopCallConfiguration(dim3 *GridDim, dim3 *BlockDim,
                                       size_t *SharedMem, void *Stream) {
  std::vector<CallConfiguration> &Stack = configStack();
  if (Stack.empty())
    return cudaErrorMissingConfiguration;
  CallConfiguration C = Stack.back();
  Stack.pop_back();
  if (GridDim)
    *GridDim = C.Grid;
  if (BlockDim)
    *BlockDim = C.Block;
  if (SharedMem)
    *SharedMem = C.SharedMem;
  if (Stream)
    *static_cast<cudaStream_t *>(Stream) = C.Stream;
  return cudaSuccess;
}

//===--- Kernel lookup ----------------------------------------------------===//

/// The kernel behind a host stub, as the device Slot runs it: no code for
/// that device (another backend's image only) is NoKernelImageForDevice.
static cudaError_t findKernel(const void *Func, DeviceSlot *Slot,
                              FunctionInfo *Info) {
  if (!Func)
    return cudaErrorInvalidDeviceFunction;
  switch (Registry::get().findKernel(Func, Slot->Device.get(), Info)) {
  case LookupResult::Found:
    return cudaSuccess;
  case LookupResult::Unknown:
    return cudaErrorInvalidDeviceFunction;
  case LookupResult::NoImage:
    return cudaErrorNoKernelImageForDevice;
  }
  return cudaErrorInvalidDeviceFunction;
}

/// The kernel behind Func as the calling thread's device runs it.
static cudaError_t currentKernel(const void *Func, DeviceSlot **Slot,
                                 FunctionInfo *Info) {
  if (cudaError_t Err = currentDevice(Slot))
    return Err;
  return findKernel(Func, *Slot, Info);
}

/// The most dynamic shared memory a launch of the kernel may request.
static uint64_t maxDynamicShared(const hal::DeviceInfo &Dev,
                                 const FunctionInfo &Info) {
  if (Info.MaxDynamicSharedBytes >= 0)
    return static_cast<uint64_t>(Info.MaxDynamicSharedBytes);
  uint64_t Static = Info.Kernel->StaticSharedBytes;
  return Static < Dev.SharedMemPerBlock ? Dev.SharedMemPerBlock - Static : 0;
}

static bool validConfiguration(const hal::DeviceInfo &Dev,
                               const FunctionInfo &Info, dim3 Grid, dim3 Block,
                               size_t SharedMem) {
  const unsigned G[3] = {Grid.x, Grid.y, Grid.z};
  const unsigned B[3] = {Block.x, Block.y, Block.z};
  uint64_t Threads = 1;
  for (int D = 0; D < 3; ++D) {
    if (G[D] < 1 || G[D] > Dev.MaxGridDim[D])
      return false;
    if (B[D] < 1 || B[D] > Dev.MaxBlockDim[D])
      return false;
    Threads *= B[D];
  }
  if (Threads > Dev.MaxThreadsPerBlock)
    return false;
  if (Info.Kernel->StaticSharedBytes > Dev.SharedMemPerBlockOptin)
    return false;
  return SharedMem <= maxDynamicShared(Dev, Info);
}

/// The occupancy model: how many blocks of BlockSize threads using
/// DynamicShared bytes fit on one compute unit at once. It also bounds
/// cooperative launches (blocks per unit times units), as in CUDA, so a
/// grid sized from cudaOccupancyMaxActiveBlocksPerMultiprocessor is always
/// accepted by cudaLaunchCooperativeKernel. A device that knows better
/// (a GPU's driver counts registers too) answers itself.
static uint64_t activeBlocksPerUnit(hal::Device &Device,
                                    const FunctionInfo &Info,
                                    uint64_t BlockSize,
                                    uint64_t DynamicShared) {
  const hal::DeviceInfo &Dev = Device.info();
  if (BlockSize == 0 || BlockSize > Dev.MaxThreadsPerBlock ||
      DynamicShared > maxDynamicShared(Dev, Info))
    return 0;
  uint64_t Known = 0;
  if (Device
          .blocksPerUnit(Info.Kernel, static_cast<uint32_t>(BlockSize),
                         DynamicShared, &Known)
          .isOk())
    return Known;
  // Threads are allocated per warp; shared memory per block.
  uint64_t Warps = (BlockSize + Dev.WarpSize - 1) / Dev.WarpSize;
  uint64_t Blocks = Dev.MaxThreadsPerUnit / (Warps * Dev.WarpSize);
  uint64_t Shared = Info.Kernel->StaticSharedBytes + DynamicShared;
  if (Shared && Dev.SharedMemPerUnit / Shared < Blocks)
    Blocks = Dev.SharedMemPerUnit / Shared;
  if (Blocks > Dev.MaxBlocksPerUnit)
    Blocks = Dev.MaxBlocksPerUnit;
  return Blocks;
}

//===--- Argument capture -------------------------------------------------===//

namespace {
/// Everything a launch needs once it runs, in one allocation: the launch
/// description and copies of the argument values, taken at launch because
/// the launch runs later and the caller's Args array points at its locals.
/// Small argument lists (the usual case) live inside the object; a queued
/// launch costs one allocation, freed by the thread that ran it, and one the
/// calling thread runs itself (StreamManager::runOnCaller) none.
class PendingLaunch {
public:
  explicit PendingLaunch(hal::Device *Dev)
      : Dev(Dev), Storage(alignedInline()) {}
  PendingLaunch(const PendingLaunch &) = delete;
  PendingLaunch &operator=(const PendingLaunch &) = delete;
  ~PendingLaunch() {
    if (Storage != alignedInline())
      std::free(Storage);
    if (Pointers != InlinePointers)
      std::free(Pointers);
  }

  bool capture(const TxKernelRecord &K, void **Args) {
    size_t Bytes = 0;
    for (uint32_t I = 0; I < K.NumParams; ++I)
      Bytes = placeParam(K, I, Bytes) + paramSize(K, I);
    if (Bytes > InlineBytes &&
        !(Storage = static_cast<char *>(
              std::aligned_alloc(64, (Bytes + 63) & ~size_t(63)))))
      return false;
    if (K.NumParams > InlineParams &&
        !(Pointers =
              static_cast<void **>(std::malloc(K.NumParams * sizeof(void *)))))
      return false;
    size_t Offset = 0;
    for (uint32_t I = 0; I < K.NumParams; ++I) {
      Offset = placeParam(K, I, Offset);
      Pointers[I] = Storage + Offset;
      if (size_t Size = paramSize(K, I))
        std::memcpy(Pointers[I], Args[I], Size);
      Offset += paramSize(K, I);
    }
    Launch.Args = K.NumParams ? Pointers : nullptr;
    return true;
  }

  hal::Device *const Dev;
  hal::KernelLaunch Launch;
  /// TONGXIN_PROFILE records this launch (decided at the call).
  const bool Profiled = profile::recording();

private:
  static size_t paramSize(const TxKernelRecord &K, uint32_t I) {
    return K.ParamSizes ? K.ParamSizes[I] : 0;
  }
  /// The offset of parameter I at or after Offset, at its alignment.
  static size_t placeParam(const TxKernelRecord &K, uint32_t I, size_t Offset) {
    size_t Align = K.ParamAligns && K.ParamAligns[I] ? K.ParamAligns[I] : 1;
    if (Align > 64 || (Align & (Align - 1)))
      Align = 64;
    return (Offset + Align - 1) & ~(Align - 1);
  }

  /// The inline buffer, at the 64-byte alignment parameters may need
  /// (more than operator new promises, hence the slack).
  char *alignedInline() {
    auto Address = reinterpret_cast<uintptr_t>(Inline);
    return Inline + ((64 - (Address & 63)) & 63);
  }

  static constexpr size_t InlineBytes = 256;
  static constexpr uint32_t InlineParams = 16;
  char Inline[InlineBytes + 64];
  void *InlinePointers[InlineParams];
  char *Storage;
  void **Pointers = InlinePointers;
};
} // namespace

//===--- Launch -----------------------------------------------------------===//

cudaError_t api::checkKernelLaunch(DeviceSlot *Slot, const void *Func,
                                   dim3 Grid, dim3 Block, size_t SharedMem,
                                   bool Cooperative, FunctionInfo *Info) {
  if (cudaError_t Err = findKernel(Func, Slot, Info))
    return Err;
  const TxKernelRecord &K = *Info->Kernel;
  if (!validConfiguration(Slot->Device->info(), *Info, Grid, Block, SharedMem))
    return cudaErrorInvalidConfiguration;
  // More threads than __launch_bounds__ promised: CUDA refuses the launch
  // for lack of resources.
  if (K.MaxThreadsPerBlock &&
      uint64_t(Block.x) * Block.y * Block.z > K.MaxThreadsPerBlock)
    return cudaErrorLaunchOutOfResources;
  if (Cooperative) {
    const hal::DeviceInfo &Dev = Slot->Device->info();
    if (!Dev.CooperativeLaunch)
      return cudaErrorNotSupported;
    // Every block must be resident at once for grid.sync() to complete.
    uint64_t Threads = uint64_t(Block.x) * Block.y * Block.z;
    uint64_t Blocks = uint64_t(Grid.x) * Grid.y * Grid.z;
    if (Blocks > activeBlocksPerUnit(*Slot->Device, *Info, Threads, SharedMem) *
                     Dev.ComputeUnits)
      return cudaErrorCooperativeLaunchTooLarge;
  }
  return cudaSuccess;
}

std::string api::traceArguments(const hal::KernelLaunch &L) {
  const unsigned Grid[3] = {L.Grid[0], L.Grid[1], L.Grid[2]};
  const unsigned Block[3] = {L.Block[0], L.Block[1], L.Block[2]};
  return trace::kernelArgs(Grid, Block, L.DynamicSharedBytes,
                           L.Kernel ? L.Kernel->StaticSharedBytes : 0);
}

static void describeLaunch(hal::KernelLaunch &L, const FunctionInfo &Info,
                           dim3 Grid, dim3 Block, size_t SharedMem,
                           bool Cooperative) {
  L.Kernel = Info.Kernel;
  L.TuId = Info.FatBinary->TuId.c_str();
  L.Name = Info.Kernel->Name;
  const unsigned G[3] = {Grid.x, Grid.y, Grid.z};
  const unsigned B[3] = {Block.x, Block.y, Block.z};
  for (int D = 0; D < 3; ++D) {
    L.Grid[D] = G[D];
    L.Block[D] = B[D];
  }
  L.DynamicSharedBytes = SharedMem;
  L.Cooperative = Cooperative;
}

/// Runs a described launch, on the stream's thread or the caller's.
static void runLaunch(const PendingLaunch &P) {
  // A faulted context runs nothing more, as on a GPU.
  if (Context::get().sticky() != StatusCode::Ok)
    return;
  const hal::KernelLaunch &L = P.Launch;
  profile::KernelTimer Timer(
      L.Name, uint64_t(L.Grid[0]) * L.Grid[1] * L.Grid[2], P.Profiled);
  trace::Span Traced(trace::Kind::Kernel, L.Name);
  if (Traced.active())
    Traced.Args = traceArguments(L);
  Status Result = P.Dev->launch(L);
  if (!Result.isOk())
    Context::get().setSticky(Result.code());
}

static cudaError_t launchKernel(const void *Func, dim3 Grid, dim3 Block,
                                void **Args, size_t SharedMem,
                                cudaStream_t Handle, bool Cooperative) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return Err;
  if (cudaError_t Err = stickyError())
    return Err;
  Stream *S;
  if (cudaError_t Err = resolveStream(Slot, Handle, &S))
    return Err;
  FunctionInfo Info;
  if (cudaError_t Err = checkKernelLaunch(Slot, Func, Grid, Block, SharedMem,
                                          Cooperative, &Info))
    return Err;
  const TxKernelRecord &K = *Info.Kernel;
  if (K.NumParams && !Args)
    return cudaErrorInvalidValue;
  for (uint32_t I = 0; I < K.NumParams; ++I)
    if (!Args[I] && K.ParamSizes && K.ParamSizes[I])
      return cudaErrorInvalidValue;
  // A capturing stream records the launch as a kernel node instead.
  if (std::optional<cudaError_t> Captured = captureKernelLaunch(
          S, Func, Info, Grid, Block, Args, SharedMem, Cooperative))
    return *Captured;

  hal::Device *Dev = Slot->Device.get();
  // An idle legacy stream of a CPU device: the host thread runs the grid
  // itself, as an OpenMP program would, with the arguments on its stack.
  bool CaptureFailed = false;
  if (Slot->Streams->runOnCaller(S, [&] {
        PendingLaunch Now(Dev);
        if (!Now.capture(K, Args)) {
          CaptureFailed = true;
          return;
        }
        describeLaunch(Now.Launch, Info, Grid, Block, SharedMem, Cooperative);
        runLaunch(Now);
      }))
    return CaptureFailed ? cudaErrorMemoryAllocation : cudaSuccess;

  auto Pending = std::make_shared<PendingLaunch>(Dev);
  if (!Pending->capture(K, Args))
    return cudaErrorMemoryAllocation;
  describeLaunch(Pending->Launch, Info, Grid, Block, SharedMem, Cooperative);
  // Capturing only the shared pointer keeps the std::function allocation-
  // free (it fits the small-object buffer).
  Status St = Slot->Streams->submit(S, {}, [Pending] { runLaunch(*Pending); });
  return toCuda(St);
}

cudaError_t cudaLaunchKernel(const void *Func, dim3 GridDim, dim3 BlockDim,
                             void **Args, size_t SharedMem,
                             cudaStream_t Stream) {
  return report(
      launchKernel(Func, GridDim, BlockDim, Args, SharedMem, Stream, false));
}

cudaError_t cudaLaunchCooperativeKernel(const void *Func, dim3 GridDim,
                                        dim3 BlockDim, void **Args,
                                        size_t SharedMem, cudaStream_t Stream) {
  return report(
      launchKernel(Func, GridDim, BlockDim, Args, SharedMem, Stream, true));
}

//===--- Function attributes ----------------------------------------------===//

cudaError_t cudaFuncGetAttributes(cudaFuncAttributes *Attr, const void *Func) {
  if (!Attr)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  FunctionInfo Info;
  if (cudaError_t Err = currentKernel(Func, &Slot, &Info))
    return report(Err);
  const hal::DeviceInfo &Dev = Slot->Device->info();
  std::memset(Attr, 0, sizeof(*Attr));
  Attr->sharedSizeBytes = Info.Kernel->StaticSharedBytes;
  Attr->localSizeBytes = Info.Kernel->ScratchBytesPerThread;
  uint32_t Bound = Info.Kernel->MaxThreadsPerBlock;
  Attr->maxThreadsPerBlock = static_cast<int>(
      Bound && Bound < Dev.MaxThreadsPerBlock ? Bound : Dev.MaxThreadsPerBlock);
  Attr->numRegs = 0;
  Attr->ptxVersion = Dev.ComputeMajor * 10 + Dev.ComputeMinor;
  Attr->binaryVersion = Attr->ptxVersion;
  Attr->maxDynamicSharedSizeBytes =
      static_cast<int>(maxDynamicShared(Dev, Info));
  Attr->preferredShmemCarveout = Info.PreferredCarveout;
  return cudaSuccess;
}

/// cudaFuncSetAttribute for the kernel as device Slot runs it.
static cudaError_t setFuncAttribute(const void *Func, cudaFuncAttribute Attr,
                                    int Value, DeviceSlot *Slot) {
  FunctionInfo Info;
  if (cudaError_t Err = findKernel(Func, Slot, &Info))
    return Err;
  const hal::DeviceInfo &Dev = Slot->Device->info();
  switch (Attr) {
  case cudaFuncAttributeMaxDynamicSharedMemorySize:
    if (Value < 0 || uint64_t(Value) + Info.Kernel->StaticSharedBytes >
                         Dev.SharedMemPerBlockOptin)
      return cudaErrorInvalidValue;
    break;
  case cudaFuncAttributePreferredSharedMemoryCarveout:
    if (Value < -1 || Value > 100)
      return cudaErrorInvalidValue;
    break;
  case cudaFuncAttributeClusterDimMustBeSet:
  case cudaFuncAttributeRequiredClusterWidth:
  case cudaFuncAttributeRequiredClusterHeight:
  case cudaFuncAttributeRequiredClusterDepth:
  case cudaFuncAttributeNonPortableClusterSizeAllowed:
  case cudaFuncAttributeClusterSchedulingPolicyPreference:
    return cudaErrorNotSupported; // No thread-block clusters.
  default:
    return cudaErrorInvalidValue;
  }
  Registry::get().updateFunction(Func, [&](FunctionInfo &F) {
    if (Attr == cudaFuncAttributeMaxDynamicSharedMemorySize)
      F.MaxDynamicSharedBytes = Value;
    else
      F.PreferredCarveout = Value;
  });
  return cudaSuccess;
}

// tx-api: partial: the cluster attributes return cudaErrorNotSupported
cudaError_t cudaFuncSetAttribute(const void *Func, cudaFuncAttribute Attr,
                                 int Value) {
  DeviceSlot *Slot;
  if (cudaError_t Err = currentDevice(&Slot))
    return report(Err);
  return report(setFuncAttribute(Func, Attr, Value, Slot));
}

cudaError_t cudaFuncSetCacheConfig(const void *Func, cudaFuncCache Config) {
  if (Config < cudaFuncCachePreferNone || Config > cudaFuncCachePreferEqual)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  FunctionInfo Info;
  if (cudaError_t Err = currentKernel(Func, &Slot, &Info))
    return report(Err);
  return cudaSuccess; // A hint; CPU caches are not partitioned.
}

cudaError_t cudaFuncSetSharedMemConfig(const void *Func,
                                       cudaSharedMemConfig Config) {
  if (Config < cudaSharedMemBankSizeDefault ||
      Config > cudaSharedMemBankSizeEightByte)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  FunctionInfo Info;
  if (cudaError_t Err = currentKernel(Func, &Slot, &Info))
    return report(Err);
  return cudaSuccess;
}

//===--- Occupancy --------------------------------------------------------===//

cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(
    int *NumBlocks, const void *Func, int BlockSize, size_t DynamicSMemSize,
    unsigned int Flags) {
  if (!NumBlocks || BlockSize <= 0 ||
      (Flags & ~unsigned(cudaOccupancyDisableCachingOverride)))
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  FunctionInfo Info;
  if (cudaError_t Err = currentKernel(Func, &Slot, &Info))
    return report(Err);
  *NumBlocks = static_cast<int>(activeBlocksPerUnit(
      *Slot->Device, Info, uint64_t(BlockSize), DynamicSMemSize));
  return cudaSuccess;
}

cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(
    int *NumBlocks, const void *Func, int BlockSize, size_t DynamicSMemSize) {
  return cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(
      NumBlocks, Func, BlockSize, DynamicSMemSize, cudaOccupancyDefault);
}

cudaError_t cudaOccupancyAvailableDynamicSMemPerBlock(size_t *DynamicSmemSize,
                                                      const void *Func,
                                                      int NumBlocks,
                                                      int BlockSize) {
  if (!DynamicSmemSize || NumBlocks <= 0 || BlockSize <= 0)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  FunctionInfo Info;
  if (cudaError_t Err = currentKernel(Func, &Slot, &Info))
    return report(Err);
  // The most dynamic shared memory with which NumBlocks blocks still fit on
  // one unit together, by the same model as the occupancy query; 0 if they
  // do not fit even without any.
  const hal::DeviceInfo &Dev = Slot->Device->info();
  size_t Available = 0;
  if (activeBlocksPerUnit(*Slot->Device, Info, uint64_t(BlockSize), 0) >=
      uint64_t(NumBlocks)) {
    uint64_t PerBlock = Dev.SharedMemPerUnit / uint64_t(NumBlocks);
    uint64_t Static = Info.Kernel->StaticSharedBytes;
    uint64_t Fits = PerBlock > Static ? PerBlock - Static : 0;
    uint64_t Limit = maxDynamicShared(Dev, Info);
    Available = static_cast<size_t>(Fits < Limit ? Fits : Limit);
  }
  *DynamicSmemSize = Available;
  return cudaSuccess;
}

//===--- Launches with attributes (cudaLaunchKernelEx) --------------------===//

namespace {
/// What a cudaLaunchConfig_t's attributes ask of one launch.
struct ExtendedLaunch {
  bool Cooperative = false;
  cudaEvent_t CompletionEvent = nullptr; ///< Recorded after the kernel.
  cudaEvent_t ProgrammaticEvent = nullptr;
};
} // namespace

/// Reads the attributes of a launch. The scheduling hints (access policy,
/// synchronisation policy, priority, memory sync domains, shared-memory
/// carveout, programmatic serialisation) change nothing on devices that run
/// one kernel's blocks at a time per stream; thread-block clusters larger
/// than one block are not supported, as cudaDevAttrClusterLaunch says.
static cudaError_t readLaunchAttributes(const cudaLaunchConfig_t &Config,
                                        ExtendedLaunch &Out) {
  if (Config.numAttrs && !Config.attrs)
    return cudaErrorInvalidValue;
  for (unsigned I = 0; I < Config.numAttrs; ++I) {
    const cudaLaunchAttribute &A = Config.attrs[I];
    switch (A.id) {
    case cudaLaunchAttributeIgnore:
    case cudaLaunchAttributeAccessPolicyWindow:
    case cudaLaunchAttributeSynchronizationPolicy:
    case cudaLaunchAttributeClusterSchedulingPolicyPreference:
    case cudaLaunchAttributeProgrammaticStreamSerialization:
    case cudaLaunchAttributePriority:
    case cudaLaunchAttributeMemSyncDomainMap:
    case cudaLaunchAttributeMemSyncDomain:
    case cudaLaunchAttributePreferredSharedMemoryCarveout:
      break;
    case cudaLaunchAttributeCooperative:
      Out.Cooperative = A.val.cooperative != 0;
      break;
    case cudaLaunchAttributeClusterDimension:
    case cudaLaunchAttributePreferredClusterDimension: {
      const auto &C = A.val.clusterDim;
      if (C.x > 1 || C.y > 1 || C.z > 1)
        return cudaErrorNotSupported;
      break;
    }
    // Both events fire no later than the kernel's completion, which is when
    // they are recorded here: waiting on them is never too early.
    case cudaLaunchAttributeLaunchCompletionEvent:
      Out.CompletionEvent = A.val.launchCompletionEvent.event;
      break;
    case cudaLaunchAttributeProgrammaticEvent:
      Out.ProgrammaticEvent = A.val.programmaticEvent.event;
      break;
    case cudaLaunchAttributeDeviceUpdatableKernelNode:
      return cudaErrorInvalidValue; // Only for graph kernel nodes.
    default:
      return cudaErrorInvalidValue;
    }
  }
  return cudaSuccess;
}

// tx-api: partial: cluster dimensions above one block return
// cudaErrorNotSupported
cudaError_t cudaLaunchKernelExC(const cudaLaunchConfig_t *Config,
                                const void *Func, void **Args) {
  if (!Config)
    return report(cudaErrorInvalidValue);
  ExtendedLaunch Ex;
  if (cudaError_t Err = readLaunchAttributes(*Config, Ex))
    return report(Err);
  if (cudaError_t Err = launchKernel(Func, Config->gridDim, Config->blockDim,
                                     Args, Config->dynamicSmemBytes,
                                     Config->stream, Ex.Cooperative))
    return report(Err);
  for (cudaEvent_t Event : {Ex.CompletionEvent, Ex.ProgrammaticEvent})
    if (Event)
      if (cudaError_t Err = cudaEventRecord(Event, Config->stream))
        return Err;
  return cudaSuccess;
}

//===--- Kernel handles and names -----------------------------------------===//

cudaError_t cudaFuncGetName(const char **Name, const void *Func) {
  if (!Name || !Func)
    return report(cudaErrorInvalidValue);
  *Name = Registry::get().functionName(Func);
  return *Name ? cudaSuccess : report(cudaErrorInvalidDeviceFunction);
}

cudaError_t cudaFuncGetParamInfo(const void *Func, size_t ParamIndex,
                                 size_t *ParamOffset, size_t *ParamSize) {
  if (!ParamOffset || !ParamSize)
    return report(cudaErrorInvalidValue);
  DeviceSlot *Slot;
  FunctionInfo Info;
  if (cudaError_t Err = currentKernel(Func, &Slot, &Info))
    return report(Err);
  const TxKernelRecord &K = *Info.Kernel;
  if (ParamIndex >= K.NumParams)
    return report(cudaErrorInvalidValue);
  // The parameter buffer's layout: each at its natural alignment.
  size_t Offset = 0;
  for (size_t I = 0; I <= ParamIndex; ++I) {
    size_t Align = K.ParamAligns && K.ParamAligns[I] ? K.ParamAligns[I] : 1;
    Offset = (Offset + Align - 1) & ~(Align - 1);
    if (I == ParamIndex)
      break;
    Offset += K.ParamSizes ? K.ParamSizes[I] : 0;
  }
  *ParamOffset = Offset;
  *ParamSize = K.ParamSizes ? K.ParamSizes[ParamIndex] : 0;
  return cudaSuccess;
}

/// The handles of cudaGetKernel and cudaGetFuncBySymbol are the kernel's
/// host stub, which every launch path already accepts.
static cudaError_t kernelHandle(const void *Func, void **Out) {
  if (!Out)
    return cudaErrorInvalidValue;
  *Out = nullptr;
  if (!Func || !Registry::get().functionName(Func))
    return cudaErrorInvalidDeviceFunction;
  *Out = const_cast<void *>(Func);
  return cudaSuccess;
}

cudaError_t cudaGetKernel(cudaKernel_t *Kernel, const void *EntryFuncAddr) {
  return report(kernelHandle(EntryFuncAddr, reinterpret_cast<void **>(Kernel)));
}

cudaError_t cudaGetFuncBySymbol(cudaFunction_t *FunctionPtr,
                                const void *SymbolPtr) {
  return report(
      kernelHandle(SymbolPtr, reinterpret_cast<void **>(FunctionPtr)));
}

// tx-api: partial: attributes are per kernel, so they apply to every device
cudaError_t cudaKernelSetAttributeForDevice(cudaKernel_t Kernel,
                                            cudaFuncAttribute Attr, int Value,
                                            int Device) {
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return report(cudaErrorInvalidDevice);
  return report(setFuncAttribute(Kernel, Attr, Value, Slot));
}
