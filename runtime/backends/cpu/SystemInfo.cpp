//===- cpu/SystemInfo.cpp - Facts about the host CPU ----------------------===//
//
// Part of Tongxin. See SystemInfo.h.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/SystemInfo.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sched.h>
#include <thread>
#include <unistd.h>

namespace tx {
namespace cpu {

/// The value of the first "Key<spaces>: value" line of a /proc file.
static std::string procField(const char *Path, const char *Key) {
  std::FILE *F = std::fopen(Path, "r");
  if (!F)
    return "";
  char Line[512];
  std::string Value;
  size_t KeyLen = std::strlen(Key);
  while (std::fgets(Line, sizeof(Line), F)) {
    if (std::strncmp(Line, Key, KeyLen) != 0)
      continue;
    const char *Colon = std::strchr(Line + KeyLen, ':');
    if (!Colon)
      continue;
    // Only spaces or tabs may separate the key from the colon.
    bool KeyMatches = true;
    for (const char *P = Line + KeyLen; P < Colon; ++P)
      KeyMatches &= (*P == ' ' || *P == '\t');
    if (!KeyMatches)
      continue;
    const char *V = Colon + 1;
    while (*V == ' ' || *V == '\t')
      ++V;
    Value = V;
    while (!Value.empty() && (Value.back() == '\n' || Value.back() == ' '))
      Value.pop_back();
    break;
  }
  std::fclose(F);
  return Value;
}

std::string processorName() {
  for (const char *Key : {"model name", "Model", "uarch", "Hardware"}) {
    std::string Name = procField("/proc/cpuinfo", Key);
    if (!Name.empty())
      return Name;
  }
#if defined(__x86_64__)
  return "x86-64 CPU";
#elif defined(__aarch64__)
  return "AArch64 CPU";
#elif defined(__riscv)
  return "RISC-V CPU";
#else
  return "CPU";
#endif
}

uint32_t processorClockKHz() {
  if (std::FILE *F = std::fopen(
          "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "r")) {
    unsigned long KHz = 0;
    int Read = std::fscanf(F, "%lu", &KHz);
    std::fclose(F);
    if (Read == 1 && KHz)
      return static_cast<uint32_t>(KHz);
  }
  std::string MHz = procField("/proc/cpuinfo", "cpu MHz");
  if (!MHz.empty())
    return static_cast<uint32_t>(std::strtod(MHz.c_str(), nullptr) * 1000.0);
  return 0;
}

uint64_t l2CacheBytes() {
#ifdef _SC_LEVEL2_CACHE_SIZE
  long Bytes = sysconf(_SC_LEVEL2_CACHE_SIZE);
  if (Bytes > 0)
    return static_cast<uint64_t>(Bytes);
#endif
  return 0;
}

/// "NNN kB" from /proc/meminfo, in bytes; 0 if absent.
static uint64_t memInfoBytes(const char *Key) {
  std::string V = procField("/proc/meminfo", Key);
  return V.empty() ? 0 : std::strtoull(V.c_str(), nullptr, 10) * 1024;
}

uint64_t physicalMemoryBytes() {
  if (uint64_t Bytes = memInfoBytes("MemTotal"))
    return Bytes;
  long Pages = sysconf(_SC_PHYS_PAGES), Page = sysconf(_SC_PAGESIZE);
  return Pages > 0 && Page > 0 ? uint64_t(Pages) * uint64_t(Page) : 0;
}

uint64_t availableMemoryBytes() {
  if (uint64_t Bytes = memInfoBytes("MemAvailable"))
    return Bytes;
  long Pages = sysconf(_SC_AVPHYS_PAGES), Page = sysconf(_SC_PAGESIZE);
  return Pages > 0 && Page > 0 ? uint64_t(Pages) * uint64_t(Page) : 0;
}

const char *hostArchitecture() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#else
  return "unknown";
#endif
}

unsigned workersPerLocalRank(unsigned Usable, unsigned Online,
                             unsigned LocalRanks) {
  if (Usable == 0)
    Usable = 1;
  if (LocalRanks <= 1 || Usable < Online)
    return Usable;
  return Usable / LocalRanks ? Usable / LocalRanks : 1;
}

/// Processes an MPI launcher started on this machine (Open MPI, MPICH and
/// Intel MPI, Slurm); 1 when not launched as part of a job.
static unsigned localRankCount() {
  for (const char *Name : {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS",
                           "SLURM_NTASKS_PER_NODE"}) {
    const char *Env = std::getenv(Name);
    if (!Env)
      continue;
    long N = std::strtol(Env, nullptr, 10); // Slurm may append "(x2)".
    if (N > 0 && N <= 65536)
      return static_cast<unsigned>(N);
  }
  return 1;
}

unsigned defaultWorkerCount() {
  if (const char *Env = std::getenv("TONGXIN_CPU_THREADS")) {
    char *End = nullptr;
    long N = std::strtol(Env, &End, 10);
    if (End != Env && *End == '\0' && N > 0 && N <= 4096)
      return static_cast<unsigned>(N);
  }
  unsigned Online = std::thread::hardware_concurrency();
  if (!Online)
    Online = 1;
  unsigned Usable = Online;
  cpu_set_t Allowed;
  if (sched_getaffinity(0, sizeof(Allowed), &Allowed) == 0)
    Usable = static_cast<unsigned>(CPU_COUNT(&Allowed));
  return workersPerLocalRank(Usable, Online, localRankCount());
}

} // namespace cpu
} // namespace tx
