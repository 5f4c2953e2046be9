//===- tests/libs/rand/Mt19937Test.cpp - cuRAND MT19937 -------------------===//
//
// Part of Tongxin. MT19937: stream 0 against the C++ library's std::mt19937
// in NVIDIA's lane order, words of NVIDIA's host generator, calls that
// continue one another across rounds and regenerations, the API rules
// (offsets and some orderings refused, reseeding and reordering as NVIDIA's
// library does them, measured), device against host generators, and, where
// the CUDA toolkit is installed, whole outputs against NVIDIA's host
// generator. Bit-exactness without the toolkit also comes from
// known-answers.txt (KnownAnswerTest.cpp).
//
//===----------------------------------------------------------------------===//

#include "GenerateByName.h"
#include "ReferenceProgram.h"
#include <curand.h>

#include <cuda_runtime.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

const size_t Round = 65536;      // 8192 streams of 8 lanes
const unsigned BlockRounds = 78; // rounds of one regeneration (624 / 8)

struct Gen {
  curandGenerator_t G = nullptr;
  explicit Gen(bool Host = true) {
    curandStatus_t S =
        Host ? curandCreateGeneratorHost(&G, CURAND_RNG_PSEUDO_MT19937)
             : curandCreateGenerator(&G, CURAND_RNG_PSEUDO_MT19937);
    EXPECT_EQ(S, CURAND_STATUS_SUCCESS);
  }
  ~Gen() {
    if (G)
      curandDestroyGenerator(G);
  }
  operator curandGenerator_t() const { return G; }
};

std::vector<unsigned> draw(curandGenerator_t G, size_t N) {
  std::vector<unsigned> V(N);
  EXPECT_EQ(curandGenerate(G, V.data(), N), CURAND_STATUS_SUCCESS);
  return V;
}

std::vector<unsigned> bits(unsigned long long Seed, size_t N) {
  Gen G;
  EXPECT_EQ(curandSetPseudoRandomGeneratorSeed(G, Seed), CURAND_STATUS_SUCCESS);
  return draw(G, N);
}

/// The word of a regeneration that lane T gives in round K of it.
unsigned laneWord(unsigned T, unsigned K) {
  static const unsigned First[8] = {0, 113, 170, 283, 340, 397, 510, 567};
  static const unsigned Start[11] = {1,   57,  114, 171, 227, 284,
                                     341, 398, 454, 511, 568};
  return K ? Start[(K - 1) / 7] + 7 * T + (K - 1) % 7 : First[T];
}

TEST(CurandMt19937, CreatesOnHostAndDevice) {
  curandGenerator_t G = nullptr;
  ASSERT_EQ(curandCreateGenerator(&G, CURAND_RNG_PSEUDO_MT19937),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandDestroyGenerator(G), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandCreateGeneratorHost(&G, CURAND_RNG_PSEUDO_MT19937),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandDestroyGenerator(G), CURAND_STATUS_SUCCESS);
}

TEST(CurandMt19937, LaneOrderCoversEveryWordOnce) {
  std::vector<int> Seen(624, 0);
  for (unsigned K = 0; K < BlockRounds; ++K)
    for (unsigned T = 0; T < 8; ++T)
      ++Seen.at(laneWord(T, K));
  EXPECT_EQ(Seen, std::vector<int>(624, 1));
}

/// Stream 0 is MT19937 itself, seeded with the seed's low 32 bits: its
/// lanes hold the first regeneration's words, and the second's follow.
TEST(CurandMt19937, StreamZeroIsMt19937InLaneOrder) {
  const unsigned long long Seed = 0xfffffff500000007ull; // low half 7
  std::vector<unsigned> V = bits(Seed, BlockRounds * Round + 8);
  std::mt19937 Reference(7);
  std::vector<unsigned> Want(2 * 624);
  for (unsigned &W : Want)
    W = Reference();
  for (unsigned K = 0; K < BlockRounds; ++K)
    for (unsigned T = 0; T < 8; ++T)
      ASSERT_EQ(V[K * Round + T], Want[laneWord(T, K)])
          << "round " << K << " lane " << T;
  for (unsigned T = 0; T < 8; ++T)
    EXPECT_EQ(V[BlockRounds * Round + T], Want[624 + laneWord(T, 0)]);
}

TEST(CurandMt19937, FirstWordsAreNvidias) {
  // NVIDIA's host generator, seed 0: lanes 0 and 1 of stream 0, stream 1's
  // first word, the last word of round 0, rounds 1 and 2, and the second
  // regeneration's first word.
  std::vector<unsigned> V = bits(0, 2 * Round + 1);
  EXPECT_EQ(V[0], 0x8c7f0aacu);
  EXPECT_EQ(V[1], 0x94f424b4u);
  EXPECT_EQ(V[8], 0xece31bc8u);
  EXPECT_EQ(V[65535], 0x7f789250u);
  EXPECT_EQ(V[65536], 0x97c4aa2fu);
  EXPECT_EQ(V[131072], 0xb716a675u);
  // Only the seed's low 32 bits count.
  EXPECT_EQ(bits(1ull << 32, 16),
            std::vector<unsigned>(V.begin(), V.begin() + 16));
}

TEST(CurandMt19937, CallsContinueOneAnother) {
  // Ragged calls: inside a stream's lanes, wrapping into the next round,
  // and over the end of the streams' first regeneration.
  const size_t Sizes[] = {1, 7, 65529, 5046000, 200000, 3};
  size_t Total = 0;
  for (size_t N : Sizes)
    Total += N;
  ASSERT_GT(Total, BlockRounds * Round);
  Gen One, Parts;
  std::vector<float> Want(Total), Got(Total);
  ASSERT_EQ(curandGenerateUniform(One, Want.data(), Total),
            CURAND_STATUS_SUCCESS);
  size_t At = 0;
  for (size_t N : Sizes) {
    ASSERT_EQ(curandGenerateUniform(Parts, Got.data() + At, N),
              CURAND_STATUS_SUCCESS);
    At += N;
  }
  EXPECT_EQ(std::memcmp(Want.data(), Got.data(), Total * sizeof(float)), 0);
}

TEST(CurandMt19937, RefusesOffsetsAndSomeOptions) {
  Gen G;
  EXPECT_EQ(curandSetGeneratorOffset(G, 0), CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandSetGeneratorOffset(G, 5), CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandSetQuasiRandomGeneratorDimensions(G, 2),
            CURAND_STATUS_TYPE_ERROR);
  // As NVIDIA's library answers: default and legacy only.
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_BEST),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_SEEDED),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_DYNAMIC),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_QUASI_DEFAULT),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_LEGACY),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_DEFAULT),
            CURAND_STATUS_SUCCESS);
  unsigned long long L[4];
  EXPECT_EQ(curandGenerateLongLong(G, L, 4), CURAND_STATUS_TYPE_ERROR);
  // One normal per word: odd counts are fine.
  float F[3];
  double D[3];
  EXPECT_EQ(curandGenerateNormal(G, F, 3, 0.0f, 1.0f), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandGenerateLogNormalDouble(G, D, 3, 0.0, 1.0),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandGenerate(G, nullptr, 4), CURAND_STATUS_OUT_OF_RANGE);
}

/// As measured on NVIDIA's library: the same seed or ordering again keeps
/// the generator's place, a new one starts over; legacy is the default
/// layout.
TEST(CurandMt19937, ReseedingAndReorderingAsNvidias) {
  std::vector<unsigned> Zero = bits(0, 3000), Five = bits(5, 10);
  Gen G;
  draw(G, 1000);
  ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(G, 0), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(draw(G, 1)[0], Zero[1000]);
  ASSERT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_DEFAULT),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(draw(G, 1)[0], Zero[1001]);
  ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(G, 5), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(draw(G, 1)[0], Five[0]);
  ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(G, 0), CURAND_STATUS_SUCCESS);
  draw(G, 10);
  ASSERT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_LEGACY),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(draw(G, 3000), Zero);
  // A refused ordering changes nothing; a new one starts over.
  ASSERT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_BEST),
            CURAND_STATUS_OUT_OF_RANGE);
  ASSERT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_DEFAULT),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(draw(G, 1)[0], Zero[0]);
}

TEST(CurandMt19937, DeviceGeneratorMatchesHost) {
  const size_t N = 30011;
  std::vector<float> Want(N), Got(N);
  Gen H;
  ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(H, 42), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandGenerateNormal(H, Want.data(), 11, 1.0f, 2.0f),
            CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandGenerateNormal(H, Want.data() + 11, N - 11, 1.0f, 2.0f),
            CURAND_STATUS_SUCCESS);
  Gen D(false);
  ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(D, 42), CURAND_STATUS_SUCCESS);
  float *Dev = nullptr;
  ASSERT_EQ(cudaMalloc(&Dev, N * sizeof(float)), cudaSuccess);
  ASSERT_EQ(curandGenerateNormal(D, Dev, N, 1.0f, 2.0f), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(
      cudaMemcpy(Got.data(), Dev, N * sizeof(float), cudaMemcpyDeviceToHost),
      cudaSuccess);
  cudaFree(Dev);
  EXPECT_EQ(0, std::memcmp(Got.data(), Want.data(), N * sizeof(float)));
}

#ifdef CURAND_REFERENCE

std::vector<unsigned long long> reference(const char *Arguments) {
  return runReference(Arguments);
}

bool referenceRuns() { return referenceRunsFor(101); }

/// Our values of successive calls on one generator, each value's bits.
std::vector<unsigned long long> ours(unsigned long long Seed, int Ordering,
                                     const std::vector<const char *> &Dists,
                                     size_t N, double Mean, double StdDev) {
  Gen G;
  curandSetPseudoRandomGeneratorSeed(G, Seed);
  if (Ordering)
    curandSetGeneratorOrdering(G, (curandOrdering_t)Ordering);
  std::vector<unsigned long long> Bits;
  for (const char *Dist : Dists)
    EXPECT_EQ(generateByName(G, Dist, N, Mean, StdDev, Bits),
              CURAND_STATUS_SUCCESS)
        << Dist;
  return Bits;
}

std::vector<unsigned long long> theirs(unsigned long long Seed, int Ordering,
                                       const std::vector<const char *> &Dists,
                                       size_t N, double Mean, double StdDev) {
  std::string List;
  for (const char *Dist : Dists)
    List += (List.empty() ? "" : ",") + std::string(Dist);
  char Arguments[512];
  std::snprintf(Arguments, sizeof(Arguments),
                "142 %llu 0 %d 0 %s %zu %.17g %.17g", Seed, Ordering,
                List.c_str(), N, Mean, StdDev);
  return reference(Arguments);
}

double asDouble(unsigned long long Bits) {
  double D;
  std::memcpy(&D, &Bits, 8);
  return D;
}

/// Successive calls of every distribution on one generator (NVIDIA's
/// takes seconds to seed MT19937, so one run serves them all). Double
/// normals go through the double inverse CDF, which NVIDIA's library
/// computes a few ulps from ours (as for Sobol and MTGP32).
TEST(CurandMt19937Reference, SuccessiveCallsOfEveryDistributionMatch) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  std::vector<const char *> Dists = {
      "u32",       "uniform",       "uniform_double",  "normal",
      "lognormal", "normal_double", "lognormal_double"};
  const size_t N = 70001; // each call starts elsewhere in a round
  std::vector<unsigned long long> Want =
      theirs(0x123456789abcdefull, 0, Dists, N, -0.25, 0.75);
  std::vector<unsigned long long> Got =
      ours(0x123456789abcdefull, 0, Dists, N, -0.25, 0.75);
  ASSERT_EQ(Want.size(), Dists.size() * N);
  ASSERT_EQ(Got.size(), Want.size());
  for (size_t D = 0; D < Dists.size(); ++D) {
    bool Exact = std::strstr(Dists[D], "normal_double") == nullptr;
    size_t Diff = 0;
    for (size_t I = D * N; I < (D + 1) * N; ++I) {
      if (Exact) {
        Diff += Got[I] != Want[I];
        continue;
      }
      double A = asDouble(Got[I]), B = asDouble(Want[I]);
      Diff += !(std::fabs(A - B) <= 1e-14 * (1.0 + std::fabs(B)));
    }
    EXPECT_EQ(Diff, 0u) << Dists[D];
  }
}

TEST(CurandMt19937Reference, LegacyOrderingAndTopSeedMatch) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  std::vector<const char *> Dists = {"u32", "normal"};
  EXPECT_EQ(
      theirs(~0ull, CURAND_ORDERING_PSEUDO_LEGACY, Dists, 100003, 0.5, 1.5),
      ours(~0ull, CURAND_ORDERING_PSEUDO_LEGACY, Dists, 100003, 0.5, 1.5));
}

#endif

} // namespace
