// memcheck inside loops: HoistMemoryChecks tests a loop nest's whole
// address range once before it and runs an unchecked copy when it passes;
// when it does not, every access is checked as before, so the bad one is
// still reported at its line, with its thread. Covered here: a per-thread
// loop one element too far, a shared tile read one column too far, and an
// unsigned index that wraps (thread 0's t - 1).
// RUN: %txcc --check=memcheck -O2 %s -o %t
// RUN: %not %t rows 2>&1 | %FileCheck %s --check-prefix=ROWS
// RUN: %not %t tile 2>&1 | %FileCheck %s --check-prefix=TILE
// RUN: %not %t wrap 2>&1 | %FileCheck %s --check-prefix=WRAP
// RUN: %t clean 2>&1 | %FileCheck %s --check-prefix=CLEAN

#include <cstdio>
#include <cstring>

__global__ void sumRows(const float *M, float *Out, int Cols, int Extra) {
  int T = blockIdx.x * blockDim.x + threadIdx.x;
  float Sum = 0;
  for (int C = 0; C < Cols + Extra; ++C)
    Sum += M[T * Cols + C];
  Out[T] = Sum;
}

__global__ void tileSums(float *Out, int Extra) {
  __shared__ float Tile[16][16];
  Tile[threadIdx.y][threadIdx.x] = threadIdx.x;
  __syncthreads();
  float Sum = 0;
  for (int K = 0; K < 16 + Extra; ++K)
    Sum += Tile[threadIdx.y][K] * Tile[K % 16][threadIdx.x];
  Out[threadIdx.y * 16 + threadIdx.x] = Sum;
}

__global__ void previous(const float *In, float *Out, unsigned First) {
  unsigned I = threadIdx.x - First; // Thread 0 wraps when First is 1.
  Out[threadIdx.x] = In[I];
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "clean";
  const int Rows = 256, Cols = 64;
  float *M, *Out;
  cudaMalloc(&M, Rows * Cols * sizeof(float));
  cudaMalloc(&Out, Rows * sizeof(float));
  cudaMemset(M, 0, Rows * Cols * sizeof(float));
  cudaError_t Err = cudaSuccess;
  if (!strcmp(Mode, "rows")) {
    sumRows<<<2, 128>>>(M, Out, Cols, 1);
  } else if (!strcmp(Mode, "tile")) {
    tileSums<<<1, dim3(16, 16)>>>(Out, 1);
  } else if (!strcmp(Mode, "wrap")) {
    previous<<<1, 64>>>(M, Out, 1);
  } else {
    // The same kernels within bounds, twice each (the second launch finds
    // the sites' ranges cached).
    for (int Round = 0; Round < 2; ++Round) {
      sumRows<<<2, 128>>>(M, Out, Cols, 0);
      tileSums<<<1, dim3(16, 16)>>>(Out, 0);
      previous<<<1, 64>>>(M, Out, 0);
    }
  }
  Err = cudaDeviceSynchronize();
  std::printf("after the launch: %s\n", cudaGetErrorName(Err));
  return 0;
}

// ROWS:      Invalid __global__ read of size 4 bytes
// ROWS-NEXT: at sumRows(float const*, float*, int, int) in {{.*}}memcheck-loops.cu:20
// ROWS-NEXT: by thread (127,0,0) in block (1,0,0)
// ROWS-NEXT: Address 0x{{[0-9a-f]+}} is out of bounds
// ROWS-NEXT: and is 0 bytes after the nearest allocation at 0x{{[0-9a-f]+}} of size 65536 bytes
// ROWS:      ERROR SUMMARY: 1 error

// TILE:      Invalid __shared__ read of size 4 bytes
// TILE-NEXT: at tileSums(float*, int) in {{.*}}memcheck-loops.cu:30
// TILE-NEXT: by thread ({{[0-9]+}},15,0) in block (0,0,0)
// TILE-NEXT: Address 0x{{[0-9a-f]+}} is out of bounds
// TILE-NEXT: and is 0 bytes after the block's shared memory at 0x{{[0-9a-f]+}} of size 1024 bytes
// TILE:      ERROR SUMMARY: 1 error

// WRAP:      Invalid __global__ read of size 4 bytes
// WRAP-NEXT: at previous(float const*, float*, unsigned int) in {{.*}}memcheck-loops.cu:36
// WRAP-NEXT: by thread (0,0,0) in block (0,0,0)
// WRAP-NEXT: Address 0x{{[0-9a-f]+}} is out of bounds
// WRAP:      ERROR SUMMARY: 1 error

// CLEAN-NOT: Invalid
// CLEAN:     after the launch: cudaSuccess
// CLEAN:     ERROR SUMMARY: 0 errors
