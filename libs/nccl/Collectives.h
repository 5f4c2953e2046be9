//===- nccl/Collectives.h - Algorithms over point-to-point ------*- C++ -*-===//
//
// Part of Tongxin. Every collective is built from Exchange's transfers:
// reductions scatter the message in one chunk per rank, each rank folding
// its chunk from all ranks' data in rank order (so a result never depends
// on timing), in windows whose transfers overlap the previous window's
// arithmetic; all-reduce then gathers the chunks. Each rank sends and
// receives (N-1)/N of the message per phase, as a ring would, with one
// step of latency instead of N-1.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_COLLECTIVES_H
#define TONGXIN_LIBS_NCCL_COLLECTIVES_H

#include "Comm.h"
#include "Exchange.h"
#include "Reduction.h"

#include <functional>
#include <memory>
#include <vector>

namespace tx {
namespace nccl {

enum class OpKind {
  AllReduce,
  Broadcast,
  Reduce,
  AllGather,
  ReduceScatter,
  Send,
  Recv
};

/// One operation of one rank, arguments checked.
struct Operation {
  OpKind Kind = OpKind::AllReduce;
  const void *SendBuf = nullptr;
  void *RecvBuf = nullptr;
  size_t Count = 0; ///< recvcount / sendcount for the scatter/gather forms.
  ncclDataType_t Type = ncclFloat32;
  Arith Op = Arith::Sum;
  bool Average = false;
  bool PreMultiply = false;
  PreMulOp Scalar; ///< When PreMultiply.
  int Root = 0;    ///< Root, or the peer of Send/Recv.
};

/// Runs one rank's operations in order, in the rank's turn Turn
/// (Self.Running.take()); the point-to-point ones among them run together
/// (a group's sends and receives never wait on each other).
ncclResult_t runOperations(RankState &Self, const std::vector<Operation> &Ops,
                           uint64_t Turn);

/// An operation of one step whose transfers are posted: once they have
/// completed, Finish (if set) does the local rest (a fold, a copy).
struct StartedOperation {
  explicit StartedOperation(RankState &Self)
      : Keep(Self.shared_from_this()),
        Transfers(std::make_unique<Exchange>(Self, DataChannel)) {}
  /// Outlives Transfers (members are destroyed in reverse order).
  std::shared_ptr<RankState> Keep;
  std::unique_ptr<Exchange> Transfers;
  std::function<ncclResult_t()> Finish;
};

/// Starts Op if it is small and takes one step of transfers (all-reduce,
/// broadcast, all-gather, send, receive); false, having posted nothing,
/// otherwise. The caller holds Self's turn and checked refuseToStart.
bool startInOneStep(RankState &Self, const Operation &Op,
                    StartedOperation &Out);

/// ncclSuccess if an operation of Self may start; else why not.
ncclResult_t refuseToStart(RankState &Self);

} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_COLLECTIVES_H
