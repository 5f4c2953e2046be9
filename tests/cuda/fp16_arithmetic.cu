// cuda_fp16.h arithmetic against a host reference written here: add, sub,
// mul and fma are rounded from their exact values (scaled 128-bit
// integers), division and square root from double (correctly rounded:
// double has more than 2*11+2 bits), the transcendental functions to
// within one ulp of double libm. Also __half2 forms, comparisons, min/max
// NaN rules, saturation, operators, and atomicAdd on __half2 and on
// neighbouring __halfs under contention.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <cuda_fp16.h>

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
static void fail(const char *op, unsigned a, unsigned b, unsigned c,
                 unsigned got, unsigned want) {
  if (++failures <= 25)
    printf("FAIL: %s(0x%04x, 0x%04x, 0x%04x) = 0x%04x, want 0x%04x\n", op, a, b,
           c, got, want);
}

// --- Host reference --------------------------------------------------------

static bool isNan(unsigned h) { return (h & 0x7fff) > 0x7c00; }
static double hval(unsigned h) {
  int e = (h >> 10) & 31, m = h & 1023;
  if (e == 31) return m ? NAN : ((h & 0x8000) ? -INFINITY : INFINITY);
  double v = e ? std::ldexp(1024.0 + m, e - 25) : std::ldexp((double)m, -24);
  return (h & 0x8000) ? -v : v;
}
// A half as an integer multiple of 2^-24 (|k| < 2^40).
static long long hint(unsigned h) { return (long long)std::ldexp(hval(h), 24); }

typedef __int128 i128;
// Rounds the exact value s * 2^-48 to half, nearest even.
static unsigned roundExact(i128 s) {
  unsigned sign = s < 0 ? 0x8000 : 0;
  unsigned __int128 mag = s < 0 ? -(unsigned __int128)s : (unsigned __int128)s;
  if (mag == 0) return sign; // Caller fixes the sign of exact zero sums.
  int msb = 127;
  while (!((mag >> msb) & 1)) --msb;
  int e = msb - 48;                   // value in [2^e, 2^(e+1))
  int qe = (e < -14 ? -14 : e) - 10;  // quantum 2^qe
  int shift = qe + 48;                // >= 24
  unsigned __int128 r = mag >> shift, rem = mag & (((unsigned __int128)1 << shift) - 1);
  unsigned __int128 half = (unsigned __int128)1 << (shift - 1);
  if (rem > half || (rem == half && (r & 1))) ++r;
  double v = std::ldexp((double)(unsigned long long)r, qe);
  if (v >= 65536.0) return sign | 0x7c00;
  if (v < std::ldexp(1.0, -14)) return sign | (unsigned)(v * std::ldexp(1.0, 24));
  int ex;
  std::frexp(v, &ex);
  ex -= 1;
  return sign | (unsigned)((ex + 15) << 10) | (unsigned)(v / std::ldexp(1.0, ex - 10) - 1024);
}
// Rounds any double to half, nearest even, from its exact value.
static unsigned roundDouble(double x) {
  if (std::isnan(x)) return 0x7fff;
  unsigned sign = std::signbit(x) ? 0x8000 : 0;
  double a = std::fabs(x);
  if (std::isinf(a)) return sign | 0x7c00;
  if (a == 0) return sign;
  int e;
  std::frexp(a, &e);
  e -= 1;
  double q = std::ldexp(1.0, (e < -14 ? -14 : e) - 10);
  double t = a / q, lo = std::floor(t), frac = t - lo;
  if (frac > 0.5 || (frac == 0.5 && std::fmod(lo, 2.0) == 1.0)) lo += 1;
  double v = lo * q;
  if (v >= 65536.0) return sign | 0x7c00;
  if (v < std::ldexp(1.0, -14)) return sign | (unsigned)(v * std::ldexp(1.0, 24));
  std::frexp(v, &e);
  e -= 1;
  return sign | (unsigned)((e + 15) << 10) | (unsigned)(v / std::ldexp(1.0, e - 10) - 1024);
}

static unsigned refFma(unsigned a, unsigned b, unsigned c) {
  double x = hval(a), y = hval(b), z = hval(c);
  if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z))
    return roundDouble(std::fma(x, y, z)); // IEEE specials only.
  i128 s = (i128)hint(a) * hint(b) + ((i128)hint(c) << 24);
  if (s == 0) {
    bool pneg = ((a ^ b) & 0x8000) != 0, cneg = (c & 0x8000) != 0;
    bool pzero = x == 0 || y == 0;
    return (pzero && z == 0 && pneg && cneg) ? 0x8000 : 0;
  }
  return roundExact(s);
}
static unsigned refMaxMin(unsigned a, unsigned b, bool mx, bool nanProp) {
  bool na = isNan(a), nb = isNan(b);
  if (na || nb) return (nanProp || (na && nb)) ? 0x7fff : (na ? b : a);
  double x = hval(a), y = hval(b);
  if (x == y) return mx ? (a & b) : (a | b);
  return ((x > y) == mx) ? a : b;
}
static unsigned sat(unsigned h) {
  if (isNan(h) || (h & 0x8000)) return 0;
  return hval(h) > 1.0 ? 0x3c00 : h;
}
static int ord(unsigned h) { return (h & 0x8000) ? -(int)(h & 0x7fff) : (int)h; }

enum { NOPS = 24 };
static const char *opNames[NOPS] = {
    "__hadd", "__hsub", "__hmul", "__hdiv", "__hfma", "__hadd2.x", "__hfma2.y",
    "__hmax", "__hmin", "__hmax_nan", "__hmin_nan", "__hadd_sat", "__hfma_relu",
    "hsqrt", "hrcp", "hexp", "hlog", "hsin", "hfloor", "hrint", "compare",
    "__hmul2.y", "__h2div.x", "operators"};

__global__ void arith(const unsigned short *in, unsigned short *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  __half a = __ushort_as_half(in[3 * i]), b = __ushort_as_half(in[3 * i + 1]),
         c = __ushort_as_half(in[3 * i + 2]);
  unsigned short *o = out + NOPS * i;
  o[0] = __half_as_ushort(__hadd(a, b));
  o[1] = __half_as_ushort(__hsub(a, b));
  o[2] = __half_as_ushort(__hmul(a, b));
  o[3] = __half_as_ushort(__hdiv(a, b));
  o[4] = __half_as_ushort(__hfma(a, b, c));
  o[5] = __half_as_ushort(__low2half(__hadd2(__halves2half2(a, c), __halves2half2(b, c))));
  o[6] = __half_as_ushort(__high2half(__hfma2(__halves2half2(c, a), __halves2half2(c, b),
                                              __halves2half2(a, c))));
  o[7] = __half_as_ushort(__hmax(a, b));
  o[8] = __half_as_ushort(__hmin(a, b));
  o[9] = __half_as_ushort(__hmax_nan(a, b));
  o[10] = __half_as_ushort(__hmin_nan(a, b));
  o[11] = __half_as_ushort(__hadd_sat(a, b));
  o[12] = __half_as_ushort(__hfma_relu(a, b, c));
  o[13] = __half_as_ushort(hsqrt(a));
  o[14] = __half_as_ushort(hrcp(a));
  o[15] = __half_as_ushort(hexp(a));
  o[16] = __half_as_ushort(hlog(a));
  o[17] = __half_as_ushort(hsin(a));
  o[18] = __half_as_ushort(hfloor(a));
  o[19] = __half_as_ushort(hrint(a));
  o[20] = (unsigned short)(__heq(a, b) | __hne(a, b) << 1 | __hlt(a, b) << 2 |
                           __hle(a, b) << 3 | __hgt(a, b) << 4 | __hge(a, b) << 5 |
                           __hequ(a, b) << 6 | __hneu(a, b) << 7 | __hltu(a, b) << 8 |
                           __hgeu(a, b) << 9 | __hisnan(a) << 10 |
                           (__hisinf(a) + 1) << 11 | (a == b) << 13 | (a < b) << 14 |
                           __hbgt2(__halves2half2(a, a), __halves2half2(b, b)) << 15);
  o[21] = __half_as_ushort(__high2half(__hmul2(__halves2half2(c, a), __halves2half2(c, b))));
  o[22] = __half_as_ushort(__low2half(__h2div(__halves2half2(a, c), __halves2half2(b, c))));
  __half r = a * b;
  r += c;
  o[23] = __half_as_ushort(r);
}

__global__ void contention(__half2 *acc, __half *slots, unsigned short *old) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  __half2 prev = atomicAdd(acc, __halves2half2(__float2half(1.0f), __float2half(0.5f)));
  old[i] = __half_as_ushort(__low2half(prev));
  atomicAdd(&slots[i % 4], __float2half(1.0f));
}

int main() {
  std::vector<unsigned short> in;
  srand(12345);
  const unsigned short specials[] = {0x0000, 0x8000, 0x0001, 0x8001, 0x03ff, 0x0400,
                                     0x3c00, 0xbc00, 0x7bff, 0xfbff, 0x7c00, 0xfc00,
                                     0x7e00, 0x7fff, 0x3555, 0x5bff, 0x3800, 0x3bff};
  const int ns = sizeof(specials) / sizeof(specials[0]);
  for (int x = 0; x < ns; ++x)
    for (int y = 0; y < ns; ++y)
      for (int z = 0; z < ns; z += 3) {
        in.push_back(specials[x]);
        in.push_back(specials[y]);
        in.push_back(specials[z]);
      }
  for (int i = 0; i < (int)(1000000 / sweepScale()); ++i) {
    unsigned a = rand() & 0xffff, b = rand() & 0xffff, c = rand() & 0xffff;
    if (i % 4 == 1) b = (a ^ 0x8000) ^ (rand() & 0x3f);     // Cancellation.
    if (i % 4 == 2) c = ((a + b) & 0x7fff) | (rand() & 0x8000); // Near-tie fma.
    if (i % 8 == 3) { a &= 0x83ff; b &= 0xbfff; }             // Subnormals.
    in.push_back((unsigned short)a);
    in.push_back((unsigned short)b);
    in.push_back((unsigned short)c);
  }
  int n = (int)in.size() / 3;
  unsigned short *din, *dout;
  CHECK(cudaMallocManaged(&din, in.size() * sizeof(unsigned short)));
  CHECK(cudaMallocManaged(&dout, (size_t)n * NOPS * sizeof(unsigned short)));
  memcpy(din, in.data(), in.size() * sizeof(unsigned short));
  arith<<<(n + 255) / 256, 256>>>(din, dout, n);
  CHECK(cudaDeviceSynchronize());

  for (int i = 0; i < n; ++i) {
    unsigned a = din[3 * i], b = din[3 * i + 1], c = din[3 * i + 2];
    double x = hval(a), y = hval(b);
    unsigned want[NOPS];
    want[0] = roundDouble(x + y);
    want[1] = roundDouble(x - y);
    want[2] = roundDouble(x * y);
    want[3] = roundDouble(x / y);
    want[4] = refFma(a, b, c);
    want[5] = want[0];
    want[6] = want[4];
    want[7] = refMaxMin(a, b, true, false);
    want[8] = refMaxMin(a, b, false, false);
    want[9] = refMaxMin(a, b, true, true);
    want[10] = refMaxMin(a, b, false, true);
    want[11] = sat(want[0]);
    want[12] = isNan(want[4]) ? 0x7fff : (want[4] & 0x8000) ? 0 : want[4];
    want[13] = roundDouble(std::sqrt(x));
    want[14] = roundDouble(1.0 / x);
    want[15] = roundDouble(std::exp(x));
    want[16] = roundDouble(std::log(x));
    want[17] = roundDouble(std::sin(x));
    want[18] = roundDouble(std::floor(x));
    want[19] = roundDouble(std::nearbyint(x));
    bool un = std::isnan(x) || std::isnan(y);
    want[20] = (x == y) | (x != y && !un) << 1 | (x < y) << 2 | (x <= y) << 3 |
               (x > y) << 4 | (x >= y) << 5 | (un || x == y) << 6 | (un || x != y) << 7 |
               (un || x < y) << 8 | (un || x >= y) << 9 | std::isnan(x) << 10 |
               (std::isinf(x) ? (x > 0 ? 2 : 0) : 1) << 11 | (x == y) << 13 |
               (x < y) << 14 | (x > y) << 15;
    want[21] = want[2];
    want[22] = want[3];
    want[23] = roundDouble(hval(want[2]) + hval(c));
    for (int k = 0; k < NOPS; ++k) {
      unsigned got = dout[NOPS * i + k];
      bool ok = got == want[k];
      // Transcendentals: within one ulp (float libm, then one rounding).
      if (!ok && k >= 15 && k <= 17 && !isNan(got) && !isNan(want[k]))
        ok = std::abs(ord(got) - ord(want[k])) <= 1;
      if (!ok) fail(opNames[k], a, b, c, got, want[k]);
    }
  }

  // Operators and increments on a few values (host and device share code).
  __half h = __float2half(2.5f);
  h++;
  --h;
  h *= __float2half(2.0f);
  if (__half_as_ushort(h) != 0x4500 || !(h > __float2half(4.0f)) ||
      __half_as_ushort(-h) != 0xc500)
    fail("host operators", 0, 0, 0, __half_as_ushort(h), 0x4500);

  // Contention: 2048 adds of (1, 0.5) stay exact in half.
  const int T = 2048;
  __half2 *acc;
  __half *slots;
  unsigned short *old;
  CHECK(cudaMallocManaged(&acc, sizeof(__half2)));
  CHECK(cudaMallocManaged(&slots, 4 * sizeof(__half)));
  CHECK(cudaMallocManaged(&old, T * sizeof(unsigned short)));
  *acc = __float2half2_rn(0.0f);
  for (int k = 0; k < 4; ++k) slots[k] = __float2half(0.0f);
  contention<<<T / 256, 256>>>(acc, slots, old);
  CHECK(cudaDeviceSynchronize());
  if (__low2float(*acc) != 2048.0f || __high2float(*acc) != 1024.0f) {
    printf("FAIL: atomicAdd(__half2) = (%g, %g), want (2048, 1024)\n",
           __low2float(*acc), __high2float(*acc));
    ++failures;
  }
  for (int k = 0; k < 4; ++k)
    if (__half2float(slots[k]) != 512.0f) {
      printf("FAIL: atomicAdd(__half) slot %d = %g, want 512\n", k,
             __half2float(slots[k]));
      ++failures;
    }
  std::vector<int> seen(T, 0);
  for (int i = 0; i < T; ++i) {
    float f = __half2float(__ushort_as_half(old[i]));
    if (f >= 0 && f < T && f == (int)f) seen[(int)f]++;
  }
  for (int v = 0; v < T; ++v)
    if (seen[v] != 1) {
      printf("FAIL: atomicAdd(__half2) returned old value %d %d times\n", v, seen[v]);
      ++failures;
      break;
    }

  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS (%d operand triples x %d operations)\n", n, NOPS);
  return 0;
}
