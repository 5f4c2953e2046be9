//===- VectorMathCalls.cpp - Vector forms of math calls in thread loops ---===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// A thread loop that calls expf, sinf, powf, ... vectorises only if the
// loop vectoriser knows a vector form of the function; otherwise it calls
// the scalar function once per lane, spilling the vector registers around
// each call (row softmax spent half its time there). This pass tells it the
// vector forms the runtime exports (runtime/backends/cpu/VectorMath.cpp:
// SLEEF's functions of at most 1.0 ulp error, within CUDA's documented
// bounds for every function listed here): each call gets the attribute
// "vector-function-abi-variant" naming __tx_vm_<name>_<lanes> for every
// width the target's vector registers hold (MaxBits: 128, 256 or 512), and
// the module declares those functions, kept with llvm.compiler.used until
// the vectoriser has seen them (as clang's -fveclib does).
//
// Only calls of math functions that CUDA code reaches through its headers
// are annotated: the llvm.* intrinsics clang emits for expf & co. and the
// C library names. A call already annotated (-fveclib) is left alone, and
// so are the calls in functions annotated "tx_scalar_math"
// (`__attribute__((annotate("tx_scalar_math")))`): code whose results must
// be bit-identical to host code using the C library (cuRAND's device API
// and its host generators). The pass runs before inlining, so that the
// attributes go wherever the calls are inlined and such functions are
// still functions of their own.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace {
/// A math function with a vector form: its name in __tx_vm_<Name>_<lanes>
/// (the float function's C name) and how many arguments it takes.
struct VectorMathFunction {
  StringRef Name;
  unsigned Arity;
};
} // namespace

/// The function Callee computes, if it has a vector form, by its C name
/// (float or double, as Ty says) or as an llvm.* intrinsic.
static std::optional<VectorMathFunction> vectorFormOf(const Function &Callee,
                                                      Type *Ty) {
  switch (Callee.getIntrinsicID()) {
  case Intrinsic::exp:
    return VectorMathFunction{"exp", 1};
  case Intrinsic::exp2:
    return VectorMathFunction{"exp2", 1};
  case Intrinsic::exp10:
    return VectorMathFunction{"exp10", 1};
  case Intrinsic::log:
    return VectorMathFunction{"log", 1};
  case Intrinsic::log2:
    return VectorMathFunction{"log2", 1};
  case Intrinsic::log10:
    return VectorMathFunction{"log10", 1};
  case Intrinsic::sin:
    return VectorMathFunction{"sin", 1};
  case Intrinsic::cos:
    return VectorMathFunction{"cos", 1};
  case Intrinsic::tan:
    return VectorMathFunction{"tan", 1};
  case Intrinsic::pow:
    return VectorMathFunction{"pow", 2};
  case Intrinsic::not_intrinsic:
    break;
  default:
    return std::nullopt;
  }
  StringRef Name = Callee.getName();
  // The float function's name is the double one's with an f.
  if (Ty->isFloatTy() && !Name.consume_back("f"))
    return std::nullopt;
  return StringSwitch<std::optional<VectorMathFunction>>(Name)
      .Cases("exp", "exp2", "exp10", "expm1", VectorMathFunction{Name, 1})
      .Cases("log", "log2", "log10", "log1p", VectorMathFunction{Name, 1})
      .Cases("sin", "cos", "tan", VectorMathFunction{Name, 1})
      .Cases("sinh", "cosh", "tanh", VectorMathFunction{Name, 1})
      .Cases("asin", "acos", "atan", VectorMathFunction{Name, 1})
      .Cases("asinh", "acosh", "atanh", VectorMathFunction{Name, 1})
      .Cases("cbrt", "erf", VectorMathFunction{Name, 1})
      .Cases("pow", "atan2", VectorMathFunction{Name, 2})
      .Default(std::nullopt);
}

/// Call, if it computes a float or double math function with a vector form.
static std::optional<VectorMathFunction> vectorFormOf(const CallInst &Call) {
  const Function *Callee = Call.getCalledFunction();
  Type *Ty = Call.getType();
  if (!Callee || !(Ty->isFloatTy() || Ty->isDoubleTy()) ||
      Call.hasFnAttr("vector-function-abi-variant") ||
      Callee->getFunctionType()->getNumParams() == 0)
    return std::nullopt;
  std::optional<VectorMathFunction> Form = vectorFormOf(*Callee, Ty);
  // SLEEF's double exp10 is documented at 1.09 ulp, CUDA's at 1.
  if (Form && Form->Name == "exp10" && Ty->isDoubleTy())
    return std::nullopt;
  if (!Form || Callee->getFunctionType()->getNumParams() != Form->Arity ||
      any_of(Callee->getFunctionType()->params(),
             [&](Type *Param) { return Param != Ty; }))
    return std::nullopt;
  return Form;
}

/// __tx_vm_<name>_<lanes>, <name> the float function's C name (expf, powf)
/// or the double one's (exp, pow).
static std::string vectorName(const VectorMathFunction &Form, Type *Ty,
                              unsigned Lanes) {
  return ("__tx_vm_" + Form.Name + (Ty->isFloatTy() ? "f" : "") + "_" +
          Twine(Lanes))
      .str();
}

/// The declaration of a vector form: no memory, no exceptions.
static Function *declareVectorForm(Module &M, StringRef Name, Type *Ty,
                                   unsigned Lanes, unsigned Arity,
                                   SmallVectorImpl<GlobalValue *> &Declared) {
  if (Function *F = M.getFunction(Name))
    return F;
  auto *VecTy = FixedVectorType::get(Ty, Lanes);
  SmallVector<Type *, 2> Params(Arity, VecTy);
  Function *F = Function::Create(FunctionType::get(VecTy, Params, false),
                                 GlobalValue::ExternalLinkage, Name, M);
  F->setDoesNotAccessMemory();
  F->setDoesNotThrow();
  F->setWillReturn();
  Declared.push_back(F);
  return F;
}

/// The functions annotated "tx_scalar_math" (llvm.global.annotations).
static SmallPtrSet<const Function *, 8> scalarMathFunctions(const Module &M) {
  SmallPtrSet<const Function *, 8> Found;
  const GlobalVariable *Annotations =
      M.getNamedGlobal("llvm.global.annotations");
  auto *List = Annotations && Annotations->hasInitializer()
                   ? dyn_cast<ConstantArray>(Annotations->getInitializer())
                   : nullptr;
  if (!List)
    return Found;
  for (const Use &Entry : List->operands()) {
    auto *Fields = dyn_cast<ConstantStruct>(Entry.get());
    if (!Fields || Fields->getNumOperands() < 2)
      continue;
    auto *F = dyn_cast<Function>(Fields->getOperand(0)->stripPointerCasts());
    auto *Text =
        dyn_cast<GlobalVariable>(Fields->getOperand(1)->stripPointerCasts());
    auto *Data = Text && Text->hasInitializer()
                     ? dyn_cast<ConstantDataArray>(Text->getInitializer())
                     : nullptr;
    if (F && Data && Data->isCString() &&
        Data->getAsCString() == "tx_scalar_math")
      Found.insert(F);
  }
  return Found;
}

PreservedAnalyses tx::VectorMathCallsPass::run(Module &M,
                                               ModuleAnalysisManager &) {
  if (MaxBits < 128)
    return PreservedAnalyses::all();
  SmallPtrSet<const Function *, 8> KeepScalar = scalarMathFunctions(M);
  SmallVector<GlobalValue *, 16> Declared;
  bool Changed = false;
  for (Function &F : M) {
    if (KeepScalar.contains(&F))
      continue;
    for (Instruction &I : instructions(F)) {
      auto *Call = dyn_cast<CallInst>(&I);
      std::optional<VectorMathFunction> Form =
          Call ? vectorFormOf(*Call) : std::nullopt;
      if (!Form)
        continue;
      Type *Ty = Call->getType();
      std::string ScalarName = Call->getCalledFunction()->getName().str();
      std::string Params(Form->Arity, 'v');
      std::string Variants;
      unsigned ElementBits = Ty->getPrimitiveSizeInBits();
      for (unsigned Bits = 128; Bits <= MaxBits; Bits *= 2) {
        unsigned Lanes = Bits / ElementBits;
        std::string Name = vectorName(*Form, Ty, Lanes);
        declareVectorForm(M, Name, Ty, Lanes, Form->Arity, Declared);
        Variants += (Variants.empty() ? "" : ",") +
                    ("_ZGV_LLVM_N" + Twine(Lanes) + Params + "_" + ScalarName +
                     "(" + Name + ")")
                        .str();
      }
      Call->addFnAttr(Attribute::get(M.getContext(),
                                     "vector-function-abi-variant", Variants));
      Changed = true;
    }
  }
  if (!Declared.empty())
    appendToCompilerUsed(M, Declared);
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
