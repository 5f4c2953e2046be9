//===- surface_indirect_functions.h - CUDA name for fetches -*- C++ -*-===//
//
// Part of Tongxin. The fetch functions live in tongxin/device_textures.h,
// which cuda_runtime.h includes; this name exists for code that includes
// it directly.
//
//===----------------------------------------------------------------------===//

#include "cuda_runtime.h"
