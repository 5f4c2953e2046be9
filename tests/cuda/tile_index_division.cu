// Threads that split an index into the row and column of a tile
// (e / Cols, e % Cols), and per-thread values carried around loops cut by
// barriers. On the CPU the thread loops of such regions are tiled by the
// divisor and the carried values share scratch slots with their loop
// phis; neither may change a result. Checked against the host for:
//  - the textbook tile staging loop (e = tid; e < Rows * Cols; e +=
//    blockDim.x) for block widths that are and are not multiples of the
//    tile's width, with two divisors (16 and 64) in one loop;
//  - a negative row offset, where signed division and remainder differ
//    from shifts and masks (the tiled loop must not be used);
//  - threadIdx.x / 8 and % 8 in a 2-D mapping of a 1-D block;
//  - a carried accumulator read after the loop, and one whose old value
//    is still used after its new one is computed.
#include <cstdio>
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

constexpr int Rows = 32, Cols = 16, Wide = 64, Steps = 5;

// Each step stages a Rows x Cols slice of In and a 4 x Wide slice in
// shared memory, then every thread sums a column of each; the sums carry
// over the steps.
__global__ void stageAndSum(const int *In, int N, int *Out) {
  __shared__ int Slice[Rows][Cols + 1];
  __shared__ int Band[4][Wide + 3];
  int Acc = 0, Old = 0;
  for (int K = 0; K < Steps; ++K) {
    for (int E = threadIdx.x; E < Rows * Cols; E += blockDim.x) {
      Slice[E / Cols][E % Cols] = In[(K * Rows + E / Cols) * N + E % Cols];
      if (E < 4 * Wide)
        Band[E / Wide][E % Wide] = In[(K * 4 + E / Wide) * N + 20 + E % Wide];
    }
    __syncthreads();
    Old = Acc; // Acc's old value lives on past its new one
    int Col = threadIdx.x % Cols;
    for (int R = 0; R < Rows; ++R)
      Acc += Slice[R][Col];
    Acc += Band[threadIdx.x % 4][threadIdx.x % Wide];
    __syncthreads();
    Acc += Old & 1;
  }
  Out[blockIdx.x * blockDim.x + threadIdx.x] = Acc * 3 + Old;
}

// Signed division of indices that may be negative (Base < 0) as shared
// memory coordinates: I / 16, I % 16 (towards zero) and I >> 3, I & 7
// (floor). The whole arrays go back to the host, so a cell written at the
// wrong place shows.
constexpr int GridRows = 96, GridCols = 32, FloorRows = 140;
__global__ void signedTiles(int Base, int *Out) {
  __shared__ int Grid[GridRows][GridCols];
  __shared__ int Floor[FloorRows][8];
  for (int E = threadIdx.x; E < GridRows * GridCols; E += blockDim.x)
    Grid[E / GridCols][E % GridCols] = -1;
  for (int E = threadIdx.x; E < FloorRows * 8; E += blockDim.x)
    Floor[E / 8][E % 8] = -1;
  __syncthreads();
  int I = Base + int(threadIdx.x);
  Grid[I / 16 + 20][I % 16 + 16] = threadIdx.x * 3 + 1;
  Floor[(I >> 3) + 40][I & 7] = threadIdx.x * 5 + 2;
  __syncthreads();
  for (int E = threadIdx.x; E < GridRows * GridCols; E += blockDim.x)
    Out[E] = Grid[E / GridCols][E % GridCols];
  for (int E = threadIdx.x; E < FloorRows * 8; E += blockDim.x)
    Out[GridRows * GridCols + E] = Floor[E / 8][E % 8];
}

// A 1-D block as rows of 8: row threadIdx.x / 8, column threadIdx.x % 8.
__global__ void transposeRows(const float *In, float *Out, int Height) {
  int Row = threadIdx.x / 8, Col = threadIdx.x % 8;
  if (Row < Height)
    Out[Col * Height + Row] = In[Row * 8 + Col] * 2.0f;
}

static int hostStageAndSum(const std::vector<int> &In, int N, int Thread) {
  int Acc = 0, Old = 0;
  for (int K = 0; K < Steps; ++K) {
    Old = Acc;
    int Col = Thread % Cols;
    for (int R = 0; R < Rows; ++R)
      Acc += In[(K * Rows + R) * N + Col];
    int BR = Thread % 4, BC = Thread % Wide;
    Acc += In[(K * 4 + BR) * N + 20 + BC];
    Acc += Old & 1;
  }
  return Acc * 3 + Old;
}

int main() {
  const int N = 128, Height = Steps * Rows;
  std::vector<int> HIn(Height * N);
  for (size_t I = 0; I < HIn.size(); ++I)
    HIn[I] = int((I * 2654435761u) % 1000) - 500;
  int *In, *Out;
  CHECK(cudaMalloc(&In, HIn.size() * sizeof(int)));
  CHECK(cudaMalloc(&Out, 8 * 1024 * sizeof(int)));
  CHECK(cudaMemcpy(In, HIn.data(), HIn.size() * sizeof(int),
                   cudaMemcpyHostToDevice));
  int Failures = 0;
  for (int Threads : {64, 128, 100, 48, 256, 512}) {
    const int Blocks = 3;
    stageAndSum<<<Blocks, Threads>>>(In, N, Out);
    CHECK(cudaGetLastError());
    std::vector<int> HOut(Blocks * Threads);
    CHECK(cudaMemcpy(HOut.data(), Out, HOut.size() * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int B = 0; B < Blocks; ++B)
      for (int T = 0; T < Threads; ++T) {
        int Want = hostStageAndSum(HIn, N, T);
        if (HOut[B * Threads + T] != Want && Failures++ < 5)
          printf("stageAndSum<%d> block %d thread %d: %d, expected %d\n",
                 Threads, B, T, HOut[B * Threads + T], Want);
      }
  }
  for (int Base : {-300, -17, -16, 0, 5, 500}) {
    const int Threads = 256, Cells = GridRows * GridCols + FloorRows * 8;
    signedTiles<<<1, Threads>>>(Base, Out);
    CHECK(cudaGetLastError());
    std::vector<int> HOut(Cells), Want(Cells, -1);
    CHECK(cudaMemcpy(HOut.data(), Out, Cells * sizeof(int),
                     cudaMemcpyDeviceToHost));
    for (int T = 0; T < Threads; ++T) {
      int I = Base + T;
      Want[(I / 16 + 20) * GridCols + I % 16 + 16] = T * 3 + 1;
      Want[GridRows * GridCols + ((I >> 3) + 40) * 8 + (I & 7)] = T * 5 + 2;
    }
    for (int E = 0; E < Cells; ++E)
      if (HOut[E] != Want[E] && Failures++ < 5)
        printf("signedTiles(%d) cell %d: %d, expected %d\n", Base, E, HOut[E],
               Want[E]);
  }
  {
    const int Rows8 = 37, Threads = 320;
    std::vector<float> HA(Rows8 * 8), HB(8 * Rows8, -1.0f);
    for (int I = 0; I < Rows8 * 8; ++I)
      HA[I] = float(I) * 0.25f;
    float *A, *B;
    CHECK(cudaMalloc(&A, HA.size() * sizeof(float)));
    CHECK(cudaMalloc(&B, HB.size() * sizeof(float)));
    CHECK(cudaMemcpy(A, HA.data(), HA.size() * sizeof(float),
                     cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(B, HB.data(), HB.size() * sizeof(float),
                     cudaMemcpyHostToDevice));
    transposeRows<<<1, Threads>>>(A, B, Rows8);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(HB.data(), B, HB.size() * sizeof(float),
                     cudaMemcpyDeviceToHost));
    for (int R = 0; R < Rows8; ++R)
      for (int C = 0; C < 8; ++C)
        if (HB[C * Rows8 + R] != HA[R * 8 + C] * 2.0f && Failures++ < 5)
          printf("transposeRows (%d, %d): %g, expected %g\n", R, C,
                 HB[C * Rows8 + R], HA[R * 8 + C] * 2.0f);
    CHECK(cudaFree(A));
    CHECK(cudaFree(B));
  }
  CHECK(cudaFree(In));
  CHECK(cudaFree(Out));
  if (Failures) {
    printf("FAIL: %d wrong values\n", Failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
