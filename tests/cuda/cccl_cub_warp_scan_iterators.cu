// CUB's warp-level scans and its input iterators inside user kernels, from
// the real CUB headers: WarpScan's exclusive scan with an initial value and
// its warp aggregate, Broadcast, a scan on logical warps of 8 threads,
// WarpReduce's head-segmented sum (a flag starts a segment), and
// BlockLoad reading through CUB's CountingInputIterator,
// TransformInputIterator and CacheModifiedInputIterator (LOAD_LDG), and
// ArgIndexInputIterator pairing each item with its offset. Checked against
// host loops.
#include <cub/block/block_load.cuh>
#include <cub/iterator/arg_index_input_iterator.cuh>
#include <cub/iterator/cache_modified_input_iterator.cuh>
#include <cub/iterator/counting_input_iterator.cuh>
#include <cub/iterator/transform_input_iterator.cuh>
#include <cub/warp/warp_reduce.cuh>
#include <cub/warp/warp_scan.cuh>

#include <cstdio>
#include <vector>

static int Bad = 0;
static void expect(bool Ok, const char *What) {
  if (!Ok && Bad++ < 8)
    printf("FAIL: %s\n", What);
}

constexpr int Threads = 64;

// Per thread: [0] exclusive sum from 100, [1] the warp's aggregate, [2]
// lane 5's value broadcast, [3] inclusive sum over its logical warp of 8,
// [4] the head-segmented sum (valid in each segment's head lane).
__global__ void warpScans(const int *In, const int *Heads, int *Out) {
  using Scan = cub::WarpScan<int>;
  using Scan8 = cub::WarpScan<int, 8>;
  using Reduce = cub::WarpReduce<int>;
  __shared__ typename Scan::TempStorage ScanTemp[Threads / 32];
  __shared__ typename Scan8::TempStorage Scan8Temp[Threads / 8];
  __shared__ typename Reduce::TempStorage ReduceTemp[Threads / 32];
  int Warp = threadIdx.x / 32, T = threadIdx.x;
  int X = In[T];
  int Exclusive, Aggregate;
  Scan(ScanTemp[Warp]).ExclusiveScan(X, Exclusive, 100, cub::Sum(), Aggregate);
  int Broadcast = Scan(ScanTemp[Warp]).Broadcast(X, 5);
  int Inclusive8;
  Scan8(Scan8Temp[T / 8]).InclusiveSum(X, Inclusive8);
  int Segmented = Reduce(ReduceTemp[Warp]).HeadSegmentedSum(X, Heads[T]);
  int *Mine = Out + 5 * T;
  Mine[0] = Exclusive;
  Mine[1] = Aggregate;
  Mine[2] = Broadcast;
  Mine[3] = Inclusive8;
  Mine[4] = Segmented;
}

struct Triple {
  __host__ __device__ int operator()(int X) const { return 3 * X; }
};

// Per thread, 4 items each from: a counting iterator from 1000, 3 * In
// through a transform iterator, In through LDG loads, and the offsets of
// In's items through an arg-index iterator.
__global__ void iteratorLoads(const int *In, int *Out) {
  using Load = cub::BlockLoad<int, Threads, 4, cub::BLOCK_LOAD_DIRECT>;
  int Items[4];
  cub::CountingInputIterator<int> Counting(1000);
  Load().Load(Counting, Items);
  for (int I = 0; I < 4; ++I)
    Out[threadIdx.x * 4 + I] = Items[I];
  cub::TransformInputIterator<int, Triple, const int *> Tripled(In, Triple());
  Load().Load(Tripled, Items);
  for (int I = 0; I < 4; ++I)
    Out[Threads * 4 + threadIdx.x * 4 + I] = Items[I];
  cub::CacheModifiedInputIterator<cub::LOAD_LDG, int> Cached(In);
  Load().Load(Cached, Items);
  for (int I = 0; I < 4; ++I)
    Out[2 * Threads * 4 + threadIdx.x * 4 + I] = Items[I];
  cub::ArgIndexInputIterator<const int *> Indexed(In);
  for (int I = 0; I < 4; ++I) {
    cub::KeyValuePair<ptrdiff_t, int> Pair = Indexed[threadIdx.x * 4 + I];
    Out[3 * Threads * 4 + threadIdx.x * 4 + I] =
        int(Pair.key) * 1000 + (Pair.value == In[Pair.key]);
  }
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
  std::vector<int> Values(Threads * 4), Heads(Threads);
  for (int I = 0; I < Threads * 4; ++I)
    Values[I] = (I * 37) % 101 - 50;
  for (int T = 0; T < Threads; ++T)
    Heads[T] = T % 32 == 0 || T % 11 == 3;
  int *In = toDevice(Values), *DHeads = toDevice(Heads), *Out;
  cudaMalloc(&Out, 5 * Threads * sizeof(int));
  warpScans<<<1, Threads>>>(In, DHeads, Out);
  std::vector<int> Got = fromDevice(Out, 5 * Threads);
  bool ExclusiveOk = true, AggregateOk = true, BroadcastOk = true,
       Scan8Ok = true, SegmentOk = true;
  for (int T = 0; T < Threads; ++T) {
    int Warp = T / 32 * 32, Exclusive = 100, Aggregate = 0, Inclusive8 = 0;
    for (int L = Warp; L < T; ++L)
      Exclusive += Values[L];
    for (int L = Warp; L < Warp + 32; ++L)
      Aggregate += Values[L];
    for (int L = T / 8 * 8; L <= T; ++L)
      Inclusive8 += Values[L];
    ExclusiveOk &= Got[5 * T] == Exclusive;
    AggregateOk &= Got[5 * T + 1] == Aggregate;
    BroadcastOk &= Got[5 * T + 2] == Values[Warp + 5];
    Scan8Ok &= Got[5 * T + 3] == Inclusive8;
    if (Heads[T]) {
      int Sum = 0;
      for (int L = T; L < Warp + 32 && (L == T || !Heads[L]); ++L)
        Sum += Values[L];
      SegmentOk &= Got[5 * T + 4] == Sum;
    }
  }
  expect(ExclusiveOk, "WarpScan::ExclusiveScan with an initial value");
  expect(AggregateOk, "WarpScan's warp aggregate");
  expect(BroadcastOk, "WarpScan::Broadcast");
  expect(Scan8Ok, "WarpScan on logical warps of 8");
  expect(SegmentOk, "WarpReduce::HeadSegmentedSum");

  int *Loaded;
  cudaMalloc(&Loaded, 4 * Threads * 4 * sizeof(int));
  iteratorLoads<<<1, Threads>>>(In, Loaded);
  std::vector<int> L = fromDevice(Loaded, 4 * Threads * 4);
  bool CountingOk = true, TransformOk = true, CachedOk = true, IndexOk = true;
  for (int I = 0; I < Threads * 4; ++I) {
    CountingOk &= L[I] == 1000 + I;
    TransformOk &= L[Threads * 4 + I] == 3 * Values[I];
    CachedOk &= L[2 * Threads * 4 + I] == Values[I];
    IndexOk &= L[3 * Threads * 4 + I] == I * 1000 + 1;
  }
  expect(CountingOk, "BlockLoad through CountingInputIterator");
  expect(TransformOk, "BlockLoad through TransformInputIterator");
  expect(CachedOk, "BlockLoad through CacheModifiedInputIterator<LOAD_LDG>");
  expect(IndexOk, "ArgIndexInputIterator");

  if (cudaDeviceSynchronize() != cudaSuccess)
    expect(false, "cudaDeviceSynchronize");
  if (Bad) {
    printf("FAIL: %d checks\n", Bad);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
