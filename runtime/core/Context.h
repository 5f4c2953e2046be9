//===- core/Context.h - Process-wide runtime state --------------*- C++ -*-===//
//
// Part of Tongxin. The devices of every backend present, ordered and
// filtered by TONGXIN_DEVICES (core/DeviceSelection.h), their streams,
// allocations and settings, and the sticky launch error. Created on first
// use through a function-local static, so that user static constructors may
// call the runtime.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_CONTEXT_H
#define TONGXIN_RUNTIME_CORE_CONTEXT_H

#include "core/Allocations.h"
#include "core/Streams.h"
#include "tongxin/hal.h"

#include <atomic>
#include <memory>
#include <vector>

namespace tx {

/// Settings a CUDA program can change per device.
struct DeviceSettings {
  unsigned Flags = 0;
  int CacheConfig = 0;
  int SharedMemConfig = 0;
  size_t Limits[7] = {1024, 1 << 20, 8 << 20, 2, 2048, 64, 0};
};

struct DeviceSlot {
  std::unique_ptr<hal::Device> Device;
  std::unique_ptr<StreamManager> Streams;
  DeviceSettings Settings;
};

class Context {
public:
  static Context &get();
  /// The context if some call already created it, else null (exit paths
  /// must not create one).
  static Context *existing();

  int deviceCount() const { return static_cast<int>(Slots.size()); }
  /// Null if Ordinal is out of range.
  DeviceSlot *slot(int Ordinal);
  /// The ordinal of Dev, or -1.
  int ordinalOf(const hal::Device *Dev) const;
  /// The calling thread's current device (cudaSetDevice); null if none.
  DeviceSlot *current();
  int currentOrdinal() const;
  void setCurrentOrdinal(int Ordinal);

  AllocationMap &allocations() { return Allocations; }

  /// The first launch failure since the last reset; Ok if none. Like CUDA's
  /// sticky errors it makes every later call fail until cudaDeviceReset.
  StatusCode sticky() const { return Sticky.load(std::memory_order_acquire); }
  void setSticky(StatusCode Code);
  void clearSticky() { Sticky.store(StatusCode::Ok); }

private:
  Context();

  std::vector<DeviceSlot> Slots;
  AllocationMap Allocations;
  std::atomic<StatusCode> Sticky{StatusCode::Ok};
};

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_CONTEXT_H
