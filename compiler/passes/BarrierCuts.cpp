//===- BarrierCuts.cpp - Cutting a kernel at its barriers -----------------===//
//
// Part of Tongxin. The part of WorkItemLoops (see KernelLowering.h) that
// splits a kernel at its barriers and warp collectives, and decides how
// each value that lives across a cut gets to the other side: recomputed
// from the thread index, read once as a uniform value, or kept in a
// per-thread scratch slot.
//
//===----------------------------------------------------------------------===//

#include "DivergenceAnalysis.h"
#include "KernelLowering.h"

#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;
using namespace tx::workitems;

#define DEBUG_TYPE "tx-workitem-loops"

STATISTIC(NumDemoted, "Values demoted because they live across a barrier");
STATISTIC(NumRematerialised,
          "Thread-index expressions recomputed instead of demoted");
STATISTIC(NumCoalesced,
          "Loop-carried values stored straight into their phi's slot");

/// Whether Ptr may point into memory other threads of the block use for a
/// different type (anything but a kernel parameter's buffer, a global
/// variable or a local): shared memory above all, or a pointer the kernel
/// loaded from memory.
static bool mayBeTypePunnedAcrossThreads(const Value *Ptr) {
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(Ptr, Objects);
  return any_of(Objects, [](const Value *Object) {
    return !isa<Argument>(Object) && !isa<GlobalVariable>(Object) &&
           !isa<AllocaInst>(Object);
  });
}

/// A barrier is a call that may touch any memory, so on a GPU no access
/// moves across it, whatever the types say. Cutting the kernel removes
/// that call, and type-based alias analysis could then move a load of one
/// region above a store of an earlier one to the same bytes written as
/// another type: CUB's TempStorage unions do exactly that (BlockRadixRank
/// counts digits as unsigned short and scans them as unsigned int), and on
/// AArch64 its ranks came out wrong. So accesses to memory that threads may
/// share under several types lose their type-based alias information.
void KernelLowering::dropTypeAliasingAcrossCuts() {
  for (Instruction &I : instructions(Kernel)) {
    if (!I.getMetadata(LLVMContext::MD_tbaa) &&
        !I.getMetadata(LLVMContext::MD_tbaa_struct))
      continue;
    const Value *Ptr = getLoadStorePointerOperand(&I);
    bool Drop = Ptr ? mayBeTypePunnedAcrossThreads(Ptr) : true;
    if (auto *Transfer = dyn_cast<MemTransferInst>(&I))
      Drop = mayBeTypePunnedAcrossThreads(Transfer->getDest()) ||
             mayBeTypePunnedAcrossThreads(Transfer->getSource());
    else if (auto *Set = dyn_cast<MemSetInst>(&I))
      Drop = mayBeTypePunnedAcrossThreads(Set->getDest());
    if (Drop) {
      I.setMetadata(LLVMContext::MD_tbaa, nullptr);
      I.setMetadata(LLVMContext::MD_tbaa_struct, nullptr);
    }
  }
}

/// The value a lane contributes to a warp collective, as 64 bits (128 for a
/// shuffle chain's packed input and parameters).
static Value *warpOperand(IRBuilder<> &B, CallInst &Call) {
  if (Call.getCalledFunction()->getIntrinsicID() == Intrinsic::nvvm_activemask)
    return B.getInt64(0);
  // redux: (value, mask); shuffle, vote, match: (mask, value, ...); a
  // shuffle chain: (body, value).
  Value *V = Call.getArgOperand(tx::isWarpReduce(Call) ? 0 : 1);
  if (V->getType()->isFloatingPointTy())
    V = B.CreateBitCast(
        V, B.getIntNTy(V->getType()->getPrimitiveSizeInBits().getFixedValue()));
  unsigned Bits = V->getType()->getPrimitiveSizeInBits();
  return B.CreateZExt(V, B.getIntNTy(Bits > 64 ? 128 : 64));
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
  FunctionCallee WarpArriveWide = M.getOrInsertFunction(
      tx::WarpArriveWideName, Type::getVoidTy(C), I32, Type::getInt128Ty(C));
  for (auto [Call, Kind] : Calls) {
    unsigned Id = Barriers.size();
    BarrierSources.push_back(
        {tx::isProgramBlockBarrier(*Call), Call->getDebugLoc()});
    if (Kind == tx::BarrierKind::Warp) {
      // The collective itself moves after the cut; before it, the lane
      // publishes its operand.
      IRBuilder<> B(Call);
      Value *Operand = warpOperand(B, *Call);
      B.CreateCall(Operand->getType()->getPrimitiveSizeInBits() > 64
                       ? WarpArriveWide
                       : WarpArrive,
                   {B.getInt32(Id), Operand});
      BasicBlock *CutBlock = SplitBlock(Call->getParent(), Call);
      BasicBlock *Continuation =
          SplitBlock(CutBlock, Call, static_cast<DominatorTree *>(nullptr),
                     nullptr, nullptr, CutBlock->getName() + ".cont");
      Barriers.push_back({CutBlock, Continuation, Kind, Call});
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

/// The first of the stores into Slot in Block, of those before Point if
/// there is one; null if none.
static StoreInst *firstStoreBefore(AllocaInst *Slot, BasicBlock *Block,
                                   Instruction *Point) {
  StoreInst *First = nullptr;
  for (User *SlotUser : Slot->users()) {
    auto *Store = dyn_cast<StoreInst>(SlotUser);
    if (Store && Store->getPointerOperand() == Slot &&
        Store->getParent() == Block && (!Point || Store->comesBefore(Point)) &&
        (!First || Store->comesBefore(First)))
      First = Store;
  }
  return First;
}

/// Where a reload of the Slot of a phi of PhiBlock reads the phi's value
/// for use U. DemotePHIToStack stores the next value at the end of each
/// block PhiBlock is entered from: a use after that store reads before it,
/// the copy into another phi's slot above all (a rotation of phis, x0 = x1,
/// x1 = x2, ..., copied in the wrong order read the values of the next
/// iteration: cuRAND's XORWOW state after SROA), or a use on the way out
/// of the loop from there.
static Instruction *reloadPointFor(AllocaInst *Slot, BasicBlock *PhiBlock,
                                   const Use &U) {
  Instruction *Point = tx::insertionPointFor(U);
  BasicBlock *Block = Point->getParent();
  if (BasicBlock *Pred = Block->getSinglePredecessor();
      Pred && Block != PhiBlock)
    if (StoreInst *Store = firstStoreBefore(Slot, Pred, nullptr))
      return Store;
  if (StoreInst *Store = firstStoreBefore(Slot, Block, Point))
    return Store;
  return Point;
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
      Copy->insertBefore(reloadPointFor(Slot, Reload->getParent(), *U));
      U->set(Copy);
    }
    Reload->eraseFromParent();
  }
}

namespace {
/// Where a scalar comes from: lane Lane of vector Vector, or (no Vector)
/// a constant.
struct LaneSource {
  Value *Vector = nullptr;
  unsigned Lane = 0;
};
} // namespace

/// Looks through extractvalue of an aggregate built by insertvalue (a
/// returned fragment) to an extractelement with a constant lane.
static std::optional<LaneSource> laneSourceOf(Value *V) {
  if (isa<Constant>(V))
    return LaneSource{};
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    auto *Extract = dyn_cast<ExtractValueInst>(V);
    if (!Extract)
      break;
    V = FindInsertedValue(Extract->getAggregateOperand(),
                          Extract->getIndices());
    if (!V)
      return std::nullopt;
  }
  auto *Element = dyn_cast<ExtractElementInst>(V);
  auto *Lane =
      Element ? dyn_cast<ConstantInt>(Element->getIndexOperand()) : nullptr;
  if (!Lane)
    return std::nullopt;
  return LaneSource{Element->getVectorOperand(),
                    unsigned(Lane->getZExtValue())};
}

/// A warp matrix fragment's registers come back from the product as one
/// vector per lane, but the program keeps them as scalars (frag.x[i]), so
/// a tile loop's accumulator is a header phi per element, each demoted to
/// a scratch slot of its own: eight reads and writes through eight
/// pointers per fragment on each side of every cut. Phis of one block that
/// take the lanes of one vector on each incoming edge (constants on
/// others) become one phi of that vector, read lane by lane where the
/// scalars were used; one slot then carries them, and it is the slot the
/// product's next result is stored to.
void KernelLowering::packVectorLanePhis() {
  for (BasicBlock &BB : Kernel) {
    SmallVector<BasicBlock *, 4> Preds(predecessors(&BB));
    if (Preds.empty() || !isa<PHINode>(BB.front()))
      continue;
    // Phis keyed by the vector (or none: a constant) on each edge.
    SmallVector<std::pair<SmallVector<Value *, 4>,
                          SmallVector<std::pair<PHINode *, unsigned>, 8>>,
                4>
        Groups;
    for (PHINode &Phi : BB.phis()) {
      if (Phi.getType()->isVectorTy() || Uniform.contains(&Phi) ||
          Phi.getNumIncomingValues() != Preds.size())
        continue;
      SmallVector<Value *, 4> Key;
      std::optional<unsigned> Lane;
      bool Fits = true;
      for (BasicBlock *Pred : Preds) {
        std::optional<LaneSource> Source =
            laneSourceOf(Phi.getIncomingValueForBlock(Pred));
        Fits &= Source && (!Source->Vector || !Lane || *Lane == Source->Lane);
        if (!Fits)
          break;
        if (Source->Vector)
          Lane = Source->Lane;
        Key.push_back(Source->Vector);
      }
      if (!Fits || !Lane)
        continue;
      auto *Group = find_if(Groups, [&](auto &G) { return G.first == Key; });
      if (Group == Groups.end())
        Group = &Groups.emplace_back(
            Key, SmallVector<std::pair<PHINode *, unsigned>, 8>());
      Group->second.push_back({&Phi, *Lane});
    }
    for (auto &[Key, Members] : Groups)
      if (Members.size() >= 2)
        packPhis(BB, Preds, Key, Members);
  }
}

void KernelLowering::packPhis(
    BasicBlock &BB, ArrayRef<BasicBlock *> Preds, ArrayRef<Value *> Vectors,
    ArrayRef<std::pair<PHINode *, unsigned>> Members) {
  auto *VectorTy = cast<FixedVectorType>(
      (*find_if(Vectors, [](Value *V) { return V; }))->getType());
  SmallSet<unsigned, 8> Lanes;
  for (auto [Phi, Lane] : Members)
    if (Lane >= VectorTy->getNumElements() || !Lanes.insert(Lane).second ||
        Phi->getType() != VectorTy->getElementType())
      return;
  for (Value *V : Vectors)
    if (V && V->getType() != VectorTy)
      return;
  PHINode *Packed =
      PHINode::Create(VectorTy, Preds.size(),
                      Members.front().first->getName() + ".lanes", BB.begin());
  for (unsigned E = 0; E < Preds.size(); ++E) {
    Value *In = Vectors[E];
    if (!In) {
      SmallVector<Constant *, 16> Elements(
          VectorTy->getNumElements(),
          PoisonValue::get(VectorTy->getElementType()));
      for (auto [Phi, Lane] : Members)
        Elements[Lane] =
            cast<Constant>(Phi->getIncomingValueForBlock(Preds[E]));
      In = ConstantVector::get(Elements);
    }
    Packed->addIncoming(In, Preds[E]);
  }
  SmallVector<WeakTrackingVH, 16> Dead;
  for (auto [Phi, Lane] : Members) {
    SmallVector<Use *, 8> Uses;
    for (Use &U : Phi->uses())
      Uses.push_back(&U);
    for (Use *U : Uses)
      U->set(ExtractElementInst::Create(
          Packed, ConstantInt::get(Type::getInt32Ty(C), Lane), Phi->getName(),
          tx::insertionPointFor(*U)));
    for (Value *In : Phi->incoming_values())
      Dead.push_back(In);
    Phi->eraseFromParent();
  }
  // The scalars' old sources (extractelement, extractvalue, insertvalue).
  while (!Dead.empty()) {
    auto *I = dyn_cast_or_null<Instruction>(Dead.pop_back_val());
    if (!I || Uniform.contains(I) || !isInstructionTriviallyDead(I))
      continue;
    for (Value *Op : I->operands())
      Dead.push_back(Op);
    I->eraseFromParent();
  }
}

/// A loop's next value of a per-thread variable (a tile loop's
/// accumulator) is computed in one region and taken over by the header's
/// phi in the next; demoted separately, each iteration would copy it from
/// its own slot into the phi's, per thread -- for a warp's matrix
/// fragments, hundreds of bytes. It can share the phi's slot instead when
/// the phi's value is dead wherever the next value is (an out-of-SSA
/// coalescing): the phi's only latch value, computed inside the loop after
/// the phi's last use on every path (its uses after the loop read it from
/// the shared slot). A value two phis take shares the first one's slot.
DenseMap<PHINode *, Instruction *> KernelLowering::findSlotSharingCarriedValues(
    const SmallSetVector<Instruction *, 16> &ToDemote,
    DenseMap<BasicBlock *, SmallSetVector<Instruction *, 16>> &LiveIn) {
  DenseMap<PHINode *, Instruction *> Pairs;
  SmallPtrSet<Instruction *, 8> Taken;
  DominatorTree DT(Kernel);
  for (Instruction *I : ToDemote) {
    auto *Phi = dyn_cast<PHINode>(I);
    if (!Phi || Phi->getNumIncomingValues() != 2 || isThreadPure(Phi))
      continue;
    BasicBlock *Header = Phi->getParent();
    // The incoming edge from inside the loop (the header dominates it).
    unsigned Back = DT.dominates(Header, Phi->getIncomingBlock(0)) ? 0 : 1;
    if (!DT.dominates(Header, Phi->getIncomingBlock(Back)) ||
        DT.dominates(Header, Phi->getIncomingBlock(1 - Back)))
      continue;
    auto *Next = dyn_cast<Instruction>(Phi->getIncomingValue(Back));
    if (!Next || isa<PHINode>(Next) || Next->isTerminator() ||
        !ToDemote.contains(Next) || isThreadPure(Next) ||
        Phi->getIncomingValue(1 - Back) == Next ||
        !DT.dominates(Header, Next->getParent()))
      continue;
    BasicBlock *Home = Next->getParent();
    bool PhiLiveAfter = any_of(Phi->users(), [&](User *U) {
      auto *UserI = cast<Instruction>(U);
      return UserI->getParent() == Home && Next->comesBefore(UserI);
    });
    for (BasicBlock *Succ : successors(Home)) {
      PhiLiveAfter |= LiveIn[Succ].contains(Phi);
      for (PHINode &SuccPhi : Succ->phis())
        PhiLiveAfter |= SuccPhi.getIncomingValueForBlock(Home) == Phi;
    }
    if (!PhiLiveAfter && Taken.insert(Next).second)
      Pairs[Phi] = Next;
  }
  return Pairs;
}

/// DemotePHIToStack stored Next into Slot at the end of the latch; store it
/// where it is computed instead, and read it back from there wherever else
/// it is used (after the loop: every way there passes Next again after
/// another value entered the slot), so that it needs no slot of its own.
void KernelLowering::storeWhereComputed(Instruction *Next, AllocaInst *Slot) {
  StoreInst *Store = nullptr;
  SmallVector<Use *, 4> Reads;
  for (Use &U : Next->uses()) {
    auto *User = dyn_cast<StoreInst>(U.getUser());
    if (!Store && User && User->getPointerOperand() == Slot &&
        U.getOperandNo() == 0)
      Store = User;
    else
      Reads.push_back(&U);
  }
  assert(Store && "the phi's latch store");
  Store->moveAfter(Next);
  for (Use *U : Reads)
    U->set(new LoadInst(Next->getType(), Slot, Next->getName() + ".shared",
                        tx::insertionPointFor(*U)));
  ++NumCoalesced;
}

/// Standard backward liveness over the kernel's CFG; every SSA value that is
/// live into a barrier block is demoted to an alloca, which later becomes a
/// per-thread scratch slot.
void KernelLowering::demoteValuesLiveAcrossBarriers() {
  packVectorLanePhis();
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
  DenseMap<PHINode *, Instruction *> CarriedInto =
      findSlotSharingCarriedValues(ToDemote, LiveIn);
  SmallPtrSet<Instruction *, 16> Carried;
  for (auto &[Phi, Next] : CarriedInto)
    Carried.insert(Next);
  // Demote in program order so that slot numbering is deterministic.
  SmallVector<Instruction *, 16> Sorted;
  for (Instruction &I : instructions(Kernel))
    if (ToDemote.contains(&I))
      Sorted.push_back(&I);
  BasicBlock::iterator AllocaPoint =
      Kernel.getEntryBlock().getFirstInsertionPt();
  DenseSet<Value *> Divergent = tx::findDivergentValues(Kernel);
  DenseSet<Value *> DivergentInAlignedWarps =
      tx::findDivergentValues(Kernel, /*AssumeFullAlignedWarps=*/true);
  for (Instruction *I : Sorted) {
    if (Carried.contains(I))
      continue; // stored into its phi's slot where it is computed
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
      if (Instruction *Next = CarriedInto.lookup(Phi))
        storeWhereComputed(Next, Slot);
    } else {
      Slot = DemoteRegToStack(*I, false, AllocaPoint);
    }
    DemotedSlots.insert(Slot);
    if (!Divergent.contains(I)) {
      UniformSlots.insert(Slot);
    } else if (!DivergentInAlignedWarps.contains(I)) {
      UniformSlots.insert(Slot);
      LaneUniformSlots.insert(Slot);
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
