//===- rand/Sobol.cpp - The Sobol generators of the host API --------------===//
//
// Part of Tongxin. See Sobol.h. The direction vectors are expanded from
// Joe and Kuo's polynomials and initial numbers (curand_sobol_tables.h,
// generated at build time) by the Sobol recurrence
//   m_k = m_{k-s} ^ (m_{k-s} << s) ^ XOR_{i<s, a_i set} (m_{k-i} << i),
// v_k = m_k << (width - 1 - k); generation walks each dimension's points
// in Gray-code order, one XOR per point, in contiguous runs.
//
//===----------------------------------------------------------------------===//

#include "Sobol.h"

#include "tongxin/curand_sobol.h"
#include "tongxin/curand_sobol_tables.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

using namespace tx::rand;

static const unsigned SobolDimensions = TX_SOBOL_DIMENSIONS;

//===--- Direction vectors ------------------------------------------------===//

/// Dimension D's 64 direction numbers m_k, as 64-bit vectors.
static void expandDimension(unsigned D, unsigned long long *V) {
  unsigned long long M[64];
  unsigned S = SobolDegree[D];
  if (!S) {
    for (unsigned K = 0; K < 64; ++K)
      V[K] = 1ull << (63 - K);
    return;
  }
  unsigned A = SobolInner[D];
  for (unsigned K = 0; K < S; ++K)
    M[K] = SobolInitial[SobolStart[D] + K];
  for (unsigned K = S; K < 64; ++K) {
    unsigned long long Next = M[K - S] ^ (M[K - S] << S);
    for (unsigned I = 1; I < S; ++I)
      if ((A >> (S - 1 - I)) & 1)
        Next ^= M[K - I] << I;
    M[K] = Next;
  }
  for (unsigned K = 0; K < 64; ++K)
    V[K] = M[K] << (63 - K);
}

/// A fixed stream of random words (SplitMix64) for the scrambled sets.
static unsigned long long splitMix(unsigned long long &State) {
  unsigned long long Z = (State += 0x9e3779b97f4a7c15ull);
  Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ull;
  Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebull;
  return Z ^ (Z >> 31);
}

/// Dimension D's scramble: output bit K is the parity of the input under
/// Rows[K], which holds bit K and random higher bits; and a random shift.
struct Scramble {
  unsigned long long Rows[64];
  unsigned long long Shift;
};

static Scramble scrambleFor(unsigned D) {
  unsigned long long State = 0x7478637572616e64ull ^ (D * 0x100000001b3ull);
  Scramble S;
  for (unsigned K = 0; K < 64; ++K) {
    unsigned long long Higher = K == 63 ? 0 : ~0ull << (K + 1);
    S.Rows[K] = (1ull << K) | (splitMix(State) & Higher);
  }
  S.Shift = splitMix(State);
  return S;
}

static unsigned long long applyScramble(const Scramble &S,
                                        unsigned long long X) {
  unsigned long long Out = 0;
  for (unsigned K = 0; K < 64; ++K)
    Out |= (unsigned long long)(__builtin_popcountll(X & S.Rows[K]) & 1) << K;
  return Out;
}

namespace {

/// The four vector sets and two constant sets, each built once.
struct Tables {
  std::once_flag Built[6];
  std::unique_ptr<curandDirectionVectors32_t[]> V32, ScrambledV32;
  std::unique_ptr<curandDirectionVectors64_t[]> V64, ScrambledV64;
  std::unique_ptr<unsigned[]> Shift32;
  std::unique_ptr<unsigned long long[]> Shift64;
};

} // namespace

static Tables &tables() {
  static Tables *T = new Tables; // alive until exit: callers keep pointers
  return *T;
}

/// 32-bit vectors are the top halves of the 64-bit ones (for k < 32, and
/// the scramble of the top half depends on the top half only).
static void build32(bool Scrambled, curandDirectionVectors32_t *Out) {
  for (unsigned D = 0; D < SobolDimensions; ++D) {
    unsigned long long V[64];
    expandDimension(D, V);
    Scramble S;
    if (Scrambled)
      S = scrambleFor(D);
    for (unsigned K = 0; K < 32; ++K)
      Out[D][K] = (unsigned)((Scrambled ? applyScramble(S, V[K]) : V[K]) >> 32);
  }
}

static void build64(bool Scrambled, curandDirectionVectors64_t *Out) {
  for (unsigned D = 0; D < SobolDimensions; ++D) {
    expandDimension(D, Out[D]);
    if (!Scrambled)
      continue;
    Scramble S = scrambleFor(D);
    for (unsigned K = 0; K < 64; ++K)
      Out[D][K] = applyScramble(S, Out[D][K]);
  }
}

const curandDirectionVectors32_t *
tx::rand::sobolDirections32(curandDirectionVectorSet_t Set) {
  Tables &T = tables();
  bool Scrambled = Set == CURAND_SCRAMBLED_DIRECTION_VECTORS_32_JOEKUO6;
  if (!Scrambled && Set != CURAND_DIRECTION_VECTORS_32_JOEKUO6)
    return nullptr;
  auto &Vectors = Scrambled ? T.ScrambledV32 : T.V32;
  std::call_once(T.Built[Scrambled], [&] {
    Vectors.reset(new curandDirectionVectors32_t[SobolDimensions]);
    build32(Scrambled, Vectors.get());
  });
  return Vectors.get();
}

const curandDirectionVectors64_t *
tx::rand::sobolDirections64(curandDirectionVectorSet_t Set) {
  Tables &T = tables();
  bool Scrambled = Set == CURAND_SCRAMBLED_DIRECTION_VECTORS_64_JOEKUO6;
  if (!Scrambled && Set != CURAND_DIRECTION_VECTORS_64_JOEKUO6)
    return nullptr;
  auto &Vectors = Scrambled ? T.ScrambledV64 : T.V64;
  std::call_once(T.Built[2 + Scrambled], [&] {
    Vectors.reset(new curandDirectionVectors64_t[SobolDimensions]);
    build64(Scrambled, Vectors.get());
  });
  return Vectors.get();
}

const unsigned long long *tx::rand::sobolScrambleConstants64() {
  Tables &T = tables();
  std::call_once(T.Built[5], [&] {
    T.Shift64.reset(new unsigned long long[SobolDimensions]);
    for (unsigned D = 0; D < SobolDimensions; ++D)
      T.Shift64[D] = scrambleFor(D).Shift;
  });
  return T.Shift64.get();
}

const unsigned *tx::rand::sobolScrambleConstants32() {
  Tables &T = tables();
  std::call_once(T.Built[4], [&] {
    const unsigned long long *Wide = sobolScrambleConstants64();
    T.Shift32.reset(new unsigned[SobolDimensions]);
    for (unsigned D = 0; D < SobolDimensions; ++D)
      T.Shift32[D] = (unsigned)(Wide[D] >> 32);
  });
  return T.Shift32.get();
}

//===--- Generation -------------------------------------------------------===//

bool tx::rand::isSobol(curandRngType_t Type) {
  return Type >= CURAND_RNG_QUASI_SOBOL32 &&
         Type <= CURAND_RNG_QUASI_SCRAMBLED_SOBOL64;
}

static bool isWide(curandRngType_t Type) {
  return Type == CURAND_RNG_QUASI_SOBOL64 ||
         Type == CURAND_RNG_QUASI_SCRAMBLED_SOBOL64;
}

static bool isScrambled(curandRngType_t Type) {
  return Type == CURAND_RNG_QUASI_SCRAMBLED_SOBOL32 ||
         Type == CURAND_RNG_QUASI_SCRAMBLED_SOBOL64;
}

curandStatus_t tx::rand::checkSobolRequest(curandRngType_t Type,
                                           unsigned Dimensions,
                                           const Request &R) {
  // 32-bit words come from the 32-bit generators only, 64-bit from the
  // 64-bit ones.
  if (R.Kind == OutputKind::Bits32 && isWide(Type))
    return CURAND_STATUS_TYPE_ERROR;
  if (R.Kind == OutputKind::Bits64 && !isWide(Type))
    return CURAND_STATUS_TYPE_ERROR;
  if (R.Count % Dimensions)
    return CURAND_STATUS_LENGTH_NOT_MULTIPLE;
  return CURAND_STATUS_SUCCESS;
}

namespace {

/// One run of consecutive points of one dimension, written in place.
struct Run {
  unsigned Dimension;
  unsigned long long First; // point index
  size_t Count, At;         // points, and where the first goes in Output
};

} // namespace

static float scaledFloat(float Z, const Request &R) {
  return (float)R.Mean + (float)R.StdDev * Z;
}

/// Converts one 32-bit point into output element At.
static void store32(const Request &R, size_t At, unsigned X) {
  switch (R.Kind) {
  case OutputKind::Bits32:
    static_cast<unsigned *>(R.Output)[At] = X;
    return;
  case OutputKind::Uniform:
  case OutputKind::Poisson:
    static_cast<float *>(R.Output)[At] = __tx_uniform(X);
    return;
  case OutputKind::UniformDouble:
    static_cast<double *>(R.Output)[At] = __tx_sobol_uniform_double(X);
    return;
  case OutputKind::Normal:
    static_cast<float *>(R.Output)[At] = scaledFloat(__tx_normal_icdf(X), R);
    return;
  case OutputKind::LogNormal:
    static_cast<float *>(R.Output)[At] =
        std::exp(scaledFloat(__tx_normal_icdf(X), R));
    return;
  case OutputKind::NormalDouble:
    static_cast<double *>(R.Output)[At] =
        R.Mean + R.StdDev * __tx_normal_icdf_double(X);
    return;
  case OutputKind::LogNormalDouble:
    static_cast<double *>(R.Output)[At] =
        std::exp(R.Mean + R.StdDev * __tx_normal_icdf_double(X));
    return;
  case OutputKind::Bits64:
  case OutputKind::NormalSequence:
    return; // refused by checkSobolRequest; not asked of Sobol
  }
}

/// Converts one 64-bit point: floats use its top 32 bits.
static void store64(const Request &R, size_t At, unsigned long long X) {
  switch (R.Kind) {
  case OutputKind::Bits64:
    static_cast<unsigned long long *>(R.Output)[At] = X;
    return;
  case OutputKind::UniformDouble:
    static_cast<double *>(R.Output)[At] = __tx_sobol64_uniform_double(X);
    return;
  case OutputKind::NormalDouble:
    static_cast<double *>(R.Output)[At] =
        R.Mean + R.StdDev * __tx_normal_icdf_double64(X);
    return;
  case OutputKind::LogNormalDouble:
    static_cast<double *>(R.Output)[At] =
        std::exp(R.Mean + R.StdDev * __tx_normal_icdf_double64(X));
    return;
  default:
    store32(R, At, (unsigned)(X >> 32));
    return;
  }
}

template <typename Word, typename Store>
static void walk(const Word *V, Word Shift, const Run &Part, const Request &R,
                 Store Put) {
  Word I = (Word)Part.First;
  Word X = Shift;
  for (Word G = I ^ (I >> 1), J = 0; G; ++J, G >>= 1)
    if (G & 1)
      X ^= V[J];
  for (size_t K = 0; K < Part.Count; ++K, ++I) {
    Put(R, Part.At + K, X);
    X ^= V[__tx_sobol_change(I, 8 * (int)sizeof(Word))];
  }
}

void tx::rand::generateSobol(curandRngType_t Type, unsigned Dimensions,
                             unsigned long long Offset, const Request &R,
                             const ParallelFor &For) {
  const size_t Chunk = 16384;
  size_t PerDimension = R.Count / Dimensions;
  size_t ChunksPerDimension = (PerDimension + Chunk - 1) / Chunk;
  bool Scrambled = isScrambled(Type);
  const void *Vectors =
      isWide(Type)
          ? (const void *)sobolDirections64(
                Scrambled ? CURAND_SCRAMBLED_DIRECTION_VECTORS_64_JOEKUO6
                          : CURAND_DIRECTION_VECTORS_64_JOEKUO6)
          : (const void *)sobolDirections32(
                Scrambled ? CURAND_SCRAMBLED_DIRECTION_VECTORS_32_JOEKUO6
                          : CURAND_DIRECTION_VECTORS_32_JOEKUO6);
  const unsigned long long *Shift64 =
      Scrambled ? sobolScrambleConstants64() : nullptr;
  const unsigned *Shift32 = Scrambled ? sobolScrambleConstants32() : nullptr;
  For(Dimensions * ChunksPerDimension, [&](size_t Task) {
    Run Part;
    Part.Dimension = (unsigned)(Task / ChunksPerDimension);
    size_t Begin = (Task % ChunksPerDimension) * Chunk;
    Part.First = Offset + Begin;
    Part.Count = std::min(Chunk, PerDimension - Begin);
    Part.At = Part.Dimension * PerDimension + Begin;
    unsigned D = Part.Dimension;
    if (isWide(Type))
      walk<unsigned long long>(
          static_cast<const curandDirectionVectors64_t *>(Vectors)[D],
          Shift64 ? Shift64[D] : 0, Part, R, store64);
    else
      walk<unsigned>(
          static_cast<const curandDirectionVectors32_t *>(Vectors)[D],
          Shift32 ? Shift32[D] : 0, Part, R, store32);
  });
}
