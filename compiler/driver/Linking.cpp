//===- Linking.cpp - Links, device links, libraries and -v's preamble ----===//
//
// Part of Tongxin. See Driver.h.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "MpiWrapper.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace tx;

/// The runtime library a link names (-cudart). Both give Tongxin's one
/// shared runtime: libcudart_static.a is a linker script for a filter
/// library of it that a program finds by absolute path, so that it runs
/// without LD_LIBRARY_PATH as nvcc's default static runtime does, while
/// the device state stays one per process, shared with cuBLAS & co.
static const char *runtimeLibraryFlag(CudaRuntime Runtime) {
  switch (Runtime) {
  case CudaRuntime::Shared:
    return "-lcudart";
  case CudaRuntime::Static:
    return "-lcudart_static";
  case CudaRuntime::None:
    break;
  }
  return nullptr;
}

int Driver::link(const ArgList &Objects) {
  // tx-c++ adds the run path to Tongxin's libraries; a -ccbin compiler
  // gets it here.
  bool OwnCompiler = Opts.HostCompiler.empty();
  ArgList Args = {OwnCompiler ? Tools.HostCxx : Opts.HostCompiler};
  Args.insert(Args.end(), Objects.begin(), Objects.end());
  if (OwnCompiler) {
    ArgList TargetFlags = cpuTargetFlags(Opts, /*ForCodegen=*/false);
    Args.insert(Args.end(), TargetFlags.begin(), TargetFlags.end());
  }
  if (Opts.Shared)
    Args.push_back("-shared");
  Args.insert(Args.end(), {"-o", Opts.Output.empty() ? "a.out" : Opts.Output});
  Args.insert(Args.end(), Opts.LinkFlags.begin(), Opts.LinkFlags.end());
  Args.push_back("-L" + Tools.LibDir);
  if (!OwnCompiler)
    Args.push_back("-Wl,-rpath," + Tools.LibDir);
  // Linked through an MPI wrapper (nvcc users' -ccbin mpicxx), which puts
  // MPI's libraries last: CUDA-aware MPI's calls on device memory the host
  // cannot address go through host copies (docs/nccl.md).
  if (!OwnCompiler && isMpiWrapper(Opts.HostCompiler) &&
      access((Tools.LibDir + "/libtongxin_mpi.so").c_str(), R_OK) == 0)
    Args.push_back("-ltongxin_mpi");
  if (const char *Runtime = runtimeLibraryFlag(Opts.Runtime))
    Args.push_back(Runtime);
  Args.insert(Args.end(), {"-lm", "-lpthread"});
  Args.insert(Args.end(), Opts.HostFlags.begin(), Opts.HostFlags.end());
  return exec(Args);
}

/// -dlink: nvcc links the relocatable device code of the objects into one
/// more object for the host link. Tongxin has nothing to do here: the CPU
/// code of every device function is already in the objects (the host
/// linker resolves calls between them), and relocatable PTX images are
/// linked by the runtime when a GPU loads them. The step still produces
/// the object build systems (CMake's CUDA_SEPARABLE_COMPILATION) expect,
/// after checking that its inputs exist.
int Driver::deviceLink() {
  for (const Input &In : Opts.Inputs) {
    if (In.Kind != InputKind::Object && In.Kind != InputKind::Library) {
      fprintf(stderr,
              "txcc: error: -dlink takes objects and libraries, not '%s'\n",
              In.Path.c_str());
      return 1;
    }
    if (!Opts.DryRun && access(In.Path.c_str(), R_OK) != 0) {
      fprintf(stderr, "txcc: error: cannot read input file '%s'\n",
              In.Path.c_str());
      return 1;
    }
  }
  ArgList Args = {Tools.Clang,
                  "-c",
                  "-x",
                  "c",
                  "/dev/null",
                  "-o",
                  Opts.Output.empty() ? "a_dlink.o" : Opts.Output};
  ArgList TargetFlags = cpuTargetFlags(Opts, /*ForCodegen=*/false);
  Args.insert(Args.end(), TargetFlags.begin(), TargetFlags.end());
  return exec(Args);
}

/// -lib: a static library of the objects, as nvcc makes one.
int Driver::archive(const ArgList &Objects) {
  std::string Output = Opts.Output.empty() ? "a.a" : Opts.Output;
  if (!Opts.DryRun)
    unlink(Output.c_str()); // ar would add to an old archive.
  ArgList Args = {std::string(TX_LLVM_TOOLS_DIR) + "/llvm-ar", "rcs", Output};
  Args.insert(Args.end(), Objects.begin(), Objects.end());
  return exec(Args);
}

/// -v starts with the toolkit's layout in nvcc's words: CMake reads TOP,
/// NVVMIR_LIBRARY_DIR, INCLUDES and LIBRARIES (then finds the link line by
/// the LIBRARIES text), and the default architectures from "-arch
/// compute_NN".
void Driver::printEnvironment() const {
  std::string Libdevice =
      Tools.Libdevice.empty()
          ? Tools.Root + "/nvvm/libdevice"
          : Tools.Libdevice.substr(0, Tools.Libdevice.rfind('/'));
  const char *Path = getenv("PATH");
  std::string Architectures;
  for (const std::string &Arch : Opts.GpuArchs)
    Architectures += (Architectures.empty() ? "" : " ") +
                     std::string("-arch compute_") + Arch.substr(3);
  fprintf(stderr,
          "#$ TOP=%s\n#$ NVVMIR_LIBRARY_DIR=%s\n#$ PATH=%s%s%s\n"
          "#$ INCLUDES=%s\n#$ LIBRARIES=%s\n#$ CUDA_ARCHITECTURES=%s\n",
          Tools.Root.c_str(), Libdevice.c_str(), Tools.BinDir.c_str(),
          Path ? ":" : "", Path ? Path : "",
          formatCommand({"-I" + Tools.IncludeDir}).c_str(),
          formatCommand({"-L" + Tools.LibDir}).c_str(), Architectures.c_str());
}
