//===- Descriptors.h - cuBLASLt's handle and descriptor contents -*- C++
//-*-===//
//
// Part of Tongxin. cuBLASLt's descriptors are fixed-size opaque blocks that
// a program may also place in its own memory (cublasLt*Init), so their
// state lives inside those blocks: each state struct below is overlaid on
// its opaque type and must fit in it.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLASLT_DESCRIPTORS_H
#define TONGXIN_LIBS_BLASLT_DESCRIPTORS_H

#include "cublasLt.h"

#include <cstdint>

struct cublasLtContext {
  int Device = 0; ///< The device current when the handle was made.
  /// NVIDIA's handle for matmuls forwarded to NVIDIA's cuBLASLt (Forward.h).
  void *Nvidia = nullptr;
};

namespace tx {
namespace blaslt {

struct LayoutState {
  uint32_t Type = CUDA_R_32F;
  int32_t Order = CUBLASLT_ORDER_COL;
  uint64_t Rows = 0, Cols = 0;
  int64_t Ld = 0;
  int32_t BatchCount = 1;
  uint32_t BatchMode = CUBLASLT_BATCH_MODE_STRIDED;
  int64_t BatchStride = 0;
  int64_t PlaneOffset = 0;
};

struct MatmulDescState {
  int32_t Compute = CUBLAS_COMPUTE_32F;
  int32_t Scale = CUDA_R_32F;
  int32_t PointerMode = CUBLASLT_POINTER_MODE_HOST;
  int32_t TransA = CUBLAS_OP_N, TransB = CUBLAS_OP_N, TransC = CUBLAS_OP_N;
  int32_t FillMode = CUBLAS_FILL_MODE_FULL;
  uint32_t Epilogue = CUBLASLT_EPILOGUE_DEFAULT;
  void *Bias = nullptr;
  int64_t BiasBatchStride = 0;
  void *Aux = nullptr;
  int64_t AuxLd = 0, AuxBatchStride = 0;
  int64_t AlphaVectorBatchStride = 0;
  int32_t SmCountTarget = 0;
  int32_t AuxType = -1;  ///< -1: the default (D's type).
  int32_t BiasType = -1; ///< -1: the default (D's type).
  int8_t FastAccum = 0;
  const void *ScaleA = nullptr, *ScaleB = nullptr, *ScaleC = nullptr,
             *ScaleD = nullptr;
  void *AmaxD = nullptr;
  void *AuxScale = nullptr, *AuxAmax = nullptr;
  int32_t ChunksRows = 0, ChunksCols = 0;
  void *InCounters = nullptr, *OutCounters = nullptr;
  int32_t ScaleModeA = 0, ScaleModeB = 0, ScaleModeC = 0, ScaleModeD = 0,
          ScaleModeAux = 0, ScaleModeDOut = 0;
  void *DOutScale = nullptr;
};

struct PreferenceState {
  uint32_t SearchMode = CUBLASLT_SEARCH_BEST_FIT;
  uint32_t ReductionMask = CUBLASLT_REDUCTION_SCHEME_MASK;
  uint64_t MaxWorkspace = 0;
  uint32_t AlignA = 256, AlignB = 256, AlignC = 256, AlignD = 256;
  float MaxWaves = 0;
  uint64_t ImplMask = ~uint64_t(0);
};

/// The configuration an algorithm descriptor carries. Tongxin has one
/// algorithm (ID 0), the GEMM engine; the other fields are kept for
/// programs that set and read them back.
struct AlgoState {
  uint32_t Magic;
  int32_t Id;
  uint32_t Tile, Stages, ReductionScheme, Swizzle, CustomOption;
  int32_t SplitK;
  uint16_t InnerShape, ClusterShape;
};

static_assert(sizeof(LayoutState) <= sizeof(cublasLtMatrixLayoutOpaque_t),
              "layout state must fit its opaque block");
static_assert(sizeof(MatmulDescState) <= sizeof(cublasLtMatmulDescOpaque_t),
              "matmul descriptor state must fit its opaque block");
static_assert(sizeof(PreferenceState) <=
                  sizeof(cublasLtMatmulPreferenceOpaque_t),
              "preference state must fit its opaque block");
static_assert(sizeof(AlgoState) <= sizeof(cublasLtMatmulAlgo_t),
              "algorithm state must fit its opaque block");

/// Marks an algorithm descriptor filled in by this library.
constexpr uint32_t AlgoMagic = 0x54784c74; // "TxLt"

inline LayoutState *state(cublasLtMatrixLayout_t L) {
  return reinterpret_cast<LayoutState *>(L);
}
inline MatmulDescState *state(cublasLtMatmulDesc_t D) {
  return reinterpret_cast<MatmulDescState *>(D);
}
inline PreferenceState *state(cublasLtMatmulPreference_t P) {
  return reinterpret_cast<PreferenceState *>(P);
}
inline const AlgoState *state(const cublasLtMatmulAlgo_t *A) {
  return reinterpret_cast<const AlgoState *>(A);
}
inline AlgoState *state(cublasLtMatmulAlgo_t *A) {
  return reinterpret_cast<AlgoState *>(A);
}

/// Where one attribute's value is stored and how many bytes it has.
struct Field {
  void *Address = nullptr;
  size_t Size = 0;
};

/// cuBLASLt's attribute setter and getter rules, shared by every kind of
/// descriptor: the size must match the attribute's exactly; a getter
/// asked with size 0 reports the size needed through SizeWritten.
cublasStatus_t setField(Field F, const void *Buf, size_t SizeInBytes);
/// Where attribute Attr of a layout or a matmul descriptor is kept (an
/// empty Field for attributes Tongxin does not know).
Field layoutField(cublasLtMatrixLayout_t L,
                  cublasLtMatrixLayoutAttribute_t Attr);
Field descField(cublasLtMatmulDesc_t D, cublasLtMatmulDescAttributes_t Attr);
cublasStatus_t getField(Field F, void *Buf, size_t SizeInBytes,
                        size_t *SizeWritten);

} // namespace blaslt
} // namespace tx

#endif // TONGXIN_LIBS_BLASLT_DESCRIPTORS_H
