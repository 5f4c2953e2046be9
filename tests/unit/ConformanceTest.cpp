//===- ConformanceTest.cpp - What every backend must do -------------------===//
//
// Part of Tongxin. One suite, instantiated for every backend compiled into
// libtongxin, that drives hal::Device and hal::Queue directly: description,
// memory, copies and fills, queue order, kernel lookup and launch of a
// hand-built module (tests/unit/PortableKernel.h), variables, and errors.
//
// The null backend implements nothing and must say so: every operation
// returns Unsupported (kernel lookups NoKernelImage), never crashes. CUDA
// instances skip when no GPU (or no libcuda) is present. A new backend adds
// one line to Backends below.
//
//===----------------------------------------------------------------------===//

#include "PortableKernel.h"

#include "tongxin/hal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

using namespace tx;
using namespace txtest;

namespace {
struct BackendParam {
  const char *Name;
  /// Whether the backend is expected to implement memory and queues.
  bool Implements;
};

void PrintTo(const BackendParam &P, std::ostream *OS) { *OS << P.Name; }

class Conformance : public ::testing::TestWithParam<BackendParam> {
protected:
  void SetUp() override {
    std::string Name = GetParam().Name;
    if (Name == "cpu" || Name == "cpu-private") {
      Dev = hal::createCpuDevice(/*PrivateMemory=*/Name == "cpu-private");
    } else if (Name == "null") {
      Dev = hal::createNullDevice();
    } else if (Name == "cuda") {
      std::vector<std::unique_ptr<hal::Device>> Devices;
      Status St = hal::createCudaDevices(&Devices);
      if (Devices.empty())
        GTEST_SKIP() << "no CUDA GPU here: " << St.message();
      Dev = std::move(Devices.front());
    }
    ASSERT_NE(Dev, nullptr);
  }

  /// For implementing backends: St must be Ok. For the null backend: St
  /// must be Unsupported with an explanation. True if the test goes on.
  bool supported(const Status &St) {
    if (GetParam().Implements) {
      EXPECT_TRUE(St.isOk()) << St.message();
      return St.isOk();
    }
    EXPECT_EQ(St.code(), StatusCode::Unsupported);
    EXPECT_STRNE(St.message(), "");
    return false;
  }

  std::unique_ptr<hal::Device> Dev;
};

/// Counts completed queue items; lets the test wait for them.
struct Completion {
  std::mutex Mutex;
  std::condition_variable Cv;
  std::vector<int> Order;

  void add(int I) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Order.push_back(I);
    Cv.notify_all();
  }
  void waitFor(size_t N) {
    std::unique_lock<std::mutex> Lock(Mutex);
    Cv.wait(Lock, [&] { return Order.size() >= N; });
  }
};
} // namespace

TEST_P(Conformance, DescribesItself) {
  const hal::DeviceInfo &I = Dev->info();
  EXPECT_STRNE(I.Name, "");
  EXPECT_STREQ(I.Backend, GetParam().Name);
  EXPECT_STRNE(I.Architecture, "");
  EXPECT_GT(I.MaxThreadsPerBlock, 0u);
  EXPECT_GT(I.WarpSize, 0u);
  EXPECT_GE(I.SharedMemPerBlockOptin, I.SharedMemPerBlock);
  for (int D = 0; D < 3; ++D) {
    EXPECT_GT(I.MaxBlockDim[D], 0u);
    EXPECT_GT(I.MaxGridDim[D], 0u);
  }
}

TEST_P(Conformance, AllocateFillCopy) {
  constexpr size_t Bytes = 4096;
  void *A = nullptr;
  if (!supported(Dev->allocate(Bytes, 256, &A)))
    return;
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(A) % 256, 0u);
  void *B = nullptr;
  ASSERT_TRUE(Dev->allocate(Bytes, 256, &B).isOk());

  std::vector<unsigned char> Host(Bytes, 0);
  ASSERT_TRUE(Dev->fill(A, 0x5a, Bytes).isOk());
  ASSERT_TRUE(Dev->copy(Host.data(), A, Bytes).isOk());
  for (unsigned char C : Host)
    ASSERT_EQ(C, 0x5a);

  for (size_t I = 0; I < Bytes; ++I)
    Host[I] = static_cast<unsigned char>(I * 7);
  ASSERT_TRUE(Dev->copy(A, Host.data(), Bytes).isOk()); // Host to device.
  ASSERT_TRUE(Dev->copy(B, A, Bytes).isOk());           // Device to device.
  std::vector<unsigned char> Back(Bytes, 0);
  ASSERT_TRUE(Dev->copy(Back.data(), B, Bytes).isOk()); // Device to host.
  EXPECT_EQ(Back, Host);
  // Host to host through the device's copy, and empty operations.
  std::vector<unsigned char> Other(Bytes, 1);
  ASSERT_TRUE(Dev->copy(Other.data(), Host.data(), Bytes).isOk());
  EXPECT_EQ(Other, Host);
  EXPECT_TRUE(Dev->copy(A, B, 0).isOk());
  EXPECT_TRUE(Dev->fill(A, 0, 0).isOk());

  size_t Free = 0, Total = 0;
  ASSERT_TRUE(Dev->memoryInfo(&Free, &Total).isOk());
  EXPECT_GT(Total, 0u);
  EXPECT_LE(Free, Total);
  Dev->release(A);
  Dev->release(B);
}

TEST_P(Conformance, SharedMemoryIsHostAccessible) {
  void *P = nullptr;
  Status St = Dev->allocateShared(256, 256, &P);
  if (!supported(St))
    return;
  std::memset(P, 3, 256); // The host writes it directly.
  unsigned char Back[256];
  ASSERT_TRUE(Dev->copy(Back, P, 256).isOk());
  EXPECT_EQ(Back[255], 3);
  Dev->release(P);
}

TEST_P(Conformance, QueueRunsItemsInOrder) {
  std::unique_ptr<hal::Queue> Q;
  ASSERT_TRUE(Dev->createQueue(0, &Q).isOk());
  ASSERT_NE(Q, nullptr);
  Completion Done;
  constexpr int Items = 64;
  if (!supported(Q->submit([&] { Done.add(0); })))
    return;
  for (int I = 1; I < Items; ++I)
    ASSERT_TRUE(Q->submit([&Done, I] { Done.add(I); }).isOk());
  Done.waitFor(Items);
  for (int I = 0; I < Items; ++I)
    EXPECT_EQ(Done.Order[I], I);
  // Destroying a queue with work pending must not block or lose the work.
  Completion Late;
  ASSERT_TRUE(Q->submit([&Late] { Late.add(1); }).isOk());
  Q.reset();
  Late.waitFor(1);
}

TEST_P(Conformance, LaunchesAHandBuiltModule) {
  const TxKernelRecord *K = nullptr;
  Status St = Dev->findKernel(iotaModule(), IotaName, &K);
  if (!GetParam().Implements) {
    EXPECT_EQ(St.code(), StatusCode::NoKernelImage);
    EXPECT_STRNE(St.message(), "");
    return;
  }
  ASSERT_TRUE(St.isOk()) << St.message();
  ASSERT_NE(K, nullptr);
  EXPECT_STREQ(K->Name, IotaName);
  ASSERT_EQ(K->NumParams, 2u);
  EXPECT_EQ(K->ParamSizes[0], 8u);
  EXPECT_EQ(K->ParamSizes[1], 4u);
  EXPECT_EQ(K->ParamAligns[0], 8u);
  // The same record on a second lookup.
  const TxKernelRecord *Again = nullptr;
  ASSERT_TRUE(Dev->findKernel(iotaModule(), IotaName, &Again).isOk());
  EXPECT_EQ(Again, K);

  constexpr int Total = 128, N = 100;
  void *Out = nullptr;
  ASSERT_TRUE(Dev->allocate(Total * sizeof(int), 256, &Out).isOk());
  ASSERT_TRUE(Dev->fill(Out, 0xff, Total * sizeof(int)).isOk());
  int Count = N;
  void *Args[] = {&Out, &Count};
  hal::KernelLaunch L;
  L.Kernel = K;
  L.TuId = iotaModule().TuId;
  L.Name = IotaName;
  L.Grid[0] = 4;
  L.Block[0] = 32;
  L.Args = Args;
  // Through a queue, as the runtime launches.
  std::unique_ptr<hal::Queue> Q;
  ASSERT_TRUE(Dev->createQueue(0, &Q).isOk());
  Completion Done;
  Status Result;
  ASSERT_TRUE(Q->submit([&] {
                 Result = Dev->launch(L);
                 Done.add(0);
               }).isOk());
  Done.waitFor(1);
  ASSERT_TRUE(Result.isOk()) << Result.message();
  std::vector<int> Host(Total, 0);
  ASSERT_TRUE(Dev->copy(Host.data(), Out, Total * sizeof(int)).isOk());
  for (int I = 0; I < Total; ++I)
    ASSERT_EQ(Host[I], I < N ? I : -1) << "element " << I;
  Dev->release(Out);
}

TEST_P(Conformance, FindsDeviceVariables) {
  void *Address = nullptr;
  size_t Size = 0;
  Status St = Dev->findVariable(iotaModule(), CounterName, &Address, &Size);
  if (!GetParam().Implements) {
    EXPECT_EQ(St.code(), StatusCode::NoKernelImage);
    return;
  }
  ASSERT_TRUE(St.isOk()) << St.message();
  EXPECT_EQ(Size, CounterBytes);
  int Values[4] = {1, 2, 3, 4}, Back[4] = {};
  ASSERT_TRUE(Dev->copy(Address, Values, sizeof(Values)).isOk());
  ASSERT_TRUE(Dev->copy(Back, Address, sizeof(Back)).isOk());
  EXPECT_EQ(Back[3], 4);
}

TEST_P(Conformance, ReportsErrorsWithoutCrashing) {
  const TxKernelRecord *K = nullptr;
  Status St = Dev->findKernel(iotaModule(), "_Z13notThereKernelv", &K);
  EXPECT_EQ(St.code(), StatusCode::NoKernelImage) << St.message();
  EXPECT_STRNE(St.message(), "");
  EXPECT_EQ(K, nullptr) << "out parameters untouched on failure";

  // A module with no code for this backend at all.
  hal::ModuleRef Empty;
  Empty.TuId = "unit-empty-tu";
  EXPECT_EQ(Dev->findKernel(Empty, IotaName, &K).code(),
            StatusCode::NoKernelImage);
  void *Address = nullptr;
  size_t Size = 0;
  EXPECT_FALSE(Dev->findVariable(Empty, CounterName, &Address, &Size).isOk());
  EXPECT_EQ(Address, nullptr);

  // More memory than the device has.
  void *P = nullptr;
  St = Dev->allocate(size_t(1) << 62, 256, &P);
  EXPECT_EQ(St.code(), GetParam().Implements ? StatusCode::OutOfMemory
                                             : StatusCode::Unsupported);
  EXPECT_EQ(P, nullptr);
}

TEST_P(Conformance, CpuCodeIsNotGpuCodeAndViceVersa) {
  // A GPU-only build has no image for the CPU, and the CPU's block
  // functions are no image for a GPU.
  const TxKernelRecord *K = nullptr;
  Status St = Dev->findKernel(iotaGpuOnlyModule(), IotaName, &K);
  if (std::string(GetParam().Name) == "cuda")
    EXPECT_TRUE(St.isOk()) << St.message();
  else
    EXPECT_EQ(St.code(), StatusCode::NoKernelImage);
}

// Every backend compiled into libtongxin. The null backend is the template
// that implements nothing; it is held to "reports Unsupported, never
// crashes".
static const BackendParam Backends[] = {
    {"cpu", true},
    {"cpu-private", true},
    {"cuda", true},
    {"null", false},
};

INSTANTIATE_TEST_SUITE_P(
    Backends, Conformance, ::testing::ValuesIn(Backends),
    [](const ::testing::TestParamInfo<BackendParam> &Info) {
      std::string Name = Info.param.Name;
      std::replace(Name.begin(), Name.end(), '-', '_'); // gtest's rule
      return Name;
    });
