//===- rand/tools/GenerateMt19937Tables.cpp - MT19937 jump polynomials ----===//
//
// Part of Tongxin. Run at build time: prints tongxin/curand_mt19937_tables.h,
// the polynomials that move an MT19937 state ahead by 2^2048 * 2^K steps
// (K = 0..12), the distance between the 8192 streams of the host API's
// MT19937 generator (measured against NVIDIA's host generator).
//
// MT19937 is linear over GF(2): its characteristic polynomial P (degree
// 19937) comes from Berlekamp-Massey on one output bit, and jumping N steps
// is applying (x^N mod P) to the state. x^(2^k) mod P is x squared k times.
// Derived here from Matsumoto and Nishimura's published recurrence (1998).
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

constexpr int Degree = 19937;
constexpr int Words = (Degree + 63) / 64; // a polynomial of degree < 19937
constexpr int StateWords = 624, Middle = 397;
constexpr int FirstPower = 2048, Powers = 13;

using Bits = std::vector<uint64_t>;

bool bitOf(const Bits &B, size_t I) { return (B[I / 64] >> (I % 64)) & 1; }
void flip(Bits &B, size_t I) { B[I / 64] ^= 1ull << (I % 64); }

/// 64 bits of B from bit I on (bits past the end read as 0).
uint64_t wordAt(const Bits &B, size_t I) {
  size_t W = I / 64, S = I % 64;
  uint64_t Low = W < B.size() ? B[W] >> S : 0;
  uint64_t High = S && W + 1 < B.size() ? B[W + 1] << (64 - S) : 0;
  return Low | High;
}

/// The untempered MT19937 word sequence from init_genrand(Seed):
/// W[m + 624] = W[m + 397] ^ twist(W[m], W[m + 1]).
std::vector<uint32_t> words(uint32_t Seed, size_t Count) {
  std::vector<uint32_t> W(Count + StateWords);
  W[0] = Seed;
  for (uint32_t I = 1; I < StateWords; ++I)
    W[I] = 1812433253u * (W[I - 1] ^ (W[I - 1] >> 30)) + I;
  for (size_t M = StateWords; M < W.size(); ++M) {
    uint32_t Y = (W[M - 624] & 0x80000000u) | (W[M - 623] & 0x7fffffffu);
    W[M] = W[M - 624 + Middle] ^ (Y >> 1) ^ (Y & 1 ? 0x9908b0dfu : 0);
  }
  return W;
}

/// The characteristic polynomial of the bit sequence S (Berlekamp-Massey
/// over GF(2), 64 coefficients at a time), bit I standing for x^I.
Bits characteristic(const std::vector<int> &S) {
  size_t N = S.size(), CW = N / 64 + 2;
  // Rev holds S backwards, so that S[n - j] for j = 0..L is one window.
  Bits Rev(CW + 1, 0), C(CW, 0), B(CW, 0);
  for (size_t I = 0; I < N; ++I)
    if (S[N - 1 - I])
      flip(Rev, I);
  C[0] = B[0] = 1;
  size_t L = 0, M = 1;
  for (size_t Step = 0; Step < N; ++Step) {
    uint64_t Sum = 0;
    size_t From = N - 1 - Step;
    for (size_t W = 0; W <= L / 64; ++W)
      Sum ^= C[W] & wordAt(Rev, From + 64 * W);
    if (!__builtin_parityll(Sum)) {
      ++M;
      continue;
    }
    Bits T = C;
    // C ^= B * x^M, 64 coefficients at a time.
    for (size_t I = 0; I + M < 64 * CW; I += 64) {
      uint64_t Chunk = wordAt(B, I);
      size_t To = I + M, W = To / 64, Sh = To % 64;
      C[W] ^= Chunk << Sh;
      if (Sh && W + 1 < CW)
        C[W + 1] ^= Chunk >> (64 - Sh);
    }
    if (2 * L <= Step) {
      L = Step + 1 - L;
      B = T;
      M = 1;
    } else {
      ++M;
    }
  }
  // The connection polynomial is the reciprocal of the characteristic one.
  Bits P(Words + 1, 0);
  for (size_t I = 0; I <= L; ++I)
    if (bitOf(C, I))
      flip(P, L - I);
  if (L != Degree) {
    std::fprintf(stderr, "unexpected MT19937 degree %zu\n", L);
    std::exit(1);
  }
  return P;
}

/// Squares polynomials modulo P.
class Squarer {
public:
  explicit Squarer(const Bits &P) : Shifted(64, Bits(Words + 1, 0)) {
    for (int S = 0; S < 64; ++S)
      for (int I = 0; I <= Degree; ++I)
        if (bitOf(P, I))
          flip(Shifted[S], I + S);
  }

  Bits square(const Bits &A) const {
    Bits R(2 * Words + 1, 0);
    for (int W = 0; W < Words; ++W) {
      R[2 * W] = spread((uint32_t)A[W]);
      R[2 * W + 1] = spread((uint32_t)(A[W] >> 32));
    }
    // Clear each coefficient at or above x^19937 with P times x^(I - 19937).
    for (int I = 2 * (Degree - 1); I >= Degree; --I) {
      if (!bitOf(R, I))
        continue;
      int Shift = I - Degree;
      const Bits &Q = Shifted[Shift % 64];
      uint64_t *To = &R[Shift / 64];
      for (int W = 0; W <= Words; ++W)
        To[W] ^= Q[W];
    }
    R.resize(Words);
    return R;
  }

private:
  /// The bits of X at the even positions of a 64-bit word.
  static uint64_t spread(uint32_t X) {
    uint64_t V = X;
    V = (V | V << 16) & 0x0000ffff0000ffffull;
    V = (V | V << 8) & 0x00ff00ff00ff00ffull;
    V = (V | V << 4) & 0x0f0f0f0f0f0f0f0full;
    V = (V | V << 2) & 0x3333333333333333ull;
    V = (V | V << 1) & 0x5555555555555555ull;
    return V;
  }

  std::vector<Bits> Shifted; // P times x^0 .. x^63
};

/// Word I of the sequence W jumped by the polynomial J (coefficient j
/// standing for j steps): the XOR of W[I + j] over J's coefficients.
uint32_t jumped(const std::vector<uint32_t> &W, const Bits &J, size_t I) {
  uint32_t R = 0;
  for (int K = 0; K < Degree; ++K)
    if (bitOf(J, K))
      R ^= W[I + K];
  return R;
}

} // namespace

int main() {
  // Any output bit of the generator obeys the characteristic polynomial.
  std::vector<uint32_t> W = words(5489, 2 * Degree + 1100);
  std::vector<int> Bit;
  for (size_t I = 624; I < 624 + 2 * Degree + 64; ++I)
    Bit.push_back(W[I] & 1);
  Bits P = characteristic(Bit);
  Squarer Sq(P);

  Bits X(Words, 0);
  flip(X, 1);
  std::vector<Bits> Out;
  for (int K = 0; K < FirstPower + Powers; ++K) {
    // Self-check: x^(2^10) must move the sequence 1024 words ahead.
    if (K == 10)
      for (size_t I = 1; I < 700; I += 97)
        if (jumped(W, X, I) != W[I + 1024]) {
          std::fprintf(stderr, "MT19937 jump self-check failed\n");
          return 1;
        }
    if (K >= FirstPower)
      Out.push_back(X);
    X = Sq.square(X);
  }

  std::printf("/* Generated by libs/rand/tools/GenerateMt19937Tables.cpp: do "
              "not edit. */\n#ifndef TONGXIN_CURAND_MT19937_TABLES_H\n"
              "#define TONGXIN_CURAND_MT19937_TABLES_H\n\n");
  std::printf("/* x^(2^(%d + K)) mod MT19937's characteristic polynomial, "
              "K = 0..%d; bit I\n   of word I / 64 is x^I. */\n",
              FirstPower, Powers - 1);
  std::printf("#define __TX_MT19937_JUMP_LOG2 %d\n", FirstPower);
  std::printf("#define __TX_MT19937_JUMP_COUNT %d\n", Powers);
  std::printf("#define __TX_MT19937_JUMP_WORDS %d\n", Words);
  std::printf("#define __TX_MT19937_JUMP_POLYS \\\n");
  for (int K = 0; K < Powers; ++K) {
    std::printf("  {");
    for (int I = 0; I < Words; ++I)
      std::printf("%s0x%016llxull%s", I % 4 ? " " : " \\\n   ",
                  (unsigned long long)Out[K][I], I + 1 < Words ? "," : "");
    std::printf("},%s\n", K + 1 < Powers ? " \\" : "");
  }
  std::printf("\n#endif\n");
  return 0;
}
