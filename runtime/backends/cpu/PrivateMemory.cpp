//===- backends/cpu/PrivateMemory.cpp - Memory the host must not touch ----===//
//
// Part of Tongxin. See PrivateMemory.h.
//
//===----------------------------------------------------------------------===//

#include "backends/cpu/PrivateMemory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace tx {
namespace cpu {

static size_t pageSize() {
  static const size_t Page = size_t(sysconf(_SC_PAGESIZE));
  return Page;
}

static size_t roundUp(size_t Bytes, size_t To) {
  return (Bytes + To - 1) / To * To;
}

void *PrivateMemory::allocate(size_t Bytes, size_t Alignment) {
  size_t Page = pageSize();
  if (Alignment < Page)
    Alignment = Page;
  size_t Length = roundUp(Bytes ? Bytes : 1, Page);
  if (Length > SIZE_MAX - Alignment)
    return nullptr;
  std::lock_guard<std::mutex> Lock(Mutex);
  int Protection = OpenCount ? PROT_READ | PROT_WRITE : PROT_NONE;
  // Over-map by the alignment and give back the slack on either side.
  size_t Mapped = Length + Alignment - Page;
  void *Raw =
      mmap(nullptr, Mapped, Protection, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (Raw == MAP_FAILED)
    return nullptr;
  char *Start = static_cast<char *>(Raw);
  uintptr_t Address = reinterpret_cast<uintptr_t>(Start);
  char *Aligned = Start + (roundUp(Address, Alignment) - Address);
  if (Aligned > Start)
    munmap(Start, size_t(Aligned - Start));
  char *End = Aligned + Length;
  if (End < Start + Mapped)
    munmap(End, size_t(Start + Mapped - End));
  Mappings[Aligned] = Length;
  return Aligned;
}

bool PrivateMemory::release(void *Ptr) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Mappings.find(static_cast<char *>(Ptr));
  if (It == Mappings.end())
    return false;
  munmap(It->first, It->second);
  Mappings.erase(It);
  return true;
}

void PrivateMemory::protectAll(int Protection) {
  for (auto &[Start, Length] : Mappings)
    mprotect(Start, Length, Protection);
}

PrivateMemory::Access::Access(PrivateMemory *Pool) : Pool(Pool) {
  if (!Pool)
    return;
  std::lock_guard<std::mutex> Lock(Pool->Mutex);
  if (Pool->OpenCount++ == 0)
    Pool->protectAll(PROT_READ | PROT_WRITE);
}

PrivateMemory::Access::~Access() {
  if (!Pool)
    return;
  std::lock_guard<std::mutex> Lock(Pool->Mutex);
  if (--Pool->OpenCount == 0)
    Pool->protectAll(PROT_NONE);
}

} // namespace cpu
} // namespace tx
