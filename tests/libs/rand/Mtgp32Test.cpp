//===- tests/libs/rand/Mtgp32Test.cpp - cuRAND MTGP32 ---------------------===//
//
// Part of Tongxin. MTGP32: the parameter table, curandMakeMTGP32Constants
// and curandMakeMTGP32KernelState (states stepped with the device API's
// engine must give what the host generator gives for their blocks), the
// host generator's layouts and API rules (offsets refused, reseeding and
// reordering as NVIDIA's library does them, measured), device against
// host generators, and, where the CUDA toolkit is installed, whole outputs
// against NVIDIA's host generator. Bit-exactness without the toolkit comes
// from known-answers.txt (KnownAnswerTest.cpp).
//
//===----------------------------------------------------------------------===//

#include "GenerateByName.h"
#include "ReferenceProgram.h"
#include <curand.h>
#include <curand_mtgp32_host.h>
#include <curand_mtgp32dc_p_11213.h>

#include <cuda_runtime.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

const unsigned Round = 256;         // words a block gives per round
const unsigned DefaultBlocks = 192; // NVIDIA's default layout
const unsigned LegacyBlocks = 64;   // and its legacy one

struct Gen {
  curandGenerator_t G = nullptr;
  explicit Gen(bool Host = true) {
    curandStatus_t S =
        Host ? curandCreateGeneratorHost(&G, CURAND_RNG_PSEUDO_MTGP32)
             : curandCreateGenerator(&G, CURAND_RNG_PSEUDO_MTGP32);
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

std::vector<unsigned>
bits(unsigned long long Seed, size_t N,
     curandOrdering_t Ordering = CURAND_ORDERING_PSEUDO_DEFAULT) {
  Gen G;
  EXPECT_EQ(curandSetPseudoRandomGeneratorSeed(G, Seed), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandSetGeneratorOrdering(G, Ordering), CURAND_STATUS_SUCCESS);
  return draw(G, N);
}

TEST(CurandMtgp32, ParameterTableIsMtgpsSet11213) {
  const mtgp32_params_fast_t *P = mtgp32dc_params_fast_11213;
  // Set 0 and set 199 as MTGP's mtgp32dc-param-11213.c lists them.
  EXPECT_EQ(P[0].pos, 88);
  EXPECT_EQ(P[0].sh1, 19);
  EXPECT_EQ(P[0].sh2, 5);
  EXPECT_EQ(P[0].tbl[1], 0xaba4d62cu);
  EXPECT_EQ(P[0].tmp_tbl[8], 0x3302de00u);
  EXPECT_EQ(P[0].flt_tmp_tbl[8], 0x3f99816fu);
  EXPECT_EQ(P[199].pos, 49);
  EXPECT_EQ(P[199].tbl[15], 0x81e6d859u);
  EXPECT_EQ(P[199].flt_tmp_tbl[15], 0x3fa46809u);
  for (int I = 0; I < CURAND_NUM_MTGP32_PARAMS; ++I) {
    EXPECT_EQ(P[I].mexp, 11213);
    EXPECT_EQ(P[I].mask, 0xfff80000u);
    EXPECT_LT(P[I].pos, 96) << I; // 256 threads read only old words
    for (int J = 0; J < 16; ++J) {
      // Each table is linear in its index.
      EXPECT_EQ(P[I].tbl[J], P[I].tbl[J & 1] ^ P[I].tbl[J & 2] ^
                                 P[I].tbl[J & 4] ^ P[I].tbl[J & 8]);
      EXPECT_EQ(P[I].flt_tmp_tbl[J], (P[I].tmp_tbl[J] >> 9) | 0x3f800000u);
    }
  }
}

TEST(CurandMtgp32, MakeConstantsCopiesEverySet) {
  mtgp32_kernel_params_t *Dev = nullptr;
  ASSERT_EQ(cudaMalloc(&Dev, sizeof(*Dev)), cudaSuccess);
  ASSERT_EQ(curandMakeMTGP32Constants(mtgp32dc_params_fast_11213, Dev),
            CURAND_STATUS_SUCCESS);
  std::vector<mtgp32_kernel_params_t> K(1);
  ASSERT_EQ(cudaMemcpy(K.data(), Dev, sizeof(*Dev), cudaMemcpyDeviceToHost),
            cudaSuccess);
  cudaFree(Dev);
  for (int I = 0; I < CURAND_NUM_MTGP32_PARAMS; ++I) {
    const mtgp32_params_fast_t &P = mtgp32dc_params_fast_11213[I];
    EXPECT_EQ(K[0].pos_tbl[I], (unsigned)P.pos);
    EXPECT_EQ(K[0].sh1_tbl[I], (unsigned)P.sh1);
    EXPECT_EQ(K[0].sh2_tbl[I], (unsigned)P.sh2);
    EXPECT_EQ(0, std::memcmp(K[0].param_tbl[I], P.tbl, 64));
    EXPECT_EQ(0, std::memcmp(K[0].temper_tbl[I], P.tmp_tbl, 64));
    EXPECT_EQ(0, std::memcmp(K[0].single_temper_tbl[I], P.flt_tmp_tbl, 64));
  }
  EXPECT_EQ(K[0].mask[0], 0xfff80000u);
}

TEST(CurandMtgp32, MakeFunctionsErrorPaths) {
  mtgp32_kernel_params_t K;
  std::vector<curandStateMtgp32_t> S(2);
  EXPECT_EQ(curandMakeMTGP32Constants(nullptr, &K), CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandMakeMTGP32Constants(mtgp32dc_params_fast_11213, nullptr),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandMakeMTGP32KernelState(nullptr, mtgp32dc_params_fast_11213, &K,
                                        1, 0),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandMakeMTGP32KernelState(S.data(), nullptr, &K, 1, 0),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandMakeMTGP32KernelState(S.data(), mtgp32dc_params_fast_11213,
                                        nullptr, 1, 0),
            CURAND_STATUS_OUT_OF_RANGE);
  for (int N : {0, -1, CURAND_NUM_MTGP32_PARAMS + 1})
    EXPECT_EQ(curandMakeMTGP32KernelState(S.data(), mtgp32dc_params_fast_11213,
                                          &K, N, 0),
              CURAND_STATUS_OUT_OF_RANGE)
        << N;
}

/// Kernel states stepped one word at a time (the engine curand() runs)
/// give, block by block, the host generator's output.
TEST(CurandMtgp32, KernelStatesGiveTheHostGeneratorsBlocks) {
  const unsigned long long Seed = 1234;
  mtgp32_kernel_params_t *DevK = nullptr;
  curandStateMtgp32_t *DevS = nullptr;
  ASSERT_EQ(cudaMalloc(&DevK, sizeof(*DevK)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&DevS, DefaultBlocks * sizeof(*DevS)), cudaSuccess);
  ASSERT_EQ(curandMakeMTGP32Constants(mtgp32dc_params_fast_11213, DevK),
            CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandMakeMTGP32KernelState(DevS, mtgp32dc_params_fast_11213, DevK,
                                        DefaultBlocks, Seed),
            CURAND_STATUS_SUCCESS);
  std::vector<mtgp32_kernel_params_t> K(1);
  std::vector<curandStateMtgp32_t> S(DefaultBlocks);
  ASSERT_EQ(cudaMemcpy(K.data(), DevK, sizeof(*DevK), cudaMemcpyDeviceToHost),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpy(S.data(), DevS, S.size() * sizeof(S[0]),
                       cudaMemcpyDeviceToHost),
            cudaSuccess);
  cudaFree(DevS);
  cudaFree(DevK);

  const unsigned Rounds = 3;
  std::vector<unsigned> Host = bits(Seed, Rounds * DefaultBlocks * Round);
  for (unsigned B = 0; B < DefaultBlocks; ++B) {
    EXPECT_EQ(S[B].pIdx, (int)B);
    EXPECT_EQ(S[B].offset, 0);
    EXPECT_EQ(S[B].k, DevK);
    S[B].k = K.data();
    for (unsigned R = 0; R < Rounds; ++R)
      for (unsigned T = 0; T < Round; ++T)
        ASSERT_EQ(__tx_mtgp32_next(&S[B]),
                  Host[(R * DefaultBlocks + B) * Round + T])
            << "block " << B << " round " << R << " word " << T;
  }
}

TEST(CurandMtgp32, FirstWordsAreNvidias) {
  // NVIDIA's host generator, seed 0: words 0-2, then block 1's first word
  // and block 0's first word of round 1.
  std::vector<unsigned> V = bits(0, 2 * DefaultBlocks * Round);
  EXPECT_EQ(V[0], 0x1583a42bu);
  EXPECT_EQ(V[1], 0x4794680au);
  EXPECT_EQ(V[2], 0x89ebce6bu);
  EXPECT_EQ(V[1000], 0x2e9d0113u);
  EXPECT_EQ(V[1001], 0x0e54a7ecu);
}

TEST(CurandMtgp32, LegacyOrderingHas64Blocks) {
  const unsigned Rounds = 3;
  std::vector<unsigned> Default = bits(7, Rounds * DefaultBlocks * Round);
  std::vector<unsigned> Legacy =
      bits(7, Rounds * LegacyBlocks * Round, CURAND_ORDERING_PSEUDO_LEGACY);
  for (unsigned R = 0; R < Rounds; ++R)
    for (unsigned B = 0; B < LegacyBlocks; ++B)
      for (unsigned T = 0; T < Round; T += 51)
        ASSERT_EQ(Legacy[(R * LegacyBlocks + B) * Round + T],
                  Default[(R * DefaultBlocks + B) * Round + T]);
  EXPECT_EQ(bits(7, 5000, CURAND_ORDERING_PSEUDO_BEST),
            std::vector<unsigned>(Default.begin(), Default.begin() + 5000));
}

TEST(CurandMtgp32, CallsContinueOneAnother) {
  std::vector<unsigned> Whole = bits(99, 120000);
  Gen G;
  ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(G, 99), CURAND_STATUS_SUCCESS);
  std::vector<unsigned> Parts;
  for (size_t N : {1, 255, 256, 49152, 3, 70333}) {
    std::vector<unsigned> P = draw(G, N);
    Parts.insert(Parts.end(), P.begin(), P.end());
  }
  EXPECT_EQ(Parts, Whole);
}

TEST(CurandMtgp32, RefusesOffsetsAndQuasiOptions) {
  Gen G;
  EXPECT_EQ(curandSetGeneratorOffset(G, 0), CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandSetGeneratorOffset(G, 5), CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandSetQuasiRandomGeneratorDimensions(G, 2),
            CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_SEEDED),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_DYNAMIC),
            CURAND_STATUS_OUT_OF_RANGE);
  unsigned long long L[4];
  EXPECT_EQ(curandGenerateLongLong(G, L, 4), CURAND_STATUS_TYPE_ERROR);
  // One normal per word: odd counts are fine.
  float F[3];
  EXPECT_EQ(curandGenerateNormal(G, F, 3, 0.0f, 1.0f), CURAND_STATUS_SUCCESS);
}

/// As measured on NVIDIA's library: the same seed or ordering again keeps
/// the generator's place, a new one starts over.
TEST(CurandMtgp32, ReseedingAndReorderingAsNvidias) {
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
  ASSERT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_BEST),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(draw(G, 1)[0], Zero[0]);
}

TEST(CurandMtgp32, DeviceGeneratorMatchesHost) {
  const size_t N = 100003;
  std::vector<float> Want(N), Got(N);
  Gen H;
  ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(H, 42), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandGenerateNormal(H, Want.data(), N, 1.0f, 2.0f),
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

bool referenceRuns() { return referenceRunsFor(141); }

/// Ours for the same arguments, through the public API.
std::vector<unsigned long long> ours(unsigned long long Seed, int Ordering,
                                     const char *Dist, size_t N) {
  Gen G;
  curandSetPseudoRandomGeneratorSeed(G, Seed);
  if (Ordering)
    curandSetGeneratorOrdering(G, (curandOrdering_t)Ordering);
  std::vector<unsigned long long> Bits;
  EXPECT_EQ(generateByName(G, Dist, N, -0.25, 0.75, Bits),
            CURAND_STATUS_SUCCESS)
      << Dist;
  return Bits;
}

std::vector<unsigned long long> theirs(unsigned long long Seed, int Ordering,
                                       const char *Dist, size_t N) {
  char Arguments[256];
  std::snprintf(Arguments, sizeof(Arguments),
                "141 %llu 0 %d 0 %s %zu -0.25 "
                "0.75",
                Seed, Ordering, Dist, N);
  return reference(Arguments);
}

TEST(CurandMtgp32Reference, WholeOutputsMatch) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  for (const char *Dist : {"u32", "uniform", "uniform_double", "normal",
                           "normal_double", "lognormal"})
    for (int Ordering : {0, (int)CURAND_ORDERING_PSEUDO_LEGACY})
      EXPECT_EQ(theirs(0x123456789abcdefull, Ordering, Dist, 120001),
                ours(0x123456789abcdefull, Ordering, Dist, 120001))
          << Dist << " ordering " << Ordering;
}

/// Log-normal doubles go through the double inverse CDF, which NVIDIA's
/// library computes a few ulps from ours (as for Sobol).
TEST(CurandMtgp32Reference, LogNormalDoublesWithinAFewUlps) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  std::vector<unsigned long long> Want =
                                      theirs(3, 0, "lognormal_double", 40000),
                                  Got = ours(3, 0, "lognormal_double", 40000);
  ASSERT_EQ(Want.size(), Got.size());
  for (size_t I = 0; I < Got.size(); ++I)
    EXPECT_LE(std::llabs((long long)(Got[I] - Want[I])), 64) << I;
}

#endif

} // namespace
