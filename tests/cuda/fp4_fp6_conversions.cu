// cuda_fp4.h and cuda_fp6.h, bit-exact against a host reference written
// here (nearest representable value found by search over the format's
// values, not by bit arithmetic): every E2M1, E2M3 and E3M2 code to half
// and float; every half and every bfloat16 bit pattern, a sweep of float
// bit patterns, and every midpoint between neighbouring values (with its
// float and double neighbours) to each format in all four rounding modes,
// on the device and on the host; x2/x4 packing and the class constructors
// (round to nearest, saturating) and conversion operators.
#include <cuda_fp4.h>
#include <cuda_fp6.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

// Sweeps are thinned by TONGXIN_TEST_SCALE (default 1), which the test
// runner sets when the program runs under an instruction-set emulator.
static unsigned sweepScale() {
  const char *s = getenv("TONGXIN_TEST_SCALE");
  long v = s ? atol(s) : 1;
  return v > 0 ? (unsigned)v : 1u;
}

static int failures = 0;

enum Format { E2M1, E2M3, E3M2 };
static const char *formatName[] = {"e2m1", "e2m3", "e3m2"};
static const cudaRoundMode modes[] = {cudaRoundNearest, cudaRoundZero,
                                      cudaRoundPosInf, cudaRoundMinInf};

// Magnitude codes 0..maxCode and their values.
struct Spec {
  int mantBits, bias;
  unsigned maxCode;
};
static const Spec specs[] = {{1, 1, 0x7}, {3, 1, 0x1f}, {2, 3, 0x1f}};

static double codeValue(Format f, unsigned code) {
  const Spec &s = specs[f];
  unsigned mag = code & s.maxCode;
  unsigned e = mag >> s.mantBits, m = mag & ((1u << s.mantBits) - 1);
  double v = e ? std::ldexp(1.0 + m / double(1u << s.mantBits), int(e) - s.bias)
               : std::ldexp(m / double(1u << s.mantBits), 1 - s.bias);
  return (code & (s.maxCode + 1)) ? -v : v;
}

// The reference: search the format's non-negative values.
static unsigned reference(Format f, double x, cudaRoundMode mode) {
  const Spec &s = specs[f];
  if (std::isnan(x))
    return s.maxCode;
  unsigned sign = std::signbit(x) ? s.maxCode + 1 : 0;
  double a = std::fabs(x);
  if (a >= codeValue(f, s.maxCode))
    return sign | s.maxCode;
  unsigned lo = 0;
  while (codeValue(f, lo + 1) <= a)
    ++lo;
  if (codeValue(f, lo) == a)
    return sign | lo;
  unsigned hi = lo + 1;
  bool negative = sign != 0;
  unsigned code;
  switch (mode) {
  case cudaRoundZero:
    code = lo;
    break;
  case cudaRoundPosInf:
    code = negative ? lo : hi;
    break;
  case cudaRoundMinInf:
    code = negative ? hi : lo;
    break;
  default: {
    double below = a - codeValue(f, lo), above = codeValue(f, hi) - a;
    code = below < above ? lo : above < below ? hi : (lo & 1 ? hi : lo);
  }
  }
  return sign | code;
}

__host__ __device__ static unsigned convertFloat(Format f, float x,
                                                 cudaRoundMode mode) {
  if (f == E2M1)
    return __nv_cvt_float_to_fp4(x, __NV_E2M1, mode);
  return __nv_cvt_float_to_fp6(x, f == E2M3 ? __NV_E2M3 : __NV_E3M2, mode);
}

__host__ __device__ static unsigned convertDouble(Format f, double x,
                                                  cudaRoundMode mode) {
  if (f == E2M1)
    return __nv_cvt_double_to_fp4(x, __NV_E2M1, mode);
  return __nv_cvt_double_to_fp6(x, f == E2M3 ? __NV_E2M3 : __NV_E3M2, mode);
}

__host__ __device__ static unsigned convertHalfBits(Format f, unsigned short h,
                                                    cudaRoundMode mode) {
  __half_raw raw;
  raw.x = h;
  if (f == E2M1)
    return __nv_cvt_halfraw_to_fp4(raw, __NV_E2M1, mode);
  return __nv_cvt_halfraw_to_fp6(raw, f == E2M3 ? __NV_E2M3 : __NV_E3M2, mode);
}

__host__ __device__ static unsigned convertBf16Bits(Format f, unsigned short h,
                                                    cudaRoundMode mode) {
  __nv_bfloat16_raw raw;
  raw.x = h;
  if (f == E2M1)
    return __nv_cvt_bfloat16raw_to_fp4(raw, __NV_E2M1, mode);
  return __nv_cvt_bfloat16raw_to_fp6(raw, f == E2M3 ? __NV_E2M3 : __NV_E3M2,
                                     mode);
}

__host__ __device__ static unsigned short toHalfBits(Format f, unsigned code) {
  if (f == E2M1)
    return __nv_cvt_fp4_to_halfraw((__nv_fp4_storage_t)code, __NV_E2M1).x;
  return __nv_cvt_fp6_to_halfraw((__nv_fp6_storage_t)code,
                                 f == E2M3 ? __NV_E2M3 : __NV_E3M2)
      .x;
}

// Kind of input: 0 float bits, 1 double (two words), 2 half bits, 3 bf16.
__global__ void convertAll(int kind, Format f, cudaRoundMode mode,
                           const unsigned long long *in, unsigned char *out,
                           int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  unsigned long long bits = in[i];
  unsigned r;
  switch (kind) {
  case 0:
    r = convertFloat(f, __builtin_bit_cast(float, (unsigned)bits), mode);
    break;
  case 1:
    r = convertDouble(f, __builtin_bit_cast(double, bits), mode);
    break;
  case 2:
    r = convertHalfBits(f, (unsigned short)bits, mode);
    break;
  default:
    r = convertBf16Bits(f, (unsigned short)bits, mode);
    break;
  }
  out[i] = (unsigned char)r;
}

__global__ void decodeAll(Format f, unsigned short *out) {
  unsigned code = threadIdx.x;
  out[code] = toHalfBits(f, code);
}

static double inputValue(int kind, unsigned long long bits) {
  switch (kind) {
  case 0: {
    float v;
    unsigned u = (unsigned)bits;
    memcpy(&v, &u, 4);
    return v;
  }
  case 1: {
    double v;
    memcpy(&v, &bits, 8);
    return v;
  }
  case 2: {
    __half_raw r;
    r.x = (unsigned short)bits;
    return __half2float(__half(r));
  }
  default: {
    unsigned u = (unsigned)bits << 16;
    float v;
    memcpy(&v, &u, 4);
    return v;
  }
  }
}

static unsigned hostConvert(int kind, Format f, unsigned long long bits,
                            cudaRoundMode mode) {
  switch (kind) {
  case 0: {
    unsigned u = (unsigned)bits;
    float v;
    memcpy(&v, &u, 4);
    return convertFloat(f, v, mode);
  }
  case 1: {
    double v;
    memcpy(&v, &bits, 8);
    return convertDouble(f, v, mode);
  }
  case 2:
    return convertHalfBits(f, (unsigned short)bits, mode);
  default:
    return convertBf16Bits(f, (unsigned short)bits, mode);
  }
}

static const char *kindName[] = {"float", "double", "half", "bf16"};

static void checkInputs(int kind, const std::vector<unsigned long long> &in) {
  int n = (int)in.size();
  unsigned long long *dIn;
  unsigned char *dOut;
  CHECK(cudaMalloc(&dIn, n * sizeof(unsigned long long)));
  CHECK(cudaMalloc(&dOut, n));
  CHECK(cudaMemcpy(dIn, in.data(), n * sizeof(unsigned long long),
                   cudaMemcpyHostToDevice));
  std::vector<unsigned char> out(n);
  for (int f = E2M1; f <= E3M2; ++f)
    for (cudaRoundMode mode : modes) {
      convertAll<<<(n + 255) / 256, 256>>>(kind, Format(f), mode, dIn, dOut, n);
      CHECK(cudaGetLastError());
      CHECK(cudaMemcpy(out.data(), dOut, n, cudaMemcpyDeviceToHost));
      for (int i = 0; i < n; ++i) {
        unsigned want = reference(Format(f), inputValue(kind, in[i]), mode);
        unsigned host = hostConvert(kind, Format(f), in[i], mode);
        if ((out[i] != want || host != want) && ++failures <= 25)
          printf("FAIL: %s(%s 0x%llx = %a) mode %d: device 0x%x host 0x%x, "
                 "want 0x%x\n",
                 formatName[f], kindName[kind], in[i],
                 inputValue(kind, in[i]), (int)mode, out[i], host, want);
      }
    }
  cudaFree(dIn);
  cudaFree(dOut);
}

static unsigned long long floatBits(float v) {
  unsigned u;
  memcpy(&u, &v, 4);
  return u;
}
static unsigned long long doubleBits(double v) {
  unsigned long long u;
  memcpy(&u, &v, 8);
  return u;
}

// Midpoints of neighbouring values (and the extremes beyond the largest),
// with their float and double neighbours, both signs.
static void midpoints(std::vector<unsigned long long> &floats,
                      std::vector<unsigned long long> &doubles) {
  for (int f = E2M1; f <= E3M2; ++f)
    for (unsigned c = 0; c <= specs[f].maxCode; ++c) {
      double lo = codeValue(Format(f), c);
      double hi = c < specs[f].maxCode ? codeValue(Format(f), c + 1) : lo * 2;
      for (double v : {lo, (lo + hi) / 2})
        for (double sign : {1.0, -1.0}) {
          double s = sign * v;
          float fv = (float)s;
          for (float x : {fv, std::nextafter(fv, 1e30f),
                          std::nextafter(fv, -1e30f)})
            floats.push_back(floatBits(x));
          for (double x : {s, std::nextafter(s, 1e300), std::nextafter(s, -1e300)})
            doubles.push_back(doubleBits(x));
        }
    }
  for (float x : {INFINITY, -INFINITY, NAN, -NAN, 1e-45f, -1e-45f, 3e38f})
    floats.push_back(floatBits(x));
  for (double x : {(double)INFINITY, -(double)INFINITY, (double)NAN, 1e-320,
                   -1e-320, 1e300})
    doubles.push_back(doubleBits(x));
}

static void checkDecoding() {
  unsigned short *d;
  CHECK(cudaMalloc(&d, 64 * sizeof(unsigned short)));
  for (int f = E2M1; f <= E3M2; ++f) {
    unsigned codes = (specs[f].maxCode + 1) * 2;
    decodeAll<<<1, codes>>>(Format(f), d);
    std::vector<unsigned short> out(codes);
    CHECK(cudaMemcpy(out.data(), d, codes * 2, cudaMemcpyDeviceToHost));
    for (unsigned c = 0; c < codes; ++c) {
      __half_raw r;
      r.x = out[c];
      double got = __half2float(__half(r));
      double want = codeValue(Format(f), c);
      bool sameSign = std::signbit(got) == bool(c & (specs[f].maxCode + 1));
      if ((got != want || !sameSign || toHalfBits(Format(f), c) != out[c]) &&
          ++failures <= 25)
        printf("FAIL: %s code 0x%x -> %g, want %g\n", formatName[f], c, got,
               want);
    }
  }
  cudaFree(d);
}

// Packing order and the classes (round to nearest, saturating).
__global__ void classes(float *out, unsigned *packed) {
  __nv_fp4x2_e2m1 pair4(make_float2(1.5f, -3.2f));
  __nv_fp4x4_e2m1 quad4(make_float4(0.25f, 100.0f, -0.75f, 5.0f));
  __nv_fp6x2_e3m2 pair6(make_float2(-28.5f, 0.1875f));
  __nv_fp6x4_e2m3 quad6(make_float4(7.4f, -1.0f, 0.0625f, 1e9f));
  packed[0] = pair4.__x;
  packed[1] = quad4.__x;
  packed[2] = pair6.__x;
  packed[3] = quad6.__x;
  float4 q = static_cast<float4>(quad6);
  float2 p = static_cast<float2>(pair6);
  out[0] = q.x, out[1] = q.y, out[2] = q.z, out[3] = q.w;
  out[4] = p.x, out[5] = p.y;
  out[6] = static_cast<float>(__nv_fp4_e2m1(2.6f));
  out[7] = static_cast<float>(__nv_fp6_e3m2(__float2half(-13.0f)));
  out[8] = static_cast<float>(__nv_fp6_e2m3(5));
  out[9] = (float) static_cast<int>(__nv_fp6_e3m2(-20.0));
  out[10] = static_cast<bool>(__nv_fp4_e2m1(-0.1f)) ? 1.0f : 0.0f;
}

static void checkClasses() {
  float *d;
  unsigned *p;
  CHECK(cudaMalloc(&d, 11 * sizeof(float)));
  CHECK(cudaMalloc(&p, 4 * sizeof(unsigned)));
  classes<<<1, 1>>>(d, p);
  float out[11];
  unsigned packed[4];
  CHECK(cudaMemcpy(out, d, sizeof(out), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(packed, p, sizeof(packed), cudaMemcpyDeviceToHost));
  // fp4: 1.5 = 0x3, -3.2 -> -3 = 0xd; 0.25 -> 0 (tie to even), 100 -> 6
  // (0x7), -0.75 -> -1 (tie to even: 0.5 is 0x1, 1 is 0x2) = 0xa, 5 -> 4
  // (tie to even) = 0x6.
  const unsigned wantPacked[4] = {
      0xd3u, 0x6a70u,
      // e3m2: -28.5 -> -28 = 0x3f; 0.1875 = 0x03 (subnormal 3 * 2^-4).
      0x033fu,
      // e2m3: 7.4 -> 7.5 = 0x1f; -1 = 0x28; 0.0625 -> 0 (tie to even);
      // 1e9 -> 7.5.
      0x1f00281fu};
  const float wantOut[11] = {7.5f, -1.0f, 0.0f, 7.5f, -28.0f, 0.1875f,
                             3.0f, -12.0f, 5.0f,  -20.0f, 0.0f};
  for (int i = 0; i < 4; ++i)
    if (packed[i] != wantPacked[i] && ++failures <= 25)
      printf("FAIL: packed[%d] = 0x%x, want 0x%x\n", i, packed[i],
             wantPacked[i]);
  for (int i = 0; i < 11; ++i)
    if (out[i] != wantOut[i] && ++failures <= 25)
      printf("FAIL: class value %d = %g, want %g\n", i, out[i], wantOut[i]);
  cudaFree(d);
  cudaFree(p);
}

int main() {
  const unsigned scale = sweepScale();
  checkDecoding();
  std::vector<unsigned long long> halves, bf16s, floats, doubles;
  for (unsigned h = 0; h < 65536; h += scale) {
    halves.push_back(h);
    bf16s.push_back(h);
  }
  checkInputs(2, halves);
  checkInputs(3, bf16s);
  midpoints(floats, doubles);
  for (unsigned long long u = 0; u < (1ull << 32); u += 65537ull * scale)
    floats.push_back(u);
  for (int i = 0; i < 4096; ++i) // doubles spread over the formats' range
    doubles.push_back(doubleBits((rand() / (double)RAND_MAX - 0.5) * 64));
  checkInputs(0, floats);
  checkInputs(1, doubles);
  checkClasses();
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
