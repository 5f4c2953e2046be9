//===- MmaSyncFragments.h - mma.sync's fragment layouts ---------*- C++ -*-===//
//
// Part of Tongxin. Inline PTX's mma.sync (see PtxMatrix.cpp) names which
// matrix element each register of each lane holds, as the PTX ISA
// documents it and as programs (and ldmatrix) rely on. LowerWarpMatrix uses
// these helpers to copy a lane's registers into its warp's dense tiles and
// back (tongxin/warp_matrix_abi.h).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_MMASYNCFRAGMENTS_H
#define TONGXIN_COMPILER_PASSES_MMASYNCFRAGMENTS_H

#include "tongxin/warp_matrix_abi.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/IRBuilder.h"

#include <string>

namespace tx {

/// One operand of an mma.sync: 'a', 'b', or 'c' (C and D alike).
struct MmaSyncOperand {
  char Which = 'a';
  unsigned M = 0, N = 0, K = 0;
  std::string Type;         ///< "f16", "s8", "tf32", "e4m3", "f32", ...
  unsigned PerRegister = 1; ///< elements per register
  unsigned Registers = 0;

  /// Bytes one element takes in the exchange tile (widened).
  unsigned exchangeBytes() const;
};

/// Elements of an mma.sync operand type per 32-bit register (per 64-bit
/// one for f64); 0 for a type mma.sync does not have here.
unsigned mmaSyncElementsPerRegister(llvm::StringRef Type);

/// Parses `__tx.mma.m16n8k16.<d>.<a>.<b>.<c>[.satfinite|.xor|.and]`: the
/// product's
/// descriptor (types as the lanes publish them) and its operands A, B, C
/// and D. False for anything else.
bool parseMmaSync(llvm::StringRef Name, TxWarpMma &Op,
                  MmaSyncOperand Operands[4]);

/// Copies a lane's registers (raw i32 or i64) of operand O into the dense
/// tile at Tile (A and C row-major, B column-major), widened; 4- and 1-bit
/// operands packed as they are.
void publishMmaSync(llvm::IRBuilder<> &B, const MmaSyncOperand &O,
                    llvm::ArrayRef<llvm::Value *> Registers, llvm::Value *Tile,
                    llvm::Value *Lane);

/// The lane's registers of D (a struct of raw i32 or i64), read from the
/// row-major tile at Tile.
llvm::Value *readMmaSync(llvm::IRBuilder<> &B, const MmaSyncOperand &D,
                         llvm::Value *Tile, llvm::Value *Lane,
                         llvm::StructType *ResultTy);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_MMASYNCFRAGMENTS_H
