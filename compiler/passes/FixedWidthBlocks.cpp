//===- FixedWidthBlocks.cpp - A block function for the launches' width ---===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Where the host code launches a kernel with a constant block width
// (LaunchWidths.h), the kernel is lowered twice: the general block function,
// which the runtime calls, and one with blockDim.x that constant, whose
// thread loops have fixed trip counts. The general one starts by calling
// the other when the running block has that width, so a launch of another
// width (from another translation unit, or one whose width the host code
// computes) still runs the general code.
//
// Where the launches whose block the host code gives as constants agree on
// a block of more than one row (`dim3 Block(16, 16)`), the version fixes
// blockDim.y and .z as well, and is called for that block only. Not for
// blocks of one row: blockDim.y and .z of 1 fold the y and z loops away,
// which slowed four of the benchmarks (bench/README, "The block width as a
// constant"); with more rows, fixed y loops are unrolled where small (a
// naive matrix product's 16 rows per k: ~3x faster), and a z loop of 1
// folds away (bench transpose's 32x8 block was ~1.4x slower with y fixed
// and z read at run time: 8 rows of addresses unrolled inside a z loop,
// kept across it in stack slots).
//
//===----------------------------------------------------------------------===//

#include "KernelLowering.h"
#include "LaunchWidths.h"

#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <array>
#include <optional>
#include <string>

using namespace llvm;
using namespace tx::workitems;

/// Kernels up to this many instructions get a second version, which
/// doubles the time the kernel takes to compile; in larger kernels the
/// thread loops' trip counts matter less, and compiling them costs more
/// (cg_reduce_scan's six kernels of up to twenty unrolled reductions: 2.4
/// -> 4.1 s of code generation with versions of all of them, 2.6 s with
/// this limit, which the benchmarks' kernels that gain stay under).
static constexpr unsigned MaxInstructions = 256;

/// The block width a kernel was marked with, where it can be used.
static std::optional<unsigned> launchWidthOf(const Function &Kernel) {
  Attribute Attr = Kernel.getFnAttribute(tx::LaunchWidthAttr);
  unsigned Width = 0;
  if (!Attr.isValid() || Attr.getValueAsString().getAsInteger(10, Width) ||
      !tx::isLaunchableBlock(Width, 1, 1))
    return std::nullopt;
  return Width;
}

/// blockDim.y and .z a kernel of Width threads a row was marked with, or
/// {0, 0} where they are not fixed (one row is never fixed, see above).
static std::array<unsigned, 2> launchRowsOf(const Function &Kernel,
                                            unsigned Width) {
  Attribute Attr = Kernel.getFnAttribute(tx::LaunchRowsAttr);
  if (!Attr.isValid())
    return {0, 0};
  auto [YText, ZText] = Attr.getValueAsString().split(',');
  unsigned Y = 0, Z = 0;
  if (YText.getAsInteger(10, Y) || ZText.getAsInteger(10, Z) ||
      !tx::isLaunchableBlock(Width, Y, Z) || uint64_t(Y) * Z == 1)
    return {0, 0};
  return {Y, Z};
}

Function *tx::workitems::cloneForLaunchWidth(Function &Kernel) {
  std::optional<unsigned> Width = launchWidthOf(Kernel);
  if (!Width)
    return nullptr;
  if (Kernel.getInstructionCount() > MaxInstructions)
    return nullptr;
  ValueToValueMapTy VMap;
  Function *Copy = CloneFunction(&Kernel, VMap);
  std::array<unsigned, 2> Rows = launchRowsOf(Kernel, *Width);
  std::string Shape = ".x" + std::to_string(*Width);
  if (Rows[0])
    Shape += ".y" + std::to_string(Rows[0]) + ".z" + std::to_string(Rows[1]);
  Copy->setName(Kernel.getName() + Shape);
  Copy->setLinkage(GlobalValue::InternalLinkage);
  return Copy;
}

/// At the entry of Block: blocks of Width threads a row (and Rows rows and
/// layers, where those are fixed) run Fixed instead.
static void callForWidth(Function &Block, Function &Fixed, unsigned Width,
                         std::array<unsigned, 2> Rows) {
  LLVMContext &C = Block.getContext();
  BasicBlock *Entry = &Block.getEntryBlock();
  SmallVector<AllocaInst *, 8> Static;
  for (Instruction &I : *Entry)
    if (auto *Alloca = dyn_cast<AllocaInst>(&I))
      if (Alloca->isStaticAlloca())
        Static.push_back(Alloca);
  auto *Test = BasicBlock::Create(C, "launch.width", &Block, Entry);
  auto *Call = BasicBlock::Create(C, "launch.width.fixed", &Block, Entry);
  // The entry's allocas stay in the entry block, where they are static.
  for (AllocaInst *Alloca : Static)
    Alloca->moveBefore(*Test, Test->end());
  IRBuilder<> B(Test);
  if (DISubprogram *SP = Block.getSubprogram())
    B.SetCurrentDebugLocation(DILocation::get(C, SP->getLine(), 0, SP));
  Value *Ctx = Block.getArg(1);
  unsigned Dims[] = {Width, Rows[0], Rows[1]};
  Value *Matches = nullptr;
  for (unsigned D = 0; D < 3 && Dims[D]; ++D) {
    Value *Match = B.CreateICmpEQ(loadBlockDim(B, Ctx, D), B.getInt32(Dims[D]));
    Matches = Matches ? B.CreateAnd(Matches, Match) : Match;
  }
  B.CreateCondBr(Matches, Call, Entry);
  B.SetInsertPoint(Call);
  B.CreateCall(&Fixed, {Block.getArg(0), Ctx})->setTailCall();
  B.CreateRetVoid();
}

void tx::workitems::lowerForLaunchWidth(Function &Copy,
                                        const KernelLowering &General,
                                        Function &Block, bool SyncChecks,
                                        bool RaceChecks) {
  // A kernel that runs spans of blocks (a 2-D stencil) gets its version
  // too: its x loop still runs one block's row of a span at a time, and
  // with the width fixed that row is straight-line vector code with no
  // trip-count checks. bench jacobi's 32x8 blocks, paired on the AMD EPYC
  // (AVX2): 0.72x the time on one thread, 0.71-0.84x on two. (On the Xeon
  // with AVX-512, before UnguardedRowVersions unmasked its rows, the
  // version ran ~5% slower.)
  unsigned Width = *launchWidthOf(Copy);
  std::array<unsigned, 2> Rows = launchRowsOf(Copy, Width);
  KernelLowering Lowering(Copy, SyncChecks, RaceChecks);
  Lowering.setFixedWidth(Width);
  Lowering.setFixedRows(Rows[0], Rows[1]);
  if (General.keepsGeneralVersions())
    Lowering.keepGeneralVersions();
  if (General.wrapsRowsAtAnySize())
    Lowering.wrapRowsAtAnySize();
  Function *Fixed = Lowering.run();
  // The runtime sizes the block's scratch and picks its schedule from the
  // general function's record: the version must agree with it.
  if (Fixed && Lowering.runtimeContract() == General.runtimeContract()) {
    // Kept apart: inlined, the two versions would be optimised and
    // register-allocated as one function, for nothing.
    Fixed->addFnAttr(Attribute::NoInline);
    callForWidth(Block, *Fixed, Width, Rows);
  } else if (Fixed) {
    Fixed->eraseFromParent();
  }
  Copy.replaceAllUsesWith(PoisonValue::get(Copy.getType()));
  Copy.eraseFromParent();
}
