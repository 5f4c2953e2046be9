//===- RegionEmission.cpp - Thread loops for the regions ------------------===//
//
// Part of Tongxin. The part of WorkItemLoops (see KernelLowering.h) that
// emits each region of a kernel as a loop nest over the block's threads
// around a clone of the region's blocks, and lowers the thread-index reads,
// warp collectives and barrier placeholders inside it.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "KernelLowering.h"
#include "WarpCollectiveLowering.h"

#include "tongxin/abi.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <cstddef>
#include <optional>

using namespace llvm;
using namespace tx::workitems;

#define DEBUG_TYPE "tx-workitem-loops"

STATISTIC(NumRegions, "Barrier regions created");

static constexpr unsigned WarpSize = 32;

/// Blocks reachable from Entry without entering a barrier block, in a
/// deterministic (depth-first) order.
SmallVector<BasicBlock *, 16>
KernelLowering::regionBlocks(BasicBlock *Entry) const {
  DenseSet<BasicBlock *> BarrierBlocks;
  for (const BarrierSite &Site : Barriers)
    BarrierBlocks.insert(Site.Block);
  SmallVector<BasicBlock *, 16> Order;
  DenseSet<BasicBlock *> Seen;
  SmallVector<BasicBlock *, 16> Work = {Entry};
  Seen.insert(Entry);
  while (!Work.empty()) {
    BasicBlock *BB = Work.pop_back_val();
    Order.push_back(BB);
    for (BasicBlock *Succ : reverse(successors(BB)))
      if (!BarrierBlocks.contains(Succ) && Seen.insert(Succ).second)
        Work.push_back(Succ);
  }
  return Order;
}

static bool callsOutOfLine(ArrayRef<BasicBlock *> Blocks) {
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB)
      if (auto *Call = dyn_cast<CallBase>(&I)) {
        Function *Callee = Call->getCalledFunction();
        if (!Callee ||
            (!Callee->isIntrinsic() && !Callee->getName().starts_with("__tx_")))
          return true;
      }
  return false;
}

/// Shuffle chains whose body has more instructions than this are emitted
/// once at their cut, for whole warps in step and for the others alike (the
/// mask of arrived lanes a run-time value), rather than once for each:
/// CUB's chains (a 64-bit sum with a clamp, a scan over key-value pairs)
/// have up to ~270 instructions, and the second copy was a sixth of
/// `cccl_cub_device_reduce`'s machine code (object 544 -> 450 KB, its
/// `clang -O3` ~6% shorter, paired). A short chain (a float warp
/// reduction: ~35) keeps its copy for whole warps, compiled with every lane
/// arrived: with one copy for every chain, bench/warp_reduce ran 6-9%
/// slower.
static constexpr unsigned MaxDuplicatedChain = 64;

/// Whether Chain's body is emitted once at its cut (MaxDuplicatedChain).
static bool emitsChainOnce(const CallInst &Chain) {
  const auto *Body = cast<Function>(Chain.getArgOperand(0));
  return Body->getInstructionCount() > MaxDuplicatedChain;
}

/// After a warp collective's cut: which lanes of each warp arrived, and a
/// snapshot of their exchange slots. When every thread is in step and the
/// warps are whole (the common case) all lanes arrived: the snapshot is one
/// memcpy and the masks are not needed (RegionAllArrived), instead of a
/// per-thread pass in the runtime. Leaves B in the block where the region
/// continues.
void KernelLowering::emitWarpArrivals(IRBuilder<> &B, unsigned Region,
                                      Value *InStep) {
  Type *I32 = B.getInt32Ty();
  Value *Threads = B.CreateTrunc(BV.ThreadsPerBlock, I32);
  Value *Ends = B.CreateOr(RegionFirst, RegionEnd);
  Value *WholeWarps = B.CreateICmpEQ(B.CreateAnd(Ends, 31), B.getInt64(0));
  Value *AllArrived = B.CreateAnd(InStep, WholeWarps, "all.arrived");
  if (RegionAligned)
    AllArrived = B.CreateAnd(AllArrived, RegionAligned, "all.arrived.aligned");
  RegionAllArrived = AllArrived;

  BasicBlock *Here = B.GetInsertBlock();
  auto *Fast = BasicBlock::Create(C, Here->getName() + ".all", Block);
  auto *Slow = BasicBlock::Create(C, Here->getName() + ".some", Block);
  auto *Join = BasicBlock::Create(C, Here->getName() + ".arrived", Block);
  B.CreateCondBr(AllArrived, Fast, Slow);

  // A fused shuffle chain computes every lane's result here, once per warp,
  // and leaves it in the lane's snapshot.
  CallInst *Collective = Barriers[Region - 1].Collective;
  assert(Collective && "a warp cut without its collective");
  CallInst *Chain = tx::isWarpShuffleChain(*Collective) ? Collective : nullptr;
  bool ChainOnce = Chain && emitsChainOnce(*Chain);
  auto *ChainStart =
      ChainOnce ? BasicBlock::Create(C, Here->getName() + ".chain.start", Block)
                : nullptr;
  unsigned Bytes = laneBytesOf(*Collective);
  Type *LaneTy = B.getIntNTy(Bytes * 8);
  Value *Exchange = exchangeFor(Bytes);

  B.SetInsertPoint(Fast);
  if (Chain && !ChainOnce)
    tx::emitShuffleChainForWarps(B, Chain, LaneTy, Exchange, BV.Snapshot,
                                 RegionFirst, RegionEnd, nullptr);
  else if (!Chain)
    B.CreateMemCpy(
        B.CreateInBoundsGEP(LaneTy, BV.Snapshot, RegionFirst), Align(Bytes),
        B.CreateInBoundsGEP(LaneTy, Exchange, RegionFirst), Align(Bytes),
        B.CreateMul(B.CreateSub(RegionEnd, RegionFirst), B.getInt64(Bytes)));
  B.CreateBr(ChainOnce ? ChainStart : Join);

  B.SetInsertPoint(Slow);
  refreshStatesInStep(B, Region, InStep);
  FunctionCallee Arrivals =
      M.getOrInsertFunction(Bytes == 4    ? "__tx_warp_arrivals32"
                            : Bytes == 16 ? "__tx_warp_arrivals128"
                                          : "__tx_warp_arrivals",
                            B.getVoidTy(), B.getPtrTy(), I32, I32, B.getPtrTy(),
                            B.getPtrTy(), B.getPtrTy());
  B.CreateCall(Arrivals, {BV.StateBase, Threads, B.getInt32(Region),
                          BV.WarpMasks, Exchange, BV.Snapshot});
  if (Chain && !ChainOnce)
    tx::emitShuffleChainForWarps(B, Chain, LaneTy, BV.Snapshot, BV.Snapshot,
                                 RegionFirst, RegionEnd, BV.WarpMasks);
  // The block the slow way ends in (refreshStatesInStep adds a loop).
  BasicBlock *SlowEnd = B.GetInsertBlock();
  B.CreateBr(ChainOnce ? ChainStart : Join);

  if (ChainOnce) {
    // Whole warps in step read their inputs from the exchange, all lanes
    // arrived; the others from the snapshot the runtime filled, by mask.
    B.SetInsertPoint(ChainStart);
    PHINode *From = B.CreatePHI(B.getPtrTy(), 2, "chain.from");
    From->addIncoming(Exchange, Fast);
    From->addIncoming(BV.Snapshot, SlowEnd);
    tx::emitShuffleChainForWarps(B, Chain, LaneTy, From, BV.Snapshot,
                                 RegionFirst, RegionEnd, BV.WarpMasks,
                                 AllArrived);
    B.CreateBr(Join);
  }
  B.SetInsertPoint(Join);
}

Value *KernelLowering::exchangeFor(unsigned Bytes) const {
  const unsigned *Width = llvm::find(ExchangeWidths, Bytes);
  assert(Width != ExchangeWidths.end() && "no exchange of that width");
  return BV.Exchanges[Width - ExchangeWidths.begin()];
}

/// Emits one region: a loop nest over the block's threads around a clone of
/// the region's blocks. Returns the region's preheader.
BasicBlock *KernelLowering::emitRegion(unsigned Region, BasicBlock *Dispatch) {
  ++NumRegions;
  BasicBlock *Entry =
      Region == 0 ? &Kernel.getEntryBlock() : Barriers[Region - 1].Continuation;
  SmallVector<BasicBlock *, 16> Blocks = regionBlocks(Entry);
  DenseSet<BasicBlock *> InRegion(Blocks.begin(), Blocks.end());
  std::string Tag = ("r" + Twine(Region)).str();

  auto *Pre = BasicBlock::Create(C, Tag + ".pre", Block);
  auto *HeadZ = BasicBlock::Create(C, Tag + ".z", Block);
  auto *HeadY = BasicBlock::Create(C, Tag + ".y", Block);
  auto *HeadX = BasicBlock::Create(C, Tag + ".x", Block);
  auto *LatchX = BasicBlock::Create(C, Tag + ".x.latch", Block);
  auto *LatchY = BasicBlock::Create(C, Tag + ".y.latch", Block);
  auto *LatchZ = BasicBlock::Create(C, Tag + ".z.latch", Block);

  IRBuilder<> B(Pre);
  if (Region > 0 && BV.Reductions[Region - 1]) {
    // Hand the barrier's reduction to this region and re-arm it.
    AllocaInst *Red = BV.Reductions[Region - 1];
    B.CreateStore(B.CreateLoad(B.getInt32Ty(), Red), BV.Results[Region - 1]);
    bool IsAnd = Barriers[Region - 1].Kind == tx::BarrierKind::And;
    B.CreateStore(B.getInt32(IsAnd), Red);
  }
  if (Region > 0 && Barriers[Region - 1].Kind == tx::BarrierKind::Grid) {
    // Every thread of the block is at the grid barrier: the block as a whole
    // now waits for the other blocks.
    B.CreateCall(M.getOrInsertFunction("__tx_grid_sync", B.getVoidTy()));
  }
  Value *InStep = B.CreateLoad(B.getInt1Ty(), BV.InStep, "in.step");
  // The x range this region's loops run, and as linear indices.
  Value *FirstX = B.getInt32(0), *EndX = BV.BlockDim[0];
  RegionFirst = B.getInt64(0);
  RegionEnd = BV.ThreadsPerBlock;
  if (Region > 0 && BV.RangeLo) {
    FirstX = B.CreateLoad(B.getInt32Ty(), BV.RangeLo, "range.lo");
    EndX = B.CreateLoad(B.getInt32Ty(), BV.RangeEnd, "range.end");
    RegionFirst = B.CreateZExt(FirstX, B.getInt64Ty());
    RegionEnd = B.CreateSelect(BV.Is1D, B.CreateZExt(EndX, B.getInt64Ty()),
                               BV.ThreadsPerBlock);
  }
  RegionAllArrived = nullptr;
  RegionAligned = nullptr;
  RegionTileOk = nullptr;
  RegionNarrowExact = nullptr;
  RegionNarrowInexactRare = false;
  if (mixesLaneIndices(Blocks))
    RegionAligned =
        B.CreateICmpEQ(B.CreateAnd(BV.BlockDim[0], B.getInt32(WarpSize - 1)),
                       B.getInt32(0), "rows.aligned");
  if (Region > 0 && Barriers[Region - 1].Kind == tx::BarrierKind::Warp) {
    emitWarpArrivals(B, Region, InStep);
  } else if (Region > 0 && RegionAligned) {
    // Threads in step but rows not whole warps run the general version,
    // which reads the states that in-step regions leave stale.
    refreshStatesInStep(B, Region,
                        B.CreateAnd(InStep, B.CreateNot(RegionAligned)));
  }
  RegionExact = RegionAllArrived ? RegionAllArrived : InStep;
  if (RegionAligned && !RegionAllArrived)
    RegionExact = B.CreateAnd(InStep, RegionAligned, "in.step.aligned");
  // A region with one way out, run in step, sends every thread it runs to
  // the same state: the threads store no state of their own (no per-thread
  // store and min/max fold), and the region's outcome is set here. States
  // stay stale only while the block is in step, when no one reads them
  // (refreshStatesInStep covers the runtime's reads).
  std::optional<uint32_t> OnlyExit;
  if (hasBarriers())
    OnlyExit = singleExitState(Blocks, Barriers);
  emitOutcomeInit(B, OnlyExit, InStep);
  // A region whose opening guard on threadIdx.x sends the threads two ways
  // runs, in step, only the threads that pass: its outcome is set in bulk
  // at GuardedAt once the narrowing is known (see emitGuardedOutcome).
  std::optional<GuardedExits> Guarded;
  bool AfterWarpCut =
      Region > 0 && Barriers[Region - 1].Kind == tx::BarrierKind::Warp;
  if (!OnlyExit && hasBarriers() && !AfterWarpCut && !SyncChecks && !RaceChecks)
    Guarded = guardedExits(Entry, InRegion, Barriers);
  BasicBlock *GuardedAt = nullptr;
  if (Guarded) {
    GuardedAt = BasicBlock::Create(C, Tag + ".guarded", Block);
    B.CreateBr(GuardedAt);
    B.SetInsertPoint(BasicBlock::Create(C, Tag + ".entered", Block));
  }
  BasicBlock *Entered = B.GetInsertBlock();
  B.CreateBr(HeadZ);

  // Loop headers and thread-linear index. With wrapped rows, z is a counter
  // of the y loop and HeadZ a plain block.
  B.SetInsertPoint(HeadZ);
  PHINode *Z = WrapsRows ? nullptr : B.CreatePHI(B.getInt32Ty(), 2, "tid.z");
  B.CreateBr(HeadY);
  B.SetInsertPoint(HeadY);
  if (WrapsRows)
    Z = B.CreatePHI(B.getInt32Ty(), 2, "tid.z");
  PHINode *Y = B.CreatePHI(B.getInt32Ty(), 2, "tid.y");
  // With block spans, each row of threads runs for every block of the span
  // before the next row (see canRunBlockSpans): the x loop's header and
  // exit are the span loop's.
  BasicBlock *HeadRow = HeadY, *LatchRow = LatchY;
  PHINode *SpanX = nullptr;
  if (RunsBlockSpans) {
    HeadRow = BasicBlock::Create(C, Tag + ".bx", Block, HeadX);
    LatchRow = BasicBlock::Create(C, Tag + ".bx.latch", Block, LatchY);
    B.CreateBr(HeadRow);
    B.SetInsertPoint(HeadRow);
    SpanX = B.CreatePHI(B.getInt32Ty(), 2, "ctaid.x.span");
    // The runtime's fault and assert reports, and device functions that
    // were not inlined, read the block index from the context.
    B.CreateAlignedStore(
        SpanX,
        B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), BV.Ctx,
                                     offsetof(TxBlockContext, BlockIdx)),
        Align(4), /*isVolatile=*/true);
    BV.SpanBlockX = SpanX;
  }
  B.CreateBr(HeadX);
  B.SetInsertPoint(HeadX);
  PHINode *X = B.CreatePHI(B.getInt32Ty(), 2, "tid.x");
  Value *Tid[3] = {X, Y, Z};
  Value *Linear =
      B.CreateAdd(X,
                  B.CreateMul(BV.BlockDim[0],
                              B.CreateAdd(Y, B.CreateMul(BV.BlockDim[1], Z)),
                              "", true, true),
                  "", true, true);
  Value *T = B.CreateZExt(Linear, B.getInt64Ty(), "tid.linear");

  ValueToValueMapTy VMap;
  for (auto &[From, To] : UniformMap)
    VMap[From] = To;
  Value *StatePtr = nullptr;
  SmallPtrSet<Value *, 8> OwnSlots;
  if (hasBarriers()) {
    for (unsigned Idx = 0; Idx < Allocas.size(); ++Idx) {
      Value *Off =
          B.CreateMul(T, B.getInt64(Slots[Idx].Stride), "", true, true);
      VMap[Allocas[Idx]] =
          B.CreateInBoundsGEP(B.getInt8Ty(), BV.SlotBases[Idx], Off,
                              Allocas[Idx]->getName() + ".slot");
      OwnSlots.insert(VMap[Allocas[Idx]]);
    }
    StatePtr = B.CreateInBoundsGEP(B.getInt32Ty(), BV.StateBase, T, "state");
  }
  if (callsOutOfLine(Blocks)) {
    // Device functions that were not inlined read the thread index from the
    // block context.
    for (unsigned D = 0; D < 3; ++D)
      B.CreateAlignedStore(Tid[D],
                           B.CreateConstInBoundsGEP1_64(
                               B.getInt8Ty(), BV.Ctx,
                               offsetof(TxBlockContext, ThreadIdx) + 4 * D),
                           Align(4));
  }

  // Clone the region's blocks.
  SmallVector<BasicBlock *, 16> Clones;
  for (BasicBlock *BB : Blocks) {
    auto *NewBB = BasicBlock::Create(C, BB->getName() + "." + Tag, Block);
    for (Instruction &I : *BB) {
      if (isa<AllocaInst>(I) || Uniform.contains(&I))
        continue;
      Instruction *NewI = I.clone();
      NewI->insertInto(NewBB, NewBB->end());
      if (I.hasName())
        NewI->setName(I.getName() + "." + Tag);
      VMap[&I] = NewI;
      if (auto *Phi = dyn_cast<PHINode>(NewI))
        Phi->removeIncomingValueIf(
            [&](unsigned Idx) {
              return !InRegion.contains(Phi->getIncomingBlock(Idx));
            },
            false);
    }
    VMap[BB] = NewBB;
    Clones.push_back(NewBB);
  }
  // Leaving the region: through a barrier, by returning, or (skipped) by
  // waiting elsewhere. Every way out meets in ThreadDone with the thread's
  // next state in a phi, so that the state store and the min/max bookkeeping
  // are unconditional and the loop vectoriser sees plain reductions.
  BasicBlock *ThreadDone = LatchX;
  PHINode *NewState = nullptr;
  BranchInst *GuardedSkip = nullptr;
  if (StatePtr) {
    ThreadDone = BasicBlock::Create(C, Tag + ".x.done", Block);
    IRBuilder<> D(ThreadDone);
    NewState = D.CreatePHI(D.getInt32Ty(), Barriers.size() + 2, "state.new");
    if (OnlyExit) {
      // In step, emitOutcomeInit has recorded the outcome already.
      auto *Record = BasicBlock::Create(C, Tag + ".x.record", Block);
      D.CreateCondBr(InStep, LatchX, Record);
      D.SetInsertPoint(Record);
    } else if (Guarded) {
      // Where the narrowing is exact, emitGuardedOutcome records the
      // outcome (the condition is set below).
      auto *Record = BasicBlock::Create(C, Tag + ".x.record", Block);
      GuardedSkip = D.CreateCondBr(D.getFalse(), LatchX, Record);
      D.SetInsertPoint(Record);
    } else if (leaveTogether(Blocks, InRegion)) {
      // In step, every thread leaves the way the others do: the region's
      // outcome is any thread's, recorded without a per-thread state.
      auto *Together = BasicBlock::Create(C, Tag + ".x.together", Block);
      auto *Record = BasicBlock::Create(C, Tag + ".x.record", Block);
      D.CreateCondBr(InStep, Together, Record);
      IRBuilder<> T(Together);
      recordCommonState(T, NewState);
      T.CreateBr(LatchX);
      D.SetInsertPoint(Record);
    }
    D.CreateStore(NewState, StatePtr);
    recordState(D, NewState, Linear);
    D.CreateBr(LatchX);
  }
  // Exits only to the barriers the region reaches: a kernel with many cuts
  // (unrolled reductions) would otherwise get regions x barriers blocks.
  SmallPtrSet<BasicBlock *, 16> Reached;
  for (BasicBlock *BB : Blocks)
    for (BasicBlock *Succ : successors(BB))
      Reached.insert(Succ);
  for (auto [Id, Site] : enumerate(Barriers)) {
    if (!Reached.contains(Site.Block))
      continue;
    auto *Exit = BasicBlock::Create(C, Tag + ".to.bar" + Twine(Id), Block);
    BranchInst::Create(ThreadDone, Exit);
    NewState->addIncoming(ConstantInt::get(Type::getInt32Ty(C), Id + 1), Exit);
    VMap[Site.Block] = Exit;
  }
  for (BasicBlock *NewBB : Clones) {
    for (Instruction &I : *NewBB)
      RemapInstruction(&I, VMap,
                       RF_IgnoreMissingLocals | RF_NoModuleLevelChanges);
    if (auto *Ret = dyn_cast<ReturnInst>(NewBB->getTerminator())) {
      BranchInst::Create(ThreadDone, Ret);
      if (NewState)
        NewState->addIncoming(ConstantInt::get(Type::getInt32Ty(C), ExitState),
                              NewBB);
      Ret->eraseFromParent();
    }
  }
  lowerPlaceholders(Clones, Tid, T);
  tagOwnSlotAccesses(Clones, OwnSlots);
  BasicBlock *Body = cast<BasicBlock>(VMap[Entry]);
  SmallVector<UniformSlotUse, 4> SlotUses = uniformSlotUses(Clones, VMap, Body);
  {
    IRBuilder<> P(Pre->getTerminator());
    if (Region > 0)
      readUniformSlotsOnce(SlotUses, P, InStep);
    else
      keepSlotsInCells(SlotUses, &P); // every thread starts in step
  }
  SmallVector<RowPrefetch, 2> Prefetches =
      takeRowPrefetches(Clones, Body, Pre, InStep);

  // Enter the body, skipping threads that wait at another barrier.
  if (Region > 0) {
    // The check is skipped when all threads are in step (the common case);
    // InStep is loop-invariant, so the optimiser unswitches the loop nest
    // into a checked and an unchecked version.
    auto *Check = BasicBlock::Create(C, Tag + ".check", Block);
    auto *Skip = BasicBlock::Create(C, Tag + ".skip", Block);
    B.CreateCondBr(InStep, Body, Check);
    IRBuilder<> K(Check);
    Value *State = K.CreateLoad(K.getInt32Ty(), StatePtr, "state.cur");
    K.CreateCondBr(K.CreateICmpEQ(State, K.getInt32(Region)), Body, Skip);
    BranchInst::Create(ThreadDone, Skip);
    NewState->addIncoming(State, Skip);
  } else {
    B.CreateBr(Body);
  }

  // Where a narrowing is exact, the guard leaves the body. Exact is more
  // than InStep where the row's sums may wrap (or the block may not be
  // 1-D): the region gets a version for rows narrowed exactly
  // (versionOnNarrowing). Never a constant, which the versions' value maps
  // would replace everywhere.
  auto NoteNarrowing = [&](Value *Exact, bool InexactRare) {
    if (Exact && Exact != InStep && !isa<Constant>(Exact)) {
      RegionNarrowExact = Exact;
      RegionNarrowInexactRare = InexactRare;
    }
  };
  // Threads turned away at the region's start need not run, in step; they
  // only go to the one way out, which emitOutcomeInit recorded (or, in a
  // kernel without barriers, return).
  if ((OnlyExit || !hasBarriers()) && !AfterWarpCut) {
    Value *Exact = nullptr;
    EndX = narrowToGuard(Entry, InRegion, VMap, Pre, FirstX, EndX, InStep,
                         nullptr, &Exact);
    NoteNarrowing(Exact, /*InexactRare=*/true);
  }
  if (Guarded) {
    // Only in a one-dimensional block are the passing threads one range of
    // linear indices.
    IRBuilder<> P(Pre->getTerminator());
    Value *Is1D =
        BV.Is1D ? BV.Is1D
                : P.CreateICmpEQ(P.CreateMul(BV.BlockDim[1], BV.BlockDim[2]),
                                 P.getInt32(1), "block.1d");
    Value *Exact = nullptr;
    Value *Split = narrowToGuard(Entry, InRegion, VMap, Pre, FirstX, EndX,
                                 InStep, Is1D, &Exact);
    // Never exact in a block known to have rows (a fixed shape).
    auto *Known1D = dyn_cast<ConstantInt>(Is1D);
    if (!Known1D || Known1D->isOne())
      NoteNarrowing(Exact, /*InexactRare=*/Known1D != nullptr);
    IRBuilder<> G(GuardedAt);
    if (Exact) {
      GuardedSkip->setCondition(Exact);
      emitGuardedOutcome(G, *Guarded, FirstX, Split, EndX, Exact);
      EndX = Split;
    }
    G.CreateBr(Entered);
  }

  // Latches.
  auto EmitLatch = [&](BasicBlock *Latch, PHINode *IV, Value *Bound,
                       BasicBlock *Head, BasicBlock *Done) {
    IRBuilder<> L(Latch);
    Value *Inc = L.CreateAdd(IV, L.getInt32(1), "", true, true);
    tx::keepFromRuntimeUnrolling(
        L.CreateCondBr(L.CreateICmpULT(Inc, Bound), Head, Done));
    IV->addIncoming(Inc, Latch);
  };
  Z->addIncoming(B.getInt32(0), WrapsRows ? HeadZ : Entered);
  Y->addIncoming(B.getInt32(0), HeadZ);
  LaneIndexUses Uses;
  if (collectLaneAndWarpUses(X, Y, Z, Uses)) {
    LaneGuard Guard;
    if (OnlyExit || !hasBarriers()) {
      Guard = laneGuardOf(Entry, InRegion);
      Guard.Cmp = Guard.Cmp ? cast<ICmpInst>(VMap[Guard.Cmp]) : nullptr;
      // The guard must test a lane the loop knows.
      if (Guard.Cmp && !is_contained(Uses.Lanes, Guard.Cmp->getOperand(0)) &&
          !is_contained(Uses.LinearLanes, Guard.Cmp->getOperand(0)))
        Guard = {};
      if (Guard.Cmp && !Guard.Lanes)
        Guard = laneGuardBeforeLoops(Guard, Pre, InStep);
    }
    tileByWarps(X, Pre, HeadRow, LatchX, LatchRow, FirstX, EndX, Uses, Guard,
                RegionExact);
  } else if (std::optional<DivisorTiling> Tiling =
                 findDivisorTiling(X, Pre, InStep, /*RowAllowed=*/Region > 0)) {
    tileByDivisor(X, Pre, HeadRow, LatchX, LatchRow, FirstX, EndX, *Tiling);
  } else {
    X->addIncoming(FirstX, HeadRow);
    EmitLatch(LatchX, X, EndX, HeadX, LatchRow);
  }
  bool BodyParallel = markThreadLoopParallel(LatchX, Clones);
  if (SpanX) {
    SpanX->addIncoming(BV.BlockIdx[0], HeadY);
    EmitLatch(LatchRow, SpanX, BV.SpanEndX, HeadRow, LatchY);
    BV.SpanBlockX = nullptr;
  }
  if (WrapsRows) {
    emitRowLatch(LatchY, Y, Z, HeadY, LatchZ);
    BranchInst::Create(Dispatch, LatchZ);
  } else {
    EmitLatch(LatchY, Y, BV.BlockDim[1], HeadY, LatchZ);
    EmitLatch(LatchZ, Z, BV.BlockDim[2], HeadZ, Dispatch);
  }
  if (Region > 0) {
    versionOnStep(Region, Entered, HeadZ, Dispatch, InStep, SlotUses,
                  BodyParallel);
  } else {
    versionOnBlockBranch(Entered, HeadZ, Dispatch, Clones);
    if (RegionAligned)
      versionOnAligned(Entered, Dispatch);
    if (RegionNarrowExact)
      versionOnNarrowing(Entered, Dispatch);
  }
  emitRowPrefetches(Pre, Prefetches, Tag);
  return Pre;
}

void tx::workitems::emitNestedLatches(PHINode *X, BasicBlock *LatchX,
                                      Value *EndX, PHINode *Outer,
                                      BasicBlock *LatchOuter, Value *EndOuter,
                                      BasicBlock *Exit) {
  IRBuilder<> L(LatchX);
  Value *NextX = L.CreateAdd(X, L.getInt32(1), "", true, true);
  tx::keepFromRuntimeUnrolling(
      L.CreateCondBr(L.CreateICmpULT(NextX, EndX), X->getParent(), LatchOuter));
  X->addIncoming(NextX, LatchX);
  L.SetInsertPoint(LatchOuter);
  Value *Next = L.CreateAdd(Outer, L.getInt32(1), "", true, true);
  tx::keepFromRuntimeUnrolling(L.CreateCondBr(L.CreateICmpULT(Next, EndOuter),
                                              Outer->getParent(), Exit));
  Outer->addIncoming(Next, LatchOuter);
}

bool tx::workitems::feedsAddressOrTest(const Value *V, unsigned Depth) {
  for (const User *U : V->users()) {
    if (isa<GetElementPtrInst>(U) || isa<ICmpInst>(U))
      return true;
    if ((isa<CastInst>(U) || isa<BinaryOperator>(U)) && Depth < 3 &&
        feedsAddressOrTest(U, Depth + 1))
      return true;
  }
  return false;
}

/// The latch of the rows of threads of a large kernel (any kernel under
/// <wrapped-rows>) that reads threadIdx.y and .z only to compute its linear
/// rank, if at all (WrapsRows): one loop over the rows, its y counter
/// wrapping into z, instead of a y loop in a z loop. Neither counter is
/// then an induction variable, so the optimiser's induction-variable passes
/// (IndVarSimplify, LSR) find nothing to rewrite there; with affine y and z
/// they rewrite every thread-linear address of the x loops in terms of
/// them, at each level (Thrust's and CUB's agents: `clang -O3` 4-25% faster
/// with wrapped rows, noisy; ~25% with no row loops at all). A kernel that
/// reads y or z for itself keeps them affine: the optimiser vectorises some
/// of its y loops (a transpose's 32x8 tile ran 1.9x slower without).
void KernelLowering::emitRowLatch(BasicBlock *LatchY, PHINode *Y, PHINode *Z,
                                  BasicBlock *HeadY, BasicBlock *Done) {
  IRBuilder<> L(LatchY);
  Value *NextY = L.CreateAdd(Y, L.getInt32(1), "", true, true);
  Value *Wrap = L.CreateICmpEQ(NextY, BV.BlockDim[1], "row.wrap");
  Value *NextZ =
      L.CreateAdd(Z, L.CreateZExt(Wrap, L.getInt32Ty()), "", true, true);
  NextY = L.CreateSelect(Wrap, L.getInt32(0), NextY);
  tx::keepFromRuntimeUnrolling(
      L.CreateCondBr(L.CreateICmpULT(NextZ, BV.BlockDim[2]), HeadY, Done));
  Y->addIncoming(NextY, LatchY);
  Z->addIncoming(NextZ, LatchY);
}

/// Replaces thread-index reads, the shared-memory base and the barrier
/// placeholders in a region's clone with the loop's values.
void KernelLowering::lowerPlaceholders(SmallVectorImpl<BasicBlock *> &Blocks,
                                       Value *const Tid[3], Value *T) {
  SmallVector<CallInst *, 16> Calls;
  SmallVector<BasicBlock *, 8> NewBlocks;
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB)
      if (auto *Call = dyn_cast<CallInst>(&I))
        if (Call->getCalledFunction())
          Calls.push_back(Call);
  for (CallInst *Call : Calls) {
    Function *Callee = Call->getCalledFunction();
    Value *New = nullptr;
    IRBuilder<> B(Call);
    switch (Callee->getIntrinsicID()) {
    case Intrinsic::nvvm_read_ptx_sreg_tid_x:
      New = Tid[0];
      break;
    case Intrinsic::nvvm_read_ptx_sreg_tid_y:
      New = Tid[1];
      break;
    case Intrinsic::nvvm_read_ptx_sreg_tid_z:
      New = Tid[2];
      break;
    default:
      if (isBlockQuery(*Call))
        New = blockValueFor(*Call);
      break;
    }
    if (tx::isWarpCollective(*Call)) {
      tx::lowerWarpCollective(Call, T, B.getIntNTy(laneBytesOf(*Call) * 8),
                              BV.Snapshot, BV.WarpMasks,
                              RegionAllArrived ? RegionAllArrived
                                               : ConstantInt::getFalse(C),
                              NewBlocks);
      continue;
    }
    StringRef Name = Callee->getName();
    if (New) {
      Call->replaceAllUsesWith(New);
      Call->eraseFromParent();
      continue;
    }
    if (Name == "__tx_assert_fail" || Name == "__tx_trap" ||
        Name.starts_with("__tx_memcheck_") || Name == "__tx_initcheck_read") {
      // The runtime reports which thread failed.
      for (unsigned D = 0; D < 3; ++D)
        B.CreateAlignedStore(Tid[D],
                             B.CreateConstInBoundsGEP1_64(
                                 B.getInt8Ty(), BV.Ctx,
                                 offsetof(TxBlockContext, ThreadIdx) + 4 * D),
                             Align(4));
      continue;
    }
    if (Name == WarpArriveName || Name == tx::WarpArriveWideName) {
      unsigned Id = cast<ConstantInt>(Call->getArgOperand(0))->getZExtValue();
      unsigned Bytes = laneBytesOf(*Barriers[Id].Collective);
      Type *LaneTy = B.getIntNTy(Bytes * 8);
      B.CreateAlignedStore(B.CreateZExtOrTrunc(Call->getArgOperand(1), LaneTy),
                           B.CreateInBoundsGEP(LaneTy, exchangeFor(Bytes), T),
                           Align(Bytes));
      Call->eraseFromParent();
      continue;
    }
    if (Name == ResultName) {
      unsigned Id = cast<ConstantInt>(Call->getArgOperand(0))->getZExtValue();
      New = B.CreateLoad(B.getInt32Ty(), BV.Results[Id]);
    } else if (Name == ArriveName) {
      unsigned Id = cast<ConstantInt>(Call->getArgOperand(0))->getZExtValue();
      AllocaInst *Red = BV.Reductions[Id];
      Value *Pred =
          B.CreateZExt(B.CreateICmpNE(Call->getArgOperand(2), B.getInt32(0)),
                       B.getInt32Ty());
      Value *Old = B.CreateLoad(B.getInt32Ty(), Red);
      Value *Acc;
      switch (Barriers[Id].Kind) {
      case tx::BarrierKind::Count:
        Acc = B.CreateAdd(Old, Pred);
        break;
      case tx::BarrierKind::And:
        Acc = B.CreateAnd(Old, Pred);
        break;
      default:
        Acc = B.CreateOr(Old, Pred);
        break;
      }
      B.CreateStore(Acc, Red);
      Call->eraseFromParent();
      continue;
    }
    if (!New)
      continue;
    Call->replaceAllUsesWith(New);
    Call->eraseFromParent();
  }
  // Blocks a lowering split off belong to the region too.
  Blocks.append(NewBlocks.begin(), NewBlocks.end());
}
