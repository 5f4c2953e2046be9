// Kernels whose launches in this file all give the same constant block of
// several rows get a block function with blockDim.x, .y and .z fixed
// (FixedWidthBlocks.cpp); the general one runs every other shape. Each
// kernel runs with its constant block (the fixed version) and with a block
// whose shape is only known at run time (the general function), on sizes
// that leave partial tiles, and is checked against a host model:
//  - a naive matrix product, 16x16 blocks, against a 16x8 block at run time;
//  - a tiled transpose, 32x8 blocks, four rows of the tile per thread, a
//    barrier between the loads and the stores; against 32x4;
//  - an 8x4x2 block that reverses its threads' values through shared
//    memory, against 4x4x4, 8x2x2 and 8x4x1 (the last two differ from it
//    in y or in z only).
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <cuda_runtime.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t Err = (call);                                                  \
    if (Err != cudaSuccess) {                                                  \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,               \
             cudaGetErrorString(Err));                                         \
      return 1;                                                                \
    }                                                                          \
  } while (0)

__global__ void naiveProduct(const float *A, const float *B, float *C, int N) {
  int Row = blockIdx.y * blockDim.y + threadIdx.y;
  int Col = blockIdx.x * blockDim.x + threadIdx.x;
  if (Row < N && Col < N) {
    float Sum = 0.0f;
    for (int K = 0; K < N; ++K)
      Sum += A[Row * N + K] * B[K * N + Col];
    C[Row * N + Col] = Sum;
  }
}

constexpr int TileDim = 32;

__global__ void transposeTiled(float *Out, const float *In, int W, int H) {
  __shared__ float Tile[TileDim][TileDim + 1];
  int X = blockIdx.x * TileDim + threadIdx.x;
  int Y = blockIdx.y * TileDim + threadIdx.y;
  for (int J = 0; J < TileDim; J += blockDim.y)
    if (X < W && Y + J < H)
      Tile[threadIdx.y + J][threadIdx.x] = In[size_t(Y + J) * W + X];
  __syncthreads();
  X = blockIdx.y * TileDim + threadIdx.x;
  Y = blockIdx.x * TileDim + threadIdx.y;
  for (int J = 0; J < TileDim; J += blockDim.y)
    if (X < H && Y + J < W)
      Out[size_t(Y + J) * H + X] = Tile[threadIdx.x][threadIdx.y + J];
}

// Each thread writes a value of its own, then reads the value of the
// thread at the mirrored position of the block.
__global__ void reverseBlock(int *Out) {
  __shared__ int Values[1024];
  unsigned Threads = blockDim.x * blockDim.y * blockDim.z;
  unsigned T =
      threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  Values[T] = int(blockIdx.x * 1000 + T * 7 + threadIdx.z);
  __syncthreads();
  Out[blockIdx.x * Threads + T] = Values[Threads - 1 - T];
}

static int checkProduct(unsigned Rows) {
  const int N = 100; // Not a multiple of 16: partial tiles on both axes.
  std::vector<float> A(N * N), B(N * N), C(N * N, -1.0f), Want(N * N);
  for (int I = 0; I < N * N; ++I) {
    A[I] = float(I % 7) - 3.0f;
    B[I] = float(I % 5) - 2.0f;
  }
  for (int R = 0; R < N; ++R)
    for (int Col = 0; Col < N; ++Col) {
      float Sum = 0.0f;
      for (int K = 0; K < N; ++K)
        Sum += A[R * N + K] * B[K * N + Col];
      Want[R * N + Col] = Sum;
    }
  float *DA, *DB, *DC;
  size_t Bytes = N * N * sizeof(float);
  CHECK(cudaMalloc(&DA, Bytes));
  CHECK(cudaMalloc(&DB, Bytes));
  CHECK(cudaMalloc(&DC, Bytes));
  CHECK(cudaMemcpy(DA, A.data(), Bytes, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(DB, B.data(), Bytes, cudaMemcpyHostToDevice));
  CHECK(cudaMemset(DC, 0, Bytes));
  if (Rows == 16) {
    dim3 Block(16, 16);
    dim3 Grid((N + 15) / 16, (N + 15) / 16);
    naiveProduct<<<Grid, Block>>>(DA, DB, DC, N);
  } else {
    dim3 Block(16, Rows);
    dim3 Grid((N + 15) / 16, (N + Rows - 1) / Rows);
    naiveProduct<<<Grid, Block>>>(DA, DB, DC, N);
  }
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(C.data(), DC, Bytes, cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DA));
  CHECK(cudaFree(DB));
  CHECK(cudaFree(DC));
  int Failures = 0;
  for (int I = 0; I < N * N; ++I)
    if (C[I] != Want[I] && Failures++ < 5)
      printf("FAIL: product with %u rows: C[%d][%d] = %g, expected %g\n", Rows,
             I / N, I % N, C[I], Want[I]);
  return Failures;
}

static int checkTranspose(unsigned Rows) {
  const int W = 70, H = 45; // Partial tiles on both axes.
  std::vector<float> In(W * H), Out(W * H, -1.0f);
  for (int I = 0; I < W * H; ++I)
    In[I] = float(I);
  float *DIn, *DOut;
  size_t Bytes = W * H * sizeof(float);
  CHECK(cudaMalloc(&DIn, Bytes));
  CHECK(cudaMalloc(&DOut, Bytes));
  CHECK(cudaMemcpy(DIn, In.data(), Bytes, cudaMemcpyHostToDevice));
  CHECK(cudaMemset(DOut, 0xff, Bytes));
  dim3 Grid((W + TileDim - 1) / TileDim, (H + TileDim - 1) / TileDim);
  if (Rows == 8) {
    dim3 Block(TileDim, 8);
    transposeTiled<<<Grid, Block>>>(DOut, DIn, W, H);
  } else {
    dim3 Block(TileDim, Rows);
    transposeTiled<<<Grid, Block>>>(DOut, DIn, W, H);
  }
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DOut, Bytes, cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DOut));
  int Failures = 0;
  for (int Y = 0; Y < H; ++Y)
    for (int X = 0; X < W; ++X)
      if (Out[X * H + Y] != In[Y * W + X] && Failures++ < 5)
        printf("FAIL: transpose with %u rows: Out[%d][%d] = %g, expected %g\n",
               Rows, X, Y, Out[X * H + Y], In[Y * W + X]);
  return Failures;
}

static int checkReverse(dim3 Block, bool Constant) {
  const unsigned Blocks = 3;
  unsigned Threads = Block.x * Block.y * Block.z;
  std::vector<int> Out(Blocks * Threads, -1);
  int *DOut;
  CHECK(cudaMalloc(&DOut, Out.size() * sizeof(int)));
  if (Constant)
    reverseBlock<<<Blocks, dim3(8, 4, 2)>>>(DOut);
  else
    reverseBlock<<<Blocks, Block>>>(DOut);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DOut, Out.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  CHECK(cudaFree(DOut));
  int Failures = 0;
  for (unsigned B = 0; B < Blocks; ++B)
    for (unsigned T = 0; T < Threads; ++T) {
      unsigned From = Threads - 1 - T;
      unsigned FromZ = From / (Block.x * Block.y);
      int Want = int(B * 1000 + From * 7 + FromZ);
      if (Out[B * Threads + T] != Want && Failures++ < 5)
        printf("FAIL: reverse in %ux%ux%u: block %u thread %u = %d, "
               "expected %d\n",
               Block.x, Block.y, Block.z, B, T, Out[B * Threads + T], Want);
    }
  return Failures;
}

int main(int Argc, char **) {
  // Shapes the compiler cannot see: they depend on the argument count.
  unsigned Few = Argc > 8 ? 2u : 8u;
  int Failures = checkProduct(16) + checkProduct(Few) + checkTranspose(8) +
                 checkTranspose(Few / 2) + checkReverse(dim3(8, 4, 2), true) +
                 checkReverse(dim3(Few / 2, 4, 4), false) +
                 checkReverse(dim3(Few, 2, 2), false) +
                 checkReverse(dim3(Few, 4, Few / 8), false);
  if (Failures) {
    printf("FAIL: %d mismatches\n", Failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
