//===- MpiWrapper.cpp - -ccbin mpicxx: MPI's flags for CUDA sources -------===//
//
// Part of Tongxin. See MpiWrapper.h.
//
//===----------------------------------------------------------------------===//

#include "MpiWrapper.h"

#include <fstream>
#include <sstream>

namespace tx {

bool isMpiWrapper(const std::string &Compiler) {
  size_t Slash = Compiler.rfind('/');
  std::string Name =
      Slash == std::string::npos ? Compiler : Compiler.substr(Slash + 1);
  return Name.compare(0, 3, "mpi") == 0 && Name.size() > 3;
}

ArgList preprocessorFlagsIn(const std::string &CompileLine) {
  ArgList Flags;
  std::istringstream Words(CompileLine);
  std::string Word;
  while (Words >> Word) {
    bool TakesNext = Word == "-I" || Word == "-D" || Word == "-isystem";
    if (TakesNext) {
      std::string Value;
      if (Words >> Value) {
        Flags.push_back(Word);
        Flags.push_back(Value);
      }
      continue;
    }
    if (Word.compare(0, 2, "-I") == 0 || Word.compare(0, 2, "-D") == 0 ||
        Word == "-pthread")
      Flags.push_back(Word);
  }
  return Flags;
}

/// Runs Compiler with Option, returning its output ("" if it failed).
static std::string askWrapper(const std::string &Compiler,
                              const std::string &Option,
                              const std::string &Scratch) {
  if (runProgramCapturingOutput({Compiler, Option}, Scratch) != 0)
    return "";
  std::ifstream In(Scratch);
  std::stringstream Text;
  Text << In.rdbuf();
  return Text.str();
}

ArgList mpiWrapperFlags(const std::string &Compiler,
                        const std::string &Scratch) {
  if (!isMpiWrapper(Compiler))
    return {};
  std::string Line = askWrapper(Compiler, "--showme:compile", Scratch);
  if (Line.empty()) {
    // MPICH prints its whole compile line, starting with the compiler.
    Line = askWrapper(Compiler, "-compile_info", Scratch);
  }
  return preprocessorFlagsIn(Line);
}

} // namespace tx
