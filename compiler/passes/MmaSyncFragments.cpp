//===- MmaSyncFragments.cpp - mma.sync's fragment layouts -----------------===//
//
// Part of Tongxin. The PTX ISA's layouts, for a lane's group G = lane / 4
// and its index in the group T = lane % 4, and E elements per 32-bit
// register (2 for f16/bf16, 4 for 8-bit types, 8 for 4-bit, 1 for tf32):
//
//   m16n8kK A (16 x K): register r holds row G + 8 (r % 2), columns
//       (r / 2) 4E + T E + e, for e < E;
//   m16n8kK B (K x 8): register r holds rows r 4E + T E + e of column G;
//   m16n8 C and D (16 x 8): element i is row G + 8 (i / 2), column
//       2T + i % 2 (one f32/s32 element per register, or two per f16x2);
//   m8n8kK (f64 k4, 8-bit k16, 4-bit k32, 1-bit k128): A row G, columns
//       T E + e; B rows T E + e of column G; C and D element i: (G, 2T + i).
//
// The exchange tiles are A row-major, B column-major and C row-major, so
// the E elements of any register are consecutive in them: each register is
// one store, of its elements widened (4-bit and 1-bit registers as they
// are, packed).
//
//===----------------------------------------------------------------------===//

#include "MmaSyncFragments.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

using namespace llvm;

namespace {

unsigned typeCode(StringRef Type) {
  return StringSwitch<unsigned>(Type)
      .Case("f16", TX_MATRIX_F16)
      .Case("bf16", TX_MATRIX_BF16)
      .Case("tf32", TX_MATRIX_TF32)
      .Case("f32", TX_MATRIX_F32)
      .Case("f64", TX_MATRIX_F64)
      .Case("s8", TX_MATRIX_S8)
      .Case("u8", TX_MATRIX_U8)
      .Case("s4", TX_MATRIX_S4)
      .Case("u4", TX_MATRIX_U4)
      .Case("b1", TX_MATRIX_B1)
      .Case("s32", TX_MATRIX_S32)
      .Case("e4m3", TX_MATRIX_E4M3)
      .Case("e5m2", TX_MATRIX_E5M2)
      .Default(0);
}

bool isFp8(StringRef Type) { return Type == "e4m3" || Type == "e5m2"; }

bool isSubByte(StringRef Type) {
  return Type == "s4" || Type == "u4" || Type == "b1";
}

/// The element type of a register's elements, where IR has one.
Type *elementType(LLVMContext &C, StringRef Type) {
  return StringSwitch<llvm::Type *>(Type)
      .Case("f16", llvm::Type::getHalfTy(C))
      .Case("bf16", llvm::Type::getBFloatTy(C))
      .Cases("tf32", "f32", llvm::Type::getFloatTy(C))
      .Case("f64", llvm::Type::getDoubleTy(C))
      .Cases("s8", "u8", "e4m3", "e5m2", llvm::Type::getInt8Ty(C))
      .Default(llvm::Type::getInt32Ty(C));
}

/// A raw register's elements, widened to what the tile holds: f32 for
/// f16/bf16/tf32 (tf32 without its low 13 fraction bits), s32 for 8-bit
/// integers; fp8 bytes, f64, f32 and s32 as they are. A vector where the
/// register holds several.
Value *widenedRegister(IRBuilder<> &B, const tx::MmaSyncOperand &O,
                       Value *Register) {
  StringRef T = O.Type;
  if (T == "tf32")
    return B.CreateBitCast(B.CreateAnd(Register, 0xffffe000u), B.getFloatTy());
  if (T == "s32" || isFp8(T))
    return Register;
  Type *Elem = elementType(B.getContext(), T);
  if (O.PerRegister == 1)
    return B.CreateBitCast(Register, Elem);
  auto *Narrow = FixedVectorType::get(Elem, O.PerRegister);
  Value *Elements = B.CreateBitCast(Register, Narrow);
  if (T == "f16" || T == "bf16")
    return B.CreateFPExt(Elements,
                         FixedVectorType::get(B.getFloatTy(), O.PerRegister));
  auto *Wide = FixedVectorType::get(B.getInt32Ty(), O.PerRegister);
  return T == "s8" ? B.CreateSExt(Elements, Wide)
                   : B.CreateZExt(Elements, Wide); // u8
}

/// The dense tile index (i64) of element E of register R.
Value *tileIndex(IRBuilder<> &B, const tx::MmaSyncOperand &O, Value *Group,
                 Value *InGroup, unsigned R, unsigned E) {
  auto Row = [&](Value *Rw, Value *Cl, unsigned Cols) {
    return B.CreateAdd(B.CreateMul(Rw, B.getInt64(Cols)), Cl);
  };
  const unsigned PerRegister = O.PerRegister;
  if (O.M == 8) { // m8n8kK
    Value *InRow = B.CreateAdd(B.CreateMul(InGroup, B.getInt64(PerRegister)),
                               B.getInt64(E));
    if (O.Which == 'a')
      return Row(Group, InRow, O.K);
    if (O.Which == 'b') // column-major
      return Row(Group, InRow, O.K);
    return Row(Group, B.CreateAdd(B.CreateShl(InGroup, 1), B.getInt64(R)), O.N);
  }
  if (O.Which == 'a') {
    Value *RowIndex = B.CreateAdd(Group, B.getInt64(8 * (R % 2)));
    Value *Col = B.CreateAdd(B.CreateMul(InGroup, B.getInt64(PerRegister)),
                             B.getInt64((R / 2) * 4 * PerRegister + E));
    return Row(RowIndex, Col, O.K);
  }
  if (O.Which == 'b') {
    Value *K = B.CreateAdd(B.CreateMul(InGroup, B.getInt64(PerRegister)),
                           B.getInt64(R * 4 * PerRegister + E));
    return Row(Group, K, O.K); // column-major
  }
  // C and D: element I of the lane's four.
  unsigned I = R * PerRegister + E;
  Value *RowIndex = B.CreateAdd(Group, B.getInt64(8 * (I / 2)));
  Value *Col = B.CreateAdd(B.CreateShl(InGroup, 1), B.getInt64(I % 2));
  return Row(RowIndex, Col, O.N);
}

std::pair<Value *, Value *> groupOf(IRBuilder<> &B, Value *Lane) {
  return {B.CreateLShr(Lane, 2), B.CreateAnd(Lane, 3)};
}

} // namespace

unsigned tx::mmaSyncElementsPerRegister(StringRef Type) {
  return StringSwitch<unsigned>(Type)
      .Cases("f16", "bf16", 2)
      .Cases("s8", "u8", "e4m3", "e5m2", 4)
      .Cases("s4", "u4", 8)
      .Case("b1", 32)
      .Cases("tf32", "f32", "s32", "f64", 1)
      .Default(0);
}

unsigned tx::MmaSyncOperand::exchangeBytes() const {
  return Type == "f64" ? 8 : isFp8(Type) ? 1 : 4;
}

bool tx::parseMmaSync(StringRef Name, TxWarpMma &Op,
                      MmaSyncOperand Operands[4]) {
  if (!Name.consume_front("__tx.mma.m"))
    return false;
  SmallVector<StringRef, 6> Parts;
  Name.split(Parts, '.');
  unsigned M, N, K;
  StringRef Shape = Parts[0];
  size_t NPos = Shape.find('n'), KPos = Shape.find('k');
  if (Parts.size() < 5 || NPos == StringRef::npos || KPos == StringRef::npos ||
      Shape.substr(0, NPos).getAsInteger(10, M) ||
      Shape.slice(NPos + 1, KPos).getAsInteger(10, N) ||
      Shape.substr(KPos + 1).getAsInteger(10, K))
    return false;
  // Parts: shape, D, A, B, C[, satfinite | xor | and]; Operands: A, B, C,
  // D.
  const char Which[4] = {'a', 'b', 'c', 'c'};
  const StringRef Types[4] = {Parts[2], Parts[3], Parts[4], Parts[1]};
  for (unsigned I = 0; I < 4; ++I) {
    MmaSyncOperand &O = Operands[I];
    O.Which = Which[I], O.M = M, O.N = N, O.K = K, O.Type = Types[I].str();
    O.PerRegister = Which[I] == 'c' ? (O.Type == "f16" ? 2 : 1)
                                    : mmaSyncElementsPerRegister(O.Type);
    unsigned Elements = Which[I] == 'a'   ? M * K / 32
                        : Which[I] == 'b' ? K * N / 32
                                          : M * N / 32;
    if (!typeCode(O.Type) || !O.PerRegister)
      return false;
    O.Registers = Elements / O.PerRegister;
    if (!O.Registers)
      return false;
  }
  Op = {};
  Op.M = M, Op.N = N, Op.K = K;
  Op.TypeA = typeCode(Types[0]), Op.TypeB = typeCode(Types[1]);
  Op.TypeC = typeCode(Types[2]), Op.TypeD = typeCode(Types[3]);
  StringRef Suffix = Parts.size() > 5 ? Parts[5] : "";
  Op.Saturate = Suffix == "satfinite";
  Op.BitOp = Suffix == "xor"   ? TX_MATRIX_BIT_XOR
             : Suffix == "and" ? TX_MATRIX_BIT_AND
                               : TX_MATRIX_BIT_NONE;
  // Single bits multiply only through an operation, and only they have one.
  if ((Op.TypeA == TX_MATRIX_B1) != (Op.BitOp != TX_MATRIX_BIT_NONE))
    return false;
  Op.ColMajorB = 1;
  return true;
}

void tx::publishMmaSync(IRBuilder<> &B, const MmaSyncOperand &O,
                        ArrayRef<Value *> Registers, Value *Tile, Value *Lane) {
  auto [Group, InGroup] = groupOf(B, Lane);
  if (isSubByte(O.Type)) {
    const unsigned Bits = 32 / O.PerRegister;
    for (unsigned R = 0; R < Registers.size(); ++R) {
      Value *Index = tileIndex(B, O, Group, InGroup, R, 0);
      Value *At = B.CreateGEP(
          B.getInt8Ty(), Tile,
          B.CreateUDiv(B.CreateMul(Index, B.getInt64(Bits)), B.getInt64(8)));
      B.CreateAlignedStore(Registers[R], At, Align(4));
    }
    return;
  }
  for (unsigned R = 0; R < Registers.size(); ++R) {
    Value *Index = tileIndex(B, O, Group, InGroup, R, 0);
    Value *At = B.CreateGEP(B.getInt8Ty(), Tile,
                            B.CreateMul(Index, B.getInt64(O.exchangeBytes())));
    B.CreateAlignedStore(widenedRegister(B, O, Registers[R]), At,
                         Align(O.exchangeBytes()));
  }
}

Value *tx::readMmaSync(IRBuilder<> &B, const MmaSyncOperand &D, Value *Tile,
                       Value *Lane, StructType *ResultTy) {
  auto [Group, InGroup] = groupOf(B, Lane);
  Value *Result = PoisonValue::get(ResultTy);
  Type *Wide = D.Type == "f64"   ? B.getDoubleTy()
               : D.Type == "s32" ? B.getInt32Ty()
                                 : B.getFloatTy();
  for (unsigned R = 0; R < D.Registers; ++R) {
    // A register's elements are consecutive in the row-major tile.
    Value *Index = tileIndex(B, D, Group, InGroup, R, 0);
    Value *At = B.CreateGEP(B.getInt8Ty(), Tile,
                            B.CreateMul(Index, B.getInt64(D.exchangeBytes())));
    Value *Register;
    if (D.PerRegister == 2) { // f16x2, rounded from f32
      Value *Pair = B.CreateAlignedLoad(FixedVectorType::get(Wide, 2), At,
                                        Align(D.exchangeBytes()));
      Register = B.CreateBitCast(
          B.CreateFPTrunc(Pair, FixedVectorType::get(B.getHalfTy(), 2)),
          B.getInt32Ty());
    } else {
      Value *V = B.CreateAlignedLoad(Wide, At, Align(D.exchangeBytes()));
      Register = B.CreateBitCast(V, ResultTy->getElementType(R));
    }
    Result = B.CreateInsertValue(Result, Register, R);
  }
  return Result;
}
