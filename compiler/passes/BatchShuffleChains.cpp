//===- BatchShuffleChains.cpp - Independent chains share one exchange -----===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Code often reduces or scans several values of a warp one after another:
// a sum and a maximum of the same value (cooperative groups' reduce with
// two operators), a sum and a sum of squares (layernorm's statistics), a
// key's ranking and its value's. FuseWarpShuffles makes each such chain one
// collective, and WorkItemLoops cuts the kernel at each: a region of its
// own, its thread loops for threads in step and for the others, its
// snapshot of the exchange slots, for every chain.
//
// Where a block calls chains one after another and a later one's input does
// not depend on an earlier one's result, they may exchange at once: this
// pass packs them into one collective whose lanes publish the chains'
// inputs side by side (one field for an input they share) in a slot of up
// to 128 bits, and whose body runs each chain's body on its field and packs
// their results side by side (up to 128 bits). A lone shuffle or ballot
// between them (a tile's shfl_up next to its shfl_down, a broadcast of
// two values from lane 0) joins as a chain of one step. The batch's call
// stands where the first exchange was; a later one's input, and what it is
// computed from in between, moves there. That is safe because in between
// nothing synchronises or leaves the block, so the same lanes arrive at
// every exchange of the batch, and an exchange only moves values between
// lanes: it may pass a store to global memory (CUDA orders memory between
// a warp's lanes only at __syncwarp), though not an access that may be to
// shared memory (see mayTouchSharedMemory).
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "ShuffleChain.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

#include <optional>

using namespace llvm;
using namespace tx::chains;

#define DEBUG_TYPE "tx-batch-shuffle-chains"

STATISTIC(NumBatches, "Batches of independent shuffle chains");
STATISTIC(NumBatchedExchanges, "Chains and lone exchanges in a batch");

/// The widest lane slot a batch may use, for its inputs and its results.
static constexpr unsigned MaxSlotBits = 128;

/// A lane slot filled with fields at 32-bit offsets; a 64-bit field does not
/// cross the slot's 64-bit halves (chain bodies read 128-bit lanes as two
/// 64-bit halves).
class SlotLayout {
public:
  /// Where a field of Ty would go next, if it fits.
  std::optional<unsigned> next(Type *Ty) const {
    unsigned Bits = alignTo(Ty->getPrimitiveSizeInBits(), ParameterBits);
    unsigned Offset = alignTo(End, ParameterBits);
    if (Offset % 64 + Bits > 64)
      Offset = alignTo(Offset, 64);
    if (Offset + Bits > MaxSlotBits)
      return std::nullopt;
    return Offset;
  }
  void place(Type *Ty, unsigned Offset) {
    End = Offset + alignTo(Ty->getPrimitiveSizeInBits(), ParameterBits);
  }
  /// The integer a slot of these fields is: 64 or 128 bits.
  Type *packedType(LLVMContext &C) const {
    return IntegerType::get(C, End <= 64 ? 64 : 128);
  }

private:
  unsigned End = 0;
};

namespace {
/// A warp exchange a batch may take: a chain call (FuseWarpShuffles), or a
/// lone shuffle or ballot, which becomes a chain of one step.
struct Exchange {
  Instruction *Site = nullptr;
  /// A lone exchange's chain of one step.
  std::optional<ShuffleChain> Single;
  /// What lanes publish for it, where that is a value already: a chain
  /// call's operand, a lone exchange's input without parameters. Null
  /// where the parameters are packed with the input at the batch's call.
  Value *Published = nullptr;
  Type *PublishedTy = nullptr;
  /// The values the published one is computed from.
  SmallVector<Value *, 3> Operands;
};

/// Consecutive exchanges of a block that exchange as one.
class Batch {
public:
  bool empty() const { return Members.empty(); }
  Instruction *first() const { return Members.front().Site; }

  /// E's input and result fit in the slots.
  bool fits(const Exchange &E) const;
  void add(Exchange E);
  /// Replaces the exchanges by one collective, when there are two or more.
  bool emit(Module &M, ChainBodies &Bodies);

private:
  /// The member that publishes the same value as E, if one does.
  const Exchange *sameInput(const Exchange &E) const;
  /// Where E's input is in the input slot: the field of the same value, or
  /// where it would go.
  std::optional<unsigned> inputOffset(const Exchange &E) const;

  SmallVector<Exchange, 4> Members;
  /// Per member: its input's offset and its result's, and whether it has a
  /// field of its own (not another member's published value).
  SmallVector<unsigned, 4> InputOffsets, ResultOffsets;
  SmallVector<bool, 4> OwnsField;
  SlotLayout InputSlot, ResultSlot;
};
} // namespace

/// The lone shuffle or fixed ballot I as a chain of one step, if a batch
/// may take it: its input is not a constant, and its other operands are
/// known per lane or 32-bit parameters, all in at most 64 bits.
static std::optional<ShuffleChain> singleStep(Instruction &I) {
  if (!isLaneExchange(I) || !isLaneData(I.getType()))
    return std::nullopt;
  auto Operands = dataOperands(I);
  ShuffleChain Chain;
  Chain.Input = Operands.begin()->get();
  if (isa<Constant>(Chain.Input) || !isLaneData(Chain.Input->getType()))
    return std::nullopt;
  for (const Use &Op : drop_begin(Operands)) {
    Value *V = Op.get();
    if (isKnownPerLane(V))
      continue;
    if (!isLaneData(V->getType()) ||
        V->getType()->getPrimitiveSizeInBits() > ParameterBits)
      return std::nullopt;
    Chain.Parameters.insert(V);
  }
  Chain.Members.push_back(&I);
  Chain.Outputs.push_back(&I);
  if (packedBits(Chain) > 64)
    return std::nullopt;
  return Chain;
}

/// The exchange at I a batch may take: a chain call whose input and
/// result are lane data of at most 64 bits (a chain that publishes 128
/// bits fills a slot alone), or a lone exchange (singleStep).
static std::optional<Exchange> exchangeAt(Instruction &I) {
  Exchange E;
  E.Site = &I;
  if (tx::isWarpShuffleChain(I)) {
    auto &Call = cast<CallInst>(I);
    E.Published = Call.getArgOperand(1);
    if (!isLaneData(Call.getType()) || !isLaneData(E.Published->getType()) ||
        !isa<Function>(Call.getArgOperand(0)))
      return std::nullopt;
    E.PublishedTy = E.Published->getType();
    E.Operands.push_back(E.Published);
    return E;
  }
  E.Single = singleStep(I);
  if (!E.Single)
    return std::nullopt;
  E.PublishedTy = publishedType(*E.Single);
  if (E.Single->Parameters.empty())
    E.Published = E.Single->Input;
  E.Operands.push_back(E.Single->Input);
  append_range(E.Operands, E.Single->Parameters);
  return E;
}

const Exchange *Batch::sameInput(const Exchange &E) const {
  if (!E.Published)
    return nullptr;
  const auto *Same = find_if(Members, [&](const Exchange &Member) {
    return Member.Published == E.Published;
  });
  return Same != Members.end() ? Same : nullptr;
}

std::optional<unsigned> Batch::inputOffset(const Exchange &E) const {
  if (const Exchange *Same = sameInput(E))
    return InputOffsets[Same - Members.begin()];
  return InputSlot.next(E.PublishedTy);
}

bool Batch::fits(const Exchange &E) const {
  return inputOffset(E) && ResultSlot.next(E.Site->getType());
}

void Batch::add(Exchange E) {
  unsigned InputAt = *inputOffset(E);
  bool Owns = !sameInput(E);
  if (Owns)
    InputSlot.place(E.PublishedTy, InputAt);
  unsigned ResultAt = *ResultSlot.next(E.Site->getType());
  ResultSlot.place(E.Site->getType(), ResultAt);
  Members.push_back(std::move(E));
  InputOffsets.push_back(InputAt);
  ResultOffsets.push_back(ResultAt);
  OwnsField.push_back(Owns);
}

bool Batch::emit(Module &M, ChainBodies &Bodies) {
  if (Members.size() < 2)
    return false;
  LLVMContext &C = M.getContext();
  Instruction *First = first();
  IRBuilder<> B(First);
  // The lanes publish each distinct input in its field; one alone as it is.
  SmallVector<Value *, 4> Fields;
  SmallVector<unsigned, 4> FieldOffsets;
  for (auto [Member, Offset, Owns] : zip(Members, InputOffsets, OwnsField)) {
    if (!Owns)
      continue;
    Fields.push_back(Member.Published ? Member.Published
                                      : packLane(B, *Member.Single));
    FieldOffsets.push_back(Offset);
  }
  Type *InTy =
      Fields.size() == 1 ? Fields.front()->getType() : InputSlot.packedType(C);
  Type *OutTy = ResultSlot.packedType(C);
  SmallVector<BatchedChain, 4> Chains;
  SmallPtrSet<Function *, 4> PartBodies;
  bool Symmetric = true;
  for (auto [Member, InputAt, ResultAt] :
       zip(Members, InputOffsets, ResultOffsets)) {
    Function *Body = Member.Single ? createChainBody(M, *Member.Single)
                                   : cast<Function>(Member.Site->getOperand(0));
    Chains.push_back({Body, InputAt, ResultAt});
    PartBodies.insert(Body);
    Symmetric &=
        Member.Single
            ? isWarpSymmetric(*Member.Single)
            : bool(Member.Site->getMetadata(tx::WarpSymmetricMetadata));
  }
  Function *Body = Bodies.unique(createBatchBody(M, InTy, OutTy, Chains));

  Value *Lane = Fields.size() == 1 ? Fields.front()
                                   : packFields(B, Fields, FieldOffsets, InTy);
  CallInst *Collective =
      B.CreateCall(chainCollective(M, InTy, OutTy), {Body, Lane}, "batch");
  Collective->setDebugLoc(First->getDebugLoc());
  // All-reduces and broadcasts all: every lane gets the same results.
  if (Symmetric)
    Collective->setMetadata(tx::WarpSymmetricMetadata, MDNode::get(C, {}));
  for (auto [Member, ResultAt] : zip(Members, ResultOffsets))
    Member.Site->replaceAllUsesWith(
        unpackField(B, Collective, ResultAt, Member.Site->getType()));
  for (Exchange &Member : Members)
    Member.Site->eraseFromParent();
  for (Function *Part : PartBodies)
    if (Part->use_empty())
      Part->eraseFromParent();
  ++NumBatches;
  NumBatchedExchanges += Members.size();
  return true;
}

/// An instruction a later chain's input may be computed from and still move
/// before an earlier chain: it reads no memory, has no effect, and is no
/// collective (an earlier chain's result is not available there).
static bool mayMoveUp(const Instruction &I) {
  return !isa<PHINode>(I) && !I.mayReadOrWriteMemory() &&
         !I.mayHaveSideEffects() && !tx::isBarrier(I) && !I.isTerminator();
}

/// Moves what E's input is computed from in the block after First to
/// before First. False, and nothing moved, if something of it may not move.
static bool hoistInput(const Exchange &E, Instruction &First) {
  SmallVector<Instruction *, 8> ToMove;
  SmallPtrSet<Instruction *, 8> Seen;
  SmallVector<Value *, 8> Work(E.Operands.begin(), E.Operands.end());
  while (!Work.empty()) {
    auto *I = dyn_cast<Instruction>(Work.pop_back_val());
    if (!I || I->getParent() != First.getParent() ||
        (I != &First && I->comesBefore(&First)) || !Seen.insert(I).second)
      continue;
    if (!mayMoveUp(*I))
      return false;
    ToMove.push_back(I);
    append_range(Work, I->operands());
  }
  sort(ToMove,
       [](Instruction *A, Instruction *B) { return A->comesBefore(B); });
  for (Instruction *I : ToMove)
    I->moveBefore(&First);
  return true;
}

/// I may read or write shared memory: an access not known to be to global
/// memory (a kernel argument's buffer, a global variable) or to the
/// thread's own (an alloca). A batch does not move exchanges past one: code
/// written for warps in lockstep may hand values between lanes through
/// shared memory around a shuffle without __syncwarp, which CUDA does not
/// order, but which works on GPUs and worked here with a cut at each
/// exchange.
static bool mayTouchSharedMemory(const Instruction &I) {
  if (!I.mayReadOrWriteMemory())
    return false;
  const Value *Ptr = getLoadStorePointerOperand(&I);
  if (!Ptr)
    return true;
  const Value *Object = getUnderlyingObject(Ptr);
  return !isa<Argument>(Object) && !isa<AllocaInst>(Object) &&
         !isa<GlobalVariable>(Object);
}

/// Batches the exchanges of BB that follow one another with nothing in
/// between that synchronises, exchanges otherwise, may not return or may
/// touch shared memory.
static bool batchIn(BasicBlock &BB, Module &M, ChainBodies &Bodies) {
  bool Changed = false;
  Batch Current;
  auto Close = [&] {
    Changed |= Current.emit(M, Bodies);
    Current = Batch();
  };
  for (Instruction &I : make_early_inc_range(BB)) {
    if (std::optional<Exchange> E = exchangeAt(I)) {
      if (Current.empty() || !Current.fits(*E) ||
          !hoistInput(*E, *Current.first()))
        Close();
      Current.add(std::move(*E));
      continue;
    }
    if (!Current.empty() && (tx::isBarrier(I) || tx::isWarpCollective(I) ||
                             !isGuaranteedToTransferExecutionToSuccessor(&I) ||
                             mayTouchSharedMemory(I)))
      Close();
  }
  Close();
  return Changed;
}

PreservedAnalyses tx::BatchShuffleChainsPass::run(Module &M,
                                                  ModuleAnalysisManager &) {
  bool Changed = false;
  ChainBodies Bodies;
  for (Function *Kernel : getKernels(M))
    for (BasicBlock &BB : *Kernel)
      Changed |= batchIn(BB, M, Bodies);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
