//===- HoistMemoryChecks.cpp - memcheck: a range test per loop nest -------===//
//
// Part of Tongxin. MemoryAccessChecks puts a check before every access;
// inside a loop (a thread loop of WorkItemLoops, or the program's own) the
// branch to the runtime on failure keeps the loop from being vectorised,
// which made checked tiled kernels 10-30x slower than unchecked ones.
//
// Where a checked address is affine in the loops around it, with trip
// counts known on entry, every address the loops will check lies between
// two bounds computable before the outermost such loop. This pass tests
// there whether that whole range passes the check (inside the known object
// or the range the site's cache holds, aligned, no narrow index wrapping),
// and gives the loop nest an unchecked twin that runs when it does. When
// it does not, the original nest runs with every access checked, and the
// bad access is reported where it happens: the range test reports nothing.
//
// Runs after WorkItemLoops, so that the thread loops are loops here too,
// on loops in simplified and LCSSA form.
//
//===----------------------------------------------------------------------===//

#include "CheckSites.h"
#include "TongxinPasses.h"
#include "tongxin/check_abi.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

using namespace llvm;
using namespace tx;

#define DEBUG_TYPE "tx-hoist-memchecks"

STATISTIC(NumHoisted, "Memory checks covered by a check before their loops");

namespace {

/// One check MemoryAccessChecks emitted: `br Bad, Fail, Cont` in Guard, and
/// the runtime call in Fail.
struct CheckSite {
  BranchInst *Guard;
  CallInst *Report;
  Value *Pointer;
  uint64_t Bytes;
  uint64_t Alignment;
  bool Region; ///< __tx_memcheck_region_fault (Base, ObjectBytes known).
};

/// The extent of an address over loops: [Low, High] of the first byte.
/// Values [Low, High] that must stay within a narrow integer type: a 32-bit
/// index the range computation widened (see WidenExtensions).
struct NarrowRange {
  const SCEV *Low;
  const SCEV *High;
  unsigned Bits;
  bool Signed;
};

struct Extent {
  const SCEV *Low;
  const SCEV *High;
  Loop *Outermost = nullptr;
  /// Steps of the recurrences: multiples of the alignment, checked too.
  SmallVector<const SCEV *, 4> Steps;
  /// Indices that must not wrap for [Low, High] to hold, checked too.
  SmallVector<NarrowRange, 4> Narrow;
};

class CheckHoister {
public:
  CheckHoister(Function &F, LoopInfo &LI, DominatorTree &DT,
               ScalarEvolution &SE)
      : F(F), LI(LI), DT(DT), SE(SE), DL(F.getDataLayout()) {}
  /// Versions one loop nest; false when none is left to version.
  bool versionOneLoop();

private:
  bool findCheck(CallInst *Call, CheckSite &Out);
  bool extentOver(const CheckSite &Site, Extent &Out);
  bool regionInvariantIn(const CheckSite &Site, const Loop *L);
  Value *coveredBy(const CheckSite &Site, const Extent &E, Instruction *At);
  void version(Loop *L, Value *Covered, ArrayRef<BranchInst *> Guards);

  Function &F;
  LoopInfo &LI;
  DominatorTree &DT;
  ScalarEvolution &SE;
  const DataLayout &DL;
};

uint64_t siteAlignment(Value *Site) {
  auto *G = dyn_cast<GlobalVariable>(Site);
  if (!G || !G->hasInitializer())
    return 0;
  auto *Init = dyn_cast<ConstantStruct>(G->getInitializer());
  if (!Init || Init->getNumOperands() != 7)
    return 0;
  auto *Alignment = dyn_cast<ConstantInt>(Init->getOperand(6));
  return Alignment ? Alignment->getZExtValue() : 0;
}

} // namespace

bool CheckHoister::findCheck(CallInst *Call, CheckSite &Out) {
  Function *Callee = Call->getCalledFunction();
  if (!Callee)
    return false;
  StringRef Name = Callee->getName();
  bool Region = Name == "__tx_memcheck_region_fault";
  if (!Region && Name != "__tx_memcheck_access")
    return false;
  BasicBlock *Fail = Call->getParent();
  BasicBlock *GuardBlock = Fail->getSinglePredecessor();
  auto *Guard =
      GuardBlock ? dyn_cast<BranchInst>(GuardBlock->getTerminator()) : nullptr;
  if (!Guard || !Guard->isConditional() || Guard->getSuccessor(0) != Fail)
    return false;
  auto *Bytes = dyn_cast<ConstantInt>(Call->getArgOperand(2));
  uint64_t Alignment = siteAlignment(Call->getArgOperand(0));
  if (!Bytes || !Alignment)
    return false;
  Out = {Guard,     Call,  Call->getArgOperand(1), Bytes->getZExtValue(),
         Alignment, Region};
  return true;
}

/// The address as an integer expression.
static const SCEV *addressOf(ScalarEvolution &SE, Value *Pointer,
                             const DataLayout &DL) {
  const SCEV *S = SE.getSCEV(Pointer);
  if (S->getType()->isPointerTy())
    S = SE.getPtrToIntExpr(S, DL.getIntPtrType(Pointer->getType()));
  return S;
}

namespace {
/// Rewrites sign and zero extensions of L's affine recurrences into wide
/// recurrences (a 32-bit index scaled into a 64-bit address), so that the
/// address is affine in L. That is exact only while the narrow index does
/// not wrap: each rewrite adds the index's values over L to Narrow, which
/// the range test checks too.
class WidenExtensions : public SCEVRewriteVisitor<WidenExtensions> {
public:
  WidenExtensions(ScalarEvolution &SE, const Loop *L, const SCEV *Taken,
                  SmallVectorImpl<NarrowRange> &Narrow)
      : SCEVRewriteVisitor(SE), L(L), Taken(Taken), Narrow(Narrow) {}

  const SCEV *visitSignExtendExpr(const SCEVSignExtendExpr *Expr) {
    return widen(Expr, /*Signed=*/true);
  }
  const SCEV *visitZeroExtendExpr(const SCEVZeroExtendExpr *Expr) {
    return widen(Expr, /*Signed=*/false);
  }

private:
  const SCEV *widen(const SCEVCastExpr *Expr, bool Signed) {
    const SCEV *Inner = visit(Expr->getOperand());
    Type *Wide = Expr->getType();
    auto *Rec = dyn_cast<SCEVAddRecExpr>(Inner);
    if (!Rec || Rec->getLoop() != L || !Rec->isAffine())
      return Signed ? SE.getSignExtendExpr(Inner, Wide)
                    : SE.getZeroExtendExpr(Inner, Wide);
    const SCEV *Start = Signed ? SE.getSignExtendExpr(Rec->getStart(), Wide)
                               : SE.getZeroExtendExpr(Rec->getStart(), Wide);
    const SCEV *Step = SE.getSignExtendExpr(Rec->getStepRecurrence(SE), Wide);
    const SCEV *Last = SE.getAddExpr(
        Start, SE.getMulExpr(Step, SE.getTruncateOrZeroExtend(Taken, Wide)));
    Narrow.push_back({SE.getSMinExpr(Start, Last), SE.getSMaxExpr(Start, Last),
                      Rec->getType()->getScalarSizeInBits(), Signed});
    return SE.getAddRecExpr(Start, Step, L, SCEV::FlagAnyWrap);
  }

  const Loop *L;
  const SCEV *Taken;
  SmallVectorImpl<NarrowRange> &Narrow;
};
} // namespace

/// The iterations of L in which Block runs at most: the backedge-taken
/// count, or one less in the body of a loop that exits only at its header
/// (the header runs once more than the body).
static const SCEV *lastIteration(ScalarEvolution &SE, Loop *L,
                                 BasicBlock *Block) {
  const SCEV *Taken = SE.getBackedgeTakenCount(L);
  if (isa<SCEVCouldNotCompute>(Taken) || !SE.isLoopInvariant(Taken, L))
    return nullptr;
  BasicBlock *Header = L->getHeader();
  if (L->getExitingBlock() == Header && Block != Header &&
      SE.isKnownPositive(Taken))
    return SE.getMinusSCEV(Taken, SE.getOne(Taken->getType()));
  return Taken;
}

/// Widens value bounds over the iterations of one loop.
struct LoopWidening {
  ScalarEvolution &SE;
  Loop *L;
  const SCEV *Taken;
  SmallVectorImpl<const SCEV *> &Steps;
  SmallVectorImpl<NarrowRange> &Narrow;

  /// Adds to Ends the first and last values over L of each operand of S's
  /// minimum (or maximum, if Max) -- S itself if it is neither -- where
  /// each is affine in L or invariant.
  bool collectEnds(const SCEV *S, bool Max,
                   SmallVectorImpl<const SCEV *> &Ends) {
    if (Max ? isa<SCEVSMaxExpr>(S) : isa<SCEVSMinExpr>(S)) {
      for (const SCEV *Op : cast<SCEVNAryExpr>(S)->operands())
        if (!collectEnds(Op, Max, Ends))
          return false;
      return true;
    }
    S = WidenExtensions(SE, L, Taken, Narrow).visit(S);
    if (SE.isLoopInvariant(S, L)) {
      Ends.push_back(S);
      return true;
    }
    auto *Rec = dyn_cast<SCEVAddRecExpr>(S);
    if (!Rec || Rec->getLoop() != L || !Rec->isAffine())
      return false;
    const SCEV *Step = Rec->getStepRecurrence(SE);
    if (!SE.isLoopInvariant(Step, L))
      return false;
    Steps.push_back(Step);
    Ends.push_back(Rec->getStart());
    Ends.push_back(SE.getAddExpr(
        Rec->getStart(), SE.getMulExpr(Step, SE.getTruncateOrZeroExtend(
                                                 Taken, Step->getType()))));
    return true;
  }

  /// [Low, High] over every iteration of L.
  bool widen(const SCEV *&Low, const SCEV *&High) {
    SmallVector<const SCEV *, 8> Lows, Highs;
    if (!collectEnds(Low, /*Max=*/false, Lows) ||
        !collectEnds(High, /*Max=*/true, Highs))
      return false;
    Low = SE.getSMinExpr(Lows);
    High = SE.getSMaxExpr(Highs);
    return true;
  }
};

/// Widens the extent E (address bounds and the narrow ranges they rely on)
/// over every iteration of L in which Block runs, if everything is affine
/// in L (or invariant) with a trip count known on entry.
static bool widenOver(ScalarEvolution &SE, Loop *L, BasicBlock *Block,
                      Extent &E) {
  const SCEV *Taken = lastIteration(SE, L, Block);
  if (!Taken)
    return false;
  SmallVector<NarrowRange, 4> Added;
  LoopWidening W{SE, L, Taken, E.Steps, Added};
  if (!W.widen(E.Low, E.High))
    return false;
  for (NarrowRange &R : E.Narrow)
    if (!W.widen(R.Low, R.High))
      return false;
  E.Narrow.append(Added.begin(), Added.end());
  return true;
}

/// The object bounds of a region check are available before L: the base
/// is defined outside it, and so are the bytes (or they are a load of the
/// runtime's thread-local, which the range test loads again).
bool CheckHoister::regionInvariantIn(const CheckSite &Site, const Loop *L) {
  if (!Site.Region)
    return true;
  for (unsigned Arg : {3u, 4u}) {
    auto *I = dyn_cast<Instruction>(Site.Report->getArgOperand(Arg));
    if (!I || !L->contains(I))
      continue;
    auto *Load = dyn_cast<LoadInst>(I);
    if (Arg != 4 || !Load || !isa<GlobalVariable>(Load->getPointerOperand()))
      return false;
  }
  return true;
}

bool CheckHoister::extentOver(const CheckSite &Site, Extent &Out) {
  Loop *L = LI.getLoopFor(Site.Guard->getParent());
  Extent E;
  E.Low = E.High = addressOf(SE, Site.Pointer, DL);
  for (; L; L = L->getParentLoop()) {
    if (!L->getLoopPreheader() || !regionInvariantIn(Site, L))
      break;
    Extent Wider = E;
    if (!widenOver(SE, L, Site.Guard->getParent(), Wider))
      break;
    E = Wider;
    E.Outermost = L;
  }
  if (!E.Outermost)
    return false;
  Out = E;
  return true;
}

/// True (i1) where every address of the extent passes the site's check.
Value *CheckHoister::coveredBy(const CheckSite &Site, const Extent &E,
                               Instruction *At) {
  SCEVExpander Expander(SE, DL, "memcheck.extent");
  Type *IntPtr = E.Low->getType();
  if (!Expander.isSafeToExpandAt(E.Low, At) ||
      !Expander.isSafeToExpandAt(E.High, At))
    return nullptr;
  for (const SCEV *Step : E.Steps)
    if (!Expander.isSafeToExpandAt(Step, At))
      return nullptr;
  for (const NarrowRange &R : E.Narrow)
    if (!Expander.isSafeToExpandAt(R.Low, At) ||
        !Expander.isSafeToExpandAt(R.High, At))
      return nullptr;
  Value *Low = Expander.expandCodeFor(E.Low, IntPtr, At);
  Value *High = Expander.expandCodeFor(E.High, IntPtr, At);
  SmallVector<Value *, 4> Steps;
  for (const SCEV *Step : E.Steps)
    Steps.push_back(Expander.expandCodeFor(Step, IntPtr, At));
  IRBuilder<> B(At);
  Value *Begin, *Limit;
  if (Site.Region) {
    Value *Base = Site.Report->getArgOperand(3);
    Value *Bytes = Site.Report->getArgOperand(4);
    if (auto *Load = dyn_cast<LoadInst>(Bytes))
      if (E.Outermost->contains(Load))
        Bytes = B.CreateLoad(Load->getType(), Load->getPointerOperand());
    Begin = B.CreatePtrToInt(Base, IntPtr);
    Limit = B.CreateAdd(Begin, B.CreateZExtOrTrunc(Bytes, IntPtr));
  } else {
    // The range the site's cache holds now.
    Value *SitePtr = Site.Report->getArgOperand(0);
    std::tie(Begin, Limit) = CheckSites::loadCachedRange(B, SitePtr, IntPtr);
  }
  Value *End = B.CreateAdd(High, ConstantInt::get(IntPtr, Site.Bytes));
  Value *AlignMask = ConstantInt::get(IntPtr, Site.Alignment - 1);
  Value *Zero = ConstantInt::get(IntPtr, 0);
  SmallVector<Value *, 8> Conditions = {
      B.CreateICmpUGE(Low, Begin), B.CreateICmpULE(End, Limit),
      B.CreateICmpSLE(Low, High),
      // A span of 2^31 bytes or more may be a narrow index that wrapped.
      B.CreateICmpULT(B.CreateSub(High, Low),
                      ConstantInt::get(IntPtr, 1ull << 31)),
      B.CreateICmpEQ(B.CreateAnd(Low, AlignMask), Zero)};
  for (Value *Step : Steps)
    Conditions.push_back(B.CreateICmpEQ(B.CreateAnd(Step, AlignMask), Zero));
  // The narrow indices do not wrap: their values fit their type.
  for (const NarrowRange &R : E.Narrow) {
    Type *Wide = R.Low->getType();
    APInt Min =
        R.Signed
            ? APInt::getSignedMinValue(R.Bits).sext(Wide->getIntegerBitWidth())
            : APInt::getZero(Wide->getIntegerBitWidth());
    APInt Max =
        R.Signed
            ? APInt::getSignedMaxValue(R.Bits).sext(Wide->getIntegerBitWidth())
            : APInt::getMaxValue(R.Bits).zext(Wide->getIntegerBitWidth());
    Value *RangeLow = Expander.expandCodeFor(R.Low, Wide, At);
    Value *RangeHigh = Expander.expandCodeFor(R.High, Wide, At);
    Conditions.push_back(
        B.CreateICmpSGE(RangeLow, ConstantInt::get(Wide, Min)));
    Conditions.push_back(
        B.CreateICmpSLE(RangeHigh, ConstantInt::get(Wide, Max)));
  }
  Value *Covered = B.CreateAnd(Conditions);
  Covered->setName("memcheck.covered");
  return Covered;
}

/// Marks the guard of a check whose loop has an unchecked twin already.
static constexpr const char *VersionedMetadata = "tx.memcheck.versioned";
/// Loops bigger than this are not duplicated (CUB's unrolled agents).
static constexpr unsigned MaxVersionedInstructions = 3000;
/// Loop nests versioned per function at most.
static constexpr unsigned MaxVersionsPerFunction = 8;

/// Gives L an unchecked twin: the preheader branches on Covered to the
/// twin, whose copies of Guards never fail. Both leave into L's exit
/// blocks, whose LCSSA phis get the twin's values.
void CheckHoister::version(Loop *L, Value *Covered,
                           ArrayRef<BranchInst *> Guards) {
  BasicBlock *CheckBlock = L->getLoopPreheader();
  BasicBlock *Preheader = SplitBlock(CheckBlock, CheckBlock->getTerminator(),
                                     &DT, &LI, nullptr, "memcheck.checked");
  SmallVector<BasicBlock *, 8> ExitBlocks;
  L->getUniqueExitBlocks(ExitBlocks);
  ValueToValueMapTy VMap;
  SmallVector<BasicBlock *, 32> Blocks;
  Loop *Twin = cloneLoopWithPreheader(Preheader, CheckBlock, L, VMap,
                                      ".unchecked", &LI, &DT, Blocks);
  remapInstructionsInBlocks(Blocks, VMap);
  for (BasicBlock *Exit : ExitBlocks)
    for (PHINode &Phi : Exit->phis())
      for (unsigned I = 0, N = Phi.getNumIncomingValues(); I < N; ++I) {
        BasicBlock *From = Phi.getIncomingBlock(I);
        if (!L->contains(From))
          continue;
        Value *V = Phi.getIncomingValue(I);
        Value *Mapped = VMap.lookup(V);
        Phi.addIncoming(Mapped ? Mapped : V, cast<BasicBlock>(VMap[From]));
      }
  Instruction *OldTerm = CheckBlock->getTerminator();
  BranchInst::Create(Twin->getLoopPreheader(), Preheader, Covered, OldTerm);
  OldTerm->eraseFromParent();
  for (BranchInst *Guard : Guards) {
    cast<BranchInst>(VMap[Guard])
        ->setCondition(ConstantInt::getFalse(F.getContext()));
    // The checked copy runs only when the range test failed: done with.
    Guard->setMetadata(VersionedMetadata, MDNode::get(F.getContext(), {}));
  }
}

bool CheckHoister::versionOneLoop() {
  SmallVector<CheckSite, 16> Sites;
  for (Instruction &I : instructions(F))
    if (auto *Call = dyn_cast<CallInst>(&I)) {
      CheckSite Site;
      if (findCheck(Call, Site) && !isa<Constant>(Site.Guard->getCondition()) &&
          !Site.Guard->getMetadata(VersionedMetadata))
        Sites.push_back(Site);
    }
  // The sites by the outermost loop they can be tested before.
  MapVector<Loop *, SmallVector<std::pair<CheckSite, Extent>, 4>> Groups;
  for (const CheckSite &Site : Sites) {
    Extent E;
    if (extentOver(Site, E))
      Groups[E.Outermost].push_back({Site, E});
  }
  Loop *Best = nullptr;
  for (auto &[L, Members] : Groups) {
    unsigned Size = 0;
    for (BasicBlock *BB : L->blocks())
      Size += BB->size();
    if (Size <= MaxVersionedInstructions &&
        (!Best || L->getLoopDepth() < Best->getLoopDepth()))
      Best = L;
  }
  if (!Best)
    return false;
  Instruction *At = Best->getLoopPreheader()->getTerminator();
  SmallVector<Value *, 8> Covers;
  SmallVector<BranchInst *, 8> Guards;
  for (auto &[Site, E] : Groups[Best])
    if (Value *Covered = coveredBy(Site, E, At)) {
      Covers.push_back(Covered);
      Guards.push_back(Site.Guard);
    }
  if (Guards.empty())
    return false;
  IRBuilder<> B(At);
  version(Best, B.CreateAnd(Covers), Guards);
  NumHoisted += Guards.size();
  return true;
}

PreservedAnalyses HoistMemoryChecksPass::run(Module &M,
                                             ModuleAnalysisManager &MAM) {
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  bool Changed = false;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    for (unsigned Round = 0; Round < MaxVersionsPerFunction; ++Round) {
      LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
      DominatorTree &DT = FAM.getResult<DominatorTreeAnalysis>(F);
      ScalarEvolution &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
      if (!CheckHoister(F, LI, DT, SE).versionOneLoop())
        break;
      Changed = true;
      FAM.invalidate(F, PreservedAnalyses::none());
    }
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
