//===- tests/libs/rand/CurandReference.cpp - NVIDIA's host generator -----===//
//
// Part of Tongxin. A separate program, built against NVIDIA's CUDA toolkit
// (never against Tongxin: both libraries have the SONAME libcurand.so.10),
// that prints what NVIDIA's host generator (curandCreateGeneratorHost)
// produces, one value per line as exact bits, so tests can compare it with
// ours and regenerate the known-answer vectors.
//
//   curand-reference RNG SEED OFFSET ORDERING DIMENSIONS DIST COUNT [A B]
//
// DIST is one of u32 u64 uniform uniform_double normal normal_double
// lognormal lognormal_double poisson; A and B are the mean and standard
// deviation (or lambda for poisson). A comma-separated list of them makes
// successive calls of COUNT values each on the one generator (NVIDIA's
// MT19937 takes seconds to seed: one run serves several distributions, and
// shows how calls continue one another). DIST directions32 or directions64
// prints the first DIMENSIONS direction vectors of set RNG (a
// curandDirectionVectorSet_t) instead, one word a line.
//
//===----------------------------------------------------------------------===//

#include <curand.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

static int fail(const char *What, curandStatus_t Status) {
  std::fprintf(stderr, "%s failed: %d\n", What, (int)Status);
  return 1;
}

template <typename T> static void printBits(const std::vector<T> &Values) {
  for (const T &Value : Values) {
    unsigned long long Bits = 0;
    std::memcpy(&Bits, &Value, sizeof(T));
    std::printf("%llx\n", Bits);
  }
}

template <typename T, typename Fn>
static int generate(size_t Count, Fn Generate) {
  std::vector<T> Values(Count);
  curandStatus_t Status = Generate(Values.data());
  if (Status != CURAND_STATUS_SUCCESS)
    return fail("generate", Status);
  printBits(Values);
  return 0;
}

/// The first Dimensions direction vectors of Set (32 or 64 bits wide).
static int printDirections(const char *Dist, curandDirectionVectorSet_t Set,
                           unsigned Dimensions) {
  curandStatus_t Status;
  if (!std::strcmp(Dist, "directions32")) {
    curandDirectionVectors32_t *Vectors;
    if ((Status = curandGetDirectionVectors32(&Vectors, Set)))
      return fail("directions", Status);
    for (unsigned D = 0; D < Dimensions; ++D)
      printBits(std::vector<unsigned>(Vectors[D], Vectors[D] + 32));
    return 0;
  }
  curandDirectionVectors64_t *Vectors;
  if ((Status = curandGetDirectionVectors64(&Vectors, Set)))
    return fail("directions", Status);
  for (unsigned D = 0; D < Dimensions; ++D)
    printBits(std::vector<unsigned long long>(Vectors[D], Vectors[D] + 64));
  return 0;
}

/// One call of Count values of Dist on Gen, printed.
static int generateOne(curandGenerator_t Gen, const char *Dist, size_t Count,
                       double A, double B) {
  int Result = 2;
  if (!std::strcmp(Dist, "u32"))
    Result = generate<unsigned>(
        Count, [&](unsigned *P) { return curandGenerate(Gen, P, Count); });
  else if (!std::strcmp(Dist, "u64"))
    Result = generate<unsigned long long>(Count, [&](unsigned long long *P) {
      return curandGenerateLongLong(Gen, P, Count);
    });
  else if (!std::strcmp(Dist, "uniform"))
    Result = generate<float>(
        Count, [&](float *P) { return curandGenerateUniform(Gen, P, Count); });
  else if (!std::strcmp(Dist, "uniform_double"))
    Result = generate<double>(Count, [&](double *P) {
      return curandGenerateUniformDouble(Gen, P, Count);
    });
  else if (!std::strcmp(Dist, "normal"))
    Result = generate<float>(Count, [&](float *P) {
      return curandGenerateNormal(Gen, P, Count, (float)A, (float)B);
    });
  else if (!std::strcmp(Dist, "normal_double"))
    Result = generate<double>(Count, [&](double *P) {
      return curandGenerateNormalDouble(Gen, P, Count, A, B);
    });
  else if (!std::strcmp(Dist, "lognormal"))
    Result = generate<float>(Count, [&](float *P) {
      return curandGenerateLogNormal(Gen, P, Count, (float)A, (float)B);
    });
  else if (!std::strcmp(Dist, "lognormal_double"))
    Result = generate<double>(Count, [&](double *P) {
      return curandGenerateLogNormalDouble(Gen, P, Count, A, B);
    });
  else if (!std::strcmp(Dist, "poisson"))
    Result = generate<unsigned>(Count, [&](unsigned *P) {
      return curandGeneratePoisson(Gen, P, Count, A);
    });
  return Result;
}

int main(int Argc, char **Argv) {
  if (Argc < 8) {
    std::fprintf(stderr,
                 "usage: %s RNG SEED OFFSET ORDERING DIMENSIONS "
                 "DIST COUNT [A B]\n",
                 Argv[0]);
    return 2;
  }
  auto Rng = (curandRngType_t)std::atoi(Argv[1]);
  unsigned long long Seed = std::strtoull(Argv[2], nullptr, 0);
  unsigned long long Offset = std::strtoull(Argv[3], nullptr, 0);
  auto Ordering = (curandOrdering_t)std::atoi(Argv[4]);
  unsigned Dimensions = (unsigned)std::atoi(Argv[5]);
  const char *Dist = Argv[6];
  size_t Count = std::strtoull(Argv[7], nullptr, 0);
  double A = Argc > 8 ? std::atof(Argv[8]) : 0.0;
  double B = Argc > 9 ? std::atof(Argv[9]) : 1.0;

  if (!std::strncmp(Dist, "directions", 10))
    return printDirections(Dist, (curandDirectionVectorSet_t)Rng, Dimensions);

  curandGenerator_t Gen;
  curandStatus_t Status = curandCreateGeneratorHost(&Gen, Rng);
  if (Status != CURAND_STATUS_SUCCESS)
    return fail("create", Status);
  bool Quasi = Rng >= CURAND_RNG_QUASI_DEFAULT;
  if (!Quasi && (Status = curandSetPseudoRandomGeneratorSeed(Gen, Seed)))
    return fail("seed", Status);
  // MT19937 refuses offsets (CURAND_STATUS_TYPE_ERROR): set only nonzero.
  if (Offset && (Status = curandSetGeneratorOffset(Gen, Offset)))
    return fail("offset", Status);
  if (Ordering && (Status = curandSetGeneratorOrdering(Gen, Ordering)))
    return fail("ordering", Status);
  if (Quasi &&
      (Status = curandSetQuasiRandomGeneratorDimensions(Gen, Dimensions)))
    return fail("dimensions", Status);

  int Result = 0;
  std::string List = Dist;
  for (size_t From = 0; From <= List.size() && !Result;) {
    size_t Comma = std::min(List.find(',', From), List.size());
    Result =
        generateOne(Gen, List.substr(From, Comma - From).c_str(), Count, A, B);
    From = Comma + 1;
  }
  curandDestroyGenerator(Gen);
  return Result;
}
