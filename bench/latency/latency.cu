//===- latency.cu - Launch latency microbenchmark ------------------------===//
//
// Part of Tongxin. The fixed costs of a launch, with an empty kernel:
//   latency_sync   kernel<<<1, 1>>>() + cudaDeviceSynchronize(), round trip;
//   latency_grid   kernel<<<1024, 256>>>() + cudaDeviceSynchronize();
//   latency_async  20000 launches of kernel<<<1, 1>>>() back to back and one
//                  synchronisation: the time per launch (its inverse, the
//                  launch rate, is printed as an INFO line).
// Each is timed in batches and reported per launch (median over batches),
// in ms= and us=. The OpenMP twin (latency_omp.cpp) times empty parallel
// regions the same way.
//
//===----------------------------------------------------------------------===//

// cuda_runtime.h first, as nvcc and clang implicitly do: the C++ headers that
// bench_util.h pulls in may rely on the CUDA qualifiers being defined.
#include <cuda_runtime.h>

#include "../common/bench_util.h"
#include "../common/cuda_check.h"

#include <cstdio>
#include <vector>

#ifndef BENCH_IMPL
#define BENCH_IMPL "txcc"
#endif

static constexpr int SyncBatch = 100;    // Round trips per timed batch.
static constexpr int GridBatch = 20;     // Grid launches per timed batch.
static constexpr int AsyncBatch = 20000; // Launches before the one sync.
static constexpr int GridBlocks = 1024;
static constexpr int GridThreads = 256;

__global__ void emptyKernel() {}

int main(int Argc, char **Argv) {
  // Batches per measurement: 200 x 100 round trips, 100 x 20 grid launches,
  // 10 x 20000 asynchronous launches by default.
  int Reps = bench::parseReps(Argc, Argv, 0);
  int SyncReps = Reps ? Reps : 200;
  int GridReps = Reps ? Reps : 100;
  int AsyncReps = Reps ? Reps : 10;

  // Warm-up: the device, the thread pool, the kernel's registration.
  for (int I = 0; I < 100; ++I) {
    emptyKernel<<<GridBlocks, GridThreads>>>();
    CHECK_CUDA(cudaDeviceSynchronize());
  }
  CHECK_CUDA(cudaGetLastError());

  std::vector<double> Sync, Grid, Async;
  for (int R = 0; R < SyncReps; ++R) {
    double Start = bench::nowMs();
    for (int I = 0; I < SyncBatch; ++I) {
      emptyKernel<<<1, 1>>>();
      cudaDeviceSynchronize();
    }
    Sync.push_back((bench::nowMs() - Start) / SyncBatch);
  }
  bool SyncOk = cudaGetLastError() == cudaSuccess;

  for (int R = 0; R < GridReps; ++R) {
    double Start = bench::nowMs();
    for (int I = 0; I < GridBatch; ++I) {
      emptyKernel<<<GridBlocks, GridThreads>>>();
      cudaDeviceSynchronize();
    }
    Grid.push_back((bench::nowMs() - Start) / GridBatch);
  }
  bool GridOk = cudaGetLastError() == cudaSuccess;

  for (int R = 0; R < AsyncReps; ++R) {
    double Start = bench::nowMs();
    for (int I = 0; I < AsyncBatch; ++I)
      emptyKernel<<<1, 1>>>();
    cudaDeviceSynchronize();
    Async.push_back((bench::nowMs() - Start) / AsyncBatch);
  }
  bool AsyncOk = cudaGetLastError() == cudaSuccess;

  int Status = 0;
  Status |= bench::reportLatency("latency_sync", BENCH_IMPL, Sync, SyncOk);
  Status |= bench::reportLatency("latency_grid", BENCH_IMPL, Grid, GridOk);
  Status |= bench::reportLatency("latency_async", BENCH_IMPL, Async, AsyncOk);
  std::printf("INFO name=latency_async impl=%s launches_per_s=%.0f\n",
              BENCH_IMPL, 1e3 / bench::median(Async));
  return Status;
}
