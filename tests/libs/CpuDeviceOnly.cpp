//===- CpuDeviceOnly.cpp - Library tests run on the CPU device ------------===//
//
// Part of Tongxin. The library gtests check the CPU implementations, so
// each test binary selects the CPU device unless TONGXIN_DEVICES says
// otherwise (on a machine with a GPU the default device would be the GPU,
// where the libraries answer "not supported"). Set before the runtime's
// first call, from a static initialiser, because ctest's per-test
// environment holds only one variable through gtest discovery.
//
//===----------------------------------------------------------------------===//

#include <cstdlib>

// A test binary that needs other devices names them (tongxin_library_test's
// DEVICES: the NCCL staging tests add the CPU device with private memory).
#ifndef TX_TEST_DEVICES
#define TX_TEST_DEVICES "cpu"
#endif

namespace {
struct SelectCpuDevice {
  SelectCpuDevice() {
    setenv("TONGXIN_DEVICES", TX_TEST_DEVICES, /*overwrite=*/0);
  }
} Select;
} // namespace
