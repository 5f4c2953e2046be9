// CUB's thread- and warp-level utilities inside a user kernel, from the
// real CUB headers, many of them inline PTX underneath: LaneId and WarpId
// (%laneid, %warpid-free arithmetic), BFE and BFI (bfe/bfi), ShuffleIndex
// of a user struct (one shfl.sync.idx per word), the radix twiddling of
// Traits<float> (the bit order radix sort ranks by), ThreadReduce and
// ThreadScanInclusive over a thread's items, Log2 at compile time and
// DivideAndRoundUp. Each result is checked on the host.
#include <cub/thread/thread_reduce.cuh>
#include <cub/thread/thread_scan.cuh>
#include <cub/util_math.cuh>
#include <cub/util_ptx.cuh>
#include <cub/util_type.cuh>
#include <cub/warp/warp_reduce.cuh>

#include <cstdio>
#include <cstring>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

struct Packet {
  int Id;
  float Weight;
  short Tag;
};

constexpr int Threads = 96, Fields = 9;
static_assert(cub::Log2<96>::VALUE == 7, "Log2 rounds up");

__global__ void utilities(const float *In, unsigned *Out) {
  unsigned T = threadIdx.x, *Mine = Out + Fields * T;
  Mine[0] = cub::LaneId();
  Mine[1] = threadIdx.x / 32; // what WarpId() must agree with
  Mine[2] = cub::WarpId();
  unsigned Word = 0x12345678u * (T + 1);
  Mine[3] = cub::BFE(Word, T % 24, 8);
  cub::BFI(Mine[4], Word, T, 4, 12);
  Mine[4] += cub::DivideAndRoundUp(T + 1, 32u) << 28;
  // Every lane takes lane (T * 7) % 32's packet.
  Packet P = {int(T) * 3, float(T) * 0.5f, short(T - 50)};
  Packet Q = cub::ShuffleIndex<32>(P, (T * 7) % 32, 0xffffffffu);
  Mine[5] = unsigned(Q.Id) ^ (unsigned(Q.Tag) << 16);
  unsigned Bits;
  float X = In[T];
  memcpy(&Bits, &X, 4);
  Mine[6] = cub::Traits<float>::TwiddleIn(Bits);
  int Items[5] = {int(T), 2, -int(T) / 3, 7, int(T) % 5};
  Mine[7] = cub::internal::ThreadReduce(Items, cub::Sum());
  int Scanned[5];
  cub::internal::ThreadScanInclusive(Items, Scanned, cub::Max());
  Mine[8] = Scanned[0] * 1000000 + Scanned[2] * 1000 + Scanned[4];
}

int main() {
  std::vector<float> Inputs(Threads);
  for (int T = 0; T < Threads; ++T)
    Inputs[T] = T % 7 == 0 ? -0.0f : float(T - 48) * 1.25f;
  float *In;
  unsigned *Out;
  cudaMalloc(&In, Threads * sizeof(float));
  cudaMalloc(&Out, Fields * Threads * sizeof(unsigned));
  cudaMemcpy(In, Inputs.data(), Threads * sizeof(float),
             cudaMemcpyHostToDevice);
  utilities<<<1, Threads>>>(In, Out);
  std::vector<unsigned> Got(Fields * Threads);
  cudaMemcpy(Got.data(), Out, Got.size() * sizeof(unsigned),
             cudaMemcpyDeviceToHost);
  bool LaneOk = true, BfeOk = true, BfiOk = true, ShuffleOk = true,
       TwiddleOk = true, ReduceOk = true, ScanOk = true;
  for (unsigned T = 0; T < Threads; ++T) {
    const unsigned *G = &Got[Fields * T];
    LaneOk &= G[0] == T % 32 && G[2] == G[1];
    unsigned Word = 0x12345678u * (T + 1);
    BfeOk &= G[3] == ((Word >> (T % 24)) & 0xff);
    unsigned Mask = ((1u << 12) - 1) << 4;
    BfiOk &= G[4] ==
             ((Word & ~Mask) | ((T << 4) & Mask)) + (((T + 1 + 31) / 32) << 28);
    unsigned Source = T / 32 * 32 + (T * 7) % 32;
    ShuffleOk &= G[5] == ((Source * 3) ^ (unsigned(short(Source - 50)) << 16));
    unsigned Bits;
    memcpy(&Bits, &Inputs[T], 4);
    // Radix order: flip the sign bit of positives, every bit of negatives.
    TwiddleOk &= G[6] == (Bits & 0x80000000u ? ~Bits : Bits | 0x80000000u);
    int Items[5] = {int(T), 2, -int(T) / 3, 7, int(T) % 5};
    int Sum = 0, Max = Items[0], Scanned[5];
    for (int I = 0; I < 5; ++I) {
      Sum += Items[I];
      Max = Items[I] > Max ? Items[I] : Max;
      Scanned[I] = Max;
    }
    ReduceOk &= int(G[7]) == Sum;
    ScanOk &=
        int(G[8]) == Scanned[0] * 1000000 + Scanned[2] * 1000 + Scanned[4];
  }
  expect(LaneOk, "LaneId and WarpId");
  expect(BfeOk, "BFE");
  expect(BfiOk, "BFI");
  expect(ShuffleOk, "ShuffleIndex of a struct");
  expect(TwiddleOk, "Traits<float>::TwiddleIn");
  expect(ReduceOk, "ThreadReduce");
  expect(ScanOk, "ThreadScanInclusive");
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
