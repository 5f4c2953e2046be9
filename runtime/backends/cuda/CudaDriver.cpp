//===- cuda/CudaDriver.cpp - The CUDA driver API, loaded at run time ------===//
//
// Part of Tongxin. See CudaDriver.h.
//
//===----------------------------------------------------------------------===//

#include "backends/cuda/CudaDriver.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <mutex>
#include <string>

namespace tx {
namespace cuda {

namespace {
/// One entry point to resolve: its symbol and where it goes.
struct Symbol {
  const char *Name;
  void **Slot;
};
} // namespace

#define TX_SYMBOL(Drv, Fn)                                                     \
  { #Fn, reinterpret_cast < void **>(&(Drv).Fn) }

static Status loadOnce(Driver &D) {
  const char *Path = std::getenv("TONGXIN_CUDA_LIBRARY");
  if (!Path || !*Path)
    Path = "libcuda.so.1";
  void *Library = dlopen(Path, RTLD_NOW | RTLD_LOCAL);
  if (!Library) {
    std::string Text = std::string("no CUDA devices: cannot load ") + Path +
                       " (" + dlerror() + ")";
    return Status(StatusCode::Unsupported, hal::internMessage(Text.c_str()));
  }
  // Never closed: the driver keeps threads and state of its own.
  const Symbol Symbols[] = {
      TX_SYMBOL(D, cuInit),
      TX_SYMBOL(D, cuDriverGetVersion),
      TX_SYMBOL(D, cuGetErrorName),
      TX_SYMBOL(D, cuGetErrorString),
      TX_SYMBOL(D, cuDeviceGetCount),
      TX_SYMBOL(D, cuDeviceGet),
      TX_SYMBOL(D, cuDeviceGetName),
      TX_SYMBOL(D, cuDeviceTotalMem_v2),
      TX_SYMBOL(D, cuDeviceGetAttribute),
      TX_SYMBOL(D, cuDevicePrimaryCtxRetain),
      TX_SYMBOL(D, cuDevicePrimaryCtxRelease_v2),
      TX_SYMBOL(D, cuCtxSetCurrent),
      TX_SYMBOL(D, cuCtxSetLimit),
      TX_SYMBOL(D, cuMemAlloc_v2),
      TX_SYMBOL(D, cuMemAllocManaged),
      TX_SYMBOL(D, cuMemFree_v2),
      TX_SYMBOL(D, cuMemGetInfo_v2),
      TX_SYMBOL(D, cuMemHostRegister_v2),
      TX_SYMBOL(D, cuMemHostGetDevicePointer_v2),
      TX_SYMBOL(D, cuMemcpyHtoD_v2),
      TX_SYMBOL(D, cuMemcpyHtoDAsync_v2),
      TX_SYMBOL(D, cuMemcpyDtoHAsync_v2),
      TX_SYMBOL(D, cuMemcpyDtoDAsync_v2),
      TX_SYMBOL(D, cuMemsetD8Async),
      TX_SYMBOL(D, cuStreamCreate),
      TX_SYMBOL(D, cuStreamDestroy_v2),
      TX_SYMBOL(D, cuStreamSynchronize),
      TX_SYMBOL(D, cuModuleLoadDataEx),
      TX_SYMBOL(D, cuLinkCreate_v2),
      TX_SYMBOL(D, cuLinkAddData_v2),
      TX_SYMBOL(D, cuLinkComplete),
      TX_SYMBOL(D, cuLinkDestroy),
      TX_SYMBOL(D, cuModuleGetFunction),
      TX_SYMBOL(D, cuModuleGetGlobal_v2),
      TX_SYMBOL(D, cuFuncGetAttribute),
      TX_SYMBOL(D, cuFuncSetAttribute),
      TX_SYMBOL(D, cuLaunchKernel),
      TX_SYMBOL(D, cuLaunchCooperativeKernel),
      TX_SYMBOL(D, cuOccupancyMaxActiveBlocksPerMultiprocessor),
  };
  for (const Symbol &S : Symbols) {
    *S.Slot = dlsym(Library, S.Name);
    if (*S.Slot)
      continue;
    std::string Text = std::string("no CUDA devices: ") + Path +
                       " lacks driver entry point " + S.Name +
                       " (driver too old?)";
    return Status(StatusCode::Unsupported, hal::internMessage(Text.c_str()));
  }
  const Symbol Optional[] = {
      TX_SYMBOL(D, cuStreamBeginCapture_v2),
      TX_SYMBOL(D, cuStreamEndCapture),
      TX_SYMBOL(D, cuGraphGetNodes),
      TX_SYMBOL(D, cuGraphInstantiateWithFlags),
      TX_SYMBOL(D, cuGraphLaunch),
      TX_SYMBOL(D, cuGraphExecDestroy),
      TX_SYMBOL(D, cuGraphDestroy),
  };
  for (const Symbol &S : Optional)
    *S.Slot = dlsym(Library, S.Name);
  CUresult Init = D.cuInit(0);
  if (Init != CUDA_SUCCESS) {
    Status St = toStatus(Init, "cuInit", __FILE__, __LINE__);
    std::string Text = std::string("no CUDA devices: ") + St.message();
    return Status(StatusCode::Unsupported, hal::internMessage(Text.c_str()));
  }
  return Status::ok();
}

#undef TX_SYMBOL

static Driver *Loaded = nullptr;

const Driver *loadDriver(Status *Why) {
  static std::once_flag Once;
  static Status Result;
  std::call_once(Once, [] {
    auto *D = new Driver();
    std::memset(D, 0, sizeof(*D));
    Result = loadOnce(*D);
    if (Result.isOk())
      Loaded = D;
    else
      delete D;
  });
  *Why = Result;
  return Loaded;
}

/// The driver's verdict expressed as a runtime status code.
static StatusCode codeOf(CUresult Result) {
  switch (Result) {
  case CUDA_SUCCESS:
    return StatusCode::Ok;
  case CUDA_ERROR_INVALID_VALUE:
    return StatusCode::InvalidArgument;
  case CUDA_ERROR_OUT_OF_MEMORY:
    return StatusCode::OutOfMemory;
  case CUDA_ERROR_NO_DEVICE:
  case CUDA_ERROR_INVALID_DEVICE:
  case CUDA_ERROR_NOT_INITIALIZED:
    return StatusCode::Unsupported;
  case CUDA_ERROR_INVALID_IMAGE:
  case CUDA_ERROR_NO_BINARY_FOR_GPU:
  case CUDA_ERROR_INVALID_PTX:
  case CUDA_ERROR_UNSUPPORTED_PTX_VERSION:
  case CUDA_ERROR_NOT_FOUND:
    return StatusCode::NoKernelImage;
  case CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES:
    return StatusCode::InvalidConfig;
  case CUDA_ERROR_ASSERT:
    return StatusCode::AssertTriggered;
  case CUDA_ERROR_ILLEGAL_ADDRESS:
    return StatusCode::IllegalAddress;
  case CUDA_ERROR_MISALIGNED_ADDRESS:
    return StatusCode::MisalignedAddress;
  case CUDA_ERROR_ILLEGAL_INSTRUCTION:
    return StatusCode::IllegalInstruction;
  case CUDA_ERROR_LAUNCH_TIMEOUT:
  case CUDA_ERROR_HARDWARE_STACK_ERROR:
  case CUDA_ERROR_INVALID_ADDRESS_SPACE:
  case CUDA_ERROR_INVALID_PC:
  case CUDA_ERROR_LAUNCH_FAILED:
    return StatusCode::LaunchFailed;
  default:
    return StatusCode::Internal;
  }
}

Status toStatus(CUresult Result, const char *Call, const char *File, int Line) {
  if (Result == CUDA_SUCCESS)
    return Status::ok();
  const char *Name = nullptr;
  const char *Text = nullptr;
  if (Loaded) {
    if (Loaded->cuGetErrorName(Result, &Name) != CUDA_SUCCESS)
      Name = nullptr;
    if (Loaded->cuGetErrorString(Result, &Text) != CUDA_SUCCESS)
      Text = nullptr;
  }
  char Buffer[512];
  std::snprintf(Buffer, sizeof(Buffer), "%s failed: %s (%d): %s [%s:%d]", Call,
                Name ? Name : "CUDA error", Result,
                Text ? Text : "no description", File, Line);
  return Status(codeOf(Result), hal::internMessage(Buffer));
}

} // namespace cuda
} // namespace tx
