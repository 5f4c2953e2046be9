//===- sparse/SpMV.cpp - Sparse matrix times dense vector -----------------===//
//
// Part of Tongxin. cusparseSpMV: y = alpha op(A) x + beta y, row-parallel
// over the CPU device's workers with rows split by nonzero count. Every
// format and operation becomes a CSR operand (CsrOperand.h), so one
// kernel serves them all.
//
//===----------------------------------------------------------------------===//

#include "CsrOperand.h"
#include "Forward.h"
#include "LibraryCall.h"

using namespace tx::sparse;

namespace {
/// What one SpMV call reads, copied at the call: descriptors may change or
/// be destroyed before the work runs.
struct SpMVArgs {
  cusparseOperation_t Op;
  cusparseSpMatDescr A;
  cusparseDnVecDescr X, Y;
};
} // namespace

/// Rows below this many nonzeros-plus-rows stay on one worker.
static constexpr int64_t MinWorkPerPart = 16384;

template <class T, class I>
static void csrTimesVector(int Device, int64_t Rows, const I *Offsets,
                           const I *Indices, const T *Values, int64_t Base,
                           T Alpha, const T *X, T Beta, T *Y) {
  int64_t Work = int64_t(Offsets[Rows] - Offsets[0]) + Rows;
  size_t Parts = Work < MinWorkPerPart ? 1 : tx::lib::workerCount(Device);
  std::vector<int64_t> Split = balancedRowSplit(Offsets, Rows, Parts);
  bool KeepY = !isZero(Beta);
  tx::lib::forEachOnWorkers(Device, Parts, [&](size_t Part) {
    for (int64_t Row = Split[Part]; Row < Split[Part + 1]; ++Row) {
      T Sum = T(0);
      for (int64_t K = Offsets[Row] - Base, End = Offsets[Row + 1] - Base;
           K < End; ++K)
        Sum += Values[K] * X[Indices[K] - Base];
      Y[Row] = KeepY ? Alpha * Sum + Beta * Y[Row] : Alpha * Sum;
    }
  });
}

template <class T>
static void runSpMV(int Device, const SpMVArgs &Args, T Alpha, T Beta) {
  CsrOperand<T> A;
  A.prepare(Args.A, Args.Op);
  ComputeArray<T> X(Args.X.Values, Args.X.Type, Args.X.Size);
  // With beta zero, y is written without being read (NaNs there vanish).
  ComputeArray<T> Y(Args.Y.Values, Args.Y.Type, Args.Y.Size, !isZero(Beta));
  withIndices(A, [&](auto *Offsets, auto *Indices) {
    csrTimesVector(Device, A.Rows, Offsets, Indices, A.Values, A.Base, Alpha,
                   X.data(), Beta, Y.data());
  });
  Y.storeBack();
}

static bool isValidSpMVAlg(cusparseSpMVAlg_t Alg) {
  return Alg == CUSPARSE_SPMV_ALG_DEFAULT || Alg == CUSPARSE_SPMV_CSR_ALG1 ||
         Alg == CUSPARSE_SPMV_CSR_ALG2 || Alg == CUSPARSE_SPMV_COO_ALG1 ||
         Alg == CUSPARSE_SPMV_COO_ALG2 || Alg == CUSPARSE_SPMV_SELL_ALG1;
}

static cusparseStatus_t
checkSpMV(cusparseHandle_t Handle, cusparseOperation_t Op, const void *Alpha,
          cusparseConstSpMatDescr_t A, cusparseConstDnVecDescr_t X,
          const void *Beta, cusparseDnVecDescr_t Y, cudaDataType ComputeType,
          cusparseSpMVAlg_t Alg) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Alpha || !Beta || !A || !X || !Y || !isValidOperation(Op) ||
      !isValidSpMVAlg(Alg))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!computesIn(A->Type, ComputeType) || !computesIn(X->Type, ComputeType) ||
      !computesIn(Y->Type, ComputeType))
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  int64_t Rows, Cols;
  opShape(*A, Op, Rows, Cols);
  if (X->Size != Cols || Y->Size != Rows)
    return CUSPARSE_STATUS_INVALID_VALUE;
  return checkSparseOperand(*A);
}

cusparseStatus_t
cusparseSpMV_bufferSize(cusparseHandle_t Handle, cusparseOperation_t Op,
                        const void *Alpha, cusparseConstSpMatDescr_t A,
                        cusparseConstDnVecDescr_t X, const void *Beta,
                        cusparseDnVecDescr_t Y, cudaDataType ComputeType,
                        cusparseSpMVAlg_t Alg, size_t *BufferSize) {
  TX_SPARSE_FORWARD(cusparseSpMV_bufferSize, Handle, Op, Alpha, A, X, Beta, Y,
                    ComputeType, Alg, BufferSize);
  if (cusparseStatus_t Status =
          checkSpMV(Handle, Op, Alpha, A, X, Beta, Y, ComputeType, Alg))
    return Status;
  if (!BufferSize)
    return CUSPARSE_STATUS_INVALID_VALUE;
  // Scratch space is the library's own; a small nonzero size keeps callers
  // that allocate exactly what is asked for away from zero-byte mallocs.
  *BufferSize = 8;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t
cusparseSpMV_preprocess(cusparseHandle_t Handle, cusparseOperation_t Op,
                        const void *Alpha, cusparseConstSpMatDescr_t A,
                        cusparseConstDnVecDescr_t X, const void *Beta,
                        cusparseDnVecDescr_t Y, cudaDataType ComputeType,
                        cusparseSpMVAlg_t Alg, void *Buffer) {
  TX_SPARSE_FORWARD(cusparseSpMV_preprocess, Handle, Op, Alpha, A, X, Beta, Y,
                    ComputeType, Alg, Buffer);
  // Nothing to precompute: every call reads the matrix afresh.
  return checkSpMV(Handle, Op, Alpha, A, X, Beta, Y, ComputeType, Alg);
}

cusparseStatus_t cusparseSpMV(cusparseHandle_t Handle, cusparseOperation_t Op,
                              const void *Alpha, cusparseConstSpMatDescr_t A,
                              cusparseConstDnVecDescr_t X, const void *Beta,
                              cusparseDnVecDescr_t Y, cudaDataType ComputeType,
                              cusparseSpMVAlg_t Alg, void *Buffer) {
  TX_SPARSE_FORWARD(cusparseSpMV, Handle, Op, Alpha, A, X, Beta, Y, ComputeType,
                    Alg, Buffer);
  if (cusparseStatus_t Status =
          checkSpMV(Handle, Op, Alpha, A, X, Beta, Y, ComputeType, Alg))
    return Status;
  if (Y->Size == 0)
    return CUSPARSE_STATUS_SUCCESS;
  SpMVArgs Args{Op, *A, *X, *Y};
  cusparseStatus_t Status = CUSPARSE_STATUS_SUCCESS;
  withComputeType(ComputeType, [&](auto Tag) {
    using T = decltype(Tag);
    Scalar<T> AlphaArg(Handle, Alpha), BetaArg(Handle, Beta);
    Status = launch(Handle, [=](int Device) {
      runSpMV<T>(Device, Args, AlphaArg.get(), BetaArg.get());
    });
  });
  return Status;
}
