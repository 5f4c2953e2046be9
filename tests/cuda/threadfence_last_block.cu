// Single-pass sum with the "last block done" pattern: each block writes its
// partial sum, issues __threadfence(), then takes a ticket with atomicInc; the
// block that draws the last ticket sums all partials. The counter wraps back
// to 0 via atomicInc's limit, so the kernel can be launched repeatedly.
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

#define BS 256
__device__ unsigned int g_blocksDone = 0;

__global__ void sumOnePass(const int *in, int n, volatile long long *partials, long long *result) {
  __shared__ long long s[BS];
  __shared__ bool amLast;
  int t = threadIdx.x;
  long long v = 0;
  for (int i = blockIdx.x * BS + t; i < n; i += gridDim.x * BS) v += in[i];
  s[t] = v;
  __syncthreads();
  for (int st = BS / 2; st > 0; st >>= 1) {
    if (t < st) s[t] += s[t + st];
    __syncthreads();
  }
  if (t == 0) {
    partials[blockIdx.x] = s[0];
    __threadfence();   // make the partial visible before taking a ticket
    unsigned ticket = atomicInc(&g_blocksDone, gridDim.x - 1);  // wraps to 0 at the end
    amLast = (ticket == gridDim.x - 1);
  }
  __syncthreads();
  if (amLast) {
    long long acc = 0;
    for (int b = t; b < (int)gridDim.x; b += BS) acc += partials[b];
    s[t] = acc;
    __syncthreads();
    for (int st = BS / 2; st > 0; st >>= 1) {
      if (t < st) s[t] += s[t + st];
      __syncthreads();
    }
    if (t == 0) *result = s[0];
  }
}

int main() {
  const int n = 1 << 20;
  int *h = (int *)malloc(n * 4);
  for (int i = 0; i < n; ++i) h[i] = (i % 1000) * ((i & 1) ? -1 : 3);
  int *d; long long *dp, *dr;
  CHECK(cudaMalloc(&d, n * 4));
  CHECK(cudaMemcpy(d, h, n * 4, cudaMemcpyHostToDevice));
  const int gridSizes[] = {300, 37, 1};
  CHECK(cudaMalloc(&dp, 300 * 8));
  CHECK(cudaMalloc(&dr, 8));
  long long ref = 0;
  for (int i = 0; i < n; ++i) ref += h[i];
  for (int g : gridSizes) {
    CHECK(cudaMemset(dr, 0, 8));
    sumOnePass<<<g, BS>>>(d, n, dp, dr);
    CHECK(cudaGetLastError());
    long long r;
    CHECK(cudaMemcpy(&r, dr, 8, cudaMemcpyDeviceToHost));
    if (r != ref) { printf("FAIL: grid %d: sum %lld expected %lld\n", g, r, ref); return 1; }
  }
  unsigned counter;
  CHECK(cudaMemcpyFromSymbol(&counter, g_blocksDone, sizeof(counter)));
  if (counter != 0) { printf("FAIL: ticket counter did not wrap to 0 (%u)\n", counter); return 1; }
  CHECK(cudaFree(d)); CHECK(cudaFree(dp)); CHECK(cudaFree(dr));
  free(h);
  printf("PASS\n");
  return 0;
}
