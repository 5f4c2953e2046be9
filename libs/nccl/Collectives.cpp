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
  size_t Window = std::max<size_t>(1, WindowBytes / Es);
  size_t Rounds = (Longest + Window - 1) / Window;
  auto Slice = [&](int Q, size_t Round) {
    size_t Len = C.length(Q), From = Round * Window;
    return From >= Len ? size_t(0) : std::min(Window, Len - From);
  };
  std::vector<char> Staging(size_t(2) * size_t(N - 1) * Window * Es);
  auto SlotOf = [&](int Q, size_t Round) {
    size_t Slot = size_t(Q < R ? Q : Q - 1);
    return Staging.data() + ((Round % 2) * size_t(N - 1) + Slot) * Window * Es;
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

ncclResult_t allReduce(RankState &Self, const void *In, const Operation &Op) {
  size_t Es = typeSize(Op.Type);
  int N = Self.nranks();
  if (N == 1) {
    copyIfapart(Op.RecvBuf, In, Op.Count * Es);
    return ncclSuccess;
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
  std::vector<char> Mine(R == Op.Root ? 0 : C.length(R) * Es);
  void *Target = R == Op.Root ? at(Op.RecvBuf, C.begin(R), Es)
                              : static_cast<void *>(Mine.data());
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

ncclResult_t broadcast(RankState &Self, const Operation &Op) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  Exchange X(Self, DataChannel);
  if (Self.Rank == Op.Root) {
    for (int Q = 0; Q < Self.nranks(); ++Q)
      if (Q != Op.Root)
        X.send(Q, Op.SendBuf, Bytes);
    copyIfapart(Op.RecvBuf, Op.SendBuf, Bytes);
  } else {
    X.recv(Op.Root, Op.RecvBuf, Bytes);
  }
  return X.wait();
}

ncclResult_t allGather(RankState &Self, const Operation &Op) {
  size_t Bytes = Op.Count * typeSize(Op.Type);
  int R = Self.Rank;
  copyIfapart(at(Op.RecvBuf, size_t(R), Bytes), Op.SendBuf, Bytes);
  Exchange X(Self, DataChannel);
  for (int Q = 0; Q < Self.nranks(); ++Q) {
    if (Q == R)
      continue;
    X.recv(Q, at(Op.RecvBuf, size_t(Q), Bytes), Bytes);
    X.send(Q, Op.SendBuf, Bytes);
  }
  return X.wait();
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
const void *reductionInput(const Operation &Op, size_t Elements,
                           std::vector<char> &Scaled) {
  if (!Op.PreMultiply)
    return Op.SendBuf;
  unsigned char Scalar[8];
  std::memcpy(Scalar,
              Op.Scalar.OnDevice ? Op.Scalar.DeviceScalar
                                 : Op.Scalar.HostScalar,
              typeSize(Op.Type));
  Scaled.resize(Elements * typeSize(Op.Type));
  multiplyBy(Scaled.data(), Op.SendBuf, Elements, Op.Type, Scalar);
  return Scaled.data();
}

ncclResult_t runCollective(RankState &Self, const Operation &Op) {
  std::vector<char> Scaled;
  switch (Op.Kind) {
  case OpKind::AllReduce:
    return allReduce(Self, reductionInput(Op, Op.Count, Scaled), Op);
  case OpKind::Reduce:
    return reduce(Self, reductionInput(Op, Op.Count, Scaled), Op);
  case OpKind::ReduceScatter:
    return reduceScatterOp(
        Self, reductionInput(Op, Op.Count * size_t(Self.nranks()), Scaled), Op);
  case OpKind::Broadcast:
    return broadcast(Self, Op);
  case OpKind::AllGather:
    return allGather(Self, Op);
  case OpKind::Send:
  case OpKind::Recv:
    break;
  }
  return ncclSuccess;
}

/// A group's sends and receives, posted together and waited for at once.
ncclResult_t runPointToPoint(RankState &Self,
                             const std::vector<Operation> &Ops) {
  Exchange X(Self, DataChannel);
  bool Any = false;
  for (const Operation &Op : Ops) {
    size_t Bytes = Op.Count * typeSize(Op.Type);
    if (Op.Kind == OpKind::Send)
      X.send(Op.Root, Op.SendBuf, Bytes);
    else if (Op.Kind == OpKind::Recv)
      X.recv(Op.Root, Op.RecvBuf, Bytes);
    else
      continue;
    Any = true;
  }
  return Any ? X.wait() : ncclSuccess;
}

} // namespace

ncclResult_t runOperations(RankState &Self, const std::vector<Operation> &Ops) {
  std::lock_guard<std::mutex> Lock(Self.OpMutex);
  if (int Earlier = Self.AsyncError.load())
    return ncclResult_t(Earlier);
  if (Self.aborted())
    return fail(ncclSystemError, "the communicator was aborted");
  for (const Operation &Op : Ops)
    if (Op.Kind != OpKind::Send && Op.Kind != OpKind::Recv)
      TX_NCCL_TRY(runCollective(Self, Op));
  return runPointToPoint(Self, Ops);
}

} // namespace nccl
} // namespace tx
