//===- RowPrefetches.cpp - Rows of later grid-stride rounds, prefetched ---===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A guarded grid-stride round (GridStrideGuards) asks, at its start, for the
// rows a later block or round will touch (tx::PrefetchRowName): blockDim.x
// elements of an array, some blocks or whole grids beyond this round's,
// into the cache the request names. The request is the same for
// every thread, so it is carried out once per region, before the thread
// loops, as one prefetch per cache line of the row; the per-thread copies
// of the request are dropped. Where the row's start cannot be computed
// before the loops, or the region is not the round's, the request is only
// dropped: a prefetch never changes what a program computes.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "KernelLowering.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"

using namespace llvm;
using namespace tx::workitems;

/// A row longer than this is only prefetched this far: by then the hardware
/// prefetcher follows the row on its own. A round whose block's rows are
/// this long or longer (a merged block's 1024 floats, MergeBlocks.cpp) is
/// not asked for rounds ahead at all: the hardware prefetchers follow each
/// row within the round, and prefetching the rounds ahead only took L1
/// space and instructions (bench dot's merged blocks on the AMD EPYC: 0.74x
/// the time on one thread without them, 0.90x on two, paired).
static constexpr uint64_t MaxPrefetchBytes = 4096;
static constexpr uint64_t CacheLineBytes = 64;

SmallVector<KernelLowering::RowPrefetch, 2>
KernelLowering::takeRowPrefetches(ArrayRef<BasicBlock *> Clones,
                                  BasicBlock *Body, BasicBlock *Pre,
                                  Value *InStep) {
  SmallVector<CallInst *, 4> Requests;
  for (BasicBlock *BB : Clones)
    for (Instruction &I : *BB)
      if (tx::isRowPrefetchRequest(I))
        Requests.push_back(cast<CallInst>(&I));
  SmallVector<RowPrefetch, 2> Rows;
  IRBuilder<> P(Pre->getTerminator());
  for (CallInst *Request : Requests) {
    // A request of another arity (hand-written IR) is only dropped.
    auto ConstantArg = [&](unsigned Arg) {
      return Request->arg_size() == 6
                 ? dyn_cast<ConstantInt>(Request->getArgOperand(Arg))
                 : nullptr;
    };
    ConstantInt *ElementBytes = ConstantArg(3), *IsWrite = ConstantArg(4),
                *Level = ConstantArg(5);
    Value *Before[3] = {};
    if (Request->getParent() == Body && ElementBytes && IsWrite && Level &&
        Level->getValue().ule(static_cast<uint64_t>(tx::PrefetchLevel::L1)))
      for (unsigned Arg = 0; Arg < 3; ++Arg)
        if (!(Before[Arg] = valueBeforeLoops(Request->getArgOperand(Arg), Pre,
                                             InStep, P, 0, /*SafeOnly=*/true)))
          break;
    if (Before[2])
      Rows.push_back({Before[0], Before[1], Before[2],
                      ElementBytes->getZExtValue(), !IsWrite->isZero(),
                      static_cast<uint32_t>(Level->getZExtValue())});
    Request->eraseFromParent();
  }
  return Rows;
}

void KernelLowering::emitRowPrefetches(BasicBlock *Pre,
                                       ArrayRef<RowPrefetch> Rows,
                                       const Twine &Tag) {
  if (Rows.empty())
    return;
  BasicBlock *After =
      Pre->splitBasicBlock(Pre->getTerminator(), Tag + ".prefetched");
  Value *Threads = CastInst::CreateZExtOrBitCast(
      BV.BlockDim[0], Type::getInt64Ty(C), "row.threads", Pre->getTerminator());
  // Each row's prefetches follow the previous row's; Tail ends in `br After`.
  BasicBlock *Tail = Pre;
  for (const RowPrefetch &Row : Rows) {
    IRBuilder<> B(Tail->getTerminator());
    Value *Start = B.CreateGEP(
        B.getInt8Ty(), Row.Base,
        B.CreateMul(Row.Index, B.getInt64(Row.ElementBytes)), "row.ahead");
    Value *Elements =
        B.CreateBinaryIntrinsic(Intrinsic::umin, Threads, Row.Elements);
    Value *RowBytes = B.CreateMul(Elements, B.getInt64(Row.ElementBytes));
    // From the cache line the row starts in, so that its last line is
    // prefetched too.
    Value *Skew = B.CreateAnd(B.CreatePtrToInt(Start, B.getInt64Ty()),
                              B.getInt64(CacheLineBytes - 1), "row.skew");
    Start = B.CreateGEP(B.getInt8Ty(), Start, B.CreateNeg(Skew), "row.line");
    Value *Bytes = B.CreateBinaryIntrinsic(
        Intrinsic::umin, B.CreateAdd(RowBytes, Skew),
        B.getInt64(MaxPrefetchBytes), nullptr, "row.bytes");
    // A row past the loop's end (its last rounds') is not prefetched.
    Value *Any = B.CreateICmpNE(RowBytes, B.getInt64(0), "row.any");
    if (Row.Locality == static_cast<uint32_t>(tx::PrefetchLevel::L1))
      Any = B.CreateAnd(
          Any,
          B.CreateICmpULT(B.CreateMul(Threads, B.getInt64(Row.ElementBytes)),
                          B.getInt64(MaxPrefetchBytes)));
    auto *Loop = BasicBlock::Create(C, Tag + ".prefetch", Block, After);
    auto *Done = BasicBlock::Create(C, Tag + ".prefetch.done", Block, After);
    Tail->getTerminator()->eraseFromParent();
    BranchInst::Create(Loop, Done, Any, Tail);
    B.SetInsertPoint(Loop);
    PHINode *Offset = B.CreatePHI(B.getInt64Ty(), 2, "row.offset");
    Offset->addIncoming(B.getInt64(0), Tail);
    B.CreateIntrinsic(Intrinsic::prefetch, {B.getPtrTy()},
                      {B.CreateGEP(B.getInt8Ty(), Start, Offset),
                       B.getInt32(Row.IsWrite), B.getInt32(Row.Locality),
                       B.getInt32(1)});
    Value *Next = B.CreateAdd(Offset, B.getInt64(CacheLineBytes));
    Offset->addIncoming(Next, Loop);
    B.CreateCondBr(B.CreateICmpULT(Next, Bytes), Loop, Done);
    BranchInst::Create(After, Done);
    Tail = Done;
  }
}

/// After lowering, no request may be left (a kernel that WorkItemLoops
/// left as it was, or a clone no region took): they are only hints.
void tx::workitems::dropRowPrefetchRequests(Module &M) {
  Function *Request = M.getFunction(tx::PrefetchRowName);
  if (!Request)
    return;
  SmallVector<CallInst *, 4> Calls;
  for (User *U : Request->users())
    if (auto *Call = dyn_cast<CallInst>(U))
      Calls.push_back(Call);
  for (CallInst *Call : Calls)
    Call->eraseFromParent();
  if (Request->use_empty())
    Request->eraseFromParent();
}
