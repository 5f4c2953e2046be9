//===- core/Allocations.h - Live allocations by address ---------*- C++ -*-===//
//
// Part of Tongxin. Tracks every range the runtime handed out or registered
// so that frees can be validated and cudaPointerGetAttributes can answer
// for any pointer inside a range.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_ALLOCATIONS_H
#define TONGXIN_RUNTIME_CORE_ALLOCATIONS_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <vector>

namespace tx {

class MemoryPool;

enum class AllocationKind {
  Device,     ///< cudaMalloc / cudaMallocPitch / cudaMalloc3D.
  Managed,    ///< cudaMallocManaged.
  Host,       ///< cudaMallocHost / cudaHostAlloc.
  Registered, ///< cudaHostRegister: memory the user owns.
};

struct Allocation {
  uintptr_t Base = 0;
  size_t Size = 0;
  AllocationKind Kind = AllocationKind::Device;
  unsigned Flags = 0;
  int Device = 0;
  /// The MemoryPool a cudaMallocAsync block belongs to; null otherwise.
  MemoryPool *Pool = nullptr;

  /// The bytes from Base a copy may touch: the size, for the runtime's own
  /// blocks (not registered host memory or pool blocks) rounded up to
  /// Granularity, the memory they hold.
  size_t reach(size_t Granularity) const {
    size_t Bytes = Size;
    if (Kind != AllocationKind::Registered && !Pool)
      Bytes += -Bytes & (Granularity - 1);
    return Bytes;
  }
};

class AllocationMap {
public:
  void insert(const Allocation &A);
  /// Removes the allocation starting exactly at Base if its kind is Kind.
  bool erase(const void *Base, AllocationKind Kind, Allocation *Out);
  /// The allocation containing Ptr, if any, each reaching as far as
  /// Allocation::reach(Granularity) says.
  bool find(const void *Ptr, Allocation *Out, size_t Granularity = 1);
  bool overlaps(const void *Ptr, size_t Size);
  /// Ptr lies in device or managed memory freed lately (one of the last
  /// RecentFrees such ranges) that no allocation has taken since: a
  /// dangling device pointer.
  bool wasFreed(const void *Ptr);
  /// Removes and returns everything of one device (cudaDeviceReset).
  std::vector<Allocation> takeAll(int Device);
  /// The allocation nearest to Ptr (before or after it), if any.
  bool nearest(const void *Ptr, Allocation *Out);
  /// Everything live now.
  std::vector<Allocation> live();

  /// Called, under the map's lock, for every range erase() or takeAll()
  /// removes (memcheck and initcheck forget the range). Must not call back
  /// into the map. At most MaxObservers; adding one twice adds it once.
  using RemovalObserver = void (*)(const Allocation &);
  void addRemovalObserver(RemovalObserver Observer);

private:
  void forgetFreed(uintptr_t Begin, uintptr_t End);

  static constexpr size_t RecentFrees = 4096;
  std::mutex Mutex;
  std::map<uintptr_t, Allocation> Ranges;
  /// Freed ranges (disjoint: an allocation removes those it overlaps), and
  /// their bases oldest first, to forget the oldest. Each free has its own
  /// number: a base freed again (its memory reused, then freed) must not be
  /// forgotten with its first free.
  struct FreedRange {
    size_t Size;
    uint64_t Number;
  };
  std::map<uintptr_t, FreedRange> Freed;
  std::deque<std::pair<uintptr_t, uint64_t>> FreedOrder;
  uint64_t Frees = 0;
  void notifyRemoval(const Allocation &A);
  static constexpr unsigned MaxObservers = 4;
  std::atomic<RemovalObserver> Observers[MaxObservers] = {};
};

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_ALLOCATIONS_H
