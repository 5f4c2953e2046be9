// __syncthreads_count, __syncthreads_and and __syncthreads_or: block-wide
// predicate votes, checked against host-side evaluation of the predicates.
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

__global__ void votes(const int *in, int *cnt, int *all, int *any) {
  int v = in[blockIdx.x * blockDim.x + threadIdx.x];
  int c = __syncthreads_count(v > 50);
  int a = __syncthreads_and(v >= 0);
  int o = __syncthreads_or(v == 99);
  if (threadIdx.x == blockDim.x - 1) {  // any thread sees the same result
    cnt[blockIdx.x] = c;
    all[blockIdx.x] = a != 0;
    any[blockIdx.x] = o != 0;
  }
}

int main() {
  const int bs = 160, blocks = 8, n = bs * blocks;
  int *h = (int *)malloc(n * sizeof(int));
  for (int b = 0; b < blocks; ++b)
    for (int t = 0; t < bs; ++t) {
      int v = (t * 37 + b * 11) % 99;            // 0..98: never 99 by default
      if (b == 3 && t == 100) v = 99;            // block 3 has a 99
      if (b == 5 && t == 7) v = -1;              // block 5 has a negative
      h[b * bs + t] = v;
    }
  int *d, *dc, *da, *dy;
  CHECK(cudaMalloc(&d, n * sizeof(int)));
  CHECK(cudaMalloc(&dc, blocks * sizeof(int)));
  CHECK(cudaMalloc(&da, blocks * sizeof(int)));
  CHECK(cudaMalloc(&dy, blocks * sizeof(int)));
  CHECK(cudaMemcpy(d, h, n * sizeof(int), cudaMemcpyHostToDevice));
  votes<<<blocks, bs>>>(d, dc, da, dy);
  CHECK(cudaGetLastError());
  int hc[blocks], ha[blocks], hy[blocks];
  CHECK(cudaMemcpy(hc, dc, sizeof(hc), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(ha, da, sizeof(ha), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hy, dy, sizeof(hy), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b) {
    int c = 0, a = 1, o = 0;
    for (int t = 0; t < bs; ++t) {
      int v = h[b * bs + t];
      c += v > 50; a &= v >= 0; o |= v == 99;
    }
    if (hc[b] != c || ha[b] != a || hy[b] != o) {
      printf("FAIL: block %d: count %d/%d and %d/%d or %d/%d\n", b, hc[b], c, ha[b], a, hy[b], o);
      return 1;
    }
  }
  CHECK(cudaFree(d)); CHECK(cudaFree(dc)); CHECK(cudaFree(da)); CHECK(cudaFree(dy));
  free(h);
  printf("PASS\n");
  return 0;
}
