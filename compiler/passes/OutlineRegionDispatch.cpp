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
// The regions of the dispatch loop then go into functions of their own as
// well: each is entered from the loop's switch alone and returns to the
// loop's header, its inputs the slots and uniform values it reads, its
// outputs the next state and the live range. SplitForParallelCodegen then
// spreads a kernel's regions over its parts: a CUB program of three
// 35,000-instruction sweeps no longer compiles as two kernels on one core
// and one on the other, and the smaller functions cost less to register-
// allocate. txcc -c, paired with the previous compiler on 2 cores:
// cccl_cub_device_select 0.73x the wall time, cccl_cub_device_scan 0.77x,
// cccl_thrust_remove_unique 0.82x, cccl_thrust_algorithms 0.86x. A call
// costs its arguments: regions of fewer than LargeRegion instructions stay
// in the loop (outlined down to 64, bench/thrust's scan ran 13% slower),
// unless the loop would stay larger than MaxLoopLeft (a kernel of a hundred
// small regions). Dead instructions go first: every region computes every
// slot's address for its threads, and each unused one would have been an
// argument (up to 250 of them).
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/CodeExtractor.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"

#include <optional>

using namespace llvm;

#define DEBUG_TYPE "tx-outline-region-dispatch"

STATISTIC(NumOutlined, "Dispatch loops moved into functions of their own");
STATISTIC(NumRegions, "Regions moved into functions of their own");

namespace {

using tx::OutlinedRegionSizes;

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

/// Erases F's instructions whose results nothing uses and that have no
/// other effect.
void removeDeadInstructions(Function &F) {
  SmallVector<WeakTrackingVH, 256> Dead;
  for (Instruction &I : instructions(F))
    if (isInstructionTriviallyDead(&I))
      Dead.push_back(&I);
  RecursivelyDeleteTriviallyDeadInstructionsPermissive(Dead);
}

/// A region of the dispatch loop: its blocks (the entry first), their
/// instruction count, and its place among the switch's cases.
struct RegionBlocks {
  SmallVector<BasicBlock *, 32> Blocks;
  uint64_t Size = 0;
  unsigned Case = 0;
};

/// The region the dispatch switch enters at Entry: what Entry reaches
/// inside Dispatch without passing its header. None where the region is
/// entered elsewhere too (the extractor needs a single entry), or Entry is
/// not a block of the loop's body.
std::optional<RegionBlocks> regionFrom(BasicBlock *Entry, const Loop &Dispatch,
                                       const BasicBlock *SwitchBlock) {
  BasicBlock *Header = Dispatch.getHeader();
  if (Entry == Header || !Dispatch.contains(Entry))
    return std::nullopt;
  RegionBlocks Region;
  Region.Blocks.push_back(Entry);
  SmallPtrSet<BasicBlock *, 32> Seen = {Entry};
  for (unsigned Idx = 0; Idx < Region.Blocks.size(); ++Idx)
    for (BasicBlock *Succ : successors(Region.Blocks[Idx]))
      if (Succ != Header && Dispatch.contains(Succ) && Seen.insert(Succ).second)
        Region.Blocks.push_back(Succ);
  for (BasicBlock *BB : Region.Blocks) {
    Region.Size += BB->size();
    for (BasicBlock *Pred : predecessors(BB))
      if (!Seen.contains(Pred) && !(BB == Entry && Pred == SwitchBlock))
        return std::nullopt;
  }
  return Region;
}

/// The regions of Regions' dispatch loop (the switch Switch picks them
/// with) worth a function of their own, largest first: the large ones, and
/// smaller ones as long as the loop left would be larger than MaxLoopLeft.
SmallVector<RegionBlocks, 64>
regionsToOutline(Function &Regions, SwitchInst &Switch, const Loop &Dispatch,
                 const OutlinedRegionSizes &Sizes) {
  SmallVector<RegionBlocks, 64> Candidates;
  SmallPtrSet<BasicBlock *, 32> Entries;
  for (auto &Case : Switch.cases())
    if (Entries.insert(Case.getCaseSuccessor()).second)
      if (auto Region =
              regionFrom(Case.getCaseSuccessor(), Dispatch, Switch.getParent());
          Region && Region->Size >= Sizes.SmallRegion) {
        Region->Case = Case.getCaseIndex();
        Candidates.push_back(std::move(*Region));
      }
  llvm::sort(Candidates, [](const RegionBlocks &A, const RegionBlocks &B) {
    return A.Size != B.Size ? A.Size > B.Size : A.Case < B.Case;
  });
  uint64_t Left = Regions.getInstructionCount();
  unsigned Taken = 0;
  while (
      Taken < Candidates.size() &&
      (Candidates[Taken].Size >= Sizes.LargeRegion || Left > Sizes.MaxLoopLeft))
    Left -= Candidates[Taken++].Size;
  Candidates.truncate(Taken);
  return Candidates;
}

/// Moves regions of Regions' dispatch loop into functions of their own
/// (see regionsToOutline).
void outlineRegions(Function &Regions, SwitchInst &Switch,
                    const OutlinedRegionSizes &Sizes) {
  DominatorTree DT(Regions);
  LoopInfo LI(DT);
  Loop *Dispatch = LI.getLoopFor(Switch.getParent());
  if (!Dispatch)
    return;
  SmallVector<RegionBlocks, 64> Outlined =
      regionsToOutline(Regions, Switch, *Dispatch, Sizes);
  CodeExtractorAnalysisCache Cache(Regions);
  for (RegionBlocks &Region : Outlined) {
    CodeExtractor Extractor(Region.Blocks, &DT, /*AggregateArgs=*/false,
                            /*BFI=*/nullptr, /*BPI=*/nullptr, /*AC=*/nullptr,
                            /*AllowVarArgs=*/false, /*AllowAlloca=*/false,
                            /*AllocationBlock=*/nullptr, "region");
    if (!Extractor.isEligible())
      continue;
    Function *Extracted = Extractor.extractCodeRegion(Cache);
    if (!Extracted)
      continue;
    Extracted->addFnAttr(Attribute::NoInline);
    keepNoAlias(*Extracted);
    ++NumRegions;
  }
}

bool outlineDispatch(Function &F, const OutlinedRegionSizes &Sizes) {
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
  // Each region computes every scratch slot's address for its threads, and
  // the optimiser drops the ones it does not use; dropped first, they are
  // not arguments of the new functions (up to 250 for a region), and
  // SplitForParallelCodegen weighs what is left.
  removeDeadInstructions(F);
  CodeExtractorAnalysisCache Cache(F);
  Function *Regions = Extractor.extractCodeRegion(Cache);
  assert(Regions && "an eligible loop is extracted");
  // Inlined back, it would be one function again: the point is two.
  Regions->addFnAttr(Attribute::NoInline);
  keepNoAlias(*Regions);
  ++NumOutlined;
  if (auto *Picks = dyn_cast<SwitchInst>(Switch))
    outlineRegions(*Regions, *Picks, Sizes);
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
    Changed |= outlineDispatch(*F, Sizes);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
