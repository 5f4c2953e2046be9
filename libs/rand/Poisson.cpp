//===- rand/Poisson.cpp - Poisson distributions for the host API ----------===//
//
// Part of Tongxin. The table is built in log space (lgamma) so that large
// lambdas neither overflow nor underflow.
//
//===----------------------------------------------------------------------===//

#include "Poisson.h"

#include <algorithm>
#include <cmath>

bool tx::rand::isValidLambda(double Lambda) {
  return Lambda > 0.0 && Lambda <= 1e9 && std::isfinite(Lambda);
}

void tx::rand::buildPoisson(curandDiscreteDistribution_st &D, double Lambda) {
  double Spread = 16.0 * std::sqrt(Lambda) + 16.0;
  double Low = std::max(0.0, std::floor(Lambda - Spread));
  double High = std::ceil(Lambda + Spread);
  D.Lambda = Lambda;
  D.First = (unsigned)Low;
  D.Cdf.clear();
  double Sum = 0.0;
  for (double K = Low; K <= High; K += 1.0) {
    Sum += std::exp(K * std::log(Lambda) - Lambda - std::lgamma(K + 1.0));
    D.Cdf.push_back(Sum);
  }
  // The mass outside the window is far below double resolution.
  for (double &P : D.Cdf)
    P /= Sum;
  D.Cdf.back() = 1.0;
}

unsigned tx::rand::samplePoisson(const curandDiscreteDistribution_st &D,
                                 double U) {
  auto It = std::lower_bound(D.Cdf.begin(), D.Cdf.end(), U);
  if (It == D.Cdf.end())
    --It;
  return D.First + (unsigned)(It - D.Cdf.begin());
}
