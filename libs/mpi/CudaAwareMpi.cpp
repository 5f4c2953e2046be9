//===- mpi/CudaAwareMpi.cpp - MPI calls on private device memory ----------===//
//
// Part of Tongxin. libtongxin_mpi defines MPI's blocking point-to-point and
// collective calls over MPI's profiling interface (PMPI): a buffer in
// memory of a device the host cannot address goes through a host copy
// (DeviceBuffers.h), anything else reaches MPI unchanged. Linked before
// MPI's own libraries (`-ltongxin_mpi`), its definitions are the ones the
// program calls. Non-blocking calls on such memory are refused: their
// buffers would have to be copied back when the request completes.
//
//===----------------------------------------------------------------------===//

#include "DeviceBuffers.h"

#include <cstdio>

using namespace tx::mpi;

namespace {

int rankIn(MPI_Comm Comm) {
  int Rank = 0;
  PMPI_Comm_rank(Comm, &Rank);
  return Rank;
}

int sizeOf(MPI_Comm Comm) {
  int Size = 1;
  PMPI_Comm_size(Comm, &Size);
  return Size;
}

/// Count elements for each of the communicator's ranks.
int perRank(int Count, MPI_Comm Comm) { return Count * sizeOf(Comm); }

/// The refusal of a non-blocking call on private device memory.
int refuseNonBlocking(const char *Call) {
  std::fprintf(stderr,
               "tongxin: %s on memory of a device the host cannot address is "
               "not supported (its buffer goes through host memory, which a "
               "non-blocking call would hold past its return); use the "
               "blocking call\n",
               Call);
  return MPI_ERR_BUFFER;
}

/// The buffers of one call: a send buffer the call reads and a receive
/// buffer it writes (and reads first when the send buffer is MPI_IN_PLACE),
/// each staged if it lies in private device memory.
class Exchange {
public:
  int send(const void *Buf, int Count, MPI_Datatype Type) {
    int Err;
    Send = Sent.prepare(Buf, Count, Type, Direction::In, &Err);
    InPlace = Buf == MPI_IN_PLACE;
    return Err;
  }
  int receive(void *Buf, int Count, MPI_Datatype Type) {
    int Err;
    Receive = Received.prepare(
        Buf, Count, Type, InPlace ? Direction::InOut : Direction::Out, &Err);
    return Err;
  }
  /// After the call: the results back to the device.
  int finish(int Result) { return Received.finish(Result); }

  void *Send = nullptr;
  void *Receive = nullptr;

private:
  StagedBuffer Sent, Received;
  bool InPlace = false;
};

} // namespace

extern "C" {

#pragma GCC visibility push(default)

int MPI_Send(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
             MPI_Comm Comm) {
  Exchange X;
  if (int Err = X.send(Buf, Count, Type))
    return Err;
  return PMPI_Send(X.Send, Count, Type, Dest, Tag, Comm);
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
  if (int Err = X.send(SendBuf, SendCount, SendType))
    return Err;
  if (int Err = X.receive(RecvBuf, RecvCount, RecvType))
    return Err;
  return X.finish(PMPI_Sendrecv(X.Send, SendCount, SendType, Dest, SendTag,
                                X.Receive, RecvCount, RecvType, Source, RecvTag,
                                Comm, Status));
}

int MPI_Bcast(void *Buf, int Count, MPI_Datatype Type, int Root,
              MPI_Comm Comm) {
  // The root's buffer is read, the others' written.
  Exchange X;
  bool AtRoot = rankIn(Comm) == Root;
  if (int Err = AtRoot ? X.send(Buf, Count, Type) : X.receive(Buf, Count, Type))
    return Err;
  return X.finish(
      PMPI_Bcast(AtRoot ? X.Send : X.Receive, Count, Type, Root, Comm));
}

int MPI_Reduce(const void *SendBuf, void *RecvBuf, int Count, MPI_Datatype Type,
               MPI_Op Op, int Root, MPI_Comm Comm) {
  Exchange X;
  if (int Err = X.send(SendBuf, Count, Type))
    return Err;
  X.Receive = RecvBuf; // Significant at the root only.
  if (rankIn(Comm) == Root)
    if (int Err = X.receive(RecvBuf, Count, Type))
      return Err;
  return X.finish(PMPI_Reduce(X.Send, X.Receive, Count, Type, Op, Root, Comm));
}

int MPI_Allreduce(const void *SendBuf, void *RecvBuf, int Count,
                  MPI_Datatype Type, MPI_Op Op, MPI_Comm Comm) {
  Exchange X;
  if (int Err = X.send(SendBuf, Count, Type))
    return Err;
  if (int Err = X.receive(RecvBuf, Count, Type))
    return Err;
  return X.finish(PMPI_Allreduce(X.Send, X.Receive, Count, Type, Op, Comm));
}

int MPI_Allgather(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                  void *RecvBuf, int RecvCount, MPI_Datatype RecvType,
                  MPI_Comm Comm) {
  Exchange X;
  if (int Err = X.send(SendBuf, SendCount, SendType))
    return Err;
  if (int Err = X.receive(RecvBuf, perRank(RecvCount, Comm), RecvType))
    return Err;
  return X.finish(PMPI_Allgather(X.Send, SendCount, SendType, X.Receive,
                                 RecvCount, RecvType, Comm));
}

int MPI_Gather(const void *SendBuf, int SendCount, MPI_Datatype SendType,
               void *RecvBuf, int RecvCount, MPI_Datatype RecvType, int Root,
               MPI_Comm Comm) {
  Exchange X;
  if (int Err = X.send(SendBuf, SendCount, SendType))
    return Err;
  X.Receive = RecvBuf; // Significant at the root only.
  if (rankIn(Comm) == Root)
    if (int Err = X.receive(RecvBuf, perRank(RecvCount, Comm), RecvType))
      return Err;
  return X.finish(PMPI_Gather(X.Send, SendCount, SendType, X.Receive, RecvCount,
                              RecvType, Root, Comm));
}

int MPI_Scatter(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                void *RecvBuf, int RecvCount, MPI_Datatype RecvType, int Root,
                MPI_Comm Comm) {
  Exchange X;
  X.Send = const_cast<void *>(SendBuf); // Significant at the root only.
  if (rankIn(Comm) == Root)
    if (int Err = X.send(SendBuf, perRank(SendCount, Comm), SendType))
      return Err;
  if (int Err = X.receive(RecvBuf, RecvCount, RecvType))
    return Err;
  return X.finish(PMPI_Scatter(X.Send, SendCount, SendType, X.Receive,
                               RecvCount, RecvType, Root, Comm));
}

int MPI_Alltoall(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                 void *RecvBuf, int RecvCount, MPI_Datatype RecvType,
                 MPI_Comm Comm) {
  Exchange X;
  if (int Err = X.send(SendBuf, perRank(SendCount, Comm), SendType))
    return Err;
  if (int Err = X.receive(RecvBuf, perRank(RecvCount, Comm), RecvType))
    return Err;
  return X.finish(PMPI_Alltoall(X.Send, SendCount, SendType, X.Receive,
                                RecvCount, RecvType, Comm));
}

int MPI_Reduce_scatter_block(const void *SendBuf, void *RecvBuf, int RecvCount,
                             MPI_Datatype Type, MPI_Op Op, MPI_Comm Comm) {
  Exchange X;
  if (int Err = X.send(SendBuf, perRank(RecvCount, Comm), Type))
    return Err;
  // In place, the receive buffer holds every rank's blocks on the way in.
  int Held = SendBuf == MPI_IN_PLACE ? perRank(RecvCount, Comm) : RecvCount;
  if (int Err = X.receive(RecvBuf, Held, Type))
    return Err;
  return X.finish(
      PMPI_Reduce_scatter_block(X.Send, X.Receive, RecvCount, Type, Op, Comm));
}

int MPI_Isend(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
              MPI_Comm Comm, MPI_Request *Request) {
  if (Count > 0 && inPrivateDeviceMemory(Buf))
    return refuseNonBlocking("MPI_Isend");
  return PMPI_Isend(Buf, Count, Type, Dest, Tag, Comm, Request);
}

int MPI_Irecv(void *Buf, int Count, MPI_Datatype Type, int Source, int Tag,
              MPI_Comm Comm, MPI_Request *Request) {
  if (Count > 0 && inPrivateDeviceMemory(Buf))
    return refuseNonBlocking("MPI_Irecv");
  return PMPI_Irecv(Buf, Count, Type, Source, Tag, Comm, Request);
}

#pragma GCC visibility pop

} // extern "C"
