// Directed-rounding arithmetic and conversion intrinsics (__fadd_rz,
// __dmul_ru, __fma_rd, __ll2float_rz, __double2float_ru, ...) against the
// host FPU run under fesetround(): bit-exact equality on random operands
// (all exponents, subnormals) and edge cases (zeros, infinities, overflow,
// exact cancellation, ties).
#include <cfenv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <cuda_runtime.h>

#ifndef __CUDA_ARCH__ // the host reference switches rounding modes
#pragma STDC FENV_ACCESS ON
#endif

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// OP(name, result type, device function stem, its arguments, host expr)
#define FOPS(OP)                                                               \
  OP(fadd, float, __fadd, (fa, fb), fa + fb)                                   \
  OP(fsub, float, __fsub, (fa, fb), fa - fb)                                   \
  OP(fmul, float, __fmul, (fa, fb), fa * fb)                                   \
  OP(fdiv, float, __fdiv, (fa, fb), fa / fb)                                   \
  OP(frcp, float, __frcp, (fa), 1.0f / fa)                                     \
  OP(fsqrt, float, __fsqrt, (fabsf(fa)), sqrtf(fabsf(fa)))                     \
  OP(fmaf, float, __fmaf, (fa, fb, fc), fmaf(fa, fb, fc))                      \
  OP(dadd, double, __dadd, (da, db), da + db)                                  \
  OP(dsub, double, __dsub, (da, db), da - db)                                  \
  OP(dmul, double, __dmul, (da, db), da * db)                                  \
  OP(ddiv, double, __ddiv, (da, db), da / db)                                  \
  OP(drcp, double, __drcp, (da), 1.0 / da)                                     \
  OP(dsqrt, double, __dsqrt, (fabs(da)), sqrt(fabs(da)))                       \
  OP(dfma, double, __fma, (da, db, dc), fma(da, db, dc))                       \
  OP(int2float, float, __int2float, (ia), (float)ia)                           \
  OP(uint2float, float, __uint2float, ((unsigned)ia), (float)(unsigned)ia)     \
  OP(ll2float, float, __ll2float, (la), (float)la)                             \
  OP(ull2float, float, __ull2float, ((unsigned long long)la),                  \
     (float)(unsigned long long)la)                                            \
  OP(ll2double, double, __ll2double, (la), (double)la)                         \
  OP(ull2double, double, __ull2double, ((unsigned long long)la),               \
     (double)(unsigned long long)la)                                           \
  OP(double2float, float, __double2float, (da), (float)da)

enum {
#define OP(N, ...) OP_##N,
  FOPS(OP) NOPS
#undef OP
};
static const char *kNames[] = {
#define OP(N, ...) #N,
    FOPS(OP)
#undef OP
};
static const char *kModes[] = {"rn", "rz", "ru", "rd"};

struct In {
  float fa, fb, fc;
  double da, db, dc;
  int ia;
  long long la;
};

// Results are stored as raw bits (float widened to its 32-bit pattern).
__host__ __device__ inline unsigned long long slot(float v) {
  unsigned int u;
  memcpy(&u, &v, 4);
  return u;
}
__host__ __device__ inline unsigned long long slot(double v) {
  unsigned long long u;
  memcpy(&u, &v, 8);
  return u;
}

#define CALL(STEM, SFX, ARGS) STEM##SFX ARGS
__global__ void kernel(const In *in, unsigned long long *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float fa = in[i].fa, fb = in[i].fb, fc = in[i].fc;
  double da = in[i].da, db = in[i].db, dc = in[i].dc;
  int ia = in[i].ia;
  long long la = in[i].la;
  unsigned long long *o = out + (size_t)i * NOPS * 4;
#define OP(N, T, STEM, ARGS, HOST)                                             \
  o[OP_##N * 4 + 0] = slot((T)CALL(STEM, _rn, ARGS));                          \
  o[OP_##N * 4 + 1] = slot((T)CALL(STEM, _rz, ARGS));                          \
  o[OP_##N * 4 + 2] = slot((T)CALL(STEM, _ru, ARGS));                          \
  o[OP_##N * 4 + 3] = slot((T)CALL(STEM, _rd, ARGS));
  FOPS(OP)
#undef OP
}

// Host reference: each operation evaluated under the requested mode. The
// operands pass through volatile so nothing is folded at compile time.
__attribute__((noinline)) static void hostRef(const In &x,
                                              unsigned long long *o) {
  static const int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD,
                              FE_DOWNWARD};
  for (int m = 0; m < 4; ++m) {
    volatile float vfa = x.fa, vfb = x.fb, vfc = x.fc;
    volatile double vda = x.da, vdb = x.db, vdc = x.dc;
    volatile int via = x.ia;
    volatile long long vla = x.la;
    fesetround(modes[m]);
    float fa = vfa, fb = vfb, fc = vfc;
    double da = vda, db = vdb, dc = vdc;
    int ia = via;
    long long la = vla;
#define OP(N, T, STEM, ARGS, HOST)                                             \
  {                                                                            \
    volatile T r_ = HOST;                                                      \
    o[OP_##N * 4 + m] = slot((T)r_);                                           \
  }
    FOPS(OP)
#undef OP
    fesetround(FE_TONEAREST);
  }
}

static unsigned long long gState = 0x9e3779b97f4a7c15ull;
static unsigned long long next() {
  gState ^= gState << 13;
  gState ^= gState >> 7;
  gState ^= gState << 17;
  return gState;
}
static float randFloat() {
  unsigned int u = (unsigned int)next();
  float f;
  memcpy(&f, &u, 4);
  if (f != f || std::isinf(f)) f = 1.5f;
  return f;
}
static double randDouble() {
  unsigned long long u = next();
  double d;
  memcpy(&d, &u, 8);
  if (d != d || std::isinf(d)) d = 1.25;
  return d;
}
// Moderate exponents make products and sums interact (cancellation, ties).
static float nearFloat() { return ldexpf((float)(int)(next() % 2000000) - 1e6f, (int)(next() % 40) - 20); }
static double nearDouble() { return ldexp((double)(long long)(next() % 4000000000000ull) - 2e12, (int)(next() % 80) - 40); }

int main() {
  const int nRand = 6000;
  const float fEdge[] = {0.0f, -0.0f, 1.0f, -1.0f, INFINITY, -INFINITY, 3.0f,
                         1e-45f, -1e-45f, 1.17549435e-38f, 3.40282347e38f,
                         -3.40282347e38f, 16777217.0f, 0.1f, 1.0f + 0x1p-23f};
  const double dEdge[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, 3.0,
                          4.9e-324, -4.9e-324, 2.2250738585072014e-308,
                          1.7976931348623157e308, -1.7976931348623157e308,
                          9007199254740993.0, 0.1, 1.0 + 0x1p-52};
  const int nE = 15;
  const int n = nRand + nE * nE;
  In *in;
  unsigned long long *out;
  CHECK(cudaMallocManaged(&in, n * sizeof(In)));
  CHECK(cudaMallocManaged(&out, (size_t)n * NOPS * 4 * 8));
  for (int i = 0; i < nRand; ++i) {
    In &x = in[i];
    bool near = i % 3 == 0;
    x.fa = near ? nearFloat() : randFloat();
    x.fb = near ? nearFloat() : randFloat();
    x.fc = near ? -x.fa * x.fb * (1 + (float)(next() % 3) * 0x1p-24f) : randFloat();
    if (i % 5 == 1) x.fb = -x.fa * (1 + 0x1p-20f);
    x.da = near ? nearDouble() : randDouble();
    x.db = near ? nearDouble() : randDouble();
    x.dc = near ? -x.da * x.db : randDouble();
    if (i % 5 == 1) x.db = -x.da * (1 + 0x1p-45);
    if (i % 7 == 2) { // extreme exponents: products near under/overflow
      x.da = ldexp(1.0 + (double)(next() % 1000) / 1000, (int)(next() % 600) - 1100 + (i % 2) * 1700);
      x.db = ldexp(1.0 + (double)(next() % 1000) / 1000, (int)(next() % 100) - 50);
    }
    x.ia = (int)next();
    x.la = (long long)next() >> (next() % 40);
  }
  for (int a = 0; a < nE; ++a)
    for (int b = 0; b < nE; ++b) {
      In &x = in[nRand + a * nE + b];
      x.fa = fEdge[a]; x.fb = fEdge[b]; x.fc = fEdge[(a + b) % nE];
      x.da = dEdge[a]; x.db = dEdge[b]; x.dc = dEdge[(a * 7 + b) % nE];
      x.ia = (int)(0x7fffffc0 + a * 3 - b * 1000);
      x.la = (long long)(0x7ffffffffffffc00ull - (unsigned long long)a * 977 * b);
    }
  kernel<<<(n + 127) / 128, 128>>>(in, out, n);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  int errors = 0;
  unsigned long long ref[NOPS * 4];
  for (int i = 0; i < n; ++i) {
    hostRef(in[i], ref);
    for (int k = 0; k < NOPS * 4; ++k) {
      unsigned long long d = out[(size_t)i * NOPS * 4 + k], r = ref[k];
      bool isF = d >> 32 == 0 && r >> 32 == 0;
      bool bothNan = isF ? ((d & 0x7fffffff) > 0x7f800000 && (r & 0x7fffffff) > 0x7f800000)
                         : ((d & ~(1ull << 63)) > 0x7ff0000000000000ull &&
                            (r & ~(1ull << 63)) > 0x7ff0000000000000ull);
      if (d != r && !bothNan && errors++ < 10)
        printf("FAIL: %s_%s input #%d (%a %a %a / %a %a %a / %d %lld): device %llx host %llx\n",
               kNames[k / 4], kModes[k % 4], i, in[i].fa, in[i].fb, in[i].fc,
               in[i].da, in[i].db, in[i].dc, in[i].ia, in[i].la, d, r);
    }
  }
  if (errors) {
    printf("FAIL: %d mismatches\n", errors);
    return 1;
  }
  printf("PASS (%d inputs x %d operations x 4 modes)\n", n, NOPS);
  return 0;
}
