//===- PreferVectorWidth.cpp - The vector width of the thread loops -------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// LLVM's X86 backend tunes most AVX-512 processors (Skylake-SP to Sapphire
// Rapids, Zen 4) to prefer 256-bit vectors: in ordinary C++ a few
// vectorised loops among scalar code do not pay for the lower clock and
// the wider registers' start-up. Clang turns -mprefer-vector-width into a
// function attribute when it compiles source; txcc compiles the lowered
// device module as IR, where only the attribute counts. A block function
// is the opposite of ordinary C++: nearly all its time is in thread loops,
// 16 floats wide at 512 bits against 8 at 256. bench/kmeans_assign, whose
// thread loop is arithmetic bound, ran in 6.2-7.0 ms with 512-bit vectors
// against 9.0-10.4 ms with 256-bit ones on an Intel Xeon (paired rounds),
// which is what GCC's `omp simd` twin does (5.2 ms).
//
// This pass gives every function the driver's width as "prefer-vector-width"
// (txcc: 512 on an AVX-512 x86-64 host unless -mprefer-vector-width says
// otherwise). A function that already has the attribute keeps its own. It
// runs before WorkItemLoops, which copies a kernel's width to its block
// function and interleaves a thread loop only where a row of the block
// fills two vectors (a 16-wide tile row is one 512-bit vector of floats).
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-prefer-vector-width"

PreservedAnalyses tx::PreferVectorWidthPass::run(Module &M,
                                                 ModuleAnalysisManager &) {
  bool Changed = false;
  std::string Width = std::to_string(Bits);
  for (Function &F : M) {
    if (F.isDeclaration() || F.hasFnAttribute("prefer-vector-width"))
      continue;
    F.addFnAttr("prefer-vector-width", Width);
    Changed = true;
  }
  // Attributes only: analyses of the functions' code stay valid.
  return Changed ? PreservedAnalyses::allInSet<CFGAnalyses>()
                 : PreservedAnalyses::all();
}
