//===- FuseWarpShuffles.cpp - A warp's chain of shuffles as one exchange --===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A warp reduction, once UnrollSmallLoops has unrolled it, is a chain of
// shuffles with constant lane operands, each feeding the next through
// lane-wise arithmetic:
//
//   V1 = V0 + shfl_xor(V0, 16);  V2 = V1 + shfl_xor(V1, 8);  ...  V5
//
// WorkItemLoops cuts a kernel at every warp collective, so such a chain
// costs a region per shuffle: every thread stores its value, the block takes
// a snapshot of the exchange slots, and a new thread loop reads them back
// (about 15 instructions per thread and step for one add). This pass
// replaces the chain by one collective,
//
//   V5 = __tx_shfl_chain.<in>.<out>(@body, V0)
//
// whose body (ShuffleChain.cpp) computes the chain for a whole warp at
// once, as vector code over its 32 lanes (`<32 x float>`, each shuffle a
// permutation): one cut instead of five, and after it the lanes combine in
// registers. WorkItemLoops runs the body once per warp after the cut.
//
// A chain is what is computed from one per-lane value (its input),
// constants and a few parameters by lane-wise instructions, shuffles and
// ballots with a constant member mask, within a basic block, with one value
// used outside it. (CUB's MatchAny, which radix sort's ranking calls for
// every key, is eight ballots on the bits of a digit: one cut instead of
// eight, the ballot in the body a bit cast of the lanes' predicates.)
// Parameters are 32-bit values defined before the chain that its steps read:
// CUB clamps the shuffles of a partial warp's reduction at `last_lane`, a
// run-time value. Each lane publishes its input and parameters packed into one
// integer (`__tx_shfl_chain.i128.i64` for a 64-bit sum with a clamp), and
// a shuffle whose lane or segment operand is not a constant computes its
// source lanes in the body and gathers (or, with a constant lane operand,
// permutes and selects). The body keeps PTX's semantics
// exactly: a lane whose source lane is out of its segment, or did not
// arrive, gets its own value. The cut moves from the
// first shuffle to the chain's end; that is safe because no instruction in
// between touches memory or synchronises the block (the search stops at
// one); other warp collectives only exchange values, so chains may
// interleave.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "ShuffleChain.h"
#include "TongxinPasses.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <functional>
#include <optional>

using namespace llvm;
using namespace tx::chains;

#define DEBUG_TYPE "tx-fuse-warp-shuffles"

STATISTIC(NumChains, "Chains of warp shuffles fused into one exchange");
STATISTIC(NumFusedShuffles, "Warp shuffles and ballots fused into chains");

static bool isChainStep(const Instruction &I) {
  return isLaneExchange(I) || isLaneWise(I);
}

/// The chain's input, seen from the first shuffle's operand: the value
/// under the casts and other single-operand lane-wise steps in BB (the
/// double a pair of 32-bit shuffles splits, say).
static Value *chainInput(Value *Operand, BasicBlock *BB) {
  Value *Input = Operand;
  while (auto *I = dyn_cast<Instruction>(Input)) {
    if (I->getParent() != BB || !isLaneWise(*I))
      break;
    Value *Only = nullptr;
    for (const Use &Op : dataOperands(*I)) {
      if (isKnownPerLane(Op.get()))
        continue;
      if (Only && Only != Op.get())
        return Input;
      Only = Op.get();
    }
    if (!Only)
      break;
    Input = Only;
  }
  return Input;
}

/// A value a chain starting at First may take as a parameter: a lane's
/// value of at most 32 bits that is there before the chain (an argument,
/// or an instruction in another block or before First).
static bool mayBeParameter(Value *V, const Instruction &First) {
  if (!isLaneData(V->getType()) ||
      V->getType()->getPrimitiveSizeInBits() > ParameterBits)
    return false;
  if (isa<Argument>(V))
    return true;
  auto *I = dyn_cast<Instruction>(V);
  return I && (I->getParent() != First.getParent() || I->comesBefore(&First));
}

/// Whether I stops the search for a chain: anything that touches memory,
/// synchronises a block or has other effects, since the chain's cut moves
/// past it. Other warp collectives only exchange values between lanes, so
/// the cut may pass them (two reductions interleaved, say).
static bool endsSearch(const Instruction &I) {
  if (tx::isWarpCollective(I))
    return false;
  return I.mayReadOrWriteMemory() || I.mayHaveSideEffects() ||
         tx::isBarrier(I) || I.isTerminator();
}

/// The result fits in a lane slot of MaxBits.
static bool outputsFit(ArrayRef<Instruction *> Outputs,
                       unsigned MaxBits = MaxPackedBits) {
  if (Outputs.size() > 1 && any_of(Outputs, [](Instruction *Out) {
        return !isLaneData(Out->getType());
      }))
    return false;
  return outputBits(Outputs) <= MaxBits;
}

/// The values of the chain that depend on First and are used outside it.
static SmallVector<Instruction *, 2>
usedOutside(const SmallSetVector<Instruction *, 32> &Derived,
            const SmallPtrSetImpl<Instruction *> &FromFirst) {
  SmallVector<Instruction *, 2> Outputs;
  for (Instruction *I : Derived) {
    if (!FromFirst.contains(I))
      continue;
    bool Escapes = any_of(I->users(), [&](User *U) {
      auto *UserInst = cast<Instruction>(U);
      return !Derived.contains(UserInst) || isa<PHINode>(UserInst);
    });
    if (Escapes)
      Outputs.push_back(I);
  }
  return Outputs;
}

/// Whether V is computed from Root by lane-wise steps alone: every value
/// depending on First that those steps read is Root. Slice collects the
/// steps.
static bool computedFrom(Instruction *V, Instruction *Root,
                         const SmallSetVector<Instruction *, 32> &Derived,
                         const SmallPtrSetImpl<Instruction *> &FromFirst,
                         SmallPtrSetImpl<Instruction *> &Slice) {
  if (V == Root || Slice.contains(V))
    return true;
  if (!Derived.contains(V) || isLaneExchange(*V) || isa<PHINode>(V))
    return false;
  for (const Use &Op : dataOperands(*V)) {
    auto *OpInst = dyn_cast<Instruction>(Op.get());
    if (OpInst && FromFirst.contains(OpInst) &&
        !computedFrom(OpInst, Root, Derived, FromFirst, Slice))
      return false;
  }
  Slice.insert(V);
  return true;
}

/// The chain's outputs. When the values used outside do not fit in a
/// 64-bit lane slot but all of them are computed by lane-wise steps from one
/// of them, that one is the only output, and those steps stay outside the
/// chain (they leave Derived): CUB's ranking uses a MatchAny's peers, their
/// leader (from __clz), the lane's rank among them (__popc) and whether it
/// is the leader -- four results, all from the peers mask. (128-bit slots
/// would hold all four, but every exchange of the kernel would then move
/// twice the bytes.)
static SmallVector<Instruction *, 2>
escapingValues(SmallSetVector<Instruction *, 32> &Derived,
               const SmallPtrSetImpl<Instruction *> &FromFirst) {
  SmallVector<Instruction *, 2> Outputs = usedOutside(Derived, FromFirst);
  if (Outputs.empty() || outputsFit(Outputs, 64))
    return Outputs;
  for (Instruction *Root : Outputs) {
    SmallPtrSet<Instruction *, 16> Slice;
    if (!outputsFit({Root}, 64) || !all_of(Outputs, [&](Instruction *Out) {
          return computedFrom(Out, Root, Derived, FromFirst, Slice);
        }))
      continue;
    for (Instruction *Step : Slice)
      Derived.remove(Step);
    return {Root};
  }
  return Outputs;
}

/// The values of Derived that the Roots are computed from, Roots included.
static SmallPtrSet<Instruction *, 32>
computedFromClosure(ArrayRef<Instruction *> Roots,
                    const SmallSetVector<Instruction *, 32> &Derived) {
  SmallPtrSet<Instruction *, 32> Closure(Roots.begin(), Roots.end());
  SmallVector<Instruction *, 32> Work(Roots.begin(), Roots.end());
  while (!Work.empty()) {
    Instruction *I = Work.pop_back_val();
    for (const Use &Op : dataOperands(*I))
      if (auto *OpInst = dyn_cast<Instruction>(Op.get()))
        if (Derived.contains(OpInst) && Closure.insert(OpInst).second)
          Work.push_back(OpInst);
  }
  return Closure;
}

/// The chain with these outputs, if it is worth fusing (two exchanges or
/// more) and fits in the lane slots.
static std::optional<ShuffleChain>
chainFor(Value *Input, ArrayRef<Instruction *> Outputs,
         const SmallSetVector<Instruction *, 32> &Derived) {
  if (!outputsFit(Outputs))
    return std::nullopt;
  SmallPtrSet<Instruction *, 32> Needed = computedFromClosure(Outputs, Derived);
  ShuffleChain Chain;
  Chain.Input = Input;
  Chain.Outputs.assign(Outputs.begin(), Outputs.end());
  unsigned Exchanges = 0;
  for (Instruction *I : Derived) {
    if (!Needed.contains(I))
      continue;
    Chain.Members.push_back(I);
    Exchanges += isLaneExchange(*I);
    for (const Use &Op : dataOperands(*I)) {
      auto *OpInst = dyn_cast<Instruction>(Op.get());
      if (Op.get() != Input && !isKnownPerLane(Op.get()) &&
          !(OpInst && Derived.contains(OpInst)))
        Chain.Parameters.insert(Op.get());
    }
  }
  if (Exchanges < 2 || packedBits(Chain) > MaxPackedBits)
    return std::nullopt;
  return Chain;
}

/// Outputs for the chain without its tail: the lane-wise steps after its
/// last exchanges (that no exchange reads), which then stay where they are,
/// computed from the chain's results. CUB's look-back reduces a window of
/// (flag, value) pairs and combines the result with the running prefix: in
/// the chain the prefix's two words would be parameters, too many for a
/// lane slot; outside, they are ordinary operands. Tail steps that come
/// before the last new output (where the chain's call goes) move after it;
/// empty where one cannot (a step outside the tail uses it before then).
static SmallVector<Instruction *, 2>
outputsBeforeTail(ArrayRef<Instruction *> Outputs,
                  const SmallSetVector<Instruction *, 32> &Derived,
                  const SmallPtrSetImpl<Instruction *> &AfterShuffle) {
  SmallPtrSet<Instruction *, 32> Needed = computedFromClosure(Outputs, Derived);
  SmallVector<Instruction *, 8> Exchanges;
  for (Instruction *I : Derived)
    if (Needed.contains(I) && isLaneExchange(*I))
      Exchanges.push_back(I);
  SmallPtrSet<Instruction *, 32> FeedsExchange =
      computedFromClosure(Exchanges, Derived);
  auto InTail = [&](Instruction *I) {
    return Needed.contains(I) && AfterShuffle.contains(I) &&
           !FeedsExchange.contains(I);
  };
  SmallVector<Instruction *, 2> Cut;
  SmallVector<Instruction *, 8> Tail;
  for (Instruction *I : Derived) {
    if (InTail(I)) {
      Tail.push_back(I);
      continue;
    }
    if (!Needed.contains(I) || !AfterShuffle.contains(I))
      continue;
    if (is_contained(Outputs, I) || any_of(I->users(), [&](User *U) {
          return InTail(cast<Instruction>(U));
        }))
      Cut.push_back(I);
  }
  if (Cut.empty())
    return {};
  Instruction *Last = Cut.back();
  SmallVector<Instruction *, 8> Early;
  for (Instruction *Step : Tail) {
    if (!Step->comesBefore(Last))
      continue;
    Early.push_back(Step);
    for (User *U : Step->users()) {
      auto *UserInst = cast<Instruction>(U);
      if (!is_contained(Tail, UserInst) &&
          UserInst->getParent() == Last->getParent() &&
          UserInst->comesBefore(Last))
        return {};
    }
  }
  Instruction *After = Last;
  for (Instruction *Step : Early) {
    Step->moveAfter(After);
    After = Step;
  }
  return Cut;
}

/// The chain that starts at the shuffle or ballot First, if there is one
/// worth fusing (two exchanges or more).
static std::optional<ShuffleChain> findChain(CallInst &First) {
  BasicBlock *BB = First.getParent();
  Value *Input = chainInput(First.getArgOperand(1), BB);
  if (isa<Constant>(Input))
    return std::nullopt;
  auto *InputInst = dyn_cast<Instruction>(Input);
  BasicBlock::iterator Start = InputInst && InputInst->getParent() == BB
                                   ? std::next(InputInst->getIterator())
                                   : BB->begin();
  // Derived: the lane-wise steps and fixed shuffles computed from Input and
  // constants alone. AfterShuffle: those that depend on a shuffle, whose
  // values must not be needed outside the chain (only Input's own
  // derivations can stay where they are). FromFirst: those that depend on
  // First; parameters can make other chains' steps Derived too (two
  // reductions of values computed from the thread index), and only
  // First's own chain has its output here.
  SmallSetVector<Instruction *, 32> Derived;
  SmallPtrSet<Instruction *, 32> AfterShuffle, FromFirst;
  bool PastFirst = false;
  for (Instruction &I : make_range(Start, BB->end())) {
    PastFirst |= &I == &First;
    if (PastFirst && endsSearch(I))
      break;
    if (!isChainStep(I))
      continue;
    bool FromInput = true, FromShuffle = isLaneExchange(I);
    bool DependsOnFirst = &I == &First;
    for (const Use &Op : dataOperands(I)) {
      Value *V = Op.get();
      if (isKnownPerLane(V) || V == Input)
        continue;
      auto *OpInst = dyn_cast<Instruction>(V);
      if (OpInst && Derived.contains(OpInst)) {
        FromShuffle |= AfterShuffle.contains(OpInst);
        DependsOnFirst |= FromFirst.contains(OpInst);
        continue;
      }
      // Before the first shuffle, steps from other values are not the
      // chain's; after it, those values are parameters.
      if (!PastFirst || !mayBeParameter(V, First)) {
        FromInput = false;
        break;
      }
    }
    if (!FromInput)
      continue;
    if (FromShuffle && !PastFirst)
      continue;
    Derived.insert(&I);
    if (FromShuffle)
      AfterShuffle.insert(&I);
    if (DependsOnFirst)
      FromFirst.insert(&I);
  }
  if (!AfterShuffle.contains(&First))
    return std::nullopt;

  SmallVector<Instruction *, 2> Outputs = escapingValues(Derived, FromFirst);
  if (Outputs.empty() || !outputsFit(Outputs))
    return std::nullopt;
  // The chain's call replaces the last output; every other output's users
  // outside the chain must come after it.
  Instruction *Last = Outputs.back();
  for (Instruction *Out : Outputs)
    for (User *U : Out->users()) {
      auto *UserInst = cast<Instruction>(U);
      if (UserInst->getParent() == BB && !Derived.contains(UserInst) &&
          UserInst->comesBefore(Last))
        return std::nullopt;
    }
  // Steps after the last shuffle that only convert the result (an int sum
  // stored as a double) or combine it with a value from outside the chain
  // (CUB's look-back adds the window's sum to a running prefix) stay
  // outside, where they cannot widen the lanes or add parameters.
  Instruction *&Output = Outputs.front();
  while (Outputs.size() == 1 && !isLaneExchange(*Output)) {
    Instruction *Only = nullptr;
    for (const Use &Op : dataOperands(*Output)) {
      auto *OpInst = dyn_cast<Instruction>(Op.get());
      if (isKnownPerLane(Op.get()) || !OpInst || !Derived.contains(OpInst))
        continue;
      if (Only || !AfterShuffle.contains(OpInst)) {
        Only = nullptr;
        break;
      }
      Only = OpInst;
    }
    if (!Only || !Only->hasOneUse())
      break;
    Output = Only;
  }

  std::optional<ShuffleChain> Chain = chainFor(Input, Outputs, Derived);
  if (Chain)
    return Chain;
  // Too wide: the steps after the chain's last exchanges may stay outside,
  // their operands the chain's outputs instead.
  SmallVector<Instruction *, 2> Cut =
      outputsBeforeTail(Outputs, Derived, AfterShuffle);
  if (Cut.empty() || Cut == Outputs)
    return std::nullopt;
  return chainFor(Input, Cut, Derived);
}

/// Replaces the chain by a call of its collective, at the chain's end.
static void fuse(Module &M, ShuffleChain &Chain, ChainBodies &Bodies) {
  Function *Body = Bodies.unique(createChainBody(M, Chain));
  FunctionCallee Collective =
      chainCollective(M, publishedType(Chain), resultType(Chain));
  Instruction *Last = Chain.Outputs.back();
  IRBuilder<> B(Last);
  CallInst *Call =
      B.CreateCall(Collective, {Body, packLane(B, Chain)}, "chain");
  Call->setDebugLoc(Last->getDebugLoc());
  if (isWarpSymmetric(Chain))
    Call->setMetadata(tx::WarpSymmetricMetadata,
                      MDNode::get(M.getContext(), {}));
  if (Chain.Outputs.size() == 1)
    Last->replaceAllUsesWith(Call);
  for (auto [Idx, Out] : enumerate(Chain.Outputs)) {
    if (Chain.Outputs.size() == 1)
      break;
    Value *Field =
        unpackField(B, Call, outputOffset(Chain.Outputs, Idx), Out->getType());
    // Members that use the output are erased below; a dead step between
    // the outputs (findChain only orders the live users) keeps the
    // original.
    Out->replaceUsesWithIf(Field, [&](Use &U) {
      auto *User = cast<Instruction>(U.getUser());
      return !is_contained(Chain.Members, User) &&
             (User->getParent() != Call->getParent() ||
              Call->comesBefore(User));
    });
  }
  for (Instruction *I : reverse(Chain.Members)) {
    NumFusedShuffles += isLaneExchange(*I);
    if (I->use_empty())
      I->eraseFromParent();
  }
  ++NumChains;
}

static bool hasExchange(const BasicBlock &BB) {
  return any_of(BB, [](const Instruction &I) { return isLaneExchange(I); });
}

/// BB may join its predecessor Pred: its only cuts are shuffles, or also
/// fixed ballots where BB directly follows Pred in the layout. (Other blocks
/// keep their place in the layout, which ImplicitLoopBarriers reads to
/// order barriers; a vote is such a barrier, a shuffle only joins a chain.)
static bool mayJoinPredecessor(const BasicBlock &BB, const BasicBlock &Pred) {
  bool HasBallot = false;
  for (const Instruction &I : BB) {
    if (!tx::isBarrier(I) || tx::isWarpShuffle(I))
      continue;
    if (!isFixedBallot(I))
      return false;
    HasBallot = true;
  }
  return !HasBallot || Pred.getNextNode() == &BB;
}

/// The most instructions, and blocks, a lane-wise region may hold to be
/// speculated (CUB's ArgMin step on a key-value pair is two blocks and
/// six instructions).
static constexpr unsigned MaxRegionInstructions = 32, MaxRegionBlocks = 8;

/// A block of a region speculateLaneWiseRegion may flatten: no phi, only
/// lane-wise values (nothing that touches memory, traps or synchronises),
/// and two-way branches to distinct blocks.
static bool isLaneWiseBlock(const BasicBlock &BB) {
  auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
  if (!Br ||
      (Br->isConditional() && Br->getSuccessor(0) == Br->getSuccessor(1)))
    return false;
  return all_of(BB, [](const Instruction &I) {
    return I.isTerminator() || isa<DbgInfoIntrinsic>(I) || isLaneWise(I);
  });
}

/// The blocks from Head's successors up to (not including) Join, in an
/// order where each comes after its predecessors; empty unless they are
/// all lane-wise, acyclic, entered only from Head or each other, and small.
static SmallVector<BasicBlock *, 8> laneWiseRegion(BasicBlock &Head,
                                                   BasicBlock &Join) {
  SmallVector<BasicBlock *, 8> PostOrder;
  SmallPtrSet<BasicBlock *, 8> Done, OnPath;
  unsigned Instructions = 0;
  bool Ok = true;
  std::function<void(BasicBlock *)> Visit = [&](BasicBlock *BB) {
    if (!Ok || BB == &Join || Done.contains(BB))
      return;
    if (BB == &Head || OnPath.contains(BB) || !isLaneWiseBlock(*BB) ||
        PostOrder.size() == MaxRegionBlocks ||
        (Instructions += BB->size() - 1) > MaxRegionInstructions) {
      Ok = false;
      return;
    }
    OnPath.insert(BB);
    for (BasicBlock *Succ : successors(BB))
      Visit(Succ);
    OnPath.erase(BB);
    Done.insert(BB);
    PostOrder.push_back(BB);
  };
  for (BasicBlock *Succ : successors(&Head))
    Visit(Succ);
  auto EnteredInside = [&](BasicBlock *BB) {
    return all_of(predecessors(BB), [&](BasicBlock *Pred) {
      return Pred == &Head || Done.contains(Pred);
    });
  };
  if (!Ok || !EnteredInside(&Join) || !all_of(PostOrder, EnteredInside))
    return {};
  return SmallVector<BasicBlock *, 8>(reverse(PostOrder));
}

/// Flattens the lane-wise blocks between Head, whose block has exchanges,
/// and its post-dominator Join into Head: their values computed
/// unconditionally, Join's phis as selects on the edges' conditions. A step
/// of CUB's warp reduction reads `if (lane + offset <= last) x = op(x,
/// shuffled)`, which stays a branch where op is too large for SimplifyCFG's
/// cost model (a struct's fields) or branches itself (ArgMin's ties), and a
/// branch ends a chain. Returns Join, or null.
static BasicBlock *speculateLaneWiseRegion(BasicBlock &Head) {
  auto *Br = dyn_cast<BranchInst>(Head.getTerminator());
  if (!Br || !Br->isConditional() || !hasExchange(Head))
    return nullptr;
  PostDominatorTree PDT(*Head.getParent());
  DomTreeNode *Node = PDT.getNode(&Head);
  BasicBlock *Join =
      Node && Node->getIDom() ? Node->getIDom()->getBlock() : nullptr;
  if (!Join || Join == &Head)
    return nullptr;
  SmallVector<BasicBlock *, 8> Region = laneWiseRegion(Head, *Join);
  if (Region.empty())
    return nullptr;

  // Each block's and each edge's condition, as logical and/or (a condition
  // computed on a path not taken must not poison the one taken).
  IRBuilder<> B(Br);
  DenseMap<BasicBlock *, Value *> BlockCond;
  DenseMap<std::pair<BasicBlock *, BasicBlock *>, Value *> EdgeCond;
  auto AddEdges = [&](BasicBlock *From) {
    Value *Cond = BlockCond.lookup(From);
    auto *Term = cast<BranchInst>(From->getTerminator());
    if (!Term->isConditional()) {
      EdgeCond[{From, Term->getSuccessor(0)}] = Cond;
      return;
    }
    Value *Taken = Term->getCondition();
    EdgeCond[{From, Term->getSuccessor(0)}] =
        Cond ? B.CreateLogicalAnd(Cond, Taken) : Taken;
    Value *NotTaken = B.CreateNot(Taken);
    EdgeCond[{From, Term->getSuccessor(1)}] =
        Cond ? B.CreateLogicalAnd(Cond, NotTaken) : NotTaken;
  };
  AddEdges(&Head); // Head's own condition is true (null).
  for (BasicBlock *BB : Region) {
    Value *Cond = nullptr;
    for (BasicBlock *Pred : predecessors(BB)) {
      Value *Edge = EdgeCond.lookup({Pred, BB});
      Cond = Cond ? B.CreateLogicalOr(Cond, Edge) : Edge;
    }
    BlockCond[BB] = Cond;
    for (Instruction &I : make_early_inc_range(*BB))
      if (!I.isTerminator()) {
        I.moveBefore(Br);
        I.dropUBImplyingAttrsAndMetadata();
        I.dropPoisonGeneratingFlags();
      }
    B.SetInsertPoint(Br);
    AddEdges(BB);
  }
  for (PHINode &Phi : make_early_inc_range(Join->phis())) {
    Value *Merged = nullptr;
    for (auto [Value, From] : zip(Phi.incoming_values(), Phi.blocks()))
      Merged = Merged ? B.CreateSelect(EdgeCond.lookup({From, Join}), Value,
                                       Merged, Phi.getName())
                      : Value.get();
    Phi.replaceAllUsesWith(Merged);
    Phi.eraseFromParent();
  }
  B.CreateBr(Join);
  Br->eraseFromParent();
  for (BasicBlock *BB : Region)
    BB->dropAllReferences();
  for (BasicBlock *BB : Region)
    BB->eraseFromParent();
  return Join;
}

/// Unrolled loops and inlined calls leave a chain's steps in blocks joined
/// by unconditional branches, or around lane-wise arms: merging a block into
/// a predecessor with exchanges lets a chain span them.
static void mergeShuffleLines(Function &F) {
  bool Merged = true;
  while (Merged) {
    Merged = false;
    SmallVector<WeakTrackingVH, 16> Blocks;
    for (BasicBlock &BB : F)
      Blocks.push_back(&BB);
    for (WeakTrackingVH &Handle : Blocks) {
      auto *BB = cast_or_null<BasicBlock>(Handle);
      if (!BB)
        continue;
      if (BasicBlock *Join = speculateLaneWiseRegion(*BB)) {
        Merged = true;
        if (mayJoinPredecessor(*Join, *BB))
          MergeBlockIntoPredecessor(Join);
        continue;
      }
      BasicBlock *Pred = BB->getSinglePredecessor();
      if (Pred && Pred != BB && Pred->getSingleSuccessor() == BB &&
          hasExchange(*Pred) && mayJoinPredecessor(*BB, *Pred))
        Merged |= MergeBlockIntoPredecessor(BB);
    }
  }
}

static bool fuseIn(Function &Kernel, Module &M, ChainBodies &Bodies) {
  if (none_of(instructions(Kernel),
              [](Instruction &I) { return isLaneExchange(I); }))
    return false;
  mergeShuffleLines(Kernel);
  bool Changed = false;
  for (BasicBlock &BB : Kernel) {
    SmallVector<WeakTrackingVH, 16> Exchanges;
    for (Instruction &I : BB)
      if (isLaneExchange(I))
        Exchanges.push_back(&I);
    for (WeakTrackingVH &Handle : Exchanges) {
      auto *Exchange = dyn_cast_or_null<CallInst>(Handle);
      if (!Exchange)
        continue;
      if (std::optional<ShuffleChain> Chain = findChain(*Exchange)) {
        fuse(M, *Chain, Bodies);
        Changed = true;
      }
    }
  }
  return Changed;
}

PreservedAnalyses tx::FuseWarpShufflesPass::run(Module &M,
                                                ModuleAnalysisManager &) {
  bool Changed = false;
  ChainBodies Bodies;
  for (Function *Kernel : getKernels(M))
    if (!Kernel->isDeclaration())
      Changed |= fuseIn(*Kernel, M, Bodies);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
