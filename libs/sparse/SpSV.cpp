//===- sparse/SpSV.cpp - Sparse triangular solve --------------------------===//
//
// Part of Tongxin. cusparseSpSV: solves op(A) y = alpha x for triangular A
// (the fill mode and diagonal type are attributes of A; entries outside the
// triangle are ignored). op(A) becomes a CSR operand and is solved by
// forward or backward substitution, row after row: each row needs the
// rows before it, and the CPU does this faster in order than in levels.
//
//===----------------------------------------------------------------------===//

#include "CsrOperand.h"
#include "Forward.h"

#include <new>

using namespace tx::sparse;

struct cusparseSpSVDescr {
  bool Analysed = false;
  /// Replacements from cusparseSpSV_updateMatrix: all values, or only the
  /// diagonal (one value per row).
  const void *NewValues = nullptr;
  const void *NewDiagonal = nullptr;
};

namespace {
struct SpSVArgs {
  cusparseOperation_t Op;
  cusparseSpMatDescr A;
  cusparseDnVecDescr X, Y;
  cusparseSpSVDescr Solve;
};
} // namespace

template <class T>
static void solveTriangular(const OwnedCsr<T> &M, bool Lower, bool Unit,
                            const void *NewDiagonal, cudaDataType Type, T Alpha,
                            const T *X, T *Y) {
  int64_t N = M.Rows;
  for (int64_t Step = 0; Step < N; ++Step) {
    int64_t Row = Lower ? Step : N - 1 - Step;
    T Sum = Alpha * X[Row];
    T Diagonal = T(1);
    for (int64_t K = M.Offsets[Row]; K < M.Offsets[Row + 1]; ++K) {
      int64_t Col = M.Indices[K];
      if (Col == Row)
        Diagonal = M.Values[K];
      else if (Lower ? Col < Row : Col > Row)
        Sum -= M.Values[K] * Y[Col];
    }
    if (NewDiagonal)
      Diagonal = loadValue<T>(NewDiagonal, Type, Row);
    Y[Row] = Unit ? Sum : Sum / Diagonal;
  }
}

template <class T> static void runSpSV(const SpSVArgs &Args, T Alpha) {
  OwnedCsr<T> M;
  const void *Values =
      Args.Solve.NewValues ? Args.Solve.NewValues : Args.A.Values;
  buildCsr(Args.A, Args.Op, Values, M);
  // Transposing turns a lower triangle into an upper one.
  bool Lower = (Args.A.Fill == CUSPARSE_FILL_MODE_LOWER) ==
               (Args.Op == CUSPARSE_OPERATION_NON_TRANSPOSE);
  bool Unit = Args.A.Diag == CUSPARSE_DIAG_TYPE_UNIT;
  // Read all of x first: it may be y itself.
  std::vector<T> X(size_t(Args.X.Size));
  for (int64_t I = 0; I < Args.X.Size; ++I)
    X[I] = loadValue<T>(Args.X.Values, Args.X.Type, I);
  ComputeArray<T> Y(Args.Y.Values, Args.Y.Type, Args.Y.Size, false);
  solveTriangular(M, Lower, Unit, Args.Solve.NewDiagonal, Args.A.Type, Alpha,
                  X.data(), Y.data());
  Y.storeBack();
}

static cusparseStatus_t
checkSpSV(cusparseHandle_t Handle, cusparseOperation_t Op, const void *Alpha,
          cusparseConstSpMatDescr_t A, cusparseConstDnVecDescr_t X,
          cusparseDnVecDescr_t Y, cudaDataType ComputeType,
          cusparseSpSVAlg_t Alg, cusparseSpSVDescr_t Descr) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Alpha || !A || !X || !Y || !Descr || !isValidOperation(Op) ||
      Alg != CUSPARSE_SPSV_ALG_DEFAULT)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (A->Format != CUSPARSE_FORMAT_CSR && A->Format != CUSPARSE_FORMAT_COO &&
      A->Format != CUSPARSE_FORMAT_CSC)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (!isComputeType(ComputeType) || A->Type != ComputeType ||
      X->Type != ComputeType || Y->Type != ComputeType)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (A->Rows != A->Cols || X->Size != A->Rows || Y->Size != A->Rows)
    return CUSPARSE_STATUS_INVALID_VALUE;
  return checkSparseOperand(*A);
}

cusparseStatus_t cusparseSpSV_createDescr(cusparseSpSVDescr_t *Descr) {
  if (!Descr)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Descr = new (std::nothrow) cusparseSpSVDescr();
  return *Descr ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_ALLOC_FAILED;
}

cusparseStatus_t cusparseSpSV_destroyDescr(cusparseSpSVDescr_t Descr) {
  releaseNvidiaTwin(Descr);
  delete Descr;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t
cusparseSpSV_bufferSize(cusparseHandle_t Handle, cusparseOperation_t Op,
                        const void *Alpha, cusparseConstSpMatDescr_t A,
                        cusparseConstDnVecDescr_t X, cusparseDnVecDescr_t Y,
                        cudaDataType ComputeType, cusparseSpSVAlg_t Alg,
                        cusparseSpSVDescr_t Descr, size_t *BufferSize) {
  TX_SPARSE_FORWARD(cusparseSpSV_bufferSize, Handle, Op, Alpha, A, X, Y,
                    ComputeType, Alg, Descr, BufferSize);
  if (cusparseStatus_t Status =
          checkSpSV(Handle, Op, Alpha, A, X, Y, ComputeType, Alg, Descr))
    return Status;
  if (!BufferSize)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *BufferSize = 8; // Scratch space is the library's own.
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t
cusparseSpSV_analysis(cusparseHandle_t Handle, cusparseOperation_t Op,
                      const void *Alpha, cusparseConstSpMatDescr_t A,
                      cusparseConstDnVecDescr_t X, cusparseDnVecDescr_t Y,
                      cudaDataType ComputeType, cusparseSpSVAlg_t Alg,
                      cusparseSpSVDescr_t Descr, void *Buffer) {
  TX_SPARSE_FORWARD(cusparseSpSV_analysis, Handle, Op, Alpha, A, X, Y,
                    ComputeType, Alg, Descr, Buffer);
  if (cusparseStatus_t Status =
          checkSpSV(Handle, Op, Alpha, A, X, Y, ComputeType, Alg, Descr))
    return Status;
  if (!Buffer)
    return CUSPARSE_STATUS_INVALID_VALUE;
  // The substitution reads the structure as it solves: nothing to keep.
  Descr->Analysed = true;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t
cusparseSpSV_solve(cusparseHandle_t Handle, cusparseOperation_t Op,
                   const void *Alpha, cusparseConstSpMatDescr_t A,
                   cusparseConstDnVecDescr_t X, cusparseDnVecDescr_t Y,
                   cudaDataType ComputeType, cusparseSpSVAlg_t Alg,
                   cusparseSpSVDescr_t Descr) {
  TX_SPARSE_FORWARD(cusparseSpSV_solve, Handle, Op, Alpha, A, X, Y, ComputeType,
                    Alg, Descr);
  if (cusparseStatus_t Status =
          checkSpSV(Handle, Op, Alpha, A, X, Y, ComputeType, Alg, Descr))
    return Status;
  if (!Descr->Analysed)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (A->Rows == 0)
    return CUSPARSE_STATUS_SUCCESS;
  SpSVArgs Args{Op, *A, *X, *Y, *Descr};
  cusparseStatus_t Status = CUSPARSE_STATUS_SUCCESS;
  withComputeType(ComputeType, [&](auto Tag) {
    using T = decltype(Tag);
    Scalar<T> AlphaArg(Handle, Alpha);
    Status = launch(Handle, [=](int) { runSpSV<T>(Args, AlphaArg.get()); });
  });
  return Status;
}

cusparseStatus_t cusparseSpSV_updateMatrix(cusparseHandle_t Handle,
                                           cusparseSpSVDescr_t Descr,
                                           void *NewValues,
                                           cusparseSpSVUpdate_t Part) {
  TX_SPARSE_FORWARD(cusparseSpSV_updateMatrix, Handle, Descr, NewValues, Part);
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Descr || !NewValues)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (Part == CUSPARSE_SPSV_UPDATE_GENERAL) {
    Descr->NewValues = NewValues;
    Descr->NewDiagonal = nullptr;
    return CUSPARSE_STATUS_SUCCESS;
  }
  if (Part == CUSPARSE_SPSV_UPDATE_DIAGONAL) {
    Descr->NewDiagonal = NewValues;
    return CUSPARSE_STATUS_SUCCESS;
  }
  return CUSPARSE_STATUS_INVALID_VALUE;
}
