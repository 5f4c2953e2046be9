//===- gemm/Gemm.h - The matrix-multiply engine of cuBLAS and cuBLASLt -*- C++
//-*-===//
//
// Part of Tongxin. D = alpha * op(A) * op(B) + beta * C for every element
// type cuBLAS and cuBLASLt accept, on the CPU device's workers:
//  * fp32, fp64 and their complex forms go to BLIS's micro-kernels;
//  * int8 inputs with int32 accumulation go to oneDNN's int8 GEMM (VNNI
//    where the CPU has it);
//  * fp16, bf16 and fp8 inputs are widened to fp32 one cache-sized block
//    at a time while the blocks are packed, and multiplied by BLIS's fp32
//    micro-kernels with fp32 accumulation; no whole-matrix copy is made.
// Column-major, as in cuBLAS. Callers validate arguments first; run()
// trusts them.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_BLAS_GEMM_GEMM_H
#define TONGXIN_LIBS_BLAS_GEMM_GEMM_H

#include <cstdint>

namespace tx {
namespace gemm {

enum class Op : uint8_t { N, T, C };

/// Element types of the operands.
enum class Type : uint8_t {
  F32,
  F64,
  C32,
  C64,
  F16,
  BF16,
  I8,
  I32,
  C8I, ///< Complex int8 (CUDA_C_8I).
  E4M3,
  E5M2,
};

/// Accumulation type.
enum class Compute : uint8_t { F32, F64, C32, C64, I32 };

/// A scalar, real or complex, in double precision (alpha and beta, read
/// from host or device memory before run()).
struct Scalar {
  double Re = 0, Im = 0;
  bool isZero() const { return Re == 0 && Im == 0; }
  bool isOne() const { return Re == 1 && Im == 0; }
};

/// One column-major operand. Batched problems find matrix I at
/// Data + I * Stride elements, or at Pointers[I] when Pointers is set.
struct Operand {
  const void *Data = nullptr;
  const void *const *Pointers = nullptr;
  int64_t Ld = 0;
  int64_t Stride = 0;
  Type Elem = Type::F32;

  const void *matrix(int64_t Index) const;
};

struct Problem {
  Op TransA = Op::N, TransB = Op::N;
  int64_t M = 0, N = 0, K = 0;
  int64_t Batch = 1;
  Operand A, B;
  Operand C; ///< Read when beta is not zero.
  /// Written. D may be C (same Data/Ld/Stride), as in cuBLAS.
  Operand D;
  Compute Acc = Compute::F32;
  Scalar Alpha, Beta;
  /// Optional: called on the worker that computed a tile of D (rows
  /// [Row0, Row1), columns [Col0, Col1) of matrix Batch) right after it,
  /// while the tile is in cache; cuBLASLt applies its epilogues there.
  void (*AfterTile)(void *Context, int64_t Batch, int64_t Row0, int64_t Row1,
                    int64_t Col0, int64_t Col1) = nullptr;
  void *AfterTileContext = nullptr;
};

/// The engine's type for a cudaDataType value (library_types.h); false
/// for types it has no kernels for.
bool typeOfCudaDataType(int CudaDataType, Type *Out);

/// Whether run() implements this combination of types.
bool supported(Type A, Type B, Type C, Compute Acc);

/// Computes P on Device's workers (call from work enqueued on a stream).
void run(int Device, const Problem &P);

/// Size in bytes of one element.
unsigned elementSize(Type T);

} // namespace gemm
} // namespace tx

#endif // TONGXIN_LIBS_BLAS_GEMM_GEMM_H
