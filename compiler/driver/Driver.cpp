//===- Driver.cpp - txcc, the nvcc-compatible driver ----------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// For each .cu input:
//   1. clang -x cuda --cuda-device-only  -> device.bc (NVPTX-flavoured IR)
//   2. tx-opt --cpu-pipeline             -> lowered.bc (block functions)
//   3. clang -c lowered.bc -O3           -> device.o (vectorised for the CPU)
//   4. write the fat-binary blob (translation-unit id, images)
//   5. clang -x cuda --cuda-host-only with the blob -> host.o (stubs and
//      registration)
//   6. ld.lld -r host.o device.o         -> the user's .o
// .cpp/.c inputs go to the host compiler; the link adds libtongxin.
//
//===----------------------------------------------------------------------===//

#include "Options.h"
#include "Subprocess.h"

#include "tongxin/abi.h"

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <unistd.h>

using namespace tx;

namespace {

/// Where the driver's own pieces are: next to the executable.
struct Toolchain {
  std::string BinDir, IncludeDir, LibDir;
  std::string Clang = TX_CLANG;
  std::string ClangXX;
  std::string Linker = std::string(TX_LLVM_TOOLS_DIR) + "/ld.lld";
  std::string TxOpt;

  bool locate(const char *Argv0) {
    char Buffer[PATH_MAX];
    ssize_t N = readlink("/proc/self/exe", Buffer, sizeof(Buffer) - 1);
    std::string Exe = N > 0 ? std::string(Buffer, N) : std::string(Argv0);
    BinDir = Exe.substr(0, Exe.rfind('/'));
    std::string Root = BinDir.substr(0, BinDir.rfind('/'));
    IncludeDir = Root + "/include";
    LibDir = Root + "/lib";
    TxOpt = BinDir + "/tx-opt";
    ClangXX = Clang + "++";
    if (access((IncludeDir + "/cuda_runtime.h").c_str(), R_OK) != 0) {
      fprintf(stderr, "txcc: error: cannot find the Tongxin headers in %s\n",
              IncludeDir.c_str());
      return false;
    }
    return true;
  }
};

std::string baseName(const std::string &Path) {
  std::string Name = Path.substr(Path.rfind('/') + 1);
  return Name.substr(0, Name.rfind('.'));
}

std::string makeTuId(const std::string &Source) {
  std::random_device Random;
  char Id[TX_TU_ID_SIZE];
  snprintf(Id, sizeof(Id), "%08x%08x-%.20s", Random(), Random(),
           baseName(Source).c_str());
  return Id;
}

class Driver {
public:
  Driver(DriverOptions &Opts, Toolchain &Tools, TempDir &Temp)
      : Opts(Opts), Tools(Tools), Temp(Temp) {}
  int run();

private:
  DriverOptions &Opts;
  Toolchain &Tools;
  TempDir &Temp;

  int exec(const ArgList &Args) {
    if (Opts.Verbose || Opts.DryRun)
      fprintf(stderr, "#$ %s\n", formatCommand(Args).c_str());
    return Opts.DryRun ? 0 : runProgram(Args);
  }
  ArgList cudaFrontEnd(bool Device) const;
  ArgList hostCompilerFor(const Input &In) const;
  int compileCuda(const Input &In, const std::string &Output);
  int compileHostSource(const Input &In, const std::string &Output);
  int writeFatBinary(const std::string &Path, const std::string &TuId);
  int preprocessOrDeps(const Input &In);
  int link(const ArgList &Objects);
  std::string depFileFor(const std::string &Output) const;
};

/// Flags shared by both clang CUDA passes.
ArgList Driver::cudaFrontEnd(bool Device) const {
  ArgList Args = {Tools.Clang, "-x", "cuda",
                  Device ? "--cuda-device-only" : "--cuda-host-only",
                  "--cuda-gpu-arch=" + Opts.GpuArch, "-nocudainc",
                  "-nocudalib", "--cuda-path=/nonexistent",
                  "-Xclang", "-target-sdk-version=12.0",
                  "-Wno-unknown-cuda-version",
                  "-I" + Tools.IncludeDir, "-include", "cuda_runtime.h"};
  // Without a CUDA install clang only accepts the shuffle builtins when told
  // the PTX version; the host side has no use for it.
  if (Device)
    Args.push_back("--cuda-feature=+ptx75");
  if (!Opts.Standard.empty())
    Args.push_back("-std=" + Opts.Standard);
  else
    Args.push_back("-std=c++17");
  if (Opts.FastMath)
    Args.push_back("-D__USE_FAST_MATH__=1");
  Args.insert(Args.end(), Opts.Preprocessor.begin(), Opts.Preprocessor.end());
  return Args;
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
  Args.insert(Args.end(), Opts.Preprocessor.begin(), Opts.Preprocessor.end());
  return Args;
}

std::string Driver::depFileFor(const std::string &Output) const {
  if (!Opts.DepFile.empty())
    return Opts.DepFile;
  return Output.substr(0, Output.rfind('.')) + ".d";
}

int Driver::writeFatBinary(const std::string &Path, const std::string &TuId) {
  if (Opts.DryRun)
    return 0;
  TxFatBinary Header = {};
  memcpy(Header.Magic, TX_FATBIN_MAGIC, sizeof(Header.Magic));
  Header.AbiVersion = TX_ABI_VERSION;
  Header.NumImages = 1;
  snprintf(Header.TuId, sizeof(Header.TuId), "%s", TuId.c_str());
  TxImageHeader Image = {};
  Image.Kind = TX_IMAGE_CPU;
  snprintf(Image.Target, sizeof(Image.Target), "%s", "host");
  std::ofstream Out(Path, std::ios::binary);
  Out.write(reinterpret_cast<const char *>(&Header), sizeof(Header));
  Out.write(reinterpret_cast<const char *>(&Image), sizeof(Image));
  if (!Out) {
    fprintf(stderr, "txcc: error: cannot write %s\n", Path.c_str());
    return 1;
  }
  return 0;
}

int Driver::compileCuda(const Input &In, const std::string &Output) {
  std::string Stem = baseName(In.Path);
  std::string DeviceBC = Temp.file(Stem + ".device.bc");
  std::string LoweredBC = Temp.file(Stem + ".lowered.bc");
  std::string DeviceObj = Temp.file(Stem + ".device.o");
  std::string Blob = Temp.file(Stem + ".fatbin");
  std::string HostObj = Temp.file(Stem + ".host.o");
  std::string TuId = makeTuId(In.Path);
  bool KeepDebug = Opts.Debug || Opts.DeviceDebug || Opts.LineInfo;

  // 1. Device IR. Line tables are always on so that the passes can report
  // unsupported constructs at file:line; they are dropped afterwards unless
  // asked for.
  ArgList Device = cudaFrontEnd(true);
  Device.insert(Device.end(), {"-O2", "-Xclang", "-disable-llvm-passes",
                               Opts.DeviceDebug ? "-g" : "-gline-tables-only",
                               "-emit-llvm", "-c", In.Path, "-o", DeviceBC});
  if (Opts.Rdc)
    Device.push_back("-fgpu-rdc");
  if (int Status = exec(Device))
    return Status;

  // 2. SIMT -> CPU lowering.
  ArgList Lower = {Tools.TxOpt, "--cpu-pipeline", "--tu-id=" + TuId,
                   DeviceBC, "-o", LoweredBC};
  if (!KeepDebug)
    Lower.push_back("--strip-debug");
  if (int Status = exec(Lower))
    return Status;

  // 3. CPU code for the device side. nvcc optimises device code fully
  // unless -G, whatever the host -O level.
  ArgList Codegen = {Tools.Clang, "-c", "-x", "ir", LoweredBC, "-o",
                     DeviceObj, Opts.DeviceDebug ? "-O0" : "-O3",
                     "-march=native", "-fPIC", "-Wno-override-module"};
  if (Opts.FastMath)
    Codegen.push_back("-ffast-math");
  if (KeepDebug)
    Codegen.push_back("-g");
  if (int Status = exec(Codegen))
    return Status;

  // 4 + 5. Host side with the registration of this translation unit.
  if (int Status = writeFatBinary(Blob, TuId))
    return Status;
  ArgList Host = cudaFrontEnd(false);
  Host.insert(Host.end(), {Opts.OptLevel, "-fPIC", "-Xclang",
                           "-fcuda-include-gpubinary", "-Xclang", Blob, "-c",
                           In.Path, "-o", HostObj});
  if (Opts.Debug)
    Host.push_back("-g");
  if (Opts.DepsWithCompile) {
    Host.insert(Host.end(), {"-MD", "-MF", depFileFor(Output)});
    if (!Opts.DepTarget.empty())
      Host.insert(Host.end(), {"-MT", Opts.DepTarget});
  }
  Host.insert(Host.end(), Opts.HostFlags.begin(), Opts.HostFlags.end());
  if (int Status = exec(Host))
    return Status;

  // 6. One relocatable object, as nvcc produces.
  return exec({Tools.Linker, "-r", HostObj, DeviceObj, "-o", Output});
}

int Driver::compileHostSource(const Input &In, const std::string &Output) {
  ArgList Args = hostCompilerFor(In);
  Args.insert(Args.end(), {Opts.OptLevel, "-fPIC", "-c", In.Path, "-o",
                           Output});
  if (Opts.Debug)
    Args.push_back("-g");
  if (Opts.DepsWithCompile)
    Args.insert(Args.end(), {"-MD", "-MF", depFileFor(Output)});
  Args.insert(Args.end(), Opts.HostFlags.begin(), Opts.HostFlags.end());
  return exec(Args);
}

int Driver::preprocessOrDeps(const Input &In) {
  ArgList Args = In.Kind == InputKind::Cuda ? cudaFrontEnd(false)
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

int Driver::link(const ArgList &Objects) {
  ArgList Args = {Opts.HostCompiler.empty() ? Tools.ClangXX
                                            : Opts.HostCompiler};
  Args.insert(Args.end(), Objects.begin(), Objects.end());
  if (Opts.Shared)
    Args.push_back("-shared");
  Args.insert(Args.end(), {"-o", Opts.Output.empty() ? "a.out" : Opts.Output});
  Args.insert(Args.end(), Opts.LinkFlags.begin(), Opts.LinkFlags.end());
  Args.insert(Args.end(), {"-L" + Tools.LibDir, "-Wl,-rpath," + Tools.LibDir,
                           "-ltongxin", "-lm", "-lpthread"});
  Args.insert(Args.end(), Opts.HostFlags.begin(), Opts.HostFlags.end());
  return exec(Args);
}

int Driver::run() {
  if (Opts.Mode == Action::Preprocess || Opts.Mode == Action::Dependencies) {
    for (const Input &In : Opts.Inputs)
      if (int Status = preprocessOrDeps(In))
        return Status;
    return 0;
  }
  size_t Sources = 0;
  for (const Input &In : Opts.Inputs)
    Sources += In.Kind == InputKind::Cuda || In.Kind == InputKind::Cxx ||
               In.Kind == InputKind::C;
  if (Opts.Mode == Action::Compile && Sources > 1 && !Opts.Output.empty()) {
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
    if (Opts.Mode == Action::Compile)
      Output = !Opts.Output.empty() ? Opts.Output : baseName(In.Path) + ".o";
    else
      Output = Temp.file(baseName(In.Path) + ".o");
    int Status = In.Kind == InputKind::Cuda ? compileCuda(In, Output)
                                            : compileHostSource(In, Output);
    if (Status)
      return Status;
    Objects.push_back(Output);
  }
  if (Opts.Mode == Action::Compile)
    return 0;
  return link(Objects);
}

} // namespace

int main(int Argc, char **Argv) {
  DriverOptions Opts;
  int Exit;
  if (!parseOptions(Argc, Argv, Opts, Exit))
    return Exit;
  Toolchain Tools;
  if (!Tools.locate(Argv[0]))
    return 1;
  TempDir Temp;
  if (!Temp.valid()) {
    fprintf(stderr, "txcc: error: cannot create a temporary directory\n");
    return 1;
  }
  if (Opts.Keep)
    Temp.keep();
  Driver D(Opts, Tools, Temp);
  return D.run();
}
