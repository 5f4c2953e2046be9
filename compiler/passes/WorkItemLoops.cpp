//===- WorkItemLoops.cpp - Run a CUDA block's threads as loops ------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Turns every kernel K into a block function
//
//   void __txblk_K(void **Args, TxBlockContext *Ctx)
//
// that runs all threads of one block. The kernel body is cut at barriers into
// regions: region 0 starts at the kernel entry, region i+1 right after
// barrier i. Each region is cloned inside a z/y/x loop nest over the block's
// threads; a thread that reaches barrier i leaves the loop body with its
// state set to i+1, and a thread that returns gets the state Exit. After a
// region has run for all threads, the smallest state among the threads picks
// the next region. Barriers inside loops and branches therefore need no
// special shape: the region graph is just the CFG cut at barriers.
//
// Values that live across a barrier are demoted to memory, and every alloca
// of a kernel with barriers lives in the block's scratch buffer, one slot per
// thread, laid out as structure-of-arrays (slot base + thread * stride) so
// that the thread loops stay vectorisable. Kernels without barriers keep
// their allocas on the stack and become a single loop nest.
//
// Threads whose state differs from the running region are skipped, which is
// what makes early `return` before a barrier, and barriers in divergent code,
// run without deadlock.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "DivergenceAnalysis.h"
#include "TongxinPasses.h"
#include "WarpCollectiveLowering.h"

#include "tongxin/abi.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <cstddef>

using namespace llvm;

#define DEBUG_TYPE "tx-workitem-loops"

STATISTIC(NumKernels, "Kernels turned into block functions");
STATISTIC(NumRegions, "Barrier regions created");
STATISTIC(NumDemoted, "Values demoted because they live across a barrier");
STATISTIC(NumRematerialised,
          "Thread-index expressions recomputed instead of demoted");

namespace {

/// The state of a thread that has returned: larger than any region number,
/// so it never wins the "smallest state" vote.
constexpr uint32_t ExitState = 0x7fffffffu;

using tx::isThreadIndexRead;
constexpr const char *ArriveName = tx::BarrierArriveName;
constexpr const char *ResultName = tx::BarrierResultName;
constexpr const char *WarpArriveName = tx::WarpArriveName;

/// __syncthreads_count/_and/_or also combine a predicate over the block.
static bool isReduction(tx::BarrierKind Kind) {
  return Kind == tx::BarrierKind::Count || Kind == tx::BarrierKind::And ||
         Kind == tx::BarrierKind::Or;
}

/// One barrier of the kernel after splitting: Block holds only the barrier
/// call and a branch to Continuation.
struct BarrierSite {
  BasicBlock *Block;
  BasicBlock *Continuation;
  tx::BarrierKind Kind;
};

/// Per-thread storage for one alloca in a kernel with barriers.
struct ScratchSlot {
  uint64_t Offset; ///< Per-thread offset; the slot's array starts at
                   ///< Offset * ThreadsPerBlock.
  uint64_t Stride;
};

/// Values of the block function that every region may use.
struct BlockValues {
  Value *Ctx;
  Value *BlockDim[3];
  Value *BlockIdx[3];
  Value *GridDim[3];
  Value *SharedBase;
  Value *Scratch;
  Value *ThreadsPerBlock; ///< i64
  AllocaInst *Next;       ///< Smallest state seen in the running region.
  AllocaInst *Last;       ///< Largest state seen in the running region.
  AllocaInst *InStep;     ///< i1: every thread is at the running region's
                          ///< entry, so no thread needs to be skipped.
  Value *StateBase;       ///< i32 per thread; only with barriers.
  SmallVector<Value *, 4> SlotBases;
  SmallVector<AllocaInst *, 4> Reductions; ///< Per barrier, or null.
  SmallVector<AllocaInst *, 4> Results;    ///< Per barrier, or null.
  Value *Exchange = nullptr;  ///< i64 per thread, for warp collectives.
  Value *Snapshot = nullptr;  ///< Exchange as it was at the current cut.
  Value *WarpMasks = nullptr; ///< i32 per warp: lanes at the current cut.
};

class KernelLowering {
public:
  KernelLowering(Function &Kernel)
      : Kernel(Kernel), M(*Kernel.getParent()), C(Kernel.getContext()),
        DL(M.getDataLayout()) {}

  /// Returns the block function, or null after reporting an error.
  Function *run();

private:
  Function &Kernel;
  Module &M;
  LLVMContext &C;
  const DataLayout &DL;

  Function *Block = nullptr;
  SmallVector<BarrierSite, 4> Barriers;
  SmallVector<AllocaInst *, 8> Allocas;
  SmallVector<ScratchSlot, 8> Slots;
  uint64_t ScratchPerThread = 0;
  DenseMap<Value *, Value *> UniformMap; ///< Arguments -> loaded values.
  BlockValues BV;

  bool hasBarriers() const { return !Barriers.empty(); }
  bool hasWarpCollectives() const {
    return any_of(Barriers, [](const BarrierSite &Site) {
      return Site.Kind == tx::BarrierKind::Warp;
    });
  }
  void recordState(IRBuilder<> &B, Value *State);
  SmallSetVector<Instruction *, 16> Uniform; ///< Hoisted to the block entry.
  /// Slots made for demoted SSA values: only ever accessed directly, so they
  /// can be given alias scopes of their own.
  SmallPtrSet<AllocaInst *, 16> DemotedSlots;
  /// Demoted values that every thread computes identically.
  SmallPtrSet<AllocaInst *, 16> UniformSlots;

  bool diagnose(const Instruction *At, const Twine &Message);
  void copyByValArguments();
  void rematerialiseThreadIndex();
  bool isThreadPure(Value *V, unsigned Depth = 0) const;
  void rematerialiseAcrossBlocks(Instruction *I);
  void addSlotAliasScopes();
  void readUniformSlotsOnce(ArrayRef<BasicBlock *> Clones,
                            ValueToValueMapTy &VMap, IRBuilder<> &Pre,
                            Value *InStep);
  void hoistUniformValues();
  Value *blockValueFor(const Instruction &I) const;
  void splitAtBarriers();
  void emitWarpArrivals(IRBuilder<> &B, unsigned Region, Value *InStep);
  /// The arrival masks the region being emitted reads.
  Value *RegionWarpMasks = nullptr;
  void demoteValuesLiveAcrossBarriers();
  bool collectAllocas();
  void layoutScratch();
  void createBlockFunction();
  void emitEntry(IRBuilder<> &B);
  SmallVector<BasicBlock *, 16> regionBlocks(BasicBlock *Entry) const;
  BasicBlock *emitRegion(unsigned Region, BasicBlock *Dispatch);
  void lowerPlaceholders(SmallVectorImpl<BasicBlock *> &Blocks,
                         Value *const Tid[3], Value *T);
  std::pair<uint32_t, uint32_t> launchBounds() const;
  void recordKernel();
};

bool KernelLowering::diagnose(const Instruction *At, const Twine &Message) {
  C.diagnose(DiagnosticInfoUnsupported(Kernel, Message,
                                       At ? At->getDebugLoc() : DebugLoc()));
  return false;
}

/// A by-value aggregate parameter points into the launch's argument buffer,
/// which all threads share; each thread gets its own copy as CUDA requires.
void KernelLowering::copyByValArguments() {
  IRBuilder<> B(&*Kernel.getEntryBlock().getFirstInsertionPt());
  for (Argument &Arg : Kernel.args()) {
    if (!Arg.hasByValAttr())
      continue;
    Type *Ty = Arg.getParamByValType();
    Align A = Arg.getParamAlign().value_or(DL.getABITypeAlign(Ty));
    AllocaInst *Copy = B.CreateAlloca(Ty, nullptr, Arg.getName() + ".copy");
    Copy->setAlignment(A);
    Arg.replaceAllUsesWith(Copy);
    B.CreateMemCpy(Copy, A, &Arg, A, DL.getTypeAllocSize(Ty));
  }
}

/// Reads of values that are the same for every thread of the block.
static bool isBlockQuery(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  if (!Callee)
    return false;
  if (Callee->getName() == tx::SharedBaseName)
    return true;
  switch (Callee->getIntrinsicID()) {
  case Intrinsic::nvvm_read_ptx_sreg_ntid_x:
  case Intrinsic::nvvm_read_ptx_sreg_ntid_y:
  case Intrinsic::nvvm_read_ptx_sreg_ntid_z:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_x:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_y:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_z:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_x:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_y:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_z:
    return true;
  default:
    return false;
  }
}

/// threadIdx is a loop counter in every region, so a read of it is never
/// worth a scratch slot: each use gets its own read, next to it.
void KernelLowering::rematerialiseThreadIndex() {
  SmallVector<Instruction *, 16> Reads;
  for (Instruction &I : instructions(Kernel))
    if (isThreadIndexRead(I))
      Reads.push_back(&I);
  for (Instruction *Read : Reads) {
    SmallVector<Use *, 8> Uses;
    for (Use &U : Read->uses())
      Uses.push_back(&U);
    for (Use *U : Uses) {
      Instruction *Copy = Read->clone();
      Copy->insertBefore(tx::insertionPointFor(*U));
      U->set(Copy);
    }
    Read->eraseFromParent();
  }
}

/// Values computed only from kernel arguments, constants and block-wide
/// queries are the same in every thread: they are computed once in the
/// block function's entry instead of per thread, and never need a slot.
/// Only instructions that are safe to speculate qualify.
void KernelLowering::hoistUniformValues() {
  auto IsUniformOperand = [&](Value *V) {
    if (isa<Constant>(V) || isa<Argument>(V))
      return true;
    auto *I = dyn_cast<Instruction>(V);
    return I && Uniform.contains(I);
  };
  ReversePostOrderTraversal<Function *> RPO(&Kernel);
  for (BasicBlock *BB : RPO)
    for (Instruction &I : *BB) {
      bool Candidate = isBlockQuery(I);
      if (!Candidate &&
          (isa<BinaryOperator>(I) || isa<CastInst>(I) ||
           isa<GetElementPtrInst>(I) || isa<CmpInst>(I) || isa<SelectInst>(I)))
        Candidate = isSafeToSpeculativelyExecute(&I) &&
                    all_of(I.operands(), IsUniformOperand);
      if (Candidate)
        Uniform.insert(&I);
    }
}

/// The block function's value for a block-wide query.
Value *KernelLowering::blockValueFor(const Instruction &I) const {
  const Function *Callee = cast<CallInst>(I).getCalledFunction();
  if (Callee->getName() == tx::SharedBaseName)
    return BV.SharedBase;
  switch (Callee->getIntrinsicID()) {
  case Intrinsic::nvvm_read_ptx_sreg_ntid_x:
    return BV.BlockDim[0];
  case Intrinsic::nvvm_read_ptx_sreg_ntid_y:
    return BV.BlockDim[1];
  case Intrinsic::nvvm_read_ptx_sreg_ntid_z:
    return BV.BlockDim[2];
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_x:
    return BV.BlockIdx[0];
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_y:
    return BV.BlockIdx[1];
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_z:
    return BV.BlockIdx[2];
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_x:
    return BV.GridDim[0];
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_y:
    return BV.GridDim[1];
  default:
    return BV.GridDim[2];
  }
}

/// The value a lane contributes to a warp collective, as 64 bits.
static Value *warpOperand(IRBuilder<> &B, CallInst &Call) {
  Value *V;
  switch (Call.getCalledFunction()->getIntrinsicID()) {
  case Intrinsic::nvvm_activemask:
    return B.getInt64(0);
  case Intrinsic::nvvm_redux_sync_add:
  case Intrinsic::nvvm_redux_sync_min:
  case Intrinsic::nvvm_redux_sync_max:
  case Intrinsic::nvvm_redux_sync_umin:
  case Intrinsic::nvvm_redux_sync_umax:
  case Intrinsic::nvvm_redux_sync_and:
  case Intrinsic::nvvm_redux_sync_or:
  case Intrinsic::nvvm_redux_sync_xor:
    V = Call.getArgOperand(0);
    break;
  default: // shuffle, vote, match: (mask, value, ...)
    V = Call.getArgOperand(1);
    break;
  }
  if (V->getType()->isFloatTy())
    V = B.CreateBitCast(V, B.getInt32Ty());
  return B.CreateZExt(V, B.getInt64Ty());
}

/// Gives every barrier a block of its own and a fresh continuation block
/// without phis. The predicate of a reducing barrier is handed over through
/// an "arrive" call before the cut and its result through a "result" call
/// after it, so that no value flows through the barrier block itself.
void KernelLowering::splitAtBarriers() {
  SmallVector<std::pair<CallInst *, tx::BarrierKind>, 4> Calls;
  for (Instruction &I : instructions(Kernel)) {
    tx::BarrierKind Kind;
    if (tx::isBarrier(I, &Kind))
      Calls.push_back({cast<CallInst>(&I), Kind});
  }
  Type *I32 = Type::getInt32Ty(C);
  FunctionCallee Arrive =
      M.getOrInsertFunction(ArriveName, Type::getVoidTy(C), I32, I32, I32);
  FunctionCallee Result = M.getOrInsertFunction(ResultName, I32, I32);
  FunctionCallee WarpArrive = M.getOrInsertFunction(
      WarpArriveName, Type::getVoidTy(C), I32, Type::getInt64Ty(C));
  for (auto [Call, Kind] : Calls) {
    unsigned Id = Barriers.size();
    if (Kind == tx::BarrierKind::Warp) {
      // The collective itself moves after the cut; before it, the lane
      // publishes its operand.
      IRBuilder<> B(Call);
      B.CreateCall(WarpArrive, {B.getInt32(Id), warpOperand(B, *Call)});
      BasicBlock *CutBlock = SplitBlock(Call->getParent(), Call);
      BasicBlock *Continuation =
          SplitBlock(CutBlock, Call, static_cast<DominatorTree *>(nullptr),
                     nullptr, nullptr, CutBlock->getName() + ".cont");
      Barriers.push_back({CutBlock, Continuation, Kind});
      continue;
    }
    if (isReduction(Kind)) {
      IRBuilder<> B(Call);
      B.CreateCall(Arrive, {B.getInt32(Id), B.getInt32(unsigned(Kind)),
                            Call->getArgOperand(0)});
    }
    BasicBlock *BarrierBlock = SplitBlock(Call->getParent(), Call);
    BasicBlock *Continuation =
        SplitBlock(BarrierBlock, Call->getNextNode(),
                   static_cast<DominatorTree *>(nullptr), nullptr, nullptr,
                   BarrierBlock->getName() + ".cont");
    if (isReduction(Kind)) {
      IRBuilder<> B(&*Continuation->getFirstInsertionPt());
      Call->replaceAllUsesWith(B.CreateCall(Result, {B.getInt32(Id)}));
    }
    Barriers.push_back({BarrierBlock, Continuation, Kind});
  }
}

/// DemotePHIToStack leaves one reload where the phi was; that reload may
/// itself be used after a barrier. Loading next to each use instead keeps
/// every use in its own region.
static void reloadAtEachUse(AllocaInst *Slot) {
  SmallVector<LoadInst *, 4> Reloads;
  for (User *U : Slot->users())
    if (auto *Load = dyn_cast<LoadInst>(U))
      Reloads.push_back(Load);
  for (LoadInst *Reload : Reloads) {
    SmallVector<Use *, 8> Uses;
    for (Use &U : Reload->uses())
      Uses.push_back(&U);
    for (Use *U : Uses) {
      auto *Copy = cast<LoadInst>(Reload->clone());
      Copy->insertBefore(tx::insertionPointFor(*U));
      U->set(Copy);
    }
    Reload->eraseFromParent();
  }
}

/// Standard backward liveness over the kernel's CFG; every SSA value that is
/// live into a barrier block is demoted to an alloca, which later becomes a
/// per-thread scratch slot.
void KernelLowering::demoteValuesLiveAcrossBarriers() {
  using ValueSet = SmallSetVector<Instruction *, 16>;
  DenseMap<BasicBlock *, ValueSet> LiveIn;
  auto IsTracked = [&](Value *V) {
    auto *I = dyn_cast<Instruction>(V);
    return I && !isa<AllocaInst>(I) && !Uniform.contains(I);
  };

  ReversePostOrderTraversal<Function *> RPO(&Kernel);
  SmallVector<BasicBlock *, 32> Order(RPO.begin(), RPO.end());
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (BasicBlock *BB : reverse(Order)) {
      ValueSet Live;
      for (BasicBlock *Succ : successors(BB)) {
        for (Instruction *I : LiveIn[Succ])
          Live.insert(I);
        for (PHINode &Phi : Succ->phis()) {
          Value *In = Phi.getIncomingValueForBlock(BB);
          if (IsTracked(In))
            Live.insert(cast<Instruction>(In));
        }
      }
      for (Instruction &I : reverse(*BB)) {
        Live.remove(&I);
        if (isa<PHINode>(I))
          continue;
        for (Value *Op : I.operands())
          if (IsTracked(Op))
            Live.insert(cast<Instruction>(Op));
      }
      ValueSet &Old = LiveIn[BB];
      if (Live.size() != Old.size() ||
          any_of(Live, [&](Instruction *I) { return !Old.contains(I); })) {
        Old = std::move(Live);
        Changed = true;
      }
    }
  }

  SmallSetVector<Instruction *, 16> ToDemote;
  for (const BarrierSite &Site : Barriers)
    for (Instruction *I : LiveIn[Site.Block])
      ToDemote.insert(I);
  // Demote in program order so that slot numbering is deterministic.
  SmallVector<Instruction *, 16> Sorted;
  for (Instruction &I : instructions(Kernel))
    if (ToDemote.contains(&I))
      Sorted.push_back(&I);
  BasicBlock::iterator AllocaPoint =
      Kernel.getEntryBlock().getFirstInsertionPt();
  DenseSet<Value *> Divergent = tx::findDivergentValues(Kernel);
  for (Instruction *I : Sorted) {
    if (isThreadPure(I)) {
      ++NumRematerialised;
      rematerialiseAcrossBlocks(I);
      continue;
    }
    ++NumDemoted;
    AllocaInst *Slot;
    if (auto *Phi = dyn_cast<PHINode>(I)) {
      Slot = DemotePHIToStack(Phi, AllocaPoint);
      reloadAtEachUse(Slot);
    } else {
      Slot = DemoteRegToStack(*I, false, AllocaPoint);
    }
    DemotedSlots.insert(Slot);
    if (!Divergent.contains(I))
      UniformSlots.insert(Slot);
  }
}

/// In a region, a uniform value's reload that no store of this region can
/// reach still holds the value every thread had at the region's entry. When
/// all threads are in step, thread 0's slot has it: read it once before the
/// loop, so that the value is loop-invariant (the loop bounds and addresses
/// it feeds become analysable and the loop vectorises). Out of step, the
/// per-thread load stays; unswitching on InStep separates the two cases.
void KernelLowering::readUniformSlotsOnce(ArrayRef<BasicBlock *> Clones,
                                          ValueToValueMapTy &VMap,
                                          IRBuilder<> &Pre, Value *InStep) {
  SmallPtrSet<BasicBlock *, 16> InRegion(Clones.begin(), Clones.end());
  for (unsigned Idx = 0; Idx < Allocas.size(); ++Idx) {
    if (!UniformSlots.contains(Allocas[Idx]))
      continue;
    Value *SlotPtr = VMap.lookup(Allocas[Idx]);
    if (!SlotPtr)
      continue;
    SmallVector<LoadInst *, 4> Loads;
    SmallPtrSet<BasicBlock *, 4> StoreBlocks;
    for (User *U : SlotPtr->users()) {
      auto *I = cast<Instruction>(U);
      if (!InRegion.contains(I->getParent()))
        continue;
      if (auto *Load = dyn_cast<LoadInst>(I))
        Loads.push_back(Load);
      else
        StoreBlocks.insert(I->getParent()); // stores (and anything else)
    }
    if (Loads.empty())
      continue;
    // Blocks a store may have run before (one step or more after a store
    // block, within the region).
    SmallPtrSet<BasicBlock *, 16> AfterStore;
    SmallVector<BasicBlock *, 16> Work;
    for (BasicBlock *BB : StoreBlocks)
      for (BasicBlock *Succ : successors(BB))
        Work.push_back(Succ);
    while (!Work.empty()) {
      BasicBlock *BB = Work.pop_back_val();
      if (!InRegion.contains(BB) || !AfterStore.insert(BB).second)
        continue;
      for (BasicBlock *Succ : successors(BB))
        Work.push_back(Succ);
    }
    Value *Snapshot = nullptr;
    for (LoadInst *Load : Loads) {
      BasicBlock *BB = Load->getParent();
      if (AfterStore.contains(BB))
        continue;
      bool StoreBefore = false;
      for (Instruction *I = Load->getPrevNode(); I && !StoreBefore;
           I = I->getPrevNode())
        StoreBefore = is_contained(I->operands(), SlotPtr);
      if (StoreBefore)
        continue;
      if (!Snapshot)
        Snapshot = Pre.CreateLoad(Load->getType(), BV.SlotBases[Idx],
                                  Allocas[Idx]->getName() + ".uniform");
      auto *Select =
          SelectInst::Create(InStep, Snapshot, Load, "", Load->getNextNode());
      Load->replaceUsesWithIf(Select,
                              [&](Use &U) { return U.getUser() != Select; });
    }
  }
}

/// A value computed from the thread index, block-uniform values and
/// constants by instructions that are safe to repeat: cheaper to recompute
/// after a barrier than to keep in a scratch slot, and recomputing keeps
/// its relation to the thread index visible (so loops stay vectorisable).
bool KernelLowering::isThreadPure(Value *V, unsigned Depth) const {
  if (isa<Constant>(V) || isa<Argument>(V))
    return true;
  auto *I = dyn_cast<Instruction>(V);
  if (!I)
    return false;
  if (Uniform.contains(I) || isThreadIndexRead(*I))
    return true;
  if (Depth > 8 ||
      !(isa<BinaryOperator>(I) || isa<CastInst>(I) ||
        isa<GetElementPtrInst>(I) || isa<CmpInst>(I) || isa<SelectInst>(I)))
    return false;
  if (!isSafeToSpeculativelyExecute(I))
    return false;
  return all_of(I->operands(),
                [&](Value *Op) { return isThreadPure(Op, Depth + 1); });
}

/// Clones the expression tree of a thread-pure value right before At.
static Value *
cloneExpression(Value *V, Instruction *At,
                const SmallSetVector<Instruction *, 16> &Uniform) {
  auto *I = dyn_cast<Instruction>(V);
  if (!I || Uniform.contains(I))
    return V;
  Instruction *Copy = I->clone();
  for (Use &Op : Copy->operands())
    Op.set(cloneExpression(Op.get(), At, Uniform));
  Copy->insertBefore(At);
  return Copy;
}

/// Gives every use of I outside its own block a fresh copy of I's
/// expression, so that I no longer lives across a barrier.
void KernelLowering::rematerialiseAcrossBlocks(Instruction *I) {
  SmallVector<Use *, 8> Uses;
  for (Use &U : I->uses()) {
    auto *User = cast<Instruction>(U.getUser());
    if (User->getParent() != I->getParent() || isa<PHINode>(User))
      Uses.push_back(&U);
  }
  for (Use *U : Uses)
    U->set(cloneExpression(I, tx::insertionPointFor(*U), Uniform));
}

bool KernelLowering::collectAllocas() {
  for (Instruction &I : instructions(Kernel)) {
    auto *A = dyn_cast<AllocaInst>(&I);
    if (!A)
      continue;
    if (!A->isStaticAlloca())
      return diagnose(A, "variable-sized local arrays are not supported in "
                         "kernels (alloca with a run-time size)");
    Allocas.push_back(A);
  }
  if (!hasBarriers())
    return true;
  // Lifetime markers would tell the optimiser a scratch slot is dead between
  // regions; the slots outlive them by design.
  SmallVector<Instruction *, 8> Markers;
  for (Instruction &I : instructions(Kernel))
    if (auto *II = dyn_cast<IntrinsicInst>(&I))
      if (II->isLifetimeStartOrEnd())
        Markers.push_back(II);
  for (Instruction *I : Markers)
    I->eraseFromParent();
  return true;
}

/// Per-thread scratch: one slot per alloca, then the thread's state word.
void KernelLowering::layoutScratch() {
  if (!hasBarriers())
    return;
  uint64_t Offset = 0;
  auto AddSlot = [&](uint64_t Size, uint64_t Alignment) {
    Alignment = std::min<uint64_t>(std::max<uint64_t>(Alignment, 1), 64);
    Offset = alignTo(Offset, Alignment);
    Slots.push_back({Offset, alignTo(std::max<uint64_t>(Size, 1), Alignment)});
    Offset += Slots.back().Stride;
  };
  for (AllocaInst *A : Allocas)
    AddSlot(*A->getAllocationSize(DL), A->getAlign().value());
  if (hasWarpCollectives()) {
    AddSlot(8, 8); // The lane's exchange slot.
    AddSlot(8, 8); // Its snapshot, read after the cut.
    AddSlot(4, 4); // Arrival masks (one word per warp; a word per thread
                   // is the simple upper bound).
  }
  AddSlot(4, 4); // The thread's state.
  ScratchPerThread = alignTo(Offset, 16);
}

void KernelLowering::createBlockFunction() {
  Type *Ptr = PointerType::getUnqual(C);
  auto *FnTy = FunctionType::get(Type::getVoidTy(C), {Ptr, Ptr}, false);
  // Internal: reached only through the registration table, and a template
  // kernel instantiated in several translation units must not clash.
  Block = Function::Create(FnTy, GlobalValue::InternalLinkage,
                           "__txblk_" + Kernel.getName(), M);
  Block->addFnAttr(Attribute::NoUnwind);
  Block->addParamAttr(1, Attribute::NoAlias);
  Block->getArg(0)->setName("args");
  Block->getArg(1)->setName("ctx");
  Block->setSubprogram(Kernel.getSubprogram());
}

static Value *loadField(IRBuilder<> &B, Value *Ctx, Type *Ty, size_t Offset,
                        const Twine &Name) {
  Value *Addr = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Ctx, Offset);
  return B.CreateAlignedLoad(Ty, Addr, Align(4), Name);
}

void KernelLowering::emitEntry(IRBuilder<> &B) {
  Value *Args = Block->getArg(0);
  BV.Ctx = Block->getArg(1);
  for (Argument &Arg : Kernel.args()) {
    Value *Slot =
        B.CreateConstInBoundsGEP1_64(B.getPtrTy(), Args, Arg.getArgNo());
    Value *ArgPtr = B.CreateAlignedLoad(B.getPtrTy(), Slot, Align(8));
    Value *Loaded = Arg.hasByValAttr()
                        ? ArgPtr
                        : B.CreateAlignedLoad(Arg.getType(), ArgPtr, Align(1),
                                              Arg.getName());
    UniformMap[&Arg] = Loaded;
  }
  static const char *Axis[] = {"x", "y", "z"};
  for (unsigned D = 0; D < 3; ++D) {
    BV.BlockDim[D] = loadField(B, BV.Ctx, B.getInt32Ty(),
                               offsetof(TxBlockContext, BlockDim) + 4 * D,
                               Twine("ntid.") + Axis[D]);
    BV.BlockIdx[D] = loadField(B, BV.Ctx, B.getInt32Ty(),
                               offsetof(TxBlockContext, BlockIdx) + 4 * D,
                               Twine("ctaid.") + Axis[D]);
    BV.GridDim[D] = loadField(B, BV.Ctx, B.getInt32Ty(),
                              offsetof(TxBlockContext, GridDim) + 4 * D,
                              Twine("nctaid.") + Axis[D]);
  }
  BV.SharedBase = loadField(B, BV.Ctx, B.getPtrTy(),
                            offsetof(TxBlockContext, SharedMem), "smem");
  Value *Threads = B.CreateMul(BV.BlockDim[0], BV.BlockDim[1]);
  Threads = B.CreateMul(Threads, BV.BlockDim[2]);
  BV.ThreadsPerBlock = B.CreateZExt(Threads, B.getInt64Ty(), "nthreads");
  BV.Next = B.CreateAlloca(B.getInt32Ty(), nullptr, "next.state");
  BV.Last = B.CreateAlloca(B.getInt32Ty(), nullptr, "last.state");
  BV.InStep = B.CreateAlloca(B.getInt1Ty(), nullptr, "in.step");
  B.CreateStore(B.getTrue(), BV.InStep);

  if (hasBarriers()) {
    BV.Scratch = loadField(B, BV.Ctx, B.getPtrTy(),
                           offsetof(TxBlockContext, Scratch), "scratch");
    for (const ScratchSlot &Slot : Slots) {
      Value *Offset = B.CreateMul(BV.ThreadsPerBlock, B.getInt64(Slot.Offset));
      BV.SlotBases.push_back(
          B.CreateInBoundsGEP(B.getInt8Ty(), BV.Scratch, Offset, "slot"));
    }
    BV.StateBase = BV.SlotBases.back();
    if (hasWarpCollectives()) {
      BV.Exchange = BV.SlotBases[BV.SlotBases.size() - 4];
      BV.Snapshot = BV.SlotBases[BV.SlotBases.size() - 3];
      BV.WarpMasks = BV.SlotBases[BV.SlotBases.size() - 2];
    }
  } else {
    // Without barriers the thread loop is the only loop: allocas stay on the
    // stack of the block function and are reused by every thread.
    for (AllocaInst *A : Allocas) {
      auto *Copy = cast<AllocaInst>(A->clone());
      B.Insert(Copy, A->getName());
      UniformMap[A] = Copy;
    }
  }

  for (Instruction *I : Uniform) {
    if (isa<CallInst>(I)) {
      UniformMap[I] = blockValueFor(*I);
      continue;
    }
    Instruction *Copy = I->clone();
    B.Insert(Copy, I->getName());
    for (Use &Op : Copy->operands())
      if (Value *Mapped = UniformMap.lookup(Op.get()))
        Op.set(Mapped);
    UniformMap[I] = Copy;
  }

  for (const BarrierSite &Site : Barriers) {
    AllocaInst *Red = nullptr, *Res = nullptr;
    if (isReduction(Site.Kind)) {
      Red = B.CreateAlloca(B.getInt32Ty(), nullptr, "barrier.acc");
      Res = B.CreateAlloca(B.getInt32Ty(), nullptr, "barrier.res");
      B.CreateStore(B.getInt32(Site.Kind == tx::BarrierKind::And), Red);
    }
    BV.Reductions.push_back(Red);
    BV.Results.push_back(Res);
  }
}

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

/// Folds a thread's next state into the region's smallest and largest.
void KernelLowering::recordState(IRBuilder<> &B, Value *State) {
  Value *Min = B.CreateLoad(B.getInt32Ty(), BV.Next);
  B.CreateStore(B.CreateBinaryIntrinsic(Intrinsic::umin, Min, State), BV.Next);
  Value *Max = B.CreateLoad(B.getInt32Ty(), BV.Last);
  B.CreateStore(B.CreateBinaryIntrinsic(Intrinsic::umax, Max, State), BV.Last);
}

/// After a warp collective's cut: which lanes of each warp arrived, and a
/// snapshot of their exchange slots. When every thread is in step and the
/// warps are whole (the common case) all lanes arrived: the snapshot is one
/// memcpy and the masks a constant, instead of a per-thread pass in the
/// runtime. Leaves B in the block where the region continues.
void KernelLowering::emitWarpArrivals(IRBuilder<> &B, unsigned Region,
                                      Value *InStep) {
  Type *I32 = B.getInt32Ty();
  Value *Threads = B.CreateTrunc(BV.ThreadsPerBlock, I32);
  Value *WholeWarps = B.CreateICmpEQ(B.CreateAnd(Threads, 31), B.getInt32(0));
  Value *AllArrived = B.CreateAnd(InStep, WholeWarps, "all.arrived");
  // One mask word per warp; a block has at most 1024 threads.
  GlobalVariable *FullMasks = M.getNamedGlobal("tx.full.warp.masks");
  if (!FullMasks) {
    auto *MaskTy = ArrayType::get(I32, 32);
    FullMasks = new GlobalVariable(
        M, MaskTy, /*isConstant=*/true, GlobalValue::PrivateLinkage,
        ConstantArray::get(MaskTy, SmallVector<Constant *, 32>(
                                       32, ConstantInt::get(I32, ~0u))),
        "tx.full.warp.masks");
    FullMasks->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  }
  RegionWarpMasks = B.CreateSelect(AllArrived, FullMasks, BV.WarpMasks);

  BasicBlock *Here = B.GetInsertBlock();
  auto *Fast = BasicBlock::Create(C, Here->getName() + ".all", Block);
  auto *Slow = BasicBlock::Create(C, Here->getName() + ".some", Block);
  auto *Join = BasicBlock::Create(C, Here->getName() + ".arrived", Block);
  B.CreateCondBr(AllArrived, Fast, Slow);

  B.SetInsertPoint(Fast);
  B.CreateMemCpy(BV.Snapshot, Align(8), BV.Exchange, Align(8),
                 B.CreateMul(BV.ThreadsPerBlock, B.getInt64(8)));
  B.CreateBr(Join);

  B.SetInsertPoint(Slow);
  FunctionCallee Arrivals =
      M.getOrInsertFunction("__tx_warp_arrivals", B.getVoidTy(), B.getPtrTy(),
                            I32, I32, B.getPtrTy(), B.getPtrTy(), B.getPtrTy());
  B.CreateCall(Arrivals, {BV.StateBase, Threads, B.getInt32(Region),
                          BV.WarpMasks, BV.Exchange, BV.Snapshot});
  B.CreateBr(Join);
  B.SetInsertPoint(Join);
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
  RegionWarpMasks = BV.WarpMasks;
  if (Region > 0 && Barriers[Region - 1].Kind == tx::BarrierKind::Warp)
    emitWarpArrivals(B, Region, InStep);
  B.CreateStore(B.getInt32(ExitState), BV.Next);
  B.CreateStore(B.getInt32(0), BV.Last);
  BasicBlock *Entered = B.GetInsertBlock();
  B.CreateBr(HeadZ);

  // Loop headers and thread-linear index.
  B.SetInsertPoint(HeadZ);
  PHINode *Z = B.CreatePHI(B.getInt32Ty(), 2, "tid.z");
  B.CreateBr(HeadY);
  B.SetInsertPoint(HeadY);
  PHINode *Y = B.CreatePHI(B.getInt32Ty(), 2, "tid.y");
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
  if (hasBarriers()) {
    for (unsigned Idx = 0; Idx < Allocas.size(); ++Idx) {
      Value *Off =
          B.CreateMul(T, B.getInt64(Slots[Idx].Stride), "", true, true);
      VMap[Allocas[Idx]] =
          B.CreateInBoundsGEP(B.getInt8Ty(), BV.SlotBases[Idx], Off,
                              Allocas[Idx]->getName() + ".slot");
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
  if (StatePtr) {
    ThreadDone = BasicBlock::Create(C, Tag + ".x.done", Block);
    IRBuilder<> D(ThreadDone);
    NewState = D.CreatePHI(D.getInt32Ty(), Barriers.size() + 2, "state.new");
    D.CreateStore(NewState, StatePtr);
    recordState(D, NewState);
    D.CreateBr(LatchX);
  }
  for (auto [Id, Site] : enumerate(Barriers)) {
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
  if (Region > 0) {
    IRBuilder<> P(Pre->getTerminator());
    readUniformSlotsOnce(Clones, VMap, P, InStep);
  }

  // Enter the body, skipping threads that wait at another barrier.
  BasicBlock *Body = cast<BasicBlock>(VMap[Entry]);
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

  // Latches.
  auto EmitLatch = [&](BasicBlock *Latch, PHINode *IV, Value *Bound,
                       BasicBlock *Head, BasicBlock *Done) {
    IRBuilder<> L(Latch);
    Value *Inc = L.CreateAdd(IV, L.getInt32(1), "", true, true);
    L.CreateCondBr(L.CreateICmpULT(Inc, Bound), Head, Done);
    IV->addIncoming(Inc, Latch);
  };
  Z->addIncoming(B.getInt32(0), Entered);
  Y->addIncoming(B.getInt32(0), HeadZ);
  X->addIncoming(B.getInt32(0), HeadY);
  EmitLatch(LatchX, X, BV.BlockDim[0], HeadX, LatchY);
  EmitLatch(LatchY, Y, BV.BlockDim[1], HeadY, LatchZ);
  EmitLatch(LatchZ, Z, BV.BlockDim[2], HeadZ, Dispatch);
  return Pre;
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
      tx::lowerWarpCollective(Call, T, BV.Snapshot, RegionWarpMasks, NewBlocks);
      continue;
    }
    StringRef Name = Callee->getName();
    if (New) {
      Call->replaceAllUsesWith(New);
      Call->eraseFromParent();
      continue;
    }
    if (Name == "__tx_assert_fail" || Name == "__tx_trap") {
      // The runtime reports which thread failed.
      for (unsigned D = 0; D < 3; ++D)
        B.CreateAlignedStore(Tid[D],
                             B.CreateConstInBoundsGEP1_64(
                                 B.getInt8Ty(), BV.Ctx,
                                 offsetof(TxBlockContext, ThreadIdx) + 4 * D),
                             Align(4));
      continue;
    }
    if (Name == WarpArriveName) {
      B.CreateAlignedStore(Call->getArgOperand(1),
                           B.CreateInBoundsGEP(B.getInt64Ty(), BV.Exchange, T),
                           Align(8));
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

/// Scratch slots of demoted values (and the state, exchange and mask
/// arrays) are only ever accessed directly, and never overlap each other or
/// any other memory. Alias scopes say so; without them every store to one
/// slot would force the other slots (and shared memory) to be reloaded, and
/// the thread loops would not vectorise.
void KernelLowering::addSlotAliasScopes() {
  DenseMap<Value *, unsigned> ScopeOfBase;
  for (unsigned Idx = 0; Idx < BV.SlotBases.size(); ++Idx)
    if (Idx >= Allocas.size() || DemotedSlots.contains(Allocas[Idx]))
      ScopeOfBase[BV.SlotBases[Idx]] = ScopeOfBase.size();
  if (ScopeOfBase.empty())
    return;

  MDBuilder MDB(C);
  MDNode *Domain = MDB.createAnonymousAliasScopeDomain(Block->getName());
  SmallVector<Metadata *, 8> Scopes;
  for (unsigned Idx = 0; Idx < ScopeOfBase.size(); ++Idx)
    Scopes.push_back(MDB.createAnonymousAliasScope(Domain));
  MDNode *AllScopes = MDNode::get(C, Scopes);
  SmallVector<MDNode *, 8> AllButOne;
  for (unsigned Idx = 0; Idx < Scopes.size(); ++Idx) {
    SmallVector<Metadata *, 8> Others;
    for (unsigned J = 0; J < Scopes.size(); ++J)
      if (J != Idx)
        Others.push_back(Scopes[J]);
    AllButOne.push_back(MDNode::get(C, Others));
  }

  auto ScopeOf = [&](Value *Ptr) -> int {
    while (true) {
      auto It = ScopeOfBase.find(Ptr);
      if (It != ScopeOfBase.end())
        return It->second;
      auto *GEP = dyn_cast<GetElementPtrInst>(Ptr);
      if (!GEP)
        return -1;
      Ptr = GEP->getPointerOperand();
    }
  };
  for (Instruction &I : instructions(*Block)) {
    Value *Ptr = getLoadStorePointerOperand(&I);
    if (!Ptr) {
      if (auto *RMW = dyn_cast<AtomicRMWInst>(&I))
        Ptr = RMW->getPointerOperand();
      else if (auto *CAS = dyn_cast<AtomicCmpXchgInst>(&I))
        Ptr = CAS->getPointerOperand();
      else
        continue;
    }
    int Scope = ScopeOf(Ptr);
    if (Scope < 0) {
      I.setMetadata(LLVMContext::MD_noalias, AllScopes);
      continue;
    }
    I.setMetadata(LLVMContext::MD_alias_scope, MDNode::get(C, {Scopes[Scope]}));
    I.setMetadata(LLVMContext::MD_noalias, AllButOne[Scope]);
  }
}

/// __launch_bounds__(max, min) as clang records it in !nvvm.annotations
/// ("maxntid{x,y,z}", "minctasm"); zeros when absent.
std::pair<uint32_t, uint32_t> KernelLowering::launchBounds() const {
  uint64_t MaxThreads = 0, MinBlocks = 0;
  NamedMDNode *Annotations = M.getNamedMetadata("nvvm.annotations");
  if (!Annotations)
    return {0, 0};
  for (MDNode *Node : Annotations->operands()) {
    if (Node->getNumOperands() < 3)
      continue;
    auto *FnMD = dyn_cast_or_null<ValueAsMetadata>(Node->getOperand(0).get());
    if (!FnMD || FnMD->getValue() != &Kernel)
      continue;
    for (unsigned I = 1; I + 1 < Node->getNumOperands(); I += 2) {
      auto *Key = dyn_cast<MDString>(Node->getOperand(I));
      auto *Value = mdconst::dyn_extract<ConstantInt>(Node->getOperand(I + 1));
      if (!Key || !Value)
        continue;
      if (Key->getString().starts_with("maxntid"))
        MaxThreads = (MaxThreads ? MaxThreads : 1) * Value->getZExtValue();
      else if (Key->getString() == "minctasm")
        MinBlocks = Value->getZExtValue();
    }
  }
  return {uint32_t(MaxThreads), uint32_t(MinBlocks)};
}

/// Describes the block function for KernelRegistration: !tx.kernels holds
/// !{ptr fn, !"name", i64 scratch, i32 flags, !{sizes...}, !{aligns...},
///   i32 maxThreads, i32 minBlocks, !{i64 staticShared, i64 dynamicOffset}}.
void KernelLowering::recordKernel() {
  auto I32MD = [&](uint64_t V) {
    return ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(C), V));
  };
  SmallVector<Metadata *, 8> Sizes, Aligns;
  for (Argument &Arg : Kernel.args()) {
    Type *Ty = Arg.hasByValAttr() ? Arg.getParamByValType() : Arg.getType();
    Align A = Arg.hasByValAttr()
                  ? Arg.getParamAlign().value_or(DL.getABITypeAlign(Ty))
                  : DL.getABITypeAlign(Ty);
    Sizes.push_back(I32MD(DL.getTypeAllocSize(Ty)));
    Aligns.push_back(I32MD(A.value()));
  }
  auto [MaxThreads, MinBlocks] = launchBounds();
  if (!Kernel.getMetadata("tx.shared"))
    Kernel.setMetadata("tx.shared",
                       MDNode::get(C, {ConstantAsMetadata::get(ConstantInt::get(
                                           Type::getInt64Ty(C), 0)),
                                       ConstantAsMetadata::get(ConstantInt::get(
                                           Type::getInt64Ty(C), 0))}));
  Metadata *Ops[] = {ValueAsMetadata::get(Block),
                     MDString::get(C, Kernel.getName()),
                     ConstantAsMetadata::get(ConstantInt::get(
                         Type::getInt64Ty(C), ScratchPerThread)),
                     I32MD(hasBarriers() ? TX_KERNEL_HAS_BARRIERS : 0),
                     MDNode::get(C, Sizes),
                     MDNode::get(C, Aligns),
                     I32MD(MaxThreads),
                     I32MD(MinBlocks),
                     Kernel.getMetadata("tx.shared")};
  M.getOrInsertNamedMetadata("tx.kernels")->addOperand(MDNode::get(C, Ops));
}

Function *KernelLowering::run() {
  copyByValArguments();
  rematerialiseThreadIndex();
  hoistUniformValues();
  splitAtBarriers();
  if (hasBarriers())
    demoteValuesLiveAcrossBarriers();
  if (!collectAllocas())
    return nullptr;
  layoutScratch();
  createBlockFunction();

  auto *EntryBB = BasicBlock::Create(C, "entry", Block);
  IRBuilder<> B(EntryBB);
  emitEntry(B);

  auto *Dispatch = BasicBlock::Create(C, "dispatch", Block);
  SmallVector<BasicBlock *, 4> Preheaders;
  for (unsigned R = 0; R <= Barriers.size(); ++R)
    Preheaders.push_back(emitRegion(R, Dispatch));
  B.CreateBr(Preheaders[0]);

  IRBuilder<> D(Dispatch);
  auto *Done = BasicBlock::Create(C, "done", Block);
  ReturnInst::Create(C, Done);
  if (!hasBarriers()) {
    D.CreateBr(Done);
  } else {
    Value *Next = D.CreateLoad(D.getInt32Ty(), BV.Next, "next");
    Value *Last = D.CreateLoad(D.getInt32Ty(), BV.Last, "last");
    D.CreateStore(D.CreateICmpEQ(Next, Last), BV.InStep);
    SwitchInst *Switch = D.CreateSwitch(Next, Done, Barriers.size());
    for (unsigned R = 1; R <= Barriers.size(); ++R)
      Switch->addCase(D.getInt32(R), Preheaders[R]);
  }
  addSlotAliasScopes();
  recordKernel();
  return Block;
}

/// After lowering, no barrier is left for convergence to protect; dropping
/// the attribute frees the optimiser (unswitching, vectorisation).
static void dropConvergence(Module &M) {
  for (Function &F : M) {
    F.removeFnAttr(Attribute::Convergent);
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        Call->removeFnAttr(Attribute::Convergent);
  }
}

/// Barrier functions were inlined into every kernel that calls them; an
/// out-of-line copy left behind is either dead (dropped) or reached in a way
/// inlining cannot follow (a call through a pointer, another translation
/// unit), where the barrier cannot be honoured: such a call traps with an
/// explanation instead of misbehaving.
static void removeOutOfLineBarriers(Module &M) {
  for (Function &F : make_early_inc_range(M)) {
    if (F.isDeclaration())
      continue;
    SmallVector<Instruction *, 4> Barriers;
    for (Instruction &I : instructions(F))
      if (tx::isBarrier(I))
        Barriers.push_back(&I);
    if (Barriers.empty())
      continue;
    if (F.use_empty()) {
      F.eraseFromParent();
      continue;
    }
    FunctionCallee Trap =
        M.getOrInsertFunction("__tx_trap", Type::getVoidTy(M.getContext()),
                              PointerType::getUnqual(M.getContext()));
    for (Instruction *Barrier : Barriers) {
      IRBuilder<> B(Barrier);
      B.CreateCall(Trap, {B.CreateGlobalStringPtr(
                             "__syncthreads() reached through a call that "
                             "could not be inlined into its kernel")});
      if (!Barrier->getType()->isVoidTy())
        Barrier->replaceAllUsesWith(PoisonValue::get(Barrier->getType()));
      Barrier->eraseFromParent();
    }
  }
}

} // namespace

PreservedAnalyses tx::WorkItemLoopsPass::run(Module &M,
                                             ModuleAnalysisManager &) {
  SmallVector<Function *, 8> Kernels = getKernels(M);
  if (Kernels.empty())
    return PreservedAnalyses::all();
  for (Function *Kernel : Kernels) {
    KernelLowering Lowering(*Kernel);
    if (!Lowering.run())
      continue;
    ++NumKernels;
    Kernel->replaceAllUsesWith(PoisonValue::get(Kernel->getType()));
    Kernel->eraseFromParent();
  }
  removeOutOfLineBarriers(M);
  for (const char *Name : {ArriveName, ResultName, WarpArriveName})
    if (Function *F = M.getFunction(Name))
      if (F->use_empty())
        F->eraseFromParent();
  dropConvergence(M);
  return PreservedAnalyses::none();
}
