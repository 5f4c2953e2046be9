//===- core/Allocations.cpp - Live allocations by address -----------------===//
//
// Part of Tongxin. See Allocations.h.
//
//===----------------------------------------------------------------------===//

#include "core/Allocations.h"

#include <algorithm>
#include <iterator>

namespace tx {

/// The entry of Map with the greatest key not above P, or Map.end().
template <class MapType>
static typename MapType::iterator lastAtOrBefore(MapType &Map, uintptr_t P) {
  auto It = Map.upper_bound(P);
  return It == Map.begin() ? Map.end() : std::prev(It);
}

void AllocationMap::insert(const Allocation &A) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Ranges[A.Base] = A;
  forgetFreed(A.Base, A.Base + (A.Size ? A.Size : 1));
}

/// Drops the freed ranges that overlap [Begin, End), now in use again.
void AllocationMap::forgetFreed(uintptr_t Begin, uintptr_t End) {
  auto It = lastAtOrBefore(Freed, Begin);
  if (It == Freed.end() || It->first + It->second.Size <= Begin)
    It = Freed.upper_bound(Begin);
  while (It != Freed.end() && It->first < End)
    It = Freed.erase(It); // FreedOrder drops stale bases as it goes.
}

bool AllocationMap::wasFreed(const void *Ptr) {
  uintptr_t P = reinterpret_cast<uintptr_t>(Ptr);
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = lastAtOrBefore(Freed, P);
  return It != Freed.end() && P - It->first < It->second.Size;
}

bool AllocationMap::erase(const void *Base, AllocationKind Kind,
                          Allocation *Out) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Ranges.find(reinterpret_cast<uintptr_t>(Base));
  if (It == Ranges.end() || It->second.Kind != Kind)
    return false;
  if (Out)
    *Out = It->second;
  if (Kind == AllocationKind::Device || Kind == AllocationKind::Managed) {
    Freed[It->first] = {It->second.Size ? It->second.Size : 1, ++Frees};
    FreedOrder.push_back({It->first, Frees});
    if (FreedOrder.size() > RecentFrees) {
      // The oldest free, unless its base was reused and freed again since.
      auto [Base, Number] = FreedOrder.front();
      auto Oldest = Freed.find(Base);
      if (Oldest != Freed.end() && Oldest->second.Number == Number)
        Freed.erase(Oldest);
      FreedOrder.pop_front();
    }
  }
  notifyRemoval(It->second);
  Ranges.erase(It);
  return true;
}

void AllocationMap::addRemovalObserver(RemovalObserver Observer) {
  for (std::atomic<RemovalObserver> &Slot : Observers) {
    RemovalObserver Empty = nullptr;
    if (Slot.load() == Observer ||
        Slot.compare_exchange_strong(Empty, Observer))
      return;
  }
}

void AllocationMap::notifyRemoval(const Allocation &A) {
  for (std::atomic<RemovalObserver> &Slot : Observers)
    if (RemovalObserver Observer = Slot.load(std::memory_order_acquire))
      Observer(A);
}

bool AllocationMap::find(const void *Ptr, Allocation *Out, size_t Granularity) {
  uintptr_t P = reinterpret_cast<uintptr_t>(Ptr);
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = lastAtOrBefore(Ranges, P);
  if (It == Ranges.end())
    return false;
  // A zero-sized range still owns its first byte.
  if (P - It->first >= std::max<size_t>(It->second.reach(Granularity), 1))
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
    notifyRemoval(It->second);
    It = Ranges.erase(It);
  }
  return All;
}

bool AllocationMap::nearest(const void *Ptr, Allocation *Out) {
  uintptr_t P = reinterpret_cast<uintptr_t>(Ptr);
  std::lock_guard<std::mutex> Lock(Mutex);
  auto After = Ranges.upper_bound(P);
  auto Before = After == Ranges.begin() ? Ranges.end() : std::prev(After);
  if (Before == Ranges.end() && After == Ranges.end())
    return false;
  auto Gap = [P](const Allocation &A) {
    return P < A.Base ? A.Base - P : P - std::min(P, A.Base + A.Size);
  };
  if (Before == Ranges.end() ||
      (After != Ranges.end() && Gap(After->second) < Gap(Before->second)))
    *Out = After->second;
  else
    *Out = Before->second;
  return true;
}

std::vector<Allocation> AllocationMap::live() {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<Allocation> All;
  for (const auto &Entry : Ranges)
    All.push_back(Entry.second);
  return All;
}

} // namespace tx
