// cudaOccupancyMaxPotentialBlockSize picks a block size; the kernel is then
// launched with it (and the matching grid) and must produce correct results.
// Also cudaOccupancyMaxActiveBlocksPerMultiprocessor reports >= 1.
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

__global__ void squareAdd(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i] * in[i] + (int)blockDim.x % 2;  // blockDim parity must be even -> +0
}

int main() {
  const int n = 123457;
  int minGrid = 0, blockSize = 0;
  CHECK(cudaOccupancyMaxPotentialBlockSize(&minGrid, &blockSize, squareAdd, 0, 0));
  if (blockSize <= 0 || blockSize > 1024 || blockSize % 32 != 0 || minGrid <= 0) {
    printf("FAIL: suggested block size %d, min grid %d\n", blockSize, minGrid);
    return 1;
  }
  int active = 0;
  CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&active, squareAdd, blockSize, 0));
  if (active < 1) { printf("FAIL: active blocks per SM = %d\n", active); return 1; }
  int *h = (int *)malloc(n * 4), *r = (int *)malloc(n * 4);
  for (int i = 0; i < n; ++i) h[i] = i % 4001 - 2000;
  int *din, *dout;
  CHECK(cudaMalloc(&din, n * 4));
  CHECK(cudaMalloc(&dout, n * 4));
  CHECK(cudaMemcpy(din, h, n * 4, cudaMemcpyHostToDevice));
  int grid = (n + blockSize - 1) / blockSize;
  squareAdd<<<grid, blockSize>>>(din, dout, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    if (r[i] != h[i] * h[i]) { printf("FAIL: out[%d] = %d expected %d (block size %d)\n", i, r[i], h[i] * h[i], blockSize); return 1; }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
