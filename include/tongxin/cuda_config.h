//===- tongxin/cuda_config.h - CUDA version and compiler macros -*- C++ -*-===//
//
// Part of Tongxin. The macros CUDA sources test to learn which toolkit and
// which compiler they are built with. Tongxin presents itself as CUDA 12.9:
// the one version every header, `txcc --version` and the runtime report.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_CONFIG_H
#define TONGXIN_CUDA_CONFIG_H

/// The CUDA release Tongxin is compatible with. txcc reads these too, so
/// the compiler's macros and the headers cannot disagree.
#define __TX_CUDA_MAJOR 12
#define __TX_CUDA_MINOR 9
#define __TX_CUDA_BUILD 41

// txcc passes nvcc's predefined macros on the command line (__NVCC__,
// __CUDACC__, __CUDACC_VER_*__, __CUDA_API_VER_*__, __CUDA_ARCH_LIST__, ...).
// A bare `clang -x cuda` with our include directory gets the CUDA-mode ones
// here: clang defines __CUDA__ (both passes) and __CUDA_ARCH__ (device pass),
// while nvcc-targeted code tests __CUDACC__. __NVCC__ names the driver, so
// only txcc defines it.
#if defined(__CUDA__) && !defined(__CUDACC__)
#define __CUDACC__ 1
#endif

#if defined(__CUDACC__) || defined(__NVCC__)
#ifndef __CUDACC_VER_MAJOR__
#define __CUDACC_VER_MAJOR__ __TX_CUDA_MAJOR
#define __CUDACC_VER_MINOR__ __TX_CUDA_MINOR
#define __CUDACC_VER_BUILD__ __TX_CUDA_BUILD
#endif
#ifndef __CUDA_API_VER_MAJOR__
#define __CUDA_API_VER_MAJOR__ __TX_CUDA_MAJOR
#define __CUDA_API_VER_MINOR__ __TX_CUDA_MINOR
#endif
#endif

/// Runtime API version (cudaRuntimeGetVersion reports the same number). A
/// plain number, as build scripts read it out of the header.
#ifndef CUDART_VERSION
#define CUDART_VERSION 12090
#endif
#if CUDART_VERSION != __TX_CUDA_MAJOR * 1000 + __TX_CUDA_MINOR * 10
#error "CUDART_VERSION disagrees with the CUDA version Tongxin presents"
#endif
// CUDA_VERSION (the driver API version) belongs to cuda.h alone, as in CUDA.

#endif // TONGXIN_CUDA_CONFIG_H
