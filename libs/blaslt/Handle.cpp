//===- Handle.cpp - cuBLASLt handles, versions, status names, logging -----===//
//
// Part of Tongxin. A cuBLASLt handle holds nothing but the device current
// when it was made: every call names its own stream and descriptors.
//
//===----------------------------------------------------------------------===//

#include "Descriptors.h"

#include "Forward.h"
#include "blas/StatusText.h"

#include "cuda_runtime_api.h"

#include <new>

cublasStatus_t cublasLtCreate(cublasLtHandle_t *Handle) {
  if (!Handle)
    return CUBLAS_STATUS_INVALID_VALUE;
  // Like cuBLASLt, creating a handle initialises the CUDA context.
  int Device;
  if (cudaGetDevice(&Device) != cudaSuccess)
    return CUBLAS_STATUS_NOT_INITIALIZED;
  auto *H = new (std::nothrow) cublasLtContext;
  if (!H)
    return CUBLAS_STATUS_ALLOC_FAILED;
  H->Device = Device;
  *Handle = H;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasLtDestroy(cublasLtHandle_t Handle) {
  if (!Handle)
    return CUBLAS_STATUS_NOT_INITIALIZED;
  // Enqueued work holds copies of what it needs; it still runs.
  tx::blaslt::releaseNvidiaHandle(Handle);
  delete Handle;
  return CUBLAS_STATUS_SUCCESS;
}

const char *cublasLtGetStatusName(cublasStatus_t Status) {
  return tx::blas::statusName(Status);
}

const char *cublasLtGetStatusString(cublasStatus_t Status) {
  return tx::blas::statusString(Status);
}

size_t cublasLtGetVersion(void) { return CUBLAS_VERSION; }

size_t cublasLtGetCudartVersion(void) {
  int Version = 0;
  cudaRuntimeGetVersion(&Version);
  return size_t(Version);
}

cublasStatus_t cublasLtGetProperty(libraryPropertyType Type, int *Value) {
  if (!Value)
    return CUBLAS_STATUS_INVALID_VALUE;
  switch (Type) {
  case MAJOR_VERSION:
    *Value = CUBLAS_VER_MAJOR;
    return CUBLAS_STATUS_SUCCESS;
  case MINOR_VERSION:
    *Value = CUBLAS_VER_MINOR;
    return CUBLAS_STATUS_SUCCESS;
  case PATCH_LEVEL:
    *Value = CUBLAS_VER_PATCH;
    return CUBLAS_STATUS_SUCCESS;
  }
  return CUBLAS_STATUS_INVALID_VALUE;
}

// There is no heuristics cache (the one algorithm needs no search); the
// capacity is remembered so that programs read back what they set.
static size_t HeuristicsCacheCapacity = 8192;

cublasStatus_t cublasLtHeuristicsCacheGetCapacity(size_t *Capacity) {
  if (!Capacity)
    return CUBLAS_STATUS_INVALID_VALUE;
  *Capacity = HeuristicsCacheCapacity;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasLtHeuristicsCacheSetCapacity(size_t Capacity) {
  HeuristicsCacheCapacity = Capacity;
  return CUBLAS_STATUS_SUCCESS;
}

unsigned cublasLtDisableCpuInstructionsSetMask(unsigned Mask) {
  static unsigned Current = 0;
  unsigned Previous = Current;
  Current = Mask;
  return Previous;
}

//===--- Logging: accepted, nothing is logged -----------------------------===//

cublasStatus_t cublasLtLoggerSetCallback(cublasLtLoggerCallback_t) {
  return CUBLAS_STATUS_SUCCESS;
}
cublasStatus_t cublasLtLoggerSetFile(FILE *) { return CUBLAS_STATUS_SUCCESS; }
cublasStatus_t cublasLtLoggerOpenFile(const char *LogFile) {
  return LogFile ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_INVALID_VALUE;
}
cublasStatus_t cublasLtLoggerSetLevel(int Level) {
  return Level >= 0 && Level <= 5 ? CUBLAS_STATUS_SUCCESS
                                  : CUBLAS_STATUS_INVALID_VALUE;
}
cublasStatus_t cublasLtLoggerSetMask(int) { return CUBLAS_STATUS_SUCCESS; }
cublasStatus_t cublasLtLoggerForceDisable(void) {
  return CUBLAS_STATUS_SUCCESS;
}
