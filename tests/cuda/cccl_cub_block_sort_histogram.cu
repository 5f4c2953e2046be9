// More of CUB's block- and warp-level primitives inside user kernels, from
// the real CUB headers: BlockDiscontinuity (head and tail flags),
// BlockAdjacentDifference (SubtractLeft with a user functor), BlockHistogram
// (sort-based and atomic algorithms, into shared memory), BlockMergeSort
// (a stable key-value sort with a descending comparator) and WarpMergeSort
// on logical warps of 16. Each result is checked against the host.
#include <cub/block/block_adjacent_difference.cuh>
#include <cub/block/block_discontinuity.cuh>
#include <cub/block/block_histogram.cuh>
#include <cub/block/block_merge_sort.cuh>
#include <cub/warp/warp_merge_sort.cuh>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

static constexpr int Threads = 128;
static constexpr int Items = 4;
static constexpr int Tile = Threads * Items;
static constexpr int Blocks = 5;
static constexpr int Bins = 64;
static constexpr int LogicalWarp = 16;

static int failures = 0;

static void expect(const char *What, int Index, long long Got, long long Want) {
  if (Got != Want && failures++ < 10)
    printf("FAIL: %s[%d]: got %lld expected %lld\n", What, Index, Got, Want);
}

__host__ __device__ int keyOf(int I) { return (I * I) / 97; } // runs
__host__ __device__ int valueOf(int I) { return (I * 7919) % 1013 - 500; }

struct Difference {
  __device__ int operator()(int Current, int Previous) const {
    return Current - Previous;
  }
};

struct Descending {
  __device__ bool operator()(int A, int B) const { return A > B; }
};

struct Ascending {
  __device__ bool operator()(int A, int B) const { return A < B; }
};

/// Flags and differences of each block's tile (blocked arrangement).
__global__ void flagsAndDifferences(int *Heads, int *Tails, int *Diffs) {
  using Discontinuity = cub::BlockDiscontinuity<int, Threads>;
  using Adjacent = cub::BlockAdjacentDifference<int, Threads>;
  __shared__ typename Discontinuity::TempStorage FlagTemp;
  __shared__ typename Adjacent::TempStorage DiffTemp;
  int First = blockIdx.x * Tile + threadIdx.x * Items;
  int Keys[Items], Values[Items], H[Items], T[Items], D[Items];
  for (int I = 0; I < Items; ++I) {
    Keys[I] = keyOf(First + I);
    Values[I] = valueOf(First + I);
  }
  Discontinuity(FlagTemp).FlagHeads(H, Keys, cub::Inequality());
  __syncthreads();
  Discontinuity(FlagTemp).FlagTails(T, Keys, cub::Inequality());
  Adjacent(DiffTemp).SubtractLeft(Values, D, Difference());
  for (int I = 0; I < Items; ++I) {
    Heads[First + I] = H[I];
    Tails[First + I] = T[I];
    Diffs[First + I] = D[I];
  }
}

/// Each block's histogram of (valueOf & 63), by both algorithms.
__global__ void histograms(unsigned *BySort, unsigned *ByAtomic) {
  using SortHistogram = cub::BlockHistogram<unsigned char, Threads, Items, Bins,
                                            cub::BLOCK_HISTO_SORT>;
  using AtomicHistogram = cub::BlockHistogram<unsigned char, Threads, Items,
                                              Bins, cub::BLOCK_HISTO_ATOMIC>;
  __shared__ typename SortHistogram::TempStorage Temp;
  __shared__ unsigned Sorted[Bins], Atomic[Bins];
  int First = blockIdx.x * Tile + threadIdx.x * Items;
  unsigned char Samples[Items];
  for (int I = 0; I < Items; ++I)
    Samples[I] = (unsigned char)(valueOf(First + I) & (Bins - 1));
  SortHistogram(Temp).Histogram(Samples, Sorted);
  AtomicHistogram().Histogram(Samples, Atomic);
  __syncthreads();
  for (int B = threadIdx.x; B < Bins; B += Threads) {
    BySort[blockIdx.x * Bins + B] = Sorted[B];
    ByAtomic[blockIdx.x * Bins + B] = Atomic[B];
  }
}

/// A stable descending key-value sort of each block's tile, and ascending
/// sorts of each logical warp's 64 keys.
__global__ void sorts(int *Keys, int *Positions, int *WarpKeys) {
  using BlockSort = cub::BlockMergeSort<int, Threads, Items, int>;
  using WarpSort = cub::WarpMergeSort<int, Items, LogicalWarp>;
  __shared__ typename BlockSort::TempStorage Temp;
  __shared__ typename WarpSort::TempStorage WarpTemp[Threads / LogicalWarp];
  int First = blockIdx.x * Tile + threadIdx.x * Items;
  int K[Items], P[Items];
  for (int I = 0; I < Items; ++I) {
    K[I] = valueOf(First + I) / 16; // many equal keys: stability matters
    P[I] = First + I;
  }
  BlockSort(Temp).StableSort(K, P, Descending());
  for (int I = 0; I < Items; ++I) {
    Keys[First + I] = K[I];
    Positions[First + I] = P[I];
  }

  for (int I = 0; I < Items; ++I)
    K[I] = valueOf(3 * (First + I) + 1);
  WarpSort(WarpTemp[threadIdx.x / LogicalWarp]).Sort(K, Ascending());
  for (int I = 0; I < Items; ++I)
    WarpKeys[First + I] = K[I];
}

template <typename T> std::vector<T> download(const T *D, size_t N) {
  std::vector<T> H(N);
  cudaMemcpy(H.data(), D, N * sizeof(T), cudaMemcpyDeviceToHost);
  return H;
}

static int checkFlagsAndDifferences() {
  const int N = Blocks * Tile;
  int *Heads, *Tails, *Diffs;
  CHECK(cudaMalloc(&Heads, N * sizeof(int)));
  CHECK(cudaMalloc(&Tails, N * sizeof(int)));
  CHECK(cudaMalloc(&Diffs, N * sizeof(int)));
  flagsAndDifferences<<<Blocks, Threads>>>(Heads, Tails, Diffs);
  CHECK(cudaGetLastError());
  auto H = download(Heads, N), T = download(Tails, N), D = download(Diffs, N);
  for (int I = 0; I < N; ++I) {
    bool TileStart = I % Tile == 0, TileEnd = I % Tile == Tile - 1;
    expect("FlagHeads", I, H[I], TileStart || keyOf(I) != keyOf(I - 1));
    expect("FlagTails", I, T[I], TileEnd || keyOf(I) != keyOf(I + 1));
    expect("SubtractLeft", I, D[I],
           TileStart ? valueOf(I) : valueOf(I) - valueOf(I - 1));
  }
  CHECK(cudaFree(Heads));
  CHECK(cudaFree(Tails));
  CHECK(cudaFree(Diffs));
  return 0;
}

static int checkHistograms() {
  unsigned *BySort, *ByAtomic;
  CHECK(cudaMalloc(&BySort, Blocks * Bins * sizeof(unsigned)));
  CHECK(cudaMalloc(&ByAtomic, Blocks * Bins * sizeof(unsigned)));
  histograms<<<Blocks, Threads>>>(BySort, ByAtomic);
  CHECK(cudaGetLastError());
  auto S = download(BySort, Blocks * Bins),
       A = download(ByAtomic, Blocks * Bins);
  for (int B = 0; B < Blocks; ++B) {
    std::vector<unsigned> Want(Bins, 0);
    for (int I = B * Tile; I < (B + 1) * Tile; ++I)
      ++Want[valueOf(I) & (Bins - 1)];
    for (int K = 0; K < Bins; ++K) {
      expect("BLOCK_HISTO_SORT", B * Bins + K, S[B * Bins + K], Want[K]);
      expect("BLOCK_HISTO_ATOMIC", B * Bins + K, A[B * Bins + K], Want[K]);
    }
  }
  CHECK(cudaFree(BySort));
  CHECK(cudaFree(ByAtomic));
  return 0;
}

static int checkSorts() {
  const int N = Blocks * Tile;
  int *Keys, *Positions, *WarpKeys;
  CHECK(cudaMalloc(&Keys, N * sizeof(int)));
  CHECK(cudaMalloc(&Positions, N * sizeof(int)));
  CHECK(cudaMalloc(&WarpKeys, N * sizeof(int)));
  sorts<<<Blocks, Threads>>>(Keys, Positions, WarpKeys);
  CHECK(cudaGetLastError());
  auto K = download(Keys, N), P = download(Positions, N),
       W = download(WarpKeys, N);
  for (int B = 0; B < Blocks; ++B) {
    // Descending by key, equal keys in their original order. (Not
    // std::stable_sort: clang 19 warns inside libstdc++ 12's.)
    std::vector<int> Order(Tile);
    std::iota(Order.begin(), Order.end(), B * Tile);
    std::sort(Order.begin(), Order.end(), [](int X, int Y) {
      int KX = valueOf(X) / 16, KY = valueOf(Y) / 16;
      return KX != KY ? KX > KY : X < Y;
    });
    for (int I = 0; I < Tile; ++I) {
      expect("BlockMergeSort key", B * Tile + I, K[B * Tile + I],
             valueOf(Order[I]) / 16);
      expect("BlockMergeSort value", B * Tile + I, P[B * Tile + I], Order[I]);
    }
  }
  const int WarpTile = LogicalWarp * Items;
  for (int Base = 0; Base < N; Base += WarpTile) {
    std::vector<int> Want(WarpTile);
    for (int I = 0; I < WarpTile; ++I)
      Want[I] = valueOf(3 * (Base + I) + 1);
    std::sort(Want.begin(), Want.end());
    for (int I = 0; I < WarpTile; ++I)
      expect("WarpMergeSort", Base + I, W[Base + I], Want[I]);
  }
  CHECK(cudaFree(Keys));
  CHECK(cudaFree(Positions));
  CHECK(cudaFree(WarpKeys));
  return 0;
}

int main() {
  if (checkFlagsAndDifferences() || checkHistograms() || checkSorts())
    return 1;
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
