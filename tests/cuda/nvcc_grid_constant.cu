// __grid_constant__ kernel parameters (CUDA 11.7+): a large const
// parameter struct whose address is taken inside the kernel (a pointer to
// the parameter itself, not a per-thread copy), as convolution and
// attention kernels do with their filter/config blocks.
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

constexpr int kTaps = 33;
struct FirParams {
  float taps[kTaps];
  int n;
  float gain;
};

__device__ float applyFir(const FirParams *p, const float *x, int i) {
  float acc = 0.0f;
  for (int k = 0; k < kTaps; ++k) {
    int j = i - k;
    if (j >= 0) acc += p->taps[k] * x[j];
  }
  return acc * p->gain;
}

__global__ void fir(const __grid_constant__ FirParams params, const float *x, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < params.n) y[i] = applyFir(&params, x, i);  // address of the parameter
}

template <int Scale>
__global__ void scaled(const __grid_constant__ int2 bounds, int *data) {
  const int2 *b = &bounds;
  int i = b->x + blockIdx.x * blockDim.x + threadIdx.x;
  if (i < b->y) data[i] *= Scale;
}

int main() {
  FirParams p;
  p.n = 5000;
  p.gain = 0.5f;
  for (int k = 0; k < kTaps; ++k) p.taps[k] = (float)((k * 5) % 9 - 4) * 0.25f;
  float *x = new float[p.n], *y = new float[p.n];
  for (int i = 0; i < p.n; ++i) x[i] = (float)((i * 13) % 17 - 8);
  float *dx, *dy;
  CHECK(cudaMalloc(&dx, p.n * sizeof(float)));
  CHECK(cudaMalloc(&dy, p.n * sizeof(float)));
  CHECK(cudaMemcpy(dx, x, p.n * sizeof(float), cudaMemcpyHostToDevice));
  fir<<<(p.n + 255) / 256, 256>>>(p, dx, dy);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(y, dy, p.n * sizeof(float), cudaMemcpyDeviceToHost));
  for (int i = 0; i < p.n; ++i) {
    float acc = 0.0f;  // quarter-integer taps, integer samples: exact sums
    for (int k = 0; k < kTaps && i - k >= 0; ++k) acc += p.taps[k] * x[i - k];
    if (y[i] != acc * p.gain) { printf("FAIL: y[%d] = %g expected %g\n", i, y[i], acc * p.gain); return 1; }
  }
  int *dd, h[1000];
  CHECK(cudaMalloc(&dd, sizeof h));
  for (int i = 0; i < 1000; ++i) h[i] = i;
  CHECK(cudaMemcpy(dd, h, sizeof h, cudaMemcpyHostToDevice));
  scaled<3><<<4, 64>>>(make_int2(100, 300), dd);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(h, dd, sizeof h, cudaMemcpyDeviceToHost));
  for (int i = 0; i < 1000; ++i)
    if (h[i] != (i >= 100 && i < 300 ? 3 * i : i)) { printf("FAIL: data[%d] = %d\n", i, h[i]); return 1; }
  CHECK(cudaFree(dx)); CHECK(cudaFree(dy)); CHECK(cudaFree(dd));
  delete[] x; delete[] y;
  printf("PASS\n");
  return 0;
}
