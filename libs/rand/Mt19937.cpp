//===- rand/Mt19937.cpp - The host API's MT19937 generator ----------------===//
//
// Part of Tongxin. See Mt19937.h for the layout. The 8192 streams are built
// lazily, 64 at a time: the first of a group by jumping stream 0 with the
// table's powers, the rest one jump (2^2048 steps) from the one before. A
// jump applies a polynomial J to the state (J(F) S, F being one step).
// Each stream keeps the state its last regeneration used, so a call can
// resume inside it.
//
//===----------------------------------------------------------------------===//

#include "Mt19937.h"
#include "WordValues.h"

#include "tongxin/curand_mt19937_tables.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>

using namespace tx::rand;

namespace {

constexpr unsigned StateWords = 624, Middle = 397;
constexpr unsigned Lanes = 8, BlockRounds = StateWords / Lanes; // 78
constexpr unsigned GroupStreams = 64; // built together
constexpr unsigned Groups = Mt19937Streams / GroupStreams;
constexpr unsigned PolyWords = __TX_MT19937_JUMP_WORDS;
constexpr unsigned PolyBits = 19937;
static_assert(Mt19937Streams == 1u << __TX_MT19937_JUMP_COUNT,
              "one jump power per bit of a stream number");

/// x^(2^(2048 + K)) modulo MT19937's characteristic polynomial.
const uint64_t JumpPolys[__TX_MT19937_JUMP_COUNT][PolyWords] = {
    __TX_MT19937_JUMP_POLYS};

/// Which word of a regeneration lane T gives in round K of it.
struct LaneOrder {
  unsigned short Word[BlockRounds][Lanes];
  LaneOrder() {
    static const unsigned short First[Lanes] = {0,   113, 170, 283,
                                                340, 397, 510, 567};
    static const unsigned short Start[11] = {1,   57,  114, 171, 227, 284,
                                             341, 398, 454, 511, 568};
    for (unsigned T = 0; T < Lanes; ++T) {
      Word[0][T] = First[T];
      for (unsigned K = 1; K < BlockRounds; ++K)
        Word[K][T] = Start[(K - 1) / 7] + 7 * T + (K - 1) % 7;
    }
  }
};
const LaneOrder Order;

uint32_t twist(uint32_t A, uint32_t B, uint32_t Far) {
  uint32_t Y = (A & 0x80000000u) | (B & 0x7fffffffu);
  return Far ^ (Y >> 1) ^ (Y & 1 ? 0x9908b0dfu : 0u);
}

/// One regeneration of a state, in place.
void regenerate(uint32_t *S) {
  unsigned I = 0;
  for (; I < StateWords - Middle; ++I)
    S[I] = twist(S[I], S[I + 1], S[I + Middle]);
  for (; I < StateWords - 1; ++I)
    S[I] = twist(S[I], S[I + 1], S[I + Middle - StateWords]);
  S[I] = twist(S[I], S[0], S[Middle - 1]);
}

uint32_t temper(uint32_t Y) {
  Y ^= Y >> 11;
  Y ^= (Y << 7) & 0x9d2c5680u;
  Y ^= (Y << 15) & 0xefc60000u;
  return Y ^ (Y >> 18);
}

/// Scratch space for jumps: the state's 2^8 combinations of 8 successive
/// states.
struct JumpScratch {
  std::vector<uint32_t> Combined;
  uint32_t Seq[StateWords + 8];
};

/// Moves state S (a fresh regeneration's input) ahead by polynomial Poly:
/// Horner's rule over Poly's coefficients 8 at a time from the top (Haramoto
/// et al.'s sliding window), T = F^8 T + d(F) S, with each d(F) S taken
/// from a table. Logical word k of state T, kept circularly, is T[(Ptr + k)
/// % 624]; a step of F rewrites the oldest word.
///
/// Not instrumented by the sanitizers: this is pure arithmetic on arrays of
/// fixed size, run for each of up to 8192 streams per seed, and
/// instrumented it turns a seconds-long seeding into minutes. Everything
/// around it stays checked.
__attribute__((no_sanitize("address", "undefined"))) void
jump(uint32_t *S, const uint64_t *Poly, JumpScratch &Scratch) {
  // F^r S is words r .. r + 623 of S's sequence.
  uint32_t *Seq = Scratch.Seq;
  std::memcpy(Seq, S, StateWords * sizeof(uint32_t));
  for (unsigned M = StateWords; M < StateWords + 8; ++M)
    Seq[M] = twist(Seq[M - StateWords], Seq[M - StateWords + 1],
                   Seq[M - StateWords + Middle]);
  std::vector<uint32_t> &Combined = Scratch.Combined;
  Combined.resize(256 * StateWords);
  std::fill(Combined.begin(), Combined.begin() + StateWords, 0u);
  for (unsigned D = 1; D < 256; ++D) {
    unsigned Top = 31 - __builtin_clz(D);
    const uint32_t *Rest = &Combined[(D ^ 1u << Top) * StateWords];
    uint32_t *To = &Combined[D * StateWords];
    for (unsigned K = 0; K < StateWords; ++K)
      To[K] = Rest[K] ^ Seq[Top + K];
  }

  uint32_t T[StateWords] = {};
  unsigned Ptr = 0;
  bool Started = false;
  for (unsigned Byte = (PolyBits + 7) / 8; Byte-- > 0;) {
    if (Started)
      for (unsigned Step = 0; Step < 8; ++Step) {
        unsigned Next = Ptr + 1 == StateWords ? 0 : Ptr + 1;
        unsigned Far = Ptr + Middle;
        Far -= Far >= StateWords ? StateWords : 0;
        T[Ptr] = twist(T[Ptr], T[Next], T[Far]);
        Ptr = Next;
      }
    unsigned D = (unsigned)(Poly[Byte / 8] >> (8 * (Byte % 8))) & 255;
    if (!D)
      continue;
    Started = true;
    const uint32_t *Add = &Combined[D * StateWords];
    unsigned Split = StateWords - Ptr;
    for (unsigned K = 0; K < Split; ++K)
      T[Ptr + K] ^= Add[K];
    for (unsigned K = Split; K < StateWords; ++K)
      T[K - Split] ^= Add[K];
  }
  for (unsigned K = 0; K < StateWords; ++K)
    S[K] = T[(Ptr + K) % StateWords];
}

/// The 8192 streams of one seed and how far each has got.
class Mt19937States final : public PseudoStates {
public:
  explicit Mt19937States(unsigned long long Seed)
      : Seed32((uint32_t)Seed) {} // NVIDIA keeps the low 32 bits

  void generate(const Request &R, unsigned long long Offset,
                const ParallelFor &For) override {
    std::lock_guard<std::mutex> Lock(Busy);
    if (States.empty()) {
      States.resize((size_t)Mt19937Streams * StateWords);
      Block.assign(Mt19937Streams, 0);
      Built.assign(Groups, 0);
    }
    For(Groups, [&](size_t G) {
      if (!touches((unsigned)G, Offset, R.Count))
        return;
      if (!Built[G])
        buildGroup((unsigned)G);
      for (unsigned S = 0; S < GroupStreams; ++S)
        runStream((unsigned)G * GroupStreams + S, R, Offset);
    });
  }

private:
  uint32_t *state(unsigned S) { return &States[(size_t)S * StateWords]; }

  /// Whether values [Offset, Offset + Count) hold any of group G's.
  static bool touches(unsigned G, unsigned long long Offset, size_t Count) {
    if (Count >= Mt19937RoundValues)
      return true;
    unsigned long long Low = Offset % Mt19937RoundValues, High = Low + Count;
    unsigned long long From = (unsigned long long)G * GroupStreams * Lanes;
    unsigned long long To = From + GroupStreams * Lanes;
    // The call may wrap into the next round.
    return (From < High && Low < To) ||
           (From + Mt19937RoundValues < High && Low < To + Mt19937RoundValues);
  }

  void buildGroup(unsigned G) {
    JumpScratch Scratch;
    unsigned First = G * GroupStreams;
    uint32_t *S = state(First);
    S[0] = Seed32;
    for (unsigned I = 1; I < StateWords; ++I)
      S[I] = 1812433253u * (S[I - 1] ^ (S[I - 1] >> 30)) + I;
    for (unsigned K = 0; K < __TX_MT19937_JUMP_COUNT; ++K)
      if (First >> K & 1)
        jump(S, JumpPolys[K], Scratch);
    for (unsigned I = 1; I < GroupStreams; ++I) {
      std::memcpy(state(First + I), state(First + I - 1),
                  StateWords * sizeof(uint32_t));
      jump(state(First + I), JumpPolys[0], Scratch);
    }
    Built[G] = 1;
  }

  /// Writes stream S's share of the values [Offset, Offset + R.Count).
  void runStream(unsigned S, const Request &R, unsigned long long Offset) {
    unsigned long long End = Offset + R.Count;
    unsigned long long FirstRound = Offset / Mt19937RoundValues;
    unsigned long long EndRound = (End - 1) / Mt19937RoundValues + 1;
    uint32_t Words[StateWords];
    unsigned long long WordsBlock = ~0ull;
    for (unsigned long long Round = FirstRound; Round < EndRound; ++Round) {
      unsigned long long Base = Round * Mt19937RoundValues + S * Lanes;
      unsigned long long From = std::max(Base, Offset);
      unsigned long long To = std::min(Base + Lanes, End);
      if (From >= To)
        continue;
      unsigned long long B = Round / BlockRounds;
      if (B != WordsBlock) {
        regenerateFor(S, B, EndRound > (B + 1) * BlockRounds, Words);
        WordsBlock = B;
      }
      const unsigned short *Word = Order.Word[Round % BlockRounds];
      for (unsigned long long P = From; P < To; ++P)
        storeWordValue(WordSource::Mt19937, R, P - Offset,
                       temper(Words[Word[P - Base]]));
    }
  }

  /// Stream S's untempered words of regeneration B into Words; Keep moves
  /// the stream past B (the call goes on beyond it).
  void regenerateFor(unsigned S, unsigned long long B, bool Keep,
                     uint32_t *Words) {
    uint32_t *St = state(S);
    // Offsets only grow (they cannot be set), so B is never behind.
    for (; Block[S] < B; ++Block[S])
      regenerate(St);
    std::memcpy(Words, St, StateWords * sizeof(uint32_t));
    regenerate(Words);
    if (Keep) {
      std::memcpy(St, Words, StateWords * sizeof(uint32_t));
      ++Block[S];
    }
  }

  uint32_t Seed32;
  std::mutex Busy;
  std::vector<uint32_t> States;          // each stream's state
  std::vector<unsigned long long> Block; // the regeneration it is at
  std::vector<unsigned char> Built;      // per group of streams
};

} // namespace

std::shared_ptr<PseudoStates>
tx::rand::makeMt19937States(unsigned long long Seed) {
  return std::make_shared<Mt19937States>(Seed);
}
