// In-kernel dynamic allocation with malloc/free (and new/delete): each thread
// allocates a private buffer of data-dependent size, fills and sums it; one
// thread per block allocates a buffer shared with its block through a
// __shared__ pointer; a pointer allocated in one kernel is used and freed in
// a later kernel.
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

__global__ void perThread(int *sums, int *failures) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int len = 1 + i % 37;
  int *buf = (int *)malloc(len * sizeof(int));
  if (!buf) { atomicAdd(failures, 1); sums[i] = -1; return; }
  for (int k = 0; k < len; ++k) buf[k] = i + k;
  int s = 0;
  for (int k = 0; k < len; ++k) s += buf[k];
  free(buf);
  double *dd = new double[2];
  if (!dd) { atomicAdd(failures, 1); sums[i] = -1; return; }
  dd[0] = 0.5; dd[1] = 1.5;
  s += (int)(dd[0] + dd[1]);   // +2
  delete[] dd;
  sums[i] = s;
}

__global__ void perBlock(int *out, int *failures) {
  __shared__ int *blockBuf;
  if (threadIdx.x == 0) blockBuf = (int *)malloc(blockDim.x * sizeof(int));
  __syncthreads();
  if (!blockBuf) { if (threadIdx.x == 0) atomicAdd(failures, 1); return; }  // uniform
  blockBuf[threadIdx.x] = threadIdx.x * 3;
  __syncthreads();
  out[blockIdx.x * blockDim.x + threadIdx.x] = blockBuf[blockDim.x - 1 - threadIdx.x];
  __syncthreads();
  if (threadIdx.x == 0) free(blockBuf);
}

__global__ void allocPersistent(int **slot, int n) {
  int *p = (int *)malloc(n * sizeof(int));
  if (p) for (int k = 0; k < n; ++k) p[k] = k * k;
  *slot = p;
}
__global__ void usePersistent(int **slot, int n, int *out) {
  int *p = *slot;
  int s = 0;
  if (p) { for (int k = 0; k < n; ++k) s += p[k]; free(p); } else s = -1;
  *out = s;
}

int main() {
  CHECK(cudaDeviceSetLimit(cudaLimitMallocHeapSize, 16 << 20));
  const int blocks = 16, bs = 128, n = blocks * bs;
  int *dsums, *dfail, *dout, **dslot, *dres;
  CHECK(cudaMalloc(&dsums, n * 4));
  CHECK(cudaMalloc(&dout, n * 4));
  CHECK(cudaMalloc(&dfail, 4));
  CHECK(cudaMalloc(&dslot, sizeof(int *)));
  CHECK(cudaMalloc(&dres, 4));
  CHECK(cudaMemset(dfail, 0, 4));
  perThread<<<blocks, bs>>>(dsums, dfail);
  CHECK(cudaGetLastError());
  perBlock<<<blocks, bs>>>(dout, dfail);
  CHECK(cudaGetLastError());
  allocPersistent<<<1, 1>>>(dslot, 100);
  usePersistent<<<1, 1>>>(dslot, 100, dres);
  CHECK(cudaGetLastError());
  int fails, res;
  int *sums = (int *)malloc(n * 4), *out = (int *)malloc(n * 4);
  CHECK(cudaMemcpy(&fails, dfail, 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&res, dres, 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(sums, dsums, n * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(out, dout, n * 4, cudaMemcpyDeviceToHost));
  if (fails) { printf("FAIL: %d device allocations returned NULL\n", fails); return 1; }
  for (int i = 0; i < n; ++i) {
    int len = 1 + i % 37, ref = len * i + len * (len - 1) / 2 + 2;
    if (sums[i] != ref) { printf("FAIL: thread %d sum %d expected %d\n", i, sums[i], ref); return 1; }
    int t = i % bs;
    if (out[i] != (bs - 1 - t) * 3) { printf("FAIL: block buffer at %d\n", i); return 1; }
  }
  int ref = 0;
  for (int k = 0; k < 100; ++k) ref += k * k;
  if (res != ref) { printf("FAIL: persistent allocation sum %d expected %d\n", res, ref); return 1; }
  CHECK(cudaFree(dsums)); CHECK(cudaFree(dout)); CHECK(cudaFree(dfail)); CHECK(cudaFree(dslot)); CHECK(cudaFree(dres));
  free(sums); free(out);
  printf("PASS\n");
  return 0;
}
