//===- Descriptors.cpp - Matrix layouts, matmul descriptors, preferences --===//
//
// Part of Tongxin. Creating, initialising and destroying cuBLASLt's
// descriptors and reading and writing their attributes. Values are checked
// when cublasLtMatmul uses them, as cuBLASLt does, not when they are set.
//
//===----------------------------------------------------------------------===//

#include "Descriptors.h"

#include <cstddef>
#include <cstring>
#include <new>

using namespace tx::blaslt;

namespace tx {
namespace blaslt {

cublasStatus_t setField(Field F, const void *Buf, size_t SizeInBytes) {
  if (!F.Address || !Buf || SizeInBytes != F.Size)
    return CUBLAS_STATUS_INVALID_VALUE;
  std::memcpy(F.Address, Buf, F.Size);
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t getField(Field F, void *Buf, size_t SizeInBytes,
                        size_t *SizeWritten) {
  if (!F.Address)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (SizeInBytes == 0) {
    if (!SizeWritten)
      return CUBLAS_STATUS_INVALID_VALUE;
    *SizeWritten = F.Size;
    return CUBLAS_STATUS_SUCCESS;
  }
  if (!Buf || SizeInBytes != F.Size)
    return CUBLAS_STATUS_INVALID_VALUE;
  std::memcpy(Buf, F.Address, F.Size);
  if (SizeWritten)
    *SizeWritten = F.Size;
  return CUBLAS_STATUS_SUCCESS;
}

} // namespace blaslt
} // namespace tx

template <class T> static Field fieldOf(T &Member) {
  return {&Member, sizeof(T)};
}

/// Fills a descriptor block of Size bytes with State, or fails as
/// cuBLASLt does when the block is too small.
template <class State, class Opaque>
static cublasStatus_t initialise(Opaque *Block, size_t Size) {
  if (!Block)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (Size < sizeof(State))
    return CUBLAS_STATUS_ALLOC_FAILED;
  std::memset(static_cast<void *>(Block), 0, sizeof(Opaque));
  new (Block) State();
  return CUBLAS_STATUS_SUCCESS;
}

template <class Opaque> static cublasStatus_t allocate(Opaque **Out) {
  if (!Out)
    return CUBLAS_STATUS_INVALID_VALUE;
  *Out = new (std::nothrow) Opaque;
  return *Out ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_ALLOC_FAILED;
}

//===--- Matrix layouts ---------------------------------------------------===//

Field tx::blaslt::layoutField(cublasLtMatrixLayout_t L,
                              cublasLtMatrixLayoutAttribute_t Attr) {
  if (!L)
    return {};
  LayoutState &S = *state(L);
  switch (Attr) {
  case CUBLASLT_MATRIX_LAYOUT_TYPE:
    return fieldOf(S.Type);
  case CUBLASLT_MATRIX_LAYOUT_ORDER:
    return fieldOf(S.Order);
  case CUBLASLT_MATRIX_LAYOUT_ROWS:
    return fieldOf(S.Rows);
  case CUBLASLT_MATRIX_LAYOUT_COLS:
    return fieldOf(S.Cols);
  case CUBLASLT_MATRIX_LAYOUT_LD:
    return fieldOf(S.Ld);
  case CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT:
    return fieldOf(S.BatchCount);
  case CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET:
    return fieldOf(S.BatchStride);
  case CUBLASLT_MATRIX_LAYOUT_PLANE_OFFSET:
    return fieldOf(S.PlaneOffset);
  case CUBLASLT_MATRIX_LAYOUT_BATCH_MODE:
    return fieldOf(S.BatchMode);
  }
  return {};
}

cublasStatus_t cublasLtMatrixLayoutInit_internal(cublasLtMatrixLayout_t L,
                                                 size_t Size, cudaDataType Type,
                                                 uint64_t Rows, uint64_t Cols,
                                                 int64_t Ld) {
  if (cublasStatus_t S = initialise<LayoutState>(L, Size))
    return S;
  LayoutState &State = *state(L);
  State.Type = uint32_t(Type);
  State.Rows = Rows;
  State.Cols = Cols;
  State.Ld = Ld;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasLtMatrixLayoutCreate(cublasLtMatrixLayout_t *Out,
                                          cudaDataType Type, uint64_t Rows,
                                          uint64_t Cols, int64_t Ld) {
  if (cublasStatus_t S = allocate(Out))
    return S;
  return cublasLtMatrixLayoutInit_internal(*Out, sizeof(**Out), Type, Rows,
                                           Cols, Ld);
}

cublasStatus_t cublasLtMatrixLayoutDestroy(cublasLtMatrixLayout_t L) {
  delete L;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t
cublasLtMatrixLayoutSetAttribute(cublasLtMatrixLayout_t L,
                                 cublasLtMatrixLayoutAttribute_t Attr,
                                 const void *Buf, size_t SizeInBytes) {
  return setField(layoutField(L, Attr), Buf, SizeInBytes);
}

cublasStatus_t cublasLtMatrixLayoutGetAttribute(
    cublasLtMatrixLayout_t L, cublasLtMatrixLayoutAttribute_t Attr, void *Buf,
    size_t SizeInBytes, size_t *SizeWritten) {
  return getField(layoutField(L, Attr), Buf, SizeInBytes, SizeWritten);
}

//===--- Matmul descriptors -----------------------------------------------===//

Field tx::blaslt::descField(cublasLtMatmulDesc_t D,
                            cublasLtMatmulDescAttributes_t Attr) {
  if (!D)
    return {};
  MatmulDescState &S = *state(D);
  switch (Attr) {
  case CUBLASLT_MATMUL_DESC_COMPUTE_TYPE:
    return fieldOf(S.Compute);
  case CUBLASLT_MATMUL_DESC_SCALE_TYPE:
    return fieldOf(S.Scale);
  case CUBLASLT_MATMUL_DESC_POINTER_MODE:
    return fieldOf(S.PointerMode);
  case CUBLASLT_MATMUL_DESC_TRANSA:
    return fieldOf(S.TransA);
  case CUBLASLT_MATMUL_DESC_TRANSB:
    return fieldOf(S.TransB);
  case CUBLASLT_MATMUL_DESC_TRANSC:
    return fieldOf(S.TransC);
  case CUBLASLT_MATMUL_DESC_FILL_MODE:
    return fieldOf(S.FillMode);
  case CUBLASLT_MATMUL_DESC_EPILOGUE:
    return fieldOf(S.Epilogue);
  case CUBLASLT_MATMUL_DESC_BIAS_POINTER:
    return fieldOf(S.Bias);
  case CUBLASLT_MATMUL_DESC_BIAS_BATCH_STRIDE:
    return fieldOf(S.BiasBatchStride);
  case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER:
    return fieldOf(S.Aux);
  case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD:
    return fieldOf(S.AuxLd);
  case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_BATCH_STRIDE:
    return fieldOf(S.AuxBatchStride);
  case CUBLASLT_MATMUL_DESC_ALPHA_VECTOR_BATCH_STRIDE:
    return fieldOf(S.AlphaVectorBatchStride);
  case CUBLASLT_MATMUL_DESC_SM_COUNT_TARGET:
    return fieldOf(S.SmCountTarget);
  case CUBLASLT_MATMUL_DESC_A_SCALE_POINTER:
    return fieldOf(S.ScaleA);
  case CUBLASLT_MATMUL_DESC_B_SCALE_POINTER:
    return fieldOf(S.ScaleB);
  case CUBLASLT_MATMUL_DESC_C_SCALE_POINTER:
    return fieldOf(S.ScaleC);
  case CUBLASLT_MATMUL_DESC_D_SCALE_POINTER:
    return fieldOf(S.ScaleD);
  case CUBLASLT_MATMUL_DESC_AMAX_D_POINTER:
    return fieldOf(S.AmaxD);
  case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_DATA_TYPE:
    return fieldOf(S.AuxType);
  case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_SCALE_POINTER:
    return fieldOf(S.AuxScale);
  case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_AMAX_POINTER:
    return fieldOf(S.AuxAmax);
  case CUBLASLT_MATMUL_DESC_FAST_ACCUM:
    return fieldOf(S.FastAccum);
  case CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE:
    return fieldOf(S.BiasType);
  case CUBLASLT_MATMUL_DESC_ATOMIC_SYNC_NUM_CHUNKS_D_ROWS:
    return fieldOf(S.ChunksRows);
  case CUBLASLT_MATMUL_DESC_ATOMIC_SYNC_NUM_CHUNKS_D_COLS:
    return fieldOf(S.ChunksCols);
  case CUBLASLT_MATMUL_DESC_ATOMIC_SYNC_IN_COUNTERS_POINTER:
    return fieldOf(S.InCounters);
  case CUBLASLT_MATMUL_DESC_ATOMIC_SYNC_OUT_COUNTERS_POINTER:
    return fieldOf(S.OutCounters);
  case CUBLASLT_MATMUL_DESC_A_SCALE_MODE:
    return fieldOf(S.ScaleModeA);
  case CUBLASLT_MATMUL_DESC_B_SCALE_MODE:
    return fieldOf(S.ScaleModeB);
  case CUBLASLT_MATMUL_DESC_C_SCALE_MODE:
    return fieldOf(S.ScaleModeC);
  case CUBLASLT_MATMUL_DESC_D_SCALE_MODE:
    return fieldOf(S.ScaleModeD);
  case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_SCALE_MODE:
    return fieldOf(S.ScaleModeAux);
  case CUBLASLT_MATMUL_DESC_D_OUT_SCALE_POINTER:
    return fieldOf(S.DOutScale);
  case CUBLASLT_MATMUL_DESC_D_OUT_SCALE_MODE:
    return fieldOf(S.ScaleModeDOut);
  }
  return {};
}

cublasStatus_t cublasLtMatmulDescInit_internal(cublasLtMatmulDesc_t D,
                                               size_t Size,
                                               cublasComputeType_t Compute,
                                               cudaDataType_t Scale) {
  if (cublasStatus_t S = initialise<MatmulDescState>(D, Size))
    return S;
  state(D)->Compute = int32_t(Compute);
  state(D)->Scale = int32_t(Scale);
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasLtMatmulDescCreate(cublasLtMatmulDesc_t *Out,
                                        cublasComputeType_t Compute,
                                        cudaDataType_t Scale) {
  if (cublasStatus_t S = allocate(Out))
    return S;
  return cublasLtMatmulDescInit_internal(*Out, sizeof(**Out), Compute, Scale);
}

cublasStatus_t cublasLtMatmulDescDestroy(cublasLtMatmulDesc_t D) {
  delete D;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t
cublasLtMatmulDescSetAttribute(cublasLtMatmulDesc_t D,
                               cublasLtMatmulDescAttributes_t Attr,
                               const void *Buf, size_t SizeInBytes) {
  return setField(descField(D, Attr), Buf, SizeInBytes);
}

cublasStatus_t
cublasLtMatmulDescGetAttribute(cublasLtMatmulDesc_t D,
                               cublasLtMatmulDescAttributes_t Attr, void *Buf,
                               size_t SizeInBytes, size_t *SizeWritten) {
  return getField(descField(D, Attr), Buf, SizeInBytes, SizeWritten);
}

//===--- Preferences ------------------------------------------------------===//

static Field preferenceField(cublasLtMatmulPreference_t P,
                             cublasLtMatmulPreferenceAttributes_t Attr) {
  if (!P)
    return {};
  PreferenceState &S = *state(P);
  switch (Attr) {
  case CUBLASLT_MATMUL_PREF_SEARCH_MODE:
    return fieldOf(S.SearchMode);
  case CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES:
    return fieldOf(S.MaxWorkspace);
  case CUBLASLT_MATMUL_PREF_REDUCTION_SCHEME_MASK:
    return fieldOf(S.ReductionMask);
  case CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES:
    return fieldOf(S.AlignA);
  case CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES:
    return fieldOf(S.AlignB);
  case CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES:
    return fieldOf(S.AlignC);
  case CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES:
    return fieldOf(S.AlignD);
  case CUBLASLT_MATMUL_PREF_MAX_WAVES_COUNT:
    return fieldOf(S.MaxWaves);
  case CUBLASLT_MATMUL_PREF_IMPL_MASK:
    return fieldOf(S.ImplMask);
  }
  return {};
}

cublasStatus_t
cublasLtMatmulPreferenceInit_internal(cublasLtMatmulPreference_t P,
                                      size_t Size) {
  return initialise<PreferenceState>(P, Size);
}

cublasStatus_t cublasLtMatmulPreferenceCreate(cublasLtMatmulPreference_t *Out) {
  if (cublasStatus_t S = allocate(Out))
    return S;
  return cublasLtMatmulPreferenceInit_internal(*Out, sizeof(**Out));
}

cublasStatus_t cublasLtMatmulPreferenceDestroy(cublasLtMatmulPreference_t P) {
  delete P;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t
cublasLtMatmulPreferenceSetAttribute(cublasLtMatmulPreference_t P,
                                     cublasLtMatmulPreferenceAttributes_t Attr,
                                     const void *Buf, size_t SizeInBytes) {
  return setField(preferenceField(P, Attr), Buf, SizeInBytes);
}

cublasStatus_t cublasLtMatmulPreferenceGetAttribute(
    cublasLtMatmulPreference_t P, cublasLtMatmulPreferenceAttributes_t Attr,
    void *Buf, size_t SizeInBytes, size_t *SizeWritten) {
  return getField(preferenceField(P, Attr), Buf, SizeInBytes, SizeWritten);
}
