//===- rand/PseudoGenerator.cpp - XORWOW, MRG32k3a, Philox host side ------===//
//
// Part of Tongxin. See PseudoGenerator.h for the layout. Each engine says
// how one unit of each output kind is made from its state (the same device
// API functions curand_kernel.h uses); ThreadStates<Engine> keeps the
// states and walks each one forward to the units a call needs. Threads go
// in groups of consecutive ones, a few rounds at a time into a buffer, so
// that output is written in contiguous runs rather than one value every
// thread-count values (about 2-3x the throughput of the strided stores).
//
//===----------------------------------------------------------------------===//

#include "PseudoGenerator.h"

#include "Mt19937.h"
#include "Mtgp32.h"
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
  /// Whether NormalSequence follows curand_normal, from what it makes of
  /// the next two outputs.
  static constexpr bool Sequenced = true;
  static float2 normalPair(State *S) {
    unsigned X = __tx_xorwow_next(S);
    return __tx_box_muller(X, __tx_xorwow_next(S));
  }
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
  static constexpr bool Sequenced = true;
  static float2 normalPair(State *S) {
    unsigned Raw = __tx_mrg_next(S);
    return __tx_mrg_box_muller(Raw, __tx_mrg_next(S));
  }
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
  // Poisson takes Philox's normals as a Normal call lays them out.
  static constexpr bool Sequenced = false;
  static float2 normalPair(State *) { return float2(); }
};

/// The thread states of one engine and seed.
template <typename Engine> class ThreadStates final : public PseudoStates {
  using State = typename Engine::State;

public:
  /// SeedStep 0: thread T runs subsequence T of Seed; otherwise its own
  /// seed, Seed + T * SeedStep (XORWOW's CURAND_ORDERING_PSEUDO_SEEDED).
  ThreadStates(unsigned long long Seed, unsigned Count,
               unsigned long long SeedStep = 0)
      : Seed(Seed), Count(Count), SeedStep(SeedStep) {}

  void generate(const Request &R, unsigned long long Offset,
                const ParallelFor &For) override {
    buildBase(For);
    Span S;
    S.Vpu = Engine::valuesPerUnit(R.Kind);
    S.FirstValue = Engine::offsetCountsValues() ? Offset : Offset * S.Vpu;
    S.EndValue = S.FirstValue + R.Count;
    S.FirstUnit = S.FirstValue / S.Vpu;
    S.EndUnit = (S.FirstValue + R.Count + S.Vpu - 1) / S.Vpu;
    For((Count + GroupSize - 1) / GroupSize,
        [&](size_t G) { runGroup(R, S, (unsigned)(G * GroupSize)); });
  }

private:
  /// Threads advanced together: a round of a group's units is a contiguous
  /// run of output (whole cache lines) instead of one value every Count.
  static constexpr unsigned GroupSize = 64;
  /// Rounds of a group buffered before they are written out.
  static constexpr unsigned BatchRounds = 8;

  /// The units and values one call covers.
  struct Span {
    unsigned Vpu = 1;
    unsigned long long FirstValue = 0, EndValue = 0, FirstUnit = 0, EndUnit = 0;
  };

  /// Thread T's state at subsequence T, position 0 (for all T).
  void buildBase(const ParallelFor &For) {
    std::call_once(BaseBuilt, [&] {
      Base.resize(Count);
      Current.resize(Count);
      Position.assign(Count, 0);
      Spare.assign(Count, 0.0f);
      HasSpare.assign(Count, 0);
      Bias.assign(Count, 0);
      const unsigned Chunk = 256;
      For((Count + Chunk - 1) / Chunk, [&](size_t C) {
        State S;
        unsigned long long First = C * Chunk;
        if (SeedStep) {
          for (unsigned T = 0; T < Chunk && First + T < Count; ++T) {
            Engine::seed(&S, Seed + (First + T) * SeedStep);
            Base[First + T] = Current[First + T] = S;
          }
          return;
        }
        Engine::seed(&S, Seed);
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

  /// Thread T's first unit of the call (EndUnit when it has none).
  unsigned long long firstUnitOf(unsigned T, const Span &S) const {
    unsigned long long Skew = (T + Count - S.FirstUnit % Count) % Count;
    return std::min(S.FirstUnit + Skew, S.EndUnit);
  }

  /// Moves thread T's state to the start of round Round.
  void seek(unsigned T, unsigned long long Round) {
    // CUDA starts each thread RoundSkip outputs per earlier round into its
    // subsequence, plus what its earlier calls since the offset was set
    // drew beyond that (Bias); from a set offset, calls overlap earlier
    // draws of multi-output distributions.
    unsigned long long Want = Round * Engine::RoundSkip + Bias[T];
    if (Want < Position[T]) {
      Current[T] = Base[T];
      Position[T] = 0;
    }
    Engine::skip(&Current[T], Want - Position[T]);
    Position[T] = Want;
  }

  /// Produces the units of threads [T0, T0 + GroupSize): BatchRounds
  /// rounds at a time into a buffer, each thread's state kept in registers,
  /// then each round's units as one contiguous run of output.
  void runGroup(const Request &R, const Span &S, unsigned T0) {
    unsigned End = std::min(T0 + GroupSize, Count);
    unsigned long long FirstRound = ~0ull, EndRound = 0;
    for (unsigned T = T0; T < End; ++T) {
      unsigned long long U = firstUnitOf(T, S);
      if (U >= S.EndUnit)
        continue;
      seek(T, U / Count);
      FirstRound = std::min(FirstRound, U / Count);
      EndRound = std::max(EndRound, (S.EndUnit - 1 - T) / Count + 1);
    }
    size_t UnitBytes = S.Vpu * valueSize(R.Kind);
    alignas(64) unsigned char Buffer[BatchRounds * GroupSize * sizeof(Unit)];
    for (unsigned long long Round = FirstRound; Round < EndRound;
         Round += BatchRounds) {
      unsigned Rounds =
          (unsigned)std::min<unsigned long long>(BatchRounds, EndRound - Round);
      for (unsigned T = T0; T < End; ++T)
        fillThread(R, S, T, Round, Rounds, Buffer + (T - T0) * UnitBytes,
                   GroupSize * UnitBytes);
      for (unsigned K = 0; K < Rounds; ++K)
        storeRound(R, S, (Round + K) * Count + T0, End - T0,
                   Buffer + K * GroupSize * UnitBytes);
    }
  }

  /// Thread T's units of Rounds rounds from Round, round K's at
  /// To + K * Stride (units outside the call are left out).
  void fillThread(const Request &R, const Span &S, unsigned T,
                  unsigned long long Round, unsigned Rounds, unsigned char *To,
                  size_t Stride) {
    State St = Current[T]; // a local copy: output stores cannot alias it
    if (Engine::Sequenced && R.Kind == OutputKind::NormalSequence) {
      fillSequence(S, T, Round, Rounds, To, Stride, St);
      Current[T] = St;
      return;
    }
    size_t UnitBytes = S.Vpu * valueSize(R.Kind);
    unsigned Made = 0, Whole = 0;
    for (unsigned K = 0; K < Rounds; ++K) {
      unsigned long long U = (Round + K) * Count + T;
      if (U < S.FirstUnit || U >= S.EndUnit)
        continue;
      Unit Values;
      Engine::unit(&St, R, Values);
      copyValues(To + K * Stride, &Values, UnitBytes);
      ++Made;
      // A unit the call stops inside is made again by the next call.
      Whole += (U + 1) * S.Vpu <= S.EndValue;
    }
    Current[T] = St;
    Position[T] += Made * Engine::outputsPerUnit(R.Kind);
    Bias[T] += Whole * (Engine::outputsPerUnit(R.Kind) - Engine::RoundSkip);
  }

  /// fillThread for NormalSequence: one normal per unit, the second of
  /// each pair kept for the thread's next unit.
  void fillSequence(const Span &S, unsigned T, unsigned long long Round,
                    unsigned Rounds, unsigned char *To, size_t Stride,
                    State &St) {
    for (unsigned K = 0; K < Rounds; ++K) {
      unsigned long long U = (Round + K) * Count + T;
      if (U < S.FirstUnit || U >= S.EndUnit)
        continue;
      float Value = Spare[T];
      if (!HasSpare[T]) {
        float2 Pair = Engine::normalPair(&St);
        Value = Pair.x;
        Spare[T] = Pair.y;
        Position[T] += 2;
        Bias[T] += 2;
      }
      HasSpare[T] ^= 1;
      Bias[T] -= Engine::RoundSkip;
      std::memcpy(To + K * Stride, &Value, sizeof(float));
    }
  }

  /// Copies the values of units [First, First + Units) that the call
  /// covers from From (which holds unit First's values first).
  static void storeRound(const Request &R, const Span &S,
                         unsigned long long First, unsigned Units,
                         const unsigned char *From) {
    size_t Size = valueSize(R.Kind);
    unsigned long long Begin = First * S.Vpu, End = Begin + Units * S.Vpu;
    unsigned long long Low = std::max(Begin, S.FirstValue);
    unsigned long long High = std::min(End, S.FirstValue + R.Count);
    if (Low >= High)
      return;
    auto *Out = static_cast<unsigned char *>(R.Output);
    std::memcpy(Out + (Low - S.FirstValue) * Size, From + (Low - Begin) * Size,
                (High - Low) * Size);
  }

  /// memcpy with the sizes a unit can have spelled out, so that each one
  /// compiles to plain moves.
  static void copyValues(unsigned char *To, const Unit *From, size_t Bytes) {
    switch (Bytes) {
    case 4:
      std::memcpy(To, From, 4);
      break;
    case 8:
      std::memcpy(To, From, 8);
      break;
    case 16:
      std::memcpy(To, From, 16);
      break;
    default:
      std::memcpy(To, From, 32);
      break;
    }
  }

  unsigned long long Seed;
  unsigned Count; // threads the output is spread over
  unsigned long long SeedStep;
  std::once_flag BaseBuilt;
  std::vector<State> Base, Current;
  std::vector<unsigned long long> Position;
  std::vector<float> Spare; // NormalSequence: curand_normal's cached value
  std::vector<unsigned char> HasSpare;
  /// Outputs each thread has drawn beyond RoundSkip per round: NVIDIA's
  /// threads keep what each call drew (a unit of doubles or normals draws
  /// more; a NormalSequence thread ending on the first of a pair has used
  /// both) and later calls go on from there, measured; setting an offset
  /// starts over (new states).
  std::vector<unsigned long long> Bias;
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
         Type == CURAND_RNG_PSEUDO_PHILOX4_32_10 ||
         Type == CURAND_RNG_PSEUDO_MTGP32 || Type == CURAND_RNG_PSEUDO_MT19937;
}

/// XORWOW's seeded ordering: thread T is curand_init(seed + T * this, 0, 0)
/// (measured: states recovered from NVIDIA's output are fresh seedings).
constexpr unsigned long long XorwowSeedStep = 3133713;

/// Threads of each layout, as measured against NVIDIA's host generator.
static unsigned threadsFor(curandRngType_t Type, curandOrdering_t Ordering) {
  if (Type == CURAND_RNG_PSEUDO_MRG32K3A)
    return Ordering == CURAND_ORDERING_PSEUDO_LEGACY ? 4096 : 81920;
  return Type == CURAND_RNG_PSEUDO_PHILOX4_32_10 ? 65536 : 4096;
}

std::shared_ptr<PseudoStates>
tx::rand::makePseudoStates(curandRngType_t Type, unsigned long long Seed,
                           curandOrdering_t Ordering) {
  if (Type == CURAND_RNG_PSEUDO_MTGP32)
    return makeMtgp32States(Seed, Ordering);
  if (Type == CURAND_RNG_PSEUDO_MT19937)
    return makeMt19937States(Seed); // one layout for both orderings
  unsigned Count = threadsFor(Type, Ordering);
  if (Type == CURAND_RNG_PSEUDO_XORWOW)
    return std::make_shared<ThreadStates<XorwowEngine>>(
        Seed, Count,
        Ordering == CURAND_ORDERING_PSEUDO_SEEDED ? XorwowSeedStep : 0);
  if (Type == CURAND_RNG_PSEUDO_MRG32K3A)
    return std::make_shared<ThreadStates<MrgEngine>>(Seed, Count);
  if (Type == CURAND_RNG_PSEUDO_PHILOX4_32_10)
    return std::make_shared<ThreadStates<PhiloxEngine>>(Seed, Count);
  return nullptr;
}

curandStatus_t tx::rand::checkPseudoLength(curandRngType_t Type,
                                           const Request &R) {
  // Normals come in pairs from XORWOW and MRG32k3a; Philox may stop
  // inside a block; MTGP32 and MT19937 make one normal per word.
  if (Type == CURAND_RNG_PSEUDO_PHILOX4_32_10 ||
      Type == CURAND_RNG_PSEUDO_MTGP32 || Type == CURAND_RNG_PSEUDO_MT19937)
    return CURAND_STATUS_SUCCESS;
  bool Pairs = isNormal(R.Kind) || isNormalDouble(R.Kind);
  return Pairs && R.Count % 2 ? CURAND_STATUS_LENGTH_NOT_MULTIPLE
                              : CURAND_STATUS_SUCCESS;
}

unsigned long long tx::rand::pseudoOffsetAdvance(curandRngType_t Type,
                                                 const Request &R) {
  if (Type == CURAND_RNG_PSEUDO_PHILOX4_32_10 ||
      Type == CURAND_RNG_PSEUDO_MTGP32 || Type == CURAND_RNG_PSEUDO_MT19937)
    return R.Count;
  unsigned Vpu = Type == CURAND_RNG_PSEUDO_XORWOW ? unitValues<XorwowEngine>(R)
                                                  : unitValues<MrgEngine>(R);
  return R.Count / Vpu;
}
