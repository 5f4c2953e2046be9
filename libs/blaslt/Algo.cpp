//===- Algo.cpp - Heuristics and algorithm descriptors --------------------===//
//
// Part of Tongxin. On the CPU there is one algorithm, the GEMM engine
// (ID 0), which needs no workspace and picks its own blocking. The
// heuristic query answers with it for every call cublasLtMatmul would
// accept, and with the matmul's own status otherwise, so that a program's
// "no algorithm found" path is taken exactly when the matmul would fail.
//
//===----------------------------------------------------------------------===//

#include "Plan.h"

#include <cstring>

using namespace tx;
using namespace tx::blaslt;

static void makeAlgo(cublasLtMatmulAlgo_t *Algo) {
  std::memset(Algo, 0, sizeof(*Algo));
  AlgoState &S = *state(Algo);
  S.Magic = AlgoMagic;
  S.Id = 0;
  S.SplitK = 1;
}

static bool validAlgo(const cublasLtMatmulAlgo_t *Algo) {
  return Algo && state(Algo)->Magic == AlgoMagic && state(Algo)->Id == 0;
}

static void describeResult(cublasLtMatmulHeuristicResult_t *Result) {
  Result->workspaceSize = 0;
  Result->state = CUBLAS_STATUS_SUCCESS;
  Result->wavesCount = 1.0f;
  std::memset(Result->reserved, 0, sizeof(Result->reserved));
}

static cublasStatus_t planFor(cublasLtMatmulDesc_t Desc,
                              cublasLtMatrixLayout_t A,
                              cublasLtMatrixLayout_t B,
                              cublasLtMatrixLayout_t C,
                              cublasLtMatrixLayout_t D) {
  if (!Desc || !A || !B || !C || !D)
    return CUBLAS_STATUS_INVALID_VALUE;
  Plan Pl;
  return makePlan(*state(Desc), *state(A), *state(B), *state(C), *state(D),
                  nullptr, &Pl);
}

cublasStatus_t cublasLtMatmulAlgoGetHeuristic(
    cublasLtHandle_t Handle, cublasLtMatmulDesc_t Desc,
    cublasLtMatrixLayout_t A, cublasLtMatrixLayout_t B,
    cublasLtMatrixLayout_t C, cublasLtMatrixLayout_t D,
    cublasLtMatmulPreference_t Preference, int Requested,
    cublasLtMatmulHeuristicResult_t Results[], int *ReturnCount) {
  if (!Handle)
    return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!Preference || !Results || !ReturnCount || Requested <= 0)
    return CUBLAS_STATUS_INVALID_VALUE;
  *ReturnCount = 0;
  if (cublasStatus_t S = planFor(Desc, A, B, C, D))
    return S;
  makeAlgo(&Results[0].algo);
  describeResult(&Results[0]);
  *ReturnCount = 1;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasLtMatmulAlgoGetIds(
    cublasLtHandle_t Handle, cublasComputeType_t Compute, cudaDataType_t Scale,
    cudaDataType_t AType, cudaDataType_t BType, cudaDataType_t CType,
    cudaDataType_t DType, int Requested, int Ids[], int *ReturnCount) {
  if (!Handle)
    return CUBLAS_STATUS_NOT_INITIALIZED;
  if (Requested <= 0 || !Ids || !ReturnCount)
    return CUBLAS_STATUS_INVALID_VALUE;
  *ReturnCount = 0;
  if (checkTypeCombination(Compute, Scale, AType, BType, CType, DType) ==
      CUBLAS_STATUS_SUCCESS) {
    Ids[0] = 0;
    *ReturnCount = 1;
  }
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasLtMatmulAlgoInit(
    cublasLtHandle_t Handle, cublasComputeType_t Compute, cudaDataType_t Scale,
    cudaDataType_t AType, cudaDataType_t BType, cudaDataType_t CType,
    cudaDataType_t DType, int AlgoId, cublasLtMatmulAlgo_t *Algo) {
  if (!Handle)
    return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!Algo || AlgoId != 0)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (cublasStatus_t S =
          checkTypeCombination(Compute, Scale, AType, BType, CType, DType))
    return S;
  makeAlgo(Algo);
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t
cublasLtMatmulAlgoCheck(cublasLtHandle_t Handle, cublasLtMatmulDesc_t Desc,
                        cublasLtMatrixLayout_t A, cublasLtMatrixLayout_t B,
                        cublasLtMatrixLayout_t C, cublasLtMatrixLayout_t D,
                        const cublasLtMatmulAlgo_t *Algo,
                        cublasLtMatmulHeuristicResult_t *Result) {
  if (!Handle)
    return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!validAlgo(Algo) || !Result)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (cublasStatus_t S = planFor(Desc, A, B, C, D))
    return S;
  describeResult(Result);
  return CUBLAS_STATUS_SUCCESS;
}

//===--- Capabilities and configuration -----------------------------------===//

/// Reports a constant capability through cuBLASLt's getter rules.
template <class T>
static cublasStatus_t report(T Value, void *Buf, size_t Size, size_t *Written) {
  return getField({&Value, sizeof(T)}, Buf, Size, Written);
}

cublasStatus_t
cublasLtMatmulAlgoCapGetAttribute(const cublasLtMatmulAlgo_t *Algo,
                                  cublasLtMatmulAlgoCapAttributes_t Attr,
                                  void *Buf, size_t Size, size_t *Written) {
  if (!validAlgo(Algo))
    return CUBLAS_STATUS_INVALID_VALUE;
  switch (Attr) {
  case CUBLASLT_ALGO_CAP_SPLITK_SUPPORT:
  case CUBLASLT_ALGO_CAP_UPLO_SUPPORT:
  case CUBLASLT_ALGO_CAP_CUSTOM_OPTION_MAX:
  case CUBLASLT_ALGO_CAP_CUSTOM_MEMORY_ORDER:
  case CUBLASLT_ALGO_CAP_LD_NEGATIVE:
  case CUBLASLT_ALGO_CAP_POINTER_ARRAY_BATCH_SUPPORT:
    return report(int32_t(0), Buf, Size, Written);
  case CUBLASLT_ALGO_CAP_STRIDED_BATCH_SUPPORT:
  case CUBLASLT_ALGO_CAP_OUT_OF_PLACE_RESULT_SUPPORT:
    return report(int32_t(1), Buf, Size, Written);
  case CUBLASLT_ALGO_CAP_REDUCTION_SCHEME_MASK:
  case CUBLASLT_ALGO_CAP_CTA_SWIZZLING_SUPPORT:
    return report(uint32_t(0), Buf, Size, Written);
  case CUBLASLT_ALGO_CAP_TILE_IDS:
    return report(uint32_t(CUBLASLT_MATMUL_TILE_UNDEFINED), Buf, Size, Written);
  case CUBLASLT_ALGO_CAP_STAGES_IDS:
    return report(uint32_t(CUBLASLT_MATMUL_STAGES_UNDEFINED), Buf, Size,
                  Written);
  case CUBLASLT_ALGO_CAP_POINTER_MODE_MASK:
    return report(uint32_t(CUBLASLT_POINTER_MODE_MASK_HOST |
                           CUBLASLT_POINTER_MODE_MASK_DEVICE),
                  Buf, Size, Written);
  case CUBLASLT_ALGO_CAP_EPILOGUE_MASK:
    // Every epilogue bit: DEFAULT (1) through BGRADB (512).
    return report(uint32_t(1023), Buf, Size, Written);
  case CUBLASLT_ALGO_CAP_NUMERICAL_IMPL_FLAGS:
    return report(uint64_t(CUBLASLT_NUMERICAL_IMPL_FLAGS_FMA |
                           CUBLASLT_NUMERICAL_IMPL_FLAGS_ACCUMULATOR_32F |
                           CUBLASLT_NUMERICAL_IMPL_FLAGS_ACCUMULATOR_64F |
                           CUBLASLT_NUMERICAL_IMPL_FLAGS_ACCUMULATOR_32I),
                  Buf, Size, Written);
  case CUBLASLT_ALGO_CAP_MIN_ALIGNMENT_A_BYTES:
  case CUBLASLT_ALGO_CAP_MIN_ALIGNMENT_B_BYTES:
  case CUBLASLT_ALGO_CAP_MIN_ALIGNMENT_C_BYTES:
  case CUBLASLT_ALGO_CAP_MIN_ALIGNMENT_D_BYTES:
    return report(uint32_t(1), Buf, Size, Written);
  }
  return CUBLAS_STATUS_INVALID_VALUE;
}

/// The configuration fields are kept but do not steer the engine, which
/// picks its own blocking.
static Field configField(AlgoState &S, cublasLtMatmulAlgoConfigAttributes_t A) {
  switch (A) {
  case CUBLASLT_ALGO_CONFIG_ID:
    return {&S.Id, sizeof(S.Id)};
  case CUBLASLT_ALGO_CONFIG_TILE_ID:
    return {&S.Tile, sizeof(S.Tile)};
  case CUBLASLT_ALGO_CONFIG_SPLITK_NUM:
    return {&S.SplitK, sizeof(S.SplitK)};
  case CUBLASLT_ALGO_CONFIG_REDUCTION_SCHEME:
    return {&S.ReductionScheme, sizeof(S.ReductionScheme)};
  case CUBLASLT_ALGO_CONFIG_CTA_SWIZZLING:
    return {&S.Swizzle, sizeof(S.Swizzle)};
  case CUBLASLT_ALGO_CONFIG_CUSTOM_OPTION:
    return {&S.CustomOption, sizeof(S.CustomOption)};
  case CUBLASLT_ALGO_CONFIG_STAGES_ID:
    return {&S.Stages, sizeof(S.Stages)};
  case CUBLASLT_ALGO_CONFIG_INNER_SHAPE_ID:
    return {&S.InnerShape, sizeof(S.InnerShape)};
  case CUBLASLT_ALGO_CONFIG_CLUSTER_SHAPE_ID:
    return {&S.ClusterShape, sizeof(S.ClusterShape)};
  }
  return {};
}

cublasStatus_t
cublasLtMatmulAlgoConfigSetAttribute(cublasLtMatmulAlgo_t *Algo,
                                     cublasLtMatmulAlgoConfigAttributes_t Attr,
                                     const void *Buf, size_t Size) {
  // The ID is chosen by cublasLtMatmulAlgoInit, not set.
  if (!validAlgo(Algo) || Attr == CUBLASLT_ALGO_CONFIG_ID)
    return CUBLAS_STATUS_INVALID_VALUE;
  return setField(configField(*state(Algo), Attr), Buf, Size);
}

cublasStatus_t
cublasLtMatmulAlgoConfigGetAttribute(const cublasLtMatmulAlgo_t *Algo,
                                     cublasLtMatmulAlgoConfigAttributes_t Attr,
                                     void *Buf, size_t Size, size_t *Written) {
  if (!validAlgo(Algo))
    return CUBLAS_STATUS_INVALID_VALUE;
  AlgoState Copy = *state(Algo);
  return getField(configField(Copy, Attr), Buf, Size, Written);
}
