//===- Forward.cpp - cuSOLVER calls on NVIDIA GPUs go to NVIDIA's ---------===//
//
// Part of Tongxin. See Forward.h.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "Handle.h"

#include "LibraryCall.h"

#include <cstdio>
#include <mutex>

namespace tx {
namespace solver {

static lib::NvidiaLibrary &nvidiaCusolver() {
  // Ours is libcusolver.so.11 (CUDA 12's SONAME); CUDA 13's is .so.12, and
  // needs NVIDIA's cuBLAS 13 and cuSPARSE (whose SONAME is our cuSPARSE's:
  // refused if the program links ours).
  static lib::NvidiaLibrary Library({"libcusolver.so.12", "libcusolver.so.11"},
                                    {"libnvJitLink.so.13", "libcublasLt.so.13",
                                     "libcublas.so.13", "libcusparse.so.12"});
  return Library;
}

template <class Fn> static Fn nvidiaSymbol(const char *Name) {
  return reinterpret_cast<Fn>(nvidiaCusolver().symbol(Name));
}

void *CusolverForwarding::function(const char *Name) {
  if (void *F = nvidiaCusolver().symbol(Name))
    return F;
  static std::once_flag Warned;
  if (!nvidiaCusolver().why().empty())
    std::call_once(Warned, [] {
      std::fprintf(stderr, "tongxin: cuSOLVER on an NVIDIA GPU: %s\n",
                   nvidiaCusolver().why().c_str());
    });
  return nullptr;
}

bool onNvidia(cusolverDnHandle_t Handle, int *Device) {
  lib::Placement Where;
  if (!isLiveHandle(Handle) ||
      lib::placeStream(Handle->Stream, &Where) != cudaSuccess ||
      Where.Kind != txLibraryDeviceCuda)
    return false;
  *Device = Where.Device;
  return true;
}

/// Creates Handle's NVIDIA twin if needed and gives it Handle's settings.
static cusolverStatus_t mirror(cusolverDnHandle_t Handle, void *Stream,
                               cusolverDnHandle_t *Out) {
  using CreateFn = cusolverStatus_t (*)(cusolverDnHandle_t *);
  using SetStreamFn = cusolverStatus_t (*)(cusolverDnHandle_t, cudaStream_t);
  using SetModeFn =
      cusolverStatus_t (*)(cusolverDnHandle_t, cusolverDeterministicMode_t);
  auto Create = nvidiaSymbol<CreateFn>("cusolverDnCreate");
  auto SetStream = nvidiaSymbol<SetStreamFn>("cusolverDnSetStream");
  auto SetMode = nvidiaSymbol<SetModeFn>("cusolverDnSetDeterministicMode");
  if (!Create || !SetStream)
    return CUSOLVER_STATUS_NOT_SUPPORTED;
  if (!Handle->Nvidia) {
    cusolverDnHandle_t Created = nullptr;
    if (cusolverStatus_t S = Create(&Created))
      return S;
    Handle->Nvidia = Created;
  }
  auto *N = static_cast<cusolverDnHandle_t>(Handle->Nvidia);
  cusolverStatus_t S = SetStream(N, static_cast<cudaStream_t>(Stream));
  if (!S && SetMode)
    S = SetMode(N, Handle->Deterministic);
  *Out = N;
  return S;
}

cusolverStatus_t CusolverForwarding::forward(
    cusolverDnHandle_t Handle, int Device,
    const std::function<cusolverStatus_t(void *)> &Call) {
  return lib::forwardOnStream<cusolverStatus_t>(
      Handle->Stream, Device, CUSOLVER_STATUS_NOT_SUPPORTED,
      CUSOLVER_STATUS_EXECUTION_FAILED, [&](void *Stream) {
        cusolverDnHandle_t N = nullptr;
        if (cusolverStatus_t S = mirror(Handle, Stream, &N))
          return S;
        return Call(N);
      });
}

void releaseNvidiaHandle(cusolverDnHandle_t Handle) {
  if (!Handle->Nvidia)
    return;
  using DestroyFn = cusolverStatus_t (*)(cusolverDnHandle_t);
  if (auto Destroy = nvidiaSymbol<DestroyFn>("cusolverDnDestroy"))
    (void)Destroy(static_cast<cusolverDnHandle_t>(Handle->Nvidia));
  Handle->Nvidia = nullptr;
}

} // namespace solver
} // namespace tx
