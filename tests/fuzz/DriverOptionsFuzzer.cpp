//===- DriverOptionsFuzzer.cpp - Fuzz txcc's command-line parsing ---------===//
//
// Part of Tongxin. The input, split at NUL bytes, is txcc's argument list
// (after argv[0]). Whatever the arguments, parseOptions must return: parsed,
// or an error printed, or an exit code for --help and --version; no crash,
// hang, unbounded memory or out-of-bounds read. Options files (-optf) are
// read from wherever they point, so the harness also gets to make one: an
// argument "@FILE=<text>" writes <text> to a scratch file first and is
// replaced by that file's path (which may name itself: nesting must end).
//
//===----------------------------------------------------------------------===//

#include "Options.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

static const std::string &scratchFile() {
  static const std::string Path = [] {
    std::atexit([] { std::remove(scratchFile().c_str()); });
    return "/tmp/tongxin-fuzz-optf-" + std::to_string(getpid()) + ".txt";
  }();
  return Path;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size > 4096)
    return 0;
  std::vector<std::string> Args{"txcc"};
  std::string Current;
  for (size_t I = 0; I <= Size; ++I) {
    if (I == Size || Data[I] == 0) {
      Args.push_back(Current);
      Current.clear();
      continue;
    }
    Current.push_back(char(Data[I]));
  }
  for (std::string &Arg : Args) {
    if (Arg.rfind("@FILE=", 0) != 0)
      continue;
    if (FILE *F = std::fopen(scratchFile().c_str(), "wb")) {
      std::fwrite(Arg.data() + 6, 1, Arg.size() - 6, F);
      std::fclose(F);
    }
    Arg = scratchFile();
  }
  std::vector<char *> Argv;
  for (std::string &Arg : Args)
    Argv.push_back(Arg.data());
  Argv.push_back(nullptr);
  tx::DriverOptions Opts;
  int Exit = 0;
  tx::parseOptions(int(Args.size()), Argv.data(), Opts, Exit);
  return 0;
}
