// Single-precision math library on the device versus host <cmath>.
// Each entry: device expression (float inputs a, p, u, g), host reference
// (double inputs A, P, U, G, or the same float function where the result
// must be bit-exact), and the allowed error in float ulps (0 = bit-exact).
// Inputs: a in [-3,3], p in [0.1,8], u in (-0.99,0.99), g in [1.01,10].
#include <cstdio>
#include <cstdlib>
#include <cmath>
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

#define PI_D 3.14159265358979323846

#define MATH_LIST(X)                                   \
  X(sinf(a), sin(A), 2)                                \
  X(cosf(a), cos(A), 2)                                \
  X(tanf(u), tan(U), 4)                                \
  X(asinf(u), asin(U), 4)                              \
  X(acosf(u), acos(U), 4)                              \
  X(atanf(a), atan(A), 2)                              \
  X(atan2f(a, p), atan2(A, P), 3)                      \
  X(sinhf(a), sinh(A), 3)                              \
  X(coshf(a), cosh(A), 2)                              \
  X(tanhf(a), tanh(A), 2)                              \
  X(asinhf(a), asinh(A), 3)                            \
  X(acoshf(g), acosh(G), 4)                            \
  X(atanhf(u), atanh(U), 3)                            \
  X(expf(a), exp(A), 2)                                \
  X(exp2f(a), exp2(A), 2)                              \
  X(exp10f(a), pow(10.0, A), 2)                        \
  X(expm1f(a), expm1(A), 1)                            \
  X(logf(p), log(P), 1)                                \
  X(log2f(p), log2(P), 1)                              \
  X(log10f(p), log10(P), 2)                            \
  X(log1pf(p), log1p(P), 1)                            \
  X(powf(p, a), pow(P, A), 4)                          \
  X(sqrtf(p), sqrtf(p), 0)                             \
  X(rsqrtf(p), 1.0 / sqrt(P), 2)                       \
  X(cbrtf(a), cbrt(A), 1)                              \
  X(erff(a), erf(A), 2)                                \
  X(erfcf(a), erfc(A), 4)                              \
  X(hypotf(a, p), hypot(A, P), 3)                      \
  X(sinpif(a), sin(PI_D * A), 2)                       \
  X(fmaf(a, p, u), fmaf(a, p, u), 0)                   \
  X(floorf(a), floorf(a), 0)                           \
  X(ceilf(a), ceilf(a), 0)                             \
  X(roundf(a * 2.0f), roundf(a * 2.0f), 0)             \
  X(truncf(a), truncf(a), 0)                           \
  X(rintf(a * 2.0f), rintf(a * 2.0f), 0)               \
  X(fminf(a, u), fminf(a, u), 0)                       \
  X(fmaxf(a, u), fmaxf(a, u), 0)                       \
  X(fabsf(a), fabsf(a), 0)                             \
  X(fmodf(a, 0.7f), fmodf(a, 0.7f), 0)                 \
  X(copysignf(p, a), copysignf(p, a), 0)               \
  X(ldexpf(a, 5), ldexpf(a, 5), 0)                     \
  X(sin(a), sin(A), 2)         /* C++ float overload */ \
  X(std::exp(a), exp(A), 2)    /* std:: overload */     \
  X(std::pow(p, u), pow(P, U), 4)

#define COUNT(d, h, ulps) +1
static const int NF = 0 MATH_LIST(COUNT);

__global__ void mathKernel(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float a = in[4 * i], p = in[4 * i + 1], u = in[4 * i + 2], g = in[4 * i + 3];
  int k = 0;
#define DEV(d, h, ulps) out[(k++) * n + i] = (d);
  MATH_LIST(DEV)
#undef DEV
}

static float ulpOf(double ref) {
  float f = fabsf((float)ref);
  return nextafterf(f, INFINITY) - f;
}

int main() {
  const int n = 2048;
  float *hin = (float *)malloc(4 * n * sizeof(float));
  unsigned s = 777u;
  auto uni = [&]() { s = s * 1664525u + 1013904223u; return (float)(s >> 8) / 16777216.0f; };
  for (int i = 0; i < n; ++i) {
    hin[4 * i] = -3.0f + 6.0f * uni();
    hin[4 * i + 1] = 0.1f + 7.9f * uni();
    hin[4 * i + 2] = -0.99f + 1.98f * uni();
    hin[4 * i + 3] = 1.01f + 8.99f * uni();
  }
  hin[0] = 0.0f; hin[4] = 1.0f; hin[8] = -1.0f; hin[12] = 0.5f; hin[16] = -2.5f;  // a few exact points
  float *din, *dout;
  CHECK(cudaMalloc(&din, 4 * n * sizeof(float)));
  CHECK(cudaMalloc(&dout, (size_t)NF * n * sizeof(float)));
  CHECK(cudaMemcpy(din, hin, 4 * n * sizeof(float), cudaMemcpyHostToDevice));
  mathKernel<<<(n + 127) / 128, 128>>>(din, dout, n);
  CHECK(cudaGetLastError());
  float *hout = (float *)malloc((size_t)NF * n * sizeof(float));
  CHECK(cudaMemcpy(hout, dout, (size_t)NF * n * sizeof(float), cudaMemcpyDeviceToHost));
  int failures = 0;
  for (int i = 0; i < n; ++i) {
    float a = hin[4 * i], p = hin[4 * i + 1], u = hin[4 * i + 2], g = hin[4 * i + 3];
    double A = a, P = p, U = u, G = g;
    (void)A; (void)P; (void)U; (void)G; (void)g;
    int k = 0;
#define HOST(d, h, ulps)                                                              \
    {                                                                                 \
      double ref = (double)(h);                                                       \
      float got = hout[k * n + i];                                                    \
      bool ok = (ulps) == 0 ? got == (float)ref                                       \
                            : fabs((double)got - ref) <= (ulps) * (double)ulpOf(ref) + 1.2e-7; \
      if (!ok && failures++ < 10)                                                     \
        printf("FAIL: %s at a=%.9g p=%.9g u=%.9g g=%.9g: got %.9g expected %.9g\n", #d, a, p, u, g, got, ref); \
      ++k;                                                                            \
    }
    MATH_LIST(HOST)
#undef HOST
  }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout));
  free(hin); free(hout);
  if (failures) { printf("FAIL: %d mismatches\n", failures); return 1; }
  printf("PASS\n");
  return 0;
}
