//===- core/Allocations.h - Live allocations by address ---------*- C++ -*-===//
//
// Part of Tongxin. Tracks every range the runtime handed out or registered
// so that frees can be validated and cudaPointerGetAttributes can answer
// for any pointer inside a range.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_ALLOCATIONS_H
#define TONGXIN_RUNTIME_CORE_ALLOCATIONS_H

#include <cstddef>
#include <cstdint>
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
};

class AllocationMap {
public:
  void insert(const Allocation &A);
  /// Removes the allocation starting exactly at Base if its kind is Kind.
  bool erase(const void *Base, AllocationKind Kind, Allocation *Out);
  /// The allocation containing Ptr, if any.
  bool find(const void *Ptr, Allocation *Out);
  bool overlaps(const void *Ptr, size_t Size);
  /// Removes and returns everything of one device (cudaDeviceReset).
  std::vector<Allocation> takeAll(int Device);

private:
  std::mutex Mutex;
  std::map<uintptr_t, Allocation> Ranges;
};

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_ALLOCATIONS_H
