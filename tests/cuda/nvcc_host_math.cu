// CUDA's math functions that have no C library twin but are callable from
// host code with nvcc: rsqrt(f), rcbrt(f), sinpi(f), cospi(f), sincospi(f),
// the float overloads exp10(float) and sincos(float, float*, float*), and
// the host min/max overloads. Each call runs on the host and in a kernel;
// both must be within CUDA's documented ulp bound of a long-double
// reference (so within twice the bound of each other).
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

enum { kRsqrt, kRcbrt, kSinpi, kCospi, kSincospiS, kSincospiC, kExp10, kSincosS, kSincosC, kFuncs };
static const char *kNames[kFuncs] = {"rsqrt", "rcbrt", "sinpi", "cospi", "sincospi.sin",
                                     "sincospi.cos", "exp10", "sincos.sin", "sincos.cos"};
// CUDA Programming Guide, maximum ulp error: {float, double}.
static const double kUlpBound[kFuncs][2] = {{2, 1}, {1, 1}, {1, 2}, {1, 2}, {1, 2}, {1, 2}, {2, 1}, {2, 1}, {2, 1}};

// The same calls on both sides: this is the point of the test.
__host__ __device__ void evalAll(float xf, double xd, float *rf, double *rd) {
  float ax = fabsf(xf) + 0.125f;
  double axd = fabs(xd) + 0.125;
  rf[kRsqrt] = rsqrtf(ax);              rd[kRsqrt] = rsqrt(axd);
  rf[kRcbrt] = rcbrtf(xf);              rd[kRcbrt] = rcbrt(xd);
  rf[kSinpi] = sinpif(xf);              rd[kSinpi] = sinpi(xd);
  rf[kCospi] = cospif(xf);              rd[kCospi] = cospi(xd);
  sincospif(xf, &rf[kSincospiS], &rf[kSincospiC]);
  sincospi(xd, &rd[kSincospiS], &rd[kSincospiC]);
  rf[kExp10] = exp10(xf * 0.25f);       rd[kExp10] = exp10(xd * 0.25);   // float overload, double
  sincos(xf, &rf[kSincosS], &rf[kSincosC]);                              // float overload
  sincos(xd, &rd[kSincosS], &rd[kSincosC]);
}

__global__ void evalKernel(const float *xf, const double *xd, float *rf, double *rd, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) evalAll(xf[i], xd[i], rf + i * kFuncs, rd + i * kFuncs);
}

static long double reference(int f, long double x) {
  const long double pi = 3.141592653589793238462643383279502884L;
  long double ax = fabsl(x) + 0.125L;
  switch (f) {
  case kRsqrt: return 1.0L / sqrtl(ax);
  case kRcbrt: return 1.0L / cbrtl(x);
  case kSinpi: case kSincospiS: return sinl(pi * x);
  case kCospi: case kSincospiC: return cosl(pi * x);
  case kExp10: return powl(10.0L, x * 0.25L);
  case kSincosS: return sinl(x);
  default: return cosl(x);
  }
}

// Error in ulps of the result's format (relative to the reference's ulp).
static double ulpError(long double got, long double ref, bool isFloat) {
  int e;
  frexpl(ref, &e);
  long double ulp = ldexpl(1.0L, e - (isFloat ? 24 : 53));
  return (double)(fabsl(got - ref) / ulp);
}

int main() {
  const int n = 512;
  float *xf = new float[n], *hf = new float[n * kFuncs], *df = new float[n * kFuncs];
  double *xd = new double[n], *hd = new double[n * kFuncs], *dd = new double[n * kFuncs];
  for (int i = 0; i < n; ++i) {  // in (-4, 4), never on a multiple of 1/8 (no exact zeros)
    xd[i] = -4.0 + (i + 0.37) * (8.0 / n);
    xf[i] = (float)xd[i];
  }
  for (int i = 0; i < n; ++i) evalAll(xf[i], xd[i], hf + i * kFuncs, hd + i * kFuncs);
  float *dxf, *drf;
  double *dxd, *drd;
  CHECK(cudaMalloc(&dxf, n * sizeof(float)));
  CHECK(cudaMalloc(&dxd, n * sizeof(double)));
  CHECK(cudaMalloc(&drf, n * kFuncs * sizeof(float)));
  CHECK(cudaMalloc(&drd, n * kFuncs * sizeof(double)));
  CHECK(cudaMemcpy(dxf, xf, n * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dxd, xd, n * sizeof(double), cudaMemcpyHostToDevice));
  evalKernel<<<(n + 127) / 128, 128>>>(dxf, dxd, drf, drd, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(df, drf, n * kFuncs * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(dd, drd, n * kFuncs * sizeof(double), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    for (int f = 0; f < kFuncs; ++f) {
      long double rfRef = reference(f, xf[i]), rdRef = reference(f, xd[i]);
      double e[4] = {ulpError(hf[i * kFuncs + f], rfRef, true), ulpError(df[i * kFuncs + f], rfRef, true),
                     ulpError(hd[i * kFuncs + f], rdRef, false), ulpError(dd[i * kFuncs + f], rdRef, false)};
      for (int k = 0; k < 4; ++k)
        if (!(e[k] <= kUlpBound[f][k / 2] + 0.5)) {  // + 0.5: the reference's own rounding
          printf("FAIL: %s(%a) %s %s: %.2f ulp (bound %g)\n", kNames[f], xd[i], k % 2 ? "device" : "host",
                 k / 2 ? "double" : "float", e[k], kUlpBound[f][k / 2]);
          return 1;
        }
    }
  // Host min/max overloads, mixed types as CUDA's headers allow.
  if (min(3, -2) != -2 || max(2.5f, 1.0f) != 2.5f || max(1u, 7u) != 7u || min(-1.5, 0.25) != -1.5) {
    printf("FAIL: host min/max\n");
    return 1;
  }
  CHECK(cudaFree(dxf)); CHECK(cudaFree(dxd)); CHECK(cudaFree(drf)); CHECK(cudaFree(drd));
  delete[] xf; delete[] hf; delete[] df; delete[] xd; delete[] hd; delete[] dd;
  printf("PASS\n");
  return 0;
}
