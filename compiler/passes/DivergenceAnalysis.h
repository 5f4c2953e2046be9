//===- DivergenceAnalysis.h - Which values differ between threads -*- C++
//-*-===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_DIVERGENCEANALYSIS_H
#define TONGXIN_COMPILER_PASSES_DIVERGENCEANALYSIS_H

#include "llvm/ADT/DenseSet.h"

namespace llvm {
class Function;
class Value;
} // namespace llvm

namespace tx {

/// The values of a kernel that threads of one block may compute
/// differently; every other value is the same in all threads. WorkItemLoops
/// uses it to keep uniform values out of per-thread slots.
///
/// AssumeFullAlignedWarps: for blocks whose warps are all full (a multiple
/// of 32 threads) and where threadIdx.x % 32 is the lane (blockDim.x a
/// multiple of 32, or a divisor of it), in a program without data races.
/// More values are uniform then: a warp all-reduce of values that depend
/// only on the lane, a read of shared memory at a uniform address.
llvm::DenseSet<llvm::Value *>
findDivergentValues(llvm::Function &Kernel,
                    bool AssumeFullAlignedWarps = false);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_DIVERGENCEANALYSIS_H
