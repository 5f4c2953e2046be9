//===- rand/Sobol.h - The Sobol generators of the host API ------*- C++ -*-===//
//
// Part of Tongxin. The quasirandom generators (Sobol 32/64, plain and
// scrambled) and their constants. Output is laid out as CUDA's: a call for
// N values over D dimensions gives N / D consecutive points of dimension 0,
// then of dimension 1, and so on; the generator's offset counts points.
//
// The direction vectors are Joe and Kuo's (data/README.md). Scrambling is
// Matousek's linear scramble (each bit XORed with random higher bits) plus
// a random digital shift per dimension, from a fixed seed: the same on
// every run, but not NVIDIA's random matrices, which are not published.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_SOBOL_H
#define TONGXIN_LIBS_RAND_SOBOL_H

#include "Generator.h"
#include "PseudoGenerator.h"

namespace tx {
namespace rand {

/// Whether Type is one of the Sobol generators.
bool isSobol(curandRngType_t Type);

/// The status of R on a Sobol generator of Type with Dimensions, before
/// any work (type and length checks).
curandStatus_t checkSobolRequest(curandRngType_t Type, unsigned Dimensions,
                                 const Request &R);

/// Fills R.Output: R.Count / Dimensions points per dimension from point
/// Offset on.
void generateSobol(curandRngType_t Type, unsigned Dimensions,
                   unsigned long long Offset, const Request &R,
                   const ParallelFor &For);

/// The constant tables (built on first use, alive until exit); null where
/// Set is not a set of that word size.
const curandDirectionVectors32_t *
sobolDirections32(curandDirectionVectorSet_t Set);
const curandDirectionVectors64_t *
sobolDirections64(curandDirectionVectorSet_t Set);
const unsigned *sobolScrambleConstants32();
const unsigned long long *sobolScrambleConstants64();

} // namespace rand
} // namespace tx

#endif // TONGXIN_LIBS_RAND_SOBOL_H
