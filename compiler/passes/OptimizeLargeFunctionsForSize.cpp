//===- OptimizeLargeFunctionsForSize.cpp - optsize past a size ------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A block function is the kernel's body once per region, each copy inside
// its thread loops (and a region that reads uniform values twice: in step
// and general). Most kernels stay below a thousand instructions. CUB's
// agents do not: a radix-sort down-sweep ranks 47 keys per thread, fully
// unrolled, in dozens of regions, and lowers to 15-30 thousand
// instructions. At -O3, unrolling and vectorising every thread loop of such
// a function doubles its code and its compile time (Thrust's sort, scan and
// copy_if: 115 s -> 66 s to compile, 2.6x less code) and buys nothing
// measurable: their time goes to the memory traffic between regions.
// Functions past the threshold are therefore optimised for size (optsize:
// smaller unroll budgets, vector loops only without a scalar remainder),
// much as a GPU compiler limits its own unrolling by register pressure.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/IR/Module.h"

#include <algorithm>

using namespace llvm;

#define DEBUG_TYPE "tx-optsize-large-functions"

STATISTIC(NumSized, "Large functions optimised for size");

uint64_t tx::uncountedInstructions(const Function &F) {
  Attribute Uncounted = F.getFnAttribute(UncountedInstructionsAttr);
  uint64_t Count = 0;
  if (Uncounted.isStringAttribute() &&
      Uncounted.getValueAsString().getAsInteger(10, Count))
    return 0;
  return Count;
}

uint64_t tx::sizeForOptsize(const Function &F) {
  uint64_t Size = F.getInstructionCount();
  return Size - std::min(Size, uncountedInstructions(F));
}

PreservedAnalyses
tx::OptimizeLargeFunctionsForSizePass::run(Module &M, ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M) {
    uint64_t Size = sizeForOptsize(F);
    // Read once: the attribute has no use past this pass.
    if (F.hasFnAttribute(tx::UncountedInstructionsAttr)) {
      F.removeFnAttr(tx::UncountedInstructionsAttr);
      Changed = true;
    }
    if (F.isDeclaration() || F.hasOptNone() || F.hasOptSize() ||
        Size <= Threshold)
      continue;
    F.addFnAttr(Attribute::OptimizeForSize);
    ++NumSized;
    Changed = true;
  }
  // Attributes only: analyses of the functions' code stay valid.
  return Changed ? PreservedAnalyses::allInSet<CFGAnalyses>()
                 : PreservedAnalyses::all();
}
