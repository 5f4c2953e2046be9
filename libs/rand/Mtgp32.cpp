//===- rand/Mtgp32.cpp - The host API's MTGP32 generator ------------------===//
//
// Part of Tongxin. See Mtgp32.h for the layout. Each block keeps a
// curandStateMtgp32_t made the way curandMakeMTGP32KernelState makes it and
// steps it with the device API's own engine (tongxin/curand_mtgp32_engine.h)
// one word at a time; blocks are independent, so a call runs them in
// parallel, each writing the rounds of the call that belong to it.
//
//===----------------------------------------------------------------------===//

#include "Mtgp32.h"
#include "WordValues.h"

#include "curand_mtgp32.h"
#include "tongxin/curand_mtgp32_engine.h"
#include "tongxin/curand_mtgp32_tables.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

using namespace tx::rand;

/// Libcurand's own copy of mtgp32dc_params_fast_11213.
static const mtgp32_params_fast_t Params11213[CURAND_NUM_MTGP32_PARAMS] =
    __TX_MTGP32DC_PARAMS_FAST_11213;

namespace {

/// The blocks of one seed and layout, and how far each has got.
class Mtgp32States final : public PseudoStates {
public:
  Mtgp32States(unsigned long long Seed, unsigned Blocks)
      : Seed32((unsigned)(Seed ^ Seed >> 32)), Blocks(Blocks) {}

  void generate(const Request &R, unsigned long long Offset,
                const ParallelFor &For) override {
    std::lock_guard<std::mutex> Lock(Busy);
    if (!Constants)
      build();
    For(Blocks, [&](size_t B) { runBlock((unsigned)B, R, Offset); });
  }

private:
  void build() {
    Constants.reset(new mtgp32_kernel_params_t);
    __tx_mtgp32_make_constants(Params11213, Constants.get(),
                               CURAND_NUM_MTGP32_PARAMS);
    States.resize(Blocks);
    Made.assign(Blocks, 0);
    for (unsigned B = 0; B < Blocks; ++B)
      reseed(B);
  }

  void reseed(unsigned B) {
    __tx_mtgp32_make_state(&States[B], &Params11213[B], Constants.get(), (int)B,
                           Seed32 + B + 1);
    Made[B] = 0;
  }

  /// Brings block B to its word Word (from the start if it is past it).
  void seek(unsigned B, unsigned long long Word) {
    if (Made[B] > Word)
      reseed(B);
    for (; Made[B] < Word; ++Made[B])
      __tx_mtgp32_next(&States[B]);
  }

  /// Writes block B's share of the values [Offset, Offset + R.Count).
  void runBlock(unsigned B, const Request &R, unsigned long long Offset) {
    unsigned long long Stride = (unsigned long long)Blocks * Mtgp32RoundWords;
    unsigned long long End = Offset + R.Count;
    for (unsigned long long Round = Offset / Stride; Round * Stride < End;
         ++Round) {
      unsigned long long First = Round * Stride + B * Mtgp32RoundWords;
      unsigned long long From = std::max(First, Offset);
      unsigned long long To = std::min(First + Mtgp32RoundWords, End);
      if (From >= To)
        continue;
      seek(B, Round * Mtgp32RoundWords + (From - First));
      for (unsigned long long I = From; I < To; ++I, ++Made[B])
        storeWordValue(WordSource::Mtgp32, R, I - Offset,
                       __tx_mtgp32_next(&States[B]));
    }
  }

  unsigned Seed32;
  unsigned Blocks;
  std::mutex Busy;
  std::unique_ptr<mtgp32_kernel_params_t> Constants;
  std::vector<curandStateMtgp32_t> States;
  std::vector<unsigned long long> Made; // words each block has given
};

} // namespace

unsigned tx::rand::mtgp32Blocks(curandOrdering_t Ordering) {
  return Ordering == CURAND_ORDERING_PSEUDO_LEGACY ? 64 : 192;
}

std::shared_ptr<PseudoStates>
tx::rand::makeMtgp32States(unsigned long long Seed, curandOrdering_t Ordering) {
  return std::make_shared<Mtgp32States>(Seed, mtgp32Blocks(Ordering));
}
