//===- gemm/Tiling.cpp - Splitting a GEMM over the device's workers -------===//
//
// Part of Tongxin. See Tiling.h.
//
//===----------------------------------------------------------------------===//

#include "Tiling.h"

#include "LibraryCall.h"

namespace tx {
namespace gemm {

const void *Operand::matrix(int64_t Index) const {
  if (Pointers)
    return Pointers[Index];
  return static_cast<const char *>(Data) + Index * Stride * elementSize(Elem);
}

/// Below this many multiply-adds a split costs more than it saves.
static constexpr double SmallProblem = 64.0 * 64.0 * 64.0;

void forEachTile(int Device, const Problem &P,
                 const std::function<void(const Tile &)> &TileBody) {
  auto Body = [&](const Tile &T) {
    TileBody(T);
    if (P.AfterTile)
      P.AfterTile(P.AfterTileContext, T.Batch, T.Row0, T.Row1, T.Col0, T.Col1);
  };
  unsigned Workers = lib::workerCount(Device);
  double Work = double(P.M) * double(P.N) * double(P.K ? P.K : 1);
  if (Workers <= 1 || Work * double(P.Batch) < SmallProblem) {
    for (int64_t B = 0; B < P.Batch; ++B)
      Body({B, 0, P.M, 0, P.N});
    return;
  }
  if (P.Batch >= Workers) {
    lib::forEachOnWorkers(Device, size_t(P.Batch), [&](size_t B) {
      Body({int64_t(B), 0, P.M, 0, P.N});
    });
    return;
  }
  // Split columns (each worker then streams its own part of B) unless the
  // matrix is much taller than wide. Grains keep tiles a multiple of the
  // micro-kernels' register blocks.
  bool SplitColumns = P.N >= P.M / 4;
  int64_t Extent = SplitColumns ? P.N : P.M;
  lib::Partition Parts(size_t(Extent), Workers, SplitColumns ? 8 : 32);
  for (int64_t B = 0; B < P.Batch; ++B) {
    lib::forEachOnWorkers(Device, Parts.parts(), [&](size_t I) {
      int64_t Begin = int64_t(Parts.begin(I)), End = int64_t(Parts.end(I));
      if (Begin == End)
        return;
      if (SplitColumns)
        Body({B, 0, P.M, Begin, End});
      else
        Body({B, Begin, End, 0, P.N});
    });
  }
}

TileOperands tileOperands(const Problem &P, const Tile &T) {
  auto Base = [&](const Operand &O) {
    return static_cast<const char *>(O.matrix(T.Batch));
  };
  int64_t SizeA = elementSize(P.A.Elem), SizeB = elementSize(P.B.Elem);
  int64_t SizeC = elementSize(P.C.Elem), SizeD = elementSize(P.D.Elem);
  TileOperands Ops;
  // Row r of op(A) is row r of A, or column r of A when transposed.
  Ops.A = Base(P.A) + (P.TransA == Op::N ? T.Row0 : T.Row0 * P.A.Ld) * SizeA;
  // Column c of op(B) is column c of B, or row c when transposed.
  Ops.B = Base(P.B) + (P.TransB == Op::N ? T.Col0 * P.B.Ld : T.Col0) * SizeB;
  Ops.C = P.C.Data || P.C.Pointers
              ? Base(P.C) + (T.Row0 + T.Col0 * P.C.Ld) * SizeC
              : nullptr;
  Ops.D = const_cast<char *>(Base(P.D)) + (T.Row0 + T.Col0 * P.D.Ld) * SizeD;
  return Ops;
}

} // namespace gemm
} // namespace tx
