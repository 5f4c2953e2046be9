//===- gemm/GemmPaths.h - The GEMM paths besides BLIS's -----------*- C++
//-*-===//
//
// Part of Tongxin. Internal to the GEMM engine (see Gemm.h).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_GEMM_GEMMPATHS_H
#define TONGXIN_LIBS_BLAS_GEMM_GEMMPATHS_H

#include "Gemm.h"

namespace tx {
namespace gemm {

/// int8 inputs: oneDNN's int8 GEMM into int32, then scaled (GemmInt8.cpp).
void runInt8(int Device, const Problem &P);

/// fp16, bf16, fp8 and complex int8 inputs: blocks widened to fp32 and
/// multiplied by BLIS's fp32 kernels (GemmWidened.cpp).
void runWidened(int Device, const Problem &P);

} // namespace gemm
} // namespace tx

#endif // TONGXIN_LIBS_BLAS_GEMM_GEMMPATHS_H
