//===- nccl/Reduction.h - Element-wise reductions ---------------*- C++ -*-===//
//
// Part of Tongxin. The arithmetic of the collectives: folding the ranks'
// contributions element by element, always in rank order, so that a result
// depends only on the inputs and the rank count (never on timing or on how
// the message was cut into pieces). Narrow floating-point types (half,
// bfloat16, fp8) round to their own format after every step, as NVIDIA's
// NCCL does; fp8 saturates to the largest finite value.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_NCCL_REDUCTION_H
#define TONGXIN_LIBS_NCCL_REDUCTION_H

#include "nccl.h"

#include <cstddef>
#include <cstdint>

namespace tx {
namespace nccl {

/// Bytes per element; 0 for a type outside ncclDataType_t.
size_t typeSize(ncclDataType_t Type);

/// The arithmetic an ncclRedOp_t stands for once a dynamic PreMulSum
/// operator has been resolved to its scalar.
enum class Arith { Sum, Prod, Max, Min };

/// Out[i] = In[0][i] op In[1][i] op ... op In[N-1][i], left to right, for
/// I in [0, Count). Out may be any of the inputs.
void foldInOrder(void *Out, const void *const *In, int N, size_t Count,
                 ncclDataType_t Type, Arith Op);

/// Out[i] = In[i] * Scalar (one element of Type at Scalar). Out may be In.
void multiplyBy(void *Out, const void *In, size_t Count, ncclDataType_t Type,
                const void *Scalar);

/// Value rounded to Type, stored at Out.
void encodeScalar(ncclDataType_t Type, double Value, void *Out);

/// Half, bfloat16, fp8, float and double.
bool isFloatingPoint(ncclDataType_t Type);

/// Data[i] /= Divisor (integer division for integer types).
void divideBy(void *Data, size_t Count, ncclDataType_t Type, int Divisor);

} // namespace nccl
} // namespace tx

#endif // TONGXIN_LIBS_NCCL_REDUCTION_H
