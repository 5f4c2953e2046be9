//===- PtxWarp.cpp - Inline PTX warp collectives and barriers
//---------------===//
//
// Part of Tongxin. shfl (with its in-segment predicate), vote, match,
// redux, activemask and bar.sync 0, as the NVVM intrinsics Tongxin's CUDA
// headers use for the same CUDA functions, so later passes lower both alike.
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
/// bar.sync 0 / barrier.sync 0 (__syncthreads) and bar.warp.sync.
bool emitBarrier(Translator &T, const PtxInstruction &I) {
  if (I.has("warp")) {
    Value *Mask = operand(T, I, 0, u32());
    if (!Mask)
      return false;
    T.callIntrinsic(Intrinsic::nvvm_bar_warp_sync, {Mask});
    return true;
  }
  auto *Id = I.Operands.size() == 1
                 ? dyn_cast_or_null<ConstantInt>(T.read(I.Operands[0], u32()))
                 : nullptr;
  if (!I.has("sync") || !Id || !Id->isZero())
    return T.fail("inline PTX barrier '" + I.Text +
                  "' is not supported on the CPU backend (only bar.sync 0 "
                  "and barrier.sync 0, which are __syncthreads())");
  T.callIntrinsic(Intrinsic::nvvm_barrier0, {});
  return true;
}

/// shfl[.sync].mode.b32 d[|p], a, b, c[, membermask]; p says whether the
/// source lane was inside the segment (PTX ISA's pval).
bool emitShfl(Translator &T, const PtxInstruction &I) {
  bool Sync = I.has("sync");
  if (!expectOperands(T, I, Sync ? 5 : 4))
    return false;
  StringRef Mode = I.has("up")     ? "up"
                   : I.has("down") ? "down"
                   : I.has("bfly") ? "bfly"
                   : I.has("idx")  ? "idx"
                                   : "";
  if (Mode.empty())
    return T.unsupported(I);
  IRBuilder<> &B = T.B;
  Value *A = operand(T, I, 1, u32()), *Bv = operand(T, I, 2, u32());
  Value *Cv = operand(T, I, 3, u32());
  Value *Mask = Sync ? operand(T, I, 4, u32()) : B.getInt32(~0u);
  if (!A || !Bv || !Cv || !Mask)
    return false;
  Intrinsic::ID ID = Mode == "up"     ? Intrinsic::nvvm_shfl_sync_up_i32
                     : Mode == "down" ? Intrinsic::nvvm_shfl_sync_down_i32
                     : Mode == "bfly" ? Intrinsic::nvvm_shfl_sync_bfly_i32
                                      : Intrinsic::nvvm_shfl_sync_idx_i32;
  Value *R = T.callIntrinsic(ID, {Mask, A, Bv, Cv});
  if (!T.write(I.Operands[0], R))
    return false;
  if (I.Operands[0].PairedPredicate.empty())
    return true;
  Value *Lane = T.laneId();
  Value *SegMask = B.CreateAnd(B.CreateLShr(Cv, 8), 31);
  Value *MaxLane =
      B.CreateOr(B.CreateAnd(Lane, SegMask),
                 B.CreateAnd(B.CreateAnd(Cv, 31), B.CreateNot(SegMask)));
  Value *MinLane = B.CreateAnd(Lane, SegMask);
  Value *Shift = B.CreateAnd(Bv, 31);
  Value *Valid;
  if (Mode == "up")
    Valid = B.CreateICmpSGE(B.CreateSub(Lane, Shift), MaxLane);
  else if (Mode == "down")
    Valid = B.CreateICmpSLE(B.CreateAdd(Lane, Shift), MaxLane);
  else if (Mode == "bfly")
    Valid = B.CreateICmpSLE(B.CreateXor(Lane, Shift), MaxLane);
  else
    Valid = B.CreateICmpSLE(
        B.CreateOr(MinLane, B.CreateAnd(Shift, B.CreateNot(SegMask))), MaxLane);
  return T.writePaired(I.Operands[0], Valid);
}

bool emitVote(Translator &T, const PtxInstruction &I) {
  bool Sync = I.has("sync");
  if (!expectOperands(T, I, Sync ? 3 : 2))
    return false;
  IRBuilder<> &B = T.B;
  Value *P = operand(T, I, 1, pred());
  Value *Mask = Sync ? operand(T, I, 2, u32()) : B.getInt32(~0u);
  if (!P || !Mask)
    return false;
  Intrinsic::ID ID = I.has("ballot") ? Intrinsic::nvvm_vote_ballot_sync
                     : I.has("all")  ? Intrinsic::nvvm_vote_all_sync
                     : I.has("any")  ? Intrinsic::nvvm_vote_any_sync
                     : I.has("uni")  ? Intrinsic::nvvm_vote_uni_sync
                                     : Intrinsic::not_intrinsic;
  if (ID == Intrinsic::not_intrinsic)
    return T.unsupported(I);
  return T.write(I.Operands[0], T.callIntrinsic(ID, {Mask, P}));
}

bool emitWarpQuery(Translator &T, const PtxInstruction &I) {
  IRBuilder<> &B = T.B;
  if (I.Opcode == "activemask")
    return expectOperands(T, I, 1) &&
           T.write(I.Operands[0],
                   T.callIntrinsic(Intrinsic::nvvm_activemask, {}));
  auto Ty = typeAndOperands(T, I, 3);
  if (!Ty)
    return false;
  Value *A = operand(T, I, 1, *Ty), *Mask = operand(T, I, 2, u32());
  if (!A || !Mask)
    return false;
  if (I.Opcode == "match") {
    bool Is64 = Ty->Bits == 64;
    if (I.has("any"))
      return T.write(I.Operands[0],
                     T.callIntrinsic(Is64 ? Intrinsic::nvvm_match_any_sync_i64
                                          : Intrinsic::nvvm_match_any_sync_i32,
                                     {Mask, A}));
    Value *R = T.callIntrinsic(Is64 ? Intrinsic::nvvm_match_all_sync_i64p
                                    : Intrinsic::nvvm_match_all_sync_i32p,
                               {Mask, A});
    return T.write(I.Operands[0], B.CreateExtractValue(R, 0)) &&
           T.writePaired(I.Operands[0], B.CreateExtractValue(R, 1));
  }
  // redux.sync.op.type d, a, membermask
  bool S = Ty->isSigned();
  Intrinsic::ID ID = I.has("add")   ? Intrinsic::nvvm_redux_sync_add
                     : I.has("min") ? (S ? Intrinsic::nvvm_redux_sync_min
                                         : Intrinsic::nvvm_redux_sync_umin)
                     : I.has("max") ? (S ? Intrinsic::nvvm_redux_sync_max
                                         : Intrinsic::nvvm_redux_sync_umax)
                     : I.has("and") ? Intrinsic::nvvm_redux_sync_and
                     : I.has("or")  ? Intrinsic::nvvm_redux_sync_or
                     : I.has("xor") ? Intrinsic::nvvm_redux_sync_xor
                                    : Intrinsic::not_intrinsic;
  if (ID == Intrinsic::not_intrinsic || Ty->isFloat())
    return T.unsupported(I);
  return T.write(I.Operands[0], T.callIntrinsic(ID, {A, Mask}));
}
} // namespace

void tx::ptx::addWarpEmitters(EmitterTable &Table) {
  Table["bar"] = emitBarrier;
  Table["barrier"] = emitBarrier;
  Table["shfl"] = emitShfl;
  Table["vote"] = emitVote;
  Table["activemask"] = emitWarpQuery;
  Table["match"] = emitWarpQuery;
  Table["redux"] = emitWarpQuery;
}
