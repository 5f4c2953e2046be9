//===- core/MemoryAdvice.cpp - Unified-memory hints by address ------------===//
//
// Part of Tongxin. See MemoryAdvice.h.
//
//===----------------------------------------------------------------------===//

#include "core/MemoryAdvice.h"

#include <iterator>

namespace tx {

MemoryAdvice &MemoryAdvice::get() {
  // Leaked on purpose, like the registry: frees may run in static
  // destructors of user code.
  static MemoryAdvice *Instance = new MemoryAdvice();
  return *Instance;
}

void MemoryAdvice::splitAt(uintptr_t At) {
  auto It = Intervals.upper_bound(At);
  if (It == Intervals.begin())
    return;
  --It;
  uintptr_t End = It->second.first;
  if (It->first >= At || At >= End)
    return;
  Intervals.emplace(At, std::make_pair(End, It->second.second));
  It->second.first = At;
}

void MemoryAdvice::coalesce(uintptr_t Begin, uintptr_t End) {
  auto It = Intervals.lower_bound(Begin);
  if (It != Intervals.begin())
    --It;
  const RangeAdvice Default;
  while (It != Intervals.end() && It->first <= End) {
    if (It->second.second == Default) {
      It = Intervals.erase(It);
      continue;
    }
    auto Next = std::next(It);
    if (Next != Intervals.end() && Next->first == It->second.first &&
        Next->second.second == It->second.second) {
      It->second.first = Next->second.first;
      Intervals.erase(Next);
      continue;
    }
    It = Next;
  }
}

void MemoryAdvice::update(uintptr_t Begin, uintptr_t End,
                          const std::function<void(RangeAdvice &)> &Change) {
  if (Begin >= End)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  splitAt(Begin);
  splitAt(End);
  uintptr_t Cursor = Begin;
  auto It = Intervals.lower_bound(Begin);
  while (Cursor < End) {
    if (It != Intervals.end() && It->first == Cursor) {
      Change(It->second.second);
      Cursor = It->second.first;
      ++It;
      continue;
    }
    // A gap of default advice up to the next interval (or End).
    uintptr_t GapEnd =
        It != Intervals.end() && It->first < End ? It->first : End;
    RangeAdvice Advice;
    Change(Advice);
    Intervals.emplace_hint(It, Cursor, std::make_pair(GapEnd, Advice));
    Cursor = GapEnd;
  }
  coalesce(Begin, End);
}

void MemoryAdvice::visit(
    uintptr_t Begin, uintptr_t End,
    const std::function<bool(const RangeAdvice &)> &Visit) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Intervals.upper_bound(Begin);
  if (It != Intervals.begin() && std::prev(It)->second.first > Begin)
    --It;
  const RangeAdvice Default;
  for (uintptr_t Cursor = Begin; Cursor < End;) {
    if (It != Intervals.end() && It->first <= Cursor) {
      if (!Visit(It->second.second))
        return;
      Cursor = It->second.first;
      ++It;
      continue;
    }
    if (!Visit(Default))
      return;
    Cursor = It != Intervals.end() && It->first < End ? It->first : End;
  }
}

void MemoryAdvice::forget(uintptr_t Begin, uintptr_t End) {
  update(Begin, End, [](RangeAdvice &A) { A = RangeAdvice(); });
}

} // namespace tx
