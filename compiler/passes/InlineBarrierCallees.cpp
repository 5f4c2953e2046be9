//===- InlineBarrierCallees.cpp - Pull barriers into their kernels --------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// WorkItemLoops cuts a kernel at its barriers, so every barrier must sit in
// the kernel body. This pass marks each device function that reaches a
// barrier (or PTX's `exit`), directly or through calls, as always-inline.
// Functions that read the thread index or shared memory are inlined too: inside
// the kernel these become loop values, outside they cost a load from the block
// context. A barrier in a recursive function cannot be inlined and is reported.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-inline-barriers"

/// True for intrinsics that read per-thread geometry or block memory.
static bool readsThreadState(const Function &Callee) {
  if (Callee.getName() == tx::SharedBaseName)
    return true;
  return Callee.getName().starts_with("llvm.nvvm.read.ptx.sreg.");
}

static bool mustInline(const Instruction &I, bool &HasBarrier) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  // PTX's `exit` must reach its kernel to become a return (LowerThreadExit).
  if (tx::isBarrier(I) || tx::isWarpMatrixProduct(I) ||
      (Callee && Callee->getName() == tx::ThreadExitName)) {
    HasBarrier = true;
    return true;
  }
  // __shared__ variables are laid out per kernel, so their uses belong in
  // kernel bodies too.
  for (const Value *Op : I.operands())
    if (const auto *G = dyn_cast<GlobalVariable>(Op->stripPointerCasts()))
      if (G->getAddressSpace() == tx::SharedAS)
        return true;
  return Callee && readsThreadState(*Callee);
}

PreservedAnalyses tx::InlineBarrierCalleesPass::run(Module &M,
                                                    ModuleAnalysisManager &) {
  SmallPtrSet<Function *, 8> Kernels;
  for (Function *K : getKernels(M))
    Kernels.insert(K);

  // Seed with functions that use barriers or thread state directly, then
  // propagate to their callers.
  SmallSetVector<Function *, 16> Marked;
  SmallPtrSet<Function *, 16> WithBarrier;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    for (Instruction &I : instructions(F)) {
      bool HasBarrier = false;
      if (mustInline(I, HasBarrier)) {
        Marked.insert(&F);
        if (HasBarrier)
          WithBarrier.insert(&F);
      }
    }
  }
  for (unsigned Idx = 0; Idx < Marked.size(); ++Idx) {
    Function *F = Marked[Idx];
    for (User *U : F->users()) {
      auto *Call = dyn_cast<CallBase>(U);
      if (!Call || Call->getCalledFunction() != F)
        continue;
      Function *Caller = Call->getFunction();
      if (WithBarrier.contains(F))
        WithBarrier.insert(Caller);
      Marked.insert(Caller);
    }
  }

  bool Changed = false;
  for (Function *F : Marked) {
    if (Kernels.contains(F))
      continue;
    bool Recursive = any_of(F->users(), [&](User *U) {
      auto *Call = dyn_cast<CallBase>(U);
      return Call && Call->getFunction() == F;
    });
    if (Recursive) {
      if (WithBarrier.contains(F))
        F->getContext().diagnose(DiagnosticInfoUnsupported(
            *F, "__syncthreads() in a recursive device function is not "
                "supported"));
      continue;
    }
    F->removeFnAttr(Attribute::NoInline);
    F->removeFnAttr(Attribute::OptimizeNone);
    F->addFnAttr(Attribute::AlwaysInline);
    Changed = true;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
