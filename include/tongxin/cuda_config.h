//===- tongxin/cuda_config.h - CUDA version and compiler macros -*- C++ -*-===//
//
// Part of Tongxin. The macros CUDA sources test to learn which toolkit and
// which compiler they are built with. Tongxin presents itself as CUDA 12.0.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_CONFIG_H
#define TONGXIN_CUDA_CONFIG_H

// clang in CUDA mode defines __CUDA__ (both passes) and __CUDA_ARCH__ (device
// pass only). nvcc-targeted code tests __CUDACC__ instead, which nvcc defines
// for every .cu compilation, so we mirror it.
//
// __NVCC__ stays undefined on purpose: it means "the nvcc driver and its
// front end", and libraries (Thrust, CUB, Eigen, ...) use it to pick code
// paths with inline PTX, nvcc-only pragmas and EDG quirks that clang does
// not accept. Those libraries all have a clang-CUDA path keyed on
// __clang__ && __CUDA__, which is the one we want.
#if defined(__CUDA__) && !defined(__CUDACC__)
#define __CUDACC__ 1
#endif

#ifdef __CUDACC__
#ifndef __CUDACC_VER_MAJOR__
#define __CUDACC_VER_MAJOR__ 12
#define __CUDACC_VER_MINOR__ 0
#define __CUDACC_VER_BUILD__ 0
#endif
#endif

/// Runtime API version (cudaRuntimeGetVersion reports the same number).
#ifndef CUDART_VERSION
#define CUDART_VERSION 12000
#endif
// CUDA_VERSION (the driver API version) belongs to cuda.h alone, as in CUDA.

#endif // TONGXIN_CUDA_CONFIG_H
