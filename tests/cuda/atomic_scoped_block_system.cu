// Scoped atomics: atomicAdd_block on shared and global memory (block scope)
// and atomicAdd_system / atomicMax_system on global memory (int and 64-bit).
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

__global__ void scoped(int *perBlock, int *sysSum, int *sysMax, unsigned long long *sysCount) {
  __shared__ int local;
  if (threadIdx.x == 0) local = 0;
  __syncthreads();
  int v = (blockIdx.x * blockDim.x + threadIdx.x) % 13;
  atomicAdd_block(&local, v);                    // only this block touches `local`
  atomicAdd_block(&perBlock[blockIdx.x], 1);     // only this block touches this slot
  atomicAdd_system(sysSum, v);
  atomicMax_system(sysMax, v * 100 + (int)blockIdx.x);
  atomicAdd_system(sysCount, 1ull);
  __syncthreads();
  if (threadIdx.x == 0) perBlock[blockIdx.x] += local * 1000;
}

int main() {
  const int blocks = 50, bs = 192;
  int *pb, *ss, *sm; unsigned long long *sc;
  CHECK(cudaMalloc(&pb, blocks * 4));
  CHECK(cudaMalloc(&ss, 4));
  CHECK(cudaMalloc(&sm, 4));
  CHECK(cudaMalloc(&sc, 8));
  CHECK(cudaMemset(pb, 0, blocks * 4));
  CHECK(cudaMemset(ss, 0, 4));
  CHECK(cudaMemset(sm, 0, 4));
  CHECK(cudaMemset(sc, 0, 8));
  scoped<<<blocks, bs>>>(pb, ss, sm, sc);
  CHECK(cudaGetLastError());
  int hpb[blocks], hss, hsm; unsigned long long hsc;
  CHECK(cudaMemcpy(hpb, pb, sizeof(hpb), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&hss, ss, 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&hsm, sm, 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&hsc, sc, 8, cudaMemcpyDeviceToHost));
  int total = 0, mx = 0;
  for (int b = 0; b < blocks; ++b) {
    int local = 0;
    for (int t = 0; t < bs; ++t) {
      int v = (b * bs + t) % 13;
      local += v;
      if (v * 100 + b > mx) mx = v * 100 + b;
    }
    total += local;
    if (hpb[b] != bs + local * 1000) { printf("FAIL: block %d: %d vs %d\n", b, hpb[b], bs + local * 1000); return 1; }
  }
  if (hss != total) { printf("FAIL: system sum %d vs %d\n", hss, total); return 1; }
  if (hsm != mx) { printf("FAIL: system max %d vs %d\n", hsm, mx); return 1; }
  if (hsc != (unsigned long long)blocks * bs) { printf("FAIL: system count %llu\n", hsc); return 1; }
  CHECK(cudaFree(pb)); CHECK(cudaFree(ss)); CHECK(cudaFree(sm)); CHECK(cudaFree(sc));
  printf("PASS\n");
  return 0;
}
