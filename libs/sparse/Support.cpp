//===- sparse/Support.cpp - Argument checks and element types -------------===//
//
// Part of Tongxin. The checks every cuSPARSE call shares, and the 16-bit
// float conversions of the calls that take half or bfloat16 data.
//
//===----------------------------------------------------------------------===//

#include "SparseInternal.h"

#include <cmath>

namespace tx {
namespace sparse {

bool isValidIndexBase(cusparseIndexBase_t Base) {
  return Base == CUSPARSE_INDEX_BASE_ZERO || Base == CUSPARSE_INDEX_BASE_ONE;
}

bool isValidOperation(cusparseOperation_t Op) {
  return Op == CUSPARSE_OPERATION_NON_TRANSPOSE ||
         Op == CUSPARSE_OPERATION_TRANSPOSE ||
         Op == CUSPARSE_OPERATION_CONJUGATE_TRANSPOSE;
}

bool isComputeType(cudaDataType Type) {
  return Type == CUDA_R_32F || Type == CUDA_R_64F || Type == CUDA_C_32F ||
         Type == CUDA_C_64F;
}

bool isStorableValueType(cudaDataType Type) {
  return isComputeType(Type) || Type == CUDA_R_16F || Type == CUDA_R_16BF;
}

bool computesIn(cudaDataType Stored, cudaDataType Compute) {
  if (Stored == Compute)
    return isComputeType(Compute);
  return Compute == CUDA_R_32F &&
         (Stored == CUDA_R_16F || Stored == CUDA_R_16BF);
}

size_t valueSize(cudaDataType Type) {
  switch (Type) {
  case CUDA_R_16F:
  case CUDA_R_16BF:
    return 2;
  case CUDA_R_32F:
    return 4;
  case CUDA_R_64F:
  case CUDA_C_32F:
    return 8;
  case CUDA_C_64F:
    return 16;
  default:
    return 0;
  }
}

size_t indexSize(cusparseIndexType_t Type) {
  return Type == CUSPARSE_INDEX_64I ? 8 : 4;
}

void opShape(const cusparseSpMatDescr &A, cusparseOperation_t Op, int64_t &Rows,
             int64_t &Cols) {
  bool Transposed = Op != CUSPARSE_OPERATION_NON_TRANSPOSE;
  Rows = Transposed ? A.Cols : A.Rows;
  Cols = Transposed ? A.Rows : A.Cols;
}

cusparseStatus_t checkSparseOperand(const cusparseSpMatDescr &A) {
  if (A.Format == CUSPARSE_FORMAT_CSR || A.Format == CUSPARSE_FORMAT_CSC) {
    if (A.OffsetType != A.IndexType)
      return CUSPARSE_STATUS_NOT_SUPPORTED;
    int64_t Major = A.Format == CUSPARSE_FORMAT_CSR ? A.Rows : A.Cols;
    if (!A.Offsets && Major > 0)
      return CUSPARSE_STATUS_INVALID_VALUE;
  }
  if (A.Format == CUSPARSE_FORMAT_COO && !A.Offsets && A.Nnz > 0)
    return CUSPARSE_STATUS_INVALID_VALUE;
  if ((!A.Indices || !A.Values) && A.Nnz > 0)
    return CUSPARSE_STATUS_INVALID_VALUE;
  return CUSPARSE_STATUS_SUCCESS;
}

//--- 16-bit floats -----------------------------------------------------------

static float fromBits(uint32_t Bits) {
  float F;
  std::memcpy(&F, &Bits, sizeof F);
  return F;
}

static uint32_t toBits(float F) {
  uint32_t Bits;
  std::memcpy(&Bits, &F, sizeof Bits);
  return Bits;
}

float halfToFloat(uint16_t H) {
  uint32_t Sign = uint32_t(H & 0x8000u) << 16;
  uint32_t Exponent = (H >> 10) & 0x1fu, Mantissa = H & 0x3ffu;
  if (Exponent == 0x1f)
    return fromBits(Sign | 0x7f800000u | (Mantissa << 13));
  if (Exponent == 0) {
    // Zero or subnormal: Mantissa units of 2^-24.
    float Magnitude = std::ldexp(float(Mantissa), -24);
    return Sign ? -Magnitude : Magnitude;
  }
  return fromBits(Sign | ((Exponent + 112) << 23) | (Mantissa << 13));
}

uint16_t floatToHalf(float Value) {
  uint32_t Bits = toBits(Value);
  uint16_t Sign = uint16_t((Bits >> 16) & 0x8000u);
  Bits &= 0x7fffffffu;
  if (Bits > 0x7f800000u)
    return Sign | 0x7e00u; // NaN stays a (quiet) NaN.
  // 65520 and above round to infinity.
  if (Bits >= 0x477ff000u)
    return Sign | 0x7c00u;
  if (Bits < 0x38800000u) {
    // Below the smallest normal half: count units of 2^-24, to nearest even.
    float Units = std::nearbyint(fromBits(Bits) * 16777216.0f);
    return Sign | uint16_t(Units);
  }
  uint32_t Half = ((Bits >> 23) - 112) << 10 | ((Bits >> 13) & 0x3ffu);
  uint32_t Rest = Bits & 0x1fffu;
  if (Rest > 0x1000u || (Rest == 0x1000u && (Half & 1u)))
    ++Half; // A carry into the exponent is the right rounding too.
  return Sign | uint16_t(Half);
}

float bfloat16ToFloat(uint16_t Bits) { return fromBits(uint32_t(Bits) << 16); }

uint16_t floatToBfloat16(float Value) {
  uint32_t Bits = toBits(Value);
  if ((Bits & 0x7fffffffu) > 0x7f800000u)
    return uint16_t((Bits >> 16) | 0x40u);
  Bits += 0x7fffu + ((Bits >> 16) & 1u);
  return uint16_t(Bits >> 16);
}

} // namespace sparse
} // namespace tx
