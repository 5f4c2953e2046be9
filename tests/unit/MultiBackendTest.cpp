//===- MultiBackendTest.cpp - Devices of several backends in one process --===//
//
// Part of Tongxin. Runtime-level tests of device enumeration and selection,
// of a fat binary that carries code for several backends, and of memory
// that belongs to one device while another is current. Some tests need a
// process of their own (device selection is read once); ctest runs them
// with the environment named in tests/unit/CMakeLists.txt and they skip
// elsewhere.
//
//===----------------------------------------------------------------------===//

#include "PortableKernel.h"
#include "TestKernels.h"

#include "cuda_runtime.h"
#include "tongxin/hal.h"
#include "tongxin/runtime.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace txtest;

static std::string backendOf(int Device) {
  char Backend[16] = {};
  char Arch[32] = {};
  if (txDeviceGetBackend(Device, Backend, sizeof(Backend), Arch,
                         sizeof(Arch)) != cudaSuccess)
    return "";
  return Backend;
}

/// Runs iota on the current device and checks it; also the symbol copies.
static void runIotaOnCurrentDevice() {
  constexpr int Total = 128, N = 100;
  int *Out = nullptr;
  ASSERT_EQ(cudaMalloc(&Out, Total * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMemset(Out, 0xff, Total * sizeof(int)), cudaSuccess);
  int Count = N;
  void *Args[] = {&Out, &Count};
  ASSERT_EQ(cudaLaunchKernel(&IotaStub, dim3(4), dim3(32), Args, 0, nullptr),
            cudaSuccess);
  std::vector<int> Host(Total, 0);
  ASSERT_EQ(cudaMemcpy(Host.data(), Out, Total * sizeof(int),
                       cudaMemcpyDefault),
            cudaSuccess);
  for (int I = 0; I < Total; ++I)
    ASSERT_EQ(Host[I], I < N ? I : -1) << "element " << I;

  int Values[4] = {7, 8, 9, 10}, Back[4] = {};
  ASSERT_EQ(cudaMemcpyToSymbol(CounterShadow, Values, sizeof(Values)),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpyFromSymbol(Back, CounterShadow, sizeof(Back)),
            cudaSuccess);
  EXPECT_EQ(Back[0], 7);
  EXPECT_EQ(Back[3], 10);
  ASSERT_EQ(cudaFree(Out), cudaSuccess);
}

TEST(PortableKernel, RunsOnEveryDevice) {
  registerPortableKernel();
  int Count = 0;
  ASSERT_EQ(cudaGetDeviceCount(&Count), cudaSuccess);
  for (int D = 0; D < Count; ++D) {
    std::string Backend = backendOf(D);
    if (Backend == "null")
      continue;
    SCOPED_TRACE("device " + std::to_string(D) + " (" + Backend + ")");
    ASSERT_EQ(cudaSetDevice(D), cudaSuccess);
    runIotaOnCurrentDevice();
  }
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
}

TEST(PortableKernel, CopiesBetweenEveryPairOfDevices) {
  int Count = 0;
  ASSERT_EQ(cudaGetDeviceCount(&Count), cudaSuccess);
  std::vector<int> Usable;
  for (int D = 0; D < Count; ++D)
    if (backendOf(D) != "null")
      Usable.push_back(D);
  if (Usable.size() < 2)
    GTEST_SKIP() << "one usable device: nothing to copy between";
  constexpr size_t Bytes = 1 << 16;
  std::vector<void *> Buffers;
  for (int D : Usable) {
    ASSERT_EQ(cudaSetDevice(D), cudaSuccess);
    void *P = nullptr;
    ASSERT_EQ(cudaMalloc(&P, Bytes), cudaSuccess);
    ASSERT_EQ(cudaMemset(P, D + 1, Bytes), cudaSuccess);
    Buffers.push_back(P);
  }
  std::vector<unsigned char> Host(Bytes);
  for (size_t I = 0; I < Usable.size(); ++I) {
    for (size_t J = 0; J < Usable.size(); ++J) {
      if (I == J)
        continue;
      SCOPED_TRACE(std::to_string(Usable[I]) + " -> " +
                   std::to_string(Usable[J]));
      // Peer copy names the devices; the default kind finds them.
      ASSERT_EQ(cudaMemcpyPeer(Buffers[J], Usable[J], Buffers[I], Usable[I],
                               Bytes),
                cudaSuccess);
      ASSERT_EQ(cudaMemcpy(Host.data(), Buffers[J], Bytes, cudaMemcpyDefault),
                cudaSuccess);
      EXPECT_EQ(Host[Bytes - 1], Usable[I] + 1);
      ASSERT_EQ(cudaMemset(Buffers[I], 0x42, Bytes), cudaSuccess);
      ASSERT_EQ(
          cudaMemcpy(Buffers[J], Buffers[I], Bytes, cudaMemcpyDefault),
          cudaSuccess);
      ASSERT_EQ(cudaMemcpy(Host.data(), Buffers[J], Bytes, cudaMemcpyDefault),
                cudaSuccess);
      EXPECT_EQ(Host[0], 0x42);
      // Both buffers get their own fill back for the pairs still to come.
      ASSERT_EQ(cudaMemset(Buffers[I], Usable[I] + 1, Bytes), cudaSuccess);
      ASSERT_EQ(cudaMemset(Buffers[J], Usable[J] + 1, Bytes), cudaSuccess);
    }
  }
  for (size_t I = 0; I < Usable.size(); ++I) {
    cudaPointerAttributes A;
    ASSERT_EQ(cudaPointerGetAttributes(&A, Buffers[I]), cudaSuccess);
    EXPECT_EQ(A.device, Usable[I]);
    EXPECT_EQ(cudaFree(Buffers[I]), cudaSuccess) << "freed from any device";
  }
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
}

TEST(PortableKernel, BackendQueryValidatesItsArguments) {
  char Backend[16];
  EXPECT_EQ(txDeviceGetBackend(0, Backend, sizeof(Backend), nullptr, 0),
            cudaSuccess);
  EXPECT_STRNE(Backend, "");
  char Tiny[3];
  EXPECT_EQ(txDeviceGetBackend(0, Tiny, sizeof(Tiny), nullptr, 0),
            cudaSuccess);
  EXPECT_EQ(std::strlen(Tiny), 2u) << "truncated and terminated";
  EXPECT_EQ(txDeviceGetBackend(0, nullptr, 4, nullptr, 0),
            cudaErrorInvalidValue);
  EXPECT_EQ(txDeviceGetBackend(99, Backend, sizeof(Backend), nullptr, 0),
            cudaErrorInvalidDevice);
  cudaGetLastError();
}

//===--- TONGXIN_DEVICES=cpu,null,bogus,cuda:7 ----------------------------===//

static bool inMultiProcess() {
  return std::getenv("TONGXIN_EXPECT_MULTI") != nullptr;
}

TEST(MultiBackend, WarnsOnceAboutEntriesThatNameNothing) {
  if (!inMultiProcess())
    GTEST_SKIP() << "run by ctest as unit.MultiBackend";
  // First runtime call of the process: the devices are enumerated now.
  ::testing::internal::CaptureStderr();
  int Count = 0;
  cudaError_t Err = cudaGetDeviceCount(&Count);
  cudaGetDeviceCount(&Count);
  std::string Log = ::testing::internal::GetCapturedStderr();
  ASSERT_EQ(Err, cudaSuccess);
  EXPECT_EQ(Count, 2);
  EXPECT_NE(Log.find("'bogus'"), std::string::npos) << Log;
  EXPECT_NE(Log.find("'cuda:7'"), std::string::npos) << Log;
  EXPECT_EQ(Log.find("tongxin:"), Log.rfind("tongxin:")) << "once: " << Log;
}

TEST(MultiBackend, DevicesKeepTheListedOrder) {
  if (!inMultiProcess())
    GTEST_SKIP() << "run by ctest as unit.MultiBackend";
  EXPECT_EQ(backendOf(0), "cpu");
  EXPECT_EQ(backendOf(1), "null");
  cudaDeviceProp P0, P1;
  ASSERT_EQ(cudaGetDeviceProperties(&P0, 0), cudaSuccess);
  ASSERT_EQ(cudaGetDeviceProperties(&P1, 1), cudaSuccess);
  EXPECT_STREQ(P1.name, "Tongxin null device");
  EXPECT_STRNE(P0.name, P1.name);
  int Can = -1;
  ASSERT_EQ(cudaDeviceCanAccessPeer(&Can, 0, 1), cudaSuccess);
  EXPECT_EQ(Can, 0) << "the null device's memory is not host memory";
}

TEST(MultiBackend, UnsupportedDeviceAnswersWithErrors) {
  if (!inMultiProcess())
    GTEST_SKIP() << "run by ctest as unit.MultiBackend";
  registerTestKernels();
  registerPortableKernel();
  ASSERT_EQ(cudaSetDevice(1), cudaSuccess);
  void *P = nullptr;
  EXPECT_EQ(cudaMalloc(&P, 64), cudaErrorNotSupported);
  int *Out = nullptr;
  int N = 1;
  void *Args[] = {&Out, &N};
  EXPECT_EQ(cudaLaunchKernel(&IotaStub, dim3(1), dim3(1), Args, 0, nullptr),
            cudaErrorNoKernelImageForDevice);
  EXPECT_EQ(cudaLaunchKernel(&CountStub, dim3(1), dim3(1), Args, 0, nullptr),
            cudaErrorNoKernelImageForDevice);
  cudaFuncAttributes Attr;
  EXPECT_EQ(cudaFuncGetAttributes(&Attr, &IotaStub),
            cudaErrorNoKernelImageForDevice);
  int Values[4] = {};
  EXPECT_EQ(cudaMemcpyToSymbol(CounterShadow, Values, sizeof(Values)),
            cudaErrorInvalidSymbol);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  cudaGetLastError();
  // The CPU still runs the same kernels.
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
  runIotaOnCurrentDevice();
}

TEST(MultiBackend, AllocationsBelongToTheirDevice) {
  if (!inMultiProcess())
    GTEST_SKIP() << "run by ctest as unit.MultiBackend";
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
  void *A = nullptr, *B = nullptr;
  ASSERT_EQ(cudaMalloc(&A, 256), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&B, 256), cudaSuccess);
  ASSERT_EQ(cudaSetDevice(1), cudaSuccess);
  cudaPointerAttributes Attr;
  ASSERT_EQ(cudaPointerGetAttributes(&Attr, A), cudaSuccess);
  EXPECT_EQ(Attr.device, 0);
  EXPECT_EQ(Attr.type, cudaMemoryTypeDevice);
  // Copies into the null device's memory are its job, and it refuses.
  EXPECT_EQ(cudaMemcpyPeer(reinterpret_cast<void *>(0x1000), 1, A, 0, 16),
            cudaErrorNotSupported);
  // Resetting device 1 leaves device 0's memory alone; freeing works from
  // whichever device is current.
  EXPECT_EQ(cudaDeviceReset(), cudaSuccess);
  ASSERT_EQ(cudaPointerGetAttributes(&Attr, A), cudaSuccess);
  EXPECT_EQ(Attr.device, 0);
  EXPECT_EQ(cudaFree(A), cudaSuccess);
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
  EXPECT_EQ(cudaFree(B), cudaSuccess);
  cudaGetLastError();
}

//===--- TONGXIN_CUDA_LIBRARY=/nonexistent/libcuda.so.1 -------------------===//

TEST(NoCudaDriver, NoGpusAndTheCpuStillWorks) {
  if (!std::getenv("TONGXIN_EXPECT_NO_CUDA"))
    GTEST_SKIP() << "run by ctest as unit.NoCudaDriver";
  std::vector<std::unique_ptr<tx::hal::Device>> Gpus;
  tx::Status St = tx::hal::createCudaDevices(&Gpus);
  EXPECT_TRUE(Gpus.empty());
  EXPECT_EQ(St.code(), tx::StatusCode::Unsupported);
  EXPECT_NE(std::string(St.message()).find("no CUDA devices"),
            std::string::npos)
      << St.message();
  EXPECT_NE(std::string(St.message()).find("/nonexistent/libcuda.so.1"),
            std::string::npos)
      << St.message();

  // Default selection without GPUs: the CPU is device 0, quietly.
  int Count = 0;
  ASSERT_EQ(cudaGetDeviceCount(&Count), cudaSuccess);
  EXPECT_EQ(Count, 1);
  EXPECT_EQ(backendOf(0), "cpu");
  registerPortableKernel();
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
  runIotaOnCurrentDevice();
}
