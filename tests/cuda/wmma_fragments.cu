// nvcuda::wmma over every fragment shape and type CUDA documents: one warp
// loads A, B and C (each layout, padded leading dimensions), multiplies,
// and stores D (both memory layouts); D must equal a host reference
// exactly (small integer inputs are exact in every element type). Also
// fill_fragment, element-wise work over frag.x[], integer saturation,
// bmma_sync's XOR and AND, __float_to_tf32, and a warp running two
// fragments' products in a row (the exchange reused).
#include <mma.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace nvcuda;

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

// Element codecs between the host's double and the stored type.
template <typename T> struct Codec {
  static T encode(double v) { return (T)v; }
  static double decode(T v) { return (double)v; }
};
template <> struct Codec<__half> {
  static __half encode(double v) { return __float2half((float)v); }
  static double decode(__half v) { return __half2float(v); }
};
template <> struct Codec<__nv_bfloat16> {
  static __nv_bfloat16 encode(double v) { return __float2bfloat16((float)v); }
  static double decode(__nv_bfloat16 v) { return __bfloat162float(v); }
};

// Stored element type of a fragment type.
template <typename T> struct Stored { typedef T type; };
template <> struct Stored<wmma::precision::tf32> { typedef float type; };

template <typename T> struct IsUnsignedByte { static const bool value = false; };
template <> struct IsUnsignedByte<unsigned char> {
  static const bool value = true;
};

template <typename L> struct IsCol { static const bool value = false; };
template <> struct IsCol<wmma::col_major> { static const bool value = true; };

// Index of element (r, c) of a matrix with leading dimension ld.
static size_t at(bool col, int r, int c, int ld) {
  return col ? (size_t)c * ld + r : (size_t)r * ld + c;
}

template <int M, int N, int K, typename T, typename LA, typename LB,
          typename TC, typename TD>
__global__ void tileProduct(const typename Stored<T>::type *a, unsigned lda,
                            const typename Stored<T>::type *b, unsigned ldb,
                            const TC *c, unsigned ldc, wmma::layout_t lc,
                            TD *d, unsigned ldd, wmma::layout_t ld,
                            int twice) {
  wmma::fragment<wmma::matrix_a, M, N, K, T, LA> fa;
  wmma::fragment<wmma::matrix_b, M, N, K, T, LB> fb;
  wmma::fragment<wmma::accumulator, M, N, K, TC> fc;
  wmma::fragment<wmma::accumulator, M, N, K, TD> fd;
  wmma::load_matrix_sync(fa, a, lda);
  wmma::load_matrix_sync(fb, b, ldb);
  wmma::load_matrix_sync(fc, c, ldc, lc);
  wmma::mma_sync(fd, fa, fb, fc);
  if (twice) {
    // D = A*B + (A*B + C) through a second product; C's fragment keeps
    // its type, so go through memory when D's type differs.
    wmma::store_matrix_sync(d, fd, ldd, ld);
    wmma::fragment<wmma::accumulator, M, N, K, TD> again;
    wmma::load_matrix_sync(again, d, ldd, ld);
    wmma::mma_sync(fd, fa, fb, again);
  }
  wmma::store_matrix_sync(d, fd, ldd, ld);
}

template <int M, int N, int K, typename T, typename LA, typename LB,
          typename TC, typename TD>
static void runTile(const char *name, bool cCol, bool dCol, int twice) {
  typedef typename Stored<T>::type S;
  const bool aCol = IsCol<LA>::value, bCol = IsCol<LB>::value;
  // Leading dimensions padded by 16 elements (whole 16-byte steps).
  unsigned lda = (aCol ? M : K) + 16, ldb = (bCol ? K : N) + 16;
  unsigned ldc = (cCol ? M : N) + 16, ldd = (dCol ? M : N) + 16;
  size_t aLen = (size_t)lda * (aCol ? K : M), bLen = (size_t)ldb * (bCol ? N : K);
  size_t cLen = (size_t)ldc * (cCol ? N : M), dLen = (size_t)ldd * (dCol ? N : M);
  std::vector<S> ha(aLen), hb(bLen);
  std::vector<TC> hc(cLen);
  std::vector<double> ra(M * K), rb(K * N), rc(M * N);
  bool isUnsigned = IsUnsignedByte<T>::value;
  for (int r = 0; r < M; ++r)
    for (int k = 0; k < K; ++k) {
      int v = isUnsigned ? rand() % 17 : rand() % 17 - 8;
      ra[r * K + k] = v;
      ha[at(aCol, r, k, lda)] = Codec<S>::encode(v);
    }
  for (int k = 0; k < K; ++k)
    for (int c = 0; c < N; ++c) {
      int v = isUnsigned ? rand() % 9 : rand() % 9 - 4;
      rb[k * N + c] = v;
      hb[at(bCol, k, c, ldb)] = Codec<S>::encode(v);
    }
  for (int r = 0; r < M; ++r)
    for (int c = 0; c < N; ++c) {
      int v = rand() % 101 - 50;
      rc[r * N + c] = v;
      hc[at(cCol, r, c, ldc)] = Codec<TC>::encode(v);
    }
  S *da, *db;
  TC *dc;
  TD *dd;
  CHECK(cudaMalloc(&da, aLen * sizeof(S)));
  CHECK(cudaMalloc(&db, bLen * sizeof(S)));
  CHECK(cudaMalloc(&dc, cLen * sizeof(TC)));
  CHECK(cudaMalloc(&dd, dLen * sizeof(TD)));
  CHECK(cudaMemcpy(da, ha.data(), aLen * sizeof(S), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, hb.data(), bLen * sizeof(S), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dc, hc.data(), cLen * sizeof(TC), cudaMemcpyHostToDevice));
  CHECK(cudaMemset(dd, 0, dLen * sizeof(TD)));
  tileProduct<M, N, K, T, LA, LB, TC, TD><<<1, 32>>>(
      da, lda, db, ldb, dc, ldc, cCol ? wmma::mem_col_major : wmma::mem_row_major,
      dd, ldd, dCol ? wmma::mem_col_major : wmma::mem_row_major, twice);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  std::vector<TD> hd(dLen);
  CHECK(cudaMemcpy(hd.data(), dd, dLen * sizeof(TD), cudaMemcpyDeviceToHost));
  int bad = 0;
  for (int r = 0; r < M; ++r)
    for (int c = 0; c < N; ++c) {
      double sum = 0;
      for (int k = 0; k < K; ++k)
        sum += ra[r * K + k] * rb[k * N + c];
      double want = rc[r * N + c] + sum * (twice ? 2 : 1);
      double got = Codec<TD>::decode(hd[at(dCol, r, c, ldd)]);
      if (got != want && ++bad <= 3)
        printf("FAIL: %s D[%d][%d] = %g, want %g\n", name, r, c, got, want);
    }
  failures += bad;
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dd);
}

// Every layout combination of one shape and type.
template <int M, int N, int K, typename T, typename TC, typename TD>
static void runLayouts(const char *name) {
  runTile<M, N, K, T, wmma::row_major, wmma::row_major, TC, TD>(name, false,
                                                                false, 0);
  runTile<M, N, K, T, wmma::row_major, wmma::col_major, TC, TD>(name, true,
                                                                false, 0);
  runTile<M, N, K, T, wmma::col_major, wmma::row_major, TC, TD>(name, false,
                                                                true, 1);
  runTile<M, N, K, T, wmma::col_major, wmma::col_major, TC, TD>(name, true,
                                                                true, 0);
}

template <int M, int N, int K> static void runHalfShape(const char *name) {
  runLayouts<M, N, K, __half, float, float>(name);
  runLayouts<M, N, K, __half, __half, float>(name);
  runLayouts<M, N, K, __half, float, __half>(name);
  runLayouts<M, N, K, __half, __half, __half>(name);
  runLayouts<M, N, K, __nv_bfloat16, float, float>(name);
  runLayouts<M, N, K, signed char, int, int>(name);
  runLayouts<M, N, K, unsigned char, int, int>(name);
}

// Element-wise work: D = 2 * (A*B) + fill value, over frag.x[].
__global__ void elementwise(const __half *a, const __half *b, float *d) {
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc, bias;
  static_assert(decltype(acc)::num_elements == 8, "accumulator elements");
  static_assert(decltype(fa)::num_elements == 16, "half matrix_a elements");
  wmma::fill_fragment(acc, 0.0f);
  wmma::fill_fragment(bias, 3.0f);
  wmma::load_matrix_sync(fa, a, 16);
  wmma::load_matrix_sync(fb, b, 16);
  // Scaling A by 2 element-wise scales the product.
  for (int i = 0; i < fa.num_elements; ++i)
    fa.x[i] = __hmul(fa.x[i], __float2half(2.0f));
  wmma::mma_sync(acc, fa, fb, acc);
  for (int i = 0; i < acc.num_elements; ++i)
    acc.x[i] += bias.x[i];
  wmma::store_matrix_sync(d, acc, 16, wmma::mem_row_major);
}

static void runElementwise() {
  std::vector<__half> ha(256), hb(256);
  std::vector<double> ra(256), rb(256);
  for (int i = 0; i < 256; ++i) {
    ra[i] = rand() % 9 - 4;
    rb[i] = rand() % 9 - 4;
    ha[i] = __float2half((float)ra[i]);
    hb[i] = __float2half((float)rb[i]);
  }
  __half *da, *db;
  float *dd;
  CHECK(cudaMalloc(&da, 512));
  CHECK(cudaMalloc(&db, 512));
  CHECK(cudaMalloc(&dd, 1024));
  CHECK(cudaMemcpy(da, ha.data(), 512, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, hb.data(), 512, cudaMemcpyHostToDevice));
  elementwise<<<1, 32>>>(da, db, dd);
  CHECK(cudaDeviceSynchronize());
  std::vector<float> hd(256);
  CHECK(cudaMemcpy(hd.data(), dd, 1024, cudaMemcpyDeviceToHost));
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) {
      double sum = 3;
      for (int k = 0; k < 16; ++k)
        sum += 2 * ra[r * 16 + k] * rb[k * 16 + c];
      if (hd[r * 16 + c] != sum && ++failures <= 3)
        printf("FAIL: elementwise D[%d][%d] = %g, want %g\n", r, c,
               hd[r * 16 + c], sum);
    }
  cudaFree(da);
  cudaFree(db);
  cudaFree(dd);
}

// Integer saturation: 8-bit products whose sum passes INT_MAX.
__global__ void saturating(const signed char *a, const signed char *b,
                           const int *c, int *wrap, int *sat) {
  wmma::fragment<wmma::matrix_a, 16, 16, 16, signed char, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, signed char, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, int> fc, fd;
  wmma::load_matrix_sync(fa, a, 16);
  wmma::load_matrix_sync(fb, b, 16);
  wmma::load_matrix_sync(fc, c, 16, wmma::mem_row_major);
  wmma::mma_sync(fd, fa, fb, fc, false);
  wmma::store_matrix_sync(wrap, fd, 16, wmma::mem_row_major);
  wmma::mma_sync(fd, fa, fb, fc, true);
  wmma::store_matrix_sync(sat, fd, 16, wmma::mem_row_major);
}

static void runSaturation() {
  std::vector<signed char> ha(256, -128), hb(256, -128);
  std::vector<int> hc(256);
  for (int i = 0; i < 256; ++i)
    hc[i] = (i % 3 == 0) ? 0x7fff0000 : (i % 3 == 1) ? -0x7fff0000 : 5;
  for (int i = 0; i < 16; ++i) // row 1 of A: +127, so products are negative
    ha[16 + i] = 127;
  signed char *da, *db;
  int *dc, *dw, *ds;
  CHECK(cudaMalloc(&da, 256));
  CHECK(cudaMalloc(&db, 256));
  CHECK(cudaMalloc(&dc, 1024));
  CHECK(cudaMalloc(&dw, 1024));
  CHECK(cudaMalloc(&ds, 1024));
  CHECK(cudaMemcpy(da, ha.data(), 256, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, hb.data(), 256, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dc, hc.data(), 1024, cudaMemcpyHostToDevice));
  saturating<<<1, 32>>>(da, db, dc, dw, ds);
  CHECK(cudaDeviceSynchronize());
  std::vector<int> hw(256), hs(256);
  CHECK(cudaMemcpy(hw.data(), dw, 1024, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hs.data(), ds, 1024, cudaMemcpyDeviceToHost));
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) {
      long long exact = hc[r * 16 + c];
      for (int k = 0; k < 16; ++k)
        exact += (long long)ha[r * 16 + k] * hb[c * 16 + k];
      int wrapped = (int)(unsigned)(unsigned long long)exact;
      long long clamped = exact > 2147483647LL    ? 2147483647LL
                          : exact < -2147483648LL ? -2147483648LL
                                                  : exact;
      if ((hw[r * 16 + c] != wrapped || hs[r * 16 + c] != clamped) &&
          ++failures <= 3)
        printf("FAIL: saturation D[%d][%d] = %d / %d, want %d / %lld\n", r, c,
               hw[r * 16 + c], hs[r * 16 + c], wrapped, clamped);
    }
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dw);
  cudaFree(ds);
}

// 4-bit integers: A (8x32) row-major, B (32x8) column-major, 8 per word.
template <typename T>
__global__ void nibbleProduct(const unsigned *a, const unsigned *b,
                              const int *c, int *d) {
  wmma::fragment<wmma::matrix_a, 8, 8, 32, T, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 8, 8, 32, T, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 8, 8, 32, int> fc;
  wmma::load_matrix_sync(fa, a, 64); // leading dimension in elements
  wmma::load_matrix_sync(fb, b, 32);
  wmma::load_matrix_sync(fc, c, 8, wmma::mem_col_major);
  wmma::mma_sync(fc, fa, fb, fc);
  wmma::store_matrix_sync(d, fc, 8, wmma::mem_row_major);
}

// 1-bit: A (8x128) row-major, B (128x8) column-major, 32 per word.
__global__ void bitProduct(const unsigned *a, const unsigned *b, const int *c,
                           int *dx, int *dand) {
  wmma::fragment<wmma::matrix_a, 8, 8, 128, wmma::experimental::precision::b1,
                 wmma::row_major>
      fa;
  wmma::fragment<wmma::matrix_b, 8, 8, 128, wmma::experimental::precision::b1,
                 wmma::col_major>
      fb;
  wmma::fragment<wmma::accumulator, 8, 8, 128, int> fc, fd;
  static_assert(decltype(fa)::num_elements == 32, "b1 elements");
  static_assert(decltype(fa)::num_storage_elements == 1, "b1 storage");
  wmma::load_matrix_sync(fa, a, 128);
  wmma::load_matrix_sync(fb, b, 128);
  wmma::load_matrix_sync(fc, c, 8, wmma::mem_row_major);
  wmma::bmma_sync(fd, fa, fb, fc);
  wmma::store_matrix_sync(dx, fd, 8, wmma::mem_row_major);
  wmma::bmma_sync(fd, fa, fb, fc, wmma::experimental::bmmaBitOpAND);
  wmma::store_matrix_sync(dand, fd, 8, wmma::mem_row_major);
}

static unsigned field(const std::vector<unsigned> &w, int index, int bits) {
  int perWord = 32 / bits;
  return (w[index / perWord] >> ((index % perWord) * bits)) & ((1u << bits) - 1);
}

template <typename T> static void runNibbles(bool isSigned, const char *name) {
  // A: 8 rows of 64 elements (ldm 64, 32 used); B: 8 columns of 32.
  std::vector<unsigned> ha(8 * 64 / 8), hb(8 * 32 / 8);
  for (unsigned &w : ha)
    w = (unsigned)rand() * 2654435761u;
  for (unsigned &w : hb)
    w = (unsigned)rand() * 2246822519u;
  std::vector<int> hc(64);
  for (int &v : hc)
    v = rand() % 1000 - 500;
  unsigned *da, *db;
  int *dc, *dd;
  CHECK(cudaMalloc(&da, ha.size() * 4));
  CHECK(cudaMalloc(&db, hb.size() * 4));
  CHECK(cudaMalloc(&dc, 256));
  CHECK(cudaMalloc(&dd, 256));
  CHECK(cudaMemcpy(da, ha.data(), ha.size() * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, hb.data(), hb.size() * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dc, hc.data(), 256, cudaMemcpyHostToDevice));
  nibbleProduct<T><<<1, 32>>>(da, db, dc, dd);
  CHECK(cudaDeviceSynchronize());
  std::vector<int> hd(64);
  CHECK(cudaMemcpy(hd.data(), dd, 256, cudaMemcpyDeviceToHost));
  auto value = [&](unsigned u) { return isSigned && u >= 8 ? (int)u - 16 : (int)u; };
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 8; ++c) {
      long long want = hc[c * 8 + r]; // C was loaded column-major
      for (int k = 0; k < 32; ++k)
        want += value(field(ha, r * 64 + k, 4)) * value(field(hb, c * 32 + k, 4));
      if (hd[r * 8 + c] != want && ++failures <= 3)
        printf("FAIL: %s D[%d][%d] = %d, want %lld\n", name, r, c,
               hd[r * 8 + c], want);
    }
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dd);
}

static void runBits() {
  std::vector<unsigned> ha(32), hb(32);
  for (unsigned &w : ha)
    w = (unsigned)rand() * 2654435761u;
  for (unsigned &w : hb)
    w = (unsigned)rand() * 2246822519u;
  std::vector<int> hc(64);
  for (int &v : hc)
    v = rand() % 100;
  unsigned *da, *db;
  int *dc, *dx, *dn;
  CHECK(cudaMalloc(&da, 128));
  CHECK(cudaMalloc(&db, 128));
  CHECK(cudaMalloc(&dc, 256));
  CHECK(cudaMalloc(&dx, 256));
  CHECK(cudaMalloc(&dn, 256));
  CHECK(cudaMemcpy(da, ha.data(), 128, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, hb.data(), 128, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dc, hc.data(), 256, cudaMemcpyHostToDevice));
  bitProduct<<<1, 32>>>(da, db, dc, dx, dn);
  CHECK(cudaDeviceSynchronize());
  std::vector<int> hx(64), hn(64);
  CHECK(cudaMemcpy(hx.data(), dx, 256, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(hn.data(), dn, 256, cudaMemcpyDeviceToHost));
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 8; ++c) {
      int wantX = hc[r * 8 + c], wantA = hc[r * 8 + c];
      for (int w = 0; w < 4; ++w) {
        wantX += __builtin_popcount(ha[r * 4 + w] ^ hb[c * 4 + w]);
        wantA += __builtin_popcount(ha[r * 4 + w] & hb[c * 4 + w]);
      }
      if ((hx[r * 8 + c] != wantX || hn[r * 8 + c] != wantA) &&
          ++failures <= 3)
        printf("FAIL: b1 D[%d][%d] = %d / %d, want %d / %d\n", r, c,
               hx[r * 8 + c], hn[r * 8 + c], wantX, wantA);
    }
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dx);
  cudaFree(dn);
}

// __float_to_tf32 keeps 10 fraction bits, rounding half away from zero.
__global__ void toTf32(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    out[i] = wmma::__float_to_tf32(in[i]);
}

static void runTf32Rounding() {
  const float in[] = {1.0f, 1.00048828125f /* 1 + 2^-11: tie, away */,
                      1.000244140625f /* 1 + 2^-12: down */, -1.00048828125f,
                      1.0f + 3 * 0.00048828125f /* 1 + 3*2^-11: tie */,
                      3.4028235e38f /* max float rounds to infinity */, 0.0f};
  const unsigned want[] = {0x3f800000u, 0x3f802000u, 0x3f800000u, 0xbf802000u,
                           0x3f804000u, 0x7f800000u, 0u};
  const int n = sizeof(in) / sizeof(in[0]);
  float *din, *dout;
  CHECK(cudaMalloc(&din, sizeof(in)));
  CHECK(cudaMalloc(&dout, sizeof(in)));
  CHECK(cudaMemcpy(din, in, sizeof(in), cudaMemcpyHostToDevice));
  toTf32<<<1, 32>>>(din, dout, n);
  CHECK(cudaDeviceSynchronize());
  float out[n];
  CHECK(cudaMemcpy(out, dout, sizeof(in), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    unsigned bits;
    memcpy(&bits, &out[i], 4);
    if (bits != want[i] && ++failures <= 3)
      printf("FAIL: __float_to_tf32(%a) = 0x%08x, want 0x%08x\n", in[i], bits,
             want[i]);
  }
  cudaFree(din);
  cudaFree(dout);
}

int main() {
  srand(7);
  runHalfShape<16, 16, 16>("m16n16k16");
  runHalfShape<32, 8, 16>("m32n8k16");
  runHalfShape<8, 32, 16>("m8n32k16");
  runLayouts<16, 16, 8, wmma::precision::tf32, float, float>("tf32 m16n16k8");
  runLayouts<8, 8, 4, double, double, double>("f64 m8n8k4");
  runElementwise();
  runSaturation();
  runNibbles<wmma::experimental::precision::s4>(true, "s4");
  runNibbles<wmma::experimental::precision::u4>(false, "u4");
  runBits();
  runTf32Rounding();
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
