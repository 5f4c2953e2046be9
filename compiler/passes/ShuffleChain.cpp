//===- ShuffleChain.cpp - A fused chain of warp shuffles ------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// The steps of a chain FuseWarpShuffles fuses, the packing of what a lane
// publishes, and the chain's body. The body computes the chain for a whole
// warp at once, as vector code over its 32 lanes (`<32 x float>`): a
// shuffle with constant operands is a constant permutation
// (`shufflevector`); one with run-time lane or segment operands (read from
// the lanes' published parameters) computes its source lanes with PTX's
// rules and gathers, or, where only the segment varies (the lane operand a
// constant up, down or xor), permutes by the constant and selects. A lane
// whose source lane is out of its segment, or did not arrive, gets its own
// value, as in PTX.
//
//===----------------------------------------------------------------------===//

#include "ShuffleChain.h"
#include "DeviceIR.h"
#include "WarpCollectiveLowering.h"

#include "llvm/Analysis/VectorUtils.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"

#include <optional>
#include <string>

using namespace llvm;

namespace tx::chains {

static constexpr unsigned WarpSize = 32;

/// Integers and IEEE floating point of at most 64 bits: what a lane's
/// exchange slot can carry.
bool isLaneData(Type *Ty) {
  if (auto *Int = dyn_cast<IntegerType>(Ty))
    return Int->getBitWidth() <= 64;
  return Ty->isHalfTy() || Ty->isBFloatTy() || Ty->isFloatTy() ||
         Ty->isDoubleTy();
}

/// A shuffle whose source lane depends only on the lane: constant lane
/// operand and segment mask.
bool isFixedShuffle(const Instruction &I) {
  if (!tx::isWarpShuffle(I))
    return false;
  const auto &Call = cast<CallInst>(I);
  return isa<ConstantInt>(Call.getArgOperand(2)) &&
         isa<ConstantInt>(Call.getArgOperand(3));
}

bool isFixedBallot(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee &&
         Callee->getIntrinsicID() == Intrinsic::nvvm_vote_ballot_sync &&
         isa<ConstantInt>(Call->getArgOperand(0));
}

bool isLaneExchange(const Instruction &I) {
  return tx::isWarpShuffle(I) || isFixedBallot(I);
}

/// A lane's result depends only on that lane's operands, the instruction
/// has a vector form, and computing it for lanes that are absent cannot
/// trap (no memory, no integer division).
bool isLaneWise(const Instruction &I) {
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

/// How deep isKnownPerLane looks through lane-wise steps.
static constexpr unsigned MaxKnownDepth = 4;

/// A value the chain's body knows without a lane's data: a constant, the
/// lane index (which CUB's shuffle steps compute their predicates from,
/// through PTX's %laneid; in the body, lane L's index is L), the linear
/// thread index (the warp's first thread's index, an argument of the body,
/// plus L), or a lane-wise step from those (`lane + 2`, which the optimiser
/// hoists above the chain's input).
bool isKnownPerLane(const Value *V, unsigned Depth) {
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

/// The operands a step computes with: not a call's callee, and of a
/// shuffle not its member mask (lanes that arrive are the members); of a
/// fixed shuffle only the value (its lane and segment operands are
/// constants); of a ballot only the predicate.
iterator_range<const Use *> dataOperands(const Instruction &I) {
  if (isFixedBallot(I)) {
    const Use *Predicate = &cast<CallInst>(I).getArgOperandUse(1);
    return make_range(Predicate, Predicate + 1);
  }
  if (tx::isWarpShuffle(I)) {
    const Use *Value = &cast<CallInst>(I).getArgOperandUse(1);
    return make_range(Value, Value + (isFixedShuffle(I) ? 1 : 3));
  }
  if (const auto *Call = dyn_cast<CallBase>(&I))
    return Call->args();
  return I.operands();
}

/// The bits of a lane's published value: its input alone, or the input and
/// a 32-bit field per parameter, packed into 64 or 128 bits (or more, which
/// no lane slot holds).
unsigned packedBits(const ShuffleChain &Chain) {
  unsigned Bits = Chain.Input->getType()->getPrimitiveSizeInBits();
  if (Chain.Parameters.empty())
    return Bits;
  Bits = alignTo(Bits, ParameterBits) + ParameterBits * Chain.Parameters.size();
  return Bits <= 64 ? 64 : Bits <= 128 ? 128 : Bits;
}

/// The bits of the chain's result: its one output, or the outputs packed
/// at 32-bit (or 64-bit) aligned offsets.
unsigned outputBits(ArrayRef<Instruction *> Outputs) {
  if (Outputs.size() == 1)
    return Outputs.front()->getType()->getPrimitiveSizeInBits();
  unsigned Bits = 0;
  for (Instruction *Out : Outputs)
    Bits = alignTo(Bits, ParameterBits) +
           alignTo(Out->getType()->getPrimitiveSizeInBits(), ParameterBits);
  return Bits <= 64 ? 64 : Bits <= 128 ? 128 : Bits;
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
/// vectors (<32 x i32>), as PTX defines shfl.sync: the source each lane
/// would read and whether it does (else it keeps its own value).
static tx::ShuffleSource sourceLanes(IRBuilder<> &B, const CallInst &Shuffle,
                                     Value *Operand, Value *Packed) {
  // Only the lane operand's low five bits count (PTX: bval = b[4:0]).
  return tx::shuffleSource(B, Shuffle.getCalledFunction()->getIntrinsicID(),
                           laneIndices(B.getInt32Ty()),
                           B.CreateAnd(Operand, 31), Packed);
}

/// The shuffle mask that moves lane Src[L] to lane L, where Src is known
/// at compile time (a shfl.up, .down or .bfly by a constant, whatever its
/// segment operand), a lane outside the warp poison; none otherwise.
static std::optional<SmallVector<int, WarpSize>> fixedSources(Value *Src) {
  auto *Known = dyn_cast<Constant>(Src);
  if (!Known)
    return std::nullopt;
  SmallVector<int, WarpSize> Mask;
  for (unsigned Lane = 0; Lane < WarpSize; ++Lane) {
    auto *Elt = dyn_cast_or_null<ConstantInt>(Known->getAggregateElement(Lane));
    if (!Elt)
      return std::nullopt;
    int64_t From = Elt->getSExtValue();
    Mask.push_back(From >= 0 && From < int64_t(WarpSize) ? int(From) : -1);
  }
  return Mask;
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

/// A 64-bit value the chain moves as its two 32-bit halves, each by the same
/// shuffle (CUDA's __shfl_*_sync of a long long or a double), then joins.
struct WordInHalves {
  Value *Whole = nullptr;
  CallInst *LowShuffle = nullptr;
  explicit operator bool() const { return Whole; }
};

/// I as `(zext(shfl(hi(X))) << 32) | zext(shfl(lo(X)))`, the two shuffles
/// alike but for their value: X and the low half's shuffle. Moved as whole
/// 64-bit lanes, the halves cost no splitting and joining at each step (a
/// long long warp sum on AVX2: 549 -> 236 machine instructions).
static WordInHalves wordInHalves(Instruction &I) {
  using namespace PatternMatch;
  Value *HighMoved, *LowMoved;
  if (!I.getType()->isIntegerTy(64) ||
      !match(&I, m_c_Or(m_Shl(m_ZExt(m_Value(HighMoved)), m_SpecificInt(32)),
                        m_ZExt(m_Value(LowMoved)))))
    return {};
  auto *High = dyn_cast<CallInst>(HighMoved);
  auto *Low = dyn_cast<CallInst>(LowMoved);
  if (!High || !Low || !tx::isWarpShuffle(*High) ||
      High->getCalledFunction() != Low->getCalledFunction() ||
      !High->getType()->isIntegerTy(32))
    return {};
  for (unsigned Arg : {0u, 2u, 3u})
    if (High->getArgOperand(Arg) != Low->getArgOperand(Arg))
      return {};
  Value *Whole;
  if (!match(Low->getArgOperand(1), m_Trunc(m_Value(Whole))) ||
      !Whole->getType()->isIntegerTy(64) ||
      !match(High->getArgOperand(1),
             m_Trunc(m_LShr(m_Specific(Whole), m_SpecificInt(32)))))
    return {};
  return {Whole, Low};
}

/// Own (<32 x T>) moved across the lanes as Shuffle moves each lane's
/// value; Operand gives the vector of the shuffle's other operands.
static Value *moveLanes(IRBuilder<> &B, const CallInst &Shuffle, Value *Own,
                        function_ref<Value *(Value *)> Operand, Value *Arrived,
                        Value *ArrivedMask) {
  if (isFixedShuffle(Shuffle)) {
    SmallVector<int, WarpSize> Sources;
    for (unsigned Lane = 0; Lane < WarpSize; ++Lane)
      Sources.push_back(sourceLane(Shuffle, Lane));
    Value *Moved = B.CreateShuffleVector(Own, Sources, "lanes.moved");
    Value *SourceArrived = B.CreateShuffleVector(Arrived, Sources);
    return B.CreateSelect(SourceArrived, Moved, Own, "lanes.shuffled");
  }
  auto [Src, Valid] = sourceLanes(B, Shuffle, Operand(Shuffle.getArgOperand(2)),
                                  Operand(Shuffle.getArgOperand(3)));
  Value *Sources =
      B.CreateSelect(Valid, Src, laneIndices(B.getInt32Ty()), "src.lanes");
  // Only the segment (a clamp from a ballot: CUB's segmented reductions)
  // varies: a fixed permutation and a select instead of the slot and its
  // gather, which AVX2 code generation expands into 32 loads (a third of
  // cccl_cub_device_reduce's reduce-by-key block function).
  Value *Moved;
  if (auto Fixed = fixedSources(Src))
    Moved = B.CreateSelect(
        Valid, B.CreateShuffleVector(Own, *Fixed, "lanes.moved"), Own);
  else
    Moved = gatherLanes(B, Own, Sources);
  // Bit Sources[L] of the arrived mask.
  Value *Bits =
      B.CreateLShr(B.CreateVectorSplat(WarpSize, ArrivedMask), Sources);
  Value *SourceArrived = B.CreateTrunc(Bits, warpVector(B.getInt1Ty()));
  return B.CreateSelect(SourceArrived, Moved, Own, "lanes.shuffled");
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
  if (WordInHalves Word = wordInHalves(I))
    return moveLanes(B, *Word.LowShuffle, Operand(Word.Whole), Operand, Arrived,
                     ArrivedMask);
  if (tx::isWarpShuffle(I)) {
    auto &Shuffle = cast<CallInst>(I);
    return moveLanes(B, Shuffle, Operand(Shuffle.getArgOperand(1)), Operand,
                     Arrived, ArrivedMask);
  }
  if (isFixedBallot(I)) {
    // The same mask in every lane: the arrived members whose predicate
    // holds.
    auto &Ballot = cast<CallInst>(I);
    Value *Votes =
        B.CreateBitCast(Operand(Ballot.getArgOperand(1)), B.getInt32Ty());
    Value *Members = B.CreateAnd(ArrivedMask, Ballot.getArgOperand(0));
    return B.CreateVectorSplat(WarpSize, B.CreateAnd(Votes, Members),
                               "lanes.ballot");
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
Type *publishedType(const ShuffleChain &Chain) {
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
Value *unpackField(IRBuilder<> &B, Value *Packed, unsigned Offset, Type *Ty) {
  Type *Int = B.getIntNTy(Ty->getScalarSizeInBits());
  if (auto *Vec = dyn_cast<FixedVectorType>(Ty))
    Int = FixedVectorType::get(Int, Vec->getNumElements());
  Value *Shifted =
      Offset ? B.CreateLShr(Packed, ConstantInt::get(Packed->getType(), Offset))
             : Packed;
  return B.CreateBitCast(B.CreateTrunc(Shifted, Int), Ty);
}

Value *packFields(IRBuilder<> &B, ArrayRef<Value *> Fields,
                  ArrayRef<unsigned> Offsets, Type *Packed) {
  Value *Bits = nullptr;
  for (auto [Field, Offset] : zip(Fields, Offsets)) {
    Value *Wide = B.CreateZExt(asBits(B, Field), Packed);
    if (Offset)
      Wide = B.CreateShl(Wide, Offset);
    Bits = Bits ? B.CreateOr(Bits, Wide, "packed") : Wide;
  }
  return Bits;
}

/// The value a lane publishes: its input, with the parameters packed
/// above it.
Value *packLane(IRBuilder<> &B, const ShuffleChain &Chain) {
  if (Chain.Parameters.empty())
    return Chain.Input;
  SmallVector<Value *, 4> Fields = {Chain.Input};
  SmallVector<unsigned, 4> Offsets = {0};
  for (auto [Idx, Parameter] : enumerate(Chain.Parameters)) {
    Fields.push_back(Parameter);
    Offsets.push_back(parameterOffset(Chain, Idx));
  }
  return packFields(B, Fields, Offsets, publishedType(Chain));
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
unsigned outputOffset(ArrayRef<Instruction *> Outputs, unsigned Idx) {
  unsigned Offset = 0;
  for (unsigned I = 0; I < Idx; ++I)
    Offset =
        alignTo(Offset, ParameterBits) +
        alignTo(Outputs[I]->getType()->getPrimitiveSizeInBits(), ParameterBits);
  return alignTo(Offset, ParameterBits);
}

/// The type of the chain's result: its output's, or an integer that packs
/// its outputs.
Type *resultType(const ShuffleChain &Chain) {
  if (Chain.Outputs.size() == 1)
    return Chain.Outputs.front()->getType();
  return IntegerType::get(Chain.Input->getContext(), outputBits(Chain.Outputs));
}

/// Field [Offset, Offset + bits of Ty) of every lane of Lanes (as
/// tx::warpLanesType gives them), as <32 x Ty>. Halves caches the halves of
/// 128-bit lanes.
static Value *laneField(IRBuilder<> &B, Value *Lanes, Value *(&Halves)[2],
                        unsigned Offset, Type *Ty) {
  if (Lanes->getType() == warpVector(Lanes->getType()->getScalarType()))
    return unpackField(B, Lanes, Offset, warpVector(Ty));
  // 128-bit lanes as their halves. The input (at most 64 bits) is at 0, the
  // 32-bit parameters at multiples of 32: no field crosses the halves.
  assert(Offset % 64 + Ty->getPrimitiveSizeInBits().getFixedValue() <= 64 &&
         "a published field across the halves of its lane");
  Value *&Half = Halves[Offset / 64];
  if (!Half)
    Half = tx::laneHalf(B, Lanes, Offset / 64);
  return unpackField(B, Half, Offset % 64, warpVector(Ty));
}

/// Vectors of lane fields (at most 64 bits a lane) packed at their offsets,
/// as tx::warpLanesType gives the lanes of Packed: 128-bit lanes are packed
/// as halves.
static Value *packLaneFields(IRBuilder<> &B, ArrayRef<Value *> Fields,
                             ArrayRef<unsigned> Offsets, Type *Packed) {
  bool AsHalves = Packed->isIntegerTy(128);
  Type *Word = AsHalves ? B.getInt64Ty() : Packed;
  unsigned WordBits = Word->getIntegerBitWidth();
  auto Amount = [&](unsigned Bits) {
    return ConstantInt::get(warpVector(Word), Bits);
  };
  Value *Words[2] = {nullptr, nullptr};
  auto OrInto = [&](Value *&Into, Value *Bits) {
    Into = Into ? B.CreateOr(Into, Bits) : Bits;
  };
  for (auto [Field, Offset] : zip(Fields, Offsets)) {
    unsigned Shift = Offset % WordBits;
    Value *Bits = B.CreateZExt(asBits(B, Field), warpVector(Word));
    OrInto(Words[Offset / WordBits],
           Shift ? B.CreateShl(Bits, Amount(Shift)) : Bits);
    unsigned Width = Field->getType()->getScalarSizeInBits();
    if (Shift + Width > WordBits) // across the halves
      OrInto(Words[1], B.CreateLShr(Bits, Amount(WordBits - Shift)));
  }
  for (Value *&W : Words)
    if (!W)
      W = Constant::getNullValue(warpVector(Word));
  return AsHalves ? tx::joinLaneHalves(B, Words[0], Words[1]) : Words[0];
}

/// A new chain body, <32 x Out> (<32 x In> lanes, i32 arrived mask
/// [, i32 warp base]) in tx::warpLanesType's terms, always inlined.
static Function *declareBody(Module &M, Type *In, Type *Out,
                             bool TakesWarpBase) {
  LLVMContext &C = M.getContext();
  SmallVector<Type *, 3> Params = {tx::warpLanesType(In), Type::getInt32Ty(C)};
  if (TakesWarpBase)
    Params.push_back(Type::getInt32Ty(C));
  auto *FnTy = FunctionType::get(tx::warpLanesType(Out), Params, false);
  Function *Body = Function::Create(FnTy, GlobalValue::InternalLinkage,
                                    tx::ShuffleChainBodyName, M);
  Body->addFnAttr(Attribute::AlwaysInline);
  Body->addFnAttr(Attribute::NoUnwind);
  Body->getArg(0)->setName("lanes");
  Body->getArg(1)->setName("arrived.mask");
  if (TakesWarpBase)
    Body->getArg(tx::ShuffleChainWarpBaseArg)->setName("warp.base");
  return Body;
}

static bool takesWarpBase(const Function &Body) {
  return Body.arg_size() > tx::ShuffleChainWarpBaseArg;
}

/// The outputs' vectors packed into the chain's result.
static Value *packOutputs(IRBuilder<> &B, const ShuffleChain &Chain,
                          const DenseMap<Value *, Value *> &Vec) {
  SmallVector<Value *, 4> Fields;
  SmallVector<unsigned, 4> Offsets;
  for (auto [Idx, Out] : enumerate(Chain.Outputs)) {
    Fields.push_back(Vec.lookup(Out));
    Offsets.push_back(outputOffset(Chain.Outputs, Idx));
  }
  return packLaneFields(B, Fields, Offsets, resultType(Chain));
}

/// Drops the vectors nothing reads: the halves of a word that moved whole
/// (wordInHalves), each member having been vectorised in turn.
static void eraseDeadLanes(Function &Body) {
  BasicBlock &Entry = Body.getEntryBlock();
  for (Instruction &I : make_early_inc_range(reverse(Entry)))
    if (isInstructionTriviallyDead(&I))
      I.eraseFromParent();
}

/// The chain's body: <32 x Result> (<32 x Published> lanes, i32 arrived
/// mask [, i32 linear index of the warp's first thread]), 128-bit lanes as
/// their halves (tx::warpLanesType).
Function *createChainBody(Module &M, const ShuffleChain &Chain) {
  Function *Body = declareBody(M, publishedType(Chain), resultType(Chain),
                               readsLinearThreadIndex(Chain));
  IRBuilder<> B(BasicBlock::Create(M.getContext(), "entry", Body));
  Value *Arrived = tx::arrivedLanes(B, Body->getArg(1));
  DenseMap<Value *, Value *> Vec;
  Value *Lanes = Body->getArg(0);
  if (Chain.Parameters.empty()) {
    Vec[Chain.Input] = Lanes;
  } else {
    Value *Halves[2] = {nullptr, nullptr};
    Vec[Chain.Input] = laneField(B, Lanes, Halves, 0, Chain.Input->getType());
    for (auto [Idx, Parameter] : enumerate(Chain.Parameters))
      Vec[Parameter] = laneField(B, Lanes, Halves, parameterOffset(Chain, Idx),
                                 Parameter->getType());
  }
  for (Instruction *I : Chain.Members)
    Vec[I] = vectorise(B, *I, Vec, Arrived, Body->getArg(1));
  if (Chain.Outputs.size() == 1)
    B.CreateRet(Vec[Chain.Outputs.front()]);
  else
    B.CreateRet(packOutputs(B, Chain, Vec));
  eraseDeadLanes(*Body);
  return Body;
}

Function *createBatchBody(Module &M, Type *In, Type *Out,
                          ArrayRef<BatchedChain> Chains) {
  bool WarpBase = any_of(Chains, [](const BatchedChain &Chain) {
    return takesWarpBase(*Chain.Body);
  });
  Function *Batch = declareBody(M, In, Out, WarpBase);
  IRBuilder<> B(BasicBlock::Create(M.getContext(), "entry", Batch));
  Value *Lanes = Batch->getArg(0);
  Value *Halves[2] = {nullptr, nullptr};
  SmallVector<CallInst *, 4> Calls;
  SmallVector<Value *, 4> Results;
  SmallVector<unsigned, 4> Offsets;
  for (const BatchedChain &Chain : Chains) {
    Type *ChainIn = Chain.Body->getArg(0)->getType()->getScalarType();
    Value *Field =
        Lanes->getType() == Chain.Body->getArg(0)->getType()
            ? Lanes
            : laneField(B, Lanes, Halves, Chain.InputOffset, ChainIn);
    SmallVector<Value *, 3> Args = {Field, Batch->getArg(1)};
    if (takesWarpBase(*Chain.Body))
      Args.push_back(Batch->getArg(tx::ShuffleChainWarpBaseArg));
    Calls.push_back(B.CreateCall(Chain.Body, Args));
    Results.push_back(Calls.back());
    Offsets.push_back(Chain.ResultOffset);
  }
  B.CreateRet(packLaneFields(B, Results, Offsets, Out));
  for (CallInst *Call : Calls) {
    InlineFunctionInfo Info;
    InlineFunction(*Call, Info);
  }
  return Batch;
}

static std::string typeTag(Type *Ty) {
  if (Ty->isIntegerTy())
    return "i" + std::to_string(Ty->getIntegerBitWidth());
  if (Ty->isBFloatTy())
    return "bf16";
  return "f" + std::to_string(Ty->getPrimitiveSizeInBits().getFixedValue());
}

FunctionCallee chainCollective(Module &M, Type *In, Type *Out) {
  FunctionCallee Collective = M.getOrInsertFunction(
      tx::ShuffleChainPrefix + typeTag(In) + "." + typeTag(Out),
      FunctionType::get(Out, {PointerType::getUnqual(M.getContext()), In},
                        false));
  cast<Function>(Collective.getCallee())->addFnAttr(Attribute::Convergent);
  return Collective;
}

Function *ChainBodies::unique(Function *Body) {
  for (Function *Seen : Bodies)
    if (Seen->getFunctionType() == Body->getFunctionType() &&
        FunctionComparator(Seen, Body, &Globals).compare() == 0) {
      Body->eraseFromParent();
      return Seen;
    }
  Bodies.push_back(Body);
  return Body;
}

/// The lane bits across which a value of a chain is the same when all 32
/// lanes arrive: bit B set means lanes L and L ^ B hold the same value.
using LaneSymmetry = unsigned;
static constexpr LaneSymmetry AllLanes = WarpSize - 1;

static const Value *throughBitCasts(const Value *V) {
  while (const auto *Cast = dyn_cast<BitCastInst>(V))
    V = Cast->getOperand(0);
  return V;
}

/// The shuffle V is (through the bitcasts that carry a float through an
/// integer shuffle) if every lane of the warp is a member and its lane
/// operand and segment are constants over the whole warp.
static const CallInst *wholeWarpShuffle(const Value *V, Intrinsic::ID I32,
                                        Intrinsic::ID F32, unsigned &Lane) {
  const auto *Call = dyn_cast<CallInst>(throughBitCasts(V));
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  if (!Callee ||
      (Callee->getIntrinsicID() != I32 && Callee->getIntrinsicID() != F32))
    return nullptr;
  const auto *Members = dyn_cast<ConstantInt>(Call->getArgOperand(0));
  const auto *LaneArg = dyn_cast<ConstantInt>(Call->getArgOperand(2));
  const auto *Clamp = dyn_cast<ConstantInt>(Call->getArgOperand(3));
  if (!Members || !Members->isMinusOne() || !LaneArg || !Clamp ||
      Clamp->getZExtValue() != AllLanes || LaneArg->getZExtValue() >= WarpSize)
    return nullptr;
  Lane = LaneArg->getZExtValue();
  return Call;
}

/// V is `shfl.bfly(Source, Offset)` over the whole warp: Source, or null.
static const Value *butterflySource(const Value *V, unsigned &Offset) {
  const CallInst *Call =
      wholeWarpShuffle(V, Intrinsic::nvvm_shfl_sync_bfly_i32,
                       Intrinsic::nvvm_shfl_sync_bfly_f32, Offset);
  return Call ? throughBitCasts(Call->getArgOperand(1)) : nullptr;
}

/// Operations whose result does not depend on the order of their two
/// operands, bit for bit (not minnum/maxnum, which may pick either zero),
/// but for which of two NaN operands' payloads a NaN result carries.
static bool isExactlyCommutative(const Instruction &I) {
  switch (I.getOpcode()) {
  case Instruction::Add:
  case Instruction::Mul:
  case Instruction::And:
  case Instruction::Or:
  case Instruction::Xor:
  case Instruction::FAdd:
  case Instruction::FMul:
    return true;
  default:
    break;
  }
  const auto *II = dyn_cast<IntrinsicInst>(&I);
  switch (II ? II->getIntrinsicID() : Intrinsic::not_intrinsic) {
  case Intrinsic::smin:
  case Intrinsic::smax:
  case Intrinsic::umin:
  case Intrinsic::umax:
  case Intrinsic::minimum:
  case Intrinsic::maximum:
    return true;
  default:
    return false;
  }
}

/// The symmetry of a step, from its operands' (Known; the chain's input
/// and parameters, like any value not there, have none). A butterfly step
/// `V op shfl.bfly(V, 2^k)` adds bit 2^k: lanes L and L ^ 2^k compute
/// `a op b` and `b op a`.
static LaneSymmetry
symmetryOfStep(const Instruction &I,
               const DenseMap<const Value *, LaneSymmetry> &Known) {
  auto Of = [&](const Value *V) -> LaneSymmetry {
    if (isa<Constant>(V))
      return AllLanes;
    return Known.lookup(V);
  };
  if (isFixedBallot(I))
    return AllLanes; // every lane gets the same mask
  unsigned Lane;
  if (tx::isWarpShuffle(I)) {
    if (wholeWarpShuffle(&I, Intrinsic::nvvm_shfl_sync_idx_i32,
                         Intrinsic::nvvm_shfl_sync_idx_f32, Lane))
      return AllLanes; // a broadcast of one lane
    if (wholeWarpShuffle(&I, Intrinsic::nvvm_shfl_sync_bfly_i32,
                         Intrinsic::nvvm_shfl_sync_bfly_f32, Lane))
      return Of(cast<CallInst>(I).getArgOperand(1));
    return 0;
  }
  if (isExactlyCommutative(I)) {
    for (unsigned Side = 0; Side < 2; ++Side) {
      const Value *Other = I.getOperand(1 - Side);
      unsigned Offset;
      if (butterflySource(I.getOperand(Side), Offset) ==
              throughBitCasts(Other) &&
          isPowerOf2_32(Offset))
        return Of(Other) | Offset;
    }
  }
  LaneSymmetry Common = AllLanes;
  for (const Use &Op : dataOperands(I))
    Common &= Of(Op.get());
  return Common;
}

bool isWarpSymmetric(const ShuffleChain &Chain) {
  DenseMap<const Value *, LaneSymmetry> Known;
  for (const Instruction *Step : Chain.Members)
    Known[Step] = symmetryOfStep(*Step, Known);
  return all_of(Chain.Outputs, [&](const Instruction *Out) {
    return Known.lookup(Out) == AllLanes;
  });
}

} // namespace tx::chains
