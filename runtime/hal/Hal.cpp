//===- hal/Hal.cpp - Out-of-line parts of the backend interface -----------===//
//
// Part of Tongxin. Keeps the vtables of the HAL classes in one object, and
// the defaults and helpers every backend shares.
//
//===----------------------------------------------------------------------===//

#include "tongxin/hal.h"

#include <mutex>
#include <string>
#include <unordered_set>

namespace tx {
namespace hal {

Queue::~Queue() = default;
Device::~Device() = default;

Status Device::allocateShared(size_t Bytes, size_t Alignment, void **Out) {
  if (!info().HostAccessibleMemory)
    return Status(StatusCode::Unsupported,
                  "the device has no memory the host can access");
  return allocate(Bytes, Alignment, Out);
}

Status Device::bindHostObject(const ModuleRef &, const char *, void *, size_t) {
  return Status::ok();
}

Status Device::setLimit(int, size_t) { return Status::ok(); }

Status Device::blocksPerUnit(const TxKernelRecord *, uint32_t, uint64_t,
                             uint64_t *) {
  return Status(StatusCode::Unsupported);
}

Status Device::captureNativeWork(const std::function<int(void *)> &, int *,
                                 void **Graph) {
  *Graph = nullptr;
  return Status(StatusCode::Unsupported,
                "the device has no native work to capture");
}

Status Device::runNativeGraph(void *) {
  return Status(StatusCode::Unsupported, "the device has no native graphs");
}

Status Device::runOnWorkers(size_t Count,
                            const std::function<void(size_t)> &Body) {
  for (size_t I = 0; I < Count; ++I)
    Body(I);
  return Status::ok();
}

const char *internMessage(const char *Text) {
  if (!Text)
    return "";
  // Leaked: statuses may be read during static destruction. Errors are
  // rare and equal texts are shared, so this stays small.
  static std::mutex *Mutex = new std::mutex();
  static auto *Texts = new std::unordered_set<std::string>();
  std::lock_guard<std::mutex> Lock(*Mutex);
  return Texts->insert(Text).first->c_str();
}

} // namespace hal
} // namespace tx
