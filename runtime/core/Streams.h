//===- core/Streams.h - Streams, timelines and events -----------*- C++ -*-===//
//
// Part of Tongxin. Backend-independent stream machinery: every stream owns a
// Timeline of numbered work items that run on a hal::Queue; ordering across
// streams (the legacy default stream, cudaStreamWaitEvent, events) is
// expressed as Fences -- "wait until timeline T has finished ticket N".
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_STREAMS_H
#define TONGXIN_RUNTIME_CORE_STREAMS_H

#include "core/Trace.h"
#include "tongxin/hal.h"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <vector>

namespace tx {

/// Monotonic counters of one stream: how many items were submitted and how
/// many have completed (items complete in order).
class Timeline {
public:
  uint64_t reserve();
  /// Takes back Ticket, the last one reserved, whose work never started
  /// (its submission failed). Completing it instead would also mark every
  /// earlier ticket complete, whether or not its work had finished.
  void unreserve(uint64_t Ticket);
  void complete(uint64_t Ticket);
  void wait(uint64_t Ticket);
  bool reached(uint64_t Ticket);
  uint64_t submitted();

private:
  std::mutex Mutex;
  std::condition_variable Cv;
  uint64_t Submitted = 0;
  /// Read without the mutex by polling waiters; written under it.
  std::atomic<uint64_t> Completed{0};
  unsigned Sleepers = 0; ///< Threads waiting on Cv.
};

/// "Timeline Line has completed item Ticket."
struct Fence {
  std::shared_ptr<Timeline> Line;
  uint64_t Ticket = 0;

  bool isSet() const { return Line != nullptr; }
  void wait() const {
    if (Line)
      Line->wait(Ticket);
  }
  bool reached() const { return !Line || Line->reached(Ticket); }
};

/// Launch attributes a program set on a stream (cudaStreamSetAttribute):
/// the API layer's bytes of each attribute value, by attribute id.
class StreamAttributes {
public:
  using Value = std::array<unsigned char, 64>;

  /// False if attribute Id was never set.
  bool get(int Id, Value *Out);
  void set(int Id, const Value &V);
  /// Replaces every value with those of Other.
  void copyFrom(StreamAttributes &Other);
  void clear();

private:
  std::mutex Mutex;
  std::map<int, Value> Values;
};

/// A process-wide unique stream identifier (cudaStreamGetId).
uint64_t nextStreamId();

class Stream {
public:
  Stream(hal::Device *Dev, unsigned Flags, int Priority, bool IsLegacy)
      : Dev(Dev), Flags(Flags), Priority(Priority), IsLegacy(IsLegacy) {}

  hal::Device *const Dev;
  const unsigned Flags;
  const int Priority;
  const uint64_t Id = nextStreamId();
  StreamAttributes Attributes;
  /// The legacy default stream (handle 0, cudaStreamLegacy).
  const bool IsLegacy;
  /// Synchronises with the legacy stream (not cudaStreamNonBlocking).
  bool isBlocking() const { return !IsLegacy && !(Flags & 1u); }

  std::shared_ptr<Timeline> Line = std::make_shared<Timeline>();
  std::unique_ptr<hal::Queue> Queue; ///< Created at the first submission.
  /// Set while the stream takes part in a stream capture: its work becomes
  /// graph nodes (api/StreamCapture.cpp), and submit() refuses any work
  /// that would escape the graph.
  std::atomic<bool> Capturing{false};
  /// The last ticket a host thread ran itself (StreamManager::runOnCaller);
  /// queued work waits for it. Guarded by the StreamManager's mutex.
  uint64_t CallerTicket = 0;
};

/// One cudaEventRecord: where it sits in a stream and when it executed.
struct EventRecord {
  Fence Done;
  std::chrono::steady_clock::time_point Time;
};

class Event {
public:
  explicit Event(unsigned Flags) : Flags(Flags) {}
  const unsigned Flags;

  std::shared_ptr<EventRecord> last();
  void setLast(std::shared_ptr<EventRecord> Record);

private:
  std::mutex Mutex;
  std::shared_ptr<EventRecord> Last;
};

/// Owns every stream and event of the process and orders submissions.
class StreamManager {
public:
  explicit StreamManager(hal::Device *Dev);

  /// The legacy default stream; never null.
  Stream *legacy() { return Legacy.get(); }

  Status create(unsigned Flags, int Priority, Stream **Out);
  /// False if S is not a live user stream.
  bool destroy(Stream *S);
  bool isLive(Stream *S);

  /// Appends Work to S after Deps and after the implicit legacy-stream
  /// dependencies. Returns the fence that completes with Work.
  Status submit(Stream *S, std::vector<Fence> Deps, std::function<void()> Work,
                Fence *Out = nullptr);

  /// Runs Work on the calling thread as S's next item, if that keeps CUDA's
  /// order and saves the hand-over to S's queue thread: S is the legacy
  /// default stream of a device whose work runs on host threads, everything
  /// the item would have to wait for has finished, S is not capturing, and
  /// TONGXIN_INLINE_LAUNCH is not 0. Returns false, having done nothing,
  /// when the caller must submit() Work instead. Out as for submit().
  template <class Fn>
  bool runOnCaller(Stream *S, Fn &&Work, Fence *Out = nullptr) {
    uint64_t Ticket = beginOnCaller(S);
    if (!Ticket)
      return false;
    if (Out)
      *Out = Fence{S->Line, Ticket};
    // Completed even if Work throws: the stream would otherwise never be
    // idle again, and everything ordered after it would wait forever.
    struct Completion {
      Timeline &Line;
      uint64_t Ticket;
      ~Completion() { Line.complete(Ticket); }
    } Done{*S->Line, Ticket};
    trace::TrackScope Traced(trackOf(S));
    Work();
    return true;
  }

  /// Lets the calling thread run S's next item itself, for library work
  /// that starts at once and may hand its rest to S's queue
  /// (txLibraryBeginOnCaller): as runOnCaller, but on any stream of a
  /// device whose work runs on host threads. Returns the item's ticket, to
  /// be completed with S->Line->complete(Ticket), or 0 when the caller must
  /// submit() instead.
  uint64_t beginLibraryItemOnCaller(Stream *S) {
    return beginOnCaller(S, /*AnyStream=*/true);
  }

  /// What a host-blocking operation on the legacy stream must wait for.
  std::vector<Fence> legacyDependencies();
  /// Everything submitted so far, on every stream.
  std::vector<Fence> allWork();
  /// Work a synchronisation of S must wait for.
  std::vector<Fence> streamWork(Stream *S);

  Event *createEvent(unsigned Flags);
  bool destroyEvent(Event *E);
  bool isLiveEvent(Event *E);

  /// cudaDeviceReset: forgets every user stream and event, and the legacy
  /// stream's attributes (after the caller waited for all work).
  void reset();

  /// Where TONGXIN_TRACE shows S's work (nothing when not tracing).
  trace::Track trackOf(const Stream *S) const;

private:
  void addBlockingDeps(std::vector<Fence> &Deps);
  /// The ticket runOnCaller runs its work under, or 0 if it may not.
  /// Only on the legacy stream unless AnyStream.
  uint64_t beginOnCaller(Stream *S, bool AnyStream = false);

  hal::Device *Dev;
  std::mutex Mutex; ///< Orders submissions; guards the sets below.
  std::unique_ptr<Stream> Legacy;
  std::unordered_set<Stream *> Live;
  /// Timelines of destroyed streams whose work may still be pending, and
  /// whether they were blocking.
  std::vector<std::pair<std::shared_ptr<Timeline>, bool>> Retiring;
  std::unordered_set<Event *> Events;
};

void waitAll(const std::vector<Fence> &Fences);

} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_STREAMS_H
