// Packing 4-, 2- and 8-bit integers into 32-bit registers with PTX's
// cvt.pack.sat (sm_72+; what CUTLASS's int4 converters and quantised
// inference kernels use to build the s4 and s8 operands of mma.sync):
// each pair of s32 inputs is clamped to the narrow type, b lands in the
// lowest bits, a just above, and c's low bits fill the rest. Checked
// against the host for values inside, at and beyond each type's range.
#include <cstdint>
#include <cstdio>
#include <cuda_runtime.h>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int Kinds = 7;

// Eight s32 values into one s4x8 register, element 0 in the lowest bits
// (four cvt.pack steps, each shifting the previous pairs up).
__device__ unsigned packS4x8(const int *V) {
  unsigned R;
  asm("{ .reg .u32 t;\n"
      "cvt.pack.sat.s4.s32.b32 t, %8, %7, 0;\n"
      "cvt.pack.sat.s4.s32.b32 t, %6, %5, t;\n"
      "cvt.pack.sat.s4.s32.b32 t, %4, %3, t;\n"
      "cvt.pack.sat.s4.s32.b32 %0, %2, %1, t; }"
      : "=r"(R)
      : "r"(V[0]), "r"(V[1]), "r"(V[2]), "r"(V[3]), "r"(V[4]), "r"(V[5]),
        "r"(V[6]), "r"(V[7]));
  return R;
}

__global__ void packAll(const int *In, unsigned *Out, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I >= N)
    return;
  const int *V = In + 8 * I;
  unsigned *O = Out + Kinds * I;
  unsigned R;
  O[0] = packS4x8(V);
  asm("cvt.pack.sat.u4.s32.b32 %0, %1, %2, %3;"
      : "=r"(R)
      : "r"(V[0]), "r"(V[1]), "r"(0x1234567u));
  O[1] = R;
  asm("cvt.pack.sat.s8.s32.b32 %0, %1, %2, %3;"
      : "=r"(R)
      : "r"(V[2]), "r"(V[3]), "r"(0xabcdu));
  O[2] = R;
  asm("cvt.pack.sat.u8.s32.b32 %0, %1, %2, %3;"
      : "=r"(R)
      : "r"(V[4]), "r"(V[5]), "r"(0xffffffffu));
  O[3] = R;
  asm("cvt.pack.sat.s2.s32.b32 %0, %1, %2, %3;"
      : "=r"(R)
      : "r"(V[6]), "r"(V[7]), "r"(0x5u));
  O[4] = R;
  asm("cvt.pack.sat.s16.s32 %0, %1, %2;" : "=r"(R) : "r"(V[0]), "r"(V[7]));
  O[5] = R;
  asm("cvt.pack.sat.u16.s32 %0, %1, %2;" : "=r"(R) : "r"(V[1]), "r"(V[6]));
  O[6] = R;
}

// The PTX ISA's definition, on the host.
static uint32_t field(int V, unsigned Bits, bool Signed) {
  long long Min = Signed ? -(1ll << (Bits - 1)) : 0;
  long long Max = Signed ? (1ll << (Bits - 1)) - 1 : (1ll << Bits) - 1;
  long long C = V < Min ? Min : V > Max ? Max : V;
  return uint32_t(C) & uint32_t((1ull << Bits) - 1);
}

static uint32_t pack(int A, int B, uint32_t C, unsigned Bits, bool Signed) {
  uint32_t D = field(B, Bits, Signed) | field(A, Bits, Signed) << Bits;
  return Bits == 16 ? D : D | uint32_t(uint64_t(C) << (2 * Bits));
}

int main() {
  const int Values[] = {0,          1,
                        -1,         7,
                        -8,         8,
                        -9,         15,
                        16,         3,
                        -128,       127,
                        128,        -129,
                        255,        256,
                        -2,         1,
                        32767,      -32768,
                        32768,      -40000,
                        65535,      65536,
                        2147483647, -2147483647 - 1};
  const int Count = sizeof(Values) / sizeof(Values[0]);
  const int N = 4096;
  std::vector<int> HIn(8 * N);
  for (int I = 0; I < 8 * N; ++I)
    HIn[I] = Values[(I * 7 + I / 8 * 3 + I / 64) % Count];
  int *In;
  unsigned *Out;
  CHECK(cudaMalloc(&In, HIn.size() * sizeof(int)));
  CHECK(cudaMalloc(&Out, Kinds * N * sizeof(unsigned)));
  CHECK(cudaMemcpy(In, HIn.data(), HIn.size() * sizeof(int),
                   cudaMemcpyHostToDevice));
  packAll<<<(N + 127) / 128, 128>>>(In, Out, N);
  CHECK(cudaGetLastError());
  std::vector<unsigned> HOut(Kinds * N);
  CHECK(cudaMemcpy(HOut.data(), Out, HOut.size() * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  int Failures = 0;
  for (int I = 0; I < N; ++I) {
    const int *V = &HIn[8 * I];
    uint32_t S4 = 0;
    for (int E = 7; E >= 0; --E)
      S4 = S4 << 4 | field(V[E], 4, true);
    const uint32_t Want[Kinds] = {S4,
                                  pack(V[0], V[1], 0x1234567u, 4, false),
                                  pack(V[2], V[3], 0xabcdu, 8, true),
                                  pack(V[4], V[5], 0xffffffffu, 8, false),
                                  pack(V[6], V[7], 0x5u, 2, true),
                                  pack(V[0], V[7], 0, 16, true),
                                  pack(V[1], V[6], 0, 16, false)};
    for (int K = 0; K < Kinds; ++K)
      if (HOut[Kinds * I + K] != Want[K] && Failures++ < 8)
        printf("element %d form %d: 0x%08x, expected 0x%08x\n", I, K,
               HOut[Kinds * I + K], Want[K]);
  }
  CHECK(cudaFree(In));
  CHECK(cudaFree(Out));
  if (Failures) {
    printf("FAIL: %d wrong registers\n", Failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
