// A static __shared__ array declared inside a __device__ function (not the
// kernel). All calls from one block share the same storage.
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

// Returns the block-wide sum of v; must be called by all threads of the block.
__device__ int blockSum(int v) {
  __shared__ int scratch[BS];
  int t = threadIdx.x;
  scratch[t] = v;
  __syncthreads();
  for (int s = BS / 2; s > 0; s >>= 1) {
    if (t < s) scratch[t] += scratch[t + s];
    __syncthreads();
  }
  int total = scratch[0];
  __syncthreads();  // scratch may be reused by the next call
  return total;
}

__global__ void normalize(const int *in, int *out) {
  int v = in[blockIdx.x * BS + threadIdx.x];
  int sum = blockSum(v);
  int sumSq = blockSum(v * v);
  out[blockIdx.x * BS + threadIdx.x] = v * BS - sum + (sumSq & 0xff);
}

int main() {
  const int blocks = 33, n = blocks * BS;
  int *h = (int *)malloc(n * sizeof(int)), *r = (int *)malloc(n * sizeof(int));
  for (int i = 0; i < n; ++i) h[i] = (i * 29 + 3) % 101 - 50;
  int *di, *dout;
  CHECK(cudaMalloc(&di, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, n * sizeof(int)));
  CHECK(cudaMemcpy(di, h, n * sizeof(int), cudaMemcpyHostToDevice));
  normalize<<<blocks, BS>>>(di, dout);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * sizeof(int), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b) {
    int sum = 0, sq = 0;
    for (int t = 0; t < BS; ++t) { int v = h[b * BS + t]; sum += v; sq += v * v; }
    for (int t = 0; t < BS; ++t) {
      int ref = h[b * BS + t] * BS - sum + (sq & 0xff);
      if (r[b * BS + t] != ref) { printf("FAIL: block %d t %d: %d vs %d\n", b, t, r[b * BS + t], ref); return 1; }
    }
  }
  CHECK(cudaFree(di)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
