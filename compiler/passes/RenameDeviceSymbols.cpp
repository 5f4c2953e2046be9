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
// own __tx_ services, keep their names.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-rename-symbols"

static constexpr const char *DevicePrefix = "__txd_";

/// C library functions device code may call (tongxin/device_math.h lists
/// them); float variants add an 'f'.
static const StringSet<> &libraryFunctions() {
  static const StringSet<> Names = [] {
    StringSet<> S;
    const char *Math[] = {
        "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt",
        "ceil", "copysign", "cos", "cosh", "erf", "erfc", "exp", "exp2",
        "exp10", "expm1", "fabs", "fdim", "floor", "fma", "fmax", "fmin",
        "fmod", "frexp", "hypot", "ilogb", "ldexp", "lgamma", "llrint",
        "llround", "log", "log10", "log1p", "log2", "logb", "lrint", "lround",
        "modf", "nan", "nearbyint", "nextafter", "pow", "remainder", "remquo",
        "rint", "round", "scalbn", "scalbln", "sin", "sinh", "sqrt", "tan",
        "tanh", "tgamma", "trunc", "j0", "j1", "jn", "y0", "y1", "yn",
        "sincos", "erfinv", "erfcinv"};
    for (const char *Name : Math) {
      S.insert(Name);
      S.insert((Twine(Name) + "f").str());
    }
    const char *Libc[] = {"malloc", "free", "calloc", "realloc", "memcpy",
                          "memset", "memmove", "memcmp", "strlen", "abort",
                          "printf", "abs", "labs", "llabs"};
    for (const char *Name : Libc)
      S.insert(Name);
    return S;
  }();
  return Names;
}

static bool keepsName(const GlobalValue &GV) {
  StringRef Name = GV.getName();
  if (Name.empty() || GV.hasLocalLinkage() || Name.starts_with("llvm.") ||
      Name.starts_with("__tx_") || Name.starts_with(DevicePrefix))
    return true;
  if (const auto *F = dyn_cast<Function>(&GV))
    if (F->isIntrinsic())
      return true;
  return GV.isDeclaration() && libraryFunctions().contains(Name);
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
