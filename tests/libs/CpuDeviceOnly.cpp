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

namespace {
struct SelectCpuDevice {
  SelectCpuDevice() { setenv("TONGXIN_DEVICES", "cpu", /*overwrite=*/0); }
} Select;
} // namespace
