// Thrust's compaction algorithms on device_vectors, from the real Thrust
// headers: remove_if with a functor, unique on runs of equal values,
// unique_by_key, and copy_if. Each result, and the iterator
// each returns, is checked against the standard library on the host.
#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/host_vector.h>
#include <thrust/remove.h>
#include <thrust/unique.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

struct IsMultipleOfFive {
  __host__ __device__ bool operator()(int X) const { return X % 5 == 0; }
};

template <typename T>
static bool equals(const std::vector<T> &Want,
                   const thrust::device_vector<T> &Got, size_t Size) {
  if (Want.size() != Size)
    return false;
  thrust::host_vector<T> Host(Got.begin(), Got.begin() + Size);
  return std::equal(Want.begin(), Want.end(), Host.begin());
}

int main() {
  const int N = 30011;
  std::vector<int> Values(N), Keys(N);
  unsigned Seed = 5;
  for (int I = 0; I < N; ++I) {
    Seed = Seed * 1664525u + 1013904223u;
    Values[I] = I > 0 && Seed % 3 != 0 ? Values[I - 1] : int(Seed >> 12) % 400;
    Keys[I] = I > 0 && Seed % 5 != 0 ? Keys[I - 1] : int(Seed >> 16) % 50;
  }

  thrust::device_vector<int> D(Values.begin(), Values.end());
  auto End = thrust::remove_if(D.begin(), D.end(), IsMultipleOfFive());
  std::vector<int> Want = Values;
  Want.erase(std::remove_if(Want.begin(), Want.end(), IsMultipleOfFive()),
             Want.end());
  expect(equals(Want, D, End - D.begin()), "remove_if");

  Want = Values;
  Want.erase(std::unique(Want.begin(), Want.end()), Want.end());
  thrust::device_vector<int> In(Values.begin(), Values.end());
  thrust::device_vector<int> U = In;
  End = thrust::unique(U.begin(), U.end());
  expect(equals(Want, U, End - U.begin()), "unique");

  // unique_by_key: the first value of each run of equal keys.
  std::vector<int> WantKeys, WantValues;
  for (int I = 0; I < N; ++I)
    if (I == 0 || Keys[I] != Keys[I - 1]) {
      WantKeys.push_back(Keys[I]);
      WantValues.push_back(Values[I]);
    }
  thrust::device_vector<int> DK(Keys.begin(), Keys.end()), DV = In;
  auto Ends = thrust::unique_by_key(DK.begin(), DK.end(), DV.begin());
  expect(equals(WantKeys, DK, Ends.first - DK.begin()) &&
             equals(WantValues, DV, Ends.second - DV.begin()),
         "unique_by_key");

  Want.clear();
  std::copy_if(Values.begin(), Values.end(), std::back_inserter(Want),
               IsMultipleOfFive());
  thrust::device_vector<int> Picked(N);
  End =
      thrust::copy_if(In.begin(), In.end(), Picked.begin(), IsMultipleOfFive());
  expect(equals(Want, Picked, End - Picked.begin()), "copy_if");

  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
