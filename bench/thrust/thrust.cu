//===- thrust.cu - Thrust's device algorithms on 2^24 keys ---------------===//
//
// Part of Tongxin. Thrust (Debian's 1.17, CUDA device system) compiled by
// txcc: sort of 2^24 int keys, sort_by_key with int values, reduce to a
// 64-bit sum, inclusive_scan (of the keys' low six bits), and copy_if of
// the keys divisible by three.
// Each prints its own RESULT line (thrust_sort, ...); thrust_omp.cpp does
// the same operations with the C++17 parallel algorithms (TBB), the
// baseline a competent programmer would call on a CPU. Every result is
// checked against a sequential host computation.
//
//===----------------------------------------------------------------------===//

#include "../common/bench_util.h"

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/host_vector.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/sort.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

static constexpr int NumKeys = 1 << 24;

struct DivisibleByThree {
  __host__ __device__ bool operator()(int X) const { return X % 3 == 0; }
};

static std::vector<int> makeKeys() {
  std::vector<int> Keys(NumKeys);
  uint32_t State = 12345;
  for (int &Key : Keys) {
    State = State * 1664525u + 1013904223u;
    Key = int(State >> 1);
  }
  return Keys;
}

/// Times Op on fresh copies of the input (Reset runs untimed before each).
template <typename ResetFn, typename OpFn>
static std::vector<double> timeReps(int Reps, ResetFn Reset, OpFn Op) {
  std::vector<double> Samples;
  for (int Rep = 0; Rep < Reps; ++Rep) {
    Reset();
    cudaDeviceSynchronize();
    double Start = bench::nowMs();
    Op();
    cudaDeviceSynchronize();
    Samples.push_back(bench::nowMs() - Start);
  }
  return Samples;
}

int main(int Argc, char **Argv) {
  int Reps = bench::parseReps(Argc, Argv, 5);
  std::vector<int> Keys = makeKeys();
  thrust::device_vector<int> Input(Keys.begin(), Keys.end());
  thrust::device_vector<int> Work(NumKeys), Values(NumKeys), Out(NumKeys);
  int Status = 0;

  std::vector<int> Sorted = Keys;
  std::sort(Sorted.begin(), Sorted.end());
  auto Samples = timeReps(
      Reps, [&] { thrust::copy(Input.begin(), Input.end(), Work.begin()); },
      [&] { thrust::sort(Work.begin(), Work.end()); });
  thrust::host_vector<int> Got = Work;
  Status |=
      bench::report("thrust_sort", "txcc", Samples,
                    std::equal(Sorted.begin(), Sorted.end(), Got.begin()));

  Samples = timeReps(
      Reps,
      [&] {
        thrust::copy(Input.begin(), Input.end(), Work.begin());
        thrust::sequence(Values.begin(), Values.end());
      },
      [&] { thrust::sort_by_key(Work.begin(), Work.end(), Values.begin()); });
  Got = Work;
  thrust::host_vector<int> GotValues = Values;
  bool Ok = std::equal(Sorted.begin(), Sorted.end(), Got.begin());
  for (int I = 0; I < NumKeys && Ok; I += 997)
    Ok = Keys[GotValues[I]] == Got[I];
  Status |= bench::report("thrust_sort_by_key", "txcc", Samples, Ok);

  long long Sum = 0;
  Samples = timeReps(
      Reps, [] {},
      [&] { Sum = thrust::reduce(Input.begin(), Input.end(), 0LL); });
  Status |=
      bench::report("thrust_reduce", "txcc", Samples,
                    Sum == std::accumulate(Keys.begin(), Keys.end(), 0LL));

  // Scanned: the keys' low six bits, whose sums fit in an int.
  std::vector<int> Small(NumKeys);
  for (int I = 0; I < NumKeys; ++I)
    Small[I] = Keys[I] & 63;
  thrust::device_vector<int> SmallIn(Small.begin(), Small.end());
  Samples = timeReps(
      Reps, [] {},
      [&] {
        thrust::inclusive_scan(SmallIn.begin(), SmallIn.end(), Out.begin());
      });
  std::vector<int> Scan(NumKeys);
  std::partial_sum(Small.begin(), Small.end(), Scan.begin());
  Got = Out;
  Status |= bench::report("thrust_scan", "txcc", Samples,
                          std::equal(Scan.begin(), Scan.end(), Got.begin()));

  size_t Picked = 0;
  Samples = timeReps(
      Reps, [] {},
      [&] {
        Picked = thrust::copy_if(Input.begin(), Input.end(), Out.begin(),
                                 DivisibleByThree()) -
                 Out.begin();
      });
  std::vector<int> Want;
  std::copy_if(Keys.begin(), Keys.end(), std::back_inserter(Want),
               DivisibleByThree());
  Got = Out;
  Status |=
      bench::report("thrust_copy_if", "txcc", Samples,
                    Picked == Want.size() &&
                        std::equal(Want.begin(), Want.end(), Got.begin()));
  return Status;
}
