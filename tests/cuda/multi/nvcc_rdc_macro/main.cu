// Applies the library's taper to a signal; the library is linked as
// relocatable device code, which both translation units must agree on
// through __CUDACC_RDC__ (seen by the host and the device passes).
#include <cmath>
#include <cstdio>
#include <cuda_runtime.h>
#include "filters.h"

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

__global__ void applyTaper(const float *in, float *out, int *rdcSeen, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i] * taper(i, n);
  if (i == 0) {
#ifdef __CUDACC_RDC__
    *rdcSeen = 1;
#else
    *rdcSeen = 0;
#endif
  }
}

int main() {
  if (!FILTERS_SEPARATE || !filtersBuiltSeparately()) {
    printf("FAIL: __CUDACC_RDC__ not defined under -rdc=true / -dc\n");
    return 1;
  }
  const int n = 3000;
  float *h = new float[n], *r = new float[n];
  for (int i = 0; i < n; ++i) h[i] = (float)((i * 7) % 23) - 11.0f;
  float *din, *dout;
  int *dseen, seen = -1;
  CHECK(cudaMalloc(&din, n * sizeof(float)));
  CHECK(cudaMalloc(&dout, n * sizeof(float)));
  CHECK(cudaMalloc(&dseen, sizeof(int)));
  CHECK(cudaMemcpy(din, h, n * sizeof(float), cudaMemcpyHostToDevice));
  applyTaper<<<(n + 255) / 256, 256>>>(din, dout, dseen, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, n * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&seen, dseen, sizeof(int), cudaMemcpyDeviceToHost));
  unsigned long long calls = 0;
  CHECK(taperCalls(&calls));
  if (seen != 1) { printf("FAIL: device pass did not see __CUDACC_RDC__\n"); return 1; }
  if (calls != (unsigned long long)n) { printf("FAIL: %llu taper calls, expected %d\n", calls, n); return 1; }
  for (int i = 0; i < n; ++i) {
    float x = (float)i / (float)(n - 1);
    float ref = h[i] * (4.0f * x * (1.0f - x));
    if (std::fabs(r[i] - ref) > 1e-5f * (1.0f + std::fabs(ref))) {
      printf("FAIL: out[%d] = %g expected %g\n", i, r[i], ref);
      return 1;
    }
  }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout)); CHECK(cudaFree(dseen));
  delete[] h; delete[] r;
  printf("PASS\n");
  return 0;
}
