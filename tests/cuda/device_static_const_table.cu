// Function-local constant tables in __device__ code: a `static constexpr`
// array inside a __device__ function (allowed by CUDA since it needs no
// dynamic initialisation) and `const static` scalars, used for a popcount
// by nibble lookup and a hash-style bit mixer.
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

__host__ __device__ int popcountNibbles(unsigned v) {
  static constexpr unsigned char kBits[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
  int c = 0;
  for (int k = 0; k < 8; ++k) { c += kBits[v & 0xf]; v >>= 4; }
  return c;
}

__device__ unsigned mixWord(unsigned v) {
  // const static scalars are also fine in device code
  const static unsigned kMul = 0x9E3779B1u;
  static constexpr unsigned kRot[4] = {5, 11, 17, 23};
  unsigned h = v * kMul;
  return (h << kRot[v & 3]) | (h >> (32 - kRot[v & 3]));
}

unsigned mixWordHost(unsigned v) {
  const unsigned kRot[4] = {5, 11, 17, 23};
  unsigned h = v * 0x9E3779B1u;
  return (h << kRot[v & 3]) | (h >> (32 - kRot[v & 3]));
}

__global__ void tables(int *pc, unsigned *mix, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned v = (unsigned)i * 2654435761u;
    pc[i] = popcountNibbles(v);
    mix[i] = mixWord(v);
  }
}

int main() {
  const int n = 20000;
  int *dpc; unsigned *dmix;
  CHECK(cudaMalloc(&dpc, n * 4));
  CHECK(cudaMalloc(&dmix, n * 4));
  tables<<<(n + 255) / 256, 256>>>(dpc, dmix, n);
  CHECK(cudaGetLastError());
  int *hpc = (int *)malloc(n * 4); unsigned *hmix = (unsigned *)malloc(n * 4);
  CHECK(cudaMemcpy(hpc, dpc, n * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hmix, dmix, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    unsigned v = (unsigned)i * 2654435761u;
    int ref = 0;
    for (unsigned t = v; t; t &= t - 1) ++ref;
    if (hpc[i] != ref || hpc[i] != popcountNibbles(v)) { printf("FAIL: popcount(%u) = %d expected %d\n", v, hpc[i], ref); return 1; }
    if (hmix[i] != mixWordHost(v)) { printf("FAIL: mix(%u) = %u expected %u\n", v, hmix[i], mixWordHost(v)); return 1; }
  }
  CHECK(cudaFree(dpc)); CHECK(cudaFree(dmix));
  free(hpc); free(hmix);
  printf("PASS\n");
  return 0;
}
