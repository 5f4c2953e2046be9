//===- builtin_types.h - The CUDA runtime's built-in types --------*- C -*-===//
//
// Part of Tongxin. Every type the CUDA runtime API uses, as CUDA's
// builtin_types.h gathers them; <cuda_runtime_api.h> includes it.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_BUILTIN_TYPES_H
#define TONGXIN_BUILTIN_TYPES_H

#include "device_types.h"
#include "driver_types.h"
#include "surface_types.h"
#include "texture_types.h"
#include "vector_types.h"

#endif // TONGXIN_BUILTIN_TYPES_H
