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

/// Lane L's slot starts at word L * Words: 1 for 64-bit slots, 2 for the
/// 128-bit slots of kernels with a wide shuffle chain. Votes, matches and
/// reductions publish at most 64 bits, zero-extended: the low word is the
/// value.
template <unsigned Words>
static uint32_t nonzeroLanes(const uint64_t *Lanes, uint32_t Members) {
  uint32_t Bits = 0;
  for (uint32_t Lane = 0; Lane < 32; ++Lane)
    if ((Members >> Lane & 1) && Lanes[Lane * Words])
      Bits |= 1u << Lane;
  return Bits;
}

template <unsigned Words>
static uint32_t matchingLanes(const uint64_t *Lanes, uint32_t Members,
                              uint64_t Value) {
  uint32_t Bits = 0;
  for (uint32_t Lane = 0; Lane < 32; ++Lane)
    if ((Members >> Lane & 1) && Lanes[Lane * Words] == Value)
      Bits |= 1u << Lane;
  return Bits;
}

TX_EXPORT uint32_t __tx_warp_nonzero(const uint64_t *Lanes, uint32_t Members) {
  return nonzeroLanes<1>(Lanes, Members);
}

TX_EXPORT uint32_t __tx_warp_nonzero128(const uint64_t *Lanes,
                                        uint32_t Members) {
  return nonzeroLanes<2>(Lanes, Members);
}

TX_EXPORT uint32_t __tx_warp_match(const uint64_t *Lanes, uint32_t Members,
                                   uint64_t Value) {
  return matchingLanes<1>(Lanes, Members, Value);
}

TX_EXPORT uint32_t __tx_warp_match128(const uint64_t *Lanes, uint32_t Members,
                                      uint64_t Value) {
  return matchingLanes<2>(Lanes, Members, Value);
}

static uint32_t combine(uint32_t Op, uint32_t Acc, uint32_t V) {
  switch (Op) {
  case TX_REDUCE_ADD:
    return Acc + V;
  case TX_REDUCE_MIN:
    return int32_t(V) < int32_t(Acc) ? V : Acc;
  case TX_REDUCE_MAX:
    return int32_t(V) > int32_t(Acc) ? V : Acc;
  case TX_REDUCE_UMIN:
    return V < Acc ? V : Acc;
  case TX_REDUCE_UMAX:
    return V > Acc ? V : Acc;
  case TX_REDUCE_AND:
    return Acc & V;
  case TX_REDUCE_OR:
    return Acc | V;
  default:
    return Acc ^ V;
  }
}

template <unsigned Words>
static uint32_t reduceLanes(const uint64_t *Lanes, uint32_t Members,
                            uint32_t Op) {
  bool First = true;
  uint32_t Acc = 0;
  for (uint32_t Lane = 0; Lane < 32; ++Lane) {
    if (!(Members >> Lane & 1))
      continue;
    uint32_t V = uint32_t(Lanes[Lane * Words]);
    Acc = First ? V : combine(Op, Acc, V);
    First = false;
  }
  return Acc;
}

TX_EXPORT uint32_t __tx_warp_reduce(const uint64_t *Lanes, uint32_t Members,
                                    uint32_t Op) {
  return reduceLanes<1>(Lanes, Members, Op);
}

TX_EXPORT uint32_t __tx_warp_reduce128(const uint64_t *Lanes, uint32_t Members,
                                       uint32_t Op) {
  return reduceLanes<2>(Lanes, Members, Op);
}
