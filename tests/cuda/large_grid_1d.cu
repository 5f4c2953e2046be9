// A large 1-D grid: 100000 blocks of 32 threads, each doing very little work.
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

__global__ void tag(unsigned *out) {
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  out[i] = i * 2654435761u ^ blockIdx.x;
}

int main() {
  const unsigned blocks = 100000, threads = 32, n = blocks * threads;
  unsigned *d;
  CHECK(cudaMalloc(&d, n * sizeof(unsigned)));
  tag<<<blocks, threads>>>(d);
  CHECK(cudaGetLastError());
  unsigned *h = (unsigned *)malloc(n * sizeof(unsigned));
  CHECK(cudaMemcpy(h, d, n * sizeof(unsigned), cudaMemcpyDeviceToHost));
  for (unsigned i = 0; i < n; ++i) {
    unsigned ref = i * 2654435761u ^ (i / threads);
    if (h[i] != ref) { printf("FAIL: out[%u] = %u, expected %u\n", i, h[i], ref); return 1; }
  }
  CHECK(cudaFree(d));
  free(h);
  printf("PASS\n");
  return 0;
}
