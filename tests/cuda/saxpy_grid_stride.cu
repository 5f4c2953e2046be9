// SAXPY with a grid-stride loop: a small fixed grid covers a larger array.
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

__global__ void saxpy(int n, float a, const float *x, float *y) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    y[i] = a * x[i] + y[i];
}

int main() {
  const int n = 1 << 20;
  const float a = 2.5f;
  float *hx = (float *)malloc(n * sizeof(float)), *hy = (float *)malloc(n * sizeof(float));
  float *out = (float *)malloc(n * sizeof(float));
  for (int i = 0; i < n; ++i) { hx[i] = (float)(i % 1000) * 0.5f; hy[i] = (float)(i % 77); }
  float *dx, *dy;
  CHECK(cudaMalloc(&dx, n * sizeof(float)));
  CHECK(cudaMalloc(&dy, n * sizeof(float)));
  CHECK(cudaMemcpy(dx, hx, n * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dy, hy, n * sizeof(float), cudaMemcpyHostToDevice));
  saxpy<<<64, 128>>>(n, a, dx, dy);  // 8192 threads, each handles 128 elements
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out, dy, n * sizeof(float), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    float ref = a * hx[i] + hy[i];
    // the device may contract to fma; allow a tiny relative error
    if (fabsf(out[i] - ref) > 1e-6f * fmaxf(1.0f, fabsf(ref))) {
      printf("FAIL: y[%d] = %f, expected %f\n", i, out[i], ref);
      return 1;
    }
  }
  CHECK(cudaFree(dx)); CHECK(cudaFree(dy));
  free(hx); free(hy); free(out);
  printf("PASS\n");
  return 0;
}
