//===- GridStrideGuards.cpp - Grid-stride loops as guarded uniform loops --===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// ImplicitLoopBarriers interchanges a grid-stride loop with the thread loop
// by making each iteration a region of its own. The threads of a block leave
// such a loop at different iterations, though (thread t stops once
// Lead + t + k * Step >= N), so every iteration had to record a state per
// thread, and the next one had to skip the threads that had left.
//
// Where the index starts at Lead + threadIdx.x with Lead the same in every
// thread, the threads that run iteration k are exactly those with
// threadIdx.x < N - (Lead + k * Step), as long as no index wraps around. The
// loop becomes
//
//   for (k = 0; Lead + k * Step < N; ++k) {   // the same test in all threads
//     <implicit barrier>
//     if (threadIdx.x < N - (Lead + k * Step))
//       body(i = Lead + k * Step + threadIdx.x);
//     <implicit barrier>                       // then k moves on
//   }
//
// whose header test is uniform, so all threads leave together, and whose
// guard is one that WorkItemLoops narrows the thread loop to (index-set
// splitting): an iteration runs its threads unmasked and skips the others
// without touching them. That needs a guarded round without effects on
// the turned-away threads' path: the counter moves on after a cut of its
// own, and the loop's other header phis become per-thread variables,
// which a turned-away thread simply does not touch. A check before the
// loop (Step > 0, and neither Lead + blockDim.x - 1 nor N - 1 + Step
// overflows, so every thread's index grows until it passes N) selects an
// unchanged copy of the loop otherwise.
//
// A 64-bit index whose start is a 32-bit Lead + threadIdx.x widened
// (`for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; ...)`) takes the
// same form with Lead widened: the widened sum is the sum of the widened
// terms as long as the 32-bit sum does not wrap, which the check then also
// asks of Lead + blockDim.x - 1 (signed or unsigned, as the widening).
//
// The thread term may also be a lane, threadIdx.x & (2^m - 1): a
// warp-stride loop (`for (c = lane; c < n; c += 32)`, each warp walking a
// row of its own) becomes the same guarded loop with `lane < N - (Lead + k
// * Step)` as the guard, which WorkItemLoops narrows warp by warp (a lane
// guard with a uniform bound, laneGuardBeforeLoops). A lane is never
// negative either, so all lanes have left once Lead + k * Step has; the
// no-wrap check adds the mask to Lead instead of blockDim.x - 1.
//
// Each round of such a loop touches, for every array the body indexes with
// i, one row of blockDim.x elements, and the next round's row lies a whole
// grid further on: a few cache lines, then a jump that hardware prefetchers
// do not follow, so every round waits for memory. Each guarded round
// therefore asks (tx::PrefetchRowName) for rows that later reads need,
// which WorkItemLoops prefetches once per round: the rows of the round
// PrefetchRounds ahead, into the L1, and, where a block's rows start at
// blockIdx.x * blockDim.x and at least one block's rows fit an L2 budget,
// the same round's rows of the block one, two or four blocks on, into the
// L2. A worker runs neighbouring blocks one after the other, so those rows
// lie right after the ones it reads, and by the time that block runs its
// rows are all waiting (dot on an AMD EPYC: 2.25x -> ~1.15x the OpenMP
// twin's time). Whether that pays depends on the processor's own
// prefetchers (on an Intel Xeon dot ran 3.9 -> 6.2 ms with it), so the
// runtime sets how many blocks ahead are allowed, none but where measured
// (tx::PrefetchBlocksAheadName). A
// block-stride loop (Step = blockDim.x) asks for none: its rounds' rows
// follow one another, a stream the hardware prefetchers already follow,
// and prefetching it again only costs (layernorm's row loops: ~10%).
//
//===----------------------------------------------------------------------===//

#include "GridStrideGuards.h"

#include "DeviceIR.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <algorithm>

using namespace llvm;
using namespace tx::gridstride;

/// V without a zext or sext.
static Value *unextended(Value *V) {
  if (isa<ZExtInst, SExtInst>(V))
    return cast<CastInst>(V)->getOperand(0);
  return V;
}

/// V is threadIdx.x, or threadIdx.x & LaneMask with LaneMask = 2^m - 1 (a
/// lane of a group of 2^m threads: threadIdx.x % 32 after LowerDeviceCalls),
/// either possibly extended to a wider type. Sets LaneMask (0: none).
static bool isThreadIndexTerm(Value *V, uint64_t &LaneMask) {
  V = unextended(V);
  LaneMask = 0;
  if (tx::isThreadIndexXRead(V))
    return true;
  // A mask of 1023 or more keeps every threadIdx.x: no lane.
  uint64_t Mask = tx::threadIndexXLaneMask(V);
  if (Mask == 0 || Mask >= 1024)
    return false;
  LaneMask = Mask;
  return true;
}

/// The uniform Lead of Start = Lead + a thread term (threadIdx.x or a lane
/// of it, setting G.LaneMask); null where Start is not such a sum.
static Value *leadOf(Value *Start, const DenseSet<Value *> &Divergent,
                     GuardedLoop &G) {
  if (isThreadIndexTerm(Start, G.LaneMask))
    return ConstantInt::get(Start->getType(), 0);
  auto *Add = dyn_cast<BinaryOperator>(Start);
  if (!Add || Add->getOpcode() != Instruction::Add)
    return nullptr;
  for (unsigned I = 0; I < 2; ++I) {
    Value *Other = Add->getOperand(1 - I);
    if (isThreadIndexTerm(Add->getOperand(I), G.LaneMask) &&
        !Divergent.contains(Other))
      return Other;
  }
  return nullptr;
}

/// Splits Start into Lead + a thread term with a uniform Lead. A 32-bit
/// index widened to a 64-bit induction variable (`for (size_t i =
/// blockIdx.x * blockDim.x + threadIdx.x; ...)`) splits as the narrow
/// index (G.NarrowLead): widening the sum is widening its terms as long as
/// the sum does not wrap, which emitNoWrapCheck tests.
static bool splitStart(Value *Start, const DenseSet<Value *> &Divergent,
                       GuardedLoop &G) {
  if (Value *Lead = leadOf(Start, Divergent, G)) {
    G.Lead = Lead;
    return true;
  }
  auto *Widened = dyn_cast<CastInst>(Start);
  if (!Widened || !isa<ZExtInst, SExtInst>(Widened) ||
      !Widened->getSrcTy()->isIntegerTy(32))
    return false;
  G.NarrowLead = leadOf(Widened->getOperand(0), Divergent, G);
  G.NarrowSigned = isa<SExtInst>(Widened);
  return G.NarrowLead != nullptr;
}

/// The header's test is `IV < N` (or its mirror image), taken to stay.
static bool matchExitTest(Loop &L, PHINode *IV,
                          const DenseSet<Value *> &Divergent, GuardedLoop &G) {
  BasicBlock *Header = L.getHeader();
  auto *Br = dyn_cast<BranchInst>(Header->getTerminator());
  if (L.getExitingBlock() != Header || !Br || !Br->isConditional())
    return false;
  auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  if (!Cmp || !Cmp->hasOneUse())
    return false;
  ICmpInst::Predicate Pred = L.contains(Br->getSuccessor(0))
                                 ? Cmp->getPredicate()
                                 : Cmp->getInversePredicate();
  if (Cmp->getOperand(1) == IV) {
    G.Bound = Cmp->getOperand(0);
    Pred = ICmpInst::getSwappedPredicate(Pred);
  } else if (Cmp->getOperand(0) == IV) {
    G.Bound = Cmp->getOperand(1);
  } else {
    return false;
  }
  G.Signed = Pred == ICmpInst::ICMP_SLT;
  if (Pred != ICmpInst::ICMP_SLT && Pred != ICmpInst::ICMP_ULT)
    return false;
  // A bound computed in the loop from uniform values (the end of a block's
  // chunk, (blockIdx.x + 1) * PerBlock, re-read every iteration before
  // LICM runs) will be hoisted to the preheader, where the rewrite needs it.
  return !Divergent.contains(G.Bound) && tx::canMakeLoopInvariant(G.Bound, L);
}

/// Only header phis other than IV are used after L, and the header (which
/// the rewritten loop runs only for threads that stay) has no effects.
static bool isSelfContained(Loop &L, PHINode *IV) {
  BasicBlock *Header = L.getHeader();
  BasicBlock *Exit = L.getUniqueExitBlock();
  if (!Exit || isa<PHINode>(Exit->front()))
    return false;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      bool HeaderPhi = BB == Header && isa<PHINode>(I) && &I != IV;
      if (BB == Header && !HeaderPhi &&
          (I.mayHaveSideEffects() || I.mayWriteToMemory()))
        return false;
      if (HeaderPhi)
        continue;
      for (User *U : I.users())
        if (!L.contains(cast<Instruction>(U)->getParent()))
          return false;
    }
  return true;
}

/// Idx is IV, or IV sign- or zero-extended.
static bool isIndexOf(Value *Idx, PHINode *IV) {
  if (isa<SExtInst, ZExtInst>(Idx))
    Idx = cast<CastInst>(Idx)->getOperand(0);
  return Idx == IV;
}

/// The arrays the body of L reads or writes at Base[IV], a few at most.
static SmallVector<RowAccess, 4>
findRowAccesses(Loop &L, PHINode *IV, const DenseSet<Value *> &Divergent) {
  constexpr unsigned MaxRows = 4;
  SmallVector<RowAccess, 4> Rows;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      Value *Ptr = getLoadStorePointerOperand(&I);
      auto *Gep = dyn_cast_or_null<GetElementPtrInst>(Ptr);
      if (!Gep || Gep->getNumIndices() != 1 ||
          !isIndexOf(Gep->getOperand(1), IV) ||
          !Gep->getSourceElementType()->isSized())
        continue;
      Value *Base = Gep->getPointerOperand();
      if (!L.isLoopInvariant(Base) || Divergent.contains(Base) ||
          Base->getType()->getPointerAddressSpace() != 0)
        continue;
      bool IsWrite = isa<StoreInst>(I);
      auto Same = find_if(Rows, [&](const RowAccess &R) {
        return R.Base == Base && R.ElementType == Gep->getSourceElementType();
      });
      if (Same != Rows.end())
        Same->IsWrite |= IsWrite;
      else if (Rows.size() < MaxRows)
        Rows.push_back({Base, Gep->getSourceElementType(), IsWrite});
    }
  return Rows;
}

std::optional<GuardedLoop>
tx::gridstride::matchGuardedLoop(Loop &L, PHINode *IV, Value *Start,
                                 Value *Step,
                                 const DenseSet<Value *> &Divergent) {
  GuardedLoop G;
  G.L = &L;
  G.IV = IV;
  G.Step = Step;
  if (!L.getLoopPreheader() || !L.getLoopLatch() ||
      IV->getType()->getIntegerBitWidth() < 32 ||
      !splitStart(Start, Divergent, G) || !matchExitTest(L, IV, Divergent, G) ||
      !isSelfContained(L, IV))
    return std::nullopt;
  G.Rows = findRowAccesses(L, IV, Divergent);
  return G;
}

//===--- Rewriting --------------------------------------------------------===//

/// The thread's term of its index: threadIdx.x, or its lane, as an i32.
static Value *threadTerm(IRBuilder<> &B, const GuardedLoop &G) {
  Value *Tid = B.CreateIntrinsic(Intrinsic::nvvm_read_ptx_sreg_tid_x, {}, {});
  return G.LaneMask ? B.CreateAnd(Tid, B.getInt32(G.LaneMask), "tx.lane") : Tid;
}

/// X + Y does not overflow, as a signed or an unsigned sum.
static Value *sumFits(IRBuilder<> &B, Value *X, Value *Y, bool Signed) {
  Intrinsic::ID AddWithOverflow =
      Signed ? Intrinsic::sadd_with_overflow : Intrinsic::uadd_with_overflow;
  return B.CreateNot(
      B.CreateExtractValue(B.CreateBinaryIntrinsic(AddWithOverflow, X, Y), 1));
}

/// True where every thread's index grows by Step until it passes N without
/// wrapping around: Step > 0, Lead + the largest thread term (blockDim.x -
/// 1, or the lane mask) and N - 1 + Step fit; for a widened 32-bit start,
/// NarrowLead + that term fits in 32 bits as well.
static Value *emitNoWrapCheck(IRBuilder<> &B, const GuardedLoop &G) {
  Type *Ty = G.IV->getType();
  Value *Zero = ConstantInt::get(Ty, 0), *One = ConstantInt::get(Ty, 1);
  Value *Dim = B.CreateIntrinsic(Intrinsic::nvvm_read_ptx_sreg_ntid_x, {}, {});
  Value *LastThread32 =
      G.LaneMask ? B.getInt32(G.LaneMask) : B.CreateSub(Dim, B.getInt32(1));
  Value *LastThread = B.CreateZExt(LastThread32, Ty);
  Value *Grows =
      G.Signed ? B.CreateICmpSGT(G.Step, Zero) : B.CreateICmpNE(G.Step, Zero);
  Value *Ok = B.CreateAnd(Grows, sumFits(B, G.Lead, LastThread, G.Signed));
  if (G.NarrowLead)
    Ok =
        B.CreateAnd(Ok, sumFits(B, G.NarrowLead, LastThread32, G.NarrowSigned));
  return B.CreateAnd(Ok,
                     sumFits(B, G.Bound, B.CreateSub(G.Step, One), G.Signed),
                     "tx.guarded.ok");
}

/// How many threads of a row run the iteration whose row starts at Base
/// (N - Base, at most 2^31 - 1, above any threadIdx.x), as an i32. Only
/// used where Base < N.
static Value *threadsLeft(IRBuilder<> &B, const GuardedLoop &G, Value *Base) {
  auto *Ty = cast<IntegerType>(Base->getType());
  Value *Left;
  if (G.Signed && Ty->getBitWidth() < 64)
    Left = B.CreateSub(B.CreateSExt(G.Bound, B.getInt64Ty()),
                       B.CreateSExt(Base, B.getInt64Ty()));
  else if (G.Signed)
    Left = B.CreateBinaryIntrinsic(Intrinsic::ssub_sat, G.Bound, Base);
  else
    Left = B.CreateSub(G.Bound, Base);
  Left = B.CreateBinaryIntrinsic(Intrinsic::umin, Left,
                                 ConstantInt::get(Left->getType(), 0x7fffffff));
  return B.CreateTrunc(Left, B.getInt32Ty(), "tx.row.threads");
}

/// Copies the blocks of L (the original loop, kept for launches that fail
/// the no-wrap check); returns the copy of the header.
static BasicBlock *cloneLoop(Loop &L, ValueToValueMapTy &VMap) {
  Function &F = *L.getHeader()->getParent();
  SmallVector<BasicBlock *, 8> Clones;
  for (BasicBlock *BB : L.blocks()) {
    BasicBlock *Clone = CloneBasicBlock(BB, VMap, ".unguarded", &F);
    VMap[BB] = Clone;
    Clones.push_back(Clone);
  }
  remapInstructionsInBlocks(Clones, VMap);
  return cast<BasicBlock>(VMap[L.getHeader()]);
}

/// Pre branches to the guarded loop (Header) where Safe, else to the copy;
/// each gets a preheader of its own. Returns the guarded loop's.
static BasicBlock *branchOnCheck(BasicBlock *Pre, Value *Safe,
                                 BasicBlock *Header, BasicBlock *CopyHeader) {
  LLVMContext &C = Pre->getContext();
  Function &F = *Pre->getParent();
  auto *GuardedPre = BasicBlock::Create(C, "tx.guarded.pre", &F, Header);
  auto *CopyPre = BasicBlock::Create(C, "tx.unguarded.pre", &F, CopyHeader);
  BranchInst::Create(Header, GuardedPre);
  BranchInst::Create(CopyHeader, CopyPre);
  Pre->getTerminator()->eraseFromParent();
  BranchInst::Create(GuardedPre, CopyPre, Safe, Pre);
  Header->replacePhiUsesWith(Pre, GuardedPre);
  CopyHeader->replacePhiUsesWith(Pre, CopyPre);
  return GuardedPre;
}

/// The uses after the loop of each header phi, found before the loop
/// changes shape.
using OutsideUses = DenseMap<PHINode *, SmallVector<Use *, 4>>;
static OutsideUses findOutsideUses(Loop &L) {
  OutsideUses Found;
  for (PHINode &Phi : L.getHeader()->phis())
    for (Use &U : Phi.uses())
      if (!L.contains(cast<Instruction>(U.getUser())->getParent()))
        Found[&Phi].push_back(&U);
  return Found;
}

/// Turns each header phi but the induction variable and the Counter into a
/// per-thread variable: a thread the guard turns away then keeps its values
/// without running anything (a phi would need a copy on its way round, an
/// effect that keeps WorkItemLoops from skipping it). The unguarded copy of the
/// loop stores its value every round, so that the code after the loop
/// reads the variable whichever form ran.
static void carryInMemory(const GuardedLoop &G, PHINode *Counter,
                          BasicBlock *GuardedPre, BasicBlock *Latch,
                          BasicBlock *Stay, BasicBlock *Exit,
                          BasicBlock *CopyHeader, const OutsideUses &Outside,
                          ValueToValueMapTy &VMap) {
  BasicBlock *Header = G.L->getHeader();
  Function &F = *Header->getParent();
  BasicBlock::iterator AllocaPoint = F.getEntryBlock().getFirstInsertionPt();
  SmallVector<PHINode *, 4> Phis;
  for (PHINode &Phi : Header->phis())
    if (&Phi != G.IV && &Phi != Counter)
      Phis.push_back(&Phi);
  for (PHINode *Phi : Phis) {
    auto *Var = new AllocaInst(
        Phi->getType(), F.getParent()->getDataLayout().getAllocaAddrSpace(),
        Phi->getName() + ".carried", AllocaPoint);
    new StoreInst(Phi->getIncomingValueForBlock(GuardedPre), Var,
                  GuardedPre->getTerminator());
    new StoreInst(Phi->getIncomingValueForBlock(Latch), Var,
                  Latch->getTerminator());
    new StoreInst(VMap[Phi], Var, &*CopyHeader->getFirstInsertionPt());
    auto *Inside = new LoadInst(Phi->getType(), Var, Phi->getName(),
                                &*Stay->getFirstInsertionPt());
    auto It = Outside.find(Phi);
    if (It != Outside.end()) {
      auto *After = new LoadInst(Phi->getType(), Var, Phi->getName(),
                                 &*Exit->getFirstInsertionPt());
      for (Use *U : It->second)
        U->set(After);
    }
    Phi->replaceAllUsesWith(Inside);
    Phi->eraseFromParent();
  }
}

static bool isBlockBarrier(const Instruction &I) {
  tx::BarrierKind Kind;
  return tx::isBarrier(I, &Kind) && Kind != tx::BarrierKind::Warp &&
         Kind != tx::BarrierKind::Grid;
}

/// Past the guard the thread's index is Base + its thread term, below N:
/// the old exit test always stays. Replaces the induction variable.
static void indexFromRowStart(const GuardedLoop &G, BasicBlock *Stay,
                              Value *Base) {
  IRBuilder<> B(&*Stay->getFirstInsertionPt());
  Value *Tid = B.CreateZExt(threadTerm(B, G), G.IV->getType());
  Value *Index = B.CreateAdd(Base, Tid, "tx.stride.iv", /*HasNUW=*/!G.Signed,
                             /*HasNSW=*/G.Signed);
  auto *OldTest = cast<BranchInst>(Stay->getTerminator());
  auto *OldCmp = cast<Instruction>(OldTest->getCondition());
  BasicBlock *Body = G.L->contains(OldTest->getSuccessor(0))
                         ? OldTest->getSuccessor(0)
                         : OldTest->getSuccessor(1);
  BranchInst::Create(Body, OldTest);
  OldTest->eraseFromParent();
  OldCmp->eraseFromParent();
  auto *Increment = dyn_cast<Instruction>(
      G.IV->getIncomingValueForBlock(G.L->getLoopLatch()));
  G.IV->replaceAllUsesWith(Index);
  G.IV->eraseFromParent();
  if (Increment && Increment->use_empty())
    Increment->eraseFromParent();
}

/// How many rounds ahead a round prefetches into the L1: one round's rows
/// take about as long to process as memory takes to deliver the next
/// round's.
static constexpr unsigned PrefetchRounds = 2;

/// The rows prefetched for later blocks wait in the L2 cache until those
/// blocks run: at most this many bytes of them (half of a core's L2 on
/// current x86-64 and AArch64 servers).
static constexpr uint64_t AheadBudgetBytes = 512 * 1024;

/// The most blocks ahead a round prefetches for (the runtime may allow
/// fewer, or none). With one, the prefetched
/// rows arrived too late to be of much use (dot, 1024 blocks of 256
/// threads, 64 rounds each: 4.5 -> 3.6 ms with one block ahead, 2.7 ms
/// with four, on 2 cores of an AMD EPYC).
static constexpr uint64_t MaxBlocksAhead = 4;

/// How many elements from Ahead (Index: Ahead widened to i64) the loop
/// reaches: N - Ahead, or 0 past N. Only a prefetch's length depends on it.
static Value *elementsFrom(IRBuilder<> &B, const GuardedLoop &G, Value *Ahead,
                           Value *Index) {
  Type *I64 = B.getInt64Ty();
  if (!G.Signed) // Past N, the unsigned subtraction wraps high.
    return B.CreateSelect(B.CreateICmpULT(Ahead, G.Bound),
                          B.CreateSub(B.CreateZExt(G.Bound, I64), Index),
                          B.getInt64(0));
  return B.CreateBinaryIntrinsic(Intrinsic::smax,
                                 B.CreateSub(B.CreateSExt(G.Bound, I64), Index),
                                 B.getInt64(0));
}

/// Step is blockDim.x (possibly widened): the rounds of a block-stride loop
/// walk their rows back to back, a stream the hardware prefetchers follow.
static bool isBlockWidth(Value *Step) {
  auto *Call = dyn_cast<IntrinsicInst>(unextended(Step));
  return Call && Call->getIntrinsicID() == Intrinsic::nvvm_read_ptx_sreg_ntid_x;
}

/// Whether G's rounds ask for rows at all: a block-stride loop's rows
/// follow one another, and a warp-stride loop's each warp walks alone.
static bool asksForRows(const GuardedLoop &G) {
  return !G.Rows.empty() && !isBlockWidth(G.Step) && !G.LaneMask;
}

/// blockDim.x in Lead's type where Lead is blockIdx.x * blockDim.x (either
/// order, the product or its factors possibly widened): the next block
/// along x starts each of its rows that many elements after this block's.
/// Null otherwise.
static Value *nextBlockDistance(IRBuilder<> &B, Value *Lead) {
  auto *Mul = dyn_cast<BinaryOperator>(unextended(Lead));
  if (!Mul || Mul->getOpcode() != Instruction::Mul)
    return nullptr;
  auto ReadOf = [](Value *Op, Intrinsic::ID ID) -> Value * {
    auto *Call = dyn_cast<IntrinsicInst>(unextended(Op));
    return Call && Call->getIntrinsicID() == ID ? Call : nullptr;
  };
  for (unsigned I = 0; I < 2; ++I) {
    Value *Width =
        ReadOf(Mul->getOperand(1 - I), Intrinsic::nvvm_read_ptx_sreg_ntid_x);
    if (Width &&
        ReadOf(Mul->getOperand(I), Intrinsic::nvvm_read_ptx_sreg_ctaid_x))
      return B.CreateZExtOrTrunc(Width, Lead->getType()); // Never negative.
  }
  return nullptr;
}

/// The runtime's limit on blocks ahead for the processor it runs on
/// (tx::PrefetchBlocksAheadName): a constant, so that its load may be
/// hoisted and speculated like the rest of the plan.
static GlobalVariable *processorBlocksAhead(IRBuilder<> &B) {
  Module &M = *B.GetInsertBlock()->getModule();
  if (GlobalVariable *GV = M.getGlobalVariable(tx::PrefetchBlocksAheadName))
    return GV;
  auto *GV = new GlobalVariable(M, B.getInt32Ty(), /*isConstant=*/true,
                                GlobalValue::ExternalLinkage, nullptr,
                                tx::PrefetchBlocksAheadName);
  GV->setAlignment(Align(4));
  return GV;
}

namespace {
/// Where a round prefetches for later blocks: Distance, in elements, is to
/// the same rows of the block Distance / blockDim.x further on along x, and
/// Enabled says whether any later block's rows fit the L2 budget (and the
/// runtime allows any on this processor). Both
/// null where the loop's rows are not laid out block after block.
struct BlocksAhead {
  Value *Distance = nullptr;
  Value *Enabled = nullptr;
};
} // namespace

/// Plans, at B (before the loop), how many blocks ahead G's rounds
/// prefetch: the most, up to MaxBlocksAhead and the runtime's limit
/// (processorBlocksAhead), whose rows fit the budget.
static BlocksAhead planBlocksAhead(IRBuilder<> &B, const GuardedLoop &G) {
  if (!asksForRows(G))
    return {};
  Value *Width = nextBlockDistance(B, G.Lead);
  if (!Width)
    return {};
  const DataLayout &DL = B.GetInsertBlock()->getModule()->getDataLayout();
  // At most 4 KiB per element (well past any kernel's arrays), so that the
  // products below stay in 64 bits.
  uint64_t RowBytes = 0;
  for (const RowAccess &Row : G.Rows)
    RowBytes += DL.getTypeAllocSize(Row.ElementType).getFixedValue();
  RowBytes = std::min<uint64_t>(RowBytes, 4096);
  // A block reads about (N - Lead + Step) / Step rounds of blockDim.x
  // elements of each row: d blocks' worth fit the budget where
  // (N - Lead + Step) * d * blockDim.x * RowBytes <= Budget * Step, in 64
  // bits: with N - Lead and Step clamped to 2^36, blockDim.x <= 1024 and
  // RowBytes <= 4096 no product reaches 2^63 (the clamps only change a
  // hint). Selects rather than min and max, so that WorkItemLoops computes
  // the plan once per block (it hoists uniform arithmetic, not calls).
  Type *I64 = B.getInt64Ty();
  auto Wide = [&](Value *V) {
    return G.Signed ? B.CreateSExt(V, I64) : B.CreateZExt(V, I64);
  };
  auto Clamp = [&](Value *V) {
    Value *Limit = B.getInt64(1ull << 36);
    return B.CreateSelect(B.CreateICmpULT(V, Limit), V, Limit);
  };
  Value *Step = Clamp(Wide(G.Step));
  Value *Left = B.CreateSub(Wide(G.Bound), Wide(G.Lead));
  Left =
      B.CreateSelect(B.CreateICmpSLT(Left, B.getInt64(0)), B.getInt64(0), Left);
  Value *Span = B.CreateAdd(Clamp(Left), Step);
  Value *PerBlock = B.CreateMul(
      Span, B.CreateMul(B.CreateZExt(Width, I64), B.getInt64(RowBytes)),
      "tx.block.bytes.scaled");
  Value *Budget =
      B.CreateMul(Step, B.getInt64(AheadBudgetBytes), "tx.ahead.budget");
  Value *Allowed =
      B.CreateZExt(B.CreateAlignedLoad(B.getInt32Ty(), processorBlocksAhead(B),
                                       Align(4), "tx.ahead.allowed"),
                   I64);
  Value *Blocks = ConstantInt::get(Width->getType(), 0);
  for (uint64_t D = 1; D <= MaxBlocksAhead; D *= 2) {
    Value *Bytes = D == 1 ? PerBlock : B.CreateMul(PerBlock, B.getInt64(D));
    Value *Fits = B.CreateAnd(B.CreateICmpULE(Bytes, Budget),
                              B.CreateICmpULE(B.getInt64(D), Allowed));
    Blocks =
        B.CreateSelect(Fits, ConstantInt::get(Width->getType(), D), Blocks);
  }
  Value *Enabled = B.CreateICmpNE(Blocks, ConstantInt::get(Width->getType(), 0),
                                  "tx.prefetch.blocks");
  return {B.CreateMul(Blocks, Width, "tx.blocks.ahead"), Enabled};
}

/// At the start of a round (Base: its row start), asks for the rows later
/// reads will need, as far as the loop will reach: those of the round
/// PrefetchRounds ahead, into the L1, and, where Plan allows, the same
/// round's rows of a later block along x, into the L2 (the worker running
/// this block runs the next ones after it; rows a block apart lie back to
/// back, so each round prefetches one stretch per array; all of a block's
/// rounds would not fit the L1). The rounds ahead are then read from the
/// L2 and still come early: short rows that take long to process
/// (histogram: 256 bytes a round) lose ~5% without them. The index may wrap
/// around: a prefetch is only a hint, which never faults.
static void requestRowPrefetches(IRBuilder<> &B, const GuardedLoop &G,
                                 const BlocksAhead &Plan, Value *Base) {
  if (!asksForRows(G))
    return;
  Module &M = *B.GetInsertBlock()->getModule();
  Type *I64 = B.getInt64Ty(), *I32 = B.getInt32Ty();
  FunctionCallee Prefetch = M.getOrInsertFunction(
      tx::PrefetchRowName,
      FunctionType::get(B.getVoidTy(), {B.getPtrTy(), I64, I64, I64, I32, I32},
                        false));
  if (auto *Decl = dyn_cast<Function>(Prefetch.getCallee())) {
    Decl->setOnlyAccessesInaccessibleMemory();
    Decl->setDoesNotThrow();
    Decl->setWillReturn();
  }
  const DataLayout &DL = M.getDataLayout();
  auto Request = [&](Value *Distance, Value *Wanted, tx::PrefetchLevel Level,
                     bool MayWrite) {
    Value *Ahead = B.CreateAdd(Base, Distance);
    Value *Index =
        G.Signed ? B.CreateSExt(Ahead, I64) : B.CreateZExt(Ahead, I64);
    Value *Elements = elementsFrom(B, G, Ahead, Index);
    if (Wanted)
      Elements = B.CreateSelect(Wanted, Elements, B.getInt64(0));
    for (const RowAccess &Row : G.Rows)
      B.CreateCall(
          Prefetch,
          {Row.Base, Index, Elements,
           B.getInt64(DL.getTypeAllocSize(Row.ElementType).getFixedValue()),
           B.getInt32(MayWrite && Row.IsWrite),
           B.getInt32(static_cast<uint32_t>(Level))});
  };
  // Later blocks' rows are asked for reading only: with the intent to
  // write, x86 fetches them into the L1 (prefetchw), exclusive, blocks
  // before they are needed.
  if (Plan.Distance)
    Request(Plan.Distance, Plan.Enabled, tx::PrefetchLevel::L2,
            /*MayWrite=*/false);
  Request(
      B.CreateMul(G.Step, ConstantInt::get(Base->getType(), PrefetchRounds)),
      nullptr, tx::PrefetchLevel::L1, /*MayWrite=*/true);
}

void tx::gridstride::rewriteAsGuardedLoop(GuardedLoop G,
                                          FunctionCallee Barrier) {
  Loop &L = *G.L;
  BasicBlock *Header = L.getHeader(), *Latch = L.getLoopLatch();
  BasicBlock *Pre = L.getLoopPreheader(), *Exit = L.getUniqueExitBlock();
  Function &F = *Header->getParent();
  LLVMContext &C = F.getContext();
  auto *Ty = cast<IntegerType>(G.IV->getType());

  bool Hoisted = false;
  [[maybe_unused]] bool Invariant = L.makeLoopInvariant(G.Bound, Hoisted);
  assert(Invariant && "matchExitTest checked that the bound can be hoisted");
  OutsideUses Outside = findOutsideUses(L);
  IRBuilder<> B(Pre->getTerminator());
  if (G.NarrowLead)
    G.Lead = G.NarrowSigned ? B.CreateSExt(G.NarrowLead, Ty, "tx.lead")
                            : B.CreateZExt(G.NarrowLead, Ty, "tx.lead");
  Value *Safe = emitNoWrapCheck(B, G);
  ValueToValueMapTy VMap;
  BasicBlock *CopyHeader = cloneLoop(L, VMap);
  BasicBlock *GuardedPre = branchOnCheck(Pre, Safe, Header, CopyHeader);
  B.SetInsertPoint(GuardedPre->getTerminator());
  BlocksAhead Plan = planBlocksAhead(B, G);

  // The header keeps its phis and gets the uniform test of thread 0's
  // index, Base, against N; its old code runs past the guard.
  BasicBlock *Stay = Header->splitBasicBlock(Header->getFirstNonPHI(),
                                             Header->getName() + ".stay");
  auto *Guard = BasicBlock::Create(C, "tx.guard", &F, Stay);
  auto *Skip = BasicBlock::Create(C, "tx.guard.skip", &F, Exit);
  auto *Join = BasicBlock::Create(C, "tx.guard.join", &F, Exit);
  Header->getTerminator()->eraseFromParent();
  B.SetInsertPoint(Header);
  PHINode *K = PHINode::Create(Ty, 2, "tx.iteration", Header->begin());
  K->setMetadata(tx::LockstepMetadata, MDNode::get(C, {}));
  Value *Runs = B.CreateICmp(G.Signed ? ICmpInst::ICMP_SLT : ICmpInst::ICMP_ULT,
                             B.CreateAdd(G.Lead, B.CreateMul(K, G.Step)),
                             G.Bound, "tx.row.runs");
  B.CreateCondBr(Runs, Guard, Exit);

  // The round's values are computed again past the guard's cut, from the
  // counter: only the counter then crosses cuts (one scratch slot written
  // per thread and round, not three).
  B.SetInsertPoint(Guard);
  Value *Base = B.CreateAdd(G.Lead, B.CreateMul(K, G.Step), "tx.row.start");
  requestRowPrefetches(B, G, Plan, Base);
  Value *Threads = threadsLeft(B, G, Base);
  B.CreateCondBr(B.CreateICmpULT(threadTerm(B, G), Threads, "tx.guard.in"),
                 Stay, Skip);
  BranchInst::Create(Join, Skip);
  indexFromRowStart(G, Stay, Base);

  // The next round starts after a cut of its own, so that the guarded
  // iteration only runs its body: the counter moves on there.
  Latch->getTerminator()->replaceSuccessorWith(Header, Join);
  carryInMemory(G, K, GuardedPre, Latch, Stay, Exit, CopyHeader, Outside, VMap);
  B.SetInsertPoint(Join);
  K->addIncoming(ConstantInt::get(Ty, 0), GuardedPre);
  K->addIncoming(B.CreateAdd(K, ConstantInt::get(Ty, 1)), Join);
  B.CreateBr(Header);

  CallInst::Create(Barrier, "", Guard->getFirstNonPHI());
  CallInst::Create(Barrier, "", Join->getFirstNonPHI());
  if (!isBlockBarrier(*Exit->getFirstNonPHI()))
    CallInst::Create(Barrier, "", Exit->getFirstNonPHI());
}
