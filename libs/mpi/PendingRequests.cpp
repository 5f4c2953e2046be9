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

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <vector>

using namespace tx::mpi;

namespace {

class PendingTable {
public:
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

/// Request Old completed with Status and Result (its own outcome): its
/// results go to the device, its host copies away. Returns Result, or
/// MPI_ERR_BUFFER if the copy to the device failed.
int complete(MPI_Request Old, const MPI_Status *Status, int Result) {
  std::unique_ptr<Exchange> X = pending().take(Old);
  if (!X)
    return Result;
  int Cancelled = 0;
  if (Result == MPI_SUCCESS &&
      PMPI_Test_cancelled(Status, &Cancelled) == MPI_SUCCESS && Cancelled)
    return Result; // Nothing arrived.
  return X->finish(Result);
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
  MPI_Status &operator[](int I) { return Array[I]; }

private:
  MPI_Status *Array;
  std::vector<MPI_Status> Own;
};

/// Request I's own outcome, from the call's Result (MPI_ERR_IN_STATUS:
/// each status says).
int outcomeOf(int Result, const MPI_Status &Status) {
  return Result == MPI_ERR_IN_STATUS ? Status.MPI_ERROR : Result;
}

/// Completes the staged requests among Old[Indices[0..Done)] (all of Old
/// where Indices is null); Result unless a copy to the device failed.
int completeAll(const std::vector<MPI_Request> &Old, const int *Indices,
                int Done, Statuses &S, int Result) {
  int Failed = MPI_SUCCESS;
  for (int K = 0; K < Done; ++K) {
    int I = Indices ? Indices[K] : K;
    int Own = outcomeOf(Result, S[K]);
    if (Own == MPI_ERR_PENDING)
      continue; // Not completed (MPI_Waitall with MPI_ERR_IN_STATUS).
    if (complete(Old[size_t(I)], &S[K], Own) == MPI_ERR_BUFFER &&
        Own == MPI_SUCCESS)
      Failed = MPI_ERR_BUFFER;
  }
  return Failed != MPI_SUCCESS ? Failed : Result;
}

} // namespace

int tx::mpi::keepUntilComplete(std::unique_ptr<Exchange> X, int Result,
                               MPI_Request *Request) {
  if (Result == MPI_SUCCESS && X->staged())
    pending().add(*Request, std::move(X));
  return Result;
}

extern "C" {

#pragma GCC visibility push(default)

int MPI_Wait(MPI_Request *Request, MPI_Status *Status) {
  if (pending().empty())
    return PMPI_Wait(Request, Status);
  MPI_Request Old = *Request;
  Statuses S(0, Status);
  int Result = PMPI_Wait(Request, S.data());
  return complete(Old, S.data(), Result);
}

int MPI_Test(MPI_Request *Request, int *Flag, MPI_Status *Status) {
  if (pending().empty())
    return PMPI_Test(Request, Flag, Status);
  MPI_Request Old = *Request;
  Statuses S(0, Status);
  int Result = PMPI_Test(Request, Flag, S.data());
  return Result == MPI_SUCCESS && *Flag ? complete(Old, S.data(), Result)
                                        : Result;
}

int MPI_Waitall(int N, MPI_Request Requests[], MPI_Status Given[]) {
  if (pending().empty())
    return PMPI_Waitall(N, Requests, Given);
  std::vector<MPI_Request> Old(Requests, Requests + (N > 0 ? N : 0));
  Statuses S(N, Given);
  int Result = PMPI_Waitall(N, Requests, S.data());
  return completeAll(Old, nullptr, N, S, Result);
}

int MPI_Testall(int N, MPI_Request Requests[], int *Flag, MPI_Status Given[]) {
  if (pending().empty())
    return PMPI_Testall(N, Requests, Flag, Given);
  std::vector<MPI_Request> Old(Requests, Requests + (N > 0 ? N : 0));
  Statuses S(N, Given);
  int Result = PMPI_Testall(N, Requests, Flag, S.data());
  if ((Result != MPI_SUCCESS && Result != MPI_ERR_IN_STATUS) || !*Flag)
    return Result; // None completed.
  return completeAll(Old, nullptr, N, S, Result);
}

int MPI_Waitany(int N, MPI_Request Requests[], int *Index, MPI_Status *Status) {
  if (pending().empty())
    return PMPI_Waitany(N, Requests, Index, Status);
  std::vector<MPI_Request> Old(Requests, Requests + (N > 0 ? N : 0));
  Statuses S(0, Status);
  int Result = PMPI_Waitany(N, Requests, Index, S.data());
  if (*Index == MPI_UNDEFINED)
    return Result;
  return complete(Old[size_t(*Index)], S.data(), Result);
}

int MPI_Testany(int N, MPI_Request Requests[], int *Index, int *Flag,
                MPI_Status *Status) {
  if (pending().empty())
    return PMPI_Testany(N, Requests, Index, Flag, Status);
  std::vector<MPI_Request> Old(Requests, Requests + (N > 0 ? N : 0));
  Statuses S(0, Status);
  int Result = PMPI_Testany(N, Requests, Index, Flag, S.data());
  if (!*Flag || *Index == MPI_UNDEFINED)
    return Result;
  return complete(Old[size_t(*Index)], S.data(), Result);
}

int MPI_Waitsome(int N, MPI_Request Requests[], int *Done, int Indices[],
                 MPI_Status Given[]) {
  if (pending().empty())
    return PMPI_Waitsome(N, Requests, Done, Indices, Given);
  std::vector<MPI_Request> Old(Requests, Requests + (N > 0 ? N : 0));
  Statuses S(N, Given);
  int Result = PMPI_Waitsome(N, Requests, Done, Indices, S.data());
  if (*Done == MPI_UNDEFINED)
    return Result;
  return completeAll(Old, Indices, *Done, S, Result);
}

int MPI_Testsome(int N, MPI_Request Requests[], int *Done, int Indices[],
                 MPI_Status Given[]) {
  if (pending().empty())
    return PMPI_Testsome(N, Requests, Done, Indices, Given);
  std::vector<MPI_Request> Old(Requests, Requests + (N > 0 ? N : 0));
  Statuses S(N, Given);
  int Result = PMPI_Testsome(N, Requests, Done, Indices, S.data());
  if (*Done == MPI_UNDEFINED)
    return Result;
  return completeAll(Old, Indices, *Done, S, Result);
}

int MPI_Request_free(MPI_Request *Request) {
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
