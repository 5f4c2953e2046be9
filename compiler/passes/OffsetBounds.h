//===- OffsetBounds.h - Bounds of a pointer's offset from a base -*- C++
//-*-===//
//
// Part of Tongxin. Passes that prove an access stays inside an object
// (SpeculateSharedLoads: a shared load safe to run unguarded; memcheck:
// an access that needs no check) walk the same GEP chain from the pointer
// back to the object's base and bound the byte offset from the ranges of
// its indices; they differ only in where those ranges come from.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_OFFSETBOUNDS_H
#define TONGXIN_COMPILER_PASSES_OFFSETBOUNDS_H

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/IR/ConstantRange.h"

#include <optional>

namespace llvm {
class DataLayout;
class Value;
} // namespace llvm

namespace tx {

/// The byte offsets a pointer may hold from its base (128-bit: products of
/// 64-bit indices cannot wrap), and a power of two dividing all of them.
struct OffsetBounds {
  llvm::APInt Min, Max;
  uint64_t Divisor;
};

/// What a caller knows of one variable GEP index: its signed range, and
/// how many low bits are known zero (0 when nothing is known).
struct IndexFacts {
  llvm::ConstantRange Range;
  unsigned TrailingZeros = 0;
};

/// Bounds of Ptr - base, where Ptr is a chain of GEPs over a value IsBase
/// accepts (aligned to BaseAlign), from RangeOf's facts about each variable
/// index; nullopt when Ptr is something else or RangeOf has nothing for an
/// index.
std::optional<OffsetBounds> offsetBounds(
    const llvm::Value *Ptr,
    llvm::function_ref<bool(const llvm::Value *)> IsBase, uint64_t BaseAlign,
    const llvm::DataLayout &DL,
    llvm::function_ref<std::optional<IndexFacts>(llvm::Value *Index)> RangeOf);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_OFFSETBOUNDS_H
