//===- rand/Mtgp32.h - The host API's MTGP32 generator ----------*- C++ -*-===//
//
// Part of Tongxin. CURAND_RNG_PSEUDO_MTGP32 as NVIDIA's host generator lays
// it out (measured against it): 192 thread blocks (64 in the legacy
// ordering), block b running parameter set b of mtgp32dc_params_fast_11213
// from MTGP's seeding with (seed ^ seed >> 32) + b + 1 (32-bit). Output goes
// round by round: round r holds words 256r .. 256r + 255 of block 0, then
// of block 1, and so on. One word makes one value of every distribution
// (normals by the inverse normal CDF). The generator's offset counts the
// values made since seeding; users cannot set it (CUDA refuses too).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_MTGP32_H
#define TONGXIN_LIBS_RAND_MTGP32_H

#include "PseudoGenerator.h"

namespace tx {
namespace rand {

/// Words each block gives per round.
constexpr unsigned Mtgp32RoundWords = 256;

/// Thread blocks of Ordering's layout.
unsigned mtgp32Blocks(curandOrdering_t Ordering);

/// States for MTGP32 seeded with Seed, in Ordering's layout.
std::shared_ptr<PseudoStates> makeMtgp32States(unsigned long long Seed,
                                               curandOrdering_t Ordering);

} // namespace rand
} // namespace tx

#endif // TONGXIN_LIBS_RAND_MTGP32_H
