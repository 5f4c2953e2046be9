// A barrier inside a __device__ function called from a kernel (twice, and
// once from inside a loop). The helper does a block-wide inclusive scan
// (Hillis-Steele) on a shared array.
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

#define BS 128

// Inclusive scan of s[0..blockDim.x); all threads of the block must call it.
__device__ __noinline__ void blockScan(int *s) {
  int t = threadIdx.x;
  for (int off = 1; off < (int)blockDim.x; off <<= 1) {
    int add = t >= off ? s[t - off] : 0;
    __syncthreads();
    s[t] += add;
    __syncthreads();
  }
}

__global__ void scanTwice(const int *in, int *out1, int *out2, int rounds) {
  __shared__ int s[BS];
  int t = threadIdx.x;
  s[t] = in[blockIdx.x * BS + t];
  __syncthreads();
  blockScan(s);
  out1[blockIdx.x * BS + t] = s[t];
  for (int r = 0; r < rounds; ++r) {  // scan the scan, `rounds` more times (mod 1000)
    int v = s[t] % 1000;
    __syncthreads();
    s[t] = v;
    __syncthreads();
    blockScan(s);
  }
  out2[blockIdx.x * BS + t] = s[t];
}

int main() {
  const int blocks = 12, n = blocks * BS, rounds = 3;
  int *h = (int *)malloc(n * sizeof(int));
  int *r1 = (int *)malloc(n * sizeof(int)), *r2 = (int *)malloc(n * sizeof(int));
  for (int i = 0; i < n; ++i) h[i] = (i * 17 + 5) % 23;
  int *di, *d1, *d2;
  CHECK(cudaMalloc(&di, n * sizeof(int)));
  CHECK(cudaMalloc(&d1, n * sizeof(int)));
  CHECK(cudaMalloc(&d2, n * sizeof(int)));
  CHECK(cudaMemcpy(di, h, n * sizeof(int), cudaMemcpyHostToDevice));
  scanTwice<<<blocks, BS>>>(di, d1, d2, rounds);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r1, d1, n * sizeof(int), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(r2, d2, n * sizeof(int), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b) {
    int x[BS];
    for (int t = 0; t < BS; ++t) x[t] = h[b * BS + t] + (t ? x[t - 1] : 0);
    for (int t = 0; t < BS; ++t)
      if (r1[b * BS + t] != x[t]) { printf("FAIL: scan block %d t %d\n", b, t); return 1; }
    for (int r = 0; r < rounds; ++r) {
      int acc = 0;
      for (int t = 0; t < BS; ++t) { acc += x[t] % 1000; x[t] = acc; }
    }
    for (int t = 0; t < BS; ++t)
      if (r2[b * BS + t] != x[t]) {
        printf("FAIL: repeated scan block %d t %d: %d vs %d\n", b, t, r2[b * BS + t], x[t]);
        return 1;
      }
  }
  CHECK(cudaFree(di)); CHECK(cudaFree(d1)); CHECK(cudaFree(d2));
  free(h); free(r1); free(r2);
  printf("PASS\n");
  return 0;
}
