// Kernel in this file calls an extern __device__ function and reads extern
// __device__ variables defined in devlib.cu (relocatable device code).
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>
#include "devlib.h"

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

__global__ void apply(const int *in, int *out, int *scaleSeen, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = clampToByte(transform(in[i]));
  if (i == 0) *scaleSeen = g_scale;   // direct read of the extern variable
}

int main() {
  const int n = 5000;
  int *h = (int *)malloc(n * 4), *r = (int *)malloc(n * 4);
  for (int i = 0; i < n; ++i) h[i] = i % 97 - 20;
  int *din, *dout, *dseen;
  CHECK(cudaMalloc(&din, n * 4));
  CHECK(cudaMalloc(&dout, n * 4));
  CHECK(cudaMalloc(&dseen, 4));
  CHECK(cudaMemcpy(din, h, n * 4, cudaMemcpyHostToDevice));
  CHECK(setScale(3));
  apply<<<(n + 127) / 128, 128>>>(din, dout, dseen, n);
  CHECK(cudaGetLastError());
  int seen = 0;
  unsigned long long calls = 0;
  CHECK(cudaMemcpy(r, dout, n * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&seen, dseen, 4, cudaMemcpyDeviceToHost));
  CHECK(getCalls(&calls));
  const int table[8] = {0, 1, 4, 9, 16, 25, 36, 49};
  for (int i = 0; i < n; ++i) {
    int v = 3 * h[i] + table[h[i] & 7];
    v = v < 0 ? 0 : (v > 255 ? 255 : v);
    if (r[i] != v) { printf("FAIL: out[%d] = %d expected %d\n", i, r[i], v); return 1; }
  }
  if (seen != 3) { printf("FAIL: kernel saw g_scale = %d\n", seen); return 1; }
  if (calls != (unsigned long long)n) { printf("FAIL: g_calls = %llu expected %d\n", calls, n); return 1; }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout)); CHECK(cudaFree(dseen));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
