//===- DeviceTest.cpp - Device management API tests -----------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <cstdlib>
#include <cstring>

using namespace txtest;

namespace {
class DeviceTest : public RuntimeTest {};
} // namespace

TEST_F(DeviceTest, CountAndSelection) {
  int Count = -1;
  ASSERT_EQ(cudaGetDeviceCount(&Count), cudaSuccess);
  EXPECT_EQ(Count, 1);
  EXPECT_EQ(cudaGetDeviceCount(nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaSetDevice(1), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaSetDevice(-1), cudaErrorInvalidDevice);
  int Device = -1;
  ASSERT_EQ(cudaGetDevice(&Device), cudaSuccess);
  EXPECT_EQ(Device, 0);
  EXPECT_EQ(cudaGetDevice(nullptr), cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(DeviceTest, PropertiesDescribeTheCpu) {
  cudaDeviceProp P;
  ASSERT_EQ(cudaGetDeviceProperties(&P, 0), cudaSuccess);
  EXPECT_GT(std::strlen(P.name), 0u);
  EXPECT_EQ(P.warpSize, 32);
  EXPECT_EQ(P.maxThreadsPerBlock, 1024);
  EXPECT_EQ(P.maxThreadsDim[0], 1024);
  EXPECT_EQ(P.maxThreadsDim[1], 1024);
  EXPECT_EQ(P.maxThreadsDim[2], 64);
  EXPECT_EQ(P.maxGridSize[0], 2147483647);
  EXPECT_EQ(P.maxGridSize[1], 65535);
  EXPECT_EQ(P.maxGridSize[2], 65535);
  EXPECT_EQ(P.sharedMemPerBlock, 48u * 1024);
  EXPECT_GE(P.sharedMemPerBlockOptin, P.sharedMemPerBlock);
  EXPECT_GT(P.totalGlobalMem, 0u);
  EXPECT_EQ(P.major, 8);
  EXPECT_EQ(P.minor, 0);
  EXPECT_EQ(P.unifiedAddressing, 1);
  EXPECT_EQ(P.managedMemory, 1);
  EXPECT_EQ(P.concurrentKernels, 1);
  EXPECT_EQ(P.canMapHostMemory, 1);
  if (const char *Threads = std::getenv("TONGXIN_CPU_THREADS"))
    EXPECT_EQ(P.multiProcessorCount, std::atoi(Threads));
  else
    EXPECT_GE(P.multiProcessorCount, 1);

  EXPECT_EQ(cudaGetDeviceProperties(nullptr, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetDeviceProperties(&P, 3), cudaErrorInvalidDevice);
  cudaGetLastError();
}

TEST_F(DeviceTest, AttributesAgreeWithProperties) {
  cudaDeviceProp P;
  ASSERT_EQ(cudaGetDeviceProperties(&P, 0), cudaSuccess);
  struct {
    cudaDeviceAttr Attr;
    long long Expected;
  } Cases[] = {
      {cudaDevAttrMaxThreadsPerBlock, P.maxThreadsPerBlock},
      {cudaDevAttrMaxBlockDimZ, P.maxThreadsDim[2]},
      {cudaDevAttrMaxGridDimX, P.maxGridSize[0]},
      {cudaDevAttrMaxSharedMemoryPerBlock, (long long)P.sharedMemPerBlock},
      {cudaDevAttrMaxSharedMemoryPerBlockOptin,
       (long long)P.sharedMemPerBlockOptin},
      {cudaDevAttrWarpSize, P.warpSize},
      {cudaDevAttrMultiProcessorCount, P.multiProcessorCount},
      {cudaDevAttrComputeCapabilityMajor, P.major},
      {cudaDevAttrComputeCapabilityMinor, P.minor},
      {cudaDevAttrClockRate, P.clockRate},
      {cudaDevAttrManagedMemory, 1},
      {cudaDevAttrUnifiedAddressing, 1},
      {cudaDevAttrMaxThreadsPerMultiProcessor, P.maxThreadsPerMultiProcessor},
  };
  for (auto &C : Cases) {
    int Value = -1;
    ASSERT_EQ(cudaDeviceGetAttribute(&Value, C.Attr, 0), cudaSuccess) << C.Attr;
    EXPECT_EQ(Value, C.Expected) << "attribute " << C.Attr;
  }
  int Value;
  EXPECT_EQ(cudaDeviceGetAttribute(nullptr, cudaDevAttrWarpSize, 0),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceGetAttribute(&Value, cudaDevAttrWarpSize, 1),
            cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceGetAttribute(&Value, (cudaDeviceAttr)100000, 0),
            cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(DeviceTest, VersionsAreConsistent) {
  int Runtime = 0, Driver = 0;
  ASSERT_EQ(cudaRuntimeGetVersion(&Runtime), cudaSuccess);
  ASSERT_EQ(cudaDriverGetVersion(&Driver), cudaSuccess);
  EXPECT_EQ(Runtime, CUDART_VERSION);
  EXPECT_GE(Driver, Runtime);
  EXPECT_EQ(cudaRuntimeGetVersion(nullptr), cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(DeviceTest, LimitsFlagsAndCacheConfig) {
  size_t Value = 0;
  ASSERT_EQ(cudaDeviceGetLimit(&Value, cudaLimitPrintfFifoSize), cudaSuccess);
  EXPECT_GT(Value, 0u);
  ASSERT_EQ(cudaDeviceSetLimit(cudaLimitStackSize, 4096), cudaSuccess);
  ASSERT_EQ(cudaDeviceGetLimit(&Value, cudaLimitStackSize), cudaSuccess);
  EXPECT_EQ(Value, 4096u);
  EXPECT_EQ(cudaDeviceGetLimit(&Value, (cudaLimit)99),
            cudaErrorUnsupportedLimit);
  EXPECT_EQ(cudaDeviceGetLimit(nullptr, cudaLimitStackSize),
            cudaErrorInvalidValue);

  ASSERT_EQ(cudaSetDeviceFlags(cudaDeviceScheduleBlockingSync), cudaSuccess);
  unsigned Flags = 0;
  ASSERT_EQ(cudaGetDeviceFlags(&Flags), cudaSuccess);
  EXPECT_TRUE(Flags & cudaDeviceScheduleBlockingSync);
  EXPECT_EQ(cudaSetDeviceFlags(0x1000), cudaErrorInvalidValue);
  EXPECT_EQ(
      cudaSetDeviceFlags(cudaDeviceScheduleSpin | cudaDeviceScheduleYield),
      cudaErrorInvalidValue);

  ASSERT_EQ(cudaDeviceSetCacheConfig(cudaFuncCachePreferShared), cudaSuccess);
  cudaFuncCache Cache;
  ASSERT_EQ(cudaDeviceGetCacheConfig(&Cache), cudaSuccess);
  EXPECT_EQ(Cache, cudaFuncCachePreferShared);
  EXPECT_EQ(cudaDeviceSetCacheConfig((cudaFuncCache)9), cudaErrorInvalidValue);
  ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
  ASSERT_EQ(cudaDeviceGetLimit(&Value, cudaLimitStackSize), cudaSuccess);
  EXPECT_EQ(Value, 1024u) << "reset restores defaults";
}

TEST_F(DeviceTest, PeersAndChooseDevice) {
  int Can = -1;
  ASSERT_EQ(cudaDeviceCanAccessPeer(&Can, 0, 0), cudaSuccess);
  EXPECT_EQ(Can, 0);
  EXPECT_EQ(cudaDeviceCanAccessPeer(&Can, 0, 1), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceCanAccessPeer(nullptr, 0, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceEnablePeerAccess(0, 0), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceEnablePeerAccess(1, 0), cudaErrorInvalidDevice);

  cudaDeviceProp Want;
  std::memset(&Want, 0, sizeof(Want));
  Want.major = 8;
  int Device = -1;
  ASSERT_EQ(cudaChooseDevice(&Device, &Want), cudaSuccess);
  EXPECT_EQ(Device, 0);
  EXPECT_EQ(cudaChooseDevice(&Device, nullptr), cudaErrorInvalidValue);

  int Least = 1, Greatest = 1;
  ASSERT_EQ(cudaDeviceGetStreamPriorityRange(&Least, &Greatest), cudaSuccess);
  EXPECT_GE(Least, Greatest);
  cudaGetLastError();
}

TEST_F(DeviceTest, SynchronizeAndResetOnIdleDevice) {
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(cudaThreadSynchronize(), cudaSuccess);
  EXPECT_EQ(cudaDeviceReset(), cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
}

TEST(NoDevice, UnknownDeviceNameMeansNoDevice) {
  if (!std::getenv("TONGXIN_EXPECT_NO_DEVICE"))
    GTEST_SKIP() << "run by ctest with TONGXIN_DEVICES=nonexistent";
  int Count = -1;
  EXPECT_EQ(cudaGetDeviceCount(&Count), cudaErrorNoDevice);
  EXPECT_EQ(Count, 0);
  void *P = nullptr;
  EXPECT_EQ(cudaMalloc(&P, 16), cudaErrorNoDevice);
  EXPECT_EQ(cudaSetDevice(0), cudaErrorNoDevice);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorNoDevice);
  cudaStream_t S;
  EXPECT_EQ(cudaStreamCreate(&S), cudaErrorNoDevice);
  EXPECT_EQ(cudaGetLastError(), cudaErrorNoDevice);
  EXPECT_STREQ(cudaGetErrorString(cudaErrorNoDevice),
               "no CUDA-capable device is detected");
}
