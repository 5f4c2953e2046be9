// Warps of one block at different warp collectives at once, with lane
// values of different widths: even warps sum 64-bit values over a partial
// warp twice with CUB's WarpReduce (a shuffle chain that publishes the
// value and the clamp, 128 bits a lane), odd warps vote and then shuffle
// 32-bit values. The block is out of step (its warps wait at different
// cuts), so lanes that have gone on publish for their next cut while lanes
// of other warps still wait at theirs: the slots of the two widths must not
// overlap. Run for a partial and a whole warp; checked against host loops.
#include <cub/warp/warp_reduce.cuh>

#include <cstdio>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t Err = (x);                                                     \
    if (Err != cudaSuccess) {                                                  \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__,                          \
             cudaGetErrorString(Err));                                         \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int Threads = 256;
constexpr int Warps = Threads / 32;

static __host__ __device__ long long valueOf(int I) {
  return (long long)(I * 2654435761u % 100003u) << 24 | (I & 4095);
}

static __host__ __device__ bool voteOf(int I) { return I * 7 % 3 == 0; }

__global__ void mixedWidths(int Valid, long long *Sums, unsigned *Ballots,
                            int *Shuffled) {
  using WarpReduce = cub::WarpReduce<long long>;
  __shared__ typename WarpReduce::TempStorage Temp[Warps];
  int T = threadIdx.x, Warp = T / 32, Lane = T % 32;
  if (Warp % 2 == 0) {
    long long First = WarpReduce(Temp[Warp]).Sum(valueOf(T), Valid);
    __syncwarp();
    long long Second = WarpReduce(Temp[Warp]).Sum(3 * valueOf(T) + 1, Valid);
    if (Lane == 0) {
      Sums[2 * Warp] = First;
      Sums[2 * Warp + 1] = Second;
    }
  } else {
    unsigned Ballot = __ballot_sync(0xffffffffu, voteOf(T));
    Ballots[T] = Ballot;
    Shuffled[T] = __shfl_down_sync(0xffffffffu, T * 3 + int(Ballot % 7u), 1);
  }
}

static int check(int Valid) {
  long long *Sums;
  unsigned *Ballots;
  int *Shuffled;
  CHECK(cudaMalloc(&Sums, 2 * Warps * sizeof(long long)));
  CHECK(cudaMalloc(&Ballots, Threads * sizeof(unsigned)));
  CHECK(cudaMalloc(&Shuffled, Threads * sizeof(int)));
  mixedWidths<<<1, Threads>>>(Valid, Sums, Ballots, Shuffled);
  CHECK(cudaGetLastError());
  std::vector<long long> GotSums(2 * Warps);
  std::vector<unsigned> GotBallots(Threads);
  std::vector<int> GotShuffled(Threads);
  CHECK(cudaMemcpy(GotSums.data(), Sums, GotSums.size() * sizeof(long long),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(GotBallots.data(), Ballots, Threads * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(GotShuffled.data(), Shuffled, Threads * sizeof(int),
                   cudaMemcpyDeviceToHost));
  int Failures = 0;
  for (int Warp = 0; Warp < Warps; ++Warp) {
    int Base = Warp * 32;
    if (Warp % 2 == 0) {
      long long First = 0, Second = 0;
      for (int Lane = 0; Lane < Valid; ++Lane) {
        First += valueOf(Base + Lane);
        Second += 3 * valueOf(Base + Lane) + 1;
      }
      if (GotSums[2 * Warp] != First || GotSums[2 * Warp + 1] != Second) {
        printf("FAIL: valid %d, warp %d: sums %lld %lld, expected %lld %lld\n",
               Valid, Warp, GotSums[2 * Warp], GotSums[2 * Warp + 1], First,
               Second);
        ++Failures;
      }
      continue;
    }
    unsigned Ballot = 0;
    for (int Lane = 0; Lane < 32; ++Lane)
      Ballot |= unsigned(voteOf(Base + Lane)) << Lane;
    for (int Lane = 0; Lane < 32; ++Lane) {
      int T = Base + Lane, Source = Lane < 31 ? T + 1 : T;
      int Want = Source * 3 + int(Ballot % 7u);
      if (GotBallots[T] != Ballot || GotShuffled[T] != Want) {
        if (Failures++ < 10)
          printf("FAIL: valid %d, thread %d: ballot 0x%x shuffled %d, "
                 "expected 0x%x %d\n",
                 Valid, T, GotBallots[T], GotShuffled[T], Ballot, Want);
      }
    }
  }
  CHECK(cudaFree(Sums));
  CHECK(cudaFree(Ballots));
  CHECK(cudaFree(Shuffled));
  return Failures;
}

int main() {
  int Failures = check(29) + check(32) + check(1);
  if (Failures) {
    printf("FAIL: %d mismatches\n", Failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
