//===- BlockScalingTest.cpp - cublasLtMatmul with block scale factors -----===//
//
// Part of Tongxin. MXFP8 (fp8 inputs, an E8M0 factor per 32 elements along
// K) and NVFP4 (E2M1 inputs, an unsigned E4M3 factor per 16) against a
// double-precision reference, with the factors placed in cuBLAS's tiled
// layout by this test's own reading of it (tiles of 128 rows by 4 blocks,
// each a 32 x 16 byte array: row r, block c of a tile at [r % 32][(r / 32)
// 4 + c]); then what cuBLASLt refuses.
//
//===----------------------------------------------------------------------===//

#include "LtTestSupport.h"

#include <cuda_fp8.h>

using namespace lttest;

namespace {

class BlockScaling : public LtTest {};

/// Scale factors Factor(Outer, Block) for Rows x Blocks, laid out as
/// cuBLASLt reads them (rows padded to 128, blocks to 4).
std::vector<uint8_t> tiledFactors(int64_t Rows, int64_t Blocks,
                                  uint8_t (*Factor)(int64_t, int64_t)) {
  const int64_t RowTiles = (Rows + 127) / 128, BlockTiles = (Blocks + 3) / 4;
  std::vector<uint8_t> Out(size_t(RowTiles * BlockTiles * 512), 0);
  for (int64_t RowTile = 0; RowTile < RowTiles; ++RowTile)
    for (int64_t BlockTile = 0; BlockTile < BlockTiles; ++BlockTile) {
      uint8_t *Tile = &Out[size_t((RowTile * BlockTiles + BlockTile) * 512)];
      for (int64_t R = 0; R < 128; ++R)
        for (int64_t C = 0; C < 4; ++C) {
          int64_t Row = RowTile * 128 + R, Block = BlockTile * 4 + C;
          if (Row < Rows && Block < Blocks)
            Tile[(R % 32) * 16 + (R / 32) * 4 + C] = Factor(Row, Block);
        }
    }
  return Out;
}

/// E8M0 factors 2^-3 .. 2^3.
uint8_t e8m0Factor(int64_t Row, int64_t Block) {
  return uint8_t(127 - 3 + (Row * 5 + Block * 3) % 7);
}
double e8m0Value(uint8_t Bits) { return std::ldexp(1.0, int(Bits) - 127); }

/// Unsigned E4M3 factors 0.5, 0.75, 1, 1.5, 2, 3 (E4M3 bits).
uint8_t ue4m3Factor(int64_t Row, int64_t Block) {
  static const uint8_t Bits[6] = {0x30, 0x34, 0x38, 0x3c, 0x40, 0x44};
  return Bits[(Row * 7 + Block) % 6];
}
double ue4m3Value(uint8_t Bits) {
  static const double Values[6] = {0.5, 0.75, 1, 1.5, 2, 3};
  return Values[(Bits - 0x30) / 4];
}

template <class T> T *upload(const std::vector<T> &Host) {
  T *Device = nullptr;
  EXPECT_EQ(cudaMalloc(&Device, Host.size() * sizeof(T) + 1), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(Device, Host.data(), Host.size() * sizeof(T),
                       cudaMemcpyHostToDevice),
            cudaSuccess);
  return Device;
}

struct Operands {
  cudaDataType TypeA, TypeB;
  int64_t M, N, K;
  std::vector<uint8_t> A, B;          ///< K x M and K x N, column-major
  std::vector<double> ValueA, ValueB; ///< their elements' values
  std::vector<uint8_t> FactorsA, FactorsB;
  double (*Factor)(uint8_t);
  unsigned BlockSize;
};

/// D (M x N, column-major) = alpha (A scaled)^T (B scaled) + beta C.
std::vector<double> reference(const Operands &O, double Alpha, double Beta,
                              const std::vector<double> &C) {
  std::vector<double> D(size_t(O.M * O.N));
  const int64_t Blocks = O.K / O.BlockSize;
  auto Factor = [&](const std::vector<uint8_t> &Factors, int64_t Row,
                    int64_t K) {
    int64_t Block = K / O.BlockSize, Tiles = (Blocks + 3) / 4;
    int64_t Tile = (Row / 128) * Tiles + Block / 4;
    return O.Factor(Factors[size_t(Tile * 512 + (Row % 32) * 16 +
                                   ((Row % 128) / 32) * 4 + Block % 4)]);
  };
  for (int64_t I = 0; I < O.M; ++I)
    for (int64_t J = 0; J < O.N; ++J) {
      double Sum = 0;
      for (int64_t L = 0; L < O.K; ++L)
        Sum += O.ValueA[size_t(I * O.K + L)] * Factor(O.FactorsA, I, L) *
               O.ValueB[size_t(J * O.K + L)] * Factor(O.FactorsB, J, L);
      D[size_t(I + J * O.M)] = Alpha * Sum + Beta * C[size_t(I + J * O.M)];
    }
  return D;
}

/// E4M3 codes of small integers -4 .. 4 (and their values).
void fp8Operand(int64_t Rows, int64_t K, uint64_t Seed,
                std::vector<uint8_t> &Codes, std::vector<double> &Values) {
  for (int64_t I = 0; I < Rows * K; ++I) {
    double V = double(int64_t((I * 7 + Seed * 13) % 9) - 4);
    Codes.push_back(__nv_fp8_e4m3(float(V)).__x);
    Values.push_back(V);
  }
}

/// E2M1 codes, two per byte (even elements in the low nibble).
void fp4Operand(int64_t Rows, int64_t K, uint64_t Seed,
                std::vector<uint8_t> &Codes, std::vector<double> &Values) {
  static const double Magnitudes[8] = {0, 0.5, 1, 1.5, 2, 3, 4, 6};
  Codes.assign(size_t(Rows * K / 2), 0);
  for (int64_t I = 0; I < Rows * K; ++I) {
    uint8_t Code = uint8_t((I * 5 + Seed * 11 + I / 7) % 16);
    Codes[size_t(I / 2)] |= uint8_t(Code << (4 * (I % 2)));
    Values.push_back(Code & 8 ? -Magnitudes[Code & 7] : Magnitudes[Code & 7]);
  }
}

void runBlockScaled(cublasLtHandle_t Handle, const Operands &O,
                    cudaDataType CD) {
  uint8_t *DA = upload(O.A), *DB = upload(O.B);
  uint8_t *SA = upload(O.FactorsA), *SB = upload(O.FactorsB);
  std::vector<double> CValues(size_t(O.M * O.N));
  for (size_t I = 0; I < CValues.size(); ++I)
    CValues[I] = testValue(3, I);
  DeviceArray DC(CD, CValues), DD(CD, size_t(O.M * O.N));
  const int32_t Mode = O.BlockSize == 32
                           ? CUBLASLT_MATMUL_MATRIX_SCALE_VEC32_UE8M0
                           : CUBLASLT_MATMUL_MATRIX_SCALE_VEC16_UE4M3;
  MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
  Desc.set(CUBLASLT_MATMUL_DESC_TRANSA, int32_t(CUBLAS_OP_T));
  Desc.set(CUBLASLT_MATMUL_DESC_A_SCALE_MODE, Mode);
  Desc.set(CUBLASLT_MATMUL_DESC_B_SCALE_MODE, Mode);
  Desc.set(CUBLASLT_MATMUL_DESC_A_SCALE_POINTER, (const void *)SA);
  Desc.set(CUBLASLT_MATMUL_DESC_B_SCALE_POINTER, (const void *)SB);
  Layout LA(O.TypeA, O.K, O.M, O.K), LB(O.TypeB, O.K, O.N, O.K),
      LC(CD, O.M, O.N, O.M);
  const float Alpha = 0.5f, Beta = 1.0f;
  ASSERT_EQ(cublasLtMatmul(Handle, Desc, &Alpha, DA, LA, DB, LB, &Beta,
                           DC.get(), LC, DD.get(), LC, nullptr, nullptr, 0,
                           nullptr),
            CUBLAS_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  std::vector<double> Want = reference(O, Alpha, Beta, CValues);
  std::vector<double> Got = DD.download();
  for (size_t I = 0; I < Want.size(); ++I)
    ASSERT_NEAR(Got[I], roundTo(CD, Want[I]),
                tolerance(CD) * std::max(1.0, std::fabs(Want[I])))
        << "element " << I % O.M << "," << I / O.M;
  cudaFree(DA);
  cudaFree(DB);
  cudaFree(SA);
  cudaFree(SB);
}

// MXFP8: M crosses a 128-row tile, K has 3 blocks (padded to 4 in the
// factors' layout); e4m3 x e4m3 into f32, e4m3 x e5m2 into bf16.
TEST_F(BlockScaling, Mxfp8) {
  for (cudaDataType TypeB : {CUDA_R_8F_E4M3, CUDA_R_8F_E5M2}) {
    Operands O{CUDA_R_8F_E4M3, TypeB, 130, 72, 96};
    fp8Operand(O.M, O.K, 1, O.A, O.ValueA);
    fp8Operand(O.N, O.K, 2, O.B, O.ValueB);
    if (TypeB == CUDA_R_8F_E5M2) // the same values, coded as E5M2
      for (size_t I = 0; I < O.B.size(); ++I)
        O.B[I] = __nv_fp8_e5m2(float(O.ValueB[I])).__x;
    O.BlockSize = 32, O.Factor = e8m0Value;
    O.FactorsA = tiledFactors(O.M, O.K / 32, e8m0Factor);
    O.FactorsB = tiledFactors(O.N, O.K / 32, e8m0Factor);
    runBlockScaled(Handle, O,
                   TypeB == CUDA_R_8F_E4M3 ? CUDA_R_32F : CUDA_R_16BF);
  }
}

// NVFP4: E2M1 inputs, a factor per 16 elements; D in f16 and f32.
TEST_F(BlockScaling, Nvfp4) {
  for (cudaDataType CD : {CUDA_R_32F, CUDA_R_16F}) {
    Operands O{CUDA_R_4F_E2M1, CUDA_R_4F_E2M1, 64, 40, 80};
    fp4Operand(O.M, O.K, 1, O.A, O.ValueA);
    fp4Operand(O.N, O.K, 2, O.B, O.ValueB);
    O.BlockSize = 16, O.Factor = ue4m3Value;
    O.FactorsA = tiledFactors(O.M, O.K / 16, ue4m3Factor);
    O.FactorsB = tiledFactors(O.N, O.K / 16, ue4m3Factor);
    runBlockScaled(Handle, O, CD);
  }
}

TEST_F(BlockScaling, Refusals) {
  DeviceArray Buf(CUDA_R_32F, 4096);
  void *P = Buf.get();
  const float One = 1, Zero = 0;
  auto Call = [&](MatmulDesc &Desc, cudaDataType AB, int64_t K,
                  int32_t TransA) {
    Layout LA(AB, TransA == CUBLAS_OP_T ? K : 32,
              TransA == CUBLAS_OP_T ? 32 : K, TransA == CUBLAS_OP_T ? K : 32),
        LB(AB, K, 32, K), LD(CUDA_R_32F, 32, 32, 32);
    return cublasLtMatmul(Handle, Desc, &One, P, LA, P, LB, &Zero, P, LD, P, LD,
                          nullptr, nullptr, 0, nullptr);
  };
  auto Scaled = [&](MatmulDesc &Desc, int32_t ModeA, int32_t ModeB,
                    bool Pointers = true) {
    Desc.set(CUBLASLT_MATMUL_DESC_TRANSA, int32_t(CUBLAS_OP_T));
    Desc.set(CUBLASLT_MATMUL_DESC_A_SCALE_MODE, ModeA);
    Desc.set(CUBLASLT_MATMUL_DESC_B_SCALE_MODE, ModeB);
    if (Pointers) {
      Desc.set(CUBLASLT_MATMUL_DESC_A_SCALE_POINTER, (const void *)P);
      Desc.set(CUBLASLT_MATMUL_DESC_B_SCALE_POINTER, (const void *)P);
    }
  };
  const int32_t Vec32 = CUBLASLT_MATMUL_MATRIX_SCALE_VEC32_UE8M0,
                Vec16 = CUBLASLT_MATMUL_MATRIX_SCALE_VEC16_UE4M3,
                Scalar = CUBLASLT_MATMUL_MATRIX_SCALE_SCALAR_32F;
  {
    MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F); // the valid call
    Scaled(Desc, Vec32, Vec32);
    EXPECT_EQ(Call(Desc, CUDA_R_8F_E4M3, 64, CUBLAS_OP_T),
              CUBLAS_STATUS_SUCCESS);
    // K not a whole number of blocks.
    EXPECT_EQ(Call(Desc, CUDA_R_8F_E4M3, 48, CUBLAS_OP_T),
              CUBLAS_STATUS_NOT_SUPPORTED);
    // The mode's types: E2M1 goes with VEC16, not VEC32.
    EXPECT_EQ(Call(Desc, CUDA_R_4F_E2M1, 64, CUBLAS_OP_T),
              CUBLAS_STATUS_NOT_SUPPORTED);
    // Only the TN form.
    Desc.set(CUBLASLT_MATMUL_DESC_TRANSA, int32_t(CUBLAS_OP_N));
    EXPECT_EQ(Call(Desc, CUDA_R_8F_E4M3, 64, CUBLAS_OP_N),
              CUBLAS_STATUS_NOT_SUPPORTED);
  }
  {
    MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
    Scaled(Desc, Vec32, Scalar); // A and B scaled alike
    EXPECT_EQ(Call(Desc, CUDA_R_8F_E4M3, 64, CUBLAS_OP_T),
              CUBLAS_STATUS_NOT_SUPPORTED);
  }
  {
    MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
    Scaled(Desc, Vec16, Vec16); // VEC16 needs E2M1
    EXPECT_EQ(Call(Desc, CUDA_R_8F_E4M3, 64, CUBLAS_OP_T),
              CUBLAS_STATUS_NOT_SUPPORTED);
  }
  {
    MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
    Scaled(Desc, Vec16, Vec16, /*Pointers=*/false); // factors missing
    EXPECT_EQ(Call(Desc, CUDA_R_4F_E2M1, 64, CUBLAS_OP_T),
              CUBLAS_STATUS_INVALID_VALUE);
  }
  {
    // E2M1 without block scale factors.
    MatmulDesc Desc(CUBLAS_COMPUTE_32F, CUDA_R_32F);
    Desc.set(CUBLASLT_MATMUL_DESC_TRANSA, int32_t(CUBLAS_OP_T));
    EXPECT_EQ(Call(Desc, CUDA_R_4F_E2M1, 64, CUBLAS_OP_T),
              CUBLAS_STATUS_NOT_SUPPORTED);
  }
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
}

} // namespace
