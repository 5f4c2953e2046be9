// cuda_fp16.h conversions, bit-exact against a host reference written here
// with exact double arithmetic on the bit fields (not with the header):
//  - all 65536 half bit patterns -> float, on the device;
//  - float -> half in all four rounding modes for every 37th 32-bit
//    pattern, plus every halfway case between adjacent halves and its two
//    float neighbours, both signs;
//  - double -> half, integer <-> half conversions.
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
static void fail(const char *what, unsigned long long in, unsigned got,
                 unsigned want) {
  if (++failures <= 20)
    printf("FAIL: %s(0x%llx) = 0x%x, want 0x%x\n", what, in, got, want);
}

static unsigned f2u(float f) { unsigned u; memcpy(&u, &f, 4); return u; }
static float u2f(unsigned u) { float f; memcpy(&f, &u, 4); return f; }

// --- Host reference --------------------------------------------------------

static float refHalfToFloat(unsigned short h) {
  int s = h >> 15, e = (h >> 10) & 31, m = h & 1023;
  if (e == 31)
    return m ? u2f(0x7fffffffu) : (s ? -INFINITY : INFINITY);
  double v = e ? std::ldexp(1024.0 + m, e - 25) : std::ldexp((double)m, -24);
  return (float)(s ? -v : v);
}

// Encodes an exactly representable nonnegative half value (or 2^16 and up,
// meaning overflow) as bits.
static unsigned encodeHalf(double v) {
  if (v == 0) return 0;
  int e;
  std::frexp(v, &e); // v = f * 2^e, f in [0.5, 1)
  e -= 1;            // v in [2^e, 2^(e+1))
  if (e >= 16) return 0x7c00; // Marker for overflow, resolved by caller.
  if (e < -14) return (unsigned)(v / std::ldexp(1.0, -24));
  return (unsigned)((e + 15) << 10) | (unsigned)(v / std::ldexp(1.0, e - 10) - 1024);
}

// mode: 0 rn, 1 rz, 2 rd, 3 ru. x is exact in double.
static unsigned short refToHalf(double x, int mode) {
  if (std::isnan(x)) return 0x7fff;
  unsigned s = std::signbit(x) ? 0x8000 : 0;
  double a = std::fabs(x);
  if (std::isinf(x)) return s | 0x7c00;
  if (a == 0) return s;
  int e;
  std::frexp(a, &e);
  e -= 1;
  double q = std::ldexp(1.0, (e < -14 ? -14 : e) - 10);
  double t = a / q, lo = std::floor(t), frac = t - lo;
  bool up;
  if (mode == 0)
    up = frac > 0.5 || (frac == 0.5 && std::fmod(lo, 2.0) == 1.0);
  else if (mode == 1)
    up = false;
  else if (mode == 2)
    up = frac != 0 && s;
  else
    up = frac != 0 && !s;
  double v = (lo + (up ? 1 : 0)) * q;
  unsigned bits = v >= 65536.0 ? 0x7c00 : encodeHalf(v);
  if (bits >= 0x7c00) { // Overflow: inf unless the mode rounds toward zero.
    bool toInf = mode == 0 || (mode == 3 && !s) || (mode == 2 && s);
    bits = toInf ? 0x7c00 : 0x7bff;
  }
  return (unsigned short)(s | bits);
}

// --- Device side -----------------------------------------------------------

__global__ void halfToFloat(float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < 65536)
    out[i] = __half2float(__ushort_as_half((unsigned short)i));
}

__global__ void floatToHalf(const float *in, unsigned short *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float x = in[i];
    out[4 * i + 0] = __half_as_ushort(__float2half_rn(x));
    out[4 * i + 1] = __half_as_ushort(__float2half_rz(x));
    out[4 * i + 2] = __half_as_ushort(__float2half_rd(x));
    out[4 * i + 3] = __half_as_ushort(__float2half_ru(x));
    // __float2half and the constructor are round-to-nearest-even too.
    if (__half_as_ushort(__float2half(x)) != out[4 * i] ||
        __half_as_ushort(__half(x)) != out[4 * i])
      out[4 * i] ^= 0x5a5a;
  }
}

__global__ void doubleToHalf(const double *in, unsigned short *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    out[i] = __half_as_ushort(__double2half(in[i]));
}

__global__ void intConversions(const long long *in, unsigned short *toHalf,
                               long long *fromHalf, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  long long v = in[i];
  toHalf[8 * i + 0] = __half_as_ushort(__ll2half_rn(v));
  toHalf[8 * i + 1] = __half_as_ushort(__ll2half_rz(v));
  toHalf[8 * i + 2] = __half_as_ushort(__ll2half_rd(v));
  toHalf[8 * i + 3] = __half_as_ushort(__ll2half_ru(v));
  toHalf[8 * i + 4] = __half_as_ushort(__int2half_rn((int)v));
  toHalf[8 * i + 5] = __half_as_ushort(__uint2half_ru((unsigned)v));
  toHalf[8 * i + 6] = __half_as_ushort(__short2half_rd((short)v));
  toHalf[8 * i + 7] = __half_as_ushort(__ull2half_rz((unsigned long long)v));
  __half h = __ushort_as_half((unsigned short)v);
  fromHalf[8 * i + 0] = __half2int_rn(h);
  fromHalf[8 * i + 1] = __half2int_rz(h);
  fromHalf[8 * i + 2] = __half2int_rd(h);
  fromHalf[8 * i + 3] = __half2int_ru(h);
  fromHalf[8 * i + 4] = __half2short_rn(h);
  fromHalf[8 * i + 5] = __half2uint_rn(h);
  fromHalf[8 * i + 6] = __half2ll_rz(h);
  fromHalf[8 * i + 7] = (long long)__half2ull_rn(h);
}

template <typename T> static long long refHalfToInt(unsigned short h, int mode,
                                                    long long lo, long long hi,
                                                    long long nanv) {
  float f = refHalfToFloat(h);
  if (std::isnan(f)) return nanv;
  double r = mode == 0 ? std::nearbyint((double)f) : mode == 1 ? std::trunc((double)f)
           : mode == 2 ? std::floor((double)f) : std::ceil((double)f);
  if (r <= (double)lo) return lo;
  if (r >= (double)hi) return hi;
  return (long long)r;
}

int main() {
  // 1. Every half -> float.
  float *hf;
  CHECK(cudaMallocManaged(&hf, 65536 * sizeof(float)));
  halfToFloat<<<256, 256>>>(hf);
  CHECK(cudaDeviceSynchronize());
  for (unsigned h = 0; h < 65536; ++h) {
    unsigned got = f2u(hf[h]), want = f2u(refHalfToFloat((unsigned short)h));
    if (got != want) fail("__half2float", h, got, want);
    // The host pass of the same header must agree as well.
    unsigned host = f2u(__half2float(__ushort_as_half((unsigned short)h)));
    if (host != want) fail("host __half2float", h, host, want);
  }

  // 2. float -> half: a sweep of bit patterns and every halfway case.
  std::vector<float> in;
  for (unsigned long long u = 0; u < (1ull << 32); u += 37 * sweepScale())
    in.push_back(u2f((unsigned)u));
  for (unsigned h = 0; h < 0x7c00; ++h) {
    double a = refHalfToFloat((unsigned short)h);
    double b = h + 1 == 0x7c00 ? 65536.0 : (double)refHalfToFloat((unsigned short)(h + 1));
    float mid = (float)((a + b) / 2); // Exact: 12 significant bits.
    for (float m : {mid, std::nextafter(mid, 0.0f), std::nextafter(mid, INFINITY),
                    (float)a, std::nextafter((float)a, INFINITY)})
      for (float s : {1.0f, -1.0f})
        in.push_back(m * s);
  }
  for (float sp : {0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, 65504.0f,
                   65519.99f, 65520.0f, 1e30f, 5.96e-8f, 2.98e-8f, 2.9802322e-8f,
                   1e-45f, 3.4e38f})
    in.push_back(sp);
  int n = (int)in.size();
  const int chunk = 1 << 22;
  float *din;
  unsigned short *dout;
  CHECK(cudaMallocManaged(&din, chunk * sizeof(float)));
  CHECK(cudaMallocManaged(&dout, 4 * chunk * sizeof(unsigned short)));
  static const char *names[4] = {"__float2half_rn", "__float2half_rz",
                                 "__float2half_rd", "__float2half_ru"};
  for (int base = 0; base < n; base += chunk) {
    int m = n - base < chunk ? n - base : chunk;
    memcpy(din, &in[base], m * sizeof(float));
    floatToHalf<<<(m + 255) / 256, 256>>>(din, dout, m);
    CHECK(cudaDeviceSynchronize());
    for (int i = 0; i < m; ++i)
      for (int mode = 0; mode < 4; ++mode) {
        unsigned want = refToHalf((double)din[i], mode);
        if (dout[4 * i + mode] != want)
          fail(names[mode], f2u(din[i]), dout[4 * i + mode], want);
      }
  }

  // 3. double -> half: one rounding from the double (no float detour).
  std::vector<double> dv;
  srand(7);
  for (int i = 0; i < 200000; ++i) {
    unsigned long long u = ((unsigned long long)rand() << 42) ^
                           ((unsigned long long)rand() << 21) ^ (unsigned long long)rand();
    // Exponents around the half range, random significand bits.
    int e = 1023 - 30 + (int)(u % 50);
    u = (u & 0x800fffffffffffffull) | ((unsigned long long)e << 52);
    double d;
    memcpy(&d, &u, 8);
    dv.push_back(d);
  }
  // Halfway between two halves plus a bit far below float precision: a
  // float detour would round to the tie and then to even.
  dv.push_back(1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40));
  dv.push_back(1.0 + 3 * std::ldexp(1.0, -11) - std::ldexp(1.0, -40));
  // Both signs of: zeros, infinities, a NaN, the largest half and around
  // the overflow threshold 65520 and 2^16 (which the conversion settles on
  // the bits), far above, around half's smallest subnormal 2^-24 and its
  // half 2^-25, float's smallest normal and subnormal, and double
  // subnormals; each also one double ulp either side.
  const double edges[] = {0.0, INFINITY, NAN, 65504.0, 65519.0, 65520.0,
                          65535.0, 65536.0, 1e300, std::ldexp(1.0, -24),
                          std::ldexp(1.0, -25), std::ldexp(3.0, -26),
                          std::ldexp(1.0, -126), std::ldexp(1.0, -149),
                          std::ldexp(1.0, -1074), std::ldexp(1.0, -1022)};
  for (double e : edges)
    for (double v : {e, -e})
      for (double d : {v, std::nextafter(v, 0.0), std::nextafter(v, INFINITY),
                       std::nextafter(v, -INFINITY)})
        dv.push_back(d);
  int nd = (int)dv.size();
  double *dd;
  unsigned short *dh;
  CHECK(cudaMallocManaged(&dd, nd * sizeof(double)));
  CHECK(cudaMallocManaged(&dh, nd * sizeof(unsigned short)));
  memcpy(dd, dv.data(), nd * sizeof(double));
  doubleToHalf<<<(nd + 255) / 256, 256>>>(dd, dh, nd);
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < nd; ++i) {
    unsigned want = refToHalf(dd[i], 0);
    unsigned long long bits;
    memcpy(&bits, &dd[i], 8);
    if (dh[i] != want) fail("__double2half", bits, dh[i], want);
  }

  // 4. Integer conversions: integers -> half in four modes; every half ->
  // integers (saturation, NaN -> 0 or 0x8000000000000000).
  std::vector<long long> iv;
  for (long long v = -70000; v <= 70000; v += 1) iv.push_back(v);
  for (long long v : {2147483647LL, -2147483647LL - 1, 9223372036854775807LL,
                      -9223372036854775807LL - 1, 65519LL, 65520LL, 4294967295LL})
    iv.push_back(v);
  int ni = (int)iv.size();
  long long *di, *dfrom;
  unsigned short *dto;
  CHECK(cudaMallocManaged(&di, ni * sizeof(long long)));
  CHECK(cudaMallocManaged(&dto, 8 * ni * sizeof(unsigned short)));
  CHECK(cudaMallocManaged(&dfrom, 8 * ni * sizeof(long long)));
  memcpy(di, iv.data(), ni * sizeof(long long));
  intConversions<<<(ni + 255) / 256, 256>>>(di, dto, dfrom, ni);
  CHECK(cudaDeviceSynchronize());
  for (int i = 0; i < ni; ++i) {
    long long v = di[i];
    // Integers are exact in double up to 2^53; larger ones are rounded to
    // double first, which cannot change a half rounding there (overflow).
    unsigned want[8] = {refToHalf((double)v, 0), refToHalf((double)v, 1),
                        refToHalf((double)v, 2), refToHalf((double)v, 3),
                        refToHalf((double)(int)v, 0), refToHalf((double)(unsigned)v, 3),
                        refToHalf((double)(short)v, 2),
                        refToHalf((double)(unsigned long long)v, 1)};
    for (int k = 0; k < 8; ++k)
      if (dto[8 * i + k] != want[k]) fail("int->half", (unsigned long long)v * 8 + k, dto[8 * i + k], want[k]);
    if (v < 0 || v > 65535) continue;
    unsigned short h = (unsigned short)v;
    const long long I32 = 2147483647LL, I64 = 9223372036854775807LL;
    const long long N64 = (long long)0x8000000000000000ull;
    long long wantf[8] = {
        refHalfToInt<int>(h, 0, -I32 - 1, I32, 0), refHalfToInt<int>(h, 1, -I32 - 1, I32, 0),
        refHalfToInt<int>(h, 2, -I32 - 1, I32, 0), refHalfToInt<int>(h, 3, -I32 - 1, I32, 0),
        refHalfToInt<short>(h, 0, -32768, 32767, 0),
        refHalfToInt<unsigned>(h, 0, 0, 4294967295LL, 0),
        refHalfToInt<long long>(h, 1, -I64 - 1, I64, N64), 0};
    // ull: the unsigned value, compared through its bit pattern.
    float f = refHalfToFloat(h);
    wantf[7] = std::isnan(f) ? N64 : f <= 0 ? 0 : f == INFINITY ? -1LL : (long long)std::nearbyint(f);
    for (int k = 0; k < 8; ++k)
      if (dfrom[8 * i + k] != wantf[k])
        fail("half->int", (unsigned long long)h * 8 + k, (unsigned)dfrom[8 * i + k], (unsigned)wantf[k]);
  }

  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS (%d float inputs x 4 modes, %d doubles, %d integers)\n", n, nd, ni);
  return 0;
}
