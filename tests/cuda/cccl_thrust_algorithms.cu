// Thrust's device algorithms from the real Thrust headers on
// thrust::device_vector: sort_by_key (CUB's radix sort, stable), reduce,
// inclusive_scan, and a zip iterator feeding transform; then the same radix
// sort called directly through CUB's DeviceRadixSort::SortPairs, on a
// DoubleBuffer (the sorted run ends in whichever buffer Current() names) and
// a bit range (keys equal in those bits keep their order). It instantiates
// the kernels Thrust's sort_by_key already does, so it costs no compile
// time. Each result is checked against the same computation on the host
// with the standard library.
#include <cub/device/device_radix_sort.cuh>
#include <thrust/device_vector.h>
#include <thrust/functional.h>
#include <thrust/host_vector.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/transform.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

struct WeightedSum {
  __host__ __device__ float
  operator()(const thrust::tuple<float, int> &T) const {
    return thrust::get<0>(T) * float(thrust::get<1>(T));
  }
};

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

int main() {
  const int N = 20000;
  std::vector<int> Keys(N), Values(N);
  std::vector<float> Weights(N);
  unsigned Seed = 7;
  for (int I = 0; I < N; ++I) {
    Seed = Seed * 1664525u + 1013904223u;
    Keys[I] = int(Seed >> 8) % 50000 - 25000;
    Values[I] = I;
    Weights[I] = float(Seed % 64) / 8.0f;
  }
  thrust::device_vector<int> DKeys(Keys.begin(), Keys.end());
  thrust::device_vector<int> DValues(Values.begin(), Values.end());
  thrust::device_vector<float> DWeights(Weights.begin(), Weights.end());

  long long Sum = thrust::reduce(DKeys.begin(), DKeys.end(), 0LL);
  expect(Sum == std::accumulate(Keys.begin(), Keys.end(), 0LL), "reduce");

  thrust::device_vector<int> DScan(N);
  thrust::inclusive_scan(DKeys.begin(), DKeys.end(), DScan.begin());
  std::vector<int> WantScan(N);
  std::partial_sum(Keys.begin(), Keys.end(), WantScan.begin());
  thrust::host_vector<int> Scan = DScan;
  expect(std::equal(WantScan.begin(), WantScan.end(), Scan.begin()),
         "inclusive_scan");

  thrust::device_vector<float> DWeighted(N);
  thrust::transform(thrust::make_zip_iterator(
                        thrust::make_tuple(DWeights.begin(), DValues.begin())),
                    thrust::make_zip_iterator(
                        thrust::make_tuple(DWeights.end(), DValues.end())),
                    DWeighted.begin(), WeightedSum());
  thrust::host_vector<float> Weighted = DWeighted;
  bool WeightedOk = true;
  for (int I = 0; I < N; ++I)
    WeightedOk &= Weighted[I] == Weights[I] * float(Values[I]);
  expect(WeightedOk, "transform over a zip iterator");

  // sort_by_key is stable: equal keys keep their values' order.
  thrust::sort_by_key(DKeys.begin(), DKeys.end(), DValues.begin());
  std::vector<int> Order(N);
  std::iota(Order.begin(), Order.end(), 0);
  std::stable_sort(Order.begin(), Order.end(),
                   [&](int A, int B) { return Keys[A] < Keys[B]; });
  thrust::host_vector<int> SortedKeys = DKeys, SortedValues = DValues;
  bool SortOk = true;
  for (int I = 0; I < N; ++I)
    SortOk &= SortedKeys[I] == Keys[Order[I]] && SortedValues[I] == Order[I];
  expect(SortOk, "sort_by_key");

  // CUB directly: only bits [4, 20) of the keys take part.
  const int BeginBit = 4, EndBit = 20;
  thrust::device_vector<int> KeysA(Keys.begin(), Keys.end()), KeysB(N);
  thrust::device_vector<int> ValuesA(Values.begin(), Values.end()), ValuesB(N);
  cub::DoubleBuffer<int> KeyBuffers(thrust::raw_pointer_cast(KeysA.data()),
                                    thrust::raw_pointer_cast(KeysB.data()));
  cub::DoubleBuffer<int> ValueBuffers(thrust::raw_pointer_cast(ValuesA.data()),
                                      thrust::raw_pointer_cast(ValuesB.data()));
  size_t TempBytes = 0;
  cub::DeviceRadixSort::SortPairs(nullptr, TempBytes, KeyBuffers, ValueBuffers,
                                  N, BeginBit, EndBit);
  thrust::device_vector<char> Temp(TempBytes);
  cudaError_t Err = cub::DeviceRadixSort::SortPairs(
      thrust::raw_pointer_cast(Temp.data()), TempBytes, KeyBuffers,
      ValueBuffers, N, BeginBit, EndBit);
  auto Field = [&](int Key) {
    return (unsigned(Key) >> BeginBit) & ((1u << (EndBit - BeginBit)) - 1);
  };
  std::iota(Order.begin(), Order.end(), 0);
  std::stable_sort(Order.begin(), Order.end(), [&](int A, int B) {
    return Field(Keys[A]) < Field(Keys[B]);
  });
  std::vector<int> GotKeys(N), GotValues(N);
  cudaMemcpy(GotKeys.data(), KeyBuffers.Current(), N * sizeof(int),
             cudaMemcpyDeviceToHost);
  cudaMemcpy(GotValues.data(), ValueBuffers.Current(), N * sizeof(int),
             cudaMemcpyDeviceToHost);
  bool CubOk = Err == cudaSuccess;
  for (int I = 0; I < N && CubOk; ++I)
    CubOk = GotKeys[I] == Keys[Order[I]] && GotValues[I] == Order[I];
  expect(CubOk, "cub::DeviceRadixSort::SortPairs on a bit range");

  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
