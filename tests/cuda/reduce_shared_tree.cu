// Classic shared-memory tree reduction: the barrier sits inside a loop whose
// trip count comes from blockDim.x (halving stride). Launched with two block
// sizes; second pass on the host sums the per-block partials.
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

__global__ void reduceSum(const int *in, long long *partial, int n) {
  __shared__ long long s[512];
  unsigned t = threadIdx.x;
  unsigned i = blockIdx.x * blockDim.x * 2 + t;
  long long v = 0;
  if (i < (unsigned)n) v += in[i];
  if (i + blockDim.x < (unsigned)n) v += in[i + blockDim.x];
  s[t] = v;
  __syncthreads();
  for (unsigned stride = blockDim.x / 2; stride > 0; stride >>= 1) {
    if (t < stride) s[t] += s[t + stride];
    __syncthreads();
  }
  if (t == 0) partial[blockIdx.x] = s[0];
}

int main() {
  const int n = 1000000;
  int *h = (int *)malloc(n * sizeof(int));
  long long ref = 0;
  for (int i = 0; i < n; ++i) { h[i] = (i * 37) % 1001 - 500; ref += h[i]; }
  int *d;
  CHECK(cudaMalloc(&d, n * sizeof(int)));
  CHECK(cudaMemcpy(d, h, n * sizeof(int), cudaMemcpyHostToDevice));
  const int bsizes[] = {512, 64};
  for (int bs : bsizes) {
    int blocks = (n + bs * 2 - 1) / (bs * 2);
    long long *dp;
    CHECK(cudaMalloc(&dp, blocks * sizeof(long long)));
    reduceSum<<<blocks, bs>>>(d, dp, n);
    CHECK(cudaGetLastError());
    long long *hp = (long long *)malloc(blocks * sizeof(long long));
    CHECK(cudaMemcpy(hp, dp, blocks * sizeof(long long), cudaMemcpyDeviceToHost));
    long long total = 0;
    for (int b = 0; b < blocks; ++b) total += hp[b];
    if (total != ref) { printf("FAIL: block size %d: sum %lld expected %lld\n", bs, total, ref); return 1; }
    CHECK(cudaFree(dp));
    free(hp);
  }
  CHECK(cudaFree(d));
  free(h);
  printf("PASS\n");
  return 0;
}
