//===- tongxin/hal.h - Backend interface of the runtime ---------*- C++ -*-===//
//
// Part of Tongxin. This is what a chip maker implements: one Device per
// physical device and one Queue per stream. The CUDA Runtime API layer
// (runtime/api) owns everything CUDA-specific -- error codes, handle
// validation, the default-stream rules, events, symbol and kernel lookup --
// and talks to a backend only through these classes.
//
// Conventions:
//  * Every fallible call returns tx::Status (OK is zero); results come back
//    through Out parameters that are only written on success.
//  * No exceptions cross this interface; the library is built without them.
//  * Memory is in one address space shared with the host (CUDA's unified
//    addressing). A backend with separate memory maps it or reports
//    StatusCode::Unsupported for host access.
//
// See runtime/backends/null for a template that implements every call as
// "unsupported" and marks each decision a vendor must make.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_HAL_H
#define TONGXIN_HAL_H

#include "tongxin/abi.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

/// The factories below are exported so that tests and tools can drive a
/// backend directly; everything else in libtongxin stays hidden.
#define TX_HAL_EXPORT __attribute__((visibility("default")))

namespace tx {

//===--- Status -----------------------------------------------------------===//

enum class StatusCode : int {
  Ok = 0,
  InvalidArgument,    ///< A caller error the backend detected.
  OutOfMemory,        ///< An allocation could not be satisfied.
  Unsupported,        ///< The backend does not implement the operation.
  InvalidConfig,      ///< Launch configuration exceeds the device limits.
  NoKernelImage,      ///< No code for this device in the kernel's module.
  AssertTriggered,    ///< Device code hit a failed assert().
  LaunchFailed,       ///< Device code trapped or faulted.
  Internal,           ///< A bug or an unexpected system failure.
  IllegalAddress,     ///< Device code accessed memory outside any mapping.
  MisalignedAddress,  ///< Device code made a misaligned access (bus error).
  IllegalInstruction, ///< Device code ran an invalid instruction.
};

/// Result of a backend call: a code plus an optional explanation. Messages
/// must outlive the Status: string literals, or text kept by
/// hal::internMessage() for messages built at run time.
class [[nodiscard]] Status {
public:
  constexpr Status() = default;
  constexpr Status(StatusCode Code, const char *Message = nullptr)
      : Code(Code), Message(Message) {}

  static constexpr Status ok() { return Status(); }
  constexpr bool isOk() const { return Code == StatusCode::Ok; }
  constexpr StatusCode code() const { return Code; }
  /// Never null.
  const char *message() const { return Message ? Message : ""; }

private:
  StatusCode Code = StatusCode::Ok;
  const char *Message = nullptr;
};

namespace hal {

//===--- Device description -----------------------------------------------===//

/// What a device reports about itself; the API layer derives cudaDeviceProp
/// and cudaDeviceGetAttribute from it.
struct DeviceInfo {
  char Name[256] = {};
  /// Backend name, as TONGXIN_DEVICES spells it: "cpu", "cuda", "null",
  /// "cpu-private".
  const char *Backend = "unknown";
  /// Instruction set / architecture: "x86_64", "aarch64", "sm_80", ...
  char Architecture[32] = {};
  /// Host code may dereference pointers from allocate(). When false the
  /// runtime routes every copy touching this device's memory through the
  /// device's own copy() and stages device-to-device copies across
  /// backends through host memory.
  bool HostAccessibleMemory = true;
  uint64_t TotalMemory = 0;  ///< Bytes usable for allocations.
  uint32_t ComputeUnits = 1; ///< "Multiprocessors".
  uint32_t ClockKHz = 0;     ///< 0 if unknown.
  uint32_t WarpSize = 32;
  uint32_t MaxThreadsPerBlock = 1024;
  uint32_t MaxBlockDim[3] = {1024, 1024, 64};
  uint32_t MaxGridDim[3] = {2147483647u, 65535u, 65535u};
  uint64_t SharedMemPerBlock = 48 * 1024;      ///< Default limit.
  uint64_t SharedMemPerBlockOptin = 48 * 1024; ///< Limit after opt-in.
  uint64_t SharedMemPerUnit = 48 * 1024;
  uint32_t MaxThreadsPerUnit = 2048;
  uint32_t MaxBlocksPerUnit = 32;
  uint64_t L2CacheBytes = 0;
  uint32_t ComputeMajor = 8; ///< Capability the device emulates.
  uint32_t ComputeMinor = 0;
  bool Integrated = false;           ///< Shares memory with the host.
  bool PageableMemoryAccess = false; ///< Can use any host pointer.
  /// launch() honours KernelLaunch::Cooperative: every block of such a grid
  /// is resident at once and device code may call __tx_grid_sync(). The
  /// largest cooperative grid is the occupancy model's blocks per unit
  /// times ComputeUnits, as in CUDA; the backend must be able to keep that
  /// many blocks running together.
  bool CooperativeLaunch = false;
  /// launch() and copy() run the work on host threads and return once it is
  /// done (the CPU backend). The runtime may then call them straight from
  /// the host thread for an idle default stream, instead of handing them to
  /// the stream's queue thread: no thread hop, no third thread competing for
  /// the cores. A GPU backend, whose launch() only queues, leaves it false.
  bool RunsOnHostThreads = false;
};

//===--- Device code ------------------------------------------------------===//

/// One image of a fat binary (tongxin/abi.h): payload bytes in the blob.
struct ModuleImage {
  uint32_t Kind = 0;          ///< TxImageKind.
  const char *Target = "";    ///< "x86_64", "sm_80", ...
  const void *Data = nullptr; ///< Payload (PTX: NUL-terminated text).
  uint64_t Size = 0;          ///< Payload bytes.
  uint32_t Flags = 0;         ///< TxImageFlags.
};

/// Everything one translation unit offers for all devices: the images of
/// its fat binary and, if its CPU device object registered itself, that
/// module. A backend picks what it can run and caches per TuId.
struct ModuleRef {
  const char *TuId = "";
  const ModuleImage *Images = nullptr;
  size_t NumImages = 0;
  const TxCpuModule *CpuModule = nullptr; ///< Null if no CPU object.
  /// Every translation unit of the process with relocatable device code
  /// (TX_IMAGE_RELOCATABLE images), this one included, when this one has
  /// some: a device that links code links these into one module, shared by
  /// all of them (their extern functions and variables resolve there).
  const ModuleRef *LinkPeers = nullptr;
  size_t NumLinkPeers = 0;
};

/// One kernel launch, fully described. Args point at argument copies the
/// runtime keeps alive until launch() returns.
struct KernelLaunch {
  const TxKernelRecord *Kernel = nullptr; ///< As returned by findKernel().
  const char *TuId = nullptr;             ///< Module identity ...
  const char *Name = nullptr;             ///< ... and mangled kernel name.
  uint32_t Grid[3] = {1, 1, 1};
  uint32_t Block[3] = {1, 1, 1};
  uint64_t DynamicSharedBytes = 0;
  void **Args = nullptr;
  /// cudaLaunchCooperativeKernel: all blocks co-resident, grid barriers
  /// allowed. The API layer has checked the grid against the occupancy
  /// model.
  bool Cooperative = false;
};

//===--- Queue ------------------------------------------------------------===//

/// An in-order work queue (the backend side of a CUDA stream). Work items
/// run one after another, asynchronously to the submitting thread. The
/// runtime layers stream ordering, events and callbacks on top of submit().
class Queue {
public:
  virtual ~Queue();

  /// Appends Work; it runs after every earlier item of this queue. The
  /// destructor lets pending work finish without blocking the caller.
  virtual Status submit(std::function<void()> Work) = 0;
};

//===--- Device -----------------------------------------------------------===//

class Device {
public:
  virtual ~Device();

  virtual const DeviceInfo &info() const = 0;

  /// Device memory, visible at the same address to host and device.
  virtual Status allocate(size_t Bytes, size_t Alignment, void **Out) = 0;
  virtual void release(void *Ptr) = 0;
  virtual Status memoryInfo(size_t *Free, size_t *Total) = 0;

  /// Synchronous byte copy / fill, called from a queue or the host thread.
  virtual Status copy(void *Dst, const void *Src, size_t Bytes) = 0;
  virtual Status fill(void *Dst, int Value, size_t Bytes) = 0;

  /// Memory both the host and the device can use (cudaMallocManaged,
  /// cudaMallocHost); freed with release(). The default is allocate() when
  /// the host can access device memory, else Unsupported.
  virtual Status allocateShared(size_t Bytes, size_t Alignment, void **Out);

  virtual Status createQueue(int Priority, std::unique_ptr<Queue> *Out) = 0;

  /// Finds kernel Name of Module in the code this device can run (loading
  /// the module on first use) and describes it: parameter sizes and
  /// alignments, static shared memory, launch bounds. Run is null for
  /// code the host cannot call. The record lives as long as the device.
  /// Returns NoKernelImage if the module has no code for this device.
  virtual Status findKernel(const ModuleRef &Module, const char *Name,
                            const TxKernelRecord **Out) = 0;

  /// The device address and size of a __device__ / __constant__ variable.
  virtual Status findVariable(const ModuleRef &Module, const char *Name,
                              void **Address, size_t *Size) = 0;

  /// Variable Name of Module has host object HostObject (Size bytes): if
  /// it is __managed__, device code must reach that object, which the host
  /// reads and writes directly. Called for every registered variable once
  /// the module is loaded; findVariable then answers with the object. The
  /// default does nothing (CPU modules carry their own slots).
  virtual Status bindHostObject(const ModuleRef &Module, const char *Name,
                                void *HostObject, size_t Size);

  /// cudaDeviceSetLimit: Limit is a cudaLimit value (0 stack bytes per
  /// thread, 1 printf FIFO bytes, 2 malloc heap bytes, ...). The default
  /// accepts every value: a CPU device's stacks, printf and heap do not
  /// have a fixed size.
  virtual Status setLimit(int Limit, size_t Value);

  /// How many blocks of Kernel, BlockSize threads each with DynamicShared
  /// bytes of dynamic shared memory, one compute unit runs at once, where
  /// the device knows better than the runtime's model from info() (which
  /// ignores registers). Unsupported (the default): the model decides.
  virtual Status blocksPerUnit(const TxKernelRecord *Kernel, uint32_t BlockSize,
                               uint64_t DynamicShared, uint64_t *Blocks);

  /// Called from a Queue work item: the native handle of that queue (a
  /// CUstream), with the device ready for native calls on this thread, so
  /// that a CUDA library can forward to the vendor's own library; null
  /// where there is none (the default).
  virtual void *callerNativeQueue() { return nullptr; }
  /// Called from the same work item: returns when the native work queued
  /// on callerNativeQueue() has finished.
  virtual Status finishNativeWork() { return Status::ok(); }

  /// Called on a host thread while one of the runtime's streams of this
  /// device is being captured: runs Call(NativeQueue) on a native queue
  /// that the native driver captures, with Call's result in *Result, and
  /// gives the native work it queued as an executable native graph in
  /// *Graph (null if it queued none), for a CUDA library whose vendor
  /// library must record its work into the user's graph. Unsupported (the
  /// default) where there is no native capture.
  virtual Status captureNativeWork(const std::function<int(void *)> &Call,
                                   int *Result, void **Graph);
  /// Called from a Queue work item: runs a graph from captureNativeWork on
  /// the item's native queue and returns when it has finished.
  virtual Status runNativeGraph(void *Graph);
  /// Frees a graph from captureNativeWork.
  virtual void destroyNativeGraph(void *Graph) {}

  /// Runs a whole grid and returns when every block has finished (called
  /// from a Queue work item). The launch has already been validated against
  /// info(). Returns AssertTriggered / LaunchFailed if device code failed.
  virtual Status launch(const KernelLaunch &Launch) = 0;

  /// Host code of a CUDA library (libs/) running on this device: calls
  /// Body(I) for every I in [0, Count) on the device's own workers, so
  /// that library work and kernels share one set of threads, and returns
  /// when all calls have finished. Called from a Queue work item. Only
  /// meaningful where HostAccessibleMemory holds; the default runs the
  /// calls one after another on the calling thread.
  virtual Status runOnWorkers(size_t Count,
                              const std::function<void(size_t)> &Body);
  /// How many calls runOnWorkers runs at once: what a library splits its
  /// work into.
  virtual unsigned workerCount() const { return 1; }
};

//===--- Backends compiled into this library ------------------------------===//
//
// To add one: implement Device and Queue, declare its factory here, and add
// it to the backend table in runtime/core/Context.cpp.

/// PrivateMemory: a CPU device whose memory the host must not address
/// (HostAccessibleMemory false, backend "cpu-private"), as a GPU's or an
/// accelerator's: what tests use to run the runtime's and the libraries'
/// paths for such devices (copies routed through the device, staging) on
/// any machine. Its allocations are inaccessible pages except during its
/// own copies, fills and kernels, so a host access faults.
TX_HAL_EXPORT std::unique_ptr<Device>
createCpuDevice(bool PrivateMemory = false);
TX_HAL_EXPORT std::unique_ptr<Device> createNullDevice();
/// Every NVIDIA GPU the CUDA driver reports (honouring CUDA_VISIBLE_DEVICES).
/// libcuda.so.1 (or $TONGXIN_CUDA_LIBRARY) is loaded with dlopen on first
/// call; if it is missing or cuInit fails, Out stays empty and the status
/// says why (Unsupported).
TX_HAL_EXPORT Status
createCudaDevices(std::vector<std::unique_ptr<Device>> *Out);

/// Keeps a copy of Text for the life of the process and returns it, so that
/// a backend can put run-time text (driver logs, file:line) in a Status.
/// Equal texts share one copy.
TX_HAL_EXPORT const char *internMessage(const char *Text);

} // namespace hal
} // namespace tx

#endif // TONGXIN_HAL_H
