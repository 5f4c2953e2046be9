//===- WarpCollectiveLowering.cpp - Warp collectives as lane exchanges ----===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "WarpCollectiveLowering.h"
#include "DeviceIR.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <cstdint>

using namespace llvm;

/// Loads the value of type Ty at Base[Index] only if Cond holds, else yields
/// Else. For reads that may not be in bounds; Cond is loop-invariant where
/// this is used, so the optimiser unswitches the thread loop on it.
static Value *loadIf(CallInst *At, Value *Cond, Type *Ty, Value *Base,
                     Value *Index, Value *Else,
                     SmallVectorImpl<BasicBlock *> &NewBlocks) {
  BasicBlock *Head = At->getParent();
  Instruction *Then = SplitBlockAndInsertIfThen(Cond, At, false);
  BasicBlock *ThenBB = Then->getParent();
  BasicBlock *Tail = At->getParent();
  NewBlocks.push_back(ThenBB);
  NewBlocks.push_back(Tail);
  IRBuilder<> B(Then);
  Value *Loaded = B.CreateAlignedLoad(Ty, B.CreateInBoundsGEP(Ty, Base, Index),
                                      Align(Ty->getPrimitiveSizeInBits() / 8));
  B.SetInsertPoint(&Tail->front());
  PHINode *Phi = B.CreatePHI(Ty, 2);
  Phi->addIncoming(Loaded, ThenBB);
  Phi->addIncoming(Else, Head);
  return Phi;
}

/// Snapshot[T + Delta] where Valid holds, else Else. |Delta| < 32 lanes
/// (callers mask it), which the guard bytes around the scratch area keep
/// readable for every thread; reading unconditionally keeps the access a
/// contiguous vector load in the vectorised thread loop.
static Value *laneAtOffset(IRBuilder<> &B, Type *LaneTy, Value *Snapshot,
                           Value *T, Value *Delta, Value *Valid, Value *Else) {
  Value *Index = B.CreateAdd(T, B.CreateSExt(Delta, B.getInt64Ty()));
  Value *Loaded = B.CreateAlignedLoad(
      LaneTy, B.CreateInBoundsGEP(LaneTy, Snapshot, Index),
      Align(LaneTy->getPrimitiveSizeInBits() / 8), "src.lane.value");
  return B.CreateSelect(Valid, Loaded, Else);
}

tx::ShuffleSource tx::shuffleSource(IRBuilder<> &B, unsigned ID, Value *Lane,
                                    Value *Operand, Value *Packed) {
  Value *SegMask = B.CreateAnd(B.CreateLShr(Packed, 8), 31);
  Value *Clamp = B.CreateAnd(Packed, 31);
  Value *MinLane = B.CreateAnd(Lane, SegMask);
  Value *MaxLane =
      B.CreateOr(MinLane, B.CreateAnd(Clamp, B.CreateNot(SegMask)));
  switch (ID) {
  case Intrinsic::nvvm_shfl_sync_idx_i32:
  case Intrinsic::nvvm_shfl_sync_idx_f32: {
    Value *Src =
        B.CreateOr(MinLane, B.CreateAnd(Operand, B.CreateNot(SegMask)));
    return {Src, B.CreateICmpULE(Src, MaxLane)};
  }
  case Intrinsic::nvvm_shfl_sync_up_i32:
  case Intrinsic::nvvm_shfl_sync_up_f32: {
    Value *Src = B.CreateSub(Lane, Operand);
    return {Src, B.CreateICmpSGE(Src, MaxLane)};
  }
  case Intrinsic::nvvm_shfl_sync_down_i32:
  case Intrinsic::nvvm_shfl_sync_down_f32: {
    Value *Src = B.CreateAdd(Lane, Operand);
    return {Src, B.CreateICmpULE(Src, MaxLane)};
  }
  default: {
    Value *Src = B.CreateXor(Lane, Operand);
    return {Src, B.CreateICmpULE(Src, MaxLane)};
  }
  }
}

Value *tx::arrivedLanes(IRBuilder<> &B, Value *Mask) {
  SmallVector<Constant *, 32> Bits;
  for (unsigned Lane = 0; Lane < 32; ++Lane)
    Bits.push_back(B.getInt32(1u << Lane));
  Value *Masked =
      B.CreateAnd(B.CreateVectorSplat(32, Mask), ConstantVector::get(Bits));
  return B.CreateICmpNE(Masked, Constant::getNullValue(Masked->getType()),
                        "arrived.lanes");
}

Type *tx::warpLanesType(Type *Ty) {
  if (Ty->isIntegerTy(128))
    return FixedVectorType::get(Type::getInt64Ty(Ty->getContext()), 64);
  return FixedVectorType::get(Ty, 32);
}

/// Whether the halves of a 128-bit lane lie high half first in memory.
static bool highHalfFirst(IRBuilder<> &B) {
  return B.GetInsertBlock()->getModule()->getDataLayout().isBigEndian();
}

Value *tx::laneHalf(IRBuilder<> &B, Value *Halves, unsigned H) {
  unsigned Element = H ^ unsigned(highHalfFirst(B));
  SmallVector<int, 32> Picks;
  for (unsigned Lane = 0; Lane < 32; ++Lane)
    Picks.push_back(2 * Lane + Element);
  return B.CreateShuffleVector(Halves, Picks, H ? "lanes.hi" : "lanes.lo");
}

Value *tx::joinLaneHalves(IRBuilder<> &B, Value *Low, Value *High) {
  bool HighFirst = highHalfFirst(B);
  SmallVector<int, 64> Picks;
  for (int Lane = 0; Lane < 32; ++Lane) {
    Picks.push_back(HighFirst ? 32 + Lane : Lane);
    Picks.push_back(HighFirst ? Lane : 32 + Lane);
  }
  return B.CreateShuffleVector(Low, High, Picks, "lanes.halves");
}

/// The lanes among Members whose slot in Lanes (a warp's 32 slots of
/// LaneTy, i32 or i64) is non-zero, or equals Equal where that is given:
/// one vector compare of the warp's slots, in every thread of a vote.
/// Slots past the block's last thread lie in the guard bytes after the
/// snapshot; they are not members.
static Value *lanesWhere(IRBuilder<> &B, Type *LaneTy, Value *Lanes,
                         Value *Members, Value *Equal) {
  auto *SlotsTy = FixedVectorType::get(LaneTy, 32);
  Value *Slots = B.CreateAlignedLoad(
      SlotsTy, Lanes, Align(LaneTy->getPrimitiveSizeInBits() / 8), "slots");
  Value *Hits = Equal ? B.CreateICmpEQ(Slots, B.CreateVectorSplat(32, Equal))
                      : B.CreateICmpNE(Slots, Constant::getNullValue(SlotsTy));
  return B.CreateAnd(B.CreateBitCast(Hits, B.getInt32Ty()), Members);
}

/// The 32-bit reduction of a __reduce_*_sync (ID) over the slots of
/// Members in Lanes (a warp's 32 slots of LaneTy, the operand in the low
/// bits): the others count as the operation's identity, so that one vector
/// reduction serves any mask.
static Value *reduceLanes(IRBuilder<> &B, Intrinsic::ID ID, Type *LaneTy,
                          Value *Lanes, Value *Members) {
  auto *SlotsTy = FixedVectorType::get(LaneTy, 32);
  Value *Slots = B.CreateTrunc(
      B.CreateAlignedLoad(SlotsTy, Lanes,
                          Align(LaneTy->getPrimitiveSizeInBits() / 8), "slots"),
      FixedVectorType::get(B.getInt32Ty(), 32));
  uint32_t Identity = 0;
  if (ID == Intrinsic::nvvm_redux_sync_min)
    Identity = INT32_MAX;
  else if (ID == Intrinsic::nvvm_redux_sync_max)
    Identity = uint32_t(INT32_MIN);
  else if (ID == Intrinsic::nvvm_redux_sync_umin ||
           ID == Intrinsic::nvvm_redux_sync_and)
    Identity = ~0u;
  Value *Kept = B.CreateSelect(tx::arrivedLanes(B, Members), Slots,
                               B.CreateVectorSplat(32, B.getInt32(Identity)));
  switch (ID) {
  case Intrinsic::nvvm_redux_sync_add:
    return B.CreateAddReduce(Kept);
  case Intrinsic::nvvm_redux_sync_min:
    return B.CreateIntMinReduce(Kept, /*IsSigned=*/true);
  case Intrinsic::nvvm_redux_sync_max:
    return B.CreateIntMaxReduce(Kept, /*IsSigned=*/true);
  case Intrinsic::nvvm_redux_sync_umin:
    return B.CreateIntMinReduce(Kept, /*IsSigned=*/false);
  case Intrinsic::nvvm_redux_sync_umax:
    return B.CreateIntMaxReduce(Kept, /*IsSigned=*/false);
  case Intrinsic::nvvm_redux_sync_and:
    return B.CreateAndReduce(Kept);
  case Intrinsic::nvvm_redux_sync_or:
    return B.CreateOrReduce(Kept);
  default:
    return B.CreateXorReduce(Kept);
  }
}

/// A value of Ty (an integer or floating-point type of at most LaneTy's
/// width) from its lane slot's bits, and back; element-wise for vectors.
static Value *fromLaneBits(IRBuilder<> &B, Value *Bits, Type *Ty) {
  Type *Scalar = Ty->getScalarType();
  Type *Int = B.getIntNTy(Scalar->getPrimitiveSizeInBits().getFixedValue());
  if (auto *Vec = dyn_cast<FixedVectorType>(Ty))
    Int = FixedVectorType::get(Int, Vec->getNumElements());
  return B.CreateBitCast(B.CreateTrunc(Bits, Int), Ty);
}

static Value *toLaneBits(IRBuilder<> &B, Value *V, Type *LaneTy) {
  Type *Ty = V->getType();
  Type *Scalar = Ty->getScalarType();
  Type *Int = B.getIntNTy(Scalar->getPrimitiveSizeInBits().getFixedValue());
  if (auto *Vec = dyn_cast<FixedVectorType>(Ty)) {
    Int = FixedVectorType::get(Int, Vec->getNumElements());
    LaneTy = FixedVectorType::get(LaneTy, Vec->getNumElements());
  }
  return B.CreateZExt(B.CreateBitCast(V, Int), LaneTy);
}

/// A warp's 32 lane slots of LaneTy at Slots as BodyLanesTy, the lanes a
/// chain's body takes (warpLanesType): 128-bit slots are loaded as their
/// halves.
static Value *loadWarpLanes(IRBuilder<> &B, Value *Slots, Type *LaneTy,
                            Type *BodyLanesTy) {
  Align LaneAlign(LaneTy->getPrimitiveSizeInBits() / 8);
  if (!LaneTy->isIntegerTy(128)) {
    Value *Lanes =
        B.CreateAlignedLoad(FixedVectorType::get(LaneTy, 32), Slots, LaneAlign);
    return fromLaneBits(B, Lanes, BodyLanesTy);
  }
  Value *Halves =
      B.CreateAlignedLoad(tx::warpLanesType(LaneTy), Slots, LaneAlign);
  if (Halves->getType() == BodyLanesTy)
    return Halves;
  // Lane data of at most 64 bits in wider slots (a chain's packed result).
  return fromLaneBits(B, tx::laneHalf(B, Halves, 0), BodyLanesTy);
}

/// A chain body's result for a warp (warpLanesType) as the contents of its
/// 32 lane slots of LaneTy.
static Value *toWarpSlots(IRBuilder<> &B, Value *Lanes, Type *LaneTy) {
  if (!LaneTy->isIntegerTy(128))
    return toLaneBits(B, Lanes, LaneTy);
  if (Lanes->getType() == tx::warpLanesType(LaneTy))
    return Lanes;
  Value *Low = toLaneBits(B, Lanes, B.getInt64Ty());
  return tx::joinLaneHalves(B, Low, Constant::getNullValue(Low->getType()));
}

/// The mask of a masked store of toWarpSlots' vector that writes the slots
/// of the lanes in Mask.
static Value *slotStoreMask(IRBuilder<> &B, Value *Mask, Type *LaneTy) {
  Value *Lanes = tx::arrivedLanes(B, Mask);
  if (!LaneTy->isIntegerTy(128))
    return Lanes;
  SmallVector<int, 64> Picks;
  for (unsigned Lane = 0; Lane < 32; ++Lane)
    Picks.append({int(Lane), int(Lane)});
  return B.CreateShuffleVector(Lanes, Picks);
}

void tx::emitShuffleChainForWarps(IRBuilder<> &B, CallInst *Chain, Type *LaneTy,
                                  Value *From, Value *To, Value *First,
                                  Value *End, Value *Masks, Value *AllArrived) {
  LLVMContext &C = B.getContext();
  auto *Body = cast<Function>(Chain->getArgOperand(0));
  Align LaneAlign(LaneTy->getPrimitiveSizeInBits() / 8);
  BasicBlock *Before = B.GetInsertBlock();
  Function *F = Before->getParent();
  auto *Loop = BasicBlock::Create(C, Before->getName() + ".chain", F);
  auto *Done = BasicBlock::Create(C, Before->getName() + ".chained", F);
  Value *FirstWarp = B.CreateLShr(First, 5);
  Value *EndWarp = B.CreateLShr(B.CreateAdd(End, B.getInt64(31)), 5);
  B.CreateCondBr(B.CreateICmpULT(FirstWarp, EndWarp), Loop, Done);

  B.SetInsertPoint(Loop);
  PHINode *Warp = B.CreatePHI(B.getInt64Ty(), 2, "warp");
  Warp->addIncoming(FirstWarp, Before);
  Value *Base = B.CreateShl(Warp, 5);
  Value *Lanes = loadWarpLanes(B, B.CreateInBoundsGEP(LaneTy, From, Base),
                               LaneTy, Body->getArg(0)->getType());
  Value *Mask = B.getInt32(~0u);
  if (Masks)
    Mask = B.CreateLoad(B.getInt32Ty(),
                        B.CreateInBoundsGEP(B.getInt32Ty(), Masks, Warp));
  if (Masks && AllArrived)
    Mask = B.CreateSelect(AllArrived, B.getInt32(~0u), Mask, "arrived.mask");
  SmallVector<Value *, 3> Args = {Lanes, Mask};
  if (Body->arg_size() > ShuffleChainWarpBaseArg)
    Args.push_back(B.CreateTrunc(Base, B.getInt32Ty()));
  Value *Out = B.CreateCall(Body, Args);
  Value *Dest = B.CreateInBoundsGEP(LaneTy, To, Base);
  Value *OutSlots = toWarpSlots(B, Out, LaneTy);
  auto StoreAll = [&] { B.CreateAlignedStore(OutSlots, Dest, LaneAlign); };
  auto StoreArrived = [&] {
    B.CreateMaskedStore(OutSlots, Dest, LaneAlign,
                        slotStoreMask(B, Mask, LaneTy));
  };
  if (Masks && AllArrived) {
    // Whole warps store all their slots plainly: where the target has no
    // masked stores (NEON, RISC-V without V), one with a run-time mask is
    // a branch and a store per element.
    auto *Whole = BasicBlock::Create(C, Loop->getName() + ".whole", F);
    auto *Partial = BasicBlock::Create(C, Loop->getName() + ".partial", F);
    auto *Stored = BasicBlock::Create(C, Loop->getName() + ".stored", F);
    B.CreateCondBr(AllArrived, Whole, Partial);
    B.SetInsertPoint(Whole);
    StoreAll();
    B.CreateBr(Stored);
    B.SetInsertPoint(Partial);
    StoreArrived();
    B.CreateBr(Stored);
    B.SetInsertPoint(Stored);
  } else if (Masks) {
    StoreArrived();
  } else {
    StoreAll();
  }
  Value *Next = B.CreateAdd(Warp, B.getInt64(1));
  Warp->addIncoming(Next, B.GetInsertBlock());
  tx::keepFromRuntimeUnrolling(
      B.CreateCondBr(B.CreateICmpULT(Next, EndWarp), Loop, Done));
  B.SetInsertPoint(Done);
}

/// Computes a warp collective's result after its cut, from the exchange
/// slots of the lanes that arrived together (PTX semantics for shuffles:
/// an out-of-segment or absent source lane yields the lane's own value).
void tx::lowerWarpCollective(CallInst *Call, Value *T, Type *LaneTy,
                             Value *Snapshot, Value *WarpMasks,
                             Value *AllArrived,
                             SmallVectorImpl<BasicBlock *> &NewBlocks) {
  IRBuilder<> B(Call);
  if (isWarpShuffleChain(*Call)) {
    // emitShuffleChainForWarps put every lane's result in its snapshot.
    Value *Bits = B.CreateAlignedLoad(
        LaneTy, B.CreateInBoundsGEP(LaneTy, Snapshot, T),
        Align(LaneTy->getPrimitiveSizeInBits() / 8), "chain.result");
    Call->replaceAllUsesWith(fromLaneBits(B, Bits, Call->getType()));
    Call->eraseFromParent();
    return;
  }
  Type *I32 = B.getInt32Ty();
  Type *I64 = B.getInt64Ty();
  Align LaneAlign(LaneTy->getPrimitiveSizeInBits() / 8);
  Value *Lane = B.CreateTrunc(B.CreateAnd(T, 31), I32, "lane");
  Value *WarpBase = B.CreateAnd(T, ~uint64_t(31));
  Value *Lanes = B.CreateInBoundsGEP(LaneTy, Snapshot, WarpBase, "lanes");
  // Whole warps in step (the common case): every lane arrived, and the
  // mask word need not be read.
  Value *Arrived = loadIf(Call, B.CreateNot(AllArrived), I32, WarpMasks,
                          B.CreateLShr(T, 5), B.getInt32(~0u), NewBlocks);
  Arrived->setName("arrived");
  B.SetInsertPoint(Call);
  Intrinsic::ID ID = Call->getCalledFunction()->getIntrinsicID();
  auto Members = [&](unsigned MaskArg) {
    return B.CreateAnd(Arrived, Call->getArgOperand(MaskArg), "members");
  };
  Value *Result = nullptr;
  switch (ID) {
  case Intrinsic::nvvm_shfl_sync_idx_i32:
  case Intrinsic::nvvm_shfl_sync_idx_f32:
  case Intrinsic::nvvm_shfl_sync_up_i32:
  case Intrinsic::nvvm_shfl_sync_up_f32:
  case Intrinsic::nvvm_shfl_sync_down_i32:
  case Intrinsic::nvvm_shfl_sync_down_f32:
  case Intrinsic::nvvm_shfl_sync_bfly_i32:
  case Intrinsic::nvvm_shfl_sync_bfly_f32: {
    // Only the lane operand's low five bits count (PTX: bval = b[4:0]).
    Value *Operand = B.CreateAnd(Call->getArgOperand(2), 31);
    auto [Src, InRange] =
        shuffleSource(B, ID, Lane, Operand, Call->getArgOperand(3));
    Value *SrcBit = B.CreateAnd(B.CreateLShr(Arrived, B.CreateAnd(Src, 31)), 1);
    Value *Valid = B.CreateAnd(InRange, B.CreateICmpNE(SrcBit, B.getInt32(0)));
    Value *Bits;
    switch (ID) {
    case Intrinsic::nvvm_shfl_sync_idx_i32:
    case Intrinsic::nvvm_shfl_sync_idx_f32: {
      Value *From = B.CreateSelect(Valid, Src, Lane, "src.lane");
      Bits = B.CreateAlignedLoad(
          LaneTy, B.CreateInBoundsGEP(LaneTy, Lanes, B.CreateZExt(From, I64)),
          LaneAlign);
      break;
    }
    default: {
      // up/down/xor reach lane +-Offset: contiguous in the thread index,
      // and within the guard bytes around the snapshot (Offset < 32).
      Value *Own =
          B.CreateAlignedLoad(LaneTy, B.CreateInBoundsGEP(LaneTy, Snapshot, T),
                              LaneAlign, "own.value");
      Value *Offset = Operand;
      Value *Minus = B.CreateNeg(Offset);
      if (ID == Intrinsic::nvvm_shfl_sync_up_i32 ||
          ID == Intrinsic::nvvm_shfl_sync_up_f32) {
        Bits = laneAtOffset(B, LaneTy, Snapshot, T, Minus, Valid, Own);
      } else if (ID == Intrinsic::nvvm_shfl_sync_down_i32 ||
                 ID == Intrinsic::nvvm_shfl_sync_down_f32) {
        Bits = laneAtOffset(B, LaneTy, Snapshot, T, Offset, Valid, Own);
      } else {
        // Lane ^ Offset is Lane + Offset where the lane has none of the
        // offset's bits, Lane - Offset where it has all of them (always
        // one or the other for the usual power-of-two offsets), and any
        // lane of the warp otherwise.
        Value *Common = B.CreateAnd(Lane, Operand);
        Value *Above = B.CreateICmpEQ(Common, B.getInt32(0));
        Value *Below = B.CreateICmpEQ(Common, Operand);
        Value *Mixed = B.CreateNot(B.CreateOr(Above, Below));
        Bits = laneAtOffset(B, LaneTy, Snapshot, T, Offset,
                            B.CreateAnd(Valid, Above), Own);
        Bits = laneAtOffset(B, LaneTy, Snapshot, T, Minus,
                            B.CreateAnd(Valid, Below), Bits);
        // Mixed lanes exist only for offsets that are not powers of two;
        // that test is usually uniform, so the gather is unswitched away.
        Value *MayMix = B.CreateICmpNE(
            B.CreateAnd(Operand, B.CreateSub(Operand, B.getInt32(1))),
            B.getInt32(0));
        Value *Anywhere =
            loadIf(Call, MayMix, LaneTy, Lanes,
                   B.CreateZExt(B.CreateAnd(Src, 31), I64), Bits, NewBlocks);
        B.SetInsertPoint(Call);
        Bits = B.CreateSelect(B.CreateAnd(Valid, Mixed), Anywhere, Bits);
      }
      break;
    }
    }
    Result = B.CreateTrunc(Bits, I32);
    if (Call->getType()->isFloatTy())
      Result = B.CreateBitCast(Result, Call->getType());
    break;
  }
  case Intrinsic::nvvm_vote_ballot_sync:
    Result = lanesWhere(B, LaneTy, Lanes, Members(0), nullptr);
    break;
  case Intrinsic::nvvm_vote_all_sync:
  case Intrinsic::nvvm_vote_any_sync:
  case Intrinsic::nvvm_vote_uni_sync: {
    Value *Group = Members(0);
    Value *Yes = lanesWhere(B, LaneTy, Lanes, Group, nullptr);
    Value *All = B.CreateICmpEQ(Yes, Group);
    Value *Any = B.CreateICmpNE(Yes, B.getInt32(0));
    Result = ID == Intrinsic::nvvm_vote_all_sync ? All
             : ID == Intrinsic::nvvm_vote_any_sync
                 ? Any
                 : B.CreateOr(All, B.CreateNot(Any));
    break;
  }
  case Intrinsic::nvvm_match_any_sync_i32:
  case Intrinsic::nvvm_match_any_sync_i64:
  case Intrinsic::nvvm_match_all_sync_i32p:
  case Intrinsic::nvvm_match_all_sync_i64p: {
    // Matches publish their value zero-extended to the slot's width.
    Value *Group = Members(0);
    Value *Same = lanesWhere(B, LaneTy, Lanes, Group,
                             B.CreateZExt(Call->getArgOperand(1), LaneTy));
    if (ID == Intrinsic::nvvm_match_any_sync_i32 ||
        ID == Intrinsic::nvvm_match_any_sync_i64) {
      Result = Same;
      break;
    }
    Value *All = B.CreateICmpEQ(Same, Group);
    Value *Agg = PoisonValue::get(Call->getType());
    Agg = B.CreateInsertValue(Agg, B.CreateSelect(All, Same, B.getInt32(0)), 0);
    Result = B.CreateInsertValue(Agg, All, 1);
    break;
  }
  case Intrinsic::nvvm_activemask:
    Result = Arrived;
    break;
  default: // redux.sync.*: (value, mask)
    Result = reduceLanes(B, ID, LaneTy, Lanes, Members(1));
    break;
  }
  Call->replaceAllUsesWith(Result);
  Call->eraseFromParent();
}
