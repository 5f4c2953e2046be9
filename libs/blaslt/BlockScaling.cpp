//===- BlockScaling.cpp - Block-scaled fp8 and fp4 matmuls ----------------===//
//
// Part of Tongxin. See BlockScaling.h.
//
//===----------------------------------------------------------------------===//

#include "BlockScaling.h"
#include "Convert.h"
#include "Plan.h"
#include "blas/Status.h"

#include <cmath>
#include <limits>

using namespace tx;
using namespace tx::blaslt;

namespace {

bool isVectorMode(int32_t Mode) {
  return Mode == CUBLASLT_MATMUL_MATRIX_SCALE_VEC16_UE4M3 ||
         Mode == CUBLASLT_MATMUL_MATRIX_SCALE_VEC32_UE8M0;
}

/// E8M0: 2^(bits - 127); all ones is NaN.
float e8m0Value(uint8_t Bits) {
  if (Bits == 0xff)
    return std::numeric_limits<float>::quiet_NaN();
  return std::ldexp(1.0f, int(Bits) - 127);
}

/// Unsigned E4M3: E4M3 without its sign bit.
float ue4m3Value(uint8_t Bits) {
  uint8_t Magnitude = Bits & 0x7f;
  return float(gemm::loadReal(gemm::Type::E4M3, &Magnitude, 0));
}

/// E2M1, two per byte, element I in the low nibble when I is even.
float e2m1Value(const uint8_t *Base, int64_t I) {
  static const float Magnitudes[8] = {0, 0.5f, 1, 1.5f, 2, 3, 4, 6};
  uint8_t Nibble = (Base[I / 2] >> (4 * (I % 2))) & 0xf;
  return Nibble & 8 ? -Magnitudes[Nibble & 7] : Magnitudes[Nibble & 7];
}

float element(uint32_t Type, const void *Base, int64_t I) {
  if (Type == CUDA_R_4F_E2M1)
    return e2m1Value(static_cast<const uint8_t *>(Base), I);
  return float(gemm::loadReal(
      Type == CUDA_R_8F_E4M3 ? gemm::Type::E4M3 : gemm::Type::E5M2, Base, I));
}

/// Operand X (K x Outer, column-major, Ld apart) times its scale factors,
/// as fp32 K x Outer, K apart.
void widen(uint32_t Type, const void *X, int64_t Ld, const uint8_t *Scales,
           unsigned BlockSize, int64_t K, int64_t Outer,
           std::vector<float> &Out) {
  const int64_t Blocks = K / BlockSize;
  Out.resize(size_t(K * Outer));
  for (int64_t Col = 0; Col < Outer; ++Col)
    for (int64_t Block = 0; Block < Blocks; ++Block) {
      uint8_t Bits = Scales[blockScaleOffset(Col, Block, Blocks)];
      float Scale = BlockSize == 32 ? e8m0Value(Bits) : ue4m3Value(Bits);
      for (int64_t I = Block * BlockSize; I < (Block + 1) * BlockSize; ++I)
        Out[size_t(Col * K + I)] = element(Type, X, Col * Ld + I) * Scale;
    }
}

} // namespace

bool tx::blaslt::isBlockScaled(const MatmulDescState &Desc) {
  return isVectorMode(Desc.ScaleModeA) || isVectorMode(Desc.ScaleModeB);
}

int64_t tx::blaslt::blockScaleOffset(int64_t Outer, int64_t Block,
                                     int64_t Blocks) {
  const int64_t TilesAlongK = (Blocks + 3) / 4;
  const int64_t Tile = (Outer / 128) * TilesAlongK + Block / 4;
  return Tile * 512 + (Outer % 32) * 16 + ((Outer % 128) / 32) * 4 + Block % 4;
}

cublasStatus_t
tx::blaslt::planBlockScaling(const MatmulDescState &Desc, const LayoutState &A,
                             const LayoutState &B, const LayoutState &D,
                             const Buffers *Ptrs, BlockScaling *Out) {
  const int32_t Mode = Desc.ScaleModeA;
  // Both inputs scaled alike, their types the mode's.
  TX_SUPPORTED(Desc.ScaleModeB == Mode);
  const bool Mx = Mode == CUBLASLT_MATMUL_MATRIX_SCALE_VEC32_UE8M0;
  if (Mx)
    TX_SUPPORTED(isFp8(A.Type) && isFp8(B.Type));
  else
    TX_SUPPORTED(A.Type == CUDA_R_4F_E2M1 && B.Type == CUDA_R_4F_E2M1);
  // Scaled outputs (fp8/fp4 D with its own block factors) are not here.
  TX_SUPPORTED(Desc.ScaleModeC == CUBLASLT_MATMUL_MATRIX_SCALE_SCALAR_32F &&
               Desc.ScaleModeD == CUBLASLT_MATMUL_MATRIX_SCALE_SCALAR_32F &&
               Desc.ScaleModeDOut == CUBLASLT_MATMUL_MATRIX_SCALE_SCALAR_32F &&
               !Desc.DOutScale);
  TX_SUPPORTED(Desc.TransA == CUBLAS_OP_T && Desc.TransB == CUBLAS_OP_N);
  TX_SUPPORTED(A.Order == CUBLASLT_ORDER_COL && B.Order == CUBLASLT_ORDER_COL &&
               D.Order == CUBLASLT_ORDER_COL);
  TX_SUPPORTED(D.BatchCount == 1);
  const uint32_t Epilogue = Desc.Epilogue;
  TX_SUPPORTED(Epilogue != CUBLASLT_EPILOGUE_BGRADA &&
               Epilogue != CUBLASLT_EPILOGUE_BGRADB);
  BlockScaling S;
  S.BlockSize = Mx ? 32 : 16;
  S.TypeA = A.Type, S.TypeB = B.Type;
  S.M = int64_t(A.Cols), S.N = int64_t(B.Cols), S.K = int64_t(A.Rows);
  S.LdA = A.Ld, S.LdB = B.Ld;
  TX_SUPPORTED(S.K % S.BlockSize == 0);
  // Columns of packed E2M1 start on whole bytes.
  if (!Mx)
    TX_REQUIRE(S.LdA % 2 == 0 && S.LdB % 2 == 0);
  if (Ptrs) {
    const bool Empty = S.M == 0 || S.N == 0 || S.K == 0;
    TX_REQUIRE(Empty || (Desc.ScaleA && Desc.ScaleB));
    S.A = Ptrs->A, S.B = Ptrs->B;
    S.ScalesA = static_cast<const uint8_t *>(Desc.ScaleA);
    S.ScalesB = static_cast<const uint8_t *>(Desc.ScaleB);
  }
  *Out = S;
  return CUBLAS_STATUS_SUCCESS;
}

void tx::blaslt::widenBlockScaled(const BlockScaling &S, gemm::Problem &P,
                                  std::vector<float> &A, std::vector<float> &B,
                                  std::vector<float> &C) {
  if (P.C.Data && P.C.Elem != gemm::Type::F32) {
    C.resize(size_t(P.M * P.N));
    for (int64_t Col = 0; Col < P.N; ++Col)
      gemm::widen(P.C.Elem,
                  static_cast<const char *>(P.C.Data) +
                      Col * P.C.Ld * gemm::elementSize(P.C.Elem),
                  P.M, &C[size_t(Col * P.M)]);
    P.C.Data = C.data();
    P.C.Ld = P.M;
    P.C.Stride = 0;
    P.C.Elem = gemm::Type::F32;
  }
  widen(S.TypeA, S.A, S.LdA, S.ScalesA, S.BlockSize, S.K, S.M, A);
  widen(S.TypeB, S.B, S.LdB, S.ScalesB, S.BlockSize, S.K, S.N, B);
  for (auto [Operand, Data] : {std::pair{&P.A, A.data()}, {&P.B, B.data()}}) {
    Operand->Data = Data;
    Operand->Ld = S.K;
    Operand->Stride = 0;
    Operand->Elem = gemm::Type::F32;
  }
}
