// __maxnreg__(N) (CUDA 12.4+) caps the registers of a kernel, the newer
// alternative to __launch_bounds__ for register-heavy kernels. The kernels
// must compile, run and compute the same results; cudaFuncGetAttributes
// must report at most N registers per thread.
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

// A register-hungry kernel: 16 accumulators per thread (a 4x4 outer product).
__global__ void __maxnreg__(40) outer4x4(const float *a, const float *b, float *c, int n) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= n) return;
  float acc[4][4] = {};
  for (int k = 0; k < 8; ++k)
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) acc[i][j] += a[(t * 8 + k) * 4 + i] * b[k * 4 + j];
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) c[t * 16 + i * 4 + j] = acc[i][j];
}

template <int MaxRegs>
__global__ void __maxnreg__(MaxRegs) polyEval(const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = ((2.0f * x[i] - 3.0f) * x[i] + 0.5f) * x[i] - 1.0f;
}

int main() {
  const int n = 300;
  float *a = new float[n * 32], b[32], *c = new float[n * 16];
  for (int i = 0; i < n * 32; ++i) a[i] = (float)(i % 7 - 3);
  for (int i = 0; i < 32; ++i) b[i] = (float)(i % 5 - 2);
  float *da, *db, *dc;
  CHECK(cudaMalloc(&da, n * 32 * sizeof(float)));
  CHECK(cudaMalloc(&db, sizeof b));
  CHECK(cudaMalloc(&dc, n * 16 * sizeof(float)));
  CHECK(cudaMemcpy(da, a, n * 32 * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, b, sizeof b, cudaMemcpyHostToDevice));
  outer4x4<<<(n + 63) / 64, 64>>>(da, db, dc, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(c, dc, n * 16 * sizeof(float), cudaMemcpyDeviceToHost));
  for (int t = 0; t < n; ++t)
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) {
        float ref = 0.0f;
        for (int k = 0; k < 8; ++k) ref += a[(t * 8 + k) * 4 + i] * b[k * 4 + j];
        if (c[t * 16 + i * 4 + j] != ref) { printf("FAIL: c[%d][%d][%d]\n", t, i, j); return 1; }
      }
  float x[256], y[256], *dx, *dy;
  for (int i = 0; i < 256; ++i) x[i] = (float)(i - 128) * 0.125f;
  CHECK(cudaMalloc(&dx, sizeof x));
  CHECK(cudaMalloc(&dy, sizeof y));
  CHECK(cudaMemcpy(dx, x, sizeof x, cudaMemcpyHostToDevice));
  polyEval<32><<<2, 128>>>(dx, dy, 256);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(y, dy, sizeof y, cudaMemcpyDeviceToHost));
  for (int i = 0; i < 256; ++i) {
    float ref = ((2.0f * x[i] - 3.0f) * x[i] + 0.5f) * x[i] - 1.0f;  // exact for these x
    if (y[i] != ref) { printf("FAIL: y[%d] = %g expected %g\n", i, y[i], ref); return 1; }
  }
  cudaFuncAttributes attr;
  CHECK(cudaFuncGetAttributes(&attr, outer4x4));
  if (attr.numRegs > 40) { printf("FAIL: outer4x4 uses %d registers (cap 40)\n", attr.numRegs); return 1; }
  CHECK(cudaFuncGetAttributes(&attr, polyEval<32>));
  if (attr.numRegs > 32) { printf("FAIL: polyEval uses %d registers (cap 32)\n", attr.numRegs); return 1; }
  CHECK(cudaFree(da)); CHECK(cudaFree(db)); CHECK(cudaFree(dc)); CHECK(cudaFree(dx)); CHECK(cudaFree(dy));
  delete[] a; delete[] c;
  printf("PASS\n");
  return 0;
}
