//===- SystemInfoTest.cpp - What the CPU device knows of the processor --===//
//
// Part of Tongxin. How many workers a CPU device starts when several ranks
// of an MPI job share the machine (mpirun -np N): each takes its share of
// the cores, unless the launcher already bound it to its own. And how far
// ahead compiled grid-stride loops may prefetch on this processor.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/SystemInfo.h"
#include "tongxin/abi.h"

#include <gtest/gtest.h>

#include <cstdlib>

using tx::cpu::workersPerLocalRank;

TEST(WorkerCount, OneProcessTakesEveryCoreItMayUse) {
  EXPECT_EQ(workersPerLocalRank(16, 16, 1), 16u);
  EXPECT_EQ(workersPerLocalRank(4, 16, 1), 4u); // taskset / cgroup.
}

TEST(WorkerCount, UnboundRanksShareTheMachine) {
  EXPECT_EQ(workersPerLocalRank(16, 16, 4), 4u);
  EXPECT_EQ(workersPerLocalRank(16, 16, 3), 5u);
  EXPECT_EQ(workersPerLocalRank(2, 2, 4), 1u); // Oversubscribed: one each.
}

TEST(WorkerCount, RanksTheLauncherBoundKeepTheirCores) {
  // mpirun --bind-to core: each rank already sees only its own cores.
  EXPECT_EQ(workersPerLocalRank(1, 16, 4), 1u);
  EXPECT_EQ(workersPerLocalRank(4, 16, 4), 4u);
}

TEST(WorkerCount, NeverZero) {
  EXPECT_EQ(workersPerLocalRank(0, 0, 0), 1u);
  EXPECT_EQ(workersPerLocalRank(0, 8, 2), 1u);
}

// Grid-stride rounds prefetch later blocks' rows into the L2 only on the
// processors where that was measured to pay (AMD's x86-64 cores), as many
// as four blocks ahead; compiled kernels read the limit from the runtime.
TEST(PrefetchBlocksAhead, OnlyWhereMeasuredToPay) {
  if (std::getenv("TONGXIN_PREFETCH_BLOCKS_AHEAD"))
    GTEST_SKIP() << "TONGXIN_PREFETCH_BLOCKS_AHEAD overrides the choice";
  uint32_t Ahead = __tx_prefetch_blocks_ahead;
#if defined(__x86_64__)
  __builtin_cpu_init();
  EXPECT_EQ(Ahead, __builtin_cpu_is("amd") ? 4u : 0u);
#else
  EXPECT_EQ(Ahead, 0u);
#endif
}
