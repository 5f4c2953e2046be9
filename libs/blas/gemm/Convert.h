//===- gemm/Convert.h - Widening and narrowing runs of elements --*- C++
//-*-===//
//
// Part of Tongxin. The low-precision GEMM paths widen contiguous runs of
// fp16, bf16, fp8 and int8 elements to fp32 while packing blocks, and
// narrow fp32 results back. Runs are vectorised (F16C on x86, chosen at run
// time) because the conversion sits on the GEMM's packing path.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_GEMM_CONVERT_H
#define TONGXIN_LIBS_BLAS_GEMM_CONVERT_H

#include "Gemm.h"

#include <cstdint>

namespace tx {
namespace gemm {

/// Out[I] = float(Src[I]) for I < Count, Src holding elements of type T
/// (a real type; complex types are runs of 2 * Count reals).
void widen(Type T, const void *Src, int64_t Count, float *Out);

/// Dst[I] = T(Src[I]), rounding to nearest even (saturating for int8 and
/// int32, as cuBLAS does when it narrows).
void narrow(const float *Src, int64_t Count, Type T, void *Dst);

/// One element of type T as a double (T real), for scalars and references.
double loadReal(Type T, const void *Src, int64_t Index);

/// The real type whose runs make up T (F32 for C32, I8 for C8I, ...).
Type scalarTypeOf(Type T);
bool isComplexType(Type T);

} // namespace gemm
} // namespace tx

#endif // TONGXIN_LIBS_BLAS_GEMM_CONVERT_H
