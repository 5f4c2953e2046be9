//===- OutlineRegionDispatch.cpp - A large block's dispatch loop apart ----===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A block function that leaves step runs its regions from a dispatch loop
// (WorkItemLoops): the entry computes the block's uniform values and the
// scratch slots' addresses, region 0 runs, and the loop picks each next
// region. In the block functions of CUB's agents (tens of thousands of
// instructions, 150 scratch slots) `clang -O3` spent much of its code
// generation in CodeGenPrepare and loop strength reduction. With the
// dispatch loop in a function of its own, which receives the slots'
// addresses and the block's uniform values as arguments, CUB's select sweep
// took 2.1 s instead of 2.7 (best of 5; the same loops vectorised, the same
// code size; CodeGenPrepare 0.67 -> 0.19 s, strength reduction 0.67 ->
// 0.40 s), presumably because arguments are opaque to them, where before
// they could follow each slot access's address back through
// `scratch + nthreads * offset` into the entry. The new function is called
// once per block.
//
// Only functions past a size are split (smaller ones gain little, and the
// call and its arguments would be a cost of their own), and only after
// their allocas are promoted: the dispatch's bookkeeping (the next state,
// the live range of threads) lives in allocas that the loop's vectorised
// thread loops update as reductions, which they cannot do through pointers
// handed to another function.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/CodeExtractor.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"

using namespace llvm;

#define DEBUG_TYPE "tx-outline-region-dispatch"

STATISTIC(NumOutlined, "Dispatch loops moved into functions of their own");

namespace {

bool isBlockFunction(const Function &F) {
  return !F.isDeclaration() && F.getName().starts_with("__txblk_");
}

/// Promotes F's entry-block allocas that can live in registers.
void promoteEntryAllocas(Function &F, DominatorTree &DT) {
  SmallVector<AllocaInst *, 16> Promotable;
  for (Instruction &I : F.getEntryBlock())
    if (auto *Alloca = dyn_cast<AllocaInst>(&I))
      if (isAllocaPromotable(Alloca))
        Promotable.push_back(Alloca);
  if (!Promotable.empty())
    PromoteMemToReg(Promotable, DT);
}

unsigned instructionCount(const Loop &L) {
  unsigned Count = 0;
  for (const BasicBlock *BB : L.blocks())
    Count += BB->size();
  return Count;
}

/// The top-level loop that holds most of F: the dispatch loop. Null if no
/// loop holds half of F's instructions (a block that stays in step links
/// its regions without a dispatch).
Loop *dispatchLoop(Function &F, LoopInfo &LI) {
  Loop *Largest = nullptr;
  unsigned LargestCount = 0;
  for (Loop *L : LI) {
    unsigned Count = instructionCount(*L);
    if (Count > LargestCount) {
      Largest = L;
      LargestCount = Count;
    }
  }
  return 2 * uint64_t(LargestCount) >= F.getInstructionCount() ? Largest
                                                               : nullptr;
}

bool outlineDispatch(Function &F) {
  DominatorTree DT(F);
  LoopInfo LI(DT);
  Loop *Dispatch = dispatchLoop(F, LI);
  if (!Dispatch)
    return false;
  CodeExtractor Extractor(Dispatch->getBlocks(), &DT,
                          /*AggregateArgs=*/false, /*BFI=*/nullptr,
                          /*BPI=*/nullptr, /*AC=*/nullptr,
                          /*AllowVarArgs=*/false, /*AllowAlloca=*/false,
                          /*AllocationBlock=*/nullptr, "regions");
  if (!Extractor.isEligible())
    return false;
  // Promotion changes no block, so the loop and the extractor's blocks
  // stay as they are; the inputs are found when extracting.
  promoteEntryAllocas(F, DT);
  CodeExtractorAnalysisCache Cache(F);
  Function *Regions = Extractor.extractCodeRegion(Cache);
  if (!Regions)
    return true;
  // Inlined back, it would be one function again: the point is two.
  Regions->addFnAttr(Attribute::NoInline);
  ++NumOutlined;
  return true;
}

} // namespace

PreservedAnalyses tx::OutlineRegionDispatchPass::run(Module &M,
                                                     ModuleAnalysisManager &) {
  SmallVector<Function *, 8> Large;
  for (Function &F : M)
    if (isBlockFunction(F) && !F.hasOptNone() &&
        F.getInstructionCount() > Threshold)
      Large.push_back(&F);
  bool Changed = false;
  for (Function *F : Large)
    Changed |= outlineDispatch(*F);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
