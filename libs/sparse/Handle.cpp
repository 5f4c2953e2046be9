//===- sparse/Handle.cpp - cuSPARSE handles, streams and status names -----===//
//
// Part of Tongxin. The library's management calls: handles, their stream
// and pointer mode, the version, and the names of status codes; and the
// helpers that run a call's work on the handle's stream.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "SparseInternal.h"

#include "LibraryCall.h"
#include "cuda_runtime_api.h"

#include <new>

using namespace tx::sparse;

cusparseStatus_t cusparseCreate(cusparseHandle_t *Handle) {
  if (!Handle)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Handle = new (std::nothrow) cusparseContext();
  return *Handle ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_ALLOC_FAILED;
}

cusparseStatus_t cusparseDestroy(cusparseHandle_t Handle) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  // Work already enqueued refers to the caller's arrays, never the handle.
  releaseNvidiaTwin(Handle);
  delete Handle;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseGetVersion(cusparseHandle_t Handle, int *Version) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Version)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Version = CUSPARSE_VERSION;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseGetProperty(libraryPropertyType Type, int *Value) {
  if (!Value)
    return CUSPARSE_STATUS_INVALID_VALUE;
  switch (Type) {
  case MAJOR_VERSION:
    *Value = CUSPARSE_VER_MAJOR;
    return CUSPARSE_STATUS_SUCCESS;
  case MINOR_VERSION:
    *Value = CUSPARSE_VER_MINOR;
    return CUSPARSE_STATUS_SUCCESS;
  case PATCH_LEVEL:
    *Value = CUSPARSE_VER_PATCH;
    return CUSPARSE_STATUS_SUCCESS;
  }
  return CUSPARSE_STATUS_INVALID_VALUE;
}

const char *cusparseGetErrorName(cusparseStatus_t Status) {
  switch (Status) {
  case CUSPARSE_STATUS_SUCCESS:
    return "CUSPARSE_STATUS_SUCCESS";
  case CUSPARSE_STATUS_NOT_INITIALIZED:
    return "CUSPARSE_STATUS_NOT_INITIALIZED";
  case CUSPARSE_STATUS_ALLOC_FAILED:
    return "CUSPARSE_STATUS_ALLOC_FAILED";
  case CUSPARSE_STATUS_INVALID_VALUE:
    return "CUSPARSE_STATUS_INVALID_VALUE";
  case CUSPARSE_STATUS_ARCH_MISMATCH:
    return "CUSPARSE_STATUS_ARCH_MISMATCH";
  case CUSPARSE_STATUS_MAPPING_ERROR:
    return "CUSPARSE_STATUS_MAPPING_ERROR";
  case CUSPARSE_STATUS_EXECUTION_FAILED:
    return "CUSPARSE_STATUS_EXECUTION_FAILED";
  case CUSPARSE_STATUS_INTERNAL_ERROR:
    return "CUSPARSE_STATUS_INTERNAL_ERROR";
  case CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED:
    return "CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED";
  case CUSPARSE_STATUS_ZERO_PIVOT:
    return "CUSPARSE_STATUS_ZERO_PIVOT";
  case CUSPARSE_STATUS_NOT_SUPPORTED:
    return "CUSPARSE_STATUS_NOT_SUPPORTED";
  case CUSPARSE_STATUS_INSUFFICIENT_RESOURCES:
    return "CUSPARSE_STATUS_INSUFFICIENT_RESOURCES";
  }
  return "CUSPARSE_STATUS_UNKNOWN";
}

const char *cusparseGetErrorString(cusparseStatus_t Status) {
  switch (Status) {
  case CUSPARSE_STATUS_SUCCESS:
    return "success";
  case CUSPARSE_STATUS_NOT_INITIALIZED:
    return "initialization error (the handle is null or not created)";
  case CUSPARSE_STATUS_ALLOC_FAILED:
    return "out of memory";
  case CUSPARSE_STATUS_INVALID_VALUE:
    return "invalid value";
  case CUSPARSE_STATUS_ARCH_MISMATCH:
    return "the device does not support this operation";
  case CUSPARSE_STATUS_MAPPING_ERROR:
    return "the memory is not mapped for the device";
  case CUSPARSE_STATUS_EXECUTION_FAILED:
    return "the work failed to run on the device";
  case CUSPARSE_STATUS_INTERNAL_ERROR:
    return "internal error";
  case CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED:
    return "the matrix type is not supported";
  case CUSPARSE_STATUS_ZERO_PIVOT:
    return "zero pivot";
  case CUSPARSE_STATUS_NOT_SUPPORTED:
    return "operation not supported";
  case CUSPARSE_STATUS_INSUFFICIENT_RESOURCES:
    return "insufficient resources";
  }
  return "unknown error";
}

cusparseStatus_t cusparseSetStream(cusparseHandle_t Handle,
                                   cudaStream_t Stream) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  tx::lib::Placement Where;
  if (tx::lib::placeStream(Stream, &Where) != cudaSuccess)
    return CUSPARSE_STATUS_INVALID_VALUE;
  Handle->Stream = Stream;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseGetStream(cusparseHandle_t Handle,
                                   cudaStream_t *Stream) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Stream)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Stream = Handle->Stream;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseGetPointerMode(cusparseHandle_t Handle,
                                        cusparsePointerMode_t *Mode) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Mode)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Mode = Handle->PointerMode;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSetPointerMode(cusparseHandle_t Handle,
                                        cusparsePointerMode_t Mode) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (Mode != CUSPARSE_POINTER_MODE_HOST &&
      Mode != CUSPARSE_POINTER_MODE_DEVICE)
    return CUSPARSE_STATUS_INVALID_VALUE;
  Handle->PointerMode = Mode;
  return CUSPARSE_STATUS_SUCCESS;
}

//--- Running work ------------------------------------------------------------

namespace tx {
namespace sparse {

cusparseStatus_t launch(cusparseHandle_t Handle,
                        std::function<void(int Device)> Work) {
  lib::Placement Where;
  if (lib::placeStream(Handle->Stream, &Where) != cudaSuccess)
    return CUSPARSE_STATUS_INVALID_VALUE;
  // NVIDIA GPUs forward (Forward.h) before they get here; other
  // backends whose memory the host cannot address have no kernels yet.
  if (Where.Kind != txLibraryDeviceHost)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  int Device = Where.Device;
  cudaError_t Err = lib::enqueue(
      Handle->Stream, [Device, Work = std::move(Work)] { Work(Device); });
  return Err == cudaSuccess ? CUSPARSE_STATUS_SUCCESS
                            : CUSPARSE_STATUS_EXECUTION_FAILED;
}

cusparseStatus_t waitForStream(cusparseHandle_t Handle) {
  return cudaStreamSynchronize(Handle->Stream) == cudaSuccess
             ? CUSPARSE_STATUS_SUCCESS
             : CUSPARSE_STATUS_EXECUTION_FAILED;
}

void parallelFor(int Device, int64_t Count, int64_t MinPerPart,
                 const std::function<void(int64_t, int64_t)> &Body) {
  if (Count <= 0)
    return;
  lib::Partition Parts =
      lib::partitionForWorkers(Device, size_t(Count), size_t(MinPerPart));
  lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t Part) {
    int64_t Begin = int64_t(Parts.begin(Part)), End = int64_t(Parts.end(Part));
    if (Begin < End)
      Body(Begin, End);
  });
}

} // namespace sparse
} // namespace tx
