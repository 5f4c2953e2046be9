//===- PtxInstructions.cpp - The semantics of inline PTX instructions -----===//
//
// Part of Tongxin. The semantics TranslateInlinePTX gives each instruction:
// one emitter per family, each following the PTX ISA's definition (bfe's
// sign fill, shl's clamp, shfl's predicate, cvt's saturation of float ->
// int). This file dispatches by opcode, holds the helpers the families
// share and the general instructions (setp, selp, mov, cvt, the .approx
// math, trap, exit, branches); PtxArithmetic, PtxMemory and PtxWarp the
// rest.
//
//===----------------------------------------------------------------------===//

#include "DeviceIR.h"
#include "PtxTranslator.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace tx::ptx;

/// Reads operand N of I as type Ty; null (with the error set) when I has
/// too few operands.
Value *tx::ptx::operand(Translator &T, const PtxInstruction &I, unsigned N,
                        PtxType Ty) {
  if (N >= I.Operands.size())
    return T.fail("inline PTX instruction '" + I.Text + "' needs " +
                  Twine(N + 1) + " operands"),
           nullptr;
  return T.read(I.Operands[N], Ty);
}

bool tx::ptx::expectOperands(Translator &T, const PtxInstruction &I,
                             unsigned Min) {
  if (I.Operands.size() >= Min)
    return true;
  return T.fail("inline PTX instruction '" + I.Text + "' needs " + Twine(Min) +
                " operands");
}

std::optional<PtxType>
tx::ptx::typeAndOperands(Translator &T, const PtxInstruction &I, unsigned Min) {
  std::optional<PtxType> Ty = T.typeOf(I);
  if (!Ty || !expectOperands(T, I, Min))
    return std::nullopt;
  return Ty;
}

PtxType tx::ptx::u32() { return {'u', 32, 1}; }
PtxType tx::ptx::pred() { return {'p', 1, 1}; }

/// The rounding a floating-point instruction names, as the constrained
/// intrinsics spell it; nullopt for round-to-nearest-even (the default).
std::optional<RoundingMode> tx::ptx::rounding(const PtxInstruction &I) {
  for (const std::string &M : I.Modifiers) {
    if (M == "rz" || M == "rzi")
      return RoundingMode::TowardZero;
    if (M == "rm" || M == "rmi")
      return RoundingMode::TowardNegative;
    if (M == "rp" || M == "rpi")
      return RoundingMode::TowardPositive;
  }
  return std::nullopt;
}

Value *tx::ptx::saturate(Translator &T, Value *V) {
  Value *Zero = ConstantFP::get(V->getType(), 0.0);
  Value *One = ConstantFP::get(V->getType(), 1.0);
  return T.B.CreateMinNum(T.B.CreateMaxNum(V, Zero), One);
}

/// a op b for floats in the instruction's rounding mode.
Value *tx::ptx::floatBinary(Translator &T, const PtxInstruction &I,
                            llvm::Instruction::BinaryOps Op, Value *A,
                            Value *Bv) {
  std::optional<RoundingMode> Mode = rounding(I);
  Value *R;
  if (!Mode) {
    R = T.B.CreateBinOp(Op, A, Bv);
  } else {
    Intrinsic::ID ID = Op == llvm::Instruction::FAdd
                           ? Intrinsic::experimental_constrained_fadd
                       : Op == llvm::Instruction::FSub
                           ? Intrinsic::experimental_constrained_fsub
                       : Op == llvm::Instruction::FMul
                           ? Intrinsic::experimental_constrained_fmul
                           : Intrinsic::experimental_constrained_fdiv;
    R = T.B.CreateConstrainedFPBinOp(ID, A, Bv, nullptr, "", nullptr, Mode,
                                     fp::ebIgnore);
  }
  return I.has("sat") ? saturate(T, R) : R;
}

namespace {
/// The comparison setp and friends name, for a type.
Value *compare(Translator &T, StringRef Cmp, Value *A, Value *Bv, PtxType Ty) {
  IRBuilder<> &B = T.B;
  if (Ty.isFloat()) {
    CmpInst::Predicate P = StringSwitch<CmpInst::Predicate>(Cmp)
                               .Case("eq", CmpInst::FCMP_OEQ)
                               .Case("ne", CmpInst::FCMP_ONE)
                               .Case("lt", CmpInst::FCMP_OLT)
                               .Case("le", CmpInst::FCMP_OLE)
                               .Case("gt", CmpInst::FCMP_OGT)
                               .Case("ge", CmpInst::FCMP_OGE)
                               .Case("equ", CmpInst::FCMP_UEQ)
                               .Case("neu", CmpInst::FCMP_UNE)
                               .Case("ltu", CmpInst::FCMP_ULT)
                               .Case("leu", CmpInst::FCMP_ULE)
                               .Case("gtu", CmpInst::FCMP_UGT)
                               .Case("geu", CmpInst::FCMP_UGE)
                               .Case("num", CmpInst::FCMP_ORD)
                               .Case("nan", CmpInst::FCMP_UNO)
                               .Default(CmpInst::BAD_FCMP_PREDICATE);
    return P == CmpInst::BAD_FCMP_PREDICATE ? nullptr : B.CreateFCmp(P, A, Bv);
  }
  bool S = Ty.isSigned();
  CmpInst::Predicate P =
      StringSwitch<CmpInst::Predicate>(Cmp)
          .Case("eq", CmpInst::ICMP_EQ)
          .Case("ne", CmpInst::ICMP_NE)
          .Case("lt", S ? CmpInst::ICMP_SLT : CmpInst::ICMP_ULT)
          .Case("le", S ? CmpInst::ICMP_SLE : CmpInst::ICMP_ULE)
          .Case("gt", S ? CmpInst::ICMP_SGT : CmpInst::ICMP_UGT)
          .Case("ge", S ? CmpInst::ICMP_SGE : CmpInst::ICMP_UGE)
          .Case("lo", CmpInst::ICMP_ULT)
          .Case("ls", CmpInst::ICMP_ULE)
          .Case("hi", CmpInst::ICMP_UGT)
          .Case("hs", CmpInst::ICMP_UGE)
          .Default(CmpInst::BAD_ICMP_PREDICATE);
  return P == CmpInst::BAD_ICMP_PREDICATE ? nullptr : B.CreateICmp(P, A, Bv);
}

/// setp.cmp[.bool].type p[|q], a, b[, c]: p = cmp bool c, q = !cmp bool c.
bool emitSetp(Translator &T, const PtxInstruction &I) {
  auto Ty = T.typeOf(I);
  if (!Ty || I.Modifiers.empty() || !expectOperands(T, I, 3))
    return false;
  Value *A = operand(T, I, 1, *Ty), *Bv = operand(T, I, 2, *Ty);
  if (!A || !Bv)
    return false;
  Value *Test = compare(T, I.Modifiers[0], A, Bv, *Ty);
  if (!Test)
    return T.unsupported(I);
  StringRef Combine = I.Modifiers.size() > 2 ? StringRef(I.Modifiers[1]) : "";
  if (Combine != "and" && Combine != "or" && Combine != "xor")
    Combine = "";
  Value *C = nullptr;
  if (!Combine.empty() && !(C = operand(T, I, 3, pred())))
    return false;
  IRBuilder<> &B = T.B;
  auto Apply = [&](Value *V) -> Value * {
    if (Combine == "and")
      return B.CreateAnd(V, C);
    if (Combine == "or")
      return B.CreateOr(V, C);
    if (Combine == "xor")
      return B.CreateXor(V, C);
    return V;
  };
  return T.write(I.Operands[0], Apply(Test)) &&
         T.writePaired(I.Operands[0], Apply(B.CreateNot(Test)));
}

bool emitSelp(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 4);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty), *Bv = operand(T, I, 2, *Ty);
  Value *C = operand(T, I, 3, pred());
  if (!A || !Bv || !C)
    return false;
  return T.write(I.Operands[0], T.B.CreateSelect(C, A, Bv));
}

/// mov d, a; also packs `mov.b64 d, {lo, hi}` and unpacks
/// `mov.b64 {lo, hi}, a`.
bool emitMov(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 2);
  if (!Ty)
    return false;
  IRBuilder<> &B = T.B;
  const Operand &Dst = I.Operands[0], &Src = I.Operands[1];
  if (Src.K == Operand::Kind::Vector || Dst.K == Operand::Kind::Vector) {
    const Operand &Parts = Src.K == Operand::Kind::Vector ? Src : Dst;
    unsigned N = Parts.Elements.size();
    if (N < 2 || Ty->totalBits() % N)
      return T.unsupported(I);
    PtxType PartTy{'b', Ty->totalBits() / N, 1};
    Type *Whole = B.getIntNTy(Ty->totalBits());
    if (&Parts == &Src) {
      Value *R = ConstantInt::get(Whole, 0);
      for (unsigned E = 0; E < N; ++E) {
        Value *Part = T.read(Parts.Elements[E], PartTy);
        if (!Part)
          return false;
        R = B.CreateOr(R,
                       B.CreateShl(B.CreateZExt(Part, Whole), E * PartTy.Bits));
      }
      return T.write(Dst, R);
    }
    Value *V = T.read(Src, {'b', Ty->totalBits(), 1});
    if (!V)
      return false;
    for (unsigned E = 0; E < N; ++E)
      if (!T.write(Parts.Elements[E],
                   B.CreateTrunc(B.CreateLShr(V, E * PartTy.Bits),
                                 B.getIntNTy(PartTy.Bits))))
        return false;
    return true;
  }
  Value *V = T.read(Src, *Ty);
  return V && T.write(Dst, V);
}

/// cvt[.rnd][.sat].dtype.atype d, a (and cvt.rn.f16x2.f32 d, hi, lo).
/// cvt.pack.sat.{u2,s2,u4,s4,u8,s8}.s32.b32 d, a, b, c: a and b clamped to
/// the narrow type, b in d's lowest bits, a just above, then c's low bits
/// (what CUTLASS and quantised kernels pack int4 and int8 registers with);
/// cvt.pack.sat.{u16,s16}.s32 d, a, b: the two halves, no c.
bool emitCvtPack(Translator &T, const PtxInstruction &I) {
  // The narrow type: its bits, and whether it is signed.
  unsigned Bits = 0;
  bool Signed = false;
  for (const std::string &Modifier : I.Modifiers) {
    StringRef Name = Modifier;
    unsigned Size = 0;
    if (!Bits && (Name[0] == 'u' || Name[0] == 's') &&
        !Name.drop_front().getAsInteger(10, Size) &&
        (Size == 2 || Size == 4 || Size == 8 || Size == 16))
      Bits = Size, Signed = Name[0] == 's';
  }
  if (!Bits || !I.has("sat") || !I.has("s32"))
    return T.unsupported(I);
  const bool WithC = Bits < 16;
  if (!expectOperands(T, I, WithC ? 4 : 3))
    return false;
  PtxType S32 = u32();
  S32.Kind = 's';
  Value *A = operand(T, I, 1, S32), *Bv = operand(T, I, 2, S32);
  Value *Cv = WithC ? operand(T, I, 3, u32()) : nullptr;
  if (!A || !Bv || (WithC && !Cv))
    return false;
  IRBuilder<> &B = T.B;
  const int64_t Min = Signed ? -(int64_t(1) << (Bits - 1)) : 0;
  const int64_t Max =
      Signed ? (int64_t(1) << (Bits - 1)) - 1 : (int64_t(1) << Bits) - 1;
  auto Field = [&](Value *V) {
    Value *Clamped = B.CreateBinaryIntrinsic(
        Intrinsic::smin,
        B.CreateBinaryIntrinsic(Intrinsic::smax, V, B.getInt32(Min)),
        B.getInt32(Max));
    return B.CreateAnd(Clamped,
                       B.getInt32(uint32_t((uint64_t(1) << Bits) - 1)));
  };
  Value *D = B.CreateOr(Field(Bv), B.CreateShl(Field(A), Bits));
  if (WithC)
    D = B.CreateOr(D, B.CreateShl(Cv, 2 * Bits));
  return T.write(I.Operands[0], D);
}

bool emitCvt(Translator &T, const PtxInstruction &I) {
  if (I.has("pack"))
    return emitCvtPack(T, I);
  auto To = T.typeOf(I, 1), From = T.typeOf(I, 0);
  if (!To || !From || !expectOperands(T, I, 2))
    return false;
  IRBuilder<> &B = T.B;
  if (To->Lanes == 2 && From->Lanes == 1) {
    if (!expectOperands(T, I, 3) || !From->isFloat())
      return false;
    Value *Hi = operand(T, I, 1, *From), *Lo = operand(T, I, 2, *From);
    if (!Hi || !Lo || rounding(I))
      return Hi && Lo ? T.unsupported(I) : false;
    PtxType One = *To;
    One.Lanes = 1;
    Type *ElemTy = One.get(T.C);
    Value *Pair = PoisonValue::get(To->get(T.C));
    Pair =
        B.CreateInsertElement(Pair, B.CreateFPTrunc(Lo, ElemTy), uint64_t(0));
    Pair = B.CreateInsertElement(Pair, B.CreateFPTrunc(Hi, ElemTy), 1);
    return T.write(I.Operands[0], Pair);
  }
  if (To->Lanes != 1 || From->Lanes != 1)
    return T.unsupported(I);
  Value *A = operand(T, I, 1, *From);
  if (!A)
    return false;
  Type *ToTy = To->get(T.C);
  Value *R;
  if (From->isFloat() && To->isFloat()) {
    // Rounding to an integral value (cvt.rni.f32.f32), or a change of
    // precision in the default rounding.
    R = A;
    if (I.has("rni") || I.has("rzi") || I.has("rmi") || I.has("rpi")) {
      Intrinsic::ID ID = I.has("rni")   ? Intrinsic::rint
                         : I.has("rzi") ? Intrinsic::trunc
                         : I.has("rmi") ? Intrinsic::floor
                                        : Intrinsic::ceil;
      R = T.callIntrinsic(ID, {A}, {A->getType()});
    } else if (rounding(I) && ToTy->getPrimitiveSizeInBits() <
                                  A->getType()->getPrimitiveSizeInBits()) {
      return T.unsupported(I);
    }
    R = B.CreateFPCast(R, ToTy);
    if (I.has("relu"))
      R = B.CreateMaxNum(R, ConstantFP::get(ToTy, 0.0));
    if (I.has("sat"))
      R = saturate(T, R);
  } else if (From->isFloat()) {
    // Float to integer saturates, and NaN gives 0.
    Intrinsic::ID ID = I.has("rzi")   ? Intrinsic::trunc
                       : I.has("rmi") ? Intrinsic::floor
                       : I.has("rpi") ? Intrinsic::ceil
                                      : Intrinsic::rint;
    Value *Rounded = T.callIntrinsic(ID, {A}, {A->getType()});
    R = T.callIntrinsic(To->isSigned() ? Intrinsic::fptosi_sat
                                       : Intrinsic::fptoui_sat,
                        {Rounded}, {ToTy, A->getType()});
  } else if (To->isFloat()) {
    if (rounding(I))
      return T.unsupported(I);
    R = From->isSigned() ? B.CreateSIToFP(A, ToTy) : B.CreateUIToFP(A, ToTy);
    if (I.has("sat"))
      R = saturate(T, R);
  } else if (I.has("sat")) {
    // Clamp to the destination's range, computed wide enough for both.
    Type *Wide = B.getIntNTy(130);
    Value *V = From->isSigned() ? B.CreateSExt(A, Wide) : B.CreateZExt(A, Wide);
    APInt Lo = To->isSigned() ? APInt::getSignedMinValue(To->Bits)
                              : APInt::getMinValue(To->Bits);
    APInt Hi = To->isSigned() ? APInt::getSignedMaxValue(To->Bits)
                              : APInt::getMaxValue(To->Bits);
    Value *LoV =
        ConstantInt::get(Wide, To->isSigned() ? Lo.sext(130) : Lo.zext(130));
    Value *HiV =
        ConstantInt::get(Wide, To->isSigned() ? Hi.sext(130) : Hi.zext(130));
    V = T.callIntrinsic(Intrinsic::smax, {V, LoV}, {Wide});
    V = T.callIntrinsic(Intrinsic::smin, {V, HiV}, {Wide});
    R = B.CreateTrunc(V, ToTy);
  } else {
    R = T.convert(A, ToTy, From->isSigned());
  }
  return T.write(I.Operands[0], R);
}

/// rcp, sqrt, rsqrt, ex2, lg2, sin, cos, tanh in any accuracy (.approx may
/// be more exact on a CPU, never less), on f16/f16x2 through f32.
bool emitMath(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 2);
  if (!Ty)
    return false;
  if (!Ty->isFloat() || rounding(I))
    return T.unsupported(I);
  Value *A = operand(T, I, 1, *Ty);
  if (!A)
    return false;
  IRBuilder<> &B = T.B;
  Type *ValTy = A->getType();
  bool Widen = Ty->Bits == 16;
  Type *WorkTy =
      Widen ? (Ty->Lanes == 1 ? B.getFloatTy()
                              : FixedVectorType::get(B.getFloatTy(), Ty->Lanes))
            : ValTy;
  Value *X = Widen ? B.CreateFPExt(A, WorkTy) : A;
  StringRef Op = I.Opcode;
  Value *R;
  auto Unary = [&](Intrinsic::ID ID) {
    return T.callIntrinsic(ID, {X}, {WorkTy});
  };
  if (Op == "rcp")
    R = B.CreateFDiv(ConstantFP::get(WorkTy, 1.0), X);
  else if (Op == "sqrt")
    R = Unary(Intrinsic::sqrt);
  else if (Op == "rsqrt")
    R = B.CreateFDiv(ConstantFP::get(WorkTy, 1.0), Unary(Intrinsic::sqrt));
  else if (Op == "ex2")
    R = Unary(Intrinsic::exp2);
  else if (Op == "lg2")
    R = Unary(Intrinsic::log2);
  else if (Op == "sin")
    R = Unary(Intrinsic::sin);
  else if (Op == "cos")
    R = Unary(Intrinsic::cos);
  else { // tanh: the C library's, lane by lane
    bool Double = WorkTy->getScalarType()->isDoubleTy();
    FunctionCallee Tanh = T.M.getOrInsertFunction(Double ? "tanh" : "tanhf",
                                                  WorkTy->getScalarType(),
                                                  WorkTy->getScalarType());
    if (auto *VT = dyn_cast<FixedVectorType>(WorkTy)) {
      R = PoisonValue::get(VT);
      for (unsigned L = 0; L < VT->getNumElements(); ++L)
        R = B.CreateInsertElement(
            R, B.CreateCall(Tanh, {B.CreateExtractElement(X, L)}), L);
    } else {
      R = B.CreateCall(Tanh, {X});
    }
  }
  if (Widen)
    R = B.CreateFPTrunc(R, ValTy);
  return T.write(I.Operands[0], R);
}

bool emitTrap(Translator &T, const PtxInstruction &I) {
  FunctionCallee Trap =
      T.M.getOrInsertFunction("__tx_trap", T.B.getVoidTy(), T.B.getPtrTy());
  T.B.CreateCall(Trap, {T.B.CreateGlobalStringPtr("'" + I.Opcode +
                                                  "' executed in inline PTX")});
  return true;
}

/// exit: the thread ends (LowerThreadExit makes it a return from the kernel).
bool emitExit(Translator &T, const PtxInstruction &) {
  FunctionCallee Exit =
      T.M.getOrInsertFunction(tx::ThreadExitName, T.B.getVoidTy());
  cast<Function>(Exit.getCallee())->setDoesNotReturn();
  T.B.CreateCall(Exit);
  T.endUnreachable();
  return true;
}

/// Instructions that only hint (prefetch, nanosleep's "at most this long",
/// pmevent): nothing to do on a CPU; their operands are still checked.
bool emitHint(Translator &T, const PtxInstruction &I) {
  for (const Operand &Op : I.Operands)
    if (Op.K != Operand::Kind::Address && !T.read(Op, {'b', 64, 1}))
      return false;
  return true;
}

bool emitBranch(Translator &T, const PtxInstruction &I) {
  if (I.Operands.size() != 1 || I.Operands[0].K != Operand::Kind::Register)
    return T.fail("malformed branch '" + I.Text + "'");
  return T.branchTo(I.Operands[0].Name, nullptr);
}
} // namespace

void tx::ptx::addGeneralEmitters(EmitterTable &Table) {
  Table["setp"] = emitSetp;
  Table["selp"] = emitSelp;
  Table["mov"] = emitMov;
  Table["cvt"] = emitCvt;
  Table["rcp"] = emitMath;
  Table["sqrt"] = emitMath;
  Table["rsqrt"] = emitMath;
  Table["ex2"] = emitMath;
  Table["lg2"] = emitMath;
  Table["sin"] = emitMath;
  Table["cos"] = emitMath;
  Table["tanh"] = emitMath;
  Table["trap"] = emitTrap;
  Table["brkpt"] = emitTrap;
  Table["nanosleep"] = emitHint;
  Table["prefetch"] = emitHint;
  Table["prefetchu"] = emitHint;
  Table["pmevent"] = emitHint;
  Table["bra"] = emitBranch;
  Table["exit"] = emitExit;
}

const EmitterTable &emitters() {
  static const EmitterTable Table = [] {
    EmitterTable Table;
    addGeneralEmitters(Table);
    addArithmeticEmitters(Table);
    addMemoryEmitters(Table);
    addWarpEmitters(Table);
    addMatrixEmitters(Table);
    return Table;
  }();
  return Table;
}

bool tx::ptx::isTranslated(const PtxInstruction &I) {
  // `cp` is only cp.async.
  return emitters().count(I.Opcode) && (I.Opcode != "cp" || I.has("async"));
}

bool tx::ptx::emitInstruction(Translator &T, const PtxInstruction &I) {
  if (!isTranslated(I))
    return T.unsupported(I);
  return emitters().find(I.Opcode)->second(T, I);
}
