//===- thrust_omp.cpp - CPU baseline for thrust.cu -----------------------===//
//
// Part of Tongxin. The operations of thrust.cu as a competent programmer
// writes them for a CPU: the C++17 parallel algorithms with
// std::execution::par_unseq (libstdc++ runs them on TBB): std::sort,
// sort_by_key as a sort of (key, value) pairs, std::reduce,
// std::inclusive_scan and std::copy_if. Linked with -ltbb (omp_libs).
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <algorithm>
#include <cstdint>
#include <execution>
#include <numeric>
#include <utility>
#include <vector>

static constexpr int NumKeys = 1 << 24;

static std::vector<int> makeKeys() {
  std::vector<int> Keys(NumKeys);
  uint32_t State = 12345;
  for (int &Key : Keys) {
    State = State * 1664525u + 1013904223u;
    Key = int(State >> 1);
  }
  return Keys;
}

template <typename ResetFn, typename OpFn>
static std::vector<double> timeReps(int Reps, ResetFn Reset, OpFn Op) {
  std::vector<double> Samples;
  for (int Rep = 0; Rep < Reps; ++Rep) {
    Reset();
    double Start = bench::nowMs();
    Op();
    Samples.push_back(bench::nowMs() - Start);
  }
  return Samples;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 5);
  const auto Par = std::execution::par_unseq;
  std::vector<int> Keys = makeKeys();
  std::vector<int> Work(NumKeys), Out(NumKeys);
  int Status = 0;

  std::vector<int> Sorted = Keys;
  std::sort(Sorted.begin(), Sorted.end());
  auto Samples = timeReps(
      Reps, [&] { std::copy(Keys.begin(), Keys.end(), Work.begin()); },
      [&] { std::sort(Par, Work.begin(), Work.end()); });
  Status |= bench::report("thrust_sort", "omp", Samples, Work == Sorted);

  std::vector<std::pair<int, int>> Pairs(NumKeys);
  Samples = timeReps(
      Reps,
      [&] {
        for (int I = 0; I < NumKeys; ++I)
          Pairs[I] = {Keys[I], I};
      },
      [&] {
        std::stable_sort(
            Par, Pairs.begin(), Pairs.end(),
            [](const auto &A, const auto &B) { return A.first < B.first; });
      });
  bool Ok = true;
  for (int I = 0; I < NumKeys && Ok; I += 997)
    Ok = Pairs[I].first == Sorted[I] && Keys[Pairs[I].second] == Sorted[I];
  Status |= bench::report("thrust_sort_by_key", "omp", Samples, Ok);

  long long Sum = 0;
  Samples = timeReps(
      Reps, [] {},
      [&] { Sum = std::reduce(Par, Keys.begin(), Keys.end(), 0LL); });
  Status |=
      bench::report("thrust_reduce", "omp", Samples,
                    Sum == std::accumulate(Keys.begin(), Keys.end(), 0LL));

  std::vector<int> Small(NumKeys);
  for (int I = 0; I < NumKeys; ++I)
    Small[I] = Keys[I] & 63;
  Samples = timeReps(
      Reps, [] {},
      [&] {
        std::inclusive_scan(Par, Small.begin(), Small.end(), Out.begin());
      });
  std::vector<int> Scan(NumKeys);
  std::partial_sum(Small.begin(), Small.end(), Scan.begin());
  Status |= bench::report("thrust_scan", "omp", Samples, Out == Scan);

  size_t Picked = 0;
  auto DivisibleByThree = [](int X) { return X % 3 == 0; };
  Samples = timeReps(
      Reps, [] {},
      [&] {
        Picked = std::copy_if(Par, Keys.begin(), Keys.end(), Out.begin(),
                              DivisibleByThree) -
                 Out.begin();
      });
  std::vector<int> Want;
  std::copy_if(Keys.begin(), Keys.end(), std::back_inserter(Want),
               DivisibleByThree);
  Status |=
      bench::report("thrust_copy_if", "omp", Samples,
                    Picked == Want.size() &&
                        std::equal(Want.begin(), Want.end(), Out.begin()));
  return Status;
}
