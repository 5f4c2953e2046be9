//===- core/Streams.cpp - Streams, timelines and events ---------*- C++ -*-===//
//
// Part of Tongxin. See Streams.h. All submissions go through one mutex so
// that the implicit dependencies of the legacy default stream are taken
// from a single consistent order of operations, which also rules out
// dependency cycles: a fence always names earlier work.
//
//===----------------------------------------------------------------------===//

#include "core/Streams.h"
#include "core/Context.h"
#include "core/Trace.h"
#include "hal/SpinWait.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace tx {

//===--- Timeline ---------------------------------------------------------===//

uint64_t Timeline::reserve() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return ++Submitted;
}

void Timeline::unreserve(uint64_t Ticket) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Ticket == Submitted)
    --Submitted;
}

void Timeline::complete(uint64_t Ticket) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Ticket > Completed.load(std::memory_order_relaxed))
    Completed.store(Ticket, std::memory_order_release);
  if (Sleepers)
    Cv.notify_all();
}

void Timeline::wait(uint64_t Ticket) {
  // A synchronisation right after a short kernel is the common case: poll
  // briefly before paying for a sleep and a wake-up.
  if (hal::spinUntil(
          [&] { return Completed.load(std::memory_order_acquire) >= Ticket; }))
    return;
  std::unique_lock<std::mutex> Lock(Mutex);
  ++Sleepers;
  Cv.wait(Lock, [&] { return Completed.load() >= Ticket; });
  --Sleepers;
}

bool Timeline::reached(uint64_t Ticket) {
  return Completed.load(std::memory_order_acquire) >= Ticket;
}

uint64_t Timeline::submitted() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Submitted;
}

void waitAll(const std::vector<Fence> &Fences) {
  for (const Fence &F : Fences)
    F.wait();
}

/// The fence for everything submitted to Line so far.
static Fence tailOf(const std::shared_ptr<Timeline> &Line) {
  return Fence{Line, Line->submitted()};
}

static bool idle(const std::shared_ptr<Timeline> &Line) {
  return Line->reached(Line->submitted());
}

/// TONGXIN_INLINE_LAUNCH=0 keeps every launch on the queue threads, for
/// programs whose kernels wait for something the host does after the launch
/// (a flag in mapped memory).
static bool callerMayRunWork() {
  static const bool Enabled = [] {
    const char *Env = std::getenv("TONGXIN_INLINE_LAUNCH");
    return !Env || std::strcmp(Env, "0") != 0;
  }();
  return Enabled;
}

//===--- Event ------------------------------------------------------------===//

std::shared_ptr<EventRecord> Event::last() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Last;
}

void Event::setLast(std::shared_ptr<EventRecord> Record) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Last = std::move(Record);
}

//===--- Stream attributes ------------------------------------------------===//

bool StreamAttributes::get(int Id, Value *Out) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Values.find(Id);
  if (It == Values.end())
    return false;
  *Out = It->second;
  return true;
}

void StreamAttributes::set(int Id, const Value &V) {
  std::lock_guard<std::mutex> Lock(Mutex);
  Values[Id] = V;
}

void StreamAttributes::copyFrom(StreamAttributes &Other) {
  if (&Other == this)
    return;
  std::map<int, Value> Copy;
  {
    std::lock_guard<std::mutex> Lock(Other.Mutex);
    Copy = Other.Values;
  }
  std::lock_guard<std::mutex> Lock(Mutex);
  Values = std::move(Copy);
}

void StreamAttributes::clear() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Values.clear();
}

uint64_t nextStreamId() {
  static std::atomic<uint64_t> Next{1};
  return Next.fetch_add(1, std::memory_order_relaxed);
}

//===--- StreamManager ----------------------------------------------------===//

StreamManager::StreamManager(hal::Device *Dev)
    : Dev(Dev), Legacy(new Stream(Dev, 0, 0, /*IsLegacy=*/true)) {}

Status StreamManager::create(unsigned Flags, int Priority, Stream **Out) {
  Stream *S = new Stream(Dev, Flags, Priority, /*IsLegacy=*/false);
  std::lock_guard<std::mutex> Lock(Mutex);
  Live.insert(S);
  *Out = S;
  return Status::ok();
}

bool StreamManager::destroy(Stream *S) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (!Live.erase(S))
    return false;
  // Pending work still runs (the queue drains on its own); remember the
  // timeline so that legacy-stream and device-wide waits still see it.
  if (!S->Line->reached(S->Line->submitted()))
    Retiring.emplace_back(S->Line, S->isBlocking());
  delete S;
  return true;
}

bool StreamManager::isLive(Stream *S) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return S == Legacy.get() || Live.count(S);
}

void StreamManager::addBlockingDeps(std::vector<Fence> &Deps) {
  for (Stream *S : Live)
    if (S->isBlocking())
      Deps.push_back(tailOf(S->Line));
  for (auto &R : Retiring)
    if (R.second)
      Deps.push_back(tailOf(R.first));
}

uint64_t StreamManager::beginOnCaller(Stream *S, bool AnyStream) {
  // Kernels only on the legacy stream: its work never overlaps other
  // blocking streams' anyway, so no correct program needs its kernels to
  // run concurrently with later host code on another stream's behalf.
  if ((!S->IsLegacy && !AnyStream) || !Dev->info().RunsOnHostThreads ||
      !callerMayRunWork() || S->Capturing.load(std::memory_order_acquire))
    return 0;
  std::lock_guard<std::mutex> Lock(Mutex);
  if (!idle(S->Line))
    return 0;
  if (!S->IsLegacy) {
    // A blocking stream's work waits for the legacy stream's.
    if (S->isBlocking() && !idle(Legacy->Line))
      return 0;
    S->CallerTicket = S->Line->reserve();
    return S->CallerTicket;
  }
  for (Stream *Other : Live)
    if (Other->isBlocking() && !idle(Other->Line))
      return 0;
  for (auto &R : Retiring)
    if (R.second && !idle(R.first))
      return 0;
  S->CallerTicket = S->Line->reserve();
  return S->CallerTicket;
}

trace::Track StreamManager::trackOf(const Stream *S) const {
  if (!trace::enabled())
    return trace::Track();
  return trace::trackOf(Context::get().ordinalOf(Dev), S->Id, S->IsLegacy);
}

Status StreamManager::submit(Stream *S, std::vector<Fence> Deps,
                             std::function<void()> Work, Fence *Out) {
  if (S->Capturing.load(std::memory_order_acquire))
    return Status(StatusCode::Unsupported, "the stream is capturing a graph");
  std::lock_guard<std::mutex> Lock(Mutex);
  // Legacy default-stream rules: its work waits for all earlier work of
  // blocking streams, and their work waits for its earlier work.
  if (S->IsLegacy)
    addBlockingDeps(Deps);
  else if (S->isBlocking())
    Deps.push_back(tailOf(Legacy->Line));
  // Drop fences that are already satisfied so work items stay cheap.
  std::vector<Fence> Pending;
  for (Fence &F : Deps)
    if (F.isSet() && !F.reached())
      Pending.push_back(std::move(F));
  // Work a host thread is running for S (runOnCaller) precedes this item
  // without passing through S's queue.
  if (S->CallerTicket && !S->Line->reached(S->CallerTicket))
    Pending.push_back(Fence{S->Line, S->CallerTicket});

  if (!S->Queue) {
    Status St = Dev->createQueue(S->Priority, &S->Queue);
    if (!St.isOk())
      return St;
  }
  std::shared_ptr<Timeline> Line = S->Line;
  uint64_t Ticket = Line->reserve();
  trace::Track Where = trackOf(S);
  Status St = S->Queue->submit([Pending = std::move(Pending),
                                Work = std::move(Work), Line, Ticket, Where] {
    waitAll(Pending);
    trace::TrackScope Traced(Where);
    Work();
    Line->complete(Ticket);
  });
  if (!St.isOk()) {
    // Reservations happen under Mutex, which this thread still holds: the
    // ticket is the last one, and can be taken back.
    Line->unreserve(Ticket);
    return St;
  }
  if (Out)
    *Out = Fence{Line, Ticket};
  // Forget retired timelines once they are done.
  for (size_t I = 0; I < Retiring.size();) {
    if (Retiring[I].first->reached(Retiring[I].first->submitted())) {
      Retiring[I] = std::move(Retiring.back());
      Retiring.pop_back();
      continue;
    }
    ++I;
  }
  return Status::ok();
}

std::vector<Fence> StreamManager::legacyDependencies() {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<Fence> Deps{tailOf(Legacy->Line)};
  addBlockingDeps(Deps);
  return Deps;
}

std::vector<Fence> StreamManager::allWork() {
  std::lock_guard<std::mutex> Lock(Mutex);
  std::vector<Fence> Deps{tailOf(Legacy->Line)};
  for (Stream *S : Live)
    Deps.push_back(tailOf(S->Line));
  for (auto &R : Retiring)
    Deps.push_back(tailOf(R.first));
  return Deps;
}

std::vector<Fence> StreamManager::streamWork(Stream *S) {
  if (S->IsLegacy)
    return legacyDependencies();
  std::lock_guard<std::mutex> Lock(Mutex);
  return {tailOf(S->Line)};
}

Event *StreamManager::createEvent(unsigned Flags) {
  Event *E = new Event(Flags);
  std::lock_guard<std::mutex> Lock(Mutex);
  Events.insert(E);
  return E;
}

bool StreamManager::destroyEvent(Event *E) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (!Events.erase(E))
    return false;
  // Pending records only hold the EventRecord, never the Event itself.
  delete E;
  return true;
}

bool StreamManager::isLiveEvent(Event *E) {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Events.count(E) != 0;
}

void StreamManager::reset() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Legacy->Attributes.clear();
  for (Stream *S : Live)
    delete S;
  Live.clear();
  Retiring.clear();
  for (Event *E : Events)
    delete E;
  Events.clear();
}

} // namespace tx
