//===- api/Error.cpp - Error codes, names and messages --------------------===//
//
// Part of Tongxin. cudaGetLastError & co, the Status -> cudaError_t mapping
// and the text of every error code.
//
//===----------------------------------------------------------------------===//

#include "api/Common.h"

using namespace tx;

static thread_local cudaError_t LastError = cudaSuccess;

cudaError_t api::toCuda(StatusCode Code) {
  switch (Code) {
  case StatusCode::Ok:
    return cudaSuccess;
  case StatusCode::InvalidArgument:
    return cudaErrorInvalidValue;
  case StatusCode::OutOfMemory:
    return cudaErrorMemoryAllocation;
  case StatusCode::Unsupported:
    return cudaErrorNotSupported;
  case StatusCode::InvalidConfig:
    return cudaErrorInvalidConfiguration;
  case StatusCode::NoKernelImage:
    return cudaErrorNoKernelImageForDevice;
  case StatusCode::AssertTriggered:
    return cudaErrorAssert;
  case StatusCode::LaunchFailed:
    return cudaErrorLaunchFailure;
  case StatusCode::Internal:
    return cudaErrorUnknown;
  case StatusCode::IllegalAddress:
    return cudaErrorIllegalAddress;
  case StatusCode::MisalignedAddress:
    return cudaErrorMisalignedAddress;
  case StatusCode::IllegalInstruction:
    return cudaErrorIllegalInstruction;
  }
  return cudaErrorUnknown;
}

cudaError_t api::report(cudaError_t Err) {
  if (Err != cudaSuccess)
    LastError = Err;
  return Err;
}

void api::clearLastError() { LastError = cudaSuccess; }

//===--- Names and messages -----------------------------------------------===//

namespace {
struct ErrorText {
  cudaError_t Code;
  const char *Name;
  const char *Message;
};
} // namespace

#define TX_ERROR(Name, Message)                                                \
  { Name, #Name, Message }

static const ErrorText ErrorTable[] = {
    TX_ERROR(cudaSuccess, "no error"),
    TX_ERROR(cudaErrorInvalidValue, "invalid argument"),
    TX_ERROR(cudaErrorMemoryAllocation, "out of memory"),
    TX_ERROR(cudaErrorInitializationError, "initialization error"),
    TX_ERROR(cudaErrorCudartUnloading, "driver shutting down"),
    TX_ERROR(cudaErrorProfilerDisabled,
             "profiler disabled while using external profiling tool"),
    TX_ERROR(cudaErrorProfilerNotInitialized,
             "profiler not initialized: call cudaProfilerInitialize()"),
    TX_ERROR(cudaErrorProfilerAlreadyStarted, "profiler already started"),
    TX_ERROR(cudaErrorProfilerAlreadyStopped, "profiler already stopped"),
    TX_ERROR(cudaErrorInvalidConfiguration, "invalid configuration argument"),
    TX_ERROR(cudaErrorInvalidPitchValue, "invalid pitch argument"),
    TX_ERROR(cudaErrorInvalidSymbol, "invalid device symbol"),
    TX_ERROR(cudaErrorInvalidHostPointer, "invalid host pointer"),
    TX_ERROR(cudaErrorInvalidDevicePointer, "invalid device pointer"),
    TX_ERROR(cudaErrorInvalidTexture, "invalid texture reference"),
    TX_ERROR(cudaErrorInvalidTextureBinding,
             "texture is not bound to a pointer"),
    TX_ERROR(cudaErrorInvalidChannelDescriptor, "invalid channel descriptor"),
    TX_ERROR(cudaErrorInvalidMemcpyDirection,
             "invalid copy direction for memcpy"),
    TX_ERROR(cudaErrorAddressOfConstant, "invalid address of constant"),
    TX_ERROR(cudaErrorTextureFetchFailed, "fetch from texture failed"),
    TX_ERROR(cudaErrorTextureNotBound,
             "cannot fetch from a texture that is not bound"),
    TX_ERROR(cudaErrorSynchronizationError, "incorrect use of __syncthreads()"),
    TX_ERROR(cudaErrorInvalidFilterSetting,
             "linear filtering not supported for non-float type"),
    TX_ERROR(cudaErrorInvalidNormSetting,
             "read as normalized float not supported for 32-bit non float "
             "type"),
    TX_ERROR(cudaErrorMixedDeviceExecution,
             "device emulation mode and device execution mode cannot be "
             "mixed"),
    TX_ERROR(cudaErrorNotYetImplemented, "feature not yet implemented"),
    TX_ERROR(cudaErrorMemoryValueTooLarge,
             "memory size or pointer value too large to fit in 32 bit"),
    TX_ERROR(cudaErrorStubLibrary, "CUDA driver is a stub library"),
    TX_ERROR(cudaErrorInsufficientDriver,
             "CUDA driver version is insufficient for CUDA runtime version"),
    TX_ERROR(cudaErrorCallRequiresNewerDriver,
             "API call is not supported in the installed CUDA driver"),
    TX_ERROR(cudaErrorInvalidSurface, "invalid surface reference"),
    TX_ERROR(cudaErrorDuplicateVariableName,
             "duplicate global variable looked up by string name"),
    TX_ERROR(cudaErrorDuplicateTextureName,
             "duplicate texture looked up by string name"),
    TX_ERROR(cudaErrorDuplicateSurfaceName,
             "duplicate surface looked up by string name"),
    TX_ERROR(cudaErrorDevicesUnavailable,
             "CUDA-capable device(s) is/are busy or unavailable"),
    TX_ERROR(cudaErrorIncompatibleDriverContext, "incompatible driver context"),
    TX_ERROR(cudaErrorMissingConfiguration,
             "__global__ function call is not configured"),
    TX_ERROR(cudaErrorPriorLaunchFailure,
             "unspecified launch failure in prior launch"),
    TX_ERROR(cudaErrorLaunchMaxDepthExceeded,
             "launch would exceed maximum depth of nested launches"),
    TX_ERROR(cudaErrorLaunchFileScopedTex,
             "launch failed because kernel uses unsupported, file-scoped "
             "textures (texture objects are supported)"),
    TX_ERROR(cudaErrorLaunchFileScopedSurf,
             "launch failed because kernel uses unsupported, file-scoped "
             "surfaces (surface objects are supported)"),
    TX_ERROR(cudaErrorSyncDepthExceeded,
             "cudaDeviceSynchronize failed because caller's grid depth "
             "exceeds cudaLimitDevRuntimeSyncDepth"),
    TX_ERROR(cudaErrorLaunchPendingCountExceeded,
             "launch failed because launch would exceed "
             "cudaLimitDevRuntimePendingLaunchCount"),
    TX_ERROR(cudaErrorInvalidDeviceFunction, "invalid device function"),
    TX_ERROR(cudaErrorNoDevice, "no CUDA-capable device is detected"),
    TX_ERROR(cudaErrorInvalidDevice, "invalid device ordinal"),
    TX_ERROR(cudaErrorDeviceNotLicensed,
             "device doesn't have valid Grid license"),
    TX_ERROR(cudaErrorSoftwareValidityNotEstablished,
             "integrity checks failed"),
    TX_ERROR(cudaErrorStartupFailure, "startup failure in cuda runtime"),
    TX_ERROR(cudaErrorInvalidKernelImage, "device kernel image is invalid"),
    TX_ERROR(cudaErrorDeviceUninitialized, "invalid device context"),
    TX_ERROR(cudaErrorMapBufferObjectFailed, "mapping of buffer object failed"),
    TX_ERROR(cudaErrorUnmapBufferObjectFailed,
             "unmapping of buffer object failed"),
    TX_ERROR(cudaErrorArrayIsMapped, "array is mapped"),
    TX_ERROR(cudaErrorAlreadyMapped, "resource already mapped"),
    TX_ERROR(cudaErrorNoKernelImageForDevice,
             "no kernel image is available for execution on the device"),
    TX_ERROR(cudaErrorAlreadyAcquired, "resource already acquired"),
    TX_ERROR(cudaErrorNotMapped, "resource not mapped"),
    TX_ERROR(cudaErrorNotMappedAsArray, "resource not mapped as array"),
    TX_ERROR(cudaErrorNotMappedAsPointer, "resource not mapped as pointer"),
    TX_ERROR(cudaErrorECCUncorrectable, "uncorrectable ECC error encountered"),
    TX_ERROR(cudaErrorUnsupportedLimit,
             "limit is not supported on this architecture"),
    TX_ERROR(cudaErrorDeviceAlreadyInUse,
             "exclusive-thread device already in use by a different thread"),
    TX_ERROR(cudaErrorPeerAccessUnsupported,
             "peer access is not supported between these two devices"),
    TX_ERROR(cudaErrorInvalidPtx, "a PTX JIT compilation failed"),
    TX_ERROR(cudaErrorInvalidGraphicsContext,
             "invalid OpenGL or DirectX context"),
    TX_ERROR(cudaErrorNvlinkUncorrectable,
             "uncorrectable NVLink error detected during the execution"),
    TX_ERROR(cudaErrorJitCompilerNotFound,
             "PTX JIT compiler library not found"),
    TX_ERROR(cudaErrorUnsupportedPtxVersion,
             "the provided PTX was compiled with an unsupported toolchain."),
    TX_ERROR(cudaErrorJitCompilationDisabled,
             "PTX JIT compilation was disabled"),
    TX_ERROR(cudaErrorUnsupportedExecAffinity,
             "the provided execution affinity is not supported"),
    TX_ERROR(cudaErrorUnsupportedDevSideSync,
             "cudaDeviceSynchronize is not supported in device code for "
             "this target"),
    TX_ERROR(cudaErrorContained,
             "an exception occurred on the device that is now contained by "
             "the GPU's error containment capability"),
    TX_ERROR(cudaErrorInvalidSource, "device kernel image is invalid"),
    TX_ERROR(cudaErrorFileNotFound, "file not found"),
    TX_ERROR(cudaErrorSharedObjectSymbolNotFound,
             "shared object symbol not found"),
    TX_ERROR(cudaErrorSharedObjectInitFailed,
             "shared object initialization failed"),
    TX_ERROR(cudaErrorOperatingSystem,
             "OS call failed or operation not supported on this OS"),
    TX_ERROR(cudaErrorInvalidResourceHandle, "invalid resource handle"),
    TX_ERROR(cudaErrorIllegalState,
             "the operation cannot be performed in the present state"),
    TX_ERROR(cudaErrorLossyQuery,
             "attempted introspection would be semantically lossy"),
    TX_ERROR(cudaErrorSymbolNotFound, "named symbol not found"),
    TX_ERROR(cudaErrorNotReady, "device not ready"),
    TX_ERROR(cudaErrorIllegalAddress,
             "an illegal memory access was encountered"),
    TX_ERROR(cudaErrorLaunchOutOfResources,
             "too many resources requested for launch"),
    TX_ERROR(cudaErrorLaunchTimeout, "the launch timed out and was terminated"),
    TX_ERROR(cudaErrorLaunchIncompatibleTexturing,
             "launch uses incompatible texturing mode"),
    TX_ERROR(cudaErrorPeerAccessAlreadyEnabled,
             "peer access is already enabled"),
    TX_ERROR(cudaErrorPeerAccessNotEnabled, "peer access has not been enabled"),
    TX_ERROR(cudaErrorSetOnActiveProcess,
             "cannot set while device is active in this process"),
    TX_ERROR(cudaErrorContextIsDestroyed, "context is destroyed"),
    TX_ERROR(cudaErrorAssert, "device-side assert triggered"),
    TX_ERROR(cudaErrorTooManyPeers, "peer mapping resources exhausted"),
    TX_ERROR(cudaErrorHostMemoryAlreadyRegistered,
             "part or all of the requested memory range is already mapped"),
    TX_ERROR(cudaErrorHostMemoryNotRegistered,
             "pointer does not correspond to a registered memory region"),
    TX_ERROR(cudaErrorHardwareStackError, "hardware stack error"),
    TX_ERROR(cudaErrorIllegalInstruction,
             "an illegal instruction was encountered"),
    TX_ERROR(cudaErrorMisalignedAddress, "misaligned address"),
    TX_ERROR(cudaErrorInvalidAddressSpace,
             "operation not supported on global/shared address space"),
    TX_ERROR(cudaErrorInvalidPc, "invalid program counter"),
    TX_ERROR(cudaErrorLaunchFailure, "unspecified launch failure"),
    TX_ERROR(cudaErrorCooperativeLaunchTooLarge,
             "too many blocks in cooperative launch"),
    TX_ERROR(cudaErrorTensorMemoryLeak,
             "tensor memory was not freed before the kernel exited"),
    TX_ERROR(cudaErrorNotPermitted, "operation not permitted"),
    TX_ERROR(cudaErrorNotSupported, "operation not supported"),
    TX_ERROR(cudaErrorSystemNotReady, "system not yet initialized"),
    TX_ERROR(cudaErrorSystemDriverMismatch,
             "system has unsupported display driver / cuda driver "
             "combination"),
    TX_ERROR(cudaErrorCompatNotSupportedOnDevice,
             "forward compatibility was attempted on non supported HW"),
    TX_ERROR(cudaErrorMpsConnectionFailed,
             "MPS client failed to connect to the MPS control daemon or the "
             "MPS server"),
    TX_ERROR(cudaErrorMpsRpcFailure,
             "the remote procedural call between the MPS server and the MPS "
             "client failed"),
    TX_ERROR(cudaErrorMpsServerNotReady,
             "MPS server is not ready to accept new MPS client requests"),
    TX_ERROR(cudaErrorMpsMaxClientsReached,
             "the hardware resources required to create MPS client have "
             "been exhausted"),
    TX_ERROR(cudaErrorMpsMaxConnectionsReached,
             "the hardware resources required to support device connections "
             "have been exhausted"),
    TX_ERROR(cudaErrorMpsClientTerminated,
             "the MPS client has been terminated by the server"),
    TX_ERROR(cudaErrorCdpNotSupported,
             "the module is using CUDA Dynamic Parallelism, but the current "
             "configuration does not support it"),
    TX_ERROR(cudaErrorCdpVersionMismatch,
             "CUDA Dynamic Parallelism is not supported between the "
             "application and the device runtime"),
    TX_ERROR(cudaErrorStreamCaptureUnsupported,
             "operation not permitted when stream is capturing"),
    TX_ERROR(cudaErrorStreamCaptureInvalidated,
             "operation failed due to a previous error during capture"),
    TX_ERROR(cudaErrorStreamCaptureMerge,
             "operation would result in a merge of separate capture "
             "sequences"),
    TX_ERROR(cudaErrorStreamCaptureUnmatched,
             "capture was not ended in the same stream as it began"),
    TX_ERROR(cudaErrorStreamCaptureUnjoined,
             "capturing stream has unjoined work"),
    TX_ERROR(cudaErrorStreamCaptureIsolation,
             "dependency created on uncaptured work in another stream"),
    TX_ERROR(cudaErrorStreamCaptureImplicit,
             "operation would make the legacy stream depend on a capturing "
             "blocking stream"),
    TX_ERROR(cudaErrorCapturedEvent,
             "operation not permitted on an event last recorded in a "
             "capturing stream"),
    TX_ERROR(cudaErrorStreamCaptureWrongThread,
             "attempt to terminate a thread-local capture sequence from "
             "another thread"),
    TX_ERROR(cudaErrorTimeout, "wait operation timed out"),
    TX_ERROR(cudaErrorGraphExecUpdateFailure,
             "the graph update was not performed because it included "
             "changes which violated constraints specific to instantiated "
             "graph update"),
    TX_ERROR(cudaErrorExternalDevice,
             "an async error has occurred in external entity outside of "
             "CUDA"),
    TX_ERROR(cudaErrorInvalidClusterSize,
             "a kernel launch error has occurred due to cluster "
             "misconfiguration"),
    TX_ERROR(cudaErrorFunctionNotLoaded, "the function handle is not loaded"),
    TX_ERROR(cudaErrorInvalidResourceType,
             "the resource type is invalid for this operation"),
    TX_ERROR(cudaErrorInvalidResourceConfiguration,
             "the resource configuration is invalid"),
    TX_ERROR(cudaErrorUnknown, "unknown error"),
    TX_ERROR(cudaErrorApiFailureBase, "api failure base"),
};

#undef TX_ERROR

static const ErrorText *findError(cudaError_t Code) {
  for (const ErrorText &E : ErrorTable)
    if (E.Code == Code)
      return &E;
  return nullptr;
}

//===--- Entry points -----------------------------------------------------===//

cudaError_t cudaGetLastError(void) {
  // Sticky errors are reported and stay; other errors are reset.
  cudaError_t Sticky = api::stickyError();
  cudaError_t Err = LastError;
  LastError = cudaSuccess;
  return Err != cudaSuccess ? Err : Sticky;
}

cudaError_t cudaPeekAtLastError(void) {
  return LastError != cudaSuccess ? LastError : api::stickyError();
}

const char *cudaGetErrorString(cudaError_t Error) {
  const ErrorText *E = findError(Error);
  return E ? E->Message : "unrecognized error code";
}

const char *cudaGetErrorName(cudaError_t Error) {
  const ErrorText *E = findError(Error);
  return E ? E->Name : "cudaErrorUnknown";
}
