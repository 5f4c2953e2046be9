//===- CheckSites.h - Source records of checked accesses -------*- C++ -*-===//
//
// Part of Tongxin. The check passes (MemoryAccessChecks, SharedRaceChecks)
// describe each checked instruction to the runtime with a TxCheckSite
// (tongxin/check_abi.h): its function, file and line, access flags and
// alignment, and the range cache memcheck keeps in it. This builds them.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_COMPILER_PASSES_CHECKSITES_H
#define TONGXIN_COMPILER_PASSES_CHECKSITES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

namespace tx {

class CheckSites {
public:
  explicit CheckSites(llvm::Module &M);

  /// A new site record for I: Flags (TxCheckAccessFlags | space <<
  /// TX_CHECK_SPACE_SHIFT) and the alignment the access needs.
  llvm::GlobalVariable *siteFor(const llvm::Instruction &I, uint32_t Flags,
                                uint64_t Alignment);

  /// A private NUL-terminated copy of Text, one per module.
  llvm::Constant *stringConstant(llvm::StringRef Text);

  /// True for globals the check passes created.
  static bool isCheckerGlobal(const llvm::GlobalValue &G);

  /// Loads, at B, the range Site's cache holds now: [Begin, End) as
  /// integers of type IntTy. Relaxed atomics: the runtime empties a range
  /// when its allocation is freed, possibly while a kernel runs.
  static std::pair<llvm::Value *, llvm::Value *>
  loadCachedRange(llvm::IRBuilder<> &B, llvm::Value *Site, llvm::Type *IntTy);

private:
  llvm::Module &M;
  llvm::StructType *SiteTy;
  llvm::GlobalVariable *EmptyRange;
  llvm::StringMap<llvm::Constant *> Strings;
};

/// True for code of device_textures.h: it reads the runtime's texture
/// descriptors (memory no allocation holds) and texels, clamping its
/// coordinates as a GPU does.
bool isTextureSampling(const llvm::Instruction &I);

/// V is a warp's matrix exchange area (tongxin/warp_matrix_abi.h):
/// LowerWarpMatrix's own copies, memory no allocation holds.
bool isWarpMatrixArea(const llvm::Value *V);

/// An internal constructor Name of M, run at load time, whose body B is
/// left before its return for the caller's calls.
llvm::Function *addCheckConstructor(llvm::Module &M, const llvm::Twine &Name,
                                    llvm::IRBuilder<> &B);

/// A constructor that announces the check Tool to the runtime
/// (__tx_check_start: its banner, and the error summary at exit).
void announceCheckTool(llvm::Module &M, llvm::StringRef Tool);

} // namespace tx

#endif // TONGXIN_COMPILER_PASSES_CHECKSITES_H
