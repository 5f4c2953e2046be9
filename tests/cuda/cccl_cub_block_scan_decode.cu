// More of CUB's block-level primitives inside user kernels, from the real
// CUB headers: BlockScan with a running-prefix callback across the tiles
// of a loop (one block scans a whole array, as CUB's documentation
// shows), BlockScan's three algorithms (raking, raking with memoization,
// warp scans) giving the same exclusive maximum-scan, BlockReduce's
// raking-commutative-only algorithm, and BlockRunLengthDecode expanding
// runs window by window. Each result is checked against the host.
#include <cub/block/block_load.cuh>
#include <cub/block/block_reduce.cuh>
#include <cub/block/block_run_length_decode.cuh>
#include <cub/block/block_scan.cuh>
#include <cub/block/block_store.cuh>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

constexpr int Threads = 128, ItemsPerThread = 4,
              TileItems = Threads * ItemsPerThread;

// Keeps the running total between tiles: CUB calls it with each tile's
// aggregate, in thread 0's first warp, and scatters what it returns.
struct RunningPrefix {
  long long Total;
  __device__ long long operator()(long long TileAggregate) {
    long long Before = Total;
    Total += TileAggregate;
    return Before;
  }
};

__global__ void scanWholeArray(const int *In, long long *Out, int N) {
  using Load = cub::BlockLoad<long long, Threads, ItemsPerThread,
                              cub::BLOCK_LOAD_TRANSPOSE>;
  using Store = cub::BlockStore<long long, Threads, ItemsPerThread,
                                cub::BLOCK_STORE_TRANSPOSE>;
  using Scan = cub::BlockScan<long long, Threads>;
  __shared__ union {
    typename Load::TempStorage Load;
    typename Store::TempStorage Store;
    typename Scan::TempStorage Scan;
  } Temp;
  RunningPrefix Prefix{0};
  for (int Base = 0; Base < N; Base += TileItems) {
    long long Items[ItemsPerThread];
    int Valid = min(TileItems, N - Base);
    Load(Temp.Load).Load(In + Base, Items, Valid, 0LL);
    __syncthreads();
    Scan(Temp.Scan).InclusiveSum(Items, Items, Prefix);
    __syncthreads();
    Store(Temp.Store).Store(Out + Base, Items, Valid);
    __syncthreads();
  }
}

struct Max {
  __device__ int operator()(int A, int B) const { return A > B ? A : B; }
};

template <cub::BlockScanAlgorithm Algorithm>
__device__ void maxScan(const int *In, int *Out) {
  using Scan = cub::BlockScan<int, Threads, Algorithm>;
  __shared__ typename Scan::TempStorage Temp;
  int Items[ItemsPerThread];
  cub::LoadDirectBlocked(threadIdx.x, In, Items);
  Scan(Temp).ExclusiveScan(Items, Items, INT_MIN, Max());
  cub::StoreDirectBlocked(threadIdx.x, Out, Items);
}

__global__ void scanAlgorithms(const int *In, int *Out) {
  switch (blockIdx.x) {
  case 0:
    maxScan<cub::BLOCK_SCAN_RAKING>(In, Out);
    break;
  case 1:
    maxScan<cub::BLOCK_SCAN_RAKING_MEMOIZE>(In, Out + TileItems);
    break;
  default:
    maxScan<cub::BLOCK_SCAN_WARP_SCANS>(In, Out + 2 * TileItems);
    break;
  }
}

__global__ void commutativeSum(const int *In, int *Out) {
  using Reduce =
      cub::BlockReduce<int, Threads, cub::BLOCK_REDUCE_RAKING_COMMUTATIVE_ONLY>;
  __shared__ typename Reduce::TempStorage Temp;
  int Items[ItemsPerThread];
  cub::LoadDirectStriped<Threads>(threadIdx.x, In + blockIdx.x * TileItems,
                                  Items);
  int Sum = Reduce(Temp).Sum(Items);
  if (threadIdx.x == 0)
    Out[blockIdx.x] = Sum;
}

constexpr int RunsPerThread = 2, DecodedPerThread = 3;

// Each thread holds two runs; the block expands them into windows of
// Threads * DecodedPerThread items until every run is written out.
__global__ void decodeRuns(const int *Values, const int *Lengths, int *Out,
                           int *Total) {
  using Decode =
      cub::BlockRunLengthDecode<int, Threads, RunsPerThread, DecodedPerThread>;
  __shared__ typename Decode::TempStorage Temp;
  int RunValues[RunsPerThread], RunLengths[RunsPerThread];
  cub::LoadDirectBlocked(threadIdx.x, Values, RunValues);
  cub::LoadDirectBlocked(threadIdx.x, Lengths, RunLengths);
  int TotalSize = 0;
  Decode Decoder(Temp, RunValues, RunLengths, TotalSize);
  for (int Window = 0; Window < TotalSize;
       Window += Threads * DecodedPerThread) {
    int Items[DecodedPerThread];
    Decoder.RunLengthDecode(Items, Window);
    for (int I = 0; I < DecodedPerThread; ++I) {
      int At = Window + threadIdx.x * DecodedPerThread + I;
      if (At < TotalSize)
        Out[At] = Items[I];
    }
  }
  if (threadIdx.x == 0)
    *Total = TotalSize;
}

template <typename T> static T *toDevice(const std::vector<T> &Host) {
  T *P = nullptr;
  cudaMalloc(&P, Host.size() * sizeof(T));
  cudaMemcpy(P, Host.data(), Host.size() * sizeof(T), cudaMemcpyHostToDevice);
  return P;
}

template <typename T> static std::vector<T> fromDevice(const T *P, int N) {
  std::vector<T> Host(N);
  cudaMemcpy(Host.data(), P, N * sizeof(T), cudaMemcpyDeviceToHost);
  return Host;
}

int main() {
  const int N = 5 * TileItems + 77;
  std::vector<int> Values(N);
  unsigned Seed = 31;
  for (int &V : Values) {
    Seed = Seed * 1664525u + 1013904223u;
    V = int(Seed >> 8) % 100001 - 50000;
  }
  int *In = toDevice(Values);

  long long *Scanned;
  cudaMalloc(&Scanned, N * sizeof(long long));
  scanWholeArray<<<1, Threads>>>(In, Scanned, N);
  std::vector<long long> Got = fromDevice(Scanned, N);
  long long Acc = 0;
  bool ScanOk = true;
  for (int I = 0; I < N; ++I)
    ScanOk &= Got[I] == (Acc += Values[I]);
  expect(ScanOk, "BlockScan with a running prefix across tiles");

  int *MaxOut;
  cudaMalloc(&MaxOut, 3 * TileItems * sizeof(int));
  scanAlgorithms<<<3, Threads>>>(In, MaxOut);
  std::vector<int> Maxes = fromDevice(MaxOut, 3 * TileItems);
  bool MaxOk = true;
  for (int A = 0; A < 3; ++A) {
    int Running = INT_MIN;
    for (int I = 0; I < TileItems; ++I) {
      MaxOk &= Maxes[A * TileItems + I] == Running;
      Running = std::max(Running, Values[I]);
    }
  }
  expect(MaxOk, "BlockScan algorithms agree on an exclusive maximum");

  int *Sums;
  cudaMalloc(&Sums, 5 * sizeof(int));
  commutativeSum<<<5, Threads>>>(In, Sums);
  std::vector<int> GotSums = fromDevice(Sums, 5);
  bool SumOk = true;
  for (int B = 0; B < 5; ++B) {
    int Sum = 0;
    for (int I = 0; I < TileItems; ++I)
      Sum += Values[B * TileItems + I];
    SumOk &= GotSums[B] == Sum;
  }
  expect(SumOk, "BlockReduce raking-commutative-only");

  // Runs of length 0..6, zero-length ones only at the end as CUB requires.
  const int Runs = Threads * RunsPerThread;
  std::vector<int> RunValues(Runs), RunLengths(Runs), Want;
  for (int R = 0; R < Runs; ++R) {
    RunValues[R] = R * 10 + 1;
    RunLengths[R] = R < Runs - 9 ? (R * 5) % 7 + (R % 7 == 0) : 0;
    Want.insert(Want.end(), RunLengths[R], RunValues[R]);
  }
  int *DValues = toDevice(RunValues), *DLengths = toDevice(RunLengths);
  int *Decoded, *Total;
  cudaMalloc(&Decoded, (Want.size() + 1) * sizeof(int));
  cudaMalloc(&Total, sizeof(int));
  decodeRuns<<<1, Threads>>>(DValues, DLengths, Decoded, Total);
  int GotTotal = fromDevice(Total, 1)[0];
  expect(GotTotal == int(Want.size()) &&
             fromDevice(Decoded, int(Want.size())) == Want,
         "BlockRunLengthDecode");

  if (cudaDeviceSynchronize() != cudaSuccess)
    expect(false, "cudaDeviceSynchronize");
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
