//===- tests/libs/rand/SobolTest.cpp - The Sobol generators ---------------===//
//
// Part of Tongxin. The quasirandom generators: their constants (Joe and
// Kuo's direction vectors, our scrambles), the host API's layout, offsets
// and error paths, and, where the CUDA toolkit is installed, NVIDIA's
// direction vectors and whole outputs (bit for bit, except double normals,
// which NVIDIA's double erfcinv gets a few ulps from ours).
//
//===----------------------------------------------------------------------===//

#include <curand.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

/// A host Sobol generator of Type over Dimensions (destroyed with it).
struct Quasi {
  curandGenerator_t G = nullptr;
  explicit Quasi(curandRngType_t Type, unsigned Dimensions = 1) {
    EXPECT_EQ(curandCreateGeneratorHost(&G, Type), CURAND_STATUS_SUCCESS);
    EXPECT_EQ(curandSetQuasiRandomGeneratorDimensions(G, Dimensions),
              CURAND_STATUS_SUCCESS);
  }
  ~Quasi() { curandDestroyGenerator(G); }
};

TEST(CurandSobol, DirectionVectorsFollowJoeKuo) {
  curandDirectionVectors32_t *V32;
  curandDirectionVectors64_t *V64;
  ASSERT_EQ(
      curandGetDirectionVectors32(&V32, CURAND_DIRECTION_VECTORS_32_JOEKUO6),
      CURAND_STATUS_SUCCESS);
  ASSERT_EQ(
      curandGetDirectionVectors64(&V64, CURAND_DIRECTION_VECTORS_64_JOEKUO6),
      CURAND_STATUS_SUCCESS);
  // Dimension 1 is van der Corput's; dimension 2 (x + 1, m = 1) doubles.
  for (int J = 0; J < 32; ++J)
    EXPECT_EQ(V32[0][J], 1u << (31 - J));
  EXPECT_EQ(V32[1][1], 0xc0000000u);
  EXPECT_EQ(V32[1][2], 0xa0000000u);
  // Dimension 3: degree 2, a = 1, m = 1 3 (Joe and Kuo's third line).
  EXPECT_EQ(V32[2][1], 3u << 30);
  for (int D = 0; D < 20000; D += 1999)
    for (int J = 0; J < 32; ++J)
      EXPECT_EQ(V32[D][J], (unsigned)(V64[D][J] >> 32)) << D << " " << J;
}

TEST(CurandSobol, ConstantsErrorPaths) {
  curandDirectionVectors32_t *V32;
  curandDirectionVectors64_t *V64;
  EXPECT_EQ(
      curandGetDirectionVectors32(&V32, CURAND_DIRECTION_VECTORS_64_JOEKUO6),
      CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(
      curandGetDirectionVectors64(&V64, CURAND_DIRECTION_VECTORS_32_JOEKUO6),
      CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(
      curandGetDirectionVectors32(nullptr, CURAND_DIRECTION_VECTORS_32_JOEKUO6),
      CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(
      curandGetDirectionVectors64(nullptr, CURAND_DIRECTION_VECTORS_64_JOEKUO6),
      CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandGetScrambleConstants32(nullptr), CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandGetScrambleConstants64(nullptr), CURAND_STATUS_OUT_OF_RANGE);
}

TEST(CurandSobol, ScrambledPointsStartAtTheConstants) {
  unsigned *C32;
  unsigned long long *C64;
  ASSERT_EQ(curandGetScrambleConstants32(&C32), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandGetScrambleConstants64(&C64), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(C32[7], (unsigned)(C64[7] >> 32));
  curandDirectionVectors32_t *V;
  ASSERT_EQ(curandGetDirectionVectors32(
                &V, CURAND_SCRAMBLED_DIRECTION_VECTORS_32_JOEKUO6),
            CURAND_STATUS_SUCCESS);
  // Each bit is XORed with higher bits only: the highest set bit of
  // vector J stays bit 31 - J in dimension 1.
  for (int J = 0; J < 32; ++J)
    EXPECT_EQ(__builtin_clz(V[0][J]), J);
  Quasi Q(CURAND_RNG_QUASI_SCRAMBLED_SOBOL32, 2);
  unsigned Out[4];
  ASSERT_EQ(curandGenerate(Q.G, Out, 4), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(Out[0], C32[0]);
  EXPECT_EQ(Out[1], C32[0] ^ V[0][0]);
  EXPECT_EQ(Out[2], C32[1]);
  EXPECT_EQ(Out[3], C32[1] ^ V[1][0]);
}

TEST(CurandSobol, LayoutAndOffsets) {
  // Dimension-major: 4 points of dimension 1, then 4 of dimension 2; a
  // second call and an offset both continue the points.
  Quasi Q(CURAND_RNG_QUASI_SOBOL32, 2);
  unsigned First[8], Next[8], Skipped[8];
  ASSERT_EQ(curandGenerate(Q.G, First, 8), CURAND_STATUS_SUCCESS);
  const unsigned Want[8] = {0, 0x80000000, 0xc0000000, 0x40000000,
                            0, 0x80000000, 0x40000000, 0xc0000000};
  for (int I = 0; I < 8; ++I)
    EXPECT_EQ(First[I], Want[I]) << I;
  ASSERT_EQ(curandGenerate(Q.G, Next, 8), CURAND_STATUS_SUCCESS);
  Quasi R(CURAND_RNG_QUASI_DEFAULT, 2);
  ASSERT_EQ(curandSetGeneratorOffset(R.G, 4), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandGenerate(R.G, Skipped, 8), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(0, std::memcmp(Next, Skipped, sizeof(Next)));
}

TEST(CurandSobol, ErrorPaths) {
  Quasi Q(CURAND_RNG_QUASI_SOBOL32, 3);
  unsigned U[10];
  unsigned long long W[4];
  EXPECT_EQ(curandGenerate(Q.G, U, 10), CURAND_STATUS_LENGTH_NOT_MULTIPLE);
  EXPECT_EQ(curandGenerateLongLong(Q.G, W, 3), CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandSetPseudoRandomGeneratorSeed(Q.G, 1),
            CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandSetQuasiRandomGeneratorDimensions(Q.G, 0),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetQuasiRandomGeneratorDimensions(Q.G, 20001),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetGeneratorOrdering(Q.G, CURAND_ORDERING_PSEUDO_DEFAULT),
            CURAND_STATUS_OUT_OF_RANGE);
  Quasi Wide(CURAND_RNG_QUASI_SOBOL64, 2);
  EXPECT_EQ(curandGenerate(Wide.G, U, 4), CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandGenerateLongLong(Wide.G, W, 4), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(W[1], 1ull << 63);
  EXPECT_EQ(curandGenerateLongLong(nullptr, W, 4),
            CURAND_STATUS_NOT_INITIALIZED);
  curandGenerator_t Pseudo;
  ASSERT_EQ(curandCreateGeneratorHost(&Pseudo, CURAND_RNG_PSEUDO_XORWOW),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandGenerateLongLong(Pseudo, W, 4), CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandSetQuasiRandomGeneratorDimensions(Pseudo, 2),
            CURAND_STATUS_TYPE_ERROR);
  curandDestroyGenerator(Pseudo);
}

TEST(CurandSobol, DeviceGeneratorMatchesHost) {
  curandGenerator_t Device;
  if (curandCreateGenerator(&Device, CURAND_RNG_QUASI_SCRAMBLED_SOBOL64))
    GTEST_SKIP() << "no device generator here";
  const size_t N = 5 * 70000;
  float *D = nullptr;
  ASSERT_EQ(cudaMalloc((void **)&D, N * sizeof(float)), cudaSuccess);
  ASSERT_EQ(curandSetQuasiRandomGeneratorDimensions(Device, 5),
            CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandGenerateNormal(Device, D, N, 1.0f, 2.0f),
            CURAND_STATUS_SUCCESS);
  std::vector<float> Got(N), Want(N);
  ASSERT_EQ(
      cudaMemcpy(Got.data(), D, N * sizeof(float), cudaMemcpyDeviceToHost),
      cudaSuccess);
  Quasi Q(CURAND_RNG_QUASI_SCRAMBLED_SOBOL64, 5);
  ASSERT_EQ(curandGenerateNormal(Q.G, Want.data(), N, 1.0f, 2.0f),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(0, std::memcmp(Got.data(), Want.data(), N * sizeof(float)));
  double Sum = 0;
  for (float X : Want)
    Sum += X;
  EXPECT_NEAR(Sum / N, 1.0, 1e-3); // quasirandom: far closer than 1/sqrt(N)
  cudaFree(D);
  curandDestroyGenerator(Device);
}

#ifdef CURAND_REFERENCE

/// The words NVIDIA's reference program prints for Arguments.
std::vector<unsigned long long> reference(const std::string &Arguments) {
  std::string Command = std::string("'") + CURAND_REFERENCE + "' " + Arguments;
  std::vector<unsigned long long> Words;
  FILE *Pipe = popen(Command.c_str(), "r");
  if (!Pipe)
    return Words;
  unsigned long long W;
  while (std::fscanf(Pipe, "%llx", &W) == 1)
    Words.push_back(W);
  pclose(Pipe);
  return Words;
}

bool referenceRuns() { return reference("101 1 0 0 0 u32 1").size() == 1; }

TEST(CurandSobolReference, DirectionVectorsMatchNvidia) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  curandDirectionVectors32_t *V32;
  curandDirectionVectors64_t *V64;
  ASSERT_EQ(
      curandGetDirectionVectors32(&V32, CURAND_DIRECTION_VECTORS_32_JOEKUO6),
      CURAND_STATUS_SUCCESS);
  ASSERT_EQ(
      curandGetDirectionVectors64(&V64, CURAND_DIRECTION_VECTORS_64_JOEKUO6),
      CURAND_STATUS_SUCCESS);
  std::vector<unsigned long long> Want32 =
      reference("101 0 0 0 20000 directions32 0");
  std::vector<unsigned long long> Want64 =
      reference("103 0 0 0 20000 directions64 0");
  ASSERT_EQ(Want32.size(), 20000u * 32);
  ASSERT_EQ(Want64.size(), 20000u * 64);
  size_t Diff = 0;
  for (size_t I = 0; I < Want32.size(); ++I)
    Diff += V32[I / 32][I % 32] != Want32[I];
  for (size_t I = 0; I < Want64.size(); ++I)
    Diff += V64[I / 64][I % 64] != Want64[I];
  EXPECT_EQ(Diff, 0u);
}

/// Our output of Dist, each value's bits as a word.
std::vector<unsigned long long> ours(int Rng, unsigned Dimensions,
                                     unsigned long long Offset,
                                     const std::string &Dist, size_t Count) {
  Quasi Q((curandRngType_t)Rng, Dimensions);
  curandSetGeneratorOffset(Q.G, Offset);
  std::vector<unsigned long long> Words(Count);
  std::vector<double> Doubles(Count);
  std::vector<float> Floats(Count);
  std::vector<unsigned> U32(Count);
  curandStatus_t S;
  if (Dist == "u32")
    S = curandGenerate(Q.G, U32.data(), Count);
  else if (Dist == "u64")
    S = curandGenerateLongLong(Q.G, Words.data(), Count);
  else if (Dist == "uniform")
    S = curandGenerateUniform(Q.G, Floats.data(), Count);
  else if (Dist == "uniform_double")
    S = curandGenerateUniformDouble(Q.G, Doubles.data(), Count);
  else if (Dist == "normal")
    S = curandGenerateNormal(Q.G, Floats.data(), Count, -0.25f, 0.75f);
  else if (Dist == "lognormal")
    S = curandGenerateLogNormal(Q.G, Floats.data(), Count, -0.25f, 0.75f);
  else
    S = curandGenerateNormalDouble(Q.G, Doubles.data(), Count, -0.25, 0.75);
  EXPECT_EQ(S, CURAND_STATUS_SUCCESS) << Dist;
  for (size_t I = 0; I < Count; ++I) {
    if (Dist == "u32")
      Words[I] = U32[I];
    else if (Dist.find("double") != std::string::npos)
      std::memcpy(&Words[I], &Doubles[I], 8);
    else if (Dist != "u64")
      std::memcpy(&Words[I], &Floats[I], 4);
  }
  return Words;
}

void compareWithNvidia(int Rng, const char *Bits) {
  const char *Dists[] = {Bits, "uniform", "uniform_double", "normal",
                         "lognormal"};
  for (const char *Dist : Dists)
    for (unsigned Dimensions : {1u, 7u, 300u}) {
      unsigned long long Offset = Dimensions * 1234567ull;
      size_t Count = Dimensions * 3000;
      char Arguments[128];
      std::snprintf(Arguments, sizeof(Arguments), "%d 0 %llu 0 %u %s %zu %s",
                    Rng, Offset, Dimensions, Dist, Count, "-0.25 0.75");
      std::vector<unsigned long long> Want = reference(Arguments);
      std::vector<unsigned long long> Got =
          ours(Rng, Dimensions, Offset, Dist, Count);
      ASSERT_EQ(Want.size(), Count) << Arguments;
      size_t Diff = 0;
      for (size_t I = 0; I < Count; ++I)
        Diff += Want[I] != Got[I];
      EXPECT_EQ(Diff, 0u) << Arguments;
    }
}

TEST(CurandSobolReference, Sobol32WholeOutputsMatch) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  compareWithNvidia(CURAND_RNG_QUASI_SOBOL32, "u32");
}

TEST(CurandSobolReference, Sobol64WholeOutputsMatch) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  compareWithNvidia(CURAND_RNG_QUASI_SOBOL64, "u64");
}

TEST(CurandSobolReference, DoubleNormalsWithinAFewUlps) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  for (int Rng : {201, 203}) {
    char Arguments[128];
    std::snprintf(Arguments, sizeof(Arguments),
                  "%d 0 99 0 4 normal_double 40000 0 1", Rng);
    std::vector<unsigned long long> Want = reference(Arguments);
    Quasi Q((curandRngType_t)Rng, 4);
    curandSetGeneratorOffset(Q.G, 99);
    std::vector<double> Got(40000);
    ASSERT_EQ(curandGenerateNormalDouble(Q.G, Got.data(), 40000, 0.0, 1.0),
              CURAND_STATUS_SUCCESS);
    ASSERT_EQ(Want.size(), Got.size());
    for (size_t I = 0; I < Got.size(); ++I) {
      long long Bits;
      std::memcpy(&Bits, &Got[I], 8);
      EXPECT_LE(std::llabs(Bits - (long long)Want[I]), 16) << Rng << " " << I;
    }
  }
}

#endif

} // namespace
