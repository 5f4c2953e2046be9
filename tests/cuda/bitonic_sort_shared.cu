// Bitonic sort of 1024-key segments entirely in shared memory: a doubly nested
// loop (k, j) with a barrier in the inner loop; each block sorts one segment
// of (key, value) pairs; 512 threads each handle one compare-exchange pair.
#include <cstdio>
#include <cstdlib>
#include <algorithm>
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

#define SEG 1024

__global__ void bitonicSort(unsigned *keys, unsigned *vals) {
  __shared__ unsigned sk[SEG];
  __shared__ unsigned sv[SEG];
  unsigned *gk = keys + blockIdx.x * SEG, *gv = vals + blockIdx.x * SEG;
  int t = threadIdx.x;  // blockDim.x == SEG / 2
  sk[t] = gk[t]; sk[t + SEG / 2] = gk[t + SEG / 2];
  sv[t] = gv[t]; sv[t + SEG / 2] = gv[t + SEG / 2];
  __syncthreads();
  for (int k = 2; k <= SEG; k <<= 1) {
    for (int j = k >> 1; j > 0; j >>= 1) {
      // thread t handles the pair (i, i ^ j) with i having bit j clear
      int i = 2 * j * (t / j) + (t % j);
      int p = i + j;
      bool ascending = (i & k) == 0;
      unsigned a = sk[i], b = sk[p];
      // tie-break on value so the result is fully deterministic
      bool swap = ascending ? (a > b || (a == b && sv[i] > sv[p])) : (a < b || (a == b && sv[i] < sv[p]));
      if (swap) {
        sk[i] = b; sk[p] = a;
        unsigned tv = sv[i]; sv[i] = sv[p]; sv[p] = tv;
      }
      __syncthreads();
    }
  }
  gk[t] = sk[t]; gk[t + SEG / 2] = sk[t + SEG / 2];
  gv[t] = sv[t]; gv[t + SEG / 2] = sv[t + SEG / 2];
}

int main() {
  const int segs = 16, n = segs * SEG;
  unsigned *hk = (unsigned *)malloc(n * 4), *hv = (unsigned *)malloc(n * 4);
  unsigned *rk = (unsigned *)malloc(n * 4), *rv = (unsigned *)malloc(n * 4);
  unsigned s = 9u;
  for (int i = 0; i < n; ++i) { s = s * 1664525u + 1013904223u; hk[i] = s >> 22; hv[i] = i; }  // many duplicate keys
  unsigned *dk, *dv;
  CHECK(cudaMalloc(&dk, n * 4));
  CHECK(cudaMalloc(&dv, n * 4));
  CHECK(cudaMemcpy(dk, hk, n * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dv, hv, n * 4, cudaMemcpyHostToDevice));
  bitonicSort<<<segs, SEG / 2>>>(dk, dv);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(rk, dk, n * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rv, dv, n * 4, cudaMemcpyDeviceToHost));
  for (int sgi = 0; sgi < segs; ++sgi) {
    std::pair<unsigned, unsigned> ref[SEG];
    for (int i = 0; i < SEG; ++i) ref[i] = std::make_pair(hk[sgi * SEG + i], hv[sgi * SEG + i]);
    std::sort(ref, ref + SEG);   // sorted by key, then by value
    for (int i = 0; i < SEG; ++i)
      if (rk[sgi * SEG + i] != ref[i].first || rv[sgi * SEG + i] != ref[i].second) {
        printf("FAIL: segment %d position %d: (%u,%u) expected (%u,%u)\n", sgi, i, rk[sgi * SEG + i], rv[sgi * SEG + i], ref[i].first, ref[i].second);
        return 1;
      }
  }
  CHECK(cudaFree(dk)); CHECK(cudaFree(dv));
  free(hk); free(hv); free(rk); free(rv);
  printf("PASS\n");
  return 0;
}
