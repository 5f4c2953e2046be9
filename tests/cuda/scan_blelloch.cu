// Work-efficient (Blelloch) exclusive prefix sum in shared memory: up-sweep
// and down-sweep loops with a barrier per level; each block scans 2*BS
// elements, block totals are scanned by a second launch of the same kernel
// and added back by a third kernel (multi-block scan of 1M elements).
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

#define BS 512
#define ELEMS (2 * BS)

// Exclusive scan of ELEMS elements per block; writes the block total to sums.
__global__ void blellochScan(const unsigned *in, unsigned *out, unsigned *sums, int n) {
  __shared__ unsigned s[ELEMS];
  int t = threadIdx.x;
  int base = blockIdx.x * ELEMS;
  s[2 * t] = base + 2 * t < n ? in[base + 2 * t] : 0;
  s[2 * t + 1] = base + 2 * t + 1 < n ? in[base + 2 * t + 1] : 0;
  int offset = 1;
  for (int d = ELEMS >> 1; d > 0; d >>= 1) {  // up-sweep
    __syncthreads();
    if (t < d) {
      int ai = offset * (2 * t + 1) - 1, bi = offset * (2 * t + 2) - 1;
      s[bi] += s[ai];
    }
    offset <<= 1;
  }
  if (t == 0) {
    if (sums) sums[blockIdx.x] = s[ELEMS - 1];
    s[ELEMS - 1] = 0;
  }
  for (int d = 1; d < ELEMS; d <<= 1) {       // down-sweep
    offset >>= 1;
    __syncthreads();
    if (t < d) {
      int ai = offset * (2 * t + 1) - 1, bi = offset * (2 * t + 2) - 1;
      unsigned tmp = s[ai];
      s[ai] = s[bi];
      s[bi] += tmp;
    }
  }
  __syncthreads();
  if (base + 2 * t < n) out[base + 2 * t] = s[2 * t];
  if (base + 2 * t + 1 < n) out[base + 2 * t + 1] = s[2 * t + 1];
}

__global__ void addBlockOffsets(unsigned *out, const unsigned *offsets, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] += offsets[i / ELEMS];
}

int main() {
  const int n = 1000000;
  const int blocks = (n + ELEMS - 1) / ELEMS;   // 977 <= ELEMS, so one level of block sums suffices
  unsigned *h = (unsigned *)malloc(n * 4), *r = (unsigned *)malloc(n * 4);
  for (int i = 0; i < n; ++i) h[i] = (i * 2654435761u) >> 28;  // 0..15
  unsigned *din, *dout, *dsums, *dsumsScanned;
  CHECK(cudaMalloc(&din, n * 4));
  CHECK(cudaMalloc(&dout, n * 4));
  CHECK(cudaMalloc(&dsums, blocks * 4));
  CHECK(cudaMalloc(&dsumsScanned, blocks * 4));
  CHECK(cudaMemcpy(din, h, n * 4, cudaMemcpyHostToDevice));
  blellochScan<<<blocks, BS>>>(din, dout, dsums, n);
  blellochScan<<<1, BS>>>(dsums, dsumsScanned, nullptr, blocks);
  addBlockOffsets<<<(n + 255) / 256, 256>>>(dout, dsumsScanned, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * 4, cudaMemcpyDeviceToHost));
  unsigned acc = 0;
  for (int i = 0; i < n; ++i) {
    if (r[i] != acc) { printf("FAIL: scan[%d] = %u expected %u\n", i, r[i], acc); return 1; }
    acc += h[i];
  }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout)); CHECK(cudaFree(dsums)); CHECK(cudaFree(dsumsScanned));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
