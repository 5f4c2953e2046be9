//===- rand/Mt19937.h - The host API's MT19937 generator --------*- C++ -*-===//
//
// Part of Tongxin. CURAND_RNG_PSEUDO_MT19937 as NVIDIA's host generator lays
// it out (measured against it; the same in the default and legacy
// orderings):
//
//  - Stream 0 is MT19937 from init_genrand(seed mod 2^32); stream g is it
//    moved 2^2048 * g steps ahead (tools/GenerateMt19937Tables.cpp), for
//    g = 0..8191.
//  - Each stream is run by eight lanes. Every 624 words of the stream (one
//    regeneration of its state) are dealt out as 78 rounds of 8: lane t's
//    word of round k is word 0, 113, 170, 283, 340, 397, 510 or 567 (by t)
//    for k = 0, then 1 + 7t + (k - 1) % 7 past one of eleven fixed starts
//    (1, 57, 114, 171, 227, 284, 341, 398, 454, 511, 568: the (k - 1) / 7-th).
//  - Output is one flat sequence: round r occupies values 65536r ..
//    65536r + 65535, stream g's lane t at 8g + t; the stream's rounds go
//    through its regenerations in order (round r is round r % 78 of its
//    regeneration r / 78).
//
// One word makes one value of every distribution, as MTGP32's do
// (WordValues.h). The generator's offset counts the values made since
// seeding, so successive calls continue the sequence; users cannot set it
// (CUDA refuses too).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_MT19937_H
#define TONGXIN_LIBS_RAND_MT19937_H

#include "PseudoGenerator.h"

namespace tx {
namespace rand {

/// Independent MT19937 streams, and values each round gives.
constexpr unsigned Mt19937Streams = 8192;
constexpr unsigned Mt19937RoundValues = 8 * Mt19937Streams;

/// States for MT19937 seeded with Seed.
std::shared_ptr<PseudoStates> makeMt19937States(unsigned long long Seed);

} // namespace rand
} // namespace tx

#endif // TONGXIN_LIBS_RAND_MT19937_H
