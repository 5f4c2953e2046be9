//===- cpu/SystemInfo.h - Facts about the host CPU --------------*- C++ -*-===//
//
// Part of Tongxin. Reads the processor name, clock, caches and memory from
// /proc and sysconf so that cudaGetDeviceProperties describes the machine.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CPU_SYSTEMINFO_H
#define TONGXIN_RUNTIME_BACKENDS_CPU_SYSTEMINFO_H

#include <cstdint>
#include <string>

namespace tx {
namespace cpu {

std::string processorName();
/// 0 if unknown.
uint32_t processorClockKHz();
uint64_t l2CacheBytes();
uint64_t physicalMemoryBytes();
uint64_t availableMemoryBytes();
/// The ISA this library was built for: "x86_64", "aarch64", "riscv64".
const char *hostArchitecture();

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_SYSTEMINFO_H
