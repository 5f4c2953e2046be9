/*===- cublas_api.h - cuBLAS types and functions ------------------*- C -*-===*\
|*                                                                          *|
|* Part of Tongxin. CUDA 12's cuBLAS API (the v2 interface, with a handle): *|
|* the same names, enum values and signatures, so code and prebuilt objects *|
|* written for NVIDIA's cuBLAS build and link against libs/blas. Include    *|
|* cublas_v2.h, as with CUDA.                                               *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef TONGXIN_CUBLAS_API_H
#define TONGXIN_CUBLAS_API_H

#include <stddef.h>
#include <stdint.h>

#include "cuComplex.h"
#include "driver_types.h"
#include "library_types.h"

#ifndef CUBLASAPI
#define CUBLASAPI __attribute__((visibility("default")))
#endif
#ifndef CUBLASWINAPI
#define CUBLASWINAPI
#endif

#define CUBLAS_VER_MAJOR 12
#define CUBLAS_VER_MINOR 9
#define CUBLAS_VER_PATCH 1
#define CUBLAS_VER_BUILD 4
#define CUBLAS_VERSION                                                         \
  (CUBLAS_VER_MAJOR * 10000 + CUBLAS_VER_MINOR * 100 + CUBLAS_VER_PATCH)

#ifdef __cplusplus
#include "cuda_bf16.h"
#include "cuda_fp16.h"
extern "C" {
#endif

/*--- Types -----------------------------------------------------------------*/

/* The 16-bit float types of cublasHgemm and friends: in C, an opaque 16-bit
 * storage type (Tongxin's cuda_fp16.h is C++). */
#ifndef __cplusplus
typedef struct __tx_cublas_half {
  unsigned short __x;
} __half;
#endif

typedef enum cublasStatus_t TX_ENUM_INT {
  CUBLAS_STATUS_SUCCESS = 0,
  CUBLAS_STATUS_NOT_INITIALIZED = 1,
  CUBLAS_STATUS_ALLOC_FAILED = 3,
  CUBLAS_STATUS_INVALID_VALUE = 7,
  CUBLAS_STATUS_ARCH_MISMATCH = 8,
  CUBLAS_STATUS_MAPPING_ERROR = 11,
  CUBLAS_STATUS_EXECUTION_FAILED = 13,
  CUBLAS_STATUS_INTERNAL_ERROR = 14,
  CUBLAS_STATUS_NOT_SUPPORTED = 15,
  CUBLAS_STATUS_LICENSE_ERROR = 16
} cublasStatus_t;

/* cuSOLVER's headers reuse these enums; they test this macro so that either
 * header may come first. */
#define TONGXIN_CUBLAS_ENUMS_DEFINED 1

typedef enum cublasFillMode_t TX_ENUM_INT {
  CUBLAS_FILL_MODE_LOWER = 0,
  CUBLAS_FILL_MODE_UPPER = 1,
  CUBLAS_FILL_MODE_FULL = 2
} cublasFillMode_t;

typedef enum cublasDiagType_t TX_ENUM_INT { CUBLAS_DIAG_NON_UNIT = 0, CUBLAS_DIAG_UNIT = 1 } cublasDiagType_t;

typedef enum cublasSideMode_t TX_ENUM_INT { CUBLAS_SIDE_LEFT = 0, CUBLAS_SIDE_RIGHT = 1 } cublasSideMode_t;

typedef enum cublasOperation_t TX_ENUM_INT {
  CUBLAS_OP_N = 0,
  CUBLAS_OP_T = 1,
  CUBLAS_OP_C = 2,
  CUBLAS_OP_HERMITAN = 2,
  CUBLAS_OP_CONJG = 3
} cublasOperation_t;

typedef enum cublasPointerMode_t TX_ENUM_INT {
  CUBLAS_POINTER_MODE_HOST = 0,
  CUBLAS_POINTER_MODE_DEVICE = 1
} cublasPointerMode_t;

typedef enum cublasAtomicsMode_t TX_ENUM_INT {
  CUBLAS_ATOMICS_NOT_ALLOWED = 0,
  CUBLAS_ATOMICS_ALLOWED = 1
} cublasAtomicsMode_t;

typedef enum cublasGemmAlgo_t TX_ENUM_INT {
  CUBLAS_GEMM_DFALT = -1,
  CUBLAS_GEMM_DEFAULT = -1,
  CUBLAS_GEMM_ALGO0 = 0,
  CUBLAS_GEMM_ALGO1 = 1,
  CUBLAS_GEMM_ALGO2 = 2,
  CUBLAS_GEMM_ALGO3 = 3,
  CUBLAS_GEMM_ALGO4 = 4,
  CUBLAS_GEMM_ALGO5 = 5,
  CUBLAS_GEMM_ALGO6 = 6,
  CUBLAS_GEMM_ALGO7 = 7,
  CUBLAS_GEMM_ALGO8 = 8,
  CUBLAS_GEMM_ALGO9 = 9,
  CUBLAS_GEMM_ALGO10 = 10,
  CUBLAS_GEMM_ALGO11 = 11,
  CUBLAS_GEMM_ALGO12 = 12,
  CUBLAS_GEMM_ALGO13 = 13,
  CUBLAS_GEMM_ALGO14 = 14,
  CUBLAS_GEMM_ALGO15 = 15,
  CUBLAS_GEMM_ALGO16 = 16,
  CUBLAS_GEMM_ALGO17 = 17,
  CUBLAS_GEMM_ALGO18 = 18,
  CUBLAS_GEMM_ALGO19 = 19,
  CUBLAS_GEMM_ALGO20 = 20,
  CUBLAS_GEMM_ALGO21 = 21,
  CUBLAS_GEMM_ALGO22 = 22,
  CUBLAS_GEMM_ALGO23 = 23,
  CUBLAS_GEMM_DEFAULT_TENSOR_OP = 99,
  CUBLAS_GEMM_DFALT_TENSOR_OP = 99,
  CUBLAS_GEMM_ALGO0_TENSOR_OP = 100,
  CUBLAS_GEMM_ALGO1_TENSOR_OP = 101,
  CUBLAS_GEMM_ALGO2_TENSOR_OP = 102,
  CUBLAS_GEMM_ALGO3_TENSOR_OP = 103,
  CUBLAS_GEMM_ALGO4_TENSOR_OP = 104,
  CUBLAS_GEMM_ALGO5_TENSOR_OP = 105,
  CUBLAS_GEMM_ALGO6_TENSOR_OP = 106,
  CUBLAS_GEMM_ALGO7_TENSOR_OP = 107,
  CUBLAS_GEMM_ALGO8_TENSOR_OP = 108,
  CUBLAS_GEMM_ALGO9_TENSOR_OP = 109,
  CUBLAS_GEMM_ALGO10_TENSOR_OP = 110,
  CUBLAS_GEMM_ALGO11_TENSOR_OP = 111,
  CUBLAS_GEMM_ALGO12_TENSOR_OP = 112,
  CUBLAS_GEMM_ALGO13_TENSOR_OP = 113,
  CUBLAS_GEMM_ALGO14_TENSOR_OP = 114,
  CUBLAS_GEMM_ALGO15_TENSOR_OP = 115
} cublasGemmAlgo_t;

typedef enum cublasMath_t TX_ENUM_INT {
  CUBLAS_DEFAULT_MATH = 0,
  CUBLAS_TENSOR_OP_MATH = 1,
  CUBLAS_PEDANTIC_MATH = 2,
  CUBLAS_TF32_TENSOR_OP_MATH = 3,
  CUBLAS_MATH_DISALLOW_REDUCED_PRECISION_REDUCTION = 16
} cublasMath_t;

typedef cudaDataType cublasDataType_t;

typedef enum cublasComputeType_t TX_ENUM_INT {
  CUBLAS_COMPUTE_16F = 64,
  CUBLAS_COMPUTE_16F_PEDANTIC = 65,
  CUBLAS_COMPUTE_32F = 68,
  CUBLAS_COMPUTE_32F_PEDANTIC = 69,
  CUBLAS_COMPUTE_32F_FAST_16F = 74,
  CUBLAS_COMPUTE_32F_FAST_16BF = 75,
  CUBLAS_COMPUTE_32F_FAST_TF32 = 77,
  CUBLAS_COMPUTE_64F = 70,
  CUBLAS_COMPUTE_64F_PEDANTIC = 71,
  CUBLAS_COMPUTE_32I = 72,
  CUBLAS_COMPUTE_32I_PEDANTIC = 73
} cublasComputeType_t;

struct cublasContext;
typedef struct cublasContext *cublasHandle_t;

/* Called with the text of each log message (cublasSetLoggerCallback). */
typedef void (*cublasLogCallback)(const char *msg);

/*--- Context ---------------------------------------------------------------*/

CUBLASAPI cublasStatus_t cublasCreate_v2(cublasHandle_t *handle);
CUBLASAPI cublasStatus_t cublasDestroy_v2(cublasHandle_t handle);
CUBLASAPI cublasStatus_t cublasGetVersion_v2(cublasHandle_t handle,
                                             int *version);
CUBLASAPI cublasStatus_t cublasGetProperty(libraryPropertyType type,
                                           int *value);
CUBLASAPI size_t cublasGetCudartVersion(void);
CUBLASAPI cublasStatus_t cublasSetWorkspace_v2(cublasHandle_t handle,
                                               void *workspace,
                                               size_t workspaceSizeInBytes);
CUBLASAPI cublasStatus_t cublasSetStream_v2(cublasHandle_t handle,
                                            cudaStream_t streamId);
CUBLASAPI cublasStatus_t cublasGetStream_v2(cublasHandle_t handle,
                                            cudaStream_t *streamId);
CUBLASAPI cublasStatus_t cublasGetPointerMode_v2(cublasHandle_t handle,
                                                 cublasPointerMode_t *mode);
CUBLASAPI cublasStatus_t cublasSetPointerMode_v2(cublasHandle_t handle,
                                                 cublasPointerMode_t mode);
CUBLASAPI cublasStatus_t cublasGetAtomicsMode(cublasHandle_t handle,
                                              cublasAtomicsMode_t *mode);
CUBLASAPI cublasStatus_t cublasSetAtomicsMode(cublasHandle_t handle,
                                              cublasAtomicsMode_t mode);
CUBLASAPI cublasStatus_t cublasGetMathMode(cublasHandle_t handle,
                                           cublasMath_t *mode);
CUBLASAPI cublasStatus_t cublasSetMathMode(cublasHandle_t handle,
                                           cublasMath_t mode);
CUBLASAPI cublasStatus_t cublasGetSmCountTarget(cublasHandle_t handle,
                                                int *smCountTarget);
CUBLASAPI cublasStatus_t cublasSetSmCountTarget(cublasHandle_t handle,
                                                int smCountTarget);
CUBLASAPI const char *cublasGetStatusName(cublasStatus_t status);
CUBLASAPI const char *cublasGetStatusString(cublasStatus_t status);
CUBLASAPI cublasStatus_t cublasLoggerConfigure(int logIsOn, int logToStdOut,
                                               int logToStdErr,
                                               const char *logFileName);
CUBLASAPI cublasStatus_t cublasSetLoggerCallback(cublasLogCallback userCallback);
CUBLASAPI cublasStatus_t cublasGetLoggerCallback(cublasLogCallback *userCallback);

/*--- Helpers: host <-> device copies ---------------------------------------*/

CUBLASAPI cublasStatus_t cublasSetVector(int n, int elemSize, const void *x,
                                         int incx, void *devicePtr, int incy);
CUBLASAPI cublasStatus_t cublasGetVector(int n, int elemSize, const void *x,
                                         int incx, void *y, int incy);
CUBLASAPI cublasStatus_t cublasSetMatrix(int rows, int cols, int elemSize,
                                         const void *A, int lda, void *B,
                                         int ldb);
CUBLASAPI cublasStatus_t cublasGetMatrix(int rows, int cols, int elemSize,
                                         const void *A, int lda, void *B,
                                         int ldb);
CUBLASAPI cublasStatus_t cublasSetVectorAsync(int n, int elemSize,
                                              const void *hostPtr, int incx,
                                              void *devicePtr, int incy,
                                              cudaStream_t stream);
CUBLASAPI cublasStatus_t cublasGetVectorAsync(int n, int elemSize,
                                              const void *devicePtr, int incx,
                                              void *hostPtr, int incy,
                                              cudaStream_t stream);
CUBLASAPI cublasStatus_t cublasSetMatrixAsync(int rows, int cols, int elemSize,
                                              const void *A, int lda, void *B,
                                              int ldb, cudaStream_t stream);
CUBLASAPI cublasStatus_t cublasGetMatrixAsync(int rows, int cols, int elemSize,
                                              const void *A, int lda, void *B,
                                              int ldb, cudaStream_t stream);

/*--- Level 1 ---------------------------------------------------------------*/

#define __TX_CUBLAS_L1(c, l, T)                                                \
  CUBLASAPI cublasStatus_t cublas##c##axpy_v2(cublasHandle_t handle, int n,    \
                                              const T *alpha, const T *x,      \
                                              int incx, T *y, int incy);       \
  CUBLASAPI cublasStatus_t cublas##c##scal_v2(cublasHandle_t handle, int n,    \
                                              const T *alpha, T *x, int incx); \
  CUBLASAPI cublasStatus_t cublas##c##copy_v2(cublasHandle_t handle, int n,    \
                                              const T *x, int incx, T *y,      \
                                              int incy);                       \
  CUBLASAPI cublasStatus_t cublas##c##swap_v2(cublasHandle_t handle, int n,    \
                                              T *x, int incx, T *y, int incy); \
  CUBLASAPI cublasStatus_t cublasI##l##amax_v2(                                \
      cublasHandle_t handle, int n, const T *x, int incx, int *result);        \
  CUBLASAPI cublasStatus_t cublasI##l##amin_v2(                                \
      cublasHandle_t handle, int n, const T *x, int incx, int *result);
__TX_CUBLAS_L1(S, s, float)
__TX_CUBLAS_L1(D, d, double)
__TX_CUBLAS_L1(C, c, cuComplex)
__TX_CUBLAS_L1(Z, z, cuDoubleComplex)

#define __TX_CUBLAS_NORMS(c, T, R)                                             \
  CUBLASAPI cublasStatus_t cublas##c##nrm2_v2(                                 \
      cublasHandle_t handle, int n, const T *x, int incx, R *result);          \
  CUBLASAPI cublasStatus_t cublas##c##asum_v2(                                 \
      cublasHandle_t handle, int n, const T *x, int incx, R *result);
__TX_CUBLAS_NORMS(S, float, float)
__TX_CUBLAS_NORMS(D, double, double)
__TX_CUBLAS_NORMS(Sc, cuComplex, float)
__TX_CUBLAS_NORMS(Dz, cuDoubleComplex, double)

#define __TX_CUBLAS_DOT(name, T)                                               \
  CUBLASAPI cublasStatus_t name(cublasHandle_t handle, int n, const T *x,      \
                                int incx, const T *y, int incy, T *result);
__TX_CUBLAS_DOT(cublasSdot_v2, float)
__TX_CUBLAS_DOT(cublasDdot_v2, double)
__TX_CUBLAS_DOT(cublasCdotu_v2, cuComplex)
__TX_CUBLAS_DOT(cublasCdotc_v2, cuComplex)
__TX_CUBLAS_DOT(cublasZdotu_v2, cuDoubleComplex)
__TX_CUBLAS_DOT(cublasZdotc_v2, cuDoubleComplex)

CUBLASAPI cublasStatus_t cublasCsscal_v2(cublasHandle_t handle, int n,
                                         const float *alpha, cuComplex *x,
                                         int incx);
CUBLASAPI cublasStatus_t cublasZdscal_v2(cublasHandle_t handle, int n,
                                         const double *alpha,
                                         cuDoubleComplex *x, int incx);

#define __TX_CUBLAS_ROT(p, T, R, S)                                            \
  CUBLASAPI cublasStatus_t cublas##p##rot_v2(cublasHandle_t handle, int n,     \
                                             T *x, int incx, T *y, int incy,   \
                                             const R *c, const S *s);
__TX_CUBLAS_ROT(S, float, float, float)
__TX_CUBLAS_ROT(D, double, double, double)
__TX_CUBLAS_ROT(C, cuComplex, float, cuComplex)
__TX_CUBLAS_ROT(Cs, cuComplex, float, float)
__TX_CUBLAS_ROT(Z, cuDoubleComplex, double, cuDoubleComplex)
__TX_CUBLAS_ROT(Zd, cuDoubleComplex, double, double)

CUBLASAPI cublasStatus_t cublasDotEx(cublasHandle_t handle, int n,
                                     const void *x, cudaDataType xType,
                                     int incx, const void *y,
                                     cudaDataType yType, int incy,
                                     void *result, cudaDataType resultType,
                                     cudaDataType executionType);
CUBLASAPI cublasStatus_t cublasDotcEx(cublasHandle_t handle, int n,
                                      const void *x, cudaDataType xType,
                                      int incx, const void *y,
                                      cudaDataType yType, int incy,
                                      void *result, cudaDataType resultType,
                                      cudaDataType executionType);
CUBLASAPI cublasStatus_t cublasAxpyEx(cublasHandle_t handle, int n,
                                      const void *alpha,
                                      cudaDataType alphaType, const void *x,
                                      cudaDataType xType, int incx, void *y,
                                      cudaDataType yType, int incy,
                                      cudaDataType executiontype);
CUBLASAPI cublasStatus_t cublasScalEx(cublasHandle_t handle, int n,
                                      const void *alpha,
                                      cudaDataType alphaType, void *x,
                                      cudaDataType xType, int incx,
                                      cudaDataType executionType);
CUBLASAPI cublasStatus_t cublasNrm2Ex(cublasHandle_t handle, int n,
                                      const void *x, cudaDataType xType,
                                      int incx, void *result,
                                      cudaDataType resultType,
                                      cudaDataType executionType);

/*--- Level 2 ---------------------------------------------------------------*/

#define __TX_CUBLAS_L2(p, T)                                                   \
  CUBLASAPI cublasStatus_t cublas##p##gemv_v2(                                 \
      cublasHandle_t handle, cublasOperation_t trans, int m, int n,            \
      const T *alpha, const T *A, int lda, const T *x, int incx,               \
      const T *beta, T *y, int incy);                                          \
  CUBLASAPI cublasStatus_t cublas##p##symv_v2(                                 \
      cublasHandle_t handle, cublasFillMode_t uplo, int n, const T *alpha,     \
      const T *A, int lda, const T *x, int incx, const T *beta, T *y,          \
      int incy);                                                               \
  CUBLASAPI cublasStatus_t cublas##p##syr_v2(                                  \
      cublasHandle_t handle, cublasFillMode_t uplo, int n, const T *alpha,     \
      const T *x, int incx, T *A, int lda);                                    \
  CUBLASAPI cublasStatus_t cublas##p##syr2_v2(                                 \
      cublasHandle_t handle, cublasFillMode_t uplo, int n, const T *alpha,     \
      const T *x, int incx, const T *y, int incy, T *A, int lda);              \
  CUBLASAPI cublasStatus_t cublas##p##trmv_v2(                                 \
      cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans,   \
      cublasDiagType_t diag, int n, const T *A, int lda, T *x, int incx);      \
  CUBLASAPI cublasStatus_t cublas##p##trsv_v2(                                 \
      cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans,   \
      cublasDiagType_t diag, int n, const T *A, int lda, T *x, int incx);
__TX_CUBLAS_L2(S, float)
__TX_CUBLAS_L2(D, double)
__TX_CUBLAS_L2(C, cuComplex)
__TX_CUBLAS_L2(Z, cuDoubleComplex)

#define __TX_CUBLAS_GER(name, T)                                               \
  CUBLASAPI cublasStatus_t name(cublasHandle_t handle, int m, int n,           \
                                const T *alpha, const T *x, int incx,          \
                                const T *y, int incy, T *A, int lda);
__TX_CUBLAS_GER(cublasSger_v2, float)
__TX_CUBLAS_GER(cublasDger_v2, double)
__TX_CUBLAS_GER(cublasCgeru_v2, cuComplex)
__TX_CUBLAS_GER(cublasCgerc_v2, cuComplex)
__TX_CUBLAS_GER(cublasZgeru_v2, cuDoubleComplex)
__TX_CUBLAS_GER(cublasZgerc_v2, cuDoubleComplex)

#define __TX_CUBLAS_HERMITIAN2(p, T, R)                                        \
  CUBLASAPI cublasStatus_t cublas##p##hemv_v2(                                 \
      cublasHandle_t handle, cublasFillMode_t uplo, int n, const T *alpha,     \
      const T *A, int lda, const T *x, int incx, const T *beta, T *y,          \
      int incy);                                                               \
  CUBLASAPI cublasStatus_t cublas##p##her_v2(                                  \
      cublasHandle_t handle, cublasFillMode_t uplo, int n, const R *alpha,     \
      const T *x, int incx, T *A, int lda);                                    \
  CUBLASAPI cublasStatus_t cublas##p##her2_v2(                                 \
      cublasHandle_t handle, cublasFillMode_t uplo, int n, const T *alpha,     \
      const T *x, int incx, const T *y, int incy, T *A, int lda);
__TX_CUBLAS_HERMITIAN2(C, cuComplex, float)
__TX_CUBLAS_HERMITIAN2(Z, cuDoubleComplex, double)

/*--- Level 3 ---------------------------------------------------------------*/

#define __TX_CUBLAS_L3(p, T)                                                   \
  CUBLASAPI cublasStatus_t cublas##p##symm_v2(                                 \
      cublasHandle_t handle, cublasSideMode_t side, cublasFillMode_t uplo,     \
      int m, int n, const T *alpha, const T *A, int lda, const T *B, int ldb,  \
      const T *beta, T *C, int ldc);                                           \
  CUBLASAPI cublasStatus_t cublas##p##syrk_v2(                                 \
      cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans,   \
      int n, int k, const T *alpha, const T *A, int lda, const T *beta, T *C,  \
      int ldc);                                                                \
  CUBLASAPI cublasStatus_t cublas##p##syr2k_v2(                                \
      cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans,   \
      int n, int k, const T *alpha, const T *A, int lda, const T *B, int ldb,  \
      const T *beta, T *C, int ldc);                                           \
  CUBLASAPI cublasStatus_t cublas##p##trmm_v2(                                 \
      cublasHandle_t handle, cublasSideMode_t side, cublasFillMode_t uplo,     \
      cublasOperation_t trans, cublasDiagType_t diag, int m, int n,            \
      const T *alpha, const T *A, int lda, const T *B, int ldb, T *C,          \
      int ldc);                                                                \
  CUBLASAPI cublasStatus_t cublas##p##trsm_v2(                                 \
      cublasHandle_t handle, cublasSideMode_t side, cublasFillMode_t uplo,     \
      cublasOperation_t trans, cublasDiagType_t diag, int m, int n,            \
      const T *alpha, const T *A, int lda, T *B, int ldb);                     \
  CUBLASAPI cublasStatus_t cublas##p##geam(                                    \
      cublasHandle_t handle, cublasOperation_t transa,                         \
      cublasOperation_t transb, int m, int n, const T *alpha, const T *A,      \
      int lda, const T *beta, const T *B, int ldb, T *C, int ldc);             \
  CUBLASAPI cublasStatus_t cublas##p##dgmm(                                    \
      cublasHandle_t handle, cublasSideMode_t mode, int m, int n, const T *A,  \
      int lda, const T *x, int incx, T *C, int ldc);                           \
  CUBLASAPI cublasStatus_t cublas##p##getrfBatched(                            \
      cublasHandle_t handle, int n, T *const A[], int lda, int *P, int *info,  \
      int batchSize);                                                          \
  CUBLASAPI cublasStatus_t cublas##p##getrsBatched(                            \
      cublasHandle_t handle, cublasOperation_t trans, int n, int nrhs,         \
      const T *const Aarray[], int lda, const int *devIpiv,                    \
      T *const Barray[], int ldb, int *info, int batchSize);                   \
  CUBLASAPI cublasStatus_t cublas##p##getriBatched(                            \
      cublasHandle_t handle, int n, const T *const A[], int lda, const int *P, \
      T *const C[], int ldc, int *info, int batchSize);                        \
  CUBLASAPI cublasStatus_t cublas##p##matinvBatched(                           \
      cublasHandle_t handle, int n, const T *const A[], int lda,               \
      T *const Ainv[], int lda_inv, int *info, int batchSize);
__TX_CUBLAS_L3(S, float)
__TX_CUBLAS_L3(D, double)
__TX_CUBLAS_L3(C, cuComplex)
__TX_CUBLAS_L3(Z, cuDoubleComplex)

#define __TX_CUBLAS_HERMITIAN3(p, T, R)                                        \
  CUBLASAPI cublasStatus_t cublas##p##hemm_v2(                                 \
      cublasHandle_t handle, cublasSideMode_t side, cublasFillMode_t uplo,     \
      int m, int n, const T *alpha, const T *A, int lda, const T *B, int ldb,  \
      const T *beta, T *C, int ldc);                                           \
  CUBLASAPI cublasStatus_t cublas##p##herk_v2(                                 \
      cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans,   \
      int n, int k, const R *alpha, const T *A, int lda, const R *beta, T *C,  \
      int ldc);                                                                \
  CUBLASAPI cublasStatus_t cublas##p##her2k_v2(                                \
      cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans,   \
      int n, int k, const T *alpha, const T *A, int lda, const T *B, int ldb,  \
      const R *beta, T *C, int ldc);
__TX_CUBLAS_HERMITIAN3(C, cuComplex, float)
__TX_CUBLAS_HERMITIAN3(Z, cuDoubleComplex, double)

/*--- Level 3: GEMM ---------------------------------------------------------*/

/* One declaration per precision, from these macros: <t> is S (float),
 * D (double), C (cuComplex), Z (cuDoubleComplex), H (__half). */
#define __TX_CUBLAS_GEMM(name, T)                                              \
  CUBLASAPI cublasStatus_t name(                                               \
      cublasHandle_t handle, cublasOperation_t transa,                         \
      cublasOperation_t transb, int m, int n, int k, const T *alpha,           \
      const T *A, int lda, const T *B, int ldb, const T *beta, T *C, int ldc);
#define __TX_CUBLAS_GEMM_BATCHED(name, T)                                      \
  CUBLASAPI cublasStatus_t name(                                               \
      cublasHandle_t handle, cublasOperation_t transa,                         \
      cublasOperation_t transb, int m, int n, int k, const T *alpha,           \
      const T *const Aarray[], int lda, const T *const Barray[], int ldb,      \
      const T *beta, T *const Carray[], int ldc, int batchCount);
#define __TX_CUBLAS_GEMM_STRIDED(name, T)                                      \
  CUBLASAPI cublasStatus_t name(                                               \
      cublasHandle_t handle, cublasOperation_t transa,                         \
      cublasOperation_t transb, int m, int n, int k, const T *alpha,           \
      const T *A, int lda, long long int strideA, const T *B, int ldb,         \
      long long int strideB, const T *beta, T *C, int ldc,                     \
      long long int strideC, int batchCount);

__TX_CUBLAS_GEMM(cublasSgemm_v2, float)
__TX_CUBLAS_GEMM(cublasDgemm_v2, double)
__TX_CUBLAS_GEMM(cublasCgemm_v2, cuComplex)
__TX_CUBLAS_GEMM(cublasZgemm_v2, cuDoubleComplex)
__TX_CUBLAS_GEMM(cublasHgemm, __half)
__TX_CUBLAS_GEMM(cublasCgemm3m, cuComplex)
__TX_CUBLAS_GEMM_BATCHED(cublasSgemmBatched, float)
__TX_CUBLAS_GEMM_BATCHED(cublasDgemmBatched, double)
__TX_CUBLAS_GEMM_BATCHED(cublasCgemmBatched, cuComplex)
__TX_CUBLAS_GEMM_BATCHED(cublasZgemmBatched, cuDoubleComplex)
__TX_CUBLAS_GEMM_BATCHED(cublasHgemmBatched, __half)
__TX_CUBLAS_GEMM_STRIDED(cublasSgemmStridedBatched, float)
__TX_CUBLAS_GEMM_STRIDED(cublasDgemmStridedBatched, double)
__TX_CUBLAS_GEMM_STRIDED(cublasCgemmStridedBatched, cuComplex)
__TX_CUBLAS_GEMM_STRIDED(cublasZgemmStridedBatched, cuDoubleComplex)
__TX_CUBLAS_GEMM_STRIDED(cublasHgemmStridedBatched, __half)

CUBLASAPI cublasStatus_t cublasSgemmEx(
    cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb,
    int m, int n, int k, const float *alpha, const void *A, cudaDataType Atype,
    int lda, const void *B, cudaDataType Btype, int ldb, const float *beta,
    void *C, cudaDataType Ctype, int ldc);
CUBLASAPI cublasStatus_t cublasGemmEx(
    cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb,
    int m, int n, int k, const void *alpha, const void *A, cudaDataType Atype,
    int lda, const void *B, cudaDataType Btype, int ldb, const void *beta,
    void *C, cudaDataType Ctype, int ldc, cublasComputeType_t computeType,
    cublasGemmAlgo_t algo);
CUBLASAPI cublasStatus_t cublasGemmBatchedEx(
    cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb,
    int m, int n, int k, const void *alpha, const void *const Aarray[],
    cudaDataType Atype, int lda, const void *const Barray[],
    cudaDataType Btype, int ldb, const void *beta, void *const Carray[],
    cudaDataType Ctype, int ldc, int batchCount,
    cublasComputeType_t computeType, cublasGemmAlgo_t algo);
CUBLASAPI cublasStatus_t cublasGemmStridedBatchedEx(
    cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb,
    int m, int n, int k, const void *alpha, const void *A, cudaDataType Atype,
    int lda, long long int strideA, const void *B, cudaDataType Btype, int ldb,
    long long int strideB, const void *beta, void *C, cudaDataType Ctype,
    int ldc, long long int strideC, int batchCount,
    cublasComputeType_t computeType, cublasGemmAlgo_t algo);

/* TONGXIN_CUBLAS_FUNCTIONS: the rest of the API follows (libs/blas). */

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TONGXIN_CUBLAS_API_H */
