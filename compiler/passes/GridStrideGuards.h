//===- GridStrideGuards.h - Grid-stride loops as guarded uniform loops -*- C++
//-*-===//
//
// Part of Tongxin. A step of ImplicitLoopBarriers (ImplicitLoopBarriers.cpp):
// a grid-stride loop whose threads leave at different iterations becomes a
// loop that all threads of the block run together, with a guarded body.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_GRIDSTRIDEGUARDS_H
#define TONGXIN_COMPILER_PASSES_GRIDSTRIDEGUARDS_H

#include "llvm/ADT/DenseSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Instructions.h"

#include <optional>

namespace tx {
namespace gridstride {

/// An access of the loop body to Base[IV] (Base uniform and invariant):
/// each round touches the row of blockDim.x elements from the round's
/// start, one grid stride after the previous round's.
struct RowAccess {
  llvm::Value *Base;
  llvm::Type *ElementType;
  bool IsWrite;
};

/// A grid-stride loop `for (i = Lead + threadIdx.x; i < N; i += Step)`
/// (or with threadIdx.x's lane in a group of 2^m threads for threadIdx.x),
/// whose only exit is its header's test.
struct GuardedLoop {
  llvm::Loop *L;
  llvm::PHINode *IV;
  llvm::Value *Lead = nullptr; ///< The start of thread 0 of each row.
  /// Where the start is a 32-bit index widened to the induction variable's
  /// type (`size_t i = blockIdx.x * blockDim.x + threadIdx.x`): that
  /// index's lead, whose sum with a thread's term must then not wrap in 32
  /// bits, and whether it is sign-extended. Lead is null until
  /// rewriteAsGuardedLoop widens it (matching changes nothing).
  llvm::Value *NarrowLead = nullptr;
  bool NarrowSigned = false;
  llvm::Value *Step;  ///< Uniform, invariant in L.
  llvm::Value *Bound; ///< N: uniform, invariant in L.
  bool Signed;        ///< `i < N` is a signed comparison.
  /// 0 where the thread term is threadIdx.x; 2^m - 1 where it is the lane
  /// threadIdx.x & (2^m - 1) (a warp-stride loop: `i = lane; i < N; i +=
  /// 32`): each group of 2^m threads then walks a row of its own.
  uint64_t LaneMask = 0;
  llvm::SmallVector<RowAccess, 4> Rows; ///< Rows each round touches.
};

/// Matches a grid-stride loop (induction variable IV from Start by Step)
/// that can run as a guarded uniform loop: the exit is `IV < N` in the
/// header, nothing but header phis is used after the loop, and the header
/// has no effects. Divergent: the values that differ between threads.
std::optional<GuardedLoop>
matchGuardedLoop(llvm::Loop &L, llvm::PHINode *IV, llvm::Value *Start,
                 llvm::Value *Step,
                 const llvm::DenseSet<llvm::Value *> &Divergent);

/// Rewrites G.L as a loop over iterations k that every thread runs together
/// while thread 0's index Lead + k * Step is below N, each iteration running
/// the body for threads with threadIdx.x < N - (Lead + k * Step), with
/// implicit barriers (Barrier) at the header, before the guard and at the
/// exit. A check before the loop keeps the original loop for launches where
/// an index could wrap around, where the two forms would differ (for a
/// widened start, also in 32 bits). G is taken by value: a widened start's
/// Lead is made here, before the loop.
void rewriteAsGuardedLoop(GuardedLoop G, llvm::FunctionCallee Barrier);

} // namespace gridstride
} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_GRIDSTRIDEGUARDS_H
