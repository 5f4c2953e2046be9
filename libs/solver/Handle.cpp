//===- solver/Handle.cpp - cuSOLVER handles, streams and versions ---------===//
//
// Part of Tongxin. cusolverDnCreate/Destroy/SetStream/GetStream, the version
// queries, and SolverCall (see Handle.h).
//
//===----------------------------------------------------------------------===//

#include "Handle.h"

#include "LibraryCall.h"

#include <mutex>
#include <new>
#include <unordered_set>

using namespace tx::solver;

namespace {
/// The handles alive now, so that a destroyed or made-up handle is refused
/// with NOT_INITIALIZED instead of being dereferenced.
class HandleRegistry {
public:
  void add(cusolverDnHandle_t Handle) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Live.insert(Handle);
  }
  bool remove(cusolverDnHandle_t Handle) {
    std::lock_guard<std::mutex> Lock(Mutex);
    return Live.erase(Handle) != 0;
  }
  bool contains(cusolverDnHandle_t Handle) {
    std::lock_guard<std::mutex> Lock(Mutex);
    return Live.count(Handle) != 0;
  }

private:
  std::mutex Mutex;
  std::unordered_set<cusolverDnHandle_t> Live;
};

HandleRegistry &registry() {
  static HandleRegistry *Registry = new HandleRegistry; // Never destroyed:
  return *Registry; // handles may be destroyed from static destructors.
}
} // namespace

namespace tx {
namespace solver {

bool isLiveHandle(cusolverDnHandle_t Handle) {
  return Handle && registry().contains(Handle);
}

cusolverStatus_t checkHandle(cusolverDnHandle_t Handle) {
  return isLiveHandle(Handle) ? CUSOLVER_STATUS_SUCCESS
                              : CUSOLVER_STATUS_NOT_INITIALIZED;
}

SolverCall::SolverCall(cusolverDnHandle_t Handle, int *Info) : Info(Info) {
  if (!isLiveHandle(Handle)) {
    Status = CUSOLVER_STATUS_NOT_INITIALIZED;
    return;
  }
  Stream = Handle->Stream;
  lib::Placement Where;
  if (lib::placeStream(Stream, &Where) != cudaSuccess) {
    Status = CUSOLVER_STATUS_EXECUTION_FAILED;
    return;
  }
  // Other devices get their vendor's library later; never touch their
  // memory from the host.
  if (Where.Kind != txLibraryDeviceHost)
    Status = CUSOLVER_STATUS_NOT_SUPPORTED;
}

cusolverStatus_t SolverCall::reject(int Index) {
  if (ready() && Info) {
    int *Target = Info;
    run([Target, Index] { *Target = -Index; });
  }
  return CUSOLVER_STATUS_INVALID_VALUE;
}

cusolverStatus_t SolverCall::run(std::function<void()> Work) {
  if (!ready())
    return Status;
  if (lib::enqueue(Stream, std::move(Work)) != cudaSuccess)
    return CUSOLVER_STATUS_EXECUTION_FAILED;
  return CUSOLVER_STATUS_SUCCESS;
}

} // namespace solver
} // namespace tx

cusolverStatus_t cusolverDnCreate(cusolverDnHandle_t *Handle) {
  if (!Handle)
    return CUSOLVER_STATUS_INVALID_VALUE;
  auto *Context = new (std::nothrow) cusolverDnContext;
  if (!Context)
    return CUSOLVER_STATUS_ALLOC_FAILED;
  registry().add(Context);
  *Handle = Context;
  return CUSOLVER_STATUS_SUCCESS;
}

cusolverStatus_t cusolverDnDestroy(cusolverDnHandle_t Handle) {
  // Work already enqueued holds no reference to the handle.
  if (!Handle || !registry().remove(Handle))
    return CUSOLVER_STATUS_NOT_INITIALIZED;
  tx::solver::releaseNvidiaHandle(Handle);
  delete Handle;
  return CUSOLVER_STATUS_SUCCESS;
}

cusolverStatus_t cusolverDnSetStream(cusolverDnHandle_t Handle,
                                     cudaStream_t Stream) {
  if (!isLiveHandle(Handle))
    return CUSOLVER_STATUS_NOT_INITIALIZED;
  Handle->Stream = Stream;
  return CUSOLVER_STATUS_SUCCESS;
}

cusolverStatus_t cusolverDnGetStream(cusolverDnHandle_t Handle,
                                     cudaStream_t *Stream) {
  if (!isLiveHandle(Handle))
    return CUSOLVER_STATUS_NOT_INITIALIZED;
  if (!Stream)
    return CUSOLVER_STATUS_INVALID_VALUE;
  *Stream = Handle->Stream;
  return CUSOLVER_STATUS_SUCCESS;
}

cusolverStatus_t
cusolverDnSetDeterministicMode(cusolverDnHandle_t Handle,
                               cusolverDeterministicMode_t Mode) {
  if (!isLiveHandle(Handle))
    return CUSOLVER_STATUS_NOT_INITIALIZED;
  if (Mode != CUSOLVER_DETERMINISTIC_RESULTS &&
      Mode != CUSOLVER_ALLOW_NON_DETERMINISTIC_RESULTS)
    return CUSOLVER_STATUS_INVALID_VALUE;
  Handle->Deterministic = Mode;
  return CUSOLVER_STATUS_SUCCESS;
}

cusolverStatus_t
cusolverDnGetDeterministicMode(cusolverDnHandle_t Handle,
                               cusolverDeterministicMode_t *Mode) {
  if (!isLiveHandle(Handle))
    return CUSOLVER_STATUS_NOT_INITIALIZED;
  if (!Mode)
    return CUSOLVER_STATUS_INVALID_VALUE;
  *Mode = Handle->Deterministic;
  return CUSOLVER_STATUS_SUCCESS;
}

cusolverStatus_t cusolverGetVersion(int *Version) {
  if (!Version)
    return CUSOLVER_STATUS_INVALID_VALUE;
  *Version = CUSOLVER_VERSION;
  return CUSOLVER_STATUS_SUCCESS;
}

cusolverStatus_t cusolverGetProperty(libraryPropertyType Type, int *Value) {
  if (!Value)
    return CUSOLVER_STATUS_INVALID_VALUE;
  switch (Type) {
  case MAJOR_VERSION:
    *Value = CUSOLVER_VER_MAJOR;
    return CUSOLVER_STATUS_SUCCESS;
  case MINOR_VERSION:
    *Value = CUSOLVER_VER_MINOR;
    return CUSOLVER_STATUS_SUCCESS;
  case PATCH_LEVEL:
    *Value = CUSOLVER_VER_PATCH;
    return CUSOLVER_STATUS_SUCCESS;
  }
  return CUSOLVER_STATUS_INVALID_VALUE;
}
