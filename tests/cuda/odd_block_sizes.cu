// Odd block sizes (7, 33, 100, 1000, 1024) and warpSize: each thread writes its
// warp/lane decomposition; a shared-memory block sum with a non-power-of-two
// block size checks that every thread of the block took part.
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

__global__ void laneInfo(int *lane, int *warp, int *blockSum, int *ws) {
  __shared__ int s[1024];
  int t = threadIdx.x;
  int g = blockIdx.x * blockDim.x + t;
  lane[g] = t % warpSize;
  warp[g] = t / warpSize;
  s[t] = t + 1;
  __syncthreads();
  if (t == 0) {
    int sum = 0;
    for (int i = 0; i < (int)blockDim.x; ++i) sum += s[i];
    blockSum[blockIdx.x] = sum;
    if (blockIdx.x == 0) *ws = warpSize;
  }
}

int main() {
  const int sizes[] = {7, 33, 100, 1000, 1024};
  const int blocks = 5;
  for (int bs : sizes) {
    int n = bs * blocks;
    int *dl, *dw, *ds, *dws;
    CHECK(cudaMalloc(&dl, n * sizeof(int)));
    CHECK(cudaMalloc(&dw, n * sizeof(int)));
    CHECK(cudaMalloc(&ds, blocks * sizeof(int)));
    CHECK(cudaMalloc(&dws, sizeof(int)));
    laneInfo<<<blocks, bs>>>(dl, dw, ds, dws);
    CHECK(cudaGetLastError());
    int *hl = (int *)malloc(n * sizeof(int)), *hw = (int *)malloc(n * sizeof(int));
    int hs[blocks], hws = 0;
    CHECK(cudaMemcpy(hl, dl, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(hw, dw, n * sizeof(int), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(hs, ds, sizeof(hs), cudaMemcpyDeviceToHost));
    CHECK(cudaMemcpy(&hws, dws, sizeof(int), cudaMemcpyDeviceToHost));
    if (hws != 32) { printf("FAIL: warpSize = %d\n", hws); return 1; }
    for (int i = 0; i < n; ++i) {
      int t = i % bs;
      if (hl[i] != t % 32 || hw[i] != t / 32) {
        printf("FAIL: block size %d, thread %d: lane %d warp %d\n", bs, i, hl[i], hw[i]);
        return 1;
      }
    }
    for (int b = 0; b < blocks; ++b)
      if (hs[b] != bs * (bs + 1) / 2) {
        printf("FAIL: block size %d, block %d sum %d\n", bs, b, hs[b]);
        return 1;
      }
    CHECK(cudaFree(dl)); CHECK(cudaFree(dw)); CHECK(cudaFree(ds)); CHECK(cudaFree(dws));
    free(hl); free(hw);
  }
  printf("PASS\n");
  return 0;
}
