// Lane and warp indices of threadIdx.x (x & 31, x % 32, x >> 5, x / 32)
// indexing shared memory and guarding code, as block reductions and
// warp-level code write them: on the CPU their thread loops run warp by
// warp, and a region that opens with a lane test runs only the lanes that
// pass it. Checked on 1-D blocks of whole and partial warps, 2-D blocks
// narrower than a warp, blocks whose first threads have returned, and a
// guarded read of shared memory with in-bounds and data-dependent indices.
// Also the lane and warp of the linear thread index, as `%laneid` and CUB's
// LaneId() give them, in 2-D and 3-D blocks whose rows are not whole warps
// (a warp spans rows there), and regions that mix both indices, as CUB's
// BlockExchange does (threadIdx.x / 32 with `%laneid`).
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

static unsigned Seed = 12345u;
static int nextValue() {
  Seed = Seed * 1664525u + 1013904223u;
  return int(Seed >> 20) % 97 - 48;
}

__device__ int warpSum(int V) {
  for (int Mask = 16; Mask > 0; Mask >>= 1)
    V += __shfl_xor_sync(0xffffffffu, V, Mask);
  return V;
}

/// The classic block reduction: warp sums, lane 0 of each warp stores its
/// warp's sum, the first lanes read them back. Whole warps only.
__device__ int blockSum(int V, int *Scratch) {
  int Lane = threadIdx.x % 32, Warp = threadIdx.x / 32;
  V = warpSum(V);
  if (Lane == 0)
    Scratch[Warp] = V;
  __syncthreads();
  V = Lane < int(blockDim.x / 32) ? Scratch[Lane] : 0;
  V = warpSum(V);
  __syncthreads();
  return V;
}

__global__ void blockSums(const int *In, int *Out) {
  __shared__ int Scratch[32];
  int V = In[blockIdx.x * blockDim.x + threadIdx.x];
  int Sum = blockSum(V, Scratch);
  // A second call reuses Scratch: the barrier after the read matters.
  int Twice = blockSum(V * 2, Scratch);
  if (threadIdx.x == 0) {
    Out[2 * blockIdx.x] = Sum;
    Out[2 * blockIdx.x + 1] = Twice;
  }
}

/// Lane tests of every form, on blocks of any shape: each writes which
/// threads passed. Out has one slot per thread and test.
__global__ void laneTests(int *Out, int Tests) {
  __shared__ int PerWarp[32];
  int Flat = threadIdx.y * blockDim.x + threadIdx.x;
  int *Mine =
      Out + (size_t(blockIdx.x) * blockDim.x * blockDim.y + Flat) * Tests;
  unsigned Lane = threadIdx.x & 31, Warp = threadIdx.x >> 5;
  if (Flat < 32)
    PerWarp[Flat] = -1;
  __syncthreads();
  if (Lane == 0)
    PerWarp[Warp + 4 * threadIdx.y] = Flat; // blocks of up to 4 warps a row
  __syncthreads();
  if (Lane < 5)
    Mine[0] = 1;
  __syncthreads();
  if (Lane >= 24)
    Mine[1] = 2;
  __syncthreads();
  if (Lane != 0)
    Mine[2] = 3;
  __syncthreads();
  if (Warp == 1)
    Mine[3] = 4;
  __syncthreads();
  // A guarded, in-bounds read of shared memory by lane.
  Mine[4] = Lane < 4 ? PerWarp[Lane] : -7;
  // A guarded read whose index the compiler cannot bound.
  int Far = Mine[4] + 1;
  Mine[5] = (Far >= 0 && Far < 32) ? PerWarp[Far] : -9;
}

/// The first threads return before the barriers: the regions after them
/// start in the middle of warp 0.
__global__ void lateLanes(int *Out, int Skip) {
  __shared__ int Seen[64];
  if (threadIdx.x < Skip)
    return;
  Seen[threadIdx.x % 64] = 0;
  __syncthreads();
  if (threadIdx.x % 32 == 0)
    Seen[threadIdx.x / 32] = int(threadIdx.x) + 1000;
  __syncthreads();
  if ((threadIdx.x & 31) < 3)
    Out[blockIdx.x * blockDim.x + threadIdx.x] =
        Seen[threadIdx.x >> 5] + int(threadIdx.x & 31);
}

/// Lane tests that send the other lanes away by returning: only lanes
/// 0..3 of each warp write (`>= 4` reaches the compiler as `> 3`).
__global__ void firstLanes(int *Out) {
  __shared__ int Mark[32];
  Mark[threadIdx.x % 32] = int(threadIdx.x / 32);
  __syncthreads();
  if ((threadIdx.x & 31) >= 4)
    return;
  Out[blockIdx.x * blockDim.x + threadIdx.x] = 100 + Mark[threadIdx.x & 31];
}

/// Only lane 0 of each warp writes.
__global__ void laneZeroOnly(int *Out) {
  __shared__ int Mark[32];
  Mark[threadIdx.x % 32] = 1;
  __syncthreads();
  if (threadIdx.x % 32 != 0)
    return;
  Out[blockIdx.x * blockDim.x + threadIdx.x] = 200 + Mark[0];
}

static bool checkFirstLanes(int Threads) {
  const int Blocks = 3;
  size_t Count = size_t(Blocks) * Threads;
  std::vector<int> First(Count), Zero(Count);
  int *DevFirst, *DevZero;
  CHECK(cudaMalloc(&DevFirst, Count * sizeof(int)));
  CHECK(cudaMalloc(&DevZero, Count * sizeof(int)));
  CHECK(cudaMemset(DevFirst, 0, Count * sizeof(int)));
  CHECK(cudaMemset(DevZero, 0, Count * sizeof(int)));
  firstLanes<<<Blocks, Threads>>>(DevFirst);
  laneZeroOnly<<<Blocks, Threads>>>(DevZero);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(First.data(), DevFirst, Count * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(Zero.data(), DevZero, Count * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DevFirst));
  CHECK(cudaFree(DevZero));
  // Mark[l] is written by every thread of lane l, each with its own warp:
  // any warp of the block is a right value there.
  int Warps = (Threads + 31) / 32;
  for (size_t I = 0; I < Count; ++I) {
    int Lane = int(I % Threads) & 31;
    bool FirstOk =
        Lane < 4 ? First[I] >= 100 && First[I] < 100 + Warps : First[I] == 0;
    if (!FirstOk || Zero[I] != (Lane == 0 ? 201 : 0)) {
      std::printf("FAIL: first lanes of %d threads, thread %d: %d %d\n",
                  Threads, int(I % Threads), First[I], Zero[I]);
      return false;
    }
  }
  return true;
}

static bool checkBlockSums(int Threads) {
  const int Blocks = 7;
  std::vector<int> In(Blocks * Threads), Out(2 * Blocks);
  for (int &V : In)
    V = nextValue();
  int *DevIn, *DevOut;
  CHECK(cudaMalloc(&DevIn, In.size() * sizeof(int)));
  CHECK(cudaMalloc(&DevOut, Out.size() * sizeof(int)));
  CHECK(cudaMemcpy(DevIn, In.data(), In.size() * sizeof(int),
                   cudaMemcpyHostToDevice));
  blockSums<<<Blocks, Threads>>>(DevIn, DevOut);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DevOut, Out.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DevIn));
  CHECK(cudaFree(DevOut));
  for (int B = 0; B < Blocks; ++B) {
    int Want = 0;
    for (int T = 0; T < Threads; ++T)
      Want += In[B * Threads + T];
    if (Out[2 * B] != Want || Out[2 * B + 1] != 2 * Want) {
      std::printf("FAIL: blockSum over %d threads, block %d: %d %d, want %d "
                  "%d\n",
                  Threads, B, Out[2 * B], Out[2 * B + 1], Want, 2 * Want);
      return false;
    }
  }
  return true;
}

/// The host's version of laneTests for thread X of a row.
static void laneTestsOnHost(int X, const std::vector<int> &PerWarp, int *Want) {
  unsigned Lane = X & 31, Warp = X >> 5;
  Want[0] = Lane < 5 ? 1 : 0;
  Want[1] = Lane >= 24 ? 2 : 0;
  Want[2] = Lane != 0 ? 3 : 0;
  Want[3] = Warp == 1 ? 4 : 0;
  Want[4] = Lane < 4 ? PerWarp[Lane] : -7;
  int Far = Want[4] + 1;
  Want[5] = (Far >= 0 && Far < 32) ? PerWarp[Far] : -9;
}

/// Blocks of Bx x By threads, Bx <= 128 or By == 1 (see PerWarp's index).
static bool checkLaneTests(int Bx, int By) {
  const int Blocks = 3, Tests = 6;
  int Threads = Bx * By;
  std::vector<int> Out(size_t(Blocks) * Threads * Tests);
  int *Dev;
  CHECK(cudaMalloc(&Dev, Out.size() * sizeof(int)));
  CHECK(cudaMemset(Dev, 0, Out.size() * sizeof(int)));
  laneTests<<<Blocks, dim3(Bx, By)>>>(Dev, Tests);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), Dev, Out.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(Dev));
  std::vector<int> PerWarp(32, -1);
  for (int Y = 0; Y < By; ++Y)
    for (int X = 0; X < Bx; X += 32)
      PerWarp[(X >> 5) + 4 * Y] = Y * Bx + X;
  for (int B = 0; B < Blocks; ++B)
    for (int Y = 0; Y < By; ++Y)
      for (int X = 0; X < Bx; ++X) {
        int Want[Tests];
        laneTestsOnHost(X, PerWarp, Want);
        const int *Got =
            &Out[(size_t(B) * Threads + size_t(Y) * Bx + X) * Tests];
        for (int T = 0; T < Tests; ++T)
          if (Got[T] != Want[T]) {
            std::printf("FAIL: lane test %d, block %dx%d, thread (%d,%d): "
                        "%d, want %d\n",
                        T, Bx, By, X, Y, Got[T], Want[T]);
            return false;
          }
      }
  return true;
}

static bool checkLateLanes(int Threads, int Skip) {
  const int Blocks = 2;
  std::vector<int> Out(Blocks * Threads);
  int *Dev;
  CHECK(cudaMalloc(&Dev, Out.size() * sizeof(int)));
  CHECK(cudaMemset(Dev, 0xff, Out.size() * sizeof(int)));
  lateLanes<<<Blocks, Threads>>>(Dev, Skip);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), Dev, Out.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(Dev));
  for (int B = 0; B < Blocks; ++B)
    for (int T = 0; T < Threads; ++T) {
      int Want = -1;
      if (T >= Skip && (T & 31) < 3) {
        // Seen[w] holds lane 0's mark if warp w's lane 0 ran, else the 0
        // that thread w + 64 stored (Skip <= 64 here).
        int W = T >> 5;
        Want = (W * 32 >= Skip ? W * 32 + 1000 : 0) + (T & 31);
      }
      if (Out[B * Threads + T] != Want) {
        std::printf("FAIL: late lanes, %d threads from %d, thread %d: %d, "
                    "want %d\n",
                    Threads, Skip, T, Out[B * Threads + T], Want);
        return false;
      }
    }
  return true;
}

__device__ unsigned ptxLaneId() {
  unsigned Lane;
  asm("mov.u32 %0, %%laneid;" : "=r"(Lane));
  return Lane;
}

// Each thread stores at its warp's lane slot; lane 0 of each warp then
// reads its warp's last slot (a region that opens with a lane test); every
// thread finally reads its next lane's slot.
__global__ void linearLanes(int *Out, int *WarpLast) {
  __shared__ int Buf[1024];
  int Linear =
      threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  int Threads = blockDim.x * blockDim.y * blockDim.z;
  Buf[(Linear / 32) * 32 + ptxLaneId()] = Linear * 7 + 3;
  __syncthreads();
  unsigned Lane = ptxLaneId();
  if (Lane == 0) {
    int Warp = Linear / 32;
    int Last = min(Warp * 32 + 31, Threads - 1);
    WarpLast[blockIdx.x * 32 + Warp] = Buf[Last] - Linear;
  }
  __syncthreads();
  Lane = ptxLaneId();
  int Next = (Linear / 32) * 32 + ((Lane + 1) & 31);
  Out[blockIdx.x * Threads + Linear] = Next < Threads ? Buf[Next] : -1;
}

static bool checkLinearLanes(dim3 Block) {
  const int Blocks = 2, Threads = Block.x * Block.y * Block.z;
  const int Warps = (Threads + 31) / 32;
  std::vector<int> Out(Blocks * Threads), WarpLast(Blocks * 32);
  int *DevOut, *DevLast;
  CHECK(cudaMalloc(&DevOut, Out.size() * sizeof(int)));
  CHECK(cudaMalloc(&DevLast, WarpLast.size() * sizeof(int)));
  CHECK(cudaMemset(DevLast, 0xff, WarpLast.size() * sizeof(int)));
  linearLanes<<<Blocks, Block>>>(DevOut, DevLast);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DevOut, Out.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(WarpLast.data(), DevLast, WarpLast.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DevOut));
  CHECK(cudaFree(DevLast));
  for (int B = 0; B < Blocks; ++B) {
    for (int W = 0; W < 32; ++W) {
      int Last = W * 32 + 31 < Threads ? W * 32 + 31 : Threads - 1;
      int Want = W < Warps ? (Last * 7 + 3) - W * 32 : -1;
      if (WarpLast[B * 32 + W] != Want) {
        std::printf("FAIL: linear lanes, block %ux%ux%u, warp %d: %d, want "
                    "%d\n",
                    Block.x, Block.y, Block.z, W, WarpLast[B * 32 + W], Want);
        return false;
      }
    }
    for (int T = 0; T < Threads; ++T) {
      int Next = (T / 32) * 32 + ((T + 1) & 31);
      int Want = Next < Threads ? Next * 7 + 3 : -1;
      if (Out[B * Threads + T] != Want) {
        std::printf("FAIL: linear lanes, block %ux%ux%u, thread %d: %d, want "
                    "%d\n",
                    Block.x, Block.y, Block.z, T, Out[B * Threads + T], Want);
        return false;
      }
    }
  }
  return true;
}

// CUB's BlockExchange mixes the two: its warp is threadIdx.x / 32 and its
// lane `%laneid`. They agree only where blockDim.x is a multiple of 32.
__global__ void mixedLanes(int *Out) {
  __shared__ int Buf[1024];
  int Linear =
      threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  int Threads = blockDim.x * blockDim.y * blockDim.z;
  Buf[Linear] = Linear * 3;
  __syncthreads();
  unsigned Lane = ptxLaneId();
  int Warp = threadIdx.x / 32;
  int Base = threadIdx.x & -32;
  int Slot = Warp * 32 + Lane;
  int *Mine = Out + 4 * (blockIdx.x * Threads + Linear);
  Mine[0] = Warp;
  Mine[1] = Lane;
  Mine[2] = Base;
  Mine[3] = Slot < Threads ? Buf[Slot] : -1;
}

static bool checkMixedLanes(dim3 Block) {
  const int Blocks = 2, Threads = Block.x * Block.y * Block.z;
  std::vector<int> Out(4 * Blocks * Threads);
  int *Dev;
  CHECK(cudaMalloc(&Dev, Out.size() * sizeof(int)));
  mixedLanes<<<Blocks, Block>>>(Dev);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), Dev, Out.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(Dev));
  for (int B = 0; B < Blocks; ++B)
    for (int T = 0; T < Threads; ++T) {
      int X = T % Block.x, Warp = X / 32, Lane = T % 32;
      int Slot = Warp * 32 + Lane;
      int Want[4] = {Warp, Lane, X & -32, Slot < Threads ? Slot * 3 : -1};
      for (int F = 0; F < 4; ++F)
        if (Out[4 * (B * Threads + T) + F] != Want[F]) {
          std::printf("FAIL: mixed lanes, block %ux%ux%u, thread %d, field "
                      "%d: %d, want %d\n",
                      Block.x, Block.y, Block.z, T, F,
                      Out[4 * (B * Threads + T) + F], Want[F]);
          return false;
        }
    }
  return true;
}

int main() {
  for (int Threads : {32, 64, 96, 256, 512})
    if (!checkBlockSums(Threads))
      return 1;
  const int Shapes[][2] = {{256, 1}, {100, 1}, {48, 1}, {33, 3},
                           {16, 8},  {32, 4},  {8, 4},  {64, 2}};
  for (const auto &Shape : Shapes)
    if (!checkLaneTests(Shape[0], Shape[1]))
      return 1;
  for (int Threads : {32, 64, 100, 256})
    if (!checkFirstLanes(Threads))
      return 1;
  for (int Skip : {0, 1, 5, 31, 32, 40})
    if (!checkLateLanes(96, Skip))
      return 1;
  for (dim3 Block :
       {dim3(12, 5, 2), dim3(33, 3), dim3(16, 8), dim3(7, 3, 5), dim3(32, 4),
        dim3(256), dim3(100), dim3(64, 2), dim3(32, 3, 2), dim3(48, 2)})
    if (!checkLinearLanes(Block) || !checkMixedLanes(Block))
      return 1;
  std::printf("PASS\n");
  return 0;
}
