// One __syncthreads() in straight-line code: reverse each block's chunk via
// shared memory (every thread reads an element written by another thread).
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

__global__ void reverseBlocks(const int *in, int *out) {
  __shared__ int tile[BS];
  int base = blockIdx.x * BS;
  tile[threadIdx.x] = in[base + threadIdx.x];
  __syncthreads();
  out[base + threadIdx.x] = tile[BS - 1 - threadIdx.x];
}

int main() {
  const int blocks = 300, n = blocks * BS;
  int *h = (int *)malloc(n * sizeof(int)), *r = (int *)malloc(n * sizeof(int));
  for (int i = 0; i < n; ++i) h[i] = i * 7 + 3;
  int *di, *dout;
  CHECK(cudaMalloc(&di, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, n * sizeof(int)));
  CHECK(cudaMemcpy(di, h, n * sizeof(int), cudaMemcpyHostToDevice));
  reverseBlocks<<<blocks, BS>>>(di, dout);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * sizeof(int), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b)
    for (int t = 0; t < BS; ++t)
      if (r[b * BS + t] != h[b * BS + BS - 1 - t]) {
        printf("FAIL: block %d thread %d got %d\n", b, t, r[b * BS + t]);
        return 1;
      }
  CHECK(cudaFree(di)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
