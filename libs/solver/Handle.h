//===- solver/Handle.h - cuSOLVER handles and calls on a stream -*- C++ -*-===//
//
// Part of Tongxin. A cusolverDn call first checks its handle and the device
// of the handle's stream (SolverCall), then its arguments on the calling
// thread, then enqueues the factorisation on the stream, where it runs after
// the stream's earlier work and writes devInfo when it finishes, as on a GPU.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_SOLVER_HANDLE_H
#define TONGXIN_LIBS_SOLVER_HANDLE_H

#include "cusolverDn.h"

#include "Forward.h"

#include <functional>

/// What a handle holds: the stream its calls run on.
struct cusolverDnContext {
  cudaStream_t Stream = nullptr;
  cusolverDeterministicMode_t Deterministic = CUSOLVER_DETERMINISTIC_RESULTS;
  /// NVIDIA's handle mirroring this one, made by the first call forwarded
  /// to NVIDIA's cuSOLVER (Forward.h).
  void *Nvidia = nullptr;
};

namespace tx {
namespace solver {

/// Whether Handle came from cusolverDnCreate and is not destroyed yet.
bool isLiveHandle(cusolverDnHandle_t Handle);

/// One call of the API. Construct it first; when ready() is false return
/// status(). Bad arguments go through reject(), the work through run().
class SolverCall {
public:
  /// Info is the call's devInfo (may be null for calls without one).
  SolverCall(cusolverDnHandle_t Handle, int *Info);

  bool ready() const { return Status == CUSOLVER_STATUS_SUCCESS; }
  cusolverStatus_t status() const { return Status; }

  /// Argument number Index (counting from 1, not counting the handle) is
  /// wrong: devInfo becomes -Index on the stream, as LAPACK reports it, and
  /// the call returns CUSOLVER_STATUS_INVALID_VALUE.
  cusolverStatus_t reject(int Index);

  /// Enqueues Work on the handle's stream.
  cusolverStatus_t run(std::function<void()> Work);

private:
  cudaStream_t Stream = nullptr;
  int *Info;
  cusolverStatus_t Status = CUSOLVER_STATUS_SUCCESS;
};

/// Checks for a handle in calls that only query sizes: NOT_INITIALIZED for
/// a handle that is not live, else SUCCESS.
cusolverStatus_t checkHandle(cusolverDnHandle_t Handle);

} // namespace solver
} // namespace tx

#endif // TONGXIN_LIBS_SOLVER_HANDLE_H
