//===- core/MemoryAdvice.h - Unified-memory hints by address ----*- C++ -*-===//
//
// Part of Tongxin. What cudaMemAdvise and cudaMemPrefetchAsync said about
// each byte range, so that cudaMemRangeGetAttribute can answer as CUDA
// does. On devices that share the host's memory the hints move nothing;
// they are remembered, not acted upon.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_MEMORYADVICE_H
#define TONGXIN_RUNTIME_CORE_MEMORYADVICE_H

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

namespace tx {

/// A place memory can be advised to live in or be prefetched to: a device
/// ordinal, the host, or a host NUMA node (the cudaMemLocation kinds).
struct MemoryPlace {
  enum KindType { None, Device, Host, HostNuma } Kind = None;
  int Id = 0;

  bool operator==(const MemoryPlace &O) const {
    return Kind == O.Kind && (Kind == None || Kind == Host || Id == O.Id);
  }
  bool operator!=(const MemoryPlace &O) const { return !(*this == O); }
};

/// The hints of one byte.
struct RangeAdvice {
  bool ReadMostly = false;
  MemoryPlace Preferred;
  /// Who has cudaMemAdviseSetAccessedBy: bit 0 the host, bit D+1 device D.
  uint64_t AccessedBy = 0;
  MemoryPlace LastPrefetch;

  bool operator==(const RangeAdvice &O) const {
    return ReadMostly == O.ReadMostly && Preferred == O.Preferred &&
           AccessedBy == O.AccessedBy && LastPrefetch == O.LastPrefetch;
  }
};

/// RangeAdvice for every byte of the address space (default: no hints),
/// stored as maximal intervals of equal advice.
class MemoryAdvice {
public:
  static MemoryAdvice &get();

  /// Applies Change to the advice of every byte in [Begin, End).
  void update(uintptr_t Begin, uintptr_t End,
              const std::function<void(RangeAdvice &)> &Change);
  /// Calls Visit with the advice of each run of bytes covering [Begin, End)
  /// in address order; stops early when Visit returns false.
  void visit(uintptr_t Begin, uintptr_t End,
             const std::function<bool(const RangeAdvice &)> &Visit);
  /// Drops every hint on [Begin, End): the memory was freed.
  void forget(uintptr_t Begin, uintptr_t End);

private:
  /// Splits the interval containing At so that one starts at At.
  void splitAt(uintptr_t At);
  /// Merges neighbours with equal advice and drops default intervals.
  void coalesce(uintptr_t Begin, uintptr_t End);

  std::mutex Mutex;
  /// Start -> (end, advice); bytes not covered have default advice.
  std::map<uintptr_t, std::pair<uintptr_t, RangeAdvice>> Intervals;
};

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_MEMORYADVICE_H
