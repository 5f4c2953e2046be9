//===- tongxin/host_defines.h - CUDA execution-space qualifiers -*- C++ -*-===//
//
// Part of Tongxin. Maps CUDA's qualifiers onto clang's CUDA attributes so
// that unmodified sources compile with clang in CUDA mode.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_HOST_DEFINES_H
#define TONGXIN_HOST_DEFINES_H

// NVIDIA's guard for the same header: Thrust and CUB test it to know that
// the CUDA qualifiers below are the toolkit's and must not be undefined.
#ifndef __HOST_DEFINES_H__
#define __HOST_DEFINES_H__
#endif

#ifndef __host__
#if defined(__CUDA__)
#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
// clang supports __managed__ only for HIP. Ours is a __device__ variable
// marked (by a section, which declarations keep too) for the
// ManagedVariables pass, which makes device code use the host's object, so
// both sides share one.
#define __managed__ __attribute__((device, section("__tx_managed")))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
// A kernel parameter the kernel does not write (CUDA 11.7): nothing to do
// on a CPU, where parameters are the caller's copy anyway.
#define __grid_constant__
// A register budget for ptxas (CUDA 12.4): no meaning on a CPU.
#define __maxnreg__(N)
#else
// A plain C/C++ compiler (g++ on a .cpp that includes cuda_runtime.h) sees
// only host code; the qualifiers vanish instead of raising -Wattributes.
#define __host__
#define __device__
#define __global__
#define __shared__
#define __constant__
#define __managed__
#define __launch_bounds__(...)
#define __grid_constant__
#define __maxnreg__(N)
#endif
#endif

#define __forceinline__ __inline__ __attribute__((always_inline))
// No __noinline__ macro: clang accepts it as a keyword in CUDA mode, and a
// macro would break libstdc++, which spells __attribute__((__noinline__)).
#define __align__(n) __attribute__((aligned(n)))
#define __builtin_align__(n) __align__(n)
#define __device_builtin__
#define __cudart_builtin__
#define CUDARTAPI
#define __CUDA_ALIGN__(n) __align__(n)

// nvcc's type traits for its extended lambdas (--extended-lambda), which
// CCCL asks about a callable before querying its return type in host code:
// nvcc cannot deduce a __device__ lambda's there, clang can, so no lambda
// needs the special handling.
#ifndef __nv_is_extended_device_lambda_closure_type
#define __nv_is_extended_device_lambda_closure_type(X) false
#define __nv_is_extended_host_device_lambda_closure_type(X) false
#define __nv_is_extended_device_lambda_with_preserved_return_type(X) false
#endif

#endif // TONGXIN_HOST_DEFINES_H
