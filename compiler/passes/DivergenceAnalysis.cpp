//===- DivergenceAnalysis.cpp - Which values differ between threads -------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "DivergenceAnalysis.h"
#include "DeviceIR.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

/// A value is divergent when threads of one block may compute it
/// differently: it depends on the thread index, on memory (other threads
/// may write it between two threads' reads; not the kernel's read-only
/// by-value parameters, which no thread writes), on a warp collective, or on
/// control flow that diverges. Phis are divergent inside the region a
/// divergent branch controls, up to its immediate post-dominator, where the
/// threads reconverge -- except loop-header phis marked tx.lockstep (see
/// ImplicitLoopBarriers), which a barrier keeps in step. A barrier or warp
/// collective inside such a region (a __syncwarp or shuffle that only some
/// warps reach, which CUDA allows) lets the threads that reach it stop
/// there while the others run on around an enclosing loop: the loops'
/// header phis are divergent then, since threads run different iterations
/// in one stretch (temporal divergence). Everything else is uniform.
DenseSet<Value *> tx::findDivergentValues(Function &Kernel) {
  DenseSet<Value *> Divergent;
  PostDominatorTree PDT(Kernel);
  SmallPtrSet<const Value *, 4> ReadOnlyParameters;
  for (Argument &Arg : Kernel.args())
    if (tx::isReadOnlyByValArgument(Arg))
      ReadOnlyParameters.insert(&Arg);
  auto IsSource = [&](Instruction &I) {
    if (auto *Load = dyn_cast<LoadInst>(&I);
        Load && !Load->isVolatile() &&
        ReadOnlyParameters.contains(
            getUnderlyingObject(Load->getPointerOperand())))
      return false; // the address's own divergence still counts
    if (isa<LoadInst>(I) || isa<AtomicRMWInst>(I) ||
        isa<AtomicCmpXchgInst>(I) || isa<AllocaInst>(I) ||
        tx::isThreadIndexRead(I))
      return true;
    auto *Call = dyn_cast<CallInst>(&I);
    if (!Call || Call->getType()->isVoidTy())
      return false;
    Function *Callee = Call->getCalledFunction();
    if (!Callee)
      return true;
    if (Callee->getName() == BarrierResultName)
      return false; // __syncthreads_count and friends: one block-wide value.
    return !Callee->isIntrinsic() || isWarpCollective(I) ||
           !Callee->doesNotAccessMemory();
  };
  DominatorTree DT(Kernel);
  LoopInfo LI(DT);
  auto HasCut = [](BasicBlock &BB) {
    return any_of(BB, [](Instruction &I) {
      return tx::isBarrier(I) || tx::isWarpCollective(I);
    });
  };
  SmallPtrSet<BasicBlock *, 8> DivergentBranches;
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (Instruction &I : instructions(Kernel)) {
      if (Divergent.contains(&I))
        continue;
      bool IsDivergent = IsSource(I) || any_of(I.operands(), [&](Value *Op) {
                           return Divergent.contains(Op);
                         });
      if (IsDivergent) {
        Divergent.insert(&I);
        Changed = true;
      }
    }
    // Divergent branches make the phis they control divergent.
    for (BasicBlock &BB : Kernel) {
      Instruction *Term = BB.getTerminator();
      Value *Cond = nullptr;
      if (auto *Br = dyn_cast<BranchInst>(Term); Br && Br->isConditional())
        Cond = Br->getCondition();
      else if (auto *Switch = dyn_cast<SwitchInst>(Term))
        Cond = Switch->getCondition();
      if (!Cond || !Divergent.contains(Cond) ||
          !DivergentBranches.insert(&BB).second)
        continue;
      BasicBlock *Join = nullptr;
      if (DomTreeNode *Node = PDT.getNode(&BB))
        if (DomTreeNode *IPDom = Node->getIDom())
          Join = IPDom->getBlock();
      SmallVector<BasicBlock *, 16> Work(succ_begin(&BB), succ_end(&BB));
      SmallPtrSet<BasicBlock *, 16> Seen;
      bool CutInside = false;
      while (!Work.empty()) {
        BasicBlock *Cur = Work.pop_back_val();
        if (!Seen.insert(Cur).second)
          continue;
        CutInside |= Cur != Join && HasCut(*Cur);
        for (PHINode &Phi : Cur->phis())
          if (!Phi.getMetadata(LockstepMetadata) &&
              Divergent.insert(&Phi).second)
            Changed = true;
        if (Cur == Join)
          continue;
        for (BasicBlock *Succ : successors(Cur))
          Work.push_back(Succ);
      }
      if (!CutInside)
        continue;
      for (Loop *L = LI.getLoopFor(&BB); L; L = L->getParentLoop())
        for (PHINode &Phi : L->getHeader()->phis())
          if (Divergent.insert(&Phi).second)
            Changed = true;
    }
  }
  return Divergent;
}
