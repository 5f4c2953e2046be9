//===- fft_kiss.cpp - kissfft baseline: 2^20 points and 1009 x 1009 -------===//
//
// Part of Tongxin. The same transforms with Debian's kissfft (BSD-3), the
// best permissively licensed FFT library on this machine. kissfft has no
// threads of its own: the 2^20-point line runs on one thread (kissfft
// cannot split one transform); the 1009 x 1009 image runs its rows, then
// its columns (gathered into contiguous lines), over BENCH_THREADS
// std::threads, as many as the cuFFT side's workers.
//
//===----------------------------------------------------------------------===//

#include <kissfft/kiss_fft.h>

#include "../../common/bench_util.h"
#include "fft_cases.h"

#include <cstdio>
#include <cstring>
#include <thread>

static int threadCount() {
  const char *Text = std::getenv("BENCH_THREADS");
  int N = Text ? std::atoi(Text) : int(std::thread::hardware_concurrency());
  return N > 0 ? N : 1;
}

template <typename Fn> static void parallelFor(int Count, int Threads, Fn F) {
  std::vector<std::thread> Pool;
  for (int T = 0; T < Threads; ++T)
    Pool.emplace_back([=] {
      for (int I = Count * T / Threads; I < Count * (T + 1) / Threads; ++I)
        F(I);
    });
  for (std::thread &Th : Pool)
    Th.join();
}

/// Rows x Cols forward transform of In into Out with kissfft.
static void transform(kiss_fft_cfg RowCfg, kiss_fft_cfg ColCfg, int Rows,
                      int Cols, const kiss_fft_cpx *In, kiss_fft_cpx *Out,
                      int Threads) {
  if (Rows == 1)
    return kiss_fft(RowCfg, In, Out);
  parallelFor(Rows, Threads, [&](int R) {
    kiss_fft(RowCfg, In + size_t(R) * Cols, Out + size_t(R) * Cols);
  });
  parallelFor(Cols, Threads, [&](int C) {
    std::vector<kiss_fft_cpx> Line(Rows), Result(Rows);
    for (int R = 0; R < Rows; ++R)
      Line[R] = Out[size_t(R) * Cols + C];
    kiss_fft(ColCfg, Line.data(), Result.data());
    for (int R = 0; R < Rows; ++R)
      Out[size_t(R) * Cols + C] = Result[R];
  });
}

static bool runCase(const char *Name, int Rows, int Cols, int Reps) {
  size_t Count = size_t(Rows) * Cols;
  std::vector<float> In = fftbench::makeInput(Count), Out(2 * Count);
  kiss_fft_cfg RowCfg = kiss_fft_alloc(Cols, 0, nullptr, nullptr);
  kiss_fft_cfg ColCfg = kiss_fft_alloc(Rows, 0, nullptr, nullptr);
  const auto *Src = reinterpret_cast<const kiss_fft_cpx *>(In.data());
  auto *Dst = reinterpret_cast<kiss_fft_cpx *>(Out.data());
  int Threads = threadCount();
  std::vector<double> Samples;
  for (int I = 0; I < Reps + 1; ++I) {
    double Start = bench::nowMs();
    transform(RowCfg, ColCfg, Rows, Cols, Src, Dst, Threads);
    if (I > 0)
      Samples.push_back(bench::nowMs() - Start);
  }
  kiss_fft_free(RowCfg);
  kiss_fft_free(ColCfg);
  return bench::report(Name, "kissfft", Samples,
                       fftbench::checkBins(In, Out.data(), Rows, Cols)) == 0;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 10);
  bool Ok = runCase("fft_1m", 1, fftbench::LongLine, Reps);
  // kissfft runs each 1009-point line as one O(n^2) butterfly: few reps.
  Ok &= runCase("fft_1009x1009", fftbench::PrimeSide, fftbench::PrimeSide,
                Reps > 2 ? 2 : Reps);
  return Ok ? 0 : 1;
}
