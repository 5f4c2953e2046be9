//===- nccl/Staging.h - Staging through host memory -------------*- C++ -*-===//
//
// Part of Tongxin. The collectives run host code over host pointers. On a
// device whose memory the host cannot address (an NVIDIA GPU through the
// CUDA backend, an accelerator's backend), an operation's buffers are
// copied into host memory before it, on its stream, and its results back
// after it: the stream orders the copies, the operation and the later work,
// as NCCL's kernels would be ordered.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_STAGING_H
#define TONGXIN_LIBS_NCCL_STAGING_H

#include "Collectives.h"

#include "cuda_runtime_api.h"

#include <memory>

namespace tx {
namespace nccl {

/// The host buffers of one staged operation.
class StagedBuffers {
public:
  StagedBuffers() = default;
  StagedBuffers(const StagedBuffers &) = delete;
  StagedBuffers &operator=(const StagedBuffers &) = delete;
  ~StagedBuffers();

  /// Points Op (rank Me of NRanks) at host buffers and enqueues on Stream
  /// the copies of what it reads: the send buffer where the operation reads
  /// it, a PreMulSum scalar that lives on the device.
  ncclResult_t stageIn(cudaStream_t Stream, int Me, int NRanks, Operation &Op);
  /// Enqueues on Stream, after the operation, the copy of what it wrote
  /// back to the device, then the release of the host buffers.
  ncclResult_t stageOut(cudaStream_t Stream);
  /// Enqueues the release only (the operation was dropped).
  void abandon(cudaStream_t Stream);

private:
  char *Host = nullptr;       ///< Send and receive buffers, then the scalar.
  void *RecvDevice = nullptr; ///< Where the results go back; null: nowhere.
  size_t RecvBytes = 0;
  size_t RecvOffset = 0;
};

/// Whether operations on Stream's device need staging (its memory is not
/// host-addressable). ncclInvalidArgument for a stream that does not exist.
ncclResult_t needsStaging(cudaStream_t Stream, bool *Needed);

} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_STAGING_H
