//===- cuda_runtime.h - The CUDA runtime umbrella header ---------*- C++ -*-===//
//
// Part of Tongxin. What nvcc force-includes into every .cu file, and what
// txcc force-includes likewise: the host runtime API, the vector types, and
// (when clang compiles in CUDA mode) everything device code may call.
//
// A plain C or C++ compiler including this header sees only the host API.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_CUDA_RUNTIME_H
#define TONGXIN_CUDA_RUNTIME_H

#include "tongxin/cuda_config.h" // __CUDACC__, CUDART_VERSION, ...
#include "tongxin/host_defines.h"

#if defined(__CUDA__) && defined(__cplusplus)
// Before any library header: device malloc/free must exist when clang's
// cuda_wrappers/<new> is first included, and device math overloads must
// exist when <cmath> writes its using-declarations (see those headers).
#include "tongxin/device_libc.h"
#include "tongxin/device_math.h"
#endif

// What CUDA's runtime headers bring in for every includer, C or C++; code
// that uses INT_MAX or size_t without including anything relies on it.
#include <limits.h>
#include <stddef.h>
#ifdef __cplusplus
#include <utility>
#endif

#include "vector_types.h"
#include "vector_functions.h"
#include "driver_types.h"
#include "library_types.h" // cudaDataType_t & co, as NVIDIA's does
#include "cuda_runtime_api.h"
#ifdef __cplusplus
#include "tongxin/runtime_templates.h"
#include "channel_descriptor.h"
#endif

#if defined(__CUDA__) && defined(__cplusplus)
// The rest of nvcc's implicit environment for .cu files (its forced
// include of cuda_runtime.h pulls these in): printf, assert, memcpy, rand,
// isdigit, clock, va_list and placement new work without an #include.
#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <initializer_list>
#include <new>
#include "tongxin/device_builtins.h"
#include "tongxin/device_sync.h"
#include "tongxin/device_warp.h"
#include "tongxin/device_textures.h"
#include "tongxin/device_atomics.h"
#include "tongxin/device_intrinsics.h"
#include "tongxin/device_address_spaces.h"
#endif

#endif // TONGXIN_CUDA_RUNTIME_H
