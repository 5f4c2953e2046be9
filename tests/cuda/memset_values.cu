// cudaMemset semantics: byte-wise fill (0xAB pattern in ints), partial ranges
// at odd offsets and lengths, zero-length memset, and cudaMemsetAsync on a stream.
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

__global__ void countValue(const unsigned *d, int n, unsigned v, int *count) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n && d[i] == v) atomicAdd(count, 1);
}

int main() {
  const int n = 10000;
  unsigned *d; int *dc;
  CHECK(cudaMalloc(&d, n * 4));
  CHECK(cudaMalloc(&dc, 4));
  CHECK(cudaMemset(d, 0xAB, n * 4));
  CHECK(cudaMemset(dc, 0, 4));
  countValue<<<(n + 255) / 256, 256>>>(d, n, 0xABABABABu, dc);
  CHECK(cudaGetLastError());
  int c;
  CHECK(cudaMemcpy(&c, dc, 4, cudaMemcpyDeviceToHost));
  if (c != n) { printf("FAIL: %d of %d words have the 0xAB pattern\n", c, n); return 1; }

  // partial, unaligned range: bytes [13, 13+101) set to 0x01
  unsigned char *bytes = (unsigned char *)d;
  CHECK(cudaMemset(bytes + 13, 0x01, 101));
  CHECK(cudaMemset(bytes + 500, 0x77, 0));  // zero length: no-op
  unsigned char *h = (unsigned char *)malloc(n * 4), ref[n * 4];
  memset(ref, 0xAB, sizeof(ref));
  memset(ref + 13, 0x01, 101);
  CHECK(cudaMemcpy(h, d, n * 4, cudaMemcpyDeviceToHost));
  if (memcmp(h, ref, n * 4) != 0) { printf("FAIL: partial memset mismatch\n"); return 1; }

  cudaStream_t s;
  CHECK(cudaStreamCreate(&s));
  CHECK(cudaMemsetAsync(d, 0, n * 4 / 2, s));
  CHECK(cudaStreamSynchronize(s));
  memset(ref, 0, n * 4 / 2);
  CHECK(cudaMemcpy(h, d, n * 4, cudaMemcpyDeviceToHost));
  if (memcmp(h, ref, n * 4) != 0) { printf("FAIL: async memset mismatch\n"); return 1; }
  CHECK(cudaStreamDestroy(s));
  CHECK(cudaFree(d)); CHECK(cudaFree(dc));
  free(h);
  printf("PASS\n");
  return 0;
}
