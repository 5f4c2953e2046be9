// Uses the managed table defined in tables.cu from this file's kernel and
// from host code, alternating with tables.cu's kernel.
#include <cstdio>
#include <cuda_runtime.h>
#include "tables.h"

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

__global__ void lookup(const int *idx, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    out[i] = g_table[idx[i] % kTableSize];
    atomicAdd(&g_hits, 1ull);
  }
}

int main() {
  // Static initialisers from the other file are visible here.
  if (g_table[3] != 3.0f || g_table[4] != 0.0f || g_generation != 1 || g_hits != 0) {
    printf("FAIL: initial values %g %g %d %llu\n", g_table[3], g_table[4], g_generation, g_hits);
    return 1;
  }
  const int n = 1000;
  int *idx;
  float *out;
  CHECK(cudaMallocManaged(&idx, n * sizeof(int)));
  CHECK(cudaMallocManaged(&out, n * sizeof(float)));
  for (int i = 0; i < n; ++i) idx[i] = i * 7;
  unsigned long long hits = 0;
  for (int gen = 1; gen <= 3; ++gen) {
    g_generation = gen;                   // host write, read by tables.cu's kernel
    CHECK(rebuildTable(0.5f));
    hits += kTableSize;
    g_table[kTableSize - 1] = -1.0f;      // host edit, read by this file's kernel
    lookup<<<(n + 255) / 256, 256>>>(idx, out, n);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());
    hits += n;
    for (int i = 0; i < n; ++i) {
      int k = idx[i] % kTableSize;
      float ref = k == kTableSize - 1 ? -1.0f : 0.5f * k * gen;
      if (out[i] != ref) { printf("FAIL: generation %d: out[%d] = %g expected %g\n", gen, i, out[i], ref); return 1; }
    }
    if (g_hits != hits) { printf("FAIL: g_hits = %llu expected %llu\n", g_hits, hits); return 1; }
  }
  CHECK(cudaFree(idx));
  CHECK(cudaFree(out));
  printf("PASS\n");
  return 0;
}
