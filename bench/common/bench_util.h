//===- bench_util.h - Shared helpers for the benchmarks --------*- C++ -*-===//
//
// Part of Tongxin. Host-only helpers used by both halves of every benchmark
// pair (the CUDA program built by txcc and the OpenMP baseline built by g++):
// repetition count, wall-clock timing, median, and the one-line result format
// that bench/run.sh parses:
//
//   RESULT name=<benchmark> impl=<txcc|omp|...> ms=<median> check=<ok|FAIL>
//
// Lines starting with INFO carry extra measurements that run.sh only echoes.
// A program may print several RESULT lines with different names (the latency
// microbenchmark does).
//
//===----------------------------------------------------------------------===//

#ifndef TONGXIN_BENCH_COMMON_BENCH_UTIL_H
#define TONGXIN_BENCH_COMMON_BENCH_UTIL_H

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace bench {

/// Number of timed repetitions: argv[1] if given, else the BENCH_REPS
/// environment variable, else \p Default.
static inline int parseReps(int Argc, char **Argv, int Default) {
  const char *Text = Argc > 1 ? Argv[1] : std::getenv("BENCH_REPS");
  if (!Text)
    return Default;
  int Reps = std::atoi(Text);
  return Reps > 0 ? Reps : Default;
}

static inline double nowMs() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(
             Clock::now().time_since_epoch())
      .count();
}

static inline double median(std::vector<double> Samples) {
  if (Samples.empty())
    return 0.0;
  std::sort(Samples.begin(), Samples.end());
  size_t Mid = Samples.size() / 2;
  if (Samples.size() % 2)
    return Samples[Mid];
  return 0.5 * (Samples[Mid - 1] + Samples[Mid]);
}

/// Prints the machine-readable result line and returns the process exit code
/// (0 when the check passed).
static inline int report(const char *Name, const char *Impl,
                         const std::vector<double> &SamplesMs, bool Ok) {
  double Min = *std::min_element(SamplesMs.begin(), SamplesMs.end());
  std::printf("RESULT name=%s impl=%s ms=%.4f min_ms=%.4f reps=%zu check=%s\n",
              Name, Impl, median(SamplesMs), Min, SamplesMs.size(),
              Ok ? "ok" : "FAIL");
  std::fflush(stdout);
  return Ok ? 0 : 1;
}

/// Prints an extra measurement that run.sh shows but does not rank.
static inline void info(const char *Name, const char *Impl,
                        const std::vector<double> &SamplesMs, bool Ok) {
  std::printf("INFO name=%s impl=%s ms=%.4f check=%s\n", Name, Impl,
              median(SamplesMs), Ok ? "ok" : "FAIL");
  std::fflush(stdout);
}

/// Prints the result line of a latency measurement: \p SamplesMs hold the
/// time of one item (one launch, one parallel region) in milliseconds. ms=
/// keeps enough digits for microsecond times; us= repeats it in microseconds.
static inline int reportLatency(const char *Name, const char *Impl,
                                const std::vector<double> &SamplesMs, bool Ok) {
  double Min = *std::min_element(SamplesMs.begin(), SamplesMs.end());
  double Median = median(SamplesMs);
  std::printf("RESULT name=%s impl=%s ms=%.7f us=%.3f min_us=%.3f reps=%zu "
              "check=%s\n",
              Name, Impl, Median, Median * 1e3, Min * 1e3, SamplesMs.size(),
              Ok ? "ok" : "FAIL");
  std::fflush(stdout);
  return Ok ? 0 : 1;
}

/// A 32-bit integer hash (lowbias32): deterministic pseudo-random inputs
/// that both halves of a pair generate identically.
static inline unsigned hash32(unsigned X) {
  X ^= X >> 16;
  X *= 0x7feb352dU;
  X ^= X >> 15;
  X *= 0x846ca68bU;
  X ^= X >> 16;
  return X;
}

/// True when \p Got is within a relative tolerance \p RelTol of \p Want
/// (with an absolute floor for values near zero).
static inline bool closeTo(double Got, double Want, double RelTol) {
  double Diff = Got > Want ? Got - Want : Want - Got;
  double Scale = Want < 0 ? -Want : Want;
  return Diff <= RelTol * (Scale > 1.0 ? Scale : 1.0);
}

} // namespace bench

#endif // TONGXIN_BENCH_COMMON_BENCH_UTIL_H
