// __device__ global variables: initialised statically, written by the host
// with cudaMemcpyToSymbol (with offset), updated by kernels, read back with
// cudaMemcpyFromSymbol (with offset); cudaGetSymbolAddress gives a pointer
// usable with cudaMemcpy/cudaMemset and as a kernel argument, and
// cudaGetSymbolSize reports the declared size.
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

#define N 256
__device__ int d_table[N];
__device__ double d_scalar = 2.5;
__device__ unsigned long long d_counter = 100;

__global__ void bump() {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < N) d_table[i] = d_table[i] * 2 + i;
  if (i == 0) { d_scalar *= 4.0; d_counter += 1; }
}
__global__ void viaPointer(int *p) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < N) p[i] += 1000;
}

int main() {
  size_t sz = 0;
  CHECK(cudaGetSymbolSize(&sz, d_table));
  if (sz != N * sizeof(int)) { printf("FAIL: cudaGetSymbolSize(d_table) = %zu\n", sz); return 1; }
  CHECK(cudaGetSymbolSize(&sz, d_scalar));
  if (sz != sizeof(double)) { printf("FAIL: cudaGetSymbolSize(d_scalar) = %zu\n", sz); return 1; }

  int h[N];
  for (int i = 0; i < N; ++i) h[i] = i;
  CHECK(cudaMemcpyToSymbol(d_table, h, sizeof(h)));
  int patch[10];
  for (int k = 0; k < 10; ++k) { patch[k] = -k; h[100 + k] = -k; }
  CHECK(cudaMemcpyToSymbol(d_table, patch, sizeof(patch), 100 * sizeof(int), cudaMemcpyHostToDevice));

  bump<<<(N + 63) / 64, 64>>>();
  CHECK(cudaGetLastError());
  for (int i = 0; i < N; ++i) h[i] = h[i] * 2 + i;

  int *p = nullptr;
  CHECK(cudaGetSymbolAddress((void **)&p, d_table));
  viaPointer<<<(N + 63) / 64, 64>>>(p);
  CHECK(cudaGetLastError());
  for (int i = 0; i < N; ++i) h[i] += 1000;

  int back[N];
  CHECK(cudaMemcpy(back, p, sizeof(back), cudaMemcpyDeviceToHost));  // via the symbol's address
  for (int i = 0; i < N; ++i)
    if (back[i] != h[i]) { printf("FAIL: d_table[%d] = %d expected %d\n", i, back[i], h[i]); return 1; }
  int part[5];
  CHECK(cudaMemcpyFromSymbol(part, d_table, sizeof(part), 200 * sizeof(int), cudaMemcpyDeviceToHost));
  for (int k = 0; k < 5; ++k)
    if (part[k] != h[200 + k]) { printf("FAIL: offset read %d\n", k); return 1; }
  double sc; unsigned long long cnt;
  CHECK(cudaMemcpyFromSymbol(&sc, d_scalar, sizeof(sc)));
  CHECK(cudaMemcpyFromSymbol(&cnt, d_counter, sizeof(cnt)));
  if (sc != 10.0 || cnt != 101) { printf("FAIL: scalars %f %llu\n", sc, cnt); return 1; }

  CHECK(cudaMemset(p, 0, sizeof(int) * N));
  CHECK(cudaMemcpyFromSymbol(back, d_table, sizeof(back)));
  for (int i = 0; i < N; ++i) if (back[i] != 0) { printf("FAIL: memset via symbol address\n"); return 1; }
  printf("PASS\n");
  return 0;
}
