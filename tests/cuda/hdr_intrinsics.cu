// CUDA's integer and bit-level intrinsics (__popc, __clz, __brev, __byte_perm,
// funnel shifts, 24-bit and high multiplies, averages, __sad), the bit
// reinterpretations and rounding conversions, checked against portable host
// implementations of their documented semantics. Also exercises the
// device-side built-ins that need no runtime support: warpSize, __ldg,
// make_<vector>, math constants.
#include <climits>
#include <cstdio>
#include <cstring>
#include <cuda_runtime.h>
#include <math_constants.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

typedef unsigned long long u64;

//===--- Host references, written from the CUDA documentation --------------===//
static int refPopc(u64 x) { int c = 0; for (; x; x >>= 1) c += x & 1; return c; }
static int refClz(u64 x, int bits) {
  int c = 0;
  for (int b = bits - 1; b >= 0 && !((x >> b) & 1); --b) ++c;
  return c;
}
static int refFfs(u64 x, int bits) {
  for (int b = 0; b < bits; ++b) if ((x >> b) & 1) return b + 1;
  return 0;
}
static u64 refBrev(u64 x, int bits) {
  u64 r = 0;
  for (int b = 0; b < bits; ++b) if ((x >> b) & 1) r |= 1ull << (bits - 1 - b);
  return r;
}
static unsigned refBytePerm(unsigned x, unsigned y, unsigned s) {
  unsigned char bytes[8];
  for (int b = 0; b < 4; ++b) { bytes[b] = x >> (8 * b); bytes[b + 4] = y >> (8 * b); }
  unsigned r = 0;
  for (int b = 0; b < 4; ++b) r |= (unsigned)bytes[(s >> (4 * b)) & 7] << (8 * b);
  return r;
}
static unsigned refFunnelL(unsigned lo, unsigned hi, unsigned sh, bool clamp) {
  unsigned n = clamp ? (sh > 32 ? 32 : sh) : (sh & 31);
  u64 v = ((u64)hi << 32) | lo;
  return (unsigned)((v << n) >> 32);
}
static unsigned refFunnelR(unsigned lo, unsigned hi, unsigned sh, bool clamp) {
  unsigned n = clamp ? (sh > 32 ? 32 : sh) : (sh & 31);
  u64 v = ((u64)hi << 32) | lo;
  return (unsigned)(v >> n);
}
static int sext24(int x) { return (int)((unsigned)x << 8) >> 8; }

#define NOUT 40

__device__ unsigned gTable[4] = {11, 22, 33, 44};

__global__ void evalAll(const unsigned *in, u64 *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  unsigned x = in[2 * i], y = in[2 * i + 1];
  u64 X = ((u64)x << 32) | y;
  int sx = (int)x, sy = (int)y;
  u64 *o = out + (size_t)i * NOUT;
  int k = 0;
  o[k++] = __popc(x);
  o[k++] = __popcll(X);
  o[k++] = __clz(sx);
  o[k++] = __clzll((long long)X);
  o[k++] = __ffs(sx);
  o[k++] = __ffsll((long long)X);
  o[k++] = __brev(x);
  o[k++] = __brevll(X);
  o[k++] = (unsigned)__mul24(sx, sy);
  o[k++] = __umul24(x, y);
  o[k++] = (unsigned)__mulhi(sx, sy);
  o[k++] = __umulhi(x, y);
  o[k++] = (u64)__mul64hi((long long)X, (long long)(X * 3 + 1));
  o[k++] = __umul64hi(X, X * 3 + 1);
  o[k++] = __byte_perm(x, y, y & 0x7777);
  o[k++] = __sad(sx, sy, 5u);
  o[k++] = __usad(x, y, 7u);
  o[k++] = __funnelshift_l(x, y, i % 70);
  o[k++] = __funnelshift_r(x, y, i % 70);
  o[k++] = __funnelshift_lc(x, y, i % 70);
  o[k++] = __funnelshift_rc(x, y, i % 70);
  o[k++] = (unsigned)__hadd(sx, sy);
  o[k++] = (unsigned)__rhadd(sx, sy);
  o[k++] = __uhadd(x, y);
  o[k++] = __urhadd(x, y);
  o[k++] = __float_as_uint(__uint_as_float(x));
  o[k++] = (unsigned)__float_as_int(__int_as_float(sy));
  o[k++] = (u64)__double_as_longlong(__longlong_as_double((long long)X));
  float f = (float)(sx % 100000) / 64.0f; // exact, with fractions
  o[k++] = (unsigned)__float2int_rn(f);
  o[k++] = (unsigned)__float2int_rz(f);
  o[k++] = (unsigned)__float2int_rd(f);
  o[k++] = (unsigned)__float2int_ru(f);
  o[k++] = __float2uint_rn(f < 0 ? -f : f);
  o[k++] = __float_as_uint(__int2float_rn(sx % 1000000));
  o[k++] = (unsigned)__float2int_rn(3.0e9f); // saturates
  o[k++] = warpSize;
  o[k++] = __ldg(&gTable[i & 3]);
  int4 v4 = make_int4(sx, sy, 3, 4);
  o[k++] = (unsigned)(v4.x ^ v4.y) + v4.z * v4.w;
  o[k++] = __float_as_uint(CUDART_PI_F);
  o[k++] = __float_as_uint(__saturatef(f));
}

static unsigned asU(float f) { unsigned u; memcpy(&u, &f, 4); return u; }
static float rne(float f) { return __builtin_rintf(f); }

int main() {
  const int n = 2048;
  unsigned *hIn = new unsigned[2 * n];
  u64 s = 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < 2 * n; ++i) {
    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
    hIn[i] = (unsigned)(s >> 11);
    if (i % 16 == 0) hIn[i] = 0;              // edge cases: zero,
    if (i % 16 == 1) hIn[i] = 0xffffffffu;    // all ones,
    if (i % 16 == 2) hIn[i] = 0x80000000u;    // sign bit only
  }
  unsigned *dIn; u64 *dOut;
  CHECK(cudaMalloc(&dIn, sizeof(unsigned) * 2 * n));
  CHECK(cudaMalloc(&dOut, sizeof(u64) * n * NOUT));
  CHECK(cudaMemcpy(dIn, hIn, sizeof(unsigned) * 2 * n, cudaMemcpyHostToDevice));
  evalAll<<<n / 128, 128>>>(dIn, dOut, n);
  CHECK(cudaGetLastError());
  u64 *hOut = new u64[n * NOUT];
  CHECK(cudaMemcpy(hOut, dOut, sizeof(u64) * n * NOUT, cudaMemcpyDeviceToHost));

  static const char *names[NOUT] = {
      "__popc", "__popcll", "__clz", "__clzll", "__ffs", "__ffsll", "__brev",
      "__brevll", "__mul24", "__umul24", "__mulhi", "__umulhi", "__mul64hi",
      "__umul64hi", "__byte_perm", "__sad", "__usad", "__funnelshift_l",
      "__funnelshift_r", "__funnelshift_lc", "__funnelshift_rc", "__hadd",
      "__rhadd", "__uhadd", "__urhadd", "float_as_uint", "float_as_int",
      "double_as_longlong", "__float2int_rn", "__float2int_rz",
      "__float2int_rd", "__float2int_ru", "__float2uint_rn", "__int2float_rn",
      "__float2int_rn(sat)", "warpSize", "__ldg", "make_int4", "CUDART_PI_F",
      "__saturatef"};
  int failures = 0;
  for (int i = 0; i < n; ++i) {
    unsigned x = hIn[2 * i], y = hIn[2 * i + 1];
    u64 X = ((u64)x << 32) | y, Y = X * 3 + 1;
    int sx = (int)x, sy = (int)y;
    long long a = sx, b = sy;
    float f = (float)(sx % 100000) / 64.0f;
    float fa = f < 0 ? -f : f;
    u64 want[NOUT] = {
        (u64)refPopc(x), (u64)refPopc(X), (u64)refClz(x, 32), (u64)refClz(X, 64),
        (u64)refFfs(x, 32), (u64)refFfs(X, 64), refBrev(x, 32), refBrev(X, 64),
        (unsigned)((long long)sext24(sx) * sext24(sy)), (x & 0xffffff) * (y & 0xffffff),
        (unsigned)(int)((a * b) >> 32), (unsigned)(((u64)x * y) >> 32),
        (u64)(long long)(((__int128)(long long)X * (long long)Y) >> 64),
        (u64)(((unsigned __int128)X * Y) >> 64),
        refBytePerm(x, y, y & 0x7777),
        (unsigned)(5 + (a > b ? a - b : b - a)),
        7u + (x > y ? x - y : y - x),
        refFunnelL(x, y, i % 70, false), refFunnelR(x, y, i % 70, false),
        refFunnelL(x, y, i % 70, true), refFunnelR(x, y, i % 70, true),
        (unsigned)(int)((a + b) >> 1), (unsigned)(int)((a + b + 1) >> 1),
        (unsigned)(((u64)x + y) >> 1), (unsigned)(((u64)x + y + 1) >> 1),
        x, (unsigned)sy, X,
        (unsigned)(int)rne(f), (unsigned)(int)f, (unsigned)(int)__builtin_floorf(f),
        (unsigned)(int)__builtin_ceilf(f), (unsigned)rne(fa),
        asU((float)(sx % 1000000)), (unsigned)INT_MAX, 32u,
        (u64)(11 * ((i & 3) + 1)), (unsigned)(sx ^ sy) + 12u, asU(3.141592654f),
        asU(f >= 1.0f ? 1.0f : (f > 0.0f ? f : 0.0f))};
    for (int k = 0; k < NOUT; ++k)
      if (hOut[(size_t)i * NOUT + k] != want[k] && failures++ < 10)
        printf("FAIL %s: i=%d x=%#x y=%#x got %#llx want %#llx\n", names[k], i,
               x, y, hOut[(size_t)i * NOUT + k], want[k]);
  }
  cudaFree(dIn);
  cudaFree(dOut);
  delete[] hIn;
  delete[] hOut;
  if (failures) {
    printf("FAIL %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
