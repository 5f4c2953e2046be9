//===- mpi/Communicators.h - What staged calls ask of a communicator -*- C++
//-*-===//
//
// Part of Tongxin. The rank and size of a communicator, and the refusal of
// staged collectives on intercommunicators, shared by the files that
// define MPI's calls over PMPI.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_MPI_COMMUNICATORS_H
#define TONGXIN_LIBS_MPI_COMMUNICATORS_H

#include <mpi.h>

namespace tx {
namespace mpi {

inline int rankIn(MPI_Comm Comm) {
  int Rank = 0;
  PMPI_Comm_rank(Comm, &Rank);
  return Rank;
}

inline int sizeOf(MPI_Comm Comm) {
  int Size = 1;
  PMPI_Comm_size(Comm, &Size);
  return Size;
}

/// A collective on an intercommunicator (roots MPI_ROOT and MPI_PROC_NULL,
/// counts per rank of the remote group) is not staged: MPI_ERR_COMM, with a
/// message, where one of its buffers would need it; MPI_SUCCESS otherwise.
int refuseIfInter(MPI_Comm Comm, const void *SendBuf, const void *RecvBuf);

} // namespace mpi
} // namespace tx

#endif // TONGXIN_LIBS_MPI_COMMUNICATORS_H
