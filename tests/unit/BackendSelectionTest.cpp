//===- BackendSelectionTest.cpp - TONGXIN_DEVICES and PTX reading ---------===//
//
// Part of Tongxin. The pure logic behind multi-backend support, tested
// without devices: which devices TONGXIN_DEVICES selects and in which
// order, which PTX image a GPU gets, and how kernel parameters are read
// out of PTX (compiled from source: these helpers are internal).
//
//===----------------------------------------------------------------------===//

#include "PortableKernel.h"
#include "backends/cuda/PtxInfo.h"
#include "core/DeviceSelection.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace tx;

namespace {
const std::vector<std::string> TwoGpusAndCpu = {"cuda", "cuda", "cpu"};
} // namespace

TEST(DeviceSelection, DefaultPutsGpusFirst) {
  std::vector<std::string> Ignored;
  EXPECT_EQ(selectDevices(nullptr, TwoGpusAndCpu, &Ignored),
            (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(selectDevices("", {"cpu", "cuda"}, &Ignored),
            (std::vector<size_t>{1, 0}));
  EXPECT_EQ(selectDevices(" , ", {"cpu", "null"}, &Ignored),
            (std::vector<size_t>{0}))
      << "the null backend is never selected by default";
  EXPECT_EQ(selectDevices(nullptr, {"cpu", "cpu-private"}, &Ignored),
            (std::vector<size_t>{0}))
      << "nor the CPU device with private memory (a test double)";
  EXPECT_EQ(selectDevices("cpu,cpu-private", {"cpu", "cpu-private"}, &Ignored),
            (std::vector<size_t>{0, 1}));
  EXPECT_TRUE(Ignored.empty());
}

TEST(DeviceSelection, ListSelectsAndOrders) {
  std::vector<std::string> Ignored;
  EXPECT_EQ(selectDevices("cpu", TwoGpusAndCpu, &Ignored),
            (std::vector<size_t>{2}));
  EXPECT_EQ(selectDevices("cpu,cuda:1", TwoGpusAndCpu, &Ignored),
            (std::vector<size_t>{2, 1}));
  EXPECT_EQ(selectDevices("cuda:1, cuda:0", TwoGpusAndCpu, &Ignored),
            (std::vector<size_t>{1, 0}));
  EXPECT_EQ(selectDevices("cuda,cpu", TwoGpusAndCpu, &Ignored),
            (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(selectDevices("cpu,cpu:0,cuda:0,cuda", TwoGpusAndCpu, &Ignored),
            (std::vector<size_t>{2, 0, 1}))
      << "each device at most once";
  EXPECT_TRUE(Ignored.empty());
}

TEST(DeviceSelection, UnknownEntriesAreIgnoredAndReported) {
  std::vector<std::string> Ignored;
  EXPECT_EQ(selectDevices("tpu,cuda:2,cpu,cuda:x,cuda:-1", TwoGpusAndCpu,
                          &Ignored),
            (std::vector<size_t>{2}));
  EXPECT_EQ(Ignored, (std::vector<std::string>{"tpu", "cuda:2", "cuda:x",
                                               "cuda:-1"}));
  Ignored.clear();
  EXPECT_TRUE(selectDevices("cuda:0", {"cpu"}, &Ignored).empty())
      << "no GPU: nothing selected, which the runtime reports as NoDevice";
  EXPECT_EQ(Ignored, (std::vector<std::string>{"cuda:0"}));
}

TEST(DeviceSelection, OnlyRequestedBackendsAreInitialised) {
  EXPECT_TRUE(mayRequestBackend(nullptr, "cuda"));
  EXPECT_TRUE(mayRequestBackend(nullptr, "cpu"));
  EXPECT_FALSE(mayRequestBackend(nullptr, "null"));
  EXPECT_FALSE(mayRequestBackend("cpu", "cuda"));
  EXPECT_TRUE(mayRequestBackend("cpu,cuda:1", "cuda"));
  EXPECT_TRUE(mayRequestBackend("null", "null"));
  EXPECT_FALSE(mayRequestBackend(nullptr, "cpu-private"));
  EXPECT_TRUE(mayRequestBackend("cpu-private", "cpu-private"));
  EXPECT_FALSE(mayRequestBackend("cpu-private", "cpu"));
}

TEST(PtxInfo, ReadsEntryParameters) {
  std::vector<uint32_t> Sizes, Aligns;
  const char *Ptx = txtest::iotaPtx();
  ASSERT_TRUE(cuda::readEntryParams(Ptx, std::strlen(Ptx) + 1, "_Z4iotaPii",
                                    &Sizes, &Aligns));
  EXPECT_EQ(Sizes, (std::vector<uint32_t>{8, 4}));
  EXPECT_EQ(Aligns, (std::vector<uint32_t>{8, 4}));

  const char Mixed[] =
      ".visible .entry _Z1fv()\n{ ret; }\n"
      ".visible .entry _Z1f4Pairdc(\n"
      "  .param .align 16 .b8 _Z1f4Pairdc_param_0[16],\n"
      "  .param .f64 _Z1f4Pairdc_param_1,\n"
      "  .param .u8 _Z1f4Pairdc_param_2,\n"
      "  .param .u64 .ptr .global .align 1 _Z1f4Pairdc_param_3\n"
      ")\n{ ret; }\n";
  ASSERT_TRUE(cuda::readEntryParams(Mixed, sizeof(Mixed), "_Z1f4Pairdc",
                                    &Sizes, &Aligns));
  EXPECT_EQ(Sizes, (std::vector<uint32_t>{16, 8, 1, 8}));
  EXPECT_EQ(Aligns, (std::vector<uint32_t>{16, 8, 1, 1}));
  ASSERT_TRUE(
      cuda::readEntryParams(Mixed, sizeof(Mixed), "_Z1fv", &Sizes, &Aligns));
  EXPECT_TRUE(Sizes.empty());
  EXPECT_FALSE(
      cuda::readEntryParams(Mixed, sizeof(Mixed), "_Z1f", &Sizes, &Aligns))
      << "a prefix of another entry's name is not that entry";
  EXPECT_FALSE(cuda::readEntryParams(Mixed, sizeof(Mixed), "_Z7missingv",
                                     &Sizes, &Aligns));
}

TEST(PtxInfo, PicksTheNewestImageTheGpuRuns) {
  static const char Text[] = "// ptx";
  const hal::ModuleImage Images[] = {
      {TX_IMAGE_CPU, "x86_64", nullptr, 0},
      {TX_IMAGE_PTX, "sm_75", Text, sizeof(Text)},
      {TX_IMAGE_PTX, "sm_90a", Text, sizeof(Text)},
      {TX_IMAGE_PTX, "sm_80", Text, sizeof(Text)},
  };
  EXPECT_EQ(cuda::pickPtxImage(Images, 4, 86), 3);
  EXPECT_EQ(cuda::pickPtxImage(Images, 4, 80), 3);
  EXPECT_EQ(cuda::pickPtxImage(Images, 4, 75), 1);
  EXPECT_EQ(cuda::pickPtxImage(Images, 4, 90), 2);
  EXPECT_EQ(cuda::pickPtxImage(Images, 4, 100), 3)
      << "sm_90a code runs on sm_90 only";
  EXPECT_EQ(cuda::pickPtxImage(Images, 4, 70), -1);
  EXPECT_EQ(cuda::pickPtxImage(Images, 1, 90), -1);
  EXPECT_EQ(cuda::smVersion("sm_86"), 86);
  EXPECT_EQ(cuda::smVersion("x86_64"), -1);
}
