//===- nccl/Exchange.cpp - Point-to-point transfers of one rank -----------===//
//
// Part of Tongxin. See Exchange.h.
//
//===----------------------------------------------------------------------===//

#include "Exchange.h"

#include "Errors.h"
#include "Mpi.h"

#include <algorithm>
#include <cstring>
#include <sched.h>
#include <unordered_set>

namespace tx {
namespace nccl {

/// MPI counts are ints: longer messages go as several pieces.
static constexpr size_t MaxPieceBytes = size_t(1) << 30;

struct Exchange::Transfer {
  bool IsSend = false;
  bool Local = false;
  int Peer = 0;
  void *Data = nullptr;
  size_t Bytes = 0;
  bool Complete = false;
  LocalMessage Message;         ///< A local send's offer.
  std::vector<void *> Requests; ///< A remote transfer's pieces.
  std::vector<size_t> PieceBytes;
  size_t PiecesDone = 0;
};

Exchange::Exchange(RankState &Self, Channel Ch)
    : Self(Self), Shared(*Self.Shared), Ch(Ch) {}

Exchange::~Exchange() { abandon(Done); }

bool Exchange::localPeer(int Peer) const {
  return Shared.ProcessOf[Peer] == Shared.MyProcess;
}

int Exchange::tagOf(int Source, int Dest) const {
  int N = Shared.NRanks;
  return (int(Ch) * N + Source) * N + Dest;
}

void Exchange::send(int Peer, const void *Data, size_t Bytes) {
  auto T = std::make_unique<Transfer>();
  T->IsSend = true;
  T->Peer = Peer;
  T->Data = const_cast<void *>(Data);
  T->Bytes = Bytes;
  T->Local = localPeer(Peer);
  if (T->Local) {
    T->Message.Data = Data;
    T->Message.Bytes = Bytes;
    Shared.Hub.post(Ch, Self.Rank, Peer, &T->Message);
  } else {
    const char *P = static_cast<const char *>(Data);
    size_t Offset = 0;
    do {
      size_t Piece = std::min(MaxPieceBytes, Bytes - Offset);
      void *Request = nullptr;
      if (mpi::isend(P + Offset, Piece, Shared.ProcessOf[Peer],
                     tagOf(Self.Rank, Peer), Shared.MpiComm,
                     &Request) == TX_MPI_OK) {
        T->Requests.push_back(Request);
        T->PieceBytes.push_back(Piece);
      } else {
        T->Requests.push_back(nullptr); // Fails at the wait.
        T->PieceBytes.push_back(Piece);
      }
      Offset += Piece;
    } while (Offset < Bytes);
  }
  Transfers.push_back(std::move(T));
}

void Exchange::recv(int Peer, void *Data, size_t Bytes) {
  auto T = std::make_unique<Transfer>();
  T->Peer = Peer;
  T->Data = Data;
  T->Bytes = Bytes;
  T->Local = localPeer(Peer);
  if (!T->Local) {
    char *P = static_cast<char *>(Data);
    size_t Offset = 0;
    do {
      size_t Piece = std::min(MaxPieceBytes, Bytes - Offset);
      void *Request = nullptr;
      if (mpi::irecv(P + Offset, Piece, Shared.ProcessOf[Peer],
                     tagOf(Peer, Self.Rank), Shared.MpiComm,
                     &Request) != TX_MPI_OK)
        Request = nullptr;
      T->Requests.push_back(Request);
      T->PieceBytes.push_back(Piece);
      Offset += Piece;
    } while (Offset < Bytes);
  }
  Transfers.push_back(std::move(T));
}

static ncclResult_t sizeMismatch(int Receiver, int Sender, size_t Expected,
                                 size_t Got) {
  return fail(ncclInvalidUsage,
              "rank %d expected %zu bytes from rank %d but %s: the ranks "
              "called different operations, counts or types",
              Receiver, Expected, Sender,
              Got == ~size_t(0) ? "more arrived" : "fewer arrived");
}

/// Advances T; true once it completed (Result then says how).
bool Exchange::progress(Transfer &T, ncclResult_t &Result) {
  if (T.Local) {
    if (T.IsSend) {
      int R = T.Message.Result.load(std::memory_order_acquire);
      if (R < 0)
        return false;
      Result = ncclResult_t(R);
      if (Result != ncclSuccess)
        fail(Result, "rank %d's message to rank %d did not match its receive",
             Self.Rank, T.Peer);
      return true;
    }
    LocalMessage *M = Shared.Hub.take(Ch, T.Peer, Self.Rank);
    if (!M)
      return false;
    if (size_t Bytes = std::min(M->Bytes, T.Bytes))
      std::memcpy(T.Data, M->Data, Bytes); // Null buffers when empty.
    Result = M->Bytes == T.Bytes
                 ? ncclSuccess
                 : sizeMismatch(Self.Rank, T.Peer, T.Bytes,
                                M->Bytes > T.Bytes ? ~size_t(0) : M->Bytes);
    Shared.Hub.finish(M, Result);
    return true;
  }
  while (T.PiecesDone < T.Requests.size()) {
    void *&Request = T.Requests[T.PiecesDone];
    if (!Request) {
      Result = fail(ncclSystemError, "MPI: %s", mpi::lastError());
      return true;
    }
    int Done = 0;
    size_t Bytes = 0;
    int Code = mpi::test(Request, &Done, &Bytes);
    if (!Done)
      return false;
    Request = nullptr;
    size_t Expected = T.PieceBytes[T.PiecesDone];
    ++T.PiecesDone;
    if (Code == TX_MPI_TRUNCATED) {
      Result = sizeMismatch(Self.Rank, T.Peer, T.Bytes, ~size_t(0));
      return true;
    }
    if (Code != TX_MPI_OK) {
      Result = fail(ncclSystemError, "MPI: %s", mpi::lastError());
      return true;
    }
    if (!T.IsSend && Bytes != Expected) {
      Result = sizeMismatch(Self.Rank, T.Peer, T.Bytes, Bytes);
      return true;
    }
  }
  Result = ncclSuccess;
  return true;
}

void Exchange::abandon(size_t From) {
  for (size_t I = From; I < Transfers.size(); ++I) {
    Transfer &T = *Transfers[I];
    if (T.Complete)
      continue;
    if (T.Local && T.IsSend &&
        !Shared.Hub.withdraw(Ch, Self.Rank, T.Peer, &T.Message)) {
      // A receiver is copying it: the buffer must outlive the copy.
      while (T.Message.Result.load(std::memory_order_acquire) < 0)
        sched_yield();
    }
    for (size_t P = T.PiecesDone; P < T.Requests.size(); ++P)
      if (T.Requests[P])
        mpi::cancel(T.Requests[P]);
    T.Requests.clear();
    T.Complete = true;
  }
  Done = Transfers.size();
}

ncclResult_t Exchange::wait(size_t Mark) { return waitFor(Mark, nullptr); }

ncclResult_t
Exchange::waitUntil(std::chrono::steady_clock::time_point Deadline) {
  return waitFor(~size_t(0), &Deadline);
}

ncclResult_t
Exchange::waitFor(size_t Mark,
                  const std::chrono::steady_clock::time_point *Deadline) {
  Mark = std::min(Mark, Transfers.size());
  unsigned Idle = 0;
  while (Done < Mark) {
    uint64_t Seen = Shared.Hub.generation();
    bool Progressed = false, AllLocal = true;
    // A local receive may take only after the earlier ones from its peer.
    std::unordered_set<int> Waiting;
    for (size_t I = Done; I < Mark; ++I) {
      Transfer &T = *Transfers[I];
      if (T.Complete)
        continue;
      AllLocal &= T.Local;
      bool Ordered = T.Local && !T.IsSend;
      if (Ordered && Waiting.count(T.Peer))
        continue;
      ncclResult_t Result = ncclSuccess;
      if (!progress(T, Result)) {
        if (Ordered)
          Waiting.insert(T.Peer);
        continue;
      }
      T.Complete = true;
      Progressed = true;
      if (Result != ncclSuccess) {
        abandon(Done);
        return Result;
      }
    }
    while (Done < Transfers.size() && Transfers[Done]->Complete)
      ++Done;
    if (Progressed) {
      Idle = 0;
      continue;
    }
    if (Shared.Aborted.load()) {
      abandon(Done);
      return fail(ncclSystemError, "the communicator was aborted");
    }
    if (Shared.Broken.load()) {
      abandon(Done);
      return fail(ncclRemoteError,
                  "another rank's operation on this communicator failed");
    }
    // Nothing moved: spin a little (peers usually arrive together), then
    // sleep on the hub when only local peers can wake us.
    if (Deadline && (Idle & 15) == 0 &&
        std::chrono::steady_clock::now() >= *Deadline)
      return ncclInProgress;
    if (++Idle < 64)
      continue;
    if (AllLocal)
      Shared.Hub.waitForChange(Seen, 10);
    else
      sched_yield();
  }
  return ncclSuccess;
}

} // namespace nccl
} // namespace tx
