// One pass of an LSD radix sort on 4-bit digits: (1) per-block digit
// histograms in shared memory, (2) an exclusive scan over (digit, block) on a
// single block, (3) a stable scatter where each block ranks its keys per digit
// serially within the block (thread 0 walks the tile) — checked against a
// host stable counting sort. Then all 8 passes sort 32-bit keys fully.
#include <cstdio>
#include <cstdlib>
#include <algorithm>
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

#define RADIX 16
#define TILE 256

__global__ void digitHistogram(const unsigned *keys, int n, int shift, unsigned *counts /* [RADIX][blocks] */) {
  __shared__ unsigned h[RADIX];
  if (threadIdx.x < RADIX) h[threadIdx.x] = 0;
  __syncthreads();
  int i = blockIdx.x * TILE + threadIdx.x;
  if (i < n) atomicAdd(&h[(keys[i] >> shift) & (RADIX - 1)], 1u);
  __syncthreads();
  if (threadIdx.x < RADIX) counts[threadIdx.x * gridDim.x + blockIdx.x] = h[threadIdx.x];
}

// Exclusive scan of m counts with a single block (serial chunks + block scan).
__global__ void scanCounts(unsigned *counts, int m) {
  __shared__ unsigned partial[TILE];
  int t = threadIdx.x;
  int per = (m + TILE - 1) / TILE;
  unsigned sum = 0;
  for (int k = t * per; k < min(m, (t + 1) * per); ++k) sum += counts[k];
  partial[t] = sum;
  __syncthreads();
  if (t == 0) {  // tiny: serial scan of TILE partials
    unsigned acc = 0;
    for (int k = 0; k < TILE; ++k) { unsigned v = partial[k]; partial[k] = acc; acc += v; }
  }
  __syncthreads();
  unsigned acc = partial[t];
  for (int k = t * per; k < min(m, (t + 1) * per); ++k) { unsigned v = counts[k]; counts[k] = acc; acc += v; }
}

__global__ void scatter(const unsigned *keys, unsigned *out, int n, int shift, const unsigned *offsets) {
  __shared__ unsigned tileKeys[TILE];
  __shared__ unsigned rank[TILE];
  int base = blockIdx.x * TILE, t = threadIdx.x;
  int cnt = min(TILE, n - base);
  if (t < cnt) tileKeys[t] = keys[base + t];
  __syncthreads();
  if (t == 0) {  // stable local ranking
    unsigned next[RADIX];
    for (int d = 0; d < RADIX; ++d) next[d] = offsets[d * gridDim.x + blockIdx.x];
    for (int k = 0; k < cnt; ++k) rank[k] = next[(tileKeys[k] >> shift) & (RADIX - 1)]++;
  }
  __syncthreads();
  if (t < cnt) out[rank[t]] = tileKeys[t];
}

int main() {
  const int n = 50000, blocks = (n + TILE - 1) / TILE, m = RADIX * blocks;
  unsigned *h = (unsigned *)malloc(n * 4), *r = (unsigned *)malloc(n * 4), *ref = (unsigned *)malloc(n * 4);
  unsigned s = 8u;
  for (int i = 0; i < n; ++i) { s = s * 1664525u + 1013904223u; h[i] = s ^ (s >> 13); }
  unsigned *dA, *dB, *dCounts;
  CHECK(cudaMalloc(&dA, n * 4));
  CHECK(cudaMalloc(&dB, n * 4));
  CHECK(cudaMalloc(&dCounts, m * 4));
  CHECK(cudaMemcpy(dA, h, n * 4, cudaMemcpyHostToDevice));
  for (int i = 0; i < n; ++i) ref[i] = h[i];
  for (int pass = 0; pass < 8; ++pass) {
    int shift = pass * 4;
    digitHistogram<<<blocks, TILE>>>(dA, n, shift, dCounts);
    scanCounts<<<1, TILE>>>(dCounts, m);
    scatter<<<blocks, TILE>>>(dA, dB, n, shift, dCounts);
    CHECK(cudaGetLastError());
    unsigned *t = dA; dA = dB; dB = t;
    if (pass == 0) {  // check the first pass against a host stable counting sort
      CHECK(cudaMemcpy(r, dA, n * 4, cudaMemcpyDeviceToHost));
      unsigned cnt[RADIX + 1] = {0};
      for (int i = 0; i < n; ++i) cnt[(h[i] & 15) + 1]++;
      for (int d = 0; d < RADIX; ++d) cnt[d + 1] += cnt[d];
      unsigned *tmp = (unsigned *)malloc(n * 4);
      for (int i = 0; i < n; ++i) tmp[cnt[h[i] & 15]++] = h[i];
      for (int i = 0; i < n; ++i) if (r[i] != tmp[i]) { printf("FAIL: pass 0 position %d: %08x expected %08x\n", i, r[i], tmp[i]); return 1; }
      free(tmp);
    }
  }
  CHECK(cudaMemcpy(r, dA, n * 4, cudaMemcpyDeviceToHost));
  std::sort(ref, ref + n);
  for (int i = 0; i < n; ++i) if (r[i] != ref[i]) { printf("FAIL: sorted[%d] = %08x expected %08x\n", i, r[i], ref[i]); return 1; }
  CHECK(cudaFree(dA)); CHECK(cudaFree(dB)); CHECK(cudaFree(dCounts));
  free(h); free(r); free(ref);
  printf("PASS\n");
  return 0;
}
