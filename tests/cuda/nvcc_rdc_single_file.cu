// One translation unit built with -rdc=true, as projects that enable
// relocatable device code globally do even for files that do not need it:
// __CUDACC_RDC__ is defined, extern __device__ declarations are resolved
// within the file (forward-declared functions and variables defined later),
// and ordinary kernels behave as without -rdc.
// txcc-flags: -rdc=true
#include <cstdio>
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

#ifndef __CUDACC_RDC__
#error "-rdc=true must define __CUDACC_RDC__"
#endif

// Declared as a header would declare them; defined at the end of the file.
extern __device__ int g_weights[8];
extern __device__ int weightedSum(const int *v);
extern __device__ unsigned g_calls;

__global__ void dot8(const int *in, int *out, int rows) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r < rows) out[r] = weightedSum(in + 8 * r);
}

int main() {
  const int rows = 1000;
  int *in, *out;
  CHECK(cudaMallocManaged(&in, rows * 8 * sizeof(int)));
  CHECK(cudaMallocManaged(&out, rows * sizeof(int)));
  for (int i = 0; i < rows * 8; ++i) in[i] = i % 13 - 6;
  const int w[8] = {1, -2, 3, -4, 5, -6, 7, -8};
  CHECK(cudaMemcpyToSymbol(g_weights, w, sizeof w));
  dot8<<<(rows + 127) / 128, 128>>>(in, out, rows);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int r = 0; r < rows; ++r) {
    int ref = 0;
    for (int k = 0; k < 8; ++k) ref += w[k] * in[8 * r + k];
    if (out[r] != ref) { printf("FAIL: row %d = %d expected %d\n", r, out[r], ref); return 1; }
  }
  unsigned calls = 0;
  CHECK(cudaMemcpyFromSymbol(&calls, g_calls, sizeof calls));
  if (calls != (unsigned)rows) { printf("FAIL: %u calls, expected %d\n", calls, rows); return 1; }
  CHECK(cudaFree(in));
  CHECK(cudaFree(out));
  printf("PASS\n");
  return 0;
}

__device__ int g_weights[8];
__device__ unsigned g_calls = 0;
__device__ int weightedSum(const int *v) {
  atomicAdd(&g_calls, 1u);
  int s = 0;
  for (int k = 0; k < 8; ++k) s += g_weights[k] * v[k];
  return s;
}
