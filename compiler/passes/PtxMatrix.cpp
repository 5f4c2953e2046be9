//===- PtxMatrix.cpp - Inline PTX warp matrix instructions
//-----------------===//
//
// Part of Tongxin. mma.sync and ldmatrix, the tensor-core instructions
// hand-tuned kernels and CUTLASS write in inline PTX.
//
// mma.sync becomes a call of `__tx.mma.<shape>.<d>.<a>.<b>.<c>[.satfinite]`
// with the instruction's registers as raw bits (i32, i64 for f64), returning
// D's registers; LowerWarpMatrix lowers it with the fragment layouts the PTX
// ISA documents, after the inliner has put a warp's products side by side.
//
// ldmatrix is a warp exchange of row addresses: lane L's register R of
// matrix j holds row L/4 (column L/4 with .trans) of the 8x8 matrix whose
// rows lanes 8j..8j+7 name, so each lane fetches the addresses it needs
// with shuffles and loads its own 32 bits.
//
//===----------------------------------------------------------------------===//

#include "MmaSyncFragments.h"
#include "PtxTranslator.h"

#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace tx::ptx;

namespace {

struct MmaForm {
  unsigned M = 0, N = 0, K = 0;
  StringRef D, A, B, C;
};

/// The register counts of each operand, or false for a form Tongxin does
/// not lower: the PTX ISA's m16n8 forms, and the m8n8 ones of f64 (k4),
/// 8-bit (k16) and 4-bit (k32) integers.
bool registerCounts(const MmaForm &F, unsigned Counts[4]) {
  const unsigned E = tx::mmaSyncElementsPerRegister(F.A);
  const bool Integer = F.A == "s8" || F.A == "u8" || F.A == "s4" || F.A == "u4";
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
  // 4-bit A of m16n8k64 (16 x 64 widened) is larger than the runtime's
  // exchange tiles.
  if (F.M != 16 || F.N != 8 || F.A == "f64" || F.K % (4 * E) != 0 ||
      F.M * F.K > 512)
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

/// mma.sync.aligned.<shape>.row.col.<d>.<a>.<b>.<c>[.satfinite] d, a, b, c
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
  if (!registerCounts(F, Counts))
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
  std::string Name = ("__tx.mma.m" + Twine(F.M) + "n" + Twine(F.N) + "k" +
                      Twine(F.K) + "." + F.D + "." + F.A + "." + F.B + "." +
                      F.C + (I.has("satfinite") ? ".satfinite" : ""))
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

/// ldmatrix.sync.aligned.m8n8.{x1,x2,x4}[.trans][.shared].b16 d, [addr]
bool emitLdmatrix(Translator &T, const PtxInstruction &I) {
  const unsigned Count = I.has("x4") ? 4 : I.has("x2") ? 2 : 1;
  const bool Trans = I.has("trans");
  if (!I.has("sync") || !I.has("m8n8") || !I.has("b16") ||
      I.Operands.size() != 2 || I.Operands[1].K != Operand::Kind::Address)
    return T.unsupported(I);
  const Operand &D = I.Operands[0];
  unsigned Have = D.K == Operand::Kind::Vector ? D.Elements.size() : 1;
  if (Have != Count)
    return T.fail("'" + I.Text + "' needs " + Twine(Count) +
                  " destination registers");
  IRBuilder<> &B = T.B;
  Value *Row = T.address(I.Operands[1], I.has("shared") ? "shared" : "");
  if (!Row)
    return false;
  Value *Bits = B.CreatePtrToInt(Row, B.getInt64Ty());
  Value *Lo = B.CreateTrunc(Bits, B.getInt32Ty());
  Value *Hi = B.CreateTrunc(B.CreateLShr(Bits, 32), B.getInt32Ty());
  Value *Lane = T.laneId();
  Value *Group = B.CreateLShr(Lane, 2), *InGroup = B.CreateAnd(Lane, 3);
  // The address lane Source named (a row of one of the matrices).
  auto RowAddress = [&](Value *Source) {
    Value *All = B.getInt32(~0u), *Clamp = B.getInt32(0x1f);
    Value *L = T.callIntrinsic(Intrinsic::nvvm_shfl_sync_idx_i32,
                               {All, Lo, Source, Clamp});
    Value *H = T.callIntrinsic(Intrinsic::nvvm_shfl_sync_idx_i32,
                               {All, Hi, Source, Clamp});
    Value *Wide = B.CreateOr(B.CreateZExt(L, B.getInt64Ty()),
                             B.CreateShl(B.CreateZExt(H, B.getInt64Ty()), 32));
    return B.CreateIntToPtr(Wide, B.getPtrTy());
  };
  for (unsigned J = 0; J < Count; ++J) {
    Value *First = B.getInt32(8 * J);
    Value *Result;
    if (!Trans) {
      // Row L/4 of matrix J, its elements 2 (L%4) and 2 (L%4) + 1.
      Value *At = RowAddress(B.CreateAdd(First, Group));
      Value *Pair = B.CreateGEP(B.getInt32Ty(), At, InGroup);
      Result = B.CreateAlignedLoad(B.getInt32Ty(), Pair, Align(4));
    } else {
      // Column L/4: element L/4 of rows 2 (L%4) and 2 (L%4) + 1.
      Value *Top = B.CreateAdd(First, B.CreateShl(InGroup, 1));
      Value *Halves[2];
      for (unsigned H = 0; H < 2; ++H) {
        Value *At = RowAddress(B.CreateAdd(Top, B.getInt32(H)));
        Halves[H] = B.CreateAlignedLoad(
            B.getInt16Ty(), B.CreateGEP(B.getInt16Ty(), At, Group), Align(2));
      }
      Result =
          B.CreateOr(B.CreateZExt(Halves[0], B.getInt32Ty()),
                     B.CreateShl(B.CreateZExt(Halves[1], B.getInt32Ty()), 16));
    }
    const Operand &Dst = D.K == Operand::Kind::Vector ? D.Elements[J] : D;
    if (!T.write(Dst, Result))
      return false;
  }
  return true;
}

} // namespace

void tx::ptx::addMatrixEmitters(EmitterTable &Table) {
  Table["mma"] = emitMma;
  Table["ldmatrix"] = emitLdmatrix;
}
