//===- RetargetToCPU.cpp - Give an NVPTX device module a CPU target -------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// The device module comes from clang's CUDA device pass for nvptx64. Its IR
// is target-neutral except for the module header, per-function target
// attributes and NVPTX-only atomic scopes, which this pass rewrites. Address
// spaces are left to GenericAddressSpaces and SharedMemoryLayout.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-retarget"

/// A CPU knows one scope for atomics: the whole system. Block and device
/// scopes are narrower, so widening them is always correct.
static void widenSyncScope(Instruction &I) {
  auto Widen = [](SyncScope::ID ID) {
    return ID == SyncScope::SingleThread ? ID : SyncScope::System;
  };
  if (auto *RMW = dyn_cast<AtomicRMWInst>(&I))
    RMW->setSyncScopeID(Widen(RMW->getSyncScopeID()));
  else if (auto *CAS = dyn_cast<AtomicCmpXchgInst>(&I))
    CAS->setSyncScopeID(Widen(CAS->getSyncScopeID()));
  else if (auto *Fence = dyn_cast<FenceInst>(&I))
    Fence->setSyncScopeID(Widen(Fence->getSyncScopeID()));
  else if (auto *Load = dyn_cast<LoadInst>(&I))
    Load->setSyncScopeID(Widen(Load->getSyncScopeID()));
  else if (auto *Store = dyn_cast<StoreInst>(&I))
    Store->setSyncScopeID(Widen(Store->getSyncScopeID()));
}

PreservedAnalyses tx::RetargetToCPUPass::run(Module &M,
                                             ModuleAnalysisManager &) {
  M.setTargetTriple(Triple);
  M.setDataLayout(DataLayout);
  for (Function &F : M) {
    F.removeFnAttr("target-cpu");
    F.removeFnAttr("target-features");
    F.removeFnAttr("nvptx-f32ftz");
    F.setCallingConv(CallingConv::C);
    for (Instruction &I : instructions(F)) {
      widenSyncScope(I);
      if (auto *Call = dyn_cast<CallBase>(&I))
        Call->setCallingConv(CallingConv::C);
    }
  }
  return PreservedAnalyses::none();
}
