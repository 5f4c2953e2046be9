//===- CopyByValArguments.cpp - Kernels' by-value structs as locals -------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A kernel's by-value aggregate parameter (a struct passed to the launch)
// points into the launch's argument buffer, which all threads of the block
// share. Read only, it stays there: every thread reads the same values, and
// DivergenceAnalysis counts such loads as uniform. A kernel that writes its
// parameter (CUB's DeviceReduceKernel advances the GridEvenShare it was
// given) gets a copy per thread, as CUDA requires -- and gets it here, at
// the start of the pipeline rather than when WorkItemLoops cuts the kernel,
// so that SROA makes the fields SSA values: the tile loop over a
// GridEvenShare is then a uniform loop that ImplicitLoopBarriers can turn
// inside out, instead of a loop testing per-thread memory.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-copy-byval-args"

bool tx::copyWrittenByValArguments(Function &Kernel) {
  const DataLayout &DL = Kernel.getDataLayout();
  IRBuilder<> B(&*Kernel.getEntryBlock().getFirstInsertionPt());
  bool Changed = false;
  for (Argument &Arg : Kernel.args()) {
    if (!Arg.hasByValAttr() || tx::isReadOnlyByValArgument(Arg))
      continue;
    Type *Ty = Arg.getParamByValType();
    Align A = Arg.getParamAlign().value_or(DL.getABITypeAlign(Ty));
    AllocaInst *Copy = B.CreateAlloca(Ty, nullptr, Arg.getName() + ".copy");
    Copy->setAlignment(A);
    Arg.replaceAllUsesWith(Copy);
    B.CreateMemCpy(Copy, A, &Arg, A, DL.getTypeAllocSize(Ty));
    Changed = true;
  }
  return Changed;
}

PreservedAnalyses tx::CopyByValArgumentsPass::run(Module &M,
                                                  ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function *Kernel : getKernels(M))
    Changed |= copyWrittenByValArguments(*Kernel);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
