//===- core/Registry.cpp - Fat binaries, kernels and device variables -----===//
//
// Part of Tongxin. See Registry.h.
//
//===----------------------------------------------------------------------===//

#include "core/Registry.h"

#include <algorithm>
#include <cstdio>
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

/// Most images one blob may declare; a guard against corrupt headers.
static constexpr uint32_t MaxImages = 256;

/// The image whose header is at Offset of Blob's TotalBytes, or false
/// when it does not fit: its header and payload must lie inside the blob,
/// its target be NUL-terminated and a PTX payload end in a NUL (the text a
/// backend hands to the GPU's driver).
static bool readImage(const TxFatBinary &Blob, uint64_t &Offset,
                      hal::ModuleImage &Image) {
  const char *Base = reinterpret_cast<const char *>(&Blob);
  uint64_t Left = Blob.TotalBytes - Offset;
  if (Left < sizeof(TxImageHeader))
    return false;
  const auto *Header = reinterpret_cast<const TxImageHeader *>(Base + Offset);
  Left -= sizeof(TxImageHeader);
  if (Header->Size > Left ||
      !std::memchr(Header->Target, '\0', sizeof(Header->Target)))
    return false;
  const char *Payload = Base + Offset + sizeof(TxImageHeader);
  if (Header->Kind == TX_IMAGE_PTX &&
      (Header->Size == 0 || Payload[Header->Size - 1] != '\0'))
    return false;
  Image.Kind = Header->Kind;
  Image.Flags = Header->Flags;
  Image.Target = Header->Target;
  Image.Data = Payload;
  Image.Size = Header->Size;
  uint64_t Padded = std::min((Header->Size + 7) & ~uint64_t(7), Left);
  Offset += sizeof(TxImageHeader) + Padded;
  return true;
}

/// Reads the translation-unit id and the image table of a Tongxin fat
/// binary; leaves Record empty for anything else (another ABI, or a table
/// that does not fit in the blob's TotalBytes).
static void parseFatBinary(const void *WrapperPtr, FatBinaryRecord &Record) {
  if (!WrapperPtr)
    return;
  const auto *Wrapper = static_cast<const TxFatBinaryWrapper *>(WrapperPtr);
  if (Wrapper->Magic != WrapperMagic || !Wrapper->Data)
    return;
  const auto *Blob = static_cast<const TxFatBinary *>(Wrapper->Data);
  if (std::memcmp(Blob->Magic, TX_FATBIN_MAGIC, sizeof(Blob->Magic)) != 0 ||
      Blob->AbiVersion != TX_ABI_VERSION ||
      Blob->TotalBytes < sizeof(TxFatBinary) || Blob->NumImages > MaxImages)
    return;
  std::vector<hal::ModuleImage> Images(Blob->NumImages);
  uint64_t Offset = sizeof(TxFatBinary);
  for (hal::ModuleImage &Image : Images)
    if (!readImage(*Blob, Offset, Image))
      return;
  Record.TuId = std::string(Blob->TuId, strnlen(Blob->TuId, TX_TU_ID_SIZE));
  for (const hal::ModuleImage &Image : Images)
    Record.Relocatable |= (Image.Flags & TX_IMAGE_RELOCATABLE) != 0;
  Record.Images = std::move(Images);
}

/// The module's record of the variable named Name, or null.
static const TxVarRecord *findVarRecord(const TxCpuModule &M,
                                        const std::string &Name) {
  for (uint32_t I = 0; I < M.NumVars; ++I)
    if (M.Vars[I].Name && Name == M.Vars[I].Name)
      return &M.Vars[I];
  return nullptr;
}

FatBinaryRecord *Registry::addFatBinary(const void *Wrapper) {
  auto *Record = new FatBinaryRecord();
  parseFatBinary(Wrapper, *Record);
  std::lock_guard<std::mutex> Lock(Mutex);
  FatBinaries.push_back(Record);
  return Record;
}

void Registry::removeFatBinary(FatBinaryRecord *FatBinary) {
  std::lock_guard<std::mutex> Lock(Mutex);
  FatBinary->Unregistered = true;
  // The blob goes with its library (dlclose): nothing may read it now.
  FatBinary->Images.clear();
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
    resolveManaged(Info); // Patch the host's pointer now if possible.
  else
    aimManagedSlot(HostShadow, Info);
}

void Registry::addModule(const TxCpuModule *Module) {
  if (!Module || !Module->TuId)
    return;
  if (Module->AbiVersion != TX_ABI_VERSION) {
    // Its kernels will answer cudaErrorNoKernelImageForDevice; say why.
    std::fprintf(stderr,
                 "tongxin: ignoring device code built for runtime ABI %u "
                 "(this runtime has ABI %u): rebuild it with this toolkit's "
                 "txcc\n",
                 Module->AbiVersion, TX_ABI_VERSION);
    return;
  }
  std::lock_guard<std::mutex> Lock(Mutex);
  Modules.push_back(Module);
  // __managed__ variables registered before their module need their host
  // pointer patched now: host code may touch them before any API call.
  // txcc's __managed__ variables: the device code's slot is aimed at the
  // host shadow, whichever of the two registered first.
  for (auto &Entry : Vars) {
    if (Entry.second.ManagedHostSlot && !Entry.second.Address)
      resolveManaged(Entry.second);
    else if (Entry.second.FatBinary->TuId == Module->TuId)
      aimManagedSlot(Entry.first, Entry.second);
  }
}

const TxCpuModule *Registry::findModule(const std::string &TuId) {
  if (TuId.empty())
    return nullptr;
  for (const TxCpuModule *M : Modules)
    if (TuId == M->TuId)
      return M;
  return nullptr;
}

hal::ModuleRef Registry::moduleRef(const FatBinaryRecord &FatBinary) {
  hal::ModuleRef Ref;
  Ref.TuId = FatBinary.TuId.c_str();
  Ref.Images = FatBinary.Images.data();
  Ref.NumImages = FatBinary.Images.size();
  Ref.CpuModule = findModule(FatBinary.TuId);
  if (!FatBinary.Relocatable)
    return Ref;
  LinkPeers.clear();
  for (const FatBinaryRecord *Peer : FatBinaries) {
    if (!Peer->Relocatable || Peer->Unregistered)
      continue;
    hal::ModuleRef PeerRef;
    PeerRef.TuId = Peer->TuId.c_str();
    PeerRef.Images = Peer->Images.data();
    PeerRef.NumImages = Peer->Images.size();
    LinkPeers.push_back(PeerRef);
  }
  Ref.LinkPeers = LinkPeers.data();
  Ref.NumLinkPeers = LinkPeers.size();
  return Ref;
}

bool Registry::resolveManaged(VarInfo &Var) {
  if (Var.Address)
    return true;
  const TxCpuModule *M = findModule(Var.FatBinary->TuId);
  const TxVarRecord *R = M ? findVarRecord(*M, Var.Name) : nullptr;
  if (!R)
    return false;
  Var.Address = R->Address;
  if (R->Size)
    Var.Size = R->Size;
  *Var.ManagedHostSlot = R->Address;
  return true;
}

void Registry::aimManagedSlot(const void *HostShadow, VarInfo &Var) {
  const TxCpuModule *M = findModule(Var.FatBinary->TuId);
  const TxVarRecord *R = M ? findVarRecord(*M, Var.Name) : nullptr;
  // Aimed once: clang leaves the host shadow zeroed, so it takes the
  // variable's initial value from the device side's storage first.
  if (!R || !R->ManagedSlot || *R->ManagedSlot != R->Address)
    return;
  std::memcpy(const_cast<void *>(HostShadow), R->Address, R->Size);
  *R->ManagedSlot = const_cast<void *>(HostShadow);
  Var.HostIsObject = true;
}

bool Registry::isManagedObject(const void *Ptr) {
  uintptr_t Base;
  size_t Size;
  return findManagedObject(Ptr, &Base, &Size);
}

bool Registry::findManagedObject(const void *Ptr, uintptr_t *Base,
                                 size_t *Size) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto P = reinterpret_cast<uintptr_t>(Ptr);
  for (const auto &[HostShadow, Var] : Vars) {
    auto Begin = reinterpret_cast<uintptr_t>(HostShadow);
    if (Var.HostIsObject && P >= Begin && P - Begin < Var.Size) {
      *Base = Begin;
      *Size = Var.Size;
      return true;
    }
  }
  return false;
}

Status Registry::bindHostObjects(FatBinaryRecord &FatBinary, hal::Device *Dev) {
  if (!FatBinary.Relocatable)
    return bindOwnHostObjects(FatBinary, Dev);
  for (FatBinaryRecord *Peer : FatBinaries)
    if (Peer->Relocatable && !Peer->Unregistered)
      if (Status St = bindOwnHostObjects(*Peer, Dev); !St.isOk())
        return St;
  return Status::ok();
}

Status Registry::bindOwnHostObjects(FatBinaryRecord &FatBinary,
                                    hal::Device *Dev) {
  for (const hal::Device *Bound : FatBinary.BoundDevices)
    if (Bound == Dev)
      return Status::ok();
  for (const auto &[HostShadow, Var] : Vars) {
    if (Var.FatBinary != &FatBinary || Var.ManagedHostSlot)
      continue;
    Status St = Dev->bindHostObject(moduleRef(FatBinary), Var.Name.c_str(),
                                    const_cast<void *>(HostShadow), Var.Size);
    if (!St.isOk())
      return St;
  }
  FatBinary.BoundDevices.push_back(Dev);
  return Status::ok();
}

LookupResult Registry::findKernel(const void *HostStub, hal::Device *Dev,
                                  FunctionInfo *Out, Status *Why) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Functions.find(HostStub);
  if (It == Functions.end())
    return LookupResult::Unknown;
  FunctionInfo &Info = It->second;
  Info.Kernel = nullptr;
  bool Known = false;
  for (auto &Entry : Info.PerDevice) {
    if (Entry.first != Dev)
      continue;
    Info.Kernel = Entry.second;
    Known = true;
    break;
  }
  if (!Known) {
    // The device may load code here (a GPU module, once per context).
    const TxKernelRecord *K = nullptr;
    Status St =
        Dev->findKernel(moduleRef(*Info.FatBinary), Info.Name.c_str(), &K);
    // __managed__ variables must reach the host's objects before any
    // kernel of the module runs.
    if (St.isOk())
      St = bindHostObjects(*Info.FatBinary, Dev);
    if (!St.isOk()) {
      *Out = Info;
      if (Why)
        *Why = St;
      // Only "no code here" is final; a CPU module may still register
      // later, and other failures may be transient.
      return LookupResult::NoImage;
    }
    Info.PerDevice.emplace_back(Dev, K);
    Info.Kernel = K;
  }
  *Out = Info;
  return LookupResult::Found;
}

const char *Registry::functionName(const void *HostStub) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Functions.find(HostStub);
  return It == Functions.end() ? nullptr : It->second.Name.c_str();
}

LookupResult Registry::findVar(const void *HostShadow, hal::Device *Dev,
                               void **Address, size_t *Size) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Vars.find(HostShadow);
  if (It == Vars.end())
    return LookupResult::Unknown;
  VarInfo &Var = It->second;
  void *A = nullptr;
  size_t S = 0;
  Status St = bindHostObjects(*Var.FatBinary, Dev);
  if (St.isOk())
    St = Dev->findVariable(moduleRef(*Var.FatBinary), Var.Name.c_str(), &A, &S);
  if (!St.isOk())
    return LookupResult::NoImage;
  *Address = A;
  *Size = S ? S : Var.Size;
  return LookupResult::Found;
}

} // namespace tx
