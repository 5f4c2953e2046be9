/*===- nccl.h - NCCL-compatible collective communication ----------*- C -*-===*\
|*                                                                          *|
|* Part of Tongxin. The NCCL 2.21 API (same names, enum values, version     *|
|* macros and signatures, so code written for NVIDIA's NCCL builds          *|
|* unchanged), with the fp8 types of later releases: communicators over     *|
|* ranks in one process (shared memory) and in several processes of one     *|
|* MPI job (Open MPI, loaded when a communicator first needs it).           *|
|* Operations are ordered on the CUDA stream they are given and run         *|
|* asynchronously to the host. Usable from C99. See docs/nccl.md.           *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef TONGXIN_NCCL_H
#define TONGXIN_NCCL_H

#include <limits.h>
#include <stddef.h>

#include "cuda_runtime_api.h"

#ifndef NCCLAPI
#define NCCLAPI __attribute__((visibility("default")))
#endif

#define NCCL_MAJOR 2
#define NCCL_MINOR 21
#define NCCL_PATCH 5
#define NCCL_SUFFIX ""

#define NCCL_VERSION_CODE 22105
#define NCCL_VERSION(X, Y, Z)                                                  \
  (((X) <= 2 && (Y) <= 8) ? (X)*1000 + (Y)*100 + (Z)                           \
                          : (X)*10000 + (Y)*100 + (Z))

#ifdef __cplusplus
extern "C" {
#endif

/* The enums have int as their underlying type in C++ (TX_ENUM_INT), so
 * that a value outside them is an argument error, not undefined
 * behaviour. */

/* Opaque communicator. */
typedef struct ncclComm *ncclComm_t;
#define NCCL_COMM_NULL NULL

#define NCCL_UNIQUE_ID_BYTES 128
typedef struct {
  char internal[NCCL_UNIQUE_ID_BYTES];
} ncclUniqueId;

typedef enum TX_ENUM_INT {
  ncclSuccess = 0,
  ncclUnhandledCudaError = 1,
  ncclSystemError = 2,
  ncclInternalError = 3,
  ncclInvalidArgument = 4,
  ncclInvalidUsage = 5,
  ncclRemoteError = 6,
  ncclInProgress = 7,
  ncclNumResults = 8
} ncclResult_t;

#define NCCL_CONFIG_UNDEF_INT INT_MIN
#define NCCL_CONFIG_UNDEF_PTR NULL
#define NCCL_SPLIT_NOCOLOR -1

/* Communicator configuration (ncclCommInitRankConfig, ncclCommSplit):
 * NCCL's layout up to splitShare, so a larger configuration from a newer
 * NCCL header is read correctly. Tongxin checks blocking; the other
 * attributes tune GPU kernels or share their resources and are accepted
 * and ignored. */
typedef struct ncclConfig_v21700 {
  size_t size;
  unsigned int magic;
  unsigned int version;
  int blocking;
  int cgaClusterSize;
  int minCTAs;
  int maxCTAs;
  const char *netName;
  int splitShare;
} ncclConfig_t;

#define NCCL_CONFIG_INITIALIZER                                                \
  {                                                                            \
    sizeof(ncclConfig_t), 0xcafebeef,                                          \
        NCCL_VERSION(NCCL_MAJOR, NCCL_MINOR, NCCL_PATCH),                      \
        NCCL_CONFIG_UNDEF_INT, NCCL_CONFIG_UNDEF_INT, NCCL_CONFIG_UNDEF_INT,   \
        NCCL_CONFIG_UNDEF_INT, NCCL_CONFIG_UNDEF_PTR, NCCL_CONFIG_UNDEF_INT    \
  }

/* Reduction operations. Values from ncclMaxRedOp up to INT_MAX are the
 * dynamic ones ncclRedOpCreatePreMulSum returns. */
typedef enum { ncclNumOps_dummy = 5 } ncclRedOp_dummy_t;
typedef enum TX_ENUM_INT {
  ncclSum = 0,
  ncclProd = 1,
  ncclMax = 2,
  ncclMin = 3,
  ncclAvg = 4,
  ncclNumOps = 5,
  ncclMaxRedOp = 0x7fffffff >> (32 - 8 * sizeof(ncclRedOp_dummy_t))
} ncclRedOp_t;

typedef enum TX_ENUM_INT {
  ncclInt8 = 0,
  ncclChar = 0,
  ncclUint8 = 1,
  ncclInt32 = 2,
  ncclInt = 2,
  ncclUint32 = 3,
  ncclInt64 = 4,
  ncclUint64 = 5,
  ncclFloat16 = 6,
  ncclHalf = 6,
  ncclFloat32 = 7,
  ncclFloat = 7,
  ncclFloat64 = 8,
  ncclDouble = 8,
  ncclBfloat16 = 9,
  ncclFloat8e4m3 = 10,
  ncclFloat8e5m2 = 11,
  ncclNumTypes = 12
} ncclDataType_t;

/* Where ncclRedOpCreatePreMulSum's scalar lives. */
typedef enum TX_ENUM_INT {
  /* Device memory, read when the operation runs. */
  ncclScalarDevice = 0,
  /* Host memory, read once when the operation is created. */
  ncclScalarHostImmediate = 1
} ncclScalarResidence_t;

/* Versions and errors. */
NCCLAPI ncclResult_t ncclGetVersion(int *version);
NCCLAPI const char *ncclGetErrorString(ncclResult_t result);
/* The message of the calling thread's last failed call, "" if none. */
NCCLAPI const char *ncclGetLastError(ncclComm_t comm);

/* Buffers for communication: ordinary device memory here. */
NCCLAPI ncclResult_t ncclMemAlloc(void **ptr, size_t size);
NCCLAPI ncclResult_t ncclMemFree(void *ptr);

/* Communicators. */
NCCLAPI ncclResult_t ncclGetUniqueId(ncclUniqueId *uniqueId);
NCCLAPI ncclResult_t ncclCommInitRankConfig(ncclComm_t *comm, int nranks,
                                            ncclUniqueId commId, int rank,
                                            ncclConfig_t *config);
NCCLAPI ncclResult_t ncclCommInitRank(ncclComm_t *comm, int nranks,
                                      ncclUniqueId commId, int rank);
NCCLAPI ncclResult_t ncclCommInitAll(ncclComm_t *comm, int ndev,
                                     const int *devlist);
NCCLAPI ncclResult_t ncclCommFinalize(ncclComm_t comm);
NCCLAPI ncclResult_t ncclCommDestroy(ncclComm_t comm);
NCCLAPI ncclResult_t ncclCommAbort(ncclComm_t comm);
NCCLAPI ncclResult_t ncclCommSplit(ncclComm_t comm, int color, int key,
                                   ncclComm_t *newcomm, ncclConfig_t *config);
NCCLAPI ncclResult_t ncclCommGetAsyncError(ncclComm_t comm,
                                           ncclResult_t *asyncError);
NCCLAPI ncclResult_t ncclCommCount(const ncclComm_t comm, int *count);
NCCLAPI ncclResult_t ncclCommCuDevice(const ncclComm_t comm, int *device);
NCCLAPI ncclResult_t ncclCommUserRank(const ncclComm_t comm, int *rank);
NCCLAPI ncclResult_t ncclCommRegister(const ncclComm_t comm, void *buff,
                                      size_t size, void **handle);
NCCLAPI ncclResult_t ncclCommDeregister(const ncclComm_t comm, void *handle);

/* Reduction operators: out = sum(scalar_r * in_r) over the ranks r, each
 * rank passing its own scalar. */
NCCLAPI ncclResult_t ncclRedOpCreatePreMulSum(ncclRedOp_t *op, void *scalar,
                                              ncclDataType_t datatype,
                                              ncclScalarResidence_t residence,
                                              ncclComm_t comm);
NCCLAPI ncclResult_t ncclRedOpDestroy(ncclRedOp_t op, ncclComm_t comm);

/* Collectives. */
NCCLAPI ncclResult_t ncclReduce(const void *sendbuff, void *recvbuff,
                                size_t count, ncclDataType_t datatype,
                                ncclRedOp_t op, int root, ncclComm_t comm,
                                cudaStream_t stream);
NCCLAPI ncclResult_t ncclBcast(void *buff, size_t count,
                               ncclDataType_t datatype, int root,
                               ncclComm_t comm, cudaStream_t stream);
NCCLAPI ncclResult_t ncclBroadcast(const void *sendbuff, void *recvbuff,
                                   size_t count, ncclDataType_t datatype,
                                   int root, ncclComm_t comm,
                                   cudaStream_t stream);
NCCLAPI ncclResult_t ncclAllReduce(const void *sendbuff, void *recvbuff,
                                   size_t count, ncclDataType_t datatype,
                                   ncclRedOp_t op, ncclComm_t comm,
                                   cudaStream_t stream);
NCCLAPI ncclResult_t ncclReduceScatter(const void *sendbuff, void *recvbuff,
                                       size_t recvcount,
                                       ncclDataType_t datatype, ncclRedOp_t op,
                                       ncclComm_t comm, cudaStream_t stream);
NCCLAPI ncclResult_t ncclAllGather(const void *sendbuff, void *recvbuff,
                                   size_t sendcount, ncclDataType_t datatype,
                                   ncclComm_t comm, cudaStream_t stream);

/* Point to point. */
NCCLAPI ncclResult_t ncclSend(const void *sendbuff, size_t count,
                              ncclDataType_t datatype, int peer,
                              ncclComm_t comm, cudaStream_t stream);
NCCLAPI ncclResult_t ncclRecv(void *recvbuff, size_t count,
                              ncclDataType_t datatype, int peer,
                              ncclComm_t comm, cudaStream_t stream);

/* Groups: the calls between start and end are issued together at the
 * outermost ncclGroupEnd. */
NCCLAPI ncclResult_t ncclGroupStart(void);
NCCLAPI ncclResult_t ncclGroupEnd(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TONGXIN_NCCL_H */
