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
// In those functions the kernel's own count-less `#pragma unroll`
// (llvm.loop.unroll.enable) is kept only on loops whose full unrolling
// stays within -O3's budget for a loop without one (UnrollHintBudget).
// LLVM unrolls a hinted loop fully up to 16,384 instructions whatever
// optsize says, and CUB writes the pragma on every loop over a thread's
// items: a radix-sort down-sweep's 47 keys per thread were unrolled in each
// of its regions, more than a quarter of cccl_thrust_algorithms' device
// code generation (its two down-sweeps: 118 and 85 KB of code, 3.0 and
// 2.7 s; 61 KB and 1.2 s with no hint at all). Dropping every hint cost
// bench/thrust's scan and copy_if 11-14% (their 15-item loops, within the
// budget, keep theirs). A pragma with a count (`#pragma unroll 4`) is
// kept.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/Module.h"

#include <algorithm>

using namespace llvm;

#define DEBUG_TYPE "tx-optsize-large-functions"

STATISTIC(NumSized, "Large functions optimised for size");
STATISTIC(NumUnrollHintsDropped, "`#pragma unroll` hints dropped");

/// The largest loop, in instructions times its trip count, whose
/// count-less `#pragma unroll` an optsize function keeps: -O3's own budget
/// for unrolling a loop fully without a pragma.
static constexpr uint64_t UnrollHintBudget = 300;

/// Drops the count-less unroll hint (llvm.loop.unroll.enable) from the
/// loops of F whose full unrolling would exceed UnrollHintBudget. A loop
/// of unknown trip count keeps it.
static void dropLargeUnrollHints(Function &F, FunctionAnalysisManager &FAM) {
  SmallVector<Loop *, 16> Hinted;
  for (Loop *L : FAM.getResult<LoopAnalysis>(F).getLoopsInPreorder())
    if (MDNode *LoopID = L->getLoopID();
        LoopID && findOptionMDForLoopID(LoopID, "llvm.loop.unroll.enable"))
      Hinted.push_back(L);
  if (Hinted.empty())
    return;
  auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  for (Loop *L : Hinted) {
    uint64_t Body = 0;
    for (BasicBlock *BB : L->blocks())
      Body += BB->size();
    if (SE.getSmallConstantTripCount(L) * Body <= UnrollHintBudget)
      continue;
    L->setLoopID(makePostTransformationMetadata(
        F.getContext(), L->getLoopID(), {"llvm.loop.unroll.enable"}, {}));
    ++NumUnrollHintsDropped;
  }
}

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
tx::OptimizeLargeFunctionsForSizePass::run(Module &M,
                                           ModuleAnalysisManager &MAM) {
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
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
    dropLargeUnrollHints(F, FAM);
    ++NumSized;
    Changed = true;
  }
  // Attributes only: analyses of the functions' code stay valid.
  return Changed ? PreservedAnalyses::allInSet<CFGAnalyses>()
                 : PreservedAnalyses::all();
}
