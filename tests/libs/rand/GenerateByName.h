//===- tests/libs/rand/GenerateByName.h - A distribution by its name ------===//
//
// Part of Tongxin. The cuRAND tests name distributions as the reference
// program does (CurandReference.cpp): u32 u64 uniform uniform_double normal
// normal_double lognormal lognormal_double poisson. One call here generates
// any of them and keeps each value's bits, for exact comparison.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_LIBS_RAND_GENERATEBYNAME_H
#define TONGXIN_TESTS_LIBS_RAND_GENERATEBYNAME_H

#include <curand.h>

#include <cstring>
#include <vector>

/// Generates N values of distribution Dist with G (Mean is lambda for
/// poisson) and appends each value's bits to Bits, unless the call fails;
/// returns its status.
inline curandStatus_t generateByName(curandGenerator_t G, const char *Dist,
                                     size_t N, double Mean, double StdDev,
                                     std::vector<unsigned long long> &Bits) {
  std::vector<double> Buffer(N);
  void *P = Buffer.data();
  float M = (float)Mean, D = (float)StdDev;
  curandStatus_t S = CURAND_STATUS_TYPE_ERROR;
  if (!std::strcmp(Dist, "u32"))
    S = curandGenerate(G, (unsigned *)P, N);
  else if (!std::strcmp(Dist, "u64"))
    S = curandGenerateLongLong(G, (unsigned long long *)P, N);
  else if (!std::strcmp(Dist, "uniform"))
    S = curandGenerateUniform(G, (float *)P, N);
  else if (!std::strcmp(Dist, "uniform_double"))
    S = curandGenerateUniformDouble(G, (double *)P, N);
  else if (!std::strcmp(Dist, "normal"))
    S = curandGenerateNormal(G, (float *)P, N, M, D);
  else if (!std::strcmp(Dist, "normal_double"))
    S = curandGenerateNormalDouble(G, (double *)P, N, Mean, StdDev);
  else if (!std::strcmp(Dist, "lognormal"))
    S = curandGenerateLogNormal(G, (float *)P, N, M, D);
  else if (!std::strcmp(Dist, "lognormal_double"))
    S = curandGenerateLogNormalDouble(G, (double *)P, N, Mean, StdDev);
  else if (!std::strcmp(Dist, "poisson"))
    S = curandGeneratePoisson(G, (unsigned *)P, N, Mean);
  if (S != CURAND_STATUS_SUCCESS)
    return S;
  size_t Size =
      std::strstr(Dist, "double") || !std::strcmp(Dist, "u64") ? 8 : 4;
  for (size_t I = 0; I < N; ++I) {
    unsigned long long B = 0;
    std::memcpy(&B, (const char *)P + I * Size, Size);
    Bits.push_back(B);
  }
  return S;
}

#endif // TONGXIN_TESTS_LIBS_RAND_GENERATEBYNAME_H
