//===- mpi/CudaAwareMpi.cpp - MPI calls on private device memory ----------===//
//
// Part of Tongxin. libtongxin_mpi defines MPI's point-to-point and
// collective calls, blocking and non-blocking, over MPI's profiling
// interface (PMPI): a buffer in memory of a device the host cannot address
// goes through a host copy (DeviceBuffers.h), anything else reaches MPI
// unchanged. Linked before MPI's own libraries (`-ltongxin_mpi`), its
// definitions are the ones the program calls. A blocking call copies its
// results back before it returns; a non-blocking one when its request
// completes (PendingRequests.h).
//
//===----------------------------------------------------------------------===//

#include "Communicators.h"
#include "PendingRequests.h"

#include <cstdio>

using namespace tx::mpi;

int tx::mpi::refuseIfInter(MPI_Comm Comm, const void *SendBuf,
                           const void *RecvBuf) {
  // The buffers first: with CPU devices only, that test costs nothing.
  int Inter = 0;
  if ((!inPrivateDeviceMemory(SendBuf) && !inPrivateDeviceMemory(RecvBuf)) ||
      PMPI_Comm_test_inter(Comm, &Inter) != MPI_SUCCESS || !Inter)
    return MPI_SUCCESS;
  std::fprintf(stderr, "tongxin: a collective on an intercommunicator with a "
                       "buffer in memory of a device the host cannot address "
                       "is not supported\n");
  return MPI_ERR_COMM;
}

namespace {

/// Count elements for each of the communicator's ranks.
int perRank(int Count, MPI_Comm Comm) { return Count * sizeOf(Comm); }

/// MPI's blocking sends (standard, synchronous, buffered, ready).
using BlockingSend = int (*)(const void *, int, MPI_Datatype, int, int,
                             MPI_Comm);
/// MPI's non-blocking sends.
using NonBlockingSend = int (*)(const void *, int, MPI_Datatype, int, int,
                                MPI_Comm, MPI_Request *);

/// A blocking send in any mode, its buffer staged for the call.
int stagedSend(BlockingSend Send, const void *Buf, int Count, MPI_Datatype Type,
               int Dest, int Tag, MPI_Comm Comm) {
  Exchange X;
  if (int Err = X.send(Buf, Count, Type))
    return Err;
  return Send(X.Send, Count, Type, Dest, Tag, Comm);
}

/// A non-blocking send in any mode, its staged buffer kept with the request.
int stagedStart(NonBlockingSend Send, const void *Buf, int Count,
                MPI_Datatype Type, int Dest, int Tag, MPI_Comm Comm,
                MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = X->send(Buf, Count, Type))
    return Err;
  int Result = Send(X->Send, Count, Type, Dest, Tag, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

// The buffers each call stages, shared by its blocking and non-blocking
// forms. Each returns an MPI error, or MPI_SUCCESS with X.Send and
// X.Receive set to what MPI is given.

int stageSendRecv(Exchange &X, const void *SendBuf, int SendCount,
                  MPI_Datatype SendType, void *RecvBuf, int RecvCount,
                  MPI_Datatype RecvType) {
  if (int Err = X.send(SendBuf, SendCount, SendType))
    return Err;
  return X.receive(RecvBuf, RecvCount, RecvType);
}

int stageAllreduce(Exchange &X, const void *SendBuf, void *RecvBuf, int Count,
                   MPI_Datatype Type, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  return stageSendRecv(X, SendBuf, Count, Type, RecvBuf, Count, Type);
}

/// The root's buffer is read, the others' written; MPI gets X.Receive.
int stageBcast(Exchange &X, void *Buf, int Count, MPI_Datatype Type, int Root,
               MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, Buf, nullptr))
    return Err;
  if (rankIn(Comm) != Root)
    return X.receive(Buf, Count, Type);
  int Err = X.send(Buf, Count, Type);
  X.Receive = X.Send;
  return Err;
}

/// The receive buffer is significant at the root only.
int stageReduce(Exchange &X, const void *SendBuf, void *RecvBuf, int Count,
                MPI_Datatype Type, int Root, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  if (int Err = X.send(SendBuf, Count, Type))
    return Err;
  X.Receive = RecvBuf;
  return rankIn(Comm) == Root ? X.receive(RecvBuf, Count, Type) : MPI_SUCCESS;
}

int stageAllgather(Exchange &X, const void *SendBuf, int SendCount,
                   MPI_Datatype SendType, void *RecvBuf, int RecvCount,
                   MPI_Datatype RecvType, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  return stageSendRecv(X, SendBuf, SendCount, SendType, RecvBuf,
                       perRank(RecvCount, Comm), RecvType);
}

/// The receive buffer is significant at the root only.
int stageGather(Exchange &X, const void *SendBuf, int SendCount,
                MPI_Datatype SendType, void *RecvBuf, int RecvCount,
                MPI_Datatype RecvType, int Root, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  if (int Err = X.send(SendBuf, SendCount, SendType))
    return Err;
  X.Receive = RecvBuf;
  return rankIn(Comm) == Root
             ? X.receive(RecvBuf, perRank(RecvCount, Comm), RecvType)
             : MPI_SUCCESS;
}

/// The send buffer is significant at the root only.
int stageScatter(Exchange &X, const void *SendBuf, int SendCount,
                 MPI_Datatype SendType, void *RecvBuf, int RecvCount,
                 MPI_Datatype RecvType, int Root, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  X.Send = const_cast<void *>(SendBuf);
  if (rankIn(Comm) == Root)
    if (int Err = X.send(SendBuf, perRank(SendCount, Comm), SendType))
      return Err;
  return X.receive(RecvBuf, RecvCount, RecvType);
}

int stageAlltoall(Exchange &X, const void *SendBuf, int SendCount,
                  MPI_Datatype SendType, void *RecvBuf, int RecvCount,
                  MPI_Datatype RecvType, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  return stageSendRecv(X, SendBuf, perRank(SendCount, Comm), SendType, RecvBuf,
                       perRank(RecvCount, Comm), RecvType);
}

/// In place, the receive buffer holds every rank's blocks on the way in.
int stageReduceScatterBlock(Exchange &X, const void *SendBuf, void *RecvBuf,
                            int RecvCount, MPI_Datatype Type, MPI_Comm Comm) {
  if (int Err = refuseIfInter(Comm, SendBuf, RecvBuf))
    return Err;
  int Held = SendBuf == MPI_IN_PLACE ? perRank(RecvCount, Comm) : RecvCount;
  return stageSendRecv(X, SendBuf, perRank(RecvCount, Comm), Type, RecvBuf,
                       Held, Type);
}

} // namespace

extern "C" {

#pragma GCC visibility push(default)

int MPI_Send(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
             MPI_Comm Comm) {
  return stagedSend(PMPI_Send, Buf, Count, Type, Dest, Tag, Comm);
}

int MPI_Ssend(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
              MPI_Comm Comm) {
  return stagedSend(PMPI_Ssend, Buf, Count, Type, Dest, Tag, Comm);
}

int MPI_Bsend(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
              MPI_Comm Comm) {
  return stagedSend(PMPI_Bsend, Buf, Count, Type, Dest, Tag, Comm);
}

int MPI_Rsend(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
              MPI_Comm Comm) {
  return stagedSend(PMPI_Rsend, Buf, Count, Type, Dest, Tag, Comm);
}

int MPI_Recv(void *Buf, int Count, MPI_Datatype Type, int Source, int Tag,
             MPI_Comm Comm, MPI_Status *Status) {
  Exchange X;
  if (int Err = X.receive(Buf, Count, Type))
    return Err;
  return X.finish(PMPI_Recv(X.Receive, Count, Type, Source, Tag, Comm, Status));
}

int MPI_Sendrecv(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                 int Dest, int SendTag, void *RecvBuf, int RecvCount,
                 MPI_Datatype RecvType, int Source, int RecvTag, MPI_Comm Comm,
                 MPI_Status *Status) {
  Exchange X;
  if (int Err = stageSendRecv(X, SendBuf, SendCount, SendType, RecvBuf,
                              RecvCount, RecvType))
    return Err;
  return X.finish(PMPI_Sendrecv(X.Send, SendCount, SendType, Dest, SendTag,
                                X.Receive, RecvCount, RecvType, Source, RecvTag,
                                Comm, Status));
}

int MPI_Bcast(void *Buf, int Count, MPI_Datatype Type, int Root,
              MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageBcast(X, Buf, Count, Type, Root, Comm))
    return Err;
  return X.finish(PMPI_Bcast(X.Receive, Count, Type, Root, Comm));
}

int MPI_Reduce(const void *SendBuf, void *RecvBuf, int Count, MPI_Datatype Type,
               MPI_Op Op, int Root, MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageReduce(X, SendBuf, RecvBuf, Count, Type, Root, Comm))
    return Err;
  return X.finish(PMPI_Reduce(X.Send, X.Receive, Count, Type, Op, Root, Comm));
}

int MPI_Allreduce(const void *SendBuf, void *RecvBuf, int Count,
                  MPI_Datatype Type, MPI_Op Op, MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageAllreduce(X, SendBuf, RecvBuf, Count, Type, Comm))
    return Err;
  return X.finish(PMPI_Allreduce(X.Send, X.Receive, Count, Type, Op, Comm));
}

int MPI_Allgather(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                  void *RecvBuf, int RecvCount, MPI_Datatype RecvType,
                  MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageAllgather(X, SendBuf, SendCount, SendType, RecvBuf,
                               RecvCount, RecvType, Comm))
    return Err;
  return X.finish(PMPI_Allgather(X.Send, SendCount, SendType, X.Receive,
                                 RecvCount, RecvType, Comm));
}

int MPI_Gather(const void *SendBuf, int SendCount, MPI_Datatype SendType,
               void *RecvBuf, int RecvCount, MPI_Datatype RecvType, int Root,
               MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageGather(X, SendBuf, SendCount, SendType, RecvBuf, RecvCount,
                            RecvType, Root, Comm))
    return Err;
  return X.finish(PMPI_Gather(X.Send, SendCount, SendType, X.Receive, RecvCount,
                              RecvType, Root, Comm));
}

int MPI_Scatter(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                void *RecvBuf, int RecvCount, MPI_Datatype RecvType, int Root,
                MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageScatter(X, SendBuf, SendCount, SendType, RecvBuf,
                             RecvCount, RecvType, Root, Comm))
    return Err;
  return X.finish(PMPI_Scatter(X.Send, SendCount, SendType, X.Receive,
                               RecvCount, RecvType, Root, Comm));
}

int MPI_Alltoall(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                 void *RecvBuf, int RecvCount, MPI_Datatype RecvType,
                 MPI_Comm Comm) {
  Exchange X;
  if (int Err = stageAlltoall(X, SendBuf, SendCount, SendType, RecvBuf,
                              RecvCount, RecvType, Comm))
    return Err;
  return X.finish(PMPI_Alltoall(X.Send, SendCount, SendType, X.Receive,
                                RecvCount, RecvType, Comm));
}

int MPI_Reduce_scatter_block(const void *SendBuf, void *RecvBuf, int RecvCount,
                             MPI_Datatype Type, MPI_Op Op, MPI_Comm Comm) {
  Exchange X;
  if (int Err =
          stageReduceScatterBlock(X, SendBuf, RecvBuf, RecvCount, Type, Comm))
    return Err;
  return X.finish(
      PMPI_Reduce_scatter_block(X.Send, X.Receive, RecvCount, Type, Op, Comm));
}

// Non-blocking forms: the same staging, kept with the request until it
// completes.

int MPI_Isend(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
              MPI_Comm Comm, MPI_Request *Request) {
  return stagedStart(PMPI_Isend, Buf, Count, Type, Dest, Tag, Comm, Request);
}

int MPI_Issend(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
               MPI_Comm Comm, MPI_Request *Request) {
  return stagedStart(PMPI_Issend, Buf, Count, Type, Dest, Tag, Comm, Request);
}

int MPI_Ibsend(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
               MPI_Comm Comm, MPI_Request *Request) {
  return stagedStart(PMPI_Ibsend, Buf, Count, Type, Dest, Tag, Comm, Request);
}

int MPI_Irsend(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
               MPI_Comm Comm, MPI_Request *Request) {
  return stagedStart(PMPI_Irsend, Buf, Count, Type, Dest, Tag, Comm, Request);
}

int MPI_Irecv(void *Buf, int Count, MPI_Datatype Type, int Source, int Tag,
              MPI_Comm Comm, MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = X->receive(Buf, Count, Type))
    return Err;
  int Result = PMPI_Irecv(X->Receive, Count, Type, Source, Tag, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Ibcast(void *Buf, int Count, MPI_Datatype Type, int Root, MPI_Comm Comm,
               MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageBcast(*X, Buf, Count, Type, Root, Comm))
    return Err;
  int Result = PMPI_Ibcast(X->Receive, Count, Type, Root, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Ireduce(const void *SendBuf, void *RecvBuf, int Count,
                MPI_Datatype Type, MPI_Op Op, int Root, MPI_Comm Comm,
                MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageReduce(*X, SendBuf, RecvBuf, Count, Type, Root, Comm))
    return Err;
  int Result =
      PMPI_Ireduce(X->Send, X->Receive, Count, Type, Op, Root, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Iallreduce(const void *SendBuf, void *RecvBuf, int Count,
                   MPI_Datatype Type, MPI_Op Op, MPI_Comm Comm,
                   MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageAllreduce(*X, SendBuf, RecvBuf, Count, Type, Comm))
    return Err;
  int Result =
      PMPI_Iallreduce(X->Send, X->Receive, Count, Type, Op, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Iallgather(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                   void *RecvBuf, int RecvCount, MPI_Datatype RecvType,
                   MPI_Comm Comm, MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageAllgather(*X, SendBuf, SendCount, SendType, RecvBuf,
                               RecvCount, RecvType, Comm))
    return Err;
  int Result = PMPI_Iallgather(X->Send, SendCount, SendType, X->Receive,
                               RecvCount, RecvType, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Igather(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                void *RecvBuf, int RecvCount, MPI_Datatype RecvType, int Root,
                MPI_Comm Comm, MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageGather(*X, SendBuf, SendCount, SendType, RecvBuf,
                            RecvCount, RecvType, Root, Comm))
    return Err;
  int Result = PMPI_Igather(X->Send, SendCount, SendType, X->Receive, RecvCount,
                            RecvType, Root, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Iscatter(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                 void *RecvBuf, int RecvCount, MPI_Datatype RecvType, int Root,
                 MPI_Comm Comm, MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageScatter(*X, SendBuf, SendCount, SendType, RecvBuf,
                             RecvCount, RecvType, Root, Comm))
    return Err;
  int Result = PMPI_Iscatter(X->Send, SendCount, SendType, X->Receive,
                             RecvCount, RecvType, Root, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Ialltoall(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                  void *RecvBuf, int RecvCount, MPI_Datatype RecvType,
                  MPI_Comm Comm, MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err = stageAlltoall(*X, SendBuf, SendCount, SendType, RecvBuf,
                              RecvCount, RecvType, Comm))
    return Err;
  int Result = PMPI_Ialltoall(X->Send, SendCount, SendType, X->Receive,
                              RecvCount, RecvType, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

int MPI_Ireduce_scatter_block(const void *SendBuf, void *RecvBuf, int RecvCount,
                              MPI_Datatype Type, MPI_Op Op, MPI_Comm Comm,
                              MPI_Request *Request) {
  auto X = std::make_unique<Exchange>();
  if (int Err =
          stageReduceScatterBlock(*X, SendBuf, RecvBuf, RecvCount, Type, Comm))
    return Err;
  int Result = PMPI_Ireduce_scatter_block(X->Send, X->Receive, RecvCount, Type,
                                          Op, Comm, Request);
  return keepUntilComplete(std::move(X), Result, Request);
}

#pragma GCC visibility pop

} // extern "C"
