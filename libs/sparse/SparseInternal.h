//===- sparse/SparseInternal.h - cuSPARSE objects and helpers ---*- C++ -*-===//
//
// Part of Tongxin. What the cuSPARSE handles and descriptors hold, and the
// helpers every call shares: argument checks, scalar arguments (host or
// device pointer mode), element types, and running work on the handle's
// stream on the CPU device.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_SPARSE_SPARSEINTERNAL_H
#define TONGXIN_LIBS_SPARSE_SPARSEINTERNAL_H

#include "cusparse.h"

#include <complex>
#include <cstdint>
#include <cstring>
#include <functional>

struct cusparseContext {
  cudaStream_t Stream = nullptr;
  cusparsePointerMode_t PointerMode = CUSPARSE_POINTER_MODE_HOST;
};

struct cusparseMatDescr {
  cusparseMatrixType_t Type = CUSPARSE_MATRIX_TYPE_GENERAL;
  cusparseFillMode_t Fill = CUSPARSE_FILL_MODE_LOWER;
  cusparseDiagType_t Diag = CUSPARSE_DIAG_TYPE_NON_UNIT;
  cusparseIndexBase_t Base = CUSPARSE_INDEX_BASE_ZERO;
};

struct csrilu02Info {
  /// The first zero pivot (in the matrix's index base), or -1; written by
  /// the analysis and the factorisation as they run on the stream.
  int ZeroPivot = -1;
};

struct cusparseDnVecDescr {
  int64_t Size = 0;
  void *Values = nullptr;
  cudaDataType Type = CUDA_R_32F;
};

struct cusparseSpVecDescr {
  int64_t Size = 0, Nnz = 0;
  void *Indices = nullptr, *Values = nullptr;
  cusparseIndexType_t IndexType = CUSPARSE_INDEX_32I;
  cusparseIndexBase_t Base = CUSPARSE_INDEX_BASE_ZERO;
  cudaDataType Type = CUDA_R_32F;
};

struct cusparseDnMatDescr {
  int64_t Rows = 0, Cols = 0, Ld = 0;
  void *Values = nullptr;
  cudaDataType Type = CUDA_R_32F;
  cusparseOrder_t Order = CUSPARSE_ORDER_COL;
  int BatchCount = 1;
  int64_t BatchStride = 0;
};

/// One descriptor for every sparse format. The two index arrays are, by
/// format: CSR row offsets and column indices; CSC column offsets and row
/// indices; COO row and column indices; Blocked-ELL (unused) and block
/// column indices.
struct cusparseSpMatDescr {
  cusparseFormat_t Format = CUSPARSE_FORMAT_CSR;
  int64_t Rows = 0, Cols = 0, Nnz = 0;
  void *Offsets = nullptr, *Indices = nullptr, *Values = nullptr;
  cusparseIndexType_t OffsetType = CUSPARSE_INDEX_32I;
  cusparseIndexType_t IndexType = CUSPARSE_INDEX_32I;
  cusparseIndexBase_t Base = CUSPARSE_INDEX_BASE_ZERO;
  cudaDataType Type = CUDA_R_32F;
  int64_t EllBlockSize = 0, EllCols = 0;
  cusparseFillMode_t Fill = CUSPARSE_FILL_MODE_LOWER;
  cusparseDiagType_t Diag = CUSPARSE_DIAG_TYPE_NON_UNIT;
};

namespace tx {
namespace sparse {

using cfloat = std::complex<float>;
using cdouble = std::complex<double>;

//--- Argument checks ---------------------------------------------------------

bool isValidIndexBase(cusparseIndexBase_t Base);
bool isValidOperation(cusparseOperation_t Op);
/// The value types the generic API stores (real and complex 32/64-bit,
/// 16-bit floats).
bool isStorableValueType(cudaDataType Type);
/// The compute types the kernels run in (real and complex 32/64-bit).
bool isComputeType(cudaDataType Type);
/// Whether data stored as Stored is computed in Compute: the same type, or
/// a 16-bit float widened to float.
bool computesIn(cudaDataType Stored, cudaDataType Compute);
size_t valueSize(cudaDataType Type);
size_t indexSize(cusparseIndexType_t Type);

/// Rows and columns of op(A).
void opShape(const cusparseSpMatDescr &A, cusparseOperation_t Op, int64_t &Rows,
             int64_t &Cols);

/// Checks that A's arrays are set where its nonzeros need them, and that
/// its index types are ones the kernels read.
cusparseStatus_t checkSparseOperand(const cusparseSpMatDescr &A);

//--- Element types -----------------------------------------------------------

inline float conjIf(float V, bool) { return V; }
inline double conjIf(double V, bool) { return V; }
template <class R> std::complex<R> conjIf(std::complex<R> V, bool Conjugate) {
  return Conjugate ? std::conj(V) : V;
}

template <class T> bool isZero(const T &V) { return V == T(0); }

/// The cudaDataType of T.
template <class T> struct TypeOf;
template <> struct TypeOf<float> {
  static constexpr cudaDataType Value = CUDA_R_32F;
};
template <> struct TypeOf<double> {
  static constexpr cudaDataType Value = CUDA_R_64F;
};
template <> struct TypeOf<cfloat> {
  static constexpr cudaDataType Value = CUDA_C_32F;
};
template <> struct TypeOf<cdouble> {
  static constexpr cudaDataType Value = CUDA_C_64F;
};

float halfToFloat(uint16_t Bits);
uint16_t floatToHalf(float Value);
float bfloat16ToFloat(uint16_t Bits);
uint16_t floatToBfloat16(float Value);

/// Element I of an array stored as Type, as T (Type computesIn T).
template <class T> T loadValue(const void *Data, cudaDataType Type, int64_t I) {
  if (Type == CUDA_R_16F)
    return T(halfToFloat(static_cast<const uint16_t *>(Data)[I]));
  if (Type == CUDA_R_16BF)
    return T(bfloat16ToFloat(static_cast<const uint16_t *>(Data)[I]));
  return static_cast<const T *>(Data)[I];
}

/// Stores V as element I of an array stored as Type.
template <class T>
void storeValue(void *Data, cudaDataType Type, int64_t I, T V) {
  if (Type == CUDA_R_16F)
    static_cast<uint16_t *>(Data)[I] = floatToHalf(float(std::real(V)));
  else if (Type == CUDA_R_16BF)
    static_cast<uint16_t *>(Data)[I] = floatToBfloat16(float(std::real(V)));
  else
    static_cast<T *>(Data)[I] = V;
}

/// Element I of an index array of type Type.
inline int64_t loadIndex(const void *Data, cusparseIndexType_t Type,
                         int64_t I) {
  if (Type == CUSPARSE_INDEX_64I)
    return static_cast<const int64_t *>(Data)[I];
  return static_cast<const int32_t *>(Data)[I];
}

inline void storeIndex(void *Data, cusparseIndexType_t Type, int64_t I,
                       int64_t V) {
  if (Type == CUSPARSE_INDEX_64I)
    static_cast<int64_t *>(Data)[I] = V;
  else
    static_cast<int32_t *>(Data)[I] = int32_t(V);
}

/// Calls F(T()) with T the C++ type of the compute type Type.
template <class F> void withComputeType(cudaDataType Type, F &&Fn) {
  switch (Type) {
  case CUDA_R_32F:
    return Fn(float());
  case CUDA_R_64F:
    return Fn(double());
  case CUDA_C_32F:
    return Fn(cfloat());
  case CUDA_C_64F:
    return Fn(cdouble());
  default:
    return;
  }
}

//--- Scalars (alpha, beta) ---------------------------------------------------

/// A scalar argument: read at the call in host pointer mode, on the stream
/// in device pointer mode (the value may be produced by earlier work).
template <class T> class Scalar {
public:
  Scalar(cusparseHandle_t Handle, const void *Pointer) {
    if (Handle->PointerMode == CUSPARSE_POINTER_MODE_DEVICE)
      Device = static_cast<const T *>(Pointer);
    else
      std::memcpy(&Value, Pointer, sizeof(T));
  }
  T get() const { return Device ? *Device : Value; }

private:
  T Value = T(0);
  const T *Device = nullptr;
};

//--- Running work ------------------------------------------------------------

/// Runs Work(Device) on the handle's stream after its earlier work.
/// NOT_SUPPORTED on devices other than the CPU device.
cusparseStatus_t launch(cusparseHandle_t Handle,
                        std::function<void(int Device)> Work);

/// Waits for the handle's stream: for the calls whose results (a count of
/// nonzeros) the host needs when they return, as with NVIDIA's.
cusparseStatus_t waitForStream(cusparseHandle_t Handle);

/// Runs Body(Begin, End) over [0, Count) split over Device's workers, in
/// parts of at least MinPerPart.
void parallelFor(int Device, int64_t Count, int64_t MinPerPart,
                 const std::function<void(int64_t, int64_t)> &Body);

} // namespace sparse
} // namespace tx

#endif // TONGXIN_LIBS_SPARSE_SPARSEINTERNAL_H
