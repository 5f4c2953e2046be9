// Double-precision CUDA math in device code: the C names, std:: and ::
// spellings, integer arguments (sqrt(int) -> double), the CUDA-only
// functions (rsqrt, sinpi, normcdf, erfinv, ...) and the double intrinsics
// (__dadd_rn, __fma_rn, bit casts). Compared with host libm.
#include <cmath>
#include <cstdio>
#include <cuda_runtime.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// Inputs derived from the index the same way on host and device:
//   a in [-3, 3), p in [0.1, 6.1), u in (-0.95, 0.95), g in [1, 7), k an int.
#define INPUTS(i, n)                                                           \
  double a = -3.0 + 6.0 * (double)(i) / (double)(n);                           \
  double p = 0.1 + 6.0 * (double)(i) / (double)(n);                            \
  double u = -0.95 + 1.9 * (double)(i) / (double)(n);                          \
  double g = 1.0 + 6.0 * (double)(i) / (double)(n);                            \
  int k = (i) % 97 - 48;                                                       \
  (void)a; (void)p; (void)u; (void)g; (void)k;

static double normcdfRef(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }

// X(name, device expression, host reference, relative tolerance)
#define FUNCS(X)                                                               \
  X(sin, sin(a), sin(a), 1e-14)                                                \
  X(cos, cos(a), cos(a), 1e-14)                                                \
  X(tan, tan(u), tan(u), 1e-14)                                                \
  X(asin, asin(u), asin(u), 1e-14)                                             \
  X(acos, acos(u), acos(u), 1e-14)                                             \
  X(atan, atan(a), atan(a), 1e-14)                                             \
  X(atan2, atan2(a, p), atan2(a, p), 1e-14)                                    \
  X(sinh, sinh(a), sinh(a), 1e-14)                                             \
  X(cosh, cosh(a), cosh(a), 1e-14)                                             \
  X(tanh, tanh(a), tanh(a), 1e-14)                                             \
  X(asinh, asinh(a), asinh(a), 1e-14)                                          \
  X(acosh, acosh(g), acosh(g), 1e-14)                                          \
  X(atanh, atanh(u), atanh(u), 1e-14)                                          \
  X(exp, exp(a), exp(a), 1e-14)                                                \
  X(exp2, exp2(a), exp2(a), 1e-14)                                             \
  X(exp10, exp10(a), pow(10.0, a), 1e-13)                                      \
  X(expm1, expm1(a), expm1(a), 1e-14)                                          \
  X(log, log(p), log(p), 1e-14)                                                \
  X(log2, log2(p), log2(p), 1e-14)                                             \
  X(log10, log10(p), log10(p), 1e-14)                                          \
  X(log1p, log1p(p), log1p(p), 1e-14)                                          \
  X(pow, pow(p, a), pow(p, a), 1e-14)                                          \
  X(pow_int, pow(a, 5), a * a * a * a * a, 1e-14)                              \
  X(sqrt, sqrt(p), sqrt(p), 1e-15)                                             \
  X(sqrt_int, sqrt(k * k), fabs((double)k), 0)                                 \
  X(rsqrt, rsqrt(p), 1.0 / sqrt(p), 1e-14)                                     \
  X(cbrt, cbrt(a), cbrt(a), 1e-14)                                             \
  X(erf, erf(a), erf(a), 1e-14)                                                \
  X(erfc, erfc(a), erfc(a), 1e-14)                                             \
  X(erfinv, erfinv(erf(u)), u, 1e-12)                                          \
  X(normcdf, normcdf(a), normcdfRef(a), 1e-14)                                 \
  X(fma, fma(a, p, u), fma(a, p, u), 0)                                        \
  X(floor, std::floor(a), floor(a), 0)                                         \
  X(ceil, std::ceil(a), ceil(a), 0)                                            \
  X(round, round(a * 2.0), round(a * 2.0), 0)                                  \
  X(trunc, trunc(a), trunc(a), 0)                                              \
  X(rint, rint(a * 2.0), rint(a * 2.0), 0)                                     \
  X(nearbyint, nearbyint(a * 2.0), nearbyint(a * 2.0), 0)                      \
  X(lround, (double)lround(a * 2.0), (double)lround(a * 2.0), 0)               \
  X(llround, (double)llround(a * 2.0), (double)llround(a * 2.0), 0)            \
  X(fmin, fmin(a, u), fmin(a, u), 0)                                           \
  X(fmax, fmax(a, u), fmax(a, u), 0)                                           \
  X(fabs, std::fabs(a), fabs(a), 0)                                            \
  X(abs, std::abs(a), fabs(a), 0)                                              \
  X(fmod, fmod(a, 0.7), fmod(a, 0.7), 0)                                       \
  X(remainder, remainder(a, 0.7), remainder(a, 0.7), 0)                        \
  X(copysign, copysign(p, a), copysign(p, a), 0)                               \
  X(hypot, hypot(a, p), hypot(a, p), 1e-15)                                    \
  X(ldexp, ldexp(a, k % 8), ldexp(a, k % 8), 0)                                \
  X(frexp, frexp_mant(a), frexp_mant(a), 0)                                    \
  X(modf, modf_frac(a), modf_frac(a), 0)                                       \
  X(sincos, sincos_sum(a), sin(a) + cos(a), 1e-14)                             \
  X(sinpi, sinpi(a), sin(M_PI * a), 1e-14)                                     \
  X(cospi, cospi(a), cos(M_PI * a), 1e-14)                                     \
  X(classify, (double)(isnan(a) + 2 * isinf(1.0 / (a - a)) + 4 * std::isfinite(a) + 8 * signbit(a)), \
    (double)(std::isnan(a) + 2 * std::isinf(1.0 / (a - a)) + 4 * std::isfinite(a) + 8 * std::signbit(a)), 0) \
  X(min_max, (double)(max(k, 3) + min(k, -3)), (double)((k > 3 ? k : 3) + (k < -3 ? k : -3)), 0) \
  X(dadd_rn, __dadd_rn(a, p), a + p, 0)                                        \
  X(dmul_rn, __dmul_rn(a, p), a * p, 0)                                        \
  X(fma_rn, __fma_rn(a, p, u), fma(a, p, u), 0)                                \
  X(bitcast, __longlong_as_double(__double_as_longlong(a) ^ (1ll << 63)), -a, 0) \
  X(double2int_rn, (double)__double2int_rn(a * 2.0), rint(a * 2.0), 0)         \
  X(double2int_rz, (double)__double2int_rz(a * 2.0), trunc(a * 2.0), 0)

#define COUNT(name, dev, host, tol) +1
static const int NumFuncs = 0 FUNCS(COUNT);

__host__ __device__ double frexp_mant(double x) {
  int e;
  double m = frexp(x, &e);
  return m + e;
}
__host__ __device__ double modf_frac(double x) {
  double ip;
  double f = modf(x, &ip);
  return f + 3 * ip;
}
__device__ double sincos_sum(double x) {
  double s, c;
  sincos(x, &s, &c);
  return s + c;
}

__global__ void evalAll(double *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  INPUTS(i, n)
  int slot = 0;
#define DEV(name, dev, host, tol) out[(slot++) * n + i] = (dev);
  FUNCS(DEV)
}

int main() {
  const int n = 1024;
  double *dOut;
  CHECK(cudaMalloc(&dOut, sizeof(double) * n * NumFuncs));
  evalAll<<<(n + 127) / 128, 128>>>(dOut, n);
  CHECK(cudaGetLastError());
  double *hOut = new double[n * NumFuncs];
  CHECK(cudaMemcpy(hOut, dOut, sizeof(double) * n * NumFuncs,
                   cudaMemcpyDeviceToHost));
  int failures = 0;
  for (int i = 0; i < n; ++i) {
    INPUTS(i, n)
    int slot = 0;
#define HOST(name, dev, host, tol)                                             \
  {                                                                            \
    double ref = (host), got = hOut[slot++ * n + i];                           \
    double err = fabs(got - ref), lim = (tol) * fmax(1.0, fabs(ref));          \
    if (!(err <= lim) && failures++ < 10)                                      \
      printf("FAIL %s: i=%d got %.17g want %.17g\n", #name, i, got, ref);      \
  }
    FUNCS(HOST)
  }
  cudaFree(dOut);
  delete[] hOut;
  if (failures) {
    printf("FAIL %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
