//===- sparse/Descriptors.cpp - Generic API descriptors -------------------===//
//
// Part of Tongxin. Sparse and dense vector and matrix descriptors of the
// generic API: creation (checked as NVIDIA's are), getters and setters.
// Descriptors only describe the caller's arrays; they own no data.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "SparseInternal.h"

#include <climits>
#include <new>

using namespace tx::sparse;

static cusparseStatus_t checkIndexType(cusparseIndexType_t Type) {
  if (Type == CUSPARSE_INDEX_32I || Type == CUSPARSE_INDEX_64I)
    return CUSPARSE_STATUS_SUCCESS;
  return Type == CUSPARSE_INDEX_16U ? CUSPARSE_STATUS_NOT_SUPPORTED
                                    : CUSPARSE_STATUS_INVALID_VALUE;
}

static bool fitsIndex(cusparseIndexType_t Type, int64_t Value) {
  return Type == CUSPARSE_INDEX_64I || Value <= INT32_MAX;
}

/// The checks every sparse matrix creation shares.
static cusparseStatus_t checkSpMatShape(int64_t Rows, int64_t Cols, int64_t Nnz,
                                        cusparseIndexType_t Type,
                                        cusparseIndexBase_t Base,
                                        cudaDataType ValueType) {
  if (Rows < 0 || Cols < 0 || Nnz < 0 || !isValidIndexBase(Base))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (cusparseStatus_t Status = checkIndexType(Type))
    return Status;
  if (static_cast<unsigned __int128>(Rows) * uint64_t(Cols) < uint64_t(Nnz))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!fitsIndex(Type, Rows) || !fitsIndex(Type, Cols) || !fitsIndex(Type, Nnz))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!isStorableValueType(ValueType))
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  return CUSPARSE_STATUS_SUCCESS;
}

static cusparseStatus_t newSpMat(cusparseSpMatDescr_t *Out,
                                 const cusparseSpMatDescr &Init) {
  *Out = new (std::nothrow) cusparseSpMatDescr(Init);
  return *Out ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_ALLOC_FAILED;
}

/// CSR and CSC: the same arrays, compressed along rows or columns.
static cusparseStatus_t
createCompressed(cusparseSpMatDescr_t *Out, cusparseFormat_t Format,
                 int64_t Rows, int64_t Cols, int64_t Nnz, const void *Offsets,
                 const void *Indices, const void *Values,
                 cusparseIndexType_t OffsetType, cusparseIndexType_t IndexType,
                 cusparseIndexBase_t Base, cudaDataType ValueType) {
  if (!Out)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (cusparseStatus_t Status =
          checkSpMatShape(Rows, Cols, Nnz, IndexType, Base, ValueType))
    return Status;
  if (cusparseStatus_t Status = checkIndexType(OffsetType))
    return Status;
  if (!fitsIndex(OffsetType, Nnz + 1))
    return CUSPARSE_STATUS_INVALID_VALUE;
  cusparseSpMatDescr Init;
  Init.Format = Format;
  Init.Rows = Rows, Init.Cols = Cols, Init.Nnz = Nnz;
  Init.Offsets = const_cast<void *>(Offsets);
  Init.Indices = const_cast<void *>(Indices);
  Init.Values = const_cast<void *>(Values);
  Init.OffsetType = OffsetType, Init.IndexType = IndexType;
  Init.Base = Base, Init.Type = ValueType;
  return newSpMat(Out, Init);
}

cusparseStatus_t
cusparseCreateCsr(cusparseSpMatDescr_t *Out, int64_t Rows, int64_t Cols,
                  int64_t Nnz, void *Offsets, void *ColInd, void *Values,
                  cusparseIndexType_t OffsetType, cusparseIndexType_t ColType,
                  cusparseIndexBase_t Base, cudaDataType ValueType) {
  return createCompressed(Out, CUSPARSE_FORMAT_CSR, Rows, Cols, Nnz, Offsets,
                          ColInd, Values, OffsetType, ColType, Base, ValueType);
}

cusparseStatus_t cusparseCreateConstCsr(
    cusparseConstSpMatDescr_t *Out, int64_t Rows, int64_t Cols, int64_t Nnz,
    const void *Offsets, const void *ColInd, const void *Values,
    cusparseIndexType_t OffsetType, cusparseIndexType_t ColType,
    cusparseIndexBase_t Base, cudaDataType ValueType) {
  return createCompressed(const_cast<cusparseSpMatDescr_t *>(Out),
                          CUSPARSE_FORMAT_CSR, Rows, Cols, Nnz, Offsets, ColInd,
                          Values, OffsetType, ColType, Base, ValueType);
}

cusparseStatus_t
cusparseCreateCsc(cusparseSpMatDescr_t *Out, int64_t Rows, int64_t Cols,
                  int64_t Nnz, void *Offsets, void *RowInd, void *Values,
                  cusparseIndexType_t OffsetType, cusparseIndexType_t RowType,
                  cusparseIndexBase_t Base, cudaDataType ValueType) {
  return createCompressed(Out, CUSPARSE_FORMAT_CSC, Rows, Cols, Nnz, Offsets,
                          RowInd, Values, OffsetType, RowType, Base, ValueType);
}

cusparseStatus_t cusparseCreateConstCsc(
    cusparseConstSpMatDescr_t *Out, int64_t Rows, int64_t Cols, int64_t Nnz,
    const void *Offsets, const void *RowInd, const void *Values,
    cusparseIndexType_t OffsetType, cusparseIndexType_t RowType,
    cusparseIndexBase_t Base, cudaDataType ValueType) {
  return createCompressed(const_cast<cusparseSpMatDescr_t *>(Out),
                          CUSPARSE_FORMAT_CSC, Rows, Cols, Nnz, Offsets, RowInd,
                          Values, OffsetType, RowType, Base, ValueType);
}

static cusparseStatus_t createCoo(cusparseSpMatDescr_t *Out, int64_t Rows,
                                  int64_t Cols, int64_t Nnz, const void *RowInd,
                                  const void *ColInd, const void *Values,
                                  cusparseIndexType_t Type,
                                  cusparseIndexBase_t Base,
                                  cudaDataType ValueType) {
  if (!Out)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (cusparseStatus_t Status =
          checkSpMatShape(Rows, Cols, Nnz, Type, Base, ValueType))
    return Status;
  cusparseSpMatDescr Init;
  Init.Format = CUSPARSE_FORMAT_COO;
  Init.Rows = Rows, Init.Cols = Cols, Init.Nnz = Nnz;
  Init.Offsets = const_cast<void *>(RowInd);
  Init.Indices = const_cast<void *>(ColInd);
  Init.Values = const_cast<void *>(Values);
  Init.OffsetType = Type, Init.IndexType = Type;
  Init.Base = Base, Init.Type = ValueType;
  return newSpMat(Out, Init);
}

cusparseStatus_t cusparseCreateCoo(cusparseSpMatDescr_t *Out, int64_t Rows,
                                   int64_t Cols, int64_t Nnz, void *RowInd,
                                   void *ColInd, void *Values,
                                   cusparseIndexType_t Type,
                                   cusparseIndexBase_t Base,
                                   cudaDataType ValueType) {
  return createCoo(Out, Rows, Cols, Nnz, RowInd, ColInd, Values, Type, Base,
                   ValueType);
}

cusparseStatus_t cusparseCreateConstCoo(cusparseConstSpMatDescr_t *Out,
                                        int64_t Rows, int64_t Cols, int64_t Nnz,
                                        const void *RowInd, const void *ColInd,
                                        const void *Values,
                                        cusparseIndexType_t Type,
                                        cusparseIndexBase_t Base,
                                        cudaDataType ValueType) {
  return createCoo(const_cast<cusparseSpMatDescr_t *>(Out), Rows, Cols, Nnz,
                   RowInd, ColInd, Values, Type, Base, ValueType);
}

/// Blocked-ELL: square blocks of BlockSize; each block row holds
/// EllCols / BlockSize blocks (column index -1 marks padding).
static cusparseStatus_t
createBlockedEll(cusparseSpMatDescr_t *Out, int64_t Rows, int64_t Cols,
                 int64_t BlockSize, int64_t EllCols, const void *ColInd,
                 const void *Values, cusparseIndexType_t Type,
                 cusparseIndexBase_t Base, cudaDataType ValueType) {
  if (!Out || BlockSize <= 0 || EllCols < 0 || EllCols > Cols)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (Rows % BlockSize || Cols % BlockSize || EllCols % BlockSize)
    return CUSPARSE_STATUS_INVALID_VALUE;
  int64_t Nnz = Rows * EllCols;
  if (cusparseStatus_t Status =
          checkSpMatShape(Rows, Cols, Nnz, Type, Base, ValueType))
    return Status;
  cusparseSpMatDescr Init;
  Init.Format = CUSPARSE_FORMAT_BLOCKED_ELL;
  Init.Rows = Rows, Init.Cols = Cols, Init.Nnz = Nnz;
  Init.Indices = const_cast<void *>(ColInd);
  Init.Values = const_cast<void *>(Values);
  Init.OffsetType = Type, Init.IndexType = Type;
  Init.Base = Base, Init.Type = ValueType;
  Init.EllBlockSize = BlockSize, Init.EllCols = EllCols;
  return newSpMat(Out, Init);
}

cusparseStatus_t
cusparseCreateBlockedEll(cusparseSpMatDescr_t *Out, int64_t Rows, int64_t Cols,
                         int64_t BlockSize, int64_t EllCols, void *ColInd,
                         void *Values, cusparseIndexType_t Type,
                         cusparseIndexBase_t Base, cudaDataType ValueType) {
  return createBlockedEll(Out, Rows, Cols, BlockSize, EllCols, ColInd, Values,
                          Type, Base, ValueType);
}

cusparseStatus_t cusparseCreateConstBlockedEll(
    cusparseConstSpMatDescr_t *Out, int64_t Rows, int64_t Cols,
    int64_t BlockSize, int64_t EllCols, const void *ColInd, const void *Values,
    cusparseIndexType_t Type, cusparseIndexBase_t Base,
    cudaDataType ValueType) {
  return createBlockedEll(const_cast<cusparseSpMatDescr_t *>(Out), Rows, Cols,
                          BlockSize, EllCols, ColInd, Values, Type, Base,
                          ValueType);
}

cusparseStatus_t cusparseDestroySpMat(cusparseConstSpMatDescr_t Descr) {
  releaseNvidiaTwin(Descr);
  delete Descr;
  return CUSPARSE_STATUS_SUCCESS;
}

//--- Sparse matrix getters and setters ---------------------------------------

template <class T> static void put(T *Out, T Value) { *Out = Value; }

static cusparseStatus_t
getCompressed(const cusparseSpMatDescr *A, cusparseFormat_t Format,
              int64_t *Rows, int64_t *Cols, int64_t *Nnz, const void **Offsets,
              const void **Indices, const void **Values,
              cusparseIndexType_t *OffsetType, cusparseIndexType_t *IndexType,
              cusparseIndexBase_t *Base, cudaDataType *ValueType) {
  if (!A || A->Format != Format || !Rows || !Cols || !Nnz || !Offsets ||
      !Indices || !Values || !OffsetType || !IndexType || !Base || !ValueType)
    return CUSPARSE_STATUS_INVALID_VALUE;
  put(Rows, A->Rows), put(Cols, A->Cols), put(Nnz, A->Nnz);
  put<const void *>(Offsets, A->Offsets);
  put<const void *>(Indices, A->Indices);
  put<const void *>(Values, A->Values);
  put(OffsetType, A->OffsetType), put(IndexType, A->IndexType);
  put(Base, A->Base), put(ValueType, A->Type);
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t
cusparseCsrGet(cusparseSpMatDescr_t A, int64_t *Rows, int64_t *Cols,
               int64_t *Nnz, void **Offsets, void **ColInd, void **Values,
               cusparseIndexType_t *OffsetType, cusparseIndexType_t *ColType,
               cusparseIndexBase_t *Base, cudaDataType *ValueType) {
  return getCompressed(
      A, CUSPARSE_FORMAT_CSR, Rows, Cols, Nnz,
      const_cast<const void **>(Offsets), const_cast<const void **>(ColInd),
      const_cast<const void **>(Values), OffsetType, ColType, Base, ValueType);
}

cusparseStatus_t
cusparseConstCsrGet(cusparseConstSpMatDescr_t A, int64_t *Rows, int64_t *Cols,
                    int64_t *Nnz, const void **Offsets, const void **ColInd,
                    const void **Values, cusparseIndexType_t *OffsetType,
                    cusparseIndexType_t *ColType, cusparseIndexBase_t *Base,
                    cudaDataType *ValueType) {
  return getCompressed(A, CUSPARSE_FORMAT_CSR, Rows, Cols, Nnz, Offsets, ColInd,
                       Values, OffsetType, ColType, Base, ValueType);
}

cusparseStatus_t
cusparseCscGet(cusparseSpMatDescr_t A, int64_t *Rows, int64_t *Cols,
               int64_t *Nnz, void **Offsets, void **RowInd, void **Values,
               cusparseIndexType_t *OffsetType, cusparseIndexType_t *RowType,
               cusparseIndexBase_t *Base, cudaDataType *ValueType) {
  return getCompressed(
      A, CUSPARSE_FORMAT_CSC, Rows, Cols, Nnz,
      const_cast<const void **>(Offsets), const_cast<const void **>(RowInd),
      const_cast<const void **>(Values), OffsetType, RowType, Base, ValueType);
}

cusparseStatus_t
cusparseConstCscGet(cusparseConstSpMatDescr_t A, int64_t *Rows, int64_t *Cols,
                    int64_t *Nnz, const void **Offsets, const void **RowInd,
                    const void **Values, cusparseIndexType_t *OffsetType,
                    cusparseIndexType_t *RowType, cusparseIndexBase_t *Base,
                    cudaDataType *ValueType) {
  return getCompressed(A, CUSPARSE_FORMAT_CSC, Rows, Cols, Nnz, Offsets, RowInd,
                       Values, OffsetType, RowType, Base, ValueType);
}

cusparseStatus_t cusparseCooGet(cusparseSpMatDescr_t A, int64_t *Rows,
                                int64_t *Cols, int64_t *Nnz, void **RowInd,
                                void **ColInd, void **Values,
                                cusparseIndexType_t *Type,
                                cusparseIndexBase_t *Base,
                                cudaDataType *ValueType) {
  cusparseIndexType_t Ignored;
  return getCompressed(A, CUSPARSE_FORMAT_COO, Rows, Cols, Nnz,
                       const_cast<const void **>(RowInd),
                       const_cast<const void **>(ColInd),
                       const_cast<const void **>(Values), Type,
                       Type ? &Ignored : nullptr, Base, ValueType);
}

cusparseStatus_t
cusparseConstCooGet(cusparseConstSpMatDescr_t A, int64_t *Rows, int64_t *Cols,
                    int64_t *Nnz, const void **RowInd, const void **ColInd,
                    const void **Values, cusparseIndexType_t *Type,
                    cusparseIndexBase_t *Base, cudaDataType *ValueType) {
  cusparseIndexType_t Ignored;
  return getCompressed(A, CUSPARSE_FORMAT_COO, Rows, Cols, Nnz, RowInd, ColInd,
                       Values, Type, Type ? &Ignored : nullptr, Base,
                       ValueType);
}

static cusparseStatus_t
getBlockedEll(const cusparseSpMatDescr *A, int64_t *Rows, int64_t *Cols,
              int64_t *BlockSize, int64_t *EllCols, const void **ColInd,
              const void **Values, cusparseIndexType_t *Type,
              cusparseIndexBase_t *Base, cudaDataType *ValueType) {
  if (!A || A->Format != CUSPARSE_FORMAT_BLOCKED_ELL || !Rows || !Cols ||
      !BlockSize || !EllCols || !ColInd || !Values || !Type || !Base ||
      !ValueType)
    return CUSPARSE_STATUS_INVALID_VALUE;
  put(Rows, A->Rows), put(Cols, A->Cols);
  put(BlockSize, A->EllBlockSize), put(EllCols, A->EllCols);
  put<const void *>(ColInd, A->Indices);
  put<const void *>(Values, A->Values);
  put(Type, A->IndexType), put(Base, A->Base), put(ValueType, A->Type);
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseBlockedEllGet(cusparseSpMatDescr_t A, int64_t *Rows,
                                       int64_t *Cols, int64_t *BlockSize,
                                       int64_t *EllCols, void **ColInd,
                                       void **Values, cusparseIndexType_t *Type,
                                       cusparseIndexBase_t *Base,
                                       cudaDataType *ValueType) {
  return getBlockedEll(
      A, Rows, Cols, BlockSize, EllCols, const_cast<const void **>(ColInd),
      const_cast<const void **>(Values), Type, Base, ValueType);
}

cusparseStatus_t
cusparseConstBlockedEllGet(cusparseConstSpMatDescr_t A, int64_t *Rows,
                           int64_t *Cols, int64_t *BlockSize, int64_t *EllCols,
                           const void **ColInd, const void **Values,
                           cusparseIndexType_t *Type, cusparseIndexBase_t *Base,
                           cudaDataType *ValueType) {
  return getBlockedEll(A, Rows, Cols, BlockSize, EllCols, ColInd, Values, Type,
                       Base, ValueType);
}

static cusparseStatus_t setPointers(cusparseSpMatDescr_t A,
                                    cusparseFormat_t Format, void *Offsets,
                                    void *Indices, void *Values) {
  if (!A || A->Format != Format)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!Offsets && (Format != CUSPARSE_FORMAT_COO || A->Nnz > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if ((!Indices || !Values) && A->Nnz > 0)
    return CUSPARSE_STATUS_INVALID_VALUE;
  A->Offsets = Offsets, A->Indices = Indices, A->Values = Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseCsrSetPointers(cusparseSpMatDescr_t A, void *Offsets,
                                        void *ColInd, void *Values) {
  return setPointers(A, CUSPARSE_FORMAT_CSR, Offsets, ColInd, Values);
}

cusparseStatus_t cusparseCscSetPointers(cusparseSpMatDescr_t A, void *Offsets,
                                        void *RowInd, void *Values) {
  return setPointers(A, CUSPARSE_FORMAT_CSC, Offsets, RowInd, Values);
}

cusparseStatus_t cusparseCooSetPointers(cusparseSpMatDescr_t A, void *RowInd,
                                        void *ColInd, void *Values) {
  return setPointers(A, CUSPARSE_FORMAT_COO, RowInd, ColInd, Values);
}

cusparseStatus_t cusparseSpMatGetFormat(cusparseConstSpMatDescr_t A,
                                        cusparseFormat_t *Format) {
  if (!A || !Format)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Format = A->Format;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpMatGetIndexBase(cusparseConstSpMatDescr_t A,
                                           cusparseIndexBase_t *Base) {
  if (!A || !Base)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Base = A->Base;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpMatGetValues(cusparseSpMatDescr_t A, void **Values) {
  if (!A || !Values)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Values = A->Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseConstSpMatGetValues(cusparseConstSpMatDescr_t A,
                                             const void **Values) {
  if (!A || !Values)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Values = A->Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpMatSetValues(cusparseSpMatDescr_t A, void *Values) {
  if (!A || (!Values && A->Nnz > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  A->Values = Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpMatGetSize(cusparseConstSpMatDescr_t A,
                                      int64_t *Rows, int64_t *Cols,
                                      int64_t *Nnz) {
  if (!A || !Rows || !Cols || !Nnz)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Rows = A->Rows, *Cols = A->Cols, *Nnz = A->Nnz;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpMatGetStridedBatch(cusparseConstSpMatDescr_t A,
                                              int *BatchCount) {
  if (!A || !BatchCount)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *BatchCount = 1;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpMatGetAttribute(cusparseConstSpMatDescr_t A,
                                           cusparseSpMatAttribute_t Attribute,
                                           void *Data, size_t DataSize) {
  if (!A || !Data)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (Attribute == CUSPARSE_SPMAT_FILL_MODE &&
      DataSize == sizeof(cusparseFillMode_t)) {
    std::memcpy(Data, &A->Fill, DataSize);
    return CUSPARSE_STATUS_SUCCESS;
  }
  if (Attribute == CUSPARSE_SPMAT_DIAG_TYPE &&
      DataSize == sizeof(cusparseDiagType_t)) {
    std::memcpy(Data, &A->Diag, DataSize);
    return CUSPARSE_STATUS_SUCCESS;
  }
  return CUSPARSE_STATUS_INVALID_VALUE;
}

cusparseStatus_t cusparseSpMatSetAttribute(cusparseSpMatDescr_t A,
                                           cusparseSpMatAttribute_t Attribute,
                                           void *Data, size_t DataSize) {
  if (!A || !Data)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (Attribute == CUSPARSE_SPMAT_FILL_MODE &&
      DataSize == sizeof(cusparseFillMode_t)) {
    cusparseFillMode_t Fill;
    std::memcpy(&Fill, Data, DataSize);
    if (Fill != CUSPARSE_FILL_MODE_LOWER && Fill != CUSPARSE_FILL_MODE_UPPER)
      return CUSPARSE_STATUS_INVALID_VALUE;
    A->Fill = Fill;
    return CUSPARSE_STATUS_SUCCESS;
  }
  if (Attribute == CUSPARSE_SPMAT_DIAG_TYPE &&
      DataSize == sizeof(cusparseDiagType_t)) {
    cusparseDiagType_t Diag;
    std::memcpy(&Diag, Data, DataSize);
    if (Diag != CUSPARSE_DIAG_TYPE_NON_UNIT && Diag != CUSPARSE_DIAG_TYPE_UNIT)
      return CUSPARSE_STATUS_INVALID_VALUE;
    A->Diag = Diag;
    return CUSPARSE_STATUS_SUCCESS;
  }
  return CUSPARSE_STATUS_INVALID_VALUE;
}
