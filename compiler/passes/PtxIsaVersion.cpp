//===- PtxIsaVersion.cpp - The PTX ISA version a device module needs ------===//
//
// Part of Tongxin. txcc writes PTX ISA 7.8 (CUDA 11.8, the first with
// sm_90), the oldest version every architecture it targets accepts, so that
// older ptxas and drivers load its PTX. Inline PTX may use instructions of
// a later version; for those modules alone the version rises to the one
// the instruction needs, as nvcc's own choice would allow.
//
//===----------------------------------------------------------------------===//

#include "PtxAsm.h"
#include "TongxinPasses.h"

#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

#include <algorithm>

using namespace llvm;

namespace {

constexpr unsigned BaseVersion = 78;

/// The PTX ISA version (major * 10 + minor) instruction I needs beyond the
/// base, or 0.
unsigned versionNeeded(const tx::ptx::PtxInstruction &I) {
  // mma.sync with e4m3/e5m2 operands: PTX ISA 8.4 (sm_89).
  if (I.Opcode == "mma" && (I.has("e4m3") || I.has("e5m2")))
    return 84;
  return 0;
}

unsigned versionNeeded(const InlineAsm &Asm) {
  std::vector<tx::ptx::Statement> Statements;
  std::string Error;
  // What the CPU path cannot parse, it reports itself; here it needs nothing.
  if (!tx::ptx::parse(Asm.getAsmString(), Statements, Error))
    return 0;
  unsigned Version = 0;
  for (const tx::ptx::Statement &S : Statements)
    if (S.K == tx::ptx::Statement::Kind::Instruction)
      Version = std::max(Version, versionNeeded(S.Instr));
  return Version;
}

} // namespace

std::string tx::ptxVersionFeature(const Module &M) {
  unsigned Version = BaseVersion;
  for (const Function &F : M)
    for (const BasicBlock &BB : F)
      for (const Instruction &I : BB)
        if (const auto *Call = dyn_cast<CallBase>(&I))
          if (const auto *Asm = dyn_cast<InlineAsm>(Call->getCalledOperand()))
            Version = std::max(Version, versionNeeded(*Asm));
  return "+ptx" + std::to_string(Version);
}
