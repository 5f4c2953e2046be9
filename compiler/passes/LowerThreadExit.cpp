//===- LowerThreadExit.cpp - PTX `exit` as a return from the kernel -------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// PTX's `exit` ends the thread wherever it is; CUB's onesweep radix sort
// calls it (cub::ThreadExit) from deep inside a device function.
// TranslateInlinePTX writes it as a call of ThreadExitName followed by
// `unreachable`, InlineBarrierCallees pulls every function that reaches it
// into its kernel, and this pass, once the inliners ran, makes each call a
// `ret void` of the kernel: the same thing as a `return` in the kernel's
// own code, which WorkItemLoops already handles (the thread takes no further
// part, barriers after it included). A call left in a function that could
// not be inlined (recursion) is reported at its source line.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-lower-thread-exit"

/// Replaces the call and everything after it in its block by `ret void`.
static void returnAt(CallInst &Call) {
  BasicBlock *BB = Call.getParent();
  BasicBlock *Dead = BB->splitBasicBlock(&Call);
  BB->getTerminator()->eraseFromParent();
  ReturnInst::Create(BB->getContext(), BB);
  // The split-off rest (the call, `unreachable`) has no predecessor now.
  Dead->dropAllReferences();
  Dead->eraseFromParent();
}

PreservedAnalyses tx::LowerThreadExitPass::run(Module &M,
                                               ModuleAnalysisManager &) {
  Function *Exit = M.getFunction(tx::ThreadExitName);
  if (!Exit)
    return PreservedAnalyses::all();
  SmallPtrSet<Function *, 8> Kernels;
  for (Function *K : getKernels(M))
    Kernels.insert(K);
  SmallVector<CallInst *, 8> Calls;
  for (User *U : Exit->users())
    if (auto *Call = dyn_cast<CallInst>(U))
      Calls.push_back(Call);
  for (CallInst *Call : Calls) {
    Function &F = *Call->getFunction();
    if (Kernels.contains(&F) && F.getReturnType()->isVoidTy()) {
      returnAt(*Call);
      continue;
    }
    F.getContext().diagnose(DiagnosticInfoUnsupported(
        F,
        "PTX 'exit' in a device function that cannot be inlined into its "
        "kernel (a recursive one) is not supported on the CPU backend",
        Call->getDebugLoc()));
  }
  if (Exit->use_empty())
    Exit->eraseFromParent();
  return PreservedAnalyses::none();
}
