//===- rand/Poisson.h - Poisson distributions for the host API --*- C++ -*-===//
//
// Part of Tongxin. curandCreatePoissonDistribution's table: the cumulative
// distribution of Poisson(lambda) over the values that carry probability
// (mean +- 16 standard deviations, clipped at 0), sampled by inversion.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_POISSON_H
#define TONGXIN_LIBS_RAND_POISSON_H

#include "curand.h"

#include <vector>

struct curandDiscreteDistribution_st {
  double Lambda = 0.0;
  unsigned First = 0;      // the value Cdf[0] belongs to
  std::vector<double> Cdf; // P(X <= First + I)
};

namespace tx {
namespace rand {

/// Whether lambda is one curandGeneratePoisson accepts.
bool isValidLambda(double Lambda);

/// Fills D's table for Lambda.
void buildPoisson(curandDiscreteDistribution_st &D, double Lambda);

/// The Poisson value of uniform U in (0, 1].
unsigned samplePoisson(const curandDiscreteDistribution_st &D, double U);

} // namespace rand
} // namespace tx

#endif // TONGXIN_LIBS_RAND_POISSON_H
