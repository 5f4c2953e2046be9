// Launch-configuration errors are reported, not fatal: a launch with 0 blocks
// and one with 2048 threads per block both yield cudaErrorInvalidConfiguration
// from cudaGetLastError (which also clears it); the program then launches a
// valid kernel and gets correct results. Also: cudaGetErrorName/String.
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

__global__ void fill(int *d, int v) { d[blockIdx.x * blockDim.x + threadIdx.x] = v; }

int main() {
  int *d;
  CHECK(cudaMalloc(&d, 4096 * sizeof(int)));

  fill<<<0, 32>>>(d, 1);
  cudaError_t e = cudaGetLastError();
  if (e != cudaErrorInvalidConfiguration) { printf("FAIL: 0 blocks gave %s\n", cudaGetErrorName(e)); return 1; }
  if (cudaGetLastError() != cudaSuccess) { printf("FAIL: error not cleared by cudaGetLastError\n"); return 1; }

  fill<<<1, 2048>>>(d, 2);
  e = cudaPeekAtLastError();   // peek does not clear ...
  if (e != cudaErrorInvalidConfiguration) { printf("FAIL: 2048 threads gave %s\n", cudaGetErrorName(e)); return 1; }
  e = cudaGetLastError();      // ... get does
  if (e != cudaErrorInvalidConfiguration) { printf("FAIL: get after peek gave %s\n", cudaGetErrorName(e)); return 1; }
  if (strcmp(cudaGetErrorName(e), "cudaErrorInvalidConfiguration") != 0) { printf("FAIL: name %s\n", cudaGetErrorName(e)); return 1; }
  if (strlen(cudaGetErrorString(e)) == 0) { printf("FAIL: empty error string\n"); return 1; }

  dim3 tooTall(1, 1, 128);   // blockDim.z limit is 64
  fill<<<1, tooTall>>>(d, 3);
  e = cudaGetLastError();
  if (e != cudaErrorInvalidConfiguration) { printf("FAIL: blockDim.z=128 gave %s\n", cudaGetErrorName(e)); return 1; }

  // the context is still healthy
  CHECK(cudaDeviceSynchronize());
  fill<<<16, 256>>>(d, 7);
  CHECK(cudaGetLastError());
  int h[4096];
  CHECK(cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost));
  for (int i = 0; i < 4096; ++i) if (h[i] != 7) { printf("FAIL: h[%d] = %d after recovery\n", i, h[i]); return 1; }
  CHECK(cudaFree(d));
  printf("PASS\n");
  return 0;
}
