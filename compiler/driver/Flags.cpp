//===- Flags.cpp - The flags txcc gives the compilers it runs -------------===//
//
// Part of Tongxin. See Driver.h.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "tongxin/cuda_config.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

using namespace tx;

/// The CPU code is for x86-64 Linux (with glibc and its libmvec).
static bool targetsX86_64Linux(const DriverOptions &Opts) {
  if (Opts.Target.empty()) {
#if defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__)
    return true;
#else
    return false;
#endif
  }
  return Opts.Target.rfind("x86_64", 0) == 0 &&
         Opts.Target.find("linux-gnu") != std::string::npos;
}

/// No --target, -march or -mcpu: the device code is for this machine's CPU
/// (-march=native), whose features txcc may test for itself.
static bool compilesForThisMachine(const DriverOptions &Opts) {
  return Opts.Target.empty() && Opts.TargetArch.empty() &&
         Opts.TargetCpu.empty();
}

/// Where the CPU code runs: --target plus -march/-mcpu, or this machine.
ArgList tx::cpuTargetFlags(const DriverOptions &Opts, bool ForCodegen) {
  ArgList Flags;
  if (!Opts.Target.empty())
    Flags.push_back("--target=" + Opts.Target);
  if (!Opts.TargetArch.empty())
    Flags.push_back("-march=" + Opts.TargetArch);
  if (!Opts.TargetCpu.empty())
    Flags.push_back("-mcpu=" + Opts.TargetCpu);
  // Vectorise the thread loops for this machine's SIMD unless told which.
  if (ForCodegen && compilesForThisMachine(Opts)) {
    Flags.push_back("-march=native");
    // Clang 19 detects AVX10.1 CPUs (Granite Rapids, some Sapphire Rapids
    // VMs) as "+avx10.1-256 -avx10.1-512" and warns on every compile that it
    // enables the 512-bit form, which such a CPU has; the user named no
    // CPU, so the warning is noise.
    Flags.push_back("-Wno-invalid-feature-combination");
  }
  // With -use_fast_math, math calls in thread loops (expf, sinf, ...)
  // vectorise through glibc's vector math library (linked through -lm,
  // which the C++ driver always passes). Not by default: libmvec's expf is
  // up to 2.6 ulp off, beyond CUDA's documented 2 ulp.
  if (ForCodegen && Opts.FastMath && targetsX86_64Linux(Opts))
    Flags.push_back("-fveclib=libmvec");
  // The X86 pass that moves chains of mask arithmetic from general to
  // AVX-512 mask registers was 14-17% of code generation on block functions
  // of thousands of instructions (CUB's select, cg_memcpy_async), and the
  // benchmarks ran as fast without it (paired runs: 0.98-1.03).
  //
  // Loops start on a 64-byte boundary (LLVM's default is 16): a tight thread
  // loop that straddles one ran up to 1.7x slower on this AMD EPYC
  // (bench/histogram's 5-instruction loop: 5.1 ms at 0x73f0, 3.0 ms
  // aligned), so any change elsewhere in a kernel could move a benchmark by
  // tens of percent. With 64 the benchmarks ran as fast or faster (paired:
  // 0.97-1.01, histogram 0.62); 32 still left layernorm 1.28x slower.
  //
  // No AVX-512 scatters: a thread loop storing with a stride (a Blelloch
  // scan's `Temp[Offset * (2 * t + 2) - 1] += ...`) vectorised into
  // vpscatterdd, which is microcoded (a dozen or more cycles for 16 stores)
  // where the scalar stores pipeline. bench/scan ran 7.5% faster without
  // (paired, median of 5), kmeans_assign and bitonic_sort 2.5%, the other
  // benchmarks whose code changed within 1%; gathers stay (scan was slower
  // without them).
  //
  // The instruction schedulers track memory dependences exactly up to 200
  // pending accesses in a block (LLVM's default: 1,000): a thread loop of
  // a thousand instructions vectorises into one block of seven thousand
  // (int_simd_intrinsics, every SIMD intrinsic per thread), and scheduling
  // it took 1.8 of its 2.7 s of code generation; 1.0 s in all with the
  // lower limit. Of the benchmarks only matmul_naive's code changed.
  if (ForCodegen && targetsX86_64Linux(Opts))
    Flags.insert(Flags.end(), {"-mllvm", "-disable-x86-domain-reassignment",
                               "-falign-loops=64", "-mno-scatter", "-mllvm",
                               "-dag-maps-huge-region=200"});
  return Flags;
}

unsigned tx::vectorMathBits(const DriverOptions &Opts) {
#if defined(TONGXIN_HAVE_SLEEF) && defined(__x86_64__)
  // The runtime's vector math (SLEEF's, within CUDA's error bounds); under
  // -use_fast_math libmvec's takes its place (cpuTargetFlags). Only for
  // this machine's CPU: the vector widths are those it can run.
  if (Opts.FastMath || !compilesForThisMachine(Opts) ||
      !targetsX86_64Linux(Opts))
    return 0;
  if (__builtin_cpu_supports("avx512f"))
    return 512;
  return __builtin_cpu_supports("avx2") ? 256 : 128;
#else
  (void)Opts;
  return 0;
#endif
}

unsigned tx::threadLoopVectorBits(const DriverOptions &Opts) {
  if (Opts.PreferVectorWidth == NoVectorWidthPreference)
    return 0;
  if (Opts.PreferVectorWidth)
    return Opts.PreferVectorWidth;
#if defined(__x86_64__)
  // This machine's widest vectors, rather than LLVM's tuning for AVX-512
  // processors (256 bits, for ordinary C++): a block function spends its
  // time in thread loops (PreferVectorWidth.cpp). Only for this machine's
  // CPU; a named target keeps its own tuning.
  if (compilesForThisMachine(Opts) && __builtin_cpu_supports("avx512f"))
    return 512;
#endif
  return 0;
}

/// "sm_80", "sm_90a" -> 800, 900: the numbers of __CUDA_ARCH__.
static int archNumber(const std::string &Arch) {
  return atoi(Arch.c_str() + 3) * 10;
}

/// __CUDA_ARCH_LIST__: every architecture compiled for, ascending.
static std::string archList(const std::vector<std::string> &GpuArchs) {
  std::vector<int> Numbers;
  for (const std::string &Arch : GpuArchs)
    Numbers.push_back(archNumber(Arch));
  std::sort(Numbers.begin(), Numbers.end());
  Numbers.erase(std::unique(Numbers.begin(), Numbers.end()), Numbers.end());
  std::string List;
  for (int Number : Numbers)
    List += (List.empty() ? "" : ",") + std::to_string(Number);
  return List;
}

/// The macros nvcc predefines on every file it compiles; a .cu file (both
/// passes) also gets __CUDACC__ and the ones its flags imply. They come
/// before the user's -D/-U, which may override them.
ArgList tx::nvccMacros(const DriverOptions &Opts, bool CudaSource) {
  auto Define = [](const char *Name, int Value) {
    return std::string("-D") + Name + "=" + std::to_string(Value);
  };
  ArgList Macros = {"-D__NVCC__",
                    "-D__CUDA_ARCH_LIST__=" + archList(Opts.GpuArchs),
                    Define("__CUDACC_VER_MAJOR__", __TX_CUDA_MAJOR),
                    Define("__CUDACC_VER_MINOR__", __TX_CUDA_MINOR),
                    Define("__CUDACC_VER_BUILD__", __TX_CUDA_BUILD),
                    Define("__CUDA_API_VER_MAJOR__", __TX_CUDA_MAJOR),
                    Define("__CUDA_API_VER_MINOR__", __TX_CUDA_MINOR)};
  if (!CudaSource)
    return Macros;
  Macros.push_back("-D__CUDACC__");
  if (Opts.Rdc)
    Macros.push_back("-D__CUDACC_RDC__");
  if (Opts.RelaxedConstexpr)
    Macros.push_back("-D__CUDACC_RELAXED_CONSTEXPR__");
  if (Opts.ExtendedLambda)
    Macros.push_back("-D__CUDACC_EXTENDED_LAMBDA__");
  if (Opts.DeviceDebug)
    Macros.push_back("-D__CUDACC_DEBUG__");
  if (Opts.FastMath)
    Macros.push_back("-D__USE_FAST_MATH__");
  return Macros;
}

/// True if the user's own flags (-Werror=register, -Wunknown-pragmas, ...)
/// decide about the warning a leniency flag is for.
static bool userDecides(const std::string &Leniency, const ArgList &UserFlags) {
  std::string Name;
  for (const char *Prefix : {"-Wno-error=", "-Wno-"})
    if (Leniency.rfind(Prefix, 0) == 0) {
      Name = Leniency.substr(strlen(Prefix));
      break;
    }
  if (Name.empty())
    return false;
  for (const std::string &Flag : UserFlags)
    if (Flag == "-W" + Name || Flag == "-Wno-" + Name ||
        Flag == "-Werror=" + Name || Flag == "-Wno-error=" + Name)
      return true;
  return false;
}

/// nvcc's front end (EDG) warns where clang errors on some constructs that
/// real CUDA code contains; nvcc's host compiler (gcc) warns on others.
/// Each is accepted here with clang's warning, one flag per construct (no
/// blanket -w); docs/nvcc-compatibility.md lists them. They go after the
/// user's host flags (so that -Wall does not undo them), except where those
/// name the warning themselves.
ArgList tx::nvccLeniencies(bool CudaSource, const ArgList &UserFlags) {
  ArgList Flags = {
      // `register int i;` in C++17 (EDG: silent; gcc: -Wregister warning).
      "-Wno-error=register",
      // Narrowing in braces, e.g. `dim3 grid = {n / 256, 1}` with int n
      // (EDG #2361-D, gcc -Wnarrowing: warnings).
      "-Wno-error=c++11-narrowing",
      // static_cast<Enum>(-1) in a constant expression (both: silent).
      "-Wno-error=enum-constexpr-conversion",
      // "%"PRIu64 without a space (gcc -Wliteral-suffix: warning).
      "-Wno-error=reserved-user-defined-literal"};
  if (!CudaSource)
    return Flags;
  ArgList Cuda = {
      // `flag++` on a bool in device code (EDG #708-D: warning).
      "-Wno-error=increment-bool",
      // &make_float3(...) in device code (EDG #1308-D: warning).
      "-Wno-error=address-of-temporary",
      // typeof(x) under -std=c++NN (cudafe++ rewrites it).
      "-fgnu-keywords",
      // Errors in functions a pass never emits are dropped, as EDG does for
      // code under `#ifdef __CUDA_ARCH__ #define HD __host__ __device__`.
      "-fgpu-defer-diag",
      // C-variadic __device__ functions (EDG: silent); va_arg itself stays
      // an error.
      "-Xclang", "-fcuda-allow-variadic-functions",
      // nvcc's own pragmas (nv_diag_suppress, diag_suppress,
      // nv_exec_check_disable, hd_warning_disable, ...), common in library
      // headers, mean nothing to clang; they are ignored without a warning.
      "-Wno-unknown-pragmas"};
  Flags.insert(Flags.end(), Cuda.begin(), Cuda.end());
  ArgList Kept;
  for (const std::string &Flag : Flags)
    if (!userDecides(Flag, UserFlags))
      Kept.push_back(Flag);
  return Kept;
}
