//===- rand/Poisson.h - Poisson distributions for the host API --*- C++ -*-===//
//
// Part of Tongxin. How NVIDIA's host generators make Poisson values
// (measured against its library). One value per output position, from the
// generator's value at that position, by one of three methods:
//
//  - Histogram: Marsaglia, Tsang and Wang's square histogram (J. Stat.
//    Softw. 11(3), 2004) over every value whose probability is not 0 in
//    double precision, sampled with the 32-bit word as the uniform
//    x 2^-32 + 2^-32;
//  - Inverse: the same values' cumulative distribution, inverted at that
//    uniform (Sobol64: at its 53-bit uniform double);
//  - Normal: (unsigned)(sqrt(lambda) z + lambda + 0.5) for the float
//    normal z the generator gives there (MT19937 computes it in float).
//    XORWOW and MRG32k3a take each thread's normals in curand_normal's
//    order instead (OutputKind::NormalSequence).
//
// Which, by generator and lambda:
//   XORWOW, MRG32k3a, Philox, MT19937: Histogram below 2000, else Normal;
//   MTGP32: Histogram below 32, Inverse up to 8000, else Normal;
//   Sobol32: Histogram below 10, Inverse up to 8000, else Normal;
//   Sobol64: Inverse below 2000, else Normal.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_POISSON_H
#define TONGXIN_LIBS_RAND_POISSON_H

#include "Generator.h"
#include "curand.h"

#include <vector>

struct curandDiscreteDistribution_st {
  double Lambda = 0.0;
  unsigned Shift = 0; // the value of bin 0
  /// The square histogram: a uniform U in bin J = floor(U * bins) gives
  /// Shift + J if U < V[J], else Shift + K[J].
  std::vector<double> V;
  std::vector<unsigned> K;
  std::vector<double> Cdf; // P(X <= Shift + I), unnormalised
};

namespace tx {
namespace rand {

enum class PoissonMethod { Histogram, Inverse, Normal };

/// The method NVIDIA's Type uses for Lambda.
PoissonMethod poissonMethod(curandRngType_t Type, double Lambda);

/// What the generator makes for the method to map: words, uniform
/// doubles (Sobol64's inversion) or float normals.
OutputKind poissonSource(curandRngType_t Type, PoissonMethod Method);

/// Whether lambda is one curandGeneratePoisson accepts (as NVIDIA's does,
/// but for NaN, which it takes).
bool isValidLambda(double Lambda);

/// Fills D's tables for Lambda.
void buildPoisson(curandDiscreteDistribution_st &D, double Lambda);

/// The uniform of word X in (0, 1].
inline double poissonUniform(unsigned X) {
  return X * 2.3283064365386963e-10 + 2.3283064365386963e-10;
}

/// The square histogram's value for uniform U.
unsigned poissonFromHistogram(const curandDiscreteDistribution_st &D, double U);

/// The inverse cumulative distribution's value for uniform U.
unsigned poissonFromCdf(const curandDiscreteDistribution_st &D, double U);

/// Out[I] for I < Count from Source[I], values of poissonSource's kind
/// (Out may be Source when both are 4 bytes a value).
void mapPoisson(curandRngType_t Type, PoissonMethod Method,
                const curandDiscreteDistribution_st &D, const void *Source,
                unsigned *Out, size_t Count);

} // namespace rand
} // namespace tx

#endif // TONGXIN_LIBS_RAND_POISSON_H
