// Thrust beyond device_vector, from the real Thrust headers: a
// universal_vector (managed memory) written on the host, transformed on the
// device and read back on the host without copies; thrust::complex values
// in device containers transformed with a functor; and Thrust's host
// backend (thrust::host policy on host_vectors: sort, reduce, exclusive
// scan) in the same program as its CUDA one. Checked against host loops.
#include <thrust/complex.h>
#include <thrust/device_vector.h>
#include <thrust/execution_policy.h>
#include <thrust/host_vector.h>
#include <thrust/reduce.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/transform.h>
#include <thrust/universal_vector.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

struct Cube {
  __host__ __device__ int operator()(int X) const { return X * X * X; }
};

struct Rotate {
  thrust::complex<float> By;
  __host__ __device__ thrust::complex<float>
  operator()(const thrust::complex<float> &Z) const {
    return Z * By + thrust::conj(Z);
  }
};

int main() {
  const int N = 4099;
  thrust::universal_vector<int> U(N);
  for (int I = 0; I < N; ++I)
    U[I] = I % 41 - 20;
  thrust::transform(thrust::device, U.begin(), U.end(), U.begin(), Cube());
  cudaDeviceSynchronize();
  bool UniversalOk = true;
  for (int I = 0; I < N; ++I)
    UniversalOk &= U[I] == (I % 41 - 20) * (I % 41 - 20) * (I % 41 - 20);
  expect(UniversalOk, "universal_vector shared by host and device");

  std::vector<thrust::complex<float>> Zs(N);
  for (int I = 0; I < N; ++I)
    Zs[I] = thrust::complex<float>(float(I % 17) - 8.0f, float(I % 5) * 0.5f);
  thrust::device_vector<thrust::complex<float>> DZ(Zs.begin(), Zs.end());
  thrust::device_vector<thrust::complex<float>> DOut(N);
  const thrust::complex<float> By(0.0f, 1.0f); // a quarter turn
  thrust::transform(DZ.begin(), DZ.end(), DOut.begin(), Rotate{By});
  thrust::host_vector<thrust::complex<float>> Out = DOut;
  bool ComplexOk = true;
  for (int I = 0; I < N; ++I) {
    // (a + bi) * i + (a - bi) = (a - b) + (a - b)i: exact in float here.
    float A = Zs[I].real(), B = Zs[I].imag();
    ComplexOk &= Out[I].real() == A - B && Out[I].imag() == A - B;
  }
  expect(ComplexOk, "transform of thrust::complex in a device_vector");

  thrust::host_vector<int> H(N);
  for (int I = 0; I < N; ++I)
    H[I] = (I * 7919) % 1009;
  std::vector<int> Want(H.begin(), H.end());
  thrust::sort(thrust::host, H.begin(), H.end());
  std::sort(Want.begin(), Want.end());
  expect(std::equal(Want.begin(), Want.end(), H.begin()),
         "sort with thrust::host");
  expect(thrust::reduce(thrust::host, H.begin(), H.end(), 0L) ==
             std::accumulate(Want.begin(), Want.end(), 0L),
         "reduce with thrust::host");
  thrust::host_vector<int> Scan(N);
  thrust::exclusive_scan(thrust::host, H.begin(), H.end(), Scan.begin(), 5);
  bool ScanOk = Scan[0] == 5;
  for (int I = 1; I < N; ++I)
    ScanOk &= Scan[I] == Scan[I - 1] + Want[I - 1];
  expect(ScanOk, "exclusive_scan with thrust::host");

  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
