//===- WarpCollectiveLowering.h - Warp collectives as lane exchanges -*- C++
//-*-===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_WARPCOLLECTIVELOWERING_H
#define TONGXIN_COMPILER_PASSES_WARPCOLLECTIVELOWERING_H

#include "llvm/ADT/SmallVector.h"

namespace llvm {
class BasicBlock;
class CallInst;
class Type;
class Value;
} // namespace llvm

namespace tx {

/// Replaces a warp collective (shuffle, vote, match, reduce, activemask)
/// placed right after its cut by its result for the thread with linear
/// index LinearTid (i64). Snapshot holds every lane's published operand
/// (LaneTy per thread: i32 where the kernel's collectives are all shuffles,
/// else i64) and WarpMasks the lanes of each warp that arrived at
/// the cut (i32 per warp); see tongxin/abi.h. AllArrived (i1, the same for
/// the whole block) says every lane of every warp arrived, so WarpMasks
/// need not be read. Blocks the lowering creates are added to NewBlocks.
void lowerWarpCollective(llvm::CallInst *Call, llvm::Value *LinearTid,
                         llvm::Type *LaneTy, llvm::Value *Snapshot,
                         llvm::Value *WarpMasks, llvm::Value *AllArrived,
                         llvm::SmallVectorImpl<llvm::BasicBlock *> &NewBlocks);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_WARPCOLLECTIVELOWERING_H
