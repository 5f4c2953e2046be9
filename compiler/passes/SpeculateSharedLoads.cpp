//===- SpeculateSharedLoads.cpp - Guarded shared-memory reads as selects --===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Block reductions end with a read that only some threads make:
//
//   V = Lane < NumWarps ? Scratch[Lane] : 0.0f;
//
// Clang emits it as a branch around the load. In a thread loop that branch
// keeps the loop scalar (a conditional load needs a masked gather, which the
// vectoriser rarely pays for), so the 256 threads of a block run it one by
// one. When the address is provably inside the kernel's static shared
// memory, the load cannot fault and reading it has no effect another thread
// could see: this pass executes such a branch arm unconditionally and turns
// the join's phis into selects, so that the thread loop vectorises.
//
// An arm qualifies when it has a single predecessor (the branch) and falls
// through to the join, holds at most a few instructions, and each of them is
// safe to speculate or is a simple load whose address is the shared-memory
// base plus a constant plus indices whose ranges are known, with the whole
// load inside the static shared bytes (!tx.shared) and aligned whatever the
// indices are. The index values must not be poison (the original program
// did not use them on the other path); the ranges are computed without the
// arm's own poison-generating flags, which are dropped when it is hoisted.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "OffsetBounds.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/ConstantRange.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/Support/KnownBits.h"

#include <optional>

using namespace llvm;

#define DEBUG_TYPE "tx-speculate-shared-loads"

STATISTIC(NumArmsSpeculated, "Branch arms around shared loads speculated");

/// More than this many instructions in an arm, and running it for every
/// thread may cost more than the branch it saves.
static constexpr unsigned MaxArmSize = 8;

/// The signed range of an index value, from its known bits and its
/// defining instructions, but without trusting poison-generating flags.
static ConstantRange indexRange(const Value *V, const DataLayout &DL) {
  KnownBits Known =
      computeKnownBits(V, DL, 0, nullptr, nullptr, nullptr, false);
  ConstantRange FromBits = ConstantRange::fromKnownBits(Known, true);
  ConstantRange FromOps = computeConstantRange(V, true, false);
  return FromBits.intersectWith(FromOps, ConstantRange::Signed);
}

/// V cannot be poison once Arm's instructions run unconditionally. Inside
/// the arm (whose flags are dropped by then) that takes instructions that
/// create no poison of their own, on such operands; outside it, LLVM's
/// analysis, which must not see the arm's loads: on the guarded path a
/// poison address would be UB, so there it would conclude "not poison".
static bool isNotPoisonWhenHoisted(const Value *V, const BasicBlock &Arm,
                                   unsigned Depth = 0) {
  const auto *I = dyn_cast<Instruction>(V);
  if (!I || I->getParent() != &Arm)
    return isGuaranteedNotToBePoison(V);
  if (Depth > 6 || isa<PHINode>(I) || canCreatePoison(cast<Operator>(I)))
    return false;
  return all_of(I->operands(), [&](const Value *Op) {
    return isNotPoisonWhenHoisted(Op, Arm, Depth + 1);
  });
}

/// Load is a plain load that stays inside the first SharedBytes of shared
/// memory, at its alignment, whatever values its indices take.
static bool isInBoundsSharedLoad(const LoadInst &Load, uint64_t SharedBytes) {
  const BasicBlock &Arm = *Load.getParent();
  const DataLayout &DL = Load.getDataLayout();
  uint64_t Size = DL.getTypeStoreSize(Load.getType());
  if (!Load.isSimple() || Size > SharedBytes)
    return false;
  // Constant offsets and non-poison, range-limited indices: the ranges
  // hold whatever guards the arm (the load will run without them).
  std::optional<tx::OffsetBounds> Bounds = tx::offsetBounds(
      Load.getPointerOperand(), tx::isSharedBaseCall, tx::SharedBaseAlignment,
      DL, [&](Value *Index) -> std::optional<tx::IndexFacts> {
        if (!isNotPoisonWhenHoisted(Index, Arm))
          return std::nullopt;
        return tx::IndexFacts{indexRange(Index, DL)};
      });
  if (!Bounds)
    return false;
  APInt Last(Bounds->Max.getBitWidth(), SharedBytes - Size);
  return !Bounds->Min.isNegative() && Bounds->Max.sle(Last) &&
         Bounds->Divisor >= Load.getAlign().value();
}

/// The non-terminator instructions of Arm, if they are few and each is safe
/// to speculate or a load (whose address is checked later).
static std::optional<SmallVector<Instruction *, 8>>
speculationCandidates(BasicBlock &Arm) {
  SmallVector<Instruction *, 8> Body;
  for (Instruction &I : Arm.instructionsWithoutDebug()) {
    if (I.isTerminator())
      break;
    if (isa<PHINode>(I) || Body.size() == MaxArmSize)
      return std::nullopt;
    if (!isa<LoadInst>(I) && !isSafeToSpeculativelyExecute(&I))
      return std::nullopt;
    Body.push_back(&I);
  }
  return Body;
}

/// Metadata that stays true of a hoisted instruction: aliasing facts.
static constexpr unsigned KeptMetadata[] = {
    LLVMContext::MD_tbaa, LLVMContext::MD_tbaa_struct,
    LLVMContext::MD_alias_scope, LLVMContext::MD_noalias};

/// Arm may run unconditionally. Its poison-generating flags are dropped
/// first (they held only on the guarded path), so that neither the bounds
/// nor the non-poison test of an index can rest on one.
static bool makeArmSpeculatable(BasicBlock &Arm, uint64_t SharedBytes) {
  std::optional<SmallVector<Instruction *, 8>> Body =
      speculationCandidates(Arm);
  if (!Body)
    return false;
  for (Instruction *I : *Body) {
    I->dropUBImplyingAttrsAndUnknownMetadata(KeptMetadata);
    I->dropPoisonGeneratingFlags();
  }
  return all_of(*Body, [&](Instruction *I) {
    auto *Load = dyn_cast<LoadInst>(I);
    return !Load || isSafeToSpeculativelyExecute(Load) ||
           isInBoundsSharedLoad(*Load, SharedBytes);
  });
}

/// Arm is a successor of Head that only Head reaches and that falls through
/// to Join.
static bool isArmOf(BasicBlock *Arm, BasicBlock *Head, BasicBlock *Join) {
  return Arm != Join && Arm->getSinglePredecessor() == Head &&
         Arm->getSingleSuccessor() == Join;
}

/// The arms and the join of Head's two-way branch, if it is a triangle or a
/// diamond whose arms only fall through to the join.
static std::optional<std::pair<SmallVector<BasicBlock *, 2>, BasicBlock *>>
matchBranch(BasicBlock &Head) {
  auto *Branch = dyn_cast<BranchInst>(Head.getTerminator());
  if (!Branch || !Branch->isConditional())
    return std::nullopt;
  BasicBlock *True = Branch->getSuccessor(0), *False = Branch->getSuccessor(1);
  if (True == False)
    return std::nullopt;
  SmallVector<BasicBlock *, 2> Arms;
  BasicBlock *Join = nullptr;
  if (BasicBlock *After = True->getSingleSuccessor();
      After && (After == False || After == False->getSingleSuccessor()))
    Join = After;
  else if (BasicBlock *After = False->getSingleSuccessor(); After == True)
    Join = After;
  if (!Join)
    return std::nullopt;
  for (BasicBlock *Succ : {True, False})
    if (Succ != Join) {
      if (!isArmOf(Succ, &Head, Join))
        return std::nullopt;
      Arms.push_back(Succ);
    }
  if (pred_size(Join) != 2)
    return std::nullopt;
  return std::make_pair(Arms, Join);
}

/// Moves the arms into Head, replaces the join's phis by selects on the
/// branch condition and makes Head fall through to the join.
static void speculateArms(BasicBlock &Head, ArrayRef<BasicBlock *> Arms,
                          BasicBlock *Join) {
  auto *Branch = cast<BranchInst>(Head.getTerminator());
  Value *Cond = Branch->getCondition();
  // The block control reaches from Head when Cond is true or false.
  BasicBlock *OnTrue =
      Branch->getSuccessor(0) == Join ? &Head : Branch->getSuccessor(0);
  BasicBlock *OnFalse =
      Branch->getSuccessor(1) == Join ? &Head : Branch->getSuccessor(1);
  for (BasicBlock *Arm : Arms)
    Head.splice(Branch->getIterator(), Arm, Arm->begin(),
                Arm->getTerminator()->getIterator());
  IRBuilder<> B(Branch);
  for (PHINode &Phi : make_early_inc_range(Join->phis())) {
    Value *Selected = B.CreateSelect(Cond, Phi.getIncomingValueForBlock(OnTrue),
                                     Phi.getIncomingValueForBlock(OnFalse),
                                     Phi.getName() + ".spec");
    if (auto *Select = dyn_cast<SelectInst>(Selected);
        Select && isa<FPMathOperator>(Select))
      Select->copyFastMathFlags(&Phi);
    Phi.replaceAllUsesWith(Selected);
    Phi.eraseFromParent();
  }
  B.CreateBr(Join);
  Branch->eraseFromParent();
  for (BasicBlock *Arm : Arms)
    Arm->eraseFromParent();
}

static bool hasLoad(const BasicBlock *BB) {
  return any_of(*BB, [](const Instruction &I) { return isa<LoadInst>(I); });
}

static bool speculateIn(Function &F) {
  uint64_t SharedBytes = tx::staticSharedBytes(F);
  if (SharedBytes == 0)
    return false;
  // Heads first: speculating erases arms, which are blocks of F too.
  SmallVector<BasicBlock *, 16> Heads;
  for (BasicBlock &BB : F)
    if (auto *Branch = dyn_cast<BranchInst>(BB.getTerminator());
        Branch && Branch->isConditional())
      Heads.push_back(&BB);
  bool Changed = false;
  for (BasicBlock *Head : Heads) {
    auto Match = matchBranch(*Head);
    if (!Match || !any_of(Match->first, hasLoad))
      continue;
    auto &[Arms, Join] = *Match;
    if (!all_of(Arms, [&](BasicBlock *Arm) {
          return makeArmSpeculatable(*Arm, SharedBytes);
        }))
      continue;
    speculateArms(*Head, Arms, Join);
    ++NumArmsSpeculated;
    Changed = true;
  }
  return Changed;
}

PreservedAnalyses tx::SpeculateSharedLoadsPass::run(Module &M,
                                                    ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function *Kernel : getKernels(M))
    Changed |= speculateIn(*Kernel);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
