//===- core/Profile.cpp - TONGXIN_PROFILE's table of device work ----------===//
//
// Part of Tongxin. See Profile.h. Records go into one mutex-guarded table;
// that costs nothing when profiling is off and little next to a kernel or
// a copy when it is on.
//
//===----------------------------------------------------------------------===//

#include "core/Profile.h"
#include "core/Demangle.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace tx {
namespace profile {

namespace {
struct Timing {
  uint64_t Count = 0;
  uint64_t TotalNs = 0;
  uint64_t MinNs = UINT64_MAX;
  uint64_t MaxNs = 0;
  uint64_t Units = 0; ///< Blocks (kernels) or bytes (transfers).

  void add(uint64_t Ns, uint64_t N) {
    ++Count;
    TotalNs += Ns;
    MinNs = std::min(MinNs, Ns);
    MaxNs = std::max(MaxNs, Ns);
    Units += N;
  }
};

struct Table {
  std::mutex Mutex;
  std::map<std::string, Timing> Kernels; ///< By mangled name.
  std::map<int, Timing> Transfers;       ///< By TransferKind.
};
} // namespace

static bool enabledByEnvironment() {
  const char *Env = std::getenv("TONGXIN_PROFILE");
  return Env && *Env && std::strcmp(Env, "0") != 0;
}

static const bool Enabled = enabledByEnvironment();
static std::atomic<bool> Paused{false};

/// Leaked so that it outlives every static destructor that may still run
/// device work; printed by atexit.
static Table &table() {
  static Table *T = new Table();
  return *T;
}

static const char *transferName(int Kind) {
  switch (static_cast<TransferKind>(Kind)) {
  case TransferKind::HostToDevice:
    return "host to device";
  case TransferKind::DeviceToHost:
    return "device to host";
  case TransferKind::DeviceToDevice:
    return "device to device";
  case TransferKind::HostToHost:
    return "host to host";
  case TransferKind::Fill:
    return "memset";
  }
  return "?";
}

static void printKernels(const Table &T, uint64_t DeviceNs) {
  std::vector<std::pair<std::string, Timing>> Rows(T.Kernels.begin(),
                                                   T.Kernels.end());
  std::sort(Rows.begin(), Rows.end(), [](const auto &A, const auto &B) {
    return A.second.TotalNs > B.second.TotalNs;
  });
  std::fprintf(stderr, "%7s %11s %9s %10s %10s %10s %10s  %s\n", "time%",
               "total ms", "launches", "mean us", "min us", "max us", "blocks",
               "kernel");
  for (const auto &[Name, K] : Rows)
    std::fprintf(
        stderr, "%6.1f%% %11.3f %9llu %10.2f %10.2f %10.2f %10llu  %s\n",
        DeviceNs ? 100.0 * K.TotalNs / DeviceNs : 0.0, K.TotalNs / 1e6,
        (unsigned long long)K.Count, K.TotalNs / 1e3 / K.Count, K.MinNs / 1e3,
        K.MaxNs / 1e3, (unsigned long long)(K.Units / K.Count),
        demangled(Name).c_str());
}

static void printTransfers(const Table &T, uint64_t DeviceNs) {
  std::fprintf(stderr, "%7s %11s %9s %12s %10s  %s\n", "time%", "total ms",
               "count", "total MB", "GB/s", "transfer");
  for (const auto &[Kind, X] : T.Transfers)
    std::fprintf(stderr, "%6.1f%% %11.3f %9llu %12.3f %10.2f  %s\n",
                 DeviceNs ? 100.0 * X.TotalNs / DeviceNs : 0.0, X.TotalNs / 1e6,
                 (unsigned long long)X.Count, X.Units / 1e6,
                 X.TotalNs ? double(X.Units) / X.TotalNs : 0.0,
                 transferName(Kind));
}

static void printAtExit() {
  Table &T = table();
  std::lock_guard<std::mutex> Lock(T.Mutex);
  uint64_t DeviceNs = 0;
  for (const auto &Entry : T.Kernels)
    DeviceNs += Entry.second.TotalNs;
  for (const auto &Entry : T.Transfers)
    DeviceNs += Entry.second.TotalNs;
  std::fprintf(stderr,
               "== Tongxin profile: %zu kernels, %zu kinds of transfer, "
               "%.3f ms of device work\n",
               T.Kernels.size(), T.Transfers.size(), DeviceNs / 1e6);
  if (!T.Kernels.empty())
    printKernels(T, DeviceNs);
  if (!T.Transfers.empty())
    printTransfers(T, DeviceNs);
}

/// Registers the exit report the first time anything is recorded.
static Table &tableForRecording() {
  static const bool Registered = [] { return std::atexit(printAtExit) == 0; }();
  (void)Registered;
  return table();
}

bool recording() { return Enabled && !Paused.load(std::memory_order_relaxed); }

void setPaused(bool Value) { Paused.store(Value, std::memory_order_relaxed); }

uint64_t nowNs() {
  timespec Now;
  clock_gettime(CLOCK_MONOTONIC, &Now);
  // Never 0, which KernelTimer reads as "not recording".
  return uint64_t(Now.tv_sec) * 1000000000u + uint64_t(Now.tv_nsec) + 1;
}

void recordKernel(const char *Name, uint64_t Blocks, uint64_t Ns) {
  Table &T = tableForRecording();
  std::lock_guard<std::mutex> Lock(T.Mutex);
  T.Kernels[Name ? Name : "(unnamed)"].add(Ns, Blocks);
}

void recordTransfer(TransferKind Kind, uint64_t Bytes, uint64_t Ns) {
  Table &T = tableForRecording();
  std::lock_guard<std::mutex> Lock(T.Mutex);
  T.Transfers[static_cast<int>(Kind)].add(Ns, Bytes);
}

} // namespace profile
} // namespace tx
