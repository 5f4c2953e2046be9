//===- PtxMatrix.cpp - Inline PTX warp matrix instructions ----------------===//
//
// Part of Tongxin. mma.sync, ldmatrix, stmatrix and movmatrix, the
// tensor-core instructions hand-tuned kernels and CUTLASS write in inline
// PTX.
//
// mma.sync becomes a call of `__tx.mma.<shape>.<d>.<a>.<b>.<c>[.satfinite]`
// with the instruction's registers as raw bits (i32, i64 for f64), returning
// D's registers; LowerWarpMatrix lowers it with the fragment layouts the PTX
// ISA documents, after the inliner has put a warp's products side by side.
//
// ldmatrix and stmatrix are warp exchanges of row addresses: lane L's
// register j holds row L/4 (column L/4 with .trans) of the 8x8 matrix
// whose rows lanes 8j..8j+7 name, so each lane fetches the addresses it
// needs with shuffles and loads or stores its own 32 bits. movmatrix is a
// transpose of such registers by shuffles.
//
//===----------------------------------------------------------------------===//

#include "MmaSyncFragments.h"
#include "PtxTranslator.h"

#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"

#include <optional>

using namespace llvm;
using namespace tx::ptx;

namespace {

struct MmaForm {
  unsigned M = 0, N = 0, K = 0;
  StringRef D, A, B, C;
};

/// The register counts of each operand, or false for a form Tongxin does
/// not lower: the PTX ISA's m16n8 forms, and the m8n8 ones of f64 (k4),
/// 8-bit (k16), 4-bit (k32) and 1-bit (k128) integers.
bool registerCounts(const MmaForm &F, unsigned Counts[4]) {
  const unsigned E = tx::mmaSyncElementsPerRegister(F.A);
  const bool Integer =
      F.A == "s8" || F.A == "u8" || F.A == "s4" || F.A == "u4" || F.A == "b1";
  if (!E || F.A == "f32" || F.A == "s32" ||
      tx::mmaSyncElementsPerRegister(F.B) != E || Integer != (F.D == "s32") ||
      Integer != (F.C == "s32"))
    return false;
  if (F.M == 8 && F.N == 8) {
    // One register of A and of B (a 64-bit one for f64), two of C and D.
    const bool F64 = F.A == "f64" && F.K == 4 && F.B == "f64" && F.C == "f64" &&
                     F.D == "f64";
    if (!F64 && !(Integer && F.K == 4 * E))
      return false;
    Counts[0] = 2, Counts[1] = 1, Counts[2] = 1, Counts[3] = 2;
    return true;
  }
  if (F.M != 16 || F.N != 8 || F.A == "f64" || F.K % (4 * E) != 0)
    return false;
  unsigned Chunks = F.K / (4 * E);
  if (Chunks < 1 || Chunks > 2)
    return false;
  // C and D: four f32/s32 elements, or two f16x2 registers.
  auto Accumulator = [&](StringRef T) -> unsigned {
    return T == "f16" ? 2 : (T == "f32" || T == "s32") ? 4 : 0;
  };
  Counts[0] = Accumulator(F.D), Counts[1] = 2 * Chunks, Counts[2] = Chunks;
  Counts[3] = Accumulator(F.C);
  return Counts[0] && Counts[3];
}

/// The suffix of a product's function: ".satfinite", the bit operation of
/// single-bit operands (".xor" or ".and", which need ".popc"), or none;
/// false where the modifiers do not fit the types.
bool productSuffix(const PtxInstruction &I, const MmaForm &F,
                   std::string &Suffix) {
  const bool Bits = F.A == "b1";
  const bool Xor = I.has("xor"), And = I.has("and");
  if (Bits != (Xor || And) || (Xor && And) || Bits != I.has("popc") ||
      (Bits && I.has("satfinite")))
    return false;
  Suffix = Xor ? ".xor" : And ? ".and" : I.has("satfinite") ? ".satfinite" : "";
  return true;
}

/// mma.sync.aligned.<shape>.row.col.<d>.<a>.<b>.<c>[.satfinite] d, a, b, c
/// (single bits: ...s32.b1.b1.s32.{xor,and}.popc)
bool emitMma(Translator &T, const PtxInstruction &I) {
  if (!I.has("sync") || !I.has("row") || !I.has("col") ||
      I.Operands.size() != 4)
    return T.unsupported(I);
  MmaForm F;
  SmallVector<StringRef, 4> Types;
  for (const std::string &Mod : I.Modifiers) {
    StringRef S(Mod);
    unsigned M, N, K;
    if (S.consume_front("m")) {
      size_t NPos = S.find('n'), KPos = S.find('k');
      if (NPos != StringRef::npos && KPos != StringRef::npos &&
          !S.substr(0, NPos).getAsInteger(10, M) &&
          !S.slice(NPos + 1, KPos).getAsInteger(10, N) &&
          !S.substr(KPos + 1).getAsInteger(10, K))
        F.M = M, F.N = N, F.K = K;
    } else if (tx::mmaSyncElementsPerRegister(Mod)) {
      Types.push_back(Mod);
    }
  }
  unsigned Counts[4];
  if (Types.size() != 4)
    return T.unsupported(I);
  F.D = Types[0], F.A = Types[1], F.B = Types[2], F.C = Types[3];
  std::string Suffix;
  if (!registerCounts(F, Counts) || !productSuffix(I, F, Suffix))
    return T.unsupported(I);
  for (unsigned Op = 0; Op < 4; ++Op) {
    const Operand &V = I.Operands[Op];
    unsigned Have = V.K == Operand::Kind::Vector ? V.Elements.size() : 1;
    if (Have != Counts[Op])
      return T.fail("'" + I.Text + "' needs " + Twine(Counts[Op]) +
                    " registers in operand " + Twine(Op + 1));
  }
  PtxType Raw{'b', F.A == "f64" ? 64u : 32u, 1};
  auto Registers = [&](const Operand &V) {
    SmallVector<const Operand *, 8> R;
    if (V.K == Operand::Kind::Vector)
      for (const Operand &E : V.Elements)
        R.push_back(&E);
    else
      R.push_back(&V);
    return R;
  };
  SmallVector<Value *, 16> Args;
  SmallVector<Type *, 16> ArgTypes;
  for (unsigned Op = 1; Op < 4; ++Op)
    for (const Operand *R : Registers(I.Operands[Op])) {
      Value *V = T.read(*R, Raw);
      if (!V)
        return false;
      Args.push_back(V);
      ArgTypes.push_back(V->getType());
    }
  SmallVector<Type *, 4> ResultTypes(Counts[0], Raw.get(T.C));
  auto *ResultTy = StructType::get(T.C, ResultTypes);
  std::string Name =
      ("__tx.mma.m" + Twine(F.M) + "n" + Twine(F.N) + "k" + Twine(F.K) + "." +
       F.D + "." + F.A + "." + F.B + "." + F.C + Suffix)
          .str();
  FunctionCallee Callee = T.M.getOrInsertFunction(
      Name, FunctionType::get(ResultTy, ArgTypes, false));
  Value *D = T.B.CreateCall(Callee, Args);
  unsigned Index = 0;
  for (const Operand *R : Registers(I.Operands[0]))
    if (!T.write(*R, T.B.CreateExtractValue(D, Index++)))
      return false;
  return true;
}

/// The state space of a matrix load or store's address.
StringRef matrixSpace(const PtxInstruction &I) {
  return I.has("shared") || I.has("shared::cta") ? "shared" : "";
}

/// How many 8x8 matrices an ldmatrix or stmatrix moves (x1, x2, x4), or 0
/// for a form Tongxin does not translate (m16n16 and m16n8 of sm_100's
/// 8-bit and 6-bit elements).
unsigned matrixCount(const PtxInstruction &I) {
  if (!I.has("sync") || !I.has("m8n8") || !I.has("b16"))
    return 0;
  return I.has("x4") ? 4 : I.has("x2") ? 2 : 1;
}

/// The lanes' row addresses of a warp's 8x8 matrices: lanes 8j..8j+7 name
/// the rows of matrix j, and any lane may ask for any of them.
class RowAddresses {
public:
  RowAddresses(Translator &T, Value *Row) : T(T), B(T.B) {
    Value *Bits = B.CreatePtrToInt(Row, B.getInt64Ty());
    Lo = B.CreateTrunc(Bits, B.getInt32Ty());
    Hi = B.CreateTrunc(B.CreateLShr(Bits, 32), B.getInt32Ty());
  }

  /// The address lane Source named.
  Value *of(Value *Source) {
    Value *All = B.getInt32(~0u), *Clamp = B.getInt32(0x1f);
    Value *L = T.callIntrinsic(Intrinsic::nvvm_shfl_sync_idx_i32,
                               {All, Lo, Source, Clamp});
    Value *H = T.callIntrinsic(Intrinsic::nvvm_shfl_sync_idx_i32,
                               {All, Hi, Source, Clamp});
    Value *Wide = B.CreateOr(B.CreateZExt(L, B.getInt64Ty()),
                             B.CreateShl(B.CreateZExt(H, B.getInt64Ty()), 32));
    return B.CreateIntToPtr(Wide, B.getPtrTy());
  }

  /// The address of 16-bit element Column of row Row of matrix J.
  Value *element(unsigned J, Value *Row, Value *Column) {
    return B.CreateGEP(B.getInt16Ty(), of(B.CreateAdd(B.getInt32(8 * J), Row)),
                       Column);
  }

private:
  Translator &T;
  IRBuilder<> &B;
  Value *Lo, *Hi;
};

/// Register J of a matrix instruction's register operand (a vector or one).
const Operand &matrixRegister(const Operand &Registers, unsigned J) {
  return Registers.K == Operand::Kind::Vector ? Registers.Elements[J]
                                              : Registers;
}

bool checkRegisterCount(Translator &T, const PtxInstruction &I,
                        const Operand &Registers, unsigned Count) {
  unsigned Have =
      Registers.K == Operand::Kind::Vector ? Registers.Elements.size() : 1;
  return Have == Count ||
         T.fail("'" + I.Text + "' needs " + Twine(Count) + " registers");
}

/// What ldmatrix and stmatrix share: their matrices' rows and where the
/// lane's register j lies in matrix j, row Group, elements Pair and
/// Pair + 1 (or with .trans column Group, rows Pair and Pair + 1).
struct LaneInMatrices {
  unsigned Count = 0;
  const Operand *Registers = nullptr;
  std::optional<RowAddresses> Rows;
  Value *Group = nullptr, *Pair = nullptr;
};

/// Checks a matrix move whose address is operand AddressIndex (the other
/// one its registers) and fetches its rows; false when it was refused.
bool laneInMatrices(Translator &T, const PtxInstruction &I,
                    unsigned AddressIndex, LaneInMatrices &Out) {
  Out.Count = matrixCount(I);
  if (!Out.Count || I.Operands.size() != 2 ||
      I.Operands[AddressIndex].K != Operand::Kind::Address)
    return T.unsupported(I);
  Out.Registers = &I.Operands[1 - AddressIndex];
  if (!checkRegisterCount(T, I, *Out.Registers, Out.Count))
    return false;
  Value *Row = T.address(I.Operands[AddressIndex], matrixSpace(I));
  if (!Row)
    return false;
  Out.Rows.emplace(T, Row);
  IRBuilder<> &B = T.B;
  Value *Lane = T.laneId();
  Out.Group = B.CreateLShr(Lane, 2);
  Out.Pair = B.CreateShl(B.CreateAnd(Lane, 3), 1);
  return true;
}

/// ldmatrix.sync.aligned.m8n8.{x1,x2,x4}[.trans][.shared].b16 d, [addr]
///
/// Lane L's register j is row L/4 of matrix j (its elements 2 (L%4) and
/// 2 (L%4) + 1), or with .trans column L/4 (element L/4 of rows 2 (L%4)
/// and 2 (L%4) + 1).
bool emitLdmatrix(Translator &T, const PtxInstruction &I) {
  LaneInMatrices L;
  if (!laneInMatrices(T, I, /*AddressIndex=*/1, L))
    return false;
  IRBuilder<> &B = T.B;
  for (unsigned J = 0; J < L.Count; ++J) {
    Value *Result;
    if (!I.has("trans")) {
      Result = B.CreateAlignedLoad(
          B.getInt32Ty(), L.Rows->element(J, L.Group, L.Pair), Align(4));
    } else {
      Value *Halves[2];
      for (unsigned H = 0; H < 2; ++H)
        Halves[H] = B.CreateAlignedLoad(
            B.getInt16Ty(),
            L.Rows->element(J, B.CreateAdd(L.Pair, B.getInt32(H)), L.Group),
            Align(2));
      Result =
          B.CreateOr(B.CreateZExt(Halves[0], B.getInt32Ty()),
                     B.CreateShl(B.CreateZExt(Halves[1], B.getInt32Ty()), 16));
    }
    if (!T.write(matrixRegister(*L.Registers, J), Result))
      return false;
  }
  return true;
}

/// stmatrix.sync.aligned.m8n8.{x1,x2,x4}[.trans][.shared].b16 [addr], r
///
/// ldmatrix's inverse: lane L's register j goes where ldmatrix would have
/// loaded it from.
bool emitStmatrix(Translator &T, const PtxInstruction &I) {
  LaneInMatrices L;
  if (!laneInMatrices(T, I, /*AddressIndex=*/0, L))
    return false;
  IRBuilder<> &B = T.B;
  for (unsigned J = 0; J < L.Count; ++J) {
    Value *Bits = T.read(matrixRegister(*L.Registers, J), PtxType{'b', 32, 1});
    if (!Bits)
      return false;
    if (!I.has("trans")) {
      B.CreateAlignedStore(Bits, L.Rows->element(J, L.Group, L.Pair), Align(4));
      continue;
    }
    for (unsigned H = 0; H < 2; ++H)
      B.CreateAlignedStore(
          B.CreateTrunc(H ? B.CreateLShr(Bits, 16) : Bits, B.getInt16Ty()),
          L.Rows->element(J, B.CreateAdd(L.Pair, B.getInt32(H)), L.Group),
          Align(2));
  }
  return true;
}

/// movmatrix.sync.aligned.m8n8.trans.b16 d, a
///
/// Transposes an 8x8 matrix of 16-bit elements held as ldmatrix leaves it:
/// lane L's new elements (L/4, 2 (L%4) + h) are the old (2 (L%4) + h, L/4),
/// half (L/4) % 2 of lane 4 (2 (L%4) + h) + L/8.
bool emitMovmatrix(Translator &T, const PtxInstruction &I) {
  if (!I.has("sync") || !I.has("m8n8") || !I.has("trans") || !I.has("b16") ||
      I.Operands.size() != 2)
    return T.unsupported(I);
  IRBuilder<> &B = T.B;
  Value *Source = T.read(I.Operands[1], PtxType{'b', 32, 1});
  if (!Source)
    return false;
  Value *Lane = T.laneId();
  Value *Group = B.CreateLShr(Lane, 2), *InGroup = B.CreateAnd(Lane, 3);
  Value *Shift = B.CreateShl(B.CreateAnd(Group, 1), 4);
  Value *Result = B.getInt32(0);
  for (unsigned H = 0; H < 2; ++H) {
    Value *Row = B.CreateAdd(B.CreateShl(InGroup, 1), B.getInt32(H));
    Value *From = B.CreateAdd(B.CreateShl(Row, 2), B.CreateLShr(Group, 1));
    Value *Held =
        T.callIntrinsic(Intrinsic::nvvm_shfl_sync_idx_i32,
                        {B.getInt32(~0u), Source, From, B.getInt32(0x1f)});
    Value *Half = B.CreateAnd(B.CreateLShr(Held, Shift), 0xffff);
    Result = B.CreateOr(Result, B.CreateShl(Half, 16 * H));
  }
  return T.write(I.Operands[0], Result);
}

} // namespace

void tx::ptx::addMatrixEmitters(EmitterTable &Table) {
  Table["mma"] = emitMma;
  Table["ldmatrix"] = emitLdmatrix;
  Table["stmatrix"] = emitStmatrix;
  Table["movmatrix"] = emitMovmatrix;
}
