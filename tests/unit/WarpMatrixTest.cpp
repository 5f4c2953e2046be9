//===- WarpMatrixTest.cpp - The warp matrix product of CPU device code ----===//
//
// Part of Tongxin. __tx_warp_matrix_areas and __tx_warp_mma
// (tongxin/warp_matrix_abi.h): dense tiles in the exchange area as lanes
// publish them, both layouts of A and B, fixed and generic shapes, integer
// wrap and saturation, float saturation, single-bit XOR/AND, fp8 operands,
// and the shapes the runtime refuses.
//
//===----------------------------------------------------------------------===//

#include "tongxin/warp_matrix_abi.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <thread>
#include <vector>

namespace {

TxWarpMma product(unsigned M, unsigned N, unsigned K, unsigned TypeAB,
                  unsigned TypeC, unsigned TypeD) {
  TxWarpMma Op = {};
  Op.M = M, Op.N = N, Op.K = K;
  Op.TypeA = Op.TypeB = TypeAB;
  Op.TypeC = TypeC, Op.TypeD = TypeD;
  return Op;
}

/// Exchange area Index of the calling thread.
void *__tx_warp_matrix_area(unsigned Index) {
  return static_cast<char *>(__tx_warp_matrix_areas()) +
         size_t(Index) * TX_WARP_MMA_AREA_BYTES;
}

unsigned char *operand(void *Area, unsigned Offset) {
  return static_cast<unsigned char *>(Area) + Offset;
}

template <typename T> void put(void *Area, unsigned Offset, unsigned I, T V) {
  std::memcpy(operand(Area, Offset) + I * sizeof(T), &V, sizeof(T));
}

template <typename T> T get(void *Area, unsigned Offset, unsigned I) {
  T V;
  std::memcpy(&V, operand(Area, Offset) + I * sizeof(T), sizeof(T));
  return V;
}

TEST(WarpMatrix, AreasAreAlignedStablePerThreadAndWritable) {
  void *First = __tx_warp_matrix_areas();
  EXPECT_EQ(reinterpret_cast<uintptr_t>(First) % 64, 0u);
  EXPECT_EQ(__tx_warp_matrix_areas(), First);
  // Every area of every warp is there (ASan checks the bounds).
  std::memset(First, 0, 32 * TX_WARP_MMA_SLOTS * TX_WARP_MMA_AREA_BYTES);
  void *Other = nullptr;
  std::thread([&] { Other = __tx_warp_matrix_areas(); }).join();
  EXPECT_NE(Other, First);
}

// f32 = f16 x f16 + f32 at m16n16k16 (lanes publish f16 as f32), every
// layout of A and B.
TEST(WarpMatrix, HalfProductEveryLayout) {
  for (int Layout = 0; Layout < 4; ++Layout) {
    void *Area = __tx_warp_matrix_area(3 * TX_WARP_MMA_SLOTS + 1);
    TxWarpMma Op =
        product(16, 16, 16, TX_MATRIX_F16, TX_MATRIX_F32, TX_MATRIX_F32);
    Op.ColMajorA = Layout / 2, Op.ColMajorB = Layout % 2;
    auto A = [](int R, int K) { return float((R * 3 + K) % 7 - 3); };
    auto B = [](int K, int C) { return float((K + 2 * C) % 5 - 2); };
    for (int R = 0; R < 16; ++R)
      for (int K = 0; K < 16; ++K) {
        put(Area, TX_WARP_MMA_A_OFFSET, Op.ColMajorA ? K * 16 + R : R * 16 + K,
            A(R, K));
        put(Area, TX_WARP_MMA_B_OFFSET, Op.ColMajorB ? R * 16 + K : K * 16 + R,
            B(K, R));
      }
    for (int I = 0; I < 256; ++I)
      put(Area, TX_WARP_MMA_C_OFFSET, I, float(I));
    __tx_warp_mma(Area, &Op);
    for (int R = 0; R < 16; ++R)
      for (int C = 0; C < 16; ++C) {
        float Want = float(R * 16 + C);
        for (int K = 0; K < 16; ++K)
          Want += A(R, K) * B(K, C);
        ASSERT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, R * 16 + C), Want)
            << "layout " << Layout << " at " << R << "," << C;
      }
  }
}

// A warp's 2x2 tiles: product (1, 1) takes its A from the area two before
// it and its B from the one before (AreaOfA, AreaOfB), where the lanes
// published them for earlier products; its own area has only C. The
// operands it borrows stay as they were.
TEST(WarpMatrix, SharedOperandsComeFromEarlierAreas) {
  void *First = __tx_warp_matrix_area(5 * TX_WARP_MMA_SLOTS);
  void *Second = __tx_warp_matrix_area(5 * TX_WARP_MMA_SLOTS + 1);
  void *Third = __tx_warp_matrix_area(5 * TX_WARP_MMA_SLOTS + 2);
  std::memset(First, 0, 3 * TX_WARP_MMA_AREA_BYTES);
  auto A = [](int R, int K) { return float((R + 2 * K) % 9 - 4); };
  auto B = [](int K, int C) { return float((3 * K + C) % 7 - 3); };
  for (int R = 0; R < 16; ++R)
    for (int K = 0; K < 16; ++K) {
      put(First, TX_WARP_MMA_A_OFFSET, R * 16 + K, A(R, K));
      put(Second, TX_WARP_MMA_B_OFFSET, K * 16 + R, B(K, R));
    }
  for (int I = 0; I < 256; ++I)
    put(Third, TX_WARP_MMA_C_OFFSET, I, float(2 * I));
  TxWarpMma Op =
      product(16, 16, 16, TX_MATRIX_F16, TX_MATRIX_F32, TX_MATRIX_F32);
  Op.AreaOfA = 2, Op.AreaOfB = 1;
  __tx_warp_mma(Third, &Op);
  for (int R = 0; R < 16; ++R)
    for (int C = 0; C < 16; ++C) {
      float Want = float(2 * (R * 16 + C));
      for (int K = 0; K < 16; ++K)
        Want += A(R, K) * B(K, C);
      ASSERT_EQ(get<float>(Third, TX_WARP_MMA_D_OFFSET, R * 16 + C), Want)
          << R << "," << C;
    }
  EXPECT_EQ(get<float>(First, TX_WARP_MMA_A_OFFSET, 17), A(1, 1));
  EXPECT_EQ(get<float>(Second, TX_WARP_MMA_B_OFFSET, 17), B(1, 1));
}

// An f16 D leaves as f32 (the lanes round it); saturation clamps it to
// +-65504 first, so that it rounds to the largest half; NaN stays NaN.
TEST(WarpMatrix, HalfResultSaturates) {
  void *Area = __tx_warp_matrix_area(0);
  TxWarpMma Op =
      product(8, 32, 16, TX_MATRIX_F16, TX_MATRIX_F32, TX_MATRIX_F16);
  std::memset(Area, 0, TX_WARP_MMA_AREA_BYTES);
  put(Area, TX_WARP_MMA_C_OFFSET, 0, 2049.0f);
  put(Area, TX_WARP_MMA_C_OFFSET, 1, 1.0e6f);
  put(Area, TX_WARP_MMA_C_OFFSET, 2, -1.0e6f);
  put(Area, TX_WARP_MMA_C_OFFSET, 3, std::numeric_limits<float>::quiet_NaN());
  __tx_warp_mma(Area, &Op);
  EXPECT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, 0), 2049.0f);
  EXPECT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, 1), 1.0e6f);
  Op.Saturate = 1;
  __tx_warp_mma(Area, &Op);
  EXPECT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, 0), 2049.0f);
  EXPECT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, 1), 65504.0f);
  EXPECT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, 2), -65504.0f);
  EXPECT_TRUE(std::isnan(get<float>(Area, TX_WARP_MMA_D_OFFSET, 3)));
  Op.TypeD = TX_MATRIX_F32; // f32 results clamp to FLT_MAX
  put(Area, TX_WARP_MMA_C_OFFSET, 1, std::numeric_limits<float>::infinity());
  __tx_warp_mma(Area, &Op);
  EXPECT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, 1),
            std::numeric_limits<float>::max());
}

// A shape without a fixed version (m16n8k32 of f32-published operands:
// no such product exists) runs the generic loops, with the same results.
TEST(WarpMatrix, GenericShape) {
  void *Area = __tx_warp_matrix_area(0);
  TxWarpMma Op =
      product(16, 8, 32, TX_MATRIX_BF16, TX_MATRIX_F32, TX_MATRIX_F32);
  Op.ColMajorB = 1;
  for (int I = 0; I < 512; ++I)
    put(Area, TX_WARP_MMA_A_OFFSET, I, float(I % 9) - 4);
  for (int I = 0; I < 256; ++I)
    put(Area, TX_WARP_MMA_B_OFFSET, I, float(I % 5) - 2);
  for (int I = 0; I < 128; ++I)
    put(Area, TX_WARP_MMA_C_OFFSET, I, float(I));
  __tx_warp_mma(Area, &Op);
  for (int R = 0; R < 16; ++R)
    for (int C = 0; C < 8; ++C) {
      float Want = float(R * 8 + C);
      for (int K = 0; K < 32; ++K)
        Want += (float((R * 32 + K) % 9) - 4) * (float((C * 32 + K) % 5) - 2);
      ASSERT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, R * 8 + C), Want);
    }
}

// mma.sync's shapes with fixed versions (f16/bf16/tf32 published as f32:
// m16n8k16, k8, k4; 8-bit integers published as s32: m16n8k32, k16 and
// m8n8k16, signedness mixed), every layout of A and B, against a product
// in 64 bits: exact, and for integers wrapped or clamped at int32's ends.
TEST(WarpMatrix, MmaSyncShapesEveryLayout) {
  struct Shape {
    unsigned M, N, K, Type;
  };
  const Shape Shapes[] = {
      {16, 8, 16, TX_MATRIX_F16}, {16, 8, 8, TX_MATRIX_BF16},
      {16, 8, 4, TX_MATRIX_TF32}, {16, 8, 32, TX_MATRIX_S8},
      {16, 8, 16, TX_MATRIX_U8},  {8, 8, 16, TX_MATRIX_S8}};
  for (const Shape &S : Shapes)
    for (int Variant = 0; Variant < 8; ++Variant) {
      void *Area = __tx_warp_matrix_area(5);
      const bool Integer = S.Type == TX_MATRIX_S8 || S.Type == TX_MATRIX_U8;
      TxWarpMma Op = product(S.M, S.N, S.K, S.Type,
                             Integer ? TX_MATRIX_S32 : TX_MATRIX_F32,
                             Integer ? TX_MATRIX_S32 : TX_MATRIX_F32);
      Op.ColMajorA = Variant & 1, Op.ColMajorB = (Variant >> 1) & 1;
      Op.Saturate = Integer && (Variant & 4);
      if (Integer && Variant >= 4) // an s8 A against a u8 B
        Op.TypeB = TX_MATRIX_U8;
      // 8-bit extremes (-128 x 255 and the like) and small reals.
      auto Value = [&](unsigned Type, int I) -> int {
        if (Type == TX_MATRIX_S8)
          return I % 3 == 0 ? (I % 2 ? 127 : -128) : I % 17 - 8;
        if (Type == TX_MATRIX_U8)
          return I % 3 == 0 ? 255 : I % 13;
        return I % 7 - 3;
      };
      auto A = [&](int R, int K) { return Value(Op.TypeA, R * 31 + K); };
      auto B = [&](int K, int C) { return Value(Op.TypeB, K * 7 + C * 5); };
      for (unsigned R = 0; R < S.M; ++R)
        for (unsigned K = 0; K < S.K; ++K) {
          unsigned At = Op.ColMajorA ? K * S.M + R : R * S.K + K;
          if (Integer)
            put(Area, TX_WARP_MMA_A_OFFSET, At, int32_t(A(R, K)));
          else
            put(Area, TX_WARP_MMA_A_OFFSET, At, float(A(R, K)));
        }
      for (unsigned K = 0; K < S.K; ++K)
        for (unsigned C = 0; C < S.N; ++C) {
          unsigned At = Op.ColMajorB ? C * S.K + K : K * S.N + C;
          if (Integer)
            put(Area, TX_WARP_MMA_B_OFFSET, At, int32_t(B(K, C)));
          else
            put(Area, TX_WARP_MMA_B_OFFSET, At, float(B(K, C)));
        }
      // Accumulators at int32's ends, so that sums leave its range.
      auto Accumulator = [](unsigned I) -> int64_t {
        return I % 4 == 0   ? int64_t(INT32_MAX) - 5
               : I % 4 == 1 ? int64_t(INT32_MIN) + 5
                            : int64_t(I);
      };
      for (unsigned I = 0; I < S.M * S.N; ++I) {
        if (Integer)
          put(Area, TX_WARP_MMA_C_OFFSET, I, int32_t(Accumulator(I)));
        else
          put(Area, TX_WARP_MMA_C_OFFSET, I, float(I));
      }
      __tx_warp_mma(Area, &Op);
      for (unsigned R = 0; R < S.M; ++R)
        for (unsigned C = 0; C < S.N; ++C) {
          const unsigned I = R * S.N + C;
          int64_t Sum = Integer ? Accumulator(I) : I;
          for (unsigned K = 0; K < S.K; ++K)
            Sum += int64_t(A(R, K)) * B(K, C);
          if (!Integer) {
            ASSERT_EQ(get<float>(Area, TX_WARP_MMA_D_OFFSET, I), float(Sum))
                << S.M << "x" << S.N << "x" << S.K << " variant " << Variant;
            continue;
          }
          if (Op.Saturate)
            Sum =
                std::max<int64_t>(INT32_MIN, std::min<int64_t>(INT32_MAX, Sum));
          ASSERT_EQ(get<int32_t>(Area, TX_WARP_MMA_D_OFFSET, I),
                    int32_t(uint32_t(uint64_t(Sum))))
              << S.M << "x" << S.N << "x" << S.K << " variant " << Variant;
        }
    }
}

TEST(WarpMatrix, DoubleProduct) {
  void *Area = __tx_warp_matrix_area(0);
  TxWarpMma Op = product(8, 8, 4, TX_MATRIX_F64, TX_MATRIX_F64, TX_MATRIX_F64);
  for (int I = 0; I < 32; ++I) {
    put(Area, TX_WARP_MMA_A_OFFSET, I, 0.5 + I);
    put(Area, TX_WARP_MMA_B_OFFSET, I, 1.0 / (I + 1));
  }
  for (int I = 0; I < 64; ++I)
    put(Area, TX_WARP_MMA_C_OFFSET, I, 1e-17);
  __tx_warp_mma(Area, &Op);
  for (int R = 0; R < 8; ++R)
    for (int C = 0; C < 8; ++C) {
      double Want = 1e-17;
      for (int K = 0; K < 4; ++K)
        Want += (0.5 + R * 4 + K) * (1.0 / (K * 8 + C + 1));
      EXPECT_DOUBLE_EQ(get<double>(Area, TX_WARP_MMA_D_OFFSET, R * 8 + C),
                       Want);
    }
}

// s8 x s8: wraps without saturation, clamps with it; u8 as well.
TEST(WarpMatrix, EightBitIntegers) {
  void *Area = __tx_warp_matrix_area(0);
  TxWarpMma Op =
      product(16, 16, 16, TX_MATRIX_S8, TX_MATRIX_S32, TX_MATRIX_S32);
  // Lanes publish 8-bit elements as s32.
  for (int I = 0; I < 256; ++I) {
    put(Area, TX_WARP_MMA_A_OFFSET, I, int32_t(-128));
    put(Area, TX_WARP_MMA_B_OFFSET, I, int32_t(-128));
  }
  for (int I = 0; I < 256; ++I)
    put(Area, TX_WARP_MMA_C_OFFSET, I, INT32_MAX - 5);
  __tx_warp_mma(Area, &Op);
  int64_t Exact = int64_t(INT32_MAX) - 5 + 16 * 128 * 128;
  EXPECT_EQ(get<int32_t>(Area, TX_WARP_MMA_D_OFFSET, 7),
            static_cast<int32_t>(static_cast<uint32_t>(Exact)));
  Op.Saturate = 1;
  __tx_warp_mma(Area, &Op);
  EXPECT_EQ(get<int32_t>(Area, TX_WARP_MMA_D_OFFSET, 7), INT32_MAX);
  Op.TypeA = Op.TypeB = TX_MATRIX_U8;
  Op.Saturate = 0;
  for (int I = 0; I < 256; ++I) {
    put(Area, TX_WARP_MMA_A_OFFSET, I, int32_t(128));
    put(Area, TX_WARP_MMA_B_OFFSET, I, int32_t(128));
    put(Area, TX_WARP_MMA_C_OFFSET, I, 0);
  }
  __tx_warp_mma(Area, &Op);
  EXPECT_EQ(get<int32_t>(Area, TX_WARP_MMA_D_OFFSET, 0), 16 * 128 * 128);
}

// Nibbles from bit 0 of each byte; s4 sign-extends, u4 does not.
TEST(WarpMatrix, FourBitIntegers) {
  for (unsigned Type : {unsigned(TX_MATRIX_S4), unsigned(TX_MATRIX_U4)}) {
    void *Area = __tx_warp_matrix_area(0);
    TxWarpMma Op = product(8, 8, 32, Type, TX_MATRIX_S32, TX_MATRIX_S32);
    Op.ColMajorB = 1;
    std::memset(operand(Area, TX_WARP_MMA_A_OFFSET), 0xf1, 128); // 1, 15
    std::memset(operand(Area, TX_WARP_MMA_B_OFFSET), 0x22, 128); // 2, 2
    std::memset(operand(Area, TX_WARP_MMA_C_OFFSET), 0, 256);
    __tx_warp_mma(Area, &Op);
    int High = Type == TX_MATRIX_S4 ? -1 : 15;
    EXPECT_EQ(get<int32_t>(Area, TX_WARP_MMA_D_OFFSET, 9),
              16 * (1 * 2 + High * 2));
  }
}

// mma.sync m16n8k64: 1024 nibbles of A fill 512 bytes, more elements than
// any 4-byte tile has; s4 rows against u4 columns.
TEST(WarpMatrix, FourBitM16N8K64) {
  void *Area = __tx_warp_matrix_area(0);
  TxWarpMma Op = product(16, 8, 64, TX_MATRIX_S4, TX_MATRIX_S32, TX_MATRIX_S32);
  Op.TypeB = TX_MATRIX_U4;
  Op.ColMajorB = 1;
  auto Nibble = [](int R, int K) { return (R * 3 + K * 5) & 15; };
  unsigned char *A = operand(Area, TX_WARP_MMA_A_OFFSET);
  unsigned char *B = operand(Area, TX_WARP_MMA_B_OFFSET);
  for (int R = 0; R < 16; ++R)
    for (int K = 0; K < 64; K += 2)
      A[(R * 64 + K) / 2] = Nibble(R, K) | Nibble(R, K + 1) << 4;
  for (int C = 0; C < 8; ++C)
    for (int K = 0; K < 64; K += 2)
      B[(C * 64 + K) / 2] = Nibble(C + 1, K) | Nibble(C + 1, K + 1) << 4;
  for (int I = 0; I < 128; ++I)
    put(Area, TX_WARP_MMA_C_OFFSET, I, I - 64);
  __tx_warp_mma(Area, &Op);
  for (int R = 0; R < 16; ++R)
    for (int C = 0; C < 8; ++C) {
      int Want = R * 8 + C - 64;
      for (int K = 0; K < 64; ++K) {
        int SignedA = Nibble(R, K) >= 8 ? Nibble(R, K) - 16 : Nibble(R, K);
        Want += SignedA * Nibble(C + 1, K);
      }
      ASSERT_EQ(get<int32_t>(Area, TX_WARP_MMA_D_OFFSET, R * 8 + C), Want);
    }
}

TEST(WarpMatrix, SingleBitXorAndAnd) {
  void *Area = __tx_warp_matrix_area(0);
  TxWarpMma Op = product(8, 8, 128, TX_MATRIX_B1, TX_MATRIX_S32, TX_MATRIX_S32);
  Op.ColMajorB = 1;
  for (int I = 0; I < 32; ++I) {
    put(Area, TX_WARP_MMA_A_OFFSET, I, 0xff00ff00u * uint32_t(I + 1));
    put(Area, TX_WARP_MMA_B_OFFSET, I, 0x0f0f0f0fu ^ uint32_t(I * 77));
  }
  for (int I = 0; I < 64; ++I)
    put(Area, TX_WARP_MMA_C_OFFSET, I, I);
  for (unsigned BitOp :
       {unsigned(TX_MATRIX_BIT_XOR), unsigned(TX_MATRIX_BIT_AND)}) {
    Op.BitOp = BitOp;
    __tx_warp_mma(Area, &Op);
    for (int R = 0; R < 8; ++R)
      for (int C = 0; C < 8; ++C) {
        int Want = R * 8 + C;
        for (int W = 0; W < 4; ++W) {
          uint32_t A = 0xff00ff00u * uint32_t(R * 4 + W + 1);
          uint32_t B = 0x0f0f0f0fu ^ uint32_t((C * 4 + W) * 77);
          Want +=
              __builtin_popcount(BitOp == TX_MATRIX_BIT_AND ? A & B : A ^ B);
        }
        ASSERT_EQ(get<int32_t>(Area, TX_WARP_MMA_D_OFFSET, R * 8 + C), Want);
      }
  }
}

// fp8 operands (mma.sync's e4m3/e5m2), every encoding of A against 1.0.
TEST(WarpMatrix, Fp8OperandsAreExact) {
  for (unsigned Type : {unsigned(TX_MATRIX_E4M3), unsigned(TX_MATRIX_E5M2)}) {
    void *Area = __tx_warp_matrix_area(0);
    TxWarpMma Op = product(16, 8, 32, Type, TX_MATRIX_F32, TX_MATRIX_F32);
    Op.TypeB = TX_MATRIX_E4M3;
    std::memset(operand(Area, TX_WARP_MMA_C_OFFSET), 0, 512);
    for (unsigned Code = 0; Code < 256; Code += 16) {
      std::memset(operand(Area, TX_WARP_MMA_A_OFFSET), 0, 512);
      for (unsigned I = 0; I < 16; ++I)
        operand(Area, TX_WARP_MMA_A_OFFSET)[I * 32] = Code + I; // column 0
      std::memset(operand(Area, TX_WARP_MMA_B_OFFSET), 0, 256);
      operand(Area, TX_WARP_MMA_B_OFFSET)[0] = 0x38; // e4m3 1.0 at (0, 0)
      __tx_warp_mma(Area, &Op);
      for (unsigned I = 0; I < 16; ++I) {
        unsigned Bits = Code + I;
        bool E4 = Type == TX_MATRIX_E4M3;
        float Got = get<float>(Area, TX_WARP_MMA_D_OFFSET, I * 8);
        if (E4 ? (Bits & 0x7f) == 0x7f : (Bits & 0x7f) > 0x7c) {
          EXPECT_TRUE(std::isnan(Got)) << Bits;
          continue;
        }
        unsigned MantBits = E4 ? 3 : 2, Bias = E4 ? 7 : 15;
        unsigned Exp = (Bits & 0x7f) >> MantBits,
                 Mant = Bits & ((1 << MantBits) - 1);
        double Mag =
            Exp ? std::ldexp(1.0 + Mant / double(1 << MantBits),
                             int(Exp) - int(Bias))
                : std::ldexp(Mant / double(1 << MantBits), 1 - int(Bias));
        if (!E4 && Exp == 0x1f)
          Mag = std::numeric_limits<double>::infinity();
        EXPECT_EQ(Got, float((Bits & 0x80) ? -Mag : Mag)) << Bits;
      }
    }
  }
}

// A shape larger than any product the compiler emits leaves D alone.
TEST(WarpMatrix, OversizedShapeIsIgnored) {
  void *Area = __tx_warp_matrix_area(0);
  std::memset(operand(Area, TX_WARP_MMA_D_OFFSET), 0x5a, 1024);
  TxWarpMma Op =
      product(64, 64, 64, TX_MATRIX_F32, TX_MATRIX_F32, TX_MATRIX_F32);
  __tx_warp_mma(Area, &Op);
  EXPECT_EQ(operand(Area, TX_WARP_MMA_D_OFFSET)[100], 0x5a);
  // Nibbles fit twice the elements of a 4-byte tile, not more.
  Op = product(32, 8, 128, TX_MATRIX_S4, TX_MATRIX_S32, TX_MATRIX_S32);
  __tx_warp_mma(Area, &Op);
  EXPECT_EQ(operand(Area, TX_WARP_MMA_D_OFFSET)[100], 0x5a);
}

} // namespace
