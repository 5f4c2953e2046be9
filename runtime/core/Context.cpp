//===- core/Context.cpp - Process-wide runtime state ----------------------===//
//
// Part of Tongxin. See Context.h.
//
//===----------------------------------------------------------------------===//

#include "core/Context.h"

#include <cstdlib>
#include <cstring>
#include <string>

namespace tx {

static thread_local int CurrentOrdinal = 0;
static std::atomic<Context *> Created{nullptr};

Context &Context::get() {
  // Leaked: worker threads may still run while static destructors do.
  static Context *Instance = [] {
    auto *C = new Context();
    Created.store(C, std::memory_order_release);
    return C;
  }();
  return *Instance;
}

Context *Context::existing() { return Created.load(std::memory_order_acquire); }

/// Devices named by TONGXIN_DEVICES (comma-separated; default "cpu").
/// Unknown names select nothing, so a bad setting yields no devices.
static std::vector<std::string> requestedDevices() {
  const char *Env = std::getenv("TONGXIN_DEVICES");
  std::string List = Env ? Env : "cpu";
  std::vector<std::string> Names;
  size_t Pos = 0;
  while (Pos <= List.size()) {
    size_t End = List.find(',', Pos);
    if (End == std::string::npos)
      End = List.size();
    std::string Name = List.substr(Pos, End - Pos);
    if (!Name.empty())
      Names.push_back(Name);
    Pos = End + 1;
  }
  return Names;
}

Context::Context() {
  bool HaveCpu = false;
  for (const std::string &Name : requestedDevices()) {
    if (Name != "cpu" || HaveCpu)
      continue;
    HaveCpu = true;
    DeviceSlot Slot;
    Slot.Device = hal::createCpuDevice();
    if (!Slot.Device)
      continue;
    Slot.Streams.reset(new StreamManager(Slot.Device.get()));
    Slots.push_back(std::move(Slot));
  }
}

DeviceSlot *Context::slot(int Ordinal) {
  if (Ordinal < 0 || Ordinal >= deviceCount())
    return nullptr;
  return &Slots[Ordinal];
}

DeviceSlot *Context::current() { return slot(CurrentOrdinal); }

int Context::currentOrdinal() const { return CurrentOrdinal; }

void Context::setCurrentOrdinal(int Ordinal) { CurrentOrdinal = Ordinal; }

void Context::setSticky(StatusCode Code) {
  StatusCode Expected = StatusCode::Ok;
  Sticky.compare_exchange_strong(Expected, Code);
}

} // namespace tx
