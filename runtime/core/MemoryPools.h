//===- core/MemoryPools.h - The stream-ordered allocator --------*- C++ -*-===//
//
// Part of Tongxin. Memory pools (cudaMemPool_t) behind cudaMallocAsync and
// cudaFreeAsync: a pool takes blocks from its device and keeps freed ones
// for reuse, as far as stream order and the pool's reuse policies allow,
// up to its release threshold. Backend-independent: blocks are ordinary
// device allocations, entered in the allocation map with their pool.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_MEMORYPOOLS_H
#define TONGXIN_RUNTIME_CORE_MEMORYPOOLS_H

#include "core/Streams.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <vector>

namespace tx {

/// The settable cudaMemPoolAttr values.
struct PoolPolicy {
  bool FollowEventDependencies = true;
  bool AllowOpportunistic = true;
  bool AllowInternalDependencies = true;
  uint64_t ReleaseThreshold = 0;
};

/// The counters cudaMemPoolGetAttribute reports.
struct PoolUsage {
  uint64_t Reserved = 0, ReservedHigh = 0; ///< Held from the device.
  uint64_t Used = 0, UsedHigh = 0;         ///< Handed to the program.
};

class MemoryPool {
public:
  /// MaxSize 0: no limit besides the device's memory.
  MemoryPool(int Device, uint64_t MaxSize) : Device(Device), MaxSize(MaxSize) {}
  const int Device;

  /// A block of at least Size bytes that work on S may use from now on in
  /// stream order; reuses a freed block where the policies allow.
  Status allocate(size_t Size, Stream *S, void **Out);
  /// cudaFreeAsync: Ptr's block is free for work that runs after Freed,
  /// the completion of S's work submitted so far. False if Ptr is not a
  /// live allocation of this pool.
  bool freeAsync(void *Ptr, Stream *S, const Fence &Freed);
  /// cudaFree: Ptr's block is free now (the caller waited for the device).
  bool freeNow(void *Ptr);
  /// Returns cached blocks whose free has completed to the device until at
  /// most Keep bytes are reserved.
  void trimTo(uint64_t Keep);
  /// Releases what exceeds the release threshold (at synchronisations).
  void trimToThreshold();
  /// cudaDeviceReset released every block: forget them.
  void forgetBlocks();

  PoolPolicy policy();
  void setPolicy(const PoolPolicy &P);
  PoolUsage usage();
  void resetReservedHigh();
  void resetUsedHigh();

  /// Access granted to other devices (cudaMemPoolSetAccess), by ordinal.
  int access(int Ordinal);
  void setAccess(int Ordinal, int Flags);

private:
  struct Block {
    void *Ptr;
    size_t Size;
    Fence Freed;            ///< Free once reached...
    uint64_t FreedOnStream; ///< ...or in stream order on this stream (id).
  };

  /// A cached block work on S may reuse (adding a wait on S for it if the
  /// policy allows), or Cache.end().
  std::vector<Block>::iterator reusable(size_t Size, Stream *S);
  /// Moves Ptr's live block to the cache; false if it is not live.
  bool cache(void *Ptr, const Fence &Freed, uint64_t StreamId);
  Status takeFromDevice(size_t Size, void **Out);
  void returnToDevice(const Block &B);
  void releaseCompleted(uint64_t Keep);

  std::mutex Mutex;
  const uint64_t MaxSize;
  PoolPolicy Policy;
  PoolUsage Usage;
  std::map<void *, size_t> Live;
  std::vector<Block> Cache;
  std::map<int, int> Access;
};

/// Every pool of the process, and each device's default and current pool.
class MemoryPools {
public:
  static MemoryPools &get();

  MemoryPool *create(int Device, uint64_t MaxSize);
  /// False for a default pool or an unknown handle.
  bool destroy(MemoryPool *Pool);
  bool isLive(MemoryPool *Pool);
  MemoryPool *defaultPool(int Device);
  MemoryPool *current(int Device);
  void setCurrent(int Device, MemoryPool *Pool);
  /// cudaDeviceReset: the device's pools lose their blocks, the ones the
  /// program created are destroyed and the default one is current again.
  void resetDevice(int Device);
  /// At a synchronisation: every pool gives back what exceeds its release
  /// threshold.
  void trimAllToThreshold();

private:
  std::mutex Mutex;
  std::unordered_set<MemoryPool *> Live;
  /// Destroyed pools: their blocks go back to the device as they are freed.
  std::vector<MemoryPool *> Retired;
  std::map<int, MemoryPool *> Defaults, Currents;
};

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_MEMORYPOOLS_H
