//===- CheckSites.cpp - Source records of checked accesses ----------------===//
//
// Part of Tongxin. See CheckSites.h.
//
//===----------------------------------------------------------------------===//

#include "CheckSites.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Instruction.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace tx {

CheckSites::CheckSites(Module &M) : M(M) {
  LLVMContext &C = M.getContext();
  Type *I64 = Type::getInt64Ty(C), *I32 = Type::getInt32Ty(C);
  PointerType *Ptr = PointerType::getUnqual(C);
  // TxCheckSite and TxCheckRange of check_abi.h; a site's cache starts at
  // an empty range (Begin > End).
  SiteTy = StructType::get(C, {Ptr, Ptr, Ptr, I32, I32, I32, I32});
  StructType *RangeTy = StructType::get(C, {I64, I64});
  EmptyRange = M.getGlobalVariable("__tx_memcheck.empty", true);
  if (!EmptyRange) {
    EmptyRange = new GlobalVariable(
        M, RangeTy, /*isConstant=*/true, GlobalValue::PrivateLinkage,
        ConstantStruct::get(
            RangeTy, {ConstantInt::get(I64, ~0ull), ConstantInt::get(I64, 0)}),
        "__tx_memcheck.empty");
    EmptyRange->setAlignment(Align(16));
  }
}

bool CheckSites::isCheckerGlobal(const GlobalValue &G) {
  return G.getName().starts_with("__tx_memcheck") ||
         G.getName().starts_with("__tx_racecheck");
}

std::pair<Value *, Value *>
CheckSites::loadCachedRange(IRBuilder<> &B, Value *Site, Type *IntTy) {
  LoadInst *Range = B.CreateAlignedLoad(B.getPtrTy(), Site, Align(8));
  Range->setAtomic(AtomicOrdering::Monotonic);
  LoadInst *Begin = B.CreateAlignedLoad(IntTy, Range, Align(8));
  Begin->setAtomic(AtomicOrdering::Monotonic);
  LoadInst *End = B.CreateAlignedLoad(
      IntTy, B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Range, 8), Align(8));
  End->setAtomic(AtomicOrdering::Monotonic);
  return {Begin, End};
}

bool isTextureSampling(const Instruction &I) {
  const DILocation *Loc = I.getDebugLoc().get();
  return Loc && Loc->getFilename().ends_with("tongxin/device_textures.h");
}

bool isWarpMatrixArea(const Value *V) {
  auto *Call = dyn_cast<CallInst>(V);
  Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  return Callee && Callee->getName() == "__tx_warp_matrix_areas";
}

Function *addCheckConstructor(Module &M, const Twine &Name, IRBuilder<> &B) {
  LLVMContext &C = M.getContext();
  Function *Ctor =
      Function::Create(FunctionType::get(Type::getVoidTy(C), false),
                       GlobalValue::InternalLinkage, Name, M);
  B.SetInsertPoint(ReturnInst::Create(C, BasicBlock::Create(C, "", Ctor)));
  appendToGlobalCtors(M, Ctor, /*Priority=*/65535);
  return Ctor;
}

void announceCheckTool(Module &M, StringRef Tool) {
  IRBuilder<> B(M.getContext());
  addCheckConstructor(M, "__tx_check_start." + Tool, B);
  FunctionCallee Start =
      M.getOrInsertFunction("__tx_check_start", B.getVoidTy(), B.getPtrTy());
  B.CreateCall(Start, {B.CreateGlobalStringPtr(Tool, "__tx_check.tool")});
}

Constant *CheckSites::stringConstant(StringRef Text) {
  auto It = Strings.find(Text);
  if (It != Strings.end())
    return It->second;
  Constant *Init = ConstantDataArray::getString(M.getContext(), Text);
  auto *G =
      new GlobalVariable(M, Init->getType(), true, GlobalValue::PrivateLinkage,
                         Init, "__tx_memcheck.str");
  G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  Strings[Text] = G;
  return G;
}

/// A line of Tongxin's own device headers (atomicAdd's body, a texture
/// fetch): the user's call of that function is the access to name.
static bool inTongxinHeader(const DILocation &Loc) {
  return Loc.getFilename().contains("include/tongxin/") ||
         Loc.getDirectory().ends_with("include/tongxin");
}

/// The source position and function of an access, innermost first (the
/// line of the access itself, also inside an inlined device function of
/// the program; for Tongxin's own device functions, the line calling them).
static void sourceOf(const Instruction &I, std::string &Path, unsigned &Line,
                     unsigned &Column, StringRef &Function) {
  Function = I.getFunction()->getName();
  const DILocation *Loc = I.getDebugLoc().get();
  while (Loc && Loc->getInlinedAt() && inTongxinHeader(*Loc))
    Loc = Loc->getInlinedAt();
  if (!Loc)
    return;
  StringRef File = Loc->getFilename(), Dir = Loc->getDirectory();
  Path = File.str();
  if (!File.empty() && !File.starts_with("/") && !Dir.empty())
    Path = (Dir + "/" + File).str();
  Line = Loc->getLine();
  Column = Loc->getColumn();
  // Inside an inlined function, that function's (line tables carry only
  // its plain name); else the enclosing function's mangled name, which the
  // runtime demangles.
  if (Loc->getInlinedAt())
    if (const DISubprogram *SP = Loc->getScope()->getSubprogram()) {
      StringRef Linkage = SP->getLinkageName();
      Function = Linkage.empty() ? SP->getName() : Linkage;
    }
}

GlobalVariable *CheckSites::siteFor(const Instruction &I, uint32_t Flags,
                                    uint64_t Alignment) {
  std::string Path;
  StringRef Function;
  unsigned Line = 0, Column = 0;
  sourceOf(I, Path, Line, Column, Function);
  Type *I32 = Type::getInt32Ty(M.getContext());
  Constant *Init = ConstantStruct::get(
      SiteTy, {EmptyRange, stringConstant(Function), stringConstant(Path),
               ConstantInt::get(I32, Line), ConstantInt::get(I32, Column),
               ConstantInt::get(I32, Flags), ConstantInt::get(I32, Alignment)});
  auto *Site = new GlobalVariable(M, SiteTy, false, GlobalValue::PrivateLinkage,
                                  Init, "__tx_memcheck.site");
  Site->setAlignment(Align(8));
  return Site;
}

} // namespace tx
