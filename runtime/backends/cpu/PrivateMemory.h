//===- backends/cpu/PrivateMemory.h - Host-inaccessible memory --*- C++ -*-===//
//
// Part of Tongxin. The CPU device with private memory (TONGXIN_DEVICES=
// cpu-private) stands in for a GPU or an accelerator in tests: the runtime
// and the libraries must reach its memory only through the device (its
// copies, fills and kernels), never by dereferencing it on the host. To make
// a slip visible, its allocations are pages mapped without access while the
// device does no work, opened for the duration of each copy, fill and
// launch: a host access outside them faults, where a GPU's memory would
// give garbage or a crash of its own.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_BACKENDS_CPU_PRIVATEMEMORY_H
#define TONGXIN_RUNTIME_BACKENDS_CPU_PRIVATEMEMORY_H

#include <cstddef>
#include <map>
#include <mutex>

namespace tx {
namespace cpu {

class PrivateMemory {
public:
  /// Maps Bytes (at least one page) aligned to Alignment; null if it cannot.
  void *allocate(size_t Bytes, size_t Alignment);
  /// Unmaps an allocation of this pool; false if Ptr is not one.
  bool release(void *Ptr);

  /// While at least one Access is alive, the pages are readable and
  /// writable: device work (a copy, a fill, a kernel) runs inside one.
  class Access {
  public:
    explicit Access(PrivateMemory *Pool);
    ~Access();
    Access(const Access &) = delete;
    Access &operator=(const Access &) = delete;

  private:
    PrivateMemory *Pool;
  };

private:
  void protectAll(int Protection);

  std::mutex Mutex;
  std::map<char *, size_t> Mappings; ///< Start -> length.
  unsigned OpenCount = 0;
};

} // namespace cpu
} // namespace tx

#endif // TONGXIN_RUNTIME_BACKENDS_CPU_PRIVATEMEMORY_H
