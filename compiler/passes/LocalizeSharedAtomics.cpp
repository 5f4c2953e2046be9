//===- LocalizeSharedAtomics.cpp - Plain accesses for __shared__ atomics --===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// On the CPU, a block's shared memory belongs to the one OS thread that
// runs the block: WorkItemLoops runs all of the block's CUDA threads on it,
// one after another between barriers. No other OS thread can touch it, so
// an atomic on shared memory (a histogram's `atomicAdd(&bins[v], 1)`) needs
// no lock prefix and no compare-and-swap loop: it becomes a load, the
// operation and a store. Atomics whose address may be anything else keep
// their atomicity.
//
// Runs after SharedMemoryLayout, when every __shared__ access is an offset
// from __tx_shared_base(), and before the thread loops are built. The load
// and store it leaves are marked (tx::LocalizedAtomicMetadata): unlike the
// program's own accesses, they are not free of dependences between threads.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/LowerAtomic.h"

using namespace llvm;

#define DEBUG_TYPE "tx-localize-shared-atomics"

STATISTIC(NumLocalized, "Atomics on shared memory made plain accesses");

/// Ptr points into the block's shared memory: every object it may be based
/// on is the shared-memory base.
static bool pointsToShared(Value *Ptr) {
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(Ptr, Objects);
  return !Objects.empty() && all_of(Objects, tx::isSharedBaseCall);
}

static bool localizeIn(Function &F) {
  SmallVector<Instruction *, 8> Atomics;
  for (Instruction &I : instructions(F)) {
    if (auto *RMW = dyn_cast<AtomicRMWInst>(&I);
        RMW && pointsToShared(RMW->getPointerOperand()))
      Atomics.push_back(RMW);
    else if (auto *CAS = dyn_cast<AtomicCmpXchgInst>(&I);
             CAS && pointsToShared(CAS->getPointerOperand()))
      Atomics.push_back(CAS);
  }
  MDNode *Mark = MDNode::get(F.getContext(), {});
  for (Instruction *I : Atomics) {
    ++NumLocalized;
    // The lowering puts its load and store where the atomic was.
    BasicBlock *BB = I->getParent();
    Instruction *Before = I->getPrevNode();
    Instruction *After = I->getNextNode();
    if (auto *RMW = dyn_cast<AtomicRMWInst>(I))
      lowerAtomicRMWInst(RMW);
    else
      lowerAtomicCmpXchgInst(cast<AtomicCmpXchgInst>(I));
    for (Instruction *New = Before ? Before->getNextNode() : &BB->front();
         New && New != After; New = New->getNextNode())
      if (isa<LoadInst>(New) || isa<StoreInst>(New))
        New->setMetadata(tx::LocalizedAtomicMetadata, Mark);
  }
  return !Atomics.empty();
}

PreservedAnalyses tx::LocalizeSharedAtomicsPass::run(Module &M,
                                                     ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function *Kernel : getKernels(M))
    if (!Kernel->isDeclaration())
      Changed |= localizeIn(*Kernel);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
