// Chains of warp ballots: the peers of a lane with the same digit found by
// one ballot per digit bit, as CUB's MatchAny does in inline PTX
// (vote.ballot.sync.b32 and a predicated not) and as the same loop written
// with __ballot_sync, then ranked with __popc against the lanes below it.
// In whole warps, in a partial last warp, and with threads that have
// returned (they are not in any ballot). The CPU lowering computes such a
// chain for a whole warp at once; each result is checked against a host
// model of the ballots over the lanes that take part.
#include <cstdio>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

/// The lanes whose label agrees with this lane's on its low Bits bits,
/// PTX as in CUB's MatchAny.
template <int Bits> __device__ unsigned matchAnyPtx(unsigned label) {
  unsigned peers = 0;
#pragma unroll
  for (int bit = 0; bit < Bits; ++bit) {
    unsigned mask;
    unsigned current = 1u << bit;
    asm("{\n"
        "    .reg .pred p;\n"
        "    and.b32 %0, %1, %2;"
        "    setp.eq.u32 p, %0, %2;\n"
        "    vote.ballot.sync.b32 %0, p, 0xffffffff;\n"
        "    @!p not.b32 %0, %0;\n"
        "}\n"
        : "=r"(mask)
        : "r"(label), "r"(current));
    peers = bit == 0 ? mask : peers & mask;
  }
  return peers;
}

/// The same with __ballot_sync over the lanes that are active.
template <int Bits> __device__ unsigned matchAnyBallot(unsigned label) {
  unsigned active = __activemask();
  unsigned peers = active;
#pragma unroll
  for (int bit = 0; bit < Bits; ++bit) {
    bool set = label >> bit & 1;
    unsigned votes = __ballot_sync(0xffffffffu, set);
    peers &= set ? votes : ~votes;
  }
  return peers & active;
}

/// Each thread's digit, its peers and its rank among them; threads with
/// Skip[t] set return first.
__global__ void rankDigits(const unsigned *Keys, const int *Skip, int N,
                           unsigned *PtxPeers, unsigned *BallotPeers,
                           int *Ranks) {
  int T = blockIdx.x * blockDim.x + threadIdx.x;
  if (T >= N || Skip[T])
    return;
  unsigned Digit = Keys[T] >> 3 & 15;
  unsigned ViaPtx = matchAnyPtx<4>(Digit);
  unsigned ViaBallot = matchAnyBallot<4>(Digit);
  unsigned Below;
  asm("mov.u32 %0, %%lanemask_lt;" : "=r"(Below));
  PtxPeers[T] = ViaPtx;
  BallotPeers[T] = ViaBallot;
  Ranks[T] = __popc(ViaBallot & Below);
}

int main() {
  const int Block = 96 + 13; // three whole warps and a partial one
  const int Grid = 5;
  const int N = Block * Grid - 7;
  std::vector<unsigned> Keys(N);
  std::vector<int> Skip(N);
  unsigned State = 2463534242u;
  for (int I = 0; I < N; ++I) {
    State ^= State << 13;
    State ^= State >> 17;
    State ^= State << 5;
    Keys[I] = State;
    // The second block's threads return at random; the others all stay.
    Skip[I] = I / Block == 1 && (State >> 29) == 0;
  }
  unsigned *DKeys, *DPtx, *DBallot;
  int *DSkip, *DRanks;
  CHECK(cudaMalloc(&DKeys, N * sizeof(unsigned)));
  CHECK(cudaMalloc(&DSkip, N * sizeof(int)));
  CHECK(cudaMalloc(&DPtx, N * sizeof(unsigned)));
  CHECK(cudaMalloc(&DBallot, N * sizeof(unsigned)));
  CHECK(cudaMalloc(&DRanks, N * sizeof(int)));
  CHECK(cudaMemcpy(DKeys, Keys.data(), N * sizeof(unsigned),
                   cudaMemcpyHostToDevice));
  CHECK(
      cudaMemcpy(DSkip, Skip.data(), N * sizeof(int), cudaMemcpyHostToDevice));
  CHECK(cudaMemset(DPtx, 0xff, N * sizeof(unsigned)));
  CHECK(cudaMemset(DBallot, 0xff, N * sizeof(unsigned)));
  CHECK(cudaMemset(DRanks, 0xff, N * sizeof(int)));
  rankDigits<<<Grid, Block>>>(DKeys, DSkip, N, DPtx, DBallot, DRanks);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  std::vector<unsigned> Ptx(N), Ballot(N);
  std::vector<int> Ranks(N);
  CHECK(cudaMemcpy(Ptx.data(), DPtx, N * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Ballot.data(), DBallot, N * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Ranks.data(), DRanks, N * sizeof(int),
                   cudaMemcpyDeviceToHost));

  int Errors = 0;
  for (int T = 0; T < N; ++T) {
    if (Skip[T]) {
      if (Ptx[T] != 0xffffffffu || Ranks[T] != -1)
        ++Errors;
      continue;
    }
    // The warp's lanes that take part: in range and not returned.
    int WarpStart = T / Block * Block + (T % Block) / 32 * 32;
    int Lane = T - WarpStart;
    unsigned Digit = Keys[T] >> 3 & 15;
    unsigned Peers = 0;
    for (int L = 0; L < 32; ++L) {
      int U = WarpStart + L;
      if (U < N && U / Block == T / Block && !Skip[U] &&
          (Keys[U] >> 3 & 15) == Digit)
        Peers |= 1u << L;
    }
    int Rank = __builtin_popcount(Peers & ((1u << Lane) - 1));
    // A lane outside the ballot reads as a 0 bit, so the PTX form also
    // counts absent lanes as peers of lanes whose digit is all ones in
    // the bits it compares: PTX semantics, modelled the same way.
    unsigned PtxExpected = ~0u;
    for (int Bit = 0; Bit < 4; ++Bit) {
      unsigned Votes = 0;
      for (int L = 0; L < 32; ++L) {
        int U = WarpStart + L;
        if (U < N && U / Block == T / Block && !Skip[U] &&
            (Keys[U] >> (3 + Bit) & 1))
          Votes |= 1u << L;
      }
      PtxExpected &= (Digit >> Bit & 1) ? Votes : ~Votes;
    }
    if (Ballot[T] != Peers || Ranks[T] != Rank || Ptx[T] != PtxExpected) {
      if (Errors < 5)
        printf("thread %d: peers %08x/%08x (want %08x/%08x) rank %d (want "
               "%d)\n",
               T, Ballot[T], Ptx[T], Peers, PtxExpected, Ranks[T], Rank);
      ++Errors;
    }
  }
  cudaFree(DKeys);
  cudaFree(DSkip);
  cudaFree(DPtx);
  cudaFree(DBallot);
  cudaFree(DRanks);
  if (Errors) {
    printf("FAIL: %d wrong results\n", Errors);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
