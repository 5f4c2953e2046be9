//===- mpi/RefusedCalls.cpp - MPI calls not staged ------------------------===//
//
// Part of Tongxin. MPI calls whose buffers libtongxin_mpi does not stage
// through host memory: MPI_Alltoallw (a datatype per rank). Handed memory
// of a device the host cannot address, it returns MPI_ERR_BUFFER with a
// message instead of giving MPI a pointer it would fault on; any other
// buffer reaches MPI unchanged.
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
                   "point-to-point calls and the collectives other than "
                   "MPI_Alltoallw); copy through host memory\n",
                   Call);
      return true;
    }
  return false;
}

} // namespace

extern "C" {

#pragma GCC visibility push(default)

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
