//===- PtxAsm.h - Inline PTX statements, parsed -----------------*- C++ -*-===//
//
// Part of Tongxin. The syntax of the PTX that CUDA code writes in `asm`
// statements, as TranslateInlinePTX reads it: instructions with guards,
// dotted modifiers and operands, `.reg` declarations, `{ }` scopes and
// labels. Operands name the asm statement's operands as `$N` (clang's
// spelling of `%N`).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_PTXASM_H
#define TONGXIN_COMPILER_PASSES_PTXASM_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tx::ptx {

struct Operand {
  enum class Kind {
    AsmOperand, ///< $N
    Register,   ///< a declared register or a special one (%laneid)
    Integer,    ///< 12, -1, 0xff
    Float,      ///< 0f3F800000, 0d..., 1.5
    Address,    ///< [Base+Offset]; Elements[0] is the base
    Vector,     ///< {a, b, ...}; the elements
    Sink,       ///< _ (a result nobody reads)
  };
  Kind K = Kind::Integer;
  unsigned AsmIndex = 0;
  std::string Name;
  /// `!p`: the predicate's negation.
  bool Negated = false;
  int64_t Int = 0;
  /// Float: the value, and for 0f/0d literals their exact bits.
  double FloatValue = 0.0;
  uint64_t FloatBits = 0;
  unsigned FloatBitWidth = 0; ///< 32 or 64 for 0f/0d, 0 for decimal
  int64_t Offset = 0;
  std::vector<Operand> Elements;
  /// `d|p`: a second destination, the predicate some instructions also set.
  std::string PairedPredicate;
};

struct PtxInstruction {
  std::string Guard; ///< predicate register, empty when unguarded
  bool GuardNegated = false;
  std::string Opcode;                          ///< "shfl"
  llvm::SmallVector<std::string, 6> Modifiers; ///< {"sync", "up", "b32"}
  llvm::SmallVector<Operand, 4> Operands;
  std::string Text; ///< the statement as written, for diagnostics

  bool has(llvm::StringRef Modifier) const;
};

struct Statement {
  enum class Kind { Instruction, RegisterDeclaration, Label, Open, Close };
  Kind K = Kind::Instruction;
  PtxInstruction Instr;
  std::string TypeName;                    ///< declarations: "u32", "pred"
  llvm::SmallVector<std::string, 4> Names; ///< declared registers
  std::string LabelName;
};

/// Parses an inline asm string; on failure returns false and sets Error to
/// a message that quotes the offending text.
bool parse(llvm::StringRef Asm, std::vector<Statement> &Statements,
           std::string &Error);

/// True if the translator has semantics for I's opcode (PtxInstructions.cpp).
/// Some modifier combinations of such an opcode are still refused when
/// translated, at their source line; txmigrate's report says so.
bool isTranslated(const PtxInstruction &I);

} // namespace tx::ptx

#endif // TONGXIN_COMPILER_PASSES_PTXASM_H
