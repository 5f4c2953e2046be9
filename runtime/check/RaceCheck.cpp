//===- check/RaceCheck.cpp - racecheck: shared-memory hazards -------------===//
//
// Part of Tongxin. Code built with `txcc --check=racecheck` reports every
// plain __shared__ access (__tx_racecheck_access) and the start of every
// barrier interval of the block (__tx_racecheck_interval; see
// compiler/passes/SharedRaceChecks.cpp). Per byte of the block's shared
// memory the worker keeps who wrote it and who read it in the current
// interval; a second thread touching the byte in the same interval, one of
// the two writing, is a hazard: write-after-write, read-after-write or
// write-after-read, named in the order the CPU ran the threads. Hazards are
// counted per pair of source lines and kind and printed at exit, as
// compute-sanitizer's racecheck does at the end of a kernel; each pair is
// one error. A race does not fail the launch.
//
//===----------------------------------------------------------------------===//

#include "check/CheckReports.h"
#include "core/Demangle.h"

#include "tongxin/abi.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <tuple>

using namespace tx;
using namespace tx::check;

namespace {

/// Who touched one byte of shared memory in an interval. Thread numbers are
/// linear index + 1, 0 for nobody; Reader is the first reader.
struct ByteUse {
  uint32_t Interval = 0;
  uint32_t Writer = 0;
  uint32_t Reader = 0;
  bool OtherReaders = false; ///< Threads besides Reader read it too.
  bool ValueKnown = false;   ///< Writer's byte is in Value.
  uint8_t Value = 0;
  const TxCheckSite *WriteSite = nullptr;
  const TxCheckSite *ReadSite = nullptr;
};

/// The worker's view of the block it runs: plain initial-exec thread-locals
/// (a thread_local with a constructor costs a call per access). The bytes'
/// array grows with the largest shared memory the worker has run, and stays.
__attribute__((tls_model("initial-exec"))) __thread uint32_t Interval = 0;
__attribute__((tls_model("initial-exec"))) __thread ByteUse *Uses = nullptr;
__attribute__((tls_model("initial-exec"))) __thread uint64_t NumUses = 0;

/// Room for Bytes bytes' uses; false if memory ran out.
bool reserveUses(uint64_t Bytes) {
  if (Bytes <= NumUses)
    return true;
  void *Grown =
      std::realloc(static_cast<void *>(Uses), Bytes * sizeof(ByteUse));
  if (!Grown)
    return false;
  Uses = static_cast<ByteUse *>(Grown);
  for (uint64_t B = NumUses; B < Bytes; ++B)
    Uses[B] = ByteUse{};
  NumUses = Bytes;
  return true;
}

enum HazardKind { WriteAfterWrite, ReadAfterWrite, WriteAfterRead };

struct HazardCount {
  uint64_t Count = 0;
  bool WithinWarp = false; ///< Seen between two threads of one warp.
};

using HazardKey = std::tuple<int, const TxCheckSite *, const TxCheckSite *>;

struct Hazards {
  std::mutex Mutex;
  std::map<HazardKey, HazardCount> ByPair;
};

Hazards &hazards() {
  static Hazards *H = new Hazards(); // Read at exit.
  return *H;
}

std::string where(const TxCheckSite *Site) {
  std::string Text = demangled(Site->Function ? Site->Function : "?");
  if (Site->File && *Site->File)
    Text += format(" in %s:%u", Site->File, Site->Line);
  return Text;
}

void printHazardsAtExit() {
  std::fflush(stdout);
  Hazards &H = hazards();
  std::lock_guard<std::mutex> Lock(H.Mutex);
  static const char *const Names[][2] = {
      {"Write", "Write"}, {"Write", "Read"}, {"Read", "Write"}};
  for (const auto &[Key, Count] : H.ByPair) {
    auto [Kind, First, Second] = Key;
    ErrorReport Report{format("Error: Race reported between %s access at %s",
                              Names[Kind][0], where(First).c_str()),
                       {}};
    Report.Details.push_back(format(
        "and %s access at %s [%llu hazard%s]", Names[Kind][1],
        where(Second).c_str(), static_cast<unsigned long long>(Count.Count),
        Count.Count == 1 ? "" : "s"));
    if (Count.WithinWarp)
      Report.Details.push_back(
          "(also between threads of one warp: code that relies on the warp "
          "running in lockstep needs __syncwarp())");
    printDetached(Report);
  }
}

void recordHazard(HazardKind Kind, const TxCheckSite *First,
                  const TxCheckSite *Second, uint32_t ThreadA,
                  uint32_t ThreadB) {
  Hazards &H = hazards();
  std::lock_guard<std::mutex> Lock(H.Mutex);
  if (H.ByPair.empty())
    std::atexit(printHazardsAtExit); // Before the summary: registered later.
  HazardCount &Count = H.ByPair[{Kind, First, Second}];
  ++Count.Count;
  if ((ThreadA - 1) / 32 == (ThreadB - 1) / 32)
    Count.WithinWarp = true;
}

} // namespace

extern "C" __attribute__((visibility("default"))) void
__tx_racecheck_interval(void) {
  // Zero marks bytes never touched: skip it when the counter wraps.
  if (++Interval == 0)
    Interval = 1;
}

extern "C" __attribute__((visibility("default"))) void
__tx_racecheck_access(const TxCheckSite *Site, const void *Address,
                      uint64_t Size, uint32_t LinearThread, uint64_t Value) {
  const TxBlockContext *Ctx = __tx_current_block;
  if (!Ctx || !Ctx->SharedMem)
    return;
  uint64_t Limit = __tx_memcheck_shared_bytes;
  uint64_t Offset = static_cast<const char *>(Address) - Ctx->SharedMem;
  if (Offset >= Limit)
    return; // Outside the block's shared memory: memcheck's business.
  if (!reserveUses(Limit))
    return;
  uint64_t End = Offset + Size < Limit ? Offset + Size : Limit;
  uint32_t Thread = LinearThread + 1;
  bool Writes = Site->Flags & TX_CHECK_WRITE;
  // At most one hazard of each kind per access, not one per byte.
  bool Seen[3] = {false, false, false};
  auto hazard = [&](HazardKind Kind, const TxCheckSite *First, uint32_t Other) {
    if (!Seen[Kind]) {
      Seen[Kind] = true;
      recordHazard(Kind, First, Site, Other, Thread);
    }
  };
  for (uint64_t B = Offset; B < End; ++B) {
    ByteUse &Use = Uses[B];
    if (Use.Interval != Interval)
      Use = ByteUse{Interval, 0, 0, false, false, 0, nullptr, nullptr};
    // The byte this access writes, where known (little-endian value).
    bool Known = Writes && Size <= 8;
    uint8_t Byte = Known ? uint8_t(Value >> (8 * (B - Offset))) : 0;
    // Writing the byte another thread wrote, with the same value, is no
    // hazard (a flag every thread sets): the result is the same either way.
    bool SameValue = Known && Use.ValueKnown && Use.Value == Byte;
    if (Use.Writer && Use.Writer != Thread && !(Writes && SameValue))
      hazard(Writes ? WriteAfterWrite : ReadAfterWrite, Use.WriteSite,
             Use.Writer);
    if (Writes) {
      Use.ValueKnown = Known;
      Use.Value = Byte;
      if (Use.Reader && (Use.Reader != Thread || Use.OtherReaders))
        hazard(WriteAfterRead, Use.ReadSite, Use.Reader);
      Use.Writer = Thread;
      Use.WriteSite = Site;
    } else if (!Use.Reader) {
      Use.Reader = Thread;
      Use.ReadSite = Site;
    } else if (Use.Reader != Thread) {
      Use.OtherReaders = true;
    }
  }
}
