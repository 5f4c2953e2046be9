//===- ShareShuffleChainBodies.cpp - Large chain bodies compiled once -----===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// FuseWarpShuffles gives each chain of warp shuffles a body, vector code for
// a whole warp, made always-inline: a chain is usually a warp reduction of
// a few dozen instructions whose call passes a constant arrived mask that
// the inlined body folds away. CUB inlines the same block-wide scan or
// reduction in several places of one agent (the first tile and the others,
// a full tile and the last one), and kernels of one dispatch share their
// agent's code (ChainBodies keeps one body for all): in
// cccl_cub_device_reduce a reduce-by-key dispatch loop called two bodies of
// 186-214 instructions (its segmented scan of key-value pairs) twice each,
// and their inlined copies were 40% of its machine code; a 240-instruction
// body was called from three kernels.
//
// A body of at least MinInstructions instructions called from more than
// one place is therefore kept out of line (noinline instead of
// always-inline): it is compiled once per code generation part, and each
// warp pays a call, which is small beside the body's work on 32 lanes. The
// bodies of the benchmarks' warp reductions (35 instructions) stay inline.
// Counted at the end of the lowering, once MergeRegionFunctions has made
// regions alike one function and GlobalDCE has dropped the unused ones.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace tx;

/// The direct calls of F.
static unsigned callSites(const Function &F) {
  unsigned Calls = 0;
  for (const User *U : F.users())
    if (const auto *Call = dyn_cast<CallBase>(U))
      Calls += Call->getCalledOperand() == &F;
  return Calls;
}

static bool isChainBody(const Function &F) {
  return !F.isDeclaration() && F.hasLocalLinkage() &&
         F.getName().starts_with(ShuffleChainBodyName) &&
         F.hasFnAttribute(Attribute::AlwaysInline);
}

PreservedAnalyses ShareShuffleChainBodiesPass::run(Module &M,
                                                   ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M) {
    if (!isChainBody(F) || F.getInstructionCount() < MinInstructions ||
        callSites(F) < 2)
      continue;
    F.removeFnAttr(Attribute::AlwaysInline);
    F.addFnAttr(Attribute::NoInline);
    Changed = true;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
