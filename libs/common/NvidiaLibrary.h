//===- common/NvidiaLibrary.h - NVIDIA's own libraries on NVIDIA GPUs -*- C++
//-*-===//
//
// Part of Tongxin. On a stream of an NVIDIA GPU a CUDA library forwards its
// calls to NVIDIA's own build of the library, loaded with dlopen when first
// needed, from $TONGXIN_NVIDIA_LIBRARY_PATH, the CUDA toolkit or the
// loader's path. The loader shares libraries by SONAME: NVIDIA's library is
// loaded by path when its SONAME is ours (cuRAND, cuSPARSE), and refused
// when it would bind to one of ours (CUDA 12's cuBLAS needs a
// libcublasLt.so.12, which is ours once a program links our cuBLASLt). Its
// calls run as work on the stream (runNative), on the stream's CUstream, after
// the stream's earlier work; the caller waits for them, so host scalars and
// results by pointer behave as in a direct call. On a stream being
// captured, NVIDIA's driver captures the calls into the user's graph.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_COMMON_NVIDIALIBRARY_H
#define TONGXIN_LIBS_COMMON_NVIDIALIBRARY_H

#include "cuda_runtime_api.h"

#include <functional>
#include <mutex>
#include <string>
#include <vector>

/// 1 in builds with AddressSanitizer (GCC's macro, or clang's feature).
#if defined(__SANITIZE_ADDRESS__)
#define TX_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TX_ADDRESS_SANITIZER 1
#endif
#endif
#ifndef TX_ADDRESS_SANITIZER
#define TX_ADDRESS_SANITIZER 0
#endif

namespace tx {
namespace lib {

class NvidiaLibrary {
public:
  /// Sonames: NVIDIA's names for the library, newest first. Preload: the
  /// NVIDIA libraries it needs, loaded first from the same directory so
  /// that the loader finds them there. A candidate that is, or would use,
  /// one of Tongxin's own libraries (same SONAME) is refused.
  explicit NvidiaLibrary(std::vector<std::string> Sonames,
                         std::vector<std::string> Preload = {});

  /// NVIDIA's function Name, or null if the library or the function is
  /// missing.
  void *symbol(const char *Name);
  /// Why the library is not available; empty once it is loaded.
  const std::string &why();

private:
  void load();

  std::vector<std::string> Sonames, Preload;
  std::once_flag Once;
  void *Handle = nullptr;
  std::string Why;
};

/// Runs Call(NativeStream) as work on Stream (of NVIDIA GPU Device) after
/// the stream's earlier work, and returns when Call and the GPU work it
/// queued on NativeStream have finished, with Call's result in *Result.
/// While Stream is being captured, Call runs at once on a CUstream that
/// NVIDIA's driver captures, as the library would on a GPU: the GPU work
/// it queued joins the graph being captured (a host node replays NVIDIA's
/// graph of it on each launch). cudaErrorStreamCaptureUnsupported where
/// the device or driver has no native capture.
cudaError_t runNative(cudaStream_t Stream, int Device,
                      const std::function<int(void *NativeStream)> &Call,
                      int *Result);

/// runNative for a library call: Call's result is the library's status;
/// a capture the device cannot take gives NotSupported, a failure of the
/// stream Failed.
template <class StatusT>
StatusT
forwardOnStream(cudaStream_t Stream, int Device, StatusT NotSupported,
                StatusT Failed,
                const std::function<StatusT(void *NativeStream)> &Call) {
  int Result = 0;
  cudaError_t Err = runNative(
      Stream, Device, [&](void *Native) -> int { return Call(Native); },
      &Result);
  if (Err == cudaErrorStreamCaptureUnsupported)
    return NotSupported;
  if (Err != cudaSuccess)
    return Failed;
  return static_cast<StatusT>(Result);
}

/// Forwards an entry point whose first parameter is the library's handle:
/// Lib::function(Name) is NVIDIA's function of the same type, and
/// Lib::forward(Handle, Device, Call) runs Call with NVIDIA's twin of the
/// handle; Lib::NotSupported where NVIDIA's function is missing.
template <class Fn> struct HandleForwarder;
template <class R, class HandleT, class... Args>
struct HandleForwarder<R (*)(HandleT, Args...)> {
  template <class Lib>
  static R call(const char *Name, HandleT Handle, int Device, Args... A) {
    auto *F = reinterpret_cast<R (*)(HandleT, Args...)>(Lib::function(Name));
    if (!F)
      return Lib::NotSupported;
    return Lib::forward(Handle, Device, [&](void *Twin) {
      return F(static_cast<HandleT>(Twin), A...);
    });
  }
};

} // namespace lib
} // namespace tx

#endif // TONGXIN_LIBS_COMMON_NVIDIALIBRARY_H
