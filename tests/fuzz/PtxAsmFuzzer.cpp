//===- PtxAsmFuzzer.cpp - libFuzzer harness for the inline-PTX parser ----===//
//
// Part of Tongxin. TranslateInlinePTX parses every asm statement of device
// code: whatever the text, the parser returns statements or an error that
// quotes it, without crashing, hanging or reading out of bounds.
//
//===----------------------------------------------------------------------===//

#include "PtxAsm.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Asm(reinterpret_cast<const char *>(Data), Size);
  std::vector<tx::ptx::Statement> Statements;
  std::string Error;
  if (!tx::ptx::parse(Asm, Statements, Error) && Error.empty())
    __builtin_trap(); // A failure must say why.
  return 0;
}
