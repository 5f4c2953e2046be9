//===- cpu/CpuDevice.cpp - The host CPU as a CUDA device ------------------===//
//
// Part of Tongxin. Device memory is host memory; a launch hands the grid to
// the block pool and waits for it on the stream's executor thread.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/BlockPool.h"
#include "backends/cpu/CpuQueue.h"
#include "backends/cpu/PrivateMemory.h"
#include "backends/cpu/StaggeredAllocations.h"
#include "backends/cpu/SystemInfo.h"
#include "check/InitCheck.h"
#include "tongxin/hal.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tx {
namespace cpu {

namespace {
class CpuDevice final : public hal::Device {
public:
  explicit CpuDevice(bool WithPrivateMemory);
  const hal::DeviceInfo &info() const override { return Info; }
  Status allocate(size_t Bytes, size_t Alignment, void **Out) override;
  void release(void *Ptr) override {
    if (!Private || !Private->release(Ptr))
      std::free(Staggered.forget(Ptr));
  }
  Status memoryInfo(size_t *Free, size_t *Total) override;
  /// Managed and pinned memory: host memory, also with private memory
  /// (as a GPU's backend gives them), where the default refuses.
  Status allocateShared(size_t Bytes, size_t Alignment, void **Out) override {
    return allocateHostMemory(Bytes, Alignment, Out);
  }
  Status copy(void *Dst, const void *Src, size_t Bytes) override;
  Status fill(void *Dst, int Value, size_t Bytes) override;
  Status createQueue(int Priority, std::unique_ptr<hal::Queue> *Out) override;
  Status findKernel(const hal::ModuleRef &Module, const char *Name,
                    const TxKernelRecord **Out) override;
  Status findVariable(const hal::ModuleRef &Module, const char *Name,
                      void **Address, size_t *Size) override;
  Status launch(const hal::KernelLaunch &Launch) override;
  Status runOnWorkers(size_t Count,
                      const std::function<void(size_t)> &Body) override;
  unsigned workerCount() const override { return NumWorkers; }

private:
  BlockPool &pool();
  Status allocateHostMemory(size_t Bytes, size_t Alignment, void **Out);

  hal::DeviceInfo Info;
  unsigned NumWorkers;
  std::once_flag PoolOnce;
  BlockPool *Pool = nullptr; ///< Created at the first launch; never freed.
  /// With private memory: device allocations, open only during device work.
  std::unique_ptr<PrivateMemory> Private;
  /// Where large host allocations start within their first page.
  StaggeredAllocations Staggered;
};
} // namespace

CpuDevice::CpuDevice(bool WithPrivateMemory)
    : NumWorkers(defaultWorkerCount()) {
  std::string Name = processorName();
  if (WithPrivateMemory) {
    Name += " (private memory)";
    Private.reset(new cpu::PrivateMemory());
  }
  std::strncpy(Info.Name, Name.c_str(), sizeof(Info.Name) - 1);
  Info.Backend = WithPrivateMemory ? "cpu-private" : "cpu";
  std::strncpy(Info.Architecture, hostArchitecture(),
               sizeof(Info.Architecture) - 1);
  Info.HostAccessibleMemory = !WithPrivateMemory;
  Info.TotalMemory = physicalMemoryBytes();
  Info.ComputeUnits = NumWorkers;
  Info.ClockKHz = processorClockKHz();
  Info.L2CacheBytes = l2CacheBytes();
  // Shared memory is an ordinary per-worker buffer, so the opt-in limit is
  // a policy choice: large enough for any GPU kernel's tiles (Hopper allows
  // 227 KiB), small enough to stay in a core's caches.
  Info.SharedMemPerBlock = 48 * 1024;
  Info.SharedMemPerBlockOptin = 256 * 1024;
  Info.SharedMemPerUnit = 256 * 1024;
  Info.MaxThreadsPerUnit = 2048;
  Info.MaxBlocksPerUnit = 32;
  Info.Integrated = !WithPrivateMemory;
  Info.PageableMemoryAccess = !WithPrivateMemory;
  // Cooperative grids get a thread per block (BlockPool::runCooperative),
  // so every grid the occupancy model allows is resident at once.
  Info.CooperativeLaunch = true;
  Info.RunsOnHostThreads = true;
}

BlockPool &CpuDevice::pool() {
  std::call_once(PoolOnce, [this] { Pool = new BlockPool(NumWorkers); });
  return *Pool;
}

/// Device memory of 2 MiB or more is backed by the kernel's transparent
/// huge pages where it allows them on request (the "madvise" setting most
/// distributions ship), as a GPU backs its memory with large pages: a
/// kernel that visits a large array in pieces (a grid-stride loop over a
/// fixed grid, a transpose's columns) otherwise spends its time in page
/// walks, one every 4 KiB piece.
static constexpr size_t HugePageBytes = size_t(2) << 20;

/// TONGXIN_HUGE_PAGES=0 keeps device memory in small pages.
static bool hugePagesWanted() {
  static const bool Wanted = [] {
    const char *Env = std::getenv("TONGXIN_HUGE_PAGES");
    return !Env || std::strcmp(Env, "0") != 0;
  }();
  return Wanted;
}

static void adviseHugePages(void *P, size_t Bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Only advice: where the kernel declines, small pages serve as before.
  (void)madvise(P, Bytes, MADV_HUGEPAGE);
#else
  (void)P;
  (void)Bytes;
#endif
}

Status CpuDevice::allocate(size_t Bytes, size_t Alignment, void **Out) {
  if (!Private)
    return allocateHostMemory(Bytes, Alignment, Out);
  if (Bytes > Info.TotalMemory)
    return Status(StatusCode::OutOfMemory);
  void *P = Private->allocate(Bytes, Alignment);
  if (!P)
    return Status(StatusCode::OutOfMemory);
  *Out = P;
  return Status::ok();
}

Status CpuDevice::allocateHostMemory(size_t Bytes, size_t Alignment,
                                     void **Out) {
  if (Alignment < 64)
    Alignment = 64;
  // More than the machine's memory can never be backed; refuse it up front
  // (as a GPU refuses more than its memory) instead of relying on overcommit.
  if (Bytes > Info.TotalMemory ||
      Bytes > SIZE_MAX - Alignment - StaggeredAllocations::PageBytes)
    return Status(StatusCode::OutOfMemory);
  StaggeredAllocations::Placement Placement = Staggered.plan(Bytes, Alignment);
  size_t Rounded =
      (Bytes + Alignment - 1) / Alignment * Alignment + Placement.Slack;
  // A large allocation lies in memory that starts on a huge page (its size
  // is not rounded up: the tail stays in small pages), at most Slack bytes
  // in (StaggeredAllocations).
  bool Huge = Bytes >= HugePageBytes && hugePagesWanted();
  void *P = nullptr;
  if (posix_memalign(&P, Huge ? std::max(Alignment, HugePageBytes) : Alignment,
                     Rounded ? Rounded : Alignment) != 0)
    return Status(StatusCode::OutOfMemory);
  if (Huge)
    adviseHugePages(P, Rounded);
  *Out = Staggered.place(P, Placement);
  return Status::ok();
}

Status CpuDevice::memoryInfo(size_t *Free, size_t *Total) {
  *Total = physicalMemoryBytes();
  *Free = availableMemoryBytes();
  return Status::ok();
}

Status CpuDevice::copy(void *Dst, const void *Src, size_t Bytes) {
  PrivateMemory::Access Open(Private.get());
  if (Bytes)
    std::memmove(Dst, Src, Bytes);
  if (check::initcheckActive())
    check::initcheckCopy(Dst, Src, Bytes);
  return Status::ok();
}

Status CpuDevice::fill(void *Dst, int Value, size_t Bytes) {
  PrivateMemory::Access Open(Private.get());
  if (Bytes)
    std::memset(Dst, Value, Bytes);
  if (check::initcheckActive())
    check::initcheckFill(Dst, Bytes);
  return Status::ok();
}

Status CpuDevice::createQueue(int, std::unique_ptr<hal::Queue> *Out) {
  Out->reset(new CpuQueue());
  return Status::ok();
}

Status CpuDevice::findKernel(const hal::ModuleRef &Module, const char *Name,
                             const TxKernelRecord **Out) {
  const TxCpuModule *M = Module.CpuModule;
  if (!M)
    return Status(StatusCode::NoKernelImage,
                  "the translation unit was not compiled for the CPU");
  for (uint32_t I = 0; I < M->NumKernels; ++I) {
    const TxKernelRecord &K = M->Kernels[I];
    if (K.Name && K.Run && Name && std::strcmp(K.Name, Name) == 0) {
      *Out = &K;
      return Status::ok();
    }
  }
  return Status(StatusCode::NoKernelImage, "the CPU module has no such kernel");
}

Status CpuDevice::findVariable(const hal::ModuleRef &Module, const char *Name,
                               void **Address, size_t *Size) {
  const TxCpuModule *M = Module.CpuModule;
  if (!M)
    return Status(StatusCode::NoKernelImage,
                  "the translation unit was not compiled for the CPU");
  for (uint32_t I = 0; I < M->NumVars; ++I) {
    const TxVarRecord &R = M->Vars[I];
    if (R.Name && Name && std::strcmp(R.Name, Name) == 0) {
      // A __managed__ variable lives where its slot points: the host's
      // object once the registry has joined the two sides.
      *Address = R.ManagedSlot ? *R.ManagedSlot : R.Address;
      *Size = R.Size;
      return Status::ok();
    }
  }
  return Status(StatusCode::NoKernelImage,
                "the CPU module has no such variable");
}

Status CpuDevice::launch(const hal::KernelLaunch &L) {
  const TxKernelRecord *K = L.Kernel;
  if (!K || !K->Run)
    return Status(StatusCode::NoKernelImage);
  PrivateMemory::Access Open(Private.get());
  GridJob Job;
  Job.Kernel = K;
  Job.Args = L.Args;
  uint64_t Threads = 1;
  for (int D = 0; D < 3; ++D) {
    Job.Grid[D] = L.Grid[D];
    Job.Block[D] = L.Block[D];
    Threads *= L.Block[D];
  }
  uint64_t StaticEnd = K->DynamicSharedOffset > K->StaticSharedBytes
                           ? K->DynamicSharedOffset
                           : K->StaticSharedBytes;
  Job.SharedBytes = StaticEnd + L.DynamicSharedBytes;
  Job.ScratchBytes = K->ScratchBytesPerThread * Threads;
  Job.Total = uint64_t(L.Grid[0]) * L.Grid[1] * L.Grid[2];
  if (L.Cooperative) {
    Job.Cooperative = true;
    BlockPool::runCooperative(Job);
    return Status(static_cast<StatusCode>(Job.Failure.load()));
  }
  // Claims shrink towards this (BlockPool's guided claims): about eight
  // chunks per worker balance the load without much contention.
  uint64_t Chunk = Job.Total / (uint64_t(pool().size()) * 8);
  Job.Chunk = Chunk < 1 ? 1 : (Chunk > 64 ? 64 : Chunk);
  if (K->Flags & TX_KERNEL_WAITS_FOR_BLOCKS) {
    Job.InOrder = true;
    Job.Chunk = 1;
  }
  Job.CostKey = K;
  pool().run(Job);
  return Status(static_cast<StatusCode>(Job.Failure.load()));
}

/// Library work runs as a grid whose "blocks" are the calls of Body, so it
/// takes the same workers, chunking and failure handling as kernels.
static void runLibraryTask(void **Args, TxBlockContext *Ctx) {
  auto *Body = static_cast<const std::function<void(size_t)> *>(Args[0]);
  (*Body)(Ctx->BlockIdx[0]);
}

Status CpuDevice::runOnWorkers(size_t Count,
                               const std::function<void(size_t)> &Body) {
  if (Count == 0)
    return Status::ok();
  if (Count > 0x7fffffffu)
    return Status(StatusCode::InvalidArgument, "too many library tasks");
  static const TxKernelRecord LibraryTask = [] {
    TxKernelRecord R{};
    R.Name = "tongxin.library-task";
    R.Run = runLibraryTask;
    return R;
  }();
  void *Args[1] = {const_cast<std::function<void(size_t)> *>(&Body)};
  GridJob Job;
  Job.Kernel = &LibraryTask;
  Job.Args = Args;
  Job.Grid[0] = static_cast<uint32_t>(Count);
  Job.Total = Count;
  Job.Chunk = 1;
  pool().run(Job);
  return Status(static_cast<StatusCode>(Job.Failure.load()));
}

} // namespace cpu

std::unique_ptr<hal::Device> hal::createCpuDevice(bool PrivateMemory) {
  return std::unique_ptr<hal::Device>(new cpu::CpuDevice(PrivateMemory));
}

} // namespace tx
