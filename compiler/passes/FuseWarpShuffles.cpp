//===- FuseWarpShuffles.cpp - A warp's chain of shuffles as one exchange --===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A warp reduction, once UnrollSmallLoops has unrolled it, is a chain of
// shuffles with constant lane operands, each feeding the next through
// lane-wise arithmetic:
//
//   V1 = V0 + shfl_xor(V0, 16);  V2 = V1 + shfl_xor(V1, 8);  ...  V5
//
// WorkItemLoops cuts a kernel at every warp collective, so such a chain
// costs a region per shuffle: every thread stores its value, the block takes
// a snapshot of the exchange slots, and a new thread loop reads them back
// (about 15 instructions per thread and step for one add). This pass
// replaces the chain by one collective,
//
//   V5 = __tx_shfl_chain.<in>.<out>(@body, V0)
//
// whose body computes the chain for a whole warp at once, as vector code over
// its 32 lanes (`<32 x float>`, each shuffle a constant permutation): one cut
// instead of five, and after it the lanes combine in registers. WorkItemLoops
// runs the body once per warp after the cut.
//
// A chain is what is computed from one per-lane value (its input),
// constants and a few parameters by lane-wise instructions and shuffles,
// within a basic block, with one value used outside it. Parameters are
// 32-bit values defined before the chain that its steps read: CUB clamps
// the shuffles of a partial warp's reduction at `last_lane`, a run-time
// value. Each lane publishes its input and parameters packed into one
// integer (`__tx_shfl_chain.i128.i64` for a 64-bit sum with a clamp), and
// a shuffle whose lane or segment operand is not a constant computes its
// source lanes in the body and gathers. The body keeps PTX's semantics
// exactly: a lane whose source lane is out of its segment, or did not
// arrive, gets its own value. The cut moves from the
// first shuffle to the chain's end; that is safe because no instruction in
// between touches memory or synchronises the block (the search stops at
// one); other warp collectives only exchange values, so chains may
// interleave.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"
#include "WarpCollectiveLowering.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/VectorUtils.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <optional>
#include <string>

using namespace llvm;

#define DEBUG_TYPE "tx-fuse-warp-shuffles"

STATISTIC(NumChains, "Chains of warp shuffles fused into one exchange");
STATISTIC(NumFusedShuffles, "Warp shuffles fused into chains");

static constexpr unsigned WarpSize = 32;

namespace {
/// Instructions computed from Input and Parameters that end in Outputs, in
/// program order.
struct ShuffleChain {
  Value *Input = nullptr;
  /// The values used outside the chain, in program order: one, or a few
  /// packed into one result (a 64-bit value's two shuffled words, when the
  /// optimiser sank the step that joins them into the block of the one
  /// lane that uses the sum).
  SmallVector<Instruction *, 2> Outputs;
  SmallVector<Instruction *, 32> Members;
  SmallSetVector<Value *, 2> Parameters;
};
} // namespace

/// Integers and IEEE floating point of at most 64 bits: what a lane's
/// exchange slot can carry.
static bool isLaneData(Type *Ty) {
  if (auto *Int = dyn_cast<IntegerType>(Ty))
    return Int->getBitWidth() <= 64;
  return Ty->isHalfTy() || Ty->isBFloatTy() || Ty->isFloatTy() ||
         Ty->isDoubleTy();
}

/// Chains publish their input and parameters in one lane slot of at most
/// this many bits (see WorkItemLoops' exchange slots).
static constexpr unsigned MaxPackedBits = 128;
/// Parameters are published as 32-bit fields.
static constexpr unsigned ParameterBits = 32;

/// A shuffle whose source lane depends only on the lane: constant lane
/// operand and segment mask.
static bool isFixedShuffle(const Instruction &I) {
  if (!tx::isWarpShuffle(I))
    return false;
  const auto &Call = cast<CallInst>(I);
  return isa<ConstantInt>(Call.getArgOperand(2)) &&
         isa<ConstantInt>(Call.getArgOperand(3));
}

/// A lane's result depends only on that lane's operands, the instruction
/// has a vector form, and computing it for lanes that are absent cannot
/// trap (no memory, no integer division).
static bool isLaneWise(const Instruction &I) {
  if (!isLaneData(I.getType()))
    return false;
  if (auto *II = dyn_cast<IntrinsicInst>(&I)) {
    Intrinsic::ID ID = II->getIntrinsicID();
    if (!isTriviallyVectorizable(ID) || II->mayHaveSideEffects())
      return false;
    for (auto [Idx, Arg] : enumerate(II->args()))
      if (isVectorIntrinsicWithScalarOpAtArg(ID, Idx)
              ? !isa<Constant>(Arg)
              : !isLaneData(Arg->getType()))
        return false;
    return true;
  }
  if (!isa<BinaryOperator>(I) && !isa<UnaryOperator>(I) && !isa<CastInst>(I) &&
      !isa<CmpInst>(I) && !isa<SelectInst>(I))
    return false;
  switch (I.getOpcode()) {
  case Instruction::UDiv:
  case Instruction::SDiv:
  case Instruction::URem:
  case Instruction::SRem:
    return false;
  default:
    break;
  }
  return all_of(I.operands(),
                [](const Use &Op) { return isLaneData(Op->getType()); });
}

static iterator_range<const Use *> dataOperands(const Instruction &I);

/// How deep isKnownPerLane looks through lane-wise steps.
static constexpr unsigned MaxKnownDepth = 4;

/// A value the chain's body knows without a lane's data: a constant, the
/// lane index (which CUB's shuffle steps compute their predicates from,
/// through PTX's %laneid; in the body, lane L's index is L), the linear
/// thread index (the warp's first thread's index, an argument of the body,
/// plus L), or a lane-wise step from those (`lane + 2`, which the optimiser
/// hoists above the chain's input).
static bool isKnownPerLane(const Value *V, unsigned Depth = 0) {
  if (isa<Constant>(V) || tx::isLaneIndex(V) || tx::isLinearThreadIndex(V))
    return true;
  const auto *I = dyn_cast<Instruction>(V);
  if (!I || Depth == MaxKnownDepth || !isLaneWise(*I))
    return false;
  return all_of(dataOperands(*I), [&](const Use &Op) {
    return isKnownPerLane(Op.get(), Depth + 1);
  });
}

/// V is known per lane through the linear thread index.
static bool knownFromLinearThreadIndex(const Value *V, unsigned Depth = 0) {
  if (tx::isLinearThreadIndex(V))
    return true;
  const auto *I = dyn_cast<Instruction>(V);
  if (!I || Depth == MaxKnownDepth || tx::isLaneIndex(V) || !isLaneWise(*I))
    return false;
  return any_of(dataOperands(*I), [&](const Use &Op) {
    return knownFromLinearThreadIndex(Op.get(), Depth + 1);
  });
}

static bool isChainStep(const Instruction &I) {
  return tx::isWarpShuffle(I) || isLaneWise(I);
}

/// The operands a step computes with: not a call's callee, and of a
/// shuffle not its member mask (lanes that arrive are the members); of a
/// fixed shuffle only the value (its lane and segment operands are
/// constants).
static iterator_range<const Use *> dataOperands(const Instruction &I) {
  if (tx::isWarpShuffle(I)) {
    const Use *Value = &cast<CallInst>(I).getArgOperandUse(1);
    return make_range(Value, Value + (isFixedShuffle(I) ? 1 : 3));
  }
  if (const auto *Call = dyn_cast<CallBase>(&I))
    return Call->args();
  return I.operands();
}

/// The chain's input, seen from the first shuffle's operand: the value
/// under the casts and other single-operand lane-wise steps in BB (the
/// double a pair of 32-bit shuffles splits, say).
static Value *chainInput(Value *Operand, BasicBlock *BB) {
  Value *Input = Operand;
  while (auto *I = dyn_cast<Instruction>(Input)) {
    if (I->getParent() != BB || !isLaneWise(*I))
      break;
    Value *Only = nullptr;
    for (const Use &Op : dataOperands(*I)) {
      if (isKnownPerLane(Op.get()))
        continue;
      if (Only && Only != Op.get())
        return Input;
      Only = Op.get();
    }
    if (!Only)
      break;
    Input = Only;
  }
  return Input;
}

/// A value a chain starting at First may take as a parameter: a lane's
/// value of at most 32 bits that is there before the chain (an argument,
/// or an instruction in another block or before First).
static bool mayBeParameter(Value *V, const Instruction &First) {
  if (!isLaneData(V->getType()) ||
      V->getType()->getPrimitiveSizeInBits() > ParameterBits)
    return false;
  if (isa<Argument>(V))
    return true;
  auto *I = dyn_cast<Instruction>(V);
  return I && (I->getParent() != First.getParent() || I->comesBefore(&First));
}

/// Whether I stops the search for a chain: anything that touches memory,
/// synchronises a block or has other effects, since the chain's cut moves
/// past it. Other warp collectives only exchange values between lanes, so
/// the cut may pass them (two reductions interleaved, say).
static bool endsSearch(const Instruction &I) {
  if (tx::isWarpCollective(I))
    return false;
  return I.mayReadOrWriteMemory() || I.mayHaveSideEffects() ||
         tx::isBarrier(I) || I.isTerminator();
}

/// The bits of a lane's published value: its input alone, or the input and
/// a 32-bit field per parameter, packed into 64 or 128 bits (or more, which
/// no lane slot holds).
static unsigned packedBits(const ShuffleChain &Chain) {
  unsigned Bits = Chain.Input->getType()->getPrimitiveSizeInBits();
  if (Chain.Parameters.empty())
    return Bits;
  Bits = alignTo(Bits, ParameterBits) + ParameterBits * Chain.Parameters.size();
  return Bits <= 64 ? 64 : Bits <= 128 ? 128 : Bits;
}

/// The bits of the chain's result: its one output, or the outputs packed
/// at 32-bit (or 64-bit) aligned offsets.
static unsigned outputBits(ArrayRef<Instruction *> Outputs) {
  if (Outputs.size() == 1)
    return Outputs.front()->getType()->getPrimitiveSizeInBits();
  unsigned Bits = 0;
  for (Instruction *Out : Outputs)
    Bits = alignTo(Bits, ParameterBits) +
           alignTo(Out->getType()->getPrimitiveSizeInBits(), ParameterBits);
  return Bits <= 64 ? 64 : Bits <= 128 ? 128 : Bits;
}

/// The result fits in a lane slot.
static bool outputsFit(ArrayRef<Instruction *> Outputs, bool AllowWideLanes) {
  if (Outputs.size() > 1 && any_of(Outputs, [](Instruction *Out) {
        return !isLaneData(Out->getType());
      }))
    return false;
  unsigned Bits = outputBits(Outputs);
  return Bits <= 64 || (Bits <= MaxPackedBits && AllowWideLanes);
}

/// The chain that starts at the shuffle First, if there is one worth fusing
/// (two shuffles or more). AllowWideLanes: the kernel's lane slots may be
/// 128 bits wide (it has no vote, match or reduce, which read 64-bit
/// slots).
static std::optional<ShuffleChain> findChain(CallInst &First,
                                             bool AllowWideLanes) {
  BasicBlock *BB = First.getParent();
  Value *Input = chainInput(First.getArgOperand(1), BB);
  if (isa<Constant>(Input))
    return std::nullopt;
  auto *InputInst = dyn_cast<Instruction>(Input);
  BasicBlock::iterator Start = InputInst && InputInst->getParent() == BB
                                   ? std::next(InputInst->getIterator())
                                   : BB->begin();
  // Derived: the lane-wise steps and fixed shuffles computed from Input and
  // constants alone. AfterShuffle: those that depend on a shuffle, whose
  // values must not be needed outside the chain (only Input's own
  // derivations can stay where they are). FromFirst: those that depend on
  // First; parameters can make other chains' steps Derived too (two
  // reductions of values computed from the thread index), and only
  // First's own chain has its output here.
  SmallSetVector<Instruction *, 32> Derived;
  SmallPtrSet<Instruction *, 32> AfterShuffle, FromFirst;
  bool PastFirst = false;
  for (Instruction &I : make_range(Start, BB->end())) {
    PastFirst |= &I == &First;
    if (PastFirst && endsSearch(I))
      break;
    if (!isChainStep(I))
      continue;
    bool FromInput = true, FromShuffle = tx::isWarpShuffle(I);
    bool DependsOnFirst = &I == &First;
    for (const Use &Op : dataOperands(I)) {
      Value *V = Op.get();
      if (isKnownPerLane(V) || V == Input)
        continue;
      auto *OpInst = dyn_cast<Instruction>(V);
      if (OpInst && Derived.contains(OpInst)) {
        FromShuffle |= AfterShuffle.contains(OpInst);
        DependsOnFirst |= FromFirst.contains(OpInst);
        continue;
      }
      // Before the first shuffle, steps from other values are not the
      // chain's; after it, those values are parameters.
      if (!PastFirst || !mayBeParameter(V, First)) {
        FromInput = false;
        break;
      }
    }
    if (!FromInput)
      continue;
    if (FromShuffle && !PastFirst)
      continue;
    Derived.insert(&I);
    if (FromShuffle)
      AfterShuffle.insert(&I);
    if (DependsOnFirst)
      FromFirst.insert(&I);
  }
  if (!AfterShuffle.contains(&First))
    return std::nullopt;

  // The values from First that are used outside the chain.
  SmallVector<Instruction *, 2> Outputs;
  for (Instruction *I : Derived) {
    if (!FromFirst.contains(I))
      continue;
    bool Escapes = any_of(I->users(), [&](User *U) {
      auto *UserInst = cast<Instruction>(U);
      return !Derived.contains(UserInst) || isa<PHINode>(UserInst);
    });
    if (Escapes)
      Outputs.push_back(I);
  }
  if (Outputs.empty() || !outputsFit(Outputs, AllowWideLanes))
    return std::nullopt;
  // The chain's call replaces the last output; every other output's users
  // outside the chain must come after it.
  Instruction *Last = Outputs.back();
  for (Instruction *Out : Outputs)
    for (User *U : Out->users()) {
      auto *UserInst = cast<Instruction>(U);
      if (UserInst->getParent() == BB && !Derived.contains(UserInst) &&
          UserInst->comesBefore(Last))
        return std::nullopt;
    }
  // Steps after the last shuffle that only convert the result (an int sum
  // stored as a double) or combine it with a value from outside the chain
  // (CUB's look-back adds the window's sum to a running prefix) stay
  // outside, where they cannot widen the lanes or add parameters.
  Instruction *&Output = Outputs.front();
  while (Outputs.size() == 1 && !tx::isWarpShuffle(*Output)) {
    Instruction *Only = nullptr;
    for (const Use &Op : dataOperands(*Output)) {
      auto *OpInst = dyn_cast<Instruction>(Op.get());
      if (isKnownPerLane(Op.get()) || !OpInst || !Derived.contains(OpInst))
        continue;
      if (Only || !AfterShuffle.contains(OpInst)) {
        Only = nullptr;
        break;
      }
      Only = OpInst;
    }
    if (!Only || !Only->hasOneUse())
      break;
    Output = Only;
  }

  // The members: what the outputs are computed from.
  SmallPtrSet<Instruction *, 32> Needed(Outputs.begin(), Outputs.end());
  SmallVector<Instruction *, 32> Work(Outputs.begin(), Outputs.end());
  while (!Work.empty()) {
    Instruction *I = Work.pop_back_val();
    for (const Use &Op : dataOperands(*I))
      if (auto *OpInst = dyn_cast<Instruction>(Op.get()))
        if (Derived.contains(OpInst) && Needed.insert(OpInst).second)
          Work.push_back(OpInst);
  }
  ShuffleChain Chain;
  Chain.Input = Input;
  Chain.Outputs = Outputs;
  unsigned Shuffles = 0;
  for (Instruction *I : Derived) {
    if (!Needed.contains(I))
      continue;
    Chain.Members.push_back(I);
    Shuffles += tx::isWarpShuffle(*I);
    for (const Use &Op : dataOperands(*I)) {
      auto *OpInst = dyn_cast<Instruction>(Op.get());
      if (Op.get() != Input && !isKnownPerLane(Op.get()) &&
          !(OpInst && Derived.contains(OpInst)))
        Chain.Parameters.insert(Op.get());
    }
  }
  if (Shuffles < 2 || packedBits(Chain) > MaxPackedBits ||
      (packedBits(Chain) > 64 && !AllowWideLanes))
    return std::nullopt;
  return Chain;
}

/// Lane L's source lane for a shuffle with constant operands, or L itself
/// where PTX gives the lane its own value (source out of the segment).
static int sourceLane(const CallInst &Shuffle, unsigned Lane) {
  unsigned Operand =
      cast<ConstantInt>(Shuffle.getArgOperand(2))->getZExtValue() & 31;
  unsigned Packed = cast<ConstantInt>(Shuffle.getArgOperand(3))->getZExtValue();
  unsigned SegMask = (Packed >> 8) & 31, Clamp = Packed & 31;
  unsigned MinLane = Lane & SegMask;
  unsigned MaxLane = MinLane | (Clamp & ~SegMask);
  switch (Shuffle.getCalledFunction()->getIntrinsicID()) {
  case Intrinsic::nvvm_shfl_sync_idx_i32:
  case Intrinsic::nvvm_shfl_sync_idx_f32: {
    unsigned Src = MinLane | (Operand & ~SegMask);
    return Src <= MaxLane ? int(Src) : int(Lane);
  }
  case Intrinsic::nvvm_shfl_sync_up_i32:
  case Intrinsic::nvvm_shfl_sync_up_f32: {
    int Src = int(Lane) - int(Operand);
    return Src >= int(MaxLane) ? Src : int(Lane);
  }
  case Intrinsic::nvvm_shfl_sync_down_i32:
  case Intrinsic::nvvm_shfl_sync_down_f32: {
    unsigned Src = Lane + Operand;
    return Src <= MaxLane ? int(Src) : int(Lane);
  }
  default: {
    unsigned Src = Lane ^ Operand;
    return Src <= MaxLane ? int(Src) : int(Lane);
  }
  }
}

/// The warp's lanes as a vector: lane L is at element L.
static FixedVectorType *warpVector(Type *Ty) {
  return FixedVectorType::get(Ty, WarpSize);
}

/// <0, 1, ..., 31> of type Ty.
static Constant *laneIndices(Type *Ty) {
  SmallVector<Constant *, WarpSize> Lanes;
  for (unsigned Lane = 0; Lane < WarpSize; ++Lane)
    Lanes.push_back(ConstantInt::get(Ty, Lane));
  return ConstantVector::get(Lanes);
}

/// sourceLane for every lane at once, from the lane and segment operands'
/// vectors (<32 x i32>), as PTX defines shfl.sync.
static Value *sourceLanes(IRBuilder<> &B, const CallInst &Shuffle,
                          Value *Operand, Value *Packed) {
  Type *I32 = B.getInt32Ty();
  auto Splat = [&](unsigned C) {
    return ConstantVector::getSplat(ElementCount::getFixed(WarpSize),
                                    ConstantInt::get(I32, C));
  };
  Value *Lane = laneIndices(I32);
  Value *B5 = B.CreateAnd(Operand, Splat(31));
  Value *SegMask = B.CreateAnd(B.CreateLShr(Packed, Splat(8)), Splat(31));
  Value *NotSegMask = B.CreateXor(SegMask, Splat(31));
  Value *MinLane = B.CreateAnd(Lane, SegMask);
  Value *MaxLane = B.CreateOr(
      MinLane, B.CreateAnd(B.CreateAnd(Packed, Splat(31)), NotSegMask));
  Value *Src, *Valid;
  switch (Shuffle.getCalledFunction()->getIntrinsicID()) {
  case Intrinsic::nvvm_shfl_sync_idx_i32:
  case Intrinsic::nvvm_shfl_sync_idx_f32:
    Src = B.CreateOr(MinLane, B.CreateAnd(B5, NotSegMask));
    Valid = B.CreateICmpULE(Src, MaxLane);
    break;
  case Intrinsic::nvvm_shfl_sync_up_i32:
  case Intrinsic::nvvm_shfl_sync_up_f32:
    Src = B.CreateSub(Lane, B5);
    Valid = B.CreateICmpSGE(Src, MaxLane);
    break;
  case Intrinsic::nvvm_shfl_sync_down_i32:
  case Intrinsic::nvvm_shfl_sync_down_f32:
    Src = B.CreateAdd(Lane, B5);
    Valid = B.CreateICmpULE(Src, MaxLane);
    break;
  default:
    Src = B.CreateXor(Lane, B5);
    Valid = B.CreateICmpULE(Src, MaxLane);
    break;
  }
  return B.CreateSelect(Valid, Src, Lane, "src.lanes");
}

/// Own[Sources[L]] for every lane L (Sources in [0, 32)): the vector goes
/// through a stack slot of the body and comes back as a gather.
static Value *gatherLanes(IRBuilder<> &B, Value *Own, Value *Sources) {
  Function *Body = B.GetInsertBlock()->getParent();
  IRBuilder<> Entry(&*Body->getEntryBlock().getFirstInsertionPt());
  AllocaInst *Slot = Entry.CreateAlloca(Own->getType(), nullptr, "lanes.slot");
  Type *Elt = cast<VectorType>(Own->getType())->getElementType();
  Align EltAlign(Elt->getPrimitiveSizeInBits() / 8);
  B.CreateStore(Own, Slot);
  Value *Ptrs = B.CreateInBoundsGEP(Elt, Slot, Sources);
  return B.CreateMaskedGather(Own->getType(), Ptrs, EltAlign,
                              ConstantInt::getTrue(warpVector(B.getInt1Ty())),
                              nullptr, "lanes.moved");
}

/// I for all lanes at once; Vec maps the chain's values to their vectors.
static Value *vectorise(IRBuilder<> &B, Instruction &I,
                        DenseMap<Value *, Value *> &Vec, Value *Arrived,
                        Value *ArrivedMask) {
  auto Operand = [&](Value *V) -> Value * {
    if (auto *C = dyn_cast<Constant>(V))
      return ConstantVector::getSplat(ElementCount::getFixed(WarpSize), C);
    if (tx::isLaneIndex(V))
      return laneIndices(V->getType());
    if (tx::isLinearThreadIndex(V)) {
      Function *Body = B.GetInsertBlock()->getParent();
      Value *Base = Body->getArg(tx::ShuffleChainWarpBaseArg);
      return B.CreateAdd(B.CreateVectorSplat(WarpSize, Base),
                         laneIndices(V->getType()), "linear.tids");
    }
    if (Value *Known = Vec.lookup(V))
      return Known;
    // A value known per lane from outside the chain: computed again here.
    Value *Known =
        vectorise(B, *cast<Instruction>(V), Vec, Arrived, ArrivedMask);
    Vec[V] = Known;
    return Known;
  };
  auto CopyFlags = [&](Value *New) {
    if (auto *NewInst = dyn_cast<Instruction>(New))
      NewInst->copyIRFlags(&I);
    return New;
  };
  if (isFixedShuffle(I)) {
    auto &Shuffle = cast<CallInst>(I);
    SmallVector<int, WarpSize> Sources;
    for (unsigned Lane = 0; Lane < WarpSize; ++Lane)
      Sources.push_back(sourceLane(Shuffle, Lane));
    Value *Own = Operand(Shuffle.getArgOperand(1));
    Value *Moved = B.CreateShuffleVector(Own, Sources, "lanes.moved");
    Value *SourceArrived = B.CreateShuffleVector(Arrived, Sources);
    return B.CreateSelect(SourceArrived, Moved, Own, "lanes.shuffled");
  }
  if (tx::isWarpShuffle(I)) {
    auto &Shuffle = cast<CallInst>(I);
    Value *Sources = sourceLanes(B, Shuffle, Operand(Shuffle.getArgOperand(2)),
                                 Operand(Shuffle.getArgOperand(3)));
    Value *Own = Operand(Shuffle.getArgOperand(1));
    Value *Moved = gatherLanes(B, Own, Sources);
    // Bit Sources[L] of the arrived mask.
    Value *Bits =
        B.CreateLShr(B.CreateVectorSplat(WarpSize, ArrivedMask), Sources);
    Value *SourceArrived = B.CreateTrunc(Bits, warpVector(B.getInt1Ty()));
    return B.CreateSelect(SourceArrived, Moved, Own, "lanes.shuffled");
  }
  if (auto *II = dyn_cast<IntrinsicInst>(&I)) {
    Intrinsic::ID ID = II->getIntrinsicID();
    SmallVector<Value *, 4> Args;
    SmallVector<Type *, 2> Overloads;
    if (isVectorIntrinsicWithOverloadTypeAtArg(ID, -1))
      Overloads.push_back(warpVector(II->getType()));
    for (auto [Idx, Arg] : enumerate(II->args())) {
      bool Scalar = isVectorIntrinsicWithScalarOpAtArg(ID, Idx);
      Args.push_back(Scalar ? Arg.get() : Operand(Arg));
      if (isVectorIntrinsicWithOverloadTypeAtArg(ID, Idx))
        Overloads.push_back(Args.back()->getType());
    }
    Function *Decl = Intrinsic::getDeclaration(B.GetInsertBlock()->getModule(),
                                               ID, Overloads);
    return CopyFlags(B.CreateCall(Decl, Args));
  }
  if (auto *Bin = dyn_cast<BinaryOperator>(&I))
    return CopyFlags(B.CreateBinOp(Bin->getOpcode(), Operand(I.getOperand(0)),
                                   Operand(I.getOperand(1))));
  if (auto *Un = dyn_cast<UnaryOperator>(&I))
    return CopyFlags(B.CreateUnOp(Un->getOpcode(), Operand(I.getOperand(0))));
  if (auto *Cast = dyn_cast<CastInst>(&I))
    return B.CreateCast(Cast->getOpcode(), Operand(I.getOperand(0)),
                        warpVector(I.getType()));
  if (auto *Cmp = dyn_cast<CmpInst>(&I))
    return CopyFlags(B.CreateCmp(Cmp->getPredicate(), Operand(I.getOperand(0)),
                                 Operand(I.getOperand(1))));
  auto &Select = cast<SelectInst>(I);
  return CopyFlags(B.CreateSelect(Operand(Select.getCondition()),
                                  Operand(Select.getTrueValue()),
                                  Operand(Select.getFalseValue())));
}

/// Where a lane's published value keeps parameter Idx: above the input,
/// in 32-bit fields.
static unsigned parameterOffset(const ShuffleChain &Chain, unsigned Idx) {
  unsigned InBits = Chain.Input->getType()->getPrimitiveSizeInBits();
  return alignTo(InBits, ParameterBits) + ParameterBits * Idx;
}

/// The integer type a lane publishes: the input's own type without
/// parameters.
static Type *publishedType(const ShuffleChain &Chain) {
  if (Chain.Parameters.empty())
    return Chain.Input->getType();
  return IntegerType::get(Chain.Input->getContext(), packedBits(Chain));
}

/// V (a lane value of at most Bits bits, or a vector of them) as the
/// integer of its bits.
static Value *asBits(IRBuilder<> &B, Value *V) {
  Type *Ty = V->getType();
  Type *Int = B.getIntNTy(Ty->getScalarSizeInBits());
  if (auto *Vec = dyn_cast<FixedVectorType>(Ty))
    Int = FixedVectorType::get(Int, Vec->getNumElements());
  return B.CreateBitCast(V, Int);
}

/// The bits of field [Offset, Offset + bits of Ty) of Packed, as Ty.
static Value *unpackField(IRBuilder<> &B, Value *Packed, unsigned Offset,
                          Type *Ty) {
  Type *Int = B.getIntNTy(Ty->getScalarSizeInBits());
  if (auto *Vec = dyn_cast<FixedVectorType>(Ty))
    Int = FixedVectorType::get(Int, Vec->getNumElements());
  Value *Shifted =
      B.CreateLShr(Packed, ConstantInt::get(Packed->getType(), Offset));
  return B.CreateBitCast(B.CreateTrunc(Shifted, Int), Ty);
}

/// The value a lane publishes: its input, with the parameters packed
/// above it.
static Value *packLane(IRBuilder<> &B, const ShuffleChain &Chain) {
  Type *PackedTy = publishedType(Chain);
  if (Chain.Parameters.empty())
    return Chain.Input;
  Value *Packed = B.CreateZExt(asBits(B, Chain.Input), PackedTy);
  for (auto [Idx, Parameter] : enumerate(Chain.Parameters)) {
    Value *Field = B.CreateZExt(asBits(B, Parameter), PackedTy);
    Packed = B.CreateOr(Packed, B.CreateShl(Field, parameterOffset(Chain, Idx)),
                        "packed");
  }
  return Packed;
}

/// Some member reads the linear thread index.
static bool readsLinearThreadIndex(const ShuffleChain &Chain) {
  return any_of(Chain.Members, [](Instruction *I) {
    return any_of(dataOperands(*I), [](const Use &Op) {
      return knownFromLinearThreadIndex(Op.get());
    });
  });
}

/// Where output Idx of a chain with several is in the result.
static unsigned outputOffset(ArrayRef<Instruction *> Outputs, unsigned Idx) {
  unsigned Offset = 0;
  for (unsigned I = 0; I < Idx; ++I)
    Offset =
        alignTo(Offset, ParameterBits) +
        alignTo(Outputs[I]->getType()->getPrimitiveSizeInBits(), ParameterBits);
  return alignTo(Offset, ParameterBits);
}

/// The type of the chain's result: its output's, or an integer that packs
/// its outputs.
static Type *resultType(const ShuffleChain &Chain) {
  if (Chain.Outputs.size() == 1)
    return Chain.Outputs.front()->getType();
  return IntegerType::get(Chain.Input->getContext(), outputBits(Chain.Outputs));
}

/// The chain's body: <32 x Result> (<32 x Published> lanes, i32 arrived
/// mask [, i32 linear index of the warp's first thread]).
static Function *createBody(Module &M, const ShuffleChain &Chain) {
  LLVMContext &C = M.getContext();
  SmallVector<Type *, 3> Params = {warpVector(publishedType(Chain)),
                                   Type::getInt32Ty(C)};
  if (readsLinearThreadIndex(Chain))
    Params.push_back(Type::getInt32Ty(C));
  auto *FnTy = FunctionType::get(warpVector(resultType(Chain)), Params, false);
  Function *Body = Function::Create(FnTy, GlobalValue::InternalLinkage,
                                    tx::ShuffleChainBodyName, M);
  Body->addFnAttr(Attribute::AlwaysInline);
  Body->addFnAttr(Attribute::NoUnwind);
  Body->getArg(0)->setName("lanes");
  Body->getArg(1)->setName("arrived.mask");
  if (Body->arg_size() > tx::ShuffleChainWarpBaseArg)
    Body->getArg(tx::ShuffleChainWarpBaseArg)->setName("warp.base");
  IRBuilder<> B(BasicBlock::Create(C, "entry", Body));
  Value *Arrived = tx::arrivedLanes(B, Body->getArg(1));
  DenseMap<Value *, Value *> Vec;
  Value *Lanes = Body->getArg(0);
  if (Chain.Parameters.empty()) {
    Vec[Chain.Input] = Lanes;
  } else {
    Vec[Chain.Input] =
        unpackField(B, Lanes, 0, warpVector(Chain.Input->getType()));
    for (auto [Idx, Parameter] : enumerate(Chain.Parameters))
      Vec[Parameter] = unpackField(B, Lanes, parameterOffset(Chain, Idx),
                                   warpVector(Parameter->getType()));
  }
  for (Instruction *I : Chain.Members)
    Vec[I] = vectorise(B, *I, Vec, Arrived, Body->getArg(1));
  if (Chain.Outputs.size() == 1) {
    B.CreateRet(Vec[Chain.Outputs.front()]);
    return Body;
  }
  Type *Packed = warpVector(resultType(Chain));
  Value *Result = Constant::getNullValue(Packed);
  for (auto [Idx, Out] : enumerate(Chain.Outputs)) {
    Value *Field = B.CreateZExt(asBits(B, Vec[Out]), Packed);
    Result = B.CreateOr(
        Result,
        B.CreateShl(
            Field, ConstantInt::get(Packed, outputOffset(Chain.Outputs, Idx))));
  }
  B.CreateRet(Result);
  return Body;
}

static std::string typeTag(Type *Ty) {
  if (Ty->isIntegerTy())
    return "i" + std::to_string(Ty->getIntegerBitWidth());
  if (Ty->isBFloatTy())
    return "bf16";
  return "f" + std::to_string(Ty->getPrimitiveSizeInBits().getFixedValue());
}

/// Replaces the chain by a call of its collective, at the chain's end.
static void fuse(Module &M, ShuffleChain &Chain) {
  Function *Body = createBody(M, Chain);
  Type *InTy = publishedType(Chain), *OutTy = resultType(Chain);
  FunctionCallee Collective = M.getOrInsertFunction(
      (tx::ShuffleChainPrefix + typeTag(InTy) + "." + typeTag(OutTy)),
      FunctionType::get(OutTy, {PointerType::getUnqual(M.getContext()), InTy},
                        false));
  cast<Function>(Collective.getCallee())->addFnAttr(Attribute::Convergent);
  Instruction *Last = Chain.Outputs.back();
  IRBuilder<> B(Last);
  CallInst *Call =
      B.CreateCall(Collective, {Body, packLane(B, Chain)}, "chain");
  Call->setDebugLoc(Last->getDebugLoc());
  if (Chain.Outputs.size() == 1)
    Last->replaceAllUsesWith(Call);
  for (auto [Idx, Out] : enumerate(Chain.Outputs)) {
    if (Chain.Outputs.size() == 1)
      break;
    Value *Field =
        unpackField(B, Call, outputOffset(Chain.Outputs, Idx), Out->getType());
    // Members that use the output are erased below.
    Out->replaceUsesWithIf(Field, [&](Use &U) {
      return !is_contained(Chain.Members, U.getUser());
    });
  }
  for (Instruction *I : reverse(Chain.Members)) {
    NumFusedShuffles += tx::isWarpShuffle(*I);
    if (I->use_empty())
      I->eraseFromParent();
  }
  ++NumChains;
}

static bool hasShuffle(const BasicBlock &BB) {
  return any_of(BB, [](const Instruction &I) { return tx::isWarpShuffle(I); });
}

/// A barrier of the block (not a warp collective).
static bool hasBlockBarrier(const BasicBlock &BB) {
  return any_of(BB, [](const Instruction &I) {
    tx::BarrierKind Kind;
    return tx::isBarrier(I, &Kind) && Kind != tx::BarrierKind::Warp;
  });
}

/// Unrolled loops and inlined calls leave a chain's steps in blocks joined
/// by unconditional branches: merging a block into a predecessor with
/// shuffles lets a chain span them. (Only those, and never a block with a
/// barrier: other blocks keep their layout, which ImplicitLoopBarriers
/// reads to order barriers.)
static void mergeShuffleLines(Function &F) {
  bool Merged = true;
  while (Merged) {
    Merged = false;
    SmallVector<BasicBlock *, 16> Blocks;
    for (BasicBlock &BB : F)
      if (!hasBlockBarrier(BB))
        Blocks.push_back(&BB);
    for (BasicBlock *BB : Blocks) {
      BasicBlock *Pred = BB->getSinglePredecessor();
      if (Pred && Pred != BB && Pred->getSingleSuccessor() == BB &&
          hasShuffle(*Pred))
        Merged |= MergeBlockIntoPredecessor(BB);
    }
  }
}

/// Votes, matches and reductions read 64-bit lane slots; without them a
/// kernel's slots may be 128 bits wide.
static bool allowsWideLanes(Function &Kernel) {
  return none_of(instructions(Kernel), [](Instruction &I) {
    return tx::isWarpCollective(I) && !tx::isWarpShuffle(I) &&
           !tx::isWarpShuffleChain(I);
  });
}

static bool fuseIn(Function &Kernel, Module &M) {
  if (none_of(instructions(Kernel),
              [](Instruction &I) { return tx::isWarpShuffle(I); }))
    return false;
  mergeShuffleLines(Kernel);
  bool AllowWideLanes = allowsWideLanes(Kernel);
  bool Changed = false;
  for (BasicBlock &BB : Kernel) {
    SmallVector<WeakTrackingVH, 16> Shuffles;
    for (Instruction &I : BB)
      if (tx::isWarpShuffle(I))
        Shuffles.push_back(&I);
    for (WeakTrackingVH &Handle : Shuffles) {
      auto *Shuffle = dyn_cast_or_null<CallInst>(Handle);
      if (!Shuffle)
        continue;
      if (std::optional<ShuffleChain> Chain =
              findChain(*Shuffle, AllowWideLanes)) {
        fuse(M, *Chain);
        Changed = true;
      }
    }
  }
  return Changed;
}

PreservedAnalyses tx::FuseWarpShufflesPass::run(Module &M,
                                                ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function *Kernel : getKernels(M))
    if (!Kernel->isDeclaration())
      Changed |= fuseIn(*Kernel, M);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
