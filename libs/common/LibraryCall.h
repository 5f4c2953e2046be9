//===- common/LibraryCall.h - Running a library call on a stream -*- C++
//-*-===//
//
// Part of Tongxin. A CUDA library call validates its arguments on the
// calling thread (returning the library's status code), then enqueues its
// work on the handle's stream, where it runs after the stream's earlier
// work, asynchronously, as a kernel would. On the CPU device the work is
// split over the device's own workers (forEachOnWorkers), so a BLAS call
// and the kernels around it share one set of threads.
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_LIBS_COMMON_LIBRARYCALL_H
#define TONGXIN_LIBS_COMMON_LIBRARYCALL_H

#include "tongxin/library_support.h"

#include <cstddef>
#include <functional>

namespace tx {
namespace lib {

/// The device a call's stream belongs to and how the library runs there.
struct Placement {
  int Device = 0;
  txLibraryDeviceKind Kind = txLibraryDeviceHost;
};

/// Where work on Stream runs; cudaErrorInvalidResourceHandle for a stream
/// that does not exist.
cudaError_t placeStream(cudaStream_t Stream, Placement *Out);

/// Makes the device of Stream current (for calls that take a stream of the
/// current device only) until the end of the scope.
class StreamDeviceScope {
public:
  explicit StreamDeviceScope(cudaStream_t Stream);
  ~StreamDeviceScope();
  StreamDeviceScope(const StreamDeviceScope &) = delete;
  StreamDeviceScope &operator=(const StreamDeviceScope &) = delete;

private:
  int Saved = 0;
  bool Changed = false;
};

/// Runs Work on Stream after the stream's earlier work. While the stream
/// is being captured, Work becomes a node of the graph and is kept for as
/// long as the process lives (a graph may be launched any number of times).
cudaError_t enqueue(cudaStream_t Stream, std::function<void()> Work);

/// Runs Body(I) for every I in [0, Count) on Device's workers, returning
/// when all have finished. For use inside enqueued work.
void forEachOnWorkers(int Device, size_t Count,
                      const std::function<void(size_t)> &Body);

/// How many tasks forEachOnWorkers runs at once on Device.
unsigned workerCount(int Device);

/// Splits [0, Extent) into Parts contiguous ranges whose boundaries are
/// multiples of Grain (except the end); part I is [begin(I), begin(I+1)).
class Partition {
public:
  Partition(size_t Extent, size_t Parts, size_t Grain = 1);
  size_t parts() const { return Parts; }
  size_t begin(size_t Part) const;
  size_t end(size_t Part) const { return begin(Part + 1); }

private:
  size_t Extent, Parts, Grain, Units;
};

/// Splits Extent into about one part per worker of Device, each at least
/// MinPerPart long (so small problems stay on one thread).
Partition partitionForWorkers(int Device, size_t Extent, size_t MinPerPart,
                              size_t Grain = 1);

} // namespace lib
} // namespace tx

#endif // TONGXIN_LIBS_COMMON_LIBRARYCALL_H
