//===- nccl/Collectives.cpp - The algorithms over point-to-point ----------===//
//
// Part of Tongxin. See Collectives.h. Each operation is built as a
// StartedOperation: transfers posted at once, then steps, each run when
// the transfers posted before its mark have completed (a fold, a copy, the
// next round's transfers), so that one description serves both an
// operation run to the end on a stream's thread and one started on the
// caller and handed on.
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

//===--- StartedOperation -------------------------------------------------===//

StartedOperation::StartedOperation(RankState &Self)
    : Keep(Self.shared_from_this()),
      Transfers(std::make_unique<Exchange>(Self, DataChannel)) {}

StartedOperation::~StartedOperation() = default;

void StartedOperation::then(size_t Mark, std::function<ncclResult_t()> Step) {
  Steps.push_back({Mark, std::move(Step)});
}

void StartedOperation::thenAll(std::function<ncclResult_t()> Step) {
  then(~size_t(0), std::move(Step));
}

ncclResult_t StartedOperation::advance(const Clock::time_point *Deadline) {
  for (;;) {
    size_t Mark = Steps.empty() ? ~size_t(0) : Steps.front().Mark;
    ncclResult_t Result = Deadline ? Transfers->waitUntil(Mark, *Deadline)
                                   : Transfers->wait(Mark);
    if (Result != ncclSuccess || Steps.empty())
      return Result;
    std::function<ncclResult_t()> Step = std::move(Steps.front().Run);
    Steps.pop_front();
    TX_NCCL_TRY(Step());
  }
}

namespace {

/// Bytes of each peer's window in one round of a reduction: large enough
/// that MPI moves it at full speed, small enough to stay in L2 while it is
/// folded.
constexpr size_t WindowBytes = size_t(512) << 10;
constexpr size_t MinWindowBytes = size_t(64) << 10;

/// All-reduces up to this size take one step (startAllReduceDirect).
constexpr size_t DirectAllReduceBytes = size_t(64) << 10;

/// Operations that may start on the calling thread (startOnCaller):
/// reductions up to EagerReductionBytes, the others up to EagerCopyBytes.
constexpr size_t EagerReductionBytes = size_t(1) << 20;
constexpr size_t EagerCopyBytes = size_t(64) << 10;

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

void copyIfApart(void *To, const void *From, size_t Bytes) {
  if (To != From && Bytes)
    std::memmove(To, From, Bytes);
}

/// A reduce-scatter's rounds: chunk Self.Rank of every rank's In folded
/// into Out (which may be In's own chunk), window by window, by direct
/// exchange; the next round's transfers are in flight while one is folded.
struct ReduceScatterRounds {
  RankState &Self;
  const void *In;
  void *Out;
  Chunks C;
  Operation Op;
  int N, R;
  size_t Es, Window, Rounds, SlotBytes;
  char *Staging;

  ReduceScatterRounds(RankState &Self, const void *In, void *Out,
                      const Chunks &C, const Operation &Op)
      : Self(Self), In(In), Out(Out), C(C), Op(Op), N(Self.nranks()),
        R(Self.Rank), Es(typeSize(Op.Type)) {
    size_t Longest = 0;
    for (int Q = 0; Q < N; ++Q)
      Longest = std::max(Longest, C.length(Q));
    // At least four rounds when chunks are short, so that transfers
    // overlap the folding; never below 64 KiB, where per-message costs
    // take over.
    Window = std::max<size_t>(
        1,
        std::min(WindowBytes, std::max(MinWindowBytes, Longest * Es / 4)) / Es);
    Rounds = (Longest + Window - 1) / Window;
    // Each peer's window of this rank's chunk, twice (rounds alternate).
    SlotBytes = std::min(Window, C.length(R)) * Es;
    Staging = Self.scratch(0, size_t(2) * size_t(N - 1) * SlotBytes);
  }
  size_t slice(int Q, size_t Round) const {
    size_t Len = C.length(Q), From = Round * Window;
    return From >= Len ? size_t(0) : std::min(Window, Len - From);
  }
  char *slotOf(int Q, size_t Round) const {
    size_t Slot = size_t(Q < R ? Q : Q - 1);
    return Staging + ((Round % 2) * size_t(N - 1) + Slot) * SlotBytes;
  }
  void post(Exchange &X, size_t Round) const {
    for (int Q = 0; Q < N; ++Q) {
      if (Q == R)
        continue;
      X.recv(Q, slotOf(Q, Round), slice(R, Round) * Es);
      X.send(Q, at(In, C.begin(Q) + Round * Window, Es), slice(Q, Round) * Es);
    }
  }
  void fold(size_t Round) const {
    std::vector<const void *> Inputs(static_cast<size_t>(N));
    for (int Q = 0; Q < N; ++Q)
      Inputs[size_t(Q)] =
          Q == R ? at(In, C.begin(R) + Round * Window, Es) : slotOf(Q, Round);
    foldInOrder(at(Out, Round * Window, Es), Inputs.data(), N, slice(R, Round),
                Op.Type, Op.Op);
  }
};

/// Adds a reduce-scatter's rounds to Started: afterwards Out holds this
/// rank's chunk of the reduction (divided by N for an integer average).
void addReduceScatter(StartedOperation &Started, RankState &Self,
                      const void *In, void *Out, const Chunks &C,
                      const Operation &Op) {
  auto Plan = std::make_shared<ReduceScatterRounds>(Self, In, Out, C, Op);
  Exchange &X = Started.transfers();
  // Every round posts the same number of transfers: round K's have all
  // completed at Base + (K + 1) * PerRound.
  size_t Base = X.mark(), PerRound = size_t(2) * size_t(Plan->N - 1);
  for (size_t Round = 0; Round < std::min<size_t>(2, Plan->Rounds); ++Round)
    Plan->post(X, Round);
  for (size_t Round = 0; Round < Plan->Rounds; ++Round)
    Started.then(Base + (Round + 1) * PerRound, [Plan, Round, &X] {
      Plan->fold(Round);
      // Round + 2 reuses Round's staging, free now.
      if (Round + 2 < Plan->Rounds)
        Plan->post(X, Round + 2);
      return ncclSuccess;
    });
  if (Op.Average)
    Started.thenAll([Plan] {
      divideBy(Plan->Out, Plan->C.length(Plan->R), Plan->Op.Type, Plan->N);
      return ncclSuccess;
    });
}

/// Small all-reduces in one step: every rank sends its whole input to
/// every other and folds all of them itself, in rank order (the same
/// result as the two-phase form, with one message latency instead of two).
void startAllReduceDirect(StartedOperation &Started, RankState &Self,
                          const void *In, const Operation &Op) {
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
    Started.transfers().recv(Q, Slot, Bytes);
    Started.transfers().send(Q, In, Bytes);
  }
  // Runs once every peer also has its copy of In (which may be RecvBuf).
  Started.thenAll([Inputs, Op, N] {
    foldInOrder(Op.RecvBuf, Inputs->data(), N, Op.Count, Op.Type, Op.Op);
    if (Op.Average)
      divideBy(Op.RecvBuf, Op.Count, Op.Type, N);
    return ncclSuccess;
  });
}

void startAllReduce(StartedOperation &Started, RankState &Self, const void *In,
                    const Operation &Op) {
  size_t Es = typeSize(Op.Type);
  int N = Self.nranks(), R = Self.Rank;
  if (N == 1) {
    copyIfApart(Op.RecvBuf, In, Op.Count * Es);
    return;
  }
  if (Op.Count * Es <= DirectAllReduceBytes)
    return startAllReduceDirect(Started, Self, In, Op);
  Chunks C{Op.Count, N, 0};
  addReduceScatter(Started, Self, In, at(Op.RecvBuf, C.begin(R), Es), C, Op);
  // Then every chunk to every rank.
  Exchange &X = Started.transfers();
  Started.thenAll([&X, C, Op, Es, N, R] {
    for (int Q = 0; Q < N; ++Q) {
      if (Q == R)
        continue;
      X.recv(Q, at(Op.RecvBuf, C.begin(Q), Es), C.length(Q) * Es);
      X.send(Q, at(Op.RecvBuf, C.begin(R), Es), C.length(R) * Es);
    }
    return ncclSuccess;
  });
}

void startReduce(StartedOperation &Started, RankState &Self, const void *In,
                 const Operation &Op) {
  size_t Es = typeSize(Op.Type);
  int N = Self.nranks(), R = Self.Rank;
  if (N == 1) {
    copyIfApart(Op.RecvBuf, In, Op.Count * Es);
    return;
  }
  Chunks C{Op.Count, N, 0};
  void *Target = R == Op.Root ? at(Op.RecvBuf, C.begin(R), Es)
                              : Self.scratch(1, C.length(R) * Es);
  addReduceScatter(Started, Self, In, Target, C, Op);
  // Then every chunk to the root.
  Exchange &X = Started.transfers();
  Started.thenAll([&X, C, Op, Es, N, R, Target] {
    if (R != Op.Root) {
      X.send(Op.Root, Target, C.length(R) * Es);
      return ncclSuccess;
    }
    for (int Q = 0; Q < N; ++Q)
      if (Q != R)
        X.recv(Q, at(Op.RecvBuf, C.begin(Q), Es), C.length(Q) * Es);
    return ncclSuccess;
  });
}

void startReduceScatter(StartedOperation &Started, RankState &Self,
                        const void *In, const Operation &Op) {
  size_t Es = typeSize(Op.Type);
  int N = Self.nranks();
  if (N == 1) {
    copyIfApart(Op.RecvBuf, In, Op.Count * Es);
    return;
  }
  Chunks C{Op.Count * size_t(N), N, Op.Count};
  addReduceScatter(Started, Self, In, Op.RecvBuf, C, Op);
}

void startBroadcast(StartedOperation &Started, RankState &Self,
                    const Operation &Op) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  if (Self.Rank != Op.Root) {
    Started.transfers().recv(Op.Root, Op.RecvBuf, Bytes);
    return;
  }
  for (int Q = 0; Q < Self.nranks(); ++Q)
    if (Q != Op.Root)
      Started.transfers().send(Q, Op.SendBuf, Bytes);
  // In place or not, peers read SendBuf: copy once they have.
  Started.thenAll([Op, Bytes] {
    copyIfApart(Op.RecvBuf, Op.SendBuf, Bytes);
    return ncclSuccess;
  });
}

void startAllGather(StartedOperation &Started, RankState &Self,
                    const Operation &Op) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  int R = Self.Rank;
  copyIfApart(at(Op.RecvBuf, size_t(R), Bytes), Op.SendBuf, Bytes);
  for (int Q = 0; Q < Self.nranks(); ++Q) {
    if (Q == R)
      continue;
    Started.transfers().recv(Q, at(Op.RecvBuf, size_t(Q), Bytes), Bytes);
    Started.transfers().send(Q, Op.SendBuf, Bytes);
  }
}

/// Posts one send or receive.
void startPointToPoint(StartedOperation &Started, const Operation &Op) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  if (Op.Kind == OpKind::Send)
    Started.transfers().send(Op.Root, Op.SendBuf, Bytes);
  else
    Started.transfers().recv(Op.Root, Op.RecvBuf, Bytes);
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

/// Starts one collective (not a send or receive).
void startCollective(StartedOperation &Started, RankState &Self,
                     const Operation &Op) {
  switch (Op.Kind) {
  case OpKind::AllReduce:
    return startAllReduce(Started, Self, reductionInput(Self, Op, Op.Count),
                          Op);
  case OpKind::Reduce:
    return startReduce(Started, Self, reductionInput(Self, Op, Op.Count), Op);
  case OpKind::ReduceScatter:
    return startReduceScatter(
        Started, Self,
        reductionInput(Self, Op, Op.Count * size_t(Self.nranks())), Op);
  case OpKind::Broadcast:
    return startBroadcast(Started, Self, Op);
  case OpKind::AllGather:
    return startAllGather(Started, Self, Op);
  case OpKind::Send:
  case OpKind::Recv:
    return;
  }
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
  for (const Operation &Op : Ops) {
    if (Op.Kind == OpKind::Send || Op.Kind == OpKind::Recv)
      continue;
    StartedOperation Started(Self);
    startCollective(Started, Self, Op);
    TX_NCCL_TRY(Started.advance());
  }
  // A group's sends and receives, posted together and waited for at once.
  StartedOperation Started(Self);
  for (const Operation &Op : Ops)
    if (Op.Kind == OpKind::Send || Op.Kind == OpKind::Recv)
      startPointToPoint(Started, Op);
  return Started.advance();
}

bool startOnCallerFits(const RankState &Self, const Operation &Op) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  if (Self.Shared->NRanks < 2)
    return false;
  switch (Op.Kind) {
  case OpKind::AllReduce:
  case OpKind::Reduce:
    return Bytes <= EagerReductionBytes;
  case OpKind::ReduceScatter:
    return Bytes * size_t(Self.Shared->NRanks) <= EagerReductionBytes;
  default:
    return Bytes <= EagerCopyBytes;
  }
}

void startOperation(StartedOperation &Started, RankState &Self,
                    const Operation &Op) {
  if (Op.Kind == OpKind::Send || Op.Kind == OpKind::Recv)
    startPointToPoint(Started, Op);
  else
    startCollective(Started, Self, Op);
}

} // namespace nccl
} // namespace tx
