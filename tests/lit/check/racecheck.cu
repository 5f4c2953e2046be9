// racecheck (txcc --check=racecheck): two threads of a block touching the
// same __shared__ bytes between the same two barriers, one writing, are
// reported per pair of source lines with the hazard count, and each pair
// is an error (exit status 1); the launch itself succeeds. Here: a missing
// barrier between a write and the neighbour's read, every thread writing
// one cell, and a warp-synchronous reduction without __syncwarp(). A tree
// reduction with its barriers, atomics, per-thread cells and a flag every
// thread sets to the same value: no report.
// RUN: %txcc --check=racecheck -O2 %s -o %t
// RUN: %not %t missing-barrier 2>&1 | %FileCheck %s --check-prefix=RAW
// RUN: %not %t same-cell 2>&1 | %FileCheck %s --check-prefix=WAW
// RUN: %not %t warp-sync 2>&1 | %FileCheck %s --check-prefix=WARP
// RUN: %t clean 2>&1 | %FileCheck %s --check-prefix=CLEAN

#include <cstdio>
#include <cstring>

__global__ void neighbours(int *Out) {
  __shared__ int Cells[128];
  int T = threadIdx.x;
  Cells[T] = T;
  // Missing __syncthreads() here.
  Out[T] = Cells[(T + 1) % 128];
}

__global__ void sameCell(int *Out) {
  __shared__ int Cell;
  Cell = threadIdx.x;
  __syncthreads();
  Out[threadIdx.x] = Cell;
}

__global__ void warpSum(const int *In, int *Out) {
  __shared__ volatile int Partial[64];
  int T = threadIdx.x;
  Partial[T] = In[T];
  __syncthreads();
  if (T < 32) {
    // Relies on the warp running in lockstep: no __syncwarp().
    Partial[T] += Partial[T + 32];
    Partial[T] += Partial[T + 16];
  }
  __syncthreads();
  if (T == 0)
    *Out = Partial[0] + Partial[1];
}

__global__ void clean(const int *In, int *Out) {
  __shared__ int Sum[128];
  __shared__ int Count;
  __shared__ int AnyZero;
  int T = threadIdx.x;
  if (T == 0)
    Count = AnyZero = 0;
  Sum[T] = In[T];
  __syncthreads();
  // Every thread may set the flag: the same value, no hazard.
  if (In[T] == 0)
    AnyZero = 1;
  for (int Stride = 64; Stride > 0; Stride /= 2) {
    if (T < Stride)
      Sum[T] += Sum[T + Stride];
    __syncthreads();
  }
  atomicAdd(&Count, 1);
  __syncthreads();
  if (T == 0)
    Out[0] = Sum[0] + Count + AnyZero;
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "clean";
  int *In, *Out;
  cudaMalloc(&In, 128 * sizeof(int));
  cudaMalloc(&Out, 128 * sizeof(int));
  cudaMemset(In, 0, 128 * sizeof(int));
  if (!strcmp(Mode, "missing-barrier"))
    neighbours<<<2, 128>>>(Out);
  else if (!strcmp(Mode, "same-cell"))
    sameCell<<<1, 64>>>(Out);
  else if (!strcmp(Mode, "warp-sync"))
    warpSum<<<1, 64>>>(In, Out);
  else
    clean<<<2, 128>>>(In, Out);
  cudaError_t Err = cudaDeviceSynchronize();
  std::printf("after the launch: %s\n", cudaGetErrorName(Err));
  return 0;
}

// The CPU runs thread 0, then 1, ...: each thread's read of its
// neighbour's cell comes before the neighbour's write (write-after-read),
// except the last thread's, which wraps to thread 0's (read-after-write).
// RAW:      ========= TONGXIN RACECHECK (txcc --check=racecheck)
// RAW:      after the launch: cudaSuccess
// RAW:      ========= Error: Race reported between Write access at neighbours(int*) in {{.*}}racecheck.cu:21
// RAW-NEXT: =========     and Read access at neighbours(int*) in {{.*}}racecheck.cu:23 [2 hazards]
// RAW:      ========= Error: Race reported between Read access at neighbours(int*) in {{.*}}racecheck.cu:23
// RAW-NEXT: =========     and Write access at neighbours(int*) in {{.*}}racecheck.cu:21 [254 hazards]
// RAW:      ========= ERROR SUMMARY: 2 errors

// WAW:      Error: Race reported between Write access at sameCell(int*) in {{.*}}racecheck.cu:28
// WAW-NEXT: and Write access at sameCell(int*) in {{.*}}racecheck.cu:28 [63 hazards]
// WAW-NEXT: (also between threads of one warp
// WAW:      ERROR SUMMARY: 1 error

// WARP:     Race reported between Read access at warpSum(int const*, int*) in {{.*}}racecheck.cu:41
// WARP-NEXT: and Write access at warpSum(int const*, int*) in {{.*}}racecheck.cu:40 [16 hazards]
// WARP-NEXT: (also between threads of one warp: code that relies on the warp running in lockstep needs __syncwarp())
// WARP:     ERROR SUMMARY: 2 errors

// CLEAN-NOT: Race reported
// CLEAN:     after the launch: cudaSuccess
// CLEAN:     ERROR SUMMARY: 0 errors
