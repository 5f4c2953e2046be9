//===- core/Registry.cpp - Fat binaries, kernels and device variables -----===//
//
// Part of Tongxin. See Registry.h.
//
//===----------------------------------------------------------------------===//

#include "core/Registry.h"

#include <cstring>

namespace tx {

/// clang's wrapper magic (__cuda_fatbin_wrapper).
static constexpr int32_t WrapperMagic = 0x466243b1;

Registry &Registry::get() {
  // Leaked on purpose: registrations happen from static constructors and
  // lookups may happen from static destructors of user code.
  static Registry *Instance = new Registry();
  return *Instance;
}

/// The translation-unit id of a Tongxin fat binary, or "" for anything else.
static std::string readTuId(const void *WrapperPtr) {
  if (!WrapperPtr)
    return "";
  const auto *Wrapper = static_cast<const TxFatBinaryWrapper *>(WrapperPtr);
  if (Wrapper->Magic != WrapperMagic || !Wrapper->Data)
    return "";
  const auto *Blob = static_cast<const TxFatBinary *>(Wrapper->Data);
  if (std::memcmp(Blob->Magic, TX_FATBIN_MAGIC, sizeof(Blob->Magic)) != 0)
    return "";
  return std::string(Blob->TuId, strnlen(Blob->TuId, TX_TU_ID_SIZE));
}

FatBinaryRecord *Registry::addFatBinary(const void *Wrapper) {
  auto *Record = new FatBinaryRecord();
  Record->TuId = readTuId(Wrapper);
  std::lock_guard<std::mutex> Lock(Mutex);
  FatBinaries.push_back(Record);
  return Record;
}

void Registry::removeFatBinary(FatBinaryRecord *FatBinary) {
  std::lock_guard<std::mutex> Lock(Mutex);
  FatBinary->Unregistered = true;
  for (auto It = Functions.begin(); It != Functions.end();)
    It = It->second.FatBinary == FatBinary ? Functions.erase(It) : ++It;
  for (auto It = Vars.begin(); It != Vars.end();)
    It = It->second.FatBinary == FatBinary ? Vars.erase(It) : ++It;
}

void Registry::addFunction(FatBinaryRecord *FatBinary, const void *HostStub,
                           const char *Name) {
  std::lock_guard<std::mutex> Lock(Mutex);
  FunctionInfo &Info = Functions[HostStub];
  Info = FunctionInfo();
  Info.FatBinary = FatBinary;
  Info.Name = Name ? Name : "";
}

void Registry::addVar(FatBinaryRecord *FatBinary, const void *HostShadow,
                      const char *Name, size_t Size, bool Constant,
                      void **ManagedHostSlot) {
  std::lock_guard<std::mutex> Lock(Mutex);
  VarInfo &Info = Vars[HostShadow];
  Info = VarInfo();
  Info.FatBinary = FatBinary;
  Info.Name = Name ? Name : "";
  Info.Size = Size;
  Info.Constant = Constant;
  Info.ManagedHostSlot = ManagedHostSlot;
  if (ManagedHostSlot)
    resolveVar(Info); // Patch the host's pointer now if the module is here.
}

void Registry::addModule(const TxCpuModule *Module) {
  if (!Module || Module->AbiVersion != TX_ABI_VERSION || !Module->TuId)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  Modules.push_back(Module);
  // __managed__ variables registered before their module need their host
  // pointer patched now: host code may touch them before any API call.
  for (auto &Entry : Vars)
    if (Entry.second.ManagedHostSlot && !Entry.second.Address)
      resolveVar(Entry.second);
}

const TxCpuModule *Registry::findModule(const std::string &TuId) {
  if (TuId.empty())
    return nullptr;
  for (const TxCpuModule *M : Modules)
    if (TuId == M->TuId)
      return M;
  return nullptr;
}

bool Registry::resolveVar(VarInfo &Var) {
  if (Var.Address)
    return true;
  const TxCpuModule *M = findModule(Var.FatBinary->TuId);
  if (!M)
    return false;
  for (uint32_t I = 0; I < M->NumVars; ++I) {
    const TxVarRecord &R = M->Vars[I];
    if (!R.Name || Var.Name != R.Name)
      continue;
    Var.Address = R.Address;
    if (R.Size)
      Var.Size = R.Size;
    if (Var.ManagedHostSlot)
      *Var.ManagedHostSlot = R.Address;
    return true;
  }
  return false;
}

LookupResult Registry::findKernel(const void *HostStub, FunctionInfo *Out) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Functions.find(HostStub);
  if (It == Functions.end())
    return LookupResult::Unknown;
  FunctionInfo &Info = It->second;
  if (!Info.Kernel) {
    if (const TxCpuModule *M = findModule(Info.FatBinary->TuId)) {
      for (uint32_t I = 0; I < M->NumKernels; ++I) {
        const TxKernelRecord &K = M->Kernels[I];
        if (K.Name && K.Run && Info.Name == K.Name) {
          Info.Kernel = &K;
          break;
        }
      }
    }
  }
  *Out = Info;
  return Info.Kernel ? LookupResult::Found : LookupResult::NoImage;
}

LookupResult Registry::findVar(const void *HostShadow, void **Address,
                               size_t *Size) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Vars.find(HostShadow);
  if (It == Vars.end())
    return LookupResult::Unknown;
  if (!resolveVar(It->second))
    return LookupResult::NoImage;
  *Address = It->second.Address;
  *Size = It->second.Size;
  return LookupResult::Found;
}

} // namespace tx
