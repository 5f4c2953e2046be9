// A debug build (-G): nvcc defines __CUDACC_DEBUG__, which projects use to
// turn on device-side checks and smaller launch shapes. The kernel (shared
// memory, barriers in a loop, a device assert that holds) must still
// compute the right answer with unoptimised device code.
// txcc-flags: -G
#include <cassert>
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

#ifdef __CUDACC_DEBUG__
#define DEVICE_CHECK(cond) assert(cond)
constexpr int kBlock = 64;   // debug builds use more registers per thread
constexpr bool kDebugBuild = true;
#else
#define DEVICE_CHECK(cond) ((void)0)
constexpr int kBlock = 256;
constexpr bool kDebugBuild = false;
#endif

__device__ int g_debugSeen;

__global__ void blockSums(const int *in, long long *out, int n) {
  __shared__ long long part[kBlock];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  DEVICE_CHECK(blockDim.x == kBlock);
  part[threadIdx.x] = i < n ? in[i] : 0;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    out[blockIdx.x] = part[0];
#ifdef __CUDACC_DEBUG__
    if (blockIdx.x == 0) g_debugSeen = 1;
#endif
  }
}

int main() {
  if (!kDebugBuild) { printf("FAIL: -G did not define __CUDACC_DEBUG__ in host code\n"); return 1; }
  const int n = 10000, blocks = (n + kBlock - 1) / kBlock;
  int *h = new int[n];
  long long *r = new long long[blocks];
  for (int i = 0; i < n; ++i) h[i] = (i * 7919) % 1000 - 500;
  int *din;
  long long *dout;
  CHECK(cudaMalloc(&din, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, blocks * sizeof(long long)));
  CHECK(cudaMemcpy(din, h, n * sizeof(int), cudaMemcpyHostToDevice));
  blockSums<<<blocks, kBlock>>>(din, dout, n);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  CHECK(cudaMemcpy(r, dout, blocks * sizeof(long long), cudaMemcpyDeviceToHost));
  int seen = 0;
  CHECK(cudaMemcpyFromSymbol(&seen, g_debugSeen, sizeof seen));
  if (seen != 1) { printf("FAIL: device code did not see __CUDACC_DEBUG__\n"); return 1; }
  for (int b = 0; b < blocks; ++b) {
    long long ref = 0;
    for (int i = b * kBlock; i < n && i < (b + 1) * kBlock; ++i) ref += h[i];
    if (r[b] != ref) { printf("FAIL: block %d sum %lld expected %lld\n", b, r[b], ref); return 1; }
  }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout));
  delete[] h; delete[] r;
  printf("PASS\n");
  return 0;
}
