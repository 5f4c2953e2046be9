//===- MergeBlocks.cpp - Neighbouring blocks of a grid-stride kernel as one
//===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A grid-stride loop over a fixed grid
//
//   for (i = blockIdx.x * blockDim.x + threadIdx.x; i < n;
//        i += gridDim.x * blockDim.x)
//
// makes each block read blockDim.x elements of an array per round (1 KiB
// for 256 floats), then jump a whole grid. ImplicitLoopBarriers runs each
// round as a loop over the block's threads, so a CPU worker reads 1 KiB,
// then 1 KiB a grid further on, and so on: short pieces that the hardware
// prefetchers do not follow. The next block the worker runs reads the
// pieces right after this block's. Run together, round by round, a few
// neighbouring blocks read one longer piece per round (bench dot, written
// by hand in C++ on the AMD EPYC of bench/README: 9.7 ms one block at a
// time, 6.4 ms four blocks together, against OpenMP's 5.4).
//
// This pass gives such a kernel a twin that runs Blocks neighbouring
// blocks along x as one block of up to 1024 threads: the kernel's launch
// block W x H x D (the constant block the host code launches it with,
// LaunchWidths.h) becomes (Blocks * W) x H x D, with Blocks = 1024 /
// (W * H * D) at least 2. In the twin, thread (t, y, z) of the merged block
// is thread (t % W, y, z) of block blockIdx.x + t / W, so that
//
//   threadIdx.x -> t % W     blockIdx.x -> blockIdx.x + t / W
//   blockDim.x  -> W         and blockIdx.x * blockDim.x + threadIdx.x
//                                  -> blockIdx.x * W + t
//
// where blockIdx.x and t are the merged block's. The grid-stride loop's
// index stays the sum of a uniform lead and the thread index, so the
// rounds become rows of Blocks * W threads. Blocks of several rows are
// merged where a loop reads memory at addresses computed from threadIdx.x
// (a naive matrix product's k loop, which ImplicitLoopBarriers runs
// outside the thread loops: each k reads a 64-byte piece of B's row k per
// 16x16 block, then the next k's piece 2 KiB further on; merged, a
// 256-byte piece of four blocks: bench matmul_naive 0.66x the time on
// the AMD EPYC of bench/README, paired). WorkItemLoops lowers the twin beside
// its kernel, and the block function it records for the kernel runs spans of
// blocks (TX_KERNEL_RUNS_BLOCK_SPANS): Blocks at a time through the twin where
// the running block is the launch block, one at a time through the kernel's own
// block function otherwise (MergedBlockSpans.cpp). A kernel that runs spans of
// its own (rows of a 2-D tile without barriers) keeps those.
//
// Merging is only allowed where the blocks cannot tell. A barrier of the
// merged block waits for more threads than the program's, which changes
// nothing as long as each block's own threads reach the same barriers,
// which CUDA asks of them. Not where a barrier's being reached depends on
// blockIdx.x, though (a loop of blockIdx.x % 3 rounds of __syncthreads()):
// the merged block's threads would reach it apart, which the lowering's
// account of threads in step does not expect of a barrier the program's
// blocks reach whole. Warp collectives need W a multiple of 32, so
// that each warp of the merged block is a warp of one block. Not
// merged: kernels with shared memory (each block has its own), counting
// barriers (__syncthreads_count/and/or count over one block), blocks that
// wait for other blocks, and calls other than intrinsics and pure C
// library functions (a device function that was not inlined, printf or
// assert read the block index from the runtime's context). Kernels built
// with checks are never merged: the checkers report blocks by the
// context's index, and synccheck would see the blocks' barriers as one.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "LaunchWidths.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"

#include <optional>
#include <string>

using namespace llvm;
using namespace llvm::PatternMatch;

#define DEBUG_TYPE "tx-merge-blocks"

STATISTIC(NumMerged, "Kernels given a twin that runs neighbouring blocks");

/// The merged block's threads: CUDA's largest block, which every part of
/// the lowering is built for.
static constexpr unsigned MergedThreads = 1024;

/// Operand depth up to which a grid-stride step is traced to gridDim.x.
static constexpr unsigned MaxStepDepth = 4;
/// Operand depth up to which an address is traced to threadIdx.x.
static constexpr unsigned MaxIndexDepth = 6;

static Intrinsic::ID intrinsicOf(const Instruction &I) {
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee ? Callee->getIntrinsicID() : Intrinsic::not_intrinsic;
}

static bool readsGridDimX(const Value *V, unsigned Depth = 0) {
  const auto *I = dyn_cast<Instruction>(V);
  if (!I)
    return false;
  if (intrinsicOf(*I) == Intrinsic::nvvm_read_ptx_sreg_nctaid_x)
    return true;
  if (Depth == MaxStepDepth || !(isa<BinaryOperator>(I) || isa<CastInst>(I)))
    return false;
  return any_of(I->operands(),
                [&](const Value *Op) { return readsGridDimX(Op, Depth + 1); });
}

/// Some loop of F steps a value by an amount computed from gridDim.x: a
/// grid-stride loop, whose rounds merging makes longer.
static bool hasGridStrideLoop(Function &F) {
  for (BasicBlock &BB : F)
    for (PHINode &Phi : BB.phis())
      for (Value *In : Phi.incoming_values()) {
        Value *Step = nullptr;
        if (match(In, m_c_Add(m_Specific(&Phi), m_Value(Step))) &&
            readsGridDimX(Step))
          return true;
      }
  return false;
}

/// A call the merged blocks cannot tell apart from their own: a plain
/// barrier or warp collective, an intrinsic, a pure C library function.
static bool isMergeableCall(const CallBase &Call) {
  tx::BarrierKind Kind;
  if (tx::isBarrier(Call, &Kind))
    return Kind == tx::BarrierKind::Plain || Kind == tx::BarrierKind::Warp;
  const Function *Callee = Call.getCalledFunction();
  if (!Callee)
    return false;
  if (Callee->isIntrinsic())
    return true;
  return tx::isCLibraryFunction(Callee->getName()) && Callee->onlyReadsMemory();
}

/// A warp collective, or a warp's matrix fragment operation (WMMA loads,
/// stores and products lay a tile out over the lanes of a warp).
static bool isWarpLevel(const Instruction &I) {
  if (tx::isWarpCollective(I) || tx::isWarpMatrixProduct(I))
    return true;
  const auto *Call = dyn_cast<CallInst>(&I);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  if (!Callee)
    return false;
  StringRef Name = Callee->getName();
  return Name.starts_with("llvm.nvvm.wmma.") ||
         Name.starts_with("llvm.nvvm.ldmatrix.") ||
         Name.starts_with("llvm.nvvm.mma.");
}

static bool readsRuntimeContext(const Instruction &I) {
  return any_of(I.operands(), [](const Value *Op) {
    const auto *Global = dyn_cast<GlobalVariable>(Op);
    return Global && Global->getName() == tx::CurrentBlockName;
  });
}

static bool dependsOnThreadX(const Value *V, unsigned Depth = 0) {
  const auto *I = dyn_cast<Instruction>(V);
  if (!I)
    return false;
  if (intrinsicOf(*I) == Intrinsic::nvvm_read_ptx_sreg_tid_x)
    return true;
  if (Depth == MaxIndexDepth || !(isa<BinaryOperator>(I) || isa<CastInst>(I) ||
                                  isa<GetElementPtrInst>(I)))
    return false;
  return any_of(I->operands(), [&](const Value *Op) {
    return dependsOnThreadX(Op, Depth + 1);
  });
}

/// Some loop of F reads memory at an address computed from threadIdx.x:
/// in blocks of several rows, a loop whose rounds merging makes longer
/// (a naive matrix product's k loop reads a piece of B's row k per block).
static bool hasLoopReadingRows(Function &F) {
  DominatorTree DT(F);
  LoopInfo LI(DT);
  for (Loop *L : LI.getLoopsInPreorder())
    for (BasicBlock *BB : L->blocks())
      for (Instruction &I : *BB)
        if (auto *Load = dyn_cast<LoadInst>(&I);
            Load && dependsOnThreadX(Load->getPointerOperand()))
          return true;
  return false;
}

/// Values F computes from blockIdx.x: its users, and the phis that merge
/// the ways of a branch on such a value. In the twin they differ between
/// the threads of a merged block.
static SmallPtrSet<const Value *, 32>
valuesFromBlockIndex(Function &F, const PostDominatorTree &PDT) {
  SmallPtrSet<const Value *, 32> FromBlock;
  SmallVector<const Value *, 16> Work;
  for (Instruction &I : instructions(F))
    if (intrinsicOf(I) == Intrinsic::nvvm_read_ptx_sreg_ctaid_x) {
      FromBlock.insert(&I);
      Work.push_back(&I);
    }
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users())
      if (FromBlock.insert(U).second)
        Work.push_back(U);
    // A branch on V: the phis where its ways meet choose by it.
    const auto *Branch = dyn_cast<Instruction>(V);
    if (!Branch || !Branch->isTerminator())
      continue;
    const DomTreeNode *Node = PDT.getNode(Branch->getParent());
    const DomTreeNode *Join = Node ? Node->getIDom() : nullptr;
    if (!Join || !Join->getBlock())
      continue;
    for (const PHINode &Phi : Join->getBlock()->phis())
      if (FromBlock.insert(&Phi).second)
        Work.push_back(&Phi);
  }
  return FromBlock;
}

/// Some barrier or warp collective of F is reached or not by a block's
/// threads depending on blockIdx.x (a loop of blockIdx.x % 3 rounds of
/// __syncthreads()). CUDA has each block's threads all reach it or none,
/// but in the twin the threads of a merged block would reach it apart,
/// which the lowering's account of threads in step does not expect.
static bool hasBarrierUnderBlockBranch(Function &F) {
  PostDominatorTree PDT(F);
  SmallPtrSet<const Value *, 32> FromBlock = valuesFromBlockIndex(F, PDT);
  for (BasicBlock &BB : F) {
    Instruction *Term = BB.getTerminator();
    if (Term->getNumSuccessors() < 2 || !FromBlock.contains(Term))
      continue;
    const DomTreeNode *Node = PDT.getNode(&BB);
    const DomTreeNode *Join = Node ? Node->getIDom() : nullptr;
    BasicBlock *Stop = Join ? Join->getBlock() : nullptr;
    // The blocks between the branch and where its ways meet.
    SmallPtrSet<BasicBlock *, 16> Seen;
    SmallVector<BasicBlock *, 16> Work(succ_begin(&BB), succ_end(&BB));
    while (!Work.empty()) {
      BasicBlock *Next = Work.pop_back_val();
      if (Next == Stop || !Seen.insert(Next).second)
        continue;
      if (any_of(*Next, [](const Instruction &I) { return tx::isBarrier(I); }))
        return true;
      append_range(Work, successors(Next));
    }
  }
  return false;
}

namespace {
/// The block a kernel's launches use (LaunchWidths.h) and how many of them
/// a merged block runs.
struct MergedShape {
  unsigned Width = 0, Rows = 1, Layers = 1;
  unsigned Blocks = 0;
};
} // namespace

/// The merge for Kernel's launch block, if it has one: as many blocks as
/// fit 1024 threads, at least two, along x. Warp collectives need each row
/// to be whole warps, so that a warp of the merged block is one of a block.
static std::optional<MergedShape> mergedShapeOf(const Function &Kernel,
                                                bool HasWarpCollectives) {
  MergedShape Shape;
  Attribute Width = Kernel.getFnAttribute(tx::LaunchWidthAttr);
  if (!Width.isValid() ||
      Width.getValueAsString().getAsInteger(10, Shape.Width) || !Shape.Width)
    return std::nullopt;
  if (Attribute Rows = Kernel.getFnAttribute(tx::LaunchRowsAttr);
      Rows.isValid()) {
    auto [Y, Z] = Rows.getValueAsString().split(',');
    if (Y.getAsInteger(10, Shape.Rows) || Z.getAsInteger(10, Shape.Layers) ||
        !tx::isLaunchableBlock(Shape.Width, Shape.Rows, Shape.Layers))
      return std::nullopt;
  }
  if (HasWarpCollectives && Shape.Width % 32 != 0)
    return std::nullopt;
  Shape.Blocks = MergedThreads / (Shape.Width * Shape.Rows * Shape.Layers);
  if (Shape.Blocks < 2)
    return std::nullopt;
  return Shape;
}

static std::optional<MergedShape> mergeableShape(Function &Kernel) {
  if (tx::staticSharedBytes(Kernel) != 0 || tx::waitsForOtherBlocks(Kernel))
    return std::nullopt;
  bool HasWarpCollectives = false;
  for (Instruction &I : instructions(Kernel)) {
    if (readsRuntimeContext(I))
      return std::nullopt;
    auto *Call = dyn_cast<CallBase>(&I);
    if (Call && (tx::isSharedBaseCall(Call) || !isMergeableCall(*Call)))
      return std::nullopt;
    HasWarpCollectives |= isWarpLevel(I);
  }
  std::optional<MergedShape> Shape = mergedShapeOf(Kernel, HasWarpCollectives);
  if (!Shape)
    return std::nullopt;
  bool OneRow = Shape->Rows * Shape->Layers == 1;
  if (!hasGridStrideLoop(Kernel) && (OneRow || !hasLoopReadingRows(Kernel)))
    return std::nullopt;
  if (hasBarrierUnderBlockBranch(Kernel))
    return std::nullopt;
  return Shape;
}

namespace {
/// Rewrites the twin's reads of the block's x geometry (see the file
/// comment).
class IndexRewriter {
public:
  IndexRewriter(Function &Twin, unsigned Width)
      : Twin(Twin), M(*Twin.getParent()), Width(Width) {}
  void run();

private:
  Function &Twin;
  Module &M;
  unsigned Width;
  SmallVector<CallInst *, 4> ThreadReads, BlockReads, DimReads;

  Value *read(IRBuilder<> &B, Intrinsic::ID ID) {
    return B.CreateCall(Intrinsic::getDeclaration(&M, ID));
  }
  Value *mergedThread(IRBuilder<> &B) {
    return read(B, Intrinsic::nvvm_read_ptx_sreg_tid_x);
  }
  void collectReads();
  void rewriteGlobalIndices();
  void rewriteRemainingReads();
};
} // namespace

void IndexRewriter::collectReads() {
  for (Instruction &I : instructions(Twin)) {
    switch (intrinsicOf(I)) {
    case Intrinsic::nvvm_read_ptx_sreg_tid_x:
      ThreadReads.push_back(cast<CallInst>(&I));
      break;
    case Intrinsic::nvvm_read_ptx_sreg_ctaid_x:
      BlockReads.push_back(cast<CallInst>(&I));
      break;
    case Intrinsic::nvvm_read_ptx_sreg_ntid_x:
      DimReads.push_back(cast<CallInst>(&I));
      break;
    default:
      break;
    }
  }
}

/// blockIdx.x * blockDim.x + threadIdx.x, each term possibly zero-extended,
/// becomes blockIdx.x * W + t, so that later passes still see a uniform
/// lead plus the thread index.
void IndexRewriter::rewriteGlobalIndices() {
  auto IsRead = [](ArrayRef<CallInst *> Reads) {
    return [Reads](Value *V) { return is_contained(Reads, V); };
  };
  SmallVector<Instruction *, 4> Sums;
  for (Instruction &I : instructions(Twin)) {
    Value *Block = nullptr, *Dim = nullptr, *Thread = nullptr;
    if (!match(&I, m_c_Add(m_c_Mul(m_ZExtOrSelf(m_Value(Block)),
                                   m_ZExtOrSelf(m_Value(Dim))),
                           m_ZExtOrSelf(m_Value(Thread)))))
      continue;
    if (IsRead(BlockReads)(Dim) && IsRead(DimReads)(Block))
      std::swap(Block, Dim);
    if (IsRead(BlockReads)(Block) && IsRead(DimReads)(Dim) &&
        IsRead(ThreadReads)(Thread))
      Sums.push_back(&I);
  }
  for (Instruction *Sum : Sums) {
    IRBuilder<> B(Sum);
    Type *Ty = Sum->getType();
    Value *Lead = B.CreateMul(
        B.CreateZExt(read(B, Intrinsic::nvvm_read_ptx_sreg_ctaid_x), Ty),
        ConstantInt::get(Ty, Width));
    Value *Index = B.CreateAdd(Lead, B.CreateZExt(mergedThread(B), Ty));
    Index->takeName(Sum);
    Sum->replaceAllUsesWith(Index);
    Sum->eraseFromParent();
  }
}

void IndexRewriter::rewriteRemainingReads() {
  for (CallInst *Read : DimReads)
    Read->replaceAllUsesWith(ConstantInt::get(Read->getType(), Width));
  for (CallInst *Read : ThreadReads) {
    IRBuilder<> B(Read);
    Value *T = mergedThread(B);
    Read->replaceAllUsesWith(
        isPowerOf2_32(Width)
            ? B.CreateAnd(T, Width - 1, "tid.x.merged")
            : B.CreateURem(T, B.getInt32(Width), "tid.x.merged"));
  }
  for (CallInst *Read : BlockReads) {
    IRBuilder<> B(Read);
    Value *Offset = B.CreateUDiv(mergedThread(B), B.getInt32(Width));
    Read->replaceAllUsesWith(
        B.CreateAdd(read(B, Intrinsic::nvvm_read_ptx_sreg_ctaid_x), Offset,
                    "ctaid.x.merged", /*HasNUW=*/true));
  }
  for (ArrayRef<CallInst *> Reads :
       {ArrayRef(DimReads), ArrayRef(ThreadReads), ArrayRef(BlockReads)})
    for (CallInst *Read : Reads)
      if (Read->use_empty())
        Read->eraseFromParent();
}

void IndexRewriter::run() {
  collectReads();
  rewriteGlobalIndices();
  // The sums' reads may have no other uses left.
  for (SmallVectorImpl<CallInst *> *Reads :
       {&ThreadReads, &BlockReads, &DimReads})
    erase_if(*Reads, [](CallInst *Read) {
      if (!Read->use_empty())
        return false;
      Read->eraseFromParent();
      return true;
    });
  rewriteRemainingReads();
  // The old sums' products are left without uses.
  SmallVector<WeakTrackingVH, 16> Dead;
  for (Instruction &I : instructions(Twin))
    if (isInstructionTriviallyDead(&I))
      Dead.push_back(&I);
  RecursivelyDeleteTriviallyDeadInstructions(Dead);
}

static void markKernel(Function &F) {
  Module &M = *F.getParent();
  LLVMContext &C = M.getContext();
  Metadata *Ops[] = {
      ValueAsMetadata::get(&F), MDString::get(C, "kernel"),
      ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(C), 1))};
  M.getOrInsertNamedMetadata("nvvm.annotations")
      ->addOperand(MDNode::get(C, Ops));
}

static void mergeBlocksOf(Function &Kernel, const MergedShape &Shape) {
  ValueToValueMapTy VMap;
  Function *Twin = CloneFunction(&Kernel, VMap);
  Twin->setName(Kernel.getName() + ".merged");
  Twin->setLinkage(GlobalValue::InternalLinkage);
  Twin->addFnAttr(tx::LaunchWidthAttr,
                  std::to_string(Shape.Blocks * Shape.Width));
  Twin->addFnAttr(tx::MergesBlocksAttr, std::to_string(Shape.Blocks));
  Kernel.addFnAttr(tx::MergedTwinAttr, Twin->getName());
  markKernel(*Twin);
  IndexRewriter(*Twin, Shape.Width).run();
  ++NumMerged;
}

PreservedAnalyses tx::MergeBlocksPass::run(Module &M, ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function *Kernel : getKernels(M)) {
    if (std::optional<MergedShape> Shape = mergeableShape(*Kernel)) {
      mergeBlocksOf(*Kernel, *Shape);
      Changed = true;
    }
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
