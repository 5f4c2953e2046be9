//===- tongxin/warp_matrix_abi.h - Warp matrix products on the CPU -*- C
//-*-===//
//
// Part of Tongxin. What CPU device code lowered by LowerWarpMatrix and the
// runtime (backends/cpu/WarpMatrix.cpp) agree on. A warp's matrix product
// (wmma.mma, mma.sync) needs every lane's fragments: each lane copies its
// part of A, B and C into its warp's exchange area, the warp synchronises,
// lane 0 calls __tx_warp_mma, the warp synchronises again, and each lane
// reads its part of D.
//
// In the exchange area each operand is a dense tile: A (M x K) and B
// (K x N) in their own layout (row- or column-major, no padding), C and D
// (M x N) row-major. Lanes publish elements widened, so that the product
// is one loop nest per class of types: f16, bf16 and tf32 (low 13 fraction
// bits cleared) as f32; s8 and u8 as s32; f32, f64 and s32 as they are;
// fp8 as bytes; 4- and 1-bit elements packed from bit 0 of each byte. D is f32
// for f16 and f32 results (the lanes round it to f16), else s32 or f64.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_WARP_MATRIX_ABI_H
#define TONGXIN_WARP_MATRIX_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Element types of matrix operands.
enum TxMatrixType {
  TX_MATRIX_F16 = 1,
  TX_MATRIX_BF16 = 2,
  TX_MATRIX_TF32 = 3, ///< f32 storage; the low 13 fraction bits are ignored.
  TX_MATRIX_F32 = 4,
  TX_MATRIX_F64 = 5,
  TX_MATRIX_S8 = 6,
  TX_MATRIX_U8 = 7,
  TX_MATRIX_S4 = 8,
  TX_MATRIX_U4 = 9,
  TX_MATRIX_B1 = 10,
  TX_MATRIX_S32 = 11,
  TX_MATRIX_E4M3 = 12,
  TX_MATRIX_E5M2 = 13,
};

/// The single-bit product's operation: D = C + popc(A op B).
enum TxMatrixBitOp {
  TX_MATRIX_BIT_NONE = 0,
  TX_MATRIX_BIT_XOR = 1,
  TX_MATRIX_BIT_AND = 2,
};

/// One warp matrix product D = A * B + C (a constant in the device module).
typedef struct TxWarpMma {
  uint16_t M, N, K;
  uint8_t TypeA, TypeB, TypeC, TypeD; ///< TxMatrixType.
  uint8_t ColMajorA, ColMajorB;       ///< 1: the tile is column-major.
  uint8_t Saturate; ///< Integers clamp to int32; floats to +-max finite
                    ///< of TypeD.
  uint8_t BitOp;    ///< TxMatrixBitOp, for TX_MATRIX_B1 operands.
  /// 0: the lanes published A (B) into this product's area; N: into the
  /// area N before it (an earlier product of the same group with the same
  /// A, which the lanes publish once: a warp's 2x2 tiles share each A and
  /// B twice).
  uint8_t AreaOfA, AreaOfB;
} TxWarpMma;

/// Offsets of the operands in a warp's exchange area, and its size.
#define TX_WARP_MMA_A_OFFSET 0u
#define TX_WARP_MMA_B_OFFSET 2048u
#define TX_WARP_MMA_C_OFFSET 4096u
#define TX_WARP_MMA_D_OFFSET 6144u
#define TX_WARP_MMA_AREA_BYTES 8192u
/// Products a warp can have in flight between two synchronisations.
#define TX_WARP_MMA_SLOTS 4u

/// The exchange areas of the block the calling worker runs: area
/// Warp * TX_WARP_MMA_SLOTS + Slot (Warp < 32) starts that many
/// TX_WARP_MMA_AREA_BYTES in; 64-byte aligned, contents undefined until
/// written. The same pointer on every call from one thread, so compiled
/// code may treat the call as pure.
void *__tx_warp_matrix_areas(void);

/// Computes D from A, B and C in Area as Op says.
void __tx_warp_mma(void *Area, const TxWarpMma *Op);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // TONGXIN_WARP_MATRIX_ABI_H
