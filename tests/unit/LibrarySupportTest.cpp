//===- LibrarySupportTest.cpp - tongxin/library_support.h -----------------===//
//
// Part of Tongxin. What the CUDA libraries (libs/) ask of the runtime: the
// device of a stream, work split over that device's workers, and items of
// a stream that the calling thread runs itself.
//
//===----------------------------------------------------------------------===//

#include "tongxin/library_support.h"

#include "cuda_runtime.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace {

TEST(LibrarySupport, StreamDeviceOfDefaultAndCreatedStreams) {
  int Device = -1;
  txLibraryDeviceKind Kind = txLibraryDeviceOther;
  ASSERT_EQ(txLibraryStreamDevice(nullptr, &Device, &Kind), cudaSuccess);
  EXPECT_EQ(Device, 0);
  EXPECT_EQ(Kind, txLibraryDeviceHost);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(txLibraryStreamDevice(S, &Device, &Kind), cudaSuccess);
  EXPECT_EQ(Device, 0);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST(LibrarySupport, StreamDeviceErrors) {
  int Device;
  txLibraryDeviceKind Kind;
  EXPECT_EQ(txLibraryStreamDevice(nullptr, nullptr, &Kind),
            cudaErrorInvalidValue);
  EXPECT_EQ(txLibraryStreamDevice(nullptr, &Device, nullptr),
            cudaErrorInvalidValue);
  int NotAStream = 0;
  EXPECT_EQ(txLibraryStreamDevice(reinterpret_cast<cudaStream_t>(&NotAStream),
                                  &Device, &Kind),
            cudaErrorInvalidResourceHandle);
}

TEST(LibrarySupport, DeviceKindOfAnOrdinal) {
  txLibraryDeviceKind Kind = txLibraryDeviceOther;
  ASSERT_EQ(txLibraryDeviceKindOf(0, &Kind), cudaSuccess);
  EXPECT_EQ(Kind, txLibraryDeviceHost);
  EXPECT_EQ(txLibraryDeviceKindOf(0, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(txLibraryDeviceKindOf(-1, &Kind), cudaErrorInvalidDevice);
  EXPECT_EQ(txLibraryDeviceKindOf(1000, &Kind), cudaErrorInvalidDevice);
}

TEST(LibrarySupport, NativeStreamOnlyInsideNvidiaWork) {
  // The CPU device has no native streams, inside work or outside it.
  void *Native = &Native;
  EXPECT_EQ(txLibraryNativeStream(0, &Native), cudaErrorNotSupported);
  EXPECT_EQ(Native, nullptr);
  EXPECT_EQ(txLibraryNativeStream(0, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(txLibraryNativeStream(-1, &Native), cudaErrorInvalidDevice);
  EXPECT_EQ(txLibraryNativeStream(1 << 20, &Native), cudaErrorInvalidDevice);
  // Nothing native is pending: finishing is immediate.
  EXPECT_EQ(txLibraryFinishNativeWork(0), cudaSuccess);
  EXPECT_EQ(txLibraryFinishNativeWork(-1), cudaErrorInvalidDevice);
}

TEST(LibrarySupport, NativeCaptureOnlyOnNvidiaGpus) {
  // The CPU device captures no native work: the call never runs.
  bool Called = false;
  auto Call = [](void *Context, void *) {
    *static_cast<bool *>(Context) = true;
    return 0;
  };
  int Result = 42;
  void *Graph = &Graph;
  EXPECT_EQ(txLibraryCaptureNative(0, Call, &Called, &Result, &Graph),
            cudaErrorNotSupported);
  EXPECT_FALSE(Called);
  EXPECT_EQ(Result, 42);
  EXPECT_EQ(Graph, nullptr);
  EXPECT_EQ(txLibraryCaptureNative(0, nullptr, &Called, &Result, &Graph),
            cudaErrorInvalidValue);
  EXPECT_EQ(txLibraryCaptureNative(0, Call, &Called, nullptr, &Graph),
            cudaErrorInvalidValue);
  EXPECT_EQ(txLibraryCaptureNative(0, Call, &Called, &Result, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(txLibraryCaptureNative(-1, Call, &Called, &Result, &Graph),
            cudaErrorInvalidDevice);
  EXPECT_FALSE(Called);
}

TEST(LibrarySupport, NativeGraphsOnlyOnNvidiaGpus) {
  int NotAGraph = 0;
  EXPECT_EQ(txLibraryRunNativeGraph(0, &NotAGraph), cudaErrorNotSupported);
  EXPECT_EQ(txLibraryRunNativeGraph(0, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(txLibraryRunNativeGraph(-1, &NotAGraph), cudaErrorInvalidValue);
  // A refused run is the caller's error, not a fault of the context.
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  // Nothing to free on the CPU device, or on no device.
  txLibraryDestroyNativeGraph(0, &NotAGraph);
  txLibraryDestroyNativeGraph(-1, &NotAGraph);
  txLibraryDestroyNativeGraph(0, nullptr);
}

struct Visits {
  std::atomic<int> Count[64] = {};
  std::mutex Mutex;
  std::set<std::thread::id> Threads;
};

void visit(void *Context, size_t Index) {
  auto *V = static_cast<Visits *>(Context);
  V->Count[Index].fetch_add(1);
  std::lock_guard<std::mutex> Lock(V->Mutex);
  V->Threads.insert(std::this_thread::get_id());
}

TEST(LibrarySupport, RunOnWorkersCallsEachIndexOnce) {
  // The CPU device has one worker per "multiprocessor".
  int Units = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&Units, cudaDevAttrMultiProcessorCount, 0),
            cudaSuccess);
  EXPECT_EQ(txLibraryWorkerCount(0), static_cast<unsigned>(Units));
  Visits V;
  ASSERT_EQ(txLibraryRunOnWorkers(0, 64, visit, &V), cudaSuccess);
  for (auto &C : V.Count)
    EXPECT_EQ(C.load(), 1);
  // The device's workers and the calling thread (which helps rather than
  // wait idle) share the calls; nothing else does.
  EXPECT_GE(V.Threads.size(), 1u);
  EXPECT_LE(V.Threads.size(), static_cast<size_t>(Units) + 1);
}

TEST(LibrarySupport, RunOnWorkersErrors) {
  Visits V;
  EXPECT_EQ(txLibraryRunOnWorkers(0, 4, nullptr, &V), cudaErrorInvalidValue);
  EXPECT_EQ(txLibraryRunOnWorkers(99, 4, visit, &V), cudaErrorInvalidDevice);
  EXPECT_EQ(txLibraryRunOnWorkers(0, 0, visit, &V), cudaSuccess);
  EXPECT_EQ(txLibraryWorkerCount(99), 1u);
}

static void setFlag(void *Flag) {
  static_cast<std::atomic<int> *>(Flag)->store(1);
}

TEST(LibrarySupport, CallerItemOrdersLaterWorkAfterIt) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  void *Item = nullptr;
  ASSERT_EQ(txLibraryBeginOnCaller(S, &Item), cudaSuccess);
  ASSERT_NE(Item, nullptr);
  std::atomic<int> Ran{0};
  ASSERT_EQ(cudaLaunchHostFunc(S, setFlag, &Ran), cudaSuccess);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(Ran.load(), 0); // Waits for the caller's item.
  EXPECT_EQ(cudaStreamQuery(S), cudaErrorNotReady);
  txLibraryEndOnCaller(Item);
  EXPECT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(Ran.load(), 1);
  // The legacy default stream too, when nothing is pending anywhere.
  ASSERT_EQ(txLibraryBeginOnCaller(nullptr, &Item), cudaSuccess);
  txLibraryEndOnCaller(Item);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

static void waitForRelease(void *Gate) {
  auto *G = static_cast<std::atomic<int> *>(Gate);
  while (!G->load())
    std::this_thread::yield();
}

TEST(LibrarySupport, CallerItemRefusedWhileEarlierWorkIsPending) {
  cudaStream_t S, Blocking;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaStreamCreate(&Blocking), cudaSuccess);
  std::atomic<int> Gate{0};
  ASSERT_EQ(cudaLaunchHostFunc(S, waitForRelease, &Gate), cudaSuccess);
  void *Item = reinterpret_cast<void *>(1);
  EXPECT_EQ(txLibraryBeginOnCaller(S, &Item), cudaErrorNotReady);
  EXPECT_EQ(Item, nullptr);
  // The legacy stream waits for every blocking stream.
  EXPECT_EQ(txLibraryBeginOnCaller(nullptr, &Item), cudaErrorNotReady);
  Gate.store(1);
  EXPECT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  // A blocking stream waits for the legacy stream.
  std::atomic<int> LegacyGate{0};
  ASSERT_EQ(cudaLaunchHostFunc(nullptr, waitForRelease, &LegacyGate),
            cudaSuccess);
  EXPECT_EQ(txLibraryBeginOnCaller(Blocking, &Item), cudaErrorNotReady);
  LegacyGate.store(1);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(Blocking), cudaSuccess);
}

TEST(LibrarySupport, CallerItemErrors) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  EXPECT_EQ(txLibraryBeginOnCaller(S, nullptr), cudaErrorInvalidValue);
  cudaGraph_t Graph;
  ASSERT_EQ(cudaStreamBeginCapture(S, cudaStreamCaptureModeRelaxed),
            cudaSuccess);
  void *Item = nullptr;
  EXPECT_EQ(txLibraryBeginOnCaller(S, &Item), cudaErrorNotReady);
  ASSERT_EQ(cudaStreamEndCapture(S, &Graph), cudaSuccess);
  cudaGraphDestroy(Graph);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  txLibraryEndOnCaller(nullptr); // Harmless.
}

} // namespace
