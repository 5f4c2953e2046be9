//===- nccl/Api.cpp - Versions, errors, operators and operations ----------===//
//
// Part of Tongxin. The entry points of the collectives and point-to-point
// calls check every argument on the calling thread (returning NCCL's
// result codes, never crashing), then issue the operation on its stream
// (Group.h).
//
//===----------------------------------------------------------------------===//

#include "Errors.h"
#include "Group.h"
#include "Reduction.h"
#include "Staging.h"

#include "cuda_runtime_api.h"

#include <cstdint>
#include <cstring>

using namespace tx::nccl;

namespace {

ncclResult_t checkType(ncclDataType_t Type) {
  if (typeSize(Type) == 0)
    return fail(ncclInvalidArgument, "datatype %d is not an ncclDataType_t",
                int(Type));
  return ncclSuccess;
}

/// Fills Op's arithmetic from a built-in or PreMulSum operator.
ncclResult_t resolveOperator(RankState &Rank, ncclRedOp_t RedOp,
                             Operation &Op) {
  switch (RedOp) {
  case ncclSum:
    Op.Op = Arith::Sum;
    return ncclSuccess;
  case ncclProd:
    Op.Op = Arith::Prod;
    return ncclSuccess;
  case ncclMax:
    Op.Op = Arith::Max;
    return ncclSuccess;
  case ncclMin:
    Op.Op = Arith::Min;
    return ncclSuccess;
  case ncclAvg:
    Op.Op = Arith::Sum;
    if (isFloatingPoint(Op.Type)) {
      // As NCCL: every input times 1/N (rounded to the type), then summed,
      // which cannot overflow where the sum would.
      Op.PreMultiply = true;
      encodeScalar(Op.Type, 1.0 / Rank.nranks(), Op.Scalar.HostScalar);
    } else {
      Op.Average = true; // Integers: the sum divided by N.
    }
    return ncclSuccess;
  default:
    break;
  }
  int Index = int(RedOp) - int(ncclNumOps);
  std::lock_guard<std::mutex> Lock(Rank.OpsMutex);
  if (Index < 0 || Index >= int(Rank.PreMulOps.size()) ||
      !Rank.PreMulOps[size_t(Index)].Live)
    return fail(ncclInvalidArgument,
                "op %d is neither a built-in operator nor one this "
                "communicator created",
                int(RedOp));
  const PreMulOp &Dynamic = Rank.PreMulOps[size_t(Index)];
  if (Dynamic.Type != Op.Type)
    return fail(ncclInvalidArgument,
                "op %d was created for datatype %d, used with datatype %d",
                int(RedOp), int(Dynamic.Type), int(Op.Type));
  Op.Op = Arith::Sum;
  Op.PreMultiply = true;
  Op.Scalar = Dynamic;
  return ncclSuccess;
}

ncclResult_t checkBuffer(const void *Buffer, size_t Count, const char *Name) {
  if (!Buffer && Count)
    return fail(ncclInvalidArgument, "%s is NULL", Name);
  return ncclSuccess;
}

ncclResult_t checkRank(int Rank, int NRanks, const char *Name) {
  if (Rank < 0 || Rank >= NRanks)
    return fail(ncclInvalidArgument, "%s %d is outside [0, %d)", Name, Rank,
                NRanks);
  return ncclSuccess;
}

/// Checks what every operation shares, then issues it.
ncclResult_t submit(ncclComm_t Comm, cudaStream_t Stream, Operation Op,
                    ncclRedOp_t RedOp, bool Reduces) {
  std::shared_ptr<RankState> Rank = lookup(Comm);
  if (!Rank)
    return ncclInvalidArgument;
  TX_NCCL_TRY(checkType(Op.Type));
  // All-gather and reduce-scatter buffers hold Count elements per rank.
  size_t Limit = SIZE_MAX / typeSize(Op.Type) / size_t(Rank->nranks());
  if (Op.Count > Limit)
    return fail(ncclInvalidArgument, "count %zu is too large", Op.Count);
  if (Reduces)
    TX_NCCL_TRY(resolveOperator(*Rank, RedOp, Op));
  bool Stage = false; // The stream's device memory is not the host's.
  TX_NCCL_TRY(needsStaging(Stream, &Stage));
  if (int Earlier = Rank->AsyncError.load())
    return fail(ncclResult_t(Earlier),
                "rank %d: an earlier operation failed (see "
                "ncclCommGetAsyncError)",
                Rank->Rank);
  return issue(std::move(Rank), Stream, Op, Stage);
}

/// The communicator's rank count, or 0 (and a message) if Comm is not live.
int rankCount(ncclComm_t Comm) {
  std::shared_ptr<RankState> Rank = lookup(Comm);
  return Rank ? Rank->nranks() : 0;
}

} // namespace

extern "C" {

NCCLAPI ncclResult_t ncclGetVersion(int *Version) {
  if (!Version)
    return fail(ncclInvalidArgument, "version is NULL");
  *Version = NCCL_VERSION_CODE;
  return ncclSuccess;
}

NCCLAPI const char *ncclGetErrorString(ncclResult_t Result) {
  switch (Result) {
  case ncclSuccess:
    return "no error";
  case ncclUnhandledCudaError:
    return "unhandled cuda error (run with NCCL_DEBUG=INFO for details)";
  case ncclSystemError:
    return "unhandled system error (run with NCCL_DEBUG=INFO for details)";
  case ncclInternalError:
    return "internal error - please report this issue to the NCCL developers";
  case ncclInvalidArgument:
    return "invalid argument (run with NCCL_DEBUG=WARN for details)";
  case ncclInvalidUsage:
    return "invalid usage (run with NCCL_DEBUG=WARN for details)";
  case ncclRemoteError:
    return "remote process exited or there was a network error";
  case ncclInProgress:
    return "NCCL operation in progress";
  default:
    return "unknown result code";
  }
}

NCCLAPI const char *ncclGetLastError(ncclComm_t) { return lastMessage(); }

NCCLAPI ncclResult_t ncclMemAlloc(void **Ptr, size_t Size) {
  if (!Ptr)
    return fail(ncclInvalidArgument, "ptr is NULL");
  if (cudaMalloc(Ptr, Size) != cudaSuccess)
    return fail(ncclUnhandledCudaError, "cudaMalloc of %zu bytes failed", Size);
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclMemFree(void *Ptr) {
  if (cudaFree(Ptr) != cudaSuccess)
    return fail(ncclUnhandledCudaError, "cudaFree(%p) failed", Ptr);
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclRedOpCreatePreMulSum(ncclRedOp_t *Op, void *Scalar,
                                              ncclDataType_t Type,
                                              ncclScalarResidence_t Residence,
                                              ncclComm_t Comm) {
  std::shared_ptr<RankState> Rank = lookup(Comm);
  if (!Rank)
    return ncclInvalidArgument;
  if (!Op || !Scalar)
    return fail(ncclInvalidArgument, "op or scalar is NULL");
  TX_NCCL_TRY(checkType(Type));
  if (Residence != ncclScalarDevice && Residence != ncclScalarHostImmediate)
    return fail(ncclInvalidArgument,
                "residence %d is not an "
                "ncclScalarResidence_t",
                int(Residence));
  PreMulOp Made;
  Made.Type = Type;
  Made.Live = true;
  Made.OnDevice = Residence == ncclScalarDevice;
  if (Made.OnDevice)
    Made.DeviceScalar = Scalar;
  else
    std::memcpy(Made.HostScalar, Scalar, typeSize(Type));
  std::lock_guard<std::mutex> Lock(Rank->OpsMutex);
  size_t Index = 0;
  while (Index < Rank->PreMulOps.size() && Rank->PreMulOps[Index].Live)
    ++Index;
  if (Index == Rank->PreMulOps.size())
    Rank->PreMulOps.push_back(Made);
  else
    Rank->PreMulOps[Index] = Made;
  *Op = ncclRedOp_t(int(ncclNumOps) + int(Index));
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclRedOpDestroy(ncclRedOp_t Op, ncclComm_t Comm) {
  std::shared_ptr<RankState> Rank = lookup(Comm);
  if (!Rank)
    return ncclInvalidArgument;
  int Index = int(Op) - int(ncclNumOps);
  std::lock_guard<std::mutex> Lock(Rank->OpsMutex);
  if (Index < 0 || Index >= int(Rank->PreMulOps.size()) ||
      !Rank->PreMulOps[size_t(Index)].Live)
    return fail(ncclInvalidArgument,
                "op %d is not an operator this communicator created", int(Op));
  // Operations already issued hold their own copy of the scalar.
  Rank->PreMulOps[size_t(Index)].Live = false;
  return ncclSuccess;
}

NCCLAPI ncclResult_t ncclAllReduce(const void *SendBuf, void *RecvBuf,
                                   size_t Count, ncclDataType_t Type,
                                   ncclRedOp_t RedOp, ncclComm_t Comm,
                                   cudaStream_t Stream) {
  TX_NCCL_TRY(noteGroupError(checkBuffer(SendBuf, Count, "sendbuff")));
  TX_NCCL_TRY(noteGroupError(checkBuffer(RecvBuf, Count, "recvbuff")));
  Operation Op;
  Op.Kind = OpKind::AllReduce;
  Op.SendBuf = SendBuf;
  Op.RecvBuf = RecvBuf;
  Op.Count = Count;
  Op.Type = Type;
  return noteGroupError(submit(Comm, Stream, Op, RedOp, true));
}

NCCLAPI ncclResult_t ncclReduce(const void *SendBuf, void *RecvBuf,
                                size_t Count, ncclDataType_t Type,
                                ncclRedOp_t RedOp, int Root, ncclComm_t Comm,
                                cudaStream_t Stream) {
  int N = rankCount(Comm);
  if (!N)
    return noteGroupError(ncclInvalidArgument);
  TX_NCCL_TRY(noteGroupError(checkRank(Root, N, "root")));
  TX_NCCL_TRY(noteGroupError(checkBuffer(SendBuf, Count, "sendbuff")));
  // recvbuff matters on the root only, as in NCCL.
  int Me = 0;
  ncclCommUserRank(Comm, &Me);
  if (Me == Root)
    TX_NCCL_TRY(noteGroupError(checkBuffer(RecvBuf, Count, "recvbuff")));
  Operation Op;
  Op.Kind = OpKind::Reduce;
  Op.SendBuf = SendBuf;
  Op.RecvBuf = RecvBuf;
  Op.Count = Count;
  Op.Type = Type;
  Op.Root = Root;
  return noteGroupError(submit(Comm, Stream, Op, RedOp, true));
}

NCCLAPI ncclResult_t ncclBroadcast(const void *SendBuf, void *RecvBuf,
                                   size_t Count, ncclDataType_t Type, int Root,
                                   ncclComm_t Comm, cudaStream_t Stream) {
  int N = rankCount(Comm);
  if (!N)
    return noteGroupError(ncclInvalidArgument);
  TX_NCCL_TRY(noteGroupError(checkRank(Root, N, "root")));
  int Me = 0;
  ncclCommUserRank(Comm, &Me);
  if (Me == Root)
    TX_NCCL_TRY(noteGroupError(checkBuffer(SendBuf, Count, "sendbuff")));
  TX_NCCL_TRY(noteGroupError(checkBuffer(RecvBuf, Count, "recvbuff")));
  Operation Op;
  Op.Kind = OpKind::Broadcast;
  Op.SendBuf = SendBuf;
  Op.RecvBuf = RecvBuf;
  Op.Count = Count;
  Op.Type = Type;
  Op.Root = Root;
  return noteGroupError(submit(Comm, Stream, Op, ncclSum, false));
}

NCCLAPI ncclResult_t ncclBcast(void *Buff, size_t Count, ncclDataType_t Type,
                               int Root, ncclComm_t Comm, cudaStream_t Stream) {
  return ncclBroadcast(Buff, Buff, Count, Type, Root, Comm, Stream);
}

NCCLAPI ncclResult_t ncclReduceScatter(const void *SendBuf, void *RecvBuf,
                                       size_t RecvCount, ncclDataType_t Type,
                                       ncclRedOp_t RedOp, ncclComm_t Comm,
                                       cudaStream_t Stream) {
  int N = rankCount(Comm);
  if (!N)
    return noteGroupError(ncclInvalidArgument);
  TX_NCCL_TRY(noteGroupError(checkBuffer(SendBuf, RecvCount, "sendbuff")));
  TX_NCCL_TRY(noteGroupError(checkBuffer(RecvBuf, RecvCount, "recvbuff")));
  Operation Op;
  Op.Kind = OpKind::ReduceScatter;
  Op.SendBuf = SendBuf;
  Op.RecvBuf = RecvBuf;
  Op.Count = RecvCount;
  Op.Type = Type;
  return noteGroupError(submit(Comm, Stream, Op, RedOp, true));
}

NCCLAPI ncclResult_t ncclAllGather(const void *SendBuf, void *RecvBuf,
                                   size_t SendCount, ncclDataType_t Type,
                                   ncclComm_t Comm, cudaStream_t Stream) {
  TX_NCCL_TRY(noteGroupError(checkBuffer(SendBuf, SendCount, "sendbuff")));
  TX_NCCL_TRY(noteGroupError(checkBuffer(RecvBuf, SendCount, "recvbuff")));
  Operation Op;
  Op.Kind = OpKind::AllGather;
  Op.SendBuf = SendBuf;
  Op.RecvBuf = RecvBuf;
  Op.Count = SendCount;
  Op.Type = Type;
  return noteGroupError(submit(Comm, Stream, Op, ncclSum, false));
}

NCCLAPI ncclResult_t ncclSend(const void *SendBuf, size_t Count,
                              ncclDataType_t Type, int Peer, ncclComm_t Comm,
                              cudaStream_t Stream) {
  int N = rankCount(Comm);
  if (!N)
    return noteGroupError(ncclInvalidArgument);
  TX_NCCL_TRY(noteGroupError(checkRank(Peer, N, "peer")));
  TX_NCCL_TRY(noteGroupError(checkBuffer(SendBuf, Count, "sendbuff")));
  Operation Op;
  Op.Kind = OpKind::Send;
  Op.SendBuf = SendBuf;
  Op.Count = Count;
  Op.Type = Type;
  Op.Root = Peer;
  return noteGroupError(submit(Comm, Stream, Op, ncclSum, false));
}

NCCLAPI ncclResult_t ncclRecv(void *RecvBuf, size_t Count, ncclDataType_t Type,
                              int Peer, ncclComm_t Comm, cudaStream_t Stream) {
  int N = rankCount(Comm);
  if (!N)
    return noteGroupError(ncclInvalidArgument);
  TX_NCCL_TRY(noteGroupError(checkRank(Peer, N, "peer")));
  TX_NCCL_TRY(noteGroupError(checkBuffer(RecvBuf, Count, "recvbuff")));
  Operation Op;
  Op.Kind = OpKind::Recv;
  Op.RecvBuf = RecvBuf;
  Op.Count = Count;
  Op.Type = Type;
  Op.Root = Peer;
  return noteGroupError(submit(Comm, Stream, Op, ncclSum, false));
}

} // extern "C"
