//===- Forward.cpp - cuRAND generators on NVIDIA GPUs are NVIDIA's --------===//
//
// Part of Tongxin. See Forward.h.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "Generator.h"

#include "LibraryCall.h"

#include <cstdio>
#include <mutex>

namespace tx {
namespace rand {

static lib::NvidiaLibrary &nvidiaCurand() {
  // NVIDIA's libcurand.so.10 has our SONAME: it is loaded by its path.
  static lib::NvidiaLibrary Library({"libcurand.so.10", "libcurand.so.11"});
  return Library;
}

template <class Fn> static Fn nvidiaSymbol(const char *Name) {
  return reinterpret_cast<Fn>(nvidiaCurand().symbol(Name));
}

void *CurandForwarding::function(const char *Name) {
  return nvidiaCurand().symbol(Name);
}

bool hasTwin(curandGenerator_t Generator, int *Device) {
  if (!Generator || !Generator->Nvidia)
    return false;
  *Device = Generator->Device;
  return true;
}

curandStatus_t
CurandForwarding::forward(curandGenerator_t Generator, int Device,
                          const std::function<curandStatus_t(void *)> &Call) {
  using SetStreamFn = curandStatus_t (*)(curandGenerator_t, cudaStream_t);
  auto SetStream = nvidiaSymbol<SetStreamFn>("curandSetStream");
  if (!SetStream)
    return CURAND_STATUS_ARCH_MISMATCH;
  auto *Twin = static_cast<curandGenerator_t>(Generator->Nvidia);
  return lib::forwardOnStream<curandStatus_t>(
      Generator->Stream, Device, CURAND_STATUS_ARCH_MISMATCH,
      CURAND_STATUS_LAUNCH_FAILURE, [&](void *Native) {
        if (curandStatus_t S =
                SetStream(Twin, static_cast<cudaStream_t>(Native)))
          return S;
        return Call(Twin);
      });
}

curandStatus_t createTwin(curandGenerator_t Generator, curandRngType_t Type,
                          int Device) {
  using CreateFn = curandStatus_t (*)(curandGenerator_t *, curandRngType_t);
  auto Create = nvidiaSymbol<CreateFn>("curandCreateGenerator");
  if (!Create) {
    static std::once_flag Warned;
    std::call_once(Warned, [] {
      std::fprintf(stderr, "tongxin: cuRAND on an NVIDIA GPU: %s\n",
                   nvidiaCurand().why().c_str());
    });
    // What NVIDIA's cuRAND says for a device it cannot use.
    return CURAND_STATUS_ARCH_MISMATCH;
  }
  curandGenerator_t Twin = nullptr;
  // Created on the device's default stream, with its context current.
  curandStatus_t Status = lib::forwardOnStream<curandStatus_t>(
      nullptr, Device, CURAND_STATUS_ARCH_MISMATCH,
      CURAND_STATUS_INITIALIZATION_FAILED,
      [&](void *) { return Create(&Twin, Type); });
  if (Status == CURAND_STATUS_SUCCESS) {
    Generator->Nvidia = Twin;
    Generator->Device = Device;
  }
  return Status;
}

void releaseTwin(curandGenerator_t Generator) {
  if (!Generator->Nvidia)
    return;
  using DestroyFn = curandStatus_t (*)(curandGenerator_t);
  if (auto Destroy = nvidiaSymbol<DestroyFn>("curandDestroyGenerator"))
    (void)Destroy(static_cast<curandGenerator_t>(Generator->Nvidia));
  Generator->Nvidia = nullptr;
}

} // namespace rand
} // namespace tx
