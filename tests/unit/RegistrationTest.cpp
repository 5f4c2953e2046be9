//===- RegistrationTest.cpp - Registration hook tests ---------------------===//
//
// Part of Tongxin. The hooks clang's host code calls, and their lazy join
// with CPU modules by translation-unit id, in either registration order.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <cstring>

using namespace txtest;

namespace {
class RegistrationTest : public RuntimeTest {};

const char TempStub = 0;
const char BadBlobStub = 0;
} // namespace

TEST_F(RegistrationTest, ModuleRegisteredBeforeFatBinary) {
  int *Visits;
  ASSERT_EQ(cudaMallocManaged(&Visits, sizeof(int)), cudaSuccess);
  *Visits = 0;
  void *Args[] = {&Visits};
  ASSERT_EQ(cudaLaunchKernel(&LateModuleStub, dim3(1), dim3(5), Args, 0, 0),
            cudaSuccess);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(*Visits, 5);
  cudaFree(Visits);
}

TEST_F(RegistrationTest, FatBinaryWithoutCpuModule) {
  int *D = nullptr;
  void *Args[] = {&D};
  EXPECT_EQ(cudaLaunchKernel(&NoImageStub, dim3(1), dim3(1), Args, 0, 0),
            cudaErrorNoKernelImageForDevice);
  cudaFuncAttributes Attr;
  EXPECT_EQ(cudaFuncGetAttributes(&Attr, &NoImageStub),
            cudaErrorNoKernelImageForDevice);
  cudaGetLastError();
}

TEST_F(RegistrationTest, ForeignBlobIsNotAnImage) {
  // Something that is not a Tongxin fat binary (e.g. an NVIDIA fatbin).
  static const char Foreign[64] = "not a tongxin blob";
  static TxFatBinaryWrapper Wrapper = {0x466243b1, 1, Foreign, nullptr};
  void **Handle = __cudaRegisterFatBinary(&Wrapper);
  ASSERT_NE(Handle, nullptr);
  __cudaRegisterFunction(Handle, &BadBlobStub, const_cast<char *>("_Z5countPi"),
                         "_Z5countPi", -1, nullptr, nullptr, nullptr, nullptr,
                         nullptr);
  __cudaRegisterFatBinaryEnd(Handle);
  int *D = nullptr;
  void *Args[] = {&D};
  EXPECT_EQ(cudaLaunchKernel(&BadBlobStub, dim3(1), dim3(1), Args, 0, 0),
            cudaErrorNoKernelImageForDevice);
  EXPECT_NE(__cudaRegisterFatBinary(nullptr), nullptr) << "never crashes";
  cudaGetLastError();
}

TEST_F(RegistrationTest, UnregisterForgetsFunctions) {
  // A second fat binary of the main TU, registered and then unloaded (as a
  // dlclose'd library would be).
  static TxFatBinary Blob;
  std::memset(&Blob, 0, sizeof(Blob));
  std::memcpy(Blob.Magic, TX_FATBIN_MAGIC, 8);
  Blob.AbiVersion = TX_ABI_VERSION;
  std::strcpy(Blob.TuId, "unit-main-tu");
  static TxFatBinaryWrapper Wrapper = {0x466243b1, 1, &Blob, nullptr};
  void **Handle = __cudaRegisterFatBinary(&Wrapper);
  __cudaRegisterFunction(Handle, &TempStub, const_cast<char *>("_Z5countPi"),
                         "_Z5countPi", -1, nullptr, nullptr, nullptr, nullptr,
                         nullptr);
  cudaFuncAttributes Attr;
  ASSERT_EQ(cudaFuncGetAttributes(&Attr, &TempStub), cudaSuccess);
  testing::internal::CaptureStdout();
  __cudaUnregisterFatBinary(Handle);
  testing::internal::GetCapturedStdout();
  EXPECT_EQ(cudaFuncGetAttributes(&Attr, &TempStub),
            cudaErrorInvalidDeviceFunction);
  // Other registrations of the same TU are unaffected.
  EXPECT_EQ(cudaFuncGetAttributes(&Attr, &CountStub), cudaSuccess);
  cudaGetLastError();
}

TEST_F(RegistrationTest, BadModulesAreIgnored) {
  __tx_register_cpu_module(nullptr);
  TxCpuModule Wrong;
  std::memset(&Wrong, 0, sizeof(Wrong));
  Wrong.AbiVersion = TX_ABI_VERSION + 100;
  Wrong.TuId = "unit-orphan-tu";
  testing::internal::CaptureStderr();
  __tx_register_cpu_module(&Wrong);
  EXPECT_NE(testing::internal::GetCapturedStderr().find(
                "ignoring device code built for runtime ABI"),
            std::string::npos);
  int *D = nullptr;
  void *Args[] = {&D};
  EXPECT_EQ(cudaLaunchKernel(&NoImageStub, dim3(1), dim3(1), Args, 0, 0),
            cudaErrorNoKernelImageForDevice);
  cudaGetLastError();
}
