//===- PtxTranslator.h - Inline PTX to LLVM IR ------------------*- C++ -*-===//
//
// Part of Tongxin. The state TranslateInlinePTX keeps while it turns one asm
// statement into IR: the asm operands, the registers its `.reg`
// declarations made (one alloca each, which SROA later makes SSA values),
// the carry flag of add.cc/addc, and the labels of its branches.
// PtxInstructions.cpp gives each instruction family its semantics.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_PTXTRANSLATOR_H
#define TONGXIN_COMPILER_PASSES_PTXTRANSLATOR_H

#include "PtxAsm.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/IRBuilder.h"

#include <optional>

namespace tx::ptx {

/// A PTX instruction type: .u32, .s64, .f32, .f16x2, .pred, ...
struct PtxType {
  char Kind = 'b';    ///< 'u', 's', 'b', 'f' (IEEE), 'h' (bf16), 'p' (pred)
  unsigned Bits = 32; ///< of one element
  unsigned Lanes = 1; ///< 2 for .f16x2 and .bf16x2

  bool isFloat() const { return Kind == 'f' || Kind == 'h'; }
  bool isSigned() const { return Kind == 's'; }
  unsigned totalBits() const { return Bits * Lanes; }
  llvm::Type *get(llvm::LLVMContext &C) const;
  static std::optional<PtxType> parse(llvm::StringRef Name);
};

class Translator {
public:
  Translator(llvm::CallInst &Asm, std::string &Error);

  /// Emits the statements before the asm call; false (with Error set) when
  /// something is outside what Tongxin translates.
  bool emit(const std::vector<Statement> &Statements);
  /// The asm call's result: its outputs, as the call returned them.
  llvm::Value *result();

  // What PtxInstructions.cpp uses.
  llvm::IRBuilder<> B;
  llvm::Module &M;
  llvm::LLVMContext &C;

  bool fail(const llvm::Twine &Message);
  bool unsupported(const PtxInstruction &I);
  /// The instruction's type: its last modifier that names one.
  std::optional<PtxType> typeOf(const PtxInstruction &I, unsigned FromEnd = 0);
  llvm::Value *read(const Operand &Op, PtxType T);
  bool write(const Operand &Op, llvm::Value *V);
  /// Writes the predicate half of a `d|p` destination, if there is one.
  bool writePaired(const Operand &Op, llvm::Value *Pred);
  /// The generic pointer an address operand names in a state space
  /// ("global", "shared", ... or "" for generic).
  llvm::Value *address(const Operand &Op, llvm::StringRef Space);
  /// The generic address of a .shared window address, and back.
  llvm::Value *sharedToGeneric(llvm::Value *WindowAddress);
  llvm::Value *genericToShared(llvm::Value *Pointer, unsigned Bits);
  llvm::Value *convert(llvm::Value *V, llvm::Type *To, bool Signed);
  llvm::Value *specialRegister(llvm::StringRef Name);
  llvm::Value *laneId();
  llvm::Value *callIntrinsic(unsigned ID, llvm::ArrayRef<llvm::Value *> Args,
                             llvm::ArrayRef<llvm::Type *> Types = {});
  llvm::Value *carry();
  void setCarry(llvm::Value *Bit);
  bool branchTo(llvm::StringRef Label, llvm::Value *Cond);
  /// Ends the current block with `unreachable` (after a call that does not
  /// return); what follows goes into a block nothing reaches.
  void endUnreachable();

private:
  llvm::CallInst &Asm;
  std::string &Error;
  unsigned NumOutputs = 0;
  llvm::SmallVector<llvm::AllocaInst *, 4> Outputs;
  llvm::SmallVector<llvm::Value *, 8> Inputs;
  llvm::SmallVector<llvm::StringMap<llvm::AllocaInst *>, 4> Scopes;
  llvm::StringMap<llvm::BasicBlock *> Labels;
  llvm::StringSet<> PlacedLabels;
  llvm::AllocaInst *CarryFlag = nullptr;
  llvm::BasicBlock *Exit = nullptr;
  /// The guard of an instruction emitted unconditionally (see
  /// isSpeculatable): its writes keep a register's old value where the
  /// guard is false.
  llvm::Value *SpeculatedGuard = nullptr;

  llvm::AllocaInst *lookup(llvm::StringRef Name);
  llvm::AllocaInst *newSlot(llvm::Type *Ty, const llvm::Twine &Name);
  bool bindOperands();
  bool declare(const Statement &S);
  bool instruction(const PtxInstruction &I);
  llvm::Value *guardedValue(llvm::AllocaInst *Slot, llvm::Value *New);
  llvm::BasicBlock *labelBlock(llvm::StringRef Name);
};

/// Emits one instruction's semantics (PtxInstructions.cpp); false when
/// Tongxin has none for it (Error set by the callee).
bool emitInstruction(Translator &T, const PtxInstruction &I);

/// Each family's emitters, by opcode.
using Emitter = bool (*)(Translator &, const PtxInstruction &);
using EmitterTable = llvm::StringMap<Emitter>;
void addGeneralEmitters(EmitterTable &Table);    // PtxInstructions.cpp
void addArithmeticEmitters(EmitterTable &Table); // PtxArithmetic.cpp
void addMemoryEmitters(EmitterTable &Table);     // PtxMemory.cpp
void addWarpEmitters(EmitterTable &Table);       // PtxWarp.cpp
void addMatrixEmitters(EmitterTable &Table);     // PtxMatrix.cpp

// Helpers the emitters share (PtxInstructions.cpp).

/// Reads operand N of I as type Ty; null (with the error set) when I has
/// too few operands.
llvm::Value *operand(Translator &T, const PtxInstruction &I, unsigned N,
                     PtxType Ty);
bool expectOperands(Translator &T, const PtxInstruction &I, unsigned Min);
/// I's type (its last type modifier) when I has Min operands or more.
std::optional<PtxType> typeAndOperands(Translator &T, const PtxInstruction &I,
                                       unsigned Min);
PtxType u32();
PtxType pred();
/// The rounding a floating-point instruction names; nullopt for
/// round-to-nearest-even (the default).
std::optional<llvm::RoundingMode> rounding(const PtxInstruction &I);
/// Clamps to [0, 1] (.sat of float instructions).
llvm::Value *saturate(Translator &T, llvm::Value *V);
/// a op b for floats in the instruction's rounding mode.
llvm::Value *floatBinary(Translator &T, const PtxInstruction &I,
                         llvm::Instruction::BinaryOps Op, llvm::Value *A,
                         llvm::Value *B);

} // namespace tx::ptx

#endif // TONGXIN_COMPILER_PASSES_PTXTRANSLATOR_H
