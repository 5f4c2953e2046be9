//===- RenameDeviceSymbols.cpp - Keep device symbols apart from host ones -===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// The host object and the CPU device object are linked into one program. A
// __host__ __device__ function is compiled on both sides under one mangled
// name (possibly with different bodies under __CUDA_ARCH__), and each
// __device__ variable has a host shadow of the same name. Prefixing every
// device-side symbol with "__txd_" keeps them apart, and still lets separate
// compilation (-rdc) resolve `extern __device__` references between device
// objects. C library functions that device code may call, and the runtime's
// own __tx_ services, keep their names; so do the C++ allocation functions,
// which the C++ runtime provides on the CPU.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "DeviceIR.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-rename-symbols"

static constexpr const char *DevicePrefix = "__txd_";

static bool keepsName(const GlobalValue &GV) {
  StringRef Name = GV.getName();
  if (Name.empty() || GV.hasLocalLinkage() || Name.starts_with("llvm.") ||
      Name.starts_with("__tx_") || Name.starts_with(DevicePrefix))
    return true;
  if (const auto *F = dyn_cast<Function>(&GV))
    if (F->isIntrinsic())
      return true;
  return GV.isDeclaration() &&
         (tx::isCLibraryFunction(Name) || tx::isCxxAllocationFunction(Name));
}

PreservedAnalyses tx::RenameDeviceSymbolsPass::run(Module &M,
                                                   ModuleAnalysisManager &) {
  bool Changed = false;
  for (GlobalValue &GV : M.global_values()) {
    if (keepsName(GV))
      continue;
    // Comdats are keyed by name; keep each one matched to its renamed leader.
    if (auto *GO = dyn_cast<GlobalObject>(&GV))
      if (Comdat *C = GO->getComdat(); C && C->getName() == GV.getName()) {
        Comdat *Renamed =
            M.getOrInsertComdat((Twine(DevicePrefix) + C->getName()).str());
        Renamed->setSelectionKind(C->getSelectionKind());
        for (GlobalObject &Other : M.global_objects())
          if (Other.getComdat() == C)
            Other.setComdat(Renamed);
      }
    GV.setName(Twine(DevicePrefix) + GV.getName());
    Changed = true;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
