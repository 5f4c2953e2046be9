// A kernel built with -use_fast_math, as many production builds are:
// nvcc's flag means --ftz=true --prec-div=false --prec-sqrt=false
// --fmad=true (sinf/expf/logf may become the fast intrinsics), and nothing
// more: NaN and infinity still exist, so a gradient sanity check with
// isnan/isinf must still count them. Results are compared with loose
// tolerances (the intrinsics' documented error bounds).
// txcc-flags: -use_fast_math
#include <cmath>
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

// Gaussian-windowed oscillation: exp, sin, cos, log, sqrt and a division.
__global__ void evaluate(const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = x[i];
  y[i] = expf(-0.5f * v * v) * sinf(3.0f * v) + cosf(v) / (2.0f + v * v) + logf(1.0f + v * v) * sqrtf(fabsf(v));
}

// Counts NaN and infinite gradients; finite ones are summed.
__global__ void checkFinite(const float *g, int n, int *nans, int *infs, float *sum) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = g[i];
  if (isnan(v)) atomicAdd(nans, 1);
  else if (isinf(v)) atomicAdd(infs, 1);
  else atomicAdd(sum, v);
}

int main() {
  const int n = 4096;
  float *x, *y, *g, *sum;
  int *nans, *infs;
  CHECK(cudaMallocManaged(&x, n * sizeof(float)));
  CHECK(cudaMallocManaged(&y, n * sizeof(float)));
  CHECK(cudaMallocManaged(&g, n * sizeof(float)));
  CHECK(cudaMallocManaged(&sum, sizeof(float)));
  CHECK(cudaMallocManaged(&nans, sizeof(int)));
  CHECK(cudaMallocManaged(&infs, sizeof(int)));
  for (int i = 0; i < n; ++i) x[i] = -3.0f + 6.0f * i / n;  // within [-pi, pi] for the fast sin/cos
  evaluate<<<n / 256, 256>>>(x, y, n);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < n; ++i) {
    double v = x[i];
    double ref = exp(-0.5 * v * v) * sin(3.0 * v) + cos(v) / (2.0 + v * v) + log(1.0 + v * v) * sqrt(fabs(v));
    if (fabs(y[i] - ref) > 2e-5 * (1.0 + fabs(ref))) {
      printf("FAIL: y(%g) = %.7g expected %.7g\n", v, y[i], ref);
      return 1;
    }
  }
  int refNan = 0, refInf = 0;
  for (int i = 0; i < n; ++i) {
    g[i] = (i % 97 == 0) ? NAN : (i % 101 == 0) ? (i & 1 ? -INFINITY : INFINITY) : 0.25f * (i % 8);
    refNan += i % 97 == 0;
    refInf += i % 97 != 0 && i % 101 == 0;
  }
  *nans = *infs = 0;
  *sum = 0.0f;
  checkFinite<<<n / 256, 256>>>(g, n, nans, infs, sum);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  double refSum = 0.0;
  for (int i = 0; i < n; ++i)
    if (!std::isnan(g[i]) && !std::isinf(g[i])) refSum += g[i];
  if (*nans != refNan || *infs != refInf || *sum != (float)refSum) {
    printf("FAIL: %d NaN, %d inf, sum %g; expected %d, %d, %g\n", *nans, *infs, *sum, refNan, refInf, refSum);
    return 1;
  }
  CHECK(cudaFree(x)); CHECK(cudaFree(y)); CHECK(cudaFree(g)); CHECK(cudaFree(sum));
  CHECK(cudaFree(nans)); CHECK(cudaFree(infs));
  printf("PASS\n");
  return 0;
}
