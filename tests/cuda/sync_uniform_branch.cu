// __syncthreads() inside branches whose conditions are uniform across the
// block: one depends on blockIdx (even/odd blocks take different paths, each
// with its own barriers), one on a kernel argument (mode).
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

#define BS 64

__global__ void branchy(const int *in, int *out, int mode) {
  __shared__ int s[BS];
  int t = threadIdx.x;
  int v = in[blockIdx.x * BS + t];
  s[t] = v;
  __syncthreads();
  if (blockIdx.x % 2 == 0) {
    // even blocks: shift left by one, twice, with a barrier between
    int a = s[(t + 1) % BS];
    __syncthreads();
    s[t] = a;
    __syncthreads();
    v = s[(t + 1) % BS];
  } else {
    // odd blocks: reverse
    v = s[BS - 1 - t];
  }
  if (mode == 1) {
    __syncthreads();    // everyone is done reading s
    s[t] = v * 3;
    __syncthreads();
    v = s[(t + 7) % BS];
  }
  out[blockIdx.x * BS + t] = v;
}

int main() {
  const int blocks = 10, n = blocks * BS;
  int *h = (int *)malloc(n * sizeof(int)), *r = (int *)malloc(n * sizeof(int));
  for (int i = 0; i < n; ++i) h[i] = (i * 131) % 997;
  int *di, *dout;
  CHECK(cudaMalloc(&di, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, n * sizeof(int)));
  CHECK(cudaMemcpy(di, h, n * sizeof(int), cudaMemcpyHostToDevice));
  for (int mode = 0; mode < 2; ++mode) {
    branchy<<<blocks, BS>>>(di, dout, mode);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(r, dout, n * sizeof(int), cudaMemcpyDeviceToHost));
    for (int b = 0; b < blocks; ++b) {
      int v[BS];
      const int *in = h + b * BS;
      for (int t = 0; t < BS; ++t) v[t] = (b % 2 == 0) ? in[(t + 2) % BS] : in[BS - 1 - t];
      for (int t = 0; t < BS; ++t) {
        int ref = mode == 1 ? v[(t + 7) % BS] * 3 : v[t];
        if (r[b * BS + t] != ref) {
          printf("FAIL: mode %d block %d t %d: %d vs %d\n", mode, b, t, r[b * BS + t], ref);
          return 1;
        }
      }
    }
  }
  CHECK(cudaFree(di)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
