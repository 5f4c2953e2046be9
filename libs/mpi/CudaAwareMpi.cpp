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

} // namespace

extern "C" {

#pragma GCC visibility push(default)

int MPI_Send(const void *Buf, int Count, MPI_Datatype Type, int Dest, int Tag,
             MPI_Comm Comm) {
  StagedBuffer B;
  int Err;
  void *P = B.prepare(Buf, Count, Type, Direction::In, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return B.finish(PMPI_Send(P, Count, Type, Dest, Tag, Comm));
}

int MPI_Recv(void *Buf, int Count, MPI_Datatype Type, int Source, int Tag,
             MPI_Comm Comm, MPI_Status *Status) {
  StagedBuffer B;
  int Err;
  void *P = B.prepare(Buf, Count, Type, Direction::Out, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return B.finish(PMPI_Recv(P, Count, Type, Source, Tag, Comm, Status));
}

int MPI_Sendrecv(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                 int Dest, int SendTag, void *RecvBuf, int RecvCount,
                 MPI_Datatype RecvType, int Source, int RecvTag, MPI_Comm Comm,
                 MPI_Status *Status) {
  StagedBuffer S, R;
  int Err;
  void *SP = S.prepare(SendBuf, SendCount, SendType, Direction::In, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  void *RP = R.prepare(RecvBuf, RecvCount, RecvType, Direction::Out, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return R.finish(PMPI_Sendrecv(SP, SendCount, SendType, Dest, SendTag, RP,
                                RecvCount, RecvType, Source, RecvTag, Comm,
                                Status));
}

int MPI_Bcast(void *Buf, int Count, MPI_Datatype Type, int Root,
              MPI_Comm Comm) {
  StagedBuffer B;
  int Err;
  Direction D = rankIn(Comm) == Root ? Direction::In : Direction::Out;
  void *P = B.prepare(Buf, Count, Type, D, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return B.finish(PMPI_Bcast(P, Count, Type, Root, Comm));
}

int MPI_Reduce(const void *SendBuf, void *RecvBuf, int Count, MPI_Datatype Type,
               MPI_Op Op, int Root, MPI_Comm Comm) {
  StagedBuffer S, R;
  int Err;
  bool AtRoot = rankIn(Comm) == Root;
  void *SP = S.prepare(SendBuf, Count, Type, Direction::In, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  void *RP = RecvBuf;
  if (AtRoot) {
    Direction D = SendBuf == MPI_IN_PLACE ? Direction::InOut : Direction::Out;
    RP = R.prepare(RecvBuf, Count, Type, D, &Err);
    if (Err != MPI_SUCCESS)
      return Err;
  }
  return R.finish(PMPI_Reduce(SP, RP, Count, Type, Op, Root, Comm));
}

int MPI_Allreduce(const void *SendBuf, void *RecvBuf, int Count,
                  MPI_Datatype Type, MPI_Op Op, MPI_Comm Comm) {
  StagedBuffer S, R;
  int Err;
  void *SP = S.prepare(SendBuf, Count, Type, Direction::In, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  Direction D = SendBuf == MPI_IN_PLACE ? Direction::InOut : Direction::Out;
  void *RP = R.prepare(RecvBuf, Count, Type, D, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return R.finish(PMPI_Allreduce(SP, RP, Count, Type, Op, Comm));
}

int MPI_Allgather(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                  void *RecvBuf, int RecvCount, MPI_Datatype RecvType,
                  MPI_Comm Comm) {
  StagedBuffer S, R;
  int Err;
  void *SP = S.prepare(SendBuf, SendCount, SendType, Direction::In, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  Direction D = SendBuf == MPI_IN_PLACE ? Direction::InOut : Direction::Out;
  void *RP = R.prepare(RecvBuf, perRank(RecvCount, Comm), RecvType, D, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return R.finish(
      PMPI_Allgather(SP, SendCount, SendType, RP, RecvCount, RecvType, Comm));
}

int MPI_Gather(const void *SendBuf, int SendCount, MPI_Datatype SendType,
               void *RecvBuf, int RecvCount, MPI_Datatype RecvType, int Root,
               MPI_Comm Comm) {
  StagedBuffer S, R;
  int Err;
  void *SP = S.prepare(SendBuf, SendCount, SendType, Direction::In, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  void *RP = RecvBuf;
  if (rankIn(Comm) == Root) {
    Direction D = SendBuf == MPI_IN_PLACE ? Direction::InOut : Direction::Out;
    RP = R.prepare(RecvBuf, perRank(RecvCount, Comm), RecvType, D, &Err);
    if (Err != MPI_SUCCESS)
      return Err;
  }
  return R.finish(PMPI_Gather(SP, SendCount, SendType, RP, RecvCount, RecvType,
                              Root, Comm));
}

int MPI_Scatter(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                void *RecvBuf, int RecvCount, MPI_Datatype RecvType, int Root,
                MPI_Comm Comm) {
  StagedBuffer S, R;
  int Err;
  void *SP = const_cast<void *>(SendBuf);
  if (rankIn(Comm) == Root) {
    SP = S.prepare(SendBuf, perRank(SendCount, Comm), SendType, Direction::In,
                   &Err);
    if (Err != MPI_SUCCESS)
      return Err;
  }
  void *RP = R.prepare(RecvBuf, RecvCount, RecvType, Direction::Out, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return R.finish(PMPI_Scatter(SP, SendCount, SendType, RP, RecvCount, RecvType,
                               Root, Comm));
}

int MPI_Alltoall(const void *SendBuf, int SendCount, MPI_Datatype SendType,
                 void *RecvBuf, int RecvCount, MPI_Datatype RecvType,
                 MPI_Comm Comm) {
  StagedBuffer S, R;
  int Err;
  void *SP = S.prepare(SendBuf, perRank(SendCount, Comm), SendType,
                       Direction::In, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  Direction D = SendBuf == MPI_IN_PLACE ? Direction::InOut : Direction::Out;
  void *RP = R.prepare(RecvBuf, perRank(RecvCount, Comm), RecvType, D, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return R.finish(
      PMPI_Alltoall(SP, SendCount, SendType, RP, RecvCount, RecvType, Comm));
}

int MPI_Reduce_scatter_block(const void *SendBuf, void *RecvBuf, int RecvCount,
                             MPI_Datatype Type, MPI_Op Op, MPI_Comm Comm) {
  StagedBuffer S, R;
  int Err;
  void *SP =
      S.prepare(SendBuf, perRank(RecvCount, Comm), Type, Direction::In, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  // In place, the receive buffer holds every rank's blocks on the way in.
  bool InPlace = SendBuf == MPI_IN_PLACE;
  void *RP = R.prepare(RecvBuf, InPlace ? perRank(RecvCount, Comm) : RecvCount,
                       Type, InPlace ? Direction::InOut : Direction::Out, &Err);
  if (Err != MPI_SUCCESS)
    return Err;
  return R.finish(PMPI_Reduce_scatter_block(SP, RP, RecvCount, Type, Op, Comm));
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
