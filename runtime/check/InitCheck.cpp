//===- check/InitCheck.cpp - initcheck's runtime side ---------------------===//
//
// Part of Tongxin. See InitCheck.h and tongxin/check_abi.h.
//
// A shadow per device allocation holds a bit per byte, set once the byte
// is written. Shadows are made on first use, from the runtime's allocation
// map, and dropped when the allocation goes. Each thread remembers the
// last few ranges it looked up, valid until any allocation goes (Epoch),
// so that checked device code looks up the map only when it reaches
// another allocation.
//
//===----------------------------------------------------------------------===//

#include "check/InitCheck.h"
#include "check/CheckReports.h"
#include "core/Context.h"
#include "tongxin/check_abi.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace tx {
namespace check {

namespace {

/// Which bytes of one device allocation have been written.
class Shadow {
public:
  Shadow(uintptr_t Base, size_t Bytes, bool Written)
      : Base(Base), Bytes(Bytes) {
    if (!Written)
      Bits.reset(static_cast<uint64_t *>(
          std::calloc((Bytes + 63) / 64, sizeof(uint64_t))));
    // Too big to track (no memory for the bits): counted as written.
    AllWritten.store(Written || !Bits, std::memory_order_relaxed);
  }

  const uintptr_t Base;
  const size_t Bytes;

  /// How many of the N bytes from Offset were never written; the offset of
  /// the first of them in *First.
  size_t unwritten(size_t Offset, size_t N, size_t *First) const {
    if (AllWritten.load(std::memory_order_relaxed))
      return 0;
    size_t Count = 0;
    forEachWord(Offset, N, [&](size_t Word, uint64_t Mask, size_t Low) {
      uint64_t Missing =
          ~__atomic_load_n(&Bits.get()[Word], __ATOMIC_RELAXED) & Mask;
      if (Missing && !Count)
        *First = Low + __builtin_ctzll(Missing) - (Low % 64);
      Count += __builtin_popcountll(Missing);
    });
    return Count;
  }

  void markWritten(size_t Offset, size_t N) {
    if (AllWritten.load(std::memory_order_relaxed))
      return;
    forEachWord(Offset, N, [&](size_t Word, uint64_t Mask, size_t) {
      uint64_t *Slot = &Bits.get()[Word];
      if ((__atomic_load_n(Slot, __ATOMIC_RELAXED) & Mask) != Mask)
        __atomic_fetch_or(Slot, Mask, __ATOMIC_RELAXED);
    });
  }

  void markAllWritten() { AllWritten.store(true, std::memory_order_relaxed); }

private:
  /// Calls Fn(Word, Mask, FirstBit) for the words of bits [Offset,
  /// Offset + N): the bits of the range in each, and the first one's index.
  template <typename Fn>
  static void forEachWord(size_t Offset, size_t N, Fn &&F) {
    size_t End = Offset + N;
    while (Offset < End) {
      size_t Bit = Offset % 64;
      size_t Take = std::min<size_t>(64 - Bit, End - Offset);
      uint64_t Mask = (Take == 64 ? ~uint64_t(0) : (uint64_t(1) << Take) - 1)
                      << Bit;
      F(Offset / 64, Mask, Offset);
      Offset += Take;
    }
  }

  struct FreeDeleter {
    void operator()(uint64_t *P) const { std::free(P); }
  };
  std::unique_ptr<uint64_t, FreeDeleter> Bits;
  std::atomic<bool> AllWritten{false};
};

struct InitState {
  std::mutex Mutex;
  std::map<uintptr_t, std::shared_ptr<Shadow>> Shadows;
  /// Bumped whenever an allocation goes: threads' cached shadows are stale.
  std::atomic<uint64_t> Epoch{1};
  std::atomic<bool> Active{false};
};

InitState &state() {
  static InitState *S = new InitState(); // Used at exit: never destroyed.
  return *S;
}

/// A range a thread looked up: a tracked allocation (Tracked set) or
/// memory that is not tracked (Tracked null).
struct CachedRange {
  uintptr_t Begin = 0, End = 0;
  std::shared_ptr<Shadow> Tracked;
};

/// The ranges a thread looked up last (a kernel reads and writes a few
/// arrays in turn), valid while Epoch holds.
struct RangeCache {
  static constexpr unsigned Size = 8;
  uint64_t Epoch = 0;
  CachedRange Ranges[Size];
  unsigned Next = 0; ///< The entry the next lookup replaces.

  const CachedRange *find(uint64_t Current, uintptr_t Address) {
    if (Epoch != Current) {
      for (CachedRange &R : Ranges)
        R = CachedRange();
      Epoch = Current;
      return nullptr;
    }
    for (const CachedRange &R : Ranges)
      if (Address - R.Begin < R.End - R.Begin)
        return &R;
    return nullptr;
  }
  void add(CachedRange Range) {
    Ranges[Next] = std::move(Range);
    Next = (Next + 1) % Size;
  }
};
thread_local RangeCache Cache;

void onAllocationRemoved(const Allocation &A) {
  InitState &S = state();
  std::lock_guard<std::mutex> Lock(S.Mutex);
  S.Epoch.fetch_add(1, std::memory_order_acq_rel);
  S.Shadows.erase(A.Base);
}

/// The shadow of the device allocation that holds Address, or null for
/// memory that is not tracked.
Shadow *shadowOf(uintptr_t Address) {
  InitState &S = state();
  for (;;) {
    uint64_t Epoch = S.Epoch.load(std::memory_order_acquire);
    if (const CachedRange *Hit = Cache.find(Epoch, Address))
      return Hit->Tracked.get();
    Allocation A;
    if (!Context::get().allocations().find(reinterpret_cast<void *>(Address),
                                           &A) ||
        Address - A.Base >= A.Size)
      return nullptr;
    std::lock_guard<std::mutex> Lock(S.Mutex);
    if (S.Epoch.load(std::memory_order_acquire) != Epoch)
      continue; // An allocation went meanwhile: look again.
    if (A.Kind != AllocationKind::Device) {
      Cache.add({A.Base, A.Base + A.Size, nullptr});
      return nullptr; // The host may write it directly.
    }
    std::shared_ptr<Shadow> &Slot = S.Shadows[A.Base];
    if (!Slot || Slot->Bytes != A.Size)
      Slot = std::make_shared<Shadow>(A.Base, A.Size, /*Written=*/false);
    Cache.add({A.Base, A.Base + A.Size, Slot});
    return Slot.get();
  }
}

/// "Address ... is N bytes into the allocation at ... of size ... bytes".
std::string placeInAllocation(uintptr_t Address, const Shadow &S) {
  return format("Address 0x%llx is %llu bytes into the allocation at 0x%llx "
                "of size %llu bytes",
                static_cast<unsigned long long>(Address),
                static_cast<unsigned long long>(Address - S.Base),
                static_cast<unsigned long long>(S.Base),
                static_cast<unsigned long long>(S.Bytes));
}

/// "and <which> never written since it was allocated".
std::string neverWritten(size_t Unwritten, size_t Bytes, uintptr_t First) {
  if (Unwritten == Bytes)
    return Bytes == 1 ? "and the byte was never written since it was allocated"
                      : "and none of the bytes was written since it was "
                        "allocated";
  return format("and %llu of the %llu bytes (the first at 0x%llx) were never "
                "written since it was allocated",
                static_cast<unsigned long long>(Unwritten),
                static_cast<unsigned long long>(Bytes),
                static_cast<unsigned long long>(First));
}

/// The bytes of [Address, Address + Bytes) inside S (an access may run past
/// the allocation's end: memcheck's business).
size_t bytesInside(const Shadow &S, uintptr_t Address, uint64_t Bytes) {
  return std::min<uint64_t>(Bytes, S.Base + S.Bytes - Address);
}

} // namespace

void startInitcheck() {
  InitState &S = state();
  if (!S.Active.exchange(true))
    Context::get().allocations().addRemovalObserver(onAllocationRemoved);
}

bool initcheckActive() {
  return state().Active.load(std::memory_order_relaxed);
}

void initcheckCopy(void *Dst, const void *Src, size_t Bytes) {
  if (!initcheckActive() || !Bytes)
    return;
  auto From = reinterpret_cast<uintptr_t>(Src);
  if (Shadow *S = shadowOf(From)) {
    size_t N = bytesInside(*S, From, Bytes), First = 0;
    if (size_t Unwritten = S->unwritten(From - S->Base, N, &First)) {
      ErrorReport Report{"Host API uninitialized memory access", {}};
      Report.Details.push_back(
          format("A copy (cudaMemcpy and the like) reads %llu bytes of "
                 "device memory at 0x%llx",
                 static_cast<unsigned long long>(N),
                 static_cast<unsigned long long>(From)));
      Report.Details.push_back(placeInAllocation(From, *S));
      Report.Details.push_back(neverWritten(Unwritten, N, S->Base + First));
      printDetached(Report);
    }
  }
  initcheckFill(Dst, Bytes);
}

void initcheckFill(void *Dst, size_t Bytes) {
  if (!initcheckActive() || !Bytes)
    return;
  auto To = reinterpret_cast<uintptr_t>(Dst);
  if (Shadow *S = shadowOf(To))
    S->markWritten(To - S->Base, bytesInside(*S, To, Bytes));
}

void initcheckLibraryWrote() {
  if (!initcheckActive())
    return;
  InitState &S = state();
  std::vector<Allocation> Live;
  std::unique_lock<std::mutex> Lock(S.Mutex, std::defer_lock);
  for (;;) {
    uint64_t Epoch = S.Epoch.load(std::memory_order_acquire);
    Live = Context::get().allocations().live();
    Lock.lock();
    if (S.Epoch.load(std::memory_order_acquire) == Epoch)
      break;
    Lock.unlock(); // An allocation went meanwhile: list them again.
  }
  for (const Allocation &A : Live) {
    if (A.Kind != AllocationKind::Device)
      continue;
    std::shared_ptr<Shadow> &Slot = S.Shadows[A.Base];
    if (Slot && Slot->Bytes == A.Size)
      Slot->markAllWritten();
    else
      Slot = std::make_shared<Shadow>(A.Base, A.Size, /*Written=*/true);
  }
}

} // namespace check
} // namespace tx

using namespace tx::check;

extern "C" __attribute__((visibility("default"))) void
__tx_initcheck_read(const TxCheckSite *Site, const void *Address,
                    uint64_t Bytes) {
  auto Begin = reinterpret_cast<uintptr_t>(Address);
  Shadow *S = shadowOf(Begin);
  if (!S)
    return;
  size_t N = bytesInside(*S, Begin, Bytes), First = 0;
  size_t Unwritten = S->unwritten(Begin - S->Base, N, &First);
  if (!Unwritten)
    return;
  bool Atomic = Site && (Site->Flags & TX_CHECK_ATOMIC);
  ErrorReport Report{format("Uninitialized __global__ memory read of size "
                            "%llu byte%s%s",
                            static_cast<unsigned long long>(Bytes),
                            Bytes == 1 ? "" : "s", Atomic ? " (atomic)" : ""),
                     {}};
  Report.Details.push_back(placeInAllocation(Begin, *S));
  Report.Details.push_back(neverWritten(Unwritten, N, S->Base + First));
  reportError(Site, Report);
}

extern "C" __attribute__((visibility("default"))) void
__tx_initcheck_write(const void *Address, uint64_t Bytes) {
  initcheckFill(const_cast<void *>(Address), Bytes);
}
