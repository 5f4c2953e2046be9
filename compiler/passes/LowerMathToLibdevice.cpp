//===- LowerMathToLibdevice.cpp - Math for the PTX path -------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Tongxin's headers express device math as generic LLVM intrinsics
// (llvm.sin.f32, ...) and C library calls (erff, ...), which the CPU backends
// compile to libm. The NVPTX backend has no instructions for most of them;
// NVIDIA's libdevice bitcode implements them as __nv_<name>. This pass
// redirects each one to its libdevice function; tx-opt then links libdevice
// in. Intrinsics PTX has instructions for (sqrt, fma, fabs, floor, ...) stay.
// The fast intrinsics (__sinf, __expf, ...) and rsqrtf arrive as calls of
// __tx_fast_<name> and __tx_rsqrtf, whose bodies are the accurate
// functions the CPU path inlines; here they become libdevice's
// __nv_fast_<name> and __nv_rsqrtf, the approximations nvcc uses.
// frem (fmod) goes to libdevice too: the NVPTX backend expands it as
// x - trunc(x / y) * y, which is wrong wherever x / y is not exact (a huge
// quotient, a subnormal divisor).
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "TongxinPasses.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "tx-libdevice-math"

/// The libdevice base name for a math intrinsic PTX cannot execute, or
/// null when the backend handles it.
static const char *libdeviceName(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::sin:
    return "sin";
  case Intrinsic::cos:
    return "cos";
  case Intrinsic::tan:
    return "tan";
  case Intrinsic::asin:
    return "asin";
  case Intrinsic::acos:
    return "acos";
  case Intrinsic::atan:
    return "atan";
  case Intrinsic::sinh:
    return "sinh";
  case Intrinsic::cosh:
    return "cosh";
  case Intrinsic::tanh:
    return "tanh";
  case Intrinsic::exp:
    return "exp";
  case Intrinsic::exp2:
    return "exp2";
  case Intrinsic::exp10:
    return "exp10";
  case Intrinsic::log:
    return "log";
  case Intrinsic::log2:
    return "log2";
  case Intrinsic::log10:
    return "log10";
  case Intrinsic::pow:
    return "pow";
  case Intrinsic::powi:
    return "powi";
  case Intrinsic::ldexp:
    return "ldexp";
  case Intrinsic::lround:
    return "llround";
  case Intrinsic::llround:
    return "llround";
  default:
    return nullptr;
  }
}

/// "__nv_sin" for double, "__nv_sinf" for float.
static std::string libdeviceSymbol(StringRef Base, Type *FloatTy) {
  return ("__nv_" + Base + (FloatTy->isFloatTy() ? "f" : "")).str();
}

/// Rewrites a math intrinsic call to libdevice. frexp returns a pair in
/// LLVM but writes the exponent through a pointer in libdevice.
static bool lowerIntrinsic(IntrinsicInst &II) {
  Module &M = *II.getModule();
  IRBuilder<> B(&II);
  if (II.getIntrinsicID() == Intrinsic::frexp) {
    Type *FTy = II.getArgOperand(0)->getType();
    if (!FTy->isFloatTy() && !FTy->isDoubleTy())
      return false;
    FunctionCallee F = M.getOrInsertFunction(libdeviceSymbol("frexp", FTy), FTy,
                                             FTy, B.getPtrTy());
    // In the entry block: a dynamic alloca would need stacksave, which
    // NVPTX cannot select.
    IRBuilder<> Entry(
        &*II.getFunction()->getEntryBlock().getFirstInsertionPt());
    AllocaInst *Exp = Entry.CreateAlloca(B.getInt32Ty());
    Value *Mant = B.CreateCall(F, {II.getArgOperand(0), Exp});
    Value *Pair = B.CreateInsertValue(PoisonValue::get(II.getType()), Mant, 0);
    Pair = B.CreateInsertValue(Pair, B.CreateLoad(B.getInt32Ty(), Exp), 1);
    II.replaceAllUsesWith(Pair);
    II.eraseFromParent();
    return true;
  }
  const char *Base = libdeviceName(II.getIntrinsicID());
  if (!Base)
    return false;
  Type *FTy = II.getArgOperand(0)->getType();
  if (!FTy->isFloatTy() && !FTy->isDoubleTy())
    return false; // Vector or half forms are left to the backend.
  SmallVector<Value *, 2> Args(II.args());
  SmallVector<Type *, 2> Types;
  for (Value *A : Args)
    Types.push_back(A->getType());
  Type *RetTy = II.getType();
  bool RoundsToInteger = II.getIntrinsicID() == Intrinsic::lround ||
                         II.getIntrinsicID() == Intrinsic::llround;
  if (RoundsToInteger)
    RetTy = B.getInt64Ty();
  FunctionCallee F = M.getOrInsertFunction(
      libdeviceSymbol(Base, FTy), FunctionType::get(RetTy, Types, false));
  Value *Result = B.CreateCall(F, Args);
  if (RoundsToInteger)
    Result = B.CreateSExtOrTrunc(Result, II.getType());
  II.replaceAllUsesWith(Result);
  II.eraseFromParent();
  return true;
}

/// The libdevice function standing in for Tongxin's fast-math function
/// Name on a GPU, or an empty name.
static std::string libdeviceFastName(StringRef Name) {
  if (Name.consume_front("__tx_fast_"))
    return ("__nv_fast_" + Name).str();
  if (Name == "__tx_rsqrtf")
    return "__nv_rsqrtf";
  return "";
}

/// Points every use of a fast-math function at its libdevice twin.
static bool redirectFastMath(Module &M) {
  bool Changed = false;
  for (Function &F : make_early_inc_range(M)) {
    std::string Target = libdeviceFastName(F.getName());
    if (Target.empty())
      continue;
    FunctionCallee Twin = M.getOrInsertFunction(Target, F.getFunctionType());
    F.replaceAllUsesWith(Twin.getCallee());
    F.eraseFromParent();
    Changed = true;
  }
  return Changed;
}

/// Replaces a scalar float or double frem with libdevice's exact fmod.
static bool lowerRemainder(BinaryOperator &Rem) {
  Type *Ty = Rem.getType();
  if (!Ty->isFloatTy() && !Ty->isDoubleTy())
    return false;
  Module &M = *Rem.getModule();
  FunctionCallee Fmod = M.getOrInsertFunction(
      Ty->isFloatTy() ? "__nv_fmodf" : "__nv_fmod", Ty, Ty, Ty);
  IRBuilder<> B(&Rem);
  Rem.replaceAllUsesWith(
      B.CreateCall(Fmod, {Rem.getOperand(0), Rem.getOperand(1)}));
  Rem.eraseFromParent();
  return true;
}

PreservedAnalyses tx::LowerMathToLibdevicePass::run(Module &M,
                                                    ModuleAnalysisManager &) {
  bool Changed = false;
  SmallVector<BinaryOperator *, 4> Remainders;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (I.getOpcode() == Instruction::FRem)
        Remainders.push_back(cast<BinaryOperator>(&I));
  for (BinaryOperator *Rem : Remainders)
    Changed |= lowerRemainder(*Rem);
  Changed |= redirectFastMath(M);

  SmallVector<IntrinsicInst *, 16> Calls;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *II = dyn_cast<IntrinsicInst>(&I))
        Calls.push_back(II);
  for (IntrinsicInst *II : Calls)
    Changed |= lowerIntrinsic(*II);

  // C library math declarations: libdevice has each under __nv_<name>.
  for (Function &F : make_early_inc_range(M)) {
    StringRef Name = F.getName();
    if (!F.isDeclaration() || !isCLibraryFunction(Name) || Name == "malloc" ||
        Name == "free" || Name == "printf" || Name.starts_with("mem"))
      continue;
    std::string Target = ("__nv_" + Name).str();
    if (Function *Existing = M.getFunction(Target)) {
      F.replaceAllUsesWith(Existing);
      F.eraseFromParent();
    } else {
      F.setName(Target);
    }
    Changed = true;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
