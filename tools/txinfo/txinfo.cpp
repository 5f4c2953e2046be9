//===- txinfo.cpp - List the devices Tongxin sees -------------------------===//
//
// Part of Tongxin. A device query in the spirit of deviceQuery and
// `nvidia-smi -L`: every device the runtime enumerates, with its backend,
// compute capability, cores or SMs, memory and features.
//
//===----------------------------------------------------------------------===//

#include "cuda_runtime_api.h"
#include "tongxin/runtime.h"

#include <cstdio>
#include <cstring>

namespace {
/// Which backend runs a device, and its ISA ("x86_64") or SM ("sm_80").
struct Backend {
  char Name[16] = "unknown";
  char Architecture[32] = "unknown";
};
} // namespace

static Backend backendOf(int Ordinal) {
  Backend B;
  if (txDeviceGetBackend(Ordinal, B.Name, sizeof(B.Name), B.Architecture,
                         sizeof(B.Architecture)) != cudaSuccess)
    return Backend();
  return B;
}

static void printDevice(int Ordinal, const cudaDeviceProp &P) {
  Backend B = backendOf(Ordinal);
  bool IsCpu = strcmp(B.Name, "cpu") == 0;
  printf("Device %d: \"%s\"\n", Ordinal, P.name);
  printf("  Backend                         %s\n", B.Name);
  printf("  %s %s\n",
         IsCpu ? "Instruction set                "
               : "Architecture                   ",
         B.Architecture);
  printf("  Compute capability (%s)%s%d.%d\n", IsCpu ? "reported" : "device",
         IsCpu ? "   " : "     ", P.major, P.minor);
  printf("  %s %d\n",
         IsCpu ? "Multiprocessors (CPU workers)  "
               : "Multiprocessors               ",
         P.multiProcessorCount);
  printf("  Global memory                   %.1f GiB\n",
         double(P.totalGlobalMem) / (1024.0 * 1024.0 * 1024.0));
  printf("  Shared memory per block         %zu bytes (opt-in %zu)\n",
         P.sharedMemPerBlock, P.sharedMemPerBlockOptin);
  printf("  Warp size                       %d\n", P.warpSize);
  printf("  Max threads per block           %d\n", P.maxThreadsPerBlock);
  printf("  Max block dimensions            %d x %d x %d\n", P.maxThreadsDim[0],
         P.maxThreadsDim[1], P.maxThreadsDim[2]);
  printf("  Max grid dimensions             %d x %d x %d\n", P.maxGridSize[0],
         P.maxGridSize[1], P.maxGridSize[2]);
  printf("  Clock rate                      %d kHz\n", P.clockRate);
  printf("  Unified addressing / managed    %s / %s\n",
         P.unifiedAddressing ? "yes" : "no", P.managedMemory ? "yes" : "no");
  printf("  Concurrent kernels              %s\n",
         P.concurrentKernels ? "yes" : "no");
}

int main(int Argc, char **Argv) {
  bool Brief = Argc > 1 && (strcmp(Argv[1], "-L") == 0);
  int Count = 0;
  cudaError_t Err = cudaGetDeviceCount(&Count);
  if (Err != cudaSuccess) {
    printf("txinfo: no devices: %s (%s)\n", cudaGetErrorString(Err),
           cudaGetErrorName(Err));
    return 1;
  }
  int Runtime = 0, Driver = 0;
  cudaRuntimeGetVersion(&Runtime);
  cudaDriverGetVersion(&Driver);
  if (!Brief)
    printf("Tongxin runtime %d.%d (driver %d.%d), %d device(s)\n\n",
           Runtime / 1000, Runtime % 1000 / 10, Driver / 1000,
           Driver % 1000 / 10, Count);
  for (int D = 0; D < Count; ++D) {
    cudaDeviceProp Props;
    if (cudaGetDeviceProperties(&Props, D) != cudaSuccess)
      continue;
    if (Brief) {
      Backend B = backendOf(D);
      printf("Device %d: %s (backend: %s, %s)\n", D, Props.name, B.Name,
             B.Architecture);
    } else
      printDevice(D, Props);
  }
  return 0;
}
