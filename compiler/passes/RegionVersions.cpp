//===- RegionVersions.cpp - Versions of a region's loop nest --------------===//
//
// Part of Tongxin. The part of WorkItemLoops (see KernelLowering.h) that
// gives a region's loop nest more than one version, each compiled for a
// condition that holds for the whole block while it runs: the threads in
// step or not, and the side of a branch whose condition only block values
// decide (a tile kernel's full or partial tile).
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "KernelLowering.h"
#include "TongxinPasses.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"

using namespace llvm;
using namespace tx::workitems;

/// The blocks of a region's loop nest: what Head reaches before Dispatch,
/// and the exits the thread's state phis name.
SmallVector<BasicBlock *, 32>
KernelLowering::loopNest(BasicBlock *Entered, BasicBlock *Head,
                         BasicBlock *Dispatch) const {
  SmallVector<BasicBlock *, 32> Nest;
  SmallPtrSet<BasicBlock *, 32> Seen = {Dispatch};
  SmallVector<BasicBlock *, 32> Work = {Head};
  Seen.insert(Head);
  while (!Work.empty()) {
    BasicBlock *BB = Work.pop_back_val();
    Nest.push_back(BB);
    for (BasicBlock *Succ : successors(BB))
      if (Seen.insert(Succ).second)
        Work.push_back(Succ);
  }
  // Exits to barriers the region never reaches have no predecessors, but
  // the thread's state phi still names them.
  for (unsigned Idx = 0; Idx < Nest.size(); ++Idx)
    for (PHINode &Phi : Nest[Idx]->phis())
      for (BasicBlock *From : Phi.blocks())
        if (From != Entered && Seen.insert(From).second)
          Nest.push_back(From);
  return Nest;
}

/// Makes every use in Blocks of each of Conditions (null ones skipped) the
/// constant true: the version of a loop nest compiled for them holding.
static void foldToTrue(ArrayRef<BasicBlock *> Blocks,
                       ArrayRef<Value *> Conditions) {
  if (Blocks.empty())
    return;
  auto *True = ConstantInt::getTrue(Blocks.front()->getContext());
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB)
      for (Use &Op : I.operands())
        if (is_contained(Conditions, Op.get()))
          Op.set(True);
}

/// A copy of Nest, with the values VMap already maps replaced; VMap maps
/// each block and instruction to its copy afterwards.
SmallVector<BasicBlock *, 32>
KernelLowering::cloneNest(ArrayRef<BasicBlock *> Nest, ValueToValueMapTy &VMap,
                          const Twine &Suffix) {
  SmallVector<BasicBlock *, 32> Copies;
  for (BasicBlock *BB : Nest) {
    BasicBlock *Copy = CloneBasicBlock(BB, VMap, Suffix, Block);
    VMap[BB] = Copy;
    Copies.push_back(Copy);
  }
  remapInstructionsInBlocks(Copies, VMap);
  return Copies;
}

/// Why a region that reads or writes no uniform value gets its two versions,
/// if it does. One whose code selects on the step always does. Otherwise the
/// optimiser would unswitch the loop nest on the step by itself and then
/// vectorise both copies: the out-of-step one, which only runs while the
/// block is out of step, with its stores predicated lane by lane
/// (cg_reduce_scan: 1,200 such stores, a third of its object code); our own
/// general version stays scalar and rolled. Not where the thread loop's body
/// is all thread-parallel accesses (it vectorises as one loop, the step a
/// mask: copies only grew CUB's reductions by 3%), nor where the accesses
/// are not tagged at all (the loops seldom vectorise), nor once the block
/// function is past OptimizeLargeFunctionsForSize's threshold: it only
/// grows, and optsize functions are not unswitched.
StepVersions KernelLowering::stepVersionsFor(ArrayRef<BasicBlock *> Nest,
                                             Value *InStep,
                                             bool BodyParallel) const {
  SmallPtrSet<BasicBlock *, 32> InNest(Nest.begin(), Nest.end());
  if (any_of(InStep->users(), [&](User *U) {
        return isa<SelectInst>(U) &&
               InNest.contains(cast<Instruction>(U)->getParent());
      }))
    return StepVersions::ForUniformValues;
  if (ThreadParallelAccesses && !BodyParallel &&
      tx::sizeForOptsize(*Block) <=
          tx::OptimizeLargeFunctionsForSizePass::DefaultThreshold)
    return StepVersions::InsteadOfUnswitching;
  return StepVersions::None;
}

/// Keeps the thread loops of Copies, a version of a loop nest that seldom
/// runs, scalar and rolled. The kernel's own loops inside keep the
/// optimiser's choices (their copies only lose the loop ID they would share
/// with the other version's).
static void keepCopiesScalarAndRolled(ArrayRef<BasicBlock *> Copies) {
  for (BasicBlock *Copy : Copies) {
    auto *Latch = dyn_cast<BranchInst>(Copy->getTerminator());
    if (!Latch || !Latch->getMetadata(LLVMContext::MD_loop))
      continue;
    if (tx::isLoweringLoop(Latch))
      tx::keepScalarAndRolled(Latch);
    else
      Latch->setMetadata(LLVMContext::MD_loop, nullptr);
  }
}

/// Adds the instructions of Copies to the block function's count of those
/// OptimizeLargeFunctionsForSize leaves out of its size.
void KernelLowering::addUncountedInstructions(ArrayRef<BasicBlock *> Copies) {
  uint64_t Count = 0;
  for (BasicBlock *Copy : Copies)
    Count += Copy->size();
  Block->addFnAttr(tx::UncountedInstructionsAttr,
                   utostr(tx::uncountedInstructions(*Block) + Count));
}

/// Gives a region's loop nest two versions: one for when every thread is
/// in step (and, after a warp collective's cut, every lane arrived), with
/// those conditions folded to true, and the general one. The in-step one
/// has no per-thread state checks, reads uniform values once, and its
/// shuffles read fixed lanes; left to the optimiser's unswitching, a large
/// region kept only the general version, whose per-thread loads of uniform
/// values (a tile loop's counter) vectorise as gathers.
void KernelLowering::versionOnStep(unsigned Region, BasicBlock *Entered,
                                   BasicBlock *Head, BasicBlock *Dispatch,
                                   Value *InStep,
                                   ArrayRef<UniformSlotUse> SlotUses,
                                   bool BodyParallel) {
  // The in-step version is all such a region needs, unless it is for whole
  // warps only (which a fixed width of whole warps always has) or tiled
  // only where the tiling holds.
  if (AlwaysInStep && !RegionTileOk &&
      (warpsAlwaysWhole() || (!RegionAligned && !RegionAllArrived))) {
    keepOnlyInStep(Entered, Head, Dispatch, InStep, SlotUses);
    return;
  }
  SmallVector<BasicBlock *, 32> Nest = loopNest(Entered, Head, Dispatch);

  StepVersions Why = !SlotUses.empty() || RegionAligned || RegionTileOk
                         ? StepVersions::ForUniformValues
                         : stepVersionsFor(Nest, InStep, BodyParallel);
  if (Why == StepVersions::None)
    return;

  Value *Fast = RegionExact;
  auto *False = ConstantInt::getFalse(C);
  ValueToValueMapTy General;
  General[InStep] = False;
  // The general version runs for threads out of step or lanes missing, where
  // the arrivals computed the warps' masks; with a tiling test too, it also
  // runs for all lanes arrived but the tiling failed, where the masks were
  // not computed: the version then reads RegionAllArrived as it is.
  if (RegionAllArrived && !RegionTileOk)
    General[RegionAllArrived] = False;
  General[RegionExact] = False;
  if (RegionTileOk)
    General[RegionTileOk] = False;
  SmallVector<BasicBlock *, 32> Copies = cloneNest(Nest, General, ".general");
  // Copies that stand in for the optimiser's unswitching do not make the
  // function larger than it would have been.
  if (Why == StepVersions::InsteadOfUnswitching)
    addUncountedInstructions(Copies);
  // The general version keeps per-thread state (untagged accesses): its
  // thread loops are never parallel loops, and they run only while the
  // block is out of step. Vectorising them behind run-time alias checks
  // took much of the device code's compile time in kernels of many regions
  // (scan_blelloch's: 0.64 s, 0.35 s without) and bought no measured
  // speed, so they stay scalar and rolled.
  keepCopiesScalarAndRolled(Copies);
  foldToTrue(Nest, {InStep, RegionAllArrived, RegionExact, RegionAligned,
                    RegionTileOk});

  Entered->getTerminator()->eraseFromParent();
  auto *GeneralHead = cast<BasicBlock>(General[Head]);
  if (RegionTileOk) {
    Fast =
        BinaryOperator::CreateAnd(Fast, RegionTileOk, "in.step.tiled", Entered);
    // In step but not tiled, the general version checks each thread's
    // state, which in-step regions leave stale: rewrite them first.
    IRBuilder<> B(Entered);
    refreshStatesInStep(B, Region,
                        B.CreateAnd(InStep, B.CreateNot(RegionTileOk)));
    BasicBlock *Refreshed = B.GetInsertBlock();
    Head->replacePhiUsesWith(Entered, Refreshed);
    GeneralHead->replacePhiUsesWith(Entered, Refreshed);
    Entered = Refreshed;
  }
  auto [InStepEntry, GeneralEntry] =
      enterCells(SlotUses, Entered, Head, GeneralHead);
  BranchInst::Create(InStepEntry, GeneralEntry, Fast, Entered);
  versionInStepOnNarrowing(Entered, InStepEntry, Dispatch);
}

/// Whether the block is in step at every cut: it starts in step, and each
/// region sends all the threads that run it in step the same way out (one
/// way out, or a choice only region-uniform values make), with no thread
/// returning early and no condition on whole warps (a partial warp is out
/// of step at a warp collective's cut), unless the block function is for a
/// fixed width of whole warps, whose warps are always whole with lanes that
/// follow threadIdx.x: in step, every lane arrives at each collective, and
/// a block reduction's result (a lane-uniform slot) is uniform. A divergent
/// barrier (`if (tid < n) __syncthreads();`), a collective in a branch one
/// warp takes, an early return: any of them makes it false.
bool KernelLowering::staysInStep() {
  if (GeneralVersions || !hasBarriers() ||
      (hasWarpCollectives() && !warpsAlwaysWhole()) || TracksLiveRange ||
      SyncChecks || RaceChecks ||
      (!LaneUniformSlots.empty() && !warpsAlwaysWhole()))
    return false;
  for (unsigned Region = 0; Region <= Barriers.size(); ++Region) {
    BasicBlock *Entry = Region == 0 ? &Kernel.getEntryBlock()
                                    : Barriers[Region - 1].Continuation;
    SmallVector<BasicBlock *, 16> Blocks = regionBlocks(Entry);
    DenseSet<BasicBlock *> InRegion(Blocks.begin(), Blocks.end());
    if (!singleExitState(Blocks, Barriers) && !leaveTogether(Blocks, InRegion))
      return false;
  }
  return true;
}

/// The one version a region of a block that stays in step needs: its
/// loop nest with every in-step test folded to true. The general versions
/// of such a kernel never ran, and they were most of its code generation
/// (bitonic_sort_shared: 0.89 -> 0.39 s). The entry keeps its in-step
/// test, to a trap with a message: with the regions linked
/// (linkRegionsInStep) nothing sets the block out of step any more, and
/// the optimiser folds the test away.
void KernelLowering::keepOnlyInStep(BasicBlock *Entered, BasicBlock *Head,
                                    BasicBlock *Dispatch, Value *InStep,
                                    ArrayRef<UniformSlotUse> SlotUses) {
  foldToTrue(loopNest(Entered, Head, Dispatch),
             {InStep, RegionAllArrived, RegionExact, RegionAligned});
  Entered->getTerminator()->eraseFromParent();
  BasicBlock *InStepEntry = enterCellsInStep(SlotUses, Entered, Head);
  BranchInst::Create(InStepEntry, lostStep(), InStep, Entered);
  versionInStepOnNarrowing(Entered, InStepEntry, Dispatch);
}

/// Where a block proved to stay in step goes should it not: a trap, one
/// for the block function (it reports the block, not a thread).
BasicBlock *KernelLowering::lostStep() {
  if (LostStep)
    return LostStep;
  LostStep = BasicBlock::Create(C, "out.of.step", Block);
  IRBuilder<> T(LostStep);
  T.CreateCall(
      M.getOrInsertFunction("__tx_trap", T.getVoidTy(), T.getPtrTy()),
      {T.CreateGlobalStringPtr("internal error: the block left step at a "
                               "barrier the compiler proved uniform "
                               "(please report)")});
  T.CreateUnreachable();
  return LostStep;
}

/// A block that stays in step leaves each region the same way in all its
/// threads, so each region goes straight on to the next instead of through
/// the dispatch (an indirect jump on the smallest state, and the stores of
/// the next region's step): a short region's work costs less than that (a
/// tree reduction's last steps run a thread or two), and the regions of a
/// uniform loop around a barrier usually become a loop the optimiser sees
/// (not where a uniform branch enters such a loop's regions at two
/// places: the control flow is then irreducible, correct but opaque to
/// loop passes). A region with one way out jumps there; one whose threads
/// leave together switches on the state they recorded, over the ways out
/// it has. The proof is trusted: the in-step versions record one state for
/// all threads, so only a region whose general version ran (whole-warp
/// rows or a tiling that failed) can find its threads disagreeing, and
/// traps. A region with no way out (every path ends unreachable) goes to
/// Done, as the dispatch would have. Exits[R] is where region R's loops
/// end.
void KernelLowering::linkRegionsInStep(ArrayRef<BasicBlock *> Exits,
                                       ArrayRef<BasicBlock *> Preheaders,
                                       BasicBlock *Done) {
  auto Target = [&](uint32_t State) {
    return State == ExitState ? Done : Preheaders[State];
  };
  Type *I32 = Type::getInt32Ty(C);
  for (auto [Region, Exit] : enumerate(Exits)) {
    BasicBlock *Entry = Region == 0 ? &Kernel.getEntryBlock()
                                    : Barriers[Region - 1].Continuation;
    SmallVector<uint32_t, 4> States = exitStates(regionBlocks(Entry), Barriers);
    Exit->getTerminator()->eraseFromParent();
    IRBuilder<> B(Exit);
    if (States.size() <= 1) {
      B.CreateBr(States.empty() ? Done : Target(States.front()));
      continue;
    }
    Value *Next = B.CreateLoad(I32, BV.Next, "next");
    Value *Last = B.CreateLoad(I32, BV.Last, "last");
    auto *Pick = BasicBlock::Create(C, Exit->getName() + ".pick", Block);
    B.CreateCondBr(B.CreateICmpEQ(Next, Last), Pick, lostStep());
    IRBuilder<> P(Pick);
    SwitchInst *Switch = P.CreateSwitch(Next, lostStep(), States.size());
    for (uint32_t State : States)
      Switch->addCase(P.getInt32(State), Target(State));
  }
}

/// V computed before the loops, at B, from the block's values (the
/// entry block's), kernel arguments and constants by pure arithmetic and
/// tests; null if it depends on anything else (a thread index, memory).
static Value *blockInvariantCopy(Value *V, const BasicBlock *EntryBB,
                                 IRBuilder<> &B, unsigned Depth = 0) {
  if (isa<Constant>(V) || isa<Argument>(V))
    return V;
  auto *I = dyn_cast<Instruction>(V);
  if (!I || isa<PHINode>(I))
    return nullptr;
  if (I->getParent() == EntryBB)
    return I;
  if (Depth >= 8 || !(isa<BinaryOperator>(I) || isa<CastInst>(I) ||
                      isa<CmpInst>(I) || isa<SelectInst>(I)))
    return nullptr;
  SmallVector<Value *, 3> Operands;
  for (Value *Op : I->operands()) {
    Value *Copy = blockInvariantCopy(Op, EntryBB, B, Depth + 1);
    if (!Copy)
      return nullptr;
    Operands.push_back(Copy);
  }
  Instruction *Copy = I->clone();
  for (unsigned Idx = 0; Idx < Operands.size(); ++Idx)
    Copy->setOperand(Idx, Operands[Idx]);
  return B.Insert(Copy);
}

/// Gives region 0's loop nest one version per side of the first branch in
/// its clone (Body) whose condition only block values decide, chosen
/// before the loops. A tile kernel opens with `if (full tile)`: in one
/// nest both ways stay in the thread loop, and the partial tile's guarded
/// loads keep the full tile's from being vectorised (LLVM unswitches only
/// small loops). Each version drops the other side, so the code hardly
/// grows.
void KernelLowering::versionOnBlockBranch(BasicBlock *Entered, BasicBlock *Head,
                                          BasicBlock *Dispatch,
                                          ArrayRef<BasicBlock *> Body) {
  const BasicBlock *EntryBB = &Block->getEntryBlock();
  IRBuilder<> B(Entered->getTerminator());
  BranchInst *Br = nullptr;
  Value *Cond = nullptr;
  for (BasicBlock *BB : Body) {
    auto *Candidate = dyn_cast<BranchInst>(BB->getTerminator());
    if (!Candidate || !Candidate->isConditional() ||
        isa<Constant>(Candidate->getCondition()))
      continue;
    if ((Cond = blockInvariantCopy(Candidate->getCondition(), EntryBB, B))) {
      Br = Candidate;
      break;
    }
  }
  if (!Br)
    return;
  SmallVector<BasicBlock *, 32> Nest = loopNest(Entered, Head, Dispatch);
  ValueToValueMapTy Taken;
  SmallVector<BasicBlock *, 32> Copies = cloneNest(Nest, Taken, ".taken");
  auto *TakenBr = cast<BranchInst>(Taken[Br]);
  TakenBr->setCondition(ConstantInt::getTrue(C));
  Br->setCondition(ConstantInt::getFalse(C));
  Entered->getTerminator()->eraseFromParent();
  BranchInst::Create(cast<BasicBlock>(Taken[Head]), Head, Cond, Entered);
}

/// Gives region 0's loop nest (all versions so far) a version for where
/// Cond, computed before the loops, holds (folded to true in it) and one
/// for where it does not (folded to false). Returns the latter's blocks.
/// Nothing for a constant Cond (a fixed width decides whether rows are
/// whole warps): the nest selects on it already, and the value maps would
/// replace that constant everywhere.
SmallVector<BasicBlock *, 32>
KernelLowering::versionRegionOn(BasicBlock *Entered, BasicBlock *Dispatch,
                                Value *Cond, const Twine &Suffix) {
  if (isa<Constant>(Cond))
    return {};
  // The versions so far start at Entered's terminator: move it to a block
  // of its own, which becomes the head of the nest to copy.
  auto *Pick = BasicBlock::Create(C, Entered->getName() + ".pick", Block);
  Instruction *Term = Entered->getTerminator();
  Term->removeFromParent();
  Term->insertInto(Pick, Pick->end());
  for (BasicBlock *Succ : successors(Pick))
    Succ->replacePhiUsesWith(Entered, Pick);
  SmallVector<BasicBlock *, 32> Nest = loopNest(Entered, Pick, Dispatch);
  ValueToValueMapTy Otherwise;
  Otherwise[Cond] = ConstantInt::getFalse(C);
  SmallVector<BasicBlock *, 32> Copies = cloneNest(Nest, Otherwise, Suffix);
  foldToTrue(Nest, {Cond});
  BranchInst::Create(Pick, cast<BasicBlock>(Otherwise[Pick]), Cond, Entered);
  return Copies;
}

/// Gives region 0's loop nest one version for blocks whose rows are whole
/// warps, where RegionAligned folds to true and the lanes of the linear
/// index are those of threadIdx.x, and one for the others.
void KernelLowering::versionOnAligned(BasicBlock *Entered,
                                      BasicBlock *Dispatch) {
  versionRegionOn(Entered, Dispatch, RegionAligned, ".unaligned");
}

/// Gives the loop nest Entered leads to one version for rows narrowed
/// exactly to the threads that pass its guard (RegionNarrowExact), whose
/// body runs without the test, and one for rows where the narrowing is not
/// exact, which test each thread: a row whose 32-bit index sums cross
/// INT_MAX or UINT_MAX (grids past 2^31 threads, a large offset), a block
/// not one-dimensional (where a region's passing threads are no range), or,
/// for a sign-extended index compared unsigned, the row of a negative lead
/// (block 0 of a halo kernel's `base - 1 + threadIdx.x`). In one nest the test
/// stays a branch on a select of the two cases: LLVM vectorises such a body
/// as predicated code, and found a heavy one not worth it (an `if (i < n)`
/// kernel with half or bfloat16 __hfma stayed scalar, 6-9x slower). Where
/// the other version runs for a block or two at most (sums that wrap), it
/// stays scalar and rolled, and counts as the unswitching copies do (it
/// stands in for the optimiser's unswitching, which the body's size
/// prevented); where it runs every block that is not one-dimensional, it
/// is compiled as the nest would have been.
void KernelLowering::versionOnNarrowing(BasicBlock *Entered,
                                        BasicBlock *Dispatch) {
  SmallVector<BasicBlock *, 32> Copies =
      versionRegionOn(Entered, Dispatch, RegionNarrowExact, ".unnarrowed");
  if (!RegionNarrowInexactRare)
    return;
  keepCopiesScalarAndRolled(Copies);
  addUncountedInstructions(Copies);
}

/// Gives a later region's in-step version, which InStepEntry starts and
/// Entered branches to, the versions of versionOnNarrowing: a narrowing is
/// exact only in step. kmeans_assign's `if (P >= N) return;` after its
/// barrier stayed in the thread loop as a select on the narrowing's flag,
/// which the vectoriser turned into masked loads and stores.
void KernelLowering::versionInStepOnNarrowing(BasicBlock *Entered,
                                              BasicBlock *InStepEntry,
                                              BasicBlock *Dispatch) {
  if (!RegionNarrowExact)
    return;
  BasicBlock *Enter = SplitEdge(Entered, InStepEntry, nullptr, nullptr, nullptr,
                                Entered->getName() + ".in.step");
  versionOnNarrowing(Enter, Dispatch);
}
