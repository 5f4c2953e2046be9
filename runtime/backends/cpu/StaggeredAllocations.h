//===- backends/cpu/StaggeredAllocations.h - Page offsets ------*- C++ -*-===//
//
// Part of Tongxin. Large device allocations all start on a page boundary
// (a huge page's, where the kernel gives them), so element i of every
// array has the same address modulo 4 KiB. A CPU orders a load after an
// earlier store by those low 12 bits first: when a kernel stores to one
// array while it reads another at the same offsets, nearly every load
// waits for a store it does not depend on (4 KiB aliasing). A Jacobi
// sweep between two 4 MiB buffers ran half as fast for it on an Intel Xeon
// as with the second buffer 512 bytes further on. As
// allocators do for large allocations (jemalloc's cache-oblivious
// placement), each large allocation therefore starts at the next of eight
// offsets within a page, all multiples of the alignment CUDA promises.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CPU_STAGGEREDALLOCATIONS_H
#define TONGXIN_RUNTIME_BACKENDS_CPU_STAGGEREDALLOCATIONS_H

#include <atomic>
#include <cstddef>
#include <mutex>
#include <unordered_map>

namespace tx {
namespace cpu {

class StaggeredAllocations {
public:
  /// Allocations at least this large are staggered: the page they may
  /// waste is at most 1/64 of them.
  static constexpr size_t MinBytes = 256 * 1024;
  static constexpr size_t PageBytes = 4096;

  /// Where an allocation starts within a page, and the bytes to allocate
  /// beyond its size so that it can (0: not staggered).
  struct Placement {
    size_t PageOffset = 0;
    size_t Slack = 0;
  };
  /// The placement of a new allocation of Bytes aligned to Alignment (a
  /// power of 2): none for small allocations and for alignments of a page
  /// or more, else the next of up to eight page offsets, multiples of
  /// Alignment.
  Placement plan(size_t Bytes, size_t Alignment);
  /// The start of the allocation P plans, in the memory at Base (aligned
  /// as planned, P.Slack bytes longer than the allocation), remembered
  /// until forget.
  void *place(void *Base, const Placement &P);
  /// The memory to free for User, which is no longer remembered: its Base,
  /// or User itself where it was not staggered.
  void *forget(void *User);

private:
  std::atomic<unsigned> NextSlot{0};
  std::mutex Mutex;
  std::unordered_map<void *, void *> Bases;
};

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_STAGGEREDALLOCATIONS_H
