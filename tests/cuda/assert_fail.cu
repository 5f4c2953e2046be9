// Expected-failure pattern: one thread of one block fails a device assert().
// The launch itself succeeds; the error surfaces at synchronisation as
// cudaErrorAssert. (The device prints its own assertion message, which is
// not checked.) After an assert the context is unusable, so the program
// stops making CUDA calls and prints PASS.
#undef NDEBUG
#include <cassert>
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

__global__ void checkValues(const int *v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) assert(v[i] >= 0);   // exactly one element is negative
}

int main() {
  const int n = 1000;
  int h[n];
  for (int i = 0; i < n; ++i) h[i] = i;
  h[777] = -1;
  int *d;
  CHECK(cudaMalloc(&d, sizeof(h)));
  CHECK(cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice));
  checkValues<<<(n + 127) / 128, 128>>>(d, n);
  // CUDA lets cudaGetLastError report errors of earlier asynchronous
  // launches: the assert may already have fired.
  cudaError_t launchErr = cudaGetLastError();
  if (launchErr != cudaSuccess && launchErr != cudaErrorAssert) {
    printf("FAIL: launch error %s\n", cudaGetErrorString(launchErr));
    return 1;
  }
  cudaError_t syncErr = cudaDeviceSynchronize();
  if (syncErr != cudaErrorAssert) {
    printf("FAIL: cudaDeviceSynchronize returned %d (%s), expected cudaErrorAssert\n",
           (int)syncErr, cudaGetErrorString(syncErr));
    return 1;
  }
  printf("PASS\n");
  return 0;
}
