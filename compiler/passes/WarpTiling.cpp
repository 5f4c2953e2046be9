//===- WarpTiling.cpp - Thread loops tiled by warps -----------------------===//
//
// Part of Tongxin. The part of RegionEmission (see KernelLowering.h) that
// runs a region's x loop as a loop over warps around a loop over the lanes
// of one warp, where the region computes lanes or warps of the thread
// index, and narrows it to the lanes that pass a guard on the lane.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "KernelLowering.h"

#include "llvm/IR/PatternMatch.h"

using namespace llvm;
using namespace tx::workitems;

static constexpr unsigned WarpSize = 32, Log2WarpSize = 5;

/// V is computed from the y and z loops' counters (Y, Z), block values
/// and constants by a few arithmetic steps: invariant in the x loop. The
/// row's first linear index, `ntid.x * (y + ntid.y * z)`, is one.
static bool isRowInvariant(Value *V, const Value *Y, const Value *Z,
                           const BasicBlock *EntryBB, unsigned Depth = 0) {
  if (isa<Constant>(V) || isa<Argument>(V) || V == Y || V == Z)
    return true;
  auto *I = dyn_cast<Instruction>(V);
  if (!I || isa<PHINode>(I))
    return false;
  if (isa<BinaryOperator>(I) || isa<CastInst>(I))
    return Depth < 4 && all_of(I->operands(), [&](Value *Op) {
             return isRowInvariant(Op, Y, Z, EntryBB, Depth + 1);
           });
  return I->getParent() == EntryBB; // a block value
}

/// A and B compute the same value from the same leaves: two inlined copies
/// of `%laneid` each compute the linear index.
static bool sameExpression(const Value *A, const Value *B, unsigned Depth = 0) {
  if (A == B)
    return true;
  const auto *IA = dyn_cast<Instruction>(A), *IB = dyn_cast<Instruction>(B);
  if (!IA || !IB || Depth >= 4 || isa<PHINode>(IA) ||
      !IA->isSameOperationAs(IB) || IA->mayReadOrWriteMemory())
    return false;
  for (unsigned Idx = 0; Idx < IA->getNumOperands(); ++Idx)
    if (!sameExpression(IA->getOperand(Idx), IB->getOperand(Idx), Depth + 1))
      return false;
  return true;
}

/// A copy of the row-invariant V's arithmetic at B (its leaves dominate it).
static Value *materializeAt(Value *V, IRBuilder<> &B) {
  auto *I = dyn_cast<Instruction>(V);
  if (!I || !(isa<BinaryOperator>(I) || isa<CastInst>(I)))
    return V;
  Instruction *Copy = I->clone();
  for (Use &Op : Copy->operands())
    Op.set(materializeAt(Op.get(), B));
  return B.Insert(Copy);
}

/// The instructions that compute a lane (I & 31, I % 32), a warp (I >> 5,
/// I / 32) or a warp's first index (I & -32) of one thread index I:
/// threadIdx.x, the x loop's counter X, or else the linear index X + RowOffset
/// (what `%laneid` and CUB's LaneId() compute), RowOffset invariant in the x
/// loop. Where the region mixes the two (RegionAligned), the loop is tiled by X
/// and the linear index's uses are kept apart. True if one of them indexes
/// memory or is compared (see feedsAddressOrTest). Tiling the loop for a lane
/// used only in arithmetic would just shorten the vector loops.
bool KernelLowering::collectLaneAndWarpUses(PHINode *X, const Value *Y,
                                            const Value *Z,
                                            LaneIndexUses &Uses) const {
  bool Worthwhile = false;
  auto CollectFrom = [&](Value *Index, SmallVectorImpl<Instruction *> &Lanes,
                         SmallVectorImpl<Instruction *> &Warps,
                         SmallVectorImpl<Instruction *> &WarpBases) {
    bool Found = false;
    for (User *U : Index->users()) {
      auto *I = dyn_cast<Instruction>(U);
      if (!I)
        continue;
      if (tx::laneSource(I) == Index)
        Lanes.push_back(I);
      else if (tx::warpSource(I) == Index)
        Warps.push_back(I);
      else if (tx::warpBaseSource(I) == Index)
        WarpBases.push_back(I);
      else
        continue;
      Found = true;
      Worthwhile |= feedsAddressOrTest(I);
    }
    return Found;
  };
  bool TiledByX = CollectFrom(X, Uses.Lanes, Uses.Warps, Uses.WarpBases);
  if (TiledByX && !RegionAligned)
    return Worthwhile;
  const BasicBlock *EntryBB = &Block->getEntryBlock();
  Value *&Offset = TiledByX ? Uses.Row : Uses.RowOffset;
  for (User *U : X->users()) {
    auto *Add = dyn_cast<BinaryOperator>(U);
    if (!Add || Add->getOpcode() != Instruction::Add)
      continue;
    Value *Candidate = Add->getOperand(Add->getOperand(0) == X ? 1 : 0);
    if (!isRowInvariant(Candidate, Y, Z, EntryBB) ||
        (Offset && !sameExpression(Offset, Candidate)))
      continue;
    // Beside X's own lanes, only the linear index's: its row offset is a
    // multiple of blockDim.x, so of 32 where RegionAligned holds.
    using namespace PatternMatch;
    if (TiledByX &&
        !match(Candidate, m_c_Mul(m_Specific(BV.BlockDim[0]), m_Value())))
      continue;
    bool Found = TiledByX
                     ? CollectFrom(Add, Uses.LinearLanes, Uses.LinearWarps,
                                   Uses.LinearWarpBases)
                     : CollectFrom(Add, Uses.Lanes, Uses.Warps, Uses.WarpBases);
    if (Found && !Offset)
      Offset = Candidate;
  }
  return Worthwhile;
}

/// The region's blocks compute lanes or warps of both threadIdx.x and the
/// linear thread index: CUB's BlockExchange takes its warp from the first
/// and its lane from `%laneid`.
bool KernelLowering::mixesLaneIndices(ArrayRef<BasicBlock *> Blocks) const {
  bool OfX = false, OfLinear = false;
  for (BasicBlock *BB : Blocks)
    for (Instruction &I : *BB) {
      const Value *Source = tx::laneSource(&I);
      if (!Source)
        Source = tx::warpSource(&I);
      if (!Source)
        continue;
      OfX |= tx::isThreadIndexXRead(Source);
      OfLinear |= tx::isLinearThreadIndex(Source);
      if (OfX && OfLinear)
        return true;
    }
  return false;
}

/// Runs the x loop as a loop over warps around a loop over the lanes of
/// one warp: X from max(FirstX, 32 W) to min(EndX, 32 W + 32) for W from
/// FirstX / 32 to ceil(EndX / 32). Inside, the lane is X - 32 W, affine in
/// the inner loop, and the warp is W, invariant in it. With x & 31 a thread
/// loop reads `Scratch[Lane]` as a gather (the vectoriser proves the
/// access consecutive only for loops of at most 32 threads) and stores
/// `Scratch[Warp]` as a scatter; tiled, they are a vector load and one
/// store per warp. Like the flat loop, each loop runs its first iteration
/// before testing: an empty range still runs FirstX, which the body's own
/// guard turns away (see narrowToGuard).
///
/// With a RowOffset the uses read the linear index L = X + RowOffset, and
/// the warps are those of L (a warp spans rows when blockDim.x is not a
/// multiple of 32): the same bounds in L, computed per row, and the lane is
/// L - 32 W.
///
/// A region that opens with a test on the lane (Guard: `if (Lane == 0)`,
/// `if (Lane < K)`) runs, when Exact holds (the block in step, every lane
/// arrived), only the lanes that pass it: one thread per warp stores the
/// warp's sum instead of a masked scatter over all 32.
void KernelLowering::tileByWarps(PHINode *X, BasicBlock *Pre, BasicBlock *HeadY,
                                 BasicBlock *LatchX, BasicBlock *LatchY,
                                 Value *FirstX, Value *EndX,
                                 const LaneIndexUses &Uses,
                                 const LaneGuard &Guard, Value *Exact) {
  Value *RowOffset = Uses.RowOffset;
  BasicBlock *HeadX = X->getParent();
  std::string Tag = HeadX->getName().drop_back(2).str();
  auto *HeadW = BasicBlock::Create(C, Tag + ".w", Block, HeadX);
  auto *LatchW = BasicBlock::Create(C, Tag + ".w.latch", Block, LatchY);

  // The bounds in the index the warps are counted in: X's own, or per row.
  IRBuilder<> P(RowOffset ? HeadY->getTerminator() : Pre->getTerminator());
  Value *Row = RowOffset ? materializeAt(RowOffset, P) : nullptr;
  Value *FirstL =
      Row ? P.CreateAdd(FirstX, Row, "first.l", true, true) : FirstX;
  Value *EndL = Row ? P.CreateAdd(EndX, Row, "end.l", true, true) : EndX;
  Value *FirstW = P.CreateLShr(FirstL, Log2WarpSize, "first.w");
  Value *EndW = P.CreateLShr(P.CreateAdd(EndL, P.getInt32(WarpSize - 1), "",
                                         /*HasNUW=*/true),
                             Log2WarpSize, "end.w");

  HeadY->getTerminator()->replaceSuccessorWith(HeadX, HeadW);
  IRBuilder<> B(HeadW);
  PHINode *W = B.CreatePHI(B.getInt32Ty(), 2, "warp");
  Value *WarpBase = B.CreateShl(W, Log2WarpSize, "warp.base", true, true);
  Value *StartL = B.CreateBinaryIntrinsic(Intrinsic::umax, FirstL, WarpBase);
  Value *WarpEndL = B.CreateBinaryIntrinsic(
      Intrinsic::umin, EndL,
      B.CreateAdd(WarpBase, B.getInt32(WarpSize), "", true, true));
  Value *Start = Row ? B.CreateSub(StartL, Row, "start.x", true, true) : StartL;
  Value *End = Row ? B.CreateSub(WarpEndL, Row, "end.x", true, true) : WarpEndL;
  if (Guard.Cmp)
    End = narrowToLanes(B, Guard, StartL, WarpEndL, End, Row, WarpBase, Exact);
  B.CreateBr(HeadX);
  W->addIncoming(FirstW, HeadY);
  X->addIncoming(Start, HeadW);

  emitNestedLatches(X, LatchX, End, W, LatchW, EndW, LatchY);

  IRBuilder<> H(HeadX, HeadX->getFirstInsertionPt());
  Value *Lane = nullptr;
  if (!Uses.Lanes.empty() || !Uses.LinearLanes.empty())
    Lane = H.CreateSub(Row ? H.CreateAdd(X, Row, "", true, true) : X, WarpBase,
                       "lane", true, true);
  for (Instruction *I : Uses.Lanes) {
    I->replaceAllUsesWith(Lane);
    I->eraseFromParent();
  }
  for (Instruction *I : Uses.Warps) {
    I->replaceAllUsesWith(W);
    I->eraseFromParent();
  }
  for (Instruction *I : Uses.WarpBases) {
    I->replaceAllUsesWith(WarpBase);
    I->eraseFromParent();
  }
  // The linear index's lane, warp and warp base, where rows are whole warps:
  // X's lane, and W plus the warps of the rows before.
  Value *LinearWarp = nullptr, *LinearWarpBase = nullptr;
  if (!Uses.LinearWarps.empty() || !Uses.LinearWarpBases.empty()) {
    IRBuilder<> R(HeadY->getTerminator());
    Value *RowBase = materializeAt(Uses.Row, R);
    if (!Uses.LinearWarps.empty())
      LinearWarp =
          H.CreateAdd(W, R.CreateLShr(RowBase, Log2WarpSize), "warp.linear");
    if (!Uses.LinearWarpBases.empty())
      LinearWarpBase = H.CreateAdd(WarpBase, RowBase, "warp.base.linear");
  }
  auto SelectWhereAligned = [&](ArrayRef<Instruction *> Found, Value *V) {
    for (Instruction *I : Found) {
      auto *Select =
          SelectInst::Create(RegionAligned, V, I, "", I->getNextNode());
      I->replaceUsesWithIf(Select,
                           [&](Use &U) { return U.getUser() != Select; });
    }
  };
  SelectWhereAligned(Uses.LinearLanes, Lane);
  SelectWhereAligned(Uses.LinearWarps, LinearWarp);
  SelectWhereAligned(Uses.LinearWarpBases, LinearWarpBase);
}

/// The end of a warp's lanes that pass Guard, where Exact holds, else End;
/// the guard's test then only tells whether the warp runs any lane. The
/// inner loop runs Start before it tests, so a warp whose passing lanes are
/// all out of range still runs one thread, which the test turns away.
/// StartL and EndL bound the warp's threads in the index the warps are
/// counted in, Row the offset from X to it (null: none).
Value *KernelLowering::narrowToLanes(IRBuilder<> &B, const LaneGuard &Guard,
                                     Value *StartL, Value *EndL, Value *End,
                                     Value *Row, Value *WarpBase,
                                     Value *Exact) {
  Value *Lanes = Guard.LanesEnd ? Guard.LanesEnd : B.getInt32(Guard.Lanes);
  Value *Narrowed = B.CreateBinaryIntrinsic(
      Intrinsic::umin, EndL, B.CreateAdd(WarpBase, Lanes, "", true, true),
      nullptr, "lanes.end");
  Value *Any = B.CreateICmpULT(StartL, Narrowed, "lanes.any");
  Value *Taken = Guard.PassOnTrue ? Any : B.CreateNot(Any, "lanes.none");
  auto *Passes =
      SelectInst::Create(Exact, Taken, Guard.Cmp, "", Guard.Cmp->getNextNode());
  Guard.Cmp->replaceUsesWithIf(Passes,
                               [&](Use &U) { return U.getUser() != Passes; });
  // Back to X; no lower than the start, where no lane passes, so that the
  // subtraction cannot wrap.
  if (Row)
    Narrowed =
        B.CreateSub(B.CreateBinaryIntrinsic(Intrinsic::umax, Narrowed, StartL),
                    Row, "", true, true);
  return B.CreateSelect(Exact, Narrowed, End, "end.x");
}

/// Guard (its Cmp in the region's clone) with a uniform bound: the lanes
/// that pass, min(bound, 32), computed before the loops from values the
/// region reads once; no guard where the bound is not such a value (which
/// is also what makes it the same in every thread).
LaneGuard KernelLowering::laneGuardBeforeLoops(LaneGuard Guard, BasicBlock *Pre,
                                               Value *InStep) {
  IRBuilder<> P(Pre->getTerminator());
  Value *Bound = valueBeforeLoops(Guard.Cmp->getOperand(1), Pre, InStep, P,
                                  /*Depth=*/0, /*SafeOnly=*/true);
  if (!Bound || Bound->getType()->getIntegerBitWidth() > 64)
    return {};
  Value *Wide = P.CreateZExt(Bound, P.getInt64Ty());
  Guard.LanesEnd = P.CreateTrunc(
      P.CreateBinaryIntrinsic(Intrinsic::umin, Wide, P.getInt64(WarpSize)),
      P.getInt32Ty(), "lanes.bound");
  return Guard;
}
