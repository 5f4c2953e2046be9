// Inline PTX in device code, the way CUB and hand-tuned kernels write it:
// special registers, a shuffle with its in-segment predicate (CUB's scan
// step), ballots, the bit instructions (bfe, bfi, prmt, lop3, bfind, brev,
// popc, clz), a 64-bit add through add.cc/addc, .wide and .hi products,
// dp4a, saturating cvt, f16x2 packing, fma, loads and stores with memory
// orders and vector forms, atomics, cp.async into shared memory reached
// through cvta.to.shared, a loop written with labels and branches, and
// exit. Every result is compared with a host model of the PTX ISA's
// definition of the instruction.
#include <cuda_fp16.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

static constexpr int Threads = 96; // three warps
static constexpr int Fields = 25;

__device__ unsigned laneId() {
  unsigned Lane;
  asm("mov.u32 %0, %%laneid;" : "=r"(Lane));
  return Lane;
}

// CUB's WarpScanShfl::InclusiveScanStep for unsigned sums.
__device__ unsigned scanStep(unsigned X, int Offset) {
  unsigned R;
  asm volatile("{"
               "  .reg .u32 r0;"
               "  .reg .pred p;"
               "  shfl.sync.up.b32 r0|p, %1, %2, %3, %5;"
               "  @p add.u32 r0, r0, %4;"
               "  mov.u32 %0, r0;"
               "}"
               : "=r"(R)
               : "r"(X), "r"(Offset), "r"(0), "r"(X), "r"(0xffffffffu));
  return R;
}

// Set bits counted by a loop of labels and branches.
__device__ unsigned countBits(unsigned A) {
  unsigned N;
  asm("{ .reg .u32 v, t; .reg .pred done;"
      "  mov.u32 %0, 0; mov.u32 v, %1;"
      "LOOP:"
      "  setp.eq.u32 done, v, 0;"
      "  @done bra END;"
      "  add.u32 %0, %0, 1; sub.u32 t, v, 1; and.b32 v, v, t;"
      "  bra.uni LOOP;"
      "END: }"
      : "=r"(N)
      : "r"(A));
  return N;
}

__global__ void integerOps(const unsigned *In, unsigned *Out) {
  unsigned T = threadIdx.x, A = In[T], B = In[T + Threads],
           C = In[T + 2 * Threads];
  unsigned *O = Out + T * Fields;
  unsigned LaneMaskLt, WarpSz;
  asm("mov.u32 %0, %%lanemask_lt;" : "=r"(LaneMaskLt));
  asm("mov.u32 %0, WARP_SZ;" : "=r"(WarpSz));
  O[0] = laneId();
  O[1] = LaneMaskLt;
  O[2] = scanStep(A & 0xffff, 1);
  unsigned Ballot;
  asm volatile("{ .reg .pred p; setp.ne.u32 p, %1, 0; "
               "vote.sync.ballot.b32 %0, p, 0xffffffff; }"
               : "=r"(Ballot)
               : "r"(A & 1));
  O[3] = Ballot;
  asm("bfe.u32 %0, %1, %2, %3;"
      : "=r"(O[4])
      : "r"(A), "r"(B & 63), "r"(C & 63));
  int SignedField;
  asm("bfe.s32 %0, %1, %2, %3;"
      : "=r"(SignedField)
      : "r"(A), "r"(B & 63), "r"(C & 63));
  O[5] = SignedField;
  asm("bfi.b32 %0, %1, %2, %3, %4;"
      : "=r"(O[6])
      : "r"(A), "r"(B), "r"(C & 63), "r"((C >> 8) & 63));
  asm("prmt.b32 %0, %1, %2, %3;" : "=r"(O[7]) : "r"(A), "r"(B), "r"(C));
  asm("lop3.b32 %0, %1, %2, %3, 0xb4;" : "=r"(O[8]) : "r"(A), "r"(B), "r"(C));
  asm("bfind.u32 %0, %1;" : "=r"(O[9]) : "r"(A >> (T % 32)));
  asm("brev.b32 %0, %1;" : "=r"(O[10]) : "r"(A));
  asm("popc.b32 %0, %1;" : "=r"(O[11]) : "r"(A));
  asm("clz.b32 %0, %1;" : "=r"(O[12]) : "r"(A >> (T % 32)));
  // 64-bit sum of (A,B) and (C,A) as two 32-bit halves.
  asm("add.cc.u32 %0, %2, %4; addc.u32 %1, %3, %5;"
      : "=r"(O[13]), "=r"(O[14])
      : "r"(A), "r"(B), "r"(C), "r"(A));
  unsigned long long Wide;
  asm("mul.wide.u32 %0, %1, %2;" : "=l"(Wide) : "r"(A), "r"(B));
  O[15] = unsigned(Wide >> 32) ^ unsigned(Wide);
  asm("mul.hi.s32 %0, %1, %2;" : "=r"(O[16]) : "r"(A), "r"(C));
  asm("dp4a.s32.u32 %0, %1, %2, %3;" : "=r"(O[17]) : "r"(A), "r"(B), "r"(C));
  asm("shl.b32 %0, %1, %2;" : "=r"(O[18]) : "r"(A), "r"(B & 63));
  asm("shr.s32 %0, %1, %2;" : "=r"(O[19]) : "r"(A), "r"(C & 63));
  O[20] = countBits(A);
  asm("{ .reg .pred p; setp.lt.u32 p, %1, %2; selp.b32 %0, %1, %2, p; }"
      : "=r"(O[21])
      : "r"(A), "r"(B));
  asm("min.s32 %0, %1, %2;" : "=r"(O[22]) : "r"(A), "r"(C));
  asm("add.u32 %0, %0, %1;" : "+r"(WarpSz) : "r"(A));
  O[23] = WarpSz;
  // %globaltimer counts nanoseconds: non-zero and never going back.
  unsigned long long Before, After;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(Before));
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(After));
  O[24] = Before != 0 && After >= Before;
}

__global__ void floatOps(const float *In, int *IntOut, float *FloatOut,
                         unsigned *HalfOut) {
  unsigned T = threadIdx.x;
  float X = In[T], Y = In[T + Threads];
  int Rounded, Truncated;
  asm("cvt.rni.s32.f32 %0, %1;" : "=r"(Rounded) : "f"(X * 1e9f));
  asm("cvt.rzi.s32.f32 %0, %1;" : "=r"(Truncated) : "f"(X));
  IntOut[2 * T] = Rounded;
  IntOut[2 * T + 1] = Truncated;
  float Fma, Rcp, Sqrt;
  asm("fma.rn.f32 %0, %1, %2, %3;" : "=f"(Fma) : "f"(X), "f"(Y), "f"(1.0f));
  asm("rcp.approx.f32 %0, %1;" : "=f"(Rcp) : "f"(Y));
  asm("sqrt.approx.f32 %0, %1;" : "=f"(Sqrt) : "f"(fabsf(X)));
  FloatOut[3 * T] = Fma;
  FloatOut[3 * T + 1] = Rcp;
  FloatOut[3 * T + 2] = Sqrt;
  asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(HalfOut[T]) : "f"(X), "f"(Y));
}

// Each block stages 64 words in shared memory with cp.async (the last 16
// bytes zero-filled past src-size), reads them back through .shared
// addresses, and accumulates with atomics.
__global__ void memoryOps(const unsigned *In, unsigned *Out, unsigned *Sum,
                          unsigned *Flags) {
  __shared__ __align__(16) unsigned Stage[64];
  unsigned T = threadIdx.x;
  if (T < 16) {
    unsigned long long Dst;
    asm("cvta.to.shared.u64 %0, %1;" : "=l"(Dst) : "l"(Stage + 4 * T));
    unsigned SrcBytes = T == 15 ? 8 : 16;
    asm volatile("cp.async.ca.shared.global [%0], [%1], 16, %2;"
                 :
                 : "r"(unsigned(Dst)), "l"(In + 4 * T), "r"(SrcBytes)
                 : "memory");
  }
  asm volatile("cp.async.commit_group;" ::: "memory");
  asm volatile("cp.async.wait_group 0;" ::: "memory");
  __syncthreads();
  if (T < 64) {
    unsigned Word;
    unsigned long long Base;
    asm("cvta.to.shared.u64 %0, %1;" : "=l"(Base) : "l"(Stage));
    asm volatile("ld.shared.u32 %0, [%1];"
                 : "=r"(Word)
                 : "r"(unsigned(Base) + 4 * T));
    asm volatile("st.release.gpu.global.u32 [%0], %1;"
                 :
                 : "l"(Out + T), "r"(Word)
                 : "memory");
    unsigned Old;
    asm volatile("atom.add.relaxed.gpu.global.u32 %0, [%1], %2;"
                 : "=r"(Old)
                 : "l"(Sum), "r"(Word)
                 : "memory");
    // The last adder sees the whole sum before its own word.
    asm volatile("red.global.max.u32 [%0], %1;" ::"l"(Sum + 3), "r"(Old + Word)
                 : "memory");
    asm volatile("red.global.max.u32 [%0], %1;" ::"l"(Sum + 1), "r"(Word)
                 : "memory");
    unsigned Prev;
    asm volatile("atom.global.cas.b32 %0, [%1], %2, %3;"
                 : "=r"(Prev)
                 : "l"(Flags + T), "r"(0u), "r"(T + 1)
                 : "memory");
    // Each flag is won once (Prev 0); the other blocks see T + 1.
    unsigned Outcome = Prev == 0 ? 1u : Prev == T + 1 ? 0u : 1000u;
    asm volatile("red.global.add.u32 [%0], %1;" ::"l"(Sum + 2), "r"(Outcome)
                 : "memory");
  }
  if (T == 0) {
    uint4 Four;
    asm volatile("ld.global.nc.v4.u32 {%0, %1, %2, %3}, [%4];"
                 : "=r"(Four.x), "=r"(Four.y), "=r"(Four.z), "=r"(Four.w)
                 : "l"(In));
    asm volatile("st.global.v4.u32 [%0], {%1, %2, %3, %4};" ::"l"(Out + 64),
                 "r"(Four.w), "r"(Four.z), "r"(Four.y), "r"(Four.x)
                 : "memory");
  }
}

// Odd threads leave with PTX's exit; the even ones still meet at a barrier.
__global__ void exitOps(unsigned *Out) {
  __shared__ unsigned Count;
  if (threadIdx.x == 0)
    Count = 0;
  __syncthreads();
  if (threadIdx.x & 1)
    asm volatile("exit;");
  atomicAdd(&Count, 1u);
  __syncthreads();
  Out[threadIdx.x] = Count;
}

// Host models of the PTX ISA's definitions.
static uint32_t bfeU(uint32_t A, uint32_t Pos, uint32_t Len) {
  uint32_t R = 0;
  for (uint32_t I = 0; I < 32; ++I)
    if (I < Len && Pos + I <= 31)
      R |= ((A >> (Pos + I)) & 1u) << I;
  return R;
}
static uint32_t bfeS(uint32_t A, uint32_t Pos, uint32_t Len) {
  uint32_t Msb = Pos + Len - 1 < 31 ? Pos + Len - 1 : 31;
  uint32_t Sign = Len == 0 ? 0 : (A >> Msb) & 1u;
  uint32_t R = 0;
  for (uint32_t I = 0; I < 32; ++I) {
    uint32_t Bit = (I < Len && Pos + I <= 31) ? (A >> (Pos + I)) & 1u : Sign;
    R |= Bit << I;
  }
  return R;
}
static uint32_t bfi(uint32_t A, uint32_t B, uint32_t Pos, uint32_t Len) {
  uint32_t R = B;
  for (uint32_t I = 0; I < Len && Pos + I <= 31; ++I)
    R = (R & ~(1u << (Pos + I))) | (((A >> I) & 1u) << (Pos + I));
  return R;
}
static uint32_t prmt(uint32_t A, uint32_t B, uint32_t C) {
  uint64_t Bytes = (uint64_t(B) << 32) | A;
  uint32_t R = 0;
  for (int I = 0; I < 4; ++I) {
    uint32_t Sel = (C >> (4 * I)) & 0xf;
    uint32_t Byte = (Bytes >> (8 * (Sel & 7))) & 0xff;
    if (Sel & 8)
      Byte = (Byte & 0x80) ? 0xff : 0;
    R |= Byte << (8 * I);
  }
  return R;
}
static uint32_t lop3(uint32_t A, uint32_t B, uint32_t C, uint32_t Lut) {
  uint32_t R = 0;
  for (int I = 0; I < 32; ++I) {
    uint32_t Index =
        (((A >> I) & 1) << 2) | (((B >> I) & 1) << 1) | ((C >> I) & 1);
    R |= ((Lut >> Index) & 1u) << I;
  }
  return R;
}
static uint32_t bfind(uint32_t A) {
  for (int I = 31; I >= 0; --I)
    if ((A >> I) & 1)
      return I;
  return 0xffffffffu;
}
static uint32_t brev(uint32_t A) {
  uint32_t R = 0;
  for (int I = 0; I < 32; ++I)
    R |= ((A >> I) & 1u) << (31 - I);
  return R;
}
static uint32_t popc(uint32_t A) {
  uint32_t N = 0;
  for (; A; A &= A - 1)
    ++N;
  return N;
}
static uint32_t clz(uint32_t A) { return A ? 31 - bfind(A) : 32; }
static uint32_t dp4a(uint32_t A, uint32_t B, uint32_t C) {
  int32_t R = int32_t(C);
  for (int I = 0; I < 4; ++I)
    R += int32_t(int8_t(A >> (8 * I))) * int32_t(uint8_t(B >> (8 * I)));
  return uint32_t(R);
}
static uint16_t toHalfBits(float F) {
  __half H = __float2half_rn(F);
  uint16_t Bits;
  std::memcpy(&Bits, &H, 2);
  return Bits;
}

static uint32_t Seed = 12345;
static uint32_t lcg() { return Seed = Seed * 1664525u + 1013904223u; }

static int checkIntegers() {
  std::vector<unsigned> In(3 * Threads), Out(Threads * Fields);
  for (unsigned &V : In)
    V = lcg();
  In[5] = 0; // bfind/clz of zero
  unsigned *DIn, *DOut;
  CHECK(cudaMalloc(&DIn, In.size() * 4));
  CHECK(cudaMalloc(&DOut, Out.size() * 4));
  CHECK(cudaMemcpy(DIn, In.data(), In.size() * 4, cudaMemcpyHostToDevice));
  integerOps<<<1, Threads>>>(DIn, DOut);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DOut, Out.size() * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DOut));
  int Bad = 0;
  for (unsigned T = 0; T < Threads; ++T) {
    uint32_t A = In[T], B = In[T + Threads], C = In[T + 2 * Threads];
    uint32_t Lane = T % 32, WarpBase = T - Lane;
    uint32_t Ballot = 0;
    for (int L = 0; L < 32; ++L)
      Ballot |= (In[WarpBase + L] & 1u) << L;
    uint64_t Wide = uint64_t(A) * B;
    uint64_t Sum64 = ((uint64_t(B) << 32) | A) + ((uint64_t(A) << 32) | C);
    uint32_t Want[Fields] = {
        Lane,
        (1u << Lane) - 1,
        (A & 0xffff) + (Lane ? In[T - 1] & 0xffff : 0),
        Ballot,
        bfeU(A, B & 63, C & 63),
        bfeS(A, B & 63, C & 63),
        bfi(A, B, C & 63, (C >> 8) & 63),
        prmt(A, B, C),
        lop3(A, B, C, 0xb4),
        bfind(A >> Lane),
        brev(A),
        popc(A),
        clz(A >> Lane),
        uint32_t(Sum64),
        uint32_t(Sum64 >> 32),
        uint32_t(Wide >> 32) ^ uint32_t(Wide),
        uint32_t((int64_t(int32_t(A)) * int32_t(C)) >> 32),
        dp4a(A, B, C),
        (B & 63) >= 32 ? 0 : A << (B & 63),
        uint32_t(int32_t(A) >> ((C & 63) > 31 ? 31 : (C & 63))),
        popc(A),
        A < B ? A : B,
        uint32_t(int32_t(A) < int32_t(C) ? int32_t(A) : int32_t(C)),
        32 + A,
        1,
    };
    for (int F = 0; F < Fields; ++F)
      if (Out[T * Fields + F] != Want[F] && Bad++ < 8)
        printf("FAIL: thread %u field %d: %08x, want %08x\n", T, F,
               Out[T * Fields + F], Want[F]);
  }
  return Bad;
}

static int checkFloats() {
  std::vector<float> In(2 * Threads), FloatOut(3 * Threads);
  std::vector<int> IntOut(2 * Threads);
  std::vector<unsigned> HalfOut(Threads);
  for (float &V : In)
    V = float(int(lcg() % 20001) - 10000) / 64.0f;
  In[7] = 3.5f;  // ties round to even: 3.5e9 saturates
  In[8] = -2.5f; // truncation toward zero
  float *DIn, *DFloat;
  int *DInt;
  unsigned *DHalf;
  CHECK(cudaMalloc(&DIn, In.size() * 4));
  CHECK(cudaMalloc(&DFloat, FloatOut.size() * 4));
  CHECK(cudaMalloc(&DInt, IntOut.size() * 4));
  CHECK(cudaMalloc(&DHalf, HalfOut.size() * 4));
  CHECK(cudaMemcpy(DIn, In.data(), In.size() * 4, cudaMemcpyHostToDevice));
  floatOps<<<1, Threads>>>(DIn, DInt, DFloat, DHalf);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(IntOut.data(), DInt, IntOut.size() * 4,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(FloatOut.data(), DFloat, FloatOut.size() * 4,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(HalfOut.data(), DHalf, HalfOut.size() * 4,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DFloat));
  CHECK(cudaFree(DInt));
  CHECK(cudaFree(DHalf));
  int Bad = 0;
  for (int T = 0; T < Threads; ++T) {
    float X = In[T], Y = In[T + Threads];
    // cvt.rni saturates to INT_MIN/INT_MAX; X * 1e9f is far out of range.
    double Big = std::nearbyint(double(X * 1e9f));
    int WantRounded = Big >= 2147483647.0    ? 2147483647
                      : Big <= -2147483648.0 ? int(-2147483647 - 1)
                                             : int(Big);
    int WantTruncated = int(std::trunc(X));
    if ((IntOut[2 * T] != WantRounded || IntOut[2 * T + 1] != WantTruncated) &&
        Bad++ < 8)
      printf("FAIL: cvt of %g: %d %d, want %d %d\n", X, IntOut[2 * T],
             IntOut[2 * T + 1], WantRounded, WantTruncated);
    float WantFma = std::fma(X, Y, 1.0f);
    float WantRcp = 1.0f / Y, WantSqrt = std::sqrt(std::fabs(X));
    if ((FloatOut[3 * T] != WantFma ||
         std::fabs(FloatOut[3 * T + 1] - WantRcp) >
             1e-6f * std::fabs(WantRcp) ||
         std::fabs(FloatOut[3 * T + 2] - WantSqrt) > 1e-6f * WantSqrt) &&
        Bad++ < 8)
      printf("FAIL: fma/rcp/sqrt of %g, %g\n", X, Y);
    uint32_t WantHalf = (uint32_t(toHalfBits(X)) << 16) | toHalfBits(Y);
    if (HalfOut[T] != WantHalf && Bad++ < 8)
      printf("FAIL: f16x2 of %g, %g: %08x, want %08x\n", X, Y, HalfOut[T],
             WantHalf);
  }
  return Bad;
}

static int checkMemory() {
  const int Blocks = 4;
  std::vector<unsigned> In(64), Out(68), Sum(4), Flags(64);
  for (unsigned &V : In)
    V = lcg() % 100000;
  unsigned *DIn, *DOut, *DSum, *DFlags;
  CHECK(cudaMalloc(&DIn, In.size() * 4));
  CHECK(cudaMalloc(&DOut, Out.size() * 4));
  CHECK(cudaMalloc(&DSum, Sum.size() * 4));
  CHECK(cudaMalloc(&DFlags, Flags.size() * 4));
  CHECK(cudaMemcpy(DIn, In.data(), In.size() * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemset(DSum, 0, Sum.size() * 4));
  CHECK(cudaMemset(DFlags, 0, Flags.size() * 4));
  memoryOps<<<Blocks, 128>>>(DIn, DOut, DSum, DFlags);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DOut, Out.size() * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Sum.data(), DSum, Sum.size() * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Flags.data(), DFlags, Flags.size() * 4,
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DOut));
  CHECK(cudaFree(DSum));
  CHECK(cudaFree(DFlags));
  int Bad = 0;
  unsigned WantSum = 0, WantMax = 0;
  for (int I = 0; I < 64; ++I) {
    unsigned Want = I >= 62 ? 0 : In[I]; // 8 bytes of the last 16 copied
    WantSum += Want;
    WantMax = Want > WantMax ? Want : WantMax;
    if ((Out[I] != Want || Flags[I] != unsigned(I + 1)) && Bad++ < 8)
      printf("FAIL: staged word %d: %u (flag %u), want %u\n", I, Out[I],
             Flags[I], Want);
  }
  for (int I = 0; I < 4; ++I)
    if (Out[64 + I] != In[3 - I] && Bad++ < 8)
      printf("FAIL: v4 word %d: %u, want %u\n", I, Out[64 + I], In[3 - I]);
  if ((Sum[0] != Blocks * WantSum || Sum[1] != WantMax || Sum[2] != 64 ||
       Sum[3] != Sum[0]) &&
      Bad++ < 8)
    printf("FAIL: atomics: %u %u %u %u, want %u %u 64 %u\n", Sum[0], Sum[1],
           Sum[2], Sum[3], Blocks * WantSum, WantMax, Blocks * WantSum);
  return Bad;
}

static int checkExit() {
  std::vector<unsigned> Out(64, 0xdead);
  unsigned *DOut;
  CHECK(cudaMalloc(&DOut, Out.size() * 4));
  CHECK(cudaMemcpy(DOut, Out.data(), Out.size() * 4, cudaMemcpyHostToDevice));
  exitOps<<<1, 64>>>(DOut);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DOut, Out.size() * 4, cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DOut));
  int Bad = 0;
  for (int I = 0; I < 64; ++I) {
    unsigned Want = I & 1 ? 0xdead : 32;
    if (Out[I] != Want && Bad++ < 8)
      printf("FAIL: exit: thread %d wrote %u, want %u\n", I, Out[I], Want);
  }
  return Bad;
}

int main() {
  int Bad = checkIntegers() + checkFloats() + checkMemory() + checkExit();
  CHECK(cudaDeviceSynchronize());
  if (Bad) {
    printf("FAIL: %d mismatches\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
