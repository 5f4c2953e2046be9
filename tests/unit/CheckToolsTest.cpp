//===- CheckToolsTest.cpp - The checkers' runtime side --------------------===//
//
// Part of Tongxin. The runtime side of txcc --check=memcheck, synccheck,
// racecheck and initcheck (tongxin/check_abi.h), driven by a hand-written
// block function as checked code would drive it. Registering a checked
// module turns the checker on for the whole process (and its exit status),
// so every test runs in a process of its own: a death test, re-executed
// ("threadsafe") because the runtime has worker threads.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"
#include "tongxin/check_abi.h"
#include "tongxin/library_support.h"

#include <cstdlib>
#include <cstring>

using namespace txtest;

namespace {

int Table[16]; // A "__device__ int Table[16]" of a checked module.
const TxCheckVariable Variables[] = {{Table, sizeof(Table), "Table"}};
const TxCheckRange NoRange = {~0ull, 0};

/// A site like the ones the pass emits: a 4-byte write at memcheck.cu:12.
TxCheckSite makeSite(uint32_t Space = TX_CHECK_SPACE_GLOBAL) {
  return {&NoRange,
          "_Z6kernelPi",
          "/src/memcheck.cu",
          12,
          5,
          TX_CHECK_WRITE | (Space << TX_CHECK_SPACE_SHIFT),
          4};
}

/// Turns the checker on, as a checked module's constructor does.
void startChecker() {
  registerTestKernels();
  __tx_memcheck_register_module(Variables, 1);
}

cudaError_t runChecked(TxCheckSite *Site, const void *Target, uint64_t Bytes,
                       int Mode, unsigned SharedBytes = 0,
                       unsigned Threads = 1) {
  void *Args[] = {&Site, &Target, &Bytes, &Mode};
  cudaError_t Err = cudaLaunchKernel(&MemcheckStub, dim3(2), dim3(Threads),
                                     Args, SharedBytes, 0);
  return Err != cudaSuccess ? Err : cudaDeviceSynchronize();
}

// Each scenario runs in a process of its own and ends it.

/// Exits 0 if Condition holds, else 3 with a line saying what failed.
#define REQUIRE(Condition)                                                     \
  do {                                                                         \
    if (!(Condition)) {                                                        \
      std::fprintf(stderr, "requirement failed: %s\n", #Condition);            \
      std::exit(3);                                                            \
    }                                                                          \
  } while (0)

void cacheValidRanges() {
  startChecker();
  char *P;
  REQUIRE(cudaMalloc(&P, 256) == cudaSuccess);
  TxCheckSite Site = makeSite();
  REQUIRE(runChecked(&Site, P + 252, 4, MemcheckAccess) == cudaSuccess);
  REQUIRE(Site.Cache->Begin == reinterpret_cast<uintptr_t>(P));
  REQUIRE(Site.Cache->End == reinterpret_cast<uintptr_t>(P) + 256);
  const TxCheckRange *Cached = Site.Cache;
  REQUIRE(cudaFree(P) == cudaSuccess);
  REQUIRE(Cached->Begin > Cached->End); // Emptied.
  // Variables of checked modules, pinned and managed memory are
  // valid targets too.
  TxCheckSite VarSite = makeSite();
  REQUIRE(runChecked(&VarSite, &Table[15], 4, MemcheckAccess) == cudaSuccess);
  REQUIRE(VarSite.Cache->Begin == reinterpret_cast<uintptr_t>(Table));
  int *Pinned, *Managed;
  REQUIRE(cudaMallocHost(&Pinned, 64) == cudaSuccess);
  REQUIRE(cudaMallocManaged(&Managed, 64) == cudaSuccess);
  TxCheckSite PinnedSite = makeSite(), ManagedSite = makeSite();
  REQUIRE(runChecked(&PinnedSite, Pinned, 4, MemcheckAccess) == cudaSuccess);
  REQUIRE(runChecked(&ManagedSite, Managed + 15, 4, MemcheckAccess) ==
          cudaSuccess);
  REQUIRE(cudaFreeHost(Pinned) == cudaSuccess);
  REQUIRE(cudaFree(Managed) == cudaSuccess);
  std::exit(0);
}

void writePastTheEnd() {
  startChecker();
  char *P;
  REQUIRE(cudaMalloc(&P, 256) == cudaSuccess);
  TxCheckSite Site = makeSite();
  REQUIRE(runChecked(&Site, P + 256, 4, MemcheckAccess) ==
          cudaErrorLaunchFailure);
  // Sticky as in CUDA, until cudaDeviceReset.
  int *Q;
  REQUIRE(cudaMalloc(&Q, 4) == cudaErrorLaunchFailure);
  REQUIRE(cudaDeviceReset() == cudaSuccess);
  REQUIRE(cudaMalloc(&Q, 4) == cudaSuccess);
  std::printf("the program went on\n");
  std::exit(0); // The checker's exit status wins: 1.
}

void touchFreedNullMisaligned() {
  startChecker();
  char *P;
  REQUIRE(cudaMalloc(&P, 256) == cudaSuccess);
  REQUIRE(cudaFree(P) == cudaSuccess);
  TxCheckSite Site = makeSite();
  REQUIRE(runChecked(&Site, P, 4, MemcheckAccess) == cudaErrorLaunchFailure);
  REQUIRE(cudaDeviceReset() == cudaSuccess);
  REQUIRE(runChecked(&Site, reinterpret_cast<char *>(16), 4, MemcheckAccess) ==
          cudaErrorLaunchFailure);
  REQUIRE(cudaDeviceReset() == cudaSuccess);
  REQUIRE(cudaMalloc(&P, 256) == cudaSuccess);
  REQUIRE(runChecked(&Site, P + 2, 4, MemcheckAccess) ==
          cudaErrorLaunchFailure);
  std::exit(0);
}

void touchUnknownHostMemory() {
  startChecker();
  static char HostArray[64];
  TxCheckSite Site = makeSite();
  REQUIRE(runChecked(&Site, HostArray + 64, 4, MemcheckAccess) ==
          cudaErrorLaunchFailure);
  std::exit(0);
}

void writePastSharedMemory() {
  startChecker();
  TxCheckSite Site = makeSite(TX_CHECK_SPACE_SHARED);
  REQUIRE(runChecked(&Site, nullptr, 4, MemcheckSharedPast, 96) ==
          cudaErrorLaunchFailure);
  std::exit(0);
}

void freeTwiceAndInvalid() {
  startChecker();
  TxCheckSite Site = makeSite(TX_CHECK_SPACE_HEAP);
  REQUIRE(runChecked(&Site, nullptr, 0, MemcheckDoubleFree) ==
          cudaErrorLaunchFailure);
  REQUIRE(cudaDeviceReset() == cudaSuccess);
  REQUIRE(runChecked(&Site, reinterpret_cast<char *>(Table), 0,
                     MemcheckInvalidFree) == cudaErrorLaunchFailure);
  std::exit(0);
}

void leakWithLeakCheck() {
  setenv("TONGXIN_LEAK_CHECK", "full", 1);
  startChecker();
  char *P;
  REQUIRE(cudaMalloc(&P, 100) == cudaSuccess);
  std::exit(0);
}

void leakWithoutLeakCheck() {
  unsetenv("TONGXIN_LEAK_CHECK");
  startChecker();
  char *P;
  REQUIRE(cudaMalloc(&P, 100) == cudaSuccess);
  std::exit(0);
}

void exceedPrintLimit() {
  setenv("TONGXIN_CHECK_PRINT_LIMIT", "1", 1);
  startChecker();
  TxCheckSite Site = makeSite();
  for (int I = 0; I < 3; ++I) {
    REQUIRE(runChecked(&Site, reinterpret_cast<char *>(8), 4, MemcheckAccess) ==
            cudaErrorLaunchFailure);
    REQUIRE(cudaDeviceReset() == cudaSuccess);
  }
  std::exit(0);
}

/// States as a block of 8 threads leaves them: 1 + the cut each waits at,
/// 0x7fffffff for one that returned.
constexpr uint32_t Returned = 0x7fffffffu;

void divergeAtTwoBarriers() {
  startChecker();
  static uint32_t States[] = {1, 1, 2, Returned, 2, 2, 3, 1};
  TxCheckSite Site = makeSite();
  REQUIRE(runChecked(&Site, reinterpret_cast<char *>(States), 8,
                     SynccheckDispatch, 0, 8) == cudaErrorLaunchFailure);
  std::exit(0);
}

void waitAtOneBarrierOrElsewhere() {
  __tx_check_start("synccheck");
  registerTestKernels();
  // Returned threads and a warp collective's cut are not divergence.
  static uint32_t States[] = {2, 2, Returned, 3, 2, Returned, 3, 2};
  TxCheckSite Site = makeSite();
  REQUIRE(runChecked(&Site, reinterpret_cast<char *>(States), 8,
                     SynccheckDispatch, 0, 8) == cudaSuccess);
  std::exit(0);
}

void raceInOneIntervalOnly() {
  __tx_check_start("racecheck");
  registerTestKernels();
  TxCheckSite Site = makeSite();
  // A race does not fail the launch.
  REQUIRE(runChecked(&Site, nullptr, 0, RacecheckAccesses, 64) == cudaSuccess);
  std::exit(0);
}

/// initcheck: which reads of a cudaMalloc block find bytes never written,
/// as the writes of device code, copies, memsets and libraries come in.
void readBeforeAndAfterWrites() {
  __tx_check_start("initcheck");
  registerTestKernels();
  char *P;
  REQUIRE(cudaMalloc(&P, 256) == cudaSuccess);
  TxCheckSite Site = makeSite();
  Site.Flags = TX_CHECK_READ;
  // Error 1: nothing written yet. Device code writes, then reads: fine.
  REQUIRE(runChecked(&Site, P, 4, InitcheckRead) == cudaSuccess);
  REQUIRE(runChecked(&Site, P, 4, InitcheckWrite) == cudaSuccess);
  REQUIRE(runChecked(&Site, P, 4, InitcheckRead) == cudaSuccess);
  // A memset and a copy in write; error 2: a read running past them.
  REQUIRE(cudaMemset(P + 8, 0, 8) == cudaSuccess);
  static char Host[64] = {1};
  REQUIRE(cudaMemcpy(P + 64, Host, 64, cudaMemcpyHostToDevice) == cudaSuccess);
  REQUIRE(runChecked(&Site, P + 8, 8, InitcheckRead) == cudaSuccess);
  REQUIRE(runChecked(&Site, P + 64, 64, InitcheckRead) == cudaSuccess);
  REQUIRE(runChecked(&Site, P + 124, 8, InitcheckRead) == cudaSuccess);
  // Error 3: a copy out of bytes never written (the launch is fine).
  REQUIRE(cudaMemcpy(Host, P, 64, cudaMemcpyDeviceToHost) == cudaSuccess);
  // A new block at the same place starts unwritten again: error 4.
  REQUIRE(cudaFree(P) == cudaSuccess);
  REQUIRE(cudaMalloc(&P, 256) == cudaSuccess);
  REQUIRE(runChecked(&Site, P + 64, 4, InitcheckRead) == cudaSuccess);
  // What a library's host code may have written, and managed memory (the
  // host writes it directly), count as written.
  char *Lib, *Managed;
  REQUIRE(cudaMalloc(&Lib, 64) == cudaSuccess);
  txLibraryWroteDeviceMemory();
  REQUIRE(runChecked(&Site, Lib, 64, InitcheckRead) == cudaSuccess);
  REQUIRE(cudaMallocManaged(&Managed, 64) == cudaSuccess);
  REQUIRE(runChecked(&Site, Managed, 64, InitcheckRead) == cudaSuccess);
  // Memory the runtime does not know is not tracked.
  REQUIRE(runChecked(&Site, Host, 8, InitcheckRead) == cudaSuccess);
  std::exit(0);
}

class Memcheck : public ::testing::Test {
protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

} // namespace

TEST_F(Memcheck, ValidAccessesAreCachedUntilTheMemoryIsFreed) {
  EXPECT_EXIT(cacheValidRanges(), ::testing::ExitedWithCode(0),
              "ERROR SUMMARY: 0 errors");
}

TEST_F(Memcheck, PastTheEndFailsTheLaunchStickilyAndTheRun) {
  EXPECT_EXIT(
      writePastTheEnd(), ::testing::ExitedWithCode(1),
      "Invalid __global__ write of size 4 bytes\n"
      "=========     at kernel\\(int\\*\\) in /src/memcheck.cu:12\n"
      "=========     by thread \\(0,0,0\\) in block \\(0,0,0\\) of kernel "
      "memcheck\\(void\\*, char\\*, unsigned long long, int\\)\n"
      "=========     Address 0x[0-9a-f]+ is out of bounds\n"
      "=========     and is 0 bytes after the nearest allocation at "
      "0x[0-9a-f]+ of size 256 bytes\n"
      "(.|\n)*ERROR SUMMARY: 1 error\n");
}

TEST_F(Memcheck, FreedNullAndMisalignedAddressesAreNamed) {
  EXPECT_EXIT(touchFreedNullMisaligned(), ::testing::ExitedWithCode(1),
              "is in memory freed by cudaFree \\(use after free\\)(.|\n)*"
              "Address 0x10 is a null pointer \\(plus an offset\\)(.|\n)*"
              "is misaligned \\(the access needs 4-byte alignment\\)(.|\n)*"
              "ERROR SUMMARY: 3 errors");
}

TEST_F(Memcheck, HostMemoryTheRuntimeDoesNotKnowIsInvalid) {
  EXPECT_EXIT(touchUnknownHostMemory(), ::testing::ExitedWithCode(1),
              "Invalid __global__ write(.|\n)*is out of bounds(.|\n)*"
              "ERROR SUMMARY: 1 error");
}

TEST_F(Memcheck, SharedMemoryIsBoundedByTheLaunchsBytes) {
  EXPECT_EXIT(
      writePastSharedMemory(), ::testing::ExitedWithCode(1),
      "Invalid __shared__ write of size 4 bytes(.|\n)*"
      "and is 0 bytes after the block's shared memory at 0x[0-9a-f]+ of "
      "size 96 bytes");
}

TEST_F(Memcheck, DeviceHeapDoubleAndInvalidFrees) {
  EXPECT_EXIT(freeTwiceAndInvalid(), ::testing::ExitedWithCode(1),
              "Malloc/Free error encountered: Double free(.|\n)*"
              "Malloc/Free error encountered: Invalid pointer to free(.|\n)*"
              "ERROR SUMMARY: 2 errors");
}

TEST_F(Memcheck, LeaksAreListedOnlyWhenAsked) {
  EXPECT_EXIT(leakWithLeakCheck(), ::testing::ExitedWithCode(1),
              "Leaked 100 bytes at 0x[0-9a-f]+ \\(cudaMalloc\\)\n"
              "========= LEAK SUMMARY: 100 bytes leaked in 1 allocations\n"
              "========= ERROR SUMMARY: 1 error");
  EXPECT_EXIT(leakWithoutLeakCheck(), ::testing::ExitedWithCode(0),
              "ERROR SUMMARY: 0 errors");
}

TEST_F(Memcheck, ThePrintLimitCapsReportsNotTheCount) {
  EXPECT_EXIT(
      exceedPrintLimit(), ::testing::ExitedWithCode(1),
      "TONGXIN_CHECK_PRINT_LIMIT reached(.|\n)*ERROR SUMMARY: 3 errors");
}

class Initcheck : public Memcheck {};

TEST_F(Initcheck, ReportsReadsOfBytesNothingWrote) {
  EXPECT_EXIT(
      readBeforeAndAfterWrites(), ::testing::ExitedWithCode(1),
      "TONGXIN INITCHECK(.|\n)*"
      "Uninitialized __global__ memory read of size 4 bytes\n"
      "=========     at kernel\\(int\\*\\) in /src/memcheck.cu:12\n"
      "=========     by thread \\(0,0,0\\) in block \\(0,0,0\\)(.|\n)*"
      "is 0 bytes into the allocation at 0x[0-9a-f]+ of size 256 bytes\n"
      "=========     and none of the bytes was written since it was "
      "allocated(.|\n)*"
      "Uninitialized __global__ memory read of size 8 bytes(.|\n)*"
      "is 124 bytes into the allocation(.|\n)*"
      "and 4 of the 8 bytes \\(the first at 0x[0-9a-f]+\\) were never "
      "written(.|\n)*"
      "Host API uninitialized memory access\n"
      "=========     A copy \\(cudaMemcpy and the like\\) reads 64 bytes "
      "(.|\n)*and 52 of the 64 bytes(.|\n)*"
      "Uninitialized __global__ memory read of size 4 bytes(.|\n)*"
      "is 64 bytes into the allocation(.|\n)*"
      "ERROR SUMMARY: 4 errors\n");
}

class Synccheck : public Memcheck {};

TEST_F(Synccheck, ReportsThreadsAtDifferentBarriers) {
  EXPECT_EXIT(divergeAtTwoBarriers(), ::testing::ExitedWithCode(1),
              "Barrier error detected. Divergent thread\\(s\\) in block\n"
              "=========     by thread \\(0,0,0\\) in block \\(0,0,0\\)"
              "(.|\n)*"
              "3 thread\\(s\\) wait at __syncthreads\\(\\) in "
              "/src/sync.cu:10, the first \\(0,0,0\\)\n"
              "=========     3 thread\\(s\\) wait at __syncthreads\\(\\) in "
              "/src/sync.cu:20, the first \\(2,0,0\\)"
              "(.|\n)*ERROR SUMMARY: 1 error");
}

TEST_F(Synccheck, IgnoresReturnedThreadsAndWarpCuts) {
  EXPECT_EXIT(waitAtOneBarrierOrElsewhere(), ::testing::ExitedWithCode(0),
              "TONGXIN SYNCCHECK(.|\n)*ERROR SUMMARY: 0 errors");
}

class Racecheck : public Memcheck {};

TEST_F(Racecheck, ReportsEachPairOfLinesOnceAtExit) {
  EXPECT_EXIT(raceInOneIntervalOnly(), ::testing::ExitedWithCode(1),
              "TONGXIN RACECHECK(.|\n)*"
              "Error: Race reported between Write access at race\\(\\) in "
              "/src/race.cu:5\n"
              "=========     and Read access at race\\(\\) in "
              "/src/race.cu:6 \\[1 hazard\\]\n"
              "=========     \\(also between threads of one warp(.|\n)*"
              "ERROR SUMMARY: 1 error");
}
