//===- ImplicitLoopBarriers.cpp - Thread loops inside user loops ----------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// WorkItemLoops runs each region of a kernel as a loop over the block's
// threads. A loop in the kernel body therefore ends up *inside* the thread
// loop: a grid-stride loop
//
//   for (i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
//
// becomes 256 separate walks through memory, each striding by the whole
// grid, which neither vectorises nor uses the caches. This pass puts the
// thread loop inside such a loop instead (a loop interchange, expressed in
// SIMT terms): it places an implicit block barrier at the loop's header and
// one at its exit, so that WorkItemLoops makes each iteration a region that
// runs all threads of the block, with the thread index as the innermost,
// unit-stride, vectorisable dimension.
//
// The iteration count k of such a loop is the same in every thread that
// runs an iteration -- the header barrier keeps them in lockstep -- so a new
// counter phi k is marked "tx.lockstep" and DivergenceAnalysis treats it as
// uniform. A grid-stride induction variable is rewritten as start + k *
// stride, which keeps its relation to the thread index visible: the region's
// accesses become consecutive in the thread index.
//
// Candidates: the outermost barrier-free loops of a kernel (the loops
// themselves, or loops nested in loops that barriers cut, like a tile loop's
// inner product), in loop-simplify form with one exit block, with no
// barrier, warp collective or out-of-line call inside, and either
//  * a grid-stride loop: an induction variable whose start is computed from
//    the thread index (not loaded) and whose step is uniform, or
//  * a uniform loop (its exit condition is the same in all threads) whose
//    body accesses memory at thread-dependent addresses or carries a
//    per-thread value (an accumulator), unless thread-dependent
//    accesses already walk consecutive elements along the loop (a
//    row-per-thread loop vectorises better as it is) or the trip count is
//    a small constant (the unroller flattens those), no thread-dependent
//    access jumps a cache line or more per iteration (items per thread) and
//    the flattened loop stays small (a thread loop around more stays
//    scalar).
// A uniform loop with a larger constant trip count is first unrolled by a
// few iterations (unrollForInterchange), so that a round of the block
// keeps the thread's carried values in registers across them.
// The implicit barriers are ordinary block barriers to WorkItemLoops (a
// CUDA program cannot tell: threads of a block may be interleaved in any
// way between its own barriers), but they carry their own name so that
// tools checking real synchronisation (racecheck) can ignore them.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "DivergenceAnalysis.h"
#include "GridStrideGuards.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/UnrollLoop.h"

using namespace llvm;

#define DEBUG_TYPE "tx-implicit-loop-barriers"

STATISTIC(NumGridStride, "Grid-stride loops given implicit barriers");
STATISTIC(NumGuardedGridStride,
          "Grid-stride loops made uniform loops with a guarded body");
STATISTIC(NumUniform, "Uniform loops given implicit barriers");
STATISTIC(NumUnrolled, "Uniform loops unrolled before the interchange");
STATISTIC(NumGuardedSteps,
          "Guarded steps of loops with barriers given a region of their own");

/// Loops with at most this many iterations are left to the unroller (if
/// flattened they stay within MaxUnrolledSize, see isLeftToUnroller).
static constexpr unsigned SmallTripCount = 16;
/// A uniform loop with a larger constant trip count runs this many of its
/// iterations per interchanged round (see unrollForInterchange), as long as
/// the unrolled body stays within MaxUnrolledSize instructions.
static constexpr unsigned InterchangeUnrollCount = 4;
/// The most instructions a thread loop's body gets from unrolling a loop in
/// it, whole (a small loop left to the unroller) or by
/// InterchangeUnrollCount (a round of an interchanged loop).
static constexpr unsigned MaxUnrolledSize = 480;
/// Each implicit barrier adds two regions; a few loops per kernel are
/// where the time goes, and the rest would only cost compile time.
static constexpr unsigned MaxLoopsPerKernel = 4;

namespace {
enum class LoopShape { None, GridStride, GuardedGridStride, Uniform };

/// One loop chosen for implicit barriers, and (grid-stride) the induction
/// variable to rewrite.
struct Candidate {
  Loop *L;
  LoopShape Shape;
  PHINode *IV = nullptr;
  Value *Start = nullptr;
  Value *Step = nullptr;
  std::optional<tx::gridstride::GuardedLoop> Guarded;
};
} // namespace

/// Calls that would keep the region from vectorising (or that synchronise):
/// anything but intrinsics, functions that touch no memory, and device
/// functions of this module (InlineBarrierCallees has inlined every one that
/// synchronises; the optimiser inlines the others before vectorising).
static bool hasBlockingCall(const Loop &L) {
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      if (tx::isBarrier(I))
        return true;
      auto *Call = dyn_cast<CallBase>(&I);
      if (!Call)
        continue;
      Function *Callee = Call->getCalledFunction();
      if (!Callee)
        return true;
      if (Callee->isIntrinsic() || Callee->doesNotAccessMemory() ||
          (!Callee->isDeclaration() &&
           !Callee->hasFnAttribute(Attribute::NoInline)))
        continue;
      return true;
    }
  return false;
}

/// Start is an affine function of the thread index with uniform terms
/// (blockIdx.x * blockDim.x + threadIdx.x), not loaded: a per-thread range
/// read from memory (a CSR row) is walked better one thread at a time.
static bool isThreadIndexExpression(Value *V,
                                    const DenseSet<Value *> &Divergent,
                                    unsigned Depth = 0) {
  auto *I = dyn_cast<Instruction>(V);
  if (!I || !Divergent.contains(I))
    return true;
  if (tx::isThreadIndexRead(*I))
    return true;
  if (Depth > 8 || !(isa<BinaryOperator>(I) || isa<CastInst>(I)))
    return false;
  // A lane of threadIdx.x (threadIdx.x % 32: a warp walking its row).
  if (tx::threadIndexXLaneMask(I))
    return true;
  // Otherwise affine in the thread index only: a start that wraps the index
  // around in other ways (threadIdx.x % 24) would leave no row to walk.
  if (auto *Op = dyn_cast<BinaryOperator>(I))
    switch (Op->getOpcode()) {
    case Instruction::Add:
    case Instruction::Sub:
    case Instruction::Mul:
    case Instruction::Shl:
      break;
    default:
      return false;
    }
  return all_of(I->operands(), [&](Value *Op) {
    return isThreadIndexExpression(Op, Divergent, Depth + 1);
  });
}

/// A grid-stride induction variable: phi [start, preheader], [phi + step,
/// latch] with a start computed from the thread index and a uniform step.
static bool findGridStrideIV(Loop &L, const DenseSet<Value *> &Divergent,
                             Candidate &C, bool &Hoisted) {
  BasicBlock *Pre = L.getLoopPreheader(), *Latch = L.getLoopLatch();
  for (PHINode &Phi : L.getHeader()->phis()) {
    if (!Phi.getType()->isIntegerTy() || Phi.getNumIncomingValues() != 2)
      continue;
    Value *Start = Phi.getIncomingValueForBlock(Pre);
    auto *Next = dyn_cast<BinaryOperator>(Phi.getIncomingValueForBlock(Latch));
    if (!Next || Next->getOpcode() != Instruction::Add)
      continue;
    Value *Step = Next->getOperand(0) == &Phi   ? Next->getOperand(1)
                  : Next->getOperand(1) == &Phi ? Next->getOperand(0)
                                                : nullptr;
    if (!Step || Divergent.contains(Step) || !Divergent.contains(Start) ||
        !isThreadIndexExpression(Start, Divergent))
      continue;
    // CUDA code computes the stride (gridDim.x * blockDim.x) in the loop;
    // start + k * step in the header needs it before.
    if (!L.makeLoopInvariant(Step, Hoisted))
      continue;
    C.IV = &Phi;
    C.Start = Start;
    C.Step = Step;
    return true;
  }
  return false;
}

/// V is the same in every thread that runs an iteration of L together with
/// the others. Unlike DivergenceAnalysis, this ignores control divergence
/// around the loop (a loop inside `if (i < n)` can still be uniform for
/// the threads that run it); only what V is computed from counts.
static bool isLoopUniform(Value *V, Loop &L, const DenseSet<Value *> &Divergent,
                          SmallPtrSetImpl<Value *> &Visiting) {
  auto *I = dyn_cast<Instruction>(V);
  if (!I)
    return true;
  if (!L.contains(I))
    return !Divergent.contains(I);
  if (!Visiting.insert(I).second)
    return true; // A cycle through header phis: uniform if the rest is.
  if (auto *Phi = dyn_cast<PHINode>(I)) {
    if (Phi->getParent() != L.getHeader())
      return false; // Joins inside the loop may be control-dependent.
    return all_of(Phi->incoming_values(), [&](Value *In) {
      return isLoopUniform(In, L, Divergent, Visiting);
    });
  }
  if (I->mayReadOrWriteMemory() || isa<AllocaInst>(I) ||
      tx::isThreadIndexRead(*I) || isa<CallBase>(I))
    return false;
  return all_of(I->operands(), [&](Value *Op) {
    return isLoopUniform(Op, L, Divergent, Visiting);
  });
}

/// The exit condition of L is the same in all threads that run the loop.
static bool hasUniformExit(Loop &L, const DenseSet<Value *> &Divergent) {
  SmallVector<BasicBlock *, 4> Exiting;
  L.getExitingBlocks(Exiting);
  for (BasicBlock *BB : Exiting) {
    auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
    if (!Br)
      return false;
    SmallPtrSet<Value *, 16> Visiting;
    if (Br->isConditional() &&
        !isLoopUniform(Br->getCondition(), L, Divergent, Visiting))
      return false;
  }
  return true;
}

/// The pointer operand of a load or store, or null.
static Value *accessedPointer(Instruction &I) {
  if (auto *Load = dyn_cast<LoadInst>(&I))
    return Load->getPointerOperand();
  if (auto *Store = dyn_cast<StoreInst>(&I))
    return Store->getPointerOperand();
  return nullptr;
}

/// The constant distance in bytes an address moves per iteration of L,
/// looking through the extensions and scalings of a GEP's index (an `int`
/// index computed with the unsigned threadIdx.x has no nsw, so SCEV cannot
/// fold its sign extension into the recurrence); 0 if unknown.
static uint64_t strideAlong(const SCEV *Expr, const Loop &L) {
  if (auto *AddRec = dyn_cast<SCEVAddRecExpr>(Expr)) {
    if (AddRec->getLoop() != &L)
      return 0;
    auto *Step = dyn_cast<SCEVConstant>(AddRec->getOperand(1));
    return Step ? Step->getAPInt().abs().getLimitedValue() : 0;
  }
  if (auto *Cast = dyn_cast<SCEVIntegralCastExpr>(Expr))
    return strideAlong(Cast->getOperand(), L);
  if (auto *Mul = dyn_cast<SCEVMulExpr>(Expr)) {
    auto *Scale = dyn_cast<SCEVConstant>(Mul->getOperand(0));
    if (!Scale || Mul->getNumOperands() != 2)
      return 0;
    return Scale->getAPInt().abs().getLimitedValue() *
           strideAlong(Mul->getOperand(1), L);
  }
  if (auto *Add = dyn_cast<SCEVAddExpr>(Expr)) {
    uint64_t Stride = 0;
    for (const SCEV *Op : Add->operands())
      if (uint64_t S = strideAlong(Op, L)) {
        if (Stride)
          return 0; // Two varying terms: not a simple walk.
        Stride = S;
      }
    return Stride;
  }
  return 0;
}

/// A loop whose iterations each read a different stretch of memory across
/// the block (`In[base + j * blockDim.x + threadIdx.x]`, a thread's "items
/// per thread"): left inside the thread loop, even unrolled, every group of
/// threads walks as many interleaved streams as the loop has iterations, a
/// cache line apart or more, which hardware prefetchers follow poorly (on
/// Zen 4 a third of the bandwidth of a sequential walk). Interchanged, each
/// iteration is one sequential sweep over the block's
/// threads, as a CPU programmer would write it.
static bool walksDistantStreams(Loop &L, ScalarEvolution &SE,
                                const DenseSet<Value *> &Divergent) {
  constexpr uint64_t CacheLine = 64;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      Value *Ptr = accessedPointer(I);
      SmallPtrSet<Value *, 16> Visiting;
      if (!Ptr || isLoopUniform(Ptr, L, Divergent, Visiting))
        continue;
      if (strideAlong(SE.getSCEV(Ptr), L) >= CacheLine)
        return true;
    }
  return false;
}

/// A uniform loop is worth interchanging when some access's address or a
/// header phi depends on the thread, and no thread-dependent access already
/// walks consecutive memory along the loop.
static bool uniformLoopProfits(Loop &L, ScalarEvolution &SE,
                               const DenseSet<Value *> &Divergent) {
  bool ThreadDependent = false;
  const DataLayout &DL = L.getHeader()->getModule()->getDataLayout();
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      Value *Ptr = accessedPointer(I);
      SmallPtrSet<Value *, 16> Visiting;
      if (!Ptr || isLoopUniform(Ptr, L, Divergent, Visiting))
        continue;
      ThreadDependent = true;
      auto *AddRec = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Ptr));
      if (!AddRec || AddRec->getLoop() != &L)
        continue;
      auto *Step = dyn_cast<SCEVConstant>(AddRec->getStepRecurrence(SE));
      Type *Elem = isa<LoadInst>(I)
                       ? I.getType()
                       : cast<StoreInst>(I).getValueOperand()->getType();
      if (Step && Step->getAPInt().abs() == DL.getTypeStoreSize(Elem))
        return false;
    }
  // A per-thread accumulator over uniform data (n-body forces, a tile's dot
  // product): across threads it vectorises; along the loop it is a serial
  // floating-point recurrence.
  for (PHINode &Phi : L.getHeader()->phis()) {
    SmallPtrSet<Value *, 16> Visiting;
    if (!isLoopUniform(&Phi, L, Divergent, Visiting))
      ThreadDependent = true;
  }
  return ThreadDependent;
}

/// True if every barrier reachable from Exit (and Exit itself) is laid out
/// after Header: WorkItemLoops runs the waiting thread with the smallest
/// barrier number first, and barriers are numbered in layout order, so the
/// threads still in the loop must come first.
static bool barriersAfterExitComeLater(Function &F, BasicBlock *Header,
                                       BasicBlock *Exit) {
  DenseMap<BasicBlock *, unsigned> Position;
  unsigned N = 0;
  for (BasicBlock &BB : F)
    Position[&BB] = N++;
  if (Position[Exit] <= Position[Header])
    return false;
  SmallVector<BasicBlock *, 16> Work{Exit};
  SmallPtrSet<BasicBlock *, 16> Seen;
  while (!Work.empty()) {
    BasicBlock *BB = Work.pop_back_val();
    if (!Seen.insert(BB).second)
      continue;
    if (any_of(*BB, [](Instruction &I) { return tx::isBarrier(I); }) &&
        Position[BB] <= Position[Exit])
      return false;
    for (BasicBlock *Succ : successors(BB))
      Work.push_back(Succ);
  }
  return true;
}

/// The blocks only some threads of a block may run: those between a
/// divergent branch and its immediate post-dominator.
static void findDivergentRegion(Function &F, const DenseSet<Value *> &Divergent,
                                SmallPtrSetImpl<BasicBlock *> &Region) {
  PostDominatorTree PDT(F);
  for (BasicBlock &BB : F) {
    auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
    bool DivergentSwitch = false;
    if (auto *Switch = dyn_cast<SwitchInst>(BB.getTerminator()))
      DivergentSwitch = Divergent.contains(Switch->getCondition());
    if (!DivergentSwitch &&
        !(Br && Br->isConditional() && Divergent.contains(Br->getCondition())))
      continue;
    BasicBlock *Join = nullptr;
    if (DomTreeNode *Node = PDT.getNode(&BB))
      if (DomTreeNode *IPDom = Node->getIDom())
        Join = IPDom->getBlock();
    SmallVector<BasicBlock *, 16> Work(succ_begin(&BB), succ_end(&BB));
    SmallPtrSet<BasicBlock *, 16> Seen;
    while (!Work.empty()) {
      BasicBlock *Cur = Work.pop_back_val();
      if (Cur == Join || !Seen.insert(Cur).second)
        continue;
      Region.insert(Cur);
      for (BasicBlock *Succ : successors(Cur))
        Work.push_back(Succ);
    }
  }
}

static unsigned instructionCount(const Loop &L) {
  unsigned Count = 0;
  for (BasicBlock *BB : L.blocks())
    Count += BB->size();
  return Count;
}

/// The instructions of one iteration of L with the loops in it unrolled
/// whole: a loop of constant trip count counts that many times (whether or
/// not the unroller would flatten it, it makes L too big to flatten), a
/// loop of unknown count once. Counted up to just past MaxUnrolledSize, all
/// the caller asks about (and no product of trip counts can overflow).
static uint64_t flattenedIterationSize(const Loop &L, ScalarEvolution &SE) {
  constexpr uint64_t Enough = MaxUnrolledSize + 1;
  uint64_t Size = 0;
  SmallPtrSet<const BasicBlock *, 32> InSubLoops;
  for (const Loop *Sub : L) {
    uint64_t Trips = std::max(SE.getSmallConstantTripCount(Sub), 1u);
    Size += std::min(flattenedIterationSize(*Sub, SE) * Trips, Enough);
    if (Size >= Enough)
      return Enough;
    InSubLoops.insert(Sub->block_begin(), Sub->block_end());
  }
  for (const BasicBlock *BB : L.blocks())
    if (!InSubLoops.contains(BB))
      Size += BB->size();
  return std::min(Size, Enough);
}

/// A uniform loop of a few iterations (a per-thread item loop) is better
/// unrolled inside the thread loop than interchanged with it: the unroller
/// flattens it into straight-line code the thread loop vectorises. Not when
/// its iterations jump a cache line or more each (items per thread, which
/// the interchange turns into sequential sweeps), nor when flattened, with
/// the loops in it, it would pass MaxUnrolledSize: a thread loop around
/// that much code stays scalar, or vectorises into gathers of values every
/// thread shares. A cluster loop unrolled by four in the source (8
/// iterations of four clusters, bench kmeans_assign's kernel written so)
/// ran 44 ms against 5.6 ms for the rolled loop the interchange takes (with
/// 4 dimensions instead of 8: 28 against 3.1 ms).
static bool isLeftToUnroller(Loop &L, ScalarEvolution &SE,
                             const DenseSet<Value *> &Divergent) {
  unsigned Trips = SE.getSmallConstantTripCount(&L);
  return Trips && Trips <= SmallTripCount &&
         Trips * flattenedIterationSize(L, SE) <= MaxUnrolledSize &&
         !walksDistantStreams(L, SE, Divergent);
}

/// Hoisted: set when matching moved code out of L (a stride computed in
/// the loop), even if L is not chosen.
static bool classify(Loop &L, ScalarEvolution &SE,
                     const DenseSet<Value *> &Divergent,
                     const SmallPtrSetImpl<BasicBlock *> &DivergentRegion,
                     Candidate &C, bool &Hoisted) {
  C.L = &L;
  C.Shape = LoopShape::None;
  BasicBlock *Exit = L.getUniqueExitBlock();
  if (!L.getLoopPreheader() || !L.getLoopLatch() || !Exit ||
      !L.hasDedicatedExits() || hasBlockingCall(L))
    return false;
  Function &F = *L.getHeader()->getParent();
  if (findGridStrideIV(L, Divergent, C, Hoisted)) {
    // Threads that skip a loop in divergent code wait at some other
    // barrier meanwhile, which must come later (see above). (The header is
    // in the divergent region of the loop's own exit test: whether all
    // threads enter shows before it.)
    bool LaterBarriers = barriersAfterExitComeLater(F, L.getHeader(), Exit);
    if (!DivergentRegion.contains(L.getLoopPreheader()) || LaterBarriers)
      C.Guarded =
          tx::gridstride::matchGuardedLoop(L, C.IV, C.Start, C.Step, Divergent);
    if (!C.Guarded && !LaterBarriers)
      return false;
    C.Shape = C.Guarded ? LoopShape::GuardedGridStride : LoopShape::GridStride;
    return true;
  }
  if (!hasUniformExit(L, Divergent))
    return false;
  // Threads that skip the loop wait at some other barrier while the rest
  // run it; those must be numbered after the loop's. A loop every thread
  // enters (and, being uniform, leaves) together needs no such care.
  if (DivergentRegion.contains(L.getHeader()) &&
      !barriersAfterExitComeLater(F, L.getHeader(), Exit))
    return false;
  if (isLeftToUnroller(L, SE, Divergent))
    return false;
  if (!uniformLoopProfits(L, SE, Divergent))
    return false;
  C.Shape = LoopShape::Uniform;
  return true;
}

static void markLockstep(PHINode &Phi) {
  Phi.setMetadata(tx::LockstepMetadata, MDNode::get(Phi.getContext(), {}));
}

/// Adds the iteration counter k and rewrites a grid-stride variable as
/// start + k * step (k is used nowhere else, so it is uniform wherever it
/// is live); marks the phis of a uniform loop as lockstep.
static void rewriteInductions(const Candidate &C) {
  Loop &L = *C.L;
  BasicBlock *Header = L.getHeader();
  if (C.Shape == LoopShape::Uniform) {
    // The exit is uniform, so every thread that enters the loop leaves it
    // after the same iteration: a header phi with uniform incoming data is
    // the same in all of them, inside the loop and after it.
    for (PHINode &Phi : Header->phis())
      markLockstep(Phi);
    return;
  }
  IntegerType *Ty = cast<IntegerType>(C.IV->getType());
  IRBuilder<> B(&Header->front());
  PHINode *K = B.CreatePHI(Ty, 2, "tx.iteration");
  markLockstep(*K);
  B.SetInsertPoint(&*Header->getFirstInsertionPt());
  Value *IV = B.CreateAdd(C.Start, B.CreateMul(K, C.Step), "tx.stride.iv");
  IRBuilder<> LatchB(L.getLoopLatch()->getTerminator());
  K->addIncoming(ConstantInt::get(Ty, 0), L.getLoopPreheader());
  K->addIncoming(LatchB.CreateAdd(K, ConstantInt::get(Ty, 1)),
                 L.getLoopLatch());
  C.IV->replaceAllUsesWith(IV);
  C.IV->eraseFromParent();
}

/// Interchanged, each iteration of a uniform loop is a round of the whole
/// block, and every per-thread value the body carries or rereads (an
/// accumulator, a thread's own point) goes through scratch memory once per
/// round and thread. Unrolled first, a round runs several iterations with
/// those values in registers: nearest-centroid assignment over 32 clusters
/// (bench kmeans_assign) 5.3 -> 4.7 ms. Only loops whose constant trip
/// count the unroll count divides, so that the copies need no exit tests
/// of their own, and whose unrolled body stays small.
static void unrollForInterchange(Loop &L, Function &F,
                                 FunctionAnalysisManager &FAM) {
  ScalarEvolution &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  unsigned Trips = SE.getSmallConstantTripCount(&L);
  // With the exit test in the header, the body runs one time fewer.
  unsigned BodyRuns =
      Trips && L.isLoopExiting(L.getHeader()) ? Trips - 1 : Trips;
  unsigned Count = InterchangeUnrollCount;
  if (BodyRuns <= SmallTripCount || BodyRuns % Count || !L.getExitingBlock() ||
      instructionCount(L) * Count > MaxUnrolledSize)
    return;
  DominatorTree &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
  formLCSSARecursively(L, DT, &LI, &SE);
  UnrollLoopOptions Options{Count,
                            /*Force=*/true,
                            /*Runtime=*/false,
                            /*AllowExpensiveTripCount=*/false,
                            /*UnrollRemainder=*/false,
                            /*ForgetAllSCEV=*/false};
  OptimizationRemarkEmitter ORE(&F);
  if (UnrollLoop(&L, Options, &LI, &SE, &DT,
                 &FAM.getResult<AssumptionAnalysis>(F),
                 &FAM.getResult<TargetIRAnalysis>(F), &ORE,
                 /*PreserveLCSSA=*/true) != LoopUnrollResult::Unmodified)
    ++NumUnrolled;
}

static void insertBarriers(const Candidate &C, FunctionCallee Barrier) {
  // Right after the phis: start + k * step is then computed after the cut,
  // from the thread index and the uniform k, so it needs no scratch slot.
  CallInst::Create(Barrier, "", C.L->getHeader()->getFirstNonPHI());
  CallInst::Create(Barrier, "",
                   C.L->getUniqueExitBlock()->getFirstInsertionPt());
}

/// A loop with a barrier whose exit test is uniform and whose body starts
/// with a divergent test (a tree reduction: `for (s = n / 2; s > 0; s >>= 1)
/// { if (tid < s) ...; __syncthreads(); }`): the body's first block, where
/// an implicit barrier separates the loop test from the guarded step, so
/// that the step is a region of its own with one way out, which
/// WorkItemLoops can narrow to the threads the guard admits. Null
/// otherwise.
static BasicBlock *
guardedBodyStart(Loop &L, const DenseSet<Value *> &Divergent,
                 const SmallPtrSetImpl<BasicBlock *> &DivergentRegion) {
  BasicBlock *Header = L.getHeader();
  if (DivergentRegion.contains(Header) ||
      none_of(L.blocks(), [](BasicBlock *BB) {
        return any_of(*BB, [](Instruction &I) { return tx::isBarrier(I); });
      }))
    return nullptr;
  auto *Test = dyn_cast<BranchInst>(Header->getTerminator());
  if (!Test || !Test->isConditional() ||
      Divergent.contains(Test->getCondition()))
    return nullptr;
  BasicBlock *Body = L.contains(Test->getSuccessor(0)) ? Test->getSuccessor(0)
                                                       : Test->getSuccessor(1);
  if (Body == Header || !L.contains(Body) ||
      L.contains(Test->getSuccessor(0)) == L.contains(Test->getSuccessor(1)) ||
      Body->getSinglePredecessor() != Header)
    return nullptr;
  auto *Guard = dyn_cast<BranchInst>(Body->getTerminator());
  if (!Guard || !Guard->isConditional() ||
      !Divergent.contains(Guard->getCondition()) ||
      any_of(*Body, [](Instruction &I) { return tx::isBarrier(I); }))
    return nullptr;
  return Body;
}

PreservedAnalyses
tx::ImplicitLoopBarriersPass::run(Module &M, ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  FunctionCallee Barrier = M.getOrInsertFunction(
      tx::ImplicitBarrierName, Type::getVoidTy(M.getContext()));
  bool Changed = false;
  for (Function *Kernel : getKernels(M)) {
    if (Kernel->isDeclaration())
      continue;
    LoopInfo &LI = FAM.getResult<LoopAnalysis>(*Kernel);
    ScalarEvolution &SE = FAM.getResult<ScalarEvolutionAnalysis>(*Kernel);
    DenseSet<Value *> Divergent = findDivergentValues(*Kernel);
    SmallPtrSet<BasicBlock *, 16> DivergentRegion;
    findDivergentRegion(*Kernel, Divergent, DivergentRegion);
    SmallVector<Candidate, 4> Chosen;
    // Outermost candidates first; inside a loop that is cut by barriers (a
    // tiled loop), its barrier-free inner loops are candidates too.
    SmallVector<Loop *, 8> Work(LI.rbegin(), LI.rend());
    bool Hoisted = false;
    while (!Work.empty() && Chosen.size() < MaxLoopsPerKernel) {
      Loop *L = Work.pop_back_val();
      Candidate C;
      if (classify(*L, SE, Divergent, DivergentRegion, C, Hoisted)) {
        Chosen.push_back(C);
        continue;
      }
      Work.append(L->rbegin(), L->rend());
    }
    SmallVector<BasicBlock *, 4> GuardedSteps;
    for (Loop *L : LI.getLoopsInPreorder())
      if (BasicBlock *Body = guardedBodyStart(*L, Divergent, DivergentRegion))
        GuardedSteps.push_back(Body);
    // Before any rewrite, while the loop and dominator analyses still
    // describe the kernel (the candidates are disjoint loops).
    for (const Candidate &C : Chosen)
      if (C.Shape == LoopShape::Uniform)
        unrollForInterchange(*C.L, *Kernel, FAM);
    for (const Candidate &C : Chosen) {
      if (C.Shape == LoopShape::GuardedGridStride) {
        ++NumGuardedGridStride;
        tx::gridstride::rewriteAsGuardedLoop(*C.Guarded, Barrier);
        continue;
      }
      ++(C.Shape == LoopShape::GridStride ? NumGridStride : NumUniform);
      rewriteInductions(C);
      insertBarriers(C, Barrier);
    }
    for (BasicBlock *Body : GuardedSteps) {
      ++NumGuardedSteps;
      CallInst::Create(Barrier, "", Body->getFirstInsertionPt());
    }
    if (!Chosen.empty() || !GuardedSteps.empty() || Hoisted) {
      Changed = true;
      FAM.invalidate(*Kernel, PreservedAnalyses::none());
    }
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
