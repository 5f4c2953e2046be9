//===- core/MemoryPools.cpp - The stream-ordered allocator ----------------===//
//
// Part of Tongxin. See MemoryPools.h.
//
//===----------------------------------------------------------------------===//

#include "core/MemoryPools.h"

#include "core/Context.h"

#include <algorithm>

namespace tx {

/// Pool blocks have cudaMalloc's alignment (textureAlignment).
static constexpr size_t BlockAlignment = 512;

//===--- One pool ---------------------------------------------------------===//

Status MemoryPool::takeFromDevice(size_t Size, void **Out) {
  if (MaxSize && Usage.Reserved + Size > MaxSize)
    return Status(StatusCode::OutOfMemory, "the memory pool is full");
  DeviceSlot *Slot = Context::get().slot(Device);
  if (!Slot)
    return Status(StatusCode::InvalidArgument, "the pool's device is gone");
  void *P = nullptr;
  Status St = Slot->Device->allocate(Size, BlockAlignment, &P);
  if (!St.isOk())
    return St;
  Allocation A;
  A.Base = reinterpret_cast<uintptr_t>(P);
  A.Size = Size;
  A.Kind = AllocationKind::Device;
  A.Device = Device;
  A.Pool = this;
  Context::get().allocations().insert(A);
  Usage.Reserved += Size;
  Usage.ReservedHigh = std::max(Usage.ReservedHigh, Usage.Reserved);
  *Out = P;
  return Status::ok();
}

void MemoryPool::returnToDevice(const Block &B) {
  Context::get().allocations().erase(B.Ptr, AllocationKind::Device, nullptr);
  if (DeviceSlot *Slot = Context::get().slot(Device))
    Slot->Device->release(B.Ptr);
  Usage.Reserved -= B.Size;
}

std::vector<MemoryPool::Block>::iterator MemoryPool::reusable(size_t Size,
                                                              Stream *S) {
  // Best fit, and never more than twice the request: a large block stays
  // available for a large request.
  auto Best = Cache.end();
  auto Fits = [&](const Block &B) {
    return B.Size >= Size && B.Size <= 2 * Size &&
           (Best == Cache.end() || B.Size < Best->Size);
  };
  // In stream order on the freeing stream, or once the free has completed.
  for (auto It = Cache.begin(); It != Cache.end(); ++It)
    if (Fits(*It) && (It->FreedOnStream == S->Id ||
                      (Policy.AllowOpportunistic && It->Freed.reached())))
      Best = It;
  if (Best != Cache.end() || !Policy.AllowInternalDependencies)
    return Best;
  // Any block, with S made to wait for its free.
  for (auto It = Cache.begin(); It != Cache.end(); ++It)
    if (Fits(*It))
      Best = It;
  if (Best != Cache.end())
    if (DeviceSlot *Slot = Context::get().slot(Device))
      if (!Slot->Streams->submit(S, {Best->Freed}, [] {}).isOk())
        return Cache.end();
  return Best;
}

Status MemoryPool::allocate(size_t Size, Stream *S, void **Out) {
  std::lock_guard<std::mutex> Lock(Mutex);
  void *P = nullptr;
  auto It = reusable(Size, S);
  if (It != Cache.end()) {
    P = It->Ptr;
    Size = It->Size;
    Cache.erase(It);
  } else {
    Status St = takeFromDevice(Size, &P);
    if (St.code() == StatusCode::OutOfMemory) {
      // Give back completed frees and try once more.
      releaseCompleted(0);
      St = takeFromDevice(Size, &P);
    }
    if (!St.isOk())
      return St;
  }
  Live[P] = Size;
  Usage.Used += Size;
  Usage.UsedHigh = std::max(Usage.UsedHigh, Usage.Used);
  *Out = P;
  return Status::ok();
}

bool MemoryPool::cache(void *Ptr, const Fence &Freed, uint64_t StreamId) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Live.find(Ptr);
  if (It == Live.end())
    return false;
  Usage.Used -= It->second;
  Cache.push_back({Ptr, It->second, Freed, StreamId});
  Live.erase(It);
  return true;
}

bool MemoryPool::freeAsync(void *Ptr, Stream *S, const Fence &Freed) {
  return cache(Ptr, Freed, S->Id);
}

bool MemoryPool::freeNow(void *Ptr) {
  // An unset fence is reached: free for every stream at once.
  return cache(Ptr, Fence(), 0);
}

void MemoryPool::releaseCompleted(uint64_t Keep) {
  for (auto It = Cache.begin(); It != Cache.end() && Usage.Reserved > Keep;) {
    if (!It->Freed.reached()) {
      ++It;
      continue;
    }
    returnToDevice(*It);
    It = Cache.erase(It);
  }
}

void MemoryPool::trimTo(uint64_t Keep) {
  std::lock_guard<std::mutex> Lock(Mutex);
  releaseCompleted(Keep);
}

void MemoryPool::trimToThreshold() {
  std::lock_guard<std::mutex> Lock(Mutex);
  releaseCompleted(Policy.ReleaseThreshold);
}

void MemoryPool::forgetBlocks() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Live.clear();
  Cache.clear();
  Usage = PoolUsage();
}

PoolPolicy MemoryPool::policy() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Policy;
}

void MemoryPool::setPolicy(const PoolPolicy &P) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Policy = P;
}

PoolUsage MemoryPool::usage() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Usage;
}

void MemoryPool::resetReservedHigh() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Usage.ReservedHigh = Usage.Reserved;
}

void MemoryPool::resetUsedHigh() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Usage.UsedHigh = Usage.Used;
}

int MemoryPool::access(int Ordinal) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Access.find(Ordinal);
  return It == Access.end() ? 0 : It->second;
}

void MemoryPool::setAccess(int Ordinal, int Flags) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Access[Ordinal] = Flags;
}

//===--- All pools --------------------------------------------------------===//

MemoryPools &MemoryPools::get() {
  // Leaked on purpose, like the registry.
  static MemoryPools *Instance = new MemoryPools();
  return *Instance;
}

MemoryPool *MemoryPools::create(int Device, uint64_t MaxSize) {
  auto *Pool = new MemoryPool(Device, MaxSize);
  std::lock_guard<std::mutex> Lock(Mutex);
  Live.insert(Pool);
  return Pool;
}

bool MemoryPools::destroy(MemoryPool *Pool) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (!Live.count(Pool) || Defaults[Pool->Device] == Pool)
      return false;
    Live.erase(Pool);
    Retired.push_back(Pool);
    if (Currents[Pool->Device] == Pool)
      Currents[Pool->Device] = Defaults[Pool->Device];
  }
  // Blocks still allocated keep the pool object alive (it is never freed);
  // what is cached goes back now.
  Pool->trimTo(0);
  return true;
}

bool MemoryPools::isLive(MemoryPool *Pool) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Pool && Live.count(Pool);
}

MemoryPool *MemoryPools::defaultPool(int Device) {
  std::lock_guard<std::mutex> Lock(Mutex);
  MemoryPool *&Pool = Defaults[Device];
  if (!Pool) {
    Pool = new MemoryPool(Device, 0);
    Live.insert(Pool);
  }
  return Pool;
}

MemoryPool *MemoryPools::current(int Device) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Currents.find(Device);
    if (It != Currents.end() && It->second)
      return It->second;
  }
  return defaultPool(Device);
}

void MemoryPools::setCurrent(int Device, MemoryPool *Pool) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Currents[Device] = Pool;
}

void MemoryPools::resetDevice(int Device) {
  std::vector<MemoryPool *> Pools;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    for (MemoryPool *Pool : Live)
      if (Pool->Device == Device)
        Pools.push_back(Pool);
    for (MemoryPool *Pool : Pools)
      if (Pool != Defaults[Device])
        Live.erase(Pool);
    Currents.erase(Device);
  }
  for (MemoryPool *Pool : Pools)
    Pool->forgetBlocks();
}

void MemoryPools::trimAllToThreshold() {
  std::vector<MemoryPool *> Pools, Destroyed;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    Pools.assign(Live.begin(), Live.end());
    Destroyed = Retired;
  }
  for (MemoryPool *Pool : Pools)
    Pool->trimToThreshold();
  for (MemoryPool *Pool : Destroyed)
    Pool->trimTo(0);
}

} // namespace tx
