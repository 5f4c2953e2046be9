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

struct Exchange::Transfer {
  bool IsSend = false;
  bool Local = false;
  int Peer = 0;
  void *Data = nullptr;
  size_t Bytes = 0;
  bool Complete = false;
  LocalMessage Message;    ///< A local send's offer.
  void *Request = nullptr; ///< A remote transfer's MPI request.
  bool PostFailed = false; ///< MPI refused to post it.
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
    T->PostFailed =
        mpi::isend(Data, Bytes, Shared.ProcessOf[Peer], tagOf(Self.Rank, Peer),
                   Shared.MpiComm, &T->Request) != TX_MPI_OK;
  }
  Transfers.push_back(std::move(T));
}

void Exchange::recv(int Peer, void *Data, size_t Bytes) {
  auto T = std::make_unique<Transfer>();
  T->Peer = Peer;
  T->Data = Data;
  T->Bytes = Bytes;
  T->Local = localPeer(Peer);
  if (!T->Local)
    T->PostFailed =
        mpi::irecv(Data, Bytes, Shared.ProcessOf[Peer], tagOf(Peer, Self.Rank),
                   Shared.MpiComm, &T->Request) != TX_MPI_OK;
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
  if (T.PostFailed) {
    Result = fail(ncclSystemError, "MPI: %s", mpi::lastError());
    return true;
  }
  int Done = 0;
  size_t Bytes = 0;
  int Code = mpi::test(T.Request, &Done, &Bytes);
  if (!Done)
    return false;
  T.Request = nullptr;
  if (Code == TX_MPI_TRUNCATED)
    Result = sizeMismatch(Self.Rank, T.Peer, T.Bytes, ~size_t(0));
  else if (Code != TX_MPI_OK)
    Result = fail(ncclSystemError, "MPI: %s", mpi::lastError());
  else if (!T.IsSend && Bytes != T.Bytes)
    Result = sizeMismatch(Self.Rank, T.Peer, T.Bytes, Bytes);
  else
    Result = ncclSuccess;
  return true;
}

void Exchange::abandon(size_t From) {
  bool RemoteInFlight = false;
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
    if (T.Request) {
      mpi::cancel(T.Request);
      RemoteInFlight = true;
    }
    T.Request = nullptr;
    T.Complete = true;
  }
  Done = Transfers.size();
  // MPI may still read or write the buffers of the requests given up: the
  // rank's scratch memory is never freed or reused (the program's own
  // buffers are its to keep until it aborts the communicator).
  if (RemoteInFlight)
    Self.abandonScratch();
}

ncclResult_t Exchange::wait(size_t Mark) { return waitFor(Mark, nullptr); }

ncclResult_t
Exchange::waitUntil(size_t Mark,
                    std::chrono::steady_clock::time_point Deadline) {
  return waitFor(Mark, &Deadline);
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
