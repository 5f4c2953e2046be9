// Double-precision math library on the device versus a host long double
// reference (<cmath> long double overloads). Allowed error is given in double
// ulps (0 = bit-exact, compared against the same host double function).
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

#define PI_L 3.141592653589793238462643383279502884L

#define MATH_LIST(X)                                   \
  X(sin(a), sinl(A), 3)                                \
  X(cos(a), cosl(A), 3)                                \
  X(tan(u), tanl(U), 4)                                \
  X(asin(u), asinl(U), 3)                              \
  X(acos(u), acosl(U), 3)                              \
  X(atan(a), atanl(A), 3)                              \
  X(atan2(a, p), atan2l(A, P), 3)                      \
  X(sinh(a), sinhl(A), 3)                              \
  X(cosh(a), coshl(A), 3)                              \
  X(tanh(a), tanhl(A), 3)                              \
  X(asinh(a), asinhl(A), 4)                            \
  X(acosh(g), acoshl(G), 4)                            \
  X(atanh(u), atanhl(U), 3)                            \
  X(exp(a), expl(A), 2)                                \
  X(exp2(a), exp2l(A), 2)                              \
  X(exp10(a), powl(10.0L, A), 2)                       \
  X(expm1(a), expm1l(A), 2)                            \
  X(log(p), logl(P), 2)                                \
  X(log2(p), log2l(P), 2)                              \
  X(log10(p), log10l(P), 2)                            \
  X(log1p(p), log1pl(P), 2)                            \
  X(pow(p, a), powl(P, A), 3)                          \
  X(sqrt(p), sqrt(p), 0)                               \
  X(rsqrt(p), 1.0L / sqrtl(P), 2)                      \
  X(cbrt(a), cbrtl(A), 2)                              \
  X(erf(a), erfl(A), 3)                                \
  X(erfc(a), erfcl(A), 5)                              \
  X(hypot(a, p), hypotl(A, P), 3)                      \
  X(sinpi(a), sinl(PI_L * A), 3)                       \
  X(fma(a, p, u), fma(a, p, u), 0)                     \
  X(floor(a), floor(a), 0)                             \
  X(ceil(a), ceil(a), 0)                               \
  X(round(a * 2.0), round(a * 2.0), 0)                 \
  X(trunc(a), trunc(a), 0)                             \
  X(rint(a * 2.0), rint(a * 2.0), 0)                   \
  X(fmin(a, u), fmin(a, u), 0)                         \
  X(fmax(a, u), fmax(a, u), 0)                         \
  X(fabs(a), fabs(a), 0)                               \
  X(fmod(a, 0.7), fmod(a, 0.7), 0)                     \
  X(copysign(p, a), copysign(p, a), 0)                 \
  X(ldexp(a, -7), ldexp(a, -7), 0)

#define COUNT(d, h, ulps) +1
static const int NF = 0 MATH_LIST(COUNT);

__global__ void mathKernel(const double *in, double *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  double a = in[4 * i], p = in[4 * i + 1], u = in[4 * i + 2], g = in[4 * i + 3];
  int k = 0;
#define DEV(d, h, ulps) out[(k++) * n + i] = (d);
  MATH_LIST(DEV)
#undef DEV
}

static double ulpOf(long double ref) {
  double f = fabs((double)ref);
  return nextafter(f, INFINITY) - f;
}

int main() {
  const int n = 2048;
  double *hin = (double *)malloc(4 * n * sizeof(double));
  unsigned long long s = 0x243F6A8885A308D3ull;
  auto uni = [&]() { s = s * 6364136223846793005ull + 1442695040888963407ull; return (double)(s >> 11) / 9007199254740992.0; };
  for (int i = 0; i < n; ++i) {
    hin[4 * i] = -3.0 + 6.0 * uni();
    hin[4 * i + 1] = 0.1 + 7.9 * uni();
    hin[4 * i + 2] = -0.99 + 1.98 * uni();
    hin[4 * i + 3] = 1.01 + 8.99 * uni();
  }
  hin[0] = 0.0; hin[4] = 1.0; hin[8] = -1.0; hin[12] = 0.5; hin[16] = -2.5;
  double *din, *dout;
  CHECK(cudaMalloc(&din, 4 * n * sizeof(double)));
  CHECK(cudaMalloc(&dout, (size_t)NF * n * sizeof(double)));
  CHECK(cudaMemcpy(din, hin, 4 * n * sizeof(double), cudaMemcpyHostToDevice));
  mathKernel<<<(n + 127) / 128, 128>>>(din, dout, n);
  CHECK(cudaGetLastError());
  double *hout = (double *)malloc((size_t)NF * n * sizeof(double));
  CHECK(cudaMemcpy(hout, dout, (size_t)NF * n * sizeof(double), cudaMemcpyDeviceToHost));
  int failures = 0;
  for (int i = 0; i < n; ++i) {
    double a = hin[4 * i], p = hin[4 * i + 1], u = hin[4 * i + 2], g = hin[4 * i + 3];
    long double A = a, P = p, U = u, G = g;
    (void)A; (void)P; (void)U; (void)G; (void)g;
    int k = 0;
#define HOST(d, h, ulps)                                                              \
    {                                                                                 \
      long double ref = (long double)(h);                                             \
      double got = hout[k * n + i];                                                   \
      bool ok = (ulps) == 0 ? got == (double)ref                                      \
                            : fabsl((long double)got - ref) <= (ulps) * (long double)ulpOf(ref) + 2.3e-16L; \
      if (!ok && failures++ < 10)                                                     \
        printf("FAIL: %s at a=%.17g p=%.17g u=%.17g g=%.17g: got %.17g expected %.17Lg\n", #d, a, p, u, g, got, ref); \
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
