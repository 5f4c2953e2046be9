//===- MergeRegionFunctions.cpp - One function for regions alike ----------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// CUB's agents hold the same code more than once: a tile's code for the
// first tile and for the others, for a full tile and for the last one,
// and the same block-wide exchange in several places. WorkItemLoops gives
// each copy a region of its own, and OutlineRegionDispatch a function of
// its own, which then differ only in the numbers of the states they run
// in and lead to (the state they compare each thread's against, the one
// they store for the threads that reach the next barrier). In
// cccl_cub_device_select.cu, 82 region functions were 29 distinct ones
// but for such numbers: 30,877 of its 47,309 lowered instructions, of
// which 11,700 were copies that `clang -O3` optimised and compiled again.
//
// Region functions that are the same outright (a region of two kernels),
// or the same but for state numbers (FunctionComparator with each such
// number one placeholder), become one function that takes the numbers that
// differ among them as arguments; each call passes its own. A state number is a
// case value of a switch in the function that calls the region (the dispatch
// loop's, and the in-step region versions'), where it is an operand a value
// could take the place of: a stored value, an arm of a select, a phi's incoming
// value, an operand of an equality comparison or of a call. Numbers that all
// the copies share stay constants, and nothing else is parameterised: two
// regions that differ in the program's own constants (a loop's trip count)
// are not merged.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/StructuralHash.h"
#include "llvm/Transforms/Utils/FunctionComparator.h"

#include <map>

using namespace llvm;

#define DEBUG_TYPE "tx-merge-region-functions"

STATISTIC(NumMerged, "Region functions merged into another");

namespace {

/// What OutlineRegionDispatch names a region's function: the dispatch
/// loop's function's name, then this.
constexpr StringLiteral RegionInfix = ".region";

/// A region function and its state numbers: the uses that hold one, in
/// the order of the function's instructions and operands, with the number
/// each holds.
struct RegionFunction {
  Function *F = nullptr;
  CallInst *Call = nullptr;
  SmallVector<Use *, 16> StateUses;
  SmallVector<ConstantInt *, 16> States;
  /// Where each state use is: its instruction's position in F, its operand.
  SmallVector<std::pair<unsigned, unsigned>, 16> Places;
};

/// F's only call, if F is a region function OutlineRegionDispatch made and
/// a direct call its only use.
CallInst *soleCallOfRegion(Function &F) {
  if (F.isDeclaration() || !F.hasLocalLinkage() || !tx::isBlockFunction(F) ||
      !F.getName().contains(RegionInfix) || !F.hasOneUse())
    return nullptr;
  auto *Call = dyn_cast<CallInst>(F.user_back());
  return Call && Call->getCalledOperand() == &F ? Call : nullptr;
}

/// The case values of every switch in F: the state numbers of the dispatch
/// loop F runs.
SmallPtrSet<ConstantInt *, 32> stateNumbersOf(Function &F) {
  SmallPtrSet<ConstantInt *, 32> Numbers;
  for (BasicBlock &BB : F)
    if (auto *Switch = dyn_cast<SwitchInst>(BB.getTerminator()))
      for (auto &Case : Switch->cases())
        Numbers.insert(Case.getCaseValue());
  return Numbers;
}

/// Whether an argument could take the place of the constant in U.
bool takesAnArgument(const Use &U) {
  const User *I = U.getUser();
  if (isa<StoreInst>(I))
    return U.getOperandNo() == 0;
  if (isa<SelectInst>(I))
    return U.getOperandNo() != 0;
  if (isa<PHINode>(I))
    return true;
  if (const auto *Cmp = dyn_cast<ICmpInst>(I))
    return Cmp->isEquality();
  if (const auto *Call = dyn_cast<CallInst>(I))
    return Call->isArgOperand(&U) && !Call->isInlineAsm() &&
           !Call->paramHasAttr(Call->getArgOperandNo(&U), Attribute::ImmArg);
  return false;
}

/// The uses of state numbers (Numbers) in F that an argument could hold.
void collectStateUses(RegionFunction &Region,
                      const SmallPtrSet<ConstantInt *, 32> &Numbers) {
  unsigned Position = 0;
  for (Instruction &I : instructions(*Region.F)) {
    for (Use &Op : I.operands())
      if (auto *Number = dyn_cast<ConstantInt>(Op.get());
          Number && Numbers.contains(Number) && takesAnArgument(Op)) {
        Region.StateUses.push_back(&Op);
        Region.States.push_back(Number);
        Region.Places.push_back({Position, Op.getOperandNo()});
      }
    ++Position;
  }
}

using Groups = SmallVector<SmallVector<RegionFunction *, 4>, 16>;

/// Groups Regions into sets of functions FunctionComparator finds equal
/// (and Alike(First, R) holds for), singletons included, in Regions' order
/// (the module's), so that the result does not depend on the hashes.
template <typename AlikeFn>
Groups groupEqual(ArrayRef<RegionFunction *> Regions, AlikeFn Alike) {
  GlobalNumberState Globals;
  DenseMap<uint64_t, SmallVector<unsigned, 2>> GroupsOfHash;
  Groups Result;
  for (RegionFunction *R : Regions) {
    auto &Candidates = GroupsOfHash[StructuralHash(*R->F)];
    auto Equal = find_if(Candidates, [&](unsigned Group) {
      RegionFunction &First = *Result[Group].front();
      return Alike(First, *R) &&
             FunctionComparator(First.F, R->F, &Globals).compare() == 0;
    });
    if (Equal != Candidates.end()) {
      Result[*Equal].push_back(R);
      continue;
    }
    Candidates.push_back(Result.size());
    Result.push_back({R});
  }
  return Result;
}

/// Groups Regions into sets of functions that are the same but for their
/// state numbers: first the functions that are the same outright (the
/// same numbers, whether or not they are states in each caller: a region
/// of two kernels), then their first functions compared with every state
/// use holding one placeholder (per type), so that FunctionComparator sees
/// the rest. The members of a group of the second kind also have their
/// state uses in the same places (a placeholder's value could stand in a
/// function's code as a number of its own). Each member of the result is
/// a set of functions the same outright.
SmallVector<SmallVector<SmallVector<RegionFunction *, 4>, 2>, 16>
groupAlike(MutableArrayRef<RegionFunction> Regions) {
  SmallVector<RegionFunction *, 64> All;
  for (RegionFunction &R : Regions)
    All.push_back(&R);
  Groups Same = groupEqual(All, [](auto &, auto &) { return true; });

  SmallVector<RegionFunction *, 64> Firsts;
  for (auto &Group : Same)
    Firsts.push_back(Group.front());
  DenseMap<Type *, Constant *> Placeholders;
  auto place = [&](RegionFunction &R, bool Restore) {
    for (auto [Op, Number] : zip(R.StateUses, R.States)) {
      Constant *&Placeholder = Placeholders[Number->getType()];
      if (!Placeholder)
        Placeholder = ConstantInt::get(Number->getType(), 0x7ead5eed);
      Op->set(Restore ? Number : Placeholder);
    }
  };
  for (RegionFunction *R : Firsts)
    place(*R, /*Restore=*/false);
  Groups Alike = groupEqual(
      Firsts, [](const RegionFunction &First, const RegionFunction &R) {
        return First.Places == R.Places;
      });
  for (RegionFunction *R : Firsts)
    place(*R, /*Restore=*/true);

  DenseMap<RegionFunction *, unsigned> SameOfFirst;
  for (auto [Idx, Group] : enumerate(Same))
    SameOfFirst[Group.front()] = Idx;
  SmallVector<SmallVector<SmallVector<RegionFunction *, 4>, 2>, 16> Result;
  for (auto &Group : Alike) {
    if (Group.size() == 1 && Same[SameOfFirst[Group.front()]].size() == 1)
      continue;
    auto &Sets = Result.emplace_back();
    for (RegionFunction *First : Group)
      Sets.push_back(std::move(Same[SameOfFirst[First]]));
  }
  return Result;
}

/// The state uses whose number is not the same in every member of a group,
/// and the argument of the merged function each takes (uses whose numbers
/// are the same in every member share one).
struct StateArguments {
  SmallVector<unsigned, 8> Uses;      ///< Indices into StateUses.
  SmallVector<unsigned, 8> ArgOfUse;  ///< For each of Uses.
  SmallVector<unsigned, 8> FirstUses; ///< A use of each argument.
};

StateArguments stateArguments(ArrayRef<RegionFunction *> Group) {
  StateArguments Args;
  std::map<SmallVector<ConstantInt *, 4>, unsigned> ArgOfNumbers;
  const RegionFunction &First = *Group.front();
  for (unsigned Idx = 0; Idx < First.States.size(); ++Idx) {
    SmallVector<ConstantInt *, 4> Numbers;
    for (const RegionFunction *R : Group)
      Numbers.push_back(R->States[Idx]);
    if (all_equal(Numbers))
      continue;
    auto [It, New] = ArgOfNumbers.try_emplace(Numbers, Args.FirstUses.size());
    if (New)
      Args.FirstUses.push_back(Idx);
    Args.Uses.push_back(Idx);
    Args.ArgOfUse.push_back(It->second);
  }
  return Args;
}

/// A function with Kept's parameters and then one for each state argument,
/// holding Kept's body (which it takes), named after Kept.
Function *withStateParameters(RegionFunction &Kept,
                              const StateArguments &Args) {
  Function &Old = *Kept.F;
  SmallVector<Type *, 16> Params(Old.getFunctionType()->params());
  for (unsigned Idx : Args.FirstUses)
    Params.push_back(Kept.States[Idx]->getType());
  auto *Type = FunctionType::get(Old.getReturnType(), Params, false);
  Function *New =
      Function::Create(Type, Old.getLinkage(), Old.getAddressSpace(), "");
  // In Old's place, so that the module's order stays.
  Old.getParent()->getFunctionList().insert(Old.getIterator(), New);
  New->copyAttributesFrom(&Old);
  New->setSubprogram(Old.getSubprogram());
  Old.setSubprogram(nullptr);
  New->splice(New->end(), &Old);
  for (auto [From, To] : zip(Old.args(), New->args())) {
    From.replaceAllUsesWith(&To);
    To.takeName(&From);
  }
  for (unsigned Arg = 0; Arg < Args.FirstUses.size(); ++Arg)
    New->getArg(Old.arg_size() + Arg)->setName("state." + Twine(Arg));
  for (auto [Idx, Arg] : zip(Args.Uses, Args.ArgOfUse))
    Kept.StateUses[Idx]->set(New->getArg(Old.arg_size() + Arg));
  New->takeName(&Old);
  return New;
}

/// Calls Merged instead of R's function: R's arguments, then Numbers' at
/// the state arguments (those of the function R is the same as outright).
void callMerged(RegionFunction &R, const RegionFunction &Numbers,
                Function &Merged, const StateArguments &Args) {
  CallInst *Old = R.Call;
  SmallVector<Value *, 16> CallArgs(Old->args());
  for (unsigned Idx : Args.FirstUses)
    CallArgs.push_back(Numbers.States[Idx]);
  CallInst *New = CallInst::Create(&Merged, CallArgs, "", Old->getIterator());
  New->setCallingConv(Old->getCallingConv());
  New->setAttributes(Old->getAttributes());
  New->setDebugLoc(Old->getDebugLoc());
  New->copyMetadata(*Old);
  Old->replaceAllUsesWith(New);
  New->takeName(Old);
  Old->eraseFromParent();
}

/// Makes the functions of Sets (each a set of functions the same outright,
/// the sets the same but for state numbers) one function, called by every
/// member's call.
void mergeGroup(ArrayRef<SmallVector<RegionFunction *, 4>> Sets) {
  SmallVector<RegionFunction *, 4> Firsts;
  for (const auto &Set : Sets)
    Firsts.push_back(Set.front());
  StateArguments Args = stateArguments(Firsts);
  Function *Merged = withStateParameters(*Firsts.front(), Args);
  unsigned Count = 0;
  for (const auto &Set : Sets)
    for (RegionFunction *R : Set) {
      callMerged(*R, *Set.front(), *Merged, Args);
      R->F->eraseFromParent();
      ++Count;
    }
  NumMerged += Count - 1;
}

} // namespace

PreservedAnalyses tx::MergeRegionFunctionsPass::run(Module &M,
                                                    ModuleAnalysisManager &) {
  SmallVector<RegionFunction, 64> Regions;
  DenseMap<Function *, SmallPtrSet<ConstantInt *, 32>> NumbersOfCaller;
  for (Function &F : M) {
    CallInst *Call = soleCallOfRegion(F);
    if (!Call)
      continue;
    Function *Caller = Call->getFunction();
    auto [It, New] = NumbersOfCaller.try_emplace(Caller);
    if (New)
      It->second = stateNumbersOf(*Caller);
    RegionFunction R;
    R.F = &F;
    R.Call = Call;
    collectStateUses(R, It->second);
    Regions.push_back(std::move(R));
  }
  auto Merges = groupAlike(Regions);
  for (auto &Sets : Merges)
    mergeGroup(Sets);
  return Merges.empty() ? PreservedAnalyses::all() : PreservedAnalyses::none();
}
