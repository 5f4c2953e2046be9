//===- Driver.h - txcc, the nvcc-compatible driver --------------*- C++ -*-===//
//
// Part of Tongxin. The driver's pieces, one job per file: Toolchain.cpp
// finds the tools and the toolkit directories, Flags.cpp builds the flags
// of the compilers txcc runs, Driver.cpp compiles (the steps are listed
// there) and dispatches, Linking.cpp links, device-links and archives.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DRIVER_DRIVER_H
#define TONGXIN_DRIVER_DRIVER_H

#include "Options.h"
#include "PrecompiledHeader.h"
#include "Subprocess.h"

#include <string>
#include <utility>
#include <vector>

namespace tx {

/// Where the driver's own pieces are: next to the executable, in a
/// directory laid out like a CUDA toolkit (bin/, include/, lib64/).
struct Toolchain {
  std::string Root, BinDir, IncludeDir, LibDir;
  std::string HostCxx; ///< tx-c++: clang++ that links Tongxin's runtime.
  std::string Clang = TX_CLANG;
  std::string ClangXX;
  std::string Linker = std::string(TX_LLVM_TOOLS_DIR) + "/ld.lld";
  std::string Objcopy = std::string(TX_LLVM_TOOLS_DIR) + "/llvm-objcopy";
  std::string TxOpt;
  std::string TargetArch = "x86_64"; ///< Set for cross compilation.
  std::string Libdevice; ///< Empty when no CUDA toolkit is installed.

  /// Finds the directories from the executable's own path; false (after
  /// an error message) without Tongxin's headers beside it.
  bool locate(const char *Argv0);
  /// libdevice comes with NVIDIA's CUDA toolkit (or Debian's
  /// nvidia-cuda-toolkit); without it no PTX is embedded.
  void findLibdevice(const std::string &CudaPath);
  /// Per-target runtime directory and the arch name of the CPU image.
  void selectTarget(const std::string &Triple);
};

/// Where the CPU code runs: --target plus -march/-mcpu, or this machine
/// (-march=native for the device code, ForCodegen).
ArgList cpuTargetFlags(const DriverOptions &Opts, bool ForCodegen);

/// The widest vectors (bits) of the runtime's vector math functions that
/// device code for Opts's CPU may call (tx-opt --vector-math); 0: none.
unsigned vectorMathBits(const DriverOptions &Opts);
/// The vector width (bits) of the CPU thread loops (tx-opt
/// --prefer-vector-width); 0: the target's own preference.
unsigned threadLoopVectorBits(const DriverOptions &Opts);
/// The macros nvcc predefines (CudaSource: and those of a .cu file).
ArgList nvccMacros(const DriverOptions &Opts, bool CudaSource);
/// The flags that accept what nvcc only warns about
/// (docs/nvcc-compatibility.md), less those UserFlags decide.
ArgList nvccLeniencies(bool CudaSource, const ArgList &UserFlags);

/// A file name without its directory and last extension.
std::string baseName(const std::string &Path);

/// PTX images of a .cu file: (GPU architecture, file) pairs.
using PtxImageList = std::vector<std::pair<std::string, std::string>>;

/// One .cu file's compile: its source and output, the translation unit's
/// id and the intermediate files (CudaCompile.cpp).
struct CudaUnit {
  std::string Source, Output, TuId;
  std::string DeviceBC, LoweredBC, DeviceObj, Blob, HostBC, HostObj,
      ManagedList;
  /// HostBC with the PTX in its blob (a copy: the lowering reads HostBC's
  /// launch widths meanwhile).
  std::string HostWithPtxBC;
};

class Driver {
public:
  Driver(DriverOptions &Opts, Toolchain &Tools, TempDir &Temp)
      : Opts(Opts), Tools(Tools), Temp(Temp),
        RuntimeHeader(Tools.IncludeDir, "cuda_runtime.h", Opts.Verbose) {}
  int run();

private:
  DriverOptions &Opts;
  Toolchain &Tools;
  TempDir &Temp;
  PrecompiledHeaders RuntimeHeader;
  std::string Cuid; ///< The .cu file being compiled, for -cuid.

  /// Runs Args (printing it under -v; only printing under --dryrun).
  int exec(const ArgList &Args);
  /// Starts Args among Runs, as exec runs it (its errors in ErrorFile if
  /// one is named); false if it could not start.
  bool start(ParallelRuns &Runs, const ArgList &Args,
             const std::string &ErrorFile = "");
  /// How many processes a compile may run at once (Opts.Jobs).
  unsigned jobs() const;
  ArgList cudaFrontEnd(bool Device, const std::string &Arch) const;
  void precompileRuntimeHeader(ArgList &FrontEnd);
  void addCompilationUnitId(ArgList &FrontEnd) const;
  int emitDeviceIR(const Input &In, const std::string &Arch,
                   const std::string &Output);
  int emitPTX(const Input &In, const std::string &Arch,
              const std::string &DeviceBC, const std::string &Output);
  ArgList hostCompilerFor(const Input &In) const;
  ArgList cudaHostPass() const;
  ArgList hostSourcePass(const Input &In) const;
  int printFrontEnd();
  int compileCuda(const Input &In, const std::string &Output);
  int compileCudaInTurn(const Input &In, const CudaUnit &U,
                        ArgList &DeviceObjs);
  int compileCudaAtOnce(const Input &In, const CudaUnit &U,
                        ArgList &DeviceObjs);
  ArgList ptxPipeline(const std::string &Arch, const std::string &BC,
                      const std::string &Output) const;
  bool startFirstPtx(const Input &In, const std::string &DeviceBC,
                     ParallelRuns &Run, std::string &FirstPtx);
  PtxImageList finishPtxImages(const Input &In, const std::string &DeviceBC,
                               ParallelRuns &Run, const std::string &FirstPtx);
  ArgList hostFrontEnd(const CudaUnit &U);
  int finishHostFrontEnd(const CudaUnit &U, const ArgList &Host);
  int runFrontEndsAtOnce(const Input &In, const CudaUnit &U, ParallelRuns &Ptx,
                         std::string &FirstPtx);
  int lowerBesideHostCode(const Input &In, const CudaUnit &U, ParallelRuns &Ptx,
                          const std::string &FirstPtx, ParallelRuns &HostCode,
                          bool &HostCodeStarted);
  int startHostCode(const Input &In, const CudaUnit &U, ParallelRuns &Ptx,
                    const std::string &FirstPtx, ParallelRuns &HostCode);
  int embedPtxImages(const CudaUnit &U, const PtxImageList &PtxImages,
                     std::string &HostToCompile);
  ArgList hostCodegen(const std::string &HostBC,
                      const std::string &HostObj) const;
  ArgList lowering(const CudaUnit &U) const;
  bool startDeviceCodegen(const CudaUnit &U, ParallelRuns &Codegen,
                          ArgList &DeviceObjs);
  ArgList deviceCodegen(const std::string &LoweredBC,
                        const std::string &DeviceObj) const;
  int compileHostSource(const Input &In, const std::string &Output);
  int exportManagedShadows(const std::string &ManagedList,
                           const std::string &HostObj);
  int writeFatBinary(const std::string &Path, const std::string &TuId,
                     const PtxImageList &PtxImages);
  int preprocessOrDeps(const Input &In);
  int link(const ArgList &Objects);
  int deviceLink();
  int archive(const ArgList &Objects);
  int writePtxFiles();
  void printEnvironment() const;
  std::string depFileFor(const std::string &Output) const;
};

} // namespace tx

#endif // TONGXIN_DRIVER_DRIVER_H
