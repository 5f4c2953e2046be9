//===- backends/cpu/StaggeredAllocations.cpp - Page offsets ---------------===//
//
// Part of Tongxin.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/StaggeredAllocations.h"

#include <algorithm>
#include <cstdint>

namespace tx {
namespace cpu {

StaggeredAllocations::Placement StaggeredAllocations::plan(size_t Bytes,
                                                           size_t Alignment) {
  if (Bytes < MinBytes || Alignment == 0 || Alignment >= PageBytes)
    return {};
  size_t Slots = std::min<size_t>(PageBytes / Alignment, 8);
  size_t Step = PageBytes / Slots; // A multiple of Alignment (powers of 2).
  size_t Slot = NextSlot.fetch_add(1, std::memory_order_relaxed) % Slots;
  return {Slot * Step, PageBytes - Alignment};
}

void *StaggeredAllocations::place(void *Base, const Placement &P) {
  if (P.Slack == 0)
    return Base;
  // Base and PageOffset are multiples of the alignment, and so is the
  // distance from one to the other, at most P.Slack.
  size_t Offset =
      (P.PageOffset - reinterpret_cast<uintptr_t>(Base)) & (PageBytes - 1);
  void *User = static_cast<char *>(Base) + Offset;
  std::lock_guard<std::mutex> Lock(Mutex);
  Bases[User] = Base;
  return User;
}

void *StaggeredAllocations::forget(void *User) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Bases.find(User);
  if (It == Bases.end())
    return User;
  void *Base = It->second;
  Bases.erase(It);
  return Base;
}

} // namespace cpu
} // namespace tx
