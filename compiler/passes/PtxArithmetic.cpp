//===- PtxArithmetic.cpp - Inline PTX integer and float arithmetic
//----------===//
//
// Part of Tongxin. add/sub with carries, mul/mad in .lo/.hi/.wide, fma,
// min/max, shifts with PTX's clamping, and the bit instructions (bfe, bfi,
// prmt, lop3, bfind, dp4a) as the PTX ISA defines them.
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

namespace {
/// a + b + carry_in over Bits, returning the sum and setting the carry out.
Value *addWithCarry(Translator &T, Value *A, Value *Bv, Value *CarryIn,
                    bool SetCarry) {
  unsigned Bits = A->getType()->getIntegerBitWidth();
  Type *Wide = T.B.getIntNTy(Bits + 1);
  Value *Sum = T.B.CreateAdd(T.B.CreateZExt(A, Wide), T.B.CreateZExt(Bv, Wide));
  if (CarryIn)
    Sum = T.B.CreateAdd(Sum, T.B.CreateZExt(CarryIn, Wide));
  if (SetCarry)
    T.setCarry(T.B.CreateTrunc(T.B.CreateLShr(Sum, Bits), T.B.getInt1Ty()));
  return T.B.CreateTrunc(Sum, A->getType());
}

/// a - b - borrow_in, setting the borrow out (CC.CF) when asked.
Value *subWithBorrow(Translator &T, Value *A, Value *Bv, Value *BorrowIn,
                     bool SetCarry) {
  unsigned Bits = A->getType()->getIntegerBitWidth();
  Type *Wide = T.B.getIntNTy(Bits + 1);
  Value *Diff =
      T.B.CreateSub(T.B.CreateZExt(A, Wide), T.B.CreateZExt(Bv, Wide));
  if (BorrowIn)
    Diff = T.B.CreateSub(Diff, T.B.CreateZExt(BorrowIn, Wide));
  if (SetCarry)
    T.setCarry(T.B.CreateTrunc(T.B.CreateLShr(Diff, Bits), T.B.getInt1Ty()));
  return T.B.CreateTrunc(Diff, A->getType());
}

bool emitAddSub(Translator &T, const PtxInstruction &I) {
  bool IsSub = I.Opcode == "sub" || I.Opcode == "subc";
  bool CarryIn = I.Opcode == "addc" || I.Opcode == "subc";
  auto Ty = typeAndOperands(T, I, 3);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty), *Bv = operand(T, I, 2, *Ty);
  if (!A || !Bv)
    return false;
  Value *R;
  if (Ty->isFloat()) {
    R = floatBinary(
        T, I, IsSub ? llvm::Instruction::FSub : llvm::Instruction::FAdd, A, Bv);
  } else if (I.has("sat")) {
    R = T.callIntrinsic(IsSub ? Intrinsic::ssub_sat : Intrinsic::sadd_sat,
                        {A, Bv}, {A->getType()});
  } else if (CarryIn || I.has("cc")) {
    Value *In = CarryIn ? T.carry() : nullptr;
    R = IsSub ? subWithBorrow(T, A, Bv, In, I.has("cc"))
              : addWithCarry(T, A, Bv, In, I.has("cc"));
  } else {
    R = IsSub ? T.B.CreateSub(A, Bv) : T.B.CreateAdd(A, Bv);
  }
  return T.write(I.Operands[0], R);
}

/// The integer product a * b as .lo, .hi or .wide ask (the default, for
/// types that allow it, is .lo).
Value *integerProduct(Translator &T, const PtxInstruction &I, Value *A,
                      Value *Bv, bool Signed) {
  unsigned Bits = A->getType()->getIntegerBitWidth();
  if (!I.has("hi") && !I.has("wide"))
    return T.B.CreateMul(A, Bv);
  Type *Wide = T.B.getIntNTy(2 * Bits);
  auto Extend = [&](Value *V) {
    return Signed ? T.B.CreateSExt(V, Wide) : T.B.CreateZExt(V, Wide);
  };
  Value *P = T.B.CreateMul(Extend(A), Extend(Bv));
  if (I.has("wide"))
    return P;
  return T.B.CreateTrunc(T.B.CreateLShr(P, Bits), A->getType());
}

bool emitMul(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 3);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty), *Bv = operand(T, I, 2, *Ty);
  if (!A || !Bv)
    return false;
  Value *R = Ty->isFloat() ? floatBinary(T, I, llvm::Instruction::FMul, A, Bv)
                           : integerProduct(T, I, A, Bv, Ty->isSigned());
  return T.write(I.Operands[0], R);
}

bool emitMadFma(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 4);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty), *Bv = operand(T, I, 2, *Ty);
  if (!A || !Bv)
    return false;
  if (Ty->isFloat()) {
    Value *Cv = operand(T, I, 3, *Ty);
    if (!Cv)
      return false;
    if (rounding(I))
      return T.unsupported(I);
    Value *R = T.callIntrinsic(Intrinsic::fma, {A, Bv, Cv}, {A->getType()});
    return T.write(I.Operands[0], I.has("sat") ? saturate(T, R) : R);
  }
  Value *P = integerProduct(T, I, A, Bv, Ty->isSigned());
  PtxType AddTy = *Ty;
  if (I.has("wide"))
    AddTy.Bits *= 2;
  Value *Cv = operand(T, I, 3, AddTy);
  if (!Cv)
    return false;
  Value *R;
  if (I.has("sat"))
    R = T.callIntrinsic(Intrinsic::sadd_sat, {P, Cv}, {P->getType()});
  else if (I.Opcode == "madc" || I.has("cc"))
    R = addWithCarry(T, P, Cv, I.Opcode == "madc" ? T.carry() : nullptr,
                     I.has("cc"));
  else
    R = T.B.CreateAdd(P, Cv);
  return T.write(I.Operands[0], R);
}

/// Binary operations with one IR instruction or intrinsic per type class.
bool emitBinary(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 3);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty), *Bv = operand(T, I, 2, *Ty);
  if (!A || !Bv)
    return false;
  IRBuilder<> &B = T.B;
  StringRef Op = I.Opcode;
  bool Signed = Ty->isSigned();
  Value *R = nullptr;
  if (Op == "and")
    R = B.CreateAnd(A, Bv);
  else if (Op == "or")
    R = B.CreateOr(A, Bv);
  else if (Op == "xor")
    R = B.CreateXor(A, Bv);
  else if (Op == "div")
    R = Ty->isFloat() ? floatBinary(T, I, llvm::Instruction::FDiv, A, Bv)
        : Signed      ? B.CreateSDiv(A, Bv)
                      : B.CreateUDiv(A, Bv);
  else if (Op == "rem" && !Ty->isFloat())
    R = Signed ? B.CreateSRem(A, Bv) : B.CreateURem(A, Bv);
  else if (Op == "min" || Op == "max") {
    bool Min = Op == "min";
    if (Ty->isFloat())
      R = I.has("NaN") ? (Min ? B.CreateMinimum(A, Bv) : B.CreateMaximum(A, Bv))
                       : (Min ? B.CreateMinNum(A, Bv) : B.CreateMaxNum(A, Bv));
    else
      R = T.callIntrinsic(Min ? (Signed ? Intrinsic::smin : Intrinsic::umin)
                              : (Signed ? Intrinsic::smax : Intrinsic::umax),
                          {A, Bv}, {A->getType()});
  } else if (Op == "copysign" && Ty->isFloat())
    R = T.callIntrinsic(Intrinsic::copysign, {Bv, A}, {A->getType()});
  if (!R)
    return T.unsupported(I);
  return T.write(I.Operands[0], R);
}

/// shl and shr take a .u32 shift amount; amounts past the width clamp
/// (zero, or the sign for shr.s) instead of being undefined.
bool emitShift(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 3);
  if (!Ty)
    return false;
  if (Ty->isFloat())
    return T.unsupported(I);
  Value *A = operand(T, I, 1, *Ty);
  Value *Amount = operand(T, I, 2, u32());
  if (!A || !Amount)
    return false;
  IRBuilder<> &B = T.B;
  unsigned Bits = Ty->Bits;
  Value *Wide = B.CreateICmpUGE(Amount, B.getInt32(Bits));
  Value *Clamped = T.convert(B.CreateSelect(Wide, B.getInt32(Bits - 1), Amount),
                             A->getType(), false);
  Value *R;
  if (I.Opcode == "shl")
    R = B.CreateSelect(Wide, ConstantInt::get(A->getType(), 0),
                       B.CreateShl(A, Clamped));
  else if (Ty->isSigned())
    R = B.CreateAShr(A, Clamped);
  else
    R = B.CreateSelect(Wide, ConstantInt::get(A->getType(), 0),
                       B.CreateLShr(A, Clamped));
  return T.write(I.Operands[0], R);
}

bool emitUnary(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 2);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty);
  if (!A)
    return false;
  IRBuilder<> &B = T.B;
  StringRef Op = I.Opcode;
  Value *R = nullptr;
  Type *Ty32 = B.getInt32Ty();
  if (Op == "not")
    R = B.CreateNot(A);
  else if (Op == "cnot")
    R = B.CreateZExt(B.CreateICmpEQ(A, ConstantInt::get(A->getType(), 0)),
                     A->getType());
  else if (Op == "neg")
    R = Ty->isFloat() ? B.CreateFNeg(A) : B.CreateNeg(A);
  else if (Op == "abs")
    R = Ty->isFloat() ? T.callIntrinsic(Intrinsic::fabs, {A}, {A->getType()})
                      : T.callIntrinsic(Intrinsic::abs, {A, B.getFalse()},
                                        {A->getType()});
  else if (Op == "popc")
    R = B.CreateZExtOrTrunc(
        T.callIntrinsic(Intrinsic::ctpop, {A}, {A->getType()}), Ty32);
  else if (Op == "clz")
    R = B.CreateZExtOrTrunc(
        T.callIntrinsic(Intrinsic::ctlz, {A, B.getFalse()}, {A->getType()}),
        Ty32);
  else if (Op == "brev")
    R = T.callIntrinsic(Intrinsic::bitreverse, {A}, {A->getType()});
  else if (Op == "bfind") {
    // The most significant bit that differs from the sign (for .s types),
    // or 0xffffffff when there is none.
    Value *V = Ty->isSigned()
                   ? B.CreateSelect(
                         B.CreateICmpSLT(A, ConstantInt::get(A->getType(), 0)),
                         B.CreateNot(A), A)
                   : A;
    Value *Leading = B.CreateZExtOrTrunc(
        T.callIntrinsic(Intrinsic::ctlz, {V, B.getFalse()}, {V->getType()}),
        Ty32);
    Value *Pos = I.has("shiftamt")
                     ? Leading
                     : B.CreateSub(B.getInt32(Ty->Bits - 1), Leading);
    R = B.CreateSelect(B.CreateICmpEQ(V, ConstantInt::get(V->getType(), 0)),
                       B.getInt32(~0u), Pos);
  }
  if (!R)
    return T.unsupported(I);
  return T.write(I.Operands[0], R);
}

/// bfe d, a, pos, len: the field, zero- or sign-extended; an empty field
/// is 0 and a field past the top reads the sign.
bool emitBfe(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 4);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty);
  Value *Pos = operand(T, I, 2, u32()), *Len = operand(T, I, 3, u32());
  if (!A || !Pos || !Len)
    return false;
  IRBuilder<> &B = T.B;
  Type *IntTy = A->getType();
  unsigned Bits = Ty->Bits;
  Pos = B.CreateAnd(Pos, 0xff);
  Len = B.CreateAnd(Len, 0xff);
  Value *Max = B.getInt32(Bits - 1);
  Value *PosClamped = T.convert(
      B.CreateSelect(B.CreateICmpUGT(Pos, Max), Max, Pos), IntTy, false);
  Value *Shifted;
  if (Ty->isSigned())
    Shifted = B.CreateAShr(A, PosClamped);
  else
    Shifted =
        B.CreateSelect(B.CreateICmpUGT(Pos, Max), ConstantInt::get(IntTy, 0),
                       B.CreateLShr(A, PosClamped));
  Value *Whole = B.CreateICmpUGE(Len, B.getInt32(Bits));
  Value *Drop = T.convert(
      B.CreateSelect(Whole, B.getInt32(0), B.CreateSub(B.getInt32(Bits), Len)),
      IntTy, false);
  Value *Field = Ty->isSigned()
                     ? B.CreateAShr(B.CreateShl(Shifted, Drop), Drop)
                     : B.CreateLShr(B.CreateShl(Shifted, Drop), Drop);
  Field = B.CreateSelect(Whole, Shifted, Field);
  Value *R = B.CreateSelect(B.CreateICmpEQ(Len, B.getInt32(0)),
                            ConstantInt::get(IntTy, 0), Field);
  return T.write(I.Operands[0], R);
}

/// bmsk.{clamp,wrap}.b32 d, a, b: the mask of bits [a, a + b) as the PTX
/// ISA defines it; empty where the field reaches past bit 31 or has no
/// width, and under .clamp where a or b is 32 or more.
bool emitBmsk(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 3);
  if (!Ty)
    return false;
  if (Ty->Bits != 32 || I.has("clamp") == I.has("wrap"))
    return T.unsupported(I);
  Value *Pos = operand(T, I, 1, u32()), *Width = operand(T, I, 2, u32());
  if (!Pos || !Width)
    return false;
  IRBuilder<> &B = T.B;
  Value *AllOnes = B.getInt32(~0u), *Zero = B.getInt32(0);
  Value *Pos5 = B.CreateAnd(Pos, 31), *Width5 = B.CreateAnd(Width, 31);
  Value *Sum = B.CreateAdd(Pos5, Width5);
  Value *Low = B.CreateShl(AllOnes, Pos5);
  // Past bit 31 the field runs to the top.
  Value *ToTop = B.CreateICmpUGE(Sum, B.getInt32(32));
  if (I.has("clamp")) {
    Low = B.CreateSelect(B.CreateICmpUGE(Pos, B.getInt32(32)), Zero, Low);
    ToTop = B.CreateOr(ToTop, B.CreateICmpUGE(Width, B.getInt32(32)));
  }
  Value *NoWidth = B.CreateICmpEQ(Width5, Zero);
  Value *High = B.CreateShl(
      AllOnes, B.CreateSelect(B.CreateOr(ToTop, NoWidth), Zero, Sum));
  Value *D = B.CreateSelect(
      ToTop, Low,
      B.CreateSelect(NoWidth, Zero, B.CreateAnd(Low, B.CreateNot(High))));
  return T.write(I.Operands[0], D);
}

/// bfi f, a, b, pos, len: b with a's low len bits inserted at pos.
bool emitBfi(Translator &T, const PtxInstruction &I) {
  auto Ty = typeAndOperands(T, I, 5);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty), *Base = operand(T, I, 2, *Ty);
  Value *Pos = operand(T, I, 3, u32()), *Len = operand(T, I, 4, u32());
  if (!A || !Base || !Pos || !Len)
    return false;
  IRBuilder<> &B = T.B;
  Type *IntTy = A->getType();
  unsigned Bits = Ty->Bits;
  Pos = B.CreateAnd(Pos, 0xff);
  Len = B.CreateAnd(Len, 0xff);
  Value *AllOnes = ConstantInt::getAllOnesValue(IntTy);
  Value *Whole = B.CreateICmpUGE(Len, B.getInt32(Bits));
  Value *LowMask = B.CreateSelect(
      Whole, AllOnes,
      B.CreateSub(
          B.CreateShl(ConstantInt::get(IntTy, 1),
                      T.convert(B.CreateSelect(Whole, B.getInt32(0), Len),
                                IntTy, false)),
          ConstantInt::get(IntTy, 1)));
  Value *PastTop = B.CreateICmpUGE(Pos, B.getInt32(Bits));
  Value *Shift =
      T.convert(B.CreateSelect(PastTop, B.getInt32(0), Pos), IntTy, false);
  Value *Mask = B.CreateShl(LowMask, Shift);
  Value *Inserted = B.CreateOr(B.CreateAnd(Base, B.CreateNot(Mask)),
                               B.CreateAnd(B.CreateShl(A, Shift), Mask));
  return T.write(I.Operands[0], B.CreateSelect(PastTop, Base, Inserted));
}

/// prmt d, a, b, c: bytes picked from the eight of {b, a}; each selector
/// nibble's top bit (default mode) replicates the picked byte's sign.
bool emitPrmt(Translator &T, const PtxInstruction &I) {
  if (!expectOperands(T, I, 4))
    return false;
  IRBuilder<> &B = T.B;
  Value *A = operand(T, I, 1, u32()), *Bv = operand(T, I, 2, u32());
  Value *Sel = operand(T, I, 3, u32());
  if (!A || !Bv || !Sel)
    return false;
  Value *Bytes = B.CreateOr(B.CreateShl(B.CreateZExt(Bv, B.getInt64Ty()), 32),
                            B.CreateZExt(A, B.getInt64Ty()));
  StringRef Mode = "";
  for (StringRef M : {"f4e", "b4e", "rc8", "ecl", "ecr", "rc16"})
    if (I.has(M))
      Mode = M;
  Value *Low = B.CreateAnd(Sel, 3);
  Value *Result = B.getInt32(0);
  for (unsigned Byte = 0; Byte < 4; ++Byte) {
    Value *Index, *SignMode = nullptr;
    Value *ByteNo = B.getInt32(Byte);
    if (Mode.empty()) {
      Value *Nibble = B.CreateAnd(B.CreateLShr(Sel, 4 * Byte), 0xf);
      Index = B.CreateAnd(Nibble, 7);
      SignMode = B.CreateICmpNE(B.CreateAnd(Nibble, 8), B.getInt32(0));
    } else if (Mode == "f4e") {
      Index = B.CreateAnd(B.CreateAdd(Low, ByteNo), 7);
    } else if (Mode == "b4e") {
      Index = B.CreateAnd(B.CreateSub(Low, ByteNo), 7);
    } else if (Mode == "rc8") {
      Index = Low;
    } else if (Mode == "ecl") {
      Index = T.callIntrinsic(Intrinsic::umax, {Low, ByteNo}, {B.getInt32Ty()});
    } else if (Mode == "ecr") {
      Index = T.callIntrinsic(Intrinsic::umin, {Low, ByteNo}, {B.getInt32Ty()});
    } else { // rc16
      Index =
          B.CreateOr(B.CreateShl(B.CreateAnd(Sel, 1), 1), B.getInt32(Byte & 1));
    }
    Value *Picked = B.CreateAnd(
        B.CreateTrunc(B.CreateLShr(Bytes, B.CreateZExt(B.CreateShl(Index, 3),
                                                       B.getInt64Ty())),
                      B.getInt32Ty()),
        0xff);
    if (SignMode) {
      Value *Negative =
          B.CreateICmpNE(B.CreateAnd(Picked, 0x80), B.getInt32(0));
      Picked = B.CreateSelect(
          SignMode, B.CreateSelect(Negative, B.getInt32(0xff), B.getInt32(0)),
          Picked);
    }
    Result = B.CreateOr(Result, B.CreateShl(Picked, 8 * Byte));
  }
  return T.write(I.Operands[0], Result);
}

/// lop3.b32 d, a, b, c, lut: the LUT's bit (a<<2 | b<<1 | c) for each bit.
bool emitLop3(Translator &T, const PtxInstruction &I) {
  if (!expectOperands(T, I, 5))
    return false;
  Value *Ops[3];
  for (unsigned N = 0; N < 3; ++N)
    if (!(Ops[N] = operand(T, I, N + 1, {'b', 32, 1})))
      return false;
  auto *Lut = dyn_cast_or_null<ConstantInt>(operand(T, I, 4, u32()));
  if (!Lut)
    return T.fail("lop3's lookup table must be a constant in '" + I.Text + "'");
  IRBuilder<> &B = T.B;
  Value *Result = B.getInt32(0);
  for (unsigned Term = 0; Term < 8; ++Term) {
    if (!((Lut->getZExtValue() >> Term) & 1))
      continue;
    Value *Minterm = B.getInt32(~0u);
    for (unsigned N = 0; N < 3; ++N) {
      bool Set = (Term >> (2 - N)) & 1;
      Minterm = B.CreateAnd(Minterm, Set ? Ops[N] : B.CreateNot(Ops[N]));
    }
    Result = B.CreateOr(Result, Minterm);
  }
  return T.write(I.Operands[0], Result);
}

/// dp4a.atype.btype d, a, b, c: c plus the four byte products.
bool emitDp4a(Translator &T, const PtxInstruction &I) {
  auto ATy = T.typeOf(I, 1), BTy = T.typeOf(I, 0);
  if (!ATy || !BTy || !expectOperands(T, I, 4))
    return false;
  Value *A = operand(T, I, 1, u32()), *Bv = operand(T, I, 2, u32());
  Value *Acc = operand(T, I, 3, u32());
  if (!A || !Bv || !Acc)
    return false;
  IRBuilder<> &B = T.B;
  auto Byte = [&](Value *V, unsigned N, bool Signed) {
    Value *Part = B.CreateTrunc(B.CreateLShr(V, 8 * N), B.getInt8Ty());
    return Signed ? B.CreateSExt(Part, B.getInt32Ty())
                  : B.CreateZExt(Part, B.getInt32Ty());
  };
  for (unsigned N = 0; N < 4; ++N)
    Acc = B.CreateAdd(Acc, B.CreateMul(Byte(A, N, ATy->isSigned()),
                                       Byte(Bv, N, BTy->isSigned())));
  return T.write(I.Operands[0], Acc);
}
} // namespace

void tx::ptx::addArithmeticEmitters(EmitterTable &Table) {
  Table["add"] = emitAddSub;
  Table["sub"] = emitAddSub;
  Table["addc"] = emitAddSub;
  Table["subc"] = emitAddSub;
  Table["mul"] = emitMul;
  Table["mad"] = emitMadFma;
  Table["madc"] = emitMadFma;
  Table["fma"] = emitMadFma;
  Table["div"] = emitBinary;
  Table["rem"] = emitBinary;
  Table["min"] = emitBinary;
  Table["max"] = emitBinary;
  Table["and"] = emitBinary;
  Table["bmsk"] = emitBmsk;
  Table["or"] = emitBinary;
  Table["xor"] = emitBinary;
  Table["copysign"] = emitBinary;
  Table["shl"] = emitShift;
  Table["shr"] = emitShift;
  Table["not"] = emitUnary;
  Table["cnot"] = emitUnary;
  Table["neg"] = emitUnary;
  Table["abs"] = emitUnary;
  Table["popc"] = emitUnary;
  Table["clz"] = emitUnary;
  Table["brev"] = emitUnary;
  Table["bfind"] = emitUnary;
  Table["bfe"] = emitBfe;
  Table["bfi"] = emitBfi;
  Table["prmt"] = emitPrmt;
  Table["lop3"] = emitLop3;
  Table["dp4a"] = emitDp4a;
}
