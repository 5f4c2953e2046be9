//===- tests/libs/rand/KnownAnswerTest.cpp - Bit-exactness against CUDA ---===//
//
// Part of Tongxin. Our host generators against NVIDIA's: the committed
// known answers (known-answers.txt, made by make-known-answers.sh from
// NVIDIA's host generator) always, and where the CUDA toolkit was found at
// configure time, whole outputs of CurandReference.cpp (NVIDIA's library in
// a separate process) for more seeds, offsets and distributions.
//
//===----------------------------------------------------------------------===//

#include "GenerateByName.h"
#include "ReferenceProgram.h"
#include <curand.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// One generator setting and distribution.
struct Case {
  int Rng = 0;
  unsigned long long Seed = 0, Offset = 0;
  std::string Dist;
  size_t Count = 0;
  double Mean = 0, StdDev = 1;
};

/// Our host generator's output for C, each value's bits as an integer.
std::vector<unsigned long long> ours(const Case &C, unsigned Ordering = 0) {
  curandGenerator_t G;
  std::vector<unsigned long long> Bits;
  if (curandCreateGeneratorHost(&G, (curandRngType_t)C.Rng))
    return Bits;
  // Quasirandom lines hold the number of dimensions where seeds go.
  if (C.Rng >= CURAND_RNG_QUASI_DEFAULT)
    curandSetQuasiRandomGeneratorDimensions(G, (unsigned)C.Seed);
  else
    curandSetPseudoRandomGeneratorSeed(G, C.Seed);
  curandSetGeneratorOffset(G, C.Offset);
  if (Ordering)
    curandSetGeneratorOrdering(G, (curandOrdering_t)Ordering);
  // The mean column holds lambda for poisson.
  generateByName(G, C.Dist.c_str(), C.Count, C.Mean, C.StdDev, Bits);
  curandDestroyGenerator(G);
  return Bits;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool UnderSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool UnderSanitizer = true;
#else
constexpr bool UnderSanitizer = false;
#endif
#else
constexpr bool UnderSanitizer = false;
#endif

/// Checks the known-answer lines whose generator Wanted accepts, at most
/// MaxLines of them; returns how many values were compared.
template <typename Predicate>
int checkKnownAnswers(Predicate Wanted, int MaxLines) {
  std::ifstream In(CURAND_KNOWN_ANSWERS);
  EXPECT_TRUE(In) << CURAND_KNOWN_ANSWERS;
  std::string Line;
  int Checked = 0, Lines = 0;
  while (Lines < MaxLines && std::getline(In, Line)) {
    if (Line.empty() || Line[0] == '#')
      continue;
    std::istringstream Fields(Line);
    Case C;
    Fields >> C.Rng >> C.Seed >> C.Offset >> C.Dist >> C.Count >> C.Mean >>
        C.StdDev;
    if (!Wanted(C.Rng))
      continue;
    ++Lines;
    std::vector<unsigned long long> Got = ours(C);
    EXPECT_EQ(Got.size(), C.Count) << Line.substr(0, 60);
    if (Got.size() != C.Count)
      continue;
    std::string Pair;
    while (Fields >> Pair) {
      size_t Colon = Pair.find(':');
      size_t Index = std::stoull(Pair.substr(0, Colon));
      unsigned long long Want =
          std::stoull(Pair.substr(Colon + 1), nullptr, 16);
      EXPECT_EQ(Got[Index], Want)
          << "rng " << C.Rng << " seed " << C.Seed << " offset " << C.Offset
          << " " << C.Dist << " value " << Index;
      ++Checked;
    }
  }
  return Checked;
}

TEST(CurandKnownAnswers, MatchNvidiasHostGenerator) {
  int Checked = checkKnownAnswers(
      [](int Rng) { return Rng != CURAND_RNG_PSEUDO_MT19937; }, 1 << 30);
  EXPECT_GT(Checked, 1000);
}

/// MT19937 seeds 8192 streams per generator, seconds of work each time;
/// under the sanitizers (the same code paths, ten times slower) two lines
/// stand for the rest.
TEST(CurandKnownAnswers, Mt19937MatchesNvidiasHostGenerator) {
  int Checked = checkKnownAnswers(
      [](int Rng) { return Rng == CURAND_RNG_PSEUDO_MT19937; },
      UnderSanitizer ? 2 : 1 << 30);
  EXPECT_GT(Checked, 10);
}

#ifdef CURAND_REFERENCE

/// NVIDIA's output for C (and Ordering), from the reference program.
std::vector<unsigned long long> theirs(const Case &C, unsigned Ordering = 0) {
  char Arguments[448];
  std::snprintf(Arguments, sizeof(Arguments),
                "%d %llu %llu %u 0 %s %zu %.17g %.17g", C.Rng, C.Seed, C.Offset,
                Ordering, C.Dist.c_str(), C.Count, C.Mean, C.StdDev);
  return runReference(Arguments);
}

/// Where NVIDIA's library cannot run here, say so and skip.
bool referenceRuns() {
  Case Probe;
  Probe.Rng = CURAND_RNG_PSEUDO_XORWOW;
  Probe.Dist = "u32";
  Probe.Count = 1;
  return theirs(Probe).size() == 1;
}

/// Whole outputs of every distribution of Rng, at a few offsets.
/// Every distribution at three offsets; with Sampled, a subset covering
/// each conversion once (NVIDIA's MRG32k3a host generator takes seconds
/// per run, and the known answers cover the rest).
void compareWholeOutputs(int Rng, bool Sampled = false) {
  std::vector<const char *> Dists = {
      "u32",           "uniform",   "uniform_double",  "normal",
      "normal_double", "lognormal", "lognormal_double"};
  std::vector<unsigned long long> Offsets = {0ull, 4095ull, 1000003ull};
  if (Sampled) {
    Dists = {"u32", "uniform_double", "normal", "lognormal_double"};
    Offsets = {0ull, 1000003ull};
  }
  for (const char *Dist : Dists)
    for (unsigned long long Offset : Offsets) {
      Case C;
      C.Rng = Rng;
      C.Seed = 0x123456789abcdefull;
      C.Offset = Offset;
      C.Dist = Dist;
      C.Count = 20000;
      C.Mean = -0.25;
      C.StdDev = 0.75;
      std::vector<unsigned long long> Want = theirs(C), Got = ours(C);
      ASSERT_EQ(Want.size(), C.Count);
      size_t Diff = 0;
      for (size_t I = 0; I < C.Count; ++I)
        Diff += Want[I] != Got[I];
      EXPECT_EQ(Diff, 0u) << Dist << " offset " << Offset;
    }
}

TEST(CurandReference, XorwowWholeOutputsMatch) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  compareWholeOutputs(CURAND_RNG_PSEUDO_XORWOW);
}

TEST(CurandReference, Mrg32k3aWholeOutputsMatch) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  compareWholeOutputs(CURAND_RNG_PSEUDO_MRG32K3A, /*Sampled=*/true);
}

TEST(CurandReference, PhiloxWholeOutputsMatch) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  compareWholeOutputs(CURAND_RNG_PSEUDO_PHILOX4_32_10);
}

/// Successive calls on one generator, ours: Dists[I] of Count values each,
/// A the lambda (or mean, with standard deviation 1).
std::vector<unsigned long long>
oursInSequence(int Rng, const std::vector<std::string> &Dists, size_t Count,
               double A) {
  curandGenerator_t G;
  std::vector<unsigned long long> Bits;
  if (curandCreateGeneratorHost(&G, (curandRngType_t)Rng))
    return Bits;
  curandSetPseudoRandomGeneratorSeed(G, 77);
  std::vector<double> Buffer(Count);
  for (const std::string &D : Dists) {
    curandStatus_t S = CURAND_STATUS_TYPE_ERROR;
    if (D == "poisson")
      S = curandGeneratePoisson(G, (unsigned *)Buffer.data(), Count, A);
    else if (D == "u32")
      S = curandGenerate(G, (unsigned *)Buffer.data(), Count);
    else if (D == "normal_double")
      S = curandGenerateNormalDouble(G, Buffer.data(), Count, A, 1.0);
    EXPECT_EQ(S, CURAND_STATUS_SUCCESS) << D;
    size_t Size = D == "normal_double" ? 8 : 4;
    for (size_t I = 0; I < Count; ++I) {
      unsigned long long B = 0;
      std::memcpy(&B, (const char *)Buffer.data() + I * Size, Size);
      Bits.push_back(B);
    }
  }
  curandDestroyGenerator(G);
  return Bits;
}

/// Poisson by every method (libs/rand/Poisson.h), in successive calls with
/// other distributions: at large lambda XORWOW's and MRG32k3a's threads
/// keep curand_normal's second value and what they drew between calls
/// (even counts: XORWOW and MRG32k3a make double normals in pairs).
TEST(CurandReference, PoissonInSuccessiveCallsMatches) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  struct Setting {
    int Rng;
    size_t Count;
    std::vector<double> Lambdas;
  };
  const Setting Settings[] = {
      {CURAND_RNG_PSEUDO_XORWOW, 10000, {0.5, 1999.5, 5000.25}},
      {CURAND_RNG_PSEUDO_MRG32K3A, 90000, {5000.25}}, // past 81920 threads
      {CURAND_RNG_PSEUDO_PHILOX4_32_10, 10001, {33.3, 123456.7}},
      {CURAND_RNG_PSEUDO_MTGP32, 10001, {0.5, 33.3, 123456.7}}};
  const std::vector<std::string> Dists = {"poisson", "normal_double", "poisson",
                                          "u32", "poisson"};
  for (const Setting &S : Settings)
    for (double Lambda : S.Lambdas) {
      char Command[512];
      std::snprintf(Command, sizeof(Command),
                    "'%s' %d 77 0 0 0 poisson,normal_double,poisson,u32,"
                    "poisson %zu %.17g 1",
                    CURAND_REFERENCE, S.Rng, S.Count, Lambda);
      std::vector<unsigned long long> Want;
      if (FILE *Pipe = popen(Command, "r")) {
        unsigned long long B;
        while (std::fscanf(Pipe, "%llx", &B) == 1)
          Want.push_back(B);
        pclose(Pipe);
      }
      std::vector<unsigned long long> Got =
          oursInSequence(S.Rng, Dists, S.Count, Lambda);
      ASSERT_EQ(Want.size(), Dists.size() * S.Count) << S.Rng;
      ASSERT_EQ(Got.size(), Want.size());
      size_t Diff = 0;
      for (size_t I = 0; I < Got.size(); ++I)
        Diff += Got[I] != Want[I];
      EXPECT_EQ(Diff, 0u) << "rng " << S.Rng << " lambda " << Lambda;
    }
}

/// XORWOW's seeded ordering, every distribution, at offsets.
TEST(CurandReference, XorwowSeededOrderingMatches) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  for (const char *Dist :
       {"u32", "uniform", "uniform_double", "normal", "normal_double",
        "lognormal", "lognormal_double", "poisson"})
    for (unsigned long long Offset : {0ull, 4095ull, 1000003ull}) {
      Case C;
      C.Rng = CURAND_RNG_PSEUDO_XORWOW;
      C.Seed = 0xfedcba9876543210ull;
      C.Offset = Offset;
      C.Dist = Dist;
      C.Count = 20000;
      C.Mean = std::strcmp(Dist, "poisson") ? -0.25 : 2500.5;
      C.StdDev = 0.75;
      EXPECT_EQ(theirs(C, CURAND_ORDERING_PSEUDO_SEEDED),
                ours(C, CURAND_ORDERING_PSEUDO_SEEDED))
          << Dist << " offset " << Offset;
    }
}

TEST(CurandReference, OrderingsBestAndLegacy) {
  if (!referenceRuns())
    GTEST_SKIP() << "NVIDIA's cuRAND host generator does not run here";
  for (int Rng : {101, 121, 161})
    for (unsigned Ordering :
         {CURAND_ORDERING_PSEUDO_BEST, CURAND_ORDERING_PSEUDO_LEGACY}) {
      Case C;
      C.Rng = Rng;
      C.Seed = 42;
      C.Dist = "u32";
      C.Count = 300000;
      EXPECT_EQ(theirs(C, Ordering), ours(C, Ordering)) << Rng;
    }
}

#endif

} // namespace
