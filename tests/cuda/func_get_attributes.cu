// cudaFuncGetAttributes on kernels with known static shared memory usage;
// cudaFuncSetAttribute for dynamic shared memory; maxThreadsPerBlock honours
// __launch_bounds__.
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

__global__ void usesShared(float *out) {
  __shared__ float tile[1024];   // 4096 bytes of static shared memory
  tile[threadIdx.x] = threadIdx.x * 2.0f;
  __syncthreads();
  out[threadIdx.x] = tile[blockDim.x - 1 - threadIdx.x];
}

__global__ void __launch_bounds__(128) bounded(int *out) { out[threadIdx.x] = threadIdx.x; }

__global__ void dynShared(int *out) {
  extern __shared__ int buf[];
  buf[threadIdx.x] = threadIdx.x;
  __syncthreads();
  out[threadIdx.x] = buf[(threadIdx.x + 1) % blockDim.x];
}

int main() {
  cudaFuncAttributes a;
  CHECK(cudaFuncGetAttributes(&a, usesShared));
  if (a.sharedSizeBytes < 4096) { printf("FAIL: sharedSizeBytes = %zu, expected >= 4096\n", a.sharedSizeBytes); return 1; }
  if (a.maxThreadsPerBlock < 256 || a.maxThreadsPerBlock > 1024) { printf("FAIL: maxThreadsPerBlock = %d\n", a.maxThreadsPerBlock); return 1; }
  CHECK(cudaFuncGetAttributes(&a, bounded));
  if (a.maxThreadsPerBlock > 128 || a.maxThreadsPerBlock < 1) { printf("FAIL: launch bounds not reflected: %d\n", a.maxThreadsPerBlock); return 1; }
  CHECK(cudaFuncGetAttributes(&a, dynShared));
  if (a.sharedSizeBytes != 0) { printf("FAIL: dynamic-only kernel reports %zu static bytes\n", a.sharedSizeBytes); return 1; }

  // allow 64 KiB of dynamic shared memory (opt-in above the 48 KiB default)
  CHECK(cudaFuncSetAttribute(dynShared, cudaFuncAttributeMaxDynamicSharedMemorySize, 64 * 1024));
  CHECK(cudaFuncGetAttributes(&a, dynShared));
  if (a.maxDynamicSharedSizeBytes < 64 * 1024) { printf("FAIL: maxDynamicSharedSizeBytes = %d\n", a.maxDynamicSharedSizeBytes); return 1; }

  float *df; int *di;
  CHECK(cudaMalloc(&df, 1024 * sizeof(float)));
  CHECK(cudaMalloc(&di, 1024 * sizeof(int)));
  usesShared<<<1, 1024>>>(df);
  dynShared<<<1, 1000, 64 * 1024>>>(di);
  CHECK(cudaGetLastError());
  float hf[1024]; int hi[1000];
  CHECK(cudaMemcpy(hf, df, sizeof(hf), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hi, di, sizeof(hi), cudaMemcpyDeviceToHost));
  for (int t = 0; t < 1024; ++t) if (hf[t] != (1023 - t) * 2.0f) { printf("FAIL: usesShared[%d]\n", t); return 1; }
  for (int t = 0; t < 1000; ++t) if (hi[t] != (t + 1) % 1000) { printf("FAIL: dynShared[%d]\n", t); return 1; }
  CHECK(cudaFree(df)); CHECK(cudaFree(di));
  printf("PASS\n");
  return 0;
}
