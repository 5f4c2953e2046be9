//===- RowPrefetches.cpp - Rows of later grid-stride rounds, prefetched ---===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A guarded grid-stride round (GridStrideGuards) asks, at its start, for the
// rows a later round will touch (tx::PrefetchRowName): blockDim.x elements
// of an array, a whole grid beyond this round's. The request is the same
// for every thread, so it is carried out once per region, before the thread
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
/// prefetcher follows the row on its own.
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
    auto *ElementBytes = dyn_cast<ConstantInt>(Request->getArgOperand(2));
    auto *IsWrite = dyn_cast<ConstantInt>(Request->getArgOperand(3));
    Value *Base = nullptr, *Index = nullptr;
    if (Request->getParent() == Body && ElementBytes && IsWrite) {
      Base = valueBeforeLoops(Request->getArgOperand(0), Pre, InStep, P);
      if (Base)
        Index = valueBeforeLoops(Request->getArgOperand(1), Pre, InStep, P);
    }
    if (Index)
      Rows.push_back(
          {Base, Index, ElementBytes->getZExtValue(), !IsWrite->isZero()});
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
  BasicBlock *Prev = Pre;
  Value *Threads = nullptr;
  for (const RowPrefetch &Row : Rows) {
    IRBuilder<> B(Prev->getTerminator());
    if (!Threads)
      Threads = B.CreateZExt(BV.BlockDim[0], B.getInt64Ty(), "row.threads");
    Value *Start = B.CreateGEP(
        B.getInt8Ty(), Row.Base,
        B.CreateMul(Row.Index, B.getInt64(Row.ElementBytes)), "row.ahead");
    Value *Bytes = B.CreateBinaryIntrinsic(
        Intrinsic::umin, B.CreateMul(Threads, B.getInt64(Row.ElementBytes)),
        B.getInt64(MaxPrefetchBytes), nullptr, "row.bytes");
    auto *Loop = BasicBlock::Create(C, Tag + ".prefetch", Block, After);
    Prev->getTerminator()->replaceSuccessorWith(After, Loop);
    B.SetInsertPoint(Loop);
    PHINode *Offset = B.CreatePHI(B.getInt64Ty(), 2, "row.offset");
    Offset->addIncoming(B.getInt64(0), Prev);
    B.CreateIntrinsic(Intrinsic::prefetch, {B.getPtrTy()},
                      {B.CreateGEP(B.getInt8Ty(), Start, Offset),
                       B.getInt32(Row.IsWrite), B.getInt32(3), B.getInt32(1)});
    Value *Next = B.CreateAdd(Offset, B.getInt64(CacheLineBytes));
    Offset->addIncoming(Next, Loop);
    B.CreateCondBr(B.CreateICmpULT(Next, Bytes), Loop, After);
    Prev = Loop;
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
