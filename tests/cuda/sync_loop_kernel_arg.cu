// Barrier inside a loop whose trip count is a kernel argument: iterated 1-D
// smoothing (integer, so exact) entirely in shared memory, ping-ponging two
// buffers, with an early-exit-free loop that every thread executes.
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

#define BS 200

__global__ void smoothIter(const int *in, int *out, int iters) {
  __shared__ int buf[2][BS];
  int t = threadIdx.x;
  buf[0][t] = in[blockIdx.x * BS + t];
  __syncthreads();
  int cur = 0;
  for (int it = 0; it < iters; ++it) {
    int l = t > 0 ? buf[cur][t - 1] : buf[cur][t];
    int r = t < BS - 1 ? buf[cur][t + 1] : buf[cur][t];
    buf[1 - cur][t] = (l + 2 * buf[cur][t] + r) / 4;
    cur = 1 - cur;
    __syncthreads();
  }
  out[blockIdx.x * BS + t] = buf[cur][t];
}

int main() {
  const int blocks = 16, n = blocks * BS;
  const int iterCounts[] = {0, 1, 7, 50};
  int *h = (int *)malloc(n * sizeof(int)), *r = (int *)malloc(n * sizeof(int));
  unsigned s = 99u;
  for (int i = 0; i < n; ++i) { s = s * 1664525u + 1013904223u; h[i] = (int)(s >> 20); }
  int *di, *dout;
  CHECK(cudaMalloc(&di, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, n * sizeof(int)));
  CHECK(cudaMemcpy(di, h, n * sizeof(int), cudaMemcpyHostToDevice));
  for (int iters : iterCounts) {
    smoothIter<<<blocks, BS>>>(di, dout, iters);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(r, dout, n * sizeof(int), cudaMemcpyDeviceToHost));
    for (int b = 0; b < blocks; ++b) {
      int x[BS], y[BS];
      for (int t = 0; t < BS; ++t) x[t] = h[b * BS + t];
      for (int it = 0; it < iters; ++it) {
        for (int t = 0; t < BS; ++t) {
          int l = t > 0 ? x[t - 1] : x[t], rr = t < BS - 1 ? x[t + 1] : x[t];
          y[t] = (l + 2 * x[t] + rr) / 4;
        }
        for (int t = 0; t < BS; ++t) x[t] = y[t];
      }
      for (int t = 0; t < BS; ++t)
        if (r[b * BS + t] != x[t]) {
          printf("FAIL: iters %d block %d t %d: %d vs %d\n", iters, b, t, r[b * BS + t], x[t]);
          return 1;
        }
    }
  }
  CHECK(cudaFree(di)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
