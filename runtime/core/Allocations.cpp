//===- core/Allocations.cpp - Live allocations by address -----------------===//
//
// Part of Tongxin. See Allocations.h.
//
//===----------------------------------------------------------------------===//

#include "core/Allocations.h"

namespace tx {

void AllocationMap::insert(const Allocation &A) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Ranges[A.Base] = A;
}

bool AllocationMap::erase(const void *Base, AllocationKind Kind,
                          Allocation *Out) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Ranges.find(reinterpret_cast<uintptr_t>(Base));
  if (It == Ranges.end() || It->second.Kind != Kind)
    return false;
  if (Out)
    *Out = It->second;
  Ranges.erase(It);
  return true;
}

bool AllocationMap::find(const void *Ptr, Allocation *Out) {
  uintptr_t P = reinterpret_cast<uintptr_t>(Ptr);
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Ranges.upper_bound(P);
  if (It == Ranges.begin())
    return false;
  --It;
  // A zero-sized range still owns its first byte.
  size_t Size = It->second.Size ? It->second.Size : 1;
  if (P - It->first >= Size)
    return false;
  if (Out)
    *Out = It->second;
  return true;
}

bool AllocationMap::overlaps(const void *Ptr, size_t Size) {
  uintptr_t Begin = reinterpret_cast<uintptr_t>(Ptr);
  uintptr_t End = Begin + (Size ? Size : 1);
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Ranges.lower_bound(End);
  if (It == Ranges.begin())
    return false;
  --It;
  return It->first + (It->second.Size ? It->second.Size : 1) > Begin;
}

std::vector<Allocation> AllocationMap::takeAll(int Device) {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<Allocation> All;
  for (auto It = Ranges.begin(); It != Ranges.end();) {
    if (It->second.Device != Device) {
      ++It;
      continue;
    }
    All.push_back(It->second);
    It = Ranges.erase(It);
  }
  return All;
}

} // namespace tx
