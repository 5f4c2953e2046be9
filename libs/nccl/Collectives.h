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

#include <chrono>
#include <deque>
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

/// An operation under way: its transfers are posted at once; its steps
/// run in order, each once the transfers posted before its mark have
/// completed, and may post more (the next round, the next phase).
class StartedOperation {
public:
  using Clock = std::chrono::steady_clock;
  explicit StartedOperation(RankState &Self);
  ~StartedOperation();
  StartedOperation(const StartedOperation &) = delete;
  StartedOperation &operator=(const StartedOperation &) = delete;

  Exchange &transfers() { return *Transfers; }
  /// Step runs once the transfers before Mark (Exchange::mark) completed.
  void then(size_t Mark, std::function<ncclResult_t()> Step);
  /// Step runs once every transfer posted until then completed.
  void thenAll(std::function<ncclResult_t()> Step);
  /// Runs the operation to its end, or until Deadline passes while it
  /// waits for peers (then ncclInProgress: call again to go on).
  ncclResult_t advance(const Clock::time_point *Deadline = nullptr);

private:
  struct Step {
    size_t Mark;
    std::function<ncclResult_t()> Run;
  };
  /// Outlives Transfers (members are destroyed in reverse order).
  std::shared_ptr<RankState> Keep;
  std::unique_ptr<Exchange> Transfers;
  std::deque<Step> Steps;
};

/// Posts Op's first transfers and its steps. The caller holds Self's turn
/// and checked refuseToStart.
void startOperation(StartedOperation &Started, RankState &Self,
                    const Operation &Op);

/// True if Op is small enough to start on the calling thread
/// (Group.cpp's startOnCaller).
bool startOnCallerFits(const RankState &Self, const Operation &Op);

/// ncclSuccess if an operation of Self may start; else why not.
ncclResult_t refuseToStart(RankState &Self);

} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_COLLECTIVES_H
