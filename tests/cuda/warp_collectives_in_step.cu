// Kernels with warp collectives and block barriers, launched with constant
// block widths that are whole warps (256, 64, 32x4) so that txcc builds
// them a fixed-width version in which the block provably stays in step
// (the regions follow one another without the dispatch, and every lane
// arrives at each collective): a layernorm-style block reduction whose
// result is uniform only because the warps are whole, a grid-stride dot
// product with a shuffle tree and one atomicAdd a warp, an inclusive warp
// scan between barriers, votes between barriers, and 2-D blocks of 32 x 4
// and 32 x 3 (both the fixed version: its width is the x width). The 1-D
// kernels are launched again with block widths of no fixed version (whole
// warps still: the full masks require them), which run the general block
// function. Every result is checked against the host.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(Expr)                                                            \
  do {                                                                         \
    cudaError_t Err = (Expr);                                                  \
    if (Err != cudaSuccess) {                                                  \
      std::printf("FAIL: %s: %s\n", #Expr, cudaGetErrorString(Err));           \
      std::exit(1);                                                            \
    }                                                                          \
  } while (0)

static constexpr unsigned Full = 0xffffffffu;

__device__ float warpSum(float V) {
  for (int Mask = 16; Mask > 0; Mask >>= 1)
    V += __shfl_xor_sync(Full, V, Mask);
  return V;
}

/// The block's sum in every thread; Scratch holds one value per warp.
__device__ float blockSum(float V, float *Scratch) {
  int Lane = threadIdx.x % 32, Warp = threadIdx.x / 32;
  int Warps = (blockDim.x + 31) / 32;
  V = warpSum(V);
  if (Lane == 0)
    Scratch[Warp] = V;
  __syncthreads();
  V = Lane < Warps ? Scratch[Lane] : 0.0f;
  V = warpSum(V);
  __syncthreads();
  return V;
}

/// Row normalisation: mean and spread by two block sums, three block-stride
/// loops over the row.
__global__ void normaliseRows(const float *In, float *Out, int Cols) {
  __shared__ float Scratch[32];
  const float *X = In + size_t(blockIdx.x) * Cols;
  float *Y = Out + size_t(blockIdx.x) * Cols;
  float Sum = 0.0f;
  for (int C = threadIdx.x; C < Cols; C += blockDim.x)
    Sum += X[C];
  float Mean = blockSum(Sum, Scratch) / Cols;
  float SqSum = 0.0f;
  for (int C = threadIdx.x; C < Cols; C += blockDim.x)
    SqSum += (X[C] - Mean) * (X[C] - Mean);
  float Spread = blockSum(SqSum, Scratch) / Cols + 1.0f;
  for (int C = threadIdx.x; C < Cols; C += blockDim.x)
    Y[C] = (X[C] - Mean) / Spread;
}

/// Grid-stride dot product of integers held as floats (exact sums).
__global__ void dot(int N, const float *A, const float *B, float *Out) {
  float Sum = 0.0f;
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    Sum += A[I] * B[I];
  for (int Offset = 16; Offset > 0; Offset >>= 1)
    Sum += __shfl_down_sync(Full, Sum, Offset);
  if (threadIdx.x % 32 == 0)
    atomicAdd(Out, Sum);
}

/// Inclusive scan of each block's slice: a warp scan, the warps' totals
/// through shared memory, then each warp adds the totals before it.
__global__ void blockScan(const int *In, int *Out, int N) {
  __shared__ int Totals[32];
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  int Lane = threadIdx.x % 32, Warp = threadIdx.x / 32;
  int V = I < N ? In[I] : 0;
  for (int Offset = 1; Offset < 32; Offset <<= 1) {
    int Up = __shfl_up_sync(Full, V, Offset);
    if (Lane >= Offset)
      V += Up;
  }
  if (Lane == 31)
    Totals[Warp] = V;
  __syncthreads();
  int Before = 0;
  for (int W = 0; W < Warp; ++W)
    Before += Totals[W];
  __syncthreads();
  if (I < N)
    Out[I] = V + Before;
}

/// Per block: how many warps have a negative value, and whether any has.
__global__ void votes(const int *In, int *WarpsWithNegative, int *AnyNegative) {
  __shared__ int Count;
  if (threadIdx.x == 0)
    Count = 0;
  __syncthreads();
  int V = In[blockIdx.x * blockDim.x + threadIdx.x];
  unsigned Ballot = __ballot_sync(Full, V < 0);
  if (threadIdx.x % 32 == 0 && Ballot != 0)
    atomicAdd(&Count, 1);
  __syncthreads();
  int Any = __syncthreads_or(V < 0);
  if (threadIdx.x == 0) {
    WarpsWithNegative[blockIdx.x] = Count;
    AnyNegative[blockIdx.x] = Any;
  }
}

/// A 2-D block (32 x 4): each row of 32 threads is one warp; the block's
/// sum through a warp reduction per row and a barrier.
__global__ void tileSums(const float *In, float *Out) {
  __shared__ float Rows[32];
  int Linear = threadIdx.y * blockDim.x + threadIdx.x;
  int Threads = blockDim.x * blockDim.y;
  float V = In[blockIdx.x * Threads + Linear];
  V = warpSum(V);
  if (threadIdx.x == 0)
    Rows[threadIdx.y] = V;
  __syncthreads();
  if (Linear == 0) {
    float Sum = 0.0f;
    for (int R = 0; R < int(blockDim.y); ++R)
      Sum += Rows[R];
    Out[blockIdx.x] = Sum;
  }
}

static int Failures = 0;

static void check(bool Ok, const char *What, int Width) {
  if (!Ok) {
    std::printf("FAIL: %s (block width %d)\n", What, Width);
    ++Failures;
  }
}

template <typename T> static T *toDevice(const std::vector<T> &Host) {
  T *Dev = nullptr;
  CHECK(cudaMalloc(&Dev, Host.size() * sizeof(T)));
  CHECK(cudaMemcpy(Dev, Host.data(), Host.size() * sizeof(T),
                   cudaMemcpyHostToDevice));
  return Dev;
}

template <typename T> static std::vector<T> toHost(const T *Dev, size_t N) {
  std::vector<T> Host(N);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Host.data(), Dev, N * sizeof(T), cudaMemcpyDeviceToHost));
  return Host;
}

static void testNormalise(int Width) {
  const int Rows = 37, Cols = 1000;
  std::vector<float> In(size_t(Rows) * Cols);
  for (size_t I = 0; I < In.size(); ++I)
    In[I] = float((I * 7919) % 101) * 0.25f;
  float *DevIn = toDevice(In), *DevOut = nullptr;
  CHECK(cudaMalloc(&DevOut, In.size() * sizeof(float)));
  if (Width == 256)
    normaliseRows<<<Rows, 256>>>(DevIn, DevOut, Cols);
  else
    normaliseRows<<<Rows, Width>>>(DevIn, DevOut, Cols);
  std::vector<float> Out = toHost(DevOut, In.size());
  bool Ok = true;
  for (int R = 0; R < Rows && Ok; ++R) {
    double Mean = 0, Sq = 0;
    for (int C = 0; C < Cols; ++C)
      Mean += In[size_t(R) * Cols + C];
    Mean /= Cols;
    for (int C = 0; C < Cols; ++C) {
      double D = In[size_t(R) * Cols + C] - Mean;
      Sq += D * D;
    }
    double Spread = Sq / Cols + 1.0;
    for (int C = 0; C < Cols && Ok; ++C) {
      double Want = (In[size_t(R) * Cols + C] - Mean) / Spread;
      Ok = std::fabs(Out[size_t(R) * Cols + C] - Want) <=
           1e-4 * (1.0 + std::fabs(Want));
    }
  }
  check(Ok, "normaliseRows", Width);
  CHECK(cudaFree(DevIn));
  CHECK(cudaFree(DevOut));
}

static void testDot(int Width) {
  const int N = 100003;
  std::vector<float> A(N), B(N);
  double Want = 0;
  for (int I = 0; I < N; ++I) {
    A[I] = float(I % 13);
    B[I] = float((I % 7) - 3);
    Want += double(A[I]) * B[I];
  }
  float *DevA = toDevice(A), *DevB = toDevice(B), *DevOut = nullptr;
  CHECK(cudaMalloc(&DevOut, sizeof(float)));
  CHECK(cudaMemset(DevOut, 0, sizeof(float)));
  if (Width == 256)
    dot<<<40, 256>>>(N, DevA, DevB, DevOut);
  else
    dot<<<40, Width>>>(N, DevA, DevB, DevOut);
  float Got = toHost(DevOut, 1)[0];
  check(double(Got) == Want, "dot", Width);
  CHECK(cudaFree(DevA));
  CHECK(cudaFree(DevB));
  CHECK(cudaFree(DevOut));
}

static void testScan(int Width) {
  const int N = 5000;
  std::vector<int> In(N);
  for (int I = 0; I < N; ++I)
    In[I] = (I * 31) % 17 - 8;
  int *DevIn = toDevice(In), *DevOut = nullptr;
  CHECK(cudaMalloc(&DevOut, N * sizeof(int)));
  int Blocks = (N + Width - 1) / Width;
  if (Width == 64)
    blockScan<<<(N + 63) / 64, 64>>>(DevIn, DevOut, N);
  else
    blockScan<<<Blocks, Width>>>(DevIn, DevOut, N);
  std::vector<int> Out = toHost(DevOut, N);
  bool Ok = true;
  int Running = 0;
  for (int I = 0; I < N && Ok; ++I) {
    Running = (I % Width == 0 ? 0 : Running) + In[I];
    Ok = Out[I] == Running;
  }
  check(Ok, "blockScan", Width);
  CHECK(cudaFree(DevIn));
  CHECK(cudaFree(DevOut));
}

static void testVotes(int Width) {
  const int Blocks = 12;
  std::vector<int> In(size_t(Blocks) * Width);
  for (size_t I = 0; I < In.size(); ++I)
    In[I] = (I % 97 == 5 || (I / Width) % 4 == 3) ? -1 : int(I % 50);
  int *DevIn = toDevice(In), *DevWarps = nullptr, *DevAny = nullptr;
  CHECK(cudaMalloc(&DevWarps, Blocks * sizeof(int)));
  CHECK(cudaMalloc(&DevAny, Blocks * sizeof(int)));
  if (Width == 256)
    votes<<<Blocks, 256>>>(DevIn, DevWarps, DevAny);
  else
    votes<<<Blocks, Width>>>(DevIn, DevWarps, DevAny);
  std::vector<int> Warps = toHost(DevWarps, Blocks);
  std::vector<int> Any = toHost(DevAny, Blocks);
  bool Ok = true;
  for (int B = 0; B < Blocks && Ok; ++B) {
    int WantWarps = 0, WantAny = 0;
    for (int W = 0; W * 32 < Width; ++W) {
      bool Negative = false;
      for (int L = W * 32; L < Width && L < (W + 1) * 32; ++L)
        Negative |= In[size_t(B) * Width + L] < 0;
      WantWarps += Negative;
      WantAny |= Negative;
    }
    Ok = Warps[B] == WantWarps && (Any[B] != 0) == (WantAny != 0);
  }
  check(Ok, "votes", Width);
  CHECK(cudaFree(DevIn));
  CHECK(cudaFree(DevWarps));
  CHECK(cudaFree(DevAny));
}

static void testTiles(int Rows) {
  const int Blocks = 9, Threads = 32 * Rows;
  std::vector<float> In(size_t(Blocks) * Threads);
  for (size_t I = 0; I < In.size(); ++I)
    In[I] = float(I % 23);
  float *DevIn = toDevice(In), *DevOut = nullptr;
  CHECK(cudaMalloc(&DevOut, Blocks * sizeof(float)));
  if (Rows == 4)
    tileSums<<<Blocks, dim3(32, 4)>>>(DevIn, DevOut);
  else
    tileSums<<<Blocks, dim3(32, Rows)>>>(DevIn, DevOut);
  std::vector<float> Out = toHost(DevOut, Blocks);
  bool Ok = true;
  for (int B = 0; B < Blocks && Ok; ++B) {
    float Want = 0;
    for (int T = 0; T < Threads; ++T)
      Want += In[size_t(B) * Threads + T];
    Ok = Out[B] == Want;
  }
  check(Ok, "tileSums", Threads);
  CHECK(cudaFree(DevIn));
  CHECK(cudaFree(DevOut));
}

int main() {
  // The constant widths get fixed-width versions; the others run the
  // general block function.
  for (int Width : {256, 96, 160}) {
    testNormalise(Width);
    testDot(Width);
    testVotes(Width);
  }
  for (int Width : {64, 128, 192})
    testScan(Width);
  for (int Rows : {4, 3})
    testTiles(Rows);
  if (Failures) {
    std::printf("%d failures\n", Failures);
    return 1;
  }
  std::printf("PASS\n");
  return 0;
}
