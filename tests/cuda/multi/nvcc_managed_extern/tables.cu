// Defines the managed variables and a kernel that rewrites the table.
#include <cuda_runtime.h>
#include "tables.h"

__managed__ float g_table[kTableSize] = {0.0f, 1.0f, 2.0f, 3.0f};
__managed__ unsigned long long g_hits = 0;
__managed__ int g_generation = 1;

__global__ void rebuild(float scale) {
  int i = threadIdx.x;
  if (i < kTableSize) g_table[i] = scale * i * g_generation;
  atomicAdd(&g_hits, 1ull);
}

cudaError_t rebuildTable(float scale) {
  rebuild<<<1, kTableSize>>>(scale);
  cudaError_t err = cudaGetLastError();
  return err != cudaSuccess ? err : cudaDeviceSynchronize();
}
