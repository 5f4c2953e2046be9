//===- Options.h - nvcc-compatible command line ------------------*- C++
//-*-===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_DRIVER_OPTIONS_H
#define TONGXIN_DRIVER_OPTIONS_H

#include "Subprocess.h"

#include <string>
#include <vector>

namespace tx {

enum class InputKind { Cuda, Cxx, C, Object, Library };

struct Input {
  std::string Path;
  InputKind Kind;
};

enum class Action {
  Link,
  Compile,
  Preprocess,
  Dependencies,
  Ptx,
  DeviceLink, ///< -dlink: nvcc's device link step (see Driver.cpp).
  Library     ///< -lib: a static library of the compiled inputs.
};

/// -cudart: which CUDA runtime library the link names.
enum class CudaRuntime { Shared, Static, None };

struct DriverOptions {
  std::vector<Input> Inputs;
  std::string Output;
  Action Mode = Action::Link;
  ArgList Preprocessor; ///< -I, -isystem, -D, -U in command-line order.
  ArgList HostFlags;    ///< -Xcompiler and host-only flags.
  ArgList LinkFlags;    ///< -L, -l, -Xlinker, -shared.
  std::string Standard; ///< "c++17" etc., empty for the default.
  std::string OptLevel = "-O3";
  bool HostOptGiven = false;
  bool Debug = false;       ///< -g
  bool DeviceDebug = false; ///< -G
  bool LineInfo = false;
  /// --check=memcheck: device code checks every memory access.
  bool MemoryChecks = false;
  /// --check=synccheck: divergent __syncthreads() are reported.
  bool SyncChecks = false;
  /// --check=racecheck: shared-memory hazards are reported.
  bool RaceChecks = false;
  /// --check=initcheck: reads of device memory never written are reported.
  bool InitChecks = false;
  bool FastMath = false;
  bool Rdc = false;
  bool RelaxedConstexpr = false; ///< --expt-relaxed-constexpr
  bool ExtendedLambda = false;   ///< --extended-lambda
  bool Shared = false;
  bool Verbose = false;
  bool DryRun = false;
  bool Keep = false;
  std::string KeepDir; ///< --keep-dir: where --keep leaves intermediates.
  /// nvcc's default, and so CMake's: a program that finds its runtime
  /// without a run path or LD_LIBRARY_PATH (runtime/CMakeLists.txt).
  CudaRuntime Runtime = CudaRuntime::Static;
  /// -forward-unknown-to-host-compiler / -linker: options txcc does not
  /// know go to the host compiler (HostFlags) or the link (LinkFlags), as
  /// CMake's nvcc rules expect.
  bool PrintFrontEnd = false; ///< --tongxin-frontend-args (txmigrate).
  bool ForwardUnknownToCompiler = false;
  bool ForwardUnknownToLinker = false;
  /// GPU architectures to embed PTX for (-arch, -gencode); the first one
  /// also sets __CUDA_ARCH__ for the CPU build.
  std::vector<std::string> GpuArchs;
  bool CpuOnly = false; ///< --tongxin-cpu-only: embed no PTX.
  std::string CudaPath; ///< --cuda-path: where libdevice is found.
  /// Cross compilation: the CPU the program runs on. Empty = this machine
  /// (and -march=native for device code).
  std::string Target;
  std::string TargetArch; ///< -march for the target CPU.
  std::string TargetCpu;  ///< -mcpu for the target CPU.
  /// -mprefer-vector-width: the thread loops' vector width in bits;
  /// 0: txcc's choice (threadLoopVectorBits), NoVectorWidthPreference: the
  /// target's own.
  unsigned PreferVectorWidth = 0;
  // Dependency output (-M, -MD, -MF, -MT).
  bool DepsWithCompile = false;
  std::string DepFile;
  std::string DepTarget;
  std::string HostCompiler; ///< -ccbin
  /// Processes a compile may run at once (-t/--threads, --split-compile;
  /// 0 there is EveryCpu): the host and device code generation, and the
  /// parts of a large device module. 0 (none given): the CPUs this process
  /// may use, at most MaxDefaultJobs.
  unsigned Jobs = 0;
};

/// -mprefer-vector-width=none.
constexpr unsigned NoVectorWidthPreference = ~0u;

/// Jobs for every CPU this process may use.
constexpr unsigned EveryCpu = ~0u;

/// Jobs when the command line names none.
/// (Each is a clang of up to a few hundred MB on CUB's kernels; under
/// `make -jN` the jobs multiply.)
constexpr unsigned MaxDefaultJobs = 4;

/// Parses nvcc-style arguments, with --options-file/-optf files expanded in
/// place. Returns false after printing an error. Sets Exit (and returns
/// false) for --help and --version.
bool parseOptions(int Argc, char **Argv, DriverOptions &Opts, int &Exit);

} // namespace tx

#endif // TONGXIN_DRIVER_OPTIONS_H
