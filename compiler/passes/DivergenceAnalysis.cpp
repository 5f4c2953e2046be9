//===- DivergenceAnalysis.cpp - Which values differ between threads -------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "DivergenceAnalysis.h"
#include "DeviceIR.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"

#include <optional>

using namespace llvm;

namespace {

/// How far apart the threads of a block may be on a value: the same in all
/// of them, the same in threads at the same lane of their warps (a function
/// of the lane and uniform values), or anything.
enum class Spread : uint8_t { Uniform, ByLane, Divergent };

class DivergenceAnalysis {
public:
  DivergenceAnalysis(Function &Kernel, bool AssumeFullAlignedWarps)
      : Kernel(Kernel), ByLaneReasoning(AssumeFullAlignedWarps) {
    for (Argument &Arg : Kernel.args())
      if (tx::isReadOnlyByValArgument(Arg))
        ReadOnlyParameters.insert(&Arg);
  }

  DenseSet<Value *> run();

private:
  Spread spreadOf(const Value *V) const {
    auto It = Spreads.find(V);
    return It == Spreads.end() ? Spread::Uniform : It->second;
  }
  /// Raises V's spread to at least S; true if it changed.
  bool raise(Value *V, Spread S) {
    Spread &Known = Spreads[V];
    if (S <= Known)
      return false;
    Known = S;
    return true;
  }
  Spread operandSpread(const Instruction &I) const;
  std::optional<Spread> sourceSpread(Instruction &I) const;
  std::optional<Spread> collectiveSpread(const CallInst &Call) const;
  bool isLaneSource(const Instruction &I) const;
  bool spreadThroughBranches(PostDominatorTree &PDT, LoopInfo &LI);

  Function &Kernel;
  const bool ByLaneReasoning;
  SmallPtrSet<const Value *, 4> ReadOnlyParameters;
  DenseMap<const Value *, Spread> Spreads;
  DenseMap<const BasicBlock *, Spread> BranchSpreads;
};

} // namespace

Spread DivergenceAnalysis::operandSpread(const Instruction &I) const {
  Spread S = Spread::Uniform;
  for (const Value *Op : I.operands())
    S = std::max(S, spreadOf(Op));
  return S;
}

/// The lane of a thread in its warp: PTX's %laneid (the linear thread
/// index & 31), or `threadIdx.x % 32`, which is the lane where blockDim.x
/// is a multiple of 32 or divides it (what the caller assumes).
bool DivergenceAnalysis::isLaneSource(const Instruction &I) const {
  if (tx::isLaneIndex(&I))
    return true;
  const Value *Source = tx::laneSource(&I);
  return Source && tx::isThreadIndexXRead(Source);
}

static bool isWholeWarpMask(const Value *Mask) {
  const auto *C = dyn_cast<ConstantInt>(Mask);
  return C && C->isMinusOne();
}

/// With full warps whose lanes line up across the block, every warp
/// computes a collective from the same per-lane values: what it gives a
/// lane depends on that lane alone, and a warp-symmetric chain (an
/// all-reduce) or a vote gives every thread of the block the same value.
std::optional<Spread>
DivergenceAnalysis::collectiveSpread(const CallInst &Call) const {
  if (tx::isWarpShuffleChain(Call)) {
    // A body that reads the linear thread index differs between warps.
    const auto *Body = cast<Function>(Call.getArgOperand(0));
    if (Body->arg_size() > tx::ShuffleChainWarpBaseArg ||
        spreadOf(Call.getArgOperand(1)) == Spread::Divergent)
      return Spread::Divergent;
    return Call.getMetadata(tx::WarpSymmetricMetadata) ? Spread::Uniform
                                                       : Spread::ByLane;
  }
  Function *Callee = Call.getCalledFunction();
  if (!Callee || Call.arg_size() == 0 ||
      !isWholeWarpMask(Call.getArgOperand(0)))
    return std::nullopt;
  Spread Operands = Spread::Uniform;
  for (const Value *Arg : drop_begin(Call.args()))
    Operands = std::max(Operands, spreadOf(Arg));
  if (Operands == Spread::Divergent)
    return Spread::Divergent;
  if (tx::isWarpShuffle(Call))
    return spreadOf(Call.getArgOperand(1)) == Spread::Uniform ? Spread::Uniform
                                                              : Spread::ByLane;
  switch (Callee->getIntrinsicID()) {
  case Intrinsic::nvvm_vote_all_sync:
  case Intrinsic::nvvm_vote_any_sync:
  case Intrinsic::nvvm_vote_uni_sync:
  case Intrinsic::nvvm_vote_ballot_sync:
    return Spread::Uniform;
  default:
    return std::nullopt;
  }
}

/// A load of shared memory (not volatile, not atomic).
static bool isSharedMemoryLoad(const LoadInst &Load) {
  if (!Load.isSimple())
    return false;
  const Value *Object = getUnderlyingObject(Load.getPointerOperand());
  if (tx::isSharedBaseCall(Object))
    return true;
  const auto *Global = dyn_cast<GlobalVariable>(Object);
  return Global && Global->getAddressSpace() == 3;
}

/// The spread of a value that does not follow from its operands': a read
/// of the thread index, of memory, a collective. None for the others.
std::optional<Spread> DivergenceAnalysis::sourceSpread(Instruction &I) const {
  if (ByLaneReasoning && isLaneSource(I))
    return Spread::ByLane;
  if (auto *Load = dyn_cast<LoadInst>(&I)) {
    if (!Load->isVolatile() && ReadOnlyParameters.contains(getUnderlyingObject(
                                   Load->getPointerOperand())))
      return std::nullopt; // the address's own divergence still counts
    // Threads that read one place of shared memory in one barrier
    // interval read the same value: a write there would race.
    // (Not the plain load LocalizeSharedAtomics made of an atomic.)
    if (ByLaneReasoning && isSharedMemoryLoad(*Load) &&
        !Load->getMetadata(tx::LocalizedAtomicMetadata))
      return std::nullopt;
    return Spread::Divergent;
  }
  if (isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I) ||
      isa<AllocaInst>(I) || tx::isThreadIndexRead(I))
    return Spread::Divergent;
  auto *Call = dyn_cast<CallInst>(&I);
  if (!Call || Call->getType()->isVoidTy())
    return std::nullopt;
  Function *Callee = Call->getCalledFunction();
  if (!Callee)
    return Spread::Divergent;
  if (Callee->getName() == tx::BarrierResultName)
    return Spread::Uniform; // __syncthreads_count and friends
  if (ByLaneReasoning && tx::isSharedBaseCall(Call))
    return Spread::Uniform;
  if (tx::isWarpCollective(I)) {
    if (ByLaneReasoning)
      if (std::optional<Spread> S = collectiveSpread(*Call))
        return S;
    return Spread::Divergent;
  }
  if (!Callee->isIntrinsic() || !Callee->doesNotAccessMemory())
    return Spread::Divergent;
  return std::nullopt;
}

/// Branches on values that differ between threads make the phis they
/// control differ as much. A barrier or warp collective inside such a
/// region (a __syncwarp or shuffle that only some warps reach, which CUDA
/// allows) lets the threads that reach it stop there while the others run
/// on around an enclosing loop: the loops' header phis are divergent then,
/// since threads run different iterations in one stretch (temporal
/// divergence).
bool DivergenceAnalysis::spreadThroughBranches(PostDominatorTree &PDT,
                                               LoopInfo &LI) {
  auto HasCut = [](BasicBlock &BB) {
    return any_of(BB, [](Instruction &I) {
      return tx::isBarrier(I) || tx::isWarpCollective(I);
    });
  };
  bool Changed = false;
  for (BasicBlock &BB : Kernel) {
    Instruction *Term = BB.getTerminator();
    Value *Cond = nullptr;
    if (auto *Br = dyn_cast<BranchInst>(Term); Br && Br->isConditional())
      Cond = Br->getCondition();
    else if (auto *Switch = dyn_cast<SwitchInst>(Term))
      Cond = Switch->getCondition();
    Spread S = Cond ? spreadOf(Cond) : Spread::Uniform;
    Spread &Done = BranchSpreads[&BB];
    if (S <= Done)
      continue;
    Done = S;
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
        if (!Phi.getMetadata(tx::LockstepMetadata))
          Changed |= raise(&Phi, S);
      if (Cur == Join)
        continue;
      for (BasicBlock *Succ : successors(Cur))
        Work.push_back(Succ);
    }
    if (!CutInside)
      continue;
    for (Loop *L = LI.getLoopFor(&BB); L; L = L->getParentLoop())
      for (PHINode &Phi : L->getHeader()->phis())
        Changed |= raise(&Phi, Spread::Divergent);
  }
  return Changed;
}

DenseSet<Value *> DivergenceAnalysis::run() {
  PostDominatorTree PDT(Kernel);
  DominatorTree DT(Kernel);
  LoopInfo LI(DT);
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (Instruction &I : instructions(Kernel)) {
      std::optional<Spread> Source = sourceSpread(I);
      // A collective's spread is all its own (its operands' included).
      bool Collective = Source && isa<CallInst>(I) && tx::isWarpCollective(I) &&
                        *Source != Spread::Divergent;
      Spread S = Source.value_or(Spread::Uniform);
      if (!Collective && !(ByLaneReasoning && isLaneSource(I)))
        S = std::max(S, operandSpread(I));
      Changed |= raise(&I, S);
    }
    Changed |= spreadThroughBranches(PDT, LI);
  }
  DenseSet<Value *> Divergent;
  for (auto [V, S] : Spreads)
    if (S != Spread::Uniform)
      Divergent.insert(const_cast<Value *>(V));
  return Divergent;
}

/// A value is divergent when threads of one block may compute it
/// differently: it depends on the thread index, on memory (other threads
/// may write it between two threads' reads; not the kernel's read-only
/// by-value parameters, which no thread writes), on a warp collective, or on
/// control flow that diverges. Phis are divergent inside the region a
/// divergent branch controls, up to its immediate post-dominator, where the
/// threads reconverge -- except loop-header phis marked tx.lockstep (see
/// ImplicitLoopBarriers), which a barrier keeps in step. Everything else is
/// uniform.
///
/// Assuming full warps whose lanes line up (see the header), values that
/// depend only on the lane are followed too: they are the same in every
/// warp, so a collective over them that gives all lanes one value gives
/// the whole block one value (a block reduction's second step).
DenseSet<Value *> tx::findDivergentValues(Function &Kernel,
                                          bool AssumeFullAlignedWarps) {
  return DivergenceAnalysis(Kernel, AssumeFullAlignedWarps).run();
}
