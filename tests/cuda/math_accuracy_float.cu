// Single-precision CUDA Math API accuracy: a table-driven sweep. Every row
// names a device function, a long-double host reference, CUDA's documented
// maximum ulp error (Programming Guide, "Mathematical Functions" appendix,
// single-precision table) and an input domain; each row is evaluated on the
// device over 4096 linear and log-spaced points plus edges and special
// values. Special results (NaN, infinities, signed zeros) must match
// exactly; elsewhere the max error in float ulps is printed and checked.
typedef float T;

// CUDA: j1(±inf) is ±0 (J1 is odd); not every host libm agrees.
static long double j1ref(long double x) {
  return std::isinf(x) ? std::copysign(0.0L, x) : j1l(x);
}

#define MANT_T 24
#define MIN_EXP_T (-125)
#define DENORM_T 1.4e-45f
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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

typedef long double LD;
static const LD kPi = 3.141592653589793238462643383279502884L;

//===--- Host references in long double ------------------------------------===//

// Root of erf(y) = x (|x| <= 1/2) or erfc(y) = 1 - |x|, by Newton from the
// device value: the fixed point is the true root whatever the start.
static LD erfcinvRef(LD z, LD y) {
  if (z == 0) return INFINITY;
  if (z == 2) return -INFINITY;
  if (!(z > 0 && z < 2)) return NAN;
  if (!std::isfinite(y)) y = 1;
  for (int i = 0; i < 8; ++i)
    y -= (erfcl(y) - z) / (-2 / sqrtl(kPi) * expl(-y * y));
  return y;
}
static LD erfinvRef(LD x, LD y) {
  if (fabsl(x) > 1 || x != x) return NAN;
  if (fabsl(x) == 1) return copysignl(INFINITY, x);
  if (x == 0) return x;
  if (!std::isfinite(y) || y == 0) y = x;
  if (fabsl(x) <= 0.5L) {
    for (int i = 0; i < 8; ++i)
      y -= (erfl(y) - x) / (2 / sqrtl(kPi) * expl(-y * y));
    return y;
  }
  return copysignl(erfcinvRef(1 - fabsl(x), fabsl(y)), x);
}
static LD normcdfinvRef(LD p, LD y) {
  if (p == 0) return -INFINITY;
  if (p == 1) return INFINITY;
  return -sqrtl(2.0L) * erfcinvRef(2 * p, -y / sqrtl(2.0L));
}
// exp(x^2) erfc(x): x^2 exactly as xh^2 + (2 xh xl + xl^2) (xh: 26 bits).
static LD erfcxRef(LD x) {
  if (x != x) return x;
  if (x == INFINITY) return 0;
  if (x == -INFINITY) return INFINITY;
  if (x > 100) {
    LD t = 1 / (2 * x * x), term = 1, s = 1;
    for (int k = 1; k < 20; ++k) { term *= -(2 * k - 1) * t; s += term; }
    return s / (x * sqrtl(kPi));
  }
  double xd = (double)x;
  double xh = (double)(float)xd, xl = xd - xh;
  return expl((LD)xh * xh) * expl(2.0L * xh * xl + (LD)xl * xl) * erfcl(x);
}
static LD normcdfRef(LD x) { return 0.5L * erfcl(-x / sqrtl(2.0L)); }
static LD besselIRef(LD x, int nu) {
  if (x != x) return x;
  if (std::isinf(x)) return nu ? x : INFINITY;
  LD a = fabsl(x), q = a * a / 4, t = nu ? a / 2 : 1, s = t;
  for (int k = 1; k < 5000 && t > s * 1e-22L; ++k) {
    t = t * q / ((LD)k * (k + nu));
    s += t;
  }
  return (nu && x < 0) ? -s : s;
}
// sin(pi x) with the argument reduced exactly to [-1/2, 1/2] first.
static LD sinpiRef(LD x) {
  if (std::isinf(x)) return NAN;
  if (x == 0) return x;
  LD r = remainderl(x, 2.0L); // exact, in [-1, 1]
  if (fabsl(r) > 0.5L) r = copysignl(1.0L, r) - r;
  if (r == 0) return copysignl(0.0L, x);
  return sinl(kPi * r);
}
static LD cospiRef(LD x) {
  if (std::isinf(x)) return NAN;
  LD v = sinpiRef(fabsl(x) + 0.5L);
  return v == 0 ? 0.0L : v;
}
static LD exp10Ref(LD x) { return powl(10.0L, x); }
static LD rhypotRef(LD x, LD y) { return 1 / hypotl(x, y); }

//===--- The table -----------------------------------------------------------===//
// The fast intrinsics have CUDA's bounds for them (Programming Guide,
// "Intrinsic Functions"), which a GPU reaches: __expf 2 + floor(|1.173 x|)
// ulp (105 over the domain); __logf 2^-21.41 absolute in [0.5, 2], 3 ulp
// elsewhere; __sinf and __cosf 2^-21.41 and 2^-21.19 absolute in [-pi, pi];
// __powf is exp2f(y * __log2f(x)), whose __log2f error (2^-22 absolute
// near 1, 2 ulp elsewhere) grows by |y| ln 2 in the result: about 22 ulp
// for x, y in [0.5, 8], bounded here by 32.
// Unary rows: X(name, device expr of x, reference expr of X (long double) and
// Y (the device result, used only to seed the root-finders), ulp bound,
// domain lo, hi, abs-error threshold, abs bound). Where |x| >= threshold the
// bound is an absolute error (CUDA documents the Bessel functions so).
#define NB INFINITY
#define UNARY(ROW)                                                               \
  ROW(sinf, sinf(x), sinl(X), 2, -100, 100, NB, 0)                               \
  ROW(cosf, cosf(x), cosl(X), 2, -100, 100, NB, 0)                               \
  ROW(tanf, tanf(x), tanl(X), 4, -100, 100, NB, 0)                               \
  ROW(sinpif, sinpif(x), sinpiRef(X), 1, -100, 100, NB, 0)                       \
  ROW(cospif, cospif(x), cospiRef(X), 1, -100, 100, NB, 0)                       \
  ROW(asinf, asinf(x), asinl(X), 2, -1, 1, NB, 0)                                \
  ROW(acosf, acosf(x), acosl(X), 2, -1, 1, NB, 0)                                \
  ROW(atanf, atanf(x), atanl(X), 2, -1e6, 1e6, NB, 0)                            \
  ROW(sinhf, sinhf(x), sinhl(X), 3, -90, 90, NB, 0)                              \
  ROW(coshf, coshf(x), coshl(X), 2, -90, 90, NB, 0)                              \
  ROW(tanhf, tanhf(x), tanhl(X), 2, -20, 20, NB, 0)                              \
  ROW(asinhf, asinhf(x), asinhl(X), 3, -1e30, 1e30, NB, 0)                       \
  ROW(acoshf, acoshf(x), acoshl(X), 4, 1, 1e30, NB, 0)                           \
  ROW(atanhf, atanhf(x), atanhl(X), 3, -1, 1, NB, 0)                             \
  ROW(expf, expf(x), expl(X), 2, -104, 89, NB, 0)                                \
  ROW(exp2f, exp2f(x), exp2l(X), 2, -150, 128, NB, 0)                            \
  ROW(exp10f, exp10f(x), exp10Ref(X), 2, -45, 38.5, NB, 0)                       \
  ROW(expm1f, expm1f(x), expm1l(X), 1, -20, 89, NB, 0)                           \
  ROW(logf, logf(x), logl(X), 1, 1e-38, 3e38, NB, 0)                             \
  ROW(log2f, log2f(x), log2l(X), 1, 1e-38, 3e38, NB, 0)                          \
  ROW(log10f, log10f(x), log10l(X), 2, 1e-38, 3e38, NB, 0)                       \
  ROW(log1pf, log1pf(x), log1pl(X), 1, -0.999, 1e30, NB, 0)                      \
  ROW(sqrtf, sqrtf(x), sqrtl(X), 0, 0, 3e38, NB, 0)                              \
  ROW(rsqrtf, rsqrtf(x), 1 / sqrtl(X), 2, 1e-38, 3e38, NB, 0)                    \
  ROW(cbrtf, cbrtf(x), cbrtl(X), 1, -3e38, 3e38, NB, 0)                          \
  ROW(rcbrtf, rcbrtf(x), 1 / cbrtl(X), 1, -3e38, 3e38, NB, 0)                    \
  ROW(erff, erff(x), erfl(X), 2, -5, 5, NB, 0)                                   \
  ROW(erfcf, erfcf(x), erfcl(X), 4, -5, 10, NB, 0)                               \
  ROW(erfinvf, erfinvf(x), erfinvRef(X, Y), 2, -1, 1, NB, 0)                     \
  ROW(erfcinvf, erfcinvf(x), erfcinvRef(X, Y), 4, 0, 2, NB, 0)                   \
  ROW(erfcxf, erfcxf(x), erfcxRef(X), 4, -9, 1e30, NB, 0)                        \
  ROW(normcdff, normcdff(x), normcdfRef(X), 5, -14, 14, NB, 0)                   \
  ROW(normcdfinvf, normcdfinvf(x), normcdfinvRef(X, Y), 5, 0, 1, NB, 0)          \
  ROW(lgammaf, lgammaf(x), lgammal(X), 6, 0.01, 1e30, NB, 0)                     \
  ROW(tgammaf, tgammaf(x), tgammal(X), 5, -30.5, 35, NB, 0)                      \
  ROW(j0f, j0f(x), j0l(X), 9, -100, 100, 8, 2.2e-6)                              \
  ROW(j1f, j1f(x), j1ref(X), 9, -100, 100, 8, 2.2e-6)                              \
  ROW(y0f, y0f(x), y0l(X), 9, 0.01, 100, 8, 2.2e-6)                              \
  ROW(y1f, y1f(x), y1l(X), 9, 0.01, 100, 8, 2.2e-6)                              \
  ROW(cyl_bessel_i0f, cyl_bessel_i0f(x), besselIRef(X, 0), 6, -89, 89, NB, 0)    \
  ROW(cyl_bessel_i1f, cyl_bessel_i1f(x), besselIRef(X, 1), 6, -89, 89, NB, 0)    \
  ROW(logbf, logbf(x), logbl(X), 0, -3e38, 3e38, NB, 0)                          \
  ROW(fabsf, fabsf(x), fabsl(X), 0, -3e38, 3e38, NB, 0)                          \
  ROW(floorf, floorf(x), floorl(X), 0, -1e8, 1e8, NB, 0)                         \
  ROW(rintf, rintf(x), rintl(X), 0, -1e8, 1e8, NB, 0)                            \
  ROW(roundf, roundf(x), roundl(X), 0, -1e8, 1e8, NB, 0)                         \
  ROW(truncf, truncf(x), truncl(X), 0, -1e8, 1e8, NB, 0)                         \
  ROW(__expf, __expf(x), expl(X), 105, -87, 88, NB, 0)                           \
  ROW(__logf, __logf(x), logl(X), 3, 2, 1e30, NB, 0)                             \
  ROW(__logf_below_half, __logf(x), logl(X), 3, 1e-30, 0.5, NB, 0)               \
  ROW(__logf_near_one, __logf(x), logl(X), 3, 0.5, 2, 0, 3.59e-7)                \
  ROW(__sinf, __sinf(x), sinl(X), 2, -3.14, 3.14, 0, 3.59e-7)                    \
  ROW(__cosf, __cosf(x), cosl(X), 2, -3.14, 3.14, 0, 4.18e-7)
#define BINARY(ROW)                                                              \
  ROW(powf, powf(x, y), powl(X, Z), 4, 0, 40, NB, 0)                             \
  ROW(atan2f, atan2f(x, y), atan2l(X, Z), 3, -1e6, 1e6, NB, 0)                   \
  ROW(hypotf, hypotf(x, y), hypotl(X, Z), 3, -3e38, 3e38, NB, 0)                 \
  ROW(rhypotf, rhypotf(x, y), rhypotRef(X, Z), 2, -3e38, 3e38, NB, 0)            \
  ROW(norm3df, norm3df(x, y, x * 0.5f), sqrtl(X * X + Z * Z + (LD)(x * 0.5f) * (x * 0.5f)), 2, -1e30, 1e30, NB, 0) \
  ROW(rnorm3df, rnorm3df(x, y, 3.0f), 1 / sqrtl(X * X + Z * Z + 9), 2, -1e30, 1e30, NB, 0) \
  ROW(norm4df, norm4df(x, y, 1.0f, y), sqrtl(X * X + 2 * Z * Z + 1), 2, -1e30, 1e30, NB, 0) \
  ROW(rnorm4df, rnorm4df(x, y, 1.0f, y), 1 / sqrtl(X * X + 2 * Z * Z + 1), 2, -1e30, 1e30, NB, 0) \
  ROW(fmodf, fmodf(x, y), fmodl(X, Z), 0, -1e6, 1e6, NB, 0)                      \
  ROW(remainderf, remainderf(x, y), remainderl(X, Z), 0, -1e6, 1e6, NB, 0)       \
  ROW(fdimf, fdimf(x, y), fdiml(X, Z), 0, -1e6, 1e6, NB, 0)                      \
  ROW(__powf, __powf(x, y), powl(X, Z), 32, 0.5, 8, NB, 0)                       \
  ROW(__fdividef, __fdividef(x, y), X / Z, 2, -1e6, 1e6, NB, 0)

enum {
#define X(N, ...) F_##N,
  UNARY(X) BINARY(X) NROWS
#undef X
};
struct Row {
  const char *name;
  double ulp, lo, hi, absFrom, absBound;
  bool binary;
};
static const Row kRows[] = {
#define XU(N, D, R, U, LO, HI, AF, AB) {#N, U, LO, HI, AF, AB, false},
#define XB(N, D, R, U, LO, HI, AF, AB) {#N, U, LO, HI, AF, AB, true},
    UNARY(XU) BINARY(XB)
#undef XU
#undef XB
};

__global__ void evalKernel(int row, const T *xs, const T *ys, T *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  T x = xs[i], y = ys[i], r = 0;
  (void)y;
  switch (row) {
#define XU(N, D, R, U, LO, HI, AF, AB) case F_##N: r = D; break;
#define XB(N, D, R, U, LO, HI, AF, AB) case F_##N: r = D; break;
    UNARY(XU) BINARY(XB)
#undef XU
#undef XB
  }
  out[i] = r;
}

static LD reference(int row, T x, T y, T dev) {
  LD X = x, Y = dev, Z = y;
  (void)X; (void)Y; (void)Z;
  switch (row) {
#define XU(N, D, R, U, LO, HI, AF, AB) case F_##N: return R;
#define XB(N, D, R, U, LO, HI, AF, AB) case F_##N: return R;
    UNARY(XU) BINARY(XB)
#undef XU
#undef XB
  }
  return 0;
}

// Error of d against the exact value r, in ulps of the target type.
static double ulpError(T d, LD r) {
  int e;
  frexpl(r, &e); // r = m 2^e, 0.5 <= |m| < 1
  int emin = MIN_EXP_T - 1;
  if (e - 1 < emin) e = emin + 1;
  LD ulp = ldexpl(1.0L, e - MANT_T);
  return (double)(fabsl((LD)d - r) / ulp);
}

static unsigned long long gState = 12345;
static double rnd01() {
  gState = gState * 6364136223846793005ull + 1442695040888963407ull;
  return (double)(gState >> 11) * 0x1p-53;
}

// Sweep of [lo, hi]: half linear, half log-spaced in magnitude (both signs
// where the domain has them), then the domain edges and special values.
static int makeInputs(const Row &R, T *xs, T *ys, int n) {
  int k = 0;
  double lo = R.lo, hi = R.hi;
  for (int i = 0; i < n / 2; ++i) xs[k++] = (T)(lo + (hi - lo) * (i + 0.5) / (n / 2));
  double mlo = 1e-30, mhi = fmax(fabs(lo), fabs(hi));
  if (lo > 0) mlo = lo;
  for (int i = 0; i < n / 2; ++i) {
    T v = (T)exp(log(mlo) + (log(mhi) - log(mlo)) * rnd01());
    if (lo < 0 && (i & 1)) v = -v;
    if (v < lo || v > hi) v = (T)(lo + (hi - lo) * rnd01());
    xs[k++] = v;
  }
  const T sp[] = {0, -(T)0, INFINITY, -INFINITY, NAN, DENORM_T, -DENORM_T,
                  (T)lo, (T)hi, nextafter((T)lo, (T)hi), nextafter((T)hi, (T)lo),
                  1, -1, (T)0.5, 2};
  for (T v : sp) xs[k++] = v;
  for (int i = 0; i < k; ++i) {
    // Second operand: random over the same domain, some specials.
    ys[i] = (T)(lo + (hi - lo) * rnd01());
    if (i % 97 == 0) ys[i] = sp[(i / 97) % 15];
  }
  return k;
}

int main() {
  const int n = 4096, cap = n + 32;
  T *xs, *ys, *out;
  CHECK(cudaMallocManaged(&xs, cap * sizeof(T)));
  CHECK(cudaMallocManaged(&ys, cap * sizeof(T)));
  CHECK(cudaMallocManaged(&out, cap * sizeof(T)));
  int failures = 0;
  for (int row = 0; row < NROWS; ++row) {
    const Row &R = kRows[row];
    int m = makeInputs(R, xs, ys, n);
    evalKernel<<<(m + 127) / 128, 128>>>(row, xs, ys, out, m);
    CHECK(cudaGetLastError());
    CHECK(cudaDeviceSynchronize());
    double maxUlp = 0, maxAbs = 0, worstX = 0;
    int bad = 0;
    for (int i = 0; i < m; ++i) {
      T x = xs[i], y = ys[i], d = out[i];
      LD r = reference(row, x, y, d);
      bool inDomain = x >= R.lo && x <= R.hi &&
                      (!R.binary || (y >= R.lo && y <= R.hi));
      // CUDA defines __powf only as exp2f(y * __log2f(x)): NaN for x < 0 on
      // a GPU, where a CPU may compute powf.
      if (row == F___powf && x < 0) continue;
      if (r != r || std::isinf(r) || r == 0) {
        // Special results must match exactly, signed zeros included.
        bool ok = (r != r) ? d != d
                           : (d == (T)r && std::signbit(d) == std::signbit(r));
        if (!ok) {
          if (bad++ < 3)
            printf("FAIL: %s(%a, %a) = %a, expected %La\n", R.name, (double)x,
                   (double)y, (double)d, r);
        }
        continue;
      }
      if (!inDomain) continue;
      if (std::isinf(d) && d == (T)r) continue; // overflow, correctly rounded
      if (fabs((double)x) >= R.absFrom) {
        double a = (double)fabsl((LD)d - r);
        if (a > maxAbs) maxAbs = a;
        if (!(a <= R.absBound) && bad++ < 3)
          printf("FAIL: %s(%a) = %a, expected %La (abs err %g)\n", R.name,
                 (double)x, (double)d, r, a);
        continue;
      }
      double u = (d != d) ? 1e30 : ulpError(d, r);
      if (u > maxUlp) { maxUlp = u; worstX = (double)x; }
    }
    // CUDA's bounds are against the correctly rounded result; ours is
    // measured against the exact value, hence the extra half ulp.
    if (maxUlp > R.ulp + 0.5) {
      printf("FAIL: %s max error %.2f ulp at x=%a (bound %.1f)\n", R.name,
             maxUlp, worstX, R.ulp);
      ++bad;
    }
    printf("%-16s max %6.3f ulp (bound %g)", R.name, maxUlp, R.ulp);
    if (std::isfinite(R.absFrom)) printf(", max abs %.3g beyond |x|>=%g (bound %g)", maxAbs, R.absFrom, R.absBound);
    printf("\n");
    failures += bad != 0;
  }
  if (failures) {
    printf("FAIL: %d functions\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
