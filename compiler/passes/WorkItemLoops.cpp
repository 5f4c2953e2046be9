//===- WorkItemLoops.cpp - Run a CUDA block's threads as loops ------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Turns every kernel K into a block function
//
//   void __txblk_K(void **Args, TxBlockContext *Ctx)
//
// that runs all threads of one block. The kernel body is cut at barriers into
// regions: region 0 starts at the kernel entry, region i+1 right after
// barrier i. Each region is cloned inside a z/y/x loop nest over the block's
// threads; a thread that reaches barrier i leaves the loop body with its
// state set to i+1, and a thread that returns gets the state Exit. After a
// region has run for all threads, the smallest state among the threads picks
// the next region. Barriers inside loops and branches therefore need no
// special shape: the region graph is just the CFG cut at barriers.
//
// Values that live across a barrier are demoted to memory, and every alloca
// of a kernel with barriers lives in the block's scratch buffer, one slot per
// thread, laid out as structure-of-arrays (slot base + thread * stride) so
// that the thread loops stay vectorisable. Kernels without barriers keep
// their allocas on the stack and become a single loop nest.
//
// Threads whose state differs from the running region are skipped, which is
// what makes early `return` before a barrier, and barriers in divergent code,
// run without deadlock.
//
//===----------------------------------------------------------------------===//

#include "CheckSites.h"
#include "DeviceIR.h"
#include "DivergenceAnalysis.h"
#include "KernelLowering.h"
#include "TongxinPasses.h"

#include "tongxin/abi.h"

#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/PatternMatch.h"

#include <cstddef>

using namespace llvm;
using namespace tx::workitems;

#define DEBUG_TYPE "tx-workitem-loops"

STATISTIC(NumKernels, "Kernels turned into block functions");

bool KernelLowering::diagnose(const Instruction *At, const Twine &Message) {
  // A merged twin's problems are its kernel's, which reports them under its
  // own name; the twin is then only left unused.
  if (IsTwin)
    return false;
  C.diagnose(DiagnosticInfoUnsupported(Kernel, Message,
                                       At ? At->getDebugLoc() : DebugLoc()));
  return false;
}

/// Reads of values that are the same for every thread of the block.
bool tx::workitems::isBlockQuery(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  if (!Callee)
    return false;
  if (Callee->getName() == tx::SharedBaseName)
    return true;
  switch (Callee->getIntrinsicID()) {
  case Intrinsic::nvvm_read_ptx_sreg_ntid_x:
  case Intrinsic::nvvm_read_ptx_sreg_ntid_y:
  case Intrinsic::nvvm_read_ptx_sreg_ntid_z:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_x:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_y:
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_z:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_x:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_y:
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_z:
    return true;
  default:
    return false;
  }
}

/// threadIdx is a loop counter in every region, so a read of it is never
/// worth a scratch slot: each use gets its own read, next to it.
void KernelLowering::rematerialiseThreadIndex() {
  SmallVector<Instruction *, 16> Reads;
  for (Instruction &I : instructions(Kernel))
    if (isThreadIndexRead(I))
      Reads.push_back(&I);
  for (Instruction *Read : Reads) {
    SmallVector<Use *, 8> Uses;
    for (Use &U : Read->uses())
      Uses.push_back(&U);
    for (Use *U : Uses) {
      Instruction *Copy = Read->clone();
      Copy->insertBefore(tx::insertionPointFor(*U));
      U->set(Copy);
    }
    Read->eraseFromParent();
  }
}

/// A grid of 2-D blocks (a 32x8 stencil tile) walks memory in short
/// pieces: each block reads 32 elements of each of its rows, and the next
/// block along x continues those rows. Run one block at a time, every row
/// is a stream of two cache lines that the prefetchers never pick up; run a
/// span of blocks along x with the blocks innermost but for the x loop,
/// each row is one sequential sweep, as a CPU programmer writes a stencil.
/// Interleaving the threads of several blocks is only allowed where the
/// blocks cannot tell: no barriers or warp collectives, no shared memory,
/// and no waiting for other blocks. One-dimensional kernels keep one block
/// per call: their rows are whole already, and their `i < n` guards narrow
/// the thread loop once per block (blockIdx.x uniform).
bool KernelLowering::canRunBlockSpans() const {
  // A merged twin's blocks are already a span (MergeBlocks.cpp).
  if (IsTwin || tx::waitsForOtherBlocks(Kernel))
    return false;
  bool ReadsRowIndex = false;
  for (const Instruction &I : instructions(Kernel)) {
    if (tx::isBarrier(I))
      return false;
    auto *Call = dyn_cast<CallInst>(&I);
    const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
    if (!Callee)
      continue;
    if (Callee->getName() == tx::SharedBaseName)
      return false;
    Intrinsic::ID ID = Callee->getIntrinsicID();
    if (ID == Intrinsic::nvvm_read_ptx_sreg_tid_y ||
        ID == Intrinsic::nvvm_read_ptx_sreg_tid_z)
      ReadsRowIndex = true;
  }
  return ReadsRowIndex;
}

/// V is `(threadIdx.z * blockDim.y + threadIdx.y)` and only ever multiplied
/// by blockDim.x: the row part of the block's linear thread rank, as
/// cooperative groups' thread_rank() computes it.
static bool isRankRow(const Value *V) {
  using namespace PatternMatch;
  auto TidY = m_Intrinsic<Intrinsic::nvvm_read_ptx_sreg_tid_y>();
  auto TidZ = m_Intrinsic<Intrinsic::nvvm_read_ptx_sreg_tid_z>();
  auto NTidX = m_Intrinsic<Intrinsic::nvvm_read_ptx_sreg_ntid_x>();
  auto NTidY = m_Intrinsic<Intrinsic::nvvm_read_ptx_sreg_ntid_y>();
  if (!match(V, m_c_Add(TidY, m_c_Mul(TidZ, NTidY))))
    return false;
  return all_of(V->users(), [&](const User *U) {
    return match(U, m_c_Mul(m_Specific(V), NTidX));
  });
}

/// A read of threadIdx.y or .z that the kernel uses other than in its
/// linear thread rank.
static bool readsRowIndexAt(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  Intrinsic::ID ID = Call ? Call->getIntrinsicID() : Intrinsic::not_intrinsic;
  if (ID == Intrinsic::nvvm_read_ptx_sreg_tid_y)
    return !all_of(I.users(), isRankRow);
  if (ID != Intrinsic::nvvm_read_ptx_sreg_tid_z)
    return false;
  return !all_of(I.users(), [](const User *Mul) {
    return isa<BinaryOperator>(Mul) && !Mul->user_empty() &&
           all_of(Mul->users(), isRankRow);
  });
}

/// Kernels up to this many instructions keep affine y and z loops where they
/// could have wrapped rows (emitRowLatch): the optimiser does use them in
/// small kernels (bench/scan's tree of narrowing regions ran 13% slower
/// with wrapped rows, kmeans_assign 5%), while in large ones the loops'
/// optimisation is what costs (CUB's agents, of 2,000 instructions before
/// the lowering: 4-25% of their code generation, in noisy measurements).
static constexpr unsigned MaxAffineRowsInstructions = 512;

bool KernelLowering::readsRowIndex() const {
  return any_of(instructions(Kernel), readsRowIndexAt);
}

static bool isBlockIndexX(const Instruction &I) {
  auto *Call = dyn_cast<CallInst>(&I);
  return Call &&
         Call->getIntrinsicID() == Intrinsic::nvvm_read_ptx_sreg_ctaid_x;
}

/// A plain load of a constant global (the runtime's prefetch limit, say):
/// the same value in every thread.
static bool readsConstantGlobal(const Instruction &I) {
  const auto *Load = dyn_cast<LoadInst>(&I);
  const auto *Global =
      Load ? dyn_cast<GlobalVariable>(Load->getPointerOperand()) : nullptr;
  return Global && Global->isConstant() && Load->isUnordered();
}

/// Values computed only from kernel arguments, constants, constant globals
/// and block-wide queries are the same in every thread: they are computed
/// once in the block function's entry instead of per thread, and never
/// need a slot. Only instructions that are safe to speculate qualify.
void KernelLowering::hoistUniformValues() {
  auto IsUniformOperand = [&](Value *V) {
    if (isa<Constant>(V) || isa<Argument>(V))
      return true;
    auto *I = dyn_cast<Instruction>(V);
    return I && Uniform.contains(I);
  };
  ReversePostOrderTraversal<Function *> RPO(&Kernel);
  for (BasicBlock *BB : RPO)
    for (Instruction &I : *BB) {
      bool Candidate = isBlockQuery(I) && !(RunsBlockSpans && isBlockIndexX(I));
      if (!Candidate && (isa<BinaryOperator>(I) || isa<CastInst>(I) ||
                         isa<GetElementPtrInst>(I) || isa<CmpInst>(I) ||
                         isa<SelectInst>(I) || readsConstantGlobal(I)))
        Candidate = isSafeToSpeculativelyExecute(&I) &&
                    all_of(I.operands(), IsUniformOperand);
      if (Candidate)
        Uniform.insert(&I);
    }
}

/// The block function's value for a block-wide query.
Value *KernelLowering::blockValueFor(const Instruction &I) const {
  const Function *Callee = cast<CallInst>(I).getCalledFunction();
  if (Callee->getName() == tx::SharedBaseName)
    return BV.SharedBase;
  switch (Callee->getIntrinsicID()) {
  case Intrinsic::nvvm_read_ptx_sreg_ntid_x:
    return BV.BlockDim[0];
  case Intrinsic::nvvm_read_ptx_sreg_ntid_y:
    return BV.BlockDim[1];
  case Intrinsic::nvvm_read_ptx_sreg_ntid_z:
    return BV.BlockDim[2];
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_x:
    return BV.SpanBlockX ? BV.SpanBlockX : BV.BlockIdx[0];
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_y:
    return BV.BlockIdx[1];
  case Intrinsic::nvvm_read_ptx_sreg_ctaid_z:
    return BV.BlockIdx[2];
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_x:
    return BV.GridDim[0];
  case Intrinsic::nvvm_read_ptx_sreg_nctaid_y:
    return BV.GridDim[1];
  default:
    return BV.GridDim[2];
  }
}

bool KernelLowering::collectAllocas() {
  for (Instruction &I : instructions(Kernel)) {
    auto *A = dyn_cast<AllocaInst>(&I);
    if (!A)
      continue;
    if (!A->isStaticAlloca())
      return diagnose(A, "variable-sized local arrays are not supported in "
                         "kernels (alloca with a run-time size)");
    Allocas.push_back(A);
  }
  if (!hasBarriers())
    return true;
  // Lifetime markers would tell the optimiser a scratch slot is dead between
  // regions; the slots outlive them by design.
  SmallVector<Instruction *, 8> Markers;
  for (Instruction &I : instructions(Kernel))
    if (auto *II = dyn_cast<IntrinsicInst>(&I))
      if (II->isLifetimeStartOrEnd())
        Markers.push_back(II);
  for (Instruction *I : Markers)
    I->eraseFromParent();
  return true;
}

unsigned KernelLowering::laneBytesOf(const Instruction &I) const {
  unsigned Bytes = tx::laneSlotBytes(I);
  return Bytes > 8 ? Bytes : SharedLaneBytes;
}

/// Per-thread scratch: one slot per alloca, then the thread's state word.
void KernelLowering::layoutScratch() {
  if (!hasBarriers())
    return;
  uint64_t Offset = 0;
  auto AddSlot = [&](uint64_t Size, uint64_t Alignment) {
    Alignment = std::min<uint64_t>(std::max<uint64_t>(Alignment, 1), 64);
    Offset = alignTo(Offset, Alignment);
    Slots.push_back({Offset, alignTo(std::max<uint64_t>(Size, 1), Alignment)});
    Offset += Slots.back().Stride;
  };
  for (AllocaInst *A : Allocas)
    AddSlot(*A->getAllocationSize(DL), A->getAlign().value());
  if (hasWarpCollectives()) {
    for (Instruction &I : instructions(Kernel))
      if (tx::isWarpCollective(I) && tx::laneSlotBytes(I) <= 8)
        SharedLaneBytes = std::max(SharedLaneBytes, tx::laneSlotBytes(I));
    for (Instruction &I : instructions(Kernel))
      if (tx::isWarpCollective(I) &&
          !is_contained(ExchangeWidths, laneBytesOf(I)))
        ExchangeWidths.push_back(laneBytesOf(I));
    llvm::sort(ExchangeWidths);
    // The lane's exchange slot, one array per width: a lane that has gone
    // on to its next cut publishes there while lanes of another warp still
    // wait at a cut of another width, whose slots it must not overlap.
    for (unsigned Bytes : ExchangeWidths)
      AddSlot(Bytes, Bytes);
    // Its snapshot, read after the cut: as wide as the widest slot, each
    // cut's packed at its own width (only its region reads it).
    AddSlot(ExchangeWidths.back(), ExchangeWidths.back());
    AddSlot(4, 4); // Arrival masks (one word per warp; a word per thread
                   // is the simple upper bound).
  }
  AddSlot(4, 4); // The thread's state.
  ScratchPerThread = alignTo(Offset, 16);
}

void KernelLowering::createBlockFunction() {
  Type *Ptr = PointerType::getUnqual(C);
  auto *FnTy = FunctionType::get(Type::getVoidTy(C), {Ptr, Ptr}, false);
  // Internal: reached only through the registration table, and a template
  // kernel instantiated in several translation units must not clash.
  Block = Function::Create(FnTy, GlobalValue::InternalLinkage,
                           tx::BlockFunctionPrefix + Kernel.getName(), M);
  Block->addFnAttr(Attribute::NoUnwind);
  // The kernel's vector width (PreferVectorWidth) is its thread loops'.
  if (Kernel.hasFnAttribute("prefer-vector-width"))
    Block->addFnAttr(Kernel.getFnAttribute("prefer-vector-width"));
  Block->addParamAttr(1, Attribute::NoAlias);
  Block->getArg(0)->setName("args");
  Block->getArg(1)->setName("ctx");
  Block->setSubprogram(Kernel.getSubprogram());
}

static Value *loadField(IRBuilder<> &B, Value *Ctx, Type *Ty, size_t Offset,
                        const Twine &Name) {
  Value *Addr = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Ctx, Offset);
  return B.CreateAlignedLoad(Ty, Addr, Align(4), Name);
}

/// The names of a dim3's dimensions, as PTX's special registers end.
static const char *const Axis[] = {"x", "y", "z"};

Value *tx::workitems::loadBlockDim(IRBuilder<> &B, Value *Ctx, unsigned D) {
  return loadField(B, Ctx, B.getInt32Ty(),
                   offsetof(TxBlockContext, BlockDim) + 4 * D,
                   Twine("ntid.") + Axis[D]);
}

void KernelLowering::emitEntry(IRBuilder<> &B) {
  Value *Args = Block->getArg(0);
  BV.Ctx = Block->getArg(1);
  for (Argument &Arg : Kernel.args()) {
    Value *Slot =
        B.CreateConstInBoundsGEP1_64(B.getPtrTy(), Args, Arg.getArgNo());
    Value *ArgPtr = B.CreateAlignedLoad(B.getPtrTy(), Slot, Align(8));
    Value *Loaded = Arg.hasByValAttr()
                        ? ArgPtr
                        : B.CreateAlignedLoad(Arg.getType(), ArgPtr, Align(1),
                                              Arg.getName());
    UniformMap[&Arg] = Loaded;
  }
  for (unsigned D = 0; D < 3; ++D) {
    unsigned Fixed = D == 0 ? FixedWidth : FixedRows[D - 1];
    BV.BlockDim[D] = Fixed ? B.getInt32(Fixed) : loadBlockDim(B, BV.Ctx, D);
    BV.BlockIdx[D] = loadField(B, BV.Ctx, B.getInt32Ty(),
                               offsetof(TxBlockContext, BlockIdx) + 4 * D,
                               Twine("ctaid.") + Axis[D]);
    BV.GridDim[D] = loadField(B, BV.Ctx, B.getInt32Ty(),
                              offsetof(TxBlockContext, GridDim) + 4 * D,
                              Twine("nctaid.") + Axis[D]);
  }
  if (RunsBlockSpans) {
    Value *Span = loadField(B, BV.Ctx, B.getInt32Ty(),
                            offsetof(TxBlockContext, BlockSpanX), "span.x");
    BV.SpanEndX = B.CreateAdd(BV.BlockIdx[0], Span, "span.end", true, true);
  }
  BV.SharedBase = loadField(B, BV.Ctx, B.getPtrTy(),
                            offsetof(TxBlockContext, SharedMem), "smem");
  Value *Threads = B.CreateMul(BV.BlockDim[0], BV.BlockDim[1]);
  Threads = B.CreateMul(Threads, BV.BlockDim[2]);
  BV.ThreadsPerBlock = B.CreateZExt(Threads, B.getInt64Ty(), "nthreads");
  BV.Next = B.CreateAlloca(B.getInt32Ty(), nullptr, "next.state");
  BV.Last = B.CreateAlloca(B.getInt32Ty(), nullptr, "last.state");
  BV.InStep = B.CreateAlloca(B.getInt1Ty(), nullptr, "in.step");
  B.CreateStore(B.getTrue(), BV.InStep);
  if (TracksLiveRange) {
    Type *I32 = B.getInt32Ty();
    BV.LiveLo = B.CreateAlloca(I32, nullptr, "live.lo");
    BV.LiveHi = B.CreateAlloca(I32, nullptr, "live.hi");
    BV.LiveCount = B.CreateAlloca(I32, nullptr, "live.count");
    BV.RangeLo = B.CreateAlloca(I32, nullptr, "range.lo");
    BV.RangeEnd = B.CreateAlloca(I32, nullptr, "range.end");
    BV.Is1D = B.CreateICmpEQ(B.CreateMul(BV.BlockDim[1], BV.BlockDim[2]),
                             B.getInt32(1), "block.1d");
  }

  if (!LaneUniformSlots.empty()) {
    Value *WholeWarps = B.CreateICmpEQ(
        B.CreateURem(BV.ThreadsPerBlock, B.getInt64(32)), B.getInt64(0));
    Value *LanesFollowX =
        B.CreateOr(B.CreateICmpEQ(B.CreateURem(BV.BlockDim[0], B.getInt32(32)),
                                  B.getInt32(0)),
                   B.CreateICmpEQ(B.CreateURem(B.getInt32(32), BV.BlockDim[0]),
                                  B.getInt32(0)));
    BV.AlignedWarps = B.CreateAnd(WholeWarps, LanesFollowX, "aligned.warps");
  }

  if (hasBarriers()) {
    BV.Scratch = loadField(B, BV.Ctx, B.getPtrTy(),
                           offsetof(TxBlockContext, Scratch), "scratch");
    for (const ScratchSlot &Slot : Slots) {
      Value *Offset = B.CreateMul(BV.ThreadsPerBlock, B.getInt64(Slot.Offset));
      BV.SlotBases.push_back(
          B.CreateInBoundsGEP(B.getInt8Ty(), BV.Scratch, Offset, "slot"));
    }
    BV.StateBase = BV.SlotBases.back();
    createCellFlags(B);
    if (hasWarpCollectives()) {
      // Exchanges, snapshot, masks, state: the last slots.
      size_t Snapshot = BV.SlotBases.size() - 3;
      BV.Exchanges.assign(BV.SlotBases.begin() + Snapshot -
                              ExchangeWidths.size(),
                          BV.SlotBases.begin() + Snapshot);
      BV.Snapshot = BV.SlotBases[Snapshot];
      BV.WarpMasks = BV.SlotBases[Snapshot + 1];
    }
  } else {
    // Without barriers the thread loop is the only loop: allocas stay on the
    // stack of the block function and are reused by every thread.
    for (AllocaInst *A : Allocas) {
      auto *Copy = cast<AllocaInst>(A->clone());
      B.Insert(Copy, A->getName());
      UniformMap[A] = Copy;
    }
  }

  for (Instruction *I : Uniform) {
    if (isa<CallInst>(I)) {
      UniformMap[I] = blockValueFor(*I);
      continue;
    }
    Instruction *Copy = I->clone();
    B.Insert(Copy, I->getName());
    for (Use &Op : Copy->operands())
      if (Value *Mapped = UniformMap.lookup(Op.get()))
        Op.set(Mapped);
    UniformMap[I] = Copy;
  }

  for (const BarrierSite &Site : Barriers) {
    AllocaInst *Red = nullptr, *Res = nullptr;
    if (isReduction(Site.Kind)) {
      Red = B.CreateAlloca(B.getInt32Ty(), nullptr, "barrier.acc");
      Res = B.CreateAlloca(B.getInt32Ty(), nullptr, "barrier.res");
      B.CreateStore(B.getInt32(Site.Kind == tx::BarrierKind::And), Red);
    }
    BV.Reductions.push_back(Red);
    BV.Results.push_back(Res);
  }
}

/// __launch_bounds__(max, min) as clang records it in !nvvm.annotations
/// ("maxntid{x,y,z}", "minctasm"); zeros when absent.
std::pair<uint32_t, uint32_t> KernelLowering::launchBounds() const {
  uint64_t MaxThreads = 0, MinBlocks = 0;
  NamedMDNode *Annotations = M.getNamedMetadata("nvvm.annotations");
  if (!Annotations)
    return {0, 0};
  for (MDNode *Node : Annotations->operands()) {
    if (Node->getNumOperands() < 3)
      continue;
    auto *FnMD = dyn_cast_or_null<ValueAsMetadata>(Node->getOperand(0).get());
    if (!FnMD || FnMD->getValue() != &Kernel)
      continue;
    for (unsigned I = 1; I + 1 < Node->getNumOperands(); I += 2) {
      auto *Key = dyn_cast<MDString>(Node->getOperand(I));
      auto *Value = mdconst::dyn_extract<ConstantInt>(Node->getOperand(I + 1));
      if (!Key || !Value)
        continue;
      if (Key->getString().starts_with("maxntid"))
        MaxThreads = (MaxThreads ? MaxThreads : 1) * Value->getZExtValue();
      else if (Key->getString() == "minctasm")
        MinBlocks = Value->getZExtValue();
    }
  }
  return {uint32_t(MaxThreads), uint32_t(MinBlocks)};
}

/// Describes the block function for KernelRegistration: !tx.kernels holds
/// !{ptr fn, !"name", i64 scratch, i32 flags, !{sizes...}, !{aligns...},
///   i32 maxThreads, i32 minBlocks, !{i64 staticShared, i64 dynamicOffset}}.
std::pair<uint64_t, uint32_t> KernelLowering::runtimeContract() const {
  return {ScratchPerThread,
          (hasBarriers() ? TX_KERNEL_HAS_BARRIERS : 0) |
              (WaitsForOtherBlocks ? TX_KERNEL_WAITS_FOR_BLOCKS : 0) |
              (RunsBlockSpans ? TX_KERNEL_RUNS_BLOCK_SPANS : 0)};
}

void KernelLowering::recordKernel() {
  auto I32MD = [&](uint64_t V) {
    return ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(C), V));
  };
  SmallVector<Metadata *, 8> Sizes, Aligns;
  for (Argument &Arg : Kernel.args()) {
    Type *Ty = Arg.hasByValAttr() ? Arg.getParamByValType() : Arg.getType();
    Align A = Arg.hasByValAttr()
                  ? Arg.getParamAlign().value_or(DL.getABITypeAlign(Ty))
                  : DL.getABITypeAlign(Ty);
    Sizes.push_back(I32MD(DL.getTypeAllocSize(Ty)));
    Aligns.push_back(I32MD(A.value()));
  }
  auto [MaxThreads, MinBlocks] = launchBounds();
  // No launch could honour such a bound: a block has at most 1024 threads.
  if (MaxThreads > 1024)
    C.diagnose(DiagnosticInfoUnsupported(
        Kernel,
        "__launch_bounds__ allows " + Twine(MaxThreads) +
            " threads per block, more than the 1024 a block can have",
        DiagnosticLocation(Kernel.getSubprogram())));
  if (!Kernel.getMetadata("tx.shared"))
    Kernel.setMetadata("tx.shared",
                       MDNode::get(C, {ConstantAsMetadata::get(ConstantInt::get(
                                           Type::getInt64Ty(C), 0)),
                                       ConstantAsMetadata::get(ConstantInt::get(
                                           Type::getInt64Ty(C), 0))}));
  auto [Scratch, Flags] = runtimeContract();
  Function *Recorded = Block;
  if (Merged) {
    Recorded = emitMergedSpans(*Block, *Merged);
    Scratch = std::max(Scratch, Merged->ScratchPerThread * Merged->Blocks);
    Flags |= Merged->Flags | TX_KERNEL_RUNS_BLOCK_SPANS;
  }
  Metadata *Ops[] = {
      ValueAsMetadata::get(Recorded),
      MDString::get(C, Kernel.getName()),
      ConstantAsMetadata::get(ConstantInt::get(Type::getInt64Ty(C), Scratch)),
      I32MD(Flags),
      MDNode::get(C, Sizes),
      MDNode::get(C, Aligns),
      I32MD(MaxThreads),
      I32MD(MinBlocks),
      Kernel.getMetadata("tx.shared")};
  M.getOrInsertNamedMetadata("tx.kernels")->addOperand(MDNode::get(C, Ops));
}

/// Some thread may return while others of its block go on to a barrier (a
/// block reduction whose last step only warp 0 runs): in some region, a
/// branch on a thread-dependent condition leads both to a return and to a
/// barrier. (Where the condition is uniform, as at the exit of a loop of
/// barriers, the threads go the same way.)
bool KernelLowering::mayReturnBeforeBarrier() {
  DenseSet<BasicBlock *> BarrierBlocks;
  for (const BarrierSite &Site : Barriers)
    BarrierBlocks.insert(Site.Block);
  DenseSet<Value *> Divergent = tx::findDivergentValues(Kernel);
  auto ReachesBoth = [&](BasicBlock *From) {
    bool Returns = false, Waits = false;
    SmallPtrSet<BasicBlock *, 16> Seen;
    SmallVector<BasicBlock *, 16> Work = {From};
    while (!Work.empty() && !(Returns && Waits)) {
      BasicBlock *BB = Work.pop_back_val();
      if (!Seen.insert(BB).second)
        continue;
      if (BarrierBlocks.contains(BB)) {
        Waits = true;
        continue;
      }
      Returns |= isa<ReturnInst>(BB->getTerminator());
      append_range(Work, successors(BB));
    }
    return Returns && Waits;
  };
  SmallVector<BasicBlock *, 8> Entries = {&Kernel.getEntryBlock()};
  for (const BarrierSite &Site : Barriers)
    Entries.push_back(Site.Continuation);
  for (BasicBlock *Entry : Entries)
    for (BasicBlock *BB : regionBlocks(Entry)) {
      auto *Branch = dyn_cast<BranchInst>(BB->getTerminator());
      Value *Cond = Branch && Branch->isConditional() ? Branch->getCondition()
                    : isa<SwitchInst>(BB->getTerminator())
                        ? cast<SwitchInst>(BB->getTerminator())->getCondition()
                        : nullptr;
      if (Cond && Divergent.contains(Cond) && ReachesBoth(BB))
        return true;
    }
  return false;
}

/// synccheck: when the threads are not all at one cut, the runtime looks at
/// where each waits (the per-thread states) and reports a block whose
/// threads wait at different __syncthreads(). The table gives, per state,
/// whether its cut is such a barrier, and its source position.
void KernelLowering::emitSyncCheck(IRBuilder<> &D, Value *Next, Value *Last) {
  Type *I32 = D.getInt32Ty();
  PointerType *Ptr = D.getPtrTy();
  StructType *EntryTy = StructType::get(C, {Ptr, I32, I32});
  SmallVector<Constant *, 8> Entries;
  StringMap<Constant *> Files;
  for (auto &[IsBlockBarrier, Loc] : BarrierSources) {
    std::string File;
    unsigned Line = 0;
    if (const DILocation *L = Loc.get()) {
      File = L->getFilename().str();
      if (!File.empty() && File[0] != '/' && !L->getDirectory().empty())
        File = (L->getDirectory() + "/" + File).str();
      Line = L->getLine();
    }
    Constant *&Name = Files[File];
    if (!Name)
      Name = D.CreateGlobalStringPtr(File, "synccheck.file", 0, &M);
    Entries.push_back(ConstantStruct::get(
        EntryTy, {Name, D.getInt32(Line), D.getInt32(IsBlockBarrier)}));
  }
  auto *TableTy = ArrayType::get(EntryTy, Entries.size());
  auto *Table = new GlobalVariable(
      M, TableTy, true, GlobalValue::PrivateLinkage,
      ConstantArray::get(TableTy, Entries), "synccheck.barriers");
  BasicBlock *Check = BasicBlock::Create(C, "synccheck", Block);
  BasicBlock *Continue = BasicBlock::Create(C, "dispatch.checked", Block);
  D.CreateCondBr(D.CreateICmpNE(Next, Last), Check, Continue,
                 MDBuilder(C).createUnlikelyBranchWeights());
  IRBuilder<> CB(Check);
  FunctionCallee Report = M.getOrInsertFunction(
      "__tx_synccheck_dispatch", D.getVoidTy(), Ptr, D.getInt64Ty(), Ptr, I32);
  CB.CreateCall(Report, {BV.StateBase, BV.ThreadsPerBlock, Table,
                         D.getInt32(Entries.size())});
  CB.CreateBr(Continue);
  D.SetInsertPoint(Continue);
}

/// racecheck: a new barrier interval begins (a block starts, or its threads
/// passed a cut); accesses of different intervals never race.
void KernelLowering::emitRaceInterval(IRBuilder<> &B) {
  B.CreateCall(M.getOrInsertFunction("__tx_racecheck_interval", B.getVoidTy()));
}

/// Blocks whose warps do not line up run the general versions of the
/// regions even in step (their lane-uniform slots are not uniform), which
/// read the threads' states: those in step did not store theirs (see
/// emitRegion), so they are stored here. Returns the new InStep.
Value *KernelLowering::keepOutOfStepUnlessAligned(IRBuilder<> &D, Value *InStep,
                                                  Value *Next) {
  Value *First = D.getInt64(0), *End = BV.ThreadsPerBlock;
  if (BV.LiveLo) {
    // In step, the live threads are [live.lo, live.hi] (all of them, in a
    // block of more than one dimension).
    First =
        D.CreateZExt(D.CreateLoad(D.getInt32Ty(), BV.LiveLo), D.getInt64Ty());
    End = D.CreateAdd(
        D.CreateZExt(D.CreateLoad(D.getInt32Ty(), BV.LiveHi), D.getInt64Ty()),
        D.getInt64(1));
  }
  // A warp some of whose threads returned votes over the others only (a
  // full-mask ballot is legal there): its lanes no longer line up.
  Value *Aligned = BV.AlignedWarps;
  if (BV.LiveCount)
    Aligned = D.CreateAnd(
        Aligned,
        D.CreateICmpEQ(D.CreateZExt(D.CreateLoad(D.getInt32Ty(), BV.LiveCount),
                                    D.getInt64Ty()),
                       BV.ThreadsPerBlock));
  Value *Unaligned = D.CreateAnd(InStep, D.CreateNot(Aligned));
  storeStates(D, Unaligned, First, End, Next, "unaligned.states",
              "unaligned.stored");
  return D.CreateAnd(InStep, Aligned);
}

/// After a region: the next region is the smallest state a thread is in.
/// The threads are in step when they all are in it; with live-range
/// tracking, when all threads that have not returned are, and they form
/// one contiguous range of a one-dimensional block (or are all threads),
/// which the next region's loops then run alone.
void KernelLowering::emitDispatch(IRBuilder<> &D, BasicBlock *Done,
                                  ArrayRef<BasicBlock *> Preheaders) {
  Type *I32 = D.getInt32Ty();
  Value *Next = D.CreateLoad(I32, BV.Next, "next");
  Value *Last = D.CreateLoad(I32, BV.Last, "last");
  if (SyncChecks)
    emitSyncCheck(D, Next, Last);
  if (RaceChecks)
    emitRaceInterval(D);
  Value *InStep = D.CreateICmpEQ(Next, Last);
  if (BV.LiveLo) {
    Value *Lo = D.CreateLoad(I32, BV.LiveLo, "live.lo");
    Value *Hi = D.CreateLoad(I32, BV.LiveHi, "live.hi");
    Value *Count = D.CreateLoad(I32, BV.LiveCount, "live.count");
    Value *Dense = D.CreateICmpEQ(
        Count, D.CreateAdd(D.CreateSub(Hi, Lo), D.getInt32(1)), "dense");
    Value *All = D.CreateICmpEQ(Count, D.CreateTrunc(BV.ThreadsPerBlock, I32));
    InStep = D.CreateAnd(InStep, D.CreateAnd(Dense, D.CreateOr(BV.Is1D, All)));
    Value *Narrow = D.CreateAnd(InStep, BV.Is1D, "narrow");
    D.CreateStore(D.CreateSelect(Narrow, Lo, D.getInt32(0)), BV.RangeLo);
    D.CreateStore(
        D.CreateSelect(Narrow, D.CreateAdd(Hi, D.getInt32(1)), BV.BlockDim[0]),
        BV.RangeEnd);
  }
  if (BV.AlignedWarps)
    InStep = keepOutOfStepUnlessAligned(D, InStep, Next);
  D.CreateStore(InStep, BV.InStep);
  SwitchInst *Switch = D.CreateSwitch(Next, Done, Barriers.size());
  for (unsigned R = 1; R <= Barriers.size(); ++R)
    Switch->addCase(D.getInt32(R), Preheaders[R]);
  Switch->setMetadata(tx::DispatchMetadata, MDNode::get(C, {}));
}

bool tx::isBlockFunction(const Function &F) {
  return !F.isDeclaration() && F.getName().starts_with(tx::BlockFunctionPrefix);
}

Function *KernelLowering::run() {
  // A by-value parameter points into the launch's argument buffer, which
  // all threads share: a thread that writes it needs its own copy. (In
  // txcc's pipeline CopyByValArguments made those copies already; this
  // serves kernels lowered without it.)
  tx::copyWrittenByValArguments(Kernel);
  WaitsForOtherBlocks = tx::waitsForOtherBlocks(Kernel);
  RunsBlockSpans = canRunBlockSpans();
  WrapsRows = !readsRowIndex() &&
              (RowsWrapAtAnySize ||
               Kernel.getInstructionCount() > MaxAffineRowsInstructions);
  dropTypeAliasingAcrossCuts();
  tagThreadParallelAccesses();
  rematerialiseThreadIndex();
  hoistUniformValues();
  splitAtBarriers();
  // Decided on the SSA form: demoted values read like thread-dependent ones.
  TracksLiveRange = hasBarriers() && mayReturnBeforeBarrier();
  if (hasBarriers())
    demoteValuesLiveAcrossBarriers();
  if (!collectAllocas())
    return nullptr;
  layoutScratch();
  createBlockFunction();

  auto *EntryBB = BasicBlock::Create(C, "entry", Block);
  IRBuilder<> B(EntryBB);
  emitEntry(B);
  if (RaceChecks)
    emitRaceInterval(B);

  AlwaysInStep = staysInStep();
  auto *Dispatch = BasicBlock::Create(C, "dispatch", Block);
  // Each region's loops end in a block of its own, which goes on to the
  // dispatch (or, in a block that stays in step, to the next region).
  SmallVector<BasicBlock *, 4> Preheaders, Exits;
  for (unsigned R = 0; R <= Barriers.size(); ++R) {
    Exits.push_back(BasicBlock::Create(C, "r" + Twine(R) + ".next", Block));
    BranchInst::Create(Dispatch, Exits.back());
    Preheaders.push_back(emitRegion(R, Exits.back()));
  }
  B.CreateBr(Preheaders[0]);

  IRBuilder<> D(Dispatch);
  auto *Done = BasicBlock::Create(C, "done", Block);
  ReturnInst::Create(C, Done);
  if (!hasBarriers()) {
    D.CreateBr(Done);
  } else if (AlwaysInStep) {
    linkRegionsInStep(Exits, Preheaders, Done);
    assert(pred_empty(Dispatch) && "a region still goes to the dispatch");
    Dispatch->eraseFromParent();
  } else {
    emitDispatch(D, Done, Preheaders);
  }
  addSlotAliasScopes();
  if (!FixedWidth && !IsTwin)
    recordKernel();
  return Block;
}

/// After lowering, no barrier is left for convergence to protect; dropping
/// the attribute frees the optimiser (unswitching, vectorisation).
static void dropConvergence(Module &M) {
  for (Function &F : M) {
    F.removeFnAttr(Attribute::Convergent);
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        Call->removeFnAttr(Attribute::Convergent);
  }
}

/// Barrier functions were inlined into every kernel that calls them; an
/// out-of-line copy left behind is either dead (dropped) or reached in a way
/// inlining cannot follow (a call through a pointer, another translation
/// unit), where the barrier cannot be honoured: such a call traps with an
/// explanation instead of misbehaving.
static void removeOutOfLineBarriers(Module &M) {
  for (Function &F : make_early_inc_range(M)) {
    if (F.isDeclaration())
      continue;
    SmallVector<Instruction *, 4> Barriers;
    for (Instruction &I : instructions(F))
      if (tx::isBarrier(I))
        Barriers.push_back(&I);
    if (Barriers.empty())
      continue;
    if (F.use_empty()) {
      F.eraseFromParent();
      continue;
    }
    FunctionCallee Trap =
        M.getOrInsertFunction("__tx_trap", Type::getVoidTy(M.getContext()),
                              PointerType::getUnqual(M.getContext()));
    for (Instruction *Barrier : Barriers) {
      IRBuilder<> B(Barrier);
      B.CreateCall(Trap, {B.CreateGlobalStringPtr(
                             "__syncthreads() reached through a call that "
                             "could not be inlined into its kernel")});
      if (!Barrier->getType()->isVoidTy())
        Barrier->replaceAllUsesWith(PoisonValue::get(Barrier->getType()));
      Barrier->eraseFromParent();
    }
  }
}

PreservedAnalyses tx::WorkItemLoopsPass::run(Module &M,
                                             ModuleAnalysisManager &) {
  SmallVector<Function *, 8> Kernels = getKernels(M);
  if (Kernels.empty())
    return PreservedAnalyses::all();
  // A merged twin is lowered (and erased) with its kernel.
  SmallPtrSet<Function *, 4> Twins;
  for (Function *Kernel : Kernels)
    if (Kernel->hasFnAttribute(tx::MergesBlocksAttr))
      Twins.insert(Kernel);
  for (Function *Kernel : Kernels) {
    if (Twins.contains(Kernel))
      continue;
    Function *ForWidth = cloneForLaunchWidth(*Kernel);
    KernelLowering Lowering(*Kernel, SyncChecks, RaceChecks);
    if (GeneralVersions)
      Lowering.keepGeneralVersions();
    if (WrappedRows)
      Lowering.wrapRowsAtAnySize();
    // A kernel that runs block spans of its own (rows of a 2-D tile)
    // keeps them, and one whose blocks wait for others runs one block at a
    // time: their twins are dropped unlowered.
    if (Function *Twin = mergedTwinOf(*Kernel)) {
      std::optional<MergedSpans> Merged;
      if (!Lowering.canRunBlockSpans() && !tx::waitsForOtherBlocks(*Kernel))
        Merged = lowerMergedTwin(*Twin, Lowering, SyncChecks, RaceChecks);
      else
        Twin->eraseFromParent(); // Unused: the pass made it.
      if (Merged)
        Lowering.setMergedSpans(*Merged);
    }
    Function *Block = Lowering.run();
    if (ForWidth && Block) {
      lowerForLaunchWidth(*ForWidth, Lowering, *Block, SyncChecks, RaceChecks);
    } else if (ForWidth) {
      ForWidth->eraseFromParent();
    }
    if (!Block)
      continue;
    ++NumKernels;
    Kernel->replaceAllUsesWith(PoisonValue::get(Kernel->getType()));
    Kernel->eraseFromParent();
  }
  removeOutOfLineBarriers(M);
  dropRowPrefetchRequests(M);
  if (SyncChecks)
    tx::announceCheckTool(M, "synccheck");
  for (const char *Name :
       {ArriveName, ResultName, WarpArriveName, tx::WarpArriveWideName})
    if (Function *F = M.getFunction(Name))
      if (F->use_empty())
        F->eraseFromParent();
  dropConvergence(M);
  return PreservedAnalyses::none();
}
