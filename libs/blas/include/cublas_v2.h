/*===- cublas_v2.h - The cuBLAS API -------------------------------*- C -*-===*\
|*                                                                          *|
|* Part of Tongxin. What CUDA programs include for cuBLAS: the API of       *|
|* cublas_api.h under its documented names (cublasCreate for                *|
|* cublasCreate_v2, ...), as NVIDIA's header maps them.                     *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef TONGXIN_CUBLAS_V2_H
#define TONGXIN_CUBLAS_V2_H

#include "cublas_api.h"

#define cublasCreate cublasCreate_v2
#define cublasDestroy cublasDestroy_v2
#define cublasGetVersion cublasGetVersion_v2
#define cublasSetWorkspace cublasSetWorkspace_v2
#define cublasSetStream cublasSetStream_v2
#define cublasGetStream cublasGetStream_v2
#define cublasGetPointerMode cublasGetPointerMode_v2
#define cublasSetPointerMode cublasSetPointerMode_v2

#define cublasSgemm cublasSgemm_v2
#define cublasDgemm cublasDgemm_v2
#define cublasCgemm cublasCgemm_v2
#define cublasZgemm cublasZgemm_v2

#endif /* TONGXIN_CUBLAS_V2_H */
