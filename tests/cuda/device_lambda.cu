// Extended device lambdas (nvcc --extended-lambda): lambdas defined in host
// code with __device__ (and one __host__ __device__) passed to a template
// kernel, including a lambda capturing values by copy.
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

template <typename F>
__global__ void mapKernel(const float *in, float *out, int n, F f) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = f(in[i]);
}

int main() {
  const int n = 4096;
  float *h = (float *)malloc(n * 4), *r = (float *)malloc(n * 4);
  for (int i = 0; i < n; ++i) h[i] = (float)(i % 64) * 0.125f - 4.0f;
  float *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, n * 4));
  CHECK(cudaMalloc(&dOut, n * 4));
  CHECK(cudaMemcpy(dIn, h, n * 4, cudaMemcpyHostToDevice));

  // 1) a plain device lambda
  auto twicePlusOne = [] __device__ (float x) { return 2.0f * x + 1.0f; };
  mapKernel<<<(n + 255) / 256, 256>>>(dIn, dOut, n, twicePlusOne);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dOut, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    if (r[i] != 2.0f * h[i] + 1.0f) { printf("FAIL: lambda1 out[%d] = %f\n", i, r[i]); return 1; }

  // 2) a capturing device lambda
  float scale = 0.5f, offset = 3.0f;
  int power = 3;
  auto cubicish = [=] __device__ (float x) {
    float p = 1.0f;
    for (int k = 0; k < power; ++k) p *= x;
    return scale * p + offset;
  };
  mapKernel<<<(n + 255) / 256, 256>>>(dIn, dOut, n, cubicish);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dOut, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    float ref = scale * (h[i] * h[i] * h[i]) + offset;
    if (fabsf(r[i] - ref) > 1e-5f * fabsf(ref) + 1e-6f) { printf("FAIL: lambda2 out[%d] = %f vs %f\n", i, r[i], ref); return 1; }
  }

  // 3) a __host__ __device__ lambda evaluated on both sides
  auto hd = [] __host__ __device__ (float x) { return x < 0.0f ? -x : x * 0.25f; };
  mapKernel<<<(n + 255) / 256, 256>>>(dIn, dOut, n, hd);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dOut, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    if (r[i] != hd(h[i])) { printf("FAIL: lambda3 out[%d] = %f vs %f\n", i, r[i], hd(h[i])); return 1; }

  CHECK(cudaFree(dIn)); CHECK(cudaFree(dOut));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
