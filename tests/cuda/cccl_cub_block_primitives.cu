// CUB's block- and warp-level primitives inside user kernels, from the real
// CUB headers: BlockReduce (sum and max), BlockScan (inclusive and
// exclusive, with a block aggregate), WarpReduce and WarpScan over each
// warp, BlockLoad/BlockStore with a transpose through shared memory, and
// BlockRadixSort of each block's keys. Each result is checked against a
// host computation.
#include <cub/cub.cuh>

#include <algorithm>
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

static constexpr int BlockThreads = 128;
static constexpr int ItemsPerThread = 4;
static constexpr int TileItems = BlockThreads * ItemsPerThread;
static constexpr int Blocks = 6;

// A maximum functor of our own: cub::Max is gone from newer CCCL.
struct MaxOp {
  __device__ int operator()(int A, int B) const { return A > B ? A : B; }
};

struct BlockResults {
  int Sum;
  int Max;
  int ScanAggregate;
};

__global__ void blockPrimitives(const int *In, int *InclusiveOut,
                                int *ExclusiveOut, int *WarpSums,
                                int *WarpScans, BlockResults *Results) {
  using BlockReduce = cub::BlockReduce<int, BlockThreads>;
  using BlockScan = cub::BlockScan<int, BlockThreads>;
  using WarpReduce = cub::WarpReduce<int>;
  using WarpScan = cub::WarpScan<int>;
  using BlockLoad = cub::BlockLoad<int, BlockThreads, ItemsPerThread,
                                   cub::BLOCK_LOAD_TRANSPOSE>;
  __shared__ union {
    typename BlockReduce::TempStorage Reduce;
    typename BlockScan::TempStorage Scan;
    typename BlockLoad::TempStorage Load;
  } Temp;
  __shared__ typename WarpReduce::TempStorage WarpTemp[BlockThreads / 32];
  __shared__ typename WarpScan::TempStorage WarpScanTemp[BlockThreads / 32];

  int Base = blockIdx.x * TileItems;
  int Items[ItemsPerThread];
  BlockLoad(Temp.Load).Load(In + Base, Items);
  __syncthreads();

  int Sum = BlockReduce(Temp.Reduce).Sum(Items);
  __syncthreads();
  int Max = BlockReduce(Temp.Reduce).Reduce(Items, MaxOp());
  __syncthreads();

  int Inclusive[ItemsPerThread], Exclusive[ItemsPerThread], Aggregate;
  BlockScan(Temp.Scan).InclusiveSum(Items, Inclusive);
  __syncthreads();
  BlockScan(Temp.Scan).ExclusiveSum(Items, Exclusive, Aggregate);
  for (int I = 0; I < ItemsPerThread; ++I) {
    int Index = Base + threadIdx.x * ItemsPerThread + I;
    InclusiveOut[Index] = Inclusive[I];
    ExclusiveOut[Index] = Exclusive[I];
  }

  int Warp = threadIdx.x / 32;
  int WarpSum = WarpReduce(WarpTemp[Warp]).Sum(Items[0]);
  if (threadIdx.x % 32 == 0)
    WarpSums[blockIdx.x * (BlockThreads / 32) + Warp] = WarpSum;
  int WarpPrefix;
  WarpScan(WarpScanTemp[Warp]).InclusiveSum(Items[1], WarpPrefix);
  WarpScans[blockIdx.x * BlockThreads + threadIdx.x] = WarpPrefix;

  if (threadIdx.x == 0)
    Results[blockIdx.x] = {Sum, Max, Aggregate};
}

__global__ void blockSort(unsigned *Keys) {
  using BlockRadixSort =
      cub::BlockRadixSort<unsigned, BlockThreads, ItemsPerThread>;
  __shared__ typename BlockRadixSort::TempStorage Temp;
  unsigned Items[ItemsPerThread];
  int Base = blockIdx.x * TileItems + threadIdx.x * ItemsPerThread;
  for (int I = 0; I < ItemsPerThread; ++I)
    Items[I] = Keys[Base + I];
  BlockRadixSort(Temp).Sort(Items);
  for (int I = 0; I < ItemsPerThread; ++I)
    Keys[Base + I] = Items[I];
}

int main() {
  const int N = Blocks * TileItems;
  std::vector<int> In(N);
  std::vector<unsigned> Keys(N);
  unsigned Seed = 2024;
  for (int I = 0; I < N; ++I) {
    Seed = Seed * 1664525u + 1013904223u;
    In[I] = int(Seed >> 20) % 1000 - 300;
    Keys[I] = Seed ^ (Seed >> 13);
  }
  int *DIn, *DInc, *DExc, *DWarpSums, *DWarpScans;
  unsigned *DKeys;
  BlockResults *DResults;
  CHECK(cudaMalloc(&DIn, N * sizeof(int)));
  CHECK(cudaMalloc(&DInc, N * sizeof(int)));
  CHECK(cudaMalloc(&DExc, N * sizeof(int)));
  CHECK(cudaMalloc(&DWarpSums, Blocks * (BlockThreads / 32) * sizeof(int)));
  CHECK(cudaMalloc(&DWarpScans, Blocks * BlockThreads * sizeof(int)));
  CHECK(cudaMalloc(&DKeys, N * sizeof(unsigned)));
  CHECK(cudaMalloc(&DResults, Blocks * sizeof(BlockResults)));
  CHECK(cudaMemcpy(DIn, In.data(), N * sizeof(int), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(DKeys, Keys.data(), N * sizeof(unsigned),
                   cudaMemcpyHostToDevice));
  blockPrimitives<<<Blocks, BlockThreads>>>(DIn, DInc, DExc, DWarpSums,
                                            DWarpScans, DResults);
  CHECK(cudaGetLastError());
  blockSort<<<Blocks, BlockThreads>>>(DKeys);
  CHECK(cudaGetLastError());

  std::vector<int> Inc(N), Exc(N), WarpSums(Blocks * (BlockThreads / 32)),
      WarpScans(Blocks * BlockThreads);
  std::vector<unsigned> Sorted(N);
  std::vector<BlockResults> Results(Blocks);
  CHECK(cudaMemcpy(Inc.data(), DInc, N * sizeof(int), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Exc.data(), DExc, N * sizeof(int), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(WarpSums.data(), DWarpSums, WarpSums.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(WarpScans.data(), DWarpScans, WarpScans.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Sorted.data(), DKeys, N * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Results.data(), DResults, Blocks * sizeof(BlockResults),
                   cudaMemcpyDeviceToHost));

  int Bad = 0;
  for (int B = 0; B < Blocks; ++B) {
    const int *Tile = &In[B * TileItems];
    int Sum = 0, Max = Tile[0];
    for (int I = 0; I < TileItems; ++I) {
      if (Exc[B * TileItems + I] != Sum && Bad++ < 8)
        printf("FAIL: exclusive scan [%d][%d] = %d, want %d\n", B, I,
               Exc[B * TileItems + I], Sum);
      Sum += Tile[I];
      Max = std::max(Max, Tile[I]);
      if (Inc[B * TileItems + I] != Sum && Bad++ < 8)
        printf("FAIL: inclusive scan [%d][%d] = %d, want %d\n", B, I,
               Inc[B * TileItems + I], Sum);
    }
    if ((Results[B].Sum != Sum || Results[B].Max != Max ||
         Results[B].ScanAggregate != Sum) &&
        Bad++ < 8)
      printf("FAIL: block %d: sum %d max %d aggregate %d, want %d %d %d\n", B,
             Results[B].Sum, Results[B].Max, Results[B].ScanAggregate, Sum, Max,
             Sum);
    // Item 0 and 1 of each thread (the blocked arrangement BlockLoad made).
    for (int W = 0; W < BlockThreads / 32; ++W) {
      int WarpSum = 0, Prefix = 0;
      for (int L = 0; L < 32; ++L) {
        int T = W * 32 + L;
        WarpSum += Tile[T * ItemsPerThread];
        Prefix += Tile[T * ItemsPerThread + 1];
        if (WarpScans[B * BlockThreads + T] != Prefix && Bad++ < 8)
          printf("FAIL: warp scan [%d][%d] = %d, want %d\n", B, T,
                 WarpScans[B * BlockThreads + T], Prefix);
      }
      if (WarpSums[B * (BlockThreads / 32) + W] != WarpSum && Bad++ < 8)
        printf("FAIL: warp sum [%d][%d] = %d, want %d\n", B, W,
               WarpSums[B * (BlockThreads / 32) + W], WarpSum);
    }
    std::vector<unsigned> Want(Keys.begin() + B * TileItems,
                               Keys.begin() + (B + 1) * TileItems);
    std::sort(Want.begin(), Want.end());
    for (int I = 0; I < TileItems; ++I)
      if (Sorted[B * TileItems + I] != Want[I] && Bad++ < 8)
        printf("FAIL: block sort [%d][%d] = %u, want %u\n", B, I,
               Sorted[B * TileItems + I], Want[I]);
  }
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DInc));
  CHECK(cudaFree(DExc));
  CHECK(cudaFree(DWarpSums));
  CHECK(cudaFree(DWarpScans));
  CHECK(cudaFree(DKeys));
  CHECK(cudaFree(DResults));
  if (Bad) {
    printf("FAIL: %d mismatches\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
