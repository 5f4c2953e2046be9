//===- MergedBlockSpans.cpp - Spans of blocks through a merged twin -------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// MergeBlocks gives a kernel a twin whose block runs Blocks neighbouring
// blocks along x of the kernel's launch block W x H x D. Here the twin is
// lowered beside its kernel, and the block function recorded for the
// kernel runs spans of blocks (TX_KERNEL_RUNS_BLOCK_SPANS: the runtime
// hands it the rest of its chunk within a row of the grid):
//
//   for (b = first; end - b >= Blocks && block is W x H x D; b += Blocks)
//     twin(blocks b .. b + Blocks - 1)     // blockDim.x seen as Blocks * W
//   for (; b < end; ++b)
//     kernel(block b)
//
// The span function sets the context's blockDim.x to Blocks * W around
// each call, for the twin's thread loops; the twin itself reads its
// blocks' width as the constant W. Where the twin is small enough for a
// fixed-width version (FixedWidthBlocks.cpp), that version, for the merged
// block, is the only one lowered: no other block ever runs it. The record's
// scratch is the larger of the kernel's and the twin's (per thread of a merged
// block, Blocks threads of the kernel's block each), so that the runtime's
// scratch, sized per thread of the launch's block, fits either.
//
//===----------------------------------------------------------------------===//

#include "KernelLowering.h"
#include "LaunchWidths.h"

#include "tongxin/abi.h"

#include <cstddef>

using namespace llvm;
using namespace tx::workitems;

Function *tx::workitems::mergedTwinOf(Function &Kernel) {
  Attribute Attr = Kernel.getFnAttribute(tx::MergedTwinAttr);
  if (!Attr.isValid())
    return nullptr;
  Function *Twin = Kernel.getParent()->getFunction(Attr.getValueAsString());
  return Twin && Twin->hasFnAttribute(tx::MergesBlocksAttr) ? Twin : nullptr;
}

static void eraseKernel(Function &F) {
  F.replaceAllUsesWith(PoisonValue::get(F.getType()));
  F.eraseFromParent();
}

std::optional<MergedSpans>
tx::workitems::lowerMergedTwin(Function &Twin, const KernelLowering &General,
                               bool SyncChecks, bool RaceChecks) {
  unsigned Blocks = 0, MergedWidth = 0, Rows = 1, Layers = 1;
  bool Malformed = Twin.getFnAttribute(tx::MergesBlocksAttr)
                       .getValueAsString()
                       .getAsInteger(10, Blocks) ||
                   Twin.getFnAttribute(tx::LaunchWidthAttr)
                       .getValueAsString()
                       .getAsInteger(10, MergedWidth) ||
                   Blocks < 2 || MergedWidth % Blocks != 0;
  if (Attribute Shape = Twin.getFnAttribute(tx::LaunchRowsAttr);
      Shape.isValid()) {
    auto [Y, Z] = Shape.getValueAsString().split(',');
    Malformed |= Y.getAsInteger(10, Rows) || Z.getAsInteger(10, Layers);
  }
  if (Malformed || !tx::isLaunchableBlock(MergedWidth, Rows, Layers)) {
    eraseKernel(Twin);
    return std::nullopt;
  }
  // The span function calls the twin only for its merged block, so where
  // the twin gets a version for that block (it is small enough, see
  // FixedWidthBlocks.cpp) that version is the only one lowered.
  Function *ForWidth = cloneForLaunchWidth(Twin);
  Function &Lowered = ForWidth ? *ForWidth : Twin;
  KernelLowering Lowering(Lowered, SyncChecks, RaceChecks);
  Lowering.setTwin();
  if (ForWidth) {
    Lowering.setFixedWidth(MergedWidth);
    // One row stays read at run time, as in the kernels' own versions.
    if (uint64_t(Rows) * Layers > 1)
      Lowering.setFixedRows(Rows, Layers);
  }
  if (General.keepsGeneralVersions())
    Lowering.keepGeneralVersions();
  if (General.wrapsRowsAtAnySize())
    Lowering.wrapRowsAtAnySize();
  Function *Block = Lowering.run();
  if (ForWidth)
    eraseKernel(*ForWidth);
  eraseKernel(Twin);
  if (!Block)
    return std::nullopt;
  // Kept apart from the span function, as the fixed-width versions are.
  Block->addFnAttr(Attribute::NoInline);
  auto [Scratch, Flags] = Lowering.runtimeContract();
  return MergedSpans{Block,   Blocks, MergedWidth / Blocks, Rows, Layers,
                     Scratch, Flags};
}

static Value *contextField(IRBuilder<> &B, Value *Ctx, size_t Offset) {
  return B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Ctx, Offset);
}

static Value *loadContext(IRBuilder<> &B, Value *Ctx, size_t Offset,
                          const Twine &Name) {
  return B.CreateAlignedLoad(B.getInt32Ty(), contextField(B, Ctx, Offset),
                             Align(4), Name);
}

static void storeContext(IRBuilder<> &B, Value *Ctx, size_t Offset, Value *V) {
  B.CreateAlignedStore(V, contextField(B, Ctx, Offset), Align(4));
}

Function *tx::workitems::emitMergedSpans(Function &Block,
                                         const MergedSpans &Merged) {
  Module &M = *Block.getParent();
  LLVMContext &C = M.getContext();
  Function *Spans =
      Function::Create(Block.getFunctionType(), GlobalValue::InternalLinkage,
                       Block.getName() + ".spans", M);
  Spans->copyAttributesFrom(&Block);
  Spans->setSubprogram(nullptr);
  Block.addFnAttr(Attribute::NoInline);
  Value *Args = Spans->getArg(0), *Ctx = Spans->getArg(1);
  Args->setName("args");
  Ctx->setName("ctx");
  const size_t BlockX = offsetof(TxBlockContext, BlockIdx);
  const size_t DimX = offsetof(TxBlockContext, BlockDim);

  auto *Entry = BasicBlock::Create(C, "entry", Spans);
  auto *MergedHead = BasicBlock::Create(C, "merged", Spans);
  auto *MergedBody = BasicBlock::Create(C, "merged.run", Spans);
  auto *SingleHead = BasicBlock::Create(C, "single", Spans);
  auto *SingleBody = BasicBlock::Create(C, "single.run", Spans);
  auto *Exit = BasicBlock::Create(C, "done", Spans);

  IRBuilder<> B(Entry);
  Value *First = loadContext(B, Ctx, BlockX, "ctaid.x");
  Value *Count =
      loadContext(B, Ctx, offsetof(TxBlockContext, BlockSpanX), "span.x");
  Value *End = B.CreateAdd(First, Count, "span.end");
  Value *Fits = B.CreateICmpEQ(loadContext(B, Ctx, DimX, "ntid.x"),
                               B.getInt32(Merged.Width));
  const unsigned Other[] = {Merged.Rows, Merged.Layers};
  for (unsigned D = 1; D < 3; ++D)
    Fits = B.CreateAnd(Fits,
                       B.CreateICmpEQ(loadContext(B, Ctx, DimX + 4 * D, "ntid"),
                                      B.getInt32(Other[D - 1])));
  B.CreateCondBr(Fits, MergedHead, SingleHead);

  B.SetInsertPoint(MergedHead);
  PHINode *Next = B.CreatePHI(B.getInt32Ty(), 2, "merged.first");
  Next->addIncoming(First, Entry);
  Value *Left = B.CreateSub(End, Next);
  B.CreateCondBr(B.CreateICmpUGE(Left, B.getInt32(Merged.Blocks)), MergedBody,
                 SingleHead);

  B.SetInsertPoint(MergedBody);
  storeContext(B, Ctx, BlockX, Next);
  storeContext(B, Ctx, DimX, B.getInt32(Merged.Blocks * Merged.Width));
  B.CreateCall(Merged.TwinBlock, {Args, Ctx});
  storeContext(B, Ctx, DimX, B.getInt32(Merged.Width));
  Next->addIncoming(B.CreateAdd(Next, B.getInt32(Merged.Blocks)), MergedBody);
  B.CreateBr(MergedHead);

  B.SetInsertPoint(SingleHead);
  PHINode *One = B.CreatePHI(B.getInt32Ty(), 3, "single.block");
  One->addIncoming(First, Entry);
  One->addIncoming(Next, MergedHead);
  B.CreateCondBr(B.CreateICmpULT(One, End), SingleBody, Exit);

  B.SetInsertPoint(SingleBody);
  storeContext(B, Ctx, BlockX, One);
  B.CreateCall(&Block, {Args, Ctx});
  One->addIncoming(B.CreateAdd(One, B.getInt32(1)), SingleBody);
  B.CreateBr(SingleHead);

  ReturnInst::Create(C, Exit);
  return Spans;
}
