// Invalid-argument errors from the runtime API do not crash the program:
// cudaFree of a host stack pointer returns cudaErrorInvalidValue; cudaFree of
// nullptr is a no-op success; a memcpy with an invalid kind fails; a huge
// cudaMalloc fails with cudaErrorMemoryAllocation. Afterwards everything works.
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

__global__ void inc(int *d, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) d[i] += 1;
}

int main() {
  int onStack[16];
  cudaError_t e = cudaFree(onStack);
  if (e != cudaErrorInvalidValue) { printf("FAIL: cudaFree(stack) returned %s\n", cudaGetErrorName(e)); return 1; }
  cudaGetLastError();  // clear the recorded error

  CHECK(cudaFree(nullptr));

  void *huge = nullptr;
  e = cudaMalloc(&huge, (size_t)1 << 60);   // 1 EiB
  if (e != cudaErrorMemoryAllocation) { printf("FAIL: huge cudaMalloc returned %s\n", cudaGetErrorName(e)); return 1; }
  cudaGetLastError();

  int *d;
  CHECK(cudaMalloc(&d, 100 * sizeof(int)));
  e = cudaMemcpy(d, onStack, sizeof(onStack), (cudaMemcpyKind)42);
  if (e == cudaSuccess) { printf("FAIL: memcpy with invalid kind succeeded\n"); return 1; }
  cudaGetLastError();

  int h[100];
  for (int i = 0; i < 100; ++i) h[i] = i;
  CHECK(cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice));
  inc<<<1, 128>>>(d, 100);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost));
  for (int i = 0; i < 100; ++i) if (h[i] != i + 1) { printf("FAIL: h[%d] = %d\n", i, h[i]); return 1; }
  CHECK(cudaFree(d));
  printf("PASS\n");
  return 0;
}
