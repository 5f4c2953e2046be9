//===- nccl/Collectives.cpp - The algorithms over point-to-point ----------===//
//
// Part of Tongxin. See Collectives.h.
//
//===----------------------------------------------------------------------===//

#include "Collectives.h"

#include "Errors.h"
#include "Exchange.h"

#include <algorithm>
#include <cstring>
#include <memory>

namespace tx {
namespace nccl {

namespace {

/// Bytes of each peer's window in one round of a reduction: large enough
/// that MPI moves it at full speed, small enough to stay in L2 while it is
/// folded.
constexpr size_t WindowBytes = size_t(512) << 10;
constexpr size_t MinWindowBytes = size_t(64) << 10;

/// All-reduces up to this size take one step (startAllReduceDirect).
constexpr size_t DirectAllReduceBytes = size_t(64) << 10;

/// Operations up to this size may start on the calling thread
/// (startInOneStep); no larger than DirectAllReduceBytes.
constexpr size_t OneStepStartBytes = DirectAllReduceBytes;

/// Chunk q of a Count-element message cut into N nearly equal chunks.
struct Chunks {
  size_t Count;
  int N;
  size_t Fixed; ///< Non-zero: chunk q is [q*Fixed, (q+1)*Fixed).
  size_t begin(int Q) const {
    return Fixed ? size_t(Q) * Fixed : Count * size_t(Q) / size_t(N);
  }
  size_t length(int Q) const { return Fixed ? Fixed : begin(Q + 1) - begin(Q); }
};

char *at(void *Base, size_t Elements, size_t ElementBytes) {
  return static_cast<char *>(Base) + Elements * ElementBytes;
}
const char *at(const void *Base, size_t Elements, size_t ElementBytes) {
  return static_cast<const char *>(Base) + Elements * ElementBytes;
}

/// Folds chunk Self.Rank of every rank's In into Out (Out may be In's own
/// chunk): reduce-scatter by direct exchange, window by window, the next
/// window's transfers in flight while this one is folded.
ncclResult_t reduceScatter(RankState &Self, const void *In, void *Out,
                           const Chunks &C, const Operation &Op) {
  int N = Self.nranks(), R = Self.Rank;
  size_t Es = typeSize(Op.Type);
  size_t Longest = 0;
  for (int Q = 0; Q < N; ++Q)
    Longest = std::max(Longest, C.length(Q));
  // At least four rounds when chunks are short, so that transfers overlap
  // the folding; never below 64 KiB, where per-message costs take over.
  size_t Window = std::max<size_t>(
      1,
      std::min(WindowBytes, std::max(MinWindowBytes, Longest * Es / 4)) / Es);
  size_t Rounds = (Longest + Window - 1) / Window;
  auto Slice = [&](int Q, size_t Round) {
    size_t Len = C.length(Q), From = Round * Window;
    return From >= Len ? size_t(0) : std::min(Window, Len - From);
  };
  // Each peer's window of this rank's chunk, twice (rounds alternate).
  size_t SlotBytes = std::min(Window, C.length(R)) * Es;
  char *Staging = Self.scratch(0, size_t(2) * size_t(N - 1) * SlotBytes);
  auto SlotOf = [&](int Q, size_t Round) {
    size_t Slot = size_t(Q < R ? Q : Q - 1);
    return Staging + ((Round % 2) * size_t(N - 1) + Slot) * SlotBytes;
  };
  Exchange X(Self, DataChannel);
  std::vector<size_t> Marks;
  auto Post = [&](size_t Round) {
    for (int Q = 0; Q < N; ++Q) {
      if (Q == R)
        continue;
      X.recv(Q, SlotOf(Q, Round), Slice(R, Round) * Es);
      X.send(Q, at(In, C.begin(Q) + Round * Window, Es), Slice(Q, Round) * Es);
    }
    Marks.push_back(X.mark());
  };
  if (Rounds)
    Post(0);
  std::vector<const void *> Inputs(static_cast<size_t>(N));
  for (size_t Round = 0; Round < Rounds; ++Round) {
    if (Round + 1 < Rounds)
      Post(Round + 1);
    TX_NCCL_TRY(X.wait(Marks[Round]));
    for (int Q = 0; Q < N; ++Q)
      Inputs[size_t(Q)] =
          Q == R ? at(In, C.begin(R) + Round * Window, Es) : SlotOf(Q, Round);
    foldInOrder(at(Out, Round * Window, Es), Inputs.data(), N, Slice(R, Round),
                Op.Type, Op.Op);
  }
  TX_NCCL_TRY(X.wait());
  if (Op.Average)
    divideBy(Out, C.length(R), Op.Type, N);
  return ncclSuccess;
}

/// Every rank's chunk of Buffer to every other rank (Buffer holds this
/// rank's chunk already).
ncclResult_t allGatherChunks(RankState &Self, void *Buffer, const Chunks &C,
                             size_t Es) {
  Exchange X(Self, DataChannel);
  int R = Self.Rank;
  for (int Q = 0; Q < Self.nranks(); ++Q) {
    if (Q == R)
      continue;
    X.recv(Q, at(Buffer, C.begin(Q), Es), C.length(Q) * Es);
    X.send(Q, at(Buffer, C.begin(R), Es), C.length(R) * Es);
  }
  return X.wait();
}

void copyIfapart(void *To, const void *From, size_t Bytes) {
  if (To != From && Bytes)
    std::memmove(To, From, Bytes);
}

/// Small all-reduces in one step: every rank sends its whole input to
/// every other and folds all of them itself, in rank order (the same
/// result as the two-phase form, with one message latency instead of two).
void startAllReduceDirect(RankState &Self, const void *In, const Operation &Op,
                          StartedOperation &Out) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  int N = Self.nranks(), R = Self.Rank;
  char *Staging = Self.scratch(0, size_t(N - 1) * Bytes);
  auto Inputs = std::make_shared<std::vector<const void *>>(size_t(N));
  for (int Q = 0; Q < N; ++Q) {
    if (Q == R) {
      (*Inputs)[size_t(Q)] = In;
      continue;
    }
    char *Slot = Staging + size_t(Q < R ? Q : Q - 1) * Bytes;
    (*Inputs)[size_t(Q)] = Slot;
    Out.Transfers->recv(Q, Slot, Bytes);
    Out.Transfers->send(Q, In, Bytes);
  }
  // Runs once every peer also has its copy of In (which may be RecvBuf).
  Out.Finish = [Inputs, Op, N] {
    foldInOrder(Op.RecvBuf, Inputs->data(), N, Op.Count, Op.Type, Op.Op);
    if (Op.Average)
      divideBy(Op.RecvBuf, Op.Count, Op.Type, N);
    return ncclSuccess;
  };
}

/// Runs an operation that takes one step of transfers, on this thread.
ncclResult_t runStarted(StartedOperation &&Started) {
  TX_NCCL_TRY(Started.Transfers->wait());
  return Started.Finish ? Started.Finish() : ncclSuccess;
}

ncclResult_t allReduce(RankState &Self, const void *In, const Operation &Op) {
  size_t Es = typeSize(Op.Type);
  int N = Self.nranks();
  if (N == 1) {
    copyIfapart(Op.RecvBuf, In, Op.Count * Es);
    return ncclSuccess;
  }
  if (Op.Count * Es <= DirectAllReduceBytes) {
    StartedOperation Started(Self);
    startAllReduceDirect(Self, In, Op, Started);
    return runStarted(std::move(Started));
  }
  Chunks C{Op.Count, N, 0};
  TX_NCCL_TRY(
      reduceScatter(Self, In, at(Op.RecvBuf, C.begin(Self.Rank), Es), C, Op));
  return allGatherChunks(Self, Op.RecvBuf, C, Es);
}

ncclResult_t reduce(RankState &Self, const void *In, const Operation &Op) {
  size_t Es = typeSize(Op.Type);
  int N = Self.nranks(), R = Self.Rank;
  if (N == 1) {
    copyIfapart(Op.RecvBuf, In, Op.Count * Es);
    return ncclSuccess;
  }
  Chunks C{Op.Count, N, 0};
  void *Target = R == Op.Root ? at(Op.RecvBuf, C.begin(R), Es)
                              : Self.scratch(1, C.length(R) * Es);
  TX_NCCL_TRY(reduceScatter(Self, In, Target, C, Op));
  Exchange X(Self, DataChannel);
  if (R == Op.Root) {
    for (int Q = 0; Q < N; ++Q)
      if (Q != R)
        X.recv(Q, at(Op.RecvBuf, C.begin(Q), Es), C.length(Q) * Es);
  } else {
    X.send(Op.Root, Target, C.length(R) * Es);
  }
  return X.wait();
}

void startBroadcast(RankState &Self, const Operation &Op,
                    StartedOperation &Out) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  if (Self.Rank != Op.Root) {
    Out.Transfers->recv(Op.Root, Op.RecvBuf, Bytes);
    return;
  }
  for (int Q = 0; Q < Self.nranks(); ++Q)
    if (Q != Op.Root)
      Out.Transfers->send(Q, Op.SendBuf, Bytes);
  // In place or not, peers read SendBuf: copy once they have.
  Out.Finish = [Op, Bytes] {
    copyIfapart(Op.RecvBuf, Op.SendBuf, Bytes);
    return ncclSuccess;
  };
}

void startAllGather(RankState &Self, const Operation &Op,
                    StartedOperation &Out) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  int R = Self.Rank;
  copyIfapart(at(Op.RecvBuf, size_t(R), Bytes), Op.SendBuf, Bytes);
  for (int Q = 0; Q < Self.nranks(); ++Q) {
    if (Q == R)
      continue;
    Out.Transfers->recv(Q, at(Op.RecvBuf, size_t(Q), Bytes), Bytes);
    Out.Transfers->send(Q, Op.SendBuf, Bytes);
  }
}

/// Posts one send or receive.
void startPointToPoint(const Operation &Op, StartedOperation &Out) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  if (Op.Kind == OpKind::Send)
    Out.Transfers->send(Op.Root, Op.SendBuf, Bytes);
  else
    Out.Transfers->recv(Op.Root, Op.RecvBuf, Bytes);
}

ncclResult_t reduceScatterOp(RankState &Self, const void *In,
                             const Operation &Op) {
  size_t Es = typeSize(Op.Type);
  if (Self.nranks() == 1) {
    copyIfapart(Op.RecvBuf, In, Op.Count * Es);
    return ncclSuccess;
  }
  Chunks C{Op.Count * size_t(Self.nranks()), Self.nranks(), Op.Count};
  return reduceScatter(Self, In, Op.RecvBuf, C, Op);
}

/// The elements a reduction reads: the send buffer, or a copy of it
/// multiplied by this rank's PreMulSum scalar.
const void *reductionInput(RankState &Self, const Operation &Op,
                           size_t Elements) {
  if (!Op.PreMultiply)
    return Op.SendBuf;
  unsigned char Scalar[8];
  std::memcpy(Scalar,
              Op.Scalar.OnDevice ? Op.Scalar.DeviceScalar
                                 : Op.Scalar.HostScalar,
              typeSize(Op.Type));
  char *Scaled = Self.scratch(2, Elements * typeSize(Op.Type));
  multiplyBy(Scaled, Op.SendBuf, Elements, Op.Type, Scalar);
  return Scaled;
}

ncclResult_t runCollective(RankState &Self, const Operation &Op) {
  switch (Op.Kind) {
  case OpKind::AllReduce:
    return allReduce(Self, reductionInput(Self, Op, Op.Count), Op);
  case OpKind::Reduce:
    return reduce(Self, reductionInput(Self, Op, Op.Count), Op);
  case OpKind::ReduceScatter:
    return reduceScatterOp(
        Self, reductionInput(Self, Op, Op.Count * size_t(Self.nranks())), Op);
  case OpKind::Broadcast: {
    StartedOperation Started(Self);
    startBroadcast(Self, Op, Started);
    return runStarted(std::move(Started));
  }
  case OpKind::AllGather: {
    StartedOperation Started(Self);
    startAllGather(Self, Op, Started);
    return runStarted(std::move(Started));
  }
  case OpKind::Send:
  case OpKind::Recv:
    break;
  }
  return ncclSuccess;
}

/// A group's sends and receives, posted together and waited for at once.
ncclResult_t runPointToPoint(RankState &Self,
                             const std::vector<Operation> &Ops) {
  StartedOperation Started(Self);
  for (const Operation &Op : Ops)
    if (Op.Kind == OpKind::Send || Op.Kind == OpKind::Recv)
      startPointToPoint(Op, Started);
  return runStarted(std::move(Started));
}

} // namespace

/// An earlier failure or an abort: the operation must not start.
ncclResult_t refuseToStart(RankState &Self) {
  if (int Earlier = Self.AsyncError.load())
    return ncclResult_t(Earlier);
  if (Self.aborted())
    return fail(ncclSystemError, "the communicator was aborted");
  return ncclSuccess;
}

ncclResult_t runOperations(RankState &Self, const std::vector<Operation> &Ops,
                           uint64_t Turn) {
  Self.Running.acquire(Turn);
  struct Release {
    Baton &B;
    ~Release() { B.release(); }
  } Releasing{Self.Running};
  TX_NCCL_TRY(refuseToStart(Self));
  for (const Operation &Op : Ops)
    if (Op.Kind != OpKind::Send && Op.Kind != OpKind::Recv)
      TX_NCCL_TRY(runCollective(Self, Op));
  return runPointToPoint(Self, Ops);
}

bool startInOneStep(RankState &Self, const Operation &Op,
                    StartedOperation &Out) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  if (Bytes > OneStepStartBytes || Op.PreMultiply || Self.nranks() < 2)
    return false;
  switch (Op.Kind) {
  case OpKind::AllReduce:
    startAllReduceDirect(Self, Op.SendBuf, Op, Out);
    return true;
  case OpKind::Broadcast:
    startBroadcast(Self, Op, Out);
    return true;
  case OpKind::AllGather:
    startAllGather(Self, Op, Out);
    return true;
  case OpKind::Send:
  case OpKind::Recv:
    startPointToPoint(Op, Out);
    return true;
  default:
    return false;
  }
}

} // namespace nccl
} // namespace tx
