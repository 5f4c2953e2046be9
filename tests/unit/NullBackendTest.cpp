//===- NullBackendTest.cpp - The template backend reports, never crashes --===//
//
// Part of Tongxin. A minimal conformance check of the null backend: every
// operation answers Unsupported, and the device still describes itself.
//
//===----------------------------------------------------------------------===//

#include "tongxin/hal.h"

#include <gtest/gtest.h>

using namespace tx;

TEST(NullBackend, EverythingIsUnsupported) {
  std::unique_ptr<hal::Device> Dev = hal::createNullDevice();
  ASSERT_NE(Dev, nullptr);
  EXPECT_STRNE(Dev->info().Name, "");
  void *P = nullptr;
  EXPECT_EQ(Dev->allocate(64, 64, &P).code(), StatusCode::Unsupported);
  EXPECT_EQ(P, nullptr) << "out parameters untouched on failure";
  size_t Free, Total;
  EXPECT_EQ(Dev->memoryInfo(&Free, &Total).code(), StatusCode::Unsupported);
  char A[4], B[4];
  EXPECT_EQ(Dev->copy(A, B, 4).code(), StatusCode::Unsupported);
  EXPECT_EQ(Dev->fill(A, 0, 4).code(), StatusCode::Unsupported);
  hal::KernelLaunch L;
  EXPECT_EQ(Dev->launch(L).code(), StatusCode::Unsupported);
  std::unique_ptr<hal::Queue> Q;
  ASSERT_TRUE(Dev->createQueue(0, &Q).isOk());
  bool Ran = false;
  EXPECT_EQ(Q->submit([&] { Ran = true; }).code(), StatusCode::Unsupported);
  EXPECT_FALSE(Ran);
  EXPECT_NE(std::string(Dev->launch(L).message()), "");
}
