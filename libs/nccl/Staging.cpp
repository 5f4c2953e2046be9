//===- nccl/Staging.cpp - Operations on memory the host cannot address ----===//
//
// Part of Tongxin. See Staging.h.
//
//===----------------------------------------------------------------------===//

#include "Staging.h"

#include "Errors.h"
#include "LibraryCall.h"

#include <algorithm>
#include <cstdlib>

namespace tx {
namespace nccl {

namespace {

constexpr size_t HostAlignment = 64;

size_t roundUp(size_t Bytes) {
  return (Bytes + HostAlignment - 1) / HostAlignment * HostAlignment;
}

/// How many bytes rank Me's operation reads from its send buffer and
/// writes to its receive buffer (0: it does not touch that buffer).
void footprint(const Operation &Op, int Me, int NRanks, size_t *SendBytes,
               size_t *RecvBytes) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  size_t AllRanks = Bytes * size_t(NRanks); // submit() bounded Count.
  *SendBytes = *RecvBytes = 0;
  switch (Op.Kind) {
  case OpKind::AllReduce:
    *SendBytes = *RecvBytes = Bytes;
    break;
  case OpKind::Broadcast:
    *SendBytes = Me == Op.Root ? Bytes : 0;
    *RecvBytes = Bytes;
    break;
  case OpKind::Reduce:
    *SendBytes = Bytes;
    *RecvBytes = Me == Op.Root ? Bytes : 0;
    break;
  case OpKind::AllGather:
    *SendBytes = Bytes;
    *RecvBytes = AllRanks;
    break;
  case OpKind::ReduceScatter:
    *SendBytes = AllRanks;
    *RecvBytes = Bytes;
    break;
  case OpKind::Send:
    *SendBytes = Bytes;
    break;
  case OpKind::Recv:
    *RecvBytes = Bytes;
    break;
  }
}

ncclResult_t copyFailed(cudaError_t Err, const char *Direction) {
  return fail(ncclUnhandledCudaError, "cannot stage a buffer %s: %s", Direction,
              cudaGetErrorString(Err));
}

} // namespace

ncclResult_t needsStaging(cudaStream_t Stream, bool *Needed) {
  lib::Placement Where;
  if (lib::placeStream(Stream, &Where) != cudaSuccess)
    return fail(ncclInvalidArgument, "stream %p is not a live stream",
                static_cast<void *>(Stream));
  *Needed = Where.Kind != txLibraryDeviceHost;
  return ncclSuccess;
}

StagedBuffers::~StagedBuffers() {
  // Released on the stream by stageOut or abandon; a block still here was
  // never handed to a stream.
  std::free(Host);
}

ncclResult_t StagedBuffers::stageIn(cudaStream_t Stream, int Me, int NRanks,
                                    Operation &Op) {
  cudaStreamCaptureStatus Capture = cudaStreamCaptureStatusNone;
  cudaStreamIsCapturing(Stream, &Capture);
  if (Capture != cudaStreamCaptureStatusNone)
    return fail(ncclInvalidUsage,
                "capturing a collective on a device whose memory the host "
                "cannot address into a graph is not supported: it runs "
                "through host buffers of its own");

  size_t SendBytes, ReadBackBytes;
  footprint(Op, Me, NRanks, &SendBytes, &ReadBackBytes);
  const char *Send =
      SendBytes ? static_cast<const char *>(Op.SendBuf) : nullptr;
  char *Recv = ReadBackBytes ? static_cast<char *>(Op.RecvBuf) : nullptr;
  // In-place forms (all-gather's send buffer inside its receive buffer,
  // reduce-scatter's the other way round) keep their overlap in host memory.
  size_t SendOffset = 0, Total;
  if (Send && Recv && Send < Recv + ReadBackBytes && Recv < Send + SendBytes) {
    const char *Low = std::min<const char *>(Send, Recv);
    SendOffset = size_t(Send - Low);
    RecvOffset = size_t(Recv - Low);
    Total =
        std::max<size_t>(SendOffset + SendBytes, RecvOffset + ReadBackBytes);
  } else {
    RecvOffset = roundUp(SendBytes);
    Total = RecvOffset + ReadBackBytes;
  }
  bool DeviceScalar = Op.PreMultiply && Op.Scalar.OnDevice;
  size_t ScalarOffset = roundUp(Total);
  size_t Size = roundUp(ScalarOffset + (DeviceScalar ? typeSize(Op.Type) : 1));
  Host = static_cast<char *>(std::aligned_alloc(HostAlignment, Size));
  if (!Host)
    return fail(ncclSystemError,
                "cannot allocate %zu bytes of host memory to stage an "
                "operation",
                Size);

  lib::StreamDeviceScope OnDevice(Stream);
  cudaError_t Err = cudaSuccess;
  if (Send)
    Err = cudaMemcpyAsync(Host + SendOffset, Send, SendBytes, cudaMemcpyDefault,
                          Stream);
  if (DeviceScalar && Err == cudaSuccess)
    Err = cudaMemcpyAsync(Host + ScalarOffset, Op.Scalar.DeviceScalar,
                          typeSize(Op.Type), cudaMemcpyDefault, Stream);
  if (Err != cudaSuccess) {
    abandon(Stream);
    return copyFailed(Err, "in");
  }
  if (DeviceScalar)
    Op.Scalar.DeviceScalar = Host + ScalarOffset;
  // A buffer the operation does not touch keeps its pointer, unless it is
  // the other one (ncclBcast's single buffer on a non-root rank).
  bool SameBuffer = Op.SendBuf == Op.RecvBuf;
  if (Recv) {
    RecvDevice = Recv;
    RecvBytes = ReadBackBytes;
    Op.RecvBuf = Host + RecvOffset;
  }
  if (Send)
    Op.SendBuf = Host + SendOffset;
  else if (SameBuffer && Recv)
    Op.SendBuf = Op.RecvBuf;
  return ncclSuccess;
}

ncclResult_t StagedBuffers::stageOut(cudaStream_t Stream) {
  ncclResult_t Result = ncclSuccess;
  if (RecvDevice && RecvBytes) {
    lib::StreamDeviceScope OnDevice(Stream);
    if (cudaError_t Err = cudaMemcpyAsync(RecvDevice, Host + RecvOffset,
                                          RecvBytes, cudaMemcpyDefault, Stream))
      Result = copyFailed(Err, "out");
  }
  abandon(Stream);
  return Result;
}

void StagedBuffers::abandon(cudaStream_t Stream) {
  char *Block = Host;
  if (!Block)
    return;
  Host = nullptr;
  // After the copies queued on Stream, which read or write the block; if
  // that fails, the block is kept: queued copies may still use it.
  if (lib::enqueue(Stream, [Block] { std::free(Block); }) != cudaSuccess)
    warnAlways("a staging buffer of stream %p is kept: its release could not "
               "be queued after its copies",
               static_cast<void *>(Stream));
}

} // namespace nccl
} // namespace tx
