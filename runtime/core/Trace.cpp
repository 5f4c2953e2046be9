//===- core/Trace.cpp - TONGXIN_TRACE's timeline of the run ---------------===//
//
// Part of Tongxin. See Trace.h. Events go into one mutex-guarded list in
// the order they end (which, per stream, is the order the work was queued:
// a stream runs one item at a time); the file is written at exit.
//
//===----------------------------------------------------------------------===//

#include "core/Trace.h"
#include "core/Demangle.h"
#include "core/Profile.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <unistd.h>
#include <vector>

namespace tx {
namespace trace {

namespace {
struct Event {
  Kind K;
  std::string Name;
  uint64_t Begin, End;
  Track Where;
  unsigned HostThread; ///< For Synchronize: which host thread waited.
  std::string Args;
};

struct Log {
  std::mutex Mutex;
  std::vector<Event> Events;
  uint64_t Origin = 0; ///< The first event's begin: time 0 of the file.
};
} // namespace

static const char *tracePath() {
  const char *Path = std::getenv("TONGXIN_TRACE");
  return Path && *Path ? Path : nullptr;
}

static const bool Enabled = tracePath() != nullptr;

bool enabled() { return Enabled; }

static thread_local Track Current;

Track currentTrack() { return Current; }

TrackScope::TrackScope(const Track &T) : Saved(Current) { Current = T; }
TrackScope::~TrackScope() { Current = Saved; }

/// Small numbers for host threads, in the order they first wait.
static unsigned hostThreadIndex() {
  static std::atomic<unsigned> Next{1};
  static thread_local unsigned Index = Next.fetch_add(1);
  return Index;
}

/// Leaked so that it outlives every static destructor that may still run
/// device work; written by atexit.
static Log &log() {
  static Log *L = new Log();
  return *L;
}

static void writeAtExit() { flush(); }

static Log &logForRecording() {
  static const bool Registered = [] { return std::atexit(writeAtExit) == 0; }();
  (void)Registered;
  return log();
}

void record(Kind K, const std::string &Name, uint64_t BeginNs, uint64_t EndNs,
            const std::string &Args) {
  if (!Enabled)
    return;
  unsigned HostThread = K == Kind::Synchronize ? hostThreadIndex() : 0;
  Log &L = logForRecording();
  std::lock_guard<std::mutex> Lock(L.Mutex);
  if (L.Events.empty() || BeginNs < L.Origin)
    L.Origin = BeginNs;
  L.Events.push_back({K, Name, BeginNs, EndNs, Current, HostThread, Args});
}

std::string kernelArgs(const unsigned Grid[3], const unsigned Block[3],
                       uint64_t DynamicSharedBytes,
                       uint64_t StaticSharedBytes) {
  char Buffer[256];
  std::snprintf(Buffer, sizeof(Buffer),
                "\"grid\":[%u,%u,%u],\"block\":[%u,%u,%u],"
                "\"dynamic_shared_bytes\":%llu,\"static_shared_bytes\":%llu",
                Grid[0], Grid[1], Grid[2], Block[0], Block[1], Block[2],
                (unsigned long long)DynamicSharedBytes,
                (unsigned long long)StaticSharedBytes);
  return Buffer;
}

Track trackOf(int Ordinal, uint64_t StreamId, bool Legacy) {
  Track T;
  T.Device = Ordinal;
  T.Stream = StreamId;
  T.Legacy = Legacy;
  return T;
}

Span::~Span() {
  if (Begin)
    record(K, Name, Begin, profile::nowNs(), Args);
}

//===--- Writing the file -------------------------------------------------===//

static std::string escaped(const std::string &Text) {
  std::string Out;
  for (unsigned char C : Text) {
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += C;
    } else if (C < 0x20) {
      char Buffer[8];
      std::snprintf(Buffer, sizeof(Buffer), "\\u%04x", C);
      Out += Buffer;
    } else {
      Out += C;
    }
  }
  return Out;
}

static const char *category(Kind K) {
  switch (K) {
  case Kind::Kernel:
    return "kernel";
  case Kind::Copy:
    return "memcpy";
  case Kind::Fill:
    return "memset";
  case Kind::HostFunction:
    return "host_function";
  case Kind::Synchronize:
    return "synchronize";
  }
  return "?";
}

/// Process 0 holds the host threads; device N is process N + 1, with one
/// thread per stream (its cudaStreamGetId).
static int processOf(const Event &E) {
  return E.K == Kind::Synchronize || E.Where.Device < 0 ? 0
                                                        : E.Where.Device + 1;
}

static uint64_t threadOf(const Event &E) {
  return processOf(E) == 0 ? E.HostThread : E.Where.Stream;
}

static void writeEvent(FILE *Out, const Event &E, uint64_t Origin) {
  std::string Name = E.K == Kind::Kernel ? demangled(E.Name) : E.Name;
  std::string Args = E.Args;
  if (processOf(E) != 0) {
    char Where[64];
    std::snprintf(Where, sizeof(Where), "%s\"device\":%d,\"stream\":%llu",
                  Args.empty() ? "" : ",", E.Where.Device,
                  (unsigned long long)E.Where.Stream);
    Args += Where;
  }
  if (E.K == Kind::Kernel)
    Args += std::string(Args.empty() ? "" : ",") + "\"mangled\":\"" +
            escaped(E.Name) + "\"";
  std::fprintf(Out,
               ",\n{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"X\",\"ts\":%.3f,"
               "\"dur\":%.3f,\"pid\":%d,\"tid\":%llu,\"args\":{%s}}",
               escaped(Name).c_str(), category(E.K), (E.Begin - Origin) / 1e3,
               (E.End - E.Begin) / 1e3, processOf(E),
               (unsigned long long)threadOf(E), Args.c_str());
}

/// Names for the processes and threads, as trace viewers show them.
static void writeNames(FILE *Out, const std::vector<Event> &Events) {
  std::fprintf(Out, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":0,"
                    "\"args\":{\"name\":\"Host\"}}");
  std::set<int> Devices;
  std::map<std::pair<int, uint64_t>, bool> Threads; // -> legacy stream
  for (const Event &E : Events) {
    if (processOf(E) != 0)
      Devices.insert(E.Where.Device);
    Threads[{processOf(E), threadOf(E)}] = E.Where.Legacy;
  }
  for (int Device : Devices)
    std::fprintf(Out,
                 ",\n{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":%d,"
                 "\"args\":{\"name\":\"Device %d\"}}",
                 Device + 1, Device);
  for (const auto &[Key, Legacy] : Threads) {
    char Label[64];
    if (Key.first == 0)
      std::snprintf(Label, sizeof(Label), "Host thread %llu",
                    (unsigned long long)Key.second);
    else if (Legacy)
      std::snprintf(Label, sizeof(Label), "Default stream %llu",
                    (unsigned long long)Key.second);
    else
      std::snprintf(Label, sizeof(Label), "Stream %llu",
                    (unsigned long long)Key.second);
    std::fprintf(Out,
                 ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":%d,"
                 "\"tid\":%llu,\"args\":{\"name\":\"%s\"}}",
                 Key.first, (unsigned long long)Key.second, Label);
  }
}

void flush() {
  const char *Path = tracePath();
  if (!Enabled || !Path)
    return;
  Log &L = log();
  std::lock_guard<std::mutex> Lock(L.Mutex);
  // Written beside the target and renamed, so a reader never sees half.
  std::string Temporary = std::string(Path) + ".tmp" + std::to_string(getpid());
  FILE *Out = std::fopen(Temporary.c_str(), "w");
  if (!Out) {
    std::fprintf(stderr, "tongxin: cannot write the trace to %s\n", Path);
    return;
  }
  std::fprintf(Out, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
  writeNames(Out, L.Events);
  for (const Event &E : L.Events)
    writeEvent(Out, E, L.Origin);
  std::fprintf(Out, "\n]}\n");
  bool Ok = std::fclose(Out) == 0 && std::rename(Temporary.c_str(), Path) == 0;
  if (!Ok) {
    std::remove(Temporary.c_str());
    std::fprintf(stderr, "tongxin: cannot write the trace to %s\n", Path);
  }
}

} // namespace trace
} // namespace tx
