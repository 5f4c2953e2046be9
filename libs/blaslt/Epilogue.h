//===- Epilogue.h - cuBLASLt's epilogues around the GEMM engine ---*- C++
//-*-===//
//
// Part of Tongxin. The elementwise steps (bias, ReLU, GELU, their aux
// outputs and gradients, fp8 scaling and amax) run on each tile of the
// result right after the engine computed it, on the same worker, while the
// tile is in cache. The bias gradients are reductions over a whole
// dimension and run as separate passes over the device's workers.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLASLT_EPILOGUE_H
#define TONGXIN_LIBS_BLASLT_EPILOGUE_H

#include "Plan.h"

#include <atomic>

namespace tx {
namespace blaslt {

/// The tile pass of one call. Result is where the engine writes: D itself
/// when it is fp32, else an fp32 temporary narrowed into D here.
class TileEpilogue {
public:
  TileEpilogue(const Plan &Pl, const gemm::Operand &Result, float ScaleD)
      : Pl(Pl), Result(Result), ScaleD(ScaleD) {}

  /// gemm::Problem::AfterTile; Context is a TileEpilogue.
  static void afterTile(void *Context, int64_t Batch, int64_t Row0,
                        int64_t Row1, int64_t Col0, int64_t Col1);

  /// The largest magnitude seen before scaling by ScaleD.
  float amax() const;

private:
  void run(int64_t Batch, int64_t Row0, int64_t Row1, int64_t Col0,
           int64_t Col1);
  void column(int64_t Batch, int64_t Col, int64_t Row0, int64_t Rows, float *X,
              const float *BiasRun);

  const Plan &Pl;
  gemm::Operand Result;
  float ScaleD;
  std::atomic<uint32_t> AmaxBits{0};
};

/// BGRADA / BGRADB: the sums of op(A)'s rows or op(B)'s columns over K,
/// written to the bias pointer.
void reduceInputBiasGradient(int Device, const Plan &Pl);

/// DGELU_BGRAD / DRELU_BGRAD: the row sums of the fp32 result.
void reduceResultBiasGradient(int Device, const Plan &Pl,
                              const gemm::Operand &Result);

/// The tanh approximation of GELU CUDA uses, and its derivative.
float gelu(float X);
float geluGradient(float X);

} // namespace blaslt
} // namespace tx

#endif // TONGXIN_LIBS_BLASLT_EPILOGUE_H
