//===- Toolchain.cpp - Where txcc's own pieces are ------------------------===//
//
// Part of Tongxin. See Driver.h.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "ToolkitRoot.h"

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace tx;

void Toolchain::findLibdevice(const std::string &CudaPath) {
  std::vector<std::string> Roots;
  if (!CudaPath.empty())
    Roots.push_back(CudaPath);
  Roots.push_back(Root); // NVIDIA's libdevice copied into our toolkit.
  if (const char *Env = getenv("CUDA_PATH"))
    Roots.push_back(Env);
  Roots.insert(Roots.end(), {"/usr/local/cuda", "/usr/lib/cuda"});
  for (const std::string &Root : Roots) {
    std::string Path = Root + "/nvvm/libdevice/libdevice.10.bc";
    if (access(Path.c_str(), R_OK) == 0) {
      Libdevice = Path;
      return;
    }
  }
  const char *Debian = "/usr/lib/nvidia-cuda-toolkit/libdevice/libdevice.10.bc";
  if (access(Debian, R_OK) == 0)
    Libdevice = Debian;
}

void Toolchain::selectTarget(const std::string &Triple) {
  if (Triple.empty() || Triple == "x86_64-linux-gnu")
    return;
  LibDir += "/" + Triple;
  TargetArch = Triple.substr(0, Triple.find('-'));
}

bool Toolchain::locate(const char *Argv0) {
  locateToolkit(Argv0, BinDir, Root);
  IncludeDir = Root + "/include";
  LibDir = Root + "/lib64";
  TxOpt = BinDir + "/tx-opt";
  HostCxx = BinDir + "/tx-c++";
  ClangXX = Clang + "++";
  if (access((IncludeDir + "/cuda_runtime.h").c_str(), R_OK) != 0) {
    fprintf(stderr, "txcc: error: cannot find the Tongxin headers in %s\n",
            IncludeDir.c_str());
    return false;
  }
  return true;
}
