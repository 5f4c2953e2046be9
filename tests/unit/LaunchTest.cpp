//===- LaunchTest.cpp - Kernel launch API tests ---------------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <numeric>
#include <vector>

using namespace txtest;

namespace {
class LaunchTest : public RuntimeTest {
protected:
  /// Launches CountStub and returns how many threads ran, per block.
  cudaError_t launchCount(dim3 Grid, dim3 Block, size_t Shared,
                          std::vector<int> &Visits, cudaStream_t S = 0) {
    int *D = nullptr;
    size_t Blocks = size_t(Grid.x) * Grid.y * Grid.z;
    size_t Slots = Blocks ? Blocks : 1;
    EXPECT_EQ(cudaMallocManaged(&D, Slots * sizeof(int)), cudaSuccess);
    std::fill(D, D + Slots, 0);
    void *Args[] = {&D};
    cudaError_t Err =
        cudaLaunchKernel(&CountStub, Grid, Block, Args, Shared, S);
    EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
    Visits.assign(D, D + Slots);
    EXPECT_EQ(cudaFree(D), cudaSuccess);
    return Err;
  }
};
} // namespace

TEST_F(LaunchTest, VectorAdd) {
  const int N = 100000;
  float *A, *B, *C;
  ASSERT_EQ(cudaMalloc(&A, N * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&B, N * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&C, N * sizeof(float)), cudaSuccess);
  std::vector<float> HA(N), HB(N), HC(N);
  for (int I = 0; I < N; ++I) {
    HA[I] = float(I);
    HB[I] = float(2 * I);
  }
  ASSERT_EQ(cudaMemcpy(A, HA.data(), N * 4, cudaMemcpyHostToDevice),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpy(B, HB.data(), N * 4, cudaMemcpyHostToDevice),
            cudaSuccess);
  int Count = N;
  void *Args[] = {&A, &B, &C, &Count};
  dim3 Block(256), Grid((N + 255) / 256);
  ASSERT_EQ(cudaLaunchKernel(&VectorAddStub, Grid, Block, Args, 0, 0),
            cudaSuccess);
  // Arguments were captured at launch: clobbering them now is harmless.
  Count = 0;
  A = B = nullptr;
  ASSERT_EQ(cudaMemcpy(HC.data(), C, N * 4, cudaMemcpyDeviceToHost),
            cudaSuccess);
  for (int I = 0; I < N; ++I)
    ASSERT_EQ(HC[I], float(3 * I)) << I;
  cudaFree(C);
}

TEST_F(LaunchTest, EveryBlockRunsOnceIn3DGrids) {
  std::vector<int> Visits;
  ASSERT_EQ(launchCount(dim3(7, 5, 3), dim3(4, 2, 2), 0, Visits), cudaSuccess);
  ASSERT_EQ(Visits.size(), 105u);
  for (int V : Visits)
    EXPECT_EQ(V, 16);
  ASSERT_EQ(launchCount(dim3(1), dim3(1024), 0, Visits), cudaSuccess);
  EXPECT_EQ(Visits[0], 1024);
  ASSERT_EQ(launchCount(dim3(50000), dim3(1), 0, Visits), cudaSuccess);
  EXPECT_EQ(std::accumulate(Visits.begin(), Visits.end(), 0), 50000);
  EXPECT_EQ(*std::min_element(Visits.begin(), Visits.end()), 1);
}

TEST_F(LaunchTest, BlocksOfAGridNoLargerThanTheDeviceRunTogether) {
  // Each block waits for the next one, as code that assumes its few blocks
  // are resident together does. However short the blocks have proved
  // (the pool learns block costs from earlier launches), such a grid must
  // keep a thread per block.
  int Units = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&Units, cudaDevAttrMultiProcessorCount, 0),
            cudaSuccess);
  if (Units < 2)
    GTEST_SKIP() << "one worker thread: blocks cannot run together";
  int Blocks = Units < 4 ? Units : 4;
  int *Flags;
  ASSERT_EQ(cudaMallocManaged(&Flags, Blocks * sizeof(int)), cudaSuccess);
  void *Args[] = {&Flags};
  for (int Round = 0; Round < 50; ++Round) {
    std::fill(Flags, Flags + Blocks, 0);
    ASSERT_EQ(
        cudaLaunchKernel(&WaitForNextStub, dim3(Blocks), dim3(1), Args, 0, 0),
        cudaSuccess);
    ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
    for (int B = 0; B < Blocks; ++B)
      ASSERT_EQ(Flags[B], 1) << "round " << Round << " block " << B;
  }
  cudaFree(Flags);
}

// A kernel that waits for its predecessor blocks (TX_KERNEL_WAITS_FOR_BLOCKS,
// which txcc sets for CUB's look-back) has its blocks started in index
// order, one claim each: when block b starts, every block before it has
// been claimed, and at most one per other worker has not started yet.
// (Guided claims would start a worker halfway through the grid, where it
// would spin until the first worker got there.)
TEST_F(LaunchTest, BlocksThatWaitForPredecessorsStartInOrder) {
  int Units = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&Units, cudaDevAttrMultiProcessorCount, 0),
            cudaSuccess);
  const int Blocks = 200;
  int *Cells;
  ASSERT_EQ(cudaMallocManaged(&Cells, (1 + 2 * Blocks) * sizeof(int)),
            cudaSuccess);
  void *Args[] = {&Cells};
  for (int Round = 0; Round < 3; ++Round) {
    std::fill(Cells, Cells + 1 + 2 * Blocks, 0);
    ASSERT_EQ(
        cudaLaunchKernel(&LookBackStub, dim3(Blocks), dim3(1), Args, 0, 0),
        cudaSuccess);
    ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
    ASSERT_EQ(Cells[0], Blocks);
    for (int B = 0; B < Blocks; ++B) {
      ASSERT_GE(Cells[1 + B], B - (Units - 1))
          << "round " << Round << ": block " << B << " started early";
      ASSERT_EQ(Cells[1 + Blocks + B], 1);
    }
  }
  cudaFree(Cells);
}

TEST_F(LaunchTest, InvalidConfigurationsLaunchNothing) {
  struct {
    dim3 Grid, Block;
    size_t Shared;
  } Bad[] = {
      {dim3(0), dim3(32), 0},
      {dim3(1, 0), dim3(32), 0},
      {dim3(1), dim3(0), 0},
      {dim3(1), dim3(1025), 0},
      {dim3(1), dim3(32, 33), 0},
      {dim3(1), dim3(1, 1, 65), 0},
      {dim3(1, 65536), dim3(1), 0},
      {dim3(1, 1, 65536), dim3(1), 0},
      {dim3(1), dim3(32), 48 * 1024 + 1},
      {dim3(1), dim3(32), size_t(1) << 40},
  };
  for (auto &B : Bad) {
    std::vector<int> Visits;
    EXPECT_EQ(launchCount(B.Grid, B.Block, B.Shared, Visits),
              cudaErrorInvalidConfiguration)
        << B.Grid.x << "x" << B.Grid.y << "x" << B.Grid.z << " / " << B.Block.x
        << "x" << B.Block.y << "x" << B.Block.z << " smem " << B.Shared;
    EXPECT_EQ(std::accumulate(Visits.begin(), Visits.end(), 0), 0);
    EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidConfiguration);
    EXPECT_EQ(cudaGetLastError(), cudaSuccess) << "not sticky";
  }
  // The limits themselves are fine.
  std::vector<int> Visits;
  EXPECT_EQ(launchCount(dim3(1), dim3(32), 48 * 1024, Visits), cudaSuccess);
  EXPECT_EQ(launchCount(dim3(1), dim3(16, 16, 4), 0, Visits), cudaSuccess);
}

TEST_F(LaunchTest, SharedMemoryStaticPlusDynamic) {
  const int Threads = 128, Blocks = 8;
  int *Out;
  ASSERT_EQ(cudaMallocManaged(&Out, Threads * Blocks * sizeof(int)),
            cudaSuccess);
  void *Args[] = {&Out};
  ASSERT_EQ(cudaLaunchKernel(&SharedStub, dim3(Blocks), dim3(Threads), Args,
                             Threads * sizeof(int), 0),
            cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  for (int B = 0; B < Blocks; ++B)
    for (int T = 0; T < Threads; ++T)
      ASSERT_EQ(Out[B * Threads + T], B * Threads + Threads - 1 - T);

  // Static 256 bytes + 48 KiB dynamic exceeds the default limit ...
  EXPECT_EQ(
      cudaLaunchKernel(&SharedStub, dim3(1), dim3(32), Args, 48 * 1024, 0),
      cudaErrorInvalidConfiguration);
  // ... until the kernel opts in to more.
  cudaDeviceProp P;
  ASSERT_EQ(cudaGetDeviceProperties(&P, 0), cudaSuccess);
  int Optin = int(P.sharedMemPerBlockOptin - SharedKernelStaticBytes);
  ASSERT_EQ(cudaFuncSetAttribute(&SharedStub,
                                 cudaFuncAttributeMaxDynamicSharedMemorySize,
                                 Optin),
            cudaSuccess);
  EXPECT_EQ(cudaLaunchKernel(&SharedStub, dim3(2), dim3(32), Args, Optin, 0),
            cudaSuccess);
  EXPECT_EQ(
      cudaLaunchKernel(&SharedStub, dim3(1), dim3(32), Args, Optin + 1, 0),
      cudaErrorInvalidConfiguration);
  EXPECT_EQ(cudaFuncSetAttribute(&SharedStub,
                                 cudaFuncAttributeMaxDynamicSharedMemorySize,
                                 Optin + 1),
            cudaErrorInvalidValue);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  cudaFuncAttributes Attr;
  ASSERT_EQ(cudaFuncGetAttributes(&Attr, &SharedStub), cudaSuccess);
  EXPECT_EQ(Attr.sharedSizeBytes, SharedKernelStaticBytes);
  EXPECT_EQ(Attr.maxDynamicSharedSizeBytes, Optin);
  // Restore the default for other tests.
  ASSERT_EQ(cudaFuncSetAttribute(&SharedStub,
                                 cudaFuncAttributeMaxDynamicSharedMemorySize,
                                 int(48 * 1024 - SharedKernelStaticBytes)),
            cudaSuccess);
  cudaGetLastError();
  cudaFree(Out);
}

TEST_F(LaunchTest, ArgumentsOfMixedSizeAndAlignment) {
  int *Out;
  ASSERT_EQ(cudaMallocManaged(&Out, 8 * sizeof(int)), cudaSuccess);
  Pair P{123456, -7};
  double D = 10.25;
  char C = 'x';
  void *Args[] = {&P, &D, &C, &Out};
  ASSERT_EQ(cudaLaunchKernel(&MixedArgsStub, dim3(1), dim3(1), Args, 0, 0),
            cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(Out[0], 123456);
  EXPECT_EQ(Out[1], -7);
  EXPECT_EQ(Out[2], 20);
  EXPECT_EQ(Out[3], 'x');
  EXPECT_EQ(Out[4], 0) << "by-value struct misaligned";
  EXPECT_EQ(cudaLaunchKernel(&MixedArgsStub, dim3(1), dim3(1), nullptr, 0, 0),
            cudaErrorInvalidValue);
  cudaGetLastError();
  cudaFree(Out);
}

TEST_F(LaunchTest, UnknownFunctionAndBadStream) {
  int *D = nullptr;
  void *Args[] = {&D};
  EXPECT_EQ(
      cudaLaunchKernel(&NeverRegisteredStub, dim3(1), dim3(1), Args, 0, 0),
      cudaErrorInvalidDeviceFunction);
  EXPECT_EQ(cudaLaunchKernel(nullptr, dim3(1), dim3(1), Args, 0, 0),
            cudaErrorInvalidDeviceFunction);
  cudaFuncAttributes Attr;
  EXPECT_EQ(cudaFuncGetAttributes(&Attr, &NeverRegisteredStub),
            cudaErrorInvalidDeviceFunction);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cudaLaunchKernel(&CountStub, dim3(1), dim3(1), Args, 0, S),
            cudaErrorInvalidResourceHandle);
  cudaGetLastError();
}

TEST_F(LaunchTest, LaunchesOnStreamsAreAsynchronous) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  int *Visits;
  ASSERT_EQ(cudaMallocManaged(&Visits, 64 * sizeof(int)), cudaSuccess);
  std::fill(Visits, Visits + 64, 0);
  void *Args[] = {&Visits};
  for (int I = 0; I < 10; ++I)
    ASSERT_EQ(cudaLaunchKernel(&CountStub, dim3(64), dim3(8), Args, 0, S),
              cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  for (int I = 0; I < 64; ++I)
    EXPECT_EQ(Visits[I], 80);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  cudaFree(Visits);
}

TEST_F(LaunchTest, DeviceAssertIsStickyUntilReset) {
  int *Out;
  ASSERT_EQ(cudaMallocManaged(&Out, 64 * 8 * sizeof(int)), cudaSuccess);
  std::fill(Out, Out + 64 * 8, 0);
  void *Args[] = {&Out};
  testing::internal::CaptureStderr();
  ASSERT_EQ(cudaLaunchKernel(&AssertStub, dim3(64), dim3(8), Args, 0, 0),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorAssert);
  std::string Err = testing::internal::GetCapturedStderr();
  EXPECT_NE(Err.find("unit.cu:42: void assertKernel(int *): block: [1,0,0], "
                     "thread: [3,0,0] Assertion `i < 3` failed."),
            std::string::npos)
      << Err;
  // Threads of the asserting block before the failure ran; the rest of
  // that block did not.
  EXPECT_EQ(Out[8 + 2], 1);
  EXPECT_NE(Out[8 + 3], 1);
  // Sticky: every later call fails the same way.
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorAssert);
  void *P = nullptr;
  EXPECT_EQ(cudaMalloc(&P, 16), cudaErrorAssert);
  EXPECT_EQ(cudaLaunchKernel(&CountStub, dim3(1), dim3(1), Args, 0, 0),
            cudaErrorAssert);
  EXPECT_EQ(cudaGetLastError(), cudaErrorAssert);
  EXPECT_EQ(cudaGetLastError(), cudaErrorAssert);
  ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  std::vector<int> Visits;
  EXPECT_EQ(launchCount(dim3(2), dim3(2), 0, Visits), cudaSuccess);
  EXPECT_EQ(Visits[1], 2);
}

TEST_F(LaunchTest, TrapFailsTheLaunch) {
  int *Out;
  ASSERT_EQ(cudaMallocManaged(&Out, 4 * sizeof(int)), cudaSuccess);
  void *Args[] = {&Out};
  testing::internal::CaptureStderr();
  ASSERT_EQ(cudaLaunchKernel(&TrapStub, dim3(1), dim3(1), Args, 0, 0),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorLaunchFailure);
  std::string Err = testing::internal::GetCapturedStderr();
  EXPECT_NE(Err.find("barrier reached by only part of the block"),
            std::string::npos)
      << Err;
  ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
}

TEST_F(LaunchTest, FaultIsAStickyIllegalAddress) {
  int *Null = nullptr;
  void *Args[] = {&Null};
  testing::internal::CaptureStderr();
  ASSERT_EQ(cudaLaunchKernel(&FaultStub, dim3(4), dim3(32), Args, 0, 0),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorIllegalAddress);
  std::string Err = testing::internal::GetCapturedStderr();
  EXPECT_NE(Err.find("illegal memory access in kernel faultKernel(int*), "
                     "block [1,0,0], at address"),
            std::string::npos)
      << Err;
  int *P = nullptr;
  EXPECT_EQ(cudaMalloc(&P, 16), cudaErrorIllegalAddress);
  EXPECT_EQ(cudaGetLastError(), cudaErrorIllegalAddress);
  EXPECT_EQ(cudaGetLastError(), cudaErrorIllegalAddress);
  ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
  std::vector<int> Visits;
  EXPECT_EQ(launchCount(dim3(2), dim3(2), 0, Visits), cudaSuccess);
  EXPECT_EQ(Visits[1], 2);
  // A second fault on the same worker threads is caught too.
  testing::internal::CaptureStderr();
  ASSERT_EQ(cudaLaunchKernel(&FaultStub, dim3(64), dim3(1), Args, 0, 0),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorIllegalAddress);
  testing::internal::GetCapturedStderr();
  ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
}

#if defined(__x86_64__) || defined(__aarch64__) || defined(__riscv)
TEST_F(LaunchTest, IllegalInstructionFailsTheLaunch) {
  int *Out;
  ASSERT_EQ(cudaMallocManaged(&Out, sizeof(int)), cudaSuccess);
  void *Args[] = {&Out};
  testing::internal::CaptureStderr();
  ASSERT_EQ(cudaLaunchKernel(&FaultStub, dim3(2), dim3(1), Args, 0, 0),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorIllegalInstruction);
  std::string Err = testing::internal::GetCapturedStderr();
  EXPECT_NE(Err.find("illegal instruction in kernel faultKernel(int*)"),
            std::string::npos)
      << Err;
  ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
}
#endif

TEST_F(LaunchTest, FaultOutsideDeviceCodeStillKillsTheProcess) {
  // The handlers are in place once the CPU device has run a grid.
  std::vector<int> Visits;
  ASSERT_EQ(launchCount(dim3(1), dim3(1), 0, Visits), cudaSuccess);
  int *volatile Null = nullptr;
  GTEST_FLAG_SET(death_test_style, "threadsafe"); // The pool has threads.
  EXPECT_DEATH(*Null = 1, "");
}

TEST_F(LaunchTest, PushPopCallConfiguration) {
  dim3 G, B;
  size_t Shared = 1;
  cudaStream_t S = reinterpret_cast<cudaStream_t>(0x99);
  EXPECT_EQ(__cudaPopCallConfiguration(&G, &B, &Shared, &S),
            cudaErrorMissingConfiguration);
  EXPECT_EQ(__cudaPushCallConfiguration(dim3(4, 5), dim3(32), 128), 0u);
  EXPECT_EQ(__cudaPushCallConfiguration(dim3(9), dim3(1, 2, 3), 0,
                                        cudaStreamPerThread),
            0u);
  ASSERT_EQ(__cudaPopCallConfiguration(&G, &B, &Shared, &S), cudaSuccess);
  EXPECT_EQ(G.x, 9u);
  EXPECT_EQ(B.z, 3u);
  EXPECT_EQ(S, cudaStreamPerThread);
  ASSERT_EQ(__cudaPopCallConfiguration(&G, &B, &Shared, &S), cudaSuccess);
  EXPECT_EQ(G.y, 5u);
  EXPECT_EQ(Shared, 128u);
  EXPECT_EQ(S, nullptr);
}

TEST_F(LaunchTest, FunctionAttributesAndOccupancy) {
  cudaFuncAttributes Attr;
  ASSERT_EQ(cudaFuncGetAttributes(&Attr, &VectorAddStub), cudaSuccess);
  EXPECT_EQ(Attr.maxThreadsPerBlock, 1024);
  EXPECT_EQ(Attr.sharedSizeBytes, 0u);
  EXPECT_EQ(Attr.localSizeBytes, 16u);
  EXPECT_EQ(Attr.numRegs, 0);
  EXPECT_EQ(cudaFuncGetAttributes(nullptr, &VectorAddStub),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaFuncSetCacheConfig(&VectorAddStub, cudaFuncCachePreferL1),
            cudaSuccess);
  EXPECT_EQ(cudaFuncSetAttribute(&VectorAddStub,
                                 cudaFuncAttributePreferredSharedMemoryCarveout,
                                 50),
            cudaSuccess);
  EXPECT_EQ(cudaFuncSetAttribute(&VectorAddStub,
                                 cudaFuncAttributePreferredSharedMemoryCarveout,
                                 101),
            cudaErrorInvalidValue);

  int Blocks = -1;
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(
                &Blocks, &VectorAddStub, 256, 0),
            cudaSuccess);
  EXPECT_EQ(Blocks, 8) << "2048 threads per SM / 256";
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(
                &Blocks, &VectorAddStub, 1024, 0),
            cudaSuccess);
  EXPECT_EQ(Blocks, 2);
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(
                &Blocks, &VectorAddStub, 32, 48 * 1024),
            cudaSuccess);
  cudaDeviceProp P;
  ASSERT_EQ(cudaGetDeviceProperties(&P, 0), cudaSuccess);
  EXPECT_EQ(Blocks, int(P.sharedMemPerMultiprocessor / (48 * 1024)))
      << "limited by shared memory";
  EXPECT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(
                &Blocks, &NeverRegisteredStub, 32, 0),
            cudaErrorInvalidDeviceFunction);

  // The typed helpers of runtime_templates.h.
  int MinGrid = 0, BlockSize = 0;
  ASSERT_EQ(
      cudaOccupancyMaxPotentialBlockSize(&MinGrid, &BlockSize, &VectorAddStub),
      cudaSuccess);
  EXPECT_EQ(BlockSize, 1024);
  EXPECT_EQ(MinGrid, 2 * P.multiProcessorCount);
  ASSERT_EQ(cudaOccupancyMaxPotentialBlockSize(&MinGrid, &BlockSize,
                                               &VectorAddStub, 0, 100),
            cudaSuccess);
  EXPECT_LE(BlockSize, 100);
  EXPECT_EQ(BlockSize % 32, 0);
  cudaGetLastError();
}

//===--- Cooperative launches ---------------------------------------------===//

namespace {
/// The largest cooperative grid of GridSyncStub with Threads per block.
int maxCooperativeBlocks(int Threads) {
  int PerUnit = 0, Units = 0;
  EXPECT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(
                &PerUnit, &GridSyncStub, Threads, 0),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceGetAttribute(&Units, cudaDevAttrMultiProcessorCount, 0),
            cudaSuccess);
  return PerUnit * Units;
}

/// Runs GridSyncStub cooperatively over Blocks blocks and checks every
/// round's sums (block Skip never takes part).
void checkGridSync(int Blocks, int Skip) {
  int *Data, *Out;
  ASSERT_EQ(cudaMallocManaged(&Data, Blocks * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMallocManaged(&Out, Blocks * GridSyncRounds * sizeof(int)),
            cudaSuccess);
  std::fill(Data, Data + Blocks, 0);
  std::fill(Out, Out + Blocks * GridSyncRounds, -1);
  void *Args[] = {&Data, &Out, &Skip};
  ASSERT_EQ(cudaLaunchCooperativeKernel(&GridSyncStub, dim3(Blocks), dim3(64),
                                        Args, 0, 0),
            cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  int PerRound = 0;
  for (int B = 0; B < Blocks; ++B)
    PerRound += B == Skip ? 0 : B + 1;
  for (int B = 0; B < Blocks; ++B)
    for (int R = 0; R < GridSyncRounds; ++R)
      EXPECT_EQ(Out[B * GridSyncRounds + R],
                B == Skip ? -1 : PerRound * (R + 1))
          << "block " << B << " round " << R;
  EXPECT_EQ(cudaFree(Data), cudaSuccess);
  EXPECT_EQ(cudaFree(Out), cudaSuccess);
}
} // namespace

TEST_F(LaunchTest, CooperativeAttributes) {
  int Coop = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&Coop, cudaDevAttrCooperativeLaunch, 0),
            cudaSuccess);
  EXPECT_EQ(Coop, 1);
  cudaDeviceProp P;
  ASSERT_EQ(cudaGetDeviceProperties(&P, 0), cudaSuccess);
  EXPECT_EQ(P.cooperativeLaunch, 1);
}

TEST_F(LaunchTest, CooperativeGridSyncAllBlocks) {
  // Every block of the largest grid is resident, whatever the pool size.
  checkGridSync(maxCooperativeBlocks(64), -1);
  checkGridSync(1, -1);
  checkGridSync(3, -1);
}

TEST_F(LaunchTest, CooperativeBlockExitingEarlyDoesNotHang) {
  checkGridSync(4, 2);
}

TEST_F(LaunchTest, CooperativeGridTooLarge) {
  int Max = maxCooperativeBlocks(64);
  int *Data, *Out, Skip = -1;
  ASSERT_EQ(cudaMallocManaged(&Data, (Max + 1) * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMallocManaged(&Out, (Max + 1) * GridSyncRounds * sizeof(int)),
            cudaSuccess);
  std::fill(Data, Data + Max + 1, 0);
  void *Args[] = {&Data, &Out, &Skip};
  EXPECT_EQ(cudaLaunchCooperativeKernel(&GridSyncStub, dim3(Max + 1), dim3(64),
                                        Args, 0, 0),
            cudaErrorCooperativeLaunchTooLarge);
  EXPECT_EQ(cudaGetLastError(), cudaErrorCooperativeLaunchTooLarge);
  // More shared memory per block means fewer resident blocks.
  EXPECT_EQ(cudaLaunchCooperativeKernel(&GridSyncStub, dim3(Max), dim3(64),
                                        Args, 48 * 1024, 0),
            cudaErrorCooperativeLaunchTooLarge);
  cudaGetLastError();
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  for (int B = 0; B <= Max; ++B)
    EXPECT_EQ(Data[B], 0) << "block " << B << " ran";
  EXPECT_EQ(cudaFree(Data), cudaSuccess);
  EXPECT_EQ(cudaFree(Out), cudaSuccess);
}

TEST_F(LaunchTest, GridSyncInOrdinaryLaunchFails) {
  int *Data, *Out, Skip = -1;
  ASSERT_EQ(cudaMallocManaged(&Data, 2 * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMallocManaged(&Out, 2 * GridSyncRounds * sizeof(int)),
            cudaSuccess);
  std::fill(Data, Data + 2, 0);
  void *Args[] = {&Data, &Out, &Skip};
  testing::internal::CaptureStderr();
  ASSERT_EQ(cudaLaunchKernel(&GridSyncStub, dim3(2), dim3(32), Args, 0, 0),
            cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorLaunchFailure);
  std::string Err = testing::internal::GetCapturedStderr();
  EXPECT_NE(Err.find("cudaLaunchCooperativeKernel"), std::string::npos) << Err;
  ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
}
