/*===- nccl/MpiPlugin.h - The MPI calls the NCCL library makes ----*- C -*-===*\
|*                                                                          *|
|* Part of Tongxin. libnccl.so never links MPI: a program that never makes  *|
|* a communicator span processes needs no MPI installed. The few MPI calls  *|
|* it needs live in libtongxin-nccl-mpi.so (mpi/MpiPlugin.cpp), built       *|
|* against Open MPI's mpi.h and loaded with dlopen the first time a         *|
|* communicator spans processes. This is the table of functions it exports. *|
|* A Comm of NULL is MPI_COMM_WORLD; every size is in bytes.               *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef TONGXIN_LIBS_NCCL_MPIPLUGIN_H
#define TONGXIN_LIBS_NCCL_MPIPLUGIN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TX_NCCL_MPI_PLUGIN_VERSION 2

/* Results of the plugin's calls. */
enum {
  TX_MPI_OK = 0,
  TX_MPI_FAILED = 1,    /* MPI returned an error; see the message. */
  TX_MPI_TRUNCATED = 2, /* A message was longer than its receive. */
};

typedef struct TxNcclMpiPlugin {
  unsigned Version;
  /* Initialises MPI unless the program did (then MPI_THREAD_MULTIPLE is
   * asked for, and MPI_Finalize runs at exit). */
  int (*initialize)(int *WorldRank, int *WorldSize, int *ThreadMultiple,
                    char *Message, size_t MessageBytes);
  int (*isend)(const void *Data, size_t Bytes, int Dest, int Tag, void *Comm,
               void **Request);
  int (*irecv)(void *Data, size_t Bytes, int Source, int Tag, void *Comm,
               void **Request);
  /* *Done is set once the request completed; it is then freed, and for a
   * receive *Bytes is the length of the message received. */
  int (*test)(void *Request, int *Done, size_t *Bytes);
  /* Gives up a request: a receive is cancelled; a send (which MPI cannot
   * cancel) completes in the background. Either way its buffer must stay
   * allocated. */
  void (*cancel)(void *Request);
  /* Receives one message with Tag from any source, if one has arrived. */
  int (*receiveAny)(int Tag, void *Buffer, size_t Capacity, int *Received,
                    int *Source, size_t *Bytes);
  /* A communicator of the world ranks WorldRanks[0..Count), rank I being
   * WorldRanks[I]; collective over those processes only, which pass the
   * same Key (distinct for creations that may overlap). */
  int (*createComm)(const int *WorldRanks, int Count, unsigned long long Key,
                    void **Comm);
  void (*freeComm)(void *Comm);
  /* The message of the last failure on the calling thread. */
  const char *(*lastError)(void);
} TxNcclMpiPlugin;

/* The plugin's one exported symbol. */
const TxNcclMpiPlugin *txNcclMpiPlugin(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TONGXIN_LIBS_NCCL_MPIPLUGIN_H */
