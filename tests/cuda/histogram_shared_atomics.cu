// 256-bin byte histogram: per-block privatised histogram in shared memory
// (atomicAdd on shared), merged into the global histogram with global atomics.
// Grid-stride loop over the input; the shared histogram is zeroed and flushed
// with block-stride loops (works for any block size).
#include <cstdio>
#include <cstdlib>
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

#define BINS 256

__global__ void histogram(const unsigned char *data, int n, unsigned *hist) {
  __shared__ unsigned local[BINS];
  for (int b = threadIdx.x; b < BINS; b += blockDim.x) local[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    atomicAdd(&local[data[i]], 1u);
  __syncthreads();
  for (int b = threadIdx.x; b < BINS; b += blockDim.x)
    if (local[b]) atomicAdd(&hist[b], local[b]);
}

int main() {
  const int n = 3000017;
  unsigned char *h = (unsigned char *)malloc(n);
  unsigned s = 5u;
  for (int i = 0; i < n; ++i) {
    s = s * 1664525u + 1013904223u;
    // skewed distribution: low bins much more frequent
    unsigned r = s >> 24;
    h[i] = (unsigned char)((r * r) >> 8);
  }
  unsigned char *d; unsigned *dh;
  CHECK(cudaMalloc(&d, n));
  CHECK(cudaMalloc(&dh, BINS * 4));
  CHECK(cudaMemcpy(d, h, n, cudaMemcpyHostToDevice));
  const int bsizes[] = {256, 100};   // 100 < BINS exercises the block-stride zero/flush
  for (int bs : bsizes) {
    CHECK(cudaMemset(dh, 0, BINS * 4));
    histogram<<<64, bs>>>(d, n, dh);
    CHECK(cudaGetLastError());
    unsigned hist[BINS], ref[BINS] = {0};
    CHECK(cudaMemcpy(hist, dh, sizeof(hist), cudaMemcpyDeviceToHost));
    for (int i = 0; i < n; ++i) ref[h[i]]++;
    for (int b = 0; b < BINS; ++b)
      if (hist[b] != ref[b]) { printf("FAIL: bs %d bin %d: %u vs %u\n", bs, b, hist[b], ref[b]); return 1; }
  }
  CHECK(cudaFree(d)); CHECK(cudaFree(dh));
  free(h);
  printf("PASS\n");
  return 0;
}
