//===- Driver.cpp - txcc, the nvcc-compatible driver ----------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// The nvcc-compatible options select what to do with the inputs: a .cu file
// goes through clang's CUDA front end, the SIMT -> CPU lowering and the PTX
// path (CudaCompile.cpp); .cpp/.c inputs go to the host compiler; the link
// (tx-c++) adds the runtime, libcudart.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "MpiWrapper.h"

#include "tongxin/abi.h"
#include "tongxin/cuda_config.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <unistd.h>

using namespace tx;

std::string tx::baseName(const std::string &Path) {
  std::string Name = Path.substr(Path.rfind('/') + 1);
  return Name.substr(0, Name.rfind('.'));
}

int Driver::exec(const ArgList &Args) {
  if (Opts.Verbose || Opts.DryRun)
    fprintf(stderr, "#$ %s\n", formatCommand(Args).c_str());
  return Opts.DryRun ? 0 : runProgram(Args);
}

bool Driver::start(ParallelRuns &Runs, const ArgList &Args,
                   const std::string &ErrorFile) {
  if (Opts.Verbose || Opts.DryRun)
    fprintf(stderr, "#$ %s\n", formatCommand(Args).c_str());
  return Opts.DryRun || Runs.start(Args, ErrorFile);
}

unsigned Driver::jobs() const {
  if (Opts.Jobs == EveryCpu)
    return availableCpus();
  return Opts.Jobs ? Opts.Jobs : std::min(availableCpus(), MaxDefaultJobs);
}

/// Flags shared by both clang CUDA passes.
ArgList Driver::cudaFrontEnd(bool Device, const std::string &Arch) const {
  ArgList Args = {Tools.Clang,
                  "-x",
                  "cuda",
                  Device ? "--cuda-device-only" : "--cuda-host-only",
                  "--cuda-gpu-arch=" + Arch,
                  "-nocudainc",
                  "-nocudalib",
                  "--cuda-path=/nonexistent",
                  "-Xclang",
                  "-target-sdk-version=12.0",
                  "-Wno-unknown-cuda-version",
                  "-I" + Tools.IncludeDir,
                  "-include",
                  "cuda_runtime.h"};
  // Without a CUDA install clang only accepts the shuffle builtins when told
  // the PTX version; the host side has no use for it. PTX ISA 7.8 (CUDA
  // 11.8, the first with sm_90): newer CCCL's inline PTX needs 7.6 (bmsk).
  if (Device)
    Args.push_back("--cuda-feature=+ptx78");
  // Without -std, nvcc leaves gcc in its default GNU dialect (no
  // __STRICT_ANSI__, __int128 an integral type); -std=c++NN is strict there
  // too.
  if (!Opts.Standard.empty())
    Args.push_back("-std=" + Opts.Standard);
  else
    Args.push_back("-std=gnu++17");
  ArgList Macros = nvccMacros(Opts, /*CudaSource=*/true);
  Args.insert(Args.end(), Macros.begin(), Macros.end());
  Args.insert(Args.end(), Opts.Preprocessor.begin(), Opts.Preprocessor.end());
  // The host pass adds them after the user's host flags (compileCuda).
  if (Device) {
    ArgList Lenient = nvccLeniencies(/*CudaSource=*/true, {});
    Args.insert(Args.end(), Lenient.begin(), Lenient.end());
  }
  return Args;
}

/// The parse of the cuda_runtime.h that every pass includes first is
/// reused across compiles with the same flags (PrecompiledHeader.h); not in
/// a dry run, which must leave no trace.
void Driver::precompileRuntimeHeader(ArgList &FrontEnd) {
  if (!Opts.DryRun)
    RuntimeHeader.precompile(FrontEnd);
}

/// Under -rdc clang gives internal kernels and device variables global
/// names made unique by a compilation-unit id, which the device and host
/// passes must agree on; clang's own would differ, as the passes' flags do.
/// After the precompiled header, whose key it would make unique.
void Driver::addCompilationUnitId(ArgList &FrontEnd) const {
  if (Opts.Rdc && !Cuid.empty())
    FrontEnd.push_back("-cuid=" + Cuid);
}

ArgList Driver::hostCompilerFor(const Input &In) const {
  std::string Compiler = !Opts.HostCompiler.empty() ? Opts.HostCompiler
                         : In.Kind == InputKind::C  ? Tools.Clang
                                                    : Tools.ClangXX;
  ArgList Args = {Compiler};
  if (In.Kind == InputKind::Cxx) {
    Args.push_back("-x");
    Args.push_back("c++");
    if (!Opts.Standard.empty())
      Args.push_back("-std=" + Opts.Standard);
  }
  Args.push_back("-I" + Tools.IncludeDir);
  ArgList Macros = nvccMacros(Opts, /*CudaSource=*/false);
  Args.insert(Args.end(), Macros.begin(), Macros.end());
  Args.insert(Args.end(), Opts.Preprocessor.begin(), Opts.Preprocessor.end());
  if (Opts.HostCompiler.empty()) {
    ArgList TargetFlags = cpuTargetFlags(Opts, /*ForCodegen=*/false);
    Args.insert(Args.end(), TargetFlags.begin(), TargetFlags.end());
  }
  return Args;
}

std::string Driver::depFileFor(const std::string &Output) const {
  if (!Opts.DepFile.empty())
    return Opts.DepFile;
  return Output.substr(0, Output.rfind('.')) + ".d";
}

/// The host pass of a .cu file up to its input: clang's CUDA front end
/// with the host's flags and nvcc's leniencies.
ArgList Driver::cudaHostPass() const {
  ArgList Host = cudaFrontEnd(false, Opts.GpuArchs.front());
  Host.insert(Host.end(), {Opts.OptLevel, "-fPIC"});
  ArgList HostTarget = cpuTargetFlags(Opts, /*ForCodegen=*/false);
  Host.insert(Host.end(), HostTarget.begin(), HostTarget.end());
  if (Opts.Debug)
    Host.push_back("-g");
  Host.insert(Host.end(), Opts.HostFlags.begin(), Opts.HostFlags.end());
  ArgList Lenient = nvccLeniencies(/*CudaSource=*/true, Opts.HostFlags);
  Host.insert(Host.end(), Lenient.begin(), Lenient.end());
  return Host;
}

/// The host compiler's command for a .cpp/.c file up to its input.
ArgList Driver::hostSourcePass(const Input &In) const {
  ArgList Args = hostCompilerFor(In);
  Args.insert(Args.end(), {Opts.OptLevel, "-fPIC"});
  if (Opts.Debug)
    Args.push_back("-g");
  Args.insert(Args.end(), Opts.HostFlags.begin(), Opts.HostFlags.end());
  // Where nvcc would run gcc, clang gets gcc's leniencies; a -ccbin compiler
  // is left alone.
  if (Opts.HostCompiler.empty()) {
    ArgList Lenient = nvccLeniencies(/*CudaSource=*/false, Opts.HostFlags);
    Args.insert(Args.end(), Lenient.begin(), Lenient.end());
  }
  return Args;
}

int Driver::compileHostSource(const Input &In, const std::string &Output) {
  ArgList Args = hostSourcePass(In);
  Args.insert(Args.end(), {"-c", In.Path, "-o", Output});
  if (Opts.DepsWithCompile)
    Args.insert(Args.end(), {"-MD", "-MF", depFileFor(Output)});
  return exec(Args);
}

/// --tongxin-frontend-args: the command that parses the one source input
/// the way its compile would (without the input), each argument followed
/// by a NUL; txmigrate reads sources through clang with it.
int Driver::printFrontEnd() {
  if (Opts.Inputs.size() != 1 || Opts.Inputs[0].Kind == InputKind::Object ||
      Opts.Inputs[0].Kind == InputKind::Library) {
    fprintf(stderr, "txcc: error: --tongxin-frontend-args takes one source\n");
    return 1;
  }
  const Input &In = Opts.Inputs[0];
  ArgList Args =
      In.Kind == InputKind::Cuda ? cudaHostPass() : hostSourcePass(In);
  // The report parses with clang even where a -ccbin compiler would build.
  if (In.Kind != InputKind::Cuda && !Opts.HostCompiler.empty())
    Args[0] = In.Kind == InputKind::C ? Tools.Clang : Tools.ClangXX;
  for (const std::string &Arg : Args)
    fwrite(Arg.c_str(), 1, Arg.size() + 1, stdout);
  return fflush(stdout) == 0 ? 0 : 1;
}

int Driver::preprocessOrDeps(const Input &In) {
  ArgList Args = In.Kind == InputKind::Cuda
                     ? cudaFrontEnd(false, Opts.GpuArchs.front())
                     : hostCompilerFor(In);
  Args.push_back(Opts.Mode == Action::Preprocess ? "-E" : "-M");
  if (!Opts.DepTarget.empty())
    Args.insert(Args.end(), {"-MT", Opts.DepTarget});
  Args.push_back(In.Path);
  std::string Out = !Opts.DepFile.empty() ? Opts.DepFile : Opts.Output;
  if (!Out.empty())
    Args.insert(Args.end(), {"-o", Out});
  return exec(Args);
}

/// -ptx: the PTX of each .cu input, as nvcc writes it.
int Driver::writePtxFiles() {
  if (Tools.Libdevice.empty()) {
    fprintf(stderr, "txcc: error: -ptx needs NVIDIA's libdevice (CUDA "
                    "toolkit); give its location with --cuda-path\n");
    return 1;
  }
  for (const Input &In : Opts.Inputs) {
    if (In.Kind != InputKind::Cuda) {
      fprintf(stderr, "txcc: error: -ptx takes .cu inputs, not '%s'\n",
              In.Path.c_str());
      return 1;
    }
    std::string DeviceBC = Temp.file(baseName(In.Path) + ".device.bc");
    std::string Output =
        !Opts.Output.empty() ? Opts.Output : baseName(In.Path) + ".ptx";
    if (int Status = emitDeviceIR(In, Opts.GpuArchs.front(), DeviceBC))
      return Status;
    if (int Status = emitPTX(In, Opts.GpuArchs.front(), DeviceBC, Output))
      return Status;
  }
  return 0;
}

int Driver::run() {
  if (Opts.PrintFrontEnd)
    return printFrontEnd();
  if (Opts.Verbose)
    printEnvironment();
  if (Opts.Mode == Action::DeviceLink)
    return deviceLink();
  if (Opts.Mode == Action::Preprocess || Opts.Mode == Action::Dependencies) {
    for (const Input &In : Opts.Inputs)
      if (int Status = preprocessOrDeps(In))
        return Status;
    return 0;
  }
  if (Opts.Mode == Action::Ptx)
    return writePtxFiles();
  size_t Sources = 0;
  for (const Input &In : Opts.Inputs)
    Sources += In.Kind == InputKind::Cuda || In.Kind == InputKind::Cxx ||
               In.Kind == InputKind::C;
  bool CompileOnly = Opts.Mode == Action::Compile;
  if (CompileOnly && Sources > 1 && !Opts.Output.empty()) {
    fprintf(stderr, "txcc: error: -o with -c needs exactly one input\n");
    return 1;
  }

  ArgList Objects;
  for (const Input &In : Opts.Inputs) {
    if (In.Kind == InputKind::Object || In.Kind == InputKind::Library) {
      Objects.push_back(In.Path);
      continue;
    }
    if (!Opts.DryRun && access(In.Path.c_str(), R_OK) != 0) {
      fprintf(stderr, "txcc: error: cannot read input file '%s'\n",
              In.Path.c_str());
      return 1;
    }
    std::string Output;
    if (CompileOnly)
      Output = !Opts.Output.empty() ? Opts.Output : baseName(In.Path) + ".o";
    else
      Output = Temp.file(baseName(In.Path) + ".o");
    int Status = In.Kind == InputKind::Cuda ? compileCuda(In, Output)
                                            : compileHostSource(In, Output);
    if (Status)
      return Status;
    Objects.push_back(Output);
  }
  if (CompileOnly)
    return 0;
  if (Opts.Mode == Action::Library)
    return archive(Objects);
  return link(Objects);
}

/// txcc --report[=json|text] <flags and sources>: the migration report,
/// made by txmigrate beside txcc from the same command line. Returns -1
/// when the command line asks for no report.
static int runReport(int Argc, char **Argv) {
  ArgList Args;
  bool Report = false;
  for (int I = 1; I < Argc; ++I) {
    std::string Arg = Argv[I];
    if (Arg == "--report" || Arg == "--report=text") {
      Report = true;
    } else if (Arg == "--report=json") {
      Report = true;
      Args.push_back("--json");
    } else {
      Args.push_back(Arg);
    }
  }
  if (!Report)
    return -1;
  Toolchain Tools;
  if (!Tools.locate(Argv[0]))
    return 1;
  Args.insert(Args.begin(), Tools.BinDir + "/txmigrate");
  std::vector<char *> Pointers;
  for (std::string &Arg : Args)
    Pointers.push_back(Arg.data());
  Pointers.push_back(nullptr);
  execv(Pointers[0], Pointers.data());
  fprintf(stderr, "txcc: error: cannot run %s\n", Pointers[0]);
  return 1;
}

int main(int Argc, char **Argv) {
  if (int Status = runReport(Argc, Argv); Status >= 0)
    return Status;
  DriverOptions Opts;
  int Exit;
  if (!parseOptions(Argc, Argv, Opts, Exit))
    return Exit;
  Toolchain Tools;
  if (!Tools.locate(Argv[0]))
    return 1;
  Tools.findLibdevice(Opts.CudaPath);
  Tools.selectTarget(Opts.Target);
  TempDir Temp(Opts.KeepDir);
  if (!Temp.valid()) {
    fprintf(stderr, "txcc: error: cannot create a temporary directory\n");
    return 1;
  }
  if (Opts.Keep)
    Temp.keep();
  // -ccbin mpicxx: the .cu files need MPI's include path too.
  ArgList MpiFlags =
      mpiWrapperFlags(Opts.HostCompiler, Temp.file("mpi-wrapper.txt"));
  Opts.Preprocessor.insert(Opts.Preprocessor.end(), MpiFlags.begin(),
                           MpiFlags.end());
  Driver D(Opts, Tools, Temp);
  return D.run();
}
