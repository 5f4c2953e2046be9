//===- curand_lognormal.h - cuRAND device API piece ---------- -*- CUDA -*-===//
//
// Part of Tongxin. NVIDIA's curand_kernel.h is split into pieces that some
// programs include by name; Tongxin's device API is one header.
//
//===----------------------------------------------------------------------===//

#include "curand_kernel.h"
