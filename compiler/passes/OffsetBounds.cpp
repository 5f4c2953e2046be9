//===- OffsetBounds.cpp - Bounds of a pointer's offset from a base -------===//
//
// Part of Tongxin. See OffsetBounds.h.
//
//===----------------------------------------------------------------------===//

#include "OffsetBounds.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Operator.h"

#include <algorithm>

using namespace llvm;

std::optional<tx::OffsetBounds> tx::offsetBounds(
    const Value *Ptr, function_ref<bool(const Value *)> IsBase,
    uint64_t BaseAlign, const DataLayout &DL,
    function_ref<std::optional<IndexFacts>(Value *Index)> RangeOf) {
  constexpr unsigned Width = 128; // Products of 64-bit values cannot wrap.
  OffsetBounds Bounds{APInt(Width, 0), APInt(Width, 0), BaseAlign};
  while (!IsBase(Ptr)) {
    const auto *GEP = dyn_cast<GEPOperator>(Ptr);
    if (!GEP)
      return std::nullopt;
    unsigned IndexWidth = DL.getIndexTypeSizeInBits(GEP->getType());
    MapVector<Value *, APInt> Variables;
    APInt Constant(IndexWidth, 0);
    if (!GEP->collectOffset(DL, IndexWidth, Variables, Constant))
      return std::nullopt;
    APInt Offset = Constant.sext(Width);
    Bounds.Min += Offset;
    Bounds.Max += Offset;
    Bounds.Divisor = std::min<uint64_t>(
        Bounds.Divisor,
        Offset.isZero() ? BaseAlign : uint64_t(1) << Offset.countr_zero());
    for (auto &[Index, Scale] : Variables) {
      std::optional<IndexFacts> Facts = RangeOf(Index);
      if (!Facts || Facts->Range.isFullSet() || Facts->Range.isEmptySet())
        return std::nullopt;
      // GEP indices are sign-extended to the index width.
      APInt Lo = Facts->Range.getSignedMin().sext(Width) * Scale.sext(Width);
      APInt Hi = Facts->Range.getSignedMax().sext(Width) * Scale.sext(Width);
      if (Lo.sgt(Hi))
        std::swap(Lo, Hi);
      Bounds.Min += Lo;
      Bounds.Max += Hi;
      unsigned Zeros =
          std::min(Scale.countr_zero() + Facts->TrailingZeros, 62u);
      Bounds.Divisor = std::min<uint64_t>(Bounds.Divisor, uint64_t(1) << Zeros);
    }
    Ptr = GEP->getPointerOperand();
  }
  return Bounds;
}
