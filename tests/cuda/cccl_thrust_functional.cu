// Thrust's function objects and element-wise algorithms, from the real
// Thrust headers: placeholder expressions (thrust::placeholders, `_1 * 2 +
// _2`), thrust::maximum and thrust::negate, transform_if with a stencil,
// replace_if, for_each_n and adjacent_difference. Checked against host
// loops and the standard library.
#include <thrust/adjacent_difference.h>
#include <thrust/device_vector.h>
#include <thrust/for_each.h>
#include <thrust/functional.h>
#include <thrust/host_vector.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/replace.h>
#include <thrust/transform.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

struct IsOdd {
  __host__ __device__ bool operator()(int X) const { return X & 1; }
};

struct Clamp {
  int *Data;
  __host__ __device__ void operator()(int I) const {
    Data[I] = Data[I] > 50 ? 50 : Data[I];
  }
};

int main() {
  const int N = 7001;
  std::vector<int> A(N), B(N);
  for (int I = 0; I < N; ++I) {
    A[I] = (I * 31) % 199 - 99;
    B[I] = (I * 17) % 83 - 41;
  }
  thrust::device_vector<int> DA(A.begin(), A.end()), DB(B.begin(), B.end());
  thrust::device_vector<int> Out(N);

  using namespace thrust::placeholders;
  thrust::transform(DA.begin(), DA.end(), DB.begin(), Out.begin(), _1 * 2 + _2);
  thrust::host_vector<int> O = Out;
  bool PlaceholderOk = true;
  for (int I = 0; I < N; ++I)
    PlaceholderOk &= O[I] == A[I] * 2 + B[I];
  expect(PlaceholderOk, "placeholder expression _1 * 2 + _2");

  thrust::transform(DA.begin(), DA.end(), DB.begin(), Out.begin(),
                    thrust::maximum<int>());
  O = Out;
  bool MaxOk = true;
  for (int I = 0; I < N; ++I)
    MaxOk &= O[I] == std::max(A[I], B[I]);
  expect(MaxOk, "transform with thrust::maximum");

  // Negate only where the stencil (B) is odd; elsewhere Out keeps 1234.
  thrust::fill(Out.begin(), Out.end(), 1234);
  thrust::transform_if(DA.begin(), DA.end(), DB.begin(), Out.begin(),
                       thrust::negate<int>(), IsOdd());
  O = Out;
  bool IfOk = true;
  for (int I = 0; I < N; ++I)
    IfOk &= O[I] == (B[I] & 1 ? -A[I] : 1234);
  expect(IfOk, "transform_if with a stencil");

  thrust::device_vector<int> R = DA;
  thrust::replace_if(R.begin(), R.end(), IsOdd(), 0);
  thrust::for_each_n(thrust::counting_iterator<int>(0), N,
                     Clamp{thrust::raw_pointer_cast(R.data())});
  thrust::host_vector<int> HR = R;
  bool ReplaceOk = true;
  for (int I = 0; I < N; ++I)
    ReplaceOk &= HR[I] == std::min(A[I] & 1 ? 0 : A[I], 50);
  expect(ReplaceOk, "replace_if then for_each_n");

  thrust::adjacent_difference(DA.begin(), DA.end(), Out.begin());
  std::vector<int> WantDiff(N);
  std::adjacent_difference(A.begin(), A.end(), WantDiff.begin());
  O = Out;
  expect(std::equal(WantDiff.begin(), WantDiff.end(), O.begin()),
         "adjacent_difference");

  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
