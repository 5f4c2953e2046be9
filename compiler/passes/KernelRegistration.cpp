//===- KernelRegistration.cpp - Publish kernels and variables -------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// Builds the TxCpuModule of tongxin/abi.h from what earlier passes recorded
// (!tx.kernels, !tx.device.var) and a constructor that hands it to
// __tx_register_cpu_module(). The host object registers the same kernels and
// variables by name under the same translation-unit id, and the runtime
// joins the two.
//
//===----------------------------------------------------------------------===//

#include "TongxinPasses.h"

#include "DeviceIR.h"

#include "tongxin/abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "tx-register-kernels"

namespace {

/// The name the host object registers a kernel or variable under. The host
/// side is not compiled as -rdc (its registration must not need nvcc's
/// device link), so a file-local one has its plain name there; the
/// translation-unit id keeps two files' symbols apart in the runtime.
StringRef hostVisibleName(StringRef Name) {
  StringRef Plain = tx::withoutExternalizedPostfix(Name);
  return Plain.empty() ? Name : Plain;
}

/// Builds constants for the ABI records of one module.
class TableBuilder {
public:
  explicit TableBuilder(Module &M)
      : M(M), C(M.getContext()), Ptr(PointerType::getUnqual(C)),
        I32(Type::getInt32Ty(C)), I64(Type::getInt64Ty(C)) {
    // Layouts mirror the C structs of tongxin/abi.h field by field.
    KernelTy = StructType::get(
        C, {Ptr, Ptr, I32, I32, Ptr, Ptr, I64, I64, I64, I32, I32});
    VarTy = StructType::get(C, {Ptr, Ptr, I64, Ptr});
    ModuleTy = StructType::get(C, {I32, I32, Ptr, Ptr, Ptr, I32, I32, Ptr});
  }

  Constant *string(StringRef S) {
    auto *Init = ConstantDataArray::getString(C, S);
    return new GlobalVariable(M, Init->getType(), true,
                              GlobalValue::PrivateLinkage, Init, "tx.str");
  }

  Constant *table(Type *ElementTy, ArrayRef<Constant *> Elements,
                  const Twine &Name) {
    if (Elements.empty())
      return ConstantPointerNull::get(Ptr);
    auto *Ty = ArrayType::get(ElementTy, Elements.size());
    return new GlobalVariable(M, Ty, true, GlobalValue::PrivateLinkage,
                              ConstantArray::get(Ty, Elements), Name);
  }

  Constant *u32Array(const MDNode *Values) {
    SmallVector<uint32_t, 8> Data;
    for (const MDOperand &Op : Values->operands())
      Data.push_back(mdconst::extract<ConstantInt>(Op)->getZExtValue());
    if (Data.empty())
      return ConstantPointerNull::get(Ptr);
    auto *Init = ConstantDataArray::get(C, Data);
    return new GlobalVariable(M, Init->getType(), true,
                              GlobalValue::PrivateLinkage, Init, "tx.params");
  }

  Constant *kernel(const MDNode *Info) {
    uint64_t StaticShared = 0, DynamicOffset = 0;
    if (Info->getNumOperands() > 8)
      if (auto *Shared = dyn_cast_or_null<MDNode>(Info->getOperand(8))) {
        StaticShared = mdconst::extract<ConstantInt>(Shared->getOperand(0))
                           ->getZExtValue();
        DynamicOffset = mdconst::extract<ConstantInt>(Shared->getOperand(1))
                            ->getZExtValue();
      }
    auto *Fn = mdconst::extract<Function>(Info->getOperand(0));
    StringRef Name = cast<MDString>(Info->getOperand(1))->getString();
    uint64_t Scratch =
        mdconst::extract<ConstantInt>(Info->getOperand(2))->getZExtValue();
    uint64_t Flags =
        mdconst::extract<ConstantInt>(Info->getOperand(3))->getZExtValue();
    const auto *Sizes = cast<MDNode>(Info->getOperand(4));
    const auto *Aligns = cast<MDNode>(Info->getOperand(5));
    auto OptionalU32 = [&](unsigned Idx) -> Constant * {
      if (Idx >= Info->getNumOperands())
        return ConstantInt::get(I32, 0);
      return mdconst::extract<ConstantInt>(Info->getOperand(Idx));
    };
    return ConstantStruct::get(
        KernelTy,
        {string(hostVisibleName(Name)), Fn,
         ConstantInt::get(I32, Sizes->getNumOperands()),
         ConstantInt::get(I32, Flags), u32Array(Sizes), u32Array(Aligns),
         ConstantInt::get(I64, StaticShared),
         ConstantInt::get(I64, DynamicOffset), ConstantInt::get(I64, Scratch),
         OptionalU32(6), OptionalU32(7)});
  }

  Constant *variable(GlobalVariable &G) {
    uint64_t Size = M.getDataLayout().getTypeAllocSize(G.getValueType());
    Constant *Slot = ConstantPointerNull::get(Ptr);
    if (MDNode *MD = G.getMetadata("tx.managed.slot"))
      Slot = cast<ConstantAsMetadata>(MD->getOperand(0))->getValue();
    return ConstantStruct::get(VarTy, {string(hostVisibleName(G.getName())), &G,
                                       ConstantInt::get(I64, Size), Slot});
  }

  Module &M;
  LLVMContext &C;
  PointerType *Ptr;
  IntegerType *I32, *I64;
  StructType *KernelTy, *VarTy, *ModuleTy;
};

} // namespace

PreservedAnalyses tx::KernelRegistrationPass::run(Module &M,
                                                  ModuleAnalysisManager &) {
  TableBuilder TB(M);

  SmallVector<Constant *, 8> Kernels;
  if (NamedMDNode *MD = M.getNamedMetadata("tx.kernels"))
    for (MDNode *Info : MD->operands())
      Kernels.push_back(TB.kernel(Info));
  SmallVector<Constant *, 8> Vars;
  for (GlobalVariable &G : M.globals())
    if (G.getMetadata("tx.device.var") && !G.isDeclaration())
      Vars.push_back(TB.variable(G));
  if (Kernels.empty() && Vars.empty())
    return PreservedAnalyses::all();

  std::string Arch = Triple(M.getTargetTriple()).getArchName().str();
  Constant *Record = ConstantStruct::get(
      TB.ModuleTy,
      {ConstantInt::get(TB.I32, TX_ABI_VERSION),
       ConstantInt::get(TB.I32, Kernels.size()), TB.string(TuId),
       TB.string(Arch), TB.table(TB.KernelTy, Kernels, "tx.kernel.table"),
       ConstantInt::get(TB.I32, Vars.size()), ConstantInt::get(TB.I32, 0),
       TB.table(TB.VarTy, Vars, "tx.var.table")});
  auto *ModuleVar =
      new GlobalVariable(M, TB.ModuleTy, true, GlobalValue::PrivateLinkage,
                         Record, "tx.cpu.module");

  LLVMContext &C = M.getContext();
  FunctionCallee Register = M.getOrInsertFunction("__tx_register_cpu_module",
                                                  Type::getVoidTy(C), TB.Ptr);
  auto *Ctor =
      Function::Create(FunctionType::get(Type::getVoidTy(C), false),
                       GlobalValue::InternalLinkage, "tx.register.module", M);
  IRBuilder<> B(BasicBlock::Create(C, "entry", Ctor));
  B.CreateCall(Register, {ModuleVar});
  B.CreateRetVoid();
  appendToGlobalCtors(M, Ctor, 65535);
  return PreservedAnalyses::none();
}
