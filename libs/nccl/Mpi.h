//===- nccl/Mpi.h - MPI, loaded when needed ---------------------*- C++ -*-===//
//
// Part of Tongxin. The one place libnccl.so touches MPI: it loads
// libtongxin-nccl-mpi.so (MpiPlugin.h) on first use and serialises calls
// into it unless MPI runs at MPI_THREAD_MULTIPLE (a program that called
// MPI_Init itself gets whatever level it asked for; stream threads call MPI
// while its own thread may too).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_MPI_H
#define TONGXIN_LIBS_NCCL_MPI_H

#include "MpiPlugin.h"
#include "nccl.h"

#include <cstddef>

namespace tx {
namespace nccl {
namespace mpi {

/// True when this process was started by an MPI launcher (mpirun, srun)
/// as one of several processes, read from the launcher's environment
/// without initialising MPI. WorldRank is then this process's rank.
bool launchedAsJob(int *WorldRank);

/// Loads the plugin and initialises MPI if needed. ncclSystemError, with a
/// message naming what is missing, when MPI cannot be used.
ncclResult_t ensure();

/// This process's rank in MPI_COMM_WORLD (after ensure()).
int worldRank();

/// The plugin's calls, serialised as MPI's thread level requires. Comm
/// null is MPI_COMM_WORLD. Each returns a TX_MPI_* code.
int isend(const void *Data, size_t Bytes, int Dest, int Tag, void *Comm,
          void **Request);
int irecv(void *Data, size_t Bytes, int Source, int Tag, void *Comm,
          void **Request);
int test(void *Request, int *Done, size_t *Bytes);
void cancel(void *Request);
int receiveAny(int Tag, void *Buffer, size_t Capacity, int *Received,
               int *Source, size_t *Bytes);
int createComm(const int *WorldRanks, int Count, unsigned long long Key,
               void **Comm);
void freeComm(void *Comm);
const char *lastError();

} // namespace mpi
} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_MPI_H
