//===- core/Context.cpp - Process-wide runtime state ----------------------===//
//
// Part of Tongxin. See Context.h.
//
//===----------------------------------------------------------------------===//

#include "core/Context.h"
#include "core/DeviceSelection.h"

#include <cstdio>
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

namespace {
/// A backend compiled into the library: its TONGXIN_DEVICES name and how
/// to find its devices. A new backend adds one line to BackendTable.
struct BackendEntry {
  const char *Name;
  Status (*Enumerate)(std::vector<std::unique_ptr<hal::Device>> *Out);
};
} // namespace

static Status enumerateCpu(std::vector<std::unique_ptr<hal::Device>> *Out) {
  if (std::unique_ptr<hal::Device> Dev = hal::createCpuDevice())
    Out->push_back(std::move(Dev));
  return Status::ok();
}

static Status
enumerateCpuPrivate(std::vector<std::unique_ptr<hal::Device>> *Out) {
  if (std::unique_ptr<hal::Device> Dev = hal::createCpuDevice(true))
    Out->push_back(std::move(Dev));
  return Status::ok();
}

static Status enumerateNull(std::vector<std::unique_ptr<hal::Device>> *Out) {
  Out->push_back(hal::createNullDevice());
  return Status::ok();
}

/// Enumeration order; the default selection then puts accelerators first.
static const BackendEntry BackendTable[] = {
    {"cuda", hal::createCudaDevices},
    {"cpu", enumerateCpu},
    {"null", enumerateNull},              // Only when TONGXIN_DEVICES names it.
    {"cpu-private", enumerateCpuPrivate}, // Likewise: a test double.
};

Context::Context() {
  const char *List = std::getenv("TONGXIN_DEVICES");
  std::vector<std::unique_ptr<hal::Device>> Found;
  std::vector<std::string> Names;
  std::string Why;
  for (const BackendEntry &Backend : BackendTable) {
    if (!mayRequestBackend(List, Backend.Name))
      continue;
    size_t Before = Found.size();
    Status St = Backend.Enumerate(&Found);
    if (!St.isOk() && *St.message())
      Why += std::string("; ") + Backend.Name + ": " + St.message();
    for (size_t I = Before; I < Found.size(); ++I)
      Names.push_back(Found[I]->info().Backend);
  }
  std::vector<std::string> Ignored;
  for (size_t Index : selectDevices(List, Names, &Ignored)) {
    DeviceSlot Slot;
    Slot.Device = std::move(Found[Index]);
    Slot.Streams.reset(new StreamManager(Slot.Device.get()));
    Slots.push_back(std::move(Slot));
  }
  if (Ignored.empty())
    return;
  // Once per process: the context is created once.
  std::string Entries;
  for (const std::string &Entry : Ignored)
    Entries += (Entries.empty() ? "'" : ", '") + Entry + "'";
  std::fprintf(stderr,
               "tongxin: warning: TONGXIN_DEVICES names no present device: "
               "%s ignored%s\n",
               Entries.c_str(), Why.c_str());
}

DeviceSlot *Context::slot(int Ordinal) {
  if (Ordinal < 0 || Ordinal >= deviceCount())
    return nullptr;
  return &Slots[Ordinal];
}

int Context::ordinalOf(const hal::Device *Dev) const {
  for (size_t I = 0; I < Slots.size(); ++I)
    if (Slots[I].Device.get() == Dev)
      return static_cast<int>(I);
  return -1;
}

DeviceSlot *Context::current() { return slot(CurrentOrdinal); }

int Context::currentOrdinal() const { return CurrentOrdinal; }

void Context::setCurrentOrdinal(int Ordinal) { CurrentOrdinal = Ordinal; }

void Context::setSticky(StatusCode Code) {
  StatusCode Expected = StatusCode::Ok;
  Sticky.compare_exchange_strong(Expected, Code);
}

} // namespace tx
