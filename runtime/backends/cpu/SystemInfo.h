//===- cpu/SystemInfo.h - Facts about the host CPU --------------*- C++ -*-===//
//
// Part of Tongxin. Reads the processor name, clock, caches and memory from
// /proc and sysconf so that cudaGetDeviceProperties describes the machine,
// and decides how many worker threads the CPU device starts.
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

/// Worker count: TONGXIN_CPU_THREADS, else one per hardware thread this
/// process may run on, shared fairly among the ranks an MPI launcher
/// started on this machine (see workersPerLocalRank).
unsigned defaultWorkerCount();

/// Workers for one of LocalRanks processes on a machine of Online hardware
/// threads, when this process may run on Usable of them: a launcher that
/// bound each rank to its own cores already divided them (Usable <
/// Online); an unbound rank takes its share of the machine, at least one.
unsigned workersPerLocalRank(unsigned Usable, unsigned Online,
                             unsigned LocalRanks);

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_SYSTEMINFO_H
