//===- txmigrate.cpp - Will my CUDA code work with Tongxin? ---------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
//   txmigrate [--json] [-o FILE] <nvcc flags and sources>
//   txmigrate [--json] [-o FILE] -p <build directory>
//   txcc --report[=json] <nvcc flags and sources>     (the same)
//
// Reads each source through clang's AST with the command line its compile
// would have (txcc works it out from the nvcc-style flags, or from the
// project's compile_commands.json under -p) and lists every CUDA feature
// the code uses, each supported, partial or unsupported in this version,
// with file:line and a summary (docs/migration-report.md).
//
//===----------------------------------------------------------------------===//

#include "Report.h"
#include "SourceAnalysis.h"

#include "../../compiler/driver/ToolkitRoot.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"

#include <climits>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>

using namespace tx::migrate;
using llvm::StringRef;

namespace {

struct Job {
  std::string Directory;
  std::string File;
  std::vector<std::string> Flags; ///< nvcc-style, without the source.
};

bool isSource(StringRef Path) {
  for (const char *Ext : {".cu", ".cpp", ".cc", ".cxx", ".C", ".c"})
    if (Path.ends_with(Ext))
      return true;
  return false;
}

/// Runs Args in Directory; its standard output in Output. The exit status,
/// or -1 when it could not run.
int runCapturing(const std::vector<std::string> &Args,
                 const std::string &Directory, std::string &Output) {
  int Pipe[2];
  if (pipe(Pipe) != 0)
    return -1;
  pid_t Child = fork();
  if (Child < 0)
    return -1;
  if (Child == 0) {
    dup2(Pipe[1], STDOUT_FILENO);
    close(Pipe[0]);
    close(Pipe[1]);
    if (!Directory.empty() && chdir(Directory.c_str()) != 0)
      _exit(126);
    std::vector<char *> Argv;
    for (const std::string &Arg : Args)
      Argv.push_back(const_cast<char *>(Arg.c_str()));
    Argv.push_back(nullptr);
    execv(Argv[0], Argv.data());
    _exit(127);
  }
  close(Pipe[1]);
  char Buffer[4096];
  ssize_t N;
  while ((N = read(Pipe[0], Buffer, sizeof(Buffer))) > 0)
    Output.append(Buffer, N);
  close(Pipe[0]);
  int Status = 0;
  waitpid(Child, &Status, 0);
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
}

/// The front end's command line for Job, from txcc.
bool frontEndOf(const std::string &Root, const Job &J,
                std::vector<std::string> &Args) {
  std::vector<std::string> Command = {Root + "/bin/txcc",
                                      "--tongxin-frontend-args"};
  Command.insert(Command.end(), J.Flags.begin(), J.Flags.end());
  Command.push_back(J.File);
  std::string Output;
  if (runCapturing(Command, J.Directory, Output) != 0)
    return false;
  size_t Start = 0;
  for (size_t End; (End = Output.find('\0', Start)) != std::string::npos;
       Start = End + 1)
    Args.push_back(Output.substr(Start, End - Start));
  return !Args.empty();
}

/// The flags of a compile_commands.json entry, for txcc: without the
/// compiler, the source, -c and -o; a C++ compiler's own options are
/// passed through to the host compiler.
Job jobOf(const clang::tooling::CompileCommand &Command) {
  Job J{Command.Directory, Command.Filename, {}};
  StringRef Compiler = Command.CommandLine.empty()
                           ? StringRef()
                           : StringRef(Command.CommandLine[0]);
  if (!Compiler.ends_with("nvcc") && !Compiler.ends_with("txcc"))
    J.Flags.push_back("-forward-unknown-to-host-compiler");
  const std::vector<std::string> &Line = Command.CommandLine;
  for (size_t I = 1; I < Line.size(); ++I) {
    if (Line[I] == "-o" && I + 1 < Line.size()) {
      ++I;
      continue;
    }
    if (Line[I] == "-c" || Line[I] == Command.Filename ||
        StringRef(Line[I]).starts_with("-o"))
      continue;
    J.Flags.push_back(Line[I]);
  }
  return J;
}

int usage() {
  std::cerr << "usage: txmigrate [--json] [-o FILE] <nvcc flags and sources>\n"
               "       txmigrate [--json] [-o FILE] -p <build directory "
               "with compile_commands.json>\n";
  return 1;
}

} // namespace

int main(int Argc, char **Argv) {
  bool Json = false;
  std::string OutputPath, BuildDir;
  std::vector<std::string> Flags, Sources;
  for (int I = 1; I < Argc; ++I) {
    std::string Arg = Argv[I];
    if (Arg == "--json")
      Json = true;
    else if (Arg == "--help" || Arg == "-h")
      return usage(), 0;
    else if ((Arg == "-o" || Arg == "-p") && I + 1 < Argc)
      (Arg == "-o" ? OutputPath : BuildDir) = Argv[++I];
    else if (Arg[0] != '-' && isSource(Arg))
      Sources.push_back(Arg);
    else
      Flags.push_back(Arg);
  }

  std::vector<Job> Jobs;
  char Cwd[PATH_MAX];
  std::string Here = getcwd(Cwd, sizeof(Cwd)) ? Cwd : ".";
  if (!BuildDir.empty()) {
    std::string Error;
    auto Database =
        clang::tooling::CompilationDatabase::loadFromDirectory(BuildDir, Error);
    if (!Database) {
      std::cerr << "txmigrate: error: " << Error << "\n";
      return 1;
    }
    for (const auto &Command : Database->getAllCompileCommands())
      if (isSource(Command.Filename))
        Jobs.push_back(jobOf(Command));
  }
  for (const std::string &Source : Sources)
    Jobs.push_back({Here, Source, Flags});
  if (Jobs.empty())
    return usage();

  std::string BinDir, Root, Error;
  tx::locateToolkit(Argv[0], BinDir, Root);
  SupportData Data;
  if (!Data.load(Root, Error)) {
    std::cerr << "txmigrate: error: " << Error << "\n";
    return 1;
  }
  Report R;
  int Status = 0;
  for (const Job &J : Jobs) {
    std::vector<std::string> Args;
    if (!frontEndOf(Root, J, Args)) {
      std::cerr << "txmigrate: error: txcc did not accept the command line "
                   "of "
                << J.File << "\n";
      Status = 1;
      continue;
    }
    if (!analyzeSource(J.Directory, J.File, Args, Data, R)) {
      std::cerr << "txmigrate: error: cannot read " << J.File << "\n";
      Status = 1;
    }
  }

  std::ofstream File;
  if (!OutputPath.empty()) {
    File.open(OutputPath);
    if (!File) {
      std::cerr << "txmigrate: error: cannot write " << OutputPath << "\n";
      return 1;
    }
  }
  std::ostream &Out = OutputPath.empty() ? std::cout : File;
  if (Json)
    R.printJson(Out);
  else
    R.printText(Out);
  return Status;
}
