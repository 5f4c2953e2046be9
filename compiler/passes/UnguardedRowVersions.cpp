//===- UnguardedRowVersions.cpp - Thread loops without their row guards ---===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A kernel's guards on its global index (`if (x < 1 || x >= n - 1) return;`
// in a stencil, `if (base + t < n) sum = in[base + t];` in a reduction)
// become tests inside the thread loops WorkItemLoops builds, and the loop
// vectoriser turns the code they guard into masked loads and stores. On
// AVX2 a masked store is microcoded on AMD's cores, and everywhere the
// masks cost as much as the body: on the 2-core EPYC (Zen 3) bench/jacobi
// ran at 3.5x its OpenMP twin (16 masked loads and stores per 8 points).
//
// Yet almost every row passes every guard: only the blocks at the edges of
// the domain have threads that fail. A test `Lead + x < U` on the thread
// index x, with Lead and U the same for the whole row, is monotone in x
// (true for a prefix of the row, `>=` and `>` for a suffix), so it has
// the same value for every thread of the row [First, End) exactly when it
// has it for the first and the last. This pass therefore gives such a
// thread loop a second version, run when every such test has, at both
// ends of the row, the value that leads into the code it guards, in which
// those tests are constants: the vectoriser sees unmasked code. Other rows
// run the loop as it was. Tests the thread index does not enter (`y < 1`,
// the same along the row) are part of the condition and constant in the
// version too.
//
// The value that leads into the guarded code is read from the branches a
// test decides: the successor that neither is the join (the branch's
// immediate post-dominator) nor only branches there. A test feeding a logical
// `or` that skips the body must be false, one feeding an `and` that enters it
// true; a test whose branches do not say is left alone. Lead + x must not wrap
// within the row (else the test is not monotone): that is part of the condition
// too.
//
// Only loops that are to be vectorised are versioned (not the general,
// scalar versions of regions), in functions not optimised for size, of at
// most MaxVersionedInstructions, with no value used after the loop (the
// lowering keeps the threads' state in memory here). The version keeps
// the loop's bounds, so a fixed-width block's trip count stays a constant.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <optional>

using namespace llvm;
using namespace llvm::PatternMatch;

#define DEBUG_TYPE "tx-unguarded-rows"

STATISTIC(NumVersioned, "Thread loops given a version without row guards");

namespace {

/// Loops of more instructions get no second version.
constexpr unsigned MaxVersionedInstructions = 400;
/// Loops versioned per function at most.
constexpr unsigned MaxVersionsPerFunction = 16;

/// The counted form WorkItemLoops gives a thread loop:
///   header: %x = phi [First, preheader], [%next, latch]
///   latch:  %next = add %x, 1; br (icmp ult %next, End), header, exit
struct CountedLoop {
  Loop *L = nullptr;
  PHINode *Index = nullptr;
  ICmpInst *LatchTest = nullptr;
  Value *First = nullptr;
  Value *End = nullptr;
};

/// A test of `SumExt(Leads... + IndexExt(x))` (either extension optional,
/// no leads for x alone) against Bound, the sum on the left of Pred.
struct IndexTest {
  ICmpInst *Test = nullptr;
  ICmpInst::Predicate Pred = ICmpInst::BAD_ICMP_PREDICATE;
  SmallVector<Value *, 2> Leads;
  Type *SumTy = nullptr;
  Value *Bound = nullptr;
  Instruction::CastOps SumExt = Instruction::CastOpsEnd;
  Instruction::CastOps IndexExt = Instruction::CastOpsEnd;
};

/// A test and the value it has where the code it guards runs.
struct Guard {
  ICmpInst *Test;
  bool Value;
};

std::optional<CountedLoop> countedLoop(Loop &L) {
  BasicBlock *Latch = L.getLoopLatch();
  BasicBlock *Exit = L.getExitBlock();
  BasicBlock *Entry = L.getLoopPredecessor();
  if (!Latch || !Exit || !Entry || L.getExitingBlock() != Latch)
    return std::nullopt;
  auto *Br = dyn_cast<BranchInst>(Latch->getTerminator());
  if (!Br || !Br->isConditional() || Br->getSuccessor(0) != L.getHeader() ||
      !tx::isLoweringLoop(Br))
    return std::nullopt;
  // The general versions of regions stay scalar (keepScalarAndRolled).
  if (getOptionalBoolLoopAttribute(&L, "llvm.loop.vectorize.enable") ==
      std::optional<bool>(false))
    return std::nullopt;
  CountedLoop C;
  C.L = &L;
  auto *Test = dyn_cast<ICmpInst>(Br->getCondition());
  Value *Next;
  if (!Test || !match(Test, m_ICmp(m_Value(Next), m_Value(C.End))) ||
      Test->getPredicate() != ICmpInst::ICMP_ULT || !L.isLoopInvariant(C.End))
    return std::nullopt;
  C.LatchTest = Test;
  for (PHINode &Phi : L.getHeader()->phis()) {
    if (C.Index)
      return std::nullopt; // only the thread index is carried
    C.Index = &Phi;
  }
  if (!C.Index || !C.Index->getType()->isIntegerTy() ||
      !match(Next, m_Add(m_Specific(C.Index), m_One())) ||
      C.Index->getIncomingValueForBlock(Latch) != Next)
    return std::nullopt;
  C.First = C.Index->getIncomingValueForBlock(Entry);
  return C;
}

/// Whether a value of L is used after it, or its exit has phis (none of
/// the lowering's thread loops before mem2reg).
bool usedAfter(const Loop &L) {
  if (!L.getExitBlock()->phis().empty())
    return true;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB)
      for (User *U : I.users())
        if (!L.contains(cast<Instruction>(U)))
          return true;
  return false;
}

unsigned instructionCount(const Loop &L) {
  unsigned Count = 0;
  for (BasicBlock *BB : L.blocks())
    Count += BB->size();
  return Count;
}

/// The value of Br's condition that leads into the code it guards: the
/// successor that does not skip to the join (Br's immediate
/// post-dominator). None where both sides do work (if/else) or neither
/// does.
std::optional<bool> enteringValue(const BranchInst &Br,
                                  const PostDominatorTree &PDT) {
  if (!Br.isConditional() || Br.getSuccessor(0) == Br.getSuccessor(1))
    return std::nullopt;
  const DomTreeNode *Node = PDT.getNode(Br.getParent());
  const DomTreeNode *Join = Node ? Node->getIDom() : nullptr;
  if (!Join || !Join->getBlock())
    return std::nullopt;
  // A successor skips if it is the join, or only branches there.
  auto Skips = [&](const BasicBlock *Succ) {
    return Succ == Join->getBlock() ||
           (Succ->size() == 1 &&
            Succ->getSingleSuccessor() == Join->getBlock());
  };
  bool SkipsOnTrue = Skips(Br.getSuccessor(0));
  bool SkipsOnFalse = Skips(Br.getSuccessor(1));
  if (SkipsOnTrue == SkipsOnFalse)
    return std::nullopt;
  return SkipsOnFalse;
}

/// The value Cond has where the code of L it guards runs: from the
/// branches it decides, directly or through logical and/or and not. None
/// if no branch says, or two disagree.
std::optional<bool> guardingValue(Value *Cond, const Loop &L,
                                  const PostDominatorTree &PDT,
                                  unsigned Depth = 0) {
  std::optional<bool> Result;
  for (User *U : Cond->users()) {
    auto *I = dyn_cast<Instruction>(U);
    if (!I || !L.contains(I))
      continue;
    std::optional<bool> Value;
    if (auto *Br = dyn_cast<BranchInst>(I)) {
      Value = enteringValue(*Br, PDT);
    } else if (Depth < 4) {
      // An `or` that is false, or an `and` that is true, says what each
      // operand is; a `not` flips.
      bool Or = match(I, m_LogicalOr(m_Value(), m_Value()));
      bool And = match(I, m_LogicalAnd(m_Value(), m_Value()));
      bool Not = match(I, m_Not(m_Specific(Cond)));
      if (Or || And || Not) {
        std::optional<bool> Of = guardingValue(I, L, PDT, Depth + 1);
        if (Of && Not)
          Value = !*Of;
        else if (Of && Or && !*Of)
          Value = false;
        else if (Of && And && *Of)
          Value = true;
      }
    }
    if (!Value)
      continue;
    if (Result && *Result != *Value)
      return std::nullopt;
    Result = Value;
  }
  return Result;
}

/// What V is when it is a select on a constant (the lowering's in-step
/// reads of uniform values: `select i1 true, %uniform, %slot.load`).
Value *chosen(Value *V) {
  while (auto *Select = dyn_cast<SelectInst>(V)) {
    auto *Cond = dyn_cast<ConstantInt>(Select->getCondition());
    if (!Cond)
      break;
    V = Cond->isOne() ? Select->getTrueValue() : Select->getFalseValue();
  }
  return V;
}

/// Replaces the selects on constants in L by the values they choose.
void foldConstantSelects(Loop &L) {
  SmallVector<SelectInst *, 8> Folded;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB)
      if (auto *Select = dyn_cast<SelectInst>(&I);
          Select && chosen(Select) != Select)
        Folded.push_back(Select);
  for (SelectInst *Select : Folded) {
    Select->replaceAllUsesWith(chosen(Select));
    Select->eraseFromParent();
  }
}

/// Strips a zext or sext from V, recording which in Op.
void stripExtension(Value *&V, Instruction::CastOps &Op) {
  if (isa<ZExtInst>(V) || isa<SExtInst>(V)) {
    Op = cast<CastInst>(V)->getOpcode();
    V = cast<CastInst>(V)->getOperand(0);
  }
}

/// Whether V is Index, extended at most once (how in Op).
bool isIndex(Value *V, PHINode *Index, Instruction::CastOps &Op) {
  Op = Instruction::CastOpsEnd;
  V = chosen(V);
  stripExtension(V, Op);
  return V == Index;
}

/// Whether V is a chain of adds of one width down to Index (extended at
/// most once at the bottom), the adds' other operands then in T.Leads:
/// `a + (b + x)` is `(a + b) + x` in wrapping arithmetic. A disjoint `or`
/// (InstCombine's form of `256 * b + x` for x < 256) is an add.
bool addChainToIndex(Value *V, PHINode *Index, IndexTest &T, unsigned Depth) {
  if (isIndex(V, Index, T.IndexExt))
    return true;
  Value *A, *B;
  if (Depth == 4 || !match(chosen(V), m_AddLike(m_Value(A), m_Value(B))))
    return false;
  for (auto [Down, Other] : {std::pair(A, B), std::pair(B, A)})
    if (addChainToIndex(Down, Index, T, Depth + 1)) {
      T.Leads.push_back(chosen(Other));
      return true;
    }
  return false;
}

/// V as `[ext] (Leads... + [ext] Index)`.
bool matchIndexSum(Value *V, PHINode *Index, IndexTest &T) {
  V = chosen(V);
  stripExtension(V, T.SumExt);
  T.SumTy = V->getType();
  return addChainToIndex(V, Index, T, 0);
}

std::optional<IndexTest> indexTest(ICmpInst &Test, const CountedLoop &C) {
  if (!Test.isRelational())
    return std::nullopt;
  for (unsigned Side = 0; Side < 2; ++Side) {
    IndexTest T;
    if (!matchIndexSum(Test.getOperand(Side), C.Index, T))
      continue;
    T.Test = &Test;
    T.Bound = chosen(Test.getOperand(1 - Side));
    T.Pred = Side == 0 ? Test.getPredicate() : Test.getSwappedPredicate();
    unsigned SumBits = T.SumTy->getIntegerBitWidth();
    if (SumBits > 32 && SumBits != 64)
      return std::nullopt;
    return T;
  }
  return std::nullopt;
}

/// Whether V can be moved before L (tx::canMakeLoopInvariant) once
/// foldConstantSelects has folded the selects on constants it looks
/// through.
bool hoistable(Value *V, const Loop &L) {
  return tx::canMakeLoopInvariant(V, L, chosen);
}

/// Moves V before L (see hoistable).
void hoist(Value *V, Loop &L) {
  bool Changed = false;
  bool Moved = L.makeLoopInvariant(V, Changed);
  assert(Moved && "hoistable values move");
  (void)Moved;
}

/// Builds, before a thread loop, the condition under which every guard
/// has its guarding value for the whole row.
class RowCondition {
public:
  RowCondition(IRBuilder<> &B, const CountedLoop &C) : B(B), C(C) {
    // The loop runs First before it tests: its last index is
    // max(First, End - 1).
    Value *Runs = B.CreateICmpUGT(C.End, C.First);
    Last = B.CreateSelect(
        Runs, B.CreateSub(C.End, ConstantInt::get(C.End->getType(), 1)),
        C.First, "row.last");
    // The index below its sign bit: read signed or unsigned, extended
    // either way, it is the same number (a thread index is at most 1024).
    require(B.CreateICmpSGE(Last, ConstantInt::get(Last->getType(), 0)));
  }

  /// Each term frozen: the values it reads moved before the loop from
  /// code that runs only under another guard (`if (y < h) { r = y * w;
  /// if (r + x < n) ... }`, its `mul nsw` poison where y >= h), and `and`
  /// with poison is poison even where that guard's term is false.
  void require(Value *Cond) {
    Cond = B.CreateFreeze(Cond);
    All = All ? B.CreateAnd(All, Cond) : Cond;
  }

  /// Requires T's test to be Want at both ends of the row and Lead + x
  /// not to wrap in between: then it is Want throughout.
  void requireThroughout(const IndexTest &T, bool Want);

  /// Requires an invariant test to be Want.
  void requireInvariant(ICmpInst *Test, bool Want) {
    require(Want ? Test : B.CreateNot(Test));
  }

  Value *condition() const { return All; }

private:
  /// The value T's test has at Index, Lead the sum of its leads.
  Value *testAt(const IndexTest &T, Value *Lead, Value *Index);
  /// Requires that Lead + x not wrap for x in [First, Last].
  void requireNoWrap(const IndexTest &T, Value *Lead);

  IRBuilder<> &B;
  const CountedLoop &C;
  Value *Last;
  Value *All = nullptr;
};

Value *RowCondition::testAt(const IndexTest &T, Value *Lead, Value *Index) {
  Value *Sum = T.IndexExt == Instruction::CastOpsEnd
                   ? Index
                   : B.CreateCast(T.IndexExt, Index, T.SumTy);
  if (Lead)
    Sum = B.CreateAdd(Lead, Sum);
  if (T.SumExt != Instruction::CastOpsEnd)
    Sum = B.CreateCast(T.SumExt, Sum, T.Bound->getType());
  return B.CreateICmp(T.Pred, Sum, T.Bound);
}

void RowCondition::requireNoWrap(const IndexTest &T, Value *Lead) {
  const bool Signed = ICmpInst::isSigned(T.Pred);
  if (!Lead)
    return;
  // How the program reads the sum: as its extension says, or as the test.
  bool SumSigned = T.SumExt == Instruction::CastOpsEnd
                       ? Signed
                       : T.SumExt == Instruction::SExt;
  Value *Top = T.IndexExt == Instruction::CastOpsEnd
                   ? Last
                   : B.CreateCast(T.IndexExt, Last, T.SumTy);
  Intrinsic::ID Overflow =
      SumSigned ? Intrinsic::sadd_with_overflow : Intrinsic::uadd_with_overflow;
  Value *Sum = B.CreateBinaryIntrinsic(Overflow, Lead, Top);
  require(B.CreateNot(B.CreateExtractValue(Sum, 1)));
  // A sum read signed but compared unsigned is monotone if never negative.
  if (T.SumExt == Instruction::SExt && !Signed)
    require(B.CreateICmpSGE(Lead, ConstantInt::get(T.SumTy, 0)));
}

void RowCondition::requireThroughout(const IndexTest &T, bool Want) {
  Value *Lead = nullptr;
  for (Value *Addend : T.Leads)
    Lead = Lead ? B.CreateAdd(Lead, Addend) : Addend;
  requireNoWrap(T, Lead);
  Value *AtFirst = testAt(T, Lead, C.First);
  Value *AtLast = testAt(T, Lead, Last);
  require(Want ? B.CreateAnd(AtFirst, AtLast)
               : B.CreateNot(B.CreateOr(AtFirst, AtLast)));
}

/// The tests of C's loop that have a known value where the code they
/// guard runs.
SmallVector<Guard, 4> guardsOf(const CountedLoop &C,
                               const PostDominatorTree &PDT) {
  SmallVector<Guard, 4> Guards;
  for (BasicBlock *BB : C.L->blocks())
    for (Instruction &I : *BB)
      if (auto *Test = dyn_cast<ICmpInst>(&I); Test && Test != C.LatchTest)
        if (std::optional<bool> Value = guardingValue(Test, *C.L, PDT))
          Guards.push_back({Test, *Value});
  return Guards;
}

/// The thread loops of F worth a version, by header, with their guards.
SmallVector<std::pair<BasicBlock *, SmallVector<Guard, 4>>, 4>
planVersions(Function &F) {
  DominatorTree DT(F);
  LoopInfo LI(DT);
  PostDominatorTree PDT(F);
  SmallVector<std::pair<BasicBlock *, SmallVector<Guard, 4>>, 4> Plans;
  for (Loop *L : LI.getLoopsInPreorder()) {
    if (!L->isInnermost() || Plans.size() == MaxVersionsPerFunction)
      continue;
    std::optional<CountedLoop> C = countedLoop(*L);
    if (!C || usedAfter(*L) || instructionCount(*L) > MaxVersionedInstructions)
      continue;
    SmallVector<Guard, 4> Guards = guardsOf(*C, PDT);
    if (any_of(Guards, [&](const Guard &G) { return indexTest(*G.Test, *C); }))
      Plans.push_back({L->getHeader(), std::move(Guards)});
  }
  return Plans;
}

/// Replaces Test's uses in Blocks by Value.
void fixIn(ArrayRef<BasicBlock *> Blocks, Value *Test, bool Value) {
  SmallPtrSet<BasicBlock *, 16> In(Blocks.begin(), Blocks.end());
  Constant *Known = ConstantInt::getBool(Test->getContext(), Value);
  Test->replaceUsesWithIf(Known, [&](Use &U) {
    auto *User = dyn_cast<Instruction>(U.getUser());
    return User && In.contains(User->getParent());
  });
}

/// Gives C's loop a version in which Guards are constants, run when they
/// hold for the whole row. False where no index test could be part of it.
bool version(const CountedLoop &C, ArrayRef<Guard> Guards, DominatorTree &DT,
             LoopInfo &LI) {
  Loop &L = *C.L;
  // The guards that can be decided before the loop; nothing changes unless
  // one of them tests the index.
  SmallVector<std::pair<Guard, std::optional<IndexTest>>, 4> Fixed;
  for (const Guard &G : Guards) {
    std::optional<IndexTest> T = indexTest(*G.Test, C);
    if (T ? all_of(T->Leads, [&](Value *V) { return hoistable(V, L); }) &&
                hoistable(T->Bound, L)
          : hoistable(G.Test, L))
      Fixed.push_back({G, std::move(T)});
  }
  if (none_of(Fixed, [](const auto &F) { return F.second.has_value(); }))
    return false;

  if (!L.getLoopPreheader())
    simplifyLoop(&L, &DT, &LI, nullptr, nullptr, nullptr, false);
  // What hoistable looked through must not stay in the way.
  foldConstantSelects(L);
  BasicBlock *CheckBlock = L.getLoopPreheader();
  IRBuilder<> B(CheckBlock->getTerminator());
  RowCondition Row(B, C);
  for (const auto &[G, T] : Fixed) {
    if (T) {
      for (Value *Lead : T->Leads)
        hoist(Lead, L);
      hoist(T->Bound, L);
    } else {
      hoist(G.Test, L);
    }
    B.SetInsertPoint(CheckBlock->getTerminator());
    if (T)
      Row.requireThroughout(*T, G.Value);
    else
      Row.requireInvariant(G.Test, G.Value);
  }
  Value *Unguarded = Row.condition();
  Unguarded->setName("row.unguarded");

  BasicBlock *Preheader = SplitBlock(CheckBlock, CheckBlock->getTerminator(),
                                     &DT, &LI, nullptr, "row.guarded");
  ValueToValueMapTy VMap;
  SmallVector<BasicBlock *, 32> Blocks;
  Loop *Copy = cloneLoopWithPreheader(Preheader, CheckBlock, &L, VMap,
                                      ".unguarded", &LI, &DT, Blocks);
  remapInstructionsInBlocks(Blocks, VMap);
  Instruction *OldTerm = CheckBlock->getTerminator();
  BranchInst::Create(Copy->getLoopPreheader(), Preheader, Unguarded, OldTerm);
  OldTerm->eraseFromParent();
  for (const auto &[G, T] : Fixed) {
    Value *Test = VMap.lookup(G.Test);
    fixIn(Blocks, Test ? Test : G.Test, G.Value);
  }
  tx::addLoopProperties(cast<BranchInst>(Copy->getLoopLatch()->getTerminator()),
                        {}); // a loop ID of its own
  ++NumVersioned;
  return true;
}

bool versionGuardedRows(Function &F) {
  if (F.isDeclaration() || F.hasOptSize())
    return false;
  bool Changed = false;
  for (auto &[Header, Guards] : planVersions(F)) {
    DominatorTree DT(F);
    LoopInfo LI(DT);
    Loop *L = LI.getLoopFor(Header);
    std::optional<CountedLoop> C =
        L && L->getHeader() == Header ? countedLoop(*L) : std::nullopt;
    if (C)
      Changed |= version(*C, Guards, DT, LI);
  }
  return Changed;
}

} // namespace

PreservedAnalyses tx::UnguardedRowVersionsPass::run(Module &M,
                                                    ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M)
    Changed |= versionGuardedRows(F);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
