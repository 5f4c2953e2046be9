//===- WarpCollectiveLowering.h - Warp collectives as lane exchanges -*- C++
//-*-===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_WARPCOLLECTIVELOWERING_H
#define TONGXIN_COMPILER_PASSES_WARPCOLLECTIVELOWERING_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"

namespace tx {

/// Replaces a warp collective (shuffle, vote, match, reduce, activemask)
/// placed right after its cut by its result for the thread with linear
/// index LinearTid (i64). Snapshot holds every lane's published operand
/// (LaneTy per thread, the cut's slot width: KernelLowering::laneBytesOf)
/// and WarpMasks the lanes of each warp that arrived at the cut (i32 per
/// warp); see tongxin/abi.h. AllArrived (i1, the same for the whole block)
/// says every lane of every warp arrived, so WarpMasks need not be read.
/// Blocks the lowering creates are added to NewBlocks.
void lowerWarpCollective(llvm::CallInst *Call, llvm::Value *LinearTid,
                         llvm::Type *LaneTy, llvm::Value *Snapshot,
                         llvm::Value *WarpMasks, llvm::Value *AllArrived,
                         llvm::SmallVectorImpl<llvm::BasicBlock *> &NewBlocks);

/// PTX shfl.sync's source lane for lane Lane (i32, or a vector of i32 for
/// many lanes at once) of the shuffle ID with lane operand Operand (its
/// low five bits: PTX's bval = b[4:0], masked by the caller) and
/// packed segment operand Packed (of Lane's type), and whether that source
/// lies inside the lane's segment (else the lane keeps its own value).
struct ShuffleSource {
  llvm::Value *Lane;
  llvm::Value *InSegment;
};
ShuffleSource shuffleSource(llvm::IRBuilder<> &B, unsigned ID,
                            llvm::Value *Lane, llvm::Value *Operand,
                            llvm::Value *Packed);

/// <32 x i1> from an i32 mask of a warp's lanes: element L is bit L.
llvm::Value *arrivedLanes(llvm::IRBuilder<> &B, llvm::Value *Mask);

/// The vector a warp's 32 lanes of Ty travel in, into and out of a shuffle
/// chain's body: <32 x Ty>, except that 128-bit lanes (e.g. a 64-bit sum
/// packed with its clamp) are their two 64-bit halves, <64 x i64>, in the
/// order the lane slots hold them in memory (low half first on little-endian
/// targets). x86 has no vectors of i128: the shifts and truncations of
/// <32 x i128> were scalarised lane by lane, 39% of the machine code of
/// CUB's device reductions.
llvm::Type *warpLanesType(llvm::Type *Ty);
/// Half H (0: bits 0-63, 1: bits 64-127) of each lane of Halves (<64 x i64>,
/// as warpLanesType gives 128-bit lanes): <32 x i64>.
llvm::Value *laneHalf(llvm::IRBuilder<> &B, llvm::Value *Halves, unsigned H);
/// Each lane's halves, Low and High (<32 x i64>), as <64 x i64>.
llvm::Value *joinLaneHalves(llvm::IRBuilder<> &B, llvm::Value *Low,
                            llvm::Value *High);

/// After the cut of a fused shuffle chain (see FuseWarpShuffles.cpp): runs
/// the chain's body once for every warp with a lane in [First, End) (linear
/// thread indices, i64), reading the warps' inputs from From and writing
/// each lane's result to To (LaneTy per thread). Masks, when given, holds
/// the lanes of each warp that arrived (i32 per warp); only their results
/// are written. Null Masks: every lane of those warps arrived. Given
/// AllArrived (i1), that holds where it is true: Masks is then still loaded
/// (it must be addressable) but its words are ignored. Leaves B after the
/// loop.
void emitShuffleChainForWarps(llvm::IRBuilder<> &B, llvm::CallInst *Chain,
                              llvm::Type *LaneTy, llvm::Value *From,
                              llvm::Value *To, llvm::Value *First,
                              llvm::Value *End, llvm::Value *Masks,
                              llvm::Value *AllArrived = nullptr);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_WARPCOLLECTIVELOWERING_H
