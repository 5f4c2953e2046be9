// CUB's data-movement primitives inside user kernels, from the real CUB
// headers: BlockExchange (striped to blocked and back, warp-striped to
// blocked, scatter to striped by ranks), WarpExchange (striped to blocked
// and back on logical warps of 8), WarpLoad/WarpStore with a transpose, and
// BlockShuffle (Offset, Rotate, Up, Down). Every output is compared with the
// position the element must reach, computed on the host.
#include <cub/block/block_exchange.cuh>
#include <cub/block/block_shuffle.cuh>
#include <cub/warp/warp_exchange.cuh>
#include <cub/warp/warp_load.cuh>
#include <cub/warp/warp_store.cuh>

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

static constexpr int Threads = 96; // three warps
static constexpr int Items = 3;
static constexpr int Tile = Threads * Items;
static constexpr int Blocks = 4;
static constexpr int LogicalWarp = 8;

static int failures = 0;

static void expect(const char *What, int Index, long long Got, long long Want) {
  if (Got != Want && failures++ < 10)
    printf("FAIL: %s[%d]: got %lld expected %lld\n", What, Index, Got, Want);
}

/// Block exchanges: each writes Tile values per block in the order it
/// produced them (thread-major), so the host can check every element.
__global__ void blockExchange(int *Blocked, int *Striped, int *FromWarps,
                              int *Scattered) {
  using Exchange = cub::BlockExchange<int, Threads, Items>;
  __shared__ typename Exchange::TempStorage Temp;
  int T = threadIdx.x, Base = blockIdx.x * Tile;
  int V[Items];

  // Striped input: item I of thread T is element I * Threads + T.
  for (int I = 0; I < Items; ++I)
    V[I] = Base + I * Threads + T;
  Exchange(Temp).StripedToBlocked(V);
  for (int I = 0; I < Items; ++I)
    Blocked[Base + T * Items + I] = V[I];
  __syncthreads();

  // And back: blocked in, striped out.
  Exchange(Temp).BlockedToStriped(V);
  for (int I = 0; I < Items; ++I)
    Striped[Base + T * Items + I] = V[I];
  __syncthreads();

  // Warp-striped input: within each warp, item I of lane L is element
  // warp_base + I * 32 + L.
  int Warp = T / 32, Lane = T % 32;
  for (int I = 0; I < Items; ++I)
    V[I] = Base + Warp * 32 * Items + I * 32 + Lane;
  Exchange(Temp).WarpStripedToBlocked(V);
  for (int I = 0; I < Items; ++I)
    FromWarps[Base + T * Items + I] = V[I];
  __syncthreads();

  // Scatter by rank: element with rank R goes to striped position R. The
  // ranks reverse the tile.
  int Ranks[Items];
  for (int I = 0; I < Items; ++I) {
    V[I] = Base + T * Items + I;
    Ranks[I] = Tile - 1 - (T * Items + I);
  }
  Exchange(Temp).ScatterToStriped(V, Ranks);
  for (int I = 0; I < Items; ++I)
    Scattered[Base + T * Items + I] = V[I];
}

/// WarpExchange on logical warps of 8 threads, and WarpLoad/WarpStore with
/// a transpose on full warps.
__global__ void warpExchange(const long long *In, long long *Blocked,
                             long long *Striped, long long *Copied) {
  constexpr int Warps = Threads / LogicalWarp;
  using Exchange = cub::WarpExchange<long long, Items, LogicalWarp>;
  using Load = cub::WarpLoad<long long, Items, cub::WARP_LOAD_TRANSPOSE>;
  using Store = cub::WarpStore<long long, Items, cub::WARP_STORE_TRANSPOSE>;
  __shared__ typename Exchange::TempStorage Temp[Warps];
  __shared__ typename Load::TempStorage LoadTemp[Threads / 32];
  __shared__ typename Store::TempStorage StoreTemp[Threads / 32];
  int T = threadIdx.x, W = T / LogicalWarp, L = T % LogicalWarp;
  int Base = blockIdx.x * Tile;
  long long V[Items];

  // Striped over the logical warp: item I of lane L is element
  // warp_base + I * 8 + L.
  int WarpBase = Base + W * LogicalWarp * Items;
  for (int I = 0; I < Items; ++I)
    V[I] = In[WarpBase + I * LogicalWarp + L];
  Exchange(Temp[W]).StripedToBlocked(V, V);
  for (int I = 0; I < Items; ++I)
    Blocked[Base + T * Items + I] = V[I];
  __syncwarp();
  Exchange(Temp[W]).BlockedToStriped(V, V);
  for (int I = 0; I < Items; ++I)
    Striped[Base + T * Items + I] = V[I];

  // A whole warp's tile in (blocked after the transpose), doubled, out.
  int FullWarp = T / 32;
  int FullBase = Base + FullWarp * 32 * Items;
  Load(LoadTemp[FullWarp]).Load(In + FullBase, V);
  for (int I = 0; I < Items; ++I)
    V[I] *= 2;
  Store(StoreTemp[FullWarp]).Store(Copied + FullBase, V);
}

/// BlockShuffle: neighbours' values by offset and rotation, and the
/// blocked up/down shifts with the block's boundary items.
__global__ void blockShuffle(int *Offset, int *Rotated, int *Up, int *Down,
                             int *Ends) {
  using Shuffle = cub::BlockShuffle<int, Threads>;
  __shared__ typename Shuffle::TempStorage Temp;
  int T = threadIdx.x, Base = blockIdx.x * Threads;
  int Mine = 1000 * blockIdx.x + T;

  int Got = -1; // Offset leaves threads without a source untouched
  Shuffle(Temp).Offset(Mine, Got, 5);
  Offset[Base + T] = Got;
  __syncthreads();
  Shuffle(Temp).Rotate(Mine, Got, 7);
  Rotated[Base + T] = Got;
  __syncthreads();

  // The item without a source (the tile's first for Up, last for Down)
  // keeps what it had.
  int V[Items], Shifted[Items];
  for (int I = 0; I < Items; ++I) {
    V[I] = 1000 * blockIdx.x + T * Items + I;
    Shifted[I] = -1;
  }
  int Suffix;
  Shuffle(Temp).Up(V, Shifted, Suffix);
  for (int I = 0; I < Items; ++I)
    Up[blockIdx.x * Tile + T * Items + I] = Shifted[I];
  __syncthreads();
  for (int I = 0; I < Items; ++I)
    Shifted[I] = -1;
  int Prefix;
  Shuffle(Temp).Down(V, Shifted, Prefix);
  for (int I = 0; I < Items; ++I)
    Down[blockIdx.x * Tile + T * Items + I] = Shifted[I];
  if (T == 0) {
    Ends[2 * blockIdx.x] = Suffix;
    Ends[2 * blockIdx.x + 1] = Prefix;
  }
}

template <typename T> struct Buffer {
  T *D = nullptr;
  size_t N;
  explicit Buffer(size_t N) : N(N) {
    if (cudaMalloc(&D, N * sizeof(T)) != cudaSuccess)
      D = nullptr;
  }
  ~Buffer() { cudaFree(D); }
  std::vector<T> get() const {
    std::vector<T> H(N);
    cudaMemcpy(H.data(), D, N * sizeof(T), cudaMemcpyDeviceToHost);
    return H;
  }
};

static int checkBlockExchange() {
  size_t N = size_t(Blocks) * Tile;
  Buffer<int> Blocked(N), Striped(N), FromWarps(N), Scattered(N);
  blockExchange<<<Blocks, Threads>>>(Blocked.D, Striped.D, FromWarps.D,
                                     Scattered.D);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  auto B = Blocked.get(), S = Striped.get(), W = FromWarps.get(),
       R = Scattered.get();
  for (int Blk = 0; Blk < Blocks; ++Blk)
    for (int T = 0; T < Threads; ++T)
      for (int I = 0; I < Items; ++I) {
        int Base = Blk * Tile, At = Base + T * Items + I;
        // Blocked: thread T holds elements T * Items .. + Items - 1.
        expect("StripedToBlocked", At, B[At], Base + T * Items + I);
        // Back to striped: item I of thread T is element I * Threads + T.
        expect("BlockedToStriped", At, S[At], Base + I * Threads + T);
        // Warp-striped to blocked: lane L of warp w holds the warp's
        // elements L * Items ...
        int Warp = T / 32, Lane = T % 32;
        expect("WarpStripedToBlocked", At, W[At],
               Base + Warp * 32 * Items + Lane * Items + I);
        // Striped position P = I * Threads + T holds the element whose
        // rank is P: element Tile - 1 - P.
        int P = I * Threads + T;
        expect("ScatterToStriped", At, R[At], Base + Tile - 1 - P);
      }
  return 0;
}

static int checkWarpExchange() {
  size_t N = size_t(Blocks) * Tile;
  std::vector<long long> H(N);
  for (size_t I = 0; I < N; ++I)
    H[I] = (long long)I * 1000003LL - 77;
  Buffer<long long> In(N), Blocked(N), Striped(N), Copied(N);
  CHECK(cudaMemcpy(In.D, H.data(), N * sizeof(long long),
                   cudaMemcpyHostToDevice));
  warpExchange<<<Blocks, Threads>>>(In.D, Blocked.D, Striped.D, Copied.D);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  auto B = Blocked.get(), S = Striped.get(), C = Copied.get();
  for (int Blk = 0; Blk < Blocks; ++Blk)
    for (int T = 0; T < Threads; ++T)
      for (int I = 0; I < Items; ++I) {
        int Base = Blk * Tile, At = Base + T * Items + I;
        int W = T / LogicalWarp, L = T % LogicalWarp;
        int WarpBase = Base + W * LogicalWarp * Items;
        expect("WarpExchange::StripedToBlocked", At, B[At],
               H[WarpBase + L * Items + I]);
        expect("WarpExchange::BlockedToStriped", At, S[At],
               H[WarpBase + I * LogicalWarp + L]);
      }
  for (size_t I = 0; I < N; ++I)
    expect("WarpLoad/WarpStore", (int)I, C[I], 2 * H[I]);
  return 0;
}

static int checkBlockShuffle() {
  Buffer<int> Offset(Blocks * Threads), Rotated(Blocks * Threads),
      Up(Blocks * Tile), Down(Blocks * Tile), Ends(2 * Blocks);
  blockShuffle<<<Blocks, Threads>>>(Offset.D, Rotated.D, Up.D, Down.D, Ends.D);
  CHECK(cudaGetLastError());
  CHECK(cudaDeviceSynchronize());
  auto O = Offset.get(), R = Rotated.get(), U = Up.get(), D = Down.get(),
       E = Ends.get();
  for (int Blk = 0; Blk < Blocks; ++Blk) {
    for (int T = 0; T < Threads; ++T) {
      int At = Blk * Threads + T;
      // Offset(5): thread T receives thread T + 5's value where it exists.
      expect("Offset", At, O[At], T + 5 < Threads ? 1000 * Blk + T + 5 : -1);
      expect("Rotate", At, R[At], 1000 * Blk + (T + 7) % Threads);
    }
    for (int K = 0; K < Tile; ++K) {
      int At = Blk * Tile + K;
      // Up: every item moves one place up the blocked order (item K takes
      // K - 1's value); Down the other way.
      expect("Up", At, U[At], K == 0 ? -1 : 1000 * Blk + K - 1);
      expect("Down", At, D[At], K == Tile - 1 ? -1 : 1000 * Blk + K + 1);
    }
    // Up also hands every thread the tile's last item, Down its first.
    expect("Up block_suffix", 2 * Blk, E[2 * Blk], 1000 * Blk + Tile - 1);
    expect("Down block_prefix", 2 * Blk + 1, E[2 * Blk + 1], 1000 * Blk);
  }
  return 0;
}

int main() {
  if (checkBlockExchange() || checkWarpExchange() || checkBlockShuffle())
    return 1;
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
