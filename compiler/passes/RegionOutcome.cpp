//===- RegionOutcome.cpp - Where a region's threads go next ---------------===//
//
// Part of Tongxin. The part of WorkItemLoops (see KernelLowering.h) that
// decides how a region records where its threads go next -- each thread its
// own state, or, when the block is in step and every thread must leave the
// same way, one outcome for all -- and which threads a region must run at
// all (index-set narrowing of a leading `threadIdx.x < U` guard).
//
//===----------------------------------------------------------------------===//

#include "KernelLowering.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"

#include <optional>

using namespace llvm;
using namespace tx::workitems;

/// The states a thread that runs the region may leave it with, in barrier
/// order, ExitState first where it may return.
SmallVector<uint32_t, 4>
tx::workitems::exitStates(ArrayRef<BasicBlock *> Blocks,
                          ArrayRef<BarrierSite> Barriers) {
  DenseSet<BasicBlock *> Reached;
  bool Returns = false;
  for (BasicBlock *BB : Blocks) {
    Returns |= isa<ReturnInst>(BB->getTerminator());
    for (BasicBlock *Succ : successors(BB))
      Reached.insert(Succ);
  }
  SmallVector<uint32_t, 4> States;
  if (Returns)
    States.push_back(ExitState);
  for (auto [Id, Site] : enumerate(Barriers))
    if (Reached.contains(Site.Block))
      States.push_back(Id + 1);
  return States;
}

/// The state every thread that runs the region leaves it with, when there
/// is only one way out: the one barrier it reaches, or returning.
std::optional<uint32_t>
tx::workitems::singleExitState(ArrayRef<BasicBlock *> Blocks,
                               ArrayRef<BarrierSite> Barriers) {
  SmallVector<uint32_t, 4> States = exitStates(Blocks, Barriers);
  if (States.size() != 1)
    return std::nullopt;
  return States.front();
}

/// The state a thread waiting at each barrier's block has.
static DenseMap<BasicBlock *, uint32_t>
barrierStates(ArrayRef<BarrierSite> Barriers) {
  DenseMap<BasicBlock *, uint32_t> BarrierState;
  for (auto [Id, Site] : enumerate(Barriers))
    BarrierState[Site.Block] = Id + 1;
  return BarrierState;
}

/// The states a thread that enters BB can leave the region with.
static SmallVector<uint32_t, 2>
exitsFrom(BasicBlock *BB, const DenseSet<BasicBlock *> &InRegion,
          const DenseMap<BasicBlock *, uint32_t> &BarrierState) {
  SmallVector<uint32_t, 2> Exits;
  SmallVector<BasicBlock *, 16> Work = {BB};
  SmallPtrSet<BasicBlock *, 16> Seen;
  while (!Work.empty()) {
    BasicBlock *Cur = Work.pop_back_val();
    if (!Seen.insert(Cur).second)
      continue;
    if (auto It = BarrierState.find(Cur); It != BarrierState.end()) {
      if (!is_contained(Exits, It->second))
        Exits.push_back(It->second);
      continue;
    }
    if (!InRegion.contains(Cur))
      continue;
    if (isa<ReturnInst>(Cur->getTerminator()) &&
        !is_contained(Exits, ExitState))
      Exits.push_back(ExitState);
    append_range(Work, successors(Cur));
  }
  return Exits;
}

/// Integer intrinsics whose result is a function of their operands alone.
static bool isOperandsOnlyIntrinsic(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::sadd_with_overflow:
  case Intrinsic::uadd_with_overflow:
  case Intrinsic::ssub_with_overflow:
  case Intrinsic::usub_with_overflow:
  case Intrinsic::smul_with_overflow:
  case Intrinsic::umul_with_overflow:
  case Intrinsic::smin:
  case Intrinsic::smax:
  case Intrinsic::umin:
  case Intrinsic::umax:
  case Intrinsic::abs:
  case Intrinsic::ctlz:
  case Intrinsic::cttz:
  case Intrinsic::ctpop:
  case Intrinsic::fshl:
  case Intrinsic::fshr:
    return true;
  default:
    return false;
  }
}

/// V is the same in every thread of the block that computes it in one
/// region: built from constants, arguments, block values and reloads of
/// uniform values by instructions without memory access.
bool KernelLowering::isRegionUniform(Value *V,
                                     const DenseSet<BasicBlock *> &InRegion,
                                     unsigned Depth) const {
  if (isa<Constant>(V) || isa<Argument>(V))
    return true;
  auto *I = dyn_cast<Instruction>(V);
  if (!I || Depth > 12)
    return false;
  if (Uniform.contains(I))
    return true;
  if (auto *Phi = dyn_cast<PHINode>(I)) {
    // A join the region enters from one place only (a loop header right
    // after a barrier): the value that comes from there.
    Value *Only = nullptr;
    for (unsigned Idx = 0; Idx < Phi->getNumIncomingValues(); ++Idx) {
      if (!InRegion.contains(Phi->getIncomingBlock(Idx)))
        continue;
      if (Only)
        return false;
      Only = Phi->getIncomingValue(Idx);
    }
    return Only && isRegionUniform(Only, InRegion, Depth + 1);
  }
  if (auto *Load = dyn_cast<LoadInst>(I)) {
    auto *Slot = dyn_cast<AllocaInst>(Load->getPointerOperand());
    return Slot && UniformSlots.contains(Slot);
  }
  // Arithmetic, and intrinsics that compute on their operands alone (a
  // guarded loop's overflow tests: llvm.sadd.with.overflow and its
  // extractvalue).
  bool PureIntrinsic = false;
  if (auto *Intrinsic = dyn_cast<IntrinsicInst>(I))
    PureIntrinsic = isOperandsOnlyIntrinsic(Intrinsic->getIntrinsicID());
  if (!(isa<BinaryOperator>(I) || isa<CastInst>(I) || isa<CmpInst>(I) ||
        isa<SelectInst>(I) || isa<ExtractValueInst>(I) || PureIntrinsic) ||
      I->mayReadOrWriteMemory())
    return false;
  return all_of(I->operands(), [&](Value *Op) {
    return isRegionUniform(Op, InRegion, Depth + 1);
  });
}

/// Whether all threads of the region, if they enter it together, leave it
/// through the same way out: every branch that can send threads to
/// different ways out tests a region-uniform value.
bool KernelLowering::leaveTogether(ArrayRef<BasicBlock *> Blocks,
                                   const DenseSet<BasicBlock *> &InRegion) {
  DenseMap<BasicBlock *, uint32_t> BarrierState = barrierStates(Barriers);
  for (BasicBlock *BB : Blocks) {
    Instruction *Term = BB->getTerminator();
    Value *Cond = nullptr;
    if (auto *Br = dyn_cast<BranchInst>(Term); Br && Br->isConditional())
      Cond = Br->getCondition();
    else if (auto *Switch = dyn_cast<SwitchInst>(Term))
      Cond = Switch->getCondition();
    else if (!isa<BranchInst>(Term) && !isa<ReturnInst>(Term) &&
             !isa<UnreachableInst>(Term))
      return false;
    if (!Cond || isRegionUniform(Cond, InRegion))
      continue;
    // A divergent branch is harmless where all its ways lead to one exit.
    if (exitsFrom(BB, InRegion, BarrierState).size() > 1)
      return false;
  }
  return true;
}

/// No instruction of BB changes anything another thread or a later region
/// could see: a thread that skips BB loses nothing. A warp collective in a
/// region is the cut the region starts at, where the thread only reads its
/// result (every lane published its value before the cut).
static bool hasNoEffects(const BasicBlock &BB) {
  return none_of(BB, [](const Instruction &I) {
    return (I.mayWriteToMemory() || I.mayHaveSideEffects()) &&
           !tx::isWarpCollective(I) && !tx::isRowPrefetchRequest(I);
  });
}

/// The threads that fail the test of Br (the true edge's unless PassOnTrue
/// is false: the false edge's) only leave the region, without effects.
static bool turnedAwayLeaveQuietly(BranchInst &Br, bool PassOnTrue,
                                   const DenseSet<BasicBlock *> &InRegion) {
  SmallVector<BasicBlock *, 8> Work = {Br.getSuccessor(PassOnTrue ? 1 : 0)};
  SmallPtrSet<BasicBlock *, 8> Seen;
  while (!Work.empty()) {
    BasicBlock *BB = Work.pop_back_val();
    if (!InRegion.contains(BB) || !Seen.insert(BB).second)
      continue;
    if (!hasNoEffects(*BB))
      return false;
    append_range(Work, successors(BB));
  }
  return true;
}

namespace {
/// A region's opening test `if (Lead + threadIdx.x < U)` (Lead optional,
/// the sum possibly extended to a wider type, the test possibly written as
/// `>=` with the branches swapped). U is operand BoundIdx of the test; the
/// sum, the other operand, has Lead as its operand LeadIdx and is extended
/// by ExtOpcode.
struct ThreadIndexGuard {
  ICmpInst *Cmp = nullptr;
  BranchInst *Br = nullptr; ///< The branch on Cmp.
  unsigned BoundIdx = 1;
  bool Signed = false;    ///< The test compares signed.
  bool PassOnTrue = true; ///< The threads that pass take the true edge.
  bool HasLead = false;
  unsigned LeadIdx = 0;   ///< Lead's operand of the sum (if HasLead).
  unsigned ExtOpcode = 0; ///< Instruction::ZExt, SExt, or 0.
  /// The test is `<= U` (or `> U`, swapped): the threads below U + 1 pass.
  bool Inclusive = false;
};
} // namespace

/// Lead + threadIdx.x (or threadIdx.x), possibly extended: fills G's Lead
/// and extension fields.
static bool matchThreadIndexSum(Value *V, ThreadIndexGuard &G) {
  if (auto *Ext = dyn_cast<CastInst>(V);
      Ext && (isa<ZExtInst>(Ext) || isa<SExtInst>(Ext))) {
    G.ExtOpcode = Ext->getOpcode();
    V = Ext->getOperand(0);
  }
  if (tx::isThreadIndexXRead(V))
    return true;
  auto *Add = dyn_cast<BinaryOperator>(V);
  if (!Add || Add->getOpcode() != Instruction::Add ||
      !Add->getType()->isIntegerTy(32))
    return false;
  for (unsigned I = 0; I < 2; ++I) {
    if (tx::isThreadIndexXRead(Add->getOperand(1 - I))) {
      G.HasLead = true;
      G.LeadIdx = I;
      return true;
    }
  }
  return false;
}

/// The block a thread entering a region at Entry reaches through blocks
/// without effects that each have one way in and one way out: a barrier's
/// continuation block, before the test of an unrolled tree reduction's step.
static BasicBlock *firstBranchingBlock(BasicBlock *Entry,
                                       const DenseSet<BasicBlock *> &InRegion) {
  BasicBlock *BB = Entry;
  for (unsigned Step = 0; Step < 8; ++Step) {
    auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
    if (!Br || Br->isConditional() || !hasNoEffects(*BB))
      break;
    BasicBlock *Next = Br->getSuccessor(0);
    // One way in: the guard cannot be a loop header the region returns to.
    if (!InRegion.contains(Next) || Next->getSinglePredecessor() != BB)
      break;
    BB = Next;
  }
  return BB;
}

/// A region that starts with `if (Lead + threadIdx.x < U)` (possibly after
/// blocks that only lead there) where the threads that fail the test only
/// leave the region, without effects: the test, or a guard with a null Cmp.
static ThreadIndexGuard
guardOnThreadIndex(BasicBlock *Entry, const DenseSet<BasicBlock *> &InRegion) {
  ThreadIndexGuard G;
  Entry = firstBranchingBlock(Entry, InRegion);
  auto *Br = dyn_cast<BranchInst>(Entry->getTerminator());
  if (!Br || !Br->isConditional() || !hasNoEffects(*Entry))
    return {};
  auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  if (!Cmp || !Cmp->getOperand(0)->getType()->isIntegerTy())
    return {};
  ICmpInst::Predicate Pred = Cmp->getPredicate();
  if (matchThreadIndexSum(Cmp->getOperand(0), G)) {
    G.BoundIdx = 1;
  } else {
    G = ThreadIndexGuard();
    if (!matchThreadIndexSum(Cmp->getOperand(1), G))
      return {};
    G.BoundIdx = 0;
    Pred = ICmpInst::getSwappedPredicate(Pred);
  }
  switch (Pred) {
  case ICmpInst::ICMP_ULT:
  case ICmpInst::ICMP_SLT:
    break;
  case ICmpInst::ICMP_UGE:
  case ICmpInst::ICMP_SGE:
    G.PassOnTrue = false;
    break;
  // InstCombine writes `x >= 8` as `x > 7`.
  case ICmpInst::ICMP_ULE:
  case ICmpInst::ICMP_SLE:
    G.Inclusive = true;
    break;
  case ICmpInst::ICMP_UGT:
  case ICmpInst::ICMP_SGT:
    G.Inclusive = true;
    G.PassOnTrue = false;
    break;
  default:
    return {};
  }
  // U + 1 must not wrap where narrowToGuard computes it (in 64 bits).
  if (G.Inclusive &&
      Cmp->getOperand(G.BoundIdx)->getType()->getIntegerBitWidth() > 32)
    return {};
  G.Signed = ICmpInst::isSigned(Pred);
  if (!turnedAwayLeaveQuietly(*Br, G.PassOnTrue, InRegion))
    return {};
  G.Cmp = Cmp;
  G.Br = Br;
  return G;
}

LaneGuard tx::workitems::laneGuardOf(BasicBlock *Entry,
                                     const DenseSet<BasicBlock *> &InRegion) {
  Entry = firstBranchingBlock(Entry, InRegion);
  auto *Br = dyn_cast<BranchInst>(Entry->getTerminator());
  if (!Br || !Br->isConditional() || !hasNoEffects(*Entry))
    return {};
  auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  const Value *Source = Cmp ? tx::laneSource(Cmp->getOperand(0)) : nullptr;
  if (!Source ||
      !(tx::isThreadIndexXRead(Source) || tx::isLinearThreadIndex(Source)))
    return {};
  auto *Bound = dyn_cast<ConstantInt>(Cmp->getOperand(1));
  if (!Bound) {
    // A bound the caller proves uniform: `lane < n`, unsigned, so that the
    // passing lanes are those below min(n, 32).
    LaneGuard G;
    ICmpInst::Predicate Pred = Cmp->getPredicate();
    if (Pred != ICmpInst::ICMP_ULT && Pred != ICmpInst::ICMP_UGE)
      return {};
    G.PassOnTrue = Pred == ICmpInst::ICMP_ULT;
    if (!turnedAwayLeaveQuietly(*Br, G.PassOnTrue, InRegion))
      return {};
    G.Cmp = Cmp;
    return G;
  }
  // A lane is in [0, 32): signed and unsigned tests agree on it. The test
  // is `Lane < Lanes` on the edge PassOnTrue names (InstCombine writes
  // `Lane >= 4` as `Lane > 3`).
  if (Bound->isNegative())
    return {};
  LaneGuard G;
  uint64_t K = Bound->getValue().getLimitedValue(32);
  ICmpInst::Predicate Pred = Cmp->getUnsignedPredicate();
  switch (Pred) {
  case ICmpInst::ICMP_EQ:
  case ICmpInst::ICMP_NE:
    if (K != 0)
      return {};
    G.Lanes = 1;
    G.PassOnTrue = Pred == ICmpInst::ICMP_EQ;
    break;
  case ICmpInst::ICMP_ULT:
  case ICmpInst::ICMP_UGE:
    G.Lanes = K;
    G.PassOnTrue = Pred == ICmpInst::ICMP_ULT;
    break;
  case ICmpInst::ICMP_ULE:
  case ICmpInst::ICMP_UGT:
    G.Lanes = K + 1;
    G.PassOnTrue = Pred == ICmpInst::ICMP_ULE;
    break;
  default:
    return {};
  }
  if (G.Lanes == 0 || G.Lanes >= 32)
    return {};
  if (!turnedAwayLeaveQuietly(*Br, G.PassOnTrue, InRegion))
    return {};
  G.Cmp = Cmp;
  return G;
}

/// A region with two ways out that its opening guard
/// `if (Lead + threadIdx.x < U)` chooses between: every thread that passes
/// leaves one way, every thread that fails leaves another, quietly
/// (returning, or waiting at a barrier). In step, such a region need run
/// only the passing threads and can record both groups' states in bulk
/// (see emitGuardedOutcome): a block reduction's `if (warp == 0) {...}`.
std::optional<GuardedExits>
tx::workitems::guardedExits(BasicBlock *Entry,
                            const DenseSet<BasicBlock *> &InRegion,
                            ArrayRef<BarrierSite> Barriers) {
  ThreadIndexGuard G = guardOnThreadIndex(Entry, InRegion);
  if (!G.Cmp)
    return std::nullopt;
  DenseMap<BasicBlock *, uint32_t> BarrierState = barrierStates(Barriers);
  SmallVector<uint32_t, 2> Pass = exitsFrom(
      G.Br->getSuccessor(G.PassOnTrue ? 0 : 1), InRegion, BarrierState);
  SmallVector<uint32_t, 2> Fail = exitsFrom(
      G.Br->getSuccessor(G.PassOnTrue ? 1 : 0), InRegion, BarrierState);
  if (Pass.size() != 1 || Fail.size() != 1 || Pass[0] == Fail[0])
    return std::nullopt;
  return GuardedExits{Pass[0], Fail[0]};
}

/// V, a region-uniform value of a region's body, computed before its loops
/// (at B, in Pre) for when the threads are in step: from constants, block
/// values and the uniform values the region reads once, by arithmetic.
/// Null if V depends on anything else.
Value *KernelLowering::valueBeforeLoops(Value *V, BasicBlock *Pre,
                                        Value *InStep, IRBuilder<> &B,
                                        unsigned Depth, bool SafeOnly) {
  auto *I = dyn_cast<Instruction>(V);
  if (!I || I->getParent() == Pre || I->getParent() == &Block->getEntryBlock())
    return V;
  if (auto *Select = dyn_cast<SelectInst>(I);
      Select && Select->getCondition() == InStep)
    return valueBeforeLoops(Select->getTrueValue(), Pre, InStep, B, Depth + 1,
                            SafeOnly);
  auto *Call = dyn_cast<IntrinsicInst>(I);
  bool Arithmetic =
      isa<BinaryOperator>(I) || isa<CastInst>(I) || isa<CmpInst>(I) ||
      isa<SelectInst>(I) ||
      (Call && Call->doesNotAccessMemory() && !Call->mayHaveSideEffects());
  if (Depth > 8 || !Arithmetic || I->mayReadOrWriteMemory() ||
      (SafeOnly && !isSafeToSpeculativelyExecute(I)))
    return nullptr;
  Instruction *Copy = I->clone();
  for (Use &Op : Copy->operands()) {
    if (isa<Function>(Op.get()))
      continue;
    Value *Before =
        valueBeforeLoops(Op.get(), Pre, InStep, B, Depth + 1, SafeOnly);
    if (!Before) {
      Copy->dropAllReferences();
      Copy->deleteValue();
      return nullptr;
    }
    Op.set(Before);
  }
  return B.Insert(Copy, I->getName() + ".pre");
}

/// Index-set narrowing: in step, a region that starts with
/// `if (Lead + threadIdx.x < U)` need only run threads [first, U - Lead) of
/// each row, since the others would only leave it (a tree reduction's later
/// steps, a Blelloch scan's, the `if (i < n)` of an element-wise kernel).
/// U and Lead must be computable before the loops from constants, block
/// values and uniform values the region reads once (readUniformSlotsOnce).
/// Where Lead + threadIdx.x would wrap around within the row (so that the
/// threads passing the test are not a prefix), the test stays.
/// Returns the x loop's end.
Value *KernelLowering::narrowToGuard(BasicBlock *Entry,
                                     const DenseSet<BasicBlock *> &InRegion,
                                     ValueToValueMapTy &VMap, BasicBlock *Pre,
                                     Value *FirstX, Value *EndX, Value *InStep,
                                     Value *Require, Value **ExactOut) {
  ThreadIndexGuard G = guardOnThreadIndex(Entry, InRegion);
  auto *Clone =
      G.Cmp ? dyn_cast_or_null<ICmpInst>(VMap.lookup(G.Cmp)) : nullptr;
  if (!Clone)
    return EndX;
  IRBuilder<> B(Pre->getTerminator());
  Value *Bound =
      valueBeforeLoops(Clone->getOperand(G.BoundIdx), Pre, InStep, B);
  Value *Lead = B.getInt32(0);
  if (G.HasLead) {
    Value *Index = Clone->getOperand(1 - G.BoundIdx);
    if (G.ExtOpcode)
      Index = cast<CastInst>(Index)->getOperand(0);
    Lead = valueBeforeLoops(cast<BinaryOperator>(Index)->getOperand(G.LeadIdx),
                            Pre, InStep, B);
  }
  unsigned Width = Bound ? Bound->getType()->getIntegerBitWidth() : 0;
  if (!Bound || !Lead || Width > 64)
    return EndX;
  // Everything in 64 bits, where Lead + threadIdx.x cannot wrap: the sum
  // as the test sees it, extended the way the program extends it.
  Type *I64 = B.getInt64Ty();
  bool SignedSum = G.ExtOpcode ? G.ExtOpcode == Instruction::SExt : G.Signed;
  Value *Lead64 = SignedSum ? B.CreateSExt(Lead, I64) : B.CreateZExt(Lead, I64);
  Value *Bound64 = G.Signed ? B.CreateSExtOrTrunc(Bound, I64)
                            : B.CreateZExtOrTrunc(Bound, I64);
  if (G.Inclusive)
    Bound64 = B.CreateAdd(Bound64, B.getInt64(1));
  Value *End64 = B.CreateZExt(EndX, I64);
  Value *Span, *NoWrap = nullptr;
  if (!G.HasLead) {
    // threadIdx.x is never negative: a negative signed bound runs no thread.
    Span = G.Signed ? B.CreateBinaryIntrinsic(Intrinsic::smax, Bound64,
                                              B.getInt64(0))
                    : Bound64;
  } else {
    // The 32-bit sum must not wrap for the row's last thread (EndX - 1).
    Value *Last = B.CreateSub(B.CreateAdd(Lead64, End64), B.getInt64(1));
    NoWrap = B.CreateICmpSLE(
        Last, B.getInt64(SignedSum ? INT32_MAX : UINT32_MAX), "narrowed.fits");
    // A sign-extended sum compared unsigned: a negative Lead makes the
    // row's first threads fail (a huge unsigned value) and the passing
    // threads are no prefix.
    if (SignedSum && !G.Signed)
      NoWrap = B.CreateAnd(
          NoWrap, B.CreateICmpSGE(Lead64, B.getInt64(0), "narrowed.lead.pos"));
    Value *Above = G.Signed ? B.CreateICmpSGT(Bound64, Lead64)
                            : B.CreateICmpUGT(Bound64, Lead64);
    Span = B.CreateSelect(Above, B.CreateSub(Bound64, Lead64), B.getInt64(0));
  }
  Value *Narrowed = B.CreateTrunc(
      B.CreateBinaryIntrinsic(Intrinsic::umin, End64, Span), B.getInt32Ty());
  if (NoWrap)
    Narrowed = B.CreateSelect(NoWrap, Narrowed, EndX);
  // In step, every thread the loop runs passes the guard, so the test
  // leaves the loop body, which then runs unmasked. Only an empty range
  // needs it still: the x loop runs its first thread before it tests.
  Value *Any = B.CreateICmpULT(FirstX, Narrowed, "narrowed.any");
  Value *Narrows = Require ? B.CreateAnd(InStep, Require) : InStep;
  Value *Exact =
      NoWrap ? B.CreateAnd(Narrows, NoWrap, "narrowed.exact") : Narrows;
  if (ExactOut)
    *ExactOut = Exact;
  Instruction *After = Clone->getNextNode();
  Value *Taken = G.PassOnTrue
                     ? Any
                     : BinaryOperator::CreateNot(Any, "narrowed.none", After);
  auto *Passes = SelectInst::Create(Exact, Taken, Clone, "", After);
  Clone->replaceUsesWithIf(Passes,
                           [&](Use &U) { return U.getUser() != Passes; });
  return B.CreateSelect(Narrows, Narrowed, EndX, "end.x");
}

/// Before the runtime reads the threads' states (which lanes of a partial
/// warp arrived): threads in step did not store theirs (see emitRegion),
/// and are all in this region.
void KernelLowering::refreshStatesInStep(IRBuilder<> &B, unsigned Region,
                                         Value *InStep) {
  StringRef Here = B.GetInsertBlock()->getName();
  storeStates(B, InStep, RegionFirst, RegionEnd, B.getInt32(Region),
              Here + ".refresh", Here + ".refreshed");
}

/// Where Cond holds, State becomes the state of the threads with linear
/// indices [First, End) (i64): a loop in a block named Name. Leaves B
/// after the loop, in a block named DoneName.
void KernelLowering::storeStates(IRBuilder<> &B, Value *Cond, Value *First,
                                 Value *End, Value *State, const Twine &Name,
                                 const Twine &DoneName) {
  BasicBlock *Before = B.GetInsertBlock();
  auto *Loop = BasicBlock::Create(C, Name, Block);
  auto *Done = BasicBlock::Create(C, DoneName, Block);
  B.CreateCondBr(B.CreateAnd(Cond, B.CreateICmpULT(First, End)), Loop, Done);
  B.SetInsertPoint(Loop);
  PHINode *T = B.CreatePHI(B.getInt64Ty(), 2, "t");
  T->addIncoming(First, Before);
  B.CreateStore(State, B.CreateInBoundsGEP(B.getInt32Ty(), BV.StateBase, T));
  Value *Next = B.CreateAdd(T, B.getInt64(1));
  T->addIncoming(Next, Loop);
  tx::keepFromRuntimeUnrolling(
      B.CreateCondBr(B.CreateICmpULT(Next, End), Loop, Done));
  B.SetInsertPoint(Done);
}

/// The outcome of a region with guarded exits (see guardedExits) that ran,
/// where Exact holds, only the threads [First, Split) that pass its guard
/// (a one-dimensional block: x is the linear index); [Split, End) failed
/// it. Stores each group's state where a later region will read it: the
/// threads that returned always (a later region out of step checks every
/// thread of its range), the others only where two groups stay live, so
/// that the block leaves step.
void KernelLowering::emitGuardedOutcome(IRBuilder<> &B, GuardedExits Exits,
                                        Value *First, Value *Split, Value *End,
                                        Value *Exact) {
  Split = B.CreateBinaryIntrinsic(Intrinsic::umax, First, Split);
  Value *AnyPass = B.CreateICmpULT(First, Split);
  Value *AnyFail = B.CreateICmpULT(Split, End);
  Value *Exit = B.getInt32(ExitState), *Zero = B.getInt32(0);
  Value *PassState = B.CreateSelect(AnyPass, B.getInt32(Exits.Pass), Exit);
  Value *FailState = B.CreateSelect(AnyFail, B.getInt32(Exits.Fail), Exit);
  auto Store = [&](AllocaInst *Acc, Value *V, uint32_t Empty) {
    B.CreateStore(B.CreateSelect(Exact, V, B.getInt32(Empty)), Acc);
  };
  Store(BV.Next, B.CreateBinaryIntrinsic(Intrinsic::umin, PassState, FailState),
        ExitState);
  bool InStepAfter = false;
  if (!BV.LiveLo) {
    Store(BV.Last,
          B.CreateBinaryIntrinsic(Intrinsic::umax, PassState, FailState), 0);
  } else {
    // Returned threads leave the live range and the largest state.
    Value *PassLive = Exits.Pass == ExitState ? B.getFalse() : AnyPass;
    Value *FailLive = Exits.Fail == ExitState ? B.getFalse() : AnyFail;
    InStepAfter = Exits.Pass == ExitState || Exits.Fail == ExitState;
    Store(BV.Last,
          B.CreateBinaryIntrinsic(Intrinsic::umax,
                                  B.CreateSelect(PassLive, PassState, Zero),
                                  B.CreateSelect(FailLive, FailState, Zero)),
          0);
    Value *One = B.getInt32(1);
    Store(BV.LiveLo,
          B.CreateSelect(PassLive, First,
                         B.CreateSelect(FailLive, Split, B.getInt32(~0u))),
          ~0u);
    Store(
        BV.LiveHi,
        B.CreateSelect(FailLive, B.CreateSub(End, One),
                       B.CreateSelect(PassLive, B.CreateSub(Split, One), Zero)),
        0);
    Store(BV.LiveCount,
          B.CreateAdd(B.CreateSelect(PassLive, B.CreateSub(Split, First), Zero),
                      B.CreateSelect(FailLive, B.CreateSub(End, Split), Zero)),
          0);
  }
  Type *I64 = B.getInt64Ty();
  std::string Here = B.GetInsertBlock()->getName().str();
  Value *First64 = B.CreateZExt(First, I64),
        *Split64 = B.CreateZExt(Split, I64), *End64 = B.CreateZExt(End, I64);
  if (Exits.Pass == ExitState || !InStepAfter)
    storeStates(B, Exact, First64, Split64, B.getInt32(Exits.Pass),
                Here + ".pass", Here + ".pass.done");
  if (Exits.Fail == ExitState || !InStepAfter)
    storeStates(B, Exact, Split64, End64, B.getInt32(Exits.Fail),
                Here + ".fail", Here + ".fail.done");
}

/// Folds a thread's next state into the region's smallest and largest (of
/// the threads that have not returned, with live-range tracking), and the
/// thread's linear index into the live range.
void KernelLowering::recordState(IRBuilder<> &B, Value *State, Value *Linear) {
  Type *I32 = B.getInt32Ty();
  auto Fold = [&](AllocaInst *Acc, Intrinsic::ID Op, Value *V) {
    Value *Old = B.CreateLoad(I32, Acc);
    B.CreateStore(B.CreateBinaryIntrinsic(Op, Old, V), Acc);
  };
  Fold(BV.Next, Intrinsic::umin, State);
  if (!BV.LiveLo) {
    Fold(BV.Last, Intrinsic::umax, State);
    return;
  }
  Value *Live = B.CreateICmpNE(State, B.getInt32(ExitState), "live");
  Fold(BV.Last, Intrinsic::umax, B.CreateSelect(Live, State, B.getInt32(0)));
  Fold(BV.LiveLo, Intrinsic::umin,
       B.CreateSelect(Live, Linear, B.getInt32(~0u)));
  Fold(BV.LiveHi, Intrinsic::umax, B.CreateSelect(Live, Linear, B.getInt32(0)));
  Value *Count = B.CreateLoad(I32, BV.LiveCount);
  B.CreateStore(B.CreateAdd(Count, B.CreateZExt(Live, I32)), BV.LiveCount);
}

/// The region's outcome before its threads run: no thread has a state yet
/// (smallest Exit, largest 0, an empty live range), or, for a region with
/// one way out that runs in step, every thread it runs in OnlyExit.
void KernelLowering::emitOutcomeInit(IRBuilder<> &B,
                                     std::optional<uint32_t> OnlyExit,
                                     Value *InStep) {
  Type *I32 = B.getInt32Ty();
  auto Init = [&](AllocaInst *Acc, uint32_t Empty, Value *InStepValue) {
    Value *V = B.getInt32(Empty);
    if (OnlyExit)
      V = B.CreateSelect(InStep, InStepValue, V);
    B.CreateStore(V, Acc);
  };
  bool Returns = OnlyExit && *OnlyExit == ExitState;
  Value *Only = B.getInt32(OnlyExit.value_or(ExitState));
  Init(BV.Next, ExitState, Only);
  // Live-range tracking keeps returned threads out of the largest state.
  Init(BV.Last, 0, BV.LiveLo && Returns ? B.getInt32(0) : Only);
  if (!BV.LiveLo)
    return;
  Value *First = B.CreateTrunc(RegionFirst, I32);
  Value *End = B.CreateTrunc(RegionEnd, I32);
  Init(BV.LiveLo, ~0u, Returns ? B.getInt32(~0u) : First);
  Init(BV.LiveHi, 0, Returns ? B.getInt32(0) : B.CreateSub(End, B.getInt32(1)));
  Init(BV.LiveCount, 0, Returns ? B.getInt32(0) : B.CreateSub(End, First));
}

/// The outcome of a region whose threads all leave with State (and, with
/// live-range tracking, all ran the region's range): stores of values the
/// same for every thread, which the optimiser moves out of the loop.
void KernelLowering::recordCommonState(IRBuilder<> &B, Value *State) {
  B.CreateStore(State, BV.Next);
  if (!BV.LiveLo) {
    B.CreateStore(State, BV.Last);
    return;
  }
  Type *I32 = B.getInt32Ty();
  Value *Returned = B.CreateICmpEQ(State, B.getInt32(ExitState));
  B.CreateStore(B.CreateSelect(Returned, B.getInt32(0), State), BV.Last);
  Value *First = B.CreateTrunc(RegionFirst, I32);
  Value *End = B.CreateTrunc(RegionEnd, I32);
  B.CreateStore(B.CreateSelect(Returned, B.getInt32(~0u), First), BV.LiveLo);
  B.CreateStore(
      B.CreateSelect(Returned, B.getInt32(0), B.CreateSub(End, B.getInt32(1))),
      BV.LiveHi);
  B.CreateStore(
      B.CreateSelect(Returned, B.getInt32(0), B.CreateSub(End, First)),
      BV.LiveCount);
}
