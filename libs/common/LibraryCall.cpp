//===- common/LibraryCall.cpp - Running a library call on a stream --------===//
//
// Part of Tongxin. See LibraryCall.h.
//
//===----------------------------------------------------------------------===//

#include "LibraryCall.h"

#include "cuda_runtime_api.h"

#include <memory>
#include <mutex>
#include <vector>

namespace tx {
namespace lib {

cudaError_t placeStream(cudaStream_t Stream, Placement *Out) {
  return txLibraryStreamDevice(Stream, &Out->Device, &Out->Kind);
}

namespace {
struct Job {
  std::function<void()> Work;
  bool Captured = false;
};

/// Work captured into graphs: a graph may be launched again at any time,
/// so its library work lives until the process ends.
class CapturedJobs {
public:
  void keep(Job *J) {
    std::lock_guard<std::mutex> Lock(Mutex);
    Jobs.emplace_back(J);
  }

private:
  std::mutex Mutex;
  std::vector<std::unique_ptr<Job>> Jobs;
};

CapturedJobs &capturedJobs() {
  static CapturedJobs Kept;
  return Kept;
}
} // namespace

static void runJob(void *Data) {
  auto *J = static_cast<Job *>(Data);
  J->Work();
  txLibraryWroteDeviceMemory();
  if (!J->Captured)
    delete J;
}

StreamDeviceScope::StreamDeviceScope(cudaStream_t Stream) {
  int Owner = 0;
  if (Stream && cudaGetDevice(&Saved) == cudaSuccess &&
      cudaStreamGetDevice(Stream, &Owner) == cudaSuccess && Owner != Saved)
    Changed = cudaSetDevice(Owner) == cudaSuccess;
}

StreamDeviceScope::~StreamDeviceScope() {
  if (Changed)
    cudaSetDevice(Saved);
}

cudaError_t enqueue(cudaStream_t Stream, std::function<void()> Work) {
  // The stream may belong to another device than the caller's current one
  // (NCCL's ranks of one thread, one per device): work on its device.
  StreamDeviceScope OnDevice(Stream);
  cudaStreamCaptureStatus Capture = cudaStreamCaptureStatusNone;
  if (cudaError_t Err = cudaStreamIsCapturing(Stream, &Capture))
    return Err;
  // Once launched, an uncaptured job may run and free itself at any time:
  // decide its ownership before.
  bool Captured = Capture == cudaStreamCaptureStatusActive;
  auto *J = new Job{std::move(Work), Captured};
  cudaError_t Err = cudaLaunchHostFunc(Stream, runJob, J);
  if (Err != cudaSuccess)
    delete J;
  else if (Captured)
    capturedJobs().keep(J);
  return Err;
}

static void callBody(void *Context, size_t Index) {
  (*static_cast<const std::function<void(size_t)> *>(Context))(Index);
}

void forEachOnWorkers(int Device, size_t Count,
                      const std::function<void(size_t)> &Body) {
  if (Count == 1) {
    Body(0);
    return;
  }
  auto *Context = const_cast<void *>(static_cast<const void *>(&Body));
  if (txLibraryRunOnWorkers(Device, Count, callBody, Context) != cudaSuccess)
    for (size_t I = 0; I < Count; ++I) // The device is gone: still finish.
      Body(I);
}

unsigned workerCount(int Device) { return txLibraryWorkerCount(Device); }

Partition::Partition(size_t Extent, size_t Parts, size_t Grain)
    : Extent(Extent), Grain(Grain ? Grain : 1) {
  Units = (Extent + this->Grain - 1) / this->Grain;
  this->Parts = Parts < 1 ? 1 : Parts;
  if (Units && this->Parts > Units)
    this->Parts = Units;
}

size_t Partition::begin(size_t Part) const {
  if (Part >= Parts)
    return Extent;
  size_t Unit = Units * Part / Parts;
  size_t Begin = Unit * Grain;
  return Begin < Extent ? Begin : Extent;
}

Partition partitionForWorkers(int Device, size_t Extent, size_t MinPerPart,
                              size_t Grain) {
  size_t Parts = workerCount(Device);
  if (MinPerPart && Extent / MinPerPart < Parts)
    Parts = Extent / MinPerPart;
  return Partition(Extent, Parts ? Parts : 1, Grain);
}

} // namespace lib
} // namespace tx
