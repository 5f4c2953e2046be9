//===- core/Registry.h - Fat binaries, kernels, variables -------*- C++ -*-===//
//
// Part of Tongxin. Records what clang's host code registers (fat binaries,
// host stubs, host shadows of device variables) and what CPU device objects
// register (TxCpuModule), and joins the two lazily by translation-unit id,
// because constructors of the two objects run in unspecified order. Which
// code a kernel runs is decided per device: the device's backend picks its
// image out of the module (hal::Device::findKernel), and the answer is
// cached per function and device.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_REGISTRY_H
#define TONGXIN_RUNTIME_CORE_REGISTRY_H

#include "tongxin/abi.h"
#include "tongxin/hal.h"

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tx {

struct FatBinaryRecord {
  std::string TuId; ///< Empty if the blob is not a Tongxin fat binary.
  /// The blob's images (payloads point into the blob, which lives in the
  /// executable's data until unregistration).
  std::vector<hal::ModuleImage> Images;
  /// Some image holds relocatable device code (TX_IMAGE_RELOCATABLE).
  bool Relocatable = false;
  bool Unregistered = false;
  /// Devices that were told the host objects of this blob's variables.
  std::vector<const hal::Device *> BoundDevices;
};

/// Per-kernel state: where to find its code and its function attributes.
struct FunctionInfo {
  FatBinaryRecord *FatBinary = nullptr;
  std::string Name;
  /// The code for the device of the last lookup (findKernel's Dev).
  const TxKernelRecord *Kernel = nullptr;
  int MaxDynamicSharedBytes = -1; ///< -1: the device default.
  int PreferredCarveout = -1;
  /// Lookups so far: device -> its record (null: no image there).
  std::vector<std::pair<const hal::Device *, const TxKernelRecord *>> PerDevice;
};

struct VarInfo {
  FatBinaryRecord *FatBinary = nullptr;
  std::string Name;
  size_t Size = 0;
  bool Constant = false;
  /// __cudaRegisterManagedVar (nvcc's ABI): the host's pointer to patch.
  void **ManagedHostSlot = nullptr;
  void *Address = nullptr; ///< With ManagedHostSlot: the CPU storage.
  /// A txcc __managed__ variable: its host shadow is the object.
  bool HostIsObject = false;
};

enum class LookupResult {
  Found,
  Unknown, ///< The host pointer was never registered.
  NoImage, ///< Registered, but the device has no code for it.
};

class Registry {
public:
  static Registry &get();

  FatBinaryRecord *addFatBinary(const void *Wrapper);
  void removeFatBinary(FatBinaryRecord *FatBinary);
  void addFunction(FatBinaryRecord *FatBinary, const void *HostStub,
                   const char *Name);
  void addVar(FatBinaryRecord *FatBinary, const void *HostShadow,
              const char *Name, size_t Size, bool Constant,
              void **ManagedHostSlot);
  void addModule(const TxCpuModule *Module);

  /// Resolves a host stub to the code Dev runs; copies the function's
  /// state into Out. On NoImage, *Why (if given) holds the backend's word.
  LookupResult findKernel(const void *HostStub, hal::Device *Dev,
                          FunctionInfo *Out, Status *Why = nullptr);
  /// Applies Update to the function's attributes under the lock.
  template <class Fn>
  LookupResult updateFunction(const void *HostStub, Fn Update) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Functions.find(HostStub);
    if (It == Functions.end())
      return LookupResult::Unknown;
    Update(It->second);
    return LookupResult::Found;
  }

  /// True if Ptr lies in the host object of a __managed__ variable compiled
  /// by txcc (cudaPointerGetAttributes reports it as managed memory).
  bool isManagedObject(const void *Ptr);
  /// The same, also giving the object's extent.
  bool findManagedObject(const void *Ptr, uintptr_t *Base, size_t *Size);

  /// The kernel's name as registered (mangled), or null if HostStub was
  /// never registered; valid until its fat binary is unregistered.
  const char *functionName(const void *HostStub);

  /// The address of a device variable on Dev.
  LookupResult findVar(const void *HostShadow, hal::Device *Dev, void **Address,
                       size_t *Size);

private:
  Registry() = default;
  const TxCpuModule *findModule(const std::string &TuId);
  hal::ModuleRef moduleRef(const FatBinaryRecord &FatBinary);
  bool resolveManaged(VarInfo &Var);
  /// A __managed__ variable compiled by txcc is the host's object: points
  /// the device code's slot for it at HostShadow (ManagedVariables.cpp),
  /// which gets the variable's initial value.
  void aimManagedSlot(const void *HostShadow, VarInfo &Var);
  /// Tells Dev, once, the host object of every variable FatBinary
  /// registered (hal::Device::bindHostObject), and for relocatable device
  /// code those of every relocatable peer, which share its linked module.
  Status bindHostObjects(FatBinaryRecord &FatBinary, hal::Device *Dev);
  Status bindOwnHostObjects(FatBinaryRecord &FatBinary, hal::Device *Dev);

  std::mutex Mutex;
  std::vector<FatBinaryRecord *> FatBinaries; ///< Never freed: handles.
  std::unordered_map<const void *, FunctionInfo> Functions;
  std::unordered_map<const void *, VarInfo> Vars;
  std::vector<const TxCpuModule *> Modules;
  /// hal::ModuleRef::LinkPeers of the latest moduleRef() (under Mutex).
  std::vector<hal::ModuleRef> LinkPeers;
};

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_REGISTRY_H
