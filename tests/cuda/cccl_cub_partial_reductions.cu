// CUB's reductions over partial warps and blocks: BlockReduce with fewer
// valid items than threads (64-bit and floating-point sums, a custom max),
// WarpReduce over 1..32 valid lanes and over logical warps of 16, and a
// hand-written butterfly whose width is a run-time argument. On the CPU
// these shuffle with run-time clamps and offsets (chains with parameters);
// every result is checked against a host loop.
#include <cub/block/block_reduce.cuh>
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

constexpr int BlockThreads = 256;

static __host__ __device__ long long valueOf(int I) {
  return (long long)(I * 2654435761u % 100003u) << 20 | (I & 1023);
}

__global__ void blockSums(int NumValid, long long *SumOut, double *DoubleOut,
                          int *MaxOut) {
  using ReduceLL = cub::BlockReduce<long long, BlockThreads>;
  using ReduceD = cub::BlockReduce<double, BlockThreads>;
  using ReduceI = cub::BlockReduce<int, BlockThreads>;
  __shared__ typename ReduceLL::TempStorage StorageLL;
  __shared__ typename ReduceD::TempStorage StorageD;
  __shared__ typename ReduceI::TempStorage StorageI;
  int T = threadIdx.x;
  long long X = T < NumValid ? valueOf(T) : -1;
  long long Sum = ReduceLL(StorageLL).Sum(X, NumValid);
  double D = T < NumValid ? T * 0.25 - 7.0 : 1e300;
  double DSum = ReduceD(StorageD).Sum(D, NumValid);
  int M = T < NumValid ? (T * 37) % 211 : 1 << 30;
  int Max = ReduceI(StorageI).Reduce(M, cub::Max(), NumValid);
  if (T == 0) {
    *SumOut = Sum;
    *DoubleOut = DSum;
    *MaxOut = Max;
  }
}

// One warp per block; lane 0 writes the sum of the first Valid lanes.
__global__ void warpSums(long long *Out, double *DoubleOut) {
  using WarpLL = cub::WarpReduce<long long>;
  using WarpD = cub::WarpReduce<double>;
  __shared__ typename WarpLL::TempStorage StorageLL;
  __shared__ typename WarpD::TempStorage StorageD;
  int Valid = blockIdx.x + 1;
  int Lane = threadIdx.x;
  long long Sum = WarpLL(StorageLL).Sum(valueOf(Lane + 7), Valid);
  double DSum = WarpD(StorageD).Sum(Lane * 1.5 + 0.25, Valid);
  if (Lane == 0) {
    Out[blockIdx.x] = Sum;
    DoubleOut[blockIdx.x] = DSum;
  }
}

// Logical warps of 16 lanes: each half of the warp reduces its first
// Valid lanes with a custom operator.
struct MinAbs {
  __device__ int operator()(int A, int B) const {
    return abs(A) < abs(B) ? A : B;
  }
};

__global__ void halfWarpMins(int Valid, int *Out) {
  using Warp16 = cub::WarpReduce<int, 16>;
  __shared__ typename Warp16::TempStorage Storage[2];
  int T = threadIdx.x, Half = T / 16;
  int X = (T * 7919) % 97 - 48;
  int Min = Warp16(Storage[Half]).Reduce(X, MinAbs(), Valid);
  if (T % 16 == 0)
    Out[Half] = Min;
}

// A butterfly sum whose width is a kernel argument: the shuffles' segment
// operand is only known at run time.
__global__ void butterflySums(int Width, int *Out) {
  int T = threadIdx.x;
  int V = T * 3 + 1;
  for (int Offset = Width / 2; Offset > 0; Offset /= 2)
    V += __shfl_xor_sync(0xffffffffu, V, Offset, Width);
  Out[T] = V;
}

static int failures = 0;

template <typename T>
static void expectEqual(T Got, T Want, const char *What, int Case) {
  if (Got != Want && failures++ < 10)
    printf("FAIL: %s case %d: got %.17g want %.17g\n", What, Case, (double)Got,
           (double)Want);
}

int main() {
  long long *SumLL;
  double *SumD;
  int *MaxI, *Ints;
  CHECK(cudaMallocManaged(&SumLL, 32 * sizeof(long long)));
  CHECK(cudaMallocManaged(&SumD, 32 * sizeof(double)));
  CHECK(cudaMallocManaged(&MaxI, sizeof(int)));
  CHECK(cudaMallocManaged(&Ints, 64 * sizeof(int)));

  for (int NumValid : {1, 2, 31, 32, 33, 100, 255, 256}) {
    blockSums<<<1, BlockThreads>>>(NumValid, SumLL, SumD, MaxI);
    CHECK(cudaDeviceSynchronize());
    long long Want = 0;
    double WantD = 0;
    int WantMax = -1;
    for (int I = 0; I < NumValid; ++I) {
      Want += valueOf(I);
      WantD += I * 0.25 - 7.0;
      WantMax = std::max(WantMax, (I * 37) % 211);
    }
    expectEqual(*SumLL, Want, "BlockReduce<long long>::Sum", NumValid);
    expectEqual(*SumD, WantD, "BlockReduce<double>::Sum", NumValid);
    expectEqual(*MaxI, WantMax, "BlockReduce<int>::Reduce(Max)", NumValid);
  }

  warpSums<<<32, 32>>>(SumLL, SumD);
  CHECK(cudaDeviceSynchronize());
  for (int Valid = 1; Valid <= 32; ++Valid) {
    long long Want = 0;
    double WantD = 0;
    for (int Lane = 0; Lane < Valid; ++Lane) {
      Want += valueOf(Lane + 7);
      WantD += Lane * 1.5 + 0.25;
    }
    expectEqual(SumLL[Valid - 1], Want, "WarpReduce<long long>::Sum", Valid);
    expectEqual(SumD[Valid - 1], WantD, "WarpReduce<double>::Sum", Valid);
  }

  for (int Valid : {1, 5, 16}) {
    halfWarpMins<<<1, 32>>>(Valid, Ints);
    CHECK(cudaDeviceSynchronize());
    for (int Half = 0; Half < 2; ++Half) {
      int Want = 0;
      for (int L = 0; L < Valid; ++L) {
        int X = ((Half * 16 + L) * 7919) % 97 - 48;
        if (L == 0 || abs(X) < abs(Want))
          Want = X;
      }
      expectEqual(Ints[Half], Want, "WarpReduce<int, 16>::Reduce", Valid);
    }
  }

  for (int Width : {1, 2, 4, 8, 16, 32}) {
    butterflySums<<<1, 64>>>(Width, Ints);
    CHECK(cudaDeviceSynchronize());
    for (int T = 0; T < 64; ++T) {
      int Base = T & ~(Width - 1), Want = 0;
      for (int L = Base; L < Base + Width; ++L)
        Want += L * 3 + 1;
      expectEqual(Ints[T], Want, "butterfly sum", Width * 100 + T);
    }
  }

  CHECK(cudaFree(SumLL));
  CHECK(cudaFree(SumD));
  CHECK(cudaFree(MaxI));
  CHECK(cudaFree(Ints));
  if (failures) {
    printf("FAIL: %d mismatches\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
