//===- rand/Generator.h - A cuRAND generator and its options -----*- C++
//-*-===//
//
// Part of Tongxin. curandGenerator_t points at a Generator: its type, the
// options the host API sets, where it generates (the host, or a device
// stream) and the per-thread engine states the pseudorandom generators keep
// between calls (see PseudoGenerator.h for how output maps onto them).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_RAND_GENERATOR_H
#define TONGXIN_LIBS_RAND_GENERATOR_H

#include "curand.h"

#include <memory>

namespace tx {
namespace rand {

class PseudoStates;

/// What one generation call produces.
enum class OutputKind {
  Bits32,
  Bits64, // the 64-bit Sobol generators only
  Uniform,
  UniformDouble,
  Normal,
  NormalDouble,
  LogNormal,
  LogNormalDouble,
  Poisson,
  /// Float normals, one per value, each thread's in the order the device
  /// API's curand_normal gives them (a Box-Muller pair's second value on
  /// the next call): NVIDIA's Poisson source at large lambda for XORWOW
  /// and MRG32k3a.
  NormalSequence,
};

/// The arguments of one generation call.
struct Request {
  OutputKind Kind = OutputKind::Bits32;
  void *Output = nullptr;
  size_t Count = 0;
  double Mean = 0.0, StdDev = 1.0; // Normal kinds; Mean is lambda for Poisson
};

} // namespace rand
} // namespace tx

struct curandGenerator_st {
  curandRngType_t Type = CURAND_RNG_PSEUDO_XORWOW;
  bool OnHost = false;
  cudaStream_t Stream = nullptr;
  unsigned long long Seed = 0;
  unsigned long long Offset = 0;
  curandOrdering_t Ordering = CURAND_ORDERING_PSEUDO_DEFAULT;
  unsigned Dimensions = 1;
  /// Engine states, built on first use after a seed change.
  std::shared_ptr<tx::rand::PseudoStates> States;
  /// NVIDIA's generator standing in for this one on an NVIDIA GPU
  /// (Forward.h), and that GPU.
  void *Nvidia = nullptr;
  int Device = 0;
};

#endif // TONGXIN_LIBS_RAND_GENERATOR_H
