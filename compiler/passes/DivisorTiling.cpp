//===- DivisorTiling.cpp - Thread loops tiled by a power-of-two divisor ---===//
//
// Part of Tongxin. The part of WorkItemLoops (see KernelLowering.h) that
// tiles a region's x loop when its body splits a thread index into a row
// and a column of a tile: the cooperative load of a shared-memory tile,
//
//   for (e = threadIdx.x; e < Rows * Cols; e += blockDim.x)
//     Tile[e / Cols][e % Cols] = In[(row0 + e / Cols) * n + e % Cols];
//
// in whatever form (ImplicitLoopBarriers and GridStrideGuards make each
// round a region whose index is Row + x, Row the same in every thread),
// or `threadIdx.x / 16`, `threadIdx.x % 16` directly. Run as one loop over
// x, the quotient and the remainder are not affine in x, so the vectoriser
// gathers and scatters element by element. Tiled, the loop runs over tiles
// T of D = 2^s consecutive indices L = Row + x, and inside a tile the
// quotient by D is T (invariant) and the remainder L - D T (unit stride):
// each tile's accesses are one vector load and store. A divisor D' that is
// a larger power of two gives T >> (s' - s) and (D T mod D') + L - D T.
//
// The rewrite assumes L >= 0 with no overflow (where the signed forms agree
// with the unsigned ones) and Row read once before the loops, which holds
// when the block is in step; the tile loop tests it at run time and
// otherwise runs the whole range as one tile with the body unchanged (the
// optimiser unswitches that test).
//
//===----------------------------------------------------------------------===//

#include "KernelLowering.h"

#include "llvm/IR/PatternMatch.h"

using namespace llvm;
using namespace tx::workitems;

namespace {
/// Tiles of 2 or 4 elements would only shorten the vector loops.
constexpr unsigned MinTileShift = 3;
constexpr unsigned MaxTileShift = 10;

/// log2 of the power-of-two divisor I divides Index by (udiv, sdiv, lshr,
/// ashr), or takes the remainder by (urem, srem, and with D - 1).
std::optional<std::pair<unsigned, bool>> divisionOf(Instruction &I,
                                                    Value *Index) {
  using namespace PatternMatch;
  const APInt *C;
  if (I.getOperand(0) != Index)
    return std::nullopt;
  if (match(&I, m_UDiv(m_Value(), m_APInt(C))) ||
      match(&I, m_SDiv(m_Value(), m_APInt(C))))
    return C->isPowerOf2() ? std::optional(std::pair(C->logBase2(), true))
                           : std::nullopt;
  if (match(&I, m_LShr(m_Value(), m_APInt(C))) ||
      match(&I, m_AShr(m_Value(), m_APInt(C))))
    return C->ult(31)
               ? std::optional(std::pair(unsigned(C->getZExtValue()), true))
               : std::nullopt;
  if (match(&I, m_URem(m_Value(), m_APInt(C))) ||
      match(&I, m_SRem(m_Value(), m_APInt(C))))
    return C->isPowerOf2() ? std::optional(std::pair(C->logBase2(), false))
                           : std::nullopt;
  if (match(&I, m_And(m_Value(), m_APInt(C))) && C->isMask())
    return std::pair(C->popcount(), false);
  return std::nullopt;
}
} // namespace

/// The divisions of X, or of X + Row with Row computable before the
/// loops, that would tile the loop; none where they do not index memory.
std::optional<DivisorTiling>
KernelLowering::findDivisorTiling(PHINode *X, BasicBlock *Pre, Value *InStep,
                                  bool RowAllowed) {
  SmallVector<std::pair<Value *, Value *>, 4> Indices{{X, nullptr}};
  for (User *U : X->users())
    if (auto *Add = dyn_cast<BinaryOperator>(U);
        Add && Add->getOpcode() == Instruction::Add &&
        Add->getType()->isIntegerTy(32))
      Indices.push_back({Add, Add->getOperand(Add->getOperand(0) == X)});
  for (auto [Index, Row] : Indices) {
    if (Row && !RowAllowed)
      break;
    DivisorTiling Tiling;
    Tiling.Index = Index;
    bool Worthwhile = false;
    for (User *U : Index->users()) {
      auto *I = dyn_cast<Instruction>(U);
      std::optional<std::pair<unsigned, bool>> Division =
          I ? divisionOf(*I, Index) : std::nullopt;
      if (!Division)
        continue;
      auto [Shift, Quotient] = *Division;
      if (Shift < MinTileShift || Shift > MaxTileShift)
        continue;
      (Quotient ? Tiling.Quotients : Tiling.Remainders).push_back({I, Shift});
      Tiling.Shift = Tiling.Shift ? std::min(Tiling.Shift, Shift) : Shift;
      Worthwhile |= feedsAddressOrTest(I);
    }
    if (!Worthwhile || Tiling.Remainders.empty())
      continue;
    IRBuilder<> P(Pre->getTerminator());
    if (Row) {
      Tiling.Row = valueBeforeLoops(Row, Pre, InStep, P, /*Depth=*/0,
                                    /*SafeOnly=*/true);
      if (!Tiling.Row)
        continue;
    }
    return Tiling;
  }
  return std::nullopt;
}

/// Runs the x loop as a loop over tiles T of D = 2^Shift indices L = X + Row
/// around a loop over one tile: X from max(FirstL, D T) - Row to
/// min(EndL, D T + D) - Row for T from FirstL / D to ceil(EndL / D), and
/// replaces the divisions by their values in T and X (see the file
/// comment). Like the flat loop, each loop runs its first iteration before
/// testing. Where the test fails, one tile of the whole range.
void KernelLowering::tileByDivisor(PHINode *X, BasicBlock *Pre,
                                   BasicBlock *HeadRow, BasicBlock *LatchX,
                                   BasicBlock *LatchRow, Value *FirstX,
                                   Value *EndX, const DivisorTiling &Tiling) {
  BasicBlock *HeadX = X->getParent();
  std::string Tag = HeadX->getName().drop_back(2).str();
  auto *HeadT = BasicBlock::Create(C, Tag + ".tile", Block, HeadX);
  auto *LatchT = BasicBlock::Create(C, Tag + ".tile.latch", Block, LatchRow);
  const unsigned Size = 1u << Tiling.Shift;

  // L >= 0 and no overflow: Row >= 0 and Row + EndX <= INT32_MAX. Only the
  // in-step version is tiled (Row is read once for it), and it is entered
  // only where this holds: versionOnStep folds RegionTileOk to true in it
  // and to false in the general version, where the loop is one tile.
  Value *Ok = ConstantInt::getTrue(C);
  Value *FirstL = FirstX, *EndL = EndX;
  if (Tiling.Row) {
    IRBuilder<> P(Pre->getTerminator());
    Value *Row64 = P.CreateSExt(Tiling.Row, P.getInt64Ty());
    Value *End64 = P.CreateAdd(Row64, P.CreateZExt(EndX, P.getInt64Ty()));
    Ok = P.CreateFreeze(
        P.CreateAnd(P.CreateICmpSGE(Row64, P.getInt64(0)),
                    P.CreateICmpSLE(End64, P.getInt64(INT32_MAX))),
        "tile.ok");
    RegionTileOk = Ok;
    FirstL = P.CreateAdd(FirstX, Tiling.Row);
    EndL = P.CreateAdd(EndX, Tiling.Row);
  }
  // In the nest, so that each version has its own bounds.
  IRBuilder<> R(HeadRow->getTerminator());
  Value *FirstT = R.CreateSelect(Ok, R.CreateLShr(FirstL, Tiling.Shift),
                                 R.getInt32(0), "first.tile");
  Value *EndT = R.CreateSelect(
      Ok, R.CreateLShr(R.CreateAdd(EndL, R.getInt32(Size - 1)), Tiling.Shift),
      R.getInt32(1), "end.tile");

  HeadRow->getTerminator()->replaceSuccessorWith(HeadX, HeadT);
  IRBuilder<> B(HeadT);
  PHINode *T = B.CreatePHI(B.getInt32Ty(), 2, "tile");
  Value *TileBase = B.CreateShl(T, Tiling.Shift, "tile.base");
  Value *StartL = B.CreateBinaryIntrinsic(Intrinsic::umax, FirstL, TileBase);
  Value *TileEndL = B.CreateBinaryIntrinsic(
      Intrinsic::umin, EndL, B.CreateAdd(TileBase, B.getInt32(Size)));
  auto ToX = [&](Value *L) {
    return Tiling.Row ? B.CreateSub(L, Tiling.Row) : L;
  };
  // The x of the tile's first index (modulo 2^32 where it precedes x 0).
  Value *TileX = ToX(TileBase);
  Value *Start = B.CreateSelect(Ok, ToX(StartL), FirstX, "start.x");
  Value *End = B.CreateSelect(Ok, ToX(TileEndL), EndX, "end.x");
  B.CreateBr(HeadX);
  T->addIncoming(FirstT, HeadRow);
  X->addIncoming(Start, HeadT);

  emitNestedLatches(X, LatchX, End, T, LatchT, EndT, LatchRow);

  // In the tile: L - D T, unit stride in X.
  IRBuilder<> H(HeadX, HeadX->getFirstInsertionPt());
  Value *Offset = H.CreateSub(X, TileX, "in.tile");
  auto Replace = [&](Instruction *I, unsigned Shift, bool Quotient) {
    IRBuilder<> At(I->getNextNode());
    Value *New = Offset;
    if (Quotient)
      New = At.CreateLShr(T, Shift - Tiling.Shift);
    else if (Shift > Tiling.Shift)
      New = At.CreateAdd(At.CreateAnd(TileBase, (1u << Shift) - 1), Offset);
    Value *Select = At.CreateSelect(Ok, New, I);
    I->replaceUsesWithIf(Select, [&](Use &U) { return U.getUser() != Select; });
  };
  for (auto [I, Shift] : Tiling.Quotients)
    Replace(I, Shift, /*Quotient=*/true);
  for (auto [I, Shift] : Tiling.Remainders)
    Replace(I, Shift, /*Quotient=*/false);
}
