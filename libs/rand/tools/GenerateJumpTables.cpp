//===- rand/tools/GenerateJumpTables.cpp - Skip-ahead tables for cuRAND --===//
//
// Part of Tongxin. Run at build time: prints tongxin/curand_jump_tables.h,
// the constants that let XORWOW and MRG32k3a jump ahead by 2^k steps in
// O(k) work, derived here from the generators' published recurrences
// (Marsaglia 2003; L'Ecuyer 1999) instead of being copied from anywhere.
//
//  - XORWOW's 160-bit xorshift part is linear over GF(2). Its
//    characteristic polynomial P comes from Berlekamp-Massey on one output
//    bit; jumping N steps is then applying (x^N mod P) to the state, and
//    the table holds x^(2^k) mod P.
//  - MRG32k3a's two components are 3x3 linear maps modulo m1 and m2; the
//    table holds their 2^k-th powers.
//
// Powers 2^0..2^63 serve offsets. Subsequences are 2^67 (XORWOW) and 2^76
// (MRG32k3a) steps apart, sequences of MRG32k3a 2^127: those powers follow.
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

/// A polynomial over GF(2) of degree < 160; bit I of word I/32 is x^I.
struct Poly160 {
  uint32_t W[5] = {0, 0, 0, 0, 0};
  bool bit(int I) const { return (W[I / 32] >> (I % 32)) & 1; }
  void flip(int I) { W[I / 32] ^= 1u << (I % 32); }
};

/// 3x3 matrix of residues.
struct Mat3 {
  uint64_t M[3][3];
};

} // namespace

//===--- XORWOW -----------------------------------------------------------===//

static void xorwowStep(uint32_t V[5]) {
  uint32_t T = V[0] ^ (V[0] >> 2);
  V[0] = V[1];
  V[1] = V[2];
  V[2] = V[3];
  V[3] = V[4];
  V[4] = (V[4] ^ (V[4] << 4)) ^ (T ^ (T << 1));
}

/// The connection polynomial of a bit sequence (Berlekamp-Massey over GF(2)),
/// as coefficients C[0..L].
static std::vector<int> berlekampMassey(const std::vector<int> &S) {
  std::vector<int> C(S.size() + 1, 0), B(S.size() + 1, 0);
  C[0] = B[0] = 1;
  int L = 0, M = 1;
  for (size_t N = 0; N < S.size(); ++N) {
    int D = S[N];
    for (int I = 1; I <= L; ++I)
      D ^= C[I] & S[N - I];
    if (!D) {
      ++M;
      continue;
    }
    std::vector<int> T = C;
    for (size_t I = 0; I + M < C.size(); ++I)
      C[I + M] ^= B[I];
    if (2 * L <= (int)N) {
      L = (int)N + 1 - L;
      B = T;
      M = 1;
    } else {
      ++M;
    }
  }
  C.resize(L + 1);
  return C;
}

/// The characteristic polynomial's low 160 coefficients (x^160 implied).
static Poly160 xorwowCharacteristic() {
  uint32_t V[5] = {123456789, 362436069, 521288629, 88675123, 5783321};
  std::vector<int> Bits;
  for (int I = 0; I < 400; ++I) {
    xorwowStep(V);
    Bits.push_back(V[4] & 1);
  }
  std::vector<int> C = berlekampMassey(Bits);
  if (C.size() != 161) {
    std::fprintf(stderr, "unexpected XORWOW degree %zu\n", C.size() - 1);
    std::exit(1);
  }
  // The connection polynomial is the reciprocal of the characteristic one.
  Poly160 P;
  for (int I = 0; I < 160; ++I)
    if (C[160 - I])
      P.flip(I);
  return P;
}

static Poly160 mulMod(Poly160 A, const Poly160 &B, const Poly160 &P) {
  Poly160 R;
  for (int I = 0; I < 160; ++I) {
    if (B.bit(I))
      for (int J = 0; J < 5; ++J)
        R.W[J] ^= A.W[J];
    bool Carry = A.bit(159);
    for (int J = 4; J > 0; --J)
      A.W[J] = (A.W[J] << 1) | (A.W[J - 1] >> 31);
    A.W[0] <<= 1;
    if (Carry)
      for (int J = 0; J < 5; ++J)
        A.W[J] ^= P.W[J];
  }
  return R;
}

/// x^(2^K) mod P for K = 0..MaxK.
static std::vector<Poly160> xorwowPowers(const Poly160 &P, int MaxK) {
  std::vector<Poly160> Out;
  Poly160 X;
  X.flip(1);
  for (int K = 0; K <= MaxK; ++K) {
    Out.push_back(X);
    X = mulMod(X, X, P);
  }
  return Out;
}

//===--- MRG32k3a ---------------------------------------------------------===//

static const uint64_t Mod1 = 4294967087ull, Mod2 = 4294944443ull;

static Mat3 mulMat(const Mat3 &A, const Mat3 &B, uint64_t Mod) {
  Mat3 R;
  for (int I = 0; I < 3; ++I)
    for (int J = 0; J < 3; ++J) {
      uint64_t Sum = 0;
      for (int K = 0; K < 3; ++K)
        Sum = (Sum + A.M[I][K] * B.M[K][J] % Mod) % Mod;
      R.M[I][J] = Sum;
    }
  return R;
}

static std::vector<Mat3> matPowers(Mat3 A, uint64_t Mod, int MaxK) {
  std::vector<Mat3> Out;
  for (int K = 0; K <= MaxK; ++K) {
    Out.push_back(A);
    A = mulMat(A, A, Mod);
  }
  return Out;
}

//===--- Output -----------------------------------------------------------===//

static void printPolys(const char *Name, const std::vector<Poly160> &All,
                       int From, int Count) {
  std::printf("#define %s \\\n", Name);
  for (int K = From; K < From + Count; ++K) {
    const Poly160 &P = All[K];
    std::printf("  {0x%08xu, 0x%08xu, 0x%08xu, 0x%08xu, 0x%08xu},%s\n", P.W[0],
                P.W[1], P.W[2], P.W[3], P.W[4],
                K + 1 < From + Count ? " \\" : "");
  }
}

static void printMats(const char *Name, const std::vector<Mat3> &All, int From,
                      int Count) {
  std::printf("#define %s \\\n", Name);
  for (int K = From; K < From + Count; ++K) {
    const Mat3 &A = All[K];
    std::printf("  {");
    for (int I = 0; I < 3; ++I)
      for (int J = 0; J < 3; ++J)
        std::printf("%uu%s", (unsigned)A.M[I][J], I * 3 + J < 8 ? ", " : "");
    std::printf("},%s\n", K + 1 < From + Count ? " \\" : "");
  }
}

int main() {
  std::printf("/* Generated by libs/rand/tools/GenerateJumpTables.cpp: do not "
              "edit. */\n#ifndef TONGXIN_CURAND_JUMP_TABLES_H\n"
              "#define TONGXIN_CURAND_JUMP_TABLES_H\n\n");
  Poly160 P = xorwowCharacteristic();
  std::printf("#define __TX_XORWOW_CHARPOLY {0x%08xu, 0x%08xu, 0x%08xu, "
              "0x%08xu, 0x%08xu}\n",
              P.W[0], P.W[1], P.W[2], P.W[3], P.W[4]);
  std::vector<Poly160> X = xorwowPowers(P, 67 + 63);
  printPolys("__TX_XORWOW_OFFSET_POLYS", X, 0, 64);
  printPolys("__TX_XORWOW_SEQUENCE_POLYS", X, 67, 64);

  Mat3 A1 = {{{0, 1, 0}, {0, 0, 1}, {Mod1 - 810728, 1403580, 0}}};
  Mat3 A2 = {{{0, 1, 0}, {0, 0, 1}, {Mod2 - 1370589, 0, 527612}}};
  std::vector<Mat3> P1 = matPowers(A1, Mod1, 127 + 63);
  std::vector<Mat3> P2 = matPowers(A2, Mod2, 127 + 63);
  printMats("__TX_MRG1_OFFSET_MATS", P1, 0, 64);
  printMats("__TX_MRG2_OFFSET_MATS", P2, 0, 64);
  printMats("__TX_MRG1_SUBSEQUENCE_MATS", P1, 76, 64);
  printMats("__TX_MRG2_SUBSEQUENCE_MATS", P2, 76, 64);
  printMats("__TX_MRG1_SEQUENCE_MATS", P1, 127, 64);
  printMats("__TX_MRG2_SEQUENCE_MATS", P2, 127, 64);
  std::printf("\n#endif\n");
  return 0;
}
