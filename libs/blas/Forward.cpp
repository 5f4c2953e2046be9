//===- Forward.cpp - cuBLAS calls on NVIDIA GPUs go to NVIDIA's cuBLAS ----===//
//
// Part of Tongxin. See Forward.h.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "Handle.h"

#include "NvidiaLibrary.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace tx {
namespace blas {

static lib::NvidiaLibrary &nvidiaCublas() {
  // CUDA 12's cuBLAS (libcublas.so.12, our SONAME) needs a libcublasLt.so.12,
  // which is ours when the program links cuBLASLt: it is refused then.
  static lib::NvidiaLibrary Library(
      {"libcublas.so.14", "libcublas.so.13", "libcublas.so.12"},
      {"libcublasLt.so.14", "libcublasLt.so.13"});
  return Library;
}

bool onNvidia(cublasHandle_t H, int *Device) {
  lib::Placement Where;
  if (!H || lib::placeStream(H->Stream, &Where) != cudaSuccess ||
      Where.Kind != txLibraryDeviceCuda)
    return false;
  *Device = Where.Device;
  return true;
}

void *CublasForwarding::function(const char *Name) {
  lib::NvidiaLibrary &Library = nvidiaCublas();
  if (void *V2 = Library.symbol((std::string(Name) + "_v2").c_str()))
    return V2;
  if (void *F = Library.symbol(Name))
    return F;
  static std::once_flag Warned;
  if (!Library.why().empty())
    std::call_once(Warned, [&] {
      std::fprintf(stderr, "tongxin: cuBLAS on an NVIDIA GPU: %s\n",
                   Library.why().c_str());
    });
  return nullptr;
}

template <class Fn> static Fn nvidiaSymbol(const char *Name) {
  return reinterpret_cast<Fn>(nvidiaCublas().symbol(Name));
}

/// Creates H's NVIDIA handle if needed and gives it H's settings.
static cublasStatus_t mirror(cublasHandle_t H, void *Stream,
                             cublasHandle_t *Out) {
  using CreateFn = cublasStatus_t (*)(cublasHandle_t *);
  using SetStreamFn = cublasStatus_t (*)(cublasHandle_t, cudaStream_t);
  using SetPointerModeFn =
      cublasStatus_t (*)(cublasHandle_t, cublasPointerMode_t);
  using SetMathModeFn = cublasStatus_t (*)(cublasHandle_t, cublasMath_t);
  using SetAtomicsFn = cublasStatus_t (*)(cublasHandle_t, cublasAtomicsMode_t);
  using SetWorkspaceFn = cublasStatus_t (*)(cublasHandle_t, void *, size_t);
  auto Create = nvidiaSymbol<CreateFn>("cublasCreate_v2");
  auto SetStream = nvidiaSymbol<SetStreamFn>("cublasSetStream_v2");
  auto SetPointerMode =
      nvidiaSymbol<SetPointerModeFn>("cublasSetPointerMode_v2");
  auto SetMathMode = nvidiaSymbol<SetMathModeFn>("cublasSetMathMode");
  auto SetAtomics = nvidiaSymbol<SetAtomicsFn>("cublasSetAtomicsMode");
  auto SetWorkspace = nvidiaSymbol<SetWorkspaceFn>("cublasSetWorkspace_v2");
  if (!Create || !SetStream || !SetPointerMode || !SetMathMode || !SetAtomics ||
      !SetWorkspace)
    return CUBLAS_STATUS_NOT_SUPPORTED;
  if (!H->Nvidia) {
    cublasHandle_t Created = nullptr;
    if (cublasStatus_t S = Create(&Created))
      return S;
    H->Nvidia = Created;
  }
  auto *N = static_cast<cublasHandle_t>(H->Nvidia);
  // Setting the stream resets NVIDIA's workspace: the workspace follows.
  cublasStatus_t S = SetStream(N, static_cast<cudaStream_t>(Stream));
  if (!S)
    S = SetPointerMode(N, H->PointerMode);
  if (!S)
    S = SetMathMode(N, H->Math);
  if (!S)
    S = SetAtomics(N, H->Atomics);
  if (!S && H->Workspace)
    S = SetWorkspace(N, H->Workspace, H->WorkspaceBytes);
  *Out = N;
  return S;
}

cublasStatus_t
CublasForwarding::forward(cublasHandle_t H, int Device,
                          const std::function<cublasStatus_t(void *)> &Call) {
  return lib::forwardOnStream<cublasStatus_t>(
      H->Stream, Device, CUBLAS_STATUS_NOT_SUPPORTED,
      CUBLAS_STATUS_EXECUTION_FAILED, [&](void *Stream) {
        cublasHandle_t N = nullptr;
        if (cublasStatus_t S = mirror(H, Stream, &N))
          return S;
        return Call(N);
      });
}

void releaseNvidiaHandle(cublasHandle_t H) {
  if (!H->Nvidia)
    return;
  using DestroyFn = cublasStatus_t (*)(cublasHandle_t);
  if (auto Destroy = nvidiaSymbol<DestroyFn>("cublasDestroy_v2"))
    (void)Destroy(static_cast<cublasHandle_t>(H->Nvidia));
  H->Nvidia = nullptr;
}

} // namespace blas
} // namespace tx
