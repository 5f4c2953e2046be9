// Device enumeration and properties: cudaGetDeviceCount >= 1, cudaSetDevice /
// cudaGetDevice, cudaGetDeviceProperties and cudaDeviceGetAttribute agree and
// hold sane values; a kernel launched with maxThreadsPerBlock threads works.
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

#define EXPECT(cond)                                                       \
  do {                                                                     \
    if (!(cond)) { printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, #cond); return 1; } \
  } while (0)

__global__ void fullBlock(int *out) { out[threadIdx.x] = threadIdx.x + blockDim.x; }

int main() {
  int count = 0;
  CHECK(cudaGetDeviceCount(&count));
  EXPECT(count >= 1);
  CHECK(cudaSetDevice(0));
  int dev = -1;
  CHECK(cudaGetDevice(&dev));
  EXPECT(dev == 0);
  cudaDeviceProp p;
  memset(&p, 0, sizeof(p));
  CHECK(cudaGetDeviceProperties(&p, 0));
  EXPECT(strlen(p.name) > 0);
  EXPECT(p.warpSize == 32);
  EXPECT(p.maxThreadsPerBlock >= 256 && p.maxThreadsPerBlock <= 1024);
  EXPECT(p.maxThreadsDim[0] >= p.maxThreadsPerBlock / 4 && p.maxThreadsDim[2] >= 1);
  EXPECT(p.maxGridSize[0] >= 65535 && p.maxGridSize[1] >= 65535 && p.maxGridSize[2] >= 1);
  EXPECT(p.sharedMemPerBlock >= 16 * 1024);
  EXPECT(p.totalGlobalMem > (size_t)64 * 1024 * 1024);
  EXPECT(p.multiProcessorCount >= 1);
  EXPECT(p.regsPerBlock > 0);
  EXPECT(p.major >= 1);
  EXPECT(p.totalConstMem >= 64 * 1024 - 1);
  for (int d = 1; d < count; ++d) {  // every device answers
    cudaDeviceProp q;
    CHECK(cudaGetDeviceProperties(&q, d));
  }
  int v = 0;
  CHECK(cudaDeviceGetAttribute(&v, cudaDevAttrMaxThreadsPerBlock, 0));
  EXPECT(v == p.maxThreadsPerBlock);
  CHECK(cudaDeviceGetAttribute(&v, cudaDevAttrWarpSize, 0));
  EXPECT(v == 32);
  CHECK(cudaDeviceGetAttribute(&v, cudaDevAttrMultiProcessorCount, 0));
  EXPECT(v == p.multiProcessorCount);
  CHECK(cudaDeviceGetAttribute(&v, cudaDevAttrComputeCapabilityMajor, 0));
  EXPECT(v == p.major);
  EXPECT(cudaGetDeviceProperties(&p, count) == cudaErrorInvalidDevice);  // out of range
  cudaGetLastError();  // clear the recorded error

  size_t freeB = 0, totalB = 0;
  CHECK(cudaMemGetInfo(&freeB, &totalB));
  EXPECT(totalB > 0 && freeB <= totalB);

  int threads = p.maxThreadsPerBlock;
  int *d;
  CHECK(cudaMalloc(&d, threads * sizeof(int)));
  fullBlock<<<1, threads>>>(d);
  CHECK(cudaGetLastError());
  int *h = (int *)malloc(threads * sizeof(int));
  CHECK(cudaMemcpy(h, d, threads * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < threads; ++t) EXPECT(h[t] == t + threads);
  int rtv = 0, drv = 0;
  CHECK(cudaRuntimeGetVersion(&rtv));
  CHECK(cudaDriverGetVersion(&drv));
  EXPECT(rtv > 0 && drv > 0);
  CHECK(cudaFree(d));
  free(h);
  printf("PASS\n");
  return 0;
}
