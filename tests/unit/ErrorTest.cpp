//===- ErrorTest.cpp - Error reporting API tests --------------------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "TestKernels.h"

#include <cstring>
#include <string>

using namespace txtest;

namespace {
class ErrorTest : public RuntimeTest {};
} // namespace

TEST_F(ErrorTest, NumericValuesMatchCuda) {
  EXPECT_EQ(cudaSuccess, 0);
  EXPECT_EQ(cudaErrorInvalidValue, 1);
  EXPECT_EQ(cudaErrorMemoryAllocation, 2);
  EXPECT_EQ(cudaErrorInvalidConfiguration, 9);
  EXPECT_EQ(cudaErrorInvalidSymbol, 13);
  EXPECT_EQ(cudaErrorInvalidMemcpyDirection, 21);
  EXPECT_EQ(cudaErrorInvalidDeviceFunction, 98);
  EXPECT_EQ(cudaErrorNoDevice, 100);
  EXPECT_EQ(cudaErrorInvalidDevice, 101);
  EXPECT_EQ(cudaErrorNoKernelImageForDevice, 209);
  EXPECT_EQ(cudaErrorInvalidResourceHandle, 400);
  EXPECT_EQ(cudaErrorNotReady, 600);
  EXPECT_EQ(cudaErrorIllegalAddress, 700);
  EXPECT_EQ(cudaErrorAssert, 710);
  EXPECT_EQ(cudaErrorLaunchFailure, 719);
  EXPECT_EQ(cudaErrorNotSupported, 801);
  EXPECT_EQ(cudaErrorUnknown, 999);
}

TEST_F(ErrorTest, StringsAndNames) {
  EXPECT_STREQ(cudaGetErrorString(cudaSuccess), "no error");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorInvalidConfiguration),
               "invalid configuration argument");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorMemoryAllocation), "out of memory");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorAssert),
               "device-side assert triggered");
  EXPECT_STREQ(cudaGetErrorName(cudaErrorInvalidConfiguration),
               "cudaErrorInvalidConfiguration");
  EXPECT_STREQ(cudaGetErrorName(cudaSuccess), "cudaSuccess");
  EXPECT_STREQ(cudaGetErrorName(cudaErrorInvalidResourceHandle),
               "cudaErrorInvalidResourceHandle");
  // Unknown codes still give text, never null.
  EXPECT_STREQ(cudaGetErrorString((cudaError_t)12345),
               "unrecognized error code");
  EXPECT_NE(cudaGetErrorName((cudaError_t)-7), nullptr);
}

TEST_F(ErrorTest, EveryCodeHasDistinctName) {
  // Every enumerator up to 1000 that has a name must also have a message,
  // and names must spell the enumerator.
  int Named = 0;
  for (int Code = 0; Code <= 1000; ++Code) {
    std::string Name = cudaGetErrorName((cudaError_t)Code);
    const char *Message = cudaGetErrorString((cudaError_t)Code);
    ASSERT_NE(Message, nullptr);
    if (std::strcmp(Message, "unrecognized error code") == 0)
      continue;
    ++Named;
    EXPECT_EQ(Name.rfind("cuda", 0), 0u) << Code;
  }
  EXPECT_GT(Named, 100);
}

TEST_F(ErrorTest, LastErrorIsPerCallAndResets) {
  cudaGetLastError();
  EXPECT_EQ(cudaPeekAtLastError(), cudaSuccess);
  EXPECT_EQ(cudaMalloc(nullptr, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaPeekAtLastError(), cudaErrorInvalidValue);
  EXPECT_EQ(cudaPeekAtLastError(), cudaErrorInvalidValue);
  // A later success does not clear it.
  void *P = nullptr;
  ASSERT_EQ(cudaMalloc(&P, 4), cudaSuccess);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  ASSERT_EQ(cudaFree(P), cudaSuccess);
}
