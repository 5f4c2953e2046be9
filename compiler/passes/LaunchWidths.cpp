//===- LaunchWidths.cpp - Block widths the host code launches with -------===//
//
// Part of Tongxin. See LaunchWidths.h.
//
//===----------------------------------------------------------------------===//

#include "LaunchWidths.h"

#include "DeviceIR.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

#include <optional>
#include <string>

using namespace llvm;
using tx::LaunchBlock;

namespace {

/// What the launches of one kernel say about its block.
struct BlocksSeen {
  std::optional<unsigned> Width;
  bool Disagree = false;
  /// blockDim.y and .z, while the launches with a constant block agree.
  std::optional<std::pair<unsigned, unsigned>> Rows;
  bool RowsVary = false;
};

using StubMap = DenseMap<const Function *, StringRef>;

/// The C string a registration names a kernel with.
std::optional<StringRef> stringConstant(const Value *V) {
  const auto *G = dyn_cast<GlobalVariable>(V->stripPointerCasts());
  if (!G || !G->hasDefinitiveInitializer())
    return std::nullopt;
  const auto *Data = dyn_cast<ConstantDataArray>(G->getInitializer());
  if (!Data || !Data->isCString())
    return std::nullopt;
  return Data->getAsCString();
}

/// Each kernel's stub (the host function `<<<...>>>` calls) and the device
/// name it was registered under.
StubMap registeredStubs(const Module &Host) {
  StubMap Stubs;
  const Function *Register = Host.getFunction("__cudaRegisterFunction");
  if (!Register)
    return Stubs;
  for (const User *U : Register->users()) {
    const auto *Call = dyn_cast<CallBase>(U);
    if (!Call || Call->getCalledOperand() != Register || Call->arg_size() < 3)
      continue;
    const auto *Stub =
        dyn_cast<Function>(Call->getArgOperand(1)->stripPointerCasts());
    if (Stub)
      if (std::optional<StringRef> Name =
              stringConstant(Call->getArgOperand(2)))
        Stubs[Stub] = *Name;
  }
  return Stubs;
}

/// The low 32 bits of the first integer in a constant: dim3's x, whatever
/// pieces the target's calling convention split it into (an i64 holding x
/// and y, an array of them, three i32).
std::optional<uint64_t> firstWord(const Constant *C) {
  for (unsigned Depth = 0; C && Depth < 4; ++Depth) {
    if (const auto *Int = dyn_cast<ConstantInt>(C))
      return Int->getValue().zextOrTrunc(32).getZExtValue();
    if (!C->getType()->isAggregateType())
      return std::nullopt;
    C = C->getAggregateElement(0u);
  }
  return std::nullopt;
}

/// Appends the 32-bit words of C, a constant of 32- and 64-bit integers
/// (a dim3 as the target's calling convention passes it), to Words, low
/// half first; false where C holds anything else.
bool appendWords(const Constant *C, SmallVectorImpl<uint32_t> &Words) {
  if (const auto *Int = dyn_cast<ConstantInt>(C)) {
    unsigned Bits = Int->getBitWidth();
    if (Bits != 32 && Bits != 64)
      return false;
    uint64_t Value = Int->getZExtValue();
    Words.push_back(uint32_t(Value));
    if (Bits == 64)
      Words.push_back(uint32_t(Value >> 32));
    return true;
  }
  Type *Ty = C->getType();
  unsigned Elements = Ty->isArrayTy()    ? Ty->getArrayNumElements()
                      : Ty->isStructTy() ? Ty->getStructNumElements()
                                         : 0;
  if (!Elements)
    return false;
  for (unsigned I = 0; I < Elements; ++I) {
    const Constant *Element = C->getAggregateElement(I);
    if (!Element || !appendWords(Element, Words))
      return false;
  }
  return true;
}

/// The block of a __cudaPushCallConfiguration(grid, block, shared bytes,
/// stream) call: X where blockDim.x is a constant, Y and Z where the whole
/// block is. grid and block arrive as the same number of pieces each, so
/// block starts halfway through the rest.
std::optional<LaunchBlock> pushedBlock(const CallBase &Push,
                                       const DataLayout &DL) {
  unsigned DimPieces = Push.arg_size() - 2;
  if (Push.arg_size() < 4 || DimPieces % 2 || !DL.isLittleEndian())
    return std::nullopt;
  const auto *First = dyn_cast<Constant>(Push.getArgOperand(DimPieces / 2));
  std::optional<uint64_t> X = First ? firstWord(First) : std::nullopt;
  if (!X || !tx::isLaunchableBlock(*X, 1, 1))
    return std::nullopt;
  LaunchBlock Block;
  Block.X = unsigned(*X);
  SmallVector<uint32_t, 4> Words;
  for (unsigned I = DimPieces / 2; I < DimPieces; ++I) {
    const auto *Piece = dyn_cast<Constant>(Push.getArgOperand(I));
    if (!Piece || !appendWords(Piece, Words))
      return Block;
  }
  // Three words (x86-64's i64 and i32) or four (AArch64's and RISC-V's two
  // i64s).
  if (Words.size() < 3 || Words[0] != Block.X ||
      !tx::isLaunchableBlock(Words[0], Words[1], Words[2]))
    return Block;
  Block.Y = Words[1];
  Block.Z = Words[2];
  return Block;
}

/// The stub a call launches: its callee, or cudaLaunchKernel's function
/// where the stub was inlined.
const Function *stubOf(const CallBase &Call, const StubMap &Stubs) {
  const auto *Callee =
      dyn_cast<Function>(Call.getCalledOperand()->stripPointerCasts());
  if (!Callee)
    return nullptr;
  if (Stubs.count(Callee))
    return Callee;
  if (!Callee->getName().starts_with("cudaLaunchKernel") ||
      Call.arg_size() == 0)
    return nullptr;
  const auto *F =
      dyn_cast<Function>(Call.getArgOperand(0)->stripPointerCasts());
  return F && Stubs.count(F) ? F : nullptr;
}

/// Where a launch configured by Push goes on from BB: where BB branches on
/// whether Push returned 0 (`if (push(...) == 0) stub(...)`), only the edge
/// taken when it did; past an invoke, its normal destination; else every
/// successor.
SmallVector<const BasicBlock *, 2> launchSuccessors(const BasicBlock *BB,
                                                    const CallBase &Push) {
  if (const auto *Invoke = dyn_cast<InvokeInst>(BB->getTerminator()))
    return {Invoke->getNormalDest()}; // Not the way out of a throw.
  const auto *Br = dyn_cast<BranchInst>(BB->getTerminator());
  const auto *Cmp = Br && Br->isConditional()
                        ? dyn_cast<ICmpInst>(Br->getCondition())
                        : nullptr;
  if (Cmp && Cmp->isEquality()) {
    const Value *Other = Cmp->getOperand(0) == &Push   ? Cmp->getOperand(1)
                         : Cmp->getOperand(1) == &Push ? Cmp->getOperand(0)
                                                       : nullptr;
    if (const auto *Zero = dyn_cast_or_null<ConstantInt>(Other))
      if (Zero->isZero())
        return {
            Br->getSuccessor(Cmp->getPredicate() == ICmpInst::ICMP_EQ ? 0 : 1)};
  }
  return SmallVector<const BasicBlock *, 2>(successors(BB));
}

/// The kernel stub the launch configured by Push goes to: the first stub
/// launched after it on the way the launch goes, looking a few blocks on
/// and never past another configuration.
const Function *launchedStub(const CallBase &Push, const StubMap &Stubs) {
  constexpr unsigned MaxBlocks = 16;
  SmallVector<const BasicBlock *, 8> Work;
  SmallPtrSet<const BasicBlock *, 8> Seen;
  auto ScanFrom = [&](BasicBlock::const_iterator I,
                      const BasicBlock *BB) -> const Function * {
    for (; I != BB->end(); ++I) {
      const auto *Call = dyn_cast<CallBase>(&*I);
      if (!Call)
        continue;
      if (Call->getCalledOperand() == Push.getCalledOperand())
        return nullptr;
      if (const Function *Stub = stubOf(*Call, Stubs))
        return Stub;
    }
    for (const BasicBlock *Next : launchSuccessors(BB, Push))
      if (Seen.size() < MaxBlocks && Seen.insert(Next).second)
        Work.push_back(Next);
    return nullptr;
  };
  const BasicBlock *Start = Push.getParent();
  Seen.insert(Start);
  if (const Function *Stub = ScanFrom(std::next(Push.getIterator()), Start))
    return Stub;
  for (unsigned I = 0; I < Work.size(); ++I)
    if (const Function *Stub = ScanFrom(Work[I]->begin(), Work[I]))
      return Stub;
  return nullptr;
}

} // namespace

StringMap<LaunchBlock> tx::findLaunchWidths(const Module &Host) {
  StringMap<LaunchBlock> Blocks;
  const Function *Push = Host.getFunction("__cudaPushCallConfiguration");
  StubMap Stubs = registeredStubs(Host);
  if (!Push || Stubs.empty())
    return Blocks;
  StringMap<BlocksSeen> Seen;
  for (const User *U : Push->users()) {
    const auto *Call = dyn_cast<CallBase>(U);
    if (!Call || Call->getCalledOperand() != Push)
      continue;
    std::optional<LaunchBlock> Block = pushedBlock(*Call, Host.getDataLayout());
    const Function *Stub = Block ? launchedStub(*Call, Stubs) : nullptr;
    if (!Stub)
      continue;
    BlocksSeen &Kernel = Seen[Stubs.lookup(Stub)];
    if (Kernel.Width && *Kernel.Width != Block->X)
      Kernel.Disagree = true;
    Kernel.Width = Block->X;
    // A launch whose rows are computed counts for the width only, as one
    // whose width is computed counts for nothing: the general function runs
    // it (on every target alike, whichever pieces carry y and z).
    if (!Block->Y)
      continue;
    std::pair<unsigned, unsigned> Rows(Block->Y, Block->Z);
    if (Kernel.Rows && *Kernel.Rows != Rows)
      Kernel.RowsVary = true;
    Kernel.Rows = Rows;
  }
  for (const auto &Entry : Seen) {
    const BlocksSeen &Kernel = Entry.second;
    if (Kernel.Disagree)
      continue;
    LaunchBlock &Block = Blocks[Entry.first()];
    Block.X = *Kernel.Width;
    if (Kernel.Rows && !Kernel.RowsVary) {
      Block.Y = Kernel.Rows->first;
      Block.Z = Kernel.Rows->second;
    }
  }
  return Blocks;
}

unsigned tx::markLaunchWidths(Module &Device,
                              const StringMap<LaunchBlock> &Blocks) {
  unsigned Marked = 0;
  for (Function *Kernel : tx::getKernels(Device)) {
    auto It = Blocks.find(Kernel->getName());
    if (It == Blocks.end())
      continue;
    const LaunchBlock &Block = It->second;
    Kernel->addFnAttr(LaunchWidthAttr, std::to_string(Block.X));
    if (Block.Y && Block.Z && uint64_t(Block.Y) * Block.Z > 1)
      Kernel->addFnAttr(LaunchRowsAttr, std::to_string(Block.Y) + "," +
                                            std::to_string(Block.Z));
    ++Marked;
  }
  return Marked;
}
