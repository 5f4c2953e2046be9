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
llvm::DenseSet<llvm::Value *> findDivergentValues(llvm::Function &Kernel);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_DIVERGENCEANALYSIS_H
