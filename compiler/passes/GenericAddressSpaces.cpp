//===- GenericAddressSpaces.cpp - Device globals into generic memory ------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// __device__ and __constant__ variables live in NVPTX's global (1) and
// constant (4) address spaces. On a CPU they are ordinary globals: this pass
// recreates each in address space 0, folds the casts clang put around every
// use, and tags the variables the host registers (external ones) with
// !tx.device.var so KernelRegistration can publish their addresses.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ReplaceConstant.h"

using namespace llvm;

#define DEBUG_TYPE "tx-generic-addrspace"

static GlobalVariable *cloneInGenericSpace(GlobalVariable &G) {
  auto *New = new GlobalVariable(
      *G.getParent(), G.getValueType(), G.isConstant(), G.getLinkage(),
      G.hasInitializer() ? G.getInitializer() : nullptr, "", &G,
      G.getThreadLocalMode(), tx::GenericAS, G.isExternallyInitialized());
  New->takeName(&G);
  New->copyAttributesFrom(&G);
  New->copyMetadata(&G, 0);
  return New;
}

PreservedAnalyses tx::GenericAddressSpacesPass::run(Module &M,
                                                    ModuleAnalysisManager &) {
  SmallVector<GlobalVariable *, 16> Targets;
  for (GlobalVariable &G : M.globals()) {
    unsigned AS = G.getAddressSpace();
    if (AS == GlobalAS || AS == ConstantAS)
      Targets.push_back(&G);
  }
  if (Targets.empty())
    return PreservedAnalyses::all();

  LLVMContext &C = M.getContext();
  for (GlobalVariable *G : Targets) {
    // The builtin-variable objects (threadIdx & co) are never accessed as
    // memory; they only anchor clang's accessors.
    bool Registered = !G->hasLocalLinkage() && !G->hasExternalWeakLinkage();
    GlobalVariable *New = cloneInGenericSpace(*G);
    if (Registered)
      New->setMetadata("tx.device.var", MDNode::get(C, {}));
    convertUsersOfConstantsToInstructions({G});
    replacePointerWithGeneric(G, New);
    G->eraseFromParent();
  }
  return PreservedAnalyses::none();
}
