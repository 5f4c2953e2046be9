//===- SplitForParallelCodegen.cpp - Lowered module in parts --------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Most of txcc's time on a CUB or Thrust program is `clang -O3` on the
// lowered device module: one block function per kernel, each up to tens of
// thousands of instructions, optimised and compiled one after the other.
// The block functions are independent (only the kernel table names them;
// a block function whose dispatch loop OutlineRegionDispatch moved out
// calls that function, and the two stay in one part; the regions it moved
// out of that loop are called from it, each a part's share of its own),
// so the module is split into parts that txcc compiles at once, one process
// each, as LLVM's parallel LTO code generation does; the linker joins them.
//
// Each part defines its own block functions. Part 0 keeps everything else
// (the kernel table, its constructor, variables). Functions and constants
// that may be dropped when unused (internal helpers, inline functions) are
// copied into every part, so that each optimises its own; other functions
// and constants (a __device__ function with external linkage) are
// imported: part 0's definition, available_externally, so that the other
// parts inline it and fold loads from it as before. Block functions,
// mutable file-local variables and file-local functions and constants
// whose address may be compared are reached through hidden external
// symbols whose names carry the translation unit's id, so that they cannot
// collide with another file's.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <algorithm>

using namespace llvm;
using tx::isBlockFunction;
using tx::RegionsSuffix;

namespace {

/// The block function whose dispatch loop OutlineRegionDispatch moved into
/// F, or null: the two go to one part (the block function is left with a
/// few dozen instructions, not worth a process of its own).
const Function *outlinedFrom(const Function &F) {
  StringRef Name = F.getName();
  if (!Name.consume_back(RegionsSuffix))
    return nullptr;
  const Function *Owner = F.getParent()->getFunction(Name);
  return Owner && isBlockFunction(*Owner) ? Owner : nullptr;
}

/// The part of every block function, balanced by instruction count
/// (largest first onto the lightest part). Part 0 starts with the rest of
/// the module. Parts left empty are dropped: the result is dense. Heaviest
/// is the instruction count of the largest part.
DenseMap<const Function *, unsigned> assignParts(Module &M, unsigned MaxParts,
                                                 unsigned &NumParts,
                                                 uint64_t &Heaviest) {
  SmallVector<std::pair<unsigned, Function *>, 32> Blocks;
  DenseMap<const Function *, const Function *> Outlined;
  DenseMap<const Function *, unsigned> OutlinedSize;
  uint64_t Rest = 0;
  for (Function &F : M) {
    if (!isBlockFunction(F)) {
      // Helpers that may be dropped when unused are copied into every part
      // that calls them: they weigh on no part in particular.
      if (!F.isDiscardableIfUnused())
        Rest += F.getInstructionCount();
    } else if (const Function *Owner = outlinedFrom(F)) {
      Outlined[&F] = Owner;
      OutlinedSize[Owner] += F.getInstructionCount();
    }
  }
  for (Function &F : M)
    if (isBlockFunction(F) && !Outlined.count(&F))
      Blocks.push_back({F.getInstructionCount() + OutlinedSize.lookup(&F), &F});
  // Largest first; names break ties, so that the parts do not depend on
  // the order of the module's functions.
  llvm::sort(Blocks, [](auto &A, auto &B) {
    return A.first != B.first ? A.first > B.first
                              : A.second->getName() < B.second->getName();
  });
  SmallVector<uint64_t, 8> Load(MaxParts, 0);
  Load[0] = Rest;
  DenseMap<const Function *, unsigned> Part;
  for (auto [Size, F] : Blocks) {
    unsigned Lightest =
        std::min_element(Load.begin(), Load.end()) - Load.begin();
    Part[F] = Lightest;
    Load[Lightest] += Size;
  }
  for (auto [F, Owner] : Outlined) {
    unsigned OwnersPart = Part.lookup(Owner);
    Part[F] = OwnersPart;
  }
  Heaviest = *std::max_element(Load.begin(), Load.end());
  // Renumber the parts in use densely, part 0 first.
  SmallVector<int, 8> Dense(MaxParts, -1);
  Dense[0] = 0;
  NumParts = 1;
  for (auto [Size, F] : Blocks)
    if (Dense[Part[F]] < 0)
      Dense[Part[F]] = NumParts++;
  for (auto &Entry : Part)
    Entry.second = Dense[Entry.second];
  return Part;
}

/// Gives a file-local symbol that another part reaches a hidden external
/// name of its own.
void externalize(GlobalValue &GV, StringRef Suffix) {
  GV.setName(GV.getName() + Suffix);
  GV.setLinkage(GlobalValue::ExternalLinkage);
  GV.setVisibility(GlobalValue::HiddenVisibility);
  GV.setDSOLocal(true);
  if (auto *GO = dyn_cast<GlobalObject>(&GV))
    GO->setComdat(nullptr);
}

/// What a part other than part 0 has of a global that is not one of its
/// block functions.
enum class Share {
  Declared, ///< A declaration of part 0's definition.
  Copied,   ///< A copy of its own (dropped if unused, may exist twice).
  /// Part 0's definition, to optimise with (inline, fold loads from) but
  /// not to emit, as ThinLTO imports it.
  Imported,
};

Share shareOf(const GlobalValue &GV) {
  if (GV.isDeclaration() || GV.getName().starts_with("llvm."))
    return Share::Declared;
  if (GV.isDiscardableIfUnused() && !GV.hasAvailableExternallyLinkage())
    return isa<Function>(GV) || cast<GlobalVariable>(GV).isConstant() ||
                   !GV.hasLocalLinkage()
               ? Share::Copied
               : Share::Declared;
  bool ConstantData =
      isa<GlobalVariable>(GV) && cast<GlobalVariable>(GV).isConstant();
  if (GV.hasExternalLinkage() && (isa<Function>(GV) || ConstantData))
    return Share::Imported;
  return Share::Declared;
}

/// Whether a file-local GV must have one definition that every part
/// reaches by name: block functions (a part may launch another's through
/// the kernel table), mutable variables, and functions and constants whose
/// address is compared (copies would have addresses of their own).
bool needsOneDefinition(const GlobalValue &GV) {
  if (!GV.hasLocalLinkage() || GV.getName().starts_with("llvm."))
    return false;
  if (const auto *F = dyn_cast<Function>(&GV))
    return isBlockFunction(*F) || F->hasAddressTaken();
  const auto &Var = cast<GlobalVariable>(GV);
  return !Var.isConstant() || !Var.hasGlobalUnnamedAddr();
}

/// Keeps in used list Name (llvm.used, llvm.compiler.used) of a part only
/// what the part declares or emits: the vector math declarations
/// VectorMathCalls keeps alive until the vectoriser runs, above all.
void pruneUsedList(Module &Part, StringRef Name, bool Compiler) {
  GlobalVariable *List = Part.getGlobalVariable(Name);
  if (!List)
    return;
  SmallVector<GlobalValue *, 16> Kept;
  if (auto *Init = dyn_cast<ConstantArray>(List->getInitializer()))
    for (Value *Op : Init->operands())
      if (auto *GV = dyn_cast<GlobalValue>(Op->stripPointerCasts()))
        if (!GV->hasAvailableExternallyLinkage())
          Kept.push_back(GV);
  List->eraseFromParent();
  if (Compiler)
    appendToCompilerUsed(Part, Kept);
  else
    appendToUsed(Part, Kept);
}

/// Drops from a part other than part 0 what only part 0 may have
/// (constructors, the kernel list the registration was made from) and
/// turns its imported definitions available_externally. VMap maps Whole's
/// globals to the part's.
void finishPart(Module &Part, Module &Whole, ValueToValueMapTy &VMap) {
  for (GlobalValue &GV : Whole.global_values()) {
    if (auto *F = dyn_cast<Function>(&GV); F && isBlockFunction(*F))
      continue;
    if (shareOf(GV) != Share::Imported)
      continue;
    auto *Copy = cast<GlobalValue>(VMap[&GV]);
    Copy->setLinkage(GlobalValue::AvailableExternallyLinkage);
    if (auto *GO = dyn_cast<GlobalObject>(Copy))
      GO->setComdat(nullptr);
  }
  for (StringRef Name : {"llvm.global_ctors", "llvm.global_dtors"})
    if (GlobalVariable *GV = Part.getGlobalVariable(Name))
      GV->eraseFromParent();
  pruneUsedList(Part, "llvm.used", false);
  pruneUsedList(Part, "llvm.compiler.used", true);
  if (NamedMDNode *Kernels = Part.getNamedMetadata("tx.kernels"))
    Part.eraseNamedMetadata(Kernels);
}

} // namespace

std::vector<std::unique_ptr<Module>>
tx::splitForParallelCodegen(Module &M, unsigned MaxParts, StringRef TuId,
                            uint64_t MinInstructions) {
  std::vector<std::unique_ptr<Module>> Parts;
  uint64_t Instructions = 0;
  unsigned Blocks = 0;
  for (Function &F : M) {
    Instructions += F.getInstructionCount();
    Blocks += isBlockFunction(F) && !outlinedFrom(F);
  }
  // Module-level asm and aliases may name file-local symbols a part would
  // not have; a small module is not worth another process.
  if (MaxParts < 2 || Blocks < 2 || Instructions < MinInstructions ||
      !M.getModuleInlineAsm().empty() || !M.alias_empty() || !M.ifunc_empty())
    return Parts;

  // A part costs a process that parses its own copy of the helpers: no
  // more parts than half the threshold's instructions each would fill.
  MaxParts = std::min<uint64_t>(
      MaxParts,
      std::max<uint64_t>(2, Instructions / (MinInstructions / 2 + 1)));
  unsigned NumParts = 0;
  uint64_t Heaviest = 0;
  DenseMap<const Function *, unsigned> Part =
      assignParts(M, MaxParts, NumParts, Heaviest);
  // Worth it only if the other parts take enough off the heaviest one's
  // way (one block function of many thousand instructions and a small
  // one: the second process would cost more than it saves).
  if (NumParts < 2 || Instructions - Heaviest < MinInstructions / 2)
    return Parts;

  // Hidden names for what crosses parts, unique to this translation unit.
  std::string Suffix = (".tx" + TuId.substr(0, TuId.find('-'))).str();
  for (GlobalValue &GV : M.global_values())
    if (needsOneDefinition(GV))
      externalize(GV, Suffix);

  for (unsigned P = 0; P < NumParts; ++P) {
    ValueToValueMapTy VMap;
    auto Defines = [&](const GlobalValue *GV) {
      if (GV->getName() == "llvm.used" || GV->getName() == "llvm.compiler.used")
        return true;
      if (auto *F = dyn_cast<Function>(GV); F && isBlockFunction(*F))
        return Part.lookup(F) == P;
      return P == 0 || shareOf(*GV) != Share::Declared;
    };
    std::unique_ptr<Module> Copy = CloneModule(M, VMap, Defines);
    if (P != 0)
      finishPart(*Copy, M, VMap);
    if (verifyModule(*Copy, &errs()))
      return {};
    Parts.push_back(std::move(Copy));
  }
  return Parts;
}
