//===- cuda/CudaDevice.cpp - NVIDIA GPUs through the CUDA driver API ------===//
//
// Part of Tongxin. One Device per GPU on its primary context; one CUstream
// per Queue. Work items run on a host executor thread (the CPU backend's
// in-order queue) with the queue's stream made current for the thread, and
// every device operation of an item completes before the item returns, so
// the runtime's host-side timelines, events and default-stream rules order
// GPU work exactly as they order CPU work.
//
// Kernels come from the PTX images of the fat binary, JIT-compiled by the
// driver on first use per translation unit and device (cuModuleLoadDataEx,
// with the JIT error log in the status). Parameter layouts are read from
// the PTX entry declaration (PtxInfo.h).
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/CpuQueue.h"
#include "backends/cuda/CudaDriver.h"
#include "backends/cuda/PtxInfo.h"
#include "backends/cuda/PtxModules.h"
#include "tongxin/hal.h"

#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <unistd.h>
#include <unordered_map>

namespace tx {
namespace cuda {

namespace {
class CudaDevice;

/// The queue a work item runs on, for the executor thread running it.
struct QueueBinding {
  const CudaDevice *Device = nullptr;
  CUstream Stream = nullptr;
};
thread_local QueueBinding CurrentBinding;

/// A kernel of a loaded module, with the record the runtime sees.
struct CudaKernel {
  std::string Name;
  std::vector<uint32_t> Sizes;
  std::vector<uint32_t> Aligns;
  CUfunction Function = nullptr;
  TxKernelRecord Record;
};

/// One translation unit's PTX, loaded into this device's context.
struct CudaModule {
  CUmodule Module = nullptr;
  Status Failure; ///< Why loading failed; never retried.
  const char *Ptx = nullptr;
  size_t PtxSize = 0;
  std::unordered_map<std::string, std::unique_ptr<CudaKernel>> Kernels;
  /// __managed__ variables: their host objects as this GPU addresses them.
  std::unordered_map<std::string, std::pair<void *, size_t>> HostObjects;
};

class CudaQueue final : public hal::Queue {
public:
  CudaQueue(const Driver &D, const CudaDevice *Owner, CUcontext Ctx,
            CUstream Stream)
      : D(D), Owner(Owner), Ctx(Ctx), Stream(Stream) {}
  ~CudaQueue() override {
    // Destroy the stream after the pending items, without blocking.
    const Driver *Drv = &D;
    CUcontext C = Ctx;
    CUstream S = Stream;
    (void)Host.submit([Drv, C, S] {
      Drv->cuCtxSetCurrent(C);
      Drv->cuStreamDestroy_v2(S);
    });
  }

  Status submit(std::function<void()> Work) override {
    const Driver *Drv = &D;
    const CudaDevice *Dev = Owner;
    CUcontext C = Ctx;
    CUstream S = Stream;
    return Host.submit([Drv, Dev, C, S, Work = std::move(Work)] {
      Drv->cuCtxSetCurrent(C);
      CurrentBinding = QueueBinding{Dev, S};
      Work();
      CurrentBinding = QueueBinding();
    });
  }

private:
  const Driver &D;
  const CudaDevice *Owner;
  CUcontext Ctx;
  CUstream Stream;
  cpu::CpuQueue Host;
};

class CudaDevice final : public hal::Device {
public:
  CudaDevice(const Driver &D, CUdevice Dev, CUcontext Ctx)
      : D(D), Dev(Dev), Ctx(Ctx) {}
  ~CudaDevice() override;

  Status init();
  const hal::DeviceInfo &info() const override { return Info; }
  Status allocate(size_t Bytes, size_t Alignment, void **Out) override;
  Status allocateShared(size_t Bytes, size_t Alignment, void **Out) override;
  void release(void *Ptr) override;
  Status memoryInfo(size_t *Free, size_t *Total) override;
  Status copy(void *Dst, const void *Src, size_t Bytes) override;
  Status fill(void *Dst, int Value, size_t Bytes) override;
  Status createQueue(int Priority, std::unique_ptr<hal::Queue> *Out) override;
  Status findKernel(const hal::ModuleRef &Module, const char *Name,
                    const TxKernelRecord **Out) override;
  Status findVariable(const hal::ModuleRef &Module, const char *Name,
                      void **Address, size_t *Size) override;
  Status bindHostObject(const hal::ModuleRef &Module, const char *Name,
                        void *HostObject, size_t Size) override;
  Status launch(const hal::KernelLaunch &Launch) override;
  Status setLimit(int Limit, size_t Value) override {
    if (Status St = makeCurrent(); !St.isOk())
      return St;
    // cudaLimit and CUlimit number the limits alike.
    return TX_CU(D, cuCtxSetLimit, Limit, Value);
  }
  Status blocksPerUnit(const TxKernelRecord *Kernel, uint32_t BlockSize,
                       uint64_t DynamicShared, uint64_t *Blocks) override;
  void *callerNativeQueue() override {
    // Work items run with the device's context current already.
    return CurrentBinding.Device == this ? CurrentBinding.Stream : nullptr;
  }
  Status finishNativeWork() override {
    return CurrentBinding.Device == this ? sync(CurrentBinding.Stream)
                                         : Status::ok();
  }
  Status captureNativeWork(const std::function<int(void *)> &Call, int *Result,
                           void **Graph) override;
  Status runNativeGraph(void *Graph) override;
  void destroyNativeGraph(void *Graph) override {
    if (Graph && makeCurrent().isOk())
      D.cuGraphExecDestroy(static_cast<CUgraphExec>(Graph));
  }

private:
  Status makeCurrent() const { return TX_CU(D, cuCtxSetCurrent, Ctx); }
  /// The stream of the calling work item, or the device's own stream.
  CUstream stream() const {
    return CurrentBinding.Device == this ? CurrentBinding.Stream : Own;
  }
  Status sync(CUstream S) const { return TX_CU(D, cuStreamSynchronize, S); }
  /// A stream of this device's context that does not wait for the NULL
  /// stream.
  Status newStream(CUstream *Out);
  /// True if [Ptr, Ptr + Bytes) lies in memory of this device (allocations
  /// and module globals); host memory otherwise.
  bool isDeviceMemory(const void *Ptr);
  void track(CUdeviceptr Ptr, size_t Bytes);
  /// The module of TuId, loaded on first use; Modules' lock held.
  CudaModule &module(const hal::ModuleRef &Ref);
  /// The module linked from every relocatable peer of Ref (once).
  Status linkedModule(const hal::ModuleRef &Ref);
  PtxSource ptxSource(const hal::ModuleRef &Ref,
                      const hal::ModuleImage &Image) const;
  int sm() const {
    return static_cast<int>(Info.ComputeMajor * 10 + Info.ComputeMinor);
  }
  /// Pins host memory and returns its address in the GPU's address space.
  Status mapHostMemory(void *Host, size_t Bytes, void **Mapped);

  const Driver &D;
  CUdevice Dev;
  CUcontext Ctx;
  CUstream Own = nullptr;
  hal::DeviceInfo Info;

  std::mutex RangesMutex;
  std::map<uintptr_t, size_t> Ranges; ///< Base -> bytes.

  std::mutex ModulesMutex;
  std::unordered_map<std::string, std::unique_ptr<CudaModule>> Modules;
  /// The relocatable translation units' shared module.
  struct {
    bool Tried = false;
    CUmodule Module = nullptr;
    Status Failure;
  } Linked;
  std::unordered_map<const TxKernelRecord *, CudaKernel *> ByRecord;
};
} // namespace

CudaDevice::~CudaDevice() {
  // Modules, memory and streams die with the context; release our
  // reference to it (the primary context stays if others hold it).
  if (Own && makeCurrent().isOk())
    D.cuStreamDestroy_v2(Own);
  D.cuDevicePrimaryCtxRelease_v2(Dev);
}

//===--- Native capture ---------------------------------------------------===//

/// Ends the capture on S and turns what it recorded into an executable
/// graph (null if it recorded nothing).
static Status endNativeCapture(const Driver &D, CUstream S, CUgraphExec *Out) {
  CUgraph Graph = nullptr;
  if (Status St = TX_CU(D, cuStreamEndCapture, S, &Graph); !St.isOk())
    return St;
  size_t Nodes = 0;
  Status St = TX_CU(D, cuGraphGetNodes, Graph, nullptr, &Nodes);
  if (St.isOk() && Nodes > 0)
    St = TX_CU(D, cuGraphInstantiateWithFlags, Out, Graph, 0);
  D.cuGraphDestroy(Graph);
  return St;
}

Status CudaDevice::captureNativeWork(const std::function<int(void *)> &Call,
                                     int *Result, void **Graph) {
  *Graph = nullptr;
  if (!D.canCapture())
    return Status(StatusCode::Unsupported,
                  "the CUDA driver lacks stream capture entry points");
  // A stream of its own: the device's streams carry other work meanwhile,
  // which the capture must not take in.
  CUstream S = nullptr;
  if (Status St = newStream(&S); !St.isOk())
    return St;
  // Relaxed: the library may make its handle (cudaMalloc) while capturing,
  // as it would have before the user's capture on a GPU.
  Status St =
      TX_CU(D, cuStreamBeginCapture_v2, S, CU_STREAM_CAPTURE_MODE_RELAXED);
  CUgraphExec Exec = nullptr;
  if (St.isOk()) {
    *Result = Call(S);
    St = endNativeCapture(D, S, &Exec);
  }
  D.cuStreamDestroy_v2(S);
  *Graph = Exec;
  return St;
}

Status CudaDevice::runNativeGraph(void *Graph) {
  if (!D.canCapture())
    return Status(StatusCode::Unsupported,
                  "the CUDA driver lacks stream capture entry points");
  // From a work item of another device (a graph launched on its stream),
  // on this device's own stream: the caller waits for it either way.
  if (CurrentBinding.Device != this)
    if (Status St = makeCurrent(); !St.isOk())
      return St;
  CUstream S = stream();
  if (Status St = TX_CU(D, cuGraphLaunch, static_cast<CUgraphExec>(Graph), S);
      !St.isOk())
    return St;
  return sync(S);
}

Status CudaDevice::init() {
  if (Status St = newStream(&Own); !St.isOk())
    return St;
  Info.Backend = "cuda";
  if (Status St = TX_CU(D, cuDeviceGetName, Info.Name,
                        static_cast<int>(sizeof(Info.Name) - 1), Dev);
      !St.isOk())
    return St;
  size_t Total = 0;
  if (Status St = TX_CU(D, cuDeviceTotalMem_v2, &Total, Dev); !St.isOk())
    return St;
  Info.TotalMemory = Total;
  auto Attr = [&](int Attribute, int Fallback) {
    int Value = 0;
    return D.cuDeviceGetAttribute(&Value, Attribute, Dev) == CUDA_SUCCESS
               ? Value
               : Fallback;
  };
  Info.ComputeMajor = Attr(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, 0);
  Info.ComputeMinor = Attr(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, 0);
  std::snprintf(Info.Architecture, sizeof(Info.Architecture), "sm_%u%u",
                Info.ComputeMajor, Info.ComputeMinor);
  Info.ComputeUnits = Attr(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, 1);
  Info.ClockKHz = Attr(CU_DEVICE_ATTRIBUTE_CLOCK_RATE, 0);
  Info.WarpSize = Attr(CU_DEVICE_ATTRIBUTE_WARP_SIZE, 32);
  Info.MaxThreadsPerBlock =
      Attr(CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK, 1024);
  for (int I = 0; I < 3; ++I) {
    Info.MaxBlockDim[I] =
        Attr(CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X + I, Info.MaxBlockDim[I]);
    Info.MaxGridDim[I] =
        Attr(CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X + I, Info.MaxGridDim[I]);
  }
  Info.SharedMemPerBlock =
      Attr(CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK, 48 * 1024);
  Info.SharedMemPerBlockOptin =
      Attr(CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN,
           static_cast<int>(Info.SharedMemPerBlock));
  Info.SharedMemPerUnit =
      Attr(CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR,
           static_cast<int>(Info.SharedMemPerBlock));
  Info.MaxThreadsPerUnit =
      Attr(CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_MULTIPROCESSOR, 2048);
  Info.MaxBlocksPerUnit =
      Attr(CU_DEVICE_ATTRIBUTE_MAX_BLOCKS_PER_MULTIPROCESSOR, 32);
  Info.L2CacheBytes = Attr(CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE, 0);
  // Grid barriers use the workspace of the driver's cooperative launch
  // (compiler/passes/MapServicesToCUDA.cpp).
  Info.CooperativeLaunch = Attr(CU_DEVICE_ATTRIBUTE_COOPERATIVE_LAUNCH, 0) != 0;
  Info.Integrated = Attr(CU_DEVICE_ATTRIBUTE_INTEGRATED, 0) != 0;
  // cuMemAlloc memory is not host-dereferenceable, even on integrated parts.
  Info.HostAccessibleMemory = false;
  Info.PageableMemoryAccess = false;
  return Status::ok();
}

//===--- Memory -----------------------------------------------------------===//

void CudaDevice::track(CUdeviceptr Ptr, size_t Bytes) {
  std::lock_guard<std::mutex> Lock(RangesMutex);
  Ranges[static_cast<uintptr_t>(Ptr)] = Bytes ? Bytes : 1;
}

bool CudaDevice::isDeviceMemory(const void *Ptr) {
  uintptr_t P = reinterpret_cast<uintptr_t>(Ptr);
  std::lock_guard<std::mutex> Lock(RangesMutex);
  auto It = Ranges.upper_bound(P);
  if (It == Ranges.begin())
    return false;
  --It;
  return P - It->first < It->second;
}

Status CudaDevice::allocate(size_t Bytes, size_t, void **Out) {
  // cuMemAlloc aligns to at least 256 bytes, cudaMalloc's guarantee.
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  CUdeviceptr Ptr = 0;
  if (Status St = TX_CU(D, cuMemAlloc_v2, &Ptr, Bytes ? Bytes : 1); !St.isOk())
    return St;
  track(Ptr, Bytes);
  *Out = reinterpret_cast<void *>(static_cast<uintptr_t>(Ptr));
  return Status::ok();
}

Status CudaDevice::allocateShared(size_t Bytes, size_t, void **Out) {
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  CUdeviceptr Ptr = 0;
  if (Status St = TX_CU(D, cuMemAllocManaged, &Ptr, Bytes ? Bytes : 1,
                        CU_MEM_ATTACH_GLOBAL);
      !St.isOk())
    return St;
  track(Ptr, Bytes);
  *Out = reinterpret_cast<void *>(static_cast<uintptr_t>(Ptr));
  return Status::ok();
}

void CudaDevice::release(void *Ptr) {
  {
    std::lock_guard<std::mutex> Lock(RangesMutex);
    Ranges.erase(reinterpret_cast<uintptr_t>(Ptr));
  }
  if (makeCurrent().isOk())
    (void)D.cuMemFree_v2(reinterpret_cast<uintptr_t>(Ptr));
}

Status CudaDevice::memoryInfo(size_t *Free, size_t *Total) {
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  size_t F = 0, T = 0;
  if (Status St = TX_CU(D, cuMemGetInfo_v2, &F, &T); !St.isOk())
    return St;
  *Free = F;
  *Total = T;
  return Status::ok();
}

Status CudaDevice::copy(void *Dst, const void *Src, size_t Bytes) {
  if (!Bytes)
    return Status::ok();
  bool DstDevice = isDeviceMemory(Dst), SrcDevice = isDeviceMemory(Src);
  if (!DstDevice && !SrcDevice) {
    std::memmove(Dst, Src, Bytes);
    return Status::ok();
  }
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  CUstream S = stream();
  auto DevPtr = [](const void *P) {
    return static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(P));
  };
  Status St;
  if (DstDevice && SrcDevice)
    St = TX_CU(D, cuMemcpyDtoDAsync_v2, DevPtr(Dst), DevPtr(Src), Bytes, S);
  else if (DstDevice)
    St = TX_CU(D, cuMemcpyHtoDAsync_v2, DevPtr(Dst), Src, Bytes, S);
  else
    St = TX_CU(D, cuMemcpyDtoHAsync_v2, Dst, DevPtr(Src), Bytes, S);
  if (!St.isOk())
    return St;
  return sync(S);
}

Status CudaDevice::fill(void *Dst, int Value, size_t Bytes) {
  if (!Bytes)
    return Status::ok();
  if (!isDeviceMemory(Dst)) {
    std::memset(Dst, Value, Bytes);
    return Status::ok();
  }
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  CUstream S = stream();
  if (Status St =
          TX_CU(D, cuMemsetD8Async,
                static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(Dst)),
                static_cast<unsigned char>(Value), Bytes, S);
      !St.isOk())
    return St;
  return sync(S);
}

Status CudaDevice::newStream(CUstream *Out) {
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  // Ordering between streams is the runtime's job: no implicit
  // synchronisation with the driver's NULL stream.
  return TX_CU(D, cuStreamCreate, Out, CU_STREAM_NON_BLOCKING);
}

Status CudaDevice::createQueue(int, std::unique_ptr<hal::Queue> *Out) {
  CUstream S = nullptr;
  if (Status St = newStream(&S); !St.isOk())
    return St;
  Out->reset(new CudaQueue(D, this, Ctx, S));
  return Status::ok();
}

//===--- Modules and kernels ----------------------------------------------===//

CudaModule &CudaDevice::module(const hal::ModuleRef &Ref) {
  std::unique_ptr<CudaModule> &Slot = Modules[Ref.TuId ? Ref.TuId : ""];
  if (Slot)
    return *Slot;
  Slot.reset(new CudaModule());
  CudaModule &M = *Slot;
  int Index = pickPtxImage(Ref.Images, Ref.NumImages, sm());
  if (Index < 0) {
    std::string Text = std::string("no PTX image for ") + Info.Architecture +
                       " in the fat binary of " + (Ref.TuId ? Ref.TuId : "?");
    M.Failure =
        Status(StatusCode::NoKernelImage, hal::internMessage(Text.c_str()));
    return M;
  }
  const hal::ModuleImage &Image = Ref.Images[Index];
  M.Ptx = static_cast<const char *>(Image.Data);
  M.PtxSize = Image.Size;
  if (Status St = makeCurrent(); !St.isOk()) {
    M.Failure = St;
    return M;
  }
  Status St;
  if ((Image.Flags & TX_IMAGE_RELOCATABLE) && Ref.NumLinkPeers) {
    St = linkedModule(Ref);
    M.Module = Linked.Module;
  } else {
    St = loadPtxModule(D, ptxSource(Ref, Image), &M.Module);
  }
  if (St.isOk())
    return M;
  // A compile error deserves to be seen even if the program only checks
  // for cudaErrorNoKernelImageForDevice; printed once per module.
  std::fprintf(stderr, "tongxin: %s\n", St.message());
  M.Failure = St;
  M.Module = nullptr;
  return M;
}

PtxSource CudaDevice::ptxSource(const hal::ModuleRef &Ref,
                                const hal::ModuleImage &Image) const {
  PtxSource Source;
  Source.Text = static_cast<const char *>(Image.Data);
  Source.Size = Image.Size;
  Source.Name = std::string("PTX for ") + Image.Target + " of " +
                (Ref.TuId ? Ref.TuId : "?") + " (for " + Info.Architecture +
                ")";
  return Source;
}

Status CudaDevice::linkedModule(const hal::ModuleRef &Ref) {
  // Linked once, from the relocatable translation units registered by then
  // (all of a program's, unless it dlopens more later).
  if (Linked.Tried)
    return Linked.Failure;
  Linked.Tried = true;
  std::vector<PtxSource> Sources;
  for (size_t I = 0; I < Ref.NumLinkPeers; ++I) {
    const hal::ModuleRef &Peer = Ref.LinkPeers[I];
    int Index = pickPtxImage(Peer.Images, Peer.NumImages, sm());
    if (Index >= 0 && (Peer.Images[Index].Flags & TX_IMAGE_RELOCATABLE))
      Sources.push_back(ptxSource(Peer, Peer.Images[Index]));
  }
  Linked.Failure = linkPtxModules(D, Sources, &Linked.Module);
  return Linked.Failure;
}

Status CudaDevice::findKernel(const hal::ModuleRef &Ref, const char *Name,
                              const TxKernelRecord **Out) {
  std::lock_guard<std::mutex> Lock(ModulesMutex);
  CudaModule &M = module(Ref);
  if (!M.Module)
    return M.Failure;
  std::unique_ptr<CudaKernel> &Slot = M.Kernels[Name ? Name : ""];
  if (!Slot) {
    auto K = std::make_unique<CudaKernel>();
    K->Name = Name ? Name : "";
    if (Status St = makeCurrent(); !St.isOk())
      return St;
    if (Status St = TX_CU(D, cuModuleGetFunction, &K->Function, M.Module,
                          K->Name.c_str());
        !St.isOk())
      return St.code() == StatusCode::NoKernelImage
                 ? Status(StatusCode::NoKernelImage,
                          "the PTX image has no such kernel")
                 : St;
    if (!readEntryParams(M.Ptx, M.PtxSize, K->Name.c_str(), &K->Sizes,
                         &K->Aligns))
      return Status(StatusCode::Internal,
                    "cannot read the kernel's parameters from its PTX");
    int Value = 0;
    TxKernelRecord &R = K->Record;
    std::memset(&R, 0, sizeof(R));
    R.Name = K->Name.c_str();
    R.Run = nullptr; // Device code: not callable from the host.
    R.NumParams = static_cast<uint32_t>(K->Sizes.size());
    R.ParamSizes = K->Sizes.data();
    R.ParamAligns = K->Aligns.data();
    if (D.cuFuncGetAttribute(&Value, CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES,
                             K->Function) == CUDA_SUCCESS)
      R.StaticSharedBytes = static_cast<uint64_t>(Value);
    R.DynamicSharedOffset = R.StaticSharedBytes;
    if (D.cuFuncGetAttribute(&Value, CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES,
                             K->Function) == CUDA_SUCCESS)
      R.ScratchBytesPerThread = static_cast<uint64_t>(Value);
    // The driver's limit for this kernel (registers, __launch_bounds__).
    if (D.cuFuncGetAttribute(&Value, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK,
                             K->Function) == CUDA_SUCCESS &&
        Value > 0 && uint32_t(Value) < Info.MaxThreadsPerBlock)
      R.MaxThreadsPerBlock = static_cast<uint32_t>(Value);
    ByRecord[&K->Record] = K.get();
    Slot = std::move(K);
  }
  *Out = &Slot->Record;
  return Status::ok();
}

Status CudaDevice::mapHostMemory(void *Host, size_t Bytes, void **Mapped) {
  // Page by page, since neighbouring variables share pages and a page can
  // be registered only once. With unified addressing (every 64-bit system
  // CUDA supports) a registered page has the same address on the GPU, so
  // the pages stay contiguous there.
  const uintptr_t Page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  uintptr_t Begin = reinterpret_cast<uintptr_t>(Host) & ~(Page - 1);
  uintptr_t End = reinterpret_cast<uintptr_t>(Host) + (Bytes ? Bytes : 1);
  for (uintptr_t P = Begin; P < End; P += Page) {
    CUresult R = D.cuMemHostRegister_v2(reinterpret_cast<void *>(P), Page,
                                        CU_MEMHOSTREGISTER_PORTABLE |
                                            CU_MEMHOSTREGISTER_DEVICEMAP);
    if (R != CUDA_SUCCESS && R != CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED)
      return toStatus(R, "cuMemHostRegister", __FILE__, __LINE__);
  }
  CUdeviceptr Ptr = 0;
  if (Status St = TX_CU(D, cuMemHostGetDevicePointer_v2, &Ptr, Host, 0);
      !St.isOk())
    return St;
  *Mapped = reinterpret_cast<void *>(static_cast<uintptr_t>(Ptr));
  return Status::ok();
}

Status CudaDevice::bindHostObject(const hal::ModuleRef &Ref, const char *Name,
                                  void *HostObject, size_t Size) {
  std::lock_guard<std::mutex> Lock(ModulesMutex);
  CudaModule &M = module(Ref);
  if (!M.Module)
    return M.Failure;
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  // Device code reaches a __managed__ variable through this slot
  // (compiler/passes/ManagedVariables.cpp); other variables have none.
  std::string SlotName = std::string("__tx_managed_") + Name;
  CUdeviceptr Slot = 0;
  size_t SlotBytes = 0;
  if (D.cuModuleGetGlobal_v2(&Slot, &SlotBytes, M.Module, SlotName.c_str()) !=
      CUDA_SUCCESS)
    return Status::ok();
  void *Mapped = nullptr;
  if (Status St = mapHostMemory(HostObject, Size, &Mapped); !St.isOk())
    return St;
  CUdeviceptr Target = reinterpret_cast<uintptr_t>(Mapped);
  if (Status St = TX_CU(D, cuMemcpyHtoD_v2, Slot, &Target, sizeof(Target));
      !St.isOk())
    return St;
  M.HostObjects[Name] = {HostObject, Size};
  return Status::ok();
}

Status CudaDevice::findVariable(const hal::ModuleRef &Ref, const char *Name,
                                void **Address, size_t *Size) {
  CUdeviceptr Ptr = 0;
  size_t Bytes = 0;
  {
    std::lock_guard<std::mutex> Lock(ModulesMutex);
    CudaModule &M = module(Ref);
    if (!M.Module)
      return M.Failure;
    // A __managed__ variable is its host object, which is host memory.
    auto Bound = M.HostObjects.find(Name ? Name : "");
    if (Bound != M.HostObjects.end()) {
      *Address = Bound->second.first;
      *Size = Bound->second.second;
      return Status::ok();
    }
    if (Status St = makeCurrent(); !St.isOk())
      return St;
    if (Status St =
            TX_CU(D, cuModuleGetGlobal_v2, &Ptr, &Bytes, M.Module, Name);
        !St.isOk())
      return St;
  }
  // Copies to and from the variable must know it is device memory.
  track(Ptr, Bytes);
  *Address = reinterpret_cast<void *>(static_cast<uintptr_t>(Ptr));
  *Size = Bytes;
  return Status::ok();
}

Status CudaDevice::launch(const hal::KernelLaunch &L) {
  CudaKernel *K = nullptr;
  {
    std::lock_guard<std::mutex> Lock(ModulesMutex);
    auto It = ByRecord.find(L.Kernel);
    if (It != ByRecord.end())
      K = It->second;
  }
  if (!K)
    return Status(StatusCode::NoKernelImage,
                  "the kernel was not found for this GPU");
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  uint64_t Shared = K->Record.StaticSharedBytes + L.DynamicSharedBytes;
  if (Shared > Info.SharedMemPerBlock) {
    // Above 48 KiB the kernel must opt in, as cudaFuncSetAttribute does.
    if (Status St = TX_CU(D, cuFuncSetAttribute, K->Function,
                          CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                          static_cast<int>(L.DynamicSharedBytes));
        !St.isOk())
      return St;
  }
  CUstream S = stream();
  unsigned SharedBytes = static_cast<unsigned>(L.DynamicSharedBytes);
  Status St = L.Cooperative
                  ? TX_CU(D, cuLaunchCooperativeKernel, K->Function, L.Grid[0],
                          L.Grid[1], L.Grid[2], L.Block[0], L.Block[1],
                          L.Block[2], SharedBytes, S, L.Args)
                  : TX_CU(D, cuLaunchKernel, K->Function, L.Grid[0], L.Grid[1],
                          L.Grid[2], L.Block[0], L.Block[1], L.Block[2],
                          SharedBytes, S, L.Args, nullptr);
  if (!St.isOk())
    return St;
  return sync(S);
}

Status CudaDevice::blocksPerUnit(const TxKernelRecord *Kernel,
                                 uint32_t BlockSize, uint64_t DynamicShared,
                                 uint64_t *Blocks) {
  CudaKernel *K = nullptr;
  {
    std::lock_guard<std::mutex> Lock(ModulesMutex);
    auto It = ByRecord.find(Kernel);
    if (It != ByRecord.end())
      K = It->second;
  }
  if (!K)
    return Status(StatusCode::Unsupported);
  if (Status St = makeCurrent(); !St.isOk())
    return St;
  int Count = 0;
  if (Status St = TX_CU(D, cuOccupancyMaxActiveBlocksPerMultiprocessor, &Count,
                        K->Function, static_cast<int>(BlockSize),
                        static_cast<size_t>(DynamicShared));
      !St.isOk())
    return St;
  *Blocks = static_cast<uint64_t>(Count);
  return Status::ok();
}

} // namespace cuda

Status hal::createCudaDevices(std::vector<std::unique_ptr<Device>> *Out) {
  Status Why;
  const cuda::Driver *D = cuda::loadDriver(&Why);
  if (!D)
    return Why;
  int Count = 0;
  if (Status St = TX_CU(*D, cuDeviceGetCount, &Count); !St.isOk())
    return Status(StatusCode::Unsupported, St.message());
  Status Result;
  for (int I = 0; I < Count; ++I) {
    cuda::CUdevice Dev = 0;
    cuda::CUcontext Ctx = nullptr;
    Status St = TX_CU(*D, cuDeviceGet, &Dev, I);
    if (St.isOk())
      St = TX_CU(*D, cuDevicePrimaryCtxRetain, &Ctx, Dev);
    if (!St.isOk()) {
      Result = St;
      continue;
    }
    auto Device = std::make_unique<cuda::CudaDevice>(*D, Dev, Ctx);
    St = Device->init();
    if (!St.isOk()) {
      Result = St; // The destructor releases the context.
      continue;
    }
    Out->push_back(std::move(Device));
  }
  if (Count == 0)
    return Status(StatusCode::Unsupported,
                  "no CUDA devices: the driver reports none");
  return Result;
}

} // namespace tx
