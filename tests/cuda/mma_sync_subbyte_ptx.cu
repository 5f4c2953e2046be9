// Inline PTX mma.sync with 4-bit and 1-bit operands, as quantised and
// binary-network kernels write it: m16n8k64 s4 (with .satfinite), u4 and
// s4 x u4, m16n8k32 u4, and the single-bit products (popcount of AND or XOR)
// at m16n8k128, m16n8k256 and the Turing m8n8k128. Each lane packs its
// registers in the PTX ISA's layout from one byte per element; each D is
// checked exactly against a host GEMM.
// txcc-flags: -arch=sm_80
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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

enum Form {
  S4K64Satfinite,
  U4K64,
  S4U4K64,
  U4K32,
  B1AndK128,
  B1XorK256,
  B1XorM8N8K128,
  FormCount
};

struct Shape {
  int m, k, bits; // N is 8
  const char *name;
};

static const Shape shapes[FormCount] = {
    {16, 64, 4, "m16n8k64 s4 satfinite"}, {16, 64, 4, "m16n8k64 u4"},
    {16, 64, 4, "m16n8k64 s4 x u4"},      {16, 32, 4, "m16n8k32 u4"},
    {16, 128, 1, "m16n8k128 b1 and"},     {16, 256, 1, "m16n8k256 b1 xor"},
    {8, 128, 1, "m8n8k128 b1 xor"}};

// Register r of A: E = 32 / bits consecutive elements of a row, starting at
// column (r / 2) 4E + (lane % 4) E, row lane / 4 (+ 8 for odd r); m8n8:
// row lane / 4, column (lane % 4) E.
__device__ unsigned packA(const signed char *a, int lane, int r, int m, int k,
                          int bits) {
  int E = 32 / bits, row = lane / 4 + (m == 16 ? 8 * (r % 2) : 0);
  int col = (m == 16 ? (r / 2) * 4 * E : 0) + (lane % 4) * E;
  unsigned mask = (1u << bits) - 1, reg = 0;
  for (int e = 0; e < E; ++e)
    reg |= ((unsigned)a[row * k + col + e] & mask) << (bits * e);
  return reg;
}

// Register r of B (K x 8): rows r 4E + (lane % 4) E + e of column lane / 4.
__device__ unsigned packB(const signed char *b, int lane, int r, int bits) {
  int E = 32 / bits, row = r * 4 * E + (lane % 4) * E;
  unsigned mask = (1u << bits) - 1, reg = 0;
  for (int e = 0; e < E; ++e)
    reg |= ((unsigned)b[(row + e) * 8 + lane / 4] & mask) << (bits * e);
  return reg;
}

// Element i of C and D: row lane / 4 (+ 8 for i >= 2), column 2 (lane % 4)
// + i % 2.
__device__ int cIndex(int lane, int i) {
  return (lane / 4 + 8 * (i / 2)) * 8 + 2 * (lane % 4) + i % 2;
}

__global__ void subByteMma(const signed char *a, const signed char *b,
                           const int *c, int *d, int form, int m, int k,
                           int bits) {
  const int lane = threadIdx.x;
  const int chunks = k * bits / 128; // 32-bit registers of B
  unsigned ra[4] = {}, rb[2] = {};
  for (int r = 0; r < (m == 16 ? 2 * chunks : 1); ++r)
    ra[r] = packA(a, lane, r, m, k, bits);
  for (int r = 0; r < chunks; ++r)
    rb[r] = packB(b, lane, r, bits);
  int rc[4], rd[4] = {};
  for (int i = 0; i < 4; ++i)
    rc[i] = c[cIndex(lane, i)];
  switch (form) {
  case S4K64Satfinite:
    asm volatile("mma.sync.aligned.m16n8k64.row.col.satfinite.s32.s4.s4.s32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "r"(rc[0]), "r"(rc[1]), "r"(rc[2]), "r"(rc[3]));
    break;
  case U4K64:
    asm volatile("mma.sync.aligned.m16n8k64.row.col.s32.u4.u4.s32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "r"(rc[0]), "r"(rc[1]), "r"(rc[2]), "r"(rc[3]));
    break;
  case S4U4K64:
    asm volatile("mma.sync.aligned.m16n8k64.row.col.s32.s4.u4.s32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "r"(rc[0]), "r"(rc[1]), "r"(rc[2]), "r"(rc[3]));
    break;
  case U4K32:
    asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.u4.u4.s32 "
                 "{%0,%1,%2,%3}, {%4,%5}, {%6}, {%7,%8,%9,%10};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(rb[0]), "r"(rc[0]), "r"(rc[1]),
                   "r"(rc[2]), "r"(rc[3]));
    break;
  case B1AndK128:
    asm volatile("mma.sync.aligned.m16n8k128.row.col.s32.b1.b1.s32.and.popc "
                 "{%0,%1,%2,%3}, {%4,%5}, {%6}, {%7,%8,%9,%10};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(rb[0]), "r"(rc[0]), "r"(rc[1]),
                   "r"(rc[2]), "r"(rc[3]));
    break;
  case B1XorK256:
    asm volatile("mma.sync.aligned.m16n8k256.row.col.s32.b1.b1.s32.xor.popc "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=r"(rd[0]), "=r"(rd[1]), "=r"(rd[2]), "=r"(rd[3])
                 : "r"(ra[0]), "r"(ra[1]), "r"(ra[2]), "r"(ra[3]), "r"(rb[0]),
                   "r"(rb[1]), "r"(rc[0]), "r"(rc[1]), "r"(rc[2]), "r"(rc[3]));
    break;
  case B1XorM8N8K128:
    // C and D: two elements, row lane / 4, columns 2 (lane % 4) + i.
    asm volatile("mma.sync.aligned.m8n8k128.row.col.s32.b1.b1.s32.xor.popc "
                 "{%0,%1}, {%2}, {%3}, {%4,%5};"
                 : "=r"(rd[0]), "=r"(rd[1])
                 : "r"(ra[0]), "r"(rb[0]), "r"(rc[0]), "r"(rc[1]));
    break;
  }
  for (int i = 0; i < (m == 16 ? 4 : 2); ++i)
    d[cIndex(lane, i)] = rd[i];
}

template <typename T> static T *upload(const std::vector<T> &v) {
  T *d;
  CHECK(cudaMalloc(&d, v.size() * sizeof(T)));
  CHECK(cudaMemcpy(d, v.data(), v.size() * sizeof(T), cudaMemcpyHostToDevice));
  return d;
}

static std::vector<signed char> randomElements(int count, int lo, int hi) {
  std::vector<signed char> v(count);
  for (signed char &x : v)
    x = (signed char)(lo + rand() % (hi - lo + 1));
  return v;
}

// D = C + A B over exact integers (bits: popcount of AND or XOR), clamped
// to int32 when saturating, else wrapped.
static std::vector<int> reference(const std::vector<signed char> &a,
                                  const std::vector<signed char> &b,
                                  const std::vector<int> &c, int m, int k,
                                  int form) {
  std::vector<int> d(m * 8);
  for (int r = 0; r < m; ++r)
    for (int col = 0; col < 8; ++col) {
      long long sum = c[r * 8 + col];
      for (int i = 0; i < k; ++i) {
        int x = a[r * k + i], y = b[i * 8 + col];
        sum += form == B1AndK128   ? (x & y)
               : form >= B1XorK256 ? (x ^ y)
                                   : x * y;
      }
      if (form == S4K64Satfinite)
        sum = sum > INT_MAX ? INT_MAX : sum < INT_MIN ? INT_MIN : sum;
      d[r * 8 + col] = (int)(unsigned)(unsigned long long)sum;
    }
  return d;
}

int main() {
  srand(7);
  int failures = 0;
  for (int form = 0; form < FormCount; ++form) {
    const Shape &s = shapes[form];
    const bool signedA = form == S4K64Satfinite || form == S4U4K64;
    const bool signedB = form == S4K64Satfinite;
    const int unsignedMax = s.bits == 1 ? 1 : 15;
    auto a =
        randomElements(s.m * s.k, signedA ? -8 : 0, signedA ? 7 : unsignedMax);
    auto b =
        randomElements(s.k * 8, signedB ? -8 : 0, signedB ? 7 : unsignedMax);
    std::vector<int> c(s.m * 8);
    for (size_t i = 0; i < c.size(); ++i) {
      c[i] = rand() % 2001 - 1000;
      // Accumulators at int32's ends, so that some sums leave its range:
      // clamped with .satfinite, wrapped without.
      if (i % 5 == 0)
        c[i] = (i % 2 ? INT_MIN + 100 : INT_MAX - 100);
    }
    signed char *da = upload(a), *db = upload(b);
    int *dc = upload(c), *dd;
    CHECK(cudaMalloc(&dd, c.size() * sizeof(int)));
    subByteMma<<<1, 32>>>(da, db, dc, dd, form, s.m, s.k, s.bits);
    CHECK(cudaDeviceSynchronize());
    std::vector<int> got(c.size());
    CHECK(cudaMemcpy(got.data(), dd, got.size() * sizeof(int),
                     cudaMemcpyDeviceToHost));
    std::vector<int> want = reference(a, b, c, s.m, s.k, form);
    for (size_t i = 0; i < want.size(); ++i)
      if (got[i] != want[i] && ++failures <= 20)
        printf("FAIL: %s D[%zu][%zu] = %d, want %d\n", s.name, i / 8, i % 8,
               got[i], want[i]);
    cudaFree(da), cudaFree(db), cudaFree(dc), cudaFree(dd);
  }
  if (failures) {
    printf("%d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
