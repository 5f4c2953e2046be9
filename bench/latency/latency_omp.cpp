//===- latency_omp.cpp - OpenMP baseline for latency ---------------------===//
//
// Part of Tongxin. The OpenMP counterparts of latency.cu's measurements:
//   latency_sync   an empty `#pragma omp parallel` region (fork + join; the
//                  body is a compiler barrier, without which g++ removes
//                  the region altogether);
//   latency_grid   `#pragma omp parallel for` over 1024 iterations (the
//                  blocks) with an empty body, kept by a compiler barrier;
//   latency_async  20000 empty parallel regions back to back: OpenMP has no
//                  asynchronous launch, so each region still joins.
// Timed in the same batches and reported per region.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <omp.h>

#include <cstdio>
#include <vector>

static constexpr int SyncBatch = 100;
static constexpr int GridBatch = 20;
static constexpr int AsyncBatch = 20000;
static constexpr int GridBlocks = 1024;

static void emptyRegion() {
#pragma omp parallel
  {
    asm volatile("" ::: "memory"); // Else g++ drops the empty region.
  }
}

static void emptyLoop() {
#pragma omp parallel for schedule(static)
  for (int Block = 0; Block < GridBlocks; ++Block)
    asm volatile("" ::: "memory"); // An empty block g++ must keep.
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 0);
  int SyncReps = Reps ? Reps : 200;
  int GridReps = Reps ? Reps : 100;
  int AsyncReps = Reps ? Reps : 10;

  for (int I = 0; I < 100; ++I) // Warm-up: the thread pool.
    emptyLoop();

  std::vector<double> Sync, Grid, Async;
  for (int R = 0; R < SyncReps; ++R) {
    double Start = bench::nowMs();
    for (int I = 0; I < SyncBatch; ++I)
      emptyRegion();
    Sync.push_back((bench::nowMs() - Start) / SyncBatch);
  }
  for (int R = 0; R < GridReps; ++R) {
    double Start = bench::nowMs();
    for (int I = 0; I < GridBatch; ++I)
      emptyLoop();
    Grid.push_back((bench::nowMs() - Start) / GridBatch);
  }
  for (int R = 0; R < AsyncReps; ++R) {
    double Start = bench::nowMs();
    for (int I = 0; I < AsyncBatch; ++I)
      emptyRegion();
    Async.push_back((bench::nowMs() - Start) / AsyncBatch);
  }

  std::printf("INFO name=latency impl=omp threads=%d\n", omp_get_max_threads());
  int Status = 0;
  Status |= bench::reportLatency("latency_sync", "omp", Sync, true);
  Status |= bench::reportLatency("latency_grid", "omp", Grid, true);
  Status |= bench::reportLatency("latency_async", "omp", Async, true);
  std::printf("INFO name=latency_async impl=omp regions_per_s=%.0f\n",
              1e3 / bench::median(Async));
  return Status;
}
