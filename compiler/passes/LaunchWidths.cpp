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

namespace {

/// What the launches of one kernel say about its block width.
struct WidthsSeen {
  std::optional<unsigned> Width;
  bool Disagree = false;
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

/// blockDim.x of a __cudaPushCallConfiguration(grid, block, shared bytes,
/// stream) call, where it is a constant. grid and block arrive as the same
/// number of pieces each, so block starts halfway through the rest.
std::optional<unsigned> pushedWidth(const CallBase &Push,
                                    const DataLayout &DL) {
  unsigned DimPieces = Push.arg_size() - 2;
  if (Push.arg_size() < 4 || DimPieces % 2 || !DL.isLittleEndian())
    return std::nullopt;
  const auto *Block = dyn_cast<Constant>(Push.getArgOperand(DimPieces / 2));
  std::optional<uint64_t> X = Block ? firstWord(Block) : std::nullopt;
  if (!X || *X == 0 || *X > 1024)
    return std::nullopt;
  return unsigned(*X);
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

StringMap<unsigned> tx::findLaunchWidths(const Module &Host) {
  StringMap<unsigned> Widths;
  const Function *Push = Host.getFunction("__cudaPushCallConfiguration");
  StubMap Stubs = registeredStubs(Host);
  if (!Push || Stubs.empty())
    return Widths;
  StringMap<WidthsSeen> Seen;
  for (const User *U : Push->users()) {
    const auto *Call = dyn_cast<CallBase>(U);
    if (!Call || Call->getCalledOperand() != Push)
      continue;
    std::optional<unsigned> Width = pushedWidth(*Call, Host.getDataLayout());
    const Function *Stub = Width ? launchedStub(*Call, Stubs) : nullptr;
    if (!Stub)
      continue;
    WidthsSeen &Kernel = Seen[Stubs.lookup(Stub)];
    if (Kernel.Width && *Kernel.Width != *Width)
      Kernel.Disagree = true;
    Kernel.Width = Width;
  }
  for (const auto &Entry : Seen)
    if (!Entry.second.Disagree)
      Widths[Entry.first()] = *Entry.second.Width;
  return Widths;
}

unsigned tx::markLaunchWidths(Module &Device,
                              const StringMap<unsigned> &Widths) {
  unsigned Marked = 0;
  for (Function *Kernel : tx::getKernels(Device)) {
    auto It = Widths.find(Kernel->getName());
    if (It == Widths.end())
      continue;
    Kernel->addFnAttr(LaunchWidthAttr, std::to_string(It->second));
    ++Marked;
  }
  return Marked;
}
