//===- SystemInfoTest.cpp - The CPU device's worker count -----------------===//
//
// Part of Tongxin. How many workers a CPU device starts when several ranks
// of an MPI job share the machine (mpirun -np N): each takes its share of
// the cores, unless the launcher already bound it to its own.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/SystemInfo.h"

#include <gtest/gtest.h>

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
