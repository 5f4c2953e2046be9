//===- sparse/Conversions.cpp - Sparse <-> dense and index conversions ----===//
//
// Part of Tongxin. cusparseSparseToDense, cusparseDenseToSparse (analysis
// counts the nonzeros, which the host learns when it returns, as with
// NVIDIA's; convert fills the arrays), the legacy cusparse?nnz, and the
// COO/CSR row index conversions.
//
//===----------------------------------------------------------------------===//

#include "CsrOperand.h"
#include "Forward.h"

#include <memory>

using namespace tx::sparse;

/// The compute type data stored as Type is handled in.
static cudaDataType computeTypeOf(cudaDataType Type) {
  return Type == CUDA_R_16F || Type == CUDA_R_16BF ? CUDA_R_32F : Type;
}

static int64_t denseIndex(const cusparseDnMatDescr &M, int64_t Row,
                          int64_t Col) {
  return M.Order == CUSPARSE_ORDER_COL ? Row + Col * M.Ld : Row * M.Ld + Col;
}

//--- Sparse to dense ---------------------------------------------------------

static cusparseStatus_t checkSparseToDense(cusparseHandle_t Handle,
                                           cusparseConstSpMatDescr_t A,
                                           cusparseDnMatDescr_t B,
                                           cusparseSparseToDenseAlg_t Alg) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!A || !B || Alg != CUSPARSE_SPARSETODENSE_ALG_DEFAULT)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (A->Type != B->Type)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (A->Rows != B->Rows || A->Cols != B->Cols)
    return CUSPARSE_STATUS_INVALID_VALUE;
  return checkSparseOperand(*A);
}

cusparseStatus_t cusparseSparseToDense_bufferSize(
    cusparseHandle_t Handle, cusparseConstSpMatDescr_t A,
    cusparseDnMatDescr_t B, cusparseSparseToDenseAlg_t Alg,
    size_t *BufferSize) {
  TX_SPARSE_FORWARD(cusparseSparseToDense_bufferSize, Handle, A, B, Alg,
                    BufferSize);
  if (cusparseStatus_t Status = checkSparseToDense(Handle, A, B, Alg))
    return Status;
  if (!BufferSize)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *BufferSize = 8;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSparseToDense(cusparseHandle_t Handle,
                                       cusparseConstSpMatDescr_t A,
                                       cusparseDnMatDescr_t B,
                                       cusparseSparseToDenseAlg_t Alg,
                                       void *Buffer) {
  TX_SPARSE_FORWARD(cusparseSparseToDense, Handle, A, B, Alg, Buffer);
  if (cusparseStatus_t Status = checkSparseToDense(Handle, A, B, Alg))
    return Status;
  cusparseSpMatDescr ACopy = *A;
  cusparseDnMatDescr BCopy = *B;
  cusparseStatus_t Status = CUSPARSE_STATUS_SUCCESS;
  withComputeType(computeTypeOf(A->Type), [&](auto Tag) {
    using T = decltype(Tag);
    Status = launch(Handle, [=](int) {
      for (int64_t Row = 0; Row < BCopy.Rows; ++Row)
        for (int64_t Col = 0; Col < BCopy.Cols; ++Col)
          storeValue(BCopy.Values, BCopy.Type, denseIndex(BCopy, Row, Col),
                     T(0));
      forEachEntry<T>(ACopy, ACopy.Values, [&](int64_t Row, int64_t Col, T V) {
        storeValue(BCopy.Values, BCopy.Type, denseIndex(BCopy, Row, Col), V);
      });
    });
  });
  return Status;
}

//--- Dense to sparse ---------------------------------------------------------

static cusparseStatus_t checkDenseToSparse(cusparseHandle_t Handle,
                                           cusparseConstDnMatDescr_t A,
                                           cusparseSpMatDescr_t B,
                                           cusparseDenseToSparseAlg_t Alg) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!A || !B || Alg != CUSPARSE_DENSETOSPARSE_ALG_DEFAULT)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (B->Format != CUSPARSE_FORMAT_CSR && B->Format != CUSPARSE_FORMAT_CSC &&
      B->Format != CUSPARSE_FORMAT_COO)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (A->Type != B->Type || B->OffsetType != B->IndexType)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (A->Rows != B->Rows || A->Cols != B->Cols)
    return CUSPARSE_STATUS_INVALID_VALUE;
  return CUSPARSE_STATUS_SUCCESS;
}

/// Visits A's nonzeros in B's order (by rows, or by columns for CSC):
/// Fn(Major, Minor, Value).
template <class T, class F>
static void forEachDenseNonzero(const cusparseDnMatDescr &A, bool ByColumn,
                                F &&Fn) {
  int64_t Majors = ByColumn ? A.Cols : A.Rows;
  int64_t Minors = ByColumn ? A.Rows : A.Cols;
  for (int64_t Major = 0; Major < Majors; ++Major)
    for (int64_t Minor = 0; Minor < Minors; ++Minor) {
      int64_t Row = ByColumn ? Minor : Major, Col = ByColumn ? Major : Minor;
      T V = loadValue<T>(A.Values, A.Type, denseIndex(A, Row, Col));
      if (!isZero(V))
        Fn(Major, Minor, V);
    }
}

cusparseStatus_t cusparseDenseToSparse_bufferSize(
    cusparseHandle_t Handle, cusparseConstDnMatDescr_t A,
    cusparseSpMatDescr_t B, cusparseDenseToSparseAlg_t Alg,
    size_t *BufferSize) {
  TX_SPARSE_FORWARD(cusparseDenseToSparse_bufferSize, Handle, A, B, Alg,
                    BufferSize);
  if (cusparseStatus_t Status = checkDenseToSparse(Handle, A, B, Alg))
    return Status;
  if (!BufferSize)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *BufferSize = 8;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseDenseToSparse_analysis(cusparseHandle_t Handle,
                                                cusparseConstDnMatDescr_t A,
                                                cusparseSpMatDescr_t B,
                                                cusparseDenseToSparseAlg_t Alg,
                                                void *Buffer) {
  TX_SPARSE_FORWARD(cusparseDenseToSparse_analysis, Handle, A, B, Alg, Buffer);
  if (cusparseStatus_t Status = checkDenseToSparse(Handle, A, B, Alg))
    return Status;
  bool Compressed = B->Format != CUSPARSE_FORMAT_COO;
  if (Compressed && !B->Offsets)
    return CUSPARSE_STATUS_INVALID_VALUE;
  cusparseDnMatDescr ACopy = *A;
  cusparseSpMatDescr BCopy = *B;
  auto Nnz = std::make_shared<int64_t>(0);
  cusparseStatus_t Status = CUSPARSE_STATUS_SUCCESS;
  withComputeType(computeTypeOf(A->Type), [&](auto Tag) {
    using T = decltype(Tag);
    Status = launch(Handle, [=](int) {
      bool ByColumn = BCopy.Format == CUSPARSE_FORMAT_CSC;
      int64_t Majors = ByColumn ? BCopy.Cols : BCopy.Rows;
      std::vector<int64_t> Counts(size_t(Majors) + 1, 0);
      forEachDenseNonzero<T>(ACopy, ByColumn, [&](int64_t Major, int64_t, T) {
        ++Counts[Major + 1];
      });
      for (int64_t M = 0; M < Majors; ++M)
        Counts[M + 1] += Counts[M];
      if (BCopy.Format != CUSPARSE_FORMAT_COO)
        for (int64_t M = 0; M <= Majors; ++M)
          storeIndex(BCopy.Offsets, BCopy.OffsetType, M,
                     Counts[M] + BCopy.Base);
      *Nnz = Counts[Majors];
    });
  });
  // The caller sizes B's arrays from the count when analysis returns.
  if (Status || (Status = waitForStream(Handle)))
    return Status;
  B->Nnz = *Nnz;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseDenseToSparse_convert(cusparseHandle_t Handle,
                                               cusparseConstDnMatDescr_t A,
                                               cusparseSpMatDescr_t B,
                                               cusparseDenseToSparseAlg_t Alg,
                                               void *Buffer) {
  TX_SPARSE_FORWARD(cusparseDenseToSparse_convert, Handle, A, B, Alg, Buffer);
  if (cusparseStatus_t Status = checkDenseToSparse(Handle, A, B, Alg))
    return Status;
  if (cusparseStatus_t Status = checkSparseOperand(*B))
    return Status;
  cusparseDnMatDescr ACopy = *A;
  cusparseSpMatDescr BCopy = *B;
  cusparseStatus_t Status = CUSPARSE_STATUS_SUCCESS;
  withComputeType(computeTypeOf(A->Type), [&](auto Tag) {
    using T = decltype(Tag);
    Status = launch(Handle, [=](int) {
      bool ByColumn = BCopy.Format == CUSPARSE_FORMAT_CSC;
      bool Coo = BCopy.Format == CUSPARSE_FORMAT_COO;
      int64_t K = 0, Base = BCopy.Base;
      forEachDenseNonzero<T>(
          ACopy, ByColumn, [&](int64_t Major, int64_t Minor, T V) {
            if (K >= BCopy.Nnz) // The matrix changed since the analysis.
              return;
            if (Coo)
              storeIndex(BCopy.Offsets, BCopy.IndexType, K, Major + Base);
            storeIndex(BCopy.Indices, BCopy.IndexType, K, Minor + Base);
            storeValue(BCopy.Values, BCopy.Type, K++, V);
          });
    });
  });
  return Status;
}

//--- Legacy: nonzero counts of a dense matrix --------------------------------

template <class T>
static cusparseStatus_t
countNonzeros(cusparseHandle_t Handle, cusparseDirection_t Dir, int M, int N,
              const cusparseMatDescr_t Descr, const T *A, int Lda,
              int *PerRowCol, int *Total) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (M < 0 || N < 0 || Lda < (M > 1 ? M : 1) || !Descr || !PerRowCol ||
      !Total || (!A && M > 0 && N > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (Dir != CUSPARSE_DIRECTION_ROW && Dir != CUSPARSE_DIRECTION_COLUMN)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (Descr->Type != CUSPARSE_MATRIX_TYPE_GENERAL)
    return CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED;
  bool ByRow = Dir == CUSPARSE_DIRECTION_ROW;
  cusparseStatus_t Status = launch(Handle, [=](int) {
    int Sum = 0;
    for (int Line = 0; Line < (ByRow ? M : N); ++Line) {
      int Count = 0;
      for (int I = 0; I < (ByRow ? N : M); ++I) {
        int Row = ByRow ? Line : I, Col = ByRow ? I : Line;
        Count += !isZero(A[Row + int64_t(Col) * Lda]);
      }
      PerRowCol[Line] = Count;
      Sum += Count;
    }
    *Total = Sum;
  });
  // In host pointer mode the total is the caller's when the call returns.
  if (Status || Handle->PointerMode == CUSPARSE_POINTER_MODE_DEVICE)
    return Status;
  return waitForStream(Handle);
}

#define TX_NNZ(Prefix, Type, Cpp)                                              \
  cusparseStatus_t cusparse##Prefix##nnz(                                      \
      cusparseHandle_t Handle, cusparseDirection_t Dir, int M, int N,          \
      const cusparseMatDescr_t Descr, const Type *A, int Lda, int *PerRowCol,  \
      int *Total) {                                                            \
    TX_SPARSE_FORWARD(cusparse##Prefix##nnz, Handle, Dir, M, N, Descr, A, Lda, \
                      PerRowCol, Total);                                       \
    return countNonzeros(Handle, Dir, M, N, Descr,                             \
                         reinterpret_cast<const Cpp *>(A), Lda, PerRowCol,     \
                         Total);                                               \
  }
TX_NNZ(S, float, float)
TX_NNZ(D, double, double)
TX_NNZ(C, cuComplex, cfloat)
TX_NNZ(Z, cuDoubleComplex, cdouble)
#undef TX_NNZ

//--- Legacy: index conversions -----------------------------------------------

cusparseStatus_t cusparseXcoo2csr(cusparseHandle_t Handle, const int *CooRows,
                                  int Nnz, int M, int *CsrOffsets,
                                  cusparseIndexBase_t Base) {
  TX_SPARSE_FORWARD(cusparseXcoo2csr, Handle, CooRows, Nnz, M, CsrOffsets,
                    Base);
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (Nnz < 0 || M < 0 || !CsrOffsets || (!CooRows && Nnz > 0) ||
      !isValidIndexBase(Base))
    return CUSPARSE_STATUS_INVALID_VALUE;
  return launch(Handle, [=](int) {
    std::vector<int> Counts(size_t(M) + 1, 0);
    for (int K = 0; K < Nnz; ++K) {
      int Row = CooRows[K] - Base;
      if (Row >= 0 && Row < M)
        ++Counts[Row + 1];
    }
    for (int Row = 0; Row < M; ++Row)
      Counts[Row + 1] += Counts[Row];
    for (int Row = 0; Row <= M; ++Row)
      CsrOffsets[Row] = Counts[Row] + Base;
  });
}

cusparseStatus_t cusparseXcsr2coo(cusparseHandle_t Handle,
                                  const int *CsrOffsets, int Nnz, int M,
                                  int *CooRows, cusparseIndexBase_t Base) {
  TX_SPARSE_FORWARD(cusparseXcsr2coo, Handle, CsrOffsets, Nnz, M, CooRows,
                    Base);
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (Nnz < 0 || M < 0 || !CsrOffsets || (!CooRows && Nnz > 0) ||
      !isValidIndexBase(Base))
    return CUSPARSE_STATUS_INVALID_VALUE;
  return launch(Handle, [=](int) {
    for (int Row = 0; Row < M; ++Row) {
      int Begin = CsrOffsets[Row] - Base, End = CsrOffsets[Row + 1] - Base;
      for (int K = Begin < 0 ? 0 : Begin; K < End && K < Nnz; ++K)
        CooRows[K] = Row + Base;
    }
  });
}

cusparseStatus_t cusparseCreateIdentityPermutation(cusparseHandle_t Handle,
                                                   int N, int *P) {
  TX_SPARSE_FORWARD(cusparseCreateIdentityPermutation, Handle, N, P);
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (N < 0 || (!P && N > 0))
    return CUSPARSE_STATUS_INVALID_VALUE;
  return launch(Handle, [=](int) {
    for (int I = 0; I < N; ++I)
      P[I] = I;
  });
}
