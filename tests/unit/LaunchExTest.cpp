//===- LaunchExTest.cpp - Extended launches and kernel handles ------------===//
//
// Part of Tongxin. cudaLaunchKernelExC with launch attributes (and the C++
// cudaLaunchKernelEx template), cudaFuncGetName, cudaFuncGetParamInfo,
// cudaGetKernel, cudaGetFuncBySymbol, cudaKernelSetAttributeForDevice, and
// their error paths.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <cstring>
#include <vector>

using namespace txtest;

namespace {
class LaunchExTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    ASSERT_EQ(cudaMallocManaged(&Visits, 8 * sizeof(int)), cudaSuccess);
    std::memset(Visits, 0, 8 * sizeof(int));
  }
  void TearDown() override {
    EXPECT_EQ(cudaFree(Visits), cudaSuccess);
    RuntimeTest::TearDown();
  }

  cudaLaunchConfig_t config(cudaLaunchAttribute *Attrs, unsigned N) {
    cudaLaunchConfig_t C = {};
    C.gridDim = dim3(8);
    C.blockDim = dim3(32);
    C.attrs = Attrs;
    C.numAttrs = N;
    return C;
  }

  int *Visits = nullptr;
};
} // namespace

TEST_F(LaunchExTest, LaunchesWithHintAttributes) {
  cudaLaunchAttribute Attrs[3] = {};
  Attrs[0].id = cudaLaunchAttributePriority;
  Attrs[0].val.priority = -1;
  Attrs[1].id = cudaLaunchAttributeClusterDimension;
  Attrs[1].val.clusterDim.x = Attrs[1].val.clusterDim.y =
      Attrs[1].val.clusterDim.z = 1;
  Attrs[2].id = cudaLaunchAttributeProgrammaticStreamSerialization;
  Attrs[2].val.programmaticStreamSerializationAllowed = 1;
  cudaLaunchConfig_t C = config(Attrs, 3);
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaLaunchKernelExC(&C, &CountStub, Args), cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  for (int B = 0; B < 8; ++B)
    EXPECT_EQ(Visits[B], 32);
}

TEST_F(LaunchExTest, CooperativeAttributeAllowsGridSync) {
  int *Data = nullptr, *Out = nullptr;
  const int Blocks = 2;
  ASSERT_EQ(cudaMallocManaged(&Data, Blocks * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMallocManaged(&Out, Blocks * GridSyncRounds * sizeof(int)),
            cudaSuccess);
  std::memset(Data, 0, Blocks * sizeof(int));
  cudaLaunchAttribute Coop = {};
  Coop.id = cudaLaunchAttributeCooperative;
  Coop.val.cooperative = 1;
  cudaLaunchConfig_t C = {};
  C.gridDim = dim3(Blocks);
  C.blockDim = dim3(32);
  C.attrs = &Coop;
  C.numAttrs = 1;
  int Skip = -1;
  void *Args[] = {&Data, &Out, &Skip};
  ASSERT_EQ(cudaLaunchKernelExC(&C, &GridSyncStub, Args), cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  // After each round every block sees all blocks' additions.
  for (int R = 0; R < GridSyncRounds; ++R)
    for (int B = 0; B < Blocks; ++B)
      EXPECT_EQ(Out[B * GridSyncRounds + R], (R + 1) * (1 + 2));
  EXPECT_EQ(cudaFree(Data), cudaSuccess);
  EXPECT_EQ(cudaFree(Out), cudaSuccess);
}

TEST_F(LaunchExTest, CompletionEventIsRecorded) {
  cudaEvent_t Done;
  ASSERT_EQ(cudaEventCreate(&Done), cudaSuccess);
  cudaLaunchAttribute Attr = {};
  Attr.id = cudaLaunchAttributeLaunchCompletionEvent;
  Attr.val.launchCompletionEvent.event = Done;
  cudaLaunchConfig_t C = config(&Attr, 1);
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaLaunchKernelExC(&C, &CountStub, Args), cudaSuccess);
  ASSERT_EQ(cudaEventSynchronize(Done), cudaSuccess);
  EXPECT_EQ(Visits[7], 32);
  EXPECT_EQ(cudaEventDestroy(Done), cudaSuccess);
}

TEST_F(LaunchExTest, RejectsWhatItCannotDo) {
  void *Args[] = {&Visits};
  EXPECT_EQ(cudaLaunchKernelExC(nullptr, &CountStub, Args),
            cudaErrorInvalidValue);
  cudaLaunchAttribute Attr = {};
  Attr.id = cudaLaunchAttributeClusterDimension;
  Attr.val.clusterDim.x = 2;
  Attr.val.clusterDim.y = Attr.val.clusterDim.z = 1;
  cudaLaunchConfig_t C = config(&Attr, 1);
  // No thread-block clusters (cudaDevAttrClusterLaunch is 0).
  EXPECT_EQ(cudaLaunchKernelExC(&C, &CountStub, Args), cudaErrorNotSupported);
  Attr.id = static_cast<cudaLaunchAttributeID>(999);
  EXPECT_EQ(cudaLaunchKernelExC(&C, &CountStub, Args), cudaErrorInvalidValue);
  C = config(nullptr, 2);
  EXPECT_EQ(cudaLaunchKernelExC(&C, &CountStub, Args), cudaErrorInvalidValue);
  C = config(nullptr, 0);
  C.blockDim = dim3(4096);
  EXPECT_EQ(cudaLaunchKernelExC(&C, &CountStub, Args),
            cudaErrorInvalidConfiguration);
  C = config(nullptr, 0);
  EXPECT_EQ(cudaLaunchKernelExC(&C, &NeverRegisteredStub, Args),
            cudaErrorInvalidDeviceFunction);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidDeviceFunction);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
}

TEST_F(LaunchExTest, NamesAndParameters) {
  const char *Name = nullptr;
  ASSERT_EQ(cudaFuncGetName(&Name, &VectorAddStub), cudaSuccess);
  ASSERT_NE(Name, nullptr);
  EXPECT_NE(std::strstr(Name, "vectorAdd"), nullptr) << Name;
  EXPECT_EQ(cudaFuncGetName(&Name, &NeverRegisteredStub),
            cudaErrorInvalidDeviceFunction);
  EXPECT_EQ(cudaFuncGetName(nullptr, &VectorAddStub), cudaErrorInvalidValue);
  // (Pair P, double D, char C, int *Out): offsets at natural alignment.
  size_t Offset = 1, Size = 1;
  ASSERT_EQ(cudaFuncGetParamInfo(&MixedArgsStub, 0, &Offset, &Size),
            cudaSuccess);
  EXPECT_EQ(Offset, 0u);
  EXPECT_EQ(Size, sizeof(Pair));
  ASSERT_EQ(cudaFuncGetParamInfo(&MixedArgsStub, 1, &Offset, &Size),
            cudaSuccess);
  EXPECT_EQ(Offset, sizeof(Pair));
  EXPECT_EQ(Size, sizeof(double));
  ASSERT_EQ(cudaFuncGetParamInfo(&MixedArgsStub, 3, &Offset, &Size),
            cudaSuccess);
  EXPECT_EQ(Offset, sizeof(Pair) + 16);
  EXPECT_EQ(Size, sizeof(int *));
  EXPECT_EQ(cudaFuncGetParamInfo(&MixedArgsStub, 4, &Offset, &Size),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaFuncGetParamInfo(&MixedArgsStub, 0, nullptr, &Size),
            cudaErrorInvalidValue);
  cudaGetLastError();
}

TEST_F(LaunchExTest, KernelHandles) {
  cudaKernel_t Kernel = nullptr;
  ASSERT_EQ(cudaGetKernel(&Kernel, &SharedStub), cudaSuccess);
  ASSERT_NE(Kernel, nullptr);
  cudaFunction_t Function = nullptr;
  ASSERT_EQ(cudaGetFuncBySymbol(&Function, &SharedStub), cudaSuccess);
  EXPECT_NE(Function, nullptr);
  // Attributes set through the handle apply to the kernel.
  ASSERT_EQ(cudaKernelSetAttributeForDevice(
                Kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, 4096, 0),
            cudaSuccess);
  cudaFuncAttributes Attr;
  ASSERT_EQ(cudaFuncGetAttributes(&Attr, &SharedStub), cudaSuccess);
  EXPECT_EQ(Attr.maxDynamicSharedSizeBytes, 4096);
  EXPECT_EQ(cudaKernelSetAttributeForDevice(
                Kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, 4096, 77),
            cudaErrorInvalidDevice);
  EXPECT_EQ(cudaGetKernel(&Kernel, &NeverRegisteredStub),
            cudaErrorInvalidDeviceFunction);
  EXPECT_EQ(Kernel, nullptr);
  EXPECT_EQ(cudaGetFuncBySymbol(nullptr, &SharedStub), cudaErrorInvalidValue);
  cudaGetLastError();
}
