// Barriers in a loop nested inside another loop: an outer loop over tiles of
// the input (trip count from an argument) and an inner tree reduction over
// blockDim. Each block computes, per tile, the max and accumulates it.
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

__global__ void sumOfTileMax(const int *in, long long *out, int tilesPerBlock) {
  extern __shared__ int s[];
  int t = threadIdx.x;
  long long acc = 0;  // only meaningful in thread 0; lives across all barriers
  for (int tile = 0; tile < tilesPerBlock; ++tile) {
    int base = (blockIdx.x * tilesPerBlock + tile) * blockDim.x;
    s[t] = in[base + t];
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
      if (t < stride) s[t] = max(s[t], s[t + stride]);
      __syncthreads();
    }
    if (t == 0) acc += s[0];
    __syncthreads();  // s[0] is read before the next tile overwrites s
  }
  if (t == 0) out[blockIdx.x] = acc;
}

int main() {
  const int bs = 256, blocks = 20, tiles = 9, n = bs * blocks * tiles;
  int *h = (int *)malloc(n * sizeof(int));
  unsigned s = 2024u;
  for (int i = 0; i < n; ++i) { s = s * 1664525u + 1013904223u; h[i] = (int)(s >> 9) - (1 << 22); }
  int *d;
  long long *dout, hout[blocks];
  CHECK(cudaMalloc(&d, n * sizeof(int)));
  CHECK(cudaMalloc(&dout, blocks * sizeof(long long)));
  CHECK(cudaMemcpy(d, h, n * sizeof(int), cudaMemcpyHostToDevice));
  sumOfTileMax<<<blocks, bs, bs * sizeof(int)>>>(d, dout, tiles);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(hout, dout, sizeof(hout), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b) {
    long long ref = 0;
    for (int tile = 0; tile < tiles; ++tile) {
      int m = h[(b * tiles + tile) * bs];
      for (int t = 1; t < bs; ++t) m = h[(b * tiles + tile) * bs + t] > m ? h[(b * tiles + tile) * bs + t] : m;
      ref += m;
    }
    if (hout[b] != ref) { printf("FAIL: block %d: %lld vs %lld\n", b, hout[b], ref); return 1; }
  }
  CHECK(cudaFree(d)); CHECK(cudaFree(dout));
  free(h);
  printf("PASS\n");
  return 0;
}
