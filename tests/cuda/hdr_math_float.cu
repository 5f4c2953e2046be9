// Single-precision CUDA math in device code: the C names (sinf), the C++
// overloads (sin(float), std::sin, ::sqrt), the CUDA-only functions (rsqrtf,
// sinpif, ...), min/max and the fast intrinsics (__expf, ...). Each device
// result is compared with a double-precision host reference.
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
//   a in [-3, 3), p in [0.1, 6.1), u in (-0.95, 0.95), g in [1, 7).
#define INPUTS(i, n)                                                           \
  float a = -3.0f + 6.0f * (float)(i) / (float)(n);                            \
  float p = 0.1f + 6.0f * (float)(i) / (float)(n);                             \
  float u = -0.95f + 1.9f * (float)(i) / (float)(n);                           \
  float g = 1.0f + 6.0f * (float)(i) / (float)(n);                             \
  (void)a; (void)p; (void)u; (void)g;

static double sinpiRef(double x) { return sin(M_PI * x); }
static double cospiRef(double x) { return cos(M_PI * x); }
static double clampRef(double x) { return x < 0 ? 0 : (x > 1 ? 1 : x); }

// X(name, device expression, host reference, relative tolerance)
#define FUNCS(X)                                                               \
  X(sinf, sinf(a), sin(a), 1e-5)                                               \
  X(cosf, cosf(a), cos(a), 1e-5)                                               \
  X(tanf, tanf(u), tan(u), 1e-5)                                               \
  X(asinf, asinf(u), asin(u), 1e-5)                                            \
  X(acosf, acosf(u), acos(u), 1e-5)                                            \
  X(atanf, atanf(a), atan(a), 1e-5)                                            \
  X(atan2f, atan2f(a, p), atan2(a, p), 1e-5)                                   \
  X(sinhf, sinhf(a), sinh(a), 1e-5)                                            \
  X(coshf, coshf(a), cosh(a), 1e-5)                                            \
  X(tanhf, tanhf(a), tanh(a), 1e-5)                                            \
  X(asinhf, asinhf(a), asinh(a), 1e-5)                                         \
  X(acoshf, acoshf(g), acosh(g), 1e-5)                                         \
  X(atanhf, atanhf(u), atanh(u), 1e-5)                                         \
  X(expf, expf(a), exp(a), 1e-5)                                               \
  X(exp2f, exp2f(a), exp2(a), 1e-5)                                            \
  X(exp10f, exp10f(a), pow(10.0, a), 1e-5)                                     \
  X(expm1f, expm1f(a), expm1(a), 1e-5)                                         \
  X(logf, logf(p), log(p), 1e-5)                                               \
  X(log2f, log2f(p), log2(p), 1e-5)                                            \
  X(log10f, log10f(p), log10(p), 1e-5)                                         \
  X(log1pf, log1pf(p), log1p(p), 1e-5)                                         \
  X(powf, powf(p, a), pow(p, a), 1e-5)                                         \
  X(sqrtf, sqrtf(p), sqrt(p), 1e-6)                                            \
  X(rsqrtf, rsqrtf(p), 1.0 / sqrt(p), 1e-5)                                    \
  X(cbrtf, cbrtf(a), cbrt(a), 1e-5)                                            \
  X(erff, erff(a), erf(a), 1e-5)                                               \
  X(erfcf, erfcf(a), erfc(a), 1e-5)                                            \
  X(fmaf, fmaf(a, p, u), (double)a * p + u, 1e-6)                              \
  X(floorf, floorf(a), floor(a), 0)                                            \
  X(ceilf, ceilf(a), ceil(a), 0)                                               \
  X(roundf, roundf(a * 2.0f), round((double)(a * 2.0f)), 0)                    \
  X(truncf, truncf(a), trunc(a), 0)                                            \
  X(rintf, rintf(a * 2.0f), rint((double)(a * 2.0f)), 0)                       \
  X(fminf, fminf(a, u), fmin(a, u), 0)                                         \
  X(fmaxf, fmaxf(a, u), fmax(a, u), 0)                                         \
  X(fabsf, fabsf(a), fabs(a), 0)                                               \
  X(fmodf, fmodf(a, 0.7f), fmod(a, (double)0.7f), 1e-6)                        \
  X(hypotf, hypotf(a, p), hypot(a, p), 1e-5)                                   \
  X(copysignf, copysignf(p, a), copysign(p, a), 0)                             \
  X(sinpif, sinpif(a), sinpiRef(a), 1e-5)                                      \
  X(cospif, cospif(a), cospiRef(a), 1e-5)                                      \
  X(sin_overload, sin(a), sin(a), 1e-5)                                        \
  X(std_exp, std::exp(a), exp(a), 1e-5)                                        \
  X(global_sqrt, ::sqrt(p), sqrt(p), 1e-6)                                     \
  X(std_pow_int, std::pow(a, 3), pow(a, 3), 1e-5)                              \
  X(max_mixed, max(a, 1), fmax(a, 1.0), 0)                                     \
  X(min_float, min(a, u), fmin(a, u), 0)                                       \
  X(__expf, __expf(a), exp(a), 1e-3)                                           \
  X(__logf, __logf(p), log(p), 1e-3)                                           \
  X(__sinf, __sinf(a), sin(a), 1e-3)                                           \
  X(__cosf, __cosf(a), cos(a), 1e-3)                                           \
  X(__powf, __powf(p, u), pow(p, u), 1e-3)                                     \
  X(__fdividef, __fdividef(a, p), a / (double)p, 1e-5)                         \
  X(__saturatef, __saturatef(a), clampRef(a), 0)                               \
  X(sincosf_sum, sincos_sum(a), sin(a) + cos(a), 1e-5)

#define COUNT(name, dev, host, tol) +1
static const int NumFuncs = 0 FUNCS(COUNT);

__device__ float sincos_sum(float x) {
  float s, c;
  sincosf(x, &s, &c);
  return s + c;
}

__global__ void evalAll(float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  INPUTS(i, n)
  int k = 0;
#define DEV(name, dev, host, tol) out[(k++) * n + i] = (dev);
  FUNCS(DEV)
}

int main() {
  const int n = 1024;
  float *dOut;
  CHECK(cudaMalloc(&dOut, sizeof(float) * n * NumFuncs));
  evalAll<<<(n + 127) / 128, 128>>>(dOut, n);
  CHECK(cudaGetLastError());
  float *hOut = new float[n * NumFuncs];
  CHECK(cudaMemcpy(hOut, dOut, sizeof(float) * n * NumFuncs,
                   cudaMemcpyDeviceToHost));
  int failures = 0;
  for (int i = 0; i < n; ++i) {
    INPUTS(i, n)
    int k = 0;
#define HOST(name, dev, host, tol)                                             \
  {                                                                            \
    double ref = (host), got = hOut[k++ * n + i];                              \
    double err = fabs(got - ref), lim = (tol) * fmax(1.0, fabs(ref));          \
    if (!(err <= lim) && !(tol == 0 && (float)ref == (float)got) &&            \
        failures++ < 10)                                                       \
      printf("FAIL %s: i=%d got %.9g want %.9g\n", #name, i, got, ref);        \
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
