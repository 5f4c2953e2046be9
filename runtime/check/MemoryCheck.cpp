//===- check/MemoryCheck.cpp - memcheck's runtime side --------------------===//
//
// Part of Tongxin. See MemoryCheck.h and tongxin/check_abi.h.
//
// Valid targets of a plain pointer in device code, in the order they are
// tried: the running block's shared memory and the worker's own memory
// (stack, per-thread scratch, the launch's arguments), which are per
// worker and so never cached in a site; then the runtime's allocations
// (cudaMalloc & co., pools, pinned, managed and registered host memory),
// device-heap blocks, variables of checked modules and __managed__
// variables. A range found among the latter is cached in the site, so
// the next access there is checked inline.
//
//===----------------------------------------------------------------------===//

#include "check/MemoryCheck.h"
#include "backends/cpu/BlockPool.h"
#include "backends/cpu/DeviceServices.h"
#include "check/CheckReports.h"
#include "core/Context.h"
#include "core/Registry.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <pthread.h>

extern "C" __attribute__((
    visibility("default"),
    tls_model("initial-exec"))) __thread uint64_t __tx_memcheck_shared_bytes =
    0;

namespace tx {
namespace check {

namespace {

/// Addresses below this are null pointers plus a small offset.
constexpr uintptr_t NullPage = 4096;
/// Freed device-heap blocks remembered to name double frees.
constexpr size_t MaxFreedHeapBlocks = 1 << 16;

/// A range known valid, with what it is for reports.
struct KnownRange {
  TxCheckRange *Range;
  uint64_t Bytes;
  const char *What; ///< "allocation", "device-heap block", a variable name.
};

/// Everything the checker tracks. Lock order: AllocationMap's lock may be
/// held when Mutex is taken (the removal observer), never the reverse.
struct CheckerState {
  std::mutex Mutex;
  /// Live ranges by base: allocations and device-heap blocks with their
  /// site-cache records, variables of checked modules.
  std::map<uintptr_t, KnownRange> Allocations;
  std::map<uintptr_t, KnownRange> Heap;
  std::map<uintptr_t, KnownRange> Variables;
  /// Device-heap blocks freed lately (base -> bytes), for double frees.
  std::map<uintptr_t, uint64_t> FreedHeap;
  /// Range records: handed to sites and never freed (sites keep them).
  std::deque<TxCheckRange> Records;
  /// Bumped by every removal, so that a lookup that raced with one
  /// retries rather than caching a dead range.
  std::atomic<uint64_t> Removals{0};
  std::atomic<bool> Active{false};

  TxCheckRange *newRecord(uintptr_t Begin, uint64_t Bytes) {
    Records.push_back({Begin, Begin + Bytes});
    return &Records.back();
  }
};

CheckerState &state() {
  static CheckerState *S = new CheckerState(); // Used at exit.
  return *S;
}

/// Empties a range in place; device code may be reading it right now.
void emptyRange(TxCheckRange *Range) {
  __atomic_store_n(&Range->End, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&Range->Begin, ~uint64_t(0), __ATOMIC_RELAXED);
}

void onAllocationRemoved(const Allocation &A) {
  CheckerState &S = state();
  std::lock_guard<std::mutex> Lock(S.Mutex);
  S.Removals.fetch_add(1);
  auto It = S.Allocations.find(A.Base);
  if (It == S.Allocations.end())
    return;
  emptyRange(It->second.Range);
  S.Allocations.erase(It);
}

/// The calling thread's stack, for pointers to locals that device
/// functions received as arguments.
bool onOwnStack(uintptr_t Begin, uintptr_t End) {
  static thread_local uintptr_t Low = 0, High = 0;
  if (!High) {
    pthread_attr_t Attr;
    void *Addr;
    size_t Size;
    if (pthread_getattr_np(pthread_self(), &Attr) != 0)
      return false;
    if (pthread_attr_getstack(&Attr, &Addr, &Size) == 0) {
      Low = reinterpret_cast<uintptr_t>(Addr);
      High = Low + Size;
    }
    pthread_attr_destroy(&Attr);
  }
  return Begin >= Low && End <= High;
}

bool inside(uintptr_t Begin, uintptr_t End, uintptr_t Base, uint64_t Bytes) {
  return Begin >= Base && End <= Base + Bytes && End >= Begin;
}

/// Memory of the running block and worker: shared memory, scratch, stack,
/// the launch's argument values.
bool inWorkerMemory(uintptr_t Begin, uintptr_t End) {
  const TxBlockContext *Ctx = __tx_current_block;
  if (onOwnStack(Begin, End))
    return true;
  if (!Ctx)
    return false;
  const auto *Job = static_cast<const cpu::GridJob *>(Ctx->Launch);
  if (Ctx->SharedMem &&
      inside(Begin, End, reinterpret_cast<uintptr_t>(Ctx->SharedMem),
             __tx_memcheck_shared_bytes))
    return true;
  if (!Job)
    return false;
  if (Ctx->Scratch &&
      inside(Begin, End,
             reinterpret_cast<uintptr_t>(Ctx->Scratch) - TX_SCRATCH_GUARD_BYTES,
             Job->ScratchBytes + 2 * TX_SCRATCH_GUARD_BYTES))
    return true;
  const TxKernelRecord *Kernel = Job->Kernel;
  for (uint32_t I = 0; Kernel && Job->Args && I < Kernel->NumParams; ++I)
    if (inside(Begin, End, reinterpret_cast<uintptr_t>(Job->Args[I]),
               Kernel->ParamSizes[I]))
      return true;
  return false;
}

/// The entry of Map whose range holds [Begin, End), or null.
const KnownRange *findIn(const std::map<uintptr_t, KnownRange> &Map,
                         uintptr_t Begin, uintptr_t End) {
  auto It = Map.upper_bound(Begin);
  if (It == Map.begin())
    return nullptr;
  --It;
  return inside(Begin, End, It->first, It->second.Bytes) ? &It->second
                                                         : nullptr;
}

/// The record of a live runtime allocation holding [Begin, End), made on
/// first use; null if there is none.
TxCheckRange *allocationRange(uintptr_t Begin, uintptr_t End) {
  CheckerState &S = state();
  for (;;) {
    uint64_t Removals = S.Removals.load();
    Allocation A;
    if (!Context::get().allocations().find(reinterpret_cast<void *>(Begin),
                                           &A) ||
        !inside(Begin, End, A.Base, A.Size))
      return nullptr;
    std::lock_guard<std::mutex> Lock(S.Mutex);
    if (S.Removals.load() != Removals)
      continue; // Something was freed meanwhile: look again.
    auto It = S.Allocations.find(A.Base);
    if (It != S.Allocations.end() && It->second.Bytes == A.Size)
      return It->second.Range;
    TxCheckRange *Range = S.newRecord(A.Base, A.Size);
    S.Allocations[A.Base] = {Range, A.Size, "allocation"};
    return Range;
  }
}

/// A valid range holding [Begin, End) that may be cached in a site.
TxCheckRange *cacheableRange(uintptr_t Begin, uintptr_t End) {
  if (TxCheckRange *Range = allocationRange(Begin, End))
    return Range;
  CheckerState &S = state();
  std::lock_guard<std::mutex> Lock(S.Mutex);
  if (const KnownRange *K = findIn(S.Heap, Begin, End))
    return K->Range;
  if (const KnownRange *K = findIn(S.Variables, Begin, End))
    return K->Range;
  return nullptr;
}

bool isManagedVariable(uintptr_t Begin, uintptr_t End) {
  uintptr_t Base;
  size_t Bytes;
  return Registry::get().findManagedObject(reinterpret_cast<void *>(Begin),
                                           &Base, &Bytes) &&
         inside(Begin, End, Base, Bytes);
}

const char *spaceName(const TxCheckSite &Site) {
  switch (Site.Flags >> TX_CHECK_SPACE_SHIFT) {
  case TX_CHECK_SPACE_SHARED:
    return "__shared__";
  case TX_CHECK_SPACE_LOCAL:
    return "__local__";
  default:
    return "__global__";
  }
}

std::string headline(const TxCheckSite &Site, uint64_t Bytes) {
  return format("Invalid %s %s of size %llu byte%s", spaceName(Site),
                accessVerb(Site), static_cast<unsigned long long>(Bytes),
                Bytes == 1 ? "" : "s");
}

/// "and is N bytes after/before <what> at <base> of size <bytes> bytes".
std::string relation(uintptr_t Begin, uint64_t Bytes, uintptr_t Base,
                     uint64_t ObjectBytes, const std::string &What) {
  if (Begin >= Base + ObjectBytes)
    return format("and is %llu bytes after %s at 0x%llx of size %llu bytes",
                  static_cast<unsigned long long>(Begin - Base - ObjectBytes),
                  What.c_str(), static_cast<unsigned long long>(Base),
                  static_cast<unsigned long long>(ObjectBytes));
  if (Begin < Base)
    return format("and is %llu bytes before %s at 0x%llx of size %llu bytes",
                  static_cast<unsigned long long>(Base - Begin), What.c_str(),
                  static_cast<unsigned long long>(Base),
                  static_cast<unsigned long long>(ObjectBytes));
  return format(
      "and runs %llu bytes past the end of %s at 0x%llx of size "
      "%llu bytes",
      static_cast<unsigned long long>(Begin + Bytes - Base - ObjectBytes),
      What.c_str(), static_cast<unsigned long long>(Base),
      static_cast<unsigned long long>(ObjectBytes));
}

[[noreturn]] void failBlock() {
  cpu::abandonBlock(StatusCode::LaunchFailed);
  std::abort(); // Not in a block: nothing sane to return to.
}

/// The address of an invalid global access, explained.
void explainAddress(uintptr_t Begin, uint64_t Bytes, ErrorReport &Report) {
  const void *Ptr = reinterpret_cast<const void *>(Begin);
  AllocationMap &Map = Context::get().allocations();
  if (Begin < NullPage) {
    Report.Details.push_back(
        format("Address 0x%llx is a null pointer (plus an offset)",
               static_cast<unsigned long long>(Begin)));
    return;
  }
  if (Map.wasFreed(Ptr)) {
    Report.Details.push_back(
        format("Address 0x%llx is in memory freed by cudaFree (use after "
               "free)",
               static_cast<unsigned long long>(Begin)));
    return;
  }
  {
    CheckerState &S = state();
    std::lock_guard<std::mutex> Lock(S.Mutex);
    auto Freed = S.FreedHeap.upper_bound(Begin);
    if (Freed != S.FreedHeap.begin() &&
        Begin - std::prev(Freed)->first < std::prev(Freed)->second) {
      Report.Details.push_back(format(
          "Address 0x%llx is in a device-heap block freed by free() (use "
          "after free)",
          static_cast<unsigned long long>(Begin)));
      return;
    }
  }
  Report.Details.push_back(format("Address 0x%llx is out of bounds",
                                  static_cast<unsigned long long>(Begin)));
  // The nearest of the runtime's allocations, device-heap blocks and
  // variables.
  uintptr_t Base = 0;
  uint64_t ObjectBytes = 0;
  std::string What;
  auto consider = [&](uintptr_t B, uint64_t N, const std::string &Name) {
    auto gap = [Begin](uintptr_t B, uint64_t N) {
      return Begin < B ? B - Begin : Begin - std::min<uintptr_t>(Begin, B + N);
    };
    if (What.empty() || gap(B, N) < gap(Base, ObjectBytes)) {
      Base = B;
      ObjectBytes = N;
      What = Name;
    }
  };
  Allocation Near;
  if (Map.nearest(Ptr, &Near))
    consider(Near.Base, Near.Size, "the nearest allocation");
  {
    CheckerState &S = state();
    std::lock_guard<std::mutex> Lock(S.Mutex);
    for (auto *Known : {&S.Heap, &S.Variables}) {
      auto After = Known->upper_bound(Begin);
      if (After != Known->end())
        consider(After->first, After->second.Bytes,
                 Known == &S.Heap ? "the nearest device-heap block"
                                  : format("variable %s", After->second.What));
      if (After != Known->begin()) {
        auto Before = std::prev(After);
        consider(Before->first, Before->second.Bytes,
                 Known == &S.Heap ? "the nearest device-heap block"
                                  : format("variable %s", Before->second.What));
      }
    }
  }
  if (!What.empty())
    Report.Details.push_back(relation(Begin, Bytes, Base, ObjectBytes, What));
}

uintptr_t misalignment(const TxCheckSite &Site, uintptr_t Begin) {
  return Site.Alignment > 1 ? Begin % Site.Alignment : 0;
}

void reportMisaligned(const TxCheckSite &Site, uintptr_t Begin,
                      uint64_t Bytes) {
  ErrorReport Report{headline(Site, Bytes), {}};
  Report.Details.push_back(
      format("Address 0x%llx is misaligned (the access needs %u-byte "
             "alignment)",
             static_cast<unsigned long long>(Begin), Site.Alignment));
  reportError(&Site, Report);
  failBlock();
}

void leakCheckAtExit() {
  std::fflush(stdout); // The program's output first.
  uint64_t Leaked = 0, Count = 0;
  for (const Allocation &A : Context::get().allocations().live()) {
    if (A.Kind != AllocationKind::Device && A.Kind != AllocationKind::Managed)
      continue;
    printLine(format("Leaked %zu bytes at 0x%llx (%s)", A.Size,
                     static_cast<unsigned long long>(A.Base),
                     A.Kind == AllocationKind::Managed ? "cudaMallocManaged"
                     : A.Pool                          ? "cudaMallocAsync"
                                                       : "cudaMalloc"));
    Leaked += A.Size;
    ++Count;
    countError();
  }
  CheckerState &S = state();
  std::lock_guard<std::mutex> Lock(S.Mutex);
  for (const auto &[Base, Known] : S.Heap) {
    printLine(format("Leaked %llu bytes at 0x%llx (device malloc)",
                     static_cast<unsigned long long>(Known.Bytes),
                     static_cast<unsigned long long>(Base)));
    Leaked += Known.Bytes;
    ++Count;
    countError();
  }
  printLine(format("LEAK SUMMARY: %llu bytes leaked in %llu allocations",
                   static_cast<unsigned long long>(Leaked),
                   static_cast<unsigned long long>(Count)));
}

bool leakCheckWanted() {
  const char *Env = std::getenv("TONGXIN_LEAK_CHECK");
  return Env && std::strcmp(Env, "full") == 0;
}

} // namespace

bool memcheckActive() { return state().Active.load(); }

} // namespace check
} // namespace tx

using namespace tx;
using namespace tx::check;

extern "C" __attribute__((visibility("default"))) void
__tx_memcheck_register_module(const TxCheckVariable *Variables,
                              uint32_t Count) {
  CheckerState &S = state();
  if (!S.Active.exchange(true)) {
    Context::get().allocations().addRemovalObserver(onAllocationRemoved);
    startReports("memcheck");
    if (leakCheckWanted())
      std::atexit(leakCheckAtExit); // Runs before the summary.
  }
  std::lock_guard<std::mutex> Lock(S.Mutex);
  for (uint32_t I = 0; I < Count; ++I) {
    auto Base = reinterpret_cast<uintptr_t>(Variables[I].Address);
    S.Variables[Base] = {S.newRecord(Base, Variables[I].Bytes),
                         Variables[I].Bytes, Variables[I].Name};
  }
}

extern "C" __attribute__((visibility("default"))) void
__tx_memcheck_access(TxCheckSite *Site, const void *Address, uint64_t Bytes) {
  auto Begin = reinterpret_cast<uintptr_t>(Address);
  uintptr_t End = Begin + Bytes;
  if (misalignment(*Site, Begin))
    reportMisaligned(*Site, Begin, Bytes);
  if (Begin >= NullPage && inWorkerMemory(Begin, End))
    return;
  if (Begin >= NullPage) {
    if (TxCheckRange *Range = cacheableRange(Begin, End)) {
      __atomic_store_n(&Site->Cache, Range, __ATOMIC_RELAXED);
      return;
    }
    if (isManagedVariable(Begin, End))
      return;
  }
  ErrorReport Report{headline(*Site, Bytes), {}};
  explainAddress(Begin, Bytes, Report);
  reportError(Site, Report);
  failBlock();
}

extern "C" __attribute__((visibility("default"))) void
__tx_memcheck_region_fault(TxCheckSite *Site, const void *Address,
                           uint64_t Bytes, const void *Base,
                           uint64_t ObjectBytes) {
  auto Begin = reinterpret_cast<uintptr_t>(Address);
  auto Object = reinterpret_cast<uintptr_t>(Base);
  bool InBounds = Begin >= Object && Bytes <= ObjectBytes &&
                  Begin - Object <= ObjectBytes - Bytes;
  if (InBounds && misalignment(*Site, Begin))
    reportMisaligned(*Site, Begin, Bytes);
  if (InBounds)
    return; // Not reached from checked code; harmless.
  ErrorReport Report{headline(*Site, Bytes), {}};
  Report.Details.push_back(format("Address 0x%llx is out of bounds",
                                  static_cast<unsigned long long>(Begin)));
  std::string What;
  switch (Site->Flags >> TX_CHECK_SPACE_SHIFT) {
  case TX_CHECK_SPACE_SHARED:
    What = "the block's shared memory";
    break;
  case TX_CHECK_SPACE_LOCAL:
    What = "a local array";
    break;
  default: {
    CheckerState &S = state();
    std::lock_guard<std::mutex> Lock(S.Mutex);
    auto It = S.Variables.find(Object);
    What = It != S.Variables.end() ? format("variable %s", It->second.What)
                                   : std::string("a variable");
  }
  }
  Report.Details.push_back(relation(Begin, Bytes, Object, ObjectBytes, What));
  reportError(Site, Report);
  failBlock();
}

extern "C" __attribute__((visibility("default"))) void *
__tx_memcheck_malloc(uint64_t Bytes, TxCheckSite *Site) {
  void *Block = std::malloc(Bytes ? Bytes : 1);
  if (!Block)
    return nullptr;
  auto Base = reinterpret_cast<uintptr_t>(Block);
  CheckerState &S = state();
  std::lock_guard<std::mutex> Lock(S.Mutex);
  S.FreedHeap.erase(Base);
  S.Heap[Base] = {S.newRecord(Base, Bytes), Bytes, "device-heap block"};
  return Block;
}

extern "C" __attribute__((visibility("default"))) void
__tx_memcheck_free(void *Pointer, TxCheckSite *Site) {
  if (!Pointer)
    return;
  auto Base = reinterpret_cast<uintptr_t>(Pointer);
  CheckerState &S = state();
  bool DoubleFree;
  {
    std::lock_guard<std::mutex> Lock(S.Mutex);
    auto It = S.Heap.find(Base);
    if (It != S.Heap.end()) {
      emptyRange(It->second.Range);
      if (S.FreedHeap.size() >= MaxFreedHeapBlocks)
        S.FreedHeap.clear(); // Older double frees go unnamed (invalid).
      S.FreedHeap[Base] = It->second.Bytes;
      S.Heap.erase(It);
      std::free(Pointer);
      return;
    }
    DoubleFree = S.FreedHeap.count(Base) != 0;
  }
  ErrorReport Report{
      "Malloc/Free error encountered: " +
          std::string(DoubleFree ? "Double free" : "Invalid pointer to free"),
      {}};
  Report.Details.push_back(
      format("Address 0x%llx %s", static_cast<unsigned long long>(Base),
             DoubleFree ? "was freed already by free() in device code"
                        : "is not a block device malloc() returned"));
  reportError(Site, Report);
  failBlock();
}
