//===- tests/libs/rand/GeneratorApiTest.cpp - cuRAND host API -------------===//
//
// Part of Tongxin. Every host function and its error paths; device
// generators on streams (asynchronous, ordered with the stream's other
// work); equality of device and host generators; offsets and consecutive
// calls; Poisson.
//
//===----------------------------------------------------------------------===//

#include <curand.h>

#include <cuda_runtime.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace {

const curandRngType_t Implemented[] = {CURAND_RNG_PSEUDO_XORWOW,
                                       CURAND_RNG_PSEUDO_MRG32K3A,
                                       CURAND_RNG_PSEUDO_PHILOX4_32_10};

/// A generator destroyed at the end of the scope.
struct Gen {
  curandGenerator_t G = nullptr;
  Gen(curandRngType_t Type, bool Host) {
    curandStatus_t S = Host ? curandCreateGeneratorHost(&G, Type)
                            : curandCreateGenerator(&G, Type);
    EXPECT_EQ(S, CURAND_STATUS_SUCCESS);
  }
  ~Gen() {
    if (G)
      curandDestroyGenerator(G);
  }
  operator curandGenerator_t() const { return G; }
};

std::vector<unsigned> hostBits(curandRngType_t Type, unsigned long long Seed,
                               unsigned long long Offset, size_t N) {
  Gen H(Type, true);
  EXPECT_EQ(curandSetPseudoRandomGeneratorSeed(H, Seed), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandSetGeneratorOffset(H, Offset), CURAND_STATUS_SUCCESS);
  std::vector<unsigned> V(N);
  EXPECT_EQ(curandGenerate(H, V.data(), N), CURAND_STATUS_SUCCESS);
  return V;
}

TEST(CurandApi, VersionAndProperties) {
  int V = 0;
  EXPECT_EQ(curandGetVersion(&V), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(V, CURAND_VERSION);
  EXPECT_EQ(curandGetVersion(nullptr), CURAND_STATUS_OUT_OF_RANGE);
  int Major = -1, Minor = -1, Patch = -1;
  EXPECT_EQ(curandGetProperty(MAJOR_VERSION, &Major), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandGetProperty(MINOR_VERSION, &Minor), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandGetProperty(PATCH_LEVEL, &Patch), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(Major * 1000 + Minor * 100 + Patch, CURAND_VERSION);
  EXPECT_EQ(curandGetProperty((libraryPropertyType)7, &Major),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandGetProperty(MAJOR_VERSION, nullptr),
            CURAND_STATUS_OUT_OF_RANGE);
}

TEST(CurandApi, CreateAndDestroy) {
  curandGenerator_t G = nullptr;
  for (curandRngType_t T : Implemented) {
    ASSERT_EQ(curandCreateGenerator(&G, T), CURAND_STATUS_SUCCESS);
    EXPECT_EQ(curandDestroyGenerator(G), CURAND_STATUS_SUCCESS);
    ASSERT_EQ(curandCreateGeneratorHost(&G, T), CURAND_STATUS_SUCCESS);
    EXPECT_EQ(curandDestroyGenerator(G), CURAND_STATUS_SUCCESS);
  }
  ASSERT_EQ(curandCreateGenerator(&G, CURAND_RNG_PSEUDO_DEFAULT),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandDestroyGenerator(G), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandCreateGenerator(nullptr, CURAND_RNG_PSEUDO_XORWOW),
            CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandDestroyGenerator(nullptr), CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandCreateGenerator(&G, (curandRngType_t)12345),
            CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandCreateGenerator(&G, CURAND_RNG_TEST),
            CURAND_STATUS_TYPE_ERROR);
}

TEST(CurandApi, OptionsErrorPaths) {
  EXPECT_EQ(curandSetPseudoRandomGeneratorSeed(nullptr, 1),
            CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandSetGeneratorOffset(nullptr, 1),
            CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandSetGeneratorOrdering(nullptr, CURAND_ORDERING_PSEUDO_BEST),
            CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandSetQuasiRandomGeneratorDimensions(nullptr, 1),
            CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandSetStream(nullptr, nullptr), CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandGenerateSeeds(nullptr), CURAND_STATUS_NOT_INITIALIZED);

  Gen G(CURAND_RNG_PSEUDO_XORWOW, false);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_BEST),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_LEGACY),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_DYNAMIC),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_QUASI_DEFAULT),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_SEEDED),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandSetGeneratorOrdering(G, (curandOrdering_t)7),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandSetQuasiRandomGeneratorDimensions(G, 2),
            CURAND_STATUS_TYPE_ERROR);
  EXPECT_EQ(curandGenerateSeeds(G), CURAND_STATUS_SUCCESS);

  Gen H(CURAND_RNG_PSEUDO_PHILOX4_32_10, true);
  // As NVIDIA's host generators do.
  EXPECT_EQ(curandSetGeneratorOrdering(H, CURAND_ORDERING_PSEUDO_DYNAMIC),
            CURAND_STATUS_OUT_OF_RANGE);
  // Only XORWOW has a seeded ordering.
  for (curandRngType_t T :
       {CURAND_RNG_PSEUDO_MRG32K3A, CURAND_RNG_PSEUDO_PHILOX4_32_10,
        CURAND_RNG_PSEUDO_MTGP32, CURAND_RNG_PSEUDO_MT19937}) {
    Gen O(T, true);
    EXPECT_EQ(curandSetGeneratorOrdering(O, CURAND_ORDERING_PSEUDO_SEEDED),
              CURAND_STATUS_OUT_OF_RANGE)
        << T;
  }
}

/// XORWOW's seeded ordering: thread T (of 4096) is curand_init(seed +
/// 3133713 T, 0, 0). Words of NVIDIA's host generator.
TEST(CurandApi, XorwowSeededOrderingIsNvidias) {
  struct Word {
    unsigned long long Seed;
    size_t At;
    unsigned Value;
  };
  const Word Words[] = {{1234, 0, 0x253d5e15u},      {1234, 1, 0x7b531e20u},
                        {1234, 2, 0x62694e1du},      {1234, 4096, 0x6f558604u},
                        {1234, 299999, 0x46513b09u}, {~0ull, 0, 0x31fd1ba4u},
                        {~0ull, 1, 0xbf086662u},     {~0ull, 4097, 0x1fb7117du},
                        {~0ull, 19999, 0x876f9ac9u}};
  for (unsigned long long Seed : {1234ull, ~0ull}) {
    Gen G(CURAND_RNG_PSEUDO_XORWOW, true);
    ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(G, Seed),
              CURAND_STATUS_SUCCESS);
    ASSERT_EQ(curandSetGeneratorOrdering(G, CURAND_ORDERING_PSEUDO_SEEDED),
              CURAND_STATUS_SUCCESS);
    std::vector<unsigned> V(300000);
    ASSERT_EQ(curandGenerate(G, V.data(), V.size()), CURAND_STATUS_SUCCESS);
    for (const Word &W : Words)
      if (W.Seed == Seed)
        EXPECT_EQ(V[W.At], W.Value) << Seed << " " << W.At;
  }
}

TEST(CurandApi, GenerationErrorPaths) {
  unsigned U[4];
  float F[4];
  double D[4];
  unsigned long long L[4];
  EXPECT_EQ(curandGenerate(nullptr, U, 4), CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandGenerateUniform(nullptr, F, 4),
            CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandGenerateNormalDouble(nullptr, D, 4, 0, 1),
            CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandGenerateLongLong(nullptr, L, 4),
            CURAND_STATUS_NOT_INITIALIZED);
  EXPECT_EQ(curandGeneratePoisson(nullptr, U, 4, 1.0),
            CURAND_STATUS_NOT_INITIALIZED);
  for (curandRngType_t T : Implemented) {
    Gen G(T, true);
    EXPECT_EQ(curandGenerate(G, nullptr, 4), CURAND_STATUS_OUT_OF_RANGE);
    EXPECT_EQ(curandGenerate(G, U, 0), CURAND_STATUS_SUCCESS);
    EXPECT_EQ(curandGenerateLongLong(G, L, 4), CURAND_STATUS_TYPE_ERROR);
    EXPECT_EQ(curandGeneratePoisson(G, U, 4, 0.0), CURAND_STATUS_OUT_OF_RANGE);
    EXPECT_EQ(curandGeneratePoisson(G, U, 4, -1.0), CURAND_STATUS_OUT_OF_RANGE);
    EXPECT_EQ(curandGeneratePoisson(G, U, 4, NAN), CURAND_STATUS_OUT_OF_RANGE);
    EXPECT_EQ(curandGeneratePoissonMethod(G, U, 4, 2.0, CURAND_M1),
              CURAND_STATUS_OUT_OF_RANGE);
    curandStatus_t Odd = T == CURAND_RNG_PSEUDO_PHILOX4_32_10
                             ? CURAND_STATUS_SUCCESS
                             : CURAND_STATUS_LENGTH_NOT_MULTIPLE;
    EXPECT_EQ(curandGenerateNormal(G, F, 3, 0, 1), Odd);
    EXPECT_EQ(curandGenerateNormalDouble(G, D, 3, 0, 1), Odd);
    EXPECT_EQ(curandGenerateLogNormal(G, F, 3, 0, 1), Odd);
    EXPECT_EQ(curandGenerateLogNormalDouble(G, D, 3, 0, 1), Odd);
  }
}

TEST(CurandApi, PoissonDistributionObjects) {
  curandDiscreteDistribution_t D = nullptr;
  EXPECT_EQ(curandCreatePoissonDistribution(4.5, &D), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandDestroyDistribution(D), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandCreatePoissonDistribution(0.0, &D),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandCreatePoissonDistribution(1.0, nullptr),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandDestroyDistribution(nullptr), CURAND_STATUS_OUT_OF_RANGE);
}

TEST(CurandApi, PoissonMomentsMatchLambda) {
  for (double Lambda : {0.5, 7.0, 300.0}) {
    Gen G(CURAND_RNG_PSEUDO_PHILOX4_32_10, true);
    std::vector<unsigned> V(200000);
    ASSERT_EQ(curandGeneratePoisson(G, V.data(), V.size(), Lambda),
              CURAND_STATUS_SUCCESS);
    double Sum = 0, Sum2 = 0;
    for (unsigned X : V)
      Sum += X, Sum2 += (double)X * X;
    double Mean = Sum / V.size(), Var = Sum2 / V.size() - Mean * Mean;
    EXPECT_NEAR(Mean, Lambda, 0.02 * Lambda + 0.01) << Lambda;
    EXPECT_NEAR(Var, Lambda, 0.05 * Lambda + 0.02) << Lambda;
  }
}

TEST(CurandApi, PoissonLambdaLimitsAsNvidias) {
  Gen G(CURAND_RNG_PSEUDO_XORWOW, true);
  unsigned U[4];
  EXPECT_EQ(curandGeneratePoisson(G, U, 4, 400000.0), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandGeneratePoisson(G, U, 4, 400000.5),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandGeneratePoisson(G, U, 4, INFINITY),
            CURAND_STATUS_OUT_OF_RANGE);
  ASSERT_EQ(curandGeneratePoisson(G, U, 4, 1e-300), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(U[0] + U[1] + U[2] + U[3], 0u);
  curandDiscreteDistribution_t D = nullptr;
  EXPECT_EQ(curandCreatePoissonDistribution(400001.0, &D),
            CURAND_STATUS_OUT_OF_RANGE);
  EXPECT_EQ(curandCreatePoissonDistribution(400000.0, &D),
            CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandDestroyDistribution(D), CURAND_STATUS_SUCCESS);
}

/// Every Poisson method (libs/rand/Poisson.h) through a device generator,
/// on the CPU device's workers, gives what the host generator gives.
TEST(CurandApi, PoissonDeviceGeneratorMatchesHost) {
  struct Setting {
    curandRngType_t Type;
    double Lambda;
  };
  const Setting Settings[] = {{CURAND_RNG_PSEUDO_XORWOW, 3.5},
                              {CURAND_RNG_PSEUDO_XORWOW, 5000.5},
                              {CURAND_RNG_PSEUDO_MRG32K3A, 2500.0},
                              {CURAND_RNG_PSEUDO_PHILOX4_32_10, 9000.0},
                              {CURAND_RNG_PSEUDO_MTGP32, 100.0},
                              {CURAND_RNG_QUASI_SOBOL32, 5.0},
                              {CURAND_RNG_QUASI_SOBOL64, 33.3}};
  const size_t N = 30000;
  unsigned *Dev = nullptr;
  ASSERT_EQ(cudaMalloc(&Dev, 2 * N * sizeof(unsigned)), cudaSuccess);
  for (const Setting &S : Settings) {
    Gen G(S.Type, false), H(S.Type, true);
    std::vector<unsigned> Want(2 * N), Got(2 * N);
    for (int Call = 0; Call < 2; ++Call) {
      ASSERT_EQ(curandGeneratePoisson(H, Want.data() + Call * N, N, S.Lambda),
                CURAND_STATUS_SUCCESS);
      ASSERT_EQ(curandGeneratePoisson(G, Dev + Call * N, N, S.Lambda),
                CURAND_STATUS_SUCCESS);
    }
    ASSERT_EQ(cudaMemcpy(Got.data(), Dev, 2 * N * sizeof(unsigned),
                         cudaMemcpyDeviceToHost),
              cudaSuccess);
    EXPECT_EQ(Got, Want) << S.Type << " lambda " << S.Lambda;
  }
  cudaFree(Dev);
}

/// As measured on NVIDIA's library: XORWOW's threads keep what a Poisson
/// call at large lambda drew (whole Box-Muller pairs) for the next call;
/// setting the offset, even to where it is, starts them over.
TEST(CurandApi, PoissonDrawsCarryOverUntilTheOffsetIsSet) {
  const size_t N = 10001; // threads end on the first of a pair
  std::vector<unsigned> Fresh = hostBits(CURAND_RNG_PSEUDO_XORWOW, 3, N, 8192);
  for (bool SetOffset : {false, true}) {
    Gen G(CURAND_RNG_PSEUDO_XORWOW, true);
    ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(G, 3), CURAND_STATUS_SUCCESS);
    std::vector<unsigned> P(N), After(8192);
    ASSERT_EQ(curandGeneratePoisson(G, P.data(), N, 4000.0),
              CURAND_STATUS_SUCCESS);
    if (SetOffset)
      ASSERT_EQ(curandSetGeneratorOffset(G, N), CURAND_STATUS_SUCCESS);
    ASSERT_EQ(curandGenerate(G, After.data(), After.size()),
              CURAND_STATUS_SUCCESS);
    EXPECT_EQ(After == Fresh, SetOffset);
  }
}

TEST(CurandApi, ConsecutiveCallsContinueTheSequence) {
  for (curandRngType_t T : Implemented) {
    std::vector<unsigned> All = hostBits(T, 99, 0, 10000);
    Gen G(T, true);
    ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(G, 99), CURAND_STATUS_SUCCESS);
    std::vector<unsigned> Parts(10000);
    ASSERT_EQ(curandGenerate(G, Parts.data(), 3333), CURAND_STATUS_SUCCESS);
    ASSERT_EQ(curandGenerate(G, Parts.data() + 3333, 6667),
              CURAND_STATUS_SUCCESS);
    EXPECT_EQ(All, Parts) << T;
    // An offset starts there.
    std::vector<unsigned> Tail = hostBits(T, 99, 1234, 100);
    EXPECT_TRUE(std::equal(Tail.begin(), Tail.end(), All.begin() + 1234)) << T;
  }
}

TEST(CurandApi, RaggedCallsOverManyRoundsMatchOneCall) {
  // Calls that start and end inside a group of threads and a round, over
  // enough rounds for the buffered generation to wrap several times.
  const size_t Sizes[] = {1, 63, 4097, 100003, 65, 330000};
  size_t Total = 0;
  for (size_t N : Sizes)
    Total += N;
  for (curandRngType_t T : Implemented) {
    Gen One(T, true), Parts(T, true);
    std::vector<float> Want(Total), Got(Total);
    ASSERT_EQ(curandGenerateUniform(One, Want.data(), Total),
              CURAND_STATUS_SUCCESS);
    size_t At = 0;
    for (size_t N : Sizes) {
      ASSERT_EQ(curandGenerateUniform(Parts, Got.data() + At, N),
                CURAND_STATUS_SUCCESS);
      At += N;
    }
    EXPECT_EQ(std::memcmp(Want.data(), Got.data(), Total * sizeof(float)), 0)
        << T;
  }
}

TEST(CurandApi, SeedChangesTheSequence) {
  for (curandRngType_t T : Implemented)
    EXPECT_NE(hostBits(T, 1, 0, 16), hostBits(T, 2, 0, 16)) << T;
}

TEST(CurandApi, UniformsLieInTheHalfOpenUnitInterval) {
  for (curandRngType_t T : Implemented) {
    Gen G(T, true);
    std::vector<float> F(100000);
    std::vector<double> D(100000);
    ASSERT_EQ(curandGenerateUniform(G, F.data(), F.size()),
              CURAND_STATUS_SUCCESS);
    ASSERT_EQ(curandGenerateUniformDouble(G, D.data(), D.size()),
              CURAND_STATUS_SUCCESS);
    double Sum = 0;
    for (size_t I = 0; I < F.size(); ++I) {
      ASSERT_GT(F[I], 0.0f);
      ASSERT_LE(F[I], 1.0f);
      ASSERT_GT(D[I], 0.0);
      ASSERT_LE(D[I], 1.0);
      Sum += D[I];
    }
    EXPECT_NEAR(Sum / D.size(), 0.5, 0.01);
  }
}

TEST(CurandApi, DeviceGeneratorMatchesHostGeneratorOnAStream) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  const size_t N = 50000;
  for (curandRngType_t T : Implemented) {
    double *Dev = nullptr;
    ASSERT_EQ(cudaMalloc(&Dev, N * sizeof(double)), cudaSuccess);
    Gen G(T, false), H(T, true);
    ASSERT_EQ(curandSetStream(G, S), CURAND_STATUS_SUCCESS);
    for (curandGenerator_t X : {G.G, H.G}) {
      ASSERT_EQ(curandSetPseudoRandomGeneratorSeed(X, 5),
                CURAND_STATUS_SUCCESS);
      ASSERT_EQ(curandSetGeneratorOffset(X, 17), CURAND_STATUS_SUCCESS);
    }
    // Work before and after on the same stream is ordered with it.
    ASSERT_EQ(cudaMemsetAsync(Dev, 0xff, N * sizeof(double), S), cudaSuccess);
    ASSERT_EQ(curandGenerateNormalDouble(G, Dev, N, 1.0, 2.0),
              CURAND_STATUS_SUCCESS);
    std::vector<double> Got(N), Want(N);
    ASSERT_EQ(cudaMemcpyAsync(Got.data(), Dev, N * sizeof(double),
                              cudaMemcpyDeviceToHost, S),
              cudaSuccess);
    ASSERT_EQ(curandGenerateNormalDouble(H, Want.data(), N, 1.0, 2.0),
              CURAND_STATUS_SUCCESS);
    ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
    EXPECT_EQ(std::memcmp(Got.data(), Want.data(), N * sizeof(double)), 0) << T;
    cudaFree(Dev);
  }
  cudaStreamDestroy(S);
}

TEST(CurandApi, DestroyWhileWorkIsQueuedIsSafe) {
  const size_t N = 1 << 18;
  float *Dev = nullptr;
  ASSERT_EQ(cudaMalloc(&Dev, N * sizeof(float)), cudaSuccess);
  curandGenerator_t G;
  ASSERT_EQ(curandCreateGenerator(&G, CURAND_RNG_PSEUDO_MRG32K3A),
            CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandGenerateUniform(G, Dev, N), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(curandDestroyGenerator(G), CURAND_STATUS_SUCCESS);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  std::vector<float> Host(N);
  ASSERT_EQ(
      cudaMemcpy(Host.data(), Dev, N * sizeof(float), cudaMemcpyDeviceToHost),
      cudaSuccess);
  EXPECT_GT(Host[N - 1], 0.0f);
  cudaFree(Dev);
}

TEST(CurandApi, InvalidStreamFailsToLaunch) {
  Gen G(CURAND_RNG_PSEUDO_XORWOW, false);
  float *Dev = nullptr;
  ASSERT_EQ(cudaMalloc(&Dev, 16 * sizeof(float)), cudaSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaStreamDestroy(S), cudaSuccess);
  ASSERT_EQ(curandSetStream(G, S), CURAND_STATUS_SUCCESS);
  EXPECT_EQ(curandGenerateUniform(G, Dev, 16), CURAND_STATUS_LAUNCH_FAILURE);
  cudaFree(Dev);
}

} // namespace
