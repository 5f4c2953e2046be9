//===- Driver.cpp - txcc, the nvcc-compatible driver ----------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// For each .cu input:
//   1. clang -x cuda --cuda-device-only  -> device.bc (NVPTX-flavoured IR)
//   2. write the fat-binary blob (translation-unit id, PTX images)
//   3. clang -x cuda --cuda-host-only with the blob -> host.bc (stubs and
//      registration), then clang -c host.bc -> host.o
//   4. tx-opt --cpu-pipeline             -> lowered.bc (block functions;
//      host.bc says which block widths the launches use)
//   5. clang -c lowered.bc -O3           -> device.o (vectorised for the CPU)
//   6. ld.lld -r host.o device.o         -> the user's .o
// .cpp/.c inputs go to the host compiler; the link (tx-c++) adds the
// runtime, libcudart.
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

namespace {
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
} // namespace

int Driver::exec(const ArgList &Args) {
  if (Opts.Verbose || Opts.DryRun)
    fprintf(stderr, "#$ %s\n", formatCommand(Args).c_str());
  return Opts.DryRun ? 0 : runProgram(Args);
}

bool Driver::start(ParallelRuns &Runs, const ArgList &Args) {
  if (Opts.Verbose || Opts.DryRun)
    fprintf(stderr, "#$ %s\n", formatCommand(Args).c_str());
  return Opts.DryRun || Runs.start(Args);
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

/// Reads a whole file; false if it cannot be read.
static bool readFile(const std::string &Path, std::string &Contents) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return false;
  Contents.assign(std::istreambuf_iterator<char>(In),
                  std::istreambuf_iterator<char>());
  return true;
}

/// The blob clang embeds: header, the CPU image (its code is linked into the
/// program), then one NUL-terminated PTX image per GPU architecture.
int Driver::writeFatBinary(
    const std::string &Path, const std::string &TuId,
    const std::vector<std::pair<std::string, std::string>> &PtxImages) {
  if (Opts.DryRun)
    return 0;
  TxFatBinary Header = {};
  memcpy(Header.Magic, TX_FATBIN_MAGIC, sizeof(Header.Magic));
  Header.AbiVersion = TX_ABI_VERSION;
  Header.NumImages = 1 + PtxImages.size();
  snprintf(Header.TuId, sizeof(Header.TuId), "%s", TuId.c_str());
  std::vector<std::string> Ptx(PtxImages.size());
  Header.TotalBytes = sizeof(Header) + sizeof(TxImageHeader);
  for (size_t I = 0; I < PtxImages.size(); ++I) {
    if (!readFile(PtxImages[I].second, Ptx[I])) {
      fprintf(stderr, "txcc: error: cannot read %s\n",
              PtxImages[I].second.c_str());
      return 1;
    }
    Ptx[I].push_back('\0');
    Header.TotalBytes += sizeof(TxImageHeader) + ((Ptx[I].size() + 7) & ~7ull);
  }
  std::ofstream Out(Path, std::ios::binary);
  Out.write(reinterpret_cast<const char *>(&Header), sizeof(Header));
  auto WriteImage = [&](uint32_t Kind, const std::string &Target,
                        const std::string &Payload) {
    TxImageHeader Image = {};
    Image.Kind = Kind;
    Image.Flags = Kind == TX_IMAGE_PTX && Opts.Rdc ? TX_IMAGE_RELOCATABLE : 0;
    Image.Size = Payload.size();
    snprintf(Image.Target, sizeof(Image.Target), "%s", Target.c_str());
    Out.write(reinterpret_cast<const char *>(&Image), sizeof(Image));
    Out.write(Payload.data(), Payload.size());
    static const char Zeros[8] = {};
    Out.write(Zeros, (8 - Payload.size() % 8) % 8);
  };
  WriteImage(TX_IMAGE_CPU, Tools.TargetArch, "");
  for (size_t I = 0; I < PtxImages.size(); ++I)
    WriteImage(TX_IMAGE_PTX, PtxImages[I].first, Ptx[I]);
  if (!Out) {
    fprintf(stderr, "txcc: error: cannot write %s\n", Path.c_str());
    return 1;
  }
  return 0;
}

int Driver::emitDeviceIR(const Input &In, const std::string &Arch,
                         const std::string &Output) {
  // Line tables are always on so that the passes can report unsupported
  // constructs at file:line; they are dropped afterwards unless asked for.
  ArgList Device = cudaFrontEnd(true, Arch);
  Device.insert(Device.end(), {"-O2", "-Xclang", "-disable-llvm-passes",
                               Opts.DeviceDebug ? "-g" : "-gline-tables-only"});
  if (Opts.Rdc)
    Device.push_back("-fgpu-rdc");
  precompileRuntimeHeader(Device);
  addCompilationUnitId(Device);
  Device.insert(Device.end(), {"-emit-llvm", "-c", In.Path, "-o", Output});
  return exec(Device);
}

int Driver::emitPTX(const Input &In, const std::string &Arch,
                    const std::string &DeviceBC, const std::string &Output) {
  std::string BC = DeviceBC;
  if (Arch != Opts.GpuArchs.front()) {
    // __CUDA_ARCH__ differs per architecture: compile the device side anew.
    BC = Temp.file(baseName(In.Path) + "." + Arch + ".bc");
    if (int Status = emitDeviceIR(In, Arch, BC))
      return Status;
  }
  ArgList Ptx = {Tools.TxOpt,
                 "--ptx-pipeline",
                 "--mcpu=" + Arch,
                 "--libdevice=" + Tools.Libdevice,
                 BC,
                 "-o",
                 Output};
  if (!(Opts.Debug || Opts.DeviceDebug || Opts.LineInfo))
    Ptx.push_back("--strip-debug");
  return exec(Ptx);
}

int Driver::compileCuda(const Input &In, const std::string &Output) {
  std::string Stem = baseName(In.Path);
  std::string DeviceBC = Temp.file(Stem + ".device.bc");
  std::string LoweredBC = Temp.file(Stem + ".lowered.bc");
  std::string DeviceObj = Temp.file(Stem + ".device.o");
  std::string Blob = Temp.file(Stem + ".fatbin");
  std::string HostBC = Temp.file(Stem + ".host.bc");
  std::string HostObj = Temp.file(Stem + ".host.o");
  std::string ManagedList = Temp.file(Stem + ".managed.txt");
  std::string TuId = makeTuId(In.Path);
  Cuid = TuId.substr(0, TuId.find('-'));

  // 1. Device IR (also what the PTX images are made from).
  if (int Status = emitDeviceIR(In, Opts.GpuArchs.front(), DeviceBC))
    return Status;
  // 2-3. The host side, whose launches the lowering reads.
  if (int Status =
          compileCudaHost(In, Output, DeviceBC, TuId, Blob, HostBC, HostObj))
    return Status;
  // 4-5. Code generation for the host side, while the device side is
  // lowered for the CPU and its parts compiled.
  ParallelRuns Codegen(jobs());
  if (!start(Codegen, hostCodegen(HostBC, HostObj)))
    return Codegen.wait();
  ArgList DeviceObjs;
  if (int Status =
          compileDeviceForCPU(DeviceBC, HostBC, TuId, ManagedList, LoweredBC,
                              DeviceObj, Codegen, DeviceObjs))
    return Status;
  if (int Status = Codegen.wait())
    return Status;
  if (int Status = exportManagedShadows(ManagedList, HostObj))
    return Status;
  // 6. One relocatable object, as nvcc produces.
  ArgList Link = {Tools.Linker, "-r", HostObj};
  Link.insert(Link.end(), DeviceObjs.begin(), DeviceObjs.end());
  Link.insert(Link.end(), {"-o", Output});
  return exec(Link);
}

/// The fat-binary blob with a PTX image per architecture, then the host
/// side of a .cu file with it: the front end and optimiser to HostBC (code
/// generation, hostCodegen, is compileCuda's to start).
int Driver::compileCudaHost(const Input &In, const std::string &Output,
                            const std::string &DeviceBC,
                            const std::string &TuId, const std::string &Blob,
                            const std::string &HostBC,
                            const std::string &HostObj) {
  // PTX for NVIDIA GPUs, one image per architecture. Without libdevice
  // (no CUDA toolkit here) the program still runs on CPUs; a GPU launch
  // then reports cudaErrorNoKernelImageForDevice.
  std::string Stem = baseName(In.Path);
  std::vector<std::pair<std::string, std::string>> PtxImages;
  if (!Opts.CpuOnly && !Tools.Libdevice.empty()) {
    for (const std::string &Arch : Opts.GpuArchs) {
      std::string Ptx = Temp.file(Stem + "." + Arch + ".ptx");
      if (emitPTX(In, Arch, DeviceBC, Ptx) == 0)
        PtxImages.push_back({Arch, Ptx});
      else
        fprintf(stderr,
                "txcc: warning: %s: no PTX for %s; this program will not run "
                "on NVIDIA GPUs of that architecture\n",
                In.Path.c_str(), Arch.c_str());
    }
  } else if (Opts.Verbose && !Opts.CpuOnly) {
    fprintf(stderr, "txcc: note: no libdevice found (CUDA toolkit); "
                    "embedding no PTX\n");
  }

  // The host side with the registration of this translation unit.
  if (int Status = writeFatBinary(Blob, TuId, PtxImages))
    return Status;
  ArgList Host = cudaHostPass();
  precompileRuntimeHeader(Host);
  addCompilationUnitId(Host);
  Host.insert(Host.end(), {"-Xclang", "-fcuda-include-gpubinary", "-Xclang",
                           Blob, "-emit-llvm", "-c", In.Path, "-o", HostBC});
  if (Opts.DepsWithCompile)
    Host.insert(Host.end(), {"-MD", "-MF", depFileFor(Output), "-MT",
                             Opts.DepTarget.empty() ? Output : Opts.DepTarget});
  if (int Status = exec(Host))
    return Status;
  bool Precompiled =
      std::find(Host.begin(), Host.end(), "-include-pch") != Host.end();
  if (Opts.DepsWithCompile && Precompiled &&
      !listSourceFirst(depFileFor(Output), In.Path)) {
    fprintf(stderr, "txcc: error: cannot rewrite %s\n",
            depFileFor(Output).c_str());
    return 1;
  }
  return 0;
}

/// Whether a host compiler flag asks for dependency output (-MD, -MF
/// file, ...), which the code generation step must not repeat: it would
/// rewrite the front end's list as the IR file's. Sets TakesValue for the
/// forms whose value is the next argument.
static bool isDependencyFlag(const std::string &Flag, bool &TakesValue) {
  TakesValue = Flag == "-MF" || Flag == "-MT" || Flag == "-MQ";
  return Flag.size() >= 2 && Flag[0] == '-' && Flag[1] == 'M';
}

/// Code generation for the host IR the front end optimised already: the
/// same -O level, target and host flags as the front end had (the
/// assembler's, code generation's and warning flags matter here; the
/// others go unused), without running the optimiser again.
ArgList Driver::hostCodegen(const std::string &HostBC,
                            const std::string &HostObj) const {
  ArgList Codegen = {Tools.Clang,
                     "-c",
                     "-x",
                     "ir",
                     HostBC,
                     "-o",
                     HostObj,
                     Opts.OptLevel,
                     "-fPIC",
                     "-Xclang",
                     "-disable-llvm-optzns"};
  ArgList HostTarget = cpuTargetFlags(Opts, /*ForCodegen=*/false);
  Codegen.insert(Codegen.end(), HostTarget.begin(), HostTarget.end());
  if (Opts.Debug)
    Codegen.push_back("-g");
  for (size_t I = 0; I < Opts.HostFlags.size(); ++I) {
    bool TakesValue = false;
    if (isDependencyFlag(Opts.HostFlags[I], TakesValue))
      I += TakesValue;
    else
      Codegen.push_back(Opts.HostFlags[I]);
  }
  // Front-end flags (-I, -D, -std=...) have nothing to do for IR.
  Codegen.push_back("-Wno-unused-command-line-argument");
  return Codegen;
}

/// The SIMT -> CPU lowering of the device IR, then CPU code for it, started
/// among Codegen: one object per part of the lowered module (DeviceObjs).
int Driver::compileDeviceForCPU(const std::string &DeviceBC,
                                const std::string &HostBC,
                                const std::string &TuId,
                                const std::string &ManagedList,
                                const std::string &LoweredBC,
                                const std::string &DeviceObj,
                                ParallelRuns &Codegen, ArgList &DeviceObjs) {
  bool KeepDebug = Opts.Debug || Opts.DeviceDebug || Opts.LineInfo;
  ArgList Lower = {Tools.TxOpt,       "--cpu-pipeline",
                   "--tu-id=" + TuId, "--managed-symbols=" + ManagedList,
                   DeviceBC,          "-o",
                   LoweredBC};
  if (!Opts.Target.empty())
    Lower.push_back("--mtriple=" + Opts.Target);
  // Under -G, one block function per kernel for the debugger to stop in.
  if (!Opts.DeviceDebug)
    Lower.push_back("--launch-widths-from=" + HostBC);
  std::string CheckTools;
  for (auto [On, Tool] : {std::pair{Opts.MemoryChecks, "memcheck"},
                          std::pair{Opts.SyncChecks, "synccheck"},
                          std::pair{Opts.RaceChecks, "racecheck"},
                          std::pair{Opts.InitChecks, "initcheck"}})
    if (On)
      CheckTools += (CheckTools.empty() ? "" : ",") + std::string(Tool);
  if (!CheckTools.empty())
    Lower.push_back("--check=" + CheckTools);
  if (unsigned Bits = vectorMathBits(Opts))
    Lower.push_back("--vector-math=" + std::to_string(Bits));
  if (!KeepDebug)
    Lower.push_back("--strip-debug");
  // A module of many large block functions comes back in parts (LoweredBC,
  // LoweredBC.1, ...), compiled at once.
  if (jobs() > 1)
    Lower.push_back("--codegen-parts=" + std::to_string(jobs()));
  else if (int Status = Codegen.wait()) // -t 1: one step at a time
    return Status;
  if (int Status = exec(Lower))
    return Status;

  for (unsigned Part = 0;; ++Part) {
    std::string Suffix = Part ? "." + std::to_string(Part) : "";
    std::string PartBC = LoweredBC + Suffix;
    if (Part && (Opts.DryRun || access(PartBC.c_str(), R_OK) != 0))
      return 0;
    DeviceObjs.push_back(DeviceObj + Suffix);
    if (!start(Codegen, deviceCodegen(PartBC, DeviceObjs.back())))
      return Codegen.wait();
  }
}

/// CPU code for (a part of) the lowered device module.
ArgList Driver::deviceCodegen(const std::string &LoweredBC,
                              const std::string &DeviceObj) const {
  bool KeepDebug = Opts.Debug || Opts.DeviceDebug || Opts.LineInfo;
  // nvcc optimises device code fully unless -G, whatever the host -O level.
  ArgList Codegen = {Tools.Clang, "-c", "-x", "ir", LoweredBC, "-o", DeviceObj,
                     Opts.DeviceDebug ? "-O0" : "-O3", "-fPIC",
                     "-Wno-override-module",
                     // `#pragma unroll` the optimiser could not honour
                     // (CUB's, on run-time trip counts), as nvcc: silent.
                     "-Wno-pass-failed"};
  ArgList TargetFlags = cpuTargetFlags(Opts, /*ForCodegen=*/true);
  Codegen.insert(Codegen.end(), TargetFlags.begin(), TargetFlags.end());
  if (Opts.FastMath)
    Codegen.push_back("-ffast-math");
  if (KeepDebug)
    Codegen.push_back("-g");
  return Codegen;
}

/// clang keeps host shadows of device variables internal unless the host
/// side is compiled with -fgpu-rdc; host code of another translation unit
/// may still name an extern __managed__ variable, so the ones tx-opt listed
/// become global symbols.
int Driver::exportManagedShadows(const std::string &ManagedList,
                                 const std::string &HostObj) {
  std::string Names;
  if (Opts.DryRun || !readFile(ManagedList, Names) || Names.empty())
    return 0;
  ArgList Objcopy = {Tools.Objcopy};
  size_t Start = 0;
  for (size_t End; (End = Names.find('\n', Start)) != std::string::npos;
       Start = End + 1)
    Objcopy.push_back("--globalize-symbol=" + Names.substr(Start, End - Start));
  Objcopy.push_back(HostObj);
  return exec(Objcopy);
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
