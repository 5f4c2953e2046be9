//===- core/Profile.h - TONGXIN_PROFILE's table of device work --*- C++ -*-===//
//
// Part of Tongxin. With TONGXIN_PROFILE=1 in the environment the runtime
// times every kernel it runs and every copy and fill, and prints a table
// at exit: per kernel, launches, total, mean, minimum and maximum time and
// blocks per launch; per transfer direction, count, bytes, time and rate.
// cudaProfilerStop and cudaProfilerStart pause and resume the recording,
// as they delimit what NVIDIA's profilers collect. When the variable is
// unset, each hook costs one predictable branch.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_PROFILE_H
#define TONGXIN_RUNTIME_CORE_PROFILE_H

#include <cstddef>
#include <cstdint>

namespace tx {
namespace profile {

/// The direction of a copy as CUDA's profilers name it.
enum class TransferKind {
  HostToDevice,
  DeviceToHost,
  DeviceToDevice,
  HostToHost,
  Fill
};

/// True while recording: TONGXIN_PROFILE is set (and not "0") and the
/// program has not called cudaProfilerStop.
bool recording();
/// cudaProfilerStart / cudaProfilerStop.
void setPaused(bool Paused);

uint64_t nowNs();

/// One kernel run: its (mangled) name, the grid's blocks and how long it
/// took.
void recordKernel(const char *Name, uint64_t Blocks, uint64_t Ns);
void recordTransfer(TransferKind Kind, uint64_t Bytes, uint64_t Ns);

/// Times one kernel run while it is in scope. Whether a launch is recorded
/// is decided when the program makes it (Recorded: recording() then), as
/// cudaProfilerStop covers the calls made after it, however late the work
/// runs.
class KernelTimer {
public:
  KernelTimer(const char *Name, uint64_t Blocks, bool Recorded)
      : Name(Name), Blocks(Blocks), Start(Recorded ? nowNs() : 0) {}
  ~KernelTimer() {
    if (Start)
      recordKernel(Name, Blocks, nowNs() - Start);
  }

private:
  const char *Name;
  uint64_t Blocks;
  uint64_t Start;
};

/// Times one copy or fill while it is in scope (Recorded as above).
class TransferTimer {
public:
  TransferTimer(TransferKind Kind, uint64_t Bytes, bool Recorded)
      : Kind(Kind), Bytes(Bytes), Start(Recorded ? nowNs() : 0) {}
  ~TransferTimer() {
    if (Start)
      recordTransfer(Kind, Bytes, nowNs() - Start);
  }

private:
  TransferKind Kind;
  uint64_t Bytes;
  uint64_t Start;
};

} // namespace profile
} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_PROFILE_H
