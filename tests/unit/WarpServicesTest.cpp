//===- WarpServicesTest.cpp - Lane exchanges of the CPU block functions ---===//
//
// Part of Tongxin. The runtime helpers compiled kernels call after a warp
// collective's cut (tongxin/abi.h): which lanes of each warp arrived at the
// cut, and a snapshot of their exchange slots in 32-, 64- and 128-bit
// (a shuffle chain with parameters) widths; votes and matches over them.
//
//===----------------------------------------------------------------------===//

#include "tongxin/abi.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {

constexpr uint32_t Region = 3;
/// 40 threads: a whole warp and a partial one. Threads 5, 17 and 33 are
/// elsewhere (another state).
std::vector<uint32_t> states() {
  std::vector<uint32_t> State(40, Region);
  for (uint32_t T : {5u, 17u, 33u})
    State[T] = Region + 1;
  return State;
}

constexpr uint32_t WantMask0 = ~((1u << 5) | (1u << 17));
constexpr uint32_t WantMask1 = 0xffu & ~(1u << 1); // lanes 0-7 but 33

template <typename LaneT, typename RecordFn>
void checkArrivals(RecordFn Record, unsigned WordsPerLane) {
  std::vector<uint32_t> State = states();
  std::vector<LaneT> Exchange(40 * WordsPerLane),
      Snapshot(40 * WordsPerLane, LaneT(7));
  for (size_t I = 0; I < Exchange.size(); ++I)
    Exchange[I] = LaneT(1000 + I);
  std::vector<uint32_t> Masks(2, 0xdeadbeef);
  Record(State.data(), 40, Region, Masks.data(), Exchange.data(),
         Snapshot.data());
  EXPECT_EQ(Masks[0], WantMask0);
  EXPECT_EQ(Masks[1], WantMask1);
  for (uint32_t T = 0; T < 40; ++T)
    for (unsigned W = 0; W < WordsPerLane; ++W) {
      size_t I = T * WordsPerLane + W;
      LaneT Want = State[T] == Region ? Exchange[I] : LaneT(7);
      EXPECT_EQ(Snapshot[I], Want) << "thread " << T << " word " << W;
    }
}

TEST(WarpServices, Arrivals32CopiesOnlyArrivedLanes) {
  checkArrivals<uint32_t>(__tx_warp_arrivals32, 1);
}

TEST(WarpServices, Arrivals64CopiesOnlyArrivedLanes) {
  checkArrivals<uint64_t>(__tx_warp_arrivals, 1);
}

TEST(WarpServices, Arrivals128CopiesBothWordsOfArrivedLanes) {
  checkArrivals<uint64_t>(__tx_warp_arrivals128, 2);
}

TEST(WarpServices, NoThreadAtTheCutGivesEmptyMasks) {
  std::vector<uint32_t> State(64, Region + 1);
  std::vector<uint64_t> Exchange(128, 1), Snapshot(128, 2);
  std::vector<uint32_t> Masks(2, 1);
  __tx_warp_arrivals128(State.data(), 64, Region, Masks.data(), Exchange.data(),
                        Snapshot.data());
  EXPECT_EQ(Masks[0], 0u);
  EXPECT_EQ(Masks[1], 0u);
  for (uint64_t Word : Snapshot)
    EXPECT_EQ(Word, 2u);
}

TEST(WarpServices, VoteAndMatchSeeOnlyMembers) {
  std::vector<uint64_t> Lanes(32, 0);
  Lanes[1] = Lanes[4] = Lanes[9] = 5;
  EXPECT_EQ(__tx_warp_nonzero(Lanes.data(), ~0u),
            (1u << 1) | (1u << 4) | (1u << 9));
  EXPECT_EQ(__tx_warp_nonzero(Lanes.data(), 1u << 4), 1u << 4);
  EXPECT_EQ(__tx_warp_match(Lanes.data(), ~0u & ~(1u << 9), 5),
            (1u << 1) | (1u << 4));
}

TEST(WarpServices, WideSlotServicesReadEachLanesLowWord) {
  // 128-bit slots: lane L's value is word 2L; word 2L+1 (the upper half of
  // a wide chain's packed lane, stale here) must not count.
  std::vector<uint64_t> Lanes(64, 0);
  for (unsigned Lane = 0; Lane < 32; ++Lane)
    Lanes[2 * Lane + 1] = ~0ull;
  Lanes[2 * 3] = Lanes[2 * 7] = Lanes[2 * 30] = 5;
  Lanes[2 * 12] = 9;
  uint32_t Set = (1u << 3) | (1u << 7) | (1u << 12) | (1u << 30);
  EXPECT_EQ(__tx_warp_nonzero128(Lanes.data(), ~0u), Set);
  EXPECT_EQ(__tx_warp_nonzero128(Lanes.data(), 1u << 7 | 1u << 8), 1u << 7);
  EXPECT_EQ(__tx_warp_match128(Lanes.data(), ~0u & ~(1u << 30), 5),
            (1u << 3) | (1u << 7));
  EXPECT_EQ(__tx_warp_match128(Lanes.data(), 0, 5), 0u);
  EXPECT_EQ(__tx_warp_reduce128(Lanes.data(), ~0u, TX_REDUCE_ADD), 24u);
  EXPECT_EQ(__tx_warp_reduce128(Lanes.data(), Set, TX_REDUCE_MIN), 5u);
  EXPECT_EQ(__tx_warp_reduce128(Lanes.data(), Set, TX_REDUCE_UMAX), 9u);
}

} // namespace
