//===- SplitBlockStreams.cpp - One sweep per stretch a block reads --------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A reduction kernel's first step reads two stretches of its block's input:
//
//   if (base + t < n)              sum  = in[base + t];
//   if (base + t + blockDim.x < n) sum += in[base + t + blockDim.x];
//
// WorkItemLoops runs both statements in one loop over the block's threads,
// so the CPU reads the two stretches interleaved, a vector from each in
// turn: two short streams per block, a stretch apart, which the hardware
// prefetchers follow poorly (on Zen 4 half the bandwidth of reading the
// same bytes in order, measured with a plain C++ loop). A CPU programmer
// writes one loop per stretch.
//
// This pass gives such code the same shape: it puts an implicit barrier
// between two loads of one array whose indices depend on the thread and
// differ by a uniform amount that is not a small constant (a stretch
// apart), so that each load gets a thread loop of its own.
// The barrier goes at the start of a block every thread of the block runs
// (one that post-dominates the kernel's entry, outside loops), where
// adding a barrier cannot change what a CUDA program computes; the values
// live across it take a scratch slot per thread. Loads in loops are
// ImplicitLoopBarriers' business.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "DivergenceAnalysis.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-split-block-streams"

STATISTIC(NumSplits, "Implicit barriers between stretches of a block's reads");

/// Each split adds a region and scratch traffic for the values live across
/// it; a kernel's first reads are where stretches meet, and a few suffice.
static constexpr unsigned MaxSplitsPerKernel = 4;

/// Offsets below this many elements are the same stretch (neighbours of a
/// stencil, a thread's pair of values), read together.
static constexpr int64_t NearElements = 64;

namespace {
/// A load of array[index] where the index depends on the thread.
struct StreamLoad {
  LoadInst *Load;
  Value *Base;  ///< The array.
  Value *Index; ///< The index, extensions stripped.
  unsigned Segment;
};
} // namespace

static Value *stripExtensions(Value *V) {
  while (isa<ZExtInst>(V) || isa<SExtInst>(V))
    V = cast<CastInst>(V)->getOperand(0);
  return V;
}

/// A thread-dependent load through a one-index GEP.
static std::optional<StreamLoad>
asStreamLoad(LoadInst &Load, const DenseSet<Value *> &Divergent) {
  auto *GEP = dyn_cast<GetElementPtrInst>(Load.getPointerOperand());
  if (!GEP || GEP->getNumIndices() != 1 ||
      Divergent.contains(GEP->getPointerOperand()) ||
      !Divergent.contains(GEP->getOperand(1)))
    return std::nullopt;
  return StreamLoad{&Load, GEP->getPointerOperand(),
                    stripExtensions(GEP->getOperand(1)), 0};
}

/// Second's index is First's plus a uniform amount that is not a small
/// constant: the same array, another stretch.
static bool isOtherStretch(const StreamLoad &First, const StreamLoad &Second,
                           const DenseSet<Value *> &Divergent) {
  if (First.Base != Second.Base)
    return false;
  auto *Add = dyn_cast<BinaryOperator>(Second.Index);
  if (!Add || Add->getOpcode() != Instruction::Add)
    return false;
  for (unsigned Op = 0; Op < 2; ++Op) {
    Value *Same = Add->getOperand(Op), *Offset = Add->getOperand(1 - Op);
    if (Same != First.Index || Divergent.contains(Offset))
      continue;
    auto *Constant = dyn_cast<ConstantInt>(Offset);
    if (!Constant || Constant->getValue().abs().sge(NearElements))
      return true;
  }
  return false;
}

/// The blocks every thread passes through, in order: the chain of
/// post-dominators of the entry, outside loops.
static SmallVector<BasicBlock *, 8>
commonBlocks(Function &F, PostDominatorTree &PDT, LoopInfo &LI) {
  SmallVector<BasicBlock *, 8> Chain;
  for (DomTreeNode *Node = PDT.getNode(&F.getEntryBlock());
       Node && Node->getBlock(); Node = Node->getIDom())
    if (!LI.getLoopFor(Node->getBlock()))
      Chain.push_back(Node->getBlock());
  return Chain;
}

static bool splitKernel(Function &F, FunctionCallee Barrier,
                        FunctionAnalysisManager &FAM) {
  DominatorTree &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  PostDominatorTree &PDT = FAM.getResult<PostDominatorTreeAnalysis>(F);
  LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
  SmallVector<BasicBlock *, 8> Chain = commonBlocks(F, PDT, LI);
  if (Chain.size() < 2)
    return false;
  DenseSet<Value *> Divergent = tx::findDivergentValues(F);

  // Each load's segment: the last common block that dominates it.
  SmallVector<StreamLoad, 8> Loads;
  SmallVector<unsigned, 8> BarrierSegments;
  for (BasicBlock &BB : F) {
    if (LI.getLoopFor(&BB))
      continue;
    unsigned Segment = 0;
    for (unsigned K = 0; K < Chain.size(); ++K)
      if (DT.dominates(Chain[K], &BB))
        Segment = K;
    for (Instruction &I : BB) {
      if (tx::isBarrier(I))
        BarrierSegments.push_back(Segment);
      auto *Load = dyn_cast<LoadInst>(&I);
      if (!Load || !Load->isSimple())
        continue;
      if (std::optional<StreamLoad> S = asStreamLoad(*Load, Divergent)) {
        S->Segment = Segment;
        Loads.push_back(*S);
      }
    }
  }

  // Split at the first common block after the earlier load, unless a
  // barrier already separates the two.
  SmallVector<unsigned, 4> SplitAt;
  for (const StreamLoad &First : Loads)
    for (const StreamLoad &Second : Loads) {
      if (Second.Segment <= First.Segment ||
          !isOtherStretch(First, Second, Divergent))
        continue;
      bool Separated = any_of(BarrierSegments, [&](unsigned S) {
        return S >= First.Segment && S <= Second.Segment;
      });
      if (!Separated && !is_contained(SplitAt, First.Segment + 1) &&
          SplitAt.size() < MaxSplitsPerKernel)
        SplitAt.push_back(First.Segment + 1);
    }
  for (unsigned K : SplitAt) {
    CallInst::Create(Barrier, "", Chain[K]->getFirstInsertionPt());
    ++NumSplits;
  }
  return !SplitAt.empty();
}

PreservedAnalyses tx::SplitBlockStreamsPass::run(Module &M,
                                                 ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  FunctionCallee Barrier = M.getOrInsertFunction(
      tx::ImplicitBarrierName, Type::getVoidTy(M.getContext()));
  bool Changed = false;
  for (Function *Kernel : getKernels(M)) {
    if (Kernel->isDeclaration())
      continue;
    if (splitKernel(*Kernel, Barrier, FAM)) {
      FAM.invalidate(*Kernel, PreservedAnalyses::none());
      Changed = true;
    }
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
