//===- api/Driver.cpp - What the runtime offers of the driver API ---------===//
//
// Part of Tongxin. Tongxin implements the CUDA runtime API only: there is
// no driver API (cuInit, cuModuleLoad, ...) whose entry points a program
// could ask for, so every lookup finds nothing. As in CUDA, that is not an
// error: the call succeeds with a null pointer and driverStatus says why.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

using namespace tx;
using namespace tx::api;

/// The answer to every driver symbol lookup: not found.
static cudaError_t noDriverSymbol(const char *Symbol, void **FuncPtr,
                                  unsigned long long Flags,
                                  cudaDriverEntryPointQueryResult *Status) {
  if (!Symbol || !FuncPtr ||
      (Flags & ~static_cast<unsigned long long>(
                   cudaEnableLegacyStream | cudaEnablePerThreadDefaultStream)))
    return report(cudaErrorInvalidValue);
  *FuncPtr = nullptr;
  if (Status)
    *Status = cudaDriverEntryPointSymbolNotFound;
  return cudaSuccess;
}

cudaError_t cudaGetDriverEntryPoint(const char *Symbol, void **FuncPtr,
                                    unsigned long long Flags,
                                    cudaDriverEntryPointQueryResult *Status) {
  return noDriverSymbol(Symbol, FuncPtr, Flags, Status);
}

cudaError_t cudaGetDriverEntryPointByVersion(
    const char *Symbol, void **FuncPtr, unsigned int CudaVersion,
    unsigned long long Flags, cudaDriverEntryPointQueryResult *Status) {
  // A version newer than the driver's (the runtime's, here) is an error.
  if (CudaVersion > static_cast<unsigned int>(CUDART_VERSION))
    return report(cudaErrorInvalidValue);
  return noDriverSymbol(Symbol, FuncPtr, Flags, Status);
}
