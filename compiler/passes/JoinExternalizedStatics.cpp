//===- JoinExternalizedStatics.cpp - One symbol per file-local variable ---===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Under -rdc clang gives a file-local __device__ variable or kernel that
// host code refers to a global device name: its own plus "__static__" or
// "__intern__" and a hash of the compilation unit. clang 19 decides that
// only once it sees the host reference, so device code emitted before it
// (a kernel above the function calling cudaMemcpyToSymbol) still names
// the variable by its plain name, as an external declaration nothing
// defines: the program would not link. This pass points such declarations
// at the definition of the same variable.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "DeviceIR.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-join-externalized-statics"

PreservedAnalyses
tx::JoinExternalizedStaticsPass::run(Module &M, ModuleAnalysisManager &) {
  StringMap<GlobalValue *> Externalized;
  for (GlobalValue &GV : M.global_values())
    if (!GV.isDeclaration())
      if (StringRef Plain = withoutExternalizedPostfix(GV.getName());
          !Plain.empty())
        Externalized[Plain] = &GV;
  if (Externalized.empty())
    return PreservedAnalyses::all();

  SmallVector<GlobalValue *, 4> Joined;
  for (GlobalValue &GV : M.global_values()) {
    if (!GV.isDeclaration() || !GV.hasName())
      continue;
    auto It = Externalized.find(GV.getName());
    if (It == Externalized.end() || It->second->getType() != GV.getType() ||
        It->second->getValueType() != GV.getValueType())
      continue;
    GV.replaceAllUsesWith(It->second);
    Joined.push_back(&GV);
  }
  for (GlobalValue *GV : Joined)
    GV->eraseFromParent();
  return Joined.empty() ? PreservedAnalyses::all() : PreservedAnalyses::none();
}
