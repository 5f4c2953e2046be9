// CUDA's error-function family in host code, as statistics code calls it
// with nvcc: erfinv(f), erfcinv(f), erfcx(f), normcdf(f), normcdfinv(f).
// Each call runs on the host and in a kernel; both must be within CUDA's
// documented ulp bound of a long-double reference (the inverses are solved
// by Newton's method on erfl/erfcl).
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

enum { kErfinv, kErfcinv, kErfcx, kNormcdf, kNormcdfinv, kFuncs };
static const char *kNames[kFuncs] = {"erfinv", "erfcinv", "erfcx", "normcdf", "normcdfinv"};
static const double kUlpBound[kFuncs][2] = {{2, 5}, {4, 6}, {4, 4}, {5, 5}, {5, 8}};  // {float, double}

// a[f] is function f's argument, computed once on the host (so that no
// contraction into an fma can make the device see a different argument).
__host__ __device__ void evalAll(const float *af, const double *ad, float *rf, double *rd) {
  rf[kErfinv] = erfinvf(af[kErfinv]);           rd[kErfinv] = erfinv(ad[kErfinv]);
  rf[kErfcinv] = erfcinvf(af[kErfcinv]);        rd[kErfcinv] = erfcinv(ad[kErfcinv]);
  rf[kErfcx] = erfcxf(af[kErfcx]);              rd[kErfcx] = erfcx(ad[kErfcx]);
  rf[kNormcdf] = normcdff(af[kNormcdf]);        rd[kNormcdf] = normcdf(ad[kNormcdf]);
  rf[kNormcdfinv] = normcdfinvf(af[kNormcdfinv]); rd[kNormcdfinv] = normcdfinv(ad[kNormcdfinv]);
}

__global__ void evalKernel(const float *af, const double *ad, float *rf, double *rd, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) evalAll(af + i * kFuncs, ad + i * kFuncs, rf + i * kFuncs, rd + i * kFuncs);
}

static const long double kTwoOverSqrtPi = 1.128379167095512573896158903121545172L;
static const long double kSqrt2 = 1.414213562373095048801688724209698079L;

static long double erfinvRef(long double y, long double t) {  // erf(t) = y
  for (int k = 0; k < 8; ++k) t -= (erfl(t) - y) / (kTwoOverSqrtPi * expl(-t * t));
  return t;
}
static long double erfcinvRef(long double y, long double t) {  // erfc(t) = y
  for (int k = 0; k < 8; ++k) t += (erfcl(t) - y) / (kTwoOverSqrtPi * expl(-t * t));
  return t;
}

// start: a double approximation of the inverse, refined by Newton.
static long double reference(int f, long double a, double start) {
  switch (f) {
  case kErfinv: return erfinvRef(a, start);
  case kErfcinv: return erfcinvRef(a, start);
  case kErfcx: return expl(a * a) * erfcl(a);
  case kNormcdf: return 0.5L * erfcl(-a / kSqrt2);
  default: return -kSqrt2 * erfcinvRef(2.0L * a, -start / kSqrt2);
  }
}

static double ulpError(long double got, long double ref, bool isFloat) {
  int e;
  frexpl(ref, &e);
  return (double)(fabsl(got - ref) / ldexpl(1.0L, e - (isFloat ? 24 : 53)));
}

int main() {
  const int n = 400, m = n * kFuncs;
  float *af = new float[m], *hf = new float[m], *df = new float[m];
  double *ad = new double[m], *hd = new double[m], *dd = new double[m];
  for (int i = 0; i < n; ++i) {  // u in (0, 1), avoiding 0.5 (the inverses' zeros)
    double u = (i + 0.29) / n;
    const double arg[kFuncs] = {2.0 * u - 1.0, 2.0 * u, 12.0 * u - 2.0, 16.0 * u - 8.0, u};
    for (int f = 0; f < kFuncs; ++f) {
      ad[i * kFuncs + f] = arg[f];
      af[i * kFuncs + f] = (float)arg[f];
    }
  }
  for (int i = 0; i < n; ++i) evalAll(af + i * kFuncs, ad + i * kFuncs, hf + i * kFuncs, hd + i * kFuncs);
  float *daf, *drf;
  double *dad, *drd;
  CHECK(cudaMalloc(&daf, m * sizeof(float)));
  CHECK(cudaMalloc(&dad, m * sizeof(double)));
  CHECK(cudaMalloc(&drf, m * sizeof(float)));
  CHECK(cudaMalloc(&drd, m * sizeof(double)));
  CHECK(cudaMemcpy(daf, af, m * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dad, ad, m * sizeof(double), cudaMemcpyHostToDevice));
  evalKernel<<<(n + 127) / 128, 128>>>(daf, dad, drf, drd, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(df, drf, m * sizeof(float), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(dd, drd, m * sizeof(double), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    for (int f = 0; f < kFuncs; ++f) {
      int j = i * kFuncs + f;
      long double rfRef = reference(f, af[j], hd[j]), rdRef = reference(f, ad[j], hd[j]);
      double e[4] = {ulpError(hf[j], rfRef, true), ulpError(df[j], rfRef, true),
                     ulpError(hd[j], rdRef, false), ulpError(dd[j], rdRef, false)};
      for (int k = 0; k < 4; ++k)
        if (!(e[k] <= kUlpBound[f][k / 2] + 0.5)) {
          printf("FAIL: %s(%a) %s %s: %.2f ulp (bound %g)\n", kNames[f], ad[j], k % 2 ? "device" : "host",
                 k / 2 ? "double" : "float", e[k], kUlpBound[f][k / 2]);
          return 1;
        }
    }
  CHECK(cudaFree(daf)); CHECK(cudaFree(dad)); CHECK(cudaFree(drf)); CHECK(cudaFree(drd));
  delete[] af; delete[] hf; delete[] df; delete[] ad; delete[] hd; delete[] dd;
  printf("PASS\n");
  return 0;
}
