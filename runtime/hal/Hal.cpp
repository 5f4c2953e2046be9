//===- hal/Hal.cpp - Out-of-line anchors of the backend interface ---------===//
//
// Part of Tongxin. Keeps the vtables of the HAL classes in one object.
//
//===----------------------------------------------------------------------===//

#include "tongxin/hal.h"

namespace tx {
namespace hal {

Queue::~Queue() = default;
Device::~Device() = default;

} // namespace hal
} // namespace tx
