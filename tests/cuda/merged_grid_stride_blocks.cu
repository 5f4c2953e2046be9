// Grid-stride kernels launched with a constant block width, whose
// neighbouring blocks the CPU lowering may run as one merged block
// (MergeBlocks.cpp): every element must still be handled by the thread and
// block CUDA assigns it, warp collectives must stay within a block's warps,
// and blocks that run different numbers of barriers, or return early, must
// not disturb each other. Grids that are not a multiple of the merge, that
// are smaller than it, and launches of another width (which run one block
// at a time) are checked against the same host reference.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>
#include <vector>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t err_ = (call);                                                 \
    if (err_ != cudaSuccess) {                                                 \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(err_));                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

// Which block and thread handled each element, and the block's width.
__global__ void owners(unsigned *Out, int N) {
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    Out[I] = blockIdx.x * 65536u + threadIdx.x * 2u + (blockDim.x == 256u);
}

// Per-thread sums folded by warp shuffles, one atomic per warp: the sum of
// each warp's elements lands in its own slot (block * warps + warp).
__global__ void warpSums(const int *In, long long *Sums, int N) {
  long long Sum = 0;
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    Sum += In[I];
  for (int Offset = 16; Offset > 0; Offset >>= 1)
    Sum += __shfl_down_sync(0xffffffffu, Sum, Offset);
  if ((threadIdx.x & 31) == 0)
    atomicAdd(reinterpret_cast<unsigned long long *>(
                  &Sums[blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32]),
              static_cast<unsigned long long>(Sum));
}

// Blocks run 1 to 3 rounds of barriers and warp exchanges (by blockIdx.x),
// and every fifth block returns before its grid-stride loop. (Barriers that
// blocks reach by their index keep the kernel from being merged; it must
// still run right.)
__global__ void unevenBlocks(const int *In, int *Out, int N) {
  int Acc = 0;
  for (int R = 0; R <= int(blockIdx.x % 3); ++R) {
    __syncthreads();
    Acc += __shfl_xor_sync(0xffffffffu, int(threadIdx.x) + R, 1);
  }
  if (blockIdx.x % 5 == 4)
    return;
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    Out[I] = In[I] * 3 + Acc;
}

static int uneven(int Block, int Thread) {
  int Acc = 0;
  for (int R = 0; R <= Block % 3; ++R)
    Acc += (Thread ^ 1) + R;
  return Acc;
}

static int checkOwners(int Grid, int Width, int N, unsigned *Dev) {
  std::vector<unsigned> Got(N);
  CHECK(cudaMemset(Dev, 0xff, N * sizeof(unsigned)));
  if (Width == 256)
    owners<<<Grid, 256>>>(Dev, N);
  else
    owners<<<Grid, Width>>>(Dev, N);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Got.data(), Dev, N * sizeof(unsigned),
                   cudaMemcpyDeviceToHost));
  for (int I = 0; I < N; ++I) {
    unsigned Block = (I / Width) % Grid, Thread = I % Width;
    unsigned Want = Block * 65536u + Thread * 2u + (Width == 256);
    if (Got[I] != Want) {
      printf("FAIL: owners grid %d width %d: element %d got %u want %u\n", Grid,
             Width, I, Got[I], Want);
      return 1;
    }
  }
  return 0;
}

int main(int Argc, char **) {
  const int N = 1 << 20 | 777;
  // Not a constant the compiler can see: launches of this width run one
  // block at a time.
  const int OtherWidth = 64 * (Argc + 1);
  unsigned *DevOwners;
  int *DevIn, *DevOut;
  long long *DevSums;
  std::vector<int> In(N);
  for (int I = 0; I < N; ++I)
    In[I] = (I * 7919) % 1001 - 500;
  CHECK(cudaMalloc(&DevOwners, N * sizeof(unsigned)));
  CHECK(cudaMalloc(&DevIn, N * sizeof(int)));
  CHECK(cudaMalloc(&DevOut, N * sizeof(int)));
  CHECK(cudaMemcpy(DevIn, In.data(), N * sizeof(int), cudaMemcpyHostToDevice));

  for (int Grid : {1, 3, 4, 5, 1023, 1024})
    if (checkOwners(Grid, 256, N, DevOwners))
      return 1;
  if (checkOwners(37, OtherWidth, N, DevOwners))
    return 1;

  for (int Grid : {3, 13, 512}) {
    int Warps = Grid * 256 / 32;
    CHECK(cudaMalloc(&DevSums, Warps * sizeof(long long)));
    CHECK(cudaMemset(DevSums, 0, Warps * sizeof(long long)));
    warpSums<<<Grid, 256>>>(DevIn, DevSums, N);
    CHECK(cudaGetLastError());
    std::vector<long long> Got(Warps), Want(Warps, 0);
    CHECK(cudaMemcpy(Got.data(), DevSums, Warps * sizeof(long long),
                     cudaMemcpyDeviceToHost));
    for (int I = 0; I < N; ++I)
      Want[((I / 256) % Grid) * 8 + (I % 256) / 32] += In[I];
    for (int W = 0; W < Warps; ++W)
      if (Got[W] != Want[W]) {
        printf("FAIL: warpSums grid %d: warp %d got %lld want %lld\n", Grid, W,
               Got[W], Want[W]);
        return 1;
      }
    CHECK(cudaFree(DevSums));
  }

  for (int Grid : {7, 40, 1021}) {
    CHECK(cudaMemset(DevOut, 0, N * sizeof(int)));
    unevenBlocks<<<Grid, 128>>>(DevIn, DevOut, N);
    CHECK(cudaGetLastError());
    std::vector<int> Got(N);
    CHECK(cudaMemcpy(Got.data(), DevOut, N * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int I = 0; I < N; ++I) {
      int Block = (I / 128) % Grid, Thread = I % 128;
      int Want = Block % 5 == 4 ? 0 : In[I] * 3 + uneven(Block, Thread);
      if (Got[I] != Want) {
        printf("FAIL: unevenBlocks grid %d: element %d got %d want %d\n", Grid,
               I, Got[I], Want);
        return 1;
      }
    }
  }
  CHECK(cudaFree(DevOwners));
  CHECK(cudaFree(DevIn));
  CHECK(cudaFree(DevOut));
  printf("PASS\n");
  return 0;
}
