// Integer intrinsics: the SIMD-in-a-word family (__vadd2 ... __vsubus4),
// __dp4a/__dp2a_lo/__dp2a_hi in all overloads, __byte_perm, funnel shifts,
// bit counts, 24-bit and high multiplies, SAD and averages, against scalar
// host references over random words and lane edge cases; exact.
#include <cstdio>
#include <cstring>
#include <cuda_runtime.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

//===--- Host references: one lane at a time -------------------------------===//

typedef long long (*LaneFn)(long long sa, long long sb, long long ua,
                            long long ub, int w);
static unsigned packRef(unsigned a, unsigned b, int w, LaneFn f) {
  unsigned r = 0, m = (1u << w) - 1;
  for (int i = 0; i < 32; i += w) {
    long long ua = (a >> i) & m, ub = (b >> i) & m;
    long long sa = ua >= (1ll << (w - 1)) ? ua - (1ll << w) : ua;
    long long sb = ub >= (1ll << (w - 1)) ? ub - (1ll << w) : ub;
    r |= ((unsigned)f(sa, sb, ua, ub, w) & m) << i;
  }
  return r;
}
static unsigned sumRef(unsigned a, unsigned b, int w, LaneFn f) {
  unsigned r = 0, m = (1u << w) - 1;
  for (int i = 0; i < 32; i += w) {
    long long ua = (a >> i) & m, ub = (b >> i) & m;
    long long sa = ua >= (1ll << (w - 1)) ? ua - (1ll << w) : ua;
    long long sb = ub >= (1ll << (w - 1)) ? ub - (1ll << w) : ub;
    r += (unsigned)f(sa, sb, ua, ub, w);
  }
  return r;
}
static long long sat(long long v, long long lo, long long hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}
#define SMAX ((1ll << (w - 1)) - 1)
#define SMIN (-(1ll << (w - 1)))
#define UMAX ((1ll << w) - 1)
#define ABSD(x, y) ((x) > (y) ? (x) - (y) : (y) - (x))

// V(name, lane expression, packed?) ; every name exists as name2 and name4.
#define SIMD(V)                                                                \
  V(__vabs, sa < 0 ? -sa : sa, 1, 1)                                           \
  V(__vabsss, sa < 0 ? sat(-sa, SMIN, SMAX) : sa, 1, 1)                        \
  V(__vneg, -sa, 1, 1)                                                         \
  V(__vnegss, sat(-sa, SMIN, SMAX), 1, 1)                                      \
  V(__vabsdiffs, ABSD(sa, sb), 1, 0)                                           \
  V(__vabsdiffu, ABSD(ua, ub), 1, 0)                                           \
  V(__vadd, ua + ub, 1, 0)                                                     \
  V(__vaddss, sat(sa + sb, SMIN, SMAX), 1, 0)                                  \
  V(__vaddus, sat(ua + ub, 0, UMAX), 1, 0)                                     \
  V(__vsub, ua - ub, 1, 0)                                                     \
  V(__vsubss, sat(sa - sb, SMIN, SMAX), 1, 0)                                  \
  V(__vsubus, sat(ua - ub, 0, UMAX), 1, 0)                                     \
  V(__vavgs, (sa + sb >= 0 ? sa + sb + 1 : sa + sb) >> 1, 1, 0)                \
  V(__vavgu, (ua + ub + 1) >> 1, 1, 0)                                         \
  V(__vhaddu, (ua + ub) >> 1, 1, 0)                                            \
  V(__vmaxs, sa > sb ? sa : sb, 1, 0)                                          \
  V(__vmaxu, ua > ub ? ua : ub, 1, 0)                                          \
  V(__vmins, sa < sb ? sa : sb, 1, 0)                                          \
  V(__vminu, ua < ub ? ua : ub, 1, 0)                                          \
  V(__vcmpeq, ua == ub ? -1 : 0, 1, 0)                                         \
  V(__vcmpne, ua != ub ? -1 : 0, 1, 0)                                         \
  V(__vcmpges, sa >= sb ? -1 : 0, 1, 0)                                        \
  V(__vcmpgeu, ua >= ub ? -1 : 0, 1, 0)                                        \
  V(__vcmpgts, sa > sb ? -1 : 0, 1, 0)                                         \
  V(__vcmpgtu, ua > ub ? -1 : 0, 1, 0)                                         \
  V(__vcmples, sa <= sb ? -1 : 0, 1, 0)                                        \
  V(__vcmpleu, ua <= ub ? -1 : 0, 1, 0)                                        \
  V(__vcmplts, sa < sb ? -1 : 0, 1, 0)                                         \
  V(__vcmpltu, ua < ub ? -1 : 0, 1, 0)                                         \
  V(__vseteq, ua == ub, 1, 0)                                                  \
  V(__vsetne, ua != ub, 1, 0)                                                  \
  V(__vsetges, sa >= sb, 1, 0)                                                 \
  V(__vsetgeu, ua >= ub, 1, 0)                                                 \
  V(__vsetgts, sa > sb, 1, 0)                                                  \
  V(__vsetgtu, ua > ub, 1, 0)                                                  \
  V(__vsetles, sa <= sb, 1, 0)                                                 \
  V(__vsetleu, ua <= ub, 1, 0)                                                 \
  V(__vsetlts, sa < sb, 1, 0)                                                  \
  V(__vsetltu, ua < ub, 1, 0)                                                  \
  V(__vsads, ABSD(sa, sb), 0, 0)                                               \
  V(__vsadu, ABSD(ua, ub), 0, 0)

#define V(N, E, PACKED, UNARY)                                                 \
  static long long ref_##N(long long sa, long long sb, long long ua,           \
                           long long ub, int w) {                              \
    (void)sa; (void)sb; (void)ua; (void)ub; (void)w;                           \
    return E;                                                                  \
  }
SIMD(V)
#undef V

enum {
#define V(N, ...) S_##N##2, S_##N##4,
  SIMD(V)
#undef V
  // Scalar intrinsics after the SIMD ones.
  I_dp4a_s, I_dp4a_u, I_dp4a_c4, I_dp4a_uc4, I_dp2lo_s, I_dp2lo_u, I_dp2lo_v,
  I_dp2lo_uv, I_dp2hi_s, I_dp2hi_u, I_dp2hi_v, I_dp2hi_uv, I_byte_perm,
  I_fshl, I_fshr, I_fshlc, I_fshrc, I_popc, I_popcll, I_clz, I_clzll, I_ffs,
  I_ffsll, I_brev, I_brevll, I_mul24, I_umul24, I_mulhi, I_umulhi, I_mul64hi,
  I_umul64hi, I_sad, I_usad, I_hadd, I_rhadd, I_uhadd, I_urhadd, NFUNCS
};

template <typename V> __device__ V asVec(unsigned x) {
  V v;
  memcpy(&v, &x, 4);
  return v;
}

__global__ void kernel(const unsigned *as, const unsigned *bs,
                       const unsigned *cs, unsigned long long *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned a = as[i], b = bs[i], c = cs[i];
  unsigned long long A = ((unsigned long long)a << 32) | b,
                     B = ((unsigned long long)c << 32) | (a ^ b);
  unsigned long long *o = out + (size_t)i * NFUNCS;
// Unary forms take only a; the 0/1 flag picks the call shape.
#define CALL_1(F, A, B) F(A)
#define CALL_0(F, A, B) F(A, B)
#define CALL(U, F, A, B) CALL_##U(F, A, B)
#define V(N, E, PACKED, UNARY)                                                 \
  o[S_##N##2] = CALL(UNARY, N##2, a, b);                                       \
  o[S_##N##4] = CALL(UNARY, N##4, a, b);
  SIMD(V)
#undef V
  o[I_dp4a_s] = (unsigned)__dp4a((int)a, (int)b, (int)c);
  o[I_dp4a_u] = __dp4a(a, b, c);
  o[I_dp4a_c4] = (unsigned)__dp4a(asVec<char4>(a), asVec<char4>(b), (int)c);
  o[I_dp4a_uc4] = __dp4a(asVec<uchar4>(a), asVec<uchar4>(b), c);
  o[I_dp2lo_s] = (unsigned)__dp2a_lo((int)a, (int)b, (int)c);
  o[I_dp2lo_u] = __dp2a_lo(a, b, c);
  o[I_dp2lo_v] = (unsigned)__dp2a_lo(asVec<short2>(a), asVec<char4>(b), (int)c);
  o[I_dp2lo_uv] = __dp2a_lo(asVec<ushort2>(a), asVec<uchar4>(b), c);
  o[I_dp2hi_s] = (unsigned)__dp2a_hi((int)a, (int)b, (int)c);
  o[I_dp2hi_u] = __dp2a_hi(a, b, c);
  o[I_dp2hi_v] = (unsigned)__dp2a_hi(asVec<short2>(a), asVec<char4>(b), (int)c);
  o[I_dp2hi_uv] = __dp2a_hi(asVec<ushort2>(a), asVec<uchar4>(b), c);
  o[I_byte_perm] = __byte_perm(a, b, c);
  o[I_fshl] = __funnelshift_l(a, b, c & 63);
  o[I_fshr] = __funnelshift_r(a, b, c & 63);
  o[I_fshlc] = __funnelshift_lc(a, b, c & 63);
  o[I_fshrc] = __funnelshift_rc(a, b, c & 63);
  o[I_popc] = __popc(a);
  o[I_popcll] = __popcll(A);
  o[I_clz] = __clz((int)a);
  o[I_clzll] = __clzll((long long)A);
  o[I_ffs] = __ffs((int)a);
  o[I_ffsll] = __ffsll((long long)A);
  o[I_brev] = __brev(a);
  o[I_brevll] = __brevll(A);
  o[I_mul24] = (unsigned)__mul24((int)a, (int)b);
  o[I_umul24] = __umul24(a, b);
  o[I_mulhi] = (unsigned)__mulhi((int)a, (int)b);
  o[I_umulhi] = __umulhi(a, b);
  o[I_mul64hi] = (unsigned long long)__mul64hi((long long)A, (long long)B);
  o[I_umul64hi] = __umul64hi(A, B);
  o[I_sad] = __sad((int)a, (int)b, c);
  o[I_usad] = __usad(a, b, c);
  o[I_hadd] = (unsigned)__hadd((int)a, (int)b);
  o[I_rhadd] = (unsigned)__rhadd((int)a, (int)b);
  o[I_uhadd] = __uhadd(a, b);
  o[I_urhadd] = __urhadd(a, b);
}

static const char *kNames[NFUNCS] = {
#define V(N, ...) #N "2", #N "4",
    SIMD(V)
#undef V
    "__dp4a(int)", "__dp4a(unsigned)", "__dp4a(char4)", "__dp4a(uchar4)",
    "__dp2a_lo(int)", "__dp2a_lo(unsigned)", "__dp2a_lo(short2)",
    "__dp2a_lo(ushort2)", "__dp2a_hi(int)", "__dp2a_hi(unsigned)",
    "__dp2a_hi(short2)", "__dp2a_hi(ushort2)", "__byte_perm",
    "__funnelshift_l", "__funnelshift_r", "__funnelshift_lc",
    "__funnelshift_rc", "__popc", "__popcll", "__clz", "__clzll", "__ffs",
    "__ffsll", "__brev", "__brevll", "__mul24", "__umul24", "__mulhi",
    "__umulhi", "__mul64hi", "__umul64hi", "__sad", "__usad", "__hadd",
    "__rhadd", "__uhadd", "__urhadd"};

static long long sx(unsigned v, int bits) { // sign-extend the low bits
  long long m = 1ll << (bits - 1), x = v & ((1ll << bits) - 1);
  return (x ^ m) - m;
}
static unsigned dp(unsigned a, unsigned b, unsigned c, bool sgn, int kind) {
  long long s = 0;
  if (kind == 4) {
    for (int i = 0; i < 32; i += 8)
      s += sgn ? sx(a >> i, 8) * sx(b >> i, 8)
               : (long long)((a >> i) & 255) * ((b >> i) & 255);
  } else {
    int base = kind == 1 ? 16 : 0; // 0: _lo, 1: _hi
    for (int i = 0; i < 2; ++i)
      s += sgn ? sx(a >> (16 * i), 16) * sx(b >> (base + 8 * i), 8)
               : (long long)((a >> (16 * i)) & 0xffff) * ((b >> (base + 8 * i)) & 255);
  }
  return (unsigned)(s + (sgn ? (long long)(int)c : (long long)c));
}
static unsigned long long bitrev(unsigned long long x, int n) {
  unsigned long long r = 0;
  for (int i = 0; i < n; ++i) r |= ((x >> i) & 1) << (n - 1 - i);
  return r;
}

static void hostRef(unsigned a, unsigned b, unsigned c, unsigned long long *o) {
  unsigned long long A = ((unsigned long long)a << 32) | b,
                     B = ((unsigned long long)c << 32) | (a ^ b);
#define V(N, E, PACKED, UNARY)                                                 \
  o[S_##N##2] = PACKED ? packRef(a, UNARY ? 0 : b, 16, ref_##N)                \
                       : sumRef(a, b, 16, ref_##N);                            \
  o[S_##N##4] = PACKED ? packRef(a, UNARY ? 0 : b, 8, ref_##N)                 \
                       : sumRef(a, b, 8, ref_##N);
  SIMD(V)
#undef V
  o[I_dp4a_s] = o[I_dp4a_c4] = dp(a, b, c, true, 4);
  o[I_dp4a_u] = o[I_dp4a_uc4] = dp(a, b, c, false, 4);
  o[I_dp2lo_s] = o[I_dp2lo_v] = dp(a, b, c, true, 0);
  o[I_dp2lo_u] = o[I_dp2lo_uv] = dp(a, b, c, false, 0);
  o[I_dp2hi_s] = o[I_dp2hi_v] = dp(a, b, c, true, 1);
  o[I_dp2hi_u] = o[I_dp2hi_uv] = dp(a, b, c, false, 1);
  unsigned char bytes[8];
  for (int i = 0; i < 4; ++i) bytes[i] = a >> (8 * i), bytes[4 + i] = b >> (8 * i);
  unsigned bp = 0;
  for (int i = 0; i < 4; ++i) bp |= (unsigned)bytes[(c >> (4 * i)) & 7] << (8 * i);
  o[I_byte_perm] = bp;
  unsigned sh = c & 63, n = sh & 31, nc = sh > 32 ? 32 : sh;
  unsigned long long hl = ((unsigned long long)b << 32) | a;
  o[I_fshl] = (unsigned)((hl << n) >> 32);
  o[I_fshr] = (unsigned)(hl >> n);
  o[I_fshlc] = nc == 32 ? a : (unsigned)((hl << nc) >> 32);
  o[I_fshrc] = nc == 32 ? b : (unsigned)(hl >> nc);
  int pc = 0, pcl = 0, cz = 32, czl = 64, fs = 0, fsl = 0;
  for (int i = 0; i < 64; ++i) {
    if ((A >> i) & 1) { pcl++; czl = 63 - i; if (!fsl) fsl = i + 1; }
    if (i < 32 && ((a >> i) & 1)) { pc++; cz = 31 - i; if (!fs) fs = i + 1; }
  }
  o[I_popc] = pc; o[I_popcll] = pcl; o[I_clz] = cz; o[I_clzll] = czl;
  o[I_ffs] = fs; o[I_ffsll] = fsl;
  o[I_brev] = bitrev(a, 32); o[I_brevll] = bitrev(A, 64);
  o[I_mul24] = (unsigned)(sx(a, 24) * sx(b, 24));
  o[I_umul24] = (unsigned)((unsigned long long)(a & 0xffffff) * (b & 0xffffff));
  o[I_mulhi] = (unsigned)(((long long)(int)a * (int)b) >> 32);
  o[I_umulhi] = (unsigned)(((unsigned long long)a * b) >> 32);
  o[I_mul64hi] = (unsigned long long)(((__int128)(long long)A * (long long)B) >> 64);
  o[I_umul64hi] = (unsigned long long)(((unsigned __int128)A * B) >> 64);
  long long d = (long long)(int)a - (int)b;
  o[I_sad] = (unsigned)(c + (unsigned)(d < 0 ? -d : d));
  o[I_usad] = (unsigned)(c + (a > b ? a - b : b - a));
  o[I_hadd] = (unsigned)(int)(((long long)(int)a + (int)b) >> 1);
  o[I_rhadd] = (unsigned)(int)(((long long)(int)a + (int)b + 1) >> 1);
  o[I_uhadd] = (unsigned)(((unsigned long long)a + b) >> 1);
  o[I_urhadd] = (unsigned)(((unsigned long long)a + b + 1) >> 1);
}

int main() {
  const unsigned edges[] = {0u, 0xffffffffu, 0x80008000u, 0x7fff7fffu,
                            0x80808080u, 0x7f7f7f7fu, 0x00010001u, 0x01010101u,
                            0xff00ff00u, 0x8000ffffu, 1u, 0x80000000u};
  const int nE = 12, nRand = 4000, n = nRand + nE * nE;
  unsigned *as, *bs, *cs;
  unsigned long long *out;
  CHECK(cudaMallocManaged(&as, n * 4));
  CHECK(cudaMallocManaged(&bs, n * 4));
  CHECK(cudaMallocManaged(&cs, n * 4));
  CHECK(cudaMallocManaged(&out, (size_t)n * NFUNCS * 8));
  unsigned long long s = 0x2545f4914f6cdd1dull;
  for (int i = 0; i < nRand; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    as[i] = (unsigned)(s >> 32);
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    bs[i] = (unsigned)(s >> 32);
    cs[i] = (unsigned)s ^ (unsigned)(s >> 29);
    if (i % 4 == 1) bs[i] = as[i] ^ (1u << (i % 32)); // nearly equal lanes
  }
  for (int x = 0; x < nE; ++x)
    for (int y = 0; y < nE; ++y) {
      int k = nRand + x * nE + y;
      as[k] = edges[x];
      bs[k] = edges[y];
      cs[k] = 0x3210u + (unsigned)(x * 5 + y); // shifts 0..63 via & 63
    }
  kernel<<<(n + 127) / 128, 128>>>(as, bs, cs, out, n);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  int errors = 0;
  unsigned long long ref[NFUNCS];
  for (int i = 0; i < n; ++i) {
    hostRef(as[i], bs[i], cs[i], ref);
    for (int f = 0; f < NFUNCS; ++f)
      if (out[(size_t)i * NFUNCS + f] != ref[f] && errors++ < 10)
        printf("FAIL: %s(0x%08x, 0x%08x, 0x%08x) = 0x%llx, expected 0x%llx\n",
               kNames[f], as[i], bs[i], cs[i], out[(size_t)i * NFUNCS + f],
               ref[f]);
  }
  if (errors) {
    printf("FAIL: %d mismatches\n", errors);
    return 1;
  }
  printf("PASS (%d functions x %d inputs)\n", NFUNCS, n);
  return 0;
}
