//===- gemm/Convert.cpp - Widening and narrowing runs of elements ---------===//
//
// Part of Tongxin. See Convert.h.
//
//===----------------------------------------------------------------------===//

#include "Convert.h"

#include <cmath>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace tx {
namespace gemm {

//===--- Scalar conversions -----------------------------------------------===//

static float halfToFloat(uint16_t H) {
  uint32_t Sign = uint32_t(H & 0x8000) << 16;
  uint32_t Exp = (H >> 10) & 0x1f, Mant = H & 0x3ff;
  uint32_t Bits;
  if (Exp == 0x1f) {
    Bits = Sign | 0x7f800000u | (Mant << 13);
  } else if (Exp != 0) {
    Bits = Sign | ((Exp + 112) << 23) | (Mant << 13);
  } else {
    // Zero or subnormal: exactly Mant * 2^-24.
    float F = std::ldexp(float(Mant), -24);
    return Sign ? -F : F;
  }
  float F;
  std::memcpy(&F, &Bits, 4);
  return F;
}

static uint16_t floatToHalf(float F) {
  uint32_t Bits;
  std::memcpy(&Bits, &F, 4);
  uint16_t Sign = uint16_t((Bits >> 16) & 0x8000);
  uint32_t Abs = Bits & 0x7fffffffu;
  if (Abs > 0x7f800000u) // NaN stays a quiet NaN.
    return Sign | 0x7e00 | uint16_t((Abs >> 13) & 0x3ff);
  if (Abs >= 0x477ff000u) // Rounds to infinity (65520 and above).
    return Sign | 0x7c00;
  if (Abs < 0x38800000u) {
    // Subnormal half (or zero): round Abs / 2^-24 to nearest even.
    float Scaled = std::fabs(F) * 16777216.0f; // Exact: a power of two.
    float Rounded = std::nearbyint(Scaled);
    return Sign | uint16_t(Rounded);
  }
  // Normal: drop 13 mantissa bits with round-to-nearest-even.
  uint32_t Rounded = Abs + 0xfff + ((Abs >> 13) & 1);
  return Sign | uint16_t((Rounded - 0x38000000u) >> 13);
}

static float bf16ToFloat(uint16_t H) {
  uint32_t Bits = uint32_t(H) << 16;
  float F;
  std::memcpy(&F, &Bits, 4);
  return F;
}

static uint16_t floatToBf16(float F) {
  uint32_t Bits;
  std::memcpy(&Bits, &F, 4);
  if ((Bits & 0x7fffffffu) > 0x7f800000u)
    return uint16_t((Bits >> 16) | 0x40);
  Bits += 0x7fff + ((Bits >> 16) & 1);
  return uint16_t(Bits >> 16);
}

/// fp8 E4M3 (no infinities; 0x7f/0xff are NaN) and E5M2 (IEEE-like).
static float fp8ToFloat(uint8_t V, bool E4M3) {
  int ExpBits = E4M3 ? 4 : 5, MantBits = E4M3 ? 3 : 2;
  int Bias = E4M3 ? 7 : 15;
  bool Neg = V & 0x80;
  int Exp = (V >> MantBits) & ((1 << ExpBits) - 1);
  int Mant = V & ((1 << MantBits) - 1);
  float F;
  if (E4M3 && Exp == 15 && Mant == 7)
    F = NAN;
  else if (!E4M3 && Exp == 31)
    F = Mant ? NAN : INFINITY;
  else if (Exp == 0)
    F = std::ldexp(float(Mant), 1 - Bias - MantBits);
  else
    F = std::ldexp(float(Mant | (1 << MantBits)), Exp - Bias - MantBits);
  return Neg ? -F : F;
}

namespace {
/// fp8 has 256 values: tables beat any arithmetic.
struct Fp8Tables {
  float E4M3[256], E5M2[256];
  Fp8Tables() {
    for (int V = 0; V < 256; ++V) {
      E4M3[V] = fp8ToFloat(uint8_t(V), true);
      E5M2[V] = fp8ToFloat(uint8_t(V), false);
    }
  }
};
const Fp8Tables &fp8Tables() {
  static const Fp8Tables Tables;
  return Tables;
}
} // namespace

//===--- fp16 runs --------------------------------------------------------===//

static void widenHalfScalar(const uint16_t *Src, int64_t Count, float *Out) {
  for (int64_t I = 0; I < Count; ++I)
    Out[I] = halfToFloat(Src[I]);
}

static void narrowHalfScalar(const float *Src, int64_t Count, uint16_t *Dst) {
  for (int64_t I = 0; I < Count; ++I)
    Dst[I] = floatToHalf(Src[I]);
}

#if defined(__x86_64__)
__attribute__((target("avx,f16c"))) static void
widenHalfF16C(const uint16_t *Src, int64_t Count, float *Out) {
  int64_t I = 0;
  for (; I + 8 <= Count; I += 8) {
    __m128i H = _mm_loadu_si128(reinterpret_cast<const __m128i *>(Src + I));
    _mm256_storeu_ps(Out + I, _mm256_cvtph_ps(H));
  }
  widenHalfScalar(Src + I, Count - I, Out + I);
}

__attribute__((target("avx,f16c"))) static void
narrowHalfF16C(const float *Src, int64_t Count, uint16_t *Dst) {
  int64_t I = 0;
  for (; I + 8 <= Count; I += 8) {
    __m128i H =
        _mm256_cvtps_ph(_mm256_loadu_ps(Src + I), _MM_FROUND_TO_NEAREST_INT);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(Dst + I), H);
  }
  narrowHalfScalar(Src + I, Count - I, Dst + I);
}

static bool hasF16C() {
  static const bool Has = __builtin_cpu_supports("f16c");
  return Has;
}
#endif

static void widenHalf(const uint16_t *Src, int64_t Count, float *Out) {
#if defined(__x86_64__)
  if (hasF16C())
    return widenHalfF16C(Src, Count, Out);
#endif
  widenHalfScalar(Src, Count, Out);
}

static void narrowHalf(const float *Src, int64_t Count, uint16_t *Dst) {
#if defined(__x86_64__)
  if (hasF16C())
    return narrowHalfF16C(Src, Count, Dst);
#endif
  narrowHalfScalar(Src, Count, Dst);
}

//===--- Dispatch ---------------------------------------------------------===//

template <class T> static const T *as(const void *P) {
  return static_cast<const T *>(P);
}

void widen(Type T, const void *Src, int64_t Count, float *Out) {
  switch (T) {
  case Type::F32:
  case Type::C32:
    std::memcpy(Out, Src, size_t(Count) * 4);
    return;
  case Type::F16:
    return widenHalf(as<uint16_t>(Src), Count, Out);
  case Type::BF16:
    for (int64_t I = 0; I < Count; ++I)
      Out[I] = bf16ToFloat(as<uint16_t>(Src)[I]);
    return;
  case Type::I8:
  case Type::C8I:
    for (int64_t I = 0; I < Count; ++I)
      Out[I] = float(as<int8_t>(Src)[I]);
    return;
  case Type::I32:
    for (int64_t I = 0; I < Count; ++I)
      Out[I] = float(as<int32_t>(Src)[I]);
    return;
  case Type::E4M3:
  case Type::E5M2: {
    const float *Table = T == Type::E4M3 ? fp8Tables().E4M3 : fp8Tables().E5M2;
    for (int64_t I = 0; I < Count; ++I)
      Out[I] = Table[as<uint8_t>(Src)[I]];
    return;
  }
  case Type::F64:
  case Type::C64:
    for (int64_t I = 0; I < Count; ++I)
      Out[I] = float(as<double>(Src)[I]);
    return;
  }
}

static int32_t saturate(float F, float Lo, float Hi) {
  if (std::isnan(F))
    return 0;
  float R = std::nearbyint(F);
  return int32_t(R < Lo ? Lo : (R > Hi ? Hi : R));
}

/// Nearest fp8 value, ties to even, saturating to the largest finite
/// value as CUDA's __NV_SATFINITE conversions do.
static uint8_t floatToFp8(float F, bool E4M3) {
  const int MantBits = E4M3 ? 3 : 2, Bias = E4M3 ? 7 : 15;
  const int MinExp = 1 - Bias;
  const float MaxFinite = E4M3 ? 448.0f : 57344.0f;
  if (std::isnan(F))
    return E4M3 ? 0x7f : 0x7e;
  uint8_t Sign = std::signbit(F) ? 0x80 : 0;
  float A = std::fabs(F);
  if (A == 0)
    return Sign;
  int Exp = std::ilogb(A);
  if (Exp < MinExp)
    Exp = MinExp;
  // Round to a multiple of the quantum at this exponent.
  float Quantum = std::ldexp(1.0f, Exp - MantBits);
  float R = std::nearbyint(A / Quantum) * Quantum;
  if (R > MaxFinite)
    R = MaxFinite;
  int RExp = std::ilogb(R);
  if (R == 0)
    return Sign;
  if (RExp < MinExp) // Subnormal: mantissa only.
    return Sign | uint8_t(R / std::ldexp(1.0f, MinExp - MantBits));
  int Mant = int(R / std::ldexp(1.0f, RExp - MantBits)) - (1 << MantBits);
  return Sign | uint8_t(((RExp + Bias) << MantBits) | Mant);
}

void narrow(const float *Src, int64_t Count, Type T, void *Dst) {
  switch (T) {
  case Type::F32:
  case Type::C32:
    std::memcpy(Dst, Src, size_t(Count) * 4);
    return;
  case Type::F16:
    return narrowHalf(Src, Count, static_cast<uint16_t *>(Dst));
  case Type::BF16:
    for (int64_t I = 0; I < Count; ++I)
      static_cast<uint16_t *>(Dst)[I] = floatToBf16(Src[I]);
    return;
  case Type::I8:
  case Type::C8I:
    for (int64_t I = 0; I < Count; ++I)
      static_cast<int8_t *>(Dst)[I] = int8_t(saturate(Src[I], -128, 127));
    return;
  case Type::I32:
    for (int64_t I = 0; I < Count; ++I)
      static_cast<int32_t *>(Dst)[I] =
          saturate(Src[I], -2147483648.0f, 2147483520.0f);
    return;
  case Type::E4M3:
  case Type::E5M2:
    for (int64_t I = 0; I < Count; ++I)
      static_cast<uint8_t *>(Dst)[I] = floatToFp8(Src[I], T == Type::E4M3);
    return;
  case Type::F64:
  case Type::C64:
    for (int64_t I = 0; I < Count; ++I)
      static_cast<double *>(Dst)[I] = Src[I];
    return;
  }
}

double loadReal(Type T, const void *Src, int64_t Index) {
  float F;
  switch (T) {
  case Type::F64:
  case Type::C64:
    return as<double>(Src)[Index];
  case Type::I32:
    return as<int32_t>(Src)[Index];
  default:
    widen(T, as<char>(Src) + Index * int64_t(elementSize(scalarTypeOf(T))), 1,
          &F);
    return F;
  }
}

Type scalarTypeOf(Type T) {
  switch (T) {
  case Type::C32:
    return Type::F32;
  case Type::C64:
    return Type::F64;
  case Type::C8I:
    return Type::I8;
  default:
    return T;
  }
}

bool isComplexType(Type T) { return scalarTypeOf(T) != T; }

unsigned elementSize(Type T) {
  switch (T) {
  case Type::F64:
  case Type::C32:
    return 8;
  case Type::C64:
    return 16;
  case Type::F32:
  case Type::I32:
    return 4;
  case Type::F16:
  case Type::BF16:
  case Type::C8I:
    return 2;
  case Type::I8:
  case Type::E4M3:
  case Type::E5M2:
    return 1;
  }
  return 1;
}

} // namespace gemm
} // namespace tx
