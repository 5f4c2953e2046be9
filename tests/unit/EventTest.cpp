//===- EventTest.cpp - Event API tests ------------------------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "HostCallbacks.h"
#include "TestKernels.h"

using namespace txtest;

namespace {
class EventTest : public RuntimeTest {};
} // namespace

TEST_F(EventTest, RecordSynchronizeElapsed) {
  cudaEvent_t Start, Stop;
  ASSERT_EQ(cudaEventCreate(&Start), cudaSuccess);
  ASSERT_EQ(cudaEventCreate(&Stop), cudaSuccess);
  // Never recorded: complete for queries, a bad handle for timing.
  EXPECT_EQ(cudaEventQuery(Start), cudaSuccess);
  EXPECT_EQ(cudaEventSynchronize(Start), cudaSuccess);
  float Ms = -1;
  EXPECT_EQ(cudaEventElapsedTime(&Ms, Start, Stop),
            cudaErrorInvalidResourceHandle);

  ASSERT_EQ(cudaEventRecord(Start), cudaSuccess);
  int *D;
  ASSERT_EQ(cudaMalloc(&D, 4096), cudaSuccess);
  ASSERT_EQ(cudaMemsetAsync(D, 0, 4096), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Stop, 0), cudaSuccess);
  ASSERT_EQ(cudaEventSynchronize(Stop), cudaSuccess);
  EXPECT_EQ(cudaEventQuery(Stop), cudaSuccess);
  ASSERT_EQ(cudaEventElapsedTime(&Ms, Start, Stop), cudaSuccess);
  EXPECT_GE(Ms, 0.0f);
  EXPECT_EQ(cudaEventElapsedTime(nullptr, Start, Stop), cudaErrorInvalidValue);
  cudaGetLastError();
  EXPECT_EQ(cudaFree(D), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(Start), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(Stop), cudaSuccess);
}

TEST_F(EventTest, PendingEventIsNotReady) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  cudaEvent_t Start, E;
  ASSERT_EQ(cudaEventCreate(&Start), cudaSuccess);
  ASSERT_EQ(cudaEventCreate(&E), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(Start, S), cudaSuccess);
  Gate G;
  ASSERT_EQ(cudaLaunchHostFunc(S, Gate::waitFn, &G), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(E, S), cudaSuccess);
  EXPECT_EQ(cudaEventQuery(E), cudaErrorNotReady);
  float Ms;
  EXPECT_EQ(cudaEventElapsedTime(&Ms, Start, E), cudaErrorNotReady);
  G.open();
  ASSERT_EQ(cudaEventSynchronize(E), cudaSuccess);
  EXPECT_EQ(cudaEventQuery(E), cudaSuccess);
  EXPECT_EQ(cudaEventElapsedTime(&Ms, Start, E), cudaSuccess);
  cudaGetLastError();
  EXPECT_EQ(cudaEventDestroy(Start), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(E), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(EventTest, StreamWaitEventOrdersAcrossStreams) {
  cudaStream_t Producer, Consumer;
  ASSERT_EQ(cudaStreamCreateWithFlags(&Producer, cudaStreamNonBlocking),
            cudaSuccess);
  ASSERT_EQ(cudaStreamCreateWithFlags(&Consumer, cudaStreamNonBlocking),
            cudaSuccess);
  cudaEvent_t E;
  ASSERT_EQ(cudaEventCreateWithFlags(&E, cudaEventDisableTiming), cudaSuccess);
  Gate G;
  ASSERT_EQ(cudaLaunchHostFunc(Producer, Gate::waitFn, &G), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(E, Producer), cudaSuccess);
  ASSERT_EQ(cudaStreamWaitEvent(Consumer, E, 0), cudaSuccess);
  int Src = 9, Dst = 0;
  ASSERT_EQ(cudaMemcpyAsync(&Dst, &Src, 4, cudaMemcpyHostToHost, Consumer),
            cudaSuccess);
  EXPECT_EQ(cudaStreamQuery(Consumer), cudaErrorNotReady);
  G.open();
  ASSERT_EQ(cudaStreamSynchronize(Consumer), cudaSuccess);
  EXPECT_EQ(Dst, 9);
  EXPECT_EQ(cudaEventDestroy(E), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(Producer), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(Consumer), cudaSuccess);
}

TEST_F(EventTest, InvalidHandlesAndFlags) {
  cudaEvent_t E;
  ASSERT_EQ(cudaEventCreateWithFlags(&E, cudaEventDisableTiming), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(E), cudaSuccess);
  ASSERT_EQ(cudaEventSynchronize(E), cudaSuccess);
  float Ms;
  EXPECT_EQ(cudaEventElapsedTime(&Ms, E, E), cudaErrorInvalidResourceHandle)
      << "timing disabled";
  ASSERT_EQ(cudaEventDestroy(E), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(E), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventRecord(E), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventQuery(E), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventSynchronize(E), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamWaitEvent(0, E, 0), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventDestroy(nullptr), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventCreate(nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaEventCreateWithFlags(&E, 0x80), cudaErrorInvalidValue);
  EXPECT_EQ(cudaEventCreateWithFlags(&E, cudaEventInterprocess),
            cudaErrorInvalidValue);
  cudaEvent_t Good;
  ASSERT_EQ(cudaEventCreate(&Good), cudaSuccess);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cudaEventRecord(Good, S), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventDestroy(Good), cudaSuccess);
  cudaGetLastError();
}
