// Monte-Carlo estimate of pi with a hand-written per-thread LCG (each thread
// seeds from its global id). Hit counts per thread are integers, so the device
// result must match the host simulation of every thread exactly; the estimate
// must also be close to pi.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

struct Lcg {
  unsigned long long state;
  __host__ __device__ explicit Lcg(unsigned long long seed) : state(seed * 0x9E3779B97F4A7C15ull + 1) {}
  __host__ __device__ unsigned next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)(state >> 33);   // 31 random bits
  }
};

__host__ __device__ unsigned countHits(unsigned long long seed, int samples) {
  Lcg rng(seed);
  unsigned hits = 0;
  for (int k = 0; k < samples; ++k) {
    // integer test x^2 + y^2 < R^2 with 15-bit coordinates: exact on any target
    unsigned long long x = rng.next() >> 16, y = rng.next() >> 16;
    hits += (x * x + y * y) < (1ull << 30);
  }
  return hits;
}

__global__ void monteCarlo(unsigned *hits, int samples) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  hits[i] = countHits(i, samples);
}

int main() {
  const int blocks = 64, bs = 128, n = blocks * bs, samples = 256;
  unsigned *d;
  CHECK(cudaMalloc(&d, n * 4));
  monteCarlo<<<blocks, bs>>>(d, samples);
  CHECK(cudaGetLastError());
  unsigned *h = (unsigned *)malloc(n * 4);
  CHECK(cudaMemcpy(h, d, n * 4, cudaMemcpyDeviceToHost));
  unsigned long long total = 0;
  for (int i = 0; i < n; ++i) {
    unsigned ref = countHits(i, samples);
    if (h[i] != ref) { printf("FAIL: thread %d hits %u expected %u\n", i, h[i], ref); return 1; }
    total += h[i];
  }
  double pi = 4.0 * (double)total / ((double)n * samples);
  if (fabs(pi - 3.14159265) > 0.01) { printf("FAIL: pi estimate %f\n", pi); return 1; }
  CHECK(cudaFree(d));
  free(h);
  printf("PASS\n");
  return 0;
}
