// Several __syncthreads() in one kernel separating distinct phases, with
// values held in registers across barriers (a per-thread local that must
// survive each barrier) and shared arrays rewritten between phases.
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

#define BS 96

__global__ void phases(const int *in, int *out) {
  __shared__ int a[BS];
  __shared__ int b[BS];
  int t = threadIdx.x;
  int mine = in[blockIdx.x * BS + t];       // lives across all barriers
  a[t] = mine;
  __syncthreads();                          // phase 1: neighbour sum
  int left = a[(t + BS - 1) % BS];
  int right = a[(t + 1) % BS];
  b[t] = left + right;
  __syncthreads();                          // phase 2: rotate by 5
  int rotated = b[(t + 5) % BS];
  __syncthreads();                          // everyone has read b: reuse it
  b[t] = rotated * 2 - mine;
  a[t] = t;                                 // overwrite a too
  __syncthreads();                          // phase 3: gather in reverse
  out[blockIdx.x * BS + t] = b[BS - 1 - t] + a[t] * mine;
}

int main() {
  const int blocks = 40, n = blocks * BS;
  int *h = (int *)malloc(n * sizeof(int)), *r = (int *)malloc(n * sizeof(int));
  unsigned s = 7u;
  for (int i = 0; i < n; ++i) { s = s * 1103515245u + 12345u; h[i] = (int)((s >> 16) % 1000) - 500; }
  int *di, *dout;
  CHECK(cudaMalloc(&di, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, n * sizeof(int)));
  CHECK(cudaMemcpy(di, h, n * sizeof(int), cudaMemcpyHostToDevice));
  phases<<<blocks, BS>>>(di, dout);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * sizeof(int), cudaMemcpyDeviceToHost));
  for (int blk = 0; blk < blocks; ++blk) {
    const int *in = h + blk * BS;
    int b1[BS], b2[BS];
    for (int t = 0; t < BS; ++t) b1[t] = in[(t + BS - 1) % BS] + in[(t + 1) % BS];
    for (int t = 0; t < BS; ++t) b2[t] = b1[(t + 5) % BS] * 2 - in[t];
    for (int t = 0; t < BS; ++t) {
      int ref = b2[BS - 1 - t] + t * in[t];
      if (r[blk * BS + t] != ref) {
        printf("FAIL: block %d thread %d: got %d expected %d\n", blk, t, r[blk * BS + t], ref);
        return 1;
      }
    }
  }
  CHECK(cudaFree(di)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
