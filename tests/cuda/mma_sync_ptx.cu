// Inline PTX tensor-core instructions as hand-tuned kernels write them:
// mma.sync with fragments built by hand in the PTX ISA's documented layout
// (m16n8k16 f16/bf16, m16n8k8 f16 and tf32, m16n8k4 tf32, f16 accumulators,
// m16n8k32 s8 with .satfinite, m16n8k16 u8, m16n8k32 s4, the Turing
// m8n8k16 s8 and m8n8k32 s4, m8n8k4 f64; fp8 operands in
// mma_sync_fp8_ptx.cu), and ldmatrix (.x1/.x2/.x4, .trans) from shared
// memory feeding mma.sync. Each D is checked against a host GEMM (small
// integers: exact).
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_fp8.h>

#include <cstdint>
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

static int failures = 0;

// Inputs: A (16 x K) row-major and B (K x 8) row-major as doubles on the
// host; the kernels get them encoded. C (16 x 8) row-major float/int.
struct Case {
  int m, n, k;
};

__device__ unsigned pack2(unsigned short lo, unsigned short hi) {
  return lo | ((unsigned)hi << 16);
}
__device__ unsigned pack4(const unsigned char *b) {
  return b[0] | (b[1] << 8) | (b[2] << 16) | ((unsigned)b[3] << 24);
}

// The PTX ISA's m16n8kK layouts, E elements per register.
__device__ int aRow(int lane, int r) { return lane / 4 + 8 * (r % 2); }
__device__ int aCol(int lane, int r, int e, int E) {
  return (r / 2) * 4 * E + (lane % 4) * E + e;
}
__device__ int bRow(int lane, int r, int e, int E) {
  return r * 4 * E + (lane % 4) * E + e;
}
__device__ int cRow(int lane, int i) { return lane / 4 + 8 * (i / 2); }
__device__ int cCol(int lane, int i) { return (lane % 4) * 2 + i % 2; }

// f16 x f16 + f32 at m16n8k16; A, B as 16-bit patterns.
__global__ void mmaF16K16(const unsigned short *a, const unsigned short *b,
                          const float *c, float *d, int bf16) {
  int lane = threadIdx.x;
  unsigned ra[4], rb[2];
  for (int r = 0; r < 4; ++r)
    ra[r] = pack2(a[aRow(lane, r) * 16 + aCol(lane, r, 0, 2)],
                  a[aRow(lane, r) * 16 + aCol(lane, r, 1, 2)]);
  for (int r = 0; r < 2; ++r)
    rb[r] = pack2(b[bRow(lane, r, 0, 2) * 8 + lane / 4],
                  b[bRow(lane, r, 1, 2) * 8 + lane / 4]);
  float rc[4], rd[4];
  for (int i = 0; i < 4; ++i)
    rc[i] = c[cRow(lane, i) * 8 + cCol(lane, i)];
  if (bf16)
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=f"(rd[0]), "=f"(rd[1]), "=f"(rd[2]), "=f"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "f"(rc[0]), "f"(rc[1]), "f"(rc[2]), "f"(rc[3]));
  else
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=f"(rd[0]), "=f"(rd[1]), "=f"(rd[2]), "=f"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "f"(rc[0]), "f"(rc[1]), "f"(rc[2]), "f"(rc[3]));
  for (int i = 0; i < 4; ++i)
    d[cRow(lane, i) * 8 + cCol(lane, i)] = rd[i];
}

// f16 accumulators at m16n8k8: C and D as two f16x2 registers.
__global__ void mmaF16K8HalfAcc(const unsigned short *a, const unsigned short *b,
                                const unsigned short *c, unsigned short *d) {
  int lane = threadIdx.x;
  unsigned ra[2], rb, rc[2], rd[2];
  for (int r = 0; r < 2; ++r)
    ra[r] = pack2(a[aRow(lane, r) * 8 + aCol(lane, r, 0, 2)],
                  a[aRow(lane, r) * 8 + aCol(lane, r, 1, 2)]);
  rb = pack2(b[bRow(lane, 0, 0, 2) * 8 + lane / 4],
             b[bRow(lane, 0, 1, 2) * 8 + lane / 4]);
  for (int r = 0; r < 2; ++r)
    rc[r] = pack2(c[cRow(lane, 2 * r) * 8 + cCol(lane, 2 * r)],
                  c[cRow(lane, 2 * r + 1) * 8 + cCol(lane, 2 * r + 1)]);
  asm volatile("mma.sync.aligned.m16n8k8.row.col.f16.f16.f16.f16 "
               "{%0,%1}, {%2,%3}, {%4}, {%5,%6};"
               : "=r"(rd[0]), "=r"(rd[1])
               : "r"(ra[0]), "r"(ra[1]), "r"(rb), "r"(rc[0]), "r"(rc[1]));
  for (int r = 0; r < 2; ++r) {
    d[cRow(lane, 2 * r) * 8 + cCol(lane, 2 * r)] = rd[r] & 0xffff;
    d[cRow(lane, 2 * r + 1) * 8 + cCol(lane, 2 * r + 1)] = rd[r] >> 16;
  }
}

// tf32 at m16n8k8 (and m16n8k4 when k4).
__global__ void mmaTf32(const float *a, const float *b, const float *c,
                        float *d, int k4) {
  int lane = threadIdx.x, K = k4 ? 4 : 8;
  unsigned ra[4], rb[2];
  float rc[4], rd[4];
  for (int r = 0; r < (k4 ? 2 : 4); ++r)
    ra[r] = __float_as_uint(a[aRow(lane, r) * K + aCol(lane, r, 0, 1)]);
  for (int r = 0; r < (k4 ? 1 : 2); ++r)
    rb[r] = __float_as_uint(b[bRow(lane, r, 0, 1) * 8 + lane / 4]);
  for (int i = 0; i < 4; ++i)
    rc[i] = c[cRow(lane, i) * 8 + cCol(lane, i)];
  if (k4)
    asm volatile("mma.sync.aligned.m16n8k4.row.col.f32.tf32.tf32.f32 "
                 "{%0,%1,%2,%3}, {%4,%5}, {%6}, {%7,%8,%9,%10};"
                 : "=f"(rd[0]), "=f"(rd[1]), "=f"(rd[2]), "=f"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(rb[0]), "f"(rc[0]), "f"(rc[1]),
                   "f"(rc[2]), "f"(rc[3]));
  else
    asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=f"(rd[0]), "=f"(rd[1]), "=f"(rd[2]), "=f"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "f"(rc[0]), "f"(rc[1]), "f"(rc[2]), "f"(rc[3]));
  for (int i = 0; i < 4; ++i)
    d[cRow(lane, i) * 8 + cCol(lane, i)] = rd[i];
}

// 8-bit operands, four per register: s8 m16n8k32 (saturating) and u8
// m16n8k16; with MMA_SYNC_FP8, e4m3 x e5m2 m16n8k32 (f32 accumulators).
__global__ void mmaBytes(const unsigned char *a, const unsigned char *b,
                         const int *c, int *d, int form) {
  int lane = threadIdx.x, K = form == 1 ? 16 : 32, regsA = form == 1 ? 2 : 4;
  unsigned ra[4] = {}, rb[2] = {};
  unsigned char bytes[4];
  for (int r = 0; r < regsA; ++r) {
    for (int e = 0; e < 4; ++e)
      bytes[e] = a[aRow(lane, r) * K + aCol(lane, r, e, 4)];
    ra[r] = pack4(bytes);
  }
  for (int r = 0; r < regsA / 2; ++r) {
    for (int e = 0; e < 4; ++e)
      bytes[e] = b[bRow(lane, r, e, 4) * 8 + lane / 4];
    rb[r] = pack4(bytes);
  }
  int rc[4], rd[4];
  for (int i = 0; i < 4; ++i)
    rc[i] = c[cRow(lane, i) * 8 + cCol(lane, i)];
  if (form == 0)
    asm volatile("mma.sync.aligned.m16n8k32.row.col.satfinite.s32.s8.s8.s32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "r"(rc[0]), "r"(rc[1]), "r"(rc[2]), "r"(rc[3]));
  else if (form == 1)
    asm volatile("mma.sync.aligned.m16n8k16.row.col.s32.u8.u8.s32 "
                 "{%0,%1,%2,%3}, {%4,%5}, {%6}, {%7,%8,%9,%10};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(rb[0]), "r"(rc[0]), "r"(rc[1]),
                   "r"(rc[2]), "r"(rc[3]));
#ifdef MMA_SYNC_FP8
  else
    asm volatile("mma.sync.aligned.m16n8k32.row.col.f32.e4m3.e5m2.f32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "r"(rc[0]), "r"(rc[1]), "r"(rc[2]), "r"(rc[3]));
#endif
  for (int i = 0; i < 4; ++i)
    d[cRow(lane, i) * 8 + cCol(lane, i)] = rd[i];
}

// Integer m8n8 forms (Turing): s8 m8n8k16 and s4 m8n8k32 (A row G,
// elements T*E + e; B column G, the same rows); and s4 m16n8k32. A and B
// arrive as one byte per element (4-bit values sign-extended).
__global__ void mmaIntegers(const signed char *a, const signed char *b,
                            const int *c, int *d, int form) {
  int lane = threadIdx.x, g = lane / 4, t = lane % 4;
  int rc[4], rd[4] = {};
  if (form < 2) {
    int E = form == 0 ? 4 : 8, K = 4 * E;
    unsigned ra = 0, rb = 0;
    for (int e = 0; e < E; ++e) {
      unsigned av = (unsigned char)a[g * K + t * E + e];
      unsigned bv = (unsigned char)b[(t * E + e) * 8 + g];
      if (E == 8) {
        ra |= (av & 15u) << (4 * e);
        rb |= (bv & 15u) << (4 * e);
      } else {
        ra |= av << (8 * e);
        rb |= bv << (8 * e);
      }
    }
    rc[0] = c[g * 8 + 2 * t], rc[1] = c[g * 8 + 2 * t + 1];
    if (form == 0)
      asm volatile("mma.sync.aligned.m8n8k16.row.col.s32.s8.s8.s32 "
                   "{%0,%1}, {%2}, {%3}, {%4,%5};"
                   : "=r"(rd[0]), "=r"(rd[1])
                   : "r"(ra), "r"(rb), "r"(rc[0]), "r"(rc[1]));
    else
      asm volatile("mma.sync.aligned.m8n8k32.row.col.s32.s4.s4.s32 "
                   "{%0,%1}, {%2}, {%3}, {%4,%5};"
                   : "=r"(rd[0]), "=r"(rd[1])
                   : "r"(ra), "r"(rb), "r"(rc[0]), "r"(rc[1]));
    d[g * 8 + 2 * t] = rd[0];
    d[g * 8 + 2 * t + 1] = rd[1];
    return;
  }
  unsigned ra[2] = {}, rb = 0; // s4 m16n8k32: E = 8, one chunk
  for (int r = 0; r < 2; ++r)
    for (int e = 0; e < 8; ++e)
      ra[r] |= ((unsigned)a[aRow(lane, r) * 32 + aCol(lane, r, e, 8)] & 15u)
               << (4 * e);
  for (int e = 0; e < 8; ++e)
    rb |= ((unsigned)b[bRow(lane, 0, e, 8) * 8 + g] & 15u) << (4 * e);
  for (int i = 0; i < 4; ++i)
    rc[i] = c[cRow(lane, i) * 8 + cCol(lane, i)];
  asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s4.s4.s32 "
               "{%0,%1,%2,%3}, {%4,%5}, {%6}, {%7,%8,%9,%10};"
               : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
               : "r"(ra[0]), "r"(ra[1]), "r"(rb), "r"(rc[0]), "r"(rc[1]),
                 "r"(rc[2]), "r"(rc[3]));
  for (int i = 0; i < 4; ++i)
    d[cRow(lane, i) * 8 + cCol(lane, i)] = rd[i];
}

// f64 at m8n8k4: A (8 x 4), B (4 x 8), C and D (8 x 8).
__global__ void mmaF64(const double *a, const double *b, const double *c,
                       double *d) {
  int lane = threadIdx.x, g = lane / 4, t = lane % 4;
  double ra = a[g * 4 + t], rb = b[t * 8 + g];
  double rc0 = c[g * 8 + 2 * t], rc1 = c[g * 8 + 2 * t + 1], rd0, rd1;
  asm volatile("mma.sync.aligned.m8n8k4.row.col.f64.f64.f64.f64 "
               "{%0,%1}, {%2}, {%3}, {%4,%5};"
               : "=d"(rd0), "=d"(rd1)
               : "d"(ra), "d"(rb), "d"(rc0), "d"(rc1));
  d[g * 8 + 2 * t] = rd0;
  d[g * 8 + 2 * t + 1] = rd1;
}

// ldmatrix from shared memory: A (16 x 16 half, row-major) with .x4; B
// given as B^T (8 x 16, each row a column of B) with .x2, or as B
// (16 x 8 row-major) with .x2.trans; one .x1 of A's first 8x8 checked as
// well. Then mma.sync f16 -> f32.
__global__ void ldmatrixMma(const unsigned short *a, const unsigned short *bt,
                            const unsigned short *b, float *d,
                            unsigned *first) {
  __shared__ unsigned short sa[16][16 + 8], sbt[8][16 + 8], sb[16][8 + 8];
  int lane = threadIdx.x;
  for (int i = lane; i < 256; i += 32)
    sa[i / 16][i % 16] = a[i];
  for (int i = lane; i < 128; i += 32) {
    sbt[i / 16][i % 16] = bt[i];
    sb[i / 8][i % 8] = b[i];
  }
  __syncwarp();
  unsigned ra[4], rb[2], rbt[2], one;
  unsigned aRowAddr = (unsigned)__cvta_generic_to_shared(
      &sa[(lane % 8) + 8 * ((lane / 8) % 2)][8 * (lane / 16)]);
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];"
               : "=r"(ra[0]), "=r"(ra[1]), "=r"(ra[2]), "=r"(ra[3])
               : "r"(aRowAddr));
  unsigned a1Addr = (unsigned)__cvta_generic_to_shared(&sa[lane % 8][0]);
  asm volatile("ldmatrix.sync.aligned.m8n8.x1.shared.b16 {%0}, [%1];"
               : "=r"(one)
               : "r"(a1Addr));
  unsigned btAddr =
      (unsigned)__cvta_generic_to_shared(&sbt[lane % 8][8 * ((lane / 8) % 2)]);
  asm volatile("ldmatrix.sync.aligned.m8n8.x2.shared.b16 {%0,%1}, [%2];"
               : "=r"(rb[0]), "=r"(rb[1])
               : "r"(btAddr));
  unsigned bAddr =
      (unsigned)__cvta_generic_to_shared(&sb[(lane % 8) + 8 * ((lane / 8) % 2)][0]);
  asm volatile("ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16 {%0,%1}, [%2];"
               : "=r"(rbt[0]), "=r"(rbt[1])
               : "r"(bAddr));
  first[lane] = one;
  first[32 + lane] = (rb[0] != rbt[0]) | ((rb[1] != rbt[1]) << 1);
  float rd[4], zero = 0.0f;
  asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 "
               "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%10,%10,%10};"
               : "=f"(rd[0]), "=f"(rd[1]), "=f"(rd[2]), "=f"(rd[3])
               : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                 "r"(rb[1]), "f"(zero));
  for (int i = 0; i < 4; ++i)
    d[cRow(lane, i) * 8 + cCol(lane, i)] = rd[i];
}

//===--- Host side ---------------------------------------------------------===//

template <typename T> static T *upload(const std::vector<T> &v) {
  T *d;
  CHECK(cudaMalloc(&d, v.size() * sizeof(T)));
  CHECK(cudaMemcpy(d, v.data(), v.size() * sizeof(T), cudaMemcpyHostToDevice));
  return d;
}
template <typename T> static std::vector<T> download(const T *d, size_t n) {
  std::vector<T> v(n);
  CHECK(cudaMemcpy(v.data(), d, n * sizeof(T), cudaMemcpyDeviceToHost));
  return v;
}

static std::vector<double> gemm(const std::vector<double> &a,
                                const std::vector<double> &b,
                                const std::vector<double> &c, int m, int n,
                                int k) {
  std::vector<double> d(m * n);
  for (int r = 0; r < m; ++r)
    for (int col = 0; col < n; ++col) {
      double s = c[r * n + col];
      for (int i = 0; i < k; ++i)
        s += a[r * k + i] * b[i * n + col];
      d[r * n + col] = s;
    }
  return d;
}

static unsigned floatBits(float v) {
  unsigned u;
  memcpy(&u, &v, 4);
  return u;
}
static float bitsFloat(unsigned u) {
  float v;
  memcpy(&v, &u, 4);
  return v;
}

static std::vector<double> smallInts(int count, int lo, int hi) {
  std::vector<double> v(count);
  for (double &x : v)
    x = lo + rand() % (hi - lo + 1);
  return v;
}

template <typename T>
static void compare(const char *name, const std::vector<T> &got,
                    const std::vector<double> &want) {
  for (size_t i = 0; i < want.size(); ++i)
    if ((double)got[i] != want[i] && ++failures <= 20)
      printf("FAIL: %s D[%zu][%zu] = %g, want %g\n", name, i / 8, i % 8,
             (double)got[i], want[i]);
}

static unsigned short halfBits(double v, bool bf16) {
  if (bf16)
    return __nv_bfloat16_raw(__float2bfloat16((float)v)).x;
  return __half_raw(__float2half((float)v)).x;
}

static void runF16(bool bf16) {
  auto a = smallInts(256, -4, 4), b = smallInts(128, -4, 4),
       c = smallInts(128, -50, 50);
  std::vector<unsigned short> ha, hb;
  for (double v : a)
    ha.push_back(halfBits(v, bf16));
  for (double v : b)
    hb.push_back(halfBits(v, bf16));
  std::vector<float> hc(c.begin(), c.end());
  auto *da = upload(ha), *db = upload(hb);
  auto *dc = upload(hc);
  float *dd;
  CHECK(cudaMalloc(&dd, 128 * sizeof(float)));
  mmaF16K16<<<1, 32>>>(da, db, dc, dd, bf16);
  CHECK(cudaDeviceSynchronize());
  compare(bf16 ? "bf16 m16n8k16" : "f16 m16n8k16", download(dd, 128),
          gemm(a, b, c, 16, 8, 16));
  cudaFree(da), cudaFree(db), cudaFree(dc), cudaFree(dd);
}

static void runHalfAccumulator() {
  auto a = smallInts(128, -4, 4), b = smallInts(64, -4, 4),
       c = smallInts(128, -50, 50);
  std::vector<unsigned short> ha, hb, hc;
  for (double v : a)
    ha.push_back(halfBits(v, false));
  for (double v : b)
    hb.push_back(halfBits(v, false));
  for (double v : c)
    hc.push_back(halfBits(v, false));
  auto *da = upload(ha), *db = upload(hb), *dc = upload(hc);
  unsigned short *dd;
  CHECK(cudaMalloc(&dd, 128 * 2));
  mmaF16K8HalfAcc<<<1, 32>>>(da, db, dc, dd);
  CHECK(cudaDeviceSynchronize());
  std::vector<unsigned short> bits = download(dd, 128);
  std::vector<float> got;
  for (unsigned short h : bits) {
    __half_raw r;
    r.x = h;
    got.push_back(__half2float(__half(r)));
  }
  compare("f16 m16n8k8 (f16 accumulators)", got, gemm(a, b, c, 16, 8, 8));
  cudaFree(da), cudaFree(db), cudaFree(dc), cudaFree(dd);
}

static void runTf32(bool k4) {
  int K = k4 ? 4 : 8;
  auto a = smallInts(16 * K, -8, 8), b = smallInts(K * 8, -8, 8),
       c = smallInts(128, -50, 50);
  std::vector<float> ha(a.begin(), a.end()), hb(b.begin(), b.end()),
      hc(c.begin(), c.end());
  auto *da = upload(ha), *db = upload(hb), *dc = upload(hc);
  float *dd;
  CHECK(cudaMalloc(&dd, 128 * sizeof(float)));
  mmaTf32<<<1, 32>>>(da, db, dc, dd, k4);
  CHECK(cudaDeviceSynchronize());
  compare(k4 ? "tf32 m16n8k4" : "tf32 m16n8k8", download(dd, 128),
          gemm(a, b, c, 16, 8, K));
  cudaFree(da), cudaFree(db), cudaFree(dc), cudaFree(dd);
}

static void runBytes(int form) {
  int K = form == 1 ? 16 : 32;
  std::vector<double> a, b, c = smallInts(128, -1000, 1000);
  std::vector<unsigned char> ha, hb;
  if (form == 0) { // s8, near the int32 limits through C
    a = smallInts(16 * K, -128, 127), b = smallInts(K * 8, -128, 127);
    for (int i = 0; i < 128; i += 3)
      c[i] = (i % 2 ? -1.0 : 1.0) * 2147483000.0;
    for (double v : a)
      ha.push_back((unsigned char)(signed char)v);
    for (double v : b)
      hb.push_back((unsigned char)(signed char)v);
  } else if (form == 1) { // u8
    a = smallInts(16 * K, 0, 255), b = smallInts(K * 8, 0, 255);
    for (double v : a)
      ha.push_back((unsigned char)v);
    for (double v : b)
      hb.push_back((unsigned char)v);
  } else { // e4m3 x e5m2: small integers and halves, exact in both
    a = smallInts(16 * K, -6, 6), b = smallInts(K * 8, -6, 6);
    for (double &v : a)
      v /= 2;
    for (double v : a)
      ha.push_back(__nv_fp8_e4m3((float)v).__x);
    for (double v : b)
      hb.push_back(__nv_fp8_e5m2((float)v).__x);
  }
  std::vector<int> hc;
  for (double v : c)
    hc.push_back(form == 2 ? (int)floatBits((float)v) : (int)v);
  auto *da = upload(ha), *db = upload(hb);
  auto *dc = upload(hc);
  int *dd;
  CHECK(cudaMalloc(&dd, 128 * sizeof(int)));
  mmaBytes<<<1, 32>>>(da, db, dc, dd, form);
  CHECK(cudaDeviceSynchronize());
  std::vector<int> raw = download(dd, 128);
  std::vector<double> want = gemm(a, b, c, 16, 8, K), got;
  for (int i = 0; i < 128; ++i) {
    if (form == 0)
      want[i] = want[i] > 2147483647.0    ? 2147483647.0
                : want[i] < -2147483648.0 ? -2147483648.0
                                          : want[i];
    got.push_back(form == 2 ? (double)bitsFloat((unsigned)raw[i])
                            : (double)raw[i]);
  }
  const char *names[] = {"s8 m16n8k32 satfinite", "u8 m16n8k16",
                         "e4m3 x e5m2 m16n8k32"};
  compare(names[form], got, want);
  cudaFree(da), cudaFree(db), cudaFree(dc), cudaFree(dd);
}

static void runIntegers(int form) {
  int M = form == 2 ? 16 : 8, K = form == 0 ? 16 : 32;
  bool nibbles = form != 0;
  auto a = smallInts(M * K, nibbles ? -8 : -128, nibbles ? 7 : 127),
       b = smallInts(K * 8, nibbles ? -8 : -128, nibbles ? 7 : 127),
       c = smallInts(M * 8, -1000, 1000);
  std::vector<signed char> ha(a.begin(), a.end()), hb(b.begin(), b.end());
  std::vector<int> hc(c.begin(), c.end());
  auto *da = upload(ha), *db = upload(hb);
  auto *dc = upload(hc);
  int *dd;
  CHECK(cudaMalloc(&dd, M * 8 * sizeof(int)));
  mmaIntegers<<<1, 32>>>(da, db, dc, dd, form);
  CHECK(cudaDeviceSynchronize());
  const char *names[] = {"s8 m8n8k16", "s4 m8n8k32", "s4 m16n8k32"};
  compare(names[form], download(dd, M * 8), gemm(a, b, c, M, 8, K));
  cudaFree(da), cudaFree(db), cudaFree(dc), cudaFree(dd);
}

static void runF64() {
  auto a = smallInts(32, -9, 9), b = smallInts(32, -9, 9),
       c = smallInts(64, -50, 50);
  for (double &v : a)
    v += 0.25; // not integers: f64 keeps them
  auto *da = upload(a), *db = upload(b), *dc = upload(c);
  double *dd;
  CHECK(cudaMalloc(&dd, 64 * sizeof(double)));
  mmaF64<<<1, 32>>>(da, db, dc, dd);
  CHECK(cudaDeviceSynchronize());
  compare("f64 m8n8k4", download(dd, 64), gemm(a, b, c, 8, 8, 4));
  cudaFree(da), cudaFree(db), cudaFree(dc), cudaFree(dd);
}

static void runLdmatrix() {
  auto a = smallInts(256, -4, 4), b = smallInts(128, -4, 4);
  std::vector<unsigned short> ha, hb, hbt(128);
  for (double v : a)
    ha.push_back(halfBits(v, false));
  for (double v : b)
    hb.push_back(halfBits(v, false));
  for (int kk = 0; kk < 16; ++kk)
    for (int n = 0; n < 8; ++n)
      hbt[n * 16 + kk] = hb[kk * 8 + n];
  auto *da = upload(ha), *dbt = upload(hbt), *db = upload(hb);
  float *dd;
  unsigned *dfirst;
  CHECK(cudaMalloc(&dd, 128 * sizeof(float)));
  CHECK(cudaMalloc(&dfirst, 64 * sizeof(unsigned)));
  ldmatrixMma<<<1, 32>>>(da, dbt, db, dd, dfirst);
  CHECK(cudaDeviceSynchronize());
  compare("ldmatrix + f16 m16n8k16", download(dd, 128),
          gemm(a, b, std::vector<double>(128, 0.0), 16, 8, 16));
  std::vector<unsigned> first = download(dfirst, 64);
  for (int lane = 0; lane < 32; ++lane) {
    int row = lane / 4, col = (lane % 4) * 2;
    unsigned want = ha[row * 16 + col] | ((unsigned)ha[row * 16 + col + 1] << 16);
    if (first[lane] != want && ++failures <= 20)
      printf("FAIL: ldmatrix.x1 lane %d = 0x%08x, want 0x%08x\n", lane,
             first[lane], want);
    if (first[32 + lane] && ++failures <= 20)
      printf("FAIL: ldmatrix.x2 and .x2.trans differ at lane %d (%u)\n", lane,
             first[32 + lane]);
  }
  cudaFree(da), cudaFree(dbt), cudaFree(db), cudaFree(dd), cudaFree(dfirst);
}

#ifdef MMA_SYNC_FP8
int main() {
  srand(5);
  runBytes(2);
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
#else
int main() {
  srand(5);
  runF16(false);
  runF16(true);
  runHalfAccumulator();
  runTf32(false);
  runTf32(true);
  runBytes(0);
  runBytes(1);
  runIntegers(0);
  runIntegers(1);
  runIntegers(2);
  runF64();
  runLdmatrix();
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
#endif
