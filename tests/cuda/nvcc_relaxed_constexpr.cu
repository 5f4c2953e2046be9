// --expt-relaxed-constexpr: constexpr functions without __device__ (the
// project's own helpers and the standard library's std::max, std::min,
// std::numeric_limits) called from device code. Libraries test
// __CUDACC_RELAXED_CONSTEXPR__ to insist on the flag, as here.
// txcc-flags: --expt-relaxed-constexpr
#include <algorithm>
#include <cstdio>
#include <limits>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                   \
  do {                                                                     \
    cudaError_t e = (call);                                                \
    if (e != cudaSuccess) {                                                \
      fprintf(stderr, "FAIL: %s failed at %s:%d: %s\n", #call, __FILE__,   \
              __LINE__, cudaGetErrorString(e));                            \
      return 1;                                                            \
    }                                                                      \
  } while (0)

#ifndef __CUDACC_RELAXED_CONSTEXPR__
#error "this file must be compiled with --expt-relaxed-constexpr"
#endif

// Plain host constexpr helpers: no __host__ __device__ anywhere.
constexpr int ceilDiv(int a, int b) { return (a + b - 1) / b; }
constexpr int kTile = 64;
constexpr unsigned fnv1a(const char *s, unsigned h = 2166136261u) {
  return *s ? fnv1a(s + 1, (h ^ (unsigned char)*s) * 16777619u) : h;
}
template <typename T> constexpr T clampTo(T v, T lo, T hi) { return std::min(std::max(v, lo), hi); }

__global__ void tileStats(const float *in, float *tileMax, int *tileClamped, unsigned *tag, int n) {
  int tile = blockIdx.x;
  float m = std::numeric_limits<float>::lowest();
  int clamped = 0;
  for (int i = tile * kTile; i < std::min(n, (tile + 1) * kTile); ++i) {
    m = std::max(m, in[i]);
    clamped += clampTo(in[i], -1.0f, 1.0f) != in[i];
  }
  tileMax[tile] = m;
  tileClamped[tile] = clamped;
  if (tile == 0) *tag = fnv1a("tile");  // may fold at compile time or run on the device
}

int main() {
  const int n = 1000, tiles = ceilDiv(n, kTile);
  static_assert(ceilDiv(1000, 64) == 16, "ceilDiv");
  float h[n];
  for (int i = 0; i < n; ++i) h[i] = (float)((i * 131) % 401) / 100.0f - 2.0f;
  float *din, *dmax, rmax[tiles];
  int *dcl, rcl[tiles];
  unsigned *dtag, tag = 0;
  CUDA_CHECK(cudaMalloc(&din, sizeof h));
  CUDA_CHECK(cudaMalloc(&dmax, sizeof rmax));
  CUDA_CHECK(cudaMalloc(&dcl, sizeof rcl));
  CUDA_CHECK(cudaMalloc(&dtag, sizeof tag));
  CUDA_CHECK(cudaMemcpy(din, h, sizeof h, cudaMemcpyHostToDevice));
  tileStats<<<tiles, 1>>>(din, dmax, dcl, dtag, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaMemcpy(rmax, dmax, sizeof rmax, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(rcl, dcl, sizeof rcl, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(&tag, dtag, sizeof tag, cudaMemcpyDeviceToHost));
  for (int t = 0; t < tiles; ++t) {
    float m = -3.4e38f;
    int c = 0;
    for (int i = t * kTile; i < n && i < (t + 1) * kTile; ++i) {
      m = h[i] > m ? h[i] : m;
      c += h[i] < -1.0f || h[i] > 1.0f;
    }
    if (rmax[t] != m || rcl[t] != c) {
      printf("FAIL: tile %d: max %g clamped %d, expected %g %d\n", t, rmax[t], rcl[t], m, c);
      return 1;
    }
  }
  if (tag != fnv1a("tile")) { printf("FAIL: device fnv1a %08x expected %08x\n", tag, fnv1a("tile")); return 1; }
  CUDA_CHECK(cudaFree(din)); CUDA_CHECK(cudaFree(dmax)); CUDA_CHECK(cudaFree(dcl)); CUDA_CHECK(cudaFree(dtag));
  printf("PASS\n");
  return 0;
}
