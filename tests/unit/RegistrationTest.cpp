//===- RegistrationTest.cpp - Registration hook tests ---------------------===//
//
// Part of Tongxin. The hooks clang's host code calls, and their lazy join
// with CPU modules by translation-unit id, in either registration order.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <cstring>
#include <memory>
#include <vector>

using namespace txtest;

namespace {
class RegistrationTest : public RuntimeTest {};

const char TempStub = 0;
const char BadBlobStub = 0;

/// A blob of the main test TU with one image of 8 payload bytes, as the
/// compiler writes it; the test breaks one field at a time.
struct OneImageBlob {
  TxFatBinary Header;
  TxImageHeader Image;
  char Payload[8];
};

OneImageBlob wellFormedBlob() {
  OneImageBlob B;
  std::memset(&B, 0, sizeof(B));
  std::memcpy(B.Header.Magic, TX_FATBIN_MAGIC, 8);
  B.Header.AbiVersion = TX_ABI_VERSION;
  B.Header.NumImages = 1;
  B.Header.TotalBytes = sizeof(B);
  std::strcpy(B.Header.TuId, "unit-main-tu");
  B.Image.Kind = TX_IMAGE_PTX;
  B.Image.Size = 8;
  std::strcpy(B.Image.Target, "sm_80");
  std::strcpy(B.Payload, "//ptx");
  return B;
}

/// Registers Blob with the main TU's kernel under Stub and launches it.
cudaError_t launchFrom(const OneImageBlob &Blob, const char *Stub) {
  static std::vector<std::unique_ptr<OneImageBlob>> Kept; // Blobs live on.
  Kept.push_back(std::make_unique<OneImageBlob>(Blob));
  static std::vector<std::unique_ptr<TxFatBinaryWrapper>> Wrappers;
  Wrappers.push_back(std::make_unique<TxFatBinaryWrapper>(
      TxFatBinaryWrapper{0x466243b1, 1, Kept.back().get(), nullptr}));
  void **Handle = __cudaRegisterFatBinary(Wrappers.back().get());
  __cudaRegisterFunction(Handle, Stub, const_cast<char *>("_Z5countPi"),
                         "_Z5countPi", -1, nullptr, nullptr, nullptr, nullptr,
                         nullptr);
  int *Visits;
  if (cudaMallocManaged(&Visits, sizeof(int)) != cudaSuccess)
    return cudaErrorMemoryAllocation;
  void *Args[] = {&Visits};
  cudaError_t Err = cudaLaunchKernel(Stub, dim3(1), dim3(1), Args, 0, 0);
  if (Err == cudaSuccess)
    Err = cudaDeviceSynchronize();
  cudaFree(Visits);
  cudaGetLastError();
  return Err;
}

const char WellFormedStub = 0, ShortStub = 0, OversizedStub = 0, TargetStub = 0,
           UnterminatedPtxStub = 0, OldAbiStub = 0;
} // namespace

TEST_F(RegistrationTest, ImageTablesMustFitTheBlob) {
  OneImageBlob Good = wellFormedBlob();
  EXPECT_EQ(launchFrom(Good, &WellFormedStub), cudaSuccess);
  // The image's header past TotalBytes, its payload past it, a target
  // without its NUL, PTX text without its NUL, another ABI: the runtime
  // reads nothing of them, and the TU has no image.
  OneImageBlob Short = Good;
  Short.Header.TotalBytes = sizeof(TxFatBinary) + 8;
  EXPECT_EQ(launchFrom(Short, &ShortStub), cudaErrorNoKernelImageForDevice);
  OneImageBlob Oversized = Good;
  Oversized.Image.Size = ~uint64_t(0) - 3;
  EXPECT_EQ(launchFrom(Oversized, &OversizedStub),
            cudaErrorNoKernelImageForDevice);
  OneImageBlob Target = Good;
  std::memset(Target.Image.Target, 'x', sizeof(Target.Image.Target));
  EXPECT_EQ(launchFrom(Target, &TargetStub), cudaErrorNoKernelImageForDevice);
  OneImageBlob Unterminated = Good;
  std::memset(Unterminated.Payload, '/', sizeof(Unterminated.Payload));
  EXPECT_EQ(launchFrom(Unterminated, &UnterminatedPtxStub),
            cudaErrorNoKernelImageForDevice);
  OneImageBlob OldAbi = Good;
  OldAbi.Header.AbiVersion = TX_ABI_VERSION - 1;
  EXPECT_EQ(launchFrom(OldAbi, &OldAbiStub), cudaErrorNoKernelImageForDevice);
}

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
  Blob.TotalBytes = sizeof(Blob);
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
