// Device limits and cache preferences set up front, as an application's
// init code does: cudaDeviceSetLimit / cudaDeviceGetLimit for the stack
// size (deep recursion), the printf FIFO and the device malloc heap (large
// in-kernel allocations), an unknown limit; cudaDeviceSetCacheConfig /
// cudaDeviceGetCacheConfig and cudaFuncSetCacheConfig (bad values and
// host functions are errors). The kernels then use what was configured.
#include <cstdio>
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
#define EXPECT(cond)                                                       \
  do {                                                                     \
    if (!(cond)) { printf("FAIL: line %d: %s\n", __LINE__, #cond); return 1; } \
  } while (0)

__device__ int depthSum(int d) {  // ~100 frames deep, a few words each
  volatile int pad[8];
  pad[d & 7] = d;
  return d == 0 ? 0 : pad[d & 7] + depthSum(d - 1);
}

__global__ void workers(int *out, size_t chunk) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  // Each thread allocates a large scratch buffer from the device heap.
  unsigned char *scratch = (unsigned char *)malloc(chunk);
  if (!scratch) { out[t] = -1; return; }
  for (size_t i = 0; i < chunk; i += 4096) scratch[i] = (unsigned char)(t + i / 4096);
  int s = 0;
  for (size_t i = 0; i < chunk; i += 4096) s += scratch[i];
  free(scratch);
  out[t] = s + depthSum(100);
  if (t == 0) printf("worker 0 done\n");
}

static void hostOnly() {}

int main() {
  const size_t stack = 16 * 1024, fifo = 4 << 20, heap = 64 << 20, chunk = 1 << 20;
  CHECK(cudaDeviceSetLimit(cudaLimitStackSize, stack));
  CHECK(cudaDeviceSetLimit(cudaLimitPrintfFifoSize, fifo));
  CHECK(cudaDeviceSetLimit(cudaLimitMallocHeapSize, heap));
  size_t v = 0;
  CHECK(cudaDeviceGetLimit(&v, cudaLimitStackSize));      EXPECT(v >= stack);
  CHECK(cudaDeviceGetLimit(&v, cudaLimitPrintfFifoSize)); EXPECT(v >= fifo);
  CHECK(cudaDeviceGetLimit(&v, cudaLimitMallocHeapSize)); EXPECT(v >= heap);
  EXPECT(cudaDeviceGetLimit(&v, (cudaLimit)0x7777) == cudaErrorUnsupportedLimit);
  EXPECT(cudaDeviceSetLimit((cudaLimit)0x7777, 1) == cudaErrorUnsupportedLimit);
  EXPECT(cudaGetLastError() == cudaErrorUnsupportedLimit);

  // Cache preferences: where L1 and shared memory are fixed the device
  // reports cudaFuncCachePreferNone, otherwise the preference set.
  cudaFuncCache cfg = cudaFuncCachePreferEqual;
  CHECK(cudaDeviceSetCacheConfig(cudaFuncCachePreferShared));
  CHECK(cudaDeviceGetCacheConfig(&cfg));
  EXPECT(cfg == cudaFuncCachePreferShared || cfg == cudaFuncCachePreferNone);
  CHECK(cudaFuncSetCacheConfig(workers, cudaFuncCachePreferL1));
  CHECK(cudaFuncSetCacheConfig((const void *)workers, cudaFuncCachePreferEqual));
  EXPECT(cudaDeviceSetCacheConfig((cudaFuncCache)42) == cudaErrorInvalidValue);
  EXPECT(cudaFuncSetCacheConfig((const void *)hostOnly, cudaFuncCachePreferL1) == cudaErrorInvalidDeviceFunction);
  EXPECT(cudaGetLastError() == cudaErrorInvalidDeviceFunction);
  EXPECT(cudaGetLastError() == cudaSuccess);

  // 32 threads x 1 MiB fit in the 64 MiB heap, not in the 8 MiB default.
  const int threads = 32;
  int *out;
  CHECK(cudaMallocManaged(&out, threads * sizeof(int)));
  workers<<<2, threads / 2>>>(out, chunk);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int t = 0; t < threads; ++t) {
    int s = 0;
    for (size_t i = 0; i < chunk; i += 4096) s += (unsigned char)(t + i / 4096);
    EXPECT(out[t] == s + 5050);
  }
  CHECK(cudaDeviceSetCacheConfig(cudaFuncCachePreferNone));
  CHECK(cudaFree(out));
  printf("PASS\n");
  return 0;
}
