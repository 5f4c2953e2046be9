//===- sparse/Ilu.cpp - Incomplete LU with zero fill-in (csrilu02) --------===//
//
// Part of Tongxin. cusparse?csrilu02: A ~= L U in place on A's values (unit
// lower L and U share A's pattern). The analysis finds structural zero
// pivots (missing diagonal entries); the factorisation finds numerical
// ones; cusparseXcsrilu02_zeroPivot reports the first of either. Rows are
// factorised in order, each against the rows above it.
//
//===----------------------------------------------------------------------===//

#include "Forward.h"
#include "SparseInternal.h"

#include <vector>

using namespace tx::sparse;

namespace {
/// A 32-bit CSR matrix as the legacy API passes it.
struct LegacyCsr {
  int Rows, Nnz, Base;
  const int *Offsets, *Cols;
  int begin(int Row) const { return Offsets[Row] - Base; }
  int end(int Row) const { return Offsets[Row + 1] - Base; }
  int col(int K) const { return Cols[K] - Base; }
};
} // namespace

/// Position of each row's diagonal entry, or -1.
static std::vector<int> findDiagonals(const LegacyCsr &A) {
  std::vector<int> Diagonal(size_t(A.Rows), -1);
  for (int Row = 0; Row < A.Rows; ++Row)
    for (int K = A.begin(Row); K < A.end(Row); ++K)
      if (K >= 0 && K < A.Nnz && A.col(K) == Row)
        Diagonal[Row] = K;
  return Diagonal;
}

static void notePivot(int &First, int Row) {
  if (First < 0 || Row < First)
    First = Row;
}

template <class T> static int factorise(const LegacyCsr &A, T *Values) {
  std::vector<int> Diagonal = findDiagonals(A);
  std::vector<int> Where(size_t(A.Rows), -1); // Column -> position in row.
  int ZeroPivot = -1;
  for (int Row = 0; Row < A.Rows; ++Row) {
    int Begin = A.begin(Row), End = A.end(Row);
    for (int K = Begin; K < End; ++K)
      if (A.col(K) >= 0 && A.col(K) < A.Rows)
        Where[A.col(K)] = K;
    for (int K = Begin; K < End; ++K) {
      int Mid = A.col(K);
      if (Mid < 0 || Mid >= Row)
        continue;
      if (Diagonal[Mid] < 0 || isZero(Values[Diagonal[Mid]]))
        continue; // Reported at row Mid; the row goes on unscaled.
      T Factor = Values[K] / Values[Diagonal[Mid]];
      Values[K] = Factor;
      for (int L = Diagonal[Mid] + 1; L < A.end(Mid); ++L) {
        int Col = A.col(L);
        if (Col >= 0 && Col < A.Rows && Where[Col] >= 0)
          Values[Where[Col]] -= Factor * Values[L];
      }
    }
    if (Diagonal[Row] < 0 || isZero(Values[Diagonal[Row]]))
      notePivot(ZeroPivot, Row);
    for (int K = Begin; K < End; ++K)
      if (A.col(K) >= 0 && A.col(K) < A.Rows)
        Where[A.col(K)] = -1;
  }
  return ZeroPivot;
}

static int firstMissingDiagonal(const LegacyCsr &A) {
  std::vector<int> Diagonal = findDiagonals(A);
  for (int Row = 0; Row < A.Rows; ++Row)
    if (Diagonal[Row] < 0)
      return Row;
  return -1;
}

static cusparseStatus_t checkIlu(cusparseHandle_t Handle, int M, int Nnz,
                                 const cusparseMatDescr_t Descr,
                                 const void *Values, const int *Offsets,
                                 const int *Cols, csrilu02Info_t Info) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (M < 0 || Nnz < 0 || !Descr || !Info || (M > 0 && !Offsets) ||
      (Nnz > 0 && (!Values || !Cols)))
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (Descr->Type != CUSPARSE_MATRIX_TYPE_GENERAL)
    return CUSPARSE_STATUS_MATRIX_TYPE_NOT_SUPPORTED;
  return CUSPARSE_STATUS_SUCCESS;
}

static bool isValidPolicy(cusparseSolvePolicy_t Policy) {
  return Policy == CUSPARSE_SOLVE_POLICY_NO_LEVEL ||
         Policy == CUSPARSE_SOLVE_POLICY_USE_LEVEL;
}

template <class T>
static cusparseStatus_t iluBufferSize(cusparseHandle_t Handle, int M, int Nnz,
                                      const cusparseMatDescr_t Descr,
                                      const T *Values, const int *Offsets,
                                      const int *Cols, csrilu02Info_t Info,
                                      int *Size) {
  if (cusparseStatus_t Status =
          checkIlu(Handle, M, Nnz, Descr, Values, Offsets, Cols, Info))
    return Status;
  if (!Size)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Size = 8; // Scratch space is the library's own.
  return CUSPARSE_STATUS_SUCCESS;
}

template <class T>
static cusparseStatus_t
iluAnalysis(cusparseHandle_t Handle, int M, int Nnz,
            const cusparseMatDescr_t Descr, const T *Values, const int *Offsets,
            const int *Cols, csrilu02Info_t Info, cusparseSolvePolicy_t Policy,
            void *Buffer) {
  if (cusparseStatus_t Status =
          checkIlu(Handle, M, Nnz, Descr, Values, Offsets, Cols, Info))
    return Status;
  if (!isValidPolicy(Policy) || !Buffer)
    return CUSPARSE_STATUS_INVALID_VALUE;
  LegacyCsr A{M, Nnz, int(Descr->Base), Offsets, Cols};
  return launch(Handle, [=](int) {
    int Row = firstMissingDiagonal(A);
    Info->ZeroPivot = Row < 0 ? -1 : Row + A.Base;
  });
}

template <class T>
static cusparseStatus_t iluCompute(cusparseHandle_t Handle, int M, int Nnz,
                                   const cusparseMatDescr_t Descr, T *Values,
                                   const int *Offsets, const int *Cols,
                                   csrilu02Info_t Info,
                                   cusparseSolvePolicy_t Policy, void *Buffer) {
  if (cusparseStatus_t Status =
          checkIlu(Handle, M, Nnz, Descr, Values, Offsets, Cols, Info))
    return Status;
  if (!isValidPolicy(Policy) || !Buffer)
    return CUSPARSE_STATUS_INVALID_VALUE;
  LegacyCsr A{M, Nnz, int(Descr->Base), Offsets, Cols};
  return launch(Handle, [=](int) {
    int Row = factorise(A, Values);
    Info->ZeroPivot = Row < 0 ? -1 : Row + A.Base;
  });
}

cusparseStatus_t cusparseXcsrilu02_zeroPivot(cusparseHandle_t Handle,
                                             csrilu02Info_t Info,
                                             int *Position) {
  TX_SPARSE_FORWARD(cusparseXcsrilu02_zeroPivot, Handle, Info, Position);
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Info || !Position)
    return CUSPARSE_STATUS_INVALID_VALUE;
  // The pivot is known once the stream's analysis or factorisation ran.
  if (cusparseStatus_t Status = waitForStream(Handle))
    return Status;
  *Position = Info->ZeroPivot;
  return Info->ZeroPivot < 0 ? CUSPARSE_STATUS_SUCCESS
                             : CUSPARSE_STATUS_ZERO_PIVOT;
}

#define TX_CSRILU02(Prefix, Type, Cpp)                                         \
  cusparseStatus_t cusparse##Prefix##csrilu02_bufferSize(                      \
      cusparseHandle_t Handle, int M, int Nnz, const cusparseMatDescr_t Descr, \
      Type *Values, const int *Offsets, const int *Cols, csrilu02Info_t Info,  \
      int *Size) {                                                             \
    TX_SPARSE_FORWARD(cusparse##Prefix##csrilu02_bufferSize, Handle, M, Nnz,   \
                      Descr, Values, Offsets, Cols, Info, Size);               \
    return iluBufferSize(Handle, M, Nnz, Descr,                                \
                         reinterpret_cast<const Cpp *>(Values), Offsets, Cols, \
                         Info, Size);                                          \
  }                                                                            \
  cusparseStatus_t cusparse##Prefix##csrilu02_analysis(                        \
      cusparseHandle_t Handle, int M, int Nnz, const cusparseMatDescr_t Descr, \
      const Type *Values, const int *Offsets, const int *Cols,                 \
      csrilu02Info_t Info, cusparseSolvePolicy_t Policy, void *Buffer) {       \
    TX_SPARSE_FORWARD(cusparse##Prefix##csrilu02_analysis, Handle, M, Nnz,     \
                      Descr, Values, Offsets, Cols, Info, Policy, Buffer);     \
    return iluAnalysis(Handle, M, Nnz, Descr,                                  \
                       reinterpret_cast<const Cpp *>(Values), Offsets, Cols,   \
                       Info, Policy, Buffer);                                  \
  }                                                                            \
  cusparseStatus_t cusparse##Prefix##csrilu02(                                 \
      cusparseHandle_t Handle, int M, int Nnz, const cusparseMatDescr_t Descr, \
      Type *Values, const int *Offsets, const int *Cols, csrilu02Info_t Info,  \
      cusparseSolvePolicy_t Policy, void *Buffer) {                            \
    TX_SPARSE_FORWARD(cusparse##Prefix##csrilu02, Handle, M, Nnz, Descr,       \
                      Values, Offsets, Cols, Info, Policy, Buffer);            \
    return iluCompute(Handle, M, Nnz, Descr, reinterpret_cast<Cpp *>(Values),  \
                      Offsets, Cols, Info, Policy, Buffer);                    \
  }
TX_CSRILU02(S, float, float)
TX_CSRILU02(D, double, double)
TX_CSRILU02(C, cuComplex, cfloat)
TX_CSRILU02(Z, cuDoubleComplex, cdouble)
#undef TX_CSRILU02
