//===- sparse/CsrOperand.h - Operands as the kernels read them -*- C++ -*-===//
//
// Part of Tongxin. Every kernel reads op(A) row by row, in CSR form. A
// CSR matrix that is used as is (no transpose, values already in the
// compute type) is read straight from the caller's arrays; any other
// operand (CSC, COO, Blocked-ELL, a transpose, 16-bit values) is first
// rearranged into an owned CSR copy by a stable counting sort, which keeps
// the kernels few and the common case free of copies.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_SPARSE_CSROPERAND_H
#define TONGXIN_LIBS_SPARSE_CSROPERAND_H

#include "SparseInternal.h"

#include <vector>

namespace tx {
namespace sparse {

/// A CSR matrix with zero-based 64-bit indices, owned.
template <class T> struct OwnedCsr {
  int64_t Rows = 0, Cols = 0;
  std::vector<int64_t> Offsets, Indices;
  std::vector<T> Values;
};

/// Calls Fn(Row, Col, Value) (zero-based) for each stored entry of A, with
/// values read from Values (A's own or a replacement) as T. Entries whose
/// indices fall outside A are skipped, so bad data cannot write astray.
template <class T, class F>
void forEachEntry(const cusparseSpMatDescr &A, const void *Values, F &&Fn) {
  const int64_t Base = A.Base;
  auto Visit = [&](int64_t Row, int64_t Col, int64_t K) {
    if (Row >= 0 && Row < A.Rows && Col >= 0 && Col < A.Cols)
      Fn(Row, Col, loadValue<T>(Values, A.Type, K));
  };
  switch (A.Format) {
  case CUSPARSE_FORMAT_CSR:
  case CUSPARSE_FORMAT_CSC: {
    bool ByRow = A.Format == CUSPARSE_FORMAT_CSR;
    int64_t Major = ByRow ? A.Rows : A.Cols;
    for (int64_t M = 0; M < Major; ++M) {
      int64_t Begin = loadIndex(A.Offsets, A.OffsetType, M) - Base;
      int64_t End = loadIndex(A.Offsets, A.OffsetType, M + 1) - Base;
      Begin = Begin < 0 ? 0 : Begin;
      End = End > A.Nnz ? A.Nnz : End;
      for (int64_t K = Begin; K < End; ++K) {
        int64_t Minor = loadIndex(A.Indices, A.IndexType, K) - Base;
        ByRow ? Visit(M, Minor, K) : Visit(Minor, M, K);
      }
    }
    return;
  }
  case CUSPARSE_FORMAT_COO:
    for (int64_t K = 0; K < A.Nnz; ++K)
      Visit(loadIndex(A.Offsets, A.IndexType, K) - Base,
            loadIndex(A.Indices, A.IndexType, K) - Base, K);
    return;
  case CUSPARSE_FORMAT_BLOCKED_ELL: {
    int64_t Block = A.EllBlockSize, PerRow = A.EllCols / Block;
    for (int64_t BlockRow = 0; BlockRow < A.Rows / Block; ++BlockRow)
      for (int64_t Slot = 0; Slot < PerRow; ++Slot) {
        int64_t BlockCol =
            loadIndex(A.Indices, A.IndexType, BlockRow * PerRow + Slot);
        if (BlockCol == -1) // Padding, whatever the base.
          continue;
        BlockCol -= Base;
        for (int64_t R = 0; R < Block; ++R)
          for (int64_t C = 0; C < Block; ++C)
            Visit(BlockRow * Block + R, BlockCol * Block + C,
                  (BlockRow * Block + R) * A.EllCols + Slot * Block + C);
      }
    return;
  }
  default:
    return;
  }
}

/// op(A) in CSR form, values read from Values, conjugated for
/// CONJUGATE_TRANSPOSE. Within a row, entries keep A's order.
template <class T>
void buildCsr(const cusparseSpMatDescr &A, cusparseOperation_t Op,
              const void *Values, OwnedCsr<T> &Out) {
  bool Transposed = Op != CUSPARSE_OPERATION_NON_TRANSPOSE;
  bool Conjugate = Op == CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE;
  opShape(A, Op, Out.Rows, Out.Cols);
  Out.Offsets.assign(size_t(Out.Rows) + 1, 0);
  forEachEntry<T>(A, Values, [&](int64_t Row, int64_t Col, T) {
    ++Out.Offsets[size_t(Transposed ? Col : Row) + 1];
  });
  for (int64_t R = 0; R < Out.Rows; ++R)
    Out.Offsets[R + 1] += Out.Offsets[R];
  int64_t Count = Out.Offsets[Out.Rows];
  Out.Indices.resize(size_t(Count));
  Out.Values.resize(size_t(Count));
  std::vector<int64_t> Next(Out.Offsets.begin(), Out.Offsets.end() - 1);
  forEachEntry<T>(A, Values, [&](int64_t Row, int64_t Col, T V) {
    int64_t Slot = Next[size_t(Transposed ? Col : Row)]++;
    Out.Indices[Slot] = Transposed ? Row : Col;
    Out.Values[Slot] = conjIf(V, Conjugate);
  });
}

/// op(A) as the kernels read it: the caller's CSR arrays when they can be
/// used as they are, otherwise an owned copy.
template <class T> struct CsrOperand {
  int64_t Rows = 0, Cols = 0, Base = 0;
  const void *Offsets = nullptr, *Indices = nullptr;
  const T *Values = nullptr;
  bool Wide = false; ///< 64-bit indices.
  OwnedCsr<T> Owned;

  void prepare(const cusparseSpMatDescr &A, cusparseOperation_t Op,
               const void *ValuesOverride = nullptr) {
    const void *Vals = ValuesOverride ? ValuesOverride : A.Values;
    if (A.Format == CUSPARSE_FORMAT_CSR &&
        Op == CUSPARSE_OPERATION_NON_TRANSPOSE && A.Type == TypeOf<T>::Value &&
        A.OffsetType == A.IndexType) {
      Rows = A.Rows, Cols = A.Cols, Base = A.Base;
      Offsets = A.Offsets, Indices = A.Indices;
      Values = static_cast<const T *>(Vals);
      Wide = A.IndexType == CUSPARSE_INDEX_64I;
      return;
    }
    buildCsr(A, Op, Vals, Owned);
    Rows = Owned.Rows, Cols = Owned.Cols, Base = 0;
    Offsets = Owned.Offsets.data(), Indices = Owned.Indices.data();
    Values = Owned.Values.data();
    Wide = true;
  }
};

/// Calls Fn(Offsets, Indices) with the operand's index arrays typed.
template <class T, class F> void withIndices(const CsrOperand<T> &M, F &&Fn) {
  if (M.Wide)
    Fn(static_cast<const int64_t *>(M.Offsets),
       static_cast<const int64_t *>(M.Indices));
  else
    Fn(static_cast<const int32_t *>(M.Offsets),
       static_cast<const int32_t *>(M.Indices));
}

/// Splits the rows of a CSR matrix into Parts ranges of about equal work
/// (nonzeros plus rows); range P is [Split[P], Split[P + 1]).
template <class I>
std::vector<int64_t> balancedRowSplit(const I *Offsets, int64_t Rows,
                                      size_t Parts) {
  std::vector<int64_t> Split(Parts + 1, Rows);
  Split[0] = 0;
  int64_t Total = int64_t(Offsets[Rows] - Offsets[0]) + Rows;
  int64_t Row = 0;
  for (size_t P = 1; P < Parts; ++P) {
    int64_t Target = Total * int64_t(P) / int64_t(Parts);
    while (Row < Rows && int64_t(Offsets[Row] - Offsets[0]) + Row < Target)
      ++Row;
    Split[P] = Row;
  }
  return Split;
}

/// A data array in compute type T: the caller's own when it is stored as
/// T, else a converted copy (written back by storeBack for outputs).
template <class T> class ComputeArray {
public:
  ComputeArray(void *Data, cudaDataType Type, int64_t Count, bool Load = true)
      : Caller(Data), Type(Type), Count(Count) {
    if (Type == TypeOf<T>::Value) {
      Data_ = static_cast<T *>(Data);
      return;
    }
    Copy.assign(size_t(Count), T(0));
    if (Load)
      for (int64_t I = 0; I < Count; ++I)
        Copy[I] = loadValue<T>(Data, Type, I);
    Data_ = Copy.data();
  }
  T *data() const { return Data_; }
  void storeBack() {
    if (Data_ != Caller)
      for (int64_t I = 0; I < Count; ++I)
        storeValue(Caller, Type, I, Copy[I]);
  }

private:
  void *Caller;
  cudaDataType Type;
  int64_t Count;
  std::vector<T> Copy;
  T *Data_ = nullptr;
};

} // namespace sparse
} // namespace tx

#endif // TONGXIN_LIBS_SPARSE_CSROPERAND_H
