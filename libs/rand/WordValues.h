//===- rand/WordValues.h - One 32-bit word to one value ---------*- C++ -*-===//
//
// Part of Tongxin. How NVIDIA's MTGP32 and MT19937 host generators turn each
// 32-bit word into one value of every distribution (measured against it):
// doubles from the one word, normals by the inverse normal CDF (so a call
// may ask for any count); the two differ in how uniforms are rounded and
// in the precision of double normals.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_WORDVALUES_H
#define TONGXIN_LIBS_RAND_WORDVALUES_H

#include "Generator.h"
#include "tongxin/curand_sobol.h"

#include <cmath>

namespace tx {
namespace rand {

/// The generators whose words these are: their uniforms and double
/// normals differ.
enum class WordSource { Mtgp32, Mt19937 };

/// X in (0, 1] in double, centred in its step of 2^-32 (MT19937's).
inline double centredUniformDouble(unsigned X) {
  __TX_NO_CONTRACT
  return X * CURAND_2POW32_INV_DOUBLE + (CURAND_2POW32_INV_DOUBLE / 2.0);
}

/// Converts word X of Source into output element At of R (Poisson requests
/// get uniforms, mapped afterwards).
inline void storeWordValue(WordSource Source, const Request &R, size_t At,
                           unsigned X) {
  float Mean = (float)R.Mean, StdDev = (float)R.StdDev;
  bool Mt19937 = Source == WordSource::Mt19937;
  switch (R.Kind) {
  case OutputKind::Bits32:
    static_cast<unsigned *>(R.Output)[At] = X;
    return;
  case OutputKind::Uniform:
  case OutputKind::Poisson:
    // MT19937 rounds the double uniform once; MTGP32 rounds X to float
    // first, as the device API does.
    static_cast<float *>(R.Output)[At] =
        Mt19937 ? (float)centredUniformDouble(X) : __tx_uniform(X);
    return;
  case OutputKind::UniformDouble:
    static_cast<double *>(R.Output)[At] =
        Mt19937 ? centredUniformDouble(X) : __tx_sobol_uniform_double(X);
    return;
  case OutputKind::Normal:
    static_cast<float *>(R.Output)[At] = Mean + StdDev * __tx_normal_icdf(X);
    return;
  case OutputKind::LogNormal:
    static_cast<float *>(R.Output)[At] =
        std::exp(Mean + StdDev * __tx_normal_icdf(X));
    return;
  case OutputKind::NormalDouble:
    // NVIDIA's MTGP32 scales the float normal in double here, while its
    // log-normal doubles (and MT19937's normal doubles) take the double
    // inverse CDF.
    static_cast<double *>(R.Output)[At] =
        R.Mean + R.StdDev * (Mt19937 ? __tx_normal_icdf_double(X)
                                     : (double)__tx_normal_icdf(X));
    return;
  case OutputKind::LogNormalDouble:
    static_cast<double *>(R.Output)[At] =
        std::exp(R.Mean + R.StdDev * __tx_normal_icdf_double(X));
    return;
  case OutputKind::Bits64:
  case OutputKind::NormalSequence:
    return; // refused by the API; not asked of these generators
  }
}

} // namespace rand
} // namespace tx

#endif // TONGXIN_LIBS_RAND_WORDVALUES_H
