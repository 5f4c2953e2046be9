//===- mpi/RefusedCalls.cpp - MPI calls not staged ------------------------===//
//
// Part of Tongxin. MPI calls whose buffers libtongxin_mpi does not stage
// through host memory: persistent requests (their buffers are read and
// written on every MPI_Start, long after the call) and MPI_Alltoallw (a
// datatype per rank). Handed memory of a device the host cannot address,
// they return MPI_ERR_BUFFER with a message instead of giving MPI a
// pointer it would fault on; any other buffer reaches MPI unchanged.
//
//===----------------------------------------------------------------------===//

#include "DeviceBuffers.h"

#include <cstdio>
#include <initializer_list>

using namespace tx::mpi;

namespace {

/// True (after saying so) if one of Buffers is in private device memory.
bool refused(const char *Call, std::initializer_list<const void *> Buffers) {
  for (const void *Buffer : Buffers)
    if (inPrivateDeviceMemory(Buffer)) {
      std::fprintf(stderr,
                   "tongxin: %s on memory of a device the host cannot "
                   "address is not supported (libtongxin_mpi stages the "
                   "blocking and non-blocking point-to-point calls and "
                   "collectives, but not persistent requests nor "
                   "MPI_Alltoallw); copy through host memory\n",
                   Call);
      return true;
    }
  return false;
}

/// A persistent send request in any mode, refused on private memory.
using SendInit = int (*)(const void *, int, MPI_Datatype, int, int, MPI_Comm,
                         MPI_Request *);
int sendInit(const char *Call, SendInit Init, const void *Buf, int Count,
             MPI_Datatype Type, int Dest, int Tag, MPI_Comm Comm,
             MPI_Request *Request) {
  if (refused(Call, {Buf}))
    return MPI_ERR_BUFFER;
  return Init(Buf, Count, Type, Dest, Tag, Comm, Request);
}

} // namespace

extern "C" {

#pragma GCC visibility push(default)

int MPI_Send_init(const void *Buf, int Count, MPI_Datatype Type, int Dest,
                  int Tag, MPI_Comm Comm, MPI_Request *Request) {
  return sendInit("MPI_Send_init", PMPI_Send_init, Buf, Count, Type, Dest, Tag,
                  Comm, Request);
}

int MPI_Bsend_init(const void *Buf, int Count, MPI_Datatype Type, int Dest,
                   int Tag, MPI_Comm Comm, MPI_Request *Request) {
  return sendInit("MPI_Bsend_init", PMPI_Bsend_init, Buf, Count, Type, Dest,
                  Tag, Comm, Request);
}

int MPI_Ssend_init(const void *Buf, int Count, MPI_Datatype Type, int Dest,
                   int Tag, MPI_Comm Comm, MPI_Request *Request) {
  return sendInit("MPI_Ssend_init", PMPI_Ssend_init, Buf, Count, Type, Dest,
                  Tag, Comm, Request);
}

int MPI_Rsend_init(const void *Buf, int Count, MPI_Datatype Type, int Dest,
                   int Tag, MPI_Comm Comm, MPI_Request *Request) {
  return sendInit("MPI_Rsend_init", PMPI_Rsend_init, Buf, Count, Type, Dest,
                  Tag, Comm, Request);
}

int MPI_Recv_init(void *Buf, int Count, MPI_Datatype Type, int Source, int Tag,
                  MPI_Comm Comm, MPI_Request *Request) {
  if (refused("MPI_Recv_init", {Buf}))
    return MPI_ERR_BUFFER;
  return PMPI_Recv_init(Buf, Count, Type, Source, Tag, Comm, Request);
}

int MPI_Alltoallw(const void *SendBuf, const int SendCounts[],
                  const int SendDispls[], const MPI_Datatype SendTypes[],
                  void *RecvBuf, const int RecvCounts[], const int RecvDispls[],
                  const MPI_Datatype RecvTypes[], MPI_Comm Comm) {
  if (refused("MPI_Alltoallw", {SendBuf, RecvBuf}))
    return MPI_ERR_BUFFER;
  return PMPI_Alltoallw(SendBuf, SendCounts, SendDispls, SendTypes, RecvBuf,
                        RecvCounts, RecvDispls, RecvTypes, Comm);
}

#pragma GCC visibility pop

} // extern "C"
