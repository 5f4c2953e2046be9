//===- sparse/SpMM.cpp - Sparse matrix times dense matrix -----------------===//
//
// Part of Tongxin. cusparseSpMM: C = alpha op(A) op(B) + beta C, with B and
// C dense in either order. Rows of op(A) (as a CSR operand) are split over
// the CPU device's workers by nonzero count; each row accumulates into a
// per-worker row of C.
//
//===----------------------------------------------------------------------===//

#include "CsrOperand.h"
#include "Forward.h"
#include "LibraryCall.h"

using namespace tx::sparse;

namespace {
struct SpMMArgs {
  cusparseOperation_t OpA, OpB;
  cusparseSpMatDescr A;
  cusparseDnMatDescr B, C;
};

/// A dense matrix element by element, through its strides (after op).
template <class T> struct DenseView {
  T *Data;
  int64_t RowStride, ColStride;
  bool Conjugate;
  T get(int64_t Row, int64_t Col) const {
    return conjIf(Data[Row * RowStride + Col * ColStride], Conjugate);
  }
  T &at(int64_t Row, int64_t Col) const {
    return Data[Row * RowStride + Col * ColStride];
  }
};
} // namespace

static constexpr int64_t MinWorkPerPart = 4096;

static int64_t storageCount(const cusparseDnMatDescr &M) {
  int64_t Lines = M.Order == CUSPARSE_ORDER_COL ? M.Cols : M.Rows;
  return Lines == 0 ? 0
                    : (Lines - 1) * M.Ld +
                          (M.Order == CUSPARSE_ORDER_COL ? M.Rows : M.Cols);
}

/// The view of op(M) over Data (M's storage in compute type).
template <class T>
static DenseView<T> viewOf(const cusparseDnMatDescr &M, T *Data,
                           cusparseOperation_t Op) {
  bool ColMajor = M.Order == CUSPARSE_ORDER_COL;
  int64_t RowStride = ColMajor ? 1 : M.Ld, ColStride = ColMajor ? M.Ld : 1;
  if (Op == CUSPARSE_OPERATION_NON_TRANSPOSE)
    return {Data, RowStride, ColStride, false};
  return {Data, ColStride, RowStride,
          Op == CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE};
}

template <class T, class I>
static void csrTimesDense(int Device, const CsrOperand<T> &A, const I *Offsets,
                          const I *Indices, int64_t N, T Alpha, DenseView<T> B,
                          T Beta, DenseView<T> C) {
  int64_t Work = (int64_t(Offsets[A.Rows] - Offsets[0]) + A.Rows) * N;
  size_t Parts = Work < MinWorkPerPart ? 1 : tx::lib::workerCount(Device);
  std::vector<int64_t> Split = balancedRowSplit(Offsets, A.Rows, Parts);
  bool KeepC = !isZero(Beta);
  tx::lib::forEachOnWorkers(Device, Parts, [&](size_t Part) {
    std::vector<T> Row(static_cast<size_t>(N));
    for (int64_t R = Split[Part]; R < Split[Part + 1]; ++R) {
      std::fill(Row.begin(), Row.end(), T(0));
      for (int64_t K = Offsets[R] - A.Base, End = Offsets[R + 1] - A.Base;
           K < End; ++K) {
        T V = A.Values[K];
        int64_t Col = Indices[K] - A.Base;
        for (int64_t J = 0; J < N; ++J)
          Row[J] += V * B.get(Col, J);
      }
      for (int64_t J = 0; J < N; ++J) {
        T &Out = C.at(R, J);
        Out = KeepC ? Alpha * Row[J] + Beta * Out : Alpha * Row[J];
      }
    }
  });
}

template <class T>
static void runSpMM(int Device, const SpMMArgs &Args, T Alpha, T Beta) {
  CsrOperand<T> A;
  A.prepare(Args.A, Args.OpA);
  ComputeArray<T> B(Args.B.Values, Args.B.Type, storageCount(Args.B));
  ComputeArray<T> C(Args.C.Values, Args.C.Type, storageCount(Args.C),
                    !isZero(Beta));
  DenseView<T> BView = viewOf(Args.B, B.data(), Args.OpB);
  DenseView<T> CView =
      viewOf(Args.C, C.data(), CUSPARSE_OPERATION_NON_TRANSPOSE);
  withIndices(A, [&](auto *Offsets, auto *Indices) {
    csrTimesDense(Device, A, Offsets, Indices, Args.C.Cols, Alpha, BView, Beta,
                  CView);
  });
  C.storeBack();
}

static bool isValidSpMMAlg(cusparseSpMMAlg_t Alg) {
  switch (Alg) {
  case CUSPARSE_SPMM_ALG_DEFAULT:
  case CUSPARSE_SPMM_COO_ALG1:
  case CUSPARSE_SPMM_COO_ALG2:
  case CUSPARSE_SPMM_COO_ALG3:
  case CUSPARSE_SPMM_COO_ALG4:
  case CUSPARSE_SPMM_CSR_ALG1:
  case CUSPARSE_SPMM_CSR_ALG2:
  case CUSPARSE_SPMM_CSR_ALG3:
  case CUSPARSE_SPMM_BLOCKED_ELL_ALG1:
  case CUSPARSE_SPMM_BSR_ALG1:
    return true;
  }
  return false;
}

static cusparseStatus_t
checkSpMM(cusparseHandle_t Handle, cusparseOperation_t OpA,
          cusparseOperation_t OpB, const void *Alpha,
          cusparseConstSpMatDescr_t A, cusparseConstDnMatDescr_t B,
          const void *Beta, cusparseDnMatDescr_t C, cudaDataType ComputeType,
          cusparseSpMMAlg_t Alg) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Alpha || !Beta || !A || !B || !C || !isValidOperation(OpA) ||
      !isValidOperation(OpB) || !isValidSpMMAlg(Alg))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!computesIn(A->Type, ComputeType) || !computesIn(B->Type, ComputeType) ||
      !computesIn(C->Type, ComputeType))
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  int64_t M, K;
  opShape(*A, OpA, M, K);
  bool BTransposed = OpB != CUSPARSE_OPERATION_NON_TRANSPOSE;
  int64_t BRows = BTransposed ? B->Cols : B->Rows;
  int64_t BCols = BTransposed ? B->Rows : B->Cols;
  if (BRows != K || C->Rows != M || C->Cols != BCols)
    return CUSPARSE_STATUS_INVALID_VALUE;
  return checkSparseOperand(*A);
}

cusparseStatus_t cusparseSpMM_bufferSize(
    cusparseHandle_t Handle, cusparseOperation_t OpA, cusparseOperation_t OpB,
    const void *Alpha, cusparseConstSpMatDescr_t A, cusparseConstDnMatDescr_t B,
    const void *Beta, cusparseDnMatDescr_t C, cudaDataType ComputeType,
    cusparseSpMMAlg_t Alg, size_t *BufferSize) {
  TX_SPARSE_FORWARD(cusparseSpMM_bufferSize, Handle, OpA, OpB, Alpha, A, B,
                    Beta, C, ComputeType, Alg, BufferSize);
  if (cusparseStatus_t Status =
          checkSpMM(Handle, OpA, OpB, Alpha, A, B, Beta, C, ComputeType, Alg))
    return Status;
  if (!BufferSize)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *BufferSize = 8; // Scratch space is the library's own.
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpMM_preprocess(
    cusparseHandle_t Handle, cusparseOperation_t OpA, cusparseOperation_t OpB,
    const void *Alpha, cusparseConstSpMatDescr_t A, cusparseConstDnMatDescr_t B,
    const void *Beta, cusparseDnMatDescr_t C, cudaDataType ComputeType,
    cusparseSpMMAlg_t Alg, void *Buffer) {
  TX_SPARSE_FORWARD(cusparseSpMM_preprocess, Handle, OpA, OpB, Alpha, A, B,
                    Beta, C, ComputeType, Alg, Buffer);
  return checkSpMM(Handle, OpA, OpB, Alpha, A, B, Beta, C, ComputeType, Alg);
}

cusparseStatus_t cusparseSpMM(cusparseHandle_t Handle, cusparseOperation_t OpA,
                              cusparseOperation_t OpB, const void *Alpha,
                              cusparseConstSpMatDescr_t A,
                              cusparseConstDnMatDescr_t B, const void *Beta,
                              cusparseDnMatDescr_t C, cudaDataType ComputeType,
                              cusparseSpMMAlg_t Alg, void *Buffer) {
  TX_SPARSE_FORWARD(cusparseSpMM, Handle, OpA, OpB, Alpha, A, B, Beta, C,
                    ComputeType, Alg, Buffer);
  if (cusparseStatus_t Status =
          checkSpMM(Handle, OpA, OpB, Alpha, A, B, Beta, C, ComputeType, Alg))
    return Status;
  if (C->Rows == 0 || C->Cols == 0)
    return CUSPARSE_STATUS_SUCCESS;
  SpMMArgs Args{OpA, OpB, *A, *B, *C};
  cusparseStatus_t Status = CUSPARSE_STATUS_SUCCESS;
  withComputeType(ComputeType, [&](auto Tag) {
    using T = decltype(Tag);
    Scalar<T> AlphaArg(Handle, Alpha), BetaArg(Handle, Beta);
    Status = launch(Handle, [=](int Device) {
      runSpMM<T>(Device, Args, AlphaArg.get(), BetaArg.get());
    });
  });
  return Status;
}
