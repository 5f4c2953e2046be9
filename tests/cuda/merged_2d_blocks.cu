// Kernels of 2-D and 3-D blocks launched with a constant block, whose loops
// read rows of memory: the CPU lowering may run neighbouring blocks along x
// as one merged block (MergeBlocks.cpp). Each result must still come from
// the block and thread CUDA assigns it: a naive matrix product on sizes
// that are no multiples of the block or of the merge, blocks that run
// different numbers of barriers, a 3-D block, and a launch of another
// block shape (run one block at a time), against host references.
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

__global__ void matmul(const float *A, const float *B, float *C, int M, int N,
                       int K) {
  int Row = blockIdx.y * blockDim.y + threadIdx.y;
  int Col = blockIdx.x * blockDim.x + threadIdx.x;
  if (Row < M && Col < N) {
    float Sum = 0.0f;
    for (int Kk = 0; Kk < K; ++Kk)
      Sum += A[Row * K + Kk] * B[Kk * N + Col];
    C[Row * N + Col] = Sum;
  }
}

// Blocks along x run 1 to 3 rounds of a barrier, by blockIdx.x (which keeps
// the kernel from being merged); each thread then sums its column of In
// over the rounds' rows and records who it is.
__global__ void rounds(const int *In, int *Out, int Width, int Height) {
  int Col = blockIdx.x * blockDim.x + threadIdx.x;
  int Row = blockIdx.y * blockDim.y + threadIdx.y;
  int Acc = 0;
  for (int R = 0; R <= int(blockIdx.x % 3); ++R) {
    __syncthreads();
    if (Col < Width)
      Acc += In[(R * 7 + Row) % Height * Width + Col];
  }
  if (Col < Width && Row < Height)
    Out[Row * Width + Col] = Acc * 4096 +
                             int(threadIdx.y * blockDim.x + threadIdx.x) * 8 +
                             int(blockIdx.x % 8);
}

__global__ void layers(const int *In, int *Out, int Width, int Steps) {
  int Col = blockIdx.x * blockDim.x + threadIdx.x;
  int Plane = threadIdx.z * blockDim.y + threadIdx.y;
  int Acc = 0;
  for (int S = 0; S < Steps; ++S)
    if (Col < Width)
      Acc += In[S * Width + Col] * (Plane + 1);
  if (Col < Width)
    Out[(blockIdx.y * 8 + Plane) * Width + Col] = Acc;
}

static int checkMatmul(int M, int N, int K, dim3 Block, bool Constant) {
  std::vector<float> A(size_t(M) * K), B(size_t(K) * N), C(size_t(M) * N);
  for (size_t I = 0; I < A.size(); ++I)
    A[I] = float(int(I % 13) - 6);
  for (size_t I = 0; I < B.size(); ++I)
    B[I] = float(int(I % 11) - 5);
  float *DA, *DB, *DC;
  CHECK(cudaMalloc(&DA, A.size() * sizeof(float)));
  CHECK(cudaMalloc(&DB, B.size() * sizeof(float)));
  CHECK(cudaMalloc(&DC, C.size() * sizeof(float)));
  CHECK(cudaMemcpy(DA, A.data(), A.size() * sizeof(float),
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(DB, B.data(), B.size() * sizeof(float),
                   cudaMemcpyHostToDevice));
  dim3 Grid((N + Block.x - 1) / Block.x, (M + Block.y - 1) / Block.y);
  if (Constant)
    matmul<<<Grid, dim3(16, 16)>>>(DA, DB, DC, M, N, K);
  else
    matmul<<<Grid, Block>>>(DA, DB, DC, M, N, K);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(C.data(), DC, C.size() * sizeof(float),
                   cudaMemcpyDeviceToHost));
  for (int R = 0; R < M; ++R)
    for (int Col = 0; Col < N; ++Col) {
      float Want = 0.0f; // Small integers: exact in any order.
      for (int Kk = 0; Kk < K; ++Kk)
        Want += A[size_t(R) * K + Kk] * B[size_t(Kk) * N + Col];
      if (C[size_t(R) * N + Col] != Want) {
        printf("FAIL: matmul %dx%dx%d block %ux%u: C[%d][%d] = %f, want %f\n",
               M, N, K, Block.x, Block.y, R, Col, C[size_t(R) * N + Col], Want);
        return 1;
      }
    }
  CHECK(cudaFree(DA));
  CHECK(cudaFree(DB));
  CHECK(cudaFree(DC));
  return 0;
}

int main(int Argc, char **) {
  if (checkMatmul(200, 300, 77, dim3(16, 16), true) ||
      checkMatmul(64, 1000, 33, dim3(16, 16), true) ||
      checkMatmul(17, 40, 9, dim3(16, 16), true) ||
      checkMatmul(100, 150, 20, dim3(8 * Argc, 8), false))
    return 1;

  const int Width = 1000, Height = 24;
  std::vector<int> In(Width * Height), Out(Width * Height);
  for (int I = 0; I < Width * Height; ++I)
    In[I] = (I * 37) % 101;
  int *DIn, *DOut;
  CHECK(cudaMalloc(&DIn, In.size() * sizeof(int)));
  CHECK(cudaMalloc(&DOut, Out.size() * sizeof(int)));
  CHECK(cudaMemcpy(DIn, In.data(), In.size() * sizeof(int),
                   cudaMemcpyHostToDevice));
  CHECK(cudaMemset(DOut, 0, Out.size() * sizeof(int)));
  rounds<<<dim3((Width + 31) / 32, Height / 4), dim3(32, 4)>>>(DIn, DOut, Width,
                                                               Height);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Out.data(), DOut, Out.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  for (int Row = 0; Row < Height; ++Row)
    for (int Col = 0; Col < Width; ++Col) {
      int Block = Col / 32, Acc = 0;
      for (int R = 0; R <= Block % 3; ++R)
        Acc += In[(R * 7 + Row) % Height * Width + Col];
      int Want = Acc * 4096 + ((Row % 4) * 32 + Col % 32) * 8 + Block % 8;
      if (Out[Row * Width + Col] != Want) {
        printf("FAIL: rounds [%d][%d] = %d, want %d\n", Row, Col,
               Out[Row * Width + Col], Want);
        return 1;
      }
    }

  const int Steps = 5;
  std::vector<int> Planes(8 * 2 * Width);
  int *DPlanes;
  CHECK(cudaMalloc(&DPlanes, Planes.size() * sizeof(int)));
  layers<<<dim3((Width + 15) / 16, 2), dim3(16, 4, 2)>>>(DIn, DPlanes, Width,
                                                         Steps);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(Planes.data(), DPlanes, Planes.size() * sizeof(int),
                   cudaMemcpyDeviceToHost));
  for (int P = 0; P < 16; ++P)
    for (int Col = 0; Col < Width; ++Col) {
      int Acc = 0;
      for (int S = 0; S < Steps; ++S)
        Acc += In[S * Width + Col] * (P % 8 + 1);
      if (Planes[P * Width + Col] != Acc) {
        printf("FAIL: layers [%d][%d] = %d, want %d\n", P, Col,
               Planes[P * Width + Col], Acc);
        return 1;
      }
    }
  CHECK(cudaFree(DIn));
  CHECK(cudaFree(DOut));
  CHECK(cudaFree(DPlanes));
  printf("PASS\n");
  return 0;
}
