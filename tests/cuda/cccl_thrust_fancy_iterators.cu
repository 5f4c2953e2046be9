// Thrust's fancy iterators feeding device algorithms, from the real Thrust
// headers: counting_iterator and constant_iterator as inputs,
// transform_iterator computing inputs on the fly (a sum of squares through
// reduce), permutation_iterator gathering through an index map, zip_iterator
// over three sequences writing a tuple out, reverse_iterator, and
// discard_iterator swallowing an output. Checked against host loops.
#include <thrust/device_vector.h>
#include <thrust/execution_policy.h>
#include <thrust/host_vector.h>
#include <thrust/iterator/constant_iterator.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/discard_iterator.h>
#include <thrust/iterator/permutation_iterator.h>
#include <thrust/iterator/reverse_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/reduce.h>
#include <thrust/sequence.h>
#include <thrust/transform.h>

#include <cmath>
#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

struct Square {
  __host__ __device__ long long operator()(int X) const {
    return (long long)X * X;
  }
};

struct AffineOfThree {
  __host__ __device__ float
  operator()(const thrust::tuple<int, float, int> &T) const {
    return float(thrust::get<0>(T)) * thrust::get<1>(T) + thrust::get<2>(T);
  }
};

struct ScaleBy {
  int Factor;
  __host__ __device__ int operator()(int X, int C) const {
    return X * Factor + C;
  }
};

int main() {
  const int N = 12345;
  using Counting = thrust::counting_iterator<int>;

  // Sum of squares of 0..N-1, the squares made on the fly.
  auto Squares = thrust::make_transform_iterator(Counting(0), Square());
  long long SumSquares = thrust::reduce(Squares, Squares + N, 0LL);
  expect(SumSquares == (long long)(N - 1) * N * (2LL * N - 1) / 6,
         "reduce over a transform_iterator of a counting_iterator");

  // X * 3 + 7 with X counting and 7 constant.
  thrust::device_vector<int> Affine(N);
  thrust::transform(Counting(0), Counting(N), thrust::make_constant_iterator(7),
                    Affine.begin(), ScaleBy{3});
  thrust::host_vector<int> A = Affine;
  bool AffineOk = true;
  for (int I = 0; I < N; ++I)
    AffineOk &= A[I] == I * 3 + 7;
  expect(AffineOk, "transform of counting and constant iterators");

  // Gather through a map: Out[I] = Source[Map[I]].
  thrust::device_vector<float> Source(N);
  thrust::sequence(Source.begin(), Source.end(), 0.5f, 2.0f);
  std::vector<int> Map(N);
  for (int I = 0; I < N; ++I)
    Map[I] = int((I * 7919LL) % N);
  thrust::device_vector<int> DMap(Map.begin(), Map.end());
  thrust::device_vector<float> Gathered(N);
  auto Permuted =
      thrust::make_permutation_iterator(Source.begin(), DMap.begin());
  thrust::copy(Permuted, Permuted + N, Gathered.begin());
  thrust::host_vector<float> G = Gathered;
  bool GatherOk = true;
  for (int I = 0; I < N; ++I)
    GatherOk &= G[I] == 0.5f + 2.0f * Map[I];
  expect(GatherOk, "copy through a permutation_iterator");

  // A zip of three sequences, one of them reversed.
  thrust::device_vector<float> Out(N);
  auto Zip = thrust::make_zip_iterator(
      thrust::make_tuple(Counting(0), Source.begin(),
                         thrust::make_reverse_iterator(Affine.end())));
  thrust::transform(Zip, Zip + N, Out.begin(), AffineOfThree());
  thrust::host_vector<float> O = Out;
  bool ZipOk = true;
  for (int I = 0; I < N; ++I) {
    // The device may fuse the multiply-add (as nvcc does): allow its
    // rounding difference.
    float Want = float(I) * (0.5f + 2.0f * I) + A[N - 1 - I];
    ZipOk &= std::fabs(O[I] - Want) <= 1e-6f * std::fabs(Want);
  }
  expect(ZipOk, "transform of a zip with a reverse_iterator");

  // The output goes nowhere; the count of results still comes back. (No
  // iterator names a system here: thrust::device picks CUDA's.)
  auto Discarded = thrust::transform(thrust::device, Counting(0), Counting(N),
                                     thrust::make_discard_iterator(), Square());
  expect(Discarded - thrust::make_discard_iterator() == N,
         "transform into a discard_iterator");

  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
