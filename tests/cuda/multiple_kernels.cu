// Several kernels in one file forming a pipeline on the default stream:
// init -> scale -> neighbour diff -> block partial sums -> final sum.
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

__global__ void initKernel(int *a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) a[i] = ((i % 1009) * (i % 1009)) % 1009;
}
__global__ void scaleKernel(int *a, int n, int k) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) a[i] *= k;
}
__global__ void diffKernel(const int *a, int *b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) b[i] = a[i] - (i > 0 ? a[i - 1] : 0);
}
__global__ void partialSums(const int *b, long long *p, int n) {
  __shared__ long long s[256];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  s[threadIdx.x] = i < n ? b[i] : 0;
  __syncthreads();
  for (int st = 128; st > 0; st >>= 1) {
    if (threadIdx.x < st) s[threadIdx.x] += s[threadIdx.x + st];
    __syncthreads();
  }
  if (threadIdx.x == 0) p[blockIdx.x] = s[0];
}
__global__ void finalSum(const long long *p, int m, long long *out) {
  long long acc = 0;  // single thread: tiny m
  for (int i = 0; i < m; ++i) acc += p[i];
  *out = acc;
}

int main() {
  const int n = 50000, bs = 256, blocks = (n + bs - 1) / bs;
  int *a, *b;
  long long *p, *out, result;
  CHECK(cudaMalloc(&a, n * 4));
  CHECK(cudaMalloc(&b, n * 4));
  CHECK(cudaMalloc(&p, blocks * 8));
  CHECK(cudaMalloc(&out, 8));
  initKernel<<<blocks, bs>>>(a, n);
  scaleKernel<<<blocks, bs>>>(a, n, 3);
  diffKernel<<<blocks, bs>>>(a, b, n);
  partialSums<<<blocks, bs>>>(b, p, n);
  finalSum<<<1, 1>>>(p, blocks, out);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(&result, out, 8, cudaMemcpyDeviceToHost));
  // telescoping sum: sum of diffs equals the last element
  long long ref = 3LL * (((long long)(n - 1) * (n - 1)) % 1009);  // (x%m)^2%m == x^2%m
  int *hb = (int *)malloc(n * 4);
  CHECK(cudaMemcpy(hb, b, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    int cur = 3 * (int)(((long long)i * i) % 1009), prev = i > 0 ? 3 * (int)(((long long)(i - 1) * (i - 1)) % 1009) : 0;
    if (hb[i] != cur - prev) { printf("FAIL: b[%d] = %d expected %d\n", i, hb[i], cur - prev); return 1; }
  }
  if (result != ref) { printf("FAIL: sum %lld expected %lld\n", result, ref); return 1; }
  CHECK(cudaFree(a)); CHECK(cudaFree(b)); CHECK(cudaFree(p)); CHECK(cudaFree(out));
  free(hb);
  printf("PASS\n");
  return 0;
}
