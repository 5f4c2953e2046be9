//===- CudaCompile.cpp - txcc's steps for one .cu file --------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//
//
// For each .cu input:
//   1. clang -x cuda --cuda-device-only  -> device.bc (NVPTX-flavoured IR)
//      and, at the same time, clang -x cuda --cuda-host-only with the
//      fat-binary blob (translation-unit id, CPU image) -> host.bc (stubs
//      and registration)
//   2. tx-opt --cpu-pipeline             -> lowered.bc, in parts (block
//      functions; host.bc says which block widths the launches use) and,
//      beside it, tx-opt --ptx-pipeline per GPU architecture -> PTX
//   3. clang -c -O3 on each part of lowered.bc -> device.o... (vectorised
//      for the CPU), at once, as soon as the lowering is done; once the
//      PTX is made (as a rule while the lowering still runs), tx-opt
//      --embed-fatbin adds it to host.bc's blob and clang -c host.bc ->
//      host.o joins them
//   4. ld.lld -r host.o device.o...      -> the user's .o
// With one job (-t 1) the steps run one at a time, and the PTX is made
// before the host pass, which embeds it directly.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "tongxin/abi.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <unistd.h>

using namespace tx;

namespace {
std::string makeTuId(const std::string &Source) {
  std::random_device Random;
  char Id[TX_TU_ID_SIZE];
  snprintf(Id, sizeof(Id), "%08x%08x-%.20s", Random(), Random(),
           baseName(Source).c_str());
  return Id;
}
} // namespace

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
int Driver::writeFatBinary(const std::string &Path, const std::string &TuId,
                           const PtxImageList &PtxImages) {
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

/// tx-opt's command for the PTX of Arch from the device IR BC.
ArgList Driver::ptxPipeline(const std::string &Arch, const std::string &BC,
                            const std::string &Output) const {
  ArgList Ptx = {Tools.TxOpt,
                 "--ptx-pipeline",
                 "--mcpu=" + Arch,
                 "--libdevice=" + Tools.Libdevice,
                 BC,
                 "-o",
                 Output};
  if (!(Opts.Debug || Opts.DeviceDebug || Opts.LineInfo))
    Ptx.push_back("--strip-debug");
  return Ptx;
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
  return exec(ptxPipeline(Arch, BC, Output));
}

int Driver::compileCuda(const Input &In, const std::string &Output) {
  std::string Stem = baseName(In.Path);
  CudaUnit U;
  U.Source = In.Path;
  U.Output = Output;
  U.TuId = makeTuId(In.Path);
  U.DeviceBC = Temp.file(Stem + ".device.bc");
  U.LoweredBC = Temp.file(Stem + ".lowered.bc");
  U.DeviceObj = Temp.file(Stem + ".device.o");
  U.Blob = Temp.file(Stem + ".fatbin");
  U.HostBC = Temp.file(Stem + ".host.bc");
  U.HostObj = Temp.file(Stem + ".host.o");
  U.ManagedList = Temp.file(Stem + ".managed.txt");
  U.HostWithPtxBC = Temp.file(Stem + ".host-ptx.bc");
  Cuid = U.TuId.substr(0, U.TuId.find('-'));

  ArgList DeviceObjs;
  if (int Status = jobs() > 1 ? compileCudaAtOnce(In, U, DeviceObjs)
                              : compileCudaInTurn(In, U, DeviceObjs))
    return Status;
  if (int Status = exportManagedShadows(U.ManagedList, U.HostObj))
    return Status;
  // One relocatable object, as nvcc produces.
  ArgList Link = {Tools.Linker, "-r", U.HostObj};
  Link.insert(Link.end(), DeviceObjs.begin(), DeviceObjs.end());
  Link.insert(Link.end(), {"-o", Output});
  return exec(Link);
}

/// -t 1, one step at a time: the device pass, its PTX, the blob with it,
/// the host pass and its code, the lowering, the device code.
int Driver::compileCudaInTurn(const Input &In, const CudaUnit &U,
                              ArgList &DeviceObjs) {
  if (int Status = emitDeviceIR(In, Opts.GpuArchs.front(), U.DeviceBC))
    return Status;
  ParallelRuns Ptx(1);
  std::string FirstPtx;
  if (!startFirstPtx(In, U.DeviceBC, Ptx, FirstPtx))
    return Ptx.wait();
  if (int Status = writeFatBinary(
          U.Blob, U.TuId, finishPtxImages(In, U.DeviceBC, Ptx, FirstPtx)))
    return Status;
  ArgList Host = hostFrontEnd(U);
  if (int Status = exec(Host))
    return Status;
  if (int Status = finishHostFrontEnd(U, Host))
    return Status;
  if (int Status = exec(hostCodegen(U.HostBC, U.HostObj)))
    return Status;
  if (int Status = exec(lowering(U)))
    return Status;
  ParallelRuns Codegen(1);
  startDeviceCodegen(U, Codegen, DeviceObjs); // a failure: in wait()'s status
  return Codegen.wait();
}

/// Several jobs: the device and host front ends at once, the PTX as soon as
/// the device pass is done (beside the rest of the host pass), then the
/// lowering. The lowering runs alone (the code generation waits for its
/// parts), so the PTX goes into the host module's blob, and the host code
/// is made, beside it as soon as the PTX is there. The device code's parts
/// start once the lowering is done (the PTX may still be running: NVPTX's
/// O3 on a large module can take longer than the lowering, so one process
/// more than the jobs may run for that while).
int Driver::compileCudaAtOnce(const Input &In, const CudaUnit &U,
                              ArgList &DeviceObjs) {
  ParallelRuns Ptx(1);
  std::string FirstPtx;
  // A failed compile does not wait for its PTX.
  if (int Status = runFrontEndsAtOnce(In, U, Ptx, FirstPtx)) {
    Ptx.cancel();
    return Status;
  }
  ParallelRuns HostCode(1);
  bool HostCodeStarted = false;
  if (int Status = lowerBesideHostCode(In, U, Ptx, FirstPtx, HostCode,
                                       HostCodeStarted)) {
    Ptx.cancel();
    HostCode.cancel();
    return Status;
  }
  ParallelRuns Codegen(jobs());
  if (!startDeviceCodegen(U, Codegen, DeviceObjs)) {
    Ptx.cancel();
    HostCode.cancel();
    return Codegen.wait();
  }
  if (!HostCodeStarted)
    if (int Status = startHostCode(In, U, Ptx, FirstPtx, HostCode))
      return Status;
  int Status = Codegen.wait();
  int HostStatus = HostCode.wait();
  return Status ? Status : HostStatus;
}

/// The lowering; meanwhile, once the PTX is made, its images into the host
/// module's blob and the host code's generation started among HostCode
/// (HostCodeStarted says whether it was). Other architectures' PTX is made
/// after the first's, in turn: with several, the host code waits for the
/// lowering. Returns the lowering's status, or the embedding's.
int Driver::lowerBesideHostCode(const Input &In, const CudaUnit &U,
                                ParallelRuns &Ptx, const std::string &FirstPtx,
                                ParallelRuns &HostCode, bool &HostCodeStarted) {
  ParallelRuns Lower(1);
  if (!start(Lower, lowering(U)))
    return Lower.wait();
  bool HostCodeBesideLowering = Opts.GpuArchs.size() == 1;
  while (!Lower.ended()) {
    if (HostCodeBesideLowering && !HostCodeStarted && Ptx.ended()) {
      HostCodeStarted = true;
      if (int Status = startHostCode(In, U, Ptx, FirstPtx, HostCode)) {
        Lower.cancel();
        return Status;
      }
      continue;
    }
    ParallelRuns::waitForAnyEnd();
  }
  return Lower.wait();
}

/// Once the PTX is made (waits for it): its images into the host module's
/// blob, and the host code's generation started among HostCode (a failure
/// to start: in its wait()). Nonzero if the blob could not be embedded.
int Driver::startHostCode(const Input &In, const CudaUnit &U, ParallelRuns &Ptx,
                          const std::string &FirstPtx, ParallelRuns &HostCode) {
  std::string HostBC;
  if (int Status = embedPtxImages(
          U, finishPtxImages(In, U.DeviceBC, Ptx, FirstPtx), HostBC))
    return Status;
  start(HostCode, hostCodegen(HostBC, U.HostObj));
  return 0;
}

/// Where the first architecture's PTX command writes its messages.
static std::string ptxErrorsFile(const std::string &Ptx) {
  return Ptx + ".stderr";
}

/// PTX for NVIDIA GPUs, one image per architecture. The first
/// architecture's comes from the device IR already made: its command is
/// started among Run, writing FirstPtx (left empty where no PTX is made:
/// without libdevice, no CUDA toolkit here, the program still runs on CPUs
/// and a GPU launch reports cudaErrorNoKernelImageForDevice). False if it
/// could not start.
bool Driver::startFirstPtx(const Input &In, const std::string &DeviceBC,
                           ParallelRuns &Run, std::string &FirstPtx) {
  if (Opts.CpuOnly || Tools.Libdevice.empty()) {
    if (Opts.Verbose && !Opts.CpuOnly)
      fprintf(stderr, "txcc: note: no libdevice found (CUDA toolkit); "
                      "embedding no PTX\n");
    return true;
  }
  const std::string &Arch = Opts.GpuArchs.front();
  FirstPtx = Temp.file(baseName(In.Path) + "." + Arch + ".ptx");
  // Its messages wait in a file until it is done (finishPtxImages): it may
  // run beside the host pass, whose messages come after the device pass's.
  return start(Run, ptxPipeline(Arch, DeviceBC, FirstPtx),
               ptxErrorsFile(FirstPtx));
}

/// The PTX images as (architecture, file) pairs, once the first one's
/// command (startFirstPtx) has ended; the other architectures' are made
/// here. An architecture whose PTX failed is left out, with a warning.
PtxImageList Driver::finishPtxImages(const Input &In,
                                     const std::string &DeviceBC,
                                     ParallelRuns &Run,
                                     const std::string &FirstPtx) {
  PtxImageList PtxImages;
  if (FirstPtx.empty())
    return PtxImages;
  auto Warn = [&](const std::string &Arch) {
    fprintf(stderr,
            "txcc: warning: %s: no PTX for %s; this program will not run "
            "on NVIDIA GPUs of that architecture\n",
            In.Path.c_str(), Arch.c_str());
  };
  int Status = Run.wait();
  std::string Messages;
  if (!Opts.DryRun && readFile(ptxErrorsFile(FirstPtx), Messages))
    fputs(Messages.c_str(), stderr);
  if (Status == 0)
    PtxImages.push_back({Opts.GpuArchs.front(), FirstPtx});
  else
    Warn(Opts.GpuArchs.front());
  for (size_t I = 1; I < Opts.GpuArchs.size(); ++I) {
    const std::string &Arch = Opts.GpuArchs[I];
    std::string Ptx = Temp.file(baseName(In.Path) + "." + Arch + ".ptx");
    if (emitPTX(In, Arch, DeviceBC, Ptx) == 0)
      PtxImages.push_back({Arch, Ptx});
    else
      Warn(Arch);
  }
  return PtxImages;
}

/// The host pass of a .cu file with the blob U.Blob: the front end and
/// optimiser to U.HostBC (code generation, hostCodegen, comes later).
ArgList Driver::hostFrontEnd(const CudaUnit &U) {
  ArgList Host = cudaHostPass();
  precompileRuntimeHeader(Host);
  addCompilationUnitId(Host);
  Host.insert(Host.end(),
              {"-Xclang", "-fcuda-include-gpubinary", "-Xclang", U.Blob,
               "-emit-llvm", "-c", U.Source, "-o", U.HostBC});
  if (Opts.DepsWithCompile)
    Host.insert(Host.end(),
                {"-MD", "-MF", depFileFor(U.Output), "-MT",
                 Opts.DepTarget.empty() ? U.Output : Opts.DepTarget});
  return Host;
}

/// After the host pass: a dependency list made with the precompiled header
/// names the header first; make's rules want the source there.
int Driver::finishHostFrontEnd(const CudaUnit &U, const ArgList &Host) {
  bool Precompiled =
      std::find(Host.begin(), Host.end(), "-include-pch") != Host.end();
  if (Opts.DepsWithCompile && Precompiled &&
      !listSourceFirst(depFileFor(U.Output), U.Source)) {
    fprintf(stderr, "txcc: error: cannot rewrite %s\n",
            depFileFor(U.Output).c_str());
    return 1;
  }
  return 0;
}

/// The device and host passes at once; the host pass embeds a blob without
/// PTX (embedPtxImages adds it). Both passes parse the whole file, so an
/// error in it would be reported twice, interleaved: the host pass's
/// messages are held back and shown after the device pass's, unless the
/// device pass failed (then they would only repeat its errors). The first
/// architecture's PTX needs only the device pass: it is started among Ptx
/// (startFirstPtx) while the host pass may still run.
int Driver::runFrontEndsAtOnce(const Input &In, const CudaUnit &U,
                               ParallelRuns &Ptx, std::string &FirstPtx) {
  if (int Status = writeFatBinary(U.Blob, U.TuId, {}))
    return Status;
  ArgList Host = hostFrontEnd(U); // before the device pass: its own PCH
  // Colours as on a terminal; before the user's flags, which may say no.
  if (isatty(STDERR_FILENO))
    Host.insert(Host.begin() + 1, "-fcolor-diagnostics");
  std::string HostErrors = Temp.file(baseName(In.Path) + ".host.stderr");
  ParallelRuns HostPass(1);
  if (!start(HostPass, Host, HostErrors))
    return HostPass.wait();
  int DeviceStatus = emitDeviceIR(In, Opts.GpuArchs.front(), U.DeviceBC);
  bool PtxFailedToStart =
      !DeviceStatus && !startFirstPtx(In, U.DeviceBC, Ptx, FirstPtx);
  int HostStatus = HostPass.wait();
  if (DeviceStatus) {
    // As if the host pass had not run: no dependency list of a failed
    // compile for make to trust.
    if (Opts.DepsWithCompile && !Opts.DryRun)
      unlink(depFileFor(U.Output).c_str());
    return DeviceStatus;
  }
  std::string Messages;
  if (!Opts.DryRun && readFile(HostErrors, Messages))
    fputs(Messages.c_str(), stderr);
  if (HostStatus)
    return HostStatus;
  if (PtxFailedToStart) // start() said why
    return Ptx.wait();
  return finishHostFrontEnd(U, Host);
}

/// The whole blob, PTX images included, into a copy of the host module the
/// host pass made with a blob without them (U.HostWithPtxBC: the lowering,
/// which may still run, reads the launch widths of U.HostBC). Sets
/// HostToCompile to the host module to generate code for.
int Driver::embedPtxImages(const CudaUnit &U, const PtxImageList &PtxImages,
                           std::string &HostToCompile) {
  HostToCompile = U.HostBC;
  if (PtxImages.empty())
    return 0;
  if (int Status = writeFatBinary(U.Blob, U.TuId, PtxImages))
    return Status;
  HostToCompile = U.HostWithPtxBC;
  return exec({Tools.TxOpt, "--embed-fatbin=" + U.Blob, U.HostBC, "-o",
               U.HostWithPtxBC});
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

/// The SIMT -> CPU lowering of the device IR: tx-opt's command.
ArgList Driver::lowering(const CudaUnit &U) const {
  bool KeepDebug = Opts.Debug || Opts.DeviceDebug || Opts.LineInfo;
  ArgList Lower = {Tools.TxOpt,         "--cpu-pipeline",
                   "--tu-id=" + U.TuId, "--managed-symbols=" + U.ManagedList,
                   U.DeviceBC,          "-o",
                   U.LoweredBC};
  if (!Opts.Target.empty())
    Lower.push_back("--mtriple=" + Opts.Target);
  // Under -G, one block function per kernel for the debugger to stop in
  // (no fixed-width versions, no dispatch loop of its own).
  if (Opts.DeviceDebug)
    Lower.push_back("--device-debug");
  else
    Lower.push_back("--launch-widths-from=" + U.HostBC);
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
  if (unsigned Bits = threadLoopVectorBits(Opts))
    Lower.push_back("--prefer-vector-width=" + std::to_string(Bits));
  if (!KeepDebug)
    Lower.push_back("--strip-debug");
  // A module of many large block functions comes back in parts (LoweredBC,
  // LoweredBC.1, ...), compiled at once.
  if (jobs() > 1)
    Lower.push_back("--codegen-parts=" + std::to_string(jobs()));
  return Lower;
}

/// CPU code for each part of the lowered module, started among Codegen:
/// one object per part (DeviceObjs). False if one could not start.
bool Driver::startDeviceCodegen(const CudaUnit &U, ParallelRuns &Codegen,
                                ArgList &DeviceObjs) {
  for (unsigned Part = 0;; ++Part) {
    std::string Suffix = Part ? "." + std::to_string(Part) : "";
    std::string PartBC = U.LoweredBC + Suffix;
    if (Part && (Opts.DryRun || access(PartBC.c_str(), R_OK) != 0))
      return true;
    DeviceObjs.push_back(U.DeviceObj + Suffix);
    if (!start(Codegen, deviceCodegen(PartBC, DeviceObjs.back())))
      return false;
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
