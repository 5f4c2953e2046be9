//===- gemm/Tiling.h - Splitting a GEMM over the device's workers -*- C++
//-*-===//
//
// Part of Tongxin. Each worker computes whole tiles of D: a range of rows
// and columns of one matrix of the batch, with a single-threaded kernel.
// Batches are spread over workers when there are enough of them, else the
// larger dimension of each matrix is split.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_GEMM_TILING_H
#define TONGXIN_LIBS_BLAS_GEMM_TILING_H

#include "Gemm.h"

#include <functional>

namespace tx {
namespace gemm {

/// Rows [Row0, Row1) and columns [Col0, Col1) of matrix Batch of D.
struct Tile {
  int64_t Batch, Row0, Row1, Col0, Col1;
  int64_t rows() const { return Row1 - Row0; }
  int64_t cols() const { return Col1 - Col0; }
};

/// Calls Body on tiles covering all of P's output on Device's workers.
void forEachTile(int Device, const Problem &P,
                 const std::function<void(const Tile &)> &Body);

/// Element pointers of a tile's operands: rows of op(A), columns of op(B),
/// the tile of C and of D.
struct TileOperands {
  const char *A, *B, *C;
  char *D;
};
TileOperands tileOperands(const Problem &P, const Tile &T);

} // namespace gemm
} // namespace tx

#endif // TONGXIN_LIBS_BLAS_GEMM_TILING_H
