// cuda_bf16.h: bit-exact conversions and arithmetic against a host
// reference written here with exact double arithmetic on the bit fields:
// every bfloat16 -> float; float -> bfloat16 in four rounding modes over a
// sweep of bit patterns and every halfway case; double -> bfloat16, with
// every halfway case, subnormal results, doubles beyond float's range and
// random doubles;
// add/sub/mul/div/fma (operands ranged so the fma is exact in double),
// comparisons, min/max; atomicAdd on __nv_bfloat162 under contention.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <cuda_bf16.h>

// Sweeps are thinned by TONGXIN_TEST_SCALE (default 1), which the test
// runner sets when the program runs under an instruction-set emulator.
static unsigned long long sweepScale() {
  const char *s = getenv("TONGXIN_TEST_SCALE");
  long long v = s ? atoll(s) : 1;
  return v > 0 ? (unsigned long long)v : 1ull;
}


#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(err_)); \
      return 1;                                                                \
    }                                                                          \
  } while (0)

static int failures = 0;
static void fail(const char *what, unsigned long long in, unsigned got, unsigned want) {
  if (++failures <= 25)
    printf("FAIL: %s(0x%llx) = 0x%x, want 0x%x\n", what, in, got, want);
}
static unsigned f2u(float f) { unsigned u; memcpy(&u, &f, 4); return u; }
static float u2f(unsigned u) { float f; memcpy(&f, &u, 4); return f; }

static double bval(unsigned h) {
  int e = (h >> 7) & 255, m = h & 127;
  if (e == 255) return m ? NAN : ((h & 0x8000) ? -INFINITY : INFINITY);
  double v = e ? std::ldexp(128.0 + m, e - 134) : std::ldexp((double)m, -133);
  return (h & 0x8000) ? -v : v;
}
static bool isNan(unsigned h) { return (h & 0x7fff) > 0x7f80; }

// Rounds the exact double x to bfloat16; mode 0 rn, 1 rz, 2 rd, 3 ru.
static unsigned refBf(double x, int mode) {
  if (std::isnan(x)) return 0x7fff;
  unsigned s = std::signbit(x) ? 0x8000 : 0;
  double a = std::fabs(x);
  if (std::isinf(a)) return s | 0x7f80;
  if (a == 0) return s;
  int e;
  std::frexp(a, &e);
  e -= 1;
  double q = std::ldexp(1.0, (e < -126 ? -126 : e) - 7);
  double t = a / q, lo = std::floor(t), frac = t - lo;
  bool up = mode == 0 ? (frac > 0.5 || (frac == 0.5 && std::fmod(lo, 2.0) == 1.0))
          : mode == 1 ? false : mode == 2 ? (frac != 0 && s) : (frac != 0 && !s);
  double v = (lo + up) * q;
  if (v >= std::ldexp(1.0, 128)) {
    bool toInf = mode == 0 || (mode == 3 && !s) || (mode == 2 && s);
    return s | (toInf ? 0x7f80 : 0x7f7f);
  }
  if (v < std::ldexp(1.0, -126)) return s | (unsigned)(v / std::ldexp(1.0, -133));
  std::frexp(v, &e);
  e -= 1;
  return s | (unsigned)((e + 127) << 7) | (unsigned)(v / std::ldexp(1.0, e - 7) - 128);
}

__global__ void toFloat(float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < 65536) out[i] = __bfloat162float(__ushort_as_bfloat16((unsigned short)i));
}
__global__ void fromFloat(const float *in, unsigned short *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  out[5 * i + 0] = __bfloat16_as_ushort(__float2bfloat16_rn(in[i]));
  out[5 * i + 1] = __bfloat16_as_ushort(__float2bfloat16_rz(in[i]));
  out[5 * i + 2] = __bfloat16_as_ushort(__float2bfloat16_rd(in[i]));
  out[5 * i + 3] = __bfloat16_as_ushort(__float2bfloat16_ru(in[i]));
  out[5 * i + 4] = __bfloat16_as_ushort(__double2bfloat16((double)in[i] * (1.0 + 0x1p-30)));
}
__global__ void fromDouble(const double *in, unsigned short *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  out[2 * i] = __bfloat16_as_ushort(__double2bfloat16(in[i]));
  out[2 * i + 1] = __bfloat16_as_ushort(__nv_bfloat16(in[i]));
}
enum { NOPS = 12 };
__global__ void arith(const unsigned short *in, unsigned short *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  __nv_bfloat16 a = __ushort_as_bfloat16(in[3 * i]), b = __ushort_as_bfloat16(in[3 * i + 1]),
                c = __ushort_as_bfloat16(in[3 * i + 2]);
  unsigned short *o = out + NOPS * i;
  o[0] = __bfloat16_as_ushort(__hadd(a, b));
  o[1] = __bfloat16_as_ushort(__hsub(a, b));
  o[2] = __bfloat16_as_ushort(__hmul(a, b));
  o[3] = __bfloat16_as_ushort(__hdiv(a, b));
  o[4] = __bfloat16_as_ushort(__hfma(a, b, c));
  __nv_bfloat162 r2 = __hfma2(__halves2bfloat162(c, a), __halves2bfloat162(c, b),
                              __halves2bfloat162(a, c));
  o[5] = __bfloat16_as_ushort(__high2bfloat16(r2));
  o[6] = __bfloat16_as_ushort(__hmax(a, b));
  o[7] = __bfloat16_as_ushort(__hmin_nan(a, b));
  o[8] = (unsigned short)(__heq(a, b) | __hne(a, b) << 1 | __hlt(a, b) << 2 |
                          __hge(a, b) << 3 | __hltu(a, b) << 4 | __hisnan(a) << 5 |
                          (a < b) << 6 | (a != b) << 7);
  o[9] = __bfloat16_as_ushort(a * b + c);
  o[10] = __bfloat16_as_ushort(hsqrt(a));
  o[11] = __bfloat16_as_ushort(hfloor(a));
}
__global__ void contention(__nv_bfloat162 *acc) {
  atomicAdd(acc, __floats2bfloat162_rn(1.0f, 0.5f));
}

int main() {
  float *hf;
  CHECK(cudaMallocManaged(&hf, 65536 * sizeof(float)));
  toFloat<<<256, 256>>>(hf);
  CHECK(cudaDeviceSynchronize());
  for (unsigned h = 0; h < 65536; ++h) {
    double v = bval(h);
    unsigned want = std::isnan(v) ? f2u(u2f(h << 16)) : f2u((float)v); // NaN: payload kept.
    if (f2u(hf[h]) != want) fail("__bfloat162float", h, f2u(hf[h]), want);
  }

  std::vector<float> in;
  for (unsigned long long u = 0; u < (1ull << 32); u += 101 * sweepScale()) in.push_back(u2f((unsigned)u));
  for (unsigned h = 0; h < 0x7f80; ++h) {
    float mid = u2f((h << 16) | 0x8000); // Exactly halfway to the next one.
    for (float m : {mid, std::nextafter(mid, 0.0f), std::nextafter(mid, INFINITY), u2f(h << 16)})
      for (float s : {1.0f, -1.0f}) in.push_back(m * s);
  }
  for (float sp : {NAN, -NAN, INFINITY, -INFINITY, 0.0f, -0.0f, 3.4028235e38f})
    in.push_back(sp);
  int n = (int)in.size();
  float *din;
  unsigned short *dout;
  CHECK(cudaMallocManaged(&din, n * sizeof(float)));
  CHECK(cudaMallocManaged(&dout, 5 * (size_t)n * sizeof(unsigned short)));
  memcpy(din, in.data(), n * sizeof(float));
  fromFloat<<<(n + 255) / 256, 256>>>(din, dout, n);
  CHECK(cudaDeviceSynchronize());
  static const char *names[5] = {"__float2bfloat16_rn", "__float2bfloat16_rz",
                                 "__float2bfloat16_rd", "__float2bfloat16_ru",
                                 "__double2bfloat16"};
  for (int i = 0; i < n; ++i)
    for (int m = 0; m < 5; ++m) {
      double x = m < 4 ? (double)din[i] : (double)din[i] * (1.0 + 0x1p-30);
      unsigned want = refBf(x, m < 4 ? m : 0);
      if (dout[5 * i + m] != want) fail(names[m], f2u(din[i]), dout[5 * i + m], want);
    }

  // Doubles: each finite bfloat16, the exact midpoint to the next one up
  // and the doubles beside it (both signs); edge values; random doubles
  // around bfloat16's range.
  std::vector<double> dbl;
  for (unsigned h = 0; h < 0x7f80; ++h) {
    double mid = (bval(h) + bval(h + 1)) / 2;
    for (double v : {bval(h), mid, std::nextafter(mid, 0.0),
                     std::nextafter(mid, INFINITY)})
      for (double sg : {1.0, -1.0})
        dbl.push_back(v * sg);
  }
  for (double v :
       {0.0, 4.9406564584124654e-324, 2.2250738585072014e-308, 1e-300, 1e-50,
        1.401298464324817e-45, 4.591774807899561e-41, 9.183549615799121e-41,
        1.1754943508222875e-38, 3.3895313892515355e38, 3.3961775292304957e38,
        3.4028234663852886e38, 3.402823669209385e38, 1e39, 1e300,
        1.7976931348623157e308, (double)INFINITY, (double)NAN})
    for (double sg : {1.0, -1.0})
      for (double w : {v * sg, std::nextafter(v * sg, 0.0),
                       std::nextafter(v * sg, INFINITY),
                       std::nextafter(v * sg, -INFINITY)})
        dbl.push_back(w);
  srand(7);
  for (int i = 0; i < 200000; ++i) {
    unsigned long long m =
        ((unsigned long long)rand() << 31) ^ (unsigned long long)rand();
    dbl.push_back(std::ldexp(1.0 + (double)(m & ((1ull << 52) - 1)) * 0x1p-52,
                             rand() % 300 - 150) *
                  (i % 2 ? -1.0 : 1.0));
  }
  int nd = (int)dbl.size();
  double *ddbl;
  unsigned short *ddout;
  CHECK(cudaMallocManaged(&ddbl, nd * sizeof(double)));
  CHECK(cudaMallocManaged(&ddout, 2 * (size_t)nd * sizeof(unsigned short)));
  memcpy(ddbl, dbl.data(), nd * sizeof(double));
  fromDouble<<<(nd + 255) / 256, 256>>>(ddbl, ddout, nd);
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < nd; ++i) {
    unsigned want = refBf(dbl[i], 0);
    unsigned long long bits;
    memcpy(&bits, &dbl[i], 8);
    if (ddout[2 * i] != want)
      fail("__double2bfloat16", bits, ddout[2 * i], want);
    if (ddout[2 * i + 1] != want)
      fail("__nv_bfloat16(double)", bits, ddout[2 * i + 1], want);
  }

  // Arithmetic. a, b exponents within +-8 and c within +-14 for the fma
  // (exact in double then); unrestricted random patterns for the rest.
  std::vector<unsigned short> ops;
  srand(99);
  for (int i = 0; i < 400000; ++i) {
    unsigned a = rand() & 0xffff, b = rand() & 0xffff, c = rand() & 0xffff;
    if (i % 2) {
      a = (a & 0x807f) | ((119 + rand() % 17) << 7);
      b = (b & 0x807f) | ((119 + rand() % 17) << 7);
      c = (c & 0x807f) | ((113 + rand() % 29) << 7);
    }
    ops.push_back(a); ops.push_back(b); ops.push_back(c);
  }
  int no = (int)ops.size() / 3;
  unsigned short *dops, *dres;
  CHECK(cudaMallocManaged(&dops, ops.size() * sizeof(unsigned short)));
  CHECK(cudaMallocManaged(&dres, (size_t)no * NOPS * sizeof(unsigned short)));
  memcpy(dops, ops.data(), ops.size() * sizeof(unsigned short));
  arith<<<(no + 255) / 256, 256>>>(dops, dres, no);
  CHECK(cudaDeviceSynchronize());
  static const char *opn[NOPS] = {"__hadd", "__hsub", "__hmul", "__hdiv", "__hfma",
                                  "__hfma2.y", "__hmax", "__hmin_nan", "compare",
                                  "operators", "hsqrt", "hfloor"};
  for (int i = 0; i < no; ++i) {
    unsigned a = dops[3 * i], b = dops[3 * i + 1], c = dops[3 * i + 2];
    double x = bval(a), y = bval(b), z = bval(c);
    bool exactFma = (i % 2) == 1;
    unsigned want[NOPS];
    // A double sum/quotient has more than 2*8+2 bits: rounding it again to
    // bfloat16 is the correct single rounding.
    want[0] = refBf(x + y, 0);
    want[1] = refBf(x - y, 0);
    want[2] = refBf(x * y, 0);
    want[3] = refBf(x / y, 0);
    want[4] = exactFma ? refBf(std::fma(x, y, z), 0) : 0;
    want[5] = want[4];
    bool na = isNan(a), nb = isNan(b);
    want[6] = na && nb ? 0x7fff : na ? b : nb ? a : x == y ? (a & b) : (x > y ? a : b);
    want[7] = na || nb ? 0x7fff : x == y ? (a | b) : (x < y ? a : b);
    bool un = na || nb;
    want[8] = (x == y) | (!un && x != y) << 1 | (x < y) << 2 | (x >= y) << 3 |
              (un || x < y) << 4 | na << 5 | (x < y) << 6 | (un || x != y) << 7; // operator!= is unordered.
    want[9] = refBf(bval(want[2]) + z, 0);
    want[10] = refBf(std::sqrt(x), 0);
    want[11] = refBf(std::floor(x), 0);
    for (int k = 0; k < NOPS; ++k) {
      if ((k == 4 || k == 5) && !exactFma) continue;
      unsigned got = dres[NOPS * i + k];
      if (got != want[k]) fail(opn[k], ((unsigned long long)a << 32) | (b << 16) | c, got, want[k]);
    }
  }

  __nv_bfloat162 *acc;
  CHECK(cudaMallocManaged(&acc, sizeof(__nv_bfloat162)));
  *acc = __float2bfloat162_rn(0.0f);
  contention<<<4, 64>>>(acc); // 256 adds: exact in bfloat16.
  CHECK(cudaDeviceSynchronize());
  if (__low2float(*acc) != 256.0f || __high2float(*acc) != 128.0f) {
    printf("FAIL: atomicAdd(__nv_bfloat162) = (%g, %g), want (256, 128)\n",
           __low2float(*acc), __high2float(*acc));
    ++failures;
  }

  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS (%d conversions x 5, %d operand triples)\n", n, no);
  return 0;
}
