//===- Plan.h - A checked cublasLtMatmul call, ready to run ----*- C++ -*-===//
//
// Part of Tongxin. cublasLtMatmul and the heuristic queries check the same
// things: the descriptors, the types and the epilogue. makePlan does it
// once and describes the call as a GEMM-engine problem plus the epilogue
// steps around it; the work enqueued on the stream then only executes it.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLASLT_PLAN_H
#define TONGXIN_LIBS_BLASLT_PLAN_H

#include "BlockScaling.h"
#include "Descriptors.h"
#include "Gemm.h"

namespace tx {
namespace blaslt {

/// What an epilogue does besides the product, in the order it happens.
struct EpilogueSteps {
  bool BiasGradA = false, BiasGradB = false; ///< Sums of op(A)/op(B) over K.
  bool Bias = false;                         ///< x += bias[row].
  bool StoreAux = false; ///< aux = x (GELU input) or x > 0 (ReLU mask).
  bool Relu = false, Gelu = false;
  bool DRelu = false, DGelu = false; ///< x *= activation'(aux).
  bool BiasGradD = false;            ///< bias = row sums of the result.
  bool ReluMask() const { return Relu || DRelu; }
  bool elementwise() const {
    return Bias || StoreAux || Relu || Gelu || DRelu || DGelu;
  }
};

/// The pointers of a cublasLtMatmul call (absent for heuristic queries).
struct Buffers {
  const void *Alpha, *A, *B, *Beta, *C;
  void *D;
};

struct Plan {
  /// The engine's problem. Alpha and Beta are filled in when it runs; D
  /// may be replaced by an fp32 temporary (UseTemp).
  gemm::Problem P;
  /// True when D is row-major: the engine computes D^T = op(B)^T op(A)^T,
  /// so its rows are D's columns.
  bool Transposed = false;

  cudaDataType ScaleType = CUDA_R_32F;
  bool DevicePointers = false;
  const void *Alpha = nullptr, *Beta = nullptr;
  gemm::Scalar AlphaValue, BetaValue; ///< Read at the call in host mode.

  EpilogueSteps Steps;
  gemm::Operand D; ///< D as the program sees it.
  /// The engine writes fp32 into a temporary that the epilogue narrows
  /// into D, so that D's type rounds the final value only once.
  bool UseTemp = false;
  bool TilePass = false; ///< The epilogue runs on each tile.

  void *Bias = nullptr;
  gemm::Type BiasType = gemm::Type::F32;
  int64_t BiasStride = 0;
  void *Aux = nullptr;
  gemm::Type AuxType = gemm::Type::F32;
  int64_t AuxLd = 0, AuxStride = 0;

  /// fp8 scaling (see CUBLASLT_MATMUL_DESC_A_SCALE_POINTER and after).
  const float *ScaleA = nullptr, *ScaleB = nullptr, *ScaleC = nullptr,
              *ScaleD = nullptr;
  float *AmaxD = nullptr;
  bool FoldScaleD = false; ///< Applied through alpha and beta.
  /// Block scale factors of A and B (BlockSize 0: none).
  BlockScaling Blocks;
};

/// Checks a call as cublasLtMatmul does and describes it in Out. Buffers
/// may be null (heuristics): pointers are then not checked.
cublasStatus_t makePlan(const MatmulDescState &Desc, const LayoutState &A,
                        const LayoutState &B, const LayoutState &C,
                        const LayoutState &D, const Buffers *Ptrs, Plan *Out);

/// Whether cuBLASLt's type table has (and this library implements) the
/// combination: SUCCESS, NOT_SUPPORTED or INVALID_VALUE (unknown compute
/// type).
cublasStatus_t checkTypeCombination(int32_t Compute, int32_t Scale, uint32_t A,
                                    uint32_t B, uint32_t C, uint32_t D);

/// The scalar of type T at Pointer.
gemm::Scalar loadScale(cudaDataType T, const void *Pointer);

} // namespace blaslt
} // namespace tx

#endif // TONGXIN_LIBS_BLASLT_PLAN_H
