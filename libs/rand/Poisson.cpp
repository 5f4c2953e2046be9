//===- rand/Poisson.cpp - Poisson distributions for the host API ----------===//
//
// Part of Tongxin. Probabilities are computed in log space (lgamma), so
// that large lambdas neither overflow nor underflow before the tails do;
// the table holds the values whose probability is not 0.
//
// The square histogram gives each of its n bins 1/n of probability: bin j
// keeps its own value's probability p_j (if less than 1/n) and takes the
// rest from a donor, with the thresholds V[j] = j/n + p_j. Which donor a
// bin gets decides NVIDIA's exact values; measured, its construction is:
// donors are the values with p >= 1/n, used from the highest down, each
// until what it has left falls below 1/n (it then needs a donor itself);
// the bins that need one are served in passes over the table in order,
// each pass serving those in need when it reaches them.
//
//===----------------------------------------------------------------------===//

#include "Poisson.h"

#include <algorithm>
#include <cmath>

bool tx::rand::isValidLambda(double Lambda) {
  // NVIDIA's host generators refuse lambdas above 400000.
  return Lambda > 0.0 && Lambda <= 400000.0 && std::isfinite(Lambda);
}

/// P(X = K) for X ~ Poisson(Lambda).
static double probability(double Lambda, double K) {
  return std::exp(-Lambda + K * std::log(Lambda) - std::lgamma(K + 1.0));
}

void tx::rand::buildPoisson(curandDiscreteDistribution_st &D, double Lambda) {
  D.Lambda = Lambda;
  // The first value whose probability is not 0 (probabilities rise up to
  // the mode), then every one up to the last.
  unsigned First = 0;
  if (probability(Lambda, 0.0) == 0.0) {
    unsigned Low = 0, High = (unsigned)std::floor(Lambda);
    while (Low + 1 < High) {
      unsigned Mid = Low + (High - Low) / 2;
      (probability(Lambda, Mid) == 0.0 ? Low : High) = Mid;
    }
    First = High;
  }
  std::vector<double> P;
  for (unsigned K = First;; ++K) {
    double Pk = probability(Lambda, K);
    if (Pk == 0.0 && K > Lambda)
      break;
    P.push_back(Pk);
  }
  D.Shift = First;
  size_t N = P.size();

  D.Cdf.resize(N);
  double Sum = 0.0;
  for (size_t I = 0; I < N; ++I)
    D.Cdf[I] = Sum += P[I];

  double Share = 1.0 / (double)N;
  D.V.resize(N);
  D.K.resize(N);
  std::vector<unsigned> Donors;
  std::vector<char> Served(N, 0);
  for (size_t I = 0; I < N; ++I) {
    D.V[I] = (double)(I + 1) * Share;
    D.K[I] = (unsigned)I;
    if (P[I] >= Share)
      Donors.push_back((unsigned)I);
  }
  for (bool Progress = true; Progress && !Donors.empty();) {
    Progress = false;
    for (size_t I = 0; I < N && !Donors.empty(); ++I) {
      if (Served[I] || P[I] >= Share)
        continue;
      unsigned Donor = Donors.back();
      D.K[I] = Donor;
      D.V[I] = (double)I * Share + P[I];
      P[Donor] -= Share - P[I];
      Served[I] = 1;
      Progress = true;
      if (P[Donor] < Share)
        Donors.pop_back();
    }
  }
}

unsigned tx::rand::poissonFromHistogram(const curandDiscreteDistribution_st &D,
                                        double U) {
  size_t N = D.V.size();
  size_t J = std::min((size_t)std::floor((double)N * U), N - 1);
  return D.Shift + (U < D.V[J] ? (unsigned)J : D.K[J]);
}

unsigned tx::rand::poissonFromCdf(const curandDiscreteDistribution_st &D,
                                  double U) {
  auto It = std::lower_bound(D.Cdf.begin(), D.Cdf.end(), U);
  if (It == D.Cdf.end())
    --It;
  return D.Shift + (unsigned)(It - D.Cdf.begin());
}

static bool isSobol64(curandRngType_t Type) {
  return Type == CURAND_RNG_QUASI_SOBOL64 ||
         Type == CURAND_RNG_QUASI_SCRAMBLED_SOBOL64;
}

tx::rand::PoissonMethod tx::rand::poissonMethod(curandRngType_t Type,
                                                double Lambda) {
  switch (Type) {
  case CURAND_RNG_PSEUDO_MTGP32:
    return Lambda < 32.0      ? PoissonMethod::Histogram
           : Lambda <= 8000.0 ? PoissonMethod::Inverse
                              : PoissonMethod::Normal;
  case CURAND_RNG_QUASI_SOBOL32:
  case CURAND_RNG_QUASI_SCRAMBLED_SOBOL32:
    return Lambda < 10.0      ? PoissonMethod::Histogram
           : Lambda <= 8000.0 ? PoissonMethod::Inverse
                              : PoissonMethod::Normal;
  case CURAND_RNG_QUASI_SOBOL64:
  case CURAND_RNG_QUASI_SCRAMBLED_SOBOL64:
    return Lambda < 2000.0 ? PoissonMethod::Inverse : PoissonMethod::Normal;
  default:
    return Lambda < 2000.0 ? PoissonMethod::Histogram : PoissonMethod::Normal;
  }
}

tx::rand::OutputKind tx::rand::poissonSource(curandRngType_t Type,
                                             PoissonMethod Method) {
  if (Method == PoissonMethod::Normal)
    return Type == CURAND_RNG_PSEUDO_XORWOW ||
                   Type == CURAND_RNG_PSEUDO_MRG32K3A
               ? OutputKind::NormalSequence
               : OutputKind::Normal;
  return Method == PoissonMethod::Inverse && isSobol64(Type)
             ? OutputKind::UniformDouble
             : OutputKind::Bits32;
}

void tx::rand::mapPoisson(curandRngType_t Type, PoissonMethod Method,
                          const curandDiscreteDistribution_st &D,
                          const void *Source, unsigned *Out, size_t Count) {
  double Lambda = D.Lambda;
  switch (Method) {
  case PoissonMethod::Histogram:
    for (size_t I = 0; I < Count; ++I)
      Out[I] = poissonFromHistogram(
          D, poissonUniform(static_cast<const unsigned *>(Source)[I]));
    return;
  case PoissonMethod::Inverse:
    for (size_t I = 0; I < Count; ++I)
      Out[I] =
          isSobol64(Type)
              ? poissonFromCdf(D, static_cast<const double *>(Source)[I])
              : poissonFromCdf(D, poissonUniform(static_cast<const unsigned *>(
                                      Source)[I]));
    return;
  case PoissonMethod::Normal:
    break;
  }
  const float *Z = static_cast<const float *>(Source);
  if (Type == CURAND_RNG_PSEUDO_MT19937) {
    float L = (float)Lambda, Root = std::sqrt(L);
    for (size_t I = 0; I < Count; ++I)
      Out[I] = (unsigned)(Root * Z[I] + L + 0.5f);
    return;
  }
  double Root = std::sqrt(Lambda);
  for (size_t I = 0; I < Count; ++I)
    Out[I] = (unsigned)(Root * (double)Z[I] + Lambda + 0.5);
}
