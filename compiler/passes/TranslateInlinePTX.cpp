//===- TranslateInlinePTX.cpp - asm("...") in device code as LLVM IR ------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// CUDA code drops into PTX with `asm volatile("...")`: CUB reads %laneid and
// shuffles with predicates, libcu++ spells atomics with memory orders, and
// hand-tuned kernels use bfe, prmt, lop3, mul.wide or add.cc chains. A CPU
// cannot run PTX, so on the CPU path this pass translates each asm
// statement into IR before anything else looks at the module: every
// register (an asm operand, a `.reg` declaration, the carry flag) becomes an
// alloca, every instruction the IR of its semantics -- NVVM intrinsics where
// Tongxin already lowers one (shuffles, votes, thread geometry, barriers),
// plain IR otherwise. Guards (`@p`) and branches become control flow. SROA
// later turns the allocas into SSA values, so the result is as if the code
// had been written in CUDA C++.
//
// An instruction Tongxin has no semantics for is a compile error naming it
// at the asm statement's source line; nothing is guessed. The PTX path never
// runs this pass: there the asm reaches ptxas unchanged.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "PtxTranslator.h"
#include "TongxinPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace tx::ptx;

#define DEBUG_TYPE "tx-translate-inline-ptx"

STATISTIC(NumTranslated, "Inline PTX statements translated to IR");

llvm::Type *PtxType::get(LLVMContext &C) const {
  llvm::Type *Element;
  if (Kind == 'p')
    return llvm::Type::getInt1Ty(C);
  if (Kind == 'h')
    Element = llvm::Type::getBFloatTy(C);
  else if (Kind == 'f')
    Element = Bits == 16   ? llvm::Type::getHalfTy(C)
              : Bits == 32 ? llvm::Type::getFloatTy(C)
                           : llvm::Type::getDoubleTy(C);
  else
    Element = IntegerType::get(C, Bits);
  return Lanes == 1 ? Element : FixedVectorType::get(Element, Lanes);
}

std::optional<PtxType> PtxType::parse(StringRef Name) {
  if (Name == "pred")
    return PtxType{'p', 1, 1};
  if (Name == "f16x2")
    return PtxType{'f', 16, 2};
  if (Name == "bf16x2")
    return PtxType{'h', 16, 2};
  if (Name == "bf16")
    return PtxType{'h', 16, 1};
  if (Name.size() < 2 || !StringRef("usbf").contains(Name[0]))
    return std::nullopt;
  unsigned Bits;
  if (Name.drop_front().getAsInteger(10, Bits))
    return std::nullopt;
  bool Valid = Name[0] == 'f' ? (Bits == 16 || Bits == 32 || Bits == 64)
                              : (Bits == 8 || Bits == 16 || Bits == 32 ||
                                 Bits == 64 || (Name[0] == 'b' && Bits == 128));
  if (!Valid)
    return std::nullopt;
  return PtxType{Name[0], Bits, 1};
}

Translator::Translator(CallInst &Asm, std::string &Error)
    : B(&Asm), M(*Asm.getModule()), C(Asm.getContext()), Asm(Asm),
      Error(Error) {}

bool Translator::fail(const Twine &Message) {
  Error = Message.str();
  return false;
}

bool Translator::unsupported(const PtxInstruction &I) {
  std::string Name = I.Opcode;
  for (const std::string &Mod : I.Modifiers)
    Name += "." + Mod;
  return fail("inline PTX instruction '" + Name +
              "' is not supported on the CPU backend");
}

std::optional<PtxType> Translator::typeOf(const PtxInstruction &I,
                                          unsigned FromEnd) {
  for (const std::string &Mod : reverse(I.Modifiers)) {
    if (std::optional<PtxType> T = PtxType::parse(Mod)) {
      if (FromEnd == 0)
        return T;
      --FromEnd;
    }
  }
  fail("inline PTX instruction '" + I.Text + "' has no operand type");
  return std::nullopt;
}

/// Registers live at the top of the entry block, where SROA finds them.
AllocaInst *Translator::newSlot(llvm::Type *Ty, const Twine &Name) {
  BasicBlock &Entry = Asm.getFunction()->getEntryBlock();
  return new AllocaInst(Ty, M.getDataLayout().getAllocaAddrSpace(), Name,
                        Entry.begin());
}

AllocaInst *Translator::lookup(StringRef Name) {
  for (auto &Scope : reverse(Scopes))
    if (AllocaInst *Slot = Scope.lookup(Name))
      return Slot;
  return nullptr;
}

/// Outputs come first in the operand numbering, then inputs; an input
/// constraint that is a number ("0") ties it to that output, whose slot
/// then starts with the input's value.
bool Translator::bindOperands() {
  auto *IA = cast<InlineAsm>(Asm.getCalledOperand());
  llvm::Type *RetTy = Asm.getType();
  SmallVector<llvm::Type *, 4> OutTypes;
  if (auto *ST = dyn_cast<StructType>(RetTy))
    append_range(OutTypes, ST->elements());
  else if (!RetTy->isVoidTy())
    OutTypes.push_back(RetTy);
  unsigned InputIndex = 0;
  for (const InlineAsm::ConstraintInfo &CI : IA->ParseConstraints()) {
    if (CI.Type == InlineAsm::isClobber)
      continue;
    if (CI.isIndirect)
      return fail("inline PTX with memory operands ('m') is not supported on "
                  "the CPU backend");
    if (CI.Type == InlineAsm::isOutput) {
      if (NumOutputs >= OutTypes.size())
        return fail("malformed inline asm outputs");
      Outputs.push_back(newSlot(OutTypes[NumOutputs], "ptx.out"));
      ++NumOutputs;
      continue;
    }
    Value *In = Asm.getArgOperand(InputIndex++);
    unsigned Tied;
    if (CI.Codes.size() == 1 &&
        !StringRef(CI.Codes[0]).getAsInteger(10, Tied)) {
      if (Tied >= Outputs.size())
        return fail("malformed tied inline asm operand");
      B.CreateStore(convert(In, Outputs[Tied]->getAllocatedType(), false),
                    Outputs[Tied]);
    }
    Inputs.push_back(In);
  }
  return true;
}

bool Translator::declare(const Statement &S) {
  std::optional<PtxType> T = PtxType::parse(S.TypeName);
  if (!T)
    return fail("unsupported register type '." + S.TypeName + "'");
  for (const std::string &Name : S.Names)
    Scopes.back()[Name] = newSlot(T->get(C), "ptx." + Name);
  return true;
}

BasicBlock *Translator::labelBlock(StringRef Name) {
  BasicBlock *&BB = Labels[Name];
  if (!BB)
    BB = BasicBlock::Create(C, "ptx." + Name, Asm.getFunction(), Exit);
  return BB;
}

bool Translator::branchTo(StringRef Label, Value *Cond) {
  BasicBlock *Target = labelBlock(Label);
  BasicBlock *Next = BasicBlock::Create(C, "ptx.next", Asm.getFunction(), Exit);
  if (Cond)
    B.CreateCondBr(Cond, Target, Next);
  else
    B.CreateBr(Target);
  B.SetInsertPoint(Next);
  return true;
}

void Translator::endUnreachable() {
  B.CreateUnreachable();
  B.SetInsertPoint(BasicBlock::Create(C, "ptx.next", Asm.getFunction(), Exit));
}

/// Whether a guarded I may run whatever its guard, with its results
/// selected: it only computes registers from registers (no memory, no
/// control, no lanes of other threads, no carry flag) and cannot trap.
/// CUB's warp reductions guard the step's add (`@p add.f64 r0, r0, %4;`):
/// as a select, the chain of shuffles stays in one block, where
/// FuseWarpShuffles can fuse it.
static bool isSpeculatable(const PtxInstruction &I) {
  static const StringSet<> Pure = {
      "add",  "sub",  "mul",  "mad",   "fma",      "min",  "max",  "neg",
      "abs",  "and",  "or",   "xor",   "not",      "cnot", "shl",  "shr",
      "mov",  "selp", "setp", "cvt",   "bfe",      "bfi",  "prmt", "lop3",
      "popc", "clz",  "brev", "bfind", "copysign", "rcp",  "sqrt", "rsqrt",
      "ex2",  "lg2",  "sin",  "cos",   "tanh"};
  if (!Pure.contains(I.Opcode) || I.has("cc"))
    return false;
  return none_of(I.Operands, [](const Operand &Op) {
    return Op.K == Operand::Kind::Address;
  });
}

/// Where SpeculatedGuard is set, New for lanes that pass the guard and the
/// register's current value for the others.
Value *Translator::guardedValue(AllocaInst *Slot, Value *New) {
  if (!SpeculatedGuard)
    return New;
  Value *Old = B.CreateLoad(Slot->getAllocatedType(), Slot);
  return B.CreateSelect(SpeculatedGuard, New, Old);
}

bool Translator::instruction(const PtxInstruction &I) {
  if (I.Guard.empty())
    return emitInstruction(*this, I);
  Operand GuardOp;
  GuardOp.K = Operand::Kind::Register;
  GuardOp.Name = I.Guard;
  GuardOp.Negated = I.GuardNegated;
  Value *Guard = read(GuardOp, PtxType{'p', 1, 1});
  if (!Guard)
    return false;
  if (I.Opcode == "bra") {
    if (I.Operands.size() != 1 || I.Operands[0].K != Operand::Kind::Register)
      return fail("malformed branch '" + I.Text + "'");
    return branchTo(I.Operands[0].Name, Guard);
  }
  if (isSpeculatable(I)) {
    SpeculatedGuard = Guard;
    bool Ok = emitInstruction(*this, I);
    SpeculatedGuard = nullptr;
    return Ok;
  }
  BasicBlock *Then =
      BasicBlock::Create(C, "ptx.guarded", Asm.getFunction(), Exit);
  BasicBlock *Join = BasicBlock::Create(C, "ptx.join", Asm.getFunction(), Exit);
  B.CreateCondBr(Guard, Then, Join);
  B.SetInsertPoint(Then);
  if (!emitInstruction(*this, I))
    return false;
  B.CreateBr(Join);
  B.SetInsertPoint(Join);
  return true;
}

bool Translator::emit(const std::vector<Statement> &Statements) {
  // The asm's code goes between the block's head and a new tail that
  // starts at the asm call, so guards and branches can make blocks.
  BasicBlock *Head = Asm.getParent();
  Exit = Head->splitBasicBlock(&Asm, "ptx.end");
  Head->getTerminator()->eraseFromParent();
  B.SetInsertPoint(Head);
  Scopes.emplace_back();
  if (!bindOperands())
    return false;
  for (const Statement &S : Statements) {
    bool Ok = true;
    switch (S.K) {
    case Statement::Kind::Open:
      Scopes.emplace_back();
      break;
    case Statement::Kind::Close:
      if (Scopes.size() == 1)
        return fail("unbalanced '}' in inline PTX");
      Scopes.pop_back();
      break;
    case Statement::Kind::RegisterDeclaration:
      Ok = declare(S);
      break;
    case Statement::Kind::Label: {
      if (!PlacedLabels.insert(S.LabelName).second)
        return fail("inline PTX defines label '" + S.LabelName + "' twice");
      BasicBlock *Target = labelBlock(S.LabelName);
      B.CreateBr(Target);
      B.SetInsertPoint(Target);
      break;
    }
    case Statement::Kind::Instruction:
      Ok = instruction(S.Instr);
      break;
    }
    if (!Ok)
      return false;
  }
  B.CreateBr(Exit);
  // A label's block is empty until the label's statement placed it.
  for (auto &Label : Labels)
    if (Label.second->empty())
      return fail("inline PTX branches to undefined label '" + Label.first() +
                  "'");
  B.SetInsertPoint(&Asm);
  return true;
}

Value *Translator::result() {
  llvm::Type *RetTy = Asm.getType();
  if (RetTy->isVoidTy())
    return nullptr;
  if (NumOutputs == 1 && !RetTy->isStructTy())
    return B.CreateLoad(RetTy, Outputs[0]);
  Value *Agg = PoisonValue::get(RetTy);
  for (unsigned I = 0; I < NumOutputs; ++I)
    Agg = B.CreateInsertValue(
        Agg, B.CreateLoad(Outputs[I]->getAllocatedType(), Outputs[I]), I);
  return Agg;
}

Value *Translator::convert(Value *V, llvm::Type *To, bool Signed) {
  llvm::Type *From = V->getType();
  if (From == To)
    return V;
  const DataLayout &DL = M.getDataLayout();
  if (From->isPointerTy()) {
    V = B.CreatePtrToInt(V, B.getIntNTy(DL.getPointerSizeInBits()));
    From = V->getType();
  }
  if (To->isPointerTy())
    return B.CreateIntToPtr(convert(V, B.getInt64Ty(), false), To);
  if (To->isIntegerTy(1))
    return B.CreateICmpNE(
        convert(V, B.getIntNTy(From->getPrimitiveSizeInBits()), false),
        ConstantInt::get(B.getIntNTy(From->getPrimitiveSizeInBits()), 0));
  unsigned FromBits = From->getPrimitiveSizeInBits();
  unsigned ToBits = To->getPrimitiveSizeInBits();
  if (FromBits == ToBits)
    return B.CreateBitCast(V, To);
  Value *Bits = B.CreateBitCast(V, B.getIntNTy(FromBits));
  Bits = FromBits > ToBits ? B.CreateTrunc(Bits, B.getIntNTy(ToBits))
         : Signed          ? B.CreateSExt(Bits, B.getIntNTy(ToBits))
                           : B.CreateZExt(Bits, B.getIntNTy(ToBits));
  return B.CreateBitCast(Bits, To);
}

Value *Translator::read(const Operand &Op, PtxType T) {
  llvm::Type *Ty = T.get(C);
  Value *V = nullptr;
  switch (Op.K) {
  case Operand::Kind::AsmOperand:
    if (Op.AsmIndex < NumOutputs)
      V = B.CreateLoad(Outputs[Op.AsmIndex]->getAllocatedType(),
                       Outputs[Op.AsmIndex]);
    else if (Op.AsmIndex - NumOutputs < Inputs.size())
      V = Inputs[Op.AsmIndex - NumOutputs];
    else
      return fail("inline PTX names operand $" + Twine(Op.AsmIndex) +
                  ", which the asm statement does not have"),
             nullptr;
    break;
  case Operand::Kind::Register:
    if (AllocaInst *Slot = lookup(Op.Name)) {
      V = B.CreateLoad(Slot->getAllocatedType(), Slot);
    } else {
      V = specialRegister(Op.Name);
      if (!V)
        return fail("inline PTX reads unknown register '" + Op.Name + "'"),
               nullptr;
    }
    break;
  case Operand::Kind::Integer:
    if (T.isFloat()) {
      V = ConstantFP::get(Ty, double(Op.Int));
    } else {
      V = ConstantInt::get(Ty, Op.Int, true); // integer types are scalar
    }
    break;
  case Operand::Kind::Float:
    if (Op.FloatBitWidth == 0) {
      V = ConstantFP::get(Ty, Op.FloatValue);
    } else {
      llvm::Type *LitTy =
          Op.FloatBitWidth == 32 ? B.getFloatTy() : B.getDoubleTy();
      V = ConstantExpr::getBitCast(
          ConstantInt::get(B.getIntNTy(Op.FloatBitWidth), Op.FloatBits), LitTy);
      if (T.isFloat() && T.Lanes == 1 && LitTy != Ty)
        V = B.CreateFPCast(V, Ty);
    }
    break;
  default:
    return fail("unexpected operand in inline PTX"), nullptr;
  }
  V = convert(V, Ty, T.isSigned());
  if (Op.Negated)
    V = B.CreateNot(V);
  return V;
}

bool Translator::write(const Operand &Op, Value *V) {
  switch (Op.K) {
  case Operand::Kind::Sink:
    return true;
  case Operand::Kind::AsmOperand:
    if (Op.AsmIndex >= NumOutputs)
      return fail("inline PTX writes input operand $" + Twine(Op.AsmIndex));
    B.CreateStore(
        guardedValue(
            Outputs[Op.AsmIndex],
            convert(V, Outputs[Op.AsmIndex]->getAllocatedType(), false)),
        Outputs[Op.AsmIndex]);
    return true;
  case Operand::Kind::Register:
    if (AllocaInst *Slot = lookup(Op.Name)) {
      B.CreateStore(
          guardedValue(Slot, convert(V, Slot->getAllocatedType(), false)),
          Slot);
      return true;
    }
    return fail("inline PTX writes undeclared register '" + Op.Name + "'");
  default:
    return fail("inline PTX writes to an operand that is not a register");
  }
}

bool Translator::writePaired(const Operand &Op, Value *Pred) {
  if (Op.PairedPredicate.empty())
    return true;
  Operand P;
  P.K = Operand::Kind::Register;
  P.Name = Op.PairedPredicate;
  return write(P, Pred);
}

Value *Translator::carry() {
  if (!CarryFlag)
    return B.getInt1(false);
  return B.CreateLoad(B.getInt1Ty(), CarryFlag);
}

void Translator::setCarry(Value *Bit) {
  if (!CarryFlag) {
    CarryFlag = newSlot(B.getInt1Ty(), "ptx.cc");
    (new StoreInst(B.getInt1(false), CarryFlag, false, Align(1)))
        ->insertAfter(CarryFlag);
  }
  B.CreateStore(Bit, CarryFlag);
}

Value *Translator::callIntrinsic(unsigned ID, ArrayRef<Value *> Args,
                                 ArrayRef<llvm::Type *> Types) {
  return B.CreateCall(Intrinsic::getDeclaration(&M, ID, Types), Args);
}

/// The block's shared memory, as SharedMemoryLayout names it.
static Value *sharedBase(IRBuilder<> &B, Module &M) {
  FunctionCallee Base = M.getOrInsertFunction(tx::SharedBaseName, B.getPtrTy());
  auto *BaseFn = cast<Function>(Base.getCallee());
  BaseFn->setDoesNotAccessMemory();
  BaseFn->setDoesNotThrow();
  BaseFn->setWillReturn();
  BaseFn->setSpeculatable();
  return B.CreateCall(Base);
}

// A .shared address is an offset in the block's shared memory, as on a GPU
// (where generic addresses of shared memory lie in a window).
Value *Translator::sharedToGeneric(Value *WindowAddress) {
  return B.CreateGEP(B.getInt8Ty(), sharedBase(B, M),
                     convert(WindowAddress, B.getInt64Ty(), false));
}

Value *Translator::genericToShared(Value *Pointer, unsigned Bits) {
  Value *Offset =
      B.CreateSub(convert(Pointer, B.getInt64Ty(), false),
                  B.CreatePtrToInt(sharedBase(B, M), B.getInt64Ty()));
  return convert(Offset, B.getIntNTy(Bits), false);
}

Value *Translator::address(const Operand &Op, StringRef Space) {
  if (Op.K != Operand::Kind::Address || Op.Elements.size() != 1)
    return fail("expected an address operand"), nullptr;
  if (Space == "local" || Space == "param")
    return fail("inline PTX ." + Space +
                " addresses are not supported on the CPU backend"),
           nullptr;
  const Operand &Base = Op.Elements[0];
  // A 32-bit register or operand in .shared is a window address; a C++
  // pointer ("l" of a pointer) is used as the generic address it is.
  Value *V = Base.K == Operand::Kind::Integer ? B.getInt64(Base.Int)
                                              : read(Base, PtxType{'b', 64, 1});
  if (!V)
    return nullptr;
  bool IsPointer = false;
  if (Base.K == Operand::Kind::AsmOperand && Base.AsmIndex >= NumOutputs &&
      Base.AsmIndex - NumOutputs < Inputs.size())
    IsPointer = Inputs[Base.AsmIndex - NumOutputs]->getType()->isPointerTy();
  Value *Ptr = Space == "shared" && !IsPointer
                   ? sharedToGeneric(V)
                   : B.CreateIntToPtr(V, B.getPtrTy());
  if (Op.Offset)
    Ptr = B.CreateGEP(B.getInt8Ty(), Ptr, B.getInt64(Op.Offset));
  return Ptr;
}

Value *Translator::laneId() {
  return callIntrinsic(Intrinsic::nvvm_read_ptx_sreg_laneid, {});
}

/// The special registers PTX code reads, in their own types; null for
/// one Tongxin does not model.
Value *Translator::specialRegister(StringRef Name) {
  static const StringMap<Intrinsic::ID> Geometry = {
      {"%tid.x", Intrinsic::nvvm_read_ptx_sreg_tid_x},
      {"%tid.y", Intrinsic::nvvm_read_ptx_sreg_tid_y},
      {"%tid.z", Intrinsic::nvvm_read_ptx_sreg_tid_z},
      {"%ntid.x", Intrinsic::nvvm_read_ptx_sreg_ntid_x},
      {"%ntid.y", Intrinsic::nvvm_read_ptx_sreg_ntid_y},
      {"%ntid.z", Intrinsic::nvvm_read_ptx_sreg_ntid_z},
      {"%ctaid.x", Intrinsic::nvvm_read_ptx_sreg_ctaid_x},
      {"%ctaid.y", Intrinsic::nvvm_read_ptx_sreg_ctaid_y},
      {"%ctaid.z", Intrinsic::nvvm_read_ptx_sreg_ctaid_z},
      {"%nctaid.x", Intrinsic::nvvm_read_ptx_sreg_nctaid_x},
      {"%nctaid.y", Intrinsic::nvvm_read_ptx_sreg_nctaid_y},
      {"%nctaid.z", Intrinsic::nvvm_read_ptx_sreg_nctaid_z},
      {"%laneid", Intrinsic::nvvm_read_ptx_sreg_laneid},
      {"%warpid", Intrinsic::nvvm_read_ptx_sreg_warpid},
      {"%clock", Intrinsic::nvvm_read_ptx_sreg_clock},
      {"%clock64", Intrinsic::nvvm_read_ptx_sreg_clock64},
      {"%globaltimer", Intrinsic::nvvm_read_ptx_sreg_globaltimer},
  };
  auto It = Geometry.find(Name);
  if (It != Geometry.end())
    return callIntrinsic(It->second, {});
  if (Name == "WARP_SZ")
    return B.getInt32(32);
  if (Name == "%nwarpid") {
    Value *Threads = B.CreateMul(
        B.CreateMul(specialRegister("%ntid.x"), specialRegister("%ntid.y")),
        specialRegister("%ntid.z"));
    return B.CreateLShr(B.CreateAdd(Threads, B.getInt32(31)), 5);
  }
  // Any SM number below %nsmid is valid; a CPU device runs on one.
  if (Name == "%smid" || Name == "%gridid")
    return Name == "%smid" ? B.getInt32(0) : B.getInt64(0);
  if (Name == "%nsmid")
    return B.getInt32(1);
  if (Name == "%globaltimer_lo" || Name == "%globaltimer_hi") {
    Value *Ns = specialRegister("%globaltimer");
    if (Name.ends_with("hi"))
      Ns = B.CreateLShr(Ns, 32);
    return B.CreateTrunc(Ns, B.getInt32Ty());
  }
  if (Name.starts_with("%lanemask_")) {
    Value *Bit = B.CreateShl(B.getInt32(1), laneId());
    StringRef Kind = Name.drop_front(strlen("%lanemask_"));
    if (Kind == "eq")
      return Bit;
    if (Kind == "lt")
      return B.CreateSub(Bit, B.getInt32(1));
    if (Kind == "le")
      return B.CreateOr(Bit, B.CreateSub(Bit, B.getInt32(1)));
    if (Kind == "gt")
      return B.CreateNot(B.CreateOr(Bit, B.CreateSub(Bit, B.getInt32(1))));
    if (Kind == "ge")
      return B.CreateNot(B.CreateSub(Bit, B.getInt32(1)));
  }
  return nullptr;
}

/// Statements that are only a compiler barrier (`asm volatile("" :::
/// "memory")`) have nothing to translate and stay.
static bool isEmptyAsm(const InlineAsm &IA) {
  return StringRef(IA.getAsmString()).trim().empty();
}

static void diagnose(CallInst &Call, const Twine &Message) {
  Function &F = *Call.getFunction();
  F.getContext().diagnose(
      DiagnosticInfoUnsupported(F, Message, Call.getDebugLoc()));
}

static bool translate(CallInst &Call) {
  auto &IA = *cast<InlineAsm>(Call.getCalledOperand());
  std::vector<Statement> Statements;
  std::string Error;
  if (!parse(IA.getAsmString(), Statements, Error)) {
    diagnose(Call, "cannot read inline PTX: " + Error);
    return false;
  }
  Translator T(Call, Error);
  if (!T.emit(Statements)) {
    diagnose(Call, Error);
    // Blocks the translation left open end here, so the (reported) module
    // stays valid for the diagnostics of other statements.
    for (BasicBlock &BB : *Call.getFunction())
      if (!BB.getTerminator())
        new UnreachableInst(BB.getContext(), &BB);
    return false;
  }
  if (Value *Result = T.result())
    Call.replaceAllUsesWith(Result);
  Call.eraseFromParent();
  ++NumTranslated;
  return true;
}

PreservedAnalyses tx::TranslateInlinePTXPass::run(Module &M,
                                                  ModuleAnalysisManager &) {
  SmallVector<CallInst *, 16> Calls;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallInst>(&I))
        if (auto *IA = dyn_cast<InlineAsm>(Call->getCalledOperand()))
          if (!isEmptyAsm(*IA))
            Calls.push_back(Call);
  if (Calls.empty())
    return PreservedAnalyses::all();
  for (CallInst *Call : Calls)
    if (!translate(*Call)) {
      // Reported; keep the IR valid for the remaining diagnostics.
      if (!Call->getType()->isVoidTy())
        Call->replaceAllUsesWith(PoisonValue::get(Call->getType()));
      Call->eraseFromParent();
    }
  return PreservedAnalyses::none();
}
