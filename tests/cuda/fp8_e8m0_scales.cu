// cuda_fp8.h's E8M0 scale factors (CUDA 12.8), against a host reference
// written here from the definition: a scale is 2^(code - 127) for codes 0
// through 254 and NaN for 0xFF; an operand's magnitude rounds to the power
// of two below it (cudaRoundZero) or above it (cudaRoundPosInf), results
// under 2^-127 become 2^-127, results over 2^127 become 2^127 under
// __NV_SATFINITE and NaN under __NV_NOSAT. Checked on the device and the
// host: float, double and bfloat16 operands over a sweep of bit patterns
// plus the edges (zero, subnormals, powers of two and their neighbours,
// the largest floats, infinities, NaN), all 256 codes back to bfloat16 and
// float, the x2/x4 packings, and the class constructors (saturating,
// rounding up; integers from their exact value). A finite double beyond
// float's range counts as float's largest, as NVIDIA's conversion through
// float makes it.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cuda_fp8.h>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

static int failures = 0;
static void fail(const char *what, double in, unsigned got, unsigned want) {
  if (++failures <= 10)
    printf("FAIL: %s(%a): 0x%x, want 0x%x\n", what, in, got, want);
}

static unsigned refScale(double x, bool sat, bool up) {
  if (std::isnan(x))
    return 0xff;
  double a = std::fabs(x);
  if (std::isinf(a))
    return sat ? 0xfe : 0xff;
  if (a == 0)
    return 0;
  int e;
  double m = std::frexp(a, &e); // a = m * 2^e, m in [0.5, 1)
  int log2 = e - 1 + (up && m != 0.5);
  if (log2 < -127)
    return 0;
  if (log2 > 127)
    return sat ? 0xfe : 0xff;
  return unsigned(log2 + 127);
}

// Mode m: bit 0 saturates, bit 1 rounds up.
static __host__ __device__ __nv_saturation_t satOf(int m) {
  return (m & 1) ? __NV_SATFINITE : __NV_NOSAT;
}
static __host__ __device__ cudaRoundMode roundOf(int m) {
  return (m & 2) ? cudaRoundPosInf : cudaRoundZero;
}

__global__ void narrow(const float *in, const double *inD, unsigned char *out,
                       unsigned char *outD, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  for (int m = 0; m < 4; ++m) {
    out[i * 4 + m] = __nv_cvt_float_to_e8m0(in[i], satOf(m), roundOf(m));
    outD[i * 4 + m] = __nv_cvt_double_to_e8m0(inD[i], satOf(m), roundOf(m));
  }
}

__global__ void widen(unsigned short *bf16, float *flt) {
  unsigned c = threadIdx.x;
  bf16[c] = __nv_cvt_e8m0_to_bf16raw((__nv_fp8_storage_t)c).x;
  __nv_fp8_e8m0 s;
  s.__x = (__nv_fp8_storage_t)c;
  flt[c] = float(s);
}

__global__ void classes(unsigned *out) {
  out[0] = __nv_fp8_e8m0(3.0f).__x;                       // up to 4: 129
  out[1] = __nv_fp8_e8m0(-0.25).__x;                      // exact: 125
  out[2] = __nv_fp8_e8m0(1000).__x;                       // up to 1024: 137
  out[3] = __nv_fp8_e8m0(1ll << 40).__x;                  // exact: 167
  out[4] = __nv_fp8_e8m0((1ll << 40) + 1).__x;            // up to 2^41: 168
  out[5] = __nv_fp8_e8m0(__nv_bfloat16(1e30f)).__x;       // 2^99.66 -> 227
  out[6] = __nv_fp8_e8m0(INFINITY).__x;                   // saturates: 254
  out[7] = __nv_fp8x2_e8m0(make_float2(0.5f, 5.0f)).__x;  // 0x827e
  out[8] = __nv_fp8x4_e8m0(make_float4(1, 2, 4, 8)).__x;  // 0x8281807f
  out[9] = (unsigned)int(__nv_fp8_e8m0(100.0f));          // 128
  out[10] = (unsigned)(unsigned char)__nv_fp8_e8m0(1e6f); // saturates: 255
  float2 f = float2(__nv_fp8x2_e8m0(make_float2(0.5f, 5.0f)));
  out[11] = f.x == 0.5f && f.y == 8.0f;
}

int main() {
  std::vector<float> in;
  for (unsigned u = 0; u < 0xffffffffu - 0x10000u; u += 0x1f3f7u) {
    float f;
    memcpy(&f, &u, 4);
    in.push_back(f);
  }
  const float edges[] = {0.0f,
                         -0.0f,
                         1.0f,
                         1.5f,
                         0.75f,
                         3.0f,
                         0x1p-126f,
                         0x1p-127f,
                         0x1.000002p-127f,
                         0x1.fffffcp-128f,
                         0x1p-149f,
                         0x1p127f,
                         0x1.000002p127f,
                         0x1.fffffep127f,
                         INFINITY,
                         -INFINITY,
                         NAN,
                         -5.0f,
                         1e30f,
                         65504.0f};
  for (float e : edges)
    in.push_back(e);
  int n = int(in.size());
  std::vector<double> inD(n);
  for (int i = 0; i < n; ++i)
    inD[i] = double(in[i]) * (i % 3 == 0 ? 1.0000000001 : 1.0);
  // Doubles beyond the float range and below 2^-127.
  inD[0] = 0x1p200;
  inD[1] = -0x1p-300;
  inD[2] = 0x1.0000000000001p-127;

  float *dIn;
  double *dInD;
  unsigned char *dOut, *dOutD;
  CHECK(cudaMalloc(&dIn, n * sizeof(float)));
  CHECK(cudaMalloc(&dInD, n * sizeof(double)));
  CHECK(cudaMalloc(&dOut, n * 4));
  CHECK(cudaMalloc(&dOutD, n * 4));
  CHECK(cudaMemcpy(dIn, in.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  CHECK(
      cudaMemcpy(dInD, inD.data(), n * sizeof(double), cudaMemcpyHostToDevice));
  narrow<<<(n + 255) / 256, 256>>>(dIn, dInD, dOut, dOutD, n);
  CHECK(cudaGetLastError());
  std::vector<unsigned char> out(n * 4), outD(n * 4);
  CHECK(cudaMemcpy(out.data(), dOut, n * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(outD.data(), dOutD, n * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i)
    for (int m = 0; m < 4; ++m) {
      unsigned want = refScale(in[i], m & 1, m & 2);
      double d = inD[i];
      if (std::isfinite(d) && std::fabs(d) > 0x1.fffffep127)
        d = 0x1.fffffep127;
      unsigned wantD = refScale(d, m & 1, m & 2);
      if (out[i * 4 + m] != want)
        fail("device float", in[i], out[i * 4 + m], want);
      if (outD[i * 4 + m] != wantD)
        fail("device double", inD[i], outD[i * 4 + m], wantD);
      unsigned host = __nv_cvt_float_to_e8m0(in[i], satOf(m), roundOf(m));
      if (host != want)
        fail("host float", in[i], host, want);
      __nv_bfloat16_raw b = __nv_bfloat16_raw(__float2bfloat16_rz(in[i]));
      float bf = __bfloat162float(__nv_bfloat16(b));
      unsigned fromB = __nv_cvt_bfloat16raw_to_e8m0(b, satOf(m), roundOf(m));
      if (fromB != refScale(bf, m & 1, m & 2))
        fail("host bfloat16", bf, fromB, refScale(bf, m & 1, m & 2));
    }

  unsigned short *dB;
  float *dF;
  CHECK(cudaMalloc(&dB, 256 * 2));
  CHECK(cudaMalloc(&dF, 256 * 4));
  widen<<<1, 256>>>(dB, dF);
  CHECK(cudaGetLastError());
  unsigned short b[256];
  float f[256];
  CHECK(cudaMemcpy(b, dB, sizeof(b), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(f, dF, sizeof(f), cudaMemcpyDeviceToHost));
  for (unsigned c = 0; c < 256; ++c) {
    float want = c == 0xff ? NAN : std::ldexp(1.0f, int(c) - 127);
    bool ok = c == 0xff ? (std::isnan(f[c]) && b[c] == 0x7fff)
                        : (f[c] == want &&
                           std::ldexp(1.0f, int(c) - 127) ==
                               __bfloat162float(__nv_bfloat16_raw{b[c]}));
    if (!ok)
      fail("widen", c, b[c], 0);
  }

  unsigned *dC;
  const unsigned wantC[] = {129, 125,    137,         167, 168, 227,
                            254, 0x827e, 0x8281807fu, 128, 255, 1};
  const int classesN = sizeof(wantC) / sizeof(wantC[0]);
  CHECK(cudaMalloc(&dC, classesN * 4));
  classes<<<1, 1>>>(dC);
  CHECK(cudaGetLastError());
  unsigned got[classesN];
  CHECK(cudaMemcpy(got, dC, sizeof(got), cudaMemcpyDeviceToHost));
  for (int i = 0; i < classesN; ++i)
    if (got[i] != wantC[i])
      fail("class", i, got[i], wantC[i]);

  CHECK(cudaFree(dIn));
  CHECK(cudaFree(dInD));
  CHECK(cudaFree(dOut));
  CHECK(cudaFree(dOutD));
  CHECK(cudaFree(dB));
  CHECK(cudaFree(dF));
  CHECK(cudaFree(dC));
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS (%d operands x 4 modes, 256 codes, %d class cases)\n", n,
         classesN);
  return 0;
}
