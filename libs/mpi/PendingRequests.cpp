//===- mpi/PendingRequests.cpp - Staged non-blocking MPI calls ------------===//
//
// Part of Tongxin. See PendingRequests.h. MPI_Wait, MPI_Test and their
// -all, -any and -some forms complete the staged requests among theirs
// after MPI's own call (PMPI): a receive's host copy goes to the device
// unless the request failed or was cancelled, and the host copies are
// released. Without staged requests pending they only forward the call.
//
//===----------------------------------------------------------------------===//

#include "PendingRequests.h"
#include "PersistentRequests.h"

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <vector>

using namespace tx::mpi;

namespace {

class PendingTable {
public:
  /// A stale entry under the same handle (its request completed through a
  /// call this library does not define) is released.
  void add(MPI_Request Request, std::unique_ptr<Exchange> X) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Pending[Request] = std::move(X);
    Count.store(Pending.size(), std::memory_order_relaxed);
  }
  std::unique_ptr<Exchange> take(MPI_Request Request) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Pending.find(Request);
    if (It == Pending.end())
      return nullptr;
    std::unique_ptr<Exchange> X = std::move(It->second);
    Pending.erase(It);
    Count.store(Pending.size(), std::memory_order_relaxed);
    return X;
  }
  bool contains(MPI_Request Request) {
    std::lock_guard<std::mutex> Lock(Mutex);
    return Pending.count(Request) != 0;
  }
  /// Cheap, for the calls' fast path.
  bool empty() const { return Count.load(std::memory_order_relaxed) == 0; }

private:
  std::mutex Mutex;
  std::map<MPI_Request, std::unique_ptr<Exchange>> Pending;
  std::atomic<size_t> Count{0};
};

PendingTable &pending() {
  static PendingTable *Table = new PendingTable; // Outlives MPI_Finalize.
  return *Table;
}

/// Statuses for N requests (the one status of a call on one request where
/// N is 0): the caller's, or these where it ignores them (completing a
/// staged receive needs to know whether it was cancelled).
class Statuses {
public:
  Statuses(int N, MPI_Status *Given) : Array(Given) {
    if (N == 0 ? Given == MPI_STATUS_IGNORE : Given == MPI_STATUSES_IGNORE) {
      Own.resize(size_t(N > 0 ? N : 1));
      Array = Own.data();
    }
  }
  MPI_Status *data() { return Array; }
  /// The caller ignores them: an error in one must be returned as such.
  bool ours() const { return !Own.empty(); }

private:
  MPI_Status *Array;
  std::vector<MPI_Status> Own;
};

/// The staged exchanges of one call's requests, taken out of the table
/// before MPI's call: a handle cannot be given to another request while
/// its own is active, so no other thread's new request can be mistaken
/// for one of these. Such requests are never persistent, so request I
/// completed exactly when the call left MPI_REQUEST_NULL in its place;
/// persistent ones (PersistentRequests.h) stay in place and completed
/// where the call gave a status for them.
class StagedRequests {
public:
  StagedRequests(int N, const MPI_Request *Requests)
      : Old(Requests, Requests + (N > 0 ? N : 0)), Taken(Old.size()) {
    for (size_t I = 0; I < Old.size(); ++I)
      Taken[I] = pending().take(Old[I]);
  }
  /// After MPI's call, which returned Result and left Requests: completes
  /// the staged requests that completed (StatusOf(I): request I's status,
  /// or null where the call did not say) and returns the others to the
  /// table. Returns Result, or MPI_ERR_BUFFER if a copy to the device
  /// failed.
  template <typename StatusFn>
  int settle(const MPI_Request *Requests, int Result, StatusFn StatusOf) {
    bool CopyFailed = false;
    for (size_t I = 0; I < Old.size(); ++I) {
      if (!Taken[I]) {
        if (settlePersistent(Old[I], Result, StatusOf(int(I))) != MPI_SUCCESS)
          CopyFailed = true;
        continue;
      }
      if (Requests[I] != MPI_REQUEST_NULL) {
        pending().add(Old[I], std::move(Taken[I])); // Still active.
        continue;
      }
      const MPI_Status *Status = StatusOf(int(I));
      int Own = Result;
      if (Result == MPI_ERR_IN_STATUS)
        Own = Status ? Status->MPI_ERROR : MPI_ERR_OTHER;
      int Cancelled = 0;
      if (Own == MPI_SUCCESS && Status)
        PMPI_Test_cancelled(Status, &Cancelled);
      // A failed or cancelled receive left nothing to copy back.
      if (Own == MPI_SUCCESS && !Cancelled &&
          Taken[I]->finish(MPI_SUCCESS) != MPI_SUCCESS)
        CopyFailed = true;
      Taken[I].reset();
    }
    return CopyFailed && Result == MPI_SUCCESS ? MPI_ERR_BUFFER : Result;
  }

private:
  /// A persistent request (which stays non-null) the call completed
  /// (Status non-null): its received data goes to the device.
  static int settlePersistent(MPI_Request Request, int Result,
                              const MPI_Status *Status) {
    if (!Status || !anyPersistent())
      return MPI_SUCCESS;
    // The request's own outcome: its status's error where the call has one
    // per request, else the call's (a wait on one request returns it).
    int Own = Result == MPI_ERR_IN_STATUS ? Status->MPI_ERROR : Result;
    if (Own == MPI_ERR_PENDING) // Not completed by this call.
      return MPI_SUCCESS;
    int Cancelled = 0;
    if (Own == MPI_SUCCESS)
      PMPI_Test_cancelled(Status, &Cancelled);
    return completePersistent(Request, Own != MPI_SUCCESS || Cancelled);
  }

  std::vector<MPI_Request> Old;
  std::vector<std::unique_ptr<Exchange>> Taken;
};

/// MPI_ERR_IN_STATUS for a caller that ignores the statuses (which MPI
/// was given in its place) becomes the first request's error.
int reported(int Result, Statuses &S, int N) {
  if (Result != MPI_ERR_IN_STATUS || !S.ours())
    return Result;
  for (int I = 0; I < N; ++I)
    if (S.data()[I].MPI_ERROR != MPI_SUCCESS &&
        S.data()[I].MPI_ERROR != MPI_ERR_PENDING)
      return S.data()[I].MPI_ERROR;
  return Result;
}

/// MPI_Waitsome and MPI_Testsome: the statuses follow Indices.
using SomeCall = int (*)(int, MPI_Request[], int *, int[], MPI_Status[]);
int someCompleted(int N, MPI_Request Requests[], int *Done, int Indices[],
                  MPI_Status Given[], SomeCall PMPICall) {
  StagedRequests Staged(N, Requests);
  Statuses S(N, Given);
  int Result = PMPICall(N, Requests, Done, Indices, S.data());
  std::vector<int> Position(size_t(N > 0 ? N : 0), -1);
  int Completed = 0; // As far as the call says.
  if ((Result == MPI_SUCCESS || Result == MPI_ERR_IN_STATUS) &&
      *Done != MPI_UNDEFINED)
    Completed = *Done;
  for (int K = 0; K < Completed; ++K)
    if (Indices[K] >= 0 && Indices[K] < N)
      Position[size_t(Indices[K])] = K;
  Result = Staged.settle(Requests, Result, [&](int I) -> const MPI_Status * {
    return Position[size_t(I)] >= 0 ? &S.data()[Position[size_t(I)]] : nullptr;
  });
  return reported(Result, S, Completed);
}

} // namespace

void tx::mpi::forgetPending(MPI_Request Request) {
  if (!pending().empty())
    pending().take(Request);
}

int tx::mpi::keepUntilComplete(std::unique_ptr<Exchange> X, int Result,
                               MPI_Request *Request) {
  if (Result == MPI_SUCCESS && X->staged())
    pending().add(*Request, std::move(X));
  return Result;
}

extern "C" {

#pragma GCC visibility push(default)

int MPI_Wait(MPI_Request *Request, MPI_Status *Status) {
  if (pending().empty() && !anyPersistent())
    return PMPI_Wait(Request, Status);
  StagedRequests Staged(1, Request);
  Statuses S(0, Status);
  int Result = PMPI_Wait(Request, S.data());
  return Staged.settle(Request, Result, [&](int) { return S.data(); });
}

int MPI_Test(MPI_Request *Request, int *Flag, MPI_Status *Status) {
  if (pending().empty() && !anyPersistent())
    return PMPI_Test(Request, Flag, Status);
  StagedRequests Staged(1, Request);
  Statuses S(0, Status);
  int Result = PMPI_Test(Request, Flag, S.data());
  return Staged.settle(Request, Result, [&](int) -> const MPI_Status * {
    return Result == MPI_SUCCESS && *Flag ? S.data() : nullptr;
  });
}

int MPI_Waitall(int N, MPI_Request Requests[], MPI_Status Given[]) {
  if (pending().empty() && !anyPersistent())
    return PMPI_Waitall(N, Requests, Given);
  StagedRequests Staged(N, Requests);
  Statuses S(N, Given);
  int Result = PMPI_Waitall(N, Requests, S.data());
  bool Said = Result == MPI_SUCCESS || Result == MPI_ERR_IN_STATUS;
  Result = Staged.settle(Requests, Result, [&](int I) -> const MPI_Status * {
    return Said ? &S.data()[I] : nullptr;
  });
  return reported(Result, S, N);
}

int MPI_Testall(int N, MPI_Request Requests[], int *Flag, MPI_Status Given[]) {
  if (pending().empty() && !anyPersistent())
    return PMPI_Testall(N, Requests, Flag, Given);
  StagedRequests Staged(N, Requests);
  Statuses S(N, Given);
  int Result = PMPI_Testall(N, Requests, Flag, S.data());
  bool Said = (Result == MPI_SUCCESS || Result == MPI_ERR_IN_STATUS) && *Flag;
  Result = Staged.settle(Requests, Result, [&](int I) -> const MPI_Status * {
    return Said ? &S.data()[I] : nullptr;
  });
  return reported(Result, S, N);
}

int MPI_Waitany(int N, MPI_Request Requests[], int *Index, MPI_Status *Status) {
  if (pending().empty() && !anyPersistent())
    return PMPI_Waitany(N, Requests, Index, Status);
  StagedRequests Staged(N, Requests);
  Statuses S(0, Status);
  int Result = PMPI_Waitany(N, Requests, Index, S.data());
  // On an error, Index names the request that failed (and completed).
  return Staged.settle(Requests, Result, [&](int I) -> const MPI_Status * {
    return *Index == I ? S.data() : nullptr;
  });
}

int MPI_Testany(int N, MPI_Request Requests[], int *Index, int *Flag,
                MPI_Status *Status) {
  if (pending().empty() && !anyPersistent())
    return PMPI_Testany(N, Requests, Index, Flag, Status);
  StagedRequests Staged(N, Requests);
  Statuses S(0, Status);
  int Result = PMPI_Testany(N, Requests, Index, Flag, S.data());
  // On an error, Index names the request that failed (and completed).
  return Staged.settle(Requests, Result, [&](int I) -> const MPI_Status * {
    return (Result != MPI_SUCCESS || *Flag) && *Index == I ? S.data() : nullptr;
  });
}

int MPI_Waitsome(int N, MPI_Request Requests[], int *Done, int Indices[],
                 MPI_Status Given[]) {
  if (pending().empty() && !anyPersistent())
    return PMPI_Waitsome(N, Requests, Done, Indices, Given);
  return someCompleted(N, Requests, Done, Indices, Given, PMPI_Waitsome);
}

int MPI_Testsome(int N, MPI_Request Requests[], int *Done, int Indices[],
                 MPI_Status Given[]) {
  if (pending().empty() && !anyPersistent())
    return PMPI_Testsome(N, Requests, Done, Indices, Given);
  return someCompleted(N, Requests, Done, Indices, Given, PMPI_Testsome);
}

int MPI_Request_free(MPI_Request *Request) {
  int Freed;
  if (freePersistent(Request, &Freed))
    return Freed;
  if (!pending().empty() && pending().contains(*Request)) {
    // Nothing would tell when the operation ends: its host copy could be
    // neither released nor (for a receive) copied to the device.
    std::fprintf(stderr,
                 "tongxin: MPI_Request_free on a request whose buffer is in "
                 "memory of a device the host cannot address is not "
                 "supported (it goes through a host copy that only a wait "
                 "or test releases); wait for the request instead\n");
    return MPI_ERR_REQUEST;
  }
  return PMPI_Request_free(Request);
}

#pragma GCC visibility pop

} // extern "C"
