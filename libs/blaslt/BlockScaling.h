//===- BlockScaling.h - Block-scaled fp8 and fp4 matmuls --------*- C++ -*-===//
//
// Part of Tongxin. cublasLtMatmul with block scale factors (CUDA 12.8's
// CUBLASLT_MATMUL_MATRIX_SCALE_VEC32_UE8M0 for MXFP8 and VEC16_UE4M3 for
// NVFP4): each run of 32 (16) consecutive elements along K of a row of
// op(A), or of a column of op(B), is multiplied by its own scale factor,
// an E8M0 power of two (an unsigned E4M3 value) stored in cuBLAS's tiled
// layout. On the CPU the scaled operands are widened to fp32 before the
// GEMM engine runs, so everything after it (C, epilogues, D's type and
// scale) is the ordinary matmul's.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLASLT_BLOCKSCALING_H
#define TONGXIN_LIBS_BLASLT_BLOCKSCALING_H

#include "Descriptors.h"
#include "Gemm.h"

#include <vector>

namespace tx {
namespace blaslt {

struct Buffers;

/// Whether T is one of the fp8 element types (E4M3, E5M2).
inline bool isFp8(uint32_t T) {
  return T == CUDA_R_8F_E4M3 || T == CUDA_R_8F_E5M2;
}

/// How A and B of a block-scaled matmul are stored and scaled. Both are
/// column-major with K along their columns (A transposed, B not: the
/// "TN" form cuBLASLt requires).
struct BlockScaling {
  unsigned BlockSize = 0;        ///< 0: not block-scaled; else 32 or 16.
  uint32_t TypeA = 0, TypeB = 0; ///< cudaDataType of the elements.
  int64_t M = 0, N = 0, K = 0;
  int64_t LdA = 0, LdB = 0;
  const void *A = nullptr, *B = nullptr;
  const uint8_t *ScalesA = nullptr, *ScalesB = nullptr;
};

/// Whether the descriptor asks for block scaling of A and B.
bool isBlockScaled(const MatmulDescState &Desc);

/// Checks a block-scaled call as cuBLASLt does: the scale modes and input
/// types go together (VEC32_UE8M0 with fp8, VEC16_UE4M3 with E2M1), the
/// TN column-major form, whole blocks along K, one matrix, no scale modes
/// or bias gradients of the inputs that Tongxin does not implement; with
/// Ptrs, the scale factors are there.
cublasStatus_t planBlockScaling(const MatmulDescState &Desc,
                                const LayoutState &A, const LayoutState &B,
                                const LayoutState &D, const Buffers *Ptrs,
                                BlockScaling *Out);

/// Where the scale factor of block Block (along K) of row or column Outer
/// lies in cuBLAS's layout: tiles of 128 rows by 4 blocks, 512 bytes each,
/// in row-major order of tiles; inside a tile, row r's 4 factors at
/// (r % 32) 16 + (r / 32) 4.
int64_t blockScaleOffset(int64_t Outer, int64_t Block, int64_t Blocks);

/// Widens A and B with their scale factors into fp32 matrices (K x M and
/// K x N, column-major, K apart), and C when it is narrower, and points the
/// problem's operands at them.
void widenBlockScaled(const BlockScaling &S, gemm::Problem &P,
                      std::vector<float> &A, std::vector<float> &B,
                      std::vector<float> &C);

} // namespace blaslt
} // namespace tx

#endif // TONGXIN_LIBS_BLASLT_BLOCKSCALING_H
