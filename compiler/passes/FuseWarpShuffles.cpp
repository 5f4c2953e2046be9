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
// A chain is what is computed from one per-lane value (its input) and
// constants by lane-wise instructions and shuffles with constant lane and
// segment operands, within a basic block, with one value used outside it.
// The body keeps PTX's semantics exactly: a lane whose source lane is out of
// its segment, or did not arrive, gets its own value. The cut moves from the
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
/// Instructions computed from Input that end in Output, in program order.
struct ShuffleChain {
  Value *Input = nullptr;
  Instruction *Output = nullptr;
  SmallVector<Instruction *, 32> Members;
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

/// A value the chain's body knows without a lane's data: a constant, or
/// the lane index (which CUB's shuffle steps compute their predicates from,
/// through PTX's %laneid); in the body, lane L's index is L.
static bool isKnownPerLane(const Value *V) {
  return isa<Constant>(V) || tx::isLaneIndex(V);
}

static bool isChainStep(const Instruction &I) {
  return isFixedShuffle(I) || isLaneWise(I);
}

/// The operands a step computes with: not a call's callee, and of a
/// shuffle only the value (its lane and segment operands are constants, and
/// its member mask is not needed: lanes that arrive are the members).
static iterator_range<const Use *> dataOperands(const Instruction &I) {
  if (isFixedShuffle(I)) {
    const Use *Value = &cast<CallInst>(I).getArgOperandUse(1);
    return make_range(Value, Value + 1);
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

/// The chain that starts at the shuffle First, if there is one worth fusing
/// (two shuffles or more).
static std::optional<ShuffleChain> findChain(CallInst &First) {
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
  // derivations can stay where they are).
  SmallSetVector<Instruction *, 32> Derived;
  SmallPtrSet<Instruction *, 32> AfterShuffle;
  bool PastFirst = false;
  for (Instruction &I : make_range(Start, BB->end())) {
    PastFirst |= &I == &First;
    if (PastFirst && endsSearch(I))
      break;
    if (!isChainStep(I))
      continue;
    bool FromInput = true, FromShuffle = isFixedShuffle(I);
    for (const Use &Op : dataOperands(I)) {
      Value *V = Op.get();
      if (isKnownPerLane(V) || V == Input)
        continue;
      auto *OpInst = dyn_cast<Instruction>(V);
      if (!OpInst || !Derived.contains(OpInst)) {
        FromInput = false;
        break;
      }
      FromShuffle |= AfterShuffle.contains(OpInst);
    }
    if (!FromInput)
      continue;
    if (FromShuffle && !PastFirst)
      continue;
    Derived.insert(&I);
    if (FromShuffle)
      AfterShuffle.insert(&I);
  }
  if (!AfterShuffle.contains(&First))
    return std::nullopt;

  // The one value after a shuffle that is used outside the chain.
  Instruction *Output = nullptr;
  for (Instruction *I : Derived) {
    if (!AfterShuffle.contains(I))
      continue;
    bool Escapes = any_of(I->users(), [&](User *U) {
      auto *UserInst = cast<Instruction>(U);
      return !Derived.contains(UserInst) || isa<PHINode>(UserInst);
    });
    if (!Escapes)
      continue;
    if (Output)
      return std::nullopt;
    Output = I;
  }
  if (!Output)
    return std::nullopt;
  // Steps after the last shuffle that only convert the result (an int sum
  // stored as a double) stay outside, where they cannot widen the lanes.
  while (!isFixedShuffle(*Output)) {
    Instruction *Only = nullptr;
    for (const Use &Op : dataOperands(*Output)) {
      if (isKnownPerLane(Op.get()))
        continue;
      auto *OpInst = dyn_cast<Instruction>(Op.get());
      if (Only || !OpInst || !AfterShuffle.contains(OpInst)) {
        Only = nullptr;
        break;
      }
      Only = OpInst;
    }
    if (!Only || !Only->hasOneUse())
      break;
    Output = Only;
  }

  // The members: what Output is computed from.
  SmallPtrSet<Instruction *, 32> Needed = {Output};
  SmallVector<Instruction *, 32> Work = {Output};
  while (!Work.empty()) {
    Instruction *I = Work.pop_back_val();
    for (const Use &Op : dataOperands(*I))
      if (auto *OpInst = dyn_cast<Instruction>(Op.get()))
        if (Derived.contains(OpInst) && Needed.insert(OpInst).second)
          Work.push_back(OpInst);
  }
  ShuffleChain Chain;
  Chain.Input = Input;
  Chain.Output = Output;
  unsigned Shuffles = 0;
  for (Instruction *I : Derived)
    if (Needed.contains(I)) {
      Chain.Members.push_back(I);
      Shuffles += isFixedShuffle(*I);
    }
  if (Shuffles < 2)
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

/// I for all lanes at once; Vec maps the chain's values to their vectors.
static Value *vectorise(IRBuilder<> &B, Instruction &I,
                        const DenseMap<Value *, Value *> &Vec, Value *Arrived) {
  auto Operand = [&](Value *V) -> Value * {
    if (auto *C = dyn_cast<Constant>(V))
      return ConstantVector::getSplat(ElementCount::getFixed(WarpSize), C);
    if (tx::isLaneIndex(V)) {
      SmallVector<Constant *, WarpSize> Lanes;
      for (unsigned Lane = 0; Lane < WarpSize; ++Lane)
        Lanes.push_back(ConstantInt::get(V->getType(), Lane));
      return ConstantVector::get(Lanes);
    }
    return Vec.lookup(V);
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

/// The chain's body: <32 x Out> (<32 x In> lanes, i32 arrived mask).
static Function *createBody(Module &M, const ShuffleChain &Chain) {
  LLVMContext &C = M.getContext();
  auto *FnTy = FunctionType::get(
      warpVector(Chain.Output->getType()),
      {warpVector(Chain.Input->getType()), Type::getInt32Ty(C)}, false);
  Function *Body = Function::Create(FnTy, GlobalValue::InternalLinkage,
                                    tx::ShuffleChainBodyName, M);
  Body->addFnAttr(Attribute::AlwaysInline);
  Body->addFnAttr(Attribute::NoUnwind);
  Body->getArg(0)->setName("lanes");
  Body->getArg(1)->setName("arrived.mask");
  IRBuilder<> B(BasicBlock::Create(C, "entry", Body));
  Value *Arrived = tx::arrivedLanes(B, Body->getArg(1));
  DenseMap<Value *, Value *> Vec;
  Vec[Chain.Input] = Body->getArg(0);
  for (Instruction *I : Chain.Members)
    Vec[I] = vectorise(B, *I, Vec, Arrived);
  B.CreateRet(Vec[Chain.Output]);
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
  Type *InTy = Chain.Input->getType(), *OutTy = Chain.Output->getType();
  FunctionCallee Collective = M.getOrInsertFunction(
      (tx::ShuffleChainPrefix + typeTag(InTy) + "." + typeTag(OutTy)),
      FunctionType::get(OutTy, {PointerType::getUnqual(M.getContext()), InTy},
                        false));
  cast<Function>(Collective.getCallee())->addFnAttr(Attribute::Convergent);
  IRBuilder<> B(Chain.Output);
  CallInst *Call = B.CreateCall(Collective, {Body, Chain.Input}, "chain");
  Call->setDebugLoc(Chain.Output->getDebugLoc());
  Chain.Output->replaceAllUsesWith(Call);
  for (Instruction *I : reverse(Chain.Members)) {
    NumFusedShuffles += isFixedShuffle(*I);
    if (I->use_empty())
      I->eraseFromParent();
  }
  ++NumChains;
}

static bool hasFixedShuffle(const BasicBlock &BB) {
  return any_of(BB, [](const Instruction &I) { return isFixedShuffle(I); });
}

/// Unrolled loops leave their copies in blocks joined by unconditional
/// branches: merging those with shuffles lets a chain span the copies.
/// (Only those: other blocks keep their layout, which ImplicitLoopBarriers
/// reads to order barriers.)
static void mergeShuffleLines(Function &F) {
  SmallVector<BasicBlock *, 16> Blocks;
  for (BasicBlock &BB : F)
    if (hasFixedShuffle(BB))
      Blocks.push_back(&BB);
  for (BasicBlock *BB : Blocks) {
    BasicBlock *Pred = BB->getSinglePredecessor();
    if (Pred && Pred != BB && Pred->getSingleSuccessor() == BB &&
        hasFixedShuffle(*Pred))
      MergeBlockIntoPredecessor(BB);
  }
}

static bool fuseIn(Function &Kernel, Module &M) {
  if (none_of(instructions(Kernel),
              [](Instruction &I) { return isFixedShuffle(I); }))
    return false;
  mergeShuffleLines(Kernel);
  bool Changed = false;
  for (BasicBlock &BB : Kernel) {
    SmallVector<WeakTrackingVH, 16> Shuffles;
    for (Instruction &I : BB)
      if (isFixedShuffle(I))
        Shuffles.push_back(&I);
    for (WeakTrackingVH &Handle : Shuffles) {
      auto *Shuffle = dyn_cast_or_null<CallInst>(Handle);
      if (!Shuffle)
        continue;
      if (std::optional<ShuffleChain> Chain = findChain(*Shuffle)) {
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
