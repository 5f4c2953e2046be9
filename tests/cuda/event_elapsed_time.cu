// Timing with events on the default stream: cudaEventElapsedTime between two
// recorded events is >= 0, is 0 for an event against itself, and asking for
// the time to a disabled-timing event gives cudaErrorInvalidResourceHandle.
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

__global__ void busy(float *d, int n, int iters) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float v = d[i];
    for (int k = 0; k < iters; ++k) v = v * 0.999f + 0.001f;
    d[i] = v;
  }
}

int main() {
  const int n = 16384;
  float *d;
  CHECK(cudaMalloc(&d, n * sizeof(float)));
  CHECK(cudaMemset(d, 0, n * sizeof(float)));
  cudaEvent_t start, stop, noTiming;
  CHECK(cudaEventCreate(&start));
  CHECK(cudaEventCreate(&stop));
  CHECK(cudaEventCreateWithFlags(&noTiming, cudaEventDisableTiming));
  CHECK(cudaEventRecord(start));
  busy<<<n / 256, 256>>>(d, n, 100);
  CHECK(cudaGetLastError());
  CHECK(cudaEventRecord(noTiming));
  CHECK(cudaEventRecord(stop));
  CHECK(cudaEventSynchronize(stop));
  float ms = -1.0f;
  CHECK(cudaEventElapsedTime(&ms, start, stop));
  if (!(ms >= 0.0f)) { printf("FAIL: elapsed time %f\n", ms); return 1; }
  float ms2 = -1.0f;
  CHECK(cudaEventElapsedTime(&ms2, start, start));   // same event: 0
  if (ms2 != 0.0f) { printf("FAIL: elapsed(start, start) = %f\n", ms2); return 1; }
  cudaError_t e = cudaEventElapsedTime(&ms2, start, noTiming);
  if (e != cudaErrorInvalidResourceHandle) {
    printf("FAIL: elapsed time with a no-timing event returned %s\n", cudaGetErrorString(e));
    return 1;
  }
  // A failed call is also recorded as the last error (not sticky): clear it.
  if (cudaGetLastError() != cudaErrorInvalidResourceHandle) {
    printf("FAIL: the failed call was not recorded as the last error\n");
    return 1;
  }
  CHECK(cudaGetLastError());
  CHECK(cudaEventDestroy(start)); CHECK(cudaEventDestroy(stop)); CHECK(cudaEventDestroy(noTiming));
  CHECK(cudaFree(d));
  printf("PASS\n");
  return 0;
}
