//===- TestKernels.h - Hand-registered kernels for tests --------*- C++ -*-===//
//
// Part of Tongxin. Stands in for the compiler: block functions written by
// hand with the TxBlockFunction signature, a hand-built fat binary, and the
// registration calls clang's host code and our device objects would make.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_TESTS_UNIT_TESTKERNELS_H
#define TONGXIN_TESTS_UNIT_TESTKERNELS_H

#include "cuda_runtime.h"
#include "tongxin/abi.h"
#include "tongxin/check_abi.h"

#include <gtest/gtest.h>

namespace txtest {

/// Host "stubs": only their addresses matter.
extern const char
    VectorAddStub; // (const float *A, const float *B, float *C, int N)
extern const char CountStub;     // (int *Visits): +1 per thread, per block slot
extern const char AssertStub;    // (int *Out): thread 3 of block 1 asserts
extern const char TrapStub;      // (int *Out): block 0 traps
extern const char FaultStub;     // (int *Out): block 1 stores through Out if
                                 // null, else runs an illegal instruction
extern const char SharedStub;    // (int *Out): reverses through dynamic smem
extern const char MixedArgsStub; // (Pair P, double D, char C, int *Out)
extern const char PrintfStub;    // (int Base): one printf per thread
extern const char ReadVarStub;   // (int *Out): copies DeviceArray to Out
extern const char GridSyncStub;  // (int *Data, int *Out, int Skip): see
                                 // GridSyncRounds below
extern const char GateStub;      // (int *Cells): see GateRunning below
// (int *Flags): block B waits for block B + 1 to set Flags[B + 1], then
// sets Flags[B].
extern const char WaitForNextStub;
/// Waits for the previous block; flagged TX_KERNEL_WAITS_FOR_BLOCKS.
extern const char LookBackStub;
/// (TxCheckSite *Site, char *Target, uint64_t Bytes, int Mode): thread 0 of
/// block 0 calls memcheck's entry point for Mode (MemcheckMode below) as
/// code built with --check=memcheck would.
extern const char MemcheckStub;
enum MemcheckMode {
  MemcheckAccess = 0,      ///< __tx_memcheck_access(Site, Target, Bytes)
  MemcheckSharedPast = 1,  ///< A region fault just past the shared memory
  MemcheckDoubleFree = 2,  ///< Device malloc, then two frees
  MemcheckInvalidFree = 3, ///< Device free of Target
  /// __tx_synccheck_dispatch over Bytes threads whose states Target holds
  /// (uint32_t each), with SynccheckBarriers.
  SynccheckDispatch = 4,
  /// racecheck with RacecheckSites: thread 0 writes shared bytes 0-3 and
  /// thread 1 reads them in one interval (a hazard); in the next, thread 2
  /// writes them and reads them back itself (none).
  RacecheckAccesses = 5,
  InitcheckRead = 6,  ///< __tx_initcheck_read(Site, Target, Bytes)
  InitcheckWrite = 7, ///< __tx_initcheck_write(Target, Bytes)
};
/// racecheck's sites for RacecheckAccesses: a write (race.cu:5) and a read
/// (race.cu:6).
extern const TxCheckSite RacecheckSites[2];
/// synccheck's table for SynccheckDispatch: cut 0 and 1 are __syncthreads()
/// (lines 10 and 20 of sync.cu), cut 2 a warp collective.
extern const TxBarrierSite SynccheckBarriers[3];
extern const char LateModuleStub; // In a TU whose module registered first.
extern const char NoImageStub;    // In a fat binary without a CPU module.
extern const char NeverRegisteredStub;

/// GridSyncStub: in round R (of GridSyncRounds) block B adds B + 1 to
/// Data[B], waits at the grid barrier, writes the sum of Data to
/// Out[B * GridSyncRounds + R], and waits again. Block Skip (-1: none)
/// returns at once, before any barrier.
constexpr int GridSyncRounds = 3;

/// GateStub (one block of one thread) sets Cells[GateRunning], waits until
/// the test sets Cells[GateOpen], then sets Cells[GateDone].
enum GateCell { GateRunning = 0, GateOpen = 1, GateDone = 2 };

/// Bytes of static shared memory SharedStub's kernel declares.
constexpr uint64_t SharedKernelStaticBytes = 256;

struct alignas(16) Pair {
  long long A;
  int B;
};

/// Host shadows of device variables (what cudaMemcpyToSymbol takes).
extern int DeviceArray[16]; // __device__ int DeviceArray[16]
extern float ConstantValue; // __constant__ float ConstantValue
extern int *ManagedSlot;    // __managed__ int Managed (host pointer)
extern char UnregisteredVariable[8];

/// The device storage behind those shadows.
int *deviceArrayStorage();
int *managedStorage();

/// Registers everything exactly once per process.
void registerTestKernels();

/// Fixture for tests that use the device: registers the kernels and leaves
/// the device healthy (reset) if a test poisoned it.
class RuntimeTest : public ::testing::Test {
protected:
  void SetUp() override;
  void TearDown() override;
};

} // namespace txtest

#endif // TONGXIN_TESTS_UNIT_TESTKERNELS_H
