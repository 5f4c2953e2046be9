// memcheck on the memory of a block and of a thread: an index past the
// block's shared memory (static plus dynamic bytes), past a local array,
// past a __device__ array, all reported against that object with the
// source line; each block that faulted before the launch was abandoned
// counts (one or two here).
// RUN: %txcc --check=memcheck -O2 %s -o %t
// RUN: %not %t shared 2>&1 | %FileCheck %s --check-prefix=SHARED
// RUN: %not %t local 2>&1 | %FileCheck %s --check-prefix=LOCAL
// RUN: %not %t variable 2>&1 | %FileCheck %s --check-prefix=VARIABLE
// RUN: %t clean 2>&1 | %FileCheck %s --check-prefix=CLEAN

#include <cstdio>
#include <cstring>

__device__ int Table[64];

__device__ __noinline__ int sumOf(const int *Values, int Count) {
  int Sum = 0;
  for (int I = 0; I < Count; ++I)
    Sum += Values[I];
  return Sum;
}

__global__ void blockMemory(int *Out, int Mode, int Shift) {
  __shared__ int Tile[128];
  extern __shared__ int Extra[];
  int Local[8];
  int T = threadIdx.x;
  Tile[T] = T;
  Extra[T] = 2 * T;
  for (int J = 0; J < 8; ++J)
    Local[J] = J + T;
  Table[T & 63] = T;
  __syncthreads();
  int V = Tile[127 - T] + Extra[(T + 1) % 128] + sumOf(Local, 8);
  if (Mode == 1)
    V += Extra[T + Shift];
  if (Mode == 2)
    V += Local[(T & 7) + Shift];
  if (Mode == 3)
    V += Table[(T & 63) + Shift];
  Out[blockIdx.x * blockDim.x + T] = V;
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "clean";
  int M = !strcmp(Mode, "shared") ? 1 : !strcmp(Mode, "local") ? 2
          : !strcmp(Mode, "variable") ? 3 : 0;
  // Past the end for the last thread only (T + Shift == size).
  int Shift = M ? 1 : 0;
  int *Out;
  cudaMalloc(&Out, 2 * 128 * sizeof(int));
  blockMemory<<<2, 128, 128 * sizeof(int)>>>(Out, M, Shift);
  cudaError_t Err = cudaDeviceSynchronize();
  std::printf("after the launch: %s\n", cudaGetErrorName(Err));
  return 0;
}

// SHARED:      Invalid __shared__ read of size 4 bytes
// SHARED-NEXT: at blockMemory(int*, int, int) in {{.*}}memcheck-shared-local.cu:37
// SHARED-NEXT: by thread (127,0,0) in block ({{[01]}},0,0)
// SHARED-NEXT: Address 0x{{[0-9a-f]+}} is out of bounds
// SHARED-NEXT: and is 0 bytes after the block's shared memory at 0x{{[0-9a-f]+}} of size 1024 bytes
// SHARED:      ERROR SUMMARY: {{[12]}} error

// LOCAL:      Invalid __local__ read of size 4 bytes
// LOCAL-NEXT: at blockMemory(int*, int, int) in {{.*}}memcheck-shared-local.cu:39
// LOCAL-NEXT: by thread ({{[0-9]+}},0,0) in block ({{[01]}},0,0)
// LOCAL-NEXT: Address 0x{{[0-9a-f]+}} is out of bounds
// LOCAL-NEXT: and is 0 bytes after a local array at 0x{{[0-9a-f]+}} of size 32 bytes
// LOCAL:      ERROR SUMMARY: {{[12]}} error

// VARIABLE:      Invalid __global__ read of size 4 bytes
// VARIABLE-NEXT: at blockMemory(int*, int, int) in {{.*}}memcheck-shared-local.cu:41
// VARIABLE-NEXT: by thread (63,0,0) in block ({{[01]}},0,0)
// VARIABLE-NEXT: Address 0x{{[0-9a-f]+}} is out of bounds
// VARIABLE-NEXT: and is 0 bytes after variable Table at 0x{{[0-9a-f]+}} of size 256 bytes
// VARIABLE:      ERROR SUMMARY: {{[12]}} error

// CLEAN-NOT:  Invalid
// CLEAN:      after the launch: cudaSuccess
// CLEAN-NEXT: ERROR SUMMARY: 0 errors
