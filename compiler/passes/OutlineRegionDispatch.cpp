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
// Only the block functions OptimizeLargeFunctionsForSize made optsize are
// split (smaller ones gain little, and the call and its arguments would be
// a cost of their own), and only after their allocas are promoted: the
// dispatch's bookkeeping (the next state, the live range of threads) lives
// in allocas that the loop's vectorised thread loops update as reductions,
// which they cannot do through pointers handed to another function. A
// noalias parameter of the block function (its context) stays noalias in
// the new function where no other argument points into it. The extractor
// drops the loop's llvm.assume calls (none of the lowering's own). Under -G
// txcc's pipeline leaves this pass out: the debugger finds each kernel's
// code in one block function.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/CodeExtractor.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"

using namespace llvm;

#define DEBUG_TYPE "tx-outline-region-dispatch"

STATISTIC(NumOutlined, "Dispatch loops moved into functions of their own");

namespace {

/// The switch WorkItemLoops tagged in F's dispatch loop (the one that picks
/// the next region), or null (a block that stays in step links its regions
/// without one). The tag is dropped: it has no use past this pass.
Instruction *takeDispatchSwitch(Function &F) {
  Instruction *Found = nullptr;
  for (BasicBlock &BB : F) {
    Instruction *Term = BB.getTerminator();
    if (Term && Term->getMetadata(tx::DispatchMetadata)) {
      Term->setMetadata(tx::DispatchMetadata, nullptr);
      Found = Term;
    }
  }
  return Found;
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

/// Marks noalias each parameter of Regions that receives a noalias argument
/// of the block function, unless another argument of the call points into
/// the same memory: then the two parameters would alias.
void keepNoAlias(Function &Regions) {
  auto *Call = cast<CallInst>(Regions.user_back());
  for (const Use &Operand : Call->args()) {
    auto *Arg = dyn_cast<Argument>(Operand.get());
    if (!Arg || !Arg->hasNoAliasAttr())
      continue;
    bool Shared = any_of(Call->args(), [&](const Use &Other) {
      return &Other != &Operand && Other->getType()->isPointerTy() &&
             getUnderlyingObject(Other.get()) == Arg;
    });
    if (!Shared)
      Regions.addParamAttr(Operand.getOperandNo(), Attribute::NoAlias);
  }
}

bool outlineDispatch(Function &F) {
  Instruction *Switch = takeDispatchSwitch(F);
  if (!Switch || !F.hasOptSize())
    return Switch != nullptr;
  DominatorTree DT(F);
  LoopInfo LI(DT);
  // The innermost loop around the switch: the dispatch (the regions' thread
  // loops are inside it, a span of blocks' loop around it). The switch
  // need not be in its header (keepOutOfStepUnlessAligned splits it).
  Loop *Dispatch = LI.getLoopFor(Switch->getParent());
  if (!Dispatch)
    return true;
  // CodeExtractor names the function `<F>.<suffix>` itself: the suffix
  // goes without RegionsSuffix's leading dot.
  CodeExtractor Extractor(DT, *Dispatch, /*AggregateArgs=*/false,
                          /*BFI=*/nullptr, /*BPI=*/nullptr, /*AC=*/nullptr,
                          tx::RegionsSuffix + 1);
  // Checked first, so that a function that stays whole is left as it was.
  if (!Extractor.isEligible())
    return true;
  // The extractor has only recorded the loop's blocks, and promotion adds
  // phis and removes loads and stores but changes no block: the blocks, the
  // loop and the dominator tree stay valid; the inputs are found below.
  promoteEntryAllocas(F, DT);
  CodeExtractorAnalysisCache Cache(F);
  Function *Regions = Extractor.extractCodeRegion(Cache);
  assert(Regions && "an eligible loop is extracted");
  // Inlined back, it would be one function again: the point is two.
  Regions->addFnAttr(Attribute::NoInline);
  keepNoAlias(*Regions);
  ++NumOutlined;
  return true;
}

} // namespace

PreservedAnalyses tx::OutlineRegionDispatchPass::run(Module &M,
                                                     ModuleAnalysisManager &) {
  SmallVector<Function *, 8> Blocks;
  for (Function &F : M)
    if (isBlockFunction(F))
      Blocks.push_back(&F);
  bool Changed = false;
  for (Function *F : Blocks)
    Changed |= outlineDispatch(*F);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
