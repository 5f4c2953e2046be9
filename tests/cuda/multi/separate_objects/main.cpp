// Plain C++ host program: only the runtime API header, no CUDA syntax; all
// device work goes through the launchers compiled in kernels.cu.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime_api.h>
#include "kernels.h"

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

int main() {
  const int n = 100000;
  float *hx = (float *)malloc(n * sizeof(float)), *hy = (float *)malloc(n * sizeof(float));
  int *hi = (int *)malloc(n * sizeof(int));
  long long ref = 0;
  for (int i = 0; i < n; ++i) { hx[i] = (float)(i % 100); hy[i] = 1.0f; hi[i] = i % 1000 - 300; ref += hi[i]; }
  float *dx, *dy; int *di; long long *dsum;
  CHECK(cudaMalloc((void **)&dx, n * sizeof(float)));
  CHECK(cudaMalloc((void **)&dy, n * sizeof(float)));
  CHECK(cudaMalloc((void **)&di, n * sizeof(int)));
  CHECK(cudaMalloc((void **)&dsum, sizeof(long long)));
  CHECK(cudaMemcpy(dx, hx, n * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dy, hy, n * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(di, hi, n * sizeof(int), cudaMemcpyHostToDevice));
  cudaStream_t s;
  CHECK(cudaStreamCreate(&s));
  CHECK(launchSaxpy(n, 0.5f, dx, dy, s));
  CHECK(launchSum(di, n, dsum, s));
  CHECK(cudaStreamSynchronize(s));
  long long sum = 0;
  CHECK(cudaMemcpy(hy, dy, n * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&sum, dsum, sizeof(long long), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    float r = 0.5f * (float)(i % 100) + 1.0f;  // exact
    if (hy[i] != r) { printf("FAIL: y[%d] = %f expected %f\n", i, hy[i], r); return 1; }
  }
  if (sum != ref) { printf("FAIL: sum %lld expected %lld\n", sum, ref); return 1; }
  CHECK(cudaStreamDestroy(s));
  CHECK(cudaFree(dx)); CHECK(cudaFree(dy)); CHECK(cudaFree(di)); CHECK(cudaFree(dsum));
  free(hx); free(hy); free(hi);
  printf("PASS\n");
  return 0;
}
