//===- Handle.cpp - cuBLAS handles, modes, streams and status names -------===//
//
// Part of Tongxin. See Handle.h.
//
//===----------------------------------------------------------------------===//

#include "Handle.h"
#include "StatusText.h"

#include "cuda_runtime_api.h"

#include <cstdio>
#include <mutex>
#include <new>

using namespace tx;

namespace tx {
namespace blas {

static cublasStatus_t placeWork(cublasHandle_t H, lib::Placement *Where) {
  if (lib::placeStream(H->Stream, Where) != cudaSuccess)
    return CUBLAS_STATUS_INVALID_VALUE;
  // NVIDIA GPUs and other accelerators: not implemented yet (their own
  // BLAS is the way; see docs/libraries.md).
  if (Where->Kind != txLibraryDeviceHost)
    return CUBLAS_STATUS_NOT_SUPPORTED;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t run(cublasHandle_t H, std::function<void(int Device)> Work) {
  lib::Placement Where;
  if (cublasStatus_t S = placeWork(H, &Where))
    return S;
  int Device = Where.Device;
  cudaError_t Err = lib::enqueue(
      H->Stream, [Device, Work = std::move(Work)] { Work(Device); });
  return Err == cudaSuccess ? CUBLAS_STATUS_SUCCESS
                            : CUBLAS_STATUS_EXECUTION_FAILED;
}

cublasStatus_t runWithResult(cublasHandle_t H,
                             std::function<void(int Device)> Work) {
  bool Waits = H->PointerMode == CUBLAS_POINTER_MODE_HOST;
  if (Waits) {
    // A capture cannot wait for its own work.
    cudaStreamCaptureStatus Capture = cudaStreamCaptureStatusNone;
    if (cudaStreamIsCapturing(H->Stream, &Capture) != cudaSuccess ||
        Capture != cudaStreamCaptureStatusNone)
      return CUBLAS_STATUS_NOT_SUPPORTED;
  }
  if (cublasStatus_t S = run(H, std::move(Work)))
    return S;
  if (Waits && cudaStreamSynchronize(H->Stream) != cudaSuccess)
    return CUBLAS_STATUS_EXECUTION_FAILED;
  return CUBLAS_STATUS_SUCCESS;
}

} // namespace blas
} // namespace tx

//===--- Handles ----------------------------------------------------------===//

cublasStatus_t cublasCreate_v2(cublasHandle_t *Handle) {
  if (!Handle)
    return CUBLAS_STATUS_INVALID_VALUE;
  // cuBLAS initialises the CUDA context; so do we (and fail as it does).
  int Device;
  if (cudaGetDevice(&Device) != cudaSuccess)
    return CUBLAS_STATUS_NOT_INITIALIZED;
  auto *H = new (std::nothrow) cublasContext;
  if (!H)
    return CUBLAS_STATUS_ALLOC_FAILED;
  *Handle = H;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasDestroy_v2(cublasHandle_t Handle) {
  TX_CHECK_HANDLE(Handle);
  // Work already enqueued holds copies of what it needs; it still runs.
  tx::blas::releaseNvidiaHandle(Handle);
  delete Handle;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasGetVersion_v2(cublasHandle_t Handle, int *Version) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Version);
  *Version = CUBLAS_VERSION;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasGetProperty(libraryPropertyType Type, int *Value) {
  TX_REQUIRE(Value);
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

size_t cublasGetCudartVersion(void) { return CUDART_VERSION; }

cublasStatus_t cublasSetWorkspace_v2(cublasHandle_t Handle, void *Workspace,
                                     size_t Bytes) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Workspace || Bytes == 0);
  // The CPU paths keep their own per-worker buffers; the workspace is
  // remembered for cublasLt-style queries only.
  Handle->Workspace = Workspace;
  Handle->WorkspaceBytes = Bytes;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasSetStream_v2(cublasHandle_t Handle, cudaStream_t Stream) {
  TX_CHECK_HANDLE(Handle);
  int Device;
  txLibraryDeviceKind Kind;
  if (txLibraryStreamDevice(Stream, &Device, &Kind) != cudaSuccess)
    return CUBLAS_STATUS_INVALID_VALUE;
  Handle->Stream = Stream;
  // As in cuBLAS, a new stream drops a user workspace.
  Handle->Workspace = nullptr;
  Handle->WorkspaceBytes = 0;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasGetStream_v2(cublasHandle_t Handle, cudaStream_t *Stream) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Stream);
  *Stream = Handle->Stream;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasGetPointerMode_v2(cublasHandle_t Handle,
                                       cublasPointerMode_t *Mode) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Mode);
  *Mode = Handle->PointerMode;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasSetPointerMode_v2(cublasHandle_t Handle,
                                       cublasPointerMode_t Mode) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Mode == CUBLAS_POINTER_MODE_HOST ||
             Mode == CUBLAS_POINTER_MODE_DEVICE);
  Handle->PointerMode = Mode;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasGetAtomicsMode(cublasHandle_t Handle,
                                    cublasAtomicsMode_t *Mode) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Mode);
  *Mode = Handle->Atomics;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasSetAtomicsMode(cublasHandle_t Handle,
                                    cublasAtomicsMode_t Mode) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Mode == CUBLAS_ATOMICS_NOT_ALLOWED ||
             Mode == CUBLAS_ATOMICS_ALLOWED);
  Handle->Atomics = Mode;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasGetMathMode(cublasHandle_t Handle, cublasMath_t *Mode) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Mode);
  *Mode = Handle->Math;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasSetMathMode(cublasHandle_t Handle, cublasMath_t Mode) {
  TX_CHECK_HANDLE(Handle);
  unsigned Base = unsigned(Mode) &
                  ~unsigned(CUBLAS_MATH_DISALLOW_REDUCED_PRECISION_REDUCTION);
  TX_REQUIRE(Base <= CUBLAS_TF32_TENSOR_OP_MATH);
  Handle->Math = Mode;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasGetSmCountTarget(cublasHandle_t Handle, int *Target) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Target);
  *Target = Handle->SmCountTarget;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasSetSmCountTarget(cublasHandle_t Handle, int Target) {
  TX_CHECK_HANDLE(Handle);
  TX_REQUIRE(Target >= 0);
  Handle->SmCountTarget = Target;
  return CUBLAS_STATUS_SUCCESS;
}

//===--- Status names -----------------------------------------------------===//

const char *cublasGetStatusName(cublasStatus_t Status) {
  return blas::statusName(Status);
}

const char *cublasGetStatusString(cublasStatus_t Status) {
  return blas::statusString(Status);
}

//===--- Logging ----------------------------------------------------------===//

namespace {
struct Logger {
  std::mutex Mutex;
  cublasLogCallback Callback = nullptr;
  bool On = false, ToStdOut = false, ToStdErr = false;
};
Logger &logger() {
  static Logger L;
  return L;
}
} // namespace

cublasStatus_t cublasLoggerConfigure(int LogIsOn, int LogToStdOut,
                                     int LogToStdErr, const char *FileName) {
  // Log files are not written: this cuBLAS has no API trace to log yet.
  Logger &L = logger();
  std::lock_guard<std::mutex> Lock(L.Mutex);
  L.On = LogIsOn != 0;
  L.ToStdOut = LogToStdOut != 0;
  L.ToStdErr = LogToStdErr != 0;
  (void)FileName;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasSetLoggerCallback(cublasLogCallback Callback) {
  Logger &L = logger();
  std::lock_guard<std::mutex> Lock(L.Mutex);
  L.Callback = Callback;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasGetLoggerCallback(cublasLogCallback *Callback) {
  TX_REQUIRE(Callback);
  Logger &L = logger();
  std::lock_guard<std::mutex> Lock(L.Mutex);
  *Callback = L.Callback;
  return CUBLAS_STATUS_SUCCESS;
}
