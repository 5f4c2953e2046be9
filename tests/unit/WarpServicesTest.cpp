//===- WarpServicesTest.cpp - Lane exchanges of the CPU block functions ---===//
//
// Part of Tongxin. The runtime helpers compiled kernels call after a warp
// collective's cut (tongxin/abi.h): which lanes of each warp arrived at the
// cut, and a snapshot of their exchange slots in 32-, 64- and 128-bit
// (a shuffle chain with parameters) widths. Votes, matches and reductions
// over the snapshot are compiled inline (tests/lit/WorkItemLoops).
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

} // namespace
