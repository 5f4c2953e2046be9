//===- SplitForParallelCodegen.cpp - Lowered module in parts --------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Most of txcc's time on a CUB or Thrust program is `clang -O3` on the
// lowered device module: one block function per kernel, each up to tens of
// thousands of instructions, optimised and compiled one after the other.
// The block functions are independent (only the kernel table names them),
// so the module is split into parts that txcc compiles at once, one process
// each, as LLVM's parallel LTO code generation does; the linker joins them.
//
// Each part defines its own block functions. Part 0 keeps everything else
// (the kernel table, its constructor, variables). Functions and constants
// that may be dropped when unused (internal helpers, inline functions) are
// copied into every part, so that each optimises its own; block functions
// and mutable file-local variables are reached through hidden external
// symbols whose names carry the translation unit's id, so that they cannot
// collide with another file's.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <algorithm>

using namespace llvm;

namespace {

bool isBlockFunction(const Function &F) {
  return !F.isDeclaration() && F.getName().starts_with("__txblk_");
}

/// The part of every block function, balanced by instruction count
/// (largest first onto the lightest part). Part 0 starts with the rest of
/// the module. Parts left empty are dropped: the result is dense. Heaviest
/// is the instruction count of the largest part.
DenseMap<const Function *, unsigned> assignParts(Module &M, unsigned MaxParts,
                                                 unsigned &NumParts,
                                                 uint64_t &Heaviest) {
  SmallVector<std::pair<unsigned, Function *>, 32> Blocks;
  uint64_t Rest = 0;
  for (Function &F : M) {
    if (isBlockFunction(F))
      Blocks.push_back({F.getInstructionCount(), &F});
    else
      Rest += F.getInstructionCount();
  }
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

/// Whether a part other than part 0 gets its own copy of GV (besides its
/// block functions): what may be dropped when unused and may exist twice.
bool copiedIntoEveryPart(const GlobalValue &GV) {
  if (GV.getName().starts_with("llvm."))
    return false;
  if (isa<Function>(GV))
    return GV.isDiscardableIfUnused();
  if (auto *Var = dyn_cast<GlobalVariable>(&GV))
    return Var->isDiscardableIfUnused() &&
           (Var->isConstant() || !Var->hasLocalLinkage());
  return false;
}

/// Drops what only part 0 may have: constructors, used lists, the kernel
/// list the registration was made from.
void keepOnlyCode(Module &Part) {
  SmallVector<GlobalVariable *, 4> Special;
  for (GlobalVariable &GV : Part.globals())
    if (GV.getName().starts_with("llvm."))
      Special.push_back(&GV);
  for (GlobalVariable *GV : Special)
    GV->eraseFromParent();
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
    Blocks += isBlockFunction(F);
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
  // Every block function: each part has a copy of the kernel table (dead
  // but for part 0's, and dropped by the optimiser, which would otherwise
  // leave no symbol for a part whose copy stays).
  for (auto [F, P] : Part)
    if (F->hasLocalLinkage())
      externalize(*const_cast<Function *>(F), Suffix);
  for (GlobalVariable &GV : M.globals())
    if (GV.hasLocalLinkage() && !GV.isConstant() &&
        !GV.getName().starts_with("llvm."))
      externalize(GV, Suffix);

  for (unsigned P = 0; P < NumParts; ++P) {
    ValueToValueMapTy VMap;
    auto Defines = [&](const GlobalValue *GV) {
      if (auto *F = dyn_cast<Function>(GV); F && isBlockFunction(*F))
        return Part.lookup(F) == P;
      return P == 0 || copiedIntoEveryPart(*GV);
    };
    std::unique_ptr<Module> Copy = CloneModule(M, VMap, Defines);
    if (P != 0)
      keepOnlyCode(*Copy);
    if (verifyModule(*Copy, &errs()))
      return {};
    Parts.push_back(std::move(Copy));
  }
  return Parts;
}
