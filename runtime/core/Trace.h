//===- core/Trace.h - TONGXIN_TRACE's timeline of the run -------*- C++ -*-===//
//
// Part of Tongxin. With TONGXIN_TRACE=<file.json> in the environment the
// runtime records every kernel run (name, grid, block, shared memory,
// device, stream), copy and fill (bytes, direction), host function run on
// a stream, and host-side synchronisation, each with its begin and end
// time, and writes them at exit as a Chrome trace-event / Perfetto JSON
// file: one process per device (plus one for host threads), one track per
// stream, as in an Nsight Systems timeline. Unset, each hook costs one
// predictable branch.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_RUNTIME_CORE_TRACE_H
#define TONGXIN_RUNTIME_CORE_TRACE_H

#include "core/Profile.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace tx {
namespace trace {

/// True when TONGXIN_TRACE names a file.
bool enabled();

/// Where device work runs: a device ordinal and a stream (cudaStreamGetId).
struct Track {
  int Device = -1;
  uint64_t Stream = 0;
  bool Legacy = false; ///< The legacy default stream.
};

/// The stream whose work the calling thread is running, set by the stream
/// machinery around each item (Device -1 when none).
Track currentTrack();

/// Sets the calling thread's track while in scope (nested scopes restore).
class TrackScope {
public:
  explicit TrackScope(const Track &T);
  ~TrackScope();
  TrackScope(const TrackScope &) = delete;
  TrackScope &operator=(const TrackScope &) = delete;

private:
  Track Saved;
};

/// What a recorded event is.
enum class Kind { Kernel, Copy, Fill, HostFunction, Synchronize };

/// One event: Name, its span and its arguments (a JSON object's members,
/// already formatted: `"grid":[1,1,1],...`). Device work goes on the
/// calling thread's track; Synchronize on the calling host thread's.
void record(Kind K, const std::string &Name, uint64_t BeginNs, uint64_t EndNs,
            const std::string &Args);

/// Times the enclosing operation when tracing; records it at scope exit.
class Span {
public:
  Span(Kind K, const char *Name) : K(K), Name(Name) {
    if (enabled())
      Begin = profile::nowNs();
  }
  ~Span();
  Span(const Span &) = delete;
  Span &operator=(const Span &) = delete;
  bool active() const { return Begin != 0; }
  /// Arguments shown with the event (only formatted when active()).
  std::string Args;

private:
  Kind K;
  const char *Name;
  uint64_t Begin = 0;
};

/// The arguments of a kernel event.
std::string kernelArgs(const unsigned Grid[3], const unsigned Block[3],
                       uint64_t DynamicSharedBytes, uint64_t StaticSharedBytes);

/// The track of stream StreamId (Legacy: the default stream) on the device
/// with Ordinal.
Track trackOf(int Ordinal, uint64_t StreamId, bool Legacy);

/// Writes the trace now (done at exit; tests call it to read the file).
void flush();

} // namespace trace
} // namespace tx

#endif // TONGXIN_RUNTIME_CORE_TRACE_H
