// The smallest complete CUDA program: add two vectors on the device and
// check the result on the host. Build it exactly as with nvcc:
//   build/bin/txcc vector_add.cu -o vector_add && ./vector_add
#include <cstdio>
#include <cuda_runtime.h>
#include <vector>

__global__ void vectorAdd(const float *a, const float *b, float *c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    c[i] = a[i] + b[i];
}

int main() {
  const int n = 1 << 20;
  std::vector<float> a(n), b(n), c(n);
  for (int i = 0; i < n; ++i) {
    a[i] = i * 0.5f;
    b[i] = 2.0f * i;
  }
  float *da, *db, *dc;
  cudaMalloc(&da, n * sizeof(float));
  cudaMalloc(&db, n * sizeof(float));
  cudaMalloc(&dc, n * sizeof(float));
  cudaMemcpy(da, a.data(), n * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(db, b.data(), n * sizeof(float), cudaMemcpyHostToDevice);

  int threads = 256, blocks = (n + threads - 1) / threads;
  vectorAdd<<<blocks, threads>>>(da, db, dc, n);
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) {
    printf("launch failed: %s\n", cudaGetErrorString(err));
    return 1;
  }
  cudaMemcpy(c.data(), dc, n * sizeof(float), cudaMemcpyDeviceToHost);

  for (int i = 0; i < n; ++i)
    if (c[i] != a[i] + b[i]) {
      printf("FAIL at %d: %f != %f\n", i, c[i], a[i] + b[i]);
      return 1;
    }
  cudaDeviceProp prop;
  cudaGetDeviceProperties(&prop, 0);
  printf("PASS: %d elements added on device 0 (%s)\n", n, prop.name);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  return 0;
}
