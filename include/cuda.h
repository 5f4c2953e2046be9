//===- cuda.h - CUDA driver API version ---------------------------*- C -*-===//
//
// Part of Tongxin. Tongxin implements the CUDA runtime API, not the driver
// API (cuInit, cuModuleLoad, ...). This header exists so that sources which
// include <cuda.h> only to test CUDA_VERSION, or to name CUresult in a
// signature, keep compiling; it declares no driver entry points, so a
// program that calls one fails at compile time rather than at run time.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_H
#define TONGXIN_CUDA_H

#include "tongxin/cuda_config.h"

#define CUDA_VERSION 12090 // = CUDART_VERSION, as in CUDA

#define __CUDA_API_VERSION CUDA_VERSION

typedef enum cudaError_enum {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_OUT_OF_MEMORY = 2,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_DEINITIALIZED = 4,
  CUDA_ERROR_NO_DEVICE = 100,
  CUDA_ERROR_INVALID_DEVICE = 101,
  CUDA_ERROR_INVALID_CONTEXT = 201,
  CUDA_ERROR_NOT_FOUND = 500,
  CUDA_ERROR_NOT_SUPPORTED = 801,
  CUDA_ERROR_UNKNOWN = 999
} CUresult;

typedef int CUdevice;

#endif // TONGXIN_CUDA_H
