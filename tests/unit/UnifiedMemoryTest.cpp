//===- UnifiedMemoryTest.cpp - Managed-memory hints and queries -----------===//
//
// Part of Tongxin. cudaMemPrefetchAsync and cudaMemAdvise in both their
// device-ordinal and cudaMemLocation forms, what cudaMemRangeGetAttribute(s)
// report back for whole and partial ranges, cudaStreamAttachMemAsync, and
// every error path.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <vector>

using namespace txtest;

namespace {
class UnifiedMemoryTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(cudaMallocManaged(&Data, Bytes), cudaSuccess);
  }
  void TearDown() override {
    EXPECT_EQ(cudaFree(Data), cudaSuccess);
    RuntimeTest::TearDown();
  }

  int attribute(cudaMemRangeAttribute Attr, const void *Ptr, size_t Count) {
    int Value = -42;
    EXPECT_EQ(cudaMemRangeGetAttribute(&Value, sizeof(Value), Attr, Ptr, Count),
              cudaSuccess);
    return Value;
  }

  static constexpr size_t Bytes = 1 << 16;
  char *Data = nullptr;
};
} // namespace

static cudaMemLocation location(cudaMemLocationType Type, int Id) {
  cudaMemLocation L;
  L.type = Type;
  L.id = Id;
  return L;
}

TEST_F(UnifiedMemoryTest, NoAdviceByDefault) {
  EXPECT_EQ(attribute(cudaMemRangeAttributeReadMostly, Data, Bytes), 0);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocation, Data, Bytes),
            cudaInvalidDeviceId);
  EXPECT_EQ(attribute(cudaMemRangeAttributeLastPrefetchLocation, Data, Bytes),
            cudaInvalidDeviceId);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocationType, Data, Bytes),
            cudaMemLocationTypeInvalid);
  int Accessors[3] = {7, 7, 7};
  ASSERT_EQ(cudaMemRangeGetAttribute(Accessors, sizeof(Accessors),
                                     cudaMemRangeAttributeAccessedBy, Data,
                                     Bytes),
            cudaSuccess);
  for (int A : Accessors)
    EXPECT_EQ(A, cudaInvalidDeviceId);
}

TEST_F(UnifiedMemoryTest, ReadMostlyCoversOnlyItsRange) {
  ASSERT_EQ(cudaMemAdvise(Data, Bytes / 2, cudaMemAdviseSetReadMostly, 0),
            cudaSuccess);
  EXPECT_EQ(attribute(cudaMemRangeAttributeReadMostly, Data, Bytes / 2), 1);
  EXPECT_EQ(attribute(cudaMemRangeAttributeReadMostly, Data + 100, 10), 1);
  // Only half of the whole range is read-mostly.
  EXPECT_EQ(attribute(cudaMemRangeAttributeReadMostly, Data, Bytes), 0);
  ASSERT_EQ(cudaMemAdvise(Data, 4096, cudaMemAdviseUnsetReadMostly, 0),
            cudaSuccess);
  EXPECT_EQ(attribute(cudaMemRangeAttributeReadMostly, Data, Bytes / 2), 0);
  EXPECT_EQ(attribute(cudaMemRangeAttributeReadMostly, Data + 4096, 4096), 1);
}

TEST_F(UnifiedMemoryTest, PreferredLocationInBothForms) {
  ASSERT_EQ(cudaMemAdvise(Data, Bytes, cudaMemAdviseSetPreferredLocation, 0),
            cudaSuccess);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocation, Data, Bytes), 0);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocationType, Data, Bytes),
            cudaMemLocationTypeDevice);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocationId, Data, Bytes),
            0);
  // Half moves to the host: the whole range has no single preference.
  ASSERT_EQ(cudaMemAdvise_v2(Data, Bytes / 2, cudaMemAdviseSetPreferredLocation,
                             location(cudaMemLocationTypeHost, 0)),
            cudaSuccess);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocation, Data, Bytes / 2),
            cudaCpuDeviceId);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocation, Data, Bytes),
            cudaInvalidDeviceId);
  ASSERT_EQ(cudaMemAdvise_v2(Data, Bytes, cudaMemAdviseSetPreferredLocation,
                             location(cudaMemLocationTypeHostNuma, 0)),
            cudaSuccess);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocationType, Data, Bytes),
            cudaMemLocationTypeHostNuma);
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocationId, Data, Bytes),
            0);
  ASSERT_EQ(
      cudaMemAdvise(Data, Bytes, cudaMemAdviseUnsetPreferredLocation, 12345),
      cudaSuccess); // The device argument is ignored for this advice.
  EXPECT_EQ(attribute(cudaMemRangeAttributePreferredLocation, Data, Bytes),
            cudaInvalidDeviceId);
}

TEST_F(UnifiedMemoryTest, AccessedByListsEveryProcessor) {
  ASSERT_EQ(cudaMemAdvise(Data, Bytes, cudaMemAdviseSetAccessedBy, 0),
            cudaSuccess);
  ASSERT_EQ(
      cudaMemAdvise(Data, Bytes, cudaMemAdviseSetAccessedBy, cudaCpuDeviceId),
      cudaSuccess);
  int Accessors[4];
  ASSERT_EQ(cudaMemRangeGetAttribute(Accessors, sizeof(Accessors),
                                     cudaMemRangeAttributeAccessedBy, Data,
                                     Bytes),
            cudaSuccess);
  EXPECT_EQ(Accessors[0], cudaCpuDeviceId);
  EXPECT_EQ(Accessors[1], 0);
  EXPECT_EQ(Accessors[2], cudaInvalidDeviceId);
  EXPECT_EQ(Accessors[3], cudaInvalidDeviceId);
  // Unset on part of the range: device 0 no longer covers all of it.
  ASSERT_EQ(cudaMemAdvise_v2(Data, 8, cudaMemAdviseUnsetAccessedBy,
                             location(cudaMemLocationTypeDevice, 0)),
            cudaSuccess);
  ASSERT_EQ(cudaMemRangeGetAttribute(Accessors, sizeof(Accessors),
                                     cudaMemRangeAttributeAccessedBy, Data,
                                     Bytes),
            cudaSuccess);
  EXPECT_EQ(Accessors[0], cudaCpuDeviceId);
  EXPECT_EQ(Accessors[1], cudaInvalidDeviceId);
  // A NUMA node is not a processor.
  EXPECT_EQ(cudaMemAdvise_v2(Data, Bytes, cudaMemAdviseSetAccessedBy,
                             location(cudaMemLocationTypeHostNuma, 0)),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
}

TEST_F(UnifiedMemoryTest, PrefetchRecordsTheLastLocation) {
  ASSERT_EQ(cudaMemPrefetchAsync(Data, Bytes, 0, 0), cudaSuccess);
  EXPECT_EQ(attribute(cudaMemRangeAttributeLastPrefetchLocation, Data, Bytes),
            0);
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  ASSERT_EQ(cudaMemPrefetchAsync_v2(Data, 64,
                                    location(cudaMemLocationTypeHost, 0), 0, S),
            cudaSuccess);
  EXPECT_EQ(attribute(cudaMemRangeAttributeLastPrefetchLocation, Data, 64),
            cudaCpuDeviceId);
  EXPECT_EQ(attribute(cudaMemRangeAttributeLastPrefetchLocationType, Data, 64),
            cudaMemLocationTypeHost);
  EXPECT_EQ(attribute(cudaMemRangeAttributeLastPrefetchLocation, Data, Bytes),
            cudaInvalidDeviceId);
  EXPECT_EQ(cudaStreamSynchronize(S), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
}

TEST_F(UnifiedMemoryTest, SeveralAttributesAtOnce) {
  ASSERT_EQ(cudaMemAdvise(Data, Bytes, cudaMemAdviseSetReadMostly, 0),
            cudaSuccess);
  ASSERT_EQ(cudaMemAdvise(Data, Bytes, cudaMemAdviseSetPreferredLocation, 0),
            cudaSuccess);
  int ReadMostly = 0, Preferred = -5;
  void *Data2[] = {&ReadMostly, &Preferred};
  size_t Sizes[] = {sizeof(int), sizeof(int)};
  cudaMemRangeAttribute Attrs[] = {cudaMemRangeAttributeReadMostly,
                                   cudaMemRangeAttributePreferredLocation};
  ASSERT_EQ(cudaMemRangeGetAttributes(Data2, Sizes, Attrs, 2, Data, Bytes),
            cudaSuccess);
  EXPECT_EQ(ReadMostly, 1);
  EXPECT_EQ(Preferred, 0);
}

TEST_F(UnifiedMemoryTest, FreeForgetsTheAdvice) {
  char *Other = nullptr;
  ASSERT_EQ(cudaMallocManaged(&Other, 4096), cudaSuccess);
  ASSERT_EQ(cudaMemAdvise(Other, 4096, cudaMemAdviseSetReadMostly, 0),
            cudaSuccess);
  ASSERT_EQ(cudaFree(Other), cudaSuccess);
  EXPECT_EQ(attribute(cudaMemRangeAttributeReadMostly, Other, 4096), 0);
}

TEST_F(UnifiedMemoryTest, KernelsSeeAdvisedMemory) {
  ASSERT_EQ(cudaMemAdvise(Data, Bytes, cudaMemAdviseSetReadMostly, 0),
            cudaSuccess);
  ASSERT_EQ(cudaMemPrefetchAsync(Data, Bytes, 0, 0), cudaSuccess);
  int *Visits = reinterpret_cast<int *>(Data);
  std::fill(Visits, Visits + 4, 0);
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaLaunchKernel(&CountStub, dim3(4), dim3(32), Args, 0, 0),
            cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  for (int B = 0; B < 4; ++B)
    EXPECT_EQ(Visits[B], 32);
}

TEST_F(UnifiedMemoryTest, AttachToAStream) {
  cudaStream_t S;
  ASSERT_EQ(cudaStreamCreate(&S), cudaSuccess);
  EXPECT_EQ(cudaStreamAttachMemAsync(S, Data, 0, cudaMemAttachSingle),
            cudaSuccess);
  EXPECT_EQ(cudaStreamAttachMemAsync(S, Data, 0, cudaMemAttachHost),
            cudaSuccess);
  EXPECT_EQ(cudaStreamAttachMemAsync(0, Data, 0, cudaMemAttachGlobal),
            cudaSuccess);
  // A single-stream attachment needs a stream of the program's own.
  EXPECT_EQ(cudaStreamAttachMemAsync(0, Data, 0, cudaMemAttachSingle),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamAttachMemAsync(S, Data, 0, 0x10), cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamAttachMemAsync(S, nullptr, 0, cudaMemAttachGlobal),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamDestroy(S), cudaSuccess);
  cudaGetLastError();
}

TEST_F(UnifiedMemoryTest, ErrorPaths) {
  // Null pointers and empty ranges.
  EXPECT_EQ(cudaMemPrefetchAsync(nullptr, 64, 0, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemPrefetchAsync(Data, 0, 0, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemAdvise(nullptr, 64, cudaMemAdviseSetReadMostly, 0),
            cudaErrorInvalidValue);
  // Bad devices, locations, advice and flags.
  EXPECT_EQ(cudaMemPrefetchAsync(Data, 64, 99, 0), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaMemAdvise(Data, 64, cudaMemAdviseSetPreferredLocation, 99),
            cudaErrorInvalidDevice);
  EXPECT_EQ(cudaMemAdvise(Data, 64, static_cast<cudaMemoryAdvise>(42), 0),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemPrefetchAsync_v2(
                Data, 64, location(cudaMemLocationTypeInvalid, 0), 0, 0),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemPrefetchAsync_v2(
                Data, 64, location(cudaMemLocationTypeDevice, 0), 1, 0),
            cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaMemPrefetchAsync(Data, 64, 0, reinterpret_cast<cudaStream_t>(0x77)),
      cudaErrorInvalidResourceHandle);
  // Attribute buffers of the wrong size.
  int Value[2];
  EXPECT_EQ(cudaMemRangeGetAttribute(Value, 2 * sizeof(int),
                                     cudaMemRangeAttributeReadMostly, Data, 64),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemRangeGetAttribute(Value, 3, cudaMemRangeAttributeAccessedBy,
                                     Data, 64),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemRangeGetAttribute(nullptr, 4,
                                     cudaMemRangeAttributeReadMostly, Data, 64),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemRangeGetAttribute(
                Value, 4, static_cast<cudaMemRangeAttribute>(99), Data, 64),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemRangeGetAttributes(nullptr, nullptr, nullptr, 1, Data, 64),
            cudaErrorInvalidValue);
  // Device and page-locked memory are not managed.
  void *Device = nullptr, *Pinned = nullptr;
  ASSERT_EQ(cudaMalloc(&Device, 64), cudaSuccess);
  ASSERT_EQ(cudaMallocHost(&Pinned, 64), cudaSuccess);
  for (void *P : {Device, Pinned}) {
    EXPECT_EQ(cudaMemAdvise(P, 64, cudaMemAdviseSetReadMostly, 0),
              cudaErrorInvalidValue);
    EXPECT_EQ(cudaMemPrefetchAsync(P, 64, 0, 0), cudaErrorInvalidValue);
    EXPECT_EQ(cudaMemRangeGetAttribute(Value, 4,
                                       cudaMemRangeAttributeReadMostly, P, 64),
              cudaErrorInvalidValue);
  }
  EXPECT_EQ(cudaFree(Device), cudaSuccess);
  EXPECT_EQ(cudaFreeHost(Pinned), cudaSuccess);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
}
