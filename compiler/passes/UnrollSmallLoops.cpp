//===- UnrollSmallLoops.cpp - Unroll small loops before the lowering ------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Fully unrolls two kinds of small constant-trip loops of a kernel before
// WorkItemLoops, where the optimiser that runs afterwards would be too late:
//
// Loops around a cut. A warp or block reduction is a short loop around a
// shuffle or a barrier:
//
//   for (int Offset = 16; Offset > 0; Offset >>= 1)
//     V += __shfl_xor_sync(~0u, V, Offset);
//
// Each shuffle and barrier is a cut for WorkItemLoops. Kept as a loop, the
// cuts form a run-time state machine: every thread records its next state,
// the block dispatches on it, and the loop's counter and every value it
// carries live in per-thread scratch. Unrolled, as the GPU compiler would,
// the cuts are straight-line, the shuffle offsets are constants (a fixed
// lane exchange), and the carried values are plain SSA values.
//
// Innermost loops that index a local array with their counter
// (`for (D = 0; D < 8; ++D) X[D] = ...`). Unrolled, the indices are
// constants and SROA (run next in the pipeline) makes the array scalars.
// Left as an array, it lives in per-thread scratch as soon as a cut
// (ImplicitLoopBarriers' too) separates its uses, one whole array per
// thread, and reading X[D] across the thread loop is a strided gather.
//
// Other loops are left to the optimiser that runs after the thread loops
// exist (unrolling them now only makes the thread loop harder to vectorise).
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/UnrollLoop.h"

using namespace llvm;

#define DEBUG_TYPE "tx-unroll-small-loops"

STATISTIC(NumUnrolled, "Loops around cuts fully unrolled");

/// Loops around cuts with trip counts up to this are unrolled (a warp's
/// log2 steps, a tile's width); longer loops keep their state machine.
static constexpr unsigned MaxTripCount = 32;
/// The unrolled body may have at most this many instructions.
static constexpr unsigned MaxUnrolledSize = 4096;

/// Loops over local arrays: a per-thread vector or small matrix.
static constexpr unsigned MaxArrayTripCount = 16;
static constexpr unsigned MaxArrayUnrolledSize = 512;

/// Unrolling stops adding cuts to a kernel past this many: every cut is a
/// region with two versions of its thread loops, and a kernel of dozens of
/// unrolled reductions would take minutes to optimise.
static constexpr unsigned MaxCutsPerKernel = 32;
/// Shuffles unrolled into chains (which FuseWarpShuffles makes one cut
/// each) are bounded separately, by the size of the code they make.
static constexpr unsigned MaxChainShuffles = 256;

static bool isCut(const Instruction &I) {
  return tx::isBarrier(I) || tx::isWarpCollective(I) ||
         tx::isWarpMatrixProduct(I);
}

template <typename Blocks> static unsigned countCuts(const Blocks &BBs) {
  unsigned Cuts = 0;
  for (const BasicBlock *BB : BBs)
    for (const Instruction &I : *BB)
      Cuts += isCut(I);
  return Cuts;
}

/// The loop reads or writes a kernel-local array at an index that changes
/// with the iteration (`X[D]` in `for (D = 0; D < 8; ++D)`): unrolled, the
/// indices are constants and SROA makes the array scalars.
static bool indexesLocalArray(const Loop &L) {
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      auto *GEP = dyn_cast<GetElementPtrInst>(&I);
      if (!GEP || GEP->hasAllConstantIndices() ||
          !isa<AllocaInst>(getUnderlyingObject(GEP->getPointerOperand())))
        continue;
      return true;
    }
  return false;
}

/// V is a constant in every copy of L once L is fully unrolled: a
/// constant, or computed from L's header phis that start at a constant and
/// step by constants (a shuffle's `Offset >>= 1`).
static bool constantWhenUnrolled(Value *V, const Loop &L, unsigned Depth = 0) {
  if (isa<Constant>(V))
    return true;
  auto *I = dyn_cast<Instruction>(V);
  if (!I || !L.contains(I) || Depth > 8)
    return false;
  if (auto *Phi = dyn_cast<PHINode>(I)) {
    if (Phi->getParent() != L.getHeader() || Phi->getNumIncomingValues() != 2)
      return false;
    BasicBlock *Pre = L.getLoopPreheader(), *Latch = L.getLoopLatch();
    if (!Pre || !Latch || !isa<Constant>(Phi->getIncomingValueForBlock(Pre)))
      return false;
    auto *Step = dyn_cast<Instruction>(Phi->getIncomingValueForBlock(Latch));
    return Step && (isa<BinaryOperator>(Step) || isa<CastInst>(Step)) &&
           all_of(Step->operands(),
                  [&](Value *Op) { return Op == Phi || isa<Constant>(Op); });
  }
  if (!isa<BinaryOperator>(I) && !isa<CastInst>(I))
    return false;
  return all_of(I->operands(), [&](Value *Op) {
    return constantWhenUnrolled(Op, L, Depth + 1);
  });
}

/// A load or store of a kernel-local variable (an alloca), which SROA turns
/// into SSA values once the loop's indices are constants: CUB shuffles a
/// 64-bit value as a loop over its 32-bit words, through the variable.
static bool accessesLocalVariable(const Instruction &I) {
  const Value *Ptr = getLoadStorePointerOperand(&I);
  return Ptr && isa<AllocaInst>(getUnderlyingObject(Ptr));
}

/// A loop of warp shuffles only, with lane and segment operands that become
/// constants or stay the same in every iteration (CUB's clamp at the last
/// valid lane), and no memory but local variables: unrolled, its shuffles
/// form chains that FuseWarpShuffles makes one cut each, so unrolling adds
/// no cuts.
static bool unrollsIntoShuffleChains(const Loop &L) {
  bool Shuffles = false;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      if (tx::isWarpShuffle(I)) {
        auto &Call = cast<CallInst>(I);
        for (unsigned Arg : {2, 3})
          if (!constantWhenUnrolled(Call.getArgOperand(Arg), L) &&
              !L.isLoopInvariant(Call.getArgOperand(Arg)))
            return false;
        Shuffles = true;
        continue;
      }
      if (accessesLocalVariable(I) || I.isLifetimeStartOrEnd() ||
          isa<DbgInfoIntrinsic>(I))
        continue;
      if (isCut(I) || I.mayReadOrWriteMemory() || I.mayHaveSideEffects())
        return false;
    }
  return Shuffles;
}

static unsigned loopSize(const Loop &L) {
  unsigned Size = 0;
  for (BasicBlock *BB : L.blocks())
    Size += BB->size();
  return Size;
}

static bool unrollIn(Function &F, FunctionAnalysisManager &FAM) {
  auto &LI = FAM.getResult<LoopAnalysis>(F);
  auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  auto &AC = FAM.getResult<AssumptionAnalysis>(F);
  auto &TTI = FAM.getResult<TargetIRAnalysis>(F);
  OptimizationRemarkEmitter ORE(&F);

  // Innermost first, so that a nest of small loops unrolls entirely.
  SmallVector<Loop *, 8> Loops = LI.getLoopsInPreorder();
  bool Changed = false;
  unsigned KernelCuts = countCuts(make_pointer_range(F));
  unsigned ChainShuffles = 0;
  for (Loop *L : reverse(Loops)) {
    unsigned LoopCuts = countCuts(L->blocks());
    bool ForArrays = LoopCuts == 0 && L->isInnermost() && indexesLocalArray(*L);
    if (LoopCuts == 0 && !ForArrays)
      continue;
    Changed |= simplifyLoop(L, &DT, &LI, &SE, &AC, nullptr, false);
    Changed |= formLCSSARecursively(*L, DT, &LI, &SE);
    unsigned TripCount = SE.getSmallConstantTripCount(L);
    if (ForArrays && (TripCount > MaxArrayTripCount ||
                      TripCount * loopSize(*L) > MaxArrayUnrolledSize))
      continue;
    // Copies of a loop of shuffle chains fuse back into as many cuts as
    // the loop has; they count against a budget of their own.
    bool Chains = LoopCuts > 0 && unrollsIntoShuffleChains(*L);
    unsigned AddedCuts = (TripCount - 1) * LoopCuts;
    if (TripCount == 0 || TripCount > MaxTripCount ||
        TripCount * loopSize(*L) > MaxUnrolledSize ||
        (Chains ? ChainShuffles + TripCount * LoopCuts > MaxChainShuffles
                : AddedCuts > 0 && KernelCuts + AddedCuts > MaxCutsPerKernel))
      continue;
    UnrollLoopOptions Options;
    Options.Count = TripCount;
    Options.Force = true;
    Options.Runtime = false;
    Options.AllowExpensiveTripCount = false;
    Options.UnrollRemainder = false;
    Options.ForgetAllSCEV = false;
    if (UnrollLoop(L, Options, &LI, &SE, &DT, &AC, &TTI, &ORE,
                   /*PreserveLCSSA=*/true) == LoopUnrollResult::FullyUnrolled) {
      ++NumUnrolled;
      if (Chains)
        ChainShuffles += TripCount * LoopCuts;
      else
        KernelCuts += AddedCuts;
      Changed = true;
    }
  }
  if (Changed) {
    // Copies past the exit iteration end in `br i1 true` and unreachable
    // blocks; their dead shuffles would otherwise still become cuts.
    for (BasicBlock &BB : F)
      ConstantFoldTerminator(&BB);
    removeUnreachableBlocks(F);
  }
  return Changed;
}

PreservedAnalyses tx::UnrollSmallLoopsPass::run(Module &M,
                                                ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  bool Changed = false;
  for (Function *Kernel : getKernels(M)) {
    if (Kernel->isDeclaration() || !unrollIn(*Kernel, FAM))
      continue;
    Changed = true;
    FAM.invalidate(*Kernel, PreservedAnalyses::none());
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
