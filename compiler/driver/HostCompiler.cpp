//===- HostCompiler.cpp - tx-c++, clang++ that links Tongxin --------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// tx-c++ is clang++ 19 plus, when it links, the toolkit's library directory:
// -L<root>/lib64 and a run path to it (lib64/<triple> under --target=).
// It is the host compiler txcc links with, so it is also the link launcher
// CMake's CUDA language reads from `txcc -v` and links every CUDA target
// with: programs built there find libcudart.so.12 without LD_LIBRARY_PATH,
// as programs linked by txcc do. Everything else goes to clang++ unchanged.
//
//===----------------------------------------------------------------------===//

#include "ToolkitRoot.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

/// True unless the command stops before linking (-c, -S, -E, dependency
/// output only, syntax check) or only asks clang about itself.
bool links(int Argc, char **Argv) {
  bool HasInput = false;
  for (int I = 1; I < Argc; ++I) {
    const char *Arg = Argv[I];
    for (const char *Stop : {"-c", "-S", "-E", "-M", "-MM", "-fsyntax-only",
                             "--version", "-###", "--help"})
      if (strcmp(Arg, Stop) == 0)
        return false;
    HasInput |= Arg[0] != '-';
  }
  return HasInput;
}

/// The runtime's directory for the target the command names, if any.
std::string libraryDirectory(const std::string &Root, int Argc, char **Argv) {
  std::string Dir = Root + "/lib64";
  for (int I = 1; I < Argc; ++I) {
    std::string Arg = Argv[I];
    std::string Triple;
    if (Arg.rfind("--target=", 0) == 0)
      Triple = Arg.substr(9);
    else if ((Arg == "-target" || Arg == "--target") && I + 1 < Argc)
      Triple = Argv[I + 1];
    if (!Triple.empty() && Triple != "x86_64-linux-gnu")
      Dir = Root + "/lib64/" + Triple;
  }
  return Dir;
}

} // namespace

int main(int Argc, char **Argv) {
  std::vector<std::string> Args = {TX_CLANGXX};
  Args.insert(Args.end(), Argv + 1, Argv + Argc);
  std::string BinDir, Root;
  tx::locateToolkit(nullptr, BinDir, Root);
  if (!Root.empty() && links(Argc, Argv)) {
    std::string Dir = libraryDirectory(Root, Argc, Argv);
    // After the command's own -L, which take precedence.
    Args.push_back("-L" + Dir);
    Args.push_back("-Wl,-rpath," + Dir);
  }
  std::vector<char *> Pointers;
  for (std::string &Arg : Args)
    Pointers.push_back(Arg.data());
  Pointers.push_back(nullptr);
  execv(Pointers[0], Pointers.data());
  fprintf(stderr, "tx-c++: error: cannot run '%s': %s\n", Pointers[0],
          strerror(errno));
  return 127;
}
