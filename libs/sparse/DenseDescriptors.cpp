//===- sparse/DenseDescriptors.cpp - Vector and dense matrix descriptors --===//
//
// Part of Tongxin. Dense vectors, sparse vectors and dense matrices of the
// generic API, and the legacy matrix descriptor and csrilu02 info objects.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "SparseInternal.h"

#include <new>

using namespace tx::sparse;

template <class T> static cusparseStatus_t make(T **Out) {
  *Out = new (std::nothrow) T();
  return *Out ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_ALLOC_FAILED;
}

//--- Dense vectors -----------------------------------------------------------

static cusparseStatus_t createDnVec(cusparseDnVecDescr_t *Out, int64_t Size,
                                    const void *Values, cudaDataType Type) {
  if (!Out || Size < 0 || (!Values && Size > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!isStorableValueType(Type))
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (cusparseStatus_t Status = make(Out))
    return Status;
  (*Out)->Size = Size;
  (*Out)->Values = const_cast<void *>(Values);
  (*Out)->Type = Type;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseCreateDnVec(cusparseDnVecDescr_t *Out, int64_t Size,
                                     void *Values, cudaDataType Type) {
  return createDnVec(Out, Size, Values, Type);
}

cusparseStatus_t cusparseCreateConstDnVec(cusparseConstDnVecDescr_t *Out,
                                          int64_t Size, const void *Values,
                                          cudaDataType Type) {
  return createDnVec(const_cast<cusparseDnVecDescr_t *>(Out), Size, Values,
                     Type);
}

cusparseStatus_t cusparseDestroyDnVec(cusparseConstDnVecDescr_t Descr) {
  releaseNvidiaTwin(Descr);
  delete Descr;
  return CUSPARSE_STATUS_SUCCESS;
}

static cusparseStatus_t getDnVec(const cusparseDnVecDescr *V, int64_t *Size,
                                 const void **Values, cudaDataType *Type) {
  if (!V || !Size || !Values || !Type)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Size = V->Size, *Values = V->Values, *Type = V->Type;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseDnVecGet(cusparseDnVecDescr_t V, int64_t *Size,
                                  void **Values, cudaDataType *Type) {
  return getDnVec(V, Size, const_cast<const void **>(Values), Type);
}

cusparseStatus_t cusparseConstDnVecGet(cusparseConstDnVecDescr_t V,
                                       int64_t *Size, const void **Values,
                                       cudaDataType *Type) {
  return getDnVec(V, Size, Values, Type);
}

cusparseStatus_t cusparseDnVecGetValues(cusparseDnVecDescr_t V, void **Values) {
  if (!V || !Values)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Values = V->Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseConstDnVecGetValues(cusparseConstDnVecDescr_t V,
                                             const void **Values) {
  if (!V || !Values)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Values = V->Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseDnVecSetValues(cusparseDnVecDescr_t V, void *Values) {
  if (!V || (!Values && V->Size > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  V->Values = Values;
  return CUSPARSE_STATUS_SUCCESS;
}

//--- Sparse vectors ----------------------------------------------------------

static cusparseStatus_t createSpVec(cusparseSpVecDescr_t *Out, int64_t Size,
                                    int64_t Nnz, const void *Indices,
                                    const void *Values,
                                    cusparseIndexType_t IndexType,
                                    cusparseIndexBase_t Base,
                                    cudaDataType Type) {
  if (!Out || Size < 0 || Nnz < 0 || Nnz > Size || !isValidIndexBase(Base))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if ((!Indices || !Values) && Nnz > 0)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (IndexType == CUSPARSE_INDEX_16U)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (IndexType != CUSPARSE_INDEX_32I && IndexType != CUSPARSE_INDEX_64I)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!isStorableValueType(Type))
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (cusparseStatus_t Status = make(Out))
    return Status;
  cusparseSpVecDescr &V = **Out;
  V.Size = Size, V.Nnz = Nnz;
  V.Indices = const_cast<void *>(Indices);
  V.Values = const_cast<void *>(Values);
  V.IndexType = IndexType, V.Base = Base, V.Type = Type;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseCreateSpVec(cusparseSpVecDescr_t *Out, int64_t Size,
                                     int64_t Nnz, void *Indices, void *Values,
                                     cusparseIndexType_t IndexType,
                                     cusparseIndexBase_t Base,
                                     cudaDataType Type) {
  return createSpVec(Out, Size, Nnz, Indices, Values, IndexType, Base, Type);
}

cusparseStatus_t
cusparseCreateConstSpVec(cusparseConstSpVecDescr_t *Out, int64_t Size,
                         int64_t Nnz, const void *Indices, const void *Values,
                         cusparseIndexType_t IndexType,
                         cusparseIndexBase_t Base, cudaDataType Type) {
  return createSpVec(const_cast<cusparseSpVecDescr_t *>(Out), Size, Nnz,
                     Indices, Values, IndexType, Base, Type);
}

cusparseStatus_t cusparseDestroySpVec(cusparseConstSpVecDescr_t Descr) {
  delete Descr;
  return CUSPARSE_STATUS_SUCCESS;
}

static cusparseStatus_t getSpVec(const cusparseSpVecDescr *V, int64_t *Size,
                                 int64_t *Nnz, const void **Indices,
                                 const void **Values,
                                 cusparseIndexType_t *IndexType,
                                 cusparseIndexBase_t *Base,
                                 cudaDataType *Type) {
  if (!V || !Size || !Nnz || !Indices || !Values || !IndexType || !Base ||
      !Type)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Size = V->Size, *Nnz = V->Nnz, *Indices = V->Indices, *Values = V->Values;
  *IndexType = V->IndexType, *Base = V->Base, *Type = V->Type;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpVecGet(cusparseSpVecDescr_t V, int64_t *Size,
                                  int64_t *Nnz, void **Indices, void **Values,
                                  cusparseIndexType_t *IndexType,
                                  cusparseIndexBase_t *Base,
                                  cudaDataType *Type) {
  return getSpVec(V, Size, Nnz, const_cast<const void **>(Indices),
                  const_cast<const void **>(Values), IndexType, Base, Type);
}

cusparseStatus_t
cusparseConstSpVecGet(cusparseConstSpVecDescr_t V, int64_t *Size, int64_t *Nnz,
                      const void **Indices, const void **Values,
                      cusparseIndexType_t *IndexType, cusparseIndexBase_t *Base,
                      cudaDataType *Type) {
  return getSpVec(V, Size, Nnz, Indices, Values, IndexType, Base, Type);
}

cusparseStatus_t cusparseSpVecGetIndexBase(cusparseConstSpVecDescr_t V,
                                           cusparseIndexBase_t *Base) {
  if (!V || !Base)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Base = V->Base;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpVecGetValues(cusparseSpVecDescr_t V, void **Values) {
  if (!V || !Values)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Values = V->Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseConstSpVecGetValues(cusparseConstSpVecDescr_t V,
                                             const void **Values) {
  if (!V || !Values)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Values = V->Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpVecSetValues(cusparseSpVecDescr_t V, void *Values) {
  if (!V || (!Values && V->Nnz > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  V->Values = Values;
  return CUSPARSE_STATUS_SUCCESS;
}

//--- Dense matrices ----------------------------------------------------------

static cusparseStatus_t createDnMat(cusparseDnMatDescr_t *Out, int64_t Rows,
                                    int64_t Cols, int64_t Ld,
                                    const void *Values, cudaDataType Type,
                                    cusparseOrder_t Order) {
  if (!Out || Rows < 0 || Cols < 0)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (Order != CUSPARSE_ORDER_COL && Order != CUSPARSE_ORDER_ROW)
    return CUSPARSE_STATUS_INVALID_VALUE;
  int64_t Contiguous = Order == CUSPARSE_ORDER_COL ? Rows : Cols;
  if (Ld < Contiguous || Ld < 1 || (!Values && Rows > 0 && Cols > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!isStorableValueType(Type))
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (cusparseStatus_t Status = make(Out))
    return Status;
  cusparseDnMatDescr &M = **Out;
  M.Rows = Rows, M.Cols = Cols, M.Ld = Ld;
  M.Values = const_cast<void *>(Values);
  M.Type = Type, M.Order = Order;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseCreateDnMat(cusparseDnMatDescr_t *Out, int64_t Rows,
                                     int64_t Cols, int64_t Ld, void *Values,
                                     cudaDataType Type, cusparseOrder_t Order) {
  return createDnMat(Out, Rows, Cols, Ld, Values, Type, Order);
}

cusparseStatus_t cusparseCreateConstDnMat(cusparseConstDnMatDescr_t *Out,
                                          int64_t Rows, int64_t Cols,
                                          int64_t Ld, const void *Values,
                                          cudaDataType Type,
                                          cusparseOrder_t Order) {
  return createDnMat(const_cast<cusparseDnMatDescr_t *>(Out), Rows, Cols, Ld,
                     Values, Type, Order);
}

cusparseStatus_t cusparseDestroyDnMat(cusparseConstDnMatDescr_t Descr) {
  releaseNvidiaTwin(Descr);
  delete Descr;
  return CUSPARSE_STATUS_SUCCESS;
}

static cusparseStatus_t getDnMat(const cusparseDnMatDescr *M, int64_t *Rows,
                                 int64_t *Cols, int64_t *Ld,
                                 const void **Values, cudaDataType *Type,
                                 cusparseOrder_t *Order) {
  if (!M || !Rows || !Cols || !Ld || !Values || !Type || !Order)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Rows = M->Rows, *Cols = M->Cols, *Ld = M->Ld, *Values = M->Values;
  *Type = M->Type, *Order = M->Order;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseDnMatGet(cusparseDnMatDescr_t M, int64_t *Rows,
                                  int64_t *Cols, int64_t *Ld, void **Values,
                                  cudaDataType *Type, cusparseOrder_t *Order) {
  return getDnMat(M, Rows, Cols, Ld, const_cast<const void **>(Values), Type,
                  Order);
}

cusparseStatus_t cusparseConstDnMatGet(cusparseConstDnMatDescr_t M,
                                       int64_t *Rows, int64_t *Cols,
                                       int64_t *Ld, const void **Values,
                                       cudaDataType *Type,
                                       cusparseOrder_t *Order) {
  return getDnMat(M, Rows, Cols, Ld, Values, Type, Order);
}

cusparseStatus_t cusparseDnMatGetValues(cusparseDnMatDescr_t M, void **Values) {
  if (!M || !Values)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Values = M->Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseConstDnMatGetValues(cusparseConstDnMatDescr_t M,
                                             const void **Values) {
  if (!M || !Values)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Values = M->Values;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseDnMatSetValues(cusparseDnMatDescr_t M, void *Values) {
  if (!M || (!Values && M->Rows > 0 && M->Cols > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  M->Values = Values;
  return CUSPARSE_STATUS_SUCCESS;
}

//--- Legacy matrix descriptor ------------------------------------------------

cusparseStatus_t cusparseCreateMatDescr(cusparseMatDescr_t *Descr) {
  if (!Descr)
    return CUSPARSE_STATUS_INVALID_VALUE;
  return make(Descr);
}

cusparseStatus_t cusparseDestroyMatDescr(cusparseMatDescr_t Descr) {
  releaseNvidiaTwin(Descr);
  delete Descr;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSetMatType(cusparseMatDescr_t Descr,
                                    cusparseMatrixType_t Type) {
  if (!Descr || Type < CUSPARSE_MATRIX_TYPE_GENERAL ||
      Type > CUSPARSE_MATRIX_TYPE_TRIANGULAR)
    return CUSPARSE_STATUS_INVALID_VALUE;
  Descr->Type = Type;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseMatrixType_t cusparseGetMatType(const cusparseMatDescr_t Descr) {
  return Descr ? Descr->Type : CUSPARSE_MATRIX_TYPE_GENERAL;
}

cusparseStatus_t cusparseSetMatFillMode(cusparseMatDescr_t Descr,
                                        cusparseFillMode_t Fill) {
  if (!Descr ||
      (Fill != CUSPARSE_FILL_MODE_LOWER && Fill != CUSPARSE_FILL_MODE_UPPER))
    return CUSPARSE_STATUS_INVALID_VALUE;
  Descr->Fill = Fill;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseFillMode_t cusparseGetMatFillMode(const cusparseMatDescr_t Descr) {
  return Descr ? Descr->Fill : CUSPARSE_FILL_MODE_LOWER;
}

cusparseStatus_t cusparseSetMatDiagType(cusparseMatDescr_t Descr,
                                        cusparseDiagType_t Diag) {
  if (!Descr ||
      (Diag != CUSPARSE_DIAG_TYPE_NON_UNIT && Diag != CUSPARSE_DIAG_TYPE_UNIT))
    return CUSPARSE_STATUS_INVALID_VALUE;
  Descr->Diag = Diag;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseDiagType_t cusparseGetMatDiagType(const cusparseMatDescr_t Descr) {
  return Descr ? Descr->Diag : CUSPARSE_DIAG_TYPE_NON_UNIT;
}

cusparseStatus_t cusparseSetMatIndexBase(cusparseMatDescr_t Descr,
                                         cusparseIndexBase_t Base) {
  if (!Descr || !isValidIndexBase(Base))
    return CUSPARSE_STATUS_INVALID_VALUE;
  Descr->Base = Base;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseIndexBase_t cusparseGetMatIndexBase(const cusparseMatDescr_t Descr) {
  return Descr ? Descr->Base : CUSPARSE_INDEX_BASE_ZERO;
}

cusparseStatus_t cusparseCreateCsrilu02Info(csrilu02Info_t *Info) {
  if (!Info)
    return CUSPARSE_STATUS_INVALID_VALUE;
  return make(Info);
}

cusparseStatus_t cusparseDestroyCsrilu02Info(csrilu02Info_t Info) {
  releaseNvidiaTwin(Info);
  delete Info;
  return CUSPARSE_STATUS_SUCCESS;
}
