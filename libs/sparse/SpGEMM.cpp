//===- sparse/SpGEMM.cpp - Sparse matrix times sparse matrix --------------===//
//
// Part of Tongxin. cusparseSpGEMM in NVIDIA's three steps: work estimation
// (counts the products), compute (the product, kept in the SpGEMM
// descriptor; C's nonzero count is known when it returns) and copy (into
// the arrays the caller then set on C). The product is Gustavson's
// row-by-row algorithm with a dense accumulator per worker: a symbolic pass
// sizes each row of C, a numeric pass fills it with sorted columns.
//
//===----------------------------------------------------------------------===//

#include "CsrOperand.h"
#include "Forward.h"
#include "LibraryCall.h"

#include <algorithm>
#include <memory>
#include <new>

using namespace tx::sparse;

namespace {
/// C = alpha A B in zero-based CSR, values of the compute type as bytes.
struct Product {
  int64_t Rows = 0, Cols = 0;
  std::vector<int64_t> Offsets, Indices;
  std::vector<unsigned char> Values;
  bool BetaNotSupported = false;
};
} // namespace

struct cusparseSpGEMMDescr {
  int64_t Products = -1; ///< Set by work estimation.
  std::shared_ptr<Product> Result;
};

static constexpr int64_t MinRowsPerPart = 64;

/// Gustavson's algorithm: for each row i of A, the row i of C is the sum
/// over A(i,k) of alpha A(i,k) B(k,:).
template <class T>
static void multiply(int Device, const OwnedCsr<T> &A, const OwnedCsr<T> &B,
                     T Alpha, Product &C) {
  C.Rows = A.Rows, C.Cols = B.Cols;
  C.Offsets.assign(size_t(A.Rows) + 1, 0);
  // Symbolic pass: distinct columns per row.
  parallelFor(Device, A.Rows, MinRowsPerPart, [&](int64_t Begin, int64_t End) {
    std::vector<int64_t> Seen(size_t(B.Cols), -1);
    for (int64_t Row = Begin; Row < End; ++Row) {
      int64_t Count = 0;
      for (int64_t K = A.Offsets[Row]; K < A.Offsets[Row + 1]; ++K) {
        int64_t Mid = A.Indices[K];
        for (int64_t L = B.Offsets[Mid]; L < B.Offsets[Mid + 1]; ++L)
          if (Seen[B.Indices[L]] != Row)
            Seen[B.Indices[L]] = Row, ++Count;
      }
      C.Offsets[Row + 1] = Count;
    }
  });
  for (int64_t Row = 0; Row < A.Rows; ++Row)
    C.Offsets[Row + 1] += C.Offsets[Row];
  int64_t Nnz = C.Offsets[A.Rows];
  C.Indices.resize(size_t(Nnz));
  C.Values.resize(size_t(Nnz) * sizeof(T));
  T *Values = reinterpret_cast<T *>(C.Values.data());
  // Numeric pass: accumulate, then emit the row's columns in order.
  parallelFor(Device, A.Rows, MinRowsPerPart, [&](int64_t Begin, int64_t End) {
    std::vector<int64_t> Seen(size_t(B.Cols), -1);
    std::vector<T> Sum(size_t(B.Cols));
    for (int64_t Row = Begin; Row < End; ++Row) {
      int64_t *Cols = C.Indices.data() + C.Offsets[Row];
      int64_t Count = 0;
      for (int64_t K = A.Offsets[Row]; K < A.Offsets[Row + 1]; ++K) {
        int64_t Mid = A.Indices[K];
        T Scaled = Alpha * A.Values[K];
        for (int64_t L = B.Offsets[Mid]; L < B.Offsets[Mid + 1]; ++L) {
          int64_t Col = B.Indices[L];
          if (Seen[Col] != Row) {
            Seen[Col] = Row, Sum[Col] = T(0);
            Cols[Count++] = Col;
          }
          Sum[Col] += Scaled * B.Values[L];
        }
      }
      std::sort(Cols, Cols + Count);
      for (int64_t I = 0; I < Count; ++I)
        Values[C.Offsets[Row] + I] = Sum[Cols[I]];
    }
  });
}

static cusparseStatus_t checkSpGEMM(
    cusparseHandle_t Handle, cusparseOperation_t OpA, cusparseOperation_t OpB,
    const void *Alpha, cusparseConstSpMatDescr_t A, cusparseConstSpMatDescr_t B,
    const void *Beta, cusparseConstSpMatDescr_t C, cudaDataType ComputeType,
    cusparseSpGEMMAlg_t Alg, cusparseSpGEMMDescr_t Descr) {
  if (!Handle)
    return CUSPARSE_STATUS_NOT_INITIALIZED;
  if (!Alpha || !Beta || !A || !B || !C || !Descr || !isValidOperation(OpA) ||
      !isValidOperation(OpB) || Alg < CUSPARSE_SPGEMM_DEFAULT ||
      Alg > CUSPARSE_SPGEMM_ALG3)
    return CUSPARSE_STATUS_INVALID_VALUE;
  // As NVIDIA's: CSR operands, no transposes, one value type.
  if (OpA != CUSPARSE_OPERATION_NON_TRANSPOSE ||
      OpB != CUSPARSE_OPERATION_NON_TRANSPOSE)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (A->Format != CUSPARSE_FORMAT_CSR || B->Format != CUSPARSE_FORMAT_CSR ||
      C->Format != CUSPARSE_FORMAT_CSR)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (!isComputeType(ComputeType) || A->Type != ComputeType ||
      B->Type != ComputeType || C->Type != ComputeType)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  if (A->Cols != B->Rows || C->Rows != A->Rows || C->Cols != B->Cols)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (cusparseStatus_t Status = checkSparseOperand(*A))
    return Status;
  return checkSparseOperand(*B);
}

cusparseStatus_t cusparseSpGEMM_createDescr(cusparseSpGEMMDescr_t *Descr) {
  if (!Descr)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Descr = new (std::nothrow) cusparseSpGEMMDescr();
  return *Descr ? CUSPARSE_STATUS_SUCCESS : CUSPARSE_STATUS_ALLOC_FAILED;
}

cusparseStatus_t cusparseSpGEMM_destroyDescr(cusparseSpGEMMDescr_t Descr) {
  releaseNvidiaTwin(Descr);
  delete Descr;
  return CUSPARSE_STATUS_SUCCESS;
}

/// Multiplications A B takes: the sum over A's entries (i,k) of B's row k.
static int64_t countProducts(const cusparseSpMatDescr &A,
                             const cusparseSpMatDescr &B) {
  int64_t Products = 0;
  for (int64_t Row = 0; Row < A.Rows; ++Row)
    for (int64_t K = loadIndex(A.Offsets, A.OffsetType, Row) - A.Base,
                 End = loadIndex(A.Offsets, A.OffsetType, Row + 1) - A.Base;
         K < End; ++K) {
      int64_t Mid = loadIndex(A.Indices, A.IndexType, K) - A.Base;
      if (Mid >= 0 && Mid < B.Rows)
        Products += loadIndex(B.Offsets, B.OffsetType, Mid + 1) -
                    loadIndex(B.Offsets, B.OffsetType, Mid);
    }
  return Products;
}

cusparseStatus_t cusparseSpGEMM_workEstimation(
    cusparseHandle_t Handle, cusparseOperation_t OpA, cusparseOperation_t OpB,
    const void *Alpha, cusparseConstSpMatDescr_t A, cusparseConstSpMatDescr_t B,
    const void *Beta, cusparseSpMatDescr_t C, cudaDataType ComputeType,
    cusparseSpGEMMAlg_t Alg, cusparseSpGEMMDescr_t Descr, size_t *BufferSize1,
    void *Buffer1) {
  TX_SPARSE_FORWARD(cusparseSpGEMM_workEstimation, Handle, OpA, OpB, Alpha, A,
                    B, Beta, C, ComputeType, Alg, Descr, BufferSize1, Buffer1);
  if (cusparseStatus_t Status = checkSpGEMM(Handle, OpA, OpB, Alpha, A, B, Beta,
                                            C, ComputeType, Alg, Descr))
    return Status;
  if (!BufferSize1)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!Buffer1) {
    *BufferSize1 = 8; // The product is kept in the descriptor.
    return CUSPARSE_STATUS_SUCCESS;
  }
  cusparseSpMatDescr ACopy = *A, BCopy = *B;
  auto Products = std::make_shared<int64_t>(0);
  cusparseStatus_t Status =
      launch(Handle, [=](int) { *Products = countProducts(ACopy, BCopy); });
  // cusparseSpGEMM_getNumProducts has no stream to wait for: wait here.
  if (Status || (Status = waitForStream(Handle)))
    return Status;
  Descr->Products = *Products;
  return CUSPARSE_STATUS_SUCCESS;
}

cusparseStatus_t cusparseSpGEMM_getNumProducts(cusparseSpGEMMDescr_t Descr,
                                               int64_t *Products) {
  // A descriptor NVIDIA's work estimation filled: NVIDIA's count.
  if (cusparseSpGEMMDescr_t Twin = existingNvidiaTwin(Descr)) {
    auto F = reinterpret_cast<decltype(&cusparseSpGEMM_getNumProducts)>(
        nvidiaFunction("cusparseSpGEMM_getNumProducts"));
    return F ? F(Twin, Products) : CUSPARSE_STATUS_NOT_SUPPORTED;
  }
  if (!Descr || !Products || Descr->Products < 0)
    return CUSPARSE_STATUS_INVALID_VALUE;
  *Products = Descr->Products;
  return CUSPARSE_STATUS_SUCCESS;
}

template <class T>
static void runProduct(int Device, const cusparseSpMatDescr &A,
                       const cusparseSpMatDescr &B, T Alpha, T Beta,
                       Product &C) {
  // C's old values would need C's pattern merged in; NVIDIA's SpGEMM
  // takes beta = 0 only as well.
  if (!isZero(Beta)) {
    C.BetaNotSupported = true;
    return;
  }
  OwnedCsr<T> ACsr, BCsr;
  buildCsr(A, CUSPARSE_OPERATION_NON_TRANSPOSE, A.Values, ACsr);
  buildCsr(B, CUSPARSE_OPERATION_NON_TRANSPOSE, B.Values, BCsr);
  multiply(Device, ACsr, BCsr, Alpha, C);
}

cusparseStatus_t cusparseSpGEMM_compute(
    cusparseHandle_t Handle, cusparseOperation_t OpA, cusparseOperation_t OpB,
    const void *Alpha, cusparseConstSpMatDescr_t A, cusparseConstSpMatDescr_t B,
    const void *Beta, cusparseSpMatDescr_t C, cudaDataType ComputeType,
    cusparseSpGEMMAlg_t Alg, cusparseSpGEMMDescr_t Descr, size_t *BufferSize2,
    void *Buffer2) {
  TX_SPARSE_FORWARD(cusparseSpGEMM_compute, Handle, OpA, OpB, Alpha, A, B, Beta,
                    C, ComputeType, Alg, Descr, BufferSize2, Buffer2);
  if (cusparseStatus_t Status = checkSpGEMM(Handle, OpA, OpB, Alpha, A, B, Beta,
                                            C, ComputeType, Alg, Descr))
    return Status;
  if (!BufferSize2)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if (!Buffer2) {
    *BufferSize2 = 8;
    return CUSPARSE_STATUS_SUCCESS;
  }
  if (Descr->Products < 0)
    return CUSPARSE_STATUS_INVALID_VALUE; // No work estimation yet.
  auto Result = std::make_shared<Product>();
  cusparseSpMatDescr ACopy = *A, BCopy = *B;
  cusparseStatus_t Status = CUSPARSE_STATUS_SUCCESS;
  withComputeType(ComputeType, [&](auto Tag) {
    using T = decltype(Tag);
    Scalar<T> AlphaArg(Handle, Alpha), BetaArg(Handle, Beta);
    Status = launch(Handle, [=](int Device) {
      runProduct<T>(Device, ACopy, BCopy, AlphaArg.get(), BetaArg.get(),
                    *Result);
    });
  });
  // C's nonzero count must be known when compute returns.
  if (Status || (Status = waitForStream(Handle)))
    return Status;
  if (Result->BetaNotSupported)
    return CUSPARSE_STATUS_NOT_SUPPORTED;
  int64_t Nnz = int64_t(Result->Indices.size());
  if (C->IndexType == CUSPARSE_INDEX_32I && Nnz > INT32_MAX)
    return CUSPARSE_STATUS_INSUFFICIENT_RESOURCES;
  Descr->Result = Result;
  C->Nnz = Nnz;
  return CUSPARSE_STATUS_SUCCESS;
}

template <class T>
static void copyProduct(const Product &P, const cusparseSpMatDescr &C) {
  const T *Values = reinterpret_cast<const T *>(P.Values.data());
  for (int64_t Row = 0; Row <= P.Rows; ++Row)
    storeIndex(C.Offsets, C.OffsetType, Row, P.Offsets[Row] + C.Base);
  for (size_t K = 0; K < P.Indices.size(); ++K) {
    storeIndex(C.Indices, C.IndexType, int64_t(K), P.Indices[K] + C.Base);
    storeValue(C.Values, C.Type, int64_t(K), Values[K]);
  }
}

cusparseStatus_t cusparseSpGEMM_copy(
    cusparseHandle_t Handle, cusparseOperation_t OpA, cusparseOperation_t OpB,
    const void *Alpha, cusparseConstSpMatDescr_t A, cusparseConstSpMatDescr_t B,
    const void *Beta, cusparseSpMatDescr_t C, cudaDataType ComputeType,
    cusparseSpGEMMAlg_t Alg, cusparseSpGEMMDescr_t Descr) {
  TX_SPARSE_FORWARD(cusparseSpGEMM_copy, Handle, OpA, OpB, Alpha, A, B, Beta, C,
                    ComputeType, Alg, Descr);
  if (cusparseStatus_t Status = checkSpGEMM(Handle, OpA, OpB, Alpha, A, B, Beta,
                                            C, ComputeType, Alg, Descr))
    return Status;
  std::shared_ptr<Product> Result = Descr->Result;
  if (!Result || C->Nnz != int64_t(Result->Indices.size()))
    return CUSPARSE_STATUS_INVALID_VALUE; // No compute for this C yet.
  if (!C->Offsets || (C->Nnz > 0 && (!C->Indices || !C->Values)))
    return CUSPARSE_STATUS_INVALID_VALUE;
  cusparseSpMatDescr CCopy = *C;
  cusparseStatus_t Status = CUSPARSE_STATUS_SUCCESS;
  withComputeType(ComputeType, [&](auto Tag) {
    using T = decltype(Tag);
    Status = launch(Handle, [=](int) { copyProduct<T>(*Result, CCopy); });
  });
  return Status;
}
