//===- StreamTest.cpp - Stream API tests ----------------------------------===//
//
// Part of Tongxin. Asynchrony is shown deterministically: a host callback
// blocks on a gate the test opens, so "not yet run" is observable without
// any timing assumption.
//
//===----------------------------------------------------------------------===//

#include "HostCallbacks.h"
#include "TestKernels.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace txtest;

namespace {
class StreamTest : public RuntimeTest {};
} // namespace

TEST_F(StreamTest, CreateQueryDestroy) {
  cudaStream_t S = nullptr;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  EXPECT_EQ(cudaStreamQuery(S), cudaSuccess);
  unsigned Flags = 7;
  ASSERT_EQ(cudaStreamGetFlags(S, &Flags), cudaSuccess);
  EXPECT_EQ(Flags, 0u);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);

  ASSERT_EQ(cudaStreamCreateWithFlags(&S, cudaStreamNonBlocking), cudaSuccess);
  ASSERT_EQ(cudaStreamGetFlags(S, &Flags), cudaSuccess);
  EXPECT_EQ(Flags, unsigned(cudaStreamNonBlocking));
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);

  ASSERT_EQ(cudaStreamCreateWithPriority(&S, 0, -1), cudaSuccess);
  int Priority = 5;
  ASSERT_EQ(cudaStreamGetPriority(S, &Priority), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(StreamTest, InvalidHandlesAndArguments) {
  cudaStream_t S = nullptr;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaStreamDestroy(S), cudaSuccess);
  // A destroyed handle is rejected, not dereferenced.
  EXPECT_EQ(cudaStreamDestroy(S), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamSynchronize(S), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamQuery(S), cudaErrorInvalidResourceHandle);
  int X;
  EXPECT_EQ(cudaMemcpyAsync(&X, &X, 4, cudaMemcpyHostToHost, S),
            cudaErrorInvalidResourceHandle);
  auto *Garbage = reinterpret_cast<cudaStream_t>(0x1234);
  EXPECT_EQ(cudaStreamSynchronize(Garbage), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamDestroy(nullptr), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamCreate(nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamCreateWithFlags(&S, 0x10), cudaErrorInvalidValue);
  EXPECT_EQ(cudaLaunchHostFunc(0, nullptr, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
  // The special handles are all valid.
  EXPECT_EQ(cudaStreamSynchronize(cudaStreamLegacy), cudaSuccess);
  EXPECT_EQ(cudaStreamSynchronize(cudaStreamPerThread), cudaSuccess);
  EXPECT_EQ(cudaStreamQuery(0), cudaSuccess);
}

TEST_F(StreamTest, WorkIsAsynchronousAndOrdered) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  Gate G;
  int Src = 42, Dst = 0;
  ASSERT_EQ(cudaLaunchHostFunc(S, Gate::waitFn, &G), cudaSuccess);
  ASSERT_EQ(cudaMemcpyAsync(&Dst, &Src, sizeof(int), cudaMemcpyHostToHost, S),
            cudaSuccess);
  // The host got here while the stream is blocked: work is asynchronous.
  EXPECT_EQ(cudaStreamQuery(S), cudaErrorNotReady);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess) << "NotReady is not an error";
  EXPECT_EQ(Dst, 0);
  G.open();
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(Dst, 42);
  EXPECT_EQ(cudaStreamQuery(S), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(StreamTest, ManyOperationsKeepOrder) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  Journal J;
  std::vector<Entry> Entries(200);
  for (int I = 0; I < 200; ++I) {
    Entries[I] = {&J, I};
    ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &Entries[I]), cudaSuccess);
  }
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  ASSERT_EQ(J.Order.size(), 200u);
  for (int I = 0; I < 200; ++I)
    EXPECT_EQ(J.Order[I], I);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(StreamTest, LegacyStreamWaitsForBlockingStreams) {
  cudaStream_t Blocking;
  ASSERT_EQ(cudaStreamCreate(&Blocking), cudaSuccess);
  Gate G;
  Journal J;
  Entry First{&J, 1}, Second{&J, 2};
  ASSERT_EQ(cudaLaunchHostFunc(Blocking, Gate::waitFn, &G), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(Blocking, Entry::fn, &First), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(0, Entry::fn, &Second), cudaSuccess);
  // The legacy stream's callback waits for the blocked stream.
  EXPECT_EQ(cudaStreamQuery(0), cudaErrorNotReady);
  G.open();
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  ASSERT_EQ(J.Order.size(), 2u);
  EXPECT_EQ(J.Order[0], 1);
  EXPECT_EQ(J.Order[1], 2);
  EXPECT_EQ(cudaStreamDestroy(Blocking), cudaSuccess);
}

TEST_F(StreamTest, BlockingStreamWaitsForLegacyStream) {
  cudaStream_t Blocking, NonBlocking;
  ASSERT_EQ(cudaStreamCreate(&Blocking), cudaSuccess);
  ASSERT_EQ(cudaStreamCreateWithFlags(&NonBlocking, cudaStreamNonBlocking),
            cudaSuccess);
  Gate G;
  Journal J;
  Entry Tag{&J, 7};
  ASSERT_EQ(cudaLaunchHostFunc(0, Gate::waitFn, &G), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(Blocking, Entry::fn, &Tag), cudaSuccess);
  int Src = 5, Dst = 0;
  ASSERT_EQ(cudaMemcpyAsync(&Dst, &Src, sizeof(int), cudaMemcpyHostToHost,
                            NonBlocking),
            cudaSuccess);
  // The non-blocking stream runs while the legacy stream is blocked ...
  ASSERT_EQ(cudaStreamSynchronize(NonBlocking), cudaSuccess);
  EXPECT_EQ(Dst, 5);
  // ... the blocking one does not.
  EXPECT_EQ(cudaStreamQuery(Blocking), cudaErrorNotReady);
  G.open();
  ASSERT_EQ(cudaStreamSynchronize(Blocking), cudaSuccess);
  EXPECT_EQ(J.Order.size(), 1u);
  EXPECT_EQ(cudaStreamDestroy(Blocking), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(NonBlocking), cudaSuccess);
}

TEST_F(StreamTest, DestroyWithPendingWorkDoesNotBlock) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  Gate G;
  Journal J;
  Entry Tag{&J, 3};
  ASSERT_EQ(cudaLaunchHostFunc(S, Gate::waitFn, &G), cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(S, Entry::fn, &Tag), cudaSuccess);
  ASSERT_EQ(cudaStreamDestroy(S), cudaSuccess);
  G.open();
  // The device still finishes what was queued.
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  ASSERT_EQ(J.Order.size(), 1u);
}

static void streamCallback(cudaStream_t Stream, cudaError_t Status,
                           void *User) {
  auto *Seen = static_cast<std::pair<cudaStream_t, cudaError_t> *>(User);
  *Seen = {Stream, Status};
}

TEST_F(StreamTest, AddCallbackPassesStreamAndStatus) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  std::pair<cudaStream_t, cudaError_t> Seen{nullptr, cudaErrorUnknown};
  ASSERT_EQ(cudaStreamAddCallback(S, streamCallback, &Seen, 0), cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(Seen.first, S);
  EXPECT_EQ(Seen.second, cudaSuccess);
  EXPECT_EQ(cudaStreamAddCallback(S, streamCallback, &Seen, 1),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamAddCallback(S, nullptr, &Seen, 0), cudaErrorInvalidValue);
  cudaGetLastError();
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

// The host thread may run legacy-stream work itself when the stream is idle
// (StreamManager::runOnCaller). These pin down that it never does so out of
// CUDA's order.

TEST_F(StreamTest, LegacyLaunchWaitsForBlockingStreamWhileLegacyIsIdle) {
  cudaStream_t Blocking;
  ASSERT_EQ(cudaStreamCreate(&Blocking), cudaSuccess);
  Gate G;
  ASSERT_EQ(cudaLaunchHostFunc(Blocking, Gate::waitFn, &G), cudaSuccess);
  int *Visits;
  ASSERT_EQ(cudaMallocManaged(&Visits, 4 * sizeof(int)), cudaSuccess);
  std::fill(Visits, Visits + 4, 0);
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaLaunchKernel(&CountStub, dim3(4), dim3(8), Args, 0, 0),
            cudaSuccess);
  // The legacy stream itself had nothing pending, but its launch waits for
  // the blocking stream, so the host did not run it.
  EXPECT_EQ(cudaStreamQuery(0), cudaErrorNotReady);
  EXPECT_EQ(Visits[0], 0);
  G.open();
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  for (int I = 0; I < 4; ++I)
    EXPECT_EQ(Visits[I], 8);
  EXPECT_EQ(cudaStreamDestroy(Blocking), cudaSuccess);
  cudaFree(Visits);
}

TEST_F(StreamTest, LegacyLaunchRunsBeforeLaterQueuedWork) {
  // A launch on the idle legacy stream, then work that cannot run on the
  // host thread (a host function): the latter sees the kernel's result.
  int *Visits;
  ASSERT_EQ(cudaMallocManaged(&Visits, sizeof(int)), cudaSuccess);
  *Visits = 0;
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaLaunchKernel(&CountStub, dim3(1), dim3(16), Args, 0, 0),
            cudaSuccess);
  struct Snapshot {
    const int *From;
    int Seen = -1;
    static void fn(void *P) {
      auto *Self = static_cast<Snapshot *>(P);
      Self->Seen = *Self->From;
    }
  } Snap{Visits};
  ASSERT_EQ(cudaLaunchHostFunc(0, Snapshot::fn, &Snap), cudaSuccess);
  ASSERT_EQ(cudaLaunchKernel(&CountStub, dim3(1), dim3(16), Args, 0, 0),
            cudaSuccess);
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(Snap.Seen, 16);
  EXPECT_EQ(*Visits, 32);
  cudaFree(Visits);
}

TEST_F(StreamTest, WorkQueuedWhileTheHostRunsALaunchWaitsForIt) {
  // Another host thread runs a launch on the idle legacy stream itself;
  // work submitted meanwhile goes to the queue and must still wait for it.
  int *Cells;
  ASSERT_EQ(cudaMallocManaged(&Cells, 3 * sizeof(int)), cudaSuccess);
  std::fill(Cells, Cells + 3, 0);
  std::thread Launcher([&] {
    void *Args[] = {&Cells};
    EXPECT_EQ(cudaLaunchKernel(&GateStub, dim3(1), dim3(1), Args, 0, 0),
              cudaSuccess);
  });
  while (!__atomic_load_n(&Cells[GateRunning], __ATOMIC_ACQUIRE))
    std::this_thread::yield();
  struct Snapshot {
    const int *Done;
    int Seen = -1;
    static void fn(void *P) {
      auto *Self = static_cast<Snapshot *>(P);
      Self->Seen = __atomic_load_n(Self->Done, __ATOMIC_ACQUIRE);
    }
  } Snap{&Cells[GateDone]};
  ASSERT_EQ(cudaLaunchHostFunc(0, Snapshot::fn, &Snap), cudaSuccess);
  // Give a wrongly ordered host function time to run early.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  __atomic_store_n(&Cells[GateOpen], 1, __ATOMIC_RELEASE);
  Launcher.join();
  ASSERT_EQ(cudaStreamSynchronize(0), cudaSuccess);
  EXPECT_EQ(Snap.Seen, 1);
  cudaFree(Cells);
}

TEST_F(StreamTest, LegacyWorkFromManyHostThreadsKeepsTheStreamsOrder) {
  // Host threads alternate launches on the legacy stream with host
  // functions that total every thread's counter. Whichever thread runs
  // what, a host function must see every launch that returned before it
  // was submitted, and nothing may run beside it (its reads are plain).
  constexpr int Threads = 4, Rounds = 100, BlockThreads = 8;
  int *Counters;
  ASSERT_EQ(cudaMallocManaged(&Counters, Threads * sizeof(int)), cudaSuccess);
  std::fill(Counters, Counters + Threads, 0);
  struct Record {
    const int *Counters;
    int AtLeast; ///< Launches known to have returned, times BlockThreads.
    int Seen;
    static void fn(void *P) {
      auto *Self = static_cast<Record *>(P);
      Self->Seen = 0;
      for (int T = 0; T < Threads; ++T)
        Self->Seen += Self->Counters[T];
    }
  };
  std::vector<std::vector<Record>> Records(Threads,
                                           std::vector<Record>(Rounds));
  std::atomic<int> Launched{0}, Failures{0};
  std::vector<std::thread> Pool;
  for (int T = 0; T < Threads; ++T) {
    Pool.emplace_back([&, T] {
      int *Mine = Counters + T;
      void *Args[] = {&Mine};
      for (int R = 0; R < Rounds; ++R) {
        if (cudaLaunchKernel(&CountStub, dim3(1), dim3(BlockThreads), Args, 0,
                             0) != cudaSuccess)
          ++Failures;
        int Before = Launched.fetch_add(1) + 1;
        Records[T][R] = {Counters, Before * BlockThreads, -1};
        if (cudaLaunchHostFunc(0, Record::fn, &Records[T][R]) != cudaSuccess)
          ++Failures;
      }
    });
  }
  for (std::thread &T : Pool)
    T.join();
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(Failures.load(), 0);
  for (int T = 0; T < Threads; ++T) {
    EXPECT_EQ(Counters[T], Rounds * BlockThreads);
    for (int R = 0; R < Rounds; ++R)
      EXPECT_GE(Records[T][R].Seen, Records[T][R].AtLeast)
          << "thread " << T << " round " << R;
  }
  cudaFree(Counters);
}
