//===- Forward.cpp - cuFFT plans on NVIDIA GPUs are NVIDIA's cuFFT plans --===//
//
// Part of Tongxin. See Forward.h.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "PlanRegistry.h"

#include "LibraryCall.h"
#include "NvidiaLibrary.h"

#include <cuda_runtime_api.h>

#include <cstdio>

namespace tx {
namespace fft {

static lib::NvidiaLibrary &nvidiaCufft() {
  // Ours is libcufft.so.11 (CUDA 12's SONAME): CUDA 13's is .so.12.
  static lib::NvidiaLibrary Library({"libcufft.so.13", "libcufft.so.12"});
  return Library;
}

template <class Fn> static Fn nvidiaSymbol(const char *Name) {
  return reinterpret_cast<Fn>(nvidiaCufft().symbol(Name));
}

void *nvidiaFunction(const char *Name) {
  if (void *F = nvidiaCufft().symbol(Name))
    return F;
  static std::once_flag Warned;
  if (!nvidiaCufft().why().empty())
    std::call_once(Warned, [] {
      std::fprintf(stderr, "tongxin: cuFFT on an NVIDIA GPU: %s\n",
                   nvidiaCufft().why().c_str());
    });
  return nullptr;
}

bool currentDeviceIsNvidia(int *Device) {
  lib::Placement Where;
  // The legacy default stream belongs to the current device.
  if (lib::placeStream(nullptr, &Where) != cudaSuccess ||
      Where.Kind != txLibraryDeviceCuda)
    return false;
  *Device = Where.Device;
  return true;
}

bool hasNvidiaTwin(cufftHandle Plan) {
  std::lock_guard<std::mutex> Guard(registryLock());
  PlanState *State = findPlan(Plan);
  return State && State->Nvidia >= 0;
}

static cufftResult runOn(cudaStream_t Stream, int Device,
                         const std::function<cufftResult(void *)> &Call) {
  return lib::forwardOnStream<cufftResult>(Stream, Device, CUFFT_NOT_SUPPORTED,
                                           CUFFT_EXEC_FAILED, Call);
}

cufftResult makeTwin(cufftHandle Plan, int Device,
                     const std::function<cufftResult(cufftHandle)> &Make) {
  bool AutoAllocate = true;
  cufftResult Found = withPlan(Plan, [&](PlanState &State) {
    if (State.Exec || State.Nvidia >= 0)
      return CUFFT_INVALID_PLAN; // a handle holds one plan
    AutoAllocate = State.AutoAllocate;
    return CUFFT_SUCCESS;
  });
  if (Found != CUFFT_SUCCESS)
    return Found;
  using CreateFn = cufftResult (*)(cufftHandle *);
  using DestroyFn = cufftResult (*)(cufftHandle);
  using AutoFn = cufftResult (*)(cufftHandle, int);
  auto Create = nvidiaSymbol<CreateFn>("cufftCreate");
  auto Destroy = nvidiaSymbol<DestroyFn>("cufftDestroy");
  auto SetAuto = nvidiaSymbol<AutoFn>("cufftSetAutoAllocation");
  if (!Create || !Destroy || !SetAuto)
    return CUFFT_NOT_SUPPORTED;
  cufftHandle Twin = -1;
  // Made on the current device's default stream, where its context is
  // current: NVIDIA's cuFFT allocates its work area there.
  cufftResult Status = runOn(nullptr, Device, [&](void *) {
    if (cufftResult S = Create(&Twin))
      return S;
    cufftResult S = AutoAllocate ? CUFFT_SUCCESS : SetAuto(Twin, 0);
    if (S == CUFFT_SUCCESS)
      S = Make(Twin);
    if (S != CUFFT_SUCCESS) {
      Destroy(Twin);
      Twin = -1;
    }
    return S;
  });
  if (Status != CUFFT_SUCCESS || Twin < 0)
    return Status;
  cufftResult Kept = withPlan(Plan, [&](PlanState &State) {
    State.Nvidia = Twin;
    State.Device = Device;
    return CUFFT_SUCCESS;
  });
  if (Kept != CUFFT_SUCCESS) // Destroyed meanwhile.
    releaseTwin(Twin, Device);
  return Kept;
}

cufftResult callTwin(cufftHandle Plan,
                     const std::function<cufftResult(cufftHandle)> &Call) {
  cufftHandle Twin = -1;
  int Device = 0;
  cudaStream_t Stream = nullptr;
  cufftResult Found = withPlan(Plan, [&](PlanState &State) {
    Twin = State.Nvidia;
    Device = State.Device;
    Stream = State.Stream;
    return Twin >= 0 ? CUFFT_SUCCESS : CUFFT_INVALID_PLAN;
  });
  if (Found != CUFFT_SUCCESS)
    return Found;
  using SetStreamFn = cufftResult (*)(cufftHandle, cudaStream_t);
  auto SetStream = nvidiaSymbol<SetStreamFn>("cufftSetStream");
  if (!SetStream)
    return CUFFT_NOT_SUPPORTED;
  return runOn(Stream, Device, [&](void *Native) {
    if (cufftResult S = SetStream(Twin, static_cast<cudaStream_t>(Native)))
      return S;
    return Call(Twin);
  });
}

void releaseTwin(cufftHandle Twin, int Device) {
  using DestroyFn = cufftResult (*)(cufftHandle);
  auto Destroy = nvidiaSymbol<DestroyFn>("cufftDestroy");
  if (!Destroy)
    return;
  // On the device's default stream if it is current; else directly.
  int Current = -1;
  if (cudaGetDevice(&Current) == cudaSuccess && Current == Device &&
      runOn(nullptr, Device, [&](void *) { return Destroy(Twin); }) ==
          CUFFT_SUCCESS)
    return;
  (void)Destroy(Twin);
}

} // namespace fft
} // namespace tx
