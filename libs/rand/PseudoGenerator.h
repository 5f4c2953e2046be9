//===- rand/PseudoGenerator.h - XORWOW, MRG32k3a, Philox host side -*- C++
//-*-===//
//
// Part of Tongxin. The pseudorandom generators of the host API, laid out as
// CUDA's are: output is spread over N threads (XORWOW 4096, MRG32k3a 81920
// or 4096 in the legacy ordering, Philox 65536, as measured against
// NVIDIA's host generator), thread T running the device API's engine from
// curand_init(seed, T, 0) (XORWOW's seeded ordering: curand_init(seed +
// 3133713 T, 0, 0)). Output is cut into units (one engine call's
// worth: one value, a Box-Muller pair, or Philox's four words); unit U
// belongs to thread U % N, as its (U / N)-th unit. The generator's offset
// counts units for XORWOW and MRG32k3a and values for Philox, as CUDA's does;
// a thread starts a call one output per earlier round into its subsequence,
// plus whatever its earlier calls (since the offset was set) drew beyond
// that, as NVIDIA's threads keep their states between calls.
// MTGP32 has its own layout (Mtgp32.h) behind the same interface.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_PSEUDOGENERATOR_H
#define TONGXIN_LIBS_RAND_PSEUDOGENERATOR_H

#include "Generator.h"

#include <functional>
#include <memory>

namespace tx {
namespace rand {

/// Runs Body(I) for I in [0, Count), possibly in parallel.
using ParallelFor =
    std::function<void(size_t Count, const std::function<void(size_t)> &)>;

/// The per-thread engine states of one seed, kept between calls.
class PseudoStates {
public:
  virtual ~PseudoStates() = default;
  /// Fills R.Output with R.Count values starting at Offset.
  virtual void generate(const Request &R, unsigned long long Offset,
                        const ParallelFor &For) = 0;
};

/// Whether Type is one of the pseudorandom generators implemented here.
bool isPseudoSupported(curandRngType_t Type);

/// States for Type seeded with Seed, in Ordering's layout (built lazily
/// by generate).
std::shared_ptr<PseudoStates> makePseudoStates(curandRngType_t Type,
                                               unsigned long long Seed,
                                               curandOrdering_t Ordering);

/// CURAND_STATUS_LENGTH_NOT_MULTIPLE where Count does not fill whole units.
curandStatus_t checkPseudoLength(curandRngType_t Type, const Request &R);

/// How far the generator's offset moves when it produces R.
unsigned long long pseudoOffsetAdvance(curandRngType_t Type, const Request &R);

} // namespace rand
} // namespace tx

#endif // TONGXIN_LIBS_RAND_PSEUDOGENERATOR_H
