//===- mpi/VariableCollectives.cpp - Per-rank counts on device memory -----===//
//
// Part of Tongxin. The collectives with a count (and displacement) per
// rank -- MPI_Gatherv, MPI_Scatterv, MPI_Allgatherv, MPI_Alltoallv,
// MPI_Alltoallw, MPI_Reduce_scatter and their non-blocking forms -- on
// memory of a device the host cannot address: the buffer a rank's counts
// and displacements reach (from its start to the furthest block's end)
// goes through a host copy, like CudaAwareMpi.cpp's fixed-count
// collectives. A receive buffer's copy starts as the device's bytes, so
// the gaps between blocks keep their values.
//
//===----------------------------------------------------------------------===//

#include "Communicators.h"
#include "PendingRequests.h"

#include <algorithm>
#include <climits>
#include <cstdio>

using namespace tx::mpi;

namespace {

/// The elements of Buf that Counts and Displs reach on Ranks ranks, in
/// *Span, where Buf must be staged (0 elsewhere: MPI then gets Buf itself
/// and checks the arrays on its own). MPI_ERR_ARG for a negative
/// displacement or a reach past INT_MAX elements, which a host copy from
/// Buf's start cannot cover.
int spanOf(const void *Buf, const int Counts[], const int Displs[], int Ranks,
           int *Span) {
  *Span = 0;
  if (!inPrivateDeviceMemory(Buf))
    return MPI_SUCCESS;
  if (!Counts || !Displs)
    return MPI_ERR_ARG;
  long long End = 0;
  for (int R = 0; R < Ranks; ++R) {
    if (Counts[R] <= 0)
      continue;
    if (Displs[R] < 0) {
      std::fprintf(stderr, "tongxin: a negative displacement into memory of a "
                           "device the host cannot address is not supported\n");
      return MPI_ERR_ARG;
    }
    End = std::max(End, (long long)Displs[R] + Counts[R]);
  }
  if (End > INT_MAX)
    return MPI_ERR_ARG;
  *Span = int(End);
  return MPI_SUCCESS;
}

/// Sum of Ranks counts (MPI_Reduce_scatter's input), 0 where Buf and In
/// need no staging.
int totalOf(const void *Buf, const void *In, const int Counts[], int Ranks,
            int *Total) {
  *Total = 0;
  if (!inPrivateDeviceMemory(Buf) && !inPrivateDeviceMemory(In))
    return MPI_SUCCESS;
  if (!Counts)
    return MPI_ERR_ARG;
  long long Sum = 0;
  for (int R = 0; R < Ranks; ++R)
    Sum += std::max(Counts[R], 0);
  if (Sum > INT_MAX)
    return MPI_ERR_ARG;
  *Total = int(Sum);
  return MPI_SUCCESS;
}

/// The bytes of Buf that MPI_Alltoallw's counts, byte displacements and
/// per-rank datatypes reach, in *Span (0 where Buf needs no staging).
int byteSpanOf(const void *Buf, const int Counts[], const int Displs[],
               const MPI_Datatype Types[], int Ranks, int *Span) {
  *Span = 0;
  if (!inPrivateDeviceMemory(Buf))
    return MPI_SUCCESS;
  if (!Counts || !Displs || !Types)
    return MPI_ERR_ARG;
  long long End = 0;
  for (int R = 0; R < Ranks; ++R) {
    if (Counts[R] <= 0)
      continue;
    MPI_Aint Lower, Extent, TrueLower, TrueExtent;
    if (int Err = PMPI_Type_get_extent(Types[R], &Lower, &Extent))
      return Err;
    if (int Err = PMPI_Type_get_true_extent(Types[R], &TrueLower, &TrueExtent))
      return Err;
    long long Start = (long long)Displs[R] + TrueLower;
    if (Start < 0) {
      std::fprintf(stderr, "tongxin: a negative displacement into memory of a "
                           "device the host cannot address is not supported\n");
      return MPI_ERR_ARG;
    }
    End = std::max(End, Start + (long long)(Counts[R] - 1) * Extent +
                            (long long)TrueExtent);
  }
  if (End > INT_MAX)
    return MPI_ERR_ARG;
  *Span = int(End);
  return MPI_SUCCESS;
}

/// The buffers as bytes (each rank's datatype applies inside them); in
/// place, the receive buffer holds the blocks to send on the way in.
int stageAlltoallw(Exchange &X, const void *SendBuf, const int SendCounts[],
                   const int SendDispls[], const MPI_Datatype SendTypes[],
                   void *RecvBuf, const int RecvCounts[],
                   const int RecvDispls[], const MPI_Datatype RecvTypes[],
                   MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  int Ranks = sizeOf(Comm), SendSpan, RecvSpan;
  if (int Err = byteSpanOf(SendBuf, SendCounts, SendDispls, SendTypes, Ranks,
                           &SendSpan))
    return Err;
  if (int Err = byteSpanOf(RecvBuf, RecvCounts, RecvDispls, RecvTypes, Ranks,
                           &RecvSpan))
    return Err;
  if (int Err = X.send(SendBuf, SendSpan, MPI_BYTE))
    return Err;
  return X.receive(RecvBuf, RecvSpan, MPI_BYTE);
}

/// The receive buffer (with its counts) is significant at the root only.
int stageGatherv(Exchange &X, const void *SendBuf, int SendCount,
                 MPI_Datatype SendType, void *RecvBuf, const int RecvCounts[],
                 const int Displs[], MPI_Datatype RecvType, int Root,
                 MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  if (int Err = X.send(SendBuf, SendCount, SendType))
    return Err;
  X.Receive = RecvBuf;
  if (rankIn(Comm) != Root)
    return MPI_SUCCESS;
  int Span;
  if (int Err = spanOf(RecvBuf, RecvCounts, Displs, sizeOf(Comm), &Span))
    return Err;
  return X.receive(RecvBuf, Span, RecvType);
}

/// The send buffer (with its counts) is significant at the root only.
int stageScatterv(Exchange &X, const void *SendBuf, const int SendCounts[],
                  const int Displs[], MPI_Datatype SendType, void *RecvBuf,
                  int RecvCount, MPI_Datatype RecvType, int Root,
                  MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  X.Send = const_cast<void *>(SendBuf);
  if (rankIn(Comm) == Root) {
    int Span;
    if (int Err = spanOf(SendBuf, SendCounts, Displs, sizeOf(Comm), &Span))
      return Err;
    if (int Err = X.send(SendBuf, Span, SendType))
      return Err;
  }
  return X.receive(RecvBuf, RecvCount, RecvType);
}

/// In place, the receive buffer holds this rank's block on the way in.
int stageAllgatherv(Exchange &X, const void *SendBuf, int SendCount,
                    MPI_Datatype SendType, void *RecvBuf,
                    const int RecvCounts[], const int Displs[],
                    MPI_Datatype RecvType, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  if (int Err = X.send(SendBuf, SendCount, SendType))
    return Err;
  int Span;
  if (int Err = spanOf(RecvBuf, RecvCounts, Displs, sizeOf(Comm), &Span))
    return Err;
  return X.receive(RecvBuf, Span, RecvType);
}

/// In place, the receive buffer holds the blocks to send on the way in.
int stageAlltoallv(Exchange &X, const void *SendBuf, const int SendCounts[],
                   const int SendDispls[], MPI_Datatype SendType, void *RecvBuf,
                   const int RecvCounts[], const int RecvDispls[],
                   MPI_Datatype RecvType, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  int Ranks = sizeOf(Comm), SendSpan, RecvSpan;
  if (int Err = spanOf(SendBuf, SendCounts, SendDispls, Ranks, &SendSpan))
    return Err;
  if (int Err = spanOf(RecvBuf, RecvCounts, RecvDispls, Ranks, &RecvSpan))
    return Err;
  if (int Err = X.send(SendBuf, SendSpan, SendType))
    return Err;
  return X.receive(RecvBuf, RecvSpan, RecvType);
}

/// The input is every rank's counts back to back; this rank receives its
/// own count (in place, the receive buffer holds the whole input first).
int stageReduceScatter(Exchange &X, const void *SendBuf, void *RecvBuf,
                       const int RecvCounts[], MPI_Datatype Type,
                       MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  int Total;
  if (int Err = totalOf(RecvBuf, SendBuf, RecvCounts, sizeOf(Comm), &Total))
    return Err;
  if (int Err = X.send(SendBuf, Total, Type))
    return Err;
  int Mine = inPrivateDeviceMemory(RecvBuf) ? RecvCounts[rankIn(Comm)] : 0;
  return X.receive(RecvBuf, SendBuf == MPI_IN_PLACE ? Total : Mine, Type);
}

} // namespace

extern "C" {

#pragma GCC visibility push(default)

int MPI_Gatherv(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                void *RecvBuf, const int RecvCounts[], const int Displs[],
                MPI_Datatype RecvType, int Root, MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageGatherv(X, SendBuf, SendCount, SendType, RecvBuf,
                             RecvCounts, Displs, RecvType, Root, Comm))
    return Err;
  return X.finish(PMPI_Gatherv(X.Send, SendCount, SendType, X.Receive,
                               RecvCounts, Displs, RecvType, Root, Comm));
}

int MPI_Igatherv(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                 void *RecvBuf, const int RecvCounts[], const int Displs[],
                 MPI_Datatype RecvType, int Root, MPI_Comm Comm,
                 MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageGatherv(*X, SendBuf, SendCount, SendType, RecvBuf,
                             RecvCounts, Displs, RecvType, Root, Comm))
    return Err;
  int Result = PMPI_Igatherv(X->Send, SendCount, SendType, X->Receive,
                             RecvCounts, Displs, RecvType, Root, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Scatterv(const void *SendBuf, const int SendCounts[],
                 const int Displs[], MPI_Datatype SendType, void *RecvBuf,
                 int RecvCount, MPI_Datatype RecvType, int Root,
                 MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageScatterv(X, SendBuf, SendCounts, Displs, SendType, RecvBuf,
                              RecvCount, RecvType, Root, Comm))
    return Err;
  return X.finish(PMPI_Scatterv(X.Send, SendCounts, Displs, SendType, X.Receive,
                                RecvCount, RecvType, Root, Comm));
}

int MPI_Iscatterv(const void *SendBuf, const int SendCounts[],
                  const int Displs[], MPI_Datatype SendType, void *RecvBuf,
                  int RecvCount, MPI_Datatype RecvType, int Root, MPI_Comm Comm,
                  MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageScatterv(*X, SendBuf, SendCounts, Displs, SendType,
                              RecvBuf, RecvCount, RecvType, Root, Comm))
    return Err;
  int Result = PMPI_Iscatterv(X->Send, SendCounts, Displs, SendType, X->Receive,
                              RecvCount, RecvType, Root, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Allgatherv(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                   void *RecvBuf, const int RecvCounts[], const int Displs[],
                   MPI_Datatype RecvType, MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageAllgatherv(X, SendBuf, SendCount, SendType, RecvBuf,
                                RecvCounts, Displs, RecvType, Comm))
    return Err;
  return X.finish(PMPI_Allgatherv(X.Send, SendCount, SendType, X.Receive,
                                  RecvCounts, Displs, RecvType, Comm));
}

int MPI_Iallgatherv(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                    void *RecvBuf, const int RecvCounts[], const int Displs[],
                    MPI_Datatype RecvType, MPI_Comm Comm,
                    MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageAllgatherv(*X, SendBuf, SendCount, SendType, RecvBuf,
                                RecvCounts, Displs, RecvType, Comm))
    return Err;
  int Result = PMPI_Iallgatherv(X->Send, SendCount, SendType, X->Receive,
                                RecvCounts, Displs, RecvType, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Alltoallv(const void *SendBuf, const int SendCounts[],
                  const int SendDispls[], MPI_Datatype SendType, void *RecvBuf,
                  const int RecvCounts[], const int RecvDispls[],
                  MPI_Datatype RecvType, MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageAlltoallv(X, SendBuf, SendCounts, SendDispls, SendType,
                               RecvBuf, RecvCounts, RecvDispls, RecvType, Comm))
    return Err;
  return X.finish(PMPI_Alltoallv(X.Send, SendCounts, SendDispls, SendType,
                                 X.Receive, RecvCounts, RecvDispls, RecvType,
                                 Comm));
}

int MPI_Ialltoallv(const void *SendBuf, const int SendCounts[],
                   const int SendDispls[], MPI_Datatype SendType, void *RecvBuf,
                   const int RecvCounts[], const int RecvDispls[],
                   MPI_Datatype RecvType, MPI_Comm Comm, MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageAlltoallv(*X, SendBuf, SendCounts, SendDispls, SendType,
                               RecvBuf, RecvCounts, RecvDispls, RecvType, Comm))
    return Err;
  int Result =
      PMPI_Ialltoallv(X->Send, SendCounts, SendDispls, SendType, X->Receive,
                      RecvCounts, RecvDispls, RecvType, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Reduce_scatter(const void *SendBuf, void *RecvBuf,
                       const int RecvCounts[], MPI_Datatype Type, MPI_Op Op,
                       MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageReduceScatter(X, SendBuf, RecvBuf, RecvCounts, Type, Comm))
    return Err;
  return X.finish(
      PMPI_Reduce_scatter(X.Send, X.Receive, RecvCounts, Type, Op, Comm));
}

int MPI_Ireduce_scatter(const void *SendBuf, void *RecvBuf,
                        const int RecvCounts[], MPI_Datatype Type, MPI_Op Op,
                        MPI_Comm Comm, MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err =
          stageReduceScatter(*X, SendBuf, RecvBuf, RecvCounts, Type, Comm))
    return Err;
  int Result = PMPI_Ireduce_scatter(X->Send, X->Receive, RecvCounts, Type, Op,
                                    Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Alltoallw(const void *SendBuf, const int SendCounts[],
                  const int SendDispls[], const MPI_Datatype SendTypes[],
                  void *RecvBuf, const int RecvCounts[], const int RecvDispls[],
                  const MPI_Datatype RecvTypes[], MPI_Comm Comm) {
  Exchange X;
  if (int Err =
          stageAlltoallw(X, SendBuf, SendCounts, SendDispls, SendTypes, RecvBuf,
                         RecvCounts, RecvDispls, RecvTypes, Comm))
    return Err;
  return X.finish(PMPI_Alltoallw(X.Send, SendCounts, SendDispls, SendTypes,
                                 X.Receive, RecvCounts, RecvDispls, RecvTypes,
                                 Comm));
}

int MPI_Ialltoallw(const void *SendBuf, const int SendCounts[],
                   const int SendDispls[], const MPI_Datatype SendTypes[],
                   void *RecvBuf, const int RecvCounts[],
                   const int RecvDispls[], const MPI_Datatype RecvTypes[],
                   MPI_Comm Comm, MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err =
          stageAlltoallw(*X, SendBuf, SendCounts, SendDispls, SendTypes,
                         RecvBuf, RecvCounts, RecvDispls, RecvTypes, Comm))
    return Err;
  int Result =
      PMPI_Ialltoallw(X->Send, SendCounts, SendDispls, SendTypes, X->Receive,
                      RecvCounts, RecvDispls, RecvTypes, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

#pragma GCC visibility pop

} // extern "C"
