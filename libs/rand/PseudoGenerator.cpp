//===- rand/PseudoGenerator.cpp - XORWOW, MRG32k3a, Philox host side ------===//
//
// Part of Tongxin. See PseudoGenerator.h for the layout. Each engine says
// how one unit of each output kind is made from its state (the same device
// API functions curand_kernel.h uses); ThreadStates<Engine> keeps the
// states and walks each one forward to the units a call needs.
//
//===----------------------------------------------------------------------===//

#include "PseudoGenerator.h"

#include "tongxin/curand_distributions.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <vector>

using namespace tx::rand;

namespace {

/// Up to four values of one unit, of the request's output type.
struct Unit {
  union {
    unsigned int U32[4];
    float F32[4];
    double F64[4];
  };
};

/// Float results of normal kinds scaled by the request's mean and deviation.
static float scaled(float Z, const Request &R) {
  return (float)R.Mean + (float)R.StdDev * Z;
}
static double scaled(double Z, const Request &R) {
  return R.Mean + R.StdDev * Z;
}

static void putPair(float2 Z, const Request &R, Unit &Out, int At) {
  bool Log = R.Kind == OutputKind::LogNormal;
  Out.F32[At] = Log ? std::exp(scaled(Z.x, R)) : scaled(Z.x, R);
  Out.F32[At + 1] = Log ? std::exp(scaled(Z.y, R)) : scaled(Z.y, R);
}
static void putPair(double2 Z, const Request &R, Unit &Out, int At) {
  bool Log = R.Kind == OutputKind::LogNormalDouble;
  Out.F64[At] = Log ? std::exp(scaled(Z.x, R)) : scaled(Z.x, R);
  Out.F64[At + 1] = Log ? std::exp(scaled(Z.y, R)) : scaled(Z.y, R);
}

static bool isNormal(OutputKind K) {
  return K == OutputKind::Normal || K == OutputKind::LogNormal;
}
static bool isNormalDouble(OutputKind K) {
  return K == OutputKind::NormalDouble || K == OutputKind::LogNormalDouble;
}

static size_t valueSize(OutputKind K) {
  switch (K) {
  case OutputKind::UniformDouble:
  case OutputKind::NormalDouble:
  case OutputKind::LogNormalDouble:
    return sizeof(double);
  default:
    return 4;
  }
}

/// XORWOW: one output per value; doubles take two, normals come in pairs.
struct XorwowEngine {
  using State = curandStateXORWOW_t;
  static constexpr unsigned RoundSkip = 1;
  static void seed(State *S, unsigned long long Seed) {
    __tx_xorwow_seed(S, Seed);
  }
  static void skip(State *S, unsigned long long N) {
    __tx_xorwow_skip(S, N, 0);
  }
  static void nextThread(State *S) { __tx_xorwow_skip(S, 1, 1); }
  static unsigned valuesPerUnit(OutputKind K) {
    return isNormal(K) || isNormalDouble(K) ? 2 : 1;
  }
  static unsigned outputsPerUnit(OutputKind K) {
    if (K == OutputKind::UniformDouble || isNormal(K))
      return 2;
    return isNormalDouble(K) ? 4 : 1;
  }
  static void unit(State *S, const Request &R, Unit &Out) {
    OutputKind K = R.Kind;
    if (K == OutputKind::Bits32 || K == OutputKind::Poisson) {
      Out.U32[0] = __tx_xorwow_next(S);
    } else if (K == OutputKind::Uniform) {
      Out.F32[0] = __tx_uniform(__tx_xorwow_next(S));
    } else if (K == OutputKind::UniformDouble) {
      unsigned X = __tx_xorwow_next(S);
      Out.F64[0] = __tx_uniform_double_hq(X, __tx_xorwow_next(S));
    } else if (isNormal(K)) {
      unsigned X = __tx_xorwow_next(S);
      putPair(__tx_box_muller(X, __tx_xorwow_next(S)), R, Out, 0);
    } else {
      unsigned X0 = __tx_xorwow_next(S), X1 = __tx_xorwow_next(S);
      unsigned Y0 = __tx_xorwow_next(S), Y1 = __tx_xorwow_next(S);
      putPair(__tx_box_muller_double(X0, X1, Y0, Y1), R, Out, 0);
    }
  }
  static bool offsetCountsValues() { return false; }
};

/// MRG32k3a: one output per value (also doubles); normals in pairs.
struct MrgEngine {
  using State = curandStateMRG32k3a_t;
  static constexpr unsigned RoundSkip = 1;
  static void seed(State *S, unsigned long long Seed) {
    __tx_mrg_seed(S, Seed);
  }
  static void skip(State *S, unsigned long long N) { __tx_mrg_skip(S, N, 0); }
  static void nextThread(State *S) { __tx_mrg_skip(S, 1, 1); }
  static unsigned valuesPerUnit(OutputKind K) {
    return isNormal(K) || isNormalDouble(K) ? 2 : 1;
  }
  static unsigned outputsPerUnit(OutputKind K) {
    return isNormal(K) || isNormalDouble(K) ? 2 : 1;
  }
  static void unit(State *S, const Request &R, Unit &Out) {
    OutputKind K = R.Kind;
    unsigned Raw = __tx_mrg_next(S);
    if (K == OutputKind::Bits32 || K == OutputKind::Poisson)
      Out.U32[0] = __tx_mrg_bits(Raw);
    else if (K == OutputKind::Uniform)
      Out.F32[0] = __tx_mrg_uniform(Raw);
    else if (K == OutputKind::UniformDouble)
      Out.F64[0] = __tx_mrg_uniform_double(Raw);
    else if (isNormal(K))
      putPair(__tx_mrg_box_muller(Raw, __tx_mrg_next(S)), R, Out, 0);
    else
      putPair(__tx_mrg_box_muller_double(Raw, __tx_mrg_next(S)), R, Out, 0);
  }
  static bool offsetCountsValues() { return false; }
};

/// Philox4x32-10: a unit is four values, from one block of four outputs
/// (two blocks for doubles).
struct PhiloxEngine {
  using State = curandStatePhilox4_32_10_t;
  static constexpr unsigned RoundSkip = 4;
  static void seed(State *S, unsigned long long Seed) {
    __tx_philox_seed(S, Seed);
  }
  static void skip(State *S, unsigned long long N) {
    __tx_philox_skip(S, N, 0);
  }
  static void nextThread(State *S) { __tx_philox_skip(S, 1, 1); }
  static unsigned valuesPerUnit(OutputKind K) { return 4; }
  static unsigned outputsPerUnit(OutputKind K) {
    return valueSize(K) == sizeof(double) ? 8 : 4;
  }
  static void unit(State *S, const Request &R, Unit &Out) {
    OutputKind K = R.Kind;
    uint4 A = __tx_philox_next4(S);
    if (K == OutputKind::Bits32 || K == OutputKind::Poisson) {
      Out.U32[0] = A.x, Out.U32[1] = A.y, Out.U32[2] = A.z, Out.U32[3] = A.w;
    } else if (K == OutputKind::Uniform) {
      Out.F32[0] = __tx_uniform(A.x), Out.F32[1] = __tx_uniform(A.y);
      Out.F32[2] = __tx_uniform(A.z), Out.F32[3] = __tx_uniform(A.w);
    } else if (K == OutputKind::UniformDouble) {
      uint4 B = __tx_philox_next4(S);
      Out.F64[0] = __tx_uniform_double_hq(A.x, A.y);
      Out.F64[1] = __tx_uniform_double_hq(A.z, A.w);
      Out.F64[2] = __tx_uniform_double_hq(B.x, B.y);
      Out.F64[3] = __tx_uniform_double_hq(B.z, B.w);
    } else if (isNormal(K)) {
      putPair(__tx_box_muller(A.x, A.y), R, Out, 0);
      putPair(__tx_box_muller(A.z, A.w), R, Out, 2);
    } else {
      uint4 B = __tx_philox_next4(S);
      putPair(__tx_box_muller_double(A.x, A.y, A.z, A.w), R, Out, 0);
      putPair(__tx_box_muller_double(B.x, B.y, B.z, B.w), R, Out, 2);
    }
  }
  static bool offsetCountsValues() { return true; }
};

/// The thread states of one engine and seed.
template <typename Engine> class ThreadStates final : public PseudoStates {
  using State = typename Engine::State;

public:
  ThreadStates(unsigned long long Seed, unsigned Count)
      : Seed(Seed), Count(Count) {}

  void generate(const Request &R, unsigned long long Offset,
                const ParallelFor &For) override {
    buildBase(For);
    unsigned Vpu = Engine::valuesPerUnit(R.Kind);
    unsigned long long FirstValue =
        Engine::offsetCountsValues() ? Offset : Offset * Vpu;
    unsigned long long FirstUnit = FirstValue / Vpu;
    unsigned long long EndUnit = (FirstValue + R.Count + Vpu - 1) / Vpu;
    size_t Used =
        (size_t)std::min<unsigned long long>(EndUnit - FirstUnit, Count);
    For(Used, [&](size_t I) {
      unsigned long long U = FirstUnit + I;
      runThread(R, U % Count, U, EndUnit, FirstValue);
    });
  }

private:
  /// Thread T's state at subsequence T, position 0 (for all T).
  void buildBase(const ParallelFor &For) {
    std::call_once(BaseBuilt, [&] {
      Base.resize(Count);
      Current.resize(Count);
      Position.assign(Count, 0);
      const unsigned Chunk = 256;
      For((Count + Chunk - 1) / Chunk, [&](size_t C) {
        State S;
        Engine::seed(&S, Seed);
        unsigned long long First = C * Chunk;
        // Jump to the chunk's first subsequence, then one at a time.
        if (First)
          skipSequences(&S, First);
        for (unsigned T = 0; T < Chunk && First + T < Count; ++T) {
          if (T)
            Engine::nextThread(&S);
          Base[First + T] = Current[First + T] = S;
        }
      });
    });
  }

  static void skipSequences(State *S, unsigned long long N);

  /// Produces thread T's units U, U + 4096, ... below EndUnit.
  void runThread(const Request &R, unsigned T, unsigned long long U,
                 unsigned long long EndUnit, unsigned long long FirstValue) {
    unsigned Vpu = Engine::valuesPerUnit(R.Kind);
    unsigned Opu = Engine::outputsPerUnit(R.Kind);
    // CUDA starts each thread RoundSkip outputs per earlier round into its
    // subsequence, whatever the distribution draws per unit (so calls at
    // an offset overlap earlier draws of multi-output distributions).
    unsigned long long Want = (U / Count) * Engine::RoundSkip;
    State &S = Current[T];
    if (Want < Position[T]) {
      S = Base[T];
      Position[T] = 0;
    }
    Engine::skip(&S, Want - Position[T]);
    size_t Size = valueSize(R.Kind);
    auto *Out = static_cast<unsigned char *>(R.Output);
    for (; U < EndUnit; U += Count) {
      Unit Values;
      Engine::unit(&S, R, Values);
      Want += Opu;
      for (unsigned Slot = 0; Slot < Vpu; ++Slot) {
        unsigned long long V = U * Vpu + Slot;
        if (V < FirstValue || V - FirstValue >= R.Count)
          continue;
        std::memcpy(Out + (V - FirstValue) * Size,
                    reinterpret_cast<unsigned char *>(&Values) + Slot * Size,
                    Size);
      }
    }
    Position[T] = Want;
  }

  unsigned long long Seed;
  unsigned Count; // threads the output is spread over
  std::once_flag BaseBuilt;
  std::vector<State> Base, Current;
  std::vector<unsigned long long> Position;
};

template <>
void ThreadStates<XorwowEngine>::skipSequences(State *S, unsigned long long N) {
  __tx_xorwow_skip(S, N, 1);
}
template <>
void ThreadStates<MrgEngine>::skipSequences(State *S, unsigned long long N) {
  __tx_mrg_skip(S, N, 1);
}
template <>
void ThreadStates<PhiloxEngine>::skipSequences(State *S, unsigned long long N) {
  __tx_philox_skip(S, N, 1);
}

template <typename Engine> static unsigned unitValues(const Request &R) {
  return Engine::valuesPerUnit(R.Kind);
}

} // namespace

bool tx::rand::isPseudoSupported(curandRngType_t Type) {
  return Type == CURAND_RNG_PSEUDO_XORWOW ||
         Type == CURAND_RNG_PSEUDO_MRG32K3A ||
         Type == CURAND_RNG_PSEUDO_PHILOX4_32_10;
}

/// Threads of each layout, as measured against NVIDIA's host generator.
static unsigned threadsFor(curandRngType_t Type, curandOrdering_t Ordering) {
  if (Type == CURAND_RNG_PSEUDO_MRG32K3A)
    return Ordering == CURAND_ORDERING_PSEUDO_LEGACY ? 4096 : 81920;
  return Type == CURAND_RNG_PSEUDO_PHILOX4_32_10 ? 65536 : 4096;
}

std::shared_ptr<PseudoStates>
tx::rand::makePseudoStates(curandRngType_t Type, unsigned long long Seed,
                           curandOrdering_t Ordering) {
  unsigned Count = threadsFor(Type, Ordering);
  if (Type == CURAND_RNG_PSEUDO_XORWOW)
    return std::make_shared<ThreadStates<XorwowEngine>>(Seed, Count);
  if (Type == CURAND_RNG_PSEUDO_MRG32K3A)
    return std::make_shared<ThreadStates<MrgEngine>>(Seed, Count);
  if (Type == CURAND_RNG_PSEUDO_PHILOX4_32_10)
    return std::make_shared<ThreadStates<PhiloxEngine>>(Seed, Count);
  return nullptr;
}

curandStatus_t tx::rand::checkPseudoLength(curandRngType_t Type,
                                           const Request &R) {
  // Normals come in pairs from XORWOW and MRG32k3a; Philox may stop
  // inside a block.
  if (Type == CURAND_RNG_PSEUDO_PHILOX4_32_10)
    return CURAND_STATUS_SUCCESS;
  bool Pairs = isNormal(R.Kind) || isNormalDouble(R.Kind);
  return Pairs && R.Count % 2 ? CURAND_STATUS_LENGTH_NOT_MULTIPLE
                              : CURAND_STATUS_SUCCESS;
}

unsigned long long tx::rand::pseudoOffsetAdvance(curandRngType_t Type,
                                                 const Request &R) {
  if (Type == CURAND_RNG_PSEUDO_PHILOX4_32_10)
    return R.Count;
  unsigned Vpu = Type == CURAND_RNG_PSEUDO_XORWOW ? unitValues<XorwowEngine>(R)
                                                  : unitValues<MrgEngine>(R);
  return R.Count / Vpu;
}
