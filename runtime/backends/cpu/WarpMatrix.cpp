//===- WarpMatrix.cpp - Warp matrix products for CPU device code ----------===//
//
// Part of Tongxin. The runtime side of tongxin/warp_matrix_abi.h: each
// worker's exchange areas (one per warp of the block it runs) and the small
// GEMM a warp's lane 0 calls once every lane has published its fragments.
// Lanes publish f16/bf16/tf32 as f32 and 8-bit integers as s32, so the
// common products are one loop nest over f32, s32 or f64 tiles; the WMMA
// shapes get versions with their sizes fixed (fully vectorised, on x86-64
// for AVX-512 and AVX2 too). fp8 and sub-byte operands are widened here.
//
//===----------------------------------------------------------------------===//

#include "tongxin/warp_matrix_abi.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#define TX_EXPORT extern "C" __attribute__((visibility("default")))

#if defined(__x86_64__)
#define TX_VECTOR_CLONES                                                       \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TX_VECTOR_CLONES
#endif

namespace {

constexpr unsigned MaxAreas = 32 * TX_WARP_MMA_SLOTS;
/// The largest tiles an exchange area holds: 2 KiB per operand, as 4-byte
/// elements (A of m32n8k16), bytes (fp8 A of mma.sync m16n8k32 is 512) or
/// nibbles (4-bit A of mma.sync m16n8k64 is 1024); each widens to at most
/// MaxOperandElements.
constexpr unsigned OperandBytes = 2048;
constexpr unsigned MaxOperandElements = 1024, MaxAccumulatorElements = 512;

/// A worker's exchange areas and, after them, the widened tiles of its
/// generic products; allocated on its first matrix product (worker stacks
/// may be small). Initial-exec TLS: compiled kernels reach it once per
/// group of products per thread.
constexpr size_t AreaBytes = MaxAreas * TX_WARP_MMA_AREA_BYTES;
constexpr size_t WidenedBytes =
    (2 * MaxOperandElements + MaxAccumulatorElements) * sizeof(int64_t);
__attribute__((tls_model("initial-exec"))) __thread char *Workspace = nullptr;

/// Frees the calling thread's workspace when the thread ends.
struct WorkspaceOwner {
  ~WorkspaceOwner() {
    std::free(Workspace);
    Workspace = nullptr;
  }
};
thread_local WorkspaceOwner Owner;

char *workspace() {
  if (__builtin_expect(!Workspace, 0)) {
    Workspace =
        static_cast<char *>(std::aligned_alloc(64, AreaBytes + WidenedBytes));
    (void)&Owner; // constructs the owner, so that it runs at thread exit
  }
  return Workspace;
}

template <typename T> T *widened() {
  return reinterpret_cast<T *>(workspace() + AreaBytes);
}

template <typename T> T *operand(unsigned char *Area, unsigned Offset) {
  return reinterpret_cast<T *>(Area + Offset);
}

/// Index of element (Row, Col) in a dense Rows x Cols tile.
constexpr unsigned tileIndex(bool ColMajor, unsigned Row, unsigned Col,
                             unsigned Rows, unsigned Cols) {
  return ColMajor ? Col * Rows + Row : Row * Cols + Col;
}

/// A row-major copy of a column-major Rows x Cols tile, or the tile.
template <unsigned Rows, unsigned Cols, typename T>
__attribute__((always_inline)) inline const T *
rowMajor(const T *Tile, bool ColMajor, T *Copy) {
  if (!ColMajor)
    return Tile;
  for (unsigned R = 0; R < Rows; ++R)
    for (unsigned C = 0; C < Cols; ++C)
      Copy[R * Cols + C] = Tile[C * Rows + R];
  return Copy;
}

/// D (M x N) = A (M x K) * B (K x N) + C, all row-major, with the shape
/// fixed at compile time: a block of rows of C is accumulated in registers
/// along the rows of B, so the inner loop is whole vectors and the rows'
/// multiply-add chains are independent (one chain would wait on each FMA's
/// latency). C may be D.
template <unsigned M, unsigned N, unsigned K, typename T>
__attribute__((always_inline)) inline void multiplyRows(const T *A, const T *B,
                                                        const T *C, T *D) {
  constexpr unsigned Rows = N >= 16 ? 4 : 8;
  static_assert(M % Rows == 0, "whole blocks of rows");
  for (unsigned R0 = 0; R0 < M; R0 += Rows) {
    T Sum[Rows][N];
    for (unsigned R = 0; R < Rows; ++R)
      for (unsigned Col = 0; Col < N; ++Col)
        Sum[R][Col] = C[(R0 + R) * N + Col];
    for (unsigned I = 0; I < K; ++I)
      for (unsigned R = 0; R < Rows; ++R)
        for (unsigned Col = 0; Col < N; ++Col)
          Sum[R][Col] += A[(R0 + R) * K + I] * B[I * N + Col];
    for (unsigned R = 0; R < Rows; ++R)
      for (unsigned Col = 0; Col < N; ++Col)
        D[(R0 + R) * N + Col] = Sum[R][Col];
  }
}

/// D = A * B + C over tiles of T (published widened).
template <unsigned M, unsigned N, unsigned K, typename T>
__attribute__((always_inline)) inline void
fixedProduct(unsigned char *Area, bool ColMajorA, bool ColMajorB) {
  T CopyA[M * K], CopyB[K * N];
  const T *A =
      rowMajor<M, K>(operand<T>(Area, TX_WARP_MMA_A_OFFSET), ColMajorA, CopyA);
  const T *B =
      rowMajor<K, N>(operand<T>(Area, TX_WARP_MMA_B_OFFSET), ColMajorB, CopyB);
  multiplyRows<M, N, K>(A, B, operand<T>(Area, TX_WARP_MMA_C_OFFSET),
                        operand<T>(Area, TX_WARP_MMA_D_OFFSET));
}

/// A tile of s32 as f32, row-major (one loop per layout: a layout known
/// only at run time would make every element a gather).
template <unsigned Rows, unsigned Cols>
__attribute__((always_inline)) inline void
toFloatRowMajor(const int32_t *Tile, bool ColMajor, float *Out) {
  if (ColMajor) {
    for (unsigned C = 0; C < Cols; ++C)
      for (unsigned R = 0; R < Rows; ++R)
        Out[R * Cols + C] = float(Tile[C * Rows + R]);
    return;
  }
  for (unsigned I = 0; I < Rows * Cols; ++I)
    Out[I] = float(Tile[I]);
}

/// The same for 8-bit integers published as s32. Their products and sums
/// of up to 32 of them are below 2^24 in magnitude, so f32 arithmetic
/// (vector FMAs, where x86-64 multiplies s32 slowly) is exact; C is added
/// in 64 bits, then the result wrapped or clamped to int32.
template <unsigned M, unsigned N, unsigned K>
__attribute__((always_inline)) inline void
fixedIntegerProduct(unsigned char *Area, bool ColMajorA, bool ColMajorB,
                    bool Saturate) {
  static_assert(K <= 32, "sums of 8-bit products must stay exact in f32");
  const int32_t *TileA = operand<int32_t>(Area, TX_WARP_MMA_A_OFFSET);
  const int32_t *TileB = operand<int32_t>(Area, TX_WARP_MMA_B_OFFSET);
  const int32_t *TileC = operand<int32_t>(Area, TX_WARP_MMA_C_OFFSET);
  int32_t *TileD = operand<int32_t>(Area, TX_WARP_MMA_D_OFFSET);
  float A[M * K], B[K * N], Sum[M * N] = {};
  toFloatRowMajor<M, K>(TileA, ColMajorA, A);
  toFloatRowMajor<K, N>(TileB, ColMajorB, B);
  multiplyRows<M, N, K>(A, B, Sum, Sum);
  for (unsigned I = 0; I < M * N; ++I) {
    int64_t Value = int64_t(Sum[I]) + TileC[I];
    if (Saturate)
      Value = Value > INT32_MAX   ? INT32_MAX
              : Value < INT32_MIN ? INT32_MIN
                                  : Value;
    TileD[I] = static_cast<int32_t>(static_cast<uint32_t>(Value));
  }
}

// One function per fixed shape, each compiled for every vector extension
// (multiversioned functions cannot be templates).
#define TX_FIXED_PRODUCT(NAME, M, N, K, T)                                     \
  TX_VECTOR_CLONES void NAME(unsigned char *Area, bool CA, bool CB) {          \
    fixedProduct<M, N, K, T>(Area, CA, CB);                                    \
  }
TX_FIXED_PRODUCT(productF32M16N16K16, 16, 16, 16, float)
TX_FIXED_PRODUCT(productF32M32N8K16, 32, 8, 16, float)
TX_FIXED_PRODUCT(productF32M8N32K16, 8, 32, 16, float)
TX_FIXED_PRODUCT(productF32M16N16K8, 16, 16, 8, float)
TX_FIXED_PRODUCT(productF64M8N8K4, 8, 8, 4, double)
// mma.sync's f16, bf16 and tf32 shapes.
TX_FIXED_PRODUCT(productF32M16N8K16, 16, 8, 16, float)
TX_FIXED_PRODUCT(productF32M16N8K8, 16, 8, 8, float)
TX_FIXED_PRODUCT(productF32M16N8K4, 16, 8, 4, float)
#undef TX_FIXED_PRODUCT
#define TX_FIXED_INTEGER_PRODUCT(NAME, M, N, K)                                \
  TX_VECTOR_CLONES void NAME(unsigned char *Area, bool CA, bool CB,            \
                             bool Saturate) {                                  \
    fixedIntegerProduct<M, N, K>(Area, CA, CB, Saturate);                      \
  }
TX_FIXED_INTEGER_PRODUCT(productS32M16N16K16, 16, 16, 16)
TX_FIXED_INTEGER_PRODUCT(productS32M32N8K16, 32, 8, 16)
TX_FIXED_INTEGER_PRODUCT(productS32M8N32K16, 8, 32, 16)
// mma.sync's 8-bit shapes.
TX_FIXED_INTEGER_PRODUCT(productS32M16N8K32, 16, 8, 32)
TX_FIXED_INTEGER_PRODUCT(productS32M16N8K16, 16, 8, 16)
TX_FIXED_INTEGER_PRODUCT(productS32M8N8K16, 8, 8, 16)
#undef TX_FIXED_INTEGER_PRODUCT

/// fp8 E4M3 / E5M2 to float, exactly (E4M3 has no infinities).
float fp8Value(unsigned Bits, bool E4M3) {
  const unsigned MantBits = E4M3 ? 3 : 2, Bias = E4M3 ? 7 : 15;
  unsigned Exp = (Bits >> MantBits) & (E4M3 ? 0xf : 0x1f);
  unsigned Mant = Bits & ((1u << MantBits) - 1);
  float Sign = (Bits & 0x80) ? -1.0f : 1.0f;
  if (E4M3 && Exp == 0xf && Mant == 0x7)
    return std::numeric_limits<float>::quiet_NaN();
  if (!E4M3 && Exp == 0x1f)
    return Mant ? std::numeric_limits<float>::quiet_NaN()
                : Sign * std::numeric_limits<float>::infinity();
  if (Exp == 0)
    return Sign * std::ldexp(float(Mant), 1 - int(Bias) - int(MantBits));
  return Sign * std::ldexp(float(Mant | (1u << MantBits)),
                           int(Exp) - int(Bias) - int(MantBits));
}

/// Element Index of a published tile of Type, as a double (exact).
double realElement(const unsigned char *Tile, unsigned Type, unsigned Index) {
  switch (Type) {
  case TX_MATRIX_F64: {
    double Value;
    std::memcpy(&Value, Tile + 8 * Index, 8);
    return Value;
  }
  case TX_MATRIX_E4M3:
  case TX_MATRIX_E5M2:
    return fp8Value(Tile[Index], Type == TX_MATRIX_E4M3);
  default: { // f16, bf16, tf32 and f32: published as f32
    float Value;
    std::memcpy(&Value, Tile + 4 * Index, 4);
    return Value;
  }
  }
}

int64_t integerElement(const unsigned char *Tile, unsigned Type,
                       unsigned Index) {
  switch (Type) {
  case TX_MATRIX_S4:
  case TX_MATRIX_U4: {
    unsigned Nibble = (Tile[Index / 2] >> (4 * (Index % 2))) & 0xf;
    return Type == TX_MATRIX_S4 && Nibble >= 8 ? int64_t(Nibble) - 16 : Nibble;
  }
  case TX_MATRIX_B1:
    return (Tile[Index / 8] >> (Index % 8)) & 1;
  default: { // s8, u8 and s32: published as s32
    int32_t Value;
    std::memcpy(&Value, Tile + 4 * Index, 4);
    return Value;
  }
  }
}

/// A and B widened to row-major tiles of T, for shapes without a fixed
/// version (and fp8 or sub-byte operands).
template <typename T, typename Widen>
void widenOperands(const TxWarpMma &Op, const unsigned char *Area, T *A, T *B,
                   Widen W) {
  for (unsigned R = 0; R < Op.M; ++R)
    for (unsigned K = 0; K < Op.K; ++K)
      A[R * Op.K + K] = W(Area + TX_WARP_MMA_A_OFFSET, Op.TypeA,
                          tileIndex(Op.ColMajorA, R, K, Op.M, Op.K));
  for (unsigned K = 0; K < Op.K; ++K)
    for (unsigned C = 0; C < Op.N; ++C)
      B[K * Op.N + C] = W(Area + TX_WARP_MMA_B_OFFSET, Op.TypeB,
                          tileIndex(Op.ColMajorB, K, C, Op.K, Op.N));
}

template <typename T>
void multiplyAdd(const TxWarpMma &Op, const T *A, const T *B, T *Acc) {
  for (unsigned R = 0; R < Op.M; ++R)
    for (unsigned I = 0; I < Op.K; ++I)
      for (unsigned C = 0; C < Op.N; ++C)
        Acc[R * Op.N + C] += A[R * Op.K + I] * B[I * Op.N + C];
}

template <typename T>
void genericRealProduct(const TxWarpMma &Op, unsigned char *Area) {
  T *A = widened<T>(), *B = A + MaxOperandElements,
    *Acc = B + MaxOperandElements;
  widenOperands<T>(
      Op, Area, A, B,
      [](const unsigned char *Tile, unsigned Type, unsigned Index) {
        return T(realElement(Tile, Type, Index));
      });
  const unsigned Count = unsigned(Op.M) * Op.N;
  for (unsigned I = 0; I < Count; ++I)
    Acc[I] = T(realElement(Area + TX_WARP_MMA_C_OFFSET, Op.TypeC, I));
  multiplyAdd(Op, A, B, Acc);
  T *TileD = operand<T>(Area, TX_WARP_MMA_D_OFFSET);
  for (unsigned I = 0; I < Count; ++I)
    TileD[I] = Acc[I];
}

void genericIntegerProduct(const TxWarpMma &Op, unsigned char *Area) {
  int64_t *A = widened<int64_t>(), *B = A + MaxOperandElements,
          *Acc = B + MaxOperandElements;
  widenOperands<int64_t>(Op, Area, A, B, integerElement);
  const unsigned Count = unsigned(Op.M) * Op.N;
  for (unsigned I = 0; I < Count; ++I)
    Acc[I] = integerElement(Area + TX_WARP_MMA_C_OFFSET, TX_MATRIX_S32, I);
  multiplyAdd(Op, A, B, Acc);
  int32_t *TileD = operand<int32_t>(Area, TX_WARP_MMA_D_OFFSET);
  for (unsigned I = 0; I < Count; ++I) {
    int64_t Value = Acc[I];
    if (Op.Saturate)
      Value = Value > INT32_MAX   ? INT32_MAX
              : Value < INT32_MIN ? INT32_MIN
                                  : Value;
    TileD[I] = static_cast<int32_t>(static_cast<uint32_t>(Value));
  }
}

/// Single bits: A is row-major and B column-major, so a row of A and a
/// column of B are each K/32 contiguous words.
void bitProduct(const TxWarpMma &Op, unsigned char *Area) {
  const uint32_t *TileA = operand<uint32_t>(Area, TX_WARP_MMA_A_OFFSET);
  const uint32_t *TileB = operand<uint32_t>(Area, TX_WARP_MMA_B_OFFSET);
  const int32_t *TileC = operand<int32_t>(Area, TX_WARP_MMA_C_OFFSET);
  int32_t *TileD = operand<int32_t>(Area, TX_WARP_MMA_D_OFFSET);
  const unsigned Words = Op.K / 32;
  for (unsigned R = 0; R < Op.M; ++R)
    for (unsigned C = 0; C < Op.N; ++C) {
      uint32_t Sum = uint32_t(TileC[R * Op.N + C]);
      for (unsigned W = 0; W < Words; ++W) {
        uint32_t RowA = TileA[R * Words + W], ColB = TileB[C * Words + W];
        Sum += __builtin_popcount(Op.BitOp == TX_MATRIX_BIT_AND ? RowA & ColB
                                                                : RowA ^ ColB);
      }
      TileD[R * Op.N + C] = static_cast<int32_t>(Sum);
    }
}

/// Floating results under saturation: within +-max finite of TypeD (the
/// lanes round f16 results after this, and 65504 stays 65504).
void saturateReals(const TxWarpMma &Op, unsigned char *Area) {
  const unsigned Count = unsigned(Op.M) * Op.N;
  if (Op.TypeD == TX_MATRIX_F64) {
    double *D = operand<double>(Area, TX_WARP_MMA_D_OFFSET);
    const double Max = std::numeric_limits<double>::max();
    for (unsigned I = 0; I < Count; ++I)
      D[I] = std::isnan(D[I]) ? D[I] : std::fmax(-Max, std::fmin(Max, D[I]));
    return;
  }
  float *D = operand<float>(Area, TX_WARP_MMA_D_OFFSET);
  const float Max =
      Op.TypeD == TX_MATRIX_F16 ? 65504.0f : std::numeric_limits<float>::max();
  for (unsigned I = 0; I < Count; ++I)
    D[I] = std::isnan(D[I]) ? D[I] : std::fmax(-Max, std::fmin(Max, D[I]));
}

bool isPublishedAsFloat(unsigned Type) {
  return Type == TX_MATRIX_F16 || Type == TX_MATRIX_BF16 ||
         Type == TX_MATRIX_TF32 || Type == TX_MATRIX_F32;
}

/// The fixed-shape version of a product of f32-published operands, if any.
bool fixedRealProduct(const TxWarpMma &Op, unsigned char *Area) {
  const bool CA = Op.ColMajorA, CB = Op.ColMajorB;
  if (!isPublishedAsFloat(Op.TypeA) || !isPublishedAsFloat(Op.TypeB))
    return false;
  if (Op.M == 16 && Op.N == 16 && Op.K == 16)
    productF32M16N16K16(Area, CA, CB);
  else if (Op.M == 32 && Op.N == 8 && Op.K == 16)
    productF32M32N8K16(Area, CA, CB);
  else if (Op.M == 8 && Op.N == 32 && Op.K == 16)
    productF32M8N32K16(Area, CA, CB);
  else if (Op.M == 16 && Op.N == 16 && Op.K == 8)
    productF32M16N16K8(Area, CA, CB);
  else if (Op.M == 16 && Op.N == 8 && Op.K == 16)
    productF32M16N8K16(Area, CA, CB);
  else if (Op.M == 16 && Op.N == 8 && Op.K == 8)
    productF32M16N8K8(Area, CA, CB);
  else if (Op.M == 16 && Op.N == 8 && Op.K == 4)
    productF32M16N8K4(Area, CA, CB);
  else
    return false;
  return true;
}

bool fixedInteger8Product(const TxWarpMma &Op, unsigned char *Area) {
  const bool CA = Op.ColMajorA, CB = Op.ColMajorB, Sat = Op.Saturate;
  // Published as s32 whatever their signedness (mma.sync mixes them).
  auto IsByte = [](unsigned T) {
    return T == TX_MATRIX_S8 || T == TX_MATRIX_U8;
  };
  if (!IsByte(Op.TypeA) || !IsByte(Op.TypeB))
    return false;
  if (Op.M == 16 && Op.N == 16 && Op.K == 16)
    productS32M16N16K16(Area, CA, CB, Sat);
  else if (Op.M == 32 && Op.N == 8 && Op.K == 16)
    productS32M32N8K16(Area, CA, CB, Sat);
  else if (Op.M == 8 && Op.N == 32 && Op.K == 16)
    productS32M8N32K16(Area, CA, CB, Sat);
  else if (Op.M == 16 && Op.N == 8 && Op.K == 32)
    productS32M16N8K32(Area, CA, CB, Sat);
  else if (Op.M == 16 && Op.N == 8 && Op.K == 16)
    productS32M16N8K16(Area, CA, CB, Sat);
  else if (Op.M == 8 && Op.N == 8 && Op.K == 16)
    productS32M8N8K16(Area, CA, CB, Sat);
  else
    return false;
  return true;
}

/// Bits a published element of Type takes in its tile.
unsigned publishedBits(unsigned Type) {
  switch (Type) {
  case TX_MATRIX_F64:
    return 64;
  case TX_MATRIX_E4M3:
  case TX_MATRIX_E5M2:
    return 8;
  case TX_MATRIX_S4:
  case TX_MATRIX_U4:
    return 4;
  case TX_MATRIX_B1:
    return 1;
  default:
    return 32;
  }
}

bool fitsOperand(unsigned Elements, unsigned Type) {
  return Elements <= MaxOperandElements &&
         Elements * publishedBits(Type) <= 8 * OperandBytes;
}

bool fitsArea(const TxWarpMma &Op) {
  return fitsOperand(unsigned(Op.M) * Op.K, Op.TypeA) &&
         fitsOperand(unsigned(Op.K) * Op.N, Op.TypeB) &&
         unsigned(Op.M) * Op.N <= MaxAccumulatorElements;
}

bool isIntegerType(unsigned Type) {
  return Type == TX_MATRIX_S8 || Type == TX_MATRIX_U8 || Type == TX_MATRIX_S4 ||
         Type == TX_MATRIX_U4;
}

} // namespace

TX_EXPORT void *__tx_warp_matrix_areas(void) { return workspace(); }

TX_EXPORT void __tx_warp_mma(void *Area, const TxWarpMma *Op) {
  auto *Bytes = static_cast<unsigned char *>(Area);
  // An operand shared with an earlier product of the group: one copy here
  // instead of every lane publishing it again.
  auto Borrow = [&](unsigned AreasBack, unsigned Offset) {
    if (AreasBack)
      std::memcpy(Bytes + Offset,
                  Bytes - size_t(AreasBack) * TX_WARP_MMA_AREA_BYTES + Offset,
                  OperandBytes);
  };
  Borrow(Op->AreaOfA, TX_WARP_MMA_A_OFFSET);
  Borrow(Op->AreaOfB, TX_WARP_MMA_B_OFFSET);
  if (Op->TypeA == TX_MATRIX_B1) {
    // K bits per row: 32 rows of up to 512 bits fit an operand's 2 KiB.
    if (Op->K % 32 == 0 && unsigned(Op->M) * Op->K <= 8 * OperandBytes &&
        unsigned(Op->N) * Op->K <= 8 * OperandBytes &&
        unsigned(Op->M) * Op->N <= MaxAccumulatorElements)
      bitProduct(*Op, Bytes);
    return;
  }
  // Only the shapes LowerWarpMatrix emits; anything larger is not a product
  // it could have asked for.
  if (!fitsArea(*Op))
    return;
  if (isIntegerType(Op->TypeA)) {
    if (!fixedInteger8Product(*Op, Bytes))
      genericIntegerProduct(*Op, Bytes);
    return;
  }
  if (Op->TypeA == TX_MATRIX_F64) {
    if (Op->M == 8 && Op->N == 8 && Op->K == 4)
      productF64M8N8K4(Bytes, Op->ColMajorA, Op->ColMajorB);
    else
      genericRealProduct<double>(*Op, Bytes);
  } else if (!fixedRealProduct(*Op, Bytes)) {
    genericRealProduct<float>(*Op, Bytes);
  }
  if (Op->Saturate)
    saturateReals(*Op, Bytes);
}
