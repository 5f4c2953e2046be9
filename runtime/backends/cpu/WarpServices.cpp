//===- WarpServices.cpp - Lane exchanges for warp collectives -------------===//
//
// Part of Tongxin. The CPU block functions call these after a warp
// collective's cut (see tongxin/abi.h): a warp's 32 exchange slots are
// contiguous, and Members says which of them hold a value from this cut.
//
//===----------------------------------------------------------------------===//

#include "tongxin/abi.h"

#include <cstdint>

#define TX_EXPORT extern "C" __attribute__((visibility("default")))

template <typename LaneT>
static void recordArrivals(const uint32_t *State, uint32_t Threads,
                           uint32_t Region, uint32_t *Masks,
                           const LaneT *Exchange, LaneT *Snapshot) {
  for (uint32_t Base = 0; Base < Threads; Base += 32) {
    uint32_t Mask = 0;
    for (uint32_t Lane = 0; Lane < 32 && Base + Lane < Threads; ++Lane) {
      uint32_t T = Base + Lane;
      if (State[T] != Region)
        continue;
      Mask |= 1u << Lane;
      Snapshot[T] = Exchange[T];
    }
    Masks[Base / 32] = Mask;
  }
}

TX_EXPORT void __tx_warp_arrivals(const uint32_t *State, uint32_t Threads,
                                  uint32_t Region, uint32_t *Masks,
                                  const uint64_t *Exchange,
                                  uint64_t *Snapshot) {
  recordArrivals(State, Threads, Region, Masks, Exchange, Snapshot);
}

TX_EXPORT void __tx_warp_arrivals32(const uint32_t *State, uint32_t Threads,
                                    uint32_t Region, uint32_t *Masks,
                                    const uint32_t *Exchange,
                                    uint32_t *Snapshot) {
  recordArrivals(State, Threads, Region, Masks, Exchange, Snapshot);
}

namespace {
struct WideLane {
  uint64_t Words[2];
};
} // namespace

TX_EXPORT void __tx_warp_arrivals128(const uint32_t *State, uint32_t Threads,
                                     uint32_t Region, uint32_t *Masks,
                                     const uint64_t *Exchange,
                                     uint64_t *Snapshot) {
  recordArrivals(State, Threads, Region, Masks,
                 reinterpret_cast<const WideLane *>(Exchange),
                 reinterpret_cast<WideLane *>(Snapshot));
}
