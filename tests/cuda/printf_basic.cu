// Device printf from several threads of several blocks. The order of lines
// across threads is unspecified, so nothing is diffed here: the program only
// checks that printing from many threads works and the launch completes.
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

__global__ void hello(int *count) {
  // every 16th thread prints, and counts itself so the host can check
  if (threadIdx.x % 16 == 0) {
    printf("hello from block %d thread %d (value %f)\n", blockIdx.x, threadIdx.x, 0.5 * threadIdx.x);
    atomicAdd(count, 1);
  }
}

int main() {
  int *dcount, hcount = 0;
  CHECK(cudaMalloc(&dcount, sizeof(int)));
  CHECK(cudaMemset(dcount, 0, sizeof(int)));
  fflush(stdout);
  hello<<<4, 64>>>(dcount);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  CHECK(cudaMemcpy(&hcount, dcount, sizeof(int), cudaMemcpyDeviceToHost));
  if (hcount != 16) { printf("FAIL: %d threads printed, expected 16\n", hcount); return 1; }
  CHECK(cudaFree(dcount));
  printf("PASS\n");
  return 0;
}
